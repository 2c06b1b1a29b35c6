"""Create, change, find and delete a product's complex rules (upstream products_catalog.v3.yml,
createProductComplexRule and its siblings).

Rules: each condition names a modifier value (``modifier_id`` with ``modifier_value_id``), a
variant, or both, and only the product's own; a rule names several modifier values, or a
modifier value and a variant (upstream complexRuleConditionBase); two rules of a product may
not have the same conditions (409). Modifier ids are checked only when the store holds
modifiers (a ``modifiers`` table): without one they are taken as given.
Every check runs before the first write.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockbc.domain.complex_rules import ComplexRule, Condition, is_sufficient
from mockbc.domain.errors import NotFound, conflict, invalid
from mockbc.domain.products import Product
from mockbc.domain.query import Condition as Filtering
from mockbc.domain.query import Filter
from mockbc.domain.variants import Variant
from mockbc.services import products as product_service
from mockbc.store.select import Rows, select
from mockbc.store.store import Store

RESOURCE = "complex rule"
WRITABLE = (
    "sort_order", "enabled", "stop", "purchasing_disabled", "purchasing_disabled_message", "purchasing_hidden",
    "image_url", "price_adjuster", "weight_adjuster",
)  # fmt: skip
# A condition as a request gives it: (modifier_id, modifier_value_id, variant_id), None where absent.
ConditionInput = tuple[int | None, int | None, int | None]

FILTERS = {"product_id": Filter(get=lambda r: r.product_id, index="product_id")}


def of_product(store: Store, product_id: int) -> Rows:
    return select(store.complex_rules, [Filtering("product_id", "eq", product_id)], FILTERS)


def find(store: Store, product_id: int) -> Rows:
    product_service.get(store, product_id)
    return of_product(store, product_id)


def get(store: Store, product_id: int, rule_id: int) -> ComplexRule:
    product_service.get(store, product_id)
    rule: ComplexRule | None = store.complex_rules.get(rule_id)
    if rule is None or rule.product_id != product_id:
        raise NotFound(RESOURCE, rule_id)
    return rule


def _check_modifier(store: Store, product: Product, modifier_id: int, value_id: int, where: str) -> None:
    """The modifier and its value belong to the product; unchecked while the store has no modifiers."""
    if "modifiers" not in store.tables:
        return
    modifier: Any = store.tables["modifiers"].get(modifier_id)
    if modifier is None or getattr(modifier, "product_id", None) != product.id:
        raise invalid("payload", f"{where}.modifier_id", "not_of_product", resource="modifier", id=modifier_id)
    values = getattr(modifier, "option_values", None)
    if values is not None and value_id not in {getattr(v, "id", None) for v in values}:
        raise invalid("payload", f"{where}.modifier_value_id", "not_a_value_of", id=value_id, modifier=modifier_id)


def _check_conditions(store: Store, product: Product, conditions: Sequence[ConditionInput]) -> None:
    seen: set[ConditionInput] = set()
    for index, (modifier_id, value_id, variant_id) in enumerate(conditions):
        where = f"conditions.{index}"
        if modifier_id is None and value_id is None and variant_id is None:
            raise invalid("payload", where, "condition_empty")
        if (modifier_id is None) != (value_id is None):
            missing, given = (
                ("modifier_id", "modifier_value_id") if modifier_id is None else ("modifier_value_id", "modifier_id")
            )
            raise invalid("payload", f"{where}.{missing}", "modifier_pair", other=given)
        if modifier_id is not None and value_id is not None:
            _check_modifier(store, product, modifier_id, value_id, where)
        if variant_id is not None:
            variant: Variant | None = store.variants.get(variant_id)
            if variant is None or variant.product_id != product.id:
                raise invalid("payload", f"{where}.variant_id", "not_of_product", resource="variant", id=variant_id)
        key = (modifier_id, value_id, variant_id)
        if key in seen:
            raise invalid("payload", where, "condition_repeated")
        seen.add(key)
    if not is_sufficient(frozenset(seen)):
        raise invalid("payload", "conditions", "conditions_insufficient")


def _check_unique(store: Store, rule: ComplexRule) -> None:
    wanted = rule.condition_set
    for other in of_product(store, rule.product_id):
        if other.id != rule.id and other.condition_set == wanted:
            raise conflict("complex_rule_duplicate", "conditions", "complex_rule_duplicate", id=other.id)


def _build_conditions(
    store: Store, conditions: Sequence[ConditionInput], kept: Sequence[Condition] = ()
) -> tuple[Condition, ...]:
    """Conditions with their ids: one equal to a condition the rule already had keeps its id."""
    by_key = {c.key: c for c in kept}
    built: list[Condition] = []
    for modifier_id, value_id, variant_id in conditions:
        existing = by_key.get((modifier_id, value_id, variant_id))
        if existing is not None:
            built.append(existing)
            continue
        variant: Variant | None = store.variants.get(variant_id) if variant_id is not None else None
        built.append(
            Condition(
                id=store.next_id("complex_rules"), modifier_id=modifier_id, modifier_value_id=value_id,
                variant_id=variant_id, combination_id=(variant.sku_id or 0) if variant is not None else 0,
            )
        )  # fmt: skip
    return tuple(built)


def create(store: Store, product_id: int, changes: Mapping[str, Any]) -> ComplexRule:
    product = product_service.get(store, product_id)
    conditions: Sequence[ConditionInput] = changes.get("conditions") or ()
    _check_conditions(store, product, conditions)
    draft = ComplexRule(
        id=0, product_id=product_id, conditions=tuple(Condition(0, *key) for key in conditions),
        **{name: changes[name] for name in WRITABLE if name in changes},
    )  # fmt: skip
    _check_unique(store, draft)
    rule_id = store.next_id("complex_rules")
    rule = replace(draft, id=rule_id, conditions=_build_conditions(store, conditions))
    store.complex_rules.put(rule.id, rule)
    store.emit("complex_rule", "created", rule.id)
    return rule


def update(store: Store, product_id: int, rule_id: int, changes: Mapping[str, Any]) -> ComplexRule:
    """A partial update; ``conditions``, when sent, replace the rule's conditions."""
    rule = get(store, product_id, rule_id)
    product = product_service.get(store, product_id)
    fields = {name: changes[name] for name in WRITABLE if name in changes}
    conditions: Sequence[ConditionInput] | None = changes.get("conditions")
    if conditions is not None:
        _check_conditions(store, product, conditions)
        _check_unique(store, replace(rule, conditions=tuple(Condition(0, *key) for key in conditions)))
        fields["conditions"] = _build_conditions(store, conditions, rule.conditions)
    updated = replace(rule, **fields)
    store.complex_rules.put(updated.id, updated)
    store.emit("complex_rule", "updated", updated.id)
    return updated


def delete(store: Store, product_id: int, rule_id: int) -> None:
    get(store, product_id, rule_id)
    store.delete("complex_rules", [rule_id])
