"""mockbc's pytest plugin: ``bc_*`` fixtures over one in-process mock per test session.

Registered through the ``pytest11`` entry point, so installing mockbc is enough. The
reference, with each fixture's scope, type and default, is docs/plugin.md.

Two tiers, as in pytest-httpserver: the app, its in-process transport and the live server
are session-scoped and built on first use; the function-scoped fixtures only point the
registry at the test's store, reset it (O(1)) and clear the request journal.

Module-level imports are pytest and the standard library only: the app (Starlette, specs,
fixtures) and uvicorn are imported inside fixture bodies, so a session that uses no
``bc_*`` fixture pays nothing for them.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar

import pytest

# Before anything imports it, so a helper module that uses plain ``assert`` gets pytest's
# detailed messages (pytest's plugin guide, "assertion rewriting").
pytest.register_assert_rewrite("mockbc.journal")

if TYPE_CHECKING:
    import httpx

    from mockbc._strategies._intended import IntendedBodies
    from mockbc.http.app import MockApp
    from mockbc.http.live import LiveServer
    from mockbc.journal import RequestJournal
    from mockbc.store.apps import App
    from mockbc.store.registry import ApiAccount, JournalEntry, StoreRegistry
    from mockbc.store.store import Store

__all__ = [
    "BASE_URL", "BcApiAccount", "BcCustomerAccessToken", "BcGraphQL", "BcInstalledApp", "BcRateLimit", "BcServer",
    "BcShopper",
]  # fmt: skip

_T = TypeVar("_T")

BASE_URL = "http://mockbc.test"
"""The base URL of the in-process clients; requests never leave the process."""

MARKER = "mockbc"
_MARKER_KEYS = ("scopes", "fixtures", "store_hash", "contract", "rate_limit")
_BUILTIN_FIXTURES = ("demo", "catalog", "empty")
_CONTRACT_HINT = "(a deliberate negative test opts out with @pytest.mark.mockbc(contract=False))"


# --------------------------------------------------------------------------- options


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("mockbc", "mockbc (BigCommerce API mock) fixtures")
    group.addoption(
        "--mockbc-fixtures", dest="mockbc_fixtures", default=None, metavar="demo|catalog|empty|PATH",
        help="seed of the bc_* fixtures' default store: demo, catalog, empty or a fixture file (default: demo; ini: mockbc_fixtures)",
    )  # fmt: skip
    group.addoption(
        "--mockbc-store-hash", dest="mockbc_store_hash", default=None, metavar="HASH",
        help="store hash of the default store (default: mockbc.DEFAULT_STORE_HASH; ini: mockbc_store_hash)",
    )  # fmt: skip
    group.addoption(
        "--mockbc-scopes", dest="mockbc_scopes", default=None, metavar="all|SCOPE,SCOPE",
        help="scopes of the default API account; an empty value grants none (default: all; ini: mockbc_scopes)",
    )  # fmt: skip
    group.addoption(
        "--mockbc-contract", dest="mockbc_contract", action="store_true", default=None,
        help="fail a test whose code sent a request that breaks mockbc's specs (default; ini: mockbc_contract)",
    )  # fmt: skip
    group.addoption(
        "--no-mockbc-contract", dest="mockbc_contract", action="store_false", default=None,
        help="do not fail tests for requests that break mockbc's specs",
    )  # fmt: skip
    parser.addini(
        "mockbc_fixtures",
        "bc_* default store seed: demo, catalog, empty or a file path (relative to the ini file)",
        default="demo",
    )
    parser.addini("mockbc_store_hash", "bc_* default store hash (empty: mockbc.DEFAULT_STORE_HASH)", default="")
    parser.addini(
        "mockbc_scopes",
        "bc_* default API account scopes: all, a comma-separated list, or empty for none",
        default="all",
    )
    parser.addini("mockbc_contract", "fail tests whose requests break mockbc's specs", type="bool", default=True)


@dataclass(frozen=True)
class _Settings:
    fixtures: str
    store_hash: str | None
    scopes: str
    contract: bool


_SETTINGS = pytest.StashKey[_Settings]()
_SESSION = pytest.StashKey["_Session"]()
_STATE = pytest.StashKey["_TestState"]()


def _resolve_fixtures(value: str, base: Path) -> str:
    if value in _BUILTIN_FIXTURES:
        return value
    path = Path(value)
    return str(path if path.is_absolute() else (base / path).resolve())


def _read_settings(config: pytest.Config) -> _Settings:
    option = config.option
    if option.mockbc_fixtures is not None:
        fixtures = _resolve_fixtures(option.mockbc_fixtures, config.invocation_params.dir)
    else:
        ini_dir = config.inipath.parent if config.inipath else config.rootpath
        fixtures = _resolve_fixtures(str(config.getini("mockbc_fixtures")), ini_dir)
    if fixtures not in _BUILTIN_FIXTURES and not Path(fixtures).is_file():
        raise pytest.UsageError(f"mockbc: fixture file not found: {fixtures}")
    store_hash = option.mockbc_store_hash or str(config.getini("mockbc_store_hash")) or None
    if store_hash is not None and not store_hash.isalnum():
        raise pytest.UsageError(f"mockbc: store hash must be letters and digits, got {store_hash!r}")
    scopes = option.mockbc_scopes if option.mockbc_scopes is not None else str(config.getini("mockbc_scopes"))
    if scopes.strip() != "all":
        from mockbc.auth.scopes import parse_scopes  # noqa: PLC0415  (light, but only when needed)

        try:
            parse_scopes(scopes)
        except ValueError as exc:
            raise pytest.UsageError(f"mockbc: --mockbc-scopes: {exc}") from None
    contract = option.mockbc_contract if option.mockbc_contract is not None else bool(config.getini("mockbc_contract"))
    return _Settings(fixtures=fixtures, store_hash=store_hash, scopes=scopes, contract=contract)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "mockbc(scopes=None, fixtures=None, store_hash=None, contract=None, rate_limit=None): the store, "
        "API account, contract mode and request quota the bc_* fixtures give this test (see mockbc's docs/plugin.md)",
    )
    config.stash[_SETTINGS] = _read_settings(config)


# --------------------------------------------------------------------------- session state


class _SharedTransport:
    """The session's in-process transport, lent to each test's client; closing a client
    must not close the session's event loop."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response: httpx.Response = self._inner.handle_request(request)
        return response

    def close(self) -> None:
        pass

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


@dataclass
class _Session:
    """What the plugin keeps for one test session (one per xdist worker): the app, the
    stores per (store_hash, fixtures) and the accounts per (store_hash, scopes), each made
    on first use and afterwards only reset or re-pointed to, so a test costs O(1)."""

    app: MockApp
    registry: StoreRegistry
    default_hash: str
    default_fixtures: str
    default_scopes: frozenset[str]
    contract: bool
    transport: _SharedTransport
    intended: IntendedBodies  # the bodies drawn from mockbc.strategies.invalid_* during the test
    stores: dict[tuple[str, str], Store] = field(default_factory=dict)
    active: dict[str, Store] = field(default_factory=dict)  # what registry.stores should hold
    accounts: dict[tuple[str, frozenset[str]], ApiAccount] = field(default_factory=dict)
    tokens: dict[str, ApiAccount] = field(default_factory=dict)  # what registry.accounts should hold
    apps: dict[str, App] = field(default_factory=dict)  # what registry.apps.apps should hold
    live: LiveServer | None = None

    def adopt(self) -> None:
        """Take the app's stores and accounts as the session's own."""
        for store in self.registry.stores.values():
            self.stores.setdefault((store.store_hash, store.fixtures), store)
            self.active[store.store_hash] = store
        for account in self.registry.accounts.values():
            self.accounts.setdefault((account.store_hash, account.scopes), account)
            self.tokens[account.access_token] = account
        self.apps = dict(self.registry.apps.apps)

    def begin(self, store_hash: str, fixtures: str, scopes: frozenset[str]) -> tuple[Store, ApiAccount]:
        """Point the registry at the test's store, reset it, and undo what earlier tests did
        to the registry itself (stores, accounts and apps made or dropped through /_mockbc)."""
        registry = self.registry
        store = self.stores.get((store_hash, fixtures)) or self._create_store(store_hash, fixtures)
        stores = registry.stores
        if stores.get(store_hash) is not store:
            stores[store_hash] = store
        self.active[store_hash] = store
        if stores.keys() != self.active.keys():
            for extra in [h for h in stores if h not in self.active]:
                registry.drop_store(extra)
            stores.update(self.active)
        store.reset()
        account = self.accounts.get((store_hash, scopes)) or self._create_account(store_hash, scopes)
        accounts = registry.accounts
        if len(accounts) != len(self.tokens) or accounts.get(account.access_token) is not account:
            accounts.clear()
            accounts.update(self.tokens)
        apps = registry.apps
        if apps.apps != self.apps:  # apps registered or changed through /_mockbc/apps by an earlier test
            apps.apps.clear()
            apps.apps.update(self.apps)
        if apps.tokens:
            for key in [k for k, token in apps.tokens.items() if token not in accounts]:
                del apps.tokens[key]
        registry.journal.clear()
        self.intended.clear()
        return store, account

    def _create_store(self, store_hash: str, fixtures: str) -> Store:
        # The registry holds one store per hash: park the current one while creating.
        current = self.registry.stores.pop(store_hash, None)
        try:
            store = self.registry.create_store(store_hash, fixtures=fixtures)
        finally:
            if current is not None:
                self.registry.stores[store_hash] = current
        self.stores[(store_hash, fixtures)] = store
        return store

    def _create_account(self, store_hash: str, scopes: frozenset[str]) -> ApiAccount:
        if scopes == self.default_scopes:
            name = "default"
        else:
            name = "mockbc-marker-" + hashlib.sha256(",".join(sorted(scopes)).encode()).hexdigest()[:12]
        account = self.registry.create_account(store_hash, name=name, scopes=scopes)
        self.accounts[(store_hash, scopes)] = account
        self.tokens[account.access_token] = account
        return account


def _restore(table: dict[str, _T], key: str, saved: _T | None) -> None:
    if saved is None:
        table.pop(key, None)
    else:
        table[key] = saved


@dataclass
class _TestState:
    session: _Session
    store: Store
    account: ApiAccount
    contract: bool
    # Journal positions of the requests the bc_customer / bc_order factories sent: setup, not the
    # code under test, so bc_requests and contract mode leave them out.
    arranged: set[int] = field(default_factory=set)

    @contextmanager
    def setup(self) -> Iterator[None]:
        """Requests sent inside are the test's setup: they spend none of the store's request quota
        (nor its forced 429s) and ``bc_requests`` and contract mode leave them out."""
        from mockbc.http.ratelimit import OFF, StoreRateLimiter  # noqa: PLC0415

        store_hash, journal = self.store.store_hash, self.session.registry.journal
        limiter = getattr(self.session.app.state, "rate_limiter", None)
        first = journal.last_seq + 1
        if not isinstance(limiter, StoreRateLimiter):
            try:
                yield
            finally:
                self.arranged.update(range(first, journal.last_seq + 1))
            return
        plan, window, forced = (
            limiter.plans.get(store_hash), limiter.windows.get(store_hash), limiter.forced.pop(store_hash, None)
        )  # fmt: skip
        limiter.plans[store_hash] = OFF  # an unenforced plan neither counts nor refuses
        try:
            yield
        finally:
            self.arranged.update(range(first, journal.last_seq + 1))
            _restore(limiter.plans, store_hash, plan)
            _restore(limiter.windows, store_hash, window)
            _restore(limiter.forced, store_hash, forced)

    def arrange(self, method: str, path: str, body: object) -> Any:
        """Send one setup request with an all-scopes account of the test's store; its JSON answer,
        or a ``ValueError`` carrying the mock's refusal."""
        from mockbc.auth.scopes import ALL_SCOPES  # noqa: PLC0415

        session, store_hash = self.session, self.store.store_hash
        account = session.accounts.get((store_hash, frozenset(ALL_SCOPES))) or session._create_account(
            store_hash, frozenset(ALL_SCOPES)
        )
        session.registry.accounts.setdefault(account.access_token, account)
        with self.setup(), _client(session, account.access_token) as client:
            response = client.request(method, f"/stores/{store_hash}{path}", json=body)
        if response.status_code >= 300:
            raise ValueError(f"{method} {path} was refused with {response.status_code}: {response.text}")
        return response.json()


def _marker_options(item: pytest.Item) -> dict[str, Any]:
    """The ``mockbc`` marks on a test, its class and module merged; the closest wins per key."""
    options: dict[str, Any] = {}
    for mark in item.iter_markers(MARKER):
        if mark.args:
            pytest.fail(f"@pytest.mark.mockbc takes keyword arguments only ({', '.join(_MARKER_KEYS)})", pytrace=False)
        for key, value in mark.kwargs.items():
            if key not in _MARKER_KEYS:
                pytest.fail(
                    f"@pytest.mark.mockbc got an unknown argument {key!r}; it takes {', '.join(_MARKER_KEYS)}",
                    pytrace=False,
                )
            options.setdefault(key, value)
    return options


def _scope_set(scopes: object, what: str) -> frozenset[str]:
    from mockbc.auth.scopes import parse_scopes  # noqa: PLC0415

    names = list(scopes) if isinstance(scopes, Iterable) and not isinstance(scopes, str) else None
    if isinstance(scopes, str):
        text = scopes
    elif names is not None and all(isinstance(name, str) for name in names):
        if not names:
            return frozenset()
        text = ",".join(names)
    else:
        pytest.fail(f"{what}: scopes must be 'all' or a list of scope names, got {scopes!r}", pytrace=False)
    try:
        return frozenset(parse_scopes(text))
    except ValueError as exc:
        pytest.fail(f"{what}: {exc}", pytrace=False)


def _begin(session: _Session, item: pytest.Item) -> _TestState:
    options = _marker_options(item) if item.get_closest_marker(MARKER) is not None else {}
    store_hash = options.get("store_hash") or session.default_hash
    if not isinstance(store_hash, str) or not store_hash.isalnum():
        pytest.fail(f"@pytest.mark.mockbc: store_hash must be letters and digits, got {store_hash!r}", pytrace=False)
    fixtures = options.get("fixtures")
    if fixtures is None:
        fixtures = session.default_fixtures
    elif not isinstance(fixtures, (str, Path)):
        pytest.fail(f"@pytest.mark.mockbc: fixtures must be 'demo', 'empty' or a path, got {fixtures!r}", pytrace=False)
    else:
        fixtures = _resolve_fixtures(str(fixtures), item.path.parent)
    scopes = session.default_scopes if "scopes" not in options else _scope_set(options["scopes"], "@pytest.mark.mockbc")
    contract = options.get("contract", session.contract)
    if not isinstance(contract, bool):
        pytest.fail(f"@pytest.mark.mockbc: contract must be True or False, got {contract!r}", pytrace=False)
    try:
        store, account = session.begin(store_hash, fixtures, scopes)
    except (OSError, ValueError) as exc:  # FixtureError is a ValueError
        pytest.fail(f"@pytest.mark.mockbc: cannot seed store {store_hash!r} from {fixtures!r}: {exc}", pytrace=False)
    _apply_rate_limit(session, store_hash, options.get("rate_limit"))
    return _TestState(session, store, account, contract)


def _apply_rate_limit(session: _Session, store_hash: str, plan: object) -> None:
    """Start the test's store on a fresh window of its marker's plan, or of the app's (``off`` by default)."""
    from mockbc.http.ratelimit import StoreRateLimiter, parse_plan  # noqa: PLC0415

    limiter = getattr(session.app.state, "rate_limiter", None)
    if not isinstance(limiter, StoreRateLimiter):
        if plan is not None:
            pytest.fail("@pytest.mark.mockbc: rate_limit needs the app's own rate limiter", pytrace=False)
        return
    limiter.forget(store_hash)
    if plan is None:
        return
    if not isinstance(plan, str):
        pytest.fail(
            f"@pytest.mark.mockbc: rate_limit must be a string such as 'standard' or '5/1', got {plan!r}", pytrace=False
        )
    try:
        limiter.set_plan(store_hash, parse_plan(plan))
    except ValueError as exc:
        pytest.fail(f"@pytest.mark.mockbc: {exc}", pytrace=False)


def _client(session: _Session, token: str) -> httpx.Client:
    import httpx  # noqa: PLC0415

    # trust_env=False: an HTTP(S)_PROXY in the environment must not capture in-process calls.
    return httpx.Client(
        transport=session.transport,  # type: ignore[arg-type]
        base_url=BASE_URL, headers={"X-Auth-Token": token}, trust_env=False,
    )  # fmt: skip


def _async_client(session: _Session, token: str) -> httpx.AsyncClient:
    import httpx  # noqa: PLC0415

    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=session.app),
        base_url=BASE_URL, headers={"X-Auth-Token": token}, trust_env=False,
    )  # fmt: skip


# --------------------------------------------------------------------------- public types


@dataclass(frozen=True)
class BcApiAccount:
    """An API account made by ``bc_api_account``; removed from the mock after the test."""

    name: str
    store_hash: str
    client_id: str
    client_secret: str
    access_token: str
    scopes: frozenset[str]
    base_url: str
    _session: _Session = field(repr=False, compare=False)
    _opened: list[Any] = field(repr=False, compare=False, default_factory=list)

    @property
    def api_path(self) -> str:
        """``{base_url}/stores/{store_hash}/v3/``, as in a BigCommerce API-account download."""
        return f"{self.base_url}/stores/{self.store_hash}/v3/"

    def client(self) -> httpx.Client:
        """A sync in-process client authenticated as this account (closed after the test)."""
        client = _client(self._session, self.access_token)
        self._opened.append(client)
        return client

    def async_client(self) -> httpx.AsyncClient:
        """An async in-process client authenticated as this account."""
        return _async_client(self._session, self.access_token)


@dataclass(frozen=True)
class BcServer:
    """The session's live server, seen from one test: its URL and the test's credentials."""

    url: str
    host: str
    port: int
    store_hash: str
    access_token: str
    client_id: str
    client_secret: str
    scopes: frozenset[str]

    @property
    def api_path(self) -> str:
        """``{url}/stores/{store_hash}/v3/``, as in a BigCommerce API-account download."""
        return f"{self.url}/stores/{self.store_hash}/v3/"


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def bc_app(pytestconfig: pytest.Config) -> MockApp:
    """The mock as an ASGI app, built once per session from the ``--mockbc-*`` options.

    Override it in a conftest.py to build the app another way; the other ``bc_*``
    fixtures take the default store, fixtures and scopes from the app they are given.
    """
    from mockbc.auth.scopes import parse_scopes  # noqa: PLC0415
    from mockbc.http.app import create_app  # noqa: PLC0415

    settings = pytestconfig.stash[_SETTINGS]
    kwargs: dict[str, Any] = {
        "fixtures": settings.fixtures,
        "scopes": parse_scopes(settings.scopes),
        "rate_limit": "off",
    }
    if settings.store_hash:
        kwargs["store_hash"] = settings.store_hash
    return create_app(**kwargs)


@pytest.fixture(scope="session")
def _mockbc_session(bc_app: MockApp, pytestconfig: pytest.Config) -> Iterator[_Session]:
    from mockbc._strategies._intended import INTENDED  # noqa: PLC0415
    from mockbc.http.inprocess import InProcessTransport  # noqa: PLC0415

    registry: StoreRegistry = bc_app.state.registry
    account: ApiAccount | None = bc_app.state.default_account
    default_hash = registry.default_store_hash
    store = registry.stores[default_hash]
    inprocess = InProcessTransport(bc_app)
    scopes = account.scopes if account is not None else frozenset()
    session = _Session(
        app=bc_app, registry=registry, default_hash=default_hash, default_fixtures=store.fixtures,
        default_scopes=scopes, contract=pytestconfig.stash[_SETTINGS].contract,
        transport=_SharedTransport(inprocess), intended=INTENDED,
    )  # fmt: skip
    session.adopt()
    pytestconfig.stash[_SESSION] = session
    yield session
    del pytestconfig.stash[_SESSION]
    inprocess.close()


def _test_state(request: pytest.FixtureRequest) -> _TestState:
    """The test's store and account, set up by the first ``bc_*`` fixture the test uses.

    A plain function rather than a fixture every ``bc_*`` fixture depends on: each fixture
    layer costs pytest tens of microseconds per test, which is most of the plugin's cost.
    """
    item: pytest.Item = request.node
    state = item.stash.get(_STATE, None)
    if state is None:
        session = request.config.stash.get(_SESSION, None)
        if session is None:
            session = request.getfixturevalue("_mockbc_session")
        state = item.stash[_STATE] = _begin(session, item)
    return state


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    # Once the test's fixtures are torn down its state goes, so a rerun starts afresh.
    try:
        return (yield)
    finally:
        if _STATE in item.stash:
            del item.stash[_STATE]
        # Tests that use no bc_* fixture draw from invalid_* too: without this, a session of
        # them would keep every fingerprint. Not imported here if nothing imported it yet.
        intended = sys.modules.get("mockbc._strategies._intended")
        if intended is not None:
            intended.INTENDED.clear()


@pytest.fixture
def bc_store(request: pytest.FixtureRequest) -> Store:
    """The test's store, back at its seed: assert on ``.products``, ``.categories``, ``.brands``, ``.trees``."""
    return _test_state(request).store


@pytest.fixture
def bc_client(request: pytest.FixtureRequest) -> Iterator[httpx.Client]:
    """A sync in-process ``httpx.Client`` holding the test's token; paths start at ``/stores/``."""
    state = _test_state(request)
    client = _client(state.session, state.account.access_token)
    yield client
    client.close()


@pytest.fixture
def bc_async_client(request: pytest.FixtureRequest) -> httpx.AsyncClient:
    """The async twin of ``bc_client`` (``httpx.ASGITransport``), for ``async def`` tests."""
    state = _test_state(request)
    return _async_client(state.session, state.account.access_token)


@pytest.fixture
def bc_api_account(request: pytest.FixtureRequest) -> Iterator[Callable[..., BcApiAccount]]:
    """A factory: ``bc_api_account(scopes=["store_v2_products_read_only"], name="erp")``.

    Accounts belong to the test's store and are removed after the test.
    """
    state = _test_state(request)
    session, store_hash = state.session, state.store.store_hash
    made: list[BcApiAccount] = []

    def make(scopes: Iterable[str] | str = "all", *, name: str | None = None) -> BcApiAccount:
        granted = _scope_set(scopes, "bc_api_account")
        account_name = name or f"api-account-{len(made) + 1}"
        registry = session.registry
        if any(a.store_hash == store_hash and a.name == account_name for a in registry.accounts.values()):
            raise ValueError(f"bc_api_account: store {store_hash} already has an API account named {account_name!r}")
        account = session.registry.create_account(store_hash, name=account_name, scopes=granted)
        base_url = session.live.url if session.live is not None and "bc_server" in request.fixturenames else BASE_URL
        made.append(
            BcApiAccount(
                name=account.name, store_hash=store_hash, client_id=account.client_id,
                client_secret=account.client_secret, access_token=account.access_token,
                scopes=account.scopes, base_url=base_url, _session=session,
            )
        )  # fmt: skip
        return made[-1]

    yield make
    for account in made:
        session.registry.accounts.pop(account.access_token, None)
        for client in account._opened:
            client.close()


@pytest.fixture(scope="session")
def _mockbc_live_server(_mockbc_session: _Session) -> Iterator[LiveServer]:
    from mockbc.http.live import LiveServer  # noqa: PLC0415

    server = LiveServer(_mockbc_session.app).start()
    _mockbc_session.live = server
    yield server
    _mockbc_session.live = None
    server.stop()


@pytest.fixture
def bc_server(_mockbc_live_server: LiveServer, request: pytest.FixtureRequest) -> BcServer:
    """The live server (one per session, or per xdist worker) with the test's store reset."""
    server, account = _mockbc_live_server, _test_state(request).account
    return BcServer(
        url=server.url, host=f"{server.host}:{server.port}", port=server.port, store_hash=account.store_hash,
        access_token=account.access_token, client_id=account.client_id, client_secret=account.client_secret,
        scopes=account.scopes,
    )  # fmt: skip


@pytest.fixture
def bc_requests(request: pytest.FixtureRequest) -> RequestJournal:
    """The requests the test's store received during the test, with ``assert_called`` & co."""
    from mockbc.journal import RequestJournal  # noqa: PLC0415

    state = _test_state(request)
    journal = state.session.registry.journal
    arranged = state.arranged
    return RequestJournal(lambda: [e for e in journal if e.seq not in arranged], store_hash=state.store.store_hash)


@pytest.fixture
def bc_customer(request: pytest.FixtureRequest) -> Callable[..., dict[str, Any]]:
    """A factory: ``bc_customer(email=None, first_name="Ann", last_name="Lee", password=None, **fields)``.

    Creates a customer in the test's store through ``POST /v3/customers`` and returns it as
    that answers (v3 fields). Without ``email`` one no customer has is made up; ``password`` is
    set as ``authentication.new_password``; other fields are sent as given (``addresses=[...]``,
    ``customer_group_id=...``). A refusal raises ``ValueError`` with the mock's error body.
    """
    state = _test_state(request)

    def make(
        email: str | None = None, first_name: str = "Ann", last_name: str = "Lee", password: str | None = None,
        **fields: Any,
    ) -> dict[str, Any]:  # fmt: skip
        if email is None:
            taken = {c.email.casefold() for c in state.store.customers.values()}
            number = len(taken) + 1
            while f"customer{number}@example.com" in taken:
                number += 1
            email = f"customer{number}@example.com"
        body: dict[str, Any] = {"email": email, "first_name": first_name, "last_name": last_name, **fields}
        if password is not None:
            body["authentication"] = {**body.get("authentication", {}), "new_password": password}
        created: dict[str, Any] = state.arrange("POST", "/v3/customers", [body])["data"][0]
        return created

    return make


_BILLING = {
    "first_name": "Ann", "last_name": "Lee", "street_1": "1 Main St", "city": "Austin", "state": "Texas",
    "zip": "78701", "country": "United States", "country_iso2": "US", "email": "ann@example.com",
}  # fmt: skip


@pytest.fixture
def bc_order(request: pytest.FixtureRequest) -> Callable[..., dict[str, Any]]:
    """A factory: ``bc_order(products=None, customer_id=0, billing_address=None, **fields)``.

    Creates an order in the test's store through ``POST /v2/orders`` and returns it as that
    answers (v2 fields: money as strings). ``products`` lists order lines; a bare product id
    means one of it. Without ``products`` the order has one custom line of 10.00, so it works on
    any store. Catalog lines are priced from the catalog and lower tracked stock, as any order.
    A refusal raises ``ValueError`` with the mock's error body.
    """
    state = _test_state(request)

    def make(
        products: Iterable[int | dict[str, Any]] | None = None, customer_id: int = 0,
        billing_address: dict[str, Any] | None = None, **fields: Any,
    ) -> dict[str, Any]:  # fmt: skip
        lines = [
            {"product_id": line, "quantity": 1} if isinstance(line, int) else line
            for line in (products if products is not None else ())
        ] or [{"name": "Test item", "quantity": 1, "price_ex_tax": "10.00", "price_inc_tax": "10.00"}]
        body = {"billing_address": billing_address or _BILLING, "products": lines, "customer_id": customer_id, **fields}
        created: dict[str, Any] = state.arrange("POST", "/v2/orders", body)
        return created

    return make


# --------------------------------------------------------------------------- apps, shoppers, quota

_APP_SITE = "https://app.example.com"
_CALLBACK_EVENTS = ("load", "uninstall", "remove_user")


def _setup_client(session: _Session, base_url: str = BASE_URL) -> httpx.Client:
    import httpx  # noqa: PLC0415

    return httpx.Client(transport=session.transport, base_url=base_url, trust_env=False)  # type: ignore[arg-type]


def _control(state: _TestState, client: httpx.Client, path: str, body: dict[str, Any]) -> dict[str, Any]:
    with state.setup():
        response = client.post(path, json=body)
    if response.status_code >= 300:
        raise ValueError(f"POST {path} was refused with {response.status_code}: {response.text}")
    answer: dict[str, Any] = response.json()
    return answer


@dataclass(frozen=True)
class BcInstalledApp:
    """An app made by ``bc_installed_app``: registered, installed on the test's store, and holding
    the token ``POST /oauth2/token`` gave it; removed from the mock after the test."""

    client_id: str
    client_secret: str
    access_token: str
    scope: str  # space-separated, as the token response writes it
    scopes: frozenset[str]
    context: str
    store_hash: str
    account_uuid: str
    user: dict[str, Any]
    owner: dict[str, Any]
    auth_callback: str
    load_callback: str | None
    uninstall_callback: str | None
    remove_user_callback: str | None
    load_url: str | None  # the load callback as BigCommerce calls it, with a signed_payload_jwt
    uninstall_url: str | None
    remove_user_url: str | None
    base_url: str
    _state: _TestState = field(repr=False, compare=False)
    _opened: list[Any] = field(repr=False, compare=False, default_factory=list)

    @property
    def api_path(self) -> str:
        """``{base_url}/stores/{store_hash}/v3/``."""
        return f"{self.base_url}/stores/{self.store_hash}/v3/"

    def client(self) -> httpx.Client:
        """A sync in-process client sending the app's token (closed after the test)."""
        client = _client(self._state.session, self.access_token)
        self._opened.append(client)
        return client

    def async_client(self) -> httpx.AsyncClient:
        """An async in-process client sending the app's token."""
        return _async_client(self._state.session, self.access_token)

    def callback_url(self, event: str) -> str:
        """A new ``load``, ``uninstall`` or ``remove_user`` callback URL (a fresh signed payload).
        Building it changes nothing: an uninstall happens only through ``uninstall()``."""
        from mockbc.http.control_apps import signed_payload, with_query  # noqa: PLC0415

        if event not in _CALLBACK_EVENTS:
            raise ValueError(f"bc_installed_app: event must be one of {', '.join(_CALLBACK_EVENTS)}, got {event!r}")
        registry = self._state.session.registry
        app = registry.apps.get(self.client_id)
        target = getattr(app, f"{event}_callback", None) if app is not None else None
        if app is None or target is None:
            raise ValueError(f"bc_installed_app: the app has no {event}_callback")
        return with_query(target, {"signed_payload_jwt": signed_payload(registry, app, self.store_hash)})

    def _event(self, event: str, deliver: bool) -> dict[str, Any]:
        path = f"/_mockbc/stores/{self.store_hash}/installs/{self.client_id}/{event}"
        with _setup_client(self._state.session) as client:
            return _control(self._state, client, path, {"deliver": deliver})

    def load(self, *, deliver: bool = False) -> dict[str, Any]:
        """The control plane's load callback: ``{"url"}`` (and ``"delivery"`` when ``deliver``)."""
        return self._event("load", deliver)

    def uninstall(self, *, deliver: bool = False) -> dict[str, Any]:
        """Uninstall the app from the store: its token stops working; answers like ``load``."""
        return self._event("uninstall", deliver)

    def remove_user(self, *, deliver: bool = False) -> dict[str, Any]:
        """The control plane's remove_user callback; answers like ``load``."""
        return self._event("remove_user", deliver)


@pytest.fixture
def bc_installed_app(request: pytest.FixtureRequest) -> Iterator[Callable[..., BcInstalledApp]]:
    """A factory: ``bc_installed_app(scopes="all", *, auth_callback=..., load_callback=...,
    uninstall_callback=..., remove_user_callback=..., client_id=None, client_secret=None)``.

    Registers an app, installs it on the test's store and exchanges the install's code at
    ``POST /oauth2/token``, as an app's auth callback would. A callback given as ``None`` is
    left out. The app and its token are removed after the test.
    """
    from mockbc.store.apps import revoke_app  # noqa: PLC0415

    state = _test_state(request)
    session, store_hash = state.session, state.store.store_hash
    made: list[BcInstalledApp] = []

    def make(
        scopes: Iterable[str] | str = "all", *, auth_callback: str = f"{_APP_SITE}/auth",
        load_callback: str | None = f"{_APP_SITE}/load", uninstall_callback: str | None = f"{_APP_SITE}/uninstall",
        remove_user_callback: str | None = f"{_APP_SITE}/remove-user", client_id: str | None = None,
        client_secret: str | None = None,
    ) -> BcInstalledApp:  # fmt: skip
        granted = _scope_set(scopes, "bc_installed_app")
        if not granted:
            raise ValueError("bc_installed_app: an app needs at least one scope (its install grants them)")
        callbacks = {
            "auth_callback": auth_callback, "load_callback": load_callback,
            "uninstall_callback": uninstall_callback, "remove_user_callback": remove_user_callback,
        }  # fmt: skip
        body: dict[str, Any] = {"scopes": sorted(granted), **{k: v for k, v in callbacks.items() if v is not None}}
        if client_id is not None:
            body["client_id"] = client_id
        if client_secret is not None:
            body["client_secret"] = client_secret
        with _setup_client(session) as client:
            app = _control(state, client, "/_mockbc/apps", body)
            try:
                grant = _control(
                    state, client, f"/_mockbc/stores/{store_hash}/installs", {"client_id": app["client_id"]}
                )
                form = {
                    "client_id": app["client_id"], "client_secret": app["client_secret"], "code": grant["code"],
                    "scope": grant["scope"], "grant_type": "authorization_code", "redirect_uri": auth_callback,
                    "context": grant["context"],
                }  # fmt: skip
                with state.setup():
                    response = client.post("/oauth2/token", data=form)
                if response.status_code != 200:
                    raise ValueError(f"POST /oauth2/token was refused with {response.status_code}: {response.text}")
            except BaseException:
                session.registry.apps.apps.pop(app["client_id"], None)
                raise
        token = response.json()
        base_url = session.live.url if session.live is not None and "bc_server" in request.fixturenames else BASE_URL
        installed = BcInstalledApp(
            client_id=app["client_id"], client_secret=app["client_secret"], access_token=token["access_token"],
            scope=token["scope"], scopes=granted, context=token["context"], store_hash=store_hash,
            account_uuid=token["account_uuid"], user=token["user"], owner=token["owner"], auth_callback=auth_callback,
            load_callback=load_callback, uninstall_callback=uninstall_callback,
            remove_user_callback=remove_user_callback, load_url=None, uninstall_url=None, remove_user_url=None,
            base_url=base_url, _state=state,
        )  # fmt: skip
        made.append(
            replace(
                installed, load_url=installed.callback_url("load") if load_callback else None,
                uninstall_url=installed.callback_url("uninstall") if uninstall_callback else None,
                remove_user_url=installed.callback_url("remove_user") if remove_user_callback else None,
            )
        )  # fmt: skip
        return made[-1]

    yield make
    for app in made:
        revoke_app(session.registry, app.client_id)
        session.registry.apps.apps.pop(app.client_id, None)
        for client in app._opened:
            client.close()


_STOREFRONT_TOKEN_PATHS = {
    "storefront": "/v3/storefront/api-token",
    "private": "/v3/storefront/api-token-private",
    "impersonation": "/v3/storefront/api-token-customer-impersonation",
}
_TOKEN_LIFETIME_SECONDS = 86_400


@pytest.fixture
def bc_storefront_token(request: pytest.FixtureRequest) -> Callable[..., str]:
    """A factory: ``bc_storefront_token(kind="storefront", *, channel_ids=(1,), expires_at=None,
    allowed_cors_origins=None, scopes=None) -> str``.

    Issues a storefront API token of the test's store through its REST endpoint: ``kind`` is
    ``storefront``, ``private`` or ``impersonation``. ``expires_at`` (unix seconds) defaults to
    a day after the store's clock; ``allowed_cors_origins`` is for storefront tokens, ``scopes``
    for private ones (default ``["Unauthenticated"]``). A refusal raises ``ValueError``.
    """
    state = _test_state(request)

    def make(
        kind: str = "storefront", *, channel_ids: Iterable[int] = (1,), expires_at: int | None = None,
        allowed_cors_origins: Iterable[str] | None = None, scopes: Iterable[str] | None = None,
    ) -> str:  # fmt: skip
        path = _STOREFRONT_TOKEN_PATHS.get(kind)
        if path is None:
            raise ValueError(
                f"bc_storefront_token: kind must be one of {', '.join(_STOREFRONT_TOKEN_PATHS)}, got {kind!r}"
            )
        if allowed_cors_origins is not None and kind != "storefront":
            raise ValueError("bc_storefront_token: allowed_cors_origins is for storefront tokens only")
        if scopes is not None and kind != "private":
            raise ValueError("bc_storefront_token: scopes is for private tokens only")
        if expires_at is None:
            expires_at = int(state.session.registry.clock.now().timestamp()) + _TOKEN_LIFETIME_SECONDS
        body: dict[str, Any] = {"channel_ids": list(channel_ids), "expires_at": expires_at}
        if allowed_cors_origins is not None:
            body["allowed_cors_origins"] = list(allowed_cors_origins)
        if kind == "private":
            body["scopes"] = list(scopes) if scopes is not None else ["Unauthenticated"]
        token: str = state.arrange("POST", path, body)["data"]["token"]
        return token

    return make


@dataclass(frozen=True)
class BcShopper:
    """A shopper signed in to the test's storefront by ``bc_shopper``, through a Customer Login JWT."""

    customer_id: int
    customer: dict[str, Any] | None  # the customer bc_shopper made, as POST /v3/customers answered
    store_hash: str
    channel_id: int
    cookie: str  # the session cookie's value
    cookie_name: str
    storefront_url: str  # in-process; its Host names the store and channel
    _state: _TestState = field(repr=False, compare=False)
    _opened: list[Any] = field(repr=False, compare=False, default_factory=list)

    @property
    def cookies(self) -> dict[str, str]:
        return {self.cookie_name: self.cookie}

    def client(self) -> httpx.Client:
        """A sync in-process client on the storefront host, carrying the session cookie
        (``client.get("/customer/current.jwt", params={"app_client_id": ...})``)."""
        client = _setup_client(self._state.session, self.storefront_url)
        client.cookies.set(self.cookie_name, self.cookie)
        self._opened.append(client)
        return client


@pytest.fixture
def bc_shopper(request: pytest.FixtureRequest) -> Iterator[Callable[..., BcShopper]]:
    """A factory: ``bc_shopper(customer_id=None, *, channel_id=1, **customer_fields) -> BcShopper``.

    Signs a shopper in to the test's store as BigCommerce's Customer Login API does: a JWT
    signed with an API account's client secret, sent to ``/login/token/{jwt}``. Without
    ``customer_id`` a customer is made first (``customer_fields`` as for ``bc_customer``).
    The sessions end after the test.
    """
    import uuid  # noqa: PLC0415

    from mockbc.auth.scopes import ALL_SCOPES  # noqa: PLC0415
    from mockbc.auth.signing import sign  # noqa: PLC0415
    from mockbc.store.sessions import SESSION_COOKIE  # noqa: PLC0415

    state = _test_state(request)
    session, store_hash = state.session, state.store.store_hash
    made: list[BcShopper] = []
    make_customer: Callable[..., dict[str, Any]] = request.getfixturevalue("bc_customer")

    def make(customer_id: int | None = None, *, channel_id: int = 1, **customer_fields: Any) -> BcShopper:
        customer = None
        if customer_id is None:
            customer = make_customer(**customer_fields)
            customer_id = int(customer["id"])
        elif customer_fields:
            raise ValueError("bc_shopper: customer fields are for a customer it makes; give no customer_id with them")
        account = session.accounts.get((store_hash, frozenset(ALL_SCOPES))) or session._create_account(
            store_hash, frozenset(ALL_SCOPES)
        )
        session.registry.accounts.setdefault(account.access_token, account)
        claims = {
            "iss": account.client_id, "iat": int(session.registry.clock.now().timestamp()), "jti": uuid.uuid4().hex,
            "operation": "customer_login", "store_hash": store_hash, "customer_id": customer_id,
            "channel_id": channel_id,
        }  # fmt: skip
        storefront_url = f"http://store-{store_hash}-{channel_id}.mockbc.test"
        with _setup_client(session, storefront_url) as client, state.setup():
            response = client.get(f"/login/token/{sign(claims, account.client_secret)}")
        cookie = response.cookies.get(SESSION_COOKIE)
        if response.status_code != 302 or cookie is None:
            location = response.headers.get("location", "")
            raise ValueError(f"bc_shopper: the login was refused ({response.status_code} to {location})")
        made.append(
            BcShopper(
                customer_id=customer_id, customer=customer, store_hash=store_hash, channel_id=channel_id,
                cookie=cookie, cookie_name=SESSION_COOKIE, storefront_url=storefront_url, _state=state,
            )
        )  # fmt: skip
        return made[-1]

    yield make
    for shopper in made:
        session.registry.sessions.sign_out(shopper.cookie)
        for client in shopper._opened:
            client.close()


@dataclass(frozen=True)
class BcRateLimit:
    """The request quota of the test's store (docs/rate-limits.md), driven as the control plane's
    ``/_mockbc/stores/{hash}/rate-limit`` drives it. The test's marker plan, or ``off``, starts it."""

    store_hash: str
    _limiter: Any = field(repr=False, compare=False)

    def state(self) -> dict[str, Any]:
        """``{store_hash, plan, enforced, quota, window_ms, left, reset_ms, forced_429}``."""
        from mockbc.http.control_ratelimit import _state  # noqa: PLC0415

        return _state(self._limiter, self.store_hash)

    @property
    def plan(self) -> str:
        return str(self._limiter.plan_for(self.store_hash).name)

    @property
    def left(self) -> int:
        return int(self._limiter.status(self.store_hash).left)

    def set_plan(self, plan: str | None) -> dict[str, Any]:
        """``standard``, ``pro``, ``off``, ``N/SECONDS``, or ``None`` for the app's; from a fresh window."""
        from mockbc.http.ratelimit import parse_plan  # noqa: PLC0415

        if plan is not None and not isinstance(plan, str):
            raise ValueError(f"bc_rate_limit: plan must be a string such as 'standard' or '5/1', got {plan!r}")
        self._limiter.set_plan(self.store_hash, None if plan is None else parse_plan(plan))
        return self.state()

    def reset(self) -> dict[str, Any]:
        """Refill the window now and drop forced 429s."""
        self._limiter.reset(self.store_hash)
        return self.state()

    def force_429(self, count: int = 1, *, headers: bool = True) -> dict[str, Any]:
        """Answer the store's next ``count`` requests with 429 (``headers=False``: without the
        rate-limit headers); ``0`` cancels. Setup requests of the ``bc_*`` factories are not counted."""
        from mockbc.http.ratelimit import MAX_FORCED  # noqa: PLC0415

        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_FORCED:
            raise ValueError(f"bc_rate_limit: count must be an integer from 0 to {MAX_FORCED}, got {count!r}")
        self._limiter.force(self.store_hash, count, headers=headers)
        return self.state()


@pytest.fixture
def bc_rate_limit(request: pytest.FixtureRequest) -> BcRateLimit:
    """The test's store's request quota: ``state()``, ``reset()``, ``force_429(n, headers=True)``, ``set_plan(p)``."""
    from mockbc.http.ratelimit import StoreRateLimiter  # noqa: PLC0415

    state = _test_state(request)
    limiter = getattr(state.session.app.state, "rate_limiter", None)
    if not isinstance(limiter, StoreRateLimiter):
        pytest.fail("bc_rate_limit needs the app's own rate limiter", pytrace=False)
    return BcRateLimit(state.store.store_hash, limiter)


# --------------------------------------------------------------------------- GraphQL storefront

_STOREFRONT_DOMAIN = "mockbc.test"
_CUSTOMER_TOKEN_HEADER = "X-Bc-Customer-Access-Token"
_DEFAULT_PASSWORD = "Passw0rd-1"
_OPERATION_HEAD = re.compile(r"\s*(query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)")
_LOGIN = """
mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    customer { entityId email }
    customerAccessToken { value expiresAt }
  }
}
"""


def _storefront_host(store_hash: str, channel_id: int) -> str:
    return (
        f"store-{store_hash}.{_STOREFRONT_DOMAIN}"
        if channel_id == 1
        else f"store-{store_hash}-{channel_id}.{_STOREFRONT_DOMAIN}"
    )


def _operation_of(document: str, operation_name: str | None) -> tuple[str | None, str]:
    """The operation's name and type (``query``/``mutation``) for the request's query string, as the
    official headless storefront writes them; a document that does not parse is sent as a query."""
    from graphql import GraphQLError, OperationDefinitionNode, parse  # noqa: PLC0415

    try:
        parsed = parse(document)
    except GraphQLError:
        head = _OPERATION_HEAD.match(document)
        if head is None:
            return operation_name, "query"
        return operation_name or head.group(2), head.group(1)
    operations = [d for d in parsed.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = next((o for o in operations if o.name is not None and o.name.value == operation_name), None)
    if chosen is None and len(operations) == 1:
        chosen = operations[0]
    if chosen is None:
        return operation_name, "query"
    return operation_name or (chosen.name.value if chosen.name else None), chosen.operation.value


@dataclass(frozen=True)
class BcCustomerAccessToken:
    """A customer signed in to the test's storefront through the GraphQL ``login`` mutation."""

    value: str  # send it as X-Bc-Customer-Access-Token (bc_graphql's customer=)
    customer_id: int
    email: str
    password: str
    expires_at: str
    channel_id: int

    def __str__(self) -> str:
        return self.value


class BcGraphQL:
    """A GraphQL Storefront API client for the test's store (``bc_graphql``): in-process, or over the
    live server's socket when the test uses ``bc_server``. Requests are the code under test's: they
    are in ``bc_requests`` and contract mode checks their documents against the schema."""

    def __init__(
        self, client: httpx.Client, mint: Callable[[], str], *, store_hash: str, channel_id: int = 1,
        customer: str | None = None, _tokens: dict[str, str] | None = None,
    ) -> None:  # fmt: skip
        self._client, self._mint = client, mint
        self.store_hash, self.channel_id, self.customer = store_hash, channel_id, customer
        self._tokens = _tokens if _tokens is not None else {}

    @property
    def host(self) -> str:
        """The ``Host`` the requests carry: ``store-{hash}.mockbc.test`` (channel 1)."""
        return _storefront_host(self.store_hash, self.channel_id)

    @property
    def token(self) -> str:
        """The storefront token sent by default: minted on first use (``bc_storefront_token()``)."""
        if "default" not in self._tokens:
            self._tokens["default"] = self._mint()
        return self._tokens["default"]

    def raw(
        self, document: str, variables: dict[str, Any] | None = None, *, operation_name: str | None = None,
        customer: str | BcCustomerAccessToken | None = None, token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:  # fmt: skip
        """``POST /graphql?operation=Name&type=query|mutation``; the answer as it came."""
        name, kind = _operation_of(document, operation_name)
        body: dict[str, Any] = {"query": document}
        if variables is not None:
            body["variables"] = variables
        if operation_name is not None:
            body["operationName"] = operation_name
        sent = {"Host": self.host, "Authorization": f"Bearer {token if token is not None else self.token}"}
        signed_in = customer if customer is not None else self.customer
        if signed_in is not None:
            sent[_CUSTOMER_TOKEN_HEADER] = str(signed_in)
        params = {"operation": name, "type": kind} if name else {"type": kind}
        return self._client.post("/graphql", params=params, json=body, headers={**sent, **(headers or {})})

    def query(
        self, document: str, variables: dict[str, Any] | None = None, *, operation_name: str | None = None,
        customer: str | BcCustomerAccessToken | None = None, token: str | None = None,
    ) -> dict[str, Any]:  # fmt: skip
        """The answer's JSON body (``data``, and ``errors`` when there are any)."""
        response = self.raw(document, variables, operation_name=operation_name, customer=customer, token=token)
        answer: dict[str, Any] = response.json()
        return answer

    def login(self, email: str, password: str) -> str:
        """Sign in with the ``login`` mutation (sent as the test's request); the customer access
        token's value. Refused credentials raise ``ValueError`` with the answer's errors."""
        answer = self.query(_LOGIN, {"email": email, "password": password})
        issued = (answer.get("data") or {}).get("login") or {}
        token = (issued.get("customerAccessToken") or {}).get("value")
        if not isinstance(token, str):
            raise ValueError(f"bc_graphql: login was refused: {answer.get('errors')}")
        return token

    def as_customer(self, customer: str | BcCustomerAccessToken | None) -> BcGraphQL:
        """The same client sending this customer access token by default (``None``: a guest's)."""
        return BcGraphQL(
            self._client, self._mint, store_hash=self.store_hash, channel_id=self.channel_id,
            customer=None if customer is None else str(customer), _tokens=self._tokens,
        )  # fmt: skip


@pytest.fixture
def bc_graphql(request: pytest.FixtureRequest) -> Iterator[BcGraphQL]:
    """A ``BcGraphQL`` for the test's store, channel 1: ``query(document, variables=None, *,
    operation_name=None, customer=None, token=None) -> dict``, ``raw(...) -> httpx.Response``,
    ``login(email, password) -> str`` and ``as_customer(token) -> BcGraphQL``. Its storefront token
    is minted on first use with ``bc_storefront_token``; over the socket when the test uses ``bc_server``."""
    import httpx  # noqa: PLC0415

    state = _test_state(request)
    session, store_hash = state.session, state.store.store_hash
    mint: Callable[..., str] = request.getfixturevalue("bc_storefront_token")
    if "bc_server" in request.fixturenames:
        # Whichever of the two the test names first: the live server is started before the client.
        live: LiveServer = request.getfixturevalue("_mockbc_live_server")
        client = httpx.Client(base_url=live.url, trust_env=False)
    else:
        client = _setup_client(session, f"http://{_storefront_host(store_hash, 1)}")
    yield BcGraphQL(client, mint, store_hash=store_hash)
    client.close()


def _sign_in(state: _TestState, email: str, password: str, channel_id: int, token: str) -> dict[str, Any]:
    host = _storefront_host(state.store.store_hash, channel_id)
    with _setup_client(state.session, f"http://{host}") as client, state.setup():
        response = client.post(
            "/graphql", params={"operation": "Login", "type": "mutation"},
            json={"query": _LOGIN, "variables": {"email": email, "password": password}},
            headers={"Authorization": f"Bearer {token}"},
        )  # fmt: skip
    answer = response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
    issued = (answer.get("data") or {}).get("login") if isinstance(answer, dict) else None
    if response.status_code != 200 or not isinstance(issued, dict) or not issued.get("customerAccessToken"):
        raise ValueError(f"bc_customer_access_token: the login was refused ({response.status_code}): {response.text}")
    return issued


@pytest.fixture
def bc_customer_access_token(request: pytest.FixtureRequest) -> Callable[..., BcCustomerAccessToken]:
    """A factory: ``bc_customer_access_token(customer_id=None, *, password=None, channel_id=1,
    **customer_fields) -> BcCustomerAccessToken``.

    Signs a customer in through the GraphQL ``login`` mutation (setup: not in ``bc_requests``, not
    checked by contract mode, no quota spent) and returns the token's ``value`` with the
    ``customer_id``. Without ``customer_id`` a customer is made first with ``bc_customer`` (its
    ``password`` defaults to one the store accepts); with one, ``password`` must be the customer's.
    """
    state = _test_state(request)
    make_customer: Callable[..., dict[str, Any]] = request.getfixturevalue("bc_customer")
    mint: Callable[..., str] = request.getfixturevalue("bc_storefront_token")
    tokens: dict[int, str] = {}

    def make(
        customer_id: int | None = None, *, password: str | None = None, channel_id: int = 1, **customer_fields: Any
    ) -> BcCustomerAccessToken:
        if customer_id is None:
            password = password if password is not None else _DEFAULT_PASSWORD
            customer = make_customer(password=password, **customer_fields)
            customer_id, email = int(customer["id"]), str(customer["email"])
        else:
            if customer_fields:
                raise ValueError("bc_customer_access_token: customer fields are for a customer it makes")
            if password is None:
                raise ValueError(f"bc_customer_access_token: give the password of customer {customer_id}")
            record = state.store.customers.get(customer_id)
            if record is None:
                raise ValueError(f"bc_customer_access_token: the store has no customer {customer_id}")
            email = record.email
        if channel_id not in tokens:
            tokens[channel_id] = mint(channel_ids=(channel_id,))
        issued = _sign_in(state, email, password, channel_id, tokens[channel_id])
        access = issued["customerAccessToken"]
        return BcCustomerAccessToken(
            value=access["value"], customer_id=customer_id, email=email, password=password,
            expires_at=str(access["expiresAt"]), channel_id=channel_id,
        )  # fmt: skip

    return make


# --------------------------------------------------------------------------- contract mode


def _intended(entry: JournalEntry, intended: IntendedBodies) -> bool:
    """Whether the request's body was drawn from ``invalid_*`` in this test: sent on purpose.

    A body that was not JSON cannot be matched, so the request is reported; one too big for
    the journal to keep is matched by the fingerprint the journal keeps instead.
    """
    return intended.matches(entry)


def _violations(item: pytest.Item) -> str | None:
    state = item.stash.get(_STATE, None)
    if state is None or not state.contract:
        return None
    from mockbc.journal import contract_message  # noqa: PLC0415

    intended = state.session.intended
    entries = [e for e in state.session.registry.journal if e.seq not in state.arranged and e.contract_violations]
    rest = contract_message(e for e in entries if e.api != _GRAPHQL_API and not _intended(e, intended))
    graphql = _graphql_contract_message(e for e in entries if e.api == _GRAPHQL_API)
    return "\n".join(m for m in (rest, graphql) if m) or None


_GRAPHQL_API = "graphql"  # mockbc.http.graphql.GRAPHQL_API, not imported: it loads the GraphQL engine


def _graphql_contract_message(entries: Iterable[JournalEntry]) -> str | None:
    """One line per distinct GraphQL document that does not validate against the schema."""
    counts: dict[str, int] = {}
    from urllib.parse import parse_qs  # noqa: PLC0415

    for entry in entries:
        # A document that does not parse names no operation; the URL may (?operation=Name).
        name = entry.operation_id or parse_qs(entry.query).get("operation", ["(anonymous)"])[0]
        line = f"mockbc contract: GraphQL operation {name} sent an invalid document: {'; '.join(entry.contract_violations)}"
        counts[line] = counts.get(line, 0) + 1
    return "\n".join(line if n == 1 else f"{line} (x{n})" for line, n in counts.items()) or None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Fail a test (even a passing one) whose code sent a request that breaks specs/."""
    try:
        result = yield
    except BaseException:
        message = _violations(item)
        if message:
            item.add_report_section("call", "mockbc contract", f"{message}\n{_CONTRACT_HINT}")
        raise
    message = _violations(item)
    if message:
        pytest.fail(f"{message}\n{_CONTRACT_HINT}", pytrace=False)
    return result
