"""Channel sites, their checkout URL and channel menus through HTTP: each operation, each refusal's full
body, persistence through GETs, and the default storefront's site."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.clock import FrozenClock

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
TYPE = "/api-docs/getting-started/api-status-codes"
NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
STAMP = "2025-03-01T12:00:00+00:00"
LATER = datetime(2025, 3, 5, tzinfo=UTC)
LATER_STAMP = "2025-03-05T00:00:00+00:00"
EPOCH = "2024-01-01T00:00:00+00:00"
PERMANENT = f"https://store-{DEFAULT_STORE_HASH}.mybigcommerce.com"
SITE = f"{V3}/channels/2/site"


@pytest.fixture(autouse=True)
def frozen(store: Store, monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    clock = FrozenClock(NOW)
    monkeypatch.setattr(store, "clock", clock)
    return clock


@pytest.fixture(autouse=True)
def headless(client: httpx.Client, frozen: FrozenClock) -> None:
    body = {"name": "Headless", "type": "storefront", "platform": "catalyst"}
    assert client.post(f"{V3}/channels", json=body).status_code == 200


def _error(title: str, errors: dict[str, str] | None = None, status: int = 422) -> dict[str, Any]:
    out: dict[str, Any] = {"status": status, "title": title, "type": TYPE}
    if errors is not None:
        out["errors"] = errors
    return out


PAYLOAD = "The request payload is invalid."
NO_CHANNEL = _error("The requested channel was not found.", status=404)
NO_SITE = _error("The requested site was not found.", status=404)


def _url(url: str, kind: str, created: str = STAMP, updated: str = STAMP) -> dict[str, Any]:
    return {"url": url, "type": kind, "created_at": created, "updated_at": updated}


def test_the_default_storefront_has_its_permanent_site(client: httpx.Client) -> None:
    response = client.get(f"{V3}/channels/1/site")
    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "id": 1, "url": PERMANENT, "channel_id": 1, "created_at": EPOCH, "updated_at": EPOCH, "ssl_status": "shared",
            "urls": [_url(PERMANENT, "primary", EPOCH, EPOCH), _url(PERMANENT, "canonical", EPOCH, EPOCH)],
            "is_checkout_url_customized": False,
        },
        "meta": {},
    }  # fmt: skip


def test_create_site_answers_and_persists(client: httpx.Client) -> None:
    response = client.post(SITE, json={"url": "https://shop.example.com", "channel_id": 2})
    expected = {
        "id": 2, "url": "https://shop.example.com", "channel_id": 2, "created_at": STAMP, "updated_at": STAMP,
        "ssl_status": "dedicated",
        "urls": [
            _url("https://shop.example.com", "primary"),
            _url(f"https://store-{DEFAULT_STORE_HASH}-2.mybigcommerce.com", "canonical"),
        ],
        "is_checkout_url_customized": False,
    }  # fmt: skip
    assert (response.status_code, response.json()) == (200, {"data": expected, "meta": {}})
    assert client.get(SITE).json()["data"] == expected


def test_a_channel_without_a_site(client: httpx.Client) -> None:
    for method in ("GET", "PUT", "DELETE"):
        response = client.request(method, SITE, json={"url": "https://a.example"} if method == "PUT" else None)
        assert (response.status_code, response.json()) == (404, NO_SITE)
    response = client.put(f"{SITE}/checkout-url", json={"url": "https://checkout.example.com"})
    assert (response.status_code, response.json()) == (404, NO_SITE)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({}, _error("JSON data is missing or invalid", {"url": "error.path.missing"})),
        ({"url": "shop.example.com"}, _error(PAYLOAD, {"url": "must be an absolute http or https URL"})),
        ({"url": "ftp://shop.example.com"}, _error(PAYLOAD, {"url": "must be an absolute http or https URL"})),
        (
            {"url": "https://user:pw@shop.example.com"},
            _error(PAYLOAD, {"url": "must be an absolute http or https URL"}),
        ),
        ({"url": "https://shop.example.com:99999"}, _error(PAYLOAD, {"url": "must be an absolute http or https URL"})),
        ({"url": "https://bad_host.example.com"}, _error(PAYLOAD, {"url": "must be an absolute http or https URL"})),
        ({"url": PERMANENT + "/"}, _error(PAYLOAD, {"url": "is the URL of channel 1's site"})),
        (
            {"url": "https://shop.example.com", "channel_id": 1},
            _error(PAYLOAD, {"channel_id": "must be 2, the channel of the path"}),
        ),
        ({"url": 5}, _error("JSON data is missing or invalid", {"url": "must be a string"})),
    ],
)
def test_create_site_refusals(client: httpx.Client, store: Store, body: dict[str, Any], expected: Any) -> None:
    response = client.post(SITE, json=body)
    assert (response.status_code, response.json()) == (422, expected)
    assert len(store.channel_sites) == 0


def test_a_channel_has_one_site_and_sites_do_not_share_urls(client: httpx.Client) -> None:
    assert client.post(SITE, json={"url": "https://shop.example.com"}).status_code == 200
    again = client.post(SITE, json={"url": "https://other.example.com"})
    assert (again.status_code, again.json()) == (
        422, _error(PAYLOAD, {"channel_id": "Channel 2 already has a site; update it instead."})
    )  # fmt: skip
    client.post(f"{V3}/channels", json={"name": "Second", "type": "storefront", "platform": "next"})
    taken = client.post(f"{V3}/channels/3/site", json={"url": "https://SHOP.example.com/"})
    assert (taken.status_code, taken.json()) == (422, _error(PAYLOAD, {"url": "is the URL of channel 2's site"}))


def test_site_of_an_unknown_channel_is_404(client: httpx.Client) -> None:
    for method in ("GET", "POST", "PUT", "DELETE"):
        body = {"url": "https://a.example.com"} if method in ("POST", "PUT") else None
        response = client.request(method, f"{V3}/channels/9/site", json=body)
        assert (response.status_code, response.json()) == (404, NO_CHANNEL)


def test_update_site(client: httpx.Client, frozen: FrozenClock) -> None:
    client.post(SITE, json={"url": "https://shop.example.com"})
    frozen.set(LATER)
    response = client.put(SITE, json={"url": "https://www.shop.example.com"})
    assert response.status_code == 200
    data = response.json()["data"]
    assert (data["url"], data["created_at"], data["updated_at"]) == ("https://www.shop.example.com", STAMP, LATER_STAMP)
    assert client.get(SITE).json()["data"] == data
    refused = client.put(SITE, json={"url": "nope"})
    assert (refused.status_code, refused.json()) == (
        422,
        _error(PAYLOAD, {"url": "must be an absolute http or https URL"}),
    )


def test_the_default_site_can_move_to_a_custom_domain_and_back_on_reset(client: httpx.Client, store: Store) -> None:
    response = client.put(f"{V3}/channels/1/site", json={"url": "https://www.kittens.example"})
    assert (response.status_code, response.json()["data"]["ssl_status"]) == (200, "dedicated")
    assert [u["url"] for u in response.json()["data"]["urls"]] == ["https://www.kittens.example", PERMANENT]
    store.reset()
    assert client.get(f"{V3}/channels/1/site").json()["data"]["url"] == PERMANENT


def test_delete_site(client: httpx.Client, store: Store) -> None:
    client.post(SITE, json={"url": "https://shop.example.com"})
    response = client.delete(SITE)
    assert (response.status_code, response.json()) == (200, {"data": {}, "meta": {}})
    assert client.get(SITE).status_code == 404
    assert client.post(SITE, json={"url": "https://shop.example.com"}).status_code == 200


def test_the_default_storefront_keeps_its_site(client: httpx.Client) -> None:
    response = client.delete(f"{V3}/channels/1/site")
    assert (response.status_code, response.json()) == (
        422, _error(PAYLOAD, {"channel_id": "The default storefront's site cannot be deleted."})
    )  # fmt: skip
    assert client.get(f"{V3}/channels/1/site").status_code == 200


# --------------------------------------------------------------------------- checkout URL


def test_set_and_delete_the_checkout_url(client: httpx.Client, frozen: FrozenClock) -> None:
    client.post(SITE, json={"url": "https://shop.example.com"})
    frozen.set(LATER)
    response = client.put(f"{SITE}/checkout-url", json={"url": "http://checkout.example.com"})
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["is_checkout_url_customized"] is True
    assert data["urls"][-1] == _url("https://checkout.example.com", "checkout", LATER_STAMP, LATER_STAMP)
    assert client.get(SITE).json()["data"] == data

    deleted = client.delete(f"{SITE}/checkout-url")
    assert (deleted.status_code, deleted.json()) == (200, {"data": {}, "meta": {}})
    site = client.get(SITE).json()["data"]
    assert (site["is_checkout_url_customized"], [u["type"] for u in site["urls"]]) == (False, ["primary", "canonical"])


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://checkout.elsewhere.com",
            _error("The checkout URL https://checkout.elsewhere.com is not within the storefront's main domain.",
                   {"url": "must be within example.com, the storefront's main domain"}),
        ),
        ("checkout", _error(PAYLOAD, {"url": "must be an absolute http or https URL"})),
    ],
)  # fmt: skip
def test_checkout_url_refusals(client: httpx.Client, url: str, expected: dict[str, Any]) -> None:
    client.post(SITE, json={"url": "https://shop.example.com"})
    response = client.put(f"{SITE}/checkout-url", json={"url": url})
    assert (response.status_code, response.json()) == (422, expected)
    assert client.get(SITE).json()["data"]["is_checkout_url_customized"] is False


def test_the_default_site_takes_a_checkout_url_on_its_own_domain(client: httpx.Client) -> None:
    response = client.put(f"{V3}/channels/1/site/checkout-url", json={"url": "https://checkout.mybigcommerce.com"})
    assert response.status_code == 200
    assert response.json()["data"]["urls"][-1]["url"] == "https://checkout.mybigcommerce.com"


# --------------------------------------------------------------------------- menus

MENUS = f"{V3}/channels/2/channel-menus"


def test_menus_start_empty_and_are_replaced_whole(client: httpx.Client) -> None:
    assert client.get(MENUS).json() == {
        "data": {"bigcommerce_protected_app_sections": [], "custom_app_sections": []}, "meta": {}
    }  # fmt: skip
    body = {
        "bigcommerce_protected_app_sections": ["social", "domains"],
        "custom_app_sections": [{"title": "Overview", "query_path": "overview"}],
    }
    response = client.post(MENUS, json=body)
    assert (response.status_code, response.json()) == (200, {"data": body, "meta": {}})
    assert client.get(MENUS).json()["data"] == body
    replaced = client.post(MENUS, json={"bigcommerce_protected_app_sections": ["pages"]})
    assert replaced.json()["data"] == {"bigcommerce_protected_app_sections": ["pages"], "custom_app_sections": []}


def test_delete_menus(client: httpx.Client) -> None:
    client.post(MENUS, json={"bigcommerce_protected_app_sections": ["social"]})
    response = client.delete(MENUS)
    assert (response.status_code, response.json()) == (200, {"data": 2, "meta": {}})
    assert client.get(MENUS).json()["data"]["bigcommerce_protected_app_sections"] == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {"bigcommerce_protected_app_sections": ["billing"]},
            _error("JSON data is missing or invalid", {"bigcommerce_protected_app_sections.0": "must be one of: overview, "
                   "storefront_settings, localization, carousel, script_manager, currencies, payments, checkout, "
                   "domains, notifications, social, pages, data_solutions"}),
        ),
        (
            {"custom_app_sections": [{"title": "Overview"}]},
            _error("JSON data is missing or invalid", {"custom_app_sections.0.query_path": "error.path.missing"}),
        ),
    ],
)  # fmt: skip
def test_menu_refusals(client: httpx.Client, body: dict[str, Any], expected: dict[str, Any]) -> None:
    response = client.post(MENUS, json=body)
    assert (response.status_code, response.json()) == (422, expected)
    assert client.get(MENUS).json()["data"]["bigcommerce_protected_app_sections"] == []


def test_menus_of_an_unknown_channel_are_404(client: httpx.Client) -> None:
    for method in ("GET", "POST", "DELETE"):
        response = client.request(method, f"{V3}/channels/9/channel-menus", json={} if method == "POST" else None)
        assert (response.status_code, response.json()) == (404, NO_CHANNEL)
