"""Channels through HTTP: the default channel, create, get, update and their refusals, list filters, the
active theme, currency assignments, scopes, reset, and the service functions other modules use."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.clock import FrozenClock
from mockbc.domain.errors import NotFound
from mockbc.services import channels as service
from mockbc.store.store import Seed

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
TYPE = "/api-docs/getting-started/api-status-codes"
NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
STAMP = "2025-03-01T12:00:00+00:00"
EPOCH = "2024-01-01T00:00:00+00:00"
DEFAULT = {
    "id": 1,
    "name": "Default channel",
    "type": "storefront",
    "platform": "bigcommerce",
    "status": "active",
    "external_id": "",
    "is_listable_from_ui": True,
    "is_visible": True,
    "is_enabled": True,
    "date_created": EPOCH,
    "date_modified": EPOCH,
}
# The store's own channels besides channel 1 (fixtures/build_demo.py CHANNELS); the API numbers new ones from 4.
WHOLESALE = {**DEFAULT, "id": 2, "name": "Wholesale storefront", "platform": "custom"}
MARKETPLACE = {
    **DEFAULT,
    "id": 3,
    "name": "Marketplace",
    "type": "marketplace",
    "platform": "amazon",
    "status": "connected",
}
SEEDED = [DEFAULT, WHOLESALE, MARKETPLACE]
NEW = 4
MISSING_SCOPE = {
    "status": 403,
    "title": "Missing scope - the v3 Auth token is valid but does not have proper permissions to access this endpoint.",
    "type": TYPE,
}


@pytest.fixture(autouse=True)
def frozen(store: Store, monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    clock = FrozenClock(NOW)
    monkeypatch.setattr(store, "clock", clock)
    return clock


def _error(status: int, title: str, errors: dict[str, str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"status": status, "title": title, "type": TYPE}
    if errors is not None:
        out["errors"] = errors
    return out


def _create(client: httpx.Client, **body: Any) -> dict[str, Any]:
    response = client.post(f"{V3}/channels", json={"name": "eBay", "type": "marketplace", "platform": "ebay", **body})
    assert response.status_code == 200, response.text
    created: dict[str, Any] = response.json()["data"]
    return created


def _channel(channel_id: int, name: str, kind: str, platform: str, status: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": channel_id, "name": name, "type": kind, "platform": platform, "status": status, "external_id": "",
        "is_listable_from_ui": True, "is_visible": True, "is_enabled": status in ("prelaunch", "active", "connected"),
        "date_created": STAMP, "date_modified": STAMP, **extra,
    }  # fmt: skip


# --------------------------------------------------------------------------- the default channel


def test_every_store_has_the_default_channel(client: httpx.Client) -> None:
    response = client.get(f"{V3}/channels")
    assert response.status_code == 200
    assert response.json() == {
        "data": SEEDED,
        "meta": {
            "pagination": {
                "total": 3, "count": 3, "per_page": 50, "current_page": 1, "total_pages": 1,
                "links": {"current": "?page=1&limit=50"},
            }
        },
    }  # fmt: skip
    assert client.get(f"{V3}/channels/1").json() == {"data": DEFAULT, "meta": {}}


def test_the_default_channel_is_in_a_store_made_from_an_empty_seed() -> None:
    empty = Store("empty1", Seed())
    channel = service.require(empty, 1)
    assert (channel.id, channel.type, channel.platform, channel.status) == (1, "storefront", "bigcommerce", "active")
    assert service.site_url(empty, 1) == "https://store-empty1.mybigcommerce.com"


def test_reset_restores_the_default_channel_only(client: httpx.Client, store: Store) -> None:
    _create(client)
    client.put(f"{V3}/channels/1", json={"name": "Renamed"})
    store.reset()
    assert client.get(f"{V3}/channels").json()["data"] == SEEDED
    # The ids start over too: the next channel is the first after the seeded ones again.
    assert _create(client)["id"] == NEW


# --------------------------------------------------------------------------- create


def test_create_channel_answers_and_persists(client: httpx.Client) -> None:
    created = _create(client, external_id="ext-1", is_visible=False)
    expected = _channel(NEW, "eBay", "marketplace", "ebay", "connected", external_id="ext-1", is_visible=False)
    assert created == expected
    assert client.get(f"{V3}/channels/{NEW}").json() == {"data": expected, "meta": {}}
    assert [c["id"] for c in client.get(f"{V3}/channels").json()["data"]] == [1, 2, 3, NEW]


def test_a_new_storefront_starts_in_prelaunch(client: httpx.Client) -> None:
    created = _create(client, name="Headless", type="storefront", platform="catalyst")
    assert (created["status"], created["is_enabled"]) == ("prelaunch", True)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {"type": "marketplace", "platform": "bigcommerce"},
            _error(422, "Channel type marketplace cannot be used with platform bigcommerce.",
                   {"platform": "does not accept type marketplace"}),
        ),
        (
            {"type": "pos", "platform": "myspace"},
            _error(422, "Channel type pos cannot be used with platform myspace.", {"platform": "does not accept type pos"}),
        ),
        (
            {"name": "Shop #1"},
            _error(422, "A channel name may hold only Latin letters, digits, spaces, dashes and underscores.",
                   {"name": "may hold only Latin letters, digits, spaces, dashes and underscores"}),
        ),
        (
            {"status": "active"},
            _error(422, "The request payload is invalid.",
                   {"status": "must be one of connected, disconnected, archived, deleted for a marketplace channel"}),
        ),
        (
            {"status": "terminated"},
            _error(422, "The request payload is invalid.",
                   {"status": "must be one of connected, disconnected, archived, deleted for a marketplace channel"}),
        ),
        (
            {"type": "shop"},
            _error(422, "JSON data is missing or invalid",
                   {"type": "must be one of: storefront, marketplace, marketing, pos"}),
        ),
    ],
)  # fmt: skip
def test_create_channel_refusals(client: httpx.Client, body: dict[str, Any], expected: dict[str, Any]) -> None:
    response = client.post(f"{V3}/channels", json={"name": "eBay", "type": "marketplace", "platform": "ebay", **body})
    assert (response.status_code, response.json()) == (422, expected)
    assert len(client.get(f"{V3}/channels").json()["data"]) == len(SEEDED)


def test_create_channel_needs_name_type_and_platform(client: httpx.Client) -> None:
    response = client.post(f"{V3}/channels", json={"type": "pos"})
    assert response.status_code == 422
    assert response.json() == _error(
        422, "JSON data is missing or invalid", {"name": "error.path.missing", "platform": "error.path.missing"}
    )


def test_create_channel_with_a_taken_name_platform_and_type_is_409(client: httpx.Client) -> None:
    _create(client)
    response = client.post(f"{V3}/channels", json={"name": "EBAY", "type": "marketplace", "platform": "ebay"})
    title = "A channel named EBAY on platform ebay of type marketplace already exists."
    assert (response.status_code, response.json()) == (409, _error(409, title, {"name": title}))
    # The same name on another platform is another channel.
    assert _create(client, platform="amazon")["id"] == NEW + 1


def test_the_default_channel_takes_part_in_uniqueness(client: httpx.Client) -> None:
    response = client.post(
        f"{V3}/channels", json={"name": "Default channel", "type": "storefront", "platform": "bigcommerce"}
    )
    assert response.status_code == 409


# --------------------------------------------------------------------------- update


def test_update_channel_changes_what_it_names(client: httpx.Client, frozen: FrozenClock) -> None:
    _create(client)
    frozen.set(datetime(2025, 3, 2, tzinfo=UTC))
    response = client.put(
        f"{V3}/channels/{NEW}", json={"name": "eBay UK", "status": "disconnected", "is_visible": False}
    )
    assert response.status_code == 200
    expected = _channel(
        NEW,
        "eBay UK",
        "marketplace",
        "ebay",
        "disconnected",
        is_visible=False,
        date_modified="2025-03-02T00:00:00+00:00",
    )
    assert response.json() == {"data": expected, "meta": {}}
    assert client.get(f"{V3}/channels/{NEW}").json()["data"] == expected


def test_a_fetched_channel_can_be_sent_back(client: httpx.Client) -> None:
    fetched = client.get(f"{V3}/channels/1?include=currencies").json()["data"]
    response = client.put(f"{V3}/channels/1", json=fetched)
    assert (response.status_code, response.json()["data"]) == (200, {**DEFAULT, "date_modified": STAMP})


@pytest.mark.parametrize(
    ("channel_id", "body", "expected"),
    [
        (
            2, {"type": "pos", "platform": "square"},
            _error(422, "The type and platform of a channel cannot change once it is created.",
                   {"type": "cannot change once the channel is created",
                    "platform": "cannot change once the channel is created"}),
        ),
        (
            1, {"status": "deleted"},
            _error(422, "Channel 1, the default storefront, cannot be deleted.",
                   {"status": "The default storefront, channel 1, cannot be deleted."}),
        ),
        (
            1, {"status": "connected"},
            _error(422, "The request payload is invalid.",
                   {"status": "must be one of prelaunch, active, inactive, archived, deleted for a storefront channel"}),
        ),
        (
            2, {"name": "   "},
            _error(422, "A channel name may hold only Latin letters, digits, spaces, dashes and underscores.",
                   {"name": "may hold only Latin letters, digits, spaces, dashes and underscores"}),
        ),
        (2, {"color": "red"}, _error(422, "JSON data is missing or invalid", {"color": "is not a field this resource accepts"})),
    ],
)  # fmt: skip
def test_update_channel_refusals(
    client: httpx.Client, channel_id: int, body: dict[str, Any], expected: dict[str, Any]
) -> None:
    _create(client)
    before = client.get(f"{V3}/channels/{channel_id}").json()
    response = client.put(f"{V3}/channels/{channel_id}", json=body)
    assert (response.status_code, response.json()) == (422, expected)
    assert client.get(f"{V3}/channels/{channel_id}").json() == before


def test_a_deleted_channel_cannot_be_updated(client: httpx.Client) -> None:
    _create(client)
    assert client.put(f"{V3}/channels/{NEW}", json={"status": "deleted"}).status_code == 200
    response = client.put(f"{V3}/channels/{NEW}", json={"name": "Back"})
    assert (response.status_code, response.json()) == (
        422, _error(422, "A channel whose status is deleted cannot be updated.", {})
    )  # fmt: skip


def test_update_to_a_taken_name_is_409(client: httpx.Client) -> None:
    _create(client)
    _create(client, name="eBay DE")
    response = client.put(f"{V3}/channels/{NEW + 1}", json={"name": "ebay"})
    title = "A channel named ebay on platform ebay of type marketplace already exists."
    assert (response.status_code, response.json()) == (409, _error(409, title, {"name": title}))


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/channels/9"), ("PUT", "/channels/9"), ("GET", "/channels/9/active-theme")],
)
def test_unknown_channel_is_404(client: httpx.Client, method: str, path: str) -> None:
    response = client.request(method, f"{V3}{path}", json={"name": "x"} if method == "PUT" else None)
    assert (response.status_code, response.json()) == (404, _error(404, "The requested channel was not found."))


# --------------------------------------------------------------------------- list filters


@pytest.fixture
def several(client: httpx.Client, frozen: FrozenClock) -> None:
    # Seeded: 2 storefront custom active, 3 marketplace amazon connected (both dated 2024-01-01).
    _create(client)  # 4 marketplace ebay connected
    _create(client, name="POS", type="pos", platform="square", status="disconnected")  # 5
    frozen.set(datetime(2025, 4, 1, tzinfo=UTC))
    _create(client, name="Ads", type="marketing", platform="google", status="archived")  # 6


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("", [1, 2, 3, 4, 5, 6]),
        ("type:in=pos,marketing", [5, 6]),
        ("status:in=connected,active", [1, 2, 3, 4]),
        ("platform:in=google,bigcommerce", [1, 6]),
        ("available=true", [1, 2, 3, 4]),
        ("available=false", [5, 6]),
        ("date_created:min=2025-03-15T00:00:00Z", [6]),
        ("date_created:max=2025-03-15T00:00:00Z", [1, 2, 3, 4, 5]),
        ("date_modified:min=2025-01-01T00:00:00Z&type:in=marketplace", [4]),
        ("limit=2&page=2", [3, 4]),
    ],
)
def test_list_channel_filters(client: httpx.Client, several: None, query: str, ids: list[int]) -> None:
    response = client.get(f"{V3}/channels?{query}")
    assert response.status_code == 200
    assert [c["id"] for c in response.json()["data"]] == ids


def test_list_with_a_bad_status_filter_is_422(client: httpx.Client) -> None:
    response = client.get(f"{V3}/channels?available=maybe")
    assert response.status_code == 422
    assert response.json() == _error(422, "The filter(s) given are invalid.", {"available": "'maybe' is not a boolean"})


def test_include_currencies_adds_each_channels_assignment(client: httpx.Client) -> None:
    _create(client)
    client.put(
        f"{V3}/channels/{NEW}/currency-assignments", json={"enabled_currencies": ["EUR"], "default_currency": "EUR"}
    )
    data = client.get(f"{V3}/channels?include=currencies").json()["data"]
    inherited = [
        {"channel_id": channel_id, "enabled_currencies": ["USD"], "default_currency": "USD"} for channel_id in (1, 2, 3)
    ]
    assert [c["currencies"] for c in data] == [
        *inherited, {"channel_id": NEW, "enabled_currencies": ["EUR"], "default_currency": "EUR"},
    ]  # fmt: skip
    assert "currencies" not in client.get(f"{V3}/channels/{NEW}").json()["data"]


# --------------------------------------------------------------------------- active theme


def test_the_default_storefront_has_an_active_theme(client: httpx.Client) -> None:
    first = client.get(f"{V3}/channels/1/active-theme")
    assert first.status_code == 200
    theme = first.json()["data"]
    assert set(theme) == {
        "active_theme_uuid", "active_theme_configuration_uuid", "active_theme_version_uuid",
        "saved_theme_configuration_uuid",
    }  # fmt: skip
    assert theme["saved_theme_configuration_uuid"] == theme["active_theme_configuration_uuid"]
    assert client.get(f"{V3}/channels/1/active-theme").json()["data"] == theme


def test_a_marketplace_has_no_active_theme(client: httpx.Client) -> None:
    _create(client)
    response = client.get(f"{V3}/channels/{NEW}/active-theme")
    assert (response.status_code, response.json()) == (404, _error(404, f"Channel {NEW} has no active theme.", {}))


# --------------------------------------------------------------------------- currency assignments

CURRENCIES = f"{V3}/channels/currency-assignments"


def test_a_channel_without_assignments_inherits_the_stores(client: httpx.Client) -> None:
    response = client.get(f"{V3}/channels/1/currency-assignments")
    assert response.json() == {
        "data": {"channel_id": 1, "enabled_currencies": ["USD"], "default_currency": "USD"},
        "meta": {},
    }


@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_set_a_channels_currencies(client: httpx.Client, method: str) -> None:
    body = {"enabled_currencies": ["USD", "EUR", "USD"], "default_currency": "EUR"}
    response = client.request(method, f"{V3}/channels/1/currency-assignments", json=body)
    expected = {"channel_id": 1, "enabled_currencies": ["USD", "EUR"], "default_currency": "EUR"}
    assert (response.status_code, response.json()) == (200, {"data": expected, "meta": {}})
    assert client.get(f"{V3}/channels/1/currency-assignments").json()["data"] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {"enabled_currencies": ["USD", "XYZ", "usd"], "default_currency": "USD"},
            _error(422, "The following fields are invalid: enabled_currencies.",
                   {"enabled_currencies": "holds currencies the store has not enabled: XYZ, usd"}),
        ),
        (
            {"enabled_currencies": ["USD"], "default_currency": "EUR"},
            _error(422, "The following fields are invalid: default_currency.",
                   {"default_currency": "must be one of enabled_currencies, which does not hold EUR"}),
        ),
        (
            {"enabled_currencies": [], "default_currency": "EUR"},
            _error(422, "The following fields are invalid: enabled_currencies, default_currency.",
                   {"enabled_currencies": "must name at least one currency",
                    "default_currency": "must be one of enabled_currencies, which does not hold EUR"}),
        ),
        (
            {"enabled_currencies": ["USD"]},
            _error(422, "JSON data is missing or invalid", {"default_currency": "error.path.missing"}),
        ),
    ],
)  # fmt: skip
def test_currency_refusals(client: httpx.Client, body: dict[str, Any], expected: dict[str, Any]) -> None:
    response = client.put(f"{V3}/channels/1/currency-assignments", json=body)
    assert (response.status_code, response.json()) == (422, expected)
    assert client.get(f"{V3}/channels/1/currency-assignments").json()["data"]["enabled_currencies"] == ["USD"]


def test_currencies_of_an_unknown_channel(client: httpx.Client) -> None:
    body = {"enabled_currencies": ["USD"], "default_currency": "USD"}
    response = client.post(f"{V3}/channels/9/currency-assignments", json=body)
    assert (response.status_code, response.json()) == (422, _error(422, "Channels 9 do not exist in this store.", {}))
    for method in ("GET", "DELETE"):
        response = client.request(method, f"{V3}/channels/9/currency-assignments")
        assert (response.status_code, response.json()) == (404, _error(404, "The requested channel was not found."))


def test_delete_currencies_brings_back_the_stores(client: httpx.Client) -> None:
    client.put(f"{V3}/channels/1/currency-assignments", json={"enabled_currencies": ["GBP"], "default_currency": "GBP"})
    response = client.delete(f"{V3}/channels/1/currency-assignments")
    assert (response.status_code, response.json()) == (200, {"data": 1, "meta": {}})
    assert client.get(f"{V3}/channels/1/currency-assignments").json()["data"]["enabled_currencies"] == ["USD"]


@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_set_several_channels_currencies(client: httpx.Client, method: str) -> None:
    _create(client)
    body = [
        {"channel_id": 1, "enabled_currencies": ["USD", "CAD"], "default_currency": "USD"},
        {"channel_id": NEW, "enabled_currencies": ["EUR"], "default_currency": "EUR"},
    ]
    response = client.request(method, CURRENCIES, json=body)
    assert (response.status_code, response.json()) == (200, {"data": body, "meta": {}})
    inherited = [{"channel_id": c, "enabled_currencies": ["USD"], "default_currency": "USD"} for c in (2, 3)]
    assert client.get(CURRENCIES).json() == {"data": [body[0], *inherited, body[1]], "meta": {}}


def test_several_channels_currencies_are_all_or_nothing(client: httpx.Client) -> None:
    _create(client)
    body = [
        {"channel_id": 1, "enabled_currencies": ["CAD"], "default_currency": "CAD"},
        {"channel_id": NEW, "enabled_currencies": ["EUR"], "default_currency": "USD"},
    ]
    response = client.put(CURRENCIES, json=body)
    assert (response.status_code, response.json()) == (
        422,
        _error(422, "The following fields are invalid: default_currency.",
               {"1.default_currency": "must be one of enabled_currencies, which does not hold USD"}),
    )  # fmt: skip
    unknown = client.post(CURRENCIES, json=[{**body[0], "channel_id": 8}, {**body[0], "channel_id": 7}])
    assert (unknown.status_code, unknown.json()) == (422, _error(422, "Channels 7, 8 do not exist in this store.", {}))
    assert [a["enabled_currencies"] for a in client.get(CURRENCIES).json()["data"]] == [["USD"]] * 4


def test_a_batch_item_missing_a_field_is_422(client: httpx.Client) -> None:
    response = client.post(CURRENCIES, json=[{"channel_id": 1, "enabled_currencies": ["USD"]}])
    assert (response.status_code, response.json()) == (
        422, _error(422, "JSON data is missing or invalid", {"0.default_currency": "error.path.missing"})
    )  # fmt: skip


# --------------------------------------------------------------------------- scopes


def test_read_only_channel_settings_read_but_do_not_write(scoped_client: Callable[..., httpx.Client]) -> None:
    reader = scoped_client(["store_channel_settings_read_only"])
    assert reader.get(f"{V3}/channels").status_code == 200
    assert reader.get(f"{V3}/channels/1/site").status_code == 200
    response = reader.post(f"{V3}/channels", json={"name": "eBay", "type": "marketplace", "platform": "ebay"})
    assert (response.status_code, response.json()) == (403, MISSING_SCOPE)
    assert reader.get(f"{V3}/channels/1/listings").status_code == 403


def test_listings_need_the_channel_listings_scope(scoped_client: Callable[..., httpx.Client]) -> None:
    lister = scoped_client(["store_channel_listings"])
    assert lister.get(f"{V3}/channels/1/listings").status_code == 200
    assert lister.get(f"{V3}/channels").status_code == 403


# --------------------------------------------------------------------------- the service other modules use


def test_find_require_and_site_url(client: httpx.Client, store: Store) -> None:
    _create(client)
    assert service.find(store, NEW) is not None and service.find(store, NEW + 1) is None
    assert service.require(store, NEW).name == "eBay"
    assert service.require(store, 2).name == "Wholesale storefront"
    with pytest.raises(NotFound) as raised:
        service.require(store, NEW + 1)
    assert (raised.value.resource, raised.value.id) == ("channel", NEW + 1)
    assert [service.exists(store, c) for c in (1, 2, 3, NEW, NEW + 1, 0)] == [True, True, True, True, False, False]
    assert service.site_url(store, 1) == f"https://store-{store.store_hash}.mybigcommerce.com"
    assert service.site_url(store, 2) is None
    client.post(f"{V3}/channels/2/site", json={"url": "https://shop.example.com/"})
    assert service.site_url(store, 2) == "https://shop.example.com/"
