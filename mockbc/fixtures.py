"""Fixture files (``fixtures/*.json``, format ``mockbc-fixtures/1``) -> a frozen store seed.

Records use v3 field names; see fixtures/README.md. A file that breaks a store rule is
refused with the record named, so a bad seed never reaches a running store.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import orjson

from mockbc.domain.brands import Brand
from mockbc.domain.categories import Category, CategoryTree
from mockbc.domain.products import OptionValue, Product, ProductOption, Variant, VariantOptionValue
from mockbc.domain.records import CustomUrl, slugify
from mockbc.presentation import brands as brand_wire
from mockbc.presentation import categories as category_wire
from mockbc.presentation import products as product_wire
from mockbc.services.brands import default_url
from mockbc.store.store import Seed

FORMAT = "mockbc-fixtures/1"
BUILTIN = ("demo", "empty")
_EPOCH = datetime(2024, 1, 1, tzinfo=timezone.utc)


class FixtureError(ValueError):
    """A fixture file that cannot seed a store."""


def fixtures_dir() -> Path:
    return Path(__file__).resolve().parent / "fixtures_data"


def resolve(name_or_path: str) -> Path:
    if name_or_path in BUILTIN:
        return fixtures_dir() / f"{name_or_path}.json"
    path = Path(name_or_path)
    if not path.is_file():
        raise FixtureError(f"fixture file not found: {name_or_path}")
    return path


@functools.lru_cache(maxsize=16)
def _load_path(path: Path, mtime_ns: int) -> Seed:
    try:
        document = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise FixtureError(f"{path}: not valid JSON ({exc})") from None
    return build_seed(document, source=str(path))


def load_seed(name_or_path: str) -> Seed:
    """The seed for ``demo``, ``empty`` or a file path; parsed once per process and file version."""
    path = resolve(name_or_path).resolve()
    return _load_path(path, path.stat().st_mtime_ns)


def _unique(records: list[dict[str, Any]], kind: str, source: str) -> None:
    seen: set[int] = set()
    for record in records:
        rid = record.get("id")
        if not isinstance(rid, int) or rid < 1:
            raise FixtureError(f"{source}: {kind} {record.get('name', '?')!r} needs a positive integer id")
        if rid in seen:
            raise FixtureError(f"{source}: {kind} id {rid} appears twice")
        seen.add(rid)


def build_seed(document: dict[str, Any], *, source: str = "<fixture>") -> Seed:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FixtureError(f"{source}: expected an object with \"format\": \"{FORMAT}\"")
    seed = Seed()
    for raw in document.get("category_trees") or [{"id": 1, "name": "Default", "channels": [1]}]:
        seed.trees[raw["id"]] = CategoryTree(id=raw["id"], name=raw["name"], channels=tuple(raw.get("channels", ())))

    brands = document.get("brands", [])
    _unique(brands, "brand", source)
    names: set[str] = set()
    for raw in brands:
        changes = brand_wire.changes_from_v3(raw)
        if changes["name"].casefold() in names:
            raise FixtureError(f"{source}: brand name {changes['name']!r} appears twice")
        names.add(changes["name"].casefold())
        changes.setdefault("custom_url", default_url(changes["name"]))
        seed.brands[raw["id"]] = Brand(id=raw["id"], **changes)

    categories = document.get("categories", [])
    _unique(categories, "category", source)
    for raw in categories:
        changes = category_wire.changes_from_v3(raw)
        parent = changes.get("parent_id", 0)
        if parent and parent not in seed.categories:
            raise FixtureError(f"{source}: category {raw['id']} names parent {parent}, which is not listed before it")
        changes.setdefault("tree_id", seed.categories[parent].tree_id if parent else 1)
        changes.setdefault("custom_url", CustomUrl(url=f"/{slugify(changes['name'])}-{raw['id']}/"))
        seed.categories[raw["id"]] = Category(id=raw["id"], **changes)

    products = document.get("products", [])
    _unique(products, "product", source)
    skus: set[str] = set()
    product_names: set[str] = set()
    next_option_id = 1
    for raw in sorted(products, key=lambda r: r["id"]):
        changes = product_wire.changes_from_v3(raw)
        changes.pop("brand_name", None)
        key = changes.get("name", "").casefold()
        if not key or key in product_names:
            raise FixtureError(f"{source}: product {raw['id']} has a missing or duplicate name")
        product_names.add(key)
        for cid in changes.get("categories", ()):
            if cid not in seed.categories:
                raise FixtureError(f"{source}: product {raw['id']} names unknown category {cid}")
        if changes.get("brand_id") and changes["brand_id"] not in seed.brands:
            raise FixtureError(f"{source}: product {raw['id']} names unknown brand {changes['brand_id']}")
        for sku in [changes.get("sku", ""), *(v.get("sku", "") for v in raw.get("variants") or ())]:
            if sku and sku.casefold() in skus:
                raise FixtureError(f"{source}: SKU {sku!r} appears twice")
            if sku:
                skus.add(sku.casefold())
        custom_url = changes.pop("custom_url", None) or CustomUrl(url=f"/{slugify(changes['name'])}/")
        created = _date(raw.get("date_created"))
        product = Product(
            id=raw["id"], custom_url=custom_url, date_created=created,
            date_modified=_date(raw.get("date_modified")) if raw.get("date_modified") else created, **changes,
        )  # fmt: skip
        options: dict[str, ProductOption] = {}
        variant_ids: list[int] = []
        for item in raw.get("variants") or ():
            refs: list[VariantOptionValue] = []
            for pair in item.get("option_values", ()):
                name, label = pair["option_display_name"], pair["label"]
                option = options.get(name)
                if option is None:
                    option = ProductOption(id=next_option_id, product_id=product.id, display_name=name, sort_order=len(options))
                    next_option_id += 1
                value = next((v for v in option.option_values if v.label == label), None)
                if value is None:
                    value = OptionValue(id=next_option_id, label=label, sort_order=len(option.option_values))
                    next_option_id += 1
                    option = replace(option, option_values=(*option.option_values, value))
                options[name] = option
                refs.append(VariantOptionValue(id=value.id, option_id=option.id, label=label, option_display_name=name))
            fields = {k: v for k, v in item.items() if k in product_wire.VARIANT_WRITABLE}
            seed.variants[item["id"]] = Variant(
                id=item["id"], product_id=product.id, sku=item["sku"], sku_id=item["id"], option_values=tuple(refs), **fields
            )
            variant_ids.append(item["id"])
        for option in options.values():
            seed.options[option.id] = option
        product = replace(
            product,
            variant_ids=tuple(variant_ids),
            option_ids=tuple(o.id for o in options.values()),
            base_variant_id=None if options else (variant_ids[0] if variant_ids else None),
        )
        seed.products[product.id] = product
    _add_base_variants(seed)
    return seed


def _add_base_variants(seed: Seed) -> None:
    """Simple products get their one base variant, with ids after every listed variant."""
    next_id = max(seed.variants, default=0) + 1
    for product in list(seed.products.values()):
        if product.variant_ids:
            continue
        seed.variants[next_id] = Variant(
            id=next_id, product_id=product.id, sku=product.sku,
            inventory_level=product.inventory_level, inventory_warning_level=product.inventory_warning_level,
        )  # fmt: skip
        seed.products[product.id] = replace(product, variant_ids=(next_id,), base_variant_id=next_id)
        next_id += 1


def _date(raw: str | None) -> datetime:
    if not raw:
        return _EPOCH
    return datetime.fromisoformat(raw.replace("Z", "+00:00"))
