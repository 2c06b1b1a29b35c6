"""The product record and its pure rules; its variants, options and modifiers have their own modules."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from mockbc.domain.records import CustomUrl
from mockbc.domain.storage import Index, Reference, TableSpec

ProductType = Literal["physical", "digital"]

MAX_CATEGORIES_PER_PRODUCT = 1000
MAX_VARIANTS_PER_PRODUCT = 600
MAX_BATCH_UPDATE = 10
MAX_BATCH_DELETE = 250


@dataclass(frozen=True, slots=True)
class Product:
    id: int
    name: str
    type: ProductType
    price: float
    weight: float
    date_created: datetime
    date_modified: datetime
    custom_url: CustomUrl
    sku: str = ""
    description: str = ""
    width: float = 0.0
    depth: float = 0.0
    height: float = 0.0
    cost_price: float = 0.0
    retail_price: float = 0.0
    sale_price: float = 0.0
    map_price: float = 0.0
    tax_class_id: int = 0
    product_tax_code: str = ""
    categories: tuple[int, ...] = ()
    brand_id: int = 0
    inventory_level: int = 0
    inventory_warning_level: int = 0
    inventory_tracking: str = "none"
    fixed_cost_shipping_price: float = 0.0
    is_free_shipping: bool = False
    # v2 defaults is_visible to false (the archived v2 products guide) and v3 documents no default;
    # the mock uses false for both so a product looks the same through either API.
    is_visible: bool = False
    is_featured: bool = False
    related_products: tuple[int, ...] = (-1,)
    warranty: str = ""
    bin_picking_number: str = ""
    layout_file: str = ""
    upc: str = ""
    mpn: str = ""
    gtin: str = ""
    search_keywords: str = ""
    availability: str = "available"
    availability_description: str = ""
    gift_wrapping_options_type: str = "any"
    gift_wrapping_options_list: tuple[int, ...] = ()
    sort_order: int = 0
    condition: str = "New"
    is_condition_shown: bool = False
    order_quantity_minimum: int = 0
    order_quantity_maximum: int = 0
    page_title: str = ""
    meta_keywords: tuple[str, ...] = ()
    meta_description: str = ""
    view_count: int = 0
    preorder_release_date: datetime | None = None
    preorder_message: str = ""
    is_preorder_only: bool = False
    is_price_hidden: bool = False
    price_hidden_label: str = ""
    open_graph_type: str = "product"
    open_graph_title: str = ""
    open_graph_description: str = ""
    open_graph_use_meta_description: bool = True
    open_graph_use_product_name: bool = True
    open_graph_use_image: bool = True
    reviews_rating_sum: int = 0
    reviews_count: int = 0
    total_sold: int = 0
    date_last_imported: datetime | None = None
    base_variant_id: int | None = None


def calculated_price(product: Product) -> float:
    """The price a shopper pays before tax: the sale price when one is set."""
    if product.sale_price and product.sale_price > 0:
        return product.sale_price
    return product.price


def is_low_stock(product: Product) -> bool:
    return product.inventory_tracking != "none" and product.inventory_level <= product.inventory_warning_level


# Fields a write may set; everything else on the record is computed or read-only.
WRITABLE_FIELDS: frozenset[str] = frozenset(
    name
    for name in Product.__dataclass_fields__
    if name
    not in {
        "id",
        "date_created",
        "date_modified",
        "base_variant_id",
    }
)


def _sku_key(record: Product) -> str | None:
    # SKUs are unique ignoring case, across products and variants (upstream products_catalog.v3.yml).
    return record.sku.casefold() or None


TABLES = (
    TableSpec(
        "products",
        Product,
        indexes=(
            Index("name", lambda p: p.name.casefold(), unique=True),
            Index("sku", _sku_key, unique=True),
            Index("url", lambda p: p.custom_url.url, unique=True),
            Index("categories", lambda p: p.categories, multi=True),
            Index("brand_id", lambda p: p.brand_id),
            Index("is_visible", lambda p: p.is_visible),
            # keyword= matches words of the name, description and SKU (and the brand's name).
            Index("keyword", lambda p: (p.name, p.description, p.sku), words=True),
        ),
        references=(
            Reference("categories", "categories", "restrict"),
            # A brand's products keep existing without a brand, as in the control panel.
            Reference("brand_id", "brands", "clear", clear=lambda p, _: replace(p, brand_id=0)),
        ),
    ),
)
