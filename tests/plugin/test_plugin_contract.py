"""Contract mode: a test fails when its code sent a request that breaks mockbc's specs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

SWALLOWS_422 = """
import pytest

def create_product(client, store_hash, price):
    # Code under test that swallows the error: the test cannot see it went wrong.
    response = client.post(
        f"/stores/{store_hash}/v3/catalog/products",
        json={"name": "Contract Mug", "type": "physical", "weight": 1, "price": price},
    )
    return response.json().get("data")

def test_swallowed(bc_client, bc_store):
    assert create_product(bc_client, bc_store.store_hash, -1) is None

@pytest.mark.mockbc(contract=False)
def test_opted_out(bc_client, bc_store):
    assert create_product(bc_client, bc_store.store_hash, -1) is None
"""

EXPECTED = (
    "mockbc contract: createProduct (POST /stores/mockbc0001/v3/catalog/products) sent an invalid request: "
    "price: must be at least 0"
)
HINT = "(a deliberate negative test opts out with @pytest.mark.mockbc(contract=False))"


def test_swallowed_422_fails_the_test_with_the_message(inner: pytest.Pytester) -> None:
    inner.makepyfile(SWALLOWS_422)
    result = inner.runpytest("-p", "no:randomly", "-vv")  # -vv: the short summary is not cut to 80 columns
    result.assert_outcomes(passed=1, failed=1)
    report = next(r for r in result.reprec.getreports("pytest_runtest_logreport") if r.failed)  # type: ignore[attr-defined]
    assert report.when == "call"
    assert report.nodeid.endswith("::test_swallowed")
    assert str(report.longrepr) == f"{EXPECTED}\n{HINT}"
    result.stdout.fnmatch_lines([f"FAILED *::test_swallowed - Failed: {EXPECTED}"])


def test_no_mockbc_contract_option_turns_it_off(inner: pytest.Pytester) -> None:
    inner.makepyfile(SWALLOWS_422)
    inner.runpytest("--no-mockbc-contract").assert_outcomes(passed=2)


def test_ini_turns_it_off_and_the_option_back_on(inner: pytest.Pytester, inner_ini: Callable[[str], None]) -> None:
    inner_ini("mockbc_contract = false")
    inner.makepyfile(SWALLOWS_422)
    inner.runpytest().assert_outcomes(passed=2)
    inner.runpytest("--mockbc-contract").assert_outcomes(passed=1, failed=1)


def test_each_kind_of_violation_is_named(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        def test_query(bc_client, bc_store):
            bc_client.get(f"/stores/{bc_store.store_hash}/v3/catalog/products", params={"id": "abc"})

        def test_malformed_json(bc_client, bc_store):
            bc_client.post(
                f"/stores/{bc_store.store_hash}/v3/catalog/brands", content=b"{",
                headers={"Content-Type": "application/json"},
            )

        def test_content_type(bc_client, bc_store):
            bc_client.post(f"/stores/{bc_store.store_hash}/v3/catalog/brands", content=b"name=x",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})

        def test_two_requests(bc_client, bc_store):
            brands = f"/stores/{bc_store.store_hash}/v3/catalog/brands"
            bc_client.post(brands, json={"name": ""})
            bc_client.post(brands, json={"name": "ok", "colour": "red"})
        """
    )
    result = inner.runpytest("-p", "no:randomly", "-rf")
    result.assert_outcomes(failed=4)
    result.stdout.fnmatch_lines(
        [
            (
                "*mockbc contract: getProducts (GET /stores/mockbc0001/v3/catalog/products?id=abc) sent an invalid "
                "request: id: 'abc' is not an integer"
            ),
            (
                "*mockbc contract: createBrand (POST /stores/mockbc0001/v3/catalog/brands) sent an invalid request: "
                "body: not valid JSON (Syntax error)"
            ),
            (
                "*mockbc contract: createBrand (POST /stores/mockbc0001/v3/catalog/brands) sent an invalid request: "
                "Content-Type: must be application/json, got 'application/x-www-form-urlencoded'"
            ),
            "*mockbc contract: createBrand (POST /stores/mockbc0001/v3/catalog/brands) sent an invalid request: name: *",
            "*mockbc contract: createBrand (POST /stores/mockbc0001/v3/catalog/brands) sent an invalid request: colour: *",
        ]
    )


def test_valid_requests_and_domain_errors_pass(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        def test_fine(bc_client, bc_store):
            products = f"/stores/{bc_store.store_hash}/v3/catalog/products"
            assert bc_client.get(products, params={"id:in": "77,78", "limit": 5}).status_code == 200
            assert bc_client.get(f"{products}/999999").status_code == 404
            existing = bc_store.products.get(77).name
            duplicate = {"name": existing, "type": "physical", "weight": 1, "price": 1}
            assert bc_client.post(products, json=duplicate).status_code == 409
            assert bc_client.get("/stores/mockbc0001/v3/no/such/path").status_code == 404
        """
    )
    inner.runpytest().assert_outcomes(passed=1)


def test_a_test_failing_anyway_reports_the_violations_in_a_section(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        def test_fails(bc_client, bc_store):
            bc_client.post(f"/stores/{bc_store.store_hash}/v3/catalog/brands", json={"name": ""})
            assert 1 == 2
        """
    )
    result = inner.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*assert 1 == 2*", "*mockbc contract*", "*createBrand (POST*name: *"])


def test_requests_made_by_a_fixture_count(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import pytest

        @pytest.fixture
        def seeded(bc_client, bc_store):
            bc_client.post(f"/stores/{bc_store.store_hash}/v3/catalog/brands", json={"name": 7})

        def test_uses_it(seeded):
            pass
        """
    )
    result = inner.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*mockbc contract: createBrand*name: *"])


# ----------------------------------------------------------------- intended violations

NEGATIVE_HEADER = """
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from mockbc.strategies import invalid_brands, invalid_products

PRODUCTS = "/stores/mockbc0001/v3/catalog/products"
BRANDS = "/stores/mockbc0001/v3/catalog/brands"
HAND_WRITTEN = {"name": "Contract Mug", "type": "physical", "weight": 1, "price": -1}

def negative(max_examples):
    return settings(
        max_examples=max_examples, deadline=None, database=None, derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )

# Big bodies included: the journal keeps the fingerprint of a body too big to keep whole.
SMALL_PRODUCTS = invalid_products()
"""


def _failures(result: pytest.RunResult) -> dict[str, str]:
    """The failed tests' names and their report text; every failure is in the call phase."""
    reports = [r for r in result.reprec.getreports("pytest_runtest_logreport") if r.failed]  # type: ignore[attr-defined]
    assert [r.when for r in reports] == ["call"] * len(reports)
    return {r.nodeid.rsplit("::", 1)[-1]: str(r.longrepr) for r in reports}


def test_bodies_drawn_from_invalid_strategies_are_not_reported(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        NEGATIVE_HEADER
        + """
VIOLATIONS = []

@negative(20)
@given(case=SMALL_PRODUCTS)
def test_invalid_products_are_refused(bc_client, bc_store, bc_requests, case):
    bc_store.reset()
    assert bc_client.post(PRODUCTS, json=case.payload).status_code == case.status
    VIOLATIONS.extend(bc_requests[-1].contract_violations)

def test_the_mock_saw_contract_violations():
    # Not vacuous: most of the bodies above broke the spec, and none was reported.
    assert len(VIOLATIONS) >= 5
"""
    )
    result = inner.runpytest("-p", "no:randomly")
    assert _failures(result) == {}
    result.assert_outcomes(passed=2)


def test_a_hand_written_invalid_body_is_still_the_one_reported(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        NEGATIVE_HEADER
        + """
@negative(1)
@given(data=st.data())
def test_negative_and_a_bug(bc_client, bc_store, data):
    for case in data.draw(st.lists(SMALL_PRODUCTS, min_size=6, max_size=6)):
        bc_store.reset()
        assert bc_client.post(PRODUCTS, json=case.payload).status_code == case.status
    assert bc_client.post(PRODUCTS, json=HAND_WRITTEN).status_code == 422
"""
    )
    result = inner.runpytest("-p", "no:randomly")
    assert _failures(result) == {"test_negative_and_a_bug": f"{EXPECTED}\n{HINT}"}


def test_a_repeated_invalid_request_is_reported_once_with_its_count(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        NEGATIVE_HEADER
        + """
def test_same_bug_three_times(bc_client):
    for _ in range(3):
        bc_client.post(PRODUCTS, json=HAND_WRITTEN)
    bc_client.post(BRANDS, json={"name": 7})
"""
    )
    result = inner.runpytest("-p", "no:randomly", "-vv")
    brand = (
        "mockbc contract: createBrand (POST /stores/mockbc0001/v3/catalog/brands) sent an invalid request: "
        "name: must be a string"
    )
    assert _failures(result) == {"test_same_bug_three_times": f"{EXPECTED} (x3)\n{brand}\n{HINT}"}
    result.stdout.fnmatch_lines([f"FAILED *::test_same_bug_three_times - Failed: {EXPECTED} (x3)"])


def test_intended_bodies_do_not_leak_into_the_next_test(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        NEGATIVE_HEADER
        + """
SENT = []

@negative(1)
@given(case=invalid_brands().filter(lambda case: case.reason == "required field name is missing"))
def test_draws_and_sends_a_brand_without_a_name(bc_client, case):
    assert bc_client.post(BRANDS, json=case.payload).status_code == 422
    SENT.append(case.payload)

def test_sends_the_same_body_by_hand(bc_client):
    assert bc_client.post(BRANDS, json=SENT[0]).status_code == 422
"""
    )
    result = inner.runpytest("-p", "no:randomly")
    assert _failures(result) == {
        "test_sends_the_same_body_by_hand": (
            "mockbc contract: createBrand (POST /stores/mockbc0001/v3/catalog/brands) sent an invalid request: "
            f"name: error.path.missing\n{HINT}"
        )
    }
    result.assert_outcomes(passed=1, failed=1)
