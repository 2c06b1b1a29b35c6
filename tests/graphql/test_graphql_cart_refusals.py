"""Every refusal of the GraphQL cart mutations, with its whole body: one top-level error naming the
cause (``extensions.code``, BigCommerce's ``CartErrorCode`` values), ``null`` for the mutation, and
nothing written."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from storefront_kit import mutation_refusal, snapshot
from test_graphql_cart import ADD, CREATE, DELETE_LINE, UPDATE, operation, product

from mockbc import DEFAULT_STORE_HASH, Store

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
UNKNOWN = "0b7f3c52-8d2e-4c1a-9d35-5e1f2a3b4c5d"


@pytest.fixture
def catalog(client: httpx.Client) -> dict[str, Any]:
    plain = product(client, sku="PLAIN")
    sized = product(client, sku="SIZED", variants=[
        {"sku": "SIZED-S", "option_values": [{"option_display_name": "Size", "label": "S"}]},
        {"sku": "SIZED-L", "purchasing_disabled": True,
         "option_values": [{"option_display_name": "Size", "label": "L"}]},
    ])  # fmt: skip
    engraved = product(client, sku="ENGRAVED")
    engraving = client.post(f"{V3}/catalog/products/{engraved['id']}/modifiers",
                            json={"type": "text", "display_name": "Engraving", "required": True}).json()["data"]  # fmt: skip
    variants = client.get(f"{V3}/catalog/products/{sized['id']}/variants").json()["data"]
    return {
        "plain": plain, "sized": sized, "engraved": engraved, "engraving": engraving,
        "stocked": product(client, sku="STOCKED", inventory_tracking="product", inventory_level=3),
        "disabled": product(client, sku="OFF", availability="disabled"),
        "large": next(v for v in variants if v["sku"] == "SIZED-L"),
    }  # fmt: skip


def refusal(document: str, mutation: str, message: str, code: str) -> dict[str, Any]:
    return mutation_refusal("cart", document, mutation, message, code)


def test_create_cart_refusals(sf: httpx.Client, store: Store, catalog: dict[str, Any]) -> None:
    plain, sized, engraved = catalog["plain"], catalog["sized"], catalog["engraved"]
    stocked, disabled, large = catalog["stocked"], catalog["disabled"], catalog["large"]
    gift = {"name": "G", "theme": "GENERAL", "amount": 0, "quantity": 1,
            "sender": {"name": "A", "email": "a@example.com"}, "recipient": {"name": "B", "email": "b@example.com"}}  # fmt: skip
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({}, "A cart needs at least one line item, custom item or gift certificate.", "EMPTY_CART_CREATION"),
        ({"lineItems": [{"productEntityId": stocked["id"], "quantity": 4}]},
         f"There is not enough stock of '{stocked['name']}': 3 in stock, 4 ordered.", "INSUFFICIENT_STOCK"),
        ({"lineItems": [{"productEntityId": disabled["id"], "quantity": 1}]},
         f"Product {disabled['id']} cannot be purchased.", "PRODUCT_NOT_PURCHASABLE"),
        ({"lineItems": [{"productEntityId": sized["id"], "variantEntityId": large["id"], "quantity": 1}]},
         f"Variant {large['id']} cannot be purchased.", "VARIANT_NOT_PURCHASABLE"),
        ({"lineItems": [{"productEntityId": sized["id"], "quantity": 1}]},
         f"Product {sized['id']} has options: give variantEntityId or selectedOptions.", "VARIANT_ID_REQUIRED"),
        ({"lineItems": [{"productEntityId": engraved["id"], "quantity": 1}]},
         f"Option {catalog['engraving']['id']} (Engraving) is required.", "MODIFIER_OPTIONS_REQUIRED"),
        ({"lineItems": [{"productEntityId": 999999, "quantity": 1}]}, "Product 999999 does not exist.",
         "INVALID_PRODUCT"),
        ({"lineItems": [{"productEntityId": plain["id"], "variantEntityId": 999999, "quantity": 1}]},
         f"Variant 999999 is not a variant of product {plain['id']}.", "INVALID_PRODUCT"),
        ({"lineItems": [{"sku": "NO-SUCH-SKU", "quantity": 1}]}, "No product or variant has the SKU 'NO-SUCH-SKU'.",
         "SKU_NOT_FOUND"),
        ({"lineItems": [{"quantity": 1}]}, "A line item needs productEntityId or sku.", "INVALID_PRODUCT"),
        ({"lineItems": [{"productEntityId": plain["id"], "quantity": 0}]}, "lineItems.0.quantity must be at least 1",
         "INVALID_ITEM_QUANTITY"),
        ({"lineItems": [{"productEntityId": plain["id"], "quantity": 1}], "currencyCode": "EUR"},
         "The storefront does not sell in 'EUR'; its currency is USD.", "INVALID_CURRENCY"),
        ({"giftCertificates": [gift]}, "giftCertificates.0.amount must be from 1 to 1000.",
         "INVALID_GIFT_CERTIFICATE_AMOUNT"),
        ({"giftCertificates": [{**gift, "amount": 10, "theme": "NONE"}]},
         "giftCertificates.0.theme must name a theme.", "INVALID_GIFT_CERTIFICATE_THEME"),
    ]  # fmt: skip
    before = snapshot(store)
    for given, message, code in cases:
        body = operation(sf, CREATE, {"input": given})
        assert body == refusal(CREATE, "createCart", message, code), given
    assert snapshot(store) == before and len(store.carts) == 0


def test_changes_to_a_cart_refused(
    sf: httpx.Client, client: httpx.Client, store: Store, catalog: dict[str, Any]
) -> None:
    stocked, plain = catalog["stocked"], catalog["plain"]
    made = operation(sf, CREATE, {"input": {"lineItems": [{"productEntityId": stocked["id"], "quantity": 2}]}})
    cart = made["data"]["cart"]["createCart"]["cart"]
    entity_id, line = cart["entityId"], cart["lineItems"]["physicalItems"][0]["entityId"]
    more = {"lineItems": [{"productEntityId": stocked["id"], "quantity": 2}]}
    cases: list[tuple[str, str, dict[str, Any], str, str]] = [
        (ADD, "addCartLineItems", {"cartEntityId": entity_id, "data": more},
         f"There is not enough stock of '{stocked['name']}': 3 in stock, 4 ordered.", "INSUFFICIENT_STOCK"),
        (ADD, "addCartLineItems", {"cartEntityId": UNKNOWN, "data": more}, f"No cart '{UNKNOWN}' on this storefront.",
         "CART_NOT_FOUND"),
        (ADD, "addCartLineItems", {"cartEntityId": entity_id, "data": {"lineItems": [
            {"productEntityId": plain["id"], "quantity": 1}]}, "version": 7},
         "Version 7 is not the cart's current version, 1.", "CART_CONFLICT"),
        (UPDATE, "updateCartLineItem", {"cartEntityId": entity_id, "lineItemEntityId": line,
                                        "data": {"lineItem": {"quantity": 5}}},
         f"There is not enough stock of '{stocked['name']}': 3 in stock, 5 ordered.", "INSUFFICIENT_STOCK"),
        (UPDATE, "updateCartLineItem", {"cartEntityId": entity_id, "lineItemEntityId": line,
                                        "data": {"lineItem": {"productEntityId": plain["id"], "quantity": 1}}},
         f"lineItem.productEntityId must be {stocked['id']}, the item's product; delete the item and add another to "
         "change it", "CART_ITEM_MODIFICATION_NOT_ALLOWED"),
        (UPDATE, "updateCartLineItem", {"cartEntityId": entity_id, "lineItemEntityId": UNKNOWN,
                                        "data": {"lineItem": {"quantity": 1}}},
         f"The cart has no line item '{UNKNOWN}'.", "ITEM_NOT_FOUND"),
        (UPDATE, "updateCartLineItem", {"cartEntityId": entity_id, "lineItemEntityId": line, "data": {}},
         "data needs lineItem or giftCertificate.", "BAD_USER_INPUT"),
        (DELETE_LINE, "deleteCartLineItem", {"cartEntityId": entity_id, "lineItemEntityId": UNKNOWN},
         f"The cart has no line item '{UNKNOWN}'.", "ITEM_NOT_FOUND"),
        (DELETE_LINE, "deleteCartLineItem", {"cartEntityId": UNKNOWN, "lineItemEntityId": line},
         f"No cart '{UNKNOWN}' on this storefront.", "CART_NOT_FOUND"),
    ]  # fmt: skip
    before = snapshot(store)
    for document, mutation, given, message, code in cases:
        body = operation(sf, document, {"input": given})
        assert body == refusal(document, mutation, message, code), given
    assert snapshot(store) == before
    rest = client.get(f"{V3}/carts/{entity_id}").json()["data"]
    assert (rest["version"], rest["line_items"]["physical_items"][0]["quantity"]) == (1, 2)
    assert client.get(f"{V3}/catalog/products/{stocked['id']}").json()["data"]["inventory_level"] == 3


def test_a_cart_of_another_channel_is_unknown(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    thing = product(client, sku="CH")
    channel = client.post(f"{V3}/channels", json={"name": "Second", "type": "storefront", "platform": "bigcommerce"})
    assert channel.status_code == 200, channel.text
    channel_id = channel.json()["data"]["id"]
    made = client.post(f"{V3}/carts", json={"channel_id": channel_id,
                                            "line_items": [{"product_id": thing["id"], "quantity": 1}]})  # fmt: skip
    assert made.status_code == 201, made.text
    entity_id = made.json()["data"]["id"]
    body = operation(sf, "query Cart($id: String) { site { cart(entityId: $id) { entityId } } }", {"id": entity_id})
    assert body == {"data": {"site": {"cart": None}}}
    body = operation(sf, ADD, {"input": {"cartEntityId": entity_id, "data": {"lineItems": [
        {"productEntityId": thing["id"], "quantity": 1}]}}})  # fmt: skip
    assert body == refusal(ADD, "addCartLineItems", f"No cart '{entity_id}' on this storefront.", "CART_NOT_FOUND")


def test_one_cart_mutation_per_request(sf: httpx.Client, store: Store, catalog: dict[str, Any]) -> None:
    document = """
mutation Twice($a: CreateCartInput!, $b: CreateCartInput!) {
  cart { first: createCart(input: $a) { cart { entityId } } second: createCart(input: $b) { cart { entityId } } }
}"""
    line = {"lineItems": [{"productEntityId": catalog["plain"]["id"], "quantity": 1}]}
    body = operation(sf, document, {"a": line, "b": line})
    assert body == {"errors": [{
        "message": "Only one mutation is allowed per request; this operation has 2.",
        "locations": [{"line": 2, "column": 1}], "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
    }]}  # fmt: skip
    assert len(store.carts) == 0
