"""Carts on the v3 wire (upstream carts.v3.yml): the cart with its four kinds of line items,
money as numbers, the ``include=`` additions, redirect links and the cart settings.

A catalog item renders its chosen options only with ``include=line_items.physical_items.options``
(or ``...digital_items.options``), as upstream's carts answer an abbreviated item without it.
``include=redirect_urls`` adds fresh one-time links, as ``POST /carts/{cartId}/redirect_urls`` does.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from decimal import Decimal, localcontext
from typing import Any
from urllib.parse import urlencode

from mockbc.domain.carts import Cart, CartSettings, CustomItem, GiftCertificateItem
from mockbc.domain.errors import BadRequest
from mockbc.domain.metafields import Metafield
from mockbc.presentation import metafields, v3
from mockbc.presentation.call import Call, Rendered
from mockbc.presentation.wire import iso, select_fields
from mockbc.services import carts as service
from mockbc.services.carts import CartInput, ItemInput, PricedCart, PricedItem, RedirectUrls

PHYSICAL_OPTIONS = "line_items.physical_items.options"
DIGITAL_OPTIONS = "line_items.digital_items.options"


def money(value: Decimal) -> float | int:
    """A number on the wire: whole amounts as integers, others as floats of their cents."""
    with localcontext() as context:
        context.prec = 400  # room for any JSON number times any quantity
        rounded = value.quantize(Decimal("0.01"))
    whole = rounded == rounded.to_integral_value() and abs(rounded) < 2**53
    return int(rounded) if whole else float(rounded)


# --------------------------------------------------------------------------- request bodies


def _option_value(raw: Any) -> str:
    # A date or file selection arrives as an object (upstream createCart's date and file examples).
    return json.dumps(raw, sort_keys=True) if isinstance(raw, dict | list) else str(raw)


def _price(raw: Any) -> Decimal | None:
    return Decimal(str(raw)) if raw is not None else None


def _item(values: Mapping[str, Any], field: str) -> ItemInput:
    selections = tuple(
        (int(s["option_id"]), _option_value(s.get("option_value")))
        for s in values.get("option_selections") or ()
        if s.get("option_id") is not None
    )
    variant_id, product_id = values.get("variant_id"), values.get("product_id")
    return ItemInput(
        field=field, product_id=int(product_id) if product_id is not None else None, quantity=values.get("quantity"),
        variant_id=int(variant_id) if variant_id is not None else None, options=selections,
        list_price=_price(values.get("list_price")), name=values.get("name"),
    )  # fmt: skip


def cart_input(body: Mapping[str, Any]) -> CartInput:
    """The items of a create or add-items body the schema checked."""
    version = body.get("version")
    return CartInput(
        items=tuple(_item(v, f"line_items.{i}") for i, v in enumerate(body.get("line_items") or ())),
        custom_items=tuple(body.get("custom_items") or ()),
        gift_certificates=tuple(body.get("gift_certificates") or ()),
        version=int(version) if version is not None else None,
    )


def version_of(body: Any) -> int | None:
    version = body.get("version") if isinstance(body, Mapping) else None
    return int(version) if version is not None else None


# --------------------------------------------------------------------------- the cart


def _includes(call: Call) -> frozenset[str]:
    raw = call.query.get("include") or ()
    return frozenset(raw.split(",") if isinstance(raw, str) else raw)


def _catalog_item(line: PricedItem, base_url: str, *, options: bool, digital: bool) -> dict[str, Any]:
    item, product, variant = line.item, line.product, line.variant
    out: dict[str, Any] = {
        "id": item.id,
        "variant_id": item.variant_id,
        "product_id": item.product_id,
        "sku": (variant.sku if variant is not None and variant.sku else product.sku),
        "name": item.name or product.name,
        "url": f"{base_url}{product.custom_url.url}",
        "quantity": item.quantity,
        "taxable": True,
        "discounts": [],
        "coupons": [],
        "discount_amount": 0,
        "coupon_amount": 0,
        "original_price": money(line.original_price),
        "list_price": money(line.list_price),
        "sale_price": money(line.sale_price),
        "extended_list_price": money(line.extended_list_price),
        "extended_sale_price": money(line.extended_sale_price),
        "is_require_shipping": not digital,
        "is_mutable": True,
        "added_by_promotion": False,
    }
    if options:
        out["options"] = [
            {"name": o.display_name, "nameId": o.option_id, "value": o.display_value}
            | ({"valueId": int(o.value)} if o.value.isdigit() else {})
            for o in item.options
        ]
    return out


def _custom_item(item: CustomItem) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": item.id,
        "sku": item.sku,
        "name": item.name,
        "quantity": item.quantity,
        "list_price": money(item.list_price),
        "extended_list_price": money(item.list_price * item.quantity),
    }
    if item.image_url:
        out["image_url"] = item.image_url
    return out


def _gift_certificate(item: GiftCertificateItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "name": item.name,
        "theme": item.theme,
        "amount": money(item.amount),
        "quantity": item.quantity,
        "taxable": False,
        "sender": {"name": item.sender.name, "email": item.sender.email},
        "recipient": {"name": item.recipient.name, "email": item.recipient.email},
        "message": item.message,
    }


def redirect_links(urls: RedirectUrls, base_url: str) -> dict[str, str]:
    """The storefront links that load the cart, on the request's own host."""
    extra = f"&{urlencode(urls.query)}" if urls.query else ""
    ids = f"id={urls.cart_id}&token={urls.token}{extra}"
    return {
        "cart_url": f"{base_url}/cart.php?action=load&{ids}",
        "checkout_url": f"{base_url}/cart.php?action=loadInCheckout&{ids}",
        "embedded_checkout_url": f"{base_url}/cart.php?embedded=1&action=loadInCheckout&{ids}",
    }


def priced_to_v3(found: PricedCart, base_url: str, includes: frozenset[str] = frozenset()) -> dict[str, Any]:
    cart = found.cart
    return {
        "id": cart.id,
        "customer_id": cart.customer_id,
        "channel_id": cart.channel_id,
        "email": cart.email,
        "currency": {"code": cart.currency},
        "tax_included": False,
        "base_amount": money(found.base_amount),
        "discount_amount": money(found.discount_amount),
        "manual_discount_amount": 0,
        "cart_amount": money(found.cart_amount),
        "coupons": [{"code": code} for code in cart.coupons],
        "discounts": [],
        "line_items": {
            "physical_items": [
                _catalog_item(p, base_url, options=PHYSICAL_OPTIONS in includes, digital=False) for p in found.physical
            ],
            "digital_items": [
                _catalog_item(p, base_url, options=DIGITAL_OPTIONS in includes, digital=True) for p in found.digital
            ],
            "gift_certificates": [_gift_certificate(g) for g in cart.gift_certificates],
            "custom_items": [_custom_item(c) for c in cart.custom_items],
        },
        "created_time": iso(cart.created_time),
        "updated_time": iso(cart.updated_time),
        "locale": cart.locale,
        "version": cart.version,
    }


def to_v3(cart: Cart, call: Call) -> dict[str, Any]:
    includes = _includes(call)
    out = priced_to_v3(service.priced(call.store, cart), call.base_url, includes)
    if "promotions.banners" in includes:
        # No promotion banners are modelled for carts: upstream's banners object stays empty.
        out["promotions"] = {}
    return out


class CartView(v3.View):
    """A cart; ``include=redirect_urls`` adds ``data.redirect_urls``. ``None`` (the last item
    deleted, and the cart with it) answers 204."""

    def render(self, result: object, call: Call, status: int) -> Rendered:
        if result is None:
            return Rendered(204)
        rendered = super().render(result, call, status)
        if isinstance(result, Cart) and "redirect_urls" in _includes(call) and isinstance(rendered.body, dict):
            urls = service.redirect_urls(call.store, result.id)
            rendered.body["data"]["redirect_urls"] = redirect_links(urls, call.base_url)
        return rendered


def _no_body(body: Any) -> dict[str, Any]:
    if not isinstance(body, Mapping):
        raise BadRequest("empty")
    return dict(body)


CART = CartView("cart.v3", to_v3, _no_body)


def _redirect(urls: RedirectUrls, call: Call) -> dict[str, Any]:
    return redirect_links(urls, call.base_url)


REDIRECT = v3.View("cart.redirect.v3", _redirect, _no_body)


def settings_to_v3(found: CartSettings, call: Call) -> dict[str, Any]:
    return {"allow_purchasing": found.allow_purchasing}


SETTINGS = v3.View("cart.settings.v3", settings_to_v3, _no_body)


# --------------------------------------------------------------------------- cart metafields


def metafield_to_v3(metafield: Metafield) -> dict[str, Any]:
    # carts.v3.yml types a cart metafield's id as a string, where every other owner's is an integer.
    return {**metafields.to_v3(metafield), "id": str(metafield.id)}


def _metafield_item(always: frozenset[str]) -> Callable[[Metafield, Call], dict[str, Any]]:
    def item(metafield: Metafield, call: Call) -> dict[str, Any]:
        return select_fields(
            v3.cached(call, "cart.metafield.v3", metafield, metafield_to_v3),
            call.query.get("include_fields"),
            call.query.get("exclude_fields"),
            always=always,
        )

    return item


def _metafield_view(view: metafields.MetafieldView, always: frozenset[str]) -> metafields.MetafieldView:
    """The shared metafield view, rendering ids as strings (its own cache, as the records are the same)."""
    made = metafields.MetafieldView(
        f"cart.{view.name}", always, batch=view.batch, action=view.action,
        flat_batch_errors=view.flat_batch_errors, listed=view.listed,
    )  # fmt: skip
    made.item, made.whole = _metafield_item(always), metafield_to_v3
    return made


METAFIELD = _metafield_view(metafields.OWNER, metafields.OWNER_ALWAYS)
METAFIELDS = _metafield_view(metafields.STORE_LIST, metafields.STORE_ALWAYS)
CREATE_METAFIELDS = _metafield_view(metafields.CREATE_MANY, metafields.STORE_ALWAYS)
UPDATE_METAFIELDS = _metafield_view(metafields.UPDATE_MANY, metafields.STORE_ALWAYS)
DELETE_METAFIELDS = metafields.DELETE_MANY  # its data is the deleted ids, integers upstream too
