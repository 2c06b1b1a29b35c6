"""Checkouts (upstream checkouts.v3.yml): what a shopper adds to a cart on the way to an order.

A checkout has no id of its own: it is its cart's (a UUID string), and its record holds only
what the cart does not: the billing address, the consignments (shipping addresses, the items
shipped to each and the chosen shipping option), manual discounts, fees and the shopper's
message. Prices, coupons and the version live on the cart. The record goes with its cart.

Shipping options are a small fixed table (``SHIPPING_OPTIONS``): BigCommerce quotes them from
the store's shipping zones and carriers, which mockbc does not model.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from mockbc.domain.storage import Index, Reference, TableSpec

GLOBAL_SETTINGS = 0  # the store-wide checkout settings' key; channels use their own ids


@dataclass(frozen=True, slots=True)
class ShippingOption:
    """One way to ship a consignment, for ``cost`` each; one with ``free_from`` is offered only
    once the cart's amount after its manual discounts (before the coupon) reaches it."""

    id: str
    description: str
    type: str
    cost: Decimal
    transit_time: str = ""
    free_from: Decimal | None = None


SHIPPING_OPTIONS: tuple[ShippingOption, ...] = (
    ShippingOption("flat-rate", "Flat Rate", "shipping_flatrate", Decimal("10.00"), "3-5 business days"),
    ShippingOption("free-shipping", "Free Shipping", "freeshipping", Decimal("0"), "5-7 business days", Decimal("100")),
)


@dataclass(frozen=True, slots=True)
class CheckoutAddress:
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    company: str = ""
    address1: str = ""
    address2: str = ""
    city: str = ""
    state_or_province: str = ""
    state_or_province_code: str = ""
    country_code: str = ""
    postal_code: str = ""
    phone: str = ""
    custom_fields: tuple[tuple[str, str], ...] = ()  # (field_id, field_value)


@dataclass(frozen=True, slots=True)
class Consignment:
    id: str
    address_id: str
    address: CheckoutAddress
    line_item_ids: tuple[str, ...]
    shipping_option_id: str | None = None
    custom_shipping: Decimal | None = None  # a price the request set instead of an option's
    pickup_method_id: int | None = None


@dataclass(frozen=True, slots=True)
class CheckoutFee:
    id: str
    name: str
    display_name: str
    cost: Decimal
    source: str
    type: str = "custom_fee"
    tax_class_id: int | None = None


@dataclass(frozen=True, slots=True)
class Checkout:
    id: str  # the cart's id
    billing_address: CheckoutAddress | None = None
    billing_address_id: int = 0
    consignments: tuple[Consignment, ...] = ()
    fees: tuple[CheckoutFee, ...] = ()
    manual_discount: Decimal = Decimal("0")  # off the whole cart
    line_discounts: tuple[tuple[str, Decimal], ...] = ()  # (item id, amount off that line)
    customer_message: str = ""
    order_id: int | None = None  # the last order made from it
    created_time: datetime | None = None


@dataclass(frozen=True, slots=True)
class CheckoutSettings:
    """The custom checkout settings; a channel's add its checkout policy fields. ``None``: not set."""

    id: int
    custom_checkout_script_url: str = ""
    order_confirmation_use_custom_checkout_script: bool = False
    custom_order_confirmation_script_url: str = ""
    custom_checkout_supports_uco_settings: bool = False
    custom_checkout_sri_hash: str = ""
    custom_order_confirmation_sri_hash: str = ""
    checkout_type: str = "one_page"
    guest_checkout_type: str = "allowed"
    guest_checkout_for_existing_accounts: str = "allowed"
    policy_consent: str = "implicit"
    order_confirmation_contact_email: str = ""
    is_order_terms_and_conditions_enabled: bool = False
    order_terms_and_conditions_type: str = "link"
    order_terms_and_conditions_link: str = ""
    order_terms_and_conditions_textarea: str = ""
    should_redirect_to_storefront_for_auth: bool = False


SCRIPT_FIELDS = (
    "custom_checkout_script_url",
    "order_confirmation_use_custom_checkout_script",
    "custom_order_confirmation_script_url",
    "custom_checkout_supports_uco_settings",
    "custom_checkout_sri_hash",
    "custom_order_confirmation_sri_hash",
)
CHANNEL_FIELDS = (
    "checkout_type",
    "guest_checkout_type",
    "guest_checkout_for_existing_accounts",
    "policy_consent",
    "order_confirmation_contact_email",
    "is_order_terms_and_conditions_enabled",
    "order_terms_and_conditions_type",
    "order_terms_and_conditions_link",
    "order_terms_and_conditions_textarea",
    "should_redirect_to_storefront_for_auth",
    *SCRIPT_FIELDS,
)


TABLES = (
    TableSpec(
        "checkouts",
        Checkout,
        indexes=(Index("cart_id", lambda c: c.id),),
        references=(Reference("cart_id", "carts", "cascade"),),
        resource="checkout",
    ),
    TableSpec("checkout_settings", CheckoutSettings, resource="checkout_settings"),
)
