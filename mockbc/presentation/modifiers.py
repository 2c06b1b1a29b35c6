"""Modifiers and their values on the v3 wire."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockbc.domain.modifiers import Adjuster, Adjusters, Modifier, ModifierValue
from mockbc.domain.options import in_display_order
from mockbc.domain.products import Product
from mockbc.presentation.call import Call
from mockbc.presentation.v3 import View, cached
from mockbc.presentation.wire import select_fields
from mockbc.services import modifiers as service

SHAPING = frozenset({"include_fields", "exclude_fields"})
# Upstream requires these of a modifier and of a modifier value: field selection keeps them.
ALWAYS = frozenset({"id", "required", "type"})
VALUE_ALWAYS = frozenset({"id", "label", "sort_order"})


def _adjuster(adjuster: Adjuster) -> dict[str, Any]:
    return {"adjuster": adjuster.adjuster, "adjuster_value": adjuster.adjuster_value}


def adjusters_to_v3(adjusters: Adjusters) -> dict[str, Any]:
    return {
        "price": _adjuster(adjusters.price),
        "weight": _adjuster(adjusters.weight),
        "image_url": adjusters.image_url,
        "purchasing_disabled": {
            "status": adjusters.purchasing_disabled,
            "message": adjusters.purchasing_disabled_message,
        },
    }


def value_to_v3(value: ModifierValue, modifier_id: int) -> dict[str, Any]:
    # A value without data shows {}, as option values do, so a fetched modifier can be sent back.
    return {
        "id": value.id, "option_id": modifier_id, "label": value.label, "sort_order": value.sort_order,
        "value_data": dict(value.value_data or {}),
        "is_default": value.is_default, "adjusters": adjusters_to_v3(value.adjusters),
    }  # fmt: skip


def to_v3(modifier: Modifier) -> dict[str, Any]:
    return {
        "id": modifier.id,
        "product_id": modifier.product_id,
        "name": modifier.name,
        "display_name": modifier.display_name,
        "type": modifier.type,
        "required": modifier.required,
        "sort_order": modifier.sort_order,
        "config": dict(modifier.config),
        "option_values": [value_to_v3(value, modifier.id) for value in in_display_order(modifier.option_values)],
    }


def item_v3(modifier: Modifier, call: Call) -> dict[str, Any]:
    return select_fields(
        cached(call, "modifier.v3", modifier, to_v3),
        call.query.get("include_fields"),
        call.query.get("exclude_fields"),
        always=ALWAYS,
    )


def value_item_v3(value: ModifierValue, call: Call) -> dict[str, Any]:
    return select_fields(
        value_to_v3(value, call.path["modifier_id"]),
        call.query.get("include_fields"),
        call.query.get("exclude_fields"),
        always=VALUE_ALWAYS,
    )


def _adjuster_from_v3(raw: Mapping[str, Any]) -> Adjuster:
    return Adjuster(raw.get("adjuster"), float(raw.get("adjuster_value") or 0))


def adjusters_from_v3(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The adjusters a body gives, as ``Adjusters`` fields: the service lays them over the value's."""
    out: dict[str, Any] = {}
    for name in ("price", "weight"):
        if raw.get(name) is not None:
            out[name] = _adjuster_from_v3(raw[name])
    if "image_url" in raw:
        out["image_url"] = raw["image_url"] or ""
    disabled = raw.get("purchasing_disabled")
    if disabled is not None:
        if disabled.get("status") is not None:
            out["purchasing_disabled"] = bool(disabled["status"])
        if "message" in disabled:
            out["purchasing_disabled_message"] = disabled["message"] or ""
    return out


def value_from_v3(item: Mapping[str, Any]) -> dict[str, Any]:
    out = {name: item[name] for name in ("id", "label", "sort_order", "is_default") if item.get(name) is not None}
    if "value_data" in item:
        out["value_data"] = item["value_data"]
    if item.get("adjusters") is not None:
        out["adjusters"] = adjusters_from_v3(item["adjusters"])
    return out


def changes_from_v3(body: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a validated modifier body; read-only ones (``id``, ``product_id``, ``name``) are ignored."""
    changes = {
        name: body[name] for name in ("display_name", "type", "required", "sort_order", "config") if name in body
    }
    if body.get("option_values") is not None:
        changes["option_values"] = [value_from_v3(item) for item in body["option_values"]]
    return changes


def _modifiers_include(product: Product, call: Call) -> list[dict[str, Any]]:
    return [cached(call, "modifier.v3", modifier, to_v3) for modifier in service.modifiers_of(call.store, product.id)]


PRODUCT_INCLUDES = {"modifiers": _modifiers_include}

VIEW_V3 = View("modifier.v3", item_v3, changes_from_v3, whole=to_v3, shaping=SHAPING)
VALUE_VIEW_V3 = View("modifier_value.v3", value_item_v3, value_from_v3)
# createProductModifierImage answers with the image alone: ``{"data": {"image_url"}}``.
IMAGE_VIEW_V3 = View("modifier_value.image.v3", lambda value, call: {"image_url": value.adjusters.image_url})
