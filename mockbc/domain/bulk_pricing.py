"""A product's bulk pricing rules: a price adjustment for a range of quantities
(upstream products_catalog.v3.yml, bulkPricingRule_Full)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mockbc.domain.storage import Index, Reference, TableSpec

RuleType = Literal["price", "percent", "fixed"]
RULE_TYPES: tuple[RuleType, ...] = ("price", "percent", "fixed")
# Upstream bulkPricingRule_Response: "for fixed rules, the minimum quantity can't be less than two".
MIN_FIXED_QUANTITY = 2
UNBOUNDED = 0  # a quantity_max of 0: no upper bound


@dataclass(frozen=True, slots=True)
class BulkPricingRule:
    id: int
    product_id: int
    quantity_min: int
    quantity_max: int
    type: RuleType
    amount: float


def upper(quantity_max: int) -> float:
    return float("inf") if quantity_max == UNBOUNDED else quantity_max


def overlaps(min_a: int, max_a: int, min_b: int, max_b: int) -> bool:
    """Whether two inclusive quantity ranges share a quantity (a max of 0 has no upper bound)."""
    return min_a <= upper(max_b) and min_b <= upper(max_a)


TABLES = (
    TableSpec(
        "bulk_pricing_rules",
        BulkPricingRule,
        indexes=(Index("product_id", lambda r: r.product_id),),
        references=(Reference("product_id", "products", "cascade"),),
        resource="bulk_pricing_rule",
    ),
)
