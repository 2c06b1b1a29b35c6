"""Customers on the v3 wire (upstream customers.v3.yml): customers with their ``include=``
sub-resources, addresses, attributes, attribute values, form-field values, consent and settings.

Dates are ISO 8601 in UTC with a ``Z`` (``2020-02-06T17:46:33Z``), as upstream's examples show.
A password never leaves the store: ``authentication`` answers only ``force_password_reset``.
Customer lists page by ``page`` or by cursor (``after`` / ``before``); the first offset page
carries both ``pagination`` and ``cursor_pagination``, later pages only ``pagination``, and a
cursor request only ``cursor_pagination`` (BC_FACTS §3.9).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from mockbc.domain import errors as e
from mockbc.domain.countries import name_of
from mockbc.domain.customers import (
    STORE_SETTINGS_ID,
    Customer,
    CustomerAddress,
    CustomerAttribute,
    CustomerAttributeValue,
    CustomerSettings,
    FormFieldValue,
)
from mockbc.presentation import v3
from mockbc.presentation.call import Call, Rendered
from mockbc.presentation.metafields import CursorPage, render_page
from mockbc.services import customer_addresses as address_service
from mockbc.services import customer_attributes as attribute_service
from mockbc.services import customer_form_fields as form_field_service
from mockbc.services import customers as service
from mockbc.services.customers import CustomerChange, NewCustomer


def iso_z(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------------- records


def form_field_value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def form_field_v3(field: FormFieldValue) -> dict[str, Any]:
    out: dict[str, Any] = {"name": field.name, "value": form_field_value(field.value)}
    if field.address_id is not None:
        out["address_id"] = field.address_id
    else:
        out["customer_id"] = field.customer_id
    return out


def address_v3(address: CustomerAddress, call: Call | None = None, *, form_fields: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": address.id,
        "customer_id": address.customer_id,
        "first_name": address.first_name,
        "last_name": address.last_name,
        "company": address.company,
        "address1": address.address1,
        "address2": address.address2,
        "city": address.city,
        "state_or_province": address.state_or_province,
        "postal_code": address.postal_code,
        "country": address.country or name_of(address.country_code),
        "country_code": address.country_code,
        "phone": address.phone,
        "address_type": address.address_type,
    }
    if form_fields and call is not None:
        out["form_fields"] = [form_field_v3(f) for f in form_field_service.of_address(call.store, address.id)]
    return out


def attribute_value_v3(value: CustomerAttributeValue) -> dict[str, Any]:
    return {
        "id": value.id,
        "customer_id": value.customer_id,
        "attribute_id": value.attribute_id,
        "attribute_value": value.value,
        "date_created": iso_z(value.date_created),
        "date_modified": iso_z(value.date_modified),
    }


def attribute_v3(attribute: CustomerAttribute) -> dict[str, Any]:
    return {
        "id": attribute.id,
        "name": attribute.name,
        "type": attribute.type,
        "date_created": iso_z(attribute.date_created),
        "date_modified": iso_z(attribute.date_modified),
    }


def shopper_profile_id(call: Call, customer: Customer) -> str:
    # A stable id per store and customer: shopper profiles themselves are not emulated.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"mockbc:{call.store.store_hash}:shopper:{customer.id}"))


def to_v3(customer: Customer, call: Call) -> dict[str, Any]:
    addresses, attributes = service.counts(call.store, customer.id)
    out: dict[str, Any] = {
        "id": customer.id,
        "email": customer.email,
        "first_name": customer.first_name,
        "last_name": customer.last_name,
        "company": customer.company,
        "phone": customer.phone,
        "registration_ip_address": customer.registration_ip_address,
        "notes": customer.notes,
        "tax_exempt_category": customer.tax_exempt_category,
        "customer_group_id": customer.customer_group_id,
        "date_created": iso_z(customer.date_created),
        "date_modified": iso_z(customer.date_modified),
        "address_count": addresses,
        "attribute_count": attributes,
        "authentication": {"force_password_reset": customer.force_password_reset},
        "accepts_product_review_abandoned_cart_emails": customer.accepts_product_review_abandoned_cart_emails,
        "origin_channel_id": customer.origin_channel_id,
    }
    # A customer of every channel has no channel_ids: upstream's customer_Full types it as a
    # non-null array, so the field is left out rather than null.
    if customer.channel_ids is not None:
        out["channel_ids"] = list(customer.channel_ids)
    include = call.query.get("include") or ()
    form_fields = "formfields" in include
    if "addresses" in include:
        out["addresses"] = [
            address_v3(a, call, form_fields=form_fields) for a in address_service.of_customer(call.store, customer.id)
        ]
    if "storecredit" in include:
        out["store_credit_amounts"] = [{"amount": amount} for amount in customer.store_credit_amounts]
    if "attributes" in include:
        out["attributes"] = [attribute_value_v3(v) for v in attribute_service.values_of(call.store, customer.id)]
    if form_fields:
        out["form_fields"] = [form_field_v3(f) for f in form_field_service.of_customer(call.store, customer.id)]
    if "shopper_profile_id" in include:
        out["shopper_profile_id"] = shopper_profile_id(call, customer)
    if "segment_ids" in include:
        out["segment_ids"] = []  # segments are not emulated: no customer is in one
    return out


# --------------------------------------------------------------------------- request bodies


def _pairs(items: Sequence[Mapping[str, Any]] | None) -> list[tuple[str, Any]]:
    return [(item["name"], item["value"]) for item in items or ()]


def _fields(body: Mapping[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name in (
        "email", "first_name", "last_name", "company", "phone", "notes", "tax_exempt_category", "customer_group_id",
        "accepts_product_review_abandoned_cart_emails",
    ):  # fmt: skip
        if name in body and body[name] is not None:
            fields[name] = body[name]
    if "store_credit_amounts" in body:
        fields["store_credit_amounts"] = tuple(
            float(item.get("amount", 0)) for item in body["store_credit_amounts"] or ()
        )
    if "channel_ids" in body:
        ids = body["channel_ids"]
        fields["channel_ids"] = tuple(ids) if ids is not None else None
    authentication = body.get("authentication") or {}
    if "force_password_reset" in authentication:
        fields["force_password_reset"] = authentication["force_password_reset"]
    return fields


def _address(body: Mapping[str, Any]) -> dict[str, Any]:
    out = {name: value for name, value in body.items() if name != "form_fields" and value is not None}
    if "form_fields" in body:
        out["form_fields"] = _pairs(body["form_fields"])
    return out


def new_customer(body: Mapping[str, Any], index: int = 0) -> NewCustomer:
    fields = _fields(body)
    if "origin_channel_id" in body:
        fields["origin_channel_id"] = body["origin_channel_id"]
    attributes: list[tuple[int, str]] = []
    for at, item in enumerate(body.get("attributes") or ()):
        if "attribute_id" not in item:
            raise e.Invalid("body", (e.Problem(f"{index}.attributes.{at}.attribute_id", "missing"),))
        attributes.append((item["attribute_id"], str(item.get("attribute_value", ""))))
    return NewCustomer(
        fields=fields,
        password=(body.get("authentication") or {}).get("new_password"),
        addresses=[_address(a) for a in body.get("addresses") or ()],
        attributes=attributes,
        form_fields=_pairs(body.get("form_fields")),
    )


def customer_change(body: Mapping[str, Any]) -> CustomerChange:
    # registration_ip_address and origin_channel_id are read-only on update (upstream updateCustomers): ignored.
    return CustomerChange(
        id=body["id"],
        fields=_fields(body),
        password=(body.get("authentication") or {}).get("new_password"),
        form_fields=_pairs(body.get("form_fields")),
    )


def address_body(body: Mapping[str, Any]) -> dict[str, Any]:
    return _address(body)


# --------------------------------------------------------------------------- cursor pages


def cursor_page(call: Call, ordered: Sequence[Any], limit: int, found: tuple[str, int]) -> CursorPage:
    """The page after or before the record the cursor names, in the list's own order."""
    name, at = found
    ids = [record.id for record in ordered]
    try:
        position = ids.index(at)
    except ValueError:
        raise e.Invalid("filter", (e.Problem(name, "not_cursor", {"raw": call.query[name]}),)) from None
    if name == "after":
        low, high = position + 1, min(len(ids), position + 1 + limit)
    else:
        low, high = max(0, position - limit), position
    return CursorPage(list(ordered[low:high]), limit, low > 0, high < len(ids), (name, str(call.query[name])))


# --------------------------------------------------------------------------- views


def _customer_item(customer: Customer, call: Call) -> dict[str, Any]:
    return to_v3(customer, call)


class CustomerView(v3.View):
    """Customers: offset pages carry cursor pagination on the first page; cursor pages only that."""

    def render(self, result: object, call: Call, status: int) -> Rendered:
        return render_page(self, result, call, status) or super().render(result, call, status)


CUSTOMERS = CustomerView("customer.v3", _customer_item)
ADDRESSES = v3.View("customer_address.v3", lambda a, call: address_v3(a, call, form_fields=_formfields(call)))
ATTRIBUTES = v3.View("customer_attribute.v3", lambda a, call: attribute_v3(a))
ATTRIBUTE_VALUES = v3.View("customer_attribute_value.v3", lambda v, call: attribute_value_v3(v))
FORM_FIELDS = CustomerView("customer_form_field_value.v3", lambda f, call: form_field_v3(f))


def _formfields(call: Call) -> bool:
    return "formfields" in (call.query.get("include") or ())


# --------------------------------------------------------------------------- consent, settings, credentials


def consent_v3(customer: Customer, call: Call) -> dict[str, Any]:
    # Upstream consent_Full: updated_at is the time of the call (its own note says so).
    return {
        "allow": list(customer.consent_allow),
        "deny": list(customer.consent_deny),
        "updated_at": iso_z(call.store.clock.now()),
    }


def settings_v3(settings: CustomerSettings, call: Call) -> dict[str, Any]:
    out: dict[str, Any] = {
        "privacy_settings": {
            "ask_shopper_for_tracking_consent": settings.ask_shopper_for_tracking_consent,
            "policy_url": settings.policy_url,
        },
        "customer_group_settings": {
            "guest_customer_group_id": settings.guest_customer_group_id,
            "default_customer_group_id": settings.default_customer_group_id,
        },
    }
    if settings.id != STORE_SETTINGS_ID:  # allow_global_logins is a channel's setting
        out["allow_global_logins"] = settings.allow_global_logins
    return out


def settings_changes(body: Mapping[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for group in ("privacy_settings", "customer_group_settings"):
        for name, value in (body.get(group) or {}).items():
            changes[name] = value
    if "allow_global_logins" in body:
        changes["allow_global_logins"] = body["allow_global_logins"]
    return changes


@dataclass(frozen=True, slots=True)
class Credentials:
    """What a credential check found: the customer whose credentials they are, or ``None``."""

    customer_id: int | None


class PlainView(v3.View):
    """An operation that answers one object as it is, with no ``data`` envelope."""

    def render(self, result: object, call: Call, status: int) -> Rendered:
        return Rendered(status, self.item(result, call))


STORED_INSTRUMENTS = PlainView("customer_stored_instruments.v3", lambda items, call: list(items))
CONSENT = PlainView("customer_consent.v3", consent_v3)
SETTINGS = v3.View("customer_settings.v3", settings_v3)
CREDENTIALS = PlainView(
    "customer_credentials.v3",
    lambda c, call: {"customer_id": c.customer_id, "is_valid": c.customer_id is not None},
)
