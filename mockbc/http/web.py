"""BigCommerce's endpoints outside the REST APIs, behind the same port: the login host
(``POST /oauth2/token``) and the storefront host (``/login/token/{jwt}``, ``/customer/current.jwt``,
``/graphql``).

Each endpoint is a module of its own exposing ``routes(registry) -> list[Route]``, listed in
``PROVIDERS``; this module only gathers them into one Starlette app. Routing is by path alone
(INTERFACE.md §1): the storefront's store comes from the ``Host`` inside each endpoint
(``mockbc.http.storefront``), never from a refusal here.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.applications import Starlette
from starlette.routing import BaseRoute

from mockbc.http import current_customer, customer_login, graphql, oauth
from mockbc.store.registry import StoreRegistry

# Paths under these prefixes are answered by the app below; everything else is REST.
PREFIXES = ("/oauth2/", "/login/", "/customer/", "/graphql")

PROVIDERS: list[Callable[[StoreRegistry], list[BaseRoute]]] = []
PROVIDERS.append(oauth.routes)
PROVIDERS.append(customer_login.routes)
PROVIDERS.append(current_customer.routes)
PROVIDERS.append(graphql.routes)


def is_web_path(path: str) -> bool:
    return path.startswith(PREFIXES)


def web_app(registry: StoreRegistry) -> Starlette:
    routes: list[BaseRoute] = []
    for provider in PROVIDERS:
        routes += provider(registry)
    return Starlette(routes=routes)
