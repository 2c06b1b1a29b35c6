"""The concurrency limits the upstream specs state per operation: while N requests of an
operation are in flight on a store, the next one is refused with the 429 of the request quota.

A request is in flight from its admission until its answer; here bodies that have not arrived
yet keep requests open, driven through the ASGI interface so no test waits on a clock.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import MutableMapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import orjson
import pytest

from mockbc import DEFAULT_STORE_HASH, create_app
from mockbc.http.app import MockApp
from mockbc.http.live import LiveServer
from mockbc.http.ratelimit import CONCURRENCY_LIMITS

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
pytestmark = pytest.mark.anyio

TOO_MANY = {"status": 429, "title": "Too many requests", "type": "/api-docs/getting-started/api-status-codes",
            "errors": {}}  # fmt: skip


class Held:
    """One request sent through the ASGI app whose body is held back until ``release``."""

    def __init__(self, app: MockApp, method: str, path: str, body: Any, token: str) -> None:
        self.arrived = asyncio.Event()
        self.gate = asyncio.Event()
        self.status: int | None = None
        self.headers: dict[str, str] = {}
        self.chunks: list[bytes] = []
        raw = orjson.dumps(body) if body is not None else b""
        self.scope = {
            "type": "http", "http_version": "1.1", "method": method, "path": path, "raw_path": path.encode(),
            "query_string": b"", "scheme": "http", "server": ("mockbc.test", 80), "client": ("127.0.0.1", 1),
            "root_path": "",
            "headers": [(b"host", b"mockbc.test"), (b"x-auth-token", token.encode()),
                        (b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode())],
        }  # fmt: skip
        self.raw = raw
        self.task = asyncio.ensure_future(app(self.scope, self.receive, self.send))

    async def receive(self) -> dict[str, Any]:
        self.arrived.set()
        await self.gate.wait()
        return {"type": "http.request", "body": self.raw, "more_body": False}

    async def send(self, message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = {k.decode(): v.decode() for k, v in message["headers"]}
        else:
            self.chunks.append(message.get("body", b""))

    def json(self) -> Any:
        return orjson.loads(b"".join(self.chunks))

    async def release(self) -> None:
        self.gate.set()
        await self.task


def customers_update(app: MockApp, token: str, n: int) -> list[Held]:
    return [Held(app, "PUT", f"{V3}/customers", [{"id": 999_000 + i, "notes": "x"}], token) for i in range(n)]


@pytest.fixture
def app() -> MockApp:
    return create_app(fixtures="catalog", rate_limit="standard")


async def test_the_fourth_concurrent_customer_update_is_refused_and_spends_nothing(app: MockApp) -> None:
    token = app.state.default_account.access_token
    limiter = app.state.rate_limiter
    held = customers_update(app, token, 3)
    for request in held:
        await request.arrived.wait()
    refused = Held(app, "PUT", f"{V3}/customers", [{"id": 1, "notes": "x"}], token)
    refused.gate.set()
    await refused.task
    assert refused.status == 429
    assert refused.json() == TOO_MANY
    assert {name: refused.headers[name] for name in sorted(refused.headers) if name.startswith("x-")} == {
        "x-rate-limit-requests-left": "147", "x-rate-limit-requests-quota": "150",
        "x-rate-limit-time-reset-ms": refused.headers["x-rate-limit-time-reset-ms"],
        "x-rate-limit-time-window-ms": "30000", "x-retry-after": "1",
    }  # fmt: skip
    assert 0 < int(refused.headers["x-rate-limit-time-reset-ms"]) <= 30_000
    assert limiter.status(DEFAULT_STORE_HASH).left == 147  # the refused request spent nothing
    for request in held:
        await request.release()
    assert [request.status for request in held] == [422, 422, 422]  # unknown customer ids, answered
    assert limiter.in_flight == {}
    again = Held(app, "PUT", f"{V3}/customers", [{"id": 999_999, "notes": "x"}], token)
    await again.release()
    assert again.status == 422


async def test_limits_count_per_operation_and_per_store(app: MockApp) -> None:
    registry = app.state.registry
    token = app.state.default_account.access_token
    registry.create_store("other", fixtures="empty")
    other = registry.create_account("other", name="o", scopes=app.state.default_account.scopes).access_token
    held = customers_update(app, token, 3)
    for request in held:
        await request.arrived.wait()
    elsewhere = Held(app, "PUT", "/stores/other/v3/customers", [{"id": 5, "notes": "x"}], other)
    another_op = Held(app, "POST", f"{V3}/customers/addresses", [{"customer_id": 999_999}], token)
    for request in (elsewhere, another_op):
        await request.release()
    assert (elsewhere.status, another_op.status) == (422, 422)
    for request in held:
        await request.release()


async def test_plan_off_sends_headers_and_never_refuses_for_concurrency() -> None:
    app = create_app(fixtures="catalog", rate_limit="off")
    token = app.state.default_account.access_token
    held = customers_update(app, token, 5)
    for request in held:
        await request.arrived.wait()
    for request in held:
        await request.release()
    assert [request.status for request in held] == [422] * 5
    assert held[0].headers["x-rate-limit-requests-quota"] == "150"
    assert app.state.rate_limiter.in_flight == {}


async def test_a_request_refused_by_the_quota_leaves_no_count_behind() -> None:
    app = create_app(fixtures="catalog", rate_limit="1/30")
    token = app.state.default_account.access_token
    first, second = customers_update(app, token, 2)
    await first.release()
    await second.release()
    assert (first.status, second.status) == (422, 429)
    assert app.state.rate_limiter.in_flight == {}


async def test_every_limited_operation_is_an_operation_of_the_mock(app: MockApp) -> None:
    assert set(CONCURRENCY_LIMITS) <= set(app.state.operations)
    assert CONCURRENCY_LIMITS[("v3", "updateCustomers")] == 3
    assert CONCURRENCY_LIMITS[("v3", "getCategoryTree")] == 1


def test_a_burst_at_the_quota_edge_never_gets_more_than_the_quota_over_a_socket() -> None:
    # 40 clients at once on a real socket against a quota of 7: exactly 7 answers, 33 refusals.
    app = create_app(fixtures="catalog", rate_limit="7/3600")
    token = app.state.default_account.access_token
    with LiveServer(app) as server:

        def one(_: int) -> int:
            with httpx.Client(base_url=server.url, headers={"X-Auth-Token": token}, trust_env=False) as client:
                return client.get(f"{V3}/catalog/products/77").status_code

        with ThreadPoolExecutor(max_workers=40) as pool:
            statuses = sorted(pool.map(one, range(40)))
    assert statuses == [200] * 7 + [429] * 33
    assert app.state.rate_limiter.status(DEFAULT_STORE_HASH).left == 0


def test_held_bodies_over_a_socket_meet_the_concurrency_limit() -> None:
    # Three PUT /v3/customers whose bodies have not arrived hold the operation's three places;
    # a fourth is refused at once.
    app = create_app(fixtures="catalog", rate_limit="standard")
    token = app.state.default_account.access_token
    limiter = app.state.rate_limiter
    admitted = threading.Semaphore(0)
    enter = limiter.enter

    def counted_enter(store_hash: str, operation: tuple[str, str]) -> bool:
        counted: bool = enter(store_hash, operation)
        if counted:
            admitted.release()
        return counted

    limiter.enter = counted_enter
    with LiveServer(app) as server:
        held = [_open_put(server.port, token) for _ in range(3)]
        try:
            assert all(admitted.acquire(timeout=10) for _ in held)
            with httpx.Client(base_url=server.url, headers={"X-Auth-Token": token}, trust_env=False) as client:
                refused = client.put(f"{V3}/customers", json=[{"id": 1, "notes": "x"}])
        finally:
            for sock in held:
                sock.close()
    assert refused.status_code == 429
    assert refused.json() == TOO_MANY
    assert refused.headers["x-retry-after"] == "1"


def _open_put(port: int, token: str) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(
        f"PUT {V3}/customers HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: {token}\r\n"
        "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n".encode()
    )
    return sock
