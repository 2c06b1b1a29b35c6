"""Filtering and paging metafield lists: key, namespace, id and date filters, direction,
offset pages and cursor pages (``before``/``after``)."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.clock import FrozenClock

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
TYPE = "/api-docs/getting-started/api-status-codes"
PRODUCT = f"{V3}/catalog/products/77/metafields"
PRODUCTS_ALL = f"{V3}/catalog/products/metafields"
CATEGORY = f"{V3}/catalog/categories/19/metafields"
BRAND = f"{V3}/catalog/brands/1/metafields"
VARIANT = f"{V3}/catalog/products/95/variants/101/metafields"
NEW = {"namespace": "Warehouse", "key": "bin", "value": "4HG", "permission_set": "read"}
FILTER_TITLE = "The filter(s) given are invalid."


def create(client: httpx.Client, path: str = PRODUCT, **fields: Any) -> dict[str, Any]:
    response = client.post(path, json={**NEW, **fields})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def ids(client: httpx.Client, path: str = PRODUCT, **params: Any) -> list[int]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return [m["id"] for m in response.json()["data"]]


def cursor(metafield_id: int) -> str:
    return base64.b64encode(f"id:{metafield_id}".encode()).decode()


@pytest.fixture(autouse=True)
def _no_demo_metafields(store: Store) -> None:
    """These tests read store-wide lists too: they start without the demo's own metafields."""
    for table in ("product_metafields", "variant_metafields", "category_metafields", "brand_metafields"):
        store.delete(table, [m.id for m in store.table(table).values()])


@pytest.fixture
def five(client: httpx.Client) -> list[int]:
    """Five metafields of product 77: keys a..e, namespaces alternating Warehouse / Shipping."""
    return [
        create(client, key=key, namespace="Warehouse" if n % 2 == 0 else "Shipping")["id"]
        for n, key in enumerate("abcde")
    ]


# --- filters ------------------------------------------------------------------------


@pytest.mark.parametrize("path", [PRODUCT, PRODUCTS_ALL])
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"key": "b"}, [1]),
        ({"key:in": "a,c,zz"}, [0, 2]),
        ({"namespace": "Shipping"}, [1, 3]),
        ({"namespace:in": "Warehouse"}, [0, 2, 4]),
        ({"namespace": "Warehouse", "key:in": "a,b,c"}, [0, 2]),
        ({"key": "B"}, []),
        ({"key": "nothing"}, []),
    ],
)
def test_list_metafields_filters_by_key_and_namespace(
    client: httpx.Client, five: list[int], path: str, params: dict[str, str], expected: list[int]
) -> None:
    assert ids(client, path, **params) == [five[i] for i in expected]


def test_list_metafields_key_in_repeated_counts_every_value(client: httpx.Client, five: list[int]) -> None:
    response = client.get(PRODUCT, params=[("key:in", "a"), ("key:in", "e")])

    assert [m["id"] for m in response.json()["data"]] == [five[0], five[4]]


@pytest.mark.parametrize("path", [PRODUCT, PRODUCTS_ALL, VARIANT])
def test_list_metafields_direction_desc_reverses_id_order(client: httpx.Client, path: str) -> None:
    owner = PRODUCT if path == PRODUCTS_ALL else path
    made = [create(client, owner, key=k)["id"] for k in "abc"]

    assert ids(client, path, direction="desc") == made[::-1]


def test_list_metafields_resource_id_in_narrows_a_products_list(client: httpx.Client, five: list[int]) -> None:
    assert ids(client, PRODUCT, **{"resource_id:in": "77,78"}) == five
    assert ids(client, PRODUCT, **{"resource_id:in": "78"}) == []


def test_list_metafields_resource_id_in_not_a_number_returns_422(client: httpx.Client) -> None:
    response = client.get(PRODUCT, params={"resource_id:in": "77,x"})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": FILTER_TITLE, "type": TYPE, "errors": {"resource_id:in": "'x' is not an integer"},
    }  # fmt: skip


@pytest.mark.parametrize("path", [CATEGORY, BRAND])
def test_list_metafields_filters_by_id(client: httpx.Client, path: str) -> None:
    made = [create(client, path, key=k)["id"] for k in "abcd"]

    assert ids(client, path, id=made[1]) == [made[1]]
    assert ids(client, path, **{"id:in": f"{made[0]},{made[3]}"}) == [made[0], made[3]]
    assert ids(client, path, **{"id:not_in": f"{made[0]}"}) == made[1:]
    assert ids(client, path, **{"id:min": made[1], "id:max": made[2]}) == made[1:3]
    assert ids(client, path, **{"id:greater": made[2]}) == [made[3]]
    assert ids(client, path, **{"id:less": made[1]}) == [made[0]]


def test_list_metafields_bad_id_filter_returns_422(client: httpx.Client) -> None:
    response = client.get(CATEGORY, params={"id": "abc"})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "title": FILTER_TITLE,
        "type": TYPE,
        "errors": {"id": "'abc' is not an integer"},
    }


@pytest.mark.parametrize("path", [PRODUCT, PRODUCTS_ALL])
def test_list_metafields_filters_by_dates(
    client: httpx.Client, store: Store, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    clock = FrozenClock(datetime(2024, 5, 14, 9, 0, tzinfo=UTC))
    monkeypatch.setattr(store, "clock", clock)
    early = create(client, key="early")["id"]
    clock.set(datetime(2024, 6, 1, 12, 0, tzinfo=UTC))
    late = create(client, key="late")["id"]
    clock.set(datetime(2024, 7, 1, 12, 0, tzinfo=UTC))
    assert client.put(f"{PRODUCT}/{early}", json={"value": "touched"}).status_code == 200

    assert ids(client, path, **{"date_created:min": "2024-05-20"}) == [late]
    assert ids(client, path, **{"date_created:max": "2024-05-14T09:00:00"}) == [early]
    assert ids(client, path, **{"date_modified:min": "2024-06-15T00:00:00Z"}) == [early]
    assert ids(client, path, **{"date_modified:max": "2024-06-15"}) == [late]


def test_list_metafields_bad_date_filter_returns_422(client: httpx.Client) -> None:
    response = client.get(PRODUCT, params={"date_created:min": "yesterday"})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": FILTER_TITLE, "type": TYPE, "errors": {"date_created:min": "'yesterday' is not a date"},
    }  # fmt: skip


# --- offset pages -------------------------------------------------------------------


def test_list_metafields_first_page_carries_both_paginations(client: httpx.Client, five: list[int]) -> None:
    response = client.get(PRODUCT, params={"limit": 2})

    assert response.status_code == 200
    body = response.json()
    assert [m["id"] for m in body["data"]] == five[:2]
    assert body["meta"] == {
        "pagination": {
            "total": 5, "count": 2, "per_page": 2, "current_page": 1, "total_pages": 3,
            "links": {"current": "?page=1&limit=2", "next": "?page=2&limit=2"},
        },
        "cursor_pagination": {
            "count": 2, "per_page": 2, "start_cursor": cursor(five[0]), "end_cursor": cursor(five[1]),
            "links": {"current": "?limit=2", "next": f"?limit=2&after={quote(cursor(five[1]), safe='')}"},
        },
    }  # fmt: skip


def test_list_metafields_later_page_carries_offset_pagination_only(client: httpx.Client, five: list[int]) -> None:
    response = client.get(PRODUCT, params={"limit": 2, "page": 3})

    body = response.json()
    assert [m["id"] for m in body["data"]] == five[4:]
    assert body["meta"] == {
        "pagination": {
            "total": 5, "count": 1, "per_page": 2, "current_page": 3, "total_pages": 3,
            "links": {"current": "?page=3&limit=2", "previous": "?page=2&limit=2"},
        }
    }  # fmt: skip


def test_list_metafields_limit_above_250_returns_413(client: httpx.Client) -> None:
    response = client.get(PRODUCTS_ALL, params={"limit": 251})

    assert response.status_code == 413
    assert response.json() == {
        "status": 413, "title": "The limit is too high. The maximum limit is 250.", "type": TYPE,
        "errors": {"limit": "must be at most 250"},
    }  # fmt: skip


# --- cursor pages -------------------------------------------------------------------


def test_list_metafields_after_a_cursor_returns_the_next_page(client: httpx.Client, five: list[int]) -> None:
    after = cursor(five[1])

    response = client.get(PRODUCT, params={"limit": 2, "after": after, "page": 7})

    assert response.status_code == 200
    body = response.json()
    assert [m["id"] for m in body["data"]] == five[2:4]
    assert body["meta"] == {
        "cursor_pagination": {
            "count": 2, "per_page": 2, "start_cursor": cursor(five[2]), "end_cursor": cursor(five[3]),
            "links": {
                "current": f"?limit=2&after={quote(after, safe='')}",
                "previous": f"?limit=2&before={quote(cursor(five[2]), safe='')}",
                "next": f"?limit=2&after={quote(cursor(five[3]), safe='')}",
            },
        }
    }  # fmt: skip


def test_list_metafields_before_a_cursor_returns_the_previous_page(client: httpx.Client, five: list[int]) -> None:
    response = client.get(PRODUCT, params={"limit": 2, "before": cursor(five[2])})

    body = response.json()
    assert [m["id"] for m in body["data"]] == five[:2]
    assert "previous" not in body["meta"]["cursor_pagination"]["links"]
    assert body["meta"]["cursor_pagination"]["links"]["next"] == f"?limit=2&after={quote(cursor(five[1]), safe='')}"


def test_list_metafields_following_next_links_visits_every_metafield_once(
    client: httpx.Client, five: list[int]
) -> None:
    seen: list[int] = []
    link: str | None = "?limit=2"
    while link is not None:
        body = client.get(f"{PRODUCT}{link}").json()
        seen += [m["id"] for m in body["data"]]
        link = body["meta"]["cursor_pagination"]["links"].get("next")

    assert seen == five


def test_list_metafields_cursor_with_direction_desc_walks_down(client: httpx.Client, five: list[int]) -> None:
    assert ids(client, PRODUCT, limit=2, direction="desc", after=cursor(five[3])) == [five[2], five[1]]
    assert ids(client, PRODUCT, limit=2, direction="desc", before=cursor(five[1])) == [five[3], five[2]]


def test_list_metafields_cursor_keeps_the_filters_in_its_links(client: httpx.Client, five: list[int]) -> None:
    response = client.get(PRODUCT, params={"namespace": "Warehouse", "limit": 1, "after": cursor(five[0])})

    body = response.json()
    assert [m["id"] for m in body["data"]] == [five[2]]
    assert body["meta"]["cursor_pagination"]["links"]["next"] == (
        f"?namespace=Warehouse&limit=1&after={quote(cursor(five[2]), safe='')}"
    )


def test_list_metafields_cursor_past_the_end_returns_an_empty_page(client: httpx.Client, five: list[int]) -> None:
    response = client.get(PRODUCT, params={"after": cursor(five[4])})

    assert response.status_code == 200
    assert response.json() == {
        "data": [],
        "meta": {
            "cursor_pagination": {
                "count": 0, "per_page": 50, "links": {"current": f"?limit=50&after={quote(cursor(five[4]), safe='')}"},
            }
        },
    }  # fmt: skip


@pytest.mark.parametrize("raw", ["nonsense!", base64.b64encode(b"page:3").decode(), base64.b64encode(b"id:x").decode()])
def test_list_metafields_malformed_cursor_returns_422(client: httpx.Client, raw: str) -> None:
    response = client.get(PRODUCTS_ALL, params={"after": raw})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": FILTER_TITLE, "type": TYPE, "errors": {"after": f"'{raw}' is not a cursor"},
    }  # fmt: skip


def test_list_metafields_before_and_after_together_returns_422(client: httpx.Client) -> None:
    response = client.get(PRODUCT, params={"before": cursor(5), "after": cursor(1)})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": FILTER_TITLE, "type": TYPE, "errors": {"before": "before and after cannot be used together"},
    }  # fmt: skip


def test_list_all_metafields_cursor_pages_skip_other_accounts_app_only_ones(
    client: httpx.Client, scoped_client: Any
) -> None:
    other = scoped_client(["store_v2_products"])
    mine = [create(client, key=k)["id"] for k in "ab"]
    create(other, key="hidden", permission_set="app_only")
    mine.append(create(client, key="c")["id"])

    first = client.get(PRODUCTS_ALL, params={"limit": 2, "key:in": "a,b,c,hidden"}).json()
    after = first["meta"]["cursor_pagination"]["end_cursor"]
    second = client.get(PRODUCTS_ALL, params={"limit": 2, "key:in": "a,b,c,hidden", "after": after}).json()

    assert [m["id"] for m in first["data"]] == mine[:2]
    assert first["meta"]["pagination"]["total"] == 3
    assert [m["id"] for m in second["data"]] == mine[2:]
    assert "next" not in second["meta"]["cursor_pagination"]["links"]
