"""A category's product sort order: /v3/catalog/categories/{category_id}/products/sort-order."""

from __future__ import annotations

from mockbc.domain.category_sort import ProductPosition
from mockbc.domain.query import Page, paginate
from mockbc.http.operations import binding
from mockbc.presentation import category_sort as wire
from mockbc.presentation.call import Call
from mockbc.services import category_sort as service


def list_sort_orders(call: Call) -> Page[ProductPosition]:
    listing = call.view.listing(call, ())
    found = service.positions(call.store, call.path["category_id"])
    return paginate(found, page=listing.page, limit=listing.limit)


def update_sort_orders(call: Call) -> list[ProductPosition]:
    return service.set_positions(call.store, call.path["category_id"], wire.positions_from_v3(call.body))


OPERATIONS = (
    binding("v3", "getCategorySortOrders", list_sort_orders, wire.LIST_VIEW, scope="products"),
    binding("v3", "updateCategorySortOrders", update_sort_orders, wire.UPDATE_VIEW, scope="products"),
)
