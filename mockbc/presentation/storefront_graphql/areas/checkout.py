"""Checkouts on the storefront: ``Site.checkout``, ``node`` for a ``Checkout`` and the ``checkout``
mutations, over the same records and services as ``/v3/checkouts`` (``services/checkouts.py``): a
checkout built here reads the same at ``GET /v3/checkouts/{id}``, and the other way round.

A checkout is its cart's and is seen under the cart's rule (``cart.visible_cart``): a guest's by
anyone who knows its id, a customer's by that customer only, another channel's by nobody. Any other
checkout is ``null`` to ``site.checkout`` and unknown to the mutations.

A refused mutation writes nothing and is one top-level error (the mutation is ``null``): the message
says what was wrong and ``extensions.code`` names the cause with a value of BigCommerce's
``CheckoutErrorCode`` (or ``CartErrorCode`` for what is about the cart: ``CART_NOT_FOUND``,
``CART_CONFLICT``). ``completeCheckout`` answers its refusals in its typed ``errors`` instead
(``orderEntityId`` ``null``), as its result type declares; each completion makes a new Incomplete
order, as ``POST /v3/checkouts/{id}/orders`` does. Its ``paymentAccessToken`` is a random opaque
value, not kept: the mock has no payments API to spend it on.

``createCheckout`` makes a new cart as ``createCart`` does (its lines, gift certificates, currency and
locale) and answers its checkout; its refusals are its typed ``errors`` (``CartError`` for the cart as
a whole, ``CartLineItemError`` for a line), and a refused one makes no cart. Its consignments, billing
address and coupons are not served: the other checkout mutations set them on the new checkout.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from graphql import GraphQLError

from mockbc.domain.carts import Cart
from mockbc.domain.checkouts import CheckoutAddress, CheckoutFee, ShippingOption
from mockbc.domain.errors import Conflict, DomainError, Invalid, NotFound, Problem
from mockbc.domain.orders import Order
from mockbc.presentation import words
from mockbc.presentation.storefront_graphql.areas.account import order_object
from mockbc.presentation.storefront_graphql.areas.cart import (
    CODES as CART_CODES,
)
from mockbc.presentation.storefront_graphql.areas.cart import (
    cart_object,
    customer_cart,
    date_time,
    money,
    new_cart,
    refused,
    visible_cart,
)
from mockbc.presentation.storefront_graphql.ids import encode_uuid_id
from mockbc.presentation.storefront_graphql.seam import Area, Context
from mockbc.services import checkouts
from mockbc.services.checkouts import ConsignmentInput, PricedConsignment, Summary

AREA = Area()
T = TypeVar("T")

CART_NOT_FOUND = "CART_NOT_FOUND"
OTHER = "BAD_USER_INPUT"
WORDS = {
    "no_checkout": "No checkout {id!r} on this storefront.",
    "no_consignment": "The checkout has no consignment {id!r}.",
    "no_billing_address": "The checkout has no billing address {id!r}.",
    "no_coupon": "The coupon {code!r} is not applied to this checkout.",
    "no_code": "couponCode must not be empty.",
    "no_consignments": "consignments must name at least one consignment.",
    "no_line_items": "{at}lineItems must name at least one line item.",
}
# The cause of a refusal (extensions.code) by the rule the checkout service names.
CODES = {
    "cart_version_stale": "CART_CONFLICT",
    "checkout_item_missing": "SHIPPING_CONSIGNMENT_MISSING_ITEM",
    "checkout_item_digital": "SHIPPING_CONSIGNMENT_MISSING_ITEM",
    "checkout_item_quantity": "SHIPPING_CONSIGNMENT_MISSING_ITEM",
    "checkout_item_assigned": "SHIPPING_CONSIGNMENT_MISSING_ITEM",
    "checkout_shipping_option": "INVALID_SHIPPING_OPTION",
    "coupon_unknown": "COUPON_INVALID",
    "coupon_disabled": "COUPON_INVALID",
    "coupon_expired": "COUPON_EXPIRED",
    "coupon_used_up": "COUPON_INELIGIBLE",
    "checkout_coupon_minimum": "COUPON_MIN_PURCHASE",
    "checkout_coupon_channel": "COUPON_NOT_APPLICABLE",
    "checkout_billing_required": "INCOMPLETE_BILLING_ADDRESS",
    "checkout_items_unshipped": "ITEM_MISSING_SHIPPING_ADDRESS",
    "checkout_no_shipping_option": "INVALID_SHIPPING_OPTION",
}
# completeCheckout's typed errors: the error type for a rule (the cart's rules are line items').
ERROR_TYPES = {
    "checkout_billing_required": "CheckoutBillingAddressError",
    "checkout_items_unshipped": "CheckoutShippingConsignmentError",
    "checkout_no_shipping_option": "CheckoutShippingConsignmentError",
}
# createCheckout's refusals about the cart as a whole (CartError); the others are a line's (CartLineItemError).
CART_LEVEL = frozenset({"EMPTY_CART_CREATION", "INVALID_CURRENCY", "INVALID_CHANNEL"})
COUPON_RULES = frozenset(r for r, c in CODES.items() if c.startswith("COUPON_"))
# The service's field names, as the GraphQL input calls them.
FIELD_NAMES = (
    ("line_items", "lineItems"), ("item_id", "lineItemEntityId"), ("country_code", "countryCode"),
    ("shipping_option_id", "shippingOptionEntityId"), ("coupon_code", "couponCode"),
    ("billing_address", "billingAddress"), ("selected_shipping_option", "selectedShippingOption"),
)  # fmt: skip
ADDRESS_FIELDS = (
    ("firstName", "first_name"), ("lastName", "last_name"), ("email", "email"), ("company", "company"),
    ("address1", "address1"), ("address2", "address2"), ("city", "city"), ("stateOrProvince", "state_or_province"),
    ("stateOrProvinceCode", "state_or_province_code"), ("countryCode", "country_code"),
    ("postalCode", "postal_code"), ("phone", "phone"),
)  # fmt: skip
_LOWER = re.compile(r"[a-z]")


# --------------------------------------------------------------------------- refusals


def _field(name: str) -> str:
    for rest, ours in FIELD_NAMES:
        name = re.sub(rf"(?<![A-Za-z_]){rest}(?![A-Za-z_])", ours, name)
    return name


def _text(problem: Problem, prefix: str = "") -> str:
    """The problem's words; ``prefix`` is where the service's field names sit in the GraphQL input."""
    text = words.message(problem)
    # Some rules word only the broken constraint ("must be 2, ..."): the field goes first.
    return f"{prefix}{_field(problem.field)} {text}" if _LOWER.match(text) and problem.field else text


def _code(problem: Problem, address_code: str) -> str:
    if problem.rule == "checkout_country":
        return address_code
    return CODES.get(problem.rule) or CART_CODES.get(problem.rule, OTHER)


def _translated(error: DomainError, checkout_id: str, address_code: str, prefix: str) -> GraphQLError:
    if isinstance(error, Invalid | Conflict) and error.problems:
        text = " ".join(_text(p, prefix) for p in error.problems)
        return refused(text, _code(error.problems[0], address_code))
    if isinstance(error, NotFound) and error.resource == "consignment":
        return refused(WORDS["no_consignment"].format(id=error.id), "CONSIGNMENT_NOT_FOUND")
    if isinstance(error, NotFound) and error.resource == "billing address":
        return refused(WORDS["no_billing_address"].format(id=str(error.id)), "INCOMPLETE_BILLING_ADDRESS")
    if isinstance(error, NotFound) and error.resource == "coupon":
        return refused(WORDS["no_coupon"].format(code=error.id), "COUPON_INVALID")
    if isinstance(error, NotFound):
        return refused(WORDS["no_checkout"].format(id=checkout_id), CART_NOT_FOUND)
    raise error


def _service(checkout_id: str, call: Callable[[], T], address_code: str = OTHER, prefix: str = "") -> T:
    """The service's answer; its refusal as the GraphQL error it means (``address_code``: the cause
    of a bad address here)."""
    try:
        return call()
    except DomainError as error:
        raise _translated(error, checkout_id, address_code, prefix) from None


def _require(context: Context, checkout_id: str) -> Cart:
    cart = visible_cart(context, checkout_id)
    if cart is None:
        raise refused(WORDS["no_checkout"].format(id=checkout_id), CART_NOT_FOUND)
    return cart


# --------------------------------------------------------------------------- objects


def checkout_global_id(checkout_id: str) -> str:
    return encode_uuid_id("Checkout", checkout_id)


def _address(address: CheckoutAddress) -> dict[str, Any]:
    out: dict[str, Any] = {ours: getattr(address, rest) or None for ours, rest in ADDRESS_FIELDS}
    out["countryCode"] = address.country_code
    # Custom fields set through REST name a form field by its id; their values read as text.
    out["customFields"] = [
        {"__typename": "CheckoutAddressTextFieldCustomField", "entityId": int(field_id), "text": value}
        for field_id, value in address.custom_fields
        if field_id.isdigit()
    ]
    return out


def _option(option: ShippingOption, cost: Decimal, currency: str) -> dict[str, Any]:
    return {
        "entityId": option.id,
        "description": option.description,
        "type": option.type,
        "cost": money(cost, currency),
        "transitTime": option.transit_time or None,
        "isRecommended": False,
    }


def _consignment(priced: PricedConsignment, currency: str) -> dict[str, Any]:
    consignment = priced.consignment
    return {
        "entityId": consignment.id,
        "address": _address(consignment.address),
        "availableShippingOptions": [_option(o, c, currency) for o, c in priced.available],
        "selectedShippingOption": _option(*priced.selected, currency) if priced.selected is not None else None,
        "shippingCost": money(priced.shipping_cost, currency),
        "handlingCost": money(Decimal(0), currency),
        "lineItemIds": list(consignment.line_item_ids),
    }


def _fee(fee: CheckoutFee, currency: str) -> dict[str, Any]:
    return {
        "id": fee.id,
        "feeType": fee.type.upper(),
        "name": fee.name,
        "displayName": fee.display_name,
        "cost": money(fee.cost, currency),
        "source": fee.source,
        "taxClassId": fee.tax_class_id,
    }


def checkout_object(context: Context, summary: Summary) -> dict[str, Any]:
    cart, checkout = summary.cart, summary.checkout
    currency = cart.currency
    zero = money(Decimal(0), currency)
    billing = None
    if checkout.billing_address is not None:
        billing = {"entityId": str(checkout.billing_address_id), **_address(checkout.billing_address)}
    coupon = summary.coupon
    coupons = []
    if coupon is not None:
        coupons.append({
            "entityId": coupon.id, "code": coupon.code, "couponType": coupon.coupon_type.upper(),
            "discountedAmount": money(coupon.discounted_amount, currency), "displayName": coupon.display_name or None,
        })  # fmt: skip
    order: Order | None = context.store.orders.get(checkout.order_id) if checkout.order_id is not None else None
    return {
        "__typename": "Checkout",
        "id": checkout_global_id(cart.id),
        "entityId": cart.id,
        "currencyCode": currency,
        "displayCurrencyCode": currency,
        "billingAddress": billing,
        "cart": cart_object(context, cart),
        "shippingConsignments": [_consignment(c, currency) for c in summary.consignments],
        "shippingCostTotal": money(summary.shipping_total, currency),
        "handlingCostTotal": zero,
        "taxTotal": zero,
        "taxes": [],
        "subtotal": money(summary.subtotal, currency),
        "grandTotal": money(summary.grand_total, currency),
        "outstandingBalance": money(summary.grand_total, currency),
        "createdAt": date_time(cart.created_time),
        "updatedAt": date_time(cart.updated_time),
        "customerMessage": checkout.customer_message or None,
        "coupons": coupons,
        "fees": [_fee(f, currency) for f in checkout.fees],
        "version": cart.version,
        "totalDiscount": money(summary.discount_total, currency),
        "manualDiscountTotal": money(
            summary.manual_discount + sum(summary.line_discounts.values(), Decimal(0)), currency
        ),
        "order": order_object(order) if order is not None and not order.is_deleted else None,
    }


def _answer(context: Context, summary: Summary) -> dict[str, Any]:
    return {"checkout": checkout_object(context, summary)}


# --------------------------------------------------------------------------- reading


@AREA.node("Checkout")
def checkout_node(context: Context, entity_id: Any) -> dict[str, Any] | None:
    """``node(id:)`` for a checkout, under the same rule as ``site.checkout``."""
    cart = visible_cart(context, str(entity_id))
    return None if cart is None else checkout_object(context, checkouts.summarise(context.store, cart))


@AREA.field("Site", "checkout")
def site_checkout(_source: Any, info: Any, entityId: str | None = None) -> dict[str, Any] | None:
    """The checkout of that id, or (without one) of the signed-in customer's latest cart."""
    context: Context = info.context
    if entityId is None:
        cart = customer_cart(context, context.customer_id) if context.customer_id else None
    else:
        cart = visible_cart(context, entityId)
    return checkout_object(context, checkouts.summarise(context.store, cart)) if cart is not None else None


# --------------------------------------------------------------------------- reading inputs


def _address_input(values: Mapping[str, Any]) -> dict[str, Any]:
    """An address as the checkout service reads it (``shouldSaveAddress`` is not kept: no address book is written)."""
    return {rest: values[ours] for ours, rest in ADDRESS_FIELDS if values.get(ours) is not None}


def _consignment_input(values: Mapping[str, Any], at: str) -> ConsignmentInput:
    lines: Sequence[Mapping[str, Any]] = values["lineItems"]
    if not lines:
        raise refused(WORDS["no_line_items"].format(at=at), "SHIPPING_CONSIGNMENT_MISSING_ITEM")
    return ConsignmentInput(
        address=_address_input(values["address"]),
        line_items=[{"item_id": line["lineItemEntityId"], "quantity": line["quantity"]} for line in lines],
    )


# --------------------------------------------------------------------------- mutations


@AREA.field("Mutation", "checkout")
def checkout_mutations(_source: Any, _info: Any) -> dict[str, Any]:
    return {}


@AREA.field("CheckoutMutations", "addCheckoutBillingAddress")
def add_billing_address(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    cart = _require(context, input["checkoutEntityId"])
    values = _address_input(input["data"]["address"])
    summary = _service(
        cart.id,
        lambda: checkouts.set_billing_address(context.store, cart.id, values, version=input.get("version")),
        "INCOMPLETE_BILLING_ADDRESS",
    )
    return _answer(context, summary)


@AREA.field("CheckoutMutations", "updateCheckoutBillingAddress")
def update_billing_address(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    cart = _require(context, input["checkoutEntityId"])
    raw = input["addressEntityId"]
    if not (raw.isascii() and raw.isdigit()):
        raise refused(WORDS["no_billing_address"].format(id=raw), "INCOMPLETE_BILLING_ADDRESS")
    values = _address_input(input["data"]["address"])
    summary = _service(
        cart.id,
        lambda: checkouts.set_billing_address(
            context.store, cart.id, values, address_id=int(raw), version=input.get("version")
        ),
        "INCOMPLETE_BILLING_ADDRESS",
    )
    return _answer(context, summary)


@AREA.field("CheckoutMutations", "updateCheckoutCustomerMessage")
def update_customer_message(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    cart = _require(context, input["checkoutEntityId"])
    message = input["data"]["message"]
    summary = _service(
        cart.id,
        lambda: checkouts.update(context.store, cart.id, customer_message=message, version=input.get("version")),
    )
    return _answer(context, summary)


@AREA.field("CheckoutMutations", "addCheckoutShippingConsignments")
def add_consignments(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    cart = _require(context, input["checkoutEntityId"])
    given: Sequence[Mapping[str, Any]] = input["data"]["consignments"]
    if not given:
        raise refused(WORDS["no_consignments"], "MISSING_SHIPPING_ADDRESS")
    wanted = [_consignment_input(c, f"consignments.{i}.") for i, c in enumerate(given)]
    summary = _service(
        cart.id,
        lambda: checkouts.add_consignments(context.store, cart.id, wanted, version=input.get("version")),
        "INCOMPLETE_SHIPPING_ADDRESS",
        "consignments.",
    )
    return _answer(context, summary)


@AREA.field("CheckoutMutations", "updateCheckoutShippingConsignment")
def update_consignment(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    cart = _require(context, input["checkoutEntityId"])
    wanted = _consignment_input(input["data"]["consignment"], "consignment.")
    consignment_id = input["consignmentEntityId"]
    summary = _service(
        cart.id,
        lambda: checkouts.update_consignment(
            context.store, cart.id, consignment_id, wanted, version=input.get("version")
        ),
        "INCOMPLETE_SHIPPING_ADDRESS",
        "consignment.",
    )
    return _answer(context, summary)


@AREA.field("CheckoutMutations", "deleteCheckoutConsignment")
def delete_consignment(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    cart = _require(context, input["checkoutEntityId"])
    consignment_id = input["consignmentEntityId"]
    summary = _service(
        cart.id,
        lambda: checkouts.delete_consignment(context.store, cart.id, consignment_id, version=input.get("version")),
    )
    return _answer(context, summary)


@AREA.field("CheckoutMutations", "selectCheckoutShippingOption")
def select_shipping_option(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    cart = _require(context, input["checkoutEntityId"])
    consignment_id, option_id = input["consignmentEntityId"], input["data"]["shippingOptionEntityId"]
    summary = _service(
        cart.id,
        lambda: checkouts.select_shipping_option(
            context.store, cart.id, consignment_id, option_id, version=input.get("version")
        ),
    )
    return _answer(context, summary)


@AREA.field("CheckoutMutations", "applyCheckoutCoupon")
def apply_coupon(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    cart = _require(context, input["checkoutEntityId"])
    code = input["data"]["couponCode"].strip()
    if not code:
        raise refused(WORDS["no_code"], "COUPON_INVALID")
    summary = _service(
        cart.id, lambda: checkouts.apply_coupon(context.store, cart.id, code, version=input.get("version"))
    )
    return _answer(context, summary)


@AREA.field("CheckoutMutations", "unapplyCheckoutCoupon")
def unapply_coupon(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    cart = _require(context, input["checkoutEntityId"])
    code = input["data"]["couponCode"]
    summary = _service(
        cart.id, lambda: checkouts.remove_coupon(context.store, cart.id, code, version=input.get("version"))
    )
    return _answer(context, summary)


def _typed(error: DomainError, checkout_id: str) -> list[dict[str, Any]]:
    """completeCheckout's refusal as its typed errors: one per broken rule."""
    if isinstance(error, Invalid | Conflict) and error.problems:
        out: list[dict[str, Any]] = []
        for problem in error.problems:
            if problem.rule in COUPON_RULES:
                type_name, code = "CheckoutCouponError", CODES[problem.rule]
            elif problem.rule in ERROR_TYPES:
                type_name, code = ERROR_TYPES[problem.rule], CODES[problem.rule]
            else:
                type_name, code = "CartLineItemError", CART_CODES.get(problem.rule, "CART_CONSISTENCY_ERROR")
            out.append({"__typename": type_name, "code": code, "message": _text(problem)})
        return out
    if isinstance(error, NotFound):
        message = WORDS["no_checkout"].format(id=checkout_id)
        return [{"__typename": "CartError", "code": CART_NOT_FOUND, "message": message}]
    raise error


@AREA.field("CheckoutMutations", "completeCheckout")
def complete_checkout(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    checkout_id = input["checkoutEntityId"]
    cart = visible_cart(context, checkout_id)
    try:
        if cart is None:
            raise NotFound("checkout", checkout_id)
        order_id = checkouts.create_order(context.store, cart.id)
    except DomainError as error:
        return {"orderEntityId": None, "paymentAccessToken": None, "errors": _typed(error, checkout_id)}
    return {"orderEntityId": order_id, "paymentAccessToken": secrets.token_urlsafe(32), "errors": []}


@AREA.field("CheckoutMutations", "createCheckout")
def create_checkout(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    try:
        cart = new_cart(context, input)
    except GraphQLError as error:
        code = (error.extensions or {}).get("code")
        code = code if isinstance(code, str) and code != OTHER else "CART_CONSISTENCY_ERROR"
        type_name = "CartError" if code in CART_LEVEL else "CartLineItemError"
        return {"checkout": None, "errors": [{"__typename": type_name, "code": code, "message": error.message}]}
    return {"checkout": checkout_object(context, checkouts.summarise(context.store, cart)), "errors": []}
