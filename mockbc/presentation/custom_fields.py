"""Custom fields on the v3 wire, and as a product's ``include=custom_fields`` and inline ``custom_fields``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockbc.domain import errors as e
from mockbc.domain.custom_fields import CustomField
from mockbc.domain.products import Product
from mockbc.presentation.call import Call
from mockbc.presentation.v3 import View, cached
from mockbc.presentation.wire import select_fields
from mockbc.services import custom_fields as service

NAME = "custom_field.v3"


def to_v3(field: CustomField) -> dict[str, Any]:
    return {"id": field.id, "name": field.name, "value": field.value}


def changes_from_v3(body: Mapping[str, Any]) -> dict[str, Any]:
    """``name`` and ``value`` when present; the read-only ``id`` is ignored."""
    return {name: body[name] for name in ("name", "value") if body.get(name) is not None}


def inline_from_v3(item: Mapping[str, Any]) -> dict[str, Any]:
    """One item of a product body's ``custom_fields``: its ``id`` says which field it changes."""
    parsed: dict[str, Any] = {"name": item["name"], "value": item["value"]}
    if item.get("id") is not None:
        parsed["id"] = item["id"]
    return parsed


def item_v3(field: CustomField, call: Call) -> dict[str, Any]:
    return select_fields(
        cached(call, NAME, field, to_v3), call.query.get("include_fields"), call.query.get("exclude_fields")
    )


def _include(product: Product, call: Call) -> list[dict[str, Any]]:
    return [cached(call, NAME, field, to_v3) for field in service.of_product(call.store, product.id)]


PRODUCT_INCLUDES = {"custom_fields": _include}
PRODUCT_INLINE_V3 = {"custom_fields": inline_from_v3}


class CustomFieldsView(View):
    """Upstream documents the custom-field operations' 403 as an error with ``errors``
    (products_catalog.v3.yml, GeneralErrorWithErrors), so that one carries an empty one."""

    def error(self, err: e.DomainError) -> tuple[int, object]:
        status, shaped = super().error(err)
        if status == 403 and isinstance(shaped, dict):
            shaped = {**shaped, "errors": {}}
        return status, shaped


VIEW_V3 = CustomFieldsView(
    NAME, item_v3, changes_from_v3, whole=to_v3, shaping=frozenset({"include_fields", "exclude_fields"})
)
