"""Serve the mock or the baseline under uvicorn, in its own process, for the HTTP benchmark.

    python bench/serve_app.py mock|baseline

Binds 127.0.0.1 on a free port, prints ``READY <port> <product_id> <rich_id> <orders>`` (the GET
by id's product, the include read's product in ``benchcat``, 0 if the catalog operations could
not be set up; 1 if the orders operations could be set up, else 0) once the socket is
listening (clients may connect from then on), then runs uvicorn with the same
configuration for both apps. Stop it with SIGTERM.
"""

from __future__ import annotations

import asyncio
import socket
import sys

import uvicorn
from baseline import build_pair


def main() -> int:
    which = sys.argv[1]
    if which not in ("mock", "baseline"):
        print("usage: serve_app.py mock|baseline", file=sys.stderr)
        return 2
    # IPPROTO_TCP, not the default 0: asyncio only sets TCP_NODELAY on accepted connections
    # whose socket says IPPROTO_TCP. Without it every small response (written by uvicorn as
    # head + body) stalls ~40 ms on Nagle + delayed ACK, and GET/POST measure the kernel.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # Bodies captured with the Host header the load generator sends (v2 links and upload URLs carry it).
    pair = asyncio.run(build_pair(host=f"127.0.0.1:{port}"))
    for warning in (pair.note, pair.catalog_error, pair.orders_error):
        if warning:
            print(f"serve_app: {warning}", file=sys.stderr)
    app = pair.mock if which == "mock" else pair.baseline
    product_id, rich_id, orders = pair.product_id, pair.rich_id, int(pair.orders_error is None)
    del pair
    sock.listen(2048)  # connections made from now on wait in the backlog until uvicorn accepts
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="off")
    print(f"READY {port} {product_id} {rich_id} {orders}", flush=True)
    uvicorn.Server(config).run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
