"""The storefront's product lists and product pages, as a storefront team queries them: named operations
with fragments and variables, checked against the records the REST APIs read and write."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from graphql import GraphQLInterfaceType, GraphQLObjectType, GraphQLSchema, get_named_type, is_required_argument
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.products import Product, calculated_price
from mockbc.domain.variants import variant_calculated_price
from mockbc.presentation.storefront_graphql.ids import encode_cursor, encode_id
from mockbc.presentation.storefront_graphql.schema import storefront_schema
from mockbc.services import products as product_service
from mockbc.services import variants as variant_service
from mockbc.store.table import Table

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"


def run(sf: httpx.Client, document: str, name: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    response = sf.post(
        "/graphql",
        params={"operation": name, "type": "query"},
        json={"query": document, "operationName": name, "variables": variables or {}},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def data(sf: httpx.Client, document: str, name: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    body = run(sf, document, name, variables)
    assert "errors" not in body, body
    site: dict[str, Any] = body["data"]["site"]
    return site


def visible_ids(store: Store) -> list[int]:
    return sorted(p.id for p in store.products.values() if p.is_visible)


CARD = """
fragment Money on Money { value currencyCode }
fragment Card on Product {
  entityId
  name
  path
  prices { price { ...Money } }
}
"""

LIST = (
    CARD
    + """
query ProductList($first: Int, $after: String, $last: Int, $before: String, $hide: Boolean, $ids: [Int!]) {
  site {
    products(first: $first, after: $after, last: $last, before: $before, hideOutOfStock: $hide, entityIds: $ids) {
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      collectionInfo { totalItems }
      edges { cursor node { ...Card } }
    }
  }
}
"""
)


def _ids(connection: dict[str, Any]) -> list[int]:
    return [edge["node"]["entityId"] for edge in connection["edges"]]


def test_a_listing_pages_forward_and_back_with_cursors_that_round_trip(sf: httpx.Client, store: Store) -> None:
    expected = visible_ids(store)
    first = data(sf, LIST, "ProductList", {"first": 50})["products"]
    assert first["collectionInfo"] == {"totalItems": len(expected)}
    assert _ids(first) == expected[:50]
    assert first["pageInfo"] == {
        "hasNextPage": True, "hasPreviousPage": False,
        "startCursor": encode_cursor(0), "endCursor": encode_cursor(49),
    }  # fmt: skip
    seen = _ids(first)
    after = first["pageInfo"]["endCursor"]
    while True:
        page = data(sf, LIST, "ProductList", {"first": 50, "after": after})["products"]
        seen += _ids(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        assert page["pageInfo"]["hasPreviousPage"] is True
        after = page["pageInfo"]["endCursor"]
    assert seen == expected
    back = data(sf, LIST, "ProductList", {"last": 3, "before": encode_cursor(10)})["products"]
    assert _ids(back) == expected[7:10]
    assert back["pageInfo"]["hasPreviousPage"] is True and back["pageInfo"]["hasNextPage"] is True
    assert [e["cursor"] for e in back["edges"]] == [encode_cursor(i) for i in (7, 8, 9)]


def test_a_listing_without_first_holds_ten_and_renders_the_card(sf: httpx.Client, store: Store) -> None:
    page = data(sf, LIST, "ProductList")["products"]
    product = store.products.require(visible_ids(store)[0])
    assert len(page["edges"]) == 10
    assert page["edges"][0]["node"] == {
        "entityId": product.id, "name": product.name, "path": product.custom_url.url,
        "prices": {"price": {"value": calculated_price(product), "currencyCode": "USD"}},
    }  # fmt: skip


def test_a_cursor_past_the_end_is_an_empty_page(sf: httpx.Client, store: Store) -> None:
    page = data(sf, LIST, "ProductList", {"first": 5, "after": encode_cursor(100_000)})["products"]
    assert page == {
        "pageInfo": {"hasNextPage": False, "hasPreviousPage": True, "startCursor": None, "endCursor": None},
        "collectionInfo": {"totalItems": len(visible_ids(store))},
        "edges": [],
    }


@pytest.mark.parametrize("cursor", ["not base64!", "YWJj", encode_id("Product", 1)])
def test_a_cursor_that_is_not_one_is_a_graphql_error(sf: httpx.Client, cursor: str) -> None:
    body = run(sf, LIST, "ProductList", {"first": 5, "after": cursor})
    assert body == {"data": None, "errors": [{
        "message": f"Invalid cursor: {cursor!r}", "locations": [{"line": 12, "column": 5}],
        "path": ["site", "products"], "extensions": {"code": "BAD_USER_INPUT"},
    }]}  # fmt: skip


def test_a_huge_page_is_refused_before_it_runs(sf: httpx.Client) -> None:
    response = sf.post("/graphql", json={"query": LIST, "variables": {"first": 10_000}})
    assert response.status_code == 200
    body = response.json()
    assert body["errors"][0]["message"] == "Argument 'first' cannot exceed 50"
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT"}
    assert "data" not in body


def test_entity_ids_and_out_of_stock(sf: httpx.Client, store: Store) -> None:
    visible = visible_ids(store)
    hidden = next(p.id for p in store.products.values() if not p.is_visible)
    wanted = [visible[3], visible[1], hidden, 999_999]
    page = data(sf, LIST, "ProductList", {"ids": wanted})["products"]
    assert _ids(page) == [visible[1], visible[3]] and page["collectionInfo"] == {"totalItems": 2}
    product_service.update(store, visible[1], {"inventory_tracking": "product", "inventory_level": 0})
    page = data(sf, LIST, "ProductList", {"ids": wanted, "hide": True})["products"]
    assert _ids(page) == [visible[3]]


def test_products_hidden_or_off_the_channel_are_absent(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    shown = visible_ids(store)[:2]
    assert client.put(f"{V3}/catalog/products/{shown[0]}", json={"is_visible": False}).status_code == 200
    response = client.put(
        f"{V3}/catalog/products/channel-assignments", json=[{"product_id": shown[1], "channel_id": 2}]
    )
    assert response.status_code == 204
    params = {"product_id:in": shown[1], "channel_id:in": 1}
    assert client.delete(f"{V3}/catalog/products/channel-assignments", params=params).status_code == 204
    page = data(sf, LIST, "ProductList", {"ids": shown})["products"]
    assert page["edges"] == [] and page["collectionInfo"] == {"totalItems": 0}
    assert data(sf, DETAIL, "ProductPage", {"entityId": shown[1]})["product"] is None
    node = run(sf, "query Node($id: ID!) { node(id: $id) { id } }", "Node", {"id": encode_id("Product", shown[1])})
    assert node == {"data": {"node": None}}


SORTED = (
    CARD
    + """
query Home {
  site {
    newestProducts(first: 5) { edges { node { ...Card } } }
    bestSellingProducts(first: 5) { collectionInfo { totalItems } edges { node { ...Card } } }
    featuredProducts(first: 50) { collectionInfo { totalItems } edges { node { ...Card } } }
  }
}
"""
)


def test_newest_best_selling_and_featured(sf: httpx.Client, store: Store) -> None:
    shown: list[Product] = [p for p in store.products.values() if p.is_visible]
    site = data(sf, SORTED, "Home")
    newest = sorted(shown, key=lambda p: p.date_created, reverse=True)
    assert _ids(site["newestProducts"]) == [p.id for p in newest[:5]]
    best = sorted(shown, key=lambda p: p.total_sold, reverse=True)
    assert _ids(site["bestSellingProducts"]) == [p.id for p in best[:5]]
    assert site["bestSellingProducts"]["collectionInfo"] == {"totalItems": len(shown)}
    featured = [p.id for p in shown if p.is_featured]
    assert featured and _ids(site["featuredProducts"]) == featured
    assert site["featuredProducts"]["collectionInfo"] == {"totalItems": len(featured)}


DETAIL = """
fragment Money on Money { value currencyCode }
fragment PriceFields on Prices {
  price { ...Money }
  salePrice { ...Money }
  basePrice { ...Money }
  retailPrice { ...Money }
  mapPrice { ...Money }
  saved { ...Money }
  priceRange { min { ...Money } max { ...Money } }
  retailPriceRange { min { ...Money } max { ...Money } }
  bulkPricing {
    __typename
    minimumQuantity
    maximumQuantity
    ... on BulkPricingFixedPriceDiscount { price }
    ... on BulkPricingPercentageDiscount { percentOff }
    ... on BulkPricingRelativePriceDiscount { priceAdjustment }
  }
}
fragment OptionFields on CatalogProductOption {
  __typename
  entityId
  displayName
  isRequired
  isVariantOption
  ... on MultipleChoiceOption {
    displayStyle
    values { edges { node { entityId label isDefault isSelected } } }
  }
  ... on CheckboxOption { checkedByDefault label checkedOptionValueEntityId uncheckedOptionValueEntityId }
}
query ProductPage(
  $id: ID, $entityId: Int, $variantEntityId: Int, $optionValueIds: [OptionValueId!], $sku: String,
  $useDefaults: Boolean
) {
  site {
    product(
      id: $id, entityId: $entityId, variantEntityId: $variantEntityId, optionValueIds: $optionValueIds, sku: $sku,
      useDefaultOptionSelections: $useDefaults
    ) {
      id
      entityId
      sku
      name
      prices { ...PriceFields }
      inventory { isInStock hasVariantInventory aggregated { availableToSell } }
      productOptions { edges { node { ...OptionFields } } }
      variants(first: 250) { edges { node { entityId sku isPurchasable } } }
    }
  }
}
"""


def _money(value: float | None) -> dict[str, Any] | None:
    return None if value is None else {"value": value, "currencyCode": "USD"}


def test_prices_match_a_product_made_and_changed_through_rest(sf: httpx.Client, client: httpx.Client) -> None:
    body = {
        "name": "Storefront Lamp", "type": "physical", "weight": 2, "price": 80, "retail_price": 120,
        "sale_price": 70, "map_price": 75, "is_visible": True, "categories": [18],
        "bulk_pricing_rules": [
            {"quantity_min": 2, "quantity_max": 4, "type": "percent", "amount": 5},
            {"quantity_min": 5, "quantity_max": 9, "type": "fixed", "amount": 60},
            {"quantity_min": 10, "quantity_max": 0, "type": "price", "amount": 3},
        ],
    }  # fmt: skip
    created = client.post(f"{V3}/catalog/products", json=body)
    assert created.status_code == 200, created.text
    product_id = created.json()["data"]["id"]
    page = data(sf, DETAIL, "ProductPage", {"entityId": product_id})["product"]
    rest = client.get(f"{V3}/catalog/products/{product_id}").json()["data"]
    assert page["prices"] == {
        "price": _money(rest["calculated_price"]), "salePrice": _money(70), "basePrice": _money(80),
        "retailPrice": _money(120), "mapPrice": _money(75), "saved": _money(50),
        "priceRange": {"min": _money(70), "max": _money(70)},
        "retailPriceRange": {"min": _money(120), "max": _money(120)},
        "bulkPricing": [
            {"__typename": "BulkPricingPercentageDiscount", "minimumQuantity": 2, "maximumQuantity": 4, "percentOff": 5},
            {"__typename": "BulkPricingFixedPriceDiscount", "minimumQuantity": 5, "maximumQuantity": 9, "price": 60},
            {"__typename": "BulkPricingRelativePriceDiscount", "minimumQuantity": 10, "maximumQuantity": None,
             "priceAdjustment": 3},
        ],
    }  # fmt: skip
    assert client.put(f"{V3}/catalog/products/{product_id}", json={"sale_price": 0, "price": 90}).status_code == 200
    prices = data(sf, DETAIL, "ProductPage", {"entityId": product_id})["product"]["prices"]
    assert client.get(f"{V3}/catalog/products/{product_id}").json()["data"]["calculated_price"] == 90
    assert prices["price"] == _money(90) and prices["salePrice"] is None and prices["saved"] == _money(30)


def _product_with_options(store: Store) -> Product:
    product: Product = store.products.require(95)  # Color x Size, stock tracked by variant
    return product


def test_a_detail_page_picks_a_variant_by_option_values(sf: httpx.Client, store: Store) -> None:
    product = _product_with_options(store)
    variants = variant_service.variants_of(store, product)
    target = next(v for v in variants if v.price is not None and v.inventory_level > 0)
    pairs = [{"optionEntityId": value.option_id, "valueEntityId": value.id} for value in target.option_values]
    page = data(sf, DETAIL, "ProductPage", {"entityId": product.id, "optionValueIds": pairs})["product"]
    assert page["sku"] == target.sku
    assert page["prices"]["price"] == _money(target.price)
    prices = [variant_calculated_price(v, product) for v in variants]
    assert page["prices"]["priceRange"] == {"min": _money(min(prices)), "max": _money(max(prices))}
    assert page["inventory"] == {
        "isInStock": True, "hasVariantInventory": True, "aggregated": {"availableToSell": product.inventory_level},
    }  # fmt: skip
    options = [edge["node"] for edge in page["productOptions"]["edges"]]
    assert [o["displayName"] for o in options if o["isVariantOption"]] == ["Color", "Size"]
    selected = {
        value["node"]["entityId"]
        for option in options
        if option["__typename"] == "MultipleChoiceOption"
        for value in option["values"]["edges"]
        if value["node"]["isSelected"]
    }
    assert selected == target.combination
    assert {e["node"]["entityId"] for e in page["variants"]["edges"]} == {v.id for v in variants}
    by_variant = data(sf, DETAIL, "ProductPage", {"variantEntityId": target.id})["product"]
    assert by_variant["sku"] == target.sku and by_variant["entityId"] == product.id
    by_sku = data(sf, DETAIL, "ProductPage", {"sku": target.sku.lower()})["product"]
    assert by_sku["sku"] == target.sku and by_sku["prices"] == page["prices"]


def test_a_partial_selection_marks_values_and_keeps_the_product(sf: httpx.Client, store: Store) -> None:
    product = _product_with_options(store)
    first_option = sorted(store.options.many(store.options.lookup("product_id", product.id)), key=lambda o: o.id)[0]
    value = first_option.option_values[0]
    pairs = [{"optionEntityId": first_option.id, "valueEntityId": value.id}]
    page = data(sf, DETAIL, "ProductPage", {"entityId": product.id, "optionValueIds": pairs})["product"]
    assert page["sku"] == product.sku and page["prices"]["price"] == _money(calculated_price(product))
    color = next(e["node"] for e in page["productOptions"]["edges"] if e["node"]["entityId"] == first_option.id)
    assert [(v["node"]["entityId"], v["node"]["isSelected"]) for v in color["values"]["edges"]] == [
        (v.id, v.id == value.id) for v in sorted(first_option.option_values, key=lambda v: (v.sort_order, v.id))
    ]


def test_default_option_selections(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    product = _product_with_options(store)
    options = sorted(store.options.many(store.options.lookup("product_id", product.id)), key=lambda o: o.id)
    size = options[1]
    large = size.option_values[1]
    response = client.put(
        f"{V3}/catalog/products/{product.id}/options/{size.id}/values/{large.id}",
        json={"label": large.label, "sort_order": large.sort_order, "is_default": True},
    )
    assert response.status_code == 200, response.text
    page = data(sf, DETAIL, "ProductPage", {"entityId": product.id, "useDefaults": True})["product"]
    expected = frozenset({options[0].option_values[0].id, large.id})
    variant = next(v for v in variant_service.variants_of(store, product) if v.combination == expected)
    assert page["sku"] == variant.sku
    sizes = next(e["node"] for e in page["productOptions"]["edges"] if e["node"]["entityId"] == size.id)
    assert [v["node"]["isDefault"] for v in sizes["values"]["edges"]] == [False, True]


def test_lookups_that_name_no_product_are_null(sf: httpx.Client, store: Store) -> None:
    product = _product_with_options(store)
    other = store.products.require(78)
    for variables in (
        {"entityId": 999_999},
        {"sku": "NO-SUCH-SKU"},
        {"variantEntityId": 999_999},
        {"entityId": other.id, "variantEntityId": variant_service.variants_of(store, product)[0].id},
        {"id": encode_id("Product", other.id), "sku": product.sku},
    ):
        assert data(sf, DETAIL, "ProductPage", variables) == {"product": None}, variables


@pytest.mark.parametrize("kind", ["Category", "Brand", "Variant"])
def test_an_id_of_another_type_is_a_graphql_error(sf: httpx.Client, kind: str) -> None:
    given = encode_id(kind, 18)
    body = run(sf, DETAIL, "ProductPage", {"id": given})
    assert body["data"] == {"site": {"product": None}}
    assert [(e["message"], e["path"], e["extensions"]) for e in body["errors"]] == [
        (f"Invalid id: {given!r}", ["site", "product"], {"code": "BAD_USER_INPUT"})
    ]


FULL = """
fragment ImageFields on Image { url(width: 640) small: url(width: 80, height: 80) urlOriginal altText isDefault }
query Everything($entityId: Int!) {
  site {
    product(entityId: $entityId) {
      plainTextDescription(characterLimit: 30)
      description
      addToCartUrl
      condition
      type
      availabilityV2 { status description ... on ProductPreOrder { message } ... on ProductUnavailable { message } }
      inventory { isInStock isStockTracked hasVariantInventory aggregated { availableToSell warningLevel } }
      defaultImage { ...ImageFields }
      images { edges { node { ...ImageFields } } }
      customFields { edges { node { entityId name value } } }
      metafields(namespace: "storefront") { edges { node { entityId key value } } }
      seo { pageTitle metaDescription metaKeywords }
      brand { entityId name }
      categories { edges { node { entityId name path } } }
      reviewSummary { numberOfReviews summationOfRatings averageRating }
      minPurchaseQuantity
      maxPurchaseQuantity
      weight { value unit }
      height { value unit }
      width { value unit }
      depth { value unit }
    }
  }
}
"""


def test_every_field_of_a_product_page(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    body = {
        "name": "Page Chair", "type": "physical", "weight": 7.5, "width": 20, "height": 0, "depth": 18,
        "price": 150, "is_visible": True, "categories": [19], "brand_id": 3, "condition": "Used",
        "description": "<p>Oak &amp; wool. Made <b>to last</b> a lifetime, and then some.</p>",
        "inventory_tracking": "product", "inventory_level": 4, "inventory_warning_level": 1,
        "availability": "preorder", "availability_description": "Ships in May", "preorder_message": "Due %%DATE%%",
        "order_quantity_minimum": 2, "order_quantity_maximum": 0, "page_title": "Chair", "meta_keywords": ["oak", "chair"],
        "meta_description": "An oak chair",
        "custom_fields": [{"name": "Wood", "value": "Oak"}],
        "images": [
            {"image_url": "https://cdn.example.com/chair-side.jpg", "description": "Side", "sort_order": 1},
            {"image_url": "https://cdn.example.com/chair.jpg", "description": "Front", "is_thumbnail": True},
        ],
    }  # fmt: skip
    created = client.post(f"{V3}/catalog/products", json=body)
    assert created.status_code == 200, created.text
    product_id = created.json()["data"]["id"]
    for permission, key in (("read_and_sf_access", "shown"), ("write_and_sf_access", "also"), ("read", "secret")):
        made = client.post(
            f"{V3}/catalog/products/{product_id}/metafields",
            json={"namespace": "storefront", "key": key, "value": key.upper(), "permission_set": permission},
        )
        assert made.status_code == 200, made.text
    client.post(f"{V3}/catalog/products/{product_id}/metafields",
                json={"namespace": "other", "key": "k", "value": "v", "permission_set": "read_and_sf_access"})  # fmt: skip
    for rating in (5, 4):
        review = {"title": "Nice", "rating": rating, "status": "approved", "date_reviewed": "2024-05-01T00:00:00+00:00"}
        assert client.post(f"{V3}/catalog/products/{product_id}/reviews", json=review).status_code == 200
    page = data(sf, FULL, "Everything", {"entityId": product_id})["product"]
    metafields = [e["node"] for e in page.pop("metafields")["edges"]]
    assert [(m["key"], m["value"]) for m in metafields] == [("shown", "SHOWN"), ("also", "ALSO")]
    fields = [e["node"] for e in page.pop("customFields")["edges"]]
    assert [(f["name"], f["value"]) for f in fields] == [("Wood", "Oak")]
    front = {
        "url": "https://cdn.example.com/chair.jpg#640w", "small": "https://cdn.example.com/chair.jpg#80x80",
        "urlOriginal": "https://cdn.example.com/chair.jpg", "altText": "Front", "isDefault": True,
    }  # fmt: skip
    side = {
        "url": "https://cdn.example.com/chair-side.jpg#640w", "small": "https://cdn.example.com/chair-side.jpg#80x80",
        "urlOriginal": "https://cdn.example.com/chair-side.jpg", "altText": "Side", "isDefault": False,
    }  # fmt: skip
    brand = store.brands.require(3)
    category = store.categories.require(19)
    assert page == {
        "plainTextDescription": "Oak & wool. Made to last a lif",
        "description": body["description"],
        "addToCartUrl": f"http://store-{store.store_hash}.mybigcommerce.test/cart.php?action=add&product_id={product_id}",
        "condition": "USED",
        "type": "physical",
        "availabilityV2": {"status": "Preorder", "description": "Ships in May", "message": "Due %%DATE%%"},
        "inventory": {
            "isInStock": True, "isStockTracked": True, "hasVariantInventory": False,
            "aggregated": {"availableToSell": 4, "warningLevel": 1},
        },
        "defaultImage": front,
        "images": {"edges": [{"node": front}, {"node": side}]},
        "seo": {"pageTitle": "Chair", "metaDescription": "An oak chair", "metaKeywords": "oak,chair"},
        "brand": {"entityId": 3, "name": brand.name},
        "categories": {"edges": [{"node": {"entityId": 19, "name": category.name, "path": category.custom_url.url}}]},
        "reviewSummary": {"numberOfReviews": 2, "summationOfRatings": 9, "averageRating": 4.5},
        "minPurchaseQuantity": 2,
        "maxPurchaseQuantity": None,
        "weight": {"value": 7.5, "unit": "lbs"},
        "height": None,
        "width": {"value": 20, "unit": "in"},
        "depth": {"value": 18, "unit": "in"},
    }  # fmt: skip


VARIANT_NODE = """
query VariantNode($id: ID!) {
  node(id: $id) {
    __typename
    id
    ... on Variant {
      entityId
      sku
      isPurchasable
      prices { price { value } }
      inventory { isInStock aggregated { availableToSell warningLevel } }
      productOptions { edges { node { entityId displayName ... on MultipleChoiceOption {
        values { edges { node { entityId label isSelected } } } } } } }
      options { edges { node { entityId displayName isRequired values { edges { node { entityId label } } } } } }
    }
  }
}
"""


def test_a_variant_node(sf: httpx.Client, store: Store) -> None:
    product = _product_with_options(store)
    variant = next(v for v in variant_service.variants_of(store, product) if v.inventory_level == 0)
    body = run(sf, VARIANT_NODE, "VariantNode", {"id": encode_id("Variant", variant.id)})
    node = body["data"]["node"]
    assert node["__typename"] == "Variant" and node["entityId"] == variant.id and node["sku"] == variant.sku
    assert node["isPurchasable"] is False
    assert node["inventory"] == {
        "isInStock": False, "aggregated": {"availableToSell": 0, "warningLevel": variant.inventory_warning_level},
    }  # fmt: skip
    labels = {o.id: o for o in store.options.many(store.options.lookup("product_id", product.id))}
    assert [
        (
            e["node"]["entityId"],
            [(v["node"]["entityId"], v["node"]["isSelected"]) for v in e["node"]["values"]["edges"]],
        )
        for e in node["productOptions"]["edges"]
    ] == [(value.option_id, [(value.id, True)]) for value in sorted(variant.option_values, key=lambda v: v.option_id)]
    assert [
        (e["node"]["entityId"], e["node"]["displayName"], [v["node"] for v in e["node"]["values"]["edges"]])
        for e in node["options"]["edges"]
    ] == [
        (value.option_id, labels[value.option_id].display_name,
         [{"entityId": value.id, "label": labels[value.option_id].value(value.id).label}])
        for value in sorted(variant.option_values, key=lambda v: v.option_id)
    ]  # fmt: skip
    missing = run(sf, VARIANT_NODE, "VariantNode", {"id": encode_id("Variant", 999_999)})
    assert missing == {"data": {"node": None}}


def test_variants_filtered(sf: httpx.Client, store: Store) -> None:
    product = _product_with_options(store)
    variants = variant_service.variants_of(store, product)
    document = """
    query Variants($e: Int!, $ov: [OptionValueId!], $buyable: Boolean, $skus: [String!]) {
      site { product(entityId: $e) {
        variants(optionValueIds: $ov, isPurchasable: $buyable, skus: $skus) { edges { node { entityId } } }
      } }
    }"""
    value = variants[0].option_values[0]
    pairs = [{"optionEntityId": value.option_id, "valueEntityId": value.id}]
    found = data(sf, document, "Variants", {"e": product.id, "ov": pairs})["product"]["variants"]
    assert _ids(found) == [v.id for v in variants if value.id in v.combination]
    buyable = data(sf, document, "Variants", {"e": product.id, "buyable": False})["product"]["variants"]
    assert _ids(buyable) == [v.id for v in variants if v.inventory_level <= 0 or v.purchasing_disabled]
    by_sku = data(sf, document, "Variants", {"e": product.id, "skus": [variants[2].sku]})["product"]["variants"]
    assert _ids(by_sku) == [variants[2].id]


# Arguments a field requires, for the query that selects every field.
REQUIRED_ARGUMENTS = {"url": "(width: 120)", "metafields": '(namespace: "specs")', "breadcrumbs": "(depth: 4)"}


def _every_field(schema: GraphQLSchema, type_name: str, seen: frozenset[str], depth: int, prefix: str = "") -> str:
    """A selection of every field of ``type_name`` (every implementation of an interface, its fields
    aliased by type so that same-named fields of different types do not clash), each type entered once
    per path, so the document stays finite and within the limits."""
    named = schema.type_map[type_name]
    if isinstance(named, GraphQLInterfaceType):
        parts = ["__typename"]
        for implementation in schema.get_implementations(named).objects:
            inner = _every_field(schema, implementation.name, seen, depth, f"{implementation.name}_")
            parts.append(f"... on {implementation.name} {{ {inner} }}")
        return " ".join(parts)
    assert isinstance(named, GraphQLObjectType)
    parts = ["__typename"]
    for name, field in named.fields.items():
        child = get_named_type(field.type)
        if any(is_required_argument(a) for a in field.args.values()) and name not in REQUIRED_ARGUMENTS:
            continue
        arguments = REQUIRED_ARGUMENTS.get(name, "")
        if "first" in field.args:
            arguments = f"({arguments[1:-1]}{', ' if arguments else ''}first: 3)"
        if isinstance(child, GraphQLObjectType | GraphQLInterfaceType):
            if child.name in seen or depth > 6:
                continue
            inner = _every_field(schema, child.name, seen | {child.name}, depth + 1)
            parts.append(f"{prefix}{name}: {name}{arguments} {{ {inner} }}")
        else:
            parts.append(f"{prefix}{name}: {name}{arguments}")
    return " ".join(parts)


def test_every_field_of_every_storefront_product_resolves(sf: httpx.Client, store: Store) -> None:
    schema = storefront_schema()
    selection = _every_field(schema, "Product", frozenset({"Product", "Brand", "Category"}), 1)
    document = f"query Every($e: Int!) {{ site {{ product(entityId: $e) {{ {selection} }} }} }}"
    varied = {m.resource_id for m in store.product_metafields.values()}
    for table in (store.modifiers, store.bulk_pricing_rules, store.options, store.custom_fields):
        varied |= {record.product_id for record in table.values()}
    varied |= {p.id for p in store.products.values() if p.availability != "available" or p.related_products != (-1,)}
    chosen = [p for p in store.products.values() if p.is_visible and p.id in varied]
    assert len(chosen) > 20
    for product in chosen:
        body = run(sf, document, "Every", {"e": product.id})
        assert "errors" not in body and body["data"]["site"]["product"]["entityId"] == product.id, body


MODIFIERS = """
query Modifiers($e: Int!) {
  site {
    product(entityId: $e) {
      productOptions {
        edges {
          node {
            __typename entityId displayName isRequired isVariantOption
            ... on CheckboxOption { checkedByDefault label checkedOptionValueEntityId uncheckedOptionValueEntityId }
            ... on TextFieldOption { defaultValue minLength maxLength }
            ... on MultiLineTextFieldOption { maxLines }
            ... on NumberFieldOption { number: defaultValue lowest highest isIntegerOnly limitNumberBy }
            ... on FileUploadFieldOption { maxFileSize fileTypes }
            ... on MultipleChoiceOption { displayStyle values { edges { node { entityId label isDefault } } } }
          }
        }
      }
    }
  }
}
"""


def test_modifiers_are_product_options_that_pick_no_variant(
    sf: httpx.Client, client: httpx.Client, store: Store
) -> None:
    checkbox = next(m for m in store.modifiers.values() if m.product_id == 143 and m.type == "checkbox")
    bodies = [
        {"type": "numbers_only_text", "required": True, "display_name": "Length", "sort_order": 5,
         "config": {"number_limited": True, "number_limit_mode": "range", "number_lowest_value": 1,
                    "number_highest_value": 10, "number_integers_only": True, "default_value": "2"}},
        {"type": "file", "required": False, "display_name": "Artwork", "sort_order": 6,
         "config": {"file_types_mode": "specific", "file_types_supported": ["images"], "file_max_size": 1024}},
        {"type": "rectangles", "required": True, "display_name": "Finish", "sort_order": 7,
         "option_values": [{"label": "Matte", "sort_order": 0, "is_default": True}, {"label": "Gloss", "sort_order": 1}]},
    ]  # fmt: skip
    made = []
    for body in bodies:
        response = client.post(f"{V3}/catalog/products/143/modifiers", json=body)
        assert response.status_code == 200, response.text
        made.append(response.json()["data"])
    edges = data(sf, MODIFIERS, "Modifiers", {"e": 143})["product"]["productOptions"]["edges"]
    nodes = [e["node"] for e in edges if not e["node"]["isVariantOption"]]
    assert [e["node"]["entityId"] for e in edges if e["node"]["isVariantOption"]] == [
        o.id
        for o in sorted(store.options.many(store.options.lookup("product_id", 143)), key=lambda o: (o.sort_order, o.id))
    ]
    yes, no = (v.id for v in sorted(checkbox.option_values, key=lambda v: v.sort_order))
    assert nodes == [
        {"__typename": "CheckboxOption", "entityId": checkbox.id, "displayName": checkbox.display_name,
         "isRequired": checkbox.required, "isVariantOption": False, "checkedByDefault": False,
         "label": checkbox.config["checkbox_label"], "checkedOptionValueEntityId": yes,
         "uncheckedOptionValueEntityId": no},
        {"__typename": "NumberFieldOption", "entityId": made[0]["id"], "displayName": "Length", "isRequired": True,
         "isVariantOption": False, "number": 2.0, "lowest": 1.0, "highest": 10.0, "isIntegerOnly": True,
         "limitNumberBy": "RANGE"},
        {"__typename": "FileUploadFieldOption", "entityId": made[1]["id"], "displayName": "Artwork",
         "isRequired": False, "isVariantOption": False, "maxFileSize": 1024, "fileTypes": ["images"]},
        {"__typename": "MultipleChoiceOption", "entityId": made[2]["id"], "displayName": "Finish", "isRequired": True,
         "isVariantOption": False, "displayStyle": "RectangleBoxes",
         "values": {"edges": [
             {"node": {"entityId": made[2]["option_values"][0]["id"], "label": "Matte", "isDefault": True}},
             {"node": {"entityId": made[2]["option_values"][1]["id"], "label": "Gloss", "isDefault": False}},
         ]}},
    ]  # fmt: skip


def test_bad_arguments_of_fields_are_graphql_errors(sf: httpx.Client, store: Store) -> None:
    document = """
    query Bad($w: Int!, $limit: Int, $ids: [ID!]) {
      site {
        products(ids: $ids, first: 1) { edges { node { entityId } } }
        product(entityId: 78) { plainTextDescription(characterLimit: $limit) defaultImage { url(width: $w) } }
      }
    }"""
    visible = visible_ids(store)[0]
    fine = run(sf, document, "Bad", {"w": 10, "limit": 5, "ids": [encode_id("Product", visible)]})
    assert "errors" not in fine and [e["node"]["entityId"] for e in fine["data"]["site"]["products"]["edges"]] == [
        visible
    ]
    wrong_id = run(sf, document, "Bad", {"w": 10, "ids": [encode_id("Category", 1)]})
    assert wrong_id == {"data": None, "errors": [{
        "message": f"Invalid id: {encode_id('Category', 1)!r}", "locations": [{"line": 4, "column": 9}],
        "path": ["site", "products"], "extensions": {"code": "BAD_USER_INPUT"},
    }]}  # fmt: skip
    negative = run(sf, document, "Bad", {"w": 0, "limit": -1, "ids": []})
    assert negative["data"]["site"]["product"] is None
    assert [(e["message"], e["path"], e["extensions"]) for e in negative["errors"]] == [
        ("Argument 'characterLimit' must not be negative", ["site", "product", "plainTextDescription"],
         {"code": "BAD_USER_INPUT"}),
    ]  # fmt: skip


def test_a_page_of_the_listing_loads_only_that_page(
    sf: httpx.Client, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded: list[int] = []
    products = store.products
    original_in_order, original_get = Table.in_order, Table.get

    def in_order(self: Table[Any, Any], keys: Any) -> Any:
        keys = list(keys)
        if self is products:
            loaded.extend(keys)
        return original_in_order(self, keys)

    def get(self: Table[Any, Any], key: Any) -> Any:
        if self is products:
            loaded.append(key)
        return original_get(self, key)

    monkeypatch.setattr(Table, "in_order", in_order)
    monkeypatch.setattr(Table, "get", get)
    page = data(sf, LIST, "ProductList", {"first": 5, "after": encode_cursor(40)})["products"]
    assert _ids(page) == visible_ids(store)[41:46]
    assert sorted(loaded) == _ids(page)
    loaded.clear()
    # A sorted search reads what the keyword index found, not the store.
    found = data(sf, SEARCH_BY_TERM, "SearchByTerm")["search"]["searchProducts"]["products"]
    assert [e["node"]["entityId"] for e in found["edges"]] == [185, 223]
    assert set(loaded) == {185, 223}


SEARCH_BY_TERM = """
query SearchByTerm {
  site { search { searchProducts(filters: {searchTerm: "mugs"}, sort: A_TO_Z) {
    products(first: 2) { edges { node { entityId } } }
  } } }
}
"""


SMALL_INTS = st.integers(min_value=-(2**31), max_value=2**31 - 1) | st.sampled_from([78, 95, 101, 1, 2, 3, 5])
LOOKUPS = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=16) | st.builds(encode_id, st.sampled_from(["Product", "Variant", "Brand"]), SMALL_INTS.filter(lambda n: n > 0)),
        "entityId": SMALL_INTS,
        "variantEntityId": SMALL_INTS,
        "optionValueIds": st.lists(st.fixed_dictionaries({"optionEntityId": SMALL_INTS, "valueEntityId": SMALL_INTS}), max_size=3),
        "sku": st.text(max_size=12) | st.sampled_from(["GAR-PLT-006-IVY-LARGE", "APP-ACC-007"]),
        "useDefaults": st.booleans(),
    },
)  # fmt: skip


@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(variables=LOOKUPS)
def test_any_product_lookup_is_answered_without_an_internal_error(sf: httpx.Client, variables: dict[str, Any]) -> None:
    response = sf.post("/graphql", json={"query": DETAIL, "operationName": "ProductPage", "variables": variables})
    assert response.status_code == 200
    codes = {e["extensions"]["code"] for e in response.json().get("errors", [])}
    assert codes <= {"BAD_USER_INPUT"}, response.text
