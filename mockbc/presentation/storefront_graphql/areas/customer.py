"""``Query.customer``: the shopper a customer impersonation token names in ``X-Bc-Customer-Id`` or a
customer access token signs in (``X-Bc-Customer-Access-Token``), or ``null`` for a guest (and for an
id that names no customer of the store)."""

from __future__ import annotations

from typing import Any

from mockbc.domain.customers import Customer
from mockbc.domain.errors import NotFound
from mockbc.presentation.storefront_graphql.seam import Area, Context
from mockbc.services import customer_groups, customers

AREA = Area()


def customer_object(context: Context, customer: Customer) -> dict[str, Any]:
    group_name: str | None = None
    if customer.customer_group_id:
        try:
            group_name = customer_groups.get(context.store, customer.customer_group_id).name
        except NotFound:
            group_name = None
    return {
        "record": customer,
        "entityId": customer.id,
        "company": customer.company,
        "customerGroupId": customer.customer_group_id,
        "customerGroupName": group_name,
        "email": customer.email,
        "firstName": customer.first_name,
        "lastName": customer.last_name,
        "phone": customer.phone,
        "taxExemptCategory": customer.tax_exempt_category,
        "addressCount": len(context.store.customer_addresses.lookup("customer_id", customer.id)),
        "attributeCount": len(context.store.customer_attribute_values.lookup("customer_id", customer.id)),
    }


@AREA.field("Query", "customer")
def customer(_source: Any, info: Any) -> dict[str, Any] | None:
    context: Context = info.context
    if context.customer_id is None:
        return None
    try:
        record = customers.get(context.store, context.customer_id)
    except NotFound:
        return None
    return customer_object(context, record)
