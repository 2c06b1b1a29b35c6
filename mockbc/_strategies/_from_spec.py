"""``from_spec``: request bodies inferred from an operation's JSON Schema in ``specs/``, and,
given a store, fixed up so that BigCommerce's rules hold against it."""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from mockbc._strategies import (
    _brands,
    _categories,
    _customers,
    _metafields,
    _options,
    _orders,
    _products,
    _subresources,
    _v2,
    _variants,
)  # fmt: skip
from mockbc._strategies._core import Taken, check_store, made_unique, names
from mockbc._strategies._schema import from_schema, objects, operation
from mockbc.domain import channels as channel_domain
from mockbc.domain.coupons import code_key
from mockbc.domain.errors import DomainError
from mockbc.services import carts as cart_service
from mockbc.services import channels as channel_service
from mockbc.services import checkouts as checkout_service
from mockbc.store.store import Store

Fix = Callable[[st.DrawFn, Any, "Context"], Any]


@functools.lru_cache(maxsize=128)
def _body_strategy(operation_id: str, api: str) -> st.SearchStrategy[Any]:
    op = operation(operation_id, api)
    if op.body_schema is None:
        kind = "takes a multipart/form-data body only" if op.multipart else "takes no request body"
        raise InvalidArgument(f"{operation_id} ({op.method} {op.path}) {kind}")
    if api == "v2" and op.body_schema.get("type") == "object":
        # v2 reads formats its schema leaves open (decimal strings, RFC 2822 dates): always drawn so.
        return objects(op.body_schema, where=operation_id, overrides=_v2.formats(operation_id))
    return from_schema(op.body_schema, where=operation_id)


def _check_path(operation_id: str, api: str, path: object) -> dict[str, int | str]:
    if path is None:
        return {}
    if not isinstance(path, Mapping):
        raise InvalidArgument(f"from_spec(path={path!r}) must be a mapping of path parameter names to ids")
    known = operation(operation_id, api).path_params
    for name, value in path.items():
        if name not in known:
            raise InvalidArgument(
                f"from_spec({operation_id!r}, path=...) got {name!r}, which is not a path parameter of the "
                f"operation (parameters: {', '.join(sorted(known)) or 'none'})"
            )
        wanted = str if known[name].kind == "string" else int  # carts' ids are UUID strings
        if not isinstance(value, wanted) or isinstance(value, bool):
            kind = "strings" if wanted is str else "integers"
            raise InvalidArgument(f"from_spec(path={{{name!r}: {value!r}}}): {name} ids are {kind}")
    return dict(path)


@st.composite
def from_spec(
    draw: st.DrawFn,
    operation_id: str,
    *,
    api: str = "v3",
    store: Store | None = None,
    path: Mapping[str, int | str] | None = None,
    client_id: str | None = None,
) -> Any:
    """Request bodies for ``operation_id`` (v3, or v2 with ``api="v2"``), inferred from its
    JSON Schema in ``specs/``.

    Every example passes the operation's schema (``Operation.validate_body``), so the mock
    never answers it with a schema 422. v2 fields whose format the schema leaves open are
    always drawn in it: decimal strings for money, RFC 2822 dates, ``related_products`` as
    ``"-1"``, non-empty URLs.

    With ``store``, the rules the mock checks against the store are fixed up too, so that the
    body is accepted: references name records that exist, names, SKUs, URLs, display names,
    custom-field pairs and metafield keys are unique, bulk pricing ranges do not overlap,
    variant option values form a free combination, modifier and option values suit their
    type, inline sub-resources of a product are valid; orders, shipments and refunds fit the
    order's lines and what was paid; customer emails, coupon and promotion codes and names are
    free; v2 money, dates and emails are in the form v2 reads. Rules that depend on the record in the
    request path (a variant's product's options, a custom field's product) need ``path``: the
    path parameters the body will be sent with, e.g. ``path={"product_id": 95}``. Without it
    those rules are met against every record of the kind where that is possible (a custom
    field pair no product has), and not fixed where it is not (a variant's option values).

    What no body can fix is left as drawn and the mock refuses it: a variant for a product
    without options or with every combination taken (409/422), a value for a checkbox or text
    modifier (422), a complex rule for a product without two modifier values (422), a sort
    order for a category without products (422), a category ``custom_url`` without its
    ``url`` (422), a refund of an order with nothing paid (422), a shipment of an order with
    nothing left to ship (400), a code for a SINGLE coupon promotion that has one (422).
    Multipart-only operations (``createCategoryImage``, ``createBrandImage``,
    ``createProductModifierImage``) have no JSON body: ``InvalidArgument``.

    Metafields belong to the API account that created them: ``client_id`` names the account
    the body will be sent with, so that its own metafields' keys are avoided and it changes or
    deletes only what it may. Without it, every account's keys are avoided and only what any
    account may change is changed (the value and description of ``write`` metafields).

    Read-only properties (accepted and ignored) are left out.

    >>> from_spec("createProductCustomField", store=store, path={"product_id": 95}).example()  # doctest: +SKIP
    {'name': '0', 'value': '0 2'}
    """
    if not isinstance(operation_id, str):
        raise InvalidArgument(f"from_spec(operation_id={operation_id!r}) must be an operationId string")
    if api not in ("v3", "v2"):
        raise InvalidArgument(f"from_spec(api={api!r}) must be 'v3' or 'v2'")
    check_store("from_spec", store)
    ids = _check_path(operation_id, api, path)
    if client_id is not None and not isinstance(client_id, str):
        raise InvalidArgument(f"from_spec(client_id={client_id!r}) must be an API account's client id string")
    body = draw(_body_strategy(operation_id, api))
    if store is not None:
        fix = FIXES.get((api, operation_id))
        if fix is not None:
            body = fix(draw, body, Context(store, ids, Taken(store=store), client_id))
    return body


@dataclass
class Context:
    store: Store
    path: dict[str, Any]
    taken: Taken
    client_id: str | None = None

    def owned(self, table: str, key: str) -> Any:
        """The record the path names in ``table`` (by path parameter ``key``), if it belongs to
        the path's product (when the path names one)."""
        record_id = self.path.get(key)
        if record_id is None:
            return None
        record = self.store.table(table).get(record_id)
        product_id = self.path.get("product_id")
        if record is None or (product_id is not None and getattr(record, "product_id", product_id) != product_id):
            return None
        return record


# ---------------------------------------------------------------- products, brands, categories, trees


def _fix_product(
    draw: st.DrawFn, item: dict[str, Any], ctx: Context, operation_id: str, product_id: int | None
) -> None:
    store = ctx.store
    if "categories" in item:
        ids = [c.id for c in store.categories.values()]
        item["categories"] = (
            draw(st.lists(st.sampled_from(ids), unique=True, max_size=min(len(ids), len(item["categories"]))))
            if ids
            else []
        )
    if "brand_id" in item:
        item["brand_id"] = draw(st.sampled_from([0, *(b.id for b in store.brands.values())]))
    variants = item.get("variants")
    if isinstance(variants, list) and variants:
        # Every variant names the same options, once each, with a label; no two share a
        # combination. A lone variant may have none.
        if len(variants) == 1 and not variants[0].get("option_values"):
            variants[0].pop("option_values", None)
        else:
            options = draw(st.lists(st.sampled_from(_products.OPTION_NAMES), min_size=1, max_size=2, unique=True))
            for n, variant in enumerate(variants):
                variant["option_values"] = [{"option_display_name": name, "label": f"{name} {n}"} for name in options]
    for name in _products.INLINE:
        if name in item:
            item[name] = _subresources.draw_inline(draw, name, operation_id, store=store, product_id=product_id)
    _products._settle(item, ctx.taken, operation_id)


def _products_fix(operation_id: str) -> Fix:
    def fix(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
        if operation_id == _products.BATCH_UPDATE:
            ids = [p.id for p in ctx.store.products.values()]
            _assign_ids(draw, body, ids)
            for item in body:
                _fix_product(draw, item, ctx, operation_id, item.get("id"))
        else:
            _fix_product(draw, body, ctx, operation_id, ctx.path.get("product_id"))
        return body

    return fix


def _assign_ids(draw: st.DrawFn, items: list[Any], ids: list[int], key: str = "id") -> None:
    """Give each item the id of a distinct record; items past the records' number are dropped."""
    if not ids:
        del items[:]
        return
    count = min(len(items), len(ids))
    chosen = draw(st.lists(st.sampled_from(ids), unique=True, min_size=count, max_size=count))
    del items[count:]
    for item, record_id in zip(items, chosen, strict=True):
        item[key] = record_id


def _brand_fix(operation_id: str) -> Fix:
    def fix(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
        return _brands._settle(body, ctx.taken, operation_id)

    return fix


def _category_fix(operation_id: str) -> Fix:
    def fix(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
        for item in body if isinstance(body, list) else [body]:
            _fix_category(draw, item, ctx.taken, ctx.store, operation_id)
        return body

    return fix


def _fix_category(draw: st.DrawFn, item: dict[str, Any], taken: Taken, store: Store, operation_id: str) -> None:
    if operation_id == _categories.CREATE:
        parents = [cid for _, cid in _categories._parents(store, tree_id=_categories.DEFAULT_TREE_ID)]
        item["parent_id"] = draw(st.sampled_from([0, *parents]))
        _categories._settle_name(
            item, taken, operation_id, tree_id=_categories.DEFAULT_TREE_ID, parent_id=item["parent_id"]
        )
    elif operation_id == _categories.TREE_CREATE:
        placements = _categories._parents(store, tree_id=None)
        trees = [t.id for t in store.trees.values()]
        item.pop("tree_id", None)
        item.pop("parent_id", None)
        as_child: bool = bool(placements) and draw(st.booleans())
        if as_child:
            tree_id, item["parent_id"] = draw(st.sampled_from(placements))
        else:
            tree_id = item["tree_id"] = draw(st.sampled_from(trees))
        _categories._settle_name(item, taken, operation_id, tree_id=tree_id, parent_id=item.get("parent_id", 0))
    else:
        if operation_id == _categories.TREE_UPDATE:
            ids = [c.id for c in store.categories.values()]
            if ids:
                item["category_id"] = draw(st.sampled_from(ids))
            item.pop("tree_id", None)
        if "parent_id" in item:
            item["parent_id"] = 0
        _categories._settle_name(item, taken, operation_id, tree_id=_categories.DEFAULT_TREE_ID, parent_id=None)
    container, key = _categories._url_field(operation_id)
    url = item.get(container)
    if isinstance(url, dict) and not url.get(key):
        # Upstream marks the URL x-required in a URL object; specs/ does not say so (docs/strategies.md).
        url[key] = draw(_categories.url_texts(operation_id))
    _categories._settle_url(item, taken, operation_id)


def _fix_trees(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
    """Renames of the store's trees, and new trees on channels of the store that have none; an item for
    which neither is left is dropped (every store has tree 1, so the first item always stays)."""
    free = [t.id for t in ctx.store.trees.values()]
    kept = []
    for item in items:
        channels = [c for c in _channel_ids(ctx) if ctx.taken.channel_free(c)]
        if free and ("id" in item or not channels):
            item["id"] = free.pop(draw(st.integers(0, len(free) - 1)))
            item.pop("channels", None)
        elif channels:
            item.pop("id", None)
            item.setdefault("name", "Tree")
            channel = draw(st.sampled_from(channels))
            ctx.taken.channels.add(channel)
            item["channels"] = [channel]
        else:
            continue
        kept.append(item)
    return kept


def _channel_ids(ctx: Context) -> list[int]:
    """The ids of the store's channels (channel 1 first)."""
    return [channel.id for channel in channel_service.all_channels(ctx.store)]


def _fix_channel_assignments(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
    ids = [p.id for p in ctx.store.products.values()]
    channels = _channel_ids(ctx)
    for item in items:
        if ids:
            item["product_id"] = draw(st.sampled_from(ids))
        item["channel_id"] = draw(st.sampled_from(channels))
    return items


def _fix_category_assignments(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
    products = [p.id for p in ctx.store.products.values()]
    categories = [c.id for c in ctx.store.categories.values()]
    for item in items:
        if products and categories:
            item["product_id"] = draw(st.sampled_from(products))
            item["category_id"] = draw(st.sampled_from(categories))
    return items


def _fix_sort_orders(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
    category_id = ctx.path.get("category_id")
    if category_id is None:
        return items
    holders = sorted(ctx.store.products.lookup("categories", category_id))
    if holders:
        _assign_ids(draw, items, holders, key="product_id")
    return items


# ---------------------------------------------------------------- simple sub-resources


def _fix_image_create(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    body["image_url"] = draw(_subresources.image_urls())
    return body


def _fix_image_update(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    if "image_url" in body:
        body["image_url"] = draw(_subresources.image_urls())
    return body


def _fix_video_create(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    body["video_id"] = draw(_subresources.video_ids())
    return body


def _fix_custom_field_create(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    _subresources.settle_pair(body, _subresources.taken_pairs(ctx.store, ctx.path.get("product_id")))
    return body


def _fix_custom_field_update(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    own = ctx.owned("custom_fields", "custom_field_id")
    if own is None:
        pairs = _subresources.taken_pairs(ctx.store, None)
        if "name" in body and "value" in body:
            _subresources.settle_pair(body, pairs)
        elif "value" in body:
            values = {value for _, value in pairs}
            body["value"] = made_unique(body["value"], lambda v: v not in values, max_size=250)
        elif "name" in body:
            taken_names = {name for name, _ in pairs}
            body["name"] = made_unique(body["name"], lambda n: n not in taken_names, max_size=250)
        return body
    pairs = {pair for pair in _subresources.taken_pairs(ctx.store, own.product_id) if pair != (own.name, own.value)}
    name, value = body.get("name", own.name), body.get("value", own.value)
    if (name, value) in pairs:
        if "value" in body:
            body["value"] = made_unique(value, lambda v: (name, v) not in pairs, max_size=250)
        else:
            body["name"] = made_unique(name, lambda n: (n, value) not in pairs, max_size=250)
    return body


def _fix_bulk_create(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    covered = _subresources.covered_ranges(ctx.store, ctx.path.get("product_id"))
    rule = _subresources.draw_bulk_rule(draw, covered, amount_strings=True)
    if rule is not None:
        body.update(rule)
    return body


def _fix_bulk_update(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    own = ctx.owned("bulk_pricing_rules", "bulk_pricing_rule_id")
    if own is None:
        covered = _subresources.covered_ranges(ctx.store, None)
    else:
        covered = _subresources.covered_ranges(ctx.store, own.product_id)
        covered.remove((own.quantity_min, _subresources.upper(own.quantity_max)))
    if {"quantity_min", "quantity_max", "type"} & set(body):
        # A partial change is laid over the rule's other fields: all four are sent, so that the
        # rule they make is known to be valid.
        rule = _subresources.draw_bulk_rule(draw, covered, amount_strings=True)
        if rule is not None:
            body.update(rule)
    elif "amount" in body:
        body["amount"] = draw(_subresources.AMOUNTS)
    return body


def _fix_review(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    if "email" in body:
        body["email"] = draw(_subresources.emails())
    return body


# ---------------------------------------------------------------- variants


def _fix_variant_create(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    product_id = ctx.path.get("product_id")
    if product_id is not None and ctx.store.products.get(product_id) is not None:
        picked = _variants.draw_combination(draw, ctx.store, product_id, set())
        if picked is not None:
            body["option_values"] = _variants.option_value_items(draw, ctx.store, picked)
    _variants.settle_sku(body, ctx.taken)
    return body


def _fix_variant_update(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    _variants.settle_sku(body, ctx.taken)
    return body


def _fix_variant_batch(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
    store = ctx.store
    variant_ids = [v.id for v in store.variants.values()]
    creatable = [p.id for p in store.products.values() if store.options.lookup("product_id", p.id)]
    claimed: dict[int, set[frozenset[int]]] = {}
    used: set[int] = set()
    kept: list[dict[str, Any]] = []
    for item in items:
        picked = None
        if "id" not in item:
            while creatable and picked is None:
                product_id = draw(st.sampled_from(creatable))
                picked = _variants.draw_combination(draw, store, product_id, claimed.setdefault(product_id, set()))
                if picked is None:
                    creatable.remove(product_id)
            if picked is not None:
                item["product_id"] = product_id
                item["option_values"] = _variants.option_value_items(draw, store, picked)
                item.setdefault("sku", draw(_variants.skus()))
        if picked is None:
            free = [vid for vid in variant_ids if vid not in used]
            if not free:
                continue
            item["id"] = draw(st.sampled_from(free))
            used.add(item["id"])
            item.pop("product_id", None)
        _variants.settle_sku(item, ctx.taken)
        kept.append(item)
    items[:] = kept
    return items


# ---------------------------------------------------------------- options, modifiers and their values


def _fix_values(
    draw: st.DrawFn,
    items: list[dict[str, Any]],
    kind: str,
    ctx: Context,
    *,
    existing: list[tuple[int, str]],
    changeable: bool,
    force_ids: bool = False,
    may_default: bool = True,
    operation_id: str,
) -> list[dict[str, Any]]:
    """Make value items valid for ``kind``: an ``id`` names a distinct value of ``existing``
    (when ``changeable``; dropped otherwise, or when none is left unless ``force_ids``), a new
    value has ``label`` and ``sort_order``, labels stay unique ignoring case against the values
    kept, at most one item is the default, value data suits the type."""
    free = [value_id for value_id, _ in existing]
    out: list[dict[str, Any]] = []
    for item in items:
        if changeable and (("id" in item) or force_ids) and free:
            item["id"] = free.pop(draw(st.integers(0, len(free) - 1)))
        elif force_ids:
            continue
        else:
            item.pop("id", None)
        out.append(item)
    relabelled = {item["id"] for item in out if "id" in item and "label" in item}
    labels = {label.casefold() for value_id, label in existing if value_id not in relabelled}
    listed = _options.listed_products(ctx.store, ctx.path.get("product_id"))
    defaulted = False
    for item in out:
        if "id" not in item:
            item.setdefault("label", draw(names(max_size=_options.MAX_NAME)))
            item.setdefault("sort_order", draw(st.integers(-(2**31), 2**31 - 1)))
        if isinstance(item.get("label"), str):
            item["label"] = made_unique(item["label"], lambda v: v.casefold() not in labels, max_size=_options.MAX_NAME)
            labels.add(item["label"].casefold())
        if item.get("is_default"):
            if defaulted or not may_default:
                item["is_default"] = False
            defaulted = True
        new = "id" not in item
        if kind in _options.PRODUCT_LISTS and (new or "value_data" in item):
            item["value_data"] = _options.value_data(draw, kind, listed)
        elif kind in ("swatch", "checkbox") and "value_data" in item:
            data = _options.value_data(draw, kind, listed)
            item["value_data"] = data if isinstance(data, dict) else {}
    return out


def _product_id(ctx: Context) -> int | None:
    product_id = ctx.path.get("product_id")
    return product_id if product_id is not None and ctx.store.products.get(product_id) is not None else None


def _fix_option_create(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    product_id = _product_id(ctx)
    if body.get("type") in _options.PRODUCT_LISTS and not _options.listed_products(ctx.store, product_id):
        body["type"] = "dropdown"
    items = _fix_values(
        draw, list(body.get("option_values") or []), body["type"], ctx, existing=[], changeable=False,
        operation_id=_options.OPTION_CREATE,
    )  # fmt: skip
    body["option_values"] = items or [_options.draw_value(
        draw, body["type"], set(), _options.listed_products(ctx.store, product_id),
        operation_id=_options.OPTION_CREATE, may_default=True,
    )]  # fmt: skip
    _options.settle_display_name(body, _options.taken_display_names(ctx.store, product_id))
    return body


def _fix_option_update(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    option = ctx.owned("options", "option_id")
    if option is None:
        _options.settle_display_name(body, _options.taken_display_names(ctx.store, None))
        return body
    kind = body.get("type", option.type)
    if "option_values" in body:
        body["option_values"] = _fix_values(
            draw, list(body["option_values"]), kind, ctx, existing=[(v.id, v.label) for v in option.option_values],
            changeable=True, operation_id=_options.OPTION_UPDATE,
        )  # fmt: skip
    if "display_name" in body and body["display_name"] != option.display_name:
        _options.settle_display_name(body, _options.taken_display_names(ctx.store, option.product_id, own_id=option.id))
    return body


def _fix_choice_value(collection: str, *, update: bool) -> Fix:
    """An option value (``collection="options"``) or a modifier value (``"modifiers"``)."""
    of_modifier = collection == "modifiers"
    if of_modifier:
        operation_id = _options.MODIFIER_VALUE_UPDATE if update else _options.MODIFIER_VALUE_CREATE
    else:
        operation_id = _options.OPTION_VALUE_UPDATE if update else _options.OPTION_VALUE_CREATE

    def fix(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
        owner = ctx.owned(collection, "modifier_id" if of_modifier else "option_id")
        if owner is None:
            return body
        own = ctx.path.get("value_id") if update else None
        existing = [(v.id, v.label) for v in owner.option_values if v.id != own]
        (item,) = _fix_values(
            draw, [body], owner.type, ctx, existing=existing, changeable=False,
            may_default=not of_modifier or owner.type != "swatch", operation_id=operation_id,
        )  # fmt: skip
        if not of_modifier and update and owner.type in _options.PRODUCT_LISTS and "value_data" not in item:
            item["value_data"] = _options.value_data(draw, owner.type, _options.listed_products(ctx.store, None))
        return item

    return fix


def _fix_modifier_create(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    product_id = _product_id(ctx)
    kind = body["type"]
    if kind in _options.PRODUCT_LISTS and not _options.listed_products(ctx.store, product_id):
        kind = body["type"] = "dropdown"
    if kind == "date" or "config" in body:
        body["config"] = _options.draw_config(draw, kind, _options.MODIFIER_CREATE)
    if _options.type_group(kind) != "choice":
        if "option_values" in body:
            body["option_values"] = []
    elif "option_values" in body:
        body["option_values"] = _fix_values(
            draw, list(body["option_values"]), kind, ctx, existing=[], changeable=False,
            may_default=kind != "swatch", operation_id=_options.MODIFIER_CREATE,
        )  # fmt: skip
    _options.settle_display_name(body, _options.taken_display_names(ctx.store, product_id))
    return body


def _fix_modifier_update(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    modifier = ctx.owned("modifiers", "modifier_id")
    if modifier is None:
        _options.settle_display_name(body, _options.taken_display_names(ctx.store, None))
        return body
    kind = body.get("type", modifier.type)
    listed = _options.listed_products(ctx.store, modifier.product_id)
    if _options.type_group(kind) != _options.type_group(modifier.type) or (
        kind in _options.PRODUCT_LISTS and not listed
    ):
        kind = body["type"] = modifier.type
    if "config" in body or kind != modifier.type:
        body["config"] = _options.draw_config(draw, kind, _options.MODIFIER_UPDATE)
    group = _options.type_group(kind)
    if body.get("option_values"):
        if group == "input":
            body["option_values"] = []
        else:
            body["option_values"] = _fix_values(
                draw, list(body["option_values"]), kind, ctx,
                existing=[(v.id, v.label) for v in modifier.option_values], changeable=True,
                force_ids=group == "checkbox", may_default=kind != "swatch", operation_id=_options.MODIFIER_UPDATE,
            )  # fmt: skip
    if "display_name" in body and body["display_name"] != modifier.display_name:
        taken = _options.taken_display_names(ctx.store, modifier.product_id, own_id=modifier.id)
        _options.settle_display_name(body, taken)
    return body


def _fix_complex_rule(update: bool) -> Fix:
    def fix(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
        product_id = _product_id(ctx)
        if product_id is None or (update and "conditions" not in body):
            return body
        own = ctx.path.get("complex_rule_id") if update else None
        conditions = _options.draw_conditions(draw, ctx.store, product_id, own_id=own)
        if conditions is not None:
            body["conditions"] = conditions
        return body

    return fix


# ---------------------------------------------------------------- shared pieces of the commerce fix-ups


_EMAIL_LOCALS = ("ann", "bo.lee", "chidi+shop", "dana_k", "emile-1")


def _emails(draw: st.DrawFn) -> str:
    return f"{draw(st.sampled_from(_EMAIL_LOCALS))}{draw(st.integers(1, 10**6))}@example.com"


def _cents(draw: st.DrawFn, high: int = 10**6) -> str:
    """A decimal string with two places, as v2 money is sent."""
    amount = draw(st.integers(0, high))
    return f"{amount // 100}.{amount % 100:02d}"


def _iso_dates(draw: st.DrawFn) -> str:
    moment = draw(
        st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 12, 31), timezones=st.just(UTC))
    )
    return moment.replace(microsecond=0).isoformat()


def _ids(store: Store, table: str) -> list[int]:
    return sorted(record.id for record in store.table(table).values())


def _existing(draw: st.DrawFn, body: dict[str, Any], name: str, ids: list[int], *, none: Any = 0) -> None:
    """``body[name]``, when sent, names a record of ``ids`` (or ``none`` when there is none)."""
    if name in body:
        body[name] = draw(st.sampled_from(ids)) if ids else none


def _drop(body: dict[str, Any], *names: str) -> dict[str, Any]:
    for name in names:
        body.pop(name, None)
    return body


def _code_taken(store: Store, code: str) -> bool:
    """Legacy coupons and promotion codes share one set of codes, compared ignoring case."""
    key = code_key(code)
    return store.coupons.unique("code", key) is not None or store.promotion_codes.unique("code", key) is not None


def _free_code(draw: st.DrawFn, store: Store, taken: set[str], *, max_size: int = 20) -> str:
    """A coupon code of letters, digits, ``_`` and ``-`` no legacy coupon or promotion code has."""
    code = draw(st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True))
    free = made_unique(
        code, lambda c: c.casefold() not in taken and not _code_taken(store, c), max_size=max_size, separator="-"
    )
    taken.add(free.casefold())
    return free


# ---------------------------------------------------------------- metafields


_OWNER_PATHS = {
    "product": "product_id", "variant": "variant_id", "category": "category_id", "brand": "brand_id",
    "order": "order_id", "customer": "customerId",
}  # fmt: skip
# owner -> (its metafields table, the table of its records): the catalog's, and orders' and customers'.
_METAFIELD_TABLES = {
    **{owner: (tables[0], tables[1]) for owner, tables in _metafields.OWNERS.items()},
    "order": ("order_metafields", "orders"),
    "customer": ("customer_metafields", "customers"),
}


def _taken_keys(
    store: Store, owner: str, resource_id: int | None, client_id: str | None, *, own_id: int | None = None
) -> set[_metafields.Key]:
    """``_metafields.taken_keys`` for any owner of ``_METAFIELD_TABLES``."""
    table = store.table(_METAFIELD_TABLES[owner][0])
    rows = table.many(table.lookup("resource_id", resource_id)) if resource_id is not None else table.values()
    return {
        (resource_id, m.namespace, m.key)
        for m in rows
        if m.id != own_id and (client_id is None or m.owner_client_id == client_id)
    }


def _fix_metafield_create(owner: str) -> Fix:
    def fix(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
        resource_id = ctx.path.get(_OWNER_PATHS[owner])
        taken = _taken_keys(ctx.store, owner, resource_id, ctx.client_id)
        _metafields.settle_key(body, taken, resource_id)
        return body

    return fix


def _settle_update(body: dict[str, Any], own: Any, taken: set[_metafields.Key], client_id: str | None) -> None:
    """An update of ``own``: only what the account may change changes, and a new namespace or
    key is free for the owner (``taken`` grows by the pair the metafield ends with)."""
    _metafields.restrict(body, own, client_id)
    pair = (own.resource_id, own.namespace, own.key)
    if body.get("namespace", own.namespace) != own.namespace or body.get("key", own.key) != own.key:
        taken.discard(pair)
        _metafields.settle_key(body, taken, own.resource_id, own=(own.namespace, own.key))
    taken.add((own.resource_id, body.get("namespace", own.namespace), body.get("key", own.key)))


def _fix_metafield_update(owner: str) -> Fix:
    def fix(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
        metafield_id = ctx.path.get("metafieldId" if owner == "customer" else "metafield_id", 0)
        own = ctx.store.table(_METAFIELD_TABLES[owner][0]).get(metafield_id)
        resource_id = ctx.path.get(_OWNER_PATHS[owner])
        if own is None or own.resource_id != resource_id:
            return body
        # Keys are unique per owner and the metafield's account.
        taken = _taken_keys(ctx.store, owner, own.resource_id, own.owner_client_id, own_id=own.id)
        _settle_update(body, own, taken, ctx.client_id)
        return body

    return fix


def _fix_metafield_batch_create(owner: str) -> Fix:
    def fix(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
        ids = _ids(ctx.store, _METAFIELD_TABLES[owner][1])
        taken: set[_metafields.Key] = set()
        seen: set[int] = set()
        for item in items:
            if not ids:
                break
            resource_id = item["resource_id"] = draw(st.sampled_from(ids))
            if resource_id not in seen:
                seen.add(resource_id)
                taken |= _taken_keys(ctx.store, owner, resource_id, ctx.client_id)
            _metafields.settle_key(item, taken, resource_id)
        return items

    return fix


def _fix_metafield_batch_update(owner: str) -> Fix:
    def fix(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
        table = ctx.store.table(_METAFIELD_TABLES[owner][0])
        records = {m.id: m for m in table.values() if _metafields.visible(m, ctx.client_id)}
        _assign_ids(draw, items, sorted(records))
        # Per (owner, account): an item's pair must be free among its metafield's account's.
        taken: dict[str, set[_metafields.Key]] = {}
        for m in table.values():
            taken.setdefault(m.owner_client_id, set()).add((m.resource_id, m.namespace, m.key))
        for item in items:
            own = records[item["id"]]
            _settle_update(item, own, taken.setdefault(own.owner_client_id, set()), ctx.client_id)
        return items

    return fix


def _fix_metafield_batch_delete(owner: str) -> Fix:
    def fix(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
        table = ctx.store.table(_METAFIELD_TABLES[owner][0])
        ids = sorted(m.id for m in table.values() if _metafields.deletable(m, ctx.client_id))
        count = min(len(items), len(ids))
        return draw(st.lists(st.sampled_from(ids), unique=True, min_size=count, max_size=count)) if ids else []

    return fix


# ---------------------------------------------------------------- orders


_ORDER_MONEY = (
    "base_handling_cost", "base_shipping_cost", "base_wrapping_cost", "discount_amount", "handling_cost_ex_tax",
    "handling_cost_inc_tax", "shipping_cost_ex_tax", "shipping_cost_inc_tax", "subtotal_ex_tax", "subtotal_inc_tax",
    "total_ex_tax", "total_inc_tax", "wrapping_cost_ex_tax", "wrapping_cost_inc_tax",
)  # fmt: skip
# Overridden amounts come in pairs: one half alone is refused.
_ORDER_PAIRS = tuple((name, name.replace("_ex_tax", "_inc_tax")) for name in _ORDER_MONEY if name.endswith("_ex_tax"))
# Lines, consignments, fees and addresses keep rules of their own (stock, ISO codes): an update
# here does not send them, a create sends what ``orders()`` draws.
_ORDER_PARTS = ("products", "consignments", "fees", "shipping_addresses", "billing_address")


def _settle_order_fields(draw: st.DrawFn, body: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """The order-level fields of a drawn body, valid: money as decimal strings (both halves of
    a pair), an RFC 2822 ``date_created``, an existing customer (or a guest) and channel."""
    _drop(body, *_ORDER_PARTS)
    for name in _ORDER_MONEY:
        if name in body:
            body[name] = _cents(draw)
    for pair in _ORDER_PAIRS:
        if any(name in body for name in pair):
            for name in pair:
                body.setdefault(name, _cents(draw))
    if "date_created" in body:
        body["date_created"] = draw(_v2.rfc2822_dates())
    _existing(draw, body, "customer_id", [0, *_ids(ctx.store, "customers")])
    if "channel_id" in body:
        body["channel_id"] = draw(st.sampled_from(_channel_ids(ctx)))
    return body


def _fix_order_create(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    return {**_settle_order_fields(draw, body, ctx), **draw(_orders.orders(store=ctx.store))}


def _fix_order_update(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    billing = "billing_address" in body
    _settle_order_fields(draw, body, ctx)
    if billing:
        body["billing_address"] = draw(_orders.order_addresses())
    return body


def _fix_shipment_create(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    order_id = ctx.path.get("order_id")
    lines = [li for li in ctx.store.order_products.values() if li.order_id == order_id]
    if order_id is None or not any(li.quantity > li.quantity_shipped for li in lines):
        return body
    valid = draw(_orders.shipments(store=ctx.store, order_id=order_id))
    if "merchant_shipping_cost" in body:
        body["merchant_shipping_cost"] = _cents(draw)
    return {**body, **valid}


def _fix_shipment_update(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    if "merchant_shipping_cost" in body:
        body["merchant_shipping_cost"] = _cents(draw)
    shipment = ctx.owned("order_shipments", "shipment_id")
    if "order_address_id" in body and shipment is not None:
        body["order_address_id"] = shipment.order_address_id
    return body


_PLACE_FIELDS = ("country", "country_iso2", "state", "zip", "city")


def _fix_order_address(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    place = draw(_orders.order_addresses())
    if any(name in body for name in _PLACE_FIELDS):
        body.update({name: place[name] for name in _PLACE_FIELDS})
    if "email" in body:
        body["email"] = place["email"]
    body.pop("form_fields", None)
    return body


def _refund_items(draw: st.DrawFn, ctx: Context) -> tuple[list[dict[str, Any]], Decimal]:
    """Lines of the order by quantity (what is left of them) or the order by an amount, within
    what was paid and not yet refunded."""
    order = ctx.store.orders.get(ctx.path.get("order_id", 0))
    if order is None:
        return [], Decimal(0)
    left = order.amount_paid - order.refunded_amount
    lines = [li for li in ctx.store.order_products.values() if li.order_id == order.id]
    items: list[dict[str, Any]] = []
    total = Decimal(0)
    for line in (
        draw(st.lists(st.sampled_from(lines), max_size=len(lines), unique_by=lambda li: li.id)) if lines else []
    ):
        units = line.quantity - line.quantity_refunded
        if units < 1 or line.price_inc_tax > left - total:
            continue
        quantity = draw(
            st.integers(1, min(units, int((left - total) // line.price_inc_tax) if line.price_inc_tax else units))
        )
        items.append({"item_type": "PRODUCT", "item_id": line.id, "quantity": quantity})
        total += line.price_inc_tax * quantity
    if not items or draw(st.booleans()):
        cents = draw(st.integers(1, max(1, int((left - total) * 100))))
        if Decimal(cents) / 100 <= left - total:
            items.append({"item_type": "ORDER", "item_id": order.id, "amount": cents / 100})
            total += Decimal(cents) / 100
    return items, total


def _fix_refund_quote(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    items, _ = _refund_items(draw, ctx)
    body.pop("tax_adjustment_amount", None)
    body.pop("payments", None)
    body["items"] = items
    return body


def _fix_refund(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    items, total = _refund_items(draw, ctx)
    body.pop("tax_adjustment_amount", None)
    body["items"] = items
    # The mock requires the payments (upstream's RefundRequest does); they pay back exactly the total.
    body["payments"] = [{"provider_id": "custom", "amount": float(total), "offline": True}]
    return body


def _fix_order_settings(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    notifications = body.get("notifications")
    if not isinstance(notifications, dict):
        return body
    for setting in notifications.values():
        if isinstance(setting, dict) and isinstance(setting.get("email_addresses"), list):
            setting["email_addresses"] = [_emails(draw) for _ in setting["email_addresses"]]
    if "channel_id" in ctx.path and notifications:
        # A channel overrides both notifications or neither (null addresses: the store-wide ones).
        count = draw(st.integers(0, 2))
        for name in ("order_placed", "forward_invoice"):
            notifications[name] = {"email_addresses": [_emails(draw) for _ in range(count)]}
    return body


# ---------------------------------------------------------------- customers


def _fix_customer_extras(draw: st.DrawFn, item: dict[str, Any], ctx: Context) -> None:
    _existing(draw, item, "customer_group_id", _ids(ctx.store, "customer_groups"))
    if "channel_ids" in item:
        item["channel_ids"] = [1]
    if "origin_channel_id" in item:
        item["origin_channel_id"] = 1
    if "store_credit_amounts" in item:
        item["store_credit_amounts"] = [{"amount": draw(st.integers(0, 10**6)) / 100}]
    if "authentication" in item:
        item["authentication"] = {"new_password": draw(st.sampled_from(("Correct-Horse-9", "s3cret!Pass")))}


def _fix_customers_create(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
    # Emails (free in the store and the batch), names, groups, passwords and addresses as
    # ``customer_batches()`` draws them; the rest of each drawn item is kept, with real references.
    valid = draw(_customers.customer_batches(store=ctx.store, min_size=len(items), max_size=len(items)))
    # A string attribute takes any value.
    attributes = [a.id for a in ctx.store.customer_attributes.values() if a.type == "string"]
    out = []
    for drawn, made in zip(items, valid, strict=True):
        item = {**drawn, **made}
        if "addresses" in drawn and "addresses" not in made:
            item["addresses"] = [draw(_customers.customer_addresses()) for _ in drawn["addresses"]]
        if "attributes" in item:
            sent = item["attributes"]
            chosen = draw(st.lists(st.sampled_from(attributes), unique=True, max_size=len(sent))) if attributes else []
            item["attributes"] = [
                {"attribute_id": a, "attribute_value": str(given.get("attribute_value", ""))}
                for a, given in zip(chosen, sent, strict=False)
            ]
        _fix_customer_extras(draw, item, ctx)
        out.append(item)
    return out


def _fix_customers_update(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
    _assign_ids(draw, items, _ids(ctx.store, "customers"))
    mine = {item["id"] for item in items}
    taken = {c.email.casefold() for c in ctx.store.customers.values() if c.id not in mine}
    for item in items:
        if "email" in item:
            item["email"] = made_unique(_emails(draw), lambda e: e.casefold() not in taken, max_size=250, separator="")
            taken.add(item["email"].casefold())
        for name in ("first_name", "last_name"):
            if name in item and not item[name].strip():
                item[name] = "Ann"
        _fix_customer_extras(draw, item, ctx)
    return items


def _fix_customer_addresses_create(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
    customers = _ids(ctx.store, "customers")
    if not customers:
        return items
    out = []
    for item in items:
        made = draw(_customers.customer_addresses(customer_id=draw(st.sampled_from(customers))))
        out.append({**{k: v for k, v in item.items() if k in ("address2", "company", "phone")}, **made})
    return out


def _fix_customer_addresses_update(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
    _assign_ids(draw, items, _ids(ctx.store, "customer_addresses"))
    for item in items:
        item.pop("form_fields", None)
        if "country_code" in item:
            item["country_code"] = draw(_customers.customer_addresses())["country_code"]
    return items


def _fix_attributes_create(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
    taken = {a.name.casefold() for a in ctx.store.customer_attributes.values()}
    for item in items:
        item["name"] = made_unique(item["name"], lambda n: n.casefold() not in taken, max_size=255)
        taken.add(item["name"].casefold())
    return items


def _fix_attributes_update(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
    attributes = {a.id: a for a in ctx.store.customer_attributes.values()}
    _assign_ids(draw, items, sorted(attributes))
    mine = {item["id"] for item in items}
    taken = {a.name.casefold() for a in attributes.values() if a.id not in mine}
    for item in items:
        own = attributes[item["id"]]
        if "type" in item:
            item["type"] = own.type
        name = item.get("name", own.name)
        item["name"] = made_unique(name, lambda n: n.casefold() not in taken, max_size=255)
        taken.add(item["name"].casefold())
    return items


def _fix_attribute_values(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
    customers = _ids(ctx.store, "customers")
    attributes = [a.id for a in ctx.store.customer_attributes.values() if a.type == "string"]
    pairs = [(c, a) for c in customers for a in attributes]
    if not pairs:
        return items
    count = min(len(items), len(pairs))
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, min_size=count, max_size=count))
    out = []
    for item, (customer_id, attribute_id) in zip(items, chosen, strict=False):
        item = {**item, "customer_id": customer_id, "attribute_id": attribute_id}
        owner = ctx.store.customer_attribute_values.unique("pair", (customer_id, attribute_id))
        if owner is not None and "id" in item:
            item["id"] = owner
        else:
            item.pop("id", None)
        out.append(item)
    return out


def _fix_form_field_values(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
    # Each value belongs to a customer or to an address, never both.
    customers, addresses = _ids(ctx.store, "customers"), _ids(ctx.store, "customer_addresses")
    for item in items:
        item.pop("customer_id", None)
        item.pop("address_id", None)
        owners = [name for name, ids in (("customer_id", customers), ("address_id", addresses)) if ids]
        if owners:
            owner = draw(st.sampled_from(owners))
            item[owner] = draw(st.sampled_from(customers if owner == "customer_id" else addresses))
    return items


def _fix_consent(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    if "allow" in body and "deny" in body:
        body["deny"] = [c for c in body["deny"] if c not in set(body["allow"])]
    return body


def _fix_customer_settings(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    groups = body.get("customer_group_settings")
    if isinstance(groups, dict):
        for name in ("guest_customer_group_id", "default_customer_group_id"):
            _existing(draw, groups, name, [0, *_ids(ctx.store, "customer_groups")])
    return body


# ---------------------------------------------------------------- v2 customers


def _v2_customer(draw: st.DrawFn, body: Any, ctx: Context, *, create: bool) -> Any:
    own = ctx.path.get("customer_id")
    taken = {c.email.casefold() for c in ctx.store.customers.values() if c.id != own}
    if create or "email" in body:
        body["email"] = made_unique(_emails(draw), lambda e: e.casefold() not in taken, max_size=250, separator="")
    for name in ("first_name", "last_name"):
        if (create and name not in body) or (name in body and not body[name].strip()):
            body[name] = "Ann" if name == "first_name" else "Lee"
    if "store_credit" in body:
        body["store_credit"] = _cents(draw)
    if "_authentication" in body:
        password = draw(st.sampled_from(("Correct-Horse-9", "s3cret!Pass")))
        body["_authentication"] = {"password": password, "password_confirmation": password}
    _existing(draw, body, "customer_group_id", _ids(ctx.store, "customer_groups"))
    return body


def _fix_v2_customer(create: bool) -> Fix:
    def fix(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
        return _v2_customer(draw, body, ctx, create=create)

    return fix


def _fix_v2_customer_address(create: bool) -> Fix:
    def fix(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
        place = draw(_orders.order_addresses())
        fields = ("first_name", "last_name", "street_1", "city", "state", "zip", "country")
        for name in fields:
            if create or name in body or (name in ("state", "zip", "city") and "country" in body):
                body[name] = place[name]
        if create or "phone" in body:
            body["phone"] = place.get("phone", "+1 555 0100")
        return body

    return fix


def _fix_v2_customer_group(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    own = ctx.path.get("customer_group_id")
    taken = {g.name.casefold() for g in ctx.store.customer_groups.values() if g.id != own}
    if "name" in body or own is None:
        body["name"] = made_unique(body.get("name") or "Group", lambda n: n.casefold() not in taken, max_size=255)
    access = body.get("category_access")
    if isinstance(access, dict):
        if access.get("type") == "specific":
            ids = _ids(ctx.store, "categories")
            access["categories"] = draw(st.lists(st.sampled_from(ids), unique=True, max_size=3)) if ids else []
        else:
            access.pop("categories", None)
    if "discount_rules" in body:
        body["discount_rules"] = [
            {"type": "all", "method": "percent", "amount": f"{draw(st.integers(0, 100))}"}
            for _ in body["discount_rules"][:1]
        ]
    return body


# ---------------------------------------------------------------- v2 marketing


def _fix_coupon(create: bool) -> Fix:
    def fix(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
        own = ctx.store.coupons.get(ctx.path.get("id", 0)) if not create else None
        if "name" in body:
            taken = {c.name.casefold() for c in ctx.store.coupons.values() if own is None or c.id != own.id}
            body["name"] = made_unique(body["name"], lambda n: n.casefold() not in taken, max_size=100)
        if "code" in body:
            body["code"] = _free_code(draw, ctx.store, set())
        if body.get("type") == "promotion" and (own is None or own.type != "promotion"):
            body["type"] = "per_total_discount"
        kind = body.get("type", own.type if own is not None else None)
        if "amount" in body:
            body["amount"] = _cents(draw, 10_000 if kind == "percentage_discount" else 10**6)
        elif kind == "percentage_discount" and own is not None and own.amount > 100:
            body["amount"] = _cents(draw, 10_000)
        if "min_purchase" in body:
            body["min_purchase"] = _cents(draw)
        if "expires" in body:
            body["expires"] = draw(st.just("") | _v2.rfc2822_dates())
        if "applies_to" in body:
            entity = draw(st.sampled_from(["products", "categories"]))
            ids = _ids(ctx.store, entity)
            body["applies_to"] = {
                "entity": entity,
                "ids": draw(st.lists(st.sampled_from(ids), max_size=3, unique=True)),
            }
        return body

    return fix


def _unix(draw: st.DrawFn, low: int = 946_684_800) -> int:
    return draw(st.integers(low, 4_000_000_000))


def _fix_banner(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    own = ctx.store.banners.get(ctx.path.get("id", 0)) if "id" in ctx.path else None
    kind = body.get("date_type", own.date_type if own is not None else "always")
    if kind == "custom" or "date_from" in body or "date_to" in body:
        start = _unix(draw)
        body["date_from"] = str(start)
        body["date_to"] = str(_unix(draw, start))
    if "visible" in body:
        body["visible"] = draw(st.sampled_from(["0", "1"]))
    if "item_id" in body:
        body["item_id"] = str(draw(st.integers(0, 10**6)))
    return body


def _fix_gift_certificate(create: bool) -> Fix:
    def fix(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
        own = ctx.store.gift_certificates.get(ctx.path.get("id", 0)) if not create else None
        for name in ("to_email", "from_email"):
            if name in body:
                body[name] = _emails(draw)
        amount = None
        if "amount" in body:
            body["amount"] = _cents(draw)
            amount = float(body["amount"])
        elif own is not None:
            amount = own.amount
        if "balance" in body:
            high = round((amount if amount is not None else 0) * 100)
            body["balance"] = _cents(draw, high)
        elif own is not None and amount is not None and own.balance > amount:
            body["balance"] = body["amount"]
        for name in ("purchase_date", "expiry_date"):
            if name in body:
                body[name] = draw(st.just("") | _v2.rfc2822_dates())
        if "code" in body:
            taken = {code_key(g.code) for g in ctx.store.gift_certificates.values() if own is None or g.id != own.id}
            code = draw(st.from_regex(r"[A-Z0-9-]{1,12}", fullmatch=True))
            body["code"] = made_unique(code, lambda c: code_key(c) not in taken, max_size=20, separator="-")
        _existing(draw, body, "customer_id", _ids(ctx.store, "customers"))
        return body

    return fix


# ---------------------------------------------------------------- v3 promotions


_RULES: tuple[dict[str, Any], ...] = (
    {"action": {"cart_value": {"discount": {"fixed_amount": "5"}}}, "apply_once": True},
    {"action": {"cart_value": {"discount": {"percentage_amount": "10"}}}},
    {"action": {"cart_value": {"discount": {"fixed_amount": "2.50"}}}, "apply_once": False, "stop": True},
)
_COUPON_ONLY = ("coupon_type", "coupon_overrides_other_promotions",
                "coupon_overrides_automatic_when_offering_higher_discounts")  # fmt: skip


def _fix_promotion(create: bool) -> Fix:
    def fix(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
        own = None if create else ctx.store.promotions.get(ctx.path.get("id", 0))
        if own is not None:
            body["redemption_type"] = own.redemption_type
            if "coupon_type" in body:
                body["coupon_type"] = own.coupon_type
        redemption = body.get("redemption_type")
        coupon_type = body.get("coupon_type", own.coupon_type if own is not None else "SINGLE")
        if "rules" in body:
            body["rules"] = [
                copy.deepcopy(rule) for rule in draw(st.lists(st.sampled_from(_RULES), min_size=1, max_size=2))
            ]
        if "start_date" in body or "end_date" in body:
            start = _iso_dates(draw)
            body["start_date"] = start
            if "end_date" in body:
                body["end_date"] = "2099-01-01T00:00:00+00:00"
        if "channels" in body:
            body["channels"] = [{"id": 1}] if body["channels"] else []
        customer = body.get("customer")
        if isinstance(customer, dict):
            groups = _ids(ctx.store, "customer_groups")
            customer.pop("excluded_group_ids" if "group_ids" in customer else "", None)
            for name in ("group_ids", "excluded_group_ids"):
                if name in customer:
                    customer[name] = draw(st.lists(st.sampled_from(groups), unique=True, max_size=1)) if groups else []
        if "currency_code" in body:
            body["currency_code"] = draw(st.sampled_from(["*", "USD"]))
        if body.get("status") == "INVALID":
            body["status"] = "ENABLED"
        if redemption == "AUTOMATIC":
            _drop(body, *_COUPON_ONLY, "codes")
        combinable = body.get(
            "can_be_used_with_other_promotions", own.can_be_used_with_other_promotions if own is not None else True
        )
        if combinable:
            for name in _COUPON_ONLY[1:]:
                if name in body:
                    body[name] = False
        if "codes" in body:
            if coupon_type == "BULK":
                del body["codes"]
            else:
                body["codes"]["code"] = _free_code(draw, ctx.store, set())
        return body

    return fix


def _fix_promotion_code(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    body["code"] = _free_code(draw, ctx.store, set())
    return body


def _fix_storefront_token(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    """Exactly one of ``channel_id``/``channel_ids``, and an ``expires_at`` after the store's now."""
    if "channel_ids" in body and ("channel_id" in body or not body["channel_ids"]):
        del body["channel_ids"]
    if "channel_id" not in body and "channel_ids" not in body:
        body["channel_id"] = 1
    # Channels of the store (the service's rule; the schema only says integer).
    channels = _channel_ids(ctx)
    if "channel_id" in body:
        body["channel_id"] = draw(st.sampled_from(channels))
    else:
        count = min(len(body["channel_ids"]), len(channels))
        body["channel_ids"] = sorted(
            draw(st.lists(st.sampled_from(channels), min_size=count, max_size=count, unique=True))
        )
    now = int(ctx.store.clock.now().timestamp())
    body["expires_at"] = now + draw(st.integers(min_value=60, max_value=10**8))
    return body


_CODEGEN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def _fix_codegen(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    # Codes are at most 50 characters: a prefix and suffix of up to 6 leave room for 16 random ones.
    affix = st.from_regex(r"[A-Z0-9_-]{1,6}", fullmatch=True)
    for name in ("prefix", "suffix"):
        if name in body:
            body[name] = draw(affix)
    if "exclude_characters" in body:
        body["exclude_characters"] = draw(st.lists(st.sampled_from(_CODEGEN), unique=True, max_size=5))
    return body


# ---------------------------------------------------------------- v2


def _fix_v2_product(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    return _v2.settle_product(draw, body, ctx.taken, ctx.store)


def _fix_v2_category(create: bool) -> Fix:
    def fix(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
        return _v2.settle_category(draw, body, ctx.taken, ctx.store, create=create)

    return fix


def _fix_v2_brand(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    return _v2.settle_brand(body, ctx.taken)


# ---------------------------------------------------------------- the table


def _fixes() -> dict[tuple[str, str], Fix]:
    v3: dict[str, Fix] = {
        _products.CREATE: _products_fix(_products.CREATE),
        _products.UPDATE: _products_fix(_products.UPDATE),
        _products.BATCH_UPDATE: _products_fix(_products.BATCH_UPDATE),
        _brands.CREATE: _brand_fix(_brands.CREATE),
        _brands.UPDATE: _brand_fix(_brands.UPDATE),
        _categories.CREATE: _category_fix(_categories.CREATE),
        _categories.UPDATE: _category_fix(_categories.UPDATE),
        _categories.TREE_CREATE: _category_fix(_categories.TREE_CREATE),
        _categories.TREE_UPDATE: _category_fix(_categories.TREE_UPDATE),
        _categories.TREES_UPSERT: _fix_trees,
        "createProductsChannelAssignments": _fix_channel_assignments,
        "createProductsCategoryAssignments": _fix_category_assignments,
        "updateCategorySortOrders": _fix_sort_orders,
        _subresources.IMAGE_CREATE: _fix_image_create,
        _subresources.IMAGE_UPDATE: _fix_image_update,
        "createProductVariantImage": _fix_image_create,
        _subresources.VIDEO_CREATE: _fix_video_create,
        _subresources.CUSTOM_FIELD_CREATE: _fix_custom_field_create,
        _subresources.CUSTOM_FIELD_UPDATE: _fix_custom_field_update,
        _subresources.BULK_CREATE: _fix_bulk_create,
        _subresources.BULK_UPDATE: _fix_bulk_update,
        _subresources.REVIEW_CREATE: _fix_review,
        _subresources.REVIEW_UPDATE: _fix_review,
        _variants.CREATE: _fix_variant_create,
        _variants.UPDATE: _fix_variant_update,
        _variants.BATCH: _fix_variant_batch,
        _options.OPTION_CREATE: _fix_option_create,
        _options.OPTION_UPDATE: _fix_option_update,
        _options.OPTION_VALUE_CREATE: _fix_choice_value("options", update=False),
        _options.OPTION_VALUE_UPDATE: _fix_choice_value("options", update=True),
        _options.MODIFIER_CREATE: _fix_modifier_create,
        _options.MODIFIER_UPDATE: _fix_modifier_update,
        _options.MODIFIER_VALUE_CREATE: _fix_choice_value("modifiers", update=False),
        _options.MODIFIER_VALUE_UPDATE: _fix_choice_value("modifiers", update=True),
        _options.RULE_CREATE: _fix_complex_rule(update=False),
        _options.RULE_UPDATE: _fix_complex_rule(update=True),
    }
    for owner, (table, _, create, update, batch_create) in _metafields.OWNERS.items():
        plural = batch_create.removeprefix("create").removesuffix("Metafields")
        v3[create] = _fix_metafield_create(owner)
        v3[update] = _fix_metafield_update(owner)
        v3[batch_create] = _fix_metafield_batch_create(owner)
        v3[f"update{plural}Metafields"] = _fix_metafield_batch_update(owner)
        v3[f"delete{plural}Metafields"] = _fix_metafield_batch_delete(owner)
        assert table
    v3.update(
        {
            "createOrderRefund": _fix_refund,
            "createOrderRefundQuotes": _fix_refund_quote,
            "updateGlobalOrderSettings": _fix_order_settings,
            "updateChannelOrderSettings": _fix_order_settings,
            "createCustomers": _fix_customers_create,
            "updateCustomers": _fix_customers_update,
            "createCustomersAddresses": _fix_customer_addresses_create,
            "updateCustomersAddresses": _fix_customer_addresses_update,
            "createCustomersAttributes": _fix_attributes_create,
            "updateCustomersAttributes": _fix_attributes_update,
            "upsertCustomersAttributeValues": _fix_attribute_values,
            "updateCustomerConsent": _fix_consent,
            "updateCustomerFormFieldValues": _fix_form_field_values,
            "updateCustomersSettings": _fix_customer_settings,
            "updateCustomersSettingsChannel": _fix_customer_settings,
            "createPromotion": _fix_promotion(create=True),
            "updatePromotion": _fix_promotion(create=False),
            "createPromotionCode": _fix_promotion_code,
            "generatePromotionCodesBatch": _fix_codegen,
        }
    )
    for token_operation in ("createToken", "createPrivateToken", "createTokenWithCustomerImpersonation"):
        v3[token_operation] = _fix_storefront_token
    for owner, create, update, plural in (
        ("order", "createOrderMetafield", "updateOrderMetafield", "Orders"),
        ("customer", "createCustomerMetafields", "updateCustomerMetafield", "Customers"),
    ):
        v3[create] = _fix_metafield_create(owner)
        v3[update] = _fix_metafield_update(owner)
        v3[f"create{plural}Metafields"] = _fix_metafield_batch_create(owner)
        v3[f"update{plural}Metafields"] = _fix_metafield_batch_update(owner)
        v3[f"delete{plural}Metafields"] = _fix_metafield_batch_delete(owner)
    v2: dict[str, Fix] = {
        _v2.PRODUCT_CREATE: _fix_v2_product,
        _v2.PRODUCT_UPDATE: _fix_v2_product,
        _v2.CATEGORY_CREATE: _fix_v2_category(create=True),
        _v2.CATEGORY_UPDATE: _fix_v2_category(create=False),
        _v2.BRAND_CREATE: _fix_v2_brand,
        _v2.BRAND_UPDATE: _fix_v2_brand,
        "createOrder": _fix_order_create,
        "updateOrder": _fix_order_update,
        "createOrderShipments": _fix_shipment_create,
        "updateOrderShipment": _fix_shipment_update,
        "updateOrderShippingAddress": _fix_order_address,
        "createCustomer": _fix_v2_customer(create=True),
        "updateCustomer": _fix_v2_customer(create=False),
        "createCustomerAddress": _fix_v2_customer_address(create=True),
        "updateCustomerAddress": _fix_v2_customer_address(create=False),
        "createCustomerGroup": _fix_v2_customer_group,
        "updateCustomerGroup": _fix_v2_customer_group,
        "createCoupon": _fix_coupon(create=True),
        "updateCoupon": _fix_coupon(create=False),
        "createBanner": _fix_banner,
        "updateBanner": _fix_banner,
        "createGiftCertificate": _fix_gift_certificate(create=True),
        "updateGiftCertificate": _fix_gift_certificate(create=False),
    }
    return {**{("v3", k): f for k, f in v3.items()}, **{("v2", k): f for k, f in v2.items()}}


FIXES = _fixes()


# --------------------------------------------------------------------------- channels (upstream channels.v3.yml)
# A body is accepted when its type and platform are a pair upstream allows, its status one the type allows, its name
# free among channels of that platform and type, its currencies enabled (the default among them), its listings name
# products and variants of the catalog, and its site and checkout URLs are free and within the storefront's domain.


def _channel_name(draw: st.DrawFn, ctx: Context, kind: str, platform: str) -> str:
    taken = {channel_domain.identity(c) for c in channel_service.all_channels(ctx.store)}
    while True:
        name = f"Channel {draw(st.integers(min_value=0, max_value=10**6))}"
        if (name.casefold(), platform, kind) not in taken:
            return name


def _fix_channel_create(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    platform = body["platform"] = draw(st.sampled_from(sorted(channel_domain.PLATFORMS)))
    kind = body["type"] = draw(st.sampled_from(channel_domain.PLATFORMS[platform]))
    body["name"] = _channel_name(draw, ctx, kind, platform)
    if "status" in body:
        body["status"] = draw(st.sampled_from(channel_domain.WRITABLE_STATUSES[kind]))
    return body


def _fix_channel_update(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    channel = channel_service.find(ctx.store, ctx.path.get("channel_id", 1))
    if channel is None:
        return body
    if "name" in body:
        body["name"] = _channel_name(draw, ctx, channel.type, channel.platform)
    if "status" in body:
        # The default channel cannot be deleted, and a deleted channel cannot change again.
        allowed = [s for s in channel_domain.WRITABLE_STATUSES[channel.type] if s != "deleted"]
        body["status"] = draw(st.sampled_from(allowed))
    return body


def _currencies(draw: st.DrawFn, item: dict[str, Any]) -> None:
    codes = st.sampled_from(sorted(channel_domain.CURRENCIES))
    item["enabled_currencies"] = draw(st.lists(codes, min_size=1, max_size=4, unique=True))
    item["default_currency"] = draw(st.sampled_from(item["enabled_currencies"]))


def _fix_channel_currencies(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    _currencies(draw, body)
    return body


def _fix_channels_currencies(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
    ids = [c.id for c in channel_service.all_channels(ctx.store)]
    for item in items:
        item["channel_id"] = draw(st.sampled_from(ids))
        _currencies(draw, item)
    return items


def _fix_listings_create(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
    channel_id = ctx.path.get("channel_id", 1)
    listings = ctx.store.channel_listings
    listed = {r.product_id for r in listings.many(listings.lookup("channel", channel_id))}
    free = [p.id for p in ctx.store.products.values() if p.id not in listed]
    chosen = draw(st.lists(st.sampled_from(free), unique=True, max_size=len(items))) if free else []
    kept = items[: len(chosen)]
    for item, product_id in zip(kept, chosen, strict=True):
        item["product_id"] = product_id
        variants = sorted(ctx.store.variants.lookup("product_id", product_id))
        if not variants:
            item["variants"] = []
        for variant in item["variants"]:
            variant["product_id"] = product_id
            variant["variant_id"] = draw(st.sampled_from(variants))
    return kept


def _free_site_url(draw: st.DrawFn, ctx: Context) -> str:
    taken = {channel_domain.url_key(s.url) for s in ctx.store.channel_sites.values()}
    taken.add(channel_domain.url_key(channel_domain.permanent_url(ctx.store.store_hash)))
    while True:
        url = f"https://shop-{draw(st.integers(min_value=0, max_value=10**6))}.example.com"
        if channel_domain.url_key(url) not in taken:
            return url


def _fix_site(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    if "url" in body or ctx.path.get("channel_id") is None:
        body["url"] = _free_site_url(draw, ctx)
    body.pop("channel_id", None)
    return body


def _fix_site_create(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    body["url"] = _free_site_url(draw, ctx)
    body.pop("channel_id", None)
    return body


def _fix_checkout_url(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    site = channel_service.site_of(ctx.store, ctx.path.get("channel_id", 1))
    host = (site.url if site is not None else "https://example.com").split("//", 1)[-1].split("/", 1)[0]
    domain = channel_service.main_domain(host.split(":", 1)[0])
    body["url"] = f"https://checkout-{draw(st.integers(min_value=0, max_value=999))}.{domain}"
    return body


def _fix_menus(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    for section in body.get("custom_app_sections", []):
        section.setdefault("title", "Overview")
        section.setdefault("query_path", "overview")
    return body


def _fix_channel_metafields_create(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
    ids = [c.id for c in channel_service.all_channels(ctx.store)]
    taken: set[_metafields.Key] = set()
    seen: set[int] = set()
    for item in items:
        resource_id = item["resource_id"] = draw(st.sampled_from(ids))
        if resource_id not in seen:
            seen.add(resource_id)
            taken |= _taken_keys(ctx.store, "channel", resource_id, ctx.client_id)
        _metafields.settle_key(item, taken, resource_id)
    return items


_OWNER_PATHS["channel"] = "channel_id"
_METAFIELD_TABLES["channel"] = ("channel_metafields", "channels")
FIXES.update(
    {
        ("v3", "createChannel"): _fix_channel_create,
        ("v3", "updateChannel"): _fix_channel_update,
        ("v3", "createSingleChannelCurrencyAssignments"): _fix_channel_currencies,
        ("v3", "updateSingleChannelCurrencyAssignments"): _fix_channel_currencies,
        ("v3", "createMultipleChannelsCurrencyAssignments"): _fix_channels_currencies,
        ("v3", "updateMultipleChannelsCurrencyAssignments"): _fix_channels_currencies,
        ("v3", "createChannelListings"): _fix_listings_create,
        ("v3", "createChannelSite"): _fix_site_create,
        ("v3", "updateChannelSite"): _fix_site,
        ("v3", "updateCheckoutUrl"): _fix_checkout_url,
        ("v3", "createChannelMenus"): _fix_menus,
        ("v3", "createChannelMetafield"): _fix_metafield_create("channel"),
        ("v3", "updateChannelMetafield"): _fix_metafield_update("channel"),
        ("v3", "createChannelsMetafields"): _fix_channel_metafields_create,
        ("v3", "updateChannelsMetafields"): _fix_metafield_batch_update("channel"),
        ("v3", "deleteChannelsMetafields"): _fix_metafield_batch_delete("channel"),
    }
)


# ---------------------------------------------------------------- carts


def _cart_products(store: Store) -> list[tuple[int, int]]:
    """(product id, variant id) a cart takes whatever the quantity: visible, available, untracked
    products without required modifiers, and their variants that can be bought."""
    required = {m.product_id for m in store.modifiers.values() if m.required}
    found: list[tuple[int, int]] = []
    for product in sorted(store.products.values(), key=lambda p: p.id):
        if not product.is_visible or product.availability == "disabled" or product.inventory_tracking != "none":
            continue
        if product.id in required:
            continue
        found.extend(
            (product.id, v.id)
            for v in sorted(store.variants.many(store.variants.lookup("product_id", product.id)), key=lambda v: v.id)
            if not v.purchasing_disabled
        )
    return found


def _fix_cart_items(draw: st.DrawFn, body: dict[str, Any], ctx: Context) -> dict[str, Any]:
    choices = _cart_products(ctx.store)
    items = body.get("line_items") or []
    for item in items:
        if not choices:
            break
        product_id, variant_id = draw(st.sampled_from(choices))
        item.clear()
        item.update({"product_id": product_id, "variant_id": variant_id, "quantity": draw(st.integers(1, 50))})
        if draw(st.booleans()):
            item["list_price"] = draw(st.integers(0, 10**4))
    if not choices:
        body.pop("line_items", None)
    for custom in body.get("custom_items") or []:
        custom["name"] = custom.get("name") or "Custom item"
        custom["quantity"] = draw(st.integers(1, 50))
        custom["list_price"] = min(abs(custom.get("list_price") or 0), 9999999999)
    for gift in body.get("gift_certificates") or []:
        gift["quantity"] = max(1, int(gift.get("quantity") or 1))
    if not (body.get("line_items") or body.get("custom_items") or body.get("gift_certificates")):
        body["custom_items"] = [{"name": "Custom item", "quantity": 1, "list_price": 1}]
    body.pop("version", None)
    return body


def _fix_cart_create(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    _existing(draw, body, "customer_id", _ids(ctx.store, "customers"))
    if "channel_id" in body:
        body["channel_id"] = draw(st.sampled_from([c.id for c in channel_service.all_channels(ctx.store)]))
    return _fix_cart_items(draw, body, ctx)


def _fix_cart_update(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    body.pop("version", None)
    body["customer_id"] = draw(st.sampled_from([0, *_ids(ctx.store, "customers")]))
    return body


def _fix_cart_item_update(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    """A change of the item the path names: its product and variant, a new quantity or price;
    a gift certificate item takes a gift certificate."""
    cart = ctx.store.carts.get(str(ctx.path.get("cartId")))
    item_id = str(ctx.path.get("itemId"))
    body.pop("version", None)
    if cart is None:
        return body
    item = next((i for i in cart.items if i.id == item_id), None)
    if item is not None:
        body.pop("gift_certificates", None)
        body["line_item"] = {"product_id": item.product_id, "variant_id": item.variant_id,
                             "quantity": draw(st.integers(1, 50))}  # fmt: skip
    elif any(g.id == item_id for g in cart.gift_certificates):
        body.pop("line_item", None)
        gift = draw(st.sampled_from(body.get("gift_certificates") or [None]))
        if gift is None:
            gift = {"name": "Gift", "theme": "General", "amount": 10, "quantity": 1, "sender": {}, "recipient": {}}
        body["gift_certificates"] = [gift]
    return body


def _fix_cart_metafields_create(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
    ids = sorted(c.id for c in ctx.store.carts.values() if ctx.store.clock.now() < c.expires_at)
    taken: set[_metafields.Key] = set()
    seen: set[str] = set()
    for item in items:
        if not ids:
            break
        resource_id = item["resource_id"] = draw(st.sampled_from(ids))
        if resource_id not in seen:
            seen.add(resource_id)
            taken |= _taken_keys(ctx.store, "cart", resource_id, ctx.client_id)
        _metafields.settle_key(item, taken, resource_id)
    return items


def _fix_cart_metafields_update(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
    # carts.v3.yml types the ids of a batch update as strings.
    fixed = _fix_metafield_batch_update("cart")(draw, items, ctx)
    for item in fixed:
        item["id"] = str(item["id"])
    return fixed


_OWNER_PATHS["cart"] = "cart_id"
_METAFIELD_TABLES["cart"] = ("cart_metafields", "carts")
FIXES.update(
    {
        ("v3", "createCart"): _fix_cart_create,
        ("v3", "addCartLineItems"): lambda draw, body, ctx: _fix_cart_items(draw, body, ctx),
        ("v3", "updateCartLineItem"): _fix_cart_item_update,
        ("v3", "updateCart"): _fix_cart_update,
        ("v3", "createCartMetafield"): _fix_metafield_create("cart"),
        ("v3", "updateCartMetafield"): _fix_metafield_update("cart"),
        ("v3", "createCartsMetafields"): _fix_cart_metafields_create,
        ("v3", "updateCartsMetafields"): _fix_cart_metafields_update,
        ("v3", "deleteCartsMetafields"): _fix_metafield_batch_delete("cart"),
    }
)


# ---------------------------------------------------------------- checkouts

_COUNTRIES = ("US", "GB", "AU", "CA", "DE")


def _checkout_of(ctx: Context) -> Any:
    cart = ctx.store.carts.get(str(ctx.path.get("checkoutId")))
    return (cart, cart_service.priced(ctx.store, cart)) if cart is not None else (None, None)


def _fix_address(draw: st.DrawFn, address: Any) -> None:
    if isinstance(address, dict):
        address["country_code"] = draw(st.sampled_from(_COUNTRIES))


def _fix_checkout_billing(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    body.pop("version", None)
    _fix_address(draw, body)
    return body


def _fix_checkout_update(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    body.pop("version", None)
    return body


def _fix_checkout_discount(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    """Amounts no larger than what they come off, on items the cart has."""
    _cart, priced = _checkout_of(ctx)
    wanted = body.setdefault("cart", {})
    wanted.pop("version", None)
    if priced is None:
        return body
    lines = [*priced.physical, *priced.digital]
    for line in wanted.get("line_items") or []:
        chosen = draw(st.sampled_from(lines)) if lines else None
        if chosen is None:
            break
        line["id"] = chosen.item.id
        line["discounted_amount"] = draw(st.integers(0, int(chosen.extended_sale_price)))
    if not lines:
        wanted.pop("line_items", None)
    for discount in wanted.get("discounts") or []:
        discount["discounted_amount"] = draw(st.integers(0, int(priced.cart_amount)))
    if not (wanted.get("discounts") or wanted.get("line_items")):
        wanted["discounts"] = [{"discounted_amount": 0}]
    return body


def _unshipped(ctx: Context, priced: Any, keep: str | None = None) -> list[dict[str, Any]]:
    checkout = ctx.store.checkouts.get(str(ctx.path.get("checkoutId")))
    taken = {i for c in (checkout.consignments if checkout else ()) if c.id != keep for i in c.line_item_ids}
    return [{"item_id": p.item.id, "quantity": p.item.quantity} for p in priced.physical if p.item.id not in taken]


def _fix_checkout_consignments(draw: st.DrawFn, items: Any, ctx: Context) -> Any:
    """One consignment of the physical items no consignment ships yet."""
    _cart, priced = _checkout_of(ctx)
    first = items[0]
    first.pop("version", None)
    first.setdefault("address", {"email": "a@example.com", "state_or_province": "Texas", "postal_code": "78701"})
    _fix_address(draw, first["address"])
    if priced is not None:
        free = _unshipped(ctx, priced)
        if free:
            first["line_items"] = free
    return [first]


def _fix_checkout_consignment_update(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    """The consignment's own items (or those free), an address with a country, an option always on offer."""
    _cart, priced = _checkout_of(ctx)
    body.pop("version", None)
    _fix_address(draw, body.get("address"))
    if "line_items" in body and priced is not None:
        mine = _unshipped(ctx, priced, keep=str(ctx.path.get("consignmentId")))
        if mine:
            body["line_items"] = mine
        else:
            body.pop("line_items")
    if "shipping_option_id" in body or not body:
        body["shipping_option_id"] = "flat-rate"
    return body


def _fix_checkout_coupon(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    """A code the checkout can take now, when the store has one."""
    body.pop("version", None)
    cart, _ = _checkout_of(ctx)
    if cart is None:
        return body
    codes = [c.code for c in ctx.store.coupons.values()] + [c.code for c in ctx.store.promotion_codes.values()]
    usable = []
    for code in sorted(codes):
        try:
            checkout_service._check_code(ctx.store, code, cart)
        except DomainError:
            continue
        usable.append(code)
    if usable:
        body["coupon_code"] = draw(st.sampled_from(usable))
    return body


def _fee_ids(ctx: Context) -> list[str]:
    checkout = ctx.store.checkouts.get(str(ctx.path.get("checkoutId")))
    return [f.id for f in checkout.fees] if checkout is not None else []


def _fix_checkout_fees_update(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    ids = _fee_ids(ctx)
    for fee in body.get("fees") or []:
        if ids:
            fee["id"] = draw(st.sampled_from(ids))
    return body


def _fix_checkout_fees_delete(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    ids = _fee_ids(ctx)
    if ids:
        body["ids"] = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3))
    return body


FIXES.update(
    {
        ("v3", "updateCheckout"): _fix_checkout_update,
        ("v3", "addCheckoutDiscount"): _fix_checkout_discount,
        ("v3", "addCheckoutBillingAddress"): _fix_checkout_billing,
        ("v3", "updateCheckoutBillingAddress"): _fix_checkout_billing,
        ("v3", "addCheckoutConsignment"): _fix_checkout_consignments,
        ("v3", "updateCheckoutConsignment"): _fix_checkout_consignment_update,
        ("v3", "addCheckoutCoupon"): _fix_checkout_coupon,
        ("v3", "CheckoutsFeesByCheckoutIdPut"): _fix_checkout_fees_update,
        ("v3", "CheckoutsFeesByCheckoutIdDelete"): _fix_checkout_fees_delete,
    }
)


def _fix_credentials(draw: st.DrawFn, body: Any, ctx: Context) -> Any:
    """``channel_id`` names a channel of the store (another is refused, 422)."""
    if "channel_id" in body:
        body["channel_id"] = draw(st.sampled_from(_channel_ids(ctx)))
    return body


FIXES.update({("v3", "validateCustomerCredentials"): _fix_credentials})
