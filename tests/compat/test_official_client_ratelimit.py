"""The official client's rate-limit handling against the mock on a real socket: it reads the
``X-Rate-Limit-*`` headers, waits out the window when few requests are left, and raises its
``RateLimitingException`` on a 429. Its ``sleep`` moves the mock's clock instead of waiting."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from bigcommerce.connection import OAuthConnection
from bigcommerce.exception import RateLimitingException

from mockbc import ApiAccount, Store
from mockbc.http.app import MockApp
from mockbc.http.live import LiveServer
from mockbc.http.ratelimit import StoreRateLimiter, parse_plan


class LocalConnection(OAuthConnection):  # type: ignore[misc]
    def full_path(self, url: str) -> str:
        return "http://" + self.host + self.api_path.format(self.store_hash, url)


class Clock:
    def __init__(self) -> None:
        self.now_ms = 0

    def __call__(self) -> int:
        return self.now_ms


@pytest.fixture
def clock(app: MockApp, store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    """The session app's limiter on a clock of the test's own, with plan 5/1 for the demo store."""
    limiter = app.state.rate_limiter
    assert isinstance(limiter, StoreRateLimiter)
    clock = Clock()
    monkeypatch.setattr(limiter, "clock", clock)
    limiter.set_plan(store.store_hash, parse_plan("5/1"))
    yield clock
    limiter.forget(store.store_hash)


def connect(live_server: LiveServer, account: ApiAccount, management: dict[str, Any] | None) -> LocalConnection:
    return LocalConnection(
        client_id=account.client_id, store_hash=account.store_hash, access_token=account.access_token,
        host=f"{live_server.host}:{live_server.port}", api_path="/stores/{}/v3/{}",
        rate_limiting_management=management,
    )  # fmt: skip


def test_the_client_waits_out_the_window_and_never_sees_a_429(
    live_server: LiveServer, account: ApiAccount, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    callbacks: list[dict[str, int]] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.now_ms += int(seconds * 1000)

    monkeypatch.setattr("bigcommerce.connection.sleep", sleep)
    connection = connect(live_server, account, None)
    management = {"min_requests_remaining": 2, "wait": True,
                  "callback_function": lambda: callbacks.append(dict(connection.rate_limit))}  # fmt: skip
    connection.rate_limiting_management = management

    names = []
    for _ in range(12):
        clock.now_ms += 100
        names.append(connection.get("catalog/products", 77)["data"]["name"])

    assert len(set(names)) == 1
    assert slept == [1, 1, 1, 1]  # requests 3, 6, 9 and 12 leave 2: the client sleeps the rest of the window
    assert callbacks[0] == {"ms_until_reset": 800, "window_size_ms": 1000, "requests_remaining": 2, "requests_quota": 5}
    assert len(callbacks) == 4


def test_without_management_the_client_raises_on_the_429(
    live_server: LiveServer, account: ApiAccount, clock: Clock
) -> None:
    connection = connect(live_server, account, None)
    for _ in range(5):
        connection.get("catalog/products", 77)
    clock.now_ms += 300

    with pytest.raises(RateLimitingException) as raised:
        connection.get("catalog/products", 77)

    response = raised.value.response
    assert response.status_code == 429
    assert response.json() == {"status": 429, "title": "Too many requests",
                               "type": "/api-docs/getting-started/api-status-codes", "errors": {}}  # fmt: skip
    assert response.headers["X-Retry-After"] == "1" and response.headers["X-Rate-Limit-Time-Reset-Ms"] == "700"
    # It records the headers only of answers it did not raise on: here the fifth request's.
    assert connection.rate_limit == {"ms_until_reset": 1000, "window_size_ms": 1000, "requests_remaining": 0,
                                     "requests_quota": 5}  # fmt: skip
