"""The fixture loader: records take the API's path, fixtures/README.md's defaults are the API's,
and a malformed file is a ``FixtureError`` naming the record, never another exception."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from recorder import RecordingTransport

from mockbc import create_app
from mockbc.fixtures import FixtureError, build_seed, fixtures_dir, load_seed
from mockbc.http.inprocess import InProcessTransport
from mockbc.http.inprocess import client as inprocess_client
from mockbc.services import channels as channel_service
from mockbc.store.store import Store

README = Path(__file__).resolve().parents[1] / "fixtures" / "README.md"
FORMAT = "mockbc-fixtures/1"
MINIMAL = {
    "products": {"name": "Default Mug", "type": "physical", "weight": 1, "price": 2},
    "brands": {"name": "Default Brand"},
    "categories": {"name": "Default Category", "parent_id": 0},
}
CREATE_PATHS = {"products": "catalog/products", "brands": "catalog/brands", "categories": "catalog/categories"}

WHOLESALE = {"id": 2, "name": "Wholesale", "type": "storefront", "platform": "custom"}

TEE = {
    "id": 1, "name": "Tee", "type": "physical", "weight": 1, "price": 10, "inventory_tracking": "variant",
    "categories": [1],
    "variants": [
        {"id": 1, "sku": "T-R", "option_values": [{"option_display_name": "Color", "label": "Red"}]},
        {"id": 2, "sku": "T-B", "option_values": [{"option_display_name": "Color", "label": "Blue"}]},
    ],
}  # fmt: skip
CATEGORY = {"id": 1, "name": "Tops", "parent_id": 0}
REVIEW = {"title": "Nice", "date_reviewed": "2024-03-01T10:00:00+00:00"}
METAFIELD = {"namespace": "erp", "key": "code", "value": "A-1", "permission_set": "read"}
SWATCH = {"display_name": "Color", "type": "swatch", "option_values": [
    {"label": "Red", "sort_order": 0, "value_data": {"colors": ["#FF0000"]}}, {"label": "Blue", "sort_order": 1},
]}  # fmt: skip
WRAP = {
    "display_name": "Wrap",
    "type": "dropdown",
    "required": False,
    "option_values": [{"label": "Yes", "sort_order": 0}],
}
CHECKBOX = {"display_name": "Gift wrap", "type": "checkbox", "required": False}
YES_ADJUSTED = {"adjusters": {"price": {"adjuster": "relative", "adjuster_value": 4.95}}}
# Fields a store sets for itself (ids, stamps, generated names): not defaults a fixture gives.
VOLATILE = {"id", "option_id", "rule_id", "modifier_id", "modifier_value_id", "date_created", "date_modified", "name",
            "owner_client_id"}  # fmt: skip


def readme_defaults(section: str) -> dict[str, Any]:
    """``field -> default`` from the README table under ``### `section```, for cells that hold
    one JSON literal (prose cells such as ``custom_url`` are skipped)."""
    text = README.read_text(encoding="utf-8").split(f"### `{section}`\n", 1)[1]
    text = re.split(r"^#", text, maxsplit=1, flags=re.MULTILINE)[0]  # up to the next heading
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    defaults: dict[str, Any] = {}
    for row in rows:
        fields_cell, default_cell = (cell.strip() for cell in row.strip("|").split("|")[:2])
        literal = re.fullmatch(r"`([^`]*)`", default_cell)
        if literal is None or "<" in literal.group(1):  # prose, or a template such as /<slug-of-name>/
            continue
        value = json.loads(literal.group(1))
        for field in re.findall(r"`([a-z_]+)`", fields_cell):
            defaults[field] = value
    return defaults


@pytest.mark.parametrize("resource", ["products", "brands", "categories"])
def test_readme_defaults_are_what_the_api_gives(resource: str) -> None:
    defaults = readme_defaults(resource)
    defaults.pop("tree_id", None)  # a fixture-only field
    assert len(defaults) >= 3
    app = create_app(fixtures="empty")
    with inprocess_client(app, access_token=app.state.default_account.access_token) as client:
        created = client.post(f"/stores/mockbc0001/v3/{CREATE_PATHS[resource]}", json=MINIMAL[resource])
    assert created.status_code == 200, created.text
    given_by_api = created.json()["data"]
    assert {field: given_by_api[field] for field in defaults} == defaults


@pytest.mark.parametrize("resource", ["products", "brands", "categories"])
def test_a_fixture_record_gets_the_same_defaults_as_an_api_create(resource: str) -> None:
    seeded = build_seed({"format": FORMAT, resource: [{"id": 1, **MINIMAL[resource]}]})
    app = create_app(fixtures="empty")
    registry = app.state.registry
    registry.create_store("seeded1", seed=seeded)
    account = registry.create_account("seeded1", name="reader", scopes=["store_v2_products"])
    with inprocess_client(app, access_token=app.state.default_account.access_token) as client:
        made = client.post(f"/stores/mockbc0001/v3/{CREATE_PATHS[resource]}", json=MINIMAL[resource]).json()["data"]
    with inprocess_client(app, access_token=account.access_token) as client:
        loaded = client.get(f"/stores/seeded1/v3/{CREATE_PATHS[resource]}/1").json()["data"]

    ignore = {"id", "date_created", "date_modified", "base_variant_id"}
    assert {k: v for k, v in loaded.items() if k not in ignore} == {k: v for k, v in made.items() if k not in ignore}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], 'expected an object with "format": "mockbc-fixtures/1"'),
        ({"format": FORMAT, "products": {}}, "products must be an array"),
        ({"format": FORMAT, "products": [1]}, "every product must be a JSON object, got 1"),
        ({"format": FORMAT, "products": [{"id": "7", "name": "X"}]}, "product 'X' needs a positive integer id, got '7'"),
        ({"format": FORMAT, "products": [{"id": 1, "name": "X", "type": "physical", "weight": 1, "price": "cheap"}]},
         "product 1: JSON data is missing or invalid price: must be a number"),
        ({"format": FORMAT, "products": [{"id": 1, "name": "X", "type": "physical", "weight": 1, "price": 1,
                                           "categories": [99]}]},
         "product 1: One or more categories do not exist. categories: Category ids do not exist: 99."),
        ({"format": FORMAT, "brands": [{"id": 1, "name": "B"}, {"id": 2, "name": "b"}]},
         "brand 2: The brand name is a duplicate. name: A brand named 'b' already exists."),
        ({"format": FORMAT, "brands": [{"id": 1, "name": "B"}, {"id": 1, "name": "C"}]},
         "brand 1: The id is already in use. id: The id 1 is already in use."),
        ({"format": FORMAT, "categories": [{"id": 2, "name": "Child", "parent_id": 1}]},
         "category 2: The parent category does not exist. parent_id: Category 1 does not exist."),
        ({"format": FORMAT, "category_trees": [{"id": 1}]}, "category tree 1 needs a name and a list of channels"),
        ({"format": FORMAT, "channels": [{**WHOLESALE, "id": None}]}, "channel 'Wholesale' needs a positive integer id, got None"),
        ({"format": FORMAT, "channels": [{**WHOLESALE, "id": 1}]},
         "channel 1: The id is already in use. id: The id 1 is already in use."),
        ({"format": FORMAT, "channels": [WHOLESALE, {**WHOLESALE, "name": "Other"}]},
         "channel 2: The id is already in use. id: The id 2 is already in use."),
        ({"format": FORMAT, "channels": [{**WHOLESALE, "platform": "amazon"}]},
         "channel 2: Channel type storefront cannot be used with platform amazon. platform: does not accept type "
         "storefront"),
        ({"format": FORMAT, "channels": [{**WHOLESALE, "status": "connected"}]},
         "channel 2: The request payload is invalid. status: must be one of prelaunch, active, inactive, archived, "
         "deleted for a storefront channel"),
        ({"format": FORMAT, "channels": [{**WHOLESALE, "colour": "red"}]},
         "channel 2: JSON data is missing or invalid colour: is not a field this resource accepts"),
        ({"format": FORMAT, "channels": [WHOLESALE],
          "category_trees": [{"id": 1, "name": "Default", "channels": [1]}, {"id": 2, "name": "B2B", "channels": [3]}]},
         "category tree 2: The category trees are invalid. channels: Channel 3 does not exist."),
        ({"format": FORMAT, "products": [{"id": 1, "name": "V", "type": "physical", "weight": 1, "price": 1,
                                           "variants": [{"id": "x", "sku": "A"}]}]},
         "every variant needs a positive integer id, got 'x'"),
        ({"format": FORMAT, "products": [{"id": 1, "name": "X", "type": "physical", "weight": 1, "price": 1,
                                           "date_created": "yesterday"}]},
         "product 1: JSON data is missing or invalid date_created: must be a valid date-time"),
    ],
)  # fmt: skip
def test_malformed_documents_are_refused_naming_the_record(document: Any, message: str) -> None:
    with pytest.raises(FixtureError) as refused:
        build_seed(document, source="shop.json")

    assert str(refused.value) == f"shop.json: {message}"


def _tee(**fields: Any) -> dict[str, Any]:
    return {**TEE, **fields}


def _doc(**sections: Any) -> dict[str, Any]:
    return {"format": FORMAT, "categories": [CATEGORY], "products": [TEE], **sections}


def _review(**fields: Any) -> dict[str, Any]:
    return {"product_id": 1, **REVIEW, **fields}


def _metafield(**fields: Any) -> dict[str, Any]:
    return {"resource_type": "product", "resource_id": 1, **METAFIELD, **fields}


RULE = {"product_id": 1, "conditions": [{"modifier_display_name": "Wrap", "modifier_value_label": "Yes"},
                                        {"variant_id": 1}]}  # fmt: skip


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (_doc(products=[_tee(images=[{"image_url": "ftp://x"}])]),
         "product 1: The request payload is invalid. images.0.image_url: must be an absolute http or https URL"),
        (_doc(products=[_tee(images=[{"description": "x"}])]),
         "product 1: The request payload is invalid. images.0.image_url: error.path.missing"),
        (_doc(products=[_tee(videos=[{"video_id": "a b"}])]),
         "product 1: The request payload is invalid. videos.0.video_id: must be a YouTube video id: letters, digits, "
         "'-' and '_'"),
        (_doc(products=[_tee(custom_fields=[{"name": "a", "value": "b"}] * 2)]),
         "product 1: The custom field is a duplicate. custom_fields.1.name: Item 0 of this request has the same name "
         "and value."),
        (_doc(products=[_tee(bulk_pricing_rules=[{"quantity_min": 2, "quantity_max": 5, "type": "price", "amount": 1},
                                                 {"quantity_min": 4, "quantity_max": 0, "type": "price", "amount": 1}])]),
         "product 1: The bulk pricing rule overlaps another. bulk_pricing_rules.1.quantity_min: The quantities overlap "
         "item 0 of this request."),
        (_doc(products=[_tee(channels=[0])]),
         "product 1: The channel assignments were not saved. channels: Channel 0 does not exist."),
        (_doc(channels=[WHOLESALE], products=[_tee(channels=[1, 2, 3])]),
         "product 1: The channel assignments were not saved. channels: Channel 3 does not exist."),
        (_doc(products=[_tee(variants=[], options=[SWATCH])]),
         "product 1: options are the options of its variants: list variants that name them"),
        (_doc(products=[_tee(options=[{**SWATCH, "display_name": "Size"}])]),
         "product 1: options.0: no variant names an option 'Size' (its variants name 'Color')"),
        (_doc(products=[_tee(options=[SWATCH, SWATCH])]), "product 1: options.1: the option 'Color' is listed twice"),
        (_doc(products=[_tee(options=[{**SWATCH, "option_values": [{"label": "Red", "sort_order": 0}] * 2}])]),
         "product 1: options.0: option_values.1: the label 'Red' is listed twice"),
        (_doc(products=[_tee(options=[{**SWATCH, "option_values": [
            {"label": "Red", "sort_order": 0, "value_data": {"colors": ["red"]}}]}])]),
         "product 1: The request payload is invalid. options.0.option_values.0.value_data.colors.0: must be a color "
         "such as #1a2b3c"),
        (_doc(products=[_tee(options=[{**SWATCH, "type": "circle"}])]),
         "product 1: JSON data is missing or invalid options.0.type: must be one of: radio_buttons, rectangles, "
         "dropdown, product_list, product_list_with_images, swatch"),
        (_doc(products=[_tee(reviews=[REVIEW])]),
         'product 1: reviews are listed in the top-level "reviews" section, each with its product_id'),
        (_doc(products=[_tee(modifiers=[WRAP])]),
         'product 1: modifiers are listed in the top-level "modifiers" section, each with its product_id'),
        (_doc(reviews=["x"]), "reviews[0] must be a JSON object, got 'x'"),
        (_doc(reviews=[_review(product_id=2)]), "reviews[0]: product_id 2 is not a product of the file"),
        (_doc(reviews=[_review(product_id="1")]),
         "reviews[0]: product_id must be the id of a record of the file, got '1'"),
        (_doc(reviews=[{"product_id": 1, "title": "x"}]),
         "reviews[0]: JSON data is missing or invalid date_reviewed: error.path.missing"),
        (_doc(reviews=[_review(email="nope")]),
         "reviews[0]: The request payload is invalid. email: must be a valid email address, or empty"),
        (_doc(products=[_tee(reviews_count=1)], reviews=[_review(status="approved", rating=4)] * 2),
         "product 1: reviews_count is 1, fewer than the 2 approved reviews the file lists for it"),
        (_doc(products=[_tee(reviews_count=2, reviews_rating_sum=20)], reviews=[_review(status="approved", rating=4)]),
         "product 1: reviews_rating_sum 20 cannot be reached: the 1 approved review(s) listed add 4, and the other 1 "
         "counted add 0 to 5 each"),
        (_doc(modifiers=[{"product_id": 1, "display_name": "Wrap", "type": "checkbox"}]),
         "modifiers[0]: JSON data is missing or invalid required: error.path.missing"),
        (_doc(modifiers=[{"product_id": 1, **CHECKBOX, "option_values": [{"label": "Maybe"}]}]),
         "modifiers[0]: option_values.0: a checkbox has the values 'Yes' and 'No'; name one by its label"),
        (_doc(modifiers=[{"product_id": 1, "display_name": "Eng", "type": "text", "required": False,
                          "option_values": [{"label": "a", "sort_order": 0}]}]),
         "modifiers[0]: The request payload is invalid. option_values: A text modifier has no values."),
        (_doc(modifiers=[{"product_id": 1, **WRAP, "display_name": "color"}]),
         "modifiers[0]: The display name is a duplicate. display_name: An option or modifier of this product is already "
         "named 'color'."),
        (_doc(complex_rules=[RULE]), "complex_rules[0]: conditions.0: product 1 has no modifier 'Wrap'"),
        (_doc(modifiers=[{"product_id": 1, **WRAP}], complex_rules=[{**RULE, "conditions": [
            {"modifier_display_name": "Wrap", "modifier_value_label": "No"}, {"variant_id": 1}]}]),
         "complex_rules[0]: conditions.0: the modifier 'Wrap' has no value 'No'"),
        (_doc(modifiers=[{"product_id": 1, **WRAP}], complex_rules=[{**RULE, "conditions": [
            {"modifier_display_name": "Wrap", "modifier_value_label": "Yes", "modifier_id": 4}, {"variant_id": 1}]}]),
         "complex_rules[0]: conditions.0: name the modifier value by id or by name, not both"),
        (_doc(modifiers=[{"product_id": 1, **WRAP}], complex_rules=[{**RULE, "conditions": RULE["conditions"][:1]}]),
         "complex_rules[0]: The request payload is invalid. conditions: must name at least two modifier values, or a "
         "modifier value and a variant"),
        (_doc(modifiers=[{"product_id": 1, **WRAP}], complex_rules=[{**RULE, "conditions": [
            RULE["conditions"][0], {"variant_id": 99}]}]),
         "complex_rules[0]: The request payload is invalid. conditions.1.variant_id: 99 is not a variant of this "
         "product"),
        (_doc(metafields=[_metafield(resource_type="order")]),
         "metafields[0]: resource_type must be one of product, variant, category, brand, got 'order'"),
        (_doc(metafields=[_metafield(resource_id=2)]), "metafields[0]: resource_id 2 is not a product of the file"),
        (_doc(metafields=[_metafield(resource_type="variant", resource_id=99)]),
         "metafields[0]: resource_id 99 is not a variant of the file"),
        (_doc(metafields=[_metafield(permission_set="secret")]),
         "metafields[0]: JSON data is missing or invalid permission_set: must be one of: app_only, read, write, "
         "read_and_sf_access, write_and_sf_access"),
        (_doc(metafields=[_metafield()] * 2),
         "metafields[1]: The metafield is a duplicate. key: Your API account already has a metafield with namespace "
         "'erp' and key 'code' on product 1."),
        (_doc(metafields=[_metafield(owner_client_id=5)]), "metafields[0]: owner_client_id must be a string, got 5"),
        (_doc(products=[_tee(categories=[])], category_sort_orders=[{"category_id": 1, "product_id": 1, "sort_order": 0}]),
         "category_sort_orders[0]: The sort order was not saved. product_id: Product 1 is not in category 1."),
        (_doc(category_sort_orders=[{"category_id": 1, "product_id": 1, "sort_order": -1}]),
         "category_sort_orders[0]: JSON data is missing or invalid sort_order: must be at least 0"),
        (_doc(category_sort_orders=[{"category_id": 1, "product_id": 1, "sort_order": 0}] * 2),
         "category_sort_orders[1]: product 1 is given a sort order in category 1 twice"),
        (_doc(category_sort_orders=[{"category_id": 4, "product_id": 1, "sort_order": 0}]),
         "category_sort_orders[0]: category_id 4 is not a category of tree 1"),
        (_doc(category_sort_orders=[{"product_id": 1, "sort_order": 0}]),
         "category_sort_orders[0]: category_id must be the id of a record of the file, got None"),
        ({"format": FORMAT, "metafields": {}}, "metafields must be an array"),
    ],
)  # fmt: skip
def test_malformed_sub_resources_are_refused_naming_the_record_and_the_rule(document: Any, message: str) -> None:
    with pytest.raises(FixtureError) as refused:
        build_seed(document, source="shop.json")

    assert str(refused.value) == f"shop.json: {message}"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)
DEMO_RECORD = {"id": 1, "name": "Mug", "type": "physical", "weight": 1, "price": 2, "categories": [], "brand_id": 0}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(section=st.sampled_from(["brands", "categories", "products", "category_trees"]),
       field=st.sampled_from(["id", "name", "parent_id", "type", "price", "categories", "variants", "custom_url",
                              "channels", "brand_id", "tree_id", "meta_keywords"]),
       value=JSON_VALUES)  # fmt: skip
def test_any_mangled_record_is_a_fixture_error_or_a_store(section: str, field: str, value: Any) -> None:
    record = {**DEMO_RECORD, field: value}
    try:
        seed = build_seed({"format": FORMAT, section: [record]})
    except FixtureError:
        return
    Store("fuzz", seed)  # what loaded is a store the API can serve


# One valid record of every kind, and where a mangled field may go: (section, index or path).
FULL = {
    "format": FORMAT,
    "channels": [WHOLESALE],
    "categories": [CATEGORY],
    "brands": [{"id": 1, "name": "Acme"}],
    "products": [_tee(images=[{"image_url": "https://cdn.example.com/a.jpg"}], videos=[{"video_id": "abc"}],
                      custom_fields=[{"name": "a", "value": "b"}], options=[SWATCH], channels=[1, 2],
                      bulk_pricing_rules=[{"quantity_min": 2, "quantity_max": 0, "type": "price", "amount": 1}])],
    "reviews": [_review(status="approved", rating=4)],
    "modifiers": [{"product_id": 1, **WRAP}, {"product_id": 1, **CHECKBOX, "option_values": [{"label": "Yes", **YES_ADJUSTED}]}],
    "complex_rules": [RULE],
    "metafields": [_metafield(), _metafield(resource_type="variant", resource_id=2), _metafield(resource_type="category")],
    "category_sort_orders": [{"category_id": 1, "product_id": 1, "sort_order": 0}],
}  # fmt: skip
SITES: list[tuple[str, ...]] = [
    ("products", "0"), ("products", "0", "images", "0"), ("products", "0", "videos", "0"),
    ("products", "0", "custom_fields", "0"), ("products", "0", "bulk_pricing_rules", "0"), ("products", "0", "options", "0"),
    ("products", "0", "options", "0", "option_values", "0"), ("products", "0", "variants", "0"),
    ("reviews", "0"), ("modifiers", "0"), ("modifiers", "0", "option_values", "0"), ("modifiers", "1"),
    ("modifiers", "1", "option_values", "0"), ("complex_rules", "0"), ("complex_rules", "0", "conditions", "0"),
    ("metafields", "0"), ("metafields", "1"), ("category_sort_orders", "0"),
]  # fmt: skip
FIELDS = [
    "id", "product_id", "resource_id", "resource_type", "category_id", "variant_id", "image_url", "is_thumbnail",
    "video_id", "name", "value", "quantity_min", "quantity_max", "type", "amount", "display_name", "label",
    "sort_order", "value_data", "option_values", "channels", "options", "is_default", "required", "config",
    "adjusters", "conditions", "modifier_display_name", "modifier_value_label", "modifier_id", "status", "rating",
    "date_reviewed", "date_created", "date_modified", "email", "namespace", "key", "permission_set",
    "owner_client_id", "reviews_count", "reviews_rating_sum",
]  # fmt: skip


# Values that get past the schema to the rules behind it: ids of records the file holds, names it uses.
NEAR_MISSES = [
    0, 1, 2, 3, 99, 2**40, "", "Yes", "No", "Red", "Wrap", "Color", "approved", "checkbox", "text", "swatch",
    "variant", "category", "brand", "write", "app_only", [], [1], [2], [0], [{}], {}, {"colors": ["#FFF"]},
    [{"label": "Yes"}], [{"label": "Red", "sort_order": 0}], [{"variant_id": 1}], "2024-01-01T00:00:00Z",
]  # fmt: skip


def test_the_full_document_of_the_fuzz_loads() -> None:
    seed = build_seed(FULL)

    assert [len(getattr(seed, t)) for t in ("product_images", "reviews", "modifiers", "complex_rules")] == [1, 1, 2, 1]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(site=st.sampled_from(SITES), field=st.sampled_from(FIELDS) | st.text(max_size=6),
       value=st.sampled_from(NEAR_MISSES) | JSON_VALUES, drop=st.booleans())  # fmt: skip
def test_any_mangled_sub_resource_is_a_fixture_error_or_a_store(
    site: tuple[str, ...], field: str, value: Any, drop: bool
) -> None:
    document = copy.deepcopy(FULL)
    record: Any = document
    for step in site:
        record = record[int(step)] if isinstance(record, list) else record[step]
    if drop:
        record.pop(field, None)
    else:
        record[field] = value
    try:
        seed = build_seed(document)
    except FixtureError:
        return
    Store("fuzz", seed)  # what loaded is a store the API can serve


def test_a_file_that_is_not_json_is_a_fixture_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(b"{not json")

    with pytest.raises(FixtureError, match=r"broken\.json: not valid JSON"):
        load_seed(str(path))


def test_the_demo_store_loads_through_the_services() -> None:
    seed = load_seed("catalog")

    assert (len(seed.products), len(seed.variants), len(seed.categories), len(seed.brands)) == (132, 201, 27, 9)
    assert {name: len(getattr(seed, name)) for name in SUB_TABLES} == {
        "product_images": 140, "product_videos": 4, "custom_fields": 92, "bulk_pricing_rules": 12, "options": 22,
        "modifiers": 15, "complex_rules": 3, "reviews": 99, "product_metafields": 14, "variant_metafields": 4,
        "category_metafields": 2, "brand_metafields": 3, "category_sort_orders": 4, "product_channels": 0,
    }  # fmt: skip


SUB_TABLES = (
    "product_images", "product_videos", "custom_fields", "bulk_pricing_rules", "options", "modifiers",
    "complex_rules", "reviews", "product_metafields", "variant_metafields", "category_metafields",
    "brand_metafields", "category_sort_orders", "product_channels",
)  # fmt: skip
# What a product record and a file carry besides the five sections of the first fixtures.
SUB_RESOURCE_FIELDS = ("images", "videos", "custom_fields", "bulk_pricing_rules", "options", "channels")
SUB_RESOURCE_SECTIONS = ("reviews", "modifiers", "complex_rules", "metafields", "category_sort_orders")


def test_the_demo_without_its_sub_resources_seeds_the_same_products_variants_and_options() -> None:
    """Sub-resources never renumber or change what the first fixtures held: a demo stripped of
    them seeds the same products, variants, categories, brands and option and value ids."""
    document = orjson.loads((fixtures_dir() / "catalog.json").read_bytes())
    bare = copy.deepcopy(document)
    for section in SUB_RESOURCE_SECTIONS:
        bare.pop(section)
    for product in bare["products"]:
        for field in SUB_RESOURCE_FIELDS:
            product.pop(field, None)

    full, stripped = build_seed(document), build_seed(bare)

    for table in ("products", "variants", "categories", "brands", "trees"):
        assert getattr(full, table) == getattr(stripped, table), table
    assert {o.id: [v.id for v in o.option_values] for o in full.options.values()} == {
        o.id: [v.id for v in o.option_values] for o in stripped.options.values()
    }
    assert all(len(getattr(stripped, table)) == 0 for table in SUB_TABLES if table != "options")


# --------------------------------------------------------------------------- sub-resources


Opener = Callable[[Any, str], httpx.Client]


@pytest.fixture
def open_client() -> Iterator[Opener]:
    """``open_client(app, token)``: an in-process client whose answers the response contract test
    checks, closed after the test."""
    made: list[httpx.Client] = []

    def make(app: Any, token: str) -> httpx.Client:
        transport = RecordingTransport(InProcessTransport(app))
        made.append(httpx.Client(transport=transport, base_url="http://mockbc.test", headers={"X-Auth-Token": token}))
        return made[-1]

    yield make
    for client in made:
        client.close()


def without_volatile(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_volatile(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [without_volatile(v) for v in value]
    return value


def seeded_client(open_client: Opener, document: dict[str, Any]) -> tuple[httpx.Client, str]:
    """A client on a store seeded from ``document``, and that store's API path."""
    app = create_app(fixtures="empty")
    registry = app.state.registry
    registry.create_store("seeded1", seed=build_seed({"format": FORMAT, "categories": [CATEGORY], **document}))
    account = registry.create_account("seeded1", name="reader", scopes=["store_v2_products"])
    return open_client(app, account.access_token), "/stores/seeded1/v3/catalog"


def api_client(open_client: Opener) -> tuple[httpx.Client, str]:
    """A client on an empty store holding category 1 and the product ``TEE``, made through the API."""
    app = create_app(fixtures="empty")
    client = open_client(app, app.state.default_account.access_token)
    api = "/stores/mockbc0001/v3/catalog"
    assert client.post(f"{api}/categories", json={k: v for k, v in CATEGORY.items() if k != "id"}).status_code == 200
    made = client.post(f"{api}/products", json={**TEE, "variants": [
        {k: v for k, v in variant.items() if k != "id"} for variant in TEE["variants"]
    ]})  # fmt: skip
    assert made.status_code == 200, made.text
    return client, api


def ok(response: httpx.Response) -> Any:
    assert response.status_code in (200, 204), response.text
    if not response.content:
        return None
    body = response.json()
    return body if isinstance(body, list) else body["data"]  # a sort order's PUT answers a bare array


def _api_options(client: httpx.Client, api: str) -> None:
    option = ok(client.get(f"{api}/products/1/options"))[0]
    ids = {value["label"]: value["id"] for value in option["option_values"]}
    values = [{**value, "id": ids[value["label"]]} for value in SWATCH["option_values"]]
    ok(client.put(f"{api}/products/1/options/{option['id']}", json={"type": "swatch", "option_values": values}))


def _api_checkbox(client: httpx.Client, api: str) -> None:
    modifier = ok(client.post(f"{api}/products/1/modifiers", json=CHECKBOX))
    yes = next(value for value in modifier["option_values"] if value["label"] == "Yes")
    values = [{"id": yes["id"], **YES_ADJUSTED}]
    ok(client.put(f"{api}/products/1/modifiers/{modifier['id']}", json={**CHECKBOX, "option_values": values}))


def _api_complex_rule(client: httpx.Client, api: str) -> None:
    modifier = ok(client.post(f"{api}/products/1/modifiers", json=WRAP))
    condition = {"modifier_id": modifier["id"], "modifier_value_id": modifier["option_values"][0]["id"]}
    ok(client.post(f"{api}/products/1/complex-rules", json={"conditions": [condition, {"variant_id": 1}]}))


# How each sub-resource is given in a fixture, made through the API, and read back:
# (fixture document, API steps, the GET that reads it).
SUB_RESOURCES: dict[str, tuple[dict[str, Any], Callable[[httpx.Client, str], None], str]] = {
    "images": (
        {"products": [{**TEE, "images": [{"image_url": "https://cdn.example.com/tee.jpg"}]}]},
        lambda c, api: ok(c.post(f"{api}/products/1/images", json={"image_url": "https://cdn.example.com/tee.jpg"})),
        "products/1/images",
    ),
    "videos": (
        {"products": [{**TEE, "videos": [{"video_id": "aBc-123_x"}]}]},
        lambda c, api: ok(c.post(f"{api}/products/1/videos", json={"video_id": "aBc-123_x"})),
        "products/1/videos",
    ),
    "custom_fields": (
        {"products": [{**TEE, "custom_fields": [{"name": "Material", "value": "Cotton"}]}]},
        lambda c, api: ok(c.post(f"{api}/products/1/custom-fields", json={"name": "Material", "value": "Cotton"})),
        "products/1/custom-fields",
    ),
    "bulk_pricing_rules": (
        {"products": [{**TEE, "bulk_pricing_rules": [
            {"quantity_min": 2, "quantity_max": 0, "type": "percent", "amount": 5}]}]},
        lambda c, api: ok(c.post(f"{api}/products/1/bulk-pricing-rules", json={
            "quantity_min": 2, "quantity_max": 0, "type": "percent", "amount": 5})),
        "products/1/bulk-pricing-rules",
    ),
    "options": ({"products": [{**TEE, "options": [SWATCH]}]}, _api_options, "products/1/options"),
    "reviews": (
        {"products": [TEE], "reviews": [{"product_id": 1, **REVIEW}]},
        lambda c, api: ok(c.post(f"{api}/products/1/reviews", json=REVIEW)),
        "products/1/reviews",
    ),
    "modifiers": (
        {"products": [TEE], "modifiers": [{"product_id": 1, **WRAP}]},
        lambda c, api: ok(c.post(f"{api}/products/1/modifiers", json=WRAP)),
        "products/1/modifiers",
    ),
    "checkbox modifiers": (
        {"products": [TEE], "modifiers": [{"product_id": 1, **CHECKBOX, "option_values": [
            {"label": "Yes", **YES_ADJUSTED}]}]},
        _api_checkbox,
        "products/1/modifiers",
    ),
    "complex_rules": (
        {"products": [TEE], "modifiers": [{"product_id": 1, **WRAP}], "complex_rules": [{"product_id": 1, "conditions": [
            {"modifier_display_name": "Wrap", "modifier_value_label": "Yes"}, {"variant_id": 1}]}]},
        _api_complex_rule,
        "products/1/complex-rules",
    ),
    "metafields": (
        {"products": [TEE], "metafields": [{"resource_type": "product", "resource_id": 1, **METAFIELD}]},
        lambda c, api: ok(c.post(f"{api}/products/1/metafields", json=METAFIELD)),
        "products/1/metafields",
    ),
    "variant metafields": (
        {"products": [TEE], "metafields": [{"resource_type": "variant", "resource_id": 2, **METAFIELD}]},
        lambda c, api: ok(c.post(f"{api}/products/1/variants/2/metafields", json=METAFIELD)),
        "products/1/variants/2/metafields",
    ),
    "category metafields": (
        {"products": [TEE], "metafields": [{"resource_type": "category", "resource_id": 1, **METAFIELD}]},
        lambda c, api: ok(c.post(f"{api}/categories/1/metafields", json=METAFIELD)),
        "categories/1/metafields",
    ),
    "channels": (
        {"channels": [WHOLESALE], "products": [{**TEE, "channels": [1, 2]}]},
        lambda c, api: (
            ok(c.post(f"{api.removesuffix('/catalog')}/channels", json=_without_id(WHOLESALE))),
            ok(c.put(f"{api}/products/channel-assignments", json=[{"product_id": 1, "channel_id": 2}])),
        ),
        "products/channel-assignments",
    ),
    "category_sort_orders": (
        {"products": [TEE], "category_sort_orders": [{"category_id": 1, "product_id": 1, "sort_order": 4}]},
        lambda c, api: ok(c.put(f"{api}/categories/1/products/sort-order", json=[{"product_id": 1, "sort_order": 4}])),
        "categories/1/products/sort-order",
    ),
}  # fmt: skip


@pytest.mark.parametrize("kind", list(SUB_RESOURCES))
def test_a_fixture_sub_resource_is_what_the_api_makes_of_the_same_body(kind: str, open_client: Opener) -> None:
    document, through_api, read = SUB_RESOURCES[kind]
    seeded, seeded_api = seeded_client(open_client, document)
    made, made_api = api_client(open_client)
    through_api(made, made_api)

    loaded = ok(seeded.get(f"{seeded_api}/{read}"))
    expected = ok(made.get(f"{made_api}/{read}"))

    assert loaded and without_volatile(loaded) == without_volatile(expected)


# The API call that makes each resource of a defaults table, on a store holding TEE; it answers the record made.
README_CREATES: dict[str, Callable[[httpx.Client, str], Any]] = {
    "images": lambda c, api: ok(c.post(f"{api}/products/1/images", json={"image_url": "https://cdn.example.com/a.jpg"})),
    "videos": lambda c, api: ok(c.post(f"{api}/products/1/videos", json={"video_id": "abc"})),
    "options": lambda c, api: ok(c.get(f"{api}/products/1/options"))[0],
    "reviews": lambda c, api: ok(c.post(f"{api}/products/1/reviews", json=REVIEW)),
    "modifiers": lambda c, api: ok(c.post(f"{api}/products/1/modifiers", json={**WRAP, "option_values": []})),
    "complex_rules": lambda c, api: (_api_complex_rule(c, api), ok(c.get(f"{api}/products/1/complex-rules"))[0])[1],
    "metafields": lambda c, api: ok(c.post(f"{api}/products/1/metafields", json=METAFIELD)),
}  # fmt: skip


@pytest.mark.parametrize("resource", list(README_CREATES))
def test_readme_defaults_of_sub_resources_are_what_the_api_gives(resource: str, open_client: Opener) -> None:
    defaults = readme_defaults(resource)
    assert defaults, f"fixtures/README.md has no defaults table for {resource}"
    client, api = api_client(open_client)

    made = README_CREATES[resource](client, api)

    assert {field: made[field] for field in defaults} == defaults


def test_sub_resource_ids_are_the_stores_and_an_id_given_is_read_only(open_client: Opener) -> None:
    seeded, api = seeded_client(open_client, {"products": [{**TEE, "images": [
        {"id": 70, "image_url": "https://cdn.example.com/a.jpg"}, {"id": 5, "image_url": "https://cdn.example.com/b.jpg"},
    ]}], "reviews": [{"id": 9, "product_id": 1, **REVIEW}]})  # fmt: skip

    assert [image["id"] for image in ok(seeded.get(f"{api}/products/1/images"))] == [1, 2]
    assert [review["id"] for review in ok(seeded.get(f"{api}/products/1/reviews"))] == [1]


def test_approved_reviews_listed_are_part_of_the_products_counters(open_client: Opener) -> None:
    approved = {"status": "approved", "rating": 4}
    seeded, api = seeded_client(open_client, {"products": [{**TEE, "reviews_count": 5, "reviews_rating_sum": 21},
                                              {**TEE, "id": 2, "name": "Cap", "variants": []}],
                                 "reviews": [{"product_id": 1, **REVIEW, **approved},
                                             {"product_id": 1, **REVIEW, "status": "pending", "rating": 1},
                                             {"product_id": 2, **REVIEW, **approved}]})  # fmt: skip

    def counters(product_id: int) -> tuple[int, int]:
        data = ok(seeded.get(f"{api}/products/{product_id}"))
        return data["reviews_count"], data["reviews_rating_sum"]

    assert (counters(1), counters(2)) == ((5, 21), (1, 4))  # product 2 gives none: what its review adds
    pending = ok(seeded.get(f"{api}/products/1/reviews", params={"status": 0}))[0]
    ok(seeded.put(f"{api}/products/1/reviews/{pending['id']}", json={"status": "approved"}))
    assert counters(1) == (6, 22)


def test_review_and_metafield_dates_default_to_their_own_and_their_owners(open_client: Opener) -> None:
    seeded, api = seeded_client(open_client, {
        "products": [{**TEE, "date_created": "2024-02-01T08:00:00+00:00", "images": [{"image_url": "https://a.example/x.png"}]}],
        "reviews": [{"product_id": 1, **REVIEW}, {"product_id": 1, **REVIEW, "date_created": "2024-03-02T00:00:00Z",
                                                  "date_modified": "2024-04-01T00:00:00Z"}],
        "metafields": [{"resource_type": "product", "resource_id": 1, **METAFIELD},
                       {"resource_type": "category", "resource_id": 1, **METAFIELD}],
    })  # fmt: skip

    reviews = ok(seeded.get(f"{api}/products/1/reviews"))
    assert [(r["date_created"], r["date_modified"]) for r in reviews] == [
        ("2024-03-01T10:00:00+00:00", "2024-03-01T10:00:00+00:00"),
        ("2024-03-02T00:00:00+00:00", "2024-04-01T00:00:00+00:00"),
    ]
    assert ok(seeded.get(f"{api}/products/1/metafields"))[0]["date_created"] == "2024-02-01T08:00:00+00:00"
    assert ok(seeded.get(f"{api}/categories/1/metafields"))[0]["date_modified"] == "2024-01-01T00:00:00+00:00"
    assert ok(seeded.get(f"{api}/products/1/images"))[0]["date_modified"] == "2024-02-01T08:00:00+00:00"


def test_a_fixture_metafield_belongs_to_the_account_its_owner_client_id_names(open_client: Opener) -> None:
    document = {"format": FORMAT, "categories": [CATEGORY], "products": [TEE], "metafields": [
        {"resource_type": "product", "resource_id": 1, **METAFIELD, "owner_client_id": "syncapp"},
        {"resource_type": "product", "resource_id": 1, **METAFIELD, "key": "secret", "permission_set": "app_only",
         "owner_client_id": "syncapp"},
    ]}  # fmt: skip
    app = create_app(fixtures="empty")
    registry = app.state.registry
    registry.create_store("seeded1", seed=build_seed(document))
    owner = registry.create_account("seeded1", name="sync", scopes=["store_v2_products"], client_id="syncapp")
    other = registry.create_account("seeded1", name="other", scopes=["store_v2_products"])
    path = "/stores/seeded1/v3/catalog/products/1/metafields"

    with open_client(app, owner.access_token) as client:
        assert [m["key"] for m in ok(client.get(path))] == ["code", "secret"]
        assert client.put(f"{path}/1", json={"value": "A-2"}).status_code == 200
    with open_client(app, other.access_token) as client:
        assert [m["key"] for m in ok(client.get(path))] == ["code"]
        assert client.put(f"{path}/1", json={"value": "A-3"}).status_code == 403


def test_channels_take_a_product_off_the_default_channel(open_client: Opener) -> None:
    seeded, api = seeded_client(open_client, {"channels": [WHOLESALE], "products": [
        {**TEE, "channels": [2]}, {**TEE, "id": 2, "name": "Cap", "variants": [], "channels": []}]})  # fmt: skip

    assert ok(seeded.get(f"{api}/products/1", params={"include": "channels"}))["channels"] == [2]
    assert ok(seeded.get(f"{api}/products/2", params={"include": "channels"}))["channels"] == []
    assert [p["id"] for p in ok(seeded.get(f"{api}/products", params={"channel_id:in": "1"}))] == []


def _without_id(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != "id"}


def test_channels_load_with_their_ids_and_new_ones_come_after() -> None:
    marketplace = {"id": 5, "name": "Marketplace", "type": "marketplace", "platform": "amazon"}
    store = Store("channels1", build_seed({"format": FORMAT, "channels": [marketplace, WHOLESALE]}))

    assert [(c.id, c.name, c.type, c.platform, c.status) for c in channel_service.all_channels(store)] == [
        (1, "Default channel", "storefront", "bigcommerce", "active"),
        (2, "Wholesale", "storefront", "custom", "prelaunch"),
        (5, "Marketplace", "marketplace", "amazon", "connected"),
    ]
    made = channel_service.create(store, {"name": "eBay", "type": "marketplace", "platform": "ebay"})
    assert made.id == 6
    store.reset()
    assert [c.id for c in channel_service.all_channels(store)] == [1, 2, 5]


def test_typed_options_keep_the_ids_the_variants_gave_and_add_unused_labels() -> None:
    plain = build_seed({"format": FORMAT, "categories": [CATEGORY], "products": [TEE]})
    typed = build_seed({"format": FORMAT, "categories": [CATEGORY], "products": [{**TEE, "options": [
        {**SWATCH, "option_values": [*SWATCH["option_values"], {"label": "Green", "sort_order": 2}]}]}]})  # fmt: skip

    (before,), (after,) = plain.options.values(), typed.options.values()
    assert (after.id, after.type) == (before.id, "swatch")
    assert [(v.id, v.label) for v in after.option_values][:2] == [(v.id, v.label) for v in before.option_values]
    assert [v.label for v in after.option_values] == ["Red", "Blue", "Green"]
    assert typed.variants == plain.variants
