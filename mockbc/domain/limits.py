"""Limits and switches where BigCommerce is undocumented or where a user may want another answer.

One ``Limits`` per store (``create_app(limits=...)``, ``StoreRegistry(limits=...)``); the README's
fidelity table lists each default and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Limits:
    # Upstream documents no cap on POST/PUT /v3/catalog/trees/categories (category-trees_catalog.v3.yml); the mock
    # refuses bigger batches with 413, as the other batch endpoints do.
    tree_categories_batch: int = 1000
    # BigCommerce's status-codes guide lists 413 for "limit too high"; "cap" serves the maximum page instead.
    page_limit_over_max: Literal["refuse", "cap"] = "refuse"
    max_page_limit: int = 250
    # Uploaded image bytes one store keeps; upstream's budget is the plan's, the mock's is memory.
    upload_bytes: int = 256 * 1024 * 1024
    # An empty page of a v2 list (past the last page, or nothing matched) answers 204 with no body: upstream documents
    # it for v2 order shipments (orders.v2.oas2.yml), clients see it on every v2 list; "[]" answers 200 with [].
    v2_empty_page: Literal["204", "[]"] = "204"
    # An order line asking for more than a tracked stock level holds (orders.v2.oas2.yml documents no rule): "refuse"
    # answers 400 and writes nothing; "allow" takes the order and the stock level stops at 0.
    order_over_stock: Literal["refuse", "allow"] = "refuse"
