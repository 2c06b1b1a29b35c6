"""Order metafields through HTTP (upstream orders.v3.yml): the catalog metafields' rules, on orders."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store

V2 = f"/stores/{DEFAULT_STORE_HASH}/v2"
V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
TYPE = "/api-docs/getting-started/api-status-codes"
NEW = {"namespace": "Warehouse", "key": "bin", "value": "4HG", "permission_set": "read"}


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


@pytest.fixture
def order_id(client: httpx.Client) -> int:
    body = {
        "billing_address": {"zip": "78751"},
        "products": [{"name": "Mug", "quantity": 1, "price_ex_tax": 5, "price_inc_tax": 5}],
    }
    response = client.post(f"{V2}/orders", json=body)
    assert response.status_code == 200, response.text
    return int(response.json()["id"])


def test_order_metafield_create_get_update_delete(client: httpx.Client, order_id: int) -> None:
    created = client.post(f"{V3}/orders/{order_id}/metafields", json=NEW)

    assert created.status_code == 200
    data = created.json()["data"]
    assert (data["resource_type"], data["resource_id"], data["key"], data["value"]) == ("order", order_id, "bin", "4HG")
    item = f"{V3}/orders/{order_id}/metafields/{data['id']}"
    assert client.get(item).json()["data"] == data
    assert client.put(item, json={"value": "5XY"}).json()["data"]["value"] == "5XY"
    assert [m["id"] for m in client.get(f"{V3}/orders/{order_id}/metafields").json()["data"]] == [data["id"]]
    assert client.delete(item).status_code == 204
    assert client.get(item).status_code == 404


def test_order_metafields_of_an_unknown_order_are_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(f"{V3}/orders/42/metafields", json=NEW)

    assert response.status_code == 404
    assert response.json()["title"] == "The requested order was not found."
    assert snapshot(store) == before


def test_order_metafield_duplicate_is_409_and_changes_nothing(
    client: httpx.Client, store: Store, order_id: int
) -> None:
    client.post(f"{V3}/orders/{order_id}/metafields", json=NEW)
    before = snapshot(store)

    response = client.post(f"{V3}/orders/{order_id}/metafields", json=NEW)

    assert response.status_code == 409
    assert snapshot(store) == before


def test_order_metafields_batches_and_store_wide_list(client: httpx.Client, order_id: int) -> None:
    created = client.post(
        f"{V3}/orders/metafields",
        json=[{**NEW, "resource_id": order_id}, {**NEW, "key": "shelf", "resource_id": order_id}],
    )

    assert created.status_code == 200, created.text
    ids = [m["id"] for m in created.json()["data"]]
    assert [m["id"] for m in client.get(f"{V3}/orders/metafields").json()["data"]] == ids
    updated = client.put(f"{V3}/orders/metafields", json=[{"id": ids[0], "value": "Z"}])
    assert updated.json()["data"][0]["value"] == "Z"
    deleted = client.request("DELETE", f"{V3}/orders/metafields", json=ids)
    assert deleted.status_code == 200
    assert client.get(f"{V3}/orders/metafields").json()["data"] == []


def test_order_metafields_need_the_orders_scope(scoped_client: Any, order_id: int) -> None:
    catalog = scoped_client(["store_v2_products"])
    orders = scoped_client(["store_v2_orders_read_only"])

    assert catalog.get(f"{V3}/orders/{order_id}/metafields").status_code == 403
    assert orders.get(f"{V3}/orders/{order_id}/metafields").status_code == 200
    assert orders.post(f"{V3}/orders/{order_id}/metafields", json=NEW).status_code == 403
