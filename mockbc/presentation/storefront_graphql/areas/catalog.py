"""The catalog as the storefront sees it: ``Site.product`` with variant selection, the product lists
(``products``, ``newestProducts``, ``featuredProducts``, ``bestSellingProducts``), a product's fields
(prices, inventory, images, variants, options, custom fields, metafields...) and the ``Product`` and
``Variant`` nodes, all read from the records and services the REST APIs serve.

A product is on the storefront when it is visible (``is_visible``) and assigned to the request's
channel (``services.assignments``); anything else is ``null`` or absent from a list, as on
BigCommerce's storefront.

An image's ``url(width:, height:)`` is the image's own URL with the size as its fragment
(``…/mug.jpg#640x480``, ``#640w`` without a height), as the REST images' sized URLs are: distinct per
size, and each fetches the original.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from graphql import GraphQLError

from mockbc.domain.brands import Brand
from mockbc.domain.bulk_pricing import UNBOUNDED, BulkPricingRule
from mockbc.domain.images import ProductImage
from mockbc.domain.metafields import PRODUCT, VARIANT, Kind
from mockbc.domain.modifiers import CHOICE_TYPES, Modifier
from mockbc.domain.options import ProductOption, in_display_order
from mockbc.domain.products import Product, calculated_price
from mockbc.domain.query import Condition
from mockbc.domain.variants import Variant, variant_calculated_price, variant_calculated_weight
from mockbc.presentation.storefront_graphql.connections import connection
from mockbc.presentation.storefront_graphql.ids import BAD_USER_INPUT, decode_id, encode_id
from mockbc.presentation.storefront_graphql.seam import Area, Context
from mockbc.services import assignments, bulk_pricing, custom_fields, images, metafields, options
from mockbc.services import products as product_service
from mockbc.services import variants as variant_service
from mockbc.services.modifiers import modifiers_of
from mockbc.store.store import Store

AREA = Area()
CURRENCY_CODE = "USD"
# Metafields the storefront may read (upstream metafield_Base.permission_set).
STOREFRONT_PERMISSIONS = frozenset({"read_and_sf_access", "write_and_sf_access"})
# The store's units as its v2 store information gives them (presentation/store_v2.py).
WEIGHT_UNIT, LENGTH_UNIT = "lbs", "in"
# A storefront shows an option's values with these styles (the control panel's names for the types).
DISPLAY_STYLES = {
    "dropdown": "DropdownList", "radio_buttons": "RadioButtons", "rectangles": "RectangleBoxes",
    "swatch": "Swatch", "product_list": "ProductPickList", "product_list_with_images": "ProductPickListWithImages",
}  # fmt: skip
LIMIT_NUMBER_BY = {"lowest": "LOWEST_VALUE", "highest": "HIGHEST_VALUE", "range": "RANGE"}
AVAILABILITY = {"available": "Available", "preorder": "Preorder", "disabled": "Unavailable"}
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def money(value: float) -> dict[str, Any]:
    return {"currencyCode": CURRENCY_CODE, "value": value, "formattedV2": f"${value:,.2f}"}


def bad_input(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": BAD_USER_INPUT})


# --------------------------------------------------------------------------- visibility and lists


def on_storefront(context: Context, product: Product) -> bool:
    return product.is_visible and context.channel_id in assignments.channels_of(context.store, product.id)


def visible_product(context: Context, product_id: int) -> Product | None:
    product: Product | None = context.store.products.get(product_id)
    return product if product is not None and on_storefront(context, product) else None


def listed(context: Context, conditions: Iterable[Condition] = ()) -> Sequence[Product]:
    """The products on the request's channel meeting ``conditions``, in id order, through the products
    service's indexed filters (a page of the answer loads only that page)."""
    visible = [Condition("is_visible", "eq", True), Condition("channel_id", "eq", context.channel_id)]
    rows: Sequence[Product] = product_service.find(context.store, [*visible, *conditions])
    return rows


def in_stock(store: Store, product: Product) -> bool:
    """Whether the product can be bought now: always when its stock is not tracked, when it has stock if
    tracked on the product, and when any variant that can be purchased has stock if tracked per variant."""
    if product.inventory_tracking == "variant":
        return any(
            v.inventory_level > 0 and not v.purchasing_disabled for v in variant_service.variants_of(store, product)
        )
    return product.inventory_tracking == "none" or product.inventory_level > 0


def average_rating(product: Product) -> float:
    return round(product.reviews_rating_sum / product.reviews_count, 2) if product.reviews_count else 0.0


def _by(key: Callable[[Product], Any], *, descending: bool = False) -> Callable[[Sequence[Product]], list[Product]]:
    # The lists come in id order and sorting is stable (reversed too): ties keep id order.
    return lambda found: sorted(found, key=key, reverse=descending)


# Orders shared by search and category pages (SearchProductsSortInput, CategoryProductSort).
SORTS: dict[str, Callable[[Sequence[Product]], list[Product]]] = {
    "A_TO_Z": _by(lambda p: p.name.casefold()),
    "Z_TO_A": _by(lambda p: p.name.casefold(), descending=True),
    "NEWEST": _by(lambda p: p.date_created.timestamp(), descending=True),
    "BEST_SELLING": _by(lambda p: p.total_sold, descending=True),
    "FEATURED": _by(lambda p: (0 if p.is_featured else 1, p.sort_order)),
    "LOWEST_PRICE": _by(calculated_price),
    "HIGHEST_PRICE": _by(calculated_price, descending=True),
    "BEST_REVIEWED": _by(lambda p: (average_rating(p), p.reviews_count), descending=True),
}


def page_of(
    context: Context, products: Sequence[Product], arguments: dict[str, Any], *, hide_out_of_stock: bool = False
) -> Any:
    if hide_out_of_stock:
        products = [p for p in products if in_stock(context.store, p)]
    pages = {k: arguments.get(k) for k in ("first", "after", "last", "before")}
    return connection(products, product_object, total=True, **pages)


# --------------------------------------------------------------------------- objects


def product_object(
    product: Product, variant: Variant | None = None, selected: frozenset[int] = frozenset()
) -> dict[str, Any]:
    """A product; ``variant`` and ``selected`` (option value ids) are a detail page's selection."""
    return {
        "__typename": "Product",
        "record": product,
        "variant": variant,
        "selected": selected,
        "id": encode_id("Product", product.id),
        "entityId": product.id,
        "name": product.name,
        "sku": variant.sku if variant is not None else product.sku,
        "path": product.custom_url.url,
        "description": product.description,
        "warranty": product.warranty,
        "type": product.type,
        "upc": (variant.upc if variant is not None and variant.upc else product.upc) or None,
        "mpn": (variant.mpn if variant is not None and variant.mpn else product.mpn) or None,
        "gtin": (variant.gtin if variant is not None and variant.gtin else product.gtin) or None,
        "isPriceHidden": product.is_price_hidden,
        "condition": product.condition.upper() or None,
        "minPurchaseQuantity": product.order_quantity_minimum or None,
        "maxPurchaseQuantity": product.order_quantity_maximum or None,
        "showCartAction": not product.is_price_hidden and product.availability != "disabled",
        "seo": {
            "pageTitle": product.page_title,
            "metaDescription": product.meta_description,
            "metaKeywords": ",".join(product.meta_keywords),
        },
        "reviewSummary": {
            "numberOfReviews": product.reviews_count,
            "summationOfRatings": product.reviews_rating_sum,
            "averageRating": average_rating(product),
        },
    }


def variant_object(variant: Variant, product: Product) -> dict[str, Any]:
    return {
        "__typename": "Variant",
        "record": variant,
        "product": product,
        "id": encode_id("Variant", variant.id),
        "entityId": variant.id,
        "sku": variant.sku,
        "upc": variant.upc or None,
        "mpn": variant.mpn or None,
        "gtin": variant.gtin or None,
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


def image_object(url: str, alt_text: str = "", *, is_default: bool = False) -> dict[str, Any]:
    return {"source": url.split("#", 1)[0], "altText": alt_text, "isDefault": is_default}


def _product_image(image: ProductImage) -> dict[str, Any]:
    return image_object(image.image_url, image.description, is_default=image.is_thumbnail)


@AREA.field("Image", "url")
def image_url(source: dict[str, Any], _info: Any, width: int, height: int | None = None, **_: Any) -> str:
    if width <= 0 or (height is not None and height <= 0):
        raise bad_input("Image sizes must be positive.")
    size = f"{width}x{height}" if height is not None else f"{width}w"
    return f"{source['source']}#{size}"


@AREA.field("Image", "urlOriginal")
def image_url_original(source: dict[str, Any], _info: Any, **_: Any) -> str:
    return str(source["source"])


@AREA.field("Image", "urlTemplate")
def image_url_template(source: dict[str, Any], _info: Any, **_: Any) -> str:
    return f"{source['source']}#{{:size}}"


def metafield_page(
    context: Context, kind: Kind, owner_id: int, namespace: str, keys: Sequence[str], arguments: dict[str, Any]
) -> Any:
    """An owner's metafields in ``namespace`` that the storefront may read (``*_and_sf_access``)."""
    found = metafields.find(context.store, kind, "", [Condition("namespace", "eq", namespace)], resource_id=owner_id)
    wanted = set(keys)
    readable = [m for m in found if m.permission_set in STOREFRONT_PERMISSIONS and (not wanted or m.key in wanted)]
    return connection(
        readable,
        lambda m: {
            "id": encode_id("Metafields", m.id), "entityId": m.id, "key": m.key, "value": m.value,
            "description": m.description,
        },
        **page_arguments(arguments),
    )  # fmt: skip


def page_arguments(arguments: dict[str, Any]) -> dict[str, Any]:
    return {k: arguments.get(k) for k in ("first", "after", "last", "before")}


# --------------------------------------------------------------------------- nodes and lookups


@AREA.node("Product")
def product_node(context: Context, entity_id: int) -> dict[str, Any] | None:
    product = visible_product(context, entity_id)
    return product_object(product) if product else None


@AREA.node("Variant")
def variant_node(context: Context, entity_id: int) -> dict[str, Any] | None:
    variant: Variant | None = context.store.variants.get(entity_id)
    product = visible_product(context, variant.product_id) if variant is not None else None
    return variant_object(variant, product) if variant is not None and product is not None else None


@AREA.node("Brand")
def brand_node(context: Context, entity_id: int) -> dict[str, Any] | None:
    brand: Brand | None = context.store.brands.get(entity_id)
    return brand_object(brand) if brand else None


def _variant_options(context: Context, product_id: int) -> list[ProductOption]:
    return sorted(options.options_of(context.store, product_id), key=lambda o: (o.sort_order, o.id))


def _select(
    context: Context, product: Product, variant: Variant | None, pairs: Sequence[dict[str, int]], defaults: bool
) -> dict[str, Any]:
    """The product with a variant picked by id, by option values, or by the options' defaults."""
    if variant is not None:
        return product_object(product, variant, variant.combination)
    choices = _variant_options(context, product.id)
    chosen: dict[int, int] = {}
    for pair in pairs:
        option = next((o for o in choices if o.id == pair["optionEntityId"]), None)
        if option is not None and option.value(pair["valueEntityId"]) is not None:
            chosen[option.id] = pair["valueEntityId"]
    if defaults:
        for option in choices:
            values = in_display_order(option.option_values)
            default = next((v for v in values if v.is_default), values[0] if values else None)
            if option.id not in chosen and default is not None:
                chosen[option.id] = default.id
    selected = frozenset(chosen.values())
    picked: Variant | None = None
    if choices and len(chosen) == len(choices):
        picked = next(
            (v for v in variant_service.variants_of(context.store, product) if v.combination == selected), None
        )
    return product_object(product, picked, selected)


@AREA.field("Site", "product")
def site_product(
    _source: Any,
    info: Any,
    id: str | None = None,
    entityId: int | None = None,
    variantEntityId: int | None = None,
    optionValueIds: Sequence[dict[str, int]] = (),
    sku: str | None = None,
    useDefaultOptionSelections: bool | None = None,
) -> dict[str, Any] | None:
    context: Context = info.context
    store = context.store
    wanted: set[int] = set()
    if id is not None:
        wanted.add(decode_id(id, ("Product",))[1])
    if entityId is not None:
        wanted.add(entityId)
    variant: Variant | None = None
    if variantEntityId is not None:
        variant = store.variants.get(variantEntityId)
        if variant is None:
            return None
        wanted.add(variant.product_id)
    if sku is not None:
        owner = variant_service.sku_owner(store, sku)
        if owner is None:
            return None
        wanted.add(owner)
        variant_id = store.variants.unique("sku", sku.casefold())
        by_sku: Variant | None = store.variants.get(variant_id) if variant_id is not None else None
        if by_sku is not None and store.products.require(owner).sku.casefold() != sku.casefold():
            if variant is not None and variant.id != by_sku.id:
                return None
            variant = by_sku
    if len(wanted) != 1:
        return None
    product = visible_product(context, wanted.pop())
    if product is None:
        return None
    return _select(context, product, variant, optionValueIds, bool(useDefaultOptionSelections))


def _list_ids(ids: Sequence[str], entity_ids: Sequence[int]) -> list[Condition]:
    wanted = [decode_id(value, ("Product",))[1] for value in ids] + list(entity_ids)
    return [Condition("id", "in", wanted)] if ids or entity_ids else []


@AREA.field("Site", "products")
def site_products(
    _source: Any,
    info: Any,
    ids: Sequence[str] = (),
    entityIds: Sequence[int] = (),
    hideOutOfStock: bool | None = None,
    **pages: Any,
) -> Any:
    found = listed(info.context, _list_ids(ids, entityIds))
    return page_of(info.context, found, pages, hide_out_of_stock=bool(hideOutOfStock))


@AREA.field("Site", "newestProducts")
def newest_products(_source: Any, info: Any, hideOutOfStock: bool | None = None, **pages: Any) -> Any:
    return page_of(info.context, SORTS["NEWEST"](listed(info.context)), pages, hide_out_of_stock=bool(hideOutOfStock))


@AREA.field("Site", "bestSellingProducts")
def best_selling_products(_source: Any, info: Any, hideOutOfStock: bool | None = None, **pages: Any) -> Any:
    return page_of(
        info.context, SORTS["BEST_SELLING"](listed(info.context)), pages, hide_out_of_stock=bool(hideOutOfStock)
    )


@AREA.field("Site", "featuredProducts")
def featured_products(_source: Any, info: Any, hideOutOfStock: bool | None = None, **pages: Any) -> Any:
    found = listed(info.context, [Condition("is_featured", "eq", True)])
    return page_of(info.context, found, pages, hide_out_of_stock=bool(hideOutOfStock))


@AREA.field("Site", "brand")
def site_brand(_source: Any, info: Any, entityId: int) -> dict[str, Any] | None:
    return brand_node(info.context, entityId)


# --------------------------------------------------------------------------- prices


def _rule_tier(rule: BulkPricingRule) -> dict[str, Any]:
    tier: dict[str, Any] = {
        "minimumQuantity": rule.quantity_min,
        "maximumQuantity": None if rule.quantity_max == UNBOUNDED else rule.quantity_max,
    }
    if rule.type == "fixed":
        return {**tier, "__typename": "BulkPricingFixedPriceDiscount", "price": rule.amount}
    if rule.type == "percent":
        return {**tier, "__typename": "BulkPricingPercentageDiscount", "percentOff": rule.amount}
    return {**tier, "__typename": "BulkPricingRelativePriceDiscount", "priceAdjustment": rule.amount}


def _own(variant: Variant | None, value: float | None, inherited: float) -> float:
    return value if variant is not None and value is not None else inherited


def prices_of(context: Context, product: Product, variant: Variant | None, currency: str | None) -> Any:
    """A product's (or one variant's) prices; the ranges span the product's variants."""
    if currency is not None and currency != CURRENCY_CODE:
        return None
    price = variant_calculated_price(variant, product) if variant is not None else calculated_price(product)
    base = _own(variant, variant.price if variant else None, product.price)
    if variant is not None and variant.sale_price:
        sale = variant.sale_price
    else:
        sale = product.sale_price if variant is None or variant.price is None else 0.0
    retail = _own(variant, variant.retail_price if variant else None, product.retail_price)
    map_price = _own(variant, variant.map_price if variant else None, product.map_price)
    everyone = variant_service.variants_of(context.store, product) or []
    calculated = [variant_calculated_price(v, product) for v in everyone] or [price]
    retails = [v.retail_price if v.retail_price is not None else product.retail_price for v in everyone]
    retails = [r for r in retails if r] or ([product.retail_price] if product.retail_price else [])
    rules = bulk_pricing.of_product(context.store, product.id)
    return {
        "price": money(price),
        "basePrice": money(base),
        "salePrice": money(sale) if sale else None,
        "retailPrice": money(retail) if retail else None,
        "mapPrice": money(map_price) if map_price else None,
        "saved": money(round(retail - price, 4)) if retail > price else None,
        "priceRange": {"min": money(min(calculated)), "max": money(max(calculated))},
        "retailPriceRange": {"min": money(min(retails)), "max": money(max(retails))} if retails else None,
        "bulkPricing": [_rule_tier(rule) for rule in sorted(rules, key=lambda r: r.quantity_min)],
    }


@AREA.field("Product", "prices")
def product_prices(source: dict[str, Any], info: Any, currencyCode: str | None = None, **_: Any) -> Any:
    return prices_of(info.context, source["record"], source["variant"], currencyCode)


@AREA.field("Variant", "prices")
def variant_prices(source: dict[str, Any], info: Any, currencyCode: str | None = None, **_: Any) -> Any:
    return prices_of(info.context, source["product"], source["record"], currencyCode)


# --------------------------------------------------------------------------- product fields


@AREA.field("Product", "brand")
def product_brand(source: dict[str, Any], info: Any) -> dict[str, Any] | None:
    product: Product = source["record"]
    return brand_node(info.context, product.brand_id) if product.brand_id else None


@AREA.field("Product", "plainTextDescription")
def plain_text_description(source: dict[str, Any], _info: Any, characterLimit: int = 120) -> str:
    if characterLimit < 0:
        raise bad_input("Argument 'characterLimit' must not be negative")
    text = _SPACE.sub(" ", html.unescape(_TAG.sub(" ", source["record"].description))).strip()
    return text[:characterLimit].rstrip()


@AREA.field("Product", "addToCartUrl")
def add_to_cart_url(source: dict[str, Any], info: Any) -> str:
    return f"{info.context.base_url}/cart.php?action=add&product_id={source['entityId']}"


@AREA.field("Product", "availabilityV2")
def availability(source: dict[str, Any], _info: Any) -> dict[str, Any]:
    product: Product = source["record"]
    status = AVAILABILITY.get(product.availability, "Available")
    out: dict[str, Any] = {"status": status, "description": product.availability_description}
    if status == "Preorder":
        return {**out, "__typename": "ProductPreOrder", "message": product.preorder_message or None}
    if status == "Unavailable":
        return {**out, "__typename": "ProductUnavailable", "message": None}
    return {**out, "__typename": "ProductAvailable"}


def _measure(value: float, unit: str) -> dict[str, Any] | None:
    return {"value": value, "unit": unit} if value else None


def _measurements(product: Product, variant: Variant | None) -> dict[str, dict[str, Any] | None]:
    def own(name: str) -> float:
        value = getattr(variant, name) if variant is not None else None
        return float(value if value is not None else getattr(product, name))

    weight = variant_calculated_weight(variant, product) if variant is not None else product.weight
    return {
        "weight": {"value": weight, "unit": WEIGHT_UNIT},
        "height": _measure(own("height"), LENGTH_UNIT),
        "width": _measure(own("width"), LENGTH_UNIT),
        "depth": _measure(own("depth"), LENGTH_UNIT),
    }


for _type, _owner, _variant in (("Product", "record", "variant"), ("Variant", "product", "record")):
    for _name in ("weight", "height", "width", "depth"):

        def _resolver(
            source: dict[str, Any], _info: Any, _n: str = _name, _o: str = _owner, _v: str = _variant
        ) -> dict[str, Any] | None:
            return _measurements(source[_o], source[_v])[_n]

        AREA.field(_type, _name)(_resolver)


@AREA.field("Product", "inventory")
def product_inventory(source: dict[str, Any], info: Any) -> dict[str, Any]:
    product: Product = source["record"]
    tracked = product.inventory_tracking != "none"
    variant: Variant | None = source["variant"]
    stocked = variant_in_stock(variant, product) if variant is not None else in_stock(info.context.store, product)
    return {
        "isInStock": stocked,
        "isStockTracked": tracked,
        "hasVariantInventory": product.inventory_tracking == "variant",
        "aggregated": (
            {"availableToSell": product.inventory_level, "warningLevel": product.inventory_warning_level}
            if tracked
            else None
        ),
    }


def variant_in_stock(variant: Variant, product: Product) -> bool:
    if product.inventory_tracking == "variant":
        return variant.inventory_level > 0
    return product.inventory_tracking == "none" or product.inventory_level > 0


def purchasable(variant: Variant, product: Product) -> bool:
    return not variant.purchasing_disabled and product.availability != "disabled" and variant_in_stock(variant, product)


@AREA.field("Product", "images")
def product_images(source: dict[str, Any], info: Any, **pages: Any) -> Any:
    found = images.images_of(info.context.store, source["entityId"])
    return connection(found, _product_image, **page_arguments(pages))


def default_image(context: Context, product: Product) -> dict[str, Any] | None:
    image = images.thumbnail_of(context.store, product.id)
    if image is None:
        found = images.images_of(context.store, product.id)
        image = found[0] if found else None
    return _product_image(image) if image is not None else None


@AREA.field("Product", "defaultImage")
def product_default_image(source: dict[str, Any], info: Any) -> dict[str, Any] | None:
    variant: Variant | None = source["variant"]
    if variant is not None and variant.image_url:
        return image_object(variant.image_url, source["name"], is_default=True)
    return default_image(info.context, source["record"])


@AREA.field("Product", "variants")
def product_variants(
    source: dict[str, Any],
    info: Any,
    isPurchasable: bool | None = None,
    entityIds: Sequence[int] = (),
    optionValueIds: Sequence[dict[str, int]] = (),
    skus: Sequence[str] = (),
    **pages: Any,
) -> Any:
    product: Product = source["record"]
    found = variant_service.variants_of(info.context.store, product)
    if entityIds:
        found = [v for v in found if v.id in set(entityIds)]
    if skus:
        wanted = {s.casefold() for s in skus}
        found = [v for v in found if v.sku.casefold() in wanted]
    if optionValueIds:
        values = {pair["valueEntityId"] for pair in optionValueIds}
        found = [v for v in found if values <= v.combination]
    if isPurchasable is not None:
        found = [v for v in found if purchasable(v, product) == isPurchasable]
    return connection(found, lambda v: variant_object(v, product), **page_arguments(pages))


def _value_object(value: Any, selected: frozenset[int]) -> dict[str, Any]:
    return {
        "__typename": "MultipleChoiceOptionValue",
        "entityId": value.id,
        "label": value.label,
        "isDefault": value.is_default,
        "isSelected": value.id in selected,
    }


def _option_object(option: ProductOption, selected: frozenset[int], only: frozenset[int] | None = None) -> Any:
    values = [v for v in in_display_order(option.option_values) if only is None or v.id in only]
    return {
        "__typename": "MultipleChoiceOption",
        "entityId": option.id,
        "displayName": option.display_name,
        "isRequired": True,
        "isVariantOption": True,
        "displayStyle": DISPLAY_STYLES.get(option.type, "DropdownList"),
        "choices": [_value_object(v, selected) for v in values],
    }


def _modifier_object(modifier: Modifier, selected: frozenset[int]) -> dict[str, Any] | None:
    common = {
        "entityId": modifier.id, "displayName": modifier.display_name, "isRequired": modifier.required,
        "isVariantOption": False,
    }  # fmt: skip
    if modifier.type in CHOICE_TYPES:
        values = in_display_order(modifier.option_values)
        return {
            **common, "__typename": "MultipleChoiceOption",
            "displayStyle": DISPLAY_STYLES.get(modifier.type, "DropdownList"),
            "choices": [_value_object(v, selected) for v in values],
        }  # fmt: skip
    if modifier.type == "checkbox":
        values = in_display_order(modifier.option_values)
        # A checkbox's two values say which they are in value_data (upstream's modifier guide).
        checked = next((v for v in values if (v.value_data or {}).get("checked_value") is True), None)
        unchecked = next((v for v in values if (v.value_data or {}).get("checked_value") is False), None)
        return {
            **common, "__typename": "CheckboxOption",
            "checkedByDefault": bool(modifier.config.get("checked_by_default", False)),
            "label": str(modifier.config.get("checkbox_label", "")),
            "checkedOptionValueEntityId": checked.id if checked else 0,
            "uncheckedOptionValueEntityId": unchecked.id if unchecked else 0,
        }  # fmt: skip
    config = modifier.config
    if modifier.type in ("text", "multi_line_text"):
        limited = bool(config.get("text_characters_limited"))
        out = {
            **common, "__typename": "TextFieldOption" if modifier.type == "text" else "MultiLineTextFieldOption",
            "defaultValue": config.get("default_value") or None,
            "minLength": config.get("text_min_length") if limited else None,
            "maxLength": config.get("text_max_length") if limited else None,
        }  # fmt: skip
        if modifier.type == "multi_line_text":
            out["maxLines"] = config.get("text_max_lines") if config.get("text_lines_limited") else None
        return out
    if modifier.type == "numbers_only_text":
        mode = str(config.get("number_limit_mode", "")) if config.get("number_limited") else ""
        default = config.get("default_value")
        return {
            **common, "__typename": "NumberFieldOption",
            "defaultValue": _number(default),
            "lowest": _number(config.get("number_lowest_value")) if mode in ("lowest", "range") else None,
            "highest": _number(config.get("number_highest_value")) if mode in ("highest", "range") else None,
            "isIntegerOnly": bool(config.get("number_integers_only", False)),
            "limitNumberBy": LIMIT_NUMBER_BY.get(mode, "NO_LIMIT"),
        }  # fmt: skip
    if modifier.type == "file":
        kinds = config.get("file_types_supported") or ()
        return {
            **common, "__typename": "FileUploadFieldOption",
            "maxFileSize": int(config.get("file_max_size") or 0),
            "fileTypes": [str(k) for k in (*kinds, *(config.get("file_types_other") or ()))],
        }  # fmt: skip
    return None  # date fields: not in the mock's schema


def _number(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


@AREA.field("MultipleChoiceOption", "values")
def option_values(source: dict[str, Any], _info: Any, **pages: Any) -> Any:
    return connection(source["choices"], dict, **page_arguments(pages))


@AREA.field("Product", "productOptions")
def product_options(source: dict[str, Any], info: Any, **pages: Any) -> Any:
    context: Context = info.context
    product_id: int = source["entityId"]
    selected: frozenset[int] = source["selected"]
    ranked: list[tuple[int, int, Any]] = [
        (o.sort_order, o.id, _option_object(o, selected)) for o in _variant_options(context, product_id)
    ]
    for modifier in modifiers_of(context.store, product_id):
        rendered = _modifier_object(modifier, selected)
        if rendered is not None:
            ranked.append((modifier.sort_order, modifier.id, rendered))
    return connection([r[2] for r in sorted(ranked, key=lambda r: (r[0], r[1]))], dict, **page_arguments(pages))


@AREA.field("Product", "customFields")
def product_custom_fields(source: dict[str, Any], info: Any, names: Sequence[str] = (), **pages: Any) -> Any:
    found = custom_fields.of_product(info.context.store, source["entityId"])
    wanted = set(names)
    chosen = [f for f in found if not wanted or f.name in wanted]
    return connection(chosen, lambda f: {"entityId": f.id, "name": f.name, "value": f.value}, **page_arguments(pages))


@AREA.field("Product", "metafields")
def product_metafields(
    source: dict[str, Any], info: Any, namespace: str, keys: Sequence[str] = (), **pages: Any
) -> Any:
    return metafield_page(info.context, PRODUCT, source["entityId"], namespace, keys, pages)


@AREA.field("Product", "relatedProducts")
def related_products(source: dict[str, Any], info: Any, hideOutOfStock: bool | None = None, **pages: Any) -> Any:
    # -1 asks BigCommerce to choose related products itself; the mock chooses none.
    product: Product = source["record"]
    found = [p for p in (visible_product(info.context, i) for i in product.related_products if i > 0) if p]
    if hideOutOfStock:
        found = [p for p in found if in_stock(info.context.store, p)]
    return connection(found, product_object, **page_arguments(pages))


# --------------------------------------------------------------------------- variant fields


@AREA.field("Variant", "inventory")
def variant_inventory(source: dict[str, Any], _info: Any) -> dict[str, Any]:
    variant: Variant = source["record"]
    product: Product = source["product"]
    aggregated: dict[str, Any] | None = None
    if product.inventory_tracking == "variant":
        aggregated = {"availableToSell": variant.inventory_level, "warningLevel": variant.inventory_warning_level}
    elif product.inventory_tracking == "product":
        aggregated = {"availableToSell": product.inventory_level, "warningLevel": product.inventory_warning_level}
    return {"isInStock": variant_in_stock(variant, product), "aggregated": aggregated}


@AREA.field("Variant", "isPurchasable")
def variant_is_purchasable(source: dict[str, Any], _info: Any) -> bool:
    return purchasable(source["record"], source["product"])


@AREA.field("Variant", "defaultImage")
def variant_default_image(source: dict[str, Any], info: Any) -> dict[str, Any] | None:
    variant: Variant = source["record"]
    if variant.image_url:
        return image_object(variant.image_url, source["product"].name, is_default=True)
    return None


@AREA.field("Variant", "productOptions")
def variant_product_options(source: dict[str, Any], info: Any, **pages: Any) -> Any:
    variant: Variant = source["record"]
    own = variant.combination
    chosen = [o for o in _variant_options(info.context, variant.product_id) if any(o.value(v) for v in own)]
    return connection([_option_object(o, own, own) for o in chosen], dict, **page_arguments(pages))


@AREA.field("Variant", "metafields")
def variant_metafields(
    source: dict[str, Any], info: Any, namespace: str, keys: Sequence[str] = (), **pages: Any
) -> Any:
    return metafield_page(info.context, VARIANT, source["entityId"], namespace, keys, pages)


@AREA.field("Variant", "options")
def variant_options(source: dict[str, Any], info: Any, **pages: Any) -> Any:
    """The older shape of ``productOptions``: each option of the variant with its one value."""
    variant: Variant = source["record"]
    own = variant.combination
    chosen = [o for o in _variant_options(info.context, variant.product_id) if any(o.value(v) for v in own)]
    rendered = [
        {
            "entityId": o.id, "displayName": o.display_name, "isRequired": True,
            "choices": [{"entityId": v.id, "label": v.label} for v in in_display_order(o.option_values) if v.id in own],
        }
        for o in chosen
    ]  # fmt: skip
    return connection(rendered, dict, **page_arguments(pages))


@AREA.field("ProductOption", "values")
def product_option_values(source: dict[str, Any], _info: Any, **pages: Any) -> Any:
    return connection(source["choices"], dict, **page_arguments(pages))
