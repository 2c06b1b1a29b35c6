"""Wishlists on the storefront: the signed-in customer's ``Customer.wishlists``, the ``wishlist``
mutations, and ``Site.publicWishlist`` (a public list read by its token, by anyone), over the records
and rules of ``services/wishlists.py``.

The mutations are the signed-in shopper's (a customer access token or an impersonation token's
``X-Bc-Customer-Id``) and reach only their own lists: another customer's list is as unknown as a
missing one. Their results are nullable and declare no typed errors, so a refusal is one top-level
error (``data.wishlist.<mutation>`` is ``null``) whose ``extensions.code`` is one of ``CODES`` (the
mock's names: BigCommerce documents none for wishlists); a refused mutation writes nothing.

An item may name a product the channel does not show: its ``product`` is then ``null``. A private
list's token finds nothing, even for its owner.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from graphql import GraphQLError

from mockbc.domain.errors import DomainError, Invalid, NotFound, Problem
from mockbc.domain.query import Condition
from mockbc.domain.variants import Variant
from mockbc.domain.wishlists import MAX_NAME, Wishlist, WishlistItem
from mockbc.presentation import words
from mockbc.presentation.storefront_graphql.areas.catalog import in_stock, product_object, visible_product
from mockbc.presentation.storefront_graphql.connections import connection
from mockbc.presentation.storefront_graphql.seam import Area, Context
from mockbc.services import wishlists
from mockbc.services.wishlists import ItemInput

AREA = Area()
T = TypeVar("T")

NOT_LOGGED_IN = "CUSTOMER_NOT_LOGGED_IN"  # the code the cart mutations answer a guest with
CODES = {
    "order_product_missing": "INVALID_PRODUCT",
    "order_variant_missing": "INVALID_PRODUCT",
    "wishlist": "WISHLIST_NOT_FOUND",
    "wishlist item": "WISHLIST_ITEM_NOT_FOUND",
}
OTHER = "BAD_USER_INPUT"
WORDS = {
    "not_logged_in": "The customer is not logged in.",
    "no_wishlist": "The customer has no wishlist {id}.",
    "no_item": "The wishlist has no item {id}.",
    "name": "The wishlist name must have 1 to {limit} characters, not only spaces.",
}
DELETED = "success"


def _refused(message: str, code: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code})


def _problem_text(problem: Problem) -> str:
    if problem.rule in ("min_length", "max_length"):
        return WORDS["name"].format(limit=MAX_NAME)
    return words.message(problem)


def _translated(error: DomainError) -> GraphQLError:
    if isinstance(error, Invalid) and error.problems:
        text = " ".join(_problem_text(p) for p in error.problems)
        return _refused(text, CODES.get(error.problems[0].rule, OTHER))
    if isinstance(error, NotFound) and error.resource == "wishlist item":
        return _refused(WORDS["no_item"].format(id=error.id), CODES["wishlist item"])
    if isinstance(error, NotFound):
        return _refused(WORDS["no_wishlist"].format(id=error.id), CODES["wishlist"])
    raise error


def _service(call: Callable[[], T]) -> T:
    try:
        return call()
    except DomainError as error:
        raise _translated(error) from None


def _signed_in(context: Context) -> int:
    if context.customer_id is None or context.customer_id not in context.store.customers:
        raise _refused(WORDS["not_logged_in"], NOT_LOGGED_IN)
    return context.customer_id


def _items(given: Sequence[Mapping[str, Any]] | None) -> list[ItemInput]:
    return [ItemInput(i["productEntityId"], i.get("variantEntityId")) for i in given or ()]


# --------------------------------------------------------------------------- objects


def wishlist_object(wishlist: Wishlist) -> dict[str, Any]:
    return {
        "record": wishlist,
        "entityId": wishlist.id,
        "name": wishlist.name,
        "isPublic": wishlist.is_public,
        "token": wishlist.token,
    }


def _item_object(item: WishlistItem) -> dict[str, Any]:
    return {
        "record": item,
        "entityId": item.id,
        "productEntityId": item.product_id,
        "variantEntityId": item.variant_id,
    }


def _wanted(values: Sequence[int] | None) -> frozenset[int] | None:
    # An empty list filters nothing out, as an absent one.
    return frozenset(values) if values else None


def _items_connection(source: dict[str, Any], info: Any, **arguments: Any) -> dict[str, Any]:
    context: Context = info.context
    wishlist: Wishlist = source["record"]
    filters = arguments.get("filters") or {}
    products, variants = _wanted(filters.get("productEntityIds")), _wanted(filters.get("variantEntityIds"))
    shown = [
        item
        for item in wishlist.items
        if (products is None or item.product_id in products)
        and (variants is None or item.variant_id in variants)
        and not (arguments.get("hideOutOfStock") and not _in_stock(context, item))
    ]
    pages = {k: arguments.get(k) for k in ("first", "after", "last", "before")}
    return connection(shown, _item_object, total=True, **pages)


def _in_stock(context: Context, item: WishlistItem) -> bool:
    """Whether the item can be bought now: its variant's stock when the product tracks variants, else
    the product's (``catalog.in_stock``)."""
    product = context.store.products.get(item.product_id)
    if product is None:
        return False
    if product.inventory_tracking != "variant" or not item.variant_id:
        return in_stock(context.store, product)
    variant = context.store.variants.get(item.variant_id)
    return variant is not None and variant.inventory_level > 0


AREA.field("Wishlist", "items")(_items_connection)
AREA.field("PublicWishlist", "items")(_items_connection)


@AREA.field("WishlistItem", "product")
def item_product(source: dict[str, Any], info: Any) -> dict[str, Any] | None:
    context: Context = info.context
    item: WishlistItem = source["record"]
    product = visible_product(context, item.product_id)
    if product is None:
        return None
    variant: Variant | None = context.store.variants.get(item.variant_id) if item.variant_id else None
    return product_object(product, variant)


@AREA.field("Customer", "wishlists")
def customer_wishlists(
    source: dict[str, Any],
    info: Any,
    filters: dict[str, Any] | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> dict[str, Any]:
    context: Context = info.context
    conditions = [Condition("customer_id", "eq", source["record"].id)]
    for name, field in (("entityIds", "id"), ("productEntityIds", "product_id"), ("variantEntityIds", "variant_id")):
        wanted = (filters or {}).get(name)
        if wanted:
            conditions.append(Condition(field, "in", tuple(wanted)))
    rows = list(wishlists.find(context.store, conditions))
    return connection(rows, wishlist_object, first=first, after=after, last=last, before=before)


@AREA.field("Site", "publicWishlist")
def public_wishlist(_source: Any, info: Any, token: str) -> dict[str, Any] | None:
    context: Context = info.context
    wishlist = wishlists.by_token(context.store, token)
    if wishlist is None or not wishlist.is_public:
        return None
    is_owner = None if context.customer_id is None else wishlist.customer_id == context.customer_id
    return {**wishlist_object(wishlist), "isOwner": is_owner}


# --------------------------------------------------------------------------- mutations


@AREA.field("Mutation", "wishlist")
def wishlist_mutations(_source: Any, _info: Any) -> dict[str, Any]:
    return {}


@AREA.field("WishlistMutations", "createWishlist")
def create_wishlist(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    customer_id = _signed_in(context)
    made = _service(
        lambda: wishlists.create(
            context.store, customer_id, input["name"], is_public=input["isPublic"], items=_items(input.get("items"))
        )
    )
    return {"result": wishlist_object(made)}


@AREA.field("WishlistMutations", "addWishlistItems")
def add_wishlist_items(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    customer_id = _signed_in(context)
    changed = _service(
        lambda: wishlists.add_items(context.store, input["entityId"], _items(input["items"]), customer_id=customer_id)
    )
    return {"result": wishlist_object(changed)}


@AREA.field("WishlistMutations", "deleteWishlistItems")
def delete_wishlist_items(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    customer_id = _signed_in(context)
    changed = _service(
        lambda: wishlists.delete_items(
            context.store, input["entityId"], input["itemEntityIds"], customer_id=customer_id
        )
    )
    return {"result": wishlist_object(changed)}


@AREA.field("WishlistMutations", "updateWishlist")
def update_wishlist(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    customer_id = _signed_in(context)
    data = input["data"]
    changed = _service(
        lambda: wishlists.update(
            context.store,
            input["entityId"],
            name=data.get("name"),
            is_public=data.get("isPublic"),
            customer_id=customer_id,
        )
    )
    return {"result": wishlist_object(changed)}


@AREA.field("WishlistMutations", "deleteWishlists")
def delete_wishlists(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    customer_id = _signed_in(context)
    _service(lambda: wishlists.delete(context.store, input["entityIds"], customer_id=customer_id))
    return {"result": DELETED}
