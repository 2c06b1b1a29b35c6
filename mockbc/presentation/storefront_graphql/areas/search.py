"""``Site.search.searchProducts(filters:, sort:)``: the storefront's product search, its ``products``
and its ``filters`` (facets by category, brand, price, rating and the other flags).

The search term, brands, categories and flags are the products service's indexed filters (the
``keyword`` index answers the term, as ``GET /v3/catalog/products?keyword=`` does); price, rating and
stock are checked on what those leave. Facet counts are over the products the search found.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from mockbc.domain.categories import Category
from mockbc.domain.products import Product, calculated_price
from mockbc.domain.query import Condition
from mockbc.presentation.storefront_graphql.areas.catalog import (
    SORTS,
    average_rating,
    bad_input,
    in_stock,
    listed,
    page_arguments,
    page_of,
)
from mockbc.presentation.storefront_graphql.areas.categories import visible_category
from mockbc.presentation.storefront_graphql.connections import connection
from mockbc.presentation.storefront_graphql.seam import Area, Context
from mockbc.store.indexes import words

AREA = Area()
RATINGS = (5, 4, 3, 2, 1)
# How many items a facet shows before "show more" (the control panel's default).
DISPLAY_ITEMS = 10
MAX_CATEGORY_IDS = 1000


@AREA.field("Site", "search")
def search(_source: Any, _info: Any) -> dict[str, Any]:
    return {}


def _category_ids(context: Context, filters: Mapping[str, Any]) -> tuple[list[int], str]:
    """The categories asked for and how they combine (``OR``/``AND``); sub-categories when asked."""
    ids: list[int] = []
    if filters.get("categoryEntityId") is not None:
        ids.append(filters["categoryEntityId"])
    ids += filters.get("categoryEntityIds") or []
    behaviour = "OR"
    combined = filters.get("categoryIdsFilter")
    if combined:
        ids += combined["entityIds"]
        behaviour = combined.get("matchBehavior") or "OR"
    if len(ids) > MAX_CATEGORY_IDS:
        raise bad_input(f"At most {MAX_CATEGORY_IDS} categories can be searched at once.")
    return ids, behaviour


def _with_subcategories(context: Context, category_id: int) -> list[int]:
    table = context.store.categories
    found, level = [category_id], [category_id]
    while level and len(found) <= MAX_CATEGORY_IDS:
        level = [child for parent in level for child in table.lookup("parent_id", parent)]
        found += level
    return found


def _conditions(context: Context, filters: Mapping[str, Any]) -> list[Condition]:
    out: list[Condition] = []
    term = filters.get("searchTerm")
    if term and term.strip():
        out.append(Condition("keyword", "eq", term))
    if filters.get("brandEntityIds"):
        out.append(Condition("brand_id", "in", list(filters["brandEntityIds"])))
    ids, behaviour = _category_ids(context, filters)
    expand = bool(filters.get("searchSubCategories"))
    groups = [_with_subcategories(context, i) if expand else [i] for i in ids]
    if groups and behaviour == "AND":
        out += [Condition("categories", "in", group) for group in groups]
    elif groups:
        out.append(Condition("categories", "in", [i for group in groups for i in group]))
    if filters.get("isFeatured"):
        out.append(Condition("is_featured", "eq", True))
    if filters.get("isFreeShipping"):
        out.append(Condition("is_free_shipping", "eq", True))
    return out


def _checked(context: Context, found: Sequence[Product], filters: Mapping[str, Any]) -> Sequence[Product]:
    price, rating = filters.get("price") or {}, filters.get("rating") or {}
    low, high = price.get("minPrice"), price.get("maxPrice")
    worst, best = rating.get("minRating"), rating.get("maxRating")
    hide = bool(filters.get("hideOutOfStock"))
    if low is None and high is None and worst is None and best is None and not hide:
        return found

    def keep(product: Product) -> bool:
        paid, rated = calculated_price(product), average_rating(product)
        return (
            (low is None or paid >= low)
            and (high is None or paid <= high)
            and (worst is None or rated >= worst)
            and (best is None or rated <= best)
            and (not hide or in_stock(context.store, product))
        )

    return [p for p in found if keep(p)]


def _relevance(term: str) -> Any:
    wanted = words([term])

    def matched(found: Sequence[Product]) -> list[Product]:
        # Products whose name holds more of the words come first; ties keep id order.
        return sorted(found, key=lambda p: -len(wanted & words([p.name])))

    return matched


@AREA.field("SearchQueries", "searchProducts")
def search_products(_source: Any, info: Any, filters: Mapping[str, Any], sort: str | None = None) -> dict[str, Any]:
    context: Context = info.context
    found = _checked(context, listed(context, _conditions(context, filters)), filters)
    term = filters.get("searchTerm") or ""
    if sort is None or sort == "RELEVANCE":
        ordered: Sequence[Product] = _relevance(term)(found) if term.strip() else found
    else:
        ordered = SORTS[sort](found)
    return {"found": ordered, "filters": filters}


@AREA.field("SearchProducts", "products")
def searched_products(source: dict[str, Any], info: Any, **pages: Any) -> Any:
    return page_of(info.context, source["found"], pages)


def _facet(name: str, typename: str, **fields: Any) -> dict[str, Any]:
    return {"__typename": typename, "name": name, "displayName": name, "isCollapsedByDefault": False, **fields}


@AREA.field("SearchProducts", "filters")
def search_filters(source: dict[str, Any], info: Any, **pages: Any) -> Any:
    context: Context = info.context
    found: Sequence[Product] = source["found"]
    filters: Mapping[str, Any] = source["filters"]
    by_category: Counter[int] = Counter()
    by_brand: Counter[int] = Counter()
    featured = free = stocked = 0
    for product in found:
        by_category.update(set(product.categories))
        if product.brand_id:
            by_brand[product.brand_id] += 1
        featured += product.is_featured
        free += product.is_free_shipping
        stocked += in_stock(context.store, product)
    chosen_categories = set(_category_ids(context, filters)[0])
    shown: list[Category] = [c for c in (visible_category(context, i) for i in by_category) if c is not None]
    shown.sort(key=lambda c: (c.sort_order, c.name.casefold(), c.id))
    categories = [
        {"entityId": c.id, "name": c.name, "isSelected": c.id in chosen_categories, "productCount": by_category[c.id]}
        for c in shown
    ]
    chosen_brands = set(filters.get("brandEntityIds") or ())
    brands = [
        {"entityId": b.id, "name": b.name, "isSelected": b.id in chosen_brands, "productCount": by_brand[b.id]}
        for b in context.store.brands.many(by_brand)
    ]
    rating = filters.get("rating") or {}
    ratings = [
        {
            "value": str(stars), "isSelected": rating.get("minRating") == stars,
            "productCount": sum(1 for p in found if average_rating(p) >= stars),
        }
        for stars in RATINGS
    ]  # fmt: skip
    price = filters.get("price")
    facets: list[dict[str, Any]] = []
    if categories:
        facets.append(_facet("Category", "CategorySearchFilter", displayProductCount=True,
                             displayItemsCount=DISPLAY_ITEMS, items=categories))  # fmt: skip
    if brands:
        facets.append(_facet("Brand", "BrandSearchFilter", displayProductCount=True,
                             displayItemsCount=DISPLAY_ITEMS, items=brands))  # fmt: skip
    facets.append(_facet("Price", "PriceSearchFilter", selected=dict(price) if price else None))
    facets.append(_facet("Rating", "RatingSearchFilter", items=ratings))
    facets.append(_facet(
        "Other", "OtherSearchFilter", displayProductCount=True,
        freeShipping={"displayName": "Free Shipping", "isSelected": bool(filters.get("isFreeShipping")), "productCount": free},
        isFeatured={"displayName": "Is Featured", "isSelected": bool(filters.get("isFeatured")), "productCount": featured},
        isInStock={"displayName": "In Stock", "isSelected": bool(filters.get("hideOutOfStock")), "productCount": stocked},
    ))  # fmt: skip
    return connection(facets, dict, **page_arguments(pages))


def _items(source: dict[str, Any], _info: Any, **pages: Any) -> Any:
    return connection(source["items"], dict, **page_arguments(pages))


AREA.field("CategorySearchFilter", "categories")(_items)
AREA.field("BrandSearchFilter", "brands")(_items)
AREA.field("RatingSearchFilter", "ratings")(_items)
