"""The request journal: what every request to a BigCommerce path was, bounded in entries and bytes.

A body is kept (as parsed) only up to ``BODY_BYTES`` of raw JSON; a bigger one is kept as a
short excerpt and marked ``body_truncated``. The journal drops its oldest entries once it
holds ``max_entries`` of them or about ``max_bytes`` of memory, so no sequence of requests
can grow it without bound.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

import orjson

MAX_ENTRIES = 10_000
MAX_BYTES = 32 * 1024 * 1024
BODY_BYTES = 16 * 1024  # raw JSON kept as a parsed body
EXCERPT_CHARS = 512  # of a body too big to keep, or not JSON
# Strict JSON only: without these, orjson would also write dataclasses, datetimes and
# subclasses of str, int, dict and list, none of which a client sends as themselves.
_STRICT = orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
_STRICT |= orjson.OPT_PASSTHROUGH_SUBCLASS


def fingerprint(value: object) -> str | None:
    """A digest of ``value`` as canonical JSON (keys sorted), or ``None`` if it is not plain JSON.

    Not plain JSON: anything orjson refuses (integers past 64 bits, non-string keys, other
    types), and values that do not survive the round trip, such as NaN, which orjson writes
    as ``null``. Two bodies with the same fingerprint are the same JSON value.
    """
    try:
        data = orjson.dumps(value, option=_STRICT)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return None
    if orjson.loads(data) != value:
        return None
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


# Parsed JSON costs several times its text in memory; entries are charged that much.
_PARSED_COST = 8
_ENTRY_COST = 512


@dataclass(slots=True)  # not frozen: one is built per request, and frozen init is slower
class JournalEntry:
    method: str
    path: str
    query: str
    status: int
    store_hash: str | None
    time: datetime
    body: object = None  # the parsed JSON body, when it parsed and was small enough to keep
    operation_id: str | None = None
    # Where the request broke mockbc's spec for its operation: "field: rule" per problem.
    contract_violations: tuple[str, ...] = ()
    body_size: int = 0  # bytes received
    body_truncated: bool = False  # a body was received but not kept whole
    body_excerpt: str = ""  # the start of a body that was not kept
    body_fingerprint: str | None = None  # of a body that parsed but was too big to keep
    seq: int = 0  # position in the journal, from 1; set when recorded
    api: str | None = None

    @property
    def cost(self) -> int:
        kept = self.body_size if self.body is not None else len(self.body_excerpt)
        return _ENTRY_COST + len(self.path) + len(self.query) + kept * _PARSED_COST


@dataclass
class Journal:
    max_entries: int = MAX_ENTRIES
    max_bytes: int = MAX_BYTES
    _entries: deque[JournalEntry] = field(default_factory=deque)
    _bytes: int = 0
    _seq: int = 0

    def record(self, entry: JournalEntry) -> None:
        self._seq += 1
        entry.seq = self._seq
        self._entries.append(entry)
        self._bytes += entry.cost
        while self._entries and (len(self._entries) > self.max_entries or self._bytes > self.max_bytes):
            self._bytes -= self._entries.popleft().cost

    # deque-like reading, as tests and the plugin use it
    append = record

    def clear(self) -> None:
        self._entries.clear()
        self._bytes = 0

    def __iter__(self) -> Iterator[JournalEntry]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, index: int) -> JournalEntry:
        return self._entries[index]

    @property
    def bytes(self) -> int:
        return self._bytes

    @property
    def last_seq(self) -> int:
        return self._seq

    def select(
        self, *, since: int = 0, limit: int = 100, store_hash: str | None = None, status: int | None = None
    ) -> list[JournalEntry]:
        """Entries after ``since`` (a ``seq``), oldest first, at most ``limit`` of them."""
        found: list[JournalEntry] = []
        for entry in self._entries:
            if entry.seq <= since:
                continue
            if store_hash is not None and entry.store_hash != store_hash:
                continue
            if status is not None and entry.status != status:
                continue
            found.append(entry)
            if len(found) >= limit:
                break
        return found
