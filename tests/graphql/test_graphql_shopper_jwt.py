"""``loginWithCustomerLoginJwt``: a Customer Login JWT signs the shopper in over GraphQL under the
rules of ``/login/token/{jwt}`` (HS256 with the client secret of an account holding
``store_v2_customers_login``, iat within 30 seconds, a jti once, whichever endpoint spent it)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import jwt
import pytest
from storefront_kit import NOW, snapshot
from test_graphql_shopper import ERROR_HEADER, EXPIRES, WHO, operation

from mockbc import Store, StoreRegistry
from mockbc.domain.clock import FrozenClock
from mockbc.services import carts, customers
from mockbc.services.customers import NewCustomer
from mockbc.store.registry import ApiAccount

LOGIN_SCOPE = "store_v2_customers_login"
JWT_LOGIN = """
mutation LoginWithJwt($jwt: String!) {
  loginWithCustomerLoginJwt(jwt: $jwt) {
    redirectTo
    customer { entityId email }
    customerAccessToken { value expiresAt }
  }
}"""


@pytest.fixture
def timed(registry: StoreRegistry, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    monkeypatch.setattr(registry, "clock", clock)
    return clock


def account(registry: StoreRegistry, store_hash: str, scopes: list[str]) -> ApiAccount:
    return registry.create_account(store_hash, name=f"sso-{uuid.uuid4()}", scopes=scopes, random=True)


@pytest.fixture
def sso(registry: StoreRegistry, store: Store) -> Iterator[ApiAccount]:
    made = account(registry, store.store_hash, [LOGIN_SCOPE])
    yield made
    registry.accounts.pop(made.access_token, None)


@pytest.fixture
def shopper(store: Store) -> int:
    fields = {"email": "ida@example.com", "first_name": "Ida", "last_name": "Marsh"}
    return customers.create(store, NewCustomer(fields)).id


def signed(issuer: ApiAccount, who: int, secret: str | None = None, **overrides: Any) -> str:
    claims: dict[str, Any] = {
        "iss": issuer.client_id, "iat": NOW, "jti": str(uuid.uuid4()), "operation": "customer_login",
        "store_hash": issuer.store_hash, "customer_id": who,
    }  # fmt: skip
    claims.update(overrides)
    return jwt.encode(claims, secret or issuer.client_secret, algorithm="HS256")


def refusal(reason: str) -> dict[str, Any]:
    return {
        "data": None,
        "errors": [{
            "message": f"The Customer Login JWT is refused ({reason}).", "locations": [{"line": 3, "column": 3}],
            "path": ["loginWithCustomerLoginJwt"],
            "extensions": {"code": "INVALID_CUSTOMER_LOGIN_JWT", "reason": reason},
        }],
    }  # fmt: skip


def test_a_login_jwt_signs_the_shopper_in(sf: httpx.Client, sso: ApiAccount, shopper: int, timed: FrozenClock) -> None:
    body = operation(sf, JWT_LOGIN, {"jwt": signed(sso, shopper, redirect_to="/cart.php")})
    token = body["data"]["loginWithCustomerLoginJwt"]["customerAccessToken"]["value"]
    assert body == {"data": {"loginWithCustomerLoginJwt": {
        "redirectTo": "/cart.php", "customer": {"entityId": shopper, "email": "ida@example.com"},
        "customerAccessToken": {"value": token, "expiresAt": EXPIRES},
    }}}  # fmt: skip
    who = operation(sf, WHO, **{"X-Bc-Customer-Access-Token": token, **ERROR_HEADER})
    assert who == {"data": {"customer": {"entityId": shopper, "email": "ida@example.com"}}}
    again = operation(sf, JWT_LOGIN, {"jwt": signed(sso, shopper)})
    assert again["data"]["loginWithCustomerLoginJwt"]["redirectTo"] == "/account.php"


def test_a_jwt_works_once_whichever_endpoint_spends_it(
    sf: httpx.Client, sso: ApiAccount, shopper: int, timed: FrozenClock, store: Store
) -> None:
    once = signed(sso, shopper)
    assert "customerAccessToken" in operation(sf, JWT_LOGIN, {"jwt": once})["data"]["loginWithCustomerLoginJwt"]
    before = snapshot(store)
    assert operation(sf, JWT_LOGIN, {"jwt": once}) == refusal("token_reused")
    spent_on_the_page = signed(sso, shopper)
    page = sf.get(f"/login/token/{spent_on_the_page}")
    assert (page.status_code, page.headers["location"]) == (302, "/account.php")
    assert operation(sf, JWT_LOGIN, {"jwt": spent_on_the_page}) == refusal("token_reused")
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"iat": NOW - 31}, "token_expired"),
        ({"iat": NOW + 31}, "token_not_yet_valid"),
        ({"store_hash": "someotherstore"}, "wrong_store"),
        ({"operation": "current_customer"}, "invalid_operation"),
        ({"customer_id": 999_999}, "unknown_customer"),
        ({"channel_id": 2}, "wrong_channel"),
        ({"redirect_to": "https://evil.example/"}, "invalid_redirect"),
        ({"request_ip": "203.0.113.9"}, "ip_mismatch"),
    ],
)
def test_refused_claims_sign_no_one_in(
    sf: httpx.Client, sso: ApiAccount, shopper: int, timed: FrozenClock, store: Store,
    overrides: dict[str, Any], reason: str,
) -> None:  # fmt: skip
    before = snapshot(store)
    assert operation(sf, JWT_LOGIN, {"jwt": signed(sso, shopper, **overrides)}) == refusal(reason)
    assert snapshot(store) == before


def test_a_wrongly_signed_or_malformed_jwt_is_refused(
    sf: httpx.Client, sso: ApiAccount, shopper: int, timed: FrozenClock
) -> None:
    assert operation(sf, JWT_LOGIN, {"jwt": signed(sso, shopper, secret="x" * 64)}) == refusal("invalid_signature")
    assert operation(sf, JWT_LOGIN, {"jwt": "not.a.jwt"}) == refusal("malformed_token")
    none_alg = jwt.encode({"iss": sso.client_id}, None, algorithm="none")
    assert operation(sf, JWT_LOGIN, {"jwt": none_alg}) == refusal("malformed_token")


def test_only_an_account_of_this_store_with_the_login_scope_signs(
    sf: httpx.Client, registry: StoreRegistry, store: Store, shopper: int, timed: FrozenClock
) -> None:
    unscoped = account(registry, store.store_hash, ["store_v2_customers"])
    other_store = registry.create_store("jwtotherstore", fixtures="empty")
    elsewhere = account(registry, other_store.store_hash, [LOGIN_SCOPE])
    try:
        assert operation(sf, JWT_LOGIN, {"jwt": signed(unscoped, shopper)}) == refusal("missing_scope")
        foreign = signed(elsewhere, shopper, store_hash=store.store_hash)
        assert operation(sf, JWT_LOGIN, {"jwt": foreign}) == refusal("invalid_issuer")
    finally:
        registry.accounts.pop(unscoped.access_token, None)


JWT_LOGIN_WITH_CART = """
mutation LoginWithJwt($jwt: String!, $cart: String) {
  loginWithCustomerLoginJwt(jwt: $jwt, guestCartEntityId: $cart) { customer { entityId } }
}"""


def test_a_guest_cart_is_handed_over_and_a_foreign_one_spends_no_jti(
    sf: httpx.Client, sso: ApiAccount, shopper: int, timed: FrozenClock, store: Store
) -> None:
    someone = customers.create(store, NewCustomer({"email": "tom@example.com", "first_name": "T", "last_name": "R"}))
    item = ({"name": "Mug", "quantity": 1, "list_price": 5},)
    foreign = carts.create(store, carts.CartInput(custom_items=item), customer_id=someone.id)
    guest = carts.create(store, carts.CartInput(custom_items=item))
    token = signed(sso, shopper)
    before = snapshot(store)
    assert operation(sf, JWT_LOGIN_WITH_CART, {"jwt": token, "cart": foreign.id}) == {"data": None, "errors": [{
        "message": f"No guest cart {foreign.id!r} to assign on this storefront.", "locations": [{"line": 3, "column": 3}],
        "path": ["loginWithCustomerLoginJwt"], "extensions": {"code": "BAD_USER_INPUT"},
    }]}  # fmt: skip
    assert snapshot(store) == before
    body = operation(sf, JWT_LOGIN_WITH_CART, {"jwt": token, "cart": guest.id})
    assert body == {"data": {"loginWithCustomerLoginJwt": {"customer": {"entityId": shopper}}}}
    assert store.carts.require(guest.id).customer_id == shopper
    assert store.carts.require(foreign.id).customer_id == someone.id
