"""A product's custom fields: name-value pairs shown on its page (upstream products_catalog.v3.yml)."""

from __future__ import annotations

from dataclasses import dataclass

from mockbc.domain.storage import Index, Reference, TableSpec

# Upstream createProductCustomField: 200 custom fields per product, 250 characters per name or value.
MAX_PER_PRODUCT = 200
MAX_LENGTH = 250


@dataclass(frozen=True, slots=True)
class CustomField:
    id: int
    product_id: int
    name: str
    value: str


def pair_key(product_id: int, name: str, value: str) -> tuple[int, str, str]:
    """The name-value pair, unique within a product (exactly as written: case counts)."""
    return (product_id, name, value)


TABLES = (
    TableSpec(
        "custom_fields",
        CustomField,
        indexes=(
            Index("product_id", lambda f: f.product_id),
            Index("pair", lambda f: pair_key(f.product_id, f.name, f.value), unique=True),
        ),
        references=(Reference("product_id", "products", "cascade"),),
        resource="custom_field",
    ),
)
