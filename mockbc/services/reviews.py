"""Create, change, find and delete product reviews (upstream products_catalog.v3.yml,
createProductReview and its siblings).

An approved review counts towards its product's ``reviews_count`` and ``reviews_rating_sum``
(what the storefront shows): creating, approving, re-rating, unapproving or deleting one moves
those two fields by what that review adds or takes away, in the same write. Counts the seed
gave a product (reviews the store does not hold) stay counted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockbc.domain.errors import NotFound, invalid
from mockbc.domain.query import Condition, Filter
from mockbc.domain.reviews import Review, counted
from mockbc.services import products as product_service
from mockbc.store.select import Rows, select
from mockbc.store.store import Store

RESOURCE = "product review"
WRITABLE = ("title", "text", "status", "rating", "email", "name", "date_reviewed")
# Upstream: "must be a valid email, or an empty string"; one @, no spaces, a dot in the domain.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

FILTERS = {
    "product_id": Filter(get=lambda r: r.product_id, index="product_id"),
    "status": Filter(get=lambda r: r.status),
}


def find(store: Store, product_id: int, conditions: Sequence[Condition] = ()) -> Rows:
    """The product's reviews meeting ``conditions``, in id order, read through the product_id index."""
    product_service.get(store, product_id)
    return select(store.reviews, [Condition("product_id", "eq", product_id), *conditions], FILTERS)


def of_product(store: Store, product_id: int) -> Rows:
    return select(store.reviews, [Condition("product_id", "eq", product_id)], FILTERS)


def get(store: Store, product_id: int, review_id: int) -> Review:
    product_service.get(store, product_id)
    review: Review | None = store.reviews.get(review_id)
    if review is None or review.product_id != product_id:
        raise NotFound(RESOURCE, review_id)
    return review


def _check(changes: Mapping[str, Any]) -> None:
    email = changes.get("email")
    if email and not _EMAIL.match(email):
        raise invalid("payload", "email", "email_format")


def _recount(store: Store, product_id: int, before: Review | None, after: Review | None) -> None:
    """Move the product's review counters by what this change of one review adds or takes away."""
    (count_before, sum_before), (count_after, sum_after) = counted(before), counted(after)
    if (count_before, sum_before) == (count_after, sum_after):
        return
    product = product_service.get(store, product_id)
    store.products.put(
        product.id,
        replace(
            product,
            reviews_count=max(0, product.reviews_count + count_after - count_before),
            reviews_rating_sum=max(0, product.reviews_rating_sum + sum_after - sum_before),
        ),
    )


def create(store: Store, product_id: int, changes: Mapping[str, Any]) -> Review:
    product_service.get(store, product_id)
    _check(changes)
    now = store.clock.now()
    review = Review(
        id=store.next_id("reviews"), product_id=product_id, date_created=now, date_modified=now,
        **{name: changes[name] for name in WRITABLE if name in changes},
    )  # fmt: skip
    store.reviews.put(review.id, review)
    _recount(store, product_id, None, review)
    store.emit("review", "created", review.id)
    return review


def update(store: Store, product_id: int, review_id: int, changes: Mapping[str, Any]) -> Review:
    review = get(store, product_id, review_id)
    _check(changes)
    updated = replace(
        review, **{name: changes[name] for name in WRITABLE if name in changes}, date_modified=store.clock.now()
    )
    store.reviews.put(updated.id, updated)
    _recount(store, product_id, review, updated)
    store.emit("review", "updated", updated.id)
    return updated


def delete(store: Store, product_id: int, review_id: int) -> None:
    review = get(store, product_id, review_id)
    store.delete("reviews", [review_id])
    _recount(store, product_id, review, None)
