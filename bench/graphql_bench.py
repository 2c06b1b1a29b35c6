"""The GraphQL Storefront API against a bare-Starlette baseline: a product-listing query (24 products
with prices, images and brand) and a product-detail query with variants, in-process and over HTTP,
and proof that a document is parsed and validated once per distinct query text.

    python bench/graphql_bench.py [--quick] [--no-http] [--profile listing|detail]

Target: each query at least 0.2 of the baseline's req/s, measured in the same run. A report, not a
test: it always exits 0 (2 on bad arguments). See bench/README.md ("GraphQL Storefront").
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import io
import json
import pstats
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import orjson  # noqa: E402
from baseline import ORJSONResponse  # noqa: E402
from common import STORE, Collector, drive_raw, make_mock_app, receiver, scope_template  # noqa: E402
from starlette.applications import Starlette  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import Response  # noqa: E402
from starlette.routing import Route  # noqa: E402

from mockbc.presentation.storefront_graphql import engine as engine_module  # noqa: E402
from mockbc.presentation.storefront_graphql.schema import storefront_schema  # noqa: E402

TARGET = 0.2
OPS = ("listing", "detail")
LABELS = {"listing": "product listing (24)", "detail": "product detail + variants"}
HOST = f"store-{STORE}.mockbc.test"  # the storefront host of the demo store, channel 1
DETAIL_PRODUCT = 155  # demo catalog: 8 variants (options Color x Size), an image, a brand
LISTING_SIZE = 24

LISTING = """
fragment MoneyFields on Money { value currencyCode }
fragment ProductCard on Product {
  entityId
  name
  path
  brand { name }
  defaultImage { url(width: 500) altText }
  prices {
    price { ...MoneyFields }
    salePrice { ...MoneyFields }
    basePrice { ...MoneyFields }
  }
}
query ProductListing($first: Int, $after: String) {
  site {
    products(first: $first, after: $after) {
      edges { cursor node { ...ProductCard } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}
"""

DETAIL = """
fragment MoneyFields on Money { value currencyCode }
fragment ImageFields on Image { url(width: 800) altText isDefault }
fragment VariantFields on Variant {
  entityId
  sku
  isPurchasable
  prices { price { ...MoneyFields } salePrice { ...MoneyFields } }
  inventory { isInStock }
  productOptions { edges { node { entityId displayName } } }
}
query ProductDetail($id: Int!) {
  site {
    product(entityId: $id) {
      entityId
      name
      sku
      path
      description
      brand { name path }
      prices {
        price { ...MoneyFields }
        salePrice { ...MoneyFields }
        basePrice { ...MoneyFields }
        priceRange { min { ...MoneyFields } max { ...MoneyFields } }
      }
      inventory { isInStock hasVariantInventory }
      defaultImage { ...ImageFields }
      images(first: 10) { edges { node { ...ImageFields } } }
      productOptions {
        edges {
          node {
            entityId
            displayName
            isRequired
            ... on MultipleChoiceOption { displayStyle values { edges { node { entityId label isDefault } } } }
          }
        }
      }
      variants(first: 10) { edges { node { ...VariantFields } } }
    }
  }
}
"""

DOCUMENTS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "listing": (LISTING, "ProductListing", {"first": LISTING_SIZE}),
    "detail": (DETAIL, "ProductDetail", {"id": DETAIL_PRODUCT}),
}


def request_body(op: str, query: str | None = None) -> bytes:
    """The JSON body a storefront posts for ``op`` (``query``: another text of the same operation)."""
    text, name, variables = DOCUMENTS[op]
    return orjson.dumps({"query": query or text, "operationName": name, "variables": variables})


def graphql_headers(token: str, body: bytes, host: str = HOST) -> list[tuple[bytes, bytes]]:
    return [
        (b"host", host.encode()), (b"accept", b"application/json"), (b"authorization", f"Bearer {token}".encode()),
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
    ]  # fmt: skip


def graphql_request(op: str, token: str, query: str | None = None) -> tuple[dict[str, Any], bytes]:
    body = request_body(op, query)
    return scope_template("POST", "/graphql", "", graphql_headers(token, body)), body


async def call(app: Any, request: tuple[dict[str, Any], bytes]) -> tuple[int, bytes]:
    send = Collector()
    scope, body = request
    await app(dict(scope), receiver(body), send)
    return send.status, send.body


# ---------------------------------------------------------------------- the two apps ---


class Counters:
    """Counts the engine's calls to graphql-core's ``parse`` and ``validate``, by query text."""

    def __init__(self) -> None:
        self.parsed: dict[str, int] = {}
        self.validated = 0
        names = vars(engine_module)  # the engine calls graphql-core's parse and validate by these names
        self.parse, self.validate = names["parse"], names["validate"]

    def install(self) -> None:
        def counting_parse(source: str, *args: Any, **kwargs: Any) -> Any:
            self.parsed[source] = self.parsed.get(source, 0) + 1
            return self.parse(source, *args, **kwargs)

        def counting_validate(*args: Any, **kwargs: Any) -> Any:
            self.validated += 1
            return self.validate(*args, **kwargs)

        vars(engine_module).update(parse=counting_parse, validate=counting_validate)


async def mint_token(app: Any) -> str:
    """A storefront token for channel 1, through ``POST /v3/storefront/api-token`` as a client gets one."""
    account_token = app.state.default_account.access_token
    body = orjson.dumps({"channel_id": 1, "expires_at": int(time.time()) + 10 * 365 * 86400})
    headers = [
        (b"host", b"bench"), (b"accept", b"application/json"), (b"x-auth-token", account_token.encode()),
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
    ]  # fmt: skip
    path = f"/stores/{STORE}/v3/storefront/api-token"
    status, raw = await call(app, (scope_template("POST", path, "", headers), body))
    if status != 200:
        raise RuntimeError(f"POST {path} answered {status}: {raw[:300]!r}")
    token: str = orjson.loads(raw)["data"]["token"]
    return token


def check_answer(op: str, raw: bytes) -> None:
    """The answer has data and no errors, and is the page the operation asks for."""
    answer = orjson.loads(raw)
    if answer.get("errors") or not answer.get("data"):
        raise RuntimeError(f"{op} answered errors: {raw[:500]!r}")
    site = answer["data"]["site"]
    if op == "listing":
        edges = site["products"]["edges"]
        if len(edges) != LISTING_SIZE or not all(e["node"]["prices"]["price"] for e in edges):
            raise RuntimeError(f"the listing gave {len(edges)} products, expected {LISTING_SIZE} with prices")
    else:
        product = site["product"]
        if product is None or len(product["variants"]["edges"]) < 2 or not product["images"]["edges"]:
            raise RuntimeError(f"product {DETAIL_PRODUCT} lacks variants or images in the detail answer: {raw[:300]!r}")


def create_baseline(bodies: dict[str, bytes]) -> Starlette:
    """``POST /graphql`` that reads and parses the JSON body and answers the mock's captured answer to
    that operation (picked by ``operationName``, a dict lookup), rendered with orjson as the mock does."""
    answers = {DOCUMENTS[op][1]: orjson.loads(raw) for op, raw in bodies.items()}

    async def graphql(request: Request) -> Response:
        body = orjson.loads(await request.body())
        return ORJSONResponse(answers[body["operationName"]])

    return Starlette(routes=[Route("/graphql", graphql, methods=["POST"])])


@dataclass(frozen=True, slots=True)
class Pair:
    mock: Any
    baseline: Starlette
    token: str  # a storefront token for channel 1 of the demo store
    bodies: dict[str, bytes]  # the mock's answers, by operation
    note: str | None  # make_mock_app's warning, if it needed its fallback


async def build_pair() -> Pair:
    mock, note = make_mock_app()
    token = await mint_token(mock)
    bodies = {}
    for op in OPS:
        status, raw = await call(mock, graphql_request(op, token))
        if status != 200:
            raise RuntimeError(f"POST /graphql ({op}) answered {status}: {raw[:300]!r}")
        check_answer(op, raw)
        bodies[op] = raw
    return Pair(mock, create_baseline(bodies), token, bodies, note)


# ------------------------------------------------------------------------ in-process ---


class Plan:
    def __init__(self, quick: bool) -> None:
        self.rounds = 3 if quick else 5
        self.count = 3_000 if quick else 20_000
        self.warmup = 50 if quick else 200
        self.inproc_seconds = 0.35 if quick else 1.2
        self.http_seconds = 0.6 if quick else 2.0
        self.http_warmup_seconds = 0.15 if quick else 0.3
        self.conns = 8
        self.cold = 20 if quick else 50  # distinct texts for the cold-request timing


async def in_process(plan: Plan, pair: Pair, results: dict[str, Any]) -> None:
    apps = {"mock": pair.mock, "baseline": pair.baseline}
    runs: dict[str, dict[str, list[dict[str, Any]]]] = {op: {"mock": [], "baseline": []} for op in OPS}
    for rnd in range(plan.rounds):
        print(f"  inproc: round {rnd + 1}/{plan.rounds}", file=sys.stderr, flush=True)
        order = ("mock", "baseline") if rnd % 2 == 0 else ("baseline", "mock")
        for op in OPS:
            for name in order:
                reqs = [graphql_request(op, pair.token)]
                runs[op][name].append(await drive_raw(apps[name], reqs, plan.warmup, plan.count, plan.inproc_seconds))
                gc.collect()
    results["inproc"] = runs


async def cold_and_warm(plan: Plan, pair: Pair, counters: Counters, results: dict[str, Any]) -> None:
    """A first request of a text (parse + validate + run) against a repeat of it, µs; and the
    counters' proof over every request of the run so far."""
    out: dict[str, Any] = {}
    for op in OPS:
        text = DOCUMENTS[op][0]
        cold, warm = [], []
        for i in range(plan.cold):
            # A comment makes a distinct text (a new cache key) with the same document.
            fresh = graphql_request(op, pair.token, f"{text}# cold {op} {i} {time.perf_counter_ns()}\n")
            t0 = time.perf_counter_ns()
            status, raw = await call(pair.mock, fresh)
            cold.append((time.perf_counter_ns() - t0) / 1e3)
            if status != 200 or b'"errors"' in raw:
                raise RuntimeError(f"cold {op} failed: {raw[:300]!r}")
            same = graphql_request(op, pair.token)
            t0 = time.perf_counter_ns()
            await call(pair.mock, same)
            warm.append((time.perf_counter_ns() - t0) / 1e3)
        # graphql-core's parse and validate alone, as the engine calls them: what the cache saves a request
        t0 = time.perf_counter_ns()
        for i in range(plan.cold):
            document = counters.parse(f"{text}# p {i}\n", max_tokens=engine_module.MAX_TOKENS)
            counters.validate(storefront_schema(), document, engine_module.RULES)
        prepare_us = (time.perf_counter_ns() - t0) / 1e3 / plan.cold
        out[op] = {
            "cold_us": statistics.median(cold), "warm_us": statistics.median(warm), "parse_validate_us": prepare_us,
        }  # fmt: skip
    results["cold_warm"] = out


# ------------------------------------------------------------------------- over HTTP ---


async def _serve(which: str) -> tuple[Any, socket.socket, str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # TCP_NODELAY: see serve_app.py
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    pair = await build_pair()
    sock.listen(2048)
    return (pair.mock if which == "mock" else pair.baseline), sock, pair.token


def serve(which: str) -> int:
    """``--serve mock|baseline``: one app under uvicorn (as serve_app.py runs them); prints ``READY <port> <token>``."""
    import uvicorn

    app, sock, token = asyncio.run(_serve(which))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="off")
    print(f"READY {port} {token}", flush=True)
    uvicorn.Server(config).run(sockets=[sock])
    return 0


def loadgen(argv: list[str]) -> int:
    """``--loadgen --port P --op listing|detail --token T ...``: bench/loadgen.py's keep-alive client,
    with the GraphQL POST as the request it repeats."""
    import loadgen as client

    parser = argparse.ArgumentParser()
    for flag, kind in (("--port", int), ("--op", str), ("--token", str), ("--count", int), ("--warmup", int),
                       ("--conns", int), ("--max-seconds", float)):  # fmt: skip
        parser.add_argument(flag, type=kind, required=True)
    args = parser.parse_args(argv)

    def build_requests(args: argparse.Namespace, _n: int) -> list[bytes]:
        body = request_body(args.op)
        head = (
            f"POST /graphql HTTP/1.1\r\nHost: {HOST}\r\nAccept: application/json\r\n"
            f"Authorization: Bearer {args.token}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        return [head.encode() + body]

    client.build_requests = build_requests  # type: ignore[assignment]  # run() looks it up at call time
    print(json.dumps(asyncio.run(client.run(args))), flush=True)
    return 0


def over_http(plan: Plan, results: dict[str, Any]) -> None:
    from run import _cpu_seconds, _read_line, _stop  # run.py's handling of server processes

    procs: dict[str, Any] = {}
    ports: dict[str, int] = {}
    token = ""
    try:
        for name in ("mock", "baseline"):
            proc = subprocess.Popen(
                [sys.executable, str(BENCH / "graphql_bench.py"), "--serve", name],
                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            )  # fmt: skip
            procs[name] = proc
            line = _read_line(proc.stdout, 60.0)
            if not line or not line.startswith("READY "):
                raise RuntimeError(f"graphql_bench.py --serve {name} did not start: {line!r}")
            _, port, served_token = line.split()
            ports[name] = int(port)
            token = served_token if name == "mock" else token

        def load(name: str, op: str, count: int, warmup: int, seconds: float) -> dict[str, Any]:
            cmd = [
                sys.executable, str(BENCH / "graphql_bench.py"), "--loadgen", "--port", str(ports[name]), "--op", op,
                "--token", token, "--count", str(count), "--warmup", str(warmup), "--conns", str(plan.conns),
                "--max-seconds", str(seconds),
            ]  # fmt: skip
            cpu0 = _cpu_seconds(procs[name].pid)
            out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
            cpu1 = _cpu_seconds(procs[name].pid)
            if out.returncode != 0:
                raise RuntimeError(f"loadgen failed: {out.stderr[-1500:]}")
            result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
            if cpu0 is not None and cpu1 is not None:
                result["cpu_us"] = (cpu1 - cpu0) * 1e6 / max(result["issued_total"], 1)
            return result

        print("  http: warm-up (not counted)", file=sys.stderr, flush=True)
        for op in OPS:
            for name in ("mock", "baseline"):
                load(name, op, 1_000, 0, plan.http_warmup_seconds)
        runs: dict[str, dict[str, list[dict[str, Any]]]] = {op: {"mock": [], "baseline": []} for op in OPS}
        for rnd in range(plan.rounds):
            print(f"  http: round {rnd + 1}/{plan.rounds}", file=sys.stderr, flush=True)
            order = ("mock", "baseline") if rnd % 2 == 0 else ("baseline", "mock")
            for op in OPS:
                for name in order:
                    runs[op][name].append(load(name, op, plan.count, plan.warmup, plan.http_seconds))
        results["http"] = runs
    finally:
        for proc in procs.values():
            _stop(proc)


# --------------------------------------------------------------------------- report ---


def summary(runs: dict[str, dict[str, list[dict[str, Any]]]]) -> dict[str, dict[str, Any]]:
    out = {}
    for op, by_app in runs.items():
        pairs = list(zip(by_app["mock"], by_app["baseline"], strict=True))
        ratios = [m["rps"] / b["rps"] for m, b in pairs]
        cpu = [b["cpu_us"] / m["cpu_us"] for m, b in pairs if m.get("cpu_us") and b.get("cpu_us")]
        out[op] = {
            "ratio": statistics.median(ratios), "range": (min(ratios), max(ratios)),
            "cpu_ratio": statistics.median(cpu) if cpu else None,
            "mock_rps": statistics.median(m["rps"] for m, _ in pairs),
            "base_rps": statistics.median(b["rps"] for _, b in pairs),
            "errors": sum(m["errors"] + b["errors"] for m, b in pairs),
        }  # fmt: skip
    return out


def report(results: dict[str, Any]) -> list[str]:
    lines = [f"GraphQL Storefront ({results['rounds']} rounds; bodies: "
             + ", ".join(f"{op} {n:,} B" for op, n in results["bodies"].items()) + ")"]  # fmt: skip
    lines.append(f"{'mode':8} {'query':28} {'mock req/s':>11} {'base req/s':>11} {'µs/req':>8} "
                 f"{'ratio':>6} {'range':>11} {'cpu':>5}  verdict")  # fmt: skip
    verdicts = []
    for mode in ("inproc", "http"):
        if mode not in results:
            continue
        for op, row in summary(results[mode]).items():
            ok = row["ratio"] >= TARGET
            verdict = "OK" if ok else "MISSED"
            cpu = row["cpu_ratio"]
            noisy = cpu is not None and (abs(cpu - row["ratio"]) > 0.2 * row["ratio"] or (cpu >= TARGET) != ok)
            note = f" [noisy: cpu ratio {cpu:.2f}, re-run]" if noisy else ""
            errors = f" [{row['errors']} non-200]" if row["errors"] else ""
            lines.append(
                f"{mode:8} {LABELS[op]:28} {row['mock_rps']:>11,.0f} {row['base_rps']:>11,.0f} "
                f"{1e6 / row['mock_rps']:>8,.0f} {row['ratio']:>6.3f} "
                f"{row['range'][0]:>5.3f}-{row['range'][1]:<5.3f} {cpu if cpu is not None else 0:>5.2f}  "
                f"{verdict}{note}{errors}"
            )
            verdicts.append(
                f"{verdict:6} GraphQL {LABELS[op]}, {mode}: {row['ratio']:.3f} of baseline (≥ {TARGET}){note}"
            )
    counts = results["counts"]
    for op, cw in results["cold_warm"].items():
        lines.append(
            f"{LABELS[op]}: cold (first request of a text) {cw['cold_us']:,.0f} µs, warm {cw['warm_us']:,.0f} µs; "
            f"parse + validate alone {cw['parse_validate_us']:,.0f} µs"
        )
    once = counts["max_parses_per_text"] == 1 and counts["validations"] == counts["texts"]
    verdicts.append(
        f"{'OK' if once else 'MISSED':6} parse/validate once per distinct text: {counts['requests']:,} requests of "
        f"{counts['texts']} texts, {counts['parses']} parses (at most {counts['max_parses_per_text']} per text), "
        f"{counts['validations']} validations"
    )
    return [*lines, "", *verdicts]


def profile(op: str, n: int) -> None:
    async def go() -> None:
        pair = await build_pair()
        req = [graphql_request(op, pair.token)]
        await drive_raw(pair.mock, req, 200, 0, 0.0)
        profiler = cProfile.Profile()
        profiler.enable()
        await drive_raw(pair.mock, req, 0, n, 1e9)
        profiler.disable()
        for key in ("tottime", "cumulative"):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(key).print_stats(30)
            print(out.getvalue())

    asyncio.run(go())


async def bench(quick: bool, http: bool) -> dict[str, Any]:
    plan = Plan(quick)
    counters = Counters()
    counters.install()  # before any request: every parse of the run is counted
    pair = await build_pair()
    results: dict[str, Any] = {"rounds": plan.rounds, "bodies": {op: len(b) for op, b in pair.bodies.items()}}
    if pair.note:
        results["warning"] = pair.note
    await in_process(plan, pair, results)
    requests = 2 + sum(r["requests"] + plan.warmup for by in results["inproc"].values() for r in by["mock"])
    texts = {DOCUMENTS[op][0] for op in OPS}
    parses = sum(counters.parsed.get(t, 0) for t in texts)
    results["counts"] = {
        "requests": requests, "texts": len(texts), "parses": parses,
        "max_parses_per_text": max(counters.parsed.get(t, 0) for t in texts), "validations": counters.validated,
    }  # fmt: skip
    await cold_and_warm(plan, pair, counters, results)
    if http:
        over_http(plan, results)
    return results


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--serve":
        return serve(sys.argv[2])
    if len(sys.argv) > 1 and sys.argv[1] == "--loadgen":
        return loadgen(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer, shorter rounds")
    parser.add_argument("--no-http", action="store_true", help="in-process only")
    parser.add_argument("--profile", choices=OPS, help="cProfile one query in-process instead")
    parser.add_argument("--json", help="also write every raw number to this file")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile, 2_000)
        return 0
    results = asyncio.run(bench(args.quick, not args.no_http))
    print("\n".join(report(results)))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
