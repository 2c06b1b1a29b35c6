"""The route table: every operation in ``specs/`` bound to its handler and scope family.

Handler modules each export ``HANDLERS`` (operationId -> (handler, scope family)); the
spec supplies method and path. A test checks both directions: every spec operation has a
handler and every handler has a spec operation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mockbc.http.call import Call, Reply
from mockbc.http.handlers import brands, categories, products, trees
from mockbc.http.spec import Operation

Handler = Callable[[Call], Reply]

HANDLERS: dict[str, tuple[Handler, str | None]] = {
    **products.HANDLERS,
    **categories.HANDLERS,
    **trees.HANDLERS,
    **brands.HANDLERS,
}


@dataclass(frozen=True, slots=True)
class BoundOperation:
    spec: Operation
    handler: Handler
    scope: str | None


def bind(operations: dict[str, Operation]) -> list[BoundOperation]:
    missing = sorted(set(operations) - set(HANDLERS))
    if missing:
        raise LookupError(f"operations in specs/ without a handler: {', '.join(missing)}")
    return [BoundOperation(op, *HANDLERS[op_id]) for op_id, op in operations.items()]
