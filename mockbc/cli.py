"""``mockbc serve``: run the mock on a port. Every flag also reads ``MOCKBC_<FLAG>``."""

from __future__ import annotations

import argparse
import ipaddress
import os
import re
import socket
import sys
import textwrap
from collections.abc import Iterable, Sequence
from importlib import metadata
from typing import Any, NoReturn

from mockbc.auth.scopes import ALL_SCOPES, parse_scopes
from mockbc.http.ratelimit import Plan, parse_plan
from mockbc.store.registry import DEFAULT_STORE_HASH

LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")
_STORE_HASH_PATTERN = re.compile(r"[A-Za-z0-9]{1,64}")


class _FromEnv(str):
    """A flag's default read from its environment variable, so that a refusal can name the variable.

    The ``type`` functions return plain values, so no ``_FromEnv`` reaches the parsed arguments.
    """

    variable: str


def _env_variable(flag: str) -> str:
    return "MOCKBC_" + flag.removeprefix("--").upper().replace("-", "_")


def _refuse(text: str, message: str) -> NoReturn:
    if isinstance(text, _FromEnv):
        message += f" (from {text.variable})"
    raise argparse.ArgumentTypeError(message)


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        _refuse(text, f"invalid int value: {text!r}")
    if not 0 <= value <= 65535:
        _refuse(text, f"port must be between 0 and 65535, got {text!r}")
    return value


def _log_level(text: str) -> str:
    if text.lower() not in LOG_LEVELS:
        _refuse(text, f"invalid log level {text!r} (choose from {', '.join(LOG_LEVELS)})")
    return text.lower()


def _rate_limit(text: str) -> Plan:
    try:
        return parse_plan(text)
    except ValueError as exc:
        _refuse(text, str(exc))


def _store_hash(text: str) -> str:
    if not _STORE_HASH_PATTERN.fullmatch(text):
        _refuse(text, f"store hash must be 1 to 64 letters and digits, got {text!r}")
    return str(text)


def _host_names(text: str) -> tuple[str, ...]:
    """``NAME`` or ``NAME,NAME,...``; empty items are ignored."""
    return tuple(name.strip() for name in text.split(",") if name.strip())


class _AppendNames(argparse.Action):
    """``append`` for ``_host_names``, except that the first flag replaces the names from the environment."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        current = getattr(namespace, self.dest)
        before = () if current is self.default else current
        setattr(namespace, self.dest, (*before, *values))


def _flag(
    parser: argparse.ArgumentParser,
    flag: str,
    default: str | None,
    help: str,
    *,
    shown: str | None = None,
    **kwargs: Any,
) -> None:
    """Add ``flag``, defaulting to ``MOCKBC_<FLAG>`` when set, else to ``default``.

    String defaults go through ``type`` like a typed flag, so a bad variable is a usage error too.
    """
    variable = _env_variable(flag)
    shown = default if shown is None else shown
    value = os.environ.get(variable)
    if value is not None:
        default = _FromEnv(value)
        default.variable = variable
    kwargs.setdefault("type", str)
    parser.add_argument(flag, default=default, help=f"{help} (default: {shown}; env {variable})", **kwargs)


def _version() -> str:
    try:
        return metadata.version("mockbc")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout that was never installed
        return "unknown"


def _scopes_epilog() -> str:
    names = textwrap.fill(", ".join(("all", *ALL_SCOPES)), width=76, initial_indent="  ", subsequent_indent="  ")
    return (
        "scope names for --scopes (comma- or space-separated; 'all' grants every scope, an empty value none):\n"
        f"{names}\n\n"
        "A flag given on the command line wins over its environment variable."
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mockbc", description="A stateful mock of the BigCommerce API.")
    parser.add_argument("--version", action="version", version=f"mockbc {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser(
        "serve",
        help="serve the mock over HTTP",
        description="Serve one mock store over HTTP and print its API account's credentials.",
        epilog=_scopes_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _flag(serve, "--host", "127.0.0.1", "address to listen on; anything but loopback exposes the control plane")
    _flag(serve, "--port", "8000", "port to listen on; 0 picks a free port", type=_port)
    _flag(
        serve, "--store-hash", DEFAULT_STORE_HASH, "hash of the default store: 1 to 64 letters and digits",
        type=_store_hash, metavar="HASH",
    )  # fmt: skip
    derived = "derived from the store hash, the same on every run"
    _flag(serve, "--access-token", None, "access token of the default API account", shown=derived, metavar="TOKEN")
    _flag(serve, "--client-id", None, "client ID of the default API account", shown=derived, metavar="ID")
    _flag(serve, "--client-secret", None, "client secret of the default API account", shown=derived, metavar="SECRET")
    _flag(serve, "--scopes", "all", "scopes of the default API account: 'all' or SCOPE,SCOPE,... (listed below)")
    _flag(serve, "--fixtures", "demo", "seed data of the default store: demo, catalog, empty or a JSON file")
    _flag(
        serve, "--rate-limit", "standard", "request quota of each store: standard (150/30), pro (450/30), "
        "N/SECONDS, or off (headers only)", type=_rate_limit, metavar="PLAN_OR_N/SECONDS|off",
    )  # fmt: skip
    levels = ", ".join(LOG_LEVELS)
    _flag(serve, "--log-level", "warning", f"uvicorn log level: {levels}", type=_log_level, metavar="LEVEL")
    _flag(
        serve, "--allow-host", "", "extra host name the control plane answers for; repeatable",
        shown="none", type=_host_names, action=_AppendNames, metavar="NAME",
    )  # fmt: skip
    return parser


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only: 127.0.0.0/8, ::1 or ``localhost``."""
    if host.lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def _is_wildcard(host: str) -> bool:
    try:
        return host == "" or ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def allowed_hosts(host: str, extra: Iterable[str]) -> tuple[str, ...]:
    """The host names the control plane answers for: ``host`` unless it is a wildcard, then ``extra``."""
    own = () if _is_wildcard(host) else (host,)
    return tuple(dict.fromkeys((*own, *extra)))


def app_arguments(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of ``create_app`` for parsed ``serve`` arguments; ValueError for unknown scopes."""
    return {
        "fixtures": args.fixtures,
        "store_hash": args.store_hash,
        "scopes": parse_scopes(args.scopes),
        "access_token": args.access_token,
        "client_id": args.client_id,
        "client_secret": args.client_secret,
        "allowed_hosts": allowed_hosts(args.host, args.allow_host),
        "rate_limit": args.rate_limit,
    }


def exposure_warning(host: str) -> str:
    lines = (
        f"--host {host or repr(host)} is not a loopback address: other machines may reach this server.",
        "The mock's control plane (/_mockbc/) is unauthenticated by design: anyone who can reach",
        "that address can mint API tokens, read and change every store, or wipe stores.",
        "Use --host 127.0.0.1 (the default) unless you trust everyone on that network.",
    )
    return "".join(f"mockbc: WARNING: {line}\n" for line in lines)


def credentials_text(base_url: str, store_hash: str, client_id: str, client_secret: str, access_token: str) -> str:
    """The account's credentials, laid out like BigCommerce's credentials download."""
    return (
        f"API PATH: {base_url}/stores/{store_hash}/v3/\n"
        f"CLIENT ID: {client_id}\n"
        f"CLIENT SECRET: {client_secret}\n"
        f"ACCESS TOKEN: {access_token}\n"
    )


def _listen(host: str, port: int) -> socket.socket | None:
    # IPPROTO_TCP, not the default 0: asyncio sets TCP_NODELAY only on connections accepted from
    # a socket created with it; without it every small keep-alive response waits ~40 ms
    # (Nagle's algorithm meeting delayed ACKs).
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        # Listen before printing the address: a script that reads it may connect at once,
        # and the connection waits in the backlog until the server takes it.
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        print(f"mockbc: cannot listen on {host}:{port}: {exc.strerror}", file=sys.stderr)
        return None
    return sock


def serve(args: argparse.Namespace) -> int:
    # Imported here, not at the top: `mockbc --help` and `--version` need none of the server.
    import uvicorn  # noqa: PLC0415

    from mockbc.fixtures import FixtureError  # noqa: PLC0415
    from mockbc.http.app import create_app  # noqa: PLC0415

    try:
        app = create_app(**app_arguments(args))
    except (ValueError, FixtureError) as exc:
        print(f"mockbc: {exc}", file=sys.stderr)
        return 2
    if not is_loopback(args.host):
        print(exposure_warning(args.host), end="", file=sys.stderr, flush=True)
    sock = _listen(args.host, args.port)
    if sock is None:
        return 2
    host, port = sock.getsockname()[:2]
    account = app.state.default_account
    base = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
    print(f"mockbc: serving store {args.store_hash} ({args.fixtures} fixtures) on {base}", flush=True)
    credentials = credentials_text(
        base, args.store_hash, account.client_id, account.client_secret, account.access_token
    )
    print(credentials, flush=True)
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
