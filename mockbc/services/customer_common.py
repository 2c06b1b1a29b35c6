"""What every customer service shares: the customer lookup and caseless filter values."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mockbc.domain.customers import Customer
from mockbc.domain.errors import NotFound
from mockbc.domain.query import Condition
from mockbc.store.store import Store


def get_customer(store: Store, customer_id: int) -> Customer:
    """The customer with this id; ``NotFound("customer", id)`` otherwise."""
    customer: Customer | None = store.customers.get(customer_id)
    if customer is None:
        raise NotFound("customer", customer_id)
    return customer


def _casefold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def caseless(conditions: Sequence[Condition], fields: frozenset[str]) -> list[Condition]:
    """The conditions with the values of caseless fields folded, as their indexes' keys are."""
    return [
        Condition(c.field, c.op, [_casefold(v) for v in c.value] if isinstance(c.value, list) else _casefold(c.value))
        if c.field in fields
        else c
        for c in conditions
    ]
