"""v3 catalog summary through HTTP, against a small store whose figures are worked out by hand,
an empty store and the demo store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mockbc import StoreRegistry
from mockbc.fixtures import build_seed

SUMMARY = "/stores/{store_hash}/v3/catalog/summary"
TYPE = "/api-docs/getting-started/api-status-codes"

# Three products: a simple one tracked by product, one with two variants tracked by variant
# (one variant priced, one inheriting the product's price), and one tracking nothing.
KNOWN = {
    "format": "mockbc-fixtures/1",
    "categories": [
        {"id": 5, "name": "Mugs", "parent_id": 0},
        {"id": 3, "name": "Kitchen", "parent_id": 0},
        {"id": 9, "name": "Empty", "parent_id": 0},
    ],
    "products": [
        {
            "id": 1, "name": "Mug", "type": "physical", "weight": 1, "price": 10, "categories": [5, 3],
            "inventory_tracking": "product", "inventory_level": 5, "date_created": "2024-03-01T10:00:00+00:00",
        },
        {
            "id": 2, "name": "Shirt", "type": "physical", "weight": 1, "price": 20, "categories": [3],
            "inventory_tracking": "variant", "date_created": "2023-07-15T08:30:00+00:00",
            "variants": [
                {"id": 21, "sku": "SHIRT-S", "price": 25, "inventory_level": 2,
                 "option_values": [{"option_display_name": "Size", "label": "S"}]},
                {"id": 22, "sku": "SHIRT-M", "inventory_level": 3,
                 "option_values": [{"option_display_name": "Size", "label": "M"}]},
            ],
        },
        {
            "id": 3, "name": "Poster", "type": "physical", "weight": 1, "price": 7.5, "categories": [5],
            "inventory_tracking": "none", "inventory_level": 100, "date_created": "2025-01-20T00:00:00+00:00",
        },
    ],
}  # fmt: skip


@pytest.fixture
def make_client(registry: StoreRegistry, scoped_client: Any) -> Iterator[Any]:
    def make(store_hash: str, document: dict[str, Any]) -> httpx.Client:
        registry.create_store(store_hash, seed=build_seed(document))
        client: httpx.Client = scoped_client(["store_v2_products_read_only"], store_hash)
        return client

    yield make


def summary(client: httpx.Client, store_hash: str) -> dict[str, Any]:
    response = client.get(SUMMARY.format(store_hash=store_hash))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert body["meta"] == {}
    data: dict[str, Any] = body["data"]
    return data


def test_getCatalogSummary_of_a_known_store(make_client: Any) -> None:
    client = make_client("summary1", KNOWN)

    assert summary(client, "summary1") == {
        # Mug 5 by product; Shirt 2 + 3 by variant; Poster tracks nothing.
        "inventory_count": 10,
        # 5 x 10 + 2 x 25 + 3 x 20 (the unpriced variant takes its product's price)
        "inventory_value": 160.0,
        # Kitchen and Mugs hold two products each: the lower id wins.
        "primary_category_id": 3,
        "primary_category_name": "Kitchen",
        # Mug's and Poster's base variants, and Shirt's two
        "variant_count": 4,
        "highest_variant_price": 25,
        "average_variant_price": 15.625,  # (10 + 25 + 20 + 7.5) / 4
        "lowest_variant_price": "7.5",
        "oldest_variant_date": "2023-07-15T08:30:00+00:00",
        "newest_variant_date": "2025-01-20T00:00:00+00:00",
    }


def test_getCatalogSummary_of_an_empty_store(make_client: Any) -> None:
    client = make_client("summary2", {"format": "mockbc-fixtures/1"})

    assert summary(client, "summary2") == {
        "inventory_count": 0,
        "inventory_value": 0.0,
        "primary_category_id": 0,
        "primary_category_name": "",
        "variant_count": 0,
        "highest_variant_price": 0.0,
        "average_variant_price": 0.0,
        "lowest_variant_price": "0",
        "oldest_variant_date": "",
        "newest_variant_date": "",
    }


def test_getCatalogSummary_follows_writes(make_client: Any, scoped_client: Any) -> None:
    make_client("summary3", KNOWN)
    writer = scoped_client(["store_v2_products"], "summary3")
    products = "/stores/summary3/v3/catalog/products"

    assert writer.put(f"{products}/1", json={"inventory_level": 8, "categories": [5]}).status_code == 200
    assert writer.delete(f"{products}/3").status_code == 204

    found = summary(writer, "summary3")
    assert (found["inventory_count"], found["inventory_value"]) == (13, 190.0)
    assert (found["variant_count"], found["lowest_variant_price"], found["average_variant_price"]) == (3, "10", 18.3333)
    assert (found["primary_category_id"], found["primary_category_name"]) == (3, "Kitchen")
    assert found["newest_variant_date"] == "2024-03-01T10:00:00+00:00"


def test_getCatalogSummary_prices_are_rounded_to_4_places(make_client: Any) -> None:
    document = {
        "format": "mockbc-fixtures/1",
        "products": [
            {"id": n, "name": f"P{n}", "type": "digital", "weight": 0, "price": price,
             "inventory_tracking": "product", "inventory_level": 3}
            for n, price in ((1, 0.1), (2, 0.2), (3, 1.00004))
        ],
    }  # fmt: skip
    client = make_client("summary4", document)

    found = summary(client, "summary4")

    assert found["average_variant_price"] == 0.4333  # 1.30004 / 3
    assert found["inventory_value"] == 3.9001  # 3 x 1.30004
    assert found["lowest_variant_price"] == "0.1"
    assert (found["primary_category_id"], found["primary_category_name"]) == (0, "")


def test_getCatalogSummary_of_the_demo_store(client: httpx.Client) -> None:
    found = summary(client, "mockbc0001")

    assert found["variant_count"] == 201
    assert (found["primary_category_id"], found["primary_category_name"]) == (18, "Shop All")
    assert found["oldest_variant_date"] <= found["newest_variant_date"]
    assert float(found["lowest_variant_price"]) <= found["average_variant_price"] <= found["highest_variant_price"]


def test_getCatalogSummary_without_a_token_returns_401(client: httpx.Client) -> None:
    response = client.get(SUMMARY.format(store_hash="mockbc0001"), headers={"X-Auth-Token": "nope"})

    assert response.status_code == 401
    assert response.json() == {
        "status": 401,
        "title": "Unauthorized - the v3 Auth client ID or token in the request are not a valid combination for this store.",
        "type": TYPE,
    }
