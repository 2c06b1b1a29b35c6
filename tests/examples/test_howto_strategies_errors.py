"""How to check that your client surfaces BigCommerce's errors: requests the mock must refuse.

``invalid_products()`` draws ``InvalidCase(payload, status, reason, field)``: a valid body
broken in one place, tagged with the status BigCommerce answers (422 for a schema or rule
violation, 409 for a clash with the store given as ``store=``) and the field the error body
names.
"""

from __future__ import annotations

from typing import Any

import httpx
from hypothesis import given, settings

from mockbc import create_app
from mockbc.http.inprocess import client as inprocess_client
from mockbc.strategies import InvalidCase, invalid_products

APP = create_app(fixtures="catalog")
STORE = APP.state.registry.stores["mockbc0001"]
CLIENT = inprocess_client(APP, access_token=APP.state.default_account.access_token)
API = f"/stores/{STORE.store_hash}/v3"


def teardown_module() -> None:
    CLIENT.close()


# The code under test: a client that turns BigCommerce's v3 errors into exceptions.
class CatalogError(Exception):
    def __init__(self, status: int, fields: dict[str, str]) -> None:
        super().__init__(f"{status}: {fields}")
        self.status, self.fields = status, fields


def create_product(client: httpx.Client, body: Any) -> int:
    response = client.post(f"{API}/catalog/products", json=body)
    if response.status_code >= 400:
        raise CatalogError(response.status_code, response.json().get("errors", {}))
    return int(response.json()["data"]["id"])


@settings(max_examples=60, deadline=None)
@given(case=invalid_products(store=STORE))
def test_every_refusal_becomes_a_catalog_error(case: InvalidCase) -> None:
    try:
        create_product(CLIENT, case.payload)
    except CatalogError as error:
        assert error.status == case.status, case.reason
        assert case.field is None or case.field in error.fields
    else:
        raise AssertionError(f"accepted: {case.reason}")
    finally:
        STORE.reset()
