"""v3 Catalog categories (deprecated API): /v3/catalog/categories[/{category_id}].

This API sees the default storefront's tree only (``DEFAULT_TREE_ID``); the trees API
(``handlers/trees.py``) sees them all. Both write through ``services/categories.py``.
"""

from __future__ import annotations

from typing import Any

from mockbc.domain.categories import DEFAULT_TREE_ID, Category
from mockbc.domain.errors import Invalid
from mockbc.domain.query import Condition, apply_filters, paginate, sort_by
from mockbc.http.call import Call, Reply
from mockbc.presentation import categories as wire
from mockbc.presentation import v3
from mockbc.presentation.params import conditions, page_request
from mockbc.presentation.wire import select_fields
from mockbc.services import categories as service

FILTERABLE = frozenset({"id", "name", "parent_id", "page_title", "keyword", "is_visible"})
GETTERS: dict[str, Any] = {
    "id": lambda c: c.id,
    "name": lambda c: c.name,
    "parent_id": lambda c: c.parent_id,
    "page_title": lambda c: c.page_title,
    "is_visible": lambda c: c.is_visible,
}
SORT_KEYS: dict[str, Any] = {
    "id": lambda c: c.id,
    "name": lambda c: c.name.casefold(),
    "parent_id": lambda c: c.parent_id,
    "sort_order": lambda c: c.sort_order,
}


def keyword_filter(condition: Condition) -> Any:
    """``keyword`` matches name, description or search keywords, case-insensitively."""
    needle = str(condition.value).casefold()
    return lambda c: any(needle in text.casefold() for text in (c.name, c.description, c.search_keywords))


def _descending(call: Call) -> bool:
    # Upstream declares no ``direction`` on this operation, so the spec (and the typed query)
    # cannot carry it; BigCommerce honours it, so it is read from the raw query string.
    return any(key == "direction" and value.lower() == "desc" for key, value in call.query_items)


def _render(call: Call, category: Category) -> dict[str, Any]:
    return select_fields(wire.to_v3(category), call.query.get("include_fields"), call.query.get("exclude_fields"))


def _given_filters(call: Call) -> list[Condition]:
    # An empty list (``id:in=``) filters nothing, so it does not count as a filter.
    return [c for c in conditions(call.query, filterable=FILTERABLE) if c.value not in ([], "")]


def _filtered(call: Call) -> list[Category]:
    found = conditions(call.query, filterable=FILTERABLE)
    return apply_filters(
        service.listing(call.store, scope=DEFAULT_TREE_ID), found, GETTERS, {"keyword": keyword_filter}
    )


def list_categories(call: Call) -> Reply:
    categories = _filtered(call)
    sort = call.query.get("sort")
    if sort:
        categories = sort_by(categories, SORT_KEYS[sort], descending=_descending(call))
    elif _descending(call):
        categories.reverse()
    request = page_request(call.query)
    page = paginate(categories, page=request.page, limit=request.limit)
    return Reply(200, v3.collection(page, [_render(call, c) for c in page.items], call.query_items))


def get_category(call: Call) -> Reply:
    category = service.get(call.store, call.path["category_id"], scope=DEFAULT_TREE_ID)
    return Reply(200, v3.single(_render(call, category)))


def create_category(call: Call) -> Reply:
    changes = wire.changes_from_v3(call.body)
    changes["tree_id"] = DEFAULT_TREE_ID
    category = service.create(call.store, changes, scope=DEFAULT_TREE_ID)
    return Reply(200, v3.single(_render(call, category)))


def update_category(call: Call) -> Reply:
    changes = wire.changes_from_v3(call.body)
    changes.pop("tree_id", None)
    category = service.update(call.store, call.path["category_id"], changes, scope=DEFAULT_TREE_ID)
    return Reply(200, v3.single(_render(call, category)))


def delete_category(call: Call) -> Reply:
    category = service.get(call.store, call.path["category_id"], scope=DEFAULT_TREE_ID)
    service.delete_many(call.store, [category.id])
    return Reply(204)


def delete_categories(call: Call) -> Reply:
    if not _given_filters(call):
        raise Invalid(
            {"filter": "At least one filter is required to delete categories."}, title="A filter is required."
        )
    service.delete_many(call.store, [c.id for c in _filtered(call)])
    return Reply(204)


HANDLERS = {
    "getCategories": (list_categories, "products"),
    "getCategory": (get_category, "products"),
    "createCategory": (create_category, "products"),
    "updateCategory": (update_category, "products"),
    "deleteCategory": (delete_category, "products"),
    "deleteCategories": (delete_categories, "products"),
}
