"""Categories on the v2 wire: the categories of the default tree (channel 1), as the v3 categories API sees them,
in the legacy API's dress (the archived v2 categories guide): ``url`` for ``custom_url``, ``image_file`` for
``image_url``, ``meta_keywords`` as a comma-separated string, and ``parent_category_list``, the ids from the
top-level ancestor down to the category itself."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockbc.domain.categories import WRITABLE_FIELDS, Category
from mockbc.domain.errors import Invalid, Problem
from mockbc.domain.records import CustomUrl
from mockbc.presentation.call import Call
from mockbc.presentation.v2 import QueryParam, View, query_reader
from mockbc.services import categories as service

# Read-only fields in a body are refused (archived v2 categories guide).
READ_ONLY = frozenset({"id", "parent_category_list"})


def to_v2(category: Category, call: Call) -> dict[str, Any]:
    return {
        "id": category.id,
        "parent_id": category.parent_id,
        "name": category.name,
        "description": category.description,
        "sort_order": category.sort_order,
        "page_title": category.page_title,
        "meta_keywords": ",".join(category.meta_keywords),
        "meta_description": category.meta_description,
        "layout_file": category.layout_file,
        # Read from the ancestors on every call: a move of one of them changes it.
        "parent_category_list": service.path_of(call.store, category.id),
        "image_file": category.image_url,
        "is_visible": category.is_visible,
        "search_keywords": category.search_keywords,
        "url": category.custom_url.url,
    }


def parse_v2(body: Mapping[str, Any]) -> dict[str, Any]:
    """A v2 category body as domain changes."""
    read_only = [Problem(name, "read_only", {"field": name}) for name in body if name in READ_ONLY]
    if read_only:
        raise Invalid("read_only", tuple(read_only))
    changes: dict[str, Any] = {}
    for name, value in body.items():
        if name == "url":
            changes["custom_url"] = CustomUrl(url=value, is_customized=True)
        elif name == "image_file":
            changes["image_url"] = value
        elif name == "meta_keywords":
            changes[name] = tuple(word.strip() for word in value.split(",") if word.strip())
        elif name in WRITABLE_FIELDS:
            changes[name] = value
    return changes


QUERY = {
    "min_id": QueryParam("id", "min"),
    "max_id": QueryParam("id", "max"),
    "name": QueryParam("name"),
    "parent_id": QueryParam("parent_id"),
    "is_visible": QueryParam("is_visible"),
}

VIEW_V2 = View("category.v2", to_v2, parse_v2, query=query_reader(QUERY))
