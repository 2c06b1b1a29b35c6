"""bc_server: one live server per session, with the official client and with plain requests."""

from __future__ import annotations

import pytest

OFFICIAL_CLIENT = """
import pytest
from bigcommerce.connection import OAuthConnection
from bigcommerce.exception import ClientRequestException


class LocalConnection(OAuthConnection):
    # OAuthConnection always builds https:// URLs; the mock listens on plain http.
    def full_path(self, url):
        return "http://" + self.host + self.api_path.format(self.store_hash, url)


@pytest.fixture
def connection(bc_server):
    return LocalConnection(
        client_id=bc_server.client_id, store_hash=bc_server.store_hash, access_token=bc_server.access_token,
        host=bc_server.host, api_path="/stores/{}/v3/{}",
    )


def test_create_read_update_delete(connection, bc_store):
    created = connection.create("catalog/products", {"name": "Client Mug", "type": "physical", "weight": 0.5, "price": 12.5})
    product_id = created["data"]["id"]
    assert bc_store.products.get(product_id).name == "Client Mug"
    assert connection.update("catalog/products", product_id, {"price": 14.0})["data"]["price"] == 14.0
    assert connection.get("catalog/products", product_id)["data"]["price"] == 14.0
    connection.delete("catalog/products", product_id)
    assert bc_store.products.get(product_id) is None


def test_reset_between_tests(connection, bc_store):
    body = connection.get("catalog/products", limit=250)
    assert all(p["name"] != "Client Mug" for p in body["data"])
    assert body["meta"]["pagination"]["total"] == len(bc_store.products)


@pytest.mark.mockbc(scopes=["store_v2_products_read_only"])
def test_marker_scopes_apply(connection):
    with pytest.raises(ClientRequestException) as raised:
        connection.create("catalog/brands", {"name": "Nope"})
    assert raised.value.response.status_code == 403
"""


def test_official_bigcommerce_client_against_bc_server(inner: pytest.Pytester) -> None:
    inner.makepyfile(OFFICIAL_CLIENT)
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=3)


def test_requests_against_bc_server(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import requests
        import pytest

        URLS = []

        def test_fields_and_health(bc_server, bc_store):
            assert bc_server.url == f"http://127.0.0.1:{bc_server.port}"
            assert bc_server.host == f"127.0.0.1:{bc_server.port}"
            assert bc_server.store_hash == bc_store.store_hash
            assert bc_server.api_path == f"{bc_server.url}/stores/{bc_store.store_hash}/v3/"
            assert len(bc_server.client_id) == 31 and len(bc_server.client_secret) == 64
            assert requests.get(f"{bc_server.url}/_mockbc/health", timeout=5).json() == {"status": "ok"}
            URLS.append(bc_server.url)

        def test_create_with_requests(bc_server, bc_store, bc_requests):
            response = requests.post(
                f"{bc_server.api_path}catalog/brands", json={"name": "Wire Brand"},
                headers={"X-Auth-Token": bc_server.access_token}, timeout=5,
            )
            assert response.status_code == 200
            assert bc_store.brands.get(response.json()["data"]["id"]).name == "Wire Brand"
            bc_requests.assert_called_once("POST", "/v3/catalog/brands", json={"name": "Wire Brand"})
            URLS.append(bc_server.url)

        def test_same_server_store_reset(bc_server, bc_store):
            response = requests.get(
                f"{bc_server.api_path}catalog/brands", params={"name": "Wire Brand"},
                headers={"X-Auth-Token": bc_server.access_token}, timeout=5,
            )
            assert response.json()["data"] == []
            URLS.append(bc_server.url)
            assert len(set(URLS)) == 1

        def test_api_account_uses_the_server_url(bc_server, bc_api_account):
            account = bc_api_account(scopes=["store_v2_products_read_only"])
            assert account.api_path.startswith(bc_server.url)
            response = requests.get(
                f"{account.api_path}catalog/products/77", headers={"X-Auth-Token": account.access_token}, timeout=5
            )
            assert response.status_code == 200
        """
    )
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=4)
