"""A product's complex rules: adjustments that apply when a shopper picks a combination of
modifier values and variants (upstream products_catalog.v3.yml, complexRule_Base)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mockbc.domain.storage import Index, Reference, TableSpec

AdjusterKind = Literal["relative", "percentage"]
ADJUSTER_KINDS: tuple[AdjusterKind, ...] = ("relative", "percentage")
MAX_PURCHASING_DISABLED_MESSAGE = 255


@dataclass(frozen=True, slots=True)
class Adjuster:
    adjuster: AdjusterKind
    adjuster_value: float = 0.0


@dataclass(frozen=True, slots=True)
class Condition:
    """One condition: a modifier value (``modifier_id`` with ``modifier_value_id``), a variant,
    or both. ``None`` where it names none."""

    id: int
    modifier_id: int | None = None
    modifier_value_id: int | None = None
    variant_id: int | None = None
    # The variant's v2 SKU id, kept for v2 compatibility as upstream describes; 0 without one.
    combination_id: int = 0

    @property
    def key(self) -> tuple[int | None, int | None, int | None]:
        return (self.modifier_id, self.modifier_value_id, self.variant_id)


@dataclass(frozen=True, slots=True)
class ComplexRule:
    id: int
    product_id: int
    conditions: tuple[Condition, ...] = ()
    sort_order: int = 0
    enabled: bool = True
    stop: bool = False
    purchasing_disabled: bool = False
    purchasing_disabled_message: str = ""
    purchasing_hidden: bool = False
    image_url: str = ""
    price_adjuster: Adjuster | None = None
    weight_adjuster: Adjuster | None = None

    @property
    def condition_set(self) -> frozenset[tuple[int | None, int | None, int | None]]:
        return frozenset(c.key for c in self.conditions)


def is_sufficient(keys: frozenset[tuple[int | None, int | None, int | None]]) -> bool:
    """Upstream (complexRuleConditionBase): a rule written through v3 names several modifier
    values, or a modifier value and a variant."""
    values = {value for _, value, _ in keys if value is not None}
    variants = {variant for _, _, variant in keys if variant is not None}
    return len(values) >= 2 or (len(values) >= 1 and len(variants) >= 1)


TABLES = (
    TableSpec(
        "complex_rules",
        ComplexRule,
        indexes=(
            Index("product_id", lambda r: r.product_id),
            Index(
                "variant_ids", lambda r: {c.variant_id for c in r.conditions if c.variant_id is not None}, multi=True
            ),
        ),
        references=(
            Reference("product_id", "products", "cascade"),
            # A rule naming a variant that is deleted can no longer apply: it goes with the variant.
            Reference("variant_ids", "variants", "cascade"),
        ),
        # Rules and their conditions draw ids from one sequence, as options and their values do.
        inner_ids=lambda r: (c.id for c in r.conditions),
        resource="complex_rule",
    ),
)
