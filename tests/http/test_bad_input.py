"""Hostile and malformed requests: every one gets a 4xx in BigCommerce's v3 shape, never a 500,
and leaves the store as it was."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import orjson
import pytest
from starlette.applications import Starlette

from mockbc import DEFAULT_STORE_HASH, ApiAccount, Store
from mockbc.http.inprocess import client as unrecorded_client

PRODUCTS = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/products"
BRANDS = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/brands"
TYPE = "/api-docs/getting-started/api-status-codes"
INVALID = "JSON data is missing or invalid"
JSON_HEADERS = {"Content-Type": "application/json"}
SYNTAX = {"status": 400, "title": "Input is invalid", "type": TYPE, "detail": "Syntax error"}
UNSUPPORTED = {
    "status": 415,
    "title": "The request Content-Type is not supported. Send application/json.",
    "type": TYPE,
}
NEW = {"name": "Bad Input Mug", "type": "physical", "weight": 1, "price": 2}
INT64 = "must be between -9223372036854775808 and 9223372036854775807"


def snapshot(store: Store) -> tuple[list[Any], ...]:
    return (
        list(store.products.values()),
        list(store.variants.values()),
        list(store.options.values()),
        list(store.brands.values()),
    )


@pytest.fixture
def before(store: Store) -> tuple[list[Any], ...]:
    return snapshot(store)


@pytest.fixture
def off_spec(app: Starlette, account: ApiAccount, store: Store) -> Iterator[httpx.Client]:
    """A client whose exchanges are not recorded: for methods and paths BigCommerce does not
    have, which the response contract test (tests/contract) cannot match to an operation."""
    with unrecorded_client(app, access_token=account.access_token) as c:
        yield c


def post_raw(client: httpx.Client, raw: bytes, path: str = PRODUCTS, method: str = "POST") -> httpx.Response:
    return client.request(method, path, content=raw, headers=JSON_HEADERS)


# --- unreadable bodies --------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b"{name: 'Mug'}",  # malformed
        b'{"name": "Mug", "type": "physical"',  # truncated
        b'{"name": "Mug",}',  # trailing comma
        b"\xff\xfe{}",  # not UTF-8
        b'{"name": "\xff"}',  # invalid UTF-8 inside a string
        b"[" * 100_000 + b"]" * 100_000,  # nested far too deep
        b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
        b'{"name": "\\ud800", "type": "physical", "weight": 1, "price": 2}',  # lone surrogate
    ],
    ids=[
        "malformed",
        "truncated",
        "trailing-comma",
        "bom-garbage",
        "bad-utf8",
        "deep-arrays",
        "deep-objects",
        "lone-surrogate",
    ],
)
def test_unparseable_body_returns_400(
    client: httpx.Client, store: Store, before: tuple[list[Any], ...], raw: bytes
) -> None:
    response = post_raw(client, raw)

    assert response.status_code == 400
    assert response.json() == SYNTAX
    assert snapshot(store) == before


@pytest.mark.parametrize("raw", [b"", b"   \n"])
def test_empty_body_returns_400(client: httpx.Client, store: Store, before: tuple[list[Any], ...], raw: bytes) -> None:
    response = post_raw(client, raw)

    assert response.status_code == 400
    assert response.json() == {
        "status": 400,
        "title": "Input is invalid",
        "type": TYPE,
        "detail": "The request body is empty",
    }
    assert snapshot(store) == before


def test_unparseable_body_on_update_returns_400(
    client: httpx.Client, store: Store, before: tuple[list[Any], ...]
) -> None:
    response = post_raw(client, b'{"price": 1', path=f"{PRODUCTS}/77", method="PUT")

    assert response.status_code == 400
    assert response.json() == SYNTAX
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("path", "method", "body"),
    [
        (PRODUCTS, "POST", [NEW]),
        (PRODUCTS, "POST", "a string"),
        (PRODUCTS, "POST", 42),
        (PRODUCTS, "POST", None),
        (f"{PRODUCTS}/77", "PUT", [{"price": 1}]),
        (BRANDS, "POST", [{"name": "B"}]),
    ],
)
def test_wrong_top_level_type_returns_422(
    client: httpx.Client, store: Store, before: tuple[list[Any], ...], path: str, method: str, body: Any
) -> None:
    response = post_raw(client, orjson.dumps(body), path=path, method=method)

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": INVALID, "type": TYPE, "errors": {"body": "must be an object"}}
    assert snapshot(store) == before


def test_object_where_batch_array_belongs_returns_422(
    client: httpx.Client, store: Store, before: tuple[list[Any], ...]
) -> None:
    response = client.put(PRODUCTS, json={"id": 77, "price": 1})

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": INVALID, "type": TYPE, "errors": {"body": "must be an array"}}
    assert snapshot(store) == before


# --- wrong types and values ---------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", 123, "must be a string"),
        ("name", ["Mug"], "must be a string"),
        ("price", "12.50", "must be a number"),
        ("price", True, "must be a number"),
        ("price", None, "must be a number"),
        ("weight", {"kg": 1}, "must be a number"),
        ("inventory_level", 1.5, "must be an integer"),
        ("brand_id", "5", "must be an integer"),
        ("is_visible", "true", "must be a boolean"),
        ("is_visible", 1, "must be a boolean"),
        ("categories", 18, "must be an array"),
        ("categories.0", "18", "must be an integer"),
        ("meta_keywords.1", 3, "must be a string"),
        ("custom_url", "/mug/", "must be an object"),
        ("custom_url.url", 5, "must be a string"),
        ("preorder_release_date", "tomorrow", "must be a valid date-time"),
    ],
)
def test_wrong_type_per_field_returns_422(
    client: httpx.Client, store: Store, before: tuple[list[Any], ...], field: str, value: Any, message: str
) -> None:
    body: dict[str, Any] = dict(NEW)
    top, _, index = field.partition(".")
    if top == "categories" and index:
        body["categories"] = [value]
    elif top == "meta_keywords":
        body["meta_keywords"] = ["ok", value]
    elif top == "custom_url" and index:
        body["custom_url"] = {"url": value}
    else:
        body[field] = value

    response = client.post(PRODUCTS, json=body)

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": INVALID, "type": TYPE, "errors": {field: message}}
    assert snapshot(store) == before


def test_10000_character_name_returns_422(client: httpx.Client, store: Store, before: tuple[list[Any], ...]) -> None:
    response = client.post(PRODUCTS, json={**NEW, "name": "n" * 10_000})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": INVALID, "type": TYPE, "errors": {"name": "must be at most 250 characters long"},
    }  # fmt: skip
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (b'{"name": "Big", "type": "physical", "weight": 1, "price": 9223372036854775808}', "price"),
        (b'{"name": "Big", "type": "physical", "weight": 1, "price": 18446744073709551616}', "price"),
        (
            b'{"name": "Big", "type": "physical", "weight": 1, "price": 2, "brand_id": 1000000000000000000000000000000}',
            "brand_id",
        ),
        (
            b'{"name": "Big", "type": "physical", "weight": 1, "price": 2, "sort_order": -9223372036854775809}',
            "sort_order",
        ),
        (
            b'{"name": "Big", "type": "physical", "weight": 1, "price": 2, "categories": [18, 99999999999999999999]}',
            "categories.1",
        ),
    ],
)
def test_integer_past_64_bits_returns_422(
    client: httpx.Client, store: Store, before: tuple[list[Any], ...], raw: bytes, field: str
) -> None:
    response = post_raw(client, raw)

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": INVALID, "type": TYPE, "errors": {field: INT64}}
    assert snapshot(store) == before


def test_integer_past_64_bits_on_update_returns_422(
    client: httpx.Client, store: Store, before: tuple[list[Any], ...]
) -> None:
    response = post_raw(client, b'{"inventory_level": 9223372036854775808}', path=f"{PRODUCTS}/77", method="PUT")

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": INVALID, "type": TYPE, "errors": {"inventory_level": INT64}}
    assert snapshot(store) == before


def test_long_digit_string_is_not_a_number_and_is_accepted(client: httpx.Client) -> None:
    response = client.post(PRODUCTS, json={**NEW, "mpn": "99999999999999999999999"})

    assert response.status_code == 200
    assert response.json()["data"]["mpn"] == "99999999999999999999999"


@pytest.mark.parametrize("raw", [b"NaN", b"Infinity", b"-Infinity", b"1e400"])
def test_non_finite_number_returns_422(
    client: httpx.Client, store: Store, before: tuple[list[Any], ...], raw: bytes
) -> None:
    response = post_raw(client, b'{"name": "N", "type": "physical", "weight": 1, "price": ' + raw + b"}")

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": INVALID, "type": TYPE, "errors": {"price": "must be a number"}}
    assert snapshot(store) == before


def test_unknown_field_returns_422(client: httpx.Client, store: Store, before: tuple[list[Any], ...]) -> None:
    response = client.post(PRODUCTS, json={**NEW, "colour": "red", "flavour": "mint"})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "title": INVALID,
        "type": TYPE,
        "errors": {"colour": "is not a field this resource accepts", "flavour": "is not a field this resource accepts"},
    }
    assert snapshot(store) == before


def test_nul_byte_in_a_string_returns_422(client: httpx.Client, store: Store, before: tuple[list[Any], ...]) -> None:
    response = client.post(PRODUCTS, json={**NEW, "name": "Mug\u0000Evil"})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "title": INVALID,
        "type": TYPE,
        "errors": {"name": "must not contain NUL characters"},
    }
    assert snapshot(store) == before


def test_nul_byte_in_a_nested_string_returns_422(
    client: httpx.Client, store: Store, before: tuple[list[Any], ...]
) -> None:
    response = client.put(PRODUCTS, json=[{"id": 77, "meta_keywords": ["ok", "bad\u0000"]}])

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": INVALID, "type": TYPE, "errors": {"0.meta_keywords.1": "must not contain NUL characters"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_raw_control_character_in_a_string_returns_400(
    client: httpx.Client, store: Store, before: tuple[list[Any], ...]
) -> None:
    response = post_raw(client, b'{"name": "Mug\x00", "type": "physical", "weight": 1, "price": 2}')

    assert response.status_code == 400
    assert response.json() == SYNTAX
    assert snapshot(store) == before


@pytest.mark.parametrize(
    "name",
    [
        "Tasse \u2615 mit Herz \u2764\ufe0f und \U0001f600",  # emoji, including a variation selector
        "\u05db\u05d5\u05e1 \u05e7\u05e4\u05d4",  # Hebrew, right to left
        "\u0643\u0648\u0628 \u0642\u0647\u0648\u0629",  # Arabic
        "Cafe\u0301 cre\u0300me",  # combining accents
        "\U0001f468\u200d\U0001f469\u200d\U0001f467 family mug",  # zero-width joiners
        "\u6f22\u5b57\u306e\u30de\u30b0",  # CJK
    ],
)
def test_unicode_names_are_accepted_and_round_trip(client: httpx.Client, name: str) -> None:
    response = client.post(PRODUCTS, json={**NEW, "name": name})

    assert response.status_code == 200, response.text
    product_id = response.json()["data"]["id"]
    assert response.json()["data"]["name"] == name
    assert client.get(f"{PRODUCTS}/{product_id}").json()["data"]["name"] == name
    assert [p["id"] for p in client.get(PRODUCTS, params={"name": name}).json()["data"]] == [product_id]


def test_escaped_surrogate_pair_is_a_valid_character(client: httpx.Client) -> None:
    response = post_raw(client, b'{"name": "Mug \\ud83d\\ude00", "type": "physical", "weight": 1, "price": 2}')

    assert response.status_code == 200
    assert response.json()["data"]["name"] == "Mug \U0001f600"


def test_name_longer_than_250_code_points_is_refused_even_if_short_in_graphemes(
    client: httpx.Client, store: Store, before: tuple[list[Any], ...]
) -> None:
    response = client.post(PRODUCTS, json={**NEW, "name": "e\u0301" * 126})

    assert response.status_code == 422
    assert snapshot(store) == before


# --- size, media type and method ----------------------------------------------------


def test_body_over_8_mb_returns_413(client: httpx.Client, store: Store, before: tuple[list[Any], ...]) -> None:
    limit = 8 * 1024 * 1024
    head = b'{"name": "Huge", "type": "physical", "weight": 1, "price": 2, "description": "'
    tail = b'"}'
    raw = head + b"x" * (limit + 1 - len(head) - len(tail)) + tail
    assert len(raw) == limit + 1

    response = post_raw(client, raw)

    assert response.status_code == 413
    assert response.json() == {
        "status": 413,
        "title": f"The request payload is too large. The maximum size is {limit} bytes.",
        "type": TYPE,
        "errors": {},
    }
    assert snapshot(store) == before


def test_body_over_8_mb_without_content_length_returns_413(
    client: httpx.Client, store: Store, before: tuple[list[Any], ...]
) -> None:
    raw = (
        b'{"name": "Huge", "type": "physical", "weight": 1, "price": 2, "description": "'
        + b"x" * (8 * 1024 * 1024)
        + b'"}'
    )
    request = client.build_request("POST", PRODUCTS, content=raw, headers=JSON_HEADERS)
    del request.headers["Content-Length"]

    response = client.send(request)

    assert response.status_code == 413
    assert response.json()["title"] == "The request payload is too large. The maximum size is 8388608 bytes."
    assert snapshot(store) == before


def test_body_of_exactly_8_mb_is_read(client: httpx.Client) -> None:
    limit = 8 * 1024 * 1024
    head = b'{"name": "Big Description", "type": "physical", "weight": 1, "price": 2, "description": "'
    tail = b'"}'
    raw = head + b"x" * (limit - len(head) - len(tail)) + tail

    response = post_raw(client, raw)

    assert response.status_code == 200
    assert len(response.json()["data"]["description"]) == limit - len(head) - len(tail)


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "application/jsonx"]
)
def test_wrong_content_type_returns_415(
    client: httpx.Client, store: Store, before: tuple[list[Any], ...], content_type: str
) -> None:
    response = client.post(PRODUCTS, content=orjson.dumps(NEW), headers={"Content-Type": content_type})

    assert response.status_code == 415
    assert response.json() == UNSUPPORTED
    assert snapshot(store) == before


def test_missing_content_type_returns_415(client: httpx.Client, store: Store, before: tuple[list[Any], ...]) -> None:
    response = client.post(PRODUCTS, content=orjson.dumps(NEW))

    assert "content-type" not in response.request.headers

    assert response.status_code == 415
    assert response.json() == UNSUPPORTED
    assert snapshot(store) == before


@pytest.mark.parametrize("content_type", ["application/json; charset=utf-8", "Application/JSON"])
def test_json_content_type_with_parameters_or_case_is_accepted(client: httpx.Client, content_type: str) -> None:
    response = client.post(PRODUCTS, content=orjson.dumps(NEW), headers={"Content-Type": content_type})

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("path", "allow"),
    [
        (f"{PRODUCTS}/77", "DELETE, GET, HEAD, PUT"),
        (PRODUCTS, "DELETE, GET, HEAD, POST, PUT"),
        (BRANDS, "DELETE, GET, HEAD, POST"),
    ],
)
def test_patch_returns_405_with_allow_header(
    off_spec: httpx.Client, store: Store, before: tuple[list[Any], ...], path: str, allow: str
) -> None:
    response = off_spec.patch(path, json={"price": 1})

    assert response.status_code == 405
    assert response.headers["allow"] == allow
    assert response.json() == {
        "status": 405,
        "title": "Method Not Allowed",
        "type": TYPE,
        "detail": "The PATCH method is not supported on this resource.",
    }
    assert snapshot(store) == before


def test_post_on_an_item_path_returns_405(off_spec: httpx.Client, store: Store, before: tuple[list[Any], ...]) -> None:
    response = off_spec.post(f"{PRODUCTS}/77", json=NEW)

    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, GET, HEAD, PUT"
    assert snapshot(store) == before


# --- ids in paths and query strings -------------------------------------------------


@pytest.mark.parametrize("raw_id", ["-1", "0", "abc", "1.5", "77abc", "%20"])
@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_bad_product_id_in_path_returns_404(
    client: httpx.Client, store: Store, before: tuple[list[Any], ...], raw_id: str, method: str
) -> None:
    response = client.request(method, f"{PRODUCTS}/{raw_id}", json={"price": 1} if method == "PUT" else None)

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}
    assert snapshot(store) == before


@pytest.mark.parametrize("method", ["GET", "PUT"])
def test_unknown_huge_product_id_returns_404(
    client: httpx.Client, store: Store, before: tuple[list[Any], ...], method: str
) -> None:
    response = client.request(
        method, f"{PRODUCTS}/99999999999999999999999999", json={"price": 1} if method == "PUT" else None
    )

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}
    assert snapshot(store) == before


@pytest.mark.parametrize("raw_id", ["-3", "x"])
def test_bad_brand_id_in_path_returns_404(client: httpx.Client, raw_id: str) -> None:
    response = client.get(f"{BRANDS}/{raw_id}")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested brand was not found.", "type": TYPE}


NOT_EMULATED = {
    "status": 404,
    "title": "The requested resource was not found.",
    "type": TYPE,
    "detail": "mockbc does not emulate this path (yet); BigCommerce may serve it. "
    "See the README's list of what is emulated.",
}


@pytest.mark.parametrize(
    "path", ["/v3/catalog/widgets", "/v3/catalog/products/77/widgets", "/v3/wishlists", "/v3/catalog/products/77/x/y"]
)
def test_path_not_emulated_returns_404_saying_so(off_spec: httpx.Client, path: str) -> None:
    response = off_spec.get(f"/stores/{DEFAULT_STORE_HASH}{path}")

    assert response.status_code == 404
    assert response.json() == NOT_EMULATED
    assert response.headers["x-mockbc-not-emulated"] == "true"


def test_unknown_id_is_a_real_not_found_without_the_not_emulated_header(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/999999")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}
    assert "x-mockbc-not-emulated" not in response.headers


def test_v2_path_not_emulated_returns_v2_shaped_404(off_spec: httpx.Client) -> None:
    response = off_spec.get(f"/stores/{DEFAULT_STORE_HASH}/v2/pages")

    assert response.status_code == 404
    assert response.json() == [
        {"status": 404, "message": "The requested resource was not found. mockbc does not emulate this path (yet)."}
    ]
    assert response.headers["x-mockbc-not-emulated"] == "true"


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"id": "abc"}, {"id": "'abc' is not an integer"}),
        ({"price": "cheap"}, {"price": "'cheap' is not a number"}),
        ({"price": "nan"}, {"price": "'nan' is not a number"}),
        ({"is_visible": "maybe"}, {"is_visible": "'maybe' is not a boolean"}),
        ({"page": "-1"}, {"page": "must be at least 1"}),
        ({"limit": "ten"}, {"limit": "'ten' is not an integer"}),
    ],
)  # fmt: skip
def test_bad_query_value_returns_422(client: httpx.Client, params: dict[str, str], errors: dict[str, str]) -> None:
    response = client.get(PRODUCTS, params=params)

    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "title": "The filter(s) given are invalid.",
        "type": TYPE,
        "errors": errors,
    }


def test_filter_value_outside_the_documented_enum_matches_nothing(client: httpx.Client) -> None:
    # Never stricter than BigCommerce on query parameters: an undocumented value is a filter like any other.
    response = client.get(PRODUCTS, params={"type": "service"})

    assert response.status_code == 200
    assert response.json()["data"] == []


def test_include_of_an_undocumented_sub_resource_is_ignored(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/77", params={"include": "variants,secrets"})

    assert response.status_code == 200
    data = response.json()["data"]
    assert "secrets" not in data and len(data["variants"]) == 1


def test_repeated_array_parameter_collects_every_value(client: httpx.Client) -> None:
    # What requests and httpx send for params={"id:in": [77, 78]}.
    response = client.get(PRODUCTS, params=[("id:in", "77"), ("id:in", "78"), ("id:in", "79,80")])

    assert [p["id"] for p in response.json()["data"]] == [77, 78, 79, 80]


def test_page_past_the_last_returns_an_empty_page(client: httpx.Client) -> None:
    response = client.get(PRODUCTS, params={"page": "2147483647"})

    assert response.status_code == 200
    assert response.json()["data"] == []
    assert response.json()["meta"]["pagination"]["current_page"] == 2147483647


@pytest.mark.parametrize("path", [PRODUCTS, BRANDS])
def test_huge_page_number_returns_422(client: httpx.Client, path: str) -> None:
    response = client.get(path, params={"page": "99999999999999999999"})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The filter(s) given are invalid.", "type": TYPE, "errors": {"page": "must be at most 2147483647"},
    }  # fmt: skip


def test_unknown_query_parameters_are_ignored(client: httpx.Client) -> None:
    response = client.get(PRODUCTS, params={"colour": "red", "id": 77})

    assert response.status_code == 200
    assert [p["id"] for p in response.json()["data"]] == [77]


def test_bad_delete_filter_value_returns_422_and_deletes_nothing(
    client: httpx.Client, store: Store, before: tuple[list[Any], ...]
) -> None:
    response = client.delete(PRODUCTS, params={"id:in": "77,seventy"})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The filter(s) given are invalid.", "type": TYPE, "errors": {"id:in": "'seventy' is not an integer"},
    }  # fmt: skip
    assert snapshot(store) == before


@pytest.mark.parametrize("raw_id", ["9" * 5000, "\u00b2", "\u0663", "9223372036854775808"])
def test_odd_digit_ids_in_path_return_404(client: httpx.Client, raw_id: str) -> None:
    response = client.get(f"{PRODUCTS}/{raw_id}")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}


@pytest.mark.parametrize("raw", ["99999999999999999999", "-99999999999999999999"])
def test_unix_seconds_past_the_calendar_return_422(client: httpx.Client, raw: str) -> None:
    response = client.get(PRODUCTS, params={"date_modified:min": raw})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The filter(s) given are invalid.", "type": TYPE,
        "errors": {"date_modified:min": f"'{raw}' is not a date"},
    }  # fmt: skip


def test_integer_query_value_of_5000_digits_returns_422(client: httpx.Client) -> None:
    response = client.get(PRODUCTS, params={"id": "9" * 5000})

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"id"}


@pytest.mark.parametrize("query", ["name=%ED%A0%80", "keyword=%FF", "name=%00"])
def test_undecodable_query_values_match_nothing(client: httpx.Client, query: str) -> None:
    response = client.get(f"{PRODUCTS}?{query}")

    assert response.status_code == 200
    assert response.json()["data"] == []
