"""Variants on the v3 wire: record -> JSON object, request body -> changes, and the variants
batch's ``{batch_errors}`` answer (upstream updateVariantsBatch)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import attrgetter
from typing import Any

import orjson

from mockbc.domain import errors as e
from mockbc.domain.options import OptionValue, ProductOption
from mockbc.domain.products import Product
from mockbc.domain.variants import Variant, VariantOptionValue, variant_calculated_price, variant_calculated_weight
from mockbc.presentation import v3, words
from mockbc.presentation.call import Batch, Call, Rendered
from mockbc.presentation.v3 import View
from mockbc.presentation.wire import select_fields
from mockbc.services import variants as service
from mockbc.services.variants import BatchItem, VariantInput

FIELDS = tuple(name for name in Variant.__dataclass_fields__ if name != "option_values")
WRITABLE = frozenset(FIELDS) - {"id", "product_id", "sku", "sku_id"}
# Text fields upstream lets a body null: stored empty, as a GET shows them.
_TEXTS = frozenset({"upc", "mpn", "gtin", "bin_picking_number", "purchasing_disabled_message", "image_url"})
# Inline variants may carry null stock (upstream's inline variant schema marks these nullable, as
# a product read with include=variants can be sent back); the stock a variant holds is a count.
_COUNTS = frozenset({"inventory_level", "inventory_warning_level"})
_fields = attrgetter(*FIELDS)


def _values_by_id(call: Call, option: ProductOption) -> dict[int, OptionValue]:
    """An option's values by id, kept with the option record they were read from."""
    cache = call.store.rendered.setdefault("option.values_by_id", {})
    hit = cache.get(option.id)
    if hit is None or hit[0] is not option:
        hit = cache[option.id] = (option, {value.id: value for value in option.option_values})
    found: dict[int, OptionValue] = hit[1]
    return found


def _option_value(call: Call, ref: VariantOptionValue) -> dict[str, Any]:
    option: ProductOption | None = call.store.options.get(ref.option_id)
    value = _values_by_id(call, option).get(ref.id) if option is not None else None
    return {
        "id": ref.id, "label": value.label if value is not None else "", "option_id": ref.option_id,
        "option_display_name": option.display_name if option is not None else "",
    }  # fmt: skip


def to_v3(variant: Variant, call: Call) -> dict[str, Any]:
    """A variant with what it inherits worked out: ``calculated_price`` and ``calculated_weight``
    fall back to the product's when the variant's own value is null."""
    product: Product = call.store.products.require(variant.product_id)
    out: dict[str, Any] = dict(zip(FIELDS, _fields(variant), strict=True))
    out["calculated_price"] = variant_calculated_price(variant, product)
    out["calculated_weight"] = variant_calculated_weight(variant, product)
    out["option_values"] = [_option_value(call, ref) for ref in variant.option_values]
    return out


def whole_json(variant: Variant, call: Call) -> orjson.Fragment:
    """``to_v3`` already serialised, kept while the variant, its product and its options are the records it was
    written from (its price, weight and option labels come from them): a product read with ``include=variants``
    would otherwise rebuild every variant on every request."""
    store = call.store
    sources = (
        variant,
        store.products.get(variant.product_id),
        *(store.options.get(v.option_id) for v in variant.option_values),
    )
    cache = store.rendered.setdefault("variant.v3:json", {})
    hit = cache.get(variant.id)
    if hit is not None and len(hit[0]) == len(sources) and all(a is b for a, b in zip(hit[0], sources, strict=True)):
        return hit[1]  # type: ignore[no-any-return]
    fragment = orjson.Fragment(orjson.dumps(to_v3(variant, call)))
    cache[variant.id] = (sources, fragment)
    return fragment


def item_v3(variant: Variant, call: Call) -> dict[str, Any] | orjson.Fragment:
    include, exclude = call.query.get("include_fields"), call.query.get("exclude_fields")
    if not include and not exclude:
        return whole_json(variant, call)
    return select_fields(to_v3(variant, call), include, exclude)


def _writable(item: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in item.items():
        if name not in WRITABLE:
            continue
        if value is None and name in _TEXTS:
            value = ""
        elif value is None and name in _COUNTS:
            value = 0
        out[name] = value
    return out


def changes_from_v3(body: Mapping[str, Any]) -> dict[str, Any]:
    """The writable fields of a validated variant body, plus ``sku``, ``product_id`` and
    ``option_values`` (as ``(id, option_id)`` pairs) when present. Read-only fields are ignored."""
    changes = _writable(body)
    if body.get("sku") is not None:
        changes["sku"] = body["sku"]
    if body.get("product_id") is not None:
        changes["product_id"] = body["product_id"]
    if body.get("option_values") is not None:
        changes["option_values"] = tuple((v.get("id"), v.get("option_id")) for v in body["option_values"])
    return changes


def batch_from_v3(body: Sequence[Mapping[str, Any]]) -> list[BatchItem]:
    return [BatchItem(item.get("id"), item.get("product_id"), changes_from_v3(item)) for item in body]


def variants_from_v3(items: Sequence[Mapping[str, Any]], *, with_ids: bool = False) -> list[VariantInput]:
    """Inline ``variants`` of a product body, options named by display name and label;
    ``with_ids`` keeps their ``id`` (fixtures only)."""
    variants: list[VariantInput] = []
    for item in items:
        option_values = tuple(
            (str(v.get("option_display_name", "")), str(v.get("label", ""))) for v in item.get("option_values", ())
        )
        variant_id = item.get("id") if with_ids else None
        variants.append(
            VariantInput(sku=item.get("sku", ""), option_values=option_values, fields=_writable(item), id=variant_id)
        )
    return variants


# What resource a batch item's 404 names, and the item field that named it.
_MISSING_FIELD = {"variant": "id", "product": "product_id"}


def _batch_error(index: int, err: e.DomainError) -> dict[str, object]:
    if isinstance(err, e.NotFound):
        field = f"{index}.{_MISSING_FIELD.get(err.resource, 'id')}"
        problem = e.Problem(field, "record_missing", {"resource": err.resource, "id": err.id})
        return v3.body(404, f"The requested {err.resource} was not found.", words.messages((problem,)))
    assert isinstance(err, (e.Invalid, e.Conflict, e.LimitExceeded)), f"unmapped batch item error {err!r}"
    _, shaped = v3.error(err.at(index))
    return shaped


class BatchView(View):
    """``PUT /v3/catalog/variants``: all or nothing. A refused batch answers 422 with one error
    per failed item in ``batch_errors`` (upstream's "Variants Batch Error Response"), each with
    its own status (404 unknown id, 409 taken SKU or combination, 422 invalid)."""

    def render(self, result: object, call: Call, status: int) -> Rendered:
        if not isinstance(result, Batch):
            return super().render(result, call, status)
        if result.failures:
            return Rendered(422, {"batch_errors": [_batch_error(index, err) for index, err in result.failures]})
        return Rendered(status, {"data": [self.item(r, call) for r in result.done], "meta": {}})

    def error(self, err: e.DomainError) -> tuple[int, object]:
        status, shaped = v3.error(err)
        if status == 422:
            return 422, {"batch_errors": [shaped]}
        return status, shaped


def _variants_include(product: Product, call: Call) -> list[orjson.Fragment]:
    """Every variant of ``product``, kept as one list while the product, its variants and its
    options are the same records: checking 12 variants one by one cost a third of the read."""
    store = call.store
    variants = service.variants_of(store, product)
    options = store.options.many(sorted(store.options.lookup("product_id", product.id)))
    cache = store.rendered.setdefault("variant.v3:include", {})
    hit = cache.get(product.id)
    if hit is not None:
        (kept_product, kept_variants, kept_options), kept = hit
        if kept_product is product and _same(kept_variants, variants) and _same(kept_options, options):
            return kept  # type: ignore[no-any-return]
    rendered = [whole_json(variant, call) for variant in variants]
    cache[product.id] = ((product, variants, options), rendered)
    return rendered


def _same(kept: list[Any], now: list[Any]) -> bool:
    return len(kept) == len(now) and all(a is b for a, b in zip(kept, now, strict=True))


PRODUCT_INCLUDES = {"variants": _variants_include}

VIEW_V3 = View("variant.v3", item_v3, changes_from_v3)
BATCH_VIEW_V3 = BatchView("variant.batch.v3", item_v3)
# createProductVariantImage answers with the image alone: ``{"data": {"image_url"}}``.
IMAGE_VIEW_V3 = View("variant.image.v3", lambda variant, call: {"image_url": variant.image_url})
