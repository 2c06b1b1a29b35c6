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
    # variants, variant options and modifiers
    "display_name_taken": "The display name is a duplicate.",
    "variant_limit": "The product's variant limit has been reached.",
    "base_variant": "The base variant cannot be deleted.",
    "last_value": "The option's last value cannot be deleted.",
    "value_limit": "The option value limit has been reached.",
    # product, category and brand images; product videos
    "image_url_required": "image_url must be present if uploading by url",  # upstream createProductImage's 422
    "image_limit": "The product image limit has been reached.",
    "json_or_multipart": "The request Content-Type is not supported. Send application/json or multipart/form-data.",
    "multipart_only": "The request Content-Type is not supported. Send multipart/form-data.",
    # v2 catalog (products, categories, brands)
    "read_only": "The request sets read-only fields.",
    "product_category_limit": "The product category limit has been reached.",
    "store_has_products": "Categories cannot all be deleted while the store has products.",
    # catalog metafields
    "metafield_taken": "The metafield is a duplicate.",
    "metafield_limit": "The metafield limit has been reached.",
    "metafield_not_writable": "The metafield belongs to another API account.",
    "metafields_not_created": "Not every metafield was created.",
    "metafields_not_updated": "Not every metafield was updated.",
    "metafields_not_deleted": "Not every metafield was deleted.",
    # product custom fields, bulk pricing rules, reviews and complex rules
    "custom_field_limit": "The product custom field limit has been reached.",
    "custom_field_duplicate": "The custom field is a duplicate.",
    "bulk_pricing_overlap": "The bulk pricing rule overlaps another.",
    "complex_rule_duplicate": "The complex rule is a duplicate.",
    # product channel and category assignments; category product sort order
    "channel_assignments_invalid": "The channel assignments were not saved.",
    "category_assignments_invalid": "The category assignments were not saved.",
    "sort_order_invalid": "The sort order was not saved.",
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
    # variants, variant options and modifiers
    "option_not_on_product": "Option {id} is not an option of product {product}.",
    "value_not_in_option": "Value {id} is not a value of option {option}.",
    "options_missing": lambda f: "must name a value of every option of the product; missing: " + ", ".join(f["names"]),
    "variant_of_other_product": "Variant {id} belongs to product {product}.",
    "base_variant": (
        "Variant {id} is the base variant of product {product}; it goes when the product is deleted or gets options."
    ),
    "display_name_taken": "An option or modifier of this product is already named '{value}'.",
    "label_taken": "Another value is already labelled '{value}'.",
    "one_default": "only one value can be the default",
    "too_many_values": "An option or modifier can have at most {limit} values.",
    "last_value": "Value {id} is the last value of option {option}; delete the option instead.",
    "swatch_colors": "must be a list of one to {limit} colors",
    "hex_color": "must be a color such as #1a2b3c",
    "not_below": "must not be below {other}",
    "values_not_taken": "A {type} modifier has no values.",
    "checkbox_values": "A checkbox modifier has exactly the two values it was made with; change them by id.",
    "default_unsupported": "{type} modifiers have no default value",
    "type_group": "A {old} modifier cannot become a {new} modifier; create a new modifier instead.",
    # product, category and brand images; product videos
    "not_a_url": "must be an absolute http or https URL",
    "too_many_images": "A product can have at most {limit} images.",
    "url_in_form": "goes in a JSON body; a multipart/form-data body carries an image_file",
    "not_a_video_id": "must be a YouTube video id: letters, digits, '-' and '_'",
    # v2 catalog (products, categories, brands)
    "read_only": "is read-only",
    "product_category_limit": "A product can be in at most {limit} categories.",
    "store_has_products": lambda f: (
        f"The store has {f['count']} product{'s' if f['count'] != 1 else ''}; "
        "every category can be deleted only when it has none."
    ),
    "not_decimal": "must be a number or a decimal string",
    "not_id_list": "must be -1 or a comma-separated list of product ids",
    "not_v2_date": "must be an RFC 2822 or ISO 8601 date, or empty",
    # catalog metafields
    "metafield_taken": (
        "Your API account already has a metafield with namespace '{namespace}' and key '{key}' on {resource} {id}."
    ),
    "metafield_limit": "A {resource} can have at most {limit} metafields per API account.",
    "metafield_not_writable": "Only the API account that created the metafield can change its {field}.",
    "metafield_not_deletable": "Only the API account that created the metafield can delete it.",
    "not_cursor": "'{raw}' is not a cursor",
    "cursor_both": "before and after cannot be used together",
    # product custom fields, bulk pricing rules, reviews and complex rules
    "per_product_limit": "A product can have at most {limit} {resource}.",
    "custom_field_duplicate": "The product already has a custom field '{name}' with the value '{value}'.",
    "inline_duplicate": "Item {item} of this request has the same name and value.",
    "repeated_in_request": "appears more than once in the request",
    "not_of_product": "{id} is not a {resource} of this product",
    "quantity_range": "must be greater than quantity_min ({minimum}), or 0 for no upper bound",
    "fixed_minimum": "must be at least {limit} for a fixed rule",
    "bulk_pricing_overlap": lambda f: (
        f"The quantities overlap bulk pricing rule {f['id']} ({f['low']} "
        + (f"to {f['high']})." if f["high"] else "and up).")
    ),
    "inline_overlap": "The quantities overlap item {item} of this request.",
    "email_format": "must be a valid email address, or empty",
    "condition_empty": "names no modifier value and no variant",
    "modifier_pair": "is required when {other} is given",
    "not_a_value_of": "{id} is not a value of modifier {modifier}",
    "condition_repeated": "repeats another condition of this rule",
    "conditions_insufficient": "must name at least two modifier values, or a modifier value and a variant",
    "complex_rule_duplicate": "Complex rule {id} of this product has the same conditions.",
    # product channel and category assignments; category product sort order
    "product_missing": "Product {id} does not exist.",
    "too_many_categories": "Product {id} would be in more than {limit} categories.",
    "product_not_in_category": "Product {id} is not in category {category}.",
}

# v2 catalog: the sentences of the v2 error list ``[{"status", "message"}]``. A rule's message
# that is a whole sentence (it starts with a capital) stands alone; the others describe one
# field and go into the sentence that names it.
V2_MESSAGES: dict[str, str] = {
    # upstream orders.v2.oas2.yml gives this sentence for a read-only field in a request body
    "read_only": "The field '{field}' cannot be written to. Please remove it from your request before trying again.",
    "missing": "The required field '{field}' was not supplied.",
}
V2_INVALID_FIELD = "The field '{field}' is invalid: {message}."
V2_INVALID_FILTER = "The filter '{field}' is invalid: {message}."
V2_INVALID_BODY = "The request body is invalid: {message}."
V2_LIMIT_TOO_HIGH = "The limit is too high. The maximum limit is {limit}."


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
