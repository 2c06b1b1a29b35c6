"""v3 customers: /v3/customers, its addresses, attributes, attribute values, form-field values,
consent, stored instruments, settings and credential checks (upstream customers.v3.yml)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from mockbc.domain.customers import Customer, CustomerSettings
from mockbc.domain.query import Condition, Page, paginate, sort_by
from mockbc.http.operations import Binding, bindings
from mockbc.presentation import customers as wire
from mockbc.presentation.call import Call
from mockbc.presentation.metafields import CursorPage, cursor
from mockbc.presentation.params import BadValue, date_converter
from mockbc.services import customer_addresses as address_service
from mockbc.services import customer_attributes as attribute_service
from mockbc.services import customer_form_fields as form_field_service
from mockbc.services import customer_settings as settings_service
from mockbc.services import customers as service

FILTERABLE = frozenset({
    "id", "email", "name", "company", "customer_group_id", "date_created", "date_modified",
})  # fmt: skip
DATE_FILTERS = ("date_created", "date_modified")
SORTS: dict[str, Callable[[Customer], Any]] = {
    "date_created": lambda c: c.date_created,
    "date_modified": lambda c: c.date_modified,
    "last_name": lambda c: c.last_name.casefold(),
}


def _integer(raw: Any) -> int:
    text = str(raw).strip()
    if not (text.isascii() and text.lstrip("-").isdigit()) or len(text) > 19:
        raise BadValue("not_integer", raw)
    return int(text)


def _converters(call: Call) -> dict[str, Any]:
    converters: dict[str, Any] = {"customer_group_id": _integer}
    if any(key.startswith(DATE_FILTERS) for key in call.query):
        now = call.store.clock.now()  # a bare date takes the request's time of day, as on products
        converters.update({name: date_converter(now) for name in DATE_FILTERS})
    return converters


def _split(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def _customer_conditions(call: Call) -> list[Condition]:
    listing = call.view.listing(call, FILTERABLE, _converters(call))
    conditions = [c for c in listing.conditions if not (c.field == "name" and c.op == "like")]
    likes = call.query.get("name:like")
    if likes:
        conditions.append(Condition("name_like", "like", [str(v) for v in likes]))
    phones = call.query.get("phone:in")
    if phones is not None:
        conditions.append(Condition("phone", "in", _split(str(phones))))
    # Upstream types registration_ip_address:in as integers, which no IP address is; it is read raw.
    addresses = [value for key, value in call.query_items if key == "registration_ip_address:in"]
    if addresses:
        conditions.append(Condition("registration_ip_address", "in", [a for raw in addresses for a in _split(raw)]))
    return conditions


def _ordered(call: Call, rows: Sequence[Customer]) -> Sequence[Customer]:
    sort = call.query.get("sort")
    if not sort:
        return rows
    field, _, direction = str(sort).partition(":")
    key = SORTS.get(field)
    if key is None:
        return rows
    return sort_by(list(rows), key, descending=direction == "desc")


def _paged(call: Call, rows: Sequence[Any]) -> Page[Any] | CursorPage:
    listing = call.view.listing(call, ())
    found = cursor(call)
    if found is None:
        return paginate(rows, page=listing.page, limit=listing.limit)
    return wire.cursor_page(call, rows, listing.limit, found)


def list_customers(call: Call) -> Page[Customer] | CursorPage:
    rows = service.find(call.store, _customer_conditions(call))
    return _paged(call, _ordered(call, rows))


def create_customers(call: Call) -> list[Customer]:
    return service.create_many(call.store, [wire.new_customer(item, i) for i, item in enumerate(call.body)])


def update_customers(call: Call) -> list[Customer]:
    return service.update_many(call.store, [wire.customer_change(item) for item in call.body])


def delete_customers(call: Call) -> None:
    # Without id:in the call deletes nothing and still answers 204 (upstream deleteCustomers).
    ids = call.query.get("id:in")
    if ids:
        service.delete(call.store, ids)


def validate_credentials(call: Call) -> wire.Credentials:
    body = call.body
    customer_id = service.valid_credentials(call.store, body["email"], body["password"], body.get("channel_id", 1))
    return wire.Credentials(customer_id)


# --------------------------------------------------------------------------- addresses

ADDRESS_FILTERABLE = frozenset({"id", "customer_id", "company", "name"})


def list_addresses(call: Call) -> Page[Any]:
    listing = call.view.listing(call, ADDRESS_FILTERABLE)
    return paginate(address_service.find(call.store, listing.conditions), page=listing.page, limit=listing.limit)


def create_addresses(call: Call) -> list[Any]:
    return address_service.create_many(call.store, [wire.address_body(item) for item in call.body])


def update_addresses(call: Call) -> list[Any]:
    return address_service.update_many(call.store, [(item["id"], wire.address_body(item)) for item in call.body])


def delete_addresses(call: Call) -> None:
    address_service.delete(call.store, call.query["id:in"])


# --------------------------------------------------------------------------- attributes and values

ATTRIBUTE_FILTERABLE = frozenset({"name", "type", "date_created", "date_modified"})
VALUE_FILTERABLE = frozenset({"customer_id", "attribute_id", "name", "date_created", "date_modified"})


def list_attributes(call: Call) -> Page[Any]:
    listing = call.view.listing(call, ATTRIBUTE_FILTERABLE, _converters(call))
    return paginate(attribute_service.find(call.store, listing.conditions), page=listing.page, limit=listing.limit)


def create_attributes(call: Call) -> list[Any]:
    return attribute_service.create_many(call.store, call.body)


def update_attributes(call: Call) -> list[Any]:
    return attribute_service.update_many(call.store, call.body)


def delete_attributes(call: Call) -> None:
    attribute_service.delete(call.store, call.query["id:in"])


def list_attribute_values(call: Call) -> Page[Any]:
    listing = call.view.listing(call, VALUE_FILTERABLE, _converters(call))
    rows = attribute_service.find_values(call.store, listing.conditions)
    return paginate(rows, page=listing.page, limit=listing.limit)


def upsert_attribute_values(call: Call) -> list[Any]:
    return attribute_service.upsert_values(call.store, call.body)


def delete_attribute_values(call: Call) -> None:
    attribute_service.delete_values(call.store, call.query["id:in"])


# --------------------------------------------------------------------------- form fields, consent, instruments

FORM_FILTERABLE = frozenset({"customer_id", "address_id", "field_name", "field_type"})


def list_form_field_values(call: Call) -> Page[Any] | CursorPage:
    listing = call.view.listing(call, FORM_FILTERABLE)
    return _paged(call, form_field_service.find(call.store, listing.conditions))


def upsert_form_field_values(call: Call) -> list[Any]:
    return form_field_service.upsert(call.store, call.body)


def get_consent(call: Call) -> Customer:
    return service.get(call.store, call.path["customerId"])


def update_consent(call: Call) -> Customer:
    body = call.body
    return settings_service.set_consent(
        call.store, call.path["customerId"], body.get("allow", []), body.get("deny", [])
    )


def list_stored_instruments(call: Call) -> list[Any]:
    service.get(call.store, call.path["customerId"])
    return []  # payment instruments are not emulated


# --------------------------------------------------------------------------- settings


def get_settings(call: Call) -> CustomerSettings:
    return settings_service.store_settings(call.store)


def update_settings(call: Call) -> CustomerSettings:
    return settings_service.update_store_settings(call.store, wire.settings_changes(call.body))


def get_channel_settings(call: Call) -> CustomerSettings:
    return settings_service.channel_settings(call.store, call.path["channel_id"])


def update_channel_settings(call: Call) -> CustomerSettings:
    return settings_service.update_channel_settings(
        call.store, call.path["channel_id"], wire.settings_changes(call.body)
    )


def _v3(view: Any, handlers: dict[str, Callable[[Call], Any]], scope: str = "customers") -> tuple[Binding, ...]:
    return bindings("v3", view, scope=scope, handlers=handlers)


OPERATIONS = (
    *_v3(wire.CUSTOMERS, {
        "getCustomers": list_customers,
        "createCustomers": create_customers,
        "updateCustomers": update_customers,
        "deleteCustomers": delete_customers,
    }),
    *_v3(wire.CREDENTIALS, {"validateCustomerCredentials": validate_credentials}),
    *_v3(wire.ADDRESSES, {
        "getCustomersAddresses": list_addresses,
        "createCustomersAddresses": create_addresses,
        "updateCustomersAddresses": update_addresses,
        "deleteCustomersAddresses": delete_addresses,
    }),
    *_v3(wire.ATTRIBUTES, {
        "getCustomersAttributes": list_attributes,
        "createCustomersAttributes": create_attributes,
        "updateCustomersAttributes": update_attributes,
        "deleteCustomersAttributes": delete_attributes,
    }),
    *_v3(wire.ATTRIBUTE_VALUES, {
        "getCustomersAttributeValues": list_attribute_values,
        "upsertCustomersAttributeValues": upsert_attribute_values,
        "deleteCustomersAttributeValues": delete_attribute_values,
    }),
    *_v3(wire.FORM_FIELDS, {
        "getCustomersFormFieldValues": list_form_field_values,
        "updateCustomerFormFieldValues": upsert_form_field_values,
    }),
    *_v3(wire.CONSENT, {"getCustomerConsent": get_consent, "updateCustomerConsent": update_consent}),
    *_v3(wire.STORED_INSTRUMENTS, {"getCustomerStoredInstruments": list_stored_instruments}, "stored_instruments"),
    *_v3(wire.SETTINGS, {
        "getCustomersSettings": get_settings,
        "updateCustomersSettings": update_settings,
        "getCustomersSettingsChannel": get_channel_settings,
        "updateCustomersSettingsChannel": update_channel_settings,
    }),
)  # fmt: skip
