"""The request pipeline's own behaviour: paths, methods, races with the control plane, clients
that go away, and the pluggable steps (authentication, rate limiting, events)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import orjson
import pytest

from mockbc import DEFAULT_STORE_HASH, Store, create_app
from mockbc.domain.errors import RateLimited
from mockbc.domain.events import Event
from mockbc.http.app import MockApp
from mockbc.http.auth import Principal, Quota
from mockbc.http.inprocess import InProcessTransport
from mockbc.store.registry import StoreRegistry

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
PRODUCTS = f"{V3}/catalog/products"
TYPE = "/api-docs/getting-started/api-status-codes"
NEW = {"name": "Pipeline Mug", "type": "physical", "weight": 1, "price": 2}


def call(app: MockApp, method: str, path: str, *, body: bytes = b"", headers: dict[str, str] | None = None,
         receive: Any = None, query: bytes = b"", raw_path: str | None = None,
         ) -> tuple[int | None, dict[str, str], bytes]:  # fmt: skip
    """One request straight through the ASGI interface; returns (status or None, headers, body)."""
    sent: list[dict[str, Any]] = []
    raw_headers = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    scope = {"type": "http", "method": method, "path": path, "raw_path": (raw_path or path).encode(), "query_string": query,
             "headers": raw_headers, "scheme": "http", "server": ("127.0.0.1", 8000)}  # fmt: skip

    async def default_receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive or default_receive, send))
    start = next((m for m in sent if m["type"] == "http.response.start"), None)
    if start is None:
        return None, {}, b""
    response_headers = {k.decode(): v.decode() for k, v in start["headers"]}
    return start["status"], response_headers, b"".join(m.get("body", b"") for m in sent[1:])


@pytest.fixture
def fresh() -> MockApp:
    return create_app(fixtures="catalog")


def token(app: MockApp) -> str:
    account = app.state.default_account
    assert account is not None
    return str(account.access_token)


# --- paths ------------------------------------------------------------------------


def test_a_trailing_slash_names_the_same_resource_and_never_redirects(client: httpx.Client) -> None:
    with_slash = client.get(f"{PRODUCTS}/77/")
    listing = client.get(f"{PRODUCTS}/", params={"limit": 2})

    assert with_slash.status_code == 200 and "location" not in with_slash.headers
    assert with_slash.json() == client.get(f"{PRODUCTS}/77").json()
    assert listing.status_code == 200 and len(listing.json()["data"]) == 2


def test_a_trailing_slash_is_authenticated_like_any_path(app: MockApp, store: Store) -> None:
    with httpx.Client(transport=InProcessTransport(app), base_url="http://evil.example") as anonymous:
        response = anonymous.get(f"{PRODUCTS}/")

    assert response.status_code == 401
    assert "location" not in response.headers


@pytest.mark.parametrize(
    "raw", [f"{PRODUCTS}%2F77", f"{PRODUCTS}%2f77", f"{V3}/catalog%2Fproducts", f"{PRODUCTS}/77%2F"]
)
def test_an_encoded_slash_is_a_plain_404_never_a_redirect(fresh: MockApp, raw: str) -> None:
    # The decoded path would name a resource; an id never holds a slash, so nothing matches.
    decoded = raw.replace("%2F", "/").replace("%2f", "/")
    status, headers, content = call(fresh, "GET", decoded, raw_path=raw, headers={"X-Auth-Token": token(fresh)})

    assert status == 404
    assert "location" not in headers
    assert orjson.loads(content) == {"status": 404, "title": "The requested resource was not found.", "type": TYPE}


@pytest.mark.parametrize("method", ["TRACE", "OPTIONS", "CONNECT", "PATCH"])
def test_other_methods_get_405_with_allow(fresh: MockApp, method: str) -> None:
    status, headers, content = call(fresh, method, f"{PRODUCTS}/77", headers={"X-Auth-Token": token(fresh)})

    assert status == 405
    assert headers["allow"] == "DELETE, GET, HEAD, PUT"
    assert content.startswith(b'{"status":405,"title":"Method Not Allowed"')


def test_head_answers_like_get_without_a_body(fresh: MockApp) -> None:
    status, headers, content = call(fresh, "HEAD", f"{PRODUCTS}/77", headers={"X-Auth-Token": token(fresh)})
    _, get_headers, get_content = call(fresh, "GET", f"{PRODUCTS}/77", headers={"X-Auth-Token": token(fresh)})

    assert status == 200 and content == b""
    assert headers["content-length"] == get_headers["content-length"] == str(len(get_content))


# --- races with the control plane, and clients that leave --------------------------


def test_a_write_is_refused_when_its_store_is_dropped_while_the_body_arrives(fresh: MockApp) -> None:
    registry: StoreRegistry = fresh.state.registry
    store = registry.stores[DEFAULT_STORE_HASH]
    before = len(store.products)

    async def receive() -> dict[str, Any]:
        registry.drop_store(DEFAULT_STORE_HASH)  # DELETE /_mockbc/stores/... lands mid-request
        return {"type": "http.request", "body": b'{"name": "Ghost", "type": "physical", "weight": 1, "price": 1}'}

    status, _, content = call(
        fresh, "POST", PRODUCTS, receive=receive,
        headers={"X-Auth-Token": token(fresh), "Content-Type": "application/json"},
    )  # fmt: skip

    assert status == 401
    assert content.startswith(b'{"status":401')
    assert len(store.products) == before


def test_a_client_that_disconnects_mid_body_gets_no_answer_and_is_journaled(fresh: MockApp) -> None:
    registry: StoreRegistry = fresh.state.registry
    messages = iter([
        {"type": "http.request", "body": b'{"name": "Half', "more_body": True},
        {"type": "http.disconnect"},
    ])  # fmt: skip

    async def receive() -> dict[str, Any]:
        return next(messages)

    status, _, _ = call(
        fresh, "POST", PRODUCTS, receive=receive,
        headers={"X-Auth-Token": token(fresh), "Content-Type": "application/json"},
    )  # fmt: skip

    assert status is None  # nothing was sent, and nothing was raised
    assert [(e.method, e.status, e.operation_id) for e in registry.journal] == [("POST", 499, "createProduct")]
    assert len(registry.stores[DEFAULT_STORE_HASH].products) == 132


# --- pluggable steps ----------------------------------------------------------------


class HeaderAuthenticator:
    """A stand-in for the next kinds of credentials (OAuth app tokens, storefront JWTs)."""

    def authenticate(self, headers: Any, registry: StoreRegistry) -> Principal | None:
        if headers.get("x-auth-token") == "app-token":
            return Principal(DEFAULT_STORE_HASH, frozenset({"store_v2_products_read_only"}), "app-client", kind="app")
        return None


def test_authenticators_are_pluggable() -> None:
    app = create_app(fixtures="catalog", authenticators=[HeaderAuthenticator()])

    status, _, _ = call(app, "GET", f"{PRODUCTS}/77", headers={"X-Auth-Token": "app-token"})
    refused, _, _ = call(app, "DELETE", f"{PRODUCTS}/77", headers={"X-Auth-Token": "app-token"})
    default_token, _, _ = call(app, "GET", f"{PRODUCTS}/77", headers={"X-Auth-Token": token(app)})

    assert (status, refused, default_token) == (200, 403, 401)


class CountingLimiter:
    def __init__(self, quota: int) -> None:
        self.quota, self.used = quota, 0

    def take(self, store_hash: str) -> Quota | None:
        if self.used >= self.quota:
            raise RateLimited(quota=self.quota, window_ms=30_000, reset_ms=12_500)
        self.used += 1
        return Quota(window_ms=30_000, reset_ms=12_500, quota=self.quota, left=self.quota - self.used)


def test_a_rate_limiter_step_adds_headers_and_answers_429_when_spent() -> None:
    app = create_app(fixtures="catalog", rate_limiter=CountingLimiter(quota=2))
    headers = {"X-Auth-Token": token(app)}

    first = call(app, "GET", f"{PRODUCTS}/77", headers=headers)
    second = call(app, "GET", f"{PRODUCTS}/999999", headers=headers)
    third = call(app, "GET", f"{PRODUCTS}/77", headers=headers)

    assert (first[0], second[0], third[0]) == (200, 404, 429)
    assert first[1]["x-rate-limit-requests-left"] == "1" and second[1]["x-rate-limit-requests-left"] == "0"
    assert third[1]["x-rate-limit-requests-quota"] == "2" and third[1]["x-retry-after"] == "13"
    assert third[2] == b'{"status":429,"title":"Too many requests","type":"' + TYPE.encode() + b'","errors":{}}'


def test_unauthenticated_requests_do_not_spend_the_quota() -> None:
    limiter = CountingLimiter(quota=5)
    app = create_app(fixtures="catalog", rate_limiter=limiter)

    assert call(app, "GET", f"{PRODUCTS}/77")[0] == 401
    assert limiter.used == 0


# --- events -------------------------------------------------------------------------


@pytest.fixture
def events(store: Store) -> Iterator[list[Event]]:
    seen: list[Event] = []
    unsubscribe = store.subscribe(seen.append)
    yield seen
    unsubscribe()


def test_every_write_emits_its_events(client: httpx.Client, events: list[Event]) -> None:
    created = client.post(PRODUCTS, json=NEW).json()["data"]
    client.put(f"{PRODUCTS}/{created['id']}", json={"price": 3})
    client.delete(f"{PRODUCTS}/{created['id']}")

    assert [(e.scope, e.id) for e in events] == [
        ("store/product/created", created["id"]),
        ("store/product/updated", created["id"]),
        ("store/sku/deleted", created["base_variant_id"]),
        ("store/product/deleted", created["id"]),
    ]
    assert {e.store_hash for e in events} == {DEFAULT_STORE_HASH}


def test_a_refused_write_emits_nothing(client: httpx.Client, events: list[Event]) -> None:
    assert client.post(PRODUCTS, json={**NEW, "name": "Compact Bluetooth Speaker"}).status_code == 409
    assert client.put(f"{PRODUCTS}/77", json={"brand_id": 999}).status_code == 409

    assert events == []


def test_deleting_a_brand_updates_its_products(client: httpx.Client, store: Store, events: list[Event]) -> None:
    brand_id = next(p.brand_id for p in store.products.values() if p.brand_id)
    holders = sorted(p.id for p in store.products.values() if p.brand_id == brand_id)

    assert client.delete(f"{V3}/catalog/brands/{brand_id}").status_code == 204

    assert [(e.scope, e.id) for e in events] == [
        *(("store/product/updated", pid) for pid in holders),
        ("store/brand/deleted", brand_id),
    ]
    assert all(store.products.get(pid).brand_id == 0 for pid in holders)


def test_registry_listeners_hear_every_store(fresh: MockApp) -> None:
    registry: StoreRegistry = fresh.state.registry
    other = registry.create_store("other1", fixtures="empty")
    heard: list[str] = []
    registry.listeners.append(lambda event: heard.append(f"{event.store_hash}:{event.scope}"))
    registry.create_account("other1", name="x", scopes=["store_v2_products"])

    with httpx.Client(transport=InProcessTransport(fresh), base_url="http://mockbc.test") as client:
        client.post(f"{V3}/catalog/brands", json={"name": "Heard"}, headers={"X-Auth-Token": token(fresh)})
    assert other.brands.get(1) is None
    assert heard == [f"{DEFAULT_STORE_HASH}:store/brand/created"]


@pytest.mark.parametrize(
    "path", [f"{V3}/catalog/nowhere", f"/stores/{DEFAULT_STORE_HASH}/v2/nowhere", f"{V3}/wishlists"]
)
def test_authentication_comes_before_not_found(fresh: MockApp, path: str) -> None:
    anonymous = call(fresh, "GET", path)
    other_store = call(
        fresh, "GET", path.replace(DEFAULT_STORE_HASH, "otherstore"), headers={"X-Auth-Token": token(fresh)}
    )
    known = call(fresh, "GET", path, headers={"X-Auth-Token": token(fresh)})

    assert (anonymous[0], other_store[0], known[0]) == (401, 401, 404)
    assert known[1]["x-mockbc-not-emulated"] == "true"
