"""Create, change, find and delete customer addresses (upstream customers.v3.yml
createCustomersAddresses and its siblings; customers.v2.yml's addresses are the same rows).

Rules: the customer must exist; ``country_code`` is an ISO 3166-1 alpha-2 code (kept in capitals);
an address equal to one the customer already has (or to an earlier item of the same batch) is
skipped, not refused: the call answers 200 without it (BC_FACTS §3.9). A refused batch writes
nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockbc.domain.countries import NAMES as COUNTRY_NAMES
from mockbc.domain.customers import ADDRESS_FIELDS, CustomerAddress, address_key
from mockbc.domain.errors import Invalid, NotFound, Problem
from mockbc.domain.query import Condition, Filter
from mockbc.services import customer_form_fields
from mockbc.services.customer_common import caseless, get_customer
from mockbc.store.select import Rows, select
from mockbc.store.store import Store

CASELESS = frozenset({"company", "name"})
FILTERS = {
    "id": Filter(get=lambda a: a.id, primary=True),
    "customer_id": Filter(get=lambda a: a.customer_id, index="customer_id"),
    "company": Filter(get=lambda a: a.company.casefold(), index="company"),
    "name": Filter(get=lambda a: f"{a.first_name} {a.last_name}".casefold(), index="name"),
}


def find(store: Store, conditions: Sequence[Condition]) -> Rows:
    return select(store.customer_addresses, caseless(conditions, CASELESS), FILTERS, context=store)


def of_customer(store: Store, customer_id: int) -> Rows:
    return find(store, [Condition("customer_id", "eq", customer_id)])


def get(store: Store, address_id: int, customer_id: int | None = None) -> CustomerAddress:
    address: CustomerAddress | None = store.customer_addresses.get(address_id)
    if address is None or (customer_id is not None and address.customer_id != customer_id):
        raise NotFound("customer address", address_id)
    return address


def _known(fields: Mapping[str, Any]) -> dict[str, Any]:
    known = {name: value for name, value in fields.items() if name in ADDRESS_FIELDS}
    if "country_code" in known:
        known["country_code"] = known["country_code"].upper()
    return known


def _draft(customer_id: int, fields: Mapping[str, Any]) -> CustomerAddress:
    return CustomerAddress(id=0, customer_id=customer_id, **_known(fields))


def check_country(fields: Mapping[str, Any], where: str) -> list[Problem]:
    """A country code must be an ISO 3166-1 alpha-2 code (any case)."""
    code = fields.get("country_code")
    if code is None or code.upper() in COUNTRY_NAMES:
        return []
    return [Problem(f"{where}.country_code" if where else "country_code", "country_code", {"value": code})]


def _is_duplicate(store: Store, draft: CustomerAddress) -> bool:
    return bool(store.customer_addresses.lookup("same", address_key(draft)))


def add(store: Store, customer_id: int, fields: Mapping[str, Any]) -> CustomerAddress | None:
    """One address of an existing customer; ``None`` when the customer already has it."""
    draft = _draft(customer_id, fields)
    if _is_duplicate(store, draft):
        return None
    address = replace(draft, id=store.next_id("customer_addresses"))
    store.customer_addresses.put(address.id, address)
    store.emit("customer/address", "created", address.id)
    for name, value in fields.get("form_fields", ()):
        customer_form_fields.put(store, name, value, address_id=address.id)
    return address


def create_many(store: Store, items: Sequence[Mapping[str, Any]]) -> list[CustomerAddress]:
    """The addresses of the batch that are new; duplicates are left out of the answer."""
    problems: list[Problem] = []
    for index, item in enumerate(items):
        problems += check_country(item, str(index))
        if store.customers.get(item["customer_id"]) is None:
            problems.append(
                Problem(f"{index}.customer_id", "record_missing", {"resource": "customer", "id": item["customer_id"]})
            )
    if problems:
        raise Invalid("addresses_not_created", tuple(problems), {"total": len(items)})
    created: list[CustomerAddress] = []
    for item in items:
        address = add(store, item["customer_id"], item)
        if address is not None:
            created.append(address)
    return created


def create(store: Store, customer_id: int, fields: Mapping[str, Any]) -> CustomerAddress:
    """One address (the v2 create): a duplicate answers the address the customer already has."""
    get_customer(store, customer_id)
    address = add(store, customer_id, fields)
    if address is not None:
        return address
    same = sorted(store.customer_addresses.lookup("same", address_key(_draft(customer_id, fields))))
    existing: CustomerAddress = store.customer_addresses.require(same[0])
    return existing


def update_many(store: Store, items: Sequence[tuple[int, Mapping[str, Any]]]) -> list[CustomerAddress]:
    problems: list[Problem] = []
    seen: set[int] = set()
    for index, (address_id, changes) in enumerate(items):
        problems += check_country(changes, str(index))
        if address_id in seen:
            problems.append(Problem(f"{index}.id", "batch_repeated_id"))
        seen.add(address_id)
        if store.customer_addresses.get(address_id) is None:
            problems.append(
                Problem(f"{index}.id", "record_missing", {"resource": "customer address", "id": address_id})
            )
    if problems:
        raise Invalid("addresses_not_updated", tuple(problems), {"total": len(items)})
    updated: list[CustomerAddress] = []
    for address_id, changes in items:
        address = get(store, address_id)
        new = replace(address, **_known(changes))
        store.customer_addresses.put(new.id, new)
        store.emit("customer/address", "updated", new.id)
        for name, value in changes.get("form_fields", ()):
            customer_form_fields.put(store, name, value, address_id=new.id)
        updated.append(new)
    return updated


def update(store: Store, customer_id: int, address_id: int, changes: Mapping[str, Any]) -> CustomerAddress:
    get_customer(store, customer_id)
    get(store, address_id, customer_id)
    return update_many(store, [(address_id, changes)])[0]


def delete(store: Store, address_ids: Sequence[int]) -> list[int]:
    return sorted(store.delete("customer_addresses", address_ids).get("customer_addresses", ()))
