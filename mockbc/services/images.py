"""Create, change, find and delete a product's images (upstream products_catalog.v3.yml), and
set or clear the image of a category or a brand (categories_catalog.v3.yml, brands_catalog.v3.yml).

An image comes by URL, which the mock keeps and never fetches, or as an uploaded file
(``FileInput``), which ``services.uploads`` keeps and the mock serves at the URL ``url_of``
gives. A product has at most one thumbnail: marking one clears the others. ``changes`` use the
record's field names. Every check runs before the first write, the upload included, so a call
that raises leaves the store as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from mockbc.domain.brands import Brand
from mockbc.domain.categories import DEFAULT_TREE_ID, Category
from mockbc.domain.errors import NotFound, invalid
from mockbc.domain.images import MAX_IMAGE_URL, MAX_IMAGES_PER_PRODUCT, WRITABLE_FIELDS, ProductImage, display_order
from mockbc.domain.products import Product
from mockbc.domain.uploads import Upload
from mockbc.services import brands as brand_service
from mockbc.services import categories as category_service
from mockbc.services import products as product_service
from mockbc.services import uploads
from mockbc.services.products import Inline
from mockbc.store.store import Store

RESOURCE = "product/image"
UrlOf = Callable[[Upload], str]


@dataclass(frozen=True, slots=True)
class FileInput:
    """An image file as a request carried it."""

    data: bytes
    filename: str


# --------------------------------------------------------------------------- reading


def images_of(store: Store, product_id: int) -> list[ProductImage]:
    """A product's images, as they are listed (``display_order``)."""
    table = store.product_images
    found: list[ProductImage] = table.many(table.lookup("product_id", product_id))
    return sorted(found, key=display_order)


def list_for(store: Store, product_id: int) -> list[ProductImage]:
    product_service.get(store, product_id)
    return images_of(store, product_id)


def get(store: Store, product_id: int, image_id: int) -> ProductImage:
    product_service.get(store, product_id)
    image: ProductImage | None = store.product_images.get(image_id)
    if image is None or image.product_id != product_id:
        raise NotFound("product image", image_id)
    return image


def thumbnail_of(store: Store, product_id: int) -> ProductImage | None:
    image_id = store.product_images.unique("thumbnail", product_id)
    if image_id is None:
        return None
    image: ProductImage = store.product_images.require(image_id)
    return image


# --------------------------------------------------------------------------- checks


def check_url(url: str, field: str = "image_url") -> None:
    """An ``image_url`` must be an absolute http(s) URL of at most 255 characters (upstream
    createProductImage); the mock never fetches it."""
    if len(url) > MAX_IMAGE_URL:
        raise invalid("payload", field, "max_length", limit=MAX_IMAGE_URL)
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed IPv6 host, for one
        raise invalid("payload", field, "not_a_url") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or any(c.isspace() for c in url):
        raise invalid("payload", field, "not_a_url")


def _check_room(store: Store, product_id: int | None, adding: int, field: str) -> None:
    have = 0 if product_id is None else len(store.product_images.lookup("product_id", product_id))
    if have + adding > MAX_IMAGES_PER_PRODUCT:
        raise invalid("image_limit", field, "too_many_images", limit=MAX_IMAGES_PER_PRODUCT)


# --------------------------------------------------------------------------- writing


def _clear_thumbnail(store: Store, product_id: int, keep: int | None) -> None:
    current = thumbnail_of(store, product_id)
    if current is not None and current.id != keep:
        store.product_images.put(current.id, replace(current, is_thumbnail=False, date_modified=store.clock.now()))
        store.emit(RESOURCE, "updated", current.id)


def _add(store: Store, product_id: int, changes: Mapping[str, Any]) -> ProductImage:
    fields = {name: value for name, value in changes.items() if name in WRITABLE_FIELDS}
    thumbnail = fields.pop("is_thumbnail", None)
    if thumbnail is None:
        # A product's only image is its thumbnail (BigCommerce's catalog course): an image added
        # to a product without one becomes it, unless the request says is_thumbnail: false.
        thumbnail = thumbnail_of(store, product_id) is None
    if thumbnail:
        _clear_thumbnail(store, product_id, None)
    image = ProductImage(
        id=store.next_id("product_images"), product_id=product_id, date_modified=store.clock.now(),
        is_thumbnail=bool(thumbnail), **fields,
    )  # fmt: skip
    store.product_images.put(image.id, image)
    store.emit(RESOURCE, "created", image.id)
    return image


def _change(store: Store, image: ProductImage, changes: Mapping[str, Any]) -> ProductImage:
    fields = {name: value for name, value in changes.items() if name in WRITABLE_FIELDS}
    if fields.get("is_thumbnail"):
        _clear_thumbnail(store, image.product_id, image.id)
    updated = replace(image, **fields, date_modified=store.clock.now())
    store.product_images.put(updated.id, updated)
    store.emit(RESOURCE, "updated", updated.id)
    return updated


def create(
    store: Store, product_id: int, changes: Mapping[str, Any], *, file: FileInput | None = None,
    url_of: UrlOf | None = None,
) -> ProductImage:  # fmt: skip
    """One new image, by ``changes["image_url"]`` or by ``file`` (whose URL ``url_of`` gives)."""
    product_service.get(store, product_id)
    if file is None:
        url = changes.get("image_url") or ""
        if not url:
            # Upstream createProductImage answers a request without a file or a URL so.
            raise invalid("image_url_required", "image_url", "missing")
        check_url(url)
    _check_room(store, product_id, 1, "images")
    fields = dict(changes)
    if file is not None:
        assert url_of is not None, "an uploaded file needs url_of"
        fields["image_url"] = url_of(uploads.store_image(store, file.data, file.filename))
    return _add(store, product_id, fields)


def update(
    store: Store, product_id: int, image_id: int, changes: Mapping[str, Any], *, file: FileInput | None = None,
    url_of: UrlOf | None = None,
) -> ProductImage:  # fmt: skip
    """A partial update; a ``file`` (or a new ``image_url``) replaces the image itself."""
    image = get(store, product_id, image_id)
    if "image_url" in changes:
        check_url(changes["image_url"])
    fields = dict(changes)
    if file is not None:
        assert url_of is not None, "an uploaded file needs url_of"
        fields["image_url"] = url_of(uploads.store_image(store, file.data, file.filename))
    return _change(store, image, fields)


def delete(store: Store, product_id: int, image_id: int) -> None:
    """Delete one image. When it was the thumbnail, the first image left takes its place, so a
    product with images keeps a thumbnail (decision, README). The file an uploaded image came
    from stays served until the store is reset, as a CDN URL outlives the record."""
    image = get(store, product_id, image_id)
    store.delete("product_images", [image.id])
    if image.is_thumbnail:
        rest = images_of(store, product_id)
        if rest:
            _change(store, rest[0], {"is_thumbnail": True})


# --------------------------------------------------------------------------- inline on products


def _check_inline(store: Store, product: Product | None, items: Sequence[Mapping[str, Any]]) -> None:
    """``images`` in a product body: on update an item with the ``id`` of one of the product's
    images changes it, any other item adds an image (decision, README); on create every item
    adds one (an ``id`` is read-only there, as on a GET body sent back)."""
    existing = set() if product is None else set(store.product_images.lookup("product_id", product.id))
    adding = 0
    for index, item in enumerate(items):
        image_id = item.get("id") if product is not None else None
        if image_id is not None:
            if image_id not in existing:
                raise invalid("payload", f"{index}.id", "record_missing", resource="product image", id=image_id)
            if "image_url" in item:
                check_url(item["image_url"], f"{index}.image_url")
            continue
        url = item.get("image_url") or ""
        if not url:
            raise invalid("payload", f"{index}.image_url", "missing")
        check_url(url, f"{index}.image_url")
        adding += 1
    if adding:
        _check_room(store, None if product is None else product.id, adding, "")


def _write_inline(store: Store, product_id: int, items: Sequence[Mapping[str, Any]]) -> None:
    existing = set(store.product_images.lookup("product_id", product_id))
    for item in items:
        image_id = item.get("id")
        if image_id is not None and image_id in existing:
            _change(store, store.product_images.require(image_id), item)
        else:
            _add(store, product_id, item)


PRODUCT_INLINE = {"images": Inline(_check_inline, _write_inline)}


# --------------------------------------------------------------------------- categories and brands


def attach_category_image(store: Store, category_id: int, file: FileInput, url_of: UrlOf) -> Category:
    """The uploaded file becomes the category's ``image_url`` (the categories API sees the
    default tree only)."""
    category_service.get(store, category_id, scope=DEFAULT_TREE_ID)
    url = url_of(uploads.store_image(store, file.data, file.filename))
    return category_service.update(store, category_id, {"image_url": url}, scope=DEFAULT_TREE_ID)


def detach_category_image(store: Store, category_id: int) -> None:
    category = category_service.get(store, category_id, scope=DEFAULT_TREE_ID)
    if category.image_url:
        category_service.update(store, category_id, {"image_url": ""}, scope=DEFAULT_TREE_ID)


def attach_brand_image(store: Store, brand_id: int, file: FileInput, url_of: UrlOf) -> Brand:
    brand_service.get(store, brand_id)
    url = url_of(uploads.store_image(store, file.data, file.filename))
    return brand_service.update(store, brand_id, {"image_url": url})


def detach_brand_image(store: Store, brand_id: int) -> None:
    brand = brand_service.get(store, brand_id)
    if brand.image_url:
        brand_service.update(store, brand_id, {"image_url": ""})
