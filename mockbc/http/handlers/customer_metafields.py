"""Customer metafields: /v3/customers/{customerId}/metafields[/{metafieldId}] and the store-wide
/v3/customers/metafields lists and batches (upstream customers.v3.yml)."""

from __future__ import annotations

from typing import Any

from mockbc.domain.query import Condition, Page
from mockbc.http.operations import binding
from mockbc.presentation import customers as wire
from mockbc.presentation import metafields as metafield_wire
from mockbc.presentation.call import Batch, Call
from mockbc.presentation.params import date_converter
from mockbc.services import customer_metafields as service

FILTERABLE = frozenset({"key", "namespace", "date_created", "date_modified"})
DATE_FILTERS = ("date_created", "date_modified")


def _converters(call: Call) -> dict[str, Any]:
    if not any(key.startswith(DATE_FILTERS) for key in call.query):
        return {}
    now = call.store.clock.now()
    return {name: date_converter(now) for name in DATE_FILTERS}


def _conditions(call: Call) -> tuple[list[Condition], Any]:
    listing = call.view.listing(call, FILTERABLE, _converters(call))
    return listing.conditions, listing


def list_metafields(call: Call) -> Page[Any] | metafield_wire.CursorPage:
    conditions, listing = _conditions(call)
    found = service.find(call.store, call.client_id, conditions, customer_id=call.path["customerId"])
    return metafield_wire.paged(call, found, listing)


def list_all_metafields(call: Call) -> Page[Any] | metafield_wire.CursorPage:
    conditions, listing = _conditions(call)
    return metafield_wire.paged(call, service.find(call.store, call.client_id, conditions), listing)


def get_metafield(call: Call) -> Any:
    return service.get(call.store, call.path["customerId"], call.path["metafieldId"], call.client_id)


def create_metafield(call: Call) -> Batch[Any]:
    changes = metafield_wire.changes_from_v3(call.body)
    return Batch([service.create(call.store, call.path["customerId"], changes, call.client_id)], [], 1)


def update_metafield(call: Call) -> Batch[Any]:
    changes = metafield_wire.changes_from_v3(call.body)
    updated = service.update(call.store, call.path["customerId"], call.path["metafieldId"], changes, call.client_id)
    return Batch([updated], [], 1)


def delete_metafield(call: Call) -> None:
    service.delete(call.store, call.path["customerId"], call.path["metafieldId"], call.client_id)


def create_metafields(call: Call) -> Batch[Any]:
    items = [(item["resource_id"], metafield_wire.changes_from_v3(item)) for item in call.body]
    done, failures = service.create_many(call.store, items, call.client_id)
    return Batch(done, failures, len(items))


def update_metafields(call: Call) -> Batch[Any]:
    items = [(item["id"], metafield_wire.changes_from_v3(item)) for item in call.body]
    done, failures = service.update_many(call.store, items, call.client_id)
    return Batch(done, failures, len(items))


def delete_metafields(call: Call) -> Batch[int]:
    done, failures = service.delete_every(call.store, call.client_id)
    return Batch(done, failures, len(done) + len(failures))


OPERATIONS = tuple(
    binding("v3", op_id, handler, view, scope="customers")
    for op_id, handler, view in (
        ("getCustomersMetafields", list_metafields, wire.METAFIELDS),
        ("createCustomerMetafields", create_metafield, wire.METAFIELD_WRITE),
        ("getMetafieldsCustomerId", get_metafield, wire.METAFIELD),
        ("updateCustomerMetafield", update_metafield, wire.METAFIELD_WRITE),
        ("deleteCustomerMetafieldsId", delete_metafield, wire.METAFIELD),
        ("getAllCustomersMetafields", list_all_metafields, wire.METAFIELDS),
        ("createCustomersMetafields", create_metafields, wire.METAFIELDS_CREATE),
        ("updateCustomersMetafields", update_metafields, wire.METAFIELDS_UPDATE),
        ("deleteCustomersMetafields", delete_metafields, wire.METAFIELDS_DELETE),
    )
)
