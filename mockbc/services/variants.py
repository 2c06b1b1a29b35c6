"""Create, change, find and delete variants, with BigCommerce's rules (upstream
product-variants_catalog.v3.yml).

A variant is one combination of its product's option values: it names one value of every
option of the product, no two variants of a product share a combination, and a product has at
most 600 of them. SKUs are unique ignoring case across products and variants. Every check runs
before the first write, so a call that raises leaves the store unchanged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from mockbc.domain.errors import Conflict, DomainError, Invalid, LimitExceeded, NotFound, conflict, invalid
from mockbc.domain.errors import limit_exceeded as limit
from mockbc.domain.options import MAX_VALUES, OptionValue, ProductOption, unique_name
from mockbc.domain.products import MAX_VARIANTS_PER_PRODUCT, Product
from mockbc.domain.query import Condition, Filter
from mockbc.domain.variants import Variant, VariantOptionValue
from mockbc.services import options as option_service
from mockbc.services.options import product_of
from mockbc.store.select import Rows, select
from mockbc.store.store import Store

# (option value id, option id) as a request body names them; either may be missing.
OptionRef = tuple[int | None, int | None]


@dataclass(frozen=True, slots=True)
class VariantInput:
    """A variant given inline on product create: its options by display name and value label."""

    sku: str
    option_values: tuple[tuple[str, str], ...]  # (option display name, value label)
    fields: Mapping[str, Any]
    id: int | None = None  # given by fixtures; the API never sets it


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One item of the variants batch: an update when ``variant_id`` is set, else a create."""

    variant_id: int | None
    product_id: int | None
    changes: Mapping[str, Any]  # writable fields, plus ``sku`` and ``option_values`` when given


# --------------------------------------------------------------------------- reading


def variants_of(store: Store, product: Product) -> list[Variant]:
    """A product's variants in id order, through the ``product_id`` index."""
    found: list[Variant] = store.variants.many(store.variants.lookup("product_id", product.id))
    return found


def of_product(store: Store, product_id: int) -> Rows:
    product_of(store, product_id)
    return select(store.variants, [Condition("product_id", "eq", product_id)], FILTERS)


def get(store: Store, product_id: int, variant_id: int) -> Variant:
    product_of(store, product_id)
    variant: Variant | None = store.variants.get(variant_id)
    if variant is None or variant.product_id != product_id:
        raise NotFound("variant", variant_id)
    return variant


def _casefold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


# What GET /v3/catalog/variants filters on (upstream getVariants): each through an index.
FILTERS: dict[str, Filter] = {
    "id": Filter(get=lambda v: v.id, primary=True),
    "sku": Filter(get=lambda v: v.sku, index="sku", normalise=_casefold),
    "upc": Filter(get=lambda v: v.upc, index="upc"),
    "product_id": Filter(get=lambda v: v.product_id, index="product_id"),
}


def find(store: Store, conditions: Sequence[Condition]) -> Rows:
    """The variants meeting every condition, in id order (every filter is answered by an index)."""
    return select(store.variants, conditions, FILTERS, context=store)


def sku_owner(store: Store, sku: str) -> int | None:
    """The product whose own SKU, or one of whose variants' SKUs, is ``sku`` (ignoring case)."""
    key = sku.casefold()
    owner: int | None = store.products.unique("sku", key)
    if owner is not None:
        return owner
    variant_id = store.variants.unique("sku", key)
    if variant_id is None:
        return None
    variant: Variant = store.variants.require(variant_id)
    return variant.product_id


# --------------------------------------------------------------------------- checks


def _check_sku(store: Store, sku: str, product: Product, variant_id: int | None, field: str) -> None:
    """``sku`` is free for this variant: no other variant has it, and no product but the one
    whose base variant this is (a base variant carries its product's SKU)."""
    key = sku.casefold()
    owner = store.products.unique("sku", key)
    if owner is not None and not (
        owner == product.id and variant_id is not None and product.base_variant_id == variant_id
    ):
        raise conflict("sku_taken", field, "sku_taken", value=sku)
    holder = store.variants.unique("sku", key)
    if holder is not None and holder != variant_id:
        raise conflict("sku_taken", field, "sku_taken", value=sku)


def _resolve(store: Store, product: Product, refs: Sequence[OptionRef], field: str) -> tuple[VariantOptionValue, ...]:
    """The option values ``refs`` name: existing values of existing options of this product,
    one value of every option it has."""
    options = {option.id: option for option in option_service.options_of(store, product.id)}
    chosen: dict[int, int] = {}
    for position, (value_id, option_id) in enumerate(refs):
        where = f"{field}.{position}"
        if option_id is None:
            raise invalid("body", f"{where}.option_id", "missing")
        if value_id is None:
            raise invalid("body", f"{where}.id", "missing")
        option = options.get(option_id)
        if option is None:
            raise invalid("payload", f"{where}.option_id", "option_not_on_product", id=option_id, product=product.id)
        if option.value(value_id) is None:
            raise invalid("payload", f"{where}.id", "value_not_in_option", id=value_id, option=option_id)
        if option_id in chosen:
            raise invalid("payload", field, "option_repeated")
        chosen[option_id] = value_id
    missing = [option.display_name for option in options.values() if option.id not in chosen]
    if missing:
        raise invalid("payload", field, "options_missing", names=missing)
    return tuple(VariantOptionValue(chosen[option_id], option_id) for option_id in sorted(chosen))


def _holder_of(store: Store, product_id: int, combination: frozenset[int]) -> int | None:
    """The variant of ``product_id`` made of exactly ``combination``, found through an index."""
    if combination:
        candidates = min((store.variants.lookup("option_value_id", vid) for vid in combination), key=len)
    else:
        candidates = store.variants.lookup("product_id", product_id)
    for candidate in sorted(candidates):
        variant: Variant = store.variants.require(candidate)
        if variant.product_id == product_id and variant.combination == combination:
            return variant.id
    return None


def _check_room(store: Store, product: Product, adding: int, field: str) -> None:
    # Upstream createProductVariant: "600 SKUs per product limit".
    if len(store.variants.lookup("product_id", product.id)) + adding > MAX_VARIANTS_PER_PRODUCT:
        raise limit("variant_limit", field, "too_many_variants", limit=MAX_VARIANTS_PER_PRODUCT)


def _required(changes: Mapping[str, Any], *names: str) -> None:
    for name in names:
        if changes.get(name) is None:
            raise invalid("body", name, "missing")


# --------------------------------------------------------------------------- writing


def _new(
    store: Store, product_id: int, sku: str, values: tuple[VariantOptionValue, ...], fields: Mapping[str, Any]
) -> Variant:
    variant_id = store.next_id("variants")
    variant = Variant(id=variant_id, product_id=product_id, sku=sku, option_values=values, sku_id=variant_id, **fields)
    store.variants.put(variant.id, variant)
    store.emit("sku", "created", variant.id)
    return variant


def _changed(store: Store, variant: Variant, fields: Mapping[str, Any]) -> Variant:
    updated = replace(variant, **fields)
    store.variants.put(updated.id, updated)
    store.emit("sku", "updated", updated.id)
    product: Product = store.products.require(updated.product_id)
    if product.base_variant_id == updated.id and (
        product.sku != updated.sku
        or product.inventory_level != updated.inventory_level
        or product.inventory_warning_level != updated.inventory_warning_level
    ):
        # The base variant is the product's own SKU: what changes on one changes on the other.
        store.products.put(
            product.id,
            replace(
                product, sku=updated.sku, inventory_level=updated.inventory_level,
                inventory_warning_level=updated.inventory_warning_level, date_modified=store.clock.now(),
            ),
        )  # fmt: skip
        store.emit("product", "updated", product.id)
    return updated


def _writable(changes: Mapping[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in changes.items() if name not in ("option_values", "product_id")}


def create(store: Store, product_id: int, changes: Mapping[str, Any]) -> Variant:
    """One new variant of ``product_id``: ``changes`` holds ``sku``, ``option_values``
    (``OptionRef``s) and any writable field."""
    product = product_of(store, product_id)
    _required(changes, "sku", "option_values")
    values = _resolve(store, product, changes["option_values"], "option_values")
    fields = _writable(changes)
    _check_sku(store, fields["sku"], product, None, "sku")
    if _holder_of(store, product.id, frozenset(v.id for v in values)) is not None:
        raise conflict("variant_duplicate", "option_values", "variant_duplicate")
    _check_room(store, product, 1, "sku")
    sku = fields.pop("sku")
    return _new(store, product.id, sku, values, fields)


def update(store: Store, product_id: int, variant_id: int, changes: Mapping[str, Any]) -> Variant:
    """A partial update; ``option_values`` and ``product_id`` are read-only here (upstream
    productVariant_Put has neither as a writable field)."""
    variant = get(store, product_id, variant_id)
    product: Product = store.products.require(product_id)
    fields = _writable(changes)
    sku = fields.get("sku")
    if sku is not None and sku.casefold() != variant.sku.casefold():
        _check_sku(store, sku, product, variant.id, "sku")
    return _changed(store, variant, fields)


def set_image(store: Store, product_id: int, variant_id: int, image_url: str) -> Variant:
    """The variant's one image; a new one replaces the old (upstream createProductVariantImage)."""
    return _changed(store, get(store, product_id, variant_id), {"image_url": image_url})


def delete(store: Store, product_id: int, variant_id: int) -> None:
    variant = get(store, product_id, variant_id)
    product: Product = store.products.require(product_id)
    if product.base_variant_id == variant.id:
        raise invalid("base_variant", "variant_id", "base_variant", id=variant.id, product=product.id)
    store.delete("variants", [variant.id])


# --------------------------------------------------------------------------- batch


@dataclass(slots=True)
class _Claims:
    """What earlier items of a batch took: SKUs, combinations, variant ids, new variants per product."""

    skus: dict[str, int]
    combinations: dict[tuple[int, frozenset[int]], int]
    ids: set[int]
    adding: Counter[int]


_Plan = tuple[Variant | None, int, dict[str, Any], tuple[VariantOptionValue, ...]]


def _plan(store: Store, index: int, item: BatchItem, claims: _Claims) -> _Plan:
    fields = _writable(item.changes)
    sku: str | None = fields.get("sku")
    if item.variant_id is not None:
        variant: Variant | None = store.variants.get(item.variant_id)
        if variant is None:
            raise NotFound("variant", item.variant_id)
        if item.variant_id in claims.ids:
            raise invalid("payload", "id", "batch_repeated_id")
        claims.ids.add(item.variant_id)
        if item.product_id is not None and item.product_id != variant.product_id:
            raise invalid(
                "payload", "product_id", "variant_of_other_product", id=variant.id, product=variant.product_id
            )
        product: Product = store.products.require(variant.product_id)
        if sku is not None:
            _claim_sku(claims, index, sku)
            if sku.casefold() != variant.sku.casefold():
                _check_sku(store, sku, product, variant.id, "sku")
        return (variant, product.id, fields, variant.option_values)
    if item.product_id is None:
        raise invalid("body", "product_id", "missing")
    product = product_of(store, item.product_id)
    _required(item.changes, "sku", "option_values")
    values = _resolve(store, product, item.changes["option_values"], "option_values")
    assert sku is not None
    _claim_sku(claims, index, sku)
    _check_sku(store, sku, product, None, "sku")
    combination = (product.id, frozenset(v.id for v in values))
    earlier = claims.combinations.get(combination)
    if earlier is not None:
        raise conflict("variant_duplicate", "option_values", "batch_duplicate", item=earlier, field="option_values")
    claims.combinations[combination] = index
    if _holder_of(store, product.id, combination[1]) is not None:
        raise conflict("variant_duplicate", "option_values", "variant_duplicate")
    claims.adding[product.id] += 1
    _check_room(store, product, claims.adding[product.id], "sku")
    return (None, product.id, fields, values)


def _claim_sku(claims: _Claims, index: int, sku: str) -> None:
    key = sku.casefold()
    earlier = claims.skus.get(key)
    if earlier is not None:
        raise conflict("sku_taken", "sku", "batch_duplicate", item=earlier, field="sku")
    claims.skus[key] = index


def update_batch(store: Store, items: Sequence[BatchItem]) -> tuple[list[Variant], list[tuple[int, DomainError]]]:
    """Update and create variants of any products, all or nothing: every item is checked against
    the store as it was before the batch (and against the items before it); when any fails,
    nothing is written and the failures are returned by item index."""
    claims = _Claims(skus={}, combinations={}, ids=set(), adding=Counter())
    plans: list[_Plan] = []
    failures: list[tuple[int, DomainError]] = []
    for index, item in enumerate(items):
        try:
            plans.append(_plan(store, index, item, claims))
        except (Invalid, Conflict, LimitExceeded, NotFound) as err:
            failures.append((index, err))
    if failures:
        return [], failures
    done: list[Variant] = []
    for variant, product_id, fields, values in plans:
        if variant is None:
            sku = fields.pop("sku")
            done.append(_new(store, product_id, sku, values, fields))
        else:
            done.append(_changed(store, variant, fields))
    return done, []


# --------------------------------------------------------------------------- inline, on product create


def check_inline(store: Store, product_sku: str, inputs: Sequence[VariantInput]) -> None:
    """Every rule a new product's inline variants must meet, checked before anything is written."""
    if len(inputs) > MAX_VARIANTS_PER_PRODUCT:
        raise invalid("payload", "variants", "too_many_variants", limit=MAX_VARIANTS_PER_PRODUCT)
    seen_skus: set[str] = set()
    seen_combinations: set[frozenset[tuple[str, str]]] = set()
    option_names: frozenset[str] | None = None
    labels: dict[str, set[str]] = {}
    for index, item in enumerate(inputs):
        if item.id is not None and store.variants.get(item.id) is not None:
            raise conflict("id_taken", f"variants.{index}.id", "id_taken", id=item.id)
        key = item.sku.casefold()
        if key in seen_skus or key == product_sku.casefold():
            raise conflict("sku_taken", f"variants.{index}.sku", "sku_taken", value=item.sku)
        seen_skus.add(key)
        if item.sku and sku_owner(store, item.sku) is not None:
            raise conflict("sku_taken", f"variants.{index}.sku", "sku_taken", value=item.sku)
        if not item.option_values and len(inputs) > 1:
            raise invalid("payload", f"variants.{index}.option_values", "missing")
        for position, (display_name, label) in enumerate(item.option_values):
            if not display_name or not label:
                raise invalid("payload", f"variants.{index}.option_values.{position}", "option_value_incomplete")
        names = [display_name for display_name, _ in item.option_values]
        if len(set(names)) != len(names):
            raise invalid("payload", f"variants.{index}.option_values", "option_repeated")
        if option_names is None:
            option_names = frozenset(names)
        elif frozenset(names) != option_names:
            raise invalid("payload", f"variants.{index}.option_values", "options_differ")
        for display_name, label in item.option_values:
            labels.setdefault(display_name, set()).add(label)
            if len(labels[display_name]) > MAX_VALUES:
                raise limit("value_limit", f"variants.{index}.option_values", "too_many_values", limit=MAX_VALUES)
        combination = frozenset(item.option_values)
        if combination and combination in seen_combinations:
            raise conflict("variant_duplicate", f"variants.{index}.option_values", "variant_duplicate")
        seen_combinations.add(combination)


def build_inline(store: Store, product_id: int, inputs: Sequence[VariantInput], created: datetime) -> int | None:
    """Write the options (dropdowns, named by the variants' option display names) and the
    variants of a new product; returns the base variant's id when they name no options."""
    options: dict[str, ProductOption] = {}
    values: dict[tuple[str, str], OptionValue] = {}
    for item in inputs:
        for display_name, label in item.option_values:
            option = options.get(display_name)
            if option is None:
                option_id = store.next_id("options")
                option = ProductOption(
                    id=option_id, product_id=product_id, display_name=display_name, type="dropdown",
                    sort_order=len(options), name=unique_name(display_name, created, product_id),
                )  # fmt: skip
                options[display_name] = option
            if (display_name, label) not in values:
                value = OptionValue(id=store.next_id("options"), label=label, sort_order=len(option.option_values))
                values[(display_name, label)] = value
                options[display_name] = replace(option, option_values=(*option.option_values, value))
    for option in options.values():
        store.options.put(option.id, option)
        store.emit("option", "created", option.id)
    first: int | None = None
    for item in inputs:
        variant_id = item.id if item.id is not None else store.next_id("variants")
        store.sequence("variants").claim(variant_id)
        refs = sorted(
            (VariantOptionValue(values[(name, label)].id, options[name].id) for name, label in item.option_values),
            key=lambda ref: ref.option_id,
        )
        variant = Variant(
            id=variant_id, product_id=product_id, sku=item.sku, option_values=tuple(refs), sku_id=variant_id,
            **item.fields,
        )  # fmt: skip
        store.variants.put(variant.id, variant)
        store.emit("sku", "created", variant.id)
        first = variant_id if first is None else first
    return None if options else first
