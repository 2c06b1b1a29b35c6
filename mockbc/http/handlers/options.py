"""Catalog variant options: /v3/catalog/products/{product_id}/options[/{option_id}[/values[/{value_id}]]]."""

from __future__ import annotations

from mockbc.domain.options import OptionValue, ProductOption, in_display_order
from mockbc.domain.query import Page
from mockbc.http.operations import bindings
from mockbc.presentation import options as wire
from mockbc.presentation.call import Call
from mockbc.services import options as service


def list_options(call: Call) -> Page[ProductOption]:
    listing = call.view.listing(call, ())
    return call.view.page(
        service.options_of(call.store, service.product_of(call.store, call.path["product_id"]).id), listing
    )


def create_option(call: Call) -> ProductOption:
    return service.create(call.store, call.path["product_id"], call.view.parse(call.body))


def get_option(call: Call) -> ProductOption:
    return service.get(call.store, call.path["product_id"], call.path["option_id"])


def update_option(call: Call) -> ProductOption:
    return service.update(call.store, call.path["product_id"], call.path["option_id"], call.view.parse(call.body))


def delete_option(call: Call) -> None:
    service.delete(call.store, call.path["product_id"], call.path["option_id"])


def list_values(call: Call) -> Page[OptionValue]:
    listing = call.view.listing(call, ())
    option = service.get(call.store, call.path["product_id"], call.path["option_id"])
    return call.view.page(in_display_order(option.option_values), listing)


def create_value(call: Call) -> OptionValue:
    return service.create_value(call.store, call.path["product_id"], call.path["option_id"], call.view.parse(call.body))


def get_value(call: Call) -> OptionValue:
    return service.get_value(call.store, call.path["product_id"], call.path["option_id"], call.path["value_id"])[1]


def update_value(call: Call) -> OptionValue:
    path = call.path
    return service.update_value(
        call.store, path["product_id"], path["option_id"], path["value_id"], call.view.parse(call.body)
    )


def delete_value(call: Call) -> None:
    service.delete_value(call.store, call.path["product_id"], call.path["option_id"], call.path["value_id"])


OPERATIONS = (
    *bindings(
        "v3",
        wire.VIEW_V3,
        scope="products",
        handlers={
            "getProductVariantOptions": list_options,
            "createProductVariantOption": create_option,
            "getProductVariantOption": get_option,
            "updateProductVariantOption": update_option,
            "deleteProductVariantOption": delete_option,
        },
    ),
    *bindings(
        "v3",
        wire.VALUE_VIEW_V3,
        scope="products",
        handlers={
            "getProductVariantOptionValues": list_values,
            "createProductVariantOptionValue": create_value,
            "getProductVariantOptionValue": get_value,
            "updateProductVariantOptionValue": update_value,
            "deleteProductVariantOptionValue": delete_value,
        },
    ),
)
