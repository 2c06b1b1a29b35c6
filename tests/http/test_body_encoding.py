"""Request bodies are UTF-8 JSON, checked on the parsed value: other encodings, byte-order
marks, raw surrogates, huge integers and deep nesting are refused with BigCommerce's 4xx, and
a refused write leaves nothing behind (the lists that would show it keep answering)."""

from __future__ import annotations

from typing import Any

import httpx
import orjson
import pytest

from mockbc import DEFAULT_STORE_HASH, Store

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
PRODUCTS = f"{V3}/catalog/products"
TREE_CATEGORIES = f"{V3}/catalog/trees/categories"
TYPE = "/api-docs/getting-started/api-status-codes"
SYNTAX = {"status": 400, "title": "Input is invalid", "type": TYPE, "detail": "Syntax error"}
JSON = {"Content-Type": "application/json"}
INT64 = "must be between -9223372036854775808 and 9223372036854775807"


def snapshot(store: Store) -> tuple[list[Any], ...]:
    return (list(store.products.values()), list(store.variants.values()), list(store.categories.values()))


def send(client: httpx.Client, method: str, path: str, raw: bytes) -> httpx.Response:
    return client.request(method, path, content=raw, headers=JSON)


# Raw (not escaped) UTF-8 of a lone surrogate: \xed\xa0\x80 is U+D800, which UTF-8 forbids.
RAW_SURROGATE = b'{"name":"Speaker \xed\xa0\x80"}'


@pytest.mark.parametrize(
    ("method", "path", "raw"),
    [
        ("PUT", f"{PRODUCTS}/77", RAW_SURROGATE),
        ("POST", PRODUCTS, b'{"name":"Speaker \xed\xa0\x80","type":"physical","weight":1,"price":1}'),
        ("POST", TREE_CATEGORIES, b'[{"name":"Shelf \xed\xa0\x80","tree_id":1}]'),
        ("PUT", TREE_CATEGORIES, b'[{"category_id":25,"name":"Shelf \xed\xb0\x80"}]'),
    ],
    ids=["update-product", "create-product", "create-tree-categories", "update-tree-categories"],
)
def test_raw_surrogate_bytes_are_refused_and_nothing_is_written(
    client: httpx.Client, store: Store, method: str, path: str, raw: bytes
) -> None:
    before = snapshot(store)

    response = send(client, method, path, raw)

    assert response.status_code == 400
    expected = {"errors": [{"status": 400, "title": "Input is invalid", "type": TYPE}]} if "trees" in path else SYNTAX
    assert response.json() == expected
    assert snapshot(store) == before
    assert client.get(PRODUCTS, params={"limit": 250}).status_code == 200
    assert client.get(TREE_CATEGORIES).status_code == 200


def _encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding)


BODY = '{"name": "UTF-16 Mug", "type": "physical", "weight": 1, "price": 2, "inventory_level": 99999999999999999999999}'


@pytest.mark.parametrize(
    "raw",
    [
        _encoded(BODY, "utf-16-le"),
        _encoded(BODY, "utf-16-be"),
        _encoded(BODY, "utf-16"),  # with a byte-order mark
        _encoded(BODY, "utf-32-le"),
        _encoded(BODY, "utf-32"),
        b"\xef\xbb\xbf" + BODY.encode(),  # UTF-8 with a byte-order mark
        BODY.encode("latin-1").replace(b"Mug", b"M\xfcg"),  # Latin-1, not UTF-8
    ],
    ids=["utf-16-le", "utf-16-be", "utf-16-bom", "utf-32-le", "utf-32-bom", "utf-8-bom", "latin-1"],
)
def test_bodies_that_are_not_plain_utf8_are_refused_with_400(client: httpx.Client, store: Store, raw: bytes) -> None:
    before = snapshot(store)

    response = send(client, "POST", PRODUCTS, raw)

    assert response.status_code == 400
    assert response.json() == SYNTAX
    assert snapshot(store) == before
    assert client.get(PRODUCTS, params={"limit": 250}).status_code == 200


@pytest.mark.parametrize(
    "number",
    ["18446744073709551616", "99999999999999999999999", "-9223372036854775809", "9223372036854775808"],
)
def test_integers_outside_64_bits_are_refused_by_field(client: httpx.Client, store: Store, number: str) -> None:
    before = snapshot(store)
    raw = f'{{"name": "Big", "type": "physical", "weight": 1, "price": 2, "inventory_level": {number}}}'.encode()

    response = send(client, "POST", PRODUCTS, raw)

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "JSON data is missing or invalid", "type": TYPE, "errors": {"inventory_level": INT64},
    }  # fmt: skip
    assert snapshot(store) == before


def test_a_huge_integer_deep_in_a_batch_is_named_by_its_path(client: httpx.Client, store: Store) -> None:
    raw = b'[{"id": 77, "price": 1}, {"id": 78, "inventory_level": 123456789012345678901234567890}]'

    response = send(client, "PUT", PRODUCTS, raw)

    assert response.status_code == 422
    assert response.json()["errors"] == {"1.inventory_level": INT64}


def test_a_large_float_is_a_number_not_an_integer(client: httpx.Client) -> None:
    # 1e20 is a float literal: it is not taken for an integer past 64 bits (weight's maximum applies).
    response = send(client, "POST", PRODUCTS, b'{"name": "Heavy", "type": "physical", "weight": 1e20, "price": 2}')

    assert response.status_code == 422
    assert response.json()["errors"] == {"weight": "must be at most 9999999999"}


@pytest.mark.parametrize("depth", [33, 200, 5000])
def test_bodies_nested_deeper_than_32_levels_are_refused_with_400(
    client: httpx.Client, store: Store, depth: int
) -> None:
    before = snapshot(store)
    nested = "[" * depth + "]" * depth
    raw = f'{{"name": "Deep", "type": "physical", "weight": 1, "price": 2, "date_created": {nested}}}'.encode()

    response = send(client, "POST", PRODUCTS, raw)

    assert response.status_code == 400
    detail = "The JSON is nested more than 32 levels deep" if depth < 1000 else "Syntax error"
    assert response.json() == {"status": 400, "title": "Input is invalid", "type": TYPE, "detail": detail}
    assert snapshot(store) == before


def test_a_read_only_field_must_still_have_its_type(client: httpx.Client, store: Store) -> None:
    # Read-only fields are accepted and ignored (a GET body can be PUT back), but only with their
    # documented type: an arbitrary nested value is refused, so nothing odd is ever kept.
    before = snapshot(store)
    body = {"name": "Odd", "type": "physical", "weight": 1, "price": 2, "date_created": {"a": [[[[{"b": 1}]]]]}}

    response = client.post(PRODUCTS, json=body)

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "JSON data is missing or invalid", "type": TYPE,
        "errors": {"date_created": "must be a string"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_a_read_only_field_of_the_right_type_is_ignored(client: httpx.Client) -> None:
    product = client.get(f"{PRODUCTS}/77").json()["data"]

    response = client.put(f"{PRODUCTS}/77", json={**product, "date_created": "1999-01-01T00:00:00+00:00", "id": 5})

    assert response.status_code == 200
    assert response.json()["data"]["date_created"] == product["date_created"]
    assert response.json()["data"]["id"] == 77


@pytest.mark.parametrize("literal", [b"NaN", b"Infinity", b"-Infinity", b"1e400"])
def test_non_finite_numbers_are_refused_by_field(client: httpx.Client, literal: bytes) -> None:
    response = send(
        client, "POST", PRODUCTS, b'{"name": "N", "type": "physical", "weight": 1, "price": ' + literal + b"}"
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"price": "must be a number"}


def test_escaped_lone_surrogate_is_refused_with_400(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = send(client, "PUT", f"{PRODUCTS}/77", b'{"name": "Speaker \\udc80"}')

    assert response.status_code == 400
    assert response.json() == SYNTAX
    assert snapshot(store) == before


def test_escaped_surrogate_pair_is_one_valid_character(client: httpx.Client) -> None:
    response = send(client, "PUT", f"{PRODUCTS}/77", b'{"name": "Speaker \\ud83d\\udd0a"}')

    assert response.status_code == 200
    assert response.json()["data"]["name"] == "Speaker \U0001f50a"


def test_refused_bodies_are_journaled_as_sent_and_the_journal_still_renders(client: httpx.Client) -> None:
    raw = orjson.dumps({"name": "Big", "type": "physical", "weight": 1, "price": 2})[:-1] + b', "sort_order": 2e999}'
    send(client, "POST", PRODUCTS, raw)
    send(
        client,
        "POST",
        PRODUCTS,
        b'{"name": "Big", "type": "physical", "weight": 1, "price": 2, "upc": 1' + b"0" * 30 + b"}",
    )
    send(client, "PUT", f"{PRODUCTS}/77", RAW_SURROGATE)

    response = client.get("/_mockbc/requests")

    assert response.status_code == 200
    entries = response.json()["data"]
    assert [e["status"] for e in entries] == [422, 422, 400]
    assert entries[2]["body"] is None and entries[2]["body_excerpt"].startswith('{"name":"Speaker ')
