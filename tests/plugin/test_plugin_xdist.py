"""Under pytest-xdist each worker is its own process with its own app, store and server."""

from __future__ import annotations

import pytest


def test_workers_each_reset_their_own_store(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import pytest
        import requests

        @pytest.mark.parametrize("n", range(6))
        def test_same_product_name(bc_client, bc_store, n):
            response = bc_client.post(
                f"/stores/{bc_store.store_hash}/v3/catalog/products",
                json={"name": "Shared Name", "type": "physical", "weight": 1, "price": 1},
            )
            assert response.status_code == 200, response.text

        @pytest.mark.parametrize("n", range(4))
        def test_same_name_on_the_live_server(bc_server, n):
            response = requests.post(
                f"{bc_server.api_path}catalog/brands", json={"name": "Shared Brand"},
                headers={"X-Auth-Token": bc_server.access_token}, timeout=5,
            )
            assert response.status_code == 200, response.text
        """
    )
    result = inner.runpytest("-n", "2")
    result.assert_outcomes(passed=10)
    result.stdout.fnmatch_lines(["*2 workers*"])
