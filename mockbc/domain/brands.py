"""The brand record."""

from __future__ import annotations

from dataclasses import dataclass

from mockbc.domain.records import CustomUrl
from mockbc.domain.storage import Index, TableSpec

MAX_BRANDS_PER_STORE = 30000


@dataclass(frozen=True, slots=True)
class Brand:
    id: int
    name: str
    custom_url: CustomUrl
    page_title: str = ""
    meta_keywords: tuple[str, ...] = ()
    meta_description: str = ""
    search_keywords: str = ""
    image_url: str = ""


WRITABLE_FIELDS: frozenset[str] = frozenset(name for name in Brand.__dataclass_fields__ if name not in {"id"})

TABLES = (
    TableSpec(
        "brands",
        Brand,
        indexes=(
            Index("name", lambda b: b.name.casefold(), unique=True),
            Index("url", lambda b: b.custom_url.url, unique=True),
            # A product's keyword= search also matches its brand's name.
            Index("keyword", lambda b: (b.name,), words=True),
        ),
    ),
)
