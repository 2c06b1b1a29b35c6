"""Create, change, find and archive orders (upstream orders.v2.oas2.yml createOrder, updateOrder, getOrders).

An order's lines are catalog products, priced from the catalog (the variant's calculated price, else the product's),
or custom ones priced by the request. Creating or editing lines moves tracked stock through the catalog services, so
their events fire and both catalog APIs show the new levels: product-level tracking takes the product's
``inventory_level``, variant-level the variant's. Every check runs before the first write: a refused request changes
nothing, stock included. Archiving (DELETE) keeps the order readable with ``is_deleted`` true and gives no stock back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as default
from datetime import datetime
from decimal import Decimal
from typing import Any

from mockbc.domain.errors import Invalid, NotFound, Problem
from mockbc.domain.events import Action
from mockbc.domain.order_payments import Transaction
from mockbc.domain.orders import (
    BUCKET_SHIFTS,
    MAX_LINE_NAME,
    PARTIALLY_SHIPPED,
    SHIPPED,
    STATUSES,
    ZERO,
    Address,
    Fee,
    LineOption,
    Order,
    OrderProduct,
    Pickup,
    ShippingAddress,
    bucket_index,
    cents,
)
from mockbc.domain.products import Product, calculated_price
from mockbc.domain.query import Condition, Filter
from mockbc.domain.variants import Variant, variant_calculated_price, variant_calculated_weight
from mockbc.services import channels as channel_service
from mockbc.services import customers as customer_service
from mockbc.services import products as product_service
from mockbc.services import variants as variant_service
from mockbc.store.select import Rows, select
from mockbc.store.store import Store

# Seconds a date range is clamped to, so an open-ended range is covered by a bounded number of buckets.
_EARLIEST, _LATEST = -(2**33), 2**34
_FANOUT = 16  # each bucket level is 2^4 times the one below (domain/orders.py BUCKET_SHIFTS)


# --------------------------------------------------------------------------- reading


def _cover(low: int, high: int) -> list[tuple[int, int]]:
    """The buckets ``(shift, key)`` whose union holds every second of ``[low, high]``, coarsest where they fit: a
    few dozen, whatever the range. Buckets at the two ends may also hold seconds outside it."""
    out: list[tuple[int, int]] = []
    first, last = low >> BUCKET_SHIFTS[0], high >> BUCKET_SHIFTS[0]
    for level, shift in enumerate(BUCKET_SHIFTS):
        if first > last:
            break
        if level == len(BUCKET_SHIFTS) - 1:
            out.extend((shift, key) for key in range(first, last + 1))
            break
        while first <= last and first % _FANOUT:
            out.append((shift, first))
            first += 1
        while first <= last and (last + 1) % _FANOUT:
            out.append((shift, last))
            last -= 1
        first, last = first // _FANOUT, (last + 1) // _FANOUT - 1
    return out


def _seconds(value: datetime | None, default: int) -> int:
    return default if value is None else min(max(int(value.timestamp()), _EARLIEST), _LATEST)


def _date_range(field_name: str) -> Filter:
    """A ``range`` condition ``(earliest, latest)`` (either may be ``None``) on a date, answered from its buckets."""

    def candidates(store: Store, condition: Condition) -> set[int]:
        earliest, latest = condition.value
        low, high = _seconds(earliest, _EARLIEST), _seconds(latest, _LATEST)
        found: set[int] = set()
        if low > high:
            return found
        for shift, key in _cover(low, high):
            found.update(store.orders.lookup(bucket_index(field_name, shift), key))
        return found

    def matches(condition: Condition) -> Any:
        earliest, latest = condition.value

        def check(order: Order) -> bool:
            value = getattr(order, field_name)
            return (earliest is None or value >= earliest) and (latest is None or value <= latest)

        return check

    return Filter(candidates=candidates, matches=matches)


def _casefold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


FILTERS = {
    "id": Filter(get=lambda o: o.id, primary=True),
    "customer_id": Filter(get=lambda o: o.customer_id, index="customer_id"),
    "email": Filter(get=lambda o: o.billing_address.email.casefold(), index="email", normalise=_casefold),
    "status_id": Filter(get=lambda o: o.status_id, index="status_id"),
    "cart_id": Filter(get=lambda o: o.cart_id, index="cart_id"),
    "payment_method": Filter(get=lambda o: o.payment_method, index="payment_method"),
    "channel_id": Filter(get=lambda o: o.channel_id, index="channel_id"),
    "external_order_id": Filter(get=lambda o: o.external_order_id, index="external_order_id"),
    "is_deleted": Filter(get=lambda o: o.is_deleted, index="is_deleted"),
    "total_inc_tax": Filter(get=lambda o: o.total_inc_tax),
    "date_created": _date_range("date_created"),
    "date_modified": _date_range("date_modified"),
}


def get(store: Store, order_id: int) -> Order:
    order: Order | None = store.orders.get(order_id)
    if order is None:
        raise NotFound("order", order_id)
    return order


def find(store: Store, conditions: Sequence[Condition]) -> Rows:
    """The orders meeting every condition, in id order (read lazily: a page loads only its records)."""
    return select(store.orders, conditions, FILTERS, context=store)


def lines_of(store: Store, order_id: int) -> list[OrderProduct]:
    found: list[OrderProduct] = store.order_products.many(store.order_products.lookup("order_id", order_id))
    return found


def line(store: Store, order_id: int, line_id: int) -> OrderProduct:
    get(store, order_id)
    found: OrderProduct | None = store.order_products.get(line_id)
    if found is None or found.order_id != order_id:
        raise NotFound("order product", line_id)
    return found


def addresses_of(store: Store, order_id: int) -> list[ShippingAddress]:
    found: list[ShippingAddress] = store.order_addresses.many(store.order_addresses.lookup("order_id", order_id))
    return found


def address(store: Store, order_id: int, address_id: int) -> ShippingAddress:
    get(store, order_id)
    found: ShippingAddress | None = store.order_addresses.get(address_id)
    if found is None or found.order_id != order_id:
        raise NotFound("shipping address", address_id)
    return found


# --------------------------------------------------------------------------- what a request asks for


@dataclass(frozen=True, slots=True)
class LineInput:
    """One line of a request body, typed by the presentation; ``field`` is where it sits in the body
    (``products.2``), for the errors."""

    field: str
    id: int | None = None
    product_id: int | None = None
    variant_id: int | None = None
    options: tuple[tuple[int, str], ...] | None = None
    name: str | None = None
    quantity: int | None = None
    price_ex_tax: Decimal | None = None
    price_inc_tax: Decimal | None = None
    extra: Mapping[str, Any] = default(default_factory=dict)  # sku, upc, name_customer, name_merchant, wrapping_*


@dataclass(frozen=True, slots=True)
class AddressInput:
    address: Mapping[str, Any]  # Address fields (form_fields as FormField tuples)
    shipping_method: str | None = None
    id: int | None = None  # PUT /v2/orders/{id}: the shipping address an item changes
    field: str = ""


@dataclass(frozen=True, slots=True)
class PickupInput:
    pickup: Pickup
    lines: tuple[LineInput, ...]


@dataclass(frozen=True, slots=True)
class OrderInput:
    """A create or update body: order fields (domain names and types), and the parts that are not plain fields."""

    fields: Mapping[str, Any]
    billing_address: Mapping[str, Any] | None = None
    lines: tuple[LineInput, ...] | None = None
    shipping_addresses: tuple[AddressInput, ...] | None = None
    pickups: tuple[PickupInput, ...] | None = None
    fees: tuple[Mapping[str, Any], ...] | None = None


# --------------------------------------------------------------------------- lines and stock


@dataclass(slots=True)
class _Plan:
    """What a create or update will write, worked out before anything is."""

    new_lines: list[tuple[LineInput, dict[str, Any]]] = default(default_factory=list)  # line fields without ids
    changed_lines: list[OrderProduct] = default(default_factory=list)
    removed_lines: list[OrderProduct] = default(default_factory=list)
    # (kind, product id, variant id) -> units taken (negative: given back), with the first field that took them
    stock: dict[tuple[str, int, int], int] = default(default_factory=dict)
    stock_field: dict[tuple[str, int, int], str] = default(default_factory=dict)
    # A line's chosen modifier values' price adjusters, by the line's field: ("relative" | "percentage", value)
    adjusters: dict[str, list[tuple[str, Decimal]]] = default(default_factory=dict)
    problems: list[Problem] = default(default_factory=list)

    def take(self, key: tuple[str, int, int], units: int, where: str) -> None:
        self.stock[key] = self.stock.get(key, 0) + units
        if units > 0:
            self.stock_field.setdefault(key, where)


def _resolve_variant(
    store: Store, product: Product, line_input: LineInput, plan: _Plan
) -> tuple[Variant | None, tuple[LineOption, ...]] | None:
    """The variant a catalog line buys and the options it records; ``None`` (with a problem noted) when it names
    none of the product's."""
    where = line_input.field
    chosen: list[LineOption] = []
    if line_input.variant_id is not None:
        variant: Variant | None = store.variants.get(line_input.variant_id)
        if variant is None or variant.product_id != product.id:
            plan.problems.append(
                Problem(
                    f"{where}.variant_id", "order_variant_missing", {"id": line_input.variant_id, "product": product.id}
                )
            )
            return None
    else:
        variant = None
    combination: set[int] = set()
    for option_id, raw_value in line_input.options or ():
        option = store.options.get(option_id)
        if option is not None and option.product_id == product.id:
            value = option.value(int(raw_value)) if raw_value.isdigit() else None
            if value is None:
                plan.problems.append(
                    Problem(f"{where}.product_options", "value_not_in_option", {"id": raw_value, "option": option_id})
                )
                return None
            combination.add(value.id)
            chosen.append(LineOption(value.id, option.id, option.display_name, value.label, str(value.id)))
            continue
        modifier = store.modifiers.get(option_id)
        if modifier is not None and modifier.product_id == product.id:
            picked = next((v for v in modifier.option_values if str(v.id) == raw_value), None)
            shown = picked.label if picked is not None else raw_value
            kind = "Multiple choice" if modifier.option_values else "Text field"
            chosen.append(LineOption(option_id, option_id, modifier.display_name, shown, raw_value, kind))
            if picked is not None and picked.adjusters.price.adjuster is not None:
                plan.adjusters.setdefault(where, []).append(
                    (picked.adjusters.price.adjuster, Decimal(str(picked.adjusters.price.adjuster_value)))
                )
            continue
        plan.problems.append(
            Problem(f"{where}.product_options", "option_not_on_product", {"id": option_id, "product": product.id})
        )
        return None
    if variant is None:
        if combination:
            variant = next(
                (v for v in variant_service.variants_of(store, product) if v.combination == combination), None
            )
            if variant is None:
                plan.problems.append(
                    Problem(f"{where}.product_options", "order_no_such_variant", {"product": product.id})
                )
                return None
        elif product.base_variant_id is not None:
            variant = store.variants.get(product.base_variant_id)
        else:
            plan.problems.append(Problem(f"{where}.product_options", "order_options_required", {"product": product.id}))
            return None
    elif combination and variant.combination != combination:
        plan.problems.append(Problem(f"{where}.product_options", "order_no_such_variant", {"product": product.id}))
        return None
    if variant is not None and not chosen and variant.option_values:
        for ref in variant.option_values:
            option = store.options.get(ref.option_id)
            value = option.value(ref.id) if option is not None else None
            if option is not None and value is not None:
                chosen.append(LineOption(value.id, option.id, option.display_name, value.label, str(value.id)))
    return variant, tuple(chosen)


def _quantity(line_input: LineInput, plan: _Plan, *, removable: bool) -> int | None:
    quantity = line_input.quantity
    if quantity is None:
        plan.problems.append(Problem(f"{line_input.field}.quantity", "missing"))
        return None
    if quantity < (0 if removable else 1):
        plan.problems.append(
            Problem(f"{line_input.field}.quantity", "order_quantity", {"limit": 0 if removable else 1})
        )
        return None
    return quantity


def _prices(line_input: LineInput, plan: _Plan, *, required: bool) -> tuple[Decimal, Decimal] | None:
    ex, inc = line_input.price_ex_tax, line_input.price_inc_tax
    if ex is None and inc is None:
        if required:
            plan.problems.append(Problem(f"{line_input.field}.price_ex_tax", "missing"))
        return None
    if ex is None or inc is None:
        given, other = ("price_ex_tax", "price_inc_tax") if ex is not None else ("price_inc_tax", "price_ex_tax")
        plan.problems.append(Problem(f"{line_input.field}.{other}", "order_pair", {"other": given}))
        return None
    return ex, inc


def _catalog_line(store: Store, line_input: LineInput, plan: _Plan) -> dict[str, Any] | None:
    where = line_input.field
    assert line_input.product_id is not None
    product: Product | None = store.products.get(line_input.product_id)
    if product is None:
        plan.problems.append(Problem(f"{where}.product_id", "order_product_missing", {"id": line_input.product_id}))
        return None
    resolved = _resolve_variant(store, product, line_input, plan)
    quantity = _quantity(line_input, plan, removable=False)
    half_priced = (line_input.price_ex_tax is None) != (line_input.price_inc_tax is None)
    prices = _prices(line_input, plan, required=False)
    if resolved is None or quantity is None or half_priced:
        return None
    variant, options = resolved
    base = Decimal(str(variant_calculated_price(variant, product) if variant else calculated_price(product)))
    # A chosen modifier value moves the price by its adjuster: an amount ("relative") or a share ("percentage").
    for adjuster, value in plan.adjusters.pop(where, ()):
        base += value if adjuster == "relative" else cents(base * value / 100)
    base = max(base, ZERO)
    ex, inc = prices or (base, base)
    brand = store.brands.get(product.brand_id) if product.brand_id else None
    stock_from = ""
    if product.inventory_tracking == "product":
        stock_from = "product"
    elif product.inventory_tracking == "variant" and variant is not None:
        stock_from = "variant"
    fields: dict[str, Any] = {
        "product_id": product.id, "variant_id": variant.id if variant else 0, "name": line_input.name or product.name,
        "quantity": quantity, "base_price": base, "price_ex_tax": ex, "price_inc_tax": inc,
        "sku": variant.sku if variant and variant.sku else product.sku, "upc": (variant.upc if variant else "") or product.upc,
        "type": product.type,
        "weight": Decimal(str(variant_calculated_weight(variant, product) if variant else product.weight)),
        "width": Decimal(str(variant.width if variant and variant.width is not None else product.width)),
        "height": Decimal(str(variant.height if variant and variant.height is not None else product.height)),
        "depth": Decimal(str(variant.depth if variant and variant.depth is not None else product.depth)),
        "base_cost_price": Decimal(str(variant.cost_price if variant and variant.cost_price is not None else product.cost_price)),
        "brand": brand.name if brand is not None else "",
        "bin_picking_number": (variant.bin_picking_number if variant else "") or product.bin_picking_number,
        "product_options": options, "stock_from": stock_from,
    }  # fmt: skip
    fields.update(line_input.extra)
    fields.setdefault("name_customer", fields["name"])
    fields.setdefault("name_merchant", fields["name"])
    return fields


def _custom_line(line_input: LineInput, plan: _Plan) -> dict[str, Any] | None:
    where = line_input.field
    name = line_input.name
    if name is None:
        plan.problems.append(Problem(f"{where}.name", "missing"))
    elif not 1 <= len(name) <= MAX_LINE_NAME:
        plan.problems.append(
            Problem(f"{where}.name", "max_length" if name else "min_length", {"limit": MAX_LINE_NAME if name else 1})
        )
    quantity = _quantity(line_input, plan, removable=False)
    prices = _prices(line_input, plan, required=True)
    if name is None or quantity is None or prices is None:
        return None
    ex, inc = prices
    fields: dict[str, Any] = {
        "name": name,
        "quantity": quantity,
        "base_price": ex,
        "price_ex_tax": ex,
        "price_inc_tax": inc,
    }
    fields.update(line_input.extra)
    fields.setdefault("name_customer", name)
    fields.setdefault("name_merchant", name)
    return fields


def _stock_key(fields: Mapping[str, Any]) -> tuple[str, int, int] | None:
    kind = fields.get("stock_from", "")
    if not kind:
        return None
    return (kind, fields["product_id"], fields["variant_id"] if kind == "variant" else 0)


def _plan_new(store: Store, line_inputs: Iterable[LineInput], plan: _Plan) -> None:
    for line_input in line_inputs:
        if line_input.id is not None:
            plan.problems.append(Problem(f"{line_input.field}.id", "order_line_missing", {"id": line_input.id}))
            continue
        fields = (
            _catalog_line(store, line_input, plan)
            if line_input.product_id is not None
            else _custom_line(line_input, plan)
        )
        if fields is None:
            continue
        plan.new_lines.append((line_input, fields))
        key = _stock_key(fields)
        if key is not None:
            plan.take(key, fields["quantity"], f"{line_input.field}.quantity")


def _plan_edits(store: Store, order: Order, line_inputs: Sequence[LineInput], plan: _Plan) -> None:
    """PUT's lines: with an ``id`` they change (``quantity`` 0 removes them); without, they are added."""
    existing = {found.id: found for found in lines_of(store, order.id)}
    seen: set[int] = set()
    adding: list[LineInput] = []
    for line_input in line_inputs:
        if line_input.id is None:
            adding.append(line_input)
            continue
        current = existing.get(line_input.id)
        if current is None or line_input.id in seen:
            rule = "repeated_in_request" if line_input.id in seen else "order_line_missing"
            plan.problems.append(Problem(f"{line_input.field}.id", rule, {"id": line_input.id}))
            continue
        seen.add(line_input.id)
        if line_input.quantity is not None and line_input.quantity == 0:
            plan.removed_lines.append(current)
            key = _stock_key(
                {"stock_from": current.stock_from, "product_id": current.product_id, "variant_id": current.variant_id}
            )
            if key is not None:
                plan.take(key, -current.quantity, f"{line_input.field}.quantity")
            continue
        changes: dict[str, Any] = dict(line_input.extra)
        if line_input.quantity is not None:
            quantity = _quantity(line_input, plan, removable=True)
            if quantity is None:
                continue
            if quantity < current.quantity_shipped:
                plan.problems.append(
                    Problem(
                        f"{line_input.field}.quantity", "order_below_shipped", {"shipped": current.quantity_shipped}
                    )
                )
                continue
            changes["quantity"] = quantity
            key = _stock_key(
                {"stock_from": current.stock_from, "product_id": current.product_id, "variant_id": current.variant_id}
            )
            if key is not None:
                plan.take(key, quantity - current.quantity, f"{line_input.field}.quantity")
        if line_input.name is not None:
            changes["name"] = line_input.name
        if line_input.price_ex_tax is not None or line_input.price_inc_tax is not None:
            prices = _prices(line_input, plan, required=True)
            if prices is None:
                continue
            changes["price_ex_tax"], changes["price_inc_tax"] = prices
        plan.changed_lines.append(replace(current, **changes))
    _plan_new(store, adding, plan)


def _check_stock(store: Store, plan: _Plan) -> dict[tuple[str, int, int], int]:
    """The stock level each tracked product or variant ends at; levels the order cannot take are problems."""
    levels: dict[tuple[str, int, int], int] = {}
    refuse = store.limits.order_over_stock == "refuse"
    for key, units in plan.stock.items():
        if units == 0:
            continue
        kind, product_id, variant_id = key
        product: Product | None = store.products.get(product_id)
        if product is None:
            continue  # a deleted product's stock is gone with it
        if kind == "product":
            if product.inventory_tracking != "product":
                continue
            level, name = product.inventory_level, product.name
        else:
            variant: Variant | None = store.variants.get(variant_id)
            if variant is None or product.inventory_tracking != "variant":
                continue
            level, name = variant.inventory_level, f"{product.name} ({variant.sku})" if variant.sku else product.name
        if units > level and refuse:
            plan.problems.append(
                Problem(
                    plan.stock_field[key], "insufficient_stock", {"name": name, "available": level, "requested": units}
                )
            )
            continue
        levels[key] = max(level - units, 0)
    return levels


def _write_stock(store: Store, levels: Mapping[tuple[str, int, int], int]) -> None:
    for (kind, product_id, variant_id), level in levels.items():
        if kind == "product":
            product_service.update(store, product_id, {"inventory_level": level})
        else:
            variant_service.update(store, product_id, variant_id, {"inventory_level": level})


# --------------------------------------------------------------------------- orders


def _check_fields(store: Store, fields: Mapping[str, Any], plan: _Plan) -> None:
    status_id = fields.get("status_id")
    if status_id is not None and status_id not in STATUSES:
        plan.problems.append(Problem("status_id", "order_status_unknown", {"id": status_id}))
    channel_id = fields.get("channel_id")
    if channel_id is not None and not channel_service.exists(store, channel_id):
        plan.problems.append(Problem("channel_id", "channel_missing", {"id": channel_id}))
    customer_id = fields.get("customer_id")
    if customer_id:
        try:
            customer_service.get(store, customer_id)
        except NotFound:
            plan.problems.append(Problem("customer_id", "order_customer_missing", {"id": customer_id}))


def _address(values: Mapping[str, Any], base: Address | None = None) -> Address:
    return replace(base, **values) if base is not None else Address(**values)


def _recomputed(store: Store, order: Order, lines: Sequence[OrderProduct]) -> Order:
    """The order with its totals and counts worked out from its lines, except the totals a request fixed."""
    subtotal_ex = order.subtotal_ex_tax if order.fixed_subtotal else sum((li.total_ex_tax for li in lines), ZERO)
    subtotal_inc = order.subtotal_inc_tax if order.fixed_subtotal else sum((li.total_inc_tax for li in lines), ZERO)
    fees_ex = sum((fee.cost_ex_tax for fee in order.fees), ZERO)
    fees_inc = sum((fee.cost_inc_tax for fee in order.fees), ZERO)
    total_ex, total_inc = order.total_ex_tax, order.total_inc_tax
    if not order.fixed_total:
        extras_ex = order.shipping_cost_ex_tax + order.handling_cost_ex_tax + order.wrapping_cost_ex_tax + fees_ex
        extras_inc = order.shipping_cost_inc_tax + order.handling_cost_inc_tax + order.wrapping_cost_inc_tax + fees_inc
        total_ex = max(subtotal_ex + extras_ex - order.discount_amount, ZERO)
        total_inc = max(subtotal_inc + extras_inc - order.discount_amount, ZERO)
    return replace(
        order, subtotal_ex_tax=subtotal_ex, subtotal_inc_tax=subtotal_inc, total_ex_tax=total_ex, total_inc_tax=total_inc,
        items_total=sum(li.quantity for li in lines), items_shipped=sum(li.quantity_shipped for li in lines),
        order_is_digital=bool(lines) and all(li.type == "digital" for li in lines),
    )  # fmt: skip


def _fees(store: Store, order: Order | None, fees: Sequence[Mapping[str, Any]]) -> tuple[Fee, ...]:
    """Fees replace the order's (upstream updateOrder): one with an ``id`` keeps that id, others get new ones."""
    kept = {fee.id for fee in order.fees} if order is not None else set()
    out: list[Fee] = []
    next_id = max(kept, default=0) + 1
    for values in fees:
        fee_id = values.get("id")
        if fee_id is None or fee_id not in kept:
            fee_id, next_id = next_id, next_id + 1
        out.append(Fee(id=fee_id, **{k: v for k, v in values.items() if k != "id"}))
    return tuple(out)


def _refuse(plan: _Plan) -> None:
    if plan.problems:
        raise Invalid("order", tuple(plan.problems))


def create(store: Store, request: OrderInput) -> Order:
    plan = _Plan()
    fields = dict(request.fields)
    if request.billing_address is None:
        plan.problems.append(Problem("billing_address", "missing"))
    if request.lines is not None and request.pickups is not None:
        plan.problems.append(Problem("consignments", "order_products_or_consignments"))
    elif request.lines is None and request.pickups is None:
        plan.problems.append(Problem("products", "order_products_required"))
    elif request.pickups is not None and request.shipping_addresses is not None:
        plan.problems.append(Problem("shipping_addresses", "order_pickup_no_shipping"))
    _check_fields(store, fields, plan)
    _refuse(plan)
    pickup_of: dict[str, int] = {}
    line_inputs = list(request.lines or ())
    for pickup_input in request.pickups or ():
        for line_input in pickup_input.lines:
            pickup_of[line_input.field] = pickup_input.pickup.pickup_method_id
            line_inputs.append(line_input)
    _plan_new(store, line_inputs, plan)
    if not plan.problems and not plan.new_lines:
        plan.problems.append(Problem("products", "order_products_required"))
    levels = _check_stock(store, plan) if not plan.problems else {}
    _refuse(plan)
    assert request.billing_address is not None
    now = store.clock.now()
    order_id = store.next_id("orders")
    fees = _fees(store, None, request.fees or ())
    created = fields.pop("date_created", None) or now
    order = Order(
        id=order_id, date_created=created, date_modified=now, billing_address=_address(request.billing_address),
        pickups=tuple(p.pickup for p in request.pickups or ()), fees=fees, **fields,
    )  # fmt: skip
    addresses: list[ShippingAddress] = []
    if request.pickups is None:
        wanted = request.shipping_addresses or (AddressInput(dict(_address_fields(order.billing_address))),)
        for position, wanted_address in enumerate(wanted):
            cost = order if position == 0 else None
            addresses.append(_new_address(store, order_id, wanted_address, cost))
    first_address = addresses[0].id if addresses else 0
    lines = [
        OrderProduct(
            id=store.next_id("order_products"), order_id=order_id, order_address_id=first_address if line_input.field not in pickup_of else 0,
            order_pickup_method_id=pickup_of.get(line_input.field, 0), **values,
        )
        for line_input, values in plan.new_lines
    ]  # fmt: skip
    order = _recomputed(store, order, lines)
    if order.payment_method and order.total_inc_tax > 0:
        # Paid outside BigCommerce's gateways: authorized for its total, for the v3 payment actions to capture.
        authorization = Transaction(
            id=store.next_id("order_transactions"), order_id=order.id, event="authorization",
            amount=order.total_inc_tax, date_created=now, payment_method=order.payment_method,
        )  # fmt: skip
        store.order_transactions.put(authorization.id, authorization)
        store.emit("order_transaction", "created", authorization.id)
        order = replace(order, payment_status="authorized")
    store.orders.put(order.id, order)
    store.emit("order", "created", order.id)
    for shipping_address in addresses:
        store.order_addresses.put(shipping_address.id, shipping_address)
        store.emit("order_address", "created", shipping_address.id)
    for new_line in lines:
        store.order_products.put(new_line.id, new_line)
        store.emit("order_product", "created", new_line.id)
    _write_stock(store, levels)
    return order


def _address_fields(address_record: Address) -> dict[str, Any]:
    return {name: getattr(address_record, name) for name in Address.__dataclass_fields__}


def _new_address(store: Store, order_id: int, wanted: AddressInput, costs: Order | None) -> ShippingAddress:
    values: dict[str, Any] = {}
    if costs is not None:
        values = {
            "base_cost": costs.base_shipping_cost, "cost_ex_tax": costs.shipping_cost_ex_tax,
            "cost_inc_tax": costs.shipping_cost_inc_tax, "base_handling_cost": costs.base_handling_cost,
            "handling_cost_ex_tax": costs.handling_cost_ex_tax, "handling_cost_inc_tax": costs.handling_cost_inc_tax,
        }  # fmt: skip
    return ShippingAddress(
        id=store.next_id("order_addresses"), order_id=order_id, address=_address(wanted.address),
        shipping_method=wanted.shipping_method or "", **values,
    )  # fmt: skip


def update(store: Store, order_id: int, request: OrderInput) -> Order:
    """A partial update (upstream updateOrder): lines by ``id`` change, without one are added, ``quantity`` 0
    removes; totals are worked out again unless the request fixes them; ``is_deleted`` true archives."""
    order = get(store, order_id)
    plan = _Plan()
    fields = dict(request.fields)
    if request.pickups is not None:
        plan.problems.append(Problem("consignments", "order_consignments_fixed"))
    _check_fields(store, fields, plan)
    own = {found.id for found in addresses_of(store, order.id)}
    for wanted in request.shipping_addresses or ():
        if wanted.id is not None and wanted.id not in own:
            plan.problems.append(
                Problem(f"{wanted.field}.id", "order_address_missing", {"id": wanted.id, "order": order.id})
            )
    _refuse(plan)
    if request.lines is not None:
        _plan_edits(store, order, request.lines, plan)
        removing = {removed.id for removed in plan.removed_lines}
        remaining = [li for li in lines_of(store, order.id) if li.id not in removing]
        if not plan.problems and not remaining and not plan.new_lines:
            plan.problems.append(Problem("products", "order_last_line"))
    levels = _check_stock(store, plan) if not plan.problems else {}
    _refuse(plan)
    now = store.clock.now()
    if request.billing_address is not None:
        fields["billing_address"] = _address(request.billing_address, order.billing_address)
    if request.fees is not None:
        fields["fees"] = _fees(store, order, request.fees)
    updated = replace(order, **fields, date_modified=now)
    addresses = addresses_of(store, order.id)
    address_writes: list[ShippingAddress] = []
    for wanted in request.shipping_addresses or ():
        if wanted.id is None:
            address_writes.append(_new_address(store, order.id, wanted, None))
            continue
        current = next(found for found in addresses if found.id == wanted.id)
        changed = replace(current, address=_address(wanted.address, current.address))
        if wanted.shipping_method is not None:
            changed = replace(changed, shipping_method=wanted.shipping_method)
        address_writes.append(changed)
    first_address = (addresses or address_writes)[0].id if (addresses or address_writes) else 0
    new_lines = [
        OrderProduct(id=store.next_id("order_products"), order_id=order.id, order_address_id=first_address, **values)
        for _, values in plan.new_lines
    ]
    removed = {removed.id for removed in plan.removed_lines}
    edited = {li.id: li for li in plan.changed_lines}
    lines = [edited.get(li.id, li) for li in lines_of(store, order.id) if li.id not in removed] + new_lines
    updated = _recomputed(store, updated, lines)
    if request.lines is not None and order.status_id in (SHIPPED, PARTIALLY_SHIPPED) and "status_id" not in fields:
        # Lines added or removed move the shipping status too: adding to a shipped order leaves it partly shipped.
        followed = shipped_status(updated, lines)
        if followed.status_id == SHIPPED and order.status_id != SHIPPED:
            followed = replace(followed, date_shipped=now)
        updated = followed
    store.orders.put(updated.id, updated)
    store.emit("order", "updated", updated.id)
    for shipping_address in address_writes:
        action: Action = "updated" if shipping_address.id in store.order_addresses else "created"
        store.order_addresses.put(shipping_address.id, shipping_address)
        store.emit("order_address", action, shipping_address.id)
    for gone in plan.removed_lines:
        store.order_products.delete(gone.id)
        store.emit("order_product", "deleted", gone.id)
    for written in [*plan.changed_lines, *new_lines]:
        written_action: Action = "updated" if written.id in store.order_products else "created"
        store.order_products.put(written.id, written)
        store.emit("order_product", written_action, written.id)
    _write_stock(store, levels)
    return updated


def archive(store: Store, order_ids: Iterable[int]) -> list[int]:
    """``is_deleted`` true; the order stays readable and its stock is not given back. Returns the ids archived."""
    now = store.clock.now()
    done: list[int] = []
    for order_id in order_ids:
        order: Order | None = store.orders.get(order_id)
        if order is None or order.is_deleted:
            continue
        store.orders.put(order.id, replace(order, is_deleted=True, date_modified=now))
        store.emit("order", "updated", order.id)
        done.append(order.id)
    return done


def update_address(store: Store, order_id: int, address_id: int, wanted: AddressInput) -> ShippingAddress:
    """A shipping address's fields; its costs and the order's totals stay as they are (upstream
    updateOrderShippingAddress: shipping and tax are not worked out again)."""
    current = address(store, order_id, address_id)
    changed = replace(current, address=_address(wanted.address, current.address))
    if wanted.shipping_method is not None:
        changed = replace(changed, shipping_method=wanted.shipping_method)
    store.order_addresses.put(changed.id, changed)
    store.emit("order_address", "updated", changed.id)
    order = get(store, order_id)
    store.orders.put(order.id, replace(order, date_modified=store.clock.now()))
    store.emit("order", "updated", order.id)
    return changed


def shipped_status(order: Order, lines: Sequence[OrderProduct]) -> Order:
    """The status that follows the order's shipments: Shipped when every unit has gone, Partially Shipped when some
    have, and back to the status before the first shipment when none has."""
    total = sum(li.quantity for li in lines)
    shipped = sum(li.quantity_shipped for li in lines)
    if shipped and shipped >= total:
        before = order.status_before_shipping if order.status_before_shipping is not None else order.status_id
        return replace(order, status_id=SHIPPED, status_before_shipping=before, items_shipped=shipped)
    if shipped:
        before = order.status_before_shipping if order.status_before_shipping is not None else order.status_id
        return replace(
            order, status_id=PARTIALLY_SHIPPED, status_before_shipping=before, items_shipped=shipped, date_shipped=None
        )
    if order.status_before_shipping is not None and order.status_id in (SHIPPED, PARTIALLY_SHIPPED):
        return replace(
            order,
            status_id=order.status_before_shipping,
            status_before_shipping=None,
            items_shipped=0,
            date_shipped=None,
        )
    return replace(order, items_shipped=0, date_shipped=None)


def count_by_status(store: Store, orders: Iterable[Order]) -> dict[int, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for order in orders:
        counts[order.status_id] += 1
    return counts
