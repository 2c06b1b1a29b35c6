"""How to property-test code that creates products: generated bodies that BigCommerce accepts.

``products()`` draws bodies for ``POST /v3/catalog/products`` that honour the spec (types,
limits, enums) and BigCommerce's rules (unique names and SKUs, references to records that
exist). Given ``store=``, names and SKUs avoid that store's and ``categories`` / ``brand_id``
point at its records. Override any field with a strategy; ``OMIT`` leaves a field out.

The app is built once per module; each example resets the store (O(1)) when it ends, so the
next example is drawn against the seed again.
"""

from __future__ import annotations

from typing import Any

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from mockbc import create_app
from mockbc.http.inprocess import client as inprocess_client
from mockbc.strategies import OMIT, product_batches, products

APP = create_app(fixtures="catalog")
STORE = APP.state.registry.stores["mockbc0001"]
CLIENT = inprocess_client(APP, access_token=APP.state.default_account.access_token)
API = f"/stores/{STORE.store_hash}/v3"


def teardown_module() -> None:
    CLIENT.close()


# The code under test: an importer that creates products and returns their ids.
def import_products(client: httpx.Client, rows: list[dict[str, Any]]) -> list[int]:
    ids = []
    for row in rows:
        response = client.post(f"{API}/catalog/products", json=row)
        response.raise_for_status()
        ids.append(response.json()["data"]["id"])
    return ids


@settings(max_examples=25, deadline=None)
@given(rows=product_batches(store=STORE, max_size=5, is_visible=st.just(True)))
def test_the_importer_creates_every_row(rows: list[dict[str, Any]]) -> None:
    try:
        ids = import_products(CLIENT, rows)

        listed = CLIENT.get(f"{API}/catalog/products", params={"id:in": ",".join(map(str, ids)), "is_visible": "true"})
        assert sorted(p["name"] for p in listed.json()["data"]) == sorted(row["name"] for row in rows)
    finally:
        STORE.reset()


@settings(max_examples=25, deadline=None)
@given(body=products(store=STORE, price=st.decimals("0.01", "999.99", places=2).map(float), sku=st.just(OMIT)))
def test_overrides_shape_the_generated_body(body: dict[str, Any]) -> None:
    assert "sku" not in body and 0.01 <= body["price"] <= 999.99
    try:
        created = CLIENT.post(f"{API}/catalog/products", json=body).json()["data"]
        assert created["price"] == body["price"]
        assert set(created["categories"]) == set(body.get("categories", []))  # ids that exist in STORE
    finally:
        STORE.reset()
