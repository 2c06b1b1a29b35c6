"""Orders and what hangs off them: line items, billing and shipping addresses, shipments (upstream
orders.v2.oas2.yml). Money is ``Decimal``: v2 renders it as strings with four places, and sums of
prices must not pick up binary-float noise."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from mockbc.domain.storage import Index, Reference, TableSpec

ZERO = Decimal("0")
CENTS = Decimal("0.0001")

# Upstream createOrder: a custom line's name is 1 to 250 characters.
MAX_LINE_NAME = 250
MAX_STAFF_NOTES = 65535

# The statuses of upstream getOrderStatuses: id -> name (BC_FACTS §9.6).
STATUSES: dict[int, str] = {
    0: "Incomplete", 1: "Pending", 2: "Shipped", 3: "Partially Shipped", 4: "Refunded", 5: "Cancelled",
    6: "Declined", 7: "Awaiting Payment", 8: "Awaiting Pickup", 9: "Awaiting Shipment", 10: "Completed",
    11: "Awaiting Fulfillment", 12: "Manual Verification Required", 13: "Disputed", 14: "Partially Refunded",
}  # fmt: skip
# The order the control panel lists them in (upstream getOrdersCount's example): id -> position.
STATUS_SORT_ORDER: dict[int, int] = {
    status_id: position for position, status_id in enumerate((0, 1, 7, 11, 9, 8, 3, 10, 2, 5, 6, 4, 13, 12, 14))
}
PENDING, SHIPPED, PARTIALLY_SHIPPED, REFUNDED, PARTIALLY_REFUNDED = 1, 2, 3, 4, 14

PAYMENT_STATUSES = (
    "authorized", "captured", "capture pending", "declined", "held for review", "paid", "partially refunded",
    "pending", "refunded", "void", "void pending", "",
)  # fmt: skip
# Upstream createOrderShipments' list of integrated providers; any other value is a custom carrier.
SHIPPING_PROVIDERS: dict[str, str] = {
    "": "", "auspost": "Australia Post", "canadapost": "Canada Post", "endicia": "Endicia", "usps": "USPS",
    "fedex": "FedEx", "royalmail": "Royal Mail", "ups": "UPS", "upsready": "UPS Ready", "upsonline": "UPS Online",
    "shipperhq": "ShipperHQ",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class OrderStatus:
    id: int

    @property
    def name(self) -> str:
        return STATUSES[self.id]


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENTS)


@dataclass(frozen=True, slots=True)
class FormField:
    name: str
    value: Any


@dataclass(frozen=True, slots=True)
class Address:
    """A billing address, or the address part of a shipping address."""

    first_name: str = ""
    last_name: str = ""
    company: str = ""
    street_1: str = ""
    street_2: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    country: str = ""
    country_iso2: str = ""
    phone: str = ""
    email: str = ""
    form_fields: tuple[FormField, ...] = ()


ADDRESS_FIELDS = tuple(name for name in Address.__dataclass_fields__ if name != "form_fields")


@dataclass(frozen=True, slots=True)
class Pickup:
    """A pickup consignment: the order is collected from a location instead of shipped."""

    pickup_method_id: int
    pickup_method_display_name: str = ""
    collection_instructions: str = ""
    collection_time_description: str = ""
    location: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class Fee:
    id: int
    type: str = "custom_fee"
    display_name_customer: str = ""
    display_name_merchant: str = ""
    source: str = ""
    cost_ex_tax: Decimal = ZERO
    cost_inc_tax: Decimal = ZERO
    tax_class_id: int | None = None


@dataclass(frozen=True, slots=True)
class Order:
    id: int
    date_created: datetime
    date_modified: datetime
    billing_address: Address
    customer_id: int = 0
    status_id: int = PENDING
    # The status before the first shipment, which deleting every shipment goes back to.
    status_before_shipping: int | None = None
    date_shipped: datetime | None = None
    channel_id: int = 1
    cart_id: str = ""
    payment_method: str = ""
    payment_provider_id: str = ""
    payment_status: str = ""
    # Set from the lines unless the request fixed them (they come in ex/inc pairs).
    subtotal_ex_tax: Decimal = ZERO
    subtotal_inc_tax: Decimal = ZERO
    fixed_subtotal: bool = False
    total_ex_tax: Decimal = ZERO
    total_inc_tax: Decimal = ZERO
    fixed_total: bool = False
    base_shipping_cost: Decimal = ZERO
    shipping_cost_ex_tax: Decimal = ZERO
    shipping_cost_inc_tax: Decimal = ZERO
    base_handling_cost: Decimal = ZERO
    handling_cost_ex_tax: Decimal = ZERO
    handling_cost_inc_tax: Decimal = ZERO
    base_wrapping_cost: Decimal = ZERO
    wrapping_cost_ex_tax: Decimal = ZERO
    wrapping_cost_inc_tax: Decimal = ZERO
    discount_amount: Decimal = ZERO
    refunded_amount: Decimal = ZERO
    # What was captured (v3 payment actions); a refund never exceeds it.
    amount_paid: Decimal = ZERO
    items_total: int = 0
    items_shipped: int = 0
    is_deleted: bool = False
    order_is_digital: bool = False
    staff_notes: str = ""
    customer_message: str = ""
    customer_locale: str = "en"
    default_currency_code: str = "USD"
    order_source: str = "external"
    external_source: str | None = None
    external_id: str | None = None
    external_merchant_id: str | None = None
    external_order_id: str = ""
    ebay_order_id: str = "0"
    ip_address: str = ""
    ip_address_v6: str = ""
    geoip_country: str = ""
    geoip_country_iso2: str = ""
    tax_provider_id: str = ""
    pickups: tuple[Pickup, ...] = ()
    fees: tuple[Fee, ...] = ()

    @property
    def status(self) -> str:
        return STATUSES[self.status_id]


@dataclass(frozen=True, slots=True)
class LineOption:
    """A chosen option of a catalog line: a variant option or a modifier, and its value."""

    id: int
    option_id: int
    display_name: str
    display_value: str
    value: str
    type: str = "Multiple choice"


@dataclass(frozen=True, slots=True)
class OrderProduct:
    """One line of an order: a catalog product (``product_id`` > 0) or a custom one (0)."""

    id: int
    order_id: int
    name: str
    quantity: int
    base_price: Decimal
    price_ex_tax: Decimal
    price_inc_tax: Decimal
    product_id: int = 0
    variant_id: int = 0
    order_address_id: int = 0
    order_pickup_method_id: int = 0
    sku: str = ""
    upc: str = ""
    type: str = "physical"
    weight: Decimal = ZERO
    width: Decimal = ZERO
    height: Decimal = ZERO
    depth: Decimal = ZERO
    base_cost_price: Decimal = ZERO
    brand: str = ""
    bin_picking_number: str = ""
    quantity_shipped: int = 0
    quantity_refunded: int = 0
    refund_amount: Decimal = ZERO
    name_customer: str = ""
    name_merchant: str = ""
    wrapping_name: str = ""
    wrapping_message: str = ""
    wrapping_cost_ex_tax: Decimal = ZERO
    wrapping_cost_inc_tax: Decimal = ZERO
    product_options: tuple[LineOption, ...] = ()
    # Which inventory the line took: "product", "variant" or "" (untracked or custom).
    stock_from: str = ""

    @property
    def total_ex_tax(self) -> Decimal:
        return self.price_ex_tax * self.quantity

    @property
    def total_inc_tax(self) -> Decimal:
        return self.price_inc_tax * self.quantity


@dataclass(frozen=True, slots=True)
class ShippingAddress:
    id: int
    order_id: int
    address: Address
    shipping_method: str = ""
    base_cost: Decimal = ZERO
    cost_ex_tax: Decimal = ZERO
    cost_inc_tax: Decimal = ZERO
    base_handling_cost: Decimal = ZERO
    handling_cost_ex_tax: Decimal = ZERO
    handling_cost_inc_tax: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class ShipmentItem:
    order_product_id: int
    product_id: int
    quantity: int


@dataclass(frozen=True, slots=True)
class Shipment:
    id: int
    order_id: int
    order_address_id: int
    date_created: datetime
    items: tuple[ShipmentItem, ...]
    tracking_number: str = ""
    merchant_shipping_cost: Decimal = ZERO
    shipping_method: str = ""
    shipping_provider: str = ""
    tracking_carrier: str = ""
    tracking_link: str = ""
    comments: str = ""


# Dates are filed in buckets of 2^12, 2^16, 2^20, 2^24 and 2^28 seconds (about an hour, 18 hours, 12 days, 6 months
# and 8 years): a date range is covered by a few dozen buckets, so a date filter costs what it matches.
BUCKET_SHIFTS = (12, 16, 20, 24, 28)


def _seconds(value: datetime) -> int:
    return int(value.timestamp())


def _bucket(get: Callable[[Order], datetime], shift: int) -> Callable[[Order], int]:
    return lambda order: _seconds(get(order)) >> shift


def bucket_index(field: str, shift: int) -> str:
    return f"{field}_{shift}"


def _date_indexes(field: str, get: Callable[[Order], datetime]) -> tuple[Index, ...]:
    return tuple(Index(bucket_index(field, shift), _bucket(get, shift)) for shift in BUCKET_SHIFTS)


def _email(order: Order) -> str | None:
    return order.billing_address.email.casefold() or None


TABLES = (
    TableSpec(
        "orders",
        Order,
        indexes=(
            Index("customer_id", lambda o: o.customer_id),
            Index("status_id", lambda o: o.status_id),
            Index("email", _email),
            Index("cart_id", lambda o: o.cart_id or None),
            Index("payment_method", lambda o: o.payment_method),
            Index("channel_id", lambda o: o.channel_id),
            Index("external_order_id", lambda o: o.external_order_id or None),
            Index("is_deleted", lambda o: o.is_deleted),
            *_date_indexes("date_modified", lambda o: o.date_modified),
            *_date_indexes("date_created", lambda o: o.date_created),
        ),
    ),
    TableSpec(
        "order_products",
        OrderProduct,
        indexes=(Index("order_id", lambda line: line.order_id),),
        references=(Reference("order_id", "orders", "cascade"),),
        resource="order_product",
    ),
    TableSpec(
        "order_addresses",
        ShippingAddress,
        indexes=(Index("order_id", lambda a: a.order_id),),
        references=(Reference("order_id", "orders", "cascade"),),
        resource="order_address",
    ),
    TableSpec(
        "order_shipments",
        Shipment,
        indexes=(Index("order_id", lambda s: s.order_id),),
        references=(Reference("order_id", "orders", "cascade"),),
        resource="shipment",
    ),
)
