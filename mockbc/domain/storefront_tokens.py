"""Storefront API tokens (upstream storefront_tokens.v3.yml): what a store keeps to sign and revoke them.

A token is a JWT signed with the store's own key; the store keeps that key and the ids (``jti``)
of the tokens revoked before they expired, so a reset forgets both and every earlier token with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mockbc.domain.storage import Index, TableSpec

Kind = Literal["storefront", "private", "impersonation"]
ISSUER = "BC"
ALGORITHM = "HS256"
# token_type claim: 1 for a storefront token, 2 for customer impersonation (the mock gives
# private tokens 3, as BigCommerce documents no value for them).
TOKEN_TYPES: dict[Kind, int] = {"storefront": 1, "impersonation": 2, "private": 3}
PRIVATE_SCOPES = ("Unauthenticated", "Customer", "B2B")
MAX_CORS_ORIGINS = 2
MAX_CHANNEL_IDS = 100
# Revoked tokens the store remembers until they expire; beyond this a revocation is refused.
MAX_REVOCATIONS = 10_000
SIGNING_KEY_ID = 1


@dataclass(frozen=True, slots=True)
class SigningKey:
    id: int
    secret: str


@dataclass(frozen=True, slots=True)
class Revocation:
    id: int
    jti: str
    expires_at: int  # unix seconds: after it the token is refused anyway, and the entry may go


TABLES = (
    TableSpec("storefront_token_keys", SigningKey, resource="storefront_token_key"),
    TableSpec(
        "storefront_token_revocations",
        Revocation,
        indexes=(Index("jti", lambda r: r.jti, unique=True),),
        resource="storefront_token_revocation",
    ),
)
