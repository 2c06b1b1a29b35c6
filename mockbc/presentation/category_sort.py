"""A category's product sort order on the v3 wire."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mockbc.domain.category_sort import ProductPosition
from mockbc.presentation.call import Call, Rendered
from mockbc.presentation.v3 import View


def position_to_v3(position: ProductPosition, call: Call) -> dict[str, Any]:
    return {"product_id": position.product_id, "sort_order": position.sort_order}


def positions_from_v3(items: Sequence[Mapping[str, Any]]) -> list[ProductPosition]:
    """A validated PUT body (every item has both fields)."""
    return [ProductPosition(int(item["product_id"]), int(item["sort_order"])) for item in items]


class BareListView(View):
    """A list answered as a bare JSON array, without the ``{data, meta}`` envelope: upstream's
    updateCategorySortOrders documents its 200 body as an array of the items."""

    def render(self, result: object, call: Call, status: int) -> Rendered:
        if isinstance(result, list):
            return Rendered(status, [self.item(item, call) for item in result])
        return super().render(result, call, status)


LIST_VIEW = View("category_sort_order.v3", position_to_v3)
UPDATE_VIEW = BareListView("category_sort_order.v3", position_to_v3)
