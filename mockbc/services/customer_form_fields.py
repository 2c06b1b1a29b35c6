"""Form-field values of customers and of their addresses (upstream customers.v3.yml
getCustomersFormFieldValues, updateCustomerFormFieldValues; the ``form_fields`` of customer and
address bodies).

A store's sign-up and address forms are set up in its control panel, which no API reaches, so
the mock takes any field name; a field's type is read off its value (a list of strings: a
checkbox field, a number: a numbers field, a string: a text field). One value per field and
owner: writing another replaces it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockbc.domain.customers import FormFieldValue
from mockbc.domain.errors import Invalid, Problem
from mockbc.domain.query import Condition, Filter
from mockbc.store.select import Rows, select
from mockbc.store.store import Store


def field_type(value: Any) -> str:
    if isinstance(value, (tuple, list)):
        return "checkboxes"
    if isinstance(value, (int, float)):
        return "numbers"
    return "text"


FILTERS = {
    "customer_id": Filter(get=lambda f: f.customer_id, index="customer_id"),
    "address_id": Filter(get=lambda f: f.address_id, index="address_id"),
    "field_name": Filter(get=lambda f: f.name, index="name"),
    "field_type": Filter(get=lambda f: field_type(f.value)),
}


def find(store: Store, conditions: Sequence[Condition]) -> Rows:
    return select(store.customer_form_field_values, conditions, FILTERS, context=store)


def of_customer(store: Store, customer_id: int) -> Rows:
    return find(store, [Condition("customer_id", "eq", customer_id)])


def of_address(store: Store, address_id: int) -> Rows:
    return find(store, [Condition("address_id", "eq", address_id)])


def _stored(value: Any) -> str | float | tuple[str, ...]:
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, bool):
        return str(value).lower()
    return value  # type: ignore[no-any-return]


def put(
    store: Store, name: str, value: Any, *, customer_id: int | None = None, address_id: int | None = None
) -> FormFieldValue:
    """The owner's value of the field, created or replaced."""
    stored = _stored(value)
    owner = store.customer_form_field_values.unique("owner_name", (customer_id, address_id, name))
    if owner is not None:
        current: FormFieldValue = store.customer_form_field_values.require(owner)
        if current.value == stored:
            return current
        new = replace(current, value=stored)
        store.customer_form_field_values.put(new.id, new)
        store.emit("customer_form_field_value", "updated", new.id)
        return new
    created = FormFieldValue(
        id=store.next_id("customer_form_field_values"), name=name, value=stored,
        customer_id=customer_id, address_id=address_id,
    )  # fmt: skip
    store.customer_form_field_values.put(created.id, created)
    store.emit("customer_form_field_value", "created", created.id)
    return created


def upsert(store: Store, items: Sequence[Mapping[str, Any]]) -> list[FormFieldValue]:
    """``{name, value, customer_id | address_id}`` per item, each owner existing; all checked, then written."""
    problems: list[Problem] = []
    for index, item in enumerate(items):
        customer_id, address_id = item.get("customer_id"), item.get("address_id")
        if (customer_id is None) == (address_id is None):
            problems.append(Problem(f"{index}.customer_id", "form_field_owner"))
        elif customer_id is not None and store.customers.get(customer_id) is None:
            problems.append(
                Problem(f"{index}.customer_id", "record_missing", {"resource": "customer", "id": customer_id})
            )
        elif address_id is not None and store.customer_addresses.get(address_id) is None:
            problems.append(
                Problem(f"{index}.address_id", "record_missing", {"resource": "customer address", "id": address_id})
            )
    if problems:
        raise Invalid("form_fields_not_saved", tuple(problems), {"total": len(items)})
    return [
        put(store, item["name"], item["value"], customer_id=item.get("customer_id"), address_id=item.get("address_id"))
        for item in items
    ]
