"""The Customer Login API: ``GET /login/token/{jwt}`` on the storefront host signs a shopper in
when an API account with ``store_v2_customers_login`` signed the token, and otherwise redirects
to the login page with a reason and opens no session."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import jwt
import pytest

from mockbc import create_app
from mockbc.domain.clock import FrozenClock
from mockbc.fixtures import load_seed
from mockbc.http.customer_login import MAX_REMEMBERED_JTIS, UsedTokens
from mockbc.http.inprocess import InProcessTransport
from mockbc.services import channels, customers
from mockbc.services.customers import NewCustomer
from mockbc.store.registry import ApiAccount, StoreRegistry
from mockbc.store.sessions import SESSION_COOKIE

START = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
NOW = int(START.timestamp())
STORE, OTHER = "loginstore1", "loginstore2"
HOST = f"http://store-{STORE}.mybigcommerce.test"
LOGIN_SCOPE = "store_v2_customers_login"
SHOPPERS = [
    {"email": "ida.marsh@example.com", "first_name": "Ida", "last_name": "Marsh"},
    {"email": "tom.reyes@example.com", "first_name": "Tom", "last_name": "Reyes"},
]


def refused(reason: str) -> str:
    return f"/login.php?action=login&error={reason}"


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


@pytest.fixture
def registry(clock: FrozenClock) -> StoreRegistry:
    registry = StoreRegistry(clock=clock, seed_loader=load_seed, default_store_hash=STORE)
    for store_hash in (STORE, OTHER):
        store = registry.create_store(store_hash, fixtures="empty")
        made = [customers.create(store, NewCustomer(shopper)) for shopper in SHOPPERS]
        assert [c.id for c in made] == [1, 2]
        # Channels besides 1 for the logins on them: 3 and 7 (made out of order, as a fixture may list them).
        for channel_id in (7, 3):
            fields = {"name": f"Shop {channel_id}", "type": "storefront", "platform": "next"}
            channels.create(store, fields, channel_id=channel_id)
    return registry


@pytest.fixture
def sso(registry: StoreRegistry) -> ApiAccount:
    return registry.create_account(STORE, name="sso", scopes=[LOGIN_SCOPE])


@pytest.fixture
def http(registry: StoreRegistry) -> Iterator[httpx.Client]:
    with httpx.Client(transport=InProcessTransport(create_app(registry)), base_url=HOST) as client:
        yield client


def token(account: ApiAccount, secret: str | None = None, **overrides: Any) -> str:
    claims: dict[str, Any] = {
        "iss": account.client_id, "iat": NOW, "jti": str(uuid.uuid4()), "operation": "customer_login",
        "store_hash": account.store_hash, "customer_id": 1,
    }  # fmt: skip
    claims.update(overrides)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode(claims, secret or account.client_secret, algorithm="HS256")


def assert_refused(response: httpx.Response, reason: str, registry: StoreRegistry) -> None:
    assert response.status_code == 302
    assert response.headers["location"] == refused(reason)
    assert "set-cookie" not in response.headers
    assert len(registry.sessions) == 0


def test_login_signs_the_shopper_in_and_redirects(http: httpx.Client, sso: ApiAccount, registry: StoreRegistry) -> None:
    response = http.get(f"/login/token/{token(sso, redirect_to='/cart.php?x=1')}")
    assert response.status_code == 302
    assert response.headers["location"] == "/cart.php?x=1"
    cookie = response.cookies[SESSION_COOKIE]
    header = response.headers["set-cookie"].lower()
    assert "httponly" in header and "path=/" in header
    session = registry.sessions.get(cookie)
    assert session is not None
    assert (session.store_hash, session.customer_id, session.channel_id) == (STORE, 1, 1)


def test_defaults_redirect_to_the_account_page_and_channel_to_the_hosts(
    registry: StoreRegistry, sso: ApiAccount
) -> None:
    with httpx.Client(
        transport=InProcessTransport(create_app(registry)), base_url=f"http://store-{STORE}-7.example.test"
    ) as client:
        response = client.get(f"/login/token/{token(sso)}")
    assert response.headers["location"] == "/account.php"
    session = registry.sessions.get(response.cookies[SESSION_COOKIE])
    assert session is not None and session.channel_id == 7


def test_a_host_naming_a_channel_the_store_does_not_have_refuses_a_token_without_channel_id(
    registry: StoreRegistry, sso: ApiAccount
) -> None:
    with httpx.Client(
        transport=InProcessTransport(create_app(registry)), base_url=f"http://store-{STORE}-5.example.test"
    ) as client:
        assert_refused(client.get(f"/login/token/{token(sso)}"), "unknown_channel", registry)


def test_channel_id_and_matching_request_ip_are_honoured(
    http: httpx.Client, sso: ApiAccount, registry: StoreRegistry
) -> None:
    response = http.get(f"/login/token/{token(sso, channel_id=3, request_ip='127.0.0.1', customer_id=2)}")
    session = registry.sessions.get(response.cookies[SESSION_COOKIE])
    assert session is not None
    assert (session.customer_id, session.channel_id) == (2, 3)


def test_iat_within_thirty_seconds_either_way_is_accepted(
    http: httpx.Client, sso: ApiAccount, registry: StoreRegistry
) -> None:
    for iat in (NOW - 30, NOW + 30):
        response = http.get(f"/login/token/{token(sso, iat=iat)}")
        assert response.headers["location"] == "/account.php"
    assert len(registry.sessions) == 2


def test_an_installed_apps_client_id_may_sign(http: httpx.Client, registry: StoreRegistry) -> None:
    app_token = registry.create_account(STORE, name="app:x", client_id="appclient", scopes=[LOGIN_SCOPE])
    response = http.get(f"/login/token/{token(app_token)}")
    assert response.headers["location"] == "/account.php"


def test_sign_out_redirect_ends_the_session(http: httpx.Client, sso: ApiAccount, registry: StoreRegistry) -> None:
    cookie = http.get(f"/login/token/{token(sso)}").cookies[SESSION_COOKIE]
    response = http.get(f"/login/token/{token(sso, redirect_to='/login.php?action=logout')}")
    assert response.status_code == 302
    assert response.headers["location"] == "/login.php?action=logout"
    assert registry.sessions.get(cookie) is None
    assert len(registry.sessions) == 0


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"iat": NOW - 31}, "token_expired"),
        ({"iat": NOW + 31}, "token_not_yet_valid"),
        ({"operation": "current_customer"}, "invalid_operation"),
        ({"operation": None}, "invalid_operation"),
        ({"store_hash": OTHER}, "wrong_store"),
        ({"customer_id": 999_999}, "unknown_customer"),
        ({"customer_id": "1"}, "malformed_token"),
        ({"customer_id": True}, "malformed_token"),
        ({"iat": "now"}, "malformed_token"),
        ({"jti": None}, "malformed_token"),
        ({"jti": 5}, "malformed_token"),
        ({"channel_id": "one"}, "malformed_token"),
        ({"channel_id": 4}, "unknown_channel"),
        ({"request_ip": "203.0.113.9"}, "ip_mismatch"),
        ({"redirect_to": "https://evil.example/"}, "invalid_redirect"),
        ({"redirect_to": "//evil.example/"}, "invalid_redirect"),
        ({"redirect_to": "account.php"}, "invalid_redirect"),
        ({"iss": "nobody"}, "invalid_issuer"),
        ({"iss": None}, "malformed_token"),
    ],
)
def test_refusals_redirect_to_the_login_page_without_a_session(
    http: httpx.Client, sso: ApiAccount, registry: StoreRegistry, overrides: dict[str, Any], reason: str
) -> None:
    assert_refused(http.get(f"/login/token/{token(sso, **overrides)}"), reason, registry)


def test_wrong_signature_is_refused(http: httpx.Client, sso: ApiAccount, registry: StoreRegistry) -> None:
    assert_refused(http.get(f"/login/token/{token(sso, secret='0' * 64)}"), "invalid_signature", registry)


def test_account_without_the_login_scope_is_refused(http: httpx.Client, registry: StoreRegistry) -> None:
    plain = registry.create_account(STORE, name="plain", scopes=["store_v2_customers"])
    assert_refused(http.get(f"/login/token/{token(plain)}"), "missing_scope", registry)


def test_another_stores_account_is_not_an_issuer_here(http: httpx.Client, registry: StoreRegistry) -> None:
    elsewhere = registry.create_account(OTHER, name="sso", scopes=[LOGIN_SCOPE])
    assert_refused(http.get(f"/login/token/{token(elsewhere)}"), "invalid_issuer", registry)


def test_unknown_storefront_store_is_refused(registry: StoreRegistry, sso: ApiAccount) -> None:
    with httpx.Client(
        transport=InProcessTransport(create_app(registry)), base_url="http://store-nosuchstore.example.test"
    ) as client:
        assert_refused(client.get(f"/login/token/{token(sso)}"), "unknown_store", registry)


def test_a_token_works_once(http: httpx.Client, sso: ApiAccount, registry: StoreRegistry) -> None:
    once = token(sso)
    assert http.get(f"/login/token/{once}").headers["location"] == "/account.php"
    registry.sessions.drop_store(STORE)
    assert_refused(http.get(f"/login/token/{once}"), "token_reused", registry)


def test_a_token_refused_after_its_jti_is_spent_stays_spent(
    http: httpx.Client, sso: ApiAccount, registry: StoreRegistry
) -> None:
    spent = token(sso, customer_id=999_999)
    assert_refused(http.get(f"/login/token/{spent}"), "unknown_customer", registry)
    assert_refused(http.get(f"/login/token/{spent}"), "token_reused", registry)


@pytest.mark.parametrize(
    "garbage",
    ["", "not-a-jwt", "a.b.c", "....", "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.sig", "x/y/z", "%00%ff", "a" * 10_000],
)
def test_garbage_tokens_are_refused_as_malformed(http: httpx.Client, registry: StoreRegistry, garbage: str) -> None:
    assert_refused(http.get(f"/login/token/{garbage}"), "malformed_token", registry)


def test_other_algorithms_are_refused(http: httpx.Client, sso: ApiAccount, registry: StoreRegistry) -> None:
    claims = {"iss": sso.client_id, "iat": NOW, "jti": "j", "operation": "customer_login", "store_hash": STORE}
    unsigned = jwt.encode({**claims, "customer_id": 1}, None, algorithm="none")
    hs512 = jwt.encode({**claims, "customer_id": 1}, sso.client_secret, algorithm="HS512")
    assert_refused(http.get(f"/login/token/{unsigned}"), "malformed_token", registry)
    assert_refused(http.get(f"/login/token/{hs512}"), "malformed_token", registry)


def test_a_json_array_payload_is_malformed(http: httpx.Client, sso: ApiAccount, registry: StoreRegistry) -> None:
    signed = jwt.api_jws.encode(b"[1, 2]", sso.client_secret, algorithm="HS256")
    assert_refused(http.get(f"/login/token/{signed}"), "malformed_token", registry)


def test_spent_jtis_are_forgotten_once_their_iat_leaves_the_window() -> None:
    used = UsedTokens()
    assert used.spend("iss", "a", NOW, NOW)
    assert not used.spend("iss", "a", NOW, NOW + 30)
    assert used.spend("iss", "b", NOW + 31, NOW + 31)
    assert len(used) == 1  # "a" is refused as expired from now on, so it is no longer kept


def test_spent_jtis_are_capped() -> None:
    used = UsedTokens(capacity=3)
    for n in range(10):
        assert used.spend("iss", str(n), NOW, NOW)
    assert len(used) == 3
    assert MAX_REMEMBERED_JTIS == 10_000


def test_the_journal_records_the_login_without_its_token(
    http: httpx.Client, sso: ApiAccount, registry: StoreRegistry
) -> None:
    signed = token(sso)
    http.get(f"/login/token/{signed}")
    entry = list(registry.journal)[-1]
    assert (entry.method, entry.path, entry.query, entry.status, entry.store_hash) == (
        "GET", "/login/token/", "", 302, STORE,
    )  # fmt: skip
    assert entry.time == START
