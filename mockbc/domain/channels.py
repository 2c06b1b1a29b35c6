"""Sales channels and what hangs off them: currency assignments, product listings, the channel's site
(with its checkout URL) and its control panel menus (upstream channels.v3.yml, ``/v3/channels``).

Channel 1, the store's default storefront, exists in every store without being a record of any seed:
``services.channels`` answers it from ``default_channel`` until it is changed, and a change lands in the
table's overlay like any other write, so ``Store.reset()`` brings the default back at no cost and fixtures
need not list it. Its site is treated the same way (``default_site``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from mockbc.domain.assignments import DEFAULT_CHANNEL_ID
from mockbc.domain.storage import Index, Reference, TableSpec

TYPES = ("storefront", "marketplace", "marketing", "pos")
# Which types each platform accepts (upstream channels.v3.yml, the Platform table of its description).
_POS, _MARKETPLACE, _MARKETING, _STOREFRONT = ("pos",), ("marketplace",), ("marketing",), ("storefront",)
PLATFORMS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("clover", "square", "stripe", "talech", "vend"), _POS),
    **dict.fromkeys(
        (
            "amazon",
            "belk",
            "catch",
            "ebay",
            "etsy",
            "hudsons_bay",
            "macys",
            "mirakl",
            "overstock",
            "pinterest",
            "target_plus",
            "tiktok",
            "wayfair",
            "wish",
            "walmart",
        ),
        _MARKETPLACE,
    ),
    **dict.fromkeys(("facebook", "google", "instagram", "meta"), ("marketplace", "marketing")),
    **dict.fromkeys(("google_shopping", "microsoft"), _MARKETING),
    **dict.fromkeys(
        ("acquia", "bigcommerce", "bloomreach", "catalyst", "deity", "drupal", "gatsby", "next", "vue", "wordpress"),
        _STOREFRONT,
    ),
    "custom": TYPES,
}
STATUSES = ("active", "prelaunch", "inactive", "connected", "disconnected", "archived", "deleted", "terminated")
# Statuses a client may set, by type (upstream's Status table); terminated is set by BigCommerce alone.
WRITABLE_STATUSES: dict[str, tuple[str, ...]] = {
    "storefront": ("prelaunch", "active", "inactive", "archived", "deleted"),
    **dict.fromkeys(("marketplace", "marketing", "pos"), ("connected", "disconnected", "archived", "deleted")),
}
# A new channel's status when the body names none (undocumented upstream).
INITIAL_STATUS = {"storefront": "prelaunch", "marketplace": "connected", "marketing": "connected", "pos": "connected"}
# getChannels ``available``: true selects these, false the others.
AVAILABLE = frozenset({"prelaunch", "active", "inactive", "connected"})
# The deprecated ``is_enabled`` is true for these.
ENABLED = frozenset({"prelaunch", "active", "connected"})
# A channel in one of these cannot be updated (upstream updateChannel).
LOCKED = frozenset({"deleted", "terminated"})
# Latin letters, digits, dashes and underscores (upstream's 422 for a channel name), and the spaces its own
# examples use.
NAME = re.compile(r"[A-Za-z0-9 _-]+")

LISTING_STATES = (
    "active", "disabled", "error", "pending", "pending_disable", "pending_delete", "partially_rejected", "queued",
    "rejected", "submitted", "deleted",
)  # fmt: skip
VARIANT_STATES = tuple(state for state in LISTING_STATES if state != "partially_rejected")
MENU_SECTIONS = (
    "overview", "storefront_settings", "localization", "carousel", "script_manager", "currencies", "payments",
    "checkout", "domains", "notifications", "social", "pages", "data_solutions",
)  # fmt: skip
MAX_LISTINGS_LIMIT = 1000

# What a channel without currency assignments inherits: the store's currency (v2 store information says USD).
STORE_CURRENCY = "USD"
# The currencies the store has enabled. The mock has no currency settings, so every active ISO 4217 code counts.
_ISO_4217 = """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF
    CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL
    HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL
    MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON
    RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH
    UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL"""
CURRENCIES = frozenset(_ISO_4217.split())

# When the default channel and its site were made: the mock's fixed store creation time.
DEFAULT_CREATED = datetime(2024, 1, 1, tzinfo=UTC)
DEFAULT_NAME = "Default channel"
DEFAULT_SITE_ID = 1


@dataclass(frozen=True, slots=True)
class Channel:
    id: int
    name: str
    type: str
    platform: str
    status: str
    date_created: datetime
    date_modified: datetime
    external_id: str = ""
    is_listable_from_ui: bool = True
    is_visible: bool = True


def default_channel() -> Channel:
    return Channel(
        id=DEFAULT_CHANNEL_ID, name=DEFAULT_NAME, type="storefront", platform="bigcommerce", status="active",
        date_created=DEFAULT_CREATED, date_modified=DEFAULT_CREATED,
    )  # fmt: skip


def identity(channel: Channel) -> tuple[str, str, str]:
    """What no two channels share (upstream updateChannel's 409): name, platform and type."""
    return (channel.name.casefold(), channel.platform, channel.type)


@dataclass(frozen=True, slots=True)
class CurrencyAssignment:
    id: int  # the channel's id
    enabled_currencies: tuple[str, ...]
    default_currency: str


@dataclass(frozen=True, slots=True)
class ListingVariant:
    product_id: int
    variant_id: int
    state: str
    date_created: datetime
    date_modified: datetime
    name: str = ""
    description: str = ""
    external_id: str = ""


@dataclass(frozen=True, slots=True)
class Listing:
    id: int
    channel_id: int
    product_id: int
    state: str
    date_created: datetime
    date_modified: datetime
    name: str = ""
    description: str = ""
    external_id: str = ""
    variants: tuple[ListingVariant, ...] = ()


def without_variant(listing: Listing, variant_id: int) -> Listing:
    return replace(listing, variants=tuple(v for v in listing.variants if v.variant_id != variant_id))


@dataclass(frozen=True, slots=True)
class Site:
    id: int
    channel_id: int
    url: str
    created_at: datetime
    updated_at: datetime
    checkout_url: str | None = None
    checkout_created_at: datetime | None = None
    checkout_updated_at: datetime | None = None


def default_site(store_hash: str) -> Site:
    return Site(DEFAULT_SITE_ID, DEFAULT_CHANNEL_ID, permanent_url(store_hash), DEFAULT_CREATED, DEFAULT_CREATED)


def permanent_url(store_hash: str, channel_id: int = DEFAULT_CHANNEL_ID) -> str:
    """A channel's permanent storefront address: ``store-{hash}`` for channel 1, ``store-{hash}-{channel}`` for
    the others (BC_FACTS §8)."""
    suffix = "" if channel_id == DEFAULT_CHANNEL_ID else f"-{channel_id}"
    return f"https://store-{store_hash}{suffix}.mybigcommerce.com"


@dataclass(frozen=True, slots=True)
class ChannelMenus:
    id: int  # the channel's id
    protected_sections: tuple[str, ...]
    custom_sections: tuple[tuple[str, str], ...]  # (title, query_path)


def url_key(url: str) -> str:
    """How site URLs are compared: without a trailing slash, ignoring case."""
    return url.rstrip("/").casefold()


TABLES = (
    TableSpec("channels", Channel, indexes=(Index("identity", identity, unique=True),)),
    TableSpec("channel_currencies", CurrencyAssignment, resource="channel/currency_assignments"),
    TableSpec(
        "channel_listings",
        Listing,
        indexes=(
            Index("channel", lambda listing: listing.channel_id),
            Index("product", lambda listing: listing.product_id),
            Index("variants", lambda listing: tuple(v.variant_id for v in listing.variants), multi=True),
        ),
        # A deleted product takes its listings along; a deleted variant leaves the listings that named it.
        references=(
            Reference("product", "products", "cascade"),
            Reference("variants", "variants", "clear", clear=without_variant),
        ),
        resource="channel/listing",
    ),
    TableSpec(
        "channel_sites",
        Site,
        indexes=(
            Index("channel", lambda site: site.channel_id, unique=True),
            Index("url", lambda site: url_key(site.url), unique=True),
        ),
        resource="channel/site",
    ),
    TableSpec("channel_menus", ChannelMenus, resource="channel/menus"),
)
