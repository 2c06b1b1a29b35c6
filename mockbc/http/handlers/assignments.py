"""Product channel and category assignments: /v3/catalog/products/channel-assignments and
/v3/catalog/products/category-assignments."""

from __future__ import annotations

from mockbc.domain.assignments import CategoryAssignment, ChannelAssignment
from mockbc.domain.query import Page, paginate
from mockbc.http.operations import bindings
from mockbc.presentation import assignments as wire
from mockbc.presentation.call import Call
from mockbc.services import assignments as service

CHANNEL_FILTERABLE = frozenset({"product_id", "channel_id"})
CATEGORY_FILTERABLE = frozenset({"product_id", "category_id"})


def list_channel_assignments(call: Call) -> Page[ChannelAssignment]:
    # Upstream documents no sort or direction here: pairs come by product id, then channel id.
    listing = call.view.listing(call, CHANNEL_FILTERABLE)
    found = service.channel_assignments(call.store, listing.conditions)
    return paginate(found, page=listing.page, limit=listing.limit)


def assign_channels(call: Call) -> None:
    service.assign_channels(call.store, wire.channels_from_v3(call.body))


def unassign_channels(call: Call) -> None:
    service.unassign_channels(call.store, call.view.listing(call, CHANNEL_FILTERABLE).conditions)


def list_category_assignments(call: Call) -> Page[CategoryAssignment]:
    listing = call.view.listing(call, CATEGORY_FILTERABLE)
    found = service.category_assignments(call.store, listing.conditions)
    return paginate(found, page=listing.page, limit=listing.limit)


def assign_categories(call: Call) -> None:
    service.assign_categories(call.store, wire.categories_from_v3(call.body))


def unassign_categories(call: Call) -> None:
    service.unassign_categories(call.store, call.view.listing(call, CATEGORY_FILTERABLE).conditions)


OPERATIONS = bindings(
    "v3",
    wire.CHANNELS_VIEW,
    scope="products",
    handlers={
        "getProductsChannelAssignments": list_channel_assignments,
        "createProductsChannelAssignments": assign_channels,
        "deleteProductsChannelAssignments": unassign_channels,
    },
) + bindings(
    "v3",
    wire.CATEGORIES_VIEW,
    scope="products",
    handlers={
        "getProductsCategoryAssignments": list_category_assignments,
        "createProductsCategoryAssignments": assign_categories,
        "deleteProductsCategoryAssignments": unassign_categories,
    },
)
