"""Relay connections over an in-memory list: ``first``/``after``/``last``/``before``, as the graphql-relay
``arrayconnection`` algorithm pages (cursors are offsets, see ``ids``).

Without ``first`` or ``last`` a page holds ``DEFAULT_PAGE_SIZE`` items, as BigCommerce's connections do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from graphql import GraphQLError

from mockbc.presentation.storefront_graphql.ids import BAD_USER_INPUT, decode_cursor, encode_cursor

T = TypeVar("T")
DEFAULT_PAGE_SIZE = 10


def connection(
    items: Sequence[T],
    render: Callable[[T], Any],
    *,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    total: bool = False,
) -> dict[str, Any]:
    """The connection value (``edges``, ``pageInfo``, and ``collectionInfo`` when ``total``) of one page."""
    for name, size in (("first", first), ("last", last)):
        if size is not None and size < 0:
            raise GraphQLError(f"Argument '{name}' must not be negative", extensions={"code": BAD_USER_INPUT})
    start, end = 0, len(items)
    if after is not None:
        start = max(start, min(decode_cursor(after) + 1, end))
    if before is not None:
        end = min(end, max(decode_cursor(before), start))
    if first is None and last is None:
        first = DEFAULT_PAGE_SIZE
    if first is not None:
        end = min(end, start + first)
    if last is not None:
        start = max(start, end - last)
    edges = [{"cursor": encode_cursor(i), "node": render(items[i])} for i in range(start, end)]
    out: dict[str, Any] = {
        "edges": edges,
        "pageInfo": {
            "hasNextPage": end < len(items),
            "hasPreviousPage": start > 0,
            "startCursor": edges[0]["cursor"] if edges else None,
            "endCursor": edges[-1]["cursor"] if edges else None,
        },
    }
    if total:
        out["collectionInfo"] = {"totalItems": len(items)}
    return out
