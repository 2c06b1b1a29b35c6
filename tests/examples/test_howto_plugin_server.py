"""How to test code that brings its own HTTP client (requests, the official ``bigcommerce``
client, aiohttp): ``bc_server`` is a real server on 127.0.0.1, started once per session and
reset before each test.
"""

from __future__ import annotations

import requests

from mockbc import Store
from mockbc.pytest_plugin import BcServer


def visible_product_skus(api_path: str, access_token: str) -> list[str]:
    """Code under test: reads every visible product, page by page."""
    skus: list[str] = []
    page = 1
    with requests.Session() as session:
        session.headers.update({"X-Auth-Token": access_token, "Accept": "application/json"})
        while True:
            response = session.get(
                f"{api_path}catalog/products", params={"is_visible": "true", "limit": 50, "page": page}, timeout=5
            )
            response.raise_for_status()
            body = response.json()
            skus += [product["sku"] for product in body["data"]]
            if page >= body["meta"]["pagination"]["total_pages"]:
                return skus
            page += 1


def test_visible_product_skus_reads_every_page(bc_server: BcServer, bc_store: Store) -> None:
    skus = visible_product_skus(bc_server.api_path, bc_server.access_token)

    assert skus == [p.sku for p in bc_store.products.values() if p.is_visible]
    assert len(skus) > 50
