"""Issue, resolve and revoke customer access tokens (``mockbc.domain.customer_access_tokens``).

A token signs in one customer on one channel until it expires or ``logout`` revokes it. Resolving
answers the customer id only while the token is known, unexpired, of the request's channel, and its
customer still exists (a deleted customer's tokens resolve to nothing).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from mockbc.domain.customer_access_tokens import LIFETIME, MAX_TOKENS, TOKEN_BYTES, CustomerAccessToken
from mockbc.store.store import Store


@dataclass(frozen=True, slots=True)
class Issued:
    value: str
    expires_at: datetime


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def issue(store: Store, customer_id: int, channel_id: int) -> Issued:
    """A new token for the customer on the channel; the value is never stored."""
    table = store.customer_access_tokens
    now = store.clock.now()
    for token in [t for t in table.values() if t.expires_at <= now]:
        table.delete(token.id)
    while len(table) >= MAX_TOKENS:
        table.delete(min(t.id for t in table.values()))
    value = secrets.token_urlsafe(TOKEN_BYTES)
    record = CustomerAccessToken(
        id=store.next_id("customer_access_tokens"), digest=_digest(value), customer_id=customer_id,
        channel_id=channel_id, expires_at=now + LIFETIME,
    )  # fmt: skip
    table.put(record.id, record)
    return Issued(value, record.expires_at)


def _live(store: Store, value: str) -> CustomerAccessToken | None:
    table = store.customer_access_tokens
    token_id = table.unique("digest", _digest(value))
    token: CustomerAccessToken | None = None if token_id is None else table.get(token_id)
    if token is None or token.expires_at <= store.clock.now():
        return None
    return token


def resolve(store: Store, value: str, channel_id: int) -> int | None:
    """The id of the customer the token signs in on this channel; ``None`` when it signs in no one."""
    token = _live(store, value)
    if token is None or token.channel_id != channel_id or store.customers.get(token.customer_id) is None:
        return None
    return token.customer_id


def revoke(store: Store, value: str) -> bool:
    """Forget the token; ``False`` when it was not live."""
    token = _live(store, value)
    if token is None:
        return False
    store.customer_access_tokens.delete(token.id)
    return True
