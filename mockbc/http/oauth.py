"""``POST /oauth2/token`` on the login host: an app exchanges an install's one-time code for a
store-level access token (BigCommerce's app OAuth guide: all seven fields, JSON or form body)."""

from __future__ import annotations

import hmac
from typing import Any
from urllib.parse import parse_qsl

import orjson
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from mockbc.presentation.oauth import oauth_error, token_response
from mockbc.store.apps import APP_TOKEN_PREFIX, App, CodeRefused, account_uuid, revoke_install, store_owner
from mockbc.store.journal import JournalEntry
from mockbc.store.registry import ApiAccount, StoreRegistry, minted

TOKEN_PATH = "/oauth2/token"
FIELDS = ("client_id", "client_secret", "code", "scope", "grant_type", "redirect_uri", "context")
MAX_TOKEN_BODY = 64 * 1024
CONTEXT_PREFIX = "stores/"


def _json(status: int, body: dict[str, Any]) -> Response:
    # RFC 6749 §5.1: token responses are never cached.
    headers = {"Cache-Control": "no-store", "Pragma": "no-cache"}
    return Response(orjson.dumps(body), status_code=status, media_type="application/json", headers=headers)


async def _fields(request: Request) -> dict[str, str] | str:
    """The request's fields, from a JSON object or a urlencoded form; else why they are refused."""
    raw = b""
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_TOKEN_BODY:
            return "body"
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media == "application/x-www-form-urlencoded":
        try:
            pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(raw))
        except (UnicodeDecodeError, ValueError):
            return "body"
        fields = dict(pairs)
        # RFC 6749 §3.2: request parameters must not be included more than once.
        return fields if len(fields) == len(pairs) else "repeated"
    if media == "application/json":
        try:
            body = orjson.loads(raw)
        except orjson.JSONDecodeError:
            return "body"
        if not isinstance(body, dict):
            return "body"
        return {k: v for k, v in body.items() if isinstance(v, str)}
    return "body"


def routes(registry: StoreRegistry) -> list[BaseRoute]:
    async def exchange(request: Request) -> Response:
        store_hash: str | None = None
        try:
            fields = await _fields(request)
        except ClientDisconnect:
            return Response(status_code=499)
        status, body = _exchange(registry, fields)
        if status == 200:
            store_hash = body["context"][len(CONTEXT_PREFIX) :]
        registry.record(
            JournalEntry(
                method="POST", path=TOKEN_PATH, query=request.url.query, status=status, store_hash=store_hash,
                time=registry.clock.now(),  # the body carries a client secret: never journaled
            )
        )  # fmt: skip
        return _json(status, body)

    return [Route(TOKEN_PATH, exchange, methods=["POST"])]


def _exchange(registry: StoreRegistry, fields: dict[str, str] | str) -> tuple[int, dict[str, Any]]:
    if isinstance(fields, str):
        return oauth_error(fields)
    missing = [name for name in FIELDS if not fields.get(name)]
    if missing:
        return oauth_error("", missing)
    if fields["grant_type"] != "authorization_code":
        return oauth_error("grant_type")
    app = registry.apps.get(fields["client_id"])
    if app is None or not hmac.compare_digest(app.client_secret.encode(), fields["client_secret"].encode()):
        return oauth_error("client")
    if app.auth_callback is None or fields["redirect_uri"] != app.auth_callback:
        return oauth_error("redirect_uri")
    context = fields["context"]
    store_hash = context[len(CONTEXT_PREFIX) :] if context.startswith(CONTEXT_PREFIX) else ""
    if store_hash not in registry.stores:
        return oauth_error("context")
    if set(fields["scope"].split()) != set(app.scopes):
        return oauth_error("scope")
    try:
        registry.apps.redeem(fields["code"], app.client_id, store_hash, registry.clock.now())
    except CodeRefused as refused:
        return oauth_error(refused.reason)
    account = install_token(registry, app, store_hash)
    owner = store_owner(store_hash)
    return 200, token_response(account.access_token, app.scope_text, owner, owner, store_hash, account_uuid(store_hash))


def install_token(registry: StoreRegistry, app: App, store_hash: str) -> ApiAccount:
    """A new store-level token of ``store_hash`` with exactly the app's scopes; replaces the
    token an earlier install of the same app on that store held."""
    revoke_install(registry, app.client_id, store_hash)
    while (token := minted(31)) in registry.accounts:
        pass
    account = ApiAccount(
        name=APP_TOKEN_PREFIX + app.client_id, store_hash=store_hash, client_id=app.client_id,
        client_secret=app.client_secret, access_token=token, scopes=app.scopes,
    )  # fmt: skip
    registry.accounts[token] = account
    registry.apps.tokens[(app.client_id, store_hash)] = token
    return account
