"""Channel metafields through HTTP (upstream channels.v3.yml): the catalog metafields' rules, on channels,
per channel and in the store-wide batches."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, ApiAccount, Store
from mockbc.domain.clock import FrozenClock

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
TYPE = "/api-docs/getting-started/api-status-codes"
NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
STAMP = "2025-03-01T12:00:00+00:00"
NEW = {"namespace": "Warehouse", "key": "bin", "value": "4HG", "permission_set": "read"}
ALL = f"{V3}/channels/metafields"


@pytest.fixture(autouse=True)
def frozen(store: Store, monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    clock = FrozenClock(NOW)
    monkeypatch.setattr(store, "clock", clock)
    return clock


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def _expected(metafield_id: int, account: ApiAccount, resource_id: int = 1, **fields: Any) -> dict[str, Any]:
    return {
        "id": metafield_id, "key": "bin", "value": "4HG", "namespace": "Warehouse", "permission_set": "read",
        "resource_type": "channel", "resource_id": resource_id, "description": "", "date_created": STAMP,
        "date_modified": STAMP, "owner_client_id": account.client_id, **fields,
    }  # fmt: skip


def test_channel_metafield_create_get_update_list_delete(client: httpx.Client, account: ApiAccount) -> None:
    created = client.post(f"{V3}/channels/1/metafields", json=NEW)
    assert created.status_code == 200
    data = created.json()["data"]
    assert created.json() == {"data": _expected(data["id"], account), "meta": {}}
    item = f"{V3}/channels/1/metafields/{data['id']}"
    assert client.get(item).json() == {"data": data, "meta": {}}
    updated = client.put(item, json={"value": "5XY", "description": "shelf"})
    assert updated.json()["data"] == {**data, "value": "5XY", "description": "shelf"}
    listed = client.get(f"{V3}/channels/1/metafields?key=bin").json()
    assert [m["value"] for m in listed["data"]] == ["5XY"]
    assert listed["meta"]["pagination"]["total"] == 1
    assert client.delete(item).status_code == 204
    assert client.get(item).status_code == 404


def test_channel_metafields_of_an_unknown_channel_are_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)
    for method, path in [
        ("GET", "/channels/9/metafields"), ("POST", "/channels/9/metafields"), ("GET", "/channels/9/metafields/1"),
        ("PUT", "/channels/9/metafields/1"), ("DELETE", "/channels/9/metafields/1"),
    ]:  # fmt: skip
        response = client.request(method, f"{V3}{path}", json=NEW if method in ("POST", "PUT") else None)
        expected = {"status": 404, "title": "The requested channel was not found.", "type": TYPE}
        assert (response.status_code, response.json()) == (404, expected), path
    assert snapshot(store) == before


def test_a_metafield_of_another_channel_is_404(client: httpx.Client) -> None:
    client.post(f"{V3}/channels", json={"name": "eBay", "type": "marketplace", "platform": "ebay"})
    metafield_id = client.post(f"{V3}/channels/1/metafields", json=NEW).json()["data"]["id"]
    response = client.get(f"{V3}/channels/2/metafields/{metafield_id}")
    assert (response.status_code, response.json()) == (
        404, {"status": 404, "title": "The requested metafield was not found.", "type": TYPE}
    )  # fmt: skip


def test_channel_metafield_duplicate_is_409_and_changes_nothing(client: httpx.Client, store: Store) -> None:
    client.post(f"{V3}/channels/1/metafields", json=NEW)
    before = snapshot(store)
    response = client.post(f"{V3}/channels/1/metafields", json=NEW)
    assert response.status_code == 409
    assert response.json() == {
        "status": 409, "title": "The metafield is a duplicate.", "type": TYPE,
        "errors": {"key": "Your API account already has a metafield with namespace 'Warehouse' and key 'bin' on channel 1."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_channel_metafield_schema_refusal(client: httpx.Client) -> None:
    response = client.post(f"{V3}/channels/1/metafields", json={**NEW, "permission_set": "everyone"})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "JSON data is missing or invalid", "type": TYPE,
        "errors": {"permission_set": "must be one of: app_only, read, write, read_and_sf_access, write_and_sf_access"},
    }  # fmt: skip


def test_another_account_cannot_rename_a_channel_metafield(
    client: httpx.Client, scoped_client: Callable[..., httpx.Client]
) -> None:
    metafield_id = client.post(f"{V3}/channels/1/metafields", json=NEW).json()["data"]["id"]
    other = scoped_client(["store_channel_settings"])
    response = other.put(f"{V3}/channels/1/metafields/{metafield_id}", json={"key": "shelf"})
    assert response.status_code == 403
    assert response.json()["title"] == "The metafield belongs to another API account."
    assert client.get(f"{V3}/channels/1/metafields/{metafield_id}").json()["data"]["key"] == "bin"


# --------------------------------------------------------------------------- the store-wide batches


def test_batch_create_update_list_delete(client: httpx.Client, account: ApiAccount) -> None:
    client.post(f"{V3}/channels", json={"name": "eBay", "type": "marketplace", "platform": "ebay"})
    created = client.post(ALL, json=[{**NEW, "resource_id": 1}, {**NEW, "resource_id": 2}])
    assert created.status_code == 200
    body = created.json()
    first, second = (m["id"] for m in body["data"])
    assert body == {
        "data": [_expected(first, account), _expected(second, account, 2)],
        "errors": [],
        "meta": {"total": 2, "success": 2, "failed": 0},
    }
    listed = client.get(ALL).json()
    assert [m["id"] for m in listed["data"]] == [first, second]
    updated = client.put(ALL, json=[{"id": second, "value": "9ZZ"}])
    assert updated.json()["data"] == [_expected(second, account, 2, value="9ZZ")]
    deleted = client.request("DELETE", ALL, json=[first, second])
    assert deleted.json() == {"data": [first, second], "errors": [], "meta": {"total": 2, "success": 2, "failed": 0}}
    assert client.get(ALL).json()["data"] == []


def test_batch_create_refuses_items_of_unknown_channels(client: httpx.Client, account: ApiAccount) -> None:
    response = client.post(ALL, json=[{**NEW, "resource_id": 1}, {**NEW, "resource_id": 42}])
    assert response.status_code == 422
    body = response.json()
    # createChannelsMetafields documents one flat error for the request, beside what was saved.
    assert body == {
        "status": 422, "title": "Not every metafield was created.", "type": TYPE,
        "errors": {"1.resource_id": "The channel 42 does not exist."},
        "data": [_expected(body["data"][0]["id"], account)],
        "meta": {"total": 2, "success": 1, "failed": 1},
    }  # fmt: skip


def test_batch_delete_of_unknown_ids(client: httpx.Client) -> None:
    response = client.request("DELETE", ALL, json=[12345])
    assert response.status_code == 422
    assert response.json()["meta"] == {"total": 1, "success": 0, "failed": 1}


def test_reset_drops_channel_metafields(client: httpx.Client, store: Store) -> None:
    client.post(f"{V3}/channels/1/metafields", json=NEW)
    store.reset()
    assert client.get(ALL).json()["data"] == []
