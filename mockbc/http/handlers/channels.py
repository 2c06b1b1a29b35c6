"""Channels: /v3/channels[/{channel_id}], its active theme, currency assignments, listings, site (and checkout
URL), menus and metafields, and the store-wide /v3/channels/currency-assignments and /v3/channels/metafields
(upstream channels.v3.yml)."""

from __future__ import annotations

from typing import Any

from mockbc.domain import errors as e
from mockbc.domain.channels import MAX_LISTINGS_LIMIT, Channel, ChannelMenus, CurrencyAssignment, Listing, Site
from mockbc.domain.metafields import CHANNEL, Metafield
from mockbc.domain.query import Page
from mockbc.http.operations import Binding, Handler, binding
from mockbc.presentation import channels as wire
from mockbc.presentation import metafields as metafield_wire
from mockbc.presentation.call import Batch, Call, View
from mockbc.presentation.params import conditions, date_converter
from mockbc.services import channels as service
from mockbc.services import metafields as metafield_service

CHANNEL_FILTERS = frozenset({"status", "type", "platform", "available", "date_created", "date_modified"})
LISTING_FILTERS = frozenset({"product_id", "date_created", "date_modified"})
METAFIELD_FILTERS = frozenset({"key", "namespace", "date_created", "date_modified"})
DATES = ("date_created", "date_modified")


def _dates(call: Call) -> dict[str, Any]:
    now = call.store.clock.now()  # a bare date takes the request's time of day, as on products
    return {name: date_converter(now) for name in DATES}


def _channel_id(call: Call) -> int:
    channel_id: int = call.path["channel_id"]
    return channel_id


# --------------------------------------------------------------------------- channels


def list_channels(call: Call) -> Page[Channel]:
    listing = call.view.listing(call, CHANNEL_FILTERS, _dates(call))
    return call.view.page(service.list_channels(call.store, listing.conditions), listing)


def get_channel(call: Call) -> Channel:
    return service.require(call.store, _channel_id(call))


def create_channel(call: Call) -> Channel:
    return service.create(call.store, call.view.parse(call.body))


def update_channel(call: Call) -> Channel:
    return service.update(call.store, _channel_id(call), call.view.parse(call.body))


def get_active_theme(call: Call) -> service.ActiveTheme:
    return service.active_theme(call.store, _channel_id(call))


# --------------------------------------------------------------------------- currency assignments


def all_currencies(call: Call) -> list[CurrencyAssignment]:
    return service.all_currencies(call.store)


def set_many_currencies(call: Call) -> list[CurrencyAssignment]:
    items = [(item["channel_id"], item["enabled_currencies"], item["default_currency"]) for item in call.body]
    return service.set_currencies(call.store, items, batch=True)


def get_currencies(call: Call) -> CurrencyAssignment:
    return service.currencies_of(call.store, _channel_id(call))


def set_currencies(call: Call) -> CurrencyAssignment:
    body = call.body
    (done,) = service.set_currencies(
        call.store, [(_channel_id(call), body["enabled_currencies"], body["default_currency"])], batch=False
    )
    return done


def delete_currencies(call: Call) -> int:
    return service.delete_currencies(call.store, _channel_id(call))


# --------------------------------------------------------------------------- listings


def list_listings(call: Call) -> wire.ListingsPage:
    limit = min(max(int(call.query.get("limit", MAX_LISTINGS_LIMIT)), 1), MAX_LISTINGS_LIMIT)
    found = service.listings_of(
        call.store,
        _channel_id(call),
        conditions(call.query, filterable=LISTING_FILTERS, converters=_dates(call)),
        after=int(call.query.get("after", 0)),
    )
    return wire.ListingsPage(found[:limit], len(found), limit)


def create_listings(call: Call) -> list[Listing]:
    return service.create_listings(call.store, _channel_id(call), [call.view.parse(item) for item in call.body])


def update_listings(call: Call) -> list[Listing]:
    return service.update_listings(call.store, _channel_id(call), [call.view.parse(item) for item in call.body])


def get_listing(call: Call) -> Listing:
    return service.get_listing(call.store, _channel_id(call), call.path["listing_id"])


# --------------------------------------------------------------------------- site


def _url(call: Call) -> str:
    body = call.body or {}
    if "url" not in body:
        raise e.invalid("body", "url", "missing")
    url: str = body["url"]
    return url


def get_site(call: Call) -> Site:
    return service.get_site(call.store, _channel_id(call))


def create_site(call: Call) -> Site:
    channel_id = _channel_id(call)
    named = (call.body or {}).get("channel_id", channel_id)
    if named != channel_id:
        raise e.invalid("payload", "channel_id", "site_channel_mismatch", id=channel_id)
    return service.create_site(call.store, channel_id, _url(call))


def update_site(call: Call) -> Site:
    return service.update_site(call.store, _channel_id(call), (call.body or {}).get("url"))


def delete_site(call: Call) -> None:
    service.delete_site(call.store, _channel_id(call))


def set_checkout_url(call: Call) -> Site:
    return service.set_checkout_url(call.store, _channel_id(call), _url(call))


def delete_checkout_url(call: Call) -> None:
    service.delete_checkout_url(call.store, _channel_id(call))


# --------------------------------------------------------------------------- menus


def get_menus(call: Call) -> ChannelMenus:
    return service.menus_of(call.store, _channel_id(call))


def set_menus(call: Call) -> ChannelMenus:
    sections = call.view.parse(call.body or {})
    return service.set_menus(call.store, _channel_id(call), sections["protected"], sections["custom"])


def delete_menus(call: Call) -> int:
    return service.delete_menus(call.store, _channel_id(call))


# --------------------------------------------------------------------------- metafields


def list_metafields(call: Call) -> Page[Metafield] | metafield_wire.CursorPage:
    channel_id = _channel_id(call)
    service.require(call.store, channel_id)
    listing = call.view.listing(call, METAFIELD_FILTERS, _dates(call))
    found = metafield_service.find(call.store, CHANNEL, call.client_id, listing.conditions, resource_id=channel_id)
    return metafield_wire.paged(call, found, listing)


def get_metafield(call: Call) -> Metafield:
    channel_id = _channel_id(call)
    service.require(call.store, channel_id)
    return metafield_service.get(call.store, CHANNEL, channel_id, call.path["metafield_id"], call.client_id)


def create_metafield(call: Call) -> Metafield:
    changes = call.view.parse(call.body)
    return metafield_service.create(call.store, CHANNEL, _channel_id(call), changes, call.client_id)


def update_metafield(call: Call) -> Metafield:
    changes = call.view.parse(call.body)
    return metafield_service.update(
        call.store, CHANNEL, _channel_id(call), call.path["metafield_id"], changes, call.client_id
    )


def delete_metafield(call: Call) -> None:
    metafield_service.delete(call.store, CHANNEL, _channel_id(call), call.path["metafield_id"], call.client_id)


def list_all_metafields(call: Call) -> Page[Metafield] | metafield_wire.CursorPage:
    listing = call.view.listing(call, METAFIELD_FILTERS, _dates(call))
    found = metafield_service.find(call.store, CHANNEL, call.client_id, listing.conditions)
    return metafield_wire.paged(call, found, listing)


def create_metafields(call: Call) -> Batch[Metafield]:
    items = [(item["resource_id"], call.view.parse(item)) for item in call.body]
    done, failures = metafield_service.create_many(call.store, CHANNEL, items, call.client_id)
    return Batch(done, failures, len(items))


def update_metafields(call: Call) -> Batch[Metafield]:
    items = [(item["id"], call.view.parse(item)) for item in call.body]
    done, failures = metafield_service.update_many(call.store, CHANNEL, items, call.client_id)
    return Batch(done, failures, len(items))


def delete_metafields(call: Call) -> Batch[int]:
    if call.body is None:
        raise e.BadRequest("empty")
    ids = list(call.body)
    done, failures = metafield_service.delete_many(call.store, CHANNEL, ids, call.client_id)
    return Batch(done, failures, len(ids))


def _bind(operation_id: str, handler: Handler, view: View, scope: str = "channel_settings") -> Binding:
    return binding("v3", operation_id, handler, view, scope=scope)


OPERATIONS = (
    _bind("getChannels", list_channels, wire.CHANNEL_VIEW),
    _bind("createChannel", create_channel, wire.CHANNEL_VIEW),
    _bind("getChannel", get_channel, wire.CHANNEL_VIEW),
    _bind("updateChannel", update_channel, wire.CHANNEL_VIEW),
    _bind("getChannelActiveTheme", get_active_theme, wire.THEME_VIEW),
    _bind("getAllCurrencyAssignments", all_currencies, wire.CURRENCIES_VIEW),
    _bind("createMultipleChannelsCurrencyAssignments", set_many_currencies, wire.CURRENCIES_VIEW),
    _bind("updateMultipleChannelsCurrencyAssignments", set_many_currencies, wire.CURRENCIES_VIEW),
    _bind("getSingleChannelCurrencyAssignments", get_currencies, wire.CURRENCIES_VIEW),
    _bind("createSingleChannelCurrencyAssignments", set_currencies, wire.CURRENCIES_VIEW),
    _bind("updateSingleChannelCurrencyAssignments", set_currencies, wire.CURRENCIES_VIEW),
    _bind("deleteSingleChannelCurrencyAssignments", delete_currencies, wire.ID_VIEW),
    _bind("getChannelListings", list_listings, wire.LISTINGS_VIEW, "channel_listings"),
    _bind("createChannelListings", create_listings, wire.LISTINGS_VIEW, "channel_listings"),
    _bind("updateChannelListings", update_listings, wire.LISTINGS_VIEW, "channel_listings"),
    _bind("getChannelListing", get_listing, wire.LISTINGS_VIEW, "channel_listings"),
    _bind("getChannelSite", get_site, wire.SITE_VIEW),
    _bind("createChannelSite", create_site, wire.SITE_VIEW),
    _bind("updateChannelSite", update_site, wire.SITE_VIEW),
    _bind("deleteChannelSite", delete_site, wire.EMPTY_VIEW),
    _bind("updateCheckoutUrl", set_checkout_url, wire.SITE_VIEW),
    _bind("deleteCheckoutUrl", delete_checkout_url, wire.EMPTY_VIEW),
    _bind("getChannelMenus", get_menus, wire.MENUS_VIEW),
    _bind("createChannelMenus", set_menus, wire.MENUS_VIEW),
    _bind("deleteChannelMenus", delete_menus, wire.ID_VIEW),
    _bind("getChannelMetafields", list_metafields, metafield_wire.OWNER),
    _bind("createChannelMetafield", create_metafield, metafield_wire.OWNER),
    _bind("getChannelMetafield", get_metafield, metafield_wire.OWNER),
    _bind("updateChannelMetafield", update_metafield, metafield_wire.OWNER),
    _bind("deleteChannelMetafield", delete_metafield, metafield_wire.OWNER),
    _bind("getChannelsMetafields", list_all_metafields, metafield_wire.STORE_LIST),
    _bind("createChannelsMetafields", create_metafields, wire.METAFIELDS_CREATE_FLAT),
    _bind("updateChannelsMetafields", update_metafields, metafield_wire.UPDATE_MANY),
    _bind("deleteChannelsMetafields", delete_metafields, metafield_wire.DELETE_MANY),
)
