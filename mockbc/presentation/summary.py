"""The catalog summary on the v3 wire (upstream products_catalog.v3.yml, getCatalogSummary)."""

from __future__ import annotations

from typing import Any

from mockbc.presentation.call import Call
from mockbc.presentation.v3 import View
from mockbc.presentation.wire import iso
from mockbc.services.summary import PRECISION, CatalogSummary


def _money_text(value: float) -> str:
    # Upstream types lowest_variant_price alone as a string; it is written as a plain decimal: "7", "12.5".
    return f"{value:.{PRECISION}f}".rstrip("0").rstrip(".")


def to_v3(summary: CatalogSummary, call: Call) -> dict[str, Any]:
    category = summary.primary_category
    return {
        "inventory_count": summary.inventory_count,
        "inventory_value": summary.inventory_value,
        # No category holding a product: 0 and "", as a product without a brand has brand_id 0.
        "primary_category_id": category.id if category is not None else 0,
        "primary_category_name": category.name if category is not None else "",
        "variant_count": summary.variant_count,
        "highest_variant_price": summary.highest_variant_price,
        "average_variant_price": summary.average_variant_price,
        "lowest_variant_price": _money_text(summary.lowest_variant_price),
        # No variants: "", as v3 writes a product's unset date_last_imported.
        "oldest_variant_date": iso(summary.oldest_variant_date) or "",
        "newest_variant_date": iso(summary.newest_variant_date) or "",
    }


VIEW = View("catalog_summary.v3", to_v3)
