"""``POST /v3/customers/validate-credentials`` checks its ``channel_id`` against the store's channels: an
unknown one is refused with the customers API's 422, whatever the email and password, and nothing is written."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
CUSTOMERS = f"{V3}/customers"
VALIDATE = f"{CUSTOMERS}/validate-credentials"
TYPE = "/api-docs/getting-started/api-status-codes"
PASSWORD = "Secret123"


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def unknown_channel(channel_id: int) -> dict[str, Any]:
    return {
        "status": 422,
        "title": "The request payload is invalid.",
        "type": TYPE,
        "errors": {"channel_id": f"Channel {channel_id} does not exist."},
    }


@pytest.fixture
def ann(client: httpx.Client) -> None:
    """Customer 1, ann@example.com, who may sign in on every channel."""
    body = [{"email": "ann@example.com", "first_name": "Ann", "last_name": "Lee",
             "authentication": {"new_password": PASSWORD}}]  # fmt: skip
    assert client.post(CUSTOMERS, json=body).status_code == 200


@pytest.mark.parametrize(
    "credentials",
    [
        {"email": "ann@example.com", "password": PASSWORD},
        {"email": "ann@example.com", "password": "wrong"},
        {"email": "nobody@example.com", "password": PASSWORD},
    ],
)
def test_an_unknown_channel_returns_422_and_writes_nothing(
    client: httpx.Client, store: Store, ann: None, credentials: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(VALIDATE, json={**credentials, "channel_id": 99})

    assert response.status_code == 422
    assert response.json() == unknown_channel(99)
    assert snapshot(store) == before


@pytest.mark.parametrize("channel_id", [1, 2, 3])
def test_every_channel_of_the_store_is_answered(client: httpx.Client, ann: None, channel_id: int) -> None:
    response = client.post(VALIDATE, json={"email": "ann@example.com", "password": PASSWORD, "channel_id": channel_id})

    assert (response.status_code, response.json()) == (200, {"customer_id": 1, "is_valid": True})


def test_a_channel_made_through_the_api_is_answered(client: httpx.Client, ann: None) -> None:
    credentials = {"email": "ann@example.com", "password": PASSWORD}
    assert client.post(VALIDATE, json={**credentials, "channel_id": 4}).json() == unknown_channel(4)

    made = client.post(f"{V3}/channels", json={"name": "Pop-up", "type": "storefront", "platform": "custom"})
    assert made.status_code == 200, made.text
    channel_id = made.json()["data"]["id"]
    response = client.post(VALIDATE, json={**credentials, "channel_id": channel_id})

    assert (response.status_code, response.json()) == (200, {"customer_id": 1, "is_valid": True})


def test_the_channel_is_checked_before_the_customer(client: httpx.Client, store: Store) -> None:
    """With no customers at all, an unknown channel is still the answer (not ``is_valid: false``)."""
    response = client.post(VALIDATE, json={"email": "ann@example.com", "password": PASSWORD, "channel_id": 7})

    assert (response.status_code, response.json()) == (422, unknown_channel(7))
