"""Categories and brands on the storefront: ``Site.categoryTree``, ``Site.category``, ``Site.brands``,
a category's and a brand's products, breadcrumbs, images and metafields, ``Product.categories``, and
the ``Category`` node.

A channel's categories are those of the category tree assigned to it (the trees API's records); a
category the storefront shows is visible (``is_visible``) in that tree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mockbc.domain.brands import Brand
from mockbc.domain.categories import DEFAULT_TREE_ID, Category
from mockbc.domain.metafields import BRAND, CATEGORY
from mockbc.domain.products import Product
from mockbc.domain.query import Condition
from mockbc.presentation.storefront_graphql.areas.catalog import (
    SORTS,
    bad_input,
    brand_object,
    image_object,
    listed,
    metafield_page,
    page_arguments,
    page_of,
)
from mockbc.presentation.storefront_graphql.connections import connection
from mockbc.presentation.storefront_graphql.ids import encode_id
from mockbc.presentation.storefront_graphql.seam import Area, Context
from mockbc.services import brands as brand_service
from mockbc.services import category_sort

AREA = Area()
# A category's default_product_sort as CategoryProductSort names it.
DEFAULT_SORTS = {
    "use_store_settings": "DEFAULT", "featured": "FEATURED", "newest": "NEWEST", "best_selling": "BEST_SELLING",
    "alpha_asc": "A_TO_Z", "alpha_desc": "Z_TO_A", "avg_customer_review": "BEST_REVIEWED",
    "price_asc": "LOWEST_PRICE", "price_desc": "HIGHEST_PRICE",
}  # fmt: skip


def channel_tree(context: Context) -> int | None:
    """The id of the category tree of the request's channel, if it has one."""
    trees = context.store.trees.lookup("channels", context.channel_id)
    return min(trees) if trees else None


def visible_category(context: Context, category_id: int) -> Category | None:
    category: Category | None = context.store.categories.get(category_id)
    if category is None or not category.is_visible or category.tree_id != channel_tree(context):
        return None
    return category


def category_object(category: Category) -> dict[str, Any]:
    return {
        "__typename": "Category",
        "record": category,
        "id": encode_id("Category", category.id),
        "entityId": category.id,
        "name": category.name,
        "path": category.custom_url.url,
        "description": category.description,
        "defaultImage": image_object(category.image_url, category.name) if category.image_url else None,
        "seo": {
            "pageTitle": category.page_title,
            "metaDescription": category.meta_description,
            "metaKeywords": ",".join(category.meta_keywords),
        },
        "defaultProductSort": DEFAULT_SORTS.get(category.default_product_sort, "DEFAULT"),
    }


def _children(context: Context, category_id: int, tree_id: int) -> list[Category]:
    table = context.store.categories
    found: list[Category] = table.many(table.lookup("parent_id", category_id))
    shown = [c for c in found if c.is_visible and c.tree_id == tree_id]
    return sorted(shown, key=lambda c: (c.sort_order, c.name.casefold(), c.id))


def _product_count(context: Context, category_id: int) -> int:
    return len(listed(context, [Condition("categories", "eq", category_id)]))


def _tree_item(context: Context, category: Category, depth: int) -> dict[str, Any]:
    children = _children(context, category.id, category.tree_id)
    return {
        "entityId": category.id,
        "name": category.name,
        "path": category.custom_url.url,
        "description": category.description,
        "productCount": _product_count(context, category.id),
        "image": image_object(category.image_url, category.name) if category.image_url else None,
        "hasChildren": bool(children),
        "children": [_tree_item(context, child, depth + 1) for child in children] if depth < 8 else [],
    }


@AREA.node("Category")
def category_node(context: Context, entity_id: int) -> dict[str, Any] | None:
    category = visible_category(context, entity_id)
    return category_object(category) if category is not None else None


@AREA.field("Site", "categoryTree")
def category_tree(_source: Any, info: Any, rootEntityId: int | None = None) -> list[dict[str, Any]]:
    """The channel's visible categories from the top level down; with ``rootEntityId``, that category
    and what is below it (an unknown or hidden root: an empty list)."""
    context: Context = info.context
    tree_id = channel_tree(context)
    if tree_id is None:
        return []
    if rootEntityId is not None:
        root = visible_category(context, rootEntityId)
        return [_tree_item(context, root, 1)] if root is not None else []
    return [_tree_item(context, top, 1) for top in _children(context, 0, tree_id)]


@AREA.field("Site", "category")
def site_category(_source: Any, info: Any, entityId: int) -> dict[str, Any] | None:
    return category_node(info.context, entityId)


@AREA.field("Category", "breadcrumbs")
def breadcrumbs(source: dict[str, Any], info: Any, depth: int, **pages: Any) -> Any:
    if depth < 0:
        raise bad_input("Argument 'depth' must not be negative")
    context: Context = info.context
    chain: list[Category] = []
    current: Category | None = source["record"]
    while current is not None and len(chain) < 64:
        chain.append(current)
        current = context.store.categories.get(current.parent_id) if current.parent_id else None
    chain.reverse()
    crumbs = [{"entityId": c.id, "name": c.name, "path": c.custom_url.url} for c in chain[:depth]]
    return connection(crumbs, dict, **page_arguments(pages))


def _in_category_order(context: Context, category: Category, found: Sequence[Product]) -> Sequence[Product]:
    # The explicit order of the sort-order API, which knows the default tree only.
    if category.tree_id != DEFAULT_TREE_ID:
        return found
    order = {p.product_id: i for i, p in enumerate(category_sort.positions(context.store, category.id))}
    return sorted(found, key=lambda p: order.get(p.id, len(order)))


@AREA.field("Category", "products")
def category_products(
    source: dict[str, Any], info: Any, hideOutOfStock: bool | None = None, sortBy: str | None = None, **pages: Any
) -> Any:
    context: Context = info.context
    category: Category = source["record"]
    found = listed(context, [Condition("categories", "eq", category.id)])
    sort = sortBy or source["defaultProductSort"]
    ordered = _in_category_order(context, category, found) if sort == "DEFAULT" else SORTS[sort](found)
    return page_of(context, ordered, pages, hide_out_of_stock=bool(hideOutOfStock))


@AREA.field("Category", "metafields")
def category_metafields(
    source: dict[str, Any], info: Any, namespace: str, keys: Sequence[str] = (), **pages: Any
) -> Any:
    return metafield_page(info.context, CATEGORY, source["entityId"], namespace, keys, pages)


@AREA.field("Product", "categories")
def product_categories(source: dict[str, Any], info: Any, sortBy: str | None = None, **pages: Any) -> Any:
    context: Context = info.context
    product: Product = source["record"]
    shown = [c for c in (visible_category(context, i) for i in product.categories) if c is not None]
    if sortBy is None:
        shown.sort(key=lambda c: c.id)
    return connection(shown, category_object, **page_arguments(pages))


# --------------------------------------------------------------------------- brands


@AREA.field("Site", "brands")
def site_brands(
    _source: Any, info: Any, productEntityIds: Sequence[int] = (), entityIds: Sequence[int] = (), **pages: Any
) -> Any:
    context: Context = info.context
    store = context.store
    found: Sequence[Brand]
    if entityIds or productEntityIds:
        wanted = set(entityIds) if entityIds else None
        if productEntityIds:
            of_products = {p.brand_id for p in listed(context, [Condition("id", "in", list(productEntityIds))])}
            wanted = of_products if wanted is None else wanted & of_products
        found = store.brands.many(wanted or ())
    else:
        found = brand_service.find(store, [])
    return connection(found, brand_object, **page_arguments(pages))


@AREA.field("Brand", "products")
def brand_products(source: dict[str, Any], info: Any, hideOutOfStock: bool | None = None, **pages: Any) -> Any:
    found = listed(info.context, [Condition("brand_id", "eq", source["entityId"])])
    return page_of(info.context, found, pages, hide_out_of_stock=bool(hideOutOfStock))


@AREA.field("Brand", "defaultImage")
def brand_default_image(source: dict[str, Any], _info: Any) -> dict[str, Any] | None:
    brand: Brand = source["record"]
    return image_object(brand.image_url, brand.name) if brand.image_url else None


@AREA.field("Brand", "metafields")
def brand_metafields(source: dict[str, Any], info: Any, namespace: str, keys: Sequence[str] = (), **pages: Any) -> Any:
    return metafield_page(info.context, BRAND, source["entityId"], namespace, keys, pages)
