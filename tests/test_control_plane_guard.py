"""The control plane is unauthenticated by design, so it refuses what a web page could send:
other Host names (DNS rebinding), other origins, and writes without a JSON Content-Type."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, StoreRegistry, create_app
from mockbc.http.app import MockApp
from mockbc.http.control import host_name, is_loopback
from mockbc.http.inprocess import InProcessTransport

CONTROL_TYPE = "/_mockbc/errors"


def raw_client(app: MockApp, base_url: str = "http://127.0.0.1:8000") -> httpx.Client:
    return httpx.Client(transport=InProcessTransport(app), base_url=base_url)


@pytest.fixture
def control(app: MockApp, store: object) -> Iterator[httpx.Client]:
    with raw_client(app) as client:
        yield client


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1:8000", "127.0.0.1", "localhost:8000", "LOCALHOST", "[::1]:8000", "127.1.2.3:9", "mock.localhost:80",
     "mockbc.test"],
)  # fmt: skip
def test_loopback_host_names_are_answered(control: httpx.Client, host: str) -> None:
    response = control.get("/_mockbc/health", headers={"Host": host})

    assert response.status_code == 200


@pytest.mark.parametrize("host", ["evil.example:8000", "127.0.0.1.nip.io", "192.168.1.5:8000", "localhost.evil.com"])
def test_other_host_names_are_refused_so_dns_rebinding_reads_nothing(
    control: httpx.Client, registry: StoreRegistry, host: str
) -> None:
    response = control.get("/_mockbc/requests", headers={"Host": host})

    assert response.status_code == 403
    assert response.json() == {
        "status": 403,
        "title": f"The control plane does not answer for host {host!r}. Start the server with --allow-host NAME "
        "to allow another name.",
        "type": CONTROL_TYPE,
    }


def test_a_refused_host_cannot_reset_or_mint(control: httpx.Client, registry: StoreRegistry) -> None:
    accounts = dict(registry.accounts)
    headers = {"Host": "rebind.attacker.example", "Content-Type": "application/json"}

    assert (
        control.post(
            f"/_mockbc/stores/{DEFAULT_STORE_HASH}/api-accounts", json={"name": "x"}, headers=headers
        ).status_code
        == 403
    )
    assert control.delete(f"/_mockbc/stores/{DEFAULT_STORE_HASH}", headers=headers).status_code == 403
    assert registry.accounts == accounts and DEFAULT_STORE_HASH in registry.stores


def test_allowed_hosts_extend_the_loopback_names() -> None:
    app = create_app(fixtures="empty", allowed_hosts=["mock.internal", "[fd00::7]"])
    with raw_client(app) as client:
        assert client.get("/_mockbc/health", headers={"Host": "mock.internal:8000"}).status_code == 200
        assert client.get("/_mockbc/health", headers={"Host": "[fd00::7]:8000"}).status_code == 200
        assert client.get("/_mockbc/health", headers={"Host": "other.internal"}).status_code == 403


def test_bigcommerce_paths_ignore_the_host_header(app: MockApp, account: object, store: object) -> None:
    token = app.state.default_account.access_token
    with raw_client(app) as client:
        response = client.get(
            f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/products/77",
            headers={"Host": "api.bigcommerce.com", "X-Auth-Token": token},
        )

    assert response.status_code == 200


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://127.0.0.1:9999", "http://localhost:8000"])
def test_a_foreign_origin_is_refused(control: httpx.Client, registry: StoreRegistry, origin: str) -> None:
    stores = set(registry.stores)

    response = control.post(
        "/_mockbc/stores", json={"store_hash": "csrf1"}, headers={"Origin": origin, "Host": "127.0.0.1:8000"}
    )

    assert response.status_code == 403
    assert response.json() == {
        "status": 403,
        "title": f"Cross-origin requests to the control plane are refused (Origin {origin!r}).",
        "type": CONTROL_TYPE,
    }
    assert set(registry.stores) == stores


def test_the_mocks_own_origin_is_answered(control: httpx.Client) -> None:
    response = control.get("/_mockbc/health", headers={"Origin": "http://127.0.0.1:8000"})

    assert response.status_code == 200


def test_a_cross_site_fetch_is_refused(control: httpx.Client) -> None:
    response = control.get("/_mockbc/requests", headers={"Sec-Fetch-Site": "cross-site"})

    assert response.status_code == 403
    assert response.json()["title"] == "Cross-site requests to the control plane are refused."


@pytest.mark.parametrize(
    "content_type", [None, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_a_write_without_a_json_content_type_is_refused(
    control: httpx.Client, registry: StoreRegistry, content_type: str | None
) -> None:
    # What a no-cors fetch or an HTML form can send: it must neither mint an account nor wipe a store.
    headers = {"Content-Type": content_type} if content_type else {}
    accounts = dict(registry.accounts)
    store = registry.stores[DEFAULT_STORE_HASH]
    store.products.delete(77)

    minted = control.post(
        f"/_mockbc/stores/{DEFAULT_STORE_HASH}/api-accounts", content=b'{"name": "pwned"}', headers=headers
    )
    reset = control.post("/_mockbc/reset", headers=headers)

    assert minted.status_code == reset.status_code == 415
    assert reset.json() == {
        "status": 415,
        "title": "Control-plane writes must be sent with Content-Type: application/json (even with no body).",
        "type": CONTROL_TYPE,
    }
    assert registry.accounts == accounts
    assert store.products.get(77) is None  # not reset


def test_a_json_write_with_no_body_is_answered(control: httpx.Client) -> None:
    assert control.post("/_mockbc/reset", headers={"Content-Type": "application/json"}).status_code == 204


@pytest.mark.parametrize(
    ("header", "name"),
    [("127.0.0.1:8000", "127.0.0.1"), ("[::1]:80", "::1"), ("LocalHost", "localhost"), ("::1", "::1"), ("a.b", "a.b")],
)
def test_host_name_drops_the_port(header: str, name: str) -> None:
    assert host_name(header) == name


@pytest.mark.parametrize(
    ("name", "loopback"),
    [("127.0.0.1", True), ("127.9.9.9", True), ("::1", True), ("x.localhost", True), ("localhost", True),
     ("0.0.0.0", False), ("10.0.0.1", False), ("localhost.example", False), ("", False)],
)  # fmt: skip
def test_is_loopback(name: str, loopback: bool) -> None:
    assert is_loopback(name) is loopback
