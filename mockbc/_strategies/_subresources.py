"""A product's simple sub-resources: images (by URL), videos, custom fields, bulk pricing rules
and reviews, as bodies of their own operations and as the inline items of a product body.

What a schema cannot say, drawn here: an image URL is absolute http(s) (the mock never fetches
it); a video id is YouTube's alphabet; a custom field's name-value pair is unique within its
product; bulk pricing rules of a product never share a quantity, a ``quantity_max`` exceeds
its ``quantity_min`` unless it is 0 (no upper bound), and a ``fixed`` rule starts at 2 or more.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from typing import Any

from hypothesis import provisional
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from mockbc._strategies._core import (
    OMIT,
    apply_overrides,
    check_overrides,
    check_sizes,
    check_store,
    draw_fields,
    made_unique,
    names,
)
from mockbc._strategies._schema import PRINTABLE, body_properties, from_schema, texts
from mockbc.store.store import Store

IMAGE_CREATE, IMAGE_UPDATE = "createProductImage", "updateProductImage"
VIDEO_CREATE, VIDEO_UPDATE = "createProductVideo", "updateProductVideo"
CUSTOM_FIELD_CREATE, CUSTOM_FIELD_UPDATE = "createProductCustomField", "updateProductCustomField"
BULK_CREATE, BULK_UPDATE = "createBulkPricingRule", "updateBulkPricingRule"
REVIEW_CREATE, REVIEW_UPDATE = "createProductReview", "updateProductReview"

# What the mock checks beyond the schema (services/images.py, services/videos.py).
MAX_IMAGE_URL = 255
MAX_VIDEO_ID = 25
MIN_FIXED_QUANTITY = 2  # upstream bulkPricingRule_Response: a fixed rule starts at two or more
MAX_INLINE_DRAWN = 3
# Quantities stay where a tier makes sense; a gap this wide holds any drawn rule.
QUANTITY_SPAN = 1000

Range = tuple[int, float]  # an inclusive quantity range; ``math.inf`` above an unbounded rule


# ---------------------------------------------------------------- URLs and ids


_SEGMENT = st.text(
    st.characters(categories=("L", "N"), codec="utf-8") | st.sampled_from("-._~%"), min_size=1, max_size=16
)
_HOSTS = st.one_of(
    provisional.domains(max_length=40),
    st.sampled_from(["cdn.example.com", "127.0.0.1", "[::1]", "images.example.org:8443", "xn--bcher-kva.example"]),
)


@st.composite
def image_urls(draw: st.DrawFn, *, max_size: int = MAX_IMAGE_URL) -> str:
    """Absolute http(s) URLs of at most ``max_size`` characters, without whitespace: what the
    mock takes as an ``image_url`` (it never fetches one)."""
    scheme = draw(st.sampled_from(["https", "http", "HTTPS"]))
    host = draw(_HOSTS)
    path = "/".join(draw(st.lists(_SEGMENT, max_size=4)))
    extension = draw(st.sampled_from(["", ".png", ".jpg", ".jpeg", ".gif", ".webp"]))
    query = draw(st.sampled_from(["", "", "?v=2", "?w=300&h=300"]))
    url = f"{scheme}://{host}/{path}{extension}{query}"
    return url[:max_size]


def video_ids() -> st.SearchStrategy[str]:
    """YouTube video ids: 1 to 25 of ``A-Z a-z 0-9 _ -`` (usually 11, as YouTube's are)."""
    return st.from_regex(r"\A[A-Za-z0-9_-]{11}\Z") | st.from_regex(rf"\A[A-Za-z0-9_-]{{1,{MAX_VIDEO_ID}}}\Z")


def emails() -> st.SearchStrategy[str]:
    """A reviewer's email: a valid address, or empty (upstream: "a valid email, or an empty string")."""
    return st.just("") | st.emails().filter(lambda e: len(e) <= 255)


# ---------------------------------------------------------------- bulk pricing ranges


def upper(quantity_max: int) -> float:
    return math.inf if quantity_max == 0 else quantity_max


def covered_ranges(store: Store | None, product_id: int | None) -> list[Range]:
    """The quantities the stored rules cover: of one product, or (``product_id`` None) of every
    product, so that a rule drawn outside them fits whichever product it is sent to."""
    if store is None:
        return []
    table = store.bulk_pricing_rules
    rules = table.many(table.lookup("product_id", product_id)) if product_id is not None else table.values()
    return [(rule.quantity_min, upper(rule.quantity_max)) for rule in rules]


def free_gaps(covered: Iterable[Range], *, low: int = 0) -> list[tuple[int, float]]:
    """The quantity ranges at or above ``low`` no covered range touches, each wide enough for a
    rule (a finite one needs two quantities: its ``quantity_max`` exceeds its ``quantity_min``)."""
    gaps: list[tuple[int, float]] = []
    cursor: float = low
    for start, end in sorted(covered):
        if start > cursor:
            gaps.append((int(cursor), start - 1))
        cursor = max(cursor, end + 1)
        if math.isinf(cursor):
            break
    if not math.isinf(cursor):
        gaps.append((int(cursor), math.inf))
    return [(a, b) for a, b in gaps if b >= a + 1]


def _ranges(draw: st.DrawFn, covered: list[Range], *, low: int) -> tuple[int, int] | None:
    """``(quantity_min, quantity_max)`` in a free gap, or None when there is none."""
    gaps = free_gaps(covered, low=low)
    if not gaps:
        return None
    start, end = draw(st.sampled_from(gaps))
    quantity_min = draw(st.integers(start, int(min(end - 1, start + QUANTITY_SPAN))))
    if math.isinf(end) and draw(st.integers(0, 3)) == 0:
        return quantity_min, 0
    quantity_max = draw(st.integers(quantity_min + 1, int(min(end, quantity_min + QUANTITY_SPAN))))
    return quantity_min, quantity_max


AMOUNTS = st.one_of(st.integers(0, 100_000).map(lambda cents: cents / 100), st.integers(0, 500))


def draw_bulk_rule(
    draw: st.DrawFn,
    covered: list[Range],
    overrides: Mapping[str, st.SearchStrategy[Any]] | None = None,
    *,
    amount_strings: bool = False,
) -> dict[str, Any] | None:
    """One rule in a quantity range no ``covered`` range touches (``covered`` grows by it), or
    None when no range is left. Overridden fields are sent as drawn. ``amount_strings``: the
    amount is sometimes a numeric string, as upstream's single-rule body allows."""
    overrides = overrides or {}
    kind = draw(overrides["type"]) if "type" in overrides else draw(st.sampled_from(["price", "percent", "fixed"]))
    placed = _ranges(draw, covered, low=MIN_FIXED_QUANTITY if kind == "fixed" else 0)
    if placed is None and kind == "fixed" and "type" not in overrides:
        kind = "percent"
        placed = _ranges(draw, covered, low=0)
    if placed is None:
        return None
    quantity_min, quantity_max = placed
    amount: Any = draw(AMOUNTS)
    if amount_strings and draw(st.integers(0, 4)) == 0:
        amount = f"{amount:.2f}"
    rule: dict[str, Any] = {"quantity_min": quantity_min, "quantity_max": quantity_max, "type": kind, "amount": amount}
    apply_overrides(draw, rule, overrides, skip="type")
    if kind is OMIT:
        rule.pop("type")
    low, high = rule.get("quantity_min"), rule.get("quantity_max")
    if isinstance(low, int) and isinstance(high, int):
        covered.append((low, upper(high)))
    return rule


def draw_bulk_rule_list(
    draw: st.DrawFn, covered: list[Range], *, min_size: int = 0, max_size: int = MAX_INLINE_DRAWN, **kwargs: Any
) -> list[dict[str, Any]]:
    """Rules that overlap neither ``covered`` nor one another (fewer when the gaps run out)."""
    out: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(min_size, max_size))):
        rule = draw_bulk_rule(draw, covered, **kwargs)
        if rule is None:
            break
        out.append(rule)
    return out


# ---------------------------------------------------------------- custom fields


def taken_pairs(store: Store | None, product_id: int | None) -> set[tuple[str, str]]:
    """The name-value pairs in use: of one product, or of every product (``product_id`` None)."""
    if store is None:
        return set()
    table = store.custom_fields
    fields = table.many(table.lookup("product_id", product_id)) if product_id is not None else table.values()
    return {(f.name, f.value) for f in fields}


def _field_limit(operation_id: str, name: str) -> int:
    return int(body_properties(operation_id)[name].get("maxLength", 250))


def settle_pair(item: dict[str, Any], taken: set[tuple[str, str]], *, max_size: int = 250) -> None:
    """Give the item's value a numeric suffix while its name-value pair is taken, and take it."""
    name, value = item.get("name"), item.get("value")
    if not isinstance(name, str) or not isinstance(value, str):
        return
    item["value"] = made_unique(value, lambda v: (name, v) not in taken, max_size=max_size)
    taken.add((name, item["value"]))


@functools.lru_cache(maxsize=4)
def _custom_field_defaults(operation_id: str) -> dict[str, st.SearchStrategy[Any]]:
    return {
        "name": names(max_size=_field_limit(operation_id, "name")),
        "value": names(max_size=_field_limit(operation_id, "value")),
    }


def draw_custom_field(
    draw: st.DrawFn,
    taken: set[tuple[str, str]],
    overrides: Mapping[str, st.SearchStrategy[Any]] | None = None,
    *,
    operation_id: str = CUSTOM_FIELD_CREATE,
) -> dict[str, Any]:
    overrides = overrides or {}
    required = ("name", "value") if operation_id == CUSTOM_FIELD_CREATE else ()
    item = draw_fields(draw, defaults=_custom_field_defaults(operation_id), overrides=overrides, required=required)
    if operation_id == CUSTOM_FIELD_UPDATE and "value" in item and "name" not in item:
        # A changed value keeps the field's own name, which the draw does not know: the value
        # alone is made unique against every pair with any name.
        values = {value for _, value in taken}
        item["value"] = made_unique(item["value"], lambda v: v not in values, max_size=250)
        taken.add(("", item["value"]))
        return item
    if operation_id == CUSTOM_FIELD_UPDATE and "name" in item and "value" not in item:
        names_taken = {name for name, _ in taken}
        item["name"] = made_unique(item["name"], lambda n: n not in names_taken, max_size=250)
        taken.add((item["name"], ""))
        return item
    settle_pair(item, taken)
    return item


# ---------------------------------------------------------------- images, videos, reviews


@functools.lru_cache(maxsize=8)
def _image_defaults(operation_id: str) -> dict[str, st.SearchStrategy[Any]]:
    properties = body_properties(operation_id)
    out: dict[str, st.SearchStrategy[Any]] = {}
    for name, schema in properties.items():
        if name == "id":
            continue
        out[name] = image_urls() if name == "image_url" else from_schema(schema, where=name)
    return out


@functools.lru_cache(maxsize=8)
def _video_defaults(operation_id: str) -> dict[str, st.SearchStrategy[Any]]:
    out: dict[str, st.SearchStrategy[Any]] = {}
    for name, schema in body_properties(operation_id).items():
        if name == "id":
            continue
        out[name] = video_ids() if name == "video_id" else from_schema(schema, where=name)
    return out


@functools.lru_cache(maxsize=4)
def _review_defaults(operation_id: str) -> dict[str, st.SearchStrategy[Any]]:
    out: dict[str, st.SearchStrategy[Any]] = {}
    for name, schema in body_properties(operation_id).items():
        if name == "email":
            out[name] = emails()
        elif name in ("title", "name"):
            out[name] = texts(max_size=int(schema.get("maxLength", 255)), alphabet=PRINTABLE)
        else:
            out[name] = from_schema(schema, where=name)
    return out


def _item_schema(field: str, operation_id: str = "createProduct") -> dict[str, Any]:
    items: dict[str, Any] = body_properties(operation_id)[field]["items"]
    return items


@functools.lru_cache(maxsize=8)
def _inline_defaults(field: str, operation_id: str) -> dict[str, st.SearchStrategy[Any]]:
    """Strategies for the writable properties of one inline item of a product body."""
    out: dict[str, st.SearchStrategy[Any]] = {}
    for name, schema in _item_schema(field, operation_id).get("properties", {}).items():
        if name == "id" or schema.get("readOnly"):
            continue
        if name == "image_url":
            out[name] = image_urls()
        elif name == "video_id":
            out[name] = video_ids()
        else:
            out[name] = from_schema(schema, where=f"{field}.{name}")
    return out


def draw_inline(
    draw: st.DrawFn,
    field: str,
    operation_id: str,
    *,
    store: Store | None,
    product_id: int | None,
    max_size: int = MAX_INLINE_DRAWN,
) -> list[dict[str, Any]]:
    """The inline ``field`` items of a product body (``images``, ``videos``, ``custom_fields``,
    ``bulk_pricing_rules``). On a create (``operation_id`` createProduct) nothing is stored yet;
    on an update the items fit ``product_id``'s stored records, or every product's when it is None."""
    creating = operation_id == "createProduct"
    if field == "bulk_pricing_rules":
        covered = [] if creating else covered_ranges(store, product_id)
        return draw_bulk_rule_list(draw, covered, max_size=max_size)
    if field == "custom_fields":
        taken = set() if creating else taken_pairs(store, product_id)
        out = []
        for _ in range(draw(st.integers(0, max_size))):
            out.append(draw_custom_field(draw, taken))
        return out
    required = ("image_url",) if field == "images" else ("video_id",) if field == "videos" else ()
    defaults = _inline_defaults(field, operation_id)
    return [
        draw_fields(draw, defaults=defaults, overrides={}, required=required)
        for _ in range(draw(st.integers(0, max_size)))
    ]


# ---------------------------------------------------------------- public strategies


def _product_id(store: Store | None, product_id: object, function: str) -> int | None:
    if product_id is None:
        return None
    if not isinstance(product_id, int) or isinstance(product_id, bool):
        raise InvalidArgument(f"{function}(product_id={product_id!r}) must be an integer id")
    if store is not None and store.products.get(product_id) is None:
        raise InvalidArgument(f"{function}(product_id={product_id}): the store has no such product")
    return product_id


@st.composite
def product_images(
    draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]
) -> dict[str, Any]:
    """Bodies for ``POST /v3/catalog/products/{product_id}/images`` by URL, which the mock
    accepts with 200 for any product with room (at most 1,000 images).

    ``image_url`` is an absolute http(s) URL of at most 255 characters (the mock keeps it and
    never fetches it); ``is_thumbnail``, ``sort_order`` and ``description`` are drawn now and
    then. Uploads are multipart bodies, which this strategy does not draw.

    >>> product_images(is_thumbnail=st.just(True)).example()  # doctest: +SKIP
    {'image_url': 'https://cdn.example.com/a0.png', 'is_thumbnail': True}
    """
    check_store("product_images", store)
    check_overrides("product_images", IMAGE_CREATE, overrides)
    return draw_fields(draw, defaults=_image_defaults(IMAGE_CREATE), overrides=overrides, required=("image_url",))


@st.composite
def videos(draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]) -> dict[str, Any]:
    """Bodies for ``POST /v3/catalog/products/{product_id}/videos`` (200): a YouTube
    ``video_id`` and, now and then, a title, description, type and sort order."""
    check_store("videos", store)
    check_overrides("videos", VIDEO_CREATE, overrides)
    return draw_fields(draw, defaults=_video_defaults(VIDEO_CREATE), overrides=overrides, required=("video_id",))


@st.composite
def custom_fields(
    draw: st.DrawFn,
    /,
    *,
    store: Store | None = None,
    product_id: int | None = None,
    **overrides: st.SearchStrategy[Any],
) -> dict[str, Any]:
    """Bodies for ``POST /v3/catalog/products/{product_id}/custom-fields`` (200).

    The name-value pair is one ``product_id`` does not have (given ``store``); without
    ``product_id`` it is one no product has, so the body fits any product. A taken pair gets a
    numeric suffix on its value, overridden or not.
    """
    check_store("custom_fields", store)
    product_id = _product_id(store, product_id, "custom_fields")
    check_overrides("custom_fields", CUSTOM_FIELD_CREATE, overrides)
    return draw_custom_field(draw, taken_pairs(store, product_id), overrides)


@st.composite
def bulk_pricing_rules(
    draw: st.DrawFn,
    /,
    *,
    store: Store | None = None,
    product_id: int | None = None,
    **overrides: st.SearchStrategy[Any],
) -> dict[str, Any]:
    """Bodies for ``POST /v3/catalog/products/{product_id}/bulk-pricing-rules`` (200).

    The quantity range overlaps none of ``product_id``'s rules (given ``store``), or none of
    any product's without ``product_id``; ``quantity_max`` is 0 (no upper bound) or above
    ``quantity_min``, and a ``fixed`` rule starts at 2 or more. ``amount`` is a number or, now
    and then, a numeric string (upstream takes either). Overridden fields are sent as drawn.
    """
    check_store("bulk_pricing_rules", store)
    product_id = _product_id(store, product_id, "bulk_pricing_rules")
    check_overrides("bulk_pricing_rules", BULK_CREATE, overrides)
    rule = draw_bulk_rule(draw, covered_ranges(store, product_id), overrides, amount_strings=True)
    if rule is None:
        raise InvalidArgument("bulk_pricing_rules(): the product's rules cover every quantity; no rule can be added")
    return rule


@st.composite
def bulk_pricing_rule_batches(
    draw: st.DrawFn,
    /,
    *,
    store: Store | None = None,
    product_id: int | None = None,
    min_size: int = 1,
    max_size: int = 5,
    **overrides: st.SearchStrategy[Any],
) -> list[dict[str, Any]]:
    """Lists of ``bulk_pricing_rules()`` bodies that overlap neither one another nor the
    stored rules: POST them one after another, or send them as a product body's inline
    ``bulk_pricing_rules``. Fewer than ``min_size`` only when the free quantities run out."""
    check_store("bulk_pricing_rule_batches", store)
    check_sizes("bulk_pricing_rule_batches", min_size, max_size)
    product_id = _product_id(store, product_id, "bulk_pricing_rule_batches")
    check_overrides("bulk_pricing_rule_batches", BULK_CREATE, overrides)
    return draw_bulk_rule_list(
        draw, covered_ranges(store, product_id), min_size=min_size, max_size=max_size, overrides=overrides
    )


@st.composite
def reviews(draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]) -> dict[str, Any]:
    """Bodies for ``POST /v3/catalog/products/{product_id}/reviews`` (200): a ``title`` and a
    ``date_reviewed``, and now and then text, a status, a rating from 0 to 5, the reviewer's
    name and an email that is valid or empty."""
    check_store("reviews", store)
    check_overrides("reviews", REVIEW_CREATE, overrides)
    return draw_fields(
        draw, defaults=_review_defaults(REVIEW_CREATE), overrides=overrides, required=("title", "date_reviewed")
    )
