"""The request journal's bounds: entries, bytes, and what a big body leaves behind."""

from __future__ import annotations

from datetime import UTC, datetime

from mockbc.store.journal import Journal, JournalEntry

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def entry(n: int, *, store: str = "s1", status: int = 200, size: int = 0, body: object = None) -> JournalEntry:
    return JournalEntry("GET", f"/stores/{store}/v3/x/{n}", "", status, store, NOW, body=body, body_size=size)


def test_entries_are_numbered_in_order() -> None:
    journal = Journal()
    for n in range(3):
        journal.record(entry(n))

    assert [e.seq for e in journal] == [1, 2, 3]
    assert journal.last_seq == 3


def test_oldest_entries_go_past_the_entry_bound() -> None:
    journal = Journal(max_entries=3)
    for n in range(5):
        journal.record(entry(n))

    assert [e.seq for e in journal] == [3, 4, 5]
    assert len(journal) == 3


def test_oldest_entries_go_past_the_byte_bound() -> None:
    journal = Journal(max_bytes=10_000)
    for n in range(100):
        journal.record(entry(n, size=500, body={"n": n}))

    assert journal.bytes <= 10_000
    assert 0 < len(journal) < 100
    assert journal[-1].seq == 100


def test_clear_empties_but_keeps_numbering() -> None:
    journal = Journal()
    journal.record(entry(1))
    journal.clear()
    journal.record(entry(2))

    assert (len(journal), journal.bytes > 0, journal[0].seq) == (1, True, 2)


def test_select_pages_by_since_and_limit_and_filters() -> None:
    journal = Journal()
    for n in range(10):
        journal.record(entry(n, store="a" if n % 2 else "b", status=404 if n == 7 else 200))

    assert [e.seq for e in journal.select(limit=3)] == [1, 2, 3]
    assert [e.seq for e in journal.select(since=3, limit=3)] == [4, 5, 6]
    assert [e.seq for e in journal.select(store_hash="a")] == [2, 4, 6, 8, 10]
    assert [e.seq for e in journal.select(status=404)] == [8]
    assert journal.select(since=10) == []
