"""The store's information and clock on the v2 wire (upstream store_information.v2.yml, getStoreInformation and
getSystemTimestamp).

The mock keeps no store profile: every value but the hash-derived ones is a default (README, "Decisions"). The
store is a US store that prices in US dollars, weighs in pounds and measures in inches, on UTC, as the mock's clock
is; its host names are the ones BigCommerce gives a store without a domain of its own.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from typing import Any

from mockbc.presentation.call import Call
from mockbc.presentation.v2 import View
from mockbc.store.store import Store

# account_uuid is derived from the store hash, so it is stable across resets and restarts.
_ACCOUNT_NAMESPACE = uuid.UUID("3f0c9a6e-2b7d-4c1e-8f5a-9d6b0e4a7c21")
# BigCommerce's default date formats (PHP date() patterns, as upstream's Timezone.date_format carries them).
DATE_FORMAT = {"display": "M jS Y", "export": "M jS Y", "extended_display": "M jS Y @ g:i A"}


def store_id(store_hash: str) -> int:
    """A numeric store id derived from the hash: stable, and different for every hash in practice."""
    return int(hashlib.sha256(store_hash.encode()).hexdigest()[:10], 16)


def information(store: Store, call: Call) -> dict[str, Any]:
    host = f"store-{store.store_hash}.mybigcommerce.com"
    out: dict[str, Any] = {
        "id": store.store_hash,
        "account_uuid": str(uuid.uuid5(_ACCOUNT_NAMESPACE, store.store_hash)),
        "domain": host,
        "secure_url": f"https://{host}",
        "control_panel_base_url": f"https://{host}",
        "status": "live",
        "name": f"Store {store.store_hash}",
        "first_name": "",
        "last_name": "",
        "address": "",
        "country": "United States",
        "country_code": "US",
        "infrastructure_region": "us-central1",
        "phone": "",
        "admin_email": f"admin@{host}",
        "order_email": f"orders@{host}",
        "favicon_url": "",
        "timezone": {"name": "Etc/UTC", "raw_offset": 0, "dst_offset": 0, "dst_correction": False, "date_format": {}},
        "language": "en",
        "currency": "USD",
        "currency_symbol": "$",
        "decimal_separator": ".",
        "thousands_separator": ",",
        "decimal_places": 2,
        "currency_symbol_location": "left",
        "weight_units": "LBS",
        "dimension_units": "Inches",
        "dimension_decimal_places": 2,
        "dimension_decimal_token": ".",
        "dimension_thousands_token": ",",
        "plan_name": "Standard",
        "plan_level": "Standard",
        "plan_is_trial": False,
        "industry": "",
        "logo": [],  # upstream: a logo object, or an empty array when the store has none
        "is_price_entered_with_tax": False,
        "store_id": store_id(store.store_hash),
        "default_channel_id": 1,
        "default_site_id": 1000,
        "active_comparison_modules": [],
        "features": {
            "stencil_enabled": True,
            "sitewidehttps_enabled": True,
            "facebook_catalog_id": "",
            "checkout_type": "optimized",
            "wishlists_enabled": False,
            "graphql_storefront_api_enabled": True,
            "shopper_consent_tracking_enabled": False,
            "multi_storefront_enabled": False,
            "storefront_limits": {"active": 1, "total_including_inactive": 1},
        },
    }
    out["timezone"]["date_format"] = dict(DATE_FORMAT)
    return out


def timestamp(now: datetime, call: Call) -> dict[str, int]:
    return {"time": int(now.timestamp())}


STORE_VIEW = View("store_information.v2", information)
TIME_VIEW = View("time.v2", timestamp)
