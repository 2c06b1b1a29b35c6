"""X-Auth-Token authentication, store binding and OAuth scopes on the v3 catalog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from mockbc import DEFAULT_STORE_HASH, ApiAccount, Store, StoreRegistry
from mockbc.http.inprocess import client as inprocess_client

PRODUCTS = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/products"
BRANDS = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/brands"
TYPE = "/api-docs/getting-started/api-status-codes"
UNAUTHORIZED = {
    "status": 401,
    "title": "Unauthorized - the v3 Auth client ID or token in the request are not a valid combination for this store.",
    "type": TYPE,
}
FORBIDDEN = {
    "status": 403,
    "title": "Missing scope - the v3 Auth token is valid but does not have proper permissions to access this endpoint.",
    "type": TYPE,
}
NEW = {"name": "Scope Test Mug", "type": "physical", "weight": 1, "price": 2}

ScopedClient = Callable[..., httpx.Client]


def snapshot(store: Store) -> tuple[list[Any], list[Any]]:
    return list(store.products.values()), list(store.brands.values())


@pytest.fixture
def anonymous(app: Starlette, store: Store) -> Any:
    with inprocess_client(app) as c:
        yield c


def test_missing_token_returns_401(anonymous: httpx.Client) -> None:
    response = anonymous.get(PRODUCTS)

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_empty_token_returns_401(anonymous: httpx.Client) -> None:
    response = anonymous.get(PRODUCTS, headers={"X-Auth-Token": ""})

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_unknown_token_returns_401(anonymous: httpx.Client) -> None:
    response = anonymous.get(PRODUCTS, headers={"X-Auth-Token": "not-a-real-token"})

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_missing_token_on_write_returns_401_and_writes_nothing(anonymous: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = anonymous.post(PRODUCTS, json=NEW)

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED
    assert snapshot(store) == before


def test_token_of_another_store_returns_401(anonymous: httpx.Client, registry: StoreRegistry, store: Store) -> None:
    registry.create_store("otherstore1", fixtures="empty")
    other = registry.create_account("otherstore1", name="other", scopes=["store_v2_products"])

    response = anonymous.get(PRODUCTS, headers={"X-Auth-Token": other.access_token})

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED
    # The same token works on its own store.
    own = anonymous.get("/stores/otherstore1/v3/catalog/products", headers={"X-Auth-Token": other.access_token})
    assert own.status_code == 200
    assert own.json()["data"] == []


def test_valid_token_on_unknown_store_hash_returns_401(client: httpx.Client) -> None:
    response = client.get("/stores/nosuchstore/v3/catalog/products")

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_x_auth_client_is_ignored(client: httpx.Client, account: ApiAccount) -> None:
    wrong = client.get(PRODUCTS, params={"limit": 1}, headers={"X-Auth-Client": "some-other-client-id"})
    right = client.get(PRODUCTS, params={"limit": 1}, headers={"X-Auth-Client": account.client_id})

    assert wrong.status_code == right.status_code == 200
    assert wrong.json() == right.json()


def test_x_auth_client_alone_is_not_enough(anonymous: httpx.Client, account: ApiAccount) -> None:
    response = anonymous.get(PRODUCTS, headers={"X-Auth-Client": account.client_id})

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_auth_header_name_is_case_insensitive(anonymous: httpx.Client, account: ApiAccount) -> None:
    response = anonymous.get(PRODUCTS, headers={"x-auth-token": account.access_token})

    assert response.status_code == 200


def test_content_type_on_get_is_tolerated(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/77", headers={"Content-Type": "application/json", "Accept": "application/json"})

    assert response.status_code == 200
    assert response.json()["data"]["id"] == 77


def test_host_header_of_the_real_api_is_accepted(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/77", headers={"Host": "api.bigcommerce.com"})

    assert response.status_code == 200
    assert response.json()["data"]["id"] == 77


def test_responses_are_json(client: httpx.Client) -> None:
    assert client.get(f"{PRODUCTS}/77").headers["content-type"] == "application/json"
    assert client.get(f"{PRODUCTS}/9999").headers["content-type"] == "application/json"


# --- scopes -------------------------------------------------------------------------


def test_read_only_scope_allows_get_and_head(scoped_client: ScopedClient) -> None:
    reader = scoped_client(["store_v2_products_read_only"])

    assert reader.get(PRODUCTS).status_code == 200
    assert reader.get(f"{PRODUCTS}/77").status_code == 200
    assert reader.get(BRANDS).status_code == 200
    head = reader.head(f"{PRODUCTS}/77")
    assert head.status_code == 200
    assert head.content == b""


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", PRODUCTS, NEW),
        ("PUT", f"{PRODUCTS}/77", {"price": 1}),
        ("PUT", PRODUCTS, [{"id": 77, "price": 1}]),
        ("DELETE", f"{PRODUCTS}/77", None),
        ("DELETE", f"{PRODUCTS}?id:in=77", None),
        ("POST", BRANDS, {"name": "New Brand"}),
        ("PUT", f"{BRANDS}/5", {"name": "Renamed"}),
        ("DELETE", f"{BRANDS}/5", None),
        ("DELETE", f"{BRANDS}?name=Voltmere", None),
    ],
)
def test_read_only_scope_refuses_writes_with_403(
    scoped_client: ScopedClient, store: Store, method: str, path: str, body: Any
) -> None:
    reader = scoped_client(["store_v2_products_read_only"])
    before = snapshot(store)

    response = reader.request(method, path, json=body)

    assert response.status_code == 403
    assert response.json() == FORBIDDEN
    assert snapshot(store) == before


@pytest.mark.parametrize("scopes", [["store_v2_orders"], ["store_v2_customers_read_only", "store_v2_content"], []])
def test_token_without_products_scope_gets_403(scoped_client: ScopedClient, scopes: list[str]) -> None:
    other = scoped_client(scopes)

    for path in (PRODUCTS, f"{PRODUCTS}/77", BRANDS):
        response = other.get(path)
        assert response.status_code == 403, path
        assert response.json() == FORBIDDEN


def test_modify_scope_allows_every_method(scoped_client: ScopedClient, store: Store) -> None:
    writer = scoped_client(["store_v2_products"])

    assert writer.get(PRODUCTS).status_code == 200
    assert writer.head(PRODUCTS).status_code == 200
    created = writer.post(PRODUCTS, json=NEW)
    assert created.status_code == 200
    new_id = created.json()["data"]["id"]
    assert writer.put(f"{PRODUCTS}/{new_id}", json={"price": 3}).status_code == 200
    assert writer.put(PRODUCTS, json=[{"id": new_id, "price": 4}]).status_code == 200
    assert store.products.get(new_id).price == 4  # type: ignore[union-attr]
    assert writer.delete(f"{PRODUCTS}/{new_id}").status_code == 204
    assert writer.delete(PRODUCTS, params={"id:in": "77"}).status_code == 204
    assert writer.post(BRANDS, json={"name": "Writer Brand"}).status_code == 200
    assert writer.delete(BRANDS, params={"name": "Writer Brand"}).status_code == 204
    assert store.products.get(new_id) is None and store.products.get(77) is None


def test_modify_and_read_only_together_allow_writes(scoped_client: ScopedClient) -> None:
    both = scoped_client(["store_v2_products_read_only", "store_v2_products"])

    assert both.post(BRANDS, json={"name": "Both Scopes"}).status_code == 200


def test_bad_token_is_checked_before_the_body(anonymous: httpx.Client) -> None:
    response = anonymous.post(PRODUCTS, content=b"{not json", headers={"Content-Type": "application/json"})

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_missing_scope_is_checked_before_the_body(scoped_client: ScopedClient) -> None:
    reader = scoped_client(["store_v2_products_read_only"])

    response = reader.post(PRODUCTS, content=b"{not json", headers={"Content-Type": "application/json"})

    assert response.status_code == 403
    assert response.json() == FORBIDDEN
