"""Filtering a table through its indexes: the cost follows the answer, not the table.

Every ``eq`` / ``in`` condition on an indexed field (and every custom ``candidates`` lookup)
gives a candidate id set; the sets are intersected smallest first, and only the remaining
conditions are checked record by record, on the candidates alone. The answer is ``Rows``: its
length is known at once and a page of it loads only that page's records, so a list request
costs its page, plus an id sort of what matched.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, overload

from mockbc.domain.query import Condition, Filter, Predicate, predicate_for
from mockbc.store.table import Table

INDEXED_OPS = frozenset({"eq", "in"})


class Rows(Sequence[Any]):
    """Records in id order (or its reverse), read from the table only when indexed or sliced.

    ``ids`` is the sorted id list, or ``None`` for the whole table."""

    __slots__ = ("_descending", "_ids", "_table")

    def __init__(self, table: Table[Any, Any], ids: list[int] | None = None, *, descending: bool = False) -> None:
        self._table = table
        self._ids = ids
        self._descending = descending

    def __len__(self) -> int:
        return len(self._table) if self._ids is None else len(self._ids)

    def reversed(self) -> Rows:
        return Rows(self._table, self._ids, descending=not self._descending)

    def _all_ids(self) -> list[int]:
        if self._ids is None:
            self._ids = [record.id for record in self._table.values()]
        return self._ids

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, int):
            return self[index : index + 1 or None][0]
        start, stop, step = index.indices(len(self))
        if step != 1:
            return list(self)[index]
        if self._ids is None and not self._descending:
            return list(itertools.islice(self._table.values(), start, stop))  # no id list needed
        ids = self._all_ids()
        if self._descending:
            ids = ids[::-1]
        return self._table.in_order(ids[start:stop])

    def __iter__(self) -> Iterator[Any]:
        if self._ids is None and not self._descending:
            return self._table.values()
        ids = self._all_ids()
        get = self._table.get
        return (get(record_id) for record_id in (reversed(ids) if self._descending else ids))


def _lookup(table: Table[Any, Any], spec: Filter, condition: Condition) -> set[int] | frozenset[int] | None:
    if condition.op not in INDEXED_OPS:
        return None
    values: Iterable[Any] = condition.value if condition.op == "in" else (condition.value,)
    if spec.primary:
        return {value for value in values if isinstance(value, int) and table.get(value) is not None}
    if spec.index is None:
        return None
    normalise = spec.normalise
    ids: set[int] | frozenset[int] = set()
    for value in values:
        key = normalise(value) if normalise is not None else value
        try:
            found_ids = table.lookup(spec.index, key)
        except TypeError:  # an unhashable value cannot be in the index
            continue
        ids = found_ids if not ids else ids | found_ids
    return ids


def select(
    table: Table[Any, Any], conditions: Sequence[Condition], filters: Mapping[str, Filter], *, context: Any = None
) -> Rows:
    """The records of ``table`` meeting every condition, in id order. ``context`` is handed to
    custom lookups (the store, for lookups into other tables)."""
    if not conditions:
        return Rows(table)
    if len(conditions) == 1:
        only = conditions[0]
        spec = filters[only.field]
        single = only.op == "eq" or (only.op == "in" and len(only.value) == 1)
        if single and spec.index is not None and spec.normalise is None and spec.candidates is None:
            value = only.value if only.op == "eq" else only.value[0]
            try:
                return Rows(table, table.lookup_sorted(spec.index, value))  # the common one-filter list
            except TypeError:  # an unhashable value is in no index
                return Rows(table, [])
    candidate_sets: list[set[int] | frozenset[int]] = []
    checks: list[Predicate] = []
    for condition in conditions:
        spec = filters[condition.field]
        if spec.candidates is not None:
            # A custom lookup is exact; None means the condition constrains nothing.
            custom: set[int] | frozenset[int] | None = spec.candidates(context, condition)
            if custom is not None:
                candidate_sets.append(custom)
            if spec.matches is not None:
                checks.append(spec.matches(condition))
            continue
        found = _lookup(table, spec, condition)
        if found is not None:
            candidate_sets.append(found)
            if spec.primary or (spec.index is not None and spec.normalise is None):
                continue
        checks.append(predicate_for(spec, condition))
    if candidate_sets:
        candidate_sets.sort(key=len)
        ids: set[int] | frozenset[int] = candidate_sets[0]
        if len(candidate_sets) > 1:
            ids = set(ids)
            for other in candidate_sets[1:]:
                if not ids:
                    break
                ids.intersection_update(other)
        if not checks:
            return Rows(table, sorted(ids))
        records: Iterable[Any] = table.many(ids)
    else:
        records = table.values()
    return Rows(table, [record.id for record in records if all(check(record) for check in checks)])
