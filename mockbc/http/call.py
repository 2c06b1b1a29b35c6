"""What a handler receives and returns; handlers never see Starlette objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mockbc.store.store import Store


@dataclass(slots=True)
class Call:
    store: Store
    query: dict[str, Any]
    query_items: list[tuple[str, str]]
    path: dict[str, Any]
    body: Any = None
    client_id: str = ""


@dataclass(slots=True)
class Reply:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
