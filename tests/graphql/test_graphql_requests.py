"""What ``/graphql`` takes: one JSON request object (or a GET with ``?query=``), within its size;
each bad request's full body; GraphQL's own errors (syntax, unknown fields, variable types) in the
``errors`` list; the ``X-Bc-Graphql-*`` headers; introspection."""

from __future__ import annotations

import hashlib
from typing import Any

import httpx
import orjson
import pytest
from graphql import build_client_schema, get_introspection_query, print_schema
from storefront_kit import gql

from mockbc.http.graphql import MAX_BODY_BYTES, MAX_QUERY_BYTES
from mockbc.presentation.storefront_graphql.schema import storefront_schema

QUERY = "{ site { settings { storeHash } } }"


def bad_request(message: str) -> dict[str, Any]:
    return {"errors": [{"message": message, "extensions": {"code": "BAD_REQUEST"}}]}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "The request body is not valid JSON."),
        (b"", "The request body is not valid JSON."),
        (b"\xff\xfe", "The request body is not valid JSON."),
        (b'[{"query": "{ site { settings { storeHash } } }"}]', "Batched requests are not supported: send one operation per request."),
        (b'"{ site }"', "The request body must be a JSON object with a query."),
        (b"{}", "The request has no query: send a JSON body with a 'query' string."),
        (b'{"query": 5}', "The request has no query: send a JSON body with a 'query' string."),
        (b'{"query": "  "}', "The request has no query: send a JSON body with a 'query' string."),
        (b'{"query": "{ site { settings { storeHash } } }", "variables": [1]}', "'variables' must be a JSON object."),
        (b'{"query": "{ site { settings { storeHash } } }", "operationName": 3}', "'operationName' must be a string."),
    ],
)  # fmt: skip
def test_bad_bodies(sf: httpx.Client, content: bytes, message: str) -> None:
    response = sf.post("/graphql", content=content, headers={"Content-Type": "application/json"})
    assert (response.status_code, response.json()) == (400, bad_request(message))


def test_null_variables_and_operation_name_are_absent(sf: httpx.Client) -> None:
    response = sf.post("/graphql", json={"query": QUERY, "variables": None, "operationName": None})
    assert response.status_code == 200 and "errors" not in response.json()


def test_a_query_over_one_megabyte(sf: httpx.Client) -> None:
    query = "{ site { settings { storeHash } } }" + " " * (MAX_QUERY_BYTES - 35 + 1)
    response = gql(sf, query)
    assert (response.status_code, response.json()) == (
        413,
        bad_request(f"The query is longer than {MAX_QUERY_BYTES} bytes."),
    )
    assert gql(sf, query[:-1]).status_code == 200


def test_a_body_over_the_limit_is_not_read(sf: httpx.Client) -> None:
    response = sf.post("/graphql", content=b"{" + b" " * MAX_BODY_BYTES + b"}")
    assert (response.status_code, response.json()) == (
        413, bad_request(f"The request body is larger than {MAX_BODY_BYTES} bytes."),
    )  # fmt: skip


def test_syntax_error(sf: httpx.Client) -> None:
    response = gql(sf, "{ site { settings ")
    assert (response.status_code, response.json()) == (200, {"errors": [{
        "message": "Syntax Error: Expected Name, found <EOF>.",
        "locations": [{"line": 1, "column": 19}],
        "extensions": {"code": "GRAPHQL_PARSE_FAILED"},
    }]})  # fmt: skip


def test_unknown_field(sf: httpx.Client) -> None:
    response = gql(sf, "{ site { nope } }")
    assert (response.status_code, response.json()) == (200, {"errors": [{
        "message": "Cannot query field 'nope' on type 'Site'.",
        "locations": [{"line": 1, "column": 10}],
        "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
    }]})  # fmt: skip


def test_wrong_variable_type(sf: httpx.Client) -> None:
    query = "query P($id: Int) { site { product(entityId: $id) { name } } }"
    response = gql(sf, query, {"id": "seven"})
    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None
    assert body["errors"] == [{
        "message": "Variable '$id' has invalid value: Int cannot represent non-integer value: 'seven'",
        "locations": [{"line": 1, "column": 9}],
        "extensions": {"code": "BAD_USER_INPUT"},
    }]  # fmt: skip


def test_missing_required_variable(sf: httpx.Client) -> None:
    response = gql(sf, "query N($id: ID!) { node(id: $id) { id } }", {})
    assert response.json() == {"data": None, "errors": [{
        "message": "Variable '$id' has invalid value: Expected a value of non-null type 'ID!' to be provided.",
        "locations": [{"line": 1, "column": 9}],
        "extensions": {"code": "BAD_USER_INPUT"},
    }]}  # fmt: skip


def test_operation_name_picks_the_operation(sf: httpx.Client) -> None:
    query = "query A { site { settings { storeHash } } } query B { site { currencies { edges { node { code } } } } }"
    response = sf.post("/graphql", json={"query": query, "operationName": "B"})
    assert response.json() == {"data": {"site": {"currencies": {"edges": [{"node": {"code": "USD"}}]}}}}
    assert response.headers["x-bc-graphql-operation-name"] == "B"
    unknown = sf.post("/graphql", json={"query": query, "operationName": "C"})
    assert unknown.json() == {
        "errors": [{"message": 'Unknown operation named "C".', "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"}}]
    }
    neither = gql(sf, query)
    assert neither.json() == {"errors": [{
        "message": "Must provide operation name if query contains multiple operations.",
        "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
    }]}  # fmt: skip


def test_headers(sf: httpx.Client) -> None:
    query = "query Settings($x: Int) { site { settings { storeHash } currencies(first: $x) { edges { cursor } } } }"
    variables = {"x": 1, "a": [2]}
    response = gql(sf, query, variables)
    assert response.status_code == 200
    assert response.headers["x-bc-graphql-query-hash"] == hashlib.sha256(query.encode()).hexdigest()
    canonical = orjson.dumps(variables, option=orjson.OPT_SORT_KEYS)
    assert response.headers["x-bc-graphql-variables-hash"] == hashlib.sha256(canonical).hexdigest()
    assert response.headers["x-bc-graphql-operation-type"] == "query"
    assert response.headers["x-bc-graphql-operation-name"] == "Settings"
    # site 1 + settings (1 + storeHash 1) + currencies (1 + 1 x (edges 1 + cursor 1))
    assert response.headers["x-bc-graphql-complexity"] == "6"
    anonymous = gql(sf, QUERY)
    assert "x-bc-graphql-operation-name" not in anonymous.headers
    assert anonymous.headers["x-bc-graphql-variables-hash"] == hashlib.sha256(b"{}").hexdigest()


def test_the_headless_storefronts_query_string_is_accepted(sf: httpx.Client) -> None:
    response = sf.post("/graphql?operation=Settings&type=query", json={"query": "query Settings " + QUERY})
    assert response.status_code == 200
    assert response.json() == {
        "data": {"site": {"settings": {"storeHash": response.json()["data"]["site"]["settings"]["storeHash"]}}}
    }


def test_get_with_a_query(sf: httpx.Client) -> None:
    response = sf.get(
        "/graphql",
        params={
            "query": "query($c: currencyCode!) { site { currency(currencyCode: $c) { code } } }",
            "variables": '{"c": "USD"}',
        },
    )
    assert (response.status_code, response.json()) == (200, {"data": {"site": {"currency": {"code": "USD"}}}})
    bad = sf.get("/graphql", params={"query": QUERY, "variables": "{nope"})
    assert (bad.status_code, bad.json()) == (400, bad_request("'variables' must be a JSON object."))
    none = sf.get("/graphql")
    assert (none.status_code, none.json()) == (
        400,
        bad_request("The request has no query: send a JSON body with a 'query' string."),
    )


def test_other_methods_are_not_allowed(sf: httpx.Client) -> None:
    assert sf.put("/graphql", json={"query": QUERY}).status_code == 405


def test_introspection(sf: httpx.Client) -> None:
    response = gql(sf, get_introspection_query())
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body
    served = build_client_schema(body["data"])
    assert print_schema(served) == print_schema(storefront_schema())


def test_typename(sf: httpx.Client) -> None:
    assert gql(sf, "{ __typename site { __typename } }").json() == {
        "data": {"__typename": "Query", "site": {"__typename": "Site"}}
    }


def test_a_document_of_too_many_tokens(sf: httpx.Client) -> None:
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(7000)) + " }"
    response = gql(sf, query)
    assert (response.status_code, response.json()) == (200, {"errors": [{
        "message": "Syntax Error: Document contains more than 20000 tokens. Parsing aborted.",
        "locations": [{"line": 1, "column": 118886}],
        "extensions": {"code": "GRAPHQL_PARSE_FAILED"},
    }]})  # fmt: skip


def test_a_document_nested_too_deeply_to_parse(sf: httpx.Client) -> None:
    body = gql(sf, "{ site " * 3000 + "}" * 3000).json()
    assert body["errors"][0]["message"] == "Syntax Error: Document is nested too deeply. Parsing aborted."
    assert body["errors"][0]["extensions"] == {"code": "GRAPHQL_PARSE_FAILED"}
