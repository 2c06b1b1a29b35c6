"""``create_app``: the ASGI application, and the request pipeline that every BigCommerce
route runs through, top to bottom:

    auth -> store -> scope -> query -> body -> handler -> render

Every failure is a ``DomainError``; ``_error_response`` gives it the v2 or v3 shape.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mockbc.auth.scopes import ALL_SCOPES, allowed, required_scope
from mockbc.domain import errors as e
from mockbc.http import control
from mockbc.http.call import Call
from mockbc.http.routes import BoundOperation, bind
from mockbc.http.spec import INVALID_TITLE, load_operations, parse_json
from mockbc.presentation import v2, v3
from mockbc.store.registry import DEFAULT_STORE_HASH, JournalEntry, StoreRegistry

MAX_BODY_BYTES = 8 * 1024 * 1024
JSON = "application/json"
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
# Bodies that may hold a value the fast parser loses or the store cannot keep: a number
# literal of 19+ digits (orjson turns integers past 64 bits into floats), an escaped NUL,
# or an escaped surrogate. Only those bodies are parsed a second time and scanned.
_SUSPECT = re.compile(rb"\d{19}|\\u0000|\\u[dD][89a-fA-F]")


class JSONResponse(Response):
    media_type = JSON

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def _view_for(path: str) -> Any:
    return v2 if "/v2/" in path or path.endswith("/v2") else v3


def _error_response(err: e.DomainError, path: str) -> JSONResponse:
    status, body = _view_for(path).error(err)
    headers = {"Allow": ", ".join(err.allowed)} if isinstance(err, e.MethodNotAllowed) and err.allowed else None
    return JSONResponse(body, status_code=status, headers=headers)


async def _read_body(request: Request, op: BoundOperation) -> Any:
    length = request.headers.get("content-length")
    if length is not None and length.isascii() and length.isdigit() and int(length) > MAX_BODY_BYTES:
        raise e.PayloadTooLarge(max_bytes=MAX_BODY_BYTES)
    content_type = request.headers.get("content-type", "")
    if content_type.split(";", 1)[0].strip().lower() != JSON:
        raise e.UnsupportedMediaType(content_type)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise e.PayloadTooLarge(max_bytes=MAX_BODY_BYTES)
        chunks.append(chunk)
    raw = b"".join(chunks)
    if not raw.strip():
        raise e.BadRequest("The request body is empty")
    try:
        body = parse_json(raw)
    except (ValueError, RecursionError):
        raise e.BadRequest("Syntax error") from None
    if _SUSPECT.search(raw):
        _check_values(raw)
    max_items = op.spec.max_items
    if max_items is not None and isinstance(body, list) and len(body) > max_items:
        raise e.PayloadTooLarge(max_items=max_items)
    op.spec.validate_body(body)
    return body


def _contract_violations(err: e.DomainError) -> tuple[str, ...]:
    """What a request got wrong against the spec, as ``field: rule`` lines for the journal."""
    match err:
        case e.Invalid(fields=fields):
            return tuple(f"{name}: {rule}" for name, rule in fields.items())
        case e.BadRequest(detail=detail):
            return (f"body: not valid JSON ({detail})",)
        case e.UnsupportedMediaType(content_type=content_type):
            return (f"Content-Type: must be application/json, got {content_type or 'none'!r}",)
        case e.PayloadTooLarge(max_items=max_items, max_bytes=max_bytes):
            return (f"body: more than {max_items} items" if max_items else f"body: larger than {max_bytes} bytes",)
    return ()


def _check_values(raw: bytes) -> None:
    """Refuse integers outside 64 bits (422), strings holding NUL (422) and lone surrogates (400).

    ``raw`` is re-read with the standard library, which keeps big integers exact.
    """
    try:
        exact = json.loads(raw)
    except (ValueError, RecursionError):
        raise e.BadRequest("Syntax error") from None
    stack: list[tuple[list[str | int], Any]] = [([], exact)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(([*where, key], item) for key, item in value.items())
            for key in value:
                _check_text(key, where)
        elif isinstance(value, list):
            stack.extend(([*where, index], item) for index, item in enumerate(value))
        elif isinstance(value, str):
            _check_text(value, where)
        elif isinstance(value, int) and not isinstance(value, bool) and not INT64_MIN <= value <= INT64_MAX:
            raise e.Invalid({_label(where): f"must be between {INT64_MIN} and {INT64_MAX}"}, title=INVALID_TITLE)


def _label(where: list[str | int]) -> str:
    return ".".join(str(part) for part in where) or "body"


def _check_text(text: str, where: list[str | int]) -> None:
    if "\x00" in text:
        raise e.Invalid({_label(where): "must not contain NUL characters"}, title=INVALID_TITLE)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise e.BadRequest("Syntax error") from None


def _path_params(op: BoundOperation, request: Request) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, raw in request.path_params.items():
        if name == "store_hash":
            continue
        param = op.spec.path_params.get(name)
        if param is not None and param.kind == "integer":
            # Non-numeric, non-positive or out-of-range ids match no record: 404, as BigCommerce
            # answers. (isascii: str.isdigit() also accepts digits int() refuses, such as "²".)
            if not (raw.isascii() and raw.isdigit()) or len(raw) > 19 or not 1 <= int(raw) <= INT64_MAX:
                raise e.NotFound(name.removesuffix("_id"), raw)
            values[name] = int(raw)
        else:
            values[name] = raw
    return values


def _endpoint(registry: StoreRegistry, by_method: dict[str, BoundOperation]) -> Any:
    allowed_methods = tuple(sorted(by_method))

    async def endpoint(request: Request) -> Response:
        scope = request.scope
        method = scope["method"]
        op = by_method.get("GET" if method == "HEAD" else method)
        path = scope["path"]
        store_hash = scope["path_params"].get("store_hash")
        body: Any = None
        violations: tuple[str, ...] = ()
        try:
            if op is None:
                raise e.MethodNotAllowed(method, allowed_methods)
            account = registry.authenticate(request.headers.get("x-auth-token"))
            if account is None or account.store_hash != store_hash:
                raise e.Unauthorized()
            store = registry.stores.get(store_hash)
            if store is None:
                raise e.Unauthorized()
            if not allowed(account.scopes, op.scope, method):
                raise e.Forbidden(required_scope(op.scope or "", method))
            query_items = request.query_params.multi_items() if scope["query_string"] else []
            try:
                query = op.spec.parse_query(query_items)
                path_params = _path_params(op, request)
                if op.spec.has_body and method in ("POST", "PUT", "PATCH"):
                    body = await _read_body(request, op)
            except (e.Invalid, e.BadRequest, e.UnsupportedMediaType, e.PayloadTooLarge) as err:
                violations = _contract_violations(err)
                raise
            call = Call(
                store=store, query=query, query_items=query_items, path=path_params, body=body,
                client_id=account.client_id,
            )  # fmt: skip
            reply = op.handler(call)
            if reply.body is None:
                response: Response = Response(status_code=reply.status, headers=reply.headers or None)
            else:
                response = JSONResponse(reply.body, status_code=reply.status, headers=reply.headers or None)
        except e.DomainError as err:
            response = _error_response(err, path)
        registry.record(
            JournalEntry(
                method=method, path=path, query=scope["query_string"].decode("latin-1"), status=response.status_code,
                store_hash=store_hash, time=registry.clock.now(), body=body,
                operation_id=op.spec.operation_id if op else None, contract_violations=violations,
            )
        )  # fmt: skip
        return response

    return endpoint


def _routes(registry: StoreRegistry, operations: Iterable[BoundOperation]) -> list[Route]:
    by_path: dict[str, dict[str, BoundOperation]] = defaultdict(dict)
    for op in operations:
        by_path[op.spec.path][op.spec.method] = op
    # Products first (the busiest routes are matched first); within that, literal segments
    # before parameters (/catalog/trees/categories before /catalog/trees/{tree_id}/...).
    ordered = sorted(
        by_path.items(),
        key=lambda item: ("/catalog/products" not in item[0], [(seg.startswith("{"), seg) for seg in item[0].split("/")]),
    )
    return [
        Route(path, _endpoint(registry, methods), methods=["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"])
        for path, methods in ordered
    ]


async def _http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    path = request.url.path
    if exc.status_code == 405:
        err: e.DomainError = e.MethodNotAllowed(request.method)
    elif exc.status_code == 404:
        err = e.NotFound()
    else:  # pragma: no cover - Starlette raises no other HTTPException on these routes
        return JSONResponse({"status": exc.status_code, "title": exc.detail, "type": v3.ERROR_TYPE}, exc.status_code)
    response = _error_response(err, path)
    if not path.startswith("/_mockbc"):
        registry: StoreRegistry = request.app.state.registry
        registry.record(
            JournalEntry(request.method, path, request.url.query, response.status_code, None, registry.clock.now())
        )
    return response


def create_app(
    registry: StoreRegistry | None = None,
    *,
    fixtures: str = "demo",
    store_hash: str = DEFAULT_STORE_HASH,
    scopes: Iterable[str] = ALL_SCOPES,
    access_token: str | None = None,
    client_id: str | None = None,
    client_secret: str | None = None,
    specs_dir: Path | None = None,
) -> Starlette:
    """The mock as an ASGI app.

    Without a registry it creates one holding a single store (``store_hash``, seeded from
    ``fixtures``) and one store-level API account with ``scopes``.

    Example::

        app = create_app(fixtures="empty")
        account = app.state.default_account
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mock",
                                   headers={"X-Auth-Token": account.access_token})
    """
    if registry is None:
        registry = StoreRegistry(default_store_hash=store_hash)
        registry.create_store(store_hash, fixtures=fixtures)
        registry.create_account(
            store_hash, name="default", scopes=scopes,
            access_token=access_token, client_id=client_id, client_secret=client_secret,
        )  # fmt: skip
    operations = bind(load_operations(specs_dir))
    app = Starlette(
        routes=[*_routes(registry, operations), *control.routes()],
        exception_handlers={HTTPException: _http_exception},
    )
    app.state.registry = registry
    app.state.operations = {op.spec.operation_id: op for op in operations}
    accounts = [a for a in registry.accounts.values() if a.store_hash == registry.default_store_hash]
    app.state.default_account = accounts[0] if accounts else None
    return app


__all__ = ["create_app", "JSONResponse"]
