"""Catalog category trees: /v3/catalog/trees, /v3/catalog/trees/categories and
/v3/catalog/trees/{tree_id}/categories.

Batch category writes answer per item (upstream category-trees_catalog.v3.yml, 207 responses): every item is tried in order
against the store as the earlier items left it; good items are saved, bad ones are reported
by index. The trees views (``presentation/categories.py``) give each operation the success
and error envelopes upstream documents for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mockbc.domain import errors as e
from mockbc.domain.categories import Category, CategoryTree
from mockbc.domain.query import Page, paginate
from mockbc.http.operations import binding
from mockbc.presentation import categories as wire
from mockbc.presentation.call import Batch, Call
from mockbc.presentation.params import DEFAULT_LIMIT, uuid_converter
from mockbc.services import categories as service

CATEGORY_FILTERABLE = frozenset(
    {"category_uuid", "category_id", "tree_id", "parent_id", "name", "page_title", "keyword", "is_visible"}
)
DELETE_FILTERS = ("category_uuid:in", "category_id:in", "tree_id:in", "parent_id:in")
TREE_FILTERABLE = frozenset({"id", "channel_id"})
BATCH_ITEM_ERRORS = (e.Invalid, e.Conflict, e.LimitExceeded, e.NotFound)


def _check_size(call: Call) -> None:
    limit = call.store.limits.tree_categories_batch
    if len(call.body) > limit:
        raise e.PayloadTooLarge(max_items=limit)


def _run_batch(items: list[dict[str, Any]], write: Callable[[dict[str, Any]], Category]) -> Batch[Category]:
    done: list[Category] = []
    failures: list[tuple[int, e.DomainError]] = []
    for index, item in enumerate(items):
        try:
            done.append(write(item))
        except BATCH_ITEM_ERRORS as err:
            failures.append((index, err))
    return Batch(done, failures, len(items))


# --------------------------------------------------------------------------- categories


def list_tree_categories(call: Call) -> Page[Category]:
    listing = call.view.listing(call, CATEGORY_FILTERABLE, {"category_uuid": uuid_converter})
    return call.view.page(service.find(call.store, listing.conditions), listing)


def create_tree_categories(call: Call) -> Batch[Category]:
    _check_size(call)
    store = call.store

    def write(item: dict[str, Any]) -> Category:
        # A top-level category names its tree; a child names its parent, whose tree it joins.
        has_tree = item.get("tree_id") is not None
        has_parent = bool(item.get("parent_id"))
        if has_tree and has_parent:
            raise e.invalid("tree_or_parent", "tree_id", "tree_and_parent")
        if not has_tree and not has_parent:
            raise e.invalid("tree_or_parent", "tree_id", "tree_or_parent")
        return service.create(store, call.view.parse(item))

    return _run_batch(call.body, write)


def update_tree_categories(call: Call) -> Batch[Category]:
    _check_size(call)
    store = call.store

    def write(item: dict[str, Any]) -> Category:
        return service.update(store, item["category_id"], call.view.parse(item))

    return _run_batch(call.body, write)


def delete_tree_categories(call: Call) -> Batch[int]:
    if not [name for name in DELETE_FILTERS if call.query.get(name)]:
        raise e.invalid("filter_required", "filter", "one_of_required", names=list(DELETE_FILTERS))
    listing = call.view.listing(call, CATEGORY_FILTERABLE, {"category_uuid": uuid_converter})
    matched = [c.id for c in service.find(call.store, listing.conditions)]
    try:
        service.delete_many(call.store, matched)
    except e.Invalid as err:
        raise e.Invalid(err.kind, err.problems, {**err.facts, "total": len(matched)}) from None
    return Batch(matched, [], len(matched))


# --------------------------------------------------------------------------- trees


def list_trees(call: Call) -> Page[CategoryTree]:
    conditions = call.view.listing(call, TREE_FILTERABLE).conditions
    trees = service.find_trees(call.store, conditions)
    # No paging parameters on this operation: every tree comes back on one page.
    return paginate(trees, page=1, limit=max(DEFAULT_LIMIT, len(trees)))


def upsert_trees(call: Call) -> Batch[CategoryTree]:
    saved = service.upsert_trees(call.store, call.body)
    return Batch(saved, [], len(saved))


def delete_trees(call: Call) -> None:
    # A missing id:in never gets here: the spec marks it required, so the pipeline answers 422.
    ids = call.query.get("id:in") or []
    if not ids:
        raise e.invalid("filter", "id:in", "missing")
    try:
        service.delete_trees(call.store, ids)
    except e.Invalid as err:
        raise e.Invalid(err.kind, err.problems, {**err.facts, "total": len(set(ids))}) from None


def get_tree(call: Call) -> list[dict[str, Any]]:
    tree = service.get_tree(call.store, call.path["tree_id"])
    max_depth = call.query.get("depth")
    if max_depth is not None and max_depth < 1:
        raise e.invalid("filter", "depth", "minimum", limit=1)
    categories = service.in_tree(call.store, tree.id)
    by_id = {c.id: c for c in categories}
    children: dict[int, list[int]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category.id)
    for ids in children.values():
        ids.sort(key=lambda cid: (by_id[cid].sort_order, by_id[cid].name.casefold(), cid))

    def nodes(parent_id: int, path: list[int]) -> list[dict[str, Any]]:
        if max_depth is not None and len(path) >= max_depth:
            return []
        out = []
        for cid in children.get(parent_id, ()):
            own_path = [*path, cid]
            out.append(wire.node_to_v3(by_id[cid], own_path, nodes(cid, own_path)))
        return out

    return nodes(0, [])


def _bindings() -> tuple[Any, ...]:
    views = {
        "getAllCategories": (list_tree_categories, wire.TREE_CATEGORIES_LIST),
        "createCategories": (create_tree_categories, wire.TREE_CATEGORIES_CREATE),
        "updateCategories": (update_tree_categories, wire.TREE_CATEGORIES_UPDATE),
        "deleteTreeCategories": (delete_tree_categories, wire.TREE_CATEGORIES_DELETE),
        "getCategoryTrees": (list_trees, wire.TREES_LIST),
        "upsertCategoryTrees": (upsert_trees, wire.TREES_UPSERT),
        "deleteCategoryTrees": (delete_trees, wire.TREES_DELETE),
        "getCategoryTree": (get_tree, wire.TREE_NODES),
    }
    return tuple(binding("v3", op_id, handler, view, scope="products") for op_id, (handler, view) in views.items())


OPERATIONS = _bindings()
