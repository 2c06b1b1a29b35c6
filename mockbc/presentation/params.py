"""Typed v3 query parameters -> filter conditions, sort order and page request.

``id:in=1,2`` becomes ``Condition("id", "in", [1, 2])``; a bare ``name=Mug`` is ``eq``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mockbc.domain.errors import Invalid, PayloadTooLarge, Problem, invalid
from mockbc.domain.limits import Limits
from mockbc.domain.query import OPERATORS, Condition
from mockbc.presentation.wire import parse_datetime

DEFAULT_LIMIT = 50
MAX_PAGE = 2**31 - 1  # a page number the response's meta.pagination can carry
NOT_FILTERS = frozenset(
    {
        "page",
        "limit",
        "sort",
        "direction",
        "include",
        "include_fields",
        "exclude_fields",
        "keyword_context",
        "before",
        "after",
    }
)


class BadValue(ValueError):
    """A query value a converter cannot read: ``BadValue("not_date", "2024-13-01")``."""

    def __init__(self, rule: str, raw: object) -> None:
        super().__init__(f"{rule}: {raw!r}")
        self.rule, self.raw = rule, raw


@dataclass(frozen=True, slots=True)
class PageRequest:
    page: int
    limit: int


def page_request(params: Mapping[str, Any], *, limits: Limits, max_limit: int | None = None) -> PageRequest:
    """``page`` and ``limit``; a ``limit`` above the maximum is a 413 (BigCommerce's status-codes guide lists 413 for a
    limit too high) or, with ``Limits(page_limit_over_max="cap")``, the maximum."""
    page = max(int(params.get("page", 1)), 1)
    if page > MAX_PAGE:
        raise invalid("filter", "page", "maximum", limit=MAX_PAGE)
    ceiling = limits.max_page_limit
    limit = max(int(params.get("limit", DEFAULT_LIMIT)), 1)
    if limit > ceiling and limits.page_limit_over_max == "refuse":
        raise PayloadTooLarge(max_limit=ceiling)
    limit = min(limit, ceiling, max_limit or ceiling)
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
            except BadValue as exc:
                raise Invalid("filter", (Problem(key, exc.rule, {"raw": exc.raw}),)) from None
        if op == "eq" and isinstance(value, list):
            op = "in"
        found.append(Condition(field, op, value))
    return found


def date_converter(now: datetime) -> Callable[[Any], datetime]:
    def convert(raw: Any) -> datetime:
        try:
            return parse_datetime(str(raw), now)
        except (ValueError, OverflowError, OSError):  # OverflowError, OSError: unix seconds past the calendar
            raise BadValue("not_date", raw) from None

    return convert


def uuid_converter(raw: Any) -> str:
    try:
        return str(uuid.UUID(str(raw)))
    except ValueError:
        raise BadValue("not_uuid", raw) from None


def descending(params: Mapping[str, Any]) -> bool:
    return bool(params.get("direction", "asc") == "desc")
