"""Create, change, find and delete brands (upstream brands_catalog.v3.yml)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockbc.domain.brands import MAX_BRANDS_PER_STORE, Brand
from mockbc.domain.errors import NotFound, conflict, limit_exceeded
from mockbc.domain.query import Condition, Filter
from mockbc.domain.records import CustomUrl
from mockbc.store.select import Rows, select
from mockbc.store.store import Store

_URL_UNSAFE = re.compile(r"[^A-Za-z0-9]+")


def _casefold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


FILTERS = {
    "id": Filter(get=lambda b: b.id, primary=True),
    "name": Filter(get=lambda b: b.name, index="name", normalise=_casefold),
    "page_title": Filter(get=lambda b: b.page_title),
}


def default_url(store: Store, name: str) -> CustomUrl:
    """``/brands/Name-With-Dashes.html``, made unique with ``-2``, ``-3``... and kept short
    enough for custom_url.url's limits so a brand's body can be PUT back."""
    slug = (_URL_UNSAFE.sub("-", name).strip("-") or "brand")[:200]
    url, n = f"/brands/{slug}.html", 1
    while store.brands.unique("url", url) is not None:
        n += 1
        url = f"/brands/{slug}-{n}.html"
    return CustomUrl(url=url)


def get(store: Store, brand_id: int) -> Brand:
    brand: Brand | None = store.brands.get(brand_id)
    if brand is None:
        raise NotFound("brand", brand_id)
    return brand


def find(store: Store, conditions: Sequence[Condition]) -> Rows:
    return select(store.brands, conditions, FILTERS, context=store)


def _check_name(store: Store, name: str, own_id: int | None) -> None:
    owner = store.brands.unique("name", name.casefold())
    if owner is not None and owner != own_id:
        raise conflict("brand_name_taken", "name", "brand_name_taken", value=name)


def _check_url(store: Store, url: CustomUrl, own_id: int | None) -> None:
    owner = store.brands.unique("url", url.url)
    if owner is not None and owner != own_id:
        raise conflict("url_taken", "custom_url", "url_taken", value=url.url)


def create(store: Store, changes: Mapping[str, Any], *, brand_id: int | None = None) -> Brand:
    """A new brand; ``brand_id`` is for fixtures, the API lets the store choose."""
    fields = dict(changes)
    if len(store.brands) >= MAX_BRANDS_PER_STORE:
        raise limit_exceeded("brand_limit", "name", "store_limit", limit=MAX_BRANDS_PER_STORE, resource="brands")
    if brand_id is not None and store.brands.get(brand_id) is not None:
        raise conflict("id_taken", "id", "id_taken", id=brand_id)
    _check_name(store, fields["name"], None)
    url = fields.pop("custom_url", None)
    if url is None:
        url = default_url(store, fields["name"])
    else:
        _check_url(store, url, None)
    if brand_id is None:
        brand_id = store.next_id("brands")
    else:
        store.sequence("brands").claim(brand_id)
    brand = Brand(id=brand_id, custom_url=url, **fields)
    store.brands.put(brand.id, brand)
    store.emit("brand", "created", brand.id)
    return brand


def update(store: Store, brand_id: int, changes: Mapping[str, Any]) -> Brand:
    brand = get(store, brand_id)
    if "name" in changes:
        _check_name(store, changes["name"], brand.id)
    if "custom_url" in changes:
        _check_url(store, changes["custom_url"], brand.id)
    updated = replace(brand, **changes)
    store.brands.put(updated.id, updated)
    store.emit("brand", "updated", updated.id)
    return updated


def delete(store: Store, brand_ids: Sequence[int]) -> list[int]:
    """Delete brands; their products stay, without a brand. Returns the ids deleted."""
    return sorted(store.delete("brands", brand_ids).get("brands", ()))
