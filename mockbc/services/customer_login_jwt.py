"""The rules of a Customer Login JWT (BC_FACTS §3.14), shared by ``GET /login/token/{jwt}`` and the
GraphQL ``loginWithCustomerLoginJwt`` mutation.

HS256, signed with the client secret of an API account of the store holding
``store_v2_customers_login``; ``operation`` ``customer_login``; ``iat`` within 30 seconds of the clock;
``store_hash`` the storefront's; a ``jti`` works once per store, whichever of the two consumed it; the
customer and the channel (``channel_id``, else the storefront's) exist; ``request_ip``, when given, is the caller's; ``redirect_to`` a relative path.
A refusal raises ``Refused`` with its reason.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

import jwt

from mockbc.auth.scopes import SCOPES
from mockbc.auth.signing import check_signature
from mockbc.domain.errors import NotFound
from mockbc.services import channels, customers
from mockbc.store.registry import StoreRegistry
from mockbc.store.store import Store

LOGIN_SCOPE = SCOPES["customers_login"][0]
OPERATION = "customer_login"
DEFAULT_REDIRECT = "/account.php"
# BigCommerce: a token is valid for 30 seconds after its iat. The mock also accepts an iat up to
# 30 seconds ahead of its clock (the issuer's clock may run fast).
IAT_WINDOW_SECONDS = 30
MAX_TOKEN_CHARS = 8 * 1024
MAX_CLAIM_CHARS = 255
# Used jtis are remembered only while their iat is inside the window (older ones are refused as
# expired anyway), and at most this many: more than this many logins inside the window forget the
# oldest.
MAX_REMEMBERED_JTIS = 10_000
_RELATIVE_PATH = re.compile(r"/(?![/\\])[\x21-\x7e]*")
_UNVERIFIED = {"verify_signature": False}


class Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class UsedTokens:
    """jtis already spent, per issuer, with their iat: a token works once."""

    capacity: int = MAX_REMEMBERED_JTIS
    _iat_by_jti: OrderedDict[tuple[str, str], int] = field(default_factory=OrderedDict)

    def spend(self, issuer: str, jti: str, iat: int, now: int) -> bool:
        """Marks the jti used; ``False`` when it already was."""
        horizon = now - IAT_WINDOW_SECONDS
        for key in [k for k, at in self._iat_by_jti.items() if at < horizon]:
            del self._iat_by_jti[key]
        key = (issuer, jti)
        if key in self._iat_by_jti:
            return False
        self._iat_by_jti[key] = iat
        while len(self._iat_by_jti) > self.capacity:
            self._iat_by_jti.popitem(last=False)
        return True

    def __len__(self) -> int:
        return len(self._iat_by_jti)


_SPENT: WeakKeyDictionary[Store, UsedTokens] = WeakKeyDictionary()


def spent(store: Store) -> UsedTokens:
    """The store's used jtis (gone with the store)."""
    used = _SPENT.get(store)
    if used is None:
        used = _SPENT[store] = UsedTokens()
    return used


@dataclass(frozen=True, slots=True)
class Login:
    store_hash: str
    customer_id: int
    channel_id: int
    redirect_to: str


def check(registry: StoreRegistry, token: str, store_hash: str, host_channel: int, client_ip: str | None) -> Login:
    """The login the token grants on this storefront; ``Refused`` otherwise (its jti is spent only then)."""
    store = registry.get(store_hash)
    if store is None:
        raise Refused("unknown_store")
    claims = _unverified_claims(token)
    issuer = _text(claims, "iss")
    account = registry.account_by_client_id(store_hash, issuer)
    if account is None:
        raise Refused("invalid_issuer")
    try:
        check_signature(token, account.client_secret)
    except jwt.InvalidSignatureError:
        raise Refused("invalid_signature") from None
    except jwt.PyJWTError:
        raise Refused("malformed_token") from None
    if LOGIN_SCOPE not in account.scopes:
        raise Refused("missing_scope")
    if claims.get("operation") != OPERATION:
        raise Refused("invalid_operation")
    iat = _integer(claims, "iat")
    now = int(registry.clock.now().timestamp())
    if iat < now - IAT_WINDOW_SECONDS:
        raise Refused("token_expired")
    if iat > now + IAT_WINDOW_SECONDS:
        raise Refused("token_not_yet_valid")
    if _text(claims, "store_hash") != store_hash:
        raise Refused("wrong_store")
    jti = _text(claims, "jti")
    if not spent(store).spend(issuer, jti, iat, now):
        raise Refused("token_reused")
    try:
        customer = customers.get(store, _integer(claims, "customer_id"))
    except NotFound:
        raise Refused("unknown_customer") from None
    channel_id = _integer(claims, "channel_id") if "channel_id" in claims else host_channel
    if not channels.exists(store, channel_id):
        raise Refused("unknown_channel")
    if "request_ip" in claims and _text(claims, "request_ip") != client_ip:
        raise Refused("ip_mismatch")
    redirect_to = _text(claims, "redirect_to") if "redirect_to" in claims else DEFAULT_REDIRECT
    if _RELATIVE_PATH.fullmatch(redirect_to) is None:
        raise Refused("invalid_redirect")
    return Login(store_hash, customer.id, channel_id, redirect_to)


def _unverified_claims(token: str) -> dict[str, Any]:
    if len(token) > MAX_TOKEN_CHARS:
        raise Refused("malformed_token")
    try:
        if jwt.get_unverified_header(token).get("alg") != "HS256":
            raise Refused("malformed_token")
        claims: dict[str, Any] = jwt.decode(token, options=_UNVERIFIED)  # type: ignore[arg-type]
    except jwt.PyJWTError:
        raise Refused("malformed_token") from None
    return claims


def _text(claims: dict[str, Any], name: str) -> str:
    value = claims.get(name)
    if not isinstance(value, str) or not value or len(value) > MAX_CLAIM_CHARS:
        raise Refused("malformed_token")
    return value


def _integer(claims: dict[str, Any], name: str) -> int:
    value = claims.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**63:
        raise Refused("malformed_token")
    return value
