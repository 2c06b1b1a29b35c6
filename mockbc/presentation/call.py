"""What a handler receives, and what every operation's view looks like.

Handlers are written once, for every API version: they read a ``Call``, act on the store and
return a domain result (a record, a ``Page``, a list, a ``Batch``, or ``None``). The
operation's ``View`` turns that result, and any error, into the wire shape of its API.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Literal, Protocol, TypeVar

from mockbc.domain.errors import DomainError
from mockbc.domain.query import Condition, Page

if TYPE_CHECKING:
    from mockbc.store.store import Store

Api = Literal["v2", "v3"]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Batch(Generic[T]):
    """A batch that runs item by item: what was done, and which items failed with what."""

    done: list[T]
    failures: list[tuple[int, DomainError]] = field(default_factory=list)
    total: int = 0


@dataclass(frozen=True, slots=True)
class Rendered:
    status: int
    body: object = None  # None: no body (204)
    headers: Mapping[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Listing:
    """How a list request asked to be filtered, sorted and paged, in domain terms."""

    conditions: list[Condition]
    sort: str | None
    descending: bool
    page: int
    limit: int


class View(Protocol):
    """One operation's presentation: the API's envelopes and errors, the resource's fields."""

    name: str
    api: Api

    def render(self, result: object, call: Call, status: int) -> Rendered: ...

    def error(self, err: DomainError) -> tuple[int, object]: ...

    def parse(self, body: Any) -> dict[str, Any]: ...

    def listing(
        self,
        call: Call,
        filterable: Collection[str],
        converters: Mapping[str, Callable[[Any], Any]] | None = None,
        *,
        max_limit: int | None = None,
    ) -> Listing: ...

    def page(self, records: Sequence[Any], listing: Listing) -> Page[Any]: ...


@dataclass(slots=True)
class Call:
    store: Store
    view: View
    query: dict[str, Any]
    query_items: list[tuple[str, str]]
    path: dict[str, Any]
    body: Any = None
    client_id: str = ""
    # The request's own scheme and host: links in responses point back at the mock (INTERFACE §1).
    base_url: str = "http://localhost"
    # The few request headers the pipeline keeps, by lower-cased name (Sf-Api-Token among them).
    headers: Mapping[str, str] = field(default_factory=dict)
