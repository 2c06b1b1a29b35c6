"""Control-plane routes for apps: register one, install it on a store (a one-time auth code),
and build (optionally deliver) its ``load``, ``uninstall`` and ``remove_user`` callbacks.

The mock contacts an app only when a call asks for ``deliver: true`` (INTERFACE.md §3).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mockbc.auth.scopes import ACCOUNT_SCOPES, ALL_SCOPES, parse_account_scopes, parse_scopes
from mockbc.auth.signing import sign
from mockbc.http import control  # imports this module; its helpers are read at call time
from mockbc.store.apps import (
    MAX_APPS,
    AccountApiAccount,
    App,
    AppExists,
    TooManyApps,
    account_uuid,
    revoke_app,
    revoke_install,
    store_owner,
)
from mockbc.store.registry import StoreRegistry, minted

CALLBACKS = ("auth_callback", "load_callback", "uninstall_callback", "remove_user_callback")
MAX_URL = 2048
MAX_ID = 255
# Undocumented: the mock lets a signed payload live for a day.
PAYLOAD_LIFETIME = timedelta(days=1)
DELIVERY_TIMEOUT = 10.0


def app_json(app: App) -> dict[str, Any]:
    return {
        "client_id": app.client_id, "client_secret": app.client_secret, "scopes": sorted(app.scopes),
        **{name: getattr(app, name) for name in CALLBACKS},
    }  # fmt: skip


def _scopes(value: object, parse: Callable[[str], tuple[str, ...]] = parse_scopes) -> tuple[str, ...]:
    if isinstance(value, str):
        return parse(value)
    if isinstance(value, list) and all(isinstance(s, str) for s in value):
        return parse(",".join(value)) if value else ()
    raise ValueError("must be a list of scope names")


def _url_error(value: object) -> str | None:
    if not isinstance(value, str) or len(value) > MAX_URL:
        return f"must be an absolute http or https URL of at most {MAX_URL} characters"
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.fragment:
        return f"must be an absolute http or https URL of at most {MAX_URL} characters"
    return None


def with_query(url: str, query: dict[str, str]) -> str:
    return url + ("&" if urlsplit(url).query else "?") + urlencode(query)


async def deliver(url: str) -> dict[str, Any]:
    """GET ``url`` as the merchant's browser would; what came back, or why nothing did."""
    try:
        async with httpx.AsyncClient(timeout=DELIVERY_TIMEOUT, follow_redirects=False) as client:
            response = await client.get(url)
    except Exception as exc:  # whatever kept the app from answering is reported, never raised
        return {"error": f"{type(exc).__name__}: {exc}"}
    return {"status": response.status_code}


def routes(registry: StoreRegistry) -> list[Route]:
    async def create_app(request: Request) -> Response:
        body = await control._body(request)
        if isinstance(body, Response):
            return body
        errors: dict[str, str] = {}
        for name in ("client_id", "client_secret"):
            value = body.get(name)
            if value is not None and (not isinstance(value, str) or not value.strip() or len(value) > MAX_ID):
                errors[name] = f"must be a non-empty string of at most {MAX_ID} characters"
        for name in CALLBACKS:
            if body.get(name) is not None and (error := _url_error(body[name])):
                errors[name] = error
        try:
            scopes = _scopes(body.get("scopes", list(ALL_SCOPES)))
        except ValueError as exc:
            errors["scopes"] = str(exc)
        if errors:
            return control.problem(422, "Invalid app.", errors)
        client_id = body.get("client_id") or minted(31)
        if any(a.client_id == client_id for a in registry.accounts.values()) or client_id in registry.apps.apps:
            return control.problem(409, "That client id is already in use.")
        app = App(
            client_id=client_id, client_secret=body.get("client_secret") or minted(64), scopes=frozenset(scopes),
            **{name: body.get(name) for name in CALLBACKS},
        )  # fmt: skip
        try:
            registry.apps.register(app)
        except AppExists:
            return control.problem(409, "That client id is already in use.")
        except TooManyApps:
            return control.problem(409, f"The mock holds at most {MAX_APPS} apps.")
        return control._json(app_json(app), 201)

    async def change_app(request: Request) -> Response:
        app = registry.apps.get(request.path_params["client_id"])
        if app is None:
            return control.problem(404, "No such app.")
        body = await control._body(request)
        if isinstance(body, Response):
            return body
        if "scopes" not in body:
            return control.problem(422, "Invalid app.", {"scopes": "is required"})
        try:
            scopes = frozenset(_scopes(body["scopes"]))
        except ValueError as exc:
            return control.problem(422, "Invalid app.", {"scopes": str(exc)})
        if scopes != app.scopes:
            # BigCommerce's auth guide: a change of the app's scopes invalidates its tokens.
            revoke_app(registry, app.client_id)
            app = registry.apps.change_scopes(app.client_id, scopes)
        return control._json(app_json(app))

    async def install(request: Request) -> Response:
        store_hash = request.path_params["store_hash"]
        if store_hash not in registry.stores:
            return control.problem(404, "No such store.")
        body = await control._body(request)
        if isinstance(body, Response):
            return body
        client_id, send = body.get("client_id"), body.get("deliver", False)
        errors = {}
        if not isinstance(client_id, str):
            errors["client_id"] = "is required: the client id of a registered app"
        if not isinstance(send, bool):
            errors["deliver"] = "must be true or false"
        if errors or not isinstance(client_id, str):
            return control.problem(422, "Invalid install.", errors)
        app = registry.apps.get(client_id)
        if app is None:
            return control.problem(404, "No such app.")
        if app.auth_callback is None:
            return control.problem(422, "Invalid install.", {"client_id": "the app has no auth_callback"})
        code = registry.apps.issue_code(app.client_id, store_hash, registry.clock.now())
        query = {
            "code": code.code, "scope": app.scope_text, "context": f"stores/{store_hash}",
            "account_uuid": account_uuid(store_hash),
        }  # fmt: skip
        out: dict[str, Any] = {**query, "auth_callback_url": with_query(app.auth_callback, query)}
        if send:
            out["delivery"] = await deliver(out["auth_callback_url"])
        return control._json(out, 201)

    def callback(event: str) -> Any:
        async def endpoint(request: Request) -> Response:
            store_hash, client_id = request.path_params["store_hash"], request.path_params["client_id"]
            if store_hash not in registry.stores:
                return control.problem(404, "No such store.")
            app = registry.apps.get(client_id)
            if app is None:
                return control.problem(404, "No such app.")
            body = await control._body(request)
            if isinstance(body, Response):
                return body
            send = body.get("deliver", False)
            if not isinstance(send, bool):
                return control.problem(422, "Invalid callback.", {"deliver": "must be true or false"})
            if (app.client_id, store_hash) not in registry.apps.tokens:
                return control.problem(409, "The app is not installed on this store (no token was exchanged).")
            target = getattr(app, f"{event}_callback")
            if target is None:
                return control.problem(422, "Invalid callback.", {f"{event}_callback": "the app has none"})
            url = with_query(target, {"signed_payload_jwt": signed_payload(registry, app, store_hash)})
            if event == "uninstall":
                revoke_install(registry, app.client_id, store_hash)
            out: dict[str, Any] = {"url": url}
            if send:
                out["delivery"] = await deliver(url)
            return control._json(out)

        return endpoint

    async def create_account_account(request: Request) -> Response:
        body = await control._body(request)
        if isinstance(body, Response):
            return body
        errors: dict[str, str] = {}
        name = body.get("name", f"account-api-account-{len(registry.apps.account_accounts) + 1}")
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_ID:
            errors["name"] = f"must be a non-empty string of at most {MAX_ID} characters"
        try:
            scopes = _scopes(body.get("scopes", list(ACCOUNT_SCOPES)), parse_account_scopes)
        except ValueError as exc:
            errors["scopes"] = str(exc)
        if errors:
            return control.problem(422, "Invalid account-level API account.", errors)
        while (token := minted(31)) in registry.accounts or token in registry.apps.account_accounts:
            pass
        account = AccountApiAccount(name, minted(31), minted(64), token, frozenset(scopes))
        try:
            registry.apps.add_account_account(account)
        except TooManyApps:
            return control.problem(409, f"The mock holds at most {MAX_APPS} account-level API accounts.")
        return control._json(
            {
                "name": account.name, "client_id": account.client_id, "client_secret": account.client_secret,
                "access_token": account.access_token, "scopes": sorted(account.scopes),
            },
            201,
        )  # fmt: skip

    installs = "/_mockbc/stores/{store_hash}/installs"
    return [
        Route("/_mockbc/apps", create_app, methods=["POST"]),
        Route("/_mockbc/account-api-accounts", create_account_account, methods=["POST"]),
        Route("/_mockbc/apps/{client_id}", change_app, methods=["PATCH"]),
        Route(installs, install, methods=["POST"]),
        *(Route(f"{installs}/{{client_id}}/{e}", callback(e), methods=["POST"]) for e in ("load", "uninstall", "remove_user")),
    ]  # fmt: skip


def signed_payload(registry: StoreRegistry, app: App, store_hash: str) -> str:
    """The ``signed_payload_jwt`` BigCommerce sends to load, uninstall and remove_user callbacks
    (BigCommerce's callbacks guide), signed HS256 with the app's client secret."""
    now = int(registry.clock.now().timestamp())
    owner = store_owner(store_hash)
    claims = {
        "aud": app.client_id, "iss": "bc", "iat": now, "nbf": now - 5,
        "exp": now + int(PAYLOAD_LIFETIME.total_seconds()), "jti": secrets.token_hex(16),
        "sub": f"stores/{store_hash}", "user": {"id": owner["id"], "email": owner["email"], "locale": "en-US"},
        "owner": {"id": owner["id"], "email": owner["email"]}, "url": "/", "channel_id": None,
    }  # fmt: skip
    return sign(claims, app.client_secret)
