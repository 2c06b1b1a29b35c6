"""Create, change, find and delete customer groups (upstream customers.v2.yml createCustomerGroup
and its siblings).

Rules: a group has a name, unique without case (409); at most one group is the default and at
most one is the guests' group, so naming a new one takes the role from the old; categories a
``specific`` category access names must exist. Deleting a group moves its customers to no
group (``customer_group_id`` 0).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockbc.domain.customers import CustomerGroup
from mockbc.domain.errors import Invalid, NotFound, Problem, conflict
from mockbc.domain.query import Condition, Filter
from mockbc.services.customer_common import caseless
from mockbc.store.select import Rows, select
from mockbc.store.store import Store

CASELESS = frozenset({"name"})
FILTERS = {
    "id": Filter(get=lambda g: g.id, primary=True),
    "name": Filter(get=lambda g: g.name.casefold(), index="name"),
    "is_default": Filter(get=lambda g: g.is_default),
    "is_group_for_guests": Filter(get=lambda g: g.is_group_for_guests),
    "date_created": Filter(get=lambda g: g.date_created),
    "date_modified": Filter(get=lambda g: g.date_modified),
}
# Roles only one group holds at a time.
SOLE = ("is_default", "is_group_for_guests")


def find(store: Store, conditions: Sequence[Condition]) -> Rows:
    return select(store.customer_groups, caseless(conditions, CASELESS), FILTERS, context=store)


def get(store: Store, group_id: int) -> CustomerGroup:
    group: CustomerGroup | None = store.customer_groups.get(group_id)
    if group is None:
        raise NotFound("customer group", group_id)
    return group


def _check(store: Store, changes: Mapping[str, Any], own_id: int | None) -> None:
    if "name" in changes:
        owner = store.customer_groups.unique("name", changes["name"].casefold())
        if owner is not None and owner != own_id:
            raise conflict("customer_group_name_taken", "name", "customer_group_name_taken", value=changes["name"])
    access = changes.get("category_access")
    if access is not None:
        missing = [c for c in access.categories if store.categories.get(c) is None]
        if missing:
            raise Invalid("payload", (Problem("category_access.categories", "categories_missing", {"ids": missing}),))


def _take_sole_roles(store: Store, changes: Mapping[str, Any], own_id: int | None) -> None:
    for role in SOLE:
        if not changes.get(role):
            continue
        for other_id in [g.id for g in find(store, [Condition(role, "eq", True)]) if g.id != own_id]:
            other = replace(store.customer_groups.require(other_id), **{role: False})
            store.customer_groups.put(other.id, other)
            store.emit("customer_group", "updated", other.id)


def holder(store: Store, role: str) -> int:
    """The id of the group holding a sole role (``is_default``, ``is_group_for_guests``), or 0."""
    found = find(store, [Condition(role, "eq", True)])
    return found[0].id if len(found) else 0


def give_role(store: Store, role: str, group_id: int) -> None:
    """Make ``group_id`` the one group with the role; 0 leaves it to no group (checked beforehand)."""
    if group_id:
        if not getattr(get(store, group_id), role):
            update(store, group_id, {role: True})
        return
    for other_id in [g.id for g in find(store, [Condition(role, "eq", True)])]:
        other = replace(store.customer_groups.require(other_id), **{role: False})
        store.customer_groups.put(other.id, other)
        store.emit("customer_group", "updated", other.id)


def create(store: Store, changes: Mapping[str, Any]) -> CustomerGroup:
    _check(store, changes, None)
    _take_sole_roles(store, changes, None)
    now = store.clock.now()
    group = CustomerGroup(id=store.next_id("customer_groups"), date_created=now, date_modified=now, **changes)
    store.customer_groups.put(group.id, group)
    store.emit("customer_group", "created", group.id)
    return group


def update(store: Store, group_id: int, changes: Mapping[str, Any]) -> CustomerGroup:
    group = get(store, group_id)
    _check(store, changes, group.id)
    _take_sole_roles(store, changes, group.id)
    new = replace(group, **changes, date_modified=store.clock.now())
    store.customer_groups.put(new.id, new)
    store.emit("customer_group", "updated", new.id)
    return new


def delete(store: Store, group_id: int) -> None:
    get(store, group_id)
    store.delete("customer_groups", [group_id])
