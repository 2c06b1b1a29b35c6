"""Requests the mock must refuse: one violation per example, on top of a valid body.

Schema violations are read from the operation's JSON Schema (so they follow ``specs/``);
rule violations (duplicates, unknown references) need ``store=`` to know what exists.
Every payload drawn is remembered in ``_intended.INTENDED``, so that the pytest plugin's
contract mode knows the test sent it on purpose.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from hypothesis import strategies as st

from mockbc._strategies import _brands, _categories, _products
from mockbc._strategies._core import InvalidCase, Taken, check_store, made_unique
from mockbc._strategies._intended import INTENDED
from mockbc._strategies._schema import (
    JSON_VALUES,
    PRINTABLE,
    body_properties,
    from_schema,
    is_read_only,
    operation,
    texts,
)
from mockbc.store.store import Store

Mutation = Callable[[st.DrawFn, dict[str, Any]], InvalidCase]

_SAMPLES: dict[str, list[Any]] = {
    "string": ["9.99", "", "true"],
    "integer": [7, -1, 0],
    "number": [1.5, 0.25],
    "boolean": [True, False],
    "array": [[], ["x"], [1, 2]],
    "object": [{}, {"x": 1}],
    "null": [None],
}


def _types(schema: Mapping[str, Any]) -> set[str]:
    kind: Any = schema.get("type")
    kinds: set[str] = set(kind) if isinstance(kind, list) else {kind}
    if "integer" in kinds:
        kinds.add("number_integral")  # 1.0 is an integer to JSON Schema
    return kinds


def _wrong_values(schema: Mapping[str, Any]) -> list[Any]:
    allowed = _types(schema)
    out: list[Any] = []
    for kind, samples in _SAMPLES.items():
        if kind in allowed or (kind == "integer" and "number" in allowed):
            continue
        if kind == "number" and "integer" in allowed:
            samples = [1.5, 0.25]  # not integral, so not an integer either
        out.extend(samples)
    return out


def _writable(operation_id: str) -> dict[str, Any]:
    return {name: schema for name, schema in body_properties(operation_id).items() if not is_read_only(schema)}


def _case_variants(text: str, *, max_size: int) -> list[str]:
    """``text`` in other cases that still casefold to the same key (and fit the limit)."""
    out = []
    for variant in (text.swapcase(), text.upper(), text.lower(), text):
        if variant.casefold() == text.casefold() and len(variant) <= max_size and variant not in out:
            out.append(variant)
    return out


# ---------------------------------------------------------------- schema violations


def schema_mutations(operation_id: str, *, required: tuple[str, ...] = ()) -> list[tuple[str, Mutation]]:
    """(kind, mutation) pairs that break the operation's body schema in one place: 422."""
    properties = _writable(operation_id)
    all_names = set(body_properties(operation_id))
    mutations: list[tuple[str, Mutation]] = []

    if required:

        def missing(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
            field = draw(st.sampled_from(required))
            body.pop(field, None)
            return InvalidCase(body, 422, f"required field {field} is missing", field)

        mutations.append(("missing", missing))

    typed = sorted(name for name, schema in properties.items() if "type" in schema or "enum" in schema)

    def wrong_type(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
        field = draw(st.sampled_from(typed))
        value = draw(st.sampled_from(_wrong_values(properties[field])))
        body[field] = value
        return InvalidCase(body, 422, f"{field} has the wrong type ({type(value).__name__})", field)

    mutations.append(("wrong type", wrong_type))

    enums = sorted(name for name, schema in properties.items() if "enum" in schema)
    if enums:

        def enum_miss(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
            field = draw(st.sampled_from(enums))
            options = [o for o in properties[field]["enum"] if o is not None]
            near = [v for o in options if isinstance(o, str) for v in (o.upper(), o.lower(), o.title(), o + " ")]
            value = draw(st.sampled_from(near) | texts(max_size=20)) if near else draw(texts(max_size=20))
            if value in options:
                value = f"{value}!"
            body[field] = value
            return InvalidCase(body, 422, f"{field} is not one of its enum values", field)

        mutations.append(("enum miss", enum_miss))

    long = sorted(name for name, schema in properties.items() if "maxLength" in schema and "pattern" not in schema)
    if long:

        def too_long(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
            field = draw(st.sampled_from(long))
            limit = int(properties[field]["maxLength"])
            extra = draw(st.integers(1, 5))
            length = limit + extra
            if length <= 1000:
                body[field] = draw(st.text(PRINTABLE, min_size=length, max_size=length))
            else:  # Hypothesis draws at most a few thousand characters: repeat a short piece
                piece = draw(st.text(PRINTABLE, min_size=1, max_size=8))
                body[field] = (piece * (length // len(piece) + 1))[:length]
            return InvalidCase(body, 422, f"{field} is longer than {limit} characters", field)

        mutations.append(("too long", too_long))

    short = sorted(
        name for name, schema in properties.items() if schema.get("minLength", 0) > 0 and "pattern" not in schema
    )
    if short:

        def too_short(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
            field = draw(st.sampled_from(short))
            limit = int(properties[field]["minLength"])
            body[field] = draw(st.text(PRINTABLE, max_size=limit - 1))
            return InvalidCase(body, 422, f"{field} is shorter than {limit} characters", field)

        mutations.append(("too short", too_short))

    low = sorted(name for name, schema in properties.items() if "minimum" in schema)
    if low:

        def below_minimum(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
            field = draw(st.sampled_from(low))
            minimum = properties[field]["minimum"]
            if "integer" in _types(properties[field]):
                value: float = math.ceil(minimum) - draw(st.integers(1, 1000))
            else:
                value = minimum - draw(st.sampled_from([0.01, 1, 9.99, 1e6]))
            body[field] = value
            return InvalidCase(body, 422, f"{field} is below its minimum {minimum}", field)

        mutations.append(("below minimum", below_minimum))

    high = sorted(name for name, schema in properties.items() if "maximum" in schema)
    if high:

        def above_maximum(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
            field = draw(st.sampled_from(high))
            maximum = properties[field]["maximum"]
            if "integer" in _types(properties[field]):
                value: float = math.floor(maximum) + draw(st.integers(1, 1000))
            else:
                value = maximum + draw(st.sampled_from([1, 9.99, 1e6]))
            body[field] = value
            return InvalidCase(body, 422, f"{field} is above its maximum {maximum}", field)

        mutations.append(("above maximum", above_maximum))

    capped = sorted(name for name, schema in properties.items() if "maxItems" in schema)
    if capped:

        def too_many(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
            field = draw(st.sampled_from(capped))
            limit = int(properties[field]["maxItems"])
            items = properties[field].get("items", {})
            count = limit + draw(st.integers(1, 3))
            body[field] = (
                list(range(1, count + 1)) if items.get("type") == "integer" else [draw(_filler(items))] * count
            )
            return InvalidCase(body, 422, f"{field} has more than {limit} items", field)

        mutations.append(("too many items", too_many))

    def unknown_field(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
        name = draw(
            st.sampled_from(["colour", "price_usd", "Name", "ID", "stock", "tags"])
            | st.from_regex(r"\A[a-z][a-z_]{0,20}\Z")
        )
        if name in all_names:
            name += "_x"
        body[name] = draw(JSON_VALUES)
        return InvalidCase(body, 422, f"{name} is not a field of {operation_id}", name)

    mutations.append(("unknown field", unknown_field))

    strings = sorted(
        name
        for name, schema in properties.items()
        if _types(schema) & {"string"} and "enum" not in schema and "pattern" not in schema and "format" not in schema
    )
    if strings:

        def nul(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
            field = draw(st.sampled_from(strings))
            prefix = draw(st.text(PRINTABLE, max_size=5))
            body[field] = prefix + "\x00" + draw(st.text(PRINTABLE, max_size=5))
            return InvalidCase(body, 422, f"{field} holds a NUL character", field)

        mutations.append(("NUL character", nul))

    def not_an_object(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
        # Not null: httpx and requests send no body at all for json=None.
        value = draw(st.sampled_from([[body], "body", 1, True, 2.5]))
        return InvalidCase(value, 422, f"the body is a {type(value).__name__}, not an object", "body")

    mutations.append(("not an object", not_an_object))
    return mutations


def _filler(items: Mapping[str, Any]) -> st.SearchStrategy[Any]:
    return from_schema(items) if items else st.just(1)


def _apply(draw: st.DrawFn, body: dict[str, Any], mutations: list[tuple[str, Mutation]]) -> InvalidCase:
    kinds = [kind for kind, _ in mutations]
    kind = draw(st.sampled_from(kinds))
    return dict(mutations)[kind](draw, body)


def _intended(case: InvalidCase) -> InvalidCase:
    INTENDED.add(case.payload)
    return case


# ---------------------------------------------------------------- products


def _existing_skus(store: Store) -> list[tuple[str, int]]:
    """(sku, owning product id) for every product and variant SKU."""
    out = [(p.sku, p.id) for p in store.products.values() if p.sku]
    out += [(v.sku, v.product_id) for v in store.variants.values() if v.sku]
    return out


def _unknown_id(draw: st.DrawFn, exists: Callable[[int], bool], *, maximum: int = 1_000_000_000) -> int:
    value = draw(st.integers(1, maximum))
    while exists(value):
        value = value + 1 if value < maximum else 1
    return value


def _product_rules(
    store: Store | None, *, update: bool
) -> list[tuple[str, Callable[[st.DrawFn, dict[str, Any], int | None], InvalidCase]]]:
    rules: list[tuple[str, Callable[[st.DrawFn, dict[str, Any], int | None], InvalidCase]]] = []
    name_max = int(body_properties("createProduct")["name"]["maxLength"])
    sku_max = int(body_properties("createProduct")["sku"]["maxLength"])

    def fresh_sku(draw: st.DrawFn, body: dict[str, Any], *, pattern: str = r"\A[A-Za-z0-9ÄÖÜäöüß-]{1,12}\Z") -> str:
        """A SKU no product or variant uses, nor this body (its own or its variants')."""
        taken = Taken(store=store)
        taken.skus.add(str(body.get("sku", "")).casefold())
        taken.skus.update(str(v.get("sku", "")).casefold() for v in body.get("variants") or () if isinstance(v, dict))
        return made_unique(draw(st.from_regex(pattern)), taken.sku_free, max_size=sku_max, separator="-")

    if not update:

        def variant_sku_is_product_sku(draw: st.DrawFn, body: dict[str, Any], _: int | None) -> InvalidCase:
            sku = body.get("sku") or fresh_sku(draw, body)
            body["sku"] = sku
            variants = [
                dict(v)
                for v in body.get("variants") or [{"option_values": [{"option_display_name": "Size", "label": "S"}]}]
            ]
            variants[0]["sku"] = draw(st.sampled_from(_case_variants(sku, max_size=sku_max)))
            body["variants"] = variants
            return InvalidCase(body, 409, "a variant's SKU is the product's own SKU", "variants.0.sku")

        def two_variants_one_sku(draw: st.DrawFn, body: dict[str, Any], _: int | None) -> InvalidCase:
            body.pop("variants", None)
            sku = fresh_sku(draw, body)
            option = {"option_display_name": "Size", "label": "S"}
            body["variants"] = [
                {"sku": sku, "option_values": [option]},
                {
                    "sku": draw(st.sampled_from(_case_variants(sku, max_size=sku_max))),
                    "option_values": [{**option, "label": "M"}],
                },
            ]
            return InvalidCase(body, 409, "two variants share a SKU", "variants.1.sku")

        def variants_without_options(draw: st.DrawFn, body: dict[str, Any], _: int | None) -> InvalidCase:
            body.pop("variants", None)
            skus: list[str] = []
            for _ in range(draw(st.integers(2, 3))):
                skus.append(fresh_sku(draw, {**body, "variants": [{"sku": s} for s in skus]}))
            index = draw(st.integers(0, len(skus) - 1))
            body["variants"] = [
                {"sku": s}
                if i == index
                else {"sku": s, "option_values": [{"option_display_name": "Size", "label": str(i)}]}
                for i, s in enumerate(skus)
            ]
            return InvalidCase(
                body, 422, "one of several variants has no option values", f"variants.{index}.option_values"
            )

        rules += [
            ("variant SKU is the product SKU", variant_sku_is_product_sku),
            ("two variants share a SKU", two_variants_one_sku),
            ("variants without option values", variants_without_options),
        ]

    if store is None:
        return rules

    product_names = [(p.name, p.id) for p in store.products.values()]
    skus = _existing_skus(store)
    urls = [(p.custom_url.url, p.id) for p in store.products.values()]

    def pick_owner(draw: st.DrawFn, pool: list[tuple[str, int]], target: int | None) -> str:
        others = [value for value, owner in pool if owner != target]
        return draw(st.sampled_from(others))

    if product_names and (not update or len(store.products) > 1):

        def duplicate_name(draw: st.DrawFn, body: dict[str, Any], target: int | None) -> InvalidCase:
            name = pick_owner(draw, product_names, target)
            body["name"] = draw(st.sampled_from(_case_variants(name, max_size=name_max)))
            return InvalidCase(body, 409, f"another product is named {name!r} (case-insensitively)", "name")

        rules.append(("duplicate name", duplicate_name))

    if skus and (not update or len({owner for _, owner in skus}) > 1):

        def duplicate_sku(draw: st.DrawFn, body: dict[str, Any], target: int | None) -> InvalidCase:
            sku = pick_owner(draw, skus, target)
            body["sku"] = draw(st.sampled_from(_case_variants(sku, max_size=sku_max)))
            return InvalidCase(body, 409, f"another product or variant has SKU {sku!r} (case-insensitively)", "sku")

        rules.append(("duplicate SKU", duplicate_sku))

        if not update:

            def duplicate_variant_sku(draw: st.DrawFn, body: dict[str, Any], _: int | None) -> InvalidCase:
                sku = pick_owner(draw, skus, None)
                body["variants"] = [{"sku": draw(st.sampled_from(_case_variants(sku, max_size=sku_max)))}]
                return InvalidCase(body, 409, f"a variant's SKU {sku!r} is in use", "variants.0.sku")

            rules.append(("duplicate variant SKU", duplicate_variant_sku))

    if urls and (not update or len(urls) > 1):

        def duplicate_url(draw: st.DrawFn, body: dict[str, Any], target: int | None) -> InvalidCase:
            url = pick_owner(draw, urls, target)
            body["custom_url"] = {"url": url, "is_customized": True}
            return InvalidCase(body, 409, f"another product has the URL {url!r}", "custom_url")

        rules.append(("duplicate custom_url", duplicate_url))

    def unknown_category(draw: st.DrawFn, body: dict[str, Any], _: int | None) -> InvalidCase:
        missing = _unknown_id(draw, lambda cid: store.categories.get(cid) is not None, maximum=2**31 - 1)
        known = list(body.get("categories") or [])
        body["categories"] = draw(st.permutations([*known, missing]))
        return InvalidCase(body, 409, f"category {missing} does not exist", "categories")

    def unknown_brand(draw: st.DrawFn, body: dict[str, Any], _: int | None) -> InvalidCase:
        maximum = int(body_properties("createProduct")["brand_id"].get("maximum", 10**9))
        body["brand_id"] = _unknown_id(draw, lambda bid: store.brands.get(bid) is not None, maximum=maximum)
        return InvalidCase(body, 409, f"brand {body['brand_id']} does not exist", "brand_id")

    rules += [("unknown category", unknown_category), ("unknown brand", unknown_brand)]
    return rules


@st.composite
def invalid_products(
    draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]
) -> InvalidCase:
    """``InvalidCase``s for ``POST /v3/catalog/products``: a valid ``products()`` body broken
    in one place, tagged with the status the mock must answer.

    422: a required field missing, a wrong type, an enum miss, a string too long or empty, a
    number out of range, an unknown field, more than 1,000 categories, a NUL character, a
    body that is not an object, several variants without option values. 409: a variant
    SKU that repeats the product's or another variant's; and, given ``store``, a name or SKU
    that is a case variant of an existing one, a taken ``custom_url``, an unknown category
    or brand id.

    Keyword overrides shape the valid body before it is broken, as in ``products()``.
    """
    check_store("invalid_products", store)
    body = draw(_products.products(store=store, **overrides))
    required = tuple(operation("createProduct").body_schema.get("required", ()))  # type: ignore[union-attr]
    mutations = schema_mutations("createProduct", required=required)
    rules = _product_rules(store, update=False)
    choices = [*(("schema", kind) for kind, _ in mutations), *(("rule", kind) for kind, _ in rules)]
    group, kind = draw(st.sampled_from(choices))
    if group == "schema":
        return _intended(dict(mutations)[kind](draw, body))
    return _intended(dict(rules)[kind](draw, body, None))


@st.composite
def invalid_product_updates(
    draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]
) -> InvalidCase:
    """``InvalidCase``s for ``PUT /v3/catalog/products/{target_id}``.

    Given a ``store`` that holds products, ``target_id`` names the product to send the body
    to (for a duplicate, one other than the record it duplicates); without one it is None and
    only 422 cases are drawn: send them to any existing product.
    """
    check_store("invalid_product_updates", store)
    body = draw(_products.product_updates(store=store, **overrides))
    ids = [p.id for p in store.products.values()] if store is not None else []
    target = draw(st.sampled_from(ids)) if ids else None
    mutations = schema_mutations("updateProduct")
    rules = _product_rules(store, update=True) if target is not None else []
    choices = [*(("schema", kind) for kind, _ in mutations), *(("rule", kind) for kind, _ in rules)]
    group, kind = draw(st.sampled_from(choices))
    case = dict(mutations)[kind](draw, body) if group == "schema" else dict(rules)[kind](draw, body, target)
    return _intended(InvalidCase(case.payload, case.status, case.reason, case.field, target))


# ---------------------------------------------------------------- brands


@st.composite
def invalid_brands(
    draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]
) -> InvalidCase:
    """``InvalidCase``s for ``POST /v3/catalog/brands``.

    422: schema violations (as for products) and a ``custom_url.url`` that breaks the URL
    pattern. 409, given ``store``: a case variant of an existing brand's name, or an
    existing brand's URL.
    """
    check_store("invalid_brands", store)
    body = draw(_brands.brands(store=store, **overrides))
    mutations = schema_mutations("createBrand", required=("name",))

    def bad_url(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
        url = draw(
            st.sampled_from(["brands/acme", "/with space", "/ümlaut", "//", "/a//b", "/a?b=c", "http://x.test/a"])
        )
        body["custom_url"] = {"url": url, "is_customized": True}
        return InvalidCase(body, 422, f"custom_url.url {url!r} breaks the URL pattern", "custom_url.url")

    mutations.append(("bad URL", bad_url))
    if store is not None:
        existing = list(store.brands.values())
        if existing:

            def duplicate_name(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
                name = draw(st.sampled_from([b.name for b in existing]))
                body["name"] = draw(st.sampled_from(_case_variants(name, max_size=255)))
                return InvalidCase(body, 409, f"a brand is named {name!r} (case-insensitively)", "name")

            def duplicate_url(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
                url = draw(st.sampled_from([b.custom_url.url for b in existing]))
                body["custom_url"] = {"url": url, "is_customized": True}
                return InvalidCase(body, 409, f"a brand has the URL {url!r}", "custom_url")

            mutations += [("duplicate name", duplicate_name), ("duplicate custom_url", duplicate_url)]
    return _intended(_apply(draw, body, mutations))


# ---------------------------------------------------------------- categories


@st.composite
def invalid_categories(
    draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]
) -> InvalidCase:
    """``InvalidCase``s for ``POST /v3/catalog/categories``.

    422: schema violations, a name of only spaces, and, given ``store``, a ``parent_id``
    that does not exist (the mock answers 422 here, not 409) or that is already eight levels
    deep. 409, given ``store``: a case variant of a sibling's name, or a taken URL.
    """
    check_store("invalid_categories", store)
    body = draw(_categories.categories(store=store, **overrides))
    mutations = schema_mutations("createCategory", required=("parent_id", "name"))

    def blank_name(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
        body["name"] = draw(st.sampled_from([" ", "   ", "\u3000", "\u00a0 "]))
        return InvalidCase(body, 422, "the name is only spaces", "name")

    mutations.append(("blank name", blank_name))
    if store is not None:
        in_tree = [c for c in store.categories.values() if c.tree_id == _categories.DEFAULT_TREE_ID]

        def unknown_parent(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
            body["parent_id"] = _unknown_id(draw, lambda cid: any(c.id == cid for c in in_tree), maximum=2**31 - 1)
            return InvalidCase(body, 422, f"parent category {body['parent_id']} does not exist", "parent_id")

        mutations.append(("unknown parent", unknown_parent))
        levels = _categories._levels(store)
        deepest = [c.id for c in in_tree if levels.get(c.id, 0) >= _categories.MAX_DEPTH]
        if deepest:

            def too_deep(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
                body["parent_id"] = draw(st.sampled_from(deepest))
                return InvalidCase(body, 422, "the parent is already eight levels deep", "parent_id")

            mutations.append(("too deep", too_deep))
        if in_tree:

            def duplicate_sibling(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
                other = draw(st.sampled_from(in_tree))
                body["parent_id"] = other.parent_id
                body["name"] = draw(st.sampled_from(_case_variants(other.name, max_size=50)))
                return InvalidCase(body, 409, f"a sibling is named {other.name!r} (case-insensitively)", "name")

            def duplicate_url(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
                url = draw(st.sampled_from([c.custom_url.url for c in store.categories.values()]))
                body["custom_url"] = {"url": url, "is_customized": True}
                return InvalidCase(body, 409, f"a category has the URL {url!r}", "custom_url")

            mutations += [("duplicate sibling name", duplicate_sibling), ("duplicate custom_url", duplicate_url)]
    return _intended(_apply(draw, body, mutations))
