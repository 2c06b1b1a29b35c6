"""Legacy coupons on the v2 wire (upstream marketing.v2.yml): money as 4-decimal strings, ``expires`` and
``date_created`` in RFC 2822 (``""`` for no expiry), ``applies_to`` as ``{entity, ids}``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC
from typing import Any

from mockbc.domain.coupons import AppliesTo, Coupon, code_key
from mockbc.domain.errors import Invalid, Problem
from mockbc.presentation.call import Call
from mockbc.presentation.params import BadValue
from mockbc.presentation.v2 import QueryParam, View, body_date, money, query_reader, rfc2822

_DECIMAL = re.compile(r"\s*\d{1,13}(\.\d{1,10})?\s*")


def applies_to_v2(applies_to: AppliesTo | None) -> dict[str, Any]:
    # A coupon whose applies_to a PUT cleared applies to nothing; upstream's coupon_Full still requires the object.
    if applies_to is None:
        return {"entity": "", "ids": []}
    return {"entity": applies_to.entity, "ids": list(applies_to.ids)}


def to_v2(coupon: Coupon, call: Call | None = None) -> dict[str, Any]:
    return {
        "id": coupon.id,
        "name": coupon.name,
        "type": coupon.type,
        "amount": money(coupon.amount),
        "min_purchase": money(coupon.min_purchase),
        "expires": rfc2822(coupon.expires),
        "enabled": coupon.enabled,
        "code": coupon.code,
        "applies_to": applies_to_v2(coupon.applies_to),
        "num_uses": coupon.num_uses,
        "max_uses": coupon.max_uses,
        "max_uses_per_customer": coupon.max_uses_per_customer,
        "restricted_to": {"countries": coupon.restricted_countries} if coupon.restricted_countries else {},
        "shipping_methods": list(coupon.shipping_methods),
        "date_created": rfc2822(coupon.date_created),
    }


def decimal(raw: str) -> float | None:
    """A v2 money string (``"5"``, ``"5.50"``) as a number; None when it is not one."""
    return float(raw) if _DECIMAL.fullmatch(raw) else None


def parse_v2(body: Mapping[str, Any]) -> dict[str, Any]:
    """A v2 coupon body (already checked against the spec's schema) as domain changes."""
    changes: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, value in body.items():
        if name in ("amount", "min_purchase"):
            number = decimal(value)
            if number is None:
                problems.append(Problem(name, "not_amount"))
            changes[name] = number
        elif name == "expires":
            if not value.strip():
                changes[name] = None
                continue
            try:
                changes[name] = body_date(value).astimezone(UTC)  # a date UTC cannot hold is refused here
            except (ValueError, OverflowError, OSError):
                problems.append(Problem(name, "not_v2_date"))
        elif name == "applies_to":
            missing = [Problem(f"applies_to.{key}", "missing") for key in ("entity", "ids") if key not in value]
            problems.extend(missing)
            if not missing:
                changes[name] = AppliesTo(entity=value["entity"], ids=tuple(value["ids"]))
        elif name == "restricted_to":
            changes["restricted_countries"] = value.get("countries", "")
        elif name == "shipping_methods":
            changes[name] = tuple(value)
        else:
            changes[name] = value
    if problems:
        raise Invalid("body", tuple(problems))
    return changes


def _coupon_id(raw: Any) -> int:
    try:
        return int(str(raw).strip())
    except ValueError:
        raise BadValue("not_integer", raw) from None


QUERY = {
    "id": QueryParam("id", convert=_coupon_id),
    "id:in": QueryParam("id", "in"),
    "min_id": QueryParam("id", "min"),
    "max_id": QueryParam("id", "max"),
    "name": QueryParam("name"),
    "code": QueryParam("code", convert=lambda raw: code_key(str(raw))),
    "type": QueryParam("type"),
    "exclude_type": QueryParam("type", "not"),
}

VIEW_V2 = View("coupon.v2", to_v2, parse_v2, query=query_reader(QUERY))
