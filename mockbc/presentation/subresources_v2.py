"""A product's sub-resources on the v2 wire, where its links lead: the same records v3 serves (variants, options,
images, custom fields, bulk pricing rules, videos, complex rules, modifiers) in the v2 names.

- SKUs are the variants of a product with options; a product without options has none in v2 (its base variant is
  the product itself). ``options`` name each variant's ``product_option_id`` and ``option_value_id``.
- Product options are its variant options; ``option_id`` is the option's own id (the mock has no global options).
- Images carry ``image_file`` (the file name of the image's URL) and the four sized URLs of v3.
- Custom fields say ``text`` for v3's ``value``; discount rules are bulk pricing rules as ``min``, ``max``,
  ``type`` and ``type_value``; rules are complex rules, their conditions naming ``product_option_id`` (v3's
  modifier), ``option_value_id`` and ``sku_id`` (the variant); configurable fields are the text, multi-line text,
  file and checkbox modifiers, typed ``T``, ``M``, ``F`` and ``C``.
"""

from __future__ import annotations

from typing import Any

from mockbc.domain.bulk_pricing import BulkPricingRule
from mockbc.domain.complex_rules import Adjuster, ComplexRule
from mockbc.domain.custom_fields import CustomField
from mockbc.domain.images import ProductImage
from mockbc.domain.modifiers import Modifier
from mockbc.domain.options import ProductOption
from mockbc.domain.variants import Variant, variant_calculated_weight
from mockbc.domain.videos import ProductVideo
from mockbc.presentation.call import Call
from mockbc.presentation.images import SIZES, file_name, sized
from mockbc.presentation.v2 import View, money, rfc2822
from mockbc.services import products as product_service

# v2 configurable field types, by the v3 modifier type they are.
CONFIGURABLE_TYPES = {"text": "T", "multi_line_text": "M", "file": "F", "checkbox": "C"}


def sku_v2(variant: Variant, call: Call) -> dict[str, Any]:
    product = product_service.get(call.store, variant.product_id)
    return {
        "id": variant.id,
        "product_id": variant.product_id,
        "sku": variant.sku,
        "price": money(variant.price),
        "adjusted_price": money(variant.price if variant.price is not None else product.price),
        "cost_price": money(variant.cost_price),
        "upc": variant.upc,
        "inventory_level": variant.inventory_level,
        "inventory_warning_level": variant.inventory_warning_level,
        "bin_picking_number": variant.bin_picking_number,
        "weight": money(variant.weight),
        "adjusted_weight": money(variant_calculated_weight(variant, product)),
        "is_purchasing_disabled": variant.purchasing_disabled,
        "purchasing_disabled_message": variant.purchasing_disabled_message,
        "image_file": variant.image_url,
        "options": [{"product_option_id": v.option_id, "option_value_id": v.id} for v in variant.option_values],
    }


def option_v2(option: ProductOption, call: Call) -> dict[str, Any]:
    return {
        "id": option.id,
        "option_id": option.id,
        "display_name": option.display_name,
        "sort_order": option.sort_order,
        "is_required": True,  # a variant option must be chosen to pick a variant
    }


def image_v2(image: ProductImage, call: Call) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": image.id,
        "product_id": image.product_id,
        "image_file": file_name(image.image_url),
    }
    for size in SIZES:
        out[f"{size}_url"] = sized(image.image_url, size)
    out.update({
        "is_thumbnail": image.is_thumbnail,
        "sort_order": image.sort_order,
        "description": image.description,
        # The mock keeps one date per image: it is both the creation and the modification date.
        "date_created": rfc2822(image.date_modified),
        "date_modified": rfc2822(image.date_modified),
        "is_sample": False,
    })  # fmt: skip
    return out


def custom_field_v2(field: CustomField, call: Call) -> dict[str, Any]:
    return {"id": field.id, "product_id": field.product_id, "name": field.name, "text": field.value}


def discount_rule_v2(rule: BulkPricingRule, call: Call) -> dict[str, Any]:
    return {
        "id": rule.id,
        "product_id": rule.product_id,
        "min": rule.quantity_min,
        "max": rule.quantity_max,
        "type": rule.type,
        "type_value": money(rule.amount),
    }


def video_v2(video: ProductVideo, call: Call) -> dict[str, Any]:
    return {
        "id": video.id,
        "product_id": video.product_id,
        "sort_order": video.sort_order,
        "name": video.title,
        "url": f"https://www.youtube.com/watch?v={video.video_id}",
    }


def _adjuster(adjuster: Adjuster | None) -> dict[str, Any] | None:
    if adjuster is None:
        return None
    return {"adjuster": adjuster.adjuster, "adjuster_value": adjuster.adjuster_value}


def rule_v2(rule: ComplexRule, call: Call) -> dict[str, Any]:
    return {
        "id": rule.id,
        "product_id": rule.product_id,
        "sort_order": rule.sort_order,
        "is_enabled": rule.enabled,
        "is_stop": rule.stop,
        "price_adjuster": _adjuster(rule.price_adjuster),
        "weight_adjuster": _adjuster(rule.weight_adjuster),
        "is_purchasing_disabled": rule.purchasing_disabled,
        "purchasing_disabled_message": rule.purchasing_disabled_message,
        "is_purchasing_hidden": rule.purchasing_hidden,
        "image_file": rule.image_url,
        "conditions": [
            {"product_option_id": c.modifier_id, "option_value_id": c.modifier_value_id, "sku_id": c.variant_id}
            for c in rule.conditions
        ],
    }


def is_configurable(modifier: Modifier) -> bool:
    return modifier.type in CONFIGURABLE_TYPES


def configurable_field_v2(modifier: Modifier, call: Call) -> dict[str, Any]:
    config = modifier.config
    supported = config.get("file_types_supported") or ()
    return {
        "id": modifier.id,
        "product_id": modifier.product_id,
        "name": modifier.display_name,
        "type": CONFIGURABLE_TYPES[modifier.type],
        "allowed_file_types": ",".join(str(kind) for kind in supported),
        "max_size": int(config.get("file_max_size") or 0),
        "select_options": "",
        "is_required": modifier.required,
        "sort_order": modifier.sort_order,
    }


SKU_VIEW = View("sku.v2", sku_v2)
OPTION_VIEW = View("product_option.v2", option_v2)
IMAGE_VIEW = View("product_image.v2", image_v2)
CUSTOM_FIELD_VIEW = View("custom_field.v2", custom_field_v2)
DISCOUNT_RULE_VIEW = View("discount_rule.v2", discount_rule_v2)
VIDEO_VIEW = View("product_video.v2", video_v2)
RULE_VIEW = View("rule.v2", rule_v2)
CONFIGURABLE_FIELD_VIEW = View("configurable_field.v2", configurable_field_v2)
