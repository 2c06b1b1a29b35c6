"""The baseline: a bare Starlette app answering the mock's benchmarked routes with bodies of
the same size, without doing any of the mock's work.

Bodies are the mock's own responses, captured once at start-up (``capture_bodies``). The
baseline parses them once and renders them on every request with an orjson-based response,
exactly as the mock renders its replies (``mockbc.http.app.JSONResponse`` calls
``orjson.dumps``), so the bytes on the wire are identical to the mock's and the baseline
pays the same serialisation cost. What the ratio mock/baseline measures is therefore
everything the mock does besides "route + serialise a JSON body of that size".

The catalog operations (bench/catalog.py) get the same treatment: the v2 list answers the
mock's captured page of 250 products (a bare JSON array), the include read the captured
product with its four sub-resources (the route is the GET by id's; the store hash in the path
picks the body, a dict lookup), and the upload reads the multipart body the way a bare
Starlette endpoint does (``await request.form()``, python-multipart, then the file's bytes) and
answers the mock's captured create-image response.

The orders operations (bench/orders.py) too: the order create reads and parses the body and answers
the mock's captured order; the customer batch reads and parses its 10 customers and answers the
captured batch with each request's emails and last names put in (same size as the mock's answer).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
from catalog import CATALOG_STORE, add_catalog_store, capture_catalog
from common import LIST_QUERY, PRODUCTS, STORE, asgi_call, make_mock_app, post_body
from orders import capture_orders
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
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
    """``bodies``: ``get``, ``list`` and ``post`` response bytes (see ``capture_bodies``), and
    ``v2list``, ``include`` and ``upload`` (``capture_catalog``) unless the catalog could not be
    set up (then the baseline has no catalog routes either), ``order`` and ``customers``
    (``capture_orders``) likewise."""
    one = _parsed(bodies["get"])
    page = _parsed(bodies["list"])
    created = _parsed(bodies["post"])
    catalog = "v2list" in bodies
    v2_page = _parsed(bodies["v2list"]) if catalog else []
    # The include read is a GET by id on benchcat.
    by_store = {CATALOG_STORE: _parsed(bodies["include"])} if catalog else {}
    image = _parsed(bodies["upload"]) if catalog else {}
    orders = "order" in bodies
    order = _parsed(bodies["order"]) if orders else {}
    batch = _parsed(bodies["customers"]) if orders else {"data": []}

    async def get_product(request: Request) -> Response:
        return ORJSONResponse(by_store.get(request.path_params["store_hash"], one))

    async def list_products(request: Request) -> Response:
        return ORJSONResponse(page)

    async def create_product(request: Request) -> Response:
        body = orjson.loads(await request.body())
        # Echo the request's name and sku so the body varies like the mock's; same size.
        data = dict(created["data"], name=body["name"], sku=body["sku"])
        return ORJSONResponse({"data": data, "meta": {}})

    async def list_products_v2(request: Request) -> Response:
        return ORJSONResponse(v2_page)

    async def create_image(request: Request) -> Response:
        async with request.form() as form:
            upload = form["image_file"]
            if not isinstance(upload, UploadFile):
                return ORJSONResponse({"status": 422}, status_code=422)
            await upload.read()
        return ORJSONResponse(image)

    async def create_order(request: Request) -> Response:
        orjson.loads(await request.body())
        return ORJSONResponse(order)

    async def create_customers(request: Request) -> Response:
        people = orjson.loads(await request.body())
        # Echo each request's email and last name so the body varies like the mock's; same size.
        data = [dict(c, email=p["email"], last_name=p["last_name"]) for c, p in zip(batch["data"], people, strict=True)]
        return ORJSONResponse({"data": data, "meta": batch.get("meta", {})})

    routes = [
        Route("/stores/{store_hash}/v3/catalog/products", list_products, methods=["GET"]),
        Route("/stores/{store_hash}/v3/catalog/products", create_product, methods=["POST"]),
        Route("/stores/{store_hash}/v3/catalog/products/{product_id}", get_product, methods=["GET"]),
    ]
    if catalog:
        routes += [
            Route("/stores/{store_hash}/v3/catalog/products/{product_id}/images", create_image, methods=["POST"]),
            Route("/stores/{store_hash}/v2/products", list_products_v2, methods=["GET"]),
        ]
    if orders:
        routes += [
            Route("/stores/{store_hash}/v2/orders", create_order, methods=["POST"]),
            Route("/stores/{store_hash}/v3/customers", create_customers, methods=["POST"]),
        ]
    return Starlette(routes=routes)


async def capture_bodies(app: Any) -> tuple[dict[str, bytes], int]:
    """The mock's actual response bytes for the three product operations, and the product id used.

    Creates one product (``Bench product 0``) in the demo store; the caller resets it.
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
    return {"get": one, "list": raw, "post": created}, product_id


@dataclass(frozen=True, slots=True)
class Pair:
    mock: Any
    baseline: Starlette
    product_id: int  # the GET by id's product (demo store), also the upload's
    rich_id: int  # the include read's product (benchcat); 0 when catalog_error is set
    bodies: dict[str, bytes]  # the captured answers, by operation
    note: str | None  # make_mock_app's warning, if it needed its fallback
    catalog_error: str | None  # why the catalog operations cannot be measured (a half-built tree)
    orders_error: str | None  # why the orders operations (order, customers) cannot be measured


async def build_pair(host: str = "bench") -> Pair:
    """A fresh mock app (with the catalog store), its captured bodies and the matching baseline.
    ``host``: the Host header of the measured requests (``bench`` in-process, ``127.0.0.1:<port>``
    over HTTP). If the catalog store or its answers cannot be had (a route missing from a
    half-built tree, a wrong answer), the product operations are still measured and
    ``catalog_error`` says why the others are not; ``orders_error`` the same for the orders operations."""
    mock, note = make_mock_app()
    bodies, product_id = await capture_bodies(mock)
    rich_id, catalog_error = 0, None
    try:
        rich_id = await add_catalog_store(mock)
        bodies.update(await capture_catalog(mock, product_id, rich_id, host))
    except (RuntimeError, ValueError, LookupError) as exc:  # a refused seed, a non-200, a missing field
        rich_id, catalog_error = 0, f"{type(exc).__name__}: {exc}"
    orders_error = None
    try:
        bodies.update(await capture_orders(mock, host))
    except (RuntimeError, ValueError, LookupError, KeyError) as exc:  # a missing route, a non-200, a wrong answer
        orders_error = f"{type(exc).__name__}: {exc}"
    mock.state.registry.stores[STORE].reset()
    return Pair(mock, create_baseline(bodies), product_id, rich_id, bodies, note, catalog_error, orders_error)
