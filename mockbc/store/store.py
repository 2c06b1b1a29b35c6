"""One tenant's data: a table per resource, the uniqueness indexes, id sequences and a clock."""

from __future__ import annotations

from dataclasses import dataclass, field

from mockbc.domain.brands import Brand
from mockbc.domain.categories import Category, CategoryTree
from mockbc.domain.clock import Clock, SystemClock
from mockbc.domain.products import Product, ProductOption, Variant
from mockbc.store.table import Table


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

    def reset(self) -> None:
        self._next = self._first


@dataclass
class Seed:
    """The frozen starting point a store returns to on reset."""

    products: dict[int, Product] = field(default_factory=dict)
    variants: dict[int, Variant] = field(default_factory=dict)
    options: dict[int, ProductOption] = field(default_factory=dict)
    categories: dict[int, Category] = field(default_factory=dict)
    trees: dict[int, CategoryTree] = field(default_factory=dict)
    brands: dict[int, Brand] = field(default_factory=dict)


def _after(ids: object) -> int:
    return max(ids, default=0) + 1  # type: ignore[call-overload,no-any-return]


class Store:
    """A BigCommerce store as the mock holds it.

    Example::

        store = Store("abc123", Seed())
        store.products.get(1)   # -> Product | None
        store.reset()           # back to the seed, O(1)
    """

    def __init__(self, store_hash: str, seed: Seed, *, clock: Clock | None = None, fixtures: str = "empty") -> None:
        self.store_hash = store_hash
        self.fixtures = fixtures
        self.clock: Clock = clock or SystemClock()
        self.seed = seed
        self.products: Table[int, Product] = Table(seed.products)
        self.variants: Table[int, Variant] = Table(seed.variants)
        self.options: Table[int, ProductOption] = Table(seed.options)
        self.categories: Table[int, Category] = Table(seed.categories)
        self.trees: Table[int, CategoryTree] = Table(seed.trees)
        self.brands: Table[int, Brand] = Table(seed.brands)
        # Uniqueness indexes, keyed by the normalised value, pointing at the owner's id.
        self.product_names: Table[str, int] = Table(
            {p.name.casefold(): p.id for p in seed.products.values()}
        )
        self.skus: Table[str, int] = Table(_sku_index(seed))
        self.product_urls: Table[str, int] = Table(
            {p.custom_url.url: p.id for p in seed.products.values()}
        )
        self.brand_names: Table[str, int] = Table(
            {b.name.casefold(): b.id for b in seed.brands.values()}
        )
        self.product_ids = IdSequence(_after(seed.products))
        self.variant_ids = IdSequence(_after(seed.variants))
        self.option_ids = IdSequence(
            _after([*seed.options, *(v.id for o in seed.options.values() for v in o.option_values)])
        )
        self.category_ids = IdSequence(_after(seed.categories))
        self.tree_ids = IdSequence(_after(seed.trees))
        self.brand_ids = IdSequence(_after(seed.brands))
        # Wire renderings of records, keyed by (kind, id) and kept with the exact record they
        # were made from; records are immutable, so an identity check proves one is current.
        self.rendered: dict[tuple[str, int], tuple[object, dict[str, object]]] = {}
        self._tables = (
            self.products, self.variants, self.options, self.categories, self.trees,
            self.brands, self.product_names, self.skus, self.product_urls, self.brand_names,
        )  # fmt: skip
        self._sequences = (
            self.product_ids, self.variant_ids, self.option_ids, self.category_ids,
            self.tree_ids, self.brand_ids,
        )  # fmt: skip

    def reset(self) -> None:
        """Put the store back to its seed. Costs the same whatever the store holds."""
        for table in self._tables:
            table.reset()
        for sequence in self._sequences:
            sequence.reset()
        self.rendered = {}


def _sku_index(seed: Seed) -> dict[str, int]:
    index = {p.sku.casefold(): p.id for p in seed.products.values() if p.sku}
    for variant in seed.variants.values():
        if variant.sku:
            index[variant.sku.casefold()] = variant.product_id
    return index
