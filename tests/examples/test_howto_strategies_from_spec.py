"""How to generate request bodies straight from the spec, for any operation with a body.

``from_spec(operation_id)`` infers bodies from the operation's JSON Schema in ``specs/``:
every one passes the schema, so the mock never refuses it as malformed. Rules a schema cannot
express may still refuse it (a duplicate name: 409); ``store=`` fixes the references and keys
the mock checks (ids that exist, unique names, SKUs and URLs).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

from mockbc import create_app
from mockbc.http.inprocess import client as inprocess_client
from mockbc.spec import load_operations
from mockbc.strategies import from_spec

APP = create_app(fixtures="catalog")
STORE = APP.state.registry.stores["mockbc0001"]
CLIENT = inprocess_client(APP, access_token=APP.state.default_account.access_token)
API = f"/stores/{STORE.store_hash}/v3"
CREATE_BRAND = load_operations()[("v3", "createBrand")]


def teardown_module() -> None:
    CLIENT.close()


@settings(max_examples=30, deadline=None)
@given(body=from_spec("createBrand"))
def test_bodies_pass_the_operation_schema(body: dict[str, Any]) -> None:
    CREATE_BRAND.validate_body(body)  # raises mockbc.domain.errors.Invalid otherwise


@settings(max_examples=30, deadline=None)
@given(body=from_spec("createBrand", store=STORE))
def test_with_a_store_the_mock_accepts_them(body: dict[str, Any]) -> None:
    try:
        assert CLIENT.post(f"{API}/catalog/brands", json=body).status_code == 200
    finally:
        STORE.reset()
