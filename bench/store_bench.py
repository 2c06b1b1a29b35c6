"""The store-scale measurements of bench/run.py, all in-process through the raw ASGI driver:

* ``filter_bench``: filtered product lists on a 10,000-product store and on the demo store,
  each against a GET by id on the same store in the same round;
* ``api_reset_bench``: ``Store.reset()`` after 10,000 products POSTed through the API, and
  whether the reaper's freeing stays off the request path (the GET issued right after it);
* ``tree_batch_bench``: one ``POST /v3/catalog/trees/categories`` at the batch cap.

See bench/README.md for what each number means.
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote

import orjson
from bigstore import BIG_STORE, add_big_store, big_catalog
from common import STORE, Collector, drive_raw, headers_for, make_mock_app, receiver, scope_template

from mockbc import ALL_SCOPES, MockApp, StoreRegistry
from mockbc.fixtures import load_seed
from mockbc.store.reaper import Reaper

FILTER_OPS = ("get", "keyword", "name", "categories", "ids", "plain")
JUDGED_FILTERS = ("keyword", "name", "categories", "ids")
FILTER_LABELS = {
    "get": "GET by id",
    "keyword": "?keyword=<word>",
    "name": "?name=<exact name>",
    "categories": "?categories:in=<one>",
    "ids": "?id:in=<10 ids>",
    "plain": "(info) no filter",
}
FILTER_TARGET = 3.0  # a filtered list costs at most 3x a GET by id on the same store
RESET_PRODUCTS = 10_000
API_RESET_TARGET_MS = 1.0
AFTER_RESET_TARGET = 2.0  # the GET right after the reset, at most 2x a quiet one
TREE_BATCH_TARGET_MS = 100.0

Request = tuple[dict[str, Any], bytes]


class Settings(Protocol):
    """What these measurements read of run.py's ``Settings``."""

    rounds: int
    warmup: int
    filter_count: int  # requests per filter measurement (upper bound)
    filter_seconds: float  # time cap per filter measurement
    reset_fills: int  # rounds of "POST 10,000 products, reset"
    busy_seconds: float  # cap on the GETs issued while the reaper frees
    tree_batches: int


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _products_path(store_hash: str) -> str:
    return f"/stores/{store_hash}/v3/catalog/products"


async def _call(app: Any, request: Request) -> Collector:
    template, body = request
    send = Collector()
    await app(dict(template), receiver(body), send)
    return send


# ------------------------------------------------------------------------- filters ---


@dataclass(frozen=True, slots=True)
class FilterStore:
    label: str
    products: int
    requests: dict[str, Request]  # op -> the one request it repeats
    queries: dict[str, str]  # op -> path and query, for the report


def _get_request(store_hash: str, token: str, product_id: int) -> Request:
    return scope_template("GET", f"{_products_path(store_hash)}/{product_id}", "", headers_for(token)), b""


def _list_request(store_hash: str, token: str, query: str) -> Request:
    return scope_template("GET", _products_path(store_hash), query, headers_for(token)), b""


def _filter_store(
    label: str, store_hash: str, token: str, products: int, get_id: int, keyword: str, name: str, category: int,
    ids: tuple[int, ...],
) -> FilterStore:  # fmt: skip
    queries = {
        "keyword": f"keyword={quote(keyword)}&limit=50",
        "name": f"name={quote(name)}&limit=50",
        "categories": f"categories:in={category}&limit=50",
        "ids": f"id:in={','.join(map(str, ids))}&limit=50",
        "plain": "limit=50",
    }
    requests = {"get": _get_request(store_hash, token, get_id)}
    requests.update({op: _list_request(store_hash, token, query) for op, query in queries.items()})
    shown = {"get": f"/products/{get_id}", **{op: f"/products?{query}" for op, query in queries.items()}}
    return FilterStore(label, products, requests, shown)


def _demo_picks(store: Any) -> tuple[int, str, str, int, tuple[int, ...]]:
    """A product id, a name word matching a few products, a name, a category, 10 ids of the demo store."""
    from mockbc.store.indexes import words

    products = list(store.products.values())
    ids = sorted(p.id for p in products)
    counts: dict[str, int] = {}
    for product in products:
        for word in words([product.name]):
            counts[word] = counts.get(word, 0) + 1
    keyword = min(sorted(w for w in counts if len(w) >= 4), key=lambda w: abs(counts[w] - 5))
    members: dict[int, int] = {}
    for product in products:
        for category in product.categories:
            members[category] = members.get(category, 0) + 1
    # The biggest category that is not a catch-all (the demo has one holding every product).
    category = max(sorted(c for c in members if members[c] < len(products) / 2), key=lambda c: members[c])
    middle = products[len(products) // 2]
    spread = tuple(ids[(i * len(ids)) // 10] for i in range(10))
    return middle.id, keyword, middle.name, category, spread


async def filter_bench(cfg: Settings, results: dict[str, Any]) -> None:
    app, _note = make_mock_app()
    registry = app.state.registry
    demo = registry.stores[STORE]
    t0 = time.perf_counter()
    catalog = big_catalog()
    big, big_token = add_big_store(registry, catalog)
    seed_seconds = time.perf_counter() - t0
    get_id, keyword, name, category, ids = _demo_picks(demo)
    stores = {
        "demo": _filter_store("demo", STORE, app.state.default_account.access_token, len(demo.products), get_id,
                              keyword, name, category, ids),
        "big": _filter_store("10k", BIG_STORE, big_token, len(big.products), catalog.ids[0], catalog.keyword,
                             catalog.name, catalog.category_id, catalog.ids),
    }  # fmt: skip
    answers: dict[str, dict[str, Any]] = {}
    for key, fs in stores.items():
        answers[key] = {}
        for op, request in fs.requests.items():
            send = await _call(app, request)
            if send.status != 200:
                raise RuntimeError(f"{fs.label} {fs.queries[op]} answered {send.status}: {send.body[:300]!r}")
            body = orjson.loads(send.body)
            data = body["data"]
            total = body.get("meta", {}).get("pagination", {}).get("total", 1)
            answers[key][op] = {"returned": len(data) if isinstance(data, list) else 1, "matched": total,
                                "bytes": len(send.body)}  # fmt: skip
    runs: dict[str, dict[str, list[dict[str, Any]]]] = {key: {op: [] for op in FILTER_OPS} for key in stores}
    for rnd in range(cfg.rounds):
        log(f"  filters: round {rnd + 1}/{cfg.rounds}")
        order = FILTER_OPS if rnd % 2 == 0 else tuple(reversed(FILTER_OPS))
        for key in stores if rnd % 2 == 0 else tuple(reversed(stores)):
            for op in order:
                request = stores[key].requests[op]
                result = await drive_raw(app, [request], cfg.warmup, cfg.filter_count, cfg.filter_seconds)
                runs[key][op].append(result)
            gc.collect()
    summary: dict[str, dict[str, Any]] = {}
    for key in stores:
        summary[key] = {}
        get_runs = runs[key]["get"]
        for op in FILTER_OPS:
            mine = runs[key][op]
            ratios = [g["rps"] / m["rps"] for m, g in zip(mine, get_runs, strict=True)]  # cost ÷ cost of the GET
            cpu = [m["cpu_us"] / g["cpu_us"] for m, g in zip(mine, get_runs, strict=True) if g["cpu_us"]]
            summary[key][op] = {
                "us": statistics.median(1e6 / r["rps"] for r in mine), "ratio": statistics.median(ratios),
                "ratio_min": min(ratios), "ratio_max": max(ratios), "cpu_ratio": statistics.median(cpu) if cpu else None,
                "errors": sum(r["errors"] for r in mine), **answers[key][op],
            }  # fmt: skip
    results["filters"] = {
        "stores": {key: {"label": fs.label, "products": fs.products, "queries": fs.queries} for key, fs in stores.items()},
        "keyword_expected": catalog.keyword_expected, "category_expected": catalog.category_expected,
        "seed_seconds": seed_seconds, "runs": runs, "summary": summary,
    }  # fmt: skip


# ---------------------------------------------------------------------- API reset ---


async def _timed_get(app: Any, request: Request) -> float:
    """Wall time of one GET, in µs (200 checked)."""
    t0 = time.perf_counter_ns()
    send = await _call(app, request)
    elapsed = (time.perf_counter_ns() - t0) / 1e3
    if send.status != 200:
        raise RuntimeError(f"GET answered {send.status}: {send.body[:300]!r}")
    return elapsed


class HoldingReaper(Reaper):
    """The reference's reaper: keeps what a reset retires, frees nothing until ``release()``.

    A store built with it resets exactly as a normal one (same O(1) swap, same empty caches
    after it), but nothing is freed in the background while the next request runs.
    """

    def __init__(self) -> None:
        super().__init__()  # its thread only starts on Reaper.retire, which is not called
        self.held: list[object] = []

    def retire(self, garbage: object) -> None:
        self.held.append(garbage)

    def wait_idle(self, timeout: float | None = None) -> bool:
        return True

    def release(self) -> float:
        """Drop what was held, on this thread; returns the ms that took (synchronous freeing)."""
        t0 = time.perf_counter_ns()
        self.held.clear()
        return (time.perf_counter_ns() - t0) / 1e6


def _app_with(reaper: Reaper | None) -> tuple[MockApp, str]:
    """The demo app; with ``reaper``, its registry uses that reaper (the reference)."""
    if reaper is None:
        app, _note = make_mock_app()
    else:
        registry = StoreRegistry(reaper=reaper)
        registry.create_store(STORE, fixtures="demo", seed=load_seed("demo"))
        registry.create_account(STORE, name="default", scopes=ALL_SCOPES)
        app, _note = make_mock_app(registry)
    return app, app.state.default_account.access_token


async def api_reset_bench(cfg: Settings, results: dict[str, Any]) -> None:
    """Per round, in two apps: POST 10,000 products, take 50 GETs, then time ``reset()`` and the GET
    issued right after it. In the real app the reaper starts freeing what the reset dropped;
    in the reference (``HoldingReaper``) nothing is freed until the GET is done. So the two
    GETs meet the same store (seeded, rendering cache empty, caches as cold) and differ only
    by the freeing going on; the real app's ``wait_idle`` then gives the reaper's freeing time
    and the reference's ``release`` the time to free the same garbage synchronously."""
    holding = HoldingReaper()
    real_app, real_token = _app_with(None)
    ref_app, ref_token = _app_with(holding)
    apps = {"reaper": (real_app, real_token), "held": (ref_app, ref_token)}
    seeded = len(real_app.state.registry.stores[STORE].products)
    product_id = min(p.id for p in real_app.state.registry.stores[STORE].products.values())
    number = 0

    async def fill(app: MockApp, token: str) -> float:
        nonlocal number
        store = app.state.registry.stores[STORE]
        requests: list[Request] = []
        for _ in range(RESET_PRODUCTS):
            body = orjson.dumps({"name": f"API reset product {number}", "type": "physical", "weight": 1,
                                 "price": 9.99, "sku": f"APIRESET-{number}"})  # fmt: skip
            number += 1
            requests.append((scope_template("POST", _products_path(STORE), "", headers_for(token, body)), body))
        t0 = time.perf_counter()
        for request in requests:
            send = await _call(app, request)
            if send.status != 200:
                raise RuntimeError(f"POST answered {send.status}: {send.body[:300]!r}")
        elapsed = time.perf_counter() - t0
        if len(store.products) != seeded + RESET_PRODUCTS:
            raise RuntimeError(f"store holds {len(store.products)} products after the fill")
        return elapsed

    async def one_reset(kind: str) -> dict[str, float]:
        app, token = apps[kind]
        registry = app.state.registry
        store = registry.stores[STORE]
        get = _get_request(STORE, token, product_id)
        fill_s = await fill(app, token)
        gc.collect()
        registry.reaper.wait_idle(30.0)
        warm = [await _timed_get(app, get) for _ in range(50)]  # steady state: full store, rendering cached
        t0 = time.perf_counter_ns()
        store.reset()
        t1 = time.perf_counter_ns()
        after_us = await _timed_get(app, get)
        if kind == "reaper":
            idle = registry.reaper.wait_idle(60.0)
            freeing_ms = (time.perf_counter_ns() - t1) / 1e6
            if not idle:
                raise RuntimeError("the reaper did not finish within 60 s")
        else:
            freeing_ms = holding.release()
        if len(store.products) != seeded:
            raise RuntimeError("reset did not put the store back to its seed")
        return {"fill_seconds": fill_s, "reset_ms": (t1 - t0) / 1e6, "after_us": after_us,
                "warm_us": statistics.median(warm[10:]), "freeing_ms": freeing_ms}  # fmt: skip

    # The real reaper's thread starts on its first retire: start it before anything is timed.
    await _call(real_app, _get_request(STORE, real_token, product_id))
    real_app.state.registry.stores[STORE].reset()
    real_app.state.registry.reaper.wait_idle(5.0)
    rounds: list[dict[str, Any]] = []
    for rnd in range(cfg.reset_fills):
        log(f"  reset after API writes: round {rnd + 1}/{cfg.reset_fills}")
        pair: dict[str, dict[str, float]] = {}
        for kind in ("reaper", "held") if rnd % 2 == 0 else ("held", "reaper"):
            pair[kind] = await one_reset(kind)
        real, ref = pair["reaper"], pair["held"]
        rounds.append({**real, "held_after_us": ref["after_us"], "held_reset_ms": ref["reset_ms"],
                       "sync_freeing_ms": ref["freeing_ms"], "ratio": real["after_us"] / ref["after_us"],
                       "ratio_warm": real["after_us"] / real["warm_us"]})  # fmt: skip
    # Information: GETs back to back right after a reset, until the reaper is idle (bounded).
    registry = real_app.state.registry
    store = registry.stores[STORE]
    get = _get_request(STORE, real_token, product_id)
    await fill(real_app, real_token)
    gc.collect()
    registry.reaper.wait_idle(30.0)
    store.reset()
    b0 = time.perf_counter()
    during: list[float] = []
    while not registry.reaper.wait_idle(0) and time.perf_counter() - b0 < cfg.busy_seconds:
        during.append(await _timed_get(real_app, get))
    idle_under_load = registry.reaper.wait_idle(0)
    registry.reaper.wait_idle(60.0)
    b1 = time.perf_counter()

    def med(key: str) -> float:
        return float(statistics.median(r[key] for r in rounds))

    results["api_reset"] = {
        "products": RESET_PRODUCTS, "seeded_products": seeded, "rounds": rounds,
        "reset_ms": med("reset_ms"), "reset_max_ms": max(r["reset_ms"] for r in rounds),
        "after_us": med("after_us"), "held_after_us": med("held_after_us"), "warm_us": med("warm_us"),
        "ratio": med("ratio"), "ratio_min": min(r["ratio"] for r in rounds), "ratio_max": max(r["ratio"] for r in rounds),
        "ratio_warm": med("ratio_warm"), "freeing_ms": med("freeing_ms"), "sync_freeing_ms": med("sync_freeing_ms"),
        "fill_seconds": med("fill_seconds"),
        "busy": {
            "gets": len(during), "median_us": statistics.median(during) if during else None,
            "max_us": max(during) if during else None, "finished_under_load": idle_under_load,
            "p99_us": sorted(during)[int(len(during) * 0.99)] if during else None,
            "over_1ms": sum(us > 1000 for us in during),
            "seconds_to_idle": b1 - b0,
        },
    }  # fmt: skip


# ------------------------------------------------------------------ tree batch ---


async def tree_batch_bench(cfg: Settings, results: dict[str, Any]) -> None:
    app, _note = make_mock_app()
    registry = app.state.registry
    store = registry.stores[STORE]
    size = store.limits.tree_categories_batch
    token = app.state.default_account.access_token
    body = orjson.dumps([{"name": f"Bench tree category {i}", "tree_id": 1} for i in range(size)])
    path = f"/stores/{STORE}/v3/catalog/trees/categories"
    request = (scope_template("POST", path, "", headers_for(token, body)), body)
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(cfg.tree_batches + 1):  # the first is a warm-up
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        send = await _call(app, request)
        wall, cpu = (time.perf_counter() - t0) * 1e3, (time.process_time() - c0) * 1e3
        if send.status != 201:
            raise RuntimeError(f"POST {path} with {size} items answered {send.status}: {send.body[:300]!r}")
        created = len(orjson.loads(send.body)["data"])
        if created != size:
            raise RuntimeError(f"the batch created {created} of {size} categories")
        walls.append(wall)
        cpus.append(cpu)
        store.reset()
        registry.reaper.wait_idle(30.0)
    results["tree_batch"] = {
        "items": size, "bytes": len(body), "warmup_ms": walls[0], "wall_ms": walls[1:],
        "median_ms": statistics.median(walls[1:]), "max_ms": max(walls[1:]), "cpu_ms": statistics.median(cpus[1:]),
    }  # fmt: skip
