"""Hypothesis strategies for BigCommerce catalog requests, and a state machine to drive them.

Valid bodies honour ``specs/`` (types, limits, enums) and BigCommerce's rules (unique names
and SKUs, references to records that exist); invalid ones come tagged with the status the
mock must answer. See docs/strategies.md.

    from hypothesis import given, strategies as st
    from mockbc.strategies import products

    @given(products(price=st.just(9.99)))
    def test_create(body): ...

Requires Hypothesis (the ``test`` extra).
"""

from __future__ import annotations

from mockbc._strategies._brands import brand_batches, brand_updates, brands
from mockbc._strategies._categories import (
    categories,
    category_batches,
    category_trees,
    category_updates,
    tree_categories,
)
from mockbc._strategies._core import OMIT, InvalidCase
from mockbc._strategies._from_spec import from_spec
from mockbc._strategies._invalid import invalid_brands, invalid_categories, invalid_product_updates, invalid_products
from mockbc._strategies._machine import BigCommerceStateMachine, CatalogModel, ProductModel
from mockbc._strategies._products import product_batches, product_update_batches, product_updates, products

__all__ = [
    "OMIT",
    "BigCommerceStateMachine",
    "CatalogModel",
    "InvalidCase",
    "ProductModel",
    "brand_batches",
    "brand_updates",
    "brands",
    "categories",
    "category_batches",
    "category_trees",
    "category_updates",
    "from_spec",
    "invalid_brands",
    "invalid_categories",
    "invalid_product_updates",
    "invalid_products",
    "product_batches",
    "product_update_batches",
    "product_updates",
    "products",
    "tree_categories",
]
