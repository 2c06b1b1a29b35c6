"""v2 and v3 are two views of one catalog: what one writes the other reads, filters and refuses alike."""

from __future__ import annotations

import email.utils
from datetime import datetime
from typing import Any

import httpx

from mockbc import DEFAULT_STORE_HASH, Store

V2 = f"/stores/{DEFAULT_STORE_HASH}/v2"
V3 = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog"
NEW_V2 = {
    "name": "Plain T-Shirt", "type": "physical", "price": "29.99", "categories": [21], "availability": "available",
    "weight": "0.5",
}  # fmt: skip
NEW_V3 = {"name": "Enamel Camp Mug", "type": "physical", "weight": 0.4, "price": 12.5}


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def v2_create(client: httpx.Client, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(f"{V2}{path}", json=body)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def v3_data(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json()["data"]


def test_product_created_through_v2_reads_the_same_through_v3(client: httpx.Client) -> None:
    made = v2_create(
        client, "/products",
        {**NEW_V2, "sale_price": 25, "inventory_tracking": "simple", "inventory_level": 7, "custom_url": "/tee/",
         "related_products": "77", "meta_keywords": "cotton,tee", "brand_id": 3, "is_visible": True},
    )  # fmt: skip

    data = v3_data(client.get(f"{V3}/products/{made['id']}"))

    assert (data["name"], data["price"], data["sale_price"], data["calculated_price"], data["weight"]) == (
        "Plain T-Shirt", 29.99, 25.0, 25.0, 0.5,
    )  # fmt: skip
    assert (data["inventory_tracking"], data["inventory_level"], data["categories"], data["brand_id"]) == (
        "product", 7, [21], 3,
    )  # fmt: skip
    assert data["custom_url"] == {"url": "/tee/", "is_customized": True}
    assert (data["related_products"], data["meta_keywords"], data["is_visible"]) == ([77], ["cotton", "tee"], True)
    assert datetime.fromisoformat(data["date_created"]) == email.utils.parsedate_to_datetime(made["date_created"])
    assert datetime.fromisoformat(data["date_modified"]) == email.utils.parsedate_to_datetime(made["date_modified"])


def test_product_created_through_v3_reads_the_same_through_v2(client: httpx.Client) -> None:
    made = v3_data(client.post(f"{V3}/products", json={
        **NEW_V3, "inventory_tracking": "product", "custom_url": {"url": "/mug/", "is_customized": True},
        "related_products": [77, 78], "meta_keywords": ["enamel"], "open_graph_use_image": False,
        "preorder_release_date": "2030-01-02T03:04:05+00:00", "product_tax_code": "PC040100",
    }))  # fmt: skip

    body = client.get(f"{V2}/products/{made['id']}").json()

    assert (body["price"], body["weight"], body["calculated_price"]) == ("12.5000", "0.4000", "12.5000")
    assert (body["inventory_tracking"], body["custom_url"], body["related_products"]) == ("simple", "/mug/", "77,78")
    assert (body["meta_keywords"], body["is_open_graph_thumbnail"], body["avalara_product_tax_code"]) == (
        "enamel", False, "PC040100",
    )  # fmt: skip
    assert body["preorder_release_date"] == "Wed, 02 Jan 2030 03:04:05 +0000"
    assert body["date_created"] == email.utils.format_datetime(datetime.fromisoformat(made["date_created"]))


def test_product_with_v3_variants_has_v2_skus(client: httpx.Client) -> None:
    made = v3_data(client.post(f"{V3}/products", json={
        **NEW_V3, "inventory_tracking": "variant", "variants": [
            {"sku": "MUG-RED", "option_values": [{"option_display_name": "Colour", "label": "Red"}]},
            {"sku": "MUG-BLUE", "option_values": [{"option_display_name": "Colour", "label": "Blue"}]},
        ],
    }))  # fmt: skip

    product = client.get(f"{V2}/products/{made['id']}").json()
    skus = client.get(product["skus"]["url"]).json()
    option_list = client.get(product["options"]["url"]).json()

    assert product["inventory_tracking"] == "sku"
    assert [s["sku"] for s in skus] == ["MUG-RED", "MUG-BLUE"]
    assert [o["display_name"] for o in option_list] == ["Colour"]
    assert skus[0]["options"][0]["product_option_id"] == option_list[0]["id"]


def test_product_updated_through_v2_is_found_by_v3_filters(client: httpx.Client) -> None:
    assert client.put(f"{V2}/products/77", json={"price": "1234.5", "is_featured": True}).status_code == 200

    found = v3_data(client.get(f"{V3}/products", params={"price": 1234.5, "is_featured": 1}))

    assert [p["id"] for p in found] == [77]


def test_product_updated_through_v3_is_found_by_v2_filters(client: httpx.Client) -> None:
    assert client.put(f"{V3}/products/78", json={"price": 4321, "inventory_level": 999}).status_code == 200

    response = client.get(f"{V2}/products", params={"min_price": 4321, "min_inventory_level": 999})

    assert [p["id"] for p in response.json()] == [78]
    assert response.json()[0]["price"] == "4321.0000"


def test_product_written_through_v2_can_be_sent_back_through_v3(client: httpx.Client) -> None:
    made = v2_create(client, "/products", {**NEW_V2, "related_products": "-1", "preorder_release_date": ""})
    fetched = v3_data(client.get(f"{V3}/products/{made['id']}"))

    response = client.put(f"{V3}/products/{made['id']}", json=fetched)

    assert response.status_code == 200, response.text


def test_name_taken_through_v3_is_refused_by_v2(client: httpx.Client, store: Store) -> None:
    v3_data(client.post(f"{V3}/products", json=NEW_V3))
    before = snapshot(store)

    response = client.post(f"{V2}/products", json={**NEW_V2, "name": "enamel camp mug"})

    assert response.status_code == 409
    assert response.json() == [{"status": 409, "message": "A product named 'enamel camp mug' already exists."}]
    assert snapshot(store) == before


def test_sku_taken_through_v2_is_refused_by_v3(client: httpx.Client, store: Store) -> None:
    v2_create(client, "/products", {**NEW_V2, "sku": "TEE-PLAIN"})
    before = snapshot(store)

    response = client.post(f"{V3}/products", json={**NEW_V3, "sku": "tee-plain"})

    assert response.status_code == 409
    assert response.json()["errors"] == {"sku": "The SKU 'tee-plain' is already in use."}
    assert snapshot(store) == before


def test_v2_and_v3_refuse_the_same_bounds(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    v2 = client.post(f"{V2}/products", json={**NEW_V2, "weight": "10000000000"})
    v3 = client.post(f"{V3}/products", json={**NEW_V3, "weight": 10000000000})

    assert (v2.status_code, v3.status_code) == (400, 422)
    assert v2.json() == [{"status": 400, "message": "The field 'weight' is invalid: must be at most 9999999999."}]
    assert v3.json()["errors"] == {"weight": "must be at most 9999999999"}
    assert snapshot(store) == before


def test_product_deleted_through_v2_is_gone_from_v3(client: httpx.Client) -> None:
    assert client.delete(f"{V2}/products/77").status_code == 204

    assert client.get(f"{V3}/products/77").status_code == 404


def test_category_created_through_v2_is_a_v3_and_tree_category(client: httpx.Client) -> None:
    made = v2_create(client, "/categories", {"name": "Polos", "parent_id": 20, "url": "/polos/"})

    v3 = v3_data(client.get(f"{V3}/categories/{made['id']}"))
    tree = v3_data(client.get(f"{V3}/trees/categories", params={"category_id:in": made["id"]}))

    assert (v3["name"], v3["parent_id"], v3["custom_url"]) == ("Polos", 20, {"url": "/polos/", "is_customized": True})
    assert [c["category_id"] for c in tree] == [made["id"]]


def test_category_renamed_through_v3_reads_through_v2(client: httpx.Client) -> None:
    assert client.put(f"{V3}/categories/21", json={"name": "Tees", "parent_id": 20}).status_code == 200

    assert client.get(f"{V2}/categories/21").json()["name"] == "Tees"


def test_category_name_taken_through_v3_is_refused_by_v2(client: httpx.Client, store: Store) -> None:
    v3_data(client.post(f"{V3}/categories", json={"name": "Polos", "parent_id": 20}))
    before = snapshot(store)

    response = client.post(f"{V2}/categories", json={"name": "POLOS", "parent_id": 20})

    assert response.status_code == 409
    assert snapshot(store) == before


def test_brand_created_through_v2_reads_through_v3_and_is_given_to_a_v3_product(client: httpx.Client) -> None:
    brand = v2_create(client, "/brands", {"name": "Saltmarsh", "meta_keywords": "sea,salt"})

    v3 = v3_data(client.get(f"{V3}/brands/{brand['id']}"))
    product = v3_data(client.post(f"{V3}/products", json={**NEW_V3, "brand_id": brand["id"]}))

    assert (v3["name"], v3["meta_keywords"]) == ("Saltmarsh", ["sea", "salt"])
    assert client.get(f"{V2}/products/{product['id']}").json()["brand"]["resource"] == f"/brands/{brand['id']}"


def test_brand_name_taken_through_v2_is_refused_by_v3(client: httpx.Client, store: Store) -> None:
    v2_create(client, "/brands", {"name": "Saltmarsh"})
    before = snapshot(store)

    response = client.post(f"{V3}/brands", json={"name": "saltmarsh"})

    assert response.status_code == 409
    assert snapshot(store) == before


def test_counts_agree_with_v3_totals(client: httpx.Client) -> None:
    v3_total = client.get(f"{V3}/products", params={"categories:in": 36}).json()["meta"]["pagination"]["total"]

    assert client.get(f"{V2}/products/count", params={"category": 36}).json() == {"count": v3_total}
