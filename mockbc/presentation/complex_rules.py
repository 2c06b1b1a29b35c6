"""Complex rules on the v3 wire."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockbc.domain.complex_rules import Adjuster, ComplexRule, Condition
from mockbc.presentation.call import Call
from mockbc.presentation.v3 import View, cached
from mockbc.presentation.wire import select_fields

NAME = "complex_rule.v3"
SCALARS = (
    "sort_order", "enabled", "stop", "purchasing_disabled", "purchasing_disabled_message", "purchasing_hidden",
    "image_url",
)  # fmt: skip


def _adjuster_out(adjuster: Adjuster | None) -> dict[str, Any]:
    # No adjuster is an empty object, as upstream's examples show; its schemas type adjuster as a non-null enum.
    if adjuster is None:
        return {}
    return {"adjuster": adjuster.adjuster, "adjuster_value": adjuster.adjuster_value}


def _condition_out(condition: Condition, rule_id: int) -> dict[str, Any]:
    # An id a condition does not name is 0: upstream's get and update responses type all three
    # as required, non-null integers.
    return {
        "id": condition.id, "rule_id": rule_id, "modifier_id": condition.modifier_id or 0,
        "modifier_value_id": condition.modifier_value_id or 0, "variant_id": condition.variant_id or 0,
        "combination_id": condition.combination_id,
    }  # fmt: skip


def to_v3(rule: ComplexRule) -> dict[str, Any]:
    out: dict[str, Any] = {"id": rule.id, "product_id": rule.product_id}
    out.update((name, getattr(rule, name)) for name in SCALARS)
    out["price_adjuster"] = _adjuster_out(rule.price_adjuster)
    out["weight_adjuster"] = _adjuster_out(rule.weight_adjuster)
    out["conditions"] = [_condition_out(c, rule.id) for c in rule.conditions]
    return out


def _adjuster_in(raw: Mapping[str, Any]) -> Adjuster | None:
    """``{}`` or ``{"adjuster": null}`` is no adjuster, as the responses render it."""
    if not raw.get("adjuster"):
        return None
    return Adjuster(adjuster=raw["adjuster"], adjuster_value=float(raw.get("adjuster_value") or 0))


def _id(raw: Any) -> int | None:
    return int(raw) if raw else None  # 0, as the responses render an id not named, is none


def changes_from_v3(body: Mapping[str, Any]) -> dict[str, Any]:
    """The writable fields present in the body; read-only ones (``id``, ``product_id``, and each
    condition's ``id``, ``rule_id`` and ``combination_id``) are ignored. ``conditions`` become
    ``(modifier_id, modifier_value_id, variant_id)`` triples."""
    changes: dict[str, Any] = {name: body[name] for name in SCALARS if body.get(name) is not None}
    for name in ("price_adjuster", "weight_adjuster"):
        if name in body:
            changes[name] = _adjuster_in(body[name] or {})
    if body.get("conditions") is not None:
        changes["conditions"] = [
            (_id(c.get("modifier_id")), _id(c.get("modifier_value_id")), _id(c.get("variant_id")))
            for c in body["conditions"]
        ]
    return changes


def item_v3(rule: ComplexRule, call: Call) -> dict[str, Any]:
    return select_fields(
        cached(call, NAME, rule, to_v3), call.query.get("include_fields"), call.query.get("exclude_fields")
    )


VIEW_V3 = View(NAME, item_v3, changes_from_v3, whole=to_v3, shaping=frozenset({"include_fields", "exclude_fields"}))
