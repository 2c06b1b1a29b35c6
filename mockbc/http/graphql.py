"""``POST /graphql`` (and ``GET /graphql?query=``) on the storefront host: BigCommerce's GraphQL
Storefront API. The store and channel come from the ``Host`` (``mockbc.http.storefront``), the caller
from ``Authorization: Bearer`` (a storefront, private or customer impersonation token, checked by
``mockbc.services.storefront_tokens.verify``); the request itself is answered by
``mockbc.presentation.storefront_graphql``. With a storefront or private token,
``X-Bc-Customer-Access-Token`` (from ``login``) makes the request the customer's; a token that signs
in no one is a guest's request, or a 401 ``INVALID_CUSTOMER_ACCESS_TOKEN`` (an empty header:
``MISSING_CUSTOMER_ACCESS_TOKEN``) when ``X-Bc-Error-On-Invalid-Customer-Access-Token: true`` asks.

Refusals before GraphQL runs are GraphQL-shaped (``{"errors": [{"message", "extensions": {"code"}}]}``):
401 for a token (BC_FACTS §8's messages), 400 for a body that is not one JSON request object (batches
are refused), 413 for a query past ``MAX_QUERY_BYTES`` or a body past ``MAX_BODY_BYTES``. GraphQL's own
errors (syntax, validation, limits, resolvers) are 200 with ``errors`` (BigCommerce documents no other
status for them).
"""

from __future__ import annotations

from typing import Any

import jwt
import orjson
from graphql import OperationDefinitionNode
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from mockbc.domain import storefront_tokens as tokens
from mockbc.http.storefront import storefront_target
from mockbc.presentation.storefront_graphql import Answer, Context, Engine
from mockbc.presentation.storefront_graphql.engine import encoded, error_body
from mockbc.services import channels as channel_service
from mockbc.services import customer_access_tokens
from mockbc.services.storefront_tokens import verify
from mockbc.store.journal import JournalEntry
from mockbc.store.registry import StoreRegistry
from mockbc.store.store import Store

GRAPHQL_PATH = "/graphql"
# The journal's name for the API of these requests (REST entries carry "v3" or "v2").
GRAPHQL_API = "graphql"
MAX_QUERY_BYTES = 1024 * 1024
# The query plus its variables; a body past this is not read to its end.
MAX_BODY_BYTES = 2 * MAX_QUERY_BYTES
CUSTOMER_ID_HEADER = "x-bc-customer-id"
CUSTOMER_TOKEN_HEADER = "x-bc-customer-access-token"
ERROR_ON_INVALID_HEADER = "x-bc-error-on-invalid-customer-access-token"
KINDS = {code: kind for kind, code in tokens.TOKEN_TYPES.items()}

UNAUTHENTICATED = "UNAUTHENTICATED"
BAD_REQUEST = "BAD_REQUEST"
MISSING_TOKEN = "GraphQL credentials were missing. No token was sent."
TOKEN_REFUSED = {
    "malformed": "Invalid token: String is not a JWT",
    "invalid_signature": "Invalid token: JWT signature is invalid",
    "expired": "Invalid token: JWT is expired",
    "wrong_store": "Invalid token: JWT store id doesn't match store id of the URL",
    "wrong_channel": "Invalid token: JWT channel id doesn't match channel id of the URL",
    "revoked": "Unknown JWT token",
    "bad_customer_id": "Invalid X-Bc-Customer-Id header: it must be a customer id.",
}
# With X-Bc-Error-On-Invalid-Customer-Access-Token: true, a customer access token that signs in no one
# is refused instead of answered as a guest (BC_FACTS §8); the status is the mock's choice.
CUSTOMER_TOKEN_REFUSED = {
    "INVALID_CUSTOMER_ACCESS_TOKEN": "The customer access token is invalid, expired or signed out.",
    "MISSING_CUSTOMER_ACCESS_TOKEN": "The X-Bc-Customer-Access-Token header is empty.",
}
BODY_REFUSED = {
    "not_json": "The request body is not valid JSON.",
    "batch": "Batched requests are not supported: send one operation per request.",
    "not_object": "The request body must be a JSON object with a query.",
    "no_query": "The request has no query: send a JSON body with a 'query' string.",
    "bad_variables": "'variables' must be a JSON object.",
    "bad_operation_name": "'operationName' must be a string.",
    "query_too_long": f"The query is longer than {MAX_QUERY_BYTES} bytes.",
    "body_too_big": f"The request body is larger than {MAX_BODY_BYTES} bytes.",
}
# What a browser may send across origins; the answer names the origin only for a storefront token that
# lists it (allowed_cors_origins), so other origins cannot read it.
CORS_ALLOW_HEADERS = (
    "Authorization, Content-Type, X-Bc-Customer-Access-Token, X-Bc-Error-On-Invalid-Customer-Access-Token, "
    "X-Bc-Customer-Id"
)
CORS_EXPOSE_HEADERS = (
    "X-Bc-Graphql-Complexity, X-Bc-Graphql-Query-Hash, X-Bc-Graphql-Variables-Hash, X-Bc-Graphql-Operation-Type, "
    "X-Bc-Graphql-Operation-Name"
)


class Refused(Exception):
    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        super().__init__(status)
        self.status, self.body, self.headers = status, body, headers or {}


def _token_refused(reason: str) -> Refused:
    return Refused(401, error_body(TOKEN_REFUSED[reason], UNAUTHENTICATED))


def _body_refused(reason: str, status: int = 400) -> Refused:
    return Refused(status, error_body(BODY_REFUSED[reason], BAD_REQUEST))


def routes(registry: StoreRegistry) -> list[BaseRoute]:
    engine = Engine()

    async def graphql(request: Request) -> Response:
        store_hash, channel_id = storefront_target(request.headers.get("host"), registry)
        origin = request.headers.get("origin")
        if request.method == "OPTIONS":
            return _record(registry, request, store_hash, _preflight(origin))
        cors: dict[str, str] = {}
        problems: tuple[str | None, tuple[str, ...]] = (None, ())
        try:
            context, allowed_origins = _authenticate(registry, request, store_hash, channel_id)
            if origin is not None and origin in allowed_origins:
                cors = _cors(origin)
            query, variables, operation_name = await _read(request)
            answer = engine.run(
                query, variables, operation_name, context,
                allowed=frozenset({"query"}) if request.method == "GET" else frozenset({"query", "mutation"}),
            )  # fmt: skip
            problems = _document_problems(engine, query, operation_name)
        except Refused as refused:
            answer = Answer(refused.status, refused.body, refused.headers)
        content = answer.content if answer.content is not None else encoded(answer.body)
        response = Response(content, status_code=answer.status, media_type="application/json")
        response.headers.update({**answer.headers, **cors})
        return _record(registry, request, store_hash, response, *problems)

    return [Route(GRAPHQL_PATH, graphql, methods=["GET", "POST", "OPTIONS"])]


def _document_problems(engine: Engine, query: str, operation_name: str | None) -> tuple[str | None, tuple[str, ...]]:
    """The operation's name and why its document does not validate against the schema (none when it
    does), for the journal: the kit's contract mode reads them as it reads REST's."""
    prepared = engine.prepare(query)  # cached: the run just prepared it
    name = operation_name
    if name is None and prepared.document is not None:
        names = [d.name for d in prepared.document.definitions if isinstance(d, OperationDefinitionNode)]
        name = names[0].value if len(names) == 1 and names[0] is not None else None
    return name, tuple(error.message for error in prepared.errors)


def _record(
    registry: StoreRegistry, request: Request, store_hash: str, response: Response,
    operation: str | None = None, violations: tuple[str, ...] = (),
) -> Response:  # fmt: skip
    registry.record(
        JournalEntry(
            method=request.method, path=GRAPHQL_PATH, query=request.url.query, status=response.status_code,
            store_hash=store_hash, time=registry.clock.now(), operation_id=operation,
            contract_violations=violations, api=GRAPHQL_API,
        )
    )  # fmt: skip
    return response


def _cors(origin: str) -> dict[str, str]:
    return {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Credentials": "true",
        "Access-Control-Expose-Headers": CORS_EXPOSE_HEADERS,
        "Vary": "Origin",
    }


def _preflight(origin: str | None) -> Response:
    # A preflight carries no token, so it cannot know the token's origins; it lets the request be sent,
    # and the answer to the request itself names the origin only when the token allows it.
    response = Response(status_code=204)
    if origin is not None:
        response.headers.update({
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Allow-Credentials": "true",
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": CORS_ALLOW_HEADERS,
            "Access-Control-Max-Age": "600",
            "Vary": "Origin",
        })  # fmt: skip
    return response


def _authenticate(
    registry: StoreRegistry, request: Request, store_hash: str, channel_id: int
) -> tuple[Context, tuple[str, ...]]:
    scheme, _, token = request.headers.get("authorization", "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Refused(401, error_body(MISSING_TOKEN, UNAUTHENTICATED))
    store = registry.get(store_hash)
    if store is None:
        raise _token_refused("wrong_store")
    if not channel_service.exists(store, channel_id):
        # A host naming a channel the store does not have: no token can be for it (tokens name existing channels).
        raise _token_refused("wrong_channel")
    claims = verify(store, token)
    if claims == "invalid_signature" and _claimed_store(token) not in (None, store_hash):
        claims = "wrong_store"  # each store signs with its own key: another store's token fails that first
    if isinstance(claims, str):
        raise _token_refused(claims)
    channels = claims.get("cid")
    if not isinstance(channels, list) or channel_id not in channels:
        raise _token_refused("wrong_channel")
    kind = KINDS.get(claims.get("token_type"))  # type: ignore[arg-type]
    if kind is None:
        raise _token_refused("malformed")
    customer_id: int | None = None
    raw = request.headers.get(CUSTOMER_ID_HEADER)
    if kind == "impersonation" and raw is not None:
        if not raw.strip().isdigit() or int(raw) < 1:
            raise _token_refused("bad_customer_id")
        customer_id = int(raw)
    scopes = tuple(s for s in claims.get("scopes") or () if isinstance(s, str))
    origins = tuple(o for o in claims.get("cors") or () if isinstance(o, str)) if kind == "storefront" else ()
    customer_token: str | None = None
    try:
        signed_in = _customer_token(request, store, channel_id) if kind != "impersonation" else None
    except Refused as refused:
        origin = request.headers.get("origin")
        if origin is not None and origin in origins:
            refused.headers.update(_cors(origin))  # the storefront's page may read why
        raise
    if signed_in is not None:
        customer_token, customer_id = signed_in
    base_url = f"{request.url.scheme}://{request.headers.get('host', '')}"
    context = Context(
        store, channel_id, kind, scopes, customer_id, base_url, registry=registry,
        client_ip=request.client.host if request.client else None, customer_access_token=customer_token,
    )  # fmt: skip
    return context, origins


def _customer_token(request: Request, store: Store, channel_id: int) -> tuple[str, int] | None:
    """The customer access token the request sends and the customer it signs in; ``None`` for a
    guest (or ``Refused`` when the request asks for an error instead). Impersonation tokens name
    their customer in X-Bc-Customer-Id and do not read it."""
    raw = request.headers.get(CUSTOMER_TOKEN_HEADER)
    if raw is None:
        return None
    strict = request.headers.get(ERROR_ON_INVALID_HEADER, "").strip().lower() == "true"
    value = raw.strip()
    customer_id = customer_access_tokens.resolve(store, value, channel_id) if value else None
    if customer_id is not None:
        return value, customer_id
    code = "INVALID_CUSTOMER_ACCESS_TOKEN" if value else "MISSING_CUSTOMER_ACCESS_TOKEN"
    if strict:
        raise Refused(401, error_body(CUSTOMER_TOKEN_REFUSED[code], code))
    return None


def _claimed_store(token: str) -> object:
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return None
    return claims.get("sid") if isinstance(claims, dict) and claims.get("iss") == tokens.ISSUER else None


async def _read(request: Request) -> tuple[str, dict[str, Any] | None, str | None]:
    if request.method == "GET":
        params = request.query_params
        fields: dict[str, Any] = {"query": params.get("query"), "operationName": params.get("operationName")}
        if "variables" in params:
            try:
                fields["variables"] = orjson.loads(params["variables"])
            except orjson.JSONDecodeError:
                raise _body_refused("bad_variables") from None
    else:
        raw = bytearray()
        try:
            async for chunk in request.stream():
                raw += chunk
                if len(raw) > MAX_BODY_BYTES:
                    raise _body_refused("body_too_big", 413)
        except ClientDisconnect:
            raise _body_refused("not_json") from None
        try:
            parsed = orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise _body_refused("not_json") from None
        if isinstance(parsed, list):
            raise _body_refused("batch")
        if not isinstance(parsed, dict):
            raise _body_refused("not_object")
        fields = parsed
    query, variables, name = fields.get("query"), fields.get("variables"), fields.get("operationName")
    if not isinstance(query, str) or not query.strip():
        raise _body_refused("no_query")
    if len(query.encode()) > MAX_QUERY_BYTES:
        raise _body_refused("query_too_long", 413)
    if variables is not None and not isinstance(variables, dict):
        raise _body_refused("bad_variables")
    if name is not None and not isinstance(name, str):
        raise _body_refused("bad_operation_name")
    return query, variables, name or None
