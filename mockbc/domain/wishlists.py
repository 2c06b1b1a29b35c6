"""Wishlists: a customer's named lists of products (and, optionally, one variant of each), private or
shared through a token (upstream's GraphQL ``Wishlist`` and ``PublicWishlist``; the REST v3 wishlists
carry the same fields: id, customer_id, name, is_public, token, items of product_id and variant_id).

A wishlist belongs to its customer and goes with them. Its items are held in the record; a deleted
product or variant takes the items naming it off every list. Items draw their ids from the wishlists'
sequence, so an item id is never also a wishlist id.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from mockbc.domain.storage import Index, Reference, TableSpec

MAX_NAME = 255  # the column size of BigCommerce's wishlist names (the mock's limit; none is documented)


@dataclass(frozen=True, slots=True)
class WishlistItem:
    id: int
    product_id: int
    variant_id: int | None = None


@dataclass(frozen=True, slots=True)
class Wishlist:
    id: int
    customer_id: int
    name: str
    is_public: bool
    token: str  # shares the list when it is public
    items: tuple[WishlistItem, ...] = ()


def without_product(wishlist: Wishlist, product_id: int) -> Wishlist:
    return replace(wishlist, items=tuple(i for i in wishlist.items if i.product_id != product_id))


def without_variant(wishlist: Wishlist, variant_id: int) -> Wishlist:
    return replace(wishlist, items=tuple(i for i in wishlist.items if i.variant_id != variant_id))


TABLES = (
    TableSpec(
        "wishlists",
        Wishlist,
        indexes=(
            Index("customer_id", lambda w: w.customer_id),
            Index("token", lambda w: w.token, unique=True),
            Index("product_ids", lambda w: tuple({i.product_id for i in w.items}), multi=True),
            Index("variant_ids", lambda w: tuple({i.variant_id for i in w.items if i.variant_id}), multi=True),
        ),
        references=(
            Reference("customer_id", "customers", "cascade"),
            Reference("product_ids", "products", "clear", clear=without_product),
            Reference("variant_ids", "variants", "clear", clear=without_variant),
        ),
        inner_ids=lambda w: (item.id for item in w.items),
    ),
)
