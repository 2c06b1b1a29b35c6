"""Every refusal of the GraphQL checkout, with its whole body: a checkout mutation's is one top-level
error naming its cause (``extensions.code``, BigCommerce's ``CheckoutErrorCode`` or ``CartErrorCode``
values) with ``null`` for the mutation; ``completeCheckout``'s are its typed errors. Nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from storefront_kit import mutation_refusal, snapshot, where
from test_graphql_cart import operation, product
from test_graphql_checkout import (
    ADD_BILLING,
    ADD_CONSIGNMENTS,
    ADDRESS,
    APPLY,
    COMPLETE,
    DELETE_CONSIGNMENT,
    MESSAGE,
    READ,
    SELECT,
    UNAPPLY,
    UPDATE_BILLING,
    UPDATE_CONSIGNMENT,
    customer,
    new_cart,
    ready,
    signed_in,
)

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.http.inprocess import InProcessTransport

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
V2 = f"/stores/{DEFAULT_STORE_HASH}/v2"
UNKNOWN = "0b7f3c52-8d2e-4c1a-9d35-5e1f2a3b4c5d"


def refusal(document: str, mutation: str, message: str, code: str) -> dict[str, Any]:
    return mutation_refusal("checkout", document, mutation, message, code)


def not_completed(*errors: dict[str, Any]) -> dict[str, Any]:
    return {"data": {"checkout": {"completeCheckout": {
        "orderEntityId": None, "paymentAccessToken": None, "errors": list(errors)}}}}  # fmt: skip


def every_mutation(entity_id: str) -> list[tuple[str, str, dict[str, Any]]]:
    """Each checkout mutation (but completeCheckout) with an input that would succeed on a fresh checkout's id."""
    consignment = {"address": ADDRESS, "lineItems": [{"lineItemEntityId": "x", "quantity": 1}]}
    return [
        (ADD_BILLING, "addCheckoutBillingAddress", {"data": {"address": ADDRESS}}),
        (UPDATE_BILLING, "updateCheckoutBillingAddress", {"addressEntityId": "1", "data": {"address": ADDRESS}}),
        (ADD_CONSIGNMENTS, "addCheckoutShippingConsignments", {"data": {"consignments": [consignment]}}),
        (UPDATE_CONSIGNMENT, "updateCheckoutShippingConsignment",
         {"consignmentEntityId": "c", "data": {"consignment": consignment}}),
        (DELETE_CONSIGNMENT, "deleteCheckoutConsignment", {"consignmentEntityId": "c"}),
        (SELECT, "selectCheckoutShippingOption",
         {"consignmentEntityId": "c", "data": {"shippingOptionEntityId": "flat-rate"}}),
        (APPLY, "applyCheckoutCoupon", {"data": {"couponCode": "TEN"}}),
        (UNAPPLY, "unapplyCheckoutCoupon", {"data": {"couponCode": "TEN"}}),
        (MESSAGE, "updateCheckoutCustomerMessage", {"data": {"message": "Hi"}}),
    ]  # fmt: skip


@pytest.fixture
def mug(client: httpx.Client) -> dict[str, Any]:
    return product(client, sku="MUG", price=30, inventory_tracking="product", inventory_level=2)


def test_over_stock_at_completion_makes_no_order(
    sf: httpx.Client, client: httpx.Client, store: Store, mug: dict[str, Any]
) -> None:
    cart = new_cart(sf, (mug["id"], 2))
    ready(sf, cart["entityId"])
    client.put(f"{V3}/catalog/products/{mug['id']}", json={"inventory_level": 1}).raise_for_status()
    before = snapshot(store)
    body = operation(sf, COMPLETE, {"input": {"checkoutEntityId": cart["entityId"]}})
    assert body == not_completed({
        "__typename": "CartLineItemError", "cartCode": "INSUFFICIENT_STOCK",
        "message": f"There is not enough stock of '{mug['name']}': 1 in stock, 2 ordered.",
    })  # fmt: skip
    assert snapshot(store) == before
    assert client.get(f"{V2}/orders").status_code == 204
    assert client.get(f"{V3}/catalog/products/{mug['id']}").json()["data"]["inventory_level"] == 1


def test_completion_needs_billing_consignments_and_a_shipping_option(
    sf: httpx.Client, client: httpx.Client, store: Store, mug: dict[str, Any]
) -> None:
    cart = new_cart(sf, (mug["id"], 1))
    entity_id = cart["entityId"]
    item = cart["lineItems"]["physicalItems"][0]["entityId"]
    before = snapshot(store)
    body = operation(sf, COMPLETE, {"input": {"checkoutEntityId": entity_id}})
    assert body == not_completed(
        {"__typename": "CheckoutBillingAddressError", "code": "INCOMPLETE_BILLING_ADDRESS",
         "message": "The checkout needs a billing address before an order can be made."},
        {"__typename": "CheckoutShippingConsignmentError", "code": "ITEM_MISSING_SHIPPING_ADDRESS",
         "message": f"Items {item} are in no consignment."},
    )  # fmt: skip
    assert snapshot(store) == before
    operation(sf, ADD_BILLING, {"input": {"checkoutEntityId": entity_id, "data": {"address": ADDRESS}}})
    operation(sf, ADD_CONSIGNMENTS, {"input": {"checkoutEntityId": entity_id, "data": {"consignments": [
        {"address": ADDRESS, "lineItems": [{"lineItemEntityId": item, "quantity": 1}]}]}}})  # fmt: skip
    before = snapshot(store)
    body = operation(sf, COMPLETE, {"input": {"checkoutEntityId": entity_id}})
    assert body == not_completed({
        "__typename": "CheckoutShippingConsignmentError", "code": "INVALID_SHIPPING_OPTION",
        "message": "The consignment has no shipping option selected.",
    })  # fmt: skip
    assert snapshot(store) == before


def test_an_unknown_checkout(sf: httpx.Client, store: Store) -> None:
    assert operation(sf, READ, {"entityId": UNKNOWN}) == {"data": {"site": {"checkout": None}}}
    before = snapshot(store)
    for document, field, extra in every_mutation(UNKNOWN):
        body = operation(sf, document, {"input": {"checkoutEntityId": UNKNOWN, **extra}})
        assert body == refusal(document, field, f"No checkout '{UNKNOWN}' on this storefront.", "CART_NOT_FOUND")
    assert operation(sf, COMPLETE, {"input": {"checkoutEntityId": UNKNOWN}}) == not_completed({
        "__typename": "CartError", "cartCode": "CART_NOT_FOUND",
        "message": f"No checkout '{UNKNOWN}' on this storefront.",
    })  # fmt: skip
    assert snapshot(store) == before


def test_another_customers_checkout_is_unknown(
    sf: httpx.Client, client: httpx.Client, store: Store, mug: dict[str, Any]
) -> None:
    ada, bo = customer(store, "ada@example.com"), customer(store, "bo@example.com")
    mine = signed_in(store, ada)
    cart = new_cart(sf, (mug["id"], 1), **mine)
    entity_id = cart["entityId"]
    ready(sf, entity_id, **mine)
    others = signed_in(store, bo)
    before = snapshot(store)
    for headers in ({}, others):
        assert operation(sf, READ, {"entityId": entity_id}, **headers) == {"data": {"site": {"checkout": None}}}
        for document, field, extra in every_mutation(entity_id):
            body = operation(sf, document, {"input": {"checkoutEntityId": entity_id, **extra}}, **headers)
            assert body == refusal(document, field, f"No checkout '{entity_id}' on this storefront.", "CART_NOT_FOUND")
        assert operation(sf, COMPLETE, {"input": {"checkoutEntityId": entity_id}}, **headers) == not_completed({
            "__typename": "CartError", "cartCode": "CART_NOT_FOUND",
            "message": f"No checkout '{entity_id}' on this storefront.",
        })  # fmt: skip
    assert snapshot(store) == before


def test_another_channels_checkout_is_unknown(
    sf: httpx.Client, client: httpx.Client, store: Store, mug: dict[str, Any]
) -> None:
    channel = client.post(f"{V3}/channels", json={"name": "Second", "type": "storefront", "platform": "bigcommerce"})
    made = client.post(f"{V3}/carts", json={"channel_id": channel.json()["data"]["id"],
                                            "line_items": [{"product_id": mug["id"], "quantity": 1}]})  # fmt: skip
    entity_id = made.json()["data"]["id"]
    assert client.get(f"{V3}/checkouts/{entity_id}").status_code == 200
    assert operation(sf, READ, {"entityId": entity_id}) == {"data": {"site": {"checkout": None}}}
    before = snapshot(store)
    body = operation(sf, ADD_BILLING, {"input": {"checkoutEntityId": entity_id, "data": {"address": ADDRESS}}})
    assert body == refusal(
        ADD_BILLING, "addCheckoutBillingAddress", f"No checkout '{entity_id}' on this storefront.", "CART_NOT_FOUND"
    )
    assert snapshot(store) == before


def test_coupon_refusals(sf: httpx.Client, client: httpx.Client, store: Store, mug: dict[str, Any]) -> None:
    client.post(f"{V2}/coupons", json={
        "name": "Big spender", "code": "BIG", "type": "percentage_discount", "amount": "10", "min_purchase": "50",
        "applies_to": {"entity": "categories", "ids": [0]},
    }).raise_for_status()  # fmt: skip
    cart = new_cart(sf, (mug["id"], 1))
    entity_id = cart["entityId"]
    before = snapshot(store)
    cases = [
        ("NOPE", "The coupon code 'NOPE' does not exist.", "COUPON_INVALID"),
        ("big", "The coupon 'BIG' needs a cart of at least 50.0.", "COUPON_MIN_PURCHASE"),
        ("  ", "couponCode must not be empty.", "COUPON_INVALID"),
    ]
    for code, message, cause in cases:
        body = operation(sf, APPLY, {"input": {"checkoutEntityId": entity_id, "data": {"couponCode": code}}})
        assert body == refusal(APPLY, "applyCheckoutCoupon", message, cause), code
    body = operation(sf, UNAPPLY, {"input": {"checkoutEntityId": entity_id, "data": {"couponCode": "BIG"}}})
    assert body == refusal(
        UNAPPLY, "unapplyCheckoutCoupon", "The coupon 'BIG' is not applied to this checkout.", "COUPON_INVALID"
    )
    assert snapshot(store) == before


def test_a_coupon_disabled_after_it_was_applied_refuses_completion(
    sf: httpx.Client, client: httpx.Client, store: Store, mug: dict[str, Any]
) -> None:
    coupon = client.post(f"{V2}/coupons", json={
        "name": "Five off", "code": "FIVE", "type": "per_total_discount", "amount": "5",
        "applies_to": {"entity": "categories", "ids": [0]},
    }).json()  # fmt: skip
    cart = new_cart(sf, (mug["id"], 1))
    ready(sf, cart["entityId"])
    operation(sf, APPLY, {"input": {"checkoutEntityId": cart["entityId"], "data": {"couponCode": "FIVE"}}})
    client.put(f"{V2}/coupons/{coupon['id']}", json={"enabled": False}).raise_for_status()
    before = snapshot(store)
    body = operation(sf, COMPLETE, {"input": {"checkoutEntityId": cart["entityId"]}})
    assert body == not_completed({
        "__typename": "CheckoutCouponError", "code": "COUPON_INVALID", "message": "The coupon 'FIVE' is disabled.",
    })  # fmt: skip
    assert snapshot(store) == before


def test_shipping_option_and_consignment_refusals(
    sf: httpx.Client, client: httpx.Client, store: Store, mug: dict[str, Any]
) -> None:
    cart = new_cart(sf, (mug["id"], 1))
    entity_id = cart["entityId"]
    checkout = ready(sf, entity_id)
    consignment = checkout["shippingConsignments"][0]["entityId"]
    before = snapshot(store)
    for option in ("overnight", "free-shipping"):  # unknown; not offered below its threshold
        body = operation(sf, SELECT, {"input": {"checkoutEntityId": entity_id, "consignmentEntityId": consignment,
                                                "data": {"shippingOptionEntityId": option}}})  # fmt: skip
        assert body == refusal(SELECT, "selectCheckoutShippingOption",
                               f"'{option}' is not a shipping option offered for this consignment.",
                               "INVALID_SHIPPING_OPTION")  # fmt: skip
    body = operation(sf, SELECT, {"input": {"checkoutEntityId": entity_id, "consignmentEntityId": "nope",
                                            "data": {"shippingOptionEntityId": "flat-rate"}}})  # fmt: skip
    assert body == refusal(SELECT, "selectCheckoutShippingOption", "The checkout has no consignment 'nope'.",
                           "CONSIGNMENT_NOT_FOUND")  # fmt: skip
    body = operation(sf, DELETE_CONSIGNMENT, {"input": {"checkoutEntityId": entity_id, "consignmentEntityId": "nope"}})
    assert body == refusal(DELETE_CONSIGNMENT, "deleteCheckoutConsignment", "The checkout has no consignment 'nope'.",
                           "CONSIGNMENT_NOT_FOUND")  # fmt: skip
    item = cart["lineItems"]["physicalItems"][0]["entityId"]
    cases: list[tuple[list[dict[str, Any]], dict[str, Any], str, str]] = [
        ([{"lineItemEntityId": item, "quantity": 1}], ADDRESS, f"Item {item} is already in a consignment.",
         "SHIPPING_CONSIGNMENT_MISSING_ITEM"),
        ([{"lineItemEntityId": "no-such-item", "quantity": 1}], ADDRESS, "The cart has no item no-such-item.",
         "SHIPPING_CONSIGNMENT_MISSING_ITEM"),
        ([], ADDRESS, "consignments.0.lineItems must name at least one line item.",
         "SHIPPING_CONSIGNMENT_MISSING_ITEM"),
        ([{"lineItemEntityId": item, "quantity": 3}], {**ADDRESS, "countryCode": "us"},
         "consignments.0.lineItems.0.quantity must be 1, the item's quantity in the cart",
         "SHIPPING_CONSIGNMENT_MISSING_ITEM"),
    ]  # fmt: skip
    for lines, address, message, cause in cases:
        body = operation(sf, ADD_CONSIGNMENTS, {"input": {"checkoutEntityId": entity_id, "data": {
            "consignments": [{"address": address, "lineItems": lines}]}}})  # fmt: skip
        assert body == refusal(ADD_CONSIGNMENTS, "addCheckoutShippingConsignments", message, cause), message
    body = operation(sf, ADD_CONSIGNMENTS, {"input": {"checkoutEntityId": entity_id, "data": {"consignments": []}}})
    assert body == refusal(ADD_CONSIGNMENTS, "addCheckoutShippingConsignments",
                           "consignments must name at least one consignment.", "MISSING_SHIPPING_ADDRESS")  # fmt: skip
    body = operation(sf, UPDATE_CONSIGNMENT, {"input": {
        "checkoutEntityId": entity_id, "consignmentEntityId": consignment, "data": {"consignment": {
            "address": {**ADDRESS, "countryCode": "XX"}, "lineItems": [{"lineItemEntityId": item, "quantity": 2}]}}}})  # fmt: skip
    assert body == refusal(
        UPDATE_CONSIGNMENT, "updateCheckoutShippingConsignment",
        "'XX' is not an ISO 3166-1 alpha-2 country code. "
        "consignment.lineItems.0.quantity must be 1, the item's quantity in the cart",
        "INCOMPLETE_SHIPPING_ADDRESS",
    )  # fmt: skip
    assert snapshot(store) == before


def test_billing_address_and_version_refusals(
    sf: httpx.Client, client: httpx.Client, store: Store, mug: dict[str, Any]
) -> None:
    cart = new_cart(sf, (mug["id"], 1))
    entity_id = cart["entityId"]
    before = snapshot(store)
    body = operation(sf, ADD_BILLING, {"input": {"checkoutEntityId": entity_id, "data": {
        "address": {**ADDRESS, "countryCode": "Texas"}}}})  # fmt: skip
    assert body == refusal(ADD_BILLING, "addCheckoutBillingAddress",
                           "'Texas' is not an ISO 3166-1 alpha-2 country code.", "INCOMPLETE_BILLING_ADDRESS")  # fmt: skip
    for address_id in ("1", "one"):  # the checkout has no billing address yet
        body = operation(sf, UPDATE_BILLING, {"input": {"checkoutEntityId": entity_id, "addressEntityId": address_id,
                                                        "data": {"address": ADDRESS}}})  # fmt: skip
        assert body == refusal(UPDATE_BILLING, "updateCheckoutBillingAddress",
                               f"The checkout has no billing address '{address_id}'.", "INCOMPLETE_BILLING_ADDRESS")  # fmt: skip
    body = operation(sf, MESSAGE, {"input": {"checkoutEntityId": entity_id, "data": {"message": "Hi"}, "version": 7}})
    assert body == refusal(MESSAGE, "updateCheckoutCustomerMessage",
                           "Version 7 is not the cart's current version, 1.", "CART_CONFLICT")  # fmt: skip
    assert snapshot(store) == before


def test_a_private_token_needs_the_unauthenticated_scope(
    app: Starlette, client: httpx.Client, store: Store, issue: Callable[..., str], mug: dict[str, Any]
) -> None:
    made = client.post(f"{V3}/carts", json={"line_items": [{"product_id": mug["id"], "quantity": 1}]}).json()["data"]
    with httpx.Client(
        transport=InProcessTransport(app), base_url=f"http://store-{store.store_hash}.mybigcommerce.test",
        headers={"Authorization": f"Bearer {issue('private', scopes=['Customer'])}"},
    ) as http:  # fmt: skip
        before = snapshot(store)
        body = operation(http, MESSAGE, {"input": {"checkoutEntityId": made["id"], "data": {"message": "Hi"}}})
    assert body == {"data": None, "errors": [{
        "message": "The token does not have the access scope this field needs: TOKEN_SCOPE_UNAUTHENTICATED.",
        "locations": [{"line": where(MESSAGE, "updateCheckoutCustomerMessage")["line"], "column": 3}], "path": ["checkout"],
        "extensions": {"code": "INSUFFICIENT_ACCESS_SCOPE", "requiredScopes": ["TOKEN_SCOPE_UNAUTHENTICATED"]},
    }]}  # fmt: skip
    assert snapshot(store) == before
