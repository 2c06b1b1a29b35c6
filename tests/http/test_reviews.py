"""v3 product reviews through HTTP, and what approved reviews do to their product's counters."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.events import Event

PRODUCTS = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/products"
REVIEWS = f"{PRODUCTS}/77/reviews"
TYPE = "/api-docs/getting-started/api-status-codes"
INVALID = "JSON data is missing or invalid"
NEW = {"title": "Loud and clear", "date_reviewed": "2024-03-01T10:00:00+00:00"}


def snapshot(store: Store) -> tuple[tuple[Any, ...], ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def add(client: httpx.Client, product_id: int = 77, **fields: Any) -> dict[str, Any]:
    response = client.post(f"{PRODUCTS}/{product_id}/reviews", json={**NEW, **fields})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def counters(client: httpx.Client, product_id: int) -> tuple[int, int]:
    data = client.get(f"{PRODUCTS}/{product_id}").json()["data"]
    return data["reviews_count"], data["reviews_rating_sum"]


# --- create -------------------------------------------------------------------------


def test_create_product_review_returns_200_with_defaults(client: httpx.Client, store: Store) -> None:
    first_new = max(store.seed.reviews, default=0) + 1  # after the demo's own reviews
    response = client.post(REVIEWS, json=NEW)

    assert response.status_code == 200
    body = response.json()
    data = body["data"]
    assert body["meta"] == {}
    assert {k: v for k, v in data.items() if k not in ("date_created", "date_modified")} == {
        "id": first_new, "product_id": 77, "title": "Loud and clear", "text": "", "status": "pending", "rating": 0,
        "email": "", "name": "", "date_reviewed": "2024-03-01T10:00:00+00:00",
    }  # fmt: skip
    assert data["date_created"] == data["date_modified"]
    assert datetime.fromisoformat(data["date_created"]).utcoffset() is not None


def test_create_product_review_keeps_every_field_sent(client: httpx.Client) -> None:
    fields: dict[str, Any] = {
        "text": "Fills the room.",
        "status": "approved",
        "rating": 5,
        "email": "ann@example.com",
        "name": "Ann",
    }

    data = add(client, **fields)

    assert {k: data[k] for k in fields} == fields


def test_create_product_review_reads_a_z_date(client: httpx.Client) -> None:
    assert add(client, date_reviewed="2024-03-01T10:00:00Z")["date_reviewed"] == "2024-03-01T10:00:00+00:00"


def test_create_product_review_emits_created(client: httpx.Client, store: Store) -> None:
    events: list[Event] = []
    unsubscribe = store.subscribe(events.append)
    try:
        review = add(client)
    finally:
        unsubscribe()

    assert [(e.resource, e.action, e.id) for e in events] == [("review", "created", review["id"])]


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"date_reviewed": NEW["date_reviewed"]}, {"title": "error.path.missing"}),
        ({"title": "t"}, {"date_reviewed": "error.path.missing"}),
        ({**NEW, "date_reviewed": "yesterday"}, {"date_reviewed": "must be a valid date-time"}),
        ({**NEW, "rating": 6}, {"rating": "must be at most 5"}),
        ({**NEW, "rating": -1}, {"rating": "must be at least 0"}),
        ({**NEW, "status": "spam"}, {"status": "must be one of: approved, disapproved, pending"}),
        ({**NEW, "title": "t" * 256}, {"title": "must be at most 255 characters long"}),
        ({**NEW, "name": "n" * 256}, {"name": "must be at most 255 characters long"}),
        ({**NEW, "helpful": 3}, {"helpful": "is not a field this resource accepts"}),
    ],
)
def test_create_product_review_bad_body_returns_422(
    client: httpx.Client, store: Store, body: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(REVIEWS, json=body)

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": INVALID, "type": TYPE, "errors": errors}
    assert snapshot(store) == before


@pytest.mark.parametrize("email", ["ann", "ann@", "ann @example.com", "@example.com", "ann@example"])
def test_create_product_review_invalid_email_returns_422(client: httpx.Client, store: Store, email: str) -> None:
    before = snapshot(store)

    response = client.post(REVIEWS, json={**NEW, "email": email})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The request payload is invalid.", "type": TYPE,
        "errors": {"email": "must be a valid email address, or empty"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_create_product_review_empty_email_and_title_are_accepted(client: httpx.Client) -> None:
    data = add(client, email="", title="")

    assert (data["email"], data["title"]) == ("", "")


def test_create_product_review_rating_0_is_accepted(client: httpx.Client) -> None:
    # Upstream: "Must be one of 0, 1, 2, 3, 4, 5."
    assert add(client, rating=0)["rating"] == 0


def test_create_product_review_unknown_product_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(f"{PRODUCTS}/999/reviews", json=NEW)

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}
    assert snapshot(store) == before


# --- counters on the product --------------------------------------------------------


def test_create_approved_review_counts_on_the_product(client: httpx.Client, store: Store) -> None:
    assert counters(client, 78) == (5, 19)  # the demo seed's own counts
    modified = store.products.require(78).date_modified

    add(client, 78, status="approved", rating=4)

    assert counters(client, 78) == (6, 23)
    assert store.products.require(78).date_modified == modified


@pytest.mark.parametrize("status", ["pending", "disapproved"])
def test_create_unapproved_review_does_not_count(client: httpx.Client, status: str) -> None:
    add(client, 78, status=status, rating=4)

    assert counters(client, 78) == (5, 19)


def test_update_review_to_approved_counts_it_and_back_uncounts_it(client: httpx.Client) -> None:
    review = add(client, 78, rating=3)
    path = f"{PRODUCTS}/78/reviews/{review['id']}"

    client.put(path, json={"status": "approved"})
    assert counters(client, 78) == (6, 22)

    client.put(path, json={"rating": 1})
    assert counters(client, 78) == (6, 20)

    client.put(path, json={"status": "disapproved"})
    assert counters(client, 78) == (5, 19)


def test_delete_approved_review_uncounts_it(client: httpx.Client) -> None:
    review = add(client, 78, status="approved", rating=5)

    assert client.delete(f"{PRODUCTS}/78/reviews/{review['id']}").status_code == 204

    assert counters(client, 78) == (5, 19)


def test_approved_review_counters_start_from_zero_on_a_new_product(client: httpx.Client) -> None:
    product = client.post(PRODUCTS, json={"name": "Mug", "type": "physical", "weight": 1, "price": 5}).json()["data"]

    add(client, product["id"], status="approved", rating=4)
    add(client, product["id"], status="approved", rating=2)

    assert counters(client, product["id"]) == (2, 6)


def test_refused_review_leaves_the_counters(client: httpx.Client) -> None:
    client.post(f"{PRODUCTS}/78/reviews", json={**NEW, "status": "approved", "rating": 4, "email": "nope"})

    assert counters(client, 78) == (5, 19)


# --- read ---------------------------------------------------------------------------


def test_get_product_reviews_without_reviews_returns_204(client: httpx.Client) -> None:
    response = client.get(REVIEWS)

    assert response.status_code == 204
    assert response.content == b""


def test_get_product_reviews_lists_them_in_id_order(client: httpx.Client) -> None:
    first, second = add(client), add(client, title="Second")
    add(client, 78)

    response = client.get(REVIEWS)

    assert response.status_code == 200
    assert response.json() == {
        "data": [first, second],
        "meta": {"pagination": {"total": 2, "count": 2, "per_page": 50, "current_page": 1, "total_pages": 1,
                                "links": {"current": "?page=1&limit=50"}}},
    }  # fmt: skip


@pytest.mark.parametrize(("status", "titles"), [(1, ["approved"]), (0, ["pending"])])
def test_get_product_reviews_status_filter(client: httpx.Client, status: int, titles: list[str]) -> None:
    for kind in ("approved", "pending", "disapproved"):
        add(client, title=kind, status=kind)

    response = client.get(REVIEWS, params={"status": status})

    assert [r["title"] for r in response.json()["data"]] == titles


def test_get_product_reviews_filter_matching_none_returns_204(client: httpx.Client) -> None:
    add(client, status="pending")

    assert client.get(REVIEWS, params={"status": 1}).status_code == 204


def test_get_product_reviews_bad_status_filter_returns_422(client: httpx.Client) -> None:
    response = client.get(REVIEWS, params={"status": "approved"})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The filter(s) given are invalid.", "type": TYPE,
        "errors": {"status": "'approved' is not an integer"},
    }  # fmt: skip


def test_get_product_reviews_page_past_the_last_is_an_empty_page(client: httpx.Client) -> None:
    add(client)

    response = client.get(REVIEWS, params={"page": 2})

    assert response.status_code == 200
    assert response.json()["data"] == []


def test_get_product_reviews_include_fields_keep_the_required_ones(client: httpx.Client) -> None:
    review = add(client, rating=4)

    response = client.get(REVIEWS, params={"include_fields": "rating"})

    assert response.json()["data"] == [
        {"id": review["id"], "title": review["title"], "date_reviewed": review["date_reviewed"], "rating": 4}
    ]


def test_get_product_reviews_unknown_product_returns_404(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/999/reviews")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}


def test_get_product_review_returns_it(client: httpx.Client) -> None:
    review = add(client)

    response = client.get(f"{REVIEWS}/{review['id']}", params={"exclude_fields": "text,email,title"})

    assert response.status_code == 200
    assert response.json() == {"data": {k: v for k, v in review.items() if k not in ("text", "email")}, "meta": {}}


@pytest.mark.parametrize("where", ["unknown", "other product"])
def test_get_product_review_unknown_or_of_another_product_returns_404(client: httpx.Client, where: str) -> None:
    other = add(client, 78)
    review_id = other["id"] if where == "other product" else 999

    response = client.get(f"{REVIEWS}/{review_id}")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product review was not found.", "type": TYPE}


def test_get_product_include_reviews(client: httpx.Client) -> None:
    review = add(client)

    body = client.get(PRODUCTS, params={"include": "reviews", "id:in": "77,78"}).json()

    assert [(p["id"], p["reviews"]) for p in body["data"]] == [(77, [review]), (78, [])]


# --- update -------------------------------------------------------------------------


def test_update_product_review_changes_only_what_is_sent(client: httpx.Client, store: Store) -> None:
    review = add(client)
    events: list[Event] = []
    unsubscribe = store.subscribe(events.append)
    try:
        response = client.put(f"{REVIEWS}/{review['id']}", json={"text": "Better after an update."})
    finally:
        unsubscribe()

    assert response.status_code == 200
    data = response.json()["data"]
    assert {**data, "date_modified": None} == {**review, "text": "Better after an update.", "date_modified": None}
    assert data["date_modified"] >= review["date_modified"]
    assert [(e.resource, e.action, e.id) for e in events] == [("review", "updated", review["id"])]


def test_update_product_review_get_then_put_round_trips(client: httpx.Client) -> None:
    review = add(client, rating=3, name="Ann")

    response = client.put(f"{REVIEWS}/{review['id']}", json=review)

    assert response.status_code == 200, response.text
    assert {**response.json()["data"], "date_modified": None} == {**review, "date_modified": None}


def test_update_product_review_invalid_email_returns_422(client: httpx.Client, store: Store) -> None:
    review = add(client)
    before = snapshot(store)

    response = client.put(f"{REVIEWS}/{review['id']}", json={"email": "not an email"})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The request payload is invalid.", "type": TYPE,
        "errors": {"email": "must be a valid email address, or empty"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_update_product_review_unknown_id_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{REVIEWS}/999", json={"text": "x"})

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product review was not found.", "type": TYPE}
    assert snapshot(store) == before


# --- delete -------------------------------------------------------------------------


def test_delete_product_review_removes_it(client: httpx.Client, store: Store) -> None:
    review = add(client)
    events: list[Event] = []
    unsubscribe = store.subscribe(events.append)
    try:
        response = client.delete(f"{REVIEWS}/{review['id']}")
    finally:
        unsubscribe()

    assert response.status_code == 204
    assert client.get(f"{REVIEWS}/{review['id']}").status_code == 404
    assert [(e.resource, e.action, e.id) for e in events] == [("review", "deleted", review["id"])]


def test_delete_product_review_unknown_id_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(f"{REVIEWS}/999")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product review was not found.", "type": TYPE}
    assert snapshot(store) == before


def test_delete_product_deletes_its_reviews(client: httpx.Client, store: Store) -> None:
    review = add(client, status="approved", rating=5)
    kept = add(client, 78)

    assert client.delete(f"{PRODUCTS}/77").status_code == 204

    assert store.reviews.get(review["id"]) is None
    assert client.get(f"{PRODUCTS}/78/reviews").json()["data"] == [kept]
