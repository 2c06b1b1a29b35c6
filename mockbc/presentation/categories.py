"""Categories on the v3 wire, in both of their dresses: the (deprecated) categories API
uses ``id`` and ``custom_url``; the trees API uses ``category_id``, ``category_uuid`` and
``url{path}`` (BC_FACTS §3.3)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockbc.domain.categories import WRITABLE_FIELDS, Category, CategoryTree
from mockbc.domain.records import CustomUrl
from mockbc.presentation.wire import custom_url_in, custom_url_out

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
            changes["custom_url"] = CustomUrl(url=value.get("path", ""), is_customized=bool(value.get("is_customized", True)))
        elif name == "meta_keywords":
            changes[name] = tuple(value)
        elif name in WRITABLE_FIELDS:
            changes[name] = value
    return changes
