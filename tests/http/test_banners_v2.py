"""v2 banners through HTTP (upstream marketing.v2.yml): bare arrays and objects, the v2 error list, and dates,
visibility and item ids as the strings upstream's examples show."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.clock import FrozenClock

BANNERS = f"/stores/{DEFAULT_STORE_HASH}/v2/banners"
CREATED = datetime(2018, 3, 27, 16, 44, 42, tzinfo=UTC)  # 1522169082
SALE = {"name": "Sale", "content": "<p>Sale!</p>", "page": "home_page", "location": "top", "date_type": "always"}
SALE_V2 = {
    "id": 1, "name": "Sale", "content": "<p>Sale!</p>", "page": "home_page", "item_id": "0", "location": "top",
    "date_created": "1522169082", "date_type": "always", "date_from": "0", "date_to": "0", "visible": "1",
}  # fmt: skip
CUSTOM = {**SALE, "date_type": "custom", "date_from": "1522169082", "date_to": "1522255482"}


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def errors(status: int, *messages: str) -> list[dict[str, object]]:
    return [{"status": status, "message": message} for message in messages]


def ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()]


@pytest.fixture
def frozen(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setattr(store, "clock", FrozenClock(CREATED))
    return store


@pytest.fixture
def three(client: httpx.Client) -> None:
    for n in range(3):
        assert client.post(BANNERS, json={**SALE, "name": f"Banner {n + 1}"}).status_code == 200


def test_createBanner_returns_200_with_the_v2_banner(client: httpx.Client, frozen: Store) -> None:
    response = client.post(BANNERS, json=SALE)

    assert response.status_code == 200  # upstream createBanner documents 200, not 201
    assert response.json() == SALE_V2


def test_createBanner_custom_dates_and_every_field(client: httpx.Client, frozen: Store) -> None:
    body = {**CUSTOM, "page": "category_page", "item_id": "23", "location": "bottom", "visible": "0",
            "date_to": "Wed, 28 Mar 2018 16:44:42 +0000"}  # fmt: skip

    response = client.post(BANNERS, json=body)

    assert response.status_code == 200
    assert response.json() == {
        **SALE_V2, "page": "category_page", "item_id": "23", "location": "bottom", "date_type": "custom",
        "date_from": "1522169082", "date_to": "1522255482", "visible": "0",
    }  # fmt: skip


def test_createBanner_always_shown_keeps_no_dates(client: httpx.Client, frozen: Store) -> None:
    response = client.post(BANNERS, json={**CUSTOM, "date_type": "always"})

    assert (response.json()["date_from"], response.json()["date_to"]) == ("0", "0")


@pytest.mark.parametrize(
    ("body", "messages"),
    [
        ({"name": "x"}, [
            "The required field 'content' was not supplied.", "The required field 'page' was not supplied.",
            "The required field 'location' was not supplied.", "The required field 'date_type' was not supplied.",
        ]),
        ({**SALE, "page": "product_page"}, ["The field 'page' is invalid: must be one of: home_page, category_page, "
                                            "brand_page, search_page."]),
        ({**SALE, "location": "middle"}, ["The field 'location' is invalid: must be one of: top, bottom."]),
        ({**SALE, "date_type": "custom"}, ["The field 'date_from' is invalid: is required when date_type is custom.",
                                           "The field 'date_to' is invalid: is required when date_type is custom."]),
        ({**CUSTOM, "date_to": "1522000000"}, ["The field 'date_to' is invalid: must not be before date_from."]),
        ({**CUSTOM, "date_from": "tomorrow"}, ["The field 'date_from' is invalid: must be unix seconds, an RFC 2822 "
                                               "date or an ISO 8601 date."]),
        ({**CUSTOM, "date_from": "0001-01-01T00:00:00+01:00"}, ["The field 'date_from' is invalid: must be unix "
                                                                "seconds, an RFC 2822 date or an ISO 8601 date."]),
        ({**CUSTOM, "date_to": "99999999999999999"}, ["The field 'date_to' is invalid: must be unix seconds, an RFC "
                                                      "2822 date or an ISO 8601 date."]),
        ({**SALE, "visible": "yes"}, ["The field 'visible' is invalid: must be 0 or 1."]),
        ({**SALE, "visible": 1}, ["The field 'visible' is invalid: must be a string."]),
        ({**SALE, "item_id": "x"}, ["The field 'item_id' is invalid: 'x' is not an integer."]),
        ({**SALE, "id": 5}, ["The field 'id' is invalid: is not a field this resource accepts."]),
        ({**SALE, "date_created": "0"}, ["The field 'date_created' is invalid: is not a field this resource "
                                         "accepts."]),
    ],
)  # fmt: skip
def test_createBanner_invalid_returns_400_and_changes_nothing(
    client: httpx.Client, store: Store, body: dict[str, Any], messages: list[str]
) -> None:
    before = snapshot(store)

    response = client.post(BANNERS, json=body)

    assert response.status_code == 400
    assert response.json() == errors(400, *messages)
    assert snapshot(store) == before


def test_getBanners_returns_a_bare_array_in_id_order(client: httpx.Client, three: None) -> None:
    assert ids(client.get(BANNERS)) == [1, 2, 3]


@pytest.mark.parametrize(
    ("params", "expected"),
    [({"min_id": 2}, [2, 3]), ({"max_id": 1}, [1]), ({"limit": 2, "page": 2}, [3]), ({"limit": 1.5}, [1])],
)
def test_getBanners_filters_and_pages(
    client: httpx.Client, three: None, params: dict[str, Any], expected: list[int]
) -> None:
    assert ids(client.get(BANNERS, params=params)) == expected


@pytest.mark.parametrize("params", [{}, {"min_id": 4}, {"page": 2}])
def test_getBanners_empty_page_returns_204(client: httpx.Client, store: Store, params: dict[str, Any]) -> None:
    if params:
        client.post(BANNERS, json=SALE)

    response = client.get(BANNERS, params=params)

    assert response.status_code == 204
    assert response.content == b""


def test_getBannersCount(client: httpx.Client, three: None) -> None:
    assert client.get(f"{BANNERS}/count").json() == {"count": 3}


def test_getBanner_returns_it_and_404_for_an_unknown_id(client: httpx.Client, frozen: Store) -> None:
    client.post(BANNERS, json=SALE)

    found = client.get(f"{BANNERS}/1")
    missing = client.get(f"{BANNERS}/9")

    assert (found.status_code, found.json()) == (200, SALE_V2)
    assert missing.status_code == 404
    assert missing.json() == errors(404, "The requested resource was not found.")


def test_updateBanner_changes_what_is_sent(client: httpx.Client, frozen: Store) -> None:
    client.post(BANNERS, json=CUSTOM)

    response = client.put(f"{BANNERS}/1", json={"name": "Renamed", "visible": "0"})

    assert response.status_code == 200
    assert response.json() == {
        **SALE_V2, "name": "Renamed", "visible": "0", "date_type": "custom", "date_from": "1522169082",
        "date_to": "1522255482",
    }  # fmt: skip


def test_updateBanner_to_always_drops_its_dates(client: httpx.Client, frozen: Store) -> None:
    client.post(BANNERS, json=CUSTOM)

    response = client.put(f"{BANNERS}/1", json={"date_type": "always"})

    assert response.json() == SALE_V2


def test_updateBanner_to_custom_without_dates_returns_400(client: httpx.Client, store: Store, three: None) -> None:
    before = snapshot(store)

    response = client.put(f"{BANNERS}/1", json={"date_type": "custom", "date_from": "1522169082"})

    assert response.status_code == 400
    assert response.json() == errors(400, "The field 'date_to' is invalid: is required when date_type is custom.")
    assert snapshot(store) == before


def test_updateBanner_unknown_id_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{BANNERS}/9", json={"name": "x"})

    assert response.status_code == 404
    assert response.json() == errors(404, "The requested resource was not found.")
    assert snapshot(store) == before


def test_deleteBanner_and_deleteBanners(client: httpx.Client, store: Store, three: None) -> None:
    one = client.delete(f"{BANNERS}/2")
    missing = client.delete(f"{BANNERS}/2")

    assert one.status_code == 204
    assert missing.status_code == 404
    assert missing.json() == errors(404, "The requested resource was not found.")
    assert ids(client.get(BANNERS)) == [1, 3]

    every = client.delete(BANNERS)

    assert every.status_code == 204
    assert client.get(f"{BANNERS}/count").json() == {"count": 0}


def test_banners_need_the_marketing_scope(scoped_client: Any, store: Store) -> None:
    other = scoped_client(["store_v2_products"])
    before = snapshot(store)

    response = other.post(BANNERS, json=SALE)

    assert response.status_code == 403
    assert response.json() == errors(403, "You do not have permission to access this resource.")
    assert snapshot(store) == before


def test_banner_writes_emit_events(client: httpx.Client, store: Store) -> None:
    events: list[Any] = []
    unsubscribe = store.subscribe(events.append)
    try:
        client.post(BANNERS, json=SALE)
        client.put(f"{BANNERS}/1", json={"name": "Renamed"})
        client.delete(BANNERS)
    finally:
        unsubscribe()

    assert [(e.resource, e.action, e.id) for e in events] == [
        ("banner", "created", 1), ("banner", "updated", 1), ("banner", "deleted", 1),
    ]  # fmt: skip
