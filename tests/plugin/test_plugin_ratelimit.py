"""The bc_* fixtures send the rate-limit headers and never refuse, unless a test's marker picks a plan."""

from __future__ import annotations

import pytest


def test_fixtures_default_to_off_and_the_marker_picks_a_plan_per_test(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import pytest

        def product(bc_store):
            return f"/stores/{bc_store.store_hash}/v3/catalog/products/77"

        def test_off_by_default(bc_client, bc_store):
            answers = [bc_client.get(product(bc_store)) for _ in range(160)]
            assert {r.status_code for r in answers} == {200}
            assert answers[-1].headers["x-rate-limit-requests-left"] == "150"

        @pytest.mark.mockbc(rate_limit="2/30")
        def test_a_plan_for_this_test(bc_client, bc_store):
            statuses = [bc_client.get(product(bc_store)).status_code for _ in range(3)]
            assert statuses == [200, 200, 429]
            assert bc_client.get(product(bc_store)).json()["title"] == "Too many requests"

        @pytest.mark.mockbc(rate_limit="2/30")
        def test_the_next_test_starts_on_a_fresh_window(bc_client, bc_store):
            assert bc_client.get(product(bc_store)).headers["x-rate-limit-requests-left"] == "1"

        def test_and_the_one_after_is_off_again(bc_client, bc_store):
            assert [bc_client.get(product(bc_store)).status_code for _ in range(3)] == [200] * 3
            assert bc_client.get(product(bc_store)).headers["x-rate-limit-requests-quota"] == "150"
        """
    )
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=4)


@pytest.mark.parametrize(
    ("mark", "message"),
    [
        ("mockbc(rate_limit='fast')", "@pytest.mark.mockbc: rate limit must be standard, pro, off or N/SECONDS"),
        ("mockbc(rate_limit=5)", "@pytest.mark.mockbc: rate_limit must be a string such as 'standard' or '5/1', got 5"),
    ],
)
def test_a_bad_rate_limit_errors_the_test(inner: pytest.Pytester, mark: str, message: str) -> None:
    inner.makepyfile(
        f"""
        import pytest

        @pytest.mark.{mark}
        def test_x(bc_store):
            pass
        """
    )
    result = inner.runpytest()
    result.assert_outcomes(errors=1)
    assert message in result.stdout.str()
