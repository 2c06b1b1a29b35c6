"""Create, change and delete products, with BigCommerce's rules (BC_FACTS §3.1).

``changes`` mappings use the product record's field names and domain value types; the
presentation layer builds them from request bodies.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from mockbc.domain.brands import Brand
from mockbc.domain.errors import Conflict, Invalid, NotFound
from mockbc.domain.products import (
    MAX_VARIANTS_PER_PRODUCT,
    OptionValue,
    Product,
    ProductOption,
    Variant,
    VariantOptionValue,
)
from mockbc.domain.records import CustomUrl, slugify
from mockbc.services import brands as brand_service
from mockbc.store.store import Store

MAX_BRAND_NAME = 255  # a brand_name creates a brand, so it meets the brand name limit


@dataclass(frozen=True, slots=True)
class VariantInput:
    sku: str
    option_values: tuple[tuple[str, str], ...]  # (option display name, value label)
    fields: Mapping[str, Any]


def get(store: Store, product_id: int) -> Product:
    product = store.products.get(product_id)
    if product is None:
        raise NotFound("product", product_id)
    return product


def _check_name(store: Store, name: str, own_id: int | None) -> None:
    owner = store.product_names.get(name.casefold())
    if owner is not None and owner != own_id:
        raise Conflict({"name": f"A product named '{name}' already exists."}, title="The product name is a duplicate.")


def _check_sku(store: Store, sku: str, own_id: int | None, field: str = "sku") -> None:
    if not sku:
        return
    owner = store.skus.get(sku.casefold())
    if owner is not None and owner != own_id:
        raise Conflict({field: f"The SKU '{sku}' is already in use."}, title="The SKU is a duplicate.")


def _check_references(store: Store, changes: Mapping[str, Any]) -> None:
    missing = [cid for cid in changes.get("categories", ()) if store.categories.get(cid) is None]
    if missing:
        raise Conflict(
            {"categories": f"Category ids do not exist: {', '.join(map(str, missing))}."},
            title="One or more categories do not exist.",
        )
    brand_id = changes.get("brand_id", 0)
    if brand_id and store.brands.get(brand_id) is None:
        raise Conflict({"brand_id": f"Brand {brand_id} does not exist."}, title="The brand does not exist.")


def _check_custom_url(store: Store, url: CustomUrl, own_id: int | None) -> None:
    owner = store.product_urls.get(url.url)
    if owner is not None and owner != own_id:
        raise Conflict(
            {"custom_url": f"The URL '{url.url}' is already in use."},
            title="The custom URL is a duplicate.",
        )


def _custom_url(store: Store, requested: CustomUrl | None, name: str, own_id: int | None) -> CustomUrl:
    if requested is not None:
        _check_custom_url(store, requested, own_id)
        return requested
    base = slugify(name)
    url, n = f"/{base}/", 1
    while (owner := store.product_urls.get(url)) is not None and owner != own_id:
        n += 1
        url = f"/{base}-{n}/"
    return CustomUrl(url=url, is_customized=False)


def _check_brand_name(changes: Mapping[str, Any]) -> None:
    brand_name = changes.get("brand_name")
    if brand_name and not changes.get("brand_id") and len(brand_name) > MAX_BRAND_NAME:
        raise Invalid({"brand_name": f"must be at most {MAX_BRAND_NAME} characters long"})


def _resolve_brand_name(store: Store, changes: dict[str, Any]) -> None:
    brand_name = changes.pop("brand_name", None)
    if brand_name and not changes.get("brand_id"):
        # BC_FACTS §3.1: brand_name creates the brand when no brand has that name.
        existing_id = store.brand_names.get(brand_name.casefold())
        brand: Brand | None = store.brands.get(existing_id) if existing_id is not None else None
        if brand is None:
            brand = brand_service.create(store, {"name": brand_name})
        changes["brand_id"] = brand.id


def _validate_variants(store: Store, product_sku: str, inputs: Sequence[VariantInput]) -> None:
    """Every rule a new product's variants must meet, checked before anything is written."""
    if len(inputs) > MAX_VARIANTS_PER_PRODUCT:
        raise Invalid({"variants": f"A product can have at most {MAX_VARIANTS_PER_PRODUCT} variants."})
    seen_skus: set[str] = set()
    seen_combinations: set[frozenset[tuple[str, str]]] = set()
    option_names: frozenset[str] | None = None
    for index, item in enumerate(inputs):
        key = item.sku.casefold()
        if key in seen_skus or key == product_sku.casefold():
            raise Conflict({f"variants.{index}.sku": f"The SKU '{item.sku}' is already in use."}, title="The SKU is a duplicate.")
        seen_skus.add(key)
        _check_sku(store, item.sku, None, f"variants.{index}.sku")
        if not item.option_values and len(inputs) > 1:
            raise Invalid({f"variants.{index}.option_values": "error.path.missing"})
        for position, (display_name, label) in enumerate(item.option_values):
            if not display_name or not label:
                raise Invalid({f"variants.{index}.option_values.{position}": "needs option_display_name and label"})
        names = [display_name for display_name, _ in item.option_values]
        if len(set(names)) != len(names):
            raise Invalid({f"variants.{index}.option_values": "names an option more than once"})
        if option_names is None:
            option_names = frozenset(names)
        elif frozenset(names) != option_names:
            raise Invalid({f"variants.{index}.option_values": "must name the same options as the first variant"})
        combination = frozenset(item.option_values)
        if combination and combination in seen_combinations:
            raise Conflict(
                {f"variants.{index}.option_values": "Another variant has the same option values."},
                title="The variant is a duplicate.",
            )
        seen_combinations.add(combination)


def _build_variants(store: Store, product: Product, inputs: Sequence[VariantInput]) -> Product:
    options: dict[str, ProductOption] = {}
    values: dict[tuple[str, str], OptionValue] = {}
    for item in inputs:
        for display_name, label in item.option_values:
            option = options.get(display_name)
            if option is None:
                option = ProductOption(
                    id=store.option_ids.take(), product_id=product.id, display_name=display_name,
                    type="dropdown", sort_order=len(options),
                )  # fmt: skip
                options[display_name] = option
            if (display_name, label) not in values:
                value = OptionValue(id=store.option_ids.take(), label=label, sort_order=len(option.option_values))
                values[(display_name, label)] = value
                options[display_name] = replace(option, option_values=(*option.option_values, value))
    variant_ids: list[int] = []
    for item in inputs:
        variant_id = store.variant_ids.take()
        refs = tuple(
            VariantOptionValue(
                id=values[(name, label)].id, option_id=options[name].id, label=label, option_display_name=name,
            )
            for name, label in item.option_values
        )  # fmt: skip
        store.variants.put(variant_id, Variant(id=variant_id, product_id=product.id, sku=item.sku, option_values=refs, sku_id=variant_id, **item.fields))
        store.skus.put(item.sku.casefold(), product.id)
        variant_ids.append(variant_id)
    for option in options.values():
        store.options.put(option.id, option)
    has_options = bool(options)
    return replace(
        product,
        variant_ids=tuple(variant_ids),
        option_ids=tuple(option.id for option in options.values()),
        base_variant_id=None if has_options else (variant_ids[0] if variant_ids else None),
    )


def _add_base_variant(store: Store, product: Product) -> None:
    """A product without options still has one variant carrying its SKU and stock."""
    assert product.base_variant_id is not None
    store.variants.put(
        product.base_variant_id,
        Variant(
            id=product.base_variant_id, product_id=product.id, sku=product.sku, sku_id=None,
            inventory_level=product.inventory_level, inventory_warning_level=product.inventory_warning_level,
        ),
    )  # fmt: skip


def create(store: Store, changes: Mapping[str, Any], variants: Sequence[VariantInput] = ()) -> Product:
    fields = dict(changes)
    # Every check runs before the first write, so a refused product leaves the store unchanged.
    _check_name(store, fields["name"], None)
    _check_sku(store, fields.get("sku", ""), None)
    _check_references(store, fields)
    _check_brand_name(fields)
    custom_url = _custom_url(store, fields.pop("custom_url", None), fields["name"], None)
    if variants:
        _validate_variants(store, fields.get("sku", ""), variants)
    _resolve_brand_name(store, fields)
    now = store.clock.now()
    product_id = store.product_ids.take()
    if variants:
        product = Product(id=product_id, date_created=now, date_modified=now, custom_url=custom_url, **fields)
        product = _build_variants(store, product, variants)
    else:
        # Built once with its base variant's id: replace() on a 70-field record is costly.
        base_id = store.variant_ids.take()
        product = Product(
            id=product_id, date_created=now, date_modified=now, custom_url=custom_url,
            variant_ids=(base_id,), base_variant_id=base_id, **fields,
        )  # fmt: skip
        _add_base_variant(store, product)
    _index(store, product)
    store.products.put(product.id, product)
    return product


def validate_update(store: Store, product: Product, changes: Mapping[str, Any]) -> None:
    if "name" in changes:
        _check_name(store, changes["name"], product.id)
    if "sku" in changes:
        sku = changes["sku"]
        _check_sku(store, sku, product.id)
        # A product with options owns its variants' SKUs too; its own SKU must differ from them.
        if sku and product.base_variant_id is None:
            for variant in variants_of(store, product):
                if variant.sku.casefold() == sku.casefold():
                    raise Conflict({"sku": f"The SKU '{sku}' is already in use."}, title="The SKU is a duplicate.")
    _check_references(store, changes)
    _check_brand_name(changes)
    if changes.get("custom_url") is not None:
        _check_custom_url(store, changes["custom_url"], product.id)


def update(store: Store, product_id: int, changes: Mapping[str, Any]) -> Product:
    product = get(store, product_id)
    fields = dict(changes)
    validate_update(store, product, fields)
    _resolve_brand_name(store, fields)
    updated = replace(product, **fields, date_modified=store.clock.now())
    _unindex(store, product)
    _index(store, updated)
    if updated.base_variant_id is not None and (
        product.sku != updated.sku or product.inventory_level != updated.inventory_level
    ):
        base = store.variants.get(updated.base_variant_id)
        if base is not None:
            store.variants.put(base.id, replace(base, sku=updated.sku, inventory_level=updated.inventory_level))
    store.products.put(updated.id, updated)
    return updated


def delete(store: Store, product_id: int) -> bool:
    product = store.products.get(product_id)
    if product is None:
        return False
    _unindex(store, product)
    for variant_id in product.variant_ids:
        variant = store.variants.get(variant_id)
        if variant is not None and variant.sku:
            store.skus.delete(variant.sku.casefold())
        store.variants.delete(variant_id)
    for option_id in product.option_ids:
        store.options.delete(option_id)
    store.products.delete(product_id)
    return True


def _index(store: Store, product: Product) -> None:
    store.product_names.put(product.name.casefold(), product.id)
    if product.sku:
        store.skus.put(product.sku.casefold(), product.id)
    store.product_urls.put(product.custom_url.url, product.id)


def _unindex(store: Store, product: Product) -> None:
    store.product_names.delete(product.name.casefold())
    if product.sku and store.skus.get(product.sku.casefold()) == product.id:
        store.skus.delete(product.sku.casefold())
    store.product_urls.delete(product.custom_url.url)


def variants_of(store: Store, product: Product) -> list[Variant]:
    return [v for v in (store.variants.get(i) for i in product.variant_ids) if v is not None]


def options_of(store: Store, product: Product) -> list[ProductOption]:
    return [o for o in (store.options.get(i) for i in product.option_ids) if o is not None]


def ids_in_category(store: Store, category_ids: Iterable[int]) -> set[int]:
    wanted = set(category_ids)
    return {p.id for p in store.products.values() if wanted.intersection(p.categories)}
