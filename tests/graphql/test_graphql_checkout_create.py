"""``createCheckout`` through the GraphQL Storefront API: a checkout straight from line items (a new
cart, as ``createCart`` makes one), read the same through REST and ``site.checkout``; its refusals are
its typed errors, whole, and make no cart."""

from __future__ import annotations

from typing import Any

import httpx
from storefront_kit import snapshot
from test_graphql_cart import operation, product, usd
from test_graphql_checkout import ADD_BILLING, ADDRESS, FRAGMENTS, READ, address, checkout_id_of, result, signed_in
from test_graphql_checkout import customer as new_customer

from mockbc import DEFAULT_STORE_HASH, Store

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
CREATE_CHECKOUT = (
    """
mutation CreateCheckout($input: CreateCheckoutInput!) {
  checkout {
    createCheckout(input: $input) {
      checkout { ...CheckoutFields cart { locale lineItems { giftCertificates { name amount { value } } } } }
      errors { __typename ... on CartError { code message } ... on CartLineItemError { code message } }
    }
  }
}"""
    + FRAGMENTS
)
GIFT = {"name": "Gift", "theme": "GENERAL", "amount": 25, "quantity": 1,
        "sender": {"name": "A", "email": "a@example.com"}, "recipient": {"name": "B", "email": "b@example.com"}}  # fmt: skip


def create(sf: httpx.Client, given: dict[str, Any], **headers: str) -> dict[str, Any]:
    body = operation(sf, CREATE_CHECKOUT, {"input": given}, **headers)
    assert "errors" not in body, body
    created: dict[str, Any] = body["data"]["checkout"]["createCheckout"]
    return created


def test_a_checkout_from_line_items(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    mug = product(client, sku="MUG", price=30)
    made = create(sf, {"lineItems": [{"productEntityId": mug["id"], "quantity": 2}], "giftCertificates": [GIFT],
                       "currencyCode": "usd", "locale": "fr-FR"})  # fmt: skip
    assert made["errors"] == []
    checkout = made["checkout"]
    entity_id = checkout["entityId"]
    (line,) = checkout["cart"]["lineItems"]["physicalItems"]
    assert checkout == {
        "id": checkout_id_of(entity_id), "entityId": entity_id, "currencyCode": "USD", "version": 1,
        "customerMessage": None, "billingAddress": None, "shippingConsignments": [], "coupons": [],
        "cart": {
            "entityId": entity_id, "amount": usd(85), "locale": "fr-FR",
            "lineItems": {"physicalItems": [{"entityId": line["entityId"], "productEntityId": mug["id"],
                                             "quantity": 2}],
                          "giftCertificates": [{"name": "Gift", "amount": {"value": 25}}]},
        },
        "subtotal": usd(85), "grandTotal": usd(85), "taxTotal": usd(0), "shippingCostTotal": usd(0),
        "handlingCostTotal": usd(0), "totalDiscount": usd(0), "taxes": [], "order": None,
    }  # fmt: skip

    rest = client.get(f"{V3}/checkouts/{entity_id}").json()["data"]
    assert (rest["id"], rest["cart"]["id"], rest["grand_total"], rest["cart"]["customer_id"]) == (
        entity_id, entity_id, 85, 0,
    )  # fmt: skip
    read = operation(sf, READ, {"entityId": entity_id})["data"]["site"]["checkout"]
    assert read == {k: v for k, v in checkout.items() if k != "cart"} | {"cart": read["cart"]}
    assert read["cart"]["lineItems"] == {"physicalItems": checkout["cart"]["lineItems"]["physicalItems"]}

    # The other checkout mutations go on from here.
    billed = result(operation(sf, ADD_BILLING, {"input": {"checkoutEntityId": entity_id, "data": {
        "address": ADDRESS}}}), "addCheckoutBillingAddress")  # fmt: skip
    assert billed["billingAddress"] == {"entityId": billed["billingAddress"]["entityId"], **address()}


def test_a_signed_in_shoppers_checkout_is_theirs(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    ada = new_customer(store, "ada@example.com")
    cap = product(client, sku="CAP", price=20)
    made = create(sf, {"lineItems": [{"productEntityId": cap["id"], "quantity": 1}]}, **signed_in(store, ada))
    entity_id = made["checkout"]["entityId"]
    assert client.get(f"{V3}/carts/{entity_id}").json()["data"]["customer_id"] == ada
    assert operation(sf, READ, {"entityId": entity_id}) == {"data": {"site": {"checkout": None}}}
    mine = operation(sf, READ, {"entityId": entity_id}, **signed_in(store, ada))["data"]["site"]["checkout"]
    assert mine["entityId"] == entity_id


def test_create_checkout_refusals_make_no_cart(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    stocked = product(client, sku="STOCKED", inventory_tracking="product", inventory_level=3)
    plain = product(client, sku="PLAIN")
    cases: list[tuple[dict[str, Any], str, str, str]] = [
        ({}, "CartError", "EMPTY_CART_CREATION",
         "A cart needs at least one line item, custom item or gift certificate."),
        ({"lineItems": [{"productEntityId": plain["id"], "quantity": 1}], "currencyCode": "EUR"}, "CartError",
         "INVALID_CURRENCY", "The storefront does not sell in 'EUR'; its currency is USD."),
        ({"lineItems": [{"productEntityId": stocked["id"], "quantity": 4}]}, "CartLineItemError",
         "INSUFFICIENT_STOCK", f"There is not enough stock of '{stocked['name']}': 3 in stock, 4 ordered."),
        ({"lineItems": [{"productEntityId": 999999, "quantity": 1}]}, "CartLineItemError", "INVALID_PRODUCT",
         "Product 999999 does not exist."),
        ({"lineItems": [{"sku": "NO-SUCH-SKU", "quantity": 1}]}, "CartLineItemError", "SKU_NOT_FOUND",
         "No product or variant has the SKU 'NO-SUCH-SKU'."),
        ({"lineItems": [{"productEntityId": plain["id"], "quantity": 0}]}, "CartLineItemError",
         "INVALID_ITEM_QUANTITY", "lineItems.0.quantity must be at least 1"),
        ({"giftCertificates": [{**GIFT, "amount": 0}]}, "CartLineItemError", "INVALID_GIFT_CERTIFICATE_AMOUNT",
         "giftCertificates.0.amount must be from 1 to 1000."),
        ({"giftCertificates": [{**GIFT, "message": "x" * 201}]}, "CartLineItemError", "CART_CONSISTENCY_ERROR",
         "giftCertificates.0.message must have at most 200 characters."),
    ]  # fmt: skip
    before = snapshot(store)
    for given, type_name, code, message in cases:
        body = operation(sf, CREATE_CHECKOUT, {"input": given})
        assert body == {"data": {"checkout": {"createCheckout": {
            "checkout": None, "errors": [{"__typename": type_name, "code": code, "message": message}]}}}}, given  # fmt: skip
    assert snapshot(store) == before and len(store.carts) == 0
