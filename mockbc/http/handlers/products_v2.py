"""A product's v2 sub-resources, where the links of a v2 product lead: /v2/products/{product_id}/skus, options,
images, custom_fields, discount_rules, videos, rules and configurable_fields, each a list and one record by id.

Each reads the records v3 serves through their own services, by the product's index; lists are in id order (the
v2 guides document no other) and paged like every v2 list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mockbc.domain.errors import NotFound
from mockbc.domain.modifiers import Modifier
from mockbc.domain.query import Page
from mockbc.domain.variants import Variant
from mockbc.http.operations import Binding, Handler, bindings
from mockbc.presentation import subresources_v2 as wire
from mockbc.presentation.call import Call, View
from mockbc.services import bulk_pricing, complex_rules, custom_fields, images, modifiers, options, variants, videos
from mockbc.services import products as product_service


def _page(call: Call, records: Sequence[Any]) -> Page[Any]:
    listing = call.view.listing(call, ())
    return call.view.page(sorted(records, key=lambda record: record.id), listing)


def list_skus(call: Call) -> Page[Variant]:
    product = product_service.get(call.store, call.path["product_id"])
    found = [v for v in variants.variants_of(call.store, product) if v.id != product.base_variant_id]
    return _page(call, found)


def get_sku(call: Call) -> Variant:
    product = product_service.get(call.store, call.path["product_id"])
    variant = variants.get(call.store, product.id, call.path["sku_id"])
    if variant.id == product.base_variant_id:
        raise NotFound("sku", variant.id)  # a product without options has no v2 SKUs
    return variant


def list_options(call: Call) -> Page[Any]:
    product = product_service.get(call.store, call.path["product_id"])
    return _page(call, options.options_of(call.store, product.id))


def get_option(call: Call) -> Any:
    return options.get(call.store, call.path["product_id"], call.path["option_id"])


def list_images(call: Call) -> Page[Any]:
    return _page(call, images.list_for(call.store, call.path["product_id"]))


def get_image(call: Call) -> Any:
    return images.get(call.store, call.path["product_id"], call.path["image_id"])


def list_custom_fields(call: Call) -> Page[Any]:
    return _page(call, custom_fields.find(call.store, call.path["product_id"]))


def get_custom_field(call: Call) -> Any:
    return custom_fields.get(call.store, call.path["product_id"], call.path["custom_field_id"])


def list_discount_rules(call: Call) -> Page[Any]:
    return _page(call, bulk_pricing.find(call.store, call.path["product_id"]))


def get_discount_rule(call: Call) -> Any:
    return bulk_pricing.get(call.store, call.path["product_id"], call.path["discount_rule_id"])


def list_videos(call: Call) -> Page[Any]:
    return _page(call, videos.list_for(call.store, call.path["product_id"]))


def get_video(call: Call) -> Any:
    return videos.get(call.store, call.path["product_id"], call.path["video_id"])


def list_rules(call: Call) -> Page[Any]:
    return _page(call, complex_rules.find(call.store, call.path["product_id"]))


def get_rule(call: Call) -> Any:
    return complex_rules.get(call.store, call.path["product_id"], call.path["rule_id"])


def list_configurable_fields(call: Call) -> Page[Modifier]:
    product = product_service.get(call.store, call.path["product_id"])
    return _page(call, [m for m in modifiers.modifiers_of(call.store, product.id) if wire.is_configurable(m)])


def get_configurable_field(call: Call) -> Modifier:
    field_id = call.path["configurable_field_id"]
    try:
        modifier = modifiers.get(call.store, call.path["product_id"], field_id)
    except NotFound:
        raise NotFound("configurable field", field_id) from None
    if not wire.is_configurable(modifier):
        raise NotFound("configurable field", field_id)
    return modifier


def _bound(view: View, handlers: dict[str, Handler]) -> tuple[Binding, ...]:
    return bindings("v2", view, scope="products", handlers=handlers)


OPERATIONS = (
    *_bound(wire.SKU_VIEW, {"getProductSkus": list_skus, "getProductSku": get_sku}),
    *_bound(wire.OPTION_VIEW, {"getProductOptions": list_options, "getProductOption": get_option}),
    *_bound(wire.IMAGE_VIEW, {"getProductProductImages": list_images, "getProductProductImage": get_image}),
    *_bound(
        wire.CUSTOM_FIELD_VIEW,
        {"getProductCustomFields": list_custom_fields, "getProductCustomField": get_custom_field},
    ),
    *_bound(
        wire.DISCOUNT_RULE_VIEW,
        {"getProductDiscountRules": list_discount_rules, "getProductDiscountRule": get_discount_rule},
    ),
    *_bound(wire.VIDEO_VIEW, {"getProductVideos": list_videos, "getProductVideo": get_video}),
    *_bound(wire.RULE_VIEW, {"getProductRules": list_rules, "getProductRule": get_rule}),
    *_bound(
        wire.CONFIGURABLE_FIELD_VIEW,
        {
            "getProductConfigurableFields": list_configurable_fields,
            "getProductConfigurableField": get_configurable_field,
        },
    ),
)
