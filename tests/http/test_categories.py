"""v3 Catalog categories (deprecated API) through the HTTP pipeline, on the demo store.

Demo tree 1: 27 categories, ids 18-44. Top level: 18 Shop All, 19 Apparel, 24 Kitchen,
28 Home, 32 Garden, 35 Electronics, 38 Digital Downloads, 41 Sale, 42 Gifts, 44 Archive
(hidden, no products). 19 > 20 Tops > 21 T-Shirts / 22 Hoodies; 19 > 23 Accessories;
24 > 25 Cookware / 26 Utensils & Tools / 27 Tableware. Every category but 44 holds
products directly or through its subcategories.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from mockbc.domain.categories import Category, CategoryTree
from mockbc.domain.records import CustomUrl

try:
    from conftest import V3
except ImportError:  # pragma: no cover - conftest not importable as a module
    V3 = "/stores/mockbc0001/v3"

CATEGORIES = f"{V3}/catalog/categories"
ERROR_TYPE = "/api-docs/getting-started/api-status-codes"
ALL_IDS = list(range(18, 45))


def snapshot(store: Any) -> tuple[list[Any], list[Any], list[Any]]:
    return list(store.categories.values()), list(store.trees.values()), list(store.products.values())


def ids(response: Any) -> list[int]:
    return [item["id"] for item in response.json()["data"]]


def create(client: Any, **body: Any) -> dict[str, Any]:
    response = client.post(CATEGORIES, json=body)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def chain(client: Any, parent_id: int, levels: int, prefix: str = "Level") -> list[int]:
    """``levels`` nested categories under ``parent_id``; returns their ids, top first."""
    made = []
    for n in range(levels):
        parent_id = create(client, parent_id=parent_id, name=f"{prefix} {n}")["id"]
        made.append(parent_id)
    return made


def add_tree_2(store: Any) -> None:
    store.trees.put(2, CategoryTree(id=2, name="Wholesale", channels=(2,)))
    store.categories.put(900, Category(id=900, tree_id=2, parent_id=0, name="Bulk", custom_url=CustomUrl(url="/bulk/")))


# --------------------------------------------------------------------------- getCategories


def test_getCategories_default_returns_all_with_pagination_meta(client):
    response = client.get(CATEGORIES)
    assert response.status_code == 200
    assert ids(response) == ALL_IDS
    assert response.json()["meta"] == {
        "pagination": {
            "total": 27, "count": 27, "per_page": 50, "current_page": 1, "total_pages": 1,
            "links": {"current": "?page=1&limit=50"},
        }
    }  # fmt: skip


def test_getCategories_record_has_v3_fields(client):
    response = client.get(CATEGORIES, params={"id": 25})
    assert response.json()["data"] == [
        {
            "id": 25, "parent_id": 24, "name": "Cookware",
            "description": "<p>Pans, pots and bakeware built to last.</p>", "views": 419, "sort_order": 0,
            "page_title": "", "meta_keywords": [], "meta_description": "", "layout_file": "category.html",
            "image_url": "", "is_visible": True, "search_keywords": "", "default_product_sort": "use_store_settings",
            "custom_url": {"url": "/kitchen/cookware/", "is_customized": False},
        }
    ]  # fmt: skip


def test_getCategories_page_and_limit_returns_middle_page_with_links(client):
    response = client.get(CATEGORIES, params={"limit": 10, "page": 2})
    assert ids(response) == list(range(28, 38))
    assert response.json()["meta"]["pagination"] == {
        "total": 27, "count": 10, "per_page": 10, "current_page": 2, "total_pages": 3,
        "links": {"previous": "?page=1&limit=10", "current": "?page=2&limit=10", "next": "?page=3&limit=10"},
    }  # fmt: skip


def test_getCategories_limit_above_max_returns_413(client):
    response = client.get(CATEGORIES, params={"limit": 251})
    assert response.status_code == 413
    assert response.json() == {
        "status": 413, "title": "The limit is too high. The maximum limit is 250.", "type": ERROR_TYPE,
        "errors": {"limit": "must be at most 250"},
    }  # fmt: skip


def test_getCategories_links_keep_filters(client):
    response = client.get(CATEGORIES, params={"is_visible": "true", "limit": 1})
    assert response.json()["meta"]["pagination"]["links"] == {
        "current": "?is_visible=true&page=1&limit=1",
        "next": "?is_visible=true&page=2&limit=1",
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"id": 25}, [25]),
        ({"id:in": "25,19,99"}, [19, 25]),
        ({"id:not_in": ",".join(map(str, range(18, 39)))}, [39, 40, 41, 42, 43, 44]),
        ({"id:min": 42}, [42, 43, 44]),
        ({"id:max": 19}, [18, 19]),
        ({"id:greater": 40}, [41, 42, 43, 44]),
        ({"id:less": 20}, [18, 19]),
    ],
    ids=["id", "id:in", "id:not_in", "id:min", "id:max", "id:greater", "id:less"],
)
def test_getCategories_id_filter_returns_matches(client, params, expected):
    assert ids(client.get(CATEGORIES, params=params)) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"parent_id": 24}, [25, 26, 27]),
        ({"parent_id:in": "19,20"}, [20, 21, 22, 23]),
        ({"parent_id:min": 30}, [33, 34, 36, 37, 39, 40, 43]),
        ({"parent_id:max": 0}, [18, 19, 24, 28, 32, 35, 38, 41, 42, 44]),
        ({"parent_id:greater": 35}, [39, 40, 43]),
        ({"parent_id:less": 20}, [18, 19, 20, 23, 24, 28, 32, 35, 38, 41, 42, 44]),
    ],
    ids=["parent_id", "parent_id:in", "parent_id:min", "parent_id:max", "parent_id:greater", "parent_id:less"],
)
def test_getCategories_parent_id_filter_returns_matches(client, params, expected):
    assert ids(client.get(CATEGORIES, params=params)) == expected


def test_getCategories_name_filter_matches_exact_name(client):
    assert ids(client.get(CATEGORIES, params={"name": "Kitchen"})) == [24]


def test_getCategories_name_filter_on_a_part_returns_nothing(client):
    assert ids(client.get(CATEGORIES, params={"name": "Kitch"})) == []


def test_getCategories_name_like_matches_substring_case_insensitively(client):
    assert ids(client.get(CATEGORIES, params={"name:like": "WARE"})) == [25, 27]


def test_getCategories_page_title_filter_matches_exact_title(client):
    client.put(f"{CATEGORIES}/25", json={"page_title": "Pots and Pans"})
    client.put(f"{CATEGORIES}/27", json={"page_title": "Plates"})
    assert ids(client.get(CATEGORIES, params={"page_title": "Pots and Pans"})) == [25]


def test_getCategories_page_title_like_matches_substring(client):
    client.put(f"{CATEGORIES}/25", json={"page_title": "Pots and Pans"})
    client.put(f"{CATEGORIES}/27", json={"page_title": "Plates and pans"})
    client.put(f"{CATEGORIES}/26", json={"page_title": "Spoons"})
    assert ids(client.get(CATEGORIES, params={"page_title:like": "PANS"})) == [25, 27]


def test_getCategories_keyword_matches_name_or_description(client):
    # "tools" is in the names of 26 and 34 and in the descriptions of 24, 26, 32 and 34.
    assert ids(client.get(CATEGORIES, params={"keyword": "Tools"})) == [24, 26, 32, 34]


def test_getCategories_keyword_matches_search_keywords(client):
    client.put(f"{CATEGORIES}/41", json={"search_keywords": "clearance,discount"})
    assert ids(client.get(CATEGORIES, params={"keyword": "clearance"})) == [41]


def test_getCategories_is_visible_false_returns_hidden_categories(client):
    assert ids(client.get(CATEGORIES, params={"is_visible": "false"})) == [44]


def test_getCategories_filters_combine_with_and(client):
    assert ids(client.get(CATEGORIES, params={"parent_id": 0, "id:min": 40})) == [41, 42, 44]


def test_getCategories_sort_name_orders_alphabetically(client):
    response = client.get(CATEGORIES, params={"sort": "name", "limit": 5})
    assert [c["name"] for c in response.json()["data"]] == [
        "Accessories",
        "Apparel",
        "Archive",
        "Audio",
        "Chargers & Cables",
    ]


def test_getCategories_sort_name_direction_desc_reverses(client):
    response = client.get(CATEGORIES, params={"sort": "name", "direction": "desc", "limit": 3})
    assert [c["name"] for c in response.json()["data"]] == ["Utensils & Tools", "Tops", "Tableware"]


def test_getCategories_sort_sort_order_keeps_id_order_for_ties(client):
    response = client.get(CATEGORIES, params={"sort": "sort_order", "limit": 9})
    assert ids(response) == [18, 20, 21, 25, 29, 33, 36, 39, 43]


def test_getCategories_sort_parent_id_desc_puts_deepest_parents_first(client):
    response = client.get(CATEGORIES, params={"sort": "parent_id", "direction": "desc", "limit": 5})
    assert ids(response) == [43, 39, 40, 36, 37]


def test_getCategories_sort_id_desc_reverses_id_order(client):
    assert ids(client.get(CATEGORIES, params={"sort": "id", "direction": "desc"})) == ALL_IDS[::-1]


def test_getCategories_direction_desc_without_sort_reverses_id_order(client):
    assert ids(client.get(CATEGORIES, params={"direction": "desc", "limit": 2})) == [44, 43]


def test_getCategories_undocumented_sort_is_ignored(client, store):
    response = client.get(CATEGORIES, params={"sort": "views"})
    assert response.status_code == 200
    ids = [c["id"] for c in response.json()["data"]]
    assert ids == sorted(ids)


def test_getCategories_bad_filter_value_returns_422(client, store):
    before = snapshot(store)
    response = client.get(CATEGORIES, params={"id:in": "abc"})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The filter(s) given are invalid.", "type": ERROR_TYPE,
        "errors": {"id:in": "'abc' is not an integer"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_getCategories_include_fields_keeps_id_and_named_fields(client):
    response = client.get(CATEGORIES, params={"id": 25, "include_fields": "name,parent_id"})
    assert response.json()["data"] == [{"id": 25, "parent_id": 24, "name": "Cookware"}]


def test_getCategories_exclude_fields_drops_named_fields_but_not_id(client):
    response = client.get(CATEGORIES, params={"id": 25, "exclude_fields": "id,description,custom_url"})
    record = response.json()["data"][0]
    assert record["id"] == 25
    assert "description" not in record and "custom_url" not in record and "name" in record


def test_getCategories_categories_of_other_trees_are_not_listed(client, store):
    add_tree_2(store)
    response = client.get(CATEGORIES, params={"id:in": "18,900"})
    assert ids(response) == [18]


def test_getCategories_read_only_scope_returns_200(scoped_client):
    reader = scoped_client(["store_v2_products_read_only"])
    assert reader.get(CATEGORIES).status_code == 200


def test_getCategories_without_token_returns_401(client, store):
    before = snapshot(store)
    response = client.get(CATEGORIES, headers={"X-Auth-Token": "not-a-token"})
    assert response.status_code == 401
    assert response.json() == {
        "status": 401,
        "title": "Unauthorized - the v3 Auth client ID or token in the request are not a valid "
        "combination for this store.",
        "type": ERROR_TYPE,
    }
    assert snapshot(store) == before


def test_getCategories_other_scope_returns_403(scoped_client, store):
    outsider = scoped_client(["store_v2_orders"])
    before = snapshot(store)
    response = outsider.get(CATEGORIES)
    assert response.status_code == 403
    assert response.json() == {
        "status": 403,
        "title": "Missing scope - the v3 Auth token is valid but does not have proper permissions "
        "to access this endpoint.",
        "type": ERROR_TYPE,
    }
    assert snapshot(store) == before


# --------------------------------------------------------------------------- getCategory


def test_getCategory_known_id_returns_category(client):
    response = client.get(f"{CATEGORIES}/44")
    assert response.status_code == 200
    body = response.json()
    assert body["meta"] == {}
    assert body["data"]["name"] == "Archive" and body["data"]["is_visible"] is False


def test_getCategory_include_fields_selects_fields(client):
    response = client.get(f"{CATEGORIES}/44", params={"include_fields": "name"})
    assert response.json() == {"data": {"id": 44, "name": "Archive"}, "meta": {}}


def test_getCategory_unknown_id_returns_404(client, store):
    before = snapshot(store)
    response = client.get(f"{CATEGORIES}/999")
    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested category was not found.", "type": ERROR_TYPE}
    assert snapshot(store) == before


def test_getCategory_category_of_other_tree_returns_404(client, store):
    add_tree_2(store)
    before = snapshot(store)
    response = client.get(f"{CATEGORIES}/900")
    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested category was not found.", "type": ERROR_TYPE}
    assert snapshot(store) == before


def test_getCategory_read_only_scope_returns_200(scoped_client):
    assert scoped_client(["store_v2_products_read_only"]).get(f"{CATEGORIES}/18").status_code == 200


# --------------------------------------------------------------------------- createCategory


def test_createCategory_top_level_returns_200_with_defaults(client, store):
    response = client.post(CATEGORIES, json={"parent_id": 0, "name": "Outdoor Living"})
    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "id": 45, "parent_id": 0, "name": "Outdoor Living", "description": "", "views": 0, "sort_order": 0,
            "page_title": "", "meta_keywords": [], "meta_description": "", "layout_file": "", "image_url": "",
            "is_visible": True, "search_keywords": "", "default_product_sort": "use_store_settings",
            "custom_url": {"url": "/outdoor-living/", "is_customized": False},
        },
        "meta": {},
    }  # fmt: skip
    assert store.categories.get(45).tree_id == 1


def test_createCategory_child_gets_url_from_ancestry(client):
    data = create(client, parent_id=25, name="Dutch Ovens")
    assert data["parent_id"] == 25
    assert data["custom_url"] == {"url": "/kitchen/cookware/dutch-ovens/", "is_customized": False}


def test_createCategory_url_collision_adds_numeric_suffix(client):
    client.put(f"{CATEGORIES}/44", json={"custom_url": {"url": "/new-in/"}})
    assert create(client, parent_id=0, name="New In")["custom_url"]["url"] == "/new-in-2/"
    assert create(client, parent_id=44, name="Old")["custom_url"]["url"] == "/archive/old/"
    client.put(f"{CATEGORIES}/41", json={"custom_url": {"url": "/new-in-3/"}})
    assert create(client, parent_id=18, name="New In")["custom_url"]["url"] == "/shop-all/new-in/"
    assert create(client, parent_id=24, name="New In")["custom_url"]["url"] == "/kitchen/new-in/"


def test_createCategory_url_collision_skips_taken_suffixes(client):
    client.put(f"{CATEGORIES}/44", json={"custom_url": {"url": "/new-in/"}})
    client.put(f"{CATEGORIES}/41", json={"custom_url": {"url": "/new-in-2/"}})
    assert create(client, parent_id=0, name="New In")["custom_url"]["url"] == "/new-in-3/"


def test_createCategory_given_custom_url_is_kept_and_customized(client):
    data = create(client, parent_id=0, name="Clearance", custom_url={"url": "/last-chance/"})
    assert data["custom_url"] == {"url": "/last-chance/", "is_customized": True}


def test_createCategory_all_writable_fields_are_stored(client, store):
    body = {
        "parent_id": 24, "name": "Bakeware", "description": "<p>Tins</p>", "views": 3, "sort_order": -1,
        "page_title": "Bake", "meta_keywords": ["tins", "trays"], "meta_description": "Tins and trays",
        "layout_file": "category.html", "is_visible": False, "default_product_sort": "price_desc",
        "image_url": "https://example.com/a.png", "search_keywords": "bake",
        "custom_url": {"url": "/bake/", "is_customized": False},
    }  # fmt: skip
    data = create(client, **body)
    assert data == {"id": 45, **body}
    assert store.categories.get(45).meta_keywords == ("tins", "trays")


def test_createCategory_same_name_under_other_parent_returns_200(client):
    assert create(client, parent_id=24, name="Audio")["parent_id"] == 24


def test_createCategory_sibling_name_differing_in_case_returns_409(client, store):
    before = snapshot(store)
    response = client.post(CATEGORIES, json={"parent_id": 24, "name": "COOKWARE"})
    assert response.status_code == 409
    assert response.json() == {
        "status": 409, "title": "The category name is a duplicate.", "type": ERROR_TYPE,
        "errors": {"name": "Category 25 under the same parent is already named 'Cookware'."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createCategory_top_level_duplicate_name_returns_409(client, store):
    before = snapshot(store)
    response = client.post(CATEGORIES, json={"parent_id": 0, "name": "kitchen"})
    assert response.status_code == 409
    assert response.json() == {
        "status": 409, "title": "The category name is a duplicate.", "type": ERROR_TYPE,
        "errors": {"name": "Category 24 under the same parent is already named 'Kitchen'."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createCategory_unknown_parent_returns_422(client, store):
    before = snapshot(store)
    response = client.post(CATEGORIES, json={"parent_id": 999, "name": "Orphan"})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The parent category does not exist.", "type": ERROR_TYPE,
        "errors": {"parent_id": "Category 999 does not exist."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createCategory_parent_in_other_tree_returns_422(client, store):
    add_tree_2(store)
    before = snapshot(store)
    response = client.post(CATEGORIES, json={"parent_id": 900, "name": "Pallets"})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The parent category does not exist.", "type": ERROR_TYPE,
        "errors": {"parent_id": "Category 900 does not exist."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createCategory_eighth_level_returns_200(client):
    # 21 T-Shirts is level 3; five more levels reach 8.
    made = chain(client, 21, 5)
    assert len(made) == 5


def test_createCategory_ninth_level_returns_422(client, store):
    deepest = chain(client, 21, 5)[-1]
    before = snapshot(store)
    response = client.post(CATEGORIES, json={"parent_id": deepest, "name": "Too Deep"})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The category tree is too deep.", "type": ERROR_TYPE,
        "errors": {"parent_id": "Categories nest at most 8 levels deep; this would make 9."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createCategory_duplicate_custom_url_returns_409(client, store):
    before = snapshot(store)
    response = client.post(CATEGORIES, json={"parent_id": 0, "name": "Cooking", "custom_url": {"url": "/kitchen/"}})
    assert response.status_code == 409
    assert response.json() == {
        "status": 409, "title": "The custom URL is a duplicate.", "type": ERROR_TYPE,
        "errors": {"custom_url": "The URL '/kitchen/' is already used by category 24."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createCategory_missing_name_returns_422(client, store):
    before = snapshot(store)
    response = client.post(CATEGORIES, json={"parent_id": 0})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "JSON data is missing or invalid", "type": ERROR_TYPE,
        "errors": {"name": "error.path.missing"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createCategory_missing_parent_id_returns_422(client, store):
    before = snapshot(store)
    response = client.post(CATEGORIES, json={"name": "Floating"})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "JSON data is missing or invalid", "type": ERROR_TYPE,
        "errors": {"parent_id": "error.path.missing"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createCategory_name_of_51_characters_returns_422(client, store):
    before = snapshot(store)
    response = client.post(CATEGORIES, json={"parent_id": 0, "name": "x" * 51})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "JSON data is missing or invalid", "type": ERROR_TYPE,
        "errors": {"name": "must be at most 50 characters long"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createCategory_name_of_50_characters_returns_200(client):
    assert create(client, parent_id=0, name="x" * 50)["name"] == "x" * 50


def test_createCategory_blank_name_returns_422(client, store):
    before = snapshot(store)
    response = client.post(CATEGORIES, json={"parent_id": 0, "name": "   "})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The category name is required.", "type": ERROR_TYPE,
        "errors": {"name": "error.path.missing"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createCategory_store_at_16000_categories_returns_422(client, store):
    for n in range(16000 - len(store.categories)):
        cid = 10_000 + n
        store.categories.put(
            cid, Category(id=cid, tree_id=1, parent_id=44, name=f"c{n}", custom_url=CustomUrl(f"/c{n}/"))
        )
    assert len(store.categories) == 16000
    before = snapshot(store)
    response = client.post(CATEGORIES, json={"parent_id": 0, "name": "One Too Many"})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The category limit has been reached.", "type": ERROR_TYPE,
        "errors": {"category": "A store can have at most 16000 categories."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createCategory_read_only_scope_returns_403(scoped_client, store):
    before = snapshot(store)
    response = scoped_client(["store_v2_products_read_only"]).post(CATEGORIES, json={"parent_id": 0, "name": "Nope"})
    assert response.status_code == 403
    assert response.json() == {
        "status": 403,
        "title": "Missing scope - the v3 Auth token is valid but does not have proper permissions "
        "to access this endpoint.",
        "type": ERROR_TYPE,
    }
    assert snapshot(store) == before


# --------------------------------------------------------------------------- updateCategory


def test_updateCategory_partial_changes_only_given_fields(client, store):
    before = store.categories.get(25)
    response = client.put(f"{CATEGORIES}/25", json={"description": "<p>New</p>", "sort_order": 7})
    assert response.status_code == 200
    assert response.json()["meta"] == {}
    assert store.categories.get(25) == replace(before, description="<p>New</p>", sort_order=7)


def test_updateCategory_empty_body_changes_nothing(client, store):
    before = snapshot(store)
    response = client.put(f"{CATEGORIES}/25", json={})
    assert response.status_code == 200
    assert snapshot(store) == before


def test_updateCategory_rename_keeps_url(client):
    response = client.put(f"{CATEGORIES}/25", json={"name": "Pots & Pans"})
    assert response.json()["data"]["name"] == "Pots & Pans"
    assert response.json()["data"]["custom_url"] == {"url": "/kitchen/cookware/", "is_customized": False}


def test_updateCategory_own_name_in_other_case_returns_200(client):
    response = client.put(f"{CATEGORIES}/25", json={"name": "COOKWARE"})
    assert response.status_code == 200
    assert response.json()["data"]["name"] == "COOKWARE"


def test_updateCategory_sibling_name_returns_409(client, store):
    before = snapshot(store)
    response = client.put(f"{CATEGORIES}/25", json={"name": "tableware"})
    assert response.status_code == 409
    assert response.json() == {
        "status": 409, "title": "The category name is a duplicate.", "type": ERROR_TYPE,
        "errors": {"name": "Category 27 under the same parent is already named 'Tableware'."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_updateCategory_move_onto_parent_with_same_named_child_returns_409(client, store):
    create(client, parent_id=28, name="Cookware")
    before = snapshot(store)
    response = client.put(f"{CATEGORIES}/25", json={"parent_id": 28})
    assert response.status_code == 409
    assert response.json() == {
        "status": 409, "title": "The category name is a duplicate.", "type": ERROR_TYPE,
        "errors": {"name": "Category 45 under the same parent is already named 'Cookware'."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_updateCategory_new_parent_moves_category(client, store):
    response = client.put(f"{CATEGORIES}/25", json={"parent_id": 28})
    assert response.status_code == 200
    assert response.json()["data"]["parent_id"] == 28
    assert store.categories.get(25).parent_id == 28


def test_updateCategory_parent_id_0_makes_category_top_level(client, store):
    response = client.put(f"{CATEGORIES}/21", json={"parent_id": 0})
    assert response.json()["data"]["parent_id"] == 0
    assert store.categories.get(21).tree_id == 1


def test_updateCategory_own_id_as_parent_returns_422(client, store):
    before = snapshot(store)
    response = client.put(f"{CATEGORIES}/24", json={"parent_id": 24})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The category cannot be moved inside itself.", "type": ERROR_TYPE,
        "errors": {"parent_id": "Category 24 is category 24 or one of its subcategories; "
                                "a category cannot become its own ancestor."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_updateCategory_descendant_as_parent_returns_422(client, store):
    before = snapshot(store)
    response = client.put(f"{CATEGORIES}/19", json={"parent_id": 21})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The category cannot be moved inside itself.", "type": ERROR_TYPE,
        "errors": {"parent_id": "Category 21 is category 19 or one of its subcategories; "
                                "a category cannot become its own ancestor."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_updateCategory_unknown_parent_returns_422(client, store):
    before = snapshot(store)
    response = client.put(f"{CATEGORIES}/25", json={"parent_id": 999})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The parent category does not exist.", "type": ERROR_TYPE,
        "errors": {"parent_id": "Category 999 does not exist."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_updateCategory_leaf_to_eighth_level_returns_200(client):
    level7 = chain(client, 21, 4)[-1]  # levels 4-7
    response = client.put(f"{CATEGORIES}/44", json={"parent_id": level7})
    assert response.status_code == 200


def test_updateCategory_subtree_past_eighth_level_returns_422(client, store):
    level7 = chain(client, 21, 4)[-1]
    before = snapshot(store)
    # 24 Kitchen has one level of children: at level 8 they would sit at level 9.
    response = client.put(f"{CATEGORIES}/24", json={"parent_id": level7})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The category tree is too deep.", "type": ERROR_TYPE,
        "errors": {"parent_id": "Categories nest at most 8 levels deep; this would make 9."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_updateCategory_custom_url_is_changed(client):
    response = client.put(f"{CATEGORIES}/25", json={"custom_url": {"url": "/pans/", "is_customized": True}})
    assert response.json()["data"]["custom_url"] == {"url": "/pans/", "is_customized": True}


def test_updateCategory_own_custom_url_returns_200(client):
    response = client.put(f"{CATEGORIES}/25", json={"custom_url": {"url": "/kitchen/cookware/"}})
    assert response.status_code == 200


def test_updateCategory_duplicate_custom_url_returns_409(client, store):
    before = snapshot(store)
    response = client.put(f"{CATEGORIES}/25", json={"custom_url": {"url": "/garden/"}})
    assert response.status_code == 409
    assert response.json() == {
        "status": 409, "title": "The custom URL is a duplicate.", "type": ERROR_TYPE,
        "errors": {"custom_url": "The URL '/garden/' is already used by category 32."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_updateCategory_unknown_id_returns_404(client, store):
    before = snapshot(store)
    response = client.put(f"{CATEGORIES}/999", json={"name": "Ghost"})
    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested category was not found.", "type": ERROR_TYPE}
    assert snapshot(store) == before


def test_updateCategory_category_of_other_tree_returns_404(client, store):
    add_tree_2(store)
    before = snapshot(store)
    response = client.put(f"{CATEGORIES}/900", json={"name": "Ghost"})
    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested category was not found.", "type": ERROR_TYPE}
    assert snapshot(store) == before


def test_updateCategory_read_only_scope_returns_403(scoped_client, store):
    before = snapshot(store)
    response = scoped_client(["store_v2_products_read_only"]).put(f"{CATEGORIES}/25", json={"name": "Nope"})
    assert response.status_code == 403
    assert response.json() == {
        "status": 403,
        "title": "Missing scope - the v3 Auth token is valid but does not have proper permissions "
        "to access this endpoint.",
        "type": ERROR_TYPE,
    }
    assert snapshot(store) == before


# --------------------------------------------------------------------------- deleteCategory


def test_deleteCategory_empty_category_returns_204(client, store):
    response = client.delete(f"{CATEGORIES}/44")
    assert response.status_code == 204
    assert response.content == b""
    assert store.categories.get(44) is None


def test_deleteCategory_parent_deletes_its_subtree(client, store):
    top = create(client, parent_id=0, name="Seasonal")["id"]
    below = chain(client, top, 2)
    assert client.delete(f"{CATEGORIES}/{top}").status_code == 204
    assert [store.categories.get(cid) for cid in [top, *below]] == [None, None, None]


def test_deleteCategory_holding_products_returns_422(client, store):
    before = snapshot(store)
    response = client.delete(f"{CATEGORIES}/41")
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "A category that contains products cannot be deleted.", "type": ERROR_TYPE,
        "errors": {"category_id": "Category 41 still contains products. Move them to another category first."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_deleteCategory_subcategory_holding_products_returns_422_naming_it(client, store):
    before = snapshot(store)
    response = client.delete(f"{CATEGORIES}/42")  # 42 Gifts holds none itself; 43 does
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "A category that contains products cannot be deleted.", "type": ERROR_TYPE,
        "errors": {"category_id": "Category 43 still contains products. Move them to another category first."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_deleteCategory_unknown_id_returns_404(client, store):
    before = snapshot(store)
    response = client.delete(f"{CATEGORIES}/999")
    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested category was not found.", "type": ERROR_TYPE}
    assert snapshot(store) == before


def test_deleteCategory_read_only_scope_returns_403(scoped_client, store):
    before = snapshot(store)
    response = scoped_client(["store_v2_products_read_only"]).delete(f"{CATEGORIES}/44")
    assert response.status_code == 403
    assert response.json() == {
        "status": 403,
        "title": "Missing scope - the v3 Auth token is valid but does not have proper permissions "
        "to access this endpoint.",
        "type": ERROR_TYPE,
    }
    assert snapshot(store) == before


# --------------------------------------------------------------------------- deleteCategories


def test_deleteCategories_without_filter_returns_422(client, store):
    before = snapshot(store)
    response = client.delete(CATEGORIES)
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "A filter is required.", "type": ERROR_TYPE,
        "errors": {"filter": "At least one filter is required to delete categories."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_deleteCategories_empty_id_in_counts_as_no_filter_returns_422(client, store):
    before = snapshot(store)
    response = client.delete(CATEGORIES, params={"id:in": ""})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "A filter is required.", "type": ERROR_TYPE,
        "errors": {"filter": "At least one filter is required to delete categories."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_deleteCategories_id_in_deletes_matches(client, store):
    a = create(client, parent_id=0, name="A")["id"]
    b = create(client, parent_id=0, name="B")["id"]
    response = client.delete(CATEGORIES, params={"id:in": f"{a},{b}"})
    assert response.status_code == 204
    assert store.categories.get(a) is None and store.categories.get(b) is None
    assert len(store.categories) == 27


def test_deleteCategories_name_filter_deletes_match(client, store):
    response = client.delete(CATEGORIES, params={"name": "Archive"})
    assert response.status_code == 204
    assert store.categories.get(44) is None


def test_deleteCategories_filter_matching_nothing_returns_204(client, store):
    before = snapshot(store)
    assert client.delete(CATEGORIES, params={"id:in": "999"}).status_code == 204
    assert snapshot(store) == before


def test_deleteCategories_any_match_holding_products_returns_422_and_deletes_none(client, store):
    before = snapshot(store)
    response = client.delete(CATEGORIES, params={"id:in": "44,41,43"})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "A category that contains products cannot be deleted.", "type": ERROR_TYPE,
        "errors": {"category_id": "Categories 41 and 43 still contain products. Move them to other categories first."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_deleteCategories_read_only_scope_returns_403(scoped_client, store):
    before = snapshot(store)
    response = scoped_client(["store_v2_products_read_only"]).delete(CATEGORIES, params={"id:in": "44"})
    assert response.status_code == 403
    assert response.json() == {
        "status": 403,
        "title": "Missing scope - the v3 Auth token is valid but does not have proper permissions "
        "to access this endpoint.",
        "type": ERROR_TYPE,
    }
    assert snapshot(store) == before
