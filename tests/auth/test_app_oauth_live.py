"""The install flow over real sockets: the mock delivers callbacks to an app listening on
127.0.0.1, and the official Python client exchanges the code and verifies the payload."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from bigcommerce.api import BigcommerceApi
from bigcommerce.connection import OAuthConnection
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from mockbc import create_app
from mockbc.fixtures import load_seed
from mockbc.http.app import MockApp
from mockbc.http.live import LiveServer
from mockbc.store.apps import store_owner
from mockbc.store.registry import StoreRegistry

STORE = "livestore1"


class AppReceiver:
    """A stand-in app: records the query of every callback it receives."""

    def __init__(self) -> None:
        self.received: list[tuple[str, dict[str, str]]] = []

        async def record(request: Request) -> PlainTextResponse:
            self.received.append((request.url.path, dict(request.query_params)))
            return PlainTextResponse("ok")

        paths = ("/auth", "/load", "/uninstall", "/remove_user")
        self.asgi = Starlette(routes=[Route(p, record, methods=["GET"]) for p in paths])


@pytest.fixture
def receiver() -> Iterator[tuple[AppReceiver, str]]:
    app = AppReceiver()
    with LiveServer(app.asgi) as server:
        yield app, server.url


@pytest.fixture
def mock() -> MockApp:
    registry = StoreRegistry(seed_loader=load_seed, default_store_hash=STORE)
    registry.create_store(STORE, fixtures="empty")
    return create_app(registry)


@pytest.fixture
def mock_server(mock: MockApp) -> Iterator[LiveServer]:
    with LiveServer(mock) as server:
        yield server


class LoginConnection(OAuthConnection):  # type: ignore[misc]
    """The official client, its login host and API host pointed at the mock over plain http."""

    def __init__(self, *args: Any, mock_host: str, **kwargs: Any) -> None:
        super().__init__(*args, host=mock_host, **kwargs)
        self.mock_host = mock_host

    def full_path(self, url: str) -> str:
        return "http://" + self.host + self.api_path.format(self.store_hash, url)

    def _run_method(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        return super()._run_method(method, url.replace(f"https://{self.mock_host}/", f"http://{self.mock_host}/"),
                                   *args, **kwargs)  # fmt: skip


def test_the_mock_delivers_every_callback_to_the_app(
    mock_server: LiveServer, receiver: tuple[AppReceiver, str]
) -> None:
    app_receiver, app_url = receiver
    callbacks = {f"{e}_callback": f"{app_url}/{e}" for e in ("load", "uninstall", "remove_user")}
    with httpx.Client(base_url=mock_server.url) as http:
        app = http.post("/_mockbc/apps", json={"scopes": ["store_v2_products"], "auth_callback": f"{app_url}/auth",
                                               **callbacks}).json()  # fmt: skip
        grant = http.post(f"/_mockbc/stores/{STORE}/installs", json={"client_id": app["client_id"], "deliver": True})
        assert grant.status_code == 201
        assert grant.json()["delivery"] == {"status": 200}
        assert app_receiver.received == [
            ("/auth", {"code": grant.json()["code"], "scope": "store_v2_products", "context": f"stores/{STORE}",
                       "account_uuid": grant.json()["account_uuid"]}),
        ]  # fmt: skip
        token = http.post("/oauth2/token", json={
            "client_id": app["client_id"], "client_secret": app["client_secret"], "code": grant.json()["code"],
            "scope": "store_v2_products", "grant_type": "authorization_code", "redirect_uri": f"{app_url}/auth",
            "context": f"stores/{STORE}",
        })  # fmt: skip
        assert token.status_code == 200

        for event in ("load", "remove_user", "uninstall"):
            sent = http.post(f"/_mockbc/stores/{STORE}/installs/{app['client_id']}/{event}", json={"deliver": True})
            assert sent.json()["delivery"] == {"status": 200}
            path, query = app_receiver.received[-1]
            assert path == f"/{event}"
            claims = OAuthConnection.verify_payload_jwt(query["signed_payload_jwt"], app["client_secret"],
                                                        app["client_id"])  # fmt: skip
            assert claims["sub"] == f"stores/{STORE}"
        assert len(app_receiver.received) == 4


def test_an_unreachable_callback_is_reported_not_raised(mock_server: LiveServer) -> None:
    with LiveServer(Starlette()) as gone:
        dead = f"{gone.url}/auth"
    with httpx.Client(base_url=mock_server.url) as http:
        app = http.post("/_mockbc/apps", json={"scopes": [], "auth_callback": dead}).json()

        response = http.post(f"/_mockbc/stores/{STORE}/installs", json={"client_id": app["client_id"], "deliver": True})

    assert response.status_code == 201
    assert response.json()["delivery"]["error"].startswith("ConnectError")


def test_the_official_client_fetches_the_token_and_verifies_the_payload(mock_server: LiveServer) -> None:
    host = f"{mock_server.host}:{mock_server.port}"
    callback = "https://app.example.com/auth"
    with httpx.Client(base_url=mock_server.url) as http:
        app = http.post("/_mockbc/apps", json={"scopes": ["store_v2_products_read_only"], "auth_callback": callback,
                                               "load_callback": "https://app.example.com/load"}).json()  # fmt: skip
        grant = http.post(f"/_mockbc/stores/{STORE}/installs", json={"client_id": app["client_id"]}).json()
        api = BigcommerceApi(client_id=app["client_id"], store_hash=STORE, access_token="")
        api.auth_service = host
        api.connection = LoginConnection(client_id=app["client_id"], store_hash=STORE, access_token="",
                                         mock_host=host, api_path="/stores/{}/v3/{}")  # fmt: skip

        token = api.oauth_fetch_token(app["client_secret"], grant["code"], grant["context"], grant["scope"], callback)

        assert token["context"] == f"stores/{STORE}" and token["owner"] == store_owner(STORE)
        assert api.connection.get("catalog/products")["data"] == []  # the client now sends the new token
        load = http.post(f"/_mockbc/stores/{STORE}/installs/{app['client_id']}/load", json={}).json()["url"]
    payload = httpx.URL(load).params["signed_payload_jwt"]
    claims = BigcommerceApi.oauth_verify_payload_jwt(payload, app["client_secret"], app["client_id"])
    assert claims["aud"] == app["client_id"] and claims["iss"] == "bc"
