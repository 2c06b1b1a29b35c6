"""How to test async code: ``bc_async_client`` is an ``httpx.AsyncClient`` on the same mock.

``@pytest.mark.anyio`` comes with anyio, which Starlette (a mockbc dependency) installs.
"""

from __future__ import annotations

import httpx
import pytest

from mockbc import Store

ACCESSORIES = 23


async def accessory_names(client: httpx.AsyncClient, store_hash: str) -> list[str]:
    """Code under test: every product name in the Accessories category, cheapest first."""
    response = await client.get(
        f"/stores/{store_hash}/v3/catalog/products",
        params={"categories:in": ACCESSORIES, "sort": "price", "limit": 250},
    )
    response.raise_for_status()
    return [product["name"] for product in response.json()["data"]]


@pytest.mark.anyio
async def test_accessory_names_come_cheapest_first(bc_async_client: httpx.AsyncClient, bc_store: Store) -> None:
    names = await accessory_names(bc_async_client, bc_store.store_hash)

    accessories = sorted(
        (p for p in bc_store.products.values() if ACCESSORIES in p.categories), key=lambda p: (p.price, p.id)
    )
    assert names == [p.name for p in accessories]
