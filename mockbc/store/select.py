"""Filtering a table through its indexes: the cost follows the answer, not the table.

Every ``eq`` / ``in`` condition on an indexed field (and every custom ``candidates`` lookup)
gives a candidate id set; the sets are intersected smallest first, and only the remaining
conditions are checked record by record, on the candidates alone. With no indexed condition
the whole table is read, which is then the size of the answer anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from mockbc.domain.query import Condition, Filter, Predicate, predicate_for
from mockbc.store.table import Table

INDEXED_OPS = frozenset({"eq", "in"})


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


def select(table: Table[Any, Any], conditions: Sequence[Condition], filters: Mapping[str, Filter]) -> list[Any]:
    """The records of ``table`` meeting every condition, in id order."""
    candidate_sets: list[set[int] | frozenset[int]] = []
    checks: list[Predicate] = []
    for condition in conditions:
        spec = filters[condition.field]
        if spec.candidates is not None:
            # A custom lookup is exact; None means the condition constrains nothing.
            custom: set[int] | frozenset[int] | None = spec.candidates(condition)
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
        ids = set(candidate_sets[0])
        for other in candidate_sets[1:]:
            if not ids:
                break
            ids.intersection_update(other)
        records: Iterable[Any] = table.many(ids)
    else:
        records = table.values()
    if not checks:
        return list(records)
    return [record for record in records if all(check(record) for check in checks)]
