"""Create, change, find and delete a product's variant options and their values (upstream
product-variant-options_catalog.v3.yml).

Options are what variants are built from, so their writes reach the variants: a product's
first option takes the place of its base variant (``base_variant_id`` becomes null, as
upstream documents for products with options), deleting an option or an option value deletes
the variants made with it, and deleting a product's last option gives it a base variant again.
Creating an option creates no variants (upstream: "the SKUs are not updated"). Every check
runs before the first write.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, TypeVar

from mockbc.domain.errors import NotFound, conflict, invalid
from mockbc.domain.errors import limit_exceeded as limit
from mockbc.domain.options import (
    CONFIG_FIELDS,
    MAX_SWATCH_COLORS,
    MAX_VALUES,
    OptionValue,
    ProductOption,
    in_display_order,
    unique_name,
)
from mockbc.domain.products import Product
from mockbc.domain.variants import Variant, base_variant
from mockbc.store.store import Store

_HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
V = TypeVar("V", bound=Any)


# --------------------------------------------------------------------------- reading


def product_of(store: Store, product_id: int) -> Product:
    product: Product | None = store.products.get(product_id)
    if product is None:
        raise NotFound("product", product_id)
    return product


def options_of(store: Store, product_id: int) -> list[ProductOption]:
    """A product's options in display order (``sort_order``, then id), through the ``product_id`` index."""
    return in_display_order(tuple(store.options.many(store.options.lookup("product_id", product_id))))


def get(store: Store, product_id: int, option_id: int) -> ProductOption:
    product_of(store, product_id)
    option: ProductOption | None = store.options.get(option_id)
    if option is None or option.product_id != product_id:
        raise NotFound("option", option_id)
    return option


def get_value(store: Store, product_id: int, option_id: int, value_id: int) -> tuple[ProductOption, OptionValue]:
    option = get(store, product_id, option_id)
    value = option.value(value_id)
    if value is None:
        raise NotFound("option value", value_id)
    return option, value


# --------------------------------------------------------------------------- rules shared with modifiers


def check_display_name(store: Store, product_id: int, name: str, own_id: int | None) -> None:
    """A display name is unique, ignoring case, among a product's options and modifiers: both are
    choices on one product page (upstream documents 409 for a duplicate on either)."""
    key = name.casefold()
    for table in (store.options, store.modifiers):
        for other_id in table.lookup("product_id", product_id):
            other = table.require(other_id)
            if other.id != own_id and other.display_name.casefold() == key:
                raise conflict("display_name_taken", "display_name", "display_name_taken", value=name)


def check_config(kind: str, config: Mapping[str, Any], field: str = "config") -> dict[str, Any]:
    """The config fields ``kind`` uses, checked; fields of other types are dropped (upstream's
    "Configs" table lists which type reads which field)."""
    kept = {name: value for name, value in config.items() if name in CONFIG_FIELDS.get(kind, ())}
    if kind == "date":
        if not kept.get("default_value"):
            raise invalid("body", f"{field}.default_value", "missing")
        for name in ("default_value", "date_earliest_value", "date_latest_value"):
            if name in kept and _date(kept[name]) is None:
                raise invalid("payload", f"{field}.{name}", "format", format="date-time")
        _check_limits(kept, field, "date_limited", "date_limit_mode", "date_earliest_value", "date_latest_value",
                      modes=("earliest", "latest"), read=_date)  # fmt: skip
    elif kind == "numbers_only_text":
        default = kept.get("default_value")
        if default not in (None, "") and _number(default) is None:
            raise invalid("payload", f"{field}.default_value", "not_number", raw=default)
        _check_limits(kept, field, "number_limited", "number_limit_mode", "number_lowest_value",
                      "number_highest_value", modes=("lowest", "highest"), read=_number)  # fmt: skip
    elif kind in ("text", "multi_line_text"):
        low, high = kept.get("text_min_length"), kept.get("text_max_length")
        if low is not None and high is not None and low > high:
            raise invalid("payload", f"{field}.text_max_length", "not_below", other="text_min_length")
    return kept


def _check_limits(
    config: Mapping[str, Any], field: str, flag: str, mode_name: str, low_name: str, high_name: str, *,
    modes: tuple[str, str], read: Callable[[Any], Any],
) -> None:  # fmt: skip
    """A limited date or number: the mode, and the bounds the mode needs, lowest not above highest."""
    if not config.get(flag):
        return
    mode = config.get(mode_name)
    if mode is None:
        raise invalid("body", f"{field}.{mode_name}", "missing")
    needed = {modes[0]: (low_name,), modes[1]: (high_name,)}.get(mode, (low_name, high_name))
    for name in needed:
        if config.get(name) is None:
            raise invalid("body", f"{field}.{name}", "missing")
    if len(needed) == 2 and read(config[low_name]) > read(config[high_name]):
        raise invalid("payload", f"{field}.{high_name}", "not_below", other=low_name)


def _date(raw: Any) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(str(raw).replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _number(raw: Any) -> float | None:
    try:
        value = float(raw)
    except (TypeError, ValueError):
        return None
    return value if value == value and abs(value) != float("inf") else None


def check_value_data(store: Store, kind: str, data: Mapping[str, Any] | None, field: str) -> None:
    """``value_data`` as the type reads it (upstream's modifier guide, "Option Values"): swatch
    colours, a listed product, a checkbox's checked state."""
    data = data or {}
    if kind == "swatch" and "colors" in data:
        colors = data["colors"]
        if not isinstance(colors, list) or not 1 <= len(colors) <= MAX_SWATCH_COLORS:
            raise invalid("payload", f"{field}.colors", "swatch_colors", limit=MAX_SWATCH_COLORS)
        for position, color in enumerate(colors):
            if not isinstance(color, str) or not _HEX_COLOR.match(color):
                raise invalid("payload", f"{field}.colors.{position}", "hex_color")
    elif kind in ("product_list", "product_list_with_images"):
        listed = data.get("product_id")
        if listed is None:
            raise invalid("body", f"{field}.product_id", "missing")
        if not isinstance(listed, int) or isinstance(listed, bool) or store.products.get(listed) is None:
            raise invalid("payload", f"{field}.product_id", "record_missing", resource="product", id=listed)
    elif kind == "checkbox" and "checked_value" in data and not isinstance(data["checked_value"], bool):
        raise invalid("payload", f"{field}.checked_value", "type", types=["boolean"])


def merge_values(
    store: Store,
    kind: str,
    values: tuple[V, ...],
    items: Sequence[Mapping[str, Any]],
    *,
    where: Callable[[int, str], str],
    make: Callable[[int, Mapping[str, Any]], V],
    owner: str,
    full: str,
) -> tuple[V, ...]:
    """``values`` after ``items``: an item with an ``id`` changes that value, one without adds a
    value (it needs ``label`` and ``sort_order``); values not named are kept. Labels stay unique
    ignoring case, at most one value is the default (a new default clears the old one), and an
    owner holds at most 250 values (``full`` names the field a full owner is reported on).
    ``where(position, field)`` names an item's field in errors; ``make(id, fields)`` builds a new
    value, with an id drawn only once every item passed."""
    by_id = {value.id: value for value in values}
    changed: dict[int, Mapping[str, Any]] = {}
    added: list[Mapping[str, Any]] = []
    defaults = 0
    for position, item in enumerate(items):
        value_id = item.get("id")
        if value_id is not None:
            if value_id not in by_id:
                raise invalid("payload", where(position, "id"), "value_not_in_option", id=value_id, option=owner)
            if value_id in changed:
                raise invalid("payload", where(position, "id"), "batch_repeated_id")
            changed[value_id] = item
        else:
            for name in ("label", "sort_order"):
                if item.get(name) is None:
                    raise invalid("body", where(position, name), "missing")
            added.append(item)
        if item.get("is_default"):
            defaults += 1
            if defaults > 1:
                raise invalid("payload", where(position, "is_default"), "one_default")
        if "value_data" in item or value_id is None:
            check_value_data(store, kind, item.get("value_data"), where(position, "value_data"))
    if len(values) + len(added) > MAX_VALUES:
        raise limit("value_limit", full, "too_many_values", limit=MAX_VALUES)
    labels = {v.label.casefold() for v in values if v.id not in changed or changed[v.id].get("label") is None}
    for position, item in enumerate(items):
        label = item.get("label")
        if label is None:
            continue
        if label.casefold() in labels:
            raise invalid("payload", where(position, "label"), "label_taken", value=label)
        labels.add(label.casefold())
    out = [replace(v, **{k: x for k, x in changed[v.id].items() if k in _VALUE_FIELDS}) if v.id in changed else v
           for v in values]  # fmt: skip
    default_id = next((value_id for value_id, item in changed.items() if item.get("is_default")), None)
    for item in added:
        new = make(store.next_id("options"), item)
        out.append(new)
        if item.get("is_default"):
            default_id = new.id
    if default_id is not None:
        out = [v if v.is_default == (v.id == default_id) else replace(v, is_default=v.id == default_id) for v in out]
    return tuple(out)


_VALUE_FIELDS = frozenset({"label", "sort_order", "is_default", "value_data", "adjusters"})


# --------------------------------------------------------------------------- writing


def _option_value(value_id: int, item: Mapping[str, Any]) -> OptionValue:
    return OptionValue(
        id=value_id, label=item["label"], sort_order=item["sort_order"], is_default=bool(item.get("is_default")),
        value_data=item.get("value_data"),
    )  # fmt: skip


def _body_field(position: int, name: str) -> str:
    return f"option_values.{position}.{name}"


def _value_field(position: int, name: str) -> str:
    return name


def create(store: Store, product_id: int, changes: Mapping[str, Any]) -> ProductOption:
    """A new option with its values (``changes["option_values"]``: at least one)."""
    product = product_of(store, product_id)
    display_name = changes["display_name"]
    kind = changes["type"]
    check_display_name(store, product.id, display_name, None)
    config = check_config(kind, changes.get("config") or {})
    # A new option's values are all new: ids sent along (values copied from another option) are ignored.
    items = [{k: v for k, v in item.items() if k != "id"} for item in changes.get("option_values") or ()]
    if not items:
        raise invalid("payload", "option_values", "min_items", limit=1)
    values = merge_values(
        store, kind, (), items, where=_body_field, make=_option_value, owner="new", full="option_values"
    )
    option_id = store.next_id("options")
    option = ProductOption(
        id=option_id, product_id=product.id, display_name=display_name, type=kind,
        sort_order=changes.get("sort_order", 0), option_values=values, config=config,
        image_url=changes.get("image_url") or "", name=unique_name(display_name, store.clock.now(), product.id),
    )  # fmt: skip
    store.options.put(option.id, option)
    store.emit("option", "created", option.id)
    if product.base_variant_id is not None:
        # The product now has options: its variants are option combinations, and it has no base variant.
        store.delete("variants", [product.base_variant_id])
        store.products.put(product.id, replace(product, base_variant_id=None))
        store.emit("product", "updated", product.id)
    return option


def update(store: Store, product_id: int, option_id: int, changes: Mapping[str, Any]) -> ProductOption:
    """A partial update. ``option_values`` items with an ``id`` change that value, items without
    one add values; values left out are kept (deleting one deletes variants: that takes its own
    call)."""
    option = get(store, product_id, option_id)
    fields: dict[str, Any] = {}
    if "display_name" in changes and changes["display_name"] != option.display_name:
        check_display_name(store, product_id, changes["display_name"], option.id)
        fields["display_name"] = changes["display_name"]
    kind = changes.get("type", option.type)
    fields["type"] = kind
    if "config" in changes or kind != option.type:
        fields["config"] = check_config(kind, {**option.config, **(changes.get("config") or {})})
    if "sort_order" in changes:
        fields["sort_order"] = changes["sort_order"]
    if "image_url" in changes:
        fields["image_url"] = changes["image_url"] or ""
    if "option_values" in changes:
        fields["option_values"] = merge_values(
            store, kind, option.option_values, changes["option_values"], where=_body_field, make=_option_value,
            owner=str(option.id), full="option_values",
        )  # fmt: skip
    updated = replace(option, **fields)
    store.options.put(updated.id, updated)
    store.emit("option", "updated", updated.id)
    return updated


def delete(store: Store, product_id: int, option_id: int) -> None:
    """Delete an option and the variants made with it; a product left without options gets a
    base variant again, carrying its SKU and stock."""
    option = get(store, product_id, option_id)
    store.delete("options", [option.id])
    if not store.options.lookup("product_id", product_id):
        product: Product = store.products.require(product_id)
        variant_id = store.next_id("variants")
        variant: Variant = base_variant(product, variant_id)
        store.variants.put(variant_id, variant)
        store.emit("sku", "created", variant_id)
        store.products.put(product.id, replace(product, base_variant_id=variant_id))
        store.emit("product", "updated", product.id)


def create_value(store: Store, product_id: int, option_id: int, changes: Mapping[str, Any]) -> OptionValue:
    option = get(store, product_id, option_id)
    item = {k: v for k, v in changes.items() if k != "id"}
    values = merge_values(
        store, option.type, option.option_values, [item], where=_value_field, make=_option_value,
        owner=str(option.id), full="label",
    )  # fmt: skip
    updated = replace(option, option_values=values)
    store.options.put(updated.id, updated)
    store.emit("option", "updated", updated.id)
    return values[-1]


def update_value(
    store: Store, product_id: int, option_id: int, value_id: int, changes: Mapping[str, Any]
) -> OptionValue:
    option, value = get_value(store, product_id, option_id, value_id)
    item = {**changes, "id": value.id}
    values = merge_values(
        store, option.type, option.option_values, [item], where=_value_field, make=_option_value,
        owner=str(option.id), full="label",
    )  # fmt: skip
    updated = replace(option, option_values=values)
    store.options.put(updated.id, updated)
    store.emit("option", "updated", updated.id)
    found = updated.value(value.id)
    assert found is not None
    return found


def delete_value(store: Store, product_id: int, option_id: int, value_id: int) -> None:
    """Delete an option value and the variants made with it. An option keeps at least one value
    (upstream requires one on create): its last value goes with the option."""
    option, value = get_value(store, product_id, option_id, value_id)
    if len(option.option_values) == 1:
        raise invalid("last_value", "value_id", "last_value", id=value.id, option=option.id)
    store.delete("variants", sorted(store.variants.lookup("option_value_id", value.id)))
    updated = replace(option, option_values=tuple(v for v in option.option_values if v.id != value.id))
    store.options.put(updated.id, updated)
    store.emit("option", "updated", updated.id)
