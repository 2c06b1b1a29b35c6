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
            "*mockbc contract: getProducts (GET /stores/mockbc0001/v3/catalog/products?id=abc) sent an invalid "
            "request: id: 'abc' is not an integer",
            "*mockbc contract: createBrand (POST /stores/mockbc0001/v3/catalog/brands) sent an invalid request: "
            "body: not valid JSON (Syntax error)",
            "*mockbc contract: createBrand (POST /stores/mockbc0001/v3/catalog/brands) sent an invalid request: "
            "Content-Type: must be application/json, got 'application/x-www-form-urlencoded'",
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
