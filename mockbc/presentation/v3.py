"""The v3 view: ``{"data", "meta"}`` envelopes and ``{status, title, type, errors}`` errors.

Shapes and titles follow BC_FACTS §1 and §4.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from mockbc.domain import errors as e
from mockbc.domain.query import Page

ERROR_TYPE = "/api-docs/getting-started/api-status-codes"
API = "v3"

UNAUTHORIZED_TITLE = (
    "Unauthorized - the v3 Auth client ID or token in the request are not a valid "
    "combination for this store."
)
FORBIDDEN_TITLE = (
    "Missing scope - the v3 Auth token is valid but does not have proper permissions "
    "to access this endpoint."
)


def single(data: object) -> dict[str, object]:
    return {"data": data, "meta": {}}


def collection(page: Page[Any], data: list[object], query: Sequence[tuple[str, str]]) -> dict[str, object]:
    """A list envelope. ``links`` are relative query strings that keep the caller's filters."""
    kept = [(k, v) for k, v in query if k not in ("page", "limit")]

    def link(number: int) -> str:
        return "?" + urlencode([*kept, ("page", str(number)), ("limit", str(page.limit))], safe=":,")

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


def _body(status: int, title: str, errors: Mapping[str, str] | None = None, **extra: object) -> dict[str, object]:
    body: dict[str, object] = {"status": status, "title": title, "type": ERROR_TYPE}
    if errors is not None:
        body["errors"] = dict(errors)
    body.update(extra)
    return body


def error(err: e.DomainError) -> tuple[int, object]:
    match err:
        case e.BadRequest(detail=detail):
            return 400, _body(400, "Input is invalid", detail=detail)
        case e.Unauthorized():
            return 401, _body(401, UNAUTHORIZED_TITLE)
        case e.Forbidden():
            return 403, _body(403, FORBIDDEN_TITLE)
        case e.NotFound(resource=resource):
            title = f"The requested {resource} was not found." if resource else "The requested resource was not found."
            return 404, _body(404, title)
        case e.MethodNotAllowed(method=method):
            return 405, _body(405, "Method Not Allowed", detail=f"The {method} method is not supported on this resource.")
        case e.Conflict(fields=fields, title=title):
            return 409, _body(409, title or "The request conflicts with the current state of the store.", fields)
        case e.PayloadTooLarge(max_items=max_items) if max_items is not None:
            return 413, _body(
                413,
                f"The request payload is too large. The maximum items allowed in the array is {max_items}.",
                {},
            )
        case e.PayloadTooLarge(max_bytes=max_bytes):
            return 413, _body(413, f"The request payload is too large. The maximum size is {max_bytes} bytes.", {})
        case e.UnsupportedMediaType():
            return 415, _body(415, "The request Content-Type is not supported. Send application/json.")
        case e.Invalid(fields=fields, title=title):
            return 422, _body(422, title, fields)
        case e.LimitExceeded(fields=fields, title=title):
            return 422, _body(422, title, fields)
    raise TypeError(f"unmapped error {err!r}")  # every new error type must be mapped here
