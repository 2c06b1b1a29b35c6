"""The v2 view: bare objects and arrays, ``{"count": N}``, and errors as a list ``[{"status", "message"}]``.

v2 401/403/409/422 bodies are undocumented (upstream orders.v2 documents the list shape for 404 and 400); the mock uses
the list shape for all of them, one entry per problem. v2 answers a broken rule with 400, where v3 says 422, and the
archived v2 catalog guides answer store and product limits, and a category nested too deep, with 403.

A v2 list is filtered by the v2 query parameters (``min_id``, ``keyword_filter``, ``min_date_created``...), read by
each resource's ``QueryParam`` table into the same conditions the v3 view gives the shared handlers; parameters naming
a field the resource's service does not filter on become checks on each candidate. Lists are in id order (the v2
guides document no other) and paged with ``page`` and ``limit``; an empty page is a 204 (``Limits.v2_empty_page``).
"""

from __future__ import annotations

import email.utils
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from mockbc.domain import errors as e
from mockbc.domain.query import Condition, Page, Predicate, field_predicate, paginate
from mockbc.presentation import params, v3, words
from mockbc.presentation.call import Api, Call, Listing, Rendered
from mockbc.presentation.params import BadValue
from mockbc.presentation.wire import parse_datetime

API: Api = "v2"


def _body(status: int, *messages: str) -> list[dict[str, object]]:
    return [{"status": status, "message": message} for message in messages]


def problem_message(problem: e.Problem, kind: str) -> str:
    """One problem as a v2 sentence, naming its field."""
    template = words.V2_MESSAGES.get(problem.rule)
    if template is not None:
        return template.format(field=problem.field)
    text = words.message(problem)
    if text[:1].isupper():
        return text
    if kind == "filter":
        return words.V2_INVALID_FILTER.format(field=problem.field, message=text)
    if problem.field in ("", "body"):
        return words.V2_INVALID_BODY.format(message=text)
    return words.V2_INVALID_FIELD.format(field=problem.field, message=text)


def _messages(kind: str, problems: Sequence[e.Problem], facts: Mapping[str, Any]) -> list[str]:
    found: dict[str, str] = {}
    for problem in problems:
        found.setdefault(problem.field, problem_message(problem, kind))
    return list(found.values()) or [words.title(kind, facts)]


def error(err: e.DomainError) -> tuple[int, object]:
    match err:
        case e.BadRequest():
            _, shaped = v3.error(err)  # the same detail v3 gives: syntax, empty body, nesting
            return 400, _body(400, f"The request body could not be parsed: {shaped['detail']}.")
        case e.Unauthorized():
            return 401, _body(401, "You are not authorized to access this resource.")
        case e.Forbidden():
            return 403, _body(403, "You do not have permission to access this resource.")
        case e.NotFound(not_emulated=True):
            return 404, _body(404, "The requested resource was not found. mockbc does not emulate this path (yet).")
        case e.NotFound():
            return 404, _body(404, "The requested resource was not found.")
        case e.MethodNotAllowed(method=method):
            return 405, _body(405, f"The {method} method is not supported on this resource.")
        case e.Conflict(kind=kind, problems=problems, facts=facts):
            return 409, _body(409, *_messages(kind, problems, facts))
        case e.PayloadTooLarge(max_limit=max_limit) if max_limit is not None:
            return 413, _body(413, words.V2_LIMIT_TOO_HIGH.format(limit=max_limit))
        case e.PayloadTooLarge():
            return 413, _body(413, "The request payload is too large.")
        case e.UnsupportedMediaType():
            return 415, _body(415, "The request Content-Type is not supported. Send application/json.")
        case e.Invalid(kind="too_deep", problems=problems, facts=facts):
            # A parent chain longer than 7 is refused with 403 (archived v2 categories guide).
            return 403, _body(403, *_messages("too_deep", problems, facts))
        case e.Invalid(kind=kind, problems=problems, facts=facts):
            return 400, _body(400, *_messages(kind, problems, facts))
        case e.LimitExceeded(kind=kind, problems=problems, facts=facts):
            # v2 answers store and product limits with 403 (the archived v2 products and categories guides).
            return 403, _body(403, *_messages(kind, problems, facts))
        case e.RateLimited():
            return 429, _body(429, "Too many requests.")
    raise TypeError(f"unmapped error {err!r}")


# --------------------------------------------------------------------------- values


def money(value: float | None) -> str | None:
    """v2 money, weights and dimensions: a decimal string with four places (``"89.0000"``)."""
    return None if value is None else f"{value:.4f}"


def rfc2822(value: datetime | None) -> str:
    """v2 dates: RFC 2822 in UTC (``Tue, 05 Mar 2019 21:40:11 +0000``); no date is ``""``."""
    if value is None:
        return ""
    return email.utils.format_datetime(value.astimezone(UTC))


def parse_v2_date(raw: str, now: datetime) -> datetime:
    """An RFC 2822 date (``Tue, 05 Mar 2019 21:40:11 +0000``), or what v3 filters take (ISO 8601, unix seconds)."""
    text = raw.strip()
    try:
        return parse_datetime(text, now)
    except ValueError:
        pass
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"'{raw}' is not a date") from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def body_date(raw: Any) -> datetime:
    """A date in a v2 body: RFC 2822 or ISO 8601; without a zone it is UTC, without a time midnight."""
    text = str(raw).strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return parse_v2_date(text, datetime.now(UTC))
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def date_converter(now: datetime) -> Callable[[Any], datetime]:
    def convert(raw: Any) -> datetime:
        try:
            return parse_v2_date(str(raw), now)
        except (ValueError, OverflowError, OSError):  # OverflowError, OSError: unix seconds past the calendar
            raise BadValue("not_date", raw) from None

    return convert


def link(call: Call, resource: str) -> dict[str, str]:
    """A v2 sub-resource link, pointing back at the mock's own host: ``{"url", "resource"}``."""
    return {"url": f"{call.base_url}/stores/{call.store.store_hash}/v2{resource}", "resource": resource}


# --------------------------------------------------------------------------- lists


@dataclass(frozen=True, slots=True)
class QueryParam:
    """A v2 filter parameter: the domain field and operator it means (``min_id`` -> ``id``, ``min``).

    ``get`` names a field the resource's service does not filter on: the parameter is then
    checked on each record the other filters found. ``date``: the value is a v2 date."""

    field: str
    op: str = "eq"
    convert: Callable[[Any], Any] | None = None
    get: Callable[[Any], Any] | None = None
    date: bool = False


@dataclass(frozen=True, slots=True)
class V2Listing(Listing):
    checks: tuple[Predicate, ...] = ()


Converters = Mapping[str, Callable[[Any], Any]]
QueryReader = Callable[[Call, Collection[str], Converters], tuple[list[Condition], list[Predicate]]]


def query_reader(table: Mapping[str, QueryParam]) -> QueryReader:
    """Reads the parameters of ``table`` from a call: conditions for the service, checks for the rest."""

    def read(
        call: Call, filterable: Collection[str], converters: Converters
    ) -> tuple[list[Condition], list[Predicate]]:
        conditions: list[Condition] = []
        checks: list[Predicate] = []
        now: datetime | None = None
        for name, value in call.query.items():
            param = table.get(name)
            if param is None:
                continue
            convert = param.convert or converters.get(param.field)
            if param.date:
                now = now or call.store.clock.now()  # a bare date takes the request's time of day
                convert = date_converter(now)
            if convert is not None:
                try:
                    value = convert(value)
                except BadValue as exc:
                    raise e.Invalid("filter", (e.Problem(name, exc.rule, {"raw": exc.raw}),)) from None
            condition = Condition(param.field, param.op, value)
            if param.get is not None:
                checks.append(field_predicate(param.get, condition))
            elif param.field in filterable:
                conditions.append(condition)
        return conditions, checks

    return read


Item = Callable[[Any, Call], Any]
Parse = Callable[[Any], dict[str, Any]]


class View:
    """A v2 resource: ``item`` renders one record for a call, ``parse_body`` reads a request body
    into domain changes, ``query`` reads the list filters.

    A handler's result renders as: a record -> an object; a ``Page`` or list -> an array (an
    empty one: 204, or ``[]``, per ``Limits.v2_empty_page``); an ``int`` -> ``{"count": N}``;
    ``None`` -> no body. ``max_limit`` (a v3 include's page cap) is ignored unless ``page_caps``."""

    api: Api = API

    def __init__(
        self,
        name: str,
        item: Item,
        parse_body: Parse | None = None,
        *,
        query: QueryReader | None = None,
        page_caps: bool = False,
    ) -> None:
        self.name = name
        self.item = item
        self._parse = parse_body
        self._query = query
        self._page_caps = page_caps

    def render(self, result: object, call: Call, status: int) -> Rendered:
        if result is None:
            return Rendered(status)
        if isinstance(result, int) and not isinstance(result, bool):
            return Rendered(status, {"count": result})
        if isinstance(result, (Page, list)):
            records = result.items if isinstance(result, Page) else result
            if not records:
                if call.store.limits.v2_empty_page == "[]":
                    return Rendered(status, [])
                return Rendered(204)
            return Rendered(status, [self.item(r, call) for r in records])
        return Rendered(status, self.item(result, call))

    def error(self, err: e.DomainError) -> tuple[int, object]:
        return error(err)

    def parse(self, body: Any) -> dict[str, Any]:
        assert self._parse is not None, f"view {self.name} reads no bodies"
        return self._parse(body)

    def listing(
        self, call: Call, filterable: Collection[str], converters: Converters | None = None,
        *, max_limit: int | None = None,
    ) -> Listing:  # fmt: skip
        request = params.page_request(
            call.query, limits=call.store.limits, max_limit=max_limit if self._page_caps else None
        )
        conditions, checks = self._query(call, filterable, converters or {}) if self._query else ([], [])
        return V2Listing(
            conditions=conditions, sort=None, descending=False, page=request.page, limit=request.limit,
            checks=tuple(checks),
        )  # fmt: skip

    def page(self, records: Sequence[Any], listing: Listing) -> Page[Any]:
        """One page in id order; the checks the service could not run are run on what it found."""
        checks = listing.checks if isinstance(listing, V2Listing) else ()
        if checks:
            records = [record for record in records if all(check(record) for check in checks)]
        return paginate(records, page=listing.page, limit=listing.limit)


def select_fields(
    record: dict[str, Any], include: Sequence[str] | None, exclude: Sequence[str] | None, *,
    always: frozenset[str], groups: Mapping[str, frozenset[str]] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """v2 ``include=f1,f2`` / ``exclude=f``: the ``always`` fields stay either way; an include
    entry may name a group (``@summary``); names that are not fields are ignored."""
    if include:
        keep = set(always)
        for name in include:
            keep |= (groups or {}).get(name, {name})
        record = {k: v for k, v in record.items() if k in keep}
    if exclude:
        drop = set(exclude) - always
        record = {k: v for k, v in record.items() if k not in drop}
    return record
