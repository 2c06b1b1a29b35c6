"""BigCommerce's limits: depth 16, complexity 10,000 (the cost model of
``mockbc.presentation.storefront_graphql.limits``, reported in ``X-Bc-Graphql-Complexity``), page sizes,
one mutation per request."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from graphql import build_schema
from storefront_kit import gql

from mockbc import Store
from mockbc.presentation.storefront_graphql import Context, Engine


def tree(depth: int) -> str:
    """A query ``depth`` fields deep: site, categoryTree, then children down to entityId."""
    inner = "entityId"
    for _ in range(depth - 3):
        inner = f"children {{ {inner} }}"
    return f"{{ site {{ categoryTree {{ {inner} }} }} }}"


def test_depth_sixteen_is_allowed(sf: httpx.Client) -> None:
    response = gql(sf, tree(16))
    assert response.status_code == 200
    assert "data" in response.json()  # validated and run


def test_depth_seventeen_is_refused(sf: httpx.Client) -> None:
    response = gql(sf, tree(17))
    assert (response.status_code, response.json()) == (200, {"errors": [{
        "message": "The query exceeds the maximum depth of 16: it is 17 levels deep.",
        "locations": [{"line": 1, "column": 1}],
        "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
    }]})  # fmt: skip


def test_fragments_count_where_they_are_spread(sf: httpx.Client) -> None:
    deep = "children { " * 12 + "entityId" + " }" * 12
    query = f"query Q {{ site {{ ...S }} }} fragment S on Site {{ categoryTree {{ ... on CategoryTreeItem {{ {deep} }} }} }}"
    # site, categoryTree, 12 x children, entityId: 15 deep; one more children is 16, two more 17.
    assert "data" in gql(sf, query.replace("entityId", "children { entityId }")).json()
    refused = gql(sf, query.replace("entityId", "children { children { entityId } }"))
    assert refused.json()["errors"][0]["message"] == "The query exceeds the maximum depth of 16: it is 17 levels deep."


PRODUCTS_AND_VARIANTS = (
    "{ site { products(first: 50) { edges { node { variants(first: 50) { edges { node { entityId sku } } } } } } } }"
)


def test_over_the_complexity_limit(sf: httpx.Client) -> None:
    # variants: 1 + 50 x (edges 1 + node (1 + 2)) = 201; products: 1 + 50 x (edges 1 + node (1 + 201)) = 10151
    response = gql(sf, PRODUCTS_AND_VARIANTS)
    assert response.status_code == 200
    assert response.headers["x-bc-graphql-complexity"] == "10152"
    assert response.json() == {"errors": [{
        "message": "The query is too complex as it has a complexity score of 10152 out of 10000. "
        "Ask for fewer fields or smaller pages.",
        "extensions": {"code": "COMPLEXITY_LIMIT_EXCEEDED"},
    }]}  # fmt: skip


def test_the_score_follows_the_variables(sf: httpx.Client) -> None:
    query = "query($n: Int = 50) { site { products(first: $n) { edges { node { variants(first: 50) { edges { node { entityId sku } } } } } } } }"
    assert gql(sf, query).headers["x-bc-graphql-complexity"] == "10152"
    assert gql(sf, query, {"n": 49}).headers["x-bc-graphql-complexity"] == str(1 + 1 + 49 * 203)
    # Without first or last a connection counts DEFAULT_PAGE_SIZE (10) items.
    assert gql(sf, "{ site { products { edges { cursor } } } }").headers["x-bc-graphql-complexity"] == str(
        1 + 1 + 10 * 2
    )
    assert gql(sf, "{ site { products(last: 3) { edges { cursor } } } }").headers["x-bc-graphql-complexity"] == str(
        1 + 1 + 3 * 2
    )


def page_too_big(name: str, limit: int, column: int) -> dict[str, Any]:
    return {"errors": [{
        "message": f"Argument '{name}' cannot exceed {limit}",
        "locations": [{"line": 1, "column": column}],
        "extensions": {"code": "BAD_USER_INPUT"},
    }]}  # fmt: skip


@pytest.mark.parametrize("argument", ["first: 51", "last: 51", "first: 100000000"])
def test_more_than_fifty_products(sf: httpx.Client, argument: str) -> None:
    response = gql(sf, f"{{ site {{ products({argument}) {{ edges {{ cursor }} }} }} }}")
    assert (response.status_code, response.json()) == (200, page_too_big(argument.split(":")[0], 50, 10))


def test_more_than_fifty_through_a_variable(sf: httpx.Client) -> None:
    response = gql(sf, "query($n: Int) { site { newestProducts(first: $n) { edges { cursor } } } }", {"n": 51})
    assert response.json() == page_too_big("first", 50, 25)


def test_variants_take_up_to_250(sf: httpx.Client) -> None:
    ok = gql(sf, "{ site { product(entityId: 78) { variants(first: 250) { edges { cursor } } } } }")
    assert all("cannot exceed" not in e["message"] for e in ok.json().get("errors", []))
    refused = gql(sf, "{ site { product(entityId: 78) { variants(first: 251) { edges { cursor } } } } }")
    assert refused.json() == page_too_big("first", 250, 34)


NAMESPACED = build_schema("""
type Query { a: Int }
type Mutation { cart: CartMutations, login: Int, logout: Int }
type CartMutations { createCart: Int, deleteCart: Int }
""")


@pytest.mark.parametrize(
    ("mutation", "count"),
    [
        ("mutation { login logout }", 2),
        ("mutation { cart { createCart deleteCart } }", 2),
        ("mutation { cart { createCart } login }", 2),
        ("mutation { ...M } fragment M on Mutation { login logout }", 2),
        ("mutation { cart { createCart } }", 1),
        ("mutation { login }", 1),
    ],
)
def test_one_mutation_per_request(store: Store, mutation: str, count: int) -> None:
    answer = Engine(NAMESPACED).run(mutation, None, None, Context(store, 1, "storefront"))
    if count == 1:
        assert "errors" not in answer.body
        assert answer.headers["X-Bc-Graphql-Operation-Type"] == "mutation"
    else:
        assert answer.body == {"errors": [{
            "message": f"Only one mutation is allowed per request; this operation has {count}.",
            "locations": [{"line": 1, "column": 1}],
            "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
        }]}  # fmt: skip


def test_a_mutation_is_not_sent_with_get(store: Store) -> None:
    answer = Engine(NAMESPACED).run(
        "mutation { login }", None, None, Context(store, 1, "storefront"), frozenset({"query"})
    )
    assert (answer.status, answer.body) == (
        405, {"errors": [{"message": "A mutation cannot be sent with GET; use POST.", "extensions": {"code": "BAD_USER_INPUT"}}]},
    )  # fmt: skip
