"""A lean HTTP/1.1 load generator: N keep-alive connections to 127.0.0.1, one request in
flight on each, responses read by Content-Length. Prints one JSON line with the result.

    python bench/loadgen.py --port 8123 --op get --path /stores/x/v3/catalog/products/77 \
        --token T --count 20000 --conns 8 --max-seconds 2

Requests are built before the clock starts (POST bodies are unique per request: ``--start``
offsets the numbering so rounds never repeat a name or sku; ``--op upload`` repeats one
``multipart/form-data`` body carrying a 1,000,000-byte image, bench/payloads.py; ``--op order``
repeats one order body, ``--op customers`` sends a batch of 10 new customers numbered like POST),
so the timed loop only writes bytes and reads responses. Any other op is a GET of ``--path``. It stops at ``--count`` requests or ``--max-seconds``, whichever
comes first; the first ``--warmup`` requests are not timed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time

import orjson
from payloads import customers_body, order_body, post_body, upload_body

OPS = ("get", "list", "post", "v2list", "include", "upload", "order", "customers")
POSTS = ("post", "order", "customers")  # JSON bodies: ``post`` and ``customers`` numbered per request


def build_requests(args: argparse.Namespace, n: int) -> list[bytes]:
    head = f"Host: 127.0.0.1:{args.port}\r\nAccept: application/json\r\nX-Auth-Token: {args.token}\r\n"
    if args.op == "upload":
        content_type, body = upload_body()
        return [
            f"POST {args.path} HTTP/1.1\r\n{head}Content-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        ]
    if args.op not in POSTS:
        return [f"GET {args.path} HTTP/1.1\r\n{head}\r\n".encode()]
    out = []
    for i in range(args.start, args.start + (1 if args.op == "order" else n)):
        body = orjson.dumps(
            order_body() if args.op == "order" else customers_body(i) if args.op == "customers" else post_body(i)
        )
        out.append(
            f"POST {args.path} HTTP/1.1\r\n{head}Content-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
    return out


async def run(args: argparse.Namespace) -> dict[str, object]:
    requests = build_requests(args, args.warmup + args.count)
    conns = [await asyncio.open_connection("127.0.0.1", args.port) for _ in range(args.conns)]
    statuses: dict[int, int] = {}
    state = {"next": 0, "end": 0}  # the next request to issue, and the one to stop before
    deadline = 0.0

    async def worker(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while state["next"] < state["end"]:
            i = state["next"]
            state["next"] = i + 1
            writer.write(requests[i % len(requests)])
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            statuses[status] = statuses.get(status, 0) + 1
            at = head.lower().find(b"\r\ncontent-length:")
            if at < 0:
                raise RuntimeError(f"response without Content-Length: {head[:200]!r}")
            length = int(head[at + 17 : head.index(b"\r\n", at + 2)])
            await reader.readexactly(length)
            if time.perf_counter() > deadline:
                state["end"] = 0  # time is up: every connection stops after its current request

    async def phase(start: int, n: int, seconds: float) -> tuple[int, float, float]:
        nonlocal deadline
        state.update(next=start, end=start + n)
        deadline = time.perf_counter() + seconds
        cpu0, t0 = time.process_time(), time.perf_counter()
        await asyncio.gather(*(worker(r, w) for r, w in conns))
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        return state["next"] - start, elapsed, cpu

    if args.warmup:
        await phase(0, args.warmup, args.max_seconds)
        statuses.clear()
    done, elapsed, cpu = await phase(args.warmup, args.count, args.max_seconds)
    for _, writer in conns:
        writer.close()
    errors = sum(n for status, n in statuses.items() if status != 200)
    return {
        "requests": done, "seconds": elapsed, "rps": done / elapsed, "errors": errors,
        "statuses": {str(k): v for k, v in statuses.items()}, "client_busy": cpu / elapsed,
        "issued_total": args.warmup + done,
    }  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--op", choices=OPS, required=True)
    parser.add_argument("--path", required=True, help="path with query string")
    parser.add_argument("--token", default="")
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--conns", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=5.0)
    parser.add_argument("--start", type=int, default=1, help="first POST number")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
