"""Customers (v3): items for ``POST /v3/customers`` with emails no customer has (compared
ignoring case, as the mock compares them), their addresses, and batches the mock must refuse.

``POST /v3/customers`` takes an array of at most 10 items and stores all of them or none, so
``customer_batches()`` keeps emails unique inside the batch too, and ``invalid_customers()``
breaks exactly one item of an otherwise valid batch.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from mockbc._strategies._core import InvalidCase, apply_overrides, check_sizes, check_store, made_unique
from mockbc._strategies._intended import INTENDED
from mockbc.store.store import Store

MAX_BATCH = 10  # upstream createCustomers: more items is a 413
MAX_EMAIL, MAX_NAME = 250, 100

# (ISO 3166-1 alpha-2, a state or province, a postal code there, a city)
_PLACES = (
    ("US", "Texas", "78701", "Austin"), ("US", "New York", "10001", "New York"), ("CA", "Ontario", "M5V 2T6", "Toronto"),
    ("GB", "England", "SW1A 1AA", "London"), ("AU", "Victoria", "3000", "Melbourne"), ("DE", "Bayern", "80331", "München"),
)  # fmt: skip
_FIRST = ("Ann", "Bo", "Chidi", "Dana", "Émile", "Farah", "Grete", "Hiro", "Ines", "José", "Zoë", "Łukasz")
_LAST = ("Lee", "Okafor", "Smith", "Müller", "Tanaka", "García", "O'Neil", "Nguyen", "Kowalska", "van der Berg")
_DOMAINS = ("example.com", "example.org", "mail.example.net")


def _taken_emails(store: Store | None) -> set[str]:
    return {c.email.casefold() for c in store.customers.values()} if store is not None else set()


def _email(draw: st.DrawFn, first: str, last: str, taken: set[str]) -> str:
    local = draw(st.sampled_from((f"{first}.{last}", f"{first[0]}{last}", f"{first}+shop"))).lower()
    local = "".join(ch for ch in local if ch.isascii() and (ch.isalnum() or ch in ".+_-")) or "customer"
    email = f"{local}@{draw(st.sampled_from(_DOMAINS))}"
    # A taken address gets a number before the @: "ann.lee2@example.com".
    free = made_unique(
        email.split("@")[0], lambda candidate: f"{candidate}@{email.split('@')[1]}".casefold() not in taken,
        max_size=MAX_EMAIL - len(email.split("@")[1]) - 1, separator="",
    )  # fmt: skip
    chosen = f"{free}@{email.split('@')[1]}"
    taken.add(chosen.casefold())
    return chosen


@st.composite
def customer_addresses(draw: st.DrawFn, /, *, customer_id: int | None = None) -> dict[str, Any]:
    """A v3 customer address (inline on a customer, or with ``customer_id`` for
    ``POST /v3/customers/addresses``): names, street, city, an ISO country code with a state and
    postal code of it, sometimes a phone, a company and an address type."""
    code, state, postal, city = draw(st.sampled_from(_PLACES))
    address: dict[str, Any] = {
        "first_name": draw(st.sampled_from(_FIRST)), "last_name": draw(st.sampled_from(_LAST)),
        "address1": f"{draw(st.integers(1, 999))} {draw(st.sampled_from(('Main St', 'High St', 'Elm Grove')))}",
        "city": city, "state_or_province": state, "postal_code": postal, "country_code": code,
    }  # fmt: skip
    if draw(st.booleans()):
        address["phone"] = f"+1 555 {draw(st.integers(0, 9999)):04d}"
    if draw(st.integers(0, 3)) == 0:
        address["company"] = draw(st.sampled_from(("Acme Corp", "Northwind", "Initech")))
    if draw(st.booleans()):
        address["address_type"] = draw(st.sampled_from(("residential", "commercial")))
    if customer_id is not None:
        address["customer_id"] = customer_id
    return address


def _customer(draw: st.DrawFn, store: Store | None, taken: set[str], overrides: dict[str, Any]) -> dict[str, Any]:
    first, last = draw(st.sampled_from(_FIRST)), draw(st.sampled_from(_LAST))
    body: dict[str, Any] = {"email": _email(draw, first, last, taken), "first_name": first, "last_name": last}
    if draw(st.booleans()):
        body["company"] = draw(st.sampled_from(("Acme Corp", "Northwind", "")))
    if draw(st.booleans()):
        body["phone"] = f"+44 20 {draw(st.integers(0, 10**8 - 1)):08d}"
    groups = [g.id for g in store.customer_groups.values()] if store is not None else []
    if draw(st.booleans()) and groups:
        body["customer_group_id"] = draw(st.sampled_from(groups))
    if draw(st.integers(0, 4)) == 0:
        # Hashed with a real password hash by the mock: kept rare, it is the slow part of a create.
        body["authentication"] = {"new_password": draw(st.sampled_from(("Correct-Horse-9", "s3cret!Pass")))}
    if draw(st.integers(0, 2)) == 0:
        body["addresses"] = [draw(customer_addresses()) for _ in range(draw(st.integers(1, 2)))]
    if draw(st.integers(0, 3)) == 0:
        body["notes"] = draw(st.sampled_from(("VIP", "Prefers email", "")))
    apply_overrides(draw, body, overrides)
    return body


@st.composite
def customers(draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]) -> dict[str, Any]:
    """One item for ``POST /v3/customers`` (send it as ``[item]``; 200): an ``email`` no customer
    of ``store`` has, a first and last name, and now and then a company, phone, existing customer
    group, password, addresses or notes. Overrides are sent as drawn."""
    check_store("customers", store)
    return _customer(draw, store, _taken_emails(store), overrides)


@st.composite
def customer_batches(
    draw: st.DrawFn,
    /,
    *,
    store: Store | None = None,
    min_size: int = 1,
    max_size: int = MAX_BATCH,
    **overrides: st.SearchStrategy[Any],
) -> list[dict[str, Any]]:
    """Bodies for ``POST /v3/customers`` (200): 1 to 10 ``customers()`` items whose emails are
    unique in the store and among themselves."""
    check_store("customer_batches", store)
    check_sizes("customer_batches", min_size, max_size, limit=MAX_BATCH)
    taken = _taken_emails(store)
    return [_customer(draw, store, taken, overrides) for _ in range(draw(st.integers(min_size, max_size)))]


@st.composite
def invalid_customers(draw: st.DrawFn, /, *, store: Store | None = None) -> InvalidCase:
    """``InvalidCase``s for ``POST /v3/customers``: a valid batch with one item broken. 422 for a
    missing or empty email or name, a name over 100 characters, a customer group that does not
    exist, an address country that is not an ISO code, the same email twice in the batch, and
    (given a store with customers) an email already in use in another case; 413 for 11 items.
    ``field`` is the error key (``"<index>.<field>"``); nothing of a refused batch is stored."""
    check_store("invalid_customers", store)
    batch = draw(customer_batches(store=store, max_size=3))
    index = draw(st.integers(0, len(batch) - 1))
    item = dict(batch[index])
    breaks: list[tuple[str, str, dict[str, Any] | None, int]] = [
        ("email missing", "email", {k: v for k, v in item.items() if k != "email"}, 422),
        ("first_name missing", "first_name", {k: v for k, v in item.items() if k != "first_name"}, 422),
        ("first_name empty", "first_name", {**item, "first_name": ""}, 422),
        ("last_name too long", "last_name", {**item, "last_name": "x" * (MAX_NAME + 1)}, 422),
        ("unknown customer group", "customer_group_id", {**item, "customer_group_id": 10**6}, 422),
        ("address country not ISO", "addresses.0.country_code",
         {**item, "addresses": [{**draw(customer_addresses()), "country_code": "ZZ"}]}, 422),
        ("same email twice in the batch", "email", None, 422),
        ("more than 10 items", "", None, 413),
    ]  # fmt: skip
    existing = [c.email for c in store.customers.values()] if store is not None else []
    if existing:
        breaks.append(("email in use", "email", {**item, "email": draw(st.sampled_from(existing)).swapcase()}, 422))
    reason, field, broken, status = draw(st.sampled_from(breaks))
    if reason == "same email twice in the batch":
        # The copy comes after the original, so the error names the copy's index.
        payload = [*batch, {**item, "email": item["email"].upper()}]
        where = f"{len(batch)}.email"
    elif reason == "more than 10 items":
        payload = draw(customer_batches(store=store, min_size=MAX_BATCH, max_size=MAX_BATCH)) + [item]
        where = None
    else:
        payload = [*batch[:index], broken, *batch[index + 1 :]]
        where = f"{index}.{field}"
    INTENDED.add(payload)
    return InvalidCase(payload=payload, status=status, reason=reason, field=where)


def check_customer(function: str, store: Store | None, customer_id: object) -> int:
    if store is None or not isinstance(customer_id, int) or store.customers.get(customer_id) is None:
        raise InvalidArgument(f"{function}(customer_id={customer_id!r}) needs store= holding that customer")
    return customer_id
