"""Catalog answers are kept and served again only while everything they were computed from is
unchanged: the query and variables, the store's records, the channel, the caller and the host.
Answers naming carts, checkouts, the shopper or a node are always computed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from storefront_kit import gql

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.http.inprocess import InProcessTransport
from mockbc.presentation.storefront_graphql import engine as engine_module
from mockbc.presentation.storefront_graphql.seam import Context

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
NAME = "query Name($id: Int!) { site { product(entityId: $id) { name } } }"


@pytest.fixture
def executions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The operation names graphql-core executed (a kept answer is not executed again)."""
    ran: list[str] = []
    execute = engine_module.execute  # type: ignore[attr-defined]

    def counted(*args: Any, **kwargs: Any) -> Any:
        ran.append(str(kwargs.get("operation_name")))
        return execute(*args, **kwargs)

    monkeypatch.setattr(engine_module, "execute", counted)
    return ran


def product_name(sf: httpx.Client, product_id: int = 78) -> Any:
    return gql(sf, NAME, {"id": product_id}).json()["data"]["site"]["product"]


def test_a_repeated_query_is_answered_without_executing_again(sf: httpx.Client, executions: list[str]) -> None:
    first, second = product_name(sf), product_name(sf)
    assert first == second and first is not None
    assert executions == ["Name"]
    product_name(sf, 79)  # other variables: another answer
    assert executions == ["Name", "Name"]


def test_any_write_to_the_store_makes_the_next_answer_fresh(
    sf: httpx.Client, client: httpx.Client, executions: list[str]
) -> None:
    before = product_name(sf)
    renamed = client.put(f"{V3}/catalog/products/78", json={"name": "Renamed Through REST"})
    assert renamed.status_code == 200
    assert product_name(sf) == {"name": "Renamed Through REST"} != before
    assert executions == ["Name", "Name"]


def test_a_reset_store_is_another_state(client: httpx.Client, store: Store) -> None:
    # (A reset also replaces the store's token key, so this asks the engine directly.)
    engine = engine_module.Engine()
    context = Context(store, 1, "storefront")

    def name() -> Any:
        return engine.run(NAME, {"id": 78}, None, context).body["data"]["site"]["product"]

    client.put(f"{V3}/catalog/products/78", json={"name": "Renamed Through REST"})
    assert name() == {"name": "Renamed Through REST"}
    store.reset()
    assert name() != {"name": "Renamed Through REST"}


def test_another_caller_or_channel_gets_its_own_answer(
    app: Starlette, store: Store, issue: Callable[..., str], executions: list[str], sf: httpx.Client
) -> None:
    product_name(sf)
    for token in (issue("private"), issue("storefront", channel_ids=[1, 2])):
        with httpx.Client(
            transport=InProcessTransport(app), base_url=f"http://store-{store.store_hash}.mybigcommerce.test",
            headers={"Authorization": f"Bearer {token}"},
        ) as other:  # fmt: skip
            product_name(other)
    # The second storefront token is another caller of the same kind and channel: its answer is shared.
    assert executions == ["Name", "Name"]


@pytest.mark.parametrize(
    "document",
    [
        'query Cart { site { cart(entityId: "00000000-0000-4000-8000-000000000000") { entityId } } }',
        "query Me { customer { entityId } }",
        'query Node { node(id: "UHJvZHVjdDo3Nw==") { id } }',
    ],
)
def test_carts_shoppers_and_nodes_are_always_executed(sf: httpx.Client, executions: list[str], document: str) -> None:
    first, second = gql(sf, document), gql(sf, document)
    assert first.json() == second.json()
    assert len(executions) == 2


def test_answers_with_errors_are_not_kept(sf: httpx.Client, executions: list[str]) -> None:
    document = 'query Bad { site { product(id: "Q2F0ZWdvcnk6MQ==") { name } } }'  # Category:1
    assert gql(sf, document).json()["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT"}
    gql(sf, document)
    assert executions == ["Bad", "Bad"]


def test_the_cache_is_bounded(store: Store) -> None:
    engine = engine_module.Engine()
    context = Context(store, 1, "storefront")
    for product_id in range(1, engine_module.ANSWER_ENTRIES + 20):
        assert engine.run(NAME, {"id": product_id}, None, context).status == 200
    assert len(engine._answers) == engine_module.ANSWER_ENTRIES
