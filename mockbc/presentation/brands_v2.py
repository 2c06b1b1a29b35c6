"""Brands on the v2 wire (the archived v2 brands spec, brands.v2.yaml): ``image_file`` for ``image_url`` and
``meta_keywords`` as a comma-separated string; the custom URL is v3's only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockbc.domain.brands import WRITABLE_FIELDS, Brand
from mockbc.domain.errors import Invalid, Problem
from mockbc.presentation.call import Call
from mockbc.presentation.v2 import QueryParam, View, query_reader

# The id is read-only: a body carrying it is refused (archived v2 brands spec, createBrand).
READ_ONLY = frozenset({"id"})


def to_v2(brand: Brand, call: Call) -> dict[str, Any]:
    return {
        "id": brand.id,
        "name": brand.name,
        "page_title": brand.page_title,
        "meta_keywords": ",".join(brand.meta_keywords),
        "meta_description": brand.meta_description,
        "image_file": brand.image_url,
        "search_keywords": brand.search_keywords,
    }


def parse_v2(body: Mapping[str, Any]) -> dict[str, Any]:
    """A v2 brand body as domain changes."""
    read_only = [Problem(name, "read_only", {"field": name}) for name in body if name in READ_ONLY]
    if read_only:
        raise Invalid("read_only", tuple(read_only))
    changes: dict[str, Any] = {}
    for name, value in body.items():
        if name == "image_file":
            changes["image_url"] = value
        elif name == "meta_keywords":
            changes[name] = tuple(word.strip() for word in value.split(",") if word.strip())
        elif name in WRITABLE_FIELDS and name != "custom_url":
            changes[name] = value
    return changes


QUERY = {
    "min_id": QueryParam("id", "min"),
    "max_id": QueryParam("id", "max"),
    "name": QueryParam("name"),
}

VIEW_V2 = View("brand.v2", to_v2, parse_v2, query=query_reader(QUERY))
