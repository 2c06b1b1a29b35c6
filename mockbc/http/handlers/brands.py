"""Catalog brands: /v3/catalog/brands[/{brand_id}]."""

from __future__ import annotations

from mockbc.domain.brands import Brand
from mockbc.domain.errors import invalid
from mockbc.domain.query import Page
from mockbc.http.operations import bindings
from mockbc.presentation import brands as wire
from mockbc.presentation import brands_v2 as wire_v2
from mockbc.presentation.call import Call
from mockbc.services import brands as service

FILTERABLE = frozenset({"id", "name", "page_title"})


def list_brands(call: Call) -> Page[Brand]:
    listing = call.view.listing(call, FILTERABLE)
    return call.view.page(service.find(call.store, listing.conditions), listing)


def get_brand(call: Call) -> Brand:
    return service.get(call.store, call.path["brand_id"])


def create_brand(call: Call) -> Brand:
    return service.create(call.store, call.view.parse(call.body))


def update_brand(call: Call) -> Brand:
    return service.update(call.store, call.path["brand_id"], call.view.parse(call.body))


def delete_brand(call: Call) -> None:
    service.get(call.store, call.path["brand_id"])  # 404 for an unknown id (spec lists 404)
    service.delete(call.store, [call.path["brand_id"]])


def delete_brands(call: Call) -> None:
    # The name filter is required (upstream deleteBrands); the spec marks it so, this guards a blank one.
    if not call.query.get("name"):
        raise invalid("filter", "name", "missing")
    listing = call.view.listing(call, FILTERABLE)
    service.delete(call.store, [brand.id for brand in service.find(call.store, listing.conditions)])


OPERATIONS = bindings(
    "v3",
    wire.VIEW_V3,
    scope="products",
    handlers={
        "getBrands": list_brands,
        "getBrand": get_brand,
        "createBrand": create_brand,
        "updateBrand": update_brand,
        "deleteBrand": delete_brand,
        "deleteBrands": delete_brands,
    },
)


# --------------------------------------------------------------------------- v2: /v2/brands[/{brand_id}]


def count_brands(call: Call) -> int:
    """``GET /v2/brands/count``: how many brands the filters match."""
    listing = call.view.listing(call, FILTERABLE)
    return call.view.page(service.find(call.store, listing.conditions), listing).total


def delete_all_brands(call: Call) -> None:
    """``DELETE /v2/brands``: every brand goes; their products stay, without a brand (archived v2 brands spec)."""
    service.delete(call.store, [brand.id for brand in service.find(call.store, [])])


OPERATIONS += bindings(
    "v2",
    wire_v2.VIEW_V2,
    scope="products",
    handlers={
        "getBrands": list_brands,
        "getBrandsCount": count_brands,
        "getBrandById": get_brand,
        "createBrand": create_brand,
        "updateBrand": update_brand,
        "deleteBrand": delete_brand,
        "deleteBrands": delete_all_brands,
    },
)
