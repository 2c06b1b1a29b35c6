"""The orders and customers measurements of bench/run.py.

Two throughput operations, measured like the catalog ones (in-process and over HTTP, against the
baseline answering the mock's captured bodies), both on the demo store, which is reset after each
mock measurement (as after the product POST):

* ``order``: ``POST /stores/{hash}/v2/orders`` with a billing address and three catalog lines
  (``payloads.ORDER_PRODUCTS``: simple demo products whose stock is not tracked, so no measurement
  runs out; the capture checks that);
* ``customers``: ``POST /stores/{hash}/v3/customers`` with 10 new customers, emails unique per
  request (``payloads.customers_body(n)``, numbered like the product POST), no passwords (the mock
  hashes them with scrypt, deliberately slow).

And ``order_list_bench``: v2 order lists filtered on ``date_modified`` on a store holding 50,000
orders and on one holding 500, each against a GET of one order by id on the same store (the
filters' shape: bench/store_bench.py ``filter_bench``). The fixture format has no orders, so both
stores are seeded with the demo catalog and filled through ``mockbc.services.orders.create`` (the
path a POST takes after parsing) under a ``FrozenClock`` moved ``ORDER_SPACING`` seconds per order.
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

import orjson
from common import STORE, asgi_call, drive_raw, headers_for, scope_template
from payloads import CUSTOMERS_PER_BATCH, ORDER_PRODUCTS, customers_body, order_body

import mockbc
from mockbc.domain.clock import FrozenClock
from mockbc.fixtures import load_seed

ORDERS_PATH = f"/stores/{STORE}/v2/orders"
CUSTOMERS_PATH = f"/stores/{STORE}/v3/customers"
ORDER_ITEMS = sum(quantity for _, quantity in ORDER_PRODUCTS)

# The order list stores: (key, store hash, orders).
LIST_STORES = (("small", "benchorders500", 500), ("big", "benchorders50k", 50_000))
ORDER_SPACING = 600  # seconds between two orders' dates: one every 10 minutes, 50,000 span ~347 days
SLICE = 100  # orders the date filters match: a page of 50 is full
LIST_OPS = ("get", "min", "range", "plain", "min5")
JUDGED_LISTS = ("min", "range")
LIST_LABELS = {
    "get": "GET by id",
    "min": "?min_date_modified&limit=50",
    "range": "?min_&max_date_modified",
    "plain": "(info) ?limit=50",
    "min5": "(info) ?min_…&limit=5",
}
LIST_TARGET = 3.0  # the 50k store's list costs at most 3x a GET by id on that store
SCALE_TARGET = 1.5  # and at most 1.5x the same list on the 500-order store
FIRST_DATE = datetime(2025, 1, 1, tzinfo=UTC)

Request = tuple[dict[str, Any], bytes]


class Settings(Protocol):
    """What these measurements read of run.py's ``Settings``."""

    rounds: int
    filter_count: int  # requests per list measurement (upper bound)
    filter_seconds: float  # time cap per list measurement


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def order_requests(op: str, token: str, numbers: range) -> list[Request]:
    """What an orders operation repeats: one order body, or a customer batch per number in ``numbers``."""
    if op == "order":
        body = orjson.dumps(order_body())
        return [(scope_template("POST", ORDERS_PATH, "", headers_for(token, body)), body)]
    if op == "customers":
        out = []
        for n in numbers:
            body = orjson.dumps(customers_body(n))
            out.append((scope_template("POST", CUSTOMERS_PATH, "", headers_for(token, body)), body))
        return out
    raise ValueError(f"not an orders operation: {op}")


async def capture_orders(app: Any, host: str = "bench") -> dict[str, bytes]:
    """The mock's answers to one order create and one customer batch (``customers_body(0)``), checked: the
    three products are simple and untracked, the order holds their units, the batch created 10. Both land in
    the demo store, which the caller resets. ``host``: the measured requests' Host (the v2 order's links carry
    it)."""
    token = app.state.default_account.access_token
    for pid, _ in ORDER_PRODUCTS:
        path = f"/stores/{STORE}/v3/catalog/products/{pid}"
        status, raw = await asgi_call(app, "GET", path, "", token)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}: {raw[:300]!r}")
        product = orjson.loads(raw)["data"]
        if product["inventory_tracking"] != "none" or product.get("base_variant_id") is None:
            raise RuntimeError(f"demo product {pid} is not a simple untracked product: "
                               f"inventory_tracking {product['inventory_tracking']!r}")  # fmt: skip
    body = orjson.dumps(order_body())
    status, order = await asgi_call(app, "POST", ORDERS_PATH, "", token, body, host=host)
    if status != 200:
        raise RuntimeError(f"POST {ORDERS_PATH} answered {status}: {order[:300]!r}")
    items = orjson.loads(order).get("items_total")
    if items != ORDER_ITEMS:
        raise RuntimeError(f"the order holds {items} items, expected {ORDER_ITEMS}")
    status, customers = await asgi_call(app, "POST", CUSTOMERS_PATH, "", token, orjson.dumps(customers_body(0)))
    if status != 200:
        raise RuntimeError(f"POST {CUSTOMERS_PATH} answered {status}: {customers[:300]!r}")
    created = len(orjson.loads(customers)["data"])
    if created != CUSTOMERS_PER_BATCH:
        raise RuntimeError(f"the customer batch created {created}, expected {CUSTOMERS_PER_BATCH}")
    return {"order": order, "customers": customers}


# ------------------------------------------------------------------ order list ---


def _iso(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


def _date_of(n: int) -> datetime:
    """The date_created and date_modified of the n-th order (from 0) of a list store."""
    return FIRST_DATE + timedelta(seconds=ORDER_SPACING * n)


def fill_orders(store: mockbc.Store, orders: int) -> float:
    """``orders`` orders through ``services.orders.create`` (the body parsed once, as a POST parses it), one
    every ``ORDER_SPACING`` seconds of a frozen clock; returns the seconds it took."""
    from mockbc.presentation.orders_v2 import parse_create
    from mockbc.services import orders as service

    request = parse_create(order_body())["order"]
    clock = FrozenClock(FIRST_DATE)
    store.clock = clock
    t0 = time.perf_counter()
    for n in range(orders):
        clock.set(_date_of(n))
        service.create(store, request)
    elapsed = time.perf_counter() - t0
    if len(store.orders) != orders:
        raise RuntimeError(f"store holds {len(store.orders)} orders after the fill, expected {orders}")
    return elapsed


def add_order_store(registry: Any, store_hash: str, orders: int) -> tuple[mockbc.Store, str, float]:
    """A store seeded with the demo catalog and filled with ``orders`` orders; its token and the fill's seconds."""
    store = registry.create_store(store_hash, seed=load_seed("demo"))
    account = registry.create_account(store_hash, name="bench", scopes=mockbc.ALL_SCOPES)
    return store, account.access_token, fill_orders(store, orders)


def list_queries(orders: int) -> dict[str, str]:
    """The list ops' query strings on a store of ``orders`` orders: the last ``SLICE`` orders by date, and a
    window of ``SLICE`` in the middle."""
    last = _iso(_date_of(orders - SLICE))
    mid = orders // 2
    return {
        "min": f"min_date_modified={last}&limit=50",
        "range": f"min_date_modified={_iso(_date_of(mid))}&max_date_modified={_iso(_date_of(mid + SLICE - 1))}",
        "plain": "limit=50",
        "min5": f"min_date_modified={last}&limit=5",
    }


@dataclass(frozen=True, slots=True)
class ListStore:
    key: str
    store_hash: str
    orders: int
    token: str
    fill_seconds: float
    requests: dict[str, Request]
    shown: dict[str, str]  # op -> path and query, for the report


def _list_store(registry: Any, key: str, store_hash: str, orders: int) -> ListStore:
    _store, token, fill_seconds = add_order_store(registry, store_hash, orders)
    path = f"/stores/{store_hash}/v2/orders"
    get_id = orders // 2
    queries = list_queries(orders)
    requests = {"get": (scope_template("GET", f"{path}/{get_id}", "", headers_for(token)), b"")}
    requests.update({op: (scope_template("GET", path, q, headers_for(token)), b"") for op, q in queries.items()})
    shown = {"get": f"/v2/orders/{get_id}", **{op: f"/v2/orders?{q}" for op, q in queries.items()}}
    return ListStore(key, store_hash, orders, token, fill_seconds, requests, shown)


async def _answers(app: Any, ls: ListStore) -> dict[str, dict[str, Any]]:
    """What each op returns (rows, bytes) and matches (``/v2/orders/count`` with the same filters)."""
    out: dict[str, dict[str, Any]] = {}
    for op, (template, _) in ls.requests.items():
        status, raw = await asgi_call(app, "GET", template["path"], template["query_string"].decode(), ls.token)
        if status != 200:
            raise RuntimeError(f"GET {ls.shown[op]} ({ls.store_hash}) answered {status}: {raw[:300]!r}")
        data = orjson.loads(raw)
        rows = len(data) if isinstance(data, list) else 1
        matched = 1
        if op != "get":
            query = "&".join(p for p in template["query_string"].decode().split("&") if not p.startswith("limit="))
            path = f"/stores/{ls.store_hash}/v2/orders/count"
            status, counted = await asgi_call(app, "GET", path, query, ls.token)
            if status != 200:
                raise RuntimeError(f"GET {path}?{query} answered {status}: {counted[:300]!r}")
            matched = int(orjson.loads(counted)["count"])
        out[op] = {"returned": rows, "matched": matched, "bytes": len(raw)}
    for op in JUDGED_LISTS:
        if out[op]["matched"] != SLICE or out[op]["returned"] != 50:
            raise RuntimeError(f"{ls.shown[op]} on {ls.orders:,} orders matched {out[op]['matched']} and returned "
                               f"{out[op]['returned']}, expected {SLICE} and a page of 50")  # fmt: skip
    return out


async def order_list_bench(cfg: Settings, results: dict[str, Any]) -> None:
    from common import make_mock_app

    app, _note = make_mock_app()
    registry = app.state.registry
    stores: dict[str, ListStore] = {}
    for key, store_hash, orders in LIST_STORES:
        log(f"  order list: filling {store_hash} with {orders:,} orders")
        stores[key] = _list_store(registry, key, store_hash, orders)
    gc.collect()
    answers = {key: await _answers(app, ls) for key, ls in stores.items()}
    runs: dict[str, dict[str, list[dict[str, Any]]]] = {key: {op: [] for op in LIST_OPS} for key in stores}
    warmup = 20  # a list of 50 orders takes milliseconds
    for rnd in range(cfg.rounds):
        log(f"  order list: round {rnd + 1}/{cfg.rounds}")
        order = LIST_OPS if rnd % 2 == 0 else tuple(reversed(LIST_OPS))
        for key in stores if rnd % 2 == 0 else tuple(reversed(stores)):
            for op in order:
                result = await drive_raw(app, [stores[key].requests[op]], warmup, cfg.filter_count, cfg.filter_seconds)
                runs[key][op].append(result)
            gc.collect()
    summary: dict[str, dict[str, Any]] = {}
    for key in stores:
        summary[key] = {}
        get_runs = runs[key]["get"]
        for op in LIST_OPS:
            mine = runs[key][op]
            ratios = [g["rps"] / m["rps"] for m, g in zip(mine, get_runs, strict=True)]  # cost ÷ cost of the GET
            cpu = [m["cpu_us"] / g["cpu_us"] for m, g in zip(mine, get_runs, strict=True) if g["cpu_us"]]
            summary[key][op] = {
                "us": statistics.median(1e6 / r["rps"] for r in mine), "ratio": statistics.median(ratios),
                "ratio_min": min(ratios), "ratio_max": max(ratios), "cpu_ratio": statistics.median(cpu) if cpu else None,
                "errors": sum(r["errors"] for r in mine), **answers[key][op],
            }  # fmt: skip
    for op in LIST_OPS:  # does the cost grow with the store? per round, the big store's µs ÷ the small one's
        scale = [1e6 / b["rps"] / (1e6 / s["rps"]) for b, s in zip(runs["big"][op], runs["small"][op], strict=True)]
        summary["big"][op]["scale"] = statistics.median(scale)
        summary["big"][op]["scale_min"], summary["big"][op]["scale_max"] = min(scale), max(scale)
    results["order_list"] = {
        "stores": {key: {"hash": ls.store_hash, "orders": ls.orders, "fill_seconds": ls.fill_seconds,
                         "queries": ls.shown} for key, ls in stores.items()},
        "spacing_seconds": ORDER_SPACING, "slice": SLICE, "runs": runs, "summary": summary,
    }  # fmt: skip


def order_list_lines(results: dict[str, Any]) -> list[str]:
    r = results.get("order_list")
    if not r:
        return []
    if "error" in r:
        return [f"order lists on 50,000 orders: not measured: {r['error']}", ""]
    summary, stores = r["summary"], r["stores"]
    small, big = stores["small"], stores["big"]
    lines = [f"v2 order lists vs GET of one order by id, in-process (raw ASGI call; ratio = µs/req ÷ the GET's on "
             f"the same store, median over rounds; {small['orders']:,}- and {big['orders']:,}-order stores)"]  # fmt: skip
    labels = {key: f"{stores[key]['orders']:,} µs" for key in ("small", "big")}
    head = "".join(f" {labels[k]:>10} {'ratio':>6} {'range':>11} {'rows/matched':>12}" for k in ("small", "big"))
    lines.append(f"  {'query':<28}{head} {'target':>7} {'50k÷500':>7} {'range':>11} {'CPU ratio 50k':>13}")
    for op in LIST_OPS:
        row = f"  {LIST_LABELS[op]:<28}"
        for key in ("small", "big"):
            f = summary[key][op]
            spread = f"{f['ratio_min']:.2f}-{f['ratio_max']:.2f}" if op != "get" else ""
            rows = f"{f['returned']}/{f['matched']}"
            row += f" {f['us']:>10.1f} {f['ratio']:>6.2f} {spread:>11} {rows:>12}"
        b = summary["big"][op]
        goal = f"≤ {LIST_TARGET:g}" if op in JUDGED_LISTS else ""
        cpu = f"{b['cpu_ratio']:.2f}" if b["cpu_ratio"] and op != "get" else ""
        row += f" {goal:>7} {b['scale']:>7.2f} {b['scale_min']:>5.2f}-{b['scale_max']:<5.2f} {cpu:>13}"
        errors = sum(summary[k][op]["errors"] for k in ("small", "big"))
        if errors:
            row += f"  ({errors} non-200!)"
        lines.append(row)
    for key in ("small", "big"):
        q = stores[key]["queries"]
        lines.append(f"  {stores[key]['orders']:,} orders: GET {q['get']}; {q['min']}; {q['range']}")
    lines.append(f"  (orders dated one every {r['spacing_seconds'] // 60} minutes from {_iso(FIRST_DATE)}, each with "
                 f"3 catalog lines and a shipping address; filled through services.orders.create in "
                 f"{small['fill_seconds']:.2f} s ({small['orders']:,}) and {big['fill_seconds']:.2f} s "
                 f"({big['orders']:,}: {big['fill_seconds'] * 1e6 / big['orders']:.0f} µs per order); "
                 f"{summary['big']['min']['bytes']:,}-byte pages of 50)")  # fmt: skip
    lines.append("")
    return lines


def order_list_verdicts(results: dict[str, Any], verdict: Any) -> list[dict[str, Any]]:
    r = results.get("order_list")
    if not r:
        return []
    out: list[dict[str, Any]] = []
    if "error" in r:
        for op in JUDGED_LISTS:
            for target, what in ((f"order_list_{op}", "x a GET by id"), (f"order_list_{op}_scale", "50k÷500")):
                text = (
                    f"order list {LIST_LABELS[op]} on 50,000 orders ({what}): not measured ({r['error'][:200]}) MISSED"
                )
                out.append({"target": target, "value": None, "ok": False, "text": text})
        return out
    big = r["summary"]["big"]
    orders = r["stores"]["big"]["orders"]
    small_orders = r["stores"]["small"]["orders"]
    for op in JUDGED_LISTS:
        f = big[op]
        ok = f["ratio"] <= LIST_TARGET
        text = (f"order list {LIST_LABELS[op]} on {orders:,} orders: {f['ratio']:.2f}x a GET by id ({f['us']:.1f} vs "
                f"{big['get']['us']:.1f} µs; target ≤ {LIST_TARGET:g}x) {verdict(ok)}")  # fmt: skip
        cpu = f["cpu_ratio"]
        if cpu and ((cpu <= LIST_TARGET) != ok or abs(cpu - f["ratio"]) > 0.2 * f["ratio"]):
            text += f"  [noisy: the CPU-time ratio is {cpu:.2f}; the machine was busy, re-run]"
        out.append({"target": f"order_list_{op}", "value": f["ratio"], "ok": ok, "text": text})
        ok = f["scale"] <= SCALE_TARGET
        text = (f"order list {LIST_LABELS[op]}: {orders:,} orders ÷ {small_orders:,} orders = {f['scale']:.2f} "
                f"(target ≤ {SCALE_TARGET:g}) {verdict(ok)}")  # fmt: skip
        out.append({"target": f"order_list_{op}_scale", "value": f["scale"], "ok": ok, "text": text})
    return out
