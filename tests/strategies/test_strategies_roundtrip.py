"""A record created from a drawn body can be read and its GET body PUT back unchanged
(README: "Read-only fields are accepted and ignored, so a GET body can be PUT back")."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from strategies_support import BRANDS, CATEGORIES, PRODUCTS, Mock, http_settings

from mockbc.strategies import brands, categories, products

DEMO = Mock("demo")


def teardown_module() -> None:
    DEMO.close()


def put_back(path: str, created: dict[str, Any]) -> None:
    url = f"{path}/{created['id']}"
    before = DEMO.client.get(url, params={"include": "variants,options"} if path == PRODUCTS else None).json()["data"]
    response = DEMO.client.put(url, json=before)
    assert response.status_code == 200, response.text
    after = DEMO.client.get(url, params={"include": "variants,options"} if path == PRODUCTS else None).json()["data"]
    before.pop("date_modified", None)
    after.pop("date_modified", None)
    assert after == before


@http_settings(120)
@given(products(store=DEMO.store))
def test_a_created_product_can_be_put_back_as_read(body: dict[str, Any]) -> None:
    try:
        response = DEMO.client.post(PRODUCTS, json=body)
        assert response.status_code == 200, response.text
        put_back(PRODUCTS, response.json()["data"])
    finally:
        DEMO.reset()


@http_settings(80)
@given(brands(store=DEMO.store))
def test_a_created_brand_can_be_put_back_as_read(body: dict[str, Any]) -> None:
    try:
        response = DEMO.client.post(BRANDS, json=body)
        assert response.status_code == 200, response.text
        put_back(BRANDS, response.json()["data"])
    finally:
        DEMO.reset()


@http_settings(80)
@given(categories(store=DEMO.store))
def test_a_created_category_can_be_put_back_as_read(body: dict[str, Any]) -> None:
    try:
        response = DEMO.client.post(CATEGORIES, json=body)
        assert response.status_code == 200, response.text
        put_back(CATEGORIES, response.json()["data"])
    finally:
        DEMO.reset()
