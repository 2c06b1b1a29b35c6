"""Create, change, find and delete the metafields of products, variants, categories, brands,
orders and customers, with BigCommerce's rules (upstream products_catalog.v3.yml and its
siblings, orders.v3.yml, customers.v3.yml).

Every function takes the owner ``Kind`` and the calling API account's client id: a metafield
belongs to the account that created it (``owner_client_id``), ``app_only`` ones are seen by
that account alone, and only it may rename or re-permission one. Every check runs before the
first write, so a call that raises leaves the store unchanged; the batch functions run item
by item and return what each item came to.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockbc.domain.errors import Conflict, DomainError, Invalid, LimitExceeded, NotFound, conflict, limit_exceeded
from mockbc.domain.metafields import (
    CART,
    CATEGORY,
    CHANNEL,
    CUSTOMER,
    MAX_PER_RESOURCE,
    ORDER,
    OWNER_ONLY_FIELDS,
    PRODUCT,
    SHARED_WRITE,
    VARIANT,
    Kind,
    Metafield,
    NotPermitted,
    unique_key,
    visible_to,
)
from mockbc.domain.query import Condition, Filter
from mockbc.services import brands as brand_service
from mockbc.services import carts as cart_service
from mockbc.services import categories as category_service
from mockbc.services import channels as channel_service
from mockbc.services import orders as order_service
from mockbc.services import products as product_service
from mockbc.services.customer_common import get_customer
from mockbc.store.select import Rows, select
from mockbc.store.store import Store
from mockbc.store.table import Table

# What can refuse one item of a batch; the other items go on.
ITEM_ERRORS = (Invalid, Conflict, LimitExceeded, NotFound, NotPermitted)

Outcome = tuple[list[Any], list[tuple[int, DomainError]]]


def table(store: Store, kind: Kind) -> Table[int, Metafield]:
    return store.table(kind.table)


# --------------------------------------------------------------------------- reading


def check_owner(store: Store, kind: Kind, resource_id: int | str, *, product_id: int | None = None) -> None:
    """The owner must exist (404 naming it); a variant named under a product must be that
    product's (upstream getProductVariantMetafields: ``/products/{product_id}/variants/{variant_id}``)."""
    if kind is CART:
        cart_service.get(store, str(resource_id))
        return
    if not isinstance(resource_id, int):
        raise NotFound(kind.owner, resource_id)
    if kind is VARIANT:
        if product_id is not None:
            product_service.get(store, product_id)
        variant = store.variants.get(resource_id)
        if variant is None or (product_id is not None and variant.product_id != product_id):
            raise NotFound("variant", resource_id)
    elif kind is PRODUCT:
        product_service.get(store, resource_id)
    elif kind is CATEGORY:
        # Any category, whichever tree holds it: the trees API has no metafields of its own.
        category_service.get(store, resource_id)
    elif kind is ORDER:
        order_service.get(store, resource_id)
    elif kind is CUSTOMER:
        get_customer(store, resource_id)
    elif kind is CHANNEL:
        channel_service.require(store, resource_id)
    else:
        brand_service.get(store, resource_id)


def get(store: Store, kind: Kind, resource_id: int | str, metafield_id: int, client_id: str) -> Metafield:
    """A metafield of this owner that this API account may see; 404 otherwise."""
    found = table(store, kind).get(metafield_id)
    if found is None or found.resource_id != resource_id or not visible_to(found, client_id):
        raise NotFound("metafield", metafield_id)
    return found


def _get_any(store: Store, kind: Kind, metafield_id: int, client_id: str) -> Metafield:
    found = table(store, kind).get(metafield_id)
    if found is None or not visible_to(found, client_id):
        raise NotFound("metafield", metafield_id)
    return found


def _visible_ids(rows: Table[int, Metafield], condition: Condition) -> set[int] | frozenset[int]:
    """Every metafield the account sees: the shared ones and its own ``app_only`` ones."""
    own = rows.lookup("app_only_owner", condition.value)
    shared = rows.lookup("shared", True)
    return shared | own if own else shared


# Every field ``find`` can filter on. ``visible_to`` is checked per candidate (an owner's
# metafields are few); ``visible`` is looked up through the visibility indexes (store-wide lists).
FILTERS: dict[str, Filter] = {
    "id": Filter(get=lambda m: m.id, primary=True),
    "key": Filter(get=lambda m: m.key, index="key"),
    "namespace": Filter(get=lambda m: m.namespace, index="namespace"),
    "resource_id": Filter(get=lambda m: m.resource_id, index="resource_id"),
    "date_created": Filter(get=lambda m: m.date_created),
    "date_modified": Filter(get=lambda m: m.date_modified),
    "visible_to": Filter(matches=lambda c: lambda m: visible_to(m, c.value)),
    "visible": Filter(candidates=_visible_ids),
}


def find(
    store: Store, kind: Kind, client_id: str, conditions: Sequence[Condition], *, resource_id: int | str | None = None
) -> Rows:
    """The metafields meeting every condition that this account may see, in id order: of one
    owner (``resource_id``), or of every owner of the kind."""
    rows = table(store, kind)
    scoped = list(conditions)
    if resource_id is not None:
        scoped += [Condition("resource_id", "eq", resource_id), Condition("visible_to", "eq", client_id)]
    elif rows.lookup("app_only", True):
        # Without app_only metafields every one is visible: an unfiltered list then costs its page alone.
        scoped.append(Condition("visible", "eq", client_id))
    return select(rows, scoped, FILTERS, context=rows)


# --------------------------------------------------------------------------- checks


def _check_unique(
    store: Store, kind: Kind, resource_id: int | str, client_id: str, namespace: str, key: str, own_id: int | None
) -> None:
    holder = table(store, kind).unique("unique_key", unique_key(resource_id, client_id, namespace, key))
    if holder is not None and holder != own_id:
        raise conflict(
            "metafield_taken", "key", "metafield_taken",
            namespace=namespace, key=key, resource=kind.owner, id=resource_id,
        )  # fmt: skip


def _check_room(store: Store, kind: Kind, resource_id: int | str, client_id: str) -> None:
    rows = table(store, kind)
    held = sum(1 for m in rows.many(rows.lookup("resource_id", resource_id)) if m.owner_client_id == client_id)
    if held >= MAX_PER_RESOURCE:
        raise limit_exceeded(
            "metafield_limit", "resource_id", "metafield_limit", limit=MAX_PER_RESOURCE, resource=kind.owner
        )


def _check_permitted(metafield: Metafield, changes: Mapping[str, Any], client_id: str) -> None:
    """Another account may change a ``write`` metafield's value and description, nothing else
    (upstream updateProductMetafield: namespace, key, permission_set and value belong to the
    creator; permission_set ``write`` opens the value to others). Sending a field unchanged is
    not a change, so a fetched metafield can be sent back."""
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


# --------------------------------------------------------------------------- writing


def _create(store: Store, kind: Kind, resource_id: int | str, changes: Mapping[str, Any], client_id: str) -> Metafield:
    _check_unique(store, kind, resource_id, client_id, changes["namespace"], changes["key"], None)
    _check_room(store, kind, resource_id, client_id)
    now = store.clock.now()
    metafield = Metafield(
        id=store.next_id(kind.table), resource_type=kind.resource_type, resource_id=resource_id,
        namespace=changes["namespace"], key=changes["key"], value=changes["value"],
        permission_set=changes["permission_set"], description=changes.get("description", ""),
        date_created=now, date_modified=now, owner_client_id=client_id,
    )  # fmt: skip
    table(store, kind).put(metafield.id, metafield)
    store.emit(kind.event, "created", metafield.id)
    return metafield


def _update(store: Store, kind: Kind, metafield: Metafield, changes: Mapping[str, Any], client_id: str) -> Metafield:
    _check_permitted(metafield, changes, client_id)
    namespace = changes.get("namespace", metafield.namespace)
    key = changes.get("key", metafield.key)
    _check_unique(store, kind, metafield.resource_id, metafield.owner_client_id, namespace, key, metafield.id)
    updated = replace(metafield, **changes, date_modified=store.clock.now())
    table(store, kind).put(updated.id, updated)
    store.emit(kind.event, "updated", updated.id)
    return updated


def _delete(store: Store, kind: Kind, metafield: Metafield, client_id: str) -> None:
    if metafield.owner_client_id != client_id and metafield.permission_set not in SHARED_WRITE:
        raise NotPermitted()
    store.delete(kind.table, [metafield.id])


def create(
    store: Store,
    kind: Kind,
    resource_id: int | str,
    changes: Mapping[str, Any],
    client_id: str,
    *,
    product_id: int | None = None,
) -> Metafield:
    """A new metafield of the owner, belonging to ``client_id``. ``changes`` holds namespace,
    key, value and permission_set (the schema requires them) and maybe a description."""
    check_owner(store, kind, resource_id, product_id=product_id)
    return _create(store, kind, resource_id, changes, client_id)


def update(
    store: Store,
    kind: Kind,
    resource_id: int | str,
    metafield_id: int,
    changes: Mapping[str, Any],
    client_id: str,
    *,
    product_id: int | None = None,
) -> Metafield:
    check_owner(store, kind, resource_id, product_id=product_id)
    return _update(store, kind, get(store, kind, resource_id, metafield_id, client_id), changes, client_id)


def delete(
    store: Store,
    kind: Kind,
    resource_id: int | str,
    metafield_id: int,
    client_id: str,
    *,
    product_id: int | None = None,
) -> None:
    check_owner(store, kind, resource_id, product_id=product_id)
    _delete(store, kind, get(store, kind, resource_id, metafield_id, client_id), client_id)


def create_many(
    store: Store, kind: Kind, items: Sequence[tuple[int | str, Mapping[str, Any]]], client_id: str
) -> Outcome:
    """``(resource_id, changes)`` items, each created or refused on its own, in order: an item
    meets the store as the items before it left it (two items with one key: the second is a 409)."""
    done: list[Any] = []
    failures: list[tuple[int, DomainError]] = []
    for index, (resource_id, changes) in enumerate(items):
        try:
            check_owner(store, kind, resource_id)
            done.append(_create(store, kind, resource_id, changes, client_id))
        except ITEM_ERRORS as err:
            failures.append((index, err))
    return done, failures


def update_many(store: Store, kind: Kind, items: Sequence[tuple[int, Mapping[str, Any]]], client_id: str) -> Outcome:
    """``(metafield_id, changes)`` items, each updated or refused on its own, in order."""
    done: list[Any] = []
    failures: list[tuple[int, DomainError]] = []
    for index, (metafield_id, changes) in enumerate(items):
        try:
            done.append(_update(store, kind, _get_any(store, kind, metafield_id, client_id), changes, client_id))
        except ITEM_ERRORS as err:
            failures.append((index, err))
    return done, failures


def delete_many(store: Store, kind: Kind, metafield_ids: Sequence[int], client_id: str) -> Outcome:
    """Metafield ids, each deleted or refused on its own; ``done`` holds the ids deleted."""
    done: list[Any] = []
    failures: list[tuple[int, DomainError]] = []
    for index, metafield_id in enumerate(metafield_ids):
        try:
            _delete(store, kind, _get_any(store, kind, metafield_id, client_id), client_id)
            done.append(metafield_id)
        except ITEM_ERRORS as err:
            failures.append((index, err))
    return done, failures
