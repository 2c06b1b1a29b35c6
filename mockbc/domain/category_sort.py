"""The explicit position of a product among the products of one category (upstream
categories_catalog.v3.yml, getCategorySortOrders / updateCategorySortOrders)."""

from __future__ import annotations

from dataclasses import dataclass

from mockbc.domain.storage import Index, Reference, TableSpec


@dataclass(frozen=True, slots=True)
class CategorySortOrder:
    id: int
    category_id: int
    product_id: int
    sort_order: int


@dataclass(frozen=True, slots=True)
class ProductPosition:
    """A product of a category as the sort-order API lists it; ``sort_order`` is ``None`` for a
    product given no explicit position in that category."""

    product_id: int
    sort_order: int | None


TABLES = (
    TableSpec(
        "category_sort_orders",
        CategorySortOrder,
        indexes=(
            Index("pair", lambda r: (r.category_id, r.product_id), unique=True),
            Index("category_id", lambda r: r.category_id),
            Index("product_id", lambda r: r.product_id),
        ),
        references=(
            Reference("category_id", "categories", "cascade"),
            Reference("product_id", "products", "cascade"),
        ),
        resource="category_sort_order",
    ),
)
