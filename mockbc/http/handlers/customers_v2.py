"""v2 customers, their addresses and customer groups (upstream customers.v2.yml):
/v2/customers[/{customer_id}[/addresses[/{customer_address_id}]]], /v2/customer_groups[/{id}],
each with /count, and /v2/customers/{customer_id}/validate.

They read and write the records v3 serves (``services.customers``): a customer made through one
API is the customer the other lists.
"""

from __future__ import annotations

import dataclasses
import functools
import secrets
from collections.abc import Callable
from typing import Any

from mockbc.domain.customers import Customer, CustomerAddress, CustomerGroup
from mockbc.domain.errors import Invalid, Problem
from mockbc.domain.query import Page
from mockbc.http.operations import Binding, bindings
from mockbc.presentation import customers_v2 as wire
from mockbc.presentation.call import Call
from mockbc.services import customer_addresses as address_service
from mockbc.services import customer_groups as group_service
from mockbc.services import customers as service
from mockbc.services.customers import CustomerChange, NewCustomer
from mockbc.spec import Operation, load_operations

FILTERABLE = frozenset({
    "id", "first_name", "last_name", "company", "email", "phone", "store_credit", "customer_group_id",
    "date_created", "date_modified", "tax_exempt_category",
})  # fmt: skip
GROUP_FILTERABLE = frozenset({"id", "name", "is_default", "is_group_for_guests", "date_created", "date_modified"})


@functools.cache
def _list_operation() -> Operation:
    return load_operations()[("v2", "getCustomers")]


def _raw_int(call: Call, name: str) -> int | None:
    values = [value for key, value in call.query_items if key == name]
    if not values:
        return None
    raw = values[-1].strip()
    if not (raw.isascii() and raw.lstrip("-").isdigit()) or len(raw) > 12:
        raise Invalid("filter", (Problem(name, "not_integer", {"raw": values[-1]}),))
    return int(raw)


def _listed(call: Call, *, filters: bool = False) -> Call:
    """The call with ``page`` and ``limit`` read from the query string (upstream's v2 customer
    list declares neither, yet pages like every v2 list) and, with ``filters``, the list's
    filters, typed as the list operation types them (the bulk delete declares none)."""
    query = dict(_list_operation().parse_query(call.query_items)) if filters else dict(call.query)
    for name in ("page", "limit"):
        value = _raw_int(call, name)
        if value is not None:
            query[name] = value
    return dataclasses.replace(call, query=query)


def _customers(call: Call) -> Page[Customer]:
    listing = call.view.listing(call, FILTERABLE)
    return call.view.page(service.find(call.store, listing.conditions), listing)


def list_customers(call: Call) -> Page[Customer]:
    return _customers(_listed(call))


def count_customers(call: Call) -> int:
    """How many customers the list's filters match (the count operation declares none; it reads the list's)."""
    return _customers(_listed(call, filters=True)).total


def get_customer(call: Call) -> Customer:
    return service.get(call.store, call.path["customer_id"])


def create_customer(call: Call) -> Customer:
    body: wire.CustomerBody = call.view.parse(call.body)["customer"]
    # Without a password the store makes one up (BC_FACTS §3.10): the customer cannot sign in
    # until it is set or reset.
    password = body.password or secrets.token_urlsafe(24)
    return service.create(call.store, NewCustomer(fields=body.fields, password=password))


def update_customer(call: Call) -> Customer:
    body: wire.CustomerBody = call.view.parse(call.body)["customer"]
    return service.update(call.store, CustomerChange(call.path["customer_id"], body.fields, body.password))


def delete_customer(call: Call) -> None:
    service.get(call.store, call.path["customer_id"])
    service.delete(call.store, [call.path["customer_id"]])


def delete_customers(call: Call) -> None:
    """Every customer the filters match; without a filter every customer (upstream deleteCustomers)."""
    listed = _listed(call, filters=True)
    listing = listed.view.listing(listed, FILTERABLE)
    records = listed.view.page(
        service.find(call.store, listing.conditions), dataclasses.replace(listing, page=1, limit=2**62)
    )
    service.delete(call.store, [customer.id for customer in records.items])


def validate_password(call: Call) -> wire.Validation:
    password = (call.body or {}).get("password") or ""
    return wire.Validation(service.valid_password(call.store, call.path["customer_id"], password))


# --------------------------------------------------------------------------- addresses


def _addresses(call: Call) -> Page[CustomerAddress]:
    customer = service.get(call.store, call.path["customer_id"])
    listing = call.view.listing(call, ())
    return call.view.page(address_service.of_customer(call.store, customer.id), listing)


def list_addresses(call: Call) -> Page[CustomerAddress]:
    return _addresses(call)


def count_addresses(call: Call) -> int:
    return _addresses(call).total


def get_address(call: Call) -> CustomerAddress:
    service.get(call.store, call.path["customer_id"])
    return address_service.get(call.store, call.path["customer_address_id"], call.path["customer_id"])


def create_address(call: Call) -> CustomerAddress:
    return address_service.create(call.store, call.path["customer_id"], call.view.parse(call.body))


def update_address(call: Call) -> CustomerAddress:
    changes = call.view.parse(call.body)
    return address_service.update(call.store, call.path["customer_id"], call.path["customer_address_id"], changes)


def delete_address(call: Call) -> None:
    get_address(call)
    address_service.delete(call.store, [call.path["customer_address_id"]])


def delete_addresses(call: Call) -> None:
    customer = service.get(call.store, call.path["customer_id"])
    address_service.delete(call.store, [a.id for a in address_service.of_customer(call.store, customer.id)])


# --------------------------------------------------------------------------- customer groups


def _groups(call: Call) -> Page[CustomerGroup]:
    listing = call.view.listing(call, GROUP_FILTERABLE)
    return call.view.page(group_service.find(call.store, listing.conditions), listing)


def list_groups(call: Call) -> Page[CustomerGroup]:
    return _groups(call)


def count_groups(call: Call) -> int:
    return _groups(_listed(call)).total


def get_group(call: Call) -> CustomerGroup:
    return group_service.get(call.store, call.path["customer_group_id"])


def create_group(call: Call) -> CustomerGroup:
    return group_service.create(call.store, call.view.parse(call.body))


def update_group(call: Call) -> CustomerGroup:
    return group_service.update(call.store, call.path["customer_group_id"], call.view.parse(call.body))


def delete_group(call: Call) -> None:
    group_service.delete(call.store, call.path["customer_group_id"])


def _v2(view: Any, handlers: dict[str, Callable[[Call], Any]]) -> tuple[Binding, ...]:
    return bindings("v2", view, scope="customers", handlers=handlers)


OPERATIONS = (
    *_v2(wire.CUSTOMERS, {
        "getCustomers": list_customers,
        "getCustomersCount": count_customers,
        "getCustomer": get_customer,
        "updateCustomer": update_customer,
        "deleteCustomer": delete_customer,
        "deleteCustomers": delete_customers,
    }),
    *_v2(wire.CREATE_CUSTOMER, {"createCustomer": create_customer}),
    *_v2(wire.VALIDATION, {"validateCustomerPassword": validate_password}),
    *_v2(wire.ADDRESSES, {
        "getCustomerAddresses": list_addresses,
        "getCustomerAddressesCount": count_addresses,
        "getCustomerAddress": get_address,
        "updateCustomerAddress": update_address,
        "deletesCustomerAddress": delete_address,
        "deleteCustomerAddresses": delete_addresses,
    }),
    *_v2(wire.CREATE_ADDRESS, {"createCustomerAddress": create_address}),
    *_v2(wire.GROUPS, {
        "getCustomerGroups": list_groups,
        "getCustomerGroupsCount": count_groups,
        "getCustomerGroup": get_group,
        "updateCustomerGroup": update_group,
        "deleteCustomerGroup": delete_group,
    }),
    *_v2(wire.CREATE_GROUP, {"createCustomerGroup": create_group}),
)  # fmt: skip
