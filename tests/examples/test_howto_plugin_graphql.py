"""How to test code that talks to the GraphQL Storefront API.

``bc_graphql`` is a client for the test's storefront (``store-{hash}.mockbc.test``, channel 1) with
a storefront token minted on first use; ``bc_customer_access_token()`` signs a customer in through
the ``login`` mutation, as setup. In contract mode a document that does not validate against the
schema fails the test, even when the code under test swallows the errors. With ``bc_server`` the
same client goes over the live server's socket, for code that opens its own connections.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from hypothesis import given, settings

from mockbc import Store
from mockbc.journal import RequestJournal
from mockbc.pytest_plugin import BcCustomerAccessToken, BcGraphQL, BcServer
from mockbc.strategies import cart_line_items

STORE_NAME = "query StoreName { site { settings { storeName } } }"
MY_ACCOUNT = "query MyAccount { customer { entityId firstName } }"


def greeting(graphql: BcGraphQL, customer: str | None = None) -> str:
    """Code under test: the storefront's header greets a signed-in shopper by name."""
    answer = graphql.query(MY_ACCOUNT, customer=customer)
    me = (answer.get("data") or {}).get("customer")
    return f"Hello, {me['firstName']}!" if me else "Hello, guest!"


def test_a_guest_and_a_signed_in_shopper(
    bc_graphql: BcGraphQL, bc_customer_access_token: Callable[..., BcCustomerAccessToken], bc_requests: RequestJournal
) -> None:
    shopper = bc_customer_access_token(first_name="Zoë")

    assert greeting(bc_graphql) == "Hello, guest!"
    assert greeting(bc_graphql, shopper.value) == "Hello, Zoë!"
    # The login was setup: only the two queries of the code under test are in the journal.
    bc_requests.assert_called("POST", "/graphql", query={"operation": "MyAccount", "type": "query"}, times=2)


def test_the_shopper_signs_in_through_the_code_under_test(bc_graphql: BcGraphQL, bc_customer: Any) -> None:
    bc_customer(email="ann@example.com", first_name="Ann", password="Secret123")

    token = bc_graphql.login("ann@example.com", "Secret123")

    assert greeting(bc_graphql.as_customer(token)) == "Hello, Ann!"


def store_name(base_url: str, host: str, token: str) -> str:
    """Code under test that opens its own HTTP connection."""
    with httpx.Client(base_url=base_url, headers={"Host": host}) as client:
        answer = client.post("/graphql", json={"query": STORE_NAME}, headers={"Authorization": f"Bearer {token}"})
    name: str = answer.json()["data"]["site"]["settings"]["storeName"]
    return name


def test_over_the_socket(bc_server: BcServer, bc_graphql: BcGraphQL) -> None:
    name = store_name(bc_server.url, bc_graphql.host, bc_graphql.token)

    assert name == bc_graphql.query(STORE_NAME)["data"]["site"]["settings"]["storeName"]


def test_carts_of_drawn_lines(bc_client: httpx.Client, bc_store: Store) -> None:
    """Strategies draw cart lines the store can sell; a Hypothesis test inside a plugin test."""

    @given(lines=cart_line_items(bc_store))
    @settings(max_examples=10, deadline=None, database=None)
    def check(lines: list[dict[str, Any]]) -> None:
        response = bc_client.post(f"/stores/{bc_store.store_hash}/v3/carts", json={"line_items": lines})
        assert response.status_code == 201, response.text

    check()
