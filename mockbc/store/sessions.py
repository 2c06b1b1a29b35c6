"""Shoppers signed in on a storefront: the session a Customer Login JWT opens, which the
Current Customer API and the storefront's GraphQL read back from the session cookie."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass, field

# The storefront's session cookie (Stencil's SHOP_SESSION_TOKEN).
SESSION_COOKIE = "SHOP_SESSION_TOKEN"
# Sessions are kept until signed out, the store is dropped, or this many newer ones push the
# oldest out: a loop of logins never grows the server's memory.
MAX_SESSIONS = 10_000


@dataclass(frozen=True, slots=True)
class ShopperSession:
    store_hash: str
    customer_id: int
    channel_id: int


@dataclass
class ShopperSessions:
    """Session cookie value -> the signed-in shopper."""

    capacity: int = MAX_SESSIONS
    _by_cookie: OrderedDict[str, ShopperSession] = field(default_factory=OrderedDict)

    def sign_in(self, store_hash: str, customer_id: int, channel_id: int) -> str:
        """A new session for the shopper; returns the cookie value (random, never reused)."""
        cookie = secrets.token_urlsafe(32)
        self._by_cookie[cookie] = ShopperSession(store_hash, customer_id, channel_id)
        while len(self._by_cookie) > self.capacity:
            self._by_cookie.popitem(last=False)
        return cookie

    def get(self, cookie: str | None) -> ShopperSession | None:
        return self._by_cookie.get(cookie) if cookie else None

    def sign_out(self, cookie: str | None) -> None:
        if cookie:
            self._by_cookie.pop(cookie, None)

    def drop_store(self, store_hash: str) -> None:
        for cookie in [c for c, s in self._by_cookie.items() if s.store_hash == store_hash]:
            del self._by_cookie[cookie]

    def __len__(self) -> int:
        return len(self._by_cookie)
