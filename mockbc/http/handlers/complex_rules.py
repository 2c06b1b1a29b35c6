"""A product's complex rules: /v3/catalog/products/{product_id}/complex-rules[/{complex_rule_id}]."""

from __future__ import annotations

from mockbc.domain.complex_rules import ComplexRule
from mockbc.domain.query import Page
from mockbc.http.operations import bindings
from mockbc.presentation import complex_rules as wire
from mockbc.presentation.call import Call
from mockbc.services import complex_rules as service


def list_rules(call: Call) -> Page[ComplexRule]:
    listing = call.view.listing(call, ())
    return call.view.page(service.find(call.store, call.path["product_id"]), listing)


def get_rule(call: Call) -> ComplexRule:
    return service.get(call.store, call.path["product_id"], call.path["complex_rule_id"])


def create_rule(call: Call) -> ComplexRule:
    return service.create(call.store, call.path["product_id"], call.view.parse(call.body))


def update_rule(call: Call) -> ComplexRule:
    changes = call.view.parse(call.body)
    return service.update(call.store, call.path["product_id"], call.path["complex_rule_id"], changes)


def delete_rule(call: Call) -> None:
    service.delete(call.store, call.path["product_id"], call.path["complex_rule_id"])


OPERATIONS = bindings(
    "v3",
    wire.VIEW_V3,
    scope="products",
    handlers={
        "getProductComplexRules": list_rules,
        "createProductComplexRule": create_rule,
        "getProductComplexRule": get_rule,
        "updateProductComplexRule": update_rule,
        "deleteProductComplexRule": delete_rule,
    },
)
