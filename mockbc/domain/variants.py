"""A product's variants: the SKUs a shopper buys, each one combination of the product's option
values (upstream product-variants_catalog.v3.yml). A product without options has one base
variant, which carries the product's own SKU and stock."""

from __future__ import annotations

from dataclasses import dataclass

from mockbc.domain.products import Product, calculated_price
from mockbc.domain.storage import Index, Reference, TableSpec

# Upstream updateVariantsBatch: "Currently the limit is 50 variants".
MAX_BATCH = 50
MAX_SKU_LENGTH = 255

# Nullable on a variant: ``None`` means "the product's value" (upstream productVariant_Base).
INHERITED_FIELDS = (
    "price", "sale_price", "retail_price", "map_price", "cost_price", "weight", "width", "height", "depth",
    "fixed_cost_shipping_price",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class VariantOptionValue:
    """One option value a variant is made of; labels are read from the option when rendered."""

    id: int  # the option value's id
    option_id: int


@dataclass(frozen=True, slots=True)
class Variant:
    id: int
    product_id: int
    sku: str
    option_values: tuple[VariantOptionValue, ...] = ()
    sku_id: int | None = None
    price: float | None = None
    sale_price: float | None = None
    retail_price: float | None = None
    map_price: float | None = None
    cost_price: float | None = None
    weight: float | None = None
    width: float | None = None
    height: float | None = None
    depth: float | None = None
    fixed_cost_shipping_price: float | None = None
    is_free_shipping: bool = False
    purchasing_disabled: bool = False
    purchasing_disabled_message: str = ""
    image_url: str = ""
    upc: str = ""
    mpn: str = ""
    gtin: str = ""
    inventory_level: int = 0
    inventory_warning_level: int = 0
    bin_picking_number: str = ""

    @property
    def combination(self) -> frozenset[int]:
        """The option value ids that identify this variant among its product's variants."""
        return frozenset(value.id for value in self.option_values)


def variant_calculated_price(variant: Variant, product: Product) -> float:
    if variant.sale_price is not None and variant.sale_price > 0:
        return variant.sale_price
    if variant.price is not None:
        return variant.price
    return calculated_price(product)


def variant_calculated_weight(variant: Variant, product: Product) -> float:
    return variant.weight if variant.weight is not None else product.weight


def base_variant(product: Product, variant_id: int) -> Variant:
    """The one variant of a product without options: its SKU and stock are the product's."""
    return Variant(
        id=variant_id, product_id=product.id, sku=product.sku, sku_id=None,
        inventory_level=product.inventory_level, inventory_warning_level=product.inventory_warning_level,
    )  # fmt: skip


def _sku_key(variant: Variant) -> str | None:
    # SKUs are unique ignoring case, across products and variants (upstream products_catalog.v3.yml).
    return variant.sku.casefold() or None


TABLES = (
    TableSpec(
        "variants",
        Variant,
        indexes=(
            Index("sku", _sku_key, unique=True),
            Index("product_id", lambda v: v.product_id),
            Index("upc", lambda v: v.upc or None),
            Index("option_id", lambda v: tuple(value.option_id for value in v.option_values), multi=True),
            Index("option_value_id", lambda v: tuple(value.id for value in v.option_values), multi=True),
        ),
        references=(
            Reference("product_id", "products", "cascade"),
            # Variants are built from options: deleting an option deletes the variants that use it.
            Reference("option_id", "options", "cascade"),
        ),
        resource="sku",
    ),
)
