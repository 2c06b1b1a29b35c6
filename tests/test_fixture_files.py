"""Checks on the shipped fixture files (fixtures/demo.json, fixtures/empty.json).

Each rule the server enforces when loading a fixture has its own test, run
against both files.  Further tests check that demo.json is big and varied
enough to be a useful demo store, and that fixtures/build_demo.py rebuilds it
byte-for-byte.  Only the standard library and pytest are used.
"""

from __future__ import annotations

import json
import re
import runpy
from datetime import datetime
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DEMO = FIXTURES / "catalog.json"
EMPTY = FIXTURES / "empty.json"
BUILDER = FIXTURES / "build_demo.py"
FORMAT = "mockbc-fixtures/1"
RESOURCES = ("category_trees", "brands", "categories", "products")
# Sections of what hangs off the records above; optional (empty.json has none).
SUB_SECTIONS = ("reviews", "modifiers", "complex_rules", "metafields", "category_sort_orders")
# The store's channels besides channel 1; optional.
CHANNEL_SECTION = "channels"
SECTIONS = (CHANNEL_SECTION, *RESOURCES, *SUB_SECTIONS)
CDN = "https://cdn.example.com/"
# Demo products left without pictures or other extras: tests across tests/ start from them.
BARE_IDS = {77, 78, 95}
MAX_DEPTH = 8


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module", params=["catalog.json", "empty.json"])
def fixture(request) -> dict:
    return _load(FIXTURES / request.param)


@pytest.fixture(scope="module")
def demo() -> dict:
    return _load(DEMO)


def _variants(data: dict):
    for product in data["products"]:
        for variant in product.get("variants") or []:
            yield product, variant


def _is_int(value) -> bool:
    return type(value) is int  # bool is not an int here


def _is_number(value) -> bool:
    return type(value) in (int, float)


def _duplicates(values) -> list:
    seen, dupes = set(), []
    for value in values:
        if value in seen:
            dupes.append(value)
        seen.add(value)
    return dupes


# --------------------------------------------------------------------------
# Field names and value types (BigCommerce v3)
# --------------------------------------------------------------------------

STR, INT, NUM, BOOL = "str", "int", "number", "bool"
INT_LIST, STR_LIST = "int list", "str list"
URL, NULLABLE_STR, NULLABLE_NUM = "custom_url", "str or null", "number or null"
OPTION_VALUES, VARIANTS = "option_values", "variants"
OBJECTS, OBJECT = "list of objects", "object"

TREE_FIELDS = {"id": INT, "name": STR, "channels": INT_LIST}
TREE_REQUIRED = {"id", "name", "channels"}

BRAND_FIELDS = {
    "id": INT,
    "name": STR,
    "page_title": STR,
    "meta_keywords": STR_LIST,
    "meta_description": STR,
    "search_keywords": STR,
    "image_url": STR,
    "custom_url": URL,
}
BRAND_REQUIRED = {"id", "name"}

CATEGORY_FIELDS = {
    "id": INT,
    "tree_id": INT,
    "parent_id": INT,
    "name": STR,
    "description": STR,
    "sort_order": INT,
    "page_title": STR,
    "meta_keywords": STR_LIST,
    "meta_description": STR,
    "layout_file": STR,
    "image_url": STR,
    "is_visible": BOOL,
    "search_keywords": STR,
    "default_product_sort": STR,
    "views": INT,
    "custom_url": URL,
}
CATEGORY_REQUIRED = {"id", "name", "parent_id"}

PRODUCT_FIELDS = {
    "id": INT,
    "name": STR,
    "type": STR,
    "sku": STR,
    "description": STR,
    "weight": NUM,
    "width": NUM,
    "depth": NUM,
    "height": NUM,
    "price": NUM,
    "cost_price": NUM,
    "retail_price": NUM,
    "sale_price": NUM,
    "map_price": NUM,
    "tax_class_id": INT,
    "product_tax_code": STR,
    "categories": INT_LIST,
    "brand_id": INT,
    "inventory_level": INT,
    "inventory_warning_level": INT,
    "inventory_tracking": STR,
    "fixed_cost_shipping_price": NUM,
    "is_free_shipping": BOOL,
    "is_visible": BOOL,
    "is_featured": BOOL,
    "related_products": INT_LIST,
    "warranty": STR,
    "bin_picking_number": STR,
    "layout_file": STR,
    "upc": STR,
    "mpn": STR,
    "gtin": STR,
    "search_keywords": STR,
    "availability": STR,
    "availability_description": STR,
    "gift_wrapping_options_type": STR,
    "gift_wrapping_options_list": INT_LIST,
    "sort_order": INT,
    "condition": STR,
    "is_condition_shown": BOOL,
    "order_quantity_minimum": INT,
    "order_quantity_maximum": INT,
    "page_title": STR,
    "meta_keywords": STR_LIST,
    "meta_description": STR,
    "view_count": INT,
    "preorder_release_date": NULLABLE_STR,
    "preorder_message": STR,
    "is_preorder_only": BOOL,
    "is_price_hidden": BOOL,
    "price_hidden_label": STR,
    "custom_url": URL,
    "open_graph_type": STR,
    "open_graph_title": STR,
    "open_graph_description": STR,
    "open_graph_use_meta_description": BOOL,
    "open_graph_use_product_name": BOOL,
    "open_graph_use_image": BOOL,
    "reviews_rating_sum": INT,
    "reviews_count": INT,
    "total_sold": INT,
    "date_created": STR,
    "date_modified": STR,
    "date_last_imported": NULLABLE_STR,
    "variants": VARIANTS,
    "images": OBJECTS,
    "videos": OBJECTS,
    "custom_fields": OBJECTS,
    "bulk_pricing_rules": OBJECTS,
    "options": OBJECTS,
    "channels": INT_LIST,
}
PRODUCT_REQUIRED = {"id", "name", "type", "price", "weight"}

VARIANT_FIELDS = {
    "id": INT,
    "sku": STR,
    "option_values": OPTION_VALUES,
    "price": NULLABLE_NUM,
    "sale_price": NULLABLE_NUM,
    "retail_price": NULLABLE_NUM,
    "map_price": NULLABLE_NUM,
    "weight": NULLABLE_NUM,
    "width": NULLABLE_NUM,
    "height": NULLABLE_NUM,
    "depth": NULLABLE_NUM,
    "cost_price": NULLABLE_NUM,
    "fixed_cost_shipping_price": NULLABLE_NUM,
    "is_free_shipping": BOOL,
    "purchasing_disabled": BOOL,
    "purchasing_disabled_message": STR,
    "upc": STR,
    "mpn": STR,
    "gtin": STR,
    "inventory_level": INT,
    "inventory_warning_level": INT,
    "bin_picking_number": STR,
    "image_url": STR,
}
VARIANT_REQUIRED = {"id", "sku", "option_values"}

IMAGE_FIELDS = {"image_url": STR, "is_thumbnail": BOOL, "sort_order": INT, "description": STR}
VIDEO_FIELDS = {"video_id": STR, "type": STR, "title": STR, "description": STR, "sort_order": INT}
CUSTOM_FIELD_FIELDS = {"name": STR, "value": STR}
BULK_PRICING_FIELDS = {"quantity_min": INT, "quantity_max": INT, "type": STR, "amount": NUM}
OPTION_FIELDS = {"display_name": STR, "type": STR, "option_values": OBJECTS}
OPTION_VALUE_FIELDS = {"label": STR, "sort_order": INT, "is_default": BOOL, "value_data": OBJECT}
REVIEW_FIELDS = {
    "product_id": INT, "title": STR, "text": STR, "status": STR, "rating": INT, "email": STR, "name": STR,
    "date_reviewed": STR,
}  # fmt: skip
MODIFIER_FIELDS = {
    "product_id": INT, "display_name": STR, "type": STR, "required": BOOL, "sort_order": INT, "config": OBJECT,
    "option_values": OBJECTS,
}  # fmt: skip
COMPLEX_RULE_FIELDS = {
    "product_id": INT, "sort_order": INT, "enabled": BOOL, "stop": BOOL, "price_adjuster": OBJECT,
    "weight_adjuster": OBJECT, "conditions": OBJECTS,
}  # fmt: skip
METAFIELD_FIELDS = {
    "resource_type": STR, "resource_id": INT, "namespace": STR, "key": STR, "value": STR, "permission_set": STR,
    "description": STR, "owner_client_id": STR,
}  # fmt: skip
SORT_ORDER_FIELDS = {"category_id": INT, "product_id": INT, "sort_order": INT}
OPTION_TYPES = {"radio_buttons", "rectangles", "dropdown", "product_list", "product_list_with_images", "swatch"}
SUB_ENUMS = {
    "videos": {"type": {"youtube"}},
    "bulk_pricing_rules": {"type": {"price", "percent", "fixed"}},
    "options": {"type": OPTION_TYPES},
    "reviews": {"status": {"approved", "disapproved", "pending"}},
    "modifiers": {"type": OPTION_TYPES | {"date", "checkbox", "file", "text", "multi_line_text", "numbers_only_text"}},
    "metafields": {
        "resource_type": {"product", "variant", "category", "brand"},
        "permission_set": {"app_only", "read", "write", "read_and_sf_access", "write_and_sf_access"},
    },
}
# section or product field -> (its fields, its required fields)
SUB_RECORDS = {
    "images": (IMAGE_FIELDS, {"image_url"}),
    "videos": (VIDEO_FIELDS, {"video_id"}),
    "custom_fields": (CUSTOM_FIELD_FIELDS, {"name", "value"}),
    "bulk_pricing_rules": (BULK_PRICING_FIELDS, set(BULK_PRICING_FIELDS)),
    "options": (OPTION_FIELDS, set(OPTION_FIELDS)),
    "reviews": (REVIEW_FIELDS, {"product_id", "title", "date_reviewed"}),
    "modifiers": (MODIFIER_FIELDS, {"product_id", "display_name", "type", "required"}),
    "complex_rules": (COMPLEX_RULE_FIELDS, {"product_id", "conditions"}),
    "metafields": (METAFIELD_FIELDS, {"resource_type", "resource_id", "namespace", "key", "value", "permission_set"}),
    "category_sort_orders": (SORT_ORDER_FIELDS, set(SORT_ORDER_FIELDS)),
}

ENUMS = {
    "type": {"physical", "digital"},
    "inventory_tracking": {"none", "product", "variant"},
    "availability": {"available", "disabled", "preorder"},
    "condition": {"New", "Used", "Refurbished"},
    "gift_wrapping_options_type": {"any", "none", "list"},
    "open_graph_type": {"product", "album", "book", "drink", "food", "game", "movie", "song", "tv_show"},
    "default_product_sort": {
        "use_store_settings",
        "featured",
        "newest",
        "best_selling",
        "alpha_asc",
        "alpha_desc",
        "avg_customer_review",
        "price_asc",
        "price_desc",
    },
}


def _type_ok(kind: str, value) -> bool:
    if kind == STR:
        return isinstance(value, str)
    if kind == INT:
        return _is_int(value)
    if kind == NUM:
        return _is_number(value)
    if kind == BOOL:
        return type(value) is bool
    if kind == INT_LIST:
        return isinstance(value, list) and all(_is_int(v) for v in value)
    if kind == STR_LIST:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == NULLABLE_STR:
        return value is None or isinstance(value, str)
    if kind == NULLABLE_NUM:
        return value is None or _is_number(value)
    if kind == URL:
        return (
            isinstance(value, dict)
            and set(value) == {"url", "is_customized"}
            and isinstance(value["url"], str)
            and type(value["is_customized"]) is bool
        )
    if kind == OPTION_VALUES:
        return isinstance(value, list) and all(
            isinstance(ov, dict)
            and set(ov) == {"option_display_name", "label"}
            and all(isinstance(ov[k], str) and ov[k] for k in ov)
            for ov in value
        )
    if kind in (VARIANTS, OBJECTS):
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    if kind == OBJECT:
        return isinstance(value, dict)
    raise AssertionError(f"unknown kind {kind}")


def _schema_problems(kind: str, records, fields: dict, required: set, enums: dict | None = None) -> list[str]:
    enums = ENUMS if enums is None else enums
    problems = []
    for n, record in enumerate(records):
        label = f"{kind}[{n}] (id={record.get('id')!r})"
        missing = required - set(record)
        if missing:
            problems.append(f"{label}: missing required field(s) {sorted(missing)}")
        unknown = set(record) - set(fields)
        if unknown:
            problems.append(f"{label}: unknown (non-v3) field(s) {sorted(unknown)}")
        for name, value in record.items():
            if name in fields and not _type_ok(fields[name], value):
                problems.append(f"{label}: {name}={value!r} is not of type {fields[name]}")
            if name in enums and value not in enums[name]:
                problems.append(f"{label}: {name}={value!r} not one of {sorted(enums[name])}")
    return problems


# --------------------------------------------------------------------------
# Load-time rules (both files)
# --------------------------------------------------------------------------


def test_format_marker_and_top_level_keys(fixture):
    assert fixture.get("format") == FORMAT, f"format must be {FORMAT!r}, got {fixture.get('format')!r}"
    extra = set(fixture) - {"format", *SECTIONS}
    assert not extra, f"unexpected top-level keys: {sorted(extra)}"
    for key in RESOURCES:
        assert isinstance(fixture.get(key), list), f"{key!r} must be a JSON array"
    for key in (CHANNEL_SECTION, *SUB_SECTIONS):
        assert isinstance(fixture.get(key, []), list), f"{key!r} must be a JSON array"


def test_every_channel_id_used_is_a_channel_of_the_file(fixture):
    known = {1} | {channel["id"] for channel in fixture.get(CHANNEL_SECTION, [])}
    used = {c for tree in fixture["category_trees"] for c in tree["channels"]}
    used |= {c for product in fixture["products"] for c in product.get("channels") or []}
    assert used <= known, f"channel ids used but not listed: {sorted(used - known)}"


def _sub_records(data: dict, name: str) -> list:
    if name in SUB_SECTIONS:
        return data.get(name, [])
    return [item for p in data["products"] for item in p.get(name) or []]


@pytest.mark.parametrize("name", list(SUB_RECORDS))
def test_sub_resource_records_use_v3_fields_and_types(fixture, name):
    fields, required = SUB_RECORDS[name]
    problems = _schema_problems(name, _sub_records(fixture, name), fields, required, SUB_ENUMS.get(name, {}))
    assert not problems, "\n".join(problems)


def test_option_value_records_use_v3_fields_and_types(fixture):
    values = [v for option in _sub_records(fixture, "options") for v in option["option_values"]]
    problems = _schema_problems("option_values", values, OPTION_VALUE_FIELDS, {"label", "sort_order"}, {})
    assert not problems, "\n".join(problems)


def test_default_tree_for_channel_1_exists(fixture):
    trees = {t["id"]: t for t in fixture["category_trees"]}
    assert 1 in trees, "category tree 1 (the default tree) is missing"
    assert 1 in trees[1]["channels"], "category tree 1 must be assigned to channel 1"


def test_category_tree_records_use_v3_fields_and_types(fixture):
    problems = _schema_problems("category_trees", fixture["category_trees"], TREE_FIELDS, TREE_REQUIRED)
    assert not problems, "\n".join(problems)


def test_brand_records_use_v3_fields_and_types(fixture):
    problems = _schema_problems("brands", fixture["brands"], BRAND_FIELDS, BRAND_REQUIRED)
    assert not problems, "\n".join(problems)


def test_category_records_use_v3_fields_and_types(fixture):
    problems = _schema_problems("categories", fixture["categories"], CATEGORY_FIELDS, CATEGORY_REQUIRED)
    assert not problems, "\n".join(problems)


def test_product_records_use_v3_fields_and_types(fixture):
    problems = _schema_problems("products", fixture["products"], PRODUCT_FIELDS, PRODUCT_REQUIRED)
    assert not problems, "\n".join(problems)


def test_variant_records_use_v3_fields_and_types(fixture):
    variants = [v for _, v in _variants(fixture)]
    problems = _schema_problems("variants", variants, VARIANT_FIELDS, VARIANT_REQUIRED)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("resource", [*RESOURCES, "variants"])
def test_ids_are_positive_and_unique(fixture, resource):
    if resource == "variants":
        records = [v for _, v in _variants(fixture)]
    else:
        records = fixture[resource]
    ids = [r.get("id") for r in records]
    bad = [i for i in ids if not (_is_int(i) and i > 0)]
    assert not bad, f"{resource}: ids must be positive integers, got {bad}"
    dupes = _duplicates(ids)
    assert not dupes, f"{resource}: duplicate ids {dupes}"


def test_product_categories_exist(fixture):
    category_ids = {c["id"] for c in fixture["categories"]}
    bad = [(p["id"], c) for p in fixture["products"] for c in p.get("categories", []) if c not in category_ids]
    assert not bad, f"(product id, category id) pairs naming unknown categories: {bad}"


def test_product_brand_is_zero_or_existing(fixture):
    brand_ids = {b["id"] for b in fixture["brands"]}
    bad = [
        (p["id"], p["brand_id"])
        for p in fixture["products"]
        if p.get("brand_id", 0) != 0 and p["brand_id"] not in brand_ids
    ]
    assert not bad, f"(product id, brand_id) pairs naming unknown brands: {bad}"


def test_category_parent_is_zero_or_earlier_category(fixture):
    seen, bad = set(), []
    for c in fixture["categories"]:
        if c["parent_id"] != 0 and c["parent_id"] not in seen:
            bad.append((c["id"], c["parent_id"]))
        seen.add(c["id"])
    assert not bad, f"(category id, parent_id) pairs whose parent is not an earlier category: {bad}"


def test_categories_all_in_tree_1(fixture):
    bad = [(c["id"], c.get("tree_id", 1)) for c in fixture["categories"] if c.get("tree_id", 1) != 1]
    assert not bad, f"(category id, tree_id) pairs outside tree 1: {bad}"


def test_category_depth_at_most_8(fixture):
    parents = {c["id"]: c["parent_id"] for c in fixture["categories"]}
    too_deep = []
    for cid in parents:
        depth, node = 1, cid
        while parents.get(node, 0) != 0 and depth <= MAX_DEPTH + 1:
            node = parents[node]
            depth += 1
        if depth > MAX_DEPTH:
            too_deep.append(cid)
    assert not too_deep, f"categories deeper than {MAX_DEPTH} levels: {too_deep}"


def test_category_names_unique_among_siblings(fixture):
    keys = [(c["parent_id"], c["name"]) for c in fixture["categories"]]
    dupes = _duplicates(keys)
    assert not dupes, f"(parent_id, name) repeated among siblings: {dupes}"


def test_category_custom_urls_unique(fixture):
    urls = [c["custom_url"]["url"] for c in fixture["categories"] if "custom_url" in c]
    dupes = _duplicates(urls)
    assert not dupes, f"duplicate category custom_url.url values: {dupes}"


def test_product_names_unique(fixture):
    dupes = _duplicates(p["name"] for p in fixture["products"])
    assert not dupes, f"duplicate product names: {dupes}"


def test_skus_unique_case_insensitively(fixture):
    skus = [p["sku"].lower() for p in fixture["products"] if p.get("sku")]
    skus += [v["sku"].lower() for _, v in _variants(fixture)]
    dupes = _duplicates(skus)
    assert not dupes, f"SKUs repeated (case-insensitively) across products/variants: {dupes}"


def test_product_custom_urls_unique(fixture):
    urls = [p["custom_url"]["url"] for p in fixture["products"] if "custom_url" in p]
    dupes = _duplicates(urls)
    assert not dupes, f"duplicate product custom_url.url values: {dupes}"


def test_brand_names_unique(fixture):
    dupes = _duplicates(b["name"] for b in fixture["brands"])
    assert not dupes, f"duplicate brand names: {dupes}"


def test_products_with_variants_track_variant_or_none(fixture):
    bad = [
        (p["id"], p.get("inventory_tracking", "none"))
        for p in fixture["products"]
        if p.get("variants") and p.get("inventory_tracking", "none") not in ("variant", "none")
    ]
    assert not bad, f"(product id, inventory_tracking) for products with variants: {bad}"


def test_variant_skus_non_empty(fixture):
    bad = [
        (p["id"], v["id"]) for p, v in _variants(fixture) if not isinstance(v.get("sku"), str) or not v["sku"].strip()
    ]
    assert not bad, f"(product id, variant id) pairs with an empty sku: {bad}"


def test_variant_option_names_consistent_per_product(fixture):
    bad = []
    for p in fixture["products"]:
        shapes = {tuple(ov["option_display_name"] for ov in v["option_values"]) for v in p.get("variants") or []}
        if len(shapes) > 1 or () in shapes:
            bad.append((p["id"], sorted(shapes)))
    assert not bad, f"variants of a product must name the same options in the same order (and at least one): {bad}"


def test_variant_option_combinations_distinct_per_product(fixture):
    bad = []
    for p in fixture["products"]:
        combos = [
            tuple((ov["option_display_name"], ov["label"]) for ov in v["option_values"])
            for v in p.get("variants") or []
        ]
        if _duplicates(combos):
            bad.append((p["id"], _duplicates(combos)))
    assert not bad, f"products with two variants for the same option values: {bad}"


def test_empty_fixture_is_exactly_the_default_tree():
    assert _load(EMPTY) == {
        "format": FORMAT,
        "category_trees": [{"id": 1, "name": "Default", "channels": [1]}],
        "brands": [],
        "categories": [],
        "products": [],
    }, "empty.json must hold only the default category tree"


# --------------------------------------------------------------------------
# demo.json: size and realism targets
# --------------------------------------------------------------------------


def test_demo_size_targets(demo):
    with_variants = [p for p in demo["products"] if p.get("variants")]
    assert len(demo["products"]) >= 120, f"only {len(demo['products'])} products (want >= 120)"
    assert len(demo["categories"]) >= 12, f"only {len(demo['categories'])} categories (want >= 12)"
    assert len(demo["brands"]) >= 6, f"only {len(demo['brands'])} brands (want >= 6)"
    assert 10 <= len(with_variants) <= 20, f"{len(with_variants)} products with variants (want 10-20)"


def test_demo_file_is_compact_and_one_record_per_line():
    size = DEMO.stat().st_size
    assert size < 400 * 1024, f"demo.json is {size} bytes (want < 400 KB)"
    data = _load(DEMO)
    lines = DEMO.read_text(encoding="utf-8").splitlines()
    records = sum(len(data.get(k, [])) for k in SECTIONS)
    record_lines = [ln for ln in lines if ln.startswith("    {")]
    assert len(record_lines) == records, f"expected one line per record ({records}), found {len(record_lines)}"


def test_demo_variant_counts_between_2_and_12(demo):
    bad = [
        (p["id"], len(p["variants"]))
        for p in demo["products"]
        if p.get("variants") and not 2 <= len(p["variants"]) <= 12
    ]
    assert not bad, f"(product id, variant count) outside 2-12: {bad}"


def test_demo_category_nesting_has_2_to_3_levels(demo):
    parents = {c["id"]: c["parent_id"] for c in demo["categories"]}

    def depth(cid):
        return 1 if parents[cid] == 0 else 1 + depth(parents[cid])

    depths = {depth(c) for c in parents}
    assert {1, 2, 3} <= depths, f"category depths present: {sorted(depths)} (want 1, 2 and 3)"
    assert max(depths) <= 3, f"demo categories nest {max(depths)} levels deep (want <= 3)"


def test_demo_prices_have_at_most_two_decimals_and_vary(demo):
    def two_dp(x):
        return x is None or round(x, 2) == x

    bad = [
        (p["id"], f, p[f])
        for p in demo["products"]
        for f in ("price", "sale_price", "retail_price", "cost_price")
        if not two_dp(p[f])
    ]
    bad += [(v["id"], "price", v["price"]) for _, v in _variants(demo) if not two_dp(v["price"])]
    assert not bad, f"prices with more than two decimals: {bad}"
    prices = {p["price"] for p in demo["products"]}
    assert len(prices) >= 60, f"only {len(prices)} distinct prices"
    assert all(p["price"] > 0 for p in demo["products"]), "every demo product needs a price"


def test_demo_sale_prices_below_price(demo):
    on_sale = [p for p in demo["products"] if p["sale_price"]]
    bad = [(p["id"], p["price"], p["sale_price"]) for p in on_sale if not p["sale_price"] < p["price"]]
    assert not bad, f"sale_price not below price: {bad}"
    assert len(on_sale) >= 5, f"only {len(on_sale)} products on sale"


def test_demo_has_out_of_stock_products(demo):
    oos = [p for p in demo["products"] if p["inventory_tracking"] == "product" and p["inventory_level"] == 0]
    assert len(oos) >= 3, f"only {len(oos)} out-of-stock products"


@pytest.mark.parametrize(
    "flag, expected, minimum",
    [
        ("is_visible", False, 3),
        ("is_featured", True, 5),
        ("is_free_shipping", True, 5),
    ],
)
def test_demo_has_varied_flags(demo, flag, expected, minimum):
    count = sum(p[flag] is expected for p in demo["products"])
    assert count >= minimum, f"only {count} products with {flag}={expected}"


def test_demo_digital_products(demo):
    digital = [p for p in demo["products"] if p["type"] == "digital"]
    assert len(digital) >= 3, f"only {len(digital)} digital products"
    bad = [p["id"] for p in digital if p["weight"] != 0 or p.get("variants")]
    assert not bad, f"digital products must weigh 0 and have no variants: {bad}"
    physical_weights = {p["weight"] for p in demo["products"] if p["type"] == "physical"}
    assert len(physical_weights) >= 30 and 0 not in physical_weights, "physical weights should vary and be > 0"


@pytest.mark.parametrize("availability", ["preorder", "disabled"])
def test_demo_has_unusual_availability(demo, availability):
    found = [p for p in demo["products"] if p["availability"] == availability]
    assert found, f"no product with availability={availability!r}"
    if availability == "preorder":
        bad = [p["id"] for p in found if not p["preorder_release_date"]]
        assert not bad, f"preorder products without a release date: {bad}"


def test_demo_dates_are_2024_and_ordered(demo):
    bad = []
    for p in demo["products"]:
        created = datetime.fromisoformat(p["date_created"])
        modified = datetime.fromisoformat(p["date_modified"])
        if created.tzinfo is None or created.year != 2024 or modified.year != 2024:
            bad.append((p["id"], "not an aware 2024 timestamp"))
        if modified < created:
            bad.append((p["id"], "date_modified before date_created"))
        if p["preorder_release_date"]:
            datetime.fromisoformat(p["preorder_release_date"])
    assert not bad, f"bad product dates: {bad}"


def test_demo_product_text_looks_real(demo):
    sku_re = re.compile(r"^[A-Z]{3}-[A-Z]{3}-\d{3}$")
    url_re = re.compile(r"^/[a-z0-9]+(?:-[a-z0-9]+)*/$")
    bad = []
    for p in demo["products"]:
        if not sku_re.match(p["sku"]):
            bad.append((p["id"], "sku", p["sku"]))
        if not url_re.match(p["custom_url"]["url"]):
            bad.append((p["id"], "custom_url", p["custom_url"]["url"]))
        if not (p["description"].startswith("<p>") and p["description"].endswith("</p>")):
            bad.append((p["id"], "description", p["description"]))
    assert not bad, f"products with implausible sku/url/description: {bad}"


def test_demo_variant_inventory_adds_up(demo):
    bad = [
        (p["id"], p["inventory_level"])
        for p in demo["products"]
        if p.get("variants")
        and p["inventory_tracking"] == "variant"
        and p["inventory_level"] != sum(v["inventory_level"] for v in p["variants"])
    ]
    assert not bad, f"product inventory_level differs from the sum of its variants: {bad}"


# --------------------------------------------------------------------------
# demo.json: what hangs off the products
# --------------------------------------------------------------------------


def _products_by_id(data: dict) -> dict:
    return {p["id"]: p for p in data["products"]}


def test_demo_readme_counts_are_true(demo):
    """fixtures/README.md describes the demo in numbers; they must stay true."""
    row = next(
        line
        for line in (FIXTURES / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `catalog.json`")
    )
    counts = {name: int(n) for n, name in re.findall(r"(\d+) (products|variants|categories|brands|reviews|modifiers"
                                                     r"|complex rules|metafields)", row)}  # fmt: skip
    assert counts == {
        "products": len(demo["products"]), "variants": sum(1 for _ in _variants(demo)),
        "categories": len(demo["categories"]), "brands": len(demo["brands"]), "reviews": len(demo["reviews"]),
        "modifiers": len(demo["modifiers"]), "complex rules": len(demo["complex_rules"]),
        "metafields": len(demo["metafields"]),
    }  # fmt: skip


def test_demo_bare_products_have_nothing_hanging_off_them(demo):
    by_id = _products_by_id(demo)
    bare = [(pid, f) for pid in BARE_IDS for f in ("images", "videos", "custom_fields", "bulk_pricing_rules", "options",
                                                   "channels") if f in by_id[pid]]  # fmt: skip
    bare += [(r["product_id"], s) for s in ("reviews", "modifiers", "complex_rules") for r in demo[s]
             if r["product_id"] in BARE_IDS]  # fmt: skip
    bare += [(m["resource_id"], "metafields") for m in demo["metafields"]
             if m["resource_type"] == "product" and m["resource_id"] in BARE_IDS]  # fmt: skip
    assert not bare, f"(product id, what) on the bare demo products: {bare}"


def test_demo_images_one_thumbnail_each_on_the_reserved_domain(demo):
    with_images = [p for p in demo["products"] if p.get("images")]
    assert len(with_images) >= 100, f"only {len(with_images)} products with pictures"
    bad = [p["id"] for p in with_images if sum(i["is_thumbnail"] for i in p["images"]) != 1]
    assert not bad, f"products without exactly one thumbnail: {bad}"
    urls = [i["image_url"] for p in with_images for i in p["images"]]
    assert all(u.startswith(CDN) for u in urls), "demo image URLs must be on the reserved cdn.example.com"
    assert not _duplicates(urls), f"image URLs used twice: {_duplicates(urls)}"
    assert any(len(p["images"]) > 1 for p in with_images), "no product with a gallery"


def test_demo_has_videos_custom_fields_and_price_breaks(demo):
    products = demo["products"]
    assert sum(bool(p.get("videos")) for p in products) >= 3
    assert sum(bool(p.get("custom_fields")) for p in products) >= 30
    assert {f["name"] for p in products for f in p.get("custom_fields") or []} >= {"Material", "Origin"}
    breaks = [p for p in products if p.get("bulk_pricing_rules")]
    assert len(breaks) >= 4
    assert {r["type"] for p in breaks for r in p["bulk_pricing_rules"]} == {"price", "percent", "fixed"}


def test_demo_price_breaks_are_valid(demo):
    bad = []
    for p in demo["products"]:
        rules = p.get("bulk_pricing_rules") or []
        for r in rules:
            if r["quantity_max"] and r["quantity_max"] <= r["quantity_min"]:
                bad.append((p["id"], r, "empty range"))
            if r["type"] == "fixed" and (r["quantity_min"] < 2 or r["amount"] >= p["price"]):
                bad.append((p["id"], r, "fixed price from fewer than 2, or not a discount"))
        spans = sorted((r["quantity_min"], r["quantity_max"] or 10**9) for r in rules)
        bad += [(p["id"], a, b) for a, b in zip(spans, spans[1:], strict=False) if b[0] <= a[1]]
    assert not bad, f"bad price breaks: {bad}"


def test_demo_options_are_typed_options_of_the_products_variants(demo):
    declared = [(p, o) for p in demo["products"] for o in p.get("options") or []]
    bad = []
    for p, option in declared:
        labels = {ov["label"] for v in p["variants"] for ov in v["option_values"]
                  if ov["option_display_name"] == option["display_name"]}  # fmt: skip
        if {v["label"] for v in option["option_values"]} != labels:
            bad.append((p["id"], option["display_name"]))
        if option["type"] == "swatch":
            colors = [c for v in option["option_values"] for c in v["value_data"]["colors"]]
            if not all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in colors):
                bad.append((p["id"], option["display_name"], "colors"))
    assert not bad, f"declared options that are not the variants' own: {bad}"
    assert {o["type"] for _, o in declared} >= {"swatch", "rectangles", "radio_buttons"}
    untyped = [p for p in demo["products"] if p.get("variants") and not p.get("options")]
    assert untyped, "no variant product keeps plain dropdowns"


def test_demo_reviews_add_up_to_the_products_counters(demo):
    by_id = _products_by_id(demo)
    listed: dict[int, tuple[int, int]] = {}
    for r in demo["reviews"]:
        if r["status"] == "approved":
            count, total = listed.get(r["product_id"], (0, 0))
            listed[r["product_id"]] = (count + 1, total + r["rating"])
    bad = []
    for pid, (count, total) in listed.items():
        p = by_id[pid]
        rest, rest_sum = p["reviews_count"] - count, p["reviews_rating_sum"] - total
        if rest < 0 or not 0 <= rest_sum <= 5 * rest:
            bad.append((pid, p["reviews_count"], p["reviews_rating_sum"], count, total))
    assert not bad, f"(product, reviews_count, rating sum, approved listed, their sum) that cannot add up: {bad}"
    few = [p["id"] for p in demo["products"] if 0 < p["reviews_count"] <= 2 and p["id"] not in BARE_IDS
           and listed.get(p["id"], (0, 0))[0] != p["reviews_count"]]  # fmt: skip
    assert not few, f"products with one or two reviews that do not list them all: {few}"
    assert {r["status"] for r in demo["reviews"]} == {"approved", "pending", "disapproved"}


def test_demo_reviews_look_real(demo):
    by_id = _products_by_id(demo)
    bad = [
        (r["product_id"], r["date_reviewed"])
        for r in demo["reviews"]
        if datetime.fromisoformat(r["date_reviewed"]) < datetime.fromisoformat(by_id[r["product_id"]]["date_created"])
        or datetime.fromisoformat(r["date_reviewed"]).year != 2024
        or not r["email"].endswith("@example.com")
        or not 1 <= r["rating"] <= 5
    ]
    assert not bad, f"reviews dated before their product, outside 2024, or not on example.com: {bad}"


def test_demo_modifiers_cover_checkbox_text_and_priced_choices(demo):
    by_id = _products_by_id(demo)
    types = {m["type"] for m in demo["modifiers"]}
    assert {"checkbox", "text", "dropdown"} <= types
    priced = [m for m in demo["modifiers"] for v in m.get("option_values") or [] if "adjusters" in v]
    assert any(m["type"] == "dropdown" for m in priced) and any(m["type"] == "checkbox" for m in priced)
    clashes = [
        (m["product_id"], m["display_name"])
        for m in demo["modifiers"]
        for v in by_id[m["product_id"]].get("variants") or []
        for ov in v["option_values"]
        if ov["option_display_name"].casefold() == m["display_name"].casefold()
    ]
    assert not clashes, f"modifiers named as an option of their product: {clashes}"


def test_demo_complex_rules_name_the_products_modifiers_and_variants(demo):
    by_id = _products_by_id(demo)
    bad = []
    for rule in demo["complex_rules"]:
        p = by_id[rule["product_id"]]
        variant_ids = {v["id"] for v in p.get("variants") or []}
        modifiers = {m["display_name"] for m in demo["modifiers"] if m["product_id"] == p["id"]}
        for condition in rule["conditions"]:
            if "variant_id" in condition and condition["variant_id"] not in variant_ids:
                bad.append((p["id"], condition))
            if "modifier_display_name" in condition and condition["modifier_display_name"] not in modifiers:
                bad.append((p["id"], condition))
    assert demo["complex_rules"] and not bad, f"complex rule conditions naming what the product lacks: {bad}"


def test_demo_metafields_cover_every_owner_kind_and_one_is_app_only(demo):
    owners = {
        "product": set(_products_by_id(demo)), "variant": {v["id"] for _, v in _variants(demo)},
        "category": {c["id"] for c in demo["categories"]}, "brand": {b["id"] for b in demo["brands"]},
    }  # fmt: skip
    bad = [m for m in demo["metafields"] if m["resource_id"] not in owners[m["resource_type"]]]
    assert not bad, f"metafields of owners the demo lacks: {bad}"
    assert {m["resource_type"] for m in demo["metafields"]} == set(owners)
    assert [m["resource_type"] for m in demo["metafields"] if m["permission_set"] == "app_only"] == ["brand"]
    keys = [(m["resource_type"], m["resource_id"], m["namespace"], m["key"]) for m in demo["metafields"]]
    assert not _duplicates(keys), f"metafield keys used twice on one owner: {_duplicates(keys)}"


def test_demo_sort_orders_name_products_of_their_category(demo):
    by_id = _products_by_id(demo)
    orders = demo["category_sort_orders"]
    bad = [o for o in orders if o["category_id"] not in by_id[o["product_id"]]["categories"]]
    assert orders and not bad, f"sort orders of products outside their category: {bad}"


# --------------------------------------------------------------------------
# Reproducibility
# --------------------------------------------------------------------------


def test_build_demo_reproduces_demo_json_byte_for_byte(tmp_path):
    namespace = runpy.run_path(str(BUILDER), run_name="build_demo")
    first = namespace["write_demo"](tmp_path / "first.json")
    second = namespace["write_demo"](tmp_path / "second.json")
    expected = DEMO.read_bytes()
    assert Path(first).read_bytes() == expected, "fixtures/demo.json is stale: rerun `python fixtures/build_demo.py`"
    assert Path(second).read_bytes() == expected, "build_demo.py is not deterministic"
