"""``mockbc serve``: run the mock on a port. Every flag also reads ``MOCKBC_<FLAG>``."""

from __future__ import annotations

import argparse
import os
import socket
import sys
from collections.abc import Sequence

from mockbc.auth.scopes import parse_scopes
from mockbc.store.registry import DEFAULT_STORE_HASH


def _env(flag: str, default: str | None) -> str | None:
    return os.environ.get("MOCKBC_" + flag.upper().replace("-", "_"), default)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mockbc", description="A stateful mock of the BigCommerce API.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the mock over HTTP")
    serve.add_argument("--host", default=_env("host", "127.0.0.1"))
    # A string default goes through type=int like a typed flag, so a bad MOCKBC_PORT is a usage error.
    serve.add_argument("--port", type=int, default=_env("port", "8000"), help="0 picks a free port")
    serve.add_argument("--store-hash", default=_env("store-hash", DEFAULT_STORE_HASH))
    serve.add_argument("--access-token", default=_env("access-token", None))
    serve.add_argument("--client-id", default=_env("client-id", None))
    serve.add_argument("--client-secret", default=_env("client-secret", None))
    serve.add_argument("--scopes", default=_env("scopes", "all"), help="'all' or SCOPE,SCOPE,...")
    serve.add_argument("--fixtures", default=_env("fixtures", "demo"), help="demo, empty or a JSON file")
    serve.add_argument("--log-level", default=_env("log-level", "warning"))
    return parser


def credentials_text(base_url: str, store_hash: str, client_id: str, client_secret: str, access_token: str) -> str:
    """The account's credentials, laid out like BigCommerce's credentials download."""
    return (
        f"API PATH: {base_url}/stores/{store_hash}/v3/\n"
        f"CLIENT ID: {client_id}\n"
        f"CLIENT SECRET: {client_secret}\n"
        f"ACCESS TOKEN: {access_token}\n"
    )


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from mockbc.fixtures import FixtureError
    from mockbc.http.app import create_app

    try:
        scopes = parse_scopes(args.scopes)
        app = create_app(
            fixtures=args.fixtures, store_hash=args.store_hash, scopes=scopes,
            access_token=args.access_token, client_id=args.client_id, client_secret=args.client_secret,
        )  # fmt: skip
    except (ValueError, FixtureError) as exc:
        print(f"mockbc: {exc}", file=sys.stderr)
        return 2
    # IPPROTO_TCP, not the default 0: asyncio sets TCP_NODELAY only on connections accepted from
    # a socket created with it; without it every small keep-alive response waits ~40 ms
    # (Nagle's algorithm meeting delayed ACKs).
    sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
        # Listen before printing the address: a script that reads it may connect at once,
        # and the connection waits in the backlog until the server takes it.
        sock.listen(2048)
    except OSError as exc:
        print(f"mockbc: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 2
    host, port = sock.getsockname()[:2]
    account = app.state.default_account
    base = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
    print(f"mockbc: serving store {args.store_hash} ({args.fixtures} fixtures) on {base}", flush=True)
    print(credentials_text(base, args.store_hash, account.client_id, account.client_secret, account.access_token), flush=True)
    config = uvicorn.Config(app, log_level=args.log_level, access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        return serve(args)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
