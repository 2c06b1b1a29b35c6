"""Constants and helpers the GraphQL tests share."""

from __future__ import annotations

from typing import Any

import httpx

from mockbc import Store

NOW = 1_900_000_000
LATER = NOW + 3600
ORIGIN = "https://shop.example.com"


def gql(client: httpx.Client, query: str, variables: Any = None, **kwargs: Any) -> httpx.Response:
    body: dict[str, Any] = {"query": query}
    if variables is not None:
        body["variables"] = variables
    return client.post("/graphql", json=body, **kwargs)


def where(document: str, field: str) -> dict[str, int]:
    """The line and column where ``field(`` starts in the document, as GraphQL locations count them."""
    for number, text in enumerate(document.split("\n"), start=1):
        column = text.find(f"{field}(")
        if column >= 0:
            return {"line": number, "column": column + 1}
    raise AssertionError(field)


def mutation_refusal(namespace: str, document: str, mutation: str, message: str, code: str) -> dict[str, Any]:
    """The answer to a ``namespace { mutation }`` refused with one top-level error."""
    return {
        "data": {namespace: {mutation: None}},
        "errors": [{
            "message": message, "locations": [where(document, mutation)], "path": [namespace, mutation],
            "extensions": {"code": code},
        }],
    }  # fmt: skip


def snapshot(store: Store) -> tuple[Any, ...]:
    """Every record of the store, to show a refused request wrote nothing."""
    return tuple(tuple(table.values()) for table in store.tables.values())
