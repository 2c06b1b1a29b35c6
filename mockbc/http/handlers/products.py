"""Catalog products: /v3/catalog/products[/{product_id}]."""

from __future__ import annotations

from typing import Any

from mockbc.domain.errors import PayloadTooLarge
from mockbc.domain.products import MAX_BATCH_UPDATE, Product
from mockbc.domain.query import Page
from mockbc.http.operations import bindings
from mockbc.presentation import products as wire
from mockbc.presentation import products_v2 as wire_v2
from mockbc.presentation.call import Call
from mockbc.presentation.params import date_converter
from mockbc.services import products as service

FILTERABLE = frozenset({
    "id", "name", "sku", "mpn", "upc", "price", "weight", "type", "condition", "availability",
    "brand_id", "is_visible", "is_featured", "is_free_shipping", "categories", "keyword",
    "date_modified", "date_last_imported", "inventory_level", "inventory_low", "out_of_stock",
    "total_sold", "channel_id",
})  # fmt: skip
# With include=options or include=modifiers a page holds at most 10 products (upstream getProducts).
HEAVY_INCLUDES = {"options", "modifiers"}
HEAVY_INCLUDE_LIMIT = 10


STATIC_CONVERTERS: dict[str, Any] = {
    "is_featured": bool,
    "is_free_shipping": bool,
    "condition": str.lower,  # documented lowercase, while bodies say "New": either is taken
}
DATE_FILTERS = ("date_modified", "date_last_imported")


def _converters(call: Call) -> dict[str, Any]:
    if not any(key.startswith(DATE_FILTERS) for key in call.query):
        return STATIC_CONVERTERS
    now = call.store.clock.now()  # a bare date takes the request's time of day
    return {**STATIC_CONVERTERS, **{name: date_converter(now) for name in DATE_FILTERS}}


def list_products(call: Call) -> Page[Product]:
    heavy = HEAVY_INCLUDES.intersection(call.query.get("include") or ())
    listing = call.view.listing(call, FILTERABLE, _converters(call), max_limit=HEAVY_INCLUDE_LIMIT if heavy else None)
    return call.view.page(service.find(call.store, listing.conditions), listing)


def get_product(call: Call) -> Product:
    return service.get(call.store, call.path["product_id"])


def create_product(call: Call) -> Product:
    changes = call.view.parse(call.body)
    variants = changes.pop("variants", ())
    return service.create(call.store, changes, variants, inline=changes.pop("inline", None))


def update_product(call: Call) -> Product:
    changes = call.view.parse(call.body)
    changes.pop("variants", None)
    return service.update(call.store, call.path["product_id"], changes, inline=changes.pop("inline", None))


def update_products(call: Call) -> list[Product]:
    items = call.body
    if len(items) > MAX_BATCH_UPDATE:
        raise PayloadTooLarge(max_items=MAX_BATCH_UPDATE)
    changes = [call.view.parse(item) for item in items]
    for change in changes:
        change.pop("variants", None)  # create-only
        change.pop("inline", None)  # sub-resources are not written through the batch
    return service.update_many(call.store, [(item["id"], change) for item, change in zip(items, changes, strict=True)])


def delete_product(call: Call) -> None:
    # Decision (upstream documents no error for deleteProduct): an unknown id answers 204, like the bulk delete.
    service.delete(call.store, call.path["product_id"])


def delete_products(call: Call) -> None:
    listing = call.view.listing(call, FILTERABLE, _converters(call))
    service.delete_matching(call.store, listing.conditions)


OPERATIONS = bindings(
    "v3",
    wire.VIEW_V3,
    scope="products",
    handlers={
        "getProducts": list_products,
        "getProduct": get_product,
        "createProduct": create_product,
        "updateProduct": update_product,
        "updateProducts": update_products,
        "deleteProduct": delete_product,
        "deleteProducts": delete_products,
    },
)


# --------------------------------------------------------------------------- v2: /v2/products[/{product_id}]


def count_products(call: Call) -> int:
    """``GET /v2/products/count``: how many products the list's filters match."""
    listing = call.view.listing(call, FILTERABLE, _converters(call))
    return call.view.page(service.find(call.store, listing.conditions), listing).total


def delete_all_products(call: Call) -> None:
    """``DELETE /v2/products``: v2 deletes every product when no filter is given (archived v2 products guide)."""
    for product_id in [product.id for product in service.find(call.store, [])]:
        service.delete(call.store, product_id)


OPERATIONS += bindings(
    "v2",
    wire_v2.VIEW_V2,
    scope="products",
    handlers={
        "getProducts": list_products,
        "getProductsCount": count_products,
        "getProduct": get_product,
        "createProduct": create_product,
        "updateProduct": update_product,
        "deleteProduct": delete_product,
        "deleteProducts": delete_all_products,
    },
)
