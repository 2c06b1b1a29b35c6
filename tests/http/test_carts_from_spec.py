"""``from_spec`` bodies for the cart operations, fixed up against the store, are accepted."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings

from mockbc import Store
from mockbc.strategies import from_spec

SETTINGS = settings(max_examples=20, deadline=None, database=None, suppress_health_check=list(HealthCheck))


def url(store: Store, path: str) -> str:
    return f"/stores/{store.store_hash}/v3{path}"


def _prepare(client: httpx.Client, store: Store) -> str:
    """The store back at its seed with one cart (a catalog item and a gift certificate) and one
    metafield of it: the same state before every example, so the strategies draw the same way."""
    store.reset()
    gift = {"name": "A", "theme": "Girl", "amount": 5, "quantity": 1, "sender": {}, "recipient": {}}
    product = client.post(url(store, "/catalog/products"),
                          json={"name": "Spec thing", "type": "physical", "weight": 1, "price": 3, "is_visible": True})  # fmt: skip
    assert product.status_code == 200, product.text
    body = {"line_items": [{"product_id": product.json()["data"]["id"], "quantity": 1}], "gift_certificates": [gift]}
    response = client.post(url(store, "/carts"), json=body)
    assert response.status_code == 201, response.text
    cart_id: str = response.json()["data"]["id"]
    made = client.post(url(store, f"/carts/{cart_id}/metafields"),
                       json={"namespace": "n", "key": "k", "value": "v", "permission_set": "write"})  # fmt: skip
    assert made.status_code == 200, made.text
    return cart_id


CASES: list[tuple[str, str, str, set[int]]] = [
    ("createCart", "POST", "/carts", {201}),
    ("addCartLineItems", "POST", "/carts/{cart}/items", {201}),
    ("updateCart", "PUT", "/carts/{cart}", {201}),
    ("createCartRedirectURL", "POST", "/carts/{cart}/redirect_urls", {201}),
    ("createCartMetafield", "POST", "/carts/{cart}/metafields", {200}),
    ("createCartsMetafields", "POST", "/carts/metafields", {200}),
    ("updateCartsMetafields", "PUT", "/carts/metafields", {200}),
    ("deleteCartsMetafields", "DELETE", "/carts/metafields", {200}),
    ("updateGlobalCartSettings", "PUT", "/carts/settings", {200}),
    ("updateChannelCartSettings", "PUT", "/carts/settings/channels/1", {200}),
]


@pytest.mark.parametrize(("operation_id", "method", "path", "ok"), CASES, ids=[c[0] for c in CASES])
def test_cart_bodies_are_accepted(
    client: httpx.Client, store: Store, account: Any, operation_id: str, method: str, path: str, ok: set[int]
) -> None:
    cart = {"id": _prepare(client, store)}

    @SETTINGS
    @given(from_spec(operation_id, store=store, client_id=account.client_id))
    def check(body: Any) -> None:
        try:
            response = client.request(method, url(store, path.format(cart=cart["id"])), json=body)
            assert response.status_code in ok, (response.status_code, response.text, body)
            reply = response.json()
            if isinstance(reply.get("errors"), list):
                assert reply["errors"] == [], reply
        finally:
            cart["id"] = _prepare(client, store)

    check()
