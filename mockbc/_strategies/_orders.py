"""Orders (v2): bodies for ``POST /v2/orders`` whose lines name the store's real products and
variants within their stock, shipments of what an order has left to ship, and bodies the mock
must refuse (400, in v2's error list).

A catalog line buys a simple product (its base variant) or one variant of a product with
options, by ``variant_id`` or by ``product_options``; a custom line carries its own name and a
price pair. Tracked stock (the product's or the variant's, as the product tracks it) is never
exceeded by the lines of one body, so every body is accepted under the default
``Limits(order_over_stock="refuse")``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from mockbc._strategies._core import InvalidCase, apply_overrides, check_overrides, check_store
from mockbc._strategies._intended import INTENDED
from mockbc._strategies._v2 import rfc2822_dates, v2_properties
from mockbc.domain.products import Product
from mockbc.domain.variants import Variant
from mockbc.services import orders as order_service
from mockbc.store.store import Store

CREATE = "createOrder"
MAX_LINES_DRAWN = 3
MAX_QUANTITY_DRAWN = 5
STATUS_IDS = range(0, 15)  # BigCommerce's order statuses (GET /v2/order_statuses)

# (country, ISO 3166-1 alpha-2, a state or province, a postal code there, a city)
_PLACES = (
    ("United States", "US", "Texas", "78701", "Austin"),
    ("United States", "US", "California", "94103", "San Francisco"),
    ("Canada", "CA", "Ontario", "M5V 2T6", "Toronto"),
    ("United Kingdom", "GB", "England", "SW1A 1AA", "London"),
    ("Australia", "AU", "New South Wales", "2000", "Sydney"),
    ("Germany", "DE", "Berlin", "10115", "Berlin"),
)
_FIRST = ("Ann", "Bo", "Chidi", "Dana", "Émile", "Farah", "Grete", "Hiro", "Ines", "José", "Zoë")
_LAST = ("Lee", "Okafor", "Smith", "Müller", "Tanaka", "García", "O'Neil", "Nguyen", "Kowalska")
_STREETS = ("1 Main St", "22 Harbour Rd", "350 Fifth Ave", "7 Rue de la Paix", "Flat 3, 9 Elm Grove")


@st.composite
def order_addresses(draw: st.DrawFn) -> dict[str, Any]:
    """A v2 order address: a real country with its ISO code, a state and a postal code of it."""
    country, iso2, state, zip_code, city = draw(st.sampled_from(_PLACES))
    first, last = draw(st.sampled_from(_FIRST)), draw(st.sampled_from(_LAST))
    address = {
        "first_name": first, "last_name": last, "street_1": draw(st.sampled_from(_STREETS)), "city": city,
        "state": state, "zip": zip_code, "country": country, "country_iso2": iso2,
        "email": f"{first.lower()}.{draw(st.integers(1, 10**6))}@example.com",
    }  # fmt: skip
    if draw(st.booleans()):
        address["phone"] = f"+1 555 {draw(st.integers(0, 9999)):04d}"
    if draw(st.integers(0, 3)) == 0:
        address["company"] = draw(st.sampled_from(("Acme Corp", "Northwind", "Initech")))
    return address


def _prices(draw: st.DrawFn) -> tuple[str, str]:
    cents = draw(st.integers(0, 10**7))
    tax = draw(st.sampled_from((0, 0, 10, 20)))
    return f"{cents / 100:.2f}", f"{cents * (100 + tax) / 10000:.2f}"


def _custom_line(draw: st.DrawFn) -> dict[str, Any]:
    ex, inc = _prices(draw)
    name = draw(st.sampled_from(("Gift wrap service", "Engraving", "Custom print", "Repair", "Assembly")))
    return {
        "name": name,
        "quantity": draw(st.integers(1, MAX_QUANTITY_DRAWN)),
        "price_ex_tax": ex,
        "price_inc_tax": inc,
    }


def _buyable(store: Store) -> Iterator[tuple[Product, Variant, tuple[str, int, int] | None, int | None]]:
    """Every variant a line can buy, with the stock it draws on (None: not tracked) and what is left."""
    for product in store.products.values():
        for variant in store.variants.many(store.variants.lookup("product_id", product.id)):
            if product.base_variant_id is None and not variant.option_values:
                continue  # not a buyable combination
            if product.inventory_tracking == "product":
                yield product, variant, ("product", product.id, 0), product.inventory_level
            elif product.inventory_tracking == "variant":
                yield product, variant, ("variant", product.id, variant.id), variant.inventory_level
            else:
                yield product, variant, None, None


def _catalog_line(draw: st.DrawFn, store: Store, taken: dict[tuple[str, int, int], int]) -> dict[str, Any] | None:
    choices = [
        (product, variant, key, left - taken.get(key, 0) if key is not None and left is not None else None)
        for product, variant, key, left in _buyable(store)
    ]
    choices = [choice for choice in choices if choice[3] is None or choice[3] >= 1]
    if not choices:
        return None
    product, variant, key, left = draw(st.sampled_from(choices))
    quantity = draw(st.integers(1, min(MAX_QUANTITY_DRAWN, left if left is not None else MAX_QUANTITY_DRAWN)))
    if key is not None:
        taken[key] = taken.get(key, 0) + quantity
    line: dict[str, Any] = {"product_id": product.id, "quantity": quantity}
    if variant.option_values:
        if draw(st.booleans()):
            line["variant_id"] = variant.id
        else:
            line["product_options"] = [{"id": ref.option_id, "value": str(ref.id)} for ref in variant.option_values]
    if draw(st.integers(0, 4)) == 0:
        line["price_ex_tax"], line["price_inc_tax"] = _prices(draw)
    return line


def _lines(draw: st.DrawFn, store: Store | None) -> list[dict[str, Any]]:
    taken: dict[tuple[str, int, int], int] = {}
    lines: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(1, MAX_LINES_DRAWN))):
        line = _catalog_line(draw, store, taken) if store is not None and draw(st.integers(0, 3)) else None
        lines.append(line if line is not None else _custom_line(draw))
    return lines


def tracked_stock(store: Store) -> dict[tuple[str, int], int]:
    """Every tracked stock level: ``("product", id)`` for products tracking their own,
    ``("variant", id)`` for the variants of products tracking theirs."""
    levels = {
        ("product", p.id): p.inventory_level for p in store.products.values() if p.inventory_tracking == "product"
    }
    by_variant = {p.id for p in store.products.values() if p.inventory_tracking == "variant"}
    levels.update({("variant", v.id): v.inventory_level for v in store.variants.values() if v.product_id in by_variant})
    return levels


def stock_taken(store: Store, body: dict[str, Any]) -> dict[tuple[str, int], int]:
    """What the catalog lines of an ``orders()`` body take from tracked stock, keyed as ``tracked_stock``."""
    taken: dict[tuple[str, int], int] = {}
    for line in body.get("products", ()):
        product = store.products.get(line.get("product_id", 0))
        if product is None or product.inventory_tracking not in ("product", "variant"):
            continue
        if product.inventory_tracking == "product":
            key = ("product", product.id)
        else:
            wanted = {int(option["value"]) for option in line.get("product_options", ())}
            variant_id = line.get("variant_id") or next(
                (v.id for v in store.variants.many(store.variants.lookup("product_id", product.id))
                 if wanted and v.combination == wanted),
                product.base_variant_id,
            )  # fmt: skip
            key = ("variant", int(variant_id or 0))
        taken[key] = taken.get(key, 0) + int(line["quantity"])
    return taken


@st.composite
def orders(draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]) -> dict[str, Any]:
    """Bodies for ``POST /v2/orders`` that the mock accepts with 200.

    A ``billing_address``, one to three ``products`` lines (given ``store``, mostly catalog
    lines within the store's tracked stock; otherwise custom lines), and now and then shipping
    addresses, a status, a guest or existing ``customer_id``, a payment method, staff notes or
    a ``date_created`` for a migrated order. Overrides are sent as drawn.
    """
    check_store("orders", store)
    check_overrides("orders", CREATE, overrides, known=v2_properties(CREATE))
    body: dict[str, Any] = {"billing_address": draw(order_addresses()), "products": _lines(draw, store)}
    if draw(st.integers(0, 3)) == 0:
        body["shipping_addresses"] = [draw(order_addresses()) for _ in range(draw(st.integers(1, 2)))]
    if draw(st.booleans()):
        body["status_id"] = draw(st.sampled_from([s for s in STATUS_IDS if s != 0]))
    customers = [c.id for c in store.customers.values()] if store is not None else []
    if draw(st.booleans()) and customers:
        body["customer_id"] = draw(st.sampled_from(customers))
    if draw(st.booleans()):
        body["payment_method"] = draw(st.sampled_from(("Credit Card", "Cash", "Manual", "Test Payment Gateway")))
    if draw(st.integers(0, 4)) == 0:
        body["staff_notes"] = draw(st.sampled_from(("Leave at the back door", "Gift: no prices", "")))
    if draw(st.integers(0, 4)) == 0:
        body["date_created"] = draw(rfc2822_dates())
    apply_overrides(draw, body, overrides)
    return body


@st.composite
def shipments(draw: st.DrawFn, /, *, store: Store, order_id: int) -> dict[str, Any]:
    """Bodies for ``POST /v2/orders/{order_id}/shipments`` (201): one of the order's shipping
    addresses and some of its lines, each for at most what is left to ship of it."""
    check_store("shipments", store)
    if store is None or store.orders.get(order_id) is None:
        raise InvalidArgument(f"shipments(order_id={order_id!r}) needs store= holding that order")
    open_lines: dict[int, list[Any]] = {}  # shipping address id -> its lines with units left to ship
    for line in order_service.lines_of(store, order_id):
        if line.quantity - line.quantity_shipped > 0:
            open_lines.setdefault(line.order_address_id, []).append(line)
    if not open_lines:
        raise InvalidArgument(f"shipments(order_id={order_id}): nothing of the order is left to ship")
    # A shipment leaves from one address, with lines that go to it.
    address_id = draw(st.sampled_from(sorted(open_lines)))
    lines = open_lines[address_id]
    picked = draw(st.lists(st.sampled_from(lines), min_size=1, max_size=len(lines), unique_by=lambda x: x.id))
    items = [
        {"order_product_id": line.id, "quantity": draw(st.integers(1, line.quantity - line.quantity_shipped))}
        for line in picked
    ]
    body: dict[str, Any] = {"order_address_id": address_id, "items": items}
    if draw(st.booleans()):
        body["tracking_number"] = f"1Z{draw(st.integers(0, 10**12)):012d}"
        body["shipping_provider"] = draw(st.sampled_from(("ups", "usps", "fedex", "royalmail", "")))
    if draw(st.integers(0, 3)) == 0:
        body["comments"] = "Left with the neighbour"
    return body


# ---------------------------------------------------------------- refused


def _over_stock(store: Store | None) -> dict[str, Any] | None:
    for product, variant, key, left in _buyable(store) if store is not None else ():
        if key is not None and left is not None:
            line: dict[str, Any] = {"product_id": product.id, "quantity": left + 1}
            if variant.option_values:
                line["variant_id"] = variant.id
            return line
    return None


@st.composite
def invalid_orders(draw: st.DrawFn, /, *, store: Store | None = None) -> InvalidCase:
    """``InvalidCase``s for ``POST /v2/orders``, all 400 (v2 answers ``[{"status", "message"}]``,
    so ``field`` is None): no billing address, no lines, both ``products`` and ``consignments``,
    a line for a product that does not exist, a quantity of 0 or below, a custom line without a
    name or with half a price pair, a status outside 0-14, an unknown field, a postal code of
    one character, a ``date_created`` in neither RFC 2822 nor ISO 8601, and (given ``store``)
    more than a tracked product has in stock."""
    check_store("invalid_orders", store)
    body = draw(orders(store=store))
    custom = _custom_line(draw)
    missing_product = max((p.id for p in store.products.values()), default=0) + 10**6 if store is not None else 10**9
    breaks: list[tuple[str, Any]] = [
        ("no billing address", {k: v for k, v in body.items() if k != "billing_address"}),
        ("no products", {**body, "products": []}),
        ("products and consignments", {**body, "consignments": {"pickups": []}}),
        ("unknown product", {**body, "products": [{"product_id": missing_product, "quantity": 1}]}),
        ("quantity below 1", {**body, "products": [{**custom, "quantity": draw(st.integers(-5, 0))}]}),
        ("custom line without a name", {**body, "products": [{k: v for k, v in custom.items() if k != "name"}]}),
        ("half a price pair", {**body, "products": [{k: v for k, v in custom.items() if k != "price_inc_tax"}]}),
        ("status outside 0-14", {**body, "status_id": draw(st.sampled_from((15, 99, -1)))}),
        ("unknown field", {**body, "loyalty_points": 5}),
        ("one-character zip", {**body, "billing_address": {**body["billing_address"], "zip": "7"}}),
        ("date in a third format", {**body, "date_created": draw(st.sampled_from(("05/14/2024", "1715678040")))}),
    ]
    over = _over_stock(store)
    if over is not None:
        breaks.append(("more than is in stock", {**body, "products": [over]}))
    reason, payload = draw(st.sampled_from(breaks))
    INTENDED.add(payload)
    return InvalidCase(payload=payload, status=400, reason=reason)
