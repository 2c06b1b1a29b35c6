"""Who is calling: pluggable authenticators, and the rate-limit step.

The pipeline asks each ``Authenticator`` of the route family in turn; the first that
recognises the request's credentials returns a ``Principal``. Today the REST APIs accept an
API account's ``X-Auth-Token``; OAuth app tokens, storefront JWTs and customer sessions are
further authenticators, not edits to the pipeline.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from mockbc.store.registry import StoreRegistry


@dataclass(frozen=True, slots=True)
class Principal:
    """A caller the mock recognised: bound to one store, holding some scopes."""

    store_hash: str
    scopes: frozenset[str]
    client_id: str
    name: str = ""
    kind: str = "api_account"


class Authenticator(Protocol):
    def authenticate(self, headers: Mapping[str, str], registry: StoreRegistry) -> Principal | None:
        """The caller named by ``headers``, or ``None`` when these are not its credentials."""
        ...


class ApiAccountToken:
    """``X-Auth-Token``: a store-level API account's token; ``X-Auth-Client`` is deprecated and ignored
    (BigCommerce's authentication guide)."""

    def authenticate(self, headers: Mapping[str, str], registry: StoreRegistry) -> Principal | None:
        account = registry.authenticate(headers.get("x-auth-token"))
        if account is None:
            return None
        return Principal(account.store_hash, account.scopes, account.client_id, account.name)


@dataclass(frozen=True, slots=True)
class Quota:
    """What a rate limiter reports with each answer (the headers of BigCommerce's rate-limits guide)."""

    window_ms: int
    reset_ms: int
    quota: int
    left: int

    def headers(self) -> dict[str, str]:
        return {
            "X-Rate-Limit-Time-Window-Ms": str(self.window_ms),
            "X-Rate-Limit-Time-Reset-Ms": str(self.reset_ms),
            "X-Rate-Limit-Requests-Quota": str(self.quota),
            "X-Rate-Limit-Requests-Left": str(self.left),
        }


class ConcurrencyGate(Protocol):
    def enter(self, store_hash: str, operation: tuple[str, str]) -> bool:
        """Admit one more request of ``operation`` (``(api, operationId)``) on ``store_hash``, or
        raise ``RateLimited``; ``True``: it was counted and ``leave`` must follow."""
        ...

    def leave(self, store_hash: str, operation: tuple[str, str]) -> None: ...


class RateLimiter(Protocol):
    def take(self, store_hash: str) -> Quota | None:
        """Spend one request of ``store_hash``'s quota; raise ``RateLimited`` when none is left.
        ``None``: this store is not limited (no headers are sent)."""
        ...
