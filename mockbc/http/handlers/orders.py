"""v3 order payments: /v3/orders/{order_id}/transactions, /payment_actions/capture, /void, /refund_quotes, /refunds,
and /v3/orders/payment_actions/refunds[/{refund_id}]; order settings: /v3/orders/settings[/channels/{channel_id}]."""

from __future__ import annotations

from datetime import datetime

from mockbc.domain.order_payments import Refund, Transaction
from mockbc.domain.order_settings import GLOBAL, OrderSettings
from mockbc.domain.orders import Order
from mockbc.domain.query import Condition, Page
from mockbc.http.operations import bindings
from mockbc.presentation import orders_v3 as wire
from mockbc.presentation.call import Call
from mockbc.presentation.params import date_converter
from mockbc.services import order_payments as service
from mockbc.services import order_settings
from mockbc.services.order_payments import Quote

REFUND_FILTERABLE = frozenset({"id", "order_id", "transaction_id", "created"})


def list_transactions(call: Call) -> list[Transaction]:
    return service.transactions_of(call.store, call.path["order_id"])


def capture(call: Call) -> Order:
    return service.capture(call.store, call.path["order_id"])


def void(call: Call) -> Order:
    return service.void(call.store, call.path["order_id"])


def create_quote(call: Call) -> Quote:
    return service.quote(call.store, call.path["order_id"], call.view.parse(call.body)["refund"])


def create_refund(call: Call) -> Refund:
    return service.create_refund(call.store, call.path["order_id"], call.view.parse(call.body)["refund"])


def list_order_refunds(call: Call) -> list[Refund]:
    found = service.refunds_of(call.store, call.path["order_id"])
    wanted = call.query.get("transaction_id")
    return [r for r in found if wanted is None or str(r.transaction_id) == str(wanted)]


def get_refund(call: Call) -> Refund:
    return service.refund(call.store, call.path["refund_id"])


def list_refunds(call: Call) -> Page[Refund]:
    now: datetime = call.store.clock.now()
    listing = call.view.listing(call, REFUND_FILTERABLE, {"created": date_converter(now), "transaction_id": str})
    conditions = [Condition(c.field, "eq", c.value) if c.field == "transaction_id" else c for c in listing.conditions]
    return call.view.page(service.find_refunds(call.store, conditions), listing)


def get_settings(call: Call) -> OrderSettings:
    return order_settings.settings(call.store)


def update_settings(call: Call) -> OrderSettings:
    return order_settings.update(call.store, GLOBAL, call.view.parse(call.body)["settings"])


def get_channel_settings(call: Call) -> OrderSettings:
    return order_settings.settings(call.store, call.path["channel_id"])


def update_channel_settings(call: Call) -> OrderSettings:
    return order_settings.update(call.store, call.path["channel_id"], call.view.parse(call.body)["settings"])


OPERATIONS = (
    *bindings("v3", wire.TRANSACTION_VIEW, scope="transactions", handlers={"getOrderTransactions": list_transactions}),
    # Upstream accepts store_v2_orders or store_v2_transactions for the payment actions; the scope table names one
    # family per operation, so they take the orders scope.
    *bindings(
        "v3",
        wire.PAYMENT_ACTION_VIEW,
        scope="orders",
        handlers={"captureOrderPayment": capture, "voidOrderPayment": void},
    ),
    *bindings("v3", wire.QUOTE_VIEW, scope="orders", handlers={"createOrderRefundQuotes": create_quote}),
    *bindings(
        "v3",
        wire.REFUND_VIEW,
        scope="orders",
        handlers={
            "createOrderRefund": create_refund,
            "getOrderRefunds": list_order_refunds,
            "getOrdersRefunds": list_refunds,
        },
    ),
    *bindings("v3", wire.ONE_REFUND_VIEW, scope="orders", handlers={"getOrderRefund": get_refund}),
    *bindings(
        "v3",
        wire.SETTINGS_VIEW,
        scope="orders",
        handlers={
            "getGlobalOrderSettings": get_settings,
            "updateGlobalOrderSettings": update_settings,
            "getChannelOrderSettings": get_channel_settings,
            "updateChannelOrderSettings": update_channel_settings,
        },
    ),
)
