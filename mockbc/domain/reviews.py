"""Product reviews (upstream products_catalog.v3.yml, getProductReviews and createProductReview)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from mockbc.domain.storage import Index, Reference, TableSpec

ReviewStatus = Literal["approved", "disapproved", "pending"]
STATUSES: tuple[ReviewStatus, ...] = ("approved", "disapproved", "pending")
# Upstream: "the rating of the product review. Must be one of 0, 1, 2, 3, 4, 5."
MIN_RATING, MAX_RATING = 0, 5
MAX_TITLE = MAX_NAME = 255


@dataclass(frozen=True, slots=True)
class Review:
    id: int
    product_id: int
    title: str
    date_reviewed: datetime
    date_created: datetime
    date_modified: datetime
    text: str = ""
    status: ReviewStatus = "pending"
    rating: int = 0
    email: str = ""
    name: str = ""


def counted(review: Review | None) -> tuple[int, int]:
    """What one review adds to its product's ``(reviews_count, reviews_rating_sum)``: only an
    approved review is counted, as the storefront shows only those."""
    if review is None or review.status != "approved":
        return (0, 0)
    return (1, review.rating)


TABLES = (
    TableSpec(
        "reviews",
        Review,
        indexes=(Index("product_id", lambda r: r.product_id),),
        references=(Reference("product_id", "products", "cascade"),),
        resource="review",
    ),
)
