"""Products on the v2 wire: the records v3 serves, in the legacy API's dress (the archived v2 products guide).

v2 is a second view of the same products, never a second catalog: a v2 body is mapped onto the v3 body it means,
checked against the v3 schema and read by the v3 presentation, so both APIs meet the same limits and the same
services' rules. What differs is only the dress: money, weights and dimensions are decimal strings with four places,
dates RFC 2822, ``inventory_tracking`` says ``simple``/``sku`` for v3's ``product``/``variant``, ``custom_url`` is a
string, ``related_products`` and ``meta_keywords`` are comma-separated strings, and sub-resources are links.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Collection, Mapping
from typing import Any

import orjson

from mockbc.domain.errors import Invalid, Problem, limit_exceeded
from mockbc.domain.products import MAX_CATEGORIES_PER_PRODUCT, Product, calculated_price
from mockbc.domain.query import Condition, Predicate
from mockbc.presentation import products as v3_wire
from mockbc.presentation.call import Call
from mockbc.presentation.images import SIZES, sized
from mockbc.presentation.v2 import (
    Converters,
    QueryParam,
    View,
    body_date,
    link,
    money,
    query_reader,
    rfc2822,
    select_fields,
)
from mockbc.presentation.v3 import cached
from mockbc.services import images as image_service
from mockbc.services import variants as variant_service
from mockbc.spec import Operation, load_operations

_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
TRACKING_TO_V2 = {"none": "none", "product": "simple", "variant": "sku"}
TRACKING_FROM_V2 = {v2: v3 for v3, v2 in TRACKING_TO_V2.items()}
DECIMALS = (
    "price", "cost_price", "retail_price", "sale_price",
    "weight", "width", "height", "depth", "fixed_cost_shipping_price",
)  # fmt: skip
# v2 names of v3 fields.
RENAMED = {"is_open_graph_thumbnail": "open_graph_use_image", "avalara_product_tax_code": "product_tax_code"}
_V2_NAME = {v3: v2 for v2, v3 in RENAMED.items()} | {"custom_url": "custom_url", "related_products": "related_products"}
# Read-only fields in a body are refused (archived v2 products guide, create and update); the links are read-only too.
READ_ONLY = frozenset({
    "id", "calculated_price", "rating_total", "rating_count", "number_sold", "total_sold",
    "date_created", "date_modified", "date_last_imported", "primary_image", "brand", "downloads", "images",
    "discount_rules", "configurable_fields", "custom_fields", "videos", "skus", "rules", "option_set",
    "options", "tax_class", "reviews",
})  # fmt: skip
# v2 fields with no v3 counterpart: accepted, not stored, rendered with their defaults.
UNSTORED = frozenset({
    "keyword_filter", "event_date_field_name", "event_date_type", "event_date_start", "event_date_end",
    "myob_asset_account", "myob_income_account", "myob_expense_account", "peachtree_gl_account",
    "option_set_id", "option_set_display",
})  # fmt: skip
# Text fields v2 renders as null when empty; a null sent back empties them.
NULLABLE_TEXT = frozenset({
    "description", "search_keywords", "warranty", "meta_description", "upc", "open_graph_description",
    "page_title", "availability_description", "bin_picking_number", "layout_file",
})  # fmt: skip
# Always in a product, whatever include= / exclude= ask (archived v2 products guide, "Mandatory Fields").
ALWAYS = frozenset({"id", "name", "date_modified", "primary_image"})
SUMMARY = frozenset({
    "availability", "calculated_price", "inventory_tracking", "sku", "inventory_level", "inventory_warning_level",
    "is_visible", "is_featured",
})  # fmt: skip
# A product without a thumbnail (archived v2-versus-v3 guide, "Get a Product").
NO_IMAGE: dict[str, Any] = {"id": 0, "zoom_url": None, "thumbnail_url": None, "standard_url": None, "tiny_url": None}
# Sub-resource links, in the order of the guide's example; brand and option_set come first and in the middle.
SUB_RESOURCES = ("images", "discount_rules", "configurable_fields", "custom_fields", "videos", "skus", "rules")


def _joined(values: Collection[object]) -> str:
    return ",".join(str(v) for v in values)


def to_v2(product: Product) -> dict[str, Any]:
    """The product's own fields (no image, no links), in the order of the guide's example."""
    return {
        "id": product.id,
        "keyword_filter": None,
        "name": product.name,
        "type": product.type,
        "sku": product.sku,
        "description": product.description,
        "search_keywords": product.search_keywords,
        "availability_description": product.availability_description,
        "price": money(product.price),
        "cost_price": money(product.cost_price),
        "retail_price": money(product.retail_price),
        "sale_price": money(product.sale_price),
        "calculated_price": money(calculated_price(product)),
        "sort_order": product.sort_order,
        "is_visible": product.is_visible,
        "is_featured": product.is_featured,
        "related_products": _joined(product.related_products),
        "inventory_level": product.inventory_level,
        "inventory_warning_level": product.inventory_warning_level,
        "warranty": product.warranty,
        "weight": money(product.weight),
        "width": money(product.width),
        "height": money(product.height),
        "depth": money(product.depth),
        "fixed_cost_shipping_price": money(product.fixed_cost_shipping_price),
        "is_free_shipping": product.is_free_shipping,
        "inventory_tracking": TRACKING_TO_V2.get(product.inventory_tracking, product.inventory_tracking),
        "rating_total": product.reviews_rating_sum,
        "rating_count": product.reviews_count,
        "total_sold": product.total_sold,
        "date_created": rfc2822(product.date_created),
        "brand_id": product.brand_id,
        "view_count": product.view_count,
        "page_title": product.page_title,
        "meta_keywords": _joined(product.meta_keywords),
        "meta_description": product.meta_description,
        "layout_file": product.layout_file,
        "is_price_hidden": product.is_price_hidden,
        "price_hidden_label": product.price_hidden_label,
        "categories": list(product.categories),
        "date_modified": rfc2822(product.date_modified),
        "event_date_field_name": "",
        "event_date_type": "none",
        "event_date_start": "",
        "event_date_end": "",
        "myob_asset_account": "",
        "myob_income_account": "",
        "myob_expense_account": "",
        "peachtree_gl_account": "",
        "condition": product.condition,
        "is_condition_shown": product.is_condition_shown,
        "preorder_release_date": rfc2822(product.preorder_release_date),
        "is_preorder_only": product.is_preorder_only,
        "preorder_message": product.preorder_message,
        "order_quantity_minimum": product.order_quantity_minimum,
        "order_quantity_maximum": product.order_quantity_maximum,
        "open_graph_type": product.open_graph_type,
        "open_graph_title": product.open_graph_title,
        "open_graph_description": product.open_graph_description,
        "is_open_graph_thumbnail": product.open_graph_use_image,
        "upc": product.upc,
        "mpn": product.mpn,
        "gtin": product.gtin,
        "avalara_product_tax_code": product.product_tax_code,
        "date_last_imported": rfc2822(product.date_last_imported),
        "option_set_id": None,
        "tax_class_id": product.tax_class_id,
        "option_set_display": "right",
        "bin_picking_number": product.bin_picking_number,
        "custom_url": product.custom_url.url,
        "availability": product.availability,
        "gift_wrapping_options_type": product.gift_wrapping_options_type,
        "gift_wrapping_options_list": list(product.gift_wrapping_options_list),
    }


def primary_image(product: Product, call: Call) -> dict[str, Any]:
    """The product's thumbnail image, or the empty image v2 shows for a product without one."""
    thumbnail = image_service.thumbnail_of(call.store, product.id)
    if thumbnail is None:
        return dict(NO_IMAGE)
    out: dict[str, Any] = {"id": thumbnail.id}
    for size in SIZES:
        out[f"{size}_url"] = sized(thumbnail.image_url, size)
    return out


def links(product: Product, call: Call) -> dict[str, Any]:
    """The sub-resource links of one product, pointing at the mock's own host."""
    out: dict[str, Any] = {"brand": link(call, f"/brands/{product.brand_id}") if product.brand_id else None}
    base = f"/products/{product.id}"
    for name in SUB_RESOURCES:
        out[name] = link(call, f"{base}/{name}")
    out["option_set"] = None  # option sets are not emulated: no product has one
    out["options"] = link(call, f"{base}/options")
    return out


def _whole(product: Product, call: Call) -> dict[str, Any]:
    out = cached(call, "product.v2", product, to_v2)
    out["primary_image"] = primary_image(product, call)
    out.update(links(product, call))
    return out


def _whole_json(product: Product, call: Call) -> orjson.Fragment:
    """The whole v2 product already serialised, kept while the product, its thumbnail and the host the links name are
    the ones it was written from: a page of 250 would otherwise rebuild 2,000 link objects per request."""
    thumbnail = image_service.thumbnail_of(call.store, product.id)
    cache = call.store.rendered.setdefault("product.v2:json", {})
    hit = cache.get(product.id)
    if hit is not None:
        (was, was_thumbnail, was_base), fragment = hit
        if was is product and was_thumbnail is thumbnail and was_base == call.base_url:
            return fragment  # type: ignore[no-any-return]
    fragment = orjson.Fragment(orjson.dumps(_whole(product, call)))
    cache[product.id] = ((product, thumbnail, call.base_url), fragment)
    return fragment


def item_v2(product: Product, call: Call) -> dict[str, Any] | orjson.Fragment:
    """One product for a v2 call: its fields, its primary image and its links; ``include`` /
    ``exclude`` pick among them, ``@summary`` names the guide's summary fields."""
    include, exclude = call.query.get("include"), call.query.get("exclude")
    if not include and not exclude:
        return _whole_json(product, call)
    return select_fields(_whole(product, call), include, exclude, always=ALWAYS, groups={"@summary": SUMMARY})


# --------------------------------------------------------------------------- request bodies


def _decimal(name: str, value: Any) -> float:
    """A v2 decimal: a number, or a string holding one in plain notation ("29.99"); v2 clients send either."""
    if isinstance(value, str):
        if not _DECIMAL.fullmatch(value.strip()):
            raise ValueError(name)
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(name)
    return float(value)


def _id_list(value: Any) -> list[int]:
    """``related_products``: ``"-1"`` (chosen by the store) or ``"3, 6, 7"``."""
    parts = [part.strip() for part in str(value).split(",") if part.strip()]
    return [int(part) for part in parts]


def _keywords(value: Any) -> list[str]:
    return [] if value is None else [word.strip() for word in str(value).split(",") if word.strip()]


@functools.cache
def _v3_update() -> Operation:
    return load_operations()[("v3", "updateProduct")]


def v3_body(body: Mapping[str, Any]) -> dict[str, Any]:
    """The v3 product body a v2 body means. Read-only fields and more than 1,000 categories are
    refused first, as v2 refuses them (400 and 403)."""
    read_only = [Problem(name, "read_only", {"field": name}) for name in body if name in READ_ONLY]
    if read_only:
        raise Invalid("read_only", tuple(read_only))
    categories = body.get("categories")
    if isinstance(categories, list) and len(categories) > MAX_CATEGORIES_PER_PRODUCT:
        raise limit_exceeded(
            "product_category_limit", "categories", "product_category_limit", limit=MAX_CATEGORIES_PER_PRODUCT
        )
    out: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, value in body.items():
        if name in UNSTORED:
            continue
        try:
            if name in DECIMALS:
                value = _decimal(name, value)
            elif name == "inventory_tracking":
                value = TRACKING_FROM_V2.get(value, value)
            elif name == "custom_url":
                value = {"url": value, "is_customized": True}
            elif name == "related_products":
                value = _id_list(value)
            elif name == "meta_keywords":
                value = _keywords(value)
            elif name == "preorder_release_date":
                value = body_date(value).isoformat() if value else None
            elif value is None and name in NULLABLE_TEXT:
                value = ""
        except (ValueError, OverflowError, OSError):
            rule = {"related_products": "not_id_list", "preorder_release_date": "not_v2_date"}.get(name, "not_decimal")
            problems.append(Problem(name, rule))
            continue
        out[RENAMED.get(name, name)] = value
    if problems:
        raise Invalid("body", tuple(problems))
    try:
        _v3_update().validate_body(out)
    except Invalid as err:
        raise Invalid(err.kind, tuple(_renamed(p) for p in err.problems), err.facts) from None
    return out


def _renamed(problem: Problem) -> Problem:
    """A problem of the v3 body, named as the v2 field it came from."""
    head = problem.field.split(".", 1)[0]
    if head in _V2_NAME:
        return Problem(_V2_NAME[head], problem.rule, problem.facts)
    return problem


def parse_v2(body: Mapping[str, Any]) -> dict[str, Any]:
    """A v2 create or update body as domain changes, read by the v3 presentation."""
    return v3_wire.parse_request(v3_body(body))


# --------------------------------------------------------------------------- lists


def _date(field: str, op: str, get: Any = None) -> QueryParam:
    return QueryParam(field, op, get=get, date=True)


QUERY: dict[str, QueryParam] = {
    "min_id": QueryParam("id", "min"),
    "max_id": QueryParam("id", "max"),
    "name": QueryParam("name"),
    "keyword_filter": QueryParam("keyword"),
    "description": QueryParam("description", "like", get=lambda p: p.description),
    "sku": QueryParam("sku"),
    "condition": QueryParam("condition", convert=str.lower),
    "availability": QueryParam("availability"),
    "brand_id": QueryParam("brand_id"),
    "min_date_created": _date("date_created", "min", lambda p: p.date_created),
    "max_date_created": _date("date_created", "max", lambda p: p.date_created),
    "min_date_modified": _date("date_modified", "min"),
    "max_date_modified": _date("date_modified", "max"),
    "min_date_last_imported": _date("date_last_imported", "min"),
    "max_date_last_imported": _date("date_last_imported", "max"),
    "min_price": QueryParam("price", "min"),
    "max_price": QueryParam("price", "max"),
    "min_number_sold": QueryParam("total_sold", "min"),
    "max_number_sold": QueryParam("total_sold", "max"),
    "min_inventory_level": QueryParam("inventory_level", "min"),
    "max_inventory_level": QueryParam("inventory_level", "max"),
    "is_visible": QueryParam("is_visible"),
    "is_featured": QueryParam("is_featured"),
    "category": QueryParam("categories"),
    "product_tax_code": QueryParam("product_tax_code", get=lambda p: p.product_tax_code),
}
_read_query = query_reader(QUERY)


def read_query(
    call: Call, filterable: Collection[str], converters: Converters
) -> tuple[list[Condition], list[Predicate]]:
    """The v2 product filters; ``include_sku=true`` lets ``sku`` match a variant's SKU too (any
    case), answered from the SKU indexes."""
    conditions, checks = _read_query(call, filterable, converters)
    if call.query.get("include_sku") and "sku" in call.query:
        owner = variant_service.sku_owner(call.store, str(call.query["sku"]))
        conditions = [c for c in conditions if c.field != "sku"]
        conditions.append(Condition("id", "in", [owner] if owner is not None else []))
    return conditions, checks


VIEW_V2 = View("product.v2", item_v2, parse_v2, query=read_query)
