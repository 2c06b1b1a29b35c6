"""Channel and category assignments on the v3 wire, and the ``channels`` include of products."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from mockbc.domain.assignments import CategoryAssignment, ChannelAssignment
from mockbc.domain.products import Product
from mockbc.presentation.call import Call
from mockbc.presentation.v3 import View
from mockbc.services import assignments as service


def _channels_include(product: Product, call: Call) -> list[int]:
    return list(service.channels_of(call.store, product.id))


# include=channels on products: the channels listing the product, ascending.
PRODUCT_INCLUDES: dict[str, Callable[[Product, Call], Any]] = {"channels": _channels_include}


def channel_to_v3(pair: ChannelAssignment, call: Call) -> dict[str, Any]:
    return {"product_id": pair.product_id, "channel_id": pair.channel_id}


def category_to_v3(pair: CategoryAssignment, call: Call) -> dict[str, Any]:
    return {"product_id": pair.product_id, "category_id": pair.category_id}


def channels_from_v3(items: Sequence[Mapping[str, Any]]) -> list[ChannelAssignment]:
    """A validated PUT body (every item has both ids)."""
    return [ChannelAssignment(int(item["product_id"]), int(item["channel_id"])) for item in items]


def categories_from_v3(items: Sequence[Mapping[str, Any]]) -> list[CategoryAssignment]:
    return [CategoryAssignment(int(item["product_id"]), int(item["category_id"])) for item in items]


CHANNELS_VIEW = View("channel_assignment.v3", channel_to_v3)
CATEGORIES_VIEW = View("category_assignment.v3", category_to_v3)
