"""The v2 view: bare objects and arrays, and errors as a list ``[{"status", "message"}]``.

v2 401/403/409/422 bodies are undocumented (upstream orders.v2 documents the list shape for 404); the mock uses the list shape
for all of them.
"""

from __future__ import annotations

from mockbc.domain import errors as e
from mockbc.presentation import words
from mockbc.presentation.call import Api

API: Api = "v2"


def _body(status: int, message: str) -> list[dict[str, object]]:
    return [{"status": status, "message": message}]


def error(err: e.DomainError) -> tuple[int, object]:
    match err:
        case e.BadRequest():
            return 400, _body(400, "The request body could not be parsed: Syntax error.")
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
            return 409, _body(409, words.title(kind, facts) or "; ".join(words.messages(problems).values()))
        case e.PayloadTooLarge():
            return 413, _body(413, "The request payload is too large.")
        case e.UnsupportedMediaType():
            return 415, _body(415, "The request Content-Type is not supported. Send application/json.")
        case e.Invalid(kind=kind, problems=problems, facts=facts):
            described = "; ".join(f"{k}: {v}" for k, v in words.messages(problems).items())
            return 400, _body(400, described or words.title(kind, facts))
        case e.LimitExceeded(kind=kind, facts=facts):
            # v2 answers store and product limits with 403 (the archived v2 products and categories guides).
            return 403, _body(403, words.title(kind, facts))
        case e.RateLimited():
            return 429, _body(429, "Too many requests.")
    raise TypeError(f"unmapped error {err!r}")
