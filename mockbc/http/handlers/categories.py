"""Catalog categories (deprecated API): /v3/catalog/categories[/{category_id}].

This API sees the default storefront's tree only (``DEFAULT_TREE_ID``); the trees API
(``handlers/trees.py``) sees them all. Both write through ``services/categories.py``.
"""

from __future__ import annotations

from mockbc.domain.categories import DEFAULT_TREE_ID, Category
from mockbc.domain.errors import invalid
from mockbc.domain.query import Page
from mockbc.http.operations import bindings
from mockbc.presentation import categories as wire
from mockbc.presentation import categories_v2 as wire_v2
from mockbc.presentation.call import Call
from mockbc.services import categories as service

FILTERABLE = frozenset({"id", "name", "parent_id", "page_title", "keyword", "is_visible"})


def list_categories(call: Call) -> Page[Category]:
    listing = call.view.listing(call, FILTERABLE)
    found = service.find(call.store, listing.conditions, scope=DEFAULT_TREE_ID)
    return call.view.page(found, listing)


def get_category(call: Call) -> Category:
    return service.get(call.store, call.path["category_id"], scope=DEFAULT_TREE_ID)


def create_category(call: Call) -> Category:
    changes = call.view.parse(call.body)
    changes["tree_id"] = DEFAULT_TREE_ID
    return service.create(call.store, changes, scope=DEFAULT_TREE_ID)


def update_category(call: Call) -> Category:
    changes = call.view.parse(call.body)
    changes.pop("tree_id", None)
    return service.update(call.store, call.path["category_id"], changes, scope=DEFAULT_TREE_ID)


def delete_category(call: Call) -> None:
    category = service.get(call.store, call.path["category_id"], scope=DEFAULT_TREE_ID)
    service.delete_many(call.store, [category.id])


def delete_categories(call: Call) -> None:
    conditions = call.view.listing(call, FILTERABLE).conditions
    # An empty list (``id:in=``) filters nothing, so it does not count as a filter.
    if not [c for c in conditions if c.value not in ([], "")]:
        raise invalid("filter_required", "filter", "filter_required", resource="categories")
    found = service.find(call.store, conditions, scope=DEFAULT_TREE_ID)
    service.delete_many(call.store, [c.id for c in found])


OPERATIONS = bindings(
    "v3",
    wire.VIEW_V3,
    scope="products",
    handlers={
        "getCategories": list_categories,
        "getCategory": get_category,
        "createCategory": create_category,
        "updateCategory": update_category,
        "deleteCategory": delete_category,
        "deleteCategories": delete_categories,
    },
)


# --------------------------------------------------------------------------- v2: /v2/categories[/{category_id}]


def count_categories(call: Call) -> int:
    """``GET /v2/categories/count``: how many categories of the default tree the filters match."""
    listing = call.view.listing(call, FILTERABLE)
    return call.view.page(service.find(call.store, listing.conditions, scope=DEFAULT_TREE_ID), listing).total


def delete_all_categories(call: Call) -> None:
    """``DELETE /v2/categories``: every category of the default tree, refused unless the store has no
    products at all (archived v2 categories guide)."""
    held = len(call.store.products)
    if held:
        raise invalid("store_has_products", "categories", "store_has_products", count=held)
    found = service.find(call.store, [], scope=DEFAULT_TREE_ID)
    service.delete_many(call.store, [category.id for category in found])


OPERATIONS += bindings(
    "v2",
    wire_v2.VIEW_V2,
    scope="products",
    handlers={
        "getCategories": list_categories,
        "getCategoriesCount": count_categories,
        "getCategory": get_category,
        "createCategory": create_category,
        "updateCategory": update_category,
        "deleteCategory": delete_category,
        "deleteCategories": delete_all_categories,
    },
)
