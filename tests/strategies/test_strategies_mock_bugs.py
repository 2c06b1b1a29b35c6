"""Mock bugs the strategies found, kept as regression tests with their minimal requests."""

from __future__ import annotations

import pytest
from strategies_support import BRANDS, CATEGORIES, PRODUCTS, TREE_CATEGORIES, Mock

EMPTY = Mock("empty")
PRODUCT = {"name": "Dated", "type": "physical", "weight": 1, "price": 1}


def teardown_module() -> None:
    EMPTY.close()


@pytest.fixture(autouse=True)
def _reset() -> None:
    EMPTY.reset()


@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_a_lowercase_z_date_time_is_accepted(method: str) -> None:
    created = EMPTY.client.post(PRODUCTS, json=PRODUCT).json()["data"]
    body = {**PRODUCT, "preorder_release_date": "2030-01-01T00:00:00z"}
    url = PRODUCTS if method == "POST" else f"{PRODUCTS}/{created['id']}"
    response = EMPTY.client.request(method, url, json={**body, "name": "Dated 2"})
    assert response.status_code == 200


def test_a_leap_second_is_refused_with_422() -> None:
    response = EMPTY.client.post(PRODUCTS, json={**PRODUCT, "preorder_release_date": "2016-12-31T23:59:60Z"})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "JSON data is missing or invalid", "type": "/api-docs/getting-started/api-status-codes",
        "errors": {"preorder_release_date": "must be a valid date-time"},
    }  # fmt: skip


def test_brands_whose_names_slug_alike_get_distinct_urls_and_can_be_put_back() -> None:
    first = EMPTY.client.post(BRANDS, json={"name": "Foo Bar"}).json()["data"]
    second = EMPTY.client.post(BRANDS, json={"name": "Foo-Bar"}).json()["data"]
    assert first["custom_url"]["url"] != second["custom_url"]["url"]
    got = EMPTY.client.get(f"{BRANDS}/{second['id']}").json()["data"]
    assert EMPTY.client.put(f"{BRANDS}/{second['id']}", json=got).status_code == 200


def test_a_brand_with_a_long_name_can_be_put_back() -> None:
    created = EMPTY.client.post(BRANDS, json={"name": "a" * 252}).json()["data"]
    got = EMPTY.client.get(f"{BRANDS}/{created['id']}").json()["data"]
    assert EMPTY.client.put(f"{BRANDS}/{created['id']}", json=got).status_code == 200


def test_a_tree_category_can_be_put_back_through_the_categories_api() -> None:
    created = EMPTY.client.post(TREE_CATEGORIES, json=[{"name": "Long", "tree_id": 1, "page_title": "p" * 300}])
    if created.status_code == 201:
        category_id = created.json()["data"][0]["category_id"]
        got = EMPTY.client.get(f"{CATEGORIES}/{category_id}").json()["data"]
        assert EMPTY.client.put(f"{CATEGORIES}/{category_id}", json=got).status_code == 200
    else:  # fixed by refusing the long title on the trees API too
        assert created.status_code == 422


def test_a_deep_category_with_long_names_can_be_put_back() -> None:
    parent_id = 0
    for level in range(6):
        response = EMPTY.client.post(CATEGORIES, json={"parent_id": parent_id, "name": chr(ord("a") + level) * 50})
        parent_id = response.json()["data"]["id"]
    got = EMPTY.client.get(f"{CATEGORIES}/{parent_id}").json()["data"]
    assert EMPTY.client.put(f"{CATEGORIES}/{parent_id}", json=got).status_code == 200
