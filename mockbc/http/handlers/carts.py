"""Carts (upstream carts.v3.yml): /v3/carts, /v3/carts/{cartId}[/items[/{itemId}]],
/v3/carts/{cartId}/redirect_urls, /v3/carts/settings[/channels/{channel_id}], and cart metafields
/v3/carts/{cart_id}/metafields[/{metafield_id}] and /v3/carts/metafields."""

from __future__ import annotations

from typing import Any

from mockbc.domain.assignments import DEFAULT_CHANNEL_ID
from mockbc.domain.carts import GLOBAL_SETTINGS, Cart, CartSettings
from mockbc.domain.errors import Invalid, Problem
from mockbc.domain.metafields import CART, Metafield
from mockbc.domain.query import Page
from mockbc.http.operations import Binding, binding
from mockbc.presentation import carts as wire
from mockbc.presentation import metafields as metafield_wire
from mockbc.presentation.call import Batch, Call
from mockbc.presentation.params import date_converter
from mockbc.services import carts as service
from mockbc.services import metafields as metafield_service
from mockbc.services.carts import RedirectUrls


def create_cart(call: Call) -> Cart:
    body = call.body
    currency = (body.get("currency") or {}).get("code")
    return service.create(
        call.store, wire.cart_input(body), customer_id=body.get("customer_id") or 0,
        channel_id=body.get("channel_id") or DEFAULT_CHANNEL_ID, currency=currency, locale=body.get("locale"),
    )  # fmt: skip


def get_cart(call: Call) -> Cart:
    return service.get(call.store, call.path["cartId"])


def update_cart(call: Call) -> Cart:
    body = call.body
    if "customer_id" not in body:
        raise Invalid("cart", (Problem("customer_id", "missing"),))
    return service.update(
        call.store, call.path["cartId"], customer_id=body["customer_id"], version=wire.version_of(body)
    )


def delete_cart(call: Call) -> None:
    service.delete(call.store, call.path["cartId"])


def add_items(call: Call) -> Cart:
    return service.add_items(call.store, call.path["cartId"], wire.cart_input(call.body))


def update_item(call: Call) -> Cart:
    body = call.body
    gifts = body.get("gift_certificates")
    return service.update_item(
        call.store, call.path["cartId"], call.path["itemId"], line_item=body.get("line_item"),
        gift_certificate=gifts[0] if gifts else None, version=wire.version_of(body),
    )  # fmt: skip


def delete_item(call: Call) -> Cart | None:
    return service.delete_item(call.store, call.path["cartId"], call.path["itemId"])


def create_redirect(call: Call) -> RedirectUrls:
    body = call.body if isinstance(call.body, dict) else {}
    return service.redirect_urls(call.store, call.path["cartId"], body.get("query_params"))


def get_settings(call: Call) -> CartSettings:
    return service.settings(call.store, GLOBAL_SETTINGS)


def update_settings(call: Call) -> CartSettings:
    return service.update_settings(call.store, GLOBAL_SETTINGS, call.body)


def get_channel_settings(call: Call) -> CartSettings:
    return service.settings(call.store, call.path["channel_id"])


def update_channel_settings(call: Call) -> CartSettings:
    return service.update_settings(call.store, call.path["channel_id"], call.body)


# --------------------------------------------------------------------------- metafields

FILTERABLE = frozenset({"id", "key", "namespace", "date_created", "date_modified"})


DATE_FILTERS = ("date_created", "date_modified")


def _converters(call: Call) -> dict[str, Any]:
    if not any(key.startswith(DATE_FILTERS) for key in call.query):
        return {}
    now = call.store.clock.now()  # a bare date takes the request's time of day, as on the other metafields
    return {name: date_converter(now) for name in DATE_FILTERS}


def list_metafields(call: Call) -> Page[Metafield] | metafield_wire.CursorPage:
    cart_id = call.path["cart_id"]
    metafield_service.check_owner(call.store, CART, cart_id)
    listing = call.view.listing(call, FILTERABLE, _converters(call))
    found = metafield_service.find(call.store, CART, call.client_id, listing.conditions, resource_id=cart_id)
    return metafield_wire.paged(call, found, listing)


def get_metafield(call: Call) -> Metafield:
    cart_id = call.path["cart_id"]
    metafield_service.check_owner(call.store, CART, cart_id)
    return metafield_service.get(call.store, CART, cart_id, call.path["metafield_id"], call.client_id)


def create_metafield(call: Call) -> Metafield:
    changes = call.view.parse(call.body)
    return metafield_service.create(call.store, CART, call.path["cart_id"], changes, call.client_id)


def update_metafield(call: Call) -> Metafield:
    changes = call.view.parse(call.body)
    return metafield_service.update(
        call.store, CART, call.path["cart_id"], call.path["metafield_id"], changes, call.client_id
    )


def delete_metafield(call: Call) -> None:
    metafield_service.delete(call.store, CART, call.path["cart_id"], call.path["metafield_id"], call.client_id)


def list_all_metafields(call: Call) -> Page[Metafield] | metafield_wire.CursorPage:
    listing = call.view.listing(call, FILTERABLE, _converters(call))
    found = metafield_service.find(call.store, CART, call.client_id, listing.conditions)
    return metafield_wire.paged(call, found, listing)


def create_metafields(call: Call) -> Batch[Metafield]:
    items: list[tuple[int | str, Any]] = [(item["resource_id"], call.view.parse(item)) for item in call.body]
    done, failures = metafield_service.create_many(call.store, CART, items, call.client_id)
    return Batch(done, failures, len(items))


def _metafield_id(raw: str) -> int:
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 19 else 0


def update_metafields(call: Call) -> Batch[Metafield]:
    # carts.v3.yml types the ids as strings; one that is no metafield id is refused as unknown.
    items = [(_metafield_id(item["id"]), call.view.parse(item)) for item in call.body]
    done, failures = metafield_service.update_many(call.store, CART, items, call.client_id)
    return Batch(done, failures, len(items))


def delete_metafields(call: Call) -> Batch[int]:
    ids = list(call.body)
    done, failures = metafield_service.delete_many(call.store, CART, ids, call.client_id)
    return Batch(done, failures, len(ids))


def _bindings() -> tuple[Binding, ...]:
    cart = (
        ("createCart", create_cart, wire.CART),
        ("getCart", get_cart, wire.CART),
        ("updateCart", update_cart, wire.CART),
        ("deleteCart", delete_cart, wire.CART),
        ("addCartLineItems", add_items, wire.CART),
        ("updateCartLineItem", update_item, wire.CART),
        ("deleteCartLineItem", delete_item, wire.CART),
        ("createCartRedirectURL", create_redirect, wire.REDIRECT),
        ("getGlobalCartSettings", get_settings, wire.SETTINGS),
        ("updateGlobalCartSettings", update_settings, wire.SETTINGS),
        ("getChannelCartSettings", get_channel_settings, wire.SETTINGS),
        ("updateChannelCartSettings", update_channel_settings, wire.SETTINGS),
        ("getCartMetafields", list_metafields, wire.METAFIELD),
        ("createCartMetafield", create_metafield, wire.METAFIELD),
        ("getCartMetafield", get_metafield, wire.METAFIELD),
        ("updateCartMetafield", update_metafield, wire.METAFIELD),
        ("deleteCartMetafield", delete_metafield, wire.METAFIELD),
        ("getCartsMetafields", list_all_metafields, wire.METAFIELDS),
        ("createCartsMetafields", create_metafields, wire.CREATE_METAFIELDS),
        ("updateCartsMetafields", update_metafields, wire.UPDATE_METAFIELDS),
        ("deleteCartsMetafields", delete_metafields, wire.DELETE_METAFIELDS),
    )
    return tuple(binding("v3", op_id, handler, view, scope="carts") for op_id, handler, view in cart)


OPERATIONS = _bindings()
