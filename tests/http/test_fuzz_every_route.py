"""Every route, sent what Hypothesis can think of: hostile bodies, query strings and ids get a
4xx in BigCommerce's shape, never a 5xx, and a refused request leaves the store as it was."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.http.app import MockApp
from mockbc.http.inprocess import InProcessTransport
from mockbc.spec import load_operations

OPERATIONS = sorted(load_operations().values(), key=lambda op: (op.path, op.method))
SETTINGS = settings(
    max_examples=30, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip

JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
JSON = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
RAW_BODIES = st.one_of(
    st.binary(max_size=200),
    JSON.map(lambda v: json.dumps(v).encode()),  # the standard library also writes NaN and huge integers
    st.text(max_size=60).map(lambda t: t.encode("utf-16")),
    st.integers(min_value=2**63, max_value=2**200).map(lambda n: b'{"id": 77, "price": ' + str(n).encode() + b"}"),
    st.just(b"[" * 40 + b"]" * 40),
)
QUERY_VALUES = st.text(max_size=12) | st.integers().map(str) | st.sampled_from(["", "-1", "0", "1e9", "%ff", "true"])
PATH_IDS = st.sampled_from(["77", "0", "-5", "abc", "99999999999999999999", "1", "%2F", "25"])


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


@pytest.fixture
def raw(app: MockApp, account: Any, store: Store) -> Iterator[httpx.Client]:
    headers = {"X-Auth-Token": account.access_token}
    with httpx.Client(transport=InProcessTransport(app), base_url="http://mockbc.test", headers=headers) as client:
        yield client


def _path(template: str, ids: list[str]) -> str:
    path = template.replace("{store_hash}", DEFAULT_STORE_HASH)
    for segment in [s for s in template.split("/") if s.startswith("{") and s != "{store_hash}"]:
        path = path.replace(segment, ids.pop() if ids else "77", 1)
    return path


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: f"{op.method} {op.path.removeprefix('/stores/{store_hash}')}")
@SETTINGS
@given(
    body=RAW_BODIES,
    query=st.lists(st.tuples(st.sampled_from(["id", "id:in", "name", "limit", "page", "sort", "include", "x",
                                              "keyword", "is_visible", "depth", "tree_id:in", "category_id:in"]),
                             QUERY_VALUES), max_size=4),
    ids=st.lists(PATH_IDS, min_size=2, max_size=2),
    content_type=st.sampled_from(["application/json", "application/json; charset=utf-16", "text/plain", ""]),
)  # fmt: skip
def test_no_route_answers_5xx_and_refusals_change_nothing(
    raw: httpx.Client, store: Store, op: Any, body: bytes, query: list[tuple[str, str]], ids: list[str],
    content_type: str,
) -> None:  # fmt: skip
    store.reset()
    before = snapshot(store)
    headers = {"Content-Type": content_type} if content_type else {}

    response = raw.request(op.method, _path(op.path, ids), params=query, content=body, headers=headers)

    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert snapshot(store) == before
        if response.status_code != 204:
            shaped = response.json()
            inner = shaped.get("errors", shaped) if isinstance(shaped, dict) else shaped
            assert isinstance(inner, (dict, list))
    assert raw.get("/_mockbc/requests", params={"limit": 5}).status_code == 200
