"""v3 category product sort order through HTTP.

Demo: category 40 ("Patterns", tree 1) holds products 115, 129, 176 and 237; category 18
("Shop All") holds all 132 products; product 77 is not in category 40.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.categories import Category, CategoryTree
from mockbc.domain.events import Event
from mockbc.domain.records import CustomUrl

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
PRODUCTS = f"{V3}/catalog/products"
TYPE = "/api-docs/getting-started/api-status-codes"
INVALID = "JSON data is missing or invalid"
PATTERNS = [115, 129, 176, 237]


def sort_order(category_id: int) -> str:
    return f"{V3}/catalog/categories/{category_id}/products/sort-order"


SORT_40 = sort_order(40)


def snapshot(store: Store) -> tuple[tuple[Any, ...], ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def positions(client: httpx.Client, category_id: int = 40, **params: Any) -> list[tuple[int, int | None]]:
    response = client.get(sort_order(category_id), params=params)
    assert response.status_code == 200, response.text
    return [(item["product_id"], item["sort_order"]) for item in response.json()["data"]]


def put(client: httpx.Client, items: list[dict[str, int]], category_id: int = 40) -> list[dict[str, Any]]:
    response = client.put(sort_order(category_id), json=items)
    assert response.status_code == 200, response.text
    body: list[dict[str, Any]] = response.json()
    return body


# --- reading ---------------------------------------------------------------------------


def test_getCategorySortOrders_products_without_an_order_have_null(client: httpx.Client) -> None:
    response = client.get(SORT_40)

    assert response.status_code == 200
    assert response.json() == {
        "data": [{"product_id": p, "sort_order": None} for p in PATTERNS],
        "meta": {
            "pagination": {
                "total": 4, "count": 4, "per_page": 50, "current_page": 1, "total_pages": 1,
                "links": {"current": "?page=1&limit=50"},
            }
        },
    }  # fmt: skip


def test_getCategorySortOrders_explicit_orders_first_ascending_then_nulls(client: httpx.Client) -> None:
    put(client, [{"product_id": 237, "sort_order": 5}, {"product_id": 129, "sort_order": 0}])

    assert positions(client) == [(129, 0), (237, 5), (115, None), (176, None)]


def test_getCategorySortOrders_equal_orders_go_by_product_id(client: httpx.Client) -> None:
    put(client, [{"product_id": 237, "sort_order": 2}, {"product_id": 176, "sort_order": 2}])

    assert positions(client) == [(176, 2), (237, 2), (115, None), (129, None)]


def test_getCategorySortOrders_pages(client: httpx.Client, store: Store) -> None:
    in_shop_all = sorted(store.products.lookup("categories", 18))
    put(client, [{"product_id": in_shop_all[-1], "sort_order": 1}], category_id=18)

    response = client.get(sort_order(18), params={"limit": 3, "page": 2})

    assert response.status_code == 200
    assert [(i["product_id"], i["sort_order"]) for i in response.json()["data"]] == [
        (p, None) for p in in_shop_all[2:5]
    ]
    assert response.json()["meta"]["pagination"] == {
        "total": 132, "count": 3, "per_page": 3, "current_page": 2, "total_pages": 44,
        "links": {"current": "?page=2&limit=3", "previous": "?page=1&limit=3", "next": "?page=3&limit=3"},
    }  # fmt: skip
    assert positions(client, 18, limit=1) == [(in_shop_all[-1], 1)]


def test_getCategorySortOrders_limit_over_250_returns_413(client: httpx.Client) -> None:
    response = client.get(SORT_40, params={"limit": 300})

    assert response.status_code == 413
    assert response.json() == {
        "status": 413, "title": "The limit is too high. The maximum limit is 250.", "type": TYPE,
        "errors": {"limit": "must be at most 250"},
    }  # fmt: skip


def test_getCategorySortOrders_empty_category_lists_nothing(client: httpx.Client) -> None:
    assert positions(client, 19) == []


@pytest.mark.parametrize("category_id", ["999", "0", "abc"])
def test_getCategorySortOrders_unknown_category_returns_404(client: httpx.Client, category_id: str) -> None:
    response = client.get(f"{V3}/catalog/categories/{category_id}/products/sort-order")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested category was not found.", "type": TYPE}


def _category_of_tree_2(store: Store) -> int:
    store.trees.put(2, CategoryTree(id=2, name="Wholesale", channels=(2,)))
    store.categories.put(900, Category(id=900, tree_id=2, parent_id=0, name="Bulk", custom_url=CustomUrl("/bulk/")))
    return 900


def test_getCategorySortOrders_category_of_another_tree_returns_404(client: httpx.Client, store: Store) -> None:
    category_id = _category_of_tree_2(store)

    response = client.get(sort_order(category_id))

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested category was not found.", "type": TYPE}


# --- writing ---------------------------------------------------------------------------


def test_updateCategorySortOrders_answers_the_items_as_a_bare_array(client: httpx.Client) -> None:
    items = [{"product_id": 176, "sort_order": 3}, {"product_id": 115, "sort_order": 1}]

    response = client.put(SORT_40, json=items)

    assert response.status_code == 200
    assert response.json() == items


def test_updateCategorySortOrders_changes_an_existing_order(client: httpx.Client, store: Store) -> None:
    put(client, [{"product_id": 176, "sort_order": 3}])
    heard: list[Event] = []
    unsubscribe = store.subscribe(heard.append)

    put(client, [{"product_id": 176, "sort_order": 9}, {"product_id": 115, "sort_order": 4}])

    assert positions(client) == [(115, 4), (176, 9), (129, None), (237, None)]
    assert len(store.category_sort_orders) == len(store.seed.category_sort_orders) + 2
    unsubscribe()
    assert [(e.resource, e.action) for e in heard] == [
        ("category_sort_order", "updated"),
        ("category_sort_order", "created"),
    ]


def test_updateCategorySortOrders_same_order_again_changes_nothing(client: httpx.Client, store: Store) -> None:
    put(client, [{"product_id": 176, "sort_order": 3}])
    before = snapshot(store)

    put(client, [{"product_id": 176, "sort_order": 3}])

    assert snapshot(store) == before


def test_updateCategorySortOrders_orders_are_per_category(client: httpx.Client) -> None:
    put(client, [{"product_id": 115, "sort_order": 7}])

    assert (115, None) in positions(client, 18, limit=250)
    assert positions(client)[0] == (115, 7)


def test_updateCategorySortOrders_product_not_in_the_category_returns_422_and_saves_nothing(
    client: httpx.Client, store: Store
) -> None:
    before = snapshot(store)

    response = client.put(
        SORT_40,
        json=[
            {"product_id": 115, "sort_order": 1},
            {"product_id": 77, "sort_order": 2},
            {"product_id": 5, "sort_order": 3},
        ],
    )

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The sort order was not saved.", "type": TYPE,
        "errors": {"1.product_id": "Product 77 is not in category 40.", "2.product_id": "Product 5 does not exist."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_updateCategorySortOrders_product_twice_returns_422_and_saves_nothing(
    client: httpx.Client, store: Store
) -> None:
    before = snapshot(store)

    response = client.put(SORT_40, json=[{"product_id": 115, "sort_order": 1}, {"product_id": 115, "sort_order": 2}])

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The sort order was not saved.", "type": TYPE,
        "errors": {"1.product_id": "appears more than once in the batch"},
    }  # fmt: skip
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("item", "errors"),
    [
        ({"product_id": 129, "sort_order": -1}, {"1.sort_order": "must be at least 0"}),
        ({"product_id": 129}, {"1.sort_order": "error.path.missing"}),
        ({"sort_order": 1}, {"1.product_id": "error.path.missing"}),
        ({"product_id": 129, "sort_order": None}, {"1.sort_order": "must be an integer"}),
        (
            {"product_id": 129, "sort_order": 1, "category_id": 40},
            {"1.category_id": "is not a field this resource accepts"},
        ),
    ],
)
def test_updateCategorySortOrders_invalid_item_returns_422_and_saves_nothing(
    client: httpx.Client, store: Store, item: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.put(SORT_40, json=[{"product_id": 115, "sort_order": 1}, item])

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": INVALID, "type": TYPE, "errors": errors}
    assert snapshot(store) == before


def test_updateCategorySortOrders_empty_batch_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(SORT_40, json=[])

    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "title": INVALID,
        "type": TYPE,
        "errors": {"body": "must have at least 1 items"},
    }
    assert snapshot(store) == before


def test_updateCategorySortOrders_unknown_category_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(sort_order(999), json=[{"product_id": 115, "sort_order": 1}])

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested category was not found.", "type": TYPE}
    assert snapshot(store) == before


def test_updateCategorySortOrders_read_only_scope_returns_403(scoped_client: Any, store: Store) -> None:
    before = snapshot(store)
    reader = scoped_client(["store_v2_products_read_only"])

    response = reader.put(SORT_40, json=[{"product_id": 115, "sort_order": 1}])

    assert response.status_code == 403
    assert response.json()["status"] == 403
    assert reader.get(SORT_40).status_code == 200
    assert snapshot(store) == before


# --- lifetime of an order --------------------------------------------------------------


def test_updateCategorySortOrders_order_returns_when_the_product_comes_back(client: httpx.Client) -> None:
    put(client, [{"product_id": 115, "sort_order": 2}])

    assert (
        client.delete(
            f"{PRODUCTS}/category-assignments", params={"product_id:in": "115", "category_id:in": "40"}
        ).status_code
        == 204
    )
    assert positions(client) == [(129, None), (176, None), (237, None)]
    response = client.put(f"{PRODUCTS}/category-assignments", json=[{"product_id": 115, "category_id": 40}])
    assert response.status_code == 204

    assert positions(client) == [(115, 2), (129, None), (176, None), (237, None)]


def test_deleteProduct_deletes_its_sort_orders(client: httpx.Client, store: Store) -> None:
    put(client, [{"product_id": 115, "sort_order": 2}, {"product_id": 129, "sort_order": 1}])

    assert client.delete(f"{PRODUCTS}/115").status_code == 204

    assert [r.product_id for r in store.category_sort_orders.values() if r.category_id == 40] == [129]
    assert positions(client) == [(129, 1), (176, None), (237, None)]


def test_deleteCategory_deletes_its_sort_orders(client: httpx.Client, store: Store) -> None:
    put(client, [{"product_id": 115, "sort_order": 2}])
    client.delete(f"{PRODUCTS}/category-assignments", params={"category_id:in": "40"})

    assert client.delete(f"{V3}/catalog/categories/40").status_code == 204

    assert len(store.category_sort_orders) == len(store.seed.category_sort_orders)  # the demo's own, elsewhere
