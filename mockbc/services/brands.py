"""Create, change and delete brands (BC_FACTS §3.4)."""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from dataclasses import replace
from typing import Any

from mockbc.domain.brands import MAX_BRANDS_PER_STORE, Brand
from mockbc.domain.errors import Conflict, LimitExceeded, NotFound
from mockbc.domain.records import CustomUrl
from mockbc.store.store import Store

_URL_UNSAFE = re.compile(r"[^A-Za-z0-9]+")


def default_url(name: str, taken: Container[str] = ()) -> CustomUrl:
    """``/brands/Name-With-Dashes.html``, made unique with ``-2``, ``-3``... and kept short
    enough for custom_url.url's limits so a brand's body can be PUT back."""
    slug = (_URL_UNSAFE.sub("-", name).strip("-") or "brand")[:200]
    url, n = f"/brands/{slug}.html", 1
    while url in taken:
        n += 1
        url = f"/brands/{slug}-{n}.html"
    return CustomUrl(url=url)


def get(store: Store, brand_id: int) -> Brand:
    brand = store.brands.get(brand_id)
    if brand is None:
        raise NotFound("brand", brand_id)
    return brand


def _check_name(store: Store, name: str, own_id: int | None) -> None:
    owner = store.brand_names.get(name.casefold())
    if owner is not None and owner != own_id:
        raise Conflict({"name": f"A brand named '{name}' already exists."}, title="The brand name is a duplicate.")


def _check_url(store: Store, url: CustomUrl, own_id: int | None) -> None:
    for brand in store.brands.values():
        if brand.id != own_id and brand.custom_url.url == url.url:
            raise Conflict({"custom_url": f"The URL '{url.url}' is already in use."}, title="The custom URL is a duplicate.")


def create(store: Store, changes: Mapping[str, Any]) -> Brand:
    fields = dict(changes)
    if len(store.brands) >= MAX_BRANDS_PER_STORE:
        raise LimitExceeded({"name": f"A store can have at most {MAX_BRANDS_PER_STORE} brands."}, title="The brand limit has been reached.")
    _check_name(store, fields["name"], None)
    url = fields.pop("custom_url", None)
    if url is None:
        url = default_url(fields["name"], {b.custom_url.url for b in store.brands.values()})
    else:
        _check_url(store, url, None)
    brand = Brand(id=store.brand_ids.take(), custom_url=url, **fields)
    store.brands.put(brand.id, brand)
    store.brand_names.put(brand.name.casefold(), brand.id)
    return brand


def update(store: Store, brand_id: int, changes: Mapping[str, Any]) -> Brand:
    brand = get(store, brand_id)
    if "name" in changes:
        _check_name(store, changes["name"], brand.id)
    if "custom_url" in changes:
        _check_url(store, changes["custom_url"], brand.id)
    updated = replace(brand, **changes)
    store.brand_names.delete(brand.name.casefold())
    store.brand_names.put(updated.name.casefold(), updated.id)
    store.brands.put(updated.id, updated)
    return updated


def delete(store: Store, brand_id: int) -> bool:
    brand = store.brands.get(brand_id)
    if brand is None:
        return False
    store.brand_names.delete(brand.name.casefold())
    store.brands.delete(brand_id)
    # Products keep existing without a brand, as in the control panel.
    for product in list(store.products.values()):
        if product.brand_id == brand_id:
            store.products.put(product.id, replace(product, brand_id=0))
    return True
