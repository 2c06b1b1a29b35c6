"""The legacy coupon record (upstream marketing.v2.yml, ``/v2/coupons``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from mockbc.domain.storage import Index, TableSpec

# The types a coupon can be created with; ``promotion`` is listed by the type enum too, but it marks
# the coupons the promotions API makes, and createCoupon's notes list only these five.
WRITABLE_TYPES = (
    "per_item_discount",
    "per_total_discount",
    "shipping_discount",
    "free_shipping",
    "percentage_discount",
)
TYPES = (*WRITABLE_TYPES, "promotion")
ENTITIES = ("products", "categories")
MAX_NAME = 100
MAX_CODE = 50
# Letters, digits, spaces, underscores and hyphens (upstream coupon_Base.code; the same for v3 promotion codes).
CODE_CHARS = re.compile(r"[A-Za-z0-9 _-]+")


@dataclass(frozen=True, slots=True)
class AppliesTo:
    entity: str  # "products" or "categories"
    ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Coupon:
    id: int
    name: str
    code: str
    type: str
    amount: float
    date_created: datetime
    # None once a PUT has left it out (upstream updateCoupon: the value is cleared).
    applies_to: AppliesTo | None = None
    min_purchase: float = 0.0
    expires: datetime | None = None
    enabled: bool = True
    max_uses: int = 0  # 0: no limit
    max_uses_per_customer: int = 0
    num_uses: int = 0
    restricted_countries: str = ""  # restricted_to.countries; "" is no restriction
    shipping_methods: tuple[str, ...] = ()


def code_key(code: str) -> str:
    """Codes are matched without regard to case: ``SAVE10`` and ``save10`` are one code."""
    return code.casefold()


TABLES = (
    TableSpec(
        "coupons",
        Coupon,
        indexes=(
            Index("name", lambda c: c.name.casefold(), unique=True),
            Index("code", lambda c: code_key(c.code), unique=True),
            Index("type", lambda c: c.type),
        ),
    ),
)
