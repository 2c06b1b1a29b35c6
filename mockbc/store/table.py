"""A keyed table whose seed is shared and immutable and whose writes live in an overlay.

``reset()`` drops the overlay, so putting a store back to its seed costs the same
whether it holds ten records or ten thousand.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

_DELETED: object = object()


class Table(Generic[K, V]):
    __slots__ = ("_seed", "_overlay", "_count")

    def __init__(self, seed: Mapping[K, V] | None = None) -> None:
        self._seed: Mapping[K, V] = dict(seed or {})
        self._overlay: dict[K, object] = {}
        self._count = len(self._seed)

    def reset(self) -> None:
        self._overlay = {}
        self._count = len(self._seed)

    def get(self, key: K) -> V | None:
        value = self._overlay.get(key, None)
        if value is None:
            return self._seed.get(key)
        if value is _DELETED:
            return None
        return value  # type: ignore[return-value]

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None  # type: ignore[arg-type]

    def __len__(self) -> int:
        return self._count

    def put(self, key: K, value: V) -> None:
        if self.get(key) is None:
            self._count += 1
        self._overlay[key] = value

    def delete(self, key: K) -> bool:
        if self.get(key) is None:
            return False
        self._count -= 1
        if key in self._seed:
            self._overlay[key] = _DELETED
        else:
            del self._overlay[key]
        return True

    def values(self) -> Iterator[V]:
        """Records in key order, assuming new keys sort after seeded ones (ids only grow)."""
        overlay = self._overlay
        for key, value in self._seed.items():
            current = overlay.get(key, value)
            if current is not _DELETED:
                yield current  # type: ignore[misc]
        for key, value in overlay.items():
            if value is not _DELETED and key not in self._seed:
                yield value  # type: ignore[misc]

    def __iter__(self) -> Iterator[V]:
        return self.values()
