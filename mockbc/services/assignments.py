"""Channel and category assignments of products (upstream products_catalog.v3.yml,
``/catalog/products/channel-assignments`` and ``/catalog/products/category-assignments``).

Channel assignments live in the ``product_channels`` table. A product without a record there is
listed on the default channel (1) only: products created through the API or seeded by a fixture
start there, and a record is written the first time a product's channels change. A channel assigned
must be one of the store's (``services.channels``).

Category assignments are ``Product.categories``: writes go through ``services.products`` so its
rules apply (categories must exist), each changed product gets a new ``date_modified`` and a
``product`` ``updated`` event, as a product update that changes its categories does.

Every check runs before the first write; a refused call leaves the store as it was. Lists and
writes look products up through the ``categories`` index of products and the ``channels`` index of
``product_channels``, so they cost what they return.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar, overload

from mockbc.domain.assignments import (
    DEFAULT_CHANNEL_ID,
    DEFAULT_CHANNELS,
    CategoryAssignment,
    ChannelAssignment,
    ProductChannels,
)
from mockbc.domain.errors import Invalid, Problem, invalid
from mockbc.domain.products import MAX_CATEGORIES_PER_PRODUCT, Product
from mockbc.domain.query import Condition

# A module import, not a name import: services.products imports this module for its channel_id filter.
from mockbc.services import channels as channel_service
from mockbc.services import products as product_service
from mockbc.store.store import Store

T = TypeVar("T")
Ids = set[int] | frozenset[int]


class Pairs(Sequence[T]):
    """The assignments of a run of products, flattened in product order, each product's own in
    ascending order. Its length is known up front; a slice walks the products only as far as
    it reaches, so a page costs its offset plus its size."""

    __slots__ = ("_make", "_products", "_targets", "_total")

    def __init__(
        self,
        products: Callable[[], Iterable[int]],
        targets: Callable[[int], Sequence[int]],
        make: Callable[[int, int], T],
        total: int,
    ) -> None:
        self._products, self._targets, self._make, self._total = products, targets, make, total

    def __len__(self) -> int:
        return self._total

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, int):
            found = self[index : index + 1 or None] if index >= 0 else self[self._total + index :][:1]
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop, step = index.indices(self._total)
        if step != 1:
            return list(self)[index]
        if start >= stop:
            return []
        out: list[T] = []
        position = 0
        for product_id in self._products():
            if position >= stop:
                break
            targets = self._targets(product_id)
            if position + len(targets) > start:
                out.extend(
                    self._make(product_id, t) for t in targets[max(0, start - position) : max(0, stop - position)]
                )
            position += len(targets)
        return out

    def __iter__(self) -> Iterator[T]:
        for product_id in self._products():
            for target in self._targets(product_id):
                yield self._make(product_id, target)


def _in_values(conditions: Sequence[Condition], field: str) -> frozenset[int] | None:
    """The ids ``field:in`` asks for (every condition on it must hold), or ``None`` when not asked."""
    values: frozenset[int] | None = None
    for condition in conditions:
        if condition.field != field:
            continue
        given = frozenset(condition.value if condition.op == "in" else (condition.value,))
        values = given if values is None else values & given
    return values


def _existing(store: Store, product_ids: Iterable[int]) -> list[int]:
    return sorted(p for p in set(product_ids) if p in store.products)


def _all_products(store: Store) -> Callable[[], Iterator[int]]:
    return lambda: (product.id for product in store.products.values())


# --------------------------------------------------------------------------- channels


def channels_of(store: Store, product_id: int) -> tuple[int, ...]:
    """The channels listing a product, ascending."""
    record: ProductChannels | None = store.product_channels.get(product_id)
    return DEFAULT_CHANNELS if record is None else record.channels


def _on_channels(store: Store, channels: Iterable[int]) -> Ids | None:
    """The ids of the products listed on any of ``channels``; ``None`` when that is every product."""
    wanted = set(channels)
    table = store.product_channels
    found: set[int] = set()
    for channel in wanted - {DEFAULT_CHANNEL_ID}:
        found |= table.lookup("channels", channel)
    if DEFAULT_CHANNEL_ID not in wanted:
        return found
    withdrawn = table.lookup("on_default_channel", False)
    if not withdrawn:
        return None
    # Taken off the default channel and not on another wanted one: the only products left out.
    left_out = set(withdrawn) - found
    return {product.id for product in store.products.values() if product.id not in left_out}


def products_on_channels(store: Store, condition: Condition) -> Ids | None:
    """The products list's ``channel_id:in`` filter (a ``Filter.candidates`` lookup)."""
    if condition.op not in ("eq", "in"):
        return None
    return _on_channels(store, condition.value if condition.op == "in" else (condition.value,))


def _set_channels(store: Store, product_id: int, channels: tuple[int, ...]) -> None:
    record: ProductChannels | None = store.product_channels.get(product_id)
    if record is None:
        if channels == DEFAULT_CHANNELS:
            return
        store.product_channels.put(product_id, ProductChannels(product_id, channels))
        store.emit("channel_assignment", "created", product_id)
    elif record.channels != channels:
        store.product_channels.put(product_id, ProductChannels(product_id, channels))
        store.emit("channel_assignment", "updated", product_id)


def channel_assignments(store: Store, conditions: Sequence[Condition]) -> Pairs[ChannelAssignment]:
    """Every (product, channel) pair meeting ``product_id:in`` and ``channel_id:in``, by product then channel."""
    products, channels = _in_values(conditions, "product_id"), _in_values(conditions, "channel_id")

    def targets(product_id: int) -> tuple[int, ...]:
        own = channels_of(store, product_id)
        return own if channels is None else tuple(c for c in own if c in channels)

    if products is not None:
        ids = _existing(store, products)
    elif channels is not None and DEFAULT_CHANNEL_ID not in channels:
        ids = sorted(_on_channels(store, channels) or ())
    else:
        # Every product: those without a record are on the default channel alone, which is wanted.
        records = store.product_channels
        total = len(store.products) - len(records) + sum(len(targets(record.id)) for record in records.values())
        return Pairs(_all_products(store), targets, ChannelAssignment, total)
    return Pairs(lambda: ids, targets, ChannelAssignment, sum(len(targets(p)) for p in ids))


def assign_channels(store: Store, pairs: Sequence[ChannelAssignment]) -> None:
    """List each product on its channel, all or nothing; pairs already assigned are left as they are."""
    problems: list[Problem] = []
    for index, pair in enumerate(pairs):
        if pair.product_id not in store.products:
            problems.append(Problem(f"{index}.product_id", "product_missing", {"id": pair.product_id}))
        elif not channel_service.exists(store, pair.channel_id):
            problems.append(Problem(f"{index}.channel_id", "channel_missing", {"id": pair.channel_id}))
    if problems:
        raise Invalid("channel_assignments_invalid", tuple(problems))
    added: dict[int, set[int]] = {}
    for pair in pairs:
        added.setdefault(pair.product_id, set()).add(pair.channel_id)
    for product_id, channels in added.items():
        _set_channels(store, product_id, tuple(sorted(set(channels_of(store, product_id)) | channels)))


def unassign_channels(store: Store, conditions: Sequence[Condition]) -> None:
    """Remove the pairs ``product_id:in`` and ``channel_id:in`` match; at least one is required
    (upstream deleteProductsChannelAssignments)."""
    products, channels = _in_values(conditions, "product_id"), _in_values(conditions, "channel_id")
    if products is None and channels is None:
        raise invalid("filter_required", "filter", "filter_required", resource="channel assignments")
    if products is not None:
        ids = _existing(store, products)
    else:
        assert channels is not None
        found = _on_channels(store, channels)
        ids = [product.id for product in store.products.values()] if found is None else sorted(found)
    for product_id in ids:
        own = channels_of(store, product_id)
        _set_channels(store, product_id, () if channels is None else tuple(c for c in own if c not in channels))


# --------------------------------------------------------------------------- categories


def category_assignments(store: Store, conditions: Sequence[Condition]) -> Pairs[CategoryAssignment]:
    """Every (product, category) pair meeting ``product_id:in`` and ``category_id:in``, by product then category."""
    products, categories = _in_values(conditions, "product_id"), _in_values(conditions, "category_id")
    table = store.products

    def targets(product_id: int) -> list[int]:
        product: Product | None = table.get(product_id)
        own = sorted(set(product.categories)) if product is not None else []
        return own if categories is None else [c for c in own if c in categories]

    if products is not None:
        ids = _existing(store, products)
        return Pairs(lambda: ids, targets, CategoryAssignment, sum(len(targets(p)) for p in ids))
    if categories is not None:
        found: set[int] = set()
        total = 0
        for category_id in categories:
            holders = table.lookup("categories", category_id)
            found |= holders
            total += len(holders)
        ordered = sorted(found)
        return Pairs(lambda: ordered, targets, CategoryAssignment, total)
    total = sum(len(table.lookup("categories", category.id)) for category in store.categories.values())
    return Pairs(_all_products(store), targets, CategoryAssignment, total)


def assign_categories(store: Store, pairs: Sequence[CategoryAssignment]) -> None:
    """Add each product to its category, all or nothing; a product stays in at most 1,000
    categories. Pairs already assigned are left as they are."""
    problems: list[Problem] = []
    added: dict[int, dict[int, None]] = {}
    for index, pair in enumerate(pairs):
        product = store.products.get(pair.product_id)
        if product is None:
            problems.append(Problem(f"{index}.product_id", "product_missing", {"id": pair.product_id}))
            continue
        if store.categories.get(pair.category_id) is None:
            problems.append(Problem(f"{index}.category_id", "category_missing", {"id": pair.category_id}))
            continue
        new = added.setdefault(product.id, {})
        if pair.category_id in product.categories or pair.category_id in new:
            continue
        if len(product.categories) + len(new) >= MAX_CATEGORIES_PER_PRODUCT:
            problems.append(
                Problem(
                    f"{index}.category_id",
                    "too_many_categories",
                    {"id": product.id, "limit": MAX_CATEGORIES_PER_PRODUCT},
                )
            )
            continue
        new[pair.category_id] = None
    if problems:
        raise Invalid("category_assignments_invalid", tuple(problems))
    changes = [
        (product_id, {"categories": (*store.products.require(product_id).categories, *new)})
        for product_id, new in added.items()
        if new
    ]
    if changes:
        product_service.update_many(store, changes)


def unassign_categories(store: Store, conditions: Sequence[Condition]) -> None:
    """Remove the pairs ``product_id:in`` and ``category_id:in`` match; at least one is required
    (upstream deleteProductsCategoryAssignments)."""
    products, categories = _in_values(conditions, "product_id"), _in_values(conditions, "category_id")
    if products is None and categories is None:
        raise invalid("filter_required", "filter", "filter_required", resource="category assignments")
    if products is not None:
        ids = _existing(store, products)
    else:
        assert categories is not None
        holders: set[int] = set()
        for category_id in categories:
            holders |= store.products.lookup("categories", category_id)
        ids = sorted(holders)
    changes: list[tuple[int, dict[str, Any]]] = []
    for product_id in ids:
        own: tuple[int, ...] = store.products.require(product_id).categories
        kept = () if categories is None else tuple(c for c in own if c not in categories)
        if kept != own:
            changes.append((product_id, {"categories": kept}))
    if changes:
        product_service.update_many(store, changes)
