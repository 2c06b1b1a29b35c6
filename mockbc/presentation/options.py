"""Variant options and their values on the v3 wire."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockbc.domain.options import OptionValue, ProductOption, in_display_order
from mockbc.domain.products import Product
from mockbc.presentation.call import Call
from mockbc.presentation.v3 import View, cached
from mockbc.presentation.wire import select_fields
from mockbc.services import options as service

SHAPING = frozenset({"include_fields", "exclude_fields"})
# Upstream's option value schema requires label and sort_order: field selection keeps them.
VALUE_ALWAYS = frozenset({"id", "label", "sort_order"})
_VALUE_FIELDS = ("id", "label", "sort_order", "is_default", "value_data")


def value_to_v3(value: OptionValue) -> dict[str, Any]:
    # A value without data shows {} (upstream's examples; its option value schema is a non-null object).
    return {
        "id": value.id, "label": value.label, "sort_order": value.sort_order, "is_default": value.is_default,
        "value_data": dict(value.value_data or {}),
    }  # fmt: skip


def to_v3(option: ProductOption) -> dict[str, Any]:
    return {
        "id": option.id,
        "product_id": option.product_id,
        "display_name": option.display_name,
        "name": option.name,
        "type": option.type,
        "sort_order": option.sort_order,
        "config": dict(option.config),
        "image_url": option.image_url,
        "option_values": [value_to_v3(value) for value in in_display_order(option.option_values)],
    }


def item_v3(option: ProductOption, call: Call) -> dict[str, Any]:
    return select_fields(
        cached(call, "option.v3", option, to_v3), call.query.get("include_fields"), call.query.get("exclude_fields")
    )


def value_item_v3(value: OptionValue, call: Call) -> dict[str, Any]:
    return select_fields(
        cached(call, "option_value.v3", value, value_to_v3),
        call.query.get("include_fields"),
        call.query.get("exclude_fields"),
        always=VALUE_ALWAYS,
    )


def value_from_v3(item: Mapping[str, Any]) -> dict[str, Any]:
    """One value of a body, in domain names; ``id`` (when given) names the value to change."""
    return {name: item[name] for name in _VALUE_FIELDS if name in item and item[name] is not None}


def changes_from_v3(body: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a validated option body; read-only ones (``id``, ``product_id``, ``name``) are ignored."""
    changes: dict[str, Any] = {}
    for name in ("display_name", "type", "sort_order", "config", "image_url"):
        if name in body and body[name] is not None:
            changes[name] = body[name]
    if body.get("option_values") is not None:
        changes["option_values"] = [value_from_v3(item) for item in body["option_values"]]
    return changes


def _options_include(product: Product, call: Call) -> list[dict[str, Any]]:
    return [cached(call, "option.v3", option, to_v3) for option in service.options_of(call.store, product.id)]


PRODUCT_INCLUDES = {"options": _options_include}

VIEW_V3 = View("option.v3", item_v3, changes_from_v3, whole=to_v3, shaping=SHAPING)
VALUE_VIEW_V3 = View("option_value.v3", value_item_v3, value_from_v3, whole=value_to_v3, shaping=SHAPING)
