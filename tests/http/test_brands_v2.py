"""The legacy v2 brands API through HTTP, on the demo store's 9 brands (ids 1-9).

The response contract test cannot check v2 answers, so every shape is asserted here.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.brands import Brand
from mockbc.domain.records import CustomUrl

V2 = f"/stores/{DEFAULT_STORE_HASH}/v2"
BRANDS = f"{V2}/brands"
V3_BRANDS = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/brands"
READ_ONLY_SENTENCE = "The field '{}' cannot be written to. Please remove it from your request before trying again."
IRONBARK = {
    "id": 1, "name": "Ironbark Home", "page_title": "Ironbark Home | Demo Store", "meta_keywords": "home,storage,decor",
    "meta_description": "Sturdy, honest furniture and storage for everyday rooms.", "image_file": "",
    "search_keywords": "home,storage,decor",
}  # fmt: skip


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def errors(status: int, *messages: str) -> list[dict[str, object]]:
    return [{"status": status, "message": message} for message in messages]


def ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()]


def test_getBrands_returns_a_bare_array_of_v2_brands_in_id_order(client: httpx.Client) -> None:
    response = client.get(BRANDS)

    assert response.status_code == 200
    assert ids(response) == list(range(1, 10))
    assert response.json()[0] == IRONBARK


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"name": "Voltmere"}, [5]),
        ({"min_id": 8}, [8, 9]),
        ({"max_id": 2}, [1, 2]),
        ({"min_id": 3, "max_id": 4}, [3, 4]),
        ({"limit": 3, "page": 2}, [4, 5, 6]),
    ],
)
def test_getBrands_filters_and_pages(client: httpx.Client, params: dict[str, Any], expected: list[int]) -> None:
    assert ids(client.get(BRANDS, params=params)) == expected


def test_getBrands_nothing_matched_returns_204(client: httpx.Client) -> None:
    response = client.get(BRANDS, params={"name": "voltmere"})

    assert response.status_code == 204
    assert response.content == b""


def test_getBrandsCount_counts_with_the_filters(client: httpx.Client) -> None:
    assert client.get(f"{BRANDS}/count").json() == {"count": 9}
    assert client.get(f"{BRANDS}/count", params={"min_id": 7}).json() == {"count": 3}


def test_getBrandById_returns_a_bare_object(client: httpx.Client) -> None:
    response = client.get(f"{BRANDS}/1")

    assert response.status_code == 200
    assert response.json() == IRONBARK


def test_getBrandById_unknown_id_returns_404(client: httpx.Client) -> None:
    response = client.get(f"{BRANDS}/99")

    assert response.status_code == 404
    assert response.json() == errors(404, "The requested resource was not found.")


def test_createBrand_returns_201_with_the_brand(client: httpx.Client, store: Store) -> None:
    response = client.post(
        BRANDS, json={"name": "Saltmarsh", "meta_keywords": "sea, salt", "image_file": "https://x.test/s.png"}
    )

    assert response.status_code == 201
    assert response.json() == {
        "id": 10, "name": "Saltmarsh", "page_title": "", "meta_keywords": "sea,salt", "meta_description": "",
        "image_file": "https://x.test/s.png", "search_keywords": "",
    }  # fmt: skip
    brand = store.brands.require(10)
    assert (brand.meta_keywords, brand.image_url, brand.custom_url.url) == (
        ("sea", "salt"), "https://x.test/s.png", "/brands/Saltmarsh.html",
    )  # fmt: skip


def test_createBrand_missing_name_returns_400(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(BRANDS, json={"page_title": "x"})

    assert response.status_code == 400
    assert response.json() == errors(400, "The required field 'name' was not supplied.")
    assert snapshot(store) == before


def test_createBrand_id_returns_400(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(BRANDS, json={"id": 50, "name": "Saltmarsh"})

    assert response.status_code == 400
    assert response.json() == errors(400, READ_ONLY_SENTENCE.format("id"))
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"name": ""}, "The field 'name' is invalid: must be at least 1 characters long."),
        ({"name": "S", "page_title": "p" * 251}, "The field 'page_title' is invalid: must be at most 250 characters long."),
        ({"name": "S", "meta_keywords": ["a"]}, "The field 'meta_keywords' is invalid: must be a string."),
        ({"name": "S", "custom_url": {"url": "/s/"}}, "The field 'custom_url' is invalid: is not a field this resource accepts."),
    ],
)  # fmt: skip
def test_createBrand_invalid_returns_400(
    client: httpx.Client, store: Store, body: dict[str, Any], message: str
) -> None:
    before = snapshot(store)

    response = client.post(BRANDS, json=body)

    assert response.status_code == 400
    assert response.json() == errors(400, message)
    assert snapshot(store) == before


def test_createBrand_duplicate_name_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(BRANDS, json={"name": "VOLTMERE"})

    assert response.status_code == 409
    assert response.json() == errors(409, "A brand named 'VOLTMERE' already exists.")
    assert snapshot(store) == before


def test_createBrand_store_at_30000_brands_returns_403(client: httpx.Client, store: Store) -> None:
    for n in range(30000 - len(store.brands)):
        bid = 100 + n
        store.brands.put(bid, Brand(id=bid, name=f"b{n}", custom_url=CustomUrl(f"/brands/b{n}.html")))
    before = snapshot(store)

    response = client.post(BRANDS, json={"name": "One Too Many"})

    assert response.status_code == 403
    assert response.json() == errors(403, "A store can have at most 30000 brands.")
    assert snapshot(store) == before


def test_updateBrand_changes_only_what_is_sent(client: httpx.Client) -> None:
    response = client.put(f"{BRANDS}/1", json={"page_title": "Ironbark", "meta_keywords": "home"})

    assert response.status_code == 200
    assert response.json() == {**IRONBARK, "page_title": "Ironbark", "meta_keywords": "home"}


def test_updateBrand_name_of_another_brand_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{BRANDS}/1", json={"name": "Voltmere"})

    assert response.status_code == 409
    assert response.json() == errors(409, "A brand named 'Voltmere' already exists.")
    assert snapshot(store) == before


def test_updateBrand_unknown_id_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{BRANDS}/99", json={"name": "Nope"})

    assert response.status_code == 404
    assert response.json() == errors(404, "The requested resource was not found.")
    assert snapshot(store) == before


def test_deleteBrand_returns_204_and_its_products_lose_it(client: httpx.Client, store: Store) -> None:
    held = sorted(store.products.lookup("brand_id", 3))

    response = client.delete(f"{BRANDS}/3")

    assert response.status_code == 204
    assert store.brands.get(3) is None
    assert held and all(store.products.require(pid).brand_id == 0 for pid in held)
    assert client.get(f"{V2}/products/{held[0]}").json()["brand"] is None


def test_deleteBrand_unknown_id_returns_404(client: httpx.Client) -> None:
    response = client.delete(f"{BRANDS}/99")

    assert response.status_code == 404
    assert response.json() == errors(404, "The requested resource was not found.")


def test_deleteBrands_deletes_every_brand(client: httpx.Client, store: Store) -> None:
    products = len(store.products)

    response = client.delete(BRANDS)

    assert response.status_code == 204
    assert len(store.brands) == 0
    assert len(store.products) == products
    assert not any(p.brand_id for p in store.products.values())
    assert client.get(f"{BRANDS}/count").json() == {"count": 0}


def test_deleteBrands_read_only_scope_returns_403(scoped_client: Any, store: Store) -> None:
    before = snapshot(store)

    response = scoped_client(["store_v2_products_read_only"]).delete(BRANDS)

    assert response.status_code == 403
    assert response.json() == errors(403, "You do not have permission to access this resource.")
    assert snapshot(store) == before
