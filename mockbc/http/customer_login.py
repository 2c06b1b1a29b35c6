"""``GET /login/token/{jwt}`` on the storefront host: BigCommerce's Customer Login API (single
sign-on). A JWT signed (HS256) with the client secret of an API account of the store that holds
``store_v2_customers_login`` signs the shopper in and redirects to ``redirect_to``.

Success sets the session cookie and answers 302 to ``redirect_to`` (``/account.php`` when absent,
as BigCommerce's guide documents). Any refusal answers 302 to
``/login.php?action=login&error={reason}`` (``mockbc.presentation.storefront_auth``) and opens no
session: BigCommerce shows an error page, then its login page, and documents no codes.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import jwt
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from mockbc.auth.scopes import SCOPES
from mockbc.auth.signing import check_signature
from mockbc.domain.errors import NotFound
from mockbc.http.storefront import storefront_target
from mockbc.presentation.storefront_auth import login_refused_location
from mockbc.services import customers
from mockbc.store.journal import JournalEntry
from mockbc.store.registry import StoreRegistry
from mockbc.store.sessions import SESSION_COOKIE

LOGIN_SCOPE = SCOPES["customers_login"][0]
LOGIN_PATH = "/login/token/{token:path}"
OPERATION = "customer_login"
DEFAULT_REDIRECT = "/account.php"
# BigCommerce's sign-out target: a token naming it signs the shopper out instead of in.
SIGN_OUT_REDIRECT = "/login.php?action=logout"
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


@dataclass(frozen=True, slots=True)
class Login:
    store_hash: str
    customer_id: int
    channel_id: int
    redirect_to: str


def routes(registry: StoreRegistry) -> list[BaseRoute]:
    used = UsedTokens()

    async def login(request: Request) -> Response:
        store_hash, host_channel = storefront_target(request.headers.get("host"), registry)
        client_ip = request.client.host if request.client else None
        try:
            outcome = _check(registry, used, request.path_params["token"], store_hash, host_channel, client_ip)
        except Refused as refused:
            response: Response = RedirectResponse(login_refused_location(refused.reason), status_code=302)
        else:
            response = RedirectResponse(outcome.redirect_to, status_code=302)
            if outcome.redirect_to == SIGN_OUT_REDIRECT:
                registry.sessions.sign_out(request.cookies.get(SESSION_COOKIE))
                response.delete_cookie(SESSION_COOKIE, path="/", httponly=True)
            else:
                cookie = registry.sessions.sign_in(outcome.store_hash, outcome.customer_id, outcome.channel_id)
                response.set_cookie(SESSION_COOKIE, cookie, path="/", httponly=True, samesite="lax")
        registry.record(
            JournalEntry(
                method="GET", path="/login/token/", query="", status=302, store_hash=store_hash,
                time=registry.clock.now(),  # the token is a credential: never journaled
            )
        )  # fmt: skip
        return response

    return [Route(LOGIN_PATH, login, methods=["GET"])]


def _check(
    registry: StoreRegistry, used: UsedTokens, token: str, store_hash: str, host_channel: int, client_ip: str | None
) -> Login:
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
    if not used.spend(issuer, jti, iat, now):
        raise Refused("token_reused")
    try:
        customer = customers.get(store, _integer(claims, "customer_id"))
    except NotFound:
        raise Refused("unknown_customer") from None
    channel_id = _integer(claims, "channel_id") if "channel_id" in claims else host_channel
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
