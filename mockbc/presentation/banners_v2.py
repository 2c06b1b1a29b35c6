"""Banners on the v2 wire (upstream marketing.v2.yml): dates as unix seconds in strings (``"0"`` for none),
``visible`` as ``"1"`` or ``"0"`` and ``item_id`` as a string, as upstream's banner examples show."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from mockbc.domain.banners import Banner
from mockbc.domain.errors import Invalid, Problem
from mockbc.presentation.call import Call
from mockbc.presentation.v2 import QueryParam, View, body_date, query_reader


def unix(value: datetime | None) -> str:
    return "0" if value is None else str(int(value.timestamp()))


def to_v2(banner: Banner, call: Call | None = None) -> dict[str, Any]:
    return {
        "id": banner.id,
        "name": banner.name,
        "content": banner.content,
        "page": banner.page,
        "item_id": str(banner.item_id),
        "location": banner.location,
        "date_created": unix(banner.date_created),
        "date_type": banner.date_type,
        "date_from": unix(banner.date_from),
        "date_to": unix(banner.date_to),
        "visible": "1" if banner.visible else "0",
    }


def read_date(raw: str) -> datetime | None:
    """Unix seconds (``"0"`` or ``""``: no date), or an RFC 2822 / ISO 8601 date; ValueError otherwise."""
    text = raw.strip()
    if text in ("", "0"):
        return None
    try:
        if text.isdigit():
            return datetime.fromtimestamp(int(text), UTC)
        return body_date(text).astimezone(UTC)  # a date UTC cannot hold is refused here
    except (OverflowError, OSError):
        raise ValueError(raw) from None


def parse_v2(body: Mapping[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, value in body.items():
        if name in ("date_from", "date_to"):
            try:
                changes[name] = read_date(value)
            except ValueError:
                problems.append(Problem(name, "not_banner_date"))
        elif name == "visible":
            if value.strip() not in ("0", "1"):
                problems.append(Problem(name, "zero_or_one"))
            changes[name] = value.strip() == "1"
        elif name == "item_id":
            text = value.strip() or "0"
            if not text.isdigit() or len(text) > 18:
                problems.append(Problem(name, "not_integer", {"raw": value}))
            else:
                changes[name] = int(text)
        else:
            changes[name] = value
    if problems:
        raise Invalid("body", tuple(problems))
    return changes


QUERY = {"min_id": QueryParam("id", "min"), "max_id": QueryParam("id", "max")}

VIEW_V2 = View("banner.v2", to_v2, parse_v2, query=query_reader(QUERY))
