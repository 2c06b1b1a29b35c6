"""The bodies the ``invalid_*`` strategies produced: violations a test sends on purpose.

Every ``InvalidCase`` payload is fingerprinted into ``INTENDED`` as it is drawn. The pytest
plugin clears ``INTENDED`` when a test's ``bc_*`` fixtures are set up and after every test,
and in contract mode does not report a request whose journalled body is in it.

Standard library and orjson only: the plugin imports this module, and Hypothesis must not
be needed to clear or read it.
"""

from __future__ import annotations

from mockbc.store.journal import JournalEntry, fingerprint

__all__ = ["INTENDED", "IntendedBodies", "fingerprint"]


class IntendedBodies:
    """Fingerprints of the bodies drawn from ``invalid_*`` since the last ``clear()``."""

    __slots__ = ("_fingerprints",)

    def __init__(self) -> None:
        self._fingerprints: set[str] = set()

    def add(self, payload: object) -> None:
        """Remember ``payload``; one that is not plain JSON is not remembered."""
        digest = fingerprint(payload)
        if digest is not None:
            self._fingerprints.add(digest)

    def __contains__(self, body: object) -> bool:
        if not self._fingerprints:
            return False
        digest = fingerprint(body)
        return digest is not None and digest in self._fingerprints

    def matches(self, entry: JournalEntry) -> bool:
        """Whether the journalled request sent one of these bodies (also when the body was too
        big to keep: the journal keeps its fingerprint then)."""
        if not self._fingerprints:
            return False
        if entry.body is not None:
            return entry.body in self
        return entry.body_fingerprint is not None and entry.body_fingerprint in self._fingerprints

    def __len__(self) -> int:
        return len(self._fingerprints)

    def clear(self) -> None:
        self._fingerprints.clear()


INTENDED = IntendedBodies()
"""The process's one registry: the current test's intended bodies (one test runs at a time)."""
