"""The English of every error: titles by error kind, messages by broken rule.

Services and the request pipeline raise errors that carry a kind and facts
(``mockbc.domain.errors``); this is the one place that turns them into words. Both API
views use it; a view that words something differently overrides it there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from mockbc.domain.errors import Problem

# The title BigCommerce's v3 catalog gives a request body that breaks its schema.
INVALID_BODY_TITLE = "JSON data is missing or invalid"
INVALID_FILTER_TITLE = "The filter(s) given are invalid."

TITLES: dict[str, str] = {
    "payload": "The request payload is invalid.",
    "body": INVALID_BODY_TITLE,
    "filter": INVALID_FILTER_TITLE,
    "filter_required": "A filter is required.",
    "id_taken": "The id is already in use.",
    "product_name_taken": "The product name is a duplicate.",
    "sku_taken": "The SKU is a duplicate.",
    "url_taken": "The custom URL is a duplicate.",
    "categories_missing": "One or more categories do not exist.",
    "brand_missing": "The brand does not exist.",
    "variant_duplicate": "The variant is a duplicate.",
    "too_many_to_delete": "Too many products to delete.",
    "brand_name_taken": "The brand name is a duplicate.",
    "brand_limit": "The brand limit has been reached.",
    "category_name_required": "The category name is required.",
    "category_name_too_long": "The category name is too long.",
    "parent_missing": "The parent category does not exist.",
    "parent_in_other_tree": "The parent category belongs to another tree.",
    "tree_required": "A top-level category needs a tree.",
    "tree_missing": "The category tree does not exist.",
    "too_deep": "The category tree is too deep.",
    "category_name_taken": "The category name is a duplicate.",
    "category_url_required": "The category URL is required.",
    "category_limit": "The category limit has been reached.",
    "category_inside_itself": "The category cannot be moved inside itself.",
    "category_has_products": "A category that contains products cannot be deleted.",
    "trees_invalid": "The category trees are invalid.",
    "default_tree": "The default category tree cannot be deleted.",
    "tree_or_parent": "Give either tree_id or parent_id.",
    "none_created": "No category was created.",
    "some_created": "Some categories were not created.",
    "none_updated": "No category was updated.",
    "some_updated": "Some categories were not updated.",
    "upload_limit": "The store's upload storage is full.",
}

_TYPE_NAMES = {"integer": "an integer", "number": "a number", "string": "a string",
               "boolean": "a boolean", "array": "an array", "object": "an object", "null": "null"}  # fmt: skip


def _listed(ids: Sequence[object]) -> str:
    """``[1, 2, 3]`` -> ``1, 2 and 3``."""
    parts = [str(i) for i in ids]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" and {parts[-1]}"


def _has_products(facts: Mapping[str, Any]) -> str:
    ids = list(facts["ids"])
    if len(ids) == 1:
        return f"Category {ids[0]} still contains products. Move them to another category first."
    return f"Categories {_listed(ids)} still contain products. Move them to other categories first."


def _typed(facts: Mapping[str, Any]) -> str:
    return "must be " + " or ".join(_TYPE_NAMES.get(t, t) for t in facts["types"] if t != "null")


Message = str | Callable[[Mapping[str, Any]], str]

MESSAGES: dict[str, Message] = {
    # request bodies and query strings
    "missing": "error.path.missing",
    "unknown_field": "is not a field this resource accepts",
    "type": _typed,
    "enum": lambda f: "must be one of: " + ", ".join(str(option) for option in f["options"]),
    "max_length": "must be at most {limit} characters long",
    "min_length": "must be at least {limit} characters long",
    "maximum": "must be at most {limit}",
    "minimum": "must be at least {limit}",
    "max_items": "must have at most {limit} items",
    "min_items": "must have at least {limit} items",
    "format": "must be a valid {format}",
    "schema": "{message}",
    "int64": "must be between -9223372036854775808 and 9223372036854775807",
    "nul": "must not contain NUL characters",
    "not_integer": "'{raw}' is not an integer",
    "not_number": "'{raw}' is not a number",
    "not_boolean": "'{raw}' is not a boolean",
    "not_date": "'{raw}' is not a date",
    "not_uuid": "'{raw}' is not a UUID",
    "not_one_of": lambda f: f"'{f['raw']}' is not one of: " + ", ".join(sorted(map(str, f["options"]))),
    "at_least": lambda f: f"must be at least {f['limit']:g}",
    "filter_required": "At least one filter is required to delete {resource}.",
    "one_of_required": lambda f: "Give at least one of " + ", ".join(f["names"]) + ".",
    "too_many_matches": "The filter matches {count} {resource}; at most {limit} can be deleted per request.",
    "id_taken": "The id {id} is already in use.",
    # products
    "product_name_taken": "A product named '{value}' already exists.",
    "sku_taken": "The SKU '{value}' is already in use.",
    "url_taken": "The URL '{value}' is already in use.",
    "categories_missing": lambda f: "Category ids do not exist: " + ", ".join(map(str, f["ids"])) + ".",
    "brand_missing": "Brand {id} does not exist.",
    "too_many_variants": "A product can have at most {limit} variants.",
    "option_value_incomplete": "needs option_display_name and label",
    "option_repeated": "names an option more than once",
    "options_differ": "must name the same options as the first variant",
    "variant_duplicate": "Another variant has the same option values.",
    "batch_duplicate": "Item {item} of this batch sets the same {field}.",
    "batch_repeated_id": "appears more than once in the batch",
    # brands
    "brand_name_taken": "A brand named '{value}' already exists.",
    "store_limit": "A store can have at most {limit} {resource}.",
    # categories and trees
    "category_missing": "Category {id} does not exist.",
    "parent_in_other_tree": "Category {parent} belongs to tree {parent_tree}, not tree {tree}.",
    "tree_missing": "Category tree {id} does not exist.",
    "tree_repeated": "Category tree {id} appears more than once in the batch.",
    "tree_channels_fixed": "The channels of an existing tree cannot be changed; leave channels out.",
    "one_channel_per_tree": "A category tree can be assigned to one channel only.",
    "channel_missing": "Channel {id} does not exist.",
    "channel_taken_by_tree": "Channel {id} is already assigned to category tree {tree}.",
    "channel_taken_by_item": "Channel {id} is already assigned to item {item} of this batch.",
    "too_deep": "Categories nest at most {limit} levels deep; this would make {level}.",
    "sibling_name_taken": "Category {id} under the same parent is already named '{name}'.",
    "category_url_taken": "The URL '{value}' is already used by category {id}.",
    "category_inside_itself": (
        "Category {parent} is category {id} or one of its subcategories; a category cannot become its own ancestor."
    ),
    "category_has_products": _has_products,
    "default_tree": "Category tree {id} belongs to the default storefront (channel 1) and cannot be deleted.",
    "tree_and_parent": "Give tree_id for a top-level category or parent_id for a subcategory, not both.",
    "tree_or_parent": "Give tree_id for a top-level category or parent_id for a subcategory.",
    "record_missing": "The {resource} {id} does not exist.",
    # uploads
    "not_an_image": "must be a JPEG, PNG, GIF or WebP image",
    "upload_limit": "The store keeps at most {limit} bytes of uploaded files.",
}


def message(problem: Problem) -> str:
    template = MESSAGES.get(problem.rule)
    if template is None:
        raise KeyError(f"no words for rule {problem.rule!r}")  # every new rule must be worded here
    if callable(template):
        return template(problem.facts)
    return template.format(**problem.facts)


def title(kind: str, facts: Mapping[str, Any] | None = None) -> str:
    text = TITLES.get(kind)
    if text is None:
        raise KeyError(f"no title for error kind {kind!r}")
    return text.format(**facts) if facts else text


def messages(problems: Sequence[Problem]) -> dict[str, str]:
    """``{field: message}``; the first problem of a field wins."""
    out: dict[str, str] = {}
    for problem in problems:
        out.setdefault(problem.field, message(problem))
    return out
