"""Variant option, modifier and complex rule payloads (upstream product-variant-options_catalog.v3.yml,
product-modifiers_catalog.v3.yml, products_catalog.v3.yml).

The rules a schema cannot say, as upstream documents them: a display name is unique, ignoring
case, among a product's options and modifiers; an option has at least one value; value labels
are unique ignoring case and at most one value is the default; a product list value names an
existing product; a swatch has one to three hex colours. Modifiers by type: a date needs its
``default_value`` (ISO 8601), a checkbox is made without values (it gets its two), text,
number, date and file modifiers take no values, a swatch value is never the default, and a
limited date or number gives the bounds its mode needs, lowest first. A complex rule names
modifier values and variants of its own product: two values, or a value and a variant.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from mockbc._strategies._core import (
    OMIT,
    apply_overrides,
    check_overrides,
    check_store,
    draw_fields,
    made_unique,
    names,
)
from mockbc._strategies._schema import body_properties, date_times, from_schema, integers, texts
from mockbc._strategies._subresources import _product_id, image_urls
from mockbc.store.store import Store

OPTION_CREATE, OPTION_UPDATE = "createProductVariantOption", "updateProductVariantOption"
OPTION_VALUE_CREATE, OPTION_VALUE_UPDATE = "createProductVariantOptionValue", "updateProductVariantOptionValue"
MODIFIER_CREATE, MODIFIER_UPDATE = "createProductModifier", "updateProductModifier"
MODIFIER_VALUE_CREATE, MODIFIER_VALUE_UPDATE = "createProductModifierValue", "updateProductModifierValue"
RULE_CREATE, RULE_UPDATE = "createProductComplexRule", "updateProductComplexRule"

MAX_VALUES_DRAWN = 4
MAX_NAME = 255
MAX_SWATCH_COLORS = 3
# Types whose shopper types, picks a date or uploads: no values (upstream's modifier guide).
INPUT_TYPES = frozenset({"date", "file", "text", "multi_line_text", "numbers_only_text"})
PRODUCT_LISTS = frozenset({"product_list", "product_list_with_images"})
# The config fields each type reads (upstream product-modifiers_catalog.v3.yml, "Configs").
CONFIG_FIELDS: Mapping[str, tuple[str, ...]] = {
    "date": ("default_value", "date_limited", "date_limit_mode", "date_earliest_value", "date_latest_value"),
    "checkbox": ("checked_by_default", "checkbox_label"),
    "file": ("file_types_mode", "file_types_supported", "file_types_other", "file_max_size"),
    "text": ("default_value", "text_characters_limited", "text_min_length", "text_max_length"),
    "multi_line_text": (
        "default_value", "text_characters_limited", "text_min_length", "text_max_length", "text_lines_limited",
        "text_max_lines",
    ),
    "numbers_only_text": (
        "default_value", "number_limited", "number_limit_mode", "number_lowest_value", "number_highest_value",
        "number_integers_only",
    ),
    "product_list": ("product_list_adjusts_inventory", "product_list_adjusts_pricing", "product_list_shipping_calc"),
    "product_list_with_images": (
        "product_list_adjusts_inventory", "product_list_adjusts_pricing", "product_list_shipping_calc",
    ),
}  # fmt: skip


def type_group(kind: str) -> str:
    """Type changes a modifier may make keep its values' meaning: within ``input``, ``checkbox`` or ``choice``."""
    return "input" if kind in INPUT_TYPES else "checkbox" if kind == "checkbox" else "choice"


# ---------------------------------------------------------------- display names


def taken_display_names(store: Store | None, product_id: int | None, *, own_id: int | None = None) -> set[str]:
    """Casefolded display names of the product's options and modifiers (of every product's when
    ``product_id`` is None), leaving out the record ``own_id`` (an update keeps its own)."""
    if store is None:
        return set()
    out: set[str] = set()
    for table in (store.options, store.modifiers):
        rows = table.many(table.lookup("product_id", product_id)) if product_id is not None else table.values()
        out |= {row.display_name.casefold() for row in rows if row.id != own_id}
    return out


def settle_display_name(body: dict[str, Any], taken: set[str]) -> None:
    name = body.get("display_name")
    if isinstance(name, str):
        body["display_name"] = made_unique(name, lambda n: n.casefold() not in taken, max_size=MAX_NAME)
        taken.add(body["display_name"].casefold())


# ---------------------------------------------------------------- values


def hex_colors() -> st.SearchStrategy[str]:
    return st.from_regex(r"\A#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})\Z")


def listed_products(store: Store | None, product_id: int | None) -> list[int]:
    """Products a product list value may name: the store's, or the path's own product."""
    if store is not None:
        return [p.id for p in store.products.values()]
    return [product_id] if product_id is not None else []


def value_data(draw: st.DrawFn, kind: str, listed: list[int]) -> Any:
    """``value_data`` as the type reads it, or OMIT (the body then has none)."""
    if kind == "swatch":
        return draw(
            st.one_of(
                st.lists(hex_colors(), min_size=1, max_size=MAX_SWATCH_COLORS).map(lambda c: {"colors": c}),
                image_urls().map(lambda u: {"image_url": u}),
                st.just({}),
            )
        )
    if kind in PRODUCT_LISTS:
        return {"product_id": draw(st.sampled_from(listed))}
    if kind == "checkbox":
        return draw(st.sampled_from([OMIT, {"checked_value": True}, {"checked_value": False}]))
    return draw(st.sampled_from([OMIT, {}]))


@functools.lru_cache(maxsize=8)
def _value_defaults(operation_id: str) -> dict[str, st.SearchStrategy[Any]]:
    """Strategies for a value's fields other than ``label``, ``is_default`` and ``value_data``."""
    props = body_properties(operation_id)
    if "option_values" in props:
        props = props["option_values"]["items"]["properties"]
    return {
        name: from_schema(schema, where=name)
        for name, schema in props.items()
        if name not in ("id", "label", "is_default", "value_data", "option_id") and not schema.get("readOnly")
    }


def draw_value(
    draw: st.DrawFn,
    kind: str,
    labels: set[str],
    listed: list[int],
    *,
    operation_id: str,
    may_default: bool,
    overrides: Mapping[str, st.SearchStrategy[Any]] | None = None,
) -> dict[str, Any]:
    """One new value: a label unique (ignoring case) among ``labels`` (which it joins), a
    ``sort_order``, value data for ``kind``, and ``is_default`` only when ``may_default``."""
    overrides = dict(overrides or {})
    label = draw(overrides.pop("label", names(max_size=MAX_NAME)))
    item: dict[str, Any] = {}
    if label is not OMIT:
        label = made_unique(label, lambda v: v.casefold() not in labels, max_size=MAX_NAME)
        labels.add(label.casefold())
        item["label"] = label
    item["sort_order"] = draw(overrides.pop("sort_order", integers({"minimum": -(2**31), "maximum": 2**31 - 1})))
    if may_default and draw(st.integers(0, 3)) == 0:
        item["is_default"] = draw(st.booleans())
    elif not may_default and draw(st.integers(0, 5)) == 0:
        item["is_default"] = False
    data = draw(overrides.pop("value_data")) if "value_data" in overrides else value_data(draw, kind, listed)
    if data is not OMIT:
        item["value_data"] = data
    defaults = {k: v for k, v in _value_defaults(operation_id).items() if k != "sort_order"}
    item.update(draw_fields(draw, defaults=defaults, overrides=overrides))
    return {k: v for k, v in item.items() if v is not OMIT}


def draw_values(
    draw: st.DrawFn,
    kind: str,
    listed: list[int],
    *,
    operation_id: str,
    min_size: int,
    max_size: int = MAX_VALUES_DRAWN,
    labels: set[str] | None = None,
) -> list[dict[str, Any]]:
    """New values for an option or modifier: unique labels, at most one default (none for a swatch modifier)."""
    labels = set() if labels is None else labels
    out: list[dict[str, Any]] = []
    default_taken = kind == "swatch" and operation_id.startswith("createProductModifier")
    for _ in range(draw(st.integers(min_size, max_size))):
        item = draw_value(draw, kind, labels, listed, operation_id=operation_id, may_default=not default_taken)
        default_taken = default_taken or bool(item.get("is_default"))
        out.append(item)
    return out


# ---------------------------------------------------------------- configs


@functools.lru_cache(maxsize=4)
def _config_schema(operation_id: str) -> dict[str, Any]:
    properties: dict[str, Any] = body_properties(operation_id)["config"]["properties"]
    return properties


@st.composite
def _ordered_dates(draw: st.DrawFn) -> tuple[str, str]:
    first, second = draw(date_times()), draw(date_times())
    if _instant(first) > _instant(second):
        first, second = second, first
    return first, second


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))


def draw_config(draw: st.DrawFn, kind: str, operation_id: str) -> dict[str, Any]:
    """A config for ``kind`` that meets the type's rules; fields of other types are never drawn."""
    schema = _config_schema(operation_id)
    fields = CONFIG_FIELDS.get(kind, ())
    free = [name for name in fields if name not in _RULED]
    chosen = draw(st.lists(st.sampled_from(free), unique=True)) if free else []
    config: dict[str, Any] = {name: draw(from_schema(schema[name], where=f"config.{name}")) for name in chosen}
    if kind == "date":
        config["default_value"] = draw(date_times())
        if draw(st.booleans()):
            mode = draw(st.sampled_from(["earliest", "latest", "range"]))
            earliest, latest = draw(_ordered_dates())
            config.update(date_limited=True, date_limit_mode=mode)
            if mode in ("earliest", "range"):
                config["date_earliest_value"] = earliest
            if mode in ("latest", "range"):
                config["date_latest_value"] = latest
    elif kind == "numbers_only_text":
        if draw(st.booleans()):
            config["default_value"] = draw(st.sampled_from(["", "0", "12", "-3.5", "1e3", "0.25"]))
        if draw(st.booleans()):
            mode = draw(st.sampled_from(["lowest", "highest", "range"]))
            low, high = sorted(draw(st.lists(st.integers(-10_000, 10_000), min_size=2, max_size=2)))
            config.update(number_limited=True, number_limit_mode=mode)
            if mode in ("lowest", "range"):
                config["number_lowest_value"] = low
            if mode in ("highest", "range"):
                config["number_highest_value"] = high
    elif kind in ("text", "multi_line_text"):
        if draw(st.booleans()):
            config["default_value"] = draw(texts(max_size=40))
        if draw(st.booleans()):
            low, high = sorted(draw(st.lists(st.integers(0, 1000), min_size=2, max_size=2)))
            config.update(text_characters_limited=True, text_min_length=low, text_max_length=high)
    return config


# Config fields whose value depends on another field's: drawn by draw_config's rules, not freely.
_RULED = frozenset({
    "default_value", "date_limited", "date_limit_mode", "date_earliest_value", "date_latest_value",
    "number_limited", "number_limit_mode", "number_lowest_value", "number_highest_value",
    "text_characters_limited", "text_min_length", "text_max_length",
})  # fmt: skip


# ---------------------------------------------------------------- options


OPTION_TYPES = ("radio_buttons", "rectangles", "dropdown", "product_list", "product_list_with_images", "swatch")
MODIFIER_TYPES = (
    "date", "checkbox", "file", "text", "multi_line_text", "numbers_only_text", "radio_buttons", "rectangles",
    "dropdown", "product_list", "product_list_with_images", "swatch",
)  # fmt: skip


def _types(all_types: Iterable[str], listed: list[int]) -> list[str]:
    """The types a body may have: product lists only when a product can be listed."""
    return [kind for kind in all_types if listed or kind not in PRODUCT_LISTS]


def draw_option(
    draw: st.DrawFn,
    store: Store | None,
    product_id: int | None,
    overrides: Mapping[str, st.SearchStrategy[Any]],
    *,
    taken: set[str] | None = None,
) -> dict[str, Any]:
    listed = listed_products(store, product_id)
    kind = draw(overrides["type"]) if "type" in overrides else draw(st.sampled_from(_types(OPTION_TYPES, listed)))
    body: dict[str, Any] = {"display_name": draw(names(max_size=MAX_NAME)), "type": kind}
    if "option_values" not in overrides:
        body["option_values"] = draw_values(draw, str(kind), listed, operation_id=OPTION_CREATE, min_size=1)
    if draw(st.booleans()):
        body["sort_order"] = draw(integers({"minimum": -(2**31), "maximum": 2**31 - 1}))
    if kind in PRODUCT_LISTS and draw(st.booleans()):
        body["config"] = draw_config(draw, str(kind), OPTION_CREATE)
    if draw(st.integers(0, 3)) == 0:
        body["image_url"] = draw(image_urls())
    apply_overrides(draw, body, overrides)
    settle_display_name(body, taken if taken is not None else taken_display_names(store, product_id))
    return body


def draw_modifier(
    draw: st.DrawFn,
    store: Store | None,
    product_id: int | None,
    overrides: Mapping[str, st.SearchStrategy[Any]],
    *,
    taken: set[str] | None = None,
) -> dict[str, Any]:
    listed = listed_products(store, product_id)
    kind = draw(overrides["type"]) if "type" in overrides else draw(st.sampled_from(_types(MODIFIER_TYPES, listed)))
    body: dict[str, Any] = {
        "display_name": draw(names(max_size=MAX_NAME)),
        "type": kind,
        "required": draw(st.booleans()),
    }
    kind = str(kind)
    if kind == "date" or draw(st.booleans()):
        config = draw_config(draw, kind, MODIFIER_CREATE)
        send_empty: bool = draw(st.booleans())
        if config or send_empty:
            body["config"] = config
    if type_group(kind) == "choice" and "option_values" not in overrides:
        values = draw_values(draw, kind, listed, operation_id=MODIFIER_CREATE, min_size=0)
        send_none: bool = draw(st.booleans())
        if values or send_none:
            body["option_values"] = values
    elif draw(st.integers(0, 4)) == 0:
        body["option_values"] = []  # an empty list is no values
    if draw(st.booleans()):
        body["sort_order"] = draw(integers({"minimum": -(2**31), "maximum": 2**31 - 1}))
    apply_overrides(draw, body, overrides, skip="type")
    settle_display_name(body, taken if taken is not None else taken_display_names(store, product_id))
    return body


@st.composite
def options(
    draw: st.DrawFn,
    /,
    *,
    store: Store | None = None,
    product_id: int | None = None,
    **overrides: st.SearchStrategy[Any],
) -> dict[str, Any]:
    """Bodies for ``POST /v3/catalog/products/{product_id}/options`` that the mock accepts with 200.

    A ``display_name`` no option or modifier of ``product_id`` has (ignoring case; of any
    product without ``product_id``, so the body fits every product), a ``type``, and one to
    four values with unique labels and at most one default. Swatch values carry one to three
    hex colours or an image; product list values name a product of ``store`` (or
    ``product_id`` itself), so without either no product list type is drawn.

    Creating a product's first option replaces its base variant: the product then has no
    variants until some are created (``variants()``).

    >>> options(store=store, product_id=77, type=st.just("swatch")).example()  # doctest: +SKIP
    {'display_name': 'Colour', 'type': 'swatch', 'option_values': [{'label': 'Red', 'sort_order': 0,
     'value_data': {'colors': ['#f00']}}]}
    """
    check_store("options", store)
    product_id = _product_id(store, product_id, "options")
    check_overrides("options", OPTION_CREATE, overrides)
    return draw_option(draw, store, product_id, overrides)


@st.composite
def modifiers(
    draw: st.DrawFn,
    /,
    *,
    store: Store | None = None,
    product_id: int | None = None,
    **overrides: st.SearchStrategy[Any],
) -> dict[str, Any]:
    """Bodies for ``POST /v3/catalog/products/{product_id}/modifiers`` that the mock accepts with 200.

    ``display_name`` is unique as for ``options()``; ``required`` is drawn; the rest follows
    the type: a ``date`` has an ISO 8601 ``config.default_value`` (and, when limited, the
    bounds its mode needs, earliest first); a ``numbers_only_text`` a numeric default and
    ordered limits; ``text`` a minimum length not above its maximum; a ``checkbox``, ``file``,
    ``text`` or ``date`` modifier no values; choice types zero to four values (a swatch's
    never the default). Config fields another type reads are never drawn.
    """
    check_store("modifiers", store)
    product_id = _product_id(store, product_id, "modifiers")
    check_overrides("modifiers", MODIFIER_CREATE, overrides)
    return draw_modifier(draw, store, product_id, overrides)


# ---------------------------------------------------------------- complex rules


def rule_pools(store: Store, product_id: int) -> tuple[list[tuple[int, int]], list[int]]:
    """(modifier id, value id) of the product's modifier values, and its variant ids."""
    table = store.modifiers
    values = [(m.id, v.id) for m in table.many(table.lookup("product_id", product_id)) for v in m.option_values]
    return sorted(values), sorted(store.variants.lookup("product_id", product_id))


def rule_condition_sets(store: Store, product_id: int, *, own_id: int | None = None) -> set[frozenset[tuple[Any, ...]]]:
    table = store.complex_rules
    return {
        frozenset((c.modifier_id, c.modifier_value_id, c.variant_id) for c in rule.conditions)
        for rule in table.many(table.lookup("product_id", product_id))
        if rule.id != own_id
    }


def draw_conditions(
    draw: st.DrawFn, store: Store, product_id: int, *, own_id: int | None = None
) -> list[dict[str, Any]] | None:
    """Conditions naming two of the product's modifier values, or one and a variant (as one
    condition or two), that no other rule of the product has; None when none can be made."""
    values, variant_ids = rule_pools(store, product_id)
    if len(values) < 2 and not (values and variant_ids):
        return None
    existing = rule_condition_sets(store, product_id, own_id=own_id)
    for _ in range(8):
        keys: list[tuple[int | None, int | None, int | None]]
        if len(values) >= 2 and (not variant_ids or draw(st.booleans())):
            picked = draw(st.lists(st.sampled_from(values), min_size=2, max_size=min(3, len(values)), unique=True))
            keys = [(m, v, None) for m, v in picked]
            if variant_ids and draw(st.integers(0, 3)) == 0:
                keys.append((None, None, draw(st.sampled_from(variant_ids))))
        else:
            (modifier_id, value_id), variant_id = draw(st.sampled_from(values)), draw(st.sampled_from(variant_ids))
            keys = (
                [(modifier_id, value_id, variant_id)]
                if draw(st.booleans())
                else [(modifier_id, value_id, None), (None, None, variant_id)]
            )
        if frozenset(keys) not in existing:
            return [{"modifier_id": m, "modifier_value_id": v, "variant_id": var} for m, v, var in keys]
    return None


@functools.lru_cache(maxsize=2)
def _rule_defaults(operation_id: str) -> dict[str, st.SearchStrategy[Any]]:
    out: dict[str, st.SearchStrategy[Any]] = {}
    for name, schema in body_properties(operation_id).items():
        if name == "conditions":
            continue
        out[name] = image_urls() if name == "image_url" else from_schema(schema, where=name)
    return out


@st.composite
def complex_rules(
    draw: st.DrawFn, /, *, store: Store, product_id: int, **overrides: st.SearchStrategy[Any]
) -> dict[str, Any]:
    """Bodies for ``POST /v3/catalog/products/{product_id}/complex-rules`` that the mock accepts
    with 200: conditions naming two of the product's modifier values, or one value and one of
    its variants, in a set no other rule of the product has, and any of the adjusters and
    purchasing fields. The product needs modifier values (``InvalidArgument`` otherwise)."""
    check_store("complex_rules", store)
    if store is None:
        raise InvalidArgument("complex_rules() needs store=: its conditions name the product's modifier values")
    checked = _product_id(store, product_id, "complex_rules")
    if checked is None:
        raise InvalidArgument("complex_rules() needs product_id=: its conditions are the product's own")
    product_id = checked
    check_overrides("complex_rules", RULE_CREATE, overrides)
    body = draw_fields(draw, defaults=_rule_defaults(RULE_CREATE), overrides={k: v for k, v in overrides.items()
                                                                             if k != "conditions"})  # fmt: skip
    if "conditions" in overrides:
        conditions = draw(overrides["conditions"])
    else:
        conditions = draw_conditions(draw, store, product_id)
        if conditions is None:
            raise InvalidArgument(
                f"complex_rules(product_id={product_id}): the product needs two modifier values, or a modifier "
                "value and a variant, in a combination no rule of it has"
            )
    if conditions is not OMIT:
        body["conditions"] = conditions
    return body
