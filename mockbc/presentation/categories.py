"""Categories on the v3 wire, in both of their dresses: the (deprecated) categories API
uses ``id`` and ``custom_url``; the trees API uses ``category_id``, ``category_uuid`` and
``url{path}`` (BC_FACTS §3.3)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockbc.domain import errors as e
from mockbc.domain.categories import WRITABLE_FIELDS, Category, CategoryTree
from mockbc.domain.records import CustomUrl
from mockbc.presentation import v3
from mockbc.presentation.wire import custom_url_in, custom_url_out

_COMMON = (
    "parent_id", "name", "description", "views", "sort_order", "page_title", "meta_description",
    "layout_file", "image_url", "is_visible", "search_keywords", "default_product_sort",
)  # fmt: skip


def to_v3(category: Category) -> dict[str, Any]:
    out: dict[str, Any] = {"id": category.id}
    for name in _COMMON:
        out[name] = getattr(category, name)
    out["meta_keywords"] = list(category.meta_keywords)
    out["custom_url"] = custom_url_out(category.custom_url)
    return out


def to_tree_v3(category: Category) -> dict[str, Any]:
    out: dict[str, Any] = {"category_id": category.id, "category_uuid": category.uuid, "tree_id": category.tree_id}
    for name in _COMMON:
        out[name] = getattr(category, name)
    out["meta_keywords"] = list(category.meta_keywords)
    out["url"] = {"path": category.custom_url.url, "is_customized": category.custom_url.is_customized}
    return out


def tree_to_v3(tree: CategoryTree) -> dict[str, Any]:
    return {"id": tree.id, "name": tree.name, "channels": list(tree.channels)}


def changes_from_v3(body: Mapping[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name, value in body.items():
        if value is None:
            continue
        if name == "custom_url":
            changes[name] = custom_url_in(value)
        elif name == "url":
            changes["custom_url"] = CustomUrl(url=value.get("path", ""), is_customized=bool(value.get("is_customized", True)))
        elif name == "meta_keywords":
            changes[name] = tuple(value)
        elif name in WRITABLE_FIELDS:
            changes[name] = value
    return changes


def node_to_v3(category: Category, path: list[int], children: list[dict[str, Any]]) -> dict[str, Any]:
    """One node of ``GET /catalog/trees/{tree_id}/categories``. ``path`` runs from the
    top-level ancestor down to the category itself; ``depth`` is 1 at the top."""
    return {
        "id": category.id,
        "parent_id": category.parent_id,
        "depth": len(path),
        "path": path,
        "name": category.name,
        "is_visible": category.is_visible,
        "url": category.custom_url.url,
        "children": children,
    }


def select_tree_fields(record: dict[str, Any], include: list[str] | None, exclude: list[str] | None) -> dict[str, Any]:
    """``include_fields`` / ``exclude_fields`` on tree categories: ``category_id`` is always kept."""
    if include:
        keep = set(include) | {"category_id"}
        record = {k: v for k, v in record.items() if k in keep}
    if exclude:
        drop = set(exclude) - {"category_id"}
        record = {k: v for k, v in record.items() if k not in drop}
    return record


# Record field -> trees API field, for error keys.
_TREE_FIELD_NAMES = {"custom_url": "url"}


def item_errors(index: int, err: e.DomainError) -> tuple[dict[str, str], str]:
    """One failed batch item as ``({"<index>.<field>": message}, title)``, in trees API names."""
    match err:
        case e.NotFound(resource=resource, id=ident):
            return {f"{index}.category_id": f"The {resource} {ident} does not exist."}, f"The requested {resource} was not found."
        case e.Conflict(fields=fields, title=title) | e.Invalid(fields=fields, title=title) | e.LimitExceeded(
            fields=fields, title=title
        ):
            return {f"{index}.{_TREE_FIELD_NAMES.get(k, k)}": v for k, v in fields.items()}, title
    raise TypeError(f"unmapped batch item error {err!r}")


def batch_error(errors: dict[str, str], title: str, total: int, success: int) -> dict[str, Any]:
    """The trees API's error envelope: ``{"errors": {status, title, type, errors}, "meta": {...}}``
    (upstream's ``ErrorResponse`` / ``GeneralErrorWithErrors``); the inner status is 422."""
    _, body = v3.error(e.Invalid(errors, title))
    return {"errors": body, "meta": v3.batch_meta(total, success)}
