"""The registry of intended bodies: every ``invalid_*`` payload is remembered, as the mock
journals it, so that the pytest plugin's contract mode does not report it."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies_support import BRANDS, CATEGORIES, PRODUCTS, Mock, http_settings

from mockbc._strategies._intended import INTENDED, IntendedBodies, fingerprint
from mockbc.strategies import (
    InvalidCase,
    invalid_brands,
    invalid_categories,
    invalid_product_updates,
    invalid_products,
    products,
)

DEMO = Mock("demo")


def teardown_module() -> None:
    DEMO.close()


def test_a_fingerprint_ignores_key_order_and_nothing_else() -> None:
    assert fingerprint({"a": 1, "b": [1, {"x": None, "y": "é"}]}) == fingerprint(
        {"b": [1, {"y": "é", "x": None}], "a": 1}
    )
    assert fingerprint({"a": 1}) != fingerprint({"a": 2})
    assert fingerprint({"a": 1}) != fingerprint({"a": 1.0})
    assert fingerprint([1, 2]) != fingerprint([2, 1])
    assert fingerprint("body") != fingerprint(["body"])
    assert fingerprint({"b": 2, "a": 1}) == hashlib.sha1(b'{"a":1,"b":2}').hexdigest()


@pytest.mark.parametrize(
    "value",
    [
        {"price": float("nan")},  # orjson writes NaN as null: not a faithful copy
        [float("inf")],
        {"id": 2**64},  # past 64 bits
        {1: "x"},  # a key that is not a string
        {"when": datetime(2024, 1, 1, tzinfo=UTC)},
        {"tags": {"a"}},
        ("a", "b"),  # a tuple comes back as a list
    ],
)
def test_a_value_that_is_not_plain_json_has_no_fingerprint(value: object) -> None:
    assert fingerprint(value) is None


def test_intended_bodies_remember_plain_json_until_cleared() -> None:
    intended = IntendedBodies()
    assert {"name": "x"} not in intended
    intended.add({"name": "x", "price": -1})
    intended.add({"price": float("nan")})  # not remembered: it has no fingerprint
    intended.add({"name": "x", "price": -1})
    assert len(intended) == 1
    assert {"price": -1, "name": "x"} in intended
    assert {"name": "x", "price": -2} not in intended
    assert {"price": None} not in intended  # what the NaN would have looked like
    assert None not in intended
    intended.clear()
    assert len(intended) == 0
    assert {"name": "x", "price": -1} not in intended


def _assert_remembered(mock: Mock, method: str, path: str, case: InvalidCase) -> None:
    """The body the mock journals for the payload, sent as httpx sends it, is remembered."""
    assert fingerprint(case.payload) is not None, f"{case.reason}: payload is not plain JSON: {case.payload!r}"
    try:
        mock.client.request(method, path, json=case.payload)
        entry = list(mock.app.state.registry.journal)[-1]
        if entry.body_truncated:  # over the journal's per-entry cap: kept as an excerpt only
            assert entry.body is None
        else:
            assert entry.body in INTENDED, f"{case.reason}: journalled {entry.body!r}"
    finally:
        mock.reset()


@http_settings(150)
@given(invalid_products())
def test_invalid_products_are_remembered_as_the_mock_journals_them(case: InvalidCase) -> None:
    _assert_remembered(DEMO, "POST", PRODUCTS, case)


@http_settings(100)
@given(invalid_product_updates(store=DEMO.store))
def test_invalid_product_updates_are_remembered(case: InvalidCase) -> None:
    _assert_remembered(DEMO, "PUT", f"{PRODUCTS}/{case.target_id}", case)


@http_settings(100)
@given(invalid_brands(store=DEMO.store))
def test_invalid_brands_are_remembered(case: InvalidCase) -> None:
    _assert_remembered(DEMO, "POST", BRANDS, case)


@http_settings(100)
@given(invalid_categories(store=DEMO.store))
def test_invalid_categories_are_remembered(case: InvalidCase) -> None:
    _assert_remembered(DEMO, "POST", CATEGORIES, case)


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_valid_bodies_are_not_remembered(data: st.DataObject) -> None:
    INTENDED.clear()
    body = data.draw(products())
    assert body not in INTENDED
    assert len(INTENDED) == 0


def test_the_strategies_import_neither_pytest_nor_the_plugin() -> None:
    code = (
        "import sys, mockbc.strategies, mockbc._strategies._intended\n"
        "print(sorted(m for m in sys.modules if m == 'pytest' or m.startswith(('_pytest', 'mockbc.pytest_plugin'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_body_too_big_to_journal_is_matched_by_its_fingerprint() -> None:
    from datetime import datetime

    from mockbc._strategies._intended import IntendedBodies
    from mockbc.store.journal import JournalEntry, fingerprint

    big = {"name": "x" * 70_000}
    intended = IntendedBodies()
    intended.add(big)
    kept_whole = JournalEntry("POST", "/p", "", 422, "s", datetime.now(UTC), body=big)
    too_big = JournalEntry("POST", "/p", "", 422, "s", datetime.now(UTC), body_fingerprint=fingerprint(big))
    other = JournalEntry("POST", "/p", "", 422, "s", datetime.now(UTC), body_fingerprint=fingerprint({"n": 1}))

    assert intended.matches(kept_whole) and intended.matches(too_big) and not intended.matches(other)


def test_the_mock_journals_the_fingerprint_of_a_body_too_big_to_keep() -> None:
    from mockbc import create_app
    from mockbc.http.inprocess import client as inprocess_client
    from mockbc.store.journal import fingerprint

    app = create_app(fixtures="empty")
    body = {"name": "Huge", "type": "physical", "weight": 1, "price": 1, "description": "y" * 70_000}
    with inprocess_client(app, access_token=app.state.default_account.access_token) as client:
        client.post("/stores/mockbc0001/v3/catalog/products", json=body)

    entry = app.state.registry.journal[-1]
    assert entry.body is None and entry.body_truncated and entry.body_fingerprint == fingerprint(body)


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"name": "Mug", "type": "physical", "weight": 1, "price": 1, "gtin": "J\x00"}, "gtin"),
        ({"name": "Mug", "type": "physical", "weight": 1, "price": 1, "depth": 2**63}, "depth"),
    ],
)
def test_a_body_refused_for_a_value_the_store_cannot_keep_is_journalled_by_fingerprint(
    body: dict[str, object], detail: str
) -> None:
    from mockbc import create_app
    from mockbc.http.inprocess import client as inprocess_client
    from mockbc.store.journal import fingerprint

    app = create_app(fixtures="empty")
    with inprocess_client(app, access_token=app.state.default_account.access_token) as client:
        response = client.post("/stores/mockbc0001/v3/catalog/products", json=body)

    assert response.status_code == 422 and detail in response.json()["errors"]
    entry = app.state.registry.journal[-1]
    # Not kept (it could not be rendered back), but still recognisable as the body a test drew.
    assert entry.body is None and entry.body_fingerprint == fingerprint(body)
    assert fingerprint(body) is not None
