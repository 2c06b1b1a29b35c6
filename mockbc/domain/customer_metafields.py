"""Customer metafields (upstream customers.v3.yml createCustomerMetafields and its siblings).

The same rules as catalog metafields (``domain/metafields.py``): a metafield belongs to the API
account that created it, is keyed by that account, its customer, namespace and key, and
``app_only`` ones are seen by their account alone. Ids come from the sequence every metafield
draws from, as upstream's are unique across owners.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mockbc.domain.metafields import SEQUENCE
from mockbc.domain.storage import Index, Reference, TableSpec

RESOURCE_TYPE = "customer"


@dataclass(frozen=True, slots=True)
class CustomerMetafield:
    id: int
    resource_id: int  # the customer's id
    namespace: str
    key: str
    value: str
    permission_set: str
    date_created: datetime
    date_modified: datetime
    description: str = ""
    owner_client_id: str = ""
    resource_type: str = RESOURCE_TYPE


def visible_to(metafield: CustomerMetafield, client_id: str) -> bool:
    return metafield.permission_set != "app_only" or metafield.owner_client_id == client_id


def unique_key(customer_id: int, client_id: str, namespace: str, key: str) -> tuple[int, str, str, str]:
    return (customer_id, client_id, namespace, key)


TABLES = (
    TableSpec(
        "customer_metafields",
        CustomerMetafield,
        indexes=(
            Index("resource_id", lambda m: m.resource_id),
            Index(
                "unique_key", lambda m: unique_key(m.resource_id, m.owner_client_id, m.namespace, m.key), unique=True
            ),
            Index("namespace", lambda m: m.namespace),
            Index("key", lambda m: m.key),
            Index("shared", lambda m: True if m.permission_set != "app_only" else None),
            Index("app_only", lambda m: True if m.permission_set == "app_only" else None),
            Index("app_only_owner", lambda m: m.owner_client_id if m.permission_set == "app_only" else None),
        ),
        references=(Reference("resource_id", "customers", "cascade"),),
        sequence=SEQUENCE,
        resource="customer/metafield",
    ),
)
