"""Carts (upstream carts.v3.yml): a shopper's basket of catalog items, custom items and gift
certificates, for one channel, currency and locale.

A cart's id is a UUID string and is also its checkout's id. Catalog items keep what the
shopper chose (product, variant, option selections, quantity, a list price given by the
request); their prices are worked out from the catalog whenever the cart is read, as
BigCommerce reprices a cart when the catalog changes. ``version`` counts the cart's changes:
a write that names an older one is refused. A cart lives 30 days from its last change
(upstream createCart).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from mockbc.domain.orders import LineOption
from mockbc.domain.storage import Index, TableSpec

LIFETIME = timedelta(days=30)
GIFT_CERTIFICATE_THEMES = ("Birthday", "Boy", "Celebration", "Christmas", "General", "Girl")
DEFAULT_CURRENCY = "USD"
DEFAULT_LOCALE = "en-US"
GLOBAL_SETTINGS = 0  # the store-wide cart settings' key; channels use their own ids


@dataclass(frozen=True, slots=True)
class CatalogItem:
    """A product (physical or digital, as the product's type says when read) in the cart."""

    id: str
    product_id: int
    variant_id: int
    quantity: int
    options: tuple[LineOption, ...] = ()
    name: str | None = None  # a name given by the request, else the product's
    list_price: Decimal | None = None  # a price given by the request, else the catalog's


@dataclass(frozen=True, slots=True)
class CustomItem:
    id: str
    sku: str
    name: str
    quantity: int
    list_price: Decimal
    image_url: str = ""


@dataclass(frozen=True, slots=True)
class Contact:
    name: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class GiftCertificateItem:
    id: str
    name: str
    theme: str
    amount: Decimal
    quantity: int
    sender: Contact
    recipient: Contact
    message: str = ""


@dataclass(frozen=True, slots=True)
class Cart:
    id: str
    customer_id: int
    channel_id: int
    currency: str
    locale: str
    version: int
    created_time: datetime
    updated_time: datetime
    items: tuple[CatalogItem, ...] = ()
    custom_items: tuple[CustomItem, ...] = ()
    gift_certificates: tuple[GiftCertificateItem, ...] = ()
    coupons: tuple[str, ...] = ()  # applied coupon codes (checkouts apply them)
    email: str = ""

    @property
    def expires_at(self) -> datetime:
        return self.updated_time + LIFETIME

    @property
    def empty(self) -> bool:
        return not (self.items or self.custom_items or self.gift_certificates)


@dataclass(frozen=True, slots=True)
class CartSettings:
    """``allow_purchasing`` ``None`` on a channel: the store-wide setting applies."""

    id: int
    allow_purchasing: bool | None = True


TABLES = (
    TableSpec("carts", Cart, indexes=(Index("customer_id", lambda c: c.customer_id or None),), resource="cart"),
    TableSpec("cart_settings", CartSettings, resource="cart_settings"),
)
