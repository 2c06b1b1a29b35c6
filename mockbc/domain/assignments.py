"""Which channels list a product, and the (product, channel) and (product, category) pairs the
assignments API reads and writes (upstream products_catalog.v3.yml, channel-assignments and
category-assignments).

Category assignments are a view of ``Product.categories``; only channel assignments have a
table of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from mockbc.domain.storage import Index, Reference, TableSpec

# The store's default storefront: category tree 1 belongs to it, and every product is listed on
# it until its channels are changed through the assignments API.
DEFAULT_CHANNEL_ID = 1
DEFAULT_CHANNELS: tuple[int, ...] = (DEFAULT_CHANNEL_ID,)


@dataclass(frozen=True, slots=True)
class ProductChannels:
    """The channels of a product whose assignments were changed through the API, ascending.

    A product without one is listed on the default channel only (``DEFAULT_CHANNELS``), so a
    product created through the API or seeded by a fixture needs no record."""

    id: int  # the product's id
    channels: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ChannelAssignment:
    product_id: int
    channel_id: int


@dataclass(frozen=True, slots=True)
class CategoryAssignment:
    product_id: int
    category_id: int


TABLES = (
    TableSpec(
        "product_channels",
        ProductChannels,
        indexes=(
            Index("product_id", lambda r: r.id, unique=True),
            Index("channels", lambda r: r.channels, multi=True),
            # Products taken off the default channel are the ones filed under False.
            Index("on_default_channel", lambda r: DEFAULT_CHANNEL_ID in r.channels),
        ),
        references=(Reference("product_id", "products", "cascade"),),
        resource="channel_assignment",
    ),
)
