"""Shared fixtures for mockbc's own tests: one app per session, the default store reset per test.

Every response the in-process clients receive is recorded; the contract test
(tests/contract/test_responses_conform.py, always run last) checks each one against
BigCommerce's published spec for its operation and status.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from graphql import GraphQLSchema, build_schema
from recorder import RECORDED, RecordingTransport
from starlette.applications import Starlette

from mockbc import DEFAULT_STORE_HASH, ApiAccount, Store, StoreRegistry, create_app
from mockbc.http.inprocess import InProcessTransport
from mockbc.http.live import LiveServer

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
REPO_ROOT = Path(__file__).resolve().parents[1]
UPSTREAM_GRAPHQL_ENV = "MOCKBC_UPSTREAM_GRAPHQL"


def inprocess_client(app: Starlette, *, access_token: str) -> httpx.Client:
    transport = RecordingTransport(InProcessTransport(app))
    return httpx.Client(transport=transport, base_url="http://mockbc.test", headers={"X-Auth-Token": access_token})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The response contract check reads what every other test recorded, so it goes last.
    last = [item for item in items if item.get_closest_marker("after_all_tests")]
    items[:] = [item for item in items if item not in last] + last


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "after_all_tests: run after every other test of the session")


@pytest.fixture(autouse=True)
def _record_plugin_clients(request: pytest.FixtureRequest) -> None:
    """Tests written with the plugin's fixtures (``bc_client``...) are recorded too: their
    session transport is wrapped once, the first time a test uses it."""
    if not any(name.startswith("bc_") for name in request.fixturenames):
        return
    shared = request.getfixturevalue("_mockbc_session").transport
    if not isinstance(shared._inner, RecordingTransport):
        shared._inner = RecordingTransport(shared._inner)


@pytest.fixture(scope="session")
def upstream_graphql_schema() -> GraphQLSchema:
    """BigCommerce's live storefront schema, from $MOCKBC_UPSTREAM_GRAPHQL, else
    ``../shared/bigcommerce-graphql`` next to the repository. Missing, it skips the tests locally but
    fails them when $CI is set."""
    configured = os.environ.get(UPSTREAM_GRAPHQL_ENV)
    directory = Path(configured) if configured else REPO_ROOT.parent / "shared" / "bigcommerce-graphql"
    path = directory / "storefront.graphql"
    if not path.is_file():
        message = f"upstream BigCommerce GraphQL schema not found at {path}; set {UPSTREAM_GRAPHQL_ENV}"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return build_schema(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def recorded_responses() -> list[object]:
    return RECORDED


@pytest.fixture(scope="session")
def app() -> Starlette:
    return create_app(fixtures="catalog")


@pytest.fixture(scope="session")
def registry(app: Starlette) -> StoreRegistry:
    registry: StoreRegistry = app.state.registry
    return registry


@pytest.fixture(scope="session")
def account(app: Starlette) -> ApiAccount:
    account: ApiAccount = app.state.default_account
    return account


@pytest.fixture
def store(registry: StoreRegistry) -> Store:
    """The default demo store, back at its seed; other stores and accounts made by a test are dropped."""
    for store_hash in [h for h in registry.stores if h != DEFAULT_STORE_HASH]:
        registry.drop_store(store_hash)
    store = registry.stores[DEFAULT_STORE_HASH]
    store.reset()
    registry.journal.clear()
    return store


@pytest.fixture(scope="session")
def _session_client(app: Starlette, account: ApiAccount) -> Iterator[httpx.Client]:
    with inprocess_client(app, access_token=account.access_token) as client:
        yield client


@pytest.fixture
def client(_session_client: httpx.Client, store: Store) -> httpx.Client:
    """An in-process client holding every scope, on a freshly reset demo store."""
    return _session_client


@pytest.fixture
def scoped_client(app: Starlette, registry: StoreRegistry, store: Store) -> Iterator[object]:
    """A factory: ``scoped_client(["store_v2_products_read_only"])`` -> client with those scopes."""
    made: list[httpx.Client] = []

    def make(scopes: list[str], store_hash: str = DEFAULT_STORE_HASH) -> httpx.Client:
        account = registry.create_account(store_hash, name=f"scoped-{len(registry.accounts)}", scopes=scopes)
        made.append(inprocess_client(app, access_token=account.access_token))
        return made[-1]

    yield make
    for c in made:
        c.close()


@pytest.fixture(scope="session")
def live_server(app: Starlette) -> Iterator[LiveServer]:
    """The session app on a real 127.0.0.1 socket, for clients that bring their own HTTP stack."""
    with LiveServer(app) as server:
        yield server
