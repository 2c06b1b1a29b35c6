"""How to test code that writes to BigCommerce: an in-process client, and assertions on the store.

``bc_client`` is an ``httpx.Client`` wired to the mock without a socket and holding a token
with every scope. ``bc_store`` is the same store, reset to its seed before each test.
"""

from __future__ import annotations

import httpx

from mockbc import Store

NEW_MUG = {"name": "Travel Mug", "type": "physical", "weight": 0.4, "price": 14.5, "sku": "MUG-TRAVEL"}


def test_created_product_is_in_the_store(bc_client: httpx.Client, bc_store: Store) -> None:
    response = bc_client.post(f"/stores/{bc_store.store_hash}/v3/catalog/products", json=NEW_MUG)

    assert response.status_code == 200
    product = bc_store.products.get(response.json()["data"]["id"])
    assert product is not None
    assert (product.name, product.sku, product.price) == ("Travel Mug", "MUG-TRAVEL", 14.5)


def test_every_test_starts_from_the_seed(bc_store: Store) -> None:
    # Whatever order the tests run in, the mug created above is not here.
    assert all(product.sku != "MUG-TRAVEL" for product in bc_store.products.values())
    assert len(bc_store.products) == len(bc_store.seed.products)
