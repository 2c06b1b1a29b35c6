"""The request pipeline every BigCommerce path runs through, top to bottom:

    route -> auth -> store -> rate limit -> scope -> query -> body -> store again -> handler -> view

Each step either passes or raises a ``DomainError``; the operation's view (v2 or v3, or a
resource's own variant) gives the error its shape. The journal entry of every request, answered
or not, is written in one place (``Pipeline.__call__``). This is a plain ASGI app: it reads the
few headers it needs from the scope and never builds a Starlette ``Request``, which keeps the
hot path short.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import orjson
from starlette.types import Receive, Scope, Send

from mockbc.auth.scopes import allowed, required_scope
from mockbc.domain import errors as e
from mockbc.http import body as bodies
from mockbc.http import multipart
from mockbc.http.auth import ApiAccountToken, Authenticator, ConcurrencyGate, Principal, Quota, RateLimiter
from mockbc.http.operations import BoundOperation
from mockbc.http.router import Router
from mockbc.presentation import v2, v3, words
from mockbc.presentation.call import Call, Rendered
from mockbc.store.journal import BODY_BYTES, EXCERPT_CHARS, JournalEntry, fingerprint
from mockbc.store.registry import StoreRegistry

JSON_HEADER = (b"content-type", b"application/json")
_API_PATH = re.compile(r"^/stores/([^/]+)/v[23](?:/|$)")
NOT_EMULATED_HEADER = "X-Mockbc-Not-Emulated"
_WANTED = {
    b"x-auth-token": "x-auth-token", b"content-type": "content-type", b"content-length": "content-length",
    b"host": "host", b"sf-api-token": "sf-api-token",
}  # fmt: skip
_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})  # a DELETE is read only where its spec declares a body


@dataclass
class _Route:
    template: str
    by_method: dict[str, BoundOperation] = field(default_factory=dict)

    @property
    def allowed(self) -> tuple[str, ...]:
        methods = set(self.by_method)
        if "GET" in methods:
            methods.add("HEAD")
        return tuple(sorted(methods))


@dataclass(slots=True)
class _Exchange:
    """What one request turned into, for the journal."""

    op: BoundOperation | None = None
    store_hash: str | None = None
    raw_size: int = 0
    body: Any = None
    excerpt: str = ""
    fingerprint: str | None = None
    violations: tuple[str, ...] = ()
    quota: Quota | None = None  # its headers go with the answer, even an error


def _fallback_error(path: str, err: e.DomainError) -> tuple[int, object]:
    return (v2.error if "/v2/" in path or path.endswith("/v2") else v3.error)(err)


def _error_headers(err: e.DomainError) -> dict[str, str]:
    if isinstance(err, e.MethodNotAllowed) and err.allowed:
        return {"Allow": ", ".join(err.allowed)}
    if isinstance(err, e.NotFound) and err.not_emulated:
        return {NOT_EMULATED_HEADER: "true"}
    if isinstance(err, e.RateLimited) and err.with_headers:
        quota = Quota(err.window_ms, err.reset_ms, err.quota, err.left)
        retry_ms = err.reset_ms if err.retry_ms is None else err.retry_ms
        return {**quota.headers(), "X-Retry-After": str(max(1, -(-retry_ms // 1000)))}
    return {}


def _violations(err: e.DomainError) -> tuple[str, ...]:
    """What a request got wrong against the spec, as ``field: rule`` lines for the journal."""
    match err:
        case e.Invalid(problems=problems):
            return tuple(f"{name}: {message}" for name, message in words.messages(problems).items())
        case e.BadRequest():
            _, shaped = v3.error(err)
            return (f"body: not valid JSON ({shaped['detail']})",)
        case e.UnsupportedMediaType(content_type=content_type):
            return (f"Content-Type: must be application/json, got {content_type or 'none'!r}",)
        case e.PayloadTooLarge(max_items=max_items, max_bytes=max_bytes, max_limit=max_limit):
            if max_items is not None:
                return (f"body: more than {max_items} items",)
            if max_limit is not None:
                return (f"limit: must be at most {max_limit}",)
            return (f"body: larger than {max_bytes} bytes",)
    return ()


def _path_params(op: BoundOperation, params: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, raw in params.items():
        if name == "store_hash":
            continue
        param = op.spec.path_params.get(name)
        if param is not None and param.kind == "integer":
            # Non-numeric, non-positive or out-of-range ids match no record: 404, as BigCommerce
            # answers. (isascii: str.isdigit() also accepts digits int() refuses, such as "²".)
            if not (raw.isascii() and raw.isdigit()) or len(raw) > 19 or not 1 <= int(raw) <= bodies.INT64_MAX:
                raise e.NotFound(name.removesuffix("_id"), raw)
            values[name] = int(raw)
        else:
            values[name] = raw
    return values


class Pipeline:
    """The ASGI app for every path outside ``/_mockbc/``."""

    def __init__(
        self,
        registry: StoreRegistry,
        operations: Iterable[BoundOperation],
        *,
        authenticators: Sequence[Authenticator] = (ApiAccountToken(),),
        rate_limiter: RateLimiter | None = None,
        concurrency: ConcurrencyGate | None = None,
    ) -> None:
        self.registry = registry
        self.authenticators = tuple(authenticators)
        self.rate_limiter = rate_limiter
        self.concurrency = concurrency
        self._last_quota: tuple[Quota | None, tuple[tuple[bytes, bytes], ...]] = (None, ())
        self.router: Router[_Route] = Router()
        routes: dict[str, _Route] = {}
        for op in operations:
            route = routes.get(op.spec.path)
            if route is None:
                route = routes[op.spec.path] = _Route(op.spec.path)
                self.router.add(op.spec.path, route)
            route.by_method[op.spec.method] = op

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        method: str = scope["method"]
        path: str = scope["path"]
        headers: dict[str, str] = {}
        for name, value in scope["headers"]:
            wanted = _WANTED.get(name)
            if wanted is not None:
                headers[wanted] = value.decode("latin-1")
        exchange = _Exchange()
        try:
            rendered = await self._answer(method, path, scope, headers, receive, exchange)
        except bodies.ClientGone:
            self._record(method, path, scope, 499, exchange)  # 499: the client closed the request
            return
        except e.DomainError as err:
            view_error = exchange.op.view.error if exchange.op is not None else None
            if isinstance(err, e.RateLimited):
                view_error = v3.error  # the platform answers before the API: one JSON shape on v2 and v3
            status, shaped = view_error(err) if view_error is not None else _fallback_error(path, err)
            quota_headers = exchange.quota.headers() if exchange.quota is not None else {}
            rendered = Rendered(status, shaped, {**quota_headers, **_error_headers(err)})
            exchange.quota = None  # already among the rendered headers
        # Journaled before the answer goes out: a client that reads the journal as soon as it
        # has its response (a test on the live server) must find the request there.
        self._record(method, path, scope, rendered.status, exchange)
        quota_lines: tuple[tuple[bytes, bytes], ...] = ()
        if exchange.quota is not None:
            # Plan off (and a limiter that repeats itself) answers the same Quota object: encode it once.
            last, quota_lines = self._last_quota
            if last is not exchange.quota:
                quota_lines = _quota_lines(exchange.quota)
                self._last_quota = (exchange.quota, quota_lines)
        await self._send(send, rendered, head=method == "HEAD", extra=quota_lines)

    async def _answer(
        self, method: str, path: str, scope: Scope, headers: dict[str, str], receive: Receive, exchange: _Exchange
    ) -> Rendered:
        raw_path = scope.get("raw_path")
        if raw_path is not None and b"%2f" in raw_path.lower():
            # An encoded slash never names a BigCommerce resource (ids have no slashes): a plain
            # 404, never a redirect to a path the client did not ask for.
            raise e.NotFound()
        if len(path) > 1 and path.endswith("/"):
            path = path[:-1]  # a trailing slash names the same resource (decision, README)
        found = self.router.match(path)
        if found is None:
            api_path = _API_PATH.match(path)
            if api_path is not None:
                # Authentication comes first, as on the real API: no token, no 404.
                exchange.store_hash = api_path.group(1)
                self._spend(self._authenticate(headers, exchange.store_hash), exchange)
            raise e.NotFound(not_emulated=True)
        route, params = found
        store_hash = exchange.store_hash = params.get("store_hash")
        op = exchange.op = route.by_method.get("GET" if method == "HEAD" else method)
        principal = self._authenticate(headers, store_hash)
        if op is None:
            # After authentication, as a 404 is: the 405 carries the rate-limit headers and spends one.
            self._spend(principal, exchange)
            raise e.MethodNotAllowed(method, route.allowed)
        gate = self.concurrency
        if gate is None or not gate.enter(principal.store_hash, op.spec.key):
            return await self._admitted(method, scope, headers, receive, exchange, op, params, principal)
        try:
            return await self._admitted(method, scope, headers, receive, exchange, op, params, principal)
        finally:
            gate.leave(principal.store_hash, op.spec.key)

    async def _admitted(
        self,
        method: str,
        scope: Scope,
        headers: dict[str, str],
        receive: Receive,
        exchange: _Exchange,
        op: BoundOperation,
        params: dict[str, str],
        principal: Principal,
    ) -> Rendered:
        store_hash = exchange.store_hash
        self._spend(principal, exchange)
        if not allowed(principal.scopes, op.scope, method):
            raise e.Forbidden(required_scope(op.scope or "", method))

        spec = op.spec
        query_items: list[tuple[str, str]] = []
        try:
            if scope["query_string"]:
                query_items = list(_parsed_query(scope["query_string"]))
            query = spec.parse_query(query_items)
            path_values = _path_params(op, params)
            body: Any = None
            if spec.has_body and method in _WRITES:
                body = await self._read_body(headers, receive, op, exchange)
        except (e.Invalid, e.BadRequest, e.UnsupportedMediaType, e.PayloadTooLarge) as err:
            exchange.violations = _violations(err)
            raise
        store = self.registry.stores.get(principal.store_hash)
        # Once a body was awaited, the store may have been dropped (and its tokens with it)
        # while it arrived: then nothing may be written. Without a body nothing awaited.
        if store is None or (body is not None and self._authenticate(headers, store_hash) != principal):
            raise e.Unauthorized()
        base_url = f"{scope.get('scheme', 'http')}://{headers.get('host') or 'localhost'}"
        call = Call(store, op.view, query, query_items, path_values, body, principal.client_id, base_url, headers)
        try:
            result = op.handler(call)
        except e.PayloadTooLarge as err:
            exchange.violations = _violations(err)
            raise
        rendered = op.view.render(result, call, spec.success_status)
        return rendered

    def _spend(self, principal: Principal, exchange: _Exchange) -> None:
        if self.rate_limiter is not None:
            exchange.quota = self.rate_limiter.take(principal.store_hash)

    def _authenticate(self, headers: dict[str, str], store_hash: str | None) -> Principal:
        for authenticator in self.authenticators:
            principal = authenticator.authenticate(headers, self.registry)
            if principal is not None:
                # Tokens are bound to one store: a token of store A on store B's path is 401.
                if principal.store_hash != store_hash or store_hash not in self.registry.stores:
                    raise e.Unauthorized()
                return principal
        raise e.Unauthorized()

    async def _read_body(
        self, headers: dict[str, str], receive: Receive, op: BoundOperation, exchange: _Exchange
    ) -> Any:
        content_type = headers.get("content-type")
        if op.spec.multipart and multipart.is_multipart(content_type):
            assert content_type is not None
            raw = await bodies.read(receive, headers.get("content-length"), max_bytes=bodies.MAX_UPLOAD_BYTES)
            exchange.raw_size = len(raw)
            exchange.excerpt = raw[:EXCERPT_CHARS].decode("utf-8", "replace")
            return multipart.parse(raw, content_type)  # the handler checks the parts
        if op.spec.body_schema is None or not bodies.is_json(content_type):
            raise e.UnsupportedMediaType(content_type or "")
        raw = await bodies.read(receive, headers.get("content-length"))
        exchange.raw_size = len(raw)
        refused: list[Any] = []
        try:
            value = bodies.parse(raw, refused)
        except (e.BadRequest, e.Invalid):
            exchange.excerpt = raw[:EXCERPT_CHARS].decode("utf-8", "replace")
            if refused:  # parsed, but not kept: the fingerprint still says what was sent
                exchange.fingerprint = fingerprint(refused[0])
            raise
        if len(raw) <= BODY_BYTES:
            exchange.body = value
        else:
            exchange.excerpt = raw[:EXCERPT_CHARS].decode("utf-8", "replace")
            exchange.fingerprint = fingerprint(value)
        max_items = op.spec.max_items
        if max_items is not None and isinstance(value, list) and len(value) > max_items:
            raise e.PayloadTooLarge(max_items=max_items)
        try:
            op.spec.validate_body(value)
        except e.Invalid as err:
            if isinstance(value, list):  # a refused batch: every item failed
                raise e.Invalid(err.kind, err.problems, {**err.facts, "total": len(value)}) from None
            raise
        return value

    @staticmethod
    async def _send(send: Send, rendered: Rendered, *, head: bool, extra: tuple[tuple[bytes, bytes], ...] = ()) -> None:
        content = b"" if rendered.body is None else orjson.dumps(rendered.body)
        raw_headers: list[tuple[bytes, bytes]] = []
        if rendered.body is not None:
            raw_headers.append(JSON_HEADER)
        if rendered.status != 204:
            raw_headers.append((b"content-length", str(len(content)).encode()))
        if rendered.headers:
            raw_headers.extend((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in rendered.headers.items())
        raw_headers.extend(extra)
        await send({"type": "http.response.start", "status": rendered.status, "headers": raw_headers})
        await send({"type": "http.response.body", "body": b"" if head else content})

    def _record(self, method: str, path: str, scope: Scope, status: int, exchange: _Exchange) -> None:
        op = exchange.op
        self.registry.record(
            JournalEntry(
                method=method, path=path, query=scope["query_string"].decode("latin-1"), status=status,
                store_hash=exchange.store_hash, time=self.registry.clock.now(), body=exchange.body,
                operation_id=op.spec.operation_id if op is not None else None,
                contract_violations=exchange.violations, body_size=exchange.raw_size,
                body_truncated=exchange.raw_size > 0 and exchange.body is None, body_excerpt=exchange.excerpt,
                body_fingerprint=exchange.fingerprint,
                api=op.spec.api if op is not None else None,
            )
        )  # fmt: skip


_QUOTA_NAMES = tuple(name.lower().encode("latin-1") for name in Quota(0, 0, 0, 0).headers())


def _quota_lines(quota: Quota) -> tuple[tuple[bytes, bytes], ...]:
    return tuple(zip(_QUOTA_NAMES, (value.encode("latin-1") for value in quota.headers().values()), strict=True))


@functools.lru_cache(maxsize=1024)
def _parsed_query(raw: bytes) -> tuple[tuple[str, str], ...]:
    # Clients page through a list repeating its filters: a bounded cache of the parse pays.
    return tuple(parse_qsl(raw.decode("latin-1"), keep_blank_values=True, encoding="utf-8", errors="replace"))
