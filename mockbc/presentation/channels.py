"""Channels on the v3 wire (upstream channels.v3.yml): channels, currency assignments, listings, sites,
menus and the active theme. Errors are the v3 ``{status, title, type, errors}``.

Listings are paged by ``after`` (the last listing id seen) and ``limit``, and their ``meta.pagination``
has no pages to number (upstream pagination_Partial): ``count``, ``total``, ``total_pages`` and links.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from mockbc.domain import errors as e
from mockbc.domain.channels import ENABLED, Channel, ChannelMenus, CurrencyAssignment, Listing, ListingVariant, Site
from mockbc.domain.channels import permanent_url as permanent
from mockbc.presentation import metafields as metafield_wire
from mockbc.presentation import v3, words
from mockbc.presentation.call import Call, Rendered
from mockbc.presentation.wire import iso
from mockbc.services import channels as service
from mockbc.services.channels import ActiveTheme

# Fields of a channel the server sets; a fetched channel sent back carries them, and they are ignored.
READ_ONLY = frozenset({"id", "date_created", "date_modified", "is_enabled", "icon_url", "currencies"})


def currencies_v3(assignment: CurrencyAssignment) -> dict[str, Any]:
    return {
        "channel_id": assignment.id,
        "enabled_currencies": list(assignment.enabled_currencies),
        "default_currency": assignment.default_currency,
    }


def channel_v3(channel: Channel, call: Call) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": channel.id,
        "name": channel.name,
        "type": channel.type,
        "platform": channel.platform,
        "status": channel.status,
        "external_id": channel.external_id,
        "is_listable_from_ui": channel.is_listable_from_ui,
        "is_visible": channel.is_visible,
        "is_enabled": channel.status in ENABLED,
        "date_created": iso(channel.date_created),
        "date_modified": iso(channel.date_modified),
    }
    if call.query.get("include") == "currencies":
        out["currencies"] = currencies_v3(service.currencies_of(call.store, channel.id))
    return out


def channel_from_v3(body: Mapping[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in body.items() if name not in READ_ONLY}


def currencies_item(assignment: CurrencyAssignment, call: Call) -> dict[str, Any]:
    return currencies_v3(assignment)


def same(body: Mapping[str, Any]) -> dict[str, Any]:
    return dict(body)


def variant_v3(variant: ListingVariant, channel_id: int) -> dict[str, Any]:
    return {
        "channel_id": channel_id,
        "product_id": variant.product_id,
        "variant_id": variant.variant_id,
        "external_id": variant.external_id,
        "state": variant.state,
        "name": variant.name,
        "description": variant.description,
        "date_created": iso(variant.date_created),
        "date_modified": iso(variant.date_modified),
    }


def listing_v3(listing: Listing, call: Call) -> dict[str, Any]:
    return {
        "channel_id": listing.channel_id,
        "listing_id": listing.id,
        "external_id": listing.external_id,
        "product_id": listing.product_id,
        "state": listing.state,
        "name": listing.name,
        "description": listing.description,
        "date_created": iso(listing.date_created),
        "date_modified": iso(listing.date_modified),
        "variants": [variant_v3(v, listing.channel_id) for v in listing.variants],
    }


def site_v3(site: Site, call: Call) -> dict[str, Any]:
    canonical = permanent(call.store.store_hash, site.channel_id)
    urls: list[dict[str, Any]] = [
        {"url": site.url, "type": "primary", "created_at": iso(site.created_at), "updated_at": iso(site.updated_at)},
        {"url": canonical, "type": "canonical", "created_at": iso(site.created_at), "updated_at": iso(site.created_at)},
    ]
    if site.checkout_url is not None:
        urls.append(
            {
                "url": site.checkout_url,
                "type": "checkout",
                "created_at": iso(site.checkout_created_at),
                "updated_at": iso(site.checkout_updated_at),
            }
        )
    return {
        "id": site.id,
        "url": site.url,
        "channel_id": site.channel_id,
        "created_at": iso(site.created_at),
        "updated_at": iso(site.updated_at),
        # A custom domain gets a certificate of its own; the permanent address shares BigCommerce's.
        "ssl_status": "shared" if site.url.rstrip("/") == canonical else "dedicated",
        "urls": urls,
        "is_checkout_url_customized": site.checkout_url is not None,
    }


def menus_v3(menus: ChannelMenus, call: Call) -> dict[str, Any]:
    return {
        "bigcommerce_protected_app_sections": list(menus.protected_sections),
        "custom_app_sections": [{"title": title, "query_path": path} for title, path in menus.custom_sections],
    }


def menus_from_v3(body: Mapping[str, Any]) -> dict[str, Any]:
    """The sections of a menus body; a custom section needs both its title and its query path."""
    custom = body.get("custom_app_sections", [])
    problems = [
        e.Problem(f"custom_app_sections.{index}.{name}", "missing")
        for index, section in enumerate(custom)
        for name in ("title", "query_path")
        if name not in section
    ]
    if problems:
        raise e.Invalid("body", tuple(problems))
    return {
        "protected": list(body.get("bigcommerce_protected_app_sections", [])),
        "custom": [(section["title"], section["query_path"]) for section in custom],
    }


def theme_v3(theme: ActiveTheme, call: Call) -> dict[str, Any]:
    return {
        "active_theme_uuid": theme.theme_uuid,
        "active_theme_configuration_uuid": theme.configuration_uuid,
        "active_theme_version_uuid": theme.version_uuid,
        # No theme editor in the mock: the saved configuration is always the active one.
        "saved_theme_configuration_uuid": theme.configuration_uuid,
    }


def bare(value: Any, call: Call) -> Any:
    return value


class ChannelsView(v3.View):
    """A channels operation: v3 envelopes and errors, with a channel's missing theme worded as such."""

    def error(self, err: e.DomainError) -> tuple[int, object]:
        if isinstance(err, e.NotFound) and err.reason == "no_active_theme":
            return 404, v3.body(404, words.title("no_active_theme", {"id": err.id}), {})
        return v3.error(err)


class EmptyView(ChannelsView):
    """Deletes upstream answers with 200 and empty ``data`` and ``meta`` objects."""

    def render(self, result: object, call: Call, status: int) -> Rendered:
        return Rendered(status, {"data": {}, "meta": {}})


@dataclass(frozen=True, slots=True)
class ListingsPage:
    items: Sequence[Listing]
    total: int
    limit: int


class ListingsView(ChannelsView):
    def render(self, result: object, call: Call, status: int) -> Rendered:
        if not isinstance(result, ListingsPage):
            return super().render(result, call, status)
        kept = urlencode([(k, v) for k, v in call.query_items if k not in ("limit", "after")], safe=":,")
        prefix = f"?{kept}&" if kept else "?"
        after = call.query.get("after")
        links = {"current": f"{prefix}limit={result.limit}" + (f"&after={after}" if after is not None else "")}
        if result.total > len(result.items) and result.items:
            links["next"] = f"{prefix}limit={result.limit}&after={result.items[-1].id}"
        pagination = {
            "count": len(result.items),
            "total": result.total,
            "total_pages": (result.total + result.limit - 1) // result.limit if result.total else 0,
            "links": links,
        }
        data = [listing_v3(listing, call) for listing in result.items]
        return Rendered(status, {"data": data, "meta": {"pagination": pagination}})


CHANNEL_VIEW = ChannelsView("channel.v3", channel_v3, channel_from_v3)
CURRENCIES_VIEW = ChannelsView("channel_currencies.v3", currencies_item, same)
ID_VIEW = ChannelsView("channel_id.v3", bare)
LISTINGS_VIEW = ListingsView("channel_listings.v3", listing_v3, same)
SITE_VIEW = ChannelsView("channel_site.v3", site_v3, same)
EMPTY_VIEW = EmptyView("channel_empty.v3", bare)
MENUS_VIEW = ChannelsView("channel_menus.v3", menus_v3, menus_from_v3)
THEME_VIEW = ChannelsView("channel_theme.v3", theme_v3)
# createChannelsMetafields documents its 422 as one flat ErrorResponse, where the other batches list an error per item.
METAFIELDS_CREATE_FLAT = metafield_wire.MetafieldView(
    "channel_metafields.create.flat.v3", metafield_wire.STORE_ALWAYS, batch="records", action="created",
    flat_batch_errors=True,
)  # fmt: skip
