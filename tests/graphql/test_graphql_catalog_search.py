"""The storefront's product search: the same keyword index as ``GET /v3/catalog/products?keyword=``,
filters, sorts, paging and facets."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_graphql_catalog import V3, data

from mockbc import Store
from mockbc.domain.products import Product, calculated_price
from mockbc.services import products as product_service

SEARCH = """
fragment Hit on Product { entityId name prices { price { value } } }
query Search($filters: SearchProductsFiltersInput!, $sort: SearchProductsSortInput, $first: Int, $after: String) {
  site {
    search {
      searchProducts(filters: $filters, sort: $sort) {
        products(first: $first, after: $after) {
          pageInfo { hasNextPage endCursor }
          collectionInfo { totalItems }
          edges { node { ...Hit } }
        }
      }
    }
  }
}
"""

FACETS = """
query Facets($filters: SearchProductsFiltersInput!) {
  site {
    search {
      searchProducts(filters: $filters) {
        filters {
          edges {
            node {
              __typename
              name
              displayName
              isCollapsedByDefault
              ... on CategorySearchFilter {
                displayProductCount
                categories(first: 50) { edges { node { entityId name isSelected productCount } } }
              }
              ... on BrandSearchFilter { brands(first: 50) { edges { node { entityId name isSelected productCount } } } }
              ... on PriceSearchFilter { selected { minPrice maxPrice } }
              ... on RatingSearchFilter { ratings { edges { node { value isSelected productCount } } } }
              ... on OtherSearchFilter {
                isFeatured { isSelected productCount }
                isInStock { isSelected productCount }
                freeShipping { isSelected productCount }
              }
            }
          }
        }
      }
    }
  }
}
"""


def search(sf: httpx.Client, filters: dict[str, Any], **variables: Any) -> dict[str, Any]:
    found: dict[str, Any] = data(sf, SEARCH, "Search", {"filters": filters, "first": 50, **variables})
    products: dict[str, Any] = found["search"]["searchProducts"]["products"]
    return products


def ids(products: dict[str, Any]) -> list[int]:
    return [edge["node"]["entityId"] for edge in products["edges"]]


def shown(store: Store) -> list[Product]:
    return [p for p in store.products.values() if p.is_visible]


def test_a_search_term_finds_what_the_rest_keyword_filter_finds(sf: httpx.Client, client: httpx.Client) -> None:
    rest = client.get(f"{V3}/catalog/products", params={"keyword": "glass mugs", "is_visible": "true"}).json()
    expected = sorted((p["id"], p["name"]) for p in rest["data"])
    found = search(sf, {"searchTerm": "glass mugs"}, sort="A_TO_Z")
    assert expected and ids(found) == [pid for pid, _ in sorted(expected, key=lambda p: p[1].casefold())]
    assert found["collectionInfo"] == {"totalItems": len(expected)}


def test_relevance_puts_names_first(sf: httpx.Client, client: httpx.Client) -> None:
    made = client.post(f"{V3}/catalog/products", json={
        "name": "Plain Tray", "type": "physical", "weight": 1, "price": 9, "is_visible": True,
        "description": "Pairs with our mug collection.",
    })  # fmt: skip
    assert made.status_code == 200, made.text
    found = ids(search(sf, {"searchTerm": "mug"}))
    assert found[-1] == made.json()["data"]["id"] and len(found) == 3


def test_nothing_matches_a_word_no_product_has(sf: httpx.Client) -> None:
    found = search(sf, {"searchTerm": "zzyzx"})
    assert found == {"pageInfo": {"hasNextPage": False, "endCursor": None}, "collectionInfo": {"totalItems": 0},
                     "edges": []}  # fmt: skip


def test_an_empty_search_lists_the_storefront_and_pages(sf: httpx.Client, store: Store) -> None:
    everything = [p.id for p in shown(store)]
    first = search(sf, {})
    assert ids(first) == everything[:50] and first["pageInfo"]["hasNextPage"] is True
    second = search(sf, {}, after=first["pageInfo"]["endCursor"])
    assert ids(second) == everything[50:100]


def test_filters_combine(sf: httpx.Client, store: Store) -> None:
    in_tops = {21, 22}
    tops = [p for p in shown(store) if in_tops & set(p.categories)]
    assert ids(search(sf, {"categoryEntityId": 20, "searchSubCategories": True})) == [p.id for p in tops]
    assert ids(search(sf, {"categoryEntityId": 20})) == []
    assert ids(search(sf, {"categoryEntityIds": [21, 22]})) == [p.id for p in tops]
    both = search(sf, {"categoryIdsFilter": {"entityIds": [21, 41], "matchBehavior": "AND"}})
    assert ids(both) == [p.id for p in shown(store) if {21, 41} <= set(p.categories)]
    brand = [p.id for p in shown(store) if p.brand_id in (1, 2)]
    assert ids(search(sf, {"brandEntityIds": [1, 2]}, first=50)) == brand[:50]
    priced = [p.id for p in shown(store) if 20 <= calculated_price(p) <= 40]
    assert ids(search(sf, {"price": {"minPrice": 20, "maxPrice": 40}}, first=50)) == priced[:50]
    rated = [p.id for p in shown(store) if p.reviews_count and p.reviews_rating_sum / p.reviews_count >= 4.5]
    assert ids(search(sf, {"rating": {"minRating": 4.5}})) == rated[:50]
    featured = [p.id for p in shown(store) if p.is_featured]
    assert ids(search(sf, {"isFeatured": True})) == featured
    product_service.update(store, featured[0], {"inventory_tracking": "product", "inventory_level": 0})
    assert ids(search(sf, {"isFeatured": True, "hideOutOfStock": True})) == featured[1:]


@pytest.mark.parametrize(
    ("sort", "key", "descending"),
    [
        ("A_TO_Z", lambda p: p.name.casefold(), False),
        ("Z_TO_A", lambda p: p.name.casefold(), True),
        ("LOWEST_PRICE", calculated_price, False),
        ("HIGHEST_PRICE", calculated_price, True),
        ("NEWEST", lambda p: p.date_created, True),
        ("BEST_SELLING", lambda p: p.total_sold, True),
        ("FEATURED", lambda p: (not p.is_featured, p.sort_order), False),
    ],
)
def test_sorts(sf: httpx.Client, store: Store, sort: str, key: Any, descending: bool) -> None:
    expected = sorted(shown(store), key=key, reverse=descending)
    first = search(sf, {}, sort=sort, first=50)
    second = search(sf, {}, sort=sort, first=50, after=first["pageInfo"]["endCursor"])
    assert ids(first) + ids(second) == [p.id for p in expected[:100]]


def test_facets_count_what_was_found(sf: httpx.Client, store: Store) -> None:
    found = [p for p in shown(store) if 23 in p.categories]
    facets = data(sf, FACETS, "Facets", {"filters": {"categoryEntityId": 23, "brandEntityIds": [3]}})
    nodes = [edge["node"] for edge in facets["search"]["searchProducts"]["filters"]["edges"]]
    assert [n["__typename"] for n in nodes] == [
        "CategorySearchFilter", "BrandSearchFilter", "PriceSearchFilter", "RatingSearchFilter", "OtherSearchFilter",
    ]  # fmt: skip
    hits = [p for p in found if p.brand_id == 3]
    categories = {e["node"]["entityId"]: e["node"] for e in nodes[0]["categories"]["edges"]}
    assert categories[23] == {"entityId": 23, "name": "Accessories", "isSelected": True, "productCount": len(hits)}
    assert categories[18]["isSelected"] is False and categories[18]["productCount"] == len(hits)
    assert [e["node"] for e in nodes[1]["brands"]["edges"]] == [
        {"entityId": 3, "name": store.brands.require(3).name, "isSelected": True, "productCount": len(hits)}
    ]
    assert nodes[2] == {"__typename": "PriceSearchFilter", "name": "Price", "displayName": "Price",
                        "isCollapsedByDefault": False, "selected": None}  # fmt: skip
    ratings = [e["node"] for e in nodes[3]["ratings"]["edges"]]
    average = [p.reviews_rating_sum / p.reviews_count if p.reviews_count else 0 for p in hits]
    assert [(r["value"], r["productCount"]) for r in ratings] == [
        (str(n), sum(1 for a in average if a >= n)) for n in (5, 4, 3, 2, 1)
    ]
    assert nodes[4]["isFeatured"] == {"isSelected": False, "productCount": sum(p.is_featured for p in hits)}
    assert nodes[4]["isInStock"]["productCount"] == sum(
        1 for p in hits if p.inventory_tracking == "none" or p.inventory_level > 0
    )


def test_a_price_facet_shows_the_selection(sf: httpx.Client) -> None:
    facets = data(sf, FACETS, "Facets", {"filters": {"searchTerm": "zzyzx", "price": {"minPrice": 5}}})
    nodes = [edge["node"] for edge in facets["search"]["searchProducts"]["filters"]["edges"]]
    assert [n["__typename"] for n in nodes] == ["PriceSearchFilter", "RatingSearchFilter", "OtherSearchFilter"]
    assert nodes[0]["selected"] == {"minPrice": 5, "maxPrice": None}


INTS = st.integers(min_value=-(2**31), max_value=2**31 - 1)
FLOATS = st.floats(allow_nan=False, allow_infinity=False, width=32)
FILTERS = st.fixed_dictionaries(
    {},
    optional={
        "searchTerm": st.text(max_size=20),
        "categoryEntityId": INTS | st.sampled_from([18, 20, 44]),
        "categoryEntityIds": st.lists(INTS | st.sampled_from([21, 41]), max_size=3),
        "searchSubCategories": st.booleans(),
        "brandEntityIds": st.lists(INTS | st.sampled_from([1, 3]), max_size=3),
        "price": st.fixed_dictionaries({}, optional={"minPrice": FLOATS | st.none(), "maxPrice": FLOATS | st.none()}),
        "rating": st.fixed_dictionaries({}, optional={"minRating": FLOATS, "maxRating": FLOATS}),
        "isFeatured": st.booleans(),
        "isFreeShipping": st.booleans(),
        "hideOutOfStock": st.booleans(),
        "categoryIdsFilter": st.fixed_dictionaries(
            {"entityIds": st.lists(INTS | st.sampled_from([21, 41]), max_size=3)},
            optional={"matchBehavior": st.sampled_from(["AND", "OR"])},
        ),
    },
)
SORT_NAMES = st.none() | st.sampled_from(
    ["A_TO_Z", "BEST_REVIEWED", "BEST_SELLING", "FEATURED", "HIGHEST_PRICE", "LOWEST_PRICE", "NEWEST", "RELEVANCE",
     "Z_TO_A"]
)  # fmt: skip


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filters=FILTERS, sort=SORT_NAMES, first=st.none() | st.integers(min_value=-2, max_value=60))
def test_any_search_is_answered_without_an_internal_error(
    sf: httpx.Client, filters: dict[str, Any], sort: str | None, first: int | None
) -> None:
    for document, name in ((SEARCH, "Search"), (FACETS, "Facets")):
        response = sf.post("/graphql", json={
            "query": document, "operationName": name, "variables": {"filters": filters, "sort": sort, "first": first},
        })  # fmt: skip
        assert response.status_code == 200
        codes = {e["extensions"]["code"] for e in response.json().get("errors", [])}
        assert codes <= {"BAD_USER_INPUT"}, response.text
