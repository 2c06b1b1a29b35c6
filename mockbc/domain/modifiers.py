"""A product's modifiers (upstream product-modifiers_catalog.v3.yml): choices a shopper makes that
change the item bought (a monogram, gift wrap) without picking another variant."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mockbc.domain.storage import Index, Reference, TableSpec

MODIFIER_TYPES = (
    "date", "checkbox", "file", "text", "multi_line_text", "numbers_only_text", "radio_buttons", "rectangles",
    "dropdown", "product_list", "product_list_with_images", "swatch",
)  # fmt: skip
# Types whose shopper types or uploads something: no values (upstream's modifier guide, "Option Values").
INPUT_TYPES = frozenset({"date", "file", "text", "multi_line_text", "numbers_only_text"})
# Types that offer values to pick from; checkbox has exactly its checked and unchecked values.
CHOICE_TYPES = frozenset(MODIFIER_TYPES) - INPUT_TYPES - {"checkbox"}
ADJUSTER_KINDS = ("relative", "percentage")
# Upstream's "Configs" table: file_max_size "cannot exceed 524,288 KB".
MAX_FILE_SIZE_KB = 524_288
FILE_TYPE_GROUPS = ("images", "documents", "other")


def type_group(kind: str) -> str:
    """Types a modifier may change between keep their values' meaning: ``input``, ``checkbox`` or ``choice``."""
    if kind in INPUT_TYPES:
        return "input"
    return "checkbox" if kind == "checkbox" else "choice"


@dataclass(frozen=True, slots=True)
class Adjuster:
    adjuster: str | None = None  # "relative", "percentage" or none
    adjuster_value: float = 0.0


@dataclass(frozen=True, slots=True)
class Adjusters:
    price: Adjuster = Adjuster()
    weight: Adjuster = Adjuster()
    image_url: str = ""
    purchasing_disabled: bool = False
    purchasing_disabled_message: str = ""


@dataclass(frozen=True, slots=True)
class ModifierValue:
    id: int
    label: str
    sort_order: int = 0
    is_default: bool = False
    value_data: Mapping[str, Any] | None = None
    adjusters: Adjusters = Adjusters()


@dataclass(frozen=True, slots=True)
class Modifier:
    id: int
    product_id: int
    display_name: str
    type: str
    required: bool = False
    sort_order: int = 0
    config: Mapping[str, Any] = field(default_factory=dict)
    option_values: tuple[ModifierValue, ...] = ()
    name: str = ""

    def value(self, value_id: int) -> ModifierValue | None:
        return next((v for v in self.option_values if v.id == value_id), None)


TABLES = (
    TableSpec(
        "modifiers",
        Modifier,
        indexes=(Index("product_id", lambda m: m.product_id),),
        references=(Reference("product_id", "products", "cascade"),),
        # Modifier ids are option ids upstream (parent_relations names both): one sequence.
        sequence="options",
        inner_ids=lambda m: (value.id for value in m.option_values),
        resource="modifier",
    ),
)
