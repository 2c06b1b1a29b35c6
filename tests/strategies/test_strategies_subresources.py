"""The sub-resource strategies (variants, options, modifiers, complex rules, images, videos,
custom fields, bulk pricing rules, reviews, metafields) and the v2 ones: every example is
accepted by the mock and reads back as sent."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from strategies_support import BRANDS, CATEGORIES, PRODUCTS, V3, Mock, http_settings, rich_seed, same_number

from mockbc.strategies import (
    bulk_pricing_rule_batches,
    bulk_pricing_rules,
    complex_rules,
    custom_fields,
    metafield_batches,
    metafields,
    modifiers,
    options,
    product_images,
    products,
    reviews,
    v2_brands,
    v2_categories,
    v2_products,
    variant_batches,
    variant_updates,
    variants,
    videos,
)

RICH = Mock(seed=rich_seed())
EMPTY = Mock("empty")
STORE = RICH.store
# The product rich_seed() gave one of every sub-resource, with a free combination of option values.
PRODUCT = min(o.product_id for o in STORE.options.values())
PRODUCT_IDS = sorted(p.id for p in STORE.products.values())
VARIANT_IDS = sorted((v.product_id, v.id) for v in STORE.variants.values())
V2 = f"/stores/{STORE.store_hash}/v2"


def teardown_module() -> None:
    RICH.close()
    EMPTY.close()


def created(path: str, body: Any, status: int = 200, mock: Mock = RICH) -> dict[str, Any]:
    response = mock.client.post(path, json=body)
    assert response.status_code == status, response.text
    data: dict[str, Any] = response.json()["data"] if status == 200 else response.json()
    return data


def fresh_product(mock: Mock) -> int:
    return int(created(PRODUCTS, {"name": "Fresh", "type": "physical", "weight": 1, "price": 1}, mock=mock)["id"])


# --------------------------------------------------------------------------- variants


@http_settings(40)
@given(variants(store=STORE, product_id=PRODUCT))
def test_variants_are_created_with_their_option_values(body: dict[str, Any]) -> None:
    try:
        got = created(f"{PRODUCTS}/{PRODUCT}/variants", body)
        assert got["sku"] == body["sku"]
        assert sorted((v["option_id"], v["id"]) for v in got["option_values"]) == sorted(
            (v["option_id"], v["id"]) for v in body["option_values"]
        )
        for name in ("price", "weight", "inventory_level", "upc", "mpn"):
            if body.get(name) is not None:
                assert same_number(got[name], body[name]) if name in ("price", "weight") else got[name] == body[name]
    finally:
        RICH.reset()


@http_settings(40)
@given(st.sampled_from(VARIANT_IDS), variant_updates(store=STORE))
def test_variant_updates_are_accepted_by_any_variant(target: tuple[int, int], body: dict[str, Any]) -> None:
    product_id, variant_id = target
    try:
        response = RICH.client.put(f"{PRODUCTS}/{product_id}/variants/{variant_id}", json=body)
        assert response.status_code == 200, response.text
        if "sku" in body:
            assert response.json()["data"]["sku"] == body["sku"]
    finally:
        RICH.reset()


@http_settings(30)
@given(variant_batches(store=STORE))
def test_variant_batches_are_accepted(items: list[dict[str, Any]]) -> None:
    try:
        response = RICH.client.put(f"{V3}/catalog/variants", json=items)
        assert response.status_code == 200, response.text
        data = response.json()["data"]
        assert [v["sku"] for v in data if "sku" in v] == [v["sku"] for v in data]
        assert len(data) == len(items)
        for item, got in zip(items, data, strict=True):
            if "id" in item:
                assert got["id"] == item["id"]
            else:
                assert got["product_id"] == item["product_id"] and got["sku"] == item["sku"]
    finally:
        RICH.reset()


# --------------------------------------------------------------------------- options, modifiers, complex rules


@http_settings(40)
@given(options(store=STORE, product_id=PRODUCT))
def test_options_are_created_with_their_values(body: dict[str, Any]) -> None:
    try:
        got = created(f"{PRODUCTS}/{PRODUCT}/options", body)
        assert got["display_name"] == body["display_name"] and got["type"] == body["type"]
        assert sorted(v["label"] for v in got["option_values"]) == sorted(v["label"] for v in body["option_values"])
    finally:
        RICH.reset()


@http_settings(25)
@given(options())
def test_options_without_store_fit_a_new_product(body: dict[str, Any]) -> None:
    try:
        assert body["type"] not in ("product_list", "product_list_with_images")
        created(f"{PRODUCTS}/{fresh_product(EMPTY)}/options", body, mock=EMPTY)
    finally:
        EMPTY.reset()


@http_settings(60)
@given(modifiers(store=STORE, product_id=PRODUCT))
def test_modifiers_are_created_by_their_type_rules(body: dict[str, Any]) -> None:
    try:
        got = created(f"{PRODUCTS}/{PRODUCT}/modifiers", body)
        assert (got["display_name"], got["type"], got["required"]) == (
            body["display_name"],
            body["type"],
            body["required"],
        )
        if body["type"] == "checkbox":
            assert len(got["option_values"]) == 2  # a checkbox is made with its two values
        elif body.get("option_values"):
            assert sorted(v["label"] for v in got["option_values"]) == sorted(v["label"] for v in body["option_values"])
        if body["type"] == "date":
            assert got["config"]["default_value"] == body["config"]["default_value"]
    finally:
        RICH.reset()


@http_settings(25)
@given(modifiers())
def test_modifiers_without_store_fit_a_new_product(body: dict[str, Any]) -> None:
    try:
        created(f"{PRODUCTS}/{fresh_product(EMPTY)}/modifiers", body, mock=EMPTY)
    finally:
        EMPTY.reset()


@http_settings(30)
@given(complex_rules(store=STORE, product_id=PRODUCT))
def test_complex_rules_are_created(body: dict[str, Any]) -> None:
    try:
        got = created(f"{PRODUCTS}/{PRODUCT}/complex-rules", body)
        assert len(got["conditions"]) == len(body["conditions"])
    finally:
        RICH.reset()


# --------------------------------------------------------------------------- images, videos, reviews


@http_settings(30)
@given(st.sampled_from(PRODUCT_IDS), product_images(store=STORE))
def test_product_images_by_url_are_created(product_id: int, body: dict[str, Any]) -> None:
    try:
        got = created(f"{PRODUCTS}/{product_id}/images", body)
        assert got["image_url"] == body["image_url"]
    finally:
        RICH.reset()


@http_settings(25)
@given(st.sampled_from(PRODUCT_IDS), videos(store=STORE))
def test_videos_are_created(product_id: int, body: dict[str, Any]) -> None:
    try:
        assert created(f"{PRODUCTS}/{product_id}/videos", body)["video_id"] == body["video_id"]
    finally:
        RICH.reset()


@http_settings(25)
@given(st.sampled_from(PRODUCT_IDS), reviews(store=STORE))
def test_reviews_are_created(product_id: int, body: dict[str, Any]) -> None:
    try:
        got = created(f"{PRODUCTS}/{product_id}/reviews", body)
        assert got["title"] == body["title"] and got.get("email", "") == body.get("email", got.get("email", ""))
    finally:
        RICH.reset()


# --------------------------------------------------------------------------- custom fields, bulk pricing


@http_settings(30)
@given(custom_fields(store=STORE, product_id=PRODUCT))
def test_custom_fields_avoid_the_pairs_of_their_product(body: dict[str, Any]) -> None:
    try:
        got = created(f"{PRODUCTS}/{PRODUCT}/custom-fields", body)
        assert (got["name"], got["value"]) == (body["name"], body["value"])
    finally:
        RICH.reset()


@http_settings(30)
@given(st.sampled_from(PRODUCT_IDS), custom_fields(store=STORE, name=st.just("Material")))
def test_custom_fields_without_product_fit_any_product(product_id: int, body: dict[str, Any]) -> None:
    try:
        created(f"{PRODUCTS}/{product_id}/custom-fields", body)
    finally:
        RICH.reset()


@http_settings(30)
@given(bulk_pricing_rule_batches(store=STORE, product_id=PRODUCT, max_size=4))
def test_bulk_pricing_rule_batches_are_created_one_after_another(rules: list[dict[str, Any]]) -> None:
    try:
        for body in rules:
            got = created(f"{PRODUCTS}/{PRODUCT}/bulk-pricing-rules", body)
            assert (got["quantity_min"], got["quantity_max"], got["type"]) == (
                body["quantity_min"], body["quantity_max"], body["type"]
            )  # fmt: skip
            assert same_number(got["amount"], float(body["amount"]))
    finally:
        RICH.reset()


@http_settings(30)
@given(st.sampled_from(PRODUCT_IDS), bulk_pricing_rules(store=STORE))
def test_bulk_pricing_rules_without_product_fit_any_product(product_id: int, body: dict[str, Any]) -> None:
    try:
        created(f"{PRODUCTS}/{product_id}/bulk-pricing-rules", body)
    finally:
        RICH.reset()


@http_settings(25)
@given(products(store=STORE, bulk_pricing_rules=bulk_pricing_rule_batches(min_size=2, max_size=5)))
def test_bulk_pricing_rule_batches_go_inline_in_a_product(body: dict[str, Any]) -> None:
    try:
        product = created(PRODUCTS, body)
        listed = RICH.client.get(f"{PRODUCTS}/{product['id']}/bulk-pricing-rules").json()["data"]
        assert len(listed) == len(body["bulk_pricing_rules"])
    finally:
        RICH.reset()


# --------------------------------------------------------------------------- metafields

OWNERS = {
    "product": PRODUCT,
    "variant": min(m.resource_id for m in STORE.variant_metafields.values() if m.owner_client_id == RICH.client_id),
    "category": min(m.resource_id for m in STORE.category_metafields.values()),
    "brand": min(m.resource_id for m in STORE.brand_metafields.values()),
}


def metafield_path(owner: str, resource_id: int) -> str:
    if owner == "variant":
        return f"{PRODUCTS}/{STORE.variants.require(resource_id).product_id}/variants/{resource_id}/metafields"
    return {"product": PRODUCTS, "category": CATEGORIES, "brand": BRANDS}[owner] + f"/{resource_id}/metafields"


@http_settings(25)
@given(st.sampled_from(sorted(OWNERS)), st.data())
def test_metafields_of_every_owner_are_created(owner: str, data: st.DataObject) -> None:
    resource_id = OWNERS[owner]
    body = data.draw(metafields(store=STORE, owner=owner, resource_id=resource_id, client_id=RICH.client_id))
    try:
        got = created(metafield_path(owner, resource_id), body)
        assert (got["namespace"], got["key"], got["value"]) == (body["namespace"], body["key"], body["value"])
    finally:
        RICH.reset()


@http_settings(25)
@given(st.sampled_from(sorted(OWNERS)), st.data())
def test_metafield_batches_are_created_whole(owner: str, data: st.DataObject) -> None:
    items = data.draw(metafield_batches(store=STORE, owner=owner, client_id=RICH.client_id, max_size=6))
    plural = {"product": "products", "variant": "variants", "category": "categories", "brand": "brands"}[owner]
    try:
        response = RICH.client.post(f"{V3}/catalog/{plural}/metafields", json=items)
        assert response.status_code == 200, response.text
        assert response.json()["errors"] == [] and len(response.json()["data"]) == len(items)
    finally:
        RICH.reset()


# --------------------------------------------------------------------------- v2


@http_settings(40)
@given(v2_products(store=STORE))
def test_v2_products_are_created_and_read_back_through_v3(body: dict[str, Any]) -> None:
    try:
        product_id = created(f"{V2}/products", body, status=201)["id"]
        got = RICH.client.get(f"{PRODUCTS}/{product_id}").json()["data"]
        assert got["name"] == body["name"]
        for name in ("price", "weight", "cost_price", "retail_price", "sale_price"):
            if name in body:
                assert same_number(got[name], float(body[name])), name
        assert sorted(got["categories"]) == sorted(body["categories"])
        if "custom_url" in body:
            assert got["custom_url"]["url"] == body["custom_url"]
    finally:
        RICH.reset()


@http_settings(20)
@given(v2_products())
def test_v2_products_without_store_fit_an_empty_store(body: dict[str, Any]) -> None:
    try:
        assert body["categories"] == []
        created(f"{V2}/products", body, status=201, mock=EMPTY)
    finally:
        EMPTY.reset()


@http_settings(30)
@given(v2_categories(store=STORE))
def test_v2_categories_are_created(body: dict[str, Any]) -> None:
    try:
        got = created(f"{V2}/categories", body, status=201)
        assert (got["name"], got["parent_id"]) == (body["name"], body["parent_id"])
    finally:
        RICH.reset()


@http_settings(30)
@given(v2_brands(store=STORE))
def test_v2_brands_are_created(body: dict[str, Any]) -> None:
    try:
        assert created(f"{V2}/brands", body, status=201)["name"] == body["name"]
    finally:
        RICH.reset()
