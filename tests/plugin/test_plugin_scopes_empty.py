"""An empty scope list grants no scope, wherever it is given; only ``all`` means every scope."""

from __future__ import annotations

from collections.abc import Callable

import pytest

NO_SCOPES = """
import pytest

def test_no_scopes(bc_client, bc_store, bc_app):
    assert bc_app.state.default_account.scopes == frozenset()
    response = bc_client.get(f"/stores/{bc_store.store_hash}/v3/catalog/products")
    assert response.status_code == 403
    assert response.json()["status"] == 403
"""

EVERY_SCOPE = """
def test_all_scopes(bc_client, bc_store, bc_app):
    assert len(bc_app.state.default_account.scopes) > 10
    assert bc_client.get(f"/stores/{bc_store.store_hash}/v3/catalog/products").status_code == 200
"""


def test_an_empty_marker_value_grants_no_scope(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import pytest

        @pytest.mark.mockbc(scopes="")
        def test_empty_string(bc_client, bc_store, bc_app):
            account = next(a for a in bc_app.state.registry.accounts.values() if a.access_token == bc_client.headers["X-Auth-Token"])
            assert account.scopes == frozenset()
            assert bc_client.get(f"/stores/{bc_store.store_hash}/v3/catalog/products").status_code == 403

        @pytest.mark.mockbc(scopes=" ")
        def test_blank_string(bc_client, bc_store):
            assert bc_client.get(f"/stores/{bc_store.store_hash}/v3/catalog/products").status_code == 403

        @pytest.mark.mockbc(scopes=[])
        def test_empty_list(bc_client, bc_store):
            assert bc_client.get(f"/stores/{bc_store.store_hash}/v3/catalog/products").status_code == 403

        @pytest.mark.mockbc(scopes="all")
        def test_all(bc_client, bc_store):
            assert bc_client.get(f"/stores/{bc_store.store_hash}/v3/catalog/products").status_code == 200

        def test_unmarked(bc_client, bc_store):
            assert bc_client.get(f"/stores/{bc_store.store_hash}/v3/catalog/products").status_code == 200
        """
    )
    inner.runpytest().assert_outcomes(passed=5)


def test_an_empty_option_grants_no_scope(inner: pytest.Pytester) -> None:
    inner.makepyfile(NO_SCOPES)
    inner.runpytest("--mockbc-scopes", "").assert_outcomes(passed=1)
    inner.runpytest("--mockbc-scopes=").assert_outcomes(passed=1)


def test_an_empty_ini_value_grants_no_scope_and_an_unset_one_all(
    inner: pytest.Pytester, inner_ini: Callable[[str], None]
) -> None:
    inner.makepyfile(test_none=NO_SCOPES, test_every=EVERY_SCOPE)
    inner.runpytest("test_every.py").assert_outcomes(passed=1)  # no mockbc_scopes line: the default, all
    inner_ini("mockbc_scopes =")
    inner.runpytest("test_none.py").assert_outcomes(passed=1)
    inner.runpytest("--mockbc-scopes", "all", "test_every.py").assert_outcomes(passed=1)  # the command line wins


def test_an_empty_factory_value_grants_no_scope(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        def test_factory(bc_api_account):
            for scopes in ("", " ", []):
                account = bc_api_account(scopes=scopes)
                assert account.scopes == frozenset()
                assert account.client().get(f"{account.api_path}catalog/products").status_code == 403
            everything = bc_api_account(scopes="all")
            assert everything.client().get(f"{everything.api_path}catalog/products").status_code == 200
        """
    )
    inner.runpytest().assert_outcomes(passed=1)
