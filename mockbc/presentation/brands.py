"""Brands on the v3 wire."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockbc.domain.brands import WRITABLE_FIELDS, Brand
from mockbc.presentation.call import Call
from mockbc.presentation.v3 import View
from mockbc.presentation.wire import custom_url_in, custom_url_out, select_fields


def to_v3(brand: Brand) -> dict[str, Any]:
    return {
        "id": brand.id,
        "name": brand.name,
        "page_title": brand.page_title,
        "meta_keywords": list(brand.meta_keywords),
        "meta_description": brand.meta_description,
        "search_keywords": brand.search_keywords,
        "image_url": brand.image_url,
        "custom_url": custom_url_out(brand.custom_url),
    }


def changes_from_v3(body: Mapping[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name, value in body.items():
        if name not in WRITABLE_FIELDS or value is None:
            continue
        if name == "custom_url":
            # Without a url the custom_url is left out: generated on create, kept on update.
            if value.get("url"):
                changes[name] = custom_url_in(value)
        elif name == "meta_keywords":
            changes[name] = tuple(value)
        else:
            changes[name] = value
    return changes


# Upstream's brand schema requires ``name``; include_fields / exclude_fields never drop it.
ALWAYS = frozenset({"id", "name"})


def item_v3(brand: Brand, call: Call) -> dict[str, Any]:
    return select_fields(
        to_v3(brand), call.query.get("include_fields"), call.query.get("exclude_fields"), always=ALWAYS
    )


SORTS = {"id": lambda b: b.id, "name": lambda b: b.name.casefold()}

VIEW_V3 = View(
    "brand.v3", item_v3, changes_from_v3, sorts=SORTS, whole=to_v3,
    shaping=frozenset({"include_fields", "exclude_fields"}),
)  # fmt: skip
