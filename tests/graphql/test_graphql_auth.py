"""Who may call ``/graphql``: each refusal of a token with its full 401 body, the storefront's channel
and store from the ``Host``, customer impersonation, and CORS for a storefront token's origins."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import httpx
import pytest
from starlette.applications import Starlette
from storefront_kit import LATER, NOW, ORIGIN, gql

from mockbc import Store
from mockbc.domain.clock import FrozenClock
from mockbc.http.inprocess import InProcessTransport
from mockbc.services import storefront_tokens
from mockbc.store.registry import StoreRegistry

QUERY = "{ site { settings { storeHash channelId } } }"


def refused(message: str) -> dict[str, object]:
    return {"errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]}


def client(app: Starlette, host: str, token: str | None = None, **headers: str) -> httpx.Client:
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.Client(transport=InProcessTransport(app), base_url=f"http://{host}", headers=headers)


def test_each_kind_of_token_is_accepted(app: Starlette, store: Store, issue: Callable[..., str]) -> None:
    for kind in ("storefront", "private", "impersonation"):
        with client(app, f"store-{store.store_hash}.mybigcommerce.test", issue(kind)) as http:
            response = gql(http, QUERY)
        assert response.status_code == 200, kind
        assert response.json() == {"data": {"site": {"settings": {"storeHash": store.store_hash, "channelId": 1}}}}


def test_a_channel_host_reads_that_channel(app: Starlette, store: Store, issue: Callable[..., str]) -> None:
    with client(app, f"store-{store.store_hash}-2.mybigcommerce.test", issue(channel_ids=[1, 2])) as http:
        assert gql(http, QUERY).json()["data"]["site"]["settings"]["channelId"] == 2


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer   ", "Basic abc", "Token abc"],
)
def test_no_token(app: Starlette, store: Store, clock: FrozenClock, authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    with client(app, f"store-{store.store_hash}.mybigcommerce.test", **headers) as http:
        response = gql(http, QUERY)
    assert response.status_code == 401
    assert response.json() == refused("GraphQL credentials were missing. No token was sent.")


def test_not_a_jwt(sf: httpx.Client) -> None:
    response = gql(sf, QUERY, headers={"Authorization": "Bearer not-a-token"})
    assert (response.status_code, response.json()) == (401, refused("Invalid token: String is not a JWT"))


def test_bad_signature(sf: httpx.Client, token: str) -> None:
    head, claims, signature = token.split(".")
    forged = f"{head}.{claims}.{signature[:-4]}{'AAAA' if signature[-4:] != 'AAAA' else 'BBBB'}"
    response = gql(sf, QUERY, headers={"Authorization": f"Bearer {forged}"})
    assert (response.status_code, response.json()) == (401, refused("Invalid token: JWT signature is invalid"))


def test_expired(sf: httpx.Client, clock: FrozenClock) -> None:
    assert gql(sf, QUERY).status_code == 200
    clock.set(clock.now() + timedelta(seconds=LATER - NOW))
    response = gql(sf, QUERY)
    assert (response.status_code, response.json()) == (401, refused("Invalid token: JWT is expired"))


@pytest.mark.parametrize("other", ["othergql1", "nosuchstore9"])
def test_wrong_store(app: Starlette, registry: StoreRegistry, store: Store, token: str, other: str) -> None:
    if other == "othergql1":
        registry.create_store(other, fixtures="empty")
    with client(app, f"store-{other}.mybigcommerce.test", token) as http:
        response = gql(http, QUERY)
    assert (response.status_code, response.json()) == (
        401, refused("Invalid token: JWT store id doesn't match store id of the URL"),
    )  # fmt: skip


def test_wrong_channel(app: Starlette, store: Store, token: str) -> None:
    with client(app, f"store-{store.store_hash}-3.mybigcommerce.test", token) as http:
        response = gql(http, QUERY)
    assert (response.status_code, response.json()) == (
        401, refused("Invalid token: JWT channel id doesn't match channel id of the URL"),
    )  # fmt: skip


def test_a_host_naming_a_channel_the_store_does_not_have(
    app: Starlette, store: Store, issue: Callable[..., str]
) -> None:
    # The demo store has channels 1, 2 and 3; a token can name only those, so no token opens channel 7's host.
    every = issue(channel_ids=[1, 2, 3])
    with client(app, f"store-{store.store_hash}-7.mybigcommerce.test", every) as http:
        response = gql(http, QUERY)
    assert (response.status_code, response.json()) == (
        401, refused("Invalid token: JWT channel id doesn't match channel id of the URL"),
    )  # fmt: skip
    with client(app, f"store-{store.store_hash}-3.mybigcommerce.test", every) as http:
        answered = gql(http, QUERY)
    assert answered.json() == {"data": {"site": {"settings": {"storeHash": store.store_hash, "channelId": 3}}}}


def test_revoked(sf: httpx.Client, store: Store, token: str) -> None:
    storefront_tokens.revoke(store, token)
    response = gql(sf, QUERY)
    assert (response.status_code, response.json()) == (401, refused("Unknown JWT token"))


def test_every_request_is_journaled(sf: httpx.Client, registry: StoreRegistry, store: Store) -> None:
    gql(sf, QUERY, headers={"Authorization": "Bearer nope"})
    gql(sf, QUERY)
    sf.options("/graphql")
    entries = [(e.method, e.path, e.status, e.store_hash) for e in registry.journal]
    assert entries[-3:] == [
        ("POST", "/graphql", 401, store.store_hash),
        ("POST", "/graphql", 200, store.store_hash),
        ("OPTIONS", "/graphql", 204, store.store_hash),
    ]


def test_impersonation_reads_the_customer_id_header(app: Starlette, store: Store, issue: Callable[..., str]) -> None:
    host = f"store-{store.store_hash}.mybigcommerce.test"
    with client(app, host, issue("impersonation"), **{"X-Bc-Customer-Id": "abc"}) as http:
        response = gql(http, QUERY)
    assert (response.status_code, response.json()) == (
        401, refused("Invalid X-Bc-Customer-Id header: it must be a customer id."),
    )  # fmt: skip
    # Only an impersonation token impersonates: a storefront token ignores the header.
    with client(app, host, issue(), **{"X-Bc-Customer-Id": "abc"}) as http:
        assert gql(http, QUERY).status_code == 200
    with client(app, host, issue("impersonation"), **{"X-Bc-Customer-Id": "7"}) as http:
        assert gql(http, QUERY).status_code == 200


def test_cors_names_only_the_tokens_origins(
    sf: httpx.Client, app: Starlette, store: Store, issue: Callable[..., str]
) -> None:
    allowed = gql(sf, QUERY, headers={"Origin": ORIGIN})
    assert allowed.headers["access-control-allow-origin"] == ORIGIN
    assert allowed.headers["access-control-allow-credentials"] == "true"
    assert "X-Bc-Graphql-Complexity" in allowed.headers["access-control-expose-headers"]
    assert allowed.headers["vary"] == "Origin"
    other = gql(sf, QUERY, headers={"Origin": "https://evil.example"})
    assert other.status_code == 200 and "access-control-allow-origin" not in other.headers
    # A private token is server-to-server: no origin may read its answers.
    with client(app, f"store-{store.store_hash}.mybigcommerce.test", issue("private")) as http:
        assert "access-control-allow-origin" not in gql(http, QUERY, headers={"Origin": ORIGIN}).headers


def test_preflight(sf: httpx.Client) -> None:
    response = sf.options("/graphql", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"})
    assert response.status_code == 204
    assert response.content == b""
    assert {k: response.headers[k] for k in ("access-control-allow-origin", "access-control-allow-methods")} == {
        "access-control-allow-origin": ORIGIN,
        "access-control-allow-methods": "GET, POST, OPTIONS",
    }
    assert "Authorization" in response.headers["access-control-allow-headers"]
    assert "access-control-allow-origin" not in sf.options("/graphql").headers
