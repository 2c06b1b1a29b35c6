"""Everything that can go wrong in a request, as data: a kind and the facts, never words.

Only ``mockbc.presentation`` gives these a wire shape and a text (``words.py`` holds the
English, ``v3.py`` and ``v2.py`` the shapes).

    DomainError
    ├── BadRequest            unreadable body: syntax, encoding, nesting    (400)
    ├── Unauthorized          missing or unknown token, wrong store          (401)
    ├── Forbidden             valid token without the scope                  (403)
    ├── NotFound              unknown path or id                             (404)
    ├── MethodNotAllowed      path exists, method does not                   (405)
    ├── Conflict              uniqueness or reference rules                  (409)
    ├── PayloadTooLarge       too many items, too big a body or page         (413)
    ├── UnsupportedMediaType  Content-Type missing or not JSON               (415)
    ├── Invalid               schema or rule violations, by field            (422)
    ├── LimitExceeded         a store-wide limit (v2 answers it with 403)    (422)
    └── RateLimited           the store's request quota is spent             (429)

``Invalid``, ``Conflict`` and ``LimitExceeded`` carry ``problems``: one ``Problem`` per field,
naming the rule broken (``rule``) and what the message needs (``facts``). Their ``kind``
names the error as a whole (it picks the title).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

EMPTY: Mapping[str, Any] = {}


@dataclass(frozen=True, slots=True)
class Problem:
    """One broken rule: ``Problem("name", "duplicate_name", {"value": "Mug"})``."""

    field: str
    rule: str
    facts: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def at(self, prefix: str | int) -> Problem:
        """The same problem inside a batch item or nested object: ``3.name``."""
        return Problem(f"{prefix}.{self.field}" if self.field else str(prefix), self.rule, self.facts)


class DomainError(Exception):
    """Base of every error a request can end in."""


@dataclass
class BadRequest(DomainError):
    reason: str = "syntax"  # "syntax", "empty", "encoding", "nesting"
    facts: Mapping[str, Any] = dataclasses.field(default_factory=dict)


@dataclass
class Unauthorized(DomainError):
    pass


@dataclass
class Forbidden(DomainError):
    scope: str = ""


@dataclass
class NotFound(DomainError):
    resource: str = ""
    id: object = None
    # True when no route of the mock matches: BigCommerce may serve the path, the mock does not.
    not_emulated: bool = False
    reason: str = ""  # why a path matched nothing, e.g. "encoded_slash"


@dataclass
class MethodNotAllowed(DomainError):
    method: str = ""
    allowed: tuple[str, ...] = ()


@dataclass
class PayloadTooLarge(DomainError):
    max_items: int | None = None
    max_bytes: int | None = None
    max_limit: int | None = None  # a page size (``limit``) above the maximum


@dataclass
class UnsupportedMediaType(DomainError):
    content_type: str = ""


@dataclass
class _Problems(DomainError):
    kind: str = "payload"
    problems: tuple[Problem, ...] = ()
    facts: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def at(self, prefix: str | int) -> _Problems:
        """The same error with every field moved under ``prefix`` (a batch item's index)."""
        return type(self)(self.kind, tuple(p.at(prefix) for p in self.problems), self.facts)

    @property
    def fields(self) -> dict[str, str]:
        """``field -> rule``, for code that only needs to know which fields failed."""
        return {p.field: p.rule for p in self.problems}


@dataclass
class Conflict(_Problems):
    pass


@dataclass
class Invalid(_Problems):
    pass


@dataclass
class LimitExceeded(_Problems):
    pass


@dataclass
class RateLimited(DomainError):
    quota: int = 0
    window_ms: int = 0
    reset_ms: int = 0
    with_headers: bool = True  # False: a 429 without rate-limit headers, BigCommerce's sign of platform-wide load
    left: int = 0  # requests left in the window: above 0 when a concurrency limit refused the request
    retry_ms: int | None = None  # when to retry, if not at the window's end


def invalid(kind: str, field_name: str, rule: str, **facts: Any) -> Invalid:
    """An ``Invalid`` with one problem: ``invalid("filter", "id", "not_integer", raw="x")``."""
    return Invalid(kind, (Problem(field_name, rule, facts),))


def conflict(kind: str, field_name: str, rule: str, **facts: Any) -> Conflict:
    return Conflict(kind, (Problem(field_name, rule, facts),))


def limit_exceeded(kind: str, field_name: str, rule: str, **facts: Any) -> LimitExceeded:
    return LimitExceeded(kind, (Problem(field_name, rule, facts),))
