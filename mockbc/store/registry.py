"""Every store the server holds, the API accounts bound to them, and the request journal.

The registry is the only mutable state of a running mock; ``create_app`` puts it on
``app.state.registry``.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from mockbc.domain.clock import Clock, SystemClock
from mockbc.store.store import Seed, Store

DEFAULT_STORE_HASH = "mockbc0001"
JOURNAL_SIZE = 10_000


def _derived(kind: str, store_hash: str, name: str, length: int) -> str:
    """Credentials that stay the same across restarts for the same store and account name."""
    digest = hashlib.sha256(f"mockbc:{kind}:{store_hash}:{name}".encode()).hexdigest()
    return digest[:length]


@dataclass(frozen=True, slots=True)
class ApiAccount:
    name: str
    store_hash: str
    client_id: str
    client_secret: str
    access_token: str
    scopes: frozenset[str]


@dataclass(slots=True)  # not frozen: one is built per request, and frozen init is slower
class JournalEntry:
    method: str
    path: str
    query: str
    status: int
    store_hash: str | None
    time: datetime
    body: object = None
    operation_id: str | None = None
    # Where the request broke mockbc's spec for its operation: "field: rule" per problem.
    contract_violations: tuple[str, ...] = ()


class StoreExists(Exception):
    pass


@dataclass
class StoreRegistry:
    """Stores by hash and accounts by token.

    Example::

        registry = StoreRegistry()
        store = registry.create_store("abc123", seed=Seed())
        account = registry.create_account("abc123", name="ci", scopes=["store_v2_products"])
    """

    clock: Clock = field(default_factory=SystemClock)
    seed_loader: Callable[[str], Seed] | None = None
    stores: dict[str, Store] = field(default_factory=dict)
    accounts: dict[str, ApiAccount] = field(default_factory=dict)
    journal: deque[JournalEntry] = field(default_factory=lambda: deque(maxlen=JOURNAL_SIZE))
    default_store_hash: str = DEFAULT_STORE_HASH

    def get(self, store_hash: str) -> Store | None:
        return self.stores.get(store_hash)

    def create_store(self, store_hash: str | None = None, *, fixtures: str = "demo", seed: Seed | None = None) -> Store:
        store_hash = store_hash or self._next_hash()
        if store_hash in self.stores:
            raise StoreExists(store_hash)
        if seed is None:
            if self.seed_loader is None:
                from mockbc.fixtures import load_seed  # noqa: PLC0415  (fixtures sit above store)

                self.seed_loader = load_seed
            seed = self.seed_loader(fixtures)
        store = Store(store_hash, seed, clock=self.clock, fixtures=fixtures)
        self.stores[store_hash] = store
        return store

    def drop_store(self, store_hash: str) -> bool:
        if self.stores.pop(store_hash, None) is None:
            return False
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
    ) -> ApiAccount:
        if store_hash not in self.stores:
            raise KeyError(store_hash)
        account = ApiAccount(
            name=name,
            store_hash=store_hash,
            client_id=client_id or _derived("client_id", store_hash, name, 31),
            client_secret=client_secret or _derived("client_secret", store_hash, name, 64),
            access_token=access_token or _derived("access_token", store_hash, name, 31),
            scopes=frozenset(scopes),
        )
        self.accounts[account.access_token] = account
        return account

    def authenticate(self, token: str | None) -> ApiAccount | None:
        return self.accounts.get(token) if token else None

    def reset(self) -> None:
        for store in self.stores.values():
            store.reset()
        self.journal.clear()

    def record(self, entry: JournalEntry) -> None:
        self.journal.append(entry)

    def _next_hash(self) -> str:
        n = len(self.stores) + 1
        while (candidate := _derived("store", str(n), "", 10)) in self.stores:
            n += 1
        return candidate
