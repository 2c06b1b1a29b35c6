"""Create, change and delete categories and category trees, with BigCommerce's rules
(BC_FACTS §3.3, §9.7).

One service serves both wire views of the one ``Category`` record: the (deprecated)
categories API, which sees only the default tree (pass ``scope=DEFAULT_TREE_ID``), and the
trees API, which sees every tree (``scope=None``).

``changes`` mappings use the record's field names (``custom_url``, never ``url``); the
presentation layer builds them from request bodies. Every check runs before the first
write, so a call that raises leaves the store as it was.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockbc.domain.categories import (
    DEFAULT_TREE_ID,
    MAX_CATEGORIES_PER_STORE,
    MAX_DEPTH,
    MAX_NAME_LENGTH,
    Category,
    CategoryTree,
    ancestry,
    children_map,
    default_url_path,
    descendants,
    subtree_height,
    with_suffix,
)
from mockbc.domain.errors import Conflict, Invalid, LimitExceeded, NotFound
from mockbc.domain.records import CustomUrl
from mockbc.store.store import Store

# --------------------------------------------------------------------------- reading


def get(store: Store, category_id: int, *, scope: int | None = None) -> Category:
    category = store.categories.get(category_id)
    if category is None or (scope is not None and category.tree_id != scope):
        raise NotFound("category", category_id)
    return category


def listing(store: Store, *, scope: int | None = None) -> list[Category]:
    """Categories in id order, all trees or only ``scope``."""
    if scope is None:
        return list(store.categories.values())
    return [c for c in store.categories.values() if c.tree_id == scope]


def get_tree(store: Store, tree_id: int) -> CategoryTree:
    tree = store.trees.get(tree_id)
    if tree is None:
        raise NotFound("category tree", tree_id)
    return tree


def path_of(store: Store, category_id: int) -> list[int]:
    """Ids from the top-level ancestor down to the category itself."""
    return ancestry(category_id, store.categories)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- checks


def _check_name_text(name: Any) -> None:
    if not isinstance(name, str) or not name.strip():
        raise Invalid({"name": "error.path.missing"}, title="The category name is required.")
    if len(name) > MAX_NAME_LENGTH:
        raise Invalid(
            {"name": f"must be at most {MAX_NAME_LENGTH} characters long"},
            title="The category name is too long.",
        )


def _placement(store: Store, tree_id: int | None, parent_id: int, scope: int | None) -> tuple[int, int]:
    """The (tree, parent) a category lands in; a child always lives in its parent's tree."""
    if parent_id:
        parent = store.categories.get(parent_id)
        if parent is None or (scope is not None and parent.tree_id != scope):
            raise Invalid(
                {"parent_id": f"Category {parent_id} does not exist."},
                title="The parent category does not exist.",
            )
        if tree_id is not None and tree_id != parent.tree_id:
            raise Invalid(
                {"tree_id": f"Category {parent_id} belongs to tree {parent.tree_id}, not tree {tree_id}."},
                title="The parent category belongs to another tree.",
            )
        return parent.tree_id, parent_id
    if tree_id is None:
        raise Invalid({"tree_id": "error.path.missing"}, title="A top-level category needs a tree.")
    if store.trees.get(tree_id) is None:
        raise Invalid({"tree_id": f"Category tree {tree_id} does not exist."}, title="The category tree does not exist.")
    return tree_id, 0


def _check_depth(level: int, field: str = "parent_id") -> None:
    if level > MAX_DEPTH:
        raise Invalid(
            {field: f"Categories nest at most {MAX_DEPTH} levels deep; this would make {level}."},
            title="The category tree is too deep.",
        )


def _check_sibling_name(store: Store, name: str, tree_id: int, parent_id: int, own_id: int | None) -> None:
    wanted = name.casefold()
    for other in store.categories.values():
        if (
            other.id != own_id
            and other.parent_id == parent_id
            and other.tree_id == tree_id
            and other.name.casefold() == wanted
        ):
            raise Conflict(
                {"name": f"Category {other.id} under the same parent is already named '{other.name}'."},
                title="The category name is a duplicate.",
            )


def _check_url(store: Store, url: CustomUrl, own_id: int | None) -> None:
    if not url.url:
        raise Invalid({"custom_url": "error.path.missing"}, title="The category URL is required.")
    for other in store.categories.values():
        if other.id != own_id and other.custom_url.url == url.url:
            raise Conflict(
                {"custom_url": f"The URL '{url.url}' is already used by category {other.id}."},
                title="The custom URL is a duplicate.",
            )


def _generated_url(store: Store, parent_id: int, name: str) -> CustomUrl:
    names = [store.categories.get(cid).name for cid in path_of(store, parent_id)] if parent_id else []  # type: ignore[union-attr]
    base = default_url_path([*names, name])
    taken = {c.custom_url.url for c in store.categories.values()}
    url, n = base, 1
    while url in taken:
        n += 1
        url = with_suffix(base, n)
    return CustomUrl(url=url, is_customized=False)


def _level(store: Store, parent_id: int) -> int:
    """The level a child of ``parent_id`` sits at: 1 at the top."""
    return (len(path_of(store, parent_id)) if parent_id else 0) + 1


# --------------------------------------------------------------------------- writing


def create(store: Store, changes: Mapping[str, Any], *, scope: int | None = None) -> Category:
    """A new category. ``changes`` needs ``name`` and either ``parent_id`` (non-zero: a child)
    or ``tree_id`` (a top-level category); given both, they must agree."""
    fields = dict(changes)
    if len(store.categories) >= MAX_CATEGORIES_PER_STORE:
        raise LimitExceeded(
            {"category": f"A store can have at most {MAX_CATEGORIES_PER_STORE} categories."},
            title="The category limit has been reached.",
        )
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
    category = Category(id=store.category_ids.take(), custom_url=url, **fields)
    store.categories.put(category.id, category)
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
    if moving and parent_id:
        if parent_id == category.id or parent_id in descendants(category.id, store.categories.values()):
            raise Invalid(
                {"parent_id": f"Category {parent_id} is category {category.id} or one of its subcategories; "
                              "a category cannot become its own ancestor."},
                title="The category cannot be moved inside itself.",
            )  # fmt: skip
    tree_id, parent_id = _placement(store, requested_tree, parent_id, scope)
    if moving:
        height = subtree_height(category.id, children_map(store.categories.values()))
        _check_depth(_level(store, parent_id) + height)
    name = fields.get("name", category.name)
    if moving or "name" in fields:
        _check_sibling_name(store, name, tree_id, parent_id, category.id)
    if "custom_url" in fields:
        _check_url(store, fields["custom_url"], category.id)
    fields["tree_id"], fields["parent_id"] = tree_id, parent_id
    updated = replace(category, **fields)
    store.categories.put(updated.id, updated)
    if tree_id != category.tree_id:
        for child_id in descendants(category.id, store.categories.values()):
            child = store.categories.get(child_id)
            if child is not None:
                store.categories.put(child_id, replace(child, tree_id=tree_id))
    return updated


def _with_subtrees(store: Store, ids: Iterable[int]) -> set[int]:
    roots = {cid for cid in ids if store.categories.get(cid) is not None}
    if not roots:
        return set()
    children = children_map(store.categories.values())
    doomed = set(roots)
    stack = list(roots)
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in doomed:
                doomed.add(child)
                stack.append(child)
    return doomed


def _check_no_products(store: Store, doomed: Collection[int]) -> None:
    wanted = set(doomed)
    holding = sorted({cid for p in store.products.values() for cid in p.categories if cid in wanted})
    if not holding:
        return
    if len(holding) == 1:
        message = f"Category {holding[0]} still contains products. Move them to another category first."
    else:
        listed = ", ".join(map(str, holding[:-1])) + f" and {holding[-1]}"
        message = f"Categories {listed} still contain products. Move them to other categories first."
    raise Invalid({"category_id": message}, title="A category that contains products cannot be deleted.")


def delete_many(store: Store, category_ids: Iterable[int]) -> set[int]:
    """Delete the categories and everything below them, or nothing at all when any of them
    still holds products. Unknown ids are ignored. Returns the ids deleted."""
    doomed = _with_subtrees(store, category_ids)
    _check_no_products(store, doomed)
    for category_id in doomed:
        store.categories.delete(category_id)
    return doomed


# --------------------------------------------------------------------------- trees


def upsert_trees(store: Store, items: Sequence[Mapping[str, Any]]) -> list[CategoryTree]:
    """Items with ``id`` rename a tree; items without create one (``name`` and one channel).
    All items are checked first; any problem refuses the whole batch."""
    problems: dict[str, str] = {}
    owners: dict[int, str] = {
        channel: f"category tree {tree.id}" for tree in store.trees.values() for channel in tree.channels
    }
    seen: set[int] = set()
    for index, item in enumerate(items):
        tree_id = item.get("id")
        if tree_id is not None:
            if store.trees.get(tree_id) is None:
                problems[f"{index}.id"] = f"Category tree {tree_id} does not exist."
            elif tree_id in seen:
                problems[f"{index}.id"] = f"Category tree {tree_id} appears more than once in the batch."
            seen.add(tree_id)
            if "channels" in item:
                problems[f"{index}.channels"] = "The channels of an existing tree cannot be changed; leave channels out."
            continue
        if not item.get("name"):
            problems[f"{index}.name"] = "error.path.missing"
        channels = item.get("channels")
        if not channels:
            problems[f"{index}.channels"] = "error.path.missing"
        elif len(channels) > 1:
            problems[f"{index}.channels"] = "A category tree can be assigned to one channel only."
        elif channels[0] < 1:
            problems[f"{index}.channels"] = f"Channel {channels[0]} does not exist."
        elif channels[0] in owners:
            problems[f"{index}.channels"] = f"Channel {channels[0]} is already assigned to {owners[channels[0]]}."
        else:
            owners[channels[0]] = f"item {index} of this batch"
    if problems:
        raise Invalid(problems, title="The category trees are invalid.")
    saved: list[CategoryTree] = []
    for item in items:
        if item.get("id") is not None:
            tree = store.trees.get(item["id"])
            assert tree is not None
            if item.get("name"):
                tree = replace(tree, name=item["name"])
        else:
            tree = CategoryTree(id=store.tree_ids.take(), name=item["name"], channels=tuple(item["channels"]))
        store.trees.put(tree.id, tree)
        saved.append(tree)
    return saved


def delete_trees(store: Store, tree_ids: Iterable[int]) -> list[int]:
    """Delete trees and every category in them, or nothing when any category holds products.
    The default storefront's tree cannot go. Unknown ids are ignored. Returns the ids deleted."""
    targets = sorted({tid for tid in tree_ids if store.trees.get(tid) is not None})
    if DEFAULT_TREE_ID in targets:
        raise Invalid(
            {"id:in": f"Category tree {DEFAULT_TREE_ID} belongs to the default storefront (channel 1) "
                      "and cannot be deleted."},
            title="The default category tree cannot be deleted.",
        )  # fmt: skip
    wanted = set(targets)
    doomed = [c.id for c in store.categories.values() if c.tree_id in wanted]
    _check_no_products(store, doomed)
    for category_id in doomed:
        store.categories.delete(category_id)
    for tree_id in targets:
        store.trees.delete(tree_id)
    return targets
