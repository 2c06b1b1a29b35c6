"""mockbc: a stateful mock of the BigCommerce API and a contract-testing kit.

Start it in-process::

    import httpx, mockbc
    app = mockbc.create_app()
    token = app.state.default_account.access_token
"""

from __future__ import annotations

from mockbc.auth.scopes import ALL_SCOPES
from mockbc.http.app import create_app
from mockbc.store.registry import DEFAULT_STORE_HASH, ApiAccount, StoreRegistry
from mockbc.store.store import Seed, Store

__all__ = ["ALL_SCOPES", "DEFAULT_STORE_HASH", "ApiAccount", "Seed", "Store", "StoreRegistry", "create_app"]
