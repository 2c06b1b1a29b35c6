"""Records every exchange the test clients make, for the response contract test."""

from __future__ import annotations

from dataclasses import dataclass

import httpx


@dataclass(frozen=True, slots=True)
class Exchange:
    method: str
    path: str
    query: str
    status: int
    content_type: str
    body: bytes


RECORDED: list[Exchange] = []


class RecordingTransport(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport) -> None:
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        RECORDED.append(
            Exchange(
                method=request.method,
                path=request.url.path,
                query=request.url.query.decode(),
                status=response.status_code,
                content_type=response.headers.get("content-type", ""),
                body=response.content,
            )
        )
        return response

    def close(self) -> None:
        self._inner.close()
