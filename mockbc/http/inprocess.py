"""A synchronous httpx transport that calls the ASGI app in-process, on a private event loop.

``httpx.ASGITransport`` is async-only; this lets plain (sync) tests and the official
synchronous clients drive the app without a socket.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx


class InProcessTransport(httpx.BaseTransport):
    def __init__(self, app: Any, *, raise_app_exceptions: bool = True) -> None:
        self._asgi = httpx.ASGITransport(app=app, raise_app_exceptions=raise_app_exceptions)
        self._loop = asyncio.new_event_loop()

    async def _send(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        response = await self._asgi.handle_async_request(request)
        content = await response.aread()
        return httpx.Response(response.status_code, headers=response.headers, content=content, request=request)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._loop.run_until_complete(self._send(request))

    def close(self) -> None:
        if not self._loop.is_closed():
            self._loop.close()


def client(app: Any, *, access_token: str | None = None, base_url: str = "http://mockbc.test") -> httpx.Client:
    """A sync httpx client bound in-process to ``app``, sending ``X-Auth-Token`` when given."""
    headers = {"X-Auth-Token": access_token} if access_token else {}
    return httpx.Client(transport=InProcessTransport(app), base_url=base_url, headers=headers)
