"""The login and storefront flows: storefront API token requests, Customer Login JWT claims
and tokens, and the ``POST /oauth2/token`` form of an app's install, with the ones the mock
must refuse.

Storefront token requests follow ``specs/storefront_tokens.yml`` and its service's rules (one of
``channel_id``/``channel_ids``, an ``expires_at`` after now). Customer Login tokens follow
``mockbc.http.customer_login`` (HS256 with an API account's client secret, an ``iat`` within 30
seconds). Token forms carry the seven fields of BigCommerce's app OAuth guide.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import jwt
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from mockbc._strategies._core import InvalidCase, check_store
from mockbc._strategies._intended import INTENDED
from mockbc.auth.signing import sign
from mockbc.services import channels as channel_service
from mockbc.store.store import Store

STOREFRONT_TOKEN_KINDS = ("storefront", "private", "impersonation")
PRIVATE_SCOPES = ("Unauthenticated", "Customer", "B2B")
MAX_CHANNEL_IDS, MAX_CORS_ORIGINS = 100, 2
IAT_WINDOW_SECONDS = 30
# Drawn iats stay this far inside (valid) or outside (invalid) the window, so the seconds a
# test takes between drawing and sending never move a token across its edge.
_IAT_MARGIN = 5
LOGIN_OPERATION = "customer_login"
OAUTH_FIELDS = ("client_id", "client_secret", "code", "scope", "grant_type", "redirect_uri", "context")

_ORIGINS = st.sampled_from(
    ("https://shop.example.com", "https://www.example.com", "http://localhost:3000", "https://headless.example.org")
)
_REDIRECTS = st.sampled_from(("/", "/account.php", "/cart.php", "/checkout", "/account.php?action=order_status"))
_URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _check_kind(function: str, kind: object) -> str:
    if kind not in STOREFRONT_TOKEN_KINDS:
        raise InvalidArgument(f"{function}(kind={kind!r}) must be one of {', '.join(STOREFRONT_TOKEN_KINDS)}")
    assert isinstance(kind, str)
    return kind


def _check_now(function: str, now: object) -> None:
    if now is not None and (isinstance(now, bool) or not isinstance(now, int)):
        raise InvalidArgument(f"{function}(now={now!r}) must be unix seconds (an int) or None for the current time")


def _now(now: int | None) -> int:
    return int(time.time()) if now is None else now


def _check_text(function: str, name: str, value: object) -> str:
    if not isinstance(value, str) or not value:
        raise InvalidArgument(f"{function}({name}={value!r}) must be a non-empty string")
    return value


# ---------------------------------------------------------------- storefront API tokens


def _channels_of(store: Store | None) -> list[int]:
    """The channels a drawn channel id comes from: the store's, or channel 1 (every store's) without one."""
    return [channel.id for channel in channel_service.all_channels(store)] if store is not None else [1]


@st.composite
def storefront_token_requests(
    draw: st.DrawFn, /, kind: str = "storefront", *, now: int | None = None, store: Store | None = None
) -> dict[str, Any]:
    """Bodies for ``POST /v3/storefront/api-token`` (``kind="storefront"``), ``-private`` or
    ``-customer-impersonation`` (200): ``channel_id`` or one to five distinct ``channel_ids``, channels
    of ``store`` (channel 1 without one), an ``expires_at`` from a minute to a year after ``now`` (unix
    seconds; default: the time of the draw), one or two ``allowed_cors_origins`` now and then
    (storefront), and one to three ``scopes`` (private)."""
    kind = _check_kind("storefront_token_requests", kind)
    _check_now("storefront_token_requests", now)
    channels = _channels_of(check_store("storefront_token_requests", store))
    body: dict[str, Any] = {"expires_at": _now(now) + draw(st.integers(60, 365 * 86_400))}
    if draw(st.booleans()):
        body["channel_id"] = draw(st.sampled_from(channels))
    else:
        body["channel_ids"] = draw(
            st.lists(st.sampled_from(channels), min_size=1, max_size=min(5, len(channels)), unique=True)
        )
    if kind == "storefront" and draw(st.booleans()):
        body["allowed_cors_origins"] = draw(st.lists(_ORIGINS, min_size=1, max_size=MAX_CORS_ORIGINS, unique=True))
    if kind == "private":
        body["scopes"] = draw(st.lists(st.sampled_from(PRIVATE_SCOPES), min_size=1, max_size=3, unique=True))
    return body


@st.composite
def invalid_storefront_token_requests(
    draw: st.DrawFn, /, kind: str = "storefront", *, now: int | None = None, store: Store | None = None
) -> InvalidCase:
    """``InvalidCase`` bodies for the same endpoints, refused with 422 naming ``field``: no
    channel, both ``channel_id`` and ``channel_ids``, an empty list, a channel id under 1, over
    100 channel ids, no ``expires_at``, one not after ``now``, a string ``expires_at``, an
    unknown field; given ``store``, a channel it does not have; a third CORS origin (storefront);
    scopes missing, empty or outside the enum (private). Nothing is stored (the store's signing key
    is not even made)."""
    kind = _check_kind("invalid_storefront_token_requests", kind)
    _check_now("invalid_storefront_token_requests", now)
    store = check_store("invalid_storefront_token_requests", store)
    body = draw(storefront_token_requests(kind, now=now, store=store))
    bare = {k: v for k, v in body.items() if k not in ("channel_id", "channel_ids")}
    channels = {k: v for k, v in body.items() if k in ("channel_id", "channel_ids")}
    cases: list[tuple[str, dict[str, Any], str]] = [
        ("no channel", bare, "channel_id"),
        ("both channel_id and channel_ids", {**bare, "channel_id": 1, "channel_ids": [2]}, "channel_id"),
        ("empty channel_ids", {**bare, "channel_ids": []}, "channel_id"),
        ("channel id under 1", {**bare, "channel_ids": [draw(st.integers(-1000, 0))]}, "channel_ids"),
        ("channel_id under 1", {**bare, "channel_id": draw(st.integers(-1000, 0))}, "channel_id"),
        ("over 100 channel ids", {**bare, "channel_ids": list(range(1, MAX_CHANNEL_IDS + 2))}, "channel_ids"),
        ("no expires_at", {k: v for k, v in body.items() if k != "expires_at"}, "expires_at"),
        ("expires_at not after now", {**body, "expires_at": _now(now) - draw(st.integers(0, 10**6))}, "expires_at"),
        ("expires_at a string", {**body, "expires_at": str(body["expires_at"])}, "expires_at"),
        ("unknown field", {**body, "channel": 1}, "channel"),
    ]
    if store is not None:
        unknown = max(_channels_of(store)) + draw(st.integers(1, 1_000))
        cases.append(("a channel the store does not have", {**bare, "channel_id": unknown}, "channel_id"))
        cases.append(("channel_ids the store does not have", {**bare, "channel_ids": [1, unknown]}, "channel_ids"))
    if kind == "storefront":
        origins = ["https://a.example", "https://b.example", "https://c.example"]
        cases.append(
            ("three CORS origins", {**channels, **bare, "allowed_cors_origins": origins}, "allowed_cors_origins")
        )
    else:
        cases.append(("CORS origins on a server token", {**body, "allowed_cors_origins": ["https://a.example"]}, "allowed_cors_origins"))  # fmt: skip
    if kind == "private":
        unscoped = {k: v for k, v in body.items() if k != "scopes"}
        outside = draw(st.sampled_from(("unauthenticated", "Admin", "")))
        cases += [
            ("no scopes", unscoped, "scopes"),
            ("empty scopes", {**unscoped, "scopes": []}, "scopes"),
            ("scope outside the enum", {**unscoped, "scopes": [outside]}, "scopes.0"),
        ]
    reason, payload, field = draw(st.sampled_from(cases))
    INTENDED.add(payload)
    return InvalidCase(payload=payload, status=422, reason=reason, field=field)


# ---------------------------------------------------------------- Customer Login


def _check_login_args(function: str, store_hash: object, customer_ids: object, client_id: object) -> list[int]:
    _check_text(function, "store_hash", store_hash)
    _check_text(function, "client_id", client_id)
    ids = list(customer_ids) if isinstance(customer_ids, Iterable) and not isinstance(customer_ids, str) else None
    if not ids or not all(isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in ids):
        raise InvalidArgument(f"{function}(customer_ids={customer_ids!r}) must be a non-empty list of customer ids")
    return ids


@st.composite
def customer_login_claims(
    draw: st.DrawFn,
    /,
    store_hash: str,
    customer_ids: Sequence[int],
    client_id: str,
    *,
    now: int | None = None,
    channel_ids: Sequence[int] = (1,),
) -> dict[str, Any]:
    """Claims of a Customer Login JWT ``/login/token/{jwt}`` accepts, once signed HS256 with the
    client secret of ``client_id`` (an API account of the store holding
    ``store_v2_customers_login``): ``iss``, ``operation``, ``store_hash``, a ``customer_id`` of
    ``customer_ids``, an ``iat`` within 25 seconds of ``now``, and now and then a ``channel_id`` (one of
    ``channel_ids``, channels of the store: channel 1 by default) and a relative ``redirect_to``. ``jti`` is new on every draw and not drawn, so no example
    (nor a replay) reuses one."""
    ids = _check_login_args("customer_login_claims", store_hash, customer_ids, client_id)
    _check_now("customer_login_claims", now)
    window = IAT_WINDOW_SECONDS - _IAT_MARGIN
    claims: dict[str, Any] = {
        "iss": client_id, "iat": _now(now) + draw(st.integers(-window, window)), "jti": uuid.uuid4().hex,
        "operation": LOGIN_OPERATION, "store_hash": store_hash, "customer_id": draw(st.sampled_from(ids)),
    }  # fmt: skip
    if draw(st.booleans()):
        claims["channel_id"] = draw(st.sampled_from(list(channel_ids) or [1]))
    if draw(st.booleans()):
        claims["redirect_to"] = draw(_REDIRECTS)
    return claims


def _segment(data: dict[str, Any]) -> str:
    return jwt.utils.base64url_encode(json.dumps(data, separators=(",", ":")).encode()).decode()


def _unsigned(header: dict[str, Any], claims: dict[str, Any], signature: str = "") -> str:
    return f"{_segment(header)}.{_segment(claims)}.{signature}"


@st.composite
def invalid_customer_login_tokens(
    draw: st.DrawFn, /, store_hash: str, customer_ids: Sequence[int], client_id: str, client_secret: str,
    *, now: int | None = None,
) -> InvalidCase:  # fmt: skip
    """``InvalidCase`` tokens ``/login/token/{jwt}`` refuses: ``status`` 302 to
    ``/login.php?action=login&error={field}``, and no session is opened. Truncated, not a JWT,
    ``alg: none``, an RS256 header, signed with another secret, a claim of the wrong type, an
    ``iat`` more than 30 seconds past or ahead, a claim missing, another store, another
    operation, an unknown issuer, an unknown customer, an absolute ``redirect_to``."""
    _check_text("invalid_customer_login_tokens", "client_secret", client_secret)
    ids = _check_login_args("invalid_customer_login_tokens", store_hash, customer_ids, client_id)
    claims = draw(customer_login_claims(store_hash, ids, client_id, now=now))
    token = sign(claims, client_secret)
    outside = IAT_WINDOW_SECONDS + _IAT_MARGIN
    missing = draw(st.sampled_from(("iss", "iat", "jti", "operation", "store_hash", "customer_id")))
    wrong_type = draw(
        st.sampled_from((("customer_id", str(claims["customer_id"])), ("iat", str(claims["iat"])),
                         ("store_hash", 1), ("jti", 7), ("customer_id", -1), ("iat", 1.5)))
    )  # fmt: skip
    cut = draw(st.integers(1, token.rindex(".") - 1))
    cases: list[tuple[str, str, str]] = [
        ("truncated", token[:cut], "malformed_token"),
        ("not a JWT", draw(st.text(alphabet=_URL_SAFE, min_size=1, max_size=64)), "malformed_token"),
        ("alg none", _unsigned({"alg": "none", "typ": "JWT"}, claims), "malformed_token"),
        ("RS256 header", _unsigned({"alg": "RS256", "typ": "JWT"}, claims, token.rsplit(".", 1)[1]), "malformed_token"),
        ("signed with another secret", sign(claims, client_secret + "-other"), "invalid_signature"),
        (f"{wrong_type[0]} of the wrong type", sign({**claims, wrong_type[0]: wrong_type[1]}, client_secret), "malformed_token"),
        ("iat too old", sign({**claims, "iat": _now(now) - outside - draw(st.integers(0, 10**6))}, client_secret), "token_expired"),
        ("iat ahead", sign({**claims, "iat": _now(now) + outside + draw(st.integers(0, 10**6))}, client_secret), "token_not_yet_valid"),
        (f"no {missing}", sign({k: v for k, v in claims.items() if k != missing}, client_secret),
         "invalid_operation" if missing == "operation" else "malformed_token"),
        ("another store", sign({**claims, "store_hash": store_hash + "x"}, client_secret), "wrong_store"),
        ("another operation", sign({**claims, "operation": "current_customer"}, client_secret), "invalid_operation"),
        ("unknown issuer", sign({**claims, "iss": client_id + "-other"}, client_secret), "invalid_issuer"),
        ("unknown customer", sign({**claims, "customer_id": max(ids) + 10**9}, client_secret), "unknown_customer"),
        ("absolute redirect_to", sign({**claims, "redirect_to": "https://evil.example/"}, client_secret), "invalid_redirect"),
    ]  # fmt: skip
    reason, payload, code = draw(st.sampled_from(cases))
    return InvalidCase(payload=payload, status=302, reason=reason, field=code)


# ---------------------------------------------------------------- POST /oauth2/token


def _check_oauth_args(function: str, fields: dict[str, object]) -> dict[str, str]:
    return {name: _check_text(function, name, fields[name]) for name in OAUTH_FIELDS if name != "grant_type"}


def _shuffled_scope(draw: st.DrawFn, scope: str) -> str:
    words = draw(st.permutations(scope.split()))
    return draw(st.sampled_from((" ", "  "))).join(words)


@st.composite
def oauth_token_forms(
    draw: st.DrawFn, /, *, client_id: str, client_secret: str, code: str, scope: str, redirect_uri: str, context: str
) -> list[tuple[str, str]]:
    """The fields of a ``POST /oauth2/token`` the mock accepts (200), as ``(name, value)`` pairs
    in any order: the seven of the install (``scope`` as its words in any order), and now and then
    an unrecognized field, which OAuth servers ignore (RFC 6749 §3.1). Send them urlencoded, or
    as a JSON object (``dict(pairs)``)."""
    fields = _check_oauth_args(
        "oauth_token_forms", {"client_id": client_id, "client_secret": client_secret, "code": code,
                              "scope": scope, "redirect_uri": redirect_uri, "context": context},
    )  # fmt: skip
    pairs = [(name, fields.get(name, "authorization_code")) for name in OAUTH_FIELDS]
    pairs = [(n, _shuffled_scope(draw, v)) if n == "scope" else (n, v) for n, v in pairs]
    if draw(st.booleans()):
        pairs.append((draw(st.sampled_from(("state", "account_uuid", "x_extra"))), "ignored"))
    return list(draw(st.permutations(pairs)))


@st.composite
def invalid_oauth_token_forms(
    draw: st.DrawFn, /, *, client_id: str, client_secret: str, code: str, scope: str, redirect_uri: str, context: str
) -> InvalidCase:
    """``InvalidCase`` token requests the mock refuses before it spends the code (it still works
    afterwards): ``status`` 400 or 401 with ``{"error": field, "error_description"}``. Fields
    missing or empty, a ``grant_type`` other than ``authorization_code``, another
    ``redirect_uri``, another secret or an unknown client, a context of no store, a scope that
    is not the app's, an unknown code."""
    valid = draw(
        oauth_token_forms(client_id=client_id, client_secret=client_secret, code=code, scope=scope,
                          redirect_uri=redirect_uri, context=context)
    )  # fmt: skip

    def changed(name: str, value: str) -> list[tuple[str, str]]:
        return [(n, value if n == name else v) for n, v in valid]

    gone = set(draw(st.lists(st.sampled_from(OAUTH_FIELDS), min_size=1, max_size=3, unique=True)))
    empty = draw(st.sampled_from(OAUTH_FIELDS))
    cases: list[tuple[str, list[tuple[str, str]], int, str]] = [
        (f"missing {', '.join(sorted(gone))}", [(n, v) for n, v in valid if n not in gone], 400, "invalid_request"),
        (f"empty {empty}", changed(empty, ""), 400, "invalid_request"),
        ("another grant_type", changed("grant_type", draw(st.sampled_from(("client_credentials", "refresh_token", "Authorization_Code")))), 400, "unsupported_grant_type"),
        ("another redirect_uri", changed("redirect_uri", draw(st.sampled_from((redirect_uri + "/", redirect_uri + "?x=1", "https://evil.example/auth")))), 400, "invalid_grant"),
        ("another client secret", changed("client_secret", client_secret + "x"), 401, "invalid_client"),
        ("unknown client", changed("client_id", client_id + "-other"), 401, "invalid_client"),
        ("context of no store", changed("context", draw(st.sampled_from((context + "x", "store/" + context.split("/")[-1], "stores/")))), 400, "invalid_request"),
        ("scope not the app's", changed("scope", scope + " store_v2_made_up_scope"), 400, "invalid_scope"),
        ("unknown code", changed("code", code + "0"), 400, "invalid_grant"),
    ]  # fmt: skip
    reason, pairs, status, error = draw(st.sampled_from(cases))
    return InvalidCase(payload=pairs, status=status, reason=reason, field=error)
