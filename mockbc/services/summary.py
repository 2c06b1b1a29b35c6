"""The catalog summary (upstream products_catalog.v3.yml, getCatalogSummary), computed from the
store's products and variants at the time of the request.

Upstream names the figures and little more; the mock computes them so:

- ``variant_count``: every variant, a simple product's base variant included.
- ``inventory_count``: the stock of every product that tracks inventory: its own
  ``inventory_level`` when it tracks by product, the sum of its variants' when by variant;
  products that track nothing add nothing.
- ``inventory_value``: that stock times its price (the variant's ``price``, else the product's).
- ``highest_``, ``lowest_``, ``average_variant_price``: over every variant's price (its own
  ``price``, else its product's); 0 in a store without variants.
- ``oldest_`` / ``newest_variant_date``: variants carry no dates of their own, so each takes its
  product's ``date_created``; ``None`` in a store without variants.
- ``primary_category``: the category holding the most products, in any tree (the lowest id on
  a tie); ``None`` when no category holds a product.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mockbc.domain.categories import Category
from mockbc.domain.products import Product
from mockbc.store.store import Store

# Money is kept to 4 decimal places, as BigCommerce's v2 money strings are.
PRECISION = 4


@dataclass(frozen=True, slots=True)
class CatalogSummary:
    inventory_count: int
    inventory_value: float
    variant_count: int
    highest_variant_price: float
    average_variant_price: float
    lowest_variant_price: float
    oldest_variant_date: datetime | None
    newest_variant_date: datetime | None
    primary_category: Category | None


def _primary_category(store: Store) -> Category | None:
    best: tuple[int, int] | None = None
    for category in store.categories.values():
        count = len(store.products.lookup("categories", category.id))
        if count and (best is None or (count, -category.id) > best):
            best = (count, -category.id)
    if best is None:
        return None
    found: Category = store.categories.require(-best[1])
    return found


def summary(store: Store) -> CatalogSummary:
    stock = 0
    value = 0.0
    prices: list[float] = []
    oldest: datetime | None = None
    newest: datetime | None = None
    products = store.products
    for variant in store.variants.values():
        product: Product = products.require(variant.product_id)
        price = variant.price if variant.price is not None else product.price
        prices.append(price)
        created = product.date_created
        oldest = created if oldest is None or created < oldest else oldest
        newest = created if newest is None or created > newest else newest
        if product.inventory_tracking == "variant":
            stock += variant.inventory_level
            value += variant.inventory_level * price
    for product in products.values():
        if product.inventory_tracking == "product":
            stock += product.inventory_level
            value += product.inventory_level * product.price
    return CatalogSummary(
        inventory_count=stock,
        inventory_value=round(value, PRECISION),
        variant_count=len(prices),
        highest_variant_price=max(prices, default=0.0),
        average_variant_price=round(sum(prices) / len(prices), PRECISION) if prices else 0.0,
        lowest_variant_price=min(prices, default=0.0),
        oldest_variant_date=oldest,
        newest_variant_date=newest,
        primary_category=_primary_category(store),
    )
