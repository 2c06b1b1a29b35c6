"""Everything that can go wrong in a request, as data.

Only ``mockbc.presentation.v2`` and ``mockbc.presentation.v3`` give these a wire shape.

    DomainError
    ├── BadRequest            malformed JSON, unreadable body            (400)
    ├── Unauthorized          missing or unknown token, wrong store      (401)
    ├── Forbidden             valid token without the scope              (403)
    ├── NotFound              unknown path or id                          (404)
    ├── MethodNotAllowed      path exists, method does not                (405)
    ├── Conflict              uniqueness or reference rules               (409)
    ├── PayloadTooLarge       too many items in a batch, body too big     (413)
    ├── UnsupportedMediaType  Content-Type missing or not JSON            (415)
    ├── Invalid               schema or rule violations, by field         (422)
    └── LimitExceeded         a store-wide limit that v2 answers with 403 (422 in v3)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


# The title BigCommerce's v3 catalog gives a request body that breaks its schema.
INVALID_BODY_TITLE = "JSON data is missing or invalid"


class DomainError(Exception):
    """Base of every error a request can end in."""


@dataclass
class BadRequest(DomainError):
    detail: str = "Syntax error"


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


@dataclass
class MethodNotAllowed(DomainError):
    method: str = ""
    allowed: tuple[str, ...] = ()


@dataclass
class Conflict(DomainError):
    fields: Mapping[str, str] = field(default_factory=dict)
    title: str = ""


@dataclass
class PayloadTooLarge(DomainError):
    max_items: int | None = None
    max_bytes: int | None = None


@dataclass
class UnsupportedMediaType(DomainError):
    content_type: str = ""


@dataclass
class Invalid(DomainError):
    fields: Mapping[str, str] = field(default_factory=dict)
    title: str = "The request payload is invalid."


@dataclass
class LimitExceeded(DomainError):
    fields: Mapping[str, str] = field(default_factory=dict)
    title: str = ""
