"""v3 catalog products: create, read, update, batch update and delete, through HTTP."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.services import products as product_service

PRODUCTS = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/products"
BRANDS = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/brands"
TYPE = "/api-docs/getting-started/api-status-codes"
INVALID = "JSON data is missing or invalid"
NEXT_ID = 246  # the demo store's products run from 77 to 245

NEW = {"name": "Enamel Camp Mug", "type": "physical", "weight": 0.4, "price": 12.5}


def snapshot(store: Store) -> tuple[list[Any], ...]:
    return (
        list(store.products.values()),
        list(store.variants.values()),
        list(store.options.values()),
        list(store.brands.values()),
    )


def create(client: httpx.Client, **fields: Any) -> dict[str, Any]:
    response = client.post(PRODUCTS, json={**NEW, **fields})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def get(client: httpx.Client, product_id: int, **params: str) -> dict[str, Any]:
    response = client.get(f"{PRODUCTS}/{product_id}", params=params)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


# --- create -------------------------------------------------------------------------


def test_create_product_returns_200_with_data_and_empty_meta(client: httpx.Client, store: Store) -> None:
    response = client.post(PRODUCTS, json=NEW)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"data", "meta"}
    assert body["meta"] == {}
    data = body["data"]
    assert data["id"] == NEXT_ID
    assert (data["name"], data["type"], data["weight"], data["price"]) == ("Enamel Camp Mug", "physical", 0.4, 12.5)
    # Defaults of a new v3 product.
    assert data["sku"] == ""
    assert data["is_visible"] is False
    assert data["condition"] == "New"
    assert data["availability"] == "available"
    assert data["inventory_tracking"] == "none"
    assert data["categories"] == []
    assert data["brand_id"] == 0
    assert data["related_products"] == [-1]
    assert data["custom_url"] == {"url": "/enamel-camp-mug/", "is_customized": False}
    assert data["date_last_imported"] == ""
    assert data["preorder_release_date"] is None
    assert store.products.get(NEXT_ID) is not None
    assert get(client, NEXT_ID) == data


def test_create_product_dates_are_iso_8601_with_offset(client: httpx.Client) -> None:
    data = create(client)

    created = datetime.fromisoformat(data["date_created"])
    assert created.utcoffset() is not None and created.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    assert data["date_created"].endswith("+00:00")
    assert data["date_modified"] == data["date_created"]


@pytest.mark.parametrize("field", ["name", "type", "weight", "price"])
def test_create_product_missing_required_field_returns_422_naming_it(
    client: httpx.Client, store: Store, field: str
) -> None:
    before = snapshot(store)
    body = {k: v for k, v in NEW.items() if k != field}

    response = client.post(PRODUCTS, json=body)

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": INVALID, "type": TYPE, "errors": {field: "error.path.missing"}}
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"type": "service"}, {"type": "must be one of: physical, digital"}),
        ({"condition": "new"}, {"condition": "must be one of: New, Used, Refurbished"}),
        ({"availability": "soon"}, {"availability": "must be one of: available, disabled, preorder"}),
        ({"inventory_tracking": "simple"}, {"inventory_tracking": "must be one of: none, product, variant"}),
        ({"gift_wrapping_options_type": "all"}, {"gift_wrapping_options_type": "must be one of: any, none, list"}),
        ({"name": "n" * 251}, {"name": "must be at most 250 characters long"}),
        ({"name": ""}, {"name": "must be at least 1 characters long"}),
        ({"sku": "s" * 256}, {"sku": "must be at most 255 characters long"}),
        ({"upc": "1" * 15}, {"upc": "must be at most 14 characters long"}),
        ({"price": -1}, {"price": "must be at least 0"}),
        ({"weight": 10_000_000_000}, {"weight": "must be at most 9999999999"}),
        ({"tax_class_id": 256}, {"tax_class_id": "must be at most 255"}),
        ({"inventory_level": 2_147_483_648}, {"inventory_level": "must be at most 2147483647"}),
        ({"brand_id": 1_000_000_001}, {"brand_id": "must be at most 1000000000"}),
        ({"categories": list(range(1, 1002))}, {"categories": "must have at most 1000 items"}),
    ],
)
def test_create_product_out_of_range_or_enum_returns_422(
    client: httpx.Client, store: Store, fields: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW, **fields})

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": INVALID, "type": TYPE, "errors": errors}
    assert snapshot(store) == before


def test_create_product_with_250_character_name_succeeds(client: httpx.Client) -> None:
    assert create(client, name="n" * 250)["name"] == "n" * 250


def test_create_product_unknown_category_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW, "categories": [18, 9999]})

    assert response.status_code == 409
    assert response.json() == {
        "status": 409,
        "title": "One or more categories do not exist.",
        "type": TYPE,
        "errors": {"categories": "Category ids do not exist: 9999."},
    }
    assert snapshot(store) == before


def test_create_product_with_known_categories_keeps_them_once(client: httpx.Client) -> None:
    assert create(client, categories=[36, 18, 36])["categories"] == [36, 18]


def test_create_product_unknown_brand_id_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW, "brand_id": 999})

    assert response.status_code == 409
    assert response.json() == {
        "status": 409,
        "title": "The brand does not exist.",
        "type": TYPE,
        "errors": {"brand_id": "Brand 999 does not exist."},
    }
    assert snapshot(store) == before


def test_create_product_brand_name_creates_the_brand(client: httpx.Client, store: Store) -> None:
    brands_before = len(store.brands)

    data = create(client, brand_name="Saltmarsh Studio")

    assert len(store.brands) == brands_before + 1
    brand = client.get(f"{BRANDS}/{data['brand_id']}").json()["data"]
    assert brand["name"] == "Saltmarsh Studio"
    assert data["brand_id"] == 10


def test_create_product_brand_name_reuses_an_existing_brand_case_insensitively(
    client: httpx.Client, store: Store
) -> None:
    brands_before = list(store.brands.values())

    data = create(client, brand_name="voltmere")

    assert data["brand_id"] == 5
    assert list(store.brands.values()) == brands_before


def test_create_product_brand_name_longer_than_a_brand_name_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW, "brand_name": "b" * 256})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "title": "The request payload is invalid.",
        "type": TYPE,
        "errors": {"brand_name": "must be at most 255 characters long"},
    }
    assert snapshot(store) == before


def test_create_product_duplicate_custom_url_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW, "custom_url": {"url": "/compact-bluetooth-speaker/"}})

    assert response.status_code == 409
    assert response.json() == {
        "status": 409,
        "title": "The custom URL is a duplicate.",
        "type": TYPE,
        "errors": {"custom_url": "The URL '/compact-bluetooth-speaker/' is already in use."},
    }
    assert snapshot(store) == before


def test_create_product_refused_url_does_not_create_the_brand_name(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(
        PRODUCTS, json={**NEW, "brand_name": "Never Made", "custom_url": {"url": "/compact-bluetooth-speaker/"}}
    )

    assert response.status_code == 409
    assert snapshot(store) == before


def test_create_product_custom_url_given_is_kept_as_customized(client: httpx.Client) -> None:
    data = create(client, custom_url={"url": "/mugs/camp-mug/"})

    assert data["custom_url"] == {"url": "/mugs/camp-mug/", "is_customized": True}


def test_create_product_custom_url_without_url_is_generated(client: httpx.Client) -> None:
    data = create(client, custom_url={"is_customized": True})

    assert data["custom_url"] == {"url": "/enamel-camp-mug/", "is_customized": False}


def test_create_product_generated_url_avoids_a_taken_one(client: httpx.Client) -> None:
    data = create(client, name="Compact Bluetooth Speaker!")

    assert data["custom_url"] == {"url": "/compact-bluetooth-speaker-2/", "is_customized": False}


def test_create_product_calculated_price_is_the_sale_price_when_set(client: httpx.Client) -> None:
    assert create(client, price=20, sale_price=15)["calculated_price"] == 15
    assert create(client, name="Plain Mug", price=20)["calculated_price"] == 20


def test_create_simple_product_has_a_base_variant(client: httpx.Client) -> None:
    data = create(client, sku="MUG-001", inventory_level=7)

    assert isinstance(data["base_variant_id"], int)
    variants = get(client, data["id"], include="variants")["variants"]
    assert [(v["id"], v["sku"], v["inventory_level"], v["option_values"]) for v in variants] == [
        (data["base_variant_id"], "MUG-001", 7, [])
    ]


def test_create_product_with_option_variants_builds_options(client: httpx.Client, store: Store) -> None:
    body = {
        **NEW,
        "sku": "MUG",
        "variants": [
            {"sku": "MUG-RED-S", "option_values": [{"option_display_name": "Color", "label": "Red"},
                                                   {"option_display_name": "Size", "label": "S"}]},
            {"sku": "MUG-RED-L", "price": 15.0,
             "option_values": [{"option_display_name": "Color", "label": "Red"},
                               {"option_display_name": "Size", "label": "L"}]},
            {"sku": "MUG-BLU-S", "option_values": [{"option_display_name": "Color", "label": "Blue"},
                                                   {"option_display_name": "Size", "label": "S"}]},
        ],
    }  # fmt: skip

    response = client.post(PRODUCTS, json=body)

    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data["base_variant_id"] is None
    full = get(client, data["id"], include="variants,options")
    options = {o["display_name"]: [v["label"] for v in o["option_values"]] for o in full["options"]}
    assert options == {"Color": ["Red", "Blue"], "Size": ["S", "L"]}
    variants = {v["sku"]: v for v in full["variants"]}
    assert set(variants) == {"MUG-RED-S", "MUG-RED-L", "MUG-BLU-S"}
    assert [(o["option_display_name"], o["label"]) for o in variants["MUG-RED-L"]["option_values"]] == [
        ("Color", "Red"), ("Size", "L"),
    ]  # fmt: skip
    assert variants["MUG-RED-L"]["calculated_price"] == 15.0
    assert variants["MUG-RED-S"]["calculated_price"] == 12.5  # inherits the product price
    assert all(v["product_id"] == data["id"] for v in full["variants"])


@pytest.mark.parametrize(
    "taken",
    [
        "ele-aud-002",  # another product's SKU, other case
        "gar-plt-006-ivy-small",  # another product's variant SKU, other case
    ],
)
def test_create_product_variant_sku_already_used_returns_409(client: httpx.Client, store: Store, taken: str) -> None:
    before = snapshot(store)
    body = {**NEW, "variants": [{"sku": taken, "option_values": [{"option_display_name": "Color", "label": "Red"}]}]}

    response = client.post(PRODUCTS, json=body)

    assert response.status_code == 409
    assert response.json() == {
        "status": 409,
        "title": "The SKU is a duplicate.",
        "type": TYPE,
        "errors": {"variants.0.sku": f"The SKU '{taken}' is already in use."},
    }
    assert snapshot(store) == before


def test_create_product_two_variants_with_one_sku_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)
    body = {
        **NEW,
        "variants": [
            {"sku": "MUG-A", "option_values": [{"option_display_name": "Color", "label": "Red"}]},
            {"sku": "mug-a", "option_values": [{"option_display_name": "Color", "label": "Blue"}]},
        ],
    }

    response = client.post(PRODUCTS, json=body)

    assert response.status_code == 409
    assert response.json() == {
        "status": 409,
        "title": "The SKU is a duplicate.",
        "type": TYPE,
        "errors": {"variants.1.sku": "The SKU 'mug-a' is already in use."},
    }
    assert snapshot(store) == before


def test_create_product_variant_sku_equal_to_product_sku_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)
    body = {
        **NEW,
        "sku": "MUG",
        "variants": [{"sku": "Mug", "option_values": [{"option_display_name": "C", "label": "R"}]}],
    }

    response = client.post(PRODUCTS, json=body)

    assert response.status_code == 409
    assert response.json()["errors"] == {"variants.0.sku": "The SKU 'Mug' is already in use."}
    assert snapshot(store) == before


def test_create_product_variants_with_the_same_option_values_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)
    red = [{"option_display_name": "Color", "label": "Red"}]
    body = {**NEW, "variants": [{"sku": "MUG-1", "option_values": red}, {"sku": "MUG-2", "option_values": red}]}

    response = client.post(PRODUCTS, json=body)

    assert response.status_code == 409
    assert response.json() == {
        "status": 409,
        "title": "The variant is a duplicate.",
        "type": TYPE,
        "errors": {"variants.1.option_values": "Another variant has the same option values."},
    }
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("variants", "errors"),
    [
        (
            [{"sku": "A"}, {"sku": "B"}],
            {"variants.0.option_values": "error.path.missing"},
        ),
        (
            [{"sku": "A", "option_values": [{"id": 1, "option_id": 1}]}],
            {"variants.0.option_values.0": "needs option_display_name and label"},
        ),
        (
            [{"sku": "A", "option_values": [{"option_display_name": "Color", "label": "Red"}]},
             {"sku": "B", "option_values": [{"option_display_name": "Size", "label": "S"}]}],
            {"variants.1.option_values": "must name the same options as the first variant"},
        ),
        (
            [{"sku": "A", "option_values": [{"option_display_name": "Color", "label": "Red"},
                                            {"option_display_name": "Color", "label": "Blue"}]}],
            {"variants.0.option_values": "names an option more than once"},
        ),
    ],
)  # fmt: skip
def test_create_product_inconsistent_variants_return_422(
    client: httpx.Client, store: Store, variants: list[dict[str, Any]], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW, "variants": variants})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "title": "The request payload is invalid.",
        "type": TYPE,
        "errors": errors,
    }
    assert snapshot(store) == before


def test_create_product_duplicate_name_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW, "name": "compact BLUETOOTH speaker"})

    assert response.status_code == 409
    assert response.json() == {
        "status": 409,
        "title": "The product name is a duplicate.",
        "type": TYPE,
        "errors": {"name": "A product named 'compact BLUETOOTH speaker' already exists."},
    }
    assert snapshot(store) == before


@pytest.mark.parametrize("sku", ["ele-aud-002", "Gar-Plt-006-Ivy-Small"])
def test_create_product_duplicate_sku_returns_409(client: httpx.Client, store: Store, sku: str) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW, "sku": sku})

    assert response.status_code == 409
    assert response.json() == {
        "status": 409,
        "title": "The SKU is a duplicate.",
        "type": TYPE,
        "errors": {"sku": f"The SKU '{sku}' is already in use."},
    }
    assert snapshot(store) == before


def test_create_product_ignores_read_only_fields(client: httpx.Client) -> None:
    data = create(
        client, id=5, date_created="2001-01-01T00:00:00+00:00", calculated_price=1, total_sold=999,
        view_count=5, reviews_count=3, date_last_imported="not a date", base_variant_id=7,
    )  # fmt: skip

    assert data["id"] == NEXT_ID
    assert data["date_created"] != "2001-01-01T00:00:00+00:00"
    assert (data["calculated_price"], data["total_sold"], data["view_count"], data["reviews_count"]) == (12.5, 0, 0, 0)
    assert data["date_last_imported"] == ""
    assert data["base_variant_id"] != 7


# --- get ----------------------------------------------------------------------------


def test_get_product_returns_data_and_empty_meta(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/77")

    assert response.status_code == 200
    body = response.json()
    assert body["meta"] == {}
    assert body["data"]["id"] == 77
    assert body["data"]["name"] == "Compact Bluetooth Speaker"
    assert body["data"]["sku"] == "ELE-AUD-002"
    assert body["data"]["date_modified"] == "2024-02-04T17:56:00+00:00"
    assert "variants" not in body["data"] and "options" not in body["data"]


def test_get_product_unknown_id_returns_404(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/9999")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}


def test_get_product_with_include_fields_keeps_only_those_and_id(client: httpx.Client) -> None:
    data = get(client, 77, include_fields="name,price")

    assert data == {"id": 77, "name": "Compact Bluetooth Speaker", "price": 76.0}


def test_get_product_with_exclude_fields_cannot_drop_id(client: httpx.Client) -> None:
    data = get(client, 77, exclude_fields="id,description")

    assert data["id"] == 77
    assert "description" not in data
    assert data["name"] == "Compact Bluetooth Speaker"


def test_get_product_include_other_sub_resources_renders_empty(client: httpx.Client) -> None:
    data = get(client, 77, include="images,custom_fields,primary_image,channels")

    assert (data["images"], data["custom_fields"], data["channels"]) == ([], [], [1])
    assert "primary_image" not in data  # a product without images has none


# --- update -------------------------------------------------------------------------


def test_update_product_changes_only_the_fields_sent(client: httpx.Client) -> None:
    before = get(client, 77)

    response = client.put(f"{PRODUCTS}/77", json={"price": 80.0, "is_featured": True})

    assert response.status_code == 200
    body = response.json()
    assert body["meta"] == {}
    after = body["data"]
    assert (after["price"], after["calculated_price"], after["is_featured"]) == (80.0, 80.0, True)
    assert after["date_modified"] > before["date_modified"]
    changed = {"price", "calculated_price", "is_featured", "date_modified"}
    assert {k: v for k, v in after.items() if k not in changed} == {k: v for k, v in before.items() if k not in changed}
    assert get(client, 77) == after


def test_update_product_ignores_read_only_fields(client: httpx.Client) -> None:
    before = get(client, 77)

    response = client.put(
        f"{PRODUCTS}/77",
        json={"id": 1, "date_created": "2001-01-01T00:00:00+00:00", "calculated_price": 1.0, "total_sold": 7,
              "date_last_imported": "garbage", "base_variant_id": 3, "name": "Compact Speaker"},
    )  # fmt: skip

    assert response.status_code == 200
    after = response.json()["data"]
    assert after["id"] == 77
    assert after["name"] == "Compact Speaker"
    for field in ("date_created", "calculated_price", "total_sold", "date_last_imported", "base_variant_id"):
        assert after[field] == before[field], field


def test_update_product_unknown_id_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/9999", json={"price": 1})

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("change", "status", "title", "errors"),
    [
        ({"name": "PACKABLE bucket hat"}, 409, "The product name is a duplicate.",
         {"name": "A product named 'PACKABLE bucket hat' already exists."}),
        ({"sku": "app-acc-007"}, 409, "The SKU is a duplicate.", {"sku": "The SKU 'app-acc-007' is already in use."}),
        ({"sku": "GAR-PLT-006-IVY-SMALL"}, 409, "The SKU is a duplicate.",
         {"sku": "The SKU 'GAR-PLT-006-IVY-SMALL' is already in use."}),
        ({"custom_url": {"url": "/packable-bucket-hat/"}}, 409, "The custom URL is a duplicate.",
         {"custom_url": "The URL '/packable-bucket-hat/' is already in use."}),
        ({"categories": [12345]}, 409, "One or more categories do not exist.",
         {"categories": "Category ids do not exist: 12345."}),
        ({"brand_id": 77}, 409, "The brand does not exist.", {"brand_id": "Brand 77 does not exist."}),
        ({"price": "cheap"}, 422, INVALID, {"price": "must be a number"}),
    ],
)  # fmt: skip
def test_update_product_conflict_or_invalid_leaves_store_unchanged(
    client: httpx.Client, store: Store, change: dict[str, Any], status: int, title: str, errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/77", json=change)

    assert response.status_code == status
    assert response.json() == {"status": status, "title": title, "type": TYPE, "errors": errors}
    assert snapshot(store) == before


def test_update_product_keeping_its_own_name_sku_and_url_is_no_conflict(client: httpx.Client) -> None:
    response = client.put(
        f"{PRODUCTS}/77",
        json={
            "name": "compact bluetooth speaker",
            "sku": "ele-aud-002",
            "custom_url": {"url": "/compact-bluetooth-speaker/"},
        },
    )

    assert response.status_code == 200
    assert response.json()["data"]["sku"] == "ele-aud-002"


def test_update_product_sku_of_options_product_cannot_take_its_own_variant_sku(client: httpx.Client) -> None:
    response = client.put(f"{PRODUCTS}/95", json={"sku": "gar-plt-006-ivy-small"})

    assert response.status_code == 409
    assert response.json()["errors"] == {"sku": "The SKU 'gar-plt-006-ivy-small' is already in use."}


def test_update_simple_product_sku_moves_its_base_variant_and_frees_the_old_sku(client: httpx.Client) -> None:
    response = client.put(f"{PRODUCTS}/77", json={"sku": "ELE-AUD-002-B", "inventory_level": 3})

    assert response.status_code == 200
    variants = get(client, 77, include="variants")["variants"]
    assert [(v["sku"], v["inventory_level"]) for v in variants] == [("ELE-AUD-002-B", 3)]
    assert create(client, sku="ELE-AUD-002")["sku"] == "ELE-AUD-002"


def test_update_product_brand_name_links_the_brand(client: httpx.Client) -> None:
    response = client.put(f"{PRODUCTS}/77", json={"brand_name": "Voltmere"})

    assert response.status_code == 200
    assert response.json()["data"]["brand_id"] == 5


def test_get_then_put_same_body_round_trips(client: httpx.Client) -> None:
    before = get(client, 95)

    response = client.put(f"{PRODUCTS}/95", json=before)

    assert response.status_code == 200, response.text
    after = response.json()["data"]
    assert {k: v for k, v in after.items() if k != "date_modified"} == {
        k: v for k, v in before.items() if k != "date_modified"
    }


def test_get_with_includes_then_put_same_body_round_trips(client: httpx.Client) -> None:
    before = get(client, 95, include="variants,options,images,custom_fields,primary_image")

    response = client.put(f"{PRODUCTS}/95", json=before)

    assert response.status_code == 200, response.text
    assert response.json()["data"]["name"] == before["name"]


# --- batch update -------------------------------------------------------------------


def test_update_products_batch_updates_each_item(client: httpx.Client) -> None:
    response = client.put(PRODUCTS, json=[{"id": 77, "price": 70.0}, {"id": 78, "name": "Bucket Hat", "sku": "HAT-1"}])

    assert response.status_code == 200
    body = response.json()
    assert body["meta"] == {}
    assert [(p["id"], p["price"]) for p in body["data"]] == [(77, 70.0), (78, 39.49)]
    assert (body["data"][1]["name"], body["data"][1]["sku"]) == ("Bucket Hat", "HAT-1")
    assert get(client, 78)["name"] == "Bucket Hat"
    assert get(client, 77)["price"] == 70.0


def test_update_products_more_than_10_items_returns_413(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(PRODUCTS, json=[{"id": 77 + i, "price": 1} for i in range(11)])

    assert response.status_code == 413
    assert response.json() == {
        "status": 413,
        "title": "The request payload is too large. The maximum items allowed in the array is 10.",
        "type": TYPE,
        "errors": {},
    }
    assert snapshot(store) == before


def test_update_products_10_items_is_allowed(client: httpx.Client) -> None:
    response = client.put(PRODUCTS, json=[{"id": 77 + i, "sort_order": 5} for i in range(10)])

    assert response.status_code == 200
    assert [p["sort_order"] for p in response.json()["data"]] == [5] * 10


def test_update_products_invalid_item_writes_nothing(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(PRODUCTS, json=[{"id": 77, "price": 1.0}, {"id": 79, "name": "Packable Bucket Hat"}])

    assert response.status_code == 409
    assert response.json() == {
        "status": 409,
        "title": "The product name is a duplicate.",
        "type": TYPE,
        "errors": {"1.name": "A product named 'Packable Bucket Hat' already exists."},
    }
    assert snapshot(store) == before


def test_update_products_item_with_schema_error_writes_nothing(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(PRODUCTS, json=[{"id": 77, "price": 1.0}, {"price": 2.0}])

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": INVALID, "type": TYPE, "errors": {"1.id": "error.path.missing"}}
    assert snapshot(store) == before


def test_update_products_unknown_id_writes_nothing(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(PRODUCTS, json=[{"id": 77, "price": 1.0}, {"id": 9999, "price": 2.0}])

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}
    assert snapshot(store) == before


def test_update_products_two_items_claiming_one_sku_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(PRODUCTS, json=[{"id": 77, "sku": "NEW-SKU"}, {"id": 78, "sku": "new-sku"}])

    assert response.status_code == 409
    assert response.json() == {
        "status": 409,
        "title": "The SKU is a duplicate.",
        "type": TYPE,
        "errors": {"1.sku": "Item 0 of this batch sets the same sku."},
    }
    assert snapshot(store) == before


def test_update_products_same_id_twice_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(PRODUCTS, json=[{"id": 77, "price": 1.0}, {"id": 77, "price": 2.0}])

    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "title": "The request payload is invalid.",
        "type": TYPE,
        "errors": {"1.id": "appears more than once in the batch"},
    }
    assert snapshot(store) == before


# --- delete -------------------------------------------------------------------------


def test_delete_product_returns_204_then_get_is_404(client: httpx.Client, store: Store) -> None:
    response = client.delete(f"{PRODUCTS}/77")

    assert response.status_code == 204
    assert response.content == b""
    assert store.products.get(77) is None
    assert client.get(f"{PRODUCTS}/77").status_code == 404


def test_delete_product_frees_its_name_sku_and_variant_skus(client: httpx.Client) -> None:
    assert client.delete(f"{PRODUCTS}/95").status_code == 204

    data = create(client, name="Glazed Ceramic Pot", sku="GAR-PLT-006")
    assert create(client, name="Ivy Pot", sku="GAR-PLT-006-IVY-SMALL")["sku"] == "GAR-PLT-006-IVY-SMALL"
    assert data["custom_url"]["url"] == "/glazed-ceramic-pot/"


def test_delete_product_unknown_id_returns_204(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(f"{PRODUCTS}/9999")

    assert response.status_code == 204
    assert snapshot(store) == before


def test_delete_products_without_filter_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(PRODUCTS, params={"page": 1})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "title": "A filter is required.",
        "type": TYPE,
        "errors": {"filter": "At least one filter is required to delete products."},
    }
    assert snapshot(store) == before


def test_delete_products_by_id_in_removes_them(client: httpx.Client, store: Store) -> None:
    response = client.delete(PRODUCTS, params={"id:in": "77,78,95"})

    assert response.status_code == 204
    assert [store.products.get(i) for i in (77, 78, 95)] == [None, None, None]
    assert len(store.products) == 129
    assert client.get(f"{PRODUCTS}/79").status_code == 200


def test_delete_products_by_brand_filter_removes_only_matches(client: httpx.Client, store: Store) -> None:
    brand_5 = {p.id for p in store.products.values() if p.brand_id == 5}

    response = client.delete(PRODUCTS, params={"brand_id": 5})

    assert response.status_code == 204
    assert brand_5 and not any(store.products.get(i) for i in brand_5)
    assert len(store.products) == 132 - len(brand_5)


def test_delete_products_matching_more_than_250_returns_422(client: httpx.Client, store: Store) -> None:
    for n in range(130):
        product_service.create(store, {"name": f"Filler {n}", "type": "digital", "price": 1.0, "weight": 0.0})
    before = snapshot(store)
    ids = ",".join(str(p.id) for p in store.products.values())

    response = client.delete(PRODUCTS, params={"id:in": ids})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "title": "Too many products to delete.",
        "type": TYPE,
        "errors": {"filter": "The filter matches 262 products; at most 250 can be deleted per request."},
    }
    assert snapshot(store) == before


def test_delete_products_matching_exactly_250_deletes_them(client: httpx.Client, store: Store) -> None:
    for n in range(118):
        product_service.create(store, {"name": f"Filler {n}", "type": "digital", "price": 1.0, "weight": 0.0})
    ids = ",".join(str(p.id) for p in store.products.values())

    response = client.delete(PRODUCTS, params={"id:in": ids})

    assert response.status_code == 204
    assert len(store.products) == 0


def test_store_reset_restores_a_deleted_product(client: httpx.Client, store: Store) -> None:
    client.delete(f"{PRODUCTS}/77")
    store.reset()

    assert client.get(f"{PRODUCTS}/77").status_code == 200
    assert store.products.get(77) == replace(store.seed.products[77])
