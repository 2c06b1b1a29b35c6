"""Global ids (base64 ``Type:entityId``) and cursors (base64 ``arrayconnection:N``): the encodings
BigCommerce's storefront shows, strict decoding, and paging through a connection."""

from __future__ import annotations

import base64

import httpx
import pytest
from graphql import GraphQLError
from storefront_kit import gql

from mockbc import Store
from mockbc.presentation.storefront_graphql.connections import connection
from mockbc.presentation.storefront_graphql.ids import decode_cursor, decode_id, encode_cursor, encode_id


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def test_the_encodings_bigcommerce_shows() -> None:
    assert encode_id("Product", 111) == "UHJvZHVjdDoxMTE="
    assert encode_id("Variant", 127) == "VmFyaWFudDoxMjc="
    assert encode_cursor(0) == "YXJyYXljb25uZWN0aW9uOjA="
    assert decode_id("UHJvZHVjdDoxMTE=") == ("Product", 111)
    assert decode_id("UHJvZHVjdDoxMTE=", ("Product", "Variant")) == ("Product", 111)
    assert decode_cursor("YXJyYXljb25uZWN0aW9uOjA=") == 0
    assert decode_cursor(encode_cursor(4321)) == 4321


@pytest.mark.parametrize(
    "value",
    [
        "", "not base64!", "UHJvZHVjdDoxMTE", "UHJvZHVjdDoxMTE=\n", " UHJvZHVjdDoxMTE=", "UHJvZHVjdDoxMTF=",
        b64("Product"), b64("Product:"), b64("Product:0"), b64("Product:007"), b64("Product:-1"), b64("Product:1.5"),
        b64(":5"), b64("Pro duct:5"), b64("Product:5:6"), b64("Product:" + "9" * 19),
        base64.b64encode(b"\xff\xfe:1").decode(),
    ],
)  # fmt: skip
def test_bad_ids(value: str) -> None:
    with pytest.raises(GraphQLError) as raised:
        decode_id(value)
    assert raised.value.message == f"Invalid id: {value!r}"
    assert raised.value.extensions == {"code": "BAD_USER_INPUT"}


def test_an_id_of_another_type() -> None:
    with pytest.raises(GraphQLError, match="Invalid id"):
        decode_id(encode_id("Brand", 3), ("Product",))


@pytest.mark.parametrize(
    "value", ["", "abc", b64("arrayconnection:"), b64("arrayconnection:-1"), b64("arrayconnection:01"), b64("arrayconnection:x"), b64("cursor:1")]
)  # fmt: skip
def test_bad_cursors(value: str) -> None:
    with pytest.raises(GraphQLError) as raised:
        decode_cursor(value)
    assert (raised.value.message, raised.value.extensions) == (f"Invalid cursor: {value!r}", {"code": "BAD_USER_INPUT"})


ITEMS = list(range(25))


def page(**arguments: object) -> tuple[list[int], dict[str, object]]:
    out = connection(ITEMS, lambda n: n, total=True, **arguments)  # type: ignore[arg-type]
    assert out["collectionInfo"] == {"totalItems": 25}
    return [e["node"] for e in out["edges"]], out["pageInfo"]


def test_paging_forward_and_back() -> None:
    nodes, info = page()
    assert nodes == list(range(10))
    assert info == {
        "hasNextPage": True,
        "hasPreviousPage": False,
        "startCursor": encode_cursor(0),
        "endCursor": encode_cursor(9),
    }
    nodes, info = page(first=10, after=encode_cursor(19))
    assert nodes == [20, 21, 22, 23, 24]
    assert info["hasNextPage"] is False and info["hasPreviousPage"] is True
    assert page(last=3)[0] == [22, 23, 24]
    assert page(last=3, before=encode_cursor(5))[0] == [2, 3, 4]
    assert page(first=2, after=encode_cursor(3), before=encode_cursor(9))[0] == [4, 5]
    assert page(first=0) == (
        [],
        {"hasNextPage": True, "hasPreviousPage": False, "startCursor": None, "endCursor": None},
    )
    assert page(after=encode_cursor(99))[0] == []


def test_negative_page_sizes() -> None:
    with pytest.raises(GraphQLError) as raised:
        page(first=-1)
    assert (raised.value.message, raised.value.extensions) == (
        "Argument 'first' must not be negative",
        {"code": "BAD_USER_INPUT"},
    )


def test_a_bad_cursor_through_http(sf: httpx.Client) -> None:
    response = gql(sf, '{ site { currencies(after: "bm9wZQ==") { edges { cursor } } } }')
    assert response.json() == {"data": None, "errors": [{
        "message": "Invalid cursor: 'bm9wZQ=='", "locations": [{"line": 1, "column": 10}],
        "path": ["site", "currencies"], "extensions": {"code": "BAD_USER_INPUT"},
    }]}  # fmt: skip


def test_node_finds_products_and_brands(sf: httpx.Client, store: Store) -> None:
    product = store.products.require(78)
    query = "query($id: ID!) { node(id: $id) { __typename id ... on Product { entityId name } ... on Brand { entityId name } } }"
    response = gql(sf, query, {"id": encode_id("Product", 78)})
    assert response.json() == {"data": {"node": {
        "__typename": "Product", "id": encode_id("Product", 78), "entityId": 78, "name": product.name,
    }}}  # fmt: skip
    brand = store.brands.require(product.brand_id)
    response = gql(sf, query, {"id": encode_id("Brand", brand.id)})
    assert response.json() == {"data": {"node": {
        "__typename": "Brand", "id": encode_id("Brand", brand.id), "entityId": brand.id, "name": brand.name,
    }}}  # fmt: skip
    assert gql(sf, query, {"id": encode_id("Product", 999999)}).json() == {"data": {"node": None}}


@pytest.mark.parametrize("value", ["nope", encode_id("Nothing", 1), b64("Product:0")])
def test_node_with_a_bad_id(sf: httpx.Client, value: str) -> None:
    response = gql(sf, "query($id: ID!) { node(id: $id) { id } }", {"id": value})
    assert response.json() == {"data": {"node": None}, "errors": [{
        "message": f"Invalid id: {value!r}", "locations": [{"line": 1, "column": 19}],
        "path": ["node"], "extensions": {"code": "BAD_USER_INPUT"},
    }]}  # fmt: skip
