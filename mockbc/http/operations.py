"""The operation table: each operation of ``specs/`` bound to its handler, view and scope family.

Every module of ``mockbc.http.handlers`` exports ``OPERATIONS``, a tuple of ``Binding``s;
they are discovered, not listed, so a new resource is one new module. Operations are keyed
by ``(api, operationId)``: the same handler can serve v2 and v3 through two views. Merging
fails on a key bound twice instead of letting one binding overwrite another, and ``bind``
fails on an operation of ``specs/`` without a handler.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from mockbc.http import handlers
from mockbc.presentation.call import Api, Call, View
from mockbc.spec import Operation, OperationKey

Handler = Callable[[Call], Any]


@dataclass(frozen=True, slots=True)
class Binding:
    api: Api
    operation_id: str
    handler: Handler
    view: View
    scope: str | None  # the scope family (auth/scopes.py); None: any valid token

    @property
    def key(self) -> OperationKey:
        return (self.api, self.operation_id)


def binding(api: Api, operation_id: str, handler: Handler, view: View, *, scope: str | None) -> Binding:
    return Binding(api, operation_id, handler, view, scope)


def bindings(api: Api, view: View, *, scope: str | None, handlers: dict[str, Handler]) -> tuple[Binding, ...]:
    """One ``Binding`` per ``operationId: handler``, all through ``view`` and guarded by ``scope``."""
    return tuple(Binding(api, operation_id, handler, view, scope) for operation_id, handler in handlers.items())


@dataclass(frozen=True, slots=True)
class BoundOperation:
    spec: Operation
    handler: Handler
    view: View
    scope: str | None


def merge(tables: Iterable[Iterable[Binding]]) -> dict[OperationKey, Binding]:
    merged: dict[OperationKey, Binding] = {}
    for table in tables:
        for entry in table:
            if entry.key in merged:
                raise LookupError(f"{entry.api} operation {entry.operation_id} is bound twice")
            merged[entry.key] = entry
    return merged


@functools.cache
def discovered() -> dict[OperationKey, Binding]:
    """Every binding of every module of ``mockbc.http.handlers``."""
    modules = sorted(info.name for info in pkgutil.iter_modules(handlers.__path__))
    return merge(getattr(importlib.import_module(f"{handlers.__name__}.{name}"), "OPERATIONS", ()) for name in modules)


def bind(
    operations: dict[OperationKey, Operation], bindings: dict[OperationKey, Binding] | None = None
) -> list[BoundOperation]:
    table = discovered() if bindings is None else bindings
    missing = sorted(f"{api} {op_id}" for api, op_id in set(operations) - set(table))
    if missing:
        raise LookupError(f"operations in specs/ without a handler: {', '.join(missing)}")
    return [BoundOperation(op, table[key].handler, table[key].view, table[key].scope) for key, op in operations.items()]
