"""Category trees, category pages, brands and routes on the storefront, from the trees, categories and
brands the REST APIs write."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from starlette.applications import Starlette
from test_graphql_catalog import V3, data, run

from mockbc import Store
from mockbc.domain.categories import Category
from mockbc.http.inprocess import InProcessTransport
from mockbc.presentation.storefront_graphql.ids import encode_id
from mockbc.services import products as product_service

TREE = """
fragment Item on CategoryTreeItem { entityId name path productCount hasChildren image { urlOriginal } }
query Menu($root: Int) {
  site {
    categoryTree(rootEntityId: $root) {
      ...Item
      children { ...Item children { ...Item children { entityId } } }
    }
  }
}
"""


def _shown(store: Store, category_id: int) -> int:
    return sum(1 for p in store.products.many(store.products.lookup("categories", category_id)) if p.is_visible)


def _item(store: Store, category: Category) -> dict[str, Any]:
    children = sorted(
        (c for c in store.categories.values() if c.parent_id == category.id and c.is_visible),
        key=lambda c: (c.sort_order, c.name.casefold()),
    )
    return {
        "entityId": category.id, "name": category.name, "path": category.custom_url.url,
        "productCount": _shown(store, category.id), "hasChildren": bool(children),
        "image": {"urlOriginal": category.image_url} if category.image_url else None,
        "_children": children,
    }  # fmt: skip


def _expected_tree(store: Store, categories: list[Category], depth: int = 1) -> list[dict[str, Any]]:
    out = []
    for category in categories:
        if depth > 3:  # the query asks for the ids alone at the fourth level
            out.append({"entityId": category.id})
            continue
        item = _item(store, category)
        item["children"] = _expected_tree(store, item.pop("_children"), depth + 1)
        out.append(item)
    return out


def test_the_category_tree_of_the_channel(sf: httpx.Client, store: Store) -> None:
    tops = sorted(
        (c for c in store.categories.values() if c.parent_id == 0 and c.tree_id == 1 and c.is_visible),
        key=lambda c: (c.sort_order, c.name.casefold()),
    )
    tree = data(sf, TREE, "Menu")["categoryTree"]
    assert tree == _expected_tree(store, tops)
    assert 44 not in [item["entityId"] for item in tree]  # the hidden Archive
    apparel = data(sf, TREE, "Menu", {"root": 19})["categoryTree"]
    assert apparel == _expected_tree(store, [store.categories.require(19)])
    assert [c["name"] for c in apparel[0]["children"]] == ["Tops", "Accessories"]
    assert data(sf, TREE, "Menu", {"root": 44})["categoryTree"] == []
    assert data(sf, TREE, "Menu", {"root": 999_999})["categoryTree"] == []


def test_another_channel_sees_its_own_tree_and_products(
    app: Starlette, store: Store, sf: httpx.Client, client: httpx.Client, issue: Callable[..., str]
) -> None:
    response = client.put(f"{V3}/catalog/trees", json=[{"name": "Wholesale", "channels": [2]}])
    assert response.status_code == 200, response.text
    tree_id = response.json()["data"][0]["id"]
    made = client.post(f"{V3}/catalog/trees/categories", json=[{"tree_id": tree_id, "name": "Bulk Buys"}])
    assert made.status_code in (200, 201), made.text
    bulk_id = made.json()["data"][0]["category_id"]
    with httpx.Client(
        transport=InProcessTransport(app),
        base_url=f"http://store-{store.store_hash}-2.mybigcommerce.test",
        headers={"Authorization": f"Bearer {issue(channel_id=2)}"},
    ) as channel_two:
        assert data(channel_two, LISTING, "Listing")["products"] == {"edges": []}
        assigned = client.put(f"{V3}/catalog/products/channel-assignments", json=[{"product_id": 78, "channel_id": 2}])
        assert assigned.status_code == 204
        assert data(channel_two, LISTING, "Listing")["products"] == {"edges": [{"node": {"entityId": 78}}]}
        tree = data(channel_two, TREE, "Menu")["categoryTree"]
        assert [item["entityId"] for item in tree] == [bulk_id]
        assert data(channel_two, CATEGORY, "CategoryPage", {"e": 19}) == {"category": None}
    assert 78 in [e["node"]["entityId"] for e in data(sf, LISTING, "Listing")["products"]["edges"]]


LISTING = "query Listing { site { products(first: 50) { edges { node { entityId } } } } }"


CATEGORY = """
fragment Crumb on Breadcrumb { entityId name path }
query CategoryPage($e: Int!, $sort: CategoryProductSort, $first: Int, $after: String) {
  site {
    category(entityId: $e) {
      id entityId name path description defaultProductSort
      seo { pageTitle metaDescription metaKeywords }
      defaultImage { urlOriginal altText }
      breadcrumbs(depth: 10) { edges { node { ...Crumb } } }
      products(sortBy: $sort, first: $first, after: $after) {
        pageInfo { hasNextPage endCursor }
        collectionInfo { totalItems }
        edges { node { entityId name prices { price { value } } } }
      }
    }
  }
}
"""


def test_a_category_page_with_breadcrumbs_and_sorted_products(sf: httpx.Client, store: Store) -> None:
    category = store.categories.require(21)
    page = data(sf, CATEGORY, "CategoryPage", {"e": 21, "sort": "A_TO_Z", "first": 4})["category"]
    products = sorted(
        (p for p in store.products.many(store.products.lookup("categories", 21)) if p.is_visible),
        key=lambda p: p.name.casefold(),
    )
    assert page["id"] == encode_id("Category", 21) and page["name"] == category.name
    assert page["path"] == "/apparel/tops/t-shirts/" and page["defaultProductSort"] == "DEFAULT"
    assert [e["node"] for e in page["breadcrumbs"]["edges"]] == [
        {"entityId": 19, "name": "Apparel", "path": "/apparel/"},
        {"entityId": 20, "name": "Tops", "path": "/apparel/tops/"},
        {"entityId": 21, "name": "T-Shirts", "path": "/apparel/tops/t-shirts/"},
    ]
    assert [e["node"]["entityId"] for e in page["products"]["edges"]] == [p.id for p in products[:4]]
    assert page["products"]["collectionInfo"] == {"totalItems": len(products)}
    rest = data(
        sf, CATEGORY, "CategoryPage", {"e": 21, "sort": "A_TO_Z", "after": page["products"]["pageInfo"]["endCursor"]}
    )
    assert [e["node"]["entityId"] for e in rest["category"]["products"]["edges"]] == [p.id for p in products[4:]]
    highest = data(sf, CATEGORY, "CategoryPage", {"e": 21, "sort": "HIGHEST_PRICE"})["category"]["products"]
    values = [e["node"]["prices"]["price"]["value"] for e in highest["edges"]]
    assert values == sorted(values, reverse=True)


def test_a_category_follows_the_sort_order_api(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    members = sorted(p.id for p in store.products.many(store.products.lookup("categories", 25)) if p.is_visible)
    chosen = [{"product_id": members[-1], "sort_order": 0}, {"product_id": members[-2], "sort_order": 1}]
    response = client.put(f"{V3}/catalog/categories/25/products/sort-order", json=chosen)
    assert response.status_code == 200, response.text
    page = data(sf, CATEGORY, "CategoryPage", {"e": 25})["category"]["products"]
    assert [e["node"]["entityId"] for e in page["edges"]] == [members[-1], members[-2], *members[:-2]]


def test_a_category_image_seo_and_hidden_ones(sf: httpx.Client, client: httpx.Client) -> None:
    change = [{"category_id": 30, "image_url": "https://cdn.example.com/lamps.jpg", "page_title": "Lamps",
               "meta_keywords": ["lamp", "light"], "meta_description": "Light up", "default_product_sort": "newest"}]  # fmt: skip
    assert client.put(f"{V3}/catalog/trees/categories", json=change).status_code == 200
    page = data(sf, CATEGORY, "CategoryPage", {"e": 30})["category"]
    assert page["seo"] == {"pageTitle": "Lamps", "metaDescription": "Light up", "metaKeywords": "lamp,light"}
    assert page["defaultImage"] == {"urlOriginal": "https://cdn.example.com/lamps.jpg", "altText": "Lighting"}
    assert page["defaultProductSort"] == "NEWEST"
    assert data(sf, CATEGORY, "CategoryPage", {"e": 44}) == {"category": None}
    assert data(sf, CATEGORY, "CategoryPage", {"e": 999_999}) == {"category": None}


BRANDS = """
query Brands($first: Int, $after: String, $ids: [Int!], $products: [Int!]) {
  site {
    brands(first: $first, after: $after, entityIds: $ids, productEntityIds: $products) {
      pageInfo { hasNextPage endCursor }
      edges { node { entityId name path defaultImage { urlOriginal } products(first: 2) { collectionInfo { totalItems } } } }
    }
  }
}
"""


def test_brands(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    brands = list(store.brands.values())
    page = data(sf, BRANDS, "Brands", {"first": 5})["brands"]
    assert [e["node"]["entityId"] for e in page["edges"]] == [b.id for b in brands[:5]]
    assert page["pageInfo"]["hasNextPage"] is True
    rest = data(sf, BRANDS, "Brands", {"first": 50, "after": page["pageInfo"]["endCursor"]})["brands"]
    assert [e["node"]["entityId"] for e in rest["edges"]] == [b.id for b in brands[5:]]
    first = page["edges"][0]["node"]
    shown = [p for p in store.products.many(store.products.lookup("brand_id", brands[0].id)) if p.is_visible]
    assert first["products"] == {"collectionInfo": {"totalItems": len(shown)}}
    assert first["path"] == brands[0].custom_url.url and first["defaultImage"] is None
    chosen = data(sf, BRANDS, "Brands", {"ids": [3, 1, 999]})["brands"]
    assert [e["node"]["entityId"] for e in chosen["edges"]] == [1, 3]
    of_product = data(sf, BRANDS, "Brands", {"products": [78]})["brands"]
    assert [e["node"]["entityId"] for e in of_product["edges"]] == [store.products.require(78).brand_id]
    product_service.update(store, 78, {"is_visible": False})
    assert data(sf, BRANDS, "Brands", {"products": [78]})["brands"]["edges"] == []


ROUTE = """
query Route($path: String!) {
  site {
    route(path: $path) {
      node {
        __typename
        id
        ... on Product { entityId name }
        ... on Category { entityId name }
        ... on Brand { entityId name }
      }
    }
  }
}
"""


def test_a_route_resolves_products_categories_and_brands(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    product = store.products.require(78)
    brand = store.brands.require(1)

    def node(path: str) -> Any:
        return data(sf, ROUTE, "Route", {"path": path})["route"]["node"]

    assert node("/packable-bucket-hat/") == {
        "__typename": "Product", "id": encode_id("Product", 78), "entityId": 78, "name": product.name,
    }  # fmt: skip
    assert node("/packable-bucket-hat") == node("/packable-bucket-hat/")
    assert node("/apparel/tops/") == {"__typename": "Category", "id": encode_id("Category", 20), "entityId": 20,
                                      "name": "Tops"}  # fmt: skip
    assert node(brand.custom_url.url) == {"__typename": "Brand", "id": encode_id("Brand", 1), "entityId": 1,
                                          "name": brand.name}  # fmt: skip
    assert node("/archive/") is None and node("/no-such-page/") is None and node("") is None
    changed = client.put(
        f"{V3}/catalog/products/78", json={"custom_url": {"url": "/hats/bucket/", "is_customized": True}}
    )
    assert changed.status_code == 200, changed.text
    assert node("/hats/bucket/")["entityId"] == 78 and node("/packable-bucket-hat/") is None


NODES = """
query Nodes($a: ID!, $b: ID!, $c: ID!) {
  a: node(id: $a) { __typename id ... on Category { name } }
  b: node(id: $b) { __typename id ... on Brand { name } }
  c: node(id: $c) { __typename id }
}
"""


def test_nodes_of_each_type(sf: httpx.Client, store: Store) -> None:
    ids = {"a": encode_id("Category", 20), "b": encode_id("Brand", 2), "c": encode_id("Category", 44)}
    body = run(sf, NODES, "Nodes", ids)
    assert body == {"data": {
        "a": {"__typename": "Category", "id": ids["a"], "name": "Tops"},
        "b": {"__typename": "Brand", "id": ids["b"], "name": store.brands.require(2).name},
        "c": None,
    }}  # fmt: skip
    bad = run(sf, NODES, "Nodes", {**ids, "c": encode_id("Widget", 1)})
    assert bad["data"]["c"] is None
    assert [(e["message"], e["path"], e["extensions"]) for e in bad["errors"]] == [
        (f"Invalid id: {encode_id('Widget', 1)!r}", ["c"], {"code": "BAD_USER_INPUT"})
    ]


OWNED = """
fragment Fields on MetafieldConnection { edges { node { key value } } }
query Owned($v: ID!) {
  site {
    category(entityId: 21) { metafields(namespace: "sf") { ...Fields } }
    brand(entityId: 2) { metafields(namespace: "sf", keys: ["b"]) { ...Fields } }
  }
  node(id: $v) { ... on Variant { metafields(namespace: "sf") { ...Fields } } }
}
"""


def test_metafields_of_categories_brands_and_variants(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    variant = min(store.variants.lookup("product_id", 95))
    owners = {
        "category": f"{V3}/catalog/categories/21/metafields",
        "brand": f"{V3}/catalog/brands/2/metafields",
        "variant": f"{V3}/catalog/products/95/variants/{variant}/metafields",
    }
    for owner, url in owners.items():
        for key, permission in (("a", "read_and_sf_access"), ("b", "write_and_sf_access"), ("c", "app_only")):
            made = {"namespace": "sf", "key": key, "value": f"{owner}-{key}", "permission_set": permission}
            assert client.post(url, json=made).status_code == 200
    assert run(sf, OWNED, "Owned", {"v": encode_id("Variant", variant)}) == {"data": {
        "site": {
            "category": {"metafields": {"edges": [{"node": {"key": "a", "value": "category-a"}},
                                                  {"node": {"key": "b", "value": "category-b"}}]}},
            "brand": {"metafields": {"edges": [{"node": {"key": "b", "value": "brand-b"}}]}},
        },
        "node": {"metafields": {"edges": [{"node": {"key": "a", "value": "variant-a"}},
                                          {"node": {"key": "b", "value": "variant-b"}}]}},
    }}  # fmt: skip


def test_prices_in_another_currency_and_related_products(sf: httpx.Client, store: Store) -> None:
    product_service.update(store, 78, {"related_products": (79, 80, 999_999)})
    product_service.update(store, 80, {"is_visible": False})
    document = """
    query Related { site { product(entityId: 78) {
      usd: prices(currencyCode: USD) { price { value } }
      eur: prices(currencyCode: EUR) { price { value } }
      relatedProducts { edges { node { entityId } } }
    } } }"""
    product = data(sf, document, "Related")["product"]
    assert product == {
        "usd": {"price": {"value": store.products.require(78).price}}, "eur": None,
        "relatedProducts": {"edges": [{"node": {"entityId": 79}}]},
    }  # fmt: skip


STOCKED = """
fragment Ids on ProductConnection { collectionInfo { totalItems } edges { node { entityId } } }
query Stocked($hide: Boolean) {
  site {
    newestProducts(first: 50, hideOutOfStock: $hide) { ...Ids }
    bestSellingProducts(first: 50, hideOutOfStock: $hide) { ...Ids }
    featuredProducts(first: 50, hideOutOfStock: $hide) { ...Ids }
    category(entityId: 23) { products(first: 50, hideOutOfStock: $hide) { ...Ids } }
    brand(entityId: 3) { products(first: 50, hideOutOfStock: $hide) { ...Ids } }
  }
}
"""


def test_every_list_can_hide_what_is_out_of_stock(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    body = {
        "name": "Sold Out Cap", "type": "physical", "weight": 1, "price": 20, "is_visible": True, "is_featured": True,
        "categories": [23], "brand_id": 3, "inventory_tracking": "product", "inventory_level": 0,
    }  # fmt: skip
    created = client.post(f"{V3}/catalog/products", json=body)
    assert created.status_code == 200, created.text
    target = created.json()["data"]["id"]
    product_service.update(store, target, {"total_sold": 10**6})

    def lists(hide: bool) -> dict[str, list[int]]:
        site = data(sf, STOCKED, "Stocked", {"hide": hide})
        found = {name: site[name] for name in ("newestProducts", "bestSellingProducts", "featuredProducts")}
        found["category"], found["brand"] = site["category"]["products"], site["brand"]["products"]
        return {name: [e["node"]["entityId"] for e in page["edges"]] for name, page in found.items()}

    shown, hidden = lists(False), lists(True)
    assert shown["newestProducts"][0] == target and shown["bestSellingProducts"][0] == target
    for name in shown:
        assert target in shown[name], name
        stocked = [store.products.require(i) for i in shown[name]]
        rest = [p.id for p in stocked if p.inventory_tracking == "none" or p.inventory_level > 0]
        assert hidden[name][: len(rest)] == rest and target not in hidden[name], name
