"""The strategies' API: keyword overrides that take strategies, ``OMIT``, uniqueness in a
draw, and ``InvalidArgument`` for bad arguments, raised when drawing, not when building."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from mockbc import Store, create_app
from mockbc.strategies import (
    OMIT,
    InvalidCase,
    brand_batches,
    brands,
    categories,
    category_batches,
    category_trees,
    from_spec,
    invalid_products,
    product_batches,
    product_update_batches,
    product_updates,
    products,
    tree_categories,
)

APP = create_app(fixtures="demo")
STORE: Store = APP.state.registry.stores["mockbc0001"]
QUICK = settings(max_examples=40, deadline=None, database=None)


def draw_once(strategy: st.SearchStrategy[Any]) -> Any:
    found: list[Any] = []

    @settings(max_examples=1, database=None, deadline=None)
    @given(strategy)
    def grab(value: Any) -> None:
        found.append(value)

    grab()
    return found[0]


# --------------------------------------------------------------------------- InvalidArgument


@pytest.mark.parametrize(
    "build",
    [
        lambda: products(colour=st.just("red")),
        lambda: products(price=9.99),
        lambda: products(store="mockbc0001"),
        lambda: product_updates(variants=st.just([])),  # variants are create-only
        lambda: brands(title=st.just("x")),
        lambda: categories(name="Mugs"),
        lambda: product_batches(min_size=3, max_size=2),
        lambda: brand_batches(min_size=-1),
        lambda: category_batches(max_size=1.5),
        lambda: category_trees(max_size=51),
        lambda: tree_categories(tree=st.just(1)),
        lambda: product_update_batches(store=None),
        lambda: product_update_batches(store=STORE, max_size=11),
        lambda: from_spec("createWidget"),
        lambda: from_spec("getProducts"),
        lambda: from_spec("createProduct", api="v9"),
        lambda: invalid_products(store=object()),
    ],
)
def test_bad_arguments_raise_invalid_argument_when_drawn(build: Any) -> None:
    strategy = build()  # building never raises
    with pytest.raises(InvalidArgument):
        draw_once(strategy)


def test_unknown_field_message_lists_the_fields() -> None:
    with pytest.raises(
        InvalidArgument, match=r"colour=\.\.\., which is not a field of createProduct \(fields: .*price"
    ):
        draw_once(products(colour=st.just("red")))


def test_a_value_instead_of_a_strategy_says_to_wrap_it() -> None:
    with pytest.raises(InvalidArgument, match=r"price=st\.just\(value\)"):
        draw_once(products(price=9.99))


# --------------------------------------------------------------------------- overrides


@QUICK
@given(products(price=st.just(9.99), is_visible=st.just(True), sku=st.just(OMIT)))
def test_overrides_set_fields_and_omit_removes_them(body: dict[str, Any]) -> None:
    assert body["price"] == 9.99 and body["is_visible"] is True
    assert "sku" not in body


@QUICK
@given(product_batches(store=STORE, min_size=5, max_size=5, name=st.just("Ironbark Side Table")))
def test_an_overridden_name_that_is_taken_gets_a_suffix(batch: list[dict[str, Any]]) -> None:
    names = [body["name"] for body in batch]
    assert len({n.casefold() for n in names}) == 5
    assert all(n.startswith("Ironbark Side Table") for n in names)
    assert all(STORE.products.unique("name", n.casefold()) is None for n in names)


@QUICK
@given(product_batches(store=STORE, min_size=2, max_size=8, sku=st.sampled_from(["ab-1", "AB-1", "Ab-1"])))
def test_batch_skus_are_unique_case_insensitively(batch: list[dict[str, Any]]) -> None:
    skus = [body["sku"] for body in batch]
    skus += [v["sku"] for body in batch for v in body.get("variants", ())]
    assert len({s.casefold() for s in skus}) == len(skus)


@QUICK
@given(products(store=STORE))
def test_references_name_existing_records(body: dict[str, Any]) -> None:
    assert all(STORE.categories.get(cid) is not None for cid in body.get("categories", ()))
    assert body.get("brand_id", 0) == 0 or STORE.brands.get(body["brand_id"]) is not None


@QUICK
@given(products())
def test_without_store_nothing_is_referenced(body: dict[str, Any]) -> None:
    assert body.get("categories", []) == [] and body.get("brand_id", 0) == 0


@QUICK
@given(categories(store=STORE, parent_id=st.just(19)))
def test_category_names_are_unique_among_their_siblings(body: dict[str, Any]) -> None:
    siblings = {c.name.casefold() for c in STORE.categories.values() if c.parent_id == 19}
    assert body["parent_id"] == 19 and body["name"].casefold() not in siblings


@QUICK
@given(products(), brands(), categories())
def test_limits_follow_the_spec(product: dict[str, Any], brand: dict[str, Any], category: dict[str, Any]) -> None:
    assert 1 <= len(product["name"]) <= 250 and product["name"].strip()
    assert 1 <= len(brand["name"]) <= 255
    assert 1 <= len(category["name"]) <= 50
    assert product["price"] >= 0 and 0 <= product["weight"] <= 9999999999
    assert product["type"] in ("physical", "digital")


def test_invalid_case_is_a_frozen_value() -> None:
    case = InvalidCase({"name": ""}, 422, "name is empty", "name")
    with pytest.raises(AttributeError):
        case.status = 409  # type: ignore[misc]
    assert case.target_id is None and repr(OMIT) == "OMIT"
