"""v3 Catalog category trees through the HTTP pipeline, on the demo store.

Demo: tree 1 "Default" on channel 1 holds categories 18-44 (see test_categories.py);
only 44 Archive holds no products in its subtree.
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

TREES = f"{V3}/catalog/trees"
TREE_CATEGORIES = f"{V3}/catalog/trees/categories"
ERROR_TYPE = "/api-docs/getting-started/api-status-codes"
FORBIDDEN = {
    "status": 403,
    "title": "Missing scope - the v3 Auth token is valid but does not have proper permissions to access this endpoint.",
    "type": ERROR_TYPE,
}


def snapshot(store: Any) -> tuple[list[Any], list[Any], list[Any]]:
    return list(store.categories.values()), list(store.trees.values()), list(store.products.values())


def category_ids(response: Any) -> list[int]:
    return [item["category_id"] for item in response.json()["data"]]


def batch_error(title: str, errors: dict[str, str], total: int, success: int) -> dict[str, Any]:
    return {
        "errors": {"status": 422, "title": title, "type": ERROR_TYPE, "errors": errors},
        "meta": {"total": total, "success": success, "failed": total - success},
    }


def add_tree(store: Any, tree_id: int = 2, channel: int = 2, categories: tuple[tuple[int, int, str], ...] = ()) -> None:
    """A tree with ``(id, parent_id, name)`` categories, written straight into the store."""
    store.trees.put(tree_id, CategoryTree(id=tree_id, name=f"Tree {tree_id}", channels=(channel,)))
    for cid, parent_id, name in categories:
        url = f"/t{tree_id}/{name.lower()}/"
        store.categories.put(
            cid, Category(id=cid, tree_id=tree_id, parent_id=parent_id, name=name, custom_url=CustomUrl(url))
        )


def assign_products(store: Any, category_id: int, product_ids: tuple[int, ...] = (77,)) -> None:
    for pid in product_ids:
        product = store.products.get(pid)
        store.products.put(pid, replace(product, categories=(*product.categories, category_id)))


def create_one(client: Any, **item: Any) -> dict[str, Any]:
    response = client.post(TREE_CATEGORIES, json=[item])
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()["data"][0]
    return data


# --------------------------------------------------------------------------- getAllCategories


def test_getAllCategories_default_returns_all_trees_categories_with_pagination(client, store):
    add_tree(store, categories=((900, 0, "Bulk"),))
    response = client.get(TREE_CATEGORIES)
    assert response.status_code == 200
    assert category_ids(response) == [*range(18, 45), 900]
    assert response.json()["meta"] == {
        "pagination": {
            "total": 28, "count": 28, "per_page": 50, "current_page": 1, "total_pages": 1,
            "links": {"current": "?page=1&limit=50"},
        }
    }  # fmt: skip


def test_getAllCategories_record_uses_tree_field_names(client, store):
    response = client.get(TREE_CATEGORIES, params={"category_id:in": "25"})
    assert response.json()["data"] == [
        {
            "category_id": 25, "category_uuid": store.categories.get(25).uuid, "tree_id": 1, "parent_id": 24,
            "name": "Cookware", "description": "<p>Pans, pots and bakeware built to last.</p>", "views": 419,
            "sort_order": 0, "page_title": "", "meta_keywords": [], "meta_description": "",
            "layout_file": "category.html", "image_url": "", "is_visible": True, "search_keywords": "",
            "default_product_sort": "use_store_settings", "url": {"path": "/kitchen/cookware/", "is_customized": False},
        }
    ]  # fmt: skip


def test_getAllCategories_page_and_limit_returns_last_page(client):
    response = client.get(TREE_CATEGORIES, params={"limit": 10, "page": 3})
    assert category_ids(response) == list(range(38, 45))
    assert response.json()["meta"]["pagination"] == {
        "total": 27, "count": 7, "per_page": 10, "current_page": 3, "total_pages": 3,
        "links": {"previous": "?page=2&limit=10", "current": "?page=3&limit=10"},
    }  # fmt: skip


def test_getAllCategories_category_uuid_in_matches_case_insensitively(client, store):
    wanted = [store.categories.get(25).uuid.upper(), store.categories.get(44).uuid]
    assert category_ids(client.get(TREE_CATEGORIES, params={"category_uuid:in": ",".join(wanted)})) == [25, 44]


def test_getAllCategories_category_uuid_not_in_excludes(client, store):
    excluded = ",".join(store.categories.get(cid).uuid for cid in range(18, 43))
    assert category_ids(client.get(TREE_CATEGORIES, params={"category_uuid:not_in": excluded})) == [43, 44]


def test_getAllCategories_malformed_uuid_returns_422(client, store):
    before = snapshot(store)
    response = client.get(TREE_CATEGORIES, params={"category_uuid:in": "not-a-uuid"})
    assert response.status_code == 422
    assert response.json() == batch_error(
        "The filter(s) given are invalid.", {"category_uuid:in": "'not-a-uuid' is not a UUID"}, 0, 0
    )
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category_id:in": "44,25,999"}, [25, 44]),
        ({"category_id:not_in": ",".join(map(str, range(18, 42)))}, [42, 43, 44]),
        ({"parent_id:in": "24,42"}, [25, 26, 27, 43]),
        ({"parent_id:not_in": "0,19,20,24,28,32,35,38"}, [43]),
        ({"name": "Cookware"}, [25]),
        ({"name:like": "ware"}, [25, 27]),
        ({"keyword": "tools"}, [24, 26, 32, 34]),
        ({"is_visible": "false"}, [44]),
    ],
    ids=["category_id:in", "category_id:not_in", "parent_id:in", "parent_id:not_in", "name", "name:like",
         "keyword", "is_visible"],
)  # fmt: skip
def test_getAllCategories_filter_returns_matches(client, params, expected):
    assert category_ids(client.get(TREE_CATEGORIES, params=params)) == expected


def test_getAllCategories_tree_id_in_returns_that_trees_categories(client, store):
    add_tree(store, categories=((900, 0, "Bulk"), (901, 900, "Pallets")))
    assert category_ids(client.get(TREE_CATEGORIES, params={"tree_id:in": "2"})) == [900, 901]


def test_getAllCategories_tree_id_not_in_excludes_trees(client, store):
    add_tree(store, categories=((900, 0, "Bulk"),))
    assert category_ids(client.get(TREE_CATEGORIES, params={"tree_id:not_in": "1"})) == [900]


def test_getAllCategories_page_title_filters_match(client):
    client.put(TREE_CATEGORIES, json=[{"category_id": 25, "page_title": "Pots and Pans"},
                                      {"category_id": 27, "page_title": "Plates and pans"}])  # fmt: skip
    assert category_ids(client.get(TREE_CATEGORIES, params={"page_title": "Pots and Pans"})) == [25]
    assert category_ids(client.get(TREE_CATEGORIES, params={"page_title:like": "PANS"})) == [25, 27]


def test_getAllCategories_include_fields_keeps_category_id(client):
    response = client.get(TREE_CATEGORIES, params={"category_id:in": "25", "include_fields": "name,url"})
    assert response.json()["data"] == [
        {"category_id": 25, "name": "Cookware", "url": {"path": "/kitchen/cookware/", "is_customized": False}}
    ]


def test_getAllCategories_exclude_fields_never_drops_category_id(client):
    response = client.get(TREE_CATEGORIES, params={"category_id:in": "25", "exclude_fields": "category_id,description"})
    record = response.json()["data"][0]
    assert record["category_id"] == 25 and "description" not in record and "name" in record


def test_getAllCategories_read_only_scope_returns_200(scoped_client):
    assert scoped_client(["store_v2_products_read_only"]).get(TREE_CATEGORIES).status_code == 200


def test_getAllCategories_without_token_returns_401(client, store):
    before = snapshot(store)
    response = client.get(TREE_CATEGORIES, headers={"X-Auth-Token": "not-a-token"})
    assert response.status_code == 401
    assert response.json() == {
        "status": 401,
        "title": "Unauthorized - the v3 Auth client ID or token in the request are not a valid "
        "combination for this store.",
        "type": ERROR_TYPE,
    }
    assert snapshot(store) == before


# --------------------------------------------------------------------------- createCategories


def test_createCategories_top_level_with_tree_id_returns_201(client, store):
    response = client.post(TREE_CATEGORIES, json=[{"tree_id": 1, "name": "Outdoor Living"}])
    assert response.status_code == 201
    assert response.json() == {
        "data": [
            {
                "category_id": 45, "category_uuid": store.categories.get(45).uuid, "tree_id": 1, "parent_id": 0,
                "name": "Outdoor Living", "description": "", "views": 0, "sort_order": 0, "page_title": "",
                "meta_keywords": [], "meta_description": "", "layout_file": "", "image_url": "", "is_visible": True,
                "search_keywords": "", "default_product_sort": "use_store_settings",
                "url": {"path": "/outdoor-living/", "is_customized": False},
            }
        ],
        "meta": {"total": 1, "success": 1, "failed": 0},
    }  # fmt: skip


def test_createCategories_child_joins_parents_tree_and_url(client, store):
    add_tree(store, categories=((900, 0, "Bulk"),))
    data = create_one(client, parent_id=900, name="Pallets")
    assert (data["tree_id"], data["parent_id"], data["url"]) == (
        2,
        900,
        {"path": "/bulk/pallets/", "is_customized": False},
    )


def test_createCategories_parent_id_0_with_tree_id_is_top_level(client):
    data = create_one(client, parent_id=0, tree_id=1, name="Outlet")
    assert (data["tree_id"], data["parent_id"]) == (1, 0)


def test_createCategories_top_level_in_second_tree_returns_201(client, store):
    add_tree(store)
    data = create_one(client, tree_id=2, name="Kitchen")  # same name as tree 1's Kitchen: other siblings
    assert (data["tree_id"], data["url"]["path"]) == (2, "/kitchen-2/")


def test_createCategories_given_url_is_stored(client, store):
    data = create_one(client, tree_id=1, name="Outlet", url={"path": "/outlet-store/"})
    assert data["url"] == {"path": "/outlet-store/", "is_customized": True}
    assert store.categories.get(data["category_id"]).custom_url == CustomUrl("/outlet-store/", True)


def test_createCategories_several_all_valid_returns_201_with_all(client, store):
    response = client.post(TREE_CATEGORIES, json=[{"tree_id": 1, "name": "A"}, {"parent_id": 24, "name": "B"}])
    assert response.status_code == 201
    assert category_ids(response) == [45, 46]
    assert response.json()["meta"] == {"total": 2, "success": 2, "failed": 0}
    assert store.categories.get(46).parent_id == 24


def test_createCategories_some_invalid_returns_207_and_saves_valid_ones(client, store):
    response = client.post(
        TREE_CATEGORIES,
        json=[
            {"tree_id": 1, "name": "Good"},
            {"parent_id": 999, "name": "Orphan"},
            {"parent_id": 24, "name": "Also Good"},
        ],
    )
    assert response.status_code == 207
    body = response.json()
    assert [d["name"] for d in body["data"]] == ["Good", "Also Good"]
    assert {k: v for k, v in body.items() if k != "data"} == batch_error(
        "The parent category does not exist.", {"1.parent_id": "Category 999 does not exist."}, 3, 2
    )
    assert len(store.categories) == 29
    assert [c.name for c in store.categories.values()][-2:] == ["Good", "Also Good"]


def test_createCategories_failures_with_different_titles_get_generic_title(client, store):
    response = client.post(
        TREE_CATEGORIES,
        json=[{"tree_id": 1, "name": "Good"}, {"parent_id": 999, "name": "Orphan"}, {"tree_id": 1, "name": "kitchen"}],
    )
    assert response.status_code == 207
    assert response.json()["errors"] == {
        "status": 422, "title": "Some categories were not created.", "type": ERROR_TYPE,
        "errors": {
            "1.parent_id": "Category 999 does not exist.",
            "2.name": "Category 24 under the same parent is already named 'Kitchen'.",
        },
    }  # fmt: skip
    assert [c.name for c in store.categories.values()][-1] == "Good"


def test_createCategories_duplicate_names_in_one_batch_returns_207(client, store):
    response = client.post(TREE_CATEGORIES, json=[{"tree_id": 1, "name": "Twins"}, {"tree_id": 1, "name": "TWINS"}])
    assert response.status_code == 207
    body = response.json()
    assert category_ids(response) == [45]
    assert body["errors"]["errors"] == {"1.name": "Category 45 under the same parent is already named 'Twins'."}
    assert body["meta"] == {"total": 2, "success": 1, "failed": 1}


def test_createCategories_all_invalid_returns_422_and_saves_nothing(client, store):
    before = snapshot(store)
    response = client.post(TREE_CATEGORIES, json=[{"parent_id": 998, "name": "A"}, {"parent_id": 999, "name": "B"}])
    assert response.status_code == 422
    assert response.json() == batch_error(
        "The parent category does not exist.",
        {"0.parent_id": "Category 998 does not exist.", "1.parent_id": "Category 999 does not exist."},
        2, 0,
    )  # fmt: skip
    assert snapshot(store) == before


def test_createCategories_both_tree_id_and_parent_id_returns_422(client, store):
    before = snapshot(store)
    response = client.post(TREE_CATEGORIES, json=[{"tree_id": 1, "parent_id": 24, "name": "Both"}])
    assert response.status_code == 422
    assert response.json() == batch_error(
        "Give either tree_id or parent_id.",
        {"0.tree_id": "Give tree_id for a top-level category or parent_id for a subcategory, not both."},
        1, 0,
    )  # fmt: skip
    assert snapshot(store) == before


def test_createCategories_neither_tree_id_nor_parent_id_returns_422(client, store):
    before = snapshot(store)
    response = client.post(TREE_CATEGORIES, json=[{"parent_id": 0, "name": "Nowhere"}])
    assert response.status_code == 422
    assert response.json() == batch_error(
        "Give either tree_id or parent_id.",
        {"0.tree_id": "Give tree_id for a top-level category or parent_id for a subcategory."},
        1, 0,
    )  # fmt: skip
    assert snapshot(store) == before


def test_createCategories_unknown_tree_returns_422(client, store):
    before = snapshot(store)
    response = client.post(TREE_CATEGORIES, json=[{"tree_id": 7, "name": "Lost"}])
    assert response.status_code == 422
    assert response.json() == batch_error(
        "The category tree does not exist.", {"0.tree_id": "Category tree 7 does not exist."}, 1, 0
    )
    assert snapshot(store) == before


def test_createCategories_existing_sibling_name_returns_422(client, store):
    before = snapshot(store)
    response = client.post(TREE_CATEGORIES, json=[{"parent_id": 24, "name": "cookware"}])
    assert response.status_code == 422
    assert response.json() == batch_error(
        "The category name is a duplicate.",
        {"0.name": "Category 25 under the same parent is already named 'Cookware'."},
        1, 0,
    )  # fmt: skip
    assert snapshot(store) == before


def test_createCategories_ninth_level_returns_422(client, store):
    parent = 21  # level 3
    for n in range(5):
        parent = create_one(client, parent_id=parent, name=f"L{n}")["category_id"]
    before = snapshot(store)
    response = client.post(TREE_CATEGORIES, json=[{"parent_id": parent, "name": "Too Deep"}])
    assert response.status_code == 422
    assert response.json() == batch_error(
        "The category tree is too deep.",
        {"0.parent_id": "Categories nest at most 8 levels deep; this would make 9."},
        1, 0,
    )  # fmt: skip
    assert snapshot(store) == before


def test_createCategories_duplicate_url_returns_422_keyed_url(client, store):
    before = snapshot(store)
    response = client.post(TREE_CATEGORIES, json=[{"tree_id": 1, "name": "Cooking", "url": {"path": "/kitchen/"}}])
    assert response.status_code == 422
    assert response.json() == batch_error(
        "The custom URL is a duplicate.", {"0.url": "The URL '/kitchen/' is already used by category 24."}, 1, 0
    )
    assert snapshot(store) == before


def test_createCategories_store_at_16000_categories_returns_422(client, store):
    for n in range(16000 - len(store.categories)):
        cid = 10_000 + n
        store.categories.put(
            cid, Category(id=cid, tree_id=1, parent_id=44, name=f"c{n}", custom_url=CustomUrl(f"/c{n}/"))
        )
    before = snapshot(store)
    response = client.post(TREE_CATEGORIES, json=[{"tree_id": 1, "name": "One Too Many"}])
    assert response.status_code == 422
    assert response.json() == batch_error(
        "The category limit has been reached.", {"0.category": "A store can have at most 16000 categories."}, 1, 0
    )
    assert snapshot(store) == before


def test_createCategories_missing_name_fails_whole_request_with_422(client, store):
    before = snapshot(store)
    response = client.post(TREE_CATEGORIES, json=[{"tree_id": 1, "name": "Fine"}, {"tree_id": 1}])
    assert response.status_code == 422
    # The trees API's 422 envelope, for schema errors as for rule errors (upstream ErrorResponse).
    assert response.json() == {
        "errors": {
            "status": 422, "title": "JSON data is missing or invalid", "type": ERROR_TYPE,
            "errors": {"1.name": "error.path.missing"},
        },
        "meta": {"total": 2, "success": 0, "failed": 2},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createCategories_empty_array_returns_422(client, store):
    before = snapshot(store)
    response = client.post(TREE_CATEGORIES, json=[])
    assert response.status_code == 422
    assert response.json() == {
        "errors": {
            "status": 422, "title": "JSON data is missing or invalid", "type": ERROR_TYPE,
            "errors": {"body": "must have at least 1 items"},
        },
        "meta": {"total": 0, "success": 0, "failed": 0},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createCategories_read_only_scope_returns_403(scoped_client, store):
    before = snapshot(store)
    response = scoped_client(["store_v2_products_read_only"]).post(TREE_CATEGORIES, json=[{"tree_id": 1, "name": "X"}])
    assert response.status_code == 403
    assert response.json() == FORBIDDEN
    assert snapshot(store) == before


# --------------------------------------------------------------------------- updateCategories


def test_updateCategories_all_valid_returns_200_with_meta(client, store):
    response = client.put(
        TREE_CATEGORIES, json=[{"category_id": 25, "name": "Pots"}, {"category_id": 27, "is_visible": False}]
    )
    assert response.status_code == 200
    assert response.json() == {"meta": {"total": 2, "success": 2, "failed": 0}}
    assert store.categories.get(25).name == "Pots"
    assert store.categories.get(27).is_visible is False


def test_updateCategories_url_changes_path(client, store):
    client.put(TREE_CATEGORIES, json=[{"category_id": 25, "url": {"path": "/pans/", "is_customized": True}}])
    assert store.categories.get(25).custom_url == CustomUrl("/pans/", True)


def test_updateCategories_unknown_category_returns_422(client, store):
    before = snapshot(store)
    response = client.put(TREE_CATEGORIES, json=[{"category_id": 999, "name": "Ghost"}])
    assert response.status_code == 422
    assert response.json() == batch_error(
        "The requested category was not found.", {"0.category_id": "The category 999 does not exist."}, 1, 0
    )
    assert snapshot(store) == before


def test_updateCategories_some_invalid_returns_207_and_applies_valid_ones(client, store):
    response = client.put(
        TREE_CATEGORIES, json=[{"category_id": 25, "name": "Pots"}, {"category_id": 26, "name": "tableware"}]
    )
    assert response.status_code == 207
    assert response.json() == batch_error(
        "The category name is a duplicate.",
        {"1.name": "Category 27 under the same parent is already named 'Tableware'."},
        2, 1,
    )  # fmt: skip
    assert store.categories.get(25).name == "Pots"
    assert store.categories.get(26).name == "Utensils & Tools"


def test_updateCategories_moving_to_other_tree_moves_subtree(client, store):
    add_tree(store)
    response = client.put(TREE_CATEGORIES, json=[{"category_id": 24, "parent_id": 0, "tree_id": 2}])
    assert response.status_code == 200
    assert [store.categories.get(cid).tree_id for cid in (24, 25, 26, 27)] == [2, 2, 2, 2]
    assert store.categories.get(24).parent_id == 0


def test_updateCategories_tree_id_disagreeing_with_parent_returns_422(client, store):
    add_tree(store)
    before = snapshot(store)
    response = client.put(TREE_CATEGORIES, json=[{"category_id": 25, "tree_id": 2}])
    assert response.status_code == 422
    assert response.json() == batch_error(
        "The parent category belongs to another tree.",
        {"0.tree_id": "Category 24 belongs to tree 1, not tree 2."},
        1, 0,
    )  # fmt: skip
    assert snapshot(store) == before


def test_updateCategories_unknown_tree_returns_422(client, store):
    before = snapshot(store)
    response = client.put(TREE_CATEGORIES, json=[{"category_id": 24, "tree_id": 7}])
    assert response.status_code == 422
    assert response.json() == batch_error(
        "The category tree does not exist.", {"0.tree_id": "Category tree 7 does not exist."}, 1, 0
    )
    assert snapshot(store) == before


def test_updateCategories_descendant_as_parent_returns_422(client, store):
    before = snapshot(store)
    response = client.put(TREE_CATEGORIES, json=[{"category_id": 19, "parent_id": 22}])
    assert response.status_code == 422
    assert response.json() == batch_error(
        "The category cannot be moved inside itself.",
        {"0.parent_id": "Category 22 is category 19 or one of its subcategories; a category cannot become its own ancestor."},
        1, 0,
    )  # fmt: skip
    assert snapshot(store) == before


def test_updateCategories_subtree_to_exactly_eighth_level_returns_200(client, store):
    parent = 21
    for n in range(4):  # levels 4-7
        parent = create_one(client, parent_id=parent, name=f"L{n}")["category_id"]
    # Apparel's subtree is 6 levels deep; under Shop All its deepest category sits at level 8.
    response = client.put(TREE_CATEGORIES, json=[{"category_id": 19, "parent_id": 18}])
    assert response.status_code == 200
    assert store.categories.get(19).parent_id == 18


def test_updateCategories_subtree_past_eighth_level_returns_422(client, store):
    parent = 21
    for n in range(4):  # levels 4-7
        parent = create_one(client, parent_id=parent, name=f"L{n}")["category_id"]
    before = snapshot(store)
    # 28 Home has one level of children: at level 8 they would sit at level 9.
    response = client.put(TREE_CATEGORIES, json=[{"category_id": 28, "parent_id": parent}])
    assert response.status_code == 422
    assert response.json() == batch_error(
        "The category tree is too deep.",
        {"0.parent_id": "Categories nest at most 8 levels deep; this would make 9."},
        1, 0,
    )  # fmt: skip
    assert snapshot(store) == before


def test_updateCategories_duplicate_url_returns_422_keyed_url(client, store):
    before = snapshot(store)
    response = client.put(TREE_CATEGORIES, json=[{"category_id": 25, "url": {"path": "/garden/"}}])
    assert response.status_code == 422
    assert response.json() == batch_error(
        "The custom URL is a duplicate.", {"0.url": "The URL '/garden/' is already used by category 32."}, 1, 0
    )
    assert snapshot(store) == before


def test_updateCategories_missing_category_id_returns_422(client, store):
    before = snapshot(store)
    response = client.put(TREE_CATEGORIES, json=[{"name": "Who"}])
    assert response.status_code == 422
    assert response.json() == {
        "errors": {
            "status": 422, "title": "JSON data is missing or invalid", "type": ERROR_TYPE,
            "errors": {"0.category_id": "error.path.missing"},
        },
        "meta": {"total": 1, "success": 0, "failed": 1},
    }  # fmt: skip
    assert snapshot(store) == before


def test_updateCategories_read_only_scope_returns_403(scoped_client, store):
    before = snapshot(store)
    response = scoped_client(["store_v2_products_read_only"]).put(
        TREE_CATEGORIES, json=[{"category_id": 25, "name": "X"}]
    )
    assert response.status_code == 403
    assert response.json() == FORBIDDEN
    assert snapshot(store) == before


# --------------------------------------------------------------------------- deleteTreeCategories


def test_deleteTreeCategories_without_filter_returns_422(client, store):
    before = snapshot(store)
    response = client.delete(TREE_CATEGORIES)
    assert response.status_code == 422
    assert response.json() == batch_error(
        "A filter is required.",
        {"filter": "Give at least one of category_uuid:in, category_id:in, tree_id:in, parent_id:in."},
        0, 0,
    )  # fmt: skip
    assert snapshot(store) == before


def test_deleteTreeCategories_category_id_in_returns_202_with_meta(client, store):
    response = client.delete(TREE_CATEGORIES, params={"category_id:in": "44"})
    assert response.status_code == 202
    assert response.json() == {"meta": {"total": 1, "success": 1, "failed": 0}}
    assert store.categories.get(44) is None


def test_deleteTreeCategories_category_uuid_in_deletes_match(client, store):
    response = client.delete(TREE_CATEGORIES, params={"category_uuid:in": store.categories.get(44).uuid})
    assert response.status_code == 202
    assert store.categories.get(44) is None


def test_deleteTreeCategories_tree_id_in_deletes_trees_categories(client, store):
    add_tree(store, categories=((900, 0, "Bulk"), (901, 900, "Pallets"), (902, 0, "Crates")))
    response = client.delete(TREE_CATEGORIES, params={"tree_id:in": "2"})
    assert response.json() == {"meta": {"total": 3, "success": 3, "failed": 0}}
    assert [store.categories.get(cid) for cid in (900, 901, 902)] == [None, None, None]
    assert store.trees.get(2) is not None
    assert len(store.categories) == 27


def test_deleteTreeCategories_parent_id_in_deletes_children_and_their_subtrees(client, store):
    add_tree(store, categories=((900, 0, "Bulk"), (901, 900, "Pallets"), (902, 901, "Euro")))
    response = client.delete(TREE_CATEGORIES, params={"parent_id:in": "900"})
    assert response.json() == {"meta": {"total": 1, "success": 1, "failed": 0}}
    assert store.categories.get(900) is not None
    assert store.categories.get(901) is None and store.categories.get(902) is None


def test_deleteTreeCategories_filters_combine_with_and(client, store):
    add_tree(store, categories=((900, 0, "Bulk"),))
    response = client.delete(TREE_CATEGORIES, params={"tree_id:in": "2", "category_id:in": "44,900"})
    assert response.json() == {"meta": {"total": 1, "success": 1, "failed": 0}}
    assert store.categories.get(900) is None and store.categories.get(44) is not None


def test_deleteTreeCategories_products_in_subtree_returns_422_and_deletes_nothing(client, store):
    add_tree(store, categories=((900, 0, "Bulk"), (901, 900, "Pallets")))
    assign_products(store, 901)
    before = snapshot(store)
    response = client.delete(TREE_CATEGORIES, params={"category_id:in": "44,900"})
    assert response.status_code == 422
    assert response.json() == batch_error(
        "A category that contains products cannot be deleted.",
        {"category_id": "Category 901 still contains products. Move them to another category first."},
        2, 0,
    )  # fmt: skip
    assert snapshot(store) == before


def test_deleteTreeCategories_matching_nothing_returns_202_with_zero_meta(client, store):
    before = snapshot(store)
    response = client.delete(TREE_CATEGORIES, params={"category_id:in": "999"})
    assert response.status_code == 202
    assert response.json() == {"meta": {"total": 0, "success": 0, "failed": 0}}
    assert snapshot(store) == before


def test_deleteTreeCategories_read_only_scope_returns_403(scoped_client, store):
    before = snapshot(store)
    response = scoped_client(["store_v2_products_read_only"]).delete(TREE_CATEGORIES, params={"category_id:in": "44"})
    assert response.status_code == 403
    assert response.json() == FORBIDDEN
    assert snapshot(store) == before


# --------------------------------------------------------------------------- getCategoryTrees


def test_getCategoryTrees_returns_trees_with_pagination_meta(client):
    response = client.get(TREES)
    assert response.status_code == 200
    assert response.json() == {
        "data": [{"id": 1, "name": "Default", "channels": [1]}],
        "meta": {
            "pagination": {
                "total": 1, "count": 1, "per_page": 50, "current_page": 1, "total_pages": 1,
                "links": {"current": "?page=1&limit=50"},
            }
        },
    }  # fmt: skip


def test_getCategoryTrees_id_in_filters(client, store):
    add_tree(store, 2, 2)
    add_tree(store, 3, 3)
    assert [t["id"] for t in client.get(TREES, params={"id:in": "1,3"}).json()["data"]] == [1, 3]


def test_getCategoryTrees_channel_id_in_filters(client, store):
    add_tree(store, 2, 5)
    add_tree(store, 3, 6)
    assert [t["id"] for t in client.get(TREES, params={"channel_id:in": "6,1"}).json()["data"]] == [1, 3]


def test_getCategoryTrees_read_only_scope_returns_200(scoped_client):
    assert scoped_client(["store_v2_products_read_only"]).get(TREES).status_code == 200


# --------------------------------------------------------------------------- upsertCategoryTrees


def test_upsertCategoryTrees_create_returns_200_with_tree(client, store):
    response = client.put(TREES, json=[{"name": "Wholesale", "channels": [2]}])
    assert response.status_code == 200
    assert response.json() == {
        "data": [{"id": 2, "name": "Wholesale", "channels": [2]}],
        "meta": {"total": 1, "success": 1, "failed": 0},
    }
    assert store.trees.get(2) == CategoryTree(id=2, name="Wholesale", channels=(2,))


def test_upsertCategoryTrees_update_renames_tree(client, store):
    response = client.put(TREES, json=[{"id": 1, "name": "Main"}])
    assert response.status_code == 200
    assert response.json()["data"] == [{"id": 1, "name": "Main", "channels": [1]}]
    assert store.trees.get(1).name == "Main"


def test_upsertCategoryTrees_create_and_update_together_returns_both(client, store):
    response = client.put(TREES, json=[{"id": 1, "name": "Main"}, {"name": "B2B", "channels": [3]}])
    assert response.json()["data"] == [
        {"id": 1, "name": "Main", "channels": [1]},
        {"id": 2, "name": "B2B", "channels": [3]},
    ]


def test_upsertCategoryTrees_create_without_channels_returns_422(client, store):
    before = snapshot(store)
    response = client.put(TREES, json=[{"name": "Loose"}])
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The category trees are invalid.", "type": ERROR_TYPE,
        "errors": {"0.channels": "error.path.missing"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_upsertCategoryTrees_create_with_empty_channels_returns_422(client, store):
    before = snapshot(store)
    response = client.put(TREES, json=[{"name": "Loose", "channels": []}])
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The category trees are invalid.", "type": ERROR_TYPE,
        "errors": {"0.channels": "error.path.missing"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_upsertCategoryTrees_create_without_name_returns_422(client, store):
    before = snapshot(store)
    response = client.put(TREES, json=[{"channels": [2]}])
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The category trees are invalid.", "type": ERROR_TYPE,
        "errors": {"0.name": "error.path.missing"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_upsertCategoryTrees_update_with_channels_returns_422(client, store):
    before = snapshot(store)
    response = client.put(TREES, json=[{"id": 1, "name": "Main", "channels": [1]}])
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The category trees are invalid.", "type": ERROR_TYPE,
        "errors": {"0.channels": "The channels of an existing tree cannot be changed; leave channels out."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_upsertCategoryTrees_update_unknown_tree_returns_422(client, store):
    before = snapshot(store)
    response = client.put(TREES, json=[{"id": 7, "name": "Ghost"}])
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The category trees are invalid.", "type": ERROR_TYPE,
        "errors": {"0.id": "Category tree 7 does not exist."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_upsertCategoryTrees_channel_of_another_tree_returns_422(client, store):
    before = snapshot(store)
    response = client.put(TREES, json=[{"name": "Second", "channels": [1]}])
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The category trees are invalid.", "type": ERROR_TYPE,
        "errors": {"0.channels": "Channel 1 is already assigned to category tree 1."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_upsertCategoryTrees_same_channel_twice_in_batch_returns_422_and_saves_nothing(client, store):
    before = snapshot(store)
    response = client.put(TREES, json=[{"name": "A", "channels": [2]}, {"name": "B", "channels": [2]}])
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The category trees are invalid.", "type": ERROR_TYPE,
        "errors": {"1.channels": "Channel 2 is already assigned to item 0 of this batch."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_upsertCategoryTrees_unknown_channel_returns_422_and_saves_nothing(client, store):
    before = snapshot(store)
    response = client.put(TREES, json=[{"name": "A", "channels": [2]}, {"name": "B", "channels": [4]}])
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The category trees are invalid.", "type": ERROR_TYPE,
        "errors": {"1.channels": "Channel 4 does not exist."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_upsertCategoryTrees_valid_item_beside_invalid_one_is_not_saved(client, store):
    before = snapshot(store)
    response = client.put(TREES, json=[{"id": 1, "name": "Renamed"}, {"id": 9, "name": "Ghost"}])
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The category trees are invalid.", "type": ERROR_TYPE,
        "errors": {"1.id": "Category tree 9 does not exist."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_upsertCategoryTrees_two_channels_returns_422(client, store):
    before = snapshot(store)
    response = client.put(TREES, json=[{"name": "Multi", "channels": [2, 3]}])
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "JSON data is missing or invalid", "type": ERROR_TYPE,
        "errors": {"0.channels": "must have at most 1 items"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_upsertCategoryTrees_51_trees_returns_413(client, store):
    before = snapshot(store)
    response = client.put(TREES, json=[{"name": f"T{n}", "channels": [100 + n]} for n in range(51)])
    assert response.status_code == 413
    assert response.json() == {
        "status": 413,
        "title": "The request payload is too large. The maximum items allowed in the array is 50.",
        "type": ERROR_TYPE,
        "errors": {},
    }
    assert snapshot(store) == before


def test_upsertCategoryTrees_50_trees_returns_200(client, store):
    # The demo store's channels 2 and 3 have no tree; 48 more are made for the others.
    for n in range(48):
        made = client.post(f"{V3}/channels", json={"name": f"Shop {n}", "type": "storefront", "platform": "next"})
        assert made.status_code == 200, made.text
    response = client.put(TREES, json=[{"name": f"T{n}", "channels": [2 + n]} for n in range(50)])
    assert response.status_code == 200
    assert len(store.trees) == 51


def test_upsertCategoryTrees_read_only_scope_returns_403(scoped_client, store):
    before = snapshot(store)
    response = scoped_client(["store_v2_products_read_only"]).put(TREES, json=[{"name": "X", "channels": [2]}])
    assert response.status_code == 403
    assert response.json() == FORBIDDEN
    assert snapshot(store) == before


# --------------------------------------------------------------------------- deleteCategoryTrees


def test_deleteCategoryTrees_without_id_in_returns_422(client, store):
    before = snapshot(store)
    response = client.delete(TREES)
    assert response.status_code == 422
    assert response.json() == batch_error("The filter(s) given are invalid.", {"id:in": "error.path.missing"}, 0, 0)
    assert snapshot(store) == before


def test_deleteCategoryTrees_empty_id_in_returns_422(client, store):
    before = snapshot(store)
    response = client.delete(TREES, params={"id:in": ""})
    assert response.status_code == 422
    assert response.json() == batch_error("The filter(s) given are invalid.", {"id:in": "error.path.missing"}, 0, 0)
    assert snapshot(store) == before


def test_deleteCategoryTrees_deletes_tree_and_its_categories(client, store):
    add_tree(store, categories=((900, 0, "Bulk"), (901, 900, "Pallets")))
    response = client.delete(TREES, params={"id:in": "2"})
    assert response.status_code == 204
    assert response.content == b""
    assert store.trees.get(2) is None
    assert store.categories.get(900) is None and store.categories.get(901) is None
    assert len(store.categories) == 27


def test_deleteCategoryTrees_unknown_ids_are_ignored(client, store):
    before = snapshot(store)
    assert client.delete(TREES, params={"id:in": "9"}).status_code == 204
    assert snapshot(store) == before


def test_deleteCategoryTrees_default_tree_returns_422(client, store):
    before = snapshot(store)
    response = client.delete(TREES, params={"id:in": "1"})
    assert response.status_code == 422
    assert response.json() == batch_error(
        "The default category tree cannot be deleted.",
        {"id:in": "Category tree 1 belongs to the default storefront (channel 1) and cannot be deleted."},
        1, 0,
    )  # fmt: skip
    assert snapshot(store) == before


def test_deleteCategoryTrees_categories_holding_products_returns_422(client, store):
    add_tree(store, categories=((900, 0, "Bulk"), (901, 900, "Pallets")))
    assign_products(store, 901)
    before = snapshot(store)
    response = client.delete(TREES, params={"id:in": "2"})
    assert response.status_code == 422
    assert response.json() == batch_error(
        "A category that contains products cannot be deleted.",
        {"category_id": "Category 901 still contains products. Move them to another category first."},
        1, 0,
    )  # fmt: skip
    assert snapshot(store) == before


def test_deleteCategoryTrees_read_only_scope_returns_403(scoped_client, store):
    add_tree(store)
    before = snapshot(store)
    response = scoped_client(["store_v2_products_read_only"]).delete(TREES, params={"id:in": "2"})
    assert response.status_code == 403
    assert response.json() == FORBIDDEN
    assert snapshot(store) == before


# --------------------------------------------------------------------------- getCategoryTree


def test_getCategoryTree_returns_nested_nodes(client):
    response = client.get(f"{TREES}/1/categories")
    assert response.status_code == 200
    body = response.json()
    assert body["meta"] == {}
    assert [node["id"] for node in body["data"]] == [18, 19, 24, 28, 32, 35, 38, 41, 42, 44]
    apparel = body["data"][1]
    assert apparel == {
        "id": 19, "parent_id": 0, "depth": 1, "path": [19], "name": "Apparel", "is_visible": True,
        "url": "/apparel/",
        "children": [
            {
                "id": 20, "parent_id": 19, "depth": 2, "path": [19, 20], "name": "Tops", "is_visible": True,
                "url": "/apparel/tops/",
                "children": [
                    {"id": 21, "parent_id": 20, "depth": 3, "path": [19, 20, 21], "name": "T-Shirts",
                     "is_visible": True, "url": "/apparel/tops/t-shirts/", "children": []},
                    {"id": 22, "parent_id": 20, "depth": 3, "path": [19, 20, 22], "name": "Hoodies & Sweatshirts",
                     "is_visible": True, "url": "/apparel/tops/hoodies-and-sweatshirts/", "children": []},
                ],
            },
            {"id": 23, "parent_id": 19, "depth": 2, "path": [19, 23], "name": "Accessories", "is_visible": True,
             "url": "/apparel/accessories/", "children": []},
        ],
    }  # fmt: skip


def test_getCategoryTree_orders_siblings_by_sort_order_then_name(client):
    client.put(TREE_CATEGORIES, json=[{"category_id": 27, "sort_order": -1}, {"category_id": 26, "sort_order": 0}])
    kitchen = client.get(f"{TREES}/1/categories").json()["data"][2]
    assert [child["name"] for child in kitchen["children"]] == ["Tableware", "Cookware", "Utensils & Tools"]


def test_getCategoryTree_depth_1_returns_top_level_only(client):
    data = client.get(f"{TREES}/1/categories", params={"depth": 1}).json()["data"]
    assert len(data) == 10
    assert all(node["children"] == [] for node in data)


def test_getCategoryTree_depth_2_stops_below_second_level(client):
    data = client.get(f"{TREES}/1/categories", params={"depth": 2}).json()["data"]
    tops = data[1]["children"][0]
    assert tops["id"] == 20 and tops["children"] == []


def test_getCategoryTree_depth_0_returns_422(client, store):
    before = snapshot(store)
    response = client.get(f"{TREES}/1/categories", params={"depth": 0})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The filter(s) given are invalid.", "type": ERROR_TYPE,
        "errors": {"depth": "must be at least 1"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_getCategoryTree_shows_only_that_trees_categories(client, store):
    add_tree(store, categories=((900, 0, "Bulk"), (901, 900, "Pallets")))
    assert client.get(f"{TREES}/2/categories").json() == {
        "data": [
            {"id": 900, "parent_id": 0, "depth": 1, "path": [900], "name": "Bulk", "is_visible": True,
             "url": "/t2/bulk/",
             "children": [{"id": 901, "parent_id": 900, "depth": 2, "path": [900, 901], "name": "Pallets",
                           "is_visible": True, "url": "/t2/pallets/", "children": []}]},
        ],
        "meta": {},
    }  # fmt: skip


def test_getCategoryTree_empty_tree_returns_empty_data(client, store):
    add_tree(store)
    assert client.get(f"{TREES}/2/categories").json() == {"data": [], "meta": {}}


def test_getCategoryTree_unknown_tree_returns_404(client, store):
    before = snapshot(store)
    response = client.get(f"{TREES}/7/categories")
    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested category tree was not found.", "type": ERROR_TYPE}
    assert snapshot(store) == before


def test_getCategoryTree_read_only_scope_returns_200(scoped_client):
    assert scoped_client(["store_v2_products_read_only"]).get(f"{TREES}/1/categories").status_code == 200


# --- batch size ---------------------------------------------------------------------


def test_createCategories_over_the_batch_cap_returns_413_and_creates_nothing(client, store):
    before = snapshot(store)
    items = [{"tree_id": 1, "name": f"Bulk {n}"} for n in range(1001)]
    response = client.post(TREE_CATEGORIES, json=items)
    assert response.status_code == 413
    assert response.json() == {
        "status": 413, "title": "The request payload is too large. The maximum items allowed in the array is 1000.",
        "type": ERROR_TYPE, "errors": {},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createCategories_at_the_batch_cap_creates_every_item(client, store):
    items = [{"tree_id": 1, "name": f"Bulk {n}"} for n in range(1000)]
    response = client.post(TREE_CATEGORIES, json=items)
    assert response.status_code == 201
    assert response.json()["meta"] == {"total": 1000, "success": 1000, "failed": 0}
    assert len(store.categories) == 27 + 1000


def test_updateCategories_over_the_batch_cap_returns_413(client):
    response = client.put(TREE_CATEGORIES, json=[{"category_id": 25, "name": "X"}] * 1001)
    assert response.status_code == 413


def test_the_batch_cap_is_configurable():
    from mockbc import create_app
    from mockbc.domain.limits import Limits
    from mockbc.http.inprocess import client as inprocess_client

    app = create_app(fixtures="empty", limits=Limits(tree_categories_batch=2))
    with inprocess_client(app, access_token=app.state.default_account.access_token) as small:
        three = small.post(TREE_CATEGORIES, json=[{"tree_id": 1, "name": f"C{n}"} for n in range(3)])
        two = small.post(TREE_CATEGORIES, json=[{"tree_id": 1, "name": f"C{n}"} for n in range(2)])
    assert (three.status_code, two.status_code) == (413, 201)
    assert three.json()["title"] == "The request payload is too large. The maximum items allowed in the array is 2."
