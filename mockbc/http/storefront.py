"""Which store and channel a storefront request is for, read from its ``Host``.

A storefront host is ``store-{store_hash}.<anything>`` or ``store-{store_hash}-{channel_id}.<anything>``
(BigCommerce's permanent storefront URLs); any other host means the server's default store on
channel 1. Store hashes are letters and digits only, so the first ``-`` after the hash starts
the channel id.
"""

from __future__ import annotations

import re

from mockbc.domain.assignments import DEFAULT_CHANNEL_ID
from mockbc.store.registry import StoreRegistry

_STOREFRONT_HOST = re.compile(r"store-([A-Za-z0-9]{1,64})(?:-([0-9]{1,9}))?(?:[.:]|$)", re.IGNORECASE)


def storefront_target(host_header: str | None, registry: StoreRegistry) -> tuple[str, int]:
    """``(store_hash, channel_id)`` of the storefront ``host_header`` names. The store may not
    exist (the caller answers for a missing store)."""
    match = _STOREFRONT_HOST.match((host_header or "").strip())
    if match is None:
        return registry.default_store_hash, DEFAULT_CHANNEL_ID
    channel = match.group(2)
    return match.group(1), int(channel) if channel else DEFAULT_CHANNEL_ID
