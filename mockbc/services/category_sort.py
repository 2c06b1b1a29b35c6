"""The order of the products of a category (upstream categories_catalog.v3.yml,
``/catalog/categories/{category_id}/products/sort-order``).

A category's products are the products holding its id (``Product.categories``); some of them
have an explicit ``sort_order`` in it (the ``category_sort_orders`` table). The list gives every
product of the category: the explicit ones first by ascending ``sort_order`` (ties by product
id), then the others with ``sort_order`` ``None`` by product id, as upstream's description of
the operation says nulls come after numbers. An explicit order is kept while the product and
the category exist, and applies again if a product leaves the category and comes back.

Like the rest of the categories API, this sees the categories of the default tree only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from mockbc.domain.categories import DEFAULT_TREE_ID
from mockbc.domain.category_sort import CategorySortOrder, ProductPosition
from mockbc.domain.errors import Invalid, Problem
from mockbc.services import categories as category_service
from mockbc.store.store import Store


def positions(store: Store, category_id: int) -> list[ProductPosition]:
    """Every product of the category with its explicit position, or ``None``, in list order."""
    category_service.get(store, category_id, scope=DEFAULT_TREE_ID)
    table = store.category_sort_orders
    explicit: dict[int, int] = {
        record.product_id: record.sort_order for record in table.many(table.lookup("category_id", category_id))
    }
    product_ids = store.products.lookup("categories", category_id)
    ordered = sorted(product_ids, key=lambda p: (p not in explicit, explicit.get(p, 0), p))
    return [ProductPosition(product_id, explicit.get(product_id)) for product_id in ordered]


def set_positions(store: Store, category_id: int, items: Sequence[ProductPosition]) -> list[ProductPosition]:
    """Give each product its ``sort_order`` in the category, all or nothing. Every product must
    be in the category (upstream updateCategorySortOrders answers 422 otherwise), and appear once."""
    category_service.get(store, category_id, scope=DEFAULT_TREE_ID)
    problems: list[Problem] = []
    seen: set[int] = set()
    for index, item in enumerate(items):
        field = f"{index}.product_id"
        product = store.products.get(item.product_id)
        if item.product_id in seen:
            problems.append(Problem(field, "batch_repeated_id"))
        elif product is None:
            problems.append(Problem(field, "product_missing", {"id": item.product_id}))
        elif category_id not in product.categories:
            problems.append(Problem(field, "product_not_in_category", {"id": item.product_id, "category": category_id}))
        elif item.sort_order is None or item.sort_order < 0:
            problems.append(Problem(f"{index}.sort_order", "minimum", {"limit": 0}))
        seen.add(item.product_id)
    if problems:
        raise Invalid("sort_order_invalid", tuple(problems))
    table = store.category_sort_orders
    for item in items:
        assert item.sort_order is not None
        record_id = table.unique("pair", (category_id, item.product_id))
        if record_id is None:
            record_id = store.next_id("category_sort_orders")
            table.put(record_id, CategorySortOrder(record_id, category_id, item.product_id, item.sort_order))
            store.emit("category_sort_order", "created", record_id)
            continue
        record: CategorySortOrder = table.require(record_id)
        if record.sort_order != item.sort_order:
            table.put(record_id, replace(record, sort_order=item.sort_order))
            store.emit("category_sort_order", "updated", record_id)
    return list(items)
