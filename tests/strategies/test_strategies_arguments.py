"""The strategies' API: keyword overrides that take strategies, ``OMIT``, uniqueness in a
draw, and ``InvalidArgument`` for bad arguments, raised when drawing, not when building."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from strategies_support import Mock, rich_seed

from mockbc import Store, create_app
from mockbc._strategies._variants import can_add_variant
from mockbc.strategies import (
    OMIT,
    InvalidCase,
    brand_batches,
    brands,
    bulk_pricing_rule_batches,
    bulk_pricing_rules,
    categories,
    category_batches,
    category_trees,
    complex_rules,
    custom_fields,
    from_spec,
    invalid_bulk_pricing_rules,
    invalid_custom_fields,
    invalid_images,
    invalid_metafields,
    invalid_products,
    invalid_variants,
    metafield_batches,
    metafields,
    modifiers,
    options,
    product_batches,
    product_images,
    product_update_batches,
    product_updates,
    products,
    reviews,
    tree_categories,
    v2_brands,
    v2_categories,
    v2_products,
    variant_batches,
    variant_updates,
    variants,
    videos,
)

APP = create_app(fixtures="catalog")
STORE: Store = APP.state.registry.stores["mockbc0001"]
# rich_seed() gives a product with options a value more, so that a combination is free.
RICH = Mock(seed=rich_seed())
WITH_OPTIONS = min(o.product_id for o in RICH.store.options.values() if can_add_variant(RICH.store, o.product_id))
WITHOUT_OPTIONS = min(p.id for p in STORE.products.values() if not STORE.options.lookup("product_id", p.id))
WITHOUT_MODIFIERS = min(p.id for p in STORE.products.values() if not STORE.modifiers.lookup("product_id", p.id))
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
        lambda: category_trees(min_size=2),  # without a store only tree 1 is known
        lambda: category_trees(store=STORE, min_size=4),  # tree 1, and channels 2 and 3 without a tree
        lambda: tree_categories(tree=st.just(1)),
        lambda: product_update_batches(store=None),
        lambda: product_update_batches(store=STORE, max_size=11),
        lambda: from_spec("createWidget"),
        lambda: from_spec("getProducts"),
        lambda: from_spec("createProduct", api="v9"),
        lambda: invalid_products(store=object()),
        lambda: variants(store=None, product_id=WITH_OPTIONS),  # type: ignore[arg-type]
        lambda: variants(store=STORE, product_id=10**9),
        lambda: variants(store=STORE, product_id=WITHOUT_OPTIONS),  # no options, so no combination
        lambda: variants(store=RICH.store, product_id=WITH_OPTIONS, colour=st.just("red")),
        lambda: variant_updates(option_values=st.just([])),  # read-only on update
        lambda: variant_batches(store=None),  # type: ignore[arg-type]
        lambda: variant_batches(store=STORE, max_size=51),
        lambda: options(product_id="77"),  # type: ignore[arg-type]
        lambda: options(store=STORE, product_id=10**9),
        lambda: modifiers(type="checkbox"),  # type: ignore[arg-type]
        lambda: complex_rules(store=STORE, product_id=WITHOUT_MODIFIERS),
        lambda: complex_rules(store=None, product_id=1),  # type: ignore[arg-type]
        lambda: product_images(url=st.just("https://x.test/a.png")),
        lambda: videos(store="demo"),  # type: ignore[arg-type]
        lambda: custom_fields(product_id=True),
        lambda: bulk_pricing_rules(quantity=st.just(1)),
        lambda: bulk_pricing_rule_batches(min_size=3, max_size=2),
        lambda: reviews(stars=st.just(5)),
        lambda: metafields(owner="order"),
        lambda: metafields(store=STORE, owner="brand", resource_id=10**9),
        lambda: metafield_batches(store=None),  # type: ignore[arg-type]
        lambda: v2_products(colour=st.just("red")),
        lambda: v2_products(price="9.99"),  # type: ignore[arg-type]
        lambda: v2_categories(parent=st.just(0)),
        lambda: v2_brands(store=1),  # type: ignore[arg-type]
        lambda: invalid_variants(store=None),  # type: ignore[arg-type]
        lambda: invalid_custom_fields(product_id=-1.5),  # type: ignore[arg-type]
        lambda: invalid_bulk_pricing_rules(store=object()),  # type: ignore[arg-type]
        lambda: invalid_metafields(owner="customer"),
        lambda: invalid_images(store=STORE, product_id=10**9),
        lambda: from_spec("createCategoryImage"),  # multipart only
        lambda: from_spec("createProduct", api="v2", path={"product_id": 1}),  # no path parameter
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


# --------------------------------------------------------------------------- the sub-resource strategies


@QUICK
@given(variants(store=RICH.store, product_id=WITH_OPTIONS, sku=st.just("AB-1"), price=st.just(None)))
def test_an_overridden_variant_sku_is_made_unique_and_other_overrides_are_kept(body: dict[str, Any]) -> None:
    assert body["sku"].startswith("AB-1") and body["price"] is None
    assert RICH.store.products.unique("sku", body["sku"].casefold()) is None
    assert RICH.store.variants.unique("sku", body["sku"].casefold()) is None


@QUICK
@given(options(store=STORE, product_id=WITH_OPTIONS, display_name=st.just("SIZE")))
def test_a_display_name_of_the_product_is_made_unique_ignoring_case(body: dict[str, Any]) -> None:
    taken = {o.display_name.casefold() for o in STORE.options.values() if o.product_id == WITH_OPTIONS}
    assert body["display_name"].casefold() not in taken and body["display_name"].startswith("SIZE")


@QUICK
@given(modifiers(type=st.sampled_from(["date", "checkbox", "text", "swatch"])))
def test_modifiers_follow_their_type(body: dict[str, Any]) -> None:
    if body["type"] == "date":
        assert body["config"]["default_value"]
    if body["type"] in ("checkbox", "text", "date"):
        assert not body.get("option_values")
    if body["type"] == "swatch":
        assert not any(v.get("is_default") for v in body.get("option_values", ()))


@QUICK
@given(bulk_pricing_rule_batches(min_size=3, max_size=6, type=st.just("fixed")))
def test_bulk_pricing_rule_batches_never_overlap_and_fixed_rules_start_at_two(rules: list[dict[str, Any]]) -> None:
    ranges = sorted((r["quantity_min"], r["quantity_max"] or float("inf")) for r in rules)
    assert all(end < start for (_, end), (start, _) in zip(ranges, ranges[1:], strict=False)), ranges
    assert all(
        r["quantity_min"] >= 2 and (r["quantity_max"] == 0 or r["quantity_max"] > r["quantity_min"]) for r in rules
    )


@QUICK
@given(metafields(store=STORE, key=st.just("code"), namespace=st.just("erp")))
def test_a_metafield_key_taken_by_any_owner_gets_a_suffix_without_a_resource(body: dict[str, Any]) -> None:
    assert (body["namespace"], body["key"]) not in {(m.namespace, m.key) for m in STORE.product_metafields.values()}


@QUICK
@given(v2_products(store=STORE, sku=st.just(OMIT)))
def test_v2_money_is_decimal_strings_or_numbers(body: dict[str, Any]) -> None:
    assert "sku" not in body
    for name in ("price", "weight", "cost_price", "sale_price", "retail_price"):
        if isinstance(body.get(name), str):
            whole, _, decimals = body[name].partition(".")
            assert whole.isdigit() and decimals.isdigit() and len(decimals) in (2, 4)
