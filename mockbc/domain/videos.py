"""A product's videos, which BigCommerce takes from YouTube only: the record, its storage and
the limits of upstream products_catalog.v3.yml (createProductVideo)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mockbc.domain.storage import Index, Reference, TableSpec

MAX_VIDEO_ID = 25
MAX_TITLE = 255
VIDEO_TYPES = ("youtube",)
# The characters of a YouTube video id (the ``v`` parameter of a watch URL).
VIDEO_ID = re.compile(r"[A-Za-z0-9_-]+")
# BigCommerce fills ``length`` in from YouTube; the mock never asks YouTube, so every video has
# this length, in upstream's mm:ss form.
UNKNOWN_LENGTH = "00:00"

WRITABLE_FIELDS = frozenset({"video_id", "type", "title", "description", "sort_order"})


@dataclass(frozen=True, slots=True)
class ProductVideo:
    id: int
    product_id: int
    video_id: str
    type: str = "youtube"
    title: str = ""
    description: str = ""
    sort_order: int = 0
    length: str = UNKNOWN_LENGTH


def display_order(video: ProductVideo) -> tuple[int, int]:
    """How a product's videos are listed: by ``sort_order``, then in the order they were added."""
    return video.sort_order, video.id


TABLES = (
    TableSpec(
        "product_videos",
        ProductVideo,
        indexes=(Index("product_id", lambda v: v.product_id),),
        references=(Reference("product_id", "products", "cascade"),),
        resource="product/video",
    ),
)
