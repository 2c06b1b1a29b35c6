"""Create, read, change and delete carts (upstream carts.v3.yml), and price them from the catalog.

A catalog item names its variant (given, found from the option selections, or the product's
base variant) through the order service's resolution, so carts and orders read options the
same way. Prices are not stored: ``priced`` works them out from the catalog on every read
(the variant's price else the product's, the sale price, the chosen modifier values'
adjusters, the product's bulk pricing rule for the quantity), so a catalog price change shows
in the cart at once. Carts hold no stock: an item over the tracked inventory level is refused
(409), and stock moves only when an order is placed. Every check runs before the first write;
a refused request changes nothing.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from mockbc.domain.assignments import DEFAULT_CHANNEL_ID
from mockbc.domain.carts import (
    DEFAULT_CURRENCY,
    DEFAULT_LOCALE,
    GLOBAL_SETTINGS,
    Cart,
    CartSettings,
    CatalogItem,
    Contact,
    CustomItem,
    GiftCertificateItem,
)
from mockbc.domain.errors import Conflict, Invalid, NotFound, Problem
from mockbc.domain.orders import ZERO, LineOption, cents
from mockbc.domain.products import Product
from mockbc.domain.variants import Variant
from mockbc.services import bulk_pricing as bulk_pricing_service
from mockbc.services import channels as channel_service
from mockbc.services import orders as order_service
from mockbc.services.customer_common import get_customer
from mockbc.store.store import Store

MAX_QUANTITY = 2**31 - 1  # a line's quantity is a 32-bit integer
MAX_PRICE = 9999999999  # the catalog's price limit (products_catalog.v3.yml), for prices a request gives

# --------------------------------------------------------------------------- what a request asks for


@dataclass(frozen=True, slots=True)
class ItemInput:
    """One catalog item of a body; ``field`` is where it sits (``line_items.0``), for the errors."""

    field: str
    product_id: int | None
    quantity: Any
    variant_id: int | None = None
    options: tuple[tuple[int, str], ...] = ()
    list_price: Decimal | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class CartInput:
    items: tuple[ItemInput, ...] = ()
    custom_items: tuple[Mapping[str, Any], ...] = ()
    gift_certificates: tuple[Mapping[str, Any], ...] = ()
    version: int | None = None


CENT = Decimal("0.01")

# --------------------------------------------------------------------------- prices


@dataclass(frozen=True, slots=True)
class PricedItem:
    item: CatalogItem
    product: Product
    variant: Variant | None
    original_price: Decimal
    list_price: Decimal
    sale_price: Decimal

    @property
    def extended_list_price(self) -> Decimal:
        return self.list_price * self.item.quantity

    @property
    def extended_sale_price(self) -> Decimal:
        return self.sale_price * self.item.quantity


@dataclass(frozen=True, slots=True)
class PricedCart:
    cart: Cart
    physical: tuple[PricedItem, ...]
    digital: tuple[PricedItem, ...]
    base_amount: Decimal
    discount_amount: Decimal
    cart_amount: Decimal

    @property
    def id(self) -> str:
        return self.cart.id


def _dec(value: float | None) -> Decimal:
    return Decimal(str(value)) if value is not None else ZERO


def _adjusted(store: Store, item: CatalogItem, price: Decimal) -> Decimal:
    """The chosen modifier values move the price: by an amount (``relative``) or a share (``percentage``)."""
    for option in item.options:
        modifier = store.modifiers.get(option.option_id)
        if modifier is None or modifier.product_id != item.product_id:
            continue
        picked = next((v for v in modifier.option_values if str(v.id) == option.value), None)
        adjuster = picked.adjusters.price if picked is not None else None
        if adjuster is None or adjuster.adjuster is None:
            continue
        amount = Decimal(str(adjuster.adjuster_value))
        price += amount if adjuster.adjuster == "relative" else cents(price * amount / 100)
    return max(price, ZERO)


def _bulk(store: Store, product_id: int, quantity: int, price: Decimal) -> Decimal:
    """The product's bulk pricing rule for this quantity: an amount off (``price``), a share off
    (``percent``) or a unit price (``fixed``)."""
    for rule in bulk_pricing_service.of_product(store, product_id):
        if rule.quantity_min <= quantity and (rule.quantity_max == 0 or quantity <= rule.quantity_max):
            amount = Decimal(str(rule.amount))
            if rule.type == "price":
                return max(price - amount, ZERO)
            if rule.type == "percent":
                return max(cents(price * (100 - amount) / 100), ZERO)
            return max(amount, ZERO)
    return price


def price_item(store: Store, item: CatalogItem) -> PricedItem | None:
    """The item priced from the catalog today; ``None`` once its product is gone."""
    product: Product | None = store.products.get(item.product_id)
    if product is None:
        return None
    variant: Variant | None = store.variants.get(item.variant_id) if item.variant_id else None
    if variant is not None and variant.product_id != product.id:
        variant = None
    original = _dec(variant.price if variant is not None and variant.price is not None else product.price)
    if variant is not None and variant.sale_price is not None and variant.sale_price > 0:
        sale = _dec(variant.sale_price)
    elif variant is not None and variant.price is not None:
        sale = original
    elif product.sale_price and product.sale_price > 0:
        sale = _dec(product.sale_price)
    else:
        sale = original
    if item.list_price is not None:
        # A price given by the request replaces the catalog's (upstream addCartLineItems).
        listed = sale = item.list_price
    else:
        listed = _adjusted(store, item, original)
        sale = _adjusted(store, item, sale)
    sale = _bulk(store, product.id, item.quantity, sale)
    # Decision: a unit price is charged in whole cents (half up) once adjusters and bulk pricing are
    # applied, so a line is its unit price times its quantity and the cart the sum of its lines.
    return PricedItem(item, product, variant, original, _cents(listed), _cents(sale))


def _cents(amount: Decimal) -> Decimal:
    cents = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    return cents if cents != cents.to_integral_value() else cents.quantize(Decimal(1))  # 40, not 40.00


def priced(store: Store, cart: Cart) -> PricedCart:
    lines = [p for p in (price_item(store, item) for item in _live(store, cart.items)) if p is not None]
    physical = tuple(p for p in lines if p.product.type != "digital")
    digital = tuple(p for p in lines if p.product.type == "digital")
    base = sum((p.extended_sale_price for p in lines), ZERO)
    base += sum((c.list_price * c.quantity for c in cart.custom_items), ZERO)
    base += sum((g.amount * g.quantity for g in cart.gift_certificates), ZERO)
    discount = ZERO
    return PricedCart(cart, physical, digital, base, discount, base - discount)


# --------------------------------------------------------------------------- reading


def check_channel(store: Store, channel_id: int) -> None:
    """The channel must exist."""
    if channel_service.find(store, channel_id) is None:
        raise Invalid("cart", (Problem("channel_id", "cart_channel_missing", {"id": channel_id}),))


def get(store: Store, cart_id: str) -> Cart:
    """The cart, unless it is unknown or has expired (30 days after its last change): 404."""
    cart: Cart | None = store.carts.get(cart_id)
    if cart is None or store.clock.now() >= cart.expires_at:
        raise NotFound("cart", cart_id)
    return cart


# --------------------------------------------------------------------------- checks


def _check_version(cart: Cart, version: int | None) -> None:
    if version is not None and version != cart.version:
        raise Conflict(
            "cart_version", (Problem("version", "cart_version_stale", {"given": version, "current": cart.version}),)
        )


def _quantity(value: Any, where: str, problems: list[Problem]) -> int | None:
    if value is None:
        problems.append(Problem(f"{where}.quantity", "missing"))
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        problems.append(Problem(f"{where}.quantity", "type", {"types": ["integer"]}))
        return None
    if value < 1:
        problems.append(Problem(f"{where}.quantity", "order_quantity", {"limit": 1}))
        return None
    if value > MAX_QUANTITY:
        problems.append(Problem(f"{where}.quantity", "maximum", {"limit": MAX_QUANTITY}))
        return None
    return int(value)


def _required_modifiers(store: Store, product: Product, options: Sequence[LineOption], where: str) -> list[Problem]:
    chosen = {o.option_id for o in options}
    return [
        Problem(f"{where}.option_selections", "cart_option_required", {"id": m.id, "name": m.display_name})
        for m in store.modifiers.many(store.modifiers.lookup("product_id", product.id))
        if m.required and m.id not in chosen
    ]


def _resolve(store: Store, wanted: ItemInput, problems: list[Problem]) -> CatalogItem | None:
    """The catalog item a body item names, through the order service's variant resolution."""
    where = wanted.field
    quantity = _quantity(wanted.quantity, where, problems)
    if wanted.list_price is not None and not 0 <= wanted.list_price <= MAX_PRICE:
        limit = {"limit": 0 if wanted.list_price < 0 else MAX_PRICE}
        problems.append(Problem(f"{where}.list_price", "minimum" if wanted.list_price < 0 else "maximum", limit))
        return None
    if wanted.product_id is None:
        problems.append(Problem(f"{where}.product_id", "missing"))
        return None
    product: Product | None = store.products.get(wanted.product_id)
    if product is None:
        problems.append(Problem(f"{where}.product_id", "order_product_missing", {"id": wanted.product_id}))
        return None
    plan = order_service._Plan()
    line = order_service.LineInput(
        field=where, product_id=product.id, variant_id=wanted.variant_id, options=wanted.options or None
    )
    resolved = order_service._resolve_variant(store, product, line, plan)
    # The order service names the selections ``product_options``; a cart body calls them ``option_selections``.
    problems.extend(replace(p, field=p.field.replace(".product_options", ".option_selections")) for p in plan.problems)
    if resolved is None or quantity is None:
        return None
    variant, options = resolved
    missing = _required_modifiers(store, product, options, where)
    if missing:
        problems.extend(missing)
        return None
    return CatalogItem(
        id=str(uuid.uuid4()), product_id=product.id, variant_id=variant.id if variant is not None else 0,
        quantity=quantity, options=options, name=wanted.name, list_price=wanted.list_price,
    )  # fmt: skip


def _live(store: Store, items: Sequence[CatalogItem]) -> list[CatalogItem]:
    """The items whose product (and variant) still exist: the others leave the cart with their next change."""
    return [
        i for i in items
        if i.product_id in store.products and (not i.variant_id or i.variant_id in store.variants)
    ]  # fmt: skip


def _same_choice(a: CatalogItem, b: CatalogItem) -> bool:
    return (a.product_id, a.variant_id, a.options, a.list_price) == (
        b.product_id,
        b.variant_id,
        b.options,
        b.list_price,
    )


def _check_purchasable(store: Store, items: Sequence[CatalogItem], fields: Mapping[str, str]) -> None:
    """Every item can be bought (the product visible and available, the variant not disabled) and
    the cart asks no more of a tracked product or variant than is in stock. 409 otherwise."""
    problems: list[Problem] = []
    units: dict[tuple[str, int], int] = {}
    first: dict[tuple[str, int], str] = {}
    for item in items:
        product: Product = store.products.require(item.product_id)
        variant: Variant | None = store.variants.get(item.variant_id) if item.variant_id else None
        where = fields.get(item.id)
        if where is None:
            continue  # an item already in the cart, untouched: only its stock counts below
        if not product.is_visible or product.availability == "disabled":
            problems.append(Problem(f"{where}.product_id", "cart_not_purchasable", {"id": product.id}))
            continue
        if variant is not None and variant.purchasing_disabled:
            problems.append(Problem(f"{where}.variant_id", "cart_variant_disabled", {"id": variant.id}))
            continue
    for item in items:
        product = store.products.require(item.product_id)
        if product.inventory_tracking == "product":
            key = ("product", product.id)
        elif product.inventory_tracking == "variant" and item.variant_id:
            key = ("variant", item.variant_id)
        else:
            continue
        units[key] = units.get(key, 0) + item.quantity
        where = fields.get(item.id)
        if where is not None:
            first.setdefault(key, where)
    for key, wanted in units.items():
        if key not in first:
            continue
        kind, record_id = key
        if kind == "product":
            product = store.products.require(record_id)
            level, name = product.inventory_level, product.name
        else:
            variant = store.variants.require(record_id)
            product = store.products.require(variant.product_id)
            level, name = variant.inventory_level, f"{product.name} ({variant.sku})" if variant.sku else product.name
        if wanted > level:
            problems.append(
                Problem(
                    f"{first[key]}.quantity",
                    "insufficient_stock",
                    {"name": name, "available": level, "requested": wanted},
                )
            )
    if problems:
        raise Conflict("cart_item", tuple(problems))


def _custom(values: Mapping[str, Any], where: str, problems: list[Problem]) -> CustomItem | None:
    quantity = _quantity(values.get("quantity"), where, problems)
    name, price = values.get("name"), values.get("list_price")
    if name is None:
        problems.append(Problem(f"{where}.name", "missing"))
    if price is None:
        problems.append(Problem(f"{where}.list_price", "missing"))
    elif price < 0:
        problems.append(Problem(f"{where}.list_price", "minimum", {"limit": 0}))
    elif price > MAX_PRICE:
        problems.append(Problem(f"{where}.list_price", "maximum", {"limit": MAX_PRICE}))
    if quantity is None or name is None or price is None or not 0 <= price <= MAX_PRICE:
        return None
    return CustomItem(
        id=str(uuid.uuid4()), sku=values.get("sku") or "", name=name, quantity=quantity,
        list_price=Decimal(str(price)), image_url=values.get("image_url") or "",
    )  # fmt: skip


def _gift_certificate(values: Mapping[str, Any]) -> GiftCertificateItem:
    """A gift certificate the schema checked (name, theme, amount 1 to 1000, quantity, sender, recipient)."""
    sender, recipient = values.get("sender") or {}, values.get("recipient") or {}
    return GiftCertificateItem(
        id=str(uuid.uuid4()), name=values["name"], theme=values["theme"], amount=Decimal(str(values["amount"])),
        quantity=int(values["quantity"]), sender=Contact(sender.get("name", ""), sender.get("email", "")),
        recipient=Contact(recipient.get("name", ""), recipient.get("email", "")), message=values.get("message", ""),
    )  # fmt: skip


def _added(store: Store, cart_items: Sequence[CatalogItem], request: CartInput) -> tuple[
    tuple[CatalogItem, ...], tuple[CustomItem, ...], tuple[GiftCertificateItem, ...]
]:  # fmt: skip
    """The cart's catalog items with the request's merged in (the same choice again adds to its
    quantity), and the new custom items and gift certificates; every check run, nothing written."""
    problems: list[Problem] = []
    items = _live(store, cart_items)
    touched: dict[str, str] = {}
    for wanted in request.items:
        item = _resolve(store, wanted, problems)
        if item is None:
            continue
        at = next((i for i, old in enumerate(items) if _same_choice(old, item)), None)
        if at is None:
            items.append(item)
            touched[item.id] = wanted.field
        else:
            items[at] = replace(items[at], quantity=items[at].quantity + item.quantity)
            touched.setdefault(items[at].id, wanted.field)
    custom = [_custom(values, f"custom_items.{i}", problems) for i, values in enumerate(request.custom_items)]
    if problems:
        raise Invalid("cart", tuple(problems))
    _check_purchasable(store, items, touched)
    gifts = tuple(_gift_certificate(values) for values in request.gift_certificates)
    return tuple(items), tuple(c for c in custom if c is not None), gifts


# --------------------------------------------------------------------------- writing


def _save(store: Store, cart: Cart) -> Cart:
    store.carts.put(cart.id, cart)
    return cart


def create(
    store: Store,
    request: CartInput,
    *,
    customer_id: int = 0,
    channel_id: int = DEFAULT_CHANNEL_ID,
    currency: str | None = None,
    locale: str | None = None,
) -> Cart:
    if not (request.items or request.custom_items or request.gift_certificates):
        raise Invalid("cart", (Problem("line_items", "cart_items_required"),))
    check_channel(store, channel_id)
    if customer_id:
        try:
            get_customer(store, customer_id)
        except NotFound:
            raise Invalid("cart", (Problem("customer_id", "order_customer_missing", {"id": customer_id}),)) from None
    items, custom, gifts = _added(store, (), request)
    now = store.clock.now()
    cart = Cart(
        id=str(uuid.uuid4()), customer_id=customer_id, channel_id=channel_id,
        currency=(currency or DEFAULT_CURRENCY).upper(), locale=locale or DEFAULT_LOCALE, version=1,
        created_time=now, updated_time=now, items=items, custom_items=custom, gift_certificates=gifts,
    )  # fmt: skip
    return _save(store, cart)


def _changed(store: Store, cart: Cart, **changes: Any) -> Cart:
    return _save(store, replace(cart, **changes, version=cart.version + 1, updated_time=store.clock.now()))


def change_currency_or_locale(
    store: Store, cart: Cart, *, currency: str | None = None, locale: str | None = None
) -> Cart:
    """The cart with its currency or locale changed (the caller checked both); one version more."""
    changes = {k: v for k, v in (("currency", currency), ("locale", locale)) if v is not None}
    return _changed(store, cart, **changes) if changes else cart


def add_items(store: Store, cart_id: str, request: CartInput) -> Cart:
    cart = get(store, cart_id)
    _check_version(cart, request.version)
    if not (request.items or request.custom_items or request.gift_certificates):
        raise Invalid("cart", (Problem("line_items", "cart_items_required"),))
    items, custom, gifts = _added(store, cart.items, request)
    return _changed(
        store,
        cart,
        items=items,
        custom_items=cart.custom_items + custom,
        gift_certificates=cart.gift_certificates + gifts,
    )


def update_item(
    store: Store,
    cart_id: str,
    item_id: str,
    *,
    line_item: Mapping[str, Any] | None = None,
    gift_certificate: Mapping[str, Any] | None = None,
    version: int | None = None,
) -> Cart:
    """A catalog item's quantity and list price, or a gift certificate; custom items cannot be
    changed (upstream updateCartLineItem: delete and add one instead)."""
    cart = get(store, cart_id)
    _check_version(cart, version)
    item = next((i for i in cart.items if i.id == item_id), None)
    if item is not None:
        if line_item is None:
            raise Invalid("cart", (Problem("line_item", "missing"),))
        problems: list[Problem] = []
        if line_item.get("product_id") != item.product_id:
            problems.append(Problem("line_item.product_id", "cart_item_product", {"id": item.product_id}))
        variant_id = line_item.get("variant_id")
        if variant_id is not None and variant_id != item.variant_id:
            problems.append(Problem("line_item.variant_id", "cart_item_variant", {"id": item.variant_id}))
        quantity = _quantity(line_item.get("quantity"), "line_item", problems)
        if problems or quantity is None:
            raise Invalid("cart", tuple(problems))
        price = line_item.get("list_price")
        if price is not None and not 0 <= price <= MAX_PRICE:
            rule, limit = ("minimum", 0) if price < 0 else ("maximum", MAX_PRICE)
            raise Invalid("cart", (Problem("line_item.list_price", rule, {"limit": limit}),))
        updated = replace(
            item, quantity=quantity, list_price=Decimal(str(price)) if price is not None else item.list_price
        )
        items = tuple(updated if i.id == item_id else i for i in _live(store, cart.items))
        if not any(i.id == item_id for i in items):
            raise NotFound("cart item", item_id)  # its product is gone
        _check_purchasable(store, items, {item_id: "line_item"})
        return _changed(store, cart, items=items)
    gift = next((g for g in cart.gift_certificates if g.id == item_id), None)
    if gift is not None:
        if gift_certificate is None:
            raise Invalid("cart", (Problem("gift_certificates", "missing"),))
        new = replace(_gift_certificate(gift_certificate), id=gift.id)
        return _changed(
            store, cart, gift_certificates=tuple(new if g.id == item_id else g for g in cart.gift_certificates)
        )
    if any(c.id == item_id for c in cart.custom_items):
        raise Invalid("cart", (Problem("custom_items", "cart_custom_item_fixed"),))
    raise NotFound("cart item", item_id)


def delete_item(store: Store, cart_id: str, item_id: str, *, version: int | None = None) -> Cart | None:
    """The cart without the item; ``None`` when it was the last one, which deletes the cart (upstream deleteCartLineItem)."""
    cart = get(store, cart_id)
    _check_version(cart, version)
    items = tuple(i for i in cart.items if i.id != item_id)
    custom = tuple(c for c in cart.custom_items if c.id != item_id)
    gifts = tuple(g for g in cart.gift_certificates if g.id != item_id)
    if len(items) + len(custom) + len(gifts) == len(cart.items) + len(cart.custom_items) + len(cart.gift_certificates):
        raise NotFound("cart item", item_id)
    if not (items or custom or gifts):
        store.delete("carts", [cart.id])  # its checkout goes with it
        return None
    return _changed(store, cart, items=items, custom_items=custom, gift_certificates=gifts)


def update(store: Store, cart_id: str, *, customer_id: int, version: int | None = None) -> Cart:
    """The cart's customer (upstream updateCart: the only field it changes)."""
    cart = get(store, cart_id)
    _check_version(cart, version)
    if customer_id:
        try:
            get_customer(store, customer_id)
        except NotFound:
            raise Invalid("cart", (Problem("customer_id", "order_customer_missing", {"id": customer_id}),)) from None
    return _changed(store, cart, customer_id=customer_id)


def delete(store: Store, cart_id: str) -> None:
    cart = get(store, cart_id)
    store.delete("carts", [cart.id])  # its checkout goes with it


@dataclass(frozen=True, slots=True)
class RedirectUrls:
    cart_id: str
    token: str
    query: tuple[tuple[str, str], ...] = ()


def redirect_urls(store: Store, cart_id: str, query: Mapping[str, Any] | None = None) -> RedirectUrls:
    """Fresh one-time links that restore the cart in a browser (upstream createCartRedirectURL)."""
    cart = get(store, cart_id)
    pairs = tuple((str(k), str(v)) for k, v in (query or {}).items())
    return RedirectUrls(cart.id, secrets.token_hex(16), pairs)


# --------------------------------------------------------------------------- settings


def settings(store: Store, channel_id: int = GLOBAL_SETTINGS) -> CartSettings:
    """The store-wide settings, or a channel's (404 for a channel the store does not have)."""
    if channel_id != GLOBAL_SETTINGS:
        channel_service.require(store, channel_id)
    found: CartSettings | None = store.cart_settings.get(channel_id)
    if found is not None:
        return found
    return CartSettings(GLOBAL_SETTINGS) if channel_id == GLOBAL_SETTINGS else CartSettings(channel_id, None)


def update_settings(store: Store, channel_id: int, changes: Mapping[str, Any]) -> CartSettings:
    """``allow_purchasing``; ``None`` on a channel: the store-wide setting applies."""
    current = settings(store, channel_id)
    updated = replace(current, allow_purchasing=changes.get("allow_purchasing", current.allow_purchasing))
    store.cart_settings.put(updated.id, updated)
    return updated
