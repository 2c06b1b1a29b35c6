"""Checkouts on the v3 wire (upstream checkouts.v3.yml): the checkout with its cart, addresses,
consignments, coupons, fees and totals (money as numbers), a new order's id, a checkout token and
the checkout settings.

The cart inside a checkout is the cart's own rendering (``carts.priced_to_v3``) with the
checkout's amounts: ``cart_amount_inc_tax`` and ``cart_amount_ex_tax`` (no taxes are modelled),
the coupon and manual discounts. ``include=consignments.available_shipping_options`` adds each
consignment's options; ``include=cart.line_items.physical_items.options`` (and the digital one)
the items' chosen options.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from mockbc.domain.checkouts import CHANNEL_FIELDS, SCRIPT_FIELDS, CheckoutAddress, CheckoutSettings, ShippingOption
from mockbc.domain.errors import BadRequest
from mockbc.presentation import v3
from mockbc.presentation.call import Call, Rendered
from mockbc.presentation.carts import money, priced_to_v3
from mockbc.presentation.wire import iso
from mockbc.services.checkouts import ConsignmentInput, PricedConsignment, Summary, Token

SHIPPING_OPTIONS_INCLUDE = "consignments.available_shipping_options"
MANUAL_DISCOUNT_ID = "manual-discount"


def _includes(call: Call) -> frozenset[str]:
    raw = call.query.get("include") or ()
    return frozenset(raw.split(",") if isinstance(raw, str) else raw)


def _address(address: CheckoutAddress, address_id: str | int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": str(address_id),
        "first_name": address.first_name,
        "last_name": address.last_name,
        "email": address.email,
        "company": address.company,
        "address1": address.address1,
        "address2": address.address2,
        "city": address.city,
        "state_or_province": address.state_or_province,
        "state_or_province_code": address.state_or_province_code,
        "country_code": address.country_code,
        "postal_code": address.postal_code,
        "custom_fields": [{"field_id": f, "field_value": v} for f, v in address.custom_fields],
    }
    if address.phone:  # upstream's phone pattern refuses an empty string
        out["phone"] = address.phone
    return out


def _option(option: ShippingOption, cost: Decimal) -> dict[str, Any]:
    return {
        "id": option.id,
        "type": option.type,
        "description": option.description,
        "image_url": "",
        "cost": money(cost),
        "transit_time": option.transit_time,
        "additional_description": "",
    }


def _consignment(priced: PricedConsignment, with_options: bool) -> dict[str, Any]:
    consignment = priced.consignment
    cost = money(priced.shipping_cost)
    out: dict[str, Any] = {
        "id": consignment.id,
        "address": _address(consignment.address, consignment.address_id),
        "line_item_ids": list(consignment.line_item_ids),
        "coupon_discounts": [],
        "discounts": [],
        "shipping_cost_inc_tax": cost,
        "shipping_cost_ex_tax": cost,
        "handling_cost_inc_tax": 0,
        "handling_cost_ex_tax": 0,
    }
    if priced.selected is not None:
        out["selected_shipping_option"] = _option(*priced.selected)
    if consignment.pickup_method_id is not None:
        out["selected_pickup_option"] = {"pickup_method_id": consignment.pickup_method_id}
    if with_options:
        out["available_shipping_options"] = [_option(o, c) for o, c in priced.available]
    return out


def _coupons(summary: Summary) -> list[dict[str, Any]]:
    coupon = summary.coupon
    if coupon is None:
        return []
    return [
        {
            "id": coupon.id,
            "code": coupon.code,
            "coupon_type": coupon.coupon_type,
            "display_name": coupon.display_name,
            "discounted_amount": money(coupon.discounted_amount),
        }
    ]


def _cart(summary: Summary, call: Call, includes: frozenset[str]) -> dict[str, Any]:
    cart_includes = frozenset(i.removeprefix("cart.") for i in includes if i.startswith("cart."))
    out = priced_to_v3(summary.priced, call.base_url, cart_includes)
    amount = money(summary.subtotal)
    out.pop("cart_amount", None)
    out["cart_amount_inc_tax"] = out["cart_amount_ex_tax"] = amount
    out["discount_amount"] = money(summary.discount_total)
    out["manual_discount_amount"] = money(summary.manual_discount + sum(summary.line_discounts.values(), Decimal(0)))
    out["coupons"] = _coupons(summary)
    out["discounts"] = (
        [{"id": MANUAL_DISCOUNT_ID, "discounted_amount": money(summary.manual_discount)}]
        if summary.manual_discount
        else []
    )
    for kind in ("physical_items", "digital_items"):
        for item in out["line_items"][kind]:
            item["is_taxable"] = item["taxable"]  # a checkout's cart names it is_taxable (upstream Checkout)
            off = summary.line_discounts.get(item["id"])
            if off is not None:
                item["discount_amount"] = money(off)
                item["discounts"] = [{"id": MANUAL_DISCOUNT_ID, "discounted_amount": money(off)}]
    return out


def to_v3(summary: Summary, call: Call) -> dict[str, Any]:
    includes = _includes(call)
    checkout = summary.checkout
    cart = summary.cart
    shipping = money(summary.shipping_total)
    subtotal = money(summary.subtotal)
    grand = money(summary.grand_total)
    out: dict[str, Any] = {
        "id": cart.id,
        "cart": _cart(summary, call, includes),
        "consignments": [_consignment(c, SHIPPING_OPTIONS_INCLUDE in includes) for c in summary.consignments],
        "taxes": [],
        "coupons": _coupons(summary),
        "fees": [
            {
                "id": fee.id,
                "type": fee.type,
                "name": fee.name,
                "display_name": fee.display_name,
                "cost_inc_tax": money(fee.cost),
                "cost_ex_tax": money(fee.cost),
                "source": fee.source,
                "tax_class_id": fee.tax_class_id,
            }
            for fee in checkout.fees
        ],
        "order_id": str(checkout.order_id) if checkout.order_id is not None else None,
        "shipping_cost_total_inc_tax": shipping,
        "shipping_cost_total_ex_tax": shipping,
        "handling_cost_total_inc_tax": 0,
        "handling_cost_total_ex_tax": 0,
        "tax_total": 0,
        "subtotal_inc_tax": subtotal,
        "subtotal_ex_tax": subtotal,
        "grand_total": grand,
        "created_time": iso(cart.created_time),
        "updated_time": iso(cart.updated_time),
        "customer_message": checkout.customer_message,
        "promotions": [{"banners": []}] if "promotions.banners" in includes else [],
        "version": cart.version,
    }
    if checkout.billing_address is not None:
        out["billing_address"] = _address(checkout.billing_address, checkout.billing_address_id)
    return out


def _body(body: Any) -> dict[str, Any]:
    if not isinstance(body, Mapping):
        raise BadRequest("empty")
    return dict(body)


CHECKOUT = v3.View("checkout.v3", to_v3, _body)


# --------------------------------------------------------------------------- request bodies


def version_of(body: Any) -> int | None:
    version = body.get("version") if isinstance(body, Mapping) else None
    return int(version) if version is not None else None


def consignment_input(body: Mapping[str, Any]) -> ConsignmentInput:
    pickup = body.get("pickup_option") or {}
    custom = body.get("custom_shipping") or {}
    price = custom.get("price")
    return ConsignmentInput(
        address=body.get("address"),
        line_items=body.get("line_items"),
        shipping_option_id=body.get("shipping_option_id"),
        pickup_method_id=pickup.get("pickup_method_id"),
        custom_shipping=Decimal(str(price)) if price is not None else None,
    )


# --------------------------------------------------------------------------- orders, tokens, settings


def _order(order_id: int, call: Call) -> dict[str, Any]:
    return {"id": order_id}


ORDER = v3.View("checkout.order.v3", _order, _body)


class TokenView(v3.View):
    """``{checkoutToken, meta}``: upstream's token answer has no ``data`` envelope."""

    def render(self, result: object, call: Call, status: int) -> Rendered:
        assert isinstance(result, Token)
        return Rendered(status, {"checkoutToken": result.token, "meta": {}})


TOKEN = TokenView("checkout.token.v3", lambda token, call: {}, _body)


def settings_to_v3(found: CheckoutSettings, call: Call) -> dict[str, Any]:
    return {name: getattr(found, name) for name in SCRIPT_FIELDS}


def channel_settings_to_v3(found: CheckoutSettings, call: Call) -> dict[str, Any]:
    return {name: getattr(found, name) for name in CHANNEL_FIELDS}


SETTINGS = v3.View("checkout.settings.v3", settings_to_v3, _body)
CHANNEL_SETTINGS = v3.View("checkout.channel_settings.v3", channel_settings_to_v3, _body)
