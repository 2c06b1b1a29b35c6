"""A keyed table whose seed is shared and immutable and whose writes live in an overlay, with
the indexes its ``TableSpec`` declares kept current on every ``put`` and ``delete``.

``reset()`` drops the overlays, so putting a store back to its seed costs the same whether it
holds ten records or ten thousand. What the overlays held is handed to ``retire`` (the store's
reaper), so freeing it happens off the request path.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from mockbc.domain.storage import Index, TableSpec
from mockbc.store.indexes import MultiIndex, UniqueIndex, WordIndex, words

K = TypeVar("K")
V = TypeVar("V")

_DELETED: Any = object()
AnyIndex = UniqueIndex | MultiIndex | WordIndex


class WriteCount:
    """How many writes the tables sharing it have taken: a cache of answers computed from them
    is current while the count it was made at still is."""

    __slots__ = ("n",)

    def __init__(self) -> None:
        self.n = 0


def _values(index: Index, record: object) -> Iterable[Hashable]:
    """What ``index`` files ``record`` under: one value, several, or its words."""
    key = index.key(record)
    if index.words:
        return words(key)
    if index.multi:
        return key  # type: ignore[no-any-return]
    return () if key is None else (key,)


@dataclass(frozen=True, slots=True)
class SeedTable:
    """One table's seed records and its indexes over them, built once per seed."""

    records: Mapping[Any, Any]
    indexes: Mapping[str, Any]  # name -> the index's frozen seed part

    @staticmethod
    def build(spec: TableSpec, records: Mapping[Any, Any]) -> SeedTable:
        built: dict[str, Any] = {}
        for index in spec.indexes:
            if index.unique:
                built[index.name] = UniqueIndex.build((rid, index.key(r)) for rid, r in records.items())
            else:
                seed = MultiIndex.build((rid, _values(index, r)) for rid, r in records.items())
                built[index.name] = (seed, sorted(seed)) if index.words else seed  # type: ignore[type-var]
        return SeedTable(records=records, indexes=built)


def _index_from(index: Index, seed: Any) -> AnyIndex:
    if index.unique:
        return UniqueIndex(seed)
    if index.words:
        return WordIndex(*seed)
    return MultiIndex(seed)


class Table(Generic[K, V]):
    """Records by id. ``values()`` yields them in id order (new ids only ever grow)."""

    __slots__ = (
        "_count", "_declared", "_dirty", "_indexes", "_inserts", "_overlay", "_retire", "_seed", "_writes", "spec",
    )  # fmt: skip

    def __init__(
        self,
        spec: TableSpec,
        seed: SeedTable | None = None,
        *,
        retire: Callable[[object], None] | None = None,
        writes: WriteCount | None = None,
    ) -> None:
        seed = seed or SeedTable.build(spec, {})
        self._writes = writes if writes is not None else WriteCount()
        self.spec = spec
        self._seed: Mapping[K, V] = seed.records
        self._overlay: dict[K, Any] = {}
        self._count = len(self._seed)
        self._declared: tuple[Index, ...] = spec.indexes
        self._indexes: dict[str, AnyIndex] = {
            index.name: _index_from(index, seed.indexes[index.name]) for index in spec.indexes
        }
        self._retire = retire
        self._dirty = False
        # For the common write, a new record: (key function, how it files, its index), looked up once.
        self._inserts = tuple(
            (index.key, "words" if index.words else "multi" if index.multi else "one", self._indexes[index.name])
            for index in spec.indexes
        )

    # -- records

    def get(self, key: K) -> V | None:
        value = self._overlay.get(key)
        if value is None:
            return self._seed.get(key)
        if value is _DELETED:
            return None
        return value  # type: ignore[no-any-return]

    def require(self, key: K) -> V:
        """The record with ``key``, which the caller knows exists (an index named it)."""
        value = self.get(key)
        if value is None:
            raise KeyError(f"{self.spec.name} has no record {key!r}")
        return value

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None  # type: ignore[arg-type]

    def __len__(self) -> int:
        return self._count

    def put(self, key: K, value: V) -> None:
        old = self.get(key)
        self._dirty = True
        self._writes.n += 1
        if old is None:
            self._count += 1
            if key not in self._seed:
                # A new id (the common write): nothing to unfile, and no seed entry to check.
                for key_of, files, found in self._inserts:
                    indexed = key_of(value)
                    if files == "one":
                        if indexed is not None:
                            found.add_new(indexed, key)  # type: ignore[arg-type]
                    else:
                        for part in words(indexed) if files == "words" else indexed:
                            found.add_new(part, key)  # type: ignore[arg-type]
                self._overlay[key] = value
                return
        for index in self._declared:
            self._reindex(index, key, old, value)
        self._overlay[key] = value

    def delete(self, key: K) -> bool:
        old = self.get(key)
        if old is None:
            return False
        self._dirty = True
        self._writes.n += 1
        self._count -= 1
        for index in self._declared:
            self._reindex(index, key, old, None)
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
                yield current
        for key, value in overlay.items():
            if value is not _DELETED and key not in self._seed:
                yield value

    def __iter__(self) -> Iterator[V]:
        return self.values()

    def in_order(self, keys: Iterable[K]) -> list[V | None]:
        """``[get(k) for k in keys]``, with the lookups bound once (a page of a list is read so)."""
        overlay_get, seed_get, deleted = self._overlay.get, self._seed.get, _DELETED
        if not self._overlay:
            return [seed_get(key) for key in keys]
        out: list[V | None] = []
        for key in keys:
            value = overlay_get(key)
            if value is None:
                out.append(seed_get(key))
            else:
                out.append(None if value is deleted else value)
        return out

    def many(self, keys: Iterable[K]) -> list[V]:
        """The records with these keys, in key order; unknown keys are skipped."""
        found = (self.get(key) for key in sorted(keys))  # type: ignore[type-var]
        return [record for record in found if record is not None]

    # -- indexes

    def unique(self, index: str, value: Hashable) -> K | None:
        """The id holding ``value`` in a unique index."""
        return self._indexes[index].get(value)  # type: ignore[return-value]

    def lookup(self, index: str, value: Hashable) -> frozenset[K] | set[K]:
        """The ids filed under ``value`` in a (non-unique) index."""
        found = self._indexes[index]
        if isinstance(found, UniqueIndex):
            owner = found.get(value)
            return set() if owner is None else {owner}  # type: ignore[arg-type]
        return found.get(value)  # type: ignore[return-value]

    def lookup_sorted(self, index: str, value: Hashable) -> list[K]:
        """``sorted(lookup(index, value))``, the seed's part sorted once."""
        found = self._indexes[index]
        if isinstance(found, UniqueIndex):
            return sorted(self.lookup(index, value))  # type: ignore[type-var]
        return found.sorted_ids(value)  # type: ignore[return-value]

    def prefixed(self, index: str, prefix: str) -> set[K] | frozenset[K]:
        """The ids of records with a word starting with ``prefix`` (a ``words`` index)."""
        found: WordIndex = self._indexes[index]  # type: ignore[assignment]  # declared words=True
        return found.prefixed(prefix)  # type: ignore[return-value]

    def _reindex(self, index: Index, key: K, old: V | None, new: V | None) -> None:
        before = index.key(old) if old is not None else None
        after = index.key(new) if new is not None else None
        if old is not None and new is not None and before == after:
            return
        found = self._indexes[index.name]
        if old is not None:
            for value in _values(index, old):
                found.remove(value, key)  # type: ignore[arg-type]
        if new is not None:
            for value in _values(index, new):
                found.add(value, key)  # type: ignore[arg-type]

    # -- reset

    def reset(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        self._writes.n += 1
        retired = [self._overlay, *(index.reset() for index in self._indexes.values())]
        self._overlay = {}
        self._count = len(self._seed)
        if self._retire is not None:
            self._retire(retired)
