"""The store behind the catalog measurements of bench/run.py (v2 list, v3 read with includes),
and the request each of the three catalog operations repeats.

``benchcat`` is seeded from a fixture document (``bigstore.big_catalog(300)``: 300 products of
the 10,000-product catalog's shape, through ``mockbc.fixtures.build_seed``), so a v2 page of
``limit=250`` is full. One more product is then created through the API, the way a client
builds one: a POST with 12 inline variants (options Color x Size), then 4 images by URL, 5
custom fields and 3 bulk pricing rules through their own endpoints. It is the product the
``include=variants,images,custom_fields,bulk_pricing_rules`` read asks for. Nothing in the
bench resets ``benchcat`` (the POST and upload measurements reset the demo store only).

The upload is ``POST /v3/catalog/products/{id}/images`` on the demo store (the product the GET
by id reads), ``multipart/form-data`` with one ``image_file`` part of 1,000,000 bytes.
"""

from __future__ import annotations

from typing import Any

import orjson
from bigstore import big_catalog
from common import PRODUCTS, asgi_call, headers_for, scope_template
from payloads import upload_body

import mockbc
from mockbc.fixtures import build_seed

CATALOG_STORE = "benchcat"
CATALOG_PRODUCTS = 300
CATALOG_TOKEN = "bench-catalog-token"  # fixed, so the HTTP client knows it without asking the server
CATALOG_V3 = f"/stores/{CATALOG_STORE}/v3/catalog/products"
V2_PRODUCTS = f"/stores/{CATALOG_STORE}/v2/products"
V2_QUERY = "limit=250"
INCLUDES = ("variants", "images", "custom_fields", "bulk_pricing_rules")
INCLUDE_QUERY = f"include={','.join(INCLUDES)}"
RICH = {"variants": 12, "images": 4, "custom_fields": 5, "bulk_pricing_rules": 3}
# The demo store's upload budget (Limits().upload_bytes, 256 MiB) holds 268 files of 1,000,000 bytes;
# a measurement (warm-up included) uploads at most this many, and the store is reset after it.
UPLOADS_PER_MEASUREMENT = 200

Request = tuple[dict[str, Any], bytes]


def upload_path(product_id: int) -> str:
    return f"{PRODUCTS}/{product_id}/images"


def rich_product_body() -> dict[str, Any]:
    colors, sizes = ("Red", "Green", "Blue"), ("S", "M", "L", "XL")
    variants = [
        {"sku": f"RICH-{color[:3].upper()}-{size}", "price": 49.5 + i, "inventory_level": 5 + i,
         "option_values": [{"option_display_name": "Color", "label": color},
                           {"option_display_name": "Size", "label": size}]}
        for i, (color, size) in enumerate((c, s) for c in colors for s in sizes)
    ]  # fmt: skip
    return {
        "name": "Bench Rich Linen Throw", "type": "physical", "price": 49.5, "weight": 1.2, "sku": "RICH-THROW",
        "description": "<p>A product with every sub-resource the include read asks for.</p>",
        "inventory_tracking": "variant", "is_visible": True, "variants": variants,
    }  # fmt: skip


async def _ok(app: Any, method: str, path: str, token: str, body: dict[str, Any] | None = None) -> Any:
    status, raw = await asgi_call(app, method, path, "", token, None if body is None else orjson.dumps(body))
    if status != 200:
        raise RuntimeError(f"{method} {path} answered {status}: {raw[:300]!r}")
    return orjson.loads(raw)["data"]


async def add_catalog_store(app: Any) -> int:
    """Seed ``benchcat`` into ``app``'s registry (with an account holding every scope and the
    token ``CATALOG_TOKEN``) and create the rich product through the API; returns its id."""
    registry = app.state.registry
    registry.create_store(CATALOG_STORE, seed=build_seed(big_catalog(CATALOG_PRODUCTS).document))
    registry.create_account(CATALOG_STORE, name="bench", scopes=mockbc.ALL_SCOPES, access_token=CATALOG_TOKEN)
    product = await _ok(app, "POST", CATALOG_V3, CATALOG_TOKEN, rich_product_body())
    pid = int(product["id"])
    for i in range(RICH["images"]):
        image = {"image_url": f"https://cdn.example.com/bench/rich-throw-{i}.jpg", "description": f"View {i}",
                 "sort_order": i, "is_thumbnail": i == 0}  # fmt: skip
        await _ok(app, "POST", f"{CATALOG_V3}/{pid}/images", CATALOG_TOKEN, image)
    for i in range(RICH["custom_fields"]):
        field = {"name": f"Bench field {i}", "value": f"Bench value {i}"}
        await _ok(app, "POST", f"{CATALOG_V3}/{pid}/custom-fields", CATALOG_TOKEN, field)
    for i in range(RICH["bulk_pricing_rules"]):
        low = 10 * (i + 1)
        rule = {"quantity_min": low, "quantity_max": low + 9, "type": "percent", "amount": 5 * (i + 1)}
        await _ok(app, "POST", f"{CATALOG_V3}/{pid}/bulk-pricing-rules", CATALOG_TOKEN, rule)
    return pid


def catalog_request(op: str, token: str, product_id: int, rich_id: int) -> Request:
    """The one request a catalog operation repeats (``token``: the demo store's, for the upload)."""
    if op == "v2list":
        return scope_template("GET", V2_PRODUCTS, V2_QUERY, headers_for(CATALOG_TOKEN)), b""
    if op == "include":
        return scope_template("GET", f"{CATALOG_V3}/{rich_id}", INCLUDE_QUERY, headers_for(CATALOG_TOKEN)), b""
    if op == "upload":
        content_type, body = upload_body()
        return scope_template("POST", upload_path(product_id), "", headers_for(token, body, content_type)), body
    raise ValueError(f"not a catalog operation: {op}")


async def capture_catalog(app: Any, product_id: int, rich_id: int, host: str = "bench") -> dict[str, bytes]:
    """The mock's own answers to the three catalog operations, checked (a full v2 page, every
    include present with its count, the upload taken). The upload lands in the demo store, which
    the caller resets. ``host``: the Host header the measured requests will carry, since the v2
    links and the upload's URLs are built from it (so the baseline's bodies have the mock's size)."""
    token = app.state.default_account.access_token
    status, v2 = await asgi_call(app, "GET", V2_PRODUCTS, V2_QUERY, CATALOG_TOKEN, host=host)
    if status != 200:
        raise RuntimeError(f"GET {V2_PRODUCTS}?{V2_QUERY} answered {status}: {v2[:300]!r}")
    page = orjson.loads(v2)
    if not isinstance(page, list) or len(page) != 250:
        raise RuntimeError(f"GET {V2_PRODUCTS}?{V2_QUERY} gave {len(page)} products, expected a full page of 250")
    status, rich = await asgi_call(app, "GET", f"{CATALOG_V3}/{rich_id}", INCLUDE_QUERY, CATALOG_TOKEN, host=host)
    if status != 200:
        raise RuntimeError(f"GET {CATALOG_V3}/{rich_id}?{INCLUDE_QUERY} answered {status}: {rich[:300]!r}")
    data = orjson.loads(rich)["data"]
    got = {name: len(data.get(name) or ()) for name in INCLUDES}
    if got != RICH:
        raise RuntimeError(f"the include read gave {got}, expected {RICH}")
    content_type, body = upload_body()
    status, created = await asgi_call(app, "POST", upload_path(product_id), "", token, body, content_type, host)
    if status != 200:
        raise RuntimeError(f"POST {upload_path(product_id)} (multipart) answered {status}: {created[:300]!r}")
    return {"v2list": v2, "include": rich, "upload": created}
