"""One tenant's data: a table per declared resource, their id sequences, a clock, and the
events its writes emit.

Nothing here names a resource: the tables, indexes, sequences and cascades all come from
the ``TABLES`` declarations in ``mockbc.domain`` (``mockbc.store.schema``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from mockbc.domain.clock import Clock, SystemClock
from mockbc.domain.events import Action, Event
from mockbc.domain.limits import Limits
from mockbc.domain.storage import TableSpec
from mockbc.store import schema
from mockbc.store.table import SeedTable, Table, WriteCount

Listener = Callable[[Event], None]
RecordId = int | str  # records are keyed by integer ids, but for carts' UUIDs
_SERIALS = itertools.count(1)  # one per Store made in this process: a dropped store's state never matches a new one's


class IdSequence:
    """Hands out ids after the highest seeded one; ``reset()`` rewinds it."""

    __slots__ = ("_first", "_next")

    def __init__(self, first: int = 1) -> None:
        self._first = first
        self._next = first

    def take(self) -> int:
        value = self._next
        self._next += 1
        return value

    @property
    def last(self) -> int | None:
        """The id handed out last, or ``None`` before the first."""
        return None if self._next == self._first else self._next - 1

    def claim(self, value: int) -> None:
        """An id given explicitly (a fixture's): later ids come after it."""
        if value >= self._next:
            self._next = value + 1

    def reset(self) -> None:
        self._next = self._first


class Seed:
    """The frozen starting point a store returns to on reset: records per table name.

    Example::

        Seed()                                   # an empty store
        Seed({"brands": {1: Brand(id=1, ...)}})
    """

    def __init__(self, tables: Mapping[str, Mapping[int, Any]] | None = None) -> None:
        self.records: dict[str, dict[int, Any]] = {name: dict(rows) for name, rows in (tables or {}).items()}
        self._built: dict[str, SeedTable] = {}

    def table(self, spec: TableSpec) -> SeedTable:
        """The seed of one table with its indexes, built on first use and shared by every store."""
        built = self._built.get(spec.name)
        if built is None:
            built = self._built[spec.name] = SeedTable.build(spec, self.records.get(spec.name, {}))
        return built

    def __len__(self) -> int:
        return sum(len(rows) for rows in self.records.values())

    def __getattr__(self, name: str) -> dict[int, Any]:
        # seed.products and the like: the records of a declared table (empty when it has none).
        if name in {spec.name for spec in schema.tables()}:
            return self.__dict__["records"].get(name, {})  # type: ignore[no-any-return]
        raise AttributeError(f"seed has no table or attribute {name!r}")


class Restricted(Exception):
    """A delete refused because other records still refer to the doomed ones."""

    def __init__(self, table: str, ids: list[int], holders: str) -> None:
        super().__init__(f"{table} {ids} are still referred to by {holders}")
        self.table, self.ids, self.holders = table, ids, holders


class Store:
    """A BigCommerce store as the mock holds it.

    Example::

        store = Store("abc123", Seed())
        store.products.get(1)   # -> Product | None (every declared table is an attribute)
        store.reset()           # back to the seed, O(1)
    """

    def __init__(
        self,
        store_hash: str,
        seed: Seed,
        *,
        clock: Clock | None = None,
        fixtures: str = "empty",
        limits: Limits | None = None,
        broadcast: list[Listener] | None = None,
        retire: Callable[[object], None] | None = None,
    ) -> None:
        self.store_hash = store_hash
        self.fixtures = fixtures
        self.clock: Clock = clock or SystemClock()
        self.limits = limits or Limits()
        self.seed = seed
        self.listeners: list[Listener] = []
        # The registry's listeners, which hear every store (shared, not copied).
        self._broadcast: list[Listener] = broadcast if broadcast is not None else []
        self._retire = retire
        specs = schema.tables()
        # Every write to any table counts here; with ``serial`` it names the store's state exactly.
        self.writes = WriteCount()
        self.serial = next(_SERIALS)
        self.tables: dict[str, Table[Any, Any]] = {
            spec.name: Table(spec, seed.table(spec), retire=retire, writes=self.writes) for spec in specs
        }
        # store.products and the like as plain attributes: read on every request, so no __getattr__.
        clash = set(self.tables) & (set(self.__dict__) | set(dir(type(self))))
        if clash:
            raise LookupError(f"table names {sorted(clash)} clash with attributes of Store")
        self.__dict__.update(self.tables)
        firsts: dict[str, int] = {}
        for spec in specs:
            rows = seed.records.get(spec.name, {})
            highest = max((key for key in rows if isinstance(key, int)), default=0)  # carts are keyed by UUID
            if spec.inner_ids is not None:
                highest = max([highest, *(i for row in rows.values() for i in spec.inner_ids(row))])
            firsts[spec.sequence_name] = max(firsts.get(spec.sequence_name, 1), highest + 1)
        self.sequences = {name: IdSequence(first) for name, first in firsts.items()}
        # Holders of each table: (spec of the referring table, its reference), for deletes.
        self._holders: dict[str, list[tuple[TableSpec, Any]]] = {}
        for spec in specs:
            for reference in spec.references:
                self._holders.setdefault(reference.target, []).append((spec, reference))
        # Wire renderings of records, by view and id, kept with the exact record they were made
        # from; records are immutable, so an identity check proves one is current.
        self.rendered: dict[str, dict[int, tuple[Any, Any]]] = {}

    def __getattr__(self, name: str) -> Table[Any, Any]:
        # Only called for names that are not attributes: the declared tables.
        try:
            return self.__dict__["tables"][name]  # type: ignore[no-any-return]
        except KeyError:
            raise AttributeError(f"store has no table or attribute {name!r}") from None

    def table(self, name: str) -> Table[Any, Any]:
        return self.tables[name]

    def next_id(self, table: str) -> int:
        return self.sequences[self.tables[table].spec.sequence_name].take()

    def sequence(self, name: str) -> IdSequence:
        return self.sequences[name]

    # -- events

    def emit(self, resource: str, action: Action, record_id: int) -> None:
        if self.listeners or self._broadcast:
            event = Event(self.store_hash, resource, action, record_id)
            for listener in [*self.listeners, *self._broadcast]:
                listener(event)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(event)`` after every change; returns the function that unsubscribes."""
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener)

    # -- writes that follow the declared references

    def doomed(self, table: str, ids: Iterable[RecordId]) -> dict[str, set[Any]]:
        """What deleting ``ids`` from ``table`` deletes, cascades included; raises ``Restricted``
        when a record outside that set still refers to one inside it."""
        doomed: dict[str, set[Any]] = {}
        pending = [(table, record_id) for record_id in ids if self.tables[table].get(record_id) is not None]
        while pending:
            name, record_id = pending.pop()
            if record_id in doomed.setdefault(name, set()):
                continue
            doomed[name].add(record_id)
            for spec, reference in self._holders.get(name, ()):
                if reference.on_delete == "cascade":
                    pending.extend((spec.name, h) for h in self.tables[spec.name].lookup(reference.index, record_id))
        for name, ids_doomed in doomed.items():
            for spec, reference in self._holders.get(name, ()):
                if reference.on_delete != "restrict":
                    continue
                holders = self.tables[spec.name]
                held = sorted(
                    record_id
                    for record_id in ids_doomed
                    if any(h not in doomed.get(spec.name, ()) for h in holders.lookup(reference.index, record_id))
                )
                if held:
                    raise Restricted(name, held, spec.name)
        return doomed

    def delete(self, table: str, ids: Iterable[RecordId]) -> dict[str, set[Any]]:
        """Delete ``ids`` and everything that cascades from them, all or nothing; returns what went."""
        doomed = self.doomed(table, ids)
        for name, ids_doomed in doomed.items():
            for spec, reference in self._holders.get(name, ()):
                if reference.on_delete != "clear":
                    continue
                holders = self.tables[spec.name]
                for record_id in ids_doomed:
                    for holder_id in sorted(holders.lookup(reference.index, record_id)):
                        if holder_id in doomed.get(spec.name, ()):
                            continue
                        holders.put(holder_id, reference.clear(holders.get(holder_id), record_id))
                        self.emit(spec.resource_name, "updated", holder_id)
        # What refers to a record goes before it (a product's variants, then the product).
        for name, ids_doomed in reversed(doomed.items()):
            target = self.tables[name]
            for record_id in sorted(ids_doomed):
                target.delete(record_id)
                self.emit(target.spec.resource_name, "deleted", record_id)
        return doomed

    # -- whole store

    def snapshot(self) -> Seed:
        """The store's current records as a seed (how fixtures become a frozen baseline)."""
        # In id order: a table reads its seed in insertion order and its answers promise id order
        # (fixtures give ids of their own, in any order).
        return Seed(
            {name: {r.id: r for r in sorted(table.values(), key=lambda r: r.id)} for name, table in self.tables.items()}
        )

    def reset(self) -> None:
        """Put the store back to its seed. Costs the same whatever the store holds."""
        for table in self.tables.values():
            table.reset()
        for sequence in self.sequences.values():
            sequence.reset()
        if self.rendered:
            retired, self.rendered = self.rendered, {}
            if self._retire is not None:
                self._retire(retired)
