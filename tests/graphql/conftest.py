"""Fixtures for the GraphQL Storefront API: a client on the default store's storefront host and
tokens of each kind, issued by the storefront token service."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from storefront_kit import LATER, NOW, ORIGIN

from mockbc import Store
from mockbc.domain.clock import FrozenClock
from mockbc.http.inprocess import InProcessTransport
from mockbc.services import storefront_tokens


@pytest.fixture
def clock(store: Store, monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    clock = FrozenClock(datetime.fromtimestamp(NOW, UTC))
    monkeypatch.setattr(store, "clock", clock)
    return clock


@pytest.fixture
def issue(store: Store, clock: FrozenClock) -> Callable[..., str]:
    """``issue("storefront", channel_ids=[1, 2])`` -> a token of that kind for the default store."""

    def make(kind: str = "storefront", **fields: Any) -> str:
        fields.setdefault("expires_at", LATER)
        if "channel_ids" not in fields:
            fields.setdefault("channel_id", 1)
        if kind == "storefront":
            fields.setdefault("allowed_cors_origins", [ORIGIN])
        if kind == "private":
            fields.setdefault("scopes", ["Unauthenticated"])
        return storefront_tokens.issue(store, kind, fields, "graphql-tests").token  # type: ignore[arg-type]

    return make


@pytest.fixture
def token(issue: Callable[..., str]) -> str:
    return issue()


@pytest.fixture
def sf(app: Starlette, store: Store, token: str) -> Iterator[httpx.Client]:
    """A client on ``store-{hash}.mybigcommerce.test`` holding a storefront token."""
    with httpx.Client(
        transport=InProcessTransport(app),
        base_url=f"http://store-{store.store_hash}.mybigcommerce.test",
        headers={"Authorization": f"Bearer {token}"},
    ) as client:
        yield client
