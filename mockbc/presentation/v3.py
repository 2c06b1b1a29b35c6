"""The v3 view: ``{"data", "meta"}`` envelopes and ``{status, title, type, errors}`` errors.

Shapes and titles follow upstream's catalog specs (``error_Base``, ``metaCollection_Full``) and
BigCommerce's status-codes guide; the words come from ``words.py``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import orjson

from mockbc.domain import errors as e
from mockbc.domain.query import Page, paginate, sort_by
from mockbc.presentation import params, words
from mockbc.presentation.call import Api, Batch, Call, Listing, Rendered
from mockbc.store.select import Rows

ERROR_TYPE = "/api-docs/getting-started/api-status-codes"
API: Api = "v3"

UNAUTHORIZED_TITLE = (
    "Unauthorized - the v3 Auth client ID or token in the request are not a valid combination for this store."
)
FORBIDDEN_TITLE = (
    "Missing scope - the v3 Auth token is valid but does not have proper permissions to access this endpoint."
)
NOT_EMULATED_DETAIL = (
    "mockbc does not emulate this path (yet); BigCommerce may serve it. See the README's list of what is emulated."
)
_BAD_REQUEST_DETAILS = {
    "syntax": "Syntax error",
    "empty": "The request body is empty",
    "nesting": "The JSON is nested more than {limit} levels deep",
    "multipart": "The multipart/form-data body could not be read",
}


def single(data: object) -> dict[str, object]:
    return {"data": data, "meta": {}}


@functools.lru_cache(maxsize=1024)
def _kept_filters(query: tuple[tuple[str, str], ...]) -> str:
    """The caller's query without ``page`` and ``limit``, encoded, with a trailing ``&``: a list
    paged through repeats its query, so this is encoded once, not once per page and link."""
    kept = urlencode([(k, v) for k, v in query if k not in ("page", "limit")], safe=":,")
    return f"{kept}&" if kept else ""


def collection(page: Page[Any], data: list[object], query: Sequence[tuple[str, str]]) -> dict[str, object]:
    """A list envelope. ``links`` are relative query strings that keep the caller's filters."""
    kept = _kept_filters(tuple(query))

    def link(number: int) -> str:
        return f"?{kept}page={number}&limit={page.limit}"

    links: dict[str, str] = {"current": link(page.page)}
    if 1 < page.page <= page.total_pages:
        links["previous"] = link(page.page - 1)
    if page.page < page.total_pages:
        links["next"] = link(page.page + 1)
    return {
        "data": data,
        "meta": {
            "pagination": {
                "total": page.total,
                "count": len(data),
                "per_page": page.limit,
                "current_page": page.page,
                "total_pages": page.total_pages,
                "links": links,
            }
        },
    }


def batch_meta(total: int, success: int) -> dict[str, int]:
    return {"total": total, "success": success, "failed": total - success}


def body(status: int, title: str, errors: Mapping[str, str] | None = None, **extra: object) -> dict[str, object]:
    out: dict[str, object] = {"status": status, "title": title, "type": ERROR_TYPE}
    if errors is not None:
        out["errors"] = dict(errors)
    out.update(extra)
    return out


def error(err: e.DomainError) -> tuple[int, dict[str, object]]:
    match err:
        case e.BadRequest(reason=reason, facts=facts):
            return 400, body(
                400, "Input is invalid", detail=_BAD_REQUEST_DETAILS.get(reason, "Syntax error").format(**facts)
            )
        case e.Unauthorized():
            return 401, body(401, UNAUTHORIZED_TITLE)
        case e.Forbidden():
            return 403, body(403, FORBIDDEN_TITLE)
        case e.NotFound(not_emulated=True):
            return 404, body(404, "The requested resource was not found.", detail=NOT_EMULATED_DETAIL)
        case e.NotFound(resource=resource):
            title = f"The requested {resource} was not found." if resource else "The requested resource was not found."
            return 404, body(404, title)
        case e.MethodNotAllowed(method=method):
            return 405, body(
                405, "Method Not Allowed", detail=f"The {method} method is not supported on this resource."
            )
        case e.Conflict(kind=kind, problems=problems, facts=facts):
            return 409, body(409, words.title(kind, facts), words.messages(problems))
        case e.PayloadTooLarge(max_items=max_items) if max_items is not None:
            return 413, body(
                413, f"The request payload is too large. The maximum items allowed in the array is {max_items}.", {}
            )
        case e.PayloadTooLarge(max_limit=max_limit) if max_limit is not None:
            return 413, body(
                413,
                f"The limit is too high. The maximum limit is {max_limit}.",
                {"limit": f"must be at most {max_limit}"},
            )
        case e.PayloadTooLarge(max_bytes=max_bytes):
            return 413, body(413, f"The request payload is too large. The maximum size is {max_bytes} bytes.", {})
        case e.UnsupportedMediaType():
            return 415, body(415, "The request Content-Type is not supported. Send application/json.")
        case (
            e.Invalid(kind=kind, problems=problems, facts=facts)
            | e.LimitExceeded(kind=kind, problems=problems, facts=facts)
        ):
            return 422, body(422, words.title(kind, facts), words.messages(problems))
        case e.RateLimited():
            return 429, body(429, "Too many requests", {})
    raise TypeError(f"unmapped error {err!r}")  # every new error type must be mapped here


def _cache(call: Call, name: str) -> dict[int, tuple[Any, Any]]:
    rendered = call.store.rendered
    cache = rendered.get(name)
    if cache is None:
        cache = rendered[name] = {}
    return cache


def cached(call: Call, view: str, record: Any, render: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    """``render(record)``, memoised per (view, record) in the store: a list of 50 would otherwise
    rebuild 50 large objects on every request. Returns a fresh dict the caller may change."""
    cache = _cache(call, view)
    hit = cache.get(record.id)
    if hit is None or hit[0] is not record:
        hit = cache[record.id] = (record, render(record))
    fields: dict[str, Any] = hit[1]
    return dict(fields)


def cached_json(call: Call, view: str, record: Any, render: Callable[[Any], dict[str, Any]]) -> orjson.Fragment:
    """``render(record)`` already serialised, memoised like ``cached``: a record asked for whole
    (no field selection) is written once per change, not once per request."""
    cache = _cache(call, f"{view}:json")
    hit = cache.get(record.id)
    if hit is None or hit[0] is not record:
        hit = cache[record.id] = (record, orjson.Fragment(orjson.dumps(render(record))))
    fragment: orjson.Fragment = hit[1]
    return fragment


Item = Callable[[Any, Call], Any]  # a JSON-ready dict, or an orjson.Fragment already written
Parse = Callable[[Any], dict[str, Any]]


class View:
    """A v3 resource: ``item`` renders one record for a call, ``parse_body`` reads a request body.

    With ``whole`` (the record's full wire form) and ``shaping`` (the query parameters that
    change it, such as ``include_fields``), a list asked for without them is written from each
    record's cached JSON, with no per-record work beyond a lookup."""

    api: Api = API

    def __init__(
        self,
        name: str,
        item: Item,
        parse_body: Parse | None = None,
        *,
        sorts: Mapping[str, Callable[[Any], Any]] | None = None,
        whole: Callable[[Any], dict[str, Any]] | None = None,
        shaping: frozenset[str] = frozenset(),
    ) -> None:
        self.name = name
        self.item = item
        self._parse = parse_body
        self.sorts = dict(sorts or {})
        self.whole = whole
        self.shaping = shaping

    def _items(self, records: Iterable[Any], call: Call) -> list[Any]:
        whole = self.whole
        if whole is None or not self.shaping.isdisjoint(call.query):
            return [self.item(r, call) for r in records]
        # cached_json inlined: this loop runs once per record of every list page.
        name, lookup = self.name, _cache(call, f"{self.name}:json").get
        out: list[Any] = []
        for record in records:
            hit = lookup(record.id)
            out.append(hit[1] if hit is not None and hit[0] is record else cached_json(call, name, record, whole))
        return out

    def render(self, result: object, call: Call, status: int) -> Rendered:
        if result is None:
            return Rendered(status)
        if isinstance(result, Page):
            return Rendered(status, collection(result, self._items(result.items, call), call.query_items))
        if isinstance(result, list):
            return Rendered(status, {"data": self._items(result, call), "meta": {}})
        return Rendered(status, single(self._items((result,), call)[0]))

    def error(self, err: e.DomainError) -> tuple[int, object]:
        return error(err)

    def parse(self, body: Any) -> dict[str, Any]:
        assert self._parse is not None, f"view {self.name} reads no bodies"
        return self._parse(body)

    def listing(
        self, call: Call, filterable: Collection[str], converters: Mapping[str, Callable[[Any], Any]] | None = None,
        *, max_limit: int | None = None,
    ) -> Listing:  # fmt: skip
        query = call.query
        request = params.page_request(query, limits=call.store.limits, max_limit=max_limit)
        sort = query.get("sort")
        return Listing(
            conditions=params.conditions(query, filterable=filterable, converters=converters),
            sort=sort if sort in self.sorts else None,
            descending=_descending(call),
            page=request.page,
            limit=request.limit,
        )

    def page(self, records: Sequence[Any], listing: Listing) -> Page[Any]:
        """Sort (``sort`` and ``direction``) and cut one page, as every v3 list does. In id
        order nothing but the page is read; another order reads everything it sorts."""
        if listing.sort is not None:
            records = sort_by(list(records), self.sorts[listing.sort], descending=listing.descending)
        elif listing.descending:
            records = records.reversed() if isinstance(records, Rows) else list(reversed(records))
        return paginate(records, page=listing.page, limit=listing.limit)


def _descending(call: Call) -> bool:
    # Some operations declare no ``direction`` (upstream's categories list), so the typed query
    # cannot carry it; BigCommerce honours it anyway, so it is read from the raw query string.
    if "direction" in call.query:
        return bool(call.query["direction"] == "desc")
    return any(key == "direction" and value.lower() == "desc" for key, value in call.query_items)


class TreesView(View):
    """The category trees API: batches answer per item, and errors come in its own envelopes
    (upstream ``category-trees_catalog.v3.yml``): a 422 as ``{errors: {status, title, type,
    errors}, meta: {total, success, failed}}`` and, on writes, a 400 as ``{errors: [{status,
    title, type}]}``. ``data`` says whether a successful batch answers with its records."""

    def __init__(
        self, name: str, item: Item, parse_body: Parse | None = None, *,
        data: bool = True, wrap_422: bool = True, list_400: bool = False, none_kind: str = "", some_kind: str = "",
        whole: Callable[[Any], dict[str, Any]] | None = None, shaping: frozenset[str] = frozenset(),
    ) -> None:  # fmt: skip
        super().__init__(name, item, parse_body, whole=whole, shaping=shaping)
        self.data, self.wrap_422, self.list_400 = data, wrap_422, list_400
        self.none_kind, self.some_kind = none_kind, some_kind

    def render(self, result: object, call: Call, status: int) -> Rendered:
        if not isinstance(result, Batch):
            return super().render(result, call, status)
        total, success = result.total or len(result.done) + len(result.failures), len(result.done)
        meta = batch_meta(total, success)
        if not result.failures:
            out: dict[str, object] = {"meta": meta}
            if self.data:
                out = {"data": [self.item(r, call) for r in result.done], "meta": meta}
            return Rendered(status, out)
        problems = tuple(p.at(index) for index, err in result.failures for p in _problems_of(err))
        titles = [_title_of(err) for _, err in result.failures]
        if not result.done:
            title = titles[0] if len(set(titles)) == 1 else words.title(self.none_kind)
            return Rendered(422, self._envelope(title, words.messages(problems), meta))
        title = titles[0] if len(set(titles)) == 1 else words.title(self.some_kind)
        out = self._envelope(title, words.messages(problems), meta)
        if self.data:
            out = {"data": [self.item(r, call) for r in result.done], **out}
        return Rendered(207, out)

    @staticmethod
    def _envelope(title: str, errors: Mapping[str, str], meta: dict[str, int]) -> dict[str, object]:
        return {"errors": body(422, title, errors), "meta": meta}

    def error(self, err: e.DomainError) -> tuple[int, object]:
        status, flat = error(err)
        if status == 422 and self.wrap_422:
            total = int(getattr(err, "facts", {}).get("total", 0))
            return 422, {"errors": flat, "meta": batch_meta(total, 0)}
        if status == 400 and self.list_400:
            return 400, {"errors": [{key: flat[key] for key in ("status", "title", "type")}]}
        return status, flat


def _problems_of(err: e.DomainError) -> tuple[e.Problem, ...]:
    if isinstance(err, e.NotFound):
        return (e.Problem("category_id", "record_missing", {"resource": err.resource, "id": err.id}),)
    assert isinstance(err, (e.Invalid, e.Conflict, e.LimitExceeded)), f"unmapped batch item error {err!r}"
    return tuple(e.Problem("url" if p.field == "custom_url" else p.field, p.rule, p.facts) for p in err.problems)


def _title_of(err: e.DomainError) -> str:
    if isinstance(err, e.NotFound):
        return f"The requested {err.resource} was not found."
    assert isinstance(err, (e.Invalid, e.Conflict, e.LimitExceeded))
    return words.title(err.kind, err.facts)
