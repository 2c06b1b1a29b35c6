"""Command-line options, their ini equivalents, registration, and overriding bc_app."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

DESCRIBE = """
def test_describe(bc_client, bc_store, bc_app, pytestconfig):
    account = bc_app.state.default_account
    brands = f"/stores/{bc_store.store_hash}/v3/catalog/brands"
    write = bc_client.post(brands, json={"name": "Option Brand"}).status_code
    scopes = ",".join(sorted(account.scopes)) if len(account.scopes) < 3 else "all"
    state = f"{bc_store.store_hash} {bc_store.fixtures.rsplit('/', 1)[-1]} {len(bc_store.products)} {scopes} {write}"
    (pytestconfig.rootpath / "state.txt").write_text(state)
"""


def _state(result: pytest.RunResult) -> str:
    result.assert_outcomes(passed=1)
    state_file = result.reprec.getcalls("pytest_sessionfinish")[0].session.config.rootpath / "state.txt"  # type: ignore[attr-defined]
    return str(state_file.read_text())


def test_defaults(inner: pytest.Pytester) -> None:
    inner.makepyfile(DESCRIBE)
    assert _state(inner.runpytest()) == f"mockbc0001 demo {_demo_products()} all 200"


def test_command_line_options(inner: pytest.Pytester) -> None:
    inner.makepyfile(DESCRIBE)
    result = inner.runpytest(
        "--mockbc-fixtures", "empty", "--mockbc-store-hash", "shop9", "--mockbc-scopes", "store_v2_products_read_only"
    )
    assert _state(result) == "shop9 empty 0 store_v2_products_read_only 403"


def test_ini_options_and_the_command_line_wins(inner: pytest.Pytester, inner_ini: Callable[[str], None]) -> None:
    inner_ini(
        """
        mockbc_fixtures = empty
        mockbc_store_hash = inihash
        mockbc_scopes = store_v2_products_read_only, store_v2_content
        """
    )
    inner.makepyfile(DESCRIBE)
    assert _state(inner.runpytest()) == "inihash empty 0 store_v2_content,store_v2_products_read_only 403"
    assert _state(inner.runpytest("--mockbc-store-hash", "clihash", "--mockbc-scopes", "all")) == (
        "clihash empty 0 all 200"
    )


def test_fixture_file_paths_resolve_against_the_ini_file_or_the_working_directory(
    inner: pytest.Pytester, inner_ini: Callable[[str], None]
) -> None:
    shop = {"format": "mockbc-fixtures/1", "brands": [{"id": 3, "name": "Acme"}], "categories": [], "products": []}
    (inner.mkdir("seeds") / "shop.json").write_text(json.dumps(shop))
    inner_ini("mockbc_fixtures = seeds/shop.json")
    inner.makepyfile(DESCRIBE)
    assert _state(inner.runpytest()) == "mockbc0001 shop.json 0 all 200"
    inner.chdir()
    sub = inner.mkdir("sub")
    (sub / "other.json").write_text(json.dumps(shop))
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(sub)
        result = inner.runpytest("--mockbc-fixtures", "other.json", str(inner.path))
    assert _state(result) == "mockbc0001 other.json 0 all 200"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--mockbc-scopes", "store_v2_produkts"], "mockbc: --mockbc-scopes: unknown scope(s): store_v2_produkts"),
        (["--mockbc-fixtures", "missing.json"], "mockbc: fixture file not found: */missing.json"),
        (["--mockbc-store-hash", "no-dash"], "mockbc: store hash must be letters and digits, got 'no-dash'"),
    ],
)
def test_bad_options_are_usage_errors(inner: pytest.Pytester, args: list[str], message: str) -> None:
    inner.makepyfile(DESCRIBE)
    result = inner.runpytest(*args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*{message}*"])


def test_options_and_marker_are_registered(inner: pytest.Pytester) -> None:
    help_text = inner.runpytest("--help")
    help_text.stdout.fnmatch_lines(
        [
            "mockbc (BigCommerce API mock) fixtures:",
            "*--mockbc-fixtures=demo|catalog|empty|PATH*",
            "*--mockbc-store-hash=HASH*",
            "*--mockbc-scopes=all|SCOPE,SCOPE*",
            "*--mockbc-contract*",
            "*--no-mockbc-contract*",
        ]
    )
    help_text.stdout.fnmatch_lines(["*mockbc_fixtures*", "*mockbc_store_hash*", "*mockbc_scopes*", "*mockbc_contract*"])
    inner.runpytest("--markers").stdout.fnmatch_lines(
        ["@pytest.mark.mockbc(scopes=None, fixtures=None, store_hash=None, contract=None, rate_limit=None):*"]
    )


def test_plugin_can_be_disabled(inner: pytest.Pytester) -> None:
    inner.makepyfile(DESCRIBE)
    result = inner.runpytest("-p", "no:mockbc")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'bc_client' not found*"])


def test_bc_app_can_be_overridden_in_a_conftest(inner: pytest.Pytester) -> None:
    inner.makeconftest(
        """
        import pytest
        import mockbc

        @pytest.fixture(scope="session")
        def bc_app():
            return mockbc.create_app(fixtures="empty", store_hash="own1", scopes=["store_v2_content"])
        """
    )
    inner.makepyfile(DESCRIBE)
    assert _state(inner.runpytest()) == "own1 empty 0 store_v2_content 403"


def _demo_products() -> int:
    from mockbc.fixtures import load_seed

    return len(load_seed("catalog").products)
