"""The login and storefront strategies against the mock: every valid payload is accepted, every
invalid one refused in its endpoint's shape, and a refusal changes nothing."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

import jwt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from strategies_support import ERROR_TYPE, V3, Mock, http_settings

from mockbc.presentation.oauth import OAUTH_ERRORS
from mockbc.store.sessions import SESSION_COOKIE
from mockbc.strategies import (
    InvalidCase,
    customer_login_claims,
    invalid_customer_login_tokens,
    invalid_oauth_token_forms,
    invalid_storefront_token_requests,
    oauth_token_forms,
    storefront_token_requests,
)

DEMO = Mock("demo")
PATHS = {
    "storefront": f"{V3}/storefront/api-token",
    "private": f"{V3}/storefront/api-token-private",
    "impersonation": f"{V3}/storefront/api-token-customer-impersonation",
}
KINDS = st.sampled_from(tuple(PATHS))
TOKEN_TYPES = {"storefront": 1, "impersonation": 2, "private": 3}
CALLBACK = "https://app.example.com/auth"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
REGISTRY = DEMO.app.state.registry
APP = DEMO.client.post(
    "/_mockbc/apps", json={"scopes": ["store_v2_products_read_only", "store_v2_orders"], "auth_callback": CALLBACK}
).json()


def teardown_module() -> None:
    DEMO.close()


def _customer_ids() -> list[int]:
    return sorted(c.id for c in DEMO.store.customers.values())


def _install() -> dict[str, str]:
    grant = DEMO.client.post(f"/_mockbc/stores/{DEMO.store.store_hash}/installs", json={"client_id": APP["client_id"]})
    assert grant.status_code == 201, grant.text
    answer = grant.json()
    return {
        "client_id": APP["client_id"], "client_secret": APP["client_secret"], "code": answer["code"],
        "scope": answer["scope"], "redirect_uri": CALLBACK, "context": answer["context"],
    }  # fmt: skip


def _post_form(pairs: list[tuple[str, str]], as_json: bool) -> Any:
    if as_json:
        return DEMO.client.post("/oauth2/token", json=dict(pairs))
    return DEMO.client.post("/oauth2/token", content=urlencode(pairs), headers=FORM)


# ---------------------------------------------------------------- storefront tokens


@http_settings(60)
@given(data=st.data(), kind=KINDS)
def test_storefront_token_requests_are_accepted_as_drawn(data: st.DataObject, kind: str) -> None:
    DEMO.reset()
    body = data.draw(storefront_token_requests(kind, store=DEMO.store))
    # The demo store's channels: 1, 2 and 3.
    assert set(body.get("channel_ids", [body.get("channel_id")])) <= {1, 2, 3}

    response = DEMO.client.post(PATHS[kind], json=body)

    assert response.status_code == 200, response.text
    claims = jwt.decode(response.json()["data"]["token"], options={"verify_signature": False})
    assert claims["token_type"] == TOKEN_TYPES[kind] and claims["eat"] == body["expires_at"]
    assert claims["cid"] == body.get("channel_ids", [body.get("channel_id")])
    assert claims["cors"] == body.get("allowed_cors_origins", [])
    assert claims.get("scopes") == body.get("scopes")


@http_settings(120)
@given(data=st.data(), kind=KINDS)
def test_invalid_storefront_token_requests_are_refused_and_change_nothing(data: st.DataObject, kind: str) -> None:
    DEMO.reset()
    before = DEMO.counts()
    case: InvalidCase = data.draw(invalid_storefront_token_requests(kind, store=DEMO.store))

    response = DEMO.client.post(PATHS[kind], json=case.payload)

    assert response.status_code == 422, f"{case.reason}: {response.text}"
    body = response.json()
    assert set(body) == {"status", "title", "type", "errors"} and body["status"] == 422
    assert body["type"] == ERROR_TYPE
    assert list(body["errors"]) == [case.field], case.reason
    assert DEMO.counts() == before


@settings(max_examples=30, deadline=None)
@given(body=storefront_token_requests("private"))
def test_storefront_token_requests_without_a_store_name_channel_1(body: dict[str, Any]) -> None:
    assert body.get("channel_ids", [body.get("channel_id")]) == [1]


@settings(max_examples=60, deadline=None)
@given(case=invalid_storefront_token_requests(store=DEMO.store))
def test_invalid_storefront_token_requests_given_a_store_name_its_missing_channels(case: InvalidCase) -> None:
    if "does not have" in case.reason:
        ids = case.payload.get("channel_ids", [case.payload.get("channel_id")])
        assert max(ids) > 3


# ---------------------------------------------------------------- Customer Login


@http_settings(60)
@given(data=st.data())
def test_customer_login_claims_sign_a_shopper_in(data: st.DataObject) -> None:
    account = DEMO.app.state.default_account
    claims = data.draw(
        customer_login_claims(DEMO.store.store_hash, _customer_ids(), account.client_id, channel_ids=[1, 2, 3])
    )
    sessions = len(REGISTRY.sessions)

    response = DEMO.client.get(f"/login/token/{jwt.encode(claims, account.client_secret, algorithm='HS256')}")

    assert response.status_code == 302, response.text
    assert response.headers["location"] == claims.get("redirect_to", "/account.php")
    session = REGISTRY.sessions.get(response.cookies[SESSION_COOKIE])
    assert (session.customer_id, session.channel_id) == (claims["customer_id"], claims.get("channel_id", 1))
    assert len(REGISTRY.sessions) == sessions + 1


@http_settings(150)
@given(data=st.data())
def test_invalid_customer_login_tokens_are_refused_and_open_no_session(data: st.DataObject) -> None:
    account = DEMO.app.state.default_account
    case: InvalidCase = data.draw(
        invalid_customer_login_tokens(DEMO.store.store_hash, _customer_ids(), account.client_id, account.client_secret)
    )
    sessions = len(REGISTRY.sessions)

    response = DEMO.client.get(f"/login/token/{case.payload}")

    assert response.status_code == case.status == 302, case.reason
    assert response.headers["location"] == f"/login.php?action=login&error={case.field}", case.reason
    assert SESSION_COOKIE not in response.cookies and len(REGISTRY.sessions) == sessions


# ---------------------------------------------------------------- POST /oauth2/token


@http_settings(40)
@given(data=st.data(), as_json=st.booleans())
def test_oauth_token_forms_are_exchanged_for_a_token(data: st.DataObject, as_json: bool) -> None:
    fields = _install()
    pairs = data.draw(oauth_token_forms(**fields))

    response = _post_form(pairs, as_json)

    assert response.status_code == 200, response.text
    answer = response.json()
    assert (answer["scope"], answer["context"]) == (fields["scope"], fields["context"])
    token = answer["access_token"]
    assert DEMO.client.get(f"{V3}/catalog/products/77", headers={"X-Auth-Token": token}).status_code == 200


@http_settings(120)
@given(data=st.data(), as_json=st.booleans())
def test_invalid_oauth_token_forms_are_refused_and_spend_nothing(data: st.DataObject, as_json: bool) -> None:
    fields = _install()
    case: InvalidCase = data.draw(invalid_oauth_token_forms(**fields))
    accounts, pending = len(REGISTRY.accounts), REGISTRY.apps.pending_codes

    response = _post_form(case.payload, as_json)

    assert response.status_code == case.status, f"{case.reason}: {response.text}"
    body = response.json()
    assert set(body) == {"error", "error_description"} and body["error"] == case.field, case.reason
    if case.reason.startswith(("missing", "empty")):
        sent = {n for n, v in case.payload if v}
        missing = [
            n
            for n in ("client_id", "client_secret", "code", "scope", "grant_type", "redirect_uri", "context")
            if n not in sent
        ]
        assert body["error_description"] == f"Missing required field(s): {', '.join(missing)}."
    else:
        assert body["error_description"] in {d for _, _, d in OAUTH_ERRORS.values()}
    assert (len(REGISTRY.accounts), REGISTRY.apps.pending_codes) == (accounts, pending)
    retry = _post_form([(n, v) for n, v in data.draw(oauth_token_forms(**fields))], as_json)
    assert retry.status_code == 200, "the refused request spent the code"


def test_a_repeated_field_is_refused() -> None:
    fields = _install()
    pairs = [(n, fields.get(n, "authorization_code")) for n in ("client_id", "client_secret", "code", "scope",
             "grant_type", "redirect_uri", "context")] + [("scope", fields["scope"])]  # fmt: skip

    response = _post_form(pairs, as_json=False)

    assert response.status_code == 400
    assert response.json() == {
        "error": "invalid_request", "error_description": "A field appears more than once; each may be sent once.",
    }  # fmt: skip


# ---------------------------------------------------------------- arguments


@pytest.mark.parametrize(
    ("strategy", "message"),
    [
        (storefront_token_requests("admin"), "storefront_token_requests(kind='admin') must be one of storefront, private, impersonation"),
        (invalid_storefront_token_requests(now="soon"),  # type: ignore[arg-type]
         "invalid_storefront_token_requests(now='soon') must be unix seconds"),
        (customer_login_claims("abc", [], "cid"), "customer_login_claims(customer_ids=[]) must be a non-empty list"),
        (customer_login_claims("", [1], "cid"), "customer_login_claims(store_hash='') must be a non-empty string"),
        (invalid_customer_login_tokens("abc", [1], "cid", ""), "invalid_customer_login_tokens(client_secret='') must be"),
        (oauth_token_forms(client_id="c", client_secret="s", code="", scope="x", redirect_uri="u", context="stores/a"),
         "oauth_token_forms(code='') must be a non-empty string"),
    ],
)  # fmt: skip
def test_bad_arguments_raise_invalid_argument(strategy: st.SearchStrategy[Any], message: str) -> None:
    @settings(max_examples=1, database=None, deadline=None)
    @given(strategy)
    def draw(value: Any) -> None:
        pass

    with pytest.raises(InvalidArgument, match=re.escape(message)):
        draw()
