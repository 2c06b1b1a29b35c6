"""Shared value types used by several resources."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class CustomUrl:
    url: str
    is_customized: bool = False


def slugify(name: str) -> str:
    slug = _SLUG_UNSAFE.sub("-", name.lower()).strip("-")
    return slug or "item"
