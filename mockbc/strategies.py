"""Hypothesis strategies for BigCommerce requests (catalog, orders, customers; v3 and v2), and a state machine.

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

from mockbc._strategies._auth import (
    customer_login_claims,
    invalid_customer_login_tokens,
    invalid_oauth_token_forms,
    invalid_storefront_token_requests,
    oauth_token_forms,
    storefront_token_requests,
)
from mockbc._strategies._brands import brand_batches, brand_updates, brands
from mockbc._strategies._categories import (
    categories,
    category_batches,
    category_trees,
    category_updates,
    tree_categories,
)
from mockbc._strategies._core import OMIT, InvalidCase
from mockbc._strategies._customers import customer_addresses, customer_batches, customers, invalid_customers
from mockbc._strategies._from_spec import from_spec
from mockbc._strategies._invalid import invalid_brands, invalid_categories, invalid_product_updates, invalid_products
from mockbc._strategies._invalid_subresources import (
    invalid_bulk_pricing_rules,
    invalid_custom_fields,
    invalid_images,
    invalid_metafields,
    invalid_variants,
)
from mockbc._strategies._machine import BigCommerceStateMachine, CatalogModel, ProductModel
from mockbc._strategies._marketing import coupons, invalid_coupons, promotion_codes, promotions
from mockbc._strategies._metafields import metafield_batches, metafields
from mockbc._strategies._options import complex_rules, modifiers, options
from mockbc._strategies._orders import invalid_orders, order_addresses, orders, shipments
from mockbc._strategies._products import product_batches, product_update_batches, product_updates, products
from mockbc._strategies._storefront import (
    StorefrontStateMachine,
    cart_line_items,
    checkout_addresses,
    invalid_cart_line_items,
)
from mockbc._strategies._subresources import (
    bulk_pricing_rule_batches,
    bulk_pricing_rules,
    custom_fields,
    product_images,
    reviews,
    videos,
)
from mockbc._strategies._v2 import v2_brands, v2_categories, v2_products
from mockbc._strategies._variants import variant_batches, variant_updates, variants

__all__ = [
    "OMIT",
    "BigCommerceStateMachine",
    "CatalogModel",
    "InvalidCase",
    "ProductModel",
    "StorefrontStateMachine",
    "brand_batches",
    "brand_updates",
    "brands",
    "bulk_pricing_rule_batches",
    "bulk_pricing_rules",
    "cart_line_items",
    "categories",
    "category_batches",
    "category_trees",
    "category_updates",
    "checkout_addresses",
    "complex_rules",
    "coupons",
    "custom_fields",
    "customer_addresses",
    "customer_batches",
    "customer_login_claims",
    "customers",
    "from_spec",
    "invalid_brands",
    "invalid_bulk_pricing_rules",
    "invalid_cart_line_items",
    "invalid_categories",
    "invalid_coupons",
    "invalid_custom_fields",
    "invalid_customer_login_tokens",
    "invalid_customers",
    "invalid_images",
    "invalid_metafields",
    "invalid_oauth_token_forms",
    "invalid_orders",
    "invalid_product_updates",
    "invalid_products",
    "invalid_storefront_token_requests",
    "invalid_variants",
    "metafield_batches",
    "metafields",
    "modifiers",
    "oauth_token_forms",
    "options",
    "order_addresses",
    "orders",
    "product_batches",
    "product_images",
    "product_update_batches",
    "product_updates",
    "products",
    "promotion_codes",
    "promotions",
    "reviews",
    "shipments",
    "storefront_token_requests",
    "tree_categories",
    "v2_brands",
    "v2_categories",
    "v2_products",
    "variant_batches",
    "variant_updates",
    "variants",
    "videos",
]
