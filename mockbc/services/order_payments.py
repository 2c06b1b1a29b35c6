"""Payment actions on orders (upstream orders.v3.yml): capture, void, refund quotes and refunds, and the transactions
they leave.

The mock's payment life: an order made through the v2 API with a ``payment_method`` is authorized for its total
(one ``authorization`` transaction, ``payment_status`` "authorized"); capture takes the authorized amount
("captured", the amount becomes what was paid), void drops the authorization ("void"). Refunds are worked out from
items (lines by quantity, or ORDER, SHIPPING, HANDLING, TAX, FEE by amount) and paid back through the payments given;
a refund never exceeds what was paid and not yet refunded. After one the order is Partially Refunded (14) or, when
nothing is left, Refunded (4), with ``payment_status`` to match.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from mockbc.domain.errors import Invalid, NotFound, Problem
from mockbc.domain.order_payments import (
    OFFLINE_PROVIDER,
    QUANTITY_ITEMS,
    Refund,
    RefundItem,
    RefundPayment,
    Transaction,
)
from mockbc.domain.orders import PARTIALLY_REFUNDED, REFUNDED, ZERO, Order, OrderProduct, cents
from mockbc.domain.query import Condition, Filter
from mockbc.services import orders as order_service
from mockbc.store.select import Rows, select
from mockbc.store.store import Store


@dataclass(frozen=True, slots=True)
class ItemInput:
    field: str
    item_type: str
    item_id: int
    quantity: int | None = None
    amount: Decimal | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class PaymentInput:
    provider_id: str
    amount: Decimal
    offline: bool = True


@dataclass(frozen=True, slots=True)
class RefundInput:
    items: tuple[ItemInput, ...] = ()
    payments: tuple[PaymentInput, ...] | None = None
    tax_adjustment_amount: Decimal | None = None
    transaction_id: str | None = None


def transactions_of(store: Store, order_id: int) -> list[Transaction]:
    order_service.get(store, order_id)
    found: list[Transaction] = store.order_transactions.many(store.order_transactions.lookup("order_id", order_id))
    return found


def refunds_of(store: Store, order_id: int) -> list[Refund]:
    order_service.get(store, order_id)
    found: list[Refund] = store.order_refunds.many(store.order_refunds.lookup("order_id", order_id))
    return found


def refund(store: Store, refund_id: int) -> Refund:
    found: Refund | None = store.order_refunds.get(refund_id)
    if found is None:
        raise NotFound("refund", refund_id)
    return found


def _created_between(condition: Condition) -> Any:
    def check(found: Refund) -> bool:
        return (
            bool(found.created >= condition.value) if condition.op == "min" else bool(found.created <= condition.value)
        )

    return check


REFUND_FILTERS = {
    "id": Filter(get=lambda r: r.id, primary=True),
    "order_id": Filter(get=lambda r: r.order_id, index="order_id"),
    "transaction_id": Filter(get=lambda r: str(r.transaction_id), index="transaction_id"),
    "created": Filter(matches=_created_between),
}


def find_refunds(store: Store, conditions: Sequence[Condition]) -> Rows:
    return select(store.order_refunds, conditions, REFUND_FILTERS, context=store)


def _record(store: Store, order: Order, event: str, amount: Decimal, reference: int | None = None) -> Transaction:
    transaction = Transaction(
        id=store.next_id("order_transactions"), order_id=order.id, event=event, amount=amount,
        date_created=store.clock.now(), payment_method=order.payment_method, reference_transaction_id=reference,
    )  # fmt: skip
    store.order_transactions.put(transaction.id, transaction)
    store.emit("order_transaction", "created", transaction.id)
    return transaction


def _authorization(store: Store, order: Order, action: str) -> Transaction:
    if order.payment_status != "authorized":
        raise Invalid(
            "payment",
            (Problem("payment_status", "payment_not_authorized", {"status": order.payment_status, "action": action}),),
        )
    found = [t for t in transactions_of(store, order.id) if t.event == "authorization"]
    return found[-1]


def capture(store: Store, order_id: int) -> Order:
    order = order_service.get(store, order_id)
    authorization = _authorization(store, order, "capture")
    _record(store, order, "capture", authorization.amount, authorization.id)
    captured = replace(
        order, payment_status="captured", amount_paid=authorization.amount, date_modified=store.clock.now()
    )
    store.orders.put(captured.id, captured)
    store.emit("order", "updated", captured.id)
    return captured


def void(store: Store, order_id: int) -> Order:
    order = order_service.get(store, order_id)
    authorization = _authorization(store, order, "void")
    _record(store, order, "void", authorization.amount, authorization.id)
    voided = replace(order, payment_status="void", date_modified=store.clock.now())
    store.orders.put(voided.id, voided)
    store.emit("order", "updated", voided.id)
    return voided


@dataclass(frozen=True, slots=True)
class Quote:
    order: Order
    total: Decimal
    refundable: Decimal
    items: tuple[RefundItem, ...]
    line_units: Mapping[int, tuple[int, Decimal]]  # line id -> (units, amount)


def _refundable(order: Order) -> Decimal:
    return max(order.amount_paid - order.refunded_amount, ZERO)


def quote(store: Store, order_id: int, request: RefundInput) -> Quote:
    """What a refund of ``request`` comes to, checked against the order's lines and what is left to refund."""
    order = order_service.get(store, order_id)
    problems: list[Problem] = []
    lines: dict[int, OrderProduct] = {li.id: li for li in order_service.lines_of(store, order.id)}
    units: dict[int, int] = {}
    line_units: dict[int, tuple[int, Decimal]] = {}
    items: list[RefundItem] = []
    total = ZERO
    for item in request.items:
        if item.item_type in QUANTITY_ITEMS:
            found = lines.get(item.item_id)
            if found is None:
                problems.append(Problem(f"{item.field}.item_id", "order_line_missing", {"id": item.item_id}))
                continue
            quantity = item.quantity or 0
            left = found.quantity - found.quantity_refunded - units.get(found.id, 0)
            if quantity < 1 or quantity > left:
                problems.append(Problem(f"{item.field}.quantity", "refund_quantity", {"id": found.id, "left": left}))
                continue
            units[found.id] = units.get(found.id, 0) + quantity
            amount = (
                found.price_inc_tax * quantity
                if item.item_type == "PRODUCT"
                else found.wrapping_cost_inc_tax * quantity
            )
            line_units[found.id] = (units[found.id], line_units.get(found.id, (0, ZERO))[1] + amount)
            items.append(RefundItem(item.item_type, found.id, quantity, cents(amount), item.reason))
        else:
            amount = item.amount or ZERO
            items.append(RefundItem(item.item_type, item.item_id, 0, cents(amount), item.reason))
        total += amount
    if request.tax_adjustment_amount is not None:
        total += request.tax_adjustment_amount
        items.append(RefundItem("TAX", 0, 0, cents(request.tax_adjustment_amount)))
    if problems:
        raise Invalid("refund", tuple(problems))
    refundable = _refundable(order)
    if order.amount_paid <= 0:
        raise Invalid("refund", (Problem("order_id", "refund_nothing_paid", {"id": order.id}),))
    if total <= 0:
        raise Invalid("refund", (Problem("items", "refund_empty"),))
    if total > refundable:
        raise Invalid(
            "refund", (Problem("items", "refund_over_paid", {"total": cents(total), "left": cents(refundable)}),)
        )
    return Quote(order, cents(total), cents(refundable), tuple(items), line_units)


def create_refund(store: Store, order_id: int, request: RefundInput) -> Refund:
    worked_out = quote(store, order_id, request)
    order = worked_out.order
    payments = request.payments
    if payments is None:
        payments = (PaymentInput(OFFLINE_PROVIDER, worked_out.total),)
    paid_back = sum((p.amount for p in payments), ZERO)
    if cents(paid_back) != worked_out.total:
        raise Invalid(
            "refund",
            (Problem("payments", "refund_payments_sum", {"sum": cents(paid_back), "total": worked_out.total}),),
        )
    now = store.clock.now()
    transaction = _record(store, order, "refund", worked_out.total)
    made = Refund(
        id=store.next_id("order_refunds"), order_id=order.id, created=now, total_amount=worked_out.total,
        items=worked_out.items, transaction_id=transaction.id,
        payments=tuple(
            RefundPayment(id=position, provider_id=p.provider_id, amount=cents(p.amount), offline=p.offline)
            for position, p in enumerate(payments, start=1)
        ),
    )  # fmt: skip
    store.order_refunds.put(made.id, made)
    store.emit("order_refund", "created", made.id)
    for line_id, (quantity, amount) in worked_out.line_units.items():
        line: OrderProduct = store.order_products.require(line_id)
        changed = replace(
            line, quantity_refunded=line.quantity_refunded + quantity, refund_amount=line.refund_amount + amount
        )
        store.order_products.put(changed.id, changed)
        store.emit("order_product", "updated", changed.id)
    refunded = order.refunded_amount + worked_out.total
    whole = refunded >= order.amount_paid
    updated = replace(
        order, refunded_amount=refunded, payment_status="refunded" if whole else "partially refunded",
        status_id=REFUNDED if whole else PARTIALLY_REFUNDED, date_modified=now,
    )  # fmt: skip
    store.orders.put(updated.id, updated)
    store.emit("order", "updated", updated.id)
    return made
