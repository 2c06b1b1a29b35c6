"""``from_spec``: request bodies inferred from an operation's JSON Schema in ``specs/``."""

from __future__ import annotations

import functools
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from mockbc._strategies import _brands, _categories, _products
from mockbc._strategies._core import Taken, check_store
from mockbc._strategies._schema import from_schema, operation
from mockbc.store.store import Store


@functools.lru_cache(maxsize=64)
def _body_strategy(operation_id: str, api: str) -> st.SearchStrategy[Any]:
    op = operation(operation_id, api)
    if op.body_schema is None:
        raise InvalidArgument(f"{operation_id} ({op.method} {op.path}) takes no request body")
    return from_schema(op.body_schema, where=operation_id)


@st.composite
def from_spec(draw: st.DrawFn, operation_id: str, *, api: str = "v3", store: Store | None = None) -> Any:
    """Request bodies for ``operation_id``, inferred from its JSON Schema in ``specs/``.

    Every example passes the operation's schema (``Operation.validate_body``), so the mock
    never answers it with a schema 422. Schema validity is all that is promised: BigCommerce
    rules that a schema cannot say may still refuse it, for example a duplicate name (409), a
    category id that does not exist (409), a product with several variants and no option
    values (422), or a category ``custom_url`` without its ``url`` (422).

    With ``store``, the references and keys the mock checks are fixed up against it: product
    ``categories``, ``brand_id``, names, SKUs and URLs; brand names and URLs; category
    ``parent_id`` / ``tree_id`` / ``category_id``, sibling names and URLs; batch item ``id``s
    and tree ``channels``. Creates then succeed; an update or batch may still meet a rule
    the draw cannot see (moving a category under its own subtree, say).

    Read-only properties (``{}`` in the loaded schema: accepted and ignored) are left out.

    >>> from_spec("createBrand").example()  # doctest: +SKIP
    {'name': '0', 'meta_keywords': []}
    """
    if not isinstance(operation_id, str):
        raise InvalidArgument(f"from_spec(operation_id={operation_id!r}) must be an operationId string")
    if api not in ("v3", "v2"):
        raise InvalidArgument(f"from_spec(api={api!r}) must be 'v3' or 'v2'")
    check_store("from_spec", store)
    body = draw(_body_strategy(operation_id, api))
    if store is not None:
        body = _fix_up(draw, operation_id, body, store)
    return body


# ---------------------------------------------------------------- fix-ups against a store


def _fix_product(draw: st.DrawFn, item: dict[str, Any], taken: Taken, store: Store, operation_id: str) -> None:
    if "categories" in item:
        ids = [c.id for c in store.categories.values()]
        item["categories"] = (
            draw(st.lists(st.sampled_from(ids), unique=True, max_size=min(len(ids), len(item["categories"]))))
            if ids
            else []
        )
    if "brand_id" in item:
        item["brand_id"] = draw(st.sampled_from([0, *(b.id for b in store.brands.values())]))
    variants = item.get("variants")
    if isinstance(variants, list) and variants:
        # The option rules a schema cannot say: every variant names the same options, once
        # each, with a label; no two variants share a combination. A lone variant may have none.
        if len(variants) == 1 and not variants[0].get("option_values"):
            variants[0].pop("option_values", None)
        else:
            options = draw(st.lists(st.sampled_from(_products.OPTION_NAMES), min_size=1, max_size=2, unique=True))
            for n, variant in enumerate(variants):
                variant["option_values"] = [{"option_display_name": name, "label": f"{name} {n}"} for name in options]
    _products._settle(item, taken, operation_id)


def _fix_category(draw: st.DrawFn, item: dict[str, Any], taken: Taken, store: Store, operation_id: str) -> None:
    if operation_id == _categories.CREATE:
        parents = [cid for _, cid in _categories._parents(store, tree_id=_categories.DEFAULT_TREE_ID)]
        item["parent_id"] = draw(st.sampled_from([0, *parents]))
        _categories._settle_name(
            item, taken, operation_id, tree_id=_categories.DEFAULT_TREE_ID, parent_id=item["parent_id"]
        )
    elif operation_id == _categories.TREE_CREATE:
        placements = _categories._parents(store, tree_id=None)
        trees = [t.id for t in store.trees.values()]
        item.pop("tree_id", None)
        item.pop("parent_id", None)
        as_child: bool = bool(placements) and draw(st.booleans())
        if as_child:
            tree_id, item["parent_id"] = draw(st.sampled_from(placements))
        else:
            tree_id = item["tree_id"] = draw(st.sampled_from(trees))
        _categories._settle_name(item, taken, operation_id, tree_id=tree_id, parent_id=item.get("parent_id", 0))
    else:
        if operation_id == _categories.TREE_UPDATE:
            ids = [c.id for c in store.categories.values()]
            if ids:
                item["category_id"] = draw(st.sampled_from(ids))
            item.pop("tree_id", None)
        if "parent_id" in item:
            item["parent_id"] = 0
        _categories._settle_name(item, taken, operation_id, tree_id=_categories.DEFAULT_TREE_ID, parent_id=None)
    _categories._settle_url(item, taken, operation_id)


def _fix_trees(draw: st.DrawFn, items: list[dict[str, Any]], taken: Taken, store: Store) -> None:
    free = [t.id for t in store.trees.values()]
    for item in items:
        if "id" in item and free:
            item["id"] = free.pop(draw(st.integers(0, len(free) - 1)))
            item.pop("channels", None)
            continue
        item.pop("id", None)
        item.setdefault("name", "Tree")
        channel = _categories.made_unique_channel(draw(st.integers(2, 10_000)), taken)
        taken.channels.add(channel)
        item["channels"] = [channel]


def _fix_up(draw: st.DrawFn, operation_id: str, body: Any, store: Store) -> Any:
    taken = Taken(store=store)
    items = body if isinstance(body, list) else [body]
    if operation_id == "upsertCategoryTrees":
        _fix_trees(draw, items, taken, store)
        return body
    if operation_id == "updateProducts":
        ids = [p.id for p in store.products.values()]
        if ids:
            chosen = draw(
                st.lists(
                    st.sampled_from(ids),
                    unique=True,
                    min_size=min(len(items), len(ids)),
                    max_size=min(len(items), len(ids)),
                )
            )
            del items[len(chosen) :]
            for item, product_id in zip(items, chosen, strict=True):
                item["id"] = product_id
    for item in items:
        if not isinstance(item, dict):
            continue
        if operation_id in (_products.CREATE, _products.UPDATE, _products.BATCH_UPDATE):
            _fix_product(draw, item, taken, store, operation_id)
        elif operation_id in (_brands.CREATE, _brands.UPDATE):
            _brands._settle(item, taken, operation_id)
        elif operation_id in (_categories.CREATE, _categories.UPDATE, _categories.TREE_CREATE, _categories.TREE_UPDATE):
            _fix_category(draw, item, taken, store, operation_id)
    return body
