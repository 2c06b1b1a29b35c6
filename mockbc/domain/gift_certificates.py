"""The gift certificate record (upstream marketing.v2.yml, ``/v2/gift_certificates``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mockbc.domain.storage import Index, TableSpec

STATUSES = ("active", "pending", "disabled", "expired")
TEMPLATES = ("birthday.html", "girl.html", "boy.html", "celebration.html", "christmas.html", "general.html")
# Upstream giftCertificate_Post.code: a longer code is cut to its first 20 characters.
CODE_KEPT = 20
DEFAULT_CURRENCY = "USD"


@dataclass(frozen=True, slots=True)
class GiftCertificate:
    id: int
    code: str
    to_name: str
    to_email: str
    from_name: str
    from_email: str
    amount: float
    balance: float
    purchase_date: datetime
    expiry_date: datetime | None = None
    customer_id: int = 0
    order_id: int = 0  # read-only: set when an order buys it
    template: str = ""
    message: str = ""
    status: str = "active"
    currency_code: str = DEFAULT_CURRENCY


def code_key(code: str) -> str:
    """Codes are matched without regard to case, as a shopper types them."""
    return code.casefold()


TABLES = (
    TableSpec(
        "gift_certificates",
        GiftCertificate,
        indexes=(
            Index("code", lambda g: code_key(g.code), unique=True),
            Index("order_id", lambda g: g.order_id),
        ),
    ),
)
