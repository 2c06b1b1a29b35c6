"""Create, change, find and delete a product's custom fields (upstream products_catalog.v3.yml,
createProductCustomField and its siblings), and the ``custom_fields`` a product body carries.

Rules: at most 200 per product (more: 422); the name-value pair is unique within the product
(409). Every check runs before the first write.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockbc.domain.custom_fields import MAX_PER_PRODUCT, CustomField, pair_key
from mockbc.domain.errors import NotFound, conflict, invalid, limit_exceeded
from mockbc.domain.products import Product
from mockbc.domain.query import Condition, Filter
from mockbc.services import products as product_service
from mockbc.services.products import Inline
from mockbc.store.select import Rows, select
from mockbc.store.store import Store

RESOURCE = "custom field"

FILTERS = {"product_id": Filter(get=lambda f: f.product_id, index="product_id")}


def of_product(store: Store, product_id: int, conditions: Sequence[Condition] = ()) -> Rows:
    """The product's custom fields, in id order, read through the product_id index."""
    return select(store.custom_fields, [Condition("product_id", "eq", product_id), *conditions], FILTERS)


def find(store: Store, product_id: int) -> Rows:
    product_service.get(store, product_id)
    return of_product(store, product_id)


def get(store: Store, product_id: int, field_id: int) -> CustomField:
    product_service.get(store, product_id)
    field: CustomField | None = store.custom_fields.get(field_id)
    if field is None or field.product_id != product_id:
        raise NotFound(RESOURCE, field_id)
    return field


def _count(store: Store, product_id: int) -> int:
    return len(store.custom_fields.lookup("product_id", product_id))


def _check_pair(store: Store, product_id: int, name: str, value: str, own_id: int | None, where: str = "name") -> None:
    owner = store.custom_fields.unique("pair", pair_key(product_id, name, value))
    if owner is not None and owner != own_id:
        raise conflict("custom_field_duplicate", where, "custom_field_duplicate", name=name, value=value)


def create(store: Store, product_id: int, changes: Mapping[str, Any]) -> CustomField:
    product_service.get(store, product_id)
    if _count(store, product_id) >= MAX_PER_PRODUCT:
        raise limit_exceeded(
            "custom_field_limit", "custom_fields", "per_product_limit", limit=MAX_PER_PRODUCT, resource="custom fields"
        )
    name, value = changes["name"], changes["value"]
    _check_pair(store, product_id, name, value, None)
    field = CustomField(id=store.next_id("custom_fields"), product_id=product_id, name=name, value=value)
    store.custom_fields.put(field.id, field)
    store.emit("custom_field", "created", field.id)
    return field


def update(store: Store, product_id: int, field_id: int, changes: Mapping[str, Any]) -> CustomField:
    field = get(store, product_id, field_id)
    updated = replace(field, **{k: v for k, v in changes.items() if k in ("name", "value")})
    if (updated.name, updated.value) != (field.name, field.value):
        _check_pair(store, product_id, updated.name, updated.value, field.id, "value" if "value" in changes else "name")
    store.custom_fields.put(updated.id, updated)
    store.emit("custom_field", "updated", updated.id)
    return updated


def delete(store: Store, product_id: int, field_id: int) -> None:
    get(store, product_id, field_id)
    store.delete("custom_fields", [field_id])


# --------------------------------------------------------------------------- inline on a product body


def check_inline(store: Store, product: Product | None, items: Sequence[Mapping[str, Any]]) -> None:
    """The ``custom_fields`` of a product body, checked before anything is written.

    On an update an item with an ``id`` changes that field of the product and one without adds
    a field (upstream productCustomField_Put: the id is what updates an existing field); fields
    the body does not name are kept. On a create every item is a new field and ids are ignored."""
    stored = {f.id: f for f in of_product(store, product.id)} if product is not None else {}
    named: set[int] = set()
    for index, item in enumerate(items):
        field_id = item.get("id") if product is not None else None
        if field_id is None:
            continue
        if field_id in named:
            raise invalid("payload", f"{index}.id", "repeated_in_request")
        if field_id not in stored:
            raise invalid("payload", f"{index}.id", "not_of_product", resource=RESOURCE, id=field_id)
        named.add(field_id)
    added = len(items) - len(named)
    if len(stored) + added > MAX_PER_PRODUCT:
        raise invalid("custom_field_limit", "", "per_product_limit", limit=MAX_PER_PRODUCT, resource="custom fields")
    # The pairs once the body is written: the fields it leaves alone, then its items in order.
    owners: dict[tuple[str, str], int | None] = {(f.name, f.value): None for f in stored.values() if f.id not in named}
    for index, item in enumerate(items):
        pair = (item["name"], item["value"])
        if pair in owners:
            other = owners[pair]
            if other is None:
                raise conflict(
                    "custom_field_duplicate", f"{index}.name", "custom_field_duplicate", name=pair[0], value=pair[1]
                )
            raise conflict("custom_field_duplicate", f"{index}.name", "inline_duplicate", item=other)
        owners[pair] = index


def write_inline(store: Store, product_id: int, items: Sequence[Mapping[str, Any]]) -> None:
    """Write what ``check_inline`` accepted: an id of one of the product's fields updates it,
    anything else (every item of a new product) adds a field."""
    stored = {f.id: f for f in of_product(store, product_id)}  # before this write: none on a new product
    for item in items:
        target = stored.get(item["id"]) if item.get("id") is not None else None
        if target is not None:
            store.custom_fields.put(target.id, replace(target, name=item["name"], value=item["value"]))
            store.emit("custom_field", "updated", target.id)
        else:
            field = CustomField(store.next_id("custom_fields"), product_id, item["name"], item["value"])
            store.custom_fields.put(field.id, field)
            store.emit("custom_field", "created", field.id)


PRODUCT_INLINE = {"custom_fields": Inline(check_inline, write_inline)}
