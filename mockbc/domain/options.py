"""A product's variant options and their values (upstream product-variant-options_catalog.v3.yml):
the choices (Color, Size) whose value combinations make the product's variants."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mockbc.domain.storage import Index, Reference, TableSpec

OPTION_TYPES = ("radio_buttons", "rectangles", "dropdown", "product_list", "product_list_with_images", "swatch")
# Upstream createProductVariantOptionValue: "250 option values per option limit".
MAX_VALUES = 250
MAX_NAME_LENGTH = 255
# Upstream's modifier guide: a swatch value "can include a colors array with up to three" colours.
MAX_SWATCH_COLORS = 3

# The config fields each option or modifier type uses (upstream product-modifiers_catalog.v3.yml,
# "Configs"); types that only offer values use none.
CONFIG_FIELDS: Mapping[str, frozenset[str]] = {
    "date": frozenset({"default_value", "date_limited", "date_limit_mode", "date_earliest_value", "date_latest_value"}),
    "checkbox": frozenset({"checked_by_default", "checkbox_label"}),
    "file": frozenset({"file_types_mode", "file_types_supported", "file_types_other", "file_max_size"}),
    "text": frozenset({"default_value", "text_characters_limited", "text_min_length", "text_max_length"}),
    "multi_line_text": frozenset({
        "default_value", "text_characters_limited", "text_min_length", "text_max_length", "text_lines_limited",
        "text_max_lines",
    }),
    "numbers_only_text": frozenset({
        "default_value", "number_limited", "number_limit_mode", "number_lowest_value", "number_highest_value",
        "number_integers_only",
    }),
    "product_list": frozenset({
        "product_list_adjusts_inventory", "product_list_adjusts_pricing", "product_list_shipping_calc",
    }),
    "product_list_with_images": frozenset({
        "product_list_adjusts_inventory", "product_list_adjusts_pricing", "product_list_shipping_calc",
    }),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class OptionValue:
    id: int
    label: str
    sort_order: int = 0
    is_default: bool = False
    # Swatch colours or image, a listed product's id: JSON as sent, never changed in place.
    value_data: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class ProductOption:
    id: int
    product_id: int
    display_name: str
    type: str = "dropdown"
    sort_order: int = 0
    option_values: tuple[OptionValue, ...] = ()
    config: Mapping[str, Any] = field(default_factory=dict)
    image_url: str = ""
    name: str = ""

    def value(self, value_id: int) -> OptionValue | None:
        return next((v for v in self.option_values if v.id == value_id), None)


def in_display_order(values: tuple[Any, ...]) -> list[Any]:
    """Values as a storefront lists them: by ``sort_order``, then by id."""
    return sorted(values, key=lambda v: (v.sort_order, v.id))


def unique_name(display_name: str, created: datetime, product_id: int) -> str:
    """The option's ``name``: "auto-generated from the display name, a timestamp, and the product
    ID" (upstream productOption_Full), e.g. ``Add-a-$5-Donation1535042499-187``."""
    return f"{'-'.join(display_name.split())}{int(created.timestamp())}-{product_id}"


TABLES = (
    TableSpec(
        "options",
        ProductOption,
        indexes=(Index("product_id", lambda o: o.product_id),),
        references=(Reference("product_id", "products", "cascade"),),
        # Options, modifiers and their values draw ids from one sequence, as upstream's do.
        inner_ids=lambda o: (value.id for value in o.option_values),
        resource="option",
    ),
)
