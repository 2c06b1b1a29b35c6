"""Legacy coupons: /v2/coupons[/{id}], /v2/coupons/count (upstream marketing.v2.yml)."""

from __future__ import annotations

from mockbc.domain.coupons import Coupon
from mockbc.domain.query import Page
from mockbc.http.operations import bindings
from mockbc.presentation import coupons_v2 as wire
from mockbc.presentation.call import Call
from mockbc.services import coupons as service

FILTERABLE = frozenset(service.filters())


def list_coupons(call: Call) -> Page[Coupon]:
    listing = call.view.listing(call, FILTERABLE)
    return call.view.page(service.find(call.store, listing.conditions), listing)


def count_coupons(call: Call) -> int:
    """``GET /v2/coupons/count``: every coupon of the store (upstream declares no filters here)."""
    return len(call.store.coupons)


def create_coupon(call: Call) -> Coupon:
    return service.create(call.store, call.view.parse(call.body))


def update_coupon(call: Call) -> Coupon:
    return service.update(call.store, call.path["id"], call.view.parse(call.body))


def delete_coupon(call: Call) -> None:
    service.get(call.store, call.path["id"])  # 404 for an unknown id, as the other v2 resources answer
    service.delete(call.store, [call.path["id"]])


def delete_coupons(call: Call) -> None:
    """``DELETE /v2/coupons``: the coupons ``id:in`` names, or every coupon without it (upstream deleteCoupons)."""
    listing = call.view.listing(call, FILTERABLE)
    service.delete(call.store, [coupon.id for coupon in service.find(call.store, listing.conditions)])


OPERATIONS = bindings(
    "v2",
    wire.VIEW_V2,
    scope="marketing",
    handlers={
        "getCoupons": list_coupons,
        "getCouponsCount": count_coupons,
        "createCoupon": create_coupon,
        "updateCoupon": update_coupon,
        "deleteCoupon": delete_coupon,
        "deleteCoupons": delete_coupons,
    },
)
