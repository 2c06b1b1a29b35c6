"""Brands on the v3 wire."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockbc.domain.brands import WRITABLE_FIELDS, Brand
from mockbc.presentation.wire import custom_url_in, custom_url_out


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
