"""Every operation in specs/ is routed, and every route is an operation in specs/."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import Route

from mockbc.http.routes import HANDLERS
from mockbc.http.spec import load_operations


def test_every_spec_operation_has_a_handler() -> None:
    operations = load_operations()
    assert sorted(set(operations) - set(HANDLERS)) == []


def test_every_handler_has_a_spec_operation() -> None:
    operations = load_operations()
    assert sorted(set(HANDLERS) - set(operations)) == []


def test_routes_are_exactly_the_spec_paths(app: Starlette) -> None:
    operations = load_operations()
    routed = {route.path for route in app.routes if isinstance(route, Route) and not route.path.startswith("/_mockbc")}
    assert routed == {op.path for op in operations.values()}


def test_each_route_serves_exactly_its_spec_methods(app: Starlette) -> None:
    bound = app.state.operations
    by_path: dict[str, set[str]] = {}
    for op in load_operations().values():
        by_path.setdefault(op.path, set()).add(op.method)
    served: dict[str, set[str]] = {}
    for operation_id, op in bound.items():
        served.setdefault(op.spec.path, set()).add(op.spec.method)
        assert op.spec.operation_id == operation_id
    assert served == by_path
