"""Storefront API tokens through HTTP: each kind decoded and its claims checked, each refusal's
full body, revocation, scopes, and ``verify`` as the storefront GraphQL API will use it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import jwt
import pytest

from mockbc import Store
from mockbc.domain import storefront_tokens as d
from mockbc.domain.clock import FrozenClock
from mockbc.pytest_plugin import BcApiAccount
from mockbc.services import storefront_tokens as service

NOW = 1_900_000_000
LATER = NOW + 3600
TYPE = "/api-docs/getting-started/api-status-codes"
PAYLOAD = "The request payload is invalid."
BODY = "JSON data is missing or invalid"
CREATE = "/stores/{store_hash}/v3/storefront/api-token"
PRIVATE = "/stores/{store_hash}/v3/storefront/api-token-private"
IMPERSONATION = "/stores/{store_hash}/v3/storefront/api-token-customer-impersonation"
MISSING_SCOPE = {
    "status": 403,
    "title": "Missing scope - the v3 Auth token is valid but does not have proper permissions to access this endpoint.",
    "type": TYPE,
}


@pytest.fixture(autouse=True)
def frozen(bc_store: Store, monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    clock = FrozenClock(datetime.fromtimestamp(NOW, UTC))
    monkeypatch.setattr(bc_store, "clock", clock)
    return clock


def _secret(store: Store) -> str:
    key: d.SigningKey = store.storefront_token_keys.require(d.SIGNING_KEY_ID)
    return key.secret


def _decoded(store: Store, token: str) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.decode(token, _secret(store), algorithms=["HS256"], options={"verify_iat": False})
    return claims


def _invalid(errors: dict[str, str], title: str = PAYLOAD) -> dict[str, Any]:
    return {"status": 422, "title": title, "type": TYPE, "errors": errors}


def _token(client: httpx.Client, store: Store, url: str = CREATE, **body: Any) -> str:
    response = client.post(url.format(store_hash=store.store_hash), json={"expires_at": LATER, **body})
    assert response.status_code == 200, response.text
    payload = response.json()
    assert payload["meta"] == {}
    assert list(payload["data"]) == ["token"]
    token: str = payload["data"]["token"]
    return token


def test_storefront_token_claims(bc_api_account: Callable[..., BcApiAccount], bc_store: Store) -> None:
    account = bc_api_account(scopes=["store_storefront_api"])
    origins = ["https://shop.example", "https://www.shop.example"]
    token = _token(account.client(), bc_store, channel_id=1, allowed_cors_origins=origins)

    assert jwt.get_unverified_header(token)["alg"] == "HS256"
    claims = _decoded(bc_store, token)
    assert claims == {
        "cid": [1],
        "cors": origins,
        "eat": LATER,
        "iat": NOW,
        "iss": "BC",
        "jti": claims["jti"],
        "sid": bc_store.store_hash,
        "sub": account.client_id,
        "sub_type": 0,
        "token_type": 1,
    }
    assert service.verify(bc_store, token) == claims


def test_private_token_claims(bc_client: httpx.Client, bc_store: Store) -> None:
    token = _token(bc_client, bc_store, PRIVATE, channel_ids=[1, 3, 1], scopes=["Customer", "B2B"])

    claims = _decoded(bc_store, token)
    assert (claims["cid"], claims["cors"], claims["token_type"]) == ([1, 3], [], 3)
    assert claims["scopes"] == ["Customer", "B2B"]


def test_impersonation_token_claims(bc_api_account: Callable[..., BcApiAccount], bc_store: Store) -> None:
    account = bc_api_account(scopes=["store_storefront_api_customer_impersonation"])
    token = _token(account.client(), bc_store, IMPERSONATION, channel_ids=[2])

    claims = _decoded(bc_store, token)
    assert (claims["cid"], claims["cors"], claims["token_type"], claims["sub"]) == ([2], [], 2, account.client_id)
    assert "scopes" not in claims


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"channel_id": "Give either channel_id or channel_ids, not both and not neither."}),
        ({"channel_ids": []}, {"channel_id": "Give either channel_id or channel_ids, not both and not neither."}),
        (
            {"channel_id": 1, "channel_ids": [2]},
            {"channel_id": "Give either channel_id or channel_ids, not both and not neither."},
        ),
        ({"channel_ids": [0]}, {"channel_ids": "must be at least 1"}),
        ({"channel_ids": list(range(1, 102))}, {"channel_ids": "must have at most 100 items"}),
        # The demo store has channels 1, 2 and 3.
        ({"channel_id": 7}, {"channel_id": "Channel 7 does not exist."}),
        ({"channel_ids": [1, 8]}, {"channel_ids": "Channel 8 does not exist."}),
        ({"channel_ids": [9, 2, 8, 9]}, {"channel_ids": "Channels 9 and 8 do not exist."}),
        ({"channel_id": 1, "expires_at": NOW}, {"expires_at": f"must be a unix time after now ({NOW})"}),
        ({"channel_id": 1, "expires_at": 0}, {"expires_at": f"must be a unix time after now ({NOW})"}),
    ],
)
def test_refused_bodies(bc_client: httpx.Client, bc_store: Store, body: dict[str, Any], errors: dict[str, str]) -> None:
    response = bc_client.post(CREATE.format(store_hash=bc_store.store_hash), json={"expires_at": LATER, **body})

    assert response.status_code == 422
    assert response.json() == _invalid(errors)
    assert len(bc_store.storefront_token_keys) == 0  # nothing written: no signing key yet


@pytest.mark.mockbc(contract=False)
def test_third_cors_origin_is_refused(bc_client: httpx.Client, bc_store: Store) -> None:
    origins = ["https://a.example", "https://b.example", "https://c.example"]
    response = bc_client.post(
        CREATE.format(store_hash=bc_store.store_hash),
        json={"expires_at": LATER, "channel_id": 1, "allowed_cors_origins": origins},
    )

    assert response.status_code == 422
    assert response.json() == _invalid({"allowed_cors_origins": "must have at most 2 items"}, BODY)


@pytest.mark.mockbc(contract=False)
def test_missing_expires_at_and_scopes(bc_client: httpx.Client, bc_store: Store) -> None:
    response = bc_client.post(IMPERSONATION.format(store_hash=bc_store.store_hash), json={"channel_id": 1})
    assert response.status_code == 422
    assert response.json() == _invalid({"expires_at": "error.path.missing"}, BODY)

    response = bc_client.post(
        PRIVATE.format(store_hash=bc_store.store_hash), json={"expires_at": LATER, "channel_id": 1}
    )
    assert response.status_code == 422
    assert response.json() == _invalid({"scopes": "error.path.missing"}, BODY)


@pytest.mark.mockbc(contract=False)
def test_unknown_field_is_refused(bc_client: httpx.Client, bc_store: Store) -> None:
    response = bc_client.post(
        IMPERSONATION.format(store_hash=bc_store.store_hash),
        json={"expires_at": LATER, "channel_id": 1, "allowed_cors_origins": ["https://a.example"]},
    )

    assert response.status_code == 422
    assert response.json() == _invalid({"allowed_cors_origins": "is not a field this resource accepts"}, BODY)
    assert len(bc_store.storefront_token_keys) == 0


def test_revoke_then_verify_says_revoked(bc_client: httpx.Client, bc_store: Store) -> None:
    token = _token(bc_client, bc_store, channel_id=1)
    url = CREATE.format(store_hash=bc_store.store_hash)

    response = bc_client.delete(url, headers={"Sf-Api-Token": token})
    assert (response.status_code, response.content) == (200, b"")
    assert service.verify(bc_store, token) == "revoked"
    # Revoking it again is accepted and remembers it once.
    assert bc_client.delete(url, headers={"Sf-Api-Token": token}).status_code == 200
    assert len(bc_store.storefront_token_revocations) == 1


@pytest.mark.mockbc(contract=False)
@pytest.mark.parametrize(
    ("headers", "errors"),
    [
        ({}, {"Sf-Api-Token": "The Sf-Api-Token header naming the token to revoke is required."}),
        (
            {"Sf-Api-Token": "not-a-jwt"},
            {"Sf-Api-Token": "The Sf-Api-Token header does not hold a storefront token of this store."},
        ),
        (
            {"Sf-Api-Token": jwt.encode({"eat": LATER, "jti": "x"}, "another-secret-of-32-bytes-at-least", "HS256")},
            {"Sf-Api-Token": "The Sf-Api-Token header does not hold a storefront token of this store."},
        ),
    ],
)
def test_revoke_refusals(
    bc_client: httpx.Client, bc_store: Store, headers: dict[str, str], errors: dict[str, str]
) -> None:
    response = bc_client.delete(CREATE.format(store_hash=bc_store.store_hash), headers=headers)

    assert response.status_code == 422
    assert response.json() == _invalid(errors)
    assert len(bc_store.storefront_token_revocations) == 0


def test_verify_reasons(bc_client: httpx.Client, bc_store: Store, frozen: FrozenClock) -> None:
    token = _token(bc_client, bc_store, channel_id=1)
    secret = _secret(bc_store)
    claims = _decoded(bc_store, token)

    assert service.verify(bc_store, "garbage") == "malformed"
    assert service.verify(bc_store, token[:-2] + ("AA" if not token.endswith("AA") else "BB")) == "invalid_signature"
    assert service.verify(bc_store, jwt.encode({**claims, "sid": "other"}, secret, "HS256")) == "wrong_store"
    assert service.verify(bc_store, jwt.encode({"sid": bc_store.store_hash}, secret, "HS256")) == "malformed"
    frozen.set(datetime.fromtimestamp(LATER, UTC))
    assert service.verify(bc_store, token) == "expired"


def test_expired_token_is_not_remembered(bc_client: httpx.Client, bc_store: Store, frozen: FrozenClock) -> None:
    token = _token(bc_client, bc_store, channel_id=1)
    frozen.set(datetime.fromtimestamp(LATER + 1, UTC))

    response = bc_client.delete(CREATE.format(store_hash=bc_store.store_hash), headers={"Sf-Api-Token": token})
    assert response.status_code == 200
    assert len(bc_store.storefront_token_revocations) == 0


def test_revocations_are_bounded(
    bc_client: httpx.Client, bc_store: Store, frozen: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(d, "MAX_REVOCATIONS", 2)
    url = CREATE.format(store_hash=bc_store.store_hash)
    short = _token(bc_client, bc_store, channel_id=1, expires_at=NOW + 10)
    long_lived = [_token(bc_client, bc_store, channel_id=1) for _ in range(2)]
    for token in (short, long_lived[0]):
        assert bc_client.delete(url, headers={"Sf-Api-Token": token}).status_code == 200

    response = bc_client.delete(url, headers={"Sf-Api-Token": long_lived[1]})
    assert response.status_code == 422
    assert response.json() == _invalid({"Sf-Api-Token": "At most 2 unexpired tokens can be revoked at once."})

    frozen.set(datetime.fromtimestamp(NOW + 10, UTC))  # the short token has expired: its place is free
    assert bc_client.delete(url, headers={"Sf-Api-Token": long_lived[1]}).status_code == 200
    assert service.verify(bc_store, long_lived[1]) == "revoked"
    assert len(bc_store.storefront_token_revocations) == 2


def test_reset_forgets_the_signing_key(bc_client: httpx.Client, bc_store: Store) -> None:
    token = _token(bc_client, bc_store, channel_id=1)
    bc_store.reset()

    assert service.verify(bc_store, token) == "invalid_signature"


@pytest.mark.parametrize(
    ("scope", "url"),
    [
        ("store_storefront_api_customer_impersonation", CREATE),
        ("store_storefront_api_customer_impersonation", PRIVATE),
        ("store_storefront_api", IMPERSONATION),
        ("store_v2_products", CREATE),
    ],
)
def test_scope_refusal(bc_api_account: Callable[..., BcApiAccount], bc_store: Store, scope: str, url: str) -> None:
    client = bc_api_account(scopes=[scope]).client()
    body = {"expires_at": LATER, "channel_id": 1, "scopes": ["Customer"]}
    response = client.post(url.format(store_hash=bc_store.store_hash), json=body)

    assert response.status_code == 403
    assert response.json() == MISSING_SCOPE


def test_revoke_needs_the_storefront_scope(bc_api_account: Callable[..., BcApiAccount], bc_store: Store) -> None:
    client = bc_api_account(scopes=["store_storefront_api_customer_impersonation"]).client()
    response = client.delete(CREATE.format(store_hash=bc_store.store_hash), headers={"Sf-Api-Token": "x"})

    assert response.status_code == 403
    assert response.json() == MISSING_SCOPE


def test_verifying_on_a_store_that_never_issued_a_token_writes_nothing(bc_store: Store) -> None:
    foreign = jwt.encode({"sid": bc_store.store_hash, "eat": 2**31, "jti": "x", "iss": "BC"}, "k" * 32)
    assert service.verify(bc_store, foreign) == "invalid_signature"
    assert service.verify(bc_store, "not-a-jwt") == "malformed"
    assert len(bc_store.storefront_token_keys) == 0
