"""Create, change, find and delete categories and category trees, with BigCommerce's rules
(upstream categories_catalog.v3.yml and category-trees_catalog.v3.yml).

One service serves both wire views of the one ``Category`` record: the (deprecated)
categories API, which sees only the default tree (pass ``scope=DEFAULT_TREE_ID``), and the
trees API, which sees every tree (``scope=None``).

``changes`` mappings use the record's field names (``custom_url``, never ``url``); the
presentation layer builds them from request bodies. Every check runs before the first
write, so a call that raises leaves the store as it was. Every check is an index lookup or
a walk along one category's ancestors, so a batch costs in proportion to its size.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockbc.domain.categories import (
    DEFAULT_TREE_ID,
    MAX_CATEGORIES_PER_STORE,
    MAX_DEPTH,
    MAX_NAME_LENGTH,
    Category,
    CategoryTree,
    default_url_path,
    with_suffix,
)
from mockbc.domain.errors import Invalid, NotFound, Problem, conflict, invalid, limit_exceeded
from mockbc.domain.events import Action
from mockbc.domain.query import Condition, Filter
from mockbc.domain.records import CustomUrl
from mockbc.services import channels as channel_service
from mockbc.store.indexes import words
from mockbc.store.select import Rows, select
from mockbc.store.store import Restricted, Store

# --------------------------------------------------------------------------- reading


def get(store: Store, category_id: int, *, scope: int | None = None) -> Category:
    category: Category | None = store.categories.get(category_id)
    if category is None or (scope is not None and category.tree_id != scope):
        raise NotFound("category", category_id)
    return category


def get_tree(store: Store, tree_id: int) -> CategoryTree:
    tree: CategoryTree | None = store.trees.get(tree_id)
    if tree is None:
        raise NotFound("category tree", tree_id)
    return tree


def path_of(store: Store, category_id: int) -> list[int]:
    """Ids from the top-level ancestor down to the category itself."""
    chain: list[int] = []
    current: Category | None = store.categories.get(category_id)
    while current is not None and len(chain) <= MAX_DEPTH * 4:
        chain.append(current.id)
        if current.parent_id == 0:
            break
        current = store.categories.get(current.parent_id)
    chain.reverse()
    return chain


def children(store: Store, category_id: int) -> list[Category]:
    found: list[Category] = store.categories.many(store.categories.lookup("parent_id", category_id))
    return found


def in_tree(store: Store, tree_id: int) -> list[Category]:
    found: list[Category] = store.categories.many(store.categories.lookup("tree_id", tree_id))
    return found


def _subtree(store: Store, category_id: int) -> tuple[list[int], int]:
    """The ids below ``category_id`` and how many levels they span (0 for a leaf)."""
    below: list[int] = []
    level, height = [category_id], 0
    seen = {category_id}
    while True:
        level = [c for parent in level for c in store.categories.lookup("parent_id", parent) if c not in seen]
        if not level:
            return below, height
        seen.update(level)
        below.extend(level)
        height += 1


def _keyword(store: Store, condition: Condition) -> set[int] | frozenset[int] | None:
    """``keyword``: every word of the query starts a word of the name, description or search keywords."""
    text = str(condition.value)
    found: set[int] | frozenset[int] | None = None if not text.strip() else set()
    for index, word in enumerate(sorted(words([text]))):
        ids = store.categories.prefixed("keyword", word)
        found = ids if index == 0 or found is None else found & ids
    return found


FILTERS: dict[str, Filter] = {
    "id": Filter(get=lambda c: c.id, primary=True),
    "category_id": Filter(get=lambda c: c.id, primary=True),
    "category_uuid": Filter(get=lambda c: c.uuid),
    "tree_id": Filter(get=lambda c: c.tree_id, index="tree_id"),
    "parent_id": Filter(get=lambda c: c.parent_id, index="parent_id"),
    "name": Filter(get=lambda c: c.name),
    "page_title": Filter(get=lambda c: c.page_title),
    "is_visible": Filter(get=lambda c: c.is_visible),
    "keyword": Filter(candidates=_keyword),
}
TREE_FILTERS: dict[str, Filter] = {
    "id": Filter(get=lambda t: t.id, primary=True),
    "channel_id": Filter(get=lambda t: t.channels, index="channels"),
}


def find(store: Store, conditions: Sequence[Condition], *, scope: int | None = None) -> Rows:
    """Categories in id order meeting every condition, in every tree or only ``scope``."""
    wanted = [*conditions, Condition("tree_id", "eq", scope)] if scope is not None else list(conditions)
    return select(store.categories, wanted, FILTERS, context=store)


# --------------------------------------------------------------------------- checks


def _check_name_text(name: Any) -> None:
    if not isinstance(name, str) or not name.strip():
        raise invalid("category_name_required", "name", "missing")
    if len(name) > MAX_NAME_LENGTH:
        raise invalid("category_name_too_long", "name", "max_length", limit=MAX_NAME_LENGTH)


def _placement(store: Store, tree_id: int | None, parent_id: int, scope: int | None) -> tuple[int, int]:
    """The (tree, parent) a category lands in; a child always lives in its parent's tree."""
    if parent_id:
        parent: Category | None = store.categories.get(parent_id)
        if parent is None or (scope is not None and parent.tree_id != scope):
            raise invalid("parent_missing", "parent_id", "category_missing", id=parent_id)
        if tree_id is not None and tree_id != parent.tree_id:
            raise invalid(
                "parent_in_other_tree", "tree_id", "parent_in_other_tree",
                parent=parent_id, parent_tree=parent.tree_id, tree=tree_id,
            )  # fmt: skip
        return parent.tree_id, parent_id
    if tree_id is None:
        raise invalid("tree_required", "tree_id", "missing")
    if store.trees.get(tree_id) is None:
        raise invalid("tree_missing", "tree_id", "tree_missing", id=tree_id)
    return tree_id, 0


def _check_depth(level: int) -> None:
    if level > MAX_DEPTH:
        raise invalid("too_deep", "parent_id", "too_deep", limit=MAX_DEPTH, level=level)


def _check_sibling_name(store: Store, name: str, tree_id: int, parent_id: int, own_id: int | None) -> None:
    owner = store.categories.unique("sibling_name", (tree_id, parent_id, name.casefold()))
    if owner is not None and owner != own_id:
        other: Category = store.categories.require(owner)
        raise conflict("category_name_taken", "name", "sibling_name_taken", id=other.id, name=other.name)


def _check_url(store: Store, url: CustomUrl, own_id: int | None) -> None:
    if not url.url:
        raise invalid("category_url_required", "custom_url", "missing")
    owner = store.categories.unique("url", url.url)
    if owner is not None and owner != own_id:
        raise conflict("url_taken", "custom_url", "category_url_taken", value=url.url, id=owner)


def _generated_url(store: Store, parent_id: int, name: str) -> CustomUrl:
    names = [store.categories.require(cid).name for cid in path_of(store, parent_id)] if parent_id else []
    base = default_url_path([*names, name])
    url, n = base, 1
    while store.categories.unique("url", url) is not None:
        n += 1
        url = with_suffix(base, n)
    return CustomUrl(url=url, is_customized=False)


def _level(store: Store, parent_id: int) -> int:
    """The level a child of ``parent_id`` sits at: 1 at the top."""
    return (len(path_of(store, parent_id)) if parent_id else 0) + 1


# --------------------------------------------------------------------------- writing


def create(
    store: Store, changes: Mapping[str, Any], *, scope: int | None = None, category_id: int | None = None
) -> Category:
    """A new category. ``changes`` needs ``name`` and either ``parent_id`` (non-zero: a child)
    or ``tree_id`` (a top-level category); given both, they must agree. ``category_id`` is
    for fixtures; the API lets the store choose."""
    fields = dict(changes)
    if len(store.categories) >= MAX_CATEGORIES_PER_STORE:
        raise limit_exceeded(
            "category_limit", "category", "store_limit", limit=MAX_CATEGORIES_PER_STORE, resource="categories"
        )
    if category_id is not None and store.categories.get(category_id) is not None:
        raise conflict("id_taken", "id", "id_taken", id=category_id)
    _check_name_text(fields.get("name"))
    tree_id, parent_id = _placement(store, fields.get("tree_id"), fields.get("parent_id") or 0, scope)
    _check_depth(_level(store, parent_id))
    _check_sibling_name(store, fields["name"], tree_id, parent_id, None)
    url = fields.pop("custom_url", None)
    if url is not None:
        _check_url(store, url, None)
    else:
        url = _generated_url(store, parent_id, fields["name"])
    fields["tree_id"], fields["parent_id"] = tree_id, parent_id
    if category_id is None:
        category_id = store.next_id("categories")
    else:
        store.sequence("categories").claim(category_id)
    category = Category(id=category_id, custom_url=url, **fields)
    store.categories.put(category.id, category)
    store.emit("category", "created", category.id)
    return category


def update(store: Store, category_id: int, changes: Mapping[str, Any], *, scope: int | None = None) -> Category:
    """A partial update. Moving a category (``parent_id``, or ``tree_id`` for a top-level one)
    moves its whole subtree, which must still fit in eight levels."""
    category = get(store, category_id, scope=scope)
    fields = dict(changes)
    if "name" in fields:
        _check_name_text(fields["name"])
    parent_id = fields.get("parent_id", category.parent_id) or 0
    requested_tree = fields.get("tree_id")
    if requested_tree is None and not parent_id:
        requested_tree = category.tree_id
    moving = parent_id != category.parent_id or (requested_tree is not None and requested_tree != category.tree_id)
    if moving and parent_id and category.id in path_of(store, parent_id):
        raise invalid("category_inside_itself", "parent_id", "category_inside_itself", parent=parent_id, id=category.id)
    tree_id, parent_id = _placement(store, requested_tree, parent_id, scope)
    below: list[int] = []
    if moving:
        below, height = _subtree(store, category.id)
        _check_depth(_level(store, parent_id) + height)
    name = fields.get("name", category.name)
    if moving or "name" in fields:
        _check_sibling_name(store, name, tree_id, parent_id, category.id)
    if "custom_url" in fields:
        _check_url(store, fields["custom_url"], category.id)
    fields["tree_id"], fields["parent_id"] = tree_id, parent_id
    updated = replace(category, **fields)
    store.categories.put(updated.id, updated)
    store.emit("category", "updated", updated.id)
    if tree_id != category.tree_id:
        for child_id in below:
            child: Category = store.categories.require(child_id)
            store.categories.put(child_id, replace(child, tree_id=tree_id))
            store.emit("category", "updated", child_id)
    return updated


def delete_many(store: Store, category_ids: Iterable[int]) -> set[int]:
    """Delete the categories and everything below them, or nothing at all when any of them
    still holds products. Unknown ids are ignored. Returns the ids deleted."""
    try:
        return store.delete("categories", category_ids).get("categories", set())
    except Restricted as refused:
        raise invalid("category_has_products", "category_id", "category_has_products", ids=refused.ids) from None


# --------------------------------------------------------------------------- trees


def find_trees(store: Store, conditions: Sequence[Condition]) -> Rows:
    return select(store.trees, conditions, TREE_FILTERS, context=store)


def upsert_trees(store: Store, items: Sequence[Mapping[str, Any]]) -> list[CategoryTree]:
    """Items with ``id`` rename a tree; items without create one (``name`` and one channel).
    All items are checked first; any problem refuses the whole batch."""
    problems: list[Problem] = []
    batch_owners: dict[int, int] = {}
    seen: set[int] = set()
    for index, item in enumerate(items):
        tree_id = item.get("id")
        if tree_id is not None:
            if store.trees.get(tree_id) is None:
                problems.append(Problem(f"{index}.id", "tree_missing", {"id": tree_id}))
            elif tree_id in seen:
                problems.append(Problem(f"{index}.id", "tree_repeated", {"id": tree_id}))
            seen.add(tree_id)
            if "channels" in item:
                problems.append(Problem(f"{index}.channels", "tree_channels_fixed"))
            continue
        if not item.get("name"):
            problems.append(Problem(f"{index}.name", "missing"))
        channels = item.get("channels")
        if not channels:
            problems.append(Problem(f"{index}.channels", "missing"))
            continue
        channel = channels[0]
        owners = sorted(store.trees.lookup("channels", channel))
        if len(channels) > 1:
            problems.append(Problem(f"{index}.channels", "one_channel_per_tree"))
        elif not channel_service.exists(store, channel):
            problems.append(Problem(f"{index}.channels", "channel_missing", {"id": channel}))
        elif owners:
            problems.append(Problem(f"{index}.channels", "channel_taken_by_tree", {"id": channel, "tree": owners[0]}))
        elif channel in batch_owners:
            problems.append(
                Problem(f"{index}.channels", "channel_taken_by_item", {"id": channel, "item": batch_owners[channel]})
            )
        else:
            batch_owners[channel] = index
    if problems:
        raise Invalid("trees_invalid", tuple(problems))
    saved: list[CategoryTree] = []
    for item in items:
        if item.get("id") is not None:
            tree: CategoryTree = store.trees.require(item["id"])
            if item.get("name"):
                tree = replace(tree, name=item["name"])
            action: Action = "updated"
        else:
            tree = CategoryTree(id=store.next_id("trees"), name=item["name"], channels=tuple(item["channels"]))
            action = "created"
        store.trees.put(tree.id, tree)
        store.emit("category_tree", action, tree.id)
        saved.append(tree)
    return saved


def create_tree(store: Store, tree: CategoryTree) -> CategoryTree:
    """A tree exactly as given (fixtures)."""
    if store.trees.get(tree.id) is not None:
        raise conflict("id_taken", "id", "id_taken", id=tree.id)
    unknown = next((c for c in tree.channels if not channel_service.exists(store, c)), None)
    if unknown is not None:
        raise invalid("trees_invalid", "channels", "channel_missing", id=unknown)
    store.sequence("trees").claim(tree.id)
    store.trees.put(tree.id, tree)
    store.emit("category_tree", "created", tree.id)
    return tree


def delete_trees(store: Store, tree_ids: Iterable[int]) -> list[int]:
    """Delete trees and every category in them, or nothing when any category holds products.
    The default storefront's tree cannot go. Unknown ids are ignored. Returns the ids deleted."""
    targets = sorted({tid for tid in tree_ids if store.trees.get(tid) is not None})
    if DEFAULT_TREE_ID in targets:
        raise invalid("default_tree", "id:in", "default_tree", id=DEFAULT_TREE_ID)
    try:
        store.delete("trees", targets)
    except Restricted as refused:
        raise invalid("category_has_products", "category_id", "category_has_products", ids=refused.ids) from None
    return targets
