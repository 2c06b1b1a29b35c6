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
    # customers: v3 customers, addresses, attributes, form fields, consent, settings; v2 customers and groups
    "customers_not_created": "Create customers failed.",  # upstream createCustomers' 422 example
    "customers_not_updated": "Update customers failed.",
    "addresses_not_created": "Create customer addresses failed.",
    "addresses_not_updated": "Update customer addresses failed.",
    "attribute_limit": "The customer attribute limit has been reached.",
    "attributes_not_created": "Create customer attributes failed.",
    "attributes_not_updated": "Update customer attributes failed.",
    "attribute_values_not_saved": "Upsert customer attribute values failed.",
    "form_fields_not_saved": "Upsert customer form field values failed.",
    "settings_invalid": "The customer settings are invalid.",
    "consent_invalid": "The customer consent is invalid.",
    "customer_group_name_taken": "The customer group name is a duplicate.",
    # marketing: v2 coupons, banners and gift certificates; v3 promotions and their coupon codes
    "coupon_name_taken": "The coupon name is a duplicate.",
    "coupon_code_taken": "The coupon code is a duplicate.",
    "gift_certificate_code_taken": "The gift certificate code is a duplicate.",
    "id_in_required": "Parameter id:in is required",
    "bulk_delete_failed": "Errors occurred in bulk delete action.",
    "codegen_not_bulk": "Coupon codes can only be generated for a bulk coupon promotion.",
    "coupon": "The coupon cannot be applied.",
    "gift_certificate": "The gift certificate cannot be used.",
    # orders: v2 orders, their lines and shipments; v3 payment actions, refunds and order settings
    "order": "The order is invalid.",
    "shipment": "The shipment is invalid.",
    "payment": "The payment action is invalid.",
    "refund": "The refund is invalid.",
    "order_settings": "The order settings are invalid.",
    # carts: v3 carts, their items and settings
    "cart": "The cart is invalid.",
    "cart_item": "The item cannot be added to the cart.",
    "cart_version": "The cart has changed since that version.",
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
    # customers: v3 customers, addresses, attributes, form fields, consent, settings; v2 customers and groups
    "email_taken": "The email address '{value}' is already in use by another customer.",
    "attribute_name_taken": "A customer attribute named '{value}' already exists.",
    "attribute_type_fixed": "cannot be changed: the attribute is of type {type}",
    "attribute_value_type": "must be a value of the attribute's type, {type}",
    "too_many_customers": "Values of at most {limit} customers can be saved per request.",
    "form_field_owner": "An item names a customer (customer_id) or an address (address_id), not both or neither.",
    "consent_both": "A category cannot be both allowed and denied: {categories}.",
    "passwords_differ": "must be the same as password",
    "customer_group_name_taken": "A customer group named '{value}' already exists.",
    "country_name": "must be the full name of a country, such as United States",
    "categories_only_specific": "can be given only when type is specific",
    "country_code": "'{value}' is not a two-letter ISO 3166-1 country code",
    # marketing: v2 coupons, banners and gift certificates; v3 promotions and their coupon codes
    "code_chars": "may contain only letters, digits, spaces, underscores and hyphens",
    "coupon_type_promotion": lambda f: (
        "promotion coupons are made by the promotions API; must be one of: " + ", ".join(f["options"])
    ),
    "percentage_over_100": "must be at most 100 for a percentage_discount coupon",
    "not_amount": "must be a decimal string of at least 0, such as 5.00",
    "coupon_name_taken": "A coupon named '{value}' already exists.",
    "coupon_code_taken": "The code '{value}' is already in use.",
    "gift_certificate_code_taken": "A gift certificate with the code '{value}' already exists.",
    "balance_over_amount": "must not be more than the amount",
    "not_banner_date": "must be unix seconds, an RFC 2822 date or an ISO 8601 date",
    "banner_dates_required": "is required when date_type is custom",
    "banner_dates_order": "must not be before date_from",
    "zero_or_one": "must be 0 or 1",
    "too_many_ids": "At most {limit} ids can be given per request.",
    "promotion_has_codes": "Failed for id={id}. Error: some relating codes are still present.",
    "coupon_promotion_only": "is only for COUPON promotions",
    "promotion_fixed": "cannot be changed once the promotion is created",
    "status_invalid_read_only": "must be ENABLED or DISABLED; INVALID is set by the store",
    "action_one_kind": "must name exactly one of cart_value, cart_items, gift_item, fixed_price_set and shipping",
    "customer_groups_both": "give group_ids or excluded_group_ids, not both",
    "not_after_start": "must be after start_date",
    "not_iso_date": "must be an ISO 8601 date-time",
    "currency_code": "must be a three-letter ISO 4217 code, or * for every currency",
    "codegen_chars": "may contain only capital letters, digits, underscores and hyphens",
    "delimiter_chars": "must be _ or -",
    "exclude_characters": "must be single capital letters or digits, leaving at least two to draw from",
    "overrides_need_exclusive": "can be true only when can_be_used_with_other_promotions is false",
    "bulk_codes_by_codegen": "A BULK coupon promotion gets its codes from codegen, not from codes.",
    "single_code_taken": "Promotion {id} is a SINGLE coupon promotion and already has its code.",
    "codegen_space": "leaves too few possible codes for a batch of {batch}; make it longer or exclude fewer characters",
    "cursor_with_page": "cannot be used with before or after",
    "email": "must be a valid email address",
    "coupon_unknown": "The coupon code '{value}' does not exist.",
    "coupon_disabled": "The coupon '{value}' is disabled.",
    "coupon_expired": "The coupon '{value}' has expired.",
    "coupon_used_up": "The coupon '{value}' has been used {limit} times, its limit.",
    "money": "must be a decimal string such as 5 or 12.50",
    "discount": "must give one of fixed_amount and percentage_amount, as a decimal string",
    "item_matcher": (
        "must name brands, categories, products, variants, a product_option or a product_custom_field, "
        "or combine them with and, or and not (at most three levels)"
    ),
    "zone_ids": "must be * or a list of distinct shipping zone ids",
    "condition_kind": "must be a cart condition, or an and of cart conditions",
    "items_need_minimum": "needs minimum_quantity or minimum_spend beside it",
    "gift_certificate_unknown": "The gift certificate code '{value}' does not exist.",
    "gift_certificate_inactive": "The gift certificate '{value}' is {status}.",
    "gift_certificate_balance": "must be more than 0 and at most the balance of gift certificate '{value}', {balance}",
    # orders: v2 orders, their lines and shipments; v3 payment actions, refunds and order settings
    "order_product_missing": "Product {id} does not exist.",
    "order_variant_missing": "Variant {id} is not a variant of product {product}.",
    "order_no_such_variant": "The options given match no variant of product {product}.",
    "order_options_required": "Product {product} has options: give variant_id or product_options.",
    "order_quantity": "must be at least {limit}",
    "order_pair": "is required when {other} is given",
    "order_line_missing": "The order has no line {id}.",
    "order_below_shipped": "cannot go below the {shipped} units already shipped",
    "insufficient_stock": "There is not enough stock of '{name}': {available} in stock, {requested} ordered.",
    "order_status_unknown": "Order status {id} does not exist; statuses are 0 to 14.",
    "order_customer_missing": "Customer {id} does not exist; use 0 for a guest order.",
    "order_products_or_consignments": "Give products or consignments, not both.",
    "order_products_required": "An order needs at least one line: give products or consignments.",
    "order_pickup_no_shipping": "A pickup order has no shipping addresses; leave shipping_addresses out.",
    "order_consignments_fixed": "Consignments are fixed when the order is created.",
    "order_last_line": "An order keeps at least one line; it cannot remove them all.",
    "order_address_missing": "Order {order} has no shipping address {id}.",
    "line_not_at_address": "Line {id} does not go to shipping address {address}.",
    "more_than_left": "Line {id} has {left} units left to ship; {asked} cannot be shipped.",
    "order_form_field": "must be an object with a name and a value",
    "order_product_option": "must be an object with an integer id and a value",
    "not_order_date": "'{raw}' is not an RFC 2822 or ISO 8601 date",
    "payment_not_authorized": lambda f: (
        f"Only an authorized payment can be {'captured' if f['action'] == 'capture' else 'voided'}; "
        f"this one is {f['status'] or 'not authorized'}."
    ),
    "refund_quantity": "Line {id} has {left} units left to refund.",
    "refund_nothing_paid": "Order {id} has no captured payment to refund.",
    "refund_empty": "The refund comes to nothing.",
    "refund_over_paid": "The refund comes to {total}, more than the {left} left to refund.",
    "refund_payments_sum": "The payments add up to {sum}; the refund comes to {total}.",
    "settings_both_or_neither": "Give both notifications' email_addresses as lists, or both as null.",
    "not_email": "must be an email address",
    "channel_one_of": "Give either channel_id or channel_ids, not both and not neither.",
    "not_in_future": "must be a unix time after now ({now})",
    "sf_token_missing": "The Sf-Api-Token header naming the token to revoke is required.",
    "sf_token_invalid": "The Sf-Api-Token header does not hold a storefront token of this store.",
    "too_many_revocations": "At most {limit} unexpired tokens can be revoked at once.",
    # carts: v3 carts, their items and settings
    "cart_channel_missing": "Channel {id} does not exist.",
    "cart_items_required": "A cart needs at least one line item, custom item or gift certificate.",
    "cart_option_required": "Option {id} ({name}) is required.",
    "cart_not_purchasable": "Product {id} cannot be purchased.",
    "cart_variant_disabled": "Variant {id} cannot be purchased.",
    "cart_version_stale": "Version {given} is not the cart's current version, {current}.",
    "cart_item_product": "must be {id}, the item's product; delete the item and add another to change it",
    "cart_item_variant": "must be {id}, the item's variant; delete the item and add another to change it",
    "cart_custom_item_fixed": "Custom items cannot be changed; delete the item and add another.",
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


# channels: channels, currency assignments, listings, sites, menus and the active theme
TITLES.update(
    {
        "channel_type_platform": "Channel type {type} cannot be used with platform {platform}.",
        "channel_name": "A channel name may hold only Latin letters, digits, spaces, dashes and underscores.",
        "channel_fixed": "The type and platform of a channel cannot change once it is created.",
        "channel_locked": "A channel whose status is {status} cannot be updated.",
        "default_channel": "Channel 1, the default storefront, cannot be deleted.",
        "channel_taken": "A channel named {name} on platform {platform} of type {type} already exists.",
        "no_active_theme": "Channel {id} has no active theme.",
        "currency_channels": "Channels {ids} do not exist in this store.",
        "currencies_invalid": "The following fields are invalid: {fields}.",
        "listing_channel": "Channel {id} does not exist in store {store}.",
        "listings_invalid": "The listings were not saved; invalid fields: {fields}.",
        "checkout_domain": "The checkout URL {url} is not within the storefront's main domain.",
    }
)
MESSAGES.update(
    {
        "channel_type_platform": "does not accept type {type}",
        "channel_name": "may hold only Latin letters, digits, spaces, dashes and underscores",
        "channel_fixed": "cannot change once the channel is created",
        "channel_status": lambda f: f"must be one of {', '.join(f['options'])} for a {f['type']} channel",
        "default_channel_kept": "The default storefront, channel 1, cannot be deleted.",
        "channel_taken": "A channel named {name} on platform {platform} of type {type} already exists.",
        "currencies_required": "must name at least one currency",
        "currencies_not_enabled": "holds currencies the store has not enabled: {codes}",
        "default_currency_not_enabled": "must be one of enabled_currencies, which does not hold {value}",
        "listing_product_missing": "Product {id} does not exist.",
        "listing_variant_missing": "Variant {id} is not a variant of product {product}.",
        "listing_product_mismatch": "must be the listing's product_id, {product}",
        "listing_product_fixed": "cannot change once the listing is created; it is {product}",
        "listing_taken": "Product {product} is already listed on this channel (listing {id}).",
        "listing_twice": "Product {product} is listed twice in this request.",
        "site_url": "must be an absolute http or https URL",
        "site_url_taken": "is the URL of channel {id}'s site",
        "site_exists": "Channel {id} already has a site; update it instead.",
        "site_channel_mismatch": "must be {id}, the channel of the path",
        "default_site_kept": "The default storefront's site cannot be deleted.",
        "checkout_domain": "must be within {domain}, the storefront's main domain",
    }
)


# checkouts: a cart's billing address, consignments, coupon, discounts, fees and orders
TITLES.update(
    {
        "checkout": "The checkout is invalid.",
    }
)
MESSAGES.update(
    {
        "checkout_country": "'{value}' is not an ISO 3166-1 alpha-2 country code.",
        "checkout_item_missing": "The cart has no item {id}.",
        "checkout_item_digital": "Item {id} is digital; only physical items are shipped.",
        "checkout_item_quantity": "must be {quantity}, the item's quantity in the cart",
        "checkout_item_assigned": "Item {id} is already in a consignment.",
        "checkout_shipping_option": "'{value}' is not a shipping option offered for this consignment.",
        "checkout_consignment_change": "Give an address, line items or a shipping option to change.",
        "checkout_coupon_minimum": "The coupon '{value}' needs a cart of at least {limit}.",
        "checkout_coupon_channel": "The coupon '{value}' cannot be used on channel {id}.",
        "checkout_discount_required": "Give a discount for the cart or for its line items.",
        "checkout_discount_over": "must be at most {limit}, the amount it is taken from",
        "checkout_fee_missing": "The checkout has no fee {id}.",
        "checkout_billing_required": "The checkout needs a billing address before an order can be made.",
        "checkout_items_unshipped": "Items {ids} are in no consignment.",
        "checkout_no_shipping_option": "The consignment has no shipping option selected.",
    }
)
# channel ids other resources carry (storefront tokens, customers)
MESSAGES.update(
    {
        "channels_missing": lambda f: (
            f"Channel {f['ids'][0]} does not exist."
            if len(f["ids"]) == 1
            else f"Channels {_listed(f['ids'])} do not exist."
        ),
    }
)
