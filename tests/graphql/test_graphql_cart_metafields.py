"""Cart metafields, currency and locale through the GraphQL Storefront API: the storefront writes its
metafields in its own namespace, reads only the storefront-readable ones, and REST sees the same
records; every refusal is the whole typed body (or the whole top-level error) and writes nothing."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest
from storefront_kit import snapshot
from test_graphql_cart import CREATE, operation, product
from test_graphql_cart_refusals import refusal
from test_graphql_cart_shoppers import customer, signed_in

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.metafields import CART, MAX_PER_RESOURCE
from mockbc.services import metafields

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
UNKNOWN = "0b7f3c52-8d2e-4c1a-9d35-5e1f2a3b4c5d"
NAMESPACE = "bc_storefront"

FIELDS = "metafield { id entityId key value description } errors { __typename ... on Error { message } "
FIELDS += "... on ValidationError { path } }"
LIMITED = FIELDS[:-2] + " ... on LimitExceededError { limit } }"
CREATE_METAFIELD = f"""
mutation Create($input: CreateCartMetafieldInput!) {{ cart {{ createCartMetafield(input: $input) {{ {LIMITED} }} }} }}"""
UPDATE_METAFIELD = f"""
mutation Update($input: UpdateCartMetafieldInput!) {{ cart {{ updateCartMetafield(input: $input) {{ {FIELDS} }} }} }}"""
DELETE_METAFIELD = """
mutation Delete($input: DeleteCartMetafieldInput!) {
  cart { deleteCartMetafield(input: $input) { deletedMetafieldEntityId errors { __typename ... on Error { message } } } }
}"""
READ = """
query Read($id: String!, $namespace: String!, $keys: [String!], $first: Int, $after: String) {
  site { cart(entityId: $id) { metafields(namespace: $namespace, keys: $keys, first: $first, after: $after) {
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id entityId key value description } }
  } } }
}"""
CURRENCY = """
mutation Currency($input: UpdateCartCurrencyInput!) {
  cart { updateCartCurrency(input: $input) { cart { entityId currencyCode version } } }
}"""
LOCALE = """
mutation Locale($input: UpdateCartLocaleInput!) {
  cart { updateCartLocale(input: $input) { cart { entityId locale version } errors { __typename ... on Error { message } } } }
}"""


def metafield_id(entity_id: int) -> str:
    return base64.b64encode(f"Metafields:{entity_id}".encode()).decode()


def cursor(offset: int) -> str:
    return base64.b64encode(f"arrayconnection:{offset}".encode()).decode()


def node(entity_id: int, key: str, value: str, description: str = "") -> dict[str, Any]:
    return {
        "id": metafield_id(entity_id),
        "entityId": entity_id,
        "key": key,
        "value": value,
        "description": description,
    }


@pytest.fixture
def cart(sf: httpx.Client, client: httpx.Client) -> str:
    line = {"productEntityId": product(client, sku="META")["id"], "quantity": 1}
    made = operation(sf, CREATE, {"input": {"lineItems": [line]}})
    entity_id: str = made["data"]["cart"]["createCart"]["cart"]["entityId"]
    return entity_id


def rest_metafield(client: httpx.Client, cart: str, **fields: Any) -> int:
    body = {"namespace": "app", "value": "v", **fields}
    response = client.post(f"{V3}/carts/{cart}/metafields", json=body)
    assert response.status_code == 200, response.text
    made = int(response.json()["data"]["id"])  # the REST cart metafield id is a string
    return made


def create(sf: httpx.Client, cart: str, key: str, value: str, **headers: str) -> dict[str, Any]:
    given = {"cartEntityId": cart, "data": {"key": key, "value": value}}
    body = operation(sf, CREATE_METAFIELD, {"input": given}, **headers)
    result: dict[str, Any] = body["data"]["cart"]["createCartMetafield"]
    return result


def failed(*errors: dict[str, Any]) -> dict[str, Any]:
    return {"metafield": None, "errors": list(errors)}


def test_the_storefront_writes_reads_and_deletes_a_cart_metafield(
    sf: httpx.Client, client: httpx.Client, cart: str
) -> None:
    made = create(sf, cart, "gift-note", "Happy birthday")
    entity_id = made["metafield"]["entityId"]
    assert made == {"metafield": node(entity_id, "gift-note", "Happy birthday"), "errors": []}
    rest = client.get(f"{V3}/carts/{cart}/metafields/{entity_id}").json()["data"]
    assert {k: rest[k] for k in ("namespace", "key", "value", "permission_set", "resource_type", "resource_id")} == {
        "namespace": NAMESPACE, "key": "gift-note", "value": "Happy birthday",
        "permission_set": "write_and_sf_access", "resource_type": "cart", "resource_id": cart,
    }  # fmt: skip

    read = operation(sf, READ, {"id": cart, "namespace": NAMESPACE})
    assert read == {"data": {"site": {"cart": {"metafields": {
        "pageInfo": {"hasNextPage": False, "hasPreviousPage": False, "startCursor": cursor(0), "endCursor": cursor(0)},
        "edges": [{"cursor": cursor(0), "node": node(entity_id, "gift-note", "Happy birthday")}],
    }}}}}  # fmt: skip

    changed = operation(sf, UPDATE_METAFIELD, {"input": {
        "cartEntityId": cart, "metafieldEntityId": entity_id, "data": {"key": "note", "value": "Congratulations"}}})  # fmt: skip
    assert changed == {"data": {"cart": {"updateCartMetafield": {
        "metafield": node(entity_id, "note", "Congratulations"), "errors": []}}}}  # fmt: skip
    assert client.get(f"{V3}/carts/{cart}/metafields/{entity_id}").json()["data"]["value"] == "Congratulations"

    only_value = operation(sf, UPDATE_METAFIELD, {"input": {
        "cartEntityId": cart, "metafieldEntityId": entity_id, "data": {"value": "Cheers"}}})  # fmt: skip
    assert only_value["data"]["cart"]["updateCartMetafield"]["metafield"] == node(entity_id, "note", "Cheers")

    gone = operation(sf, DELETE_METAFIELD, {"input": {"cartEntityId": cart, "metafieldEntityId": entity_id}})
    assert gone == {"data": {"cart": {"deleteCartMetafield": {"deletedMetafieldEntityId": entity_id, "errors": []}}}}
    assert client.get(f"{V3}/carts/{cart}/metafields/{entity_id}").status_code == 404
    empty = operation(sf, READ, {"id": cart, "namespace": NAMESPACE})["data"]["site"]["cart"]["metafields"]
    assert empty == {"pageInfo": {"hasNextPage": False, "hasPreviousPage": False, "startCursor": None,
                                  "endCursor": None}, "edges": []}  # fmt: skip


def test_only_storefront_readable_metafields_are_read(sf: httpx.Client, client: httpx.Client, cart: str) -> None:
    ids = {
        name: rest_metafield(client, cart, key=name, permission_set=name, description=f"about {name}")
        for name in ("app_only", "read", "write", "read_and_sf_access", "write_and_sf_access")
    }
    rest_metafield(client, cart, key="elsewhere", namespace="other", permission_set="read_and_sf_access")
    read = operation(sf, READ, {"id": cart, "namespace": "app"})["data"]["site"]["cart"]["metafields"]
    assert [e["node"] for e in read["edges"]] == [
        node(ids["read_and_sf_access"], "read_and_sf_access", "v", "about read_and_sf_access"),
        node(ids["write_and_sf_access"], "write_and_sf_access", "v", "about write_and_sf_access"),
    ]
    keyed = operation(sf, READ, {"id": cart, "namespace": "app", "keys": ["write_and_sf_access", "app_only"]})
    edges = keyed["data"]["site"]["cart"]["metafields"]["edges"]
    assert [e["node"]["entityId"] for e in edges] == [ids["write_and_sf_access"]]
    first = operation(sf, READ, {"id": cart, "namespace": "app", "first": 1})["data"]["site"]["cart"]["metafields"]
    assert (first["pageInfo"]["hasNextPage"], [e["node"]["entityId"] for e in first["edges"]]) == (
        True, [ids["read_and_sf_access"]],
    )  # fmt: skip
    after = operation(sf, READ, {"id": cart, "namespace": "app", "first": 1, "after": first["pageInfo"]["endCursor"]})
    edges = after["data"]["site"]["cart"]["metafields"]["edges"]
    assert [e["node"]["entityId"] for e in edges] == [ids["write_and_sf_access"]]


def test_metafield_refusals_write_nothing(sf: httpx.Client, client: httpx.Client, store: Store, cart: str) -> None:
    own = create(sf, cart, "taken", "x")["metafield"]["entityId"]
    locked = rest_metafield(client, cart, key="locked", permission_set="read_and_sf_access")
    hidden = rest_metafield(client, cart, key="hidden", permission_set="write")
    shared = rest_metafield(client, cart, key="shared", permission_set="write_and_sf_access")
    before = snapshot(store)

    no_cart = {"__typename": "NotFoundError", "message": f"No cart '{UNKNOWN}' on this storefront."}
    assert create(sf, UNKNOWN, "k", "v") == failed(no_cart)
    assert create(sf, cart, "taken", "y") == failed(
        {"__typename": "AlreadyExistsError", "message": "The cart already has a metafield with the key 'taken'."}
    )
    assert create(sf, cart, "k" * 65, "") == failed(
        {"__typename": "ValidationError", "path": ["data", "key"], "message": "key must have from 1 to 64 characters."},
        {"__typename": "ValidationError", "path": ["data", "value"],
         "message": "value must have from 1 to 65535 characters."},
    )  # fmt: skip

    def update(metafield: int, data: dict[str, Any], on: str = cart) -> dict[str, Any]:
        given = {"cartEntityId": on, "metafieldEntityId": metafield, "data": data}
        result: dict[str, Any] = operation(sf, UPDATE_METAFIELD, {"input": given})["data"]["cart"]
        updated: dict[str, Any] = result["updateCartMetafield"]
        return updated

    def not_authorised(metafield: int) -> dict[str, Any]:
        return {"__typename": "NotAuthorisedError", "message": f"The storefront may read metafield {metafield} but not change it."}  # fmt: skip

    def no_metafield(metafield: int) -> dict[str, Any]:
        return {"__typename": "NotFoundError", "message": f"The cart has no metafield {metafield}."}

    assert update(own, {"value": "y"}, UNKNOWN) == failed(no_cart)
    assert update(locked, {"value": "y"}) == failed(not_authorised(locked))
    assert update(hidden, {"value": "y"}) == failed(no_metafield(hidden))
    assert update(999999, {"value": "y"}) == failed(no_metafield(999999))
    assert update(own, {"value": ""}) == failed(
        {"__typename": "ValidationError", "path": ["data", "value"],
         "message": "value must have from 1 to 65535 characters."},
    )  # fmt: skip
    # Another account's key is its own to rename; its write_and_sf_access value is open to the storefront.
    assert update(shared, {"key": "renamed"}) == failed(not_authorised(shared))
    own_second = create(sf, cart, "second", "x")["metafield"]["entityId"]
    before = snapshot(store)
    assert update(own_second, {"key": "taken"}) == failed(
        {"__typename": "AlreadyExistsError", "message": "The cart already has a metafield with the key 'taken'."}
    )

    def delete(metafield: int, on: str = cart) -> dict[str, Any]:
        given = {"cartEntityId": on, "metafieldEntityId": metafield}
        result: dict[str, Any] = operation(sf, DELETE_METAFIELD, {"input": given})["data"]["cart"]
        deleted: dict[str, Any] = result["deleteCartMetafield"]
        return deleted

    assert delete(own, UNKNOWN) == {"deletedMetafieldEntityId": None, "errors": [no_cart]}
    assert delete(locked) == {"deletedMetafieldEntityId": None, "errors": [not_authorised(locked)]}
    assert delete(hidden) == {"deletedMetafieldEntityId": None, "errors": [no_metafield(hidden)]}
    assert snapshot(store) == before

    assert update(shared, {"value": "from the storefront"})["metafield"] == node(
        shared, "shared", "from the storefront"
    )
    assert delete(shared) == {"deletedMetafieldEntityId": shared, "errors": []}


def test_a_cart_holds_at_most_250_storefront_metafields(sf: httpx.Client, store: Store, cart: str) -> None:
    for n in range(MAX_PER_RESOURCE):
        fields = {"namespace": NAMESPACE, "key": f"k{n}", "value": "v", "permission_set": "write_and_sf_access"}
        metafields.create(store, CART, cart, fields, "storefront")
    before = snapshot(store)
    assert create(sf, cart, "one-more", "v") == failed({
        "__typename": "LimitExceededError", "limit": 250,
        "message": "A cart can have at most 250 metafields from the storefront.",
    })  # fmt: skip
    assert snapshot(store) == before


def test_a_customers_cart_metafields_are_theirs(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    ada = signed_in(store, customer(store, "ada@example.com"))
    line = {"productEntityId": product(client, sku="MINE")["id"], "quantity": 1}
    cart = operation(sf, CREATE, {"input": {"lineItems": [line]}}, **ada)["data"]["cart"]["createCart"]["cart"]
    entity_id = cart["entityId"]
    made = create(sf, entity_id, "mine", "v", **ada)
    assert made["errors"] == []
    before = snapshot(store)
    assert create(sf, entity_id, "theirs", "v") == failed(
        {"__typename": "NotFoundError", "message": f"No cart '{entity_id}' on this storefront."}
    )
    assert operation(sf, READ, {"id": entity_id, "namespace": NAMESPACE}) == {"data": {"site": {"cart": None}}}
    assert snapshot(store) == before


def test_cart_currency_is_the_storefronts(sf: httpx.Client, client: httpx.Client, store: Store, cart: str) -> None:
    same = operation(sf, CURRENCY, {"input": {"cartEntityId": cart, "data": {"currencyCode": "usd"}}})
    assert same == {"data": {"cart": {"updateCartCurrency": {"cart": {
        "entityId": cart, "currencyCode": "USD", "version": 1}}}}}  # fmt: skip
    before = snapshot(store)
    refused = operation(sf, CURRENCY, {"input": {"cartEntityId": cart, "data": {"currencyCode": "EUR"}}})
    assert refused == refusal(
        CURRENCY,
        "updateCartCurrency",
        "The storefront does not sell in 'EUR'; its currency is USD.",
        "INVALID_CURRENCY",
    )
    unknown = operation(sf, CURRENCY, {"input": {"cartEntityId": UNKNOWN, "data": {"currencyCode": "USD"}}})
    assert unknown == refusal(
        CURRENCY, "updateCartCurrency", f"No cart '{UNKNOWN}' on this storefront.", "CART_NOT_FOUND"
    )
    assert snapshot(store) == before
    assert client.get(f"{V3}/carts/{cart}").json()["data"]["currency"]["code"] == "USD"

    # A cart REST made in another currency is brought to the storefront's.
    thing = product(client, sku="EURO")
    made = client.post(f"{V3}/carts", json={"currency": {"code": "EUR"},
                                            "line_items": [{"product_id": thing["id"], "quantity": 1}]})  # fmt: skip
    assert made.status_code == 201, made.text
    euro = made.json()["data"]["id"]
    moved = operation(sf, CURRENCY, {"input": {"cartEntityId": euro, "data": {"currencyCode": "USD"}}})
    assert moved == {"data": {"cart": {"updateCartCurrency": {"cart": {
        "entityId": euro, "currencyCode": "USD", "version": 2}}}}}  # fmt: skip
    assert client.get(f"{V3}/carts/{euro}").json()["data"]["currency"]["code"] == "USD"


def test_cart_locale(sf: httpx.Client, client: httpx.Client, store: Store, cart: str) -> None:
    changed = operation(sf, LOCALE, {"input": {"cartEntityId": cart, "data": {"locale": "fr-FR"}}})
    assert changed == {"data": {"cart": {"updateCartLocale": {
        "cart": {"entityId": cart, "locale": "fr-FR", "version": 2}, "errors": []}}}}  # fmt: skip
    assert client.get(f"{V3}/carts/{cart}").json()["data"]["locale"] == "fr-FR"
    before = snapshot(store)
    bad = operation(sf, LOCALE, {"input": {"cartEntityId": cart, "data": {"locale": "not a locale"}}})
    assert bad == {"data": {"cart": {"updateCartLocale": {"cart": None, "errors": [
        {"__typename": "LocaleInvalidError", "message": "'not a locale' is not a locale code (such as en-US)."}]}}}}  # fmt: skip
    long = "en-" + "-".join(["abcdefgh"] * 4)
    too_long = operation(sf, LOCALE, {"input": {"cartEntityId": cart, "data": {"locale": long}}})
    assert too_long["data"]["cart"]["updateCartLocale"] == {"cart": None, "errors": [
        {"__typename": "LocaleInvalidError", "message": f"{long!r} is not a locale code (such as en-US)."}]}  # fmt: skip
    unknown = operation(sf, LOCALE, {"input": {"cartEntityId": UNKNOWN, "data": {"locale": "en-GB"}}})
    assert unknown == {"data": {"cart": {"updateCartLocale": {"cart": None, "errors": [
        {"__typename": "NotFoundError", "message": f"No cart '{UNKNOWN}' on this storefront."}]}}}}  # fmt: skip
    assert snapshot(store) == before
    same = operation(sf, LOCALE, {"input": {"cartEntityId": cart, "data": {"locale": "fr-FR"}}})
    assert same["data"]["cart"]["updateCartLocale"]["cart"]["version"] == 2  # unchanged: nothing written
