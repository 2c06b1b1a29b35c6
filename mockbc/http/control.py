"""The mock's own control plane under ``/_mockbc/`` (INTERFACE.md §3). JSON in and out."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mockbc.auth.scopes import ALL_SCOPES, parse_scopes
from mockbc.fixtures import FixtureError
from mockbc.store.registry import ApiAccount, StoreExists, StoreRegistry


def _json(body: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type="application/json")


def _problem(status: int, title: str, errors: dict[str, str] | None = None) -> Response:
    body: dict[str, Any] = {"status": status, "title": title, "type": "/_mockbc/errors"}
    if errors:
        body["errors"] = errors
    return _json(body, status)


def _registry(request: Request) -> StoreRegistry:
    registry: StoreRegistry = request.app.state.registry
    return registry


async def _body(request: Request) -> dict[str, Any] | Response:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return _problem(400, "The request body is not valid JSON.")
    if not isinstance(body, dict):
        return _problem(422, "The request body must be a JSON object.")
    return body


def account_json(request: Request, account: ApiAccount) -> dict[str, Any]:
    base = str(request.base_url).rstrip("/")
    return {
        "name": account.name,
        "client_id": account.client_id,
        "client_secret": account.client_secret,
        "access_token": account.access_token,
        "api_path": f"{base}/stores/{account.store_hash}/v3/",
        "store_hash": account.store_hash,
        "scopes": sorted(account.scopes),
    }


async def health(request: Request) -> Response:
    return _json({"status": "ok"})


async def list_stores(request: Request) -> Response:
    registry = _registry(request)
    return _json(
        [
            {"store_hash": h, "fixtures": s.fixtures, "products": len(s.products), "categories": len(s.categories), "brands": len(s.brands)}
            for h, s in registry.stores.items()
        ]
    )


async def create_store(request: Request) -> Response:
    body = await _body(request)
    if isinstance(body, Response):
        return body
    store_hash = body.get("store_hash")
    fixtures = body.get("fixtures", "demo")
    if store_hash is not None and (not isinstance(store_hash, str) or not store_hash.isalnum()):
        return _problem(422, "Invalid store.", {"store_hash": "must be letters and digits"})
    if not isinstance(fixtures, str):
        return _problem(422, "Invalid store.", {"fixtures": "must be 'demo', 'empty' or a file path"})
    try:
        store = _registry(request).create_store(store_hash, fixtures=fixtures)
    except StoreExists:
        return _problem(409, f"A store with hash '{store_hash}' already exists.")
    except FixtureError as exc:
        return _problem(422, "Invalid store.", {"fixtures": str(exc)})
    return _json({"store_hash": store.store_hash, "fixtures": store.fixtures}, 201)


async def delete_store(request: Request) -> Response:
    if not _registry(request).drop_store(request.path_params["store_hash"]):
        return _problem(404, "No such store.")
    return Response(status_code=204)


async def create_api_account(request: Request) -> Response:
    registry = _registry(request)
    store_hash = request.path_params["store_hash"]
    if store_hash not in registry.stores:
        return _problem(404, "No such store.")
    body = await _body(request)
    if isinstance(body, Response):
        return body
    scopes = body.get("scopes", list(ALL_SCOPES))
    name = body.get("name", "api-account")
    if not isinstance(name, str) or not name:
        return _problem(422, "Invalid API account.", {"name": "must be a non-empty string"})
    try:
        if isinstance(scopes, str):
            granted = parse_scopes(scopes)
        elif isinstance(scopes, list) and all(isinstance(s, str) for s in scopes):
            granted = parse_scopes(",".join(scopes)) if scopes else ()
        else:
            raise ValueError("must be a list of scope names")
    except ValueError as exc:
        return _problem(422, "Invalid API account.", {"scopes": str(exc)})
    account = registry.create_account(store_hash, name=f"{name}-{len(registry.accounts) + 1}", scopes=granted)
    return _json(account_json(request, account), 201)


async def reset_all(request: Request) -> Response:
    _registry(request).reset()
    return Response(status_code=204)


async def reset_store(request: Request) -> Response:
    store = _registry(request).get(request.path_params["store_hash"])
    if store is None:
        return _problem(404, "No such store.")
    store.reset()
    return Response(status_code=204)


async def list_requests(request: Request) -> Response:
    entries = _registry(request).journal
    store_hash = request.query_params.get("store_hash")
    return _json(
        [
            {
                "method": entry.method, "path": entry.path, "query": entry.query, "status": entry.status,
                "store_hash": entry.store_hash, "operation_id": entry.operation_id,
                "time": entry.time.isoformat(), "body": entry.body,
            }
            for entry in entries
            if store_hash is None or entry.store_hash == store_hash
        ]
    )  # fmt: skip


def routes() -> list[Route]:
    return [
        Route("/_mockbc/health", health, methods=["GET"]),
        Route("/_mockbc/stores", list_stores, methods=["GET"]),
        Route("/_mockbc/stores", create_store, methods=["POST"]),
        Route("/_mockbc/stores/{store_hash}", delete_store, methods=["DELETE"]),
        Route("/_mockbc/stores/{store_hash}/api-accounts", create_api_account, methods=["POST"]),
        Route("/_mockbc/stores/{store_hash}/reset", reset_store, methods=["POST"]),
        Route("/_mockbc/reset", reset_all, methods=["POST"]),
        Route("/_mockbc/requests", list_requests, methods=["GET"]),
    ]
