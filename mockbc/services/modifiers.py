"""Create, change, find and delete a product's modifiers and their values (upstream
product-modifiers_catalog.v3.yml).

Modifiers never make variants. Types a shopper types or uploads into (text, numbers, dates,
files) have no values; a checkbox has exactly two, made with it (upstream createProductModifier:
"It takes two separate requests to create a new checkbox modifier with option values");
the other types offer the values they are given. Every check runs before the first write.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockbc.domain.errors import NotFound, invalid
from mockbc.domain.modifiers import INPUT_TYPES, Adjusters, Modifier, ModifierValue, type_group
from mockbc.domain.options import in_display_order, unique_name
from mockbc.services import options as option_service
from mockbc.store.store import Store

# What a checkbox modifier's two values are when it is made: checked, and not.
CHECKBOX_VALUES = (("Yes", True), ("No", False))


def modifiers_of(store: Store, product_id: int) -> list[Modifier]:
    """A product's modifiers in display order, through the ``product_id`` index."""
    return in_display_order(tuple(store.modifiers.many(store.modifiers.lookup("product_id", product_id))))


def get(store: Store, product_id: int, modifier_id: int) -> Modifier:
    option_service.product_of(store, product_id)
    modifier: Modifier | None = store.modifiers.get(modifier_id)
    if modifier is None or modifier.product_id != product_id:
        raise NotFound("modifier", modifier_id)
    return modifier


def get_value(store: Store, product_id: int, modifier_id: int, value_id: int) -> tuple[Modifier, ModifierValue]:
    modifier = get(store, product_id, modifier_id)
    value = modifier.value(value_id)
    if value is None:
        raise NotFound("modifier value", value_id)
    return modifier, value


# --------------------------------------------------------------------------- checks


def _value(value_id: int, item: Mapping[str, Any]) -> ModifierValue:
    return ModifierValue(
        id=value_id, label=item["label"], sort_order=item["sort_order"], is_default=bool(item.get("is_default")),
        value_data=item.get("value_data"), adjusters=item.get("adjusters") or Adjusters(),
    )  # fmt: skip


def _with_adjusters(values: Sequence[ModifierValue], items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Items whose ``adjusters`` (the parts a body gave) are laid over the value's current ones."""
    current = {value.id: value.adjusters for value in values}
    out: list[dict[str, Any]] = []
    for item in items:
        item = dict(item)
        if "adjusters" in item:
            item["adjusters"] = replace(current.get(item.get("id") or 0, Adjusters()), **item["adjusters"])
        out.append(item)
    return out


def _values(
    store: Store, modifier: Modifier, kind: str, items: Sequence[Mapping[str, Any]], *, body: bool
) -> tuple[ModifierValue, ...]:
    """The modifier's values after ``items`` (see ``options.merge_values``), as its type allows."""

    def where(position: int, name: str) -> str:
        return f"option_values.{position}.{name}" if body else name

    field = "option_values" if body else "label"
    if kind in INPUT_TYPES and items:
        raise invalid("payload", field, "values_not_taken", type=kind)
    if kind == "checkbox" and any(item.get("id") is None for item in items):
        raise invalid("payload", field, "checkbox_values")
    for position, item in enumerate(items):
        if kind == "swatch" and item.get("is_default"):
            raise invalid("payload", where(position, "is_default"), "default_unsupported", type=kind)
    return option_service.merge_values(
        store, kind, modifier.option_values, _with_adjusters(modifier.option_values, items), where=where,
        make=_value, owner=str(modifier.id), full=field,
    )  # fmt: skip


# --------------------------------------------------------------------------- writing


def create(store: Store, product_id: int, changes: Mapping[str, Any]) -> Modifier:
    product = option_service.product_of(store, product_id)
    display_name, kind = changes["display_name"], changes["type"]
    option_service.check_display_name(store, product.id, display_name, None)
    config = option_service.check_config(kind, changes.get("config") or {})
    items = [{k: v for k, v in item.items() if k != "id"} for item in changes.get("option_values") or ()]
    draft = Modifier(id=0, product_id=product.id, display_name=display_name, type=kind)
    if kind == "checkbox":
        if items:
            raise invalid("payload", "option_values", "checkbox_values")
        values: tuple[ModifierValue, ...] = tuple(
            ModifierValue(id=store.next_id("modifiers"), label=label, sort_order=n, value_data={"checked_value": on})
            for n, (label, on) in enumerate(CHECKBOX_VALUES)
        )
    else:
        values = _values(store, draft, kind, items, body=True)
    modifier = replace(
        draft, id=store.next_id("modifiers"), required=changes["required"], sort_order=changes.get("sort_order", 0),
        config=config, option_values=values, name=unique_name(display_name, store.clock.now(), product.id),
    )  # fmt: skip
    store.modifiers.put(modifier.id, modifier)
    store.emit("modifier", "created", modifier.id)
    return modifier


def update(store: Store, product_id: int, modifier_id: int, changes: Mapping[str, Any]) -> Modifier:
    """An update; upstream requires ``required`` and ``type``. ``option_values`` items with an
    ``id`` change that value, items without one add values, values left out are kept. A
    modifier's type may change only to one whose values mean the same (``type_group``)."""
    modifier = get(store, product_id, modifier_id)
    kind = changes.get("type", modifier.type)
    if type_group(kind) != type_group(modifier.type):
        raise invalid("payload", "type", "type_group", old=modifier.type, new=kind)
    fields: dict[str, Any] = {"type": kind}
    if "display_name" in changes and changes["display_name"] != modifier.display_name:
        option_service.check_display_name(store, product_id, changes["display_name"], modifier.id)
        fields["display_name"] = changes["display_name"]
    if "config" in changes or kind != modifier.type:
        fields["config"] = option_service.check_config(kind, {**modifier.config, **(changes.get("config") or {})})
    for name in ("required", "sort_order"):
        if name in changes:
            fields[name] = changes[name]
    if changes.get("option_values"):
        fields["option_values"] = _values(store, modifier, kind, changes["option_values"], body=True)
    updated = replace(modifier, **fields)
    store.modifiers.put(updated.id, updated)
    store.emit("modifier", "updated", updated.id)
    return updated


def delete(store: Store, product_id: int, modifier_id: int) -> None:
    store.delete("modifiers", [get(store, product_id, modifier_id).id])


def _save(store: Store, modifier: Modifier, values: tuple[ModifierValue, ...]) -> Modifier:
    updated = replace(modifier, option_values=values)
    store.modifiers.put(updated.id, updated)
    store.emit("modifier", "updated", updated.id)
    return updated


def create_value(store: Store, product_id: int, modifier_id: int, changes: Mapping[str, Any]) -> ModifierValue:
    modifier = get(store, product_id, modifier_id)
    values = _values(store, modifier, modifier.type, [{k: v for k, v in changes.items() if k != "id"}], body=False)
    _save(store, modifier, values)
    return values[-1]


def update_value(
    store: Store, product_id: int, modifier_id: int, value_id: int, changes: Mapping[str, Any]
) -> ModifierValue:
    modifier, value = get_value(store, product_id, modifier_id, value_id)
    values = _values(store, modifier, modifier.type, [{**changes, "id": value.id}], body=False)
    found = _save(store, modifier, values).value(value.id)
    assert found is not None
    return found


def set_image(store: Store, product_id: int, modifier_id: int, value_id: int, image_url: str) -> ModifierValue:
    """The image the storefront shows when the value is picked (its ``adjusters.image_url``)."""
    modifier, value = get_value(store, product_id, modifier_id, value_id)
    changed = replace(value, adjusters=replace(value.adjusters, image_url=image_url))
    _save(store, modifier, tuple(changed if v.id == value.id else v for v in modifier.option_values))
    return changed


def delete_value(store: Store, product_id: int, modifier_id: int, value_id: int) -> None:
    modifier, value = get_value(store, product_id, modifier_id, value_id)
    if modifier.type == "checkbox":
        raise invalid("payload", "value_id", "checkbox_values")
    _save(store, modifier, tuple(v for v in modifier.option_values if v.id != value.id))
