"""Checkouts (upstream checkouts.v3.yml): /v3/checkouts/{checkoutId} and its billing address,
consignments, coupons, discounts, fees, orders and token; /v3/checkouts/settings[/channels/{channelId}]."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from mockbc.domain.checkouts import GLOBAL_SETTINGS, CheckoutSettings
from mockbc.domain.errors import Invalid, Problem
from mockbc.http.operations import Binding, binding
from mockbc.presentation import checkouts as wire
from mockbc.presentation.call import Call
from mockbc.services import checkouts as service
from mockbc.services.checkouts import Summary, Token


def _body(call: Call) -> dict[str, Any]:
    return call.body if isinstance(call.body, dict) else {}


def _id(call: Call) -> str:
    return str(call.path["checkoutId"])


def get_checkout(call: Call) -> Summary:
    return service.get(call.store, _id(call))


def update_checkout(call: Call) -> Summary:
    body = _body(call)
    return service.update(
        call.store, _id(call), customer_message=body["customer_message"], version=wire.version_of(body)
    )


def add_discount(call: Call) -> Summary:
    cart = _body(call).get("cart")
    if not cart or not (cart.get("discounts") or cart.get("line_items")):
        raise Invalid("checkout", (Problem("cart.discounts", "checkout_discount_required"),))
    lines: list[tuple[str, Decimal]] = []
    for index, line in enumerate(cart.get("line_items") or ()):
        if line.get("id") is None or line.get("discounted_amount") is None:
            missing = "id" if line.get("id") is None else "discounted_amount"
            raise Invalid("checkout", (Problem(f"cart.line_items.{index}.{missing}", "missing"),))
        lines.append((str(line["id"]), Decimal(str(line["discounted_amount"]))))
    whole = [Decimal(str(d["discounted_amount"])) for d in cart.get("discounts") or ()]
    return service.add_discounts(
        call.store, _id(call), cart_discounts=whole, line_discounts=lines, version=wire.version_of(cart)
    )


def add_billing_address(call: Call) -> Summary:
    body = _body(call)
    return service.set_billing_address(call.store, _id(call), body, version=wire.version_of(body))


def update_billing_address(call: Call) -> Summary:
    body = _body(call)
    return service.set_billing_address(
        call.store, _id(call), body, address_id=call.path["addressId"], version=wire.version_of(body)
    )


def add_consignments(call: Call) -> Summary:
    items = call.body if isinstance(call.body, list) else []
    versions = [v for v in (wire.version_of(i) for i in items) if v is not None]
    wanted = [wire.consignment_input(i) for i in items]
    return service.add_consignments(call.store, _id(call), wanted, version=versions[0] if versions else None)


def update_consignment(call: Call) -> Summary:
    body = _body(call)
    wanted = wire.consignment_input(body)
    if not any(k in body for k in ("address", "line_items", "shipping_option_id", "pickup_option", "custom_shipping")):
        raise Invalid("checkout", (Problem("shipping_option_id", "checkout_consignment_change"),))
    return service.update_consignment(
        call.store, _id(call), str(call.path["consignmentId"]), wanted, version=wire.version_of(body)
    )


def delete_consignment(call: Call) -> Summary:
    return service.delete_consignment(call.store, _id(call), str(call.path["consignmentId"]))


def add_coupon(call: Call) -> Summary:
    body = _body(call)
    return service.apply_coupon(call.store, _id(call), body.get("coupon_code"), version=wire.version_of(body))


def delete_coupon(call: Call) -> Summary:
    return service.remove_coupon(call.store, _id(call), str(call.path["couponCode"]))


def add_fees(call: Call) -> Summary:
    return service.add_fees(call.store, _id(call), _body(call)["fees"])


def update_fees(call: Call) -> Summary:
    return service.update_fees(call.store, _id(call), _body(call)["fees"])


def delete_fees(call: Call) -> Summary:
    return service.delete_fees(call.store, _id(call), [str(i) for i in _body(call)["ids"]])


def create_order(call: Call) -> int:
    return service.create_order(call.store, _id(call))


def create_token(call: Call) -> Token:
    body = _body(call)
    max_uses, ttl = body.get("maxUses"), body.get("ttl")
    return service.create_token(
        call.store,
        _id(call),
        max_uses=int(max_uses) if max_uses is not None else 1,
        ttl=int(ttl) if ttl is not None else 86400,
    )


def get_settings(call: Call) -> CheckoutSettings:
    return service.settings(call.store, GLOBAL_SETTINGS)


def update_settings(call: Call) -> CheckoutSettings:
    return service.update_settings(call.store, GLOBAL_SETTINGS, _body(call))


def get_channel_settings(call: Call) -> CheckoutSettings:
    return service.settings(call.store, call.path["channelId"])


def update_channel_settings(call: Call) -> CheckoutSettings:
    return service.update_settings(call.store, call.path["channelId"], _body(call))


def _bindings() -> tuple[Binding, ...]:
    checkout = (
        ("getCheckout", get_checkout, wire.CHECKOUT),
        ("updateCheckout", update_checkout, wire.CHECKOUT),
        ("addCheckoutDiscount", add_discount, wire.CHECKOUT),
        ("addCheckoutBillingAddress", add_billing_address, wire.CHECKOUT),
        ("updateCheckoutBillingAddress", update_billing_address, wire.CHECKOUT),
        ("addCheckoutConsignment", add_consignments, wire.CHECKOUT),
        ("updateCheckoutConsignment", update_consignment, wire.CHECKOUT),
        ("deleteCheckoutConsignment", delete_consignment, wire.CHECKOUT),
        ("addCheckoutCoupon", add_coupon, wire.CHECKOUT),
        ("deleteCheckoutCoupon", delete_coupon, wire.CHECKOUT),
        ("CheckoutsFeesByCheckoutIdPost", add_fees, wire.CHECKOUT),
        ("CheckoutsFeesByCheckoutIdPut", update_fees, wire.CHECKOUT),
        ("CheckoutsFeesByCheckoutIdDelete", delete_fees, wire.CHECKOUT),
        ("createOrder", create_order, wire.ORDER),
        ("createCheckoutToken", create_token, wire.TOKEN),
        ("getCheckoutSettings", get_settings, wire.SETTINGS),
        ("updateCheckoutSettings", update_settings, wire.SETTINGS),
        ("get-channel-checkout-settings", get_channel_settings, wire.CHANNEL_SETTINGS),
        ("put-channel-checkout-settings", update_channel_settings, wire.CHANNEL_SETTINGS),
    )
    return tuple(binding("v3", op_id, handler, view, scope="checkouts") for op_id, handler, view in checkout)


OPERATIONS = _bindings()
