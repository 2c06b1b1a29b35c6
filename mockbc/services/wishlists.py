"""Create, change, find and delete customers' wishlists and their items.

Rules: the customer must exist; a name has 1 to ``MAX_NAME`` characters (not only spaces); an item
names a product of the store and, optionally, one of that product's variants. An item equal to one the
list already has (same product and variant, or an earlier item of the same call) is not added twice.
Every write checks everything first: a refused call writes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from mockbc.domain.errors import Invalid, NotFound, Problem
from mockbc.domain.query import Condition, Filter
from mockbc.domain.variants import Variant
from mockbc.domain.wishlists import MAX_NAME, Wishlist, WishlistItem
from mockbc.services.customer_common import get_customer
from mockbc.store.select import Rows, select
from mockbc.store.store import Store

RESOURCE = "wishlist"
FILTERS = {
    "id": Filter(get=lambda w: w.id, primary=True),
    "customer_id": Filter(get=lambda w: w.customer_id, index="customer_id"),
    "product_id": Filter(get=lambda w: tuple(i.product_id for i in w.items), index="product_ids"),
    "variant_id": Filter(get=lambda w: tuple(i.variant_id for i in w.items if i.variant_id), index="variant_ids"),
}


@dataclass(frozen=True, slots=True)
class ItemInput:
    product_id: int
    variant_id: int | None = None


def find(store: Store, conditions: Sequence[Condition]) -> Rows:
    return select(store.wishlists, conditions, FILTERS, context=store)


def of_customer(store: Store, customer_id: int) -> Rows:
    return find(store, [Condition("customer_id", "eq", customer_id)])


def get(store: Store, wishlist_id: int, customer_id: int | None = None) -> Wishlist:
    """The wishlist (of ``customer_id``, when given); ``NotFound("wishlist", id)`` otherwise."""
    wishlist: Wishlist | None = store.wishlists.get(wishlist_id)
    if wishlist is None or (customer_id is not None and wishlist.customer_id != customer_id):
        raise NotFound(RESOURCE, wishlist_id)
    return wishlist


def by_token(store: Store, token: str) -> Wishlist | None:
    wishlist_id = store.wishlists.unique("token", token)
    return None if wishlist_id is None else store.wishlists.get(wishlist_id)


# --------------------------------------------------------------------------- checks


def _name_problems(name: str | None, where: str = "name") -> list[Problem]:
    if name is None:
        return []
    if not name.strip():
        return [Problem(where, "min_length", {"limit": 1})]
    if len(name) > MAX_NAME:
        return [Problem(where, "max_length", {"limit": MAX_NAME})]
    return []


def _item_problems(store: Store, items: Sequence[ItemInput], where: str = "items") -> list[Problem]:
    problems: list[Problem] = []
    for at, item in enumerate(items):
        if store.products.get(item.product_id) is None:
            problems.append(Problem(f"{where}.{at}.product_id", "order_product_missing", {"id": item.product_id}))
            continue
        if item.variant_id is None:
            continue
        variant: Variant | None = store.variants.get(item.variant_id)
        if variant is None or variant.product_id != item.product_id:
            facts = {"id": item.variant_id, "product": item.product_id}
            problems.append(Problem(f"{where}.{at}.variant_id", "order_variant_missing", facts))
    return problems


def _refuse(problems: list[Problem]) -> None:
    if problems:
        raise Invalid(RESOURCE, tuple(problems))


def _with_items(store: Store, wishlist: Wishlist, items: Iterable[ItemInput]) -> Wishlist:
    held = {(i.product_id, i.variant_id) for i in wishlist.items}
    added: list[WishlistItem] = []
    for item in items:
        key = (item.product_id, item.variant_id)
        if key in held:
            continue
        held.add(key)
        added.append(WishlistItem(store.next_id("wishlists"), item.product_id, item.variant_id))
    return replace(wishlist, items=(*wishlist.items, *added))


def _token(store: Store) -> str:
    while True:
        token = str(uuid.uuid4())
        if store.wishlists.unique("token", token) is None:
            return token


# --------------------------------------------------------------------------- writes


def create(
    store: Store, customer_id: int, name: str, *, is_public: bool = False, items: Sequence[ItemInput] = ()
) -> Wishlist:
    get_customer(store, customer_id)
    _refuse(_name_problems(name) + _item_problems(store, items))
    draft = Wishlist(store.next_id("wishlists"), customer_id, name, is_public, _token(store))
    wishlist = _with_items(store, draft, items)
    store.wishlists.put(wishlist.id, wishlist)
    store.emit(RESOURCE, "created", wishlist.id)
    return wishlist


def update(
    store: Store,
    wishlist_id: int,
    *,
    name: str | None = None,
    is_public: bool | None = None,
    customer_id: int | None = None,
) -> Wishlist:
    """The wishlist with a new name or visibility (``None`` leaves either as it is)."""
    current = get(store, wishlist_id, customer_id)
    _refuse(_name_problems(name))
    changed = replace(
        current,
        name=current.name if name is None else name,
        is_public=current.is_public if is_public is None else is_public,
    )
    if changed != current:
        store.wishlists.put(changed.id, changed)
        store.emit(RESOURCE, "updated", changed.id)
    return changed


def add_items(
    store: Store, wishlist_id: int, items: Sequence[ItemInput], *, customer_id: int | None = None
) -> Wishlist:
    current = get(store, wishlist_id, customer_id)
    _refuse(_item_problems(store, items))
    changed = _with_items(store, current, items)
    if changed != current:
        store.wishlists.put(changed.id, changed)
        store.emit(RESOURCE, "updated", changed.id)
    return changed


def delete_items(
    store: Store, wishlist_id: int, item_ids: Sequence[int], *, customer_id: int | None = None
) -> Wishlist:
    """The wishlist without ``item_ids``; an id that is not one of its items refuses the whole call."""
    current = get(store, wishlist_id, customer_id)
    held = {item.id for item in current.items}
    missing = [i for i in dict.fromkeys(item_ids) if i not in held]
    if missing:
        raise NotFound("wishlist item", missing[0])
    gone = set(item_ids)
    changed = replace(current, items=tuple(i for i in current.items if i.id not in gone))
    if changed != current:
        store.wishlists.put(changed.id, changed)
        store.emit(RESOURCE, "updated", changed.id)
    return changed


def delete(store: Store, wishlist_ids: Sequence[int], *, customer_id: int | None = None) -> list[int]:
    """Deletes every one of ``wishlist_ids``, or none: an unknown id (or another customer's) refuses."""
    unique = list(dict.fromkeys(wishlist_ids))
    for wishlist_id in unique:
        get(store, wishlist_id, customer_id)
    store.delete("wishlists", unique)
    return unique
