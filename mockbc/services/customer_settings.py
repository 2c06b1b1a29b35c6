"""The store's customer settings, each channel's, and customers' consent (upstream customers.v3.yml
getCustomersSettings, getCustomersSettingsChannel, getCustomerConsent and their updates).

The store's default and guest customer groups are the groups v2 marks ``is_default`` and
``is_group_for_guests``: one fact, seen through both APIs. A channel's setting that was never
set takes the store's value. Group ids in settings must name a customer group, or be 0 for
none. A consent category is either allowed or denied, not both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockbc.domain.customers import SETTINGS_FIELDS, STORE_SETTINGS, STORE_SETTINGS_ID, Customer, CustomerSettings
from mockbc.domain.errors import Invalid, Problem
from mockbc.services import channels as channel_service
from mockbc.services import customer_groups as group_service
from mockbc.services.customer_common import get_customer
from mockbc.store.store import Store

GROUP_SETTINGS = ("guest_customer_group_id", "default_customer_group_id")


# Store settings held by the groups themselves: setting -> the group role it names.
GROUP_ROLES = {"default_customer_group_id": "is_default", "guest_customer_group_id": "is_group_for_guests"}


def store_settings(store: Store) -> CustomerSettings:
    found: CustomerSettings = store.customer_settings.get(STORE_SETTINGS_ID) or STORE_SETTINGS
    return replace(
        found,
        default_customer_group_id=group_service.holder(store, GROUP_ROLES["default_customer_group_id"]),
        guest_customer_group_id=group_service.holder(store, GROUP_ROLES["guest_customer_group_id"]),
    )


def default_group(store: Store, channel_id: int) -> int:
    """The group a new customer of the channel joins when its body names none."""
    return channel_settings(store, channel_id).default_customer_group_id or 0


def channel_settings(store: Store, channel_id: int) -> CustomerSettings:
    """The channel's settings as they apply: its own, else the store's; a 404 for a channel the store does not
    have."""
    channel_service.require(store, channel_id)
    own: CustomerSettings | None = store.customer_settings.get(channel_id)
    base = store_settings(store)
    values = {name: getattr(own, name) if own is not None and getattr(own, name) is not None else getattr(base, name)
              for name in SETTINGS_FIELDS}  # fmt: skip
    return CustomerSettings(id=channel_id, **values)


def _check(store: Store, changes: Mapping[str, Any]) -> None:
    problems = [
        Problem(
            f"customer_group_settings.{name}", "record_missing", {"resource": "customer group", "id": changes[name]}
        )
        for name in GROUP_SETTINGS
        if changes.get(name) not in (None, 0) and store.customer_groups.get(changes[name]) is None
    ]
    if problems:
        raise Invalid("settings_invalid", tuple(problems))


def update_store_settings(store: Store, changes: Mapping[str, Any]) -> CustomerSettings:
    known = {
        name: value for name, value in changes.items() if name in SETTINGS_FIELDS and name != "allow_global_logins"
    }
    _check(store, known)
    for name, role in GROUP_ROLES.items():
        if name in known:
            group_service.give_role(store, role, known.pop(name))
    own: CustomerSettings = store.customer_settings.get(STORE_SETTINGS_ID) or STORE_SETTINGS
    new = replace(own, **known)
    store.customer_settings.put(new.id, new)
    store.emit("customer_settings", "updated", new.id)
    return store_settings(store)


def update_channel_settings(store: Store, channel_id: int, changes: Mapping[str, Any]) -> CustomerSettings:
    channel_service.require(store, channel_id)
    known = {name: value for name, value in changes.items() if name in SETTINGS_FIELDS}
    _check(store, known)
    own: CustomerSettings = store.customer_settings.get(channel_id) or CustomerSettings(id=channel_id)
    new = replace(own, **known)
    store.customer_settings.put(new.id, new)
    store.emit("customer_settings", "updated", new.id)
    return channel_settings(store, channel_id)


def set_consent(store: Store, customer_id: int, allow: Sequence[str], deny: Sequence[str]) -> Customer:
    customer = get_customer(store, customer_id)
    both = sorted(set(allow) & set(deny))
    if both:
        raise Invalid("consent_invalid", (Problem("deny", "consent_both", {"categories": ", ".join(both)}),))
    updated = replace(
        customer, consent_allow=tuple(allow), consent_deny=tuple(deny), consent_updated_at=store.clock.now()
    )
    store.customers.put(updated.id, updated)
    store.emit("customer", "updated", updated.id)
    return updated
