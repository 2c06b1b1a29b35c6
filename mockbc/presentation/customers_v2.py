"""Customers, their addresses and customer groups on the v2 wire (upstream customers.v2.yml).

The same records v3 serves, in v2's dress: dates RFC 2822, ``store_credit`` one 4-decimal string
(the sum of v3's ``store_credit_amounts``), ``reset_pass_on_login`` for v3's
``force_password_reset``, addresses as ``street_1`` / ``zip`` / ``state`` with the country's full
name (``country_iso2`` beside it) and the customer's addresses as a link. ``_authentication``
(``password``, ``password_confirmation``, ``force_reset``) is write-only.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mockbc.domain.countries import code_of, name_of
from mockbc.domain.customers import (
    CategoryAccess,
    Customer,
    CustomerAddress,
    CustomerGroup,
    DiscountRule,
    FormFieldValue,
)
from mockbc.domain.errors import Invalid, Problem
from mockbc.presentation.call import Call
from mockbc.presentation.params import BadValue
from mockbc.presentation.v2 import QueryParam, View, link, money, query_reader, rfc2822
from mockbc.services import customer_form_fields as form_field_service

_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
# Read-only in a body: refused with v2's sentence (upstream createCustomer and updateCustomer list them).
READ_ONLY = frozenset({"id", "date_created", "date_modified", "accepts_marketing", "addresses", "form_fields"})
TEXT_FIELDS = ("first_name", "last_name", "email", "company", "phone", "notes", "tax_exempt_category")
AUTHENTICATION_FIELDS = {"password": str, "password_confirmation": str, "force_reset": bool}
REQUIRED_ON_CREATE = ("first_name", "last_name", "email")


# --------------------------------------------------------------------------- customers


def _form_value(field: FormFieldValue) -> str:
    value = field.value
    if isinstance(value, tuple):
        return ",".join(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def to_v2(customer: Customer, call: Call) -> dict[str, Any]:
    form_fields = [{"name": f.name, "value": _form_value(f)}
                   for f in form_field_service.of_customer(call.store, customer.id)]  # fmt: skip
    return {
        "id": customer.id,
        "company": customer.company,
        "first_name": customer.first_name,
        "last_name": customer.last_name,
        "email": customer.email,
        "phone": customer.phone,
        "form_fields": form_fields or None,
        "date_created": rfc2822(customer.date_created),
        "date_modified": rfc2822(customer.date_modified),
        "store_credit": money(customer.store_credit),
        "registration_ip_address": customer.registration_ip_address,
        "customer_group_id": customer.customer_group_id,
        "notes": customer.notes,
        "tax_exempt_category": customer.tax_exempt_category,
        "reset_pass_on_login": customer.force_password_reset,
        "accepts_marketing": customer.accepts_marketing,
        "addresses": link(call, f"/customers/{customer.id}/addresses"),
    }


@dataclass(frozen=True, slots=True)
class CustomerBody:
    """A v2 customer body read: the customer's fields and the password it sets, if any."""

    fields: dict[str, Any]
    password: str | None = None


def _decimal(value: Any) -> float:
    if isinstance(value, str):
        if not _DECIMAL.fullmatch(value.strip()):
            raise ValueError(value)
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise ValueError(value)
    return float(value)


def _authentication(raw: Any, problems: list[Problem]) -> tuple[str | None, bool | None]:
    if not isinstance(raw, dict):
        problems.append(Problem("_authentication", "type", {"types": ["object"]}))
        return None, None
    for name, value in raw.items():
        kind = AUTHENTICATION_FIELDS.get(name)
        if kind is None:
            problems.append(Problem(f"_authentication.{name}", "unknown_field"))
        elif not isinstance(value, kind) or (kind is str and isinstance(value, bool)):
            problems.append(
                Problem(f"_authentication.{name}", "type", {"types": ["boolean" if kind is bool else "string"]})
            )
    password = raw.get("password")
    confirmation = raw.get("password_confirmation")
    if isinstance(password, str) and confirmation is not None and confirmation != password:
        problems.append(Problem("_authentication.password_confirmation", "passwords_differ"))
    force = raw.get("force_reset")
    return (password if isinstance(password, str) and password else None), (force if isinstance(force, bool) else None)


def _read(body: Mapping[str, Any], *, create: bool) -> CustomerBody:
    read_only = [Problem(name, "read_only", {"field": name}) for name in body if name in READ_ONLY]
    if read_only:
        raise Invalid("read_only", tuple(read_only))
    problems: list[Problem] = []
    if create:
        problems += [Problem(name, "missing") for name in REQUIRED_ON_CREATE if body.get(name) in (None, "")]
    fields: dict[str, Any] = {}
    password: str | None = None
    for name, value in body.items():
        if (
            (name in TEXT_FIELDS and value is not None)
            or (name == "customer_group_id" and value is not None)
            or (name == "registration_ip_address" and value is not None)
        ):
            fields[name] = value
        elif name == "reset_pass_on_login" and value is not None:
            fields["force_password_reset"] = value
        elif name == "store_credit" and value is not None:
            try:
                fields["store_credit_amounts"] = (_decimal(value),)
            except ValueError:
                problems.append(Problem(name, "not_decimal"))
        elif name == "_authentication" and value is not None:
            password, force = _authentication(value, problems)
            if force is not None:
                fields["force_password_reset"] = force
    for name in ("first_name", "last_name"):
        if name in fields and not 1 <= len(fields[name]) <= 100:
            problems.append(
                Problem(name, "max_length" if fields[name] else "min_length", {"limit": 100 if fields[name] else 1})
            )
    email = fields.get("email")
    if email is not None and ("@" not in email or not 3 <= len(email) <= 255 or email.strip() != email):
        problems.append(Problem("email", "format", {"format": "email"}))
    if problems:
        raise Invalid("body", tuple(problems))
    return CustomerBody(fields, password)


def parse_create(body: Mapping[str, Any]) -> dict[str, Any]:
    return {"customer": _read(body, create=True)}


def parse_update(body: Mapping[str, Any]) -> dict[str, Any]:
    return {"customer": _read(body, create=False)}


def _date(field: str, op: str) -> QueryParam:
    return QueryParam(field, op, date=True)


def _credit(raw: Any) -> float:
    try:
        return _decimal(raw)
    except ValueError:
        raise BadValue("not_number", raw) from None


QUERY = {
    "first_name": QueryParam("first_name"),
    "last_name": QueryParam("last_name"),
    "company": QueryParam("company"),
    "email": QueryParam("email"),
    "phone": QueryParam("phone"),
    "store_credit": QueryParam("store_credit", convert=_credit),
    "customer_group_id": QueryParam("customer_group_id"),
    "min_id": QueryParam("id", "min"),
    "max_id": QueryParam("id", "max"),
    "min_date_created": _date("date_created", "min"),
    "max_date_created": _date("date_created", "max"),
    "min_date_modified": _date("date_modified", "min"),
    "max_date_modified": _date("date_modified", "max"),
    "tax_exempt_category": QueryParam("tax_exempt_category"),
}

CUSTOMERS = View("customer.v2", to_v2, parse_update, query=query_reader(QUERY))
CREATE_CUSTOMER = View("customer.create.v2", to_v2, parse_create)
VALIDATION = View("customer.validate.v2", lambda valid, call: {"success": bool(valid.success)})


@dataclass(frozen=True, slots=True)
class Validation:
    success: bool


# --------------------------------------------------------------------------- addresses

ADDRESS_NAMES = {"street_1": "address1", "street_2": "address2", "zip": "postal_code", "state": "state_or_province"}
ADDRESS_SAME = ("first_name", "last_name", "company", "city", "phone", "address_type")
ADDRESS_LIMITS = {"first_name": 255, "last_name": 255, "company": 255, "city": 100, "state": 100, "zip": 30,
                  "phone": 50}  # fmt: skip
ADDRESS_REQUIRED = ("first_name", "last_name", "phone", "street_1", "city", "state", "zip", "country")


def address_v2(address: CustomerAddress, call: Call) -> dict[str, Any]:
    return {
        "id": address.id,
        "customer_id": address.customer_id,
        "first_name": address.first_name,
        "last_name": address.last_name,
        "company": address.company,
        "street_1": address.address1,
        "street_2": address.address2,
        "city": address.city,
        "state": address.state_or_province,
        "zip": address.postal_code,
        "country": address.country or name_of(address.country_code),
        "country_iso2": address.country_code,
        "phone": address.phone,
        "address_type": address.address_type,
    }


def _read_address(body: Mapping[str, Any], *, create: bool) -> dict[str, Any]:
    if "id" in body or "country_iso2" in body:
        name = "id" if "id" in body else "country_iso2"
        raise Invalid("read_only", (Problem(name, "read_only", {"field": name}),))
    problems: list[Problem] = []
    if create:
        # upstream customerAddress_Base: state cannot be empty; a space stands for none.
        problems += [Problem(name, "missing") for name in ADDRESS_REQUIRED if body.get(name) in (None, "")]
    for name, limit in ADDRESS_LIMITS.items():
        value = body.get(name)
        if isinstance(value, str) and len(value) > limit:
            problems.append(Problem(name, "max_length", {"limit": limit}))
    out: dict[str, Any] = {}
    for name, value in body.items():
        if value is None or name == "customer_id":
            continue
        if name in ADDRESS_NAMES:
            out[ADDRESS_NAMES[name]] = value.strip() if name == "state" else value
        elif name in ADDRESS_SAME:
            out[name] = value
        elif name == "country":
            code = code_of(value)
            if code is None:
                problems.append(Problem("country", "country_name"))
            else:
                out["country_code"], out["country"] = code, name_of(code)
    if problems:
        raise Invalid("body", tuple(problems))
    return out


def parse_address_create(body: Mapping[str, Any]) -> dict[str, Any]:
    return _read_address(body, create=True)


def parse_address_update(body: Mapping[str, Any]) -> dict[str, Any]:
    return _read_address(body, create=False)


ADDRESSES = View("customer_address.v2", address_v2, parse_address_update)
CREATE_ADDRESS = View("customer_address.create.v2", address_v2, parse_address_create)


# --------------------------------------------------------------------------- customer groups

RULE_TYPES = ("price_list", "all", "category", "product")
RULE_METHODS = ("percent", "fixed", "price")
RULE_TARGET = {"category": "category_id", "product": "product_id", "price_list": "price_list_id"}


def _rule_v2(rule: DiscountRule) -> dict[str, Any]:
    out: dict[str, Any] = {"type": rule.type}
    if rule.type == "price_list":
        out["price_list_id"] = rule.price_list_id
        return out
    out.update({"method": rule.method, "amount": money(rule.amount)})
    if rule.type in ("category", "product"):
        out[RULE_TARGET[rule.type]] = getattr(rule, RULE_TARGET[rule.type])
    return out


def group_v2(group: CustomerGroup, call: Call) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": group.id,
        "name": group.name,
        "is_default": group.is_default,
        "category_access": {"type": group.category_access.type, "categories": list(group.category_access.categories)},
        "date_created": rfc2822(group.date_created),
        "date_modified": rfc2822(group.date_modified),
        "is_group_for_guests": group.is_group_for_guests,
    }
    # Upstream's customerGroup_Full types discount_rules as a oneOf of four arrays every list of
    # rules matches; a group without rules answers without the field.
    if group.discount_rules:
        out["discount_rules"] = [_rule_v2(rule) for rule in group.discount_rules]
    return out


def _rule(index: int, raw: Any, problems: list[Problem]) -> DiscountRule | None:
    where = f"discount_rules.{index}"
    if not isinstance(raw, dict):
        problems.append(Problem(where, "type", {"types": ["object"]}))
        return None
    kind = raw.get("type")
    if kind not in RULE_TYPES:
        problems.append(Problem(f"{where}.type", "enum", {"options": list(RULE_TYPES)}))
        return None
    target = RULE_TARGET.get(kind)
    if target is not None and not (isinstance(raw.get(target), int) and not isinstance(raw.get(target), bool)):
        problems.append(Problem(f"{where}.{target}", "missing"))
        return None
    if kind == "price_list":
        return DiscountRule("price_list", price_list_id=raw[target])
    method = raw.get("method", "percent")
    if method not in RULE_METHODS:
        problems.append(Problem(f"{where}.method", "enum", {"options": list(RULE_METHODS)}))
        return None
    try:
        amount = _decimal(raw.get("amount", 0))
    except ValueError:
        problems.append(Problem(f"{where}.amount", "not_decimal"))
        return None
    if method == "percent" and amount > 100:
        problems.append(Problem(f"{where}.amount", "maximum", {"limit": 100}))
        return None
    ids = {target: raw[target]} if target is not None else {}
    return DiscountRule(kind, method, amount, **ids)


def _read_group(body: Mapping[str, Any], *, create: bool) -> dict[str, Any]:
    problems: list[Problem] = []
    if create and not body.get("name"):
        problems.append(Problem("name", "missing"))
    out: dict[str, Any] = {}
    for name, value in body.items():
        if name == "name" and value is not None:
            if len(value) > 255:
                problems.append(Problem("name", "max_length", {"limit": 255}))
            out["name"] = value
        elif name in ("is_default", "is_group_for_guests") and value is not None:
            out[name] = value
        elif name == "category_access" and value is not None:
            kind = value.get("type", "all")
            categories = tuple(value.get("categories") or ())
            if kind != "specific" and categories:
                problems.append(Problem("category_access.categories", "categories_only_specific"))
            out[name] = CategoryAccess(kind, categories if kind == "specific" else ())
        elif name == "discount_rules" and value is not None:
            rules = [_rule(i, raw, problems) for i, raw in enumerate(value)]
            out[name] = tuple(rule for rule in rules if rule is not None)
    if problems:
        raise Invalid("body", tuple(problems))
    return out


def parse_group_create(body: Mapping[str, Any]) -> dict[str, Any]:
    return _read_group(body, create=True)


def parse_group_update(body: Mapping[str, Any]) -> dict[str, Any]:
    return _read_group(body, create=False)


GROUP_QUERY = {
    "name": QueryParam("name"),
    "name:like": QueryParam("name", "like"),
    "is_default": QueryParam("is_default"),
    "is_group_for_guests": QueryParam("is_group_for_guests"),
    "date_created": _date("date_created", "eq"),
    "date_created:min": _date("date_created", "min"),
    "date_created:max": _date("date_created", "max"),
    "date_modified": _date("date_modified", "eq"),
    "date_modified:min": _date("date_modified", "min"),
    "date_modified:max": _date("date_modified", "max"),
}

GROUPS = View("customer_group.v2", group_v2, parse_group_update, query=query_reader(GROUP_QUERY))
CREATE_GROUP = View("customer_group.create.v2", group_v2, parse_group_create)
