"""Assertions over the requests a store received: the registry's request journal.

Pure Python over ``JournalEntry`` records (``mockbc.store.registry``); the pytest plugin's
``bc_requests`` fixture is a ``RequestJournal`` over the current test's requests, but the
class works on any list of entries, with or without pytest.

Example::

    journal = RequestJournal(registry.journal, store_hash="mockbc0001")
    journal.assert_called_once("POST", "/v3/catalog/products", json={"name": "Mug", ...})
    journal.assert_called("GET", "/v3/catalog/products/{id}", times=2)
    journal.assert_not_called("DELETE", "/v3/catalog/products")

Paths are matched without the ``/stores/{hash}`` prefix (giving it is allowed too), and a
``{name}`` segment matches any one segment. A failed assertion raises ``AssertionError``
listing the requests the store actually received that come closest (same method and a
similar path first), each with its status.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

if TYPE_CHECKING:
    from mockbc.store.registry import JournalEntry

__all__ = ["RequestJournal", "RequestPattern", "contract_message", "strip_store_prefix"]

CLOSEST = 5  # how many received requests a failure message lists
_STORE_PREFIX = re.compile(r"^/stores/[^/]+(?=/|$)")
_TEMPLATE_SEGMENT = re.compile(r"^\{[^/{}]*\}$")
_REPR_LIMIT = 200


def strip_store_prefix(path: str) -> str:
    """``/stores/abc123/v3/catalog/products`` -> ``/v3/catalog/products``; other paths unchanged."""
    return _STORE_PREFIX.sub("", path, count=1) or "/"


def _query_values(value: object) -> list[str]:
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, (list, tuple)):
        return [item for part in value for item in _query_values(part)]
    return [str(value)]


def _normalise_query(query: Mapping[str, object] | str | None) -> dict[str, list[str]] | None:
    if query is None:
        return None
    if isinstance(query, str):
        return parse_qs(query.lstrip("?"), keep_blank_values=True)
    return {str(name): _query_values(value) for name, value in query.items()}


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _REPR_LIMIT else text[: _REPR_LIMIT - 1] + "…"


@dataclass(frozen=True)
class RequestPattern:
    """What an assertion looks for: a method, a path template, and optionally query and body.

    ``query`` is a subset match: every name given must be present with that value (a list
    matches a repeated parameter or BigCommerce's comma-joined form, ``id:in=1,2``).
    ``json`` must equal the request body as the mock parsed it (``None``: not checked).
    """

    method: str | None
    path: str | None
    query: dict[str, list[str]] | None = None
    json: Any = None

    @classmethod
    def build(
        cls,
        method: str | None,
        path: str | None,
        *,
        query: Mapping[str, object] | str | None = None,
        json: Any = None,
    ) -> RequestPattern:
        wanted_query = _normalise_query(query)
        if path is not None:
            if "://" in path:
                parts = urlsplit(path)
                path = parts.path + (f"?{parts.query}" if parts.query else "")
            if "?" in path:
                path, _, inline = path.partition("?")
                wanted_query = {**parse_qs(inline, keep_blank_values=True), **(wanted_query or {})}
            path = strip_store_prefix("/" + path.strip("/"))
        return cls(method.upper() if method else None, path, wanted_query, json)

    @cached_property
    def _regex(self) -> re.Pattern[str] | None:
        if self.path is None:
            return None
        segments = [
            "[^/]+" if _TEMPLATE_SEGMENT.match(segment) else re.escape(segment) for segment in self.path.split("/")
        ]
        return re.compile("/".join(segments) + "/?")

    def matches(self, entry: JournalEntry) -> bool:
        if self.method is not None and entry.method != self.method:
            return False
        regex = self._regex
        if regex is not None and not regex.fullmatch(strip_store_prefix(entry.path)):
            return False
        if self.query is not None and not self._query_matches(entry.query):
            return False
        return self.json is None or entry.body == self.json

    def _query_matches(self, raw: str) -> bool:
        received = parse_qs(raw, keep_blank_values=True)
        for name, wanted in (self.query or {}).items():
            got = received.get(name)
            if got is None:
                return False
            if got != wanted and got != [",".join(wanted)]:
                return False
        return True

    def describe(self) -> str:
        text = f"{self.method or 'any method'} {self.path or '(any path)'}"
        if self.query:
            shown = "&".join(f"{name}={','.join(values)}" for name, values in self.query.items())
            text += f" with query {shown}"
        if self.json is not None:
            text += f" with json {_short(self.json)}"
        return text

    def path_similarity(self, received_path: str) -> float:
        """0..1, how close ``received_path`` (prefix stripped) is to the pattern's path; each
        ``{name}`` segment counts as the received segment it stands for."""
        if self.path is None:
            return 1.0
        received = received_path.split("/")
        segments = [
            received[i] if _TEMPLATE_SEGMENT.match(segment) and i < len(received) else segment
            for i, segment in enumerate(self.path.split("/"))
        ]
        return difflib.SequenceMatcher(None, "/".join(segments), received_path).ratio()


def _times(n: int) -> str:
    return {0: "0 times", 1: "once", 2: "twice"}.get(n, f"{n} times")


def _target(entry: JournalEntry) -> str:
    return f"{entry.path}?{unquote(entry.query)}" if entry.query else entry.path


def _describe_entry(entry: JournalEntry, *, with_body: bool) -> str:
    text = f"{entry.method} {_target(entry)} -> {entry.status}"
    if with_body and entry.body is not None:
        text += f"  json={_short(entry.body)}"
    return text


class RequestJournal:
    """The requests one store received, with assertion helpers.

    ``entries`` is an iterable of ``JournalEntry`` or a callable returning one; a callable
    is read again on every call, so the journal sees requests made after it was built.
    With ``store_hash`` only that store's requests count.
    """

    def __init__(
        self,
        entries: Iterable[JournalEntry] | Callable[[], Iterable[JournalEntry]],
        *,
        store_hash: str | None = None,
    ) -> None:
        self._source = entries
        self.store_hash = store_hash

    @property
    def entries(self) -> list[JournalEntry]:
        """A snapshot of the requests, oldest first."""
        source = self._source() if callable(self._source) else self._source
        if self.store_hash is None:
            return list(source)
        return [entry for entry in list(source) if entry.store_hash == self.store_hash]

    def __iter__(self) -> Iterator[JournalEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, index: int) -> JournalEntry:
        return self.entries[index]

    def calls(
        self,
        method: str | None = None,
        path: str | None = None,
        *,
        query: Mapping[str, object] | str | None = None,
        json: Any = None,
    ) -> list[JournalEntry]:
        """The requests matching every criterion given, oldest first."""
        pattern = RequestPattern.build(method, path, query=query, json=json)
        return [entry for entry in self.entries if pattern.matches(entry)]

    def assert_called(
        self,
        method: str,
        path: str,
        *,
        times: int | None = None,
        query: Mapping[str, object] | str | None = None,
        json: Any = None,
    ) -> list[JournalEntry]:
        """Assert a matching request was received (exactly ``times`` times if given); returns them."""
        __tracebackhide__ = True  # pytest shows the caller's line, not this helper's
        pattern = RequestPattern.build(method, path, query=query, json=json)
        entries = self.entries
        found = [entry for entry in entries if pattern.matches(entry)]
        if (times is None and found) or len(found) == times:
            return found
        expected = "at least once" if times is None else _times(times)
        headline = f"expected {pattern.describe()} to be called {expected}, but it was called {_times(len(found))}."
        raise AssertionError(self._explain(headline, pattern, entries, found))

    def assert_called_once(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, object] | str | None = None,
        json: Any = None,
    ) -> JournalEntry:
        """Assert exactly one matching request was received; returns it."""
        __tracebackhide__ = True  # pytest shows the caller's line, not this helper's
        return self.assert_called(method, path, times=1, query=query, json=json)[0]

    def assert_not_called(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, object] | str | None = None,
        json: Any = None,
    ) -> None:
        """Assert no matching request was received."""
        __tracebackhide__ = True  # pytest shows the caller's line, not this helper's
        self.assert_called(method, path, times=0, query=query, json=json)

    def _explain(
        self, headline: str, pattern: RequestPattern, entries: list[JournalEntry], found: list[JournalEntry]
    ) -> str:
        where = f"store {self.store_hash}" if self.store_hash else "the mock"
        with_body = pattern.json is not None
        lines = [f"mockbc journal: {headline}"]
        if found:
            lines.append("Matching requests:")
            lines += [f"  {_describe_entry(entry, with_body=with_body)}" for entry in found]
            return "\n".join(lines)
        if not entries:
            lines.append(f"No requests were received by {where} during the test.")
            return "\n".join(lines)
        closest = _closest(pattern, entries)
        lines.append(f"Closest requests received by {where} ({len(closest)} of {len(entries)}):")
        lines += [f"  {_describe_entry(entry, with_body=with_body)}" for entry in closest]
        return "\n".join(lines)


def _closest(pattern: RequestPattern, entries: list[JournalEntry]) -> list[JournalEntry]:
    """The same method first, then the most similar path, then the oldest."""
    scored = [
        (
            pattern.method is not None and entry.method != pattern.method,
            -pattern.path_similarity(strip_store_prefix(entry.path)),
            index,
        )
        for index, entry in enumerate(entries)
    ]
    scored.sort()
    return [entries[index] for _, _, index in scored[:CLOSEST]]


def contract_message(entries: Iterable[JournalEntry]) -> str | None:
    """One line per distinct request that broke mockbc's spec for its operation, or ``None``.

    ``mockbc contract: createProduct (POST /stores/abc/v3/catalog/products) sent an invalid
    request: price: must be at least 0``

    Requests that give the same line (operation, method, path and query, violations) are
    listed once, in the order they were first sent, with `` (xN)`` when sent N > 1 times.
    """
    counts: dict[str, int] = {}
    for entry in entries:
        if not entry.contract_violations:
            continue
        request = f"{entry.method} {_target(entry)}"
        operation = entry.operation_id or "request"
        line = (
            f"mockbc contract: {operation} ({request}) sent an invalid request: {'; '.join(entry.contract_violations)}"
        )
        counts[line] = counts.get(line, 0) + 1
    if not counts:
        return None
    return "\n".join(line if n == 1 else f"{line} (x{n})" for line, n in counts.items())
