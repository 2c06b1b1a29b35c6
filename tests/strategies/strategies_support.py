"""Shared pieces of the ``mockbc.strategies`` tests: an app per module, and the checks.

Each test module builds its own app (``Mock``) instead of using the session ``client``
fixture: these tests send thousands of requests, and the session client records every
response for the (slow) upstream contract test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx
from hypothesis import HealthCheck, settings
from starlette.applications import Starlette

from mockbc import DEFAULT_STORE_HASH, Store, create_app
from mockbc.http.inprocess import client as inprocess_client
from mockbc.strategies import InvalidCase

ERROR_TYPE = "/api-docs/getting-started/api-status-codes"
V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
PRODUCTS = f"{V3}/catalog/products"
BRANDS = f"{V3}/catalog/brands"
CATEGORIES = f"{V3}/catalog/categories"
TREES = f"{V3}/catalog/trees"
TREE_CATEGORIES = f"{V3}/catalog/trees/categories"


# Hypothesis settings for tests that send requests: no deadline (the first request of a run
# compiles validators), and generation may be slow for the big product bodies.
def http_settings(max_examples: int, **kwargs: Any) -> settings:
    return settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        **kwargs,
    )


@dataclass
class Mock:
    """One app, its default store and an unrecorded in-process client."""

    fixtures: str = "demo"
    app: Starlette = field(init=False)
    store: Store = field(init=False)
    client: httpx.Client = field(init=False)

    def __post_init__(self) -> None:
        self.app = create_app(fixtures=self.fixtures)
        self.store = self.app.state.registry.stores[DEFAULT_STORE_HASH]
        self.client = inprocess_client(self.app, access_token=self.app.state.default_account.access_token)

    def reset(self) -> None:
        self.store.reset()
        self.app.state.registry.journal.clear()

    def counts(self) -> tuple[int, ...]:
        s = self.store
        return (len(s.products), len(s.variants), len(s.brands), len(s.categories), len(s.trees), len(s.options))

    def close(self) -> None:
        self.client.close()


def assert_error(response: httpx.Response, case: InvalidCase) -> None:
    """The status the case is tagged with, and BigCommerce's v3 error body naming its field."""
    assert response.status_code == case.status, f"{case.reason}: got {response.status_code} {response.text}"
    body = response.json()
    assert body["status"] == case.status
    assert isinstance(body["title"], str) and body["title"]
    assert body["type"] == ERROR_TYPE
    assert isinstance(body["errors"], dict) and body["errors"], body
    assert all(isinstance(v, str) for v in body["errors"].values())
    if case.field is not None:
        assert case.field in body["errors"], f"{case.reason}: errors name {sorted(body['errors'])}, not {case.field!r}"


def same_number(sent: float, got: float) -> bool:
    return float(sent) == float(got)
