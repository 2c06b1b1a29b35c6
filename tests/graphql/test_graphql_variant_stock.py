"""Stock of a product tracked per variant, as the storefront sees it: the product is in stock when any of its
variants that can be purchased has stock, whatever the product's own level, in every list that hides
out-of-stock products (site products, category and brand products, search and its In Stock facet) and in
``Product.inventory``. The catalog is written through the REST API, as a merchant's back office would."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
PRODUCTS = f"{V3}/catalog/products"

QUERY = """
query Stock($ids: [Int!], $category: Int!, $brand: Int!, $product: Int!) {
  site {
    products(entityIds: $ids, hideOutOfStock: true) { edges { node { entityId } } }
    every: products(entityIds: $ids) { edges { node { entityId } } }
    category(entityId: $category) { products(hideOutOfStock: true) { edges { node { entityId } } } }
    brand(entityId: $brand) { products(hideOutOfStock: true) { edges { node { entityId } } } }
    search {
      searchProducts(filters: {searchTerm: "Zyzzyva", hideOutOfStock: true}) {
        products { edges { node { entityId } } }
      }
      every: searchProducts(filters: {searchTerm: "Zyzzyva"}) {
        filters { edges { node { ... on OtherSearchFilter { isInStock { productCount } } } } }
      }
    }
    product(entityId: $product) {
      inventory { isInStock isStockTracked hasVariantInventory }
      variants { edges { node { entityId inventory { isInStock } } } }
    }
  }
}
"""


def _ids(connection: dict[str, Any]) -> list[int]:
    return [edge["node"]["entityId"] for edge in connection["edges"]]


def ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code in (200, 201), response.text
    found: dict[str, Any] = response.json()["data"]
    return found


@pytest.fixture
def mug(client: httpx.Client) -> dict[str, Any]:
    """A product tracked per variant, in its own category and brand, with two variants and no stock at all:
    ``{"id", "category", "brand", "red", "blue"}``."""
    category = ok(client.post(f"{V3}/catalog/categories", json={"name": "Stockroom", "parent_id": 0}))["id"]
    brand = ok(client.post(f"{V3}/catalog/brands", json={"name": "Stockmaker"}))["id"]
    body = {
        "name": "Zyzzyva Mug", "type": "physical", "weight": 0.4, "price": 12.5, "categories": [category],
        "brand_id": brand, "inventory_tracking": "variant", "is_visible": True,
        "variants": [
            {"sku": "ZY-RED", "inventory_level": 0, "option_values": [{"option_display_name": "Color", "label": "Red"}]},
            {"sku": "ZY-BLU", "inventory_level": 0, "option_values": [{"option_display_name": "Color", "label": "Blue"}]},
        ],
    }  # fmt: skip
    product = ok(client.post(PRODUCTS, json=body))
    listed = client.get(f"{PRODUCTS}/{product['id']}/variants")
    assert listed.status_code == 200, listed.text
    variants = {v["sku"]: v["id"] for v in listed.json()["data"]}
    return {
        "id": product["id"], "category": category, "brand": brand,
        "red": variants["ZY-RED"], "blue": variants["ZY-BLU"],
    }  # fmt: skip


def stock(sf: httpx.Client, mug: dict[str, Any]) -> dict[str, Any]:
    variables = {"ids": [mug["id"]], "category": mug["category"], "brand": mug["brand"], "product": mug["id"]}
    response = sf.post("/graphql", json={"query": QUERY, "operationName": "Stock", "variables": variables})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    site: dict[str, Any] = body["data"]["site"]
    facet = next(e["node"] for e in site["search"]["every"]["filters"]["edges"] if e["node"])
    return {
        "products": _ids(site["products"]),
        "every": _ids(site["every"]),
        "category": _ids(site["category"]["products"]),
        "brand": _ids(site["brand"]["products"]),
        "search": _ids(site["search"]["searchProducts"]["products"]),
        "in_stock_facet": facet["isInStock"]["productCount"],
        "inventory": site["product"]["inventory"],
        "variants": {e["node"]["entityId"]: e["node"]["inventory"]["isInStock"] for e in site["product"]["variants"]["edges"]},
    }  # fmt: skip


def set_variant(client: httpx.Client, mug: dict[str, Any], which: str, **fields: Any) -> None:
    ok(client.put(f"{PRODUCTS}/{mug['id']}/variants/{mug[which]}", json=fields))


def hidden(mug: dict[str, Any]) -> dict[str, Any]:
    return {
        "products": [], "every": [mug["id"]], "category": [], "brand": [], "search": [], "in_stock_facet": 0,
        "inventory": {"isInStock": False, "isStockTracked": True, "hasVariantInventory": True},
        "variants": {mug["red"]: False, mug["blue"]: False},
    }  # fmt: skip


def shown(mug: dict[str, Any], **variants: bool) -> dict[str, Any]:
    one = [mug["id"]]
    return {
        "products": one, "every": one, "category": one, "brand": one, "search": one, "in_stock_facet": 1,
        "inventory": {"isInStock": True, "isStockTracked": True, "hasVariantInventory": True},
        "variants": {mug[name]: stocked for name, stocked in variants.items()},
    }  # fmt: skip


def test_no_variant_with_stock_is_out_of_stock_everywhere(sf: httpx.Client, mug: dict[str, Any]) -> None:
    assert stock(sf, mug) == hidden(mug)


def test_one_variant_with_stock_puts_the_product_in_stock_everywhere(
    sf: httpx.Client, client: httpx.Client, mug: dict[str, Any]
) -> None:
    set_variant(client, mug, "blue", inventory_level=3)

    assert stock(sf, mug) == shown(mug, red=False, blue=True)


def test_the_last_unit_sold_out_hides_it_again(sf: httpx.Client, client: httpx.Client, mug: dict[str, Any]) -> None:
    set_variant(client, mug, "red", inventory_level=1)
    assert stock(sf, mug) == shown(mug, red=True, blue=False)

    set_variant(client, mug, "red", inventory_level=0)

    assert stock(sf, mug) == hidden(mug)


def test_stock_of_a_variant_that_cannot_be_purchased_does_not_count(
    sf: httpx.Client, client: httpx.Client, mug: dict[str, Any]
) -> None:
    set_variant(client, mug, "blue", inventory_level=5, purchasing_disabled=True)

    assert stock(sf, mug) == {**hidden(mug), "variants": {mug["red"]: False, mug["blue"]: True}}


def test_the_products_own_level_does_not_count_when_tracked_per_variant(
    sf: httpx.Client, client: httpx.Client, mug: dict[str, Any]
) -> None:
    ok(client.put(f"{PRODUCTS}/{mug['id']}", json={"inventory_level": 9}))

    assert stock(sf, mug) == hidden(mug)


def test_tracking_on_the_product_reads_the_products_level(
    sf: httpx.Client, client: httpx.Client, mug: dict[str, Any]
) -> None:
    set_variant(client, mug, "blue", inventory_level=3)
    ok(client.put(f"{PRODUCTS}/{mug['id']}", json={"inventory_tracking": "product", "inventory_level": 0}))

    answer = stock(sf, mug)

    assert answer["products"] == answer["search"] == answer["category"] == [] and answer["in_stock_facet"] == 0
    assert answer["inventory"] == {"isInStock": False, "isStockTracked": True, "hasVariantInventory": False}
