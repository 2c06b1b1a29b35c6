"""Customers and what hangs off one: addresses, attribute values, form-field values; customer
attributes and customer groups; the store's customer settings (upstream customers.v3.yml and
customers.v2.yml describe the same records).

The v3 and v2 APIs read and write the same rows: a customer created through one is the
customer the other lists. A password is kept only as an scrypt hash (``customer_passwords``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal

from mockbc.domain.storage import Index, Reference, TableSpec

# Upstream createCustomers / updateCustomers: at most 10 customers per call (413 beyond).
MAX_BATCH = 10
# Upstream customer_Post.addresses and .attributes: at most 10 of each inline.
MAX_INLINE = 10
# Upstream createCustomersAttributes: at most 50 customer attributes per store.
MAX_ATTRIBUTES = 50
# Upstream DELETE /v2/customers deletes in batches of up to 100 (BC_FACTS §5); the mock deletes all it matches.
DEFAULT_CHANNEL_ID = 1

AttributeType = Literal["string", "number", "date"]
ATTRIBUTE_TYPES: tuple[AttributeType, ...] = ("string", "number", "date")
FORM_FIELD_TYPES = ("checkboxes", "date", "multiline", "numbers", "password", "radiobuttons", "text", "picklist")
# Upstream consentAllow / Deny: the consent categories a customer can allow or deny.
CONSENT_CATEGORIES = ("essential", "functional", "analytics", "targeting")


@dataclass(frozen=True, slots=True)
class Customer:
    id: int
    email: str
    first_name: str
    last_name: str
    date_created: datetime
    date_modified: datetime
    company: str = ""
    phone: str = ""
    customer_group_id: int = 0
    notes: str = ""
    tax_exempt_category: str = ""
    registration_ip_address: str = ""
    # An scrypt hash (``customer_passwords.hash_password``), "" while the customer has no password.
    password_hash: str = ""
    force_password_reset: bool = False
    accepts_product_review_abandoned_cart_emails: bool = False
    # v2's read-only ``accepts_marketing`` (customers.v2.yml customer_Full).
    accepts_marketing: bool = False
    store_credit_amounts: tuple[float, ...] = ()
    origin_channel_id: int = DEFAULT_CHANNEL_ID
    channel_ids: tuple[int, ...] | None = None
    consent_allow: tuple[str, ...] = ()
    consent_deny: tuple[str, ...] = ()
    consent_updated_at: datetime | None = None

    @property
    def name(self) -> str:
        """First and last name as ``name`` / ``name:like`` match them (upstream getCustomers)."""
        return f"{self.first_name} {self.last_name}"

    @property
    def store_credit(self) -> float:
        return float(sum(self.store_credit_amounts))


# What a customer body may set; the rest is the store's (id, dates, counts, the hash).
WRITABLE_FIELDS = frozenset(
    {
        "email", "first_name", "last_name", "company", "phone", "customer_group_id", "notes",
        "tax_exempt_category", "registration_ip_address", "force_password_reset",
        "accepts_product_review_abandoned_cart_emails", "store_credit_amounts", "origin_channel_id", "channel_ids",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class CustomerAddress:
    id: int
    customer_id: int
    first_name: str
    last_name: str
    address1: str
    city: str
    country_code: str
    company: str = ""
    address2: str = ""
    state_or_province: str = ""
    postal_code: str = ""
    country: str = ""
    phone: str = ""
    address_type: str = "residential"


ADDRESS_FIELDS = frozenset(
    {
        "first_name", "last_name", "address1", "city", "country_code", "company", "address2",
        "state_or_province", "postal_code", "country", "phone", "address_type",
    }
)  # fmt: skip


def address_key(address: CustomerAddress) -> tuple[Any, ...]:
    """What makes two addresses of one customer the same address (a duplicate is skipped on create)."""
    return (
        address.customer_id,
        *(getattr(address, name).strip().casefold() for name in sorted(ADDRESS_FIELDS - {"country"})),
    )


@dataclass(frozen=True, slots=True)
class CustomerAttribute:
    id: int
    name: str
    type: AttributeType
    date_created: datetime
    date_modified: datetime


@dataclass(frozen=True, slots=True)
class CustomerAttributeValue:
    id: int
    customer_id: int
    attribute_id: int
    value: str
    date_created: datetime
    date_modified: datetime


@dataclass(frozen=True, slots=True)
class FormFieldValue:
    """A form field's value for a customer (``customer_id``) or for one of its addresses (``address_id``)."""

    id: int
    name: str
    value: str | float | tuple[str, ...]
    customer_id: int | None = None
    address_id: int | None = None


@dataclass(frozen=True, slots=True)
class CategoryAccess:
    type: Literal["all", "specific", "none"] = "all"
    categories: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class DiscountRule:
    type: str  # "all", "category", "product", "price_list"
    method: str = "percent"  # "percent", "fixed", "price"
    amount: float = 0.0
    category_id: int | None = None
    product_id: int | None = None
    price_list_id: int | None = None


@dataclass(frozen=True, slots=True)
class CustomerGroup:
    id: int
    name: str
    date_created: datetime
    date_modified: datetime
    is_default: bool = False
    is_group_for_guests: bool = False
    category_access: CategoryAccess = CategoryAccess()
    discount_rules: tuple[DiscountRule, ...] = ()


@dataclass(frozen=True, slots=True)
class CustomerSettings:
    """The store's customer settings (``id`` 0), or one channel's (``id`` = the channel id), where
    ``None`` means the channel takes the store's value (upstream CustomerChannelSettingsObject)."""

    id: int
    ask_shopper_for_tracking_consent: bool | None = None
    policy_url: str | None = None
    guest_customer_group_id: int | None = None
    default_customer_group_id: int | None = None
    allow_global_logins: bool | None = None


STORE_SETTINGS_ID = 0
STORE_SETTINGS = CustomerSettings(
    id=STORE_SETTINGS_ID, ask_shopper_for_tracking_consent=False, policy_url="", guest_customer_group_id=0,
    default_customer_group_id=0, allow_global_logins=True,
)  # fmt: skip
SETTINGS_FIELDS = ("ask_shopper_for_tracking_consent", "policy_url", "guest_customer_group_id",
                   "default_customer_group_id", "allow_global_logins")  # fmt: skip


def _no_group(customer: Customer, _group_id: int) -> Customer:
    return replace(customer, customer_group_id=0)


TABLES = (
    TableSpec(
        "customer_groups",
        CustomerGroup,
        indexes=(Index("name", lambda g: g.name.casefold(), unique=True),),
        resource="customer_group",
    ),
    TableSpec(
        "customers",
        Customer,
        indexes=(
            Index("email", lambda c: c.email.casefold(), unique=True),
            Index("customer_group_id", lambda c: c.customer_group_id),
            Index("company", lambda c: c.company.casefold()),
            Index("phone", lambda c: c.phone),
            Index("name", lambda c: c.name.casefold()),
            Index("first_name", lambda c: c.first_name),
            Index("last_name", lambda c: c.last_name),
            Index("tax_exempt_category", lambda c: c.tax_exempt_category),
            Index("registration_ip_address", lambda c: c.registration_ip_address),
        ),
        # A group's delete moves its customers to no group (v2 deleteCustomerGroup).
        references=(Reference("customer_group_id", "customer_groups", "clear", _no_group),),
    ),
    TableSpec(
        "customer_addresses",
        CustomerAddress,
        indexes=(
            Index("customer_id", lambda a: a.customer_id),
            Index("same", address_key),
            Index("company", lambda a: a.company.casefold()),
            Index("name", lambda a: f"{a.first_name} {a.last_name}".casefold()),
        ),
        references=(Reference("customer_id", "customers", "cascade"),),
        # The webhook scope of an address change: store/customer/address/created.
        resource="customer/address",
    ),
    TableSpec(
        "customer_attributes",
        CustomerAttribute,
        indexes=(Index("name", lambda a: a.name.casefold(), unique=True),),
        resource="customer_attribute",
    ),
    TableSpec(
        "customer_attribute_values",
        CustomerAttributeValue,
        indexes=(
            Index("customer_id", lambda v: v.customer_id),
            Index("attribute_id", lambda v: v.attribute_id),
            Index("pair", lambda v: (v.customer_id, v.attribute_id), unique=True),
        ),
        references=(
            Reference("customer_id", "customers", "cascade"),
            # Deleting an attribute deletes its values (upstream attribute_Put's description).
            Reference("attribute_id", "customer_attributes", "cascade"),
        ),
        resource="customer_attribute_value",
    ),
    TableSpec(
        "customer_form_field_values",
        FormFieldValue,
        indexes=(
            Index("customer_id", lambda f: f.customer_id),
            Index("address_id", lambda f: f.address_id),
            Index("name", lambda f: f.name),
            Index("owner_name", lambda f: (f.customer_id, f.address_id, f.name), unique=True),
        ),
        references=(
            Reference("customer_id", "customers", "cascade"),
            Reference("address_id", "customer_addresses", "cascade"),
        ),
        resource="customer_form_field_value",
    ),
    TableSpec("customer_settings", CustomerSettings, resource="customer_settings"),
)
