"""mockbc: a stateful mock of the BigCommerce API and a contract-testing kit.

Start it in-process::

    import httpx, mockbc
    app = mockbc.create_app()
    token = app.state.default_account.access_token
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mockbc.auth.scopes import ALL_SCOPES
    from mockbc.domain.limits import Limits
    from mockbc.http.app import MockApp, create_app
    from mockbc.store.registry import DEFAULT_STORE_HASH, ApiAccount, StoreRegistry
    from mockbc.store.store import Seed, Store

# Public names, imported on first use (PEP 562), so that importing a submodule (the pytest
# plugin, which pytest loads in every session) does not load Starlette and the specs.
_EXPORTS = {
    "ALL_SCOPES": "mockbc.auth.scopes",
    "DEFAULT_STORE_HASH": "mockbc.store.registry",
    "ApiAccount": "mockbc.store.registry",
    "Limits": "mockbc.domain.limits",
    "Seed": "mockbc.store.store",
    "Store": "mockbc.store.store",
    "StoreRegistry": "mockbc.store.registry",
    "MockApp": "mockbc.http.app",
    "create_app": "mockbc.http.app",
}

__all__ = [
    "ALL_SCOPES", "DEFAULT_STORE_HASH", "ApiAccount", "Limits", "MockApp", "Seed", "Store", "StoreRegistry", "create_app",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'mockbc' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
