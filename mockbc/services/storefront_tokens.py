"""Issuing, revoking and checking storefront API tokens.

``verify`` is what a storefront GraphQL endpoint asks of a token: its claims, or why it is refused.
"""

from __future__ import annotations

import functools
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jwt

from mockbc.domain import storefront_tokens as d
from mockbc.domain.errors import Invalid, Problem
from mockbc.services import channels as channel_service
from mockbc.store.store import Store

REASONS = ("malformed", "invalid_signature", "wrong_store", "expired", "revoked")


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: str


def _now(store: Store) -> int:
    return int(store.clock.now().timestamp())


def _secret(store: Store) -> str:
    key: d.SigningKey | None = store.storefront_token_keys.get(d.SIGNING_KEY_ID)
    if key is None:
        key = d.SigningKey(d.SIGNING_KEY_ID, secrets.token_hex(32))
        store.storefront_token_keys.put(key.id, key)
    return key.secret


def _channels(store: Store, fields: Mapping[str, Any]) -> list[int]:
    # Upstream: one of the two must be given; both together is undefined there, refused here.
    has_one, has_many = "channel_id" in fields, bool(fields.get("channel_ids"))
    if has_one == has_many:
        raise Invalid("payload", (Problem("channel_id", "channel_one_of"),))
    if has_one:
        channel_id = int(fields["channel_id"])
        if not channel_service.exists(store, channel_id):
            raise Invalid("payload", (Problem("channel_id", "channel_missing", {"id": channel_id}),))
        return [channel_id]
    ids: list[int] = list(dict.fromkeys(fields["channel_ids"]))
    if len(ids) > d.MAX_CHANNEL_IDS:
        raise Invalid("payload", (Problem("channel_ids", "max_items", {"limit": d.MAX_CHANNEL_IDS}),))
    if any(channel_id < 1 for channel_id in ids):
        raise Invalid("payload", (Problem("channel_ids", "minimum", {"limit": 1}),))
    unknown = [channel_id for channel_id in ids if not channel_service.exists(store, channel_id)]
    if unknown:
        raise Invalid("payload", (Problem("channel_ids", "channels_missing", {"ids": unknown}),))
    return ids


def issue(store: Store, kind: d.Kind, fields: Mapping[str, Any], client_id: str) -> IssuedToken:
    absent = [name for name in ("expires_at", *(("scopes",) if kind == "private" else ())) if name not in fields]
    if absent:
        raise Invalid("payload", tuple(Problem(name, "missing") for name in absent))
    channels = _channels(store, fields)
    now = _now(store)
    expires_at = int(fields["expires_at"])
    if expires_at <= now:
        raise Invalid("payload", (Problem("expires_at", "not_in_future", {"now": now}),))
    claims: dict[str, Any] = {
        "cid": channels,
        "cors": list(fields.get("allowed_cors_origins") or ()) if kind == "storefront" else [],
        "eat": expires_at,
        "iat": now,
        "iss": d.ISSUER,
        "jti": uuid.uuid4().hex,
        "sid": store.store_hash,
        "sub": client_id,
        "sub_type": 0,
        "token_type": d.TOKEN_TYPES[kind],
    }
    if kind == "private":
        claims["scopes"] = list(dict.fromkeys(fields["scopes"]))
    return IssuedToken(jwt.encode(claims, _secret(store), algorithm=d.ALGORITHM))


def verify(store: Store, token: str) -> dict[str, Any] | str:
    """The token's claims, or the reason it is refused (one of ``REASONS``). Writes nothing: a
    store that never issued a token has no key, and no token verifies."""
    key: d.SigningKey | None = store.storefront_token_keys.get(d.SIGNING_KEY_ID)
    claims = _decoded(token, key.secret if key is not None else None)
    if isinstance(claims, str):
        return claims
    if claims.get("sid") != store.store_hash or claims.get("iss") != d.ISSUER:
        return "wrong_store"
    if claims["eat"] <= _now(store):
        return "expired"
    if store.storefront_token_revocations.unique("jti", claims["jti"]) is not None:
        return "revoked"
    return claims


# Signature checks remembered per (token, key): a storefront sends one token with every request.
# What changes with time (expiry, revocation) is checked on every call, never remembered.
DECODED_MAX_TOKEN = 4_096  # longer strings are checked every time, not kept


def _decoded(token: str, secret: str | None) -> dict[str, Any] | str:
    return _decode_remembered(token, secret) if len(token) <= DECODED_MAX_TOKEN else _decode(token, secret)


@functools.lru_cache(maxsize=1_024)
def _decode_remembered(token: str, secret: str | None) -> dict[str, Any] | str:
    return _decode(token, secret)


def _decode(token: str, secret: str | None) -> dict[str, Any] | str:
    try:
        if secret is None:
            jwt.decode(token, options={"verify_signature": False})
            return "invalid_signature"
        # Expiry is the eat claim, checked against the store's clock, not PyJWT's exp.
        claims: dict[str, Any] = jwt.decode(
            token, secret, algorithms=[d.ALGORITHM], options={"verify_exp": False, "verify_iat": False}
        )
    except jwt.InvalidSignatureError:
        return "invalid_signature"
    except jwt.PyJWTError:
        return "malformed"
    if not isinstance(claims.get("eat"), int) or not isinstance(claims.get("jti"), str):
        return "malformed"
    return claims


def _forget_expired(store: Store, now: int) -> None:
    table = store.storefront_token_revocations
    for gone in [r.id for r in table.values() if r.expires_at <= now]:
        table.delete(gone)


def revoke(store: Store, token: str | None) -> None:
    """Revoked, already revoked or already expired: done. Not a token of this store: 422."""
    if not token:
        raise Invalid("payload", (Problem("Sf-Api-Token", "sf_token_missing"),))
    outcome = verify(store, token)
    if outcome in ("malformed", "invalid_signature", "wrong_store"):
        raise Invalid("payload", (Problem("Sf-Api-Token", "sf_token_invalid"),))
    if not isinstance(outcome, dict):
        return
    table = store.storefront_token_revocations
    if len(table) >= d.MAX_REVOCATIONS:
        _forget_expired(store, _now(store))
    if len(table) >= d.MAX_REVOCATIONS:
        raise Invalid("payload", (Problem("Sf-Api-Token", "too_many_revocations", {"limit": d.MAX_REVOCATIONS}),))
    revocation = d.Revocation(store.next_id("storefront_token_revocations"), outcome["jti"], outcome["eat"])
    table.put(revocation.id, revocation)
