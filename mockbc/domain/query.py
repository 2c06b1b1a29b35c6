"""Filtering, sorting and paging as pure functions over records.

A query string such as ``?id:in=1,2&name:like=mug&sort=name&page=2`` becomes a list of
``Condition``s, a sort key and a page request. Each resource describes its filterable
fields with ``Filter``s: how to read the field off a record and, where one exists, the
table index that answers the condition without a scan (``mockbc.store.select``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")

Operator = str  # "eq", "in", "not_in", "min", "max", "greater", "less", "like", "not"
OPERATORS = frozenset({"eq", "in", "not_in", "min", "max", "greater", "less", "like", "not"})


@dataclass(frozen=True, slots=True)
class Condition:
    field: str
    op: Operator
    value: Any


Predicate = Callable[[Any], bool]


@dataclass(frozen=True, slots=True)
class Filter:
    """A filterable field.

    - ``get`` reads the field off a record (a tuple for multi-valued fields).
    - ``index`` names a table index filing records under ``normalise(value)``; ``eq`` and
      ``in`` conditions are answered from it. Without ``normalise`` the index is exact and no
      record needs checking; with it (a case-folded index) the candidates are checked with ``get``.
    - ``primary``: the field is the record id itself.
    - ``candidates`` / ``matches``: a custom lookup ``candidates(store, condition)`` (ids, or
      ``None`` for "no constraint") and a custom check, for fields that are not plain values
      (``keyword``, ``out_of_stock``). Filters are module-level constants: the store they
      look into is passed to each call.
    """

    get: Callable[[Any], Any] | None = None
    index: str | None = None
    normalise: Callable[[Any], Any] | None = None
    primary: bool = False
    candidates: Callable[[Any, Condition], Any] | None = None
    matches: Callable[[Condition], Predicate] | None = None


def _compare(actual: Any, op: Operator, expected: Any) -> bool:
    if op == "eq":
        return bool(actual == expected)
    if op == "not":
        return bool(actual != expected)
    if op == "in":
        return actual in expected
    if op == "not_in":
        return actual not in expected
    if op == "like":
        return isinstance(actual, str) and str(expected).lower() in actual.lower()
    if actual is None:
        return False
    if op == "min":
        return bool(actual >= expected)
    if op == "max":
        return bool(actual <= expected)
    if op == "greater":
        return bool(actual > expected)
    if op == "less":
        return bool(actual < expected)
    raise ValueError(f"unknown operator {op!r}")


def field_predicate(getter: Callable[[Any], Any], condition: Condition) -> Predicate:
    op, expected = condition.op, condition.value
    if op in ("in", "not_in"):
        expected = frozenset(expected)

    def predicate(record: Any) -> bool:
        actual = getter(record)
        if isinstance(actual, tuple):
            # Multi-valued fields (a product's categories) match when any value matches.
            if op == "not_in":
                return not any(value in expected for value in actual)
            return any(_compare(value, op, expected) for value in actual)
        return _compare(actual, op, expected)

    return predicate


def apply_filters(
    records: Iterable[T],
    conditions: Sequence[Condition],
    getters: Mapping[str, Callable[[T], Any]],
    custom: Mapping[str, Callable[[Condition], Callable[[T], bool]]] | None = None,
) -> list[T]:
    predicates: list[Callable[[T], bool]] = []
    for condition in conditions:
        if custom and condition.field in custom:
            predicates.append(custom[condition.field](condition))
        else:
            predicates.append(field_predicate(getters[condition.field], condition))
    if not predicates:
        return list(records)
    return [record for record in records if all(p(record) for p in predicates)]


def predicate_for(spec: Filter, condition: Condition) -> Predicate:
    if spec.matches is not None:
        return spec.matches(condition)
    assert spec.get is not None, f"filter on {condition.field} has neither get nor matches"
    return field_predicate(spec.get, condition)


def sort_by(records: list[T], key: Callable[[T], Any], *, descending: bool = False) -> list[T]:
    # Python's sort is stable, so ties keep id order, as BigCommerce's listings do.
    return sorted(records, key=key, reverse=descending)


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: Sequence[T]
    total: int
    page: int
    limit: int

    @property
    def total_pages(self) -> int:
        return (self.total + self.limit - 1) // self.limit if self.total else 0


def paginate(items: Sequence[T], *, page: int, limit: int) -> Page[T]:
    start = (page - 1) * limit
    return Page(items=items[start : start + limit], total=len(items), page=page, limit=limit)
