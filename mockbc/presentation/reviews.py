"""Product reviews on the v3 wire, and as a product's ``include=reviews``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from mockbc.domain.errors import invalid
from mockbc.domain.products import Product
from mockbc.domain.query import Page
from mockbc.domain.reviews import Review
from mockbc.presentation.call import Call, Rendered
from mockbc.presentation.v3 import View, cached
from mockbc.presentation.wire import iso, select_fields
from mockbc.services import reviews as service

NAME = "review.v3"
WRITABLE = ("title", "text", "status", "rating", "email", "name")
# Upstream's review schema requires these: include_fields / exclude_fields never drop them.
ALWAYS = frozenset({"id", "title", "date_reviewed"})
# The list filter says 1 for approved and 0 for pending (upstream getProductReviews).
STATUS_FILTER = {1: "approved", 0: "pending"}


def to_v3(review: Review) -> dict[str, Any]:
    return {
        "id": review.id, "product_id": review.product_id, "title": review.title, "text": review.text,
        "status": review.status, "rating": review.rating, "email": review.email, "name": review.name,
        "date_reviewed": iso(review.date_reviewed), "date_created": iso(review.date_created),
        "date_modified": iso(review.date_modified),
    }  # fmt: skip


def _date(raw: str) -> datetime:
    """A date-time the schema let through; ``z`` is as good as ``Z``, a leap second is refused."""
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise invalid("body", "date_reviewed", "format", format="date-time") from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def changes_from_v3(body: Mapping[str, Any]) -> dict[str, Any]:
    """The writable fields present in the body; read-only ones (``id``, dates...) are ignored."""
    changes = {name: body[name] for name in WRITABLE if body.get(name) is not None}
    if body.get("date_reviewed") is not None:
        changes["date_reviewed"] = _date(body["date_reviewed"])
    return changes


def status_filter(raw: Any) -> str:
    return STATUS_FILTER.get(raw, f"unknown:{raw}")  # an undocumented value matches nothing


def item_v3(review: Review, call: Call) -> dict[str, Any]:
    return select_fields(
        cached(call, NAME, review, to_v3), call.query.get("include_fields"), call.query.get("exclude_fields"),
        always=ALWAYS,
    )  # fmt: skip


def _include(product: Product, call: Call) -> list[dict[str, Any]]:
    return [cached(call, NAME, review, to_v3) for review in service.of_product(call.store, product.id)]


PRODUCT_INCLUDES = {"reviews": _include}


class ReviewsView(View):
    """A product without reviews (none matching) answers 204 with no body (upstream getProductReviews)."""

    def render(self, result: object, call: Call, status: int) -> Rendered:
        if isinstance(result, Page) and result.total == 0:
            return Rendered(204)
        return super().render(result, call, status)


VIEW_V3 = ReviewsView(
    NAME, item_v3, changes_from_v3, whole=to_v3, shaping=frozenset({"include_fields", "exclude_fields"})
)
