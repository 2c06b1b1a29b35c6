"""The Current Customer API: ``GET /customer/current.jwt?app_client_id=...`` answers, for the
shopper a Customer Login JWT signed in, a JWT signed with the app's client secret; a guest gets
404 and a client id that is not the store's is refused."""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest

from mockbc import create_app
from mockbc.domain.clock import FrozenClock
from mockbc.fixtures import load_seed
from mockbc.http.inprocess import InProcessTransport
from mockbc.services import channels, customer_groups, customers
from mockbc.services.customers import NewCustomer
from mockbc.store.registry import ApiAccount, StoreRegistry
from mockbc.store.sessions import SESSION_COOKIE

START = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
NOW = int(START.timestamp())
STORE, OTHER = "currentstore1", "currentstore2"
HOST = f"http://store-{STORE}-2.mybigcommerce.test"
LOGIN_SCOPE = "store_v2_customers_login"
ERROR_TYPE = "/api-docs/getting-started/api-status-codes"
GUEST = {"status": 404, "title": "No customer is signed in to this storefront.", "type": ERROR_TYPE}
UNKNOWN_APP = {
    "status": 403, "title": "app_client_id does not name an app or API account of this store.", "type": ERROR_TYPE,
}  # fmt: skip
MISSING_APP = {"status": 400, "title": "The app_client_id query parameter is required.", "type": ERROR_TYPE}


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


@pytest.fixture
def registry(clock: FrozenClock) -> StoreRegistry:
    registry = StoreRegistry(clock=clock, seed_loader=load_seed, default_store_hash=STORE)
    for store_hash in (STORE, OTHER):
        made = registry.create_store(store_hash, fixtures="empty")
        # The storefront HOST is channel 2's.
        channels.create(made, {"name": "Wholesale", "type": "storefront", "platform": "custom"}, channel_id=2)
    return registry


@pytest.fixture
def shopper_id(registry: StoreRegistry) -> int:
    store = registry.stores[STORE]
    customers.create(store, NewCustomer({"email": "first@example.com", "first_name": "F", "last_name": "L"}))
    group = customer_groups.create(store, {"name": "Wholesale"})
    fields = {
        "email": "Ida.Marsh@example.com",
        "first_name": "Ida",
        "last_name": "Marsh",
        "customer_group_id": group.id,
    }
    return customers.create(store, NewCustomer(fields)).id


@pytest.fixture
def app_account(registry: StoreRegistry) -> ApiAccount:
    # An installed app's token, as ``POST /oauth2/token`` leaves it: the app's client id and secret.
    return registry.create_account(STORE, name="app:shopapp", client_id="shopapp", scopes=[LOGIN_SCOPE])


@pytest.fixture
def http(registry: StoreRegistry) -> Iterator[httpx.Client]:
    with httpx.Client(transport=InProcessTransport(create_app(registry)), base_url=HOST) as client:
        yield client


def sign_in(http: httpx.Client, account: ApiAccount, customer_id: int, store_hash: str = STORE) -> str:
    claims = {
        "iss": account.client_id, "iat": NOW, "jti": str(uuid.uuid4()), "operation": "customer_login",
        "store_hash": store_hash, "customer_id": customer_id,
    }  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jwt.warnings.InsecureKeyLengthWarning)
        login_token = jwt.encode(claims, account.client_secret, algorithm="HS256")
    response = http.get(f"/login/token/{login_token}")
    assert response.status_code == 302 and response.headers["location"] == "/account.php", response.headers
    http.cookies.clear()
    return response.cookies[SESSION_COOKIE]


def current(http: httpx.Client, client_id: str | None, cookie: str | None) -> httpx.Response:
    params = {} if client_id is None else {"app_client_id": client_id}
    headers = {} if cookie is None else {"Cookie": f"{SESSION_COOKIE}={cookie}"}
    return http.get("/customer/current.jwt", params=params, headers=headers)


def decode(token: str, account: ApiAccount) -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jwt.warnings.InsecureKeyLengthWarning)
        claims: dict[str, Any] = jwt.decode(
            token, account.client_secret, algorithms=["HS256"], audience=account.client_id,
            options={"verify_exp": False},
        )  # fmt: skip
    return claims


def test_login_then_current_customer_end_to_end(
    http: httpx.Client, app_account: ApiAccount, shopper_id: int, clock: FrozenClock
) -> None:
    cookie = sign_in(http, app_account, shopper_id)
    clock.set(START + timedelta(minutes=5))
    response = current(http, app_account.client_id, cookie)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert jwt.get_unverified_header(response.text) == {"alg": "HS256", "typ": "JWT"}
    issued = NOW + 300
    assert decode(response.text, app_account) == {
        "customer": {"id": shopper_id, "email": "Ida.Marsh@example.com", "group_id": "1"},
        "iss": "bc/apps", "sub": STORE, "iat": issued, "exp": issued + 900, "version": 1,
        "aud": "shopapp", "application_id": "shopapp", "store_hash": STORE,
        "operation": "current_customer", "channel_id": 2,
    }  # fmt: skip


def test_a_store_level_account_may_ask_too(http: httpx.Client, registry: StoreRegistry, shopper_id: int) -> None:
    sso = registry.create_account(STORE, name="sso", scopes=[LOGIN_SCOPE], client_secret="short")
    cookie = sign_in(http, sso, shopper_id)
    response = current(http, sso.client_id, cookie)
    assert response.status_code == 200
    assert decode(response.text, sso)["customer"]["id"] == shopper_id


def test_the_token_is_signed_with_the_app_asked_for(
    http: httpx.Client, registry: StoreRegistry, app_account: ApiAccount, shopper_id: int
) -> None:
    other_app = registry.create_account(STORE, name="app:other", client_id="otherapp", scopes=[])
    cookie = sign_in(http, app_account, shopper_id)
    response = current(http, other_app.client_id, cookie)
    assert decode(response.text, other_app)["aud"] == "otherapp"
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(response.text, app_account.client_secret, algorithms=["HS256"], audience="otherapp")


def test_a_guest_gets_404(http: httpx.Client, app_account: ApiAccount) -> None:
    response = current(http, app_account.client_id, None)
    assert response.status_code == 404
    assert response.json() == GUEST


def test_an_unknown_cookie_is_a_guest(http: httpx.Client, app_account: ApiAccount) -> None:
    response = current(http, app_account.client_id, "forged")
    assert (response.status_code, response.json()) == (404, GUEST)


def test_a_cookie_of_another_store_is_a_guest_here(
    http: httpx.Client, registry: StoreRegistry, app_account: ApiAccount
) -> None:
    elsewhere = registry.create_account(OTHER, name="sso", scopes=[LOGIN_SCOPE])
    customers.create(
        registry.stores[OTHER], NewCustomer({"email": "o@example.com", "first_name": "O", "last_name": "P"})
    )
    with httpx.Client(
        transport=InProcessTransport(create_app(registry)), base_url=f"http://store-{OTHER}.mybigcommerce.test"
    ) as other_host:
        cookie = sign_in(other_host, elsewhere, 1, store_hash=OTHER)
    response = current(http, app_account.client_id, cookie)
    assert (response.status_code, response.json()) == (404, GUEST)


def test_a_customer_deleted_after_signing_in_is_a_guest(
    http: httpx.Client, registry: StoreRegistry, app_account: ApiAccount, shopper_id: int
) -> None:
    cookie = sign_in(http, app_account, shopper_id)
    customers.delete(registry.stores[STORE], [shopper_id])
    response = current(http, app_account.client_id, cookie)
    assert (response.status_code, response.json()) == (404, GUEST)


def test_an_unknown_app_is_refused(http: httpx.Client, app_account: ApiAccount, shopper_id: int) -> None:
    cookie = sign_in(http, app_account, shopper_id)
    response = current(http, "nosuchapp", cookie)
    assert (response.status_code, response.json()) == (403, UNKNOWN_APP)


def test_another_stores_app_is_refused(http: httpx.Client, registry: StoreRegistry, app_account: ApiAccount) -> None:
    elsewhere = registry.create_account(OTHER, name="app:x", client_id="elsewhere", scopes=[])
    response = current(http, elsewhere.client_id, None)
    assert (response.status_code, response.json()) == (403, UNKNOWN_APP)


@pytest.mark.parametrize("client_id", [None, ""])
def test_app_client_id_is_required(http: httpx.Client, client_id: str | None) -> None:
    response = current(http, client_id, None)
    assert (response.status_code, response.json()) == (400, MISSING_APP)
