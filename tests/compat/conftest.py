"""The official Python client (PyPI ``bigcommerce``) pointed at the mock on a real socket.

Its connections always build ``https://`` URLs; the one change a user makes is the scheme and
host (``LocalConnection``). ``api`` is the v2 ``BigcommerceApi``, ``connection`` the raw v3 path.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bigcommerce.api import BigcommerceApi
from bigcommerce.connection import OAuthConnection

from mockbc import ApiAccount, Store
from mockbc.http.live import LiveServer


class LocalConnection(OAuthConnection):  # type: ignore[misc]
    def full_path(self, url: str) -> str:
        return "http://" + self.host + self.api_path.format(self.store_hash, url)


@pytest.fixture
def connection(live_server: LiveServer, account: ApiAccount, store: Store) -> LocalConnection:
    return LocalConnection(
        client_id=account.client_id, store_hash=account.store_hash, access_token=account.access_token,
        host=f"{live_server.host}:{live_server.port}", api_path="/stores/{}/v3/{}",
    )  # fmt: skip


@pytest.fixture
def api(live_server: LiveServer, account: ApiAccount, store: Store) -> Iterator[BigcommerceApi]:
    client = BigcommerceApi(
        client_id=account.client_id, store_hash=account.store_hash, access_token=account.access_token
    )
    client.connection = LocalConnection(
        client_id=account.client_id, store_hash=account.store_hash, access_token=account.access_token,
        host=f"{live_server.host}:{live_server.port}",
    )  # fmt: skip
    yield client
