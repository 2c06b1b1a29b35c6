"""Bulk pricing rules on the v3 wire, and as a product's ``include=bulk_pricing_rules`` and
inline ``bulk_pricing_rules``."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from mockbc.domain.bulk_pricing import BulkPricingRule
from mockbc.domain.errors import invalid
from mockbc.domain.products import Product
from mockbc.presentation.call import Call
from mockbc.presentation.v3 import View, cached
from mockbc.presentation.wire import select_fields
from mockbc.services import bulk_pricing as service

NAME = "bulk_pricing_rule.v3"
FIELDS = ("quantity_min", "quantity_max", "type", "amount")


def to_v3(rule: BulkPricingRule) -> dict[str, Any]:
    return {
        "id": rule.id, "quantity_min": rule.quantity_min, "quantity_max": rule.quantity_max, "type": rule.type,
        "amount": rule.amount,
    }  # fmt: skip


def _amount(raw: Any, where: str) -> float:
    """Upstream takes the amount as a number or a string (bulkPricingRule_Full: oneOf); a string
    is read as the number it spells (``".10"`` is 0.1), and answered as a number."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise invalid("body", where, "type", types=["number", "string"])
    try:
        value = float(raw.strip()) if isinstance(raw, str) else float(raw)
    except (ValueError, OverflowError):
        raise invalid("body", where, "not_number", raw=raw) from None
    if not math.isfinite(value):
        raise invalid("body", where, "not_number", raw=raw)
    return value


def changes_from_v3(body: Mapping[str, Any]) -> dict[str, Any]:
    """The rule's fields present in the body; the read-only ``id`` is ignored."""
    changes = {name: body[name] for name in FIELDS if body.get(name) is not None}
    if "amount" in body:
        changes["amount"] = _amount(body["amount"], "amount")
    return changes


def inline_from_v3(item: Mapping[str, Any]) -> dict[str, Any]:
    """One item of a product body's ``bulk_pricing_rules``: its ``id`` says which rule it changes."""
    parsed: dict[str, Any] = {name: item[name] for name in FIELDS}
    parsed["amount"] = float(parsed["amount"])
    if item.get("id") is not None:
        parsed["id"] = item["id"]
    return parsed


def item_v3(rule: BulkPricingRule, call: Call) -> dict[str, Any]:
    return select_fields(
        cached(call, NAME, rule, to_v3), call.query.get("include_fields"), call.query.get("exclude_fields")
    )


def _include(product: Product, call: Call) -> list[dict[str, Any]]:
    return [cached(call, NAME, rule, to_v3) for rule in service.of_product(call.store, product.id)]


PRODUCT_INCLUDES = {"bulk_pricing_rules": _include}
PRODUCT_INLINE_V3 = {"bulk_pricing_rules": inline_from_v3}

VIEW_V3 = View(NAME, item_v3, changes_from_v3, whole=to_v3, shaping=frozenset({"include_fields", "exclude_fields"}))
