"""Customer metafields through HTTP: /v3/customers/{customerId}/metafields[/{metafieldId}] and
the store-wide /v3/customers/metafields list and batches."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
CUSTOMERS = f"{V3}/customers"
ALL = f"{CUSTOMERS}/metafields"
TYPE = "/api-docs/getting-started/api-status-codes"


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def error(status: int, title: str, errors: dict[str, str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"status": status, "title": title, "type": TYPE}
    if errors is not None:
        out["errors"] = errors
    return out


def field(key: str = "tier", permission_set: str = "read", **extra: Any) -> dict[str, Any]:
    return {"namespace": "loyalty", "key": key, "value": "gold", "permission_set": permission_set, **extra}


@pytest.fixture
def customers(client: httpx.Client) -> None:
    people = [{"email": f"c{i}@example.com", "first_name": "A", "last_name": "B"} for i in range(2)]
    assert client.post(CUSTOMERS, json=people).status_code == 200


@pytest.fixture
def other(scoped_client: Any) -> httpx.Client:
    """A second API account of the store, with the customers permission."""
    made: httpx.Client = scoped_client(["store_v2_customers"])
    return made


def create(client: httpx.Client, customer_id: int = 1, **body: Any) -> dict[str, Any]:
    response = client.post(f"{CUSTOMERS}/{customer_id}/metafields", json=field(**body))
    assert response.status_code == 200, response.text
    (made,) = response.json()["data"]
    created: dict[str, Any] = made
    return created


def test_create_returns_the_metafield_in_the_collection_envelope(
    client: httpx.Client, customers: None, account: Any
) -> None:
    response = client.post(f"{CUSTOMERS}/1/metafields", json=field(description="Loyalty tier"))

    assert response.status_code == 200
    body = response.json()
    (made,) = body["data"]
    assert {k: v for k, v in made.items() if k not in ("id", "date_created", "date_modified")} == {
        "key": "tier", "value": "gold", "namespace": "loyalty", "permission_set": "read", "resource_type": "customer",
        "resource_id": 1, "description": "Loyalty tier", "owner_client_id": account.client_id,
    }  # fmt: skip
    assert (body["errors"], body["meta"]) == ([], {"total": 1, "success": 1, "failed": 0})
    got = client.get(f"{CUSTOMERS}/1/metafields/{made['id']}")
    assert got.json() == {"data": made, "meta": {}}


def test_create_duplicate_key_returns_409(client: httpx.Client, customers: None, store: Store) -> None:
    create(client)
    before = snapshot(store)

    response = client.post(f"{CUSTOMERS}/1/metafields", json=field())

    assert response.status_code == 409
    assert response.json() == error(
        409, "The metafield is a duplicate.",
        {"key": "Your API account already has a metafield with namespace 'loyalty' and key 'tier' on customer 1."},
    )  # fmt: skip
    assert snapshot(store) == before


def test_the_same_key_on_another_customer_or_by_another_account_is_allowed(
    client: httpx.Client, other: httpx.Client, customers: None
) -> None:
    create(client, 1)

    assert create(client, 2)["resource_id"] == 2
    assert create(other, 1)["resource_id"] == 1


def test_create_for_unknown_customer_returns_404(client: httpx.Client, customers: None) -> None:
    response = client.post(f"{CUSTOMERS}/9/metafields", json=field())

    assert response.status_code == 404
    assert response.json() == error(404, "The requested customer was not found.")


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"namespace": "n", "key": "k", "value": "v"}, {"permission_set": "error.path.missing"}),
        (field(permission_set="everyone"),
         {"permission_set": "must be one of: app_only, read, write, read_and_sf_access, write_and_sf_access"}),
        (field(key="k" * 65), {"key": "must be at most 64 characters long"}),
        (field(value=""), {"value": "must be at least 1 characters long"}),
    ],
)  # fmt: skip
def test_create_breaking_the_schema_returns_422(
    client: httpx.Client, customers: None, store: Store, body: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(f"{CUSTOMERS}/1/metafields", json=body)

    assert response.status_code == 422
    assert response.json() == error(422, "JSON data is missing or invalid", errors)
    assert snapshot(store) == before


def test_list_filters_and_pages_by_cursor(client: httpx.Client, customers: None) -> None:
    made = [create(client, 1, key=f"k{i}") for i in range(3)]
    create(client, 2, key="k0")

    def keys(**params: Any) -> list[str]:
        response = client.get(f"{CUSTOMERS}/1/metafields", params=params)
        assert response.status_code == 200, response.text
        return [m["key"] for m in response.json()["data"]]

    assert keys() == ["k0", "k1", "k2"]
    assert keys(key="k1") == ["k1"]
    assert keys(**{"key:in": "k0,k2"}) == ["k0", "k2"]
    assert keys(direction="desc") == ["k2", "k1", "k0"]
    first = client.get(f"{CUSTOMERS}/1/metafields", params={"limit": 2}).json()["meta"]["cursor_pagination"]
    assert keys(limit=2, after=first["end_cursor"]) == ["k2"]
    assert [m["id"] for m in client.get(ALL).json()["data"]] == [m["id"] for m in made] + [made[-1]["id"] + 1]


def test_app_only_metafields_are_seen_by_their_account_alone(
    client: httpx.Client, other: httpx.Client, customers: None
) -> None:
    secret = create(client, key="secret", permission_set="app_only")
    create(client, key="open")

    assert [m["key"] for m in other.get(f"{CUSTOMERS}/1/metafields").json()["data"]] == ["open"]
    assert [m["key"] for m in other.get(ALL).json()["data"]] == ["open"]
    assert other.get(f"{CUSTOMERS}/1/metafields/{secret['id']}").status_code == 404
    assert [m["key"] for m in client.get(ALL).json()["data"]] == ["secret", "open"]


def test_update_by_owner_and_by_another_account(client: httpx.Client, other: httpx.Client, customers: None) -> None:
    read = create(client, key="read")
    write = create(client, key="write", permission_set="write")
    path = f"{CUSTOMERS}/1/metafields"

    mine = client.put(f"{path}/{read['id']}", json={"id": read["id"], "value": "silver", "key": "renamed"})
    theirs = other.put(f"{path}/{write['id']}", json={"id": write["id"], "value": "bronze"})
    refused = other.put(f"{path}/{read['id']}", json={"id": read["id"], "value": "lead"})

    assert mine.status_code == 200
    assert [(m["key"], m["value"]) for m in mine.json()["data"]] == [("renamed", "silver")]
    assert theirs.json()["data"][0]["value"] == "bronze"
    assert refused.status_code == 403
    assert refused.json() == error(
        403, "The metafield belongs to another API account.",
        {"value": "Only the API account that created the metafield can change its value."},
    )  # fmt: skip


def test_update_of_another_customers_metafield_returns_404(client: httpx.Client, customers: None) -> None:
    made = create(client, 1)

    response = client.put(f"{CUSTOMERS}/2/metafields/{made['id']}", json={"id": made["id"], "value": "x"})

    assert response.status_code == 404
    assert response.json() == error(404, "The requested metafield was not found.")


def test_delete_one(client: httpx.Client, other: httpx.Client, customers: None) -> None:
    made = create(client)

    refused = other.delete(f"{CUSTOMERS}/1/metafields/{made['id']}")
    deleted = client.delete(f"{CUSTOMERS}/1/metafields/{made['id']}")

    assert refused.status_code == 403
    assert deleted.status_code == 204
    assert client.get(f"{CUSTOMERS}/1/metafields/{made['id']}").status_code == 404


def test_batch_create_answers_each_item(client: httpx.Client, customers: None) -> None:
    response = client.post(ALL, json=[{**field(), "resource_id": 1}, {**field(), "resource_id": 7},
                                      {**field(), "resource_id": 1}])  # fmt: skip

    assert response.status_code == 422
    body = response.json()
    assert [m["resource_id"] for m in body["data"]] == [1]
    assert body["meta"] == {"total": 3, "success": 1, "failed": 2}
    assert body["errors"] == [
        error(404, "The requested customer was not found.", {"1.resource_id": "The customer 7 does not exist."}),
        error(409, "The metafield is a duplicate.",
              {"2.key": "Your API account already has a metafield with namespace 'loyalty' and key 'tier' on customer 1."}),
    ]  # fmt: skip


def test_batch_create_and_update_all_good_answer_200(client: httpx.Client, customers: None) -> None:
    created = client.post(ALL, json=[{**field(), "resource_id": 1}, {**field(), "resource_id": 2}])
    ids = [m["id"] for m in created.json()["data"]]

    updated = client.put(ALL, json=[{"id": i, "value": "platinum"} for i in ids])

    assert created.status_code == 200 and updated.status_code == 200
    assert [m["value"] for m in updated.json()["data"]] == ["platinum", "platinum"]
    assert updated.json()["meta"] == {"total": 2, "success": 2, "failed": 0}


def test_delete_all_deletes_what_the_account_may_delete(
    client: httpx.Client, other: httpx.Client, customers: None, store: Store
) -> None:
    mine = create(client, key="mine")
    shared = create(client, key="shared", permission_set="write")
    theirs = create(other, key="theirs")

    response = client.delete(ALL)

    assert response.status_code == 422
    assert response.json()["data"] == [mine["id"], shared["id"]]
    assert response.json()["meta"] == {"total": 3, "success": 2, "failed": 1}
    assert [m.id for m in store.customer_metafields.values()] == [theirs["id"]]
    assert other.delete(ALL).json() == {
        "data": [theirs["id"]],
        "errors": [],
        "meta": {"total": 1, "success": 1, "failed": 0},
    }


def test_deleting_a_customer_deletes_its_metafields(client: httpx.Client, customers: None, store: Store) -> None:
    create(client, 1)
    create(client, 2)

    client.delete(CUSTOMERS, params={"id:in": "1"})

    assert [m.resource_id for m in store.customer_metafields.values()] == [2]
