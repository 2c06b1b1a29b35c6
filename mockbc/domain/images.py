"""A product's images: the record, its storage, and BigCommerce's limits (upstream
products_catalog.v3.yml, createProductImage)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mockbc.domain.storage import Index, Reference, TableSpec

MAX_IMAGES_PER_PRODUCT = 1000
MAX_IMAGE_URL = 255
SORT_ORDER_MIN, SORT_ORDER_MAX = -(2**31), 2**31 - 1

# What a write may set; the id, product and date are the store's.
WRITABLE_FIELDS = frozenset({"image_url", "is_thumbnail", "sort_order", "description"})


@dataclass(frozen=True, slots=True)
class ProductImage:
    id: int
    product_id: int
    # Where the original is: the URL a client gave (never fetched), or the mock's own URL of an
    # uploaded file.
    image_url: str
    date_modified: datetime
    is_thumbnail: bool = False
    sort_order: int = 0
    description: str = ""


def display_order(image: ProductImage) -> tuple[int, int]:
    """How a product's images are listed: by ``sort_order``, then in the order they were added."""
    return image.sort_order, image.id


TABLES = (
    TableSpec(
        "product_images",
        ProductImage,
        indexes=(
            Index("product_id", lambda i: i.product_id),
            # A product has at most one thumbnail: its id, by product.
            Index("thumbnail", lambda i: i.product_id if i.is_thumbnail else None, unique=True),
        ),
        references=(Reference("product_id", "products", "cascade"),),
        resource="product/image",
    ),
)
