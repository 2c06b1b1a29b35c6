"""Typed query parameters -> filter conditions, sort order and page request (v3 style).

``id:in=1,2`` becomes ``Condition("id", "in", [1, 2])``; a bare ``name=Mug`` is ``eq``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mockbc.domain.errors import Invalid
from mockbc.domain.query import OPERATORS, Condition
from mockbc.presentation.wire import parse_datetime

DEFAULT_LIMIT = 50
MAX_LIMIT = 250
MAX_PAGE = 2**31 - 1  # a page number the response's meta.pagination can carry
NOT_FILTERS = frozenset(
    {"page", "limit", "sort", "direction", "include", "include_fields", "exclude_fields", "keyword_context", "before", "after"}
)


@dataclass(frozen=True, slots=True)
class PageRequest:
    page: int
    limit: int


def page_request(params: Mapping[str, Any], *, max_limit: int = MAX_LIMIT) -> PageRequest:
    # A limit above the maximum is capped rather than refused (decision: see README).
    page = max(int(params.get("page", 1)), 1)
    if page > MAX_PAGE:
        raise Invalid(fields={"page": f"must be at most {MAX_PAGE}"}, title="The filter(s) given are invalid.")
    limit = min(max(int(params.get("limit", DEFAULT_LIMIT)), 1), max_limit)
    return PageRequest(page=page, limit=limit)


def conditions(
    params: Mapping[str, Any],
    *,
    filterable: Collection[str],
    converters: Mapping[str, Callable[[Any], Any]] | None = None,
) -> list[Condition]:
    found: list[Condition] = []
    for key, value in params.items():
        if key in NOT_FILTERS:
            continue
        field, _, op = key.partition(":")
        op = op or "eq"
        if field not in filterable or op not in OPERATORS:
            continue
        convert = (converters or {}).get(field)
        if convert is not None:
            try:
                value = [convert(v) for v in value] if isinstance(value, list) else convert(value)
            except ValueError as exc:
                raise Invalid(fields={key: str(exc)}, title="The filter(s) given are invalid.") from None
        if op == "eq" and isinstance(value, list):
            op = "in"
        found.append(Condition(field, op, value))
    return found


def date_converter(now: datetime) -> Callable[[Any], datetime]:
    def convert(raw: Any) -> datetime:
        try:
            return parse_datetime(str(raw), now)
        except (OverflowError, OSError):  # unix seconds past the calendar
            raise ValueError(f"'{raw}' is not a date") from None

    return convert


def descending(params: Mapping[str, Any]) -> bool:
    return params.get("direction", "asc") == "desc"
