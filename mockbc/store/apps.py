"""Apps registered with the mock (the Developer Portal's side of BigCommerce) and their installs.

An install issues a one-time authorization code; exchanging it at ``POST /oauth2/token`` gives
the app a store-level token of that store, held in ``StoreRegistry.accounts`` like any other
API account (``mockbc.http.oauth.install_token``), so the REST APIs authenticate it unchanged. ``Apps`` keeps which
token belongs to which install, so an uninstall or a change of scopes can revoke it.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mockbc.store.registry import StoreRegistry

# BigCommerce does not document a code's lifetime; ten minutes is the usual OAuth bound (RFC 6749 §4.1.2).
CODE_LIFETIME = timedelta(minutes=10)
# Codes waiting to be exchanged; past this the oldest is forgotten, so no loop of installs grows memory.
MAX_PENDING_CODES = 1_000
MAX_APPS = 10_000
APP_TOKEN_PREFIX = "app:"


@dataclass(frozen=True, slots=True)
class App:
    client_id: str
    client_secret: str
    scopes: frozenset[str]
    auth_callback: str | None = None
    load_callback: str | None = None
    uninstall_callback: str | None = None
    remove_user_callback: str | None = None

    @property
    def scope_text(self) -> str:
        """Scopes as BigCommerce writes them in the auth callback and the token response: space-separated."""
        return " ".join(sorted(self.scopes))


@dataclass(frozen=True, slots=True)
class AuthCode:
    code: str
    client_id: str
    store_hash: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class AccountApiAccount:
    """An account-level API account: its token reaches no store's REST APIs."""

    name: str
    client_id: str
    client_secret: str
    access_token: str
    scopes: frozenset[str]


class AppExists(Exception):
    pass


class TooManyApps(Exception):
    pass


class CodeRefused(Exception):
    """Why a code cannot be exchanged: ``reason`` is ``"unknown"`` (never issued, already used or
    forgotten), ``"expired"``, ``"other_client"`` or ``"other_store"``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def account_uuid(store_hash: str) -> str:
    """The store's account UUID: stable for a store hash, like BigCommerce's (one account per store here)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"mockbc:account:{store_hash}"))


def store_owner(store_hash: str) -> dict[str, object]:
    """The user who installs apps on a store: its owner. Stable per store."""
    owner_id = int(hashlib.sha256(f"mockbc:owner:{store_hash}".encode()).hexdigest()[:7], 16)
    return {"id": owner_id, "username": f"owner-{store_hash}", "email": f"owner@store-{store_hash}.example.com"}


@dataclass
class Apps:
    apps: dict[str, App] = field(default_factory=dict)
    code_lifetime: timedelta = CODE_LIFETIME
    max_pending: int = MAX_PENDING_CODES
    _codes: OrderedDict[str, AuthCode] = field(default_factory=OrderedDict)
    # (client_id, store_hash) -> the access token that install was given
    tokens: dict[tuple[str, str], str] = field(default_factory=dict)
    account_accounts: dict[str, AccountApiAccount] = field(default_factory=dict)

    def register(self, app: App) -> App:
        if app.client_id in self.apps:
            raise AppExists(app.client_id)
        if len(self.apps) >= MAX_APPS:
            raise TooManyApps()
        self.apps[app.client_id] = app
        return app

    def add_account_account(self, account: AccountApiAccount) -> AccountApiAccount:
        if len(self.account_accounts) >= MAX_APPS:
            raise TooManyApps()
        self.account_accounts[account.access_token] = account
        return account

    def get(self, client_id: str) -> App | None:
        return self.apps.get(client_id)

    def change_scopes(self, client_id: str, scopes: frozenset[str]) -> App:
        app = replace(self.apps[client_id], scopes=scopes)
        self.apps[client_id] = app
        return app

    def issue_code(self, client_id: str, store_hash: str, now: datetime) -> AuthCode:
        code = AuthCode(secrets.token_hex(16), client_id, store_hash, now + self.code_lifetime)
        self._codes[code.code] = code
        while len(self._codes) > self.max_pending:
            self._codes.popitem(last=False)
        return code

    def redeem(self, code: str, client_id: str, store_hash: str, now: datetime) -> AuthCode:
        """Use ``code`` up: a code works once, whatever the outcome of its first use after issue."""
        issued = self._codes.pop(code, None)
        if issued is None:
            raise CodeRefused("unknown")
        if now >= issued.expires_at:
            raise CodeRefused("expired")
        if issued.client_id != client_id:
            raise CodeRefused("other_client")
        if issued.store_hash != store_hash:
            raise CodeRefused("other_store")
        return issued

    @property
    def pending_codes(self) -> int:
        return len(self._codes)

    def drop_store(self, store_hash: str) -> None:
        for code in [c for c, issued in self._codes.items() if issued.store_hash == store_hash]:
            del self._codes[code]
        for key in [k for k in self.tokens if k[1] == store_hash]:
            del self.tokens[key]


def revoke_install(registry: StoreRegistry, client_id: str, store_hash: str) -> bool:
    token = registry.apps.tokens.pop((client_id, store_hash), None)
    if token is None:
        return False
    registry.accounts.pop(token, None)
    return True


def revoke_app(registry: StoreRegistry, client_id: str) -> int:
    """Every token of the app, on every store (its scopes changed): returns how many."""
    stores = [s for c, s in registry.apps.tokens if c == client_id]
    return sum(revoke_install(registry, client_id, s) for s in stores)
