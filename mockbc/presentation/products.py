"""Products on the v3 wire: record -> JSON object, request body -> changes."""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable, Mapping
from datetime import datetime
from operator import attrgetter
from typing import Any

from mockbc import presentation
from mockbc.domain.errors import invalid
from mockbc.domain.products import WRITABLE_FIELDS, Product, calculated_price
from mockbc.presentation.call import Call
from mockbc.presentation.v3 import View, cached
from mockbc.presentation.variants import variants_from_v3 as variants_from_v3
from mockbc.presentation.wire import custom_url_in, custom_url_out, iso, select_fields

_TUPLE_FIELDS = {"categories", "related_products", "gift_wrapping_options_list", "meta_keywords"}
_DATE_FIELDS = {"preorder_release_date", "date_last_imported"}
_INT_FIELDS = {"tax_class_id"}
_SCALAR_FIELDS = tuple(
    name
    for name in Product.__dataclass_fields__
    if name not in {"custom_url", "variant_ids", "option_ids", "date_created", "date_modified"}
    and name not in _TUPLE_FIELDS
    and name not in _DATE_FIELDS
)
# Fields the v3 spec marks read-only: a request may carry them (clients send a GET body
# back), and they are ignored. Fixture files may set them; request bodies may not.
READ_ONLY = frozenset({
    "id", "date_created", "date_modified", "date_last_imported", "calculated_price", "base_variant_id",
    "reviews_rating_sum", "reviews_count", "total_sold", "view_count", "option_set_id",
    "option_set_display", "channels", "primary_image", "options", "modifiers", "parent_relations",
})  # fmt: skip


_scalars = attrgetter(*_SCALAR_FIELDS)


def to_v3(product: Product) -> dict[str, Any]:
    out: dict[str, Any] = dict(zip(_SCALAR_FIELDS, _scalars(product), strict=True))
    for name in _TUPLE_FIELDS:
        out[name] = list(getattr(product, name))
    out["preorder_release_date"] = iso(product.preorder_release_date)
    out["date_last_imported"] = iso(product.date_last_imported) or ""
    out["custom_url"] = custom_url_out(product.custom_url)
    out["calculated_price"] = calculated_price(product)
    out["date_created"] = iso(product.date_created)
    out["date_modified"] = iso(product.date_modified)
    return out


def _parse_date(name: str, raw: str | None) -> datetime | None:
    """A validated RFC 3339 date-time; ``z`` is as good as ``Z``, a leap second is refused."""
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise invalid("body", name, "format", format="date-time") from None


def changes_from_v3(body: Mapping[str, Any]) -> dict[str, Any]:
    """The writable fields present in a validated v3 product body, as domain values.

    Read-only fields (``id``, ``date_created``, ``calculated_price``...) are ignored.
    """
    changes: dict[str, Any] = {}
    for name, value in body.items():
        if name == "categories":
            # A category listed twice is assigned once.
            changes[name] = tuple(dict.fromkeys(int(v) for v in value))
        elif name in _TUPLE_FIELDS:
            changes[name] = tuple(value)
        elif name in _DATE_FIELDS:
            changes[name] = _parse_date(name, value)
        elif name == "custom_url":
            # Without a url the custom_url is left out: generated on create, kept on update.
            if value is not None and value.get("url"):
                changes[name] = custom_url_in(value)
        elif name == "brand_name":
            changes[name] = value
        elif name in _INT_FIELDS:
            changes[name] = int(value)
        elif name in WRITABLE_FIELDS and value is not None:
            changes[name] = value
    return changes


def changes_from_request(body: Mapping[str, Any]) -> dict[str, Any]:
    """``changes_from_v3`` for an API request body: read-only fields are dropped first."""
    return changes_from_v3({name: value for name, value in body.items() if name not in READ_ONLY})


Include = Callable[[Product, Call], Any]
Parse = Callable[[Mapping[str, Any]], dict[str, Any]]


def _gathered(attribute: str) -> dict[str, Any]:
    """The ``attribute`` dicts of every module of ``mockbc.presentation``, merged (a name twice
    is an error): how each sub-resource adds itself to product reads and bodies."""
    found: dict[str, Any] = {}
    for module in sorted(info.name for info in pkgutil.iter_modules(presentation.__path__)):
        for name, value in getattr(importlib.import_module(f"{presentation.__name__}.{module}"), attribute, {}).items():
            if name in found:
                raise LookupError(f"{attribute}: {name} is declared twice")
            found[name] = value
    return found


@functools.cache
def product_includes() -> dict[str, Include]:
    """``include=`` name -> how one product's sub-resource renders, from every ``PRODUCT_INCLUDES``."""
    return _gathered("PRODUCT_INCLUDES")


@functools.cache
def inline_parsers() -> dict[str, Parse]:
    """Body field -> how one inline item (``images``, ``custom_fields``...) is read, from every
    ``PRODUCT_INLINE_V3``."""
    return _gathered("PRODUCT_INLINE_V3")


def parse_request(body: Mapping[str, Any]) -> dict[str, Any]:
    """A create or update body: the writable changes, plus ``variants`` inputs and the inline
    sub-resources (under ``inline``) when present."""
    changes = changes_from_request(body)
    if body.get("variants"):
        changes["variants"] = variants_from_v3(body["variants"])
    parsers = inline_parsers()
    inline = {name: [parsers[name](item) for item in body[name]] for name in parsers if body.get(name)}
    if inline:
        changes["inline"] = inline
    return changes


# variants, options and modifiers render from their own modules (presentation/variants.py...).
PRODUCT_INCLUDES: dict[str, Include] = {}
# Documented sub-resources the mock does not hold yet render empty; names upstream does not
# document are ignored.
DOCUMENTED_INCLUDES = frozenset({
    "bulk_pricing_rules", "channels", "custom_fields", "images", "modifiers", "options", "parent_relations",
    "primary_image", "reviews", "variants", "videos",
})  # fmt: skip


def item_v3(product: Product, call: Call) -> dict[str, Any]:
    """One product for a v3 call: ``include_fields`` / ``exclude_fields`` pick among its own
    fields; sub-resources named in ``include=`` are always added."""
    out = select_fields(
        cached(call, "product.v3", product, to_v3), call.query.get("include_fields"), call.query.get("exclude_fields")
    )
    includes = call.query.get("include") or ()
    renderers = product_includes()
    for name in includes:
        render = renderers.get(name)
        if render is not None:
            value = render(product, call)
            if value is not None:  # None: nothing to show (primary_image of a product without a thumbnail)
                out[name] = value
        elif name in DOCUMENTED_INCLUDES and name != "primary_image":
            # Not held yet: empty. (primary_image is left out: upstream types it as a non-null object.)
            out[name] = []
    return out


SORTS = {
    "id": lambda p: p.id,
    "name": lambda p: p.name.casefold(),
    "sku": lambda p: p.sku.casefold(),
    "price": lambda p: p.price,
    "date_modified": lambda p: p.date_modified,
    "date_last_imported": lambda p: (p.date_last_imported is not None, p.date_last_imported or p.date_created),
    "inventory_level": lambda p: p.inventory_level,
    "is_visible": lambda p: p.is_visible,
    "total_sold": lambda p: p.total_sold,
    "calculated_price": lambda p: calculated_price(p),
}

VIEW_V3 = View(
    "product.v3", item_v3, parse_request, sorts=SORTS, whole=to_v3,
    shaping=frozenset({"include", "include_fields", "exclude_fields"}),
)  # fmt: skip
