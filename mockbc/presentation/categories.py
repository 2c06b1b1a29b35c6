"""Categories on the v3 wire, in both of their dresses: the (deprecated) categories API
uses ``id`` and ``custom_url``; the trees API uses ``category_id``, ``category_uuid`` and
``url{path}`` (upstream category-trees_catalog.v3.yml)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockbc.domain.categories import WRITABLE_FIELDS, Category, CategoryTree
from mockbc.domain.records import CustomUrl
from mockbc.presentation.call import Call
from mockbc.presentation.v3 import TreesView, View
from mockbc.presentation.wire import custom_url_in, custom_url_out, select_fields

_COMMON = (
    "parent_id", "name", "description", "views", "sort_order", "page_title", "meta_description",
    "layout_file", "image_url", "is_visible", "search_keywords", "default_product_sort",
)  # fmt: skip


def to_v3(category: Category) -> dict[str, Any]:
    out: dict[str, Any] = {"id": category.id}
    for name in _COMMON:
        out[name] = getattr(category, name)
    out["meta_keywords"] = list(category.meta_keywords)
    out["custom_url"] = custom_url_out(category.custom_url)
    return out


def to_tree_v3(category: Category) -> dict[str, Any]:
    out: dict[str, Any] = {"category_id": category.id, "category_uuid": category.uuid, "tree_id": category.tree_id}
    for name in _COMMON:
        out[name] = getattr(category, name)
    out["meta_keywords"] = list(category.meta_keywords)
    out["url"] = {"path": category.custom_url.url, "is_customized": category.custom_url.is_customized}
    return out


def tree_to_v3(tree: CategoryTree) -> dict[str, Any]:
    return {"id": tree.id, "name": tree.name, "channels": list(tree.channels)}


def changes_from_v3(body: Mapping[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name, value in body.items():
        if value is None:
            continue
        if name == "custom_url":
            changes[name] = custom_url_in(value)
        elif name == "url":
            changes["custom_url"] = CustomUrl(
                url=value.get("path", ""), is_customized=bool(value.get("is_customized", True))
            )
        elif name == "meta_keywords":
            changes[name] = tuple(value)
        elif name in WRITABLE_FIELDS:
            changes[name] = value
    return changes


def node_to_v3(category: Category, path: list[int], children: list[dict[str, Any]]) -> dict[str, Any]:
    """One node of ``GET /catalog/trees/{tree_id}/categories``. ``path`` runs from the
    top-level ancestor down to the category itself; ``depth`` is 1 at the top."""
    return {
        "id": category.id,
        "parent_id": category.parent_id,
        "depth": len(path),
        "path": path,
        "name": category.name,
        "is_visible": category.is_visible,
        "url": category.custom_url.url,
        "children": children,
    }


def item_v3(category: Category, call: Call) -> dict[str, Any]:
    return select_fields(to_v3(category), call.query.get("include_fields"), call.query.get("exclude_fields"))


def tree_item_v3(category: Category, call: Call) -> dict[str, Any]:
    """A tree category; ``category_id`` is always kept by include_fields / exclude_fields."""
    return select_fields(
        to_tree_v3(category), call.query.get("include_fields"), call.query.get("exclude_fields"),
        always=frozenset({"category_id"}),
    )  # fmt: skip


def tree_v3(tree: CategoryTree, call: Call) -> dict[str, Any]:
    return tree_to_v3(tree)


SORTS = {
    "id": lambda c: c.id,
    "name": lambda c: c.name.casefold(),
    "parent_id": lambda c: c.parent_id,
    "sort_order": lambda c: c.sort_order,
}

_FIELD_SELECTION = frozenset({"include_fields", "exclude_fields"})
VIEW_V3 = View("category.v3", item_v3, changes_from_v3, sorts=SORTS, whole=to_v3, shaping=_FIELD_SELECTION)
# One view per trees operation: upstream documents a different success and error shape for each.
TREE_CATEGORIES_LIST = TreesView(
    "tree_category.v3", tree_item_v3, changes_from_v3, whole=to_tree_v3, shaping=_FIELD_SELECTION
)
TREE_CATEGORIES_CREATE = TreesView(
    "tree_category.v3", tree_item_v3, changes_from_v3, list_400=True, none_kind="none_created", some_kind="some_created"
)
TREE_CATEGORIES_UPDATE = TreesView(
    "tree_category.v3", tree_item_v3, changes_from_v3, data=False, list_400=True,
    none_kind="none_updated", some_kind="some_updated",
)  # fmt: skip
TREE_CATEGORIES_DELETE = TreesView("tree_category.v3", tree_item_v3, data=False, list_400=True)
TREES_LIST = TreesView("category_tree.v3", tree_v3)
TREES_UPSERT = TreesView("category_tree.v3", tree_v3, wrap_422=False)
TREES_DELETE = TreesView("category_tree.v3", tree_v3)


def node_v3(node: dict[str, Any], call: Call) -> dict[str, Any]:
    return node  # built whole by node_to_v3: a nested tree has no record of its own


TREE_NODES = TreesView("category_node.v3", node_v3, wrap_422=False)
