"""How to assert on the requests your code sent: ``bc_requests`` holds the test's requests.

Paths may leave out ``/stores/{hash}``, and ``{id}`` matches any one segment. A failed
assertion lists the requests the mock did receive, closest first, with their status.
"""

from __future__ import annotations

import httpx
import pytest

from mockbc import Store
from mockbc.journal import RequestJournal


def hide_products(client: httpx.Client, store_hash: str, skus: list[str]) -> int:
    """Code under test: hides the products with these SKUs; returns how many it hid."""
    products = f"/stores/{store_hash}/v3/catalog/products"
    hidden = 0
    for sku in skus:
        found = client.get(products, params={"sku": sku}).json()["data"]
        for product in found:
            client.put(f"{products}/{product['id']}", json={"is_visible": False}).raise_for_status()
            hidden += 1
    return hidden


def test_hide_products_looks_up_each_sku_then_updates(
    bc_client: httpx.Client, bc_store: Store, bc_requests: RequestJournal
) -> None:
    assert hide_products(bc_client, bc_store.store_hash, ["APP-ACC-007", "NO-SUCH-SKU"]) == 1

    bc_requests.assert_called("GET", "/v3/catalog/products", times=2)
    bc_requests.assert_called_once("GET", "/v3/catalog/products", query={"sku": "NO-SUCH-SKU"})
    bc_requests.assert_called_once("PUT", "/v3/catalog/products/78", json={"is_visible": False})
    bc_requests.assert_not_called("DELETE", "/v3/catalog/products/{id}")
    assert bc_store.products.get(78).is_visible is False  # type: ignore[union-attr]


# Contract mode fails any test whose requests break mockbc's specs, even when the code
# under test swallows the 422. A test that sends bad input on purpose opts out:
@pytest.mark.mockbc(contract=False)
def test_negative_price_is_rejected_with_the_field_named(bc_client: httpx.Client, bc_store: Store) -> None:
    response = bc_client.post(
        f"/stores/{bc_store.store_hash}/v3/catalog/products",
        json={"name": "Travel Mug", "type": "physical", "weight": 0.4, "price": -1},
    )

    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "title": "JSON data is missing or invalid",
        "type": "/api-docs/getting-started/api-status-codes",
        "errors": {"price": "must be at least 0"},
    }
