"""The resolvers so far: ``site.settings``, ``site.currencies``/``currency``, ``site.product`` with its
prices and brand, ``site.brand``; and the seam areas plug into."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from graphql import build_schema
from starlette.applications import Starlette
from storefront_kit import gql

from mockbc import Store
from mockbc.http.inprocess import InProcessTransport
from mockbc.presentation.storefront_graphql.ids import encode_id
from mockbc.presentation.storefront_graphql.schema import bind, storefront_schema
from mockbc.presentation.storefront_graphql.seam import Area, discover
from mockbc.services import products


def test_settings(sf: httpx.Client, store: Store) -> None:
    query = "{ site { settings { storeName storeHash storeCountryCode status channelId url { vanityUrl cdnUrl checkoutUrl } } } }"
    host = f"https://store-{store.store_hash}.mybigcommerce.com"
    assert gql(sf, query).json() == {"data": {"site": {"settings": {
        "storeName": f"Store {store.store_hash}", "storeHash": store.store_hash, "storeCountryCode": "US",
        "status": "LAUNCHED", "channelId": 1,
        "url": {"vanityUrl": host, "cdnUrl": f"https://cdn11.bigcommerce.com/s-{store.store_hash}", "checkoutUrl": host},
    }}}}  # fmt: skip


def test_settings_of_another_channel(app: Starlette, store: Store, issue: Callable[..., str]) -> None:
    with httpx.Client(
        transport=InProcessTransport(app),
        base_url=f"http://store-{store.store_hash}-2.mybigcommerce.test",
        headers={"Authorization": f"Bearer {issue(channel_id=2)}"},
    ) as http:
        settings = gql(http, "{ site { settings { channelId url { vanityUrl } } } }").json()["data"]["site"]["settings"]
    assert settings == {"channelId": 2, "url": {"vanityUrl": f"https://store-{store.store_hash}-2.mybigcommerce.com"}}


def test_currencies(sf: httpx.Client) -> None:
    query = """{ site { currencies { pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { entityId code name flagImage isActive exchangeRate isTransactional isDefault
        display { symbol symbolPlacement decimalToken thousandsToken decimalPlaces } } } } } }"""
    assert gql(sf, query).json() == {"data": {"site": {"currencies": {
        "pageInfo": {"hasNextPage": False, "hasPreviousPage": False,
                     "startCursor": "YXJyYXljb25uZWN0aW9uOjA=", "endCursor": "YXJyYXljb25uZWN0aW9uOjA="},
        "edges": [{"cursor": "YXJyYXljb25uZWN0aW9uOjA=", "node": {
            "entityId": 1, "code": "USD", "name": "US Dollar", "flagImage": None, "isActive": True,
            "exchangeRate": 1.0, "isTransactional": True, "isDefault": True,
            "display": {"symbol": "$", "symbolPlacement": "LEFT", "decimalToken": ".", "thousandsToken": ",",
                        "decimalPlaces": 2},
        }}],
    }}}}  # fmt: skip
    assert gql(sf, "{ site { currency(currencyCode: EUR) { code } } }").json() == {"data": {"site": {"currency": None}}}


PRODUCT = """query($e: Int, $id: ID) { site { product(entityId: $e, id: $id) { id entityId name sku path
    prices { price { value currencyCode formattedV2 } basePrice { value } salePrice { value } }
    brand { id entityId name } } } }"""


def test_product(sf: httpx.Client, store: Store) -> None:
    product = store.products.require(78)
    brand = store.brands.require(product.brand_id)
    expected = {"data": {"site": {"product": {
        "id": "UHJvZHVjdDo3OA==", "entityId": 78, "name": product.name, "sku": product.sku,
        "path": product.custom_url.url,
        "prices": {"price": {"value": product.price, "currencyCode": "USD", "formattedV2": f"${product.price:,.2f}"},
                   "basePrice": {"value": product.price}, "salePrice": None},
        "brand": {"id": encode_id("Brand", brand.id), "entityId": brand.id, "name": brand.name},
    }}}}  # fmt: skip
    assert gql(sf, PRODUCT, {"e": 78}).json() == expected
    assert gql(sf, PRODUCT, {"id": "UHJvZHVjdDo3OA=="}).json() == expected


def test_a_sale_price_is_the_price(sf: httpx.Client, store: Store) -> None:
    products.update(store, 78, {"sale_price": 10.5})
    prices = gql(sf, PRODUCT, {"e": 78}).json()["data"]["site"]["product"]["prices"]
    assert prices["price"]["value"] == 10.5 and prices["salePrice"] == {"value": 10.5}


def test_hidden_and_missing_products_are_null(sf: httpx.Client, store: Store) -> None:
    hidden = next(p.id for p in store.products.values() if not p.is_visible)
    for variables in ({"e": hidden}, {"e": 999999}, {}, {"e": 79, "id": "UHJvZHVjdDo3OA=="}):
        assert gql(sf, PRODUCT, variables).json() == {"data": {"site": {"product": None}}}, variables


def test_a_product_id_of_another_type(sf: httpx.Client) -> None:
    response = gql(sf, PRODUCT, {"id": encode_id("Brand", 1)})
    assert response.json() == {"data": {"site": {"product": None}}, "errors": [{
        "message": f"Invalid id: {encode_id('Brand', 1)!r}", "locations": [{"line": 1, "column": 34}],
        "path": ["site", "product"], "extensions": {"code": "BAD_USER_INPUT"},
    }]}  # fmt: skip


def test_brand(sf: httpx.Client, store: Store) -> None:
    brand = next(iter(store.brands.values()))
    query = "query($e: Int!) { site { brand(entityId: $e) { entityId name path seo { pageTitle } } } }"
    assert gql(sf, query, {"e": brand.id}).json() == {"data": {"site": {"brand": {
        "entityId": brand.id, "name": brand.name, "path": brand.custom_url.url, "seo": {"pageTitle": brand.page_title},
    }}}}  # fmt: skip
    assert gql(sf, query, {"e": 999999}).json() == {"data": {"site": {"brand": None}}}


def test_a_resolver_answering_null_for_a_required_field_is_an_error_not_a_500(
    sf: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    field = storefront_schema().type_map["Site"].fields["categoryTree"]  # type: ignore[attr-defined]
    monkeypatch.setattr(field, "resolve", lambda *_: None)
    response = gql(sf, "{ site { categoryTree { entityId } } }")
    assert response.status_code == 200
    assert response.json() == {"data": None, "errors": [{
        "message": "Cannot return null for non-nullable field Site.categoryTree.",
        "locations": [{"line": 1, "column": 10}], "path": ["site", "categoryTree"],
        "extensions": {"code": "INTERNAL_SERVER_ERROR"},
    }]}  # fmt: skip


def test_an_unexpected_failure_is_an_internal_error(sf: httpx.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    field = storefront_schema().type_map["Site"].fields["settings"]  # type: ignore[attr-defined]

    def broken(*_: Any) -> Any:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(field, "resolve", broken)
    response = gql(sf, "{ site { settings { storeHash } } }")
    assert response.status_code == 200
    assert response.json() == {"data": {"site": {"settings": None}}, "errors": [{
        "message": "Internal server error", "locations": [{"line": 1, "column": 10}],
        "path": ["site", "settings"], "extensions": {"code": "INTERNAL_SERVER_ERROR"},
    }]}  # fmt: skip


def test_every_area_is_discovered() -> None:
    area = discover()
    assert {("Query", "site"), ("Query", "node"), ("Site", "settings"), ("Site", "currencies"), ("Site", "product"),
            ("Product", "prices"), ("Product", "brand")} <= set(area.fields)  # fmt: skip
    assert {"Product", "Brand"} <= set(area.nodes)


def test_a_key_bound_twice_or_unknown_stops_start_up() -> None:
    area = Area()
    area.field("Site", "settings")(lambda *_: None)
    with pytest.raises(ValueError, match=r"Site\.settings is bound twice"):
        area.field("Site", "settings")(lambda *_: None)
    area.node("Product")(lambda *_: None)
    with pytest.raises(ValueError, match="node type Product is bound twice"):
        area.node("Product")(lambda *_: None)
    schema = build_schema("type Query { site: Site } type Site { a: Int }")
    with pytest.raises(ValueError, match=r"a resolver is bound to Site.settings, which the schema lacks"):
        bind(schema, area)
    nodes = Area()
    nodes.node("Nothing")(lambda *_: None)
    with pytest.raises(ValueError, match="a node loader is bound to Nothing, which the schema lacks"):
        bind(schema, nodes)


def test_custom_scalars_are_rendered_whatever_the_resolver_gives(
    sf: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decimal import Decimal

    from mockbc.presentation.storefront_graphql.areas import catalog

    monkeypatch.setattr(
        catalog, "money", lambda value: {"currencyCode": "USD", "value": Decimal("1.25"), "formattedV2": None}
    )
    response = gql(sf, "{ site { product(entityId: 78) { prices { price { value } } } } }")
    assert response.json() == {"data": {"site": {"product": {"prices": {"price": {"value": 1.25}}}}}}
