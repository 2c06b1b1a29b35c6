"""A product's custom fields: /v3/catalog/products/{product_id}/custom-fields[/{custom_field_id}]."""

from __future__ import annotations

from mockbc.domain.custom_fields import CustomField
from mockbc.domain.query import Page
from mockbc.http.operations import bindings
from mockbc.presentation import custom_fields as wire
from mockbc.presentation.call import Call
from mockbc.services import custom_fields as service


def list_custom_fields(call: Call) -> Page[CustomField]:
    listing = call.view.listing(call, ())
    return call.view.page(service.find(call.store, call.path["product_id"]), listing)


def get_custom_field(call: Call) -> CustomField:
    return service.get(call.store, call.path["product_id"], call.path["custom_field_id"])


def create_custom_field(call: Call) -> CustomField:
    return service.create(call.store, call.path["product_id"], call.view.parse(call.body))


def update_custom_field(call: Call) -> CustomField:
    return service.update(call.store, call.path["product_id"], call.path["custom_field_id"], call.view.parse(call.body))


def delete_custom_field(call: Call) -> None:
    service.delete(call.store, call.path["product_id"], call.path["custom_field_id"])


OPERATIONS = bindings(
    "v3",
    wire.VIEW_V3,
    scope="products",
    handlers={
        "getProductCustomFields": list_custom_fields,
        "createProductCustomField": create_custom_field,
        "getProductCustomField": get_custom_field,
        "updateProductCustomField": update_custom_field,
        "deleteProductCustomField": delete_custom_field,
    },
)
