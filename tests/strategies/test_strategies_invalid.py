"""Every ``InvalidCase`` is refused with its tagged status and a full v3 error body, and a
refused request leaves the store as it was."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from strategies_support import BRANDS, CATEGORIES, PRODUCTS, Mock, assert_error, http_settings

from mockbc.strategies import (
    InvalidCase,
    invalid_brands,
    invalid_categories,
    invalid_product_updates,
    invalid_products,
)

DEMO = Mock("demo")
EMPTY = Mock("empty")


def teardown_module() -> None:
    DEMO.close()
    EMPTY.close()


def send(mock: Mock, method: str, path: str, case: InvalidCase) -> None:
    before = mock.counts()
    try:
        response = mock.client.request(method, path, json=case.payload)
        assert_error(response, case)
        assert mock.counts() == before, f"{case.reason}: the refused request changed the store"
    finally:
        mock.reset()


@http_settings(400)
@given(invalid_products(store=DEMO.store))
def test_invalid_products_with_store_are_refused_with_their_status(case: InvalidCase) -> None:
    send(DEMO, "POST", PRODUCTS, case)


@http_settings(150)
@given(invalid_products())
def test_invalid_products_without_store_are_refused_in_an_empty_store(case: InvalidCase) -> None:
    send(EMPTY, "POST", PRODUCTS, case)


@http_settings(300)
@given(invalid_product_updates(store=DEMO.store))
def test_invalid_product_updates_are_refused_with_their_status(case: InvalidCase) -> None:
    assert case.target_id is not None
    send(DEMO, "PUT", f"{PRODUCTS}/{case.target_id}", case)


@http_settings(250)
@given(invalid_brands(store=DEMO.store))
def test_invalid_brands_are_refused_with_their_status(case: InvalidCase) -> None:
    send(DEMO, "POST", BRANDS, case)


@http_settings(250)
@given(invalid_categories(store=DEMO.store))
def test_invalid_categories_are_refused_with_their_status(case: InvalidCase) -> None:
    send(DEMO, "POST", CATEGORIES, case)


# --------------------------------------------------------------------------- coverage of kinds


def _kinds(strategy: object, n: int) -> Counter[tuple[int, str]]:
    seen: Counter[tuple[int, str]] = Counter()

    @settings(max_examples=n, database=None, derandomize=True, deadline=None)
    @given(strategy)
    def collect(case: InvalidCase) -> None:
        seen[(case.status, case.reason.split(" ")[0] if case.status == 422 else case.reason[:12])] += 1

    collect()
    return seen


def test_invalid_products_draw_both_statuses_and_many_kinds() -> None:
    seen = _kinds(invalid_products(store=DEMO.store), 300)
    statuses = Counter(status for status, _ in seen.elements())
    assert statuses[409] >= 20 and statuses[422] >= 100, statuses
    assert len(seen) >= 15, seen


def test_a_parent_eight_levels_deep_is_refused_with_422() -> None:
    from hypothesis import find

    parent_id = 0
    try:
        for level in range(8):
            response = EMPTY.client.post(CATEGORIES, json={"parent_id": parent_id, "name": f"Level {level}"})
            assert response.status_code == 200, response.text
            parent_id = response.json()["data"]["id"]
        case = find(
            invalid_categories(store=EMPTY.store),
            lambda c: "eight levels" in c.reason,
            settings=settings(database=None, max_examples=2000),
        )
        assert case.payload["parent_id"] == parent_id
        before = EMPTY.counts()
        assert_error(EMPTY.client.post(CATEGORIES, json=case.payload), case)
        assert EMPTY.counts() == before
    finally:
        EMPTY.reset()
