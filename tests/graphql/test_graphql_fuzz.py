"""Whatever arrives at ``/graphql``, the answer is a GraphQL-shaped 200, 400 or 413: never a 500."""

from __future__ import annotations

import json
from typing import Any

import httpx
import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SETTINGS = settings(
    max_examples=60, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip

JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
JSON = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
WORDS = st.sampled_from([
    "{", "}", "(", ")", ":", "...", "on", "site", "product", "products", "entityId", "first", "last", "after",
    "50", "51", "-1", '"x"', "$v", "query", "mutation", "subscription", "fragment", "F", "node", "id",
    '"UHJvZHVjdDo3OA=="', "settings", "storeHash", "currencies", "edges", "cursor", "Product", "__typename",
    "__schema", "types", "name", "@skip(if: true)", "prices", "price", "value", "brand", "!", "Int", "ID", "=",
])  # fmt: skip
QUERIES = st.lists(WORDS, max_size=40).map(" ".join)


def check(response: httpx.Response) -> None:
    assert response.status_code in (200, 400, 413), response.text
    body: dict[str, Any] = response.json()
    assert set(body) <= {"data", "errors"} and body
    for error in body.get("errors", []):
        assert isinstance(error["message"], str) and "code" in error["extensions"]


@SETTINGS
@given(body=st.binary(max_size=200) | JSON.map(lambda v: json.dumps(v).encode()))
def test_any_body(sf: httpx.Client, body: bytes) -> None:
    check(sf.post("/graphql", content=body, headers={"Content-Type": "application/json"}))


@SETTINGS
@given(query=QUERIES, variables=st.none() | st.dictionaries(st.sampled_from(["v", "id", "n"]), JSON, max_size=3))
def test_any_query(sf: httpx.Client, query: str, variables: Any) -> None:
    check(sf.post("/graphql", content=orjson.dumps({"query": query or "{", "variables": variables})))


TEMPLATES = st.sampled_from([
    "query($v: Int) {{ site {{ product(entityId: $v) {{ id name sku prices {{ price {{ value }} }} brand {{ name }} }} }} }}",
    'query($v: ID!) {{ node(id: $v) {{ id ... on Product {{ name }} }} }}',
    "query($v: Int, $n: String) {{ site {{ currencies(first: $v, after: $n) {{ edges {{ cursor }} }} }} }}",
    "query($v: Int, $n: String) {{ site {{ currencies(last: $v, before: $n) {{ pageInfo {{ hasNextPage }} }} }} }}",
    "query($v: ID) {{ site {{ product(id: $v) {{ entityId }} }} }}",
    "query($v: Int!) {{ site {{ brand(entityId: $v) {{ name }} customer: settings {{ storeHash }} }} customer {{ email }} }}",
])  # fmt: skip
VALUES = JSON | st.integers(min_value=-(2**40), max_value=2**40) | st.text(max_size=20).map(lambda t: t.encode().hex())


@SETTINGS
@given(template=TEMPLATES, v=VALUES, n=VALUES)
def test_valid_queries_with_any_variables(sf: httpx.Client, template: str, v: Any, n: Any) -> None:
    response = sf.post("/graphql", content=json.dumps({"query": template.format(), "variables": {"v": v, "n": n}}))
    check(response)
