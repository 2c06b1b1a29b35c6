"""A product's bulk pricing rules: /v3/catalog/products/{product_id}/bulk-pricing-rules[/{bulk_pricing_rule_id}]."""

from __future__ import annotations

from mockbc.domain.bulk_pricing import BulkPricingRule
from mockbc.domain.query import Page
from mockbc.http.operations import bindings
from mockbc.presentation import bulk_pricing as wire
from mockbc.presentation.call import Call
from mockbc.services import bulk_pricing as service


def list_rules(call: Call) -> Page[BulkPricingRule]:
    listing = call.view.listing(call, ())
    return call.view.page(service.find(call.store, call.path["product_id"]), listing)


def get_rule(call: Call) -> BulkPricingRule:
    return service.get(call.store, call.path["product_id"], call.path["bulk_pricing_rule_id"])


def create_rule(call: Call) -> BulkPricingRule:
    return service.create(call.store, call.path["product_id"], call.view.parse(call.body))


def update_rule(call: Call) -> BulkPricingRule:
    changes = call.view.parse(call.body)
    return service.update(call.store, call.path["product_id"], call.path["bulk_pricing_rule_id"], changes)


def delete_rule(call: Call) -> None:
    service.delete(call.store, call.path["product_id"], call.path["bulk_pricing_rule_id"])


OPERATIONS = bindings(
    "v3",
    wire.VIEW_V3,
    scope="products",
    handlers={
        "getAllBulkPricingRules": list_rules,
        "createBulkPricingRule": create_rule,
        "getBulkPricingRule": get_rule,
        "updateBulkPricingRule": update_rule,
        "deleteBulkPricingRule": delete_rule,
    },
)
