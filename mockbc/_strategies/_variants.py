"""Variant payloads: one variant of a product, a variant update, and the variants batch.

A variant is one combination of its product's option values: it names one value of every
option of the product (by ``id`` and ``option_id``), no two variants of a product share a
combination, and SKUs are unique ignoring case across products and variants
(upstream product-variants_catalog.v3.yml).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from mockbc._strategies._core import OMIT, Taken, check_overrides, check_sizes, check_store, draw_fields, made_unique
from mockbc._strategies._schema import body_properties, from_schema, operation, texts
from mockbc._strategies._subresources import image_urls
from mockbc.store.store import Store

CREATE = "createProductVariant"
UPDATE = "updateProductVariant"
BATCH = "updateVariantsBatch"
MAX_SKU = 255
# Variants a product may have (upstream createProductVariant: "600 SKUs per product limit").
MAX_PER_PRODUCT = 600
# Tries at a random combination before walking through all of them in order.
RANDOM_TRIES = 8


# ---------------------------------------------------------------- a product's options


def options_of(store: Store, product_id: int) -> list[tuple[int, list[int]]]:
    """``(option id, value ids)`` of each of the product's options, in id order."""
    table = store.options
    found = sorted(table.many(table.lookup("product_id", product_id)), key=lambda o: o.id)
    return [(o.id, [v.id for v in o.option_values]) for o in found]


def combinations_of(store: Store, product_id: int) -> set[frozenset[int]]:
    """The option value combinations the product's variants are made of."""
    table = store.variants
    return {
        frozenset(v.id for v in variant.option_values) for variant in table.many(table.lookup("product_id", product_id))
    }


def variant_count(store: Store, product_id: int) -> int:
    return len(store.variants.lookup("product_id", product_id))


def can_add_variant(store: Store, product_id: int, claimed: Iterable[frozenset[int]] = ()) -> bool:
    """Whether the product has options, room, and a combination no variant (nor ``claimed``) uses."""
    options = options_of(store, product_id)
    if not options or any(not values for _, values in options):
        return False
    if variant_count(store, product_id) >= MAX_PER_PRODUCT:
        return False
    used = len(combinations_of(store, product_id) | set(claimed))
    total = 1
    for _, values in options:
        total *= len(values)
        if total > used:
            return True
    return total > used


def draw_combination(
    draw: st.DrawFn, store: Store, product_id: int, claimed: set[frozenset[int]]
) -> list[tuple[int, int]] | None:
    """``(value id, option id)`` of every option of the product, a combination no variant
    (and nothing in ``claimed``) uses, which joins ``claimed``; None when none is left."""
    options = options_of(store, product_id)
    if not options or any(not values for _, values in options):
        return None
    used = combinations_of(store, product_id) | claimed
    for _ in range(RANDOM_TRIES):
        picked = [(draw(st.sampled_from(values)), option_id) for option_id, values in options]
        key = frozenset(value for value, _ in picked)
        if key not in used:
            claimed.add(key)
            return picked
    # Walk every combination in order (an odometer over the options' values).
    positions = [0] * len(options)
    while True:
        picked = [(values[positions[i]], option_id) for i, (option_id, values) in enumerate(options)]
        key = frozenset(value for value, _ in picked)
        if key not in used:
            claimed.add(key)
            return picked
        for i in reversed(range(len(options))):
            positions[i] += 1
            if positions[i] < len(options[i][1]):
                break
            positions[i] = 0
        else:
            return None


def option_value_items(draw: st.DrawFn, store: Store, picked: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """The ``option_values`` of a body; now and then with the read-only ``option_display_name``
    and ``label`` a GET body carries (accepted and ignored)."""
    full = draw(st.integers(0, 3)) == 0
    out = []
    for value_id, option_id in picked:
        item: dict[str, Any] = {"id": value_id, "option_id": option_id}
        if full:
            option = store.options.require(option_id)
            value = option.value(value_id)
            item["option_display_name"] = option.display_name
            item["label"] = value.label if value is not None else ""
        out.append(item)
    return out


# ---------------------------------------------------------------- fields


@functools.lru_cache(maxsize=4)
def _field_defaults(operation_id: str) -> dict[str, st.SearchStrategy[Any]]:
    """Strategies for a variant's writable fields other than ``sku`` and ``option_values``."""
    properties = body_properties(operation_id)
    if operation_id == BATCH:
        properties = {k: v for k, v in properties.items() if k not in ("id", "product_id")}
    out: dict[str, st.SearchStrategy[Any]] = {}
    for name, schema in properties.items():
        if name in ("sku", "option_values"):
            continue
        if name == "image_url":
            out[name] = st.just("") | image_urls(max_size=int(schema.get("maxLength", 255)))
        else:
            out[name] = from_schema(schema, where=name)
    return out


def skus() -> st.SearchStrategy[str]:
    return texts(min_size=1, max_size=MAX_SKU).filter(lambda s: s.strip() != "")


def settle_sku(item: dict[str, Any], taken: Taken) -> None:
    if isinstance(item.get("sku"), str) and item["sku"]:
        item["sku"] = made_unique(item["sku"], taken.sku_free, max_size=MAX_SKU, separator="-")
        taken.skus.add(item["sku"].casefold())


def draw_variant(
    draw: st.DrawFn,
    store: Store,
    product_id: int,
    taken: Taken,
    claimed: set[frozenset[int]],
    overrides: Mapping[str, st.SearchStrategy[Any]],
    *,
    operation_id: str = CREATE,
) -> dict[str, Any] | None:
    """A new variant of ``product_id``, or None when the product has no free combination."""
    rest = {k: v for k, v in overrides.items() if k != "option_values"}
    if "option_values" in overrides:
        values = draw(overrides["option_values"])
    else:
        picked = draw_combination(draw, store, product_id, claimed)
        if picked is None:
            return None
        values = option_value_items(draw, store, picked)
    body: dict[str, Any] = {"sku": draw(rest.pop("sku", skus()))}
    if values is not OMIT:
        body["option_values"] = values
    if body["sku"] is OMIT:
        del body["sku"]
    body.update(draw_fields(draw, defaults=_field_defaults(operation_id), overrides=rest))
    settle_sku(body, taken)
    return body


def _check_product(function: str, store: Store | None, product_id: object) -> tuple[Store, int]:
    if store is None:
        raise InvalidArgument(f"{function}() needs store=: a variant names option values of its product")
    if not isinstance(product_id, int) or isinstance(product_id, bool):
        raise InvalidArgument(f"{function}(product_id={product_id!r}) must be the id of a product in the store")
    if store.products.get(product_id) is None:
        raise InvalidArgument(f"{function}(product_id={product_id}): the store has no such product")
    return store, product_id


# ---------------------------------------------------------------- public strategies


@st.composite
def variants(
    draw: st.DrawFn,
    /,
    *,
    store: Store,
    product_id: int,
    **overrides: st.SearchStrategy[Any],
) -> dict[str, Any]:
    """Bodies for ``POST /v3/catalog/products/{product_id}/variants`` that the mock accepts
    with 200.

    ``option_values`` name one value of each of the product's options (``id`` and
    ``option_id``), in a combination no variant of the product has yet; ``sku`` is unique,
    ignoring case, among every product's and variant's SKUs. The other fields (prices,
    dimensions, stock, codes) are drawn from the spec now and then; nullable prices and weights
    are sometimes ``null`` (the product's value then applies).

    The product must have options with a combination left: ``InvalidArgument`` otherwise
    (create an option first, with ``options()``).

    >>> variants(store=store, product_id=95).example()  # doctest: +SKIP
    {'sku': 'Ā0', 'option_values': [{'id': 12, 'option_id': 11}, {'id': 15, 'option_id': 14}]}
    """
    check_store("variants", store)
    store, product_id = _check_product("variants", store, product_id)
    check_overrides("variants", CREATE, overrides)
    if "option_values" not in overrides and not can_add_variant(store, product_id):
        raise InvalidArgument(
            f"variants(product_id={product_id}): the product has no options, or no combination of their values "
            "is left for a new variant"
        )
    body = draw_variant(draw, store, product_id, Taken(store=store), set(), overrides)
    assert body is not None
    return body


@st.composite
def variant_updates(
    draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]
) -> dict[str, Any]:
    """Bodies for ``PUT /v3/catalog/products/{product_id}/variants/{variant_id}`` that the mock
    accepts for any existing variant: a partial update, possibly ``{}``. A new ``sku`` avoids
    every SKU in ``store``, the target's own included."""
    check_store("variant_updates", store)
    check_overrides("variant_updates", UPDATE, overrides)
    defaults = {"sku": skus(), **_field_defaults(UPDATE)}
    body = draw_fields(draw, defaults=defaults, overrides=overrides)
    settle_sku(body, Taken(store=store))
    return body


@st.composite
def variant_batches(
    draw: st.DrawFn,
    /,
    *,
    store: Store,
    min_size: int = 1,
    max_size: int = 10,
    **overrides: st.SearchStrategy[Any],
) -> list[dict[str, Any]]:
    """Bodies for ``PUT /v3/catalog/variants`` (at most 50 items) that the mock accepts with 200.

    Each item updates a distinct existing variant (its ``id`` and a partial update) or creates
    one (``product_id``, ``sku`` and ``option_values``) on a product of ``store`` with a free
    combination; SKUs are unique across the items and the store, and no two new variants of a
    product share a combination. Overrides apply to every item.
    """
    check_store("variant_batches", store)
    if store is None:
        raise InvalidArgument("variant_batches() needs store=: its items name existing variants and products")
    check_sizes("variant_batches", min_size, max_size, limit=operation(BATCH).max_items)
    check_overrides("variant_batches", BATCH, {k: v for k, v in overrides.items() if k not in ("id", "product_id")})
    variant_ids = [v.id for v in store.variants.values()]
    creatable = [p.id for p in store.products.values() if store.options.lookup("product_id", p.id)]
    taken = Taken(store=store)
    claimed: dict[int, set[frozenset[int]]] = {}
    updated: set[int] = set()
    items: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(min_size, max_size))):
        create = bool(creatable) and (not variant_ids or draw(st.booleans()))
        if create:
            product_id = draw(st.sampled_from(creatable))
            item = draw_variant(
                draw, store, product_id, taken, claimed.setdefault(product_id, set()), overrides, operation_id=BATCH
            )
            if item is None:
                creatable.remove(product_id)
                continue
            items.append({"product_id": product_id, **item})
            continue
        free = [vid for vid in variant_ids if vid not in updated]
        if not free:
            break
        variant_id = draw(st.sampled_from(free))
        updated.add(variant_id)
        rest = {k: v for k, v in overrides.items() if k != "option_values"}
        change = draw_fields(draw, defaults={"sku": skus(), **_field_defaults(BATCH)}, overrides=rest)
        settle_sku(change, taken)
        items.append({"id": variant_id, **change})
    return items
