"""Product payloads: creates, updates, batches, and requests the mock must refuse."""

from __future__ import annotations

import functools
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from mockbc._strategies._core import (
    OMIT,
    Taken,
    check_overrides,
    check_sizes,
    check_store,
    draw_fields,
    made_unique,
    names,
    not_generated_url,
    sampled_or_empty,
)
from mockbc._strategies._schema import body_properties, from_schema, objects, operation, texts
from mockbc._strategies._subresources import draw_inline
from mockbc.store.store import Store

CREATE = "createProduct"
UPDATE = "updateProduct"
BATCH_UPDATE = "updateProducts"
# Sub-resources a product body may carry inline; drawn so that the product's stored ones and
# each other leave them valid (see _subresources.draw_inline).
INLINE = ("images", "videos", "custom_fields", "bulk_pricing_rules")
MAX_CATEGORIES_DRAWN = 5
MAX_VARIANTS_DRAWN = 3


def _limit(operation_id: str, field: str, key: str, default: int) -> int:
    return int(body_properties(operation_id)[field].get(key, default))


def _category_ids(store: Store | None) -> st.SearchStrategy[list[int]]:
    if store is None:
        return st.just([])
    ids = [c.id for c in store.categories.values()]
    if not ids:
        return st.just([])
    return st.lists(st.sampled_from(ids), unique=True, max_size=min(MAX_CATEGORIES_DRAWN, len(ids)))


def _brand_ids(store: Store | None) -> st.SearchStrategy[int]:
    if store is None:
        return st.just(0)
    return st.sampled_from([0, *(b.id for b in store.brands.values())])


def _brand_names(store: Store | None) -> st.SearchStrategy[Any]:
    """Mostly absent; else an existing brand's name in another case (reused) or a new one (created)."""
    max_size = int(body_properties("createBrand")["name"].get("maxLength", 255))
    fresh = names(max_size=max_size)
    existing = [b.name for b in store.brands.values()] if store is not None else []
    variants = [v for n in existing for v in {n, n.upper(), n.lower()} if len(v) <= max_size]
    reused = sampled_or_empty(sorted(variants)) if variants else fresh
    return st.one_of(st.just(OMIT), st.just(OMIT), reused, fresh)


def _urls(operation_id: str) -> st.SearchStrategy[dict[str, Any]]:
    schema = body_properties(operation_id)["custom_url"]
    return objects(schema, overrides={"url": texts(min_size=1, max_size=int(schema["properties"]["url"]["maxLength"]))})


OPTION_NAMES = ("Size", "Colour", "Größe", "色", "Material")


@functools.lru_cache(maxsize=4)
def _variant_fields(operation_id: str) -> dict[str, st.SearchStrategy[Any]]:
    item = body_properties(operation_id)["variants"]["items"]
    return {
        name: from_schema(schema, where=f"variants.{name}")
        for name, schema in item["properties"].items()
        if schema and name not in ("id", "product_id", "sku_id", "option_values")
    }


@st.composite
def _variant_items(draw: st.DrawFn, operation_id: str) -> dict[str, Any]:
    """One variant: its ``sku`` and a few of the spec's other fields (``option_values`` are
    drawn by ``_variant_lists``)."""
    return draw_fields(draw, defaults=_variant_fields(operation_id), overrides={}, required=("sku",))


@st.composite
def _variant_lists(draw: st.DrawFn, operation_id: str) -> list[dict[str, Any]]:
    """0 to 3 variants. All name the same options (one or two, each once), no two share a
    combination of values; a lone variant may have no options (it is then the base variant)."""
    items = draw(st.lists(_variant_items(operation_id), max_size=MAX_VARIANTS_DRAWN))
    if not items or (len(items) == 1 and draw(st.booleans())):
        return items
    options = draw(st.lists(st.sampled_from(OPTION_NAMES), min_size=1, max_size=2, unique=True))
    label = texts(min_size=1, max_size=40).filter(lambda s: s.strip() != "")
    combinations = draw(
        st.lists(st.tuples(*[label] * len(options)), min_size=len(items), max_size=len(items), unique=True)
    )
    for variant, values in zip(items, combinations, strict=True):
        variant["option_values"] = [
            {"option_display_name": name, "label": value} for name, value in zip(options, values, strict=True)
        ]
    return items


@functools.lru_cache(maxsize=8)
def _static_defaults(operation_id: str, with_variants: bool) -> dict[str, st.SearchStrategy[Any]]:
    """Strategies for the fields that do not depend on a store, built once per operation."""
    defaults: dict[str, st.SearchStrategy[Any]] = {}
    for name, schema in body_properties(operation_id).items():
        if name == "id":
            continue
        if name == "name":
            defaults[name] = names(max_size=int(schema.get("maxLength", 250)))
        elif name == "sku":
            defaults[name] = texts(max_size=int(schema.get("maxLength", 255)))
        elif name in ("categories", "brand_id", "brand_name", *INLINE):
            defaults[name] = st.nothing()  # placeholder, keeps the spec's field order
        elif name == "custom_url":
            defaults[name] = _urls(operation_id)
        elif name == "variants":
            if with_variants:
                defaults[name] = _variant_lists(operation_id)
        else:
            defaults[name] = from_schema(schema, where=name)
    return defaults


@st.composite
def _inline_items(
    draw: st.DrawFn, field: str, operation_id: str, store: Store | None, product_id: int | None
) -> list[dict[str, Any]]:
    return draw_inline(draw, field, operation_id, store=store, product_id=product_id)


def _defaults(
    operation_id: str, store: Store | None, *, with_variants: bool, product_id: int | None = None
) -> dict[str, st.SearchStrategy[Any]]:
    defaults = dict(_static_defaults(operation_id, with_variants))
    for field in INLINE:
        if field in defaults:
            defaults[field] = _inline_items(field, operation_id, store, product_id)
    if "categories" in defaults:
        defaults["categories"] = _category_ids(store)
    if "brand_id" in defaults:
        defaults["brand_id"] = _brand_ids(store)
    if "brand_name" in defaults:
        defaults["brand_name"] = _brand_names(store)
    return defaults


def _settle(payload: dict[str, Any], taken: Taken, operation_id: str) -> dict[str, Any]:
    """Make names, SKUs and URLs unique against the store and the batch so far, and record them."""
    if "name" in payload and isinstance(payload["name"], str):
        payload["name"] = made_unique(
            payload["name"], taken.product_name_free, max_size=_limit(operation_id, "name", "maxLength", 250)
        )
        taken.product_names.add(payload["name"].casefold())
    sku_max = _limit(operation_id, "sku", "maxLength", 255)
    if isinstance(payload.get("sku"), str) and payload["sku"]:
        payload["sku"] = made_unique(payload["sku"], taken.sku_free, max_size=sku_max, separator="-")
        taken.skus.add(payload["sku"].casefold())
    variants = payload.get("variants")
    if isinstance(variants, list):
        for variant in variants:
            if isinstance(variant, dict) and isinstance(variant.get("sku"), str):
                variant["sku"] = made_unique(variant["sku"], taken.sku_free, max_size=sku_max, separator="-")
                taken.skus.add(variant["sku"].casefold())
    url = payload.get("custom_url")
    if isinstance(url, dict) and isinstance(url.get("url"), str):
        max_size = int(body_properties(operation_id)["custom_url"]["properties"]["url"]["maxLength"])
        text = not_generated_url(url["url"], max_size=max_size)
        url["url"] = made_unique(text, taken.product_url_free, max_size=max_size, separator="_")
        taken.product_urls.add(url["url"])
    return payload


def draw_product(
    draw: st.DrawFn, taken: Taken, overrides: dict[str, st.SearchStrategy[Any]], *, store: Store | None
) -> dict[str, Any]:
    defaults = _defaults(CREATE, store, with_variants=True)
    payload = draw_fields(
        draw, defaults=defaults, overrides=overrides, required=("name", "type", "weight", "price"), optional_weight=2
    )
    return _settle(payload, taken, CREATE)


def draw_product_update(
    draw: st.DrawFn,
    taken: Taken,
    overrides: dict[str, st.SearchStrategy[Any]],
    *,
    store: Store | None,
    operation_id: str = UPDATE,
) -> dict[str, Any]:
    defaults = _defaults(operation_id, store, with_variants=False)
    payload = draw_fields(draw, defaults=defaults, overrides=overrides)
    return _settle(payload, taken, operation_id)


@st.composite
def products(draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]) -> dict[str, Any]:
    """Bodies for ``POST /v3/catalog/products`` that the mock accepts with 200.

    Fields, types, limits and enums come from ``specs/catalog_products.yml``. Names and
    SKUs (the product's and its variants') are unique, case-insensitively, against
    ``store`` when one is given; ``categories`` and ``brand_id`` then name records that
    exist in it. Without a store the payload is valid for a store with no products, and
    references nothing.

    Each keyword overrides one field with a strategy (``price=st.just(9.99)``); an override
    that draws ``OMIT`` leaves the field out. A drawn ``name`` or ``sku`` that is taken
    gets a numeric suffix; other overridden values are sent as drawn.

    >>> products(store=store, is_visible=st.just(True)).example()  # doctest: +SKIP
    {'name': 'Ŝ0', 'type': 'digital', 'weight': 0.5, 'price': 12.99, 'is_visible': True, ...}
    """
    check_store("products", store)
    check_overrides("products", CREATE, overrides)
    return draw_product(draw, Taken(store=store), overrides, store=store)


@st.composite
def product_batches(
    draw: st.DrawFn,
    /,
    *,
    store: Store | None = None,
    min_size: int = 1,
    max_size: int = 10,
    **overrides: st.SearchStrategy[Any],
) -> list[dict[str, Any]]:
    """Lists of ``products()`` bodies that are unique among themselves too, so that POSTing
    them one after another succeeds every time."""
    check_store("product_batches", store)
    check_sizes("product_batches", min_size, max_size)
    check_overrides("product_batches", CREATE, overrides)
    taken = Taken(store=store)
    size = draw(st.integers(min_size, max_size))
    return [draw_product(draw, taken, overrides, store=store) for _ in range(size)]


@st.composite
def product_updates(
    draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]
) -> dict[str, Any]:
    """Bodies for ``PUT /v3/catalog/products/{id}`` that the mock accepts for any existing product.

    Partial: any subset of the writable fields, possibly none. A new ``name`` or ``sku``
    avoids every one in ``store`` (the target's own included), so the body fits whichever
    product it is sent to. Without a store nothing is referenced and names and SKUs are
    merely random, so a clash with an existing product is possible, if unlikely.
    """
    check_store("product_updates", store)
    check_overrides("product_updates", UPDATE, overrides)
    return draw_product_update(draw, Taken(store=store), overrides, store=store)


@st.composite
def product_update_batches(
    draw: st.DrawFn,
    /,
    *,
    store: Store,
    min_size: int = 1,
    max_size: int = 10,
    **overrides: st.SearchStrategy[Any],
) -> list[dict[str, Any]]:
    """Bodies for ``PUT /v3/catalog/products`` (batch, at most 10 items): each item has the
    ``id`` of a distinct product in ``store``, and names and SKUs are unique across items.

    Draws fewer than ``min_size`` items only when the store holds fewer products.
    """
    check_store("product_update_batches", store)
    if store is None:
        raise InvalidArgument("product_update_batches() needs store=: its items name existing products")
    check_sizes("product_update_batches", min_size, max_size, limit=operation(BATCH_UPDATE).max_items)
    check_overrides("product_update_batches", BATCH_UPDATE, {k: v for k, v in overrides.items() if k != "id"})
    ids = [p.id for p in store.products.values()]
    chosen = (
        draw(
            st.lists(
                st.sampled_from(ids), unique=True, min_size=min(min_size, len(ids)), max_size=min(max_size, len(ids))
            )
        )
        if ids
        else []
    )
    taken = Taken(store=store)
    items = []
    for product_id in chosen:
        item = draw_product_update(draw, taken, overrides, store=store, operation_id=BATCH_UPDATE)
        items.append({"id": product_id, **item})
    return items
