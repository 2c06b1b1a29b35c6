"""Listing v3 products: every documented filter, sorting, includes, field selection and paging."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store, create_app
from mockbc.domain.limits import Limits
from mockbc.domain.products import is_low_stock
from mockbc.http.inprocess import client as inprocess_client

PRODUCTS = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/products"
TYPE = "/api-docs/getting-started/api-status-codes"
FILTER_TITLE = "The filter(s) given are invalid."


def listing(client: httpx.Client, **params: Any) -> dict[str, Any]:
    response = client.get(PRODUCTS, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def ids(client: httpx.Client, **params: Any) -> list[int]:
    """Every matching id, over all pages."""
    found: list[int] = []
    page = 1
    while True:
        body = listing(client, **params, limit=250, page=page)
        found.extend(p["id"] for p in body["data"])
        if page >= body["meta"]["pagination"]["total_pages"]:
            return found
        page += 1


def where(store: Store, predicate: Any) -> list[int]:
    matched = [p.id for p in store.products.values() if predicate(p)]
    # A filter test is only meaningful when it keeps some products and drops others.
    assert 0 < len(matched) < len(store.products)
    return matched


def test_demo_store_has_132_products_in_id_order(client: httpx.Client, store: Store) -> None:
    assert ids(client) == [p.id for p in store.products.values()]
    assert len(ids(client)) == 132


# --- id -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"id": 78}, [78]),
        ({"id:in": "79,77,9999"}, [77, 79]),
        ({"id:min": 243}, [243, 244, 245]),
        ({"id:max": 79}, [77, 78, 79]),
        ({"id:greater": 243}, [244, 245]),
        ({"id:less": 79}, [77, 78]),
        ({"id:min": 80, "id:max": 82}, [80, 81, 82]),
    ],
)
def test_list_products_id_operators(client: httpx.Client, params: dict[str, Any], expected: list[int]) -> None:
    assert ids(client, **params) == expected


def test_list_products_id_not_in(client: httpx.Client, store: Store) -> None:
    assert ids(client, **{"id:not_in": "77,78"}) == [p.id for p in store.products.values() if p.id not in (77, 78)]


def test_list_products_id_not_an_integer_returns_422(client: httpx.Client) -> None:
    response = client.get(PRODUCTS, params={"id:in": "77,x"})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": FILTER_TITLE, "type": TYPE, "errors": {"id:in": "'x' is not an integer"},
    }  # fmt: skip


# --- names and codes ----------------------------------------------------------------


def test_list_products_name_is_exact(client: httpx.Client) -> None:
    assert ids(client, name="Compact Bluetooth Speaker") == [77]
    assert ids(client, name="Compact Bluetooth") == []


def test_list_products_name_like_is_not_a_product_filter_and_is_ignored(client: httpx.Client) -> None:
    assert len(ids(client, **{"name:like": "Speaker"})) == 132


def test_list_products_sku_matches_the_main_sku_only(client: httpx.Client) -> None:
    assert ids(client, sku="ELE-AUD-002") == [77]
    assert ids(client, sku="GAR-PLT-006") == [95]
    assert ids(client, sku="GAR-PLT-006-IVY-SMALL") == []  # a variant SKU


def test_list_products_sku_in(client: httpx.Client) -> None:
    assert ids(client, **{"sku:in": "APP-ACC-007,ELE-AUD-002,NOPE"}) == [77, 78]


def test_list_products_mpn_and_upc(client: httpx.Client) -> None:
    assert ids(client, mpn="ELEAUD002925") == [77]
    assert ids(client, upc="889402737369") == [80]


# --- numbers ------------------------------------------------------------------------


def test_list_products_price_is_exact(client: httpx.Client, store: Store) -> None:
    assert ids(client, price=16.99) == where(store, lambda p: p.price == 16.99)


def test_list_products_weight_is_exact(client: httpx.Client, store: Store) -> None:
    assert ids(client, weight=0.33) == where(store, lambda p: p.weight == 0.33)


def test_list_products_total_sold(client: httpx.Client, store: Store) -> None:
    assert ids(client, total_sold=129) == where(store, lambda p: p.total_sold == 129)


# --- type and state -----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["digital", "physical"])
def test_list_products_type(client: httpx.Client, store: Store, kind: str) -> None:
    assert ids(client, type=kind) == where(store, lambda p: p.type == kind)


@pytest.mark.parametrize("condition", ["new", "refurbished"])
def test_list_products_condition_is_lowercase(client: httpx.Client, store: Store, condition: str) -> None:
    assert ids(client, condition=condition) == where(store, lambda p: p.condition == condition.capitalize())


def test_list_products_condition_capitalised_matches_like_lowercase(client: httpx.Client) -> None:
    # The filter is documented lowercase while bodies are capitalised; the mock takes either.
    assert ids(client, condition="New") == ids(client, condition="new") != []


@pytest.mark.parametrize("availability", ["available", "disabled", "preorder"])
def test_list_products_availability(client: httpx.Client, store: Store, availability: str) -> None:
    assert ids(client, availability=availability) == where(store, lambda p: p.availability == availability)


def test_list_products_brand_id(client: httpx.Client, store: Store) -> None:
    assert ids(client, brand_id=5) == where(store, lambda p: p.brand_id == 5)
    assert ids(client, brand_id=0) == where(store, lambda p: p.brand_id == 0)


@pytest.mark.parametrize(("raw", "wanted"), [("true", True), ("false", False), ("1", True), ("0", False)])
def test_list_products_is_visible(client: httpx.Client, store: Store, raw: str, wanted: bool) -> None:
    assert ids(client, is_visible=raw) == where(store, lambda p: p.is_visible is wanted)


@pytest.mark.parametrize("field", ["is_featured", "is_free_shipping"])
@pytest.mark.parametrize("raw", ["1", "0"])
def test_list_products_flag_filters_take_1_or_0(client: httpx.Client, store: Store, field: str, raw: str) -> None:
    assert ids(client, **{field: raw}) == where(store, lambda p: getattr(p, field) is (raw == "1"))


@pytest.mark.parametrize("field", ["is_featured", "is_free_shipping"])
def test_list_products_flag_filters_refuse_true(client: httpx.Client, field: str) -> None:
    response = client.get(PRODUCTS, params={field: "true"})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": FILTER_TITLE, "type": TYPE, "errors": {field: "'true' is not an integer"},
    }  # fmt: skip


# --- categories and keyword ---------------------------------------------------------


def test_list_products_categories(client: httpx.Client, store: Store) -> None:
    assert ids(client, categories=36) == where(store, lambda p: 36 in p.categories)


def test_list_products_categories_in(client: httpx.Client, store: Store) -> None:
    expected = where(store, lambda p: 36 in p.categories or 39 in p.categories)

    assert ids(client, **{"categories:in": "36,39"}) == expected
    assert len(expected) > len(where(store, lambda p: 36 in p.categories))


def test_list_products_keyword_matches_name_description_sku_and_brand(client: httpx.Client, store: Store) -> None:
    assert ids(client, keyword="bluetooth") == [77]  # name
    assert 78 in ids(client, keyword="30-DAY RETURN")  # description, any case
    assert ids(client, keyword="ele-aud-002") == [77]  # sku
    brand_5 = where(store, lambda p: p.brand_id == 5)
    assert set(brand_5) <= set(ids(client, keyword="voltmere"))  # brand name
    assert ids(client, keyword="no such words anywhere") == []


def test_list_products_keyword_context_is_accepted(client: httpx.Client) -> None:
    assert ids(client, keyword="bluetooth", keyword_context="merchant") == [77]


def test_list_products_channel_id_in(client: httpx.Client) -> None:
    assert len(ids(client, **{"channel_id:in": "1"})) == 132
    assert ids(client, **{"channel_id:in": "2"}) == []


# --- dates --------------------------------------------------------------------------


def test_list_products_date_modified_exact(client: httpx.Client) -> None:
    assert ids(client, date_modified="2024-02-04T17:56:00+00:00") == [77]


def test_list_products_date_modified_min_and_max(client: httpx.Client, store: Store) -> None:
    low, high = datetime(2024, 3, 1, tzinfo=UTC), datetime(2024, 6, 1, tzinfo=UTC)

    assert ids(client, **{"date_modified:min": low.isoformat()}) == where(store, lambda p: p.date_modified >= low)
    assert ids(client, **{"date_modified:max": high.isoformat()}) == where(store, lambda p: p.date_modified <= high)
    assert ids(client, **{"date_modified:min": low.isoformat(), "date_modified:max": high.isoformat()}) == where(
        store, lambda p: low <= p.date_modified <= high
    )


def test_list_products_date_modified_accepts_unix_seconds_and_z(client: httpx.Client, store: Store) -> None:
    low = datetime(2024, 3, 1, tzinfo=UTC)
    expected = where(store, lambda p: p.date_modified >= low)

    assert ids(client, **{"date_modified:min": str(int(low.timestamp()))}) == expected
    assert ids(client, **{"date_modified:min": "2024-03-01T00:00:00Z"}) == expected


def test_list_products_date_modified_bare_date_is_accepted(client: httpx.Client) -> None:
    # Every demo product was modified in 2024, so the time of day added to a bare date is moot.
    assert len(ids(client, **{"date_modified:min": "2023-12-31"})) == 132
    assert ids(client, **{"date_modified:max": "2023-12-31"}) == []


def test_list_products_date_modified_not_a_date_returns_422(client: httpx.Client) -> None:
    response = client.get(PRODUCTS, params={"date_modified:min": "last tuesday"})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": FILTER_TITLE, "type": TYPE, "errors": {"date_modified:min": "'last tuesday' is not a date"},
    }  # fmt: skip


def test_list_products_updated_product_moves_into_a_recent_date_range(client: httpx.Client) -> None:
    cutoff = datetime.now(UTC) - timedelta(minutes=5)
    client.put(f"{PRODUCTS}/80", json={"price": 1.0})

    assert ids(client, **{"date_modified:min": cutoff.isoformat()}) == [80]


@pytest.fixture
def imported(store: Store) -> dict[int, datetime]:
    """Three demo products marked as imported at known times (imports are not an API write)."""
    when = {
        77: datetime(2024, 5, 1, 12, 0, tzinfo=UTC),
        78: datetime(2024, 6, 1, 12, 0, tzinfo=UTC),
        79: datetime(2024, 7, 1, 12, 0, tzinfo=UTC),
    }
    for product_id, at in when.items():
        product = store.products.get(product_id)
        assert product is not None
        store.products.put(product_id, replace(product, date_last_imported=at))
    return when


def test_list_products_date_last_imported_ranges(client: httpx.Client, imported: dict[int, datetime]) -> None:
    assert ids(client, date_last_imported="2024-06-01T12:00:00+00:00") == [78]
    assert ids(client, **{"date_last_imported:min": "2024-06-01T00:00:00+00:00"}) == [78, 79]
    assert ids(client, **{"date_last_imported:max": "2024-06-01T12:00:00+00:00"}) == [77, 78]
    assert ids(
        client, **{"date_last_imported:min": "2024-05-15T00:00:00Z", "date_last_imported:max": "2024-06-15T00:00:00Z"}
    ) == [78]


def test_list_products_date_last_imported_not(
    client: httpx.Client, store: Store, imported: dict[int, datetime]
) -> None:
    result = ids(client, **{"date_last_imported:not": "2024-06-01T12:00:00+00:00"})

    assert 78 not in result
    assert len(result) == 131  # products never imported are "not" that date too


def test_list_products_date_last_imported_is_rendered(client: httpx.Client, imported: dict[int, datetime]) -> None:
    data = listing(client, **{"id:in": "77,80"})["data"]

    assert [p["date_last_imported"] for p in data] == ["2024-05-01T12:00:00+00:00", ""]


# --- inventory ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("op", "raw", "predicate"),
    [
        ("", "0", lambda level: level == 0),
        (":in", "0,86", lambda level: level in (0, 86)),
        (":not_in", "0,86", lambda level: level not in (0, 86)),
        (":min", "100", lambda level: level >= 100),
        (":max", "10", lambda level: level <= 10),
        (":greater", "100", lambda level: level > 100),
        (":less", "10", lambda level: level < 10),
    ],
)
def test_list_products_inventory_level_operators(
    client: httpx.Client, store: Store, op: str, raw: str, predicate: Any
) -> None:
    assert ids(client, **{f"inventory_level{op}": raw}) == where(store, lambda p: predicate(p.inventory_level))


def test_list_products_inventory_low(client: httpx.Client, store: Store) -> None:
    low = where(store, is_low_stock)

    assert ids(client, inventory_low=1) == low
    assert 77 in low  # tracked, level 10 at warning level 10
    assert ids(client, inventory_low=0) == where(store, lambda p: not is_low_stock(p))


def test_list_products_out_of_stock(client: httpx.Client, store: Store) -> None:
    out: list[int] = where(store, lambda p: p.inventory_tracking != "none" and p.inventory_level == 0)

    assert ids(client, out_of_stock=1) == out
    assert 80 in out
    # Upstream: pass out_of_stock=1 to enable the filter; 0 leaves it off.
    assert len(ids(client, out_of_stock=0)) == 132


def test_list_products_untracked_product_is_never_out_of_stock(client: httpx.Client, store: Store) -> None:
    product = store.products.get(84)
    assert product is not None and product.inventory_tracking == "none" and product.inventory_level == 0

    assert 84 not in ids(client, out_of_stock=1)


def test_list_products_filters_combine_with_and(client: httpx.Client, store: Store) -> None:
    expected = where(store, lambda p: p.type == "physical" and p.brand_id == 5 and p.is_visible)

    assert ids(client, type="physical", brand_id=5, is_visible="true") == expected


# --- sorting ------------------------------------------------------------------------


def _sort_value(key: str, product: dict[str, Any]) -> Any:
    value = product[key]
    if key in ("name", "sku"):
        return value.casefold()
    if key == "date_last_imported":
        return (value != "", value or product["date_created"])
    return value


SORT_KEYS = ["id", "name", "sku", "price", "date_modified", "date_last_imported", "inventory_level",
             "is_visible", "total_sold", "calculated_price"]  # fmt: skip


@pytest.mark.parametrize("direction", ["asc", "desc"])
@pytest.mark.parametrize("key", SORT_KEYS)
def test_list_products_sort_by_every_key_and_direction(
    client: httpx.Client, imported: dict[int, datetime], key: str, direction: str
) -> None:
    data = listing(client, sort=key, direction=direction, limit=250)["data"]

    assert len(data) == 132
    values = [_sort_value(key, p) for p in data]
    assert values == sorted(values, reverse=direction == "desc")
    assert len(set(map(str, values))) > 1
    # Ties keep id order.
    for a, b in itertools.pairwise(data):
        if _sort_value(key, a) == _sort_value(key, b):
            assert a["id"] < b["id"], (key, a["id"], b["id"])


def test_list_products_sort_by_name_is_case_insensitive(client: httpx.Client) -> None:
    # Case-sensitively a lowercase name would sort after every capitalised one.
    client.put(f"{PRODUCTS}/77", json={"name": "adjustable deck speaker"})

    names = [p["name"] for p in listing(client, sort="name", limit=3)["data"]]
    assert names == ["8-Inch Chef's Knife", "adjustable deck speaker", "Adjustable Desk Lamp"]


def test_list_products_direction_without_sort_reverses_id_order(client: httpx.Client, store: Store) -> None:
    assert ids(client, direction="desc") == [p.id for p in store.products.values()][::-1]


def test_list_products_undocumented_sort_key_is_ignored(client: httpx.Client) -> None:
    assert ids(client, sort="weight") == ids(client)


# --- include, include_fields, exclude_fields ----------------------------------------


def test_list_products_include_variants_and_options(client: httpx.Client, store: Store) -> None:
    data = listing(client, **{"id:in": "77,95", "include": "variants,options"})["data"]

    simple, with_options = data
    assert simple["options"] == []
    assert [v["id"] for v in simple["variants"]] == [simple["base_variant_id"]]
    assert simple["variants"][0]["sku"] == "ELE-AUD-002"
    product = store.products.get(95)
    assert product is not None
    assert [v["id"] for v in with_options["variants"]] == sorted(store.variants.lookup("product_id", 95))
    assert with_options["base_variant_id"] is None
    assert {o["display_name"] for o in with_options["options"]} == {"Color", "Size"}
    first = with_options["variants"][0]
    assert first["sku"] == "GAR-PLT-006-IVY-SMALL"
    assert [(v["option_display_name"], v["label"]) for v in first["option_values"]] == [
        ("Color", "Ivory"),
        ("Size", "Small"),
    ]


def test_list_products_without_include_has_no_sub_resources(client: httpx.Client) -> None:
    product = listing(client, id=95)["data"][0]

    assert "variants" not in product and "options" not in product


def test_list_products_include_options_limits_pages_to_10(client: httpx.Client) -> None:
    pagination = listing(client, include="options", limit=50)["meta"]["pagination"]

    assert (pagination["per_page"], pagination["count"], pagination["total_pages"]) == (10, 10, 14)


def test_list_products_include_fields(client: httpx.Client) -> None:
    data = listing(client, include_fields="name,price", limit=2)["data"]

    assert data == [
        {"id": 77, "name": "Compact Bluetooth Speaker", "price": 76.0},
        {"id": 78, "name": "Packable Bucket Hat", "price": 39.49},
    ]


def test_list_products_exclude_fields_keeps_id(client: httpx.Client) -> None:
    data = listing(client, exclude_fields="id,name,description", limit=1)["data"][0]

    assert data["id"] == 77
    assert "name" not in data and "description" not in data
    assert data["sku"] == "ELE-AUD-002"


def test_list_products_include_fields_with_include_keeps_sub_resources(client: httpx.Client) -> None:
    data = listing(client, id=77, include_fields="sku", include="variants")["data"][0]

    # Sub-resources named in include= are kept whatever include_fields says.
    assert set(data) == {"id", "sku", "variants"}
    assert data["variants"][0]["sku"] == "ELE-AUD-002"


# --- pagination ---------------------------------------------------------------------


def test_list_products_default_page_is_50_with_next_link(client: httpx.Client) -> None:
    body = listing(client)

    assert len(body["data"]) == 50
    assert body["meta"]["pagination"] == {
        "total": 132, "count": 50, "per_page": 50, "current_page": 1, "total_pages": 3,
        "links": {"current": "?page=1&limit=50", "next": "?page=2&limit=50"},
    }  # fmt: skip


def test_list_products_middle_page_has_previous_and_next(client: httpx.Client) -> None:
    pagination = listing(client, page=2)["meta"]["pagination"]

    assert pagination["links"] == {
        "previous": "?page=1&limit=50",
        "current": "?page=2&limit=50",
        "next": "?page=3&limit=50",
    }
    assert (pagination["count"], pagination["current_page"]) == (50, 2)


def test_list_products_last_page_has_no_next(client: httpx.Client) -> None:
    body = listing(client, page=3)

    assert [p["id"] for p in body["data"]][-1] == 245
    assert body["meta"]["pagination"] == {
        "total": 132, "count": 32, "per_page": 50, "current_page": 3, "total_pages": 3,
        "links": {"previous": "?page=2&limit=50", "current": "?page=3&limit=50"},
    }  # fmt: skip


def test_list_products_pages_do_not_overlap(client: httpx.Client, store: Store) -> None:
    pages = [[p["id"] for p in listing(client, page=n, limit=40)["data"]] for n in (1, 2, 3, 4)]

    assert [len(page) for page in pages] == [40, 40, 40, 12]
    assert [pid for page in pages for pid in page] == [p.id for p in store.products.values()]


def test_list_products_limit_above_250_returns_413(client: httpx.Client) -> None:
    response = client.get(PRODUCTS, params={"limit": 251})

    assert response.status_code == 413
    assert response.json() == {
        "status": 413, "title": "The limit is too high. The maximum limit is 250.", "type": TYPE,
        "errors": {"limit": "must be at most 250"},
    }  # fmt: skip


def test_list_products_limit_above_250_is_capped_when_configured() -> None:
    app = create_app(fixtures="catalog", limits=Limits(page_limit_over_max="cap"))
    with inprocess_client(app, access_token=app.state.default_account.access_token) as capped:
        body = capped.get(PRODUCTS, params={"limit": 1000}).json()

    assert len(body["data"]) == 132
    assert body["meta"]["pagination"] == {
        "total": 132, "count": 132, "per_page": 250, "current_page": 1, "total_pages": 1,
        "links": {"current": "?page=1&limit=250"},
    }  # fmt: skip


def test_list_products_links_keep_the_filters(client: httpx.Client) -> None:
    pagination = listing(client, type="physical", **{"id:in": "77,78,79,80,81"}, limit=2, page=2)["meta"]["pagination"]

    assert pagination["links"] == {
        "previous": "?type=physical&id:in=77,78,79,80,81&page=1&limit=2",
        "current": "?type=physical&id:in=77,78,79,80,81&page=2&limit=2",
        "next": "?type=physical&id:in=77,78,79,80,81&page=3&limit=2",
    }


def test_list_products_following_next_links_walks_every_page(client: httpx.Client) -> None:
    seen: list[int] = []
    query = "?is_visible=true&limit=30"
    while query:
        body = client.get(PRODUCTS + query).json()
        seen.extend(p["id"] for p in body["data"])
        query = body["meta"]["pagination"]["links"].get("next", "")
        if query:
            assert dict(parse_qsl(query.lstrip("?")))["is_visible"] == "true"

    assert seen == ids(client, is_visible="true")


def test_list_products_no_match_has_zero_pages(client: httpx.Client) -> None:
    body = listing(client, name="nothing like this")

    assert body == {
        "data": [],
        "meta": {"pagination": {"total": 0, "count": 0, "per_page": 50, "current_page": 1, "total_pages": 0,
                                "links": {"current": "?name=nothing+like+this&page=1&limit=50"}}},
    }  # fmt: skip


@pytest.mark.parametrize("param", ["page", "limit"])
def test_list_products_page_or_limit_below_1_returns_422(client: httpx.Client, param: str) -> None:
    response = client.get(PRODUCTS, params={param: 0})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "title": FILTER_TITLE,
        "type": TYPE,
        "errors": {param: "must be at least 1"},
    }


def test_list_products_new_product_is_listed_last(client: httpx.Client) -> None:
    response = client.post(PRODUCTS, json={"name": "Last One", "type": "digital", "price": 1, "weight": 0})
    new_id = response.json()["data"]["id"]

    assert ids(client)[-1] == new_id
    assert listing(client)["meta"]["pagination"]["total"] == 133


def test_list_products_page_past_the_last_is_empty_without_previous_link(client: httpx.Client, store: Store) -> None:
    response = client.get(PRODUCTS, params={"page": 1000, "limit": 50})
    assert response.status_code == 200
    assert response.json() == {
        "data": [],
        "meta": {
            "pagination": {
                "total": len(store.products), "count": 0, "per_page": 50, "current_page": 1000,
                "total_pages": 3, "links": {"current": "?page=1000&limit=50"},
            }
        },
    }  # fmt: skip


def test_include_fields_may_name_id_as_integrations_do(client: httpx.Client) -> None:
    # Upstream's include_fields enum leaves out id, yet integrations send include_fields=id,sku.
    response = client.get(PRODUCTS, params={"include_fields": "id,sku", "id:in": "77,78"})

    assert response.status_code == 200
    assert response.json()["data"] == [
        {"id": 77, "sku": "ELE-AUD-002"},
        {"id": 78, "sku": response.json()["data"][1]["sku"]},
    ]
    assert set(response.json()["data"][1]) == {"id", "sku"}
