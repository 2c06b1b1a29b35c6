"""The lookups a ``Table`` keeps current: unique, multi-valued and word indexes.

Each index has an immutable seed part, shared by every store built from the same seed, and a
small write overlay; ``reset()`` drops the overlay, so resetting costs nothing whatever the
store holds. Lookups cost in proportion to what they return.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

_DELETED: Any = object()
_WORD = re.compile(r"\w+")
EMPTY: frozenset[int] = frozenset()


def words(texts: Iterable[str]) -> set[str]:
    """``("Travel Mug", "MUG-01")`` -> ``{"travel", "mug", "01"}``: case-folded runs of letters and digits."""
    found: set[str] = set()
    for text in texts:
        if text.isalnum():  # one word: no need for the pattern
            found.add(text.casefold())
        elif text:
            found.update(_WORD.findall(text.casefold()))
    return found


class UniqueIndex:
    """value -> the one record id holding it."""

    __slots__ = ("_overlay", "_seed")

    def __init__(self, seed: Mapping[Hashable, int]) -> None:
        self._seed = seed
        self._overlay: dict[Hashable, Any] = {}

    @staticmethod
    def build(pairs: Iterable[tuple[int, Any]]) -> dict[Hashable, int]:
        built: dict[Hashable, int] = {}
        for record_id, value in pairs:
            if value is not None:
                built[value] = record_id
        return built

    def get(self, value: Hashable) -> int | None:
        found = self._overlay.get(value)
        if found is None:
            return self._seed.get(value)
        return None if found is _DELETED else found

    def add(self, value: Any, record_id: int) -> None:
        if value is not None:
            self._overlay[value] = record_id

    add_new = add

    def remove(self, value: Any, record_id: int) -> None:
        if value is not None and self.get(value) == record_id:
            self._overlay[value] = _DELETED

    def reset(self) -> object:
        """Drop the writes; returns them, for the caller to free later."""
        retired, self._overlay = self._overlay, {}
        return retired


class MultiIndex:
    """value -> the ids of every record holding it. The overlay keeps what writes added and
    removed per value, so a write costs O(1) and a lookup O(answer)."""

    __slots__ = ("_added", "_removed", "_seed", "_seed_sorted")

    def __init__(self, seed: Mapping[Hashable, frozenset[int]]) -> None:
        self._seed = seed
        self._added: dict[Hashable, set[int]] = {}
        self._removed: dict[Hashable, set[int]] = {}
        self._seed_sorted: dict[Hashable, list[int]] = {}  # sorted seed postings, made on first use

    def sorted_ids(self, value: Hashable) -> list[int]:
        """``sorted(get(value))``; a posting the writes left alone is sorted once, not per request."""
        if value in self._added or value in self._removed:
            return sorted(self.get(value))
        found = self._seed_sorted.get(value)
        if found is None:
            found = self._seed_sorted[value] = sorted(self._seed.get(value, EMPTY))
        return found

    @staticmethod
    def build(pairs: Iterable[tuple[int, Iterable[Any]]]) -> dict[Hashable, frozenset[int]]:
        built: dict[Hashable, set[int]] = {}
        for record_id, values in pairs:
            for value in values:
                built.setdefault(value, set()).add(record_id)
        return {value: frozenset(ids) for value, ids in built.items()}

    def get(self, value: Hashable) -> frozenset[int] | set[int]:
        seeded = self._seed.get(value, EMPTY)
        added = self._added.get(value)
        removed = self._removed.get(value)
        if not added and not removed:
            return seeded
        result = set(seeded)
        if removed:
            result -= removed
        if added:
            result |= added
        return result

    def add(self, value: Hashable, record_id: int) -> None:
        removed = self._removed.get(value)
        if removed is not None and record_id in removed:
            removed.discard(record_id)
        if record_id not in self._seed.get(value, EMPTY):
            self._added.setdefault(value, set()).add(record_id)

    def add_new(self, value: Hashable, record_id: int) -> None:
        """``add`` for an id the seed never held: no seed entry or removal to look at."""
        added = self._added.get(value)
        if added is None:
            self._added[value] = {record_id}
        else:
            added.add(record_id)

    def remove(self, value: Hashable, record_id: int) -> None:
        added = self._added.get(value)
        if added is not None:
            added.discard(record_id)
        if record_id in self._seed.get(value, EMPTY):
            self._removed.setdefault(value, set()).add(record_id)

    def reset(self) -> object:
        retired = (self._added, self._removed)
        self._added = {}
        self._removed = {}
        return retired


class WordIndex(MultiIndex):
    """word -> ids, plus the sorted vocabulary, so that ``prefixed("mu")`` finds "mug" and "mustard"."""

    __slots__ = ("_new_words", "_vocabulary")

    def __init__(self, seed: Mapping[Hashable, frozenset[int]], vocabulary: list[str]) -> None:
        super().__init__(seed)
        self._vocabulary = vocabulary  # sorted, shared with the seed
        self._new_words: list[str] = []  # sorted, words first seen after the seed

    def add(self, value: Hashable, record_id: int) -> None:
        assert isinstance(value, str)
        if value not in self._seed and value not in self._added:
            bisect.insort(self._new_words, value)
        super().add(value, record_id)

    def add_new(self, value: Hashable, record_id: int) -> None:
        assert isinstance(value, str)
        if value not in self._seed and value not in self._added:
            bisect.insort(self._new_words, value)
        super().add_new(value, record_id)

    def prefixed(self, prefix: str) -> set[int] | frozenset[int]:
        """The ids filed under any word starting with ``prefix`` (do not change what it returns)."""
        postings: list[set[int] | frozenset[int]] = []
        for vocabulary in (self._vocabulary, self._new_words) if self._new_words else (self._vocabulary,):
            start = bisect.bisect_left(vocabulary, prefix)
            for position in range(start, len(vocabulary)):
                word = vocabulary[position]
                if not word.startswith(prefix):
                    break
                postings.append(self.get(word))
        if len(postings) == 1:
            return postings[0]  # one word: its posting as it is, no copy
        return set().union(*postings) if postings else EMPTY

    def reset(self) -> object:
        retired = (super().reset(), self._new_words)
        self._new_words = []
        return retired
