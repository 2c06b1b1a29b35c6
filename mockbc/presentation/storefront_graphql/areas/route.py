"""``Site.route(path:)``: the product, category or brand whose custom URL is ``path``.

A path is looked up as given, then with its trailing slash added or taken away (custom URLs end in
one, a shopper's link may not). Products come first, then categories, then brands; what the
storefront does not show (a hidden product, a category of another channel's tree) is no route.
"""

from __future__ import annotations

from typing import Any

from mockbc.presentation.storefront_graphql.areas.catalog import brand_node, product_node
from mockbc.presentation.storefront_graphql.areas.categories import category_node
from mockbc.presentation.storefront_graphql.seam import Area, Context

AREA = Area()
MAX_PATH = 2048


def _spellings(path: str) -> list[str]:
    bare = path.split("?", 1)[0].split("#", 1)[0]
    if not bare.startswith("/"):
        bare = "/" + bare
    other = bare.rstrip("/") if bare.endswith("/") and bare != "/" else bare + "/"
    return [bare, other]


def resolve(context: Context, path: str) -> dict[str, Any] | None:
    store = context.store
    for spelling in _spellings(path[:MAX_PATH]):
        for table, load in (
            (store.products, product_node),
            (store.categories, category_node),
            (store.brands, brand_node),
        ):
            owner = table.unique("url", spelling)
            found = load(context, owner) if owner is not None else None
            if found is not None:
                return found
    return None


@AREA.field("Site", "route")
def route(_source: Any, info: Any, path: str, **_: Any) -> dict[str, Any]:
    return {"node": resolve(info.context, path)}
