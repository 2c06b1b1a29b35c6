"""The official Python client (PyPI ``bigcommerce``) on the raw v3 path its ``OAuthConnection``
offers, against the mock on a real socket (``connection``: tests/compat/conftest.py)."""

from __future__ import annotations

from typing import Any

import pytest
from bigcommerce.exception import ClientRequestException

from mockbc import Store


def test_official_client_lists_products_page(connection: Any, store: Store) -> None:
    body = connection.get("catalog/products", limit=5, page=2)
    assert [p["id"] for p in body["data"]] == [p.id for p in store.products.values()][5:10]
    assert body["meta"]["pagination"]["current_page"] == 2
    assert body["meta"]["pagination"]["per_page"] == 5


def test_official_client_creates_reads_updates_and_deletes_a_product(connection: Any, store: Store) -> None:
    created = connection.create(
        "catalog/products", {"name": "Client Mug", "type": "physical", "weight": 0.5, "price": 12.5, "sku": "CLI-MUG"}
    )
    product_id = created["data"]["id"]
    assert store.products.get(product_id) is not None

    fetched = connection.get("catalog/products", product_id)
    assert fetched["data"]["name"] == "Client Mug"

    updated = connection.update("catalog/products", product_id, {"price": 14.0})
    assert updated["data"]["price"] == 14.0
    assert store.products.get(product_id).price == 14.0  # type: ignore[union-attr]

    connection.delete("catalog/products", product_id)
    assert store.products.get(product_id) is None


def test_official_client_sees_conflict_as_client_error(connection: Any) -> None:
    existing = connection.get("catalog/products", limit=1)["data"][0]
    with pytest.raises(ClientRequestException) as raised:
        connection.create("catalog/products", {"name": existing["name"], "type": "physical", "weight": 1, "price": 1})
    assert raised.value.response.status_code == 409
    assert raised.value.response.json()["title"] == "The product name is a duplicate."


def test_official_client_gets_404_for_unknown_product(connection: Any) -> None:
    with pytest.raises(ClientRequestException) as raised:
        connection.get("catalog/products", 987654321)
    assert raised.value.response.status_code == 404
    assert raised.value.response.json() == {
        "status": 404,
        "title": "The requested product was not found.",
        "type": "/api-docs/getting-started/api-status-codes",
    }


def test_official_client_reads_brands(connection: Any, store: Store) -> None:
    body = connection.get("catalog/brands", limit=250)
    assert [b["name"] for b in body["data"]] == [b.name for b in store.brands.values()]
