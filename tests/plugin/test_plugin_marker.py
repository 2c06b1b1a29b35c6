"""@pytest.mark.mockbc: scopes, fixtures and store_hash per test, merged from module to test."""

from __future__ import annotations

import json

import pytest

MISSING_SCOPE = {
    "status": 403,
    "title": "Missing scope - the v3 Auth token is valid but does not have proper permissions to access this endpoint.",
    "type": "/api-docs/getting-started/api-status-codes",
}


def test_scopes_marker_gives_a_read_only_token(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        f"""
        import pytest

        MISSING_SCOPE = {MISSING_SCOPE!r}

        @pytest.mark.mockbc(scopes=["store_v2_products_read_only"])
        def test_read_only(bc_client, bc_store):
            products = f"/stores/{{bc_store.store_hash}}/v3/catalog/products"
            assert bc_client.get(products).status_code == 200
            response = bc_client.post(products, json={{"name": "No", "type": "physical", "weight": 1, "price": 1}})
            assert response.status_code == 403
            assert response.json() == MISSING_SCOPE
            assert bc_client.delete(f"{{products}}/77").json() == MISSING_SCOPE

        def test_default_token_writes_again(bc_client, bc_store):
            response = bc_client.delete(f"/stores/{{bc_store.store_hash}}/v3/catalog/products/77")
            assert response.status_code == 204
        """
    )
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_empty_fixtures_marker_gives_a_store_without_products(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import pytest

        @pytest.mark.mockbc(fixtures="empty")
        def test_empty(bc_client, bc_store):
            assert bc_store.fixtures == "empty"
            assert len(bc_store.products) == 0
            body = bc_client.get(f"/stores/{bc_store.store_hash}/v3/catalog/products").json()
            assert body["data"] == []
            assert body["meta"]["pagination"]["total"] == 0

        def test_demo_again(bc_store):
            assert bc_store.fixtures == "demo"
            assert len(bc_store.products) > 0

        @pytest.mark.mockbc(fixtures="empty")
        def test_empty_again_and_reset(bc_client, bc_store):
            assert len(bc_store.products) == 0
            bc_client.post(f"/stores/{bc_store.store_hash}/v3/catalog/brands", json={"name": "Only"})
            assert len(bc_store.brands) == 1

        @pytest.mark.mockbc(fixtures="empty")
        def test_empty_is_reset_too(bc_store):
            assert len(bc_store.brands) == 0
        """
    )
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=4)


def test_store_hash_marker_gives_another_store(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import mockbc
        import pytest

        @pytest.mark.mockbc(store_hash="shop42")
        def test_other_store(bc_client, bc_store, bc_app):
            assert bc_store.store_hash == "shop42"
            assert bc_store.fixtures == "demo"
            assert bc_client.get("/stores/shop42/v3/catalog/products/77").status_code == 200
            # the token is bound to shop42: the default store refuses it
            assert bc_client.get(f"/stores/{mockbc.DEFAULT_STORE_HASH}/v3/catalog/products/77").status_code == 401
            bc_client.delete("/stores/shop42/v3/catalog/products/77")
            assert bc_store.products.get(77) is None
            assert bc_app.state.registry.stores[mockbc.DEFAULT_STORE_HASH].products.get(77) is not None

        def test_default_store(bc_store):
            assert bc_store.store_hash == mockbc.DEFAULT_STORE_HASH

        @pytest.mark.mockbc(store_hash="shop42", fixtures="empty", scopes=["store_v2_products_read_only"])
        def test_same_hash_other_seed(bc_client, bc_store):
            assert (bc_store.store_hash, len(bc_store.products)) == ("shop42", 0)
            assert bc_client.get("/stores/shop42/v3/catalog/products").status_code == 200
            assert bc_client.post("/stores/shop42/v3/catalog/brands", json={"name": "x"}).status_code == 403

        @pytest.mark.mockbc(store_hash="shop42")
        def test_first_seed_back_and_reset(bc_store):
            assert bc_store.fixtures == "demo"
            assert bc_store.products.get(77) is not None
        """
    )
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=4)


def test_fixture_file_marker_is_relative_to_the_test_file(inner: pytest.Pytester) -> None:
    shop = {
        "format": "mockbc-fixtures/1",
        "category_trees": [{"id": 1, "name": "Default", "channels": [1]}],
        "brands": [{"id": 5, "name": "Acme"}],
        "categories": [],
        "products": [],
    }
    (inner.mkdir("data") / "shop.json").write_text(json.dumps(shop))
    inner.makepyfile(
        """
        import pytest

        @pytest.mark.mockbc(fixtures="data/shop.json")
        def test_own_seed(bc_store):
            assert [b.name for b in bc_store.brands.values()] == ["Acme"]
            assert len(bc_store.products) == 0
        """
    )
    inner.runpytest().assert_outcomes(passed=1)


def test_module_and_class_marks_merge_the_closest_wins(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import pytest

        pytestmark = pytest.mark.mockbc(fixtures="empty", scopes=["store_v2_products_read_only"])

        def test_module_level(bc_client, bc_store):
            assert len(bc_store.products) == 0
            assert bc_client.post(f"/stores/{bc_store.store_hash}/v3/catalog/brands", json={"name": "x"}).status_code == 403

        @pytest.mark.mockbc(scopes="all")
        class TestWritable:
            def test_class_level(self, bc_client, bc_store):
                assert len(bc_store.products) == 0
                assert bc_client.post(f"/stores/{bc_store.store_hash}/v3/catalog/brands", json={"name": "x"}).status_code == 200

            @pytest.mark.mockbc(fixtures="catalog")
            def test_test_level(self, bc_store):
                assert len(bc_store.products) > 0
        """
    )
    inner.runpytest().assert_outcomes(passed=3)


@pytest.mark.parametrize(
    ("mark", "message"),
    [
        (
            "mockbc(scope=['x'])",
            "@pytest.mark.mockbc got an unknown argument 'scope'; it takes scopes, fixtures, store_hash, contract, rate_limit",
        ),
        (
            "mockbc('empty')",
            "@pytest.mark.mockbc takes keyword arguments only (scopes, fixtures, store_hash, contract, rate_limit)",
        ),
        ("mockbc(scopes=['store_v2_produkts'])", "@pytest.mark.mockbc: unknown scope(s): store_v2_produkts"),
        ("mockbc(fixtures='nope.json')", "@pytest.mark.mockbc: cannot seed store 'mockbc0001' from "),
        ("mockbc(store_hash='no/such')", "@pytest.mark.mockbc: store_hash must be letters and digits, got 'no/such'"),
        ("mockbc(contract='yes')", "@pytest.mark.mockbc: contract must be True or False, got 'yes'"),
    ],
)
def test_a_bad_marker_errors_the_test_with_a_message(inner: pytest.Pytester, mark: str, message: str) -> None:
    inner.makepyfile(
        f"""
        import pytest

        @pytest.mark.{mark}
        def test_x(bc_store):
            pass
        """
    )
    result = inner.runpytest()
    result.assert_outcomes(errors=1)
    assert message in result.stdout.str()
