"""Create, change, find and delete a product's bulk pricing rules (upstream products_catalog.v3.yml,
createBulkPricingRule and its siblings), and the ``bulk_pricing_rules`` a product body carries.

Rules: ``quantity_max`` exceeds ``quantity_min`` unless it is 0 (no upper bound); a ``fixed``
rule starts at a quantity of 2 or more; no two rules of a product cover the same quantity (409).
Every check runs before the first write.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockbc.domain.bulk_pricing import MIN_FIXED_QUANTITY, UNBOUNDED, BulkPricingRule, overlaps
from mockbc.domain.errors import NotFound, conflict, invalid
from mockbc.domain.products import Product
from mockbc.domain.query import Condition, Filter
from mockbc.services import products as product_service
from mockbc.services.products import Inline
from mockbc.store.select import Rows, select
from mockbc.store.store import Store

RESOURCE = "bulk pricing rule"
FIELDS = ("quantity_min", "quantity_max", "type", "amount")

FILTERS = {"product_id": Filter(get=lambda r: r.product_id, index="product_id")}


def of_product(store: Store, product_id: int) -> Rows:
    """The product's rules, in id order, read through the product_id index."""
    return select(store.bulk_pricing_rules, [Condition("product_id", "eq", product_id)], FILTERS)


def find(store: Store, product_id: int) -> Rows:
    product_service.get(store, product_id)
    return of_product(store, product_id)


def get(store: Store, product_id: int, rule_id: int) -> BulkPricingRule:
    product_service.get(store, product_id)
    rule: BulkPricingRule | None = store.bulk_pricing_rules.get(rule_id)
    if rule is None or rule.product_id != product_id:
        raise NotFound(RESOURCE, rule_id)
    return rule


def _check_rule(fields: Mapping[str, Any], where: str = "") -> None:
    """One rule's own limits; ``where`` prefixes the field names (an inline item's index)."""
    low, high = fields["quantity_min"], fields["quantity_max"]
    if high != UNBOUNDED and high <= low:
        raise invalid("payload", f"{where}quantity_max", "quantity_range", minimum=low)
    if fields["type"] == "fixed" and low < MIN_FIXED_QUANTITY:
        raise invalid("payload", f"{where}quantity_min", "fixed_minimum", limit=MIN_FIXED_QUANTITY)
    amount = fields["amount"]
    if not isinstance(amount, (int, float)) or isinstance(amount, bool) or not math.isfinite(amount):
        raise invalid("payload", f"{where}amount", "type", types=["number"])


def _check_overlap(fields: Mapping[str, Any], others: Iterable[BulkPricingRule], where: str = "") -> None:
    low, high = fields["quantity_min"], fields["quantity_max"]
    for other in others:
        if overlaps(low, high, other.quantity_min, other.quantity_max):
            raise conflict(
                "bulk_pricing_overlap", f"{where}quantity_min", "bulk_pricing_overlap", id=other.id,
                low=other.quantity_min, high=other.quantity_max,
            )  # fmt: skip


def create(store: Store, product_id: int, changes: Mapping[str, Any]) -> BulkPricingRule:
    product_service.get(store, product_id)
    fields = {name: changes[name] for name in FIELDS}
    _check_rule(fields)
    _check_overlap(fields, of_product(store, product_id))
    rule = BulkPricingRule(id=store.next_id("bulk_pricing_rules"), product_id=product_id, **fields)
    store.bulk_pricing_rules.put(rule.id, rule)
    store.emit("bulk_pricing_rule", "created", rule.id)
    return rule


def update(store: Store, product_id: int, rule_id: int, changes: Mapping[str, Any]) -> BulkPricingRule:
    rule = get(store, product_id, rule_id)
    updated = replace(rule, **{name: changes[name] for name in FIELDS if name in changes})
    fields = {name: getattr(updated, name) for name in FIELDS}
    _check_rule(fields)
    _check_overlap(fields, (r for r in of_product(store, product_id) if r.id != rule.id))
    store.bulk_pricing_rules.put(updated.id, updated)
    store.emit("bulk_pricing_rule", "updated", updated.id)
    return updated


def delete(store: Store, product_id: int, rule_id: int) -> None:
    get(store, product_id, rule_id)
    store.delete("bulk_pricing_rules", [rule_id])


# --------------------------------------------------------------------------- inline on a product body


def check_inline(store: Store, product: Product | None, items: Sequence[Mapping[str, Any]]) -> None:
    """The ``bulk_pricing_rules`` of a product body, checked before anything is written.

    As with custom fields, on an update an item whose ``id`` names one of the product's rules
    changes it and one without adds a rule; rules the body does not name are kept. On a create
    every item is a new rule. The rules as they will be, stored and sent, may not overlap."""
    stored = {r.id: r for r in of_product(store, product.id)} if product is not None else {}
    named: set[int] = set()
    for index, item in enumerate(items):
        rule_id = item.get("id") if product is not None else None
        if rule_id is not None:
            if rule_id in named:
                raise invalid("payload", f"{index}.id", "repeated_in_request")
            if rule_id not in stored:
                raise invalid("payload", f"{index}.id", "not_of_product", resource=RESOURCE, id=rule_id)
            named.add(rule_id)
        _check_rule(item, f"{index}.")
    kept = [rule for rule in stored.values() if rule.id not in named]
    for index, item in enumerate(items):
        _check_overlap(item, kept, f"{index}.")
        for earlier in range(index):
            other = items[earlier]
            if overlaps(item["quantity_min"], item["quantity_max"], other["quantity_min"], other["quantity_max"]):
                raise conflict("bulk_pricing_overlap", f"{index}.quantity_min", "inline_overlap", item=earlier)


def write_inline(store: Store, product_id: int, items: Sequence[Mapping[str, Any]]) -> None:
    """Write what ``check_inline`` accepted: an id of one of the product's rules updates it,
    anything else (every item of a new product) adds a rule."""
    stored = {r.id: r for r in of_product(store, product_id)}  # before this write: none on a new product
    for item in items:
        fields = {name: item[name] for name in FIELDS}
        target = stored.get(item["id"]) if item.get("id") is not None else None
        if target is not None:
            store.bulk_pricing_rules.put(target.id, replace(target, **fields))
            store.emit("bulk_pricing_rule", "updated", target.id)
        else:
            rule = BulkPricingRule(id=store.next_id("bulk_pricing_rules"), product_id=product_id, **fields)
            store.bulk_pricing_rules.put(rule.id, rule)
            store.emit("bulk_pricing_rule", "created", rule.id)


PRODUCT_INLINE = {"bulk_pricing_rules": Inline(check_inline, write_inline)}
