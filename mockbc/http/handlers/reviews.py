"""A product's reviews: /v3/catalog/products/{product_id}/reviews[/{review_id}]."""

from __future__ import annotations

from mockbc.domain.query import Page
from mockbc.domain.reviews import Review
from mockbc.http.operations import bindings
from mockbc.presentation import reviews as wire
from mockbc.presentation.call import Call
from mockbc.services import reviews as service

FILTERABLE = frozenset({"status"})
CONVERTERS = {"status": wire.status_filter}


def list_reviews(call: Call) -> Page[Review]:
    listing = call.view.listing(call, FILTERABLE, CONVERTERS)
    return call.view.page(service.find(call.store, call.path["product_id"], listing.conditions), listing)


def get_review(call: Call) -> Review:
    return service.get(call.store, call.path["product_id"], call.path["review_id"])


def create_review(call: Call) -> Review:
    return service.create(call.store, call.path["product_id"], call.view.parse(call.body))


def update_review(call: Call) -> Review:
    return service.update(call.store, call.path["product_id"], call.path["review_id"], call.view.parse(call.body))


def delete_review(call: Call) -> None:
    service.delete(call.store, call.path["product_id"], call.path["review_id"])


OPERATIONS = bindings(
    "v3",
    wire.VIEW_V3,
    scope="products",
    handlers={
        "getProductReviews": list_reviews,
        "createProductReview": create_review,
        "getProductReview": get_review,
        "updateProductReview": update_review,
        "deleteProductReview": delete_review,
    },
)
