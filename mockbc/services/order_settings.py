"""Read and change order notification settings (upstream orders.v3.yml updateGlobalOrderSettings,
updateChannelOrderSettings).

The store-wide lists are never null (an empty list turns the notification off). A channel either overrides both
lists or neither: both null falls back to the store-wide settings, one null and one list is refused (upstream
updateChannelOrderSettings). A channel the store does not have is a 404.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from mockbc.domain.errors import Invalid, Problem
from mockbc.domain.order_settings import GLOBAL, OrderSettings
from mockbc.services import channels as channel_service
from mockbc.store.store import Store

NOTIFICATIONS = ("order_placed", "forward_invoice")


def settings(store: Store, channel_id: int = GLOBAL) -> OrderSettings:
    if channel_id != GLOBAL:
        channel_service.require(store, channel_id)
    found: OrderSettings | None = store.order_settings.get(channel_id)
    if found is not None:
        return found
    if channel_id == GLOBAL:
        return OrderSettings(GLOBAL)
    return OrderSettings(channel_id, None, None)


def _check_addresses(changes: Mapping[str, Any], problems: list[Problem], *, nullable: bool) -> None:
    for name, addresses in changes.items():
        where = f"notifications.{name}.email_addresses"
        if addresses is None:
            if not nullable:
                problems.append(Problem(where, "type", {"types": ["array"]}))
            continue
        for position, address in enumerate(addresses):
            local, at, domain = address.partition("@")
            if not (local and at and "." in domain):
                problems.append(Problem(f"{where}.{position}", "not_email"))


def update(store: Store, channel_id: int, changes: Mapping[str, tuple[str, ...] | None]) -> OrderSettings:
    """``changes``: notification name -> its new address list (``None``: the store-wide one)."""
    current = settings(store, channel_id)
    problems: list[Problem] = []
    _check_addresses(changes, problems, nullable=channel_id != GLOBAL)
    updated = replace(
        current,
        order_placed=changes.get("order_placed", current.order_placed),
        forward_invoice=changes.get("forward_invoice", current.forward_invoice),
    )
    if channel_id != GLOBAL and (updated.order_placed is None) != (updated.forward_invoice is None):
        problems.append(Problem("notifications", "settings_both_or_neither"))
    if problems:
        raise Invalid("order_settings", tuple(problems))
    store.order_settings.put(updated.id, updated)
    store.emit("order_settings", "updated", updated.id)
    return updated
