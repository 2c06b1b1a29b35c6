"""Order payments on the v3 wire (upstream orders.v3.yml): transactions, refund quotes and refunds in ``{data,
meta}`` envelopes, money as JSON numbers, dates ISO 8601."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from mockbc.domain import errors as e
from mockbc.domain.errors import Invalid, Problem
from mockbc.domain.order_payments import AMOUNT_ITEMS, MAX_REASON, OFFLINE_PROVIDER, QUANTITY_ITEMS, Refund, Transaction
from mockbc.domain.order_settings import OrderSettings
from mockbc.domain.orders import Order
from mockbc.presentation.call import Call, Rendered
from mockbc.presentation.v3 import View
from mockbc.presentation.wire import iso
from mockbc.services.order_payments import ItemInput, PaymentInput, Quote, RefundInput

CURRENCY = "USD"
MAX_AMOUNT = 10**15  # money beyond this cannot be an order's; and four places of it stay exact


def _number(value: Decimal) -> float:
    return float(value)


def transaction_v3(transaction: Transaction, call: Call) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": transaction.id, "order_id": str(transaction.order_id), "event": transaction.event,
        "method": transaction.method, "amount": _number(transaction.amount), "currency": CURRENCY,
        "gateway": transaction.gateway, "gateway_transaction_id": "", "date_created": iso(transaction.date_created),
        "test": False, "status": "ok", "fraud_review": False, "payment_method_id": transaction.method,
        "offline": None, "custom": {"payment_method": transaction.payment_method},
        "payment_instrument_token": None, "provider_instrument_token": None, "provider_customer_id": None,
        "gift_certificate": None, "store_credit": None, "custom_provider_field_result": None,
    }  # fmt: skip
    if transaction.reference_transaction_id is not None:
        out["reference_transaction_id"] = transaction.reference_transaction_id
    return out


def refund_v3(made: Refund, call: Call) -> dict[str, Any]:
    return {
        "id": made.id, "order_id": made.order_id, "user_id": 0, "created": iso(made.created), "reason": made.reason,
        "total_amount": _number(made.total_amount), "total_tax": _number(made.total_tax),
        "uses_merchant_override_values": False,
        "items": [
            {"item_type": i.item_type, "item_id": i.item_id, "reason": i.reason, "quantity": i.quantity,
             "requested_amount": _number(i.requested_amount)}
            for i in made.items
        ],
        "payments": [
            {"id": p.id, "provider_id": p.provider_id, "amount": _number(p.amount), "offline": p.offline,
             "is_declined": False, "declined_message": "", "transaction_id": str(made.transaction_id)}
            for p in made.payments
        ],
    }  # fmt: skip


def one_refund_v3(made: Refund, call: Call) -> dict[str, Any]:
    """``GET /v3/orders/payment_actions/refunds/{id}``: upstream's getOrderRefund types an item's requested_amount as
    a string, where the refund lists and createOrderRefund type it as a number; each answers as its operation says."""
    out = refund_v3(made, call)
    for item in out["items"]:
        item["requested_amount"] = f"{item['requested_amount']:.2f}"
    return out


def quote_v3(worked_out: Quote, call: Call) -> dict[str, Any]:
    total = _number(worked_out.total)
    method = {
        "provider_id": OFFLINE_PROVIDER, "provider_description": "Custom payment (refunded outside BigCommerce)",
        "amount": total, "offline": True, "offline_provider": True, "offline_reason": "",
    }  # fmt: skip
    return {
        "order_id": worked_out.order.id, "total_refund_amount": total, "total_refund_tax_amount": 0.0,
        "order_level_refund_amount": _number(worked_out.refundable), "rounding": 0.0, "adjustment": 0.0,
        "tax_inclusive": True, "refund_methods": [[method]],
    }  # fmt: skip


def _empty(order: Order, call: Call) -> dict[str, Any]:
    return {}


# --------------------------------------------------------------------------- bodies


def _amount(value: Any, where: str, problems: list[Problem]) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        problems.append(Problem(where, "type", {"types": ["number"]}))
        return None
    if value < 0:
        problems.append(Problem(where, "minimum", {"limit": 0}))
        return None
    if value >= MAX_AMOUNT:
        problems.append(Problem(where, "maximum", {"limit": MAX_AMOUNT}))
        return None
    return Decimal(str(value))


def parse_refund(body: Any) -> dict[str, Any]:
    """``{items, payments}`` or ``{tax_adjustment_amount}`` (upstream createOrderRefund)."""
    if not isinstance(body, dict):
        raise e.invalid("body", "body", "type", types=["object"])
    problems: list[Problem] = []
    items: list[ItemInput] = []
    raw_items = body.get("items", [])
    if "items" not in body and "tax_adjustment_amount" not in body:
        problems.append(Problem("items", "missing"))
    if not isinstance(raw_items, list):
        problems.append(Problem("items", "type", {"types": ["array"]}))
        raw_items = []
    for position, raw in enumerate(raw_items):
        where = f"items.{position}"
        if not isinstance(raw, dict):
            problems.append(Problem(where, "type", {"types": ["object"]}))
            continue
        kind = raw.get("item_type")
        item_id = raw.get("item_id", 0)
        reason = raw.get("reason", "")
        if kind not in (*QUANTITY_ITEMS, *AMOUNT_ITEMS):
            problems.append(Problem(f"{where}.item_type", "enum", {"options": [*QUANTITY_ITEMS, *AMOUNT_ITEMS]}))
            continue
        if isinstance(item_id, bool) or not isinstance(item_id, int):
            problems.append(Problem(f"{where}.item_id", "type", {"types": ["integer"]}))
            continue
        if not isinstance(reason, str) or len(reason) > MAX_REASON:
            problems.append(Problem(f"{where}.reason", "max_length", {"limit": MAX_REASON}))
            continue
        unknown = [k for k in raw if k not in ("item_type", "item_id", "quantity", "amount", "reason", "adjustments")]
        for name in unknown:
            problems.append(Problem(f"{where}.{name}", "unknown_field"))
        if kind in QUANTITY_ITEMS:
            quantity = raw.get("quantity")
            if isinstance(quantity, bool) or not isinstance(quantity, int):
                problems.append(
                    Problem(f"{where}.quantity", "missing" if quantity is None else "type", {"types": ["integer"]})
                )
                continue
            items.append(ItemInput(where, kind, item_id, quantity=quantity, reason=reason))
        else:
            if "amount" not in raw:
                problems.append(Problem(f"{where}.amount", "missing"))
                continue
            amount = _amount(raw["amount"], f"{where}.amount", problems)
            if amount is not None:
                items.append(ItemInput(where, kind, item_id, amount=amount, reason=reason))
    payments: list[PaymentInput] | None = None
    if "payments" in body:
        payments = []
        raw_payments = body["payments"]
        if not isinstance(raw_payments, list):
            problems.append(Problem("payments", "type", {"types": ["array"]}))
            raw_payments = []
        for position, raw in enumerate(raw_payments):
            where = f"payments.{position}"
            if not isinstance(raw, dict) or not isinstance(raw.get("provider_id"), str):
                problems.append(Problem(f"{where}.provider_id", "missing"))
                continue
            amount = _amount(raw.get("amount"), f"{where}.amount", problems)
            offline = raw.get("offline", True)
            if amount is not None:
                payments.append(PaymentInput(raw["provider_id"], amount, bool(offline)))
    elif "items" in body:
        problems.append(Problem("payments", "missing"))
    tax = None
    if "tax_adjustment_amount" in body:
        tax = _amount(body["tax_adjustment_amount"], "tax_adjustment_amount", problems)
    for name in body:
        if name not in ("items", "payments", "tax_adjustment_amount"):
            problems.append(Problem(name, "unknown_field"))
    if problems:
        raise Invalid("body", tuple(problems))
    return {"refund": RefundInput(tuple(items), tuple(payments) if payments is not None else None, tax)}


def parse_quote(body: Any) -> dict[str, Any]:
    if isinstance(body, dict):
        body = {k: v for k, v in body.items() if k != "payments"} | {"payments": []}
    parsed = parse_refund(body)
    return {"refund": parsed["refund"]}


def settings_v3(found: OrderSettings, call: Call) -> dict[str, Any]:
    def listed(addresses: tuple[str, ...] | None) -> list[str] | None:
        return None if addresses is None else list(addresses)

    return {
        "notifications": {
            "order_placed": {"email_addresses": listed(found.order_placed)},
            "forward_invoice": {"email_addresses": listed(found.forward_invoice)},
        }
    }


def parse_settings(body: Any) -> dict[str, Any]:
    """``{notifications: {order_placed: {email_addresses}, forward_invoice: {email_addresses}}}``; a notification
    left out keeps its addresses."""
    if not isinstance(body, dict):
        raise e.invalid("body", "body", "type", types=["object"])
    changes: dict[str, tuple[str, ...] | None] = {}
    notifications = body.get("notifications") or {}
    for name in ("order_placed", "forward_invoice"):
        entry = notifications.get(name) if isinstance(notifications, dict) else None
        if isinstance(entry, dict) and "email_addresses" in entry:
            addresses = entry["email_addresses"]
            changes[name] = None if addresses is None else tuple(addresses)
    return {"settings": changes}


class TransactionsView(View):
    """Transactions: an order without any answers 204 (upstream getOrderTransactions)."""

    def render(self, result: object, call: Call, status: int) -> Rendered:
        if isinstance(result, list) and not result:
            return Rendered(204)
        return super().render(result, call, status)


TRANSACTION_VIEW = TransactionsView("order_transaction", transaction_v3)
PAYMENT_ACTION_VIEW = View("order_payment_action", _empty)
REFUND_VIEW = View("order_refund", refund_v3, parse_refund)
ONE_REFUND_VIEW = View("order_refund_one", one_refund_v3)
QUOTE_VIEW = View("order_refund_quote", quote_v3, parse_quote)
SETTINGS_VIEW = View("order_settings", settings_v3, parse_settings)
