"""Product images on the v3 wire, a product's ``images`` and ``primary_image``, and the image
endpoints of categories and brands.

An image's four sized URLs are its ``image_url`` (an uploaded file's is the mock's own URL of
it) with the size as the fragment: ``…/mug.jpg#zoom``, ``#standard``, ``#thumbnail``,
``#tiny`` (decision, README). Each is distinct, as BigCommerce's CDN URLs are, and each
fetches the original, since a fragment never reaches the server.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from typing import Any
from urllib.parse import urlsplit

from mockbc.domain import errors as e
from mockbc.domain.images import SORT_ORDER_MAX, SORT_ORDER_MIN, WRITABLE_FIELDS, ProductImage
from mockbc.domain.products import Product
from mockbc.domain.query import Page
from mockbc.presentation import v3, words
from mockbc.presentation.call import Call, Rendered
from mockbc.presentation.v3 import Item, Parse, View, cached
from mockbc.presentation.wire import iso, select_fields
from mockbc.services import images as service

SIZES = ("zoom", "standard", "thumbnail", "tiny")
_INTEGER = re.compile(r"-?[0-9]{1,19}")
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
# Multipart fields upstream lists that the store sets itself: accepted and ignored, as in JSON bodies.
_FORM_READ_ONLY = frozenset({"product_id", "date_modified"})


def sized(url: str, size: str) -> str:
    return f"{url.split('#', 1)[0]}#{size}"


def file_name(url: str) -> str:
    """``image_file`` of a primary image: the last segment of the image's URL path."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return ""
    return path.rstrip("/").rsplit("/", 1)[-1]


def to_v3(image: ProductImage) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": image.id,
        "product_id": image.product_id,
        "is_thumbnail": image.is_thumbnail,
        "sort_order": image.sort_order,
        "description": image.description,
        "image_url": image.image_url,
    }
    for size in SIZES:
        out[f"url_{size}"] = sized(image.image_url, size)
    out["date_modified"] = iso(image.date_modified)
    return out


def primary_to_v3(image: ProductImage) -> dict[str, Any]:
    """A product's ``primary_image``, whose schema (upstream ``primaryImage_Full``) also names
    the file."""
    return {**to_v3(image), "image_file": file_name(image.image_url)}


def item_v3(image: ProductImage, call: Call) -> dict[str, Any]:
    return select_fields(
        cached(call, "product_image.v3", image, to_v3),
        call.query.get("include_fields"),
        call.query.get("exclude_fields"),
    )


def changes_from_v3(body: Mapping[str, Any]) -> dict[str, Any]:
    """The writable fields of a validated JSON body; read-only ones (``id``, ``url_*``...) are ignored."""
    return {name: value for name, value in body.items() if name in WRITABLE_FIELDS and value is not None}


def changes_from_form(fields: Mapping[str, str], files: Collection[str], *, file_required: bool) -> dict[str, Any]:
    """The text fields of a ``multipart/form-data`` image body, typed. The file itself is
    ``image_file``; a URL comes in a JSON body only (upstream createProductImage answers a form
    without a file with 422 "image_url must be present if uploading by url")."""
    if file_required and "image_file" not in files:
        raise e.invalid("image_url_required", "image_file", "missing")
    problems: list[e.Problem] = [e.Problem(name, "unknown_field") for name in files if name != "image_file"]
    changes: dict[str, Any] = {}
    for name, raw in fields.items():
        if name == "is_thumbnail":
            flag = _BOOLEANS.get(raw.strip().lower())
            if flag is None:
                problems.append(e.Problem(name, "not_boolean", {"raw": raw}))
            else:
                changes[name] = flag
        elif name == "sort_order":
            if not _INTEGER.fullmatch(raw.strip()):
                problems.append(e.Problem(name, "not_integer", {"raw": raw}))
            elif int(raw) < SORT_ORDER_MIN:
                problems.append(e.Problem(name, "minimum", {"limit": SORT_ORDER_MIN}))
            elif int(raw) > SORT_ORDER_MAX:
                problems.append(e.Problem(name, "maximum", {"limit": SORT_ORDER_MAX}))
            else:
                changes[name] = int(raw)
        elif name == "description":
            changes[name] = raw
        elif name == "image_url":
            problems.append(e.Problem(name, "url_in_form"))
        elif name not in _FORM_READ_ONLY:
            problems.append(e.Problem(name, "unknown_field"))
    if problems:
        raise e.Invalid("payload", tuple(problems))
    return changes


def check_file_form(fields: Mapping[str, str], files: Collection[str]) -> None:
    """A category or brand image body: one ``image_file`` and nothing else (upstream
    createCategoryImage, createBrandImage)."""
    problems = [e.Problem(name, "unknown_field") for name in (*fields, *files) if name != "image_file"]
    if "image_file" not in files:
        problems.insert(0, e.Problem("image_file", "missing"))
    if problems:
        raise e.Invalid("payload", tuple(problems))


class ImageView(View):
    """The v3 view of an image endpoint: ``empty_204`` answers a list with nothing in it 204
    with no body (upstream getProductImages), and a body of the wrong type is told which types
    the endpoint takes (``media``, a title kind of ``words``)."""

    def __init__(
        self, name: str, item: Item, parse_body: Parse | None = None, *, media: str, empty_204: bool = False,
        whole: Callable[[Any], dict[str, Any]] | None = None, shaping: frozenset[str] = frozenset(),
    ) -> None:  # fmt: skip
        super().__init__(name, item, parse_body, whole=whole, shaping=shaping)
        self.media = media
        self.empty_204 = empty_204

    def render(self, result: object, call: Call, status: int) -> Rendered:
        if self.empty_204 and isinstance(result, Page) and result.total == 0:
            return Rendered(204)
        return super().render(result, call, status)

    def error(self, err: e.DomainError) -> tuple[int, object]:
        if isinstance(err, e.UnsupportedMediaType):
            return 415, v3.body(415, words.title(self.media))
        return super().error(err)


VIEW_V3 = ImageView(
    "product_image.v3", item_v3, changes_from_v3, media="json_or_multipart", empty_204=True, whole=to_v3,
    shaping=frozenset({"include_fields", "exclude_fields"}),
)  # fmt: skip


def _image_url_only(record: Any, call: Call) -> dict[str, Any]:
    return {"image_url": record.image_url}


# createCategoryImage / createBrandImage answer {data: {image_url}}.
RECORD_IMAGE_VIEW = ImageView("record_image.v3", _image_url_only, media="multipart_only")


def _images_include(product: Product, call: Call) -> list[dict[str, Any]]:
    return [cached(call, "product_image.v3", image, to_v3) for image in service.images_of(call.store, product.id)]


def _primary_image_include(product: Product, call: Call) -> dict[str, Any] | None:
    # The thumbnail; a product without one has no primary_image, which upstream types as a
    # non-null object, so it is left out.
    thumbnail = service.thumbnail_of(call.store, product.id)
    return None if thumbnail is None else primary_to_v3(thumbnail)


def _inline_item(item: Mapping[str, Any]) -> dict[str, Any]:
    changes = changes_from_v3(item)
    if item.get("id") is not None:
        changes["id"] = item["id"]
    return changes


PRODUCT_INCLUDES = {"images": _images_include, "primary_image": _primary_image_include}
PRODUCT_INLINE_V3 = {"images": _inline_item}
