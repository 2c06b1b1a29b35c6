"""Create, change, find and delete customers (upstream customers.v3.yml createCustomers and its
siblings; customers.v2.yml serves the same records).

Rules: ``email`` is unique in the store, compared without case, across the store and within a
batch; a batch is all or nothing (a refused item refuses the call, upstream answers 422 for the
whole call); the customer group, when given, must exist, and a customer given none joins the
default group of its channel; attribute values must suit their attribute's type. Every check
runs before the first write. Passwords are kept only as scrypt hashes
(``mockbc.domain.customer_passwords``) and never leave the store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from mockbc.domain.customer_passwords import hash_password, verify_password
from mockbc.domain.customers import DEFAULT_CHANNEL_ID, Customer
from mockbc.domain.errors import Invalid, Problem
from mockbc.domain.query import Condition, Filter
from mockbc.services import channels as channel_service
from mockbc.services import customer_addresses, customer_attributes, customer_form_fields, customer_settings
from mockbc.services.customer_common import caseless, get_customer
from mockbc.store.select import Rows, select
from mockbc.store.store import Store

FILTERS = {
    "id": Filter(get=lambda c: c.id, primary=True),
    # Compared without case: the indexes hold case-folded keys, ``find`` folds the values asked for.
    "email": Filter(get=lambda c: c.email.casefold(), index="email"),
    "name": Filter(get=lambda c: c.name.casefold(), index="name"),
    "company": Filter(get=lambda c: c.company.casefold(), index="company"),
    "customer_group_id": Filter(get=lambda c: c.customer_group_id, index="customer_group_id"),
    "phone": Filter(get=lambda c: c.phone, index="phone"),
    "registration_ip_address": Filter(get=lambda c: c.registration_ip_address, index="registration_ip_address"),
    "date_created": Filter(get=lambda c: c.date_created),
    "date_modified": Filter(get=lambda c: c.date_modified),
    # name:like matches any of its values inside "first last" (upstream getCustomers), without case.
    "name_like": Filter(matches=lambda c: lambda r: any(v.casefold() in r.name.casefold() for v in c.value)),
    "first_name": Filter(get=lambda c: c.first_name, index="first_name"),
    "last_name": Filter(get=lambda c: c.last_name, index="last_name"),
    "tax_exempt_category": Filter(get=lambda c: c.tax_exempt_category, index="tax_exempt_category"),
    "store_credit": Filter(get=lambda c: c.store_credit),
}


@dataclass(frozen=True, slots=True)
class NewCustomer:
    """One customer of a create: its fields, and what is created with it."""

    fields: Mapping[str, Any]
    password: str | None = None
    addresses: Sequence[Mapping[str, Any]] = ()
    attributes: Sequence[tuple[int, str]] = ()  # (attribute_id, value)
    form_fields: Sequence[tuple[str, Any]] = ()  # (name, value)


@dataclass(frozen=True, slots=True)
class CustomerChange:
    id: int
    fields: Mapping[str, Any] = field(default_factory=dict)
    password: str | None = None
    form_fields: Sequence[tuple[str, Any]] = ()


def get(store: Store, customer_id: int) -> Customer:
    """The customer with this id; ``NotFound("customer", id)`` otherwise."""
    return get_customer(store, customer_id)


CASELESS = frozenset({"email", "name", "company"})


def find(store: Store, conditions: Sequence[Condition]) -> Rows:
    return select(store.customers, caseless(conditions, CASELESS), FILTERS, context=store)


def by_email(store: Store, email: str) -> Customer | None:
    owner = store.customers.unique("email", email.casefold())
    return None if owner is None else store.customers.get(owner)


# --------------------------------------------------------------------------- checks


def _check_group(store: Store, group_id: Any, where: str) -> list[Problem]:
    if group_id in (None, 0) or store.customer_groups.get(group_id) is not None:
        return []
    return [Problem(where, "record_missing", {"resource": "customer group", "id": group_id})]


def _check_emails(store: Store, emails: Sequence[tuple[int, int | None, str]]) -> list[Problem]:
    """``(index, own id, email)`` per item: each email must be free in the store (but for the
    item's own customer, and the customers this batch moves off it) and in the batch."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    moving = {own: email.casefold() for _, own, email in emails if own is not None}
    for index, own, email in emails:
        key = email.casefold()
        if key in seen:
            problems.append(Problem(f"{index}.email", "batch_duplicate", {"item": seen[key], "field": "email"}))
            continue
        seen[key] = index
        owner = store.customers.unique("email", key)
        if owner is not None and owner != own and moving.get(owner, key) == key:
            problems.append(Problem(f"{index}.email", "email_taken", {"value": email}))
    return problems


def _check_channels(store: Store, fields: Mapping[str, Any], at: str) -> list[Problem]:
    """``origin_channel_id`` and ``channel_ids`` must name channels of the store."""
    problems: list[Problem] = []
    origin = fields.get("origin_channel_id")
    if origin is not None and not channel_service.exists(store, origin):
        problems.append(Problem(f"{at}.origin_channel_id", "channel_missing", {"id": origin}))
    unknown = [c for c in dict.fromkeys(fields.get("channel_ids") or ()) if not channel_service.exists(store, c)]
    if unknown:
        problems.append(Problem(f"{at}.channel_ids", "channels_missing", {"ids": unknown}))
    return problems


def _refuse(kind: str, problems: list[Problem], total: int) -> None:
    if problems:
        raise Invalid(kind, tuple(problems), {"total": total})


# --------------------------------------------------------------------------- writes


def create_many(store: Store, items: Sequence[NewCustomer]) -> list[Customer]:
    """Create every customer of the batch, or none (422 naming each refused item)."""
    problems = _check_emails(store, [(i, None, item.fields["email"]) for i, item in enumerate(items)])
    for index, item in enumerate(items):
        problems += _check_group(store, item.fields.get("customer_group_id"), f"{index}.customer_group_id")
        problems += _check_channels(store, item.fields, str(index))
        problems += customer_attributes.check_values(
            store, [(attribute_id, value) for attribute_id, value in item.attributes], f"{index}.attributes"
        )
        for at, address in enumerate(item.addresses):
            problems += customer_addresses.check_country(address, f"{index}.addresses.{at}")
    _refuse("customers_not_created", problems, len(items))
    created: list[Customer] = []
    default_groups: dict[int, int] = {}  # channel -> its default group, read once per batch
    for item in items:
        now = store.clock.now()
        fields = dict(item.fields)
        if "customer_group_id" not in fields:
            channel_id = fields.get("origin_channel_id", DEFAULT_CHANNEL_ID)
            if channel_id not in default_groups:
                default_groups[channel_id] = customer_settings.default_group(store, channel_id)
            fields["customer_group_id"] = default_groups[channel_id]
        customer = Customer(
            id=store.next_id("customers"),
            date_created=now,
            date_modified=now,
            password_hash=hash_password(item.password) if item.password else "",
            **fields,
        )
        store.customers.put(customer.id, customer)
        store.emit("customer", "created", customer.id)
        for name, value in item.form_fields:
            customer_form_fields.put(store, name, value, customer_id=customer.id)
        for address in item.addresses:
            customer_addresses.add(store, customer.id, address)
        for attribute_id, value in item.attributes:
            customer_attributes.put_value(store, customer.id, attribute_id, value)
        created.append(customer)
    return created


def create(store: Store, item: NewCustomer) -> Customer:
    """One customer (the v2 create): refused as the batch of one it is."""
    try:
        return create_many(store, [item])[0]
    except Invalid as err:
        raise Invalid(err.kind, tuple(_unindexed(p) for p in err.problems), err.facts) from None


def _unindexed(problem: Problem) -> Problem:
    head, _, rest = problem.field.partition(".")
    return Problem(rest, problem.rule, problem.facts) if head == "0" and rest else problem


def update_many(store: Store, changes: Sequence[CustomerChange]) -> list[Customer]:
    """Change every customer of the batch, or none."""
    problems: list[Problem] = []
    seen: set[int] = set()
    for index, change in enumerate(changes):
        if change.id in seen:
            problems.append(Problem(f"{index}.id", "batch_repeated_id"))
        seen.add(change.id)
        if store.customers.get(change.id) is None:
            problems.append(Problem(f"{index}.id", "record_missing", {"resource": "customer", "id": change.id}))
        problems += _check_group(store, change.fields.get("customer_group_id"), f"{index}.customer_group_id")
        problems += _check_channels(store, change.fields, str(index))
    problems += _check_emails(
        store, [(i, c.id, c.fields["email"]) for i, c in enumerate(changes) if "email" in c.fields]
    )
    _refuse("customers_not_updated", problems, len(changes))
    updated: list[Customer] = []
    for change in changes:
        customer = get(store, change.id)
        fields: dict[str, Any] = dict(change.fields)
        if change.password:
            fields["password_hash"] = hash_password(change.password)
        new = replace(customer, **fields, date_modified=store.clock.now())
        store.customers.put(new.id, new)
        store.emit("customer", "updated", new.id)
        for name, value in change.form_fields:
            customer_form_fields.put(store, name, value, customer_id=new.id)
        updated.append(new)
    return updated


def update(store: Store, change: CustomerChange) -> Customer:
    get(store, change.id)
    try:
        return update_many(store, [change])[0]
    except Invalid as err:
        raise Invalid(err.kind, tuple(_unindexed(p) for p in err.problems), err.facts) from None


def delete(store: Store, customer_ids: Sequence[int]) -> list[int]:
    """Delete customers and what is theirs (addresses, attribute and form-field values)."""
    return sorted(store.delete("customers", customer_ids).get("customers", ()))


# --------------------------------------------------------------------------- passwords


def valid_credentials(store: Store, email: str, password: str, channel_id: int = DEFAULT_CHANNEL_ID) -> int | None:
    """The id of the customer whose email and password these are, on that channel; ``None`` otherwise. A
    channel the store does not have is refused (422) rather than answered ``None``."""
    if not channel_service.exists(store, channel_id):
        raise Invalid("payload", (Problem("channel_id", "channel_missing", {"id": channel_id}),))
    customer = by_email(store, email)
    if customer is None or not customer.password_hash or not can_use_channel(customer, channel_id):
        return None
    return customer.id if verify_password(password, customer.password_hash) else None


def valid_password(store: Store, customer_id: int, password: str) -> bool:
    customer = get(store, customer_id)
    return bool(customer.password_hash) and verify_password(password, customer.password_hash)


def can_use_channel(customer: Customer, channel_id: int) -> bool:
    """A customer without ``channel_ids`` may sign in on every channel; otherwise on those listed."""
    return customer.channel_ids is None or channel_id in customer.channel_ids


def counts(store: Store, customer_id: int) -> tuple[int, int]:
    """How many addresses and attribute values the customer has."""
    return (
        len(store.customer_addresses.lookup("customer_id", customer_id)),
        len(store.customer_attribute_values.lookup("customer_id", customer_id)),
    )
