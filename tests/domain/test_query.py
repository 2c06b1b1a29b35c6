"""Pure filtering, sorting and paging helpers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from mockbc.domain.query import OPERATORS, Condition, apply_filters, field_predicate, paginate, sort_by


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    price: float
    tags: tuple[int, ...] = ()
    note: str | None = None


ROWS = [
    Row(1, "Mug", 10.0, (1, 2)),
    Row(2, "Cup", 5.0, (2,)),
    Row(3, "Big Mug", 12.5, (), "gift"),
    Row(4, "Plate", 5.0, (3,)),
]
GETTERS: dict[str, Any] = {
    "id": lambda r: r.id, "name": lambda r: r.name, "price": lambda r: r.price,
    "tags": lambda r: r.tags, "note": lambda r: r.note,
}  # fmt: skip


def ids(conditions: list[Condition], **kw: Any) -> list[int]:
    return [r.id for r in apply_filters(ROWS, conditions, GETTERS, **kw)]


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (Condition("id", "eq", 2), [2]),
        (Condition("id", "not", 2), [1, 3, 4]),
        (Condition("id", "in", [4, 1, 9]), [1, 4]),
        (Condition("id", "not_in", [4, 1]), [2, 3]),
        (Condition("price", "min", 10.0), [1, 3]),
        (Condition("price", "max", 5.0), [2, 4]),
        (Condition("price", "greater", 10.0), [3]),
        (Condition("price", "less", 10.0), [2, 4]),
        (Condition("name", "like", "mug"), [1, 3]),
        (Condition("name", "like", "MUG"), [1, 3]),
        (Condition("name", "eq", "mug"), []),
    ],
)
def test_operators(condition: Condition, expected: list[int]) -> None:
    assert ids([condition]) == expected


def test_operator_set_is_the_documented_one() -> None:
    assert {"eq", "in", "not_in", "min", "max", "greater", "less", "like", "not"} == OPERATORS


def test_unknown_operator_raises() -> None:
    with pytest.raises(ValueError, match="unknown operator 'between'"):
        ids([Condition("price", "between", 1)])


def test_multi_valued_field_matches_when_any_value_matches() -> None:
    assert ids([Condition("tags", "eq", 2)]) == [1, 2]
    assert ids([Condition("tags", "in", [3, 1])]) == [1, 4]
    assert ids([Condition("tags", "min", 3)]) == [4]


def test_multi_valued_field_not_in_excludes_any_match() -> None:
    assert ids([Condition("tags", "not_in", [2])]) == [3, 4]


def test_range_operators_never_match_none() -> None:
    assert ids([Condition("note", "min", "a")]) == [3]
    assert ids([Condition("note", "max", "z")]) == [3]
    assert ids([Condition("note", "like", "gi")]) == [3]
    assert ids([Condition("note", "not", "gift")]) == [1, 2, 4]


def test_conditions_combine_with_and() -> None:
    assert ids([Condition("price", "max", 10.0), Condition("name", "like", "u")]) == [1, 2]


def test_no_conditions_keeps_every_record_as_a_new_list() -> None:
    result = apply_filters(ROWS, [], GETTERS)

    assert result == ROWS
    assert result is not ROWS


def test_custom_predicate_replaces_the_getter() -> None:
    def cheap(condition: Condition) -> Any:
        return lambda r: (r.price < 6) == bool(condition.value)

    assert ids([Condition("cheap", "eq", 1)], custom={"cheap": cheap}) == [2, 4]
    assert ids([Condition("cheap", "eq", 0)], custom={"cheap": cheap}) == [1, 3]


def test_field_predicate_alone() -> None:
    predicate = field_predicate(lambda r: r.price, Condition("price", "in", [5.0]))

    assert [predicate(r) for r in ROWS] == [False, True, False, True]


def test_sort_by_is_stable_for_ties_in_both_directions() -> None:
    assert [r.id for r in sort_by(ROWS, lambda r: r.price)] == [2, 4, 1, 3]
    assert [r.id for r in sort_by(ROWS, lambda r: r.price, descending=True)] == [3, 1, 2, 4]


def test_sort_by_returns_a_new_list() -> None:
    rows = list(ROWS)
    result = sort_by(rows, lambda r: r.name)

    assert [r.name for r in result] == ["Big Mug", "Cup", "Mug", "Plate"]
    assert rows == ROWS


def test_paginate_pages_and_total_pages() -> None:
    items = list(range(1, 12))

    first = paginate(items, page=1, limit=5)
    last = paginate(items, page=3, limit=5)

    assert (list(first.items), first.total, first.page, first.limit, first.total_pages) == (
        [1, 2, 3, 4, 5],
        11,
        1,
        5,
        3,
    )
    assert list(last.items) == [11]
    assert last.total_pages == 3


def test_paginate_exact_multiple() -> None:
    page = paginate(list(range(10)), page=2, limit=5)

    assert (list(page.items), page.total_pages) == ([5, 6, 7, 8, 9], 2)


def test_paginate_beyond_the_last_page_is_empty() -> None:
    page = paginate(list(range(3)), page=5, limit=2)

    assert (list(page.items), page.total, page.total_pages, page.page) == ([], 3, 2, 5)


def test_paginate_nothing_has_zero_pages() -> None:
    page = paginate([], page=1, limit=50)

    assert (list(page.items), page.total, page.total_pages) == ([], 0, 0)


@pytest.mark.parametrize(
    ("total", "limit", "pages"), [(1, 1, 1), (1, 250, 1), (250, 250, 1), (251, 250, 2), (49, 10, 5)]
)
def test_total_pages_rounds_up(total: int, limit: int, pages: int) -> None:
    assert paginate(list(range(total)), page=1, limit=limit).total_pages == pages
