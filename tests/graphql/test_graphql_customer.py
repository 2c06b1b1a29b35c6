"""``customer``: the shopper an impersonation token names; and private tokens' access scopes."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from starlette.applications import Starlette
from storefront_kit import gql

from mockbc import Store
from mockbc.http.inprocess import InProcessTransport
from mockbc.services import customer_groups, customers
from mockbc.services.customers import NewCustomer

CUSTOMER = "{ customer { entityId email firstName lastName company phone customerGroupId customerGroupName taxExemptCategory attributeCount } }"


def client(app: Starlette, store: Store, token: str, **headers: str) -> httpx.Client:
    return httpx.Client(
        transport=InProcessTransport(app),
        base_url=f"http://store-{store.store_hash}.mybigcommerce.test",
        headers={"Authorization": f"Bearer {token}", **headers},
    )


@pytest.fixture
def shopper(store: Store) -> int:
    group = customer_groups.create(store, {"name": "GraphQL Wholesale"})
    fields = {"email": "ida@example.com", "first_name": "Ida", "last_name": "Marsh", "company": "Marsh & Co",
              "phone": "555-0100", "customer_group_id": group.id}  # fmt: skip
    return customers.create(store, NewCustomer(fields)).id


def test_an_impersonation_token_reads_the_named_customer(
    app: Starlette, store: Store, issue: Callable[..., str], shopper: int
) -> None:
    with client(app, store, issue("impersonation"), **{"X-Bc-Customer-Id": str(shopper)}) as http:
        response = gql(http, CUSTOMER)
    assert response.json() == {"data": {"customer": {
        "entityId": shopper, "email": "ida@example.com", "firstName": "Ida", "lastName": "Marsh",
        "company": "Marsh & Co", "phone": "555-0100",
        "customerGroupId": store.customers.require(shopper).customer_group_id,
        "customerGroupName": "GraphQL Wholesale", "taxExemptCategory": "", "attributeCount": 0,
    }}}  # fmt: skip


@pytest.mark.parametrize("headers", [{}, {"X-Bc-Customer-Id": "999999"}])
def test_a_guest_or_unknown_customer_is_null(
    app: Starlette, store: Store, issue: Callable[..., str], headers: dict[str, str]
) -> None:
    with client(app, store, issue("impersonation"), **headers) as http:
        assert gql(http, CUSTOMER).json() == {"data": {"customer": None}}


def test_only_impersonation_names_a_customer(
    app: Starlette, store: Store, issue: Callable[..., str], shopper: int
) -> None:
    with client(app, store, issue(), **{"X-Bc-Customer-Id": str(shopper)}) as http:
        assert gql(http, CUSTOMER).json() == {"data": {"customer": None}}


def insufficient(path: str, scope: str, column: int) -> dict[str, object]:
    return {
        "message": f"The token does not have the access scope this field needs: {scope}.",
        "locations": [{"line": 1, "column": column}],
        "path": [path],
        "extensions": {"code": "INSUFFICIENT_ACCESS_SCOPE", "requiredScopes": [scope]},
    }


def test_a_private_token_without_the_customer_scope(app: Starlette, store: Store, issue: Callable[..., str]) -> None:
    with client(app, store, issue("private", scopes=["Unauthenticated"])) as http:
        response = gql(http, "{ customer { entityId } site { settings { storeHash } } }")
    assert response.json() == {
        "data": {"customer": None, "site": {"settings": {"storeHash": store.store_hash}}},
        "errors": [insufficient("customer", "TOKEN_SCOPE_CUSTOMER", 3)],
    }


def test_a_private_token_without_the_unauthenticated_scope(
    app: Starlette, store: Store, issue: Callable[..., str]
) -> None:
    with client(app, store, issue("private", scopes=["Customer"])) as http:
        response = gql(http, '{ customer { entityId } node(id: "UHJvZHVjdDo3OA==") { id } }')
    assert response.json() == {
        "data": {"customer": None, "node": None},
        "errors": [insufficient("node", "TOKEN_SCOPE_UNAUTHENTICATED", 25)],
    }
    with client(app, store, issue("private", scopes=["B2B"])) as http:
        response = gql(http, "{ site { settings { storeHash } } }")
    assert response.json() == {"data": None, "errors": [insufficient("site", "TOKEN_SCOPE_UNAUTHENTICATED", 3)]}


def test_storefront_tokens_are_not_scoped(sf: httpx.Client) -> None:
    assert gql(sf, "{ customer { entityId } }").json() == {"data": {"customer": None}}
