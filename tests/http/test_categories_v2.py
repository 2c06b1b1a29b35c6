"""The legacy v2 categories API through HTTP: the categories of the demo store's default tree.

Demo tree 1: 27 categories, ids 18-44; 19 Apparel > 20 Tops > 21 T-Shirts; 44 Archive holds no
products. The response contract test cannot check v2 answers, so every shape is asserted here.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.categories import Category, CategoryTree
from mockbc.domain.records import CustomUrl

V2 = f"/stores/{DEFAULT_STORE_HASH}/v2"
CATEGORIES = f"{V2}/categories"
V3_CATEGORIES = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/categories"
READ_ONLY_SENTENCE = "The field '{}' cannot be written to. Please remove it from your request before trying again."
ALL_IDS = list(range(18, 45))
T_SHIRTS = {
    "id": 21, "parent_id": 20, "name": "T-Shirts", "description": "<p>Soft cotton tees for every day.</p>",
    "sort_order": 0, "page_title": "", "meta_keywords": "", "meta_description": "", "layout_file": "category.html",
    "parent_category_list": [19, 20, 21], "image_file": "", "is_visible": True, "search_keywords": "",
    "url": "/apparel/tops/t-shirts/",
}  # fmt: skip


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def errors(status: int, *messages: str) -> list[dict[str, object]]:
    return [{"status": status, "message": message} for message in messages]


def ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()]


def create(client: httpx.Client, **body: Any) -> dict[str, Any]:
    response = client.post(CATEGORIES, json=body)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


# --------------------------------------------------------------------------- getCategories


def test_getCategories_returns_a_bare_array_in_id_order(client: httpx.Client) -> None:
    response = client.get(CATEGORIES)

    assert response.status_code == 200
    assert ids(response) == ALL_IDS


def test_getCategories_item_is_the_v2_category(client: httpx.Client, store: Store) -> None:
    body = client.get(CATEGORIES, params={"min_id": 21, "max_id": 21}).json()

    assert body == [{**T_SHIRTS, "description": store.categories.require(21).description}]


def test_getCategories_sees_the_default_tree_only(client: httpx.Client, store: Store) -> None:
    store.trees.put(2, CategoryTree(id=2, name="Wholesale", channels=(2,)))
    store.categories.put(900, Category(id=900, tree_id=2, parent_id=0, name="Bulk", custom_url=CustomUrl("/bulk/")))

    assert ids(client.get(CATEGORIES)) == ALL_IDS
    assert client.get(f"{CATEGORIES}/900").status_code == 404
    assert client.get(f"{CATEGORIES}/count").json() == {"count": 27}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"parent_id": 19}, [20, 23]),
        ({"parent_id": 0}, [18, 19, 24, 28, 32, 35, 38, 41, 42, 44]),
        ({"name": "Tops"}, [20]),
        ({"is_visible": "false"}, [44]),
        ({"min_id": 40}, [40, 41, 42, 43, 44]),
        ({"max_id": 19}, [18, 19]),
        ({"min_id": 20, "max_id": 30, "parent_id": 24}, [25, 26, 27]),
    ],
)
def test_getCategories_filters(client: httpx.Client, params: dict[str, Any], expected: list[int]) -> None:
    assert ids(client.get(CATEGORIES, params=params)) == expected


def test_getCategories_page_and_limit(client: httpx.Client) -> None:
    assert ids(client.get(CATEGORIES, params={"limit": 5, "page": 2})) == ALL_IDS[5:10]


def test_getCategories_page_past_the_end_returns_204(client: httpx.Client) -> None:
    response = client.get(CATEGORIES, params={"limit": 10, "page": 4})

    assert response.status_code == 204
    assert response.content == b""


def test_getCategories_bad_filter_returns_400(client: httpx.Client) -> None:
    response = client.get(CATEGORIES, params={"parent_id": "top"})

    assert response.status_code == 400
    assert response.json() == errors(400, "The filter 'parent_id' is invalid: 'top' is not an integer.")


def test_getCategoriesCount_counts_with_the_filters(client: httpx.Client) -> None:
    assert client.get(f"{CATEGORIES}/count").json() == {"count": 27}
    assert client.get(f"{CATEGORIES}/count", params={"parent_id": 24}).json() == {"count": 3}


# --------------------------------------------------------------------------- getCategory


def test_getCategory_returns_a_bare_object_with_its_parent_chain(client: httpx.Client, store: Store) -> None:
    response = client.get(f"{CATEGORIES}/21")

    assert response.status_code == 200
    assert response.json() == {**T_SHIRTS, "description": store.categories.require(21).description}


def test_getCategory_parent_chain_follows_a_move_of_an_ancestor(client: httpx.Client) -> None:
    moved = client.put(f"{CATEGORIES}/20", json={"parent_id": 42})
    assert moved.status_code == 200, moved.text

    assert client.get(f"{CATEGORIES}/21").json()["parent_category_list"] == [42, 20, 21]


def test_getCategory_unknown_id_returns_404(client: httpx.Client) -> None:
    response = client.get(f"{CATEGORIES}/999")

    assert response.status_code == 404
    assert response.json() == errors(404, "The requested resource was not found.")


# --------------------------------------------------------------------------- createCategory


def test_createCategory_returns_201_with_the_category(client: httpx.Client, store: Store) -> None:
    response = client.post(
        CATEGORIES,
        json={"name": "Polos", "parent_id": 20, "meta_keywords": "polo, summer", "image_file": "https://x.test/p.png"},
    )

    assert response.status_code == 201
    body = response.json()
    assert body == {
        "id": 45, "parent_id": 20, "name": "Polos", "description": "", "sort_order": 0, "page_title": "",
        "meta_keywords": "polo,summer", "meta_description": "", "layout_file": "", "parent_category_list": [19, 20, 45],
        "image_file": "https://x.test/p.png", "is_visible": True, "search_keywords": "", "url": "/apparel/tops/polos/",
    }  # fmt: skip
    category = store.categories.require(45)
    assert (category.tree_id, category.meta_keywords, category.image_url) == (
        1,
        ("polo", "summer"),
        "https://x.test/p.png",
    )


def test_createCategory_without_parent_is_top_level(client: httpx.Client) -> None:
    body = create(client, name="Outlet")

    assert (body["parent_id"], body["parent_category_list"], body["url"]) == (0, [body["id"]], "/outlet/")


def test_createCategory_url_is_its_custom_url(client: httpx.Client, store: Store) -> None:
    body = create(client, name="Outlet", url="/deals/outlet/")

    assert body["url"] == "/deals/outlet/"
    assert store.categories.require(body["id"]).custom_url == CustomUrl("/deals/outlet/", is_customized=True)


def test_createCategory_missing_name_returns_400(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(CATEGORIES, json={"parent_id": 0})

    assert response.status_code == 400
    assert response.json() == errors(400, "The required field 'name' was not supplied.")
    assert snapshot(store) == before


@pytest.mark.parametrize("field", ["id", "parent_category_list"])
def test_createCategory_read_only_field_returns_400(client: httpx.Client, store: Store, field: str) -> None:
    before = snapshot(store)

    response = client.post(CATEGORIES, json={"name": "Outlet", field: [1] if field != "id" else 5})

    assert response.status_code == 400
    assert response.json() == errors(400, READ_ONLY_SENTENCE.format(field))
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"name": "n" * 51}, "The field 'name' is invalid: must be at most 50 characters long."),
        ({"name": "Outlet", "parent_id": -1}, "The field 'parent_id' is invalid: must be at least 0."),
        ({"name": "Outlet", "url": ""}, "The field 'url' is invalid: must be at least 1 characters long."),
        ({"name": "Outlet", "default_product_sort": "newest"}, "The field 'default_product_sort' is invalid: is not a field this resource accepts."),
        ({"name": "Outlet", "parent_id": 999}, "Category 999 does not exist."),
    ],
)  # fmt: skip
def test_createCategory_invalid_returns_400(
    client: httpx.Client, store: Store, body: dict[str, Any], message: str
) -> None:
    before = snapshot(store)

    response = client.post(CATEGORIES, json=body)

    assert response.status_code == 400
    assert response.json() == errors(400, message)
    assert snapshot(store) == before


def test_createCategory_name_of_a_sibling_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(CATEGORIES, json={"name": "tops", "parent_id": 19})

    assert response.status_code == 409
    assert response.json() == errors(409, "Category 20 under the same parent is already named 'Tops'.")
    assert snapshot(store) == before


def test_createCategory_url_taken_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(CATEGORIES, json={"name": "Outlet", "url": "/apparel/"})

    assert response.status_code == 409
    assert response.json() == errors(409, "The URL '/apparel/' is already used by category 19.")
    assert snapshot(store) == before


def _chain(client: httpx.Client, parent_id: int, levels: int) -> list[int]:
    made = []
    for n in range(levels):
        parent_id = create(client, parent_id=parent_id, name=f"Level {n}")["id"]
        made.append(parent_id)
    return made


def test_createCategory_seven_parents_is_the_deepest(client: httpx.Client) -> None:
    chain = _chain(client, 0, 8)  # a top-level category and seven below it

    assert client.get(f"{CATEGORIES}/{chain[-1]}").json()["parent_category_list"] == chain


def test_createCategory_parent_chain_longer_than_7_returns_403(client: httpx.Client, store: Store) -> None:
    chain = _chain(client, 0, 8)
    before = snapshot(store)

    response = client.post(CATEGORIES, json={"name": "Too Deep", "parent_id": chain[-1]})

    assert response.status_code == 403
    assert response.json() == errors(403, "Categories nest at most 8 levels deep; this would make 9.")
    assert snapshot(store) == before


def test_createCategory_store_at_16000_categories_returns_403(client: httpx.Client, store: Store) -> None:
    for n in range(16000 - len(store.categories)):
        cid = 10_000 + n
        store.categories.put(
            cid, Category(id=cid, tree_id=1, parent_id=44, name=f"c{n}", custom_url=CustomUrl(f"/c{n}/"))
        )
    before = snapshot(store)

    response = client.post(CATEGORIES, json={"name": "One Too Many"})

    assert response.status_code == 403
    assert response.json() == errors(403, "A store can have at most 16000 categories.")
    assert snapshot(store) == before


# --------------------------------------------------------------------------- updateCategory


def test_updateCategory_changes_only_what_is_sent(client: httpx.Client, store: Store) -> None:
    response = client.put(f"{CATEGORIES}/21", json={"name": "Tees", "is_visible": False, "url": "/tees/"})

    assert response.status_code == 200
    assert response.json() == {
        **T_SHIRTS, "description": store.categories.require(21).description, "name": "Tees", "is_visible": False,
        "url": "/tees/",
    }  # fmt: skip


def test_updateCategory_move_making_a_chain_longer_than_7_returns_403(client: httpx.Client, store: Store) -> None:
    chain = _chain(client, 0, 7)
    before = snapshot(store)

    response = client.put(f"{CATEGORIES}/20", json={"parent_id": chain[-1]})  # 7 levels, then 20 and its children

    assert response.status_code == 403
    assert response.json() == errors(403, "Categories nest at most 8 levels deep; this would make 9.")
    assert snapshot(store) == before


def test_updateCategory_into_its_own_subtree_returns_400(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{CATEGORIES}/19", json={"parent_id": 21})

    assert response.status_code == 400
    assert response.json() == errors(
        400, "Category 21 is category 19 or one of its subcategories; a category cannot become its own ancestor."
    )
    assert snapshot(store) == before


def test_updateCategory_read_only_field_returns_400(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{CATEGORIES}/21", json={"parent_category_list": [21]})

    assert response.status_code == 400
    assert response.json() == errors(400, READ_ONLY_SENTENCE.format("parent_category_list"))
    assert snapshot(store) == before


def test_updateCategory_unknown_id_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{CATEGORIES}/999", json={"name": "Nope"})

    assert response.status_code == 404
    assert response.json() == errors(404, "The requested resource was not found.")
    assert snapshot(store) == before


# --------------------------------------------------------------------------- deleteCategory / deleteCategories


def test_deleteCategory_without_products_returns_204(client: httpx.Client, store: Store) -> None:
    response = client.delete(f"{CATEGORIES}/44")

    assert response.status_code == 204
    assert store.categories.get(44) is None


def test_deleteCategory_holding_products_returns_400(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(f"{CATEGORIES}/21")

    assert response.status_code == 400
    assert response.json() == errors(400, "Category 21 still contains products. Move them to another category first.")
    assert snapshot(store) == before


def test_deleteCategory_unknown_id_returns_404(client: httpx.Client) -> None:
    response = client.delete(f"{CATEGORIES}/999")

    assert response.status_code == 404
    assert response.json() == errors(404, "The requested resource was not found.")


def test_deleteCategories_while_the_store_has_products_returns_400(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(CATEGORIES)

    assert response.status_code == 400
    assert response.json() == errors(
        400, "The store has 132 products; every category can be deleted only when it has none."
    )
    assert snapshot(store) == before


def test_deleteCategories_refused_even_when_no_product_is_in_a_category(client: httpx.Client, store: Store) -> None:
    client.delete(f"{V2}/products")
    made = client.post(f"{V2}/products", json={
        "name": "Loose", "type": "physical", "price": 1, "categories": [], "availability": "available", "weight": 1,
    })  # fmt: skip
    assert made.status_code == 201, made.text
    before = snapshot(store)

    response = client.delete(CATEGORIES)

    assert response.status_code == 400
    assert response.json() == errors(
        400, "The store has 1 product; every category can be deleted only when it has none."
    )
    assert snapshot(store) == before


def test_deleteCategories_in_a_store_without_products_deletes_the_default_tree(
    client: httpx.Client, store: Store
) -> None:
    store.trees.put(2, CategoryTree(id=2, name="Wholesale", channels=(2,)))
    store.categories.put(900, Category(id=900, tree_id=2, parent_id=0, name="Bulk", custom_url=CustomUrl("/bulk/")))
    assert client.delete(f"{V2}/products").status_code == 204

    response = client.delete(CATEGORIES)

    assert response.status_code == 204
    assert [c.id for c in store.categories.values()] == [900]
    assert client.get(CATEGORIES).status_code == 204
    assert store.trees.get(1) is not None


def test_createCategory_read_only_scope_returns_403(scoped_client: Any, store: Store) -> None:
    before = snapshot(store)

    response = scoped_client(["store_v2_products_read_only"]).post(CATEGORIES, json={"name": "Nope"})

    assert response.status_code == 403
    assert response.json() == errors(403, "You do not have permission to access this resource.")
    assert snapshot(store) == before
