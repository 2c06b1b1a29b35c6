"""v2 payloads: products, categories and brands in the legacy API's dress (specs/v2_*.yml,
after the archived v2 catalog guides).

What the v2 schemas leave open and the v2 API still reads: money, weights and dimensions are
decimal strings (``"12.5000"``) or numbers; ``preorder_release_date`` is an RFC 2822 (or ISO
8601) date; ``related_products`` is ``"-1"`` or a comma-separated list of product ids;
``custom_url`` and a category's ``url`` are non-empty paths. The same store rules as v3 apply:
unique names and SKUs, references to records that exist.
"""

from __future__ import annotations

import email.utils
import functools
from datetime import UTC, datetime
from typing import Any

from hypothesis import strategies as st

from mockbc._strategies import _categories
from mockbc._strategies._core import (
    Taken,
    check_overrides,
    check_store,
    draw_fields,
    made_unique,
    names,
    not_generated_url,
)
from mockbc._strategies._schema import date_times, from_schema, operation, texts
from mockbc.store.store import Store

PRODUCT_CREATE, PRODUCT_UPDATE = "createProduct", "updateProduct"
CATEGORY_CREATE, CATEGORY_UPDATE = "createCategory", "updateCategory"
BRAND_CREATE, BRAND_UPDATE = "createBrand", "updateBrand"
DECIMALS = (
    "price", "cost_price", "retail_price", "sale_price", "weight", "width", "height", "depth",
    "fixed_cost_shipping_price",
)  # fmt: skip
MAX_URL = 255
MAX_CATEGORY_PARENTS = 7  # the archived v2 categories guide: a parent chain longer than 7 is refused


def v2_properties(operation_id: str) -> dict[str, Any]:
    schema = operation(operation_id, "v2").body_schema or {}
    return {name: sub for name, sub in schema.get("properties", {}).items() if not sub.get("readOnly")}


def decimals() -> st.SearchStrategy[Any]:
    """A v2 decimal: mostly a string with four places, as v2 answers them, sometimes two
    places or a JSON number, as clients send them."""
    ten_thousandths = st.integers(0, 10**10)
    return st.one_of(
        ten_thousandths.map(lambda n: f"{n // 10000}.{n % 10000:04d}"),
        st.integers(0, 10**8).map(lambda c: f"{c // 100}.{c % 100:02d}"),
        st.integers(0, 10**6),
        st.integers(0, 10**8).map(lambda c: c / 100),
    )


def rfc2822_dates() -> st.SearchStrategy[str]:
    moments = st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2100, 12, 31), timezones=st.just(UTC))
    return moments.map(lambda m: email.utils.format_datetime(m.replace(microsecond=0)))


def _related(store: Store | None) -> st.SearchStrategy[str]:
    ids = [p.id for p in store.products.values()] if store is not None else []
    listed = st.lists(st.sampled_from(ids), min_size=1, max_size=4, unique=True) if ids else st.nothing()
    return st.just("-1") | listed.map(lambda found: ",".join(map(str, found)))


def urls(max_size: int = MAX_URL) -> st.SearchStrategy[str]:
    return texts(min_size=1, max_size=max_size).map(lambda u: not_generated_url(u, max_size=max_size))


@functools.lru_cache(maxsize=8)
def formats(operation_id: str) -> dict[str, st.SearchStrategy[Any]]:
    """Strategies for the v2 fields whose format the schema leaves open, by operation."""
    properties = v2_properties(operation_id)
    out: dict[str, st.SearchStrategy[Any]] = {}
    for name in properties:
        if name in DECIMALS:
            out[name] = decimals()
        elif name == "preorder_release_date":
            out[name] = st.one_of(st.none(), st.just(""), rfc2822_dates(), date_times(lowercase=False))
        elif name == "related_products":
            out[name] = st.just("-1")
        elif name in ("custom_url", "url"):
            out[name] = urls(int(properties[name].get("maxLength", MAX_URL)))
        elif name == "name":
            out[name] = names(max_size=int(properties[name].get("maxLength", 250)))
        elif name == "sku":
            out[name] = texts(max_size=int(properties[name].get("maxLength", 255)))
    return out


@functools.lru_cache(maxsize=8)
def _defaults(operation_id: str) -> dict[str, st.SearchStrategy[Any]]:
    shaped = formats(operation_id)
    return {
        name: shaped[name] if name in shaped else from_schema(schema, where=name)
        for name, schema in v2_properties(operation_id).items()
    }


# ---------------------------------------------------------------- settling against a store


def settle_product(
    draw: st.DrawFn, body: dict[str, Any], taken: Taken, store: Store | None, *, keep: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """Unique name, SKU and URL (against ``store`` and ``taken``), existing references; the
    references in ``keep`` (overridden fields) are left as drawn."""
    if isinstance(body.get("name"), str):
        body["name"] = made_unique(body["name"], taken.product_name_free, max_size=250)
        taken.product_names.add(body["name"].casefold())
    if isinstance(body.get("sku"), str) and body["sku"]:
        body["sku"] = made_unique(body["sku"], taken.sku_free, max_size=255, separator="-")
        taken.skus.add(body["sku"].casefold())
    if isinstance(body.get("custom_url"), str):
        body["custom_url"] = made_unique(body["custom_url"], taken.product_url_free, max_size=MAX_URL, separator="_")
        taken.product_urls.add(body["custom_url"])
    if "categories" in body and "categories" not in keep:
        ids = [c.id for c in store.categories.values()] if store is not None else []
        body["categories"] = draw(st.lists(st.sampled_from(ids), unique=True, max_size=5)) if ids else []
    if "brand_id" in body and "brand_id" not in keep:
        body["brand_id"] = draw(st.sampled_from([0, *(b.id for b in store.brands.values())])) if store else 0
    if "related_products" in body and "related_products" not in keep:
        body["related_products"] = draw(_related(store))
    return body


def settle_category(
    draw: st.DrawFn,
    body: dict[str, Any],
    taken: Taken,
    store: Store | None,
    *,
    create: bool,
    keep: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """A parent of the default tree shallow enough for a child, a name unique among its
    siblings (on an update, among every category), an unused URL. An update never moves the
    category (a move must respect its own subtree, which the draw cannot see)."""
    parent_id: int | None = None
    if create and "parent_id" not in keep:
        levels = _categories._levels(store)
        parents = [
            c.id
            for c in (store.categories.values() if store is not None else ())
            if c.tree_id == _categories.DEFAULT_TREE_ID and levels.get(c.id, 99) <= MAX_CATEGORY_PARENTS
        ]
        body["parent_id"] = draw(st.sampled_from([0, *parents]))
    elif not create and "parent_id" not in keep:
        body.pop("parent_id", None)
    if create and isinstance(body.get("parent_id"), int):
        parent_id = body["parent_id"]
    if isinstance(body.get("name"), str):
        if parent_id is None:
            body["name"] = made_unique(body["name"], taken.category_name_free, max_size=50)
            taken.category_names.add(body["name"].casefold())
        else:
            tree, parent = _categories.DEFAULT_TREE_ID, parent_id
            body["name"] = made_unique(body["name"], lambda n: taken.sibling_name_free(n, tree, parent), max_size=50)
            taken.sibling_names.setdefault((tree, parent), set()).add(body["name"].casefold())
    if isinstance(body.get("url"), str):
        body["url"] = made_unique(body["url"], taken.category_url_free, max_size=MAX_URL, separator="_")
        taken.category_urls.add(body["url"])
    return body


def settle_brand(body: dict[str, Any], taken: Taken) -> dict[str, Any]:
    if isinstance(body.get("name"), str):
        body["name"] = made_unique(body["name"], taken.brand_name_free, max_size=255)
        taken.brand_names.add(body["name"].casefold())
    return body


def draw_v2(
    draw: st.DrawFn, operation_id: str, overrides: dict[str, st.SearchStrategy[Any]], *, required: tuple[str, ...] = ()
) -> dict[str, Any]:
    return draw_fields(draw, defaults=_defaults(operation_id), overrides=overrides, required=required)


# ---------------------------------------------------------------- public strategies


@st.composite
def v2_products(
    draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]
) -> dict[str, Any]:
    """Bodies for ``POST /v2/products`` that the mock accepts with 201.

    The required ``name``, ``type``, ``price``, ``weight``, ``categories`` and
    ``availability``, and a random subset of the other v2 fields. Money, weights and
    dimensions are v2 decimal strings (``"12.5000"``) or numbers; ``inventory_tracking`` says
    ``simple``/``sku``; ``custom_url`` is a string; dates are RFC 2822. With ``store``, the name,
    SKU and URL are unique and ``categories``, ``brand_id`` and ``related_products`` name
    existing records; without one, ``categories`` is ``[]`` and ``brand_id`` 0. Read-only
    fields (which v2 refuses with 400) are never drawn. Overrides work as in ``products()``.

    A product created so reads back through v3 (``GET /v3/catalog/products/{id}``) with the
    same values, as numbers.
    """
    check_store("v2_products", store)
    check_overrides_v2("v2_products", PRODUCT_CREATE, overrides)
    required = ("name", "type", "price", "weight", "categories", "availability")
    body = draw_v2(draw, PRODUCT_CREATE, overrides, required=required)
    return settle_product(draw, body, Taken(store=store), store, keep=frozenset(overrides))


@st.composite
def v2_categories(
    draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]
) -> dict[str, Any]:
    """Bodies for ``POST /v2/categories`` (201): a ``name`` unique among its siblings, a
    ``parent_id`` of 0 or (given ``store``) a category of the default tree shallow enough that
    the new category has at most seven ancestors, an unused ``url``, and ``meta_keywords`` as one
    comma-separated string."""
    check_store("v2_categories", store)
    check_overrides_v2("v2_categories", CATEGORY_CREATE, overrides)
    body = draw_v2(draw, CATEGORY_CREATE, overrides, required=("name", "parent_id"))
    return settle_category(draw, body, Taken(store=store), store, create=True, keep=frozenset(overrides))


@st.composite
def v2_brands(draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]) -> dict[str, Any]:
    """Bodies for ``POST /v2/brands`` (201): a ``name`` no brand has (ignoring case), and now
    and then a page title, keywords (one comma-separated string) and an image file name."""
    check_store("v2_brands", store)
    check_overrides_v2("v2_brands", BRAND_CREATE, overrides)
    body = draw_v2(draw, BRAND_CREATE, overrides, required=("name",))
    return settle_brand(body, Taken(store=store))


def check_overrides_v2(function: str, operation_id: str, overrides: dict[str, Any]) -> None:
    """As ``check_overrides``, against the v2 operation's body."""
    check_overrides(function, operation_id, overrides, known=v2_properties(operation_id))
