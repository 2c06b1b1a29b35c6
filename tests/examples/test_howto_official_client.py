"""How to run code built on the official Python client (PyPI ``bigcommerce``) against the mock.

The client's raw ``OAuthConnection`` always builds ``https://`` URLs; a two-line subclass
points it at ``bc_server`` instead. Everything else is the code you ship.
"""

from __future__ import annotations

from bigcommerce.connection import OAuthConnection

from mockbc import Store
from mockbc.pytest_plugin import BcServer


class MockConnection(OAuthConnection):  # type: ignore[misc]
    def full_path(self, url: str) -> str:
        return "http://" + self.host + self.api_path.format(self.store_hash, url)


def mark_out_of_stock_invisible(connection: OAuthConnection) -> int:
    """Code under test: hides every product that has run out."""
    hidden = 0
    for product in connection.get("catalog/products", out_of_stock=1, limit=250)["data"]:
        connection.update("catalog/products", product["id"], {"is_visible": False})
        hidden += 1
    return hidden


def test_out_of_stock_products_are_hidden(bc_server: BcServer, bc_store: Store) -> None:
    connection = MockConnection(
        client_id=bc_server.client_id, store_hash=bc_server.store_hash, access_token=bc_server.access_token,
        host=bc_server.url.removeprefix("http://"), api_path="/stores/{}/v3/{}",
    )  # fmt: skip

    hidden = mark_out_of_stock_invisible(connection)

    out_of_stock = [p for p in bc_store.products.values() if p.inventory_tracking != "none" and p.inventory_level <= 0]
    assert hidden == len(out_of_stock) > 0
    assert not any(p.is_visible for p in out_of_stock)
