"""Every valid body the strategies draw is accepted by the mock, and reads back as sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from strategies_support import (
    BRANDS,
    CATEGORIES,
    PRODUCTS,
    TREE_CATEGORIES,
    TREES,
    Mock,
    http_settings,
    same_number,
)

from mockbc.strategies import (
    brand_batches,
    brand_updates,
    brands,
    categories,
    category_batches,
    category_trees,
    category_updates,
    product_batches,
    product_update_batches,
    product_updates,
    products,
    tree_categories,
)

DEMO = Mock("demo")
EMPTY = Mock("empty")
DEMO_PRODUCT_IDS = sorted(p.id for p in DEMO.store.products.values())
DEMO_BRAND_IDS = sorted(b.id for b in DEMO.store.brands.values())
DEMO_CATEGORY_IDS = sorted(c.id for c in DEMO.store.categories.values())


def teardown_module() -> None:
    DEMO.close()
    EMPTY.close()


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))


def assert_product_matches(sent: dict[str, Any], got: dict[str, Any], mock: Mock) -> None:
    for name in ("name", "type", "sku", "is_visible", "inventory_tracking", "condition", "availability", "upc"):
        if name in sent:
            assert got[name] == sent[name], name
    for name in ("price", "weight", "sale_price", "cost_price"):
        if name in sent:
            assert same_number(sent[name], got[name]), name
    if "categories" in sent:
        assert set(got["categories"]) == set(sent["categories"])
    if sent.get("brand_id"):
        assert got["brand_id"] == sent["brand_id"]
    elif sent.get("brand_name"):
        brand = mock.store.brands.get(got["brand_id"])
        assert brand is not None and brand.name.casefold() == sent["brand_name"].casefold()
    elif "brand_id" in sent:
        assert got["brand_id"] == 0
    url = sent.get("custom_url") or {}
    if url.get("url"):
        assert got["custom_url"]["url"] == url["url"]
    if sent.get("preorder_release_date"):
        assert _instant(got["preorder_release_date"]) == _instant(sent["preorder_release_date"])
    if "custom_fields" in got and "custom_fields" in sent:
        assert sorted((f["name"], f["value"]) for f in got["custom_fields"]) == sorted(
            (f["name"], f["value"]) for f in sent["custom_fields"]
        )
    if "bulk_pricing_rules" in got and "bulk_pricing_rules" in sent:
        assert sorted((r["quantity_min"], r["quantity_max"], r["type"]) for r in got["bulk_pricing_rules"]) == sorted(
            (r["quantity_min"], r["quantity_max"], r["type"]) for r in sent["bulk_pricing_rules"]
        )
    if "images" in got and "images" in sent:
        assert sorted(i["image_url"] for i in got["images"]) == sorted(i["image_url"] for i in sent["images"])
    if "videos" in got and "videos" in sent:
        assert sorted(v["video_id"] for v in got["videos"]) == sorted(v["video_id"] for v in sent["videos"])
    if "variants" in got:
        if sent.get("variants"):
            assert sorted(v["sku"] for v in got["variants"]) == sorted(v["sku"] for v in sent["variants"])
        elif "sku" in sent:
            assert [v["sku"] for v in got["variants"]] == [sent["sku"]]


def create_product(mock: Mock, body: dict[str, Any]) -> dict[str, Any]:
    response = mock.client.post(PRODUCTS, json=body)
    assert response.status_code == 200, response.text
    created: dict[str, Any] = response.json()["data"]
    include = "variants,custom_fields,bulk_pricing_rules,images,videos"
    got = mock.client.get(f"{PRODUCTS}/{created['id']}", params={"include": include})
    assert got.status_code == 200
    data: dict[str, Any] = got.json()["data"]
    assert_product_matches(body, data, mock)
    return data


# --------------------------------------------------------------------------- products


@http_settings(300)
@given(products(store=DEMO.store))
def test_products_with_store_are_created_and_read_back(body: dict[str, Any]) -> None:
    try:
        create_product(DEMO, body)
    finally:
        DEMO.reset()


@http_settings(120)
@given(products())
def test_products_without_store_are_created_in_an_empty_store(body: dict[str, Any]) -> None:
    try:
        create_product(EMPTY, body)
    finally:
        EMPTY.reset()


@http_settings(60)
@given(product_batches(store=DEMO.store, max_size=6))
def test_product_batches_are_created_one_after_another(batch: list[dict[str, Any]]) -> None:
    try:
        before = len(DEMO.store.products)
        for body in batch:
            create_product(DEMO, body)
        assert len(DEMO.store.products) == before + len(batch)
    finally:
        DEMO.reset()


@http_settings(250)
@given(st.sampled_from(DEMO_PRODUCT_IDS), product_updates(store=DEMO.store))
def test_product_updates_are_accepted_by_any_product(product_id: int, body: dict[str, Any]) -> None:
    try:
        response = DEMO.client.put(f"{PRODUCTS}/{product_id}", json=body)
        assert response.status_code == 200, response.text
        got = DEMO.client.get(f"{PRODUCTS}/{product_id}").json()["data"]
        assert_product_matches(body, got, DEMO)
    finally:
        DEMO.reset()


@http_settings(60)
@given(product_update_batches(store=DEMO.store))
def test_product_update_batches_are_accepted(items: list[dict[str, Any]]) -> None:
    try:
        response = DEMO.client.put(PRODUCTS, json=items)
        assert response.status_code == 200, response.text
        data = response.json()["data"]
        assert [p["id"] for p in data] == [item["id"] for item in items]
        for item, got in zip(items, data, strict=True):
            assert_product_matches(item, got, DEMO)
    finally:
        DEMO.reset()


# --------------------------------------------------------------------------- brands


def assert_brand_matches(sent: dict[str, Any], got: dict[str, Any]) -> None:
    for name in ("name", "page_title", "meta_description", "search_keywords", "image_url", "meta_keywords"):
        if name in sent:
            assert got[name] == sent[name], name
    url = sent.get("custom_url") or {}
    if url.get("url"):
        assert got["custom_url"]["url"] == url["url"]


@http_settings(200)
@given(brands(store=DEMO.store))
def test_brands_with_store_are_created_and_read_back(body: dict[str, Any]) -> None:
    try:
        response = DEMO.client.post(BRANDS, json=body)
        assert response.status_code == 200, response.text
        brand_id = response.json()["data"]["id"]
        assert_brand_matches(body, DEMO.client.get(f"{BRANDS}/{brand_id}").json()["data"])
    finally:
        DEMO.reset()


@http_settings(50)
@given(brand_batches(store=DEMO.store, max_size=8))
def test_brand_batches_are_created_one_after_another(batch: list[dict[str, Any]]) -> None:
    try:
        for body in batch:
            response = DEMO.client.post(BRANDS, json=body)
            assert response.status_code == 200, response.text
            assert_brand_matches(body, response.json()["data"])
    finally:
        DEMO.reset()


@http_settings(150)
@given(st.sampled_from(DEMO_BRAND_IDS), brand_updates(store=DEMO.store))
def test_brand_updates_are_accepted_by_any_brand(brand_id: int, body: dict[str, Any]) -> None:
    try:
        response = DEMO.client.put(f"{BRANDS}/{brand_id}", json=body)
        assert response.status_code == 200, response.text
        assert_brand_matches(body, DEMO.client.get(f"{BRANDS}/{brand_id}").json()["data"])
    finally:
        DEMO.reset()


# --------------------------------------------------------------------------- categories


def assert_category_matches(sent: dict[str, Any], got: dict[str, Any], *, url_key: str = "custom_url") -> None:
    for name in (
        "name",
        "parent_id",
        "description",
        "is_visible",
        "sort_order",
        "default_product_sort",
        "meta_keywords",
    ):
        if name in sent:
            assert got[name] == sent[name], name
    sent_url, got_url = sent.get(url_key) or {}, got.get(url_key) or {}
    key = "url" if url_key == "custom_url" else "path"
    if sent_url.get(key):
        assert got_url[key] == sent_url[key]


@http_settings(200)
@given(categories(store=DEMO.store))
def test_categories_with_store_are_created_and_read_back(body: dict[str, Any]) -> None:
    try:
        response = DEMO.client.post(CATEGORIES, json=body)
        assert response.status_code == 200, response.text
        category_id = response.json()["data"]["id"]
        assert_category_matches(body, DEMO.client.get(f"{CATEGORIES}/{category_id}").json()["data"])
    finally:
        DEMO.reset()


@http_settings(50)
@given(category_batches(store=DEMO.store, max_size=8))
def test_category_batches_are_created_one_after_another(batch: list[dict[str, Any]]) -> None:
    try:
        for body in batch:
            response = DEMO.client.post(CATEGORIES, json=body)
            assert response.status_code == 200, response.text
            assert_category_matches(body, response.json()["data"])
    finally:
        DEMO.reset()


@http_settings(150)
@given(st.sampled_from(DEMO_CATEGORY_IDS), category_updates(store=DEMO.store))
def test_category_updates_are_accepted_by_any_category(category_id: int, body: dict[str, Any]) -> None:
    try:
        response = DEMO.client.put(f"{CATEGORIES}/{category_id}", json=body)
        assert response.status_code == 200, response.text
        assert_category_matches(body, DEMO.client.get(f"{CATEGORIES}/{category_id}").json()["data"])
    finally:
        DEMO.reset()


@http_settings(100)
@given(tree_categories(store=DEMO.store))
def test_tree_categories_are_created_with_201(items: list[dict[str, Any]]) -> None:
    try:
        response = DEMO.client.post(TREE_CATEGORIES, json=items)
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["meta"] == {"total": len(items), "success": len(items), "failed": 0}
        for sent, got in zip(items, body["data"], strict=True):
            assert_category_matches({k: v for k, v in sent.items() if k != "parent_id"}, got, url_key="url")
            if sent.get("tree_id"):
                assert got["tree_id"] == sent["tree_id"]
    finally:
        DEMO.reset()


@given(category_trees())
def test_category_trees_without_a_store_rename_tree_1(items: list[dict[str, Any]]) -> None:
    # The only channel known is 1, and tree 1 (every store's) holds it.
    assert [sorted(item) for item in items] == [["id", "name"]] and items[0]["id"] == 1


@http_settings(60)
@given(category_trees(store=DEMO.store))
def test_category_trees_are_upserted(items: list[dict[str, Any]]) -> None:
    try:
        response = DEMO.client.put(TREES, json=items)
        assert response.status_code == 200, response.text
        data = response.json()["data"]
        assert [t["name"] for t in data] == [item["name"] for item in items]
        listed = {t["id"]: t for t in DEMO.client.get(TREES).json()["data"]}
        for item, got in zip(items, data, strict=True):
            assert listed[got["id"]]["name"] == item["name"]
            if "channels" in item:
                assert listed[got["id"]]["channels"] == item["channels"]
    finally:
        DEMO.reset()
