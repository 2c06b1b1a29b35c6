"""Every store the server holds, the API accounts bound to them, and the request journal.

The registry is the only mutable state of a running mock; ``create_app`` puts it on
``app.state.registry``.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from mockbc.domain.clock import Clock, SystemClock
from mockbc.domain.events import Event
from mockbc.domain.limits import Limits
from mockbc.store.apps import Apps
from mockbc.store.journal import Journal, JournalEntry
from mockbc.store.reaper import Reaper
from mockbc.store.sessions import ShopperSessions
from mockbc.store.store import Seed, Store

__all__ = [
    "DEFAULT_STORE_HASH", "AccountExists", "ApiAccount", "JournalEntry", "StoreExists", "StoreRegistry",
    "valid_store_hash",
]  # fmt: skip

DEFAULT_STORE_HASH = "mockbc0001"
_STORE_HASH = re.compile(r"[A-Za-z0-9]{1,64}")


def valid_store_hash(value: object) -> bool:
    """Letters and digits, 1 to 64 of them: anything else could not sit in a ``/stores/{hash}/`` path."""
    return isinstance(value, str) and _STORE_HASH.fullmatch(value) is not None


def derived(kind: str, store_hash: str, name: str, length: int) -> str:
    """Credentials that stay the same across restarts for the same store and account name."""
    digest = hashlib.sha256(f"mockbc:{kind}:{store_hash}:{name}".encode()).hexdigest()
    return digest[:length]


def minted(length: int) -> str:
    """Credentials nobody can predict: lowercase hex, like BigCommerce's."""
    return secrets.token_hex((length + 1) // 2)[:length]


@dataclass(frozen=True, slots=True)
class ApiAccount:
    name: str
    store_hash: str
    client_id: str
    client_secret: str
    access_token: str
    scopes: frozenset[str]


class StoreExists(Exception):
    pass


class AccountExists(Exception):
    """An account name already used in that store, or a token or client id already in use."""


@dataclass
class StoreRegistry:
    """Stores by hash and accounts by token.

    ``seed_loader`` turns a fixtures name (``"demo"``, ``"empty"``, a path) into a ``Seed``;
    ``create_app`` passes ``mockbc.fixtures.load_seed``.

    Example::

        registry = StoreRegistry(seed_loader=load_seed)
        store = registry.create_store("abc123", fixtures="demo")
        account = registry.create_account("abc123", name="ci", scopes=["store_v2_products"])
    """

    clock: Clock = field(default_factory=SystemClock)
    seed_loader: Callable[[str], Seed] | None = None
    stores: dict[str, Store] = field(default_factory=dict)
    accounts: dict[str, ApiAccount] = field(default_factory=dict)
    journal: Journal = field(default_factory=Journal)
    default_store_hash: str = DEFAULT_STORE_HASH
    limits: Limits = field(default_factory=Limits)
    reaper: Reaper = field(default_factory=Reaper)
    # Called with every event of every store (webhooks, storefront caches subscribe here).
    listeners: list[Callable[[Event], None]] = field(default_factory=list)
    sessions: ShopperSessions = field(default_factory=ShopperSessions)
    apps: Apps = field(default_factory=Apps)

    def get(self, store_hash: str) -> Store | None:
        return self.stores.get(store_hash)

    def create_store(self, store_hash: str | None = None, *, fixtures: str = "demo", seed: Seed | None = None) -> Store:
        store_hash = store_hash or self._next_hash()
        if not valid_store_hash(store_hash):
            raise ValueError(f"a store hash is 1 to 64 letters and digits, got {store_hash!r}")
        if store_hash in self.stores:
            raise StoreExists(store_hash)
        if seed is None:
            if self.seed_loader is None:
                raise ValueError(
                    "give seed=, or build the registry with seed_loader=mockbc.fixtures.load_seed to seed by name"
                )
            seed = self.seed_loader(fixtures)
        store = Store(
            store_hash, seed, clock=self.clock, fixtures=fixtures, limits=self.limits,
            broadcast=self.listeners, retire=self.reaper.retire,
        )  # fmt: skip
        self.stores[store_hash] = store
        return store

    def drop_store(self, store_hash: str) -> bool:
        if self.stores.pop(store_hash, None) is None:
            return False
        self.sessions.drop_store(store_hash)
        self.apps.drop_store(store_hash)
        for token in [t for t, a in self.accounts.items() if a.store_hash == store_hash]:
            del self.accounts[token]
        return True

    def create_account(
        self,
        store_hash: str,
        *,
        name: str = "default",
        scopes: Iterable[str],
        access_token: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        random: bool = False,
    ) -> ApiAccount:
        """An API account of ``store_hash``. Credentials not given are derived from the store
        and name (stable across restarts), or with ``random=True`` drawn from ``secrets``.

        Raises ``AccountExists`` when the store already has an account of that name, or the
        token or client id is already in use: an account never replaces another."""
        if store_hash not in self.stores:
            raise KeyError(store_hash)

        def credential(kind: str, given: str | None, length: int) -> str:
            if given:
                return given
            return minted(length) if random else derived(kind, store_hash, name, length)

        account = ApiAccount(
            name=name,
            store_hash=store_hash,
            client_id=credential("client_id", client_id, 31),
            client_secret=credential("client_secret", client_secret, 64),
            access_token=credential("access_token", access_token, 31),
            scopes=frozenset(scopes),
        )
        for other in self.accounts.values():
            if other.store_hash == store_hash and other.name == name:
                raise AccountExists(f"Store {store_hash} already has an API account named {name!r}.")
            if other.client_id == account.client_id:
                raise AccountExists("That client id is already in use.")
        if account.access_token in self.accounts:
            raise AccountExists("That access token is already in use.")
        self.accounts[account.access_token] = account
        return account

    def account_by_client_id(self, store_hash: str, client_id: str) -> ApiAccount | None:
        """The store's API account (an installed app's token included) with this client id."""
        for account in self.accounts.values():
            if account.store_hash == store_hash and account.client_id == client_id:
                return account
        return None

    def authenticate(self, token: str | None) -> ApiAccount | None:
        return self.accounts.get(token) if token else None

    def reset(self) -> None:
        for store in self.stores.values():
            store.reset()
        self.journal.clear()

    def record(self, entry: JournalEntry) -> None:
        self.journal.record(entry)

    def _next_hash(self) -> str:
        n = len(self.stores) + 1
        while (candidate := derived("store", str(n), "", 10)) in self.stores:
            n += 1
        return candidate
