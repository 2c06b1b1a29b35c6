"""An order's payment record (upstream orders.v3.yml): transactions (authorization, capture, void, refund) and
refunds, each refund with the items and payments it was made of."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from mockbc.domain.storage import Index, Reference, TableSpec

# Refund item types upstream's createOrderRefund takes: by quantity, or by amount.
QUANTITY_ITEMS = ("PRODUCT", "GIFT_WRAPPING")
AMOUNT_ITEMS = ("ORDER", "SHIPPING", "HANDLING", "TAX", "FEE")
MAX_REASON = 1000
# The provider offered for a refund: orders made through the API were paid outside BigCommerce's gateways.
OFFLINE_PROVIDER = "custom"


@dataclass(frozen=True, slots=True)
class Transaction:
    id: int
    order_id: int
    event: str  # authorization, capture, void, refund
    amount: Decimal
    date_created: datetime
    method: str = "custom"
    gateway: str = "custom"
    payment_method: str = ""
    reference_transaction_id: int | None = None


@dataclass(frozen=True, slots=True)
class RefundItem:
    item_type: str
    item_id: int
    quantity: int = 0
    requested_amount: Decimal = Decimal(0)
    reason: str = ""


@dataclass(frozen=True, slots=True)
class RefundPayment:
    id: int
    provider_id: str
    amount: Decimal
    offline: bool = True


@dataclass(frozen=True, slots=True)
class Refund:
    id: int
    order_id: int
    created: datetime
    total_amount: Decimal
    items: tuple[RefundItem, ...]
    payments: tuple[RefundPayment, ...]
    transaction_id: int = 0
    reason: str = ""
    total_tax: Decimal = Decimal(0)


TABLES = (
    TableSpec(
        "order_transactions",
        Transaction,
        indexes=(Index("order_id", lambda t: t.order_id),),
        references=(Reference("order_id", "orders", "cascade"),),
        resource="order_transaction",
    ),
    TableSpec(
        "order_refunds",
        Refund,
        indexes=(Index("order_id", lambda r: r.order_id), Index("transaction_id", lambda r: str(r.transaction_id))),
        references=(Reference("order_id", "orders", "cascade"),),
        resource="order_refund",
    ),
)
