"""How to test what a token without write access gets, with the marker or an extra API account."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from mockbc import Store
from mockbc.pytest_plugin import BcApiAccount

MISSING_SCOPE = {
    "status": 403,
    "title": "Missing scope - the v3 Auth token is valid but does not have proper permissions to access this endpoint.",
    "type": "/api-docs/getting-started/api-status-codes",
}


@pytest.mark.mockbc(scopes=["store_v2_products_read_only"])
def test_read_only_token_cannot_create_products(bc_client: httpx.Client, bc_store: Store) -> None:
    response = bc_client.post(
        f"/stores/{bc_store.store_hash}/v3/catalog/products",
        json={"name": "Travel Mug", "type": "physical", "weight": 0.4, "price": 14.5},
    )

    assert response.status_code == 403
    assert response.json() == MISSING_SCOPE
    assert len(bc_store.products) == len(bc_store.seed.products)


def test_second_account_reads_but_cannot_delete(bc_api_account: Callable[..., BcApiAccount], bc_store: Store) -> None:
    reporting = bc_api_account(scopes=["store_v2_products_read_only"], name="reporting")
    client = reporting.client()
    products = f"/stores/{reporting.store_hash}/v3/catalog/products"

    assert client.get(f"{products}/77").status_code == 200
    assert client.delete(f"{products}/77").status_code == 403
    assert bc_store.products.get(77) is not None
