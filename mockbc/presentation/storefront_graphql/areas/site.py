"""``Query.site``, ``Site.settings`` and ``Site.currencies``.

The mock keeps no storefront profile: the store is named, located and priced as its v2 store
information says (``presentation/store_v2.py``): a launched US store selling in US dollars only.
"""

from __future__ import annotations

from typing import Any

from mockbc.presentation.storefront_graphql.connections import connection
from mockbc.presentation.storefront_graphql.seam import Area, Context

AREA = Area()

CURRENCY: dict[str, Any] = {
    "entityId": 1,
    "code": "USD",
    "name": "US Dollar",
    "flagImage": None,
    "isActive": True,
    "exchangeRate": 1.0,
    "isTransactional": True,
    "isDefault": True,
    "display": {
        "symbol": "$", "symbolPlacement": "LEFT", "decimalToken": ".", "thousandsToken": ",", "decimalPlaces": 2,
    },
}  # fmt: skip


@AREA.field("Query", "site")
def site(_source: Any, _info: Any) -> dict[str, Any]:
    return {}


@AREA.field("Site", "settings")
def settings(_source: Any, info: Any) -> dict[str, Any]:
    context: Context = info.context
    store_hash = context.store.store_hash
    host = f"https://store-{store_hash}.mybigcommerce.com"
    if context.channel_id != 1:
        host = f"https://store-{store_hash}-{context.channel_id}.mybigcommerce.com"
    return {
        "storeName": f"Store {store_hash}",
        "storeHash": store_hash,
        "storeCountryCode": "US",
        "status": "LAUNCHED",
        "channelId": context.channel_id,
        "url": {"vanityUrl": host, "cdnUrl": f"https://cdn11.bigcommerce.com/s-{store_hash}", "checkoutUrl": host},
    }


@AREA.field("Site", "currencies")
def currencies(
    _source: Any,
    _info: Any,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> dict[str, Any]:
    return connection([CURRENCY], dict, first=first, after=after, last=last, before=before)


@AREA.field("Site", "currency")
def currency(_source: Any, _info: Any, currencyCode: str) -> dict[str, Any] | None:
    return dict(CURRENCY) if currencyCode == CURRENCY["code"] else None
