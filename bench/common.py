"""Shared by bench/run.py and bench/serve_app.py: building the mock app, and the raw ASGI driver.

Nothing here is part of mockbc; it only uses its public entry points.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from payloads import post_body as post_body  # re-exported; kept in payloads.py so loadgen.py need not import mockbc

from mockbc import DEFAULT_STORE_HASH, MockApp, StoreRegistry, create_app

STORE = DEFAULT_STORE_HASH
PRODUCTS = f"/stores/{STORE}/v3/catalog/products"
LIST_QUERY = "limit=50"
OPS = ("get", "list", "post")  # the original three, measured in every mode (httpx included)
CATALOG_OPS = ("v2list", "include", "upload")  # bench/catalog.py: in-process and over HTTP
ORDER_OPS = ("order", "customers")  # bench/orders.py: in-process and over HTTP
ALL_OPS = OPS + CATALOG_OPS + ORDER_OPS
OP_LABELS = {
    "get": "GET by id", "list": "list (limit 50)", "post": "POST create",
    "v2list": "v2 list (250)", "include": "GET include=4", "upload": "upload 1 MB",
    "order": "POST v2 order", "customers": "POST 10 customers",
}  # fmt: skip


def _covered_specs_dir() -> tuple[Path, list[str], list[str]]:
    """A temporary specs dir holding only the spec files whose operations all have handlers.

    ``mockbc.spec.load_operations()`` gives every operation of ``specs/`` by ``(api,
    operationId)`` with the file it came from; ``mockbc.http.operations.discovered()`` is the
    handler table under the same keys.
    """
    from mockbc.http.operations import discovered
    from mockbc.spec import default_specs_dir, load_operations

    handled = discovered()
    files: dict[str, bool] = {}
    for key, operation in load_operations().items():
        files[operation.spec_file] = files.get(operation.spec_file, True) and key in handled
    target = Path(tempfile.mkdtemp(prefix="mockbc-bench-specs-"))
    kept: list[str] = []
    dropped: list[str] = []
    for path in sorted(default_specs_dir().glob("*.yml")):
        if files.get(path.name, True):
            shutil.copy(path, target / path.name)
            kept.append(path.name)
        else:
            dropped.append(path.name)
    return target, kept, dropped


def make_mock_app(registry: StoreRegistry | None = None) -> tuple[MockApp, str | None]:
    """``create_app(fixtures="demo")`` (or ``create_app(registry)``); the second value is a
    warning when a fallback was needed.

    Fallback: while a resource is half-built in the tree (specs present, handlers missing),
    ``create_app`` refuses to start. The bench then builds the app from the spec files that
    are fully handled, so the product routes can still be measured, and says so loudly.
    """
    try:
        return create_app(registry, fixtures="demo"), None
    except LookupError as exc:
        if "without a handler" not in str(exc):
            raise
        specs_dir, kept, dropped = _covered_specs_dir()
        try:
            app = create_app(registry, fixtures="demo", specs_dir=specs_dir)
        finally:
            shutil.rmtree(specs_dir, ignore_errors=True)
        note = (
            f"create_app(fixtures='demo') fails in this tree ({exc}); the bench built the mock from "
            f"{', '.join(kept)} only (left out: {', '.join(dropped)}). Fewer routes than the real app: "
            "routing is slightly cheaper than it will be."
        )
        return app, note


# -- a minimal hand-rolled ASGI call --------------------------------------------------------


def scope_template(method: str, path: str, query: str, headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }


class Collector:
    """``send``: keeps the status and the body chunks of one response."""

    __slots__ = ("chunks", "status")

    def __init__(self) -> None:
        self.status = 0
        self.chunks: list[bytes] = []

    async def __call__(self, message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
        elif message["type"] == "http.response.body":
            self.chunks.append(message.get("body", b""))

    @property
    def body(self) -> bytes:
        return b"".join(self.chunks)


def receiver(body: bytes) -> Callable[[], Awaitable[dict[str, Any]]]:
    """``receive``: the whole request body in one message, then a disconnect."""
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


def headers_for(
    token: str | None, body: bytes | None = None, content_type: str = "application/json", host: str = "bench"
) -> list[tuple[bytes, bytes]]:
    headers = [(b"host", host.encode()), (b"accept", b"application/json")]
    if token:
        headers.append((b"x-auth-token", token.encode()))
    if body is not None:
        headers += [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]
    return headers


async def asgi_call(
    app: Any, method: str, path: str, query: str = "", token: str | None = None, body: bytes | None = None,
    content_type: str = "application/json", host: str = "bench",
) -> tuple[int, bytes]:  # fmt: skip
    """One request; ``host`` is the Host header (the mock builds v2 links and upload URLs from it)."""
    scope = scope_template(method, path, query, headers_for(token, body, content_type, host))
    send = Collector()
    await app(scope, receiver(body or b""), send)
    return send.status, send.body


async def drive_raw(
    app: Any, reqs: list[tuple[dict[str, Any], bytes]], warmup: int, count: int, seconds: float
) -> dict[str, Any]:
    """The tight loop: one hand-rolled ASGI call after the other on this event loop."""
    size = len(reqs)
    errors = 0
    for i in range(warmup):
        tpl, body = reqs[i % size]
        await app(dict(tpl), receiver(body), Collector())
    done = 0
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    deadline = t0 + seconds
    for i in range(warmup, warmup + count):
        tpl, body = reqs[i % size]
        send = Collector()
        await app(dict(tpl), receiver(body), send)
        if send.status != 200:
            errors += 1
        done += 1
        if time.perf_counter() > deadline:
            break
    elapsed = time.perf_counter() - t0
    cpu_us = (time.process_time() - cpu0) * 1e6 / max(done, 1)
    return {"requests": done, "seconds": elapsed, "rps": done / elapsed, "errors": errors, "cpu_us": cpu_us}
