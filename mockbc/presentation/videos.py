"""Product videos on the v3 wire, and a product's ``videos``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockbc.domain import errors as e
from mockbc.domain.products import Product
from mockbc.domain.videos import WRITABLE_FIELDS, ProductVideo
from mockbc.presentation.call import Call
from mockbc.presentation.v3 import View, cached
from mockbc.presentation.wire import select_fields
from mockbc.services import videos as service


def to_v3(video: ProductVideo) -> dict[str, Any]:
    return {
        "id": video.id,
        "product_id": video.product_id,
        "video_id": video.video_id,
        "type": video.type,
        "title": video.title,
        "description": video.description,
        "sort_order": video.sort_order,
        "length": video.length,
    }


def item_v3(video: ProductVideo, call: Call) -> dict[str, Any]:
    return select_fields(
        cached(call, "product_video.v3", video, to_v3),
        call.query.get("include_fields"),
        call.query.get("exclude_fields"),
    )


def changes_from_v3(body: Mapping[str, Any]) -> dict[str, Any]:
    """The writable fields of a validated body; read-only ones (``id``, ``length``...) are ignored."""
    return {name: value for name, value in body.items() if name in WRITABLE_FIELDS and value is not None}


class VideoView(View):
    def error(self, err: e.DomainError) -> tuple[int, object]:
        if isinstance(err, e.NotFound) and err.resource == "id":
            # An unreadable path id is named after its parameter, which upstream calls ``id`` here.
            err = e.NotFound("product video", err.id)
        return super().error(err)


VIEW_V3 = VideoView(
    "product_video.v3", item_v3, changes_from_v3, whole=to_v3, shaping=frozenset({"include_fields", "exclude_fields"})
)


def _videos_include(product: Product, call: Call) -> list[dict[str, Any]]:
    return [cached(call, "product_video.v3", video, to_v3) for video in service.videos_of(call.store, product.id)]


def _inline_item(item: Mapping[str, Any]) -> dict[str, Any]:
    changes = changes_from_v3(item)
    if item.get("id") is not None:
        changes["id"] = item["id"]
    return changes


PRODUCT_INCLUDES = {"videos": _videos_include}
PRODUCT_INLINE_V3 = {"videos": _inline_item}
