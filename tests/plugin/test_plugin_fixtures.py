"""bc_app, bc_store, bc_client and bc_async_client, driven by inner pytest runs."""

from __future__ import annotations

import pytest


def test_bc_store_is_reset_between_tests(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        NEW = {"name": "Reset Mug", "type": "physical", "weight": 1, "price": 5}

        def test_creates_a_product(bc_client, bc_store):
            response = bc_client.post(f"/stores/{bc_store.store_hash}/v3/catalog/products", json=NEW)
            assert response.status_code == 200
            assert bc_store.products.get(response.json()["data"]["id"]).name == "Reset Mug"
            assert len(bc_store.products) == len(bc_store.seed.products) + 1

        def test_does_not_see_it(bc_client, bc_store):
            assert all(p.name != "Reset Mug" for p in bc_store.products.values())
            assert len(bc_store.products) == len(bc_store.seed.products)
            # the id sequence was rewound too: the same POST gets the same id again
            response = bc_client.post(f"/stores/{bc_store.store_hash}/v3/catalog/products", json=NEW)
            assert response.json()["data"]["id"] == max(bc_store.seed.products) + 1
        """
    )
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_bc_store_exposes_tables_for_direct_assertions(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import mockbc

        def test_tables(bc_store):
            assert isinstance(bc_store, mockbc.Store)
            assert bc_store.store_hash == mockbc.DEFAULT_STORE_HASH
            assert bc_store.fixtures == "demo"
            for table in (bc_store.products, bc_store.categories, bc_store.brands, bc_store.trees):
                assert len(table) == len(list(table.values())) > 0
            assert bc_store.products.get(77).id == 77
            assert bc_store.products.get(999999) is None
        """
    )
    inner.runpytest().assert_outcomes(passed=1)


def test_bc_client_is_in_process_authenticated_with_every_scope(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import httpx
        import mockbc

        def test_client(bc_client, bc_app, bc_store):
            assert isinstance(bc_client, httpx.Client)
            assert str(bc_client.base_url) == "http://mockbc.test"
            account = bc_app.state.default_account
            assert bc_client.headers["X-Auth-Token"] == account.access_token
            assert account.scopes == frozenset(mockbc.ALL_SCOPES)
            response = bc_client.get(f"/stores/{bc_store.store_hash}/v3/catalog/products/77")
            assert response.status_code == 200
            assert response.json()["data"]["id"] == 77
        """
    )
    inner.runpytest().assert_outcomes(passed=1)


def test_bc_app_is_built_once_per_session(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import pytest
        from mockbc import MockApp

        SEEN = []

        @pytest.mark.parametrize("n", range(3))
        def test_app(bc_app, bc_client, n):
            assert isinstance(bc_app, MockApp)
            SEEN.append(bc_app)
            assert all(app is SEEN[0] for app in SEEN)
        """
    )
    inner.runpytest().assert_outcomes(passed=3)


def test_a_test_may_close_its_client(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        def test_closes_it(bc_client, bc_store):
            with bc_client:
                assert bc_client.get(f"/stores/{bc_store.store_hash}/v3/catalog/brands").status_code == 200

        def test_next_client_still_works(bc_client, bc_store):
            assert bc_client.get(f"/stores/{bc_store.store_hash}/v3/catalog/brands").status_code == 200
        """
    )
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_bc_async_client_runs_under_anyio_with_strict_markers(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import httpx
        import pytest

        @pytest.mark.anyio
        async def test_async(bc_async_client, bc_store):
            assert isinstance(bc_async_client, httpx.AsyncClient)
            async with bc_async_client as client:
                response = await client.post(
                    f"/stores/{bc_store.store_hash}/v3/catalog/brands", json={"name": "Async Brand"}
                )
            assert response.status_code == 200
            assert bc_store.brands.get(response.json()["data"]["id"]).name == "Async Brand"

        def test_reset_after_async(bc_store):
            assert all(b.name != "Async Brand" for b in bc_store.brands.values())
        """
    )
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_stores_and_accounts_made_through_the_control_plane_do_not_leak(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        def test_makes_a_store_and_an_account(bc_client, bc_store):
            assert bc_client.post("/_mockbc/stores", json={"store_hash": "extra1"}).status_code == 201
            made = bc_client.post("/_mockbc/stores/extra1/api-accounts", json={"name": "x"})
            assert made.status_code == 201
            assert bc_client.delete(f"/_mockbc/stores/{bc_store.store_hash}").status_code == 204

        def test_sees_neither(bc_client, bc_store, bc_app):
            hashes = [s["store_hash"] for s in bc_client.get("/_mockbc/stores").json()]
            assert hashes == [bc_store.store_hash]
            assert set(bc_app.state.registry.accounts) == {bc_client.headers["X-Auth-Token"]}
            assert bc_client.get(f"/stores/{bc_store.store_hash}/v3/catalog/products/77").status_code == 200
            assert bc_client.post("/_mockbc/stores", json={"store_hash": "extra1"}).status_code == 201
        """
    )
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_plugin_imports_only_pytest_and_the_standard_library_at_module_level() -> None:
    import ast
    import sys
    from pathlib import Path

    import mockbc.pytest_plugin

    tree = ast.parse(Path(mockbc.pytest_plugin.__file__).read_text())
    top: set[str] = set()
    for node in tree.body:  # module level only; imports inside functions are deferred
        if isinstance(node, ast.Import):
            top.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            top.add((node.module or "").split(".")[0])
    assert top - {"__future__"} <= set(sys.stdlib_module_names) | {"pytest"}
