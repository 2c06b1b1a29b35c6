"""Cart metafields through HTTP: per cart CRUD and the store-wide batches, owners with string
ids, and metafields that outlive their cart."""

from __future__ import annotations

from typing import Any

import httpx

from mockbc import Store

TYPE = "/api-docs/getting-started/api-status-codes"


def url(store: Store, path: str) -> str:
    return f"/stores/{store.store_hash}/v3{path}"


def a_cart(client: httpx.Client, store: Store) -> str:
    response = client.post(
        url(store, "/carts"), json={"custom_items": [{"name": "Note", "quantity": 1, "list_price": 3}]}
    )
    assert response.status_code == 201, response.text
    cart_id: str = response.json()["data"]["id"]
    return cart_id


FIELD = {"namespace": "shop", "key": "gift_note", "value": "Happy", "permission_set": "write"}


def test_per_cart_crud(client: httpx.Client, store: Store) -> None:
    cart_id = a_cart(client, store)
    created = client.post(url(store, f"/carts/{cart_id}/metafields"), json=FIELD)
    assert created.status_code == 200, created.text
    metafield: dict[str, Any] = created.json()["data"]
    assert metafield["resource_type"] == "cart" and metafield["resource_id"] == cart_id
    assert isinstance(metafield["id"], str) and metafield["id"].isdigit()
    assert {k: metafield[k] for k in FIELD} == FIELD
    mid = metafield["id"]
    assert client.get(url(store, f"/carts/{cart_id}/metafields/{mid}")).json()["data"] == metafield
    listed = client.get(url(store, f"/carts/{cart_id}/metafields")).json()
    assert [m["id"] for m in listed["data"]] == [mid] and listed["meta"]["pagination"]["total"] == 1
    duplicate = client.post(url(store, f"/carts/{cart_id}/metafields"), json=FIELD)
    assert duplicate.status_code == 409
    changed = client.put(url(store, f"/carts/{cart_id}/metafields/{mid}"), json={**FIELD, "value": "Later"})
    assert changed.status_code == 200 and changed.json()["data"]["value"] == "Later"
    assert client.delete(url(store, f"/carts/{cart_id}/metafields/{mid}")).status_code == 204
    gone = client.get(url(store, f"/carts/{cart_id}/metafields/{mid}"))
    assert (gone.status_code, gone.json()) == (
        404,
        {"status": 404, "title": "The requested metafield was not found.", "type": TYPE},
    )


def test_unknown_cart(client: httpx.Client, store: Store) -> None:
    missing = {"status": 404, "title": "The requested cart was not found.", "type": TYPE}
    for response in (
        client.get(url(store, "/carts/nope/metafields")),
        client.post(url(store, "/carts/nope/metafields"), json=FIELD),
        client.get(url(store, "/carts/nope/metafields/1")),
    ):
        assert (response.status_code, response.json()) == (404, missing)


def test_batches_and_metafields_outlive_the_cart(client: httpx.Client, store: Store) -> None:
    first, second = a_cart(client, store), a_cart(client, store)
    created = client.post(url(store, "/carts/metafields"), json=[
        {**FIELD, "resource_id": first}, {**FIELD, "resource_id": second}, {**FIELD, "resource_id": "nope"},
    ])  # fmt: skip
    assert created.status_code == 422
    body = created.json()
    assert [m["resource_id"] for m in body["data"]] == [first, second]
    assert body["meta"] == {"total": 3, "success": 2, "failed": 1}
    assert body["errors"] == [{"status": 404, "title": "The requested cart was not found.", "type": TYPE,
                               "errors": {"2.resource_id": "The cart nope does not exist."}}]  # fmt: skip
    ids = [m["id"] for m in body["data"]]
    updated = client.put(url(store, "/carts/metafields"), json=[{"id": ids[0], "value": "Changed"}])
    assert updated.status_code == 200 and updated.json()["data"][0]["value"] == "Changed"
    assert client.delete(url(store, f"/carts/{first}")).status_code == 204
    listed = client.get(url(store, "/carts/metafields")).json()
    assert [m["id"] for m in listed["data"]] == ids  # the deleted cart's metafield is kept
    unknown = client.put(url(store, "/carts/metafields"), json=[{"id": "x1", "value": "No"}])
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["errors"] == {"0.id": "The metafield 0 does not exist."}
    numbers = [int(i) for i in ids]
    deleted = client.request("DELETE", url(store, "/carts/metafields"), json=numbers)
    assert deleted.status_code == 200 and deleted.json()["data"] == numbers
    assert client.get(url(store, "/carts/metafields")).json()["data"] == []
