"""Channels, their currency assignments, listings, sites, menus, active theme and metafields, with
BigCommerce's rules (upstream channels.v3.yml).

Other modules reach channels through ``find`` / ``require`` and a channel's storefront address through
``site_url``. Channel 1 and its site exist in every store (``domain.channels.default_channel``); every
check runs before the first write, so a refused request leaves the store as it was.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from mockbc.domain import channels as d
from mockbc.domain.assignments import DEFAULT_CHANNEL_ID
from mockbc.domain.channels import Channel, ChannelMenus, CurrencyAssignment, Listing, ListingVariant, Site
from mockbc.domain.errors import Conflict, Invalid, NotFound, Problem, conflict, invalid
from mockbc.domain.query import Condition, apply_filters
from mockbc.store.store import Store

# --------------------------------------------------------------------------- channels


def find(store: Store, channel_id: int) -> Channel | None:
    """The channel with this id, or None; channel 1 always exists."""
    found: Channel | None = store.channels.get(channel_id)
    if found is None and channel_id == DEFAULT_CHANNEL_ID:
        return d.default_channel()
    return found


def require(store: Store, channel_id: int) -> Channel:
    """The channel with this id; a 404 naming the channel otherwise."""
    found = find(store, channel_id)
    if found is None:
        raise NotFound("channel", channel_id)
    return found


def exists(store: Store, channel_id: int) -> bool:
    """Whether the store has this channel (channel 1 always)."""
    return channel_id == DEFAULT_CHANNEL_ID or channel_id in store.channels


def all_channels(store: Store) -> list[Channel]:
    """Every channel, in id order (channel 1 first)."""
    channels: list[Channel] = list(store.channels.values())
    if not channels or channels[0].id != DEFAULT_CHANNEL_ID:
        channels.insert(0, d.default_channel())
    return channels


GETTERS = {
    "status": lambda c: c.status,
    "type": lambda c: c.type,
    "platform": lambda c: c.platform,
    "date_created": lambda c: c.date_created,
    "date_modified": lambda c: c.date_modified,
}


def _available(condition: Condition) -> Any:
    wanted = bool(condition.value)
    return lambda c: (c.status in d.AVAILABLE) == wanted


def list_channels(store: Store, conditions: Sequence[Condition]) -> list[Channel]:
    return apply_filters(all_channels(store), conditions, GETTERS, {"available": _available})


def _holder(store: Store, key: tuple[str, str, str]) -> int | None:
    if key == d.identity(d.default_channel()) and store.channels.get(DEFAULT_CHANNEL_ID) is None:
        return DEFAULT_CHANNEL_ID
    holder: int | None = store.channels.unique("identity", key)
    return holder


def _check(store: Store, fields: Mapping[str, Any], own: Channel | None) -> Channel:
    """The channel ``fields`` make of ``own`` (or of nothing), once every rule holds."""
    if own is not None:
        if own.status in d.LOCKED:
            raise Invalid("channel_locked", (), {"status": own.status})
        fixed = [name for name in ("type", "platform") if name in fields and fields[name] != getattr(own, name)]
        if fixed:
            raise Invalid("channel_fixed", tuple(Problem(name, "channel_fixed") for name in fixed))
    kind = fields.get("type", own.type if own else "")
    platform = fields.get("platform", own.platform if own else "")
    if own is None and kind not in d.PLATFORMS.get(platform, ()):
        raise Invalid(
            "channel_type_platform", (Problem("platform", "channel_type_platform", {"type": kind}),),
            {"type": kind, "platform": platform},
        )  # fmt: skip
    name = fields.get("name", own.name if own else "")
    if "name" in fields and (not d.NAME.fullmatch(name) or not name.strip()):
        raise Invalid("channel_name", (Problem("name", "channel_name"),))
    status = fields.get("status", own.status if own else d.INITIAL_STATUS[kind])
    if "status" in fields:
        allowed = d.WRITABLE_STATUSES[kind]
        if status not in allowed:
            raise Invalid("payload", (Problem("status", "channel_status", {"type": kind, "options": allowed}),))
        if own is not None and own.id == DEFAULT_CHANNEL_ID and status == "deleted":
            raise Invalid("default_channel", (Problem("status", "default_channel_kept"),))
    now = store.clock.now()
    values = {k: v for k, v in fields.items() if k not in ("type", "platform")}
    if own is None:
        made = Channel(
            id=0, type=kind, platform=platform, status=status, date_created=now, date_modified=now,
            **{k: v for k, v in values.items() if k != "status"},
        )  # fmt: skip
    else:
        made = replace(own, **values, date_modified=now)
    holder = _holder(store, d.identity(made))
    if holder is not None and (own is None or holder != own.id):
        facts = {"name": made.name, "platform": made.platform, "type": made.type}
        raise Conflict("channel_taken", (Problem("name", "channel_taken", facts),), facts)
    return made


def create(store: Store, fields: Mapping[str, Any], *, channel_id: int | None = None) -> Channel:
    """A new channel: ``name``, ``type`` and ``platform`` are required, in one of upstream's pairs. A fixture
    names its channels' ids (``channel_id``); the API numbers them."""
    made = _check(store, fields, None)
    sequence = store.sequence("channels")
    sequence.claim(DEFAULT_CHANNEL_ID)  # channel 1 is never a seed record, yet its id is taken
    if channel_id is not None:
        if find(store, channel_id) is not None:
            raise conflict("id_taken", "id", "id_taken", id=channel_id)
        sequence.claim(channel_id)
    channel = replace(made, id=sequence.take() if channel_id is None else channel_id)
    store.channels.put(channel.id, channel)
    store.emit("channel", "created", channel.id)
    return channel


def update(store: Store, channel_id: int, fields: Mapping[str, Any]) -> Channel:
    channel = _check(store, fields, require(store, channel_id))
    store.channels.put(channel.id, channel)
    store.emit("channel", "updated", channel.id)
    return channel


@dataclass(frozen=True, slots=True)
class ActiveTheme:
    theme_uuid: str
    configuration_uuid: str
    version_uuid: str


def active_theme(store: Store, channel_id: int) -> ActiveTheme:
    """The theme of a BigCommerce-hosted storefront (Stencil); other channels have none (404). The mock has no
    themes API, so the ids are fixed per store and channel."""
    channel = require(store, channel_id)
    if channel.type != "storefront" or channel.platform != "bigcommerce":
        raise NotFound("active theme", channel_id, reason="no_active_theme")

    def made(part: str) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"mockbc:{store.store_hash}:{channel_id}:{part}"))

    return ActiveTheme(made("theme"), made("configuration"), made("version"))


# --------------------------------------------------------------------------- currency assignments


def currencies_of(store: Store, channel_id: int) -> CurrencyAssignment:
    """The channel's own assignment, or what it inherits from the store."""
    require(store, channel_id)
    own: CurrencyAssignment | None = store.channel_currencies.get(channel_id)
    return own or CurrencyAssignment(channel_id, (d.STORE_CURRENCY,), d.STORE_CURRENCY)


def all_currencies(store: Store) -> list[CurrencyAssignment]:
    return [currencies_of(store, channel.id) for channel in all_channels(store)]


def _currency_problems(enabled: Sequence[str], default: str) -> list[Problem]:
    problems: list[Problem] = []
    unknown = [code for code in dict.fromkeys(enabled) if code not in d.CURRENCIES]
    if not enabled:
        problems.append(Problem("enabled_currencies", "currencies_required"))
    elif unknown:
        problems.append(Problem("enabled_currencies", "currencies_not_enabled", {"codes": ", ".join(unknown)}))
    if default not in enabled:
        problems.append(Problem("default_currency", "default_currency_not_enabled", {"value": default}))
    return problems


def set_currencies(
    store: Store, items: Sequence[tuple[int, Sequence[str], str]], *, batch: bool
) -> list[CurrencyAssignment]:
    """``(channel_id, enabled_currencies, default_currency)`` items, written all or none; a ``batch`` names each
    problem by the item's index."""
    unknown = sorted({channel_id for channel_id, _, _ in items if find(store, channel_id) is None})
    if unknown:
        raise Invalid("currency_channels", (), {"ids": ", ".join(map(str, unknown))})
    problems = [
        problem.at(index) if batch else problem
        for index, (_, enabled, default) in enumerate(items)
        for problem in _currency_problems(enabled, default)
    ]
    if problems:
        fields = ", ".join(dict.fromkeys(p.field.rsplit(".", 1)[-1] for p in problems))
        raise Invalid("currencies_invalid", tuple(problems), {"fields": fields})
    done: list[CurrencyAssignment] = []
    for channel_id, enabled, default in items:
        assignment = CurrencyAssignment(channel_id, tuple(dict.fromkeys(enabled)), default)
        store.channel_currencies.put(channel_id, assignment)
        store.emit("channel/currency_assignments", "updated", channel_id)
        done.append(assignment)
    return done


def delete_currencies(store: Store, channel_id: int) -> int:
    """The channel goes back to the store's currencies; answers its id."""
    require(store, channel_id)
    if store.channel_currencies.delete(channel_id):
        store.emit("channel/currency_assignments", "deleted", channel_id)
    return channel_id


# --------------------------------------------------------------------------- listings

LISTING_GETTERS = {
    "product_id": lambda listing: listing.product_id,
    "date_created": lambda listing: listing.date_created,
    "date_modified": lambda listing: listing.date_modified,
}


def listings_of(store: Store, channel_id: int, conditions: Sequence[Condition], after: int = 0) -> list[Listing]:
    """The channel's listings meeting every condition, in id order, after listing ``after``. An unknown
    channel has none (upstream getChannelListings answers 200 with empty data)."""
    table = store.channel_listings
    records: list[Listing] = [
        r for r in table.many(table.lookup("channel", channel_id)) if r.id > after
    ]  # fmt: skip
    return apply_filters(records, conditions, LISTING_GETTERS)


def get_listing(store: Store, channel_id: int, listing_id: int) -> Listing:
    found: Listing | None = store.channel_listings.get(listing_id)
    if found is None or found.channel_id != channel_id:
        raise NotFound("listing", listing_id, reason="listing_missing")
    return found


def _listing_channel(store: Store, channel_id: int) -> None:
    if find(store, channel_id) is None:
        raise Invalid("listing_channel", (), {"id": channel_id, "store": store.store_hash})


def _variant_problems(store: Store, product_id: int, variants: Sequence[Mapping[str, Any]]) -> list[Problem]:
    problems: list[Problem] = []
    for index, variant in enumerate(variants):
        at = f"variants.{index}"
        if variant["product_id"] != product_id:
            problems.append(Problem(f"{at}.product_id", "listing_product_mismatch", {"product": product_id}))
            continue
        found = store.variants.get(variant["variant_id"])
        if found is None or found.product_id != product_id:
            problems.append(
                Problem(
                    f"{at}.variant_id", "listing_variant_missing", {"id": variant["variant_id"], "product": product_id}
                )
            )
    return problems


def _merged(old: Sequence[ListingVariant], new: Sequence[Mapping[str, Any]], now: Any) -> tuple[ListingVariant, ...]:
    """``old`` with each of ``new`` updating the variant it names, or appended."""
    merged = {v.variant_id: v for v in old}
    for fields in new:
        current = merged.get(fields["variant_id"])
        if current is None:
            merged[fields["variant_id"]] = ListingVariant(date_created=now, date_modified=now, **fields)
        else:
            merged[fields["variant_id"]] = replace(current, **fields, date_modified=now)
    return tuple(merged.values())


def _refuse(problems: list[Problem]) -> None:
    if problems:
        raise Invalid(
            "listings_invalid", tuple(problems), {"fields": ", ".join(dict.fromkeys(p.field for p in problems))}
        )


def create_listings(store: Store, channel_id: int, items: Sequence[Mapping[str, Any]]) -> list[Listing]:
    """New listings of catalog products on the channel, all or none. A product is listed once per channel."""
    _listing_channel(store, channel_id)
    problems: list[Problem] = []
    listed = {r.product_id: r.id for r in listings_of(store, channel_id, ())}
    seen: set[int] = set()
    for index, item in enumerate(items):
        product_id = item["product_id"]
        if store.products.get(product_id) is None:
            problems.append(Problem(f"{index}.product_id", "listing_product_missing", {"id": product_id}))
            continue
        if product_id in listed:
            facts = {"product": product_id, "id": listed[product_id]}
            problems.append(Problem(f"{index}.product_id", "listing_taken", facts))
        elif product_id in seen:
            problems.append(Problem(f"{index}.product_id", "listing_twice", {"product": product_id}))
        seen.add(product_id)
        problems.extend(p.at(index) for p in _variant_problems(store, product_id, item["variants"]))
    _refuse(problems)
    now = store.clock.now()
    done: list[Listing] = []
    for item in items:
        fields = {k: v for k, v in item.items() if k != "variants"}
        listing = Listing(
            id=store.next_id("channel_listings"), channel_id=channel_id, date_created=now, date_modified=now,
            variants=_merged((), item["variants"], now), **fields,
        )  # fmt: skip
        store.channel_listings.put(listing.id, listing)
        store.emit("channel/listing", "created", listing.id)
        done.append(listing)
    return done


def update_listings(store: Store, channel_id: int, items: Sequence[Mapping[str, Any]]) -> list[Listing]:
    """Changes to the channel's listings, all or none; a listing id the channel does not have is passed over
    (upstream updateChannelListings). Variants named are updated or added, the others kept."""
    _listing_channel(store, channel_id)
    problems: list[Problem] = []
    targets: list[tuple[Listing, Mapping[str, Any]]] = []
    for index, item in enumerate(items):
        found: Listing | None = store.channel_listings.get(item["listing_id"])
        if found is None or found.channel_id != channel_id:
            continue
        if item["product_id"] != found.product_id:
            problems.append(Problem(f"{index}.product_id", "listing_product_fixed", {"product": found.product_id}))
            continue
        problems.extend(p.at(index) for p in _variant_problems(store, found.product_id, item["variants"]))
        targets.append((found, item))
    _refuse(problems)
    now = store.clock.now()
    done: list[Listing] = []
    for found, item in targets:
        current: Listing = store.channel_listings.require(found.id)  # one listing may be named twice
        fields = {k: v for k, v in item.items() if k not in ("variants", "listing_id", "product_id")}
        updated = replace(
            current, **fields, variants=_merged(current.variants, item["variants"], now), date_modified=now
        )
        store.channel_listings.put(updated.id, updated)
        store.emit("channel/listing", "updated", updated.id)
        done.append(updated)
    return done


# --------------------------------------------------------------------------- sites

_HOST = re.compile(
    r"(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)


def site_of(store: Store, channel_id: int) -> Site | None:
    """The channel's site, or None (channel 1 always has one)."""
    site_id = store.channel_sites.unique("channel", channel_id)
    if site_id is not None:
        found: Site = store.channel_sites.require(site_id)
        return found
    if channel_id == DEFAULT_CHANNEL_ID:
        return d.default_site(store.store_hash)
    return None


def site_url(store: Store, channel_id: int) -> str | None:
    """The storefront address of the channel's site, or None when it has no site."""
    found = site_of(store, channel_id)
    return None if found is None else found.url


def get_site(store: Store, channel_id: int) -> Site:
    require(store, channel_id)
    found = site_of(store, channel_id)
    if found is None:
        raise NotFound("site", channel_id)
    return found


def _host(url: str) -> str | None:
    """The host of an absolute http(s) URL without credentials, or None when ``url`` is not one."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        return None
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or parts.username is not None or not _HOST.fullmatch(host):
        return None
    return host.casefold()


def _check_url(store: Store, url: str, channel_id: int) -> None:
    if _host(url) is None:
        raise invalid("payload", "url", "site_url")
    holder = store.channel_sites.unique("url", d.url_key(url))
    default = site_of(store, DEFAULT_CHANNEL_ID)
    if holder is None and default is not None and d.url_key(default.url) == d.url_key(url):
        holder = default.id
    if holder is not None:
        owner = store.channel_sites.get(holder)
        owner_channel = owner.channel_id if owner is not None else DEFAULT_CHANNEL_ID
        if owner_channel != channel_id:
            raise invalid("payload", "url", "site_url_taken", id=owner_channel)


def create_site(store: Store, channel_id: int, url: str) -> Site:
    require(store, channel_id)
    if site_of(store, channel_id) is not None:
        raise invalid("payload", "channel_id", "site_exists", id=channel_id)
    _check_url(store, url, channel_id)
    sequence = store.sequence("channel_sites")
    sequence.claim(d.DEFAULT_SITE_ID)  # the default channel's site is never a seed record
    now = store.clock.now()
    site = Site(sequence.take(), channel_id, url, now, now)
    store.channel_sites.put(site.id, site)
    store.emit("channel/site", "created", site.id)
    return site


def _put_site(store: Store, site: Site) -> Site:
    store.channel_sites.put(site.id, site)
    store.emit("channel/site", "updated", site.id)
    return site


def update_site(store: Store, channel_id: int, url: str | None) -> Site:
    site = get_site(store, channel_id)
    if url is None:
        return site
    _check_url(store, url, channel_id)
    return _put_site(store, replace(site, url=url, updated_at=store.clock.now()))


def delete_site(store: Store, channel_id: int) -> None:
    site = get_site(store, channel_id)
    if channel_id == DEFAULT_CHANNEL_ID:
        raise invalid("payload", "channel_id", "default_site_kept")
    store.delete("channel_sites", [site.id])


def main_domain(host: str) -> str:
    """The last two labels of a host: the domain a storefront and its checkout must share."""
    return ".".join(host.split(".")[-2:])


def set_checkout_url(store: Store, channel_id: int, url: str) -> Site:
    """The site's own checkout address, on https, within the storefront's main domain."""
    site = get_site(store, channel_id)
    if url.startswith("http://"):
        url = "https://" + url.removeprefix("http://")
    host, primary = _host(url), _host(site.url)
    if host is None:
        raise invalid("payload", "url", "site_url")
    domain = main_domain(primary or "")
    if main_domain(host) != domain:
        raise Invalid("checkout_domain", (Problem("url", "checkout_domain", {"domain": domain}),), {"url": url})
    now = store.clock.now()
    return _put_site(
        store,
        replace(site, checkout_url=url, checkout_created_at=site.checkout_created_at or now, checkout_updated_at=now),
    )


def delete_checkout_url(store: Store, channel_id: int) -> Site:
    site = get_site(store, channel_id)
    if site.checkout_url is None:
        return site
    return _put_site(store, replace(site, checkout_url=None, checkout_created_at=None, checkout_updated_at=None))


# --------------------------------------------------------------------------- menus


def menus_of(store: Store, channel_id: int) -> ChannelMenus:
    require(store, channel_id)
    own: ChannelMenus | None = store.channel_menus.get(channel_id)
    return own or ChannelMenus(channel_id, (), ())


def set_menus(
    store: Store, channel_id: int, protected: Sequence[str], custom: Sequence[tuple[str, str]]
) -> ChannelMenus:
    """The channel's menus, replaced whole."""
    require(store, channel_id)
    menus = ChannelMenus(channel_id, tuple(dict.fromkeys(protected)), tuple(custom))
    store.channel_menus.put(channel_id, menus)
    store.emit("channel/menus", "updated", channel_id)
    return menus


def delete_menus(store: Store, channel_id: int) -> int:
    require(store, channel_id)
    if store.channel_menus.delete(channel_id):
        store.emit("channel/menus", "deleted", channel_id)
    return channel_id
