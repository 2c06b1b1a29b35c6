"""How to property-test the login and storefront flows: storefront token requests, Customer
Login tokens and an app's ``POST /oauth2/token``.

``storefront_token_requests(kind)`` draws bodies the token endpoints accept, and
``invalid_storefront_token_requests(kind)`` an ``InvalidCase`` they refuse with 422.
``customer_login_claims(store_hash, customer_ids, client_id)`` draws claims that sign a shopper
in once signed with the client secret; ``invalid_customer_login_tokens(...)`` draws finished
tokens the storefront refuses (``case.field`` is the login page's error code).
``oauth_token_forms(...)`` / ``invalid_oauth_token_forms(...)`` draw the token request of one
install, as ``(name, value)`` pairs. With the plugin's function-scoped fixtures, draw inside
the test with ``st.data()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockbc import Store
from mockbc.pytest_plugin import BcApiAccount
from mockbc.strategies import (
    InvalidCase,
    customer_login_claims,
    invalid_customer_login_tokens,
    invalid_oauth_token_forms,
    invalid_storefront_token_requests,
    oauth_token_forms,
    storefront_token_requests,
)

PER_EXAMPLE = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@PER_EXAMPLE
@given(data=st.data())
def test_private_token_requests_are_accepted(bc_client: httpx.Client, bc_store: Store, data: st.DataObject) -> None:
    body = data.draw(storefront_token_requests("private"))

    response = bc_client.post(f"/stores/{bc_store.store_hash}/v3/storefront/api-token-private", json=body)

    assert response.status_code == 200
    claims = jwt.decode(response.json()["data"]["token"], options={"verify_signature": False})
    assert claims["scopes"] == body["scopes"]


@PER_EXAMPLE
@given(data=st.data())
def test_bad_token_requests_are_refused(bc_client: httpx.Client, bc_store: Store, data: st.DataObject) -> None:
    case: InvalidCase = data.draw(invalid_storefront_token_requests("storefront"))

    response = bc_client.post(f"/stores/{bc_store.store_hash}/v3/storefront/api-token", json=case.payload)

    assert response.status_code == case.status == 422
    assert list(response.json()["errors"]) == [case.field]


def sign_in(storefront: httpx.Client, token: str) -> bool:
    """Code under test: sends a shopper's login token; whether it opened a session."""
    response = storefront.get(f"/login/token/{token}")
    return response.status_code == 302 and "SHOP_SESSION_TOKEN" in response.cookies


@PER_EXAMPLE
@given(data=st.data())
def test_login_tokens(
    bc_api_account: Callable[..., BcApiAccount], bc_customer: Callable[..., dict[str, Any]], bc_store: Store,
    data: st.DataObject,
) -> None:  # fmt: skip
    account = bc_api_account(scopes=["store_v2_customers_login"])
    customers = [bc_customer()["id"]]
    storefront = account.client()
    storefront.headers["Host"] = f"store-{bc_store.store_hash}.mockbc.test"  # the storefront's own host

    claims = data.draw(customer_login_claims(bc_store.store_hash, customers, account.client_id))
    assert sign_in(storefront, jwt.encode(claims, account.client_secret, algorithm="HS256"))

    case: InvalidCase = data.draw(
        invalid_customer_login_tokens(bc_store.store_hash, customers, account.client_id, account.client_secret)
    )
    refused = storefront.get(f"/login/token/{case.payload}")
    assert refused.headers["location"] == f"/login.php?action=login&error={case.field}"


@PER_EXAMPLE
@given(data=st.data())
def test_token_requests_of_an_install(bc_client: httpx.Client, bc_store: Store, data: st.DataObject) -> None:
    callback = "https://app.example.com/auth"
    app = bc_client.post("/_mockbc/apps", json={"scopes": ["store_v2_orders"], "auth_callback": callback}).json()
    grant = bc_client.post(f"/_mockbc/stores/{bc_store.store_hash}/installs", json={"client_id": app["client_id"]})
    install = {
        "client_id": app["client_id"], "client_secret": app["client_secret"], "code": grant.json()["code"],
        "scope": grant.json()["scope"], "redirect_uri": callback, "context": grant.json()["context"],
    }  # fmt: skip

    case: InvalidCase = data.draw(invalid_oauth_token_forms(**install))
    refused = bc_client.post("/oauth2/token", content=urlencode(case.payload), headers=FORM)
    assert (refused.status_code, refused.json()["error"]) == (case.status, case.field)

    pairs = data.draw(oauth_token_forms(**install))  # the code was not spent by the refusal
    answer = bc_client.post("/oauth2/token", content=urlencode(pairs), headers=FORM)
    assert answer.status_code == 200 and answer.json()["scope"] == "store_v2_orders"
