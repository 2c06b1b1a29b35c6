"""Create, change, find and delete products, with BigCommerce's rules (upstream products_catalog.v3.yml).

``changes`` mappings use the product record's field names and domain value types; the
presentation layer builds them from request bodies (and the fixture loader from fixture
records, so a seeded product meets exactly the rules an API-created one does).
Every check runs before the first write, so a call that raises leaves the store unchanged.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from mockbc import services
from mockbc.domain.errors import Conflict, Invalid, NotFound, Problem, conflict, invalid
from mockbc.domain.products import MAX_BATCH_DELETE, Product, is_low_stock
from mockbc.domain.query import Condition, Filter
from mockbc.domain.records import CustomUrl, slugify
from mockbc.domain.variants import Variant, base_variant
from mockbc.services import assignments as channel_assignments
from mockbc.services import brands as brand_service
from mockbc.services import variants as variant_service
from mockbc.services.variants import VariantInput as VariantInput
from mockbc.services.variants import sku_owner as sku_owner
from mockbc.services.variants import variants_of
from mockbc.store.indexes import words
from mockbc.store.select import Rows, select
from mockbc.store.store import Store

MAX_BRAND_NAME = 255  # a brand_name creates a brand, so it meets the brand name limit


@dataclass(frozen=True, slots=True)
class Inline:
    """A sub-resource a product body may carry inline (``images``, ``custom_fields``...).

    ``check(store, product, items)`` raises what the items break, before anything is written
    (``product`` is ``None`` on create); ``write(store, product_id, items)`` stores them once
    the product exists. ``items`` come parsed by the sub-resource's presentation."""

    check: Callable[[Store, Product | None, Sequence[Mapping[str, Any]]], None]
    write: Callable[[Store, int, Sequence[Mapping[str, Any]]], None]


@functools.cache
def inline_kinds() -> dict[str, Inline]:
    """Every ``PRODUCT_INLINE`` of the modules of ``mockbc.services``, by body field name."""
    found: dict[str, Inline] = {}
    for module in sorted(info.name for info in pkgutil.iter_modules(services.__path__)):
        for name, inline in getattr(
            importlib.import_module(f"{services.__name__}.{module}"), "PRODUCT_INLINE", {}
        ).items():
            if name in found:
                raise LookupError(f"inline product field {name} is declared twice")
            found[name] = inline
    return found


def _check_inline(store: Store, product: Product | None, inline: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    kinds = inline_kinds()
    for name, items in inline.items():
        try:
            kinds[name].check(store, product, items)
        except (Conflict, Invalid) as err:
            raise err.at(name) from None


def _write_inline(store: Store, product_id: int, inline: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    kinds = inline_kinds()
    for name, items in inline.items():
        kinds[name].write(store, product_id, items)


# --------------------------------------------------------------------------- reading


def get(store: Store, product_id: int) -> Product:
    product: Product | None = store.products.get(product_id)
    if product is None:
        raise NotFound("product", product_id)
    return product


def _keyword(store: Store, condition: Condition) -> set[int] | frozenset[int] | None:
    """``keyword``: every word of the query starts a word of the product's name, description
    or SKU, or of its brand's name (decision, README: upstream says "keywords found in")."""
    text = str(condition.value)
    wanted = words([text])
    if not wanted:
        return set() if text.strip() else None  # only punctuation: nothing matches
    found: set[int] | frozenset[int] | None = None
    products, brands = store.products, store.brands
    for word in sorted(wanted, key=len, reverse=True) if len(wanted) > 1 else wanted:
        ids = products.prefixed("keyword", word)
        for brand_id in brands.prefixed("keyword", word):
            ids = ids | products.lookup("brand_id", brand_id)
        found = ids if found is None else found & ids
        if not found:
            return set()
    return found


def _out_of_stock(condition: Condition) -> Any:
    # Upstream: "to enable the filter, pass out_of_stock=1"; 0 leaves the filter off.
    if not condition.value:
        return lambda p: True
    return lambda p: p.inventory_tracking != "none" and p.inventory_level <= 0


def _inventory_low(condition: Condition) -> Any:
    wanted = bool(condition.value)
    return lambda p: is_low_stock(p) == wanted


def _casefold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


# Every field ``find`` can filter on, by domain field name.
FILTERS: dict[str, Filter] = {
    "id": Filter(get=lambda p: p.id, primary=True),
    "name": Filter(get=lambda p: p.name, index="name", normalise=_casefold),
    # sku and sku:in match the product's own (main) SKU, not its variants' (upstream spec).
    "sku": Filter(get=lambda p: p.sku, index="sku", normalise=_casefold),
    "categories": Filter(get=lambda p: p.categories, index="categories"),
    "brand_id": Filter(get=lambda p: p.brand_id, index="brand_id"),
    "is_visible": Filter(get=lambda p: p.is_visible, index="is_visible"),
    "keyword": Filter(candidates=_keyword),
    "mpn": Filter(get=lambda p: p.mpn),
    "upc": Filter(get=lambda p: p.upc),
    "price": Filter(get=lambda p: p.price),
    "weight": Filter(get=lambda p: p.weight),
    "type": Filter(get=lambda p: p.type),
    "availability": Filter(get=lambda p: p.availability),
    "is_featured": Filter(get=lambda p: p.is_featured),
    "is_free_shipping": Filter(get=lambda p: p.is_free_shipping),
    # The condition filter is lowercase while bodies are capitalised (upstream getProducts).
    "condition": Filter(get=lambda p: p.condition.lower()),
    "date_modified": Filter(get=lambda p: p.date_modified),
    "date_last_imported": Filter(get=lambda p: p.date_last_imported),
    "inventory_level": Filter(get=lambda p: p.inventory_level),
    "total_sold": Filter(get=lambda p: p.total_sold),
    "inventory_low": Filter(matches=_inventory_low),
    "out_of_stock": Filter(matches=_out_of_stock),
    # Through the channel assignments' index; looked up at call time, as that module imports this one.
    "channel_id": Filter(candidates=lambda store, cond: channel_assignments.products_on_channels(store, cond)),
}


def find(store: Store, conditions: Sequence[Condition]) -> Rows:
    """The products meeting every condition, in id order; indexed fields cost what they find,
    and a page of the answer loads only that page's products."""
    return select(store.products, conditions, FILTERS, context=store)


# --------------------------------------------------------------------------- checks


def _check_name(store: Store, name: str, own_id: int | None) -> None:
    owner = store.products.unique("name", name.casefold())
    if owner is not None and owner != own_id:
        raise conflict("product_name_taken", "name", "product_name_taken", value=name)


def _check_sku(store: Store, sku: str, own_id: int | None, field: str = "sku") -> None:
    if not sku:
        return
    owner = sku_owner(store, sku)
    if owner is not None and owner != own_id:
        raise conflict("sku_taken", field, "sku_taken", value=sku)


def _check_references(store: Store, changes: Mapping[str, Any]) -> None:
    missing = [cid for cid in changes.get("categories", ()) if store.categories.get(cid) is None]
    if missing:
        raise conflict("categories_missing", "categories", "categories_missing", ids=missing)
    brand_id = changes.get("brand_id", 0)
    if brand_id and store.brands.get(brand_id) is None:
        raise conflict("brand_missing", "brand_id", "brand_missing", id=brand_id)


def _check_custom_url(store: Store, url: CustomUrl, own_id: int | None) -> None:
    owner = store.products.unique("url", url.url)
    if owner is not None and owner != own_id:
        raise conflict("url_taken", "custom_url", "url_taken", value=url.url)


def _custom_url(store: Store, requested: CustomUrl | None, name: str, own_id: int | None) -> CustomUrl:
    if requested is not None:
        _check_custom_url(store, requested, own_id)
        return requested
    base = slugify(name)
    url, n = f"/{base}/", 1
    while (owner := store.products.unique("url", url)) is not None and owner != own_id:
        n += 1
        url = f"/{base}-{n}/"
    return CustomUrl(url=url, is_customized=False)


def _check_brand_name(changes: Mapping[str, Any]) -> None:
    brand_name = changes.get("brand_name")
    if brand_name and not changes.get("brand_id") and len(brand_name) > MAX_BRAND_NAME:
        raise invalid("payload", "brand_name", "max_length", limit=MAX_BRAND_NAME)


def _resolve_brand_name(store: Store, changes: dict[str, Any]) -> None:
    brand_name = changes.pop("brand_name", None)
    if brand_name and not changes.get("brand_id"):
        # brand_name creates the brand when no brand has that name (upstream createProduct).
        existing_id = store.brands.unique("name", brand_name.casefold())
        if existing_id is None:
            existing_id = brand_service.create(store, {"name": brand_name}).id
        changes["brand_id"] = existing_id


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
                    raise conflict("sku_taken", "sku", "sku_taken", value=sku)
    _check_references(store, changes)
    _check_brand_name(changes)
    if changes.get("custom_url") is not None:
        _check_custom_url(store, changes["custom_url"], product.id)


def validate_batch(store: Store, items: Sequence[tuple[int, Mapping[str, Any]]]) -> None:
    """A batch update, all or nothing: every item against the store as it was before the
    batch; two items may not claim the same name, SKU or custom URL. Errors are keyed by index."""
    seen: set[int] = set()
    claimed: dict[tuple[str, str], int] = {}
    taken_kinds = {"name": "product_name_taken", "sku": "sku_taken", "custom_url": "url_taken"}
    for index, (product_id, change) in enumerate(items):
        product = get(store, product_id)
        if product_id in seen:
            raise invalid("payload", f"{index}.id", "batch_repeated_id")
        seen.add(product_id)
        url = change.get("custom_url")
        for field, value in (("name", change.get("name")), ("sku", change.get("sku")), ("custom_url", url and url.url)):
            if not value:
                continue
            key = (field, value if field == "custom_url" else value.casefold())
            if key in claimed:
                raise conflict(
                    taken_kinds[field], f"{index}.{field}", "batch_duplicate", item=claimed[key], field=field
                )
            claimed[key] = index
        try:
            validate_update(store, product, change)
        except (Conflict, Invalid) as err:
            raise err.at(index) from None


# --------------------------------------------------------------------------- writing


def create(
    store: Store,
    changes: Mapping[str, Any],
    variants: Sequence[VariantInput] = (),
    *,
    inline: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
    product_id: int | None = None,
    created: datetime | None = None,
    modified: datetime | None = None,
) -> Product:
    """A new product, with its ``inline`` sub-resources (``{"images": [...], ...}``).
    ``product_id``, ``created`` and ``modified`` are for fixtures; the API lets the store
    choose them."""
    fields: dict[str, Any] = dict(changes)
    inline = inline or {}
    if product_id is not None and store.products.get(product_id) is not None:
        raise conflict("id_taken", "id", "id_taken", id=product_id)
    _check_name(store, fields["name"], None)
    _check_sku(store, fields.get("sku", ""), None)
    _check_references(store, fields)
    _check_brand_name(fields)
    custom_url = _custom_url(store, fields.pop("custom_url", None), fields["name"], None)
    if variants:
        variant_service.check_inline(store, fields.get("sku", ""), variants)
    if inline:
        _check_inline(store, None, inline)
    _resolve_brand_name(store, fields)
    now = store.clock.now()
    created = created or now
    if product_id is None:
        product_id = store.next_id("products")
    else:
        store.sequence("products").claim(product_id)
    stamps: dict[str, Any] = {
        "id": product_id, "date_created": created, "date_modified": modified or created, "custom_url": custom_url,
    }  # fmt: skip
    if variants:
        base_id = variant_service.build_inline(store, product_id, variants, created)
        product = Product(**stamps, base_variant_id=base_id, **fields)
    else:
        # Built once with its base variant's id: replace() on a 70-field record is costly.
        base_id = store.next_id("variants")
        product = Product(**stamps, base_variant_id=base_id, **fields)
        store.variants.put(base_id, base_variant(product, base_id))
    store.products.put(product.id, product)
    if inline:
        _write_inline(store, product.id, inline)
    store.emit("product", "created", product.id)
    return product


def update(
    store: Store,
    product_id: int,
    changes: Mapping[str, Any],
    *,
    inline: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> Product:
    """A partial update, with inline sub-resources as ``create`` takes them (each kind says
    what an update with it means: add, change by id, or replace)."""
    product = get(store, product_id)
    fields = dict(changes)
    validate_update(store, product, fields)
    if inline:
        _check_inline(store, product, inline)
    updated = _apply(store, product, fields)
    if inline:
        _write_inline(store, product.id, inline)
    return updated


def update_many(store: Store, items: Sequence[tuple[int, Mapping[str, Any]]]) -> list[Product]:
    validate_batch(store, items)
    return [_apply(store, get(store, product_id), dict(change)) for product_id, change in items]


def _apply(store: Store, product: Product, fields: dict[str, Any]) -> Product:
    _resolve_brand_name(store, fields)
    updated = replace(product, **fields, date_modified=store.clock.now())
    if updated.base_variant_id is not None and (
        product.sku != updated.sku or product.inventory_level != updated.inventory_level
    ):
        base: Variant | None = store.variants.get(updated.base_variant_id)
        if base is not None:
            store.variants.put(base.id, replace(base, sku=updated.sku, inventory_level=updated.inventory_level))
            store.emit("sku", "updated", base.id)
    store.products.put(updated.id, updated)
    store.emit("product", "updated", updated.id)
    return updated


def delete(store: Store, product_id: int) -> bool:
    """Delete a product with its variants, options and modifiers; ``False`` when there was none."""
    return bool(store.delete("products", [product_id]))


def delete_matching(store: Store, conditions: Sequence[Condition]) -> list[int]:
    """Delete what ``conditions`` match, at most ``MAX_BATCH_DELETE`` (more: nothing is deleted)."""
    if not conditions:
        raise invalid("filter_required", "filter", "filter_required", resource="products")
    matched = find(store, conditions)
    if len(matched) > MAX_BATCH_DELETE:  # counted without loading them
        raise Invalid(
            "too_many_to_delete",
            (
                Problem(
                    "filter",
                    "too_many_matches",
                    {"count": len(matched), "limit": MAX_BATCH_DELETE, "resource": "products"},
                ),
            ),
        )
    ids = [product.id for product in matched]
    store.delete("products", ids)
    return ids


def ids_in_category(store: Store, category_ids: Iterable[int]) -> set[int]:
    found: set[int] = set()
    for category_id in category_ids:
        found |= store.products.lookup("categories", category_id)
    return found
