"""Checkouts (upstream checkouts.v3.yml): a cart's billing address, consignments, shipping,
coupon, manual discounts, fees and message, and the orders made from it.

A checkout is read through its cart (``carts.get``: unknown or expired is 404) and priced by
the cart service (``carts.priced``), so its lines and amounts are the cart's, worked out from
the catalog at every read. A write names the cart's ``version`` optionally (409 when stale)
and moves the cart's version on, as every checkout write changes what the cart's checkout is.

Money: the subtotal is the cart's amount; the coupon's and the manual discounts come off it;
the selected shipping options' costs and the fees are added. No taxes are modelled.

``create_order`` checks everything first (a billing address, every physical item in a
consignment with a shipping option, stock, the coupon still redeemable), then makes the order
through the order service (status Incomplete, as BigCommerce's checkout orders start), which
lowers tracked stock, and only then counts the coupon's use. Each call makes a new order.
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from mockbc.domain import countries
from mockbc.domain.carts import Cart
from mockbc.domain.checkouts import (
    CHANNEL_FIELDS,
    GLOBAL_SETTINGS,
    SCRIPT_FIELDS,
    SHIPPING_OPTIONS,
    Checkout,
    CheckoutAddress,
    CheckoutFee,
    CheckoutSettings,
    Consignment,
    ShippingOption,
)
from mockbc.domain.errors import Invalid, NotFound, Problem, invalid
from mockbc.domain.orders import ZERO, cents
from mockbc.services import carts as cart_service
from mockbc.services import channels as channel_service
from mockbc.services import coupons as coupon_service
from mockbc.services import orders as order_service
from mockbc.services import promotions as promotion_service
from mockbc.services.carts import PricedCart
from mockbc.store.store import Store

INCOMPLETE = 0  # the status of an order a checkout makes (BC_FACTS §3.17)


# --------------------------------------------------------------------------- what a checkout amounts to


@dataclass(frozen=True, slots=True)
class AppliedCoupon:
    code: str
    id: int
    coupon_type: str
    display_name: str
    discounted_amount: Decimal


@dataclass(frozen=True, slots=True)
class PricedConsignment:
    consignment: Consignment
    available: tuple[tuple[ShippingOption, Decimal], ...]  # the options offered, with their costs
    selected: tuple[ShippingOption, Decimal] | None
    shipping_cost: Decimal


@dataclass(frozen=True, slots=True)
class Summary:
    """A checkout as read: its cart priced, its record, and the amounts that follow from them."""

    cart: Cart
    priced: PricedCart
    checkout: Checkout
    coupon: AppliedCoupon | None
    consignments: tuple[PricedConsignment, ...]
    line_discounts: Mapping[str, Decimal]
    manual_discount: Decimal
    subtotal: Decimal
    shipping_total: Decimal
    fees_total: Decimal
    grand_total: Decimal

    @property
    def id(self) -> str:
        return self.cart.id

    @property
    def discount_total(self) -> Decimal:
        coupon = self.coupon.discounted_amount if self.coupon is not None else ZERO
        return coupon + self.manual_discount + sum(self.line_discounts.values(), ZERO)


def _record(store: Store, cart: Cart) -> Checkout:
    found: Checkout | None = store.checkouts.get(cart.id)
    return found if found is not None else Checkout(cart.id, created_time=cart.created_time)


def _offered(option: ShippingOption, after_discounts: Decimal) -> bool:
    return option.free_from is None or after_discounts >= option.free_from


def _promotion_discount(rules_json: str, amount: Decimal) -> Decimal:
    """A promotion's cart_value actions: a fixed amount or a share off the cart (others give nothing here)."""
    total = ZERO
    try:
        rules = json.loads(rules_json)
    except ValueError:
        return ZERO
    for rule in rules if isinstance(rules, list) else ():
        action = (rule.get("action") or {}).get("cart_value") if isinstance(rule, dict) else None
        if not isinstance(action, dict):
            continue
        discount = action.get("discount") or {}
        if "fixed_amount" in discount:
            off = Decimal(str(discount["fixed_amount"]))
        elif "percentage_amount" in discount:
            off = cents(amount * Decimal(str(discount["percentage_amount"])) / 100)
        else:
            continue
        most = action.get("maximum_allowed_discount_amount")
        if most is not None:
            off = min(off, Decimal(str(most)))
        total += off
    return total


def _coupon(store: Store, code: str, priced: PricedCart, shipping: Decimal) -> AppliedCoupon | None:
    """What the applied code takes off today: a coupon by its type and amount, or a promotion's cart_value action."""
    amount = priced.cart_amount
    coupon = coupon_service.find_by_code(store, code)
    if coupon is not None:
        value = Decimal(str(coupon.amount))
        if coupon.min_purchase and amount < Decimal(str(coupon.min_purchase)):
            off = ZERO
        elif coupon.type == "percentage_discount":
            off = cents(amount * value / 100)
        elif coupon.type == "per_item_discount":
            off = sum((min(value, p.sale_price) * p.item.quantity for p in (*priced.physical, *priced.digital)), ZERO)
        elif coupon.type == "free_shipping":
            off = shipping
        elif coupon.type == "shipping_discount":
            off = min(value, shipping)
        else:
            off = value
        return AppliedCoupon(coupon.code, coupon.id, coupon.type, coupon.name, min(off, amount + shipping))
    found = promotion_service.find_code(store, code)
    if found is None:
        return None
    promotion = store.promotions.get(found.promotion_id)
    if promotion is None:
        return None
    off = min(_promotion_discount(promotion.rules, amount), amount)
    return AppliedCoupon(found.code, found.id, "promotion", promotion.display_name or promotion.name, off)


def summarise(store: Store, cart: Cart, checkout: Checkout | None = None) -> Summary:
    """The checkout of ``cart`` as read; with ``checkout``, as it would be with that record (nothing is written)."""
    priced = cart_service.priced(store, cart)
    checkout = checkout if checkout is not None else _record(store, cart)
    live_ids = {p.item.id for p in (*priced.physical, *priced.digital)}
    line_discounts = {item_id: amount for item_id, amount in checkout.line_discounts if item_id in live_ids}
    manual = min(checkout.manual_discount, priced.cart_amount)
    after_manual = max(priced.cart_amount - manual - sum(line_discounts.values(), ZERO), ZERO)
    consignments: list[PricedConsignment] = []
    physical_ids = {p.item.id for p in priced.physical}
    for stored in checkout.consignments:
        # An item deleted from the cart leaves its consignment with it.
        consignment = replace(stored, line_item_ids=tuple(i for i in stored.line_item_ids if i in physical_ids))
        available = tuple((o, o.cost) for o in SHIPPING_OPTIONS if _offered(o, after_manual))
        selected = next(((o, c) for o, c in available if o.id == consignment.shipping_option_id), None)
        cost = consignment.custom_shipping if consignment.custom_shipping is not None else None
        if cost is None:
            cost = selected[1] if selected is not None else ZERO
        consignments.append(PricedConsignment(consignment, available, selected, cost))
    shipping = sum((c.shipping_cost for c in consignments), ZERO)
    coupon = _coupon(store, cart.coupons[0], priced, shipping) if cart.coupons else None
    coupon_off = coupon.discounted_amount if coupon is not None else ZERO
    fees = sum((f.cost for f in checkout.fees), ZERO)
    discounts = coupon_off + manual + sum(line_discounts.values(), ZERO)
    grand = max(priced.cart_amount + shipping + fees - discounts, ZERO)
    return Summary(
        cart, priced, checkout, coupon, tuple(consignments), line_discounts, manual, priced.cart_amount,
        shipping, fees, grand,
    )  # fmt: skip


def get(store: Store, checkout_id: str) -> Summary:
    return summarise(store, cart_service.get(store, checkout_id))


# --------------------------------------------------------------------------- writing


def _begin(store: Store, checkout_id: str, version: int | None) -> tuple[Cart, Checkout]:
    cart = cart_service.get(store, checkout_id)
    cart_service._check_version(cart, version)
    return cart, _record(store, cart)


def _commit(store: Store, cart: Cart, checkout: Checkout, **cart_changes: Any) -> Summary:
    store.checkouts.put(checkout.id, checkout)
    changed = cart_service._changed(store, cart, **cart_changes)
    return summarise(store, changed)


def update(store: Store, checkout_id: str, *, customer_message: str, version: int | None = None) -> Summary:
    cart, checkout = _begin(store, checkout_id, version)
    return _commit(store, cart, replace(checkout, customer_message=customer_message))


def _line_ids(priced: PricedCart) -> dict[str, bool]:
    """Every catalog item's id -> whether it ships (physical)."""
    return {p.item.id: True for p in priced.physical} | {p.item.id: False for p in priced.digital}


def add_discounts(
    store: Store,
    checkout_id: str,
    *,
    cart_discounts: Sequence[Decimal] = (),
    line_discounts: Sequence[tuple[str, Decimal]] = (),
    version: int | None = None,
) -> Summary:
    """Manual discounts: an amount off the cart, and amounts off items; they replace the earlier ones."""
    cart, checkout = _begin(store, checkout_id, version)
    priced = cart_service.priced(store, cart)
    by_id = {p.item.id: p for p in (*priced.physical, *priced.digital)}
    problems: list[Problem] = []
    for index, (item_id, amount) in enumerate(line_discounts):
        line = by_id.get(item_id)
        if line is None:
            problems.append(Problem(f"cart.line_items.{index}.id", "checkout_item_missing", {"id": item_id}))
        elif amount > line.extended_sale_price:
            problems.append(
                Problem(
                    f"cart.line_items.{index}.discounted_amount",
                    "checkout_discount_over",
                    {"limit": line.extended_sale_price},
                )
            )
    whole = sum(cart_discounts, ZERO)
    if whole > priced.cart_amount:
        problems.append(
            Problem("cart.discounts.0.discounted_amount", "checkout_discount_over", {"limit": priced.cart_amount})
        )
    if problems:
        raise Invalid("checkout", tuple(problems))
    merged: dict[str, Decimal] = {}
    for item_id, amount in line_discounts:
        merged[item_id] = amount
    return _commit(store, cart, replace(checkout, manual_discount=whole, line_discounts=tuple(merged.items())))


def _address(values: Mapping[str, Any], where: str, problems: list[Problem]) -> CheckoutAddress:
    code = str(values.get("country_code") or "").upper()
    if code not in countries.NAMES:
        problems.append(Problem(f"{where}country_code", "checkout_country", {"value": values.get("country_code")}))
    fields = {
        name: str(values[name])
        for name in CheckoutAddress.__dataclass_fields__
        if name not in ("custom_fields", "country_code") and values.get(name) is not None
    }
    custom = tuple((str(f.get("field_id")), str(f.get("field_value") or "")) for f in values.get("custom_fields") or ())
    return CheckoutAddress(**fields, country_code=code, custom_fields=custom)


def set_billing_address(
    store: Store,
    checkout_id: str,
    values: Mapping[str, Any],
    *,
    address_id: int | None = None,
    version: int | None = None,
) -> Summary:
    """The billing address; ``address_id`` names the one to replace (404 when it is not this checkout's)."""
    cart, checkout = _begin(store, checkout_id, version)
    if address_id is not None and (checkout.billing_address is None or checkout.billing_address_id != address_id):
        raise NotFound("billing address", address_id)
    problems: list[Problem] = []
    address = _address(values, "", problems)
    if problems:
        raise Invalid("checkout", tuple(problems))
    address_id = checkout.billing_address_id or store.next_id("checkouts")
    updated = replace(checkout, billing_address=address, billing_address_id=address_id)
    return _commit(store, cart, updated, email=address.email or cart.email)


@dataclass(frozen=True, slots=True)
class ConsignmentInput:
    address: Mapping[str, Any] | None = None
    line_items: Sequence[Mapping[str, Any]] | None = None
    shipping_option_id: str | None = None
    pickup_method_id: int | None = None
    custom_shipping: Decimal | None = None


def _assigned(
    priced: PricedCart,
    lines: Sequence[Mapping[str, Any]],
    where: str,
    taken: set[str],
    problems: list[Problem],
) -> tuple[str, ...]:
    """The physical items a consignment ships: each whole (its quantity is the cart's) and in one consignment."""
    physical = {p.item.id: p for p in priced.physical}
    digital = {p.item.id for p in priced.digital}
    out: list[str] = []
    for index, line in enumerate(lines):
        item_id = str(line.get("item_id"))
        at = f"{where}line_items.{index}"
        item = physical.get(item_id)
        if item is None:
            rule = "checkout_item_digital" if item_id in digital else "checkout_item_missing"
            problems.append(Problem(f"{at}.item_id", rule, {"id": item_id}))
        elif line.get("quantity") != item.item.quantity:
            problems.append(Problem(f"{at}.quantity", "checkout_item_quantity", {"quantity": item.item.quantity}))
        elif item_id in taken:
            problems.append(Problem(f"{at}.item_id", "checkout_item_assigned", {"id": item_id}))
        else:
            taken.add(item_id)
            out.append(item_id)
    return tuple(out)


def add_consignments(
    store: Store, checkout_id: str, wanted: Sequence[ConsignmentInput], *, version: int | None = None
) -> Summary:
    cart, checkout = _begin(store, checkout_id, version)
    priced = cart_service.priced(store, cart)
    taken = {i for c in checkout.consignments for i in c.line_item_ids}
    problems: list[Problem] = []
    added: list[Consignment] = []
    for index, one in enumerate(wanted):
        where = f"{index}."
        if one.address is None:
            problems.append(Problem(f"{where}address", "missing"))
            continue
        if not one.line_items:
            problems.append(Problem(f"{where}line_items", "missing"))
            continue
        address = _address(one.address, f"{where}address.", problems)
        ids = _assigned(priced, one.line_items, where, taken, problems)
        added.append(
            Consignment(str(uuid.uuid4()), str(uuid.uuid4()), address, ids, pickup_method_id=one.pickup_method_id)
        )
    if problems:
        raise Invalid("checkout", tuple(problems))
    return _commit(store, cart, replace(checkout, consignments=checkout.consignments + tuple(added)))


def _consignment(checkout: Checkout, consignment_id: str) -> Consignment:
    found = next((c for c in checkout.consignments if c.id == consignment_id), None)
    if found is None:
        raise NotFound("consignment", consignment_id)
    return found


def update_consignment(
    store: Store, checkout_id: str, consignment_id: str, wanted: ConsignmentInput, *, version: int | None = None
) -> Summary:
    """The address or items (which clear the selected option), or the shipping option, which must be on offer."""
    cart, checkout = _begin(store, checkout_id, version)
    current = _consignment(checkout, consignment_id)
    priced = cart_service.priced(store, cart)
    problems: list[Problem] = []
    updated = current
    if wanted.address is not None:
        updated = replace(updated, address=_address(wanted.address, "address.", problems), shipping_option_id=None)
    if wanted.line_items is not None:
        taken = {i for c in checkout.consignments if c.id != consignment_id for i in c.line_item_ids}
        ids = _assigned(priced, wanted.line_items, "", taken, problems)
        updated = replace(updated, line_item_ids=ids, shipping_option_id=None)
    if wanted.pickup_method_id is not None:
        updated = replace(updated, pickup_method_id=wanted.pickup_method_id)
    if wanted.custom_shipping is not None:
        updated = replace(updated, custom_shipping=wanted.custom_shipping)
    if wanted.shipping_option_id is not None:
        draft = replace(
            checkout, consignments=tuple(updated if c.id == consignment_id else c for c in checkout.consignments)
        )
        store_view = summarise(store, cart, draft)
        offered = next(c for c in store_view.consignments if c.consignment.id == consignment_id).available
        if not any(o.id == wanted.shipping_option_id for o, _ in offered):
            problems.append(
                Problem("shipping_option_id", "checkout_shipping_option", {"value": wanted.shipping_option_id})
            )
        updated = replace(updated, shipping_option_id=wanted.shipping_option_id)
    if problems:
        raise Invalid("checkout", tuple(problems))
    consignments = tuple(updated if c.id == consignment_id else c for c in checkout.consignments)
    return _commit(store, cart, replace(checkout, consignments=consignments))


def select_shipping_option(
    store: Store, checkout_id: str, consignment_id: str, option_id: str, *, version: int | None = None
) -> Summary:
    """The consignment's shipping option (one it is offered): what a storefront checkout selects."""
    return update_consignment(
        store, checkout_id, consignment_id, ConsignmentInput(shipping_option_id=option_id), version=version
    )


def delete_consignment(store: Store, checkout_id: str, consignment_id: str, *, version: int | None = None) -> Summary:
    cart, checkout = _begin(store, checkout_id, version)
    _consignment(checkout, consignment_id)
    kept = tuple(c for c in checkout.consignments if c.id != consignment_id)
    return _commit(store, cart, replace(checkout, consignments=kept))


def _check_code(store: Store, code: str, cart: Cart) -> str:
    """The code as stored, if it can be redeemed now (the rules ``coupons.redeem`` and
    ``promotions.redeem_code`` apply when the order is placed); 422 otherwise."""
    now = store.clock.now()
    coupon = coupon_service.find_by_code(store, code)
    if coupon is not None:
        if not coupon.enabled:
            raise invalid("coupon", "coupon_code", "coupon_disabled", value=coupon.code)
        if coupon.expires is not None and coupon.expires <= now:
            raise invalid("coupon", "coupon_code", "coupon_expired", value=coupon.code)
        if coupon.max_uses and coupon.num_uses >= coupon.max_uses:
            raise invalid("coupon", "coupon_code", "coupon_used_up", value=coupon.code, limit=coupon.max_uses)
        amount = cart_service.priced(store, cart).cart_amount
        if coupon.min_purchase and amount < Decimal(str(coupon.min_purchase)):
            raise invalid(
                "coupon", "coupon_code", "checkout_coupon_minimum", value=coupon.code, limit=coupon.min_purchase
            )
        return coupon.code
    found = promotion_service.find_code(store, code)
    if found is None:
        raise invalid("coupon", "coupon_code", "coupon_unknown", value=code)
    promotion = promotion_service.get(store, found.promotion_id)
    if promotion.status != "ENABLED" or promotion.start_date > now:
        raise invalid("coupon", "coupon_code", "coupon_disabled", value=found.code)
    if promotion.end_date is not None and promotion.end_date <= now:
        raise invalid("coupon", "coupon_code", "coupon_expired", value=found.code)
    for limit, used in ((found.max_uses, found.current_uses), (promotion.max_uses or 0, promotion.current_uses)):
        if limit and used >= limit:
            raise invalid("coupon", "coupon_code", "coupon_used_up", value=found.code, limit=limit)
    if promotion.channels and cart.channel_id not in promotion.channels:
        raise invalid("coupon", "coupon_code", "checkout_coupon_channel", value=found.code, id=cart.channel_id)
    return found.code


def apply_coupon(store: Store, checkout_id: str, code: str | None, *, version: int | None = None) -> Summary:
    """One coupon per checkout: another code replaces the one applied (upstream allows one coupon code)."""
    cart, checkout = _begin(store, checkout_id, version)
    if not code:
        raise Invalid("coupon", (Problem("coupon_code", "missing"),))
    stored = _check_code(store, code, cart)
    return _commit(store, cart, checkout, coupons=(stored,))


def remove_coupon(store: Store, checkout_id: str, code: str, *, version: int | None = None) -> Summary:
    cart, checkout = _begin(store, checkout_id, version)
    if not any(c.casefold() == code.casefold() for c in cart.coupons):
        raise NotFound("coupon", code)
    return _commit(store, cart, checkout, coupons=tuple(c for c in cart.coupons if c.casefold() != code.casefold()))


def _fee(values: Mapping[str, Any], fee_id: str) -> CheckoutFee:
    tax_class = values.get("tax_class_id")
    return CheckoutFee(
        id=fee_id, name=values["name"], display_name=values["display_name"], cost=Decimal(str(values["cost"])),
        source=values["source"], type=values.get("type", "custom_fee"),
        tax_class_id=int(tax_class) if tax_class is not None else None,
    )  # fmt: skip


def add_fees(store: Store, checkout_id: str, fees: Sequence[Mapping[str, Any]]) -> Summary:
    cart, checkout = _begin(store, checkout_id, None)
    added = tuple(_fee(values, str(uuid.uuid4())) for values in fees)
    return _commit(store, cart, replace(checkout, fees=checkout.fees + added))


def _fee_positions(checkout: Checkout, ids: Sequence[str], where: str) -> None:
    known = {f.id for f in checkout.fees}
    problems = [
        Problem(where.format(i), "checkout_fee_missing", {"id": f}) for i, f in enumerate(ids) if f not in known
    ]
    if problems:
        raise Invalid("checkout", tuple(problems))


def update_fees(store: Store, checkout_id: str, fees: Sequence[Mapping[str, Any]]) -> Summary:
    cart, checkout = _begin(store, checkout_id, None)
    _fee_positions(checkout, [str(f["id"]) for f in fees], "fees.{}.id")
    replaced = {str(f["id"]): _fee(f, str(f["id"])) for f in fees}
    return _commit(store, cart, replace(checkout, fees=tuple(replaced.get(f.id, f) for f in checkout.fees)))


def delete_fees(store: Store, checkout_id: str, ids: Sequence[str]) -> Summary:
    cart, checkout = _begin(store, checkout_id, None)
    _fee_positions(checkout, ids, "ids.{}")
    gone = set(ids)
    return _commit(store, cart, replace(checkout, fees=tuple(f for f in checkout.fees if f.id not in gone)))


# --------------------------------------------------------------------------- orders


def _order_address(address: CheckoutAddress) -> dict[str, Any]:
    return {
        "first_name": address.first_name, "last_name": address.last_name, "company": address.company,
        "street_1": address.address1, "street_2": address.address2, "city": address.city,
        "state": address.state_or_province, "zip": address.postal_code, "country": countries.name_of(address.country_code),
        "country_iso2": address.country_code, "phone": address.phone, "email": address.email,
    }  # fmt: skip


def _order_lines(summary: Summary) -> tuple[order_service.LineInput, ...]:
    lines: list[order_service.LineInput] = []
    for line in (*summary.priced.physical, *summary.priced.digital):
        item = line.item
        lines.append(
            order_service.LineInput(
                field=f"line_items.{len(lines)}",
                product_id=item.product_id,
                variant_id=item.variant_id or None,
                options=tuple((o.option_id, o.value) for o in item.options) or None,
                name=item.name,
                quantity=item.quantity,
                price_ex_tax=line.sale_price,
                price_inc_tax=line.sale_price,
            )
        )
    for custom in summary.cart.custom_items:
        lines.append(
            order_service.LineInput(
                field=f"line_items.{len(lines)}",
                name=custom.name,
                quantity=custom.quantity,
                price_ex_tax=custom.list_price,
                price_inc_tax=custom.list_price,
                extra={"sku": custom.sku},
            )
        )
    return tuple(lines)


def create_order(store: Store, checkout_id: str) -> int:
    """A new Incomplete order from the checkout; its id. Nothing is written unless every check passes."""
    cart = cart_service.get(store, checkout_id)
    summary = summarise(store, cart)
    checkout = summary.checkout
    problems: list[Problem] = []
    if checkout.billing_address is None:
        problems.append(Problem("billing_address", "checkout_billing_required"))
    shipped = {i for c in summary.consignments for i in c.consignment.line_item_ids}
    unshipped = [p.item.id for p in summary.priced.physical if p.item.id not in shipped]
    if unshipped:
        problems.append(Problem("consignments", "checkout_items_unshipped", {"ids": ", ".join(unshipped)}))
    for index, consignment in enumerate(summary.consignments):
        chosen = consignment.consignment.custom_shipping is not None or consignment.consignment.pickup_method_id
        if consignment.consignment.line_item_ids and consignment.selected is None and not chosen:
            problems.append(Problem(f"consignments.{index}.selected_shipping_option", "checkout_no_shipping_option"))
    if problems:
        raise Invalid("checkout", tuple(problems))
    items = cart_service._live(store, cart.items)
    cart_service._check_purchasable(store, items, {item.id: f"line_items.{i}" for i, item in enumerate(items)})
    code = _check_code(store, cart.coupons[0], cart) if cart.coupons else None
    assert checkout.billing_address is not None
    shipping = summary.shipping_total
    addresses = tuple(
        order_service.AddressInput(
            _order_address(c.consignment.address), shipping_method=c.selected[0].description if c.selected else ""
        )
        for c in summary.consignments
        if c.consignment.line_item_ids
    )
    fields: dict[str, Any] = {
        "status_id": INCOMPLETE, "customer_id": cart.customer_id, "channel_id": cart.channel_id, "cart_id": cart.id,
        "customer_message": checkout.customer_message, "default_currency_code": cart.currency,
        "base_shipping_cost": shipping, "shipping_cost_ex_tax": shipping, "shipping_cost_inc_tax": shipping,
        "discount_amount": summary.discount_total, "order_source": "checkout_api",
    }  # fmt: skip
    fees = tuple(
        {"display_name_customer": f.display_name, "display_name_merchant": f.name, "source": f.source,
         "cost_ex_tax": f.cost, "cost_inc_tax": f.cost, "tax_class_id": f.tax_class_id}
        for f in checkout.fees
    )  # fmt: skip
    request = order_service.OrderInput(
        fields=fields, billing_address=_order_address(checkout.billing_address), lines=_order_lines(summary),
        shipping_addresses=addresses or None, fees=fees or None,
    )  # fmt: skip
    order = order_service.create(store, request)
    if code is not None:
        if coupon_service.find_by_code(store, code) is not None:
            coupon_service.redeem(store, code)
        else:
            promotion_service.redeem_code(store, code)
    store.checkouts.put(checkout.id, replace(checkout, order_id=order.id))
    return order.id


# --------------------------------------------------------------------------- tokens and settings


@dataclass(frozen=True, slots=True)
class Token:
    checkout_id: str
    token: str
    max_uses: int
    ttl: int


def create_token(store: Store, checkout_id: str, *, max_uses: int = 1, ttl: int = 86400) -> Token:
    """A token for the storefront to load the checkout; mockbc does not keep it (no storefront checkout page)."""
    cart = cart_service.get(store, checkout_id)
    return Token(cart.id, secrets.token_hex(32), max_uses, ttl)


def settings(store: Store, channel_id: int = GLOBAL_SETTINGS) -> CheckoutSettings:
    """The store-wide settings, or a channel's, which start from the store-wide script settings (404 for an unknown channel)."""
    if channel_id != GLOBAL_SETTINGS:
        channel_service.require(store, channel_id)
    found: CheckoutSettings | None = store.checkout_settings.get(channel_id)
    if found is not None:
        return found
    if channel_id == GLOBAL_SETTINGS:
        return CheckoutSettings(GLOBAL_SETTINGS)
    base = settings(store, GLOBAL_SETTINGS)
    return replace(base, id=channel_id)


def update_settings(store: Store, channel_id: int, changes: Mapping[str, Any]) -> CheckoutSettings:
    current = settings(store, channel_id)
    allowed = SCRIPT_FIELDS if channel_id == GLOBAL_SETTINGS else CHANNEL_FIELDS
    updated = replace(current, **{k: v for k, v in changes.items() if k in allowed})
    store.checkout_settings.put(updated.id, updated)
    store.emit("checkout_settings", "updated", updated.id)
    return updated
