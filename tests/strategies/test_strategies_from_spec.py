"""``from_spec``: for every operation with a JSON body (v3 and v2), every body passes the
operation's schema; the mock never refuses one as malformed nor fails on one; and, given
``store=`` (and the path the body goes to), the mock accepts it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis.errors import InvalidArgument
from strategies_support import Mock, http_settings, path_ids, rich_seed, url_for

from mockbc.spec import Operation, load_operations
from mockbc.strategies import from_spec

OPERATIONS = load_operations()
WITH_BODY = sorted(key for key, op in OPERATIONS.items() if op.body_schema is not None)
MULTIPART_ONLY = sorted(key for key, op in OPERATIONS.items() if op.body_schema is None and op.multipart)
RICH = Mock(seed=rich_seed())


def teardown_module() -> None:
    RICH.close()


def _id(key: tuple[str, str]) -> str:
    return f"{key[0]}-{key[1]}"


def send(op: Operation, body: Any) -> tuple[int, Any, tuple[str, ...]]:
    """Status, JSON body and the journal's contract violations of one request to the path
    ``path_ids`` names."""
    RICH.app.state.registry.journal.clear()
    url = url_for(op, RICH.store.store_hash, path_ids(RICH.store, op))
    response = RICH.client.request(
        op.method, url, content=json.dumps(body), headers={"Content-Type": "application/json"}
    )
    entry = RICH.app.state.registry.journal[-1]
    return response.status_code, (response.json() if response.content else None), entry.contract_violations


def test_every_operation_with_a_json_body_is_covered() -> None:
    ids = {op_id for _, op_id in WITH_BODY}
    assert ids >= {
        "createProduct", "updateProducts", "createProductVariant", "updateVariantsBatch", "createProductModifier",
        "createBulkPricingRule", "createProductMetafield", "createProductsChannelAssignments",
        "updateCategorySortOrders", "upsertCategoryTrees",
    }  # fmt: skip
    assert {api for api, _ in WITH_BODY} == {"v2", "v3"}
    assert {op_id for _, op_id in MULTIPART_ONLY} >= {"createCategoryImage", "createBrandImage"}


@pytest.mark.parametrize("key", MULTIPART_ONLY, ids=_id)
def test_from_spec_of_a_multipart_only_operation_raises_invalid_argument(key: tuple[str, str]) -> None:
    @settings(max_examples=1, database=None)
    @given(from_spec(key[1], api=key[0]))
    def draw(body: Any) -> None:
        raise AssertionError("drew a body")

    with pytest.raises(InvalidArgument, match="multipart/form-data body only"):
        draw()


@pytest.mark.parametrize("key", WITH_BODY, ids=_id)
def test_from_spec_bodies_pass_the_operation_schema(key: tuple[str, str]) -> None:
    op = OPERATIONS[key]

    @settings(max_examples=30, deadline=None, database=None)
    @given(from_spec(key[1], api=key[0]))
    def check(body: Any) -> None:
        op.validate_body(body)  # raises Invalid on a schema violation

    check()


@pytest.mark.parametrize("key", WITH_BODY, ids=_id)
def test_from_spec_bodies_are_never_refused_as_malformed(key: tuple[str, str]) -> None:
    op = OPERATIONS[key]
    documented = {int(code) for code in op.responses if code.isdigit()}
    # v2 answers a broken rule with 400 (presentation/v2.py); v3 keeps 400 for unreadable bodies.
    malformed = {413, 415} if key[0] == "v2" else {400, 413, 415}

    @http_settings(15)
    @given(from_spec(key[1], api=key[0]))
    def check(body: Any) -> None:
        try:
            status, reply, violations = send(op, body)
            assert violations == (), violations
            assert status < 500 and status not in malformed, reply
            assert status in documented, (status, reply)
        finally:
            RICH.reset()

    check()


@pytest.mark.parametrize("key", WITH_BODY, ids=_id)
def test_from_spec_with_store_and_path_bodies_are_accepted(key: tuple[str, str]) -> None:
    op = OPERATIONS[key]
    successes = {int(code) for code in op.responses if code.isdigit() and code.startswith("2")}
    path = path_ids(RICH.store, op)

    @http_settings(25)
    @given(from_spec(key[1], api=key[0], store=RICH.store, path=path, client_id=RICH.client_id))
    def check(body: Any) -> None:
        try:
            status, reply, violations = send(op, body)
            assert violations == ()
            assert status in successes, (status, reply)
            if isinstance(reply, dict) and isinstance(reply.get("errors"), list):
                assert reply["errors"] == [], reply  # a batch: every item went through
        finally:
            RICH.reset()

    check()


def test_a_body_drawn_against_the_store_fits_the_path_it_names() -> None:
    op = OPERATIONS[("v3", "createProductCustomField")]
    path = path_ids(RICH.store, op)
    stored = {(f.name, f.value) for f in RICH.store.custom_fields.values() if f.product_id == path["product_id"]}

    @settings(max_examples=30, database=None, deadline=None)
    @given(from_spec("createProductCustomField", store=RICH.store, path=path))
    def check(body: dict[str, Any]) -> None:
        assert (body["name"], body["value"]) not in stored

    check()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"path": {"widget_id": 1}}, "not a path parameter"),
        ({"path": {"product_id": "95"}}, "product_id ids are integers"),
        ({"path": [("product_id", 95)]}, "must be a mapping"),
        ({"client_id": 7}, "client id string"),
    ],
)
def test_from_spec_bad_path_or_client_raise_invalid_argument(kwargs: dict[str, Any], message: str) -> None:
    @settings(max_examples=1, database=None)
    @given(from_spec("createProductCustomField", **kwargs))
    def draw(body: Any) -> None:
        raise AssertionError("drew a body")

    with pytest.raises(InvalidArgument, match=message):
        draw()
