"""Create, change, find and delete a product's videos (upstream products_catalog.v3.yml).

BigCommerce takes videos from YouTube and fills ``title``, ``description`` and ``length`` in
from it; the mock never asks YouTube, so a video keeps what the request gave. ``changes`` use
the record's field names; every check runs before the first write.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockbc.domain.errors import NotFound, invalid
from mockbc.domain.products import Product
from mockbc.domain.videos import (
    MAX_TITLE,
    MAX_VIDEO_ID,
    VIDEO_ID,
    VIDEO_TYPES,
    WRITABLE_FIELDS,
    ProductVideo,
    display_order,
)
from mockbc.services import products as product_service
from mockbc.services.products import Inline
from mockbc.store.store import Store

RESOURCE = "product/video"


# --------------------------------------------------------------------------- reading


def videos_of(store: Store, product_id: int) -> list[ProductVideo]:
    """A product's videos, as they are listed (``display_order``)."""
    table = store.product_videos
    found: list[ProductVideo] = table.many(table.lookup("product_id", product_id))
    return sorted(found, key=display_order)


def list_for(store: Store, product_id: int) -> list[ProductVideo]:
    product_service.get(store, product_id)
    return videos_of(store, product_id)


def get(store: Store, product_id: int, video_id: int) -> ProductVideo:
    product_service.get(store, product_id)
    video: ProductVideo | None = store.product_videos.get(video_id)
    if video is None or video.product_id != product_id:
        raise NotFound("product video", video_id)
    return video


# --------------------------------------------------------------------------- checks


def check(changes: Mapping[str, Any], *, new: bool, prefix: str = "") -> None:
    """The rules of a video's fields; ``new``: ``video_id`` is required (upstream marks it
    required on POST). An update leaves ``video_id`` alone, so it is not checked then."""
    if new and not changes.get("video_id"):
        raise invalid("payload", f"{prefix}video_id", "missing")
    if new:
        video_id = changes["video_id"]
        if len(video_id) > MAX_VIDEO_ID:
            raise invalid("payload", f"{prefix}video_id", "max_length", limit=MAX_VIDEO_ID)
        if not VIDEO_ID.fullmatch(video_id):
            raise invalid("payload", f"{prefix}video_id", "not_a_video_id")
    if len(changes.get("title", "")) > MAX_TITLE:
        raise invalid("payload", f"{prefix}title", "max_length", limit=MAX_TITLE)
    if changes.get("type", VIDEO_TYPES[0]) not in VIDEO_TYPES:
        raise invalid("payload", f"{prefix}type", "enum", options=list(VIDEO_TYPES))


# --------------------------------------------------------------------------- writing


def _add(store: Store, product_id: int, changes: Mapping[str, Any]) -> ProductVideo:
    fields = {name: value for name, value in changes.items() if name in WRITABLE_FIELDS}
    video = ProductVideo(id=store.next_id("product_videos"), product_id=product_id, **fields)
    store.product_videos.put(video.id, video)
    store.emit(RESOURCE, "created", video.id)
    return video


def _change(store: Store, video: ProductVideo, changes: Mapping[str, Any]) -> ProductVideo:
    # A video's YouTube id is fixed once added: upstream's updateProductVideo body does not list
    # video_id, so one sent (a GET body sent back) is ignored.
    fields = {name: value for name, value in changes.items() if name in WRITABLE_FIELDS and name != "video_id"}
    updated = replace(video, **fields)
    store.product_videos.put(updated.id, updated)
    store.emit(RESOURCE, "updated", updated.id)
    return updated


def create(store: Store, product_id: int, changes: Mapping[str, Any]) -> ProductVideo:
    product_service.get(store, product_id)
    check(changes, new=True)
    return _add(store, product_id, changes)


def update(store: Store, product_id: int, video_id: int, changes: Mapping[str, Any]) -> ProductVideo:
    video = get(store, product_id, video_id)
    check(changes, new=False)
    return _change(store, video, changes)


def delete(store: Store, product_id: int, video_id: int) -> None:
    video = get(store, product_id, video_id)
    store.delete("product_videos", [video.id])


# --------------------------------------------------------------------------- inline on products


def _check_inline(store: Store, product: Product | None, items: Sequence[Mapping[str, Any]]) -> None:
    """``videos`` in a product body, read as ``images`` are: on update an item with the ``id``
    of one of the product's videos changes it, any other item adds a video."""
    existing = set() if product is None else set(store.product_videos.lookup("product_id", product.id))
    for index, item in enumerate(items):
        video_id = item.get("id") if product is not None else None
        if video_id is not None and video_id not in existing:
            raise invalid("payload", f"{index}.id", "record_missing", resource="product video", id=video_id)
        check(item, new=video_id is None, prefix=f"{index}.")


def _write_inline(store: Store, product_id: int, items: Sequence[Mapping[str, Any]]) -> None:
    existing = set(store.product_videos.lookup("product_id", product_id))
    for item in items:
        video_id = item.get("id")
        if video_id is not None and video_id in existing:
            _change(store, store.product_videos.require(video_id), item)
        else:
            _add(store, product_id, item)


PRODUCT_INLINE = {"videos": Inline(_check_inline, _write_inline)}
