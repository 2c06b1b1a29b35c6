"""v3 Catalog category trees: /v3/catalog/trees, /v3/catalog/trees/categories and
/v3/catalog/trees/{tree_id}/categories.

Batch category writes answer per item (BC_FACTS §3.3, §4): every item is tried in order
against the store as the earlier items left it; good items are saved, bad ones are
reported under ``"<index>.<field>"`` keys in upstream's ``{errors, meta}`` envelope.

Every 422 a handler here raises uses that envelope, as upstream documents for these
operations; the pipeline's own 422s (request schema, typed query parameters, a missing
required ``id:in``) keep the plain v3 error body.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from mockbc.domain import errors as e
from mockbc.domain.categories import Category, CategoryTree, children_map
from mockbc.domain.query import Condition, apply_filters, paginate
from mockbc.http.call import Call, Reply
from mockbc.http.handlers.categories import keyword_filter
from mockbc.presentation import categories as wire
from mockbc.presentation import v3
from mockbc.presentation.params import DEFAULT_LIMIT, conditions, page_request
from mockbc.services import categories as service

CATEGORY_FILTERABLE = frozenset(
    {"category_uuid", "category_id", "tree_id", "parent_id", "name", "page_title", "keyword", "is_visible"}
)
CATEGORY_GETTERS: dict[str, Any] = {
    "category_uuid": lambda c: c.uuid,
    "category_id": lambda c: c.id,
    "tree_id": lambda c: c.tree_id,
    "parent_id": lambda c: c.parent_id,
    "name": lambda c: c.name,
    "page_title": lambda c: c.page_title,
    "is_visible": lambda c: c.is_visible,
}
DELETE_FILTERS = ("category_uuid:in", "category_id:in", "tree_id:in", "parent_id:in")
TREE_FILTERABLE = frozenset({"id", "channel_id"})
TREE_GETTERS: dict[str, Any] = {"id": lambda t: t.id, "channel_id": lambda t: t.channels}
BATCH_ITEM_ERRORS = (e.Invalid, e.Conflict, e.LimitExceeded, e.NotFound)


def _uuid(raw: Any) -> str:
    try:
        return str(uuid.UUID(str(raw)))
    except ValueError:
        raise ValueError(f"'{raw}' is not a UUID") from None


def _category_conditions(call: Call) -> list[Condition]:
    return conditions(call.query, filterable=CATEGORY_FILTERABLE, converters={"category_uuid": _uuid})


def _filtered_categories(call: Call, found: list[Condition]) -> list[Category]:
    return apply_filters(service.listing(call.store), found, CATEGORY_GETTERS, {"keyword": keyword_filter})


def _render(call: Call, category: Category) -> dict[str, Any]:
    return wire.select_tree_fields(
        wire.to_tree_v3(category), call.query.get("include_fields"), call.query.get("exclude_fields")
    )


def _batch_title(titles: list[str], fallback: str) -> str:
    return titles[0] if len(set(titles)) == 1 else fallback


def _run_batch(
    items: list[dict[str, Any]], write: Callable[[dict[str, Any]], Category]
) -> tuple[list[Category], dict[str, str], list[str]]:
    """Each item in order: the saved categories, the failures by ``"<index>.<field>"``, their titles."""
    done: list[Category] = []
    problems: dict[str, str] = {}
    titles: list[str] = []
    for index, item in enumerate(items):
        try:
            done.append(write(item))
        except BATCH_ITEM_ERRORS as err:
            fields, title = wire.item_errors(index, err)
            problems.update(fields)
            titles.append(title)
    return done, problems, titles


def _wrapped(err: e.Invalid, total: int = 0) -> Reply:
    """A 422 in the trees API's envelope (upstream's ``GeneralErrorWithErrors`` response)."""
    return Reply(422, wire.batch_error(dict(err.fields), err.title, total, 0))


# --------------------------------------------------------------------------- categories


def list_tree_categories(call: Call) -> Reply:
    try:
        found = _category_conditions(call)
    except e.Invalid as err:
        return _wrapped(err)
    categories = _filtered_categories(call, found)
    request = page_request(call.query)
    page = paginate(categories, page=request.page, limit=request.limit)
    return Reply(200, v3.collection(page, [_render(call, c) for c in page.items], call.query_items))


def create_tree_categories(call: Call) -> Reply:
    store = call.store

    def write(item: dict[str, Any]) -> Category:
        # A top-level category names its tree; a child names its parent, whose tree it joins.
        has_tree = item.get("tree_id") is not None
        has_parent = bool(item.get("parent_id"))
        if has_tree and has_parent:
            raise e.Invalid(
                {"tree_id": "Give tree_id for a top-level category or parent_id for a subcategory, not both."},
                title="Give either tree_id or parent_id.",
            )
        if not has_tree and not has_parent:
            raise e.Invalid(
                {"tree_id": "Give tree_id for a top-level category or parent_id for a subcategory."},
                title="Give either tree_id or parent_id.",
            )
        return service.create(store, wire.changes_from_v3(item))

    items = call.body
    created, problems, titles = _run_batch(items, write)
    total, success = len(items), len(created)
    data = [_render(call, c) for c in created]
    if not problems:
        return Reply(201, {"data": data, "meta": v3.batch_meta(total, success)})
    if not created:
        return Reply(422, wire.batch_error(problems, _batch_title(titles, "No category was created."), total, 0))
    body = wire.batch_error(problems, _batch_title(titles, "Some categories were not created."), total, success)
    return Reply(207, {"data": data, **body})


def update_tree_categories(call: Call) -> Reply:
    store = call.store

    def write(item: dict[str, Any]) -> Category:
        return service.update(store, item["category_id"], wire.changes_from_v3(item))

    items = call.body
    updated, problems, titles = _run_batch(items, write)
    total, success = len(items), len(updated)
    if not problems:
        return Reply(200, {"meta": v3.batch_meta(total, success)})
    if not updated:
        return Reply(422, wire.batch_error(problems, _batch_title(titles, "No category was updated."), total, 0))
    return Reply(207, wire.batch_error(problems, _batch_title(titles, "Some categories were not updated."), total, success))


def delete_tree_categories(call: Call) -> Reply:
    given = [name for name in DELETE_FILTERS if call.query.get(name)]
    if not given:
        return _wrapped(
            e.Invalid({"filter": "Give at least one of " + ", ".join(DELETE_FILTERS) + "."}, title="A filter is required.")
        )
    try:
        found = _category_conditions(call)
    except e.Invalid as err:
        return _wrapped(err)
    matched = _filtered_categories(call, found)
    try:
        service.delete_many(call.store, [c.id for c in matched])
    except e.Invalid as err:
        return _wrapped(err, len(matched))
    return Reply(202, {"meta": v3.batch_meta(len(matched), len(matched))})


# --------------------------------------------------------------------------- trees


def list_trees(call: Call) -> Reply:
    found = conditions(call.query, filterable=TREE_FILTERABLE)
    trees = apply_filters(call.store.trees.values(), found, TREE_GETTERS)
    # No paging parameters on this operation: every tree comes back on one page.
    page = paginate(trees, page=1, limit=max(DEFAULT_LIMIT, len(trees)))
    return Reply(200, v3.collection(page, [wire.tree_to_v3(t) for t in page.items], call.query_items))


def upsert_trees(call: Call) -> Reply:
    saved: list[CategoryTree] = service.upsert_trees(call.store, call.body)
    return Reply(200, {"data": [wire.tree_to_v3(t) for t in saved], "meta": v3.batch_meta(len(saved), len(saved))})


def delete_trees(call: Call) -> Reply:
    # A missing id:in never gets here: the spec marks it required, so the pipeline answers 422.
    ids = call.query.get("id:in") or []
    if not ids:
        return _wrapped(e.Invalid({"id:in": "error.path.missing"}, title="The filter(s) given are invalid."))
    try:
        service.delete_trees(call.store, ids)
    except e.Invalid as err:
        return _wrapped(err, len(set(ids)))
    return Reply(204)


def get_tree(call: Call) -> Reply:
    tree = service.get_tree(call.store, call.path["tree_id"])
    max_depth = call.query.get("depth")
    if max_depth is not None and max_depth < 1:
        raise e.Invalid({"depth": "must be at least 1"}, title="The filter(s) given are invalid.")
    categories = [c for c in call.store.categories.values() if c.tree_id == tree.id]
    by_id = {c.id: c for c in categories}
    children = children_map(categories)
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

    return Reply(200, {"data": nodes(0, []), "meta": {}})


HANDLERS = {
    "getAllCategories": (list_tree_categories, "products"),
    "createCategories": (create_tree_categories, "products"),
    "updateCategories": (update_tree_categories, "products"),
    "deleteTreeCategories": (delete_tree_categories, "products"),
    "getCategoryTrees": (list_trees, "products"),
    "upsertCategoryTrees": (upsert_trees, "products"),
    "deleteCategoryTrees": (delete_trees, "products"),
    "getCategoryTree": (get_tree, "products"),
}
