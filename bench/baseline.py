"""The baseline: a bare Starlette app answering the mock's three benchmarked routes with
bodies of the same size, without doing any of the mock's work.

Bodies are the mock's own responses, captured once at start-up (``capture_bodies``). The
baseline parses them once and renders them on every request with an orjson-based response,
exactly as the mock renders its replies (``mockbc.http.app.JSONResponse`` calls
``orjson.dumps``), so the bytes on the wire are identical to the mock's and the baseline
pays the same serialisation cost. What the ratio mock/baseline measures is therefore
everything the mock does besides "route + serialise a JSON body of that size".
"""

from __future__ import annotations

from typing import Any

import orjson
from common import LIST_QUERY, PRODUCTS, STORE, asgi_call, make_mock_app, post_body
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


class ORJSONResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def _parsed(raw: bytes) -> Any:
    """The body as a Python object that orjson renders back to exactly ``raw``."""
    value = orjson.loads(raw)
    if orjson.dumps(value) != raw:  # pragma: no cover - orjson round-trips its own output
        raise ValueError("captured body does not round-trip through orjson")
    return value


def create_baseline(bodies: dict[str, bytes]) -> Starlette:
    """``bodies``: ``get``, ``list`` and ``post`` response bytes (see ``capture_bodies``)."""
    one = _parsed(bodies["get"])
    page = _parsed(bodies["list"])
    created = _parsed(bodies["post"])

    async def get_product(request: Request) -> Response:
        return ORJSONResponse(one)

    async def list_products(request: Request) -> Response:
        return ORJSONResponse(page)

    async def create_product(request: Request) -> Response:
        body = orjson.loads(await request.body())
        # Echo the request's name and sku so the body varies like the mock's; same size.
        data = dict(created["data"], name=body["name"], sku=body["sku"])
        return ORJSONResponse({"data": data, "meta": {}})

    return Starlette(
        routes=[
            Route("/stores/{store_hash}/v3/catalog/products", list_products, methods=["GET"]),
            Route("/stores/{store_hash}/v3/catalog/products", create_product, methods=["POST"]),
            Route("/stores/{store_hash}/v3/catalog/products/{product_id}", get_product, methods=["GET"]),
        ]
    )


async def capture_bodies(app: Any) -> tuple[dict[str, bytes], int]:
    """The mock's actual response bytes for the three operations, and the product id used.

    Creates one product (``Bench product 0``) and resets the store afterwards.
    """
    token = app.state.default_account.access_token
    status, raw = await asgi_call(app, "GET", PRODUCTS, LIST_QUERY, token)
    if status != 200:
        raise RuntimeError(f"GET {PRODUCTS}?{LIST_QUERY} answered {status}: {raw[:300]!r}")
    listing = orjson.loads(raw)
    if len(listing["data"]) != 50:
        raise RuntimeError(f"the demo store lists {len(listing['data'])} products on page 1, expected 50")
    product_id = listing["data"][0]["id"]
    status, one = await asgi_call(app, "GET", f"{PRODUCTS}/{product_id}", "", token)
    if status != 200:
        raise RuntimeError(f"GET {PRODUCTS}/{product_id} answered {status}: {one[:300]!r}")
    status, created = await asgi_call(app, "POST", PRODUCTS, "", token, orjson.dumps(post_body(0)))
    if status != 200:
        raise RuntimeError(f"POST {PRODUCTS} answered {status}: {created[:300]!r}")
    app.state.registry.stores[STORE].reset()
    return {"get": one, "list": raw, "post": created}, product_id


async def build_pair() -> tuple[Any, Starlette, int, dict[str, bytes], str | None]:
    """A fresh mock app, its captured bodies and the matching baseline."""
    mock, note = make_mock_app()
    bodies, product_id = await capture_bodies(mock)
    return mock, create_baseline(bodies), product_id, bodies, note
