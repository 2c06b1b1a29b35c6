"""Category payloads (the categories API and the trees API) and category tree payloads."""

from __future__ import annotations

import functools
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from mockbc._strategies._core import (
    Taken,
    check_overrides,
    check_sizes,
    check_store,
    draw_fields,
    made_unique,
    names,
    not_generated_url,
)
from mockbc._strategies._schema import body_properties, from_schema, objects, operation, texts
from mockbc.services import channels as channel_service
from mockbc.store.store import Store

CREATE = "createCategory"
UPDATE = "updateCategory"
TREE_CREATE = "createCategories"
TREE_UPDATE = "updateCategories"
TREES_UPSERT = "upsertCategoryTrees"
DEFAULT_TREE_ID = 1  # the categories API sees this tree only (the default storefront's)
MAX_DEPTH = 8  # categories nest at most eight levels deep (upstream categories_catalog.v3.yml)


def _url_field(operation_id: str) -> tuple[str, str]:
    """(object field, url key): ``custom_url.url`` on the categories API, ``url.path`` on trees."""
    return ("custom_url", "url") if "custom_url" in body_properties(operation_id) else ("url", "path")


@functools.lru_cache(maxsize=8)
def url_texts(operation_id: str) -> st.SearchStrategy[str]:
    """The URL of a category's URL object (``custom_url.url``, or ``url.path`` on trees)."""
    container, key = _url_field(operation_id)
    url = body_properties(operation_id)[container]["properties"][key]
    return texts(min_size=int(url.get("minLength", 1)), max_size=int(url.get("maxLength", 255)))


@functools.lru_cache(maxsize=8)
def _static_defaults(operation_id: str) -> dict[str, st.SearchStrategy[Any]]:
    defaults: dict[str, st.SearchStrategy[Any]] = {}
    container, key = _url_field(operation_id)
    for name, schema in body_properties(operation_id).items():
        if name in ("parent_id", "tree_id", "category_id"):
            continue  # placed by the store-aware draw
        if name == "name":
            defaults[name] = names(max_size=int(schema.get("maxLength", 50)))
        elif name == container:
            # The mock answers 422 for a URL object without its url (see docs/strategies.md),
            # so a drawn one always carries it.
            defaults[name] = objects({**schema, "required": [key]}, overrides={key: url_texts(operation_id)})
        else:
            defaults[name] = from_schema(schema, where=name)
    return defaults


def _levels(store: Store | None) -> dict[int, int]:
    """Category id -> its level (1 at the top), for every category of the store."""
    if store is None:
        return {}
    parents = {c.id: c.parent_id for c in store.categories.values()}
    levels: dict[int, int] = {}
    for category_id in parents:
        chain, current = 0, category_id
        while current and chain <= MAX_DEPTH * 4:
            chain += 1
            current = parents.get(current, 0)
        levels[category_id] = chain
    return levels


def _parents(store: Store | None, *, tree_id: int | None) -> list[tuple[int, int]]:
    """(tree_id, id) of every category a new child may go under (it would not be too deep)."""
    if store is None:
        return []
    levels = _levels(store)
    return [
        (c.tree_id, c.id)
        for c in store.categories.values()
        if (tree_id is None or c.tree_id == tree_id) and levels.get(c.id, MAX_DEPTH) < MAX_DEPTH
    ]


def _settle_name(
    payload: dict[str, Any], taken: Taken, operation_id: str, *, tree_id: int, parent_id: int | None
) -> None:
    if not isinstance(payload.get("name"), str):
        return
    max_size = int(body_properties(operation_id)["name"].get("maxLength", 50))
    if parent_id is None:  # an update: its siblings are unknown, so avoid every name
        payload["name"] = made_unique(payload["name"], taken.category_name_free, max_size=max_size)
        taken.category_names.add(payload["name"].casefold())
        return
    payload["name"] = made_unique(
        payload["name"], lambda n: taken.sibling_name_free(n, tree_id, parent_id), max_size=max_size
    )
    taken.sibling_names.setdefault((tree_id, parent_id), set()).add(payload["name"].casefold())


def _settle_url(payload: dict[str, Any], taken: Taken, operation_id: str) -> None:
    container, key = _url_field(operation_id)
    url = payload.get(container)
    if isinstance(url, dict) and isinstance(url.get(key), str):
        max_size = int(body_properties(operation_id)[container]["properties"][key].get("maxLength", 255))
        text = not_generated_url(url[key], max_size=max_size)
        url[key] = made_unique(text, taken.category_url_free, max_size=max_size, separator="_")
        taken.category_urls.add(url[key])


def draw_category(
    draw: st.DrawFn, taken: Taken, overrides: dict[str, st.SearchStrategy[Any]], *, store: Store | None
) -> dict[str, Any]:
    if "parent_id" in overrides:
        parent_id = draw(overrides["parent_id"])
    else:
        parents = [cid for _, cid in _parents(store, tree_id=DEFAULT_TREE_ID)]
        parent_id = draw(st.sampled_from([0, *parents])) if parents else 0
    rest = {k: v for k, v in overrides.items() if k != "parent_id"}
    payload = {
        "parent_id": parent_id,
        **draw_fields(draw, defaults=_static_defaults(CREATE), overrides=rest, required=("name",)),
    }
    _settle_name(
        payload, taken, CREATE, tree_id=DEFAULT_TREE_ID, parent_id=parent_id if isinstance(parent_id, int) else 0
    )
    _settle_url(payload, taken, CREATE)
    return payload


def draw_category_update(
    draw: st.DrawFn, taken: Taken, overrides: dict[str, st.SearchStrategy[Any]], *, operation_id: str = UPDATE
) -> dict[str, Any]:
    payload = draw_fields(draw, defaults=_static_defaults(operation_id), overrides=overrides)
    _settle_name(payload, taken, operation_id, tree_id=DEFAULT_TREE_ID, parent_id=None)
    _settle_url(payload, taken, operation_id)
    return payload


def draw_tree_category(
    draw: st.DrawFn, taken: Taken, overrides: dict[str, st.SearchStrategy[Any]], *, store: Store | None
) -> dict[str, Any]:
    placement: dict[str, Any] = {}
    if "tree_id" in overrides or "parent_id" in overrides:
        for name in ("tree_id", "parent_id"):
            if name in overrides:
                placement[name] = draw(overrides[name])
    else:
        trees = [t.id for t in store.trees.values()] if store is not None else [DEFAULT_TREE_ID]
        parents = _parents(store, tree_id=None)
        as_child: bool = bool(parents) and draw(st.booleans())
        if as_child:
            placement["parent_id"] = draw(st.sampled_from(parents))[1]
        elif trees:
            placement["tree_id"] = draw(st.sampled_from(trees))
    rest = {k: v for k, v in overrides.items() if k not in ("tree_id", "parent_id")}
    payload = {
        **placement,
        **draw_fields(draw, defaults=_static_defaults(TREE_CREATE), overrides=rest, required=("name",)),
    }
    parent_id = payload.get("parent_id") or 0
    if parent_id and store is not None and (parent := store.categories.get(parent_id)) is not None:
        tree_id = parent.tree_id
    else:
        tree_id = payload.get("tree_id", DEFAULT_TREE_ID)
    _settle_name(payload, taken, TREE_CREATE, tree_id=tree_id, parent_id=parent_id)
    _settle_url(payload, taken, TREE_CREATE)
    return payload


# ---------------------------------------------------------------- public strategies


@st.composite
def categories(
    draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]
) -> dict[str, Any]:
    """Bodies for ``POST /v3/catalog/categories`` that the mock accepts with 200.

    ``parent_id`` is 0 (top level) or, given ``store``, a category of the default tree that
    is shallow enough for a child (eight levels at most). ``name`` is unique among the new
    category's siblings, case-insensitively; an explicit ``custom_url`` is unused.

    >>> categories(store=store, parent_id=st.just(0)).example()  # doctest: +SKIP
    {'parent_id': 0, 'name': 'Ünder', 'is_visible': True}
    """
    check_store("categories", store)
    check_overrides("categories", CREATE, overrides)
    return draw_category(draw, Taken(store=store), overrides, store=store)


@st.composite
def category_batches(
    draw: st.DrawFn,
    /,
    *,
    store: Store | None = None,
    min_size: int = 1,
    max_size: int = 10,
    **overrides: st.SearchStrategy[Any],
) -> list[dict[str, Any]]:
    """Lists of ``categories()`` bodies, unique among themselves too (POST them one by one)."""
    check_store("category_batches", store)
    check_sizes("category_batches", min_size, max_size)
    check_overrides("category_batches", CREATE, overrides)
    taken = Taken(store=store)
    return [draw_category(draw, taken, overrides, store=store) for _ in range(draw(st.integers(min_size, max_size)))]


@st.composite
def category_updates(
    draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]
) -> dict[str, Any]:
    """Bodies for ``PUT /v3/catalog/categories/{id}`` that the mock accepts for any category
    of the default tree.

    ``parent_id`` is left out unless overridden (a move must respect the target's own
    subtree); a new ``name`` avoids every category name in ``store``.
    """
    check_store("category_updates", store)
    check_overrides("category_updates", UPDATE, overrides)
    return draw_category_update(draw, Taken(store=store), overrides)


@st.composite
def tree_categories(
    draw: st.DrawFn,
    /,
    *,
    store: Store | None = None,
    min_size: int = 1,
    max_size: int = 5,
    **overrides: st.SearchStrategy[Any],
) -> list[dict[str, Any]]:
    """Bodies for ``POST /v3/catalog/trees/categories``: lists of new categories, each under a
    tree (``tree_id``) or a parent (``parent_id``) that exists in ``store``; the mock answers 201.

    Without a store every item goes at the top of tree 1, which every store has.
    """
    check_store("tree_categories", store)
    check_sizes("tree_categories", min_size, max_size)
    check_overrides("tree_categories", TREE_CREATE, overrides)
    taken = Taken(store=store)
    return [
        draw_tree_category(draw, taken, overrides, store=store) for _ in range(draw(st.integers(min_size, max_size)))
    ]


@st.composite
def category_trees(
    draw: st.DrawFn,
    /,
    *,
    store: Store | None = None,
    min_size: int = 1,
    max_size: int = 5,
    **overrides: st.SearchStrategy[Any],
) -> list[dict[str, Any]]:
    """Bodies for ``PUT /v3/catalog/trees`` (upsert, at most 50 items) that the mock accepts.

    New trees get a name and one of the store's channels that no tree uses yet; some items rename
    an existing tree instead (``id`` and ``name``, never ``channels``). Without ``store`` the only
    channel known is 1, which tree 1 of every store holds, so the one item is a rename of tree 1.
    A batch holds at most one item per free channel and existing tree.
    """
    store = check_store("category_trees", store)
    check_sizes("category_trees", min_size, max_size, limit=operation(TREES_UPSERT).max_items)
    check_overrides("category_trees", TREES_UPSERT, overrides)
    item = body_properties(TREES_UPSERT)
    name = texts(min_size=int(item["name"].get("minLength", 1)), max_size=int(item["name"].get("maxLength", 255)))
    existing = [t.id for t in store.trees.values()] if store is not None else [DEFAULT_TREE_ID]
    taken = Taken(store=store)
    channels = [c.id for c in channel_service.all_channels(store) if taken.channel_free(c.id)] if store else []
    room = len(existing) + len(channels)
    if min_size > room:
        raise InvalidArgument(
            f"category_trees(min_size={min_size}) is more than the {room} trees the store can take "
            "(its trees to rename and its channels without a tree)"
        )
    renamed: set[int] = set()
    out: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(min_size, min(max_size, room)))):
        free = [tid for tid in existing if tid not in renamed]
        open_channels = [c for c in channels if c not in taken.channels]
        if free and (not open_channels or draw(st.integers(0, 3)) == 3):
            tree_id = draw(st.sampled_from(free))
            renamed.add(tree_id)
            fields = {"id": st.just(tree_id), "name": name, **{k: v for k, v in overrides.items() if k != "channels"}}
        else:
            channel = draw(st.sampled_from(open_channels))
            taken.channels.add(channel)
            fields = {"name": name, "channels": st.just([channel]), **overrides}
        out.append({k: draw(v) for k, v in fields.items()})
    return out
