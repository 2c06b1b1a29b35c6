"""The store built from declarations: indexes kept on every write and reset in O(1), filters
that read only their candidates, cascading deletes, the reaper, and account uniqueness."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import pytest

from mockbc.domain.query import Condition, Filter
from mockbc.domain.storage import Index, Reference, TableSpec
from mockbc.store.indexes import MultiIndex, UniqueIndex, WordIndex, words
from mockbc.store.reaper import Reaper
from mockbc.store.registry import AccountExists, StoreRegistry
from mockbc.store.select import select
from mockbc.store.store import Restricted, Seed, Store
from mockbc.store.table import SeedTable, Table


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    tags: tuple[str, ...] = ()
    owner: int = 0


ITEMS = TableSpec(
    "items",
    Item,
    indexes=(
        Index("name", lambda i: i.name.casefold(), unique=True),
        Index("tags", lambda i: i.tags, multi=True),
        Index("owner", lambda i: i.owner),
        Index("words", lambda i: (i.name,), words=True),
    ),
)


def items(*records: Item) -> Table[int, Item]:
    return Table(ITEMS, SeedTable.build(ITEMS, {r.id: r for r in records}))


SEEDED = (Item(1, "Travel Mug", ("kitchen",), 7), Item(2, "Tea Pot", ("kitchen", "tea"), 7), Item(3, "Desk Lamp"))


# --- indexes ------------------------------------------------------------------------


def test_words_are_casefolded_runs_of_letters_and_digits() -> None:
    assert words(["Travel Mug", "MUG-01", ""]) == {"travel", "mug", "01"}


def test_unique_index_follows_puts_deletes_and_reset() -> None:
    table = items(*SEEDED)
    table.put(1, replace(SEEDED[0], name="Camping Mug"))
    table.put(4, Item(4, "Travel Mug"))
    table.delete(3)

    assert (
        table.unique("name", "camping mug"),
        table.unique("name", "travel mug"),
        table.unique("name", "desk lamp"),
    ) == (1, 4, None)
    table.reset()
    assert (
        table.unique("name", "travel mug"),
        table.unique("name", "desk lamp"),
        table.unique("name", "camping mug"),
    ) == (1, 3, None)


def test_multi_index_follows_writes_and_reset() -> None:
    table = items(*SEEDED)
    table.put(2, replace(SEEDED[1], tags=("tea",)))
    table.put(5, Item(5, "Mug Rack", ("kitchen",)))

    assert set(table.lookup("tags", "kitchen")) == {1, 5}
    assert set(table.lookup("owner", 7)) == {1, 2}
    table.delete(1)
    assert set(table.lookup("tags", "kitchen")) == {5} and set(table.lookup("owner", 7)) == {2}
    table.reset()
    assert set(table.lookup("tags", "kitchen")) == {1, 2}


def test_a_record_deleted_and_put_back_is_indexed_again() -> None:
    table = items(*SEEDED)
    table.delete(2)
    table.put(2, SEEDED[1])

    assert set(table.lookup("tags", "tea")) == {2} and table.unique("name", "tea pot") == 2


def test_word_index_finds_prefixes_of_seeded_and_new_words() -> None:
    table = items(*SEEDED)
    table.put(4, Item(4, "Mustard Jar"))

    assert table.prefixed("words", "mu") == {1, 4}
    assert table.prefixed("words", "t") == {1, 2}
    assert table.prefixed("words", "zz") == set()
    table.reset()
    assert table.prefixed("words", "mu") == {1}


def test_index_parts_return_what_they_drop_on_reset() -> None:
    unique, multi, word = UniqueIndex({}), MultiIndex({}), WordIndex({}, [])
    unique.add("a", 1)
    multi.add("a", 1)
    word.add("mug", 1)

    assert unique.reset() == {"a": 1} and unique.get("a") is None
    assert multi.reset() == ({"a": {1}}, {}) and multi.get("a") == frozenset()
    assert word.get("mug") == {1}
    word.reset()
    assert word.get("mug") == frozenset() and word.prefixed("m") == set()


# --- select -------------------------------------------------------------------------


class Counting:
    def __init__(self) -> None:
        self.reads = 0

    def name(self, item: Item) -> str:
        self.reads += 1
        return item.name


def test_an_indexed_condition_reads_only_its_candidates() -> None:
    many = [Item(n, f"Item {n}", ("even",) if n % 2 == 0 else (), n % 10) for n in range(1, 1001)]
    table = items(*many)
    counter = Counting()
    filters = {
        "name": Filter(get=counter.name, index="name", normalise=str.casefold),
        "owner": Filter(get=lambda i: i.owner, index="owner"),
        "tags": Filter(get=lambda i: i.tags, index="tags"),
    }

    found = select(table, [Condition("name", "eq", "Item 42")], filters)
    assert [i.id for i in found] == [42] and counter.reads == 1  # the one candidate is checked for case

    found = select(table, [Condition("owner", "in", [3]), Condition("tags", "eq", "even")], filters)
    assert list(found) == [] and counter.reads == 1

    found = select(table, [Condition("owner", "eq", 4), Condition("name", "like", "item 1")], filters)
    assert [i.id for i in found] == [n for n in range(4, 1001, 10) if str(n).startswith("1")]
    assert counter.reads == 1 + 100  # only the 100 records of owner 4 were read


def test_a_name_lookup_is_exact_about_case() -> None:
    table = items(*SEEDED)
    filters = {"name": Filter(get=lambda i: i.name, index="name", normalise=str.casefold)}

    assert [i.id for i in select(table, [Condition("name", "eq", "Travel Mug")], filters)] == [1]
    assert list(select(table, [Condition("name", "eq", "travel mug")], filters)) == []


def test_rows_load_only_the_page_they_are_sliced_to() -> None:
    reads: list[int] = []

    class CountingTable(Table[int, Item]):
        def get(self, key: int) -> Item | None:
            reads.append(key)
            return super().get(key)

        def in_order(self, keys: Iterable[int]) -> list[Item | None]:
            wanted = list(keys)
            reads.extend(wanted)
            return super().in_order(wanted)

    table = CountingTable(ITEMS, SeedTable.build(ITEMS, {n: Item(n, f"Item {n}", (), n % 10) for n in range(1, 1001)}))
    rows = select(table, [Condition("owner", "eq", 4)], {"owner": Filter(get=lambda i: i.owner, index="owner")})

    assert len(rows) == 100 and reads == []
    assert [i.id for i in rows[10:13]] == [104, 114, 124] and reads == [104, 114, 124]
    assert [i.id for i in rows.reversed()[:2]] == [994, 984]
    assert rows[-1].id == 994


def test_rows_of_a_whole_table_page_without_an_id_list() -> None:
    table = items(*SEEDED)
    rows = select(table, [], {})

    assert len(rows) == 3 and [i.id for i in rows[1:]] == [2, 3] and [i.id for i in rows.reversed()] == [3, 2, 1]


def test_a_custom_lookup_of_none_constrains_nothing() -> None:
    table = items(*SEEDED)
    filters = {"q": Filter(candidates=lambda store, condition: None)}

    assert [i.id for i in select(table, [Condition("q", "eq", "")], filters)] == [1, 2, 3]


# --- cascades -----------------------------------------------------------------------


@dataclass(frozen=True)
class Parent:
    id: int
    name: str


@dataclass(frozen=True)
class Child:
    id: int
    parent_id: int
    friend_id: int = 0


@dataclass(frozen=True)
class Pin:
    id: int
    parent_id: int


def make_store(monkeypatch: pytest.MonkeyPatch) -> Store:
    specs = (
        TableSpec("parents", Parent),
        TableSpec(
            "children", Child,
            indexes=(Index("parent_id", lambda c: c.parent_id), Index("friend_id", lambda c: c.friend_id)),
            references=(
                Reference("parent_id", "parents", "cascade"),
                Reference("friend_id", "parents", "clear", clear=lambda c, _: replace(c, friend_id=0)),
            ),
        ),
        TableSpec("pins", Pin, indexes=(Index("parent_id", lambda p: p.parent_id),),
                  references=(Reference("parent_id", "parents", "restrict"),)),
    )  # fmt: skip
    monkeypatch.setattr("mockbc.store.schema.tables", lambda: specs)
    seed = Seed({
        "parents": {1: Parent(1, "a"), 2: Parent(2, "b"), 3: Parent(3, "c")},
        "children": {10: Child(10, 1, friend_id=2), 11: Child(11, 2, friend_id=1), 12: Child(12, 3)},
        "pins": {20: Pin(20, 3)},
    })  # fmt: skip
    return Store("cascade", seed)


def test_delete_cascades_and_clears_and_emits(monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store(monkeypatch)
    seen: list[str] = []
    store.subscribe(lambda e: seen.append(f"{e.resource}:{e.action}:{e.id}"))

    gone = store.delete("parents", [1])

    assert gone == {"parents": {1}, "children": {10}}
    assert store.children.get(10) is None and store.children.get(11) == Child(11, 2, friend_id=0)
    assert seen == ["children:updated:11", "children:deleted:10", "parent:deleted:1"]


def test_restrict_refuses_the_whole_delete(monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store(monkeypatch)

    with pytest.raises(Restricted) as refused:
        store.delete("parents", [2, 3])

    assert (refused.value.table, refused.value.ids, refused.value.holders) == ("parents", [3], "pins")
    assert store.parents.get(2) is not None and store.children.get(11) is not None


def test_ids_follow_the_seed_and_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store(monkeypatch)
    store.sequence("parents").claim(40)

    assert store.next_id("parents") == 41
    store.reset()
    assert store.next_id("parents") == 4


# --- the reaper ---------------------------------------------------------------------


def test_reset_hands_the_overlays_to_the_reaper_which_frees_them(monkeypatch: pytest.MonkeyPatch) -> None:
    reaper = Reaper()
    table = Table(ITEMS, SeedTable.build(ITEMS, {}), retire=reaper.retire)
    for n in range(1, 2001):
        table.put(n, Item(n, f"item {n}", ("t",)))
    overlay = table._overlay  # what the reset drops

    table.reset()

    assert len(table) == 0 and table.unique("name", "item 1") is None and list(table.values()) == []
    assert reaper.wait_idle(timeout=10)
    assert overlay == {}  # taken apart in the background, not by reset()


def test_a_reset_without_writes_retires_nothing() -> None:
    retired: list[object] = []
    table = Table(ITEMS, SeedTable.build(ITEMS, {1: SEEDED[0]}), retire=retired.append)

    table.reset()

    assert retired == []


# --- accounts -----------------------------------------------------------------------


def registry() -> StoreRegistry:
    reg = StoreRegistry()
    reg.create_store("s1", seed=Seed())
    reg.create_store("s2", seed=Seed())
    return reg


def test_an_account_name_is_unique_within_its_store() -> None:
    reg = registry()
    reg.create_account("s1", name="erp", scopes=[])
    reg.create_account("s2", name="erp", scopes=[])

    with pytest.raises(AccountExists, match=r"Store s1 already has an API account named 'erp'\."):
        reg.create_account("s1", name="erp", scopes=["store_v2_products"])


def test_an_account_never_replaces_another_with_the_same_token() -> None:
    reg = registry()
    first = reg.create_account("s1", name="a", scopes=[], access_token="tok")

    with pytest.raises(AccountExists, match=r"That access token is already in use\."):
        reg.create_account("s2", name="b", scopes=["store_v2_products"], access_token="tok")
    assert reg.accounts["tok"] is first


def test_random_credentials_are_not_derived_from_store_and_name() -> None:
    one, two = registry(), registry()
    a = one.create_account("s1", name="erp", scopes=[], random=True)
    b = two.create_account("s1", name="erp", scopes=[], random=True)
    c = one.create_account("s1", name="default", scopes=[])
    d = two.create_account("s1", name="default", scopes=[])

    assert (len(a.access_token), len(a.client_id), len(a.client_secret)) == (31, 31, 64)
    assert a.access_token != b.access_token and a.client_secret != b.client_secret
    assert c.access_token == d.access_token  # derived ones stay the same across restarts


def test_a_store_hash_is_letters_and_digits() -> None:
    with pytest.raises(ValueError, match="a store hash is 1 to 64 letters and digits"):
        registry().create_store("a/b", seed=Seed())


def test_a_store_by_fixtures_name_needs_a_seed_loader() -> None:
    with pytest.raises(ValueError, match=r"seed_loader=mockbc\.fixtures\.load_seed"):
        StoreRegistry().create_store("x1", fixtures="catalog")


def test_seed_exposes_tables_by_name() -> None:
    seed = Seed({"brands": {1: "b"}})

    assert (seed.brands, seed.products) == ({1: "b"}, {})
    with pytest.raises(AttributeError):
        _ = seed.widgets
