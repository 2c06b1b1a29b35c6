"""bc_api_account: extra API accounts on the test's store, removed after the test."""

from __future__ import annotations

import pytest


def test_factory_makes_an_account_with_its_scopes(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import httpx
        import pytest

        TOKENS = []

        def test_make(bc_api_account, bc_store):
            erp = bc_api_account(scopes=["store_v2_products_read_only"], name="erp")
            assert erp.name == "erp"
            assert erp.store_hash == bc_store.store_hash
            assert erp.scopes == frozenset({"store_v2_products_read_only"})
            assert len(erp.client_id) == 31 and len(erp.client_secret) == 64 and len(erp.access_token) == 31
            assert erp.api_path == f"http://mockbc.test/stores/{bc_store.store_hash}/v3/"
            client = erp.client()
            assert isinstance(client, httpx.Client)
            assert client.headers["X-Auth-Token"] == erp.access_token
            assert client.get(f"{erp.api_path}catalog/products/77").status_code == 200
            assert client.delete(f"{erp.api_path}catalog/products/77").status_code == 403
            TOKENS.append(erp.access_token)

        def test_removed_after_the_test(bc_client, bc_store, bc_app):
            assert TOKENS[0] not in bc_app.state.registry.accounts
            response = bc_client.get(
                f"/stores/{bc_store.store_hash}/v3/catalog/products/77", headers={"X-Auth-Token": TOKENS[0]}
            )
            assert response.status_code == 401

        def test_defaults_and_names(bc_api_account):
            first, second = bc_api_account(), bc_api_account()
            assert (first.name, second.name) == ("api-account-1", "api-account-2")
            assert first.access_token != second.access_token
            assert len(first.scopes) > 10
            none = bc_api_account(scopes=[], name="nothing")
            assert none.scopes == frozenset()
            assert none.client().get(f"{none.api_path}catalog/products").status_code == 403
            with pytest.raises(ValueError, match="already has an API account named 'nothing'"):
                bc_api_account(name="nothing")
            with pytest.raises(pytest.fail.Exception, match="unknown scope"):
                bc_api_account(scopes=["store_v2_produkts"])

        @pytest.mark.anyio
        async def test_async_client(bc_api_account, bc_store):
            erp = bc_api_account(scopes="store_v2_products_read_only")
            async with erp.async_client() as client:
                response = await client.get(f"/stores/{bc_store.store_hash}/v3/catalog/brands")
            assert response.status_code == 200

        @pytest.mark.mockbc(store_hash="shop7")
        def test_on_the_marker_store(bc_api_account):
            assert bc_api_account(name="x").store_hash == "shop7"
        """
    )
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=5)
