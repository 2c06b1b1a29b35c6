"""v3 Catalog products: /v3/catalog/products[/{product_id}]."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mockbc.domain.errors import Conflict, Invalid, NotFound, PayloadTooLarge
from mockbc.domain.products import MAX_BATCH_DELETE, MAX_BATCH_UPDATE, Product, is_low_stock
from mockbc.domain.query import Condition, apply_filters, paginate, sort_by
from mockbc.http.call import Call, Reply
from mockbc.presentation import products as wire
from mockbc.presentation import v3
from mockbc.presentation.params import conditions, date_converter, descending, page_request
from mockbc.presentation.wire import select_fields
from mockbc.services import products as service
from mockbc.store.store import Store

FILTERABLE = frozenset({
    "id", "name", "sku", "mpn", "upc", "price", "weight", "type", "condition", "availability",
    "brand_id", "is_visible", "is_featured", "is_free_shipping", "categories", "keyword",
    "date_modified", "date_last_imported", "inventory_level", "inventory_low", "out_of_stock",
    "total_sold", "channel_id",
})  # fmt: skip

SORT_KEYS = {
    "id": lambda p: p.id,
    "name": lambda p: p.name.casefold(),
    "sku": lambda p: p.sku.casefold(),
    "price": lambda p: p.price,
    "date_modified": lambda p: p.date_modified,
    "date_last_imported": lambda p: (p.date_last_imported is not None, p.date_last_imported or p.date_created),
    "inventory_level": lambda p: p.inventory_level,
    "is_visible": lambda p: p.is_visible,
    "total_sold": lambda p: p.total_sold,
    "calculated_price": lambda p: wire.calculated_price(p),
}
# Sub-resources that exist in the mock so far; the rest of the documented list renders empty.
INCLUDABLE = {"variants", "options"}
# BC_FACTS §3.1: with include=options or include=modifiers a page holds at most 10 products.
HEAVY_INCLUDES = {"options", "modifiers"}
HEAVY_INCLUDE_LIMIT = 10
DUPLICATE_TITLES = {
    "name": "The product name is a duplicate.",
    "sku": "The SKU is a duplicate.",
    "custom_url": "The custom URL is a duplicate.",
}


def _getters(store: Store) -> dict[str, Any]:
    return {
        # sku and sku:in match the product's own (main) SKU, not its variants' (upstream spec).
        "id": lambda p: p.id, "name": lambda p: p.name, "sku": lambda p: p.sku, "mpn": lambda p: p.mpn,
        "upc": lambda p: p.upc, "price": lambda p: p.price, "weight": lambda p: p.weight,
        "type": lambda p: p.type, "availability": lambda p: p.availability, "brand_id": lambda p: p.brand_id,
        "is_visible": lambda p: p.is_visible, "is_featured": lambda p: p.is_featured,
        "is_free_shipping": lambda p: p.is_free_shipping, "categories": lambda p: p.categories,
        # The condition filter is lowercase while bodies are capitalised (BC_FACTS §9.4).
        "condition": lambda p: p.condition.lower(),
        "date_modified": lambda p: p.date_modified, "date_last_imported": lambda p: p.date_last_imported,
        "inventory_level": lambda p: p.inventory_level, "total_sold": lambda p: p.total_sold,
        # Every product is listed on the default channel 1.
        "channel_id": lambda p: 1,
    }  # fmt: skip


def _custom(store: Store) -> dict[str, Any]:
    def keyword(condition: Condition) -> Any:
        needle = str(condition.value).casefold()

        def match(p: Product) -> bool:
            brand = store.brands.get(p.brand_id) if p.brand_id else None
            haystack = (p.name, p.description, p.sku, brand.name if brand else "")
            return any(needle in text.casefold() for text in haystack)

        return match

    def inventory_low(condition: Condition) -> Any:
        wanted = bool(condition.value)
        return lambda p: is_low_stock(p) == wanted

    def out_of_stock(condition: Condition) -> Any:
        # Upstream: "to enable the filter, pass out_of_stock=1"; 0 leaves the filter off.
        if not condition.value:
            return lambda p: True
        return lambda p: p.inventory_tracking != "none" and p.inventory_level <= 0

    return {"keyword": keyword, "inventory_low": inventory_low, "out_of_stock": out_of_stock}


def _filtered(call: Call) -> list[Product]:
    store = call.store
    found = conditions(
        call.query,
        filterable=FILTERABLE,
        converters={
            "date_modified": date_converter(store.clock.now()),
            "date_last_imported": date_converter(store.clock.now()),
            "is_featured": bool,
            "is_free_shipping": bool,
        },
    )
    return apply_filters(store.products.values(), found, _getters(store), _custom(store))


def _product_json(store: Store, product: Product) -> dict[str, Any]:
    """``wire.to_v3(product)``, memoised per record (a list of 50 would otherwise rebuild 50
    70-field objects on every request). Returns a fresh top-level dict the caller may extend."""
    key = ("product", product.id)
    cached = store.rendered.get(key)
    if cached is None or cached[0] is not product:
        cached = (product, wire.to_v3(product))
        store.rendered[key] = cached
    return dict(cached[1])


def _render(call: Call, product: Product) -> dict[str, Any]:
    # include_fields / exclude_fields pick among the product's own fields; sub-resources
    # named in include= are always added.
    out = select_fields(_product_json(call.store, product), call.query.get("include_fields"), call.query.get("exclude_fields"))
    includes = call.query.get("include") or ()
    if "variants" in includes:
        out["variants"] = [wire.variant_to_v3(v, product) for v in service.variants_of(call.store, product)]
    if "options" in includes:
        out["options"] = [wire.option_to_v3(o) for o in service.options_of(call.store, product)]
    for name in includes:
        if name == "primary_image":
            continue  # the mock holds no images yet; upstream's primary_image is a non-null object
        if name == "channels":
            out[name] = [1]  # every product is listed on the default channel
        elif name not in INCLUDABLE:
            out[name] = []
    return out


def list_products(call: Call) -> Reply:
    products = _filtered(call)
    sort = call.query.get("sort")
    if sort:
        products = sort_by(products, SORT_KEYS[sort], descending=descending(call.query))
    elif descending(call.query):
        products.reverse()
    heavy = HEAVY_INCLUDES.intersection(call.query.get("include") or ())
    request = page_request(call.query, max_limit=HEAVY_INCLUDE_LIMIT) if heavy else page_request(call.query)
    page = paginate(products, page=request.page, limit=request.limit)
    return Reply(200, v3.collection(page, [_render(call, p) for p in page.items], call.query_items))


def get_product(call: Call) -> Reply:
    return Reply(200, v3.single(_render(call, service.get(call.store, call.path["product_id"]))))


def create_product(call: Call) -> Reply:
    body = call.body
    product = service.create(
        call.store, wire.changes_from_request(body), wire.variants_from_v3(body.get("variants") or ())
    )
    return Reply(200, v3.single(_render(call, product)))


def update_product(call: Call) -> Reply:
    product = service.update(call.store, call.path["product_id"], wire.changes_from_request(call.body))
    return Reply(200, v3.single(_render(call, product)))


def update_products(call: Call) -> Reply:
    items = call.body
    if len(items) > MAX_BATCH_UPDATE:
        raise PayloadTooLarge(max_items=MAX_BATCH_UPDATE)
    store = call.store
    changes = [wire.changes_from_request(item) for item in items]
    # Check every item before writing any, so a failed batch leaves the store unchanged.
    # Items are checked against the store as it was before the batch; two items may not
    # claim the same name, SKU or custom URL.
    seen: set[int] = set()
    claimed: dict[tuple[str, str], int] = {}
    for index, (item, change) in enumerate(zip(items, changes)):
        product = store.products.get(item["id"])
        if product is None:
            raise NotFound("product", item["id"])
        if item["id"] in seen:
            raise Invalid({f"{index}.id": "appears more than once in the batch"})
        seen.add(item["id"])
        url = change.get("custom_url")
        for field, value in (("name", change.get("name")), ("sku", change.get("sku")), ("custom_url", url and url.url)):
            if not value:
                continue
            key = (field, value if field == "custom_url" else value.casefold())
            if key in claimed:
                raise Conflict(
                    {f"{index}.{field}": f"Item {claimed[key]} of this batch sets the same {field}."},
                    title=DUPLICATE_TITLES[field],
                )
            claimed[key] = index
        try:
            service.validate_update(store, product, change)
        except (Conflict, Invalid) as err:
            raise replace(err, fields={f"{index}.{name}": message for name, message in err.fields.items()}) from None
    updated = [service.update(store, item["id"], change) for item, change in zip(items, changes)]
    return Reply(200, {"data": [_render(call, p) for p in updated], "meta": {}})


def delete_product(call: Call) -> Reply:
    # Decision: deleting an unknown id answers 204, like the bulk delete (BC_FACTS §3.1 [?]).
    service.delete(call.store, call.path["product_id"])
    return Reply(204)


def delete_products(call: Call) -> Reply:
    if not conditions(call.query, filterable=FILTERABLE):
        raise Invalid({"filter": "At least one filter is required to delete products."}, title="A filter is required.")
    products = _filtered(call)
    if len(products) > MAX_BATCH_DELETE:
        raise Invalid(
            {"filter": f"The filter matches {len(products)} products; at most {MAX_BATCH_DELETE} can be deleted per request."},
            title="Too many products to delete.",
        )
    for product in products:
        service.delete(call.store, product.id)
    return Reply(204)


HANDLERS = {
    "getProducts": (list_products, "products"),
    "getProduct": (get_product, "products"),
    "createProduct": (create_product, "products"),
    "updateProduct": (update_product, "products"),
    "updateProducts": (update_products, "products"),
    "deleteProduct": (delete_product, "products"),
    "deleteProducts": (delete_products, "products"),
}
