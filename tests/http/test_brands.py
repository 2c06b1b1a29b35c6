"""v3 catalog brands through HTTP."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store

BRANDS = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/brands"
PRODUCTS = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/products"
TYPE = "/api-docs/getting-started/api-status-codes"
INVALID = "JSON data is missing or invalid"
DEMO_NAMES = [
    "Ironbark Home", "Copperleaf Kitchen", "Kestrel Outfitters", "Fernhollow Garden", "Voltmere",
    "Lumenloom", "Tidewater Goods", "Paperwren Press", "Northbound Supply Co",
]  # fmt: skip


def snapshot(store: Store) -> tuple[list[Any], list[Any]]:
    return list(store.brands.values()), list(store.products.values())


def names(client: httpx.Client, **params: Any) -> list[str]:
    response = client.get(BRANDS, params=params)
    assert response.status_code == 200, response.text
    return [b["name"] for b in response.json()["data"]]


def test_list_brands_returns_every_brand_in_id_order(client: httpx.Client) -> None:
    response = client.get(BRANDS)

    assert response.status_code == 200
    body = response.json()
    assert [b["id"] for b in body["data"]] == list(range(1, 10))
    assert [b["name"] for b in body["data"]] == DEMO_NAMES
    assert body["data"][0] == {
        "id": 1,
        "name": "Ironbark Home",
        "page_title": "Ironbark Home | Demo Store",
        "meta_keywords": ["home", "storage", "decor"],
        "meta_description": "Sturdy, honest furniture and storage for everyday rooms.",
        "search_keywords": "home,storage,decor",
        "image_url": "",
        "custom_url": {"url": "/brands/Ironbark-Home.html", "is_customized": False},
    }
    assert body["meta"]["pagination"] == {
        "total": 9, "count": 9, "per_page": 50, "current_page": 1, "total_pages": 1,
        "links": {"current": "?page=1&limit=50"},
    }  # fmt: skip


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"id": 5}, ["Voltmere"]),
        ({"id:in": "2,4,99"}, ["Copperleaf Kitchen", "Fernhollow Garden"]),
        ({"id:not_in": "1,2,3,4,5,6,7"}, ["Paperwren Press", "Northbound Supply Co"]),
        ({"id:min": 8}, ["Paperwren Press", "Northbound Supply Co"]),
        ({"id:max": 2}, ["Ironbark Home", "Copperleaf Kitchen"]),
        ({"id:greater": 8}, ["Northbound Supply Co"]),
        ({"id:less": 2}, ["Ironbark Home"]),
        ({"name": "Voltmere"}, ["Voltmere"]),
        ({"name": "voltmere"}, []),
        ({"name:like": "OO"}, ["Lumenloom", "Tidewater Goods"]),
        ({"name:like": "en"}, ["Copperleaf Kitchen", "Fernhollow Garden", "Lumenloom", "Paperwren Press"]),
        ({"page_title": "Lumenloom | Demo Store"}, ["Lumenloom"]),
        ({"name:like": "o", "id:greater": 6}, ["Tidewater Goods", "Northbound Supply Co"]),
    ],
)
def test_list_brands_filters(client: httpx.Client, params: dict[str, Any], expected: list[str]) -> None:
    assert names(client, **params) == expected


@pytest.mark.parametrize("direction", ["asc", "desc"])
def test_list_brands_sort_by_name(client: httpx.Client, direction: str) -> None:
    expected = sorted(DEMO_NAMES, key=str.casefold, reverse=direction == "desc")

    assert names(client, sort="name", direction=direction) == expected


def test_list_brands_sort_by_name_ignores_case(client: httpx.Client) -> None:
    client.post(BRANDS, json={"name": "anchor & oak"})

    assert names(client, sort="name")[:2] == ["anchor & oak", "Copperleaf Kitchen"]


def test_list_brands_sort_by_id_is_accepted(client: httpx.Client) -> None:
    # Upstream's enum lists only name, yet production connectors send sort=id and BigCommerce answers.
    response = client.get(BRANDS, params={"sort": "id", "direction": "desc"})

    assert response.status_code == 200
    ids = [b["id"] for b in response.json()["data"]]
    assert ids == sorted(ids, reverse=True) and len(ids) == 9


def test_list_brands_unknown_sort_is_ignored(client: httpx.Client) -> None:
    response = client.get(BRANDS, params={"sort": "popularity"})

    assert response.status_code == 200
    assert [b["id"] for b in response.json()["data"]] == list(range(1, 10))


def test_list_brands_pages(client: httpx.Client) -> None:
    body = client.get(BRANDS, params={"limit": 4, "page": 2}).json()

    assert [b["id"] for b in body["data"]] == [5, 6, 7, 8]
    assert body["meta"]["pagination"] == {
        "total": 9, "count": 4, "per_page": 4, "current_page": 2, "total_pages": 3,
        "links": {"previous": "?page=1&limit=4", "current": "?page=2&limit=4", "next": "?page=3&limit=4"},
    }  # fmt: skip


def test_list_brands_include_and_exclude_fields(client: httpx.Client) -> None:
    included = client.get(BRANDS, params={"include_fields": "name", "limit": 1}).json()["data"]
    excluded = client.get(BRANDS, params={"exclude_fields": "id,meta_keywords,custom_url", "limit": 1}).json()["data"]

    assert included == [{"id": 1, "name": "Ironbark Home"}]
    assert set(excluded[0]) == {"id", "name", "page_title", "meta_description", "search_keywords", "image_url"}


def test_create_brand_returns_200_with_default_url(client: httpx.Client, store: Store) -> None:
    response = client.post(BRANDS, json={"name": "Saltmarsh Studio", "meta_keywords": ["sea"]})

    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "id": 10, "name": "Saltmarsh Studio", "page_title": "", "meta_keywords": ["sea"], "meta_description": "",
            "search_keywords": "", "image_url": "",
            "custom_url": {"url": "/brands/Saltmarsh-Studio.html", "is_customized": False},
        },
        "meta": {},
    }  # fmt: skip
    assert len(store.brands) == 10
    assert client.get(f"{BRANDS}/10").json()["data"]["name"] == "Saltmarsh Studio"


def test_create_brand_with_custom_url(client: httpx.Client) -> None:
    response = client.post(BRANDS, json={"name": "Saltmarsh", "custom_url": {"url": "/saltmarsh/"}})

    assert response.json()["data"]["custom_url"] == {"url": "/saltmarsh/", "is_customized": True}


def test_create_brand_duplicate_name_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(BRANDS, json={"name": "VOLTMERE"})

    assert response.status_code == 409
    assert response.json() == {
        "status": 409,
        "title": "The brand name is a duplicate.",
        "type": TYPE,
        "errors": {"name": "A brand named 'VOLTMERE' already exists."},
    }
    assert snapshot(store) == before


def test_create_brand_duplicate_custom_url_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(BRANDS, json={"name": "Volt", "custom_url": {"url": "/brands/Voltmere.html"}})

    assert response.status_code == 409
    assert response.json() == {
        "status": 409,
        "title": "The custom URL is a duplicate.",
        "type": TYPE,
        "errors": {"custom_url": "The URL '/brands/Voltmere.html' is already in use."},
    }
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"name": "error.path.missing"}),
        ({"name": ""}, {"name": "must be at least 1 characters long"}),
        ({"name": "b" * 256}, {"name": "must be at most 255 characters long"}),
        ({"name": "B", "meta_keywords": "one,two"}, {"meta_keywords": "must be an array"}),
        ({"name": "B", "colour": "red"}, {"colour": "is not a field this resource accepts"}),
    ],
)
def test_create_brand_invalid_body_returns_422(
    client: httpx.Client, store: Store, body: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(BRANDS, json=body)

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": INVALID, "type": TYPE, "errors": errors}
    assert snapshot(store) == before


def test_get_brand(client: httpx.Client) -> None:
    response = client.get(f"{BRANDS}/5")

    assert response.status_code == 200
    assert response.json()["meta"] == {}
    assert response.json()["data"]["name"] == "Voltmere"


def test_get_brand_unknown_id_returns_404(client: httpx.Client) -> None:
    response = client.get(f"{BRANDS}/99")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested brand was not found.", "type": TYPE}


def test_update_brand_changes_only_sent_fields(client: httpx.Client) -> None:
    before = client.get(f"{BRANDS}/5").json()["data"]

    response = client.put(f"{BRANDS}/5", json={"page_title": "Voltmere audio", "id": 77})

    assert response.status_code == 200
    after = response.json()["data"]
    assert after == {**before, "page_title": "Voltmere audio"}
    assert client.get(f"{BRANDS}/5").json()["data"] == after


def test_update_brand_rename_frees_old_name(client: httpx.Client) -> None:
    assert client.put(f"{BRANDS}/5", json={"name": "Voltmere Audio"}).status_code == 200

    assert client.post(BRANDS, json={"name": "Voltmere"}).status_code == 200
    assert names(client, name="Voltmere Audio") == ["Voltmere Audio"]


def test_update_brand_duplicate_name_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{BRANDS}/5", json={"name": "lumenloom"})

    assert response.status_code == 409
    assert response.json() == {
        "status": 409,
        "title": "The brand name is a duplicate.",
        "type": TYPE,
        "errors": {"name": "A brand named 'lumenloom' already exists."},
    }
    assert snapshot(store) == before


def test_update_brand_unknown_id_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{BRANDS}/99", json={"page_title": "x"})

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested brand was not found.", "type": TYPE}
    assert snapshot(store) == before


def test_delete_brand_returns_204_and_unlinks_its_products(client: httpx.Client, store: Store) -> None:
    linked = [p.id for p in store.products.values() if p.brand_id == 5]

    response = client.delete(f"{BRANDS}/5")

    assert response.status_code == 204
    assert response.content == b""
    assert client.get(f"{BRANDS}/5").status_code == 404
    assert linked
    assert all(client.get(f"{PRODUCTS}/{pid}").json()["data"]["brand_id"] == 0 for pid in linked)


def test_delete_brand_unknown_id_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(f"{BRANDS}/99")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested brand was not found.", "type": TYPE}
    assert snapshot(store) == before


@pytest.mark.parametrize("params", [{}, {"name": ""}, {"page_title": "Voltmere | Demo Store"}, {"id:in": "5"}])
def test_delete_brands_without_name_returns_422(client: httpx.Client, store: Store, params: dict[str, str]) -> None:
    before = snapshot(store)

    response = client.delete(BRANDS, params=params)

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The filter(s) given are invalid.", "type": TYPE, "errors": {"name": "error.path.missing"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_delete_brands_by_name(client: httpx.Client, store: Store) -> None:
    response = client.delete(BRANDS, params={"name": "Voltmere"})

    assert response.status_code == 204
    assert store.brands.get(5) is None
    assert len(store.brands) == 8


def test_delete_brands_by_name_and_page_title_must_both_match(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    assert client.delete(BRANDS, params={"name": "Voltmere", "page_title": "Other"}).status_code == 204
    assert snapshot(store) == before

    assert client.delete(BRANDS, params={"name": "Voltmere", "page_title": "Voltmere | Demo Store"}).status_code == 204
    assert store.brands.get(5) is None


def test_delete_brands_unknown_name_is_204_and_changes_nothing(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(BRANDS, params={"name": "Nobody"})

    assert response.status_code == 204
    assert snapshot(store) == before


def test_get_brand_include_fields_naming_no_field_keeps_id_and_name(client: httpx.Client) -> None:
    # Upstream's brand schema requires name: include_fields never drops it.
    response = client.get(f"{BRANDS}/1", params={"include_fields": "x"})

    assert response.status_code == 200
    assert response.json()["data"] == {"id": 1, "name": "Ironbark Home"}


def test_get_brand_exclude_fields_cannot_drop_name(client: httpx.Client) -> None:
    data = client.get(f"{BRANDS}/1", params={"exclude_fields": "name,page_title"}).json()["data"]

    assert data["name"] == "Ironbark Home" and "page_title" not in data
