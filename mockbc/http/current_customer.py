"""``GET /customer/current.jwt?app_client_id=...`` on the storefront host: BigCommerce's Current
Customer API. For the shopper the session cookie names, a JWT signed (HS256) with the client
secret of the app the query names, living 15 minutes; a guest gets 404.

``app_client_id`` must name an API account of the storefront's store (an installed app's token
is one; a store-level API account is accepted too, so a store without apps can use the API).
BigCommerce documents no refusal but the guest's; the mock answers 400 without the parameter and
403 for a client id that is not the store's (``mockbc.presentation.storefront_auth``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from mockbc.auth.signing import sign
from mockbc.domain.errors import NotFound
from mockbc.http.storefront import storefront_target
from mockbc.presentation.storefront_auth import current_customer_error
from mockbc.services import customers
from mockbc.store.journal import JournalEntry
from mockbc.store.registry import StoreRegistry
from mockbc.store.sessions import SESSION_COOKIE

CURRENT_PATH = "/customer/current.jwt"
LIFETIME = timedelta(minutes=15)
ISSUER = "bc/apps"
OPERATION = "current_customer"
# BigCommerce's spec names no media type but a JWT body; the token is sent as plain text.
MEDIA_TYPE = "text/plain"


def routes(registry: StoreRegistry) -> list[BaseRoute]:
    async def current(request: Request) -> Response:
        store_hash, _ = storefront_target(request.headers.get("host"), registry)
        client_id = request.query_params.get("app_client_id", "")
        status, body = _current(registry, store_hash, client_id, request.cookies.get(SESSION_COOKIE))
        registry.record(
            JournalEntry(
                method="GET", path=CURRENT_PATH, query=request.url.query, status=status,
                store_hash=store_hash, time=registry.clock.now(),
            )
        )  # fmt: skip
        if isinstance(body, str):
            return Response(body, status_code=status, media_type=MEDIA_TYPE)
        return Response(orjson.dumps(body), status_code=status, media_type="application/json")

    return [Route(CURRENT_PATH, current, methods=["GET"])]


def _current(
    registry: StoreRegistry, store_hash: str, client_id: str, cookie: str | None
) -> tuple[int, str | dict[str, Any]]:
    if not client_id:
        return current_customer_error("missing_app")
    account = registry.account_by_client_id(store_hash, client_id)
    if account is None:
        return current_customer_error("unknown_app")
    session = registry.sessions.get(cookie)
    store = registry.get(store_hash)
    if session is None or store is None or session.store_hash != store_hash:
        return current_customer_error("guest")
    try:
        customer = customers.get(store, session.customer_id)
    except NotFound:  # deleted since signing in
        return current_customer_error("guest")
    issued = registry.clock.now()
    claims = {
        "customer": {"id": customer.id, "email": customer.email, "group_id": str(customer.customer_group_id)},
        "iss": ISSUER, "sub": store_hash, "iat": int(issued.timestamp()),
        "exp": int((issued + LIFETIME).timestamp()), "version": 1, "aud": client_id,
        "application_id": client_id, "store_hash": store_hash, "operation": OPERATION,
        "channel_id": session.channel_id,
    }  # fmt: skip
    return 200, sign(claims, account.client_secret)
