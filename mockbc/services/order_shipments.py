"""An order's shipments (upstream orders.v2.oas2.yml createOrderShipments and its siblings).

A shipment sends units of the order's lines to one of its shipping addresses: each item names a line of that address
and at most the units of it not yet shipped. The lines' ``quantity_shipped`` and the order's status follow the
shipments: Partially Shipped (3) while some units are left, Shipped (2) once none is; deleting shipments gives the
units back, and with none shipped the order returns to the status it had before its first shipment.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from mockbc.domain.errors import Invalid, NotFound, Problem
from mockbc.domain.orders import SHIPPED, Order, OrderProduct, Shipment, ShipmentItem
from mockbc.services import orders as order_service
from mockbc.store.store import Store


@dataclass(frozen=True, slots=True)
class ItemInput:
    field: str  # where it sits in the body: items.0
    order_product_id: int | None
    quantity: int | None


@dataclass(frozen=True, slots=True)
class ShipmentInput:
    fields: Mapping[str, Any]  # tracking_number, shipping_method, shipping_provider... (and order_address_id)
    items: tuple[ItemInput, ...] | None = None


def of_order(store: Store, order_id: int) -> list[Shipment]:
    order_service.get(store, order_id)
    found: list[Shipment] = store.order_shipments.many(store.order_shipments.lookup("order_id", order_id))
    return found


def get(store: Store, order_id: int, shipment_id: int) -> Shipment:
    order_service.get(store, order_id)
    found: Shipment | None = store.order_shipments.get(shipment_id)
    if found is None or found.order_id != order_id:
        raise NotFound("shipment", shipment_id)
    return found


def _check_address(store: Store, order: Order, address_id: Any, problems: list[Problem]) -> None:
    if address_id is None:
        problems.append(Problem("order_address_id", "missing"))
        return
    found = store.order_addresses.get(address_id)
    if found is None or found.order_id != order.id:
        problems.append(Problem("order_address_id", "order_address_missing", {"id": address_id, "order": order.id}))


def _items(
    store: Store, order: Order, address_id: int, items: Sequence[ItemInput], problems: list[Problem]
) -> dict[int, int]:
    """Units per line this shipment sends, checked against what is left of each line."""
    lines = {li.id: li for li in order_service.lines_of(store, order.id)}
    sending: dict[int, int] = {}
    for item in items:
        if item.order_product_id is None:
            problems.append(Problem(f"{item.field}.order_product_id", "missing"))
            continue
        if item.quantity is None:
            problems.append(Problem(f"{item.field}.quantity", "missing"))
            continue
        found = lines.get(item.order_product_id)
        if found is None:
            problems.append(
                Problem(f"{item.field}.order_product_id", "order_line_missing", {"id": item.order_product_id})
            )
            continue
        if found.order_address_id != address_id:
            problems.append(
                Problem(
                    f"{item.field}.order_product_id", "line_not_at_address", {"id": found.id, "address": address_id}
                )
            )
            continue
        if item.quantity < 1:
            problems.append(Problem(f"{item.field}.quantity", "order_quantity", {"limit": 1}))
            continue
        left = found.quantity - found.quantity_shipped - sending.get(found.id, 0)
        if item.quantity > left:
            problems.append(
                Problem(
                    f"{item.field}.quantity", "more_than_left", {"id": found.id, "left": left, "asked": item.quantity}
                )
            )
            continue
        sending[found.id] = sending.get(found.id, 0) + item.quantity
    return sending


def _ship(store: Store, order: Order, shipped: Mapping[int, int]) -> Order:
    """Moves ``quantity_shipped`` by ``shipped`` (negative: given back) and lets the order's status follow."""
    lines: list[OrderProduct] = []
    for li in order_service.lines_of(store, order.id):
        units = shipped.get(li.id, 0)
        if units:
            li = replace(li, quantity_shipped=max(li.quantity_shipped + units, 0))
            store.order_products.put(li.id, li)
            store.emit("order_product", "updated", li.id)
        lines.append(li)
    now = store.clock.now()
    updated = order_service.shipped_status(replace(order, date_modified=now), lines)
    if updated.status_id == SHIPPED and order.status_id != SHIPPED:
        updated = replace(updated, date_shipped=now)
    store.orders.put(updated.id, updated)
    store.emit("order", "updated", updated.id)
    return updated


def create(store: Store, order_id: int, request: ShipmentInput) -> Shipment:
    order = order_service.get(store, order_id)
    problems: list[Problem] = []
    fields = dict(request.fields)
    address_id = fields.pop("order_address_id", None)
    _check_address(store, order, address_id, problems)
    if not request.items:
        problems.append(Problem("items", "missing" if request.items is None else "min_items", {"limit": 1}))
    if problems:
        raise Invalid("shipment", tuple(problems))
    assert request.items is not None and address_id is not None
    sending = _items(store, order, address_id, request.items, problems)
    if problems:
        raise Invalid("shipment", tuple(problems))
    lines = {li.id: li for li in order_service.lines_of(store, order.id)}
    items = tuple(ShipmentItem(line_id, lines[line_id].product_id, units) for line_id, units in sending.items())
    shipment = Shipment(
        id=store.next_id("order_shipments"), order_id=order.id, order_address_id=address_id,
        date_created=store.clock.now(), items=items, **fields,
    )  # fmt: skip
    store.order_shipments.put(shipment.id, shipment)
    store.emit("shipment", "created", shipment.id)
    _ship(store, order, sending)
    return shipment


def update(store: Store, order_id: int, shipment_id: int, request: ShipmentInput) -> Shipment:
    """Tracking, carrier, method and comments; a new ``order_address_id`` must be an address of the order holding
    every line the shipment sends."""
    shipment = get(store, order_id, shipment_id)
    order = order_service.get(store, order_id)
    fields = dict(request.fields)
    problems: list[Problem] = []
    if "order_address_id" in fields:
        _check_address(store, order, fields["order_address_id"], problems)
        if not problems:
            for item in shipment.items:
                found = store.order_products.get(item.order_product_id)
                if found is not None and found.order_address_id != fields["order_address_id"]:
                    problems.append(
                        Problem(
                            "order_address_id",
                            "line_not_at_address",
                            {"id": found.id, "address": fields["order_address_id"]},
                        )
                    )
                    break
    if problems:
        raise Invalid("shipment", tuple(problems))
    updated = replace(shipment, **fields)
    store.order_shipments.put(updated.id, updated)
    store.emit("shipment", "updated", updated.id)
    return updated


def delete(store: Store, order_id: int, shipment_ids: Sequence[int] | None = None) -> None:
    """Deletes the given shipments (all of the order's when ``None``) and gives their units back to the lines."""
    order = order_service.get(store, order_id)
    doomed = of_order(store, order_id) if shipment_ids is None else [get(store, order_id, i) for i in shipment_ids]
    if not doomed:
        return
    giving_back: dict[int, int] = {}
    for shipment in doomed:
        for item in shipment.items:
            giving_back[item.order_product_id] = giving_back.get(item.order_product_id, 0) - item.quantity
        store.order_shipments.delete(shipment.id)
        store.emit("shipment", "deleted", shipment.id)
    _ship(store, order, giving_back)
