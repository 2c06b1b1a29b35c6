"""Order notification settings (upstream orders.v3.yml getGlobalOrderSettings and its siblings): who is emailed when
an order is placed and who receives forwarded invoices, for the store and per channel."""

from __future__ import annotations

from dataclasses import dataclass

from mockbc.domain.storage import TableSpec

GLOBAL = 0  # the store-wide settings' key; channels use their own ids


@dataclass(frozen=True, slots=True)
class OrderSettings:
    """``None`` on a channel: the store-wide addresses apply (the global settings are never ``None``)."""

    id: int
    order_placed: tuple[str, ...] | None = ()
    forward_invoice: tuple[str, ...] | None = ()


TABLES = (TableSpec("order_settings", OrderSettings, resource="order_settings"),)
