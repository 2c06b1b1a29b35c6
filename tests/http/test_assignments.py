"""v3 product channel and category assignments through HTTP.

Demo: 132 products (ids 77-245 with gaps), every one listed on channel 1 and in category 18
("Shop All"); category 40 ("Patterns") holds products 115, 129, 176 and 237.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.categories import Category
from mockbc.domain.events import Event
from mockbc.domain.records import CustomUrl

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
CHANNELS = f"{V3}/catalog/products/channel-assignments"
CATEGORIES = f"{V3}/catalog/products/category-assignments"
PRODUCTS = f"{V3}/catalog/products"
TYPE = "/api-docs/getting-started/api-status-codes"
INVALID = "JSON data is missing or invalid"
PATTERNS = [115, 129, 176, 237]  # the products of category 40


def snapshot(store: Store) -> tuple[tuple[Any, ...], ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def product_ids(store: Store) -> list[int]:
    return [product.id for product in store.products.values()]


def pairs(response: httpx.Response, target: str) -> list[tuple[int, int]]:
    assert response.status_code == 200, response.text
    return [(item["product_id"], item[target]) for item in response.json()["data"]]


def channel_pairs(client: httpx.Client, **params: Any) -> list[tuple[int, int]]:
    return pairs(client.get(CHANNELS, params=params), "channel_id")


def category_pairs(client: httpx.Client, **params: Any) -> list[tuple[int, int]]:
    return pairs(client.get(CATEGORIES, params=params), "category_id")


def channels_of(client: httpx.Client, product_id: int) -> list[int]:
    response = client.get(f"{PRODUCTS}/{product_id}", params={"include": "channels"})
    assert response.status_code == 200, response.text
    channels: list[int] = response.json()["data"]["channels"]
    return channels


def new_channel(client: httpx.Client, name: str) -> int:
    """A channel made through the API (the demo store has channels 1, 2 and 3)."""
    response = client.post(f"{V3}/channels", json={"name": name, "type": "marketplace", "platform": "ebay"})
    assert response.status_code == 200, response.text
    channel_id: int = response.json()["data"]["id"]
    return channel_id


def listed_on(client: httpx.Client, channels: str, **params: Any) -> list[int]:
    response = client.get(PRODUCTS, params={"channel_id:in": channels, "limit": 250, **params})
    assert response.status_code == 200, response.text
    return [product["id"] for product in response.json()["data"]]


def assign(client: httpx.Client, url: str, items: list[dict[str, int]]) -> None:
    response = client.put(url, json=items)
    assert response.status_code == 204, response.text
    assert response.content == b""


@pytest.fixture
def heard(store: Store) -> Iterator[list[Event]]:
    """The events the store emits from here on (``clear()`` it after a test's own setup)."""
    found: list[Event] = []
    unsubscribe = store.subscribe(found.append)
    yield found
    unsubscribe()


# --- channel assignments: the default ------------------------------------------------


def test_getProductsChannelAssignments_seeded_products_are_on_channel_1(client: httpx.Client, store: Store) -> None:
    response = client.get(CHANNELS)

    assert response.status_code == 200
    body = response.json()
    assert body["data"] == [{"product_id": product_id, "channel_id": 1} for product_id in product_ids(store)[:50]]
    assert body["meta"] == {
        "pagination": {
            "total": 132, "count": 50, "per_page": 50, "current_page": 1, "total_pages": 3,
            "links": {"current": "?page=1&limit=50", "next": "?page=2&limit=50"},
        }
    }  # fmt: skip


def test_getProduct_include_channels_of_a_seeded_product_is_channel_1(client: httpx.Client) -> None:
    assert channels_of(client, 77) == [1]


def test_getProducts_channel_id_in_1_finds_every_seeded_product(client: httpx.Client, store: Store) -> None:
    response = client.get(PRODUCTS, params={"channel_id:in": "1", "limit": 250})

    assert [product["id"] for product in response.json()["data"]] == product_ids(store)
    assert listed_on(client, "2") == []


def test_createProduct_new_product_is_on_channel_1(client: httpx.Client) -> None:
    response = client.post(PRODUCTS, json={"name": "Enamel Camp Mug", "type": "physical", "weight": 1, "price": 9})
    new_id = response.json()["data"]["id"]

    assert channels_of(client, new_id) == [1]
    assert new_id in listed_on(client, "1", **{"id:in": new_id})
    assert channel_pairs(client, **{"product_id:in": new_id}) == [(new_id, 1)]


def test_getProducts_include_channels_on_a_list(client: httpx.Client) -> None:
    assign(client, CHANNELS, [{"product_id": 80, "channel_id": 3}])
    client.delete(CHANNELS, params={"product_id:in": "78"})

    response = client.get(PRODUCTS, params={"id:in": "77,78,80", "include": "channels", "include_fields": "name"})

    assert [(p["id"], p["channels"]) for p in response.json()["data"]] == [(77, [1]), (78, []), (80, [1, 3])]


def test_createProduct_after_another_left_channel_1_is_still_listed_there(client: httpx.Client) -> None:
    client.delete(CHANNELS, params={"product_id:in": "77", "channel_id:in": "1"})

    response = client.post(PRODUCTS, json={"name": "Enamel Camp Mug", "type": "physical", "weight": 1, "price": 9})
    new_id = response.json()["data"]["id"]

    assert listed_on(client, "1", **{"id:in": f"77,{new_id}"}) == [new_id]


# --- channel assignments: listing ------------------------------------------------------


def test_getProductsChannelAssignments_pages_by_product(client: httpx.Client, store: Store) -> None:
    response = client.get(CHANNELS, params={"limit": 3, "page": 2})

    assert pairs(response, "channel_id") == [(product_id, 1) for product_id in product_ids(store)[3:6]]
    assert response.json()["meta"]["pagination"] == {
        "total": 132, "count": 3, "per_page": 3, "current_page": 2, "total_pages": 44,
        "links": {"current": "?page=2&limit=3", "previous": "?page=1&limit=3", "next": "?page=3&limit=3"},
    }  # fmt: skip


def test_getProductsChannelAssignments_product_id_in_filters_and_ignores_unknown_ids(client: httpx.Client) -> None:
    assert channel_pairs(client, **{"product_id:in": "80,77,5"}) == [(77, 1), (80, 1)]


def test_getProductsChannelAssignments_channel_id_in_filters(client: httpx.Client) -> None:
    assign(client, CHANNELS, [{"product_id": 80, "channel_id": 3}, {"product_id": 77, "channel_id": 2}])

    assert channel_pairs(client, **{"channel_id:in": "2"}) == [(77, 2)]
    assert channel_pairs(client, **{"channel_id:in": "3,2"}) == [(77, 2), (80, 3)]
    assert channel_pairs(client, **{"channel_id:in": "2", "product_id:in": "80"}) == []
    assert channel_pairs(client, **{"channel_id:in": "1,2", "product_id:in": "77,80"}) == [(77, 1), (77, 2), (80, 1)]


def test_getProductsChannelAssignments_every_page_after_changes_lists_each_pair_once(
    client: httpx.Client, store: Store
) -> None:
    assign(client, CHANNELS, [{"product_id": 78, "channel_id": 2}, {"product_id": 245, "channel_id": 3}])
    assert client.delete(CHANNELS, params={"product_id:in": "77", "channel_id:in": "1"}).status_code == 204
    expected = [
        (product_id, channel)
        for product_id in product_ids(store)
        for channel in {77: [], 78: [1, 2], 245: [1, 3]}.get(product_id, [1])
    ]

    found = [pair for page in (1, 2, 3) for pair in channel_pairs(client, limit=50, page=page)]

    assert found == expected
    assert client.get(CHANNELS).json()["meta"]["pagination"]["total"] == 133


def test_getProductsChannelAssignments_channel_1_after_a_product_left_it(client: httpx.Client, store: Store) -> None:
    assert client.delete(CHANNELS, params={"product_id:in": "77", "channel_id:in": "1"}).status_code == 204

    response = client.get(CHANNELS, params={"channel_id:in": "1", "limit": 250})

    assert pairs(response, "channel_id") == [(product_id, 1) for product_id in product_ids(store) if product_id != 77]
    assert response.json()["meta"]["pagination"]["total"] == 131


def test_getProductsChannelAssignments_page_past_the_last_is_empty(client: httpx.Client) -> None:
    response = client.get(CHANNELS, params={"page": 9, "limit": 50})

    assert response.status_code == 200
    assert response.json()["data"] == []
    assert response.json()["meta"]["pagination"]["links"] == {"current": "?page=9&limit=50"}


def test_getProductsChannelAssignments_limit_over_250_returns_413(client: httpx.Client) -> None:
    response = client.get(CHANNELS, params={"limit": 251})

    assert response.status_code == 413
    assert response.json() == {
        "status": 413, "title": "The limit is too high. The maximum limit is 250.", "type": TYPE,
        "errors": {"limit": "must be at most 250"},
    }  # fmt: skip


def test_getProductsChannelAssignments_non_integer_filter_returns_422(client: httpx.Client) -> None:
    response = client.get(CHANNELS, params={"product_id:in": "77,abc"})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The filter(s) given are invalid.", "type": TYPE,
        "errors": {"product_id:in": "'abc' is not an integer"},
    }  # fmt: skip


def test_getProductsChannelAssignments_read_only_scope_may_list(scoped_client: Any) -> None:
    reader = scoped_client(["store_v2_products_read_only"])

    assert reader.get(CHANNELS, params={"product_id:in": "77"}).status_code == 200


# --- channel assignments: assigning ----------------------------------------------------


def test_createProductsChannelAssignments_lists_the_product_on_the_channel(client: httpx.Client) -> None:
    assign(client, CHANNELS, [{"product_id": 77, "channel_id": 2}])

    assert channels_of(client, 77) == [1, 2]
    assert listed_on(client, "2") == [77]
    assert 77 in listed_on(client, "1")
    assert channel_pairs(client, **{"product_id:in": "77"}) == [(77, 1), (77, 2)]


def test_createProductsChannelAssignments_several_channels_render_ascending(client: httpx.Client) -> None:
    four, five = new_channel(client, "eBay"), new_channel(client, "eBay DE")
    assign(client, CHANNELS, [{"product_id": 77, "channel_id": five}, {"product_id": 77, "channel_id": four}])
    assign(client, CHANNELS, [{"product_id": 77, "channel_id": four}, {"product_id": 77, "channel_id": 2}])

    assert channels_of(client, 77) == [1, 2, four, five]
    assert listed_on(client, f"{four},{five}") == [77]


def test_createProductsChannelAssignments_existing_pair_changes_nothing(
    client: httpx.Client, store: Store, heard: list[Event]
) -> None:
    before = snapshot(store)

    assign(client, CHANNELS, [{"product_id": 77, "channel_id": 1}, {"product_id": 77, "channel_id": 1}])

    assert snapshot(store) == before
    assert heard == []


def test_createProductsChannelAssignments_emits_an_event_per_product(
    client: httpx.Client, store: Store, heard: list[Event]
) -> None:
    assign(client, CHANNELS, [{"product_id": 77, "channel_id": 2}, {"product_id": 80, "channel_id": 2}])
    assign(client, CHANNELS, [{"product_id": 77, "channel_id": 3}])

    assert [(e.resource, e.action, e.id) for e in heard] == [
        ("channel_assignment", "created", 77),
        ("channel_assignment", "created", 80),
        ("channel_assignment", "updated", 77),
    ]


def test_createProductsChannelAssignments_does_not_touch_the_product(client: httpx.Client, store: Store) -> None:
    before = store.products.get(77)

    assign(client, CHANNELS, [{"product_id": 77, "channel_id": 2}])

    assert store.products.get(77) is before


def test_createProductsChannelAssignments_unknown_product_returns_422_and_assigns_nothing(
    client: httpx.Client, store: Store
) -> None:
    before = snapshot(store)

    response = client.put(
        CHANNELS,
        json=[
            {"product_id": 77, "channel_id": 2},
            {"product_id": 5, "channel_id": 2},
            {"product_id": 6, "channel_id": 1},
        ],
    )

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The channel assignments were not saved.", "type": TYPE,
        "errors": {"1.product_id": "Product 5 does not exist.", "2.product_id": "Product 6 does not exist."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createProductsChannelAssignments_unknown_channel_returns_422_and_assigns_nothing(
    client: httpx.Client, store: Store
) -> None:
    before = snapshot(store)

    response = client.put(
        CHANNELS,
        json=[
            {"product_id": 77, "channel_id": 2},
            {"product_id": 78, "channel_id": 4},
            {"product_id": 5, "channel_id": 9},
        ],
    )

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The channel assignments were not saved.", "type": TYPE,
        "errors": {"1.channel_id": "Channel 4 does not exist.", "2.product_id": "Product 5 does not exist."},
    }  # fmt: skip
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("item", "errors"),
    [
        ({"product_id": 77, "channel_id": 0}, {"1.channel_id": "must be at least 1"}),
        ({"product_id": 0, "channel_id": 1}, {"1.product_id": "must be at least 1"}),
        ({"product_id": 77}, {"1.channel_id": "error.path.missing"}),
        ({"channel_id": 2}, {"1.product_id": "error.path.missing"}),
        ({"product_id": "77", "channel_id": 2}, {"1.product_id": "must be an integer"}),
        (
            {"product_id": 77, "channel_id": 2, "category_id": 18},
            {"1.category_id": "is not a field this resource accepts"},
        ),
    ],
)
def test_createProductsChannelAssignments_invalid_item_returns_422_and_assigns_nothing(
    client: httpx.Client, store: Store, item: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.put(CHANNELS, json=[{"product_id": 80, "channel_id": 2}, item])

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": INVALID, "type": TYPE, "errors": errors}
    assert snapshot(store) == before


def test_createProductsChannelAssignments_empty_batch_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(CHANNELS, json=[])

    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "title": INVALID,
        "type": TYPE,
        "errors": {"body": "must have at least 1 items"},
    }
    assert snapshot(store) == before


def test_createProductsChannelAssignments_read_only_scope_returns_403(scoped_client: Any, store: Store) -> None:
    before = snapshot(store)
    reader = scoped_client(["store_v2_products_read_only"])

    response = reader.put(CHANNELS, json=[{"product_id": 77, "channel_id": 2}])

    assert response.status_code == 403
    assert response.json() == {
        "status": 403,
        "title": "Missing scope - the v3 Auth token is valid but does not have proper permissions to access this endpoint.",
        "type": TYPE,
    }
    assert snapshot(store) == before


# --- channel assignments: removing ------------------------------------------------------


def test_deleteProductsChannelAssignments_without_a_filter_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(CHANNELS)

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "A filter is required.", "type": TYPE,
        "errors": {"filter": "At least one filter is required to delete channel assignments."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_deleteProductsChannelAssignments_takes_a_product_off_the_default_channel(client: httpx.Client) -> None:
    response = client.delete(CHANNELS, params={"product_id:in": "77", "channel_id:in": "1"})

    assert response.status_code == 204
    assert channels_of(client, 77) == []
    assert 77 not in listed_on(client, "1")
    assert len(listed_on(client, "1")) == 131
    assert channel_pairs(client, **{"product_id:in": "77"}) == []


def test_deleteProductsChannelAssignments_by_product_removes_every_channel(client: httpx.Client) -> None:
    assign(client, CHANNELS, [{"product_id": 77, "channel_id": 2}, {"product_id": 80, "channel_id": 2}])

    assert client.delete(CHANNELS, params={"product_id:in": "77"}).status_code == 204

    assert channels_of(client, 77) == []
    assert channels_of(client, 80) == [1, 2]


def test_deleteProductsChannelAssignments_by_channel_keeps_the_others(client: httpx.Client) -> None:
    assign(client, CHANNELS, [{"product_id": 77, "channel_id": 2}, {"product_id": 80, "channel_id": 2}])
    assign(client, CHANNELS, [{"product_id": 80, "channel_id": 3}])

    assert client.delete(CHANNELS, params={"channel_id:in": "2"}).status_code == 204

    assert (channels_of(client, 77), channels_of(client, 80)) == ([1], [1, 3])
    assert listed_on(client, "2") == []


def test_deleteProductsChannelAssignments_whole_default_channel(client: httpx.Client, store: Store) -> None:
    assign(client, CHANNELS, [{"product_id": 80, "channel_id": 2}])

    assert client.delete(CHANNELS, params={"channel_id:in": "1"}).status_code == 204

    assert listed_on(client, "1") == []
    assert listed_on(client, "1,2") == [80]
    assert channel_pairs(client) == [(80, 2)]
    assert client.get(PRODUCTS).json()["meta"]["pagination"]["total"] == 132


def test_deleteProductsChannelAssignments_unknown_ids_change_nothing(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(CHANNELS, params={"product_id:in": "5,6", "channel_id:in": "1"})

    assert response.status_code == 204
    assert snapshot(store) == before


def test_createProductsChannelAssignments_puts_a_product_back_on_the_default_channel(client: httpx.Client) -> None:
    client.delete(CHANNELS, params={"product_id:in": "77"})

    assign(client, CHANNELS, [{"product_id": 77, "channel_id": 1}])

    assert channels_of(client, 77) == [1]
    assert 77 in listed_on(client, "1")


def test_getProducts_channel_id_in_combines_with_other_filters(client: httpx.Client) -> None:
    client.delete(CHANNELS, params={"product_id:in": "77,78", "channel_id:in": "1"})
    assign(client, CHANNELS, [{"product_id": 78, "channel_id": 2}])

    assert listed_on(client, "1", **{"id:in": "77,78,80"}) == [80]
    assert listed_on(client, "1,2", **{"id:in": "77,78,80"}) == [78, 80]
    assert listed_on(client, "2", **{"id:in": "77,78,80"}) == [78]


def test_deleteProduct_deletes_its_channel_assignments(client: httpx.Client, store: Store, heard: list[Event]) -> None:
    assign(client, CHANNELS, [{"product_id": 77, "channel_id": 2}])
    heard.clear()

    assert client.delete(f"{PRODUCTS}/77").status_code == 204

    assert store.product_channels.get(77) is None
    assert ("channel_assignment", "deleted", 77) in [(e.resource, e.action, e.id) for e in heard]
    assert channel_pairs(client, **{"channel_id:in": "2"}) == []
    assert client.get(CHANNELS).json()["meta"]["pagination"]["total"] == 131


# --- category assignments: listing ------------------------------------------------------


def test_getProductsCategoryAssignments_lists_every_pair_by_product_then_category(
    client: httpx.Client, store: Store
) -> None:
    expected = [(p.id, c) for p in store.products.values() for c in sorted(p.categories)]

    response = client.get(CATEGORIES, params={"limit": 250})
    found = pairs(response, "category_id") + category_pairs(client, limit=250, page=2)

    assert found == expected
    assert response.json()["meta"]["pagination"]["total"] == len(expected) == 306


def test_getProductsCategoryAssignments_pages(client: httpx.Client, store: Store) -> None:
    expected = [(p.id, c) for p in store.products.values() for c in sorted(p.categories)]

    response = client.get(CATEGORIES, params={"limit": 7, "page": 3})

    assert pairs(response, "category_id") == expected[14:21]
    assert response.json()["meta"]["pagination"] == {
        "total": 306, "count": 7, "per_page": 7, "current_page": 3, "total_pages": 44,
        "links": {"current": "?page=3&limit=7", "previous": "?page=2&limit=7", "next": "?page=4&limit=7"},
    }  # fmt: skip


def test_getProductsCategoryAssignments_category_id_in_filters(client: httpx.Client) -> None:
    response = client.get(CATEGORIES, params={"category_id:in": "40,999"})

    assert pairs(response, "category_id") == [(p, 40) for p in PATTERNS]
    assert response.json()["meta"]["pagination"]["total"] == 4


def test_getProductsCategoryAssignments_product_id_in_filters(client: httpx.Client, store: Store) -> None:
    own = sorted(store.products.require(115).categories)

    assert category_pairs(client, **{"product_id:in": "115,5"}) == [(115, c) for c in own]
    assert category_pairs(client, **{"product_id:in": "115,129", "category_id:in": "40"}) == [(115, 40), (129, 40)]


def test_getProductsCategoryAssignments_follows_product_updates(client: httpx.Client) -> None:
    assert client.put(f"{PRODUCTS}/77", json={"categories": [40, 18]}).status_code == 200

    assert category_pairs(client, **{"product_id:in": "77"}) == [(77, 18), (77, 40)]
    assert category_pairs(client, **{"category_id:in": "40"})[0] == (77, 40)


# --- category assignments: assigning ---------------------------------------------------


def test_createProductsCategoryAssignments_adds_categories_to_products(
    client: httpx.Client, store: Store, heard: list[Event]
) -> None:
    before = store.products.require(77)

    assign(client, CATEGORIES, [{"product_id": 77, "category_id": 40}, {"product_id": 78, "category_id": 40}])

    product = store.products.require(77)
    assert product.categories == (*before.categories, 40)
    assert product.date_modified > before.date_modified
    assert category_pairs(client, **{"category_id:in": "40"}) == [(p, 40) for p in sorted([77, 78, *PATTERNS])]
    response = client.get(PRODUCTS, params={"categories:in": "40"})
    assert [p["id"] for p in response.json()["data"]] == sorted([77, 78, *PATTERNS])
    assert [(e.resource, e.action, e.id) for e in heard] == [("product", "updated", 77), ("product", "updated", 78)]


def test_createProductsCategoryAssignments_existing_pair_changes_nothing(
    client: httpx.Client, store: Store, heard: list[Event]
) -> None:
    before = snapshot(store)

    assign(client, CATEGORIES, [{"product_id": 115, "category_id": 40}, {"product_id": 115, "category_id": 18}])

    assert snapshot(store) == before
    assert heard == []


def test_createProductsCategoryAssignments_same_pair_twice_is_added_once(client: httpx.Client, store: Store) -> None:
    assign(client, CATEGORIES, [{"product_id": 77, "category_id": 40}, {"product_id": 77, "category_id": 40}])

    assert store.products.require(77).categories.count(40) == 1


def test_createProductsCategoryAssignments_unknown_ids_return_422_and_assign_nothing(
    client: httpx.Client, store: Store
) -> None:
    before = snapshot(store)

    response = client.put(
        CATEGORIES,
        json=[
            {"product_id": 77, "category_id": 40},
            {"product_id": 5, "category_id": 40},
            {"product_id": 78, "category_id": 999},
        ],
    )

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The category assignments were not saved.", "type": TYPE,
        "errors": {"1.product_id": "Product 5 does not exist.", "2.category_id": "Category 999 does not exist."},
    }  # fmt: skip
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("item", "errors"),
    [
        ({"product_id": 77, "category_id": 0}, {"1.category_id": "must be at least 1"}),
        ({"product_id": 77}, {"1.category_id": "error.path.missing"}),
        (
            {"product_id": 77, "category_id": 40, "channel_id": 1},
            {"1.channel_id": "is not a field this resource accepts"},
        ),
    ],
)
def test_createProductsCategoryAssignments_invalid_item_returns_422_and_assigns_nothing(
    client: httpx.Client, store: Store, item: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.put(CATEGORIES, json=[{"product_id": 78, "category_id": 40}, item])

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": INVALID, "type": TYPE, "errors": errors}
    assert snapshot(store) == before


def _fill_categories(store: Store, product_id: int, count: int) -> None:
    """Put ``product_id`` in ``count`` categories (new leaves under "Archive", 44)."""
    first = 1000
    for n in range(count - 1):
        category_id = first + n
        store.categories.put(
            category_id,
            Category(id=category_id, tree_id=1, parent_id=44, name=f"Bin {n}", custom_url=CustomUrl(f"/bin-{n}/")),
        )
    product = store.products.require(product_id)
    store.products.put(product_id, replace(product, categories=(18, *range(first, first + count - 1))))


def test_createProductsCategoryAssignments_up_to_1000_categories_is_accepted(
    client: httpx.Client, store: Store
) -> None:
    _fill_categories(store, 77, 999)

    assign(client, CATEGORIES, [{"product_id": 77, "category_id": 40}, {"product_id": 77, "category_id": 18}])

    assert len(store.products.require(77).categories) == 1000


def test_createProductsCategoryAssignments_past_1000_categories_returns_422(client: httpx.Client, store: Store) -> None:
    _fill_categories(store, 77, 999)
    before = snapshot(store)

    response = client.put(
        CATEGORIES,
        json=[
            {"product_id": 77, "category_id": 40},
            {"product_id": 78, "category_id": 40},
            {"product_id": 77, "category_id": 41},
        ],
    )

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The category assignments were not saved.", "type": TYPE,
        "errors": {"2.category_id": "Product 77 would be in more than 1000 categories."},
    }  # fmt: skip
    assert snapshot(store) == before


# --- category assignments: removing ----------------------------------------------------


def test_deleteProductsCategoryAssignments_without_a_filter_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(CATEGORIES)

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "A filter is required.", "type": TYPE,
        "errors": {"filter": "At least one filter is required to delete category assignments."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_deleteProductsCategoryAssignments_by_category(client: httpx.Client, store: Store, heard: list[Event]) -> None:
    before = store.products.require(115)

    assert client.delete(CATEGORIES, params={"category_id:in": "40"}).status_code == 204

    assert category_pairs(client, **{"category_id:in": "40"}) == []
    product = store.products.require(115)
    assert product.categories == tuple(c for c in before.categories if c != 40)
    assert product.date_modified > before.date_modified
    assert [(e.resource, e.action, e.id) for e in heard] == [("product", "updated", p) for p in PATTERNS]
    assert client.get(PRODUCTS, params={"categories:in": "40"}).json()["data"] == []


def test_deleteProductsCategoryAssignments_by_product_removes_every_category(
    client: httpx.Client, store: Store
) -> None:
    assert client.delete(CATEGORIES, params={"product_id:in": "115,5"}).status_code == 204

    assert store.products.require(115).categories == ()
    assert category_pairs(client, **{"product_id:in": "115"}) == []
    assert category_pairs(client, **{"category_id:in": "40"}) == [(p, 40) for p in PATTERNS[1:]]


def test_deleteProductsCategoryAssignments_by_product_and_category(client: httpx.Client, store: Store) -> None:
    assert client.delete(CATEGORIES, params={"product_id:in": "115,77", "category_id:in": "40"}).status_code == 204

    assert 40 not in store.products.require(115).categories
    assert 18 in store.products.require(115).categories
    assert category_pairs(client, **{"category_id:in": "40"}) == [(p, 40) for p in PATTERNS[1:]]


def test_deleteProductsCategoryAssignments_nothing_matched_changes_nothing(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(CATEGORIES, params={"product_id:in": "77", "category_id:in": "40"})

    assert response.status_code == 204
    assert snapshot(store) == before


def test_deleteProduct_removes_its_category_assignments(client: httpx.Client) -> None:
    assert client.delete(f"{PRODUCTS}/115").status_code == 204

    assert category_pairs(client, **{"product_id:in": "115"}) == []
    assert category_pairs(client, **{"category_id:in": "40"}) == [(p, 40) for p in PATTERNS[1:]]
