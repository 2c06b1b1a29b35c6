"""The mock's own control plane under ``/_mockbc/`` (INTERFACE.md §3). JSON in and out.

It is unauthenticated by design, so it must not be drivable from a web page the developer
happens to open (``guard``):

- it answers only for the host names the server was started for: loopback names, the
  in-process test hosts, and whatever ``--allow-host`` adds (DNS rebinding gives an
  attacker's name pointing at 127.0.0.1, which is not among them);
- a request whose ``Origin`` is not the mock's own is refused (browsers send ``Origin`` on
  every cross-origin POST, ``no-cors`` ones included);
- a write must declare ``Content-Type: application/json``, which a page cannot send
  cross-origin without a CORS preflight the mock never grants.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from mockbc.auth.scopes import ALL_SCOPES, parse_scopes
from mockbc.fixtures import BUILTIN, FixtureError, build_seed
from mockbc.http import control_apps, control_ratelimit
from mockbc.http.auth import RateLimiter
from mockbc.presentation.uploads import UPLOADS_PATH
from mockbc.store.journal import JournalEntry
from mockbc.store.registry import AccountExists, ApiAccount, StoreExists, StoreRegistry, valid_store_hash

PROBLEM_TYPE = "/_mockbc/errors"
LOOPBACK_NAMES = frozenset({"localhost", "mockbc.test", "testserver"})
MAX_CONTROL_BODY = 64 * 1024 * 1024  # an inline fixture document may be large
DEFAULT_PAGE, MAX_PAGE = 100, 1000

Endpoint = Callable[[Request], Awaitable[Response]]


def _json(body: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type="application/json")


def problem(status: int, title: str, errors: dict[str, str] | None = None) -> Response:
    body: dict[str, Any] = {"status": status, "title": title, "type": PROBLEM_TYPE}
    if errors:
        body["errors"] = errors
    return _json(body, status)


# --------------------------------------------------------------------------- the guard


def host_name(host_header: str) -> str:
    """``"127.0.0.1:8000"`` -> ``"127.0.0.1"``, ``"[::1]:80"`` -> ``"::1"``, lowercased."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def is_loopback(name: str) -> bool:
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):  # RFC 6761: *.localhost is loopback
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class Guard:
    """Decides whether a control-plane request may run; ``refusal`` says why not."""

    def __init__(self, allowed_hosts: Iterable[str] = ()) -> None:
        self.allowed = frozenset(host_name(h) for h in allowed_hosts if h)

    def host_allowed(self, host_header: str | None) -> bool:
        if not host_header:
            return False
        name = host_name(host_header)
        return is_loopback(name) or name in self.allowed

    def refusal(self, method: str, headers: dict[str, str], scheme: str) -> Response | None:
        host = headers.get("host")
        if not self.host_allowed(host):
            return problem(
                403,
                f"The control plane does not answer for host {host!r}. Start the server with "
                "--allow-host NAME to allow another name.",
            )
        origin = headers.get("origin")
        if origin is not None and origin.lower() != f"{scheme}://{host}".lower():
            return problem(403, f"Cross-origin requests to the control plane are refused (Origin {origin!r}).")
        if headers.get("sec-fetch-site") == "cross-site":
            return problem(403, "Cross-site requests to the control plane are refused.")
        if method == "POST":  # the control plane's writes; DELETE needs a preflight no page gets
            content_type = headers.get("content-type", "")
            if content_type.split(";", 1)[0].strip().lower() != "application/json":
                return problem(
                    415, "Control-plane writes must be sent with Content-Type: application/json (even with no body)."
                )
        return None


# --------------------------------------------------------------------------- helpers


async def _body(request: Request) -> dict[str, Any] | Response:
    too_big = problem(413, f"The request body is larger than {MAX_CONTROL_BODY} bytes.")
    length = request.headers.get("content-length", "")
    if length.isascii() and length.isdigit() and int(length) > MAX_CONTROL_BODY:
        return too_big
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():  # read no more than the cap, whatever is sent
            size += len(chunk)
            if size > MAX_CONTROL_BODY:
                return too_big
            chunks.append(chunk)
    except ClientDisconnect:
        return Response(status_code=499)  # nobody is left to read it
    raw = b"".join(chunks)
    if not raw.strip():
        return {}
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return problem(400, "The request body is not valid JSON.")
    if not isinstance(body, dict):
        return problem(422, "The request body must be a JSON object.")
    return body


def account_json(request: Request, account: ApiAccount) -> dict[str, Any]:
    base = f"{request.url.scheme}://{request.headers.get('host', 'localhost')}"
    return {
        "name": account.name,
        "client_id": account.client_id,
        "client_secret": account.client_secret,
        "access_token": account.access_token,
        "api_path": f"{base}/stores/{account.store_hash}/v3/",
        "store_hash": account.store_hash,
        "scopes": sorted(account.scopes),
    }


def entry_json(entry: JournalEntry) -> bytes:
    """One journal entry as JSON; never fails, whatever the body held."""
    out: dict[str, Any] = {
        "seq": entry.seq, "method": entry.method, "path": entry.path, "query": entry.query,
        "status": entry.status, "store_hash": entry.store_hash, "operation_id": entry.operation_id,
        "api": entry.api, "time": entry.time.isoformat(), "body": entry.body, "body_size": entry.body_size,
        "body_truncated": entry.body_truncated, "contract_violations": list(entry.contract_violations),
    }  # fmt: skip
    if entry.body_excerpt:
        out["body_excerpt"] = entry.body_excerpt
    try:
        return orjson.dumps(out)
    except (TypeError, orjson.JSONEncodeError):
        # Integers past 64 bits (refused, but journaled as sent) are beyond orjson: show them as text.
        out["body"] = None
        out["body_excerpt"] = repr(entry.body)[:512]
        out["body_truncated"] = True
        return orjson.dumps(out)


def _int_param(request: Request, name: str, default: int | None, low: int, high: int) -> int | Response | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= high:
        return problem(422, "Invalid query.", {name: f"must be an integer from {low} to {high}"})
    return int(raw)


# --------------------------------------------------------------------------- endpoints


def routes(
    registry: StoreRegistry, *, fixtures_allowed: Iterable[str] = (), rate_limiter: RateLimiter | None = None
) -> list[Route]:
    """The control plane's routes over ``registry``. ``fixtures_allowed``: fixture file paths a
    ``POST /_mockbc/stores`` may name besides the built-in ones (the server's own ``--fixtures``);
    any other path is refused, so the control plane never reads an arbitrary file."""
    allowed_files = {str(Path(p).resolve()) for p in fixtures_allowed if p not in BUILTIN}

    async def health(request: Request) -> Response:
        return _json({"status": "ok"})

    async def list_stores(request: Request) -> Response:
        counts = ("products", "categories", "brands")
        listed = [
            {"store_hash": h, "fixtures": s.fixtures, **{name: len(s.table(name)) for name in counts}}
            for h, s in registry.stores.items()
        ]
        return _json(listed)

    async def create_store(request: Request) -> Response:
        body = await _body(request)
        if isinstance(body, Response):
            return body
        store_hash = body.get("store_hash")
        fixtures = body.get("fixtures", "demo")
        if store_hash is not None and not valid_store_hash(store_hash):
            return problem(422, "Invalid store.", {"store_hash": "must be 1 to 64 letters and digits"})
        if store_hash is not None and store_hash in registry.stores:
            return problem(409, f"A store with hash '{store_hash}' already exists.")
        try:
            if isinstance(fixtures, dict):
                store = registry.create_store(
                    store_hash, fixtures="inline", seed=build_seed(fixtures, source="fixtures")
                )
            elif isinstance(fixtures, str) and (fixtures in BUILTIN or str(Path(fixtures).resolve()) in allowed_files):
                store = registry.create_store(store_hash, fixtures=fixtures)
            else:
                return problem(
                    422, "Invalid store.",
                    {"fixtures": "must be 'demo', 'empty', the fixture file the server was started with, "
                                 "or a fixture document (an object)"},
                )  # fmt: skip
        except StoreExists:
            return problem(409, f"A store with hash '{store_hash}' already exists.")
        except FixtureError as exc:
            return problem(422, "Invalid store.", {"fixtures": str(exc)})
        return _json({"store_hash": store.store_hash, "fixtures": store.fixtures}, 201)

    async def delete_store(request: Request) -> Response:
        if not registry.drop_store(request.path_params["store_hash"]):
            return problem(404, "No such store.")
        return Response(status_code=204)

    async def create_api_account(request: Request) -> Response:
        store_hash = request.path_params["store_hash"]
        if store_hash not in registry.stores:
            return problem(404, "No such store.")
        body = await _body(request)
        if isinstance(body, Response):
            return body
        scopes = body.get("scopes", list(ALL_SCOPES))
        name = body.get("name")
        if name is None:
            taken = {a.name for a in registry.accounts.values() if a.store_hash == store_hash}
            name = next(f"api-account-{n}" for n in range(1, len(taken) + 2) if f"api-account-{n}" not in taken)
        if not isinstance(name, str) or not name.strip() or len(name) > 255:
            return problem(
                422, "Invalid API account.", {"name": "must be a non-empty string of at most 255 characters"}
            )
        try:
            if isinstance(scopes, str):
                granted = parse_scopes(scopes)
            elif isinstance(scopes, list) and all(isinstance(s, str) for s in scopes):
                granted = parse_scopes(",".join(scopes)) if scopes else ()
            else:
                raise ValueError("must be a list of scope names")
        except ValueError as exc:
            return problem(422, "Invalid API account.", {"scopes": str(exc)})
        try:
            # Minted from secrets: a control-plane token is never predictable from its store and name.
            account = registry.create_account(store_hash, name=name, scopes=granted, random=True)
        except AccountExists as exc:
            return problem(409, str(exc))
        return _json(account_json(request, account), 201)

    async def reset_all(request: Request) -> Response:
        registry.reset()
        return Response(status_code=204)

    async def reset_store(request: Request) -> Response:
        store = registry.get(request.path_params["store_hash"])
        if store is None:
            return problem(404, "No such store.")
        store.reset()
        return Response(status_code=204)

    async def get_upload(request: Request) -> Response:
        store = registry.get(request.path_params["store_hash"])
        raw_id = request.path_params["upload_id"]
        upload = store.uploads.get(int(raw_id)) if store is not None and raw_id.isascii() and raw_id.isdigit() else None
        if upload is None or upload.filename != request.path_params["filename"]:
            return problem(404, "No such upload.")
        # Uploads are served from the mock's own origin, where the control plane lives: never as
        # anything but the image type sniffed at upload, and never able to run script.
        headers = {
            "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "no-store",
        }  # fmt: skip
        return Response(upload.data, media_type=upload.content_type, headers=headers)

    async def list_requests(request: Request) -> Response:
        limit = _int_param(request, "limit", DEFAULT_PAGE, 1, MAX_PAGE)
        since = _int_param(request, "since", 0, 0, 2**63 - 1)
        status = _int_param(request, "status", None, 100, 599)
        for value in (limit, since, status):
            if isinstance(value, Response):
                return value
        assert isinstance(limit, int) and isinstance(since, int)
        journal = registry.journal
        entries = journal.select(
            since=since, limit=limit, store_hash=request.query_params.get("store_hash") or None,
            status=status if isinstance(status, int) else None,
        )  # fmt: skip
        last = entries[-1].seq if entries else max(since, 0)
        more = bool(entries) and entries[-1].seq < journal.last_seq and len(entries) == limit
        meta = {"count": len(entries), "limit": limit, "since": since, "last_seq": last, "more": more,
                "journal_entries": len(journal), "journal_bytes": journal.bytes}  # fmt: skip
        content = (
            b'{"data":[' + b",".join(entry_json(entry) for entry in entries) + b'],"meta":' + orjson.dumps(meta) + b"}"
        )
        return Response(content, media_type="application/json")

    return [
        Route("/_mockbc/health", health, methods=["GET"]),
        Route("/_mockbc/stores", list_stores, methods=["GET"]),
        Route("/_mockbc/stores", create_store, methods=["POST"]),
        Route("/_mockbc/stores/{store_hash}", delete_store, methods=["DELETE"]),
        Route("/_mockbc/stores/{store_hash}/api-accounts", create_api_account, methods=["POST"]),
        Route("/_mockbc/stores/{store_hash}/reset", reset_store, methods=["POST"]),
        Route("/_mockbc/reset", reset_all, methods=["POST"]),
        Route("/_mockbc/requests", list_requests, methods=["GET"]),
        Route(f"{UPLOADS_PATH}/{{store_hash}}/{{upload_id}}/{{filename}}", get_upload, methods=["GET"]),
        *control_apps.routes(registry),
        *control_ratelimit.routes(registry, rate_limiter),
    ]


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 405:
        response = problem(405, f"The {request.method} method is not supported on {request.url.path}.")
    else:
        response = problem(
            exc.status_code, "No such control-plane endpoint." if exc.status_code == 404 else str(exc.detail)
        )
    response.headers.update(exc.headers or {})
    return response


def control_app(
    registry: StoreRegistry, *, fixtures_allowed: Iterable[str] = (), rate_limiter: RateLimiter | None = None
) -> Starlette:
    app = Starlette(
        routes=routes(registry, fixtures_allowed=fixtures_allowed, rate_limiter=rate_limiter),
        exception_handlers={HTTPException: _http_error},
    )
    app.router.redirect_slashes = False
    return app
