"""Create, change, find and delete customer metafields (upstream customers.v3.yml), with the
rules catalog metafields follow (``services/metafields.py``): at most 250 per customer and API
account; namespace and key unique per customer and account (409); ``app_only`` ones seen by
their account alone; another account may change only the value and description of a ``write``
metafield, and delete only a ``write`` one (403). Batch writes run item by item.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockbc.domain.customer_metafields import CustomerMetafield, unique_key, visible_to
from mockbc.domain.errors import Conflict, DomainError, Invalid, LimitExceeded, NotFound, conflict, limit_exceeded
from mockbc.domain.metafields import MAX_PER_RESOURCE, OWNER_ONLY_FIELDS, SHARED_WRITE, NotPermitted
from mockbc.domain.query import Condition, Filter
from mockbc.services.customer_common import get_customer
from mockbc.store.select import Rows, select
from mockbc.store.store import Store

ITEM_ERRORS = (Invalid, Conflict, LimitExceeded, NotFound, NotPermitted)
Outcome = tuple[list[Any], list[tuple[int, DomainError]]]


def _visible_ids(store: Store, condition: Condition) -> set[int] | frozenset[int] | None:
    """What the account sees: every metafield while none is ``app_only`` (no constraint), else the
    shared ones and its own ``app_only`` ones."""
    rows = store.customer_metafields
    if not rows.lookup("app_only", True):
        return None
    own = rows.lookup("app_only_owner", condition.value)
    shared = rows.lookup("shared", True)
    return shared | own if own else shared


FILTERS: dict[str, Filter] = {
    "id": Filter(get=lambda m: m.id, primary=True),
    "key": Filter(get=lambda m: m.key, index="key"),
    "namespace": Filter(get=lambda m: m.namespace, index="namespace"),
    "resource_id": Filter(get=lambda m: m.resource_id, index="resource_id"),
    "date_created": Filter(get=lambda m: m.date_created),
    "date_modified": Filter(get=lambda m: m.date_modified),
    "visible": Filter(candidates=_visible_ids),
}


def find(store: Store, client_id: str, conditions: Sequence[Condition], *, customer_id: int | None = None) -> Rows:
    """The metafields this account may see, of one customer or of every customer, in id order."""
    scoped = [*conditions, Condition("visible", "eq", client_id)]
    if customer_id is not None:
        get_customer(store, customer_id)
        scoped.append(Condition("resource_id", "eq", customer_id))
    return select(store.customer_metafields, scoped, FILTERS, context=store)


def _visible(store: Store, metafield_id: int, client_id: str) -> CustomerMetafield:
    found: CustomerMetafield | None = store.customer_metafields.get(metafield_id)
    if found is None or not visible_to(found, client_id):
        raise NotFound("metafield", metafield_id)
    return found


def get(store: Store, customer_id: int, metafield_id: int, client_id: str) -> CustomerMetafield:
    get_customer(store, customer_id)
    found = _visible(store, metafield_id, client_id)
    if found.resource_id != customer_id:
        raise NotFound("metafield", metafield_id)
    return found


def _check_unique(store: Store, customer_id: int, client_id: str, namespace: str, key: str, own: int | None) -> None:
    holder = store.customer_metafields.unique("unique_key", unique_key(customer_id, client_id, namespace, key))
    if holder is not None and holder != own:
        raise conflict(
            "metafield_taken",
            "key",
            "metafield_taken",
            namespace=namespace,
            key=key,
            resource="customer",
            id=customer_id,
        )


def _check_room(store: Store, customer_id: int, client_id: str) -> None:
    rows = store.customer_metafields
    held = sum(1 for m in rows.many(rows.lookup("resource_id", customer_id)) if m.owner_client_id == client_id)
    if held >= MAX_PER_RESOURCE:
        raise limit_exceeded(
            "metafield_limit", "resource_id", "metafield_limit", limit=MAX_PER_RESOURCE, resource="customer"
        )


def _check_permitted(metafield: CustomerMetafield, changes: Mapping[str, Any], client_id: str) -> None:
    if metafield.owner_client_id == client_id:
        return
    for name in OWNER_ONLY_FIELDS:
        if name in changes and changes[name] != getattr(metafield, name):
            if name == "value" and metafield.permission_set in SHARED_WRITE:
                continue
            raise NotPermitted(field=name)
    if "description" in changes and changes["description"] != metafield.description:
        if metafield.permission_set not in SHARED_WRITE:
            raise NotPermitted(field="description")


def create(store: Store, customer_id: int, changes: Mapping[str, Any], client_id: str) -> CustomerMetafield:
    get_customer(store, customer_id)
    _check_unique(store, customer_id, client_id, changes["namespace"], changes["key"], None)
    _check_room(store, customer_id, client_id)
    now = store.clock.now()
    metafield = CustomerMetafield(
        id=store.next_id("customer_metafields"), resource_id=customer_id, namespace=changes["namespace"],
        key=changes["key"], value=changes["value"], permission_set=changes["permission_set"],
        description=changes.get("description", ""), date_created=now, date_modified=now, owner_client_id=client_id,
    )  # fmt: skip
    store.customer_metafields.put(metafield.id, metafield)
    store.emit("customer/metafield", "created", metafield.id)
    return metafield


def _update(
    store: Store, metafield: CustomerMetafield, changes: Mapping[str, Any], client_id: str
) -> CustomerMetafield:
    _check_permitted(metafield, changes, client_id)
    namespace, key = changes.get("namespace", metafield.namespace), changes.get("key", metafield.key)
    _check_unique(store, metafield.resource_id, metafield.owner_client_id, namespace, key, metafield.id)
    updated = replace(metafield, **changes, date_modified=store.clock.now())
    store.customer_metafields.put(updated.id, updated)
    store.emit("customer/metafield", "updated", updated.id)
    return updated


def update(
    store: Store, customer_id: int, metafield_id: int, changes: Mapping[str, Any], client_id: str
) -> CustomerMetafield:
    return _update(store, get(store, customer_id, metafield_id, client_id), changes, client_id)


def _delete(store: Store, metafield: CustomerMetafield, client_id: str) -> None:
    if metafield.owner_client_id != client_id and metafield.permission_set not in SHARED_WRITE:
        raise NotPermitted()
    store.delete("customer_metafields", [metafield.id])


def delete(store: Store, customer_id: int, metafield_id: int, client_id: str) -> None:
    _delete(store, get(store, customer_id, metafield_id, client_id), client_id)


def create_many(store: Store, items: Sequence[tuple[int, Mapping[str, Any]]], client_id: str) -> Outcome:
    """``(customer_id, changes)`` items, each created or refused on its own, in order."""
    done: list[Any] = []
    failures: list[tuple[int, DomainError]] = []
    for index, (customer_id, changes) in enumerate(items):
        try:
            done.append(create(store, customer_id, changes, client_id))
        except ITEM_ERRORS as err:
            failures.append((index, err))
    return done, failures


def update_many(store: Store, items: Sequence[tuple[int, Mapping[str, Any]]], client_id: str) -> Outcome:
    """``(metafield_id, changes)`` items, each updated or refused on its own, in order."""
    done: list[Any] = []
    failures: list[tuple[int, DomainError]] = []
    for index, (metafield_id, changes) in enumerate(items):
        try:
            done.append(_update(store, _visible(store, metafield_id, client_id), changes, client_id))
        except ITEM_ERRORS as err:
            failures.append((index, err))
    return done, failures


def delete_every(store: Store, client_id: str) -> Outcome:
    """Every customer metafield this account sees (upstream deleteCustomersMetafields takes no
    body: it deletes them all); one it may not delete is refused on its own."""
    done: list[Any] = []
    failures: list[tuple[int, DomainError]] = []
    for index, metafield in enumerate(list(find(store, client_id, []))):
        try:
            _delete(store, metafield, client_id)
            done.append(metafield.id)
        except ITEM_ERRORS as err:
            failures.append((index, err))
    return done, failures
