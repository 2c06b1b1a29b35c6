"""Every operation in specs/ is routed, and every route is an operation in specs/."""

from __future__ import annotations

import pytest

from mockbc.http.app import MockApp
from mockbc.http.operations import Binding, bind, discovered, merge
from mockbc.presentation import brands as brand_wire
from mockbc.spec import load_operations


def test_every_spec_operation_has_a_handler() -> None:
    assert sorted(set(load_operations()) - set(discovered())) == []


def test_every_handler_has_a_spec_operation() -> None:
    assert sorted(set(discovered()) - set(load_operations())) == []


def test_operations_are_keyed_by_api_and_operation_id() -> None:
    keys = set(load_operations())
    assert ("v3", "getProducts") in keys
    assert all(api in ("v2", "v3") for api, _ in keys)


def test_routes_are_exactly_the_spec_paths(app: MockApp) -> None:
    assert set(app.pipeline.router.templates) == {op.path for op in load_operations().values()}


def test_each_route_serves_exactly_its_spec_methods(app: MockApp) -> None:
    by_path: dict[str, set[str]] = {}
    for op in load_operations().values():
        by_path.setdefault(op.path, set()).add(op.method)
    served = {template: set(route.by_method) for template, route in app.pipeline.router.templates.items()}
    assert served == by_path
    for key, bound in app.operations.items():
        assert bound.spec.key == key


def _noop(call: object) -> None:
    return None


def test_merging_a_key_bound_twice_fails_instead_of_overwriting() -> None:
    first = Binding("v3", "getBrands", _noop, brand_wire.VIEW_V3, "products")
    second = Binding("v3", "getBrands", _noop, brand_wire.VIEW_V3, "products")
    with pytest.raises(LookupError, match="v3 operation getBrands is bound twice"):
        merge([[first], [second]])


def test_the_same_operation_id_in_v2_and_v3_is_two_operations() -> None:
    v3 = Binding("v3", "getCustomers", _noop, brand_wire.VIEW_V3, "customers")
    v2 = Binding("v2", "getCustomers", _noop, brand_wire.VIEW_V3, "customers")
    assert set(merge([[v3], [v2]])) == {("v3", "getCustomers"), ("v2", "getCustomers")}


def test_an_operation_without_a_handler_stops_start_up() -> None:
    operations = load_operations()
    bindings = dict(discovered())
    del bindings[("v3", "getBrand")]
    with pytest.raises(LookupError, match="operations in specs/ without a handler: v3 getBrand"):
        bind(operations, bindings)
