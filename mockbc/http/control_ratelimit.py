"""Control-plane routes for a store's request quota: read it, refill it, change its plan, and
make the next requests answer 429 (with or without the rate-limit headers)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mockbc.http import control  # imports this module; its helpers are read at call time
from mockbc.http.auth import RateLimiter
from mockbc.http.ratelimit import MAX_FORCED, StoreRateLimiter, parse_plan
from mockbc.store.registry import StoreRegistry

_KEYS = ("reset", "plan", "force_429", "headers")


def _state(limiter: StoreRateLimiter, store_hash: str) -> dict[str, Any]:
    plan = limiter.plan_for(store_hash)
    quota = limiter.status(store_hash)
    forced = limiter.forced.get(store_hash)
    return {
        "store_hash": store_hash, "plan": plan.name, "enforced": plan.enforced, "quota": quota.quota,
        "window_ms": quota.window_ms, "left": quota.left, "reset_ms": quota.reset_ms,
        "forced_429": forced.remaining if forced is not None else 0,
    }  # fmt: skip


def routes(registry: StoreRegistry, rate_limiter: RateLimiter | None) -> list[Route]:
    def limiter_for(request: Request) -> tuple[StoreRateLimiter, str] | Response:
        store_hash: str = request.path_params["store_hash"]
        if store_hash not in registry.stores:
            return control.problem(404, "No such store.")
        if not isinstance(rate_limiter, StoreRateLimiter):
            return control.problem(409, "This server's rate limiter is not mockbc's own; it cannot be controlled here.")
        # Plans and forced 429s of dropped stores go, so that creating and dropping stores keeps memory bounded.
        for gone in [h for h in rate_limiter.plans.keys() | rate_limiter.forced.keys() if h not in registry.stores]:
            rate_limiter.forget(gone)
        return rate_limiter, store_hash

    async def get_rate_limit(request: Request) -> Response:
        found = limiter_for(request)
        if isinstance(found, Response):
            return found
        return control._json(_state(*found))

    async def post_rate_limit(request: Request) -> Response:
        found = limiter_for(request)
        if isinstance(found, Response):
            return found
        limiter, store_hash = found
        body = await control._body(request)
        if isinstance(body, Response):
            return body
        errors: dict[str, str] = {}
        for key in body:
            if key not in _KEYS:
                errors[str(key)[:64]] = f"unknown field; the fields are {', '.join(_KEYS)}"
        reset = body.get("reset", False)
        if not isinstance(reset, bool):
            errors["reset"] = "must be true or false"
        plan = None
        if "plan" in body:
            raw_plan = body["plan"]
            if raw_plan is None:
                pass
            elif not isinstance(raw_plan, str):
                errors["plan"] = "must be standard, pro, off, N/SECONDS, or null for the server's plan"
            else:
                try:
                    plan = parse_plan(raw_plan)
                except ValueError as exc:
                    errors["plan"] = str(exc)
        forced = body.get("force_429")
        if forced is not None and (
            isinstance(forced, bool) or not isinstance(forced, int) or not 0 <= forced <= MAX_FORCED
        ):
            errors["force_429"] = f"must be an integer from 0 to {MAX_FORCED}"
        with_headers = body.get("headers", True)
        if not isinstance(with_headers, bool):
            errors["headers"] = "must be true or false"
        elif "headers" in body and forced is None:
            errors["headers"] = "applies only with force_429"
        if not errors and not {"reset", "plan", "force_429"} & body.keys():
            errors["body"] = "give at least one of reset, plan, force_429"
        if errors:
            return control.problem(422, "Invalid rate-limit change.", errors)
        if "plan" in body:
            limiter.set_plan(store_hash, plan)
        if reset:
            limiter.reset(store_hash)
        if forced is not None:
            limiter.force(store_hash, forced, headers=with_headers)
        return control._json(_state(limiter, store_hash))

    return [
        Route("/_mockbc/stores/{store_hash}/rate-limit", get_rate_limit, methods=["GET"]),
        Route("/_mockbc/stores/{store_hash}/rate-limit", post_rate_limit, methods=["POST"]),
    ]
