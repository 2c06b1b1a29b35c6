"""Metafields: one record type, one table per owner kind (products, variants, categories,
brands, orders, customers), all drawing ids from one sequence, as upstream's are unique across owners.

Upstream (products_catalog.v3.yml, product-variants_catalog.v3.yml, categories_catalog.v3.yml,
brands_catalog.v3.yml, orders.v3.yml, customers.v3.yml) keys a metafield by the app's client ID,
namespace, key, resource type and resource id (the 409 of createProductMetafield). Each kind has its own table so a delete of
the owner cascades to its metafields and every event, cascades included, carries the kind's
webhook resource name (``store/product/metafield/deleted``...).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from mockbc.domain.errors import Forbidden
from mockbc.domain.storage import Index, Reference, TableSpec

ResourceType = Literal["product", "variant", "category", "brand", "order", "customer", "channel", "cart"]

PERMISSION_SETS = ("app_only", "read", "write", "read_and_sf_access", "write_and_sf_access")
# Permission sets that let API accounts other than the creator write the value (upstream
# metafield_Base.permission_set: "write" is open for reading and writing by other API consumers).
SHARED_WRITE = frozenset({"write", "write_and_sf_access"})
# Fields only the creating API account may change (upstream updateProductMetafield).
OWNER_ONLY_FIELDS = ("namespace", "key", "permission_set", "value")

# At most 250 metafields per resource and client ID (upstream createProductMetafield).
MAX_PER_RESOURCE = 250

SEQUENCE = "metafields"


@dataclass(frozen=True, slots=True)
class Metafield:
    id: int
    resource_type: ResourceType
    resource_id: int | str  # a cart's id is a UUID string; every other owner's an integer
    namespace: str
    key: str
    value: str
    permission_set: str
    date_created: datetime
    date_modified: datetime
    description: str = ""
    owner_client_id: str = ""


WRITABLE_FIELDS = frozenset({"namespace", "key", "value", "permission_set", "description"})


@dataclass(frozen=True, slots=True)
class Kind:
    """One owner kind: what a metafield of it is attached to, and where it is stored."""

    resource_type: ResourceType
    table: str  # the metafields table
    owner_table: str  # the table of the records that own them
    owner: str  # the owner's resource name, for errors ("product")
    event: str  # the resource name of events (webhook scope ``store/<event>/<action>``)


PRODUCT = Kind("product", "product_metafields", "products", "product", "product/metafield")
VARIANT = Kind("variant", "variant_metafields", "variants", "variant", "product/variant/metafield")
CATEGORY = Kind("category", "category_metafields", "categories", "category", "category/metafield")
BRAND = Kind("brand", "brand_metafields", "brands", "brand", "brand/metafield")
# Orders' metafields (upstream orders.v3.yml getOrderMetafields and its siblings) share the catalog's rules.
ORDER = Kind("order", "order_metafields", "orders", "order", "order/metafield")
# Customers' metafields (upstream customers.v3.yml createCustomerMetafields and its siblings) too.
CUSTOMER = Kind("customer", "customer_metafields", "customers", "customer", "customer/metafield")
# Channels' metafields (upstream channels.v3.yml getChannelMetafields and its siblings) too.
CHANNEL = Kind("channel", "channel_metafields", "channels", "channel", "channel/metafield")
# Carts' metafields (upstream carts.v3.yml createCartMetafield and its siblings) outlive their cart: an order
# placed from a cart keeps referring to them after the cart is deleted, so no delete cascades to them.
CART = Kind("cart", "cart_metafields", "carts", "cart", "cart/metafield")
KINDS: dict[ResourceType, Kind] = {
    k.resource_type: k for k in (PRODUCT, VARIANT, CATEGORY, BRAND, ORDER, CUSTOMER, CHANNEL, CART)
}


def visible_to(metafield: Metafield, client_id: str) -> bool:
    """``app_only`` metafields are seen by the API account that created them only."""
    return metafield.permission_set != "app_only" or metafield.owner_client_id == client_id


def unique_key(resource_id: int | str, client_id: str, namespace: str, key: str) -> tuple[int | str, str, str, str]:
    return (resource_id, client_id, namespace, key)


@dataclass
class NotPermitted(Forbidden):
    """A valid token, with the scope, asking to change what only the creating API account may
    change (upstream updateProductMetafield: 403)."""

    field: str = ""  # the field refused; empty for a delete


def _table(kind: Kind) -> TableSpec:
    return TableSpec(
        kind.table,
        Metafield,
        indexes=(
            Index("resource_id", lambda m: m.resource_id),
            Index(
                "unique_key", lambda m: unique_key(m.resource_id, m.owner_client_id, m.namespace, m.key), unique=True
            ),
            Index("namespace", lambda m: m.namespace),
            Index("key", lambda m: m.key),
            # Visibility: the records every account sees, the app_only ones, and each account's own app_only ones.
            Index("shared", lambda m: True if m.permission_set != "app_only" else None),
            Index("app_only", lambda m: True if m.permission_set == "app_only" else None),
            Index("app_only_owner", lambda m: m.owner_client_id if m.permission_set == "app_only" else None),
        ),
        references=(Reference("resource_id", kind.owner_table, "cascade"),),
        sequence=SEQUENCE,
        resource=kind.event,
    )


TABLES = tuple(_table(kind) if kind is not CART else replace(_table(kind), references=()) for kind in KINDS.values())
