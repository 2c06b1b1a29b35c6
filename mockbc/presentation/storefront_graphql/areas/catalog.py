"""The first of the catalog: ``Site.product`` by ``entityId`` or ``id``, a product's ``prices`` and
``brand``, and the ``Product`` and ``Brand`` nodes.

The storefront shows only visible products (``is_visible``), as BigCommerce's storefront does.
"""

from __future__ import annotations

from typing import Any

from mockbc.domain.brands import Brand
from mockbc.domain.products import Product
from mockbc.presentation.storefront_graphql.ids import decode_id, encode_id
from mockbc.presentation.storefront_graphql.seam import Area, Context

AREA = Area()
CURRENCY_CODE = "USD"


def money(value: float) -> dict[str, Any]:
    return {"currencyCode": CURRENCY_CODE, "value": value, "formattedV2": f"${value:,.2f}"}


def product_object(product: Product) -> dict[str, Any]:
    return {
        "__typename": "Product",
        "record": product,
        "id": encode_id("Product", product.id),
        "entityId": product.id,
        "name": product.name,
        "sku": product.sku,
        "path": product.custom_url.url,
        "description": product.description,
        "warranty": product.warranty,
        "type": product.type,
        "upc": product.upc or None,
        "mpn": product.mpn or None,
        "gtin": product.gtin or None,
        "isPriceHidden": product.is_price_hidden,
    }


def brand_object(brand: Brand) -> dict[str, Any]:
    return {
        "__typename": "Brand",
        "record": brand,
        "id": encode_id("Brand", brand.id),
        "entityId": brand.id,
        "name": brand.name,
        "path": brand.custom_url.url,
        "searchKeywords": [w for w in brand.search_keywords.split(",") if w],
        "seo": {
            "pageTitle": brand.page_title,
            "metaDescription": brand.meta_description,
            "metaKeywords": ",".join(brand.meta_keywords),
        },
    }


def visible_product(context: Context, product_id: int) -> Product | None:
    product: Product | None = context.store.products.get(product_id)
    return product if product is not None and product.is_visible else None


@AREA.node("Product")
def product_node(context: Context, entity_id: int) -> dict[str, Any] | None:
    product = visible_product(context, entity_id)
    return product_object(product) if product else None


@AREA.node("Brand")
def brand_node(context: Context, entity_id: int) -> dict[str, Any] | None:
    brand: Brand | None = context.store.brands.get(entity_id)
    return brand_object(brand) if brand else None


@AREA.field("Site", "product")
def site_product(
    _source: Any, info: Any, id: str | None = None, entityId: int | None = None, **_: Any
) -> dict[str, Any] | None:
    if id is not None:
        entity_id = decode_id(id, ("Product",))[1]
        if entityId is not None and entityId != entity_id:
            return None
        entityId = entity_id
    return product_node(info.context, entityId) if entityId is not None else None


@AREA.field("Site", "brand")
def site_brand(_source: Any, info: Any, entityId: int) -> dict[str, Any] | None:
    return brand_node(info.context, entityId)


@AREA.field("Product", "prices")
def prices(source: dict[str, Any], _info: Any, **_: Any) -> dict[str, Any]:
    product: Product = source["record"]
    price = product.sale_price if product.sale_price else product.price
    return {
        "price": money(price),
        "basePrice": money(product.price),
        "salePrice": money(product.sale_price) if product.sale_price else None,
        "retailPrice": money(product.retail_price) if product.retail_price else None,
        "mapPrice": money(product.map_price) if product.map_price else None,
        "saved": money(product.retail_price - price) if product.retail_price > price else None,
        "priceRange": {"min": money(price), "max": money(price)},
        "retailPriceRange": None,
    }


@AREA.field("Product", "brand")
def product_brand(source: dict[str, Any], info: Any) -> dict[str, Any] | None:
    product: Product = source["record"]
    return brand_node(info.context, product.brand_id) if product.brand_id else None
