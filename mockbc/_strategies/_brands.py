"""Brand payloads: creates, updates and batches."""

from __future__ import annotations

import functools
from typing import Any

from hypothesis import strategies as st

from mockbc._strategies._core import Taken, check_overrides, check_sizes, check_store, draw_fields, made_unique, names
from mockbc._strategies._schema import body_properties, from_schema, objects, strings
from mockbc.store.store import Store

CREATE = "createBrand"
UPDATE = "updateBrand"


def _url_limit(operation_id: str) -> int:
    return int(body_properties(operation_id)["custom_url"]["properties"]["url"].get("maxLength", 1024))


@functools.lru_cache(maxsize=4)
def _static_defaults(operation_id: str) -> dict[str, st.SearchStrategy[Any]]:
    defaults: dict[str, st.SearchStrategy[Any]] = {}
    for name, schema in body_properties(operation_id).items():
        if name == "name":
            defaults[name] = names(max_size=int(schema.get("maxLength", 255)))
        elif name == "custom_url":
            url = schema["properties"]["url"]
            defaults[name] = objects(schema, overrides={"url": strings(url).filter(lambda u: not u.endswith(".html"))})
        else:
            defaults[name] = from_schema(schema, where=name)
    return defaults


def _settle(payload: dict[str, Any], taken: Taken, operation_id: str) -> dict[str, Any]:
    if isinstance(payload.get("name"), str):
        max_size = int(body_properties(operation_id)["name"].get("maxLength", 255))
        payload["name"] = made_unique(payload["name"], taken.brand_name_free, max_size=max_size)
        taken.brand_names.add(payload["name"].casefold())
    url = payload.get("custom_url")
    if isinstance(url, dict) and isinstance(url.get("url"), str):
        # Generated brand URLs end in ".html" (/brands/Name.html) and drawn ones never do.
        url["url"] = _unique_url(url["url"], taken, _url_limit(operation_id))
        taken.brand_urls.add(url["url"])
    return payload


def _unique_url(url: str, taken: Taken, max_size: int) -> str:
    """``url``, or ``url`` plus a ``/2``-style segment (the URL pattern allows it) when taken."""
    if taken.brand_url_free(url):
        return url
    base, n = url.rstrip("/"), 1
    while True:
        n += 1
        suffix = f"/{n}"
        candidate = base[: max_size - len(suffix)].rstrip("/") + suffix
        if taken.brand_url_free(candidate):
            return candidate


def draw_brand(
    draw: st.DrawFn, taken: Taken, overrides: dict[str, st.SearchStrategy[Any]], *, operation_id: str = CREATE
) -> dict[str, Any]:
    required = ("name",) if operation_id == CREATE else ()
    payload = draw_fields(draw, defaults=_static_defaults(operation_id), overrides=overrides, required=required)
    return _settle(payload, taken, operation_id)


@st.composite
def brands(draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]) -> dict[str, Any]:
    """Bodies for ``POST /v3/catalog/brands`` that the mock accepts with 200.

    ``name`` is unique (case-insensitively) against ``store`` when given, and an explicit
    ``custom_url`` is one no brand uses. Overrides work as in ``products()``.

    >>> brands(store=store, name=st.just("Acme")).example()  # doctest: +SKIP
    {'name': 'Acme', 'page_title': '…'}
    """
    check_store("brands", store)
    check_overrides("brands", CREATE, overrides)
    return draw_brand(draw, Taken(store=store), overrides)


@st.composite
def brand_batches(
    draw: st.DrawFn,
    /,
    *,
    store: Store | None = None,
    min_size: int = 1,
    max_size: int = 10,
    **overrides: st.SearchStrategy[Any],
) -> list[dict[str, Any]]:
    """Lists of ``brands()`` bodies, unique among themselves too (POST them one by one)."""
    check_store("brand_batches", store)
    check_sizes("brand_batches", min_size, max_size)
    check_overrides("brand_batches", CREATE, overrides)
    taken = Taken(store=store)
    return [draw_brand(draw, taken, overrides) for _ in range(draw(st.integers(min_size, max_size)))]


@st.composite
def brand_updates(
    draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]
) -> dict[str, Any]:
    """Bodies for ``PUT /v3/catalog/brands/{id}`` that the mock accepts for any existing brand.

    A new ``name`` or ``custom_url`` avoids every one in ``store``, the target's own included.
    """
    check_store("brand_updates", store)
    check_overrides("brand_updates", UPDATE, overrides)
    return draw_brand(draw, Taken(store=store), overrides, operation_id=UPDATE)
