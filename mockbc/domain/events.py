"""What changed in a store, as it happens: every service write emits one ``Event`` per record.

Webhooks and the storefront layer subscribe (``Store.subscribe``); nothing here knows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Action = Literal["created", "updated", "deleted"]


@dataclass(frozen=True, slots=True)
class Event:
    store_hash: str
    resource: str  # "product", "sku", "category", "brand", "category_tree"
    action: Action
    id: int

    @property
    def scope(self) -> str:
        """The webhook scope BigCommerce names this change with: ``store/product/created``."""
        return f"store/{self.resource}/{self.action}"
