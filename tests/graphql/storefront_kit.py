"""Constants and helpers the GraphQL tests share."""

from __future__ import annotations

from typing import Any

import httpx

NOW = 1_900_000_000
LATER = NOW + 3600
ORIGIN = "https://shop.example.com"


def gql(client: httpx.Client, query: str, variables: Any = None, **kwargs: Any) -> httpx.Response:
    body: dict[str, Any] = {"query": query}
    if variables is not None:
        body["variables"] = variables
    return client.post("/graphql", json=body, **kwargs)
