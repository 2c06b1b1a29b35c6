"""A promotion's ``channels`` name channels of the store: an unknown one is refused with the promotions API's
own 422 (``{"errors": [{"status", "title"}]}``) on create and update, and nothing is written."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
PROMOTIONS = f"{V3}/promotions"
RULES = [{"action": {"cart_value": {"discount": {"fixed_amount": "5"}}}}]
AUTOMATIC = {"name": "Five off", "redemption_type": "AUTOMATIC", "rules": RULES}


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def errors(*titles: str) -> dict[str, Any]:
    return {"errors": [{"status": 422, "title": title} for title in titles]}


def channels(*ids: int) -> list[dict[str, int]]:
    return [{"id": channel_id} for channel_id in ids]


@pytest.mark.parametrize(
    ("given", "title"),
    [
        (channels(9), "Channel 9 does not exist."),
        (channels(1, 9, 2), "Channel 9 does not exist."),
        (channels(9, 1, 7), "Channels 9 and 7 do not exist."),
        (channels(2**31), f"Channel {2**31} does not exist."),
    ],
)
def test_createPromotion_unknown_channel_returns_422_and_writes_nothing(
    client: httpx.Client, store: Store, given: list[dict[str, int]], title: str
) -> None:
    before = snapshot(store)

    response = client.post(PROMOTIONS, json={**AUTOMATIC, "channels": given})

    assert response.status_code == 422
    assert response.json() == errors(title)
    assert snapshot(store) == before
    assert client.get(PROMOTIONS).json()["data"] == []


def test_createPromotion_unknown_channel_is_one_problem_among_others(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(
        PROMOTIONS, json={**AUTOMATIC, "redemption_type": "COUPON", "codes": {"code": "SAVE5"}, "channels": channels(8),
                          "currency_code": "usd"},
    )  # fmt: skip

    assert response.status_code == 422
    assert response.json() == errors(
        "Channel 8 does not exist.",
        "The field 'currency_code' is invalid: must be a three-letter ISO 4217 code, or * for every currency.",
    )
    assert snapshot(store) == before


@pytest.mark.parametrize("given", [channels(1, 2, 3), channels(), channels(3, 3)])
def test_createPromotion_channels_of_the_store_are_kept(client: httpx.Client, given: list[dict[str, int]]) -> None:
    response = client.post(PROMOTIONS, json={**AUTOMATIC, "channels": given})

    assert response.status_code == 201, response.text
    assert response.json()["data"]["channels"] == list({c["id"]: c for c in given}.values())


def test_updatePromotion_unknown_channel_returns_422_and_writes_nothing(client: httpx.Client, store: Store) -> None:
    made = client.post(PROMOTIONS, json={**AUTOMATIC, "channels": channels(2)}).json()["data"]
    before = snapshot(store)

    response = client.put(f"{PROMOTIONS}/{made['id']}", json={"name": "Renamed", "channels": channels(2, 44)})

    assert response.status_code == 422
    assert response.json() == errors("Channel 44 does not exist.")
    assert snapshot(store) == before
    assert client.get(f"{PROMOTIONS}/{made['id']}").json()["data"] == made


def test_updatePromotion_of_a_missing_promotion_is_404_before_its_channels(client: httpx.Client) -> None:
    response = client.put(f"{PROMOTIONS}/77", json={"channels": channels(44)})

    assert response.status_code == 404
    assert response.json() == {"errors": [{"status": 404, "title": "The requested promotion was not found."}]}


def test_a_channel_made_through_the_api_can_be_targeted(client: httpx.Client) -> None:
    refused = client.post(PROMOTIONS, json={**AUTOMATIC, "channels": channels(4)})
    assert (refused.status_code, refused.json()) == (422, errors("Channel 4 does not exist."))

    made = client.post(f"{V3}/channels", json={"name": "Pop-up", "type": "storefront", "platform": "custom"})
    assert made.status_code == 200, made.text
    channel_id = made.json()["data"]["id"]
    response = client.post(PROMOTIONS, json={**AUTOMATIC, "channels": channels(channel_id)})

    assert response.status_code == 201, response.text
    assert response.json()["data"]["channels"] == channels(channel_id)
