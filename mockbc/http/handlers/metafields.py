"""Metafields of products, variants, categories, brands, orders and customers:

- ``/v3/catalog/products/{product_id}/metafields[/{metafield_id}]``
- ``/v3/catalog/products/{product_id}/variants/{variant_id}/metafields[/{metafield_id}]``
- ``/v3/catalog/categories/{category_id}/metafields[/{metafield_id}]``
- ``/v3/catalog/brands/{brand_id}/metafields[/{metafield_id}]``
- ``/v3/orders/{order_id}/metafields[/{metafield_id}]``
- ``/v3/customers/{customerId}/metafields[/{metafieldId}]``
- the store-wide lists and batches ``/v3/catalog/{products,variants,categories,brands}/metafields``,
  ``/v3/orders/metafields`` and ``/v3/customers/metafields``.

The nine operations of each kind share one set of handlers, made per ``Kind``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mockbc.domain import errors as e
from mockbc.domain.metafields import BRAND, CATEGORY, CUSTOMER, ORDER, PRODUCT, VARIANT, Kind, Metafield
from mockbc.domain.query import Condition, Page
from mockbc.http.operations import Binding, binding
from mockbc.presentation import metafields as wire
from mockbc.presentation.call import Batch, Call, View
from mockbc.presentation.params import date_converter
from mockbc.services import metafields as service

FILTERABLE = frozenset({"id", "key", "namespace", "date_created", "date_modified"})
DATE_FILTERS = ("date_created", "date_modified")
# The path parameters naming the owner and the metafield (customers.v3.yml spells them in camelCase).
PATH_PARAMS = {
    PRODUCT: ("product_id", "metafield_id"),
    VARIANT: ("variant_id", "metafield_id"),
    CATEGORY: ("category_id", "metafield_id"),
    BRAND: ("brand_id", "metafield_id"),
    ORDER: ("order_id", "metafield_id"),
    CUSTOMER: ("customerId", "metafieldId"),
}

Handler = Callable[[Call], Any]


def _converters(call: Call) -> dict[str, Any]:
    if not any(key.startswith(DATE_FILTERS) for key in call.query):
        return {}
    now = call.store.clock.now()  # a bare date takes the request's time of day, as on products
    return {name: date_converter(now) for name in DATE_FILTERS}


def _resource_ids(call: Call) -> list[Condition]:
    # getProductMetafields types resource_id:in as one comma-separated string (products_catalog.v3.yml).
    raw = call.query.get("resource_id:in")
    if raw is None:
        return []
    ids: list[int] = []
    for part in (p.strip() for p in str(raw).split(",")):
        if not part:
            continue
        if not (part.isascii() and part.isdigit()):
            raise e.invalid("filter", "resource_id:in", "not_integer", raw=part)
        ids.append(int(part))
    return [Condition("resource_id", "in", ids)]


def _owner(kind: Kind, call: Call) -> tuple[int, int | None]:
    """The owner's id from the path, and the product a variant is named under."""
    return call.path[PATH_PARAMS[kind][0]], call.path.get("product_id") if kind is VARIANT else None


def _metafield_id(kind: Kind, call: Call) -> int:
    metafield_id: int = call.path[PATH_PARAMS[kind][1]]
    return metafield_id


def _list(kind: Kind) -> Handler:
    def handler(call: Call) -> Page[Metafield] | wire.CursorPage:
        resource_id, product_id = _owner(kind, call)
        service.check_owner(call.store, kind, resource_id, product_id=product_id)
        listing = call.view.listing(call, FILTERABLE, _converters(call))
        conditions = [*listing.conditions, *_resource_ids(call)]
        found = service.find(call.store, kind, call.client_id, conditions, resource_id=resource_id)
        return wire.paged(call, found, listing)

    return handler


def _get(kind: Kind) -> Handler:
    def handler(call: Call) -> Metafield:
        resource_id, product_id = _owner(kind, call)
        service.check_owner(call.store, kind, resource_id, product_id=product_id)
        return service.get(call.store, kind, resource_id, _metafield_id(kind, call), call.client_id)

    return handler


def _create(kind: Kind) -> Handler:
    def handler(call: Call) -> Metafield:
        resource_id, product_id = _owner(kind, call)
        changes = call.view.parse(call.body)
        return service.create(call.store, kind, resource_id, changes, call.client_id, product_id=product_id)

    return handler


def _update(kind: Kind) -> Handler:
    def handler(call: Call) -> Metafield:
        resource_id, product_id = _owner(kind, call)
        changes = call.view.parse(call.body)
        return service.update(
            call.store, kind, resource_id, _metafield_id(kind, call), changes, call.client_id, product_id=product_id
        )

    return handler


def _delete(kind: Kind) -> Handler:
    def handler(call: Call) -> None:
        resource_id, product_id = _owner(kind, call)
        metafield_id = _metafield_id(kind, call)
        service.delete(call.store, kind, resource_id, metafield_id, call.client_id, product_id=product_id)

    return handler


def _list_all(kind: Kind) -> Handler:
    def handler(call: Call) -> Page[Metafield] | wire.CursorPage:
        listing = call.view.listing(call, FILTERABLE, _converters(call))
        return wire.paged(call, service.find(call.store, kind, call.client_id, listing.conditions), listing)

    return handler


def _create_many(kind: Kind) -> Handler:
    def handler(call: Call) -> Batch[Metafield]:
        items = [(item["resource_id"], call.view.parse(item)) for item in call.body]
        done, failures = service.create_many(call.store, kind, items, call.client_id)
        return Batch(done, failures, len(items))

    return handler


def _update_many(kind: Kind) -> Handler:
    def handler(call: Call) -> Batch[Metafield]:
        items = [(item["id"], call.view.parse(item)) for item in call.body]
        done, failures = service.update_many(call.store, kind, items, call.client_id)
        return Batch(done, failures, len(items))

    return handler


def _delete_many(kind: Kind) -> Handler:
    def handler(call: Call) -> Batch[int]:
        if kind is CUSTOMER:
            # customers.v3.yml deleteCustomersMetafields takes no body: it deletes every metafield the account sees.
            ids = [m.id for m in service.find(call.store, kind, call.client_id, [])]
        elif call.body is None:
            raise e.BadRequest("empty")
        else:
            ids = list(call.body)
        done, failures = service.delete_many(call.store, kind, ids, call.client_id)
        return Batch(done, failures, len(ids))

    return handler


# operationIds per kind, in the order: list, create, get, update, delete of one owner's
# metafields, then the store-wide list, batch create, batch update, batch delete.
OPERATION_IDS: dict[Kind, tuple[str, ...]] = {
    PRODUCT: (
        "getProductMetafields", "createProductMetafield", "getProductMetafield", "updateProductMetafield",
        "deleteProductMetafield", "getProductsMetafields", "createProductsMetafields", "updateProductsMetafields",
        "deleteProductsMetafields",
    ),
    VARIANT: (
        "getProductVariantMetafields", "createProductVariantMetafield", "getProductVariantMetafield",
        "updateProductVariantMetafield", "deleteProductVariantMetafield", "getVariantsMetafields",
        "createVariantsMetafields", "updateVariantsMetafields", "deleteVariantsMetafields",
    ),
    CATEGORY: (
        "getCategoryMetafields", "createCategoryMetafield", "getCategoryMetafield", "updateCategoryMetafield",
        "deleteCategoryMetafield", "getCategoriesMetafields", "createCategoriesMetafields",
        "updateCategoriesMetafields", "deleteCategoriesMetafields",
    ),
    BRAND: (
        "getBrandMetafields", "createBrandMetafield", "getBrandMetafield", "updateBrandMetafield",
        "deleteBrandMetafield", "getBrandsMetafields", "createBrandsMetafields", "updateBrandsMetafields",
        "deleteBrandsMetafields",
    ),
    ORDER: (
        "getOrderMetafields", "createOrderMetafield", "getOrderMetafield", "updateOrderMetafield",
        "deleteOrderMetafield", "getOrdersMetafields", "createOrdersMetafields", "updateOrdersMetafields",
        "deleteOrdersMetafields",
    ),
    CUSTOMER: (
        "getCustomersMetafields", "createCustomerMetafields", "getMetafieldsCustomerId", "updateCustomerMetafield",
        "deleteCustomerMetafieldsId", "getAllCustomersMetafields", "createCustomersMetafields",
        "updateCustomersMetafields", "deleteCustomersMetafields",
    ),
}  # fmt: skip
SCOPES = {ORDER: "orders", CUSTOMER: "customers"}


def _views(kind: Kind) -> tuple[View, ...]:
    """The views of the nine operations, in the order of ``OPERATION_IDS``."""
    # customers.v3.yml: createCustomerMetafields and updateCustomerMetafield answer the collection
    # envelope (MetaFieldCollectionPostPutResponses) where the other kinds answer the one record.
    write = wire.OWNER_WRITE_LISTED if kind is CUSTOMER else wire.OWNER
    # updateBrandsMetafields documents a flat 422 where its siblings document the batch envelope.
    update_many = wire.UPDATE_MANY_FLAT if kind is BRAND else wire.UPDATE_MANY
    one = wire.OWNER
    return (one, write, one, write, one, wire.STORE_LIST, wire.CREATE_MANY, update_many, wire.DELETE_MANY)


def _bindings() -> tuple[Binding, ...]:
    out: list[Binding] = []
    for kind, op_ids in OPERATION_IDS.items():
        handlers = (
            _list(kind), _create(kind), _get(kind), _update(kind), _delete(kind),
            _list_all(kind), _create_many(kind), _update_many(kind), _delete_many(kind),
        )  # fmt: skip
        out.extend(
            binding("v3", op_id, handler, view, scope=SCOPES.get(kind, "products"))
            for op_id, handler, view in zip(op_ids, handlers, _views(kind), strict=True)
        )
    return tuple(out)


OPERATIONS = _bindings()
