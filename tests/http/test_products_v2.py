"""The legacy v2 products API through HTTP: a second view of the demo store's products.

The response contract test cannot check these answers (BigCommerce publishes no v2 catalog spec),
so every shape is asserted here in full.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Limits, Store, create_app
from mockbc.domain.clock import FrozenClock
from mockbc.http.inprocess import client as inprocess_client

V2 = f"/stores/{DEFAULT_STORE_HASH}/v2"
PRODUCTS = f"{V2}/products"
V3_PRODUCTS = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/products"
BASE = f"http://mockbc.test{V2}"
NEXT_ID = 246
NEW = {
    "name": "Plain T-Shirt", "type": "physical", "price": "29.99", "categories": [18], "availability": "available",
    "weight": "0.5",
}  # fmt: skip
NO_IMAGE = {"id": 0, "zoom_url": None, "thumbnail_url": None, "standard_url": None, "tiny_url": None}
READ_ONLY_SENTENCE = "The field '{}' cannot be written to. Please remove it from your request before trying again."


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def errors(status: int, *messages: str) -> list[dict[str, object]]:
    return [{"status": status, "message": message} for message in messages]


def ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()]


def links(product_id: int, brand_id: int | None = None) -> dict[str, Any]:
    def link(resource: str) -> dict[str, str]:
        return {"url": f"{BASE}{resource}", "resource": resource}

    base = f"/products/{product_id}"
    return {
        "brand": link(f"/brands/{brand_id}") if brand_id else None,
        "images": link(f"{base}/images"),
        "discount_rules": link(f"{base}/discount_rules"),
        "configurable_fields": link(f"{base}/configurable_fields"),
        "custom_fields": link(f"{base}/custom_fields"),
        "videos": link(f"{base}/videos"),
        "skus": link(f"{base}/skus"),
        "rules": link(f"{base}/rules"),
        "option_set": None,
        "options": link(f"{base}/options"),
    }


def create(client: httpx.Client, **fields: Any) -> dict[str, Any]:
    response = client.post(PRODUCTS, json={**NEW, **fields})
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


PRODUCT_77 = {
    "id": 77, "keyword_filter": None, "name": "Compact Bluetooth Speaker", "type": "physical", "sku": "ELE-AUD-002",
    "description": "<p>The Compact Bluetooth Speaker delivers clear, balanced sound and pairs in seconds.</p>",
    "search_keywords": "", "availability_description": "", "price": "76.0000", "cost_price": "0.0000",
    "retail_price": "0.0000", "sale_price": "0.0000", "calculated_price": "76.0000", "sort_order": 0,
    "is_visible": False, "is_featured": False, "related_products": "-1", "inventory_level": 10,
    "inventory_warning_level": 10, "warranty": "1-year limited warranty", "weight": "2.6300", "width": "9.0000",
    "height": "25.0000", "depth": "17.0000", "fixed_cost_shipping_price": "0.0000", "is_free_shipping": False,
    "inventory_tracking": "simple", "rating_total": 0, "rating_count": 0, "total_sold": 42,
    "date_created": "Tue, 02 Jan 2024 13:03:00 +0000", "brand_id": 0, "view_count": 1778, "page_title": "",
    "meta_keywords": "", "meta_description": "", "layout_file": "product.html", "is_price_hidden": False,
    "price_hidden_label": "", "categories": [36, 18], "date_modified": "Sun, 04 Feb 2024 17:56:00 +0000",
    "event_date_field_name": "", "event_date_type": "none", "event_date_start": "", "event_date_end": "",
    "myob_asset_account": "", "myob_income_account": "", "myob_expense_account": "", "peachtree_gl_account": "",
    "condition": "New", "is_condition_shown": False, "preorder_release_date": "", "is_preorder_only": False,
    "preorder_message": "", "order_quantity_minimum": 0, "order_quantity_maximum": 0, "open_graph_type": "product",
    "open_graph_title": "", "open_graph_description": "", "is_open_graph_thumbnail": True, "upc": "",
    "mpn": "ELEAUD002925", "gtin": "", "avalara_product_tax_code": "", "date_last_imported": "",
    "option_set_id": None, "tax_class_id": 0, "option_set_display": "right", "bin_picking_number": "C-07-1",
    "custom_url": "/compact-bluetooth-speaker/", "availability": "available", "gift_wrapping_options_type": "any",
    "gift_wrapping_options_list": [], "primary_image": NO_IMAGE, **links(77),
}  # fmt: skip


# --------------------------------------------------------------------------- getProducts


def test_getProducts_returns_a_bare_array_of_the_first_50_in_id_order(client: httpx.Client, store: Store) -> None:
    response = client.get(PRODUCTS)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert isinstance(body, list)
    assert [p["id"] for p in body] == [p.id for p in store.products.values()][:50]


def test_getProducts_item_is_the_whole_v2_product(client: httpx.Client) -> None:
    response = client.get(PRODUCTS, params={"limit": 1})

    assert response.json() == [PRODUCT_77]


def test_getProducts_money_is_four_decimal_strings_and_calculated_price_is_the_sale_price(
    client: httpx.Client,
) -> None:
    (product,) = client.get(PRODUCTS, params={"min_id": 83, "max_id": 83}).json()

    assert (product["price"], product["sale_price"], product["calculated_price"]) == ("67.9900", "54.3900", "54.3900")


def test_getProducts_product_with_options_tracks_inventory_by_sku(client: httpx.Client) -> None:
    (product,) = client.get(PRODUCTS, params={"min_id": 95, "max_id": 95}).json()

    assert product["inventory_tracking"] == "sku"


def test_getProducts_product_of_a_brand_links_to_it(client: httpx.Client) -> None:
    (product,) = client.get(PRODUCTS, params={"min_id": 78, "max_id": 78}).json()

    assert product["brand_id"] == 3
    assert product["brand"] == {"url": f"{BASE}/brands/3", "resource": "/brands/3"}
    assert client.get(product["brand"]["url"]).json()["id"] == 3


def test_getProducts_links_use_the_host_the_request_came_to(client: httpx.Client) -> None:
    response = client.get(PRODUCTS, params={"limit": 1}, headers={"Host": "api.example.test"})

    assert response.json()[0]["images"]["url"] == f"http://api.example.test{V2}/products/77/images"


def test_getProducts_page_and_limit(client: httpx.Client, store: Store) -> None:
    every = [p.id for p in store.products.values()]

    assert ids(client.get(PRODUCTS, params={"limit": 10, "page": 3})) == every[20:30]
    assert ids(client.get(PRODUCTS, params={"limit": 250})) == every


def test_getProducts_limit_above_250_returns_413(client: httpx.Client) -> None:
    response = client.get(PRODUCTS, params={"limit": 251})

    assert response.status_code == 413
    assert response.json() == errors(413, "The limit is too high. The maximum limit is 250.")


def test_getProducts_limit_above_250_is_capped_with_the_cap_switch() -> None:
    app = create_app(fixtures="catalog", limits=Limits(page_limit_over_max="cap"))
    with inprocess_client(app, access_token=app.state.default_account.access_token) as own:
        assert len(own.get(PRODUCTS, params={"limit": 1000}).json()) == 132


@pytest.mark.parametrize("params", [{"page": 0}, {"limit": 0}, {"page": "x"}])
def test_getProducts_bad_paging_returns_400(client: httpx.Client, params: dict[str, Any]) -> None:
    response = client.get(PRODUCTS, params=params)

    assert response.status_code == 400
    (name, value), *_ = params.items()
    message = "'x' is not an integer" if value == "x" else "must be at least 1"
    assert response.json() == errors(400, f"The filter '{name}' is invalid: {message}.")


def test_getProducts_page_past_the_end_returns_204_without_body(client: httpx.Client) -> None:
    response = client.get(PRODUCTS, params={"page": 4})

    assert response.status_code == 204
    assert response.content == b""
    assert "content-type" not in response.headers


def test_getProducts_nothing_matched_returns_204(client: httpx.Client) -> None:
    response = client.get(PRODUCTS, params={"name": "No Such Product"})

    assert response.status_code == 204
    assert response.content == b""


def test_getProducts_empty_page_is_an_empty_array_with_the_switch() -> None:
    app = create_app(fixtures="catalog", limits=Limits(v2_empty_page="[]"))
    with inprocess_client(app, access_token=app.state.default_account.access_token) as own:
        response = own.get(PRODUCTS, params={"page": 4})

    assert response.status_code == 200
    assert response.json() == []


def _expected(store: Store, keep: Any) -> list[int]:
    return [p.id for p in store.products.values() if keep(p)][:50]


FILTER_CASES: list[tuple[dict[str, Any], Any]] = [
    ({"min_id": 240}, lambda p: p.id >= 240),
    ({"max_id": 80}, lambda p: p.id <= 80),
    ({"min_id": 100, "max_id": 110}, lambda p: 100 <= p.id <= 110),
    ({"name": "Compact Bluetooth Speaker"}, lambda p: p.name == "Compact Bluetooth Speaker"),
    ({"name": "compact bluetooth speaker"}, lambda p: False),
    ({"keyword_filter": "blue speak"}, lambda p: p.id == 77),
    ({"description": "BAMBOO"}, lambda p: "bamboo" in p.description.lower()),
    ({"sku": "ELE-AUD-002"}, lambda p: p.sku == "ELE-AUD-002"),
    ({"condition": "Refurbished"}, lambda p: p.condition == "Refurbished"),
    ({"availability": "preorder"}, lambda p: p.availability == "preorder"),
    ({"brand_id": 3}, lambda p: p.brand_id == 3),
    ({"min_price": 100}, lambda p: p.price >= 100),
    ({"max_price": 10.5}, lambda p: p.price <= 10.5),
    ({"min_price": 20, "max_price": 25}, lambda p: 20 <= p.price <= 25),
    ({"min_number_sold": 200}, lambda p: p.total_sold >= 200),
    ({"max_number_sold": 4}, lambda p: p.total_sold <= 4),
    ({"min_inventory_level": 100}, lambda p: p.inventory_level >= 100),
    ({"max_inventory_level": 0}, lambda p: p.inventory_level <= 0),
    ({"is_visible": "false"}, lambda p: not p.is_visible),
    ({"is_visible": "true", "is_featured": "true"}, lambda p: p.is_visible and p.is_featured),
    ({"is_featured": 1}, lambda p: p.is_featured),
    ({"category": 36}, lambda p: 36 in p.categories),
    ({"category": 36, "min_price": 50}, lambda p: 36 in p.categories and p.price >= 50),
    ({"product_tax_code": ""}, lambda p: True),
    ({"product_tax_code": "PC040100"}, lambda p: False),
    ({"min_date_created": "Mon, 01 Jul 2024 00:00:00 +0000"}, lambda p: p.date_created >= datetime(2024, 7, 1, tzinfo=UTC)),
    ({"min_date_created": "01 Jul 2024 00:00:00 +0000"}, lambda p: p.date_created >= datetime(2024, 7, 1, tzinfo=UTC)),
    ({"min_date_created": "Mon, 01 Jul 2024 00:00:00  0000"}, lambda p: p.date_created >= datetime(2024, 7, 1, tzinfo=UTC)),
    ({"max_date_created": "2024-02-01T00:00:00+00:00"}, lambda p: p.date_created <= datetime(2024, 2, 1, tzinfo=UTC)),
    ({"min_date_modified": "Sun, 01 Dec 2024 00:00:00 +0000"}, lambda p: p.date_modified >= datetime(2024, 12, 1, tzinfo=UTC)),
    ({"max_date_modified": "Sat, 20 Jan 2024 00:00:00 GMT"}, lambda p: p.date_modified <= datetime(2024, 1, 20, tzinfo=UTC)),
    ({"min_date_last_imported": "2024-01-01T00:00:00Z"}, lambda p: False),
]  # fmt: skip


@pytest.mark.parametrize(("params", "keep"), FILTER_CASES, ids=[str(p) for p, _ in FILTER_CASES])
def test_getProducts_filters(client: httpx.Client, store: Store, params: dict[str, Any], keep: Any) -> None:
    expected = _expected(store, keep)

    response = client.get(PRODUCTS, params=params)

    if expected:
        assert ids(response) == expected
    else:
        assert response.status_code == 204


def test_getProducts_include_sku_lets_sku_match_a_variant_sku(client: httpx.Client) -> None:
    assert client.get(PRODUCTS, params={"sku": "GAR-PLT-006-SLT-LARGE"}).status_code == 204

    response = client.get(PRODUCTS, params={"sku": "gar-plt-006-slt-large", "include_sku": "true"})

    assert ids(response) == [95]


def test_getProducts_date_filter_with_a_bare_date_takes_the_time_of_day_of_the_request(store: Store) -> None:
    app = create_app(fixtures="catalog")
    own_store: Store = app.state.registry.stores[DEFAULT_STORE_HASH]
    own_store.clock = FrozenClock(datetime(2030, 1, 1, 23, 59, tzinfo=UTC))
    latest = max(own_store.products.values(), key=lambda p: p.date_created)
    with inprocess_client(app, access_token=app.state.default_account.access_token) as own:
        response = own.get(PRODUCTS, params={"min_date_created": latest.date_created.date().isoformat()})

    assert response.status_code == 204  # 23:59 that day is after the latest product was created


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"min_id": "abc"}, "The filter 'min_id' is invalid: 'abc' is not an integer."),
        ({"min_price": "cheap"}, "The filter 'min_price' is invalid: 'cheap' is not a number."),
        ({"is_visible": "maybe"}, "The filter 'is_visible' is invalid: 'maybe' is not a boolean."),
        ({"min_date_created": "yesterday"}, "The filter 'min_date_created' is invalid: 'yesterday' is not a date."),
        ({"max_date_modified": "Mon, 99 Foo 2024"}, "The filter 'max_date_modified' is invalid: 'Mon, 99 Foo 2024' is not a date."),
    ],
)  # fmt: skip
def test_getProducts_bad_filter_value_returns_400(client: httpx.Client, params: dict[str, Any], message: str) -> None:
    response = client.get(PRODUCTS, params=params)

    assert response.status_code == 400
    assert response.json() == errors(400, message)


def test_getProducts_ignores_v3_filters_and_sorting(client: httpx.Client, store: Store) -> None:
    response = client.get(PRODUCTS, params={"id:in": "80,81", "sort": "name", "direction": "desc", "limit": 5})

    assert ids(response) == [p.id for p in store.products.values()][:5]


# --------------------------------------------------------------------------- field selection


def test_getProducts_include_returns_those_fields_and_the_mandatory_ones(client: httpx.Client) -> None:
    response = client.get(PRODUCTS, params={"include": "date_created,price,cost_price", "limit": 1})

    assert response.json() == [
        {
            "id": 77, "name": "Compact Bluetooth Speaker", "price": "76.0000", "cost_price": "0.0000",
            "date_created": "Tue, 02 Jan 2024 13:03:00 +0000", "date_modified": "Sun, 04 Feb 2024 17:56:00 +0000",
            "primary_image": NO_IMAGE,
        }
    ]  # fmt: skip


def test_getProduct_include_summary_returns_the_summary_fields(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/77", params={"include": "@summary"})

    assert response.json() == {
        "id": 77, "name": "Compact Bluetooth Speaker", "sku": "ELE-AUD-002", "calculated_price": "76.0000",
        "is_visible": False, "is_featured": False, "inventory_level": 10, "inventory_warning_level": 10,
        "inventory_tracking": "simple", "date_modified": "Sun, 04 Feb 2024 17:56:00 +0000",
        "availability": "available", "primary_image": NO_IMAGE,
    }  # fmt: skip


def test_getProduct_include_summary_with_another_field(client: httpx.Client) -> None:
    body = client.get(f"{PRODUCTS}/77", params={"include": "@summary,weight,skus"}).json()

    assert set(body) == {
        "id", "name", "date_modified", "primary_image", "availability", "calculated_price", "inventory_tracking",
        "sku", "inventory_level", "inventory_warning_level", "is_visible", "is_featured", "weight", "skus",
    }  # fmt: skip
    assert body["skus"] == {"url": f"{BASE}/products/77/skus", "resource": "/products/77/skus"}


def test_getProduct_exclude_leaves_fields_out_but_never_the_mandatory_ones(client: httpx.Client) -> None:
    body = client.get(f"{PRODUCTS}/77", params={"exclude": "description,id,name,date_modified,primary_image"}).json()

    expected = {k: v for k, v in PRODUCT_77.items() if k != "description"}
    assert body == expected


def test_getProduct_include_of_unknown_names_returns_the_mandatory_fields(client: httpx.Client) -> None:
    body = client.get(f"{PRODUCTS}/77", params={"include": "no_such_field"}).json()

    assert set(body) == {"id", "name", "date_modified", "primary_image"}


# --------------------------------------------------------------------------- getProductsCount


def test_getProductsCount_counts_every_product(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/count")

    assert response.status_code == 200
    assert response.json() == {"count": 132}


def test_getProductsCount_takes_the_list_filters(client: httpx.Client, store: Store) -> None:
    expected = sum(1 for p in store.products.values() if 36 in p.categories and p.price >= 50)

    response = client.get(f"{PRODUCTS}/count", params={"category": 36, "min_price": 50})

    assert response.json() == {"count": expected}


def test_getProductsCount_of_nothing_is_zero(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/count", params={"name": "No Such Product"})

    assert response.status_code == 200
    assert response.json() == {"count": 0}


def test_getProductsCount_bad_filter_returns_400(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/count", params={"max_id": "x"})

    assert response.status_code == 400
    assert response.json() == errors(400, "The filter 'max_id' is invalid: 'x' is not an integer.")


# --------------------------------------------------------------------------- getProduct


def test_getProduct_returns_a_bare_object(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/77")

    assert response.status_code == 200
    assert response.json() == PRODUCT_77


@pytest.mark.parametrize("product_id", ["999999", "0", "abc"])
def test_getProduct_unknown_id_returns_404(client: httpx.Client, product_id: str) -> None:
    response = client.get(f"{PRODUCTS}/{product_id}")

    assert response.status_code == 404
    assert response.json() == errors(404, "The requested resource was not found.")


def test_getProduct_primary_image_is_the_thumbnail(client: httpx.Client) -> None:
    url = "https://cdn.example.com/speaker.jpg"
    created = client.post(f"{V3_PRODUCTS}/77/images", json={"image_url": url, "is_thumbnail": True})
    assert created.status_code == 200, created.text
    image_id = created.json()["data"]["id"]

    body = client.get(f"{PRODUCTS}/77").json()

    assert body["primary_image"] == {
        "id": image_id, "zoom_url": f"{url}#zoom", "thumbnail_url": f"{url}#thumbnail",
        "standard_url": f"{url}#standard", "tiny_url": f"{url}#tiny",
    }  # fmt: skip


# --------------------------------------------------------------------------- createProduct


def test_createProduct_returns_201_with_the_v2_product(client: httpx.Client, store: Store) -> None:
    response = client.post(PRODUCTS, json=NEW)

    assert response.status_code == 201
    body = response.json()
    assert body["id"] == NEXT_ID
    assert (body["name"], body["type"], body["price"], body["weight"]) == (
        "Plain T-Shirt",
        "physical",
        "29.9900",
        "0.5000",
    )
    assert body["categories"] == [18]
    assert body["is_visible"] is False  # the v2 default (archived v2 products guide)
    assert body["custom_url"] == "/plain-t-shirt/"
    assert body["inventory_tracking"] == "none"
    assert body["calculated_price"] == "29.9900"
    assert body["primary_image"] == NO_IMAGE
    assert {k: body[k] for k in links(NEXT_ID)} == links(NEXT_ID)
    assert client.get(f"{PRODUCTS}/{NEXT_ID}").json() == body
    assert store.products.get(NEXT_ID) is not None


def test_createProduct_dates_are_rfc_2822(client: httpx.Client) -> None:
    body = create(client)

    created = datetime.strptime(body["date_created"], "%a, %d %b %Y %H:%M:%S %z")
    assert created.utcoffset() is not None and created.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    assert body["date_created"].endswith(" +0000")
    assert body["date_modified"] == body["date_created"]
    assert body["date_last_imported"] == ""
    assert body["preorder_release_date"] == ""


@pytest.mark.parametrize(
    ("sent", "shown"),
    [(29.99, "29.9900"), ("29.99", "29.9900"), (30, "30.0000"), (" 7.5 ", "7.5000"), ("0", "0.0000")],
)
def test_createProduct_money_takes_a_number_or_a_decimal_string(
    client: httpx.Client, store: Store, sent: object, shown: str
) -> None:
    body = create(client, price=sent, cost_price=sent, weight=sent)

    assert (body["price"], body["cost_price"], body["weight"]) == (shown, shown, shown)
    assert store.products.require(body["id"]).price == float(str(sent))


@pytest.mark.parametrize("field", ["name", "price", "categories", "type", "availability", "weight"])
def test_createProduct_missing_required_field_returns_400_naming_it(
    client: httpx.Client, store: Store, field: str
) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={k: v for k, v in NEW.items() if k != field})

    assert response.status_code == 400
    assert response.json() == errors(400, f"The required field '{field}' was not supplied.")
    assert snapshot(store) == before


@pytest.mark.parametrize(
    "field",
    ["id", "calculated_price", "date_created", "date_modified", "rating_total", "number_sold", "total_sold",
     "primary_image", "brand", "images", "discount_rules", "configurable_fields", "custom_fields", "videos", "skus",
     "rules", "option_set", "options", "tax_class", "date_last_imported"],
)  # fmt: skip
def test_createProduct_read_only_field_returns_400(client: httpx.Client, store: Store, field: str) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW, field: 1})

    assert response.status_code == 400
    assert response.json() == errors(400, READ_ONLY_SENTENCE.format(field))
    assert snapshot(store) == before


def test_createProduct_several_read_only_fields_return_one_error_each(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW, "id": 5, "images": [], "calculated_price": "1.0000"})

    assert response.status_code == 400
    assert response.json() == errors(
        400, READ_ONLY_SENTENCE.format("id"), READ_ONLY_SENTENCE.format("images"),
        READ_ONLY_SENTENCE.format("calculated_price"),
    )  # fmt: skip
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"condition": "Worn"}, "The field 'condition' is invalid: must be one of: New, Used, Refurbished."),
        ({"inventory_tracking": "product"}, "The field 'inventory_tracking' is invalid: must be one of: none, simple, sku."),
        ({"type": "service"}, "The field 'type' is invalid: must be one of: physical, digital."),
        ({"availability": "soon"}, "The field 'availability' is invalid: must be one of: available, disabled, preorder."),
        ({"price": "abc"}, "The field 'price' is invalid: must be a number or a decimal string."),
        ({"weight": "1e5"}, "The field 'weight' is invalid: must be a number or a decimal string."),
        ({"price": "-1"}, "The field 'price' is invalid: must be at least 0."),
        ({"price": -0.5}, "The field 'price' is invalid: must be at least 0."),
        ({"weight": "10000000000"}, "The field 'weight' is invalid: must be at most 9999999999."),
        ({"name": "n" * 251}, "The field 'name' is invalid: must be at most 250 characters long."),
        ({"name": ""}, "The field 'name' is invalid: must be at least 1 characters long."),
        ({"is_visible": "yes"}, "The field 'is_visible' is invalid: must be a boolean."),
        ({"categories": "18"}, "The field 'categories' is invalid: must be an array."),
        ({"related_products": "3, four"}, "The field 'related_products' is invalid: must be -1 or a comma-separated list of product ids."),
        ({"preorder_release_date": "next week"}, "The field 'preorder_release_date' is invalid: must be an RFC 2822 or ISO 8601 date, or empty."),
        ({"custom_url": "/" + "u" * 255}, "The field 'custom_url' is invalid: must be at most 255 characters long."),
        ({"is_open_graph_thumbnail": "no"}, "The field 'is_open_graph_thumbnail' is invalid: must be a boolean."),
        ({"colour": "red"}, "The field 'colour' is invalid: is not a field this resource accepts."),
    ],
)  # fmt: skip
def test_createProduct_invalid_value_returns_400(
    client: httpx.Client, store: Store, fields: dict[str, Any], message: str
) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW, **fields})

    assert response.status_code == 400
    assert response.json() == errors(400, message)
    assert snapshot(store) == before


def test_createProduct_more_than_1000_categories_returns_403(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW, "categories": list(range(1, 1002))})

    assert response.status_code == 403
    assert response.json() == errors(403, "A product can be in at most 1000 categories.")
    assert snapshot(store) == before


def test_createProduct_duplicate_name_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW, "name": "compact BLUETOOTH speaker"})

    assert response.status_code == 409
    assert response.json() == errors(409, "A product named 'compact BLUETOOTH speaker' already exists.")
    assert snapshot(store) == before


def test_createProduct_sku_of_a_variant_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW, "sku": "GAR-PLT-006-IVY-SMALL"})

    assert response.status_code == 409
    assert response.json() == errors(409, "The SKU 'GAR-PLT-006-IVY-SMALL' is already in use.")
    assert snapshot(store) == before


def test_createProduct_unknown_category_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW, "categories": [18, 9999]})

    assert response.status_code == 409
    assert response.json() == errors(409, "Category ids do not exist: 9999.")
    assert snapshot(store) == before


def test_createProduct_unknown_brand_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW, "brand_id": 99})

    assert response.status_code == 409
    assert response.json() == errors(409, "Brand 99 does not exist.")
    assert snapshot(store) == before


def test_createProduct_custom_url_taken_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW, "custom_url": "/compact-bluetooth-speaker/"})

    assert response.status_code == 409
    assert response.json() == errors(409, "The URL '/compact-bluetooth-speaker/' is already in use.")
    assert snapshot(store) == before


def test_createProduct_takes_the_v2_forms_of_the_v3_fields(client: httpx.Client, store: Store) -> None:
    body = create(
        client, inventory_tracking="simple", inventory_level=5, custom_url="/tees/plain/", related_products="77, 78",
        meta_keywords="cotton, tee", is_open_graph_thumbnail=False, avalara_product_tax_code="PC040100",
        preorder_release_date="Tue, 05 Mar 2030 21:40:11 +0000", is_visible=True,
    )  # fmt: skip

    product = store.products.require(body["id"])
    assert product.inventory_tracking == "product"
    assert product.custom_url.url == "/tees/plain/" and product.custom_url.is_customized
    assert product.related_products == (77, 78)
    assert product.meta_keywords == ("cotton", "tee")
    assert product.open_graph_use_image is False
    assert product.product_tax_code == "PC040100"
    assert product.preorder_release_date == datetime(2030, 3, 5, 21, 40, 11, tzinfo=UTC)
    assert product.is_visible is True
    assert (body["inventory_tracking"], body["custom_url"], body["related_products"]) == (
        "simple",
        "/tees/plain/",
        "77,78",
    )
    assert (body["meta_keywords"], body["is_open_graph_thumbnail"], body["avalara_product_tax_code"]) == (
        "cotton,tee", False, "PC040100",
    )  # fmt: skip
    assert body["preorder_release_date"] == "Tue, 05 Mar 2030 21:40:11 +0000"


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("2030-03-05", datetime(2030, 3, 5, tzinfo=UTC)),
        ("2030-03-05T10:00:00-05:00", datetime(2030, 3, 5, 15, tzinfo=UTC)),
        ("05 Mar 2030 21:40:11 GMT", datetime(2030, 3, 5, 21, 40, 11, tzinfo=UTC)),
        ("", None),
        (None, None),
    ],
)
def test_createProduct_preorder_release_date_takes_rfc_2822_or_iso_8601(
    client: httpx.Client, store: Store, sent: str | None, stored: datetime | None
) -> None:
    body = create(client, preorder_release_date=sent)

    assert store.products.require(body["id"]).preorder_release_date == stored
    assert body["preorder_release_date"] == (stored.strftime("%a, %d %b %Y %H:%M:%S +0000") if stored else "")


def test_createProduct_accepts_unstored_v2_fields_and_shows_their_defaults(client: httpx.Client) -> None:
    body = create(
        client, event_date_type="after", event_date_field_name="Delivery", myob_asset_account="1-1000",
        option_set_id=None, option_set_display="left", keyword_filter=None, peachtree_gl_account="4000",
    )  # fmt: skip

    assert (body["event_date_type"], body["event_date_field_name"], body["myob_asset_account"]) == ("none", "", "")
    assert (body["option_set_id"], body["option_set_display"], body["peachtree_gl_account"]) == (None, "right", "")


def test_createProduct_null_text_is_empty(client: httpx.Client, store: Store) -> None:
    body = create(client, description=None, warranty=None, upc=None)

    assert (body["description"], body["warranty"], body["upc"]) == ("", "", "")


def test_createProduct_is_visible_defaults_to_false_also_through_v3(client: httpx.Client) -> None:
    body = create(client)

    assert client.get(f"{V3_PRODUCTS}/{body['id']}").json()["data"]["is_visible"] is False


def test_createProduct_malformed_json_returns_400(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, content=b"{", headers={"Content-Type": "application/json"})

    assert response.status_code == 400
    assert response.json() == errors(400, "The request body could not be parsed: Syntax error.")
    assert snapshot(store) == before


def test_createProduct_empty_body_returns_400(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, content=b"", headers={"Content-Type": "application/json"})

    assert response.status_code == 400
    assert response.json() == errors(400, "The request body could not be parsed: The request body is empty.")
    assert snapshot(store) == before


def test_createProduct_not_json_returns_415(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, content=b"name=x", headers={"Content-Type": "application/x-www-form-urlencoded"})

    assert response.status_code == 415
    assert response.json() == errors(415, "The request Content-Type is not supported. Send application/json.")
    assert snapshot(store) == before


def test_createProduct_body_not_an_object_returns_400(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json=[NEW])

    assert response.status_code == 400
    assert response.json() == errors(400, "The request body is invalid: must be an object.")
    assert snapshot(store) == before


# --------------------------------------------------------------------------- updateProduct


def test_updateProduct_changes_only_what_is_sent(client: httpx.Client, store: Store) -> None:
    before = store.products.require(77)

    response = client.put(f"{PRODUCTS}/77", json={"price": "80", "is_visible": True, "custom_url": "/speaker/"})

    assert response.status_code == 200
    body = response.json()
    assert (body["price"], body["is_visible"], body["custom_url"]) == ("80.0000", True, "/speaker/")
    after = store.products.require(77)
    assert (after.price, after.is_visible, after.custom_url.url) == (80.0, True, "/speaker/")
    assert (after.name, after.sku, after.weight, after.categories) == (
        before.name,
        before.sku,
        before.weight,
        before.categories,
    )
    assert after.date_modified >= before.date_modified
    assert body == {**PRODUCT_77, "price": "80.0000", "calculated_price": "80.0000", "is_visible": True,
                    "custom_url": "/speaker/", "date_modified": body["date_modified"]}  # fmt: skip


def test_updateProduct_empty_body_changes_nothing_but_the_date(client: httpx.Client, store: Store) -> None:
    response = client.put(f"{PRODUCTS}/77", json={})

    assert response.status_code == 200
    assert {k: v for k, v in response.json().items() if k != "date_modified"} == {
        k: v for k, v in PRODUCT_77.items() if k != "date_modified"
    }


def test_updateProduct_inventory_tracking_sku_is_v3_variant(client: httpx.Client, store: Store) -> None:
    response = client.put(f"{PRODUCTS}/77", json={"inventory_tracking": "sku"})

    assert response.json()["inventory_tracking"] == "sku"
    assert store.products.require(77).inventory_tracking == "variant"


@pytest.mark.parametrize("field", ["number_sold", "rating_count", "date_created", "date_modified", "id", "skus"])
def test_updateProduct_read_only_field_returns_400(client: httpx.Client, store: Store, field: str) -> None:
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/77", json={field: 99})

    assert response.status_code == 400
    assert response.json() == errors(400, READ_ONLY_SENTENCE.format(field))
    assert snapshot(store) == before


def test_updateProduct_invalid_enum_returns_400(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/77", json={"condition": "Worn"})

    assert response.status_code == 400
    assert response.json() == errors(400, "The field 'condition' is invalid: must be one of: New, Used, Refurbished.")
    assert snapshot(store) == before


def test_updateProduct_more_than_1000_categories_returns_403(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/77", json={"categories": list(range(1, 1002))})

    assert response.status_code == 403
    assert response.json() == errors(403, "A product can be in at most 1000 categories.")
    assert snapshot(store) == before


def test_updateProduct_1000_categories_are_within_the_limit_then_checked(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/77", json={"categories": list(range(1, 1001))})

    assert response.status_code == 409
    assert response.json()[0]["message"].startswith("Category ids do not exist: 1, 2, 3")
    assert snapshot(store) == before


def test_updateProduct_name_of_another_product_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/77", json={"name": "Packable Bucket Hat"})

    assert response.status_code == 409
    assert response.json() == errors(409, "A product named 'Packable Bucket Hat' already exists.")
    assert snapshot(store) == before


def test_updateProduct_unknown_id_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/999999", json={"price": 1})

    assert response.status_code == 404
    assert response.json() == errors(404, "The requested resource was not found.")
    assert snapshot(store) == before


# --------------------------------------------------------------------------- deleteProduct(s)


def test_deleteProduct_returns_204_and_deletes_its_variants(client: httpx.Client, store: Store) -> None:
    response = client.delete(f"{PRODUCTS}/95")

    assert response.status_code == 204
    assert response.content == b""
    assert store.products.get(95) is None
    assert not store.variants.lookup("product_id", 95)
    assert client.get(f"{PRODUCTS}/95").status_code == 404


def test_deleteProduct_unknown_id_returns_204(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(f"{PRODUCTS}/999999")

    assert response.status_code == 204
    assert snapshot(store) == before


def test_deleteProducts_deletes_every_product(client: httpx.Client, store: Store) -> None:
    categories, brands = list(store.categories.values()), list(store.brands.values())

    response = client.delete(PRODUCTS)

    assert response.status_code == 204
    assert len(store.products) == 0
    assert len(store.variants) == 0 and len(store.options) == 0
    assert list(store.categories.values()) == categories and list(store.brands.values()) == brands
    assert client.get(PRODUCTS).status_code == 204
    assert client.get(f"{PRODUCTS}/count").json() == {"count": 0}


# --------------------------------------------------------------------------- scopes


def test_getProducts_read_only_scope_may_read(scoped_client: Any) -> None:
    response = scoped_client(["store_v2_products_read_only"]).get(PRODUCTS, params={"limit": 1})

    assert response.status_code == 200


def test_createProduct_read_only_scope_returns_403(scoped_client: Any, store: Store) -> None:
    before = snapshot(store)

    response = scoped_client(["store_v2_products_read_only"]).post(PRODUCTS, json=NEW)

    assert response.status_code == 403
    assert response.json() == errors(403, "You do not have permission to access this resource.")
    assert snapshot(store) == before


def test_deleteProducts_without_the_products_scope_returns_403(scoped_client: Any, store: Store) -> None:
    before = snapshot(store)

    response = scoped_client(["store_v2_information"]).delete(PRODUCTS)

    assert response.status_code == 403
    assert response.json() == errors(403, "You do not have permission to access this resource.")
    assert snapshot(store) == before


def test_getProducts_without_a_token_returns_401(client: httpx.Client) -> None:
    response = client.get(PRODUCTS, headers={"X-Auth-Token": "nope"})

    assert response.status_code == 401
    assert response.json() == errors(401, "You are not authorized to access this resource.")


def test_products_path_wrong_method_returns_405(client: httpx.Client) -> None:
    response = client.patch(f"{PRODUCTS}/77", json={})

    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, GET, HEAD, PUT"
    assert response.json() == errors(405, "The PATCH method is not supported on this resource.")


# --------------------------------------------------------------------------- sub-resources, through the links

V3_77 = f"{V3_PRODUCTS}/77"


def follow(client: httpx.Client, product_id: int, name: str, **params: Any) -> httpx.Response:
    """GET the ``name`` link of a v2 product, as a client does: by its url."""
    product = client.get(f"{PRODUCTS}/{product_id}").json()
    return client.get(product[name]["url"], params=params)


def made(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


@pytest.mark.parametrize(
    "name", ["skus", "options", "images", "custom_fields", "discount_rules", "videos", "rules", "configurable_fields"]
)
def test_sub_resource_link_of_a_product_without_any_is_followed_to_204(client: httpx.Client, name: str) -> None:
    response = follow(client, 77, name)

    assert response.status_code == 204
    assert response.content == b""


@pytest.mark.parametrize(
    "path", ["skus", "options", "images", "custom_fields", "discount_rules", "videos", "rules", "configurable_fields"]
)
def test_sub_resource_list_of_an_unknown_product_returns_404(client: httpx.Client, path: str) -> None:
    response = client.get(f"{PRODUCTS}/999999/{path}")

    assert response.status_code == 404
    assert response.json() == errors(404, "The requested resource was not found.")


@pytest.mark.parametrize(
    "path", ["skus", "options", "images", "custom_fields", "discount_rules", "videos", "rules", "configurable_fields"]
)
def test_sub_resource_unknown_id_returns_404(client: httpx.Client, path: str) -> None:
    response = client.get(f"{PRODUCTS}/95/{path}/999999")

    assert response.status_code == 404
    assert response.json() == errors(404, "The requested resource was not found.")


def test_getProductSkus_lists_the_variants_of_a_product_with_options(client: httpx.Client, store: Store) -> None:
    product = store.products.require(95)
    first = store.variants.require(101)

    response = follow(client, 95, "skus", limit=2)

    assert response.status_code == 200
    body = response.json()
    assert [sku["id"] for sku in body] == [101, 102]
    assert body[0] == {
        "id": 101, "product_id": 95, "sku": "GAR-PLT-006-IVY-SMALL", "price": None,
        "adjusted_price": f"{product.price:.4f}", "cost_price": None, "upc": first.upc,
        "inventory_level": first.inventory_level, "inventory_warning_level": first.inventory_warning_level,
        "bin_picking_number": first.bin_picking_number, "weight": None, "adjusted_weight": f"{product.weight:.4f}",
        "is_purchasing_disabled": first.purchasing_disabled,
        "purchasing_disabled_message": first.purchasing_disabled_message, "image_file": "",
        "options": [{"product_option_id": 1, "option_value_id": 2}, {"product_option_id": 3, "option_value_id": 4}],
    }  # fmt: skip
    assert body[1]["options"] == [
        {"product_option_id": 1, "option_value_id": 2},
        {"product_option_id": 3, "option_value_id": 5},
    ]


def test_getProductSkus_pages_in_id_order(client: httpx.Client) -> None:
    assert ids(client.get(f"{PRODUCTS}/95/skus", params={"limit": 4, "page": 2})) == [105, 106]
    assert client.get(f"{PRODUCTS}/95/skus", params={"limit": 4, "page": 3}).status_code == 204


def test_getProductSkus_of_a_product_without_options_is_empty(client: httpx.Client, store: Store) -> None:
    product = store.products.require(77)
    assert product.base_variant_id is not None

    assert client.get(f"{PRODUCTS}/77/skus").status_code == 204
    assert client.get(f"{PRODUCTS}/77/skus/{product.base_variant_id}").status_code == 404


def test_getProductSku_returns_one_variant(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/95/skus/104")

    assert response.status_code == 200
    assert (response.json()["id"], response.json()["sku"]) == (104, "GAR-PLT-006-SLT-LARGE")


def test_getProductSku_of_another_product_returns_404(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/101/skus/104")

    assert response.status_code == 404
    assert response.json() == errors(404, "The requested resource was not found.")


def test_getProductSku_shows_a_price_set_through_v3(client: httpx.Client) -> None:
    changed = client.put(f"{V3_PRODUCTS}/95/variants/104", json={"price": 31.5, "weight": 2})
    assert changed.status_code == 200, changed.text

    body = client.get(f"{PRODUCTS}/95/skus/104").json()

    assert (body["price"], body["adjusted_price"], body["weight"], body["adjusted_weight"]) == (
        "31.5000", "31.5000", "2.0000", "2.0000",
    )  # fmt: skip


def test_getProductOptions_lists_the_variant_options(client: httpx.Client) -> None:
    response = follow(client, 95, "options")

    assert response.status_code == 200
    assert response.json() == [
        {"id": 1, "option_id": 1, "display_name": "Color", "sort_order": 0, "is_required": True},
        {"id": 3, "option_id": 3, "display_name": "Size", "sort_order": 1, "is_required": True},
    ]


def test_getProductOption_returns_one_option(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/95/options/3")

    assert response.json() == {"id": 3, "option_id": 3, "display_name": "Size", "sort_order": 1, "is_required": True}


def test_getProductProductImages_lists_the_v3_images(client: httpx.Client) -> None:
    url = "https://cdn.example.com/images/speaker.jpg"
    image = made(client.post(f"{V3_77}/images", json={"image_url": url, "description": "Front", "sort_order": 2}))

    response = follow(client, 77, "images")

    assert response.status_code == 200
    (body,) = response.json()
    assert body == {
        "id": image["id"], "product_id": 77, "image_file": "speaker.jpg", "zoom_url": f"{url}#zoom",
        "thumbnail_url": f"{url}#thumbnail", "standard_url": f"{url}#standard", "tiny_url": f"{url}#tiny",
        "is_thumbnail": True, "sort_order": 2, "description": "Front", "date_created": body["date_modified"],
        "date_modified": body["date_modified"], "is_sample": False,
    }  # fmt: skip
    assert body["date_modified"].endswith(" +0000")
    assert client.get(f"{PRODUCTS}/77/images/{image['id']}").json() == body


def test_getProductCustomFields_lists_v3_custom_fields_with_text_for_value(client: httpx.Client) -> None:
    field = made(client.post(f"{V3_77}/custom-fields", json={"name": "Material", "value": "Cotton"}))

    response = follow(client, 77, "custom_fields")

    assert response.json() == [{"id": field["id"], "product_id": 77, "name": "Material", "text": "Cotton"}]
    assert client.get(f"{PRODUCTS}/77/custom_fields/{field['id']}").json() == response.json()[0]


def test_getProductDiscountRules_lists_the_bulk_pricing_rules(client: httpx.Client) -> None:
    rule = made(
        client.post(
            f"{V3_77}/bulk-pricing-rules", json={"quantity_min": 2, "quantity_max": 5, "type": "percent", "amount": 10}
        )
    )

    response = follow(client, 77, "discount_rules")

    assert response.json() == [
        {"id": rule["id"], "product_id": 77, "min": 2, "max": 5, "type": "percent", "type_value": "10.0000"}
    ]
    assert client.get(f"{PRODUCTS}/77/discount_rules/{rule['id']}").json() == response.json()[0]


def test_getProductVideos_lists_the_youtube_videos(client: httpx.Client) -> None:
    video = made(
        client.post(f"{V3_77}/videos", json={"video_id": "4wZ3ZG_Wams", "type": "youtube", "title": "Unboxing"})
    )

    response = follow(client, 77, "videos")

    assert response.json() == [
        {"id": video["id"], "product_id": 77, "sort_order": 0, "name": "Unboxing",
         "url": "https://www.youtube.com/watch?v=4wZ3ZG_Wams"}
    ]  # fmt: skip
    assert client.get(f"{PRODUCTS}/77/videos/{video['id']}").json() == response.json()[0]


def _modifier(client: httpx.Client, **body: Any) -> dict[str, Any]:
    return made(client.post(f"{V3_77}/modifiers", json={"required": False, **body}))


def test_getProductRules_lists_the_complex_rules(client: httpx.Client) -> None:
    values = [{"label": "Red", "sort_order": 0}, {"label": "Blue", "sort_order": 1}]
    wrap = _modifier(client, display_name="Wrap", type="dropdown", option_values=values)
    box = _modifier(client, display_name="Box", type="dropdown", option_values=values)
    conditions = [
        {"modifier_id": wrap["id"], "modifier_value_id": wrap["option_values"][0]["id"]},
        {"modifier_id": box["id"], "modifier_value_id": box["option_values"][1]["id"]},
    ]
    rule = made(
        client.post(
            f"{V3_77}/complex-rules",
            json={"conditions": conditions, "price_adjuster": {"adjuster": "relative", "adjuster_value": 5}},
        )
    )

    response = follow(client, 77, "rules")

    assert response.json() == [
        {
            "id": rule["id"], "product_id": 77, "sort_order": 0, "is_enabled": True, "is_stop": False,
            "price_adjuster": {"adjuster": "relative", "adjuster_value": 5.0}, "weight_adjuster": None,
            "is_purchasing_disabled": False, "purchasing_disabled_message": "", "is_purchasing_hidden": False,
            "image_file": "",
            "conditions": [
                {"product_option_id": wrap["id"], "option_value_id": wrap["option_values"][0]["id"], "sku_id": None},
                {"product_option_id": box["id"], "option_value_id": box["option_values"][1]["id"], "sku_id": None},
            ],
        }
    ]  # fmt: skip
    assert client.get(f"{PRODUCTS}/77/rules/{rule['id']}").json() == response.json()[0]


def test_getProductConfigurableFields_lists_the_input_modifiers(client: httpx.Client) -> None:
    text = _modifier(client, display_name="Engraving", type="text", required=True)
    photo = _modifier(
        client, display_name="Photo", type="file",
        config={"file_types_mode": "specific", "file_types_supported": ["images", "documents"], "file_max_size": 1024},
    )  # fmt: skip
    choice = _modifier(client, display_name="Wrap", type="dropdown", option_values=[{"label": "Red", "sort_order": 0}])

    response = follow(client, 77, "configurable_fields")

    assert response.json() == [
        {"id": text["id"], "product_id": 77, "name": "Engraving", "type": "T", "allowed_file_types": "",
         "max_size": 0, "select_options": "", "is_required": True, "sort_order": 0},
        {"id": photo["id"], "product_id": 77, "name": "Photo", "type": "F", "allowed_file_types": "images,documents",
         "max_size": 1024, "select_options": "", "is_required": False, "sort_order": 0},
    ]  # fmt: skip
    assert client.get(f"{PRODUCTS}/77/configurable_fields/{photo['id']}").json() == response.json()[1]
    assert client.get(f"{PRODUCTS}/77/configurable_fields/{choice['id']}").status_code == 404


def test_sub_resource_lists_are_paged(client: httpx.Client) -> None:
    for n in range(3):
        made(client.post(f"{V3_77}/custom-fields", json={"name": f"Field {n}", "value": "x"}))

    page = client.get(f"{PRODUCTS}/77/custom_fields", params={"limit": 2, "page": 2}).json()

    assert [f["name"] for f in page] == ["Field 2"]
    assert client.get(f"{PRODUCTS}/77/custom_fields", params={"limit": 251}).status_code == 413
