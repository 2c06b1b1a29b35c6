"""Value formats shared by the v3 mappers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from mockbc.domain.records import CustomUrl


def iso(value: datetime | None) -> str | None:
    """v3 dates: ISO 8601 with an explicit offset, e.g. 2018-08-15T14:49:05+00:00."""
    return value.isoformat() if value is not None else None


def custom_url_out(url: CustomUrl) -> dict[str, Any]:
    return {"url": url.url, "is_customized": url.is_customized}


def custom_url_in(raw: dict[str, Any] | None) -> CustomUrl | None:
    if raw is None:
        return None
    return CustomUrl(url=raw.get("url", ""), is_customized=bool(raw.get("is_customized", True)))


def select_fields(
    record: dict[str, Any],
    include: list[str] | None,
    exclude: list[str] | None,
    *,
    always: frozenset[str] = frozenset({"id"}),
) -> dict[str, Any]:
    """``include_fields`` / ``exclude_fields``; the ``always`` fields are kept either way, and
    names that are not fields of the record are ignored."""
    if include:
        keep = set(include) | always
        record = {k: v for k, v in record.items() if k in keep}
    if exclude:
        drop = set(exclude) - always
        record = {k: v for k, v in record.items() if k not in drop}
    return record


def parse_datetime(raw: str, now: datetime) -> datetime:
    """ISO 8601 date or date-time, or unix seconds. A bare date takes ``now``'s time of day
    (upstream getProducts, date_modified: a date without a time gets the request's time of day)."""
    text = raw.strip()
    if text.isdigit():
        return datetime.fromtimestamp(int(text), UTC)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"'{raw}' is not a date") from None
    if len(text) == 10:
        parsed = parsed.replace(hour=now.hour, minute=now.minute, second=now.second)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed
