"""Banners: /v2/banners[/{id}], /v2/banners/count (upstream marketing.v2.yml)."""

from __future__ import annotations

from mockbc.domain.banners import Banner
from mockbc.domain.query import Page
from mockbc.http.operations import bindings
from mockbc.presentation import banners_v2 as wire
from mockbc.presentation.call import Call
from mockbc.services import banners as service

FILTERABLE = frozenset(service.filters())


def list_banners(call: Call) -> Page[Banner]:
    listing = call.view.listing(call, FILTERABLE)
    return call.view.page(service.find(call.store, listing.conditions), listing)


def count_banners(call: Call) -> int:
    return len(call.store.banners)


def get_banner(call: Call) -> Banner:
    return service.get(call.store, call.path["id"])


def create_banner(call: Call) -> Banner:
    return service.create(call.store, call.view.parse(call.body))


def update_banner(call: Call) -> Banner:
    return service.update(call.store, call.path["id"], call.view.parse(call.body))


def delete_banner(call: Call) -> None:
    service.get(call.store, call.path["id"])  # 404 for an unknown id, as the other v2 resources answer
    service.delete(call.store, [call.path["id"]])


def delete_banners(call: Call) -> None:
    """``DELETE /v2/banners``: every banner (upstream deleteBanners takes no filter)."""
    service.delete(call.store, [banner.id for banner in service.find(call.store, [])])


OPERATIONS = bindings(
    "v2",
    wire.VIEW_V2,
    scope="marketing",
    handlers={
        "getBanners": list_banners,
        "getBannersCount": count_banners,
        "getBanner": get_banner,
        "createBanner": create_banner,
        "updateBanner": update_banner,
        "deleteBanner": delete_banner,
        "deleteBanners": delete_banners,
    },
)
