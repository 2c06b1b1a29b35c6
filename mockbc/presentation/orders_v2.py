"""Orders on the v2 wire (upstream orders.v2.oas2.yml): bodies read into the orders services' inputs, records
rendered with four-place money strings, RFC 2822 dates and ``{url, resource}`` links on the mock's own host.

Money in a body may be a number or a decimal string (upstream: "Float, Float-As-String, Integer"), never negative.
List filters take RFC 2822 or ISO 8601 dates (upstream's min_date_created and its siblings); anything else is a
400. ``sort`` is ``field`` or ``field:asc|desc``; an unknown field or direction is a 400 too.
"""

from __future__ import annotations

import email.utils
import itertools
import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import orjson

from mockbc.domain import errors as e
from mockbc.domain.errors import Invalid, Problem
from mockbc.domain.orders import (
    ADDRESS_FIELDS,
    SHIPPING_PROVIDERS,
    STATUS_SORT_ORDER,
    STATUSES,
    ZERO,
    Address,
    Fee,
    FormField,
    Order,
    OrderProduct,
    OrderStatus,
    Pickup,
    Shipment,
    ShippingAddress,
    cents,
)
from mockbc.domain.query import Condition, Predicate
from mockbc.presentation.call import Call, Listing
from mockbc.presentation.v2 import V2Listing, View, link, rfc2822
from mockbc.services.order_shipments import ItemInput, ShipmentInput
from mockbc.services.orders import AddressInput, LineInput, OrderInput, PickupInput
from mockbc.store.store import Store

_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
RATE = "1.0000000000"  # currency_exchange_rate of a v2-created order (upstream's order description)

# Order money fields a body may set, by their v2 names (all are the record's names too).
MONEY = (
    "base_handling_cost", "base_shipping_cost", "base_wrapping_cost", "discount_amount",
    "handling_cost_ex_tax", "handling_cost_inc_tax", "shipping_cost_ex_tax", "shipping_cost_inc_tax",
    "subtotal_ex_tax", "subtotal_inc_tax", "total_ex_tax", "total_inc_tax", "wrapping_cost_ex_tax",
    "wrapping_cost_inc_tax",
)  # fmt: skip
# Overrides come in pairs (BC_FACTS §3.7): one half alone is refused.
PAIRS = (
    ("subtotal_ex_tax", "subtotal_inc_tax"), ("total_ex_tax", "total_inc_tax"),
    ("shipping_cost_ex_tax", "shipping_cost_inc_tax"), ("handling_cost_ex_tax", "handling_cost_inc_tax"),
    ("wrapping_cost_ex_tax", "wrapping_cost_inc_tax"),
)  # fmt: skip
TEXT = (
    "customer_message", "staff_notes", "payment_method", "order_source", "external_order_id", "ebay_order_id",
    "geoip_country", "geoip_country_iso2", "ip_address", "ip_address_v6", "customer_locale", "tax_provider_id",
    "default_currency_code",
)  # fmt: skip
NULLABLE_TEXT = ("external_source", "external_merchant_id")
INTEGERS = ("customer_id", "status_id", "channel_id")
# In upstream's order bodies but worked out by the mock: a body carrying them is refused with upstream's sentence.
READ_ONLY = frozenset({"items_total", "items_shipped", "refunded_amount", "external_id", "order_is_digital"})
LINE_TEXT = ("name", "name_customer", "name_merchant", "upc", "sku", "wrapping_name", "wrapping_message")
LINE_MONEY = ("wrapping_cost_ex_tax", "wrapping_cost_inc_tax")
LINE_FIELDS = frozenset({
    "id", "product_id", "variant_id", "product_options", "quantity", "price_ex_tax", "price_inc_tax", "wrapping_id",
    *LINE_TEXT, *LINE_MONEY,
})  # fmt: skip
SORTS: dict[str, Callable[[Order], Any]] = {
    "id": lambda o: o.id,
    "customer_id": lambda o: o.customer_id,
    "date_created": lambda o: o.date_created,
    "date_modified": lambda o: o.date_modified,
    "status_id": lambda o: o.status_id,
    "channel_id": lambda o: o.channel_id,
    "external_id": lambda o: o.external_id or "",
}


def money(value: Decimal) -> str:
    """v2 money: four places, as a string (``"62.6793"``)."""
    return f"{cents(value):f}"


# --------------------------------------------------------------------------- reading bodies


class _Problems:
    def __init__(self) -> None:
        self.found: list[Problem] = []

    def add(self, where: str, rule: str, **facts: Any) -> None:
        self.found.append(Problem(where, rule, facts))

    def raise_any(self) -> None:
        if self.found:
            raise Invalid("body", tuple(self.found))


def _money(value: Any, where: str, problems: _Problems) -> Decimal | None:
    if isinstance(value, str) and _DECIMAL.fullmatch(value.strip()):
        amount = Decimal(value.strip())
    elif isinstance(value, int) and not isinstance(value, bool):
        amount = Decimal(value)
    elif isinstance(value, float) and math.isfinite(value):
        amount = Decimal(str(value))
    else:
        problems.add(where, "not_decimal")
        return None
    if amount < 0:
        problems.add(where, "minimum", limit=0)
        return None
    if amount >= Decimal(10) ** 15:
        problems.add(where, "maximum", limit=10**15)
        return None
    return amount


def _text(value: Any, where: str, problems: _Problems) -> str | None:
    if not isinstance(value, str):
        problems.add(where, "type", types=["string"])
        return None
    return value


def _integer(value: Any, where: str, problems: _Problems) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        problems.add(where, "type", types=["integer"])
        return None
    return value


def _form_fields(raw: Any, where: str, problems: _Problems) -> tuple[FormField, ...]:
    if not isinstance(raw, list):
        problems.add(where, "type", types=["array"])
        return ()
    out: list[FormField] = []
    for position, entry in enumerate(raw):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            problems.add(f"{where}.{position}", "order_form_field")
            continue
        out.append(FormField(entry["name"], entry.get("value", "")))
    return tuple(out)


def _address(
    raw: Any, where: str, problems: _Problems, *, shipping: bool, with_id: bool = False
) -> AddressInput | None:
    if not isinstance(raw, dict):
        problems.add(where, "type", types=["object"])
        return None
    values: dict[str, Any] = {}
    method: str | None = None
    address_id: int | None = None
    for name, value in raw.items():
        if name == "id" and with_id:
            address_id = _integer(value, f"{where}.id", problems)
        elif name in ADDRESS_FIELDS:
            text = _text(value, f"{where}.{name}", problems)
            if text is not None:
                values[name] = text
        elif name == "form_fields":
            values["form_fields"] = _form_fields(value, f"{where}.{name}", problems)
        elif name == "shipping_method" and shipping:
            method = _text(value, f"{where}.{name}", problems)
        else:
            problems.add(f"{where}.{name}", "unknown_field")
    return AddressInput(values, method, address_id, where)


def _options(raw: Any, where: str, problems: _Problems) -> tuple[tuple[int, str], ...] | None:
    if not isinstance(raw, list):
        problems.add(where, "type", types=["array"])
        return None
    out: list[tuple[int, str]] = []
    for position, entry in enumerate(raw):
        option_id = entry.get("id") if isinstance(entry, dict) else None
        value = entry.get("value") if isinstance(entry, dict) else None
        if isinstance(option_id, bool) or not isinstance(option_id, int) or isinstance(value, bool):
            problems.add(f"{where}.{position}", "order_product_option")
            continue
        if isinstance(value, int):
            value = str(value)
        if not isinstance(value, str):
            problems.add(f"{where}.{position}", "order_product_option")
            continue
        out.append((option_id, value))
    return tuple(out)


def _line(raw: Any, where: str, problems: _Problems, *, with_id: bool) -> LineInput | None:
    if not isinstance(raw, dict):
        problems.add(where, "type", types=["object"])
        return None
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for name, value in raw.items():
        at = f"{where}.{name}"
        if name not in LINE_FIELDS or (name == "id" and not with_id):
            problems.add(at, "unknown_field")
        elif name in ("id", "product_id", "variant_id", "quantity", "wrapping_id"):
            number = _integer(value, at, problems)
            if number is not None and name in ("id", "product_id", "variant_id") and number < 1:
                problems.add(at, "minimum", limit=1)
            elif number is not None and name != "wrapping_id":
                values[name] = number
        elif name in ("price_ex_tax", "price_inc_tax"):
            values[name] = _money(value, at, problems)
        elif name in LINE_MONEY:
            amount = _money(value, at, problems)
            if amount is not None:
                extra[name] = amount
        elif name == "product_options":
            values["options"] = _options(value, at, problems)
        elif name == "name":
            values["name"] = _text(value, at, problems)
        else:
            text = _text(value, at, problems)
            if text is not None:
                extra[name] = text
    return LineInput(field=where, extra=extra, **values)


def _lines(raw: Any, where: str, problems: _Problems, *, with_id: bool) -> tuple[LineInput, ...] | None:
    if not isinstance(raw, list):
        problems.add(where, "type", types=["array"])
        return None
    found = (_line(item, f"{where}.{position}", problems, with_id=with_id) for position, item in enumerate(raw))
    return tuple(item for item in found if item is not None)


def _pickups(raw: Any, problems: _Problems) -> tuple[PickupInput, ...] | None:
    pickups = raw.get("pickups") if isinstance(raw, dict) else None
    if not isinstance(pickups, list) or not pickups:
        problems.add("consignments.pickups", "min_items", limit=1)
        return None
    out: list[PickupInput] = []
    for position, item in enumerate(pickups):
        where = f"consignments.pickups.{position}"
        if not isinstance(item, dict):
            problems.add(where, "type", types=["object"])
            continue
        method = _integer(item.get("pickup_method_id"), f"{where}.pickup_method_id", problems)
        texts = {
            name: item[name]
            for name in ("pickup_method_display_name", "collection_instructions", "collection_time_description")
            if name in item and _text(item[name], f"{where}.{name}", problems) is not None
        }
        location = item.get("location", {})
        if not isinstance(location, dict):
            problems.add(f"{where}.location", "type", types=["object"])
            location = {}
        lines = _lines(item.get("line_items"), f"{where}.line_items", problems, with_id=False)
        if method is None or lines is None:
            continue
        if not lines:
            problems.add(f"{where}.line_items", "min_items", limit=1)
            continue
        out.append(PickupInput(Pickup(method, location=tuple(location.items()), **texts), lines))
    return tuple(out)


def _fees(raw: Any, problems: _Problems, *, with_id: bool) -> tuple[dict[str, Any], ...] | None:
    if not isinstance(raw, list):
        problems.add("fees", "type", types=["array"])
        return None
    out: list[dict[str, Any]] = []
    for position, item in enumerate(raw):
        where = f"fees.{position}"
        if not isinstance(item, dict):
            problems.add(where, "type", types=["object"])
            continue
        fee: dict[str, Any] = {}
        for name, value in item.items():
            at = f"{where}.{name}"
            if name == "id" and with_id:
                fee["id"] = _integer(value, at, problems)
            elif name == "type":
                if value != "custom_fee":
                    problems.add(at, "enum", options=["custom_fee"])
            elif name in ("display_name_customer", "display_name_merchant", "source"):
                fee[name] = _text(value, at, problems)
            elif name in ("cost_ex_tax", "cost_inc_tax"):
                fee[name] = _money(value, at, problems)
            elif name == "tax_class_id":
                fee[name] = None if value is None else _integer(value, at, problems)
            else:
                problems.add(at, "unknown_field")
        if "cost_ex_tax" in fee and "cost_inc_tax" not in fee:
            fee["cost_inc_tax"] = fee["cost_ex_tax"]
        if "cost_inc_tax" in fee and "cost_ex_tax" not in fee:
            fee["cost_ex_tax"] = fee["cost_inc_tax"]
        out.append(fee)
    return tuple(out)


def _order_fields(body: Mapping[str, Any], problems: _Problems) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, value in body.items():
        if name in MONEY:
            fields[name] = _money(value, name, problems)
        elif name in TEXT:
            fields[name] = _text(value, name, problems)
        elif name in NULLABLE_TEXT:
            fields[name] = None if value is None else _text(value, name, problems)
        elif name in INTEGERS:
            number = _integer(value, name, problems)
            if number is not None and number < 0:
                problems.add(name, "minimum", limit=0)
            fields[name] = number
        elif name == "payment_provider_id":
            fields[name] = "" if value is None else str(value)
        elif name == "date_created":
            try:
                fields[name] = _body_date(value)
            except ValueError:
                problems.add(name, "not_v2_date")
    for ex, inc in PAIRS:
        if (ex in body) != (inc in body):
            given, missing = (ex, inc) if ex in body else (inc, ex)
            problems.add(missing, "order_pair", other=given)
    if "subtotal_ex_tax" in body:
        fields["fixed_subtotal"] = True
    if "total_ex_tax" in body:
        fields["fixed_total"] = True
    return fields


def _read(body: Any, *, update: bool) -> OrderInput:
    if not isinstance(body, dict):
        raise e.invalid("body", "body", "type", types=["object"])
    read_only = [Problem(name, "read_only", {"field": name}) for name in body if name in READ_ONLY]
    if read_only:
        raise Invalid("read_only", tuple(read_only))
    problems = _Problems()
    fields = _order_fields(body, problems)
    billing = None
    if "billing_address" in body:
        found = _address(body["billing_address"], "billing_address", problems, shipping=False)
        if found is not None:
            billing = found.address
            zip_code = billing.get("zip")
            # The billing address needs a zip of two characters or more (upstream billingAddress_Base).
            if zip_code is None and not update:
                problems.add("billing_address.zip", "missing")
            elif zip_code is not None and len(zip_code.strip()) < 2:
                problems.add("billing_address.zip", "min_length", limit=2)
    addresses = None
    if "shipping_addresses" in body:
        raw = body["shipping_addresses"]
        if not isinstance(raw, list):
            problems.add("shipping_addresses", "type", types=["array"])
        else:
            parsed = [
                _address(a, f"shipping_addresses.{i}", problems, shipping=True, with_id=update)
                for i, a in enumerate(raw)
            ]
            addresses = tuple(a for a in parsed if a is not None)
    lines = _lines(body["products"], "products", problems, with_id=update) if "products" in body else None
    pickups = None
    if "consignments" in body:
        pickups = () if update else _pickups(body["consignments"], problems)  # update refuses them whole
    fees = _fees(body["fees"], problems, with_id=update) if "fees" in body else None
    problems.raise_any()
    return OrderInput(fields, billing, lines, addresses, pickups, fees)


def parse_create(body: Any) -> dict[str, Any]:
    return {"order": _read(body, update=False)}


def parse_update(body: Any) -> dict[str, Any]:
    return {"order": _read(body, update=True)}


def _body_date(raw: Any) -> datetime:
    if not isinstance(raw, str):
        raise ValueError(raw)
    return _order_date(raw)


def _order_date(raw: str) -> datetime:
    """RFC 2822 or ISO 8601 (a bare date is midnight UTC); nothing else, unix seconds included."""
    text = raw.strip()
    if not text or text.lstrip("+-").isdigit():
        raise ValueError(raw)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            raise ValueError(raw) from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def parse_address(body: Any) -> dict[str, Any]:
    problems = _Problems()
    found = _address(body, "", problems, shipping=True)
    problems.found = [replace(p, field=p.field.lstrip(".")) for p in problems.found]
    problems.raise_any()
    assert found is not None
    return {"address": found}


def parse_shipment(body: Any, *, create: bool) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise e.invalid("body", "body", "type", types=["object"])
    problems = _Problems()
    fields: dict[str, Any] = {}
    items: tuple[ItemInput, ...] | None = None
    for name, value in body.items():
        if name in (
            "tracking_number",
            "shipping_method",
            "shipping_provider",
            "tracking_carrier",
            "tracking_link",
            "comments",
        ):
            text = _text(value, name, problems)
            if text is not None:
                fields[name] = text
        elif name == "order_address_id":
            fields[name] = _integer(value, name, problems)
        elif name == "merchant_shipping_cost":
            fields[name] = _money(value, name, problems)
        elif name == "items" and create:
            if not isinstance(value, list):
                problems.add(name, "type", types=["array"])
                continue
            found: list[ItemInput] = []
            for position, item in enumerate(value):
                where = f"items.{position}"
                if not isinstance(item, dict):
                    problems.add(where, "type", types=["object"])
                    continue
                unknown = [k for k in item if k not in ("order_product_id", "quantity")]
                for name_unknown in unknown:
                    problems.add(f"{where}.{name_unknown}", "unknown_field")
                line_id = (
                    _integer(item["order_product_id"], f"{where}.order_product_id", problems)
                    if "order_product_id" in item
                    else None
                )
                quantity = _integer(item["quantity"], f"{where}.quantity", problems) if "quantity" in item else None
                found.append(ItemInput(where, line_id, quantity))
            items = tuple(found)
        else:
            problems.add(name, "unknown_field")
    problems.raise_any()
    return {"shipment": ShipmentInput(fields, items)}


# --------------------------------------------------------------------------- rendering


def _address_out(address: Address) -> dict[str, Any]:
    out: dict[str, Any] = {name: getattr(address, name) for name in ADDRESS_FIELDS}
    out["form_fields"] = [{"name": f.name, "value": f.value} for f in address.form_fields]
    return out


def _fee_out(fee: Fee) -> dict[str, Any]:
    return {
        "id": fee.id, "type": fee.type, "display_name_customer": fee.display_name_customer,
        "display_name_merchant": fee.display_name_merchant or fee.display_name_customer, "source": fee.source,
        "base_cost": money(fee.cost_ex_tax), "cost_ex_tax": money(fee.cost_ex_tax),
        "cost_inc_tax": money(fee.cost_inc_tax), "cost_tax": money(fee.cost_inc_tax - fee.cost_ex_tax),
        "tax_class_id": fee.tax_class_id,
    }  # fmt: skip


def order_v2(order: Order, call: Call) -> dict[str, Any]:
    """One order, in the field order of upstream's example."""
    base = f"/orders/{order.id}"
    subtotal_tax = order.subtotal_inc_tax - order.subtotal_ex_tax
    shipping_tax = order.shipping_cost_inc_tax - order.shipping_cost_ex_tax
    handling_tax = order.handling_cost_inc_tax - order.handling_cost_ex_tax
    wrapping_tax = order.wrapping_cost_inc_tax - order.wrapping_cost_ex_tax
    addresses = len(call.store.order_addresses.lookup("order_id", order.id))
    out: dict[str, Any] = {
        "id": order.id, "customer_id": order.customer_id, "date_created": rfc2822(order.date_created),
        "date_modified": rfc2822(order.date_modified), "date_shipped": rfc2822(order.date_shipped),
        "status_id": order.status_id, "status": order.status,
        "subtotal_ex_tax": money(order.subtotal_ex_tax), "subtotal_inc_tax": money(order.subtotal_inc_tax),
        "subtotal_tax": money(subtotal_tax), "base_shipping_cost": money(order.base_shipping_cost),
        "shipping_cost_ex_tax": money(order.shipping_cost_ex_tax),
        "shipping_cost_inc_tax": money(order.shipping_cost_inc_tax), "shipping_cost_tax": money(shipping_tax),
        "shipping_cost_tax_class_id": 0, "base_handling_cost": money(order.base_handling_cost),
        "handling_cost_ex_tax": money(order.handling_cost_ex_tax),
        "handling_cost_inc_tax": money(order.handling_cost_inc_tax), "handling_cost_tax": money(handling_tax),
        "handling_cost_tax_class_id": 0, "base_wrapping_cost": money(order.base_wrapping_cost),
        "wrapping_cost_ex_tax": money(order.wrapping_cost_ex_tax),
        "wrapping_cost_inc_tax": money(order.wrapping_cost_inc_tax), "wrapping_cost_tax": money(wrapping_tax),
        "wrapping_cost_tax_class_id": 0, "total_ex_tax": money(order.total_ex_tax),
        "total_inc_tax": money(order.total_inc_tax), "total_tax": money(order.total_inc_tax - order.total_ex_tax),
        "is_tax_inclusive_pricing": False, "items_total": order.items_total, "items_shipped": order.items_shipped,
        "payment_method": order.payment_method, "payment_provider_id": order.payment_provider_id,
        "payment_status": order.payment_status, "refunded_amount": money(order.refunded_amount),
        "order_is_digital": order.order_is_digital, "store_credit_amount": money(ZERO),
        "gift_certificate_amount": money(ZERO), "ip_address": order.ip_address, "ip_address_v6": order.ip_address_v6,
        "geoip_country": order.geoip_country, "geoip_country_iso2": order.geoip_country_iso2, "currency_id": 1,
        "currency_code": order.default_currency_code, "currency_exchange_rate": RATE, "default_currency_id": 1,
        "default_currency_code": order.default_currency_code, "staff_notes": order.staff_notes,
        "customer_message": order.customer_message, "discount_amount": money(order.discount_amount),
        "coupon_discount": money(ZERO), "shipping_address_count": addresses, "is_deleted": order.is_deleted,
        "ebay_order_id": order.ebay_order_id, "cart_id": order.cart_id,
        "billing_address": _address_out(order.billing_address), "is_email_opt_in": False, "credit_card_type": None,
        "order_source": order.order_source, "channel_id": order.channel_id, "external_source": order.external_source,
        "products": link(call, f"{base}/products"), "shipping_addresses": link(call, f"{base}/shipping_addresses"),
        "coupons": link(call, f"{base}/coupons"), "external_id": order.external_id,
        "external_merchant_id": order.external_merchant_id, "tax_provider_id": order.tax_provider_id,
        "store_default_currency_code": order.default_currency_code, "store_default_to_transactional_exchange_rate": RATE,
        "custom_status": order.status, "customer_locale": order.customer_locale,
        "external_order_id": order.external_order_id,
    }  # fmt: skip
    include = call.query.get("include") or ()
    if "fees" in include:
        out["fees"] = [_fee_out(fee) for fee in order.fees]
    if "consignments" in include or "consignments.line_items" in include:
        out["consignments"] = consignments_v2(order, call, lines="consignments.line_items" in include)
    return out


def _option_out(option: Any, line_id: int) -> dict[str, Any]:
    return {
        "id": option.id, "option_id": option.option_id, "order_product_id": line_id,
        "product_option_id": option.option_id, "display_name": option.display_name,
        "display_name_customer": option.display_name, "display_name_merchant": option.display_name,
        "display_value": option.display_value, "display_value_customer": option.display_value,
        "display_value_merchant": option.display_value, "value": option.value, "type": option.type,
        "name": option.display_name, "display_style": "",
    }  # fmt: skip


def line_v2(line: OrderProduct, call: Call) -> dict[str, Any]:
    tax = line.price_inc_tax - line.price_ex_tax
    return {
        "id": line.id, "order_id": line.order_id, "product_id": line.product_id, "variant_id": line.variant_id,
        "order_pickup_method_id": line.order_pickup_method_id, "order_address_id": line.order_address_id,
        "name": line.name, "name_customer": line.name_customer or line.name, "name_merchant": line.name_merchant or line.name,
        "sku": line.sku, "upc": line.upc, "type": line.type, "base_price": money(line.base_price),
        "price_ex_tax": money(line.price_ex_tax), "price_inc_tax": money(line.price_inc_tax), "price_tax": money(tax),
        "base_total": money(line.base_price * line.quantity), "total_ex_tax": money(line.total_ex_tax),
        "total_inc_tax": money(line.total_inc_tax), "total_tax": money(tax * line.quantity),
        "weight": money(line.weight), "width": money(line.width), "height": money(line.height),
        "depth": money(line.depth), "quantity": line.quantity, "base_cost_price": money(line.base_cost_price),
        "cost_price_inc_tax": money(line.base_cost_price), "cost_price_ex_tax": money(line.base_cost_price),
        "cost_price_tax": money(ZERO), "is_refunded": line.quantity_refunded > 0 and line.quantity_refunded >= line.quantity,
        "quantity_refunded": line.quantity_refunded, "refund_amount": money(line.refund_amount), "return_id": 0,
        "wrapping_id": 0, "wrapping_name": line.wrapping_name, "base_wrapping_cost": money(line.wrapping_cost_ex_tax),
        "wrapping_cost_ex_tax": money(line.wrapping_cost_ex_tax),
        "wrapping_cost_inc_tax": money(line.wrapping_cost_inc_tax),
        "wrapping_cost_tax": money(line.wrapping_cost_inc_tax - line.wrapping_cost_ex_tax),
        "wrapping_message": line.wrapping_message, "quantity_shipped": line.quantity_shipped, "event_name": None,
        "event_date": None, "fixed_shipping_cost": money(ZERO), "ebay_item_id": "", "ebay_transaction_id": "",
        "option_set_id": None, "parent_order_product_id": None, "is_bundled_product": False,
        "bin_picking_number": line.bin_picking_number, "external_id": None, "brand": line.brand,
        "applied_discounts": [], "product_options": [_option_out(o, line.id) for o in line.product_options],
        "configurable_fields": [], "gift_certificate_id": None, "discounted_total_inc_tax": money(line.total_inc_tax),
    }  # fmt: skip


def _shipped_at(store: Store, address: ShippingAddress) -> tuple[int, int]:
    lines = [li for li in store.order_products.many(store.order_products.lookup("order_id", address.order_id))
             if li.order_address_id == address.id]  # fmt: skip
    return sum(li.quantity for li in lines), sum(li.quantity_shipped for li in lines)


def address_v2(address: ShippingAddress, call: Call) -> dict[str, Any]:
    items_total, items_shipped = _shipped_at(call.store, address)
    resource = f"/orders/{address.order_id}/shipping_addresses/{address.id}/shipping_quotes"
    out: dict[str, Any] = {"id": address.id, "order_id": address.order_id}
    out.update(_address_out(address.address))
    form_fields = out.pop("form_fields")
    out.update({
        "items_total": items_total, "items_shipped": items_shipped, "shipping_method": address.shipping_method,
        "base_cost": money(address.base_cost), "cost_ex_tax": money(address.cost_ex_tax),
        "cost_inc_tax": money(address.cost_inc_tax), "cost_tax": money(address.cost_inc_tax - address.cost_ex_tax),
        "cost_tax_class_id": 0, "base_handling_cost": money(address.base_handling_cost),
        "handling_cost_ex_tax": money(address.handling_cost_ex_tax),
        "handling_cost_inc_tax": money(address.handling_cost_inc_tax),
        "handling_cost_tax": money(address.handling_cost_inc_tax - address.handling_cost_ex_tax),
        "handling_cost_tax_class_id": 0, "shipping_zone_id": 0, "shipping_zone_name": "",
        "shipping_quotes": link(call, resource), "form_fields": form_fields,
    })  # fmt: skip
    return out


def _without_form_fields(address: Address) -> dict[str, Any]:
    out = _address_out(address)
    del out["form_fields"]
    return out


def shipment_v2(shipment: Shipment, call: Call) -> dict[str, Any]:
    order: Order = call.store.orders.require(shipment.order_id)
    shipped_to: ShippingAddress | None = call.store.order_addresses.get(shipment.order_address_id)
    provider = shipment.shipping_provider
    return {
        "id": shipment.id, "order_id": shipment.order_id, "customer_id": order.customer_id,
        "order_address_id": shipment.order_address_id, "date_created": rfc2822(shipment.date_created),
        "tracking_number": shipment.tracking_number, "merchant_shipping_cost": money(shipment.merchant_shipping_cost),
        "shipping_method": shipment.shipping_method, "comments": shipment.comments, "shipping_provider": provider,
        "tracking_carrier": shipment.tracking_carrier, "tracking_link": shipment.tracking_link,
        "billing_address": _without_form_fields(order.billing_address),
        "shipping_address": _without_form_fields(shipped_to.address) if shipped_to is not None else {},
        "items": [{"order_product_id": i.order_product_id, "product_id": i.product_id, "quantity": i.quantity}
                  for i in shipment.items],
        "shipping_provider_display_name": SHIPPING_PROVIDERS.get(provider, provider),
        "generated_tracking_link": shipment.tracking_link,
    }  # fmt: skip


def status_v2(status: OrderStatus, call: Call) -> dict[str, Any]:
    status_id, name = status.id, status.name
    return {
        "id": status_id, "name": name, "system_label": name, "custom_label": name,
        "system_description": STATUS_DESCRIPTIONS[status_id], "order": STATUS_SORT_ORDER[status_id],
    }  # fmt: skip


def count_v2(counts: Mapping[int, int], call: Call) -> dict[str, Any]:
    """``GET /v2/orders/count``: every status with its count, in the control panel's order, and the total."""
    statuses = []
    for status_id in sorted(STATUSES, key=STATUS_SORT_ORDER.__getitem__):
        entry = status_v2(OrderStatus(status_id), call)
        entry["sort_order"] = entry.pop("order")
        entry["count"] = counts.get(status_id, 0)
        statuses.append(entry)
    return {"statuses": statuses, "count": sum(counts.values())}


COST_FIELDS = (
    "base_cost", "cost_ex_tax", "cost_inc_tax", "cost_tax", "base_handling_cost", "handling_cost_ex_tax",
    "handling_cost_inc_tax", "handling_cost_tax",
)  # fmt: skip


def consignments_v2(order: Order, call: Call, *, lines: bool = True) -> dict[str, Any]:
    """``GET /v2/orders/{id}/consignments``: the order's lines grouped by where they go."""
    store = call.store
    order_lines: list[OrderProduct] = store.order_products.many(store.order_products.lookup("order_id", order.id))

    def line_links(selected: Iterable[OrderProduct]) -> list[dict[str, str]]:
        return [link(call, f"/orders/{order.id}/products/{li.id}") for li in selected]

    pickups = []
    for position, pickup in enumerate(order.pickups, start=1):
        location = dict(pickup.location)
        pickups.append({
            "id": position, "pickup_method_id": pickup.pickup_method_id,
            "pickup_method_display_name": pickup.pickup_method_display_name,
            "collection_instructions": pickup.collection_instructions,
            "collection_time_description": pickup.collection_time_description,
            "location": {"id": position, **location},
            "line_items": line_links(li for li in order_lines if li.order_pickup_method_id == pickup.pickup_method_id),
        })  # fmt: skip
    shipping = []
    for found in store.order_addresses.many(store.order_addresses.lookup("order_id", order.id)):
        entry = address_v2(found, call)
        # A shipping consignment gives its costs as numbers (upstream shippingConsignment_Get), not v2 money strings.
        for name in COST_FIELDS:
            entry[name] = float(entry[name])
        quotes = f"/orders/{order.id}/consignments/shipping/{found.id}/shipping_quotes"
        entry["shipping_quotes"] = link(call, quotes)
        entry["line_items"] = line_links(li for li in order_lines if li.order_address_id == found.id)
        shipping.append(entry)
    return {"pickups": pickups, "shipping": shipping, "downloads": [], "email": {"gift_certificates": []}}


def fees_v2(order: Order, call: Call) -> dict[str, Any]:
    return {"fees": [_fee_out(fee) for fee in order.fees]}


def _same(record: Any, call: Call) -> Any:
    return record


STATUS_DESCRIPTIONS: dict[int, str] = {
    0: "The shopper reached payment but did not finish checking out.",
    1: "The shopper began checking out but did not finish.",
    2: "Every item has been shipped.",
    3: "Some items have been shipped, others have not.",
    4: "The order has been refunded in full.",
    5: "The merchant cancelled the order.",
    6: "The merchant declined the order.",
    7: "Checkout is complete; the payment is not yet confirmed.",
    8: "The order is packed and waits for the customer to collect it.",
    9: "The order is packed and waits for the carrier.",
    10: "The order is complete (digital goods are available).",
    11: "Checkout is complete and the payment confirmed.",
    12: "The order is on hold until something is checked by hand.",
    13: "The customer disputes the payment.",
    14: "Part of the order has been refunded.",
}


# --------------------------------------------------------------------------- lists


def _date_value(name: str, raw: Any) -> datetime:
    try:
        return _order_date(str(raw))
    except (ValueError, OverflowError):
        raise Invalid("filter", (Problem(name, "not_order_date", {"raw": raw}),)) from None


def _sort(raw: Any) -> tuple[str | None, bool]:
    if raw is None:
        return None, False
    field_name, _, direction = str(raw).partition(":")
    if field_name not in SORTS:
        raise e.invalid("filter", "sort", "not_one_of", raw=raw, options=list(SORTS))
    if direction.lower() not in ("", "asc", "desc"):
        raise e.invalid("filter", "sort", "not_one_of", raw=raw, options=[f"{field_name}:asc", f"{field_name}:desc"])
    return field_name, direction.lower() == "desc"


def _deleted_wanted(call: Call) -> bool:
    # is_deleted=true lists the archived orders instead of the others. getOrders does not declare the parameter
    # (orders.v2.oas2.yml), so the typed query cannot carry it: it is read from the raw query string.
    for key, value in call.query_items:
        if key == "is_deleted":
            return value.strip().lower() in ("true", "1")
    return False


def _id_range(store: Store, low: int | None, high: int | None) -> Condition:
    return Condition("id", "in", _ids_between(store, low, high))


def _ids_between(store: Store, low: int | None, high: int | None) -> list[int]:
    last = store.sequence("orders").last or 0
    start, stop = max(low or 1, 1), min(high if high is not None else last, last)
    return [order_id for order_id in range(start, stop + 1) if order_id in store.orders]


def _total_check(op: str, bound: Decimal) -> Predicate:
    if op == "min":
        return lambda order: bool(order.total_inc_tax >= bound)
    return lambda order: bool(order.total_inc_tax <= bound)


def read_query(call: Call, filterable: Collection[str], converters: Any) -> tuple[list[Condition], list[Predicate]]:
    """The getOrders filters as conditions for the orders service, and the checks it leaves to the page."""
    query = call.query
    conditions: list[Condition] = []
    checks: list[Predicate] = []
    for name in ("customer_id", "status_id", "cart_id", "payment_method", "channel_id", "external_order_id"):
        if name in query:
            conditions.append(Condition(name, "eq", query[name]))
    if "email" in query:
        conditions.append(Condition("email", "eq", str(query["email"]).casefold()))
    if "min_id" in query or "max_id" in query:
        conditions.append(_id_range(call.store, query.get("min_id"), query.get("max_id")))
    for field_name in ("date_created", "date_modified"):
        low = _date_value(f"min_{field_name}", query[f"min_{field_name}"]) if f"min_{field_name}" in query else None
        high = _date_value(f"max_{field_name}", query[f"max_{field_name}"]) if f"max_{field_name}" in query else None
        if low is not None or high is not None:
            conditions.append(Condition(field_name, "range", (low, high)))
    for name, op in (("min_total", "min"), ("max_total", "max")):
        if name in query:
            try:
                bound = Decimal(str(query[name]))
            except InvalidOperation:
                raise Invalid("filter", (Problem(name, "not_number", {"raw": query[name]}),)) from None
            checks.append(_total_check(op, bound))
    if _deleted_wanted(call):
        conditions.append(Condition("is_deleted", "eq", True))
    else:
        # Checked on the page as it is read, not looked up: most orders are not archived.
        checks.append(lambda order: not order.is_deleted)
    return conditions, checks


class OrderView(View):
    """Orders: the v2 list shapes, plus ``sort=field:direction``."""

    def listing(
        self, call: Call, filterable: Collection[str], converters: Any = None, *, max_limit: int | None = None
    ) -> Listing:
        base = super().listing(call, filterable, converters, max_limit=max_limit)
        sort, descending = _sort(call.query.get("sort"))
        return replace(base, sort=sort, descending=descending)


def page_of(records: Sequence[Any], listing: Listing) -> list[Any]:
    """One page of ``records`` (in id order), the listing's checks run on each record as it is read and its sort
    applied: in id order only as many records are read as the page needs."""
    checks = listing.checks if isinstance(listing, V2Listing) else ()
    start = (listing.page - 1) * listing.limit
    if listing.sort not in (None, "id"):
        matched = [r for r in records if all(check(r) for check in checks)]
        key = SORTS[listing.sort or "id"]
        matched.sort(key=key, reverse=listing.descending)  # stable: ties stay in id order
        return matched[start : start + listing.limit]
    ordered: Iterable[Any] = records
    if listing.descending:
        ordered = records.reversed() if hasattr(records, "reversed") else list(reversed(records))
    if not checks:
        return list(itertools.islice(ordered, start, start + listing.limit))
    return list(itertools.islice((r for r in ordered if all(c(r) for c in checks)), start, start + listing.limit))


def matching(records: Iterable[Any], listing: Listing) -> Iterable[Any]:
    checks = listing.checks if isinstance(listing, V2Listing) else ()
    return (r for r in records if all(check(r) for check in checks))


def order_item_v2(order: Order, call: Call) -> dict[str, Any] | orjson.Fragment:
    """``order_v2`` already serialised, kept while the order, its number of shipping addresses and
    the host its links name are the ones it was written from: a page of 50 would otherwise format
    over a thousand money strings and dates per request."""
    if call.query.get("include"):
        return order_v2(order, call)
    addresses = len(call.store.order_addresses.lookup("order_id", order.id))
    cache = call.store.rendered.setdefault("order.v2:json", {})
    hit = cache.get(order.id)
    if hit is not None:
        (was, was_addresses, was_base), fragment = hit
        if was is order and was_addresses == addresses and was_base == call.base_url:
            return fragment  # type: ignore[no-any-return]
    fragment = orjson.Fragment(orjson.dumps(order_v2(order, call)))
    cache[order.id] = ((order, addresses, call.base_url), fragment)
    return fragment


ORDER_VIEW = OrderView("order.v2", order_item_v2, parse_create, query=read_query)
ORDER_UPDATE_VIEW = OrderView("order.v2", order_item_v2, parse_update, query=read_query)
COUNT_VIEW = OrderView("order_count.v2", count_v2, query=read_query)
LINE_VIEW = View("order_product.v2", line_v2)
ADDRESS_VIEW = View("order_address.v2", address_v2, parse_address)
SHIPMENT_VIEW = View("shipment.v2", shipment_v2, lambda body: parse_shipment(body, create=True))
SHIPMENT_UPDATE_VIEW = View("shipment.v2", shipment_v2, lambda body: parse_shipment(body, create=False))
STATUS_VIEW = View("order_status.v2", status_v2)
PLAIN_VIEW = View("order_part.v2", _same)
CONSIGNMENTS_VIEW = View("order_consignments.v2", consignments_v2)
FEES_VIEW = View("order_fees.v2", fees_v2)
