"""``GET /login/token/{jwt}`` on the storefront host: BigCommerce's Customer Login API (single
sign-on). A JWT signed (HS256) with the client secret of an API account of the store that holds
``store_v2_customers_login`` signs the shopper in and redirects to ``redirect_to``.

Success sets the session cookie and answers 302 to ``redirect_to`` (``/account.php`` when absent,
as BigCommerce's guide documents). Any refusal answers 302 to
``/login.php?action=login&error={reason}`` (``mockbc.presentation.storefront_auth``) and opens no
session: BigCommerce shows an error page, then its login page, and documents no codes.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from mockbc.http.storefront import storefront_target
from mockbc.presentation.storefront_auth import login_refused_location
from mockbc.services.customer_login_jwt import MAX_REMEMBERED_JTIS, Refused, UsedTokens, check
from mockbc.store.journal import JournalEntry
from mockbc.store.registry import StoreRegistry
from mockbc.store.sessions import SESSION_COOKIE

__all__ = ["MAX_REMEMBERED_JTIS", "UsedTokens", "routes"]

LOGIN_PATH = "/login/token/{token:path}"
# BigCommerce's sign-out target: a token naming it signs the shopper out instead of in.
SIGN_OUT_REDIRECT = "/login.php?action=logout"


def routes(registry: StoreRegistry) -> list[BaseRoute]:
    async def login(request: Request) -> Response:
        store_hash, host_channel = storefront_target(request.headers.get("host"), registry)
        client_ip = request.client.host if request.client else None
        try:
            outcome = check(registry, request.path_params["token"], store_hash, host_channel, client_ip)
        except Refused as refused:
            response: Response = RedirectResponse(login_refused_location(refused.reason), status_code=302)
        else:
            response = RedirectResponse(outcome.redirect_to, status_code=302)
            if outcome.redirect_to == SIGN_OUT_REDIRECT:
                registry.sessions.sign_out(request.cookies.get(SESSION_COOKIE))
                response.delete_cookie(SESSION_COOKIE, path="/", httponly=True)
            else:
                cookie = registry.sessions.sign_in(outcome.store_hash, outcome.customer_id, outcome.channel_id)
                response.set_cookie(SESSION_COOKIE, cookie, path="/", httponly=True, samesite="lax")
        registry.record(
            JournalEntry(
                method="GET", path="/login/token/", query="", status=302, store_hash=store_hash,
                time=registry.clock.now(),  # the token is a credential: never journaled
            )
        )  # fmt: skip
        return response

    return [Route(LOGIN_PATH, login, methods=["GET"])]
