"""v3 Catalog brands: /v3/catalog/brands[/{brand_id}]."""

from __future__ import annotations

from typing import Any

from mockbc.domain.brands import Brand
from mockbc.domain.errors import Invalid
from mockbc.domain.query import apply_filters, paginate, sort_by
from mockbc.http.call import Call, Reply
from mockbc.presentation import brands as wire
from mockbc.presentation import v3
from mockbc.presentation.params import conditions, descending, page_request
from mockbc.presentation.wire import select_fields
from mockbc.services import brands as service

FILTERABLE = frozenset({"id", "name", "page_title"})
GETTERS: dict[str, Any] = {"id": lambda b: b.id, "name": lambda b: b.name, "page_title": lambda b: b.page_title}


def _render(call: Call, brand: Brand) -> dict[str, Any]:
    return select_fields(wire.to_v3(brand), call.query.get("include_fields"), call.query.get("exclude_fields"))


def _filtered(call: Call) -> list[Brand]:
    return apply_filters(call.store.brands.values(), conditions(call.query, filterable=FILTERABLE), GETTERS)


def list_brands(call: Call) -> Reply:
    brands = _filtered(call)
    if call.query.get("sort") == "name":
        brands = sort_by(brands, lambda b: b.name.casefold(), descending=descending(call.query))
    elif descending(call.query):
        brands.reverse()
    request = page_request(call.query)
    page = paginate(brands, page=request.page, limit=request.limit)
    return Reply(200, v3.collection(page, [_render(call, b) for b in page.items], call.query_items))


def get_brand(call: Call) -> Reply:
    return Reply(200, v3.single(_render(call, service.get(call.store, call.path["brand_id"]))))


def create_brand(call: Call) -> Reply:
    return Reply(200, v3.single(_render(call, service.create(call.store, wire.changes_from_v3(call.body)))))


def update_brand(call: Call) -> Reply:
    brand = service.update(call.store, call.path["brand_id"], wire.changes_from_v3(call.body))
    return Reply(200, v3.single(_render(call, brand)))


def delete_brand(call: Call) -> Reply:
    service.get(call.store, call.path["brand_id"])  # 404 for an unknown id (spec lists 404)
    service.delete(call.store, call.path["brand_id"])
    return Reply(204)


def delete_brands(call: Call) -> Reply:
    # The name filter is required (BC_FACTS §9.13); the spec marks it so, this guards a blank one.
    if not call.query.get("name"):
        raise Invalid({"name": "error.path.missing"}, title="The filter(s) given are invalid.")
    for brand in _filtered(call):
        service.delete(call.store, brand.id)
    return Reply(204)


HANDLERS = {
    "getBrands": (list_brands, "products"),
    "getBrand": (get_brand, "products"),
    "createBrand": (create_brand, "products"),
    "updateBrand": (update_brand, "products"),
    "deleteBrand": (delete_brand, "products"),
    "deleteBrands": (delete_brands, "products"),
}
