"""``create_app``: the ASGI application.

Three parts behind one port: the control plane under ``/_mockbc/`` (a small Starlette app,
``control.py``, guarded against web pages and rebinding hosts), the login and storefront
endpoints (``web.py``), and everything else, which is BigCommerce's REST paths and runs the
request pipeline (``pipeline.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from starlette.datastructures import State
from starlette.types import Receive, Scope, Send

from mockbc.auth.scopes import ALL_SCOPES
from mockbc.domain.limits import Limits
from mockbc.fixtures import load_seed
from mockbc.http import control, web
from mockbc.http.auth import ApiAccountToken, Authenticator, RateLimiter
from mockbc.http.operations import BoundOperation, bind
from mockbc.http.pipeline import Pipeline
from mockbc.http.ratelimit import MillisClock, Plan, StoreRateLimiter, monotonic_ms
from mockbc.spec import OperationKey, load_operations
from mockbc.store.registry import DEFAULT_STORE_HASH, ApiAccount, StoreRegistry


class MockApp:
    """The mock as an ASGI app; ``state.registry`` holds every store and account."""

    def __init__(self, registry: StoreRegistry, pipeline: Pipeline, control_app: Any, guard: control.Guard) -> None:
        self.state = State()
        self.web = web.web_app(registry)
        self.state.registry = registry
        self.pipeline = pipeline
        self.control = control_app
        self.guard = guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "http":
            path: str = scope["path"]
            if path == "/_mockbc" or path.startswith("/_mockbc/"):
                await self._control(scope, receive, send)
            elif web.is_web_path(path):
                await self.web(scope, receive, send)
            else:
                await self.pipeline(scope, receive, send)
        elif kind == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        else:  # websockets: BigCommerce has none
            await send({"type": "websocket.close", "code": 1003})

    async def _control(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]}
        refused = self.guard.refusal(scope["method"], headers, scope.get("scheme", "http"))
        if refused is not None:
            await refused(scope, receive, send)
            return
        await self.control(scope, receive, send)

    @property
    def operations(self) -> dict[OperationKey, BoundOperation]:
        return self.state.operations  # type: ignore[no-any-return]


def create_app(
    registry: StoreRegistry | None = None,
    *,
    fixtures: str = "demo",
    store_hash: str = DEFAULT_STORE_HASH,
    scopes: Iterable[str] = ALL_SCOPES,
    access_token: str | None = None,
    client_id: str | None = None,
    client_secret: str | None = None,
    specs_dir: Path | None = None,
    allowed_hosts: Iterable[str] = (),
    limits: Limits | None = None,
    authenticators: Sequence[Authenticator] = (ApiAccountToken(),),
    rate_limiter: RateLimiter | None = None,
    rate_limit: str | Plan = "off",
    rate_limit_clock: MillisClock = monotonic_ms,
) -> MockApp:
    """The mock as an ASGI app.

    Without a registry it creates one holding a single store (``store_hash``, seeded from
    ``fixtures``) and one store-level API account with ``scopes``. ``allowed_hosts`` adds host
    names the control plane answers for (loopback names always work); ``limits`` changes the
    documented-or-decided limits (``mockbc.domain.limits.Limits``). ``rate_limit`` is the request
    quota of every store (``standard``, ``pro``, ``N/SECONDS`` or ``off``, which sends the headers
    and never refuses), counted on ``rate_limit_clock`` (monotonic milliseconds); a
    ``rate_limiter`` of your own replaces it.

    Example::

        app = create_app(fixtures="empty")
        account = app.state.default_account
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mockbc.test",
                                   headers={"X-Auth-Token": account.access_token})
    """
    if registry is None:
        registry = StoreRegistry(default_store_hash=store_hash, limits=limits or Limits(), seed_loader=load_seed)
        registry.create_store(store_hash, fixtures=fixtures)
        registry.create_account(
            store_hash, name="default", scopes=scopes,
            access_token=access_token, client_id=client_id, client_secret=client_secret,
        )  # fmt: skip
    operations = bind(load_operations(specs_dir))
    store_limiter = StoreRateLimiter(rate_limit, clock=rate_limit_clock)
    limiter: RateLimiter = store_limiter if rate_limiter is None else rate_limiter
    pipeline = Pipeline(
        registry, operations, authenticators=authenticators, rate_limiter=limiter,
        concurrency=store_limiter if rate_limiter is None else None,
    )  # fmt: skip
    fixture_files = [s.fixtures for s in registry.stores.values()]
    app = MockApp(
        registry,
        pipeline,
        control.control_app(registry, fixtures_allowed=fixture_files, rate_limiter=limiter),
        control.Guard(allowed_hosts),
    )
    app.state.operations = {op.spec.key: op for op in operations}
    app.state.rate_limiter = limiter
    app.state.allowed_hosts = tuple(allowed_hosts)
    accounts = [a for a in registry.accounts.values() if a.store_hash == registry.default_store_hash]
    default: ApiAccount | None = accounts[0] if accounts else None
    app.state.default_account = default
    return app


__all__ = ["MockApp", "create_app"]
