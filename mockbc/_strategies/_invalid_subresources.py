"""Requests about a product's sub-resources (and metafields) that the mock must refuse: a valid
body broken in one place, tagged with the status the mock answers.

``target_id`` is the record the request goes to: the product for variants, images, custom
fields and bulk pricing rules, the owner for metafields. Every payload drawn is remembered in
``_intended.INTENDED``, as the other ``invalid_*`` strategies' are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from mockbc._strategies import _metafields, _products, _subresources, _variants
from mockbc._strategies._core import InvalidCase, check_overrides, check_store
from mockbc._strategies._invalid import _case_variants, _intended, _unknown_id, schema_mutations
from mockbc._strategies._schema import PRINTABLE
from mockbc.store.store import Store

Rule = Callable[[st.DrawFn, dict[str, Any]], InvalidCase]


def _pick(
    draw: st.DrawFn, schema: list[tuple[str, Rule]], rules: list[tuple[str, Rule]], body: dict[str, Any]
) -> InvalidCase:
    """A schema violation or a rule violation, as often as each other, then one of its kinds."""
    groups = [group for group in (schema, rules) if group]
    cases = groups[draw(st.integers(0, len(groups) - 1))]
    kind = draw(st.sampled_from([name for name, _ in cases]))
    return dict(cases)[kind](draw, body)


def _targeted(case: InvalidCase, target: int | None) -> InvalidCase:
    return _intended(InvalidCase(case.payload, case.status, case.reason, case.field, target))


def _target(
    draw: st.DrawFn, store: Store | None, product_id: int | None, *, prefer: set[int] | None = None
) -> int | None:
    """The product the request goes to: the one given, else one of ``store``'s (one of ``prefer``
    now and then, when some are), else None (send it to any product)."""
    if product_id is not None or store is None:
        return product_id
    ids = [p.id for p in store.products.values()]
    if prefer and draw(st.booleans()):
        return draw(st.sampled_from(sorted(prefer)))
    return draw(st.sampled_from(ids)) if ids else None


# ---------------------------------------------------------------- variants


@st.composite
def invalid_variants(
    draw: st.DrawFn,
    /,
    *,
    store: Store,
    product_id: int | None = None,
    **overrides: st.SearchStrategy[Any],
) -> InvalidCase:
    """``InvalidCase``s for ``POST /v3/catalog/products/{target_id}/variants``: a ``variants()``
    body broken in one place.

    422: schema violations (a missing ``sku`` or ``option_values``, an empty or too long SKU,
    wrong types, unknown fields, NUL characters, a body that is not an object); an option
    value without its ``id``; a value id that is not a value of the option named; an option of
    another product; an option left out; an option named twice. 409: a SKU that is a case
    variant of any product's or variant's SKU; a combination a variant of the product has.

    ``target_id`` is ``product_id``, or a product of ``store`` with options and a free
    combination (``InvalidArgument`` when there is none).
    """
    check_store("invalid_variants", store)
    if store is None:
        raise InvalidArgument("invalid_variants() needs store=: a variant names option values of its product")
    if product_id is None:
        candidates = sorted({o.product_id for o in store.options.values()})
        candidates = [p for p in candidates if _variants.can_add_variant(store, p)]
        if not candidates:
            raise InvalidArgument("invalid_variants(): no product of the store can take a new variant")
        product_id = draw(st.sampled_from(candidates))
    body = draw(_variants.variants(store=store, product_id=product_id, **overrides))
    options = _variants.options_of(store, product_id)
    option_ids = {option_id for option_id, _ in options}
    schema: list[tuple[str, Rule]] = list(schema_mutations(_variants.CREATE, required=("sku", "option_values")))

    def value_of_another_option(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
        values = body["option_values"]
        index = draw(st.integers(0, len(values) - 1))
        own = {v for option_id, vs in options if option_id == values[index]["option_id"] for v in vs}
        values[index] = {
            "id": _unknown_id(draw, lambda v: v in own, maximum=2**31 - 1),
            "option_id": values[index]["option_id"],
        }
        return InvalidCase(
            body, 422, "an option value id that is not a value of its option", f"option_values.{index}.id"
        )

    def option_of_another_product(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
        values = body["option_values"]
        index = draw(st.integers(0, len(values) - 1))
        others = sorted(o.id for o in store.options.values() if o.product_id != product_id)
        option_id = draw(st.sampled_from(others)) if others else _unknown_id(draw, lambda o: o in option_ids)
        values[index] = {**values[index], "option_id": option_id}
        return InvalidCase(
            body, 422, f"option {option_id} is not an option of the product", f"option_values.{index}.option_id"
        )

    def option_left_out(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
        values = body["option_values"]
        del values[draw(st.integers(0, len(values) - 1))]
        return InvalidCase(body, 422, "a value of one of the product's options is missing", "option_values")

    def option_twice(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
        values = body["option_values"]
        index = draw(st.integers(0, len(values) - 1))
        values.insert(draw(st.integers(0, len(values))), dict(values[index]))
        return InvalidCase(body, 422, "one option is named twice", "option_values")

    def value_without_id(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
        values = body["option_values"]
        values[0] = {"option_id": values[0]["option_id"]}
        return InvalidCase(body, 422, "an option value without its id", "option_values.0.id")

    def sku_taken(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
        existing = sorted(
            {p.sku for p in store.products.values() if p.sku} | {v.sku for v in store.variants.values() if v.sku}
        )
        sku = draw(st.sampled_from(existing))
        body["sku"] = draw(st.sampled_from(_case_variants(sku, max_size=_variants.MAX_SKU)))
        return InvalidCase(body, 409, f"SKU {sku!r} is in use (case-insensitively)", "sku")

    cases: list[tuple[str, Rule]] = [
        ("value of another option", value_of_another_option),
        ("option of another product", option_of_another_product),
        ("option left out", option_left_out),
        ("option named twice", option_twice),
        ("value without id", value_without_id),
    ]
    if any(p.sku for p in store.products.values()) or any(v.sku for v in store.variants.values()):
        cases.append(("SKU taken", sku_taken))
    used = sorted(_variants.combinations_of(store, product_id), key=sorted)
    used = [c for c in used if c]
    if used:

        def combination_taken(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
            combination = draw(st.sampled_from(used))
            by_value = {v: option_id for option_id, vs in options for v in vs}
            body["option_values"] = [{"id": v, "option_id": by_value[v]} for v in sorted(combination)]
            return InvalidCase(body, 409, "a variant of the product has this combination", "option_values")

        cases.append(("combination taken", combination_taken))
    return _targeted(_pick(draw, schema, cases, body), product_id)


# ---------------------------------------------------------------- custom fields


@st.composite
def invalid_custom_fields(
    draw: st.DrawFn,
    /,
    *,
    store: Store | None = None,
    product_id: int | None = None,
    **overrides: st.SearchStrategy[Any],
) -> InvalidCase:
    """``InvalidCase``s for ``POST /v3/catalog/products/{target_id}/custom-fields``.

    422: a missing ``name`` or ``value``, one empty or longer than 250 characters, wrong types,
    unknown fields, NUL characters, a body that is not an object. 409 (given ``store``): the
    name-value pair of one of the target's fields, exactly (case counts, so a case variant is
    a new pair).

    ``target_id`` is ``product_id``, else a product of ``store`` (sometimes one with custom
    fields), else None: send it to any product.
    """
    check_store("invalid_custom_fields", store)
    product_id = _subresources._product_id(store, product_id, "invalid_custom_fields")
    holders = {f.product_id for f in store.custom_fields.values()} if store is not None else set()
    target = _target(draw, store, product_id, prefer=holders)
    body = draw(_subresources.custom_fields(store=store, product_id=target, **overrides))
    schema: list[tuple[str, Rule]] = list(
        schema_mutations(_subresources.CUSTOM_FIELD_CREATE, required=("name", "value"))
    )
    cases: list[tuple[str, Rule]] = []
    stored = sorted(_subresources.taken_pairs(store, target)) if target is not None else []
    if stored:

        def duplicate_pair(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
            name, value = draw(st.sampled_from(stored))
            body.update(name=name, value=value)
            return InvalidCase(body, 409, f"the product has the pair {name!r}: {value!r}", "name")

        cases.append(("duplicate pair", duplicate_pair))
    return _targeted(_pick(draw, schema, cases, body), target)


# ---------------------------------------------------------------- bulk pricing rules


def _rule_breaks(prefix: str) -> list[tuple[str, Callable[[st.DrawFn, dict[str, Any]], InvalidCase]]]:
    """Rule-level breaks of one rule ``item`` (its fields named ``prefix + field``)."""

    def max_not_above_min(draw: st.DrawFn, item: dict[str, Any]) -> InvalidCase:
        low = draw(st.integers(1, 1000))
        item.update(
            quantity_min=low, quantity_max=draw(st.integers(1, low)), type=draw(st.sampled_from(["price", "percent"]))
        )
        return InvalidCase(item, 422, "quantity_max is not above quantity_min (and not 0)", f"{prefix}quantity_max")

    def fixed_below_two(draw: st.DrawFn, item: dict[str, Any]) -> InvalidCase:
        low = draw(st.integers(0, 1))
        item.update(quantity_min=low, quantity_max=draw(st.sampled_from([0, low + 1, low + 10])), type="fixed")
        return InvalidCase(item, 422, "a fixed rule starting below a quantity of 2", f"{prefix}quantity_min")

    return [("max not above min", max_not_above_min), ("fixed below 2", fixed_below_two)]


@st.composite
def invalid_bulk_pricing_rules(
    draw: st.DrawFn,
    /,
    *,
    store: Store | None = None,
    product_id: int | None = None,
    inline: bool = False,
    **overrides: st.SearchStrategy[Any],
) -> InvalidCase:
    """``InvalidCase``s for bulk pricing rules.

    By default, for ``POST /v3/catalog/products/{target_id}/bulk-pricing-rules``: 422 for
    schema violations (a missing field, a negative quantity, a type outside
    ``price``/``percent``/``fixed``, unknown fields...), a ``quantity_max`` not above
    ``quantity_min`` (and not 0), a ``fixed`` rule starting below 2, an ``amount`` that is not a
    number (``"ten"``, ``true``, ``{}``); 409 (given ``store``) for a range overlapping one of
    the target's rules. ``target_id`` is chosen as for ``invalid_custom_fields()``.

    With ``inline=True``, for ``POST /v3/catalog/products`` (``target_id`` None): a
    ``products()`` body whose ``bulk_pricing_rules`` break one rule: two rules of the request
    overlap (409, naming the later one), or one item breaks a rule above (422, its field named
    ``bulk_pricing_rules.<index>.<field>``), or misses a field (schema 422).
    """
    check_store("invalid_bulk_pricing_rules", store)
    product_id = _subresources._product_id(store, product_id, "invalid_bulk_pricing_rules")
    check_overrides("invalid_bulk_pricing_rules", _subresources.BULK_CREATE, overrides)
    if inline:
        return _intended(draw(_inline_bulk_cases(store, overrides)))
    holders = {r.product_id for r in store.bulk_pricing_rules.values()} if store is not None else set()
    target = _target(draw, store, product_id, prefer=holders)
    covered = _subresources.covered_ranges(store, target) if target is not None else []
    body = _subresources.draw_bulk_rule(draw, list(covered), overrides)
    if body is None:
        raise InvalidArgument(f"invalid_bulk_pricing_rules(): product {target}'s rules cover every quantity")
    required = ("quantity_min", "quantity_max", "type", "amount")
    schema: list[tuple[str, Rule]] = list(schema_mutations(_subresources.BULK_CREATE, required=required))
    cases: list[tuple[str, Rule]] = list(_rule_breaks(""))

    def amount_not_a_number(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
        body["amount"] = draw(st.sampled_from(["ten", "", "1,5", "1e400", True, None, {}, [1]]))
        return InvalidCase(body, 422, f"amount {body['amount']!r} is not a number", "amount")

    cases.append(("amount not a number", amount_not_a_number))
    table = store.bulk_pricing_rules if store is not None else None
    stored = table.many(table.lookup("product_id", target)) if table is not None and target is not None else []
    if stored:

        def overlaps_a_stored_rule(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
            rule = draw(st.sampled_from(sorted(stored, key=lambda r: r.id)))
            high = _subresources.upper(rule.quantity_max)
            low = draw(st.integers(rule.quantity_min, int(min(high, rule.quantity_min + 50))))
            body.update(
                quantity_min=low, quantity_max=draw(st.sampled_from([0, low + 1, low + 100])),
                type=draw(st.sampled_from(["price", "percent"])),
            )  # fmt: skip
            return InvalidCase(body, 409, f"the range overlaps rule {rule.id}", "quantity_min")

        cases.append(("overlaps a stored rule", overlaps_a_stored_rule))
    return _targeted(_pick(draw, schema, cases, body), target)


@st.composite
def _inline_bulk_cases(draw: st.DrawFn, store: Store | None, overrides: dict[str, Any]) -> InvalidCase:
    body = draw(_products.products(store=store, bulk_pricing_rules=st.just([])))
    rules = _subresources.draw_bulk_rule_list(draw, [], min_size=1, max_size=3, overrides=overrides)
    index = draw(st.integers(0, len(rules) - 1))
    prefix = f"bulk_pricing_rules.{index}."
    breaks: list[tuple[str, Rule]] = list(_rule_breaks(prefix))

    def overlap_in_request(draw: st.DrawFn, item: dict[str, Any]) -> InvalidCase:
        earlier = rules[draw(st.integers(0, len(rules) - 1))]
        low = earlier["quantity_min"]
        high = _subresources.upper(earlier["quantity_max"])
        start = draw(st.integers(low, int(min(high, low + 20))))
        copy = {"quantity_min": start, "quantity_max": draw(st.sampled_from([0, start + 1, start + 50])),
                "type": draw(st.sampled_from(["price", "percent"])), "amount": 1}  # fmt: skip
        rules.append(copy)
        return InvalidCase(
            copy, 409, "two rules of the request overlap", f"bulk_pricing_rules.{len(rules) - 1}.quantity_min"
        )

    def field_missing(draw: st.DrawFn, item: dict[str, Any]) -> InvalidCase:
        name = draw(st.sampled_from(["quantity_min", "quantity_max", "type", "amount"]))
        del item[name]
        return InvalidCase(item, 422, f"a rule without {name}", f"{prefix}{name}")

    def amount_a_string(draw: st.DrawFn, item: dict[str, Any]) -> InvalidCase:
        item["amount"] = draw(st.sampled_from(["10", "ten", "1.5"]))
        return InvalidCase(
            item, 422, "an inline amount that is a string (the product body types it as a number)", f"{prefix}amount"
        )

    breaks += [
        ("overlap in the request", overlap_in_request),
        ("field missing", field_missing),
        ("amount a string", amount_a_string),
    ]
    case = _pick(draw, [], breaks, rules[index])
    body["bulk_pricing_rules"] = rules
    return InvalidCase(body, case.status, case.reason, case.field)


# ---------------------------------------------------------------- metafields


@st.composite
def invalid_metafields(
    draw: st.DrawFn,
    /,
    *,
    store: Store | None = None,
    owner: str = "product",
    resource_id: int | None = None,
    client_id: str | None = None,
    **overrides: st.SearchStrategy[Any],
) -> InvalidCase:
    """``InvalidCase``s for ``POST .../{owner}s/{target_id}/metafields``.

    422: a missing ``namespace``, ``key``, ``value`` or ``permission_set``; a key or namespace
    empty or over 64 characters, a value over 65,535; a ``permission_set`` outside its enum;
    wrong types, unknown fields, NUL characters, a body that is not an object. 409 (given
    ``store`` and ``client_id``, the API account that will send it): the namespace and key of
    one of that account's metafields of the target (exactly: case counts).

    ``target_id`` is ``resource_id``, else (given ``store``) the owner of one of the
    account's metafields or any record of the kind, else None. For ``owner="variant"`` the
    path also needs the variant's product: ``store.variants.get(target_id).product_id``.
    """
    check_store("invalid_metafields", store)
    owner = _metafields.check_owner("invalid_metafields", owner)
    _metafields._check_resource("invalid_metafields", store, owner, resource_id)
    own: list[Any] = []
    if store is not None and client_id is not None:
        table = store.table(_metafields.OWNERS[owner][0])
        own = [m for m in table.values() if m.owner_client_id == client_id and resource_id in (None, m.resource_id)]
    target = resource_id
    if target is None and store is not None:
        ids = _metafields.owner_ids(store, owner)
        prefer_own: bool = draw(st.booleans())
        if own and prefer_own:
            target = draw(st.sampled_from(sorted({m.resource_id for m in own})))
        elif ids:
            target = draw(st.sampled_from(ids))
    body = draw(_metafields.metafields(store=store, owner=owner, resource_id=target, client_id=client_id, **overrides))
    create = _metafields.OWNERS[owner][2]
    schema: list[tuple[str, Rule]] = list(schema_mutations(create, required=_metafields.REQUIRED))
    cases: list[tuple[str, Rule]] = []
    duplicates = sorted((m.namespace, m.key) for m in own if m.resource_id == target)
    if duplicates:

        def duplicate_key(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
            namespace, key = draw(st.sampled_from(duplicates))
            body.update(namespace=namespace, key=key)
            return InvalidCase(body, 409, f"the {owner} has a metafield {namespace!r}/{key!r} of this account", "key")

        cases.append(("duplicate namespace and key", duplicate_key))
    return _targeted(_pick(draw, schema, cases, body), target)


# ---------------------------------------------------------------- images


BAD_URLS = (
    "/images/a.png", "images/a.png", "//cdn.example.com/a.png", "ftp://cdn.example.com/a.png", "http://",
    "https:///a.png", "javascript:alert(1)", "data:image/png;base64,iVBORw0KGgo=", "http://exa mple.com/a.png",
    "https://cdn.example.com/a b.png", "http://[::1/a.png", "cdn.example.com/a.png", "file:///etc/passwd",
)  # fmt: skip


@st.composite
def invalid_images(
    draw: st.DrawFn,
    /,
    *,
    store: Store | None = None,
    product_id: int | None = None,
    **overrides: st.SearchStrategy[Any],
) -> InvalidCase:
    """``InvalidCase``s for ``POST /v3/catalog/products/{target_id}/images`` with a JSON body.

    422: an ``image_url`` that is not an absolute http(s) URL (relative, scheme-relative,
    another scheme, no host, whitespace, a malformed IPv6 host), one over 255 characters, none
    at all (``{}`` or an empty string); wrong types, unknown fields, NUL characters, a body that
    is not an object. ``target_id`` is ``product_id``, else a product of ``store``, else None.

    Uploads are multipart bodies, which ``InvalidCase`` does not carry: a file over 8 MB
    (413) or one that is not a PNG, JPEG, GIF or WebP image (422) are cases to write as plain
    tests (see docs/strategies.md).
    """
    check_store("invalid_images", store)
    product_id = _subresources._product_id(store, product_id, "invalid_images")
    target = _target(draw, store, product_id)
    body = draw(_subresources.product_images(store=store, **overrides))
    schema: list[tuple[str, Rule]] = [
        (kind, rule) for kind, rule in schema_mutations(_subresources.IMAGE_CREATE) if kind != "too long"
    ]

    def bad_url(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
        body["image_url"] = draw(st.sampled_from(BAD_URLS))
        return InvalidCase(body, 422, f"image_url {body['image_url']!r} is not an absolute http(s) URL", "image_url")

    def no_url(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
        if draw(st.booleans()):
            body.pop("image_url", None)
        else:
            body["image_url"] = ""
        return InvalidCase(body, 422, "no image_url (and no file)", "image_url")

    def too_long(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
        url = draw(_subresources.image_urls())
        length = _subresources.MAX_IMAGE_URL + draw(st.integers(1, 20))
        body["image_url"] = (url + "/" + "a" * length)[:length]
        return InvalidCase(body, 422, f"image_url is longer than {_subresources.MAX_IMAGE_URL} characters", "image_url")

    def text_too_long(draw: st.DrawFn, body: dict[str, Any]) -> InvalidCase:
        body["image_url"] = draw(st.text(PRINTABLE, min_size=256, max_size=260))
        return InvalidCase(body, 422, "image_url is longer than 255 characters", "image_url")

    cases: list[tuple[str, Rule]] = [
        ("bad URL", bad_url), ("no URL", no_url), ("URL too long", too_long), ("text too long", text_too_long),
    ]  # fmt: skip
    return _targeted(_pick(draw, schema, cases, body), target)
