"""Apps and the OAuth install flow: register an app, install it on a store, exchange the code at
``POST /oauth2/token``, and use the token it gives on the REST APIs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import pytest

from mockbc import create_app
from mockbc.domain.clock import FrozenClock
from mockbc.fixtures import load_seed
from mockbc.http.app import MockApp
from mockbc.http.inprocess import InProcessTransport
from mockbc.store.apps import account_uuid, store_owner
from mockbc.store.registry import StoreRegistry

START = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
STORE, OTHER = "appstore1", "appstore2"
CALLBACK = "https://app.example.com/auth"
PRODUCTS = f"/stores/{STORE}/v3/catalog/products"
FORBIDDEN = {
    "status": 403,
    "title": "Missing scope - the v3 Auth token is valid but does not have proper permissions to access this endpoint.",
    "type": "/api-docs/getting-started/api-status-codes",
}
UNAUTHORIZED = {
    "status": 401,
    "title": "Unauthorized - the v3 Auth client ID or token in the request are not a valid combination for this store.",
    "type": "/api-docs/getting-started/api-status-codes",
}
INVALID_CODE = {
    "error": "invalid_grant",
    "error_description": "The authorization code is invalid or has already been used.",
}
CONTROL_TYPE = "/_mockbc/errors"


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


@pytest.fixture
def mock(clock: FrozenClock) -> MockApp:
    registry = StoreRegistry(clock=clock, seed_loader=load_seed, default_store_hash=STORE)
    registry.create_store(STORE, fixtures="empty")
    registry.create_store(OTHER, fixtures="empty")
    return create_app(registry)


@pytest.fixture
def http(mock: MockApp) -> Iterator[httpx.Client]:
    with httpx.Client(transport=InProcessTransport(mock), base_url="http://127.0.0.1:8000") as client:
        yield client


def register(http: httpx.Client, **fields: Any) -> dict[str, Any]:
    body = {"scopes": ["store_v2_products_read_only"], "auth_callback": CALLBACK, **fields}
    response = http.post("/_mockbc/apps", json=body)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def install(http: httpx.Client, client_id: str, store_hash: str = STORE, **fields: Any) -> dict[str, Any]:
    response = http.post(f"/_mockbc/stores/{store_hash}/installs", json={"client_id": client_id, **fields})
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def exchange_fields(app: dict[str, Any], grant: dict[str, Any]) -> dict[str, str]:
    return {
        "client_id": app["client_id"], "client_secret": app["client_secret"], "code": grant["code"],
        "scope": grant["scope"], "grant_type": "authorization_code", "redirect_uri": CALLBACK,
        "context": grant["context"],
    }  # fmt: skip


def exchange(http: httpx.Client, app: dict[str, Any], grant: dict[str, Any], **override: str) -> httpx.Response:
    return http.post("/oauth2/token", json={**exchange_fields(app, grant), **override})


def installed_token(http: httpx.Client, app: dict[str, Any], store_hash: str = STORE) -> str:
    response = exchange(http, app, install(http, app["client_id"], store_hash))
    assert response.status_code == 200, response.text
    return response.json()["access_token"]  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- registering apps


def test_register_an_app_with_given_credentials(http: httpx.Client) -> None:
    response = http.post(
        "/_mockbc/apps",
        json={"client_id": "myapp", "client_secret": "s3cret", "scopes": ["store_v2_orders"], "auth_callback": CALLBACK,
              "load_callback": "https://app.example.com/load"},
    )  # fmt: skip

    assert response.status_code == 201
    assert response.json() == {
        "client_id": "myapp", "client_secret": "s3cret", "scopes": ["store_v2_orders"], "auth_callback": CALLBACK,
        "load_callback": "https://app.example.com/load", "uninstall_callback": None, "remove_user_callback": None,
    }  # fmt: skip


def test_register_draws_random_credentials(http: httpx.Client) -> None:
    first, second = register(http), register(http)

    assert first["client_id"] != second["client_id"] and first["client_secret"] != second["client_secret"]
    assert len(first["client_id"]) == 31 and len(first["client_secret"]) == 64


def test_a_duplicate_client_id_is_409(http: httpx.Client, mock: MockApp) -> None:
    register(http, client_id="dup")
    account_client = mock.state.registry.create_account(STORE, name="ci", scopes=[]).client_id

    for client_id in ("dup", account_client):
        response = http.post("/_mockbc/apps", json={"client_id": client_id, "scopes": []})
        assert response.status_code == 409
        assert response.json() == {"status": 409, "title": "That client id is already in use.", "type": CONTROL_TYPE}


def test_invalid_app_fields_are_422_and_register_nothing(http: httpx.Client, mock: MockApp) -> None:
    response = http.post(
        "/_mockbc/apps", json={"scopes": ["store_v2_nope"], "auth_callback": "ftp://x", "client_id": 5}
    )

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "Invalid app.", "type": CONTROL_TYPE,
        "errors": {
            "client_id": "must be a non-empty string of at most 255 characters",
            "auth_callback": "must be an absolute http or https URL of at most 2048 characters",
            "scopes": "unknown scope(s): store_v2_nope",
        },
    }  # fmt: skip
    assert mock.state.registry.apps.apps == {}


# --------------------------------------------------------------------------- installing and exchanging


def test_install_issues_a_code_and_the_callback_url(http: httpx.Client) -> None:
    app = register(http, scopes=["store_v2_products", "store_v2_orders_read_only"])

    grant = install(http, app["client_id"])

    assert set(grant) == {"code", "scope", "context", "account_uuid", "auth_callback_url"}
    assert grant["scope"] == "store_v2_orders_read_only store_v2_products"
    assert grant["context"] == f"stores/{STORE}"
    assert grant["account_uuid"] == account_uuid(STORE)
    url = urlsplit(grant["auth_callback_url"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == CALLBACK
    assert parse_qs(url.query) == {
        "code": [grant["code"]], "scope": [grant["scope"]], "context": [grant["context"]],
        "account_uuid": [grant["account_uuid"]],
    }  # fmt: skip


def test_install_refusals(http: httpx.Client) -> None:
    no_callback = register(http, auth_callback=None)

    cases = [
        ("/_mockbc/stores/nosuch/installs", {"client_id": "x"}, 404, {"title": "No such store."}),
        (f"/_mockbc/stores/{STORE}/installs", {"client_id": "nosuch"}, 404, {"title": "No such app."}),
        (f"/_mockbc/stores/{STORE}/installs", {"deliver": "yes"}, 422,
         {"title": "Invalid install.", "errors": {"client_id": "is required: the client id of a registered app",
                                                  "deliver": "must be true or false"}}),
        (f"/_mockbc/stores/{STORE}/installs", {"client_id": no_callback["client_id"]}, 422,
         {"title": "Invalid install.", "errors": {"client_id": "the app has no auth_callback"}}),
    ]  # fmt: skip
    for path, body, status, expected in cases:
        response = http.post(path, json=body)
        assert response.status_code == status
        assert response.json() == {"status": status, "type": CONTROL_TYPE, **expected}


def test_the_code_exchanges_for_a_token_in_bigcommerces_shape(http: httpx.Client) -> None:
    app = register(http)
    grant = install(http, app["client_id"])

    response = exchange(http, app, grant)

    assert response.status_code == 200
    body = response.json()
    owner = store_owner(STORE)
    assert body == {
        "access_token": body["access_token"], "scope": "store_v2_products_read_only", "user": owner, "owner": owner,
        "context": f"stores/{STORE}", "account_uuid": account_uuid(STORE),
    }  # fmt: skip
    assert set(owner) == {"id", "username", "email"} and isinstance(owner["id"], int)
    assert response.headers["cache-control"] == "no-store"


def test_the_form_encoded_body_works_as_json_does(http: httpx.Client) -> None:
    app = register(http)
    grant = install(http, app["client_id"])

    response = http.post("/oauth2/token", data=exchange_fields(app, grant))

    assert response.status_code == 200
    assert response.json()["context"] == f"stores/{STORE}"


def test_the_token_carries_exactly_the_apps_scopes(http: httpx.Client) -> None:
    token = installed_token(http, register(http))
    headers = {"X-Auth-Token": token}

    assert http.get(PRODUCTS, headers=headers).status_code == 200
    written = http.post(PRODUCTS, headers=headers, json={"name": "Mug", "type": "physical", "weight": 1, "price": 2})
    assert written.status_code == 403
    assert written.json() == FORBIDDEN
    orders = http.get(f"/stores/{STORE}/v2/orders", headers=headers)
    assert orders.status_code == 403


def test_the_token_is_bound_to_its_store(http: httpx.Client) -> None:
    token = installed_token(http, register(http))

    response = http.get(f"/stores/{OTHER}/v3/catalog/products", headers={"X-Auth-Token": token})

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_the_code_works_once(http: httpx.Client) -> None:
    app = register(http)
    grant = install(http, app["client_id"])
    assert exchange(http, app, grant).status_code == 200

    replay = exchange(http, app, grant)

    assert replay.status_code == 400
    assert replay.json() == INVALID_CODE


def test_the_code_expires_after_ten_minutes(http: httpx.Client, clock: FrozenClock) -> None:
    app = register(http)
    grant, late = install(http, app["client_id"]), install(http, app["client_id"])
    clock.set(START + timedelta(minutes=9, seconds=59))
    assert exchange(http, app, grant).status_code == 200

    clock.set(START + timedelta(minutes=10))
    response = exchange(http, app, late)

    assert response.status_code == 400
    assert response.json() == {"error": "invalid_grant", "error_description": "The authorization code has expired."}


def test_a_code_of_another_store_or_client_is_refused_and_used_up(http: httpx.Client) -> None:
    app, other_app = register(http), register(http)
    grant = install(http, app["client_id"])
    other_grant = install(http, other_app["client_id"])

    wrong_store = exchange(http, app, grant, context=f"stores/{OTHER}")
    wrong_client = exchange(http, app, other_grant)

    assert wrong_store.status_code == 400
    assert wrong_store.json() == {
        "error": "invalid_grant", "error_description": "The authorization code was not issued for this context."
    }  # fmt: skip
    assert wrong_client.status_code == 400
    assert wrong_client.json() == {
        "error": "invalid_grant", "error_description": "The authorization code was not issued to this client."
    }  # fmt: skip
    assert exchange(http, app, grant).json() == INVALID_CODE


@pytest.mark.parametrize(
    ("override", "status", "expected"),
    [
        ({"client_secret": "wrong"}, 401,
         {"error": "invalid_client", "error_description": "The client id and client secret do not name a registered app."}),
        ({"client_id": "nosuchapp"}, 401,
         {"error": "invalid_client", "error_description": "The client id and client secret do not name a registered app."}),
        ({"redirect_uri": "https://app.example.com/other"}, 400,
         {"error": "invalid_grant", "error_description": "redirect_uri does not match the app's registered auth callback."}),
        ({"grant_type": "client_credentials"}, 400,
         {"error": "unsupported_grant_type", "error_description": "grant_type must be authorization_code."}),
        ({"context": "stores/nosuch"}, 400,
         {"error": "invalid_request", "error_description": "context must be stores/{store_hash} of an existing store."}),
        ({"scope": "store_v2_orders"}, 400,
         {"error": "invalid_scope", "error_description": "scope does not match the scopes the app was granted."}),
        ({"code": ""}, 400, {"error": "invalid_request", "error_description": "Missing required field(s): code."}),
    ],
)  # fmt: skip
def test_token_refusals(http: httpx.Client, override: dict[str, str], status: int, expected: dict[str, str]) -> None:
    app = register(http)
    grant = install(http, app["client_id"])

    response = exchange(http, app, grant, **override)

    assert response.status_code == status
    assert response.json() == expected
    assert exchange(http, app, grant).status_code == 200  # a refused request does not use the code up


def test_every_field_is_required(http: httpx.Client) -> None:
    app = register(http)
    grant = install(http, app["client_id"])
    fields = exchange_fields(app, grant)

    for name in fields:
        response = http.post("/oauth2/token", data={k: v for k, v in fields.items() if k != name})
        assert response.status_code == 400
        assert response.json() == {
            "error": "invalid_request",
            "error_description": f"Missing required field(s): {name}.",
        }
    assert exchange(http, app, grant).status_code == 200  # a refused request does not use the code up


@pytest.mark.parametrize(
    ("content", "content_type"),
    [(b"{not json", "application/json"), (b"[1]", "application/json"), (b"a=1", "text/plain"), (b"x" * 70_000, "application/json")],
)  # fmt: skip
def test_a_body_that_is_neither_json_nor_a_form_is_400(http: httpx.Client, content: bytes, content_type: str) -> None:
    response = http.post("/oauth2/token", content=content, headers={"Content-Type": content_type})

    assert response.status_code == 400
    assert response.json() == {
        "error": "invalid_request",
        "error_description": "The body must be JSON or application/x-www-form-urlencoded fields.",
    }


def test_token_requests_are_journaled_without_their_secrets(http: httpx.Client) -> None:
    app = register(http)
    exchange(http, app, install(http, app["client_id"]))

    entries = http.get("/_mockbc/requests").json()["data"]

    token_entries = [e for e in entries if e["path"] == "/oauth2/token"]
    assert [(e["method"], e["status"], e["store_hash"], e["body"]) for e in token_entries] == [
        ("POST", 200, STORE, None)
    ]


def test_pending_codes_are_capped(mock: MockApp, http: httpx.Client) -> None:
    apps = mock.state.registry.apps
    apps.max_pending = 3
    app = register(http)
    first = install(http, app["client_id"])
    for _ in range(3):
        install(http, app["client_id"])

    assert apps.pending_codes == 3
    assert exchange(http, app, first).json() == INVALID_CODE


def test_a_reinstall_replaces_the_earlier_token(http: httpx.Client) -> None:
    app = register(http)
    old = installed_token(http, app)

    new = installed_token(http, app)

    assert http.get(PRODUCTS, headers={"X-Auth-Token": old}).status_code == 401
    assert http.get(PRODUCTS, headers={"X-Auth-Token": new}).status_code == 200


def test_dropping_the_store_forgets_its_codes_and_tokens(http: httpx.Client, mock: MockApp) -> None:
    app = register(http)
    installed_token(http, app, OTHER)
    install(http, app["client_id"], OTHER)

    assert http.delete(f"/_mockbc/stores/{OTHER}").status_code == 204

    apps = mock.state.registry.apps
    assert apps.pending_codes == 0 and apps.tokens == {}
    assert all(a.store_hash != OTHER for a in mock.state.registry.accounts.values())


# --------------------------------------------------------------------------- scopes change, callbacks


def test_changing_the_apps_scopes_invalidates_its_tokens(http: httpx.Client) -> None:
    app = register(http)
    token = installed_token(http, app)

    response = http.patch(f"/_mockbc/apps/{app['client_id']}", json={"scopes": ["store_v2_products"]})

    assert response.status_code == 200
    assert response.json()["scopes"] == ["store_v2_products"]
    assert http.get(PRODUCTS, headers={"X-Auth-Token": token}).json() == UNAUTHORIZED
    fresh = installed_token(http, {**app, "scopes": ["store_v2_products"]})
    assert (
        http.post(
            PRODUCTS, headers={"X-Auth-Token": fresh}, json={"name": "Mug", "type": "physical", "weight": 1, "price": 2}
        ).status_code
        == 200
    )


def test_patch_refusals(http: httpx.Client) -> None:
    app = register(http)

    missing = http.patch("/_mockbc/apps/nosuch", json={"scopes": []})
    no_scopes = http.patch(f"/_mockbc/apps/{app['client_id']}", json={})

    assert missing.status_code == 404
    assert missing.json() == {"status": 404, "title": "No such app.", "type": CONTROL_TYPE}
    assert no_scopes.status_code == 422
    assert no_scopes.json() == {"status": 422, "title": "Invalid app.", "type": CONTROL_TYPE,
                                "errors": {"scopes": "is required"}}  # fmt: skip


@pytest.mark.parametrize("event", ["load", "uninstall", "remove_user"])
def test_callbacks_carry_a_signed_payload_jwt(http: httpx.Client, event: str) -> None:
    target = f"https://app.example.com/{event}"
    app = register(http, **{f"{event}_callback": target})
    installed_token(http, app)

    response = http.post(f"/_mockbc/stores/{STORE}/installs/{app['client_id']}/{event}", json={})

    assert response.status_code == 200
    url = urlsplit(response.json()["url"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == target
    payload = parse_qs(url.query)["signed_payload_jwt"][0]
    claims = jwt.decode(payload, app["client_secret"], algorithms=["HS256"], audience=app["client_id"],
                        options={"verify_exp": False, "verify_nbf": False, "verify_iat": False})  # fmt: skip
    owner = store_owner(STORE)
    assert claims == {
        "aud": app["client_id"], "iss": "bc", "iat": int(START.timestamp()), "nbf": int(START.timestamp()) - 5,
        "exp": int(START.timestamp()) + 86400, "jti": claims["jti"], "sub": f"stores/{STORE}",
        "user": {"id": owner["id"], "email": owner["email"], "locale": "en-US"},
        "owner": {"id": owner["id"], "email": owner["email"]}, "url": "/", "channel_id": None,
    }  # fmt: skip


def test_uninstall_revokes_the_token_on_that_store_only(http: httpx.Client) -> None:
    app = register(http, uninstall_callback="https://app.example.com/uninstall")
    token, other = installed_token(http, app), installed_token(http, app, OTHER)

    assert http.post(f"/_mockbc/stores/{STORE}/installs/{app['client_id']}/uninstall", json={}).status_code == 200

    assert http.get(PRODUCTS, headers={"X-Auth-Token": token}).json() == UNAUTHORIZED
    assert http.get(f"/stores/{OTHER}/v3/catalog/products", headers={"X-Auth-Token": other}).status_code == 200
    again = http.post(f"/_mockbc/stores/{STORE}/installs/{app['client_id']}/load", json={})
    assert again.status_code == 409
    assert again.json() == {
        "status": 409, "title": "The app is not installed on this store (no token was exchanged).", "type": CONTROL_TYPE
    }  # fmt: skip


def test_a_callback_the_app_lacks_is_422(http: httpx.Client) -> None:
    app = register(http)
    installed_token(http, app)

    response = http.post(f"/_mockbc/stores/{STORE}/installs/{app['client_id']}/load", json={})

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": "Invalid callback.", "type": CONTROL_TYPE,
                               "errors": {"load_callback": "the app has none"}}  # fmt: skip


# --------------------------------------------------------------------------- account-level API accounts


def test_an_account_level_token_is_refused_on_store_apis(http: httpx.Client) -> None:
    response = http.post("/_mockbc/account-api-accounts", json={"name": "ops", "scopes": ["account_stores_read"]})

    assert response.status_code == 201
    body = response.json()
    assert body == {
        "name": "ops", "client_id": body["client_id"], "client_secret": body["client_secret"],
        "access_token": body["access_token"], "scopes": ["account_stores_read"],
    }  # fmt: skip
    refused = http.get(PRODUCTS, headers={"X-Auth-Token": body["access_token"]})
    assert refused.status_code == 401
    assert refused.json() == UNAUTHORIZED


def test_account_and_store_scopes_do_not_mix(http: httpx.Client) -> None:
    account = http.post("/_mockbc/account-api-accounts", json={"scopes": ["store_v2_products"]})
    store_level = http.post(f"/_mockbc/stores/{STORE}/api-accounts", json={"scopes": ["account_read"]})

    assert account.status_code == 422
    assert account.json() == {
        "status": 422, "title": "Invalid account-level API account.", "type": CONTROL_TYPE,
        "errors": {"scopes": "unknown account scope(s): store_v2_products"},
    }  # fmt: skip
    assert store_level.status_code == 422
    assert store_level.json()["errors"] == {"scopes": "unknown scope(s): account_read"}


# --------------------------------------------------------------------------- the control plane's guard


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/_mockbc/apps"), ("PATCH", "/_mockbc/apps/x"), ("POST", "/_mockbc/account-api-accounts"),
        ("POST", f"/_mockbc/stores/{STORE}/installs"), ("POST", f"/_mockbc/stores/{STORE}/installs/x/load"),
        ("POST", f"/_mockbc/stores/{STORE}/installs/x/uninstall"),
        ("POST", f"/_mockbc/stores/{STORE}/installs/x/remove_user"),
    ],
)  # fmt: skip
def test_the_app_routes_are_behind_the_guard(http: httpx.Client, mock: MockApp, method: str, path: str) -> None:
    rebinding = http.request(method, path, json={}, headers={"Host": "evil.example"})
    cross_origin = http.request(method, path, json={}, headers={"Origin": "https://evil.example"})

    assert rebinding.status_code == 403 and cross_origin.status_code == 403
    assert cross_origin.json() == {
        "status": 403, "title": "Cross-origin requests to the control plane are refused (Origin 'https://evil.example').",
        "type": CONTROL_TYPE,
    }  # fmt: skip
    if method == "POST":
        simple = http.post(path, content=b"{}", headers={"Content-Type": "text/plain"})
        assert simple.status_code == 415
    assert mock.state.registry.apps.apps == {} and mock.state.registry.apps.account_accounts == {}


def test_a_short_client_secret_still_signs_payloads(http: httpx.Client) -> None:
    app = register(http, client_secret="short", load_callback="https://app.example.com/load")
    installed_token(http, app)

    response = http.post(f"/_mockbc/stores/{STORE}/installs/{app['client_id']}/load", json={})

    assert response.status_code == 200
    payload = parse_qs(urlsplit(response.json()["url"]).query)["signed_payload_jwt"][0]
    assert jwt.get_unverified_header(payload) == {"alg": "HS256", "typ": "JWT"}
