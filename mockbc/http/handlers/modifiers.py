"""Catalog modifiers: /v3/catalog/products/{product_id}/modifiers[/{modifier_id}[/values[/{value_id}[/image]]]]."""

from __future__ import annotations

from mockbc.domain.errors import invalid
from mockbc.domain.modifiers import Modifier, ModifierValue
from mockbc.domain.options import in_display_order
from mockbc.domain.query import Page
from mockbc.http import multipart
from mockbc.http.operations import bindings
from mockbc.presentation import modifiers as wire
from mockbc.presentation.call import Call
from mockbc.presentation.uploads import upload_url
from mockbc.services import modifiers as service
from mockbc.services import options as option_service
from mockbc.services import uploads


def list_modifiers(call: Call) -> Page[Modifier]:
    listing = call.view.listing(call, ())
    product = option_service.product_of(call.store, call.path["product_id"])
    return call.view.page(service.modifiers_of(call.store, product.id), listing)


def create_modifier(call: Call) -> Modifier:
    return service.create(call.store, call.path["product_id"], call.view.parse(call.body))


def get_modifier(call: Call) -> Modifier:
    return service.get(call.store, call.path["product_id"], call.path["modifier_id"])


def update_modifier(call: Call) -> Modifier:
    return service.update(call.store, call.path["product_id"], call.path["modifier_id"], call.view.parse(call.body))


def delete_modifier(call: Call) -> None:
    service.delete(call.store, call.path["product_id"], call.path["modifier_id"])


def list_values(call: Call) -> Page[ModifierValue]:
    listing = call.view.listing(call, ())
    modifier = service.get(call.store, call.path["product_id"], call.path["modifier_id"])
    return call.view.page(in_display_order(modifier.option_values), listing)


def create_value(call: Call) -> ModifierValue:
    return service.create_value(
        call.store, call.path["product_id"], call.path["modifier_id"], call.view.parse(call.body)
    )


def get_value(call: Call) -> ModifierValue:
    return service.get_value(call.store, call.path["product_id"], call.path["modifier_id"], call.path["value_id"])[1]


def update_value(call: Call) -> ModifierValue:
    path = call.path
    return service.update_value(
        call.store, path["product_id"], path["modifier_id"], path["value_id"], call.view.parse(call.body)
    )


def delete_value(call: Call) -> None:
    service.delete_value(call.store, call.path["product_id"], call.path["modifier_id"], call.path["value_id"])


def create_value_image(call: Call) -> ModifierValue:
    """A form's ``image_file``: upstream takes no other body here (createProductModifierImage)."""
    path = call.path
    service.get_value(call.store, path["product_id"], path["modifier_id"], path["value_id"])  # 404 before an upload
    body = call.body
    part = body.files.get("image_file") if isinstance(body, multipart.Form) else None
    if part is None:
        raise invalid("payload", "image_file", "missing")
    upload = uploads.store_image(call.store, part.data, part.filename)
    return service.set_image(
        call.store, path["product_id"], path["modifier_id"], path["value_id"], upload_url(call, upload)
    )


OPERATIONS = (
    *bindings(
        "v3",
        wire.VIEW_V3,
        scope="products",
        handlers={
            "getProductModifiers": list_modifiers,
            "createProductModifier": create_modifier,
            "getProductModifier": get_modifier,
            "updateProductModifier": update_modifier,
            "deleteProductModifier": delete_modifier,
        },
    ),
    *bindings(
        "v3",
        wire.VALUE_VIEW_V3,
        scope="products",
        handlers={
            "getProductModifierValues": list_values,
            "createProductModifierValue": create_value,
            "getProductModifierValue": get_value,
            "updateProductModifierValue": update_value,
            "deleteProductModifierValue": delete_value,
        },
    ),
    *bindings("v3", wire.IMAGE_VIEW_V3, scope="products", handlers={"createProductModifierImage": create_value_image}),
)
