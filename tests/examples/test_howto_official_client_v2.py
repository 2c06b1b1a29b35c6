"""How to run code built on the official Python client's v2 resources (``BigcommerceApi``:
``Products``, ``Categories``, ``Brands``) against the mock.

``BigcommerceApi`` builds an ``OAuthConnection``, which always makes ``https://`` URLs; swap its
``connection`` for the two-line subclass and the rest is the code you ship.
"""

from __future__ import annotations

from bigcommerce.api import BigcommerceApi
from bigcommerce.connection import OAuthConnection

from mockbc import Store
from mockbc.pytest_plugin import BcServer


class MockConnection(OAuthConnection):  # type: ignore[misc]
    def full_path(self, url: str) -> str:
        return "http://" + self.host + self.api_path.format(self.store_hash, url)


def raise_prices_in_category(api: BigcommerceApi, category_id: int, percent: int) -> int:
    """Code under test: raises the price of every product of one category, through v2."""
    raised = 0
    for product in api.Products.iterall(category=category_id):
        product.update(price=round(float(product.price) * (100 + percent) / 100, 2))
        raised += 1
    return raised


def test_prices_rise_in_one_category(bc_server: BcServer, bc_store: Store) -> None:
    credentials = {
        "client_id": bc_server.client_id, "store_hash": bc_server.store_hash, "access_token": bc_server.access_token,
    }  # fmt: skip
    api = BigcommerceApi(**credentials)
    api.connection = MockConnection(**credentials, host=bc_server.url.removeprefix("http://"))
    cookware = next(c for c in bc_store.categories.values() if c.name == "Cookware")
    before = {p.id: p.price for p in bc_store.products.values() if cookware.id in p.categories}

    raised = raise_prices_in_category(api, cookware.id, 10)

    assert raised == len(before) > 0
    for product_id, price in before.items():
        assert bc_store.products.require(product_id).price == round(price * 110 / 100, 2)
