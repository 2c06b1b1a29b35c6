"""How to property-test code that writes a product's sub-resources: variants and custom fields.

``variants(store=..., product_id=...)`` draws bodies for
``POST /v3/catalog/products/{product_id}/variants``: one value of each of the product's
options, in a combination no variant has yet, and a SKU no product or variant has.
``custom_fields(...)`` draws a name-value pair the product does not have, and
``invalid_custom_fields(...)`` an ``InvalidCase`` the mock must refuse (422, or 409 for a pair
the product has). These strategies read the store when they draw, so with the plugin's
function-scoped ``bc_store`` the test resets the store and then draws with ``st.data()``.
"""

from __future__ import annotations

from unittest.mock import ANY

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockbc import Store
from mockbc.strategies import InvalidCase, custom_fields, invalid_custom_fields, variants

SPEAKER = 77  # demo "Compact Bluetooth Speaker": no options, no variants of its own
LAUNDRY_CART = 81  # demo "Canvas Laundry Cart": custom fields Material and Origin
ERROR_TYPE = "/api-docs/getting-started/api-status-codes"
TITLES = {422: "JSON data is missing or invalid", 409: "The custom field is a duplicate."}
COLOUR = {
    "display_name": "Colour",
    "type": "rectangles",
    "option_values": [{"label": "Black", "sort_order": 0}, {"label": "White", "sort_order": 1}],
}
PER_EXAMPLE = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def products_url(store: Store) -> str:
    return f"/stores/{store.store_hash}/v3/catalog/products"


@PER_EXAMPLE
@given(data=st.data())
def test_a_drawn_variant_is_created_with_its_option_values(
    bc_client: httpx.Client, bc_store: Store, data: st.DataObject
) -> None:
    bc_store.reset()
    base = f"{products_url(bc_store)}/{SPEAKER}"
    assert bc_client.post(f"{base}/options", json=COLOUR).status_code == 200

    body = data.draw(variants(store=bc_store, product_id=SPEAKER))  # reads the option created above
    response = bc_client.post(f"{base}/variants", json=body)

    assert response.status_code == 200, response.text
    variant = bc_store.variants.require(response.json()["data"]["id"])
    assert (variant.product_id, variant.sku) == (SPEAKER, body["sku"])
    assert {(v.option_id, v.id) for v in variant.option_values} == {
        (v["option_id"], v["id"]) for v in body["option_values"]
    }


@PER_EXAMPLE
@given(data=st.data())
def test_a_drawn_custom_field_is_added_to_the_product(
    bc_client: httpx.Client, bc_store: Store, data: st.DataObject
) -> None:
    bc_store.reset()
    body = data.draw(custom_fields(store=bc_store, product_id=LAUNDRY_CART, name=st.just("Material")))

    response = bc_client.post(f"{products_url(bc_store)}/{LAUNDRY_CART}/custom-fields", json=body)

    assert response.status_code == 200, response.text
    fields = bc_store.custom_fields.many(bc_store.custom_fields.lookup("product_id", LAUNDRY_CART))
    assert sorted((f.name, f.value) for f in fields if f.name == "Material") == sorted(
        [("Material", "Cotton canvas, powder-coated steel"), ("Material", body["value"])]
    )  # a taken pair got a numeric suffix on its value


@PER_EXAMPLE
@given(data=st.data())
def test_a_drawn_invalid_custom_field_is_refused_with_its_status(
    bc_client: httpx.Client, bc_store: Store, data: st.DataObject
) -> None:
    bc_store.reset()
    case: InvalidCase = data.draw(invalid_custom_fields(store=bc_store, product_id=LAUNDRY_CART))

    response = bc_client.post(f"{products_url(bc_store)}/{case.target_id}/custom-fields", json=case.payload)

    assert response.status_code == case.status, case.reason
    assert response.json() == {
        "status": case.status,
        "title": TITLES[case.status],
        "type": ERROR_TYPE,
        "errors": {case.field: ANY},  # one message, for the field the case names
    }
    assert len(bc_store.custom_fields.lookup("product_id", LAUNDRY_CART)) == 2  # nothing was added
