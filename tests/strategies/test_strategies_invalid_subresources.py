"""The sub-resource ``InvalidCase`` strategies: every case is refused with its tagged status and
a full v3 error body naming its field, leaves the store as it was, and is remembered as intended."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies_support import BRANDS, CATEGORIES, PRODUCTS, Mock, assert_error, http_settings, rich_seed

from mockbc._strategies._intended import INTENDED
from mockbc.strategies import (
    InvalidCase,
    invalid_bulk_pricing_rules,
    invalid_custom_fields,
    invalid_images,
    invalid_metafields,
    invalid_variants,
)

RICH = Mock(seed=rich_seed())
EMPTY = Mock("empty")
STORE = RICH.store


def teardown_module() -> None:
    RICH.close()
    EMPTY.close()


def refused(mock: Mock, path: str, case: InvalidCase) -> None:
    """POST the case: its status and error body, no change to the store, and the journalled
    body is one the plugin's contract mode counts as intended."""
    before = mock.counts()
    try:
        response = mock.client.post(path, json=case.payload)
        assert_error(response, case)
        assert mock.counts() == before, f"{case.reason}: the refused request changed the store"
        entry = list(mock.app.state.registry.journal)[-1]
        assert entry.body_truncated or entry.body in INTENDED, case.reason
    finally:
        mock.reset()


def metafield_path(owner: str, target: int) -> str:
    if owner == "variant":
        return f"{PRODUCTS}/{STORE.variants.require(target).product_id}/variants/{target}/metafields"
    return {"product": PRODUCTS, "category": CATEGORIES, "brand": BRANDS}[owner] + f"/{target}/metafields"


@http_settings(150)
@given(invalid_variants(store=STORE))
def test_invalid_variants_are_refused_with_their_status(case: InvalidCase) -> None:
    refused(RICH, f"{PRODUCTS}/{case.target_id}/variants", case)


@http_settings(100)
@given(invalid_custom_fields(store=STORE))
def test_invalid_custom_fields_are_refused_with_their_status(case: InvalidCase) -> None:
    refused(RICH, f"{PRODUCTS}/{case.target_id}/custom-fields", case)


@http_settings(60)
@given(invalid_custom_fields())
def test_invalid_custom_fields_without_store_are_refused_by_any_product(case: InvalidCase) -> None:
    assert case.target_id is None and case.status == 422
    refused(RICH, f"{PRODUCTS}/{min(p.id for p in STORE.products.values())}/custom-fields", case)


@http_settings(120)
@given(invalid_bulk_pricing_rules(store=STORE))
def test_invalid_bulk_pricing_rules_are_refused_with_their_status(case: InvalidCase) -> None:
    refused(RICH, f"{PRODUCTS}/{case.target_id}/bulk-pricing-rules", case)


@http_settings(80)
@given(invalid_bulk_pricing_rules(store=STORE, inline=True))
def test_invalid_inline_bulk_pricing_rules_are_refused_with_the_product(case: InvalidCase) -> None:
    assert case.target_id is None and case.field is not None and case.field.startswith("bulk_pricing_rules.")
    refused(RICH, PRODUCTS, case)


@http_settings(100)
@given(st.sampled_from(["product", "variant", "category", "brand"]), st.data())
def test_invalid_metafields_are_refused_with_their_status(owner: str, data: st.DataObject) -> None:
    case = data.draw(invalid_metafields(store=STORE, owner=owner, client_id=RICH.client_id))
    assert case.target_id is not None
    refused(RICH, metafield_path(owner, case.target_id), case)


@http_settings(100)
@given(invalid_images(store=STORE))
def test_invalid_images_are_refused_with_their_status(case: InvalidCase) -> None:
    refused(RICH, f"{PRODUCTS}/{case.target_id}/images", case)


# --------------------------------------------------------------------------- coverage of kinds


def _statuses(strategy: st.SearchStrategy[InvalidCase], n: int) -> Counter[tuple[int, str | None]]:
    """How often each (status, field) was drawn."""
    seen: Counter[tuple[int, str | None]] = Counter()

    @settings(max_examples=n, database=None, derandomize=True, deadline=None)
    @given(strategy)
    def collect(case: InvalidCase) -> None:
        seen[(case.status, case.field)] += 1

    collect()
    return seen


def test_invalid_variants_draw_conflicts_and_rule_violations() -> None:
    seen = _statuses(invalid_variants(store=STORE), 200)
    assert {(409, "sku"), (409, "option_values")} <= set(seen), seen  # a SKU in use, a combination taken
    assert {(422, "option_values"), (422, "option_values.0.id")} <= set(seen), seen
    assert sum(n for (status, _), n in seen.items() if status == 422) >= 100


def test_invalid_bulk_pricing_rules_draw_overlaps_in_the_store_and_in_one_request() -> None:
    holder = min(r.product_id for r in STORE.bulk_pricing_rules.values())
    stored = _statuses(invalid_bulk_pricing_rules(store=STORE, product_id=holder), 150)
    assert (409, "quantity_min") in stored and (422, "quantity_max") in stored, stored
    inline = _statuses(invalid_bulk_pricing_rules(inline=True), 150)
    assert any(status == 409 for status, _ in inline) and any(status == 422 for status, _ in inline), inline


def test_invalid_metafields_draw_a_duplicate_key_only_for_the_account_that_owns_it() -> None:
    owned = _statuses(invalid_metafields(store=STORE, client_id=RICH.client_id), 200)
    assert (409, "key") in owned, owned
    anonymous = _statuses(invalid_metafields(store=STORE), 100)
    assert all(status == 422 for status, _ in anonymous), anonymous


def test_invalid_custom_fields_duplicate_a_pair_exactly() -> None:
    holder = min(f.product_id for f in STORE.custom_fields.values())
    pairs = {(f.name, f.value) for f in STORE.custom_fields.values() if f.product_id == holder}

    @settings(max_examples=150, database=None, derandomize=True, deadline=None)
    @given(invalid_custom_fields(store=STORE, product_id=holder))
    def check(case: InvalidCase) -> None:
        if case.status == 409:
            assert (case.payload["name"], case.payload["value"]) in pairs

    check()
