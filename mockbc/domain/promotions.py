"""Promotions and their coupon codes (upstream promotions.v3.yml, ``/v3/promotions``).

A promotion's rules, notifications, customer conditions, shipping address matcher and schedule are
nested documents that upstream describes but the mock does not act on; they are kept as the JSON
the client sent (compact text, so records stay immutable) and rendered back as they came.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from mockbc.domain.coupons import code_key
from mockbc.domain.storage import Index, Reference, TableSpec

REDEMPTION_TYPES = ("AUTOMATIC", "COUPON")
STATUSES = ("ENABLED", "DISABLED", "INVALID")
COUPON_TYPES = ("SINGLE", "BULK")
ACTIONS = ("cart_value", "cart_items", "gift_item", "fixed_price_set", "shipping")
SORTS = ("id", "name", "priority", "start_date")
# Upstream deletePromotions: batches of at most 50; deleteCouponCodes: at most 250 codes.
MAX_PROMOTIONS_PER_DELETE = 50
MAX_CODES_PER_DELETE = 250
MAX_CODEGEN_BATCH = 250
MAX_CODE = 50
EVERY_CHANNEL = 0  # the channel index's key for promotions that name no channel
CURRENCY = re.compile(r"[A-Z]{3}|\*")
# codegen: prefix and suffix in capitals, digits, "_" and "-"; random parts drawn from capitals and digits.
CODEGEN_AFFIX = re.compile(r"[A-Z0-9_-]*")
CODEGEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


@dataclass(frozen=True, slots=True)
class Promotion:
    id: int
    name: str
    redemption_type: str  # "AUTOMATIC" or "COUPON"
    rules: str  # JSON array
    start_date: datetime
    display_name: str = ""
    channels: tuple[int, ...] = ()  # () is every channel
    customer: str = "{}"  # JSON object
    notifications: str = "[]"  # JSON array
    current_uses: int = 0
    max_uses: int | None = None
    status: str = "ENABLED"
    end_date: datetime | None = None
    stop: bool = False
    can_be_used_with_other_promotions: bool = True
    currency_code: str = "*"
    shipping_address: str | None = None  # JSON object
    schedule: str | None = None  # JSON object
    created_from: str = "api"
    # coupon promotions only
    coupon_type: str = "SINGLE"
    coupon_overrides_other_promotions: bool = False
    coupon_overrides_automatic_when_offering_higher_discounts: bool = False


@dataclass(frozen=True, slots=True)
class PromotionCode:
    id: int
    promotion_id: int
    code: str
    created: datetime
    max_uses: int = 0  # 0: unlimited
    max_uses_per_customer: int = 0
    current_uses: int = 0


TABLES = (
    TableSpec(
        "promotions",
        Promotion,
        indexes=(
            Index("name", lambda p: p.name.casefold()),
            Index("redemption_type", lambda p: p.redemption_type),
            Index("status", lambda p: p.status),
            Index("currency_code", lambda p: p.currency_code),
            # Each channel a promotion runs on; EVERY_CHANNEL for one without channels, which runs on all.
            Index("channel", lambda p: p.channels or (EVERY_CHANNEL,), multi=True),
        ),
    ),
    TableSpec(
        "promotion_codes",
        PromotionCode,
        indexes=(
            Index("code", lambda c: code_key(c.code), unique=True),
            Index("promotion", lambda c: c.promotion_id),
        ),
        # A promotion that still has coupon codes cannot be deleted (upstream deletePromotions).
        references=(Reference("promotion", "promotions", "restrict"),),
        resource="promotion_code",
    ),
)
