"""Table: an immutable seed under a write overlay, with O(1) reset."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockbc.domain.storage import TableSpec
from mockbc.store.table import SeedTable, Table

PLAIN = TableSpec("plain", str)


def table_of(seed: Mapping[Any, Any] | None = None) -> Table[Any, Any]:
    return Table(PLAIN, SeedTable.build(PLAIN, dict(seed or {})))


def seeded() -> Table[int, str]:
    return table_of({1: "one", 2: "two", 3: "three"})


def test_get_reads_the_seed() -> None:
    table = seeded()

    assert (table.get(1), table.get(3), table.get(4)) == ("one", "three", None)
    assert 2 in table and 4 not in table
    assert len(table) == 3


def test_empty_table() -> None:
    table: Table[int, str] = Table(PLAIN)

    assert len(table) == 0
    assert list(table.values()) == []
    assert table.get(1) is None
    assert table.delete(1) is False


def test_put_new_key_adds_and_counts() -> None:
    table = seeded()

    table.put(4, "four")

    assert table.get(4) == "four"
    assert len(table) == 4
    assert list(table.values()) == ["one", "two", "three", "four"]


def test_put_existing_seed_key_replaces_in_place_without_counting() -> None:
    table = seeded()

    table.put(2, "TWO")

    assert table.get(2) == "TWO"
    assert len(table) == 3
    assert list(table.values()) == ["one", "TWO", "three"]


def test_put_existing_overlay_key_replaces_without_counting() -> None:
    table = seeded()
    table.put(4, "four")

    table.put(4, "FOUR")

    assert len(table) == 4
    assert list(table.values()) == ["one", "two", "three", "FOUR"]


def test_delete_seed_key_hides_it() -> None:
    table = seeded()

    assert table.delete(2) is True

    assert table.get(2) is None
    assert 2 not in table
    assert len(table) == 2
    assert list(table.values()) == ["one", "three"]
    assert table.delete(2) is False
    assert len(table) == 2


def test_delete_overlay_key_removes_it() -> None:
    table = seeded()
    table.put(4, "four")

    assert table.delete(4) is True

    assert table.get(4) is None
    assert len(table) == 3
    assert list(table.values()) == ["one", "two", "three"]


def test_delete_unknown_key_changes_nothing() -> None:
    table = seeded()

    assert table.delete(9) is False
    assert len(table) == 3


def test_put_after_delete_of_seed_key_restores_its_place() -> None:
    table = seeded()
    table.delete(2)

    table.put(2, "again")

    assert len(table) == 3
    assert list(table.values()) == ["one", "again", "three"]


def test_values_keep_seed_order_then_new_keys_in_insertion_order() -> None:
    table = seeded()
    table.put(10, "ten")
    table.put(5, "five")
    table.put(1, "ONE")
    table.delete(3)

    assert list(table.values()) == ["ONE", "two", "ten", "five"]
    assert list(table) == list(table.values())


def test_reset_drops_every_write() -> None:
    table = seeded()
    table.put(1, "ONE")
    table.put(4, "four")
    table.delete(2)

    table.reset()

    assert list(table.values()) == ["one", "two", "three"]
    assert len(table) == 3
    assert table.get(4) is None


def test_seed_is_copied_and_never_written() -> None:
    seed = {1: "one", 2: "two"}
    table = table_of(seed)
    table.put(1, "ONE")
    table.put(3, "three")
    table.delete(2)
    seed[4] = "four"

    assert seed == {1: "one", 2: "two", 4: "four"}
    assert table.get(4) is None
    table.reset()
    assert list(table.values()) == ["one", "two"]


def test_two_tables_over_one_seed_are_independent() -> None:
    seed = {1: "one"}
    first, second = table_of(seed), table_of(seed)

    first.put(1, "changed")
    first.delete(1)
    second.put(2, "two")

    assert (first.get(1), second.get(1)) == (None, "one")
    assert (len(first), len(second)) == (0, 2)


def test_values_while_writing_sees_a_consistent_count() -> None:
    table = seeded()
    for key in range(4, 104):
        table.put(key, str(key))
    for key in range(4, 54):
        table.delete(key)

    assert len(table) == len(list(table.values())) == 53


def test_string_keys_work_as_an_index() -> None:
    index: Table[str, int] = table_of({"mug": 1})
    index.delete("mug")
    index.put("cup", 2)

    assert (index.get("mug"), index.get("cup"), len(index)) == (None, 2, 1)
