"""Customer attributes and their values (upstream customers.v3.yml createCustomersAttributes,
upsertCustomersAttributeValues and their siblings).

Rules: at most 50 attributes per store; names are unique without case; an attribute's type is
fixed once created; a value is always sent as a string, which must read as its attribute's type
(a number for ``number``, an ISO 8601 date for ``date``); a customer has one value per
attribute, so writing another replaces it. A refused call writes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from mockbc.domain.customers import MAX_ATTRIBUTES, CustomerAttribute, CustomerAttributeValue
from mockbc.domain.errors import Invalid, Problem
from mockbc.domain.query import Condition, Filter
from mockbc.services.customer_common import caseless
from mockbc.store.select import Rows, select
from mockbc.store.store import Store

# Upstream upsertCustomersAttributeValues: values of at most 10 customers per call.
MAX_CUSTOMERS_PER_UPSERT = 10


CASELESS = frozenset({"name"})
FILTERS = {
    "id": Filter(get=lambda a: a.id, primary=True),
    "name": Filter(get=lambda a: a.name.casefold(), index="name"),
    "type": Filter(get=lambda a: a.type),
    "date_created": Filter(get=lambda a: a.date_created),
    "date_modified": Filter(get=lambda a: a.date_modified),
}


def _values_named(store: Store, condition: Condition) -> set[int]:
    """Attribute values whose attribute has this name (getCustomersAttributeValues ``name``)."""
    owner = store.customer_attributes.unique("name", str(condition.value).casefold())
    return set() if owner is None else set(store.customer_attribute_values.lookup("attribute_id", owner))


VALUE_FILTERS = {
    "id": Filter(get=lambda v: v.id, primary=True),
    "customer_id": Filter(get=lambda v: v.customer_id, index="customer_id"),
    "attribute_id": Filter(get=lambda v: v.attribute_id, index="attribute_id"),
    "name": Filter(candidates=_values_named, matches=lambda c: lambda v: True),
    "date_created": Filter(get=lambda v: v.date_created),
    "date_modified": Filter(get=lambda v: v.date_modified),
}


def find(store: Store, conditions: Sequence[Condition]) -> Rows:
    return select(store.customer_attributes, caseless(conditions, CASELESS), FILTERS, context=store)


def find_values(store: Store, conditions: Sequence[Condition]) -> Rows:
    return select(store.customer_attribute_values, conditions, VALUE_FILTERS, context=store)


def values_of(store: Store, customer_id: int) -> Rows:
    return find_values(store, [Condition("customer_id", "eq", customer_id)])


def _missing(where: str, resource: str, record_id: Any) -> Problem:
    return Problem(where, "record_missing", {"resource": resource, "id": record_id})


def _refuse(kind: str, problems: list[Problem], total: int) -> None:
    if problems:
        raise Invalid(kind, tuple(problems), {"total": total})


def _check_names(store: Store, names: Sequence[tuple[int, int | None, str]]) -> list[Problem]:
    """``(index, own id, name)`` per item: names are unique in the store and in the batch."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, own, name in names:
        key = name.casefold()
        if key in seen:
            problems.append(Problem(f"{index}.name", "batch_duplicate", {"item": seen[key], "field": "name"}))
            continue
        seen[key] = index
        owner = store.customer_attributes.unique("name", key)
        if owner is not None and owner != own:
            problems.append(Problem(f"{index}.name", "attribute_name_taken", {"value": name}))
    return problems


def create_many(store: Store, items: Sequence[Mapping[str, Any]]) -> list[CustomerAttribute]:
    if len(store.customer_attributes) + len(items) > MAX_ATTRIBUTES:
        raise Invalid(
            "attribute_limit",
            (Problem("", "store_limit", {"limit": MAX_ATTRIBUTES, "resource": "customer attributes"}),),
            {"total": len(items)},
        )
    _refuse(
        "attributes_not_created", _check_names(store, [(i, None, it["name"]) for i, it in enumerate(items)]), len(items)
    )
    created: list[CustomerAttribute] = []
    for item in items:
        now = store.clock.now()
        attribute = CustomerAttribute(
            id=store.next_id("customer_attributes"), name=item["name"], type=item["type"],
            date_created=now, date_modified=now,
        )  # fmt: skip
        store.customer_attributes.put(attribute.id, attribute)
        store.emit("customer_attribute", "created", attribute.id)
        created.append(attribute)
    return created


def update_many(store: Store, items: Sequence[Mapping[str, Any]]) -> list[CustomerAttribute]:
    problems: list[Problem] = []
    seen: set[int] = set()
    for index, item in enumerate(items):
        attribute_id = item["id"]
        if attribute_id in seen:
            problems.append(Problem(f"{index}.id", "batch_repeated_id"))
        seen.add(attribute_id)
        attribute: CustomerAttribute | None = store.customer_attributes.get(attribute_id)
        if attribute is None:
            problems.append(_missing(f"{index}.id", "customer attribute", attribute_id))
        elif "type" in item and item["type"] != attribute.type:
            problems.append(Problem(f"{index}.type", "attribute_type_fixed", {"type": attribute.type}))
    problems += _check_names(store, [(i, it["id"], it["name"]) for i, it in enumerate(items)])
    _refuse("attributes_not_updated", problems, len(items))
    updated: list[CustomerAttribute] = []
    for item in items:
        new = replace(store.customer_attributes.require(item["id"]), name=item["name"], date_modified=store.clock.now())
        store.customer_attributes.put(new.id, new)
        store.emit("customer_attribute", "updated", new.id)
        updated.append(new)
    return updated


def delete(store: Store, attribute_ids: Sequence[int]) -> list[int]:
    """Delete attributes; every customer's value of them goes too."""
    return sorted(store.delete("customer_attributes", attribute_ids).get("customer_attributes", ()))


# --------------------------------------------------------------------------- values


def _suits(kind: str, value: str) -> bool:
    if kind == "number":
        try:
            return math.isfinite(float(value))
        except ValueError:
            return False
    if kind == "date":
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            try:
                date.fromisoformat(value)
            except ValueError:
                return False
        return True
    return True


def check_values(store: Store, values: Sequence[tuple[int, str]], where: str) -> list[Problem]:
    """Each ``(attribute_id, value)``: the attribute exists and the value reads as its type."""
    problems: list[Problem] = []
    for index, (attribute_id, value) in enumerate(values):
        attribute: CustomerAttribute | None = store.customer_attributes.get(attribute_id)
        if attribute is None:
            problems.append(_missing(f"{where}.{index}.attribute_id", "customer attribute", attribute_id))
        elif not _suits(attribute.type, value):
            problems.append(
                Problem(f"{where}.{index}.attribute_value", "attribute_value_type", {"type": attribute.type})
            )
    return problems


def put_value(store: Store, customer_id: int, attribute_id: int, value: str) -> CustomerAttributeValue:
    """The customer's value of the attribute, created or replaced (checked beforehand)."""
    now = store.clock.now()
    owner = store.customer_attribute_values.unique("pair", (customer_id, attribute_id))
    if owner is not None:
        current: CustomerAttributeValue = store.customer_attribute_values.require(owner)
        if current.value == value:
            return current
        new = replace(current, value=value, date_modified=now)
        store.customer_attribute_values.put(new.id, new)
        store.emit("customer_attribute_value", "updated", new.id)
        return new
    created = CustomerAttributeValue(
        id=store.next_id("customer_attribute_values"), customer_id=customer_id, attribute_id=attribute_id,
        value=value, date_created=now, date_modified=now,
    )  # fmt: skip
    store.customer_attribute_values.put(created.id, created)
    store.emit("customer_attribute_value", "created", created.id)
    return created


def upsert_values(store: Store, items: Sequence[Mapping[str, Any]]) -> list[CustomerAttributeValue]:
    """``{attribute_id, value, customer_id, id?}`` per item; an ``id`` must name that customer's value of
    that attribute."""
    customers = {item["customer_id"] for item in items}
    if len(customers) > MAX_CUSTOMERS_PER_UPSERT:
        raise Invalid(
            "attribute_values_not_saved",
            (Problem("", "too_many_customers", {"limit": MAX_CUSTOMERS_PER_UPSERT}),),
            {"total": len(items)},
        )
    problems: list[Problem] = []
    pairs: dict[tuple[int, int], int] = {}
    for index, item in enumerate(items):
        customer_id, attribute_id = item["customer_id"], item["attribute_id"]
        if store.customers.get(customer_id) is None:
            problems.append(_missing(f"{index}.customer_id", "customer", customer_id))
        attribute: CustomerAttribute | None = store.customer_attributes.get(attribute_id)
        if attribute is None:
            problems.append(_missing(f"{index}.attribute_id", "customer attribute", attribute_id))
        elif not _suits(attribute.type, item["value"]):
            problems.append(Problem(f"{index}.value", "attribute_value_type", {"type": attribute.type}))
        pair = (customer_id, attribute_id)
        if pair in pairs:
            problems.append(
                Problem(f"{index}.attribute_id", "batch_duplicate", {"item": pairs[pair], "field": "attribute_id"})
            )
        pairs.setdefault(pair, index)
        value_id = item.get("id")
        if value_id is not None:
            current: CustomerAttributeValue | None = store.customer_attribute_values.get(value_id)
            if current is None or (current.customer_id, current.attribute_id) != pair:
                problems.append(_missing(f"{index}.id", "customer attribute value", value_id))
    _refuse("attribute_values_not_saved", problems, len(items))
    return [put_value(store, item["customer_id"], item["attribute_id"], item["value"]) for item in items]


def delete_values(store: Store, value_ids: Sequence[int]) -> list[int]:
    return sorted(store.delete("customer_attribute_values", value_ids).get("customer_attribute_values", ()))
