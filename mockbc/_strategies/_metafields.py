"""Metafield payloads for the four owner kinds: products, variants, categories and brands.

A metafield's ``namespace`` and ``key`` are unique per owner and API account (upstream
createProductMetafield: a 409 names client ID, namespace, key, resource type and id). The
strategies cannot see which account will send a body, so given ``client_id`` they avoid that
account's keys, and without it every account's.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from mockbc._strategies._core import OMIT, check_overrides, check_sizes, check_store, draw_fields, made_unique
from mockbc._strategies._schema import body_properties, from_schema, texts
from mockbc.store.store import Store

# owner -> (its metafields table, the table of its records, single create, single update, batch create)
OWNERS: Mapping[str, tuple[str, str, str, str, str]] = {
    "product": (
        "product_metafields", "products", "createProductMetafield", "updateProductMetafield",
        "createProductsMetafields",
    ),
    "variant": (
        "variant_metafields", "variants", "createProductVariantMetafield", "updateProductVariantMetafield",
        "createVariantsMetafields",
    ),
    "category": (
        "category_metafields", "categories", "createCategoryMetafield", "updateCategoryMetafield",
        "createCategoriesMetafields",
    ),
    "brand": ("brand_metafields", "brands", "createBrandMetafield", "updateBrandMetafield", "createBrandsMetafields"),
}  # fmt: skip
MAX_KEY = 64
Key = tuple[int | None, str, str]  # (owner id or None for any owner, namespace, key)
# Permission sets that open a metafield's value (and description) to every API account
# (upstream metafield_Base.permission_set); only the creating account changes the rest.
SHARED_WRITE = frozenset({"write", "write_and_sf_access"})
OWNER_ONLY = ("namespace", "key", "permission_set", "value")


def visible(metafield: Any, client_id: str | None) -> bool:
    """``app_only`` metafields are seen by their own account only (none, when it is unknown)."""
    return bool(metafield.permission_set != "app_only" or metafield.owner_client_id == client_id)


def deletable(metafield: Any, client_id: str | None) -> bool:
    return visible(metafield, client_id) and (
        metafield.owner_client_id == client_id or metafield.permission_set in SHARED_WRITE
    )


def restrict(body: dict[str, Any], metafield: Any, client_id: str | None) -> None:
    """Send unchanged what ``client_id``'s account may not change in ``metafield`` (an unknown
    account owns nothing): another account changes only the value and description of a
    ``write`` metafield."""
    if metafield.owner_client_id == client_id:
        return
    shared = metafield.permission_set in SHARED_WRITE
    for name in (*OWNER_ONLY, "description"):
        if name in body and not (shared and name in ("value", "description")):
            body[name] = getattr(metafield, name)


def check_owner(function: str, owner: object) -> str:
    if owner not in OWNERS:
        raise InvalidArgument(f"{function}(owner={owner!r}) must be one of {', '.join(map(repr, OWNERS))}")
    assert isinstance(owner, str)
    return owner


def taken_keys(
    store: Store | None, owner: str, resource_id: int | None, client_id: str | None, *, own_id: int | None = None
) -> set[Key]:
    """``(resource id, namespace, key)`` of the stored metafields a new one must not repeat:
    of ``resource_id`` (every owner's when None, keyed with owner None), of ``client_id``'s
    account (every account's when None), leaving out the metafield ``own_id``."""
    if store is None:
        return set()
    table = store.table(OWNERS[owner][0])
    rows = table.many(table.lookup("resource_id", resource_id)) if resource_id is not None else table.values()
    return {
        (resource_id, m.namespace, m.key)
        for m in rows
        if m.id != own_id and (client_id is None or m.owner_client_id == client_id)
    }


def settle_key(
    item: dict[str, Any], taken: set[Key], resource_id: int | None, *, own: tuple[str, str] | None = None
) -> None:
    """Give the item's ``key`` a numeric suffix while (namespace, key) is taken for the owner;
    ``own`` is the metafield's current (namespace, key), for an update sending one of them."""
    namespace = item.get("namespace", own[0] if own else None)
    key = item.get("key", own[1] if own else None)
    if not isinstance(namespace, str) or not isinstance(key, str):
        return
    if "key" not in item:
        # Only the namespace changes: a taken pair is made free through the namespace.
        item["namespace"] = made_unique(namespace, lambda n: (resource_id, n, key) not in taken, max_size=MAX_KEY)
        taken.add((resource_id, item["namespace"], key))
        return
    item["key"] = made_unique(key, lambda k: (resource_id, namespace, k) not in taken, max_size=MAX_KEY)
    taken.add((resource_id, namespace, item["key"]))


@functools.lru_cache(maxsize=16)
def _defaults(operation_id: str) -> dict[str, st.SearchStrategy[Any]]:
    out: dict[str, st.SearchStrategy[Any]] = {}
    for name, schema in body_properties(operation_id).items():
        if name in ("id", "resource_id"):
            continue
        if name in ("namespace", "key"):
            out[name] = texts(min_size=1, max_size=int(schema.get("maxLength", MAX_KEY)))
        else:
            out[name] = from_schema(schema, where=name)
    return out


REQUIRED = ("permission_set", "namespace", "key", "value")


def draw_metafield(
    draw: st.DrawFn,
    operation_id: str,
    taken: set[Key],
    resource_id: int | None,
    overrides: Mapping[str, st.SearchStrategy[Any]],
) -> dict[str, Any]:
    body = draw_fields(draw, defaults=_defaults(operation_id), overrides=overrides, required=REQUIRED)
    settle_key(body, taken, resource_id)
    return body


@st.composite
def metafields(
    draw: st.DrawFn,
    /,
    *,
    store: Store | None = None,
    owner: str = "product",
    resource_id: int | None = None,
    client_id: str | None = None,
    **overrides: st.SearchStrategy[Any],
) -> dict[str, Any]:
    """Bodies for ``POST .../{owner}s/{resource_id}/metafields`` (``owner`` is ``"product"``,
    ``"variant"``, ``"category"`` or ``"brand"``) that the mock accepts with 200.

    ``namespace`` and ``key`` (1 to 64 characters) are a pair ``resource_id`` does not have
    yet (given ``store``; any owner's without ``resource_id``), among the metafields of the
    API account ``client_id`` (every account's without it); a taken pair gets a numeric suffix
    on its key, overridden or not. ``value`` (1 to 65,535 characters), ``permission_set`` and
    now and then ``description`` come from the spec.
    """
    check_store("metafields", store)
    owner = check_owner("metafields", owner)
    check_overrides("metafields", OWNERS[owner][2], overrides)
    _check_resource("metafields", store, owner, resource_id)
    return draw_metafield(
        draw, OWNERS[owner][2], taken_keys(store, owner, resource_id, client_id), resource_id, overrides
    )


def _check_resource(function: str, store: Store | None, owner: str, resource_id: object) -> None:
    if resource_id is None:
        return
    if not isinstance(resource_id, int) or isinstance(resource_id, bool):
        raise InvalidArgument(f"{function}(resource_id={resource_id!r}) must be an integer id")
    if store is not None and store.table(OWNERS[owner][1]).get(resource_id) is None:
        raise InvalidArgument(f"{function}(resource_id={resource_id}): the store has no such {owner}")


def owner_ids(store: Store, owner: str) -> list[int]:
    return [record.id for record in store.table(OWNERS[owner][1]).values()]


@st.composite
def metafield_batches(
    draw: st.DrawFn,
    /,
    *,
    store: Store,
    owner: str = "product",
    client_id: str | None = None,
    min_size: int = 1,
    max_size: int = 10,
    **overrides: st.SearchStrategy[Any],
) -> list[dict[str, Any]]:
    """Bodies for the batch create of ``owner``'s metafields (``POST /v3/catalog/products/metafields``,
    ``.../variants/metafields``, ``.../categories/metafields``, ``.../brands/metafields``; 200): each item names an existing
    record of ``store`` as its ``resource_id``, and no two items, nor an item and a stored
    metafield, share owner, namespace and key."""
    check_store("metafield_batches", store)
    if store is None:
        raise InvalidArgument("metafield_batches() needs store=: each item names an existing record")
    owner = check_owner("metafield_batches", owner)
    check_sizes("metafield_batches", min_size, max_size)
    operation_id = OWNERS[owner][4]
    check_overrides("metafield_batches", operation_id, {k: v for k, v in overrides.items() if k != "resource_id"})
    ids = owner_ids(store, owner)
    if not ids:
        raise InvalidArgument(f"metafield_batches(owner={owner!r}): the store has no {owner} to own one")
    items: list[dict[str, Any]] = []
    taken: set[Key] = set()
    seen: set[int] = set()
    for _ in range(draw(st.integers(min_size, max_size))):
        resource_id = draw(overrides["resource_id"]) if "resource_id" in overrides else draw(st.sampled_from(ids))
        if resource_id not in seen and isinstance(resource_id, int):
            seen.add(resource_id)
            taken |= taken_keys(store, owner, resource_id, client_id)
        rest = {k: v for k, v in overrides.items() if k != "resource_id"}
        item = draw_metafield(draw, operation_id, taken, resource_id, rest)
        items.append({**item, "resource_id": resource_id} if resource_id is not OMIT else item)
    return items
