"""Carts on the storefront: ``Site.cart``, the ``cart`` mutations and the cart a sign-in hands over,
over the same records and services as ``/v3/carts`` (a cart made here is one of
``GET /v3/carts/{id}``, and the other way round).

Prices, stock and option rules are the cart service's (``services/carts.py``): a line is priced from
the catalog on every read and a refused mutation writes nothing. A cart belongs to the request's
channel; one made by a signed-in shopper (customer access token or impersonation) is theirs.

Who sees a cart: a guest cart is anyone's who knows its id; a cart assigned to a customer is that
customer's only. Any other cart is ``null`` to ``site.cart`` and unknown to the mutations, so a cart
id alone never reveals a customer's basket. ``site.cart`` without an id is the signed-in customer's
most recently changed cart on the channel.

A refused cart mutation is one top-level error (``data.cart.<mutation>`` is ``null``): its message
says what was wrong and ``extensions.code`` names the cause with a value of BigCommerce's
``CartErrorCode``; ``createCartRedirectUrls`` answers an unknown cart with its typed ``NotFoundError``.

Cart metafields are the REST cart metafields (``services/metafields.py``, the ``CART`` kind). ``Cart.metafields``
reads only those the storefront may read (``*_and_sf_access``). The storefront's mutations write in one namespace
(``STOREFRONT_NAMESPACE``, as ``write_and_sf_access``, owned by ``STOREFRONT_CLIENT``): the input names no namespace.
They may change or delete a ``write_and_sf_access`` metafield of any namespace; a ``read_and_sf_access`` one is
``NotAuthorisedError`` and any other is ``NotFoundError``. Their refusals are the typed ``errors`` their results
declare, and write nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from graphql import GraphQLError

from mockbc.domain.carts import Cart, CustomItem, GiftCertificateItem
from mockbc.domain.errors import Conflict, DomainError, Invalid, LimitExceeded, NotFound, Problem
from mockbc.domain.metafields import CART, MAX_PER_RESOURCE, Metafield, NotPermitted
from mockbc.domain.orders import LineOption
from mockbc.domain.products import Product
from mockbc.domain.query import Condition
from mockbc.presentation import words
from mockbc.presentation.carts import money as wire_money
from mockbc.presentation.carts import redirect_links
from mockbc.presentation.storefront_graphql.areas.catalog import (
    STOREFRONT_PERMISSIONS,
    default_image,
    image_object,
    page_arguments,
    product_object,
)
from mockbc.presentation.storefront_graphql.areas.site import CURRENCY
from mockbc.presentation.storefront_graphql.connections import connection
from mockbc.presentation.storefront_graphql.ids import encode_id, encode_uuid_id
from mockbc.presentation.storefront_graphql.seam import Area, Context
from mockbc.services import carts, metafields
from mockbc.services import variants as variant_service
from mockbc.services.carts import CartInput, ItemInput, PricedCart, PricedItem

AREA = Area()
T = TypeVar("T")

DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
NOT_LOGGED_IN = "CUSTOMER_NOT_LOGGED_IN"
WORDS = {
    "no_cart": "No cart {id!r} on this storefront.",
    "no_item": "The cart has no line item {id!r}.",
    "not_logged_in": "The customer is not logged in.",
    "no_product": "A line item needs productEntityId or sku.",
    "no_sku": "No product or variant has the SKU {sku!r}.",
    "sku_elsewhere": "The SKU {sku!r} is not one of product {product}.",
    "currency": "The storefront does not sell in {code!r}; its currency is {ours}.",
    "gift_amount": "giftCertificates.{at}.amount must be from 1 to 1000.",
    "gift_theme": "giftCertificates.{at}.theme must name a theme.",
    "gift_quantity": "giftCertificates.{at}.quantity must be at least 1.",
    "gift_message": "giftCertificates.{at}.message must have at most 200 characters.",
    "update_nothing": "data needs lineItem or giftCertificate.",
    "locale": "{locale!r} is not a locale code (such as en-US).",
    "no_metafield": "The cart has no metafield {id}.",
    "metafield_taken": "The cart already has a metafield with the key {key!r}.",
    "metafield_limit": "A cart can have at most {limit} metafields from the storefront.",
    "metafield_locked": "The storefront may read metafield {id} but not change it.",
    "metafield_key": "key must have from 1 to 64 characters.",
    "metafield_value": "value must have from 1 to 65535 characters.",
}
# Where the storefront's cart metafields live: the input names no namespace and no permission set.
STOREFRONT_NAMESPACE = "bc_storefront"
STOREFRONT_CLIENT = "storefront"
STOREFRONT_PERMISSION = "write_and_sf_access"
# A metafield's key and value lengths (the REST cart metafield schema's).
KEY_LENGTH, VALUE_LENGTH = 64, 65535
LOCALE_LENGTH = 35  # the REST cart schema's longest locale
_LOCALE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")
# The cause of a refusal (extensions.code) by the rule the cart service names, as CartErrorCode has them.
CODES = {
    "cart_items_required": "EMPTY_CART_CREATION",
    "order_product_missing": "INVALID_PRODUCT",
    "order_variant_missing": "INVALID_PRODUCT",
    "order_options_required": "VARIANT_ID_REQUIRED",
    "order_no_such_variant": "MISSING_VARIANT_ATTRIBUTES",
    "value_not_in_option": "OPTION_VALIDATION_FAILED",
    "option_not_on_product": "OPTION_VALIDATION_FAILED",
    "cart_option_required": "MODIFIER_OPTIONS_REQUIRED",
    "cart_not_purchasable": "PRODUCT_NOT_PURCHASABLE",
    "cart_variant_disabled": "VARIANT_NOT_PURCHASABLE",
    "insufficient_stock": "INSUFFICIENT_STOCK",
    "order_quantity": "INVALID_ITEM_QUANTITY",
    "maximum": "INVALID_ITEM_QUANTITY",
    "cart_version_stale": "CART_CONFLICT",
    "cart_item_product": "CART_ITEM_MODIFICATION_NOT_ALLOWED",
    "cart_item_variant": "CART_ITEM_MODIFICATION_NOT_ALLOWED",
    "cart_custom_item_fixed": "CART_ITEM_MODIFICATION_NOT_ALLOWED",
    "cart_channel_missing": "INVALID_CHANNEL",
}
OTHER = "BAD_USER_INPUT"
# The service's field names, as the GraphQL input calls them.
FIELD_NAMES = (
    ("line_items", "lineItems"), ("line_item", "lineItem"), ("option_selections", "selectedOptions"),
    ("product_id", "productEntityId"), ("variant_id", "variantEntityId"), ("gift_certificates", "giftCertificates"),
    ("custom_items", "customItems"),
)  # fmt: skip
# Rules whose REST words name REST fields, in the GraphQL input's words.
OWN_WORDS = {
    "order_options_required": "Product {product} has options: give variantEntityId or selectedOptions.",
    "order_no_such_variant": "The selectedOptions match no variant of product {product}.",
}
THEMES = {"BIRTHDAY", "BOY", "CELEBRATION", "CHRISTMAS", "GENERAL", "GIRL"}
_LOWER = re.compile(r"[a-z]")


def refused(message: str, code: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code})


def _field(name: str) -> str:
    for rest, ours in FIELD_NAMES:
        name = re.sub(rf"(?<![A-Za-z_]){rest}(?![A-Za-z_])", ours, name)
    return name


def _problem_text(problem: Problem) -> str:
    own = OWN_WORDS.get(problem.rule)
    text = own.format(**problem.facts) if own is not None else words.message(problem)
    # Some rules word only the broken constraint ("must be at least 1"): the field goes first.
    return f"{_field(problem.field)} {text}" if _LOWER.match(text) and problem.field else text


def _translated(error: DomainError) -> GraphQLError:
    if isinstance(error, Invalid | Conflict) and error.problems:
        text = " ".join(_problem_text(p) for p in error.problems)
        return refused(text, CODES.get(error.problems[0].rule, OTHER))
    if isinstance(error, NotFound) and error.resource == "cart item":
        return refused(WORDS["no_item"].format(id=error.id), "ITEM_NOT_FOUND")
    if isinstance(error, NotFound):
        return refused(WORDS["no_cart"].format(id=error.id), "CART_NOT_FOUND")
    raise error


def _service(call: Callable[[], T]) -> T:
    """The service's answer; its refusal as the GraphQL error it means."""
    try:
        return call()
    except DomainError as error:
        raise _translated(error) from None


# --------------------------------------------------------------------------- who sees which cart


def visible_cart(context: Context, cart_id: str, viewer: int | None = None) -> Cart | None:
    """The cart, if ``viewer`` (else the request's shopper) may see it: on this channel, and a
    guest's or the viewer's own."""
    viewer = viewer if viewer is not None else context.customer_id
    try:
        cart = carts.get(context.store, cart_id)
    except NotFound:
        return None
    if cart.channel_id != context.channel_id:
        return None
    if cart.customer_id and cart.customer_id != viewer:
        return None
    return cart


def customer_cart(context: Context, customer_id: int) -> Cart | None:
    """The customer's most recently changed cart on this channel."""
    owned = [visible_cart(context, i, customer_id) for i in context.store.carts.lookup("customer_id", customer_id)]
    mine = [c for c in owned if c is not None and c.customer_id == customer_id]
    return max(mine, key=lambda c: (c.updated_time, c.id)) if mine else None


def _require(context: Context, cart_id: str) -> Cart:
    cart = visible_cart(context, cart_id)
    if cart is None:
        raise refused(WORDS["no_cart"].format(id=cart_id), "CART_NOT_FOUND")
    return cart


def _signed_in(context: Context) -> int:
    if context.customer_id is None or context.customer_id not in context.store.customers:
        raise refused(WORDS["not_logged_in"], NOT_LOGGED_IN)
    return context.customer_id


# --------------------------------------------------------------------------- objects


def date_time(value: datetime) -> dict[str, str]:
    return {"utc": value.astimezone(UTC).strftime(DATE_FORMAT)}


def money(value: Decimal, currency: str) -> dict[str, Any]:
    """Money as the REST cart gives it (a number of cents' precision), with its display text."""
    number = wire_money(value)
    text = f"{Decimal(str(number)):,.2f}"
    return {
        "currencyCode": currency,
        "value": number,
        "formattedV2": f"${text}" if currency == CURRENCY["code"] else f"{text} {currency}",
    }


def cart_global_id(cart_id: str) -> str:
    return encode_uuid_id("Cart", cart_id)


def _selected(context: Context, item_product: int, option: LineOption) -> dict[str, Any]:
    base = {"entityId": option.option_id, "name": option.display_name}
    modifier = context.store.modifiers.get(option.option_id)
    kind = modifier.type if modifier is not None and modifier.product_id == item_product else "variant"
    if kind in ("text", "file"):
        return {**base, "__typename": "CartSelectedTextFieldOption", "text": option.value}
    if kind == "multi_line_text":
        return {**base, "__typename": "CartSelectedMultiLineTextFieldOption", "text": option.value}
    if kind == "numbers_only_text":
        number = _number(option.value)
        return {**base, "__typename": "CartSelectedNumberFieldOption", "number": number}
    if kind == "date":
        return {**base, "__typename": "CartSelectedDateFieldOption", "date": {"utc": option.value}}
    typename = "CartSelectedCheckboxOption" if kind == "checkbox" else "CartSelectedMultipleChoiceOption"
    value_id = int(option.value) if option.value.isdigit() else 0
    return {**base, "__typename": typename, "value": option.display_value, "valueEntityId": value_id}


def _number(raw: str) -> float:
    try:
        return float(raw)
    except ValueError:
        return 0.0


def _catalog_item(context: Context, line: PricedItem, currency: str, *, physical: bool) -> dict[str, Any]:
    item, product, variant = line.item, line.product, line.variant
    image = image_object(variant.image_url, product.name, is_default=True) if variant and variant.image_url else None
    image = image or default_image(context, product)
    zero = money(Decimal(0), currency)
    brand = context.store.brands.get(product.brand_id) if product.brand_id else None
    out: dict[str, Any] = {
        "entityId": item.id,
        "parentEntityId": None,
        "productEntityId": item.product_id,
        "variantEntityId": item.variant_id or None,
        "sku": (variant.sku if variant is not None and variant.sku else product.sku) or None,
        "name": item.name or product.name,
        "url": f"{context.base_url}{product.custom_url.url}",
        "path": product.custom_url.url,
        "imageUrl": image["source"] if image else None,
        "image": image,
        "brand": brand.name if brand is not None else None,
        "quantity": item.quantity,
        "isTaxable": True,
        "isMutable": True,
        "discounts": [],
        "discountedAmount": zero,
        "couponAmount": zero,
        "originalPrice": money(line.original_price, currency),
        "listPrice": money(line.list_price, currency),
        "salePrice": money(line.sale_price, currency),
        "extendedListPrice": money(line.extended_list_price, currency),
        "extendedSalePrice": money(line.extended_sale_price, currency),
        "selectedOptions": [_selected(context, item.product_id, o) for o in item.options],
        "baseCatalogProduct": product_object(product),
    }
    if physical:
        out["isShippingRequired"] = True
    return out


def _custom_item(item: CustomItem, currency: str) -> dict[str, Any]:
    return {
        "entityId": item.id,
        "sku": item.sku or None,
        "name": item.name,
        "quantity": item.quantity,
        "listPrice": money(item.list_price, currency),
        "extendedListPrice": money(item.list_price * item.quantity, currency),
    }


def _gift_certificate(item: GiftCertificateItem, currency: str) -> dict[str, Any]:
    return {
        "entityId": item.id,
        "name": item.name,
        "theme": item.theme.upper() if item.theme.upper() in THEMES else "NONE",
        "amount": money(item.amount, currency),
        "isTaxable": False,
        "sender": {"name": item.sender.name, "email": item.sender.email},
        "recipient": {"name": item.recipient.name, "email": item.recipient.email},
        "message": item.message or None,
    }


def cart_object(context: Context, cart: Cart) -> dict[str, Any]:
    found: PricedCart = carts.priced(context.store, cart)
    currency = cart.currency
    physical = [_catalog_item(context, p, currency, physical=True) for p in found.physical]
    digital = [_catalog_item(context, p, currency, physical=False) for p in found.digital]
    # Every unit counts: catalog lines, custom items and gift certificates alike.
    total = sum(p.item.quantity for p in (*found.physical, *found.digital))
    total += sum(c.quantity for c in cart.custom_items) + sum(g.quantity for g in cart.gift_certificates)
    return {
        "__typename": "Cart",
        "id": cart_global_id(cart.id),
        "entityId": cart.id,
        "currencyCode": currency,
        "displayCurrencyCode": currency,
        "isTaxIncluded": False,
        "baseAmount": money(found.base_amount, currency),
        "discountedAmount": money(found.discount_amount, currency),
        "amount": money(found.cart_amount, currency),
        "discounts": [],
        "lineItems": {
            "physicalItems": physical,
            "digitalItems": digital,
            "giftCertificates": [_gift_certificate(g, currency) for g in cart.gift_certificates],
            "customItems": [_custom_item(c, currency) for c in cart.custom_items],
            "totalQuantity": total,
        },
        "createdAt": date_time(cart.created_time),
        "updatedAt": date_time(cart.updated_time),
        "locale": cart.locale,
        "version": cart.version,
    }


# --------------------------------------------------------------------------- reading


@AREA.node("Cart")
def cart_node(context: Context, entity_id: Any) -> dict[str, Any] | None:
    """``node(id:)`` for a cart, under the same rule as ``site.cart``: a guest cart, or the viewer's."""
    cart = visible_cart(context, str(entity_id))
    return None if cart is None else {**cart_object(context, cart), "__typename": "Cart"}


@AREA.field("Site", "cart")
def site_cart(_source: Any, info: Any, entityId: str | None = None) -> dict[str, Any] | None:
    context: Context = info.context
    if entityId is None:
        cart = customer_cart(context, context.customer_id) if context.customer_id else None
    else:
        cart = visible_cart(context, entityId)
    return cart_object(context, cart) if cart is not None else None


def _login_cart(source: Mapping[str, Any], info: Any) -> dict[str, Any] | None:
    """The guest cart the sign-in handed over, else the customer's own latest cart."""
    context: Context = info.context
    customer = source.get("customer")
    customer_id = customer.get("entityId") if isinstance(customer, Mapping) else None
    if not isinstance(customer_id, int):
        return None
    handed = source.get("cartEntityId")
    cart = visible_cart(context, handed, customer_id) if handed else None
    cart = cart or customer_cart(context, customer_id)
    return cart_object(context, cart) if cart is not None else None


AREA.field("LoginResult", "cart")(_login_cart)
AREA.field("LoginWithCustomerLoginJwtResult", "cart")(_login_cart)


# --------------------------------------------------------------------------- reading inputs


def _option_pairs(selected: Mapping[str, Any] | None) -> tuple[tuple[int, str], ...]:
    """The selections as the cart service reads them: option id and value (a value id, or the text)."""
    if not selected:
        return ()
    pairs: list[tuple[int, str]] = []
    for name in ("multipleChoices", "checkboxes"):
        pairs += [(s["optionEntityId"], str(s["optionValueEntityId"])) for s in selected.get(name) or ()]
    for name in ("textFields", "multiLineTextFields"):
        pairs += [(s["optionEntityId"], str(s["text"])) for s in selected.get(name) or ()]
    pairs += [(s["optionEntityId"], _number_text(s["number"])) for s in selected.get("numberFields") or ()]
    pairs += [(s["optionEntityId"], str(s["date"])) for s in selected.get("dateFields") or ()]
    return tuple(pairs)


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _by_sku(context: Context, sku: str) -> tuple[int, int | None]:
    """The product and (when the SKU is a variant's own) the variant a SKU names."""
    store = context.store
    owner = variant_service.sku_owner(store, sku)
    if owner is None:
        raise refused(WORDS["no_sku"].format(sku=sku), "SKU_NOT_FOUND")
    product: Product = store.products.require(owner)
    if product.sku.casefold() == sku.casefold():
        return owner, None
    variant_id = store.variants.unique("sku", sku.casefold())
    return owner, variant_id


def _item_input(context: Context, values: Mapping[str, Any], where: str) -> ItemInput:
    product_id = values.get("productEntityId")
    variant_id = values.get("variantEntityId")
    sku = values.get("sku")
    if product_id is None and sku is None:
        raise refused(WORDS["no_product"], "INVALID_PRODUCT")
    if sku is not None:
        owner, sku_variant = _by_sku(context, sku)
        if product_id is not None and product_id != owner:
            raise refused(WORDS["sku_elsewhere"].format(sku=sku, product=product_id), "SKU_NOT_FOUND")
        product_id = owner
        variant_id = variant_id if variant_id is not None else sku_variant
    return ItemInput(
        field=where, product_id=product_id, quantity=values["quantity"], variant_id=variant_id,
        options=_option_pairs(values.get("selectedOptions")),
    )  # fmt: skip


def _gift_input(values: Mapping[str, Any], at: int) -> dict[str, Any]:
    """A gift certificate as the cart service takes it, checked as the REST schema checks one."""
    try:
        amount = Decimal(str(values["amount"]))
    except (InvalidOperation, ValueError):
        amount = Decimal(-1)
    if not amount.is_finite() or not 1 <= amount <= 1000:
        raise refused(WORDS["gift_amount"].format(at=at), "INVALID_GIFT_CERTIFICATE_AMOUNT")
    if values["theme"] not in THEMES:
        raise refused(WORDS["gift_theme"].format(at=at), "INVALID_GIFT_CERTIFICATE_THEME")
    if values["quantity"] < 1:
        raise refused(WORDS["gift_quantity"].format(at=at), "INVALID_ITEM_QUANTITY")
    message = values.get("message") or ""
    if len(message) > 200:
        raise refused(WORDS["gift_message"].format(at=at), OTHER)
    return {
        "name": values["name"], "theme": values["theme"].capitalize(), "amount": amount,
        "quantity": values["quantity"], "sender": dict(values["sender"]), "recipient": dict(values["recipient"]),
        "message": message,
    }  # fmt: skip


def _cart_input(context: Context, data: Mapping[str, Any], version: int | None = None) -> CartInput:
    lines: Sequence[Mapping[str, Any]] = data.get("lineItems") or ()
    gifts: Sequence[Mapping[str, Any]] = data.get("giftCertificates") or ()
    return CartInput(
        items=tuple(_item_input(context, v, f"line_items.{i}") for i, v in enumerate(lines)),
        gift_certificates=tuple(_gift_input(v, i) for i, v in enumerate(gifts)),
        version=version,
    )


# --------------------------------------------------------------------------- mutations


@AREA.field("Mutation", "cart")
def cart_mutations(_source: Any, _info: Any) -> dict[str, Any]:
    return {}


@AREA.field("CartMutations", "createCart")
def create_cart(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    return {"cart": cart_object(info.context, new_cart(info.context, input))}


def new_cart(context: Context, input: Mapping[str, Any]) -> Cart:
    """The cart ``createCart`` (and ``createCheckout``) makes; a refusal is a ``refused`` error, nothing written."""
    code = input.get("currencyCode")
    if code is not None and code.upper() != CURRENCY["code"]:
        raise refused(WORDS["currency"].format(code=code, ours=CURRENCY["code"]), "INVALID_CURRENCY")
    request = _cart_input(context, input)
    customer_id = context.customer_id if context.customer_id in context.store.customers else None
    created = _service(
        lambda: carts.create(
            context.store,
            request,
            customer_id=customer_id or 0,
            channel_id=context.channel_id,
            currency=code,
            locale=input.get("locale"),
        )
    )
    return created


@AREA.field("CartMutations", "addCartLineItems")
def add_line_items(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    cart = _require(context, input["cartEntityId"])
    request = _cart_input(context, input["data"], input.get("version"))
    changed = _service(lambda: carts.add_items(context.store, cart.id, request))
    return {"cart": cart_object(context, changed)}


@AREA.field("CartMutations", "updateCartLineItem")
def update_line_item(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    cart = _require(context, input["cartEntityId"])
    item_id, data = input["lineItemEntityId"], input["data"]
    line, gift = data.get("lineItem"), data.get("giftCertificate")
    if line is None and gift is None:
        raise refused(WORDS["update_nothing"], OTHER)
    line_item: dict[str, Any] | None = None
    own = next((i for i in cart.items if i.id == item_id), None)
    if line is not None and own is None:
        line_item = {"quantity": line["quantity"]}  # no such catalog item: the service says what it is
    elif line is not None and own is not None:
        named = {
            **line,
            "productEntityId": line.get("productEntityId") or (None if line.get("sku") else own.product_id),
        }
        wanted = _item_input(context, named, "line_item")
        line_item = {"product_id": wanted.product_id, "variant_id": wanted.variant_id, "quantity": wanted.quantity}
    gift_certificate = _gift_input(gift, 0) if gift is not None else None
    changed = _service(
        lambda: carts.update_item(
            context.store,
            cart.id,
            item_id,
            line_item=line_item,
            gift_certificate=gift_certificate,
            version=input.get("version"),
        )
    )
    return {"cart": cart_object(context, changed)}


@AREA.field("CartMutations", "deleteCartLineItem")
def delete_line_item(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    cart = _require(context, input["cartEntityId"])
    item_id = input["lineItemEntityId"]
    left = _service(lambda: carts.delete_item(context.store, cart.id, item_id, version=input.get("version")))
    if left is None:  # the last item went, and the cart with it (as REST's 204)
        return {"deletedLineItemEntityId": item_id, "cart": None, "deletedCartEntityId": cart.id}
    return {"deletedLineItemEntityId": item_id, "cart": cart_object(context, left), "deletedCartEntityId": None}


@AREA.field("CartMutations", "deleteCart")
def delete_cart(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    cart = _require(context, input["cartEntityId"])
    _service(lambda: carts.delete(context.store, cart.id))
    return {"deletedCartEntityId": cart.id}


@AREA.field("CartMutations", "assignCartToCustomer")
def assign_cart(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    customer_id = _signed_in(context)
    cart = _require(context, input["cartEntityId"])
    changed = _service(
        lambda: carts.update(context.store, cart.id, customer_id=customer_id, version=input.get("version"))
    )
    return {"cart": cart_object(context, changed)}


@AREA.field("CartMutations", "unassignCartFromCustomer")
def unassign_cart(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    customer_id = _signed_in(context)
    cart = _require(context, input["cartEntityId"])
    if cart.customer_id != customer_id:  # a guest cart: nothing to take back
        raise refused(WORDS["no_cart"].format(id=cart.id), "CART_NOT_FOUND")
    changed = _service(lambda: carts.update(context.store, cart.id, customer_id=0, version=input.get("version")))
    return {"cart": cart_object(context, changed)}


@AREA.field("CartMutations", "createCartRedirectUrls")
def create_redirect_urls(_source: Any, info: Any, input: dict[str, Any] | None = None) -> dict[str, Any]:
    context: Context = info.context
    input = input or {}
    cart_id = input.get("cartEntityId")
    cart: Cart | None
    if cart_id is None:
        cart = customer_cart(context, context.customer_id) if context.customer_id else None
    else:
        cart = visible_cart(context, cart_id)
    if cart is None:
        message = WORDS["no_cart"].format(id=cart_id or "")
        return {"redirectUrls": None, "errors": [{"__typename": "NotFoundError", "message": message}]}
    query = {p["key"]: p["value"] for p in input.get("queryParams") or ()}
    links = redirect_links(carts.redirect_urls(context.store, cart.id, query), context.base_url)
    return {
        "redirectUrls": {
            "redirectedCheckoutUrl": links["checkout_url"],
            "embeddedCheckoutUrl": links["embedded_checkout_url"],
            # The mock has one checkout: an external checkout is sent to the hosted one.
            "externalCheckoutUrl": links["checkout_url"],
        },
        "errors": [],
    }


@AREA.field("CartMutations", "updateCartCurrency")
def update_currency(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    cart = _require(context, input["cartEntityId"])
    code = input["data"]["currencyCode"]
    if code.upper() != CURRENCY["code"]:  # as createCart: the storefront sells in one currency
        raise refused(WORDS["currency"].format(code=code, ours=CURRENCY["code"]), "INVALID_CURRENCY")
    if cart.currency != CURRENCY["code"]:
        cart = carts.change_currency_or_locale(context.store, cart, currency=CURRENCY["code"])
    return {"cart": cart_object(context, cart)}


@AREA.field("CartMutations", "updateCartLocale")
def update_locale(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    cart = visible_cart(context, input["cartEntityId"])
    if cart is None:
        return {"cart": None, "errors": [_not_found(WORDS["no_cart"].format(id=input["cartEntityId"]))]}
    locale = input["data"]["locale"]
    if len(locale) > LOCALE_LENGTH or not _LOCALE.fullmatch(locale):
        message = WORDS["locale"].format(locale=locale)
        return {"cart": None, "errors": [{"__typename": "LocaleInvalidError", "message": message}]}
    if cart.locale != locale:
        cart = carts.change_currency_or_locale(context.store, cart, locale=locale)
    return {"cart": cart_object(context, cart), "errors": []}


# --------------------------------------------------------------------------- cart metafields


def _not_found(message: str) -> dict[str, Any]:
    return {"__typename": "NotFoundError", "message": message}


def metafield_object(metafield: Metafield) -> dict[str, Any]:
    return {
        "id": encode_id("Metafields", metafield.id), "entityId": metafield.id, "key": metafield.key,
        "value": metafield.value, "description": metafield.description,
    }  # fmt: skip


@AREA.field("Cart", "metafields")
def cart_metafields(
    source: Mapping[str, Any], info: Any, namespace: str, keys: Sequence[str] = (), **pages: Any
) -> Any:
    """The cart's metafields in ``namespace`` that the storefront may read."""
    context: Context = info.context
    found = metafields.find(
        context.store, CART, "", [Condition("namespace", "eq", namespace)], resource_id=source["entityId"]
    )
    wanted = set(keys)
    readable = [m for m in found if m.permission_set in STOREFRONT_PERMISSIONS and (not wanted or m.key in wanted)]
    return connection(readable, metafield_object, **page_arguments(pages))


def _checked(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The key and value's length refusals, as ``ValidationError``s."""
    out = []
    if "key" in data and data["key"] is not None and not 1 <= len(data["key"]) <= KEY_LENGTH:
        out.append({"__typename": "ValidationError", "path": ["data", "key"], "message": WORDS["metafield_key"]})
    if "value" in data and data["value"] is not None and not 1 <= len(data["value"]) <= VALUE_LENGTH:
        out.append({"__typename": "ValidationError", "path": ["data", "value"], "message": WORDS["metafield_value"]})
    return out


def _writable(context: Context, cart: Cart, metafield_id: int) -> Metafield | dict[str, Any]:
    """The cart's metafield the storefront may change, or the typed error saying why not."""
    found = context.store.table(CART.table).get(metafield_id)
    if found is None or found.resource_id != cart.id or found.permission_set not in STOREFRONT_PERMISSIONS:
        return _not_found(WORDS["no_metafield"].format(id=metafield_id))
    if found.permission_set != STOREFRONT_PERMISSION:
        return {"__typename": "NotAuthorisedError", "message": WORDS["metafield_locked"].format(id=metafield_id)}
    metafield: Metafield = found
    return metafield


def _metafield_error(error: DomainError, key: str, metafield_id: int | None = None) -> dict[str, Any]:
    if isinstance(error, Conflict):
        return {"__typename": "AlreadyExistsError", "message": WORDS["metafield_taken"].format(key=key)}
    if isinstance(error, LimitExceeded):
        message = WORDS["metafield_limit"].format(limit=MAX_PER_RESOURCE)
        return {"__typename": "LimitExceededError", "limit": MAX_PER_RESOURCE, "message": message}
    if isinstance(error, NotPermitted):
        return {"__typename": "NotAuthorisedError", "message": WORDS["metafield_locked"].format(id=metafield_id)}
    if isinstance(error, NotFound):
        return _not_found(WORDS["no_metafield"].format(id=metafield_id))
    raise error


@AREA.field("CartMutations", "createCartMetafield")
def create_metafield(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    cart = visible_cart(context, input["cartEntityId"])
    if cart is None:
        return {"metafield": None, "errors": [_not_found(WORDS["no_cart"].format(id=input["cartEntityId"]))]}
    data = input["data"]
    invalid = _checked(data)
    if invalid:
        return {"metafield": None, "errors": invalid}
    changes = {
        "namespace": STOREFRONT_NAMESPACE, "key": data["key"], "value": data["value"],
        "permission_set": STOREFRONT_PERMISSION,
    }  # fmt: skip
    try:
        created = metafields.create(context.store, CART, cart.id, changes, STOREFRONT_CLIENT)
    except DomainError as error:
        return {"metafield": None, "errors": [_metafield_error(error, data["key"])]}
    return {"metafield": metafield_object(created), "errors": []}


@AREA.field("CartMutations", "updateCartMetafield")
def update_metafield(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    cart = visible_cart(context, input["cartEntityId"])
    if cart is None:
        return {"metafield": None, "errors": [_not_found(WORDS["no_cart"].format(id=input["cartEntityId"]))]}
    metafield_id, data = input["metafieldEntityId"], input["data"]
    found = _writable(context, cart, metafield_id)
    if isinstance(found, dict):
        return {"metafield": None, "errors": [found]}
    invalid = _checked(data)
    if invalid:
        return {"metafield": None, "errors": invalid}
    changes = {name: data[name] for name in ("key", "value") if data.get(name) is not None}
    try:
        changed = metafields.update(context.store, CART, cart.id, found.id, changes, STOREFRONT_CLIENT)
    except DomainError as error:
        return {"metafield": None, "errors": [_metafield_error(error, changes.get("key", found.key), metafield_id)]}
    return {"metafield": metafield_object(changed), "errors": []}


@AREA.field("CartMutations", "deleteCartMetafield")
def delete_metafield(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    cart = visible_cart(context, input["cartEntityId"])
    if cart is None:
        message = WORDS["no_cart"].format(id=input["cartEntityId"])
        return {"deletedMetafieldEntityId": None, "errors": [_not_found(message)]}
    found = _writable(context, cart, input["metafieldEntityId"])
    if isinstance(found, dict):
        return {"deletedMetafieldEntityId": None, "errors": [found]}
    metafields.delete(context.store, CART, cart.id, found.id, STOREFRONT_CLIENT)
    return {"deletedMetafieldEntityId": found.id, "errors": []}
