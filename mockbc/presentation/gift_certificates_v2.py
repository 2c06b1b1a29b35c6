"""Gift certificates on the v2 wire (upstream marketing.v2.yml): money as 4-decimal strings, and dates read in
RFC 2822 but written as unix seconds in strings (``"0"`` for none), as upstream's giftCertificate_Full says."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from mockbc.domain.errors import Invalid, Problem
from mockbc.domain.gift_certificates import GiftCertificate, code_key
from mockbc.presentation.banners_v2 import read_date, unix
from mockbc.presentation.call import Call
from mockbc.presentation.coupons_v2 import decimal
from mockbc.presentation.v2 import QueryParam, View, money, query_reader


def to_v2(certificate: GiftCertificate, call: Call | None = None) -> dict[str, Any]:
    out = {
        "id": certificate.id,
        "customer_id": certificate.customer_id,
        "order_id": certificate.order_id,
        "code": certificate.code,
        "to_name": certificate.to_name,
        "to_email": certificate.to_email,
        "from_name": certificate.from_name,
        "from_email": certificate.from_email,
        "amount": money(certificate.amount),
        "balance": money(certificate.balance),
        "status": certificate.status,
        "message": certificate.message,
        "purchase_date": unix(certificate.purchase_date),
        "expiry_date": unix(certificate.expiry_date),
        "currency_code": certificate.currency_code,
    }
    # Upstream's template enum has no "none": a certificate made without one carries no template field.
    if certificate.template:
        out["template"] = certificate.template
    return out


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def parse_v2(body: Mapping[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, value in body.items():
        if name in ("amount", "balance"):
            number = decimal(value)
            if number is None:
                problems.append(Problem(name, "not_amount"))
            changes[name] = number
        elif name in ("to_email", "from_email"):
            if not _EMAIL.fullmatch(value):
                problems.append(Problem(name, "email"))
            changes[name] = value
        elif name in ("purchase_date", "expiry_date"):
            try:
                date = read_date(value)
            except ValueError:
                problems.append(Problem(name, "not_v2_date"))
                continue
            if date is not None or name == "expiry_date":
                changes[name] = date
        else:
            changes[name] = value
    if problems:
        raise Invalid("body", tuple(problems))
    return changes


QUERY = {
    "min_id": QueryParam("id", "min"),
    "max_id": QueryParam("id", "max"),
    "code": QueryParam("code", convert=lambda raw: code_key(str(raw))),
    "order_id": QueryParam("order_id"),
    "to_name": QueryParam("to_name"),
    "to_email": QueryParam("to_email"),
    "from_name": QueryParam("from_name"),
    "from_email": QueryParam("from_email"),
}

VIEW_V2 = View("gift_certificate.v2", to_v2, parse_v2, query=query_reader(QUERY))
