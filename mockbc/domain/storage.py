"""How a resource is stored, declared next to its record: its table, indexes, id sequence
and what happens to it when a record it refers to is deleted.

Each domain module lists its tables in a module-level ``TABLES``; ``mockbc.store.schema``
collects them, and ``Store`` builds, maintains and resets everything declared here. Adding
a resource never edits the store.

Example (``domain/brands.py``)::

    TABLES = (
        TableSpec("brands", Brand, indexes=(Index("name", lambda b: b.name.casefold(), unique=True),)),
    )
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

OnDelete = Literal["cascade", "clear", "restrict"]


@dataclass(frozen=True, slots=True)
class Index:
    """A lookup the table keeps current on every write.

    - ``unique``: ``key(record)`` -> that record's id (``None`` keys are not indexed).
    - ``multi``: ``key(record)`` returns several values (a product's categories); each maps to the record.
    - ``words``: ``key(record)`` returns texts; each word maps to the record, and words can be
      looked up by prefix (keyword search).
    - otherwise: ``key(record)`` -> the ids of every record with that value.
    """

    name: str
    key: Callable[[Any], Any]
    unique: bool = False
    multi: bool = False
    words: bool = False


@dataclass(frozen=True, slots=True)
class Reference:
    """This table's ``index`` holds ids of ``target`` records; ``on_delete`` says what a delete
    of the target does to the records that refer to it.

    - ``cascade``: they are deleted too (and what refers to them, in turn);
    - ``clear``: ``clear(record, target_id)`` gives the record without the reference;
    - ``restrict``: the delete is refused while any record refers to the target.
    """

    index: str
    target: str
    on_delete: OnDelete
    clear: Callable[[Any, int], Any] | None = None


@dataclass(frozen=True, slots=True)
class TableSpec:
    name: str
    record: type
    indexes: tuple[Index, ...] = ()
    references: tuple[Reference, ...] = ()
    # The id sequence new records take their ids from; tables may share one (options and
    # their values draw from one sequence, as upstream ids do).
    sequence: str | None = None
    # Ids a record holds besides its own, which the sequence must skip (option value ids).
    inner_ids: Callable[[Any], Iterable[int]] | None = None
    # The resource name events and errors use ("product" for table "products").
    resource: str = ""

    @property
    def sequence_name(self) -> str:
        return self.sequence or self.name

    @property
    def resource_name(self) -> str:
        return self.resource or self.name.removesuffix("s")
