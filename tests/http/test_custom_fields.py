"""v3 product custom fields, on their own paths and inline on product bodies, through HTTP."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.events import Event
from mockbc.services import custom_fields as service

PRODUCTS = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/products"
FIELDS = f"{PRODUCTS}/77/custom-fields"
TYPE = "/api-docs/getting-started/api-status-codes"
INVALID = "JSON data is missing or invalid"
NEW_PRODUCT = {"name": "Enamel Camp Mug", "type": "physical", "weight": 0.4, "price": 12.5}


def snapshot(store: Store) -> tuple[tuple[Any, ...], ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def add(client: httpx.Client, name: str = "ISBN", value: str = "978-0", path: str = FIELDS) -> dict[str, Any]:
    response = client.post(path, json={"name": name, "value": value})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def listed(client: httpx.Client, product_id: int = 77, **params: Any) -> list[dict[str, Any]]:
    response = client.get(f"{PRODUCTS}/{product_id}/custom-fields", params=params)
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = response.json()["data"]
    return data


def fill(store: Store, product_id: int, count: int) -> None:
    for n in range(count):
        service.create(store, product_id, {"name": f"Field {n}", "value": "x"})


# --- create -------------------------------------------------------------------------


def test_create_product_custom_field_returns_200_with_the_field(client: httpx.Client, store: Store) -> None:
    first_new = max(store.seed.custom_fields, default=0) + 1  # after the demo's own fields

    response = client.post(FIELDS, json={"name": "ISBN", "value": "978-0"})

    assert response.status_code == 200
    assert response.json() == {"data": {"id": first_new, "name": "ISBN", "value": "978-0"}, "meta": {}}


def test_create_product_custom_field_emits_created(client: httpx.Client, store: Store) -> None:
    events: list[Event] = []
    unsubscribe = store.subscribe(events.append)
    try:
        field = add(client)
    finally:
        unsubscribe()

    assert [(e.resource, e.action, e.id) for e in events] == [("custom_field", "created", field["id"])]


def test_create_product_custom_field_ignores_a_read_only_id(client: httpx.Client, store: Store) -> None:
    response = client.post(FIELDS, json={"id": 999, "name": "ISBN", "value": "978-0"})

    assert response.status_code == 200
    assert response.json()["data"]["id"] == max(store.seed.custom_fields, default=0) + 1


def test_create_product_custom_field_missing_value_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(FIELDS, json={"name": "ISBN"})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": INVALID, "type": TYPE, "errors": {"value": "error.path.missing"},
    }  # fmt: skip
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"name": "n" * 251, "value": "v"}, {"name": "must be at most 250 characters long"}),
        ({"name": "n", "value": "v" * 251}, {"value": "must be at most 250 characters long"}),
        ({"name": "", "value": "v"}, {"name": "must be at least 1 characters long"}),
        ({"name": "n", "value": 5}, {"value": "must be a string"}),
        ({"name": "n", "value": "v", "colour": "red"}, {"colour": "is not a field this resource accepts"}),
    ],
)
def test_create_product_custom_field_bad_body_returns_422(
    client: httpx.Client, store: Store, body: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(FIELDS, json=body)

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": INVALID, "type": TYPE, "errors": errors}
    assert snapshot(store) == before


def test_create_product_custom_field_250_characters_each_is_accepted(client: httpx.Client) -> None:
    field = add(client, "n" * 250, "v" * 250)

    assert (len(field["name"]), len(field["value"])) == (250, 250)


def test_create_product_custom_field_duplicate_pair_returns_409(client: httpx.Client, store: Store) -> None:
    add(client, "ISBN", "978-0")
    before = snapshot(store)

    response = client.post(FIELDS, json={"name": "ISBN", "value": "978-0"})

    assert response.status_code == 409
    assert response.json() == {
        "status": 409, "title": "The custom field is a duplicate.", "type": TYPE,
        "errors": {"name": "The product already has a custom field 'ISBN' with the value '978-0'."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_create_product_custom_field_same_name_other_value_or_other_product_is_accepted(client: httpx.Client) -> None:
    add(client, "ISBN", "978-0")

    add(client, "ISBN", "978-1")
    add(client, "isbn", "978-0")  # the pair is compared as written
    add(client, "ISBN", "978-0", path=f"{PRODUCTS}/78/custom-fields")

    assert [(f["name"], f["value"]) for f in listed(client)] == [
        ("ISBN", "978-0"),
        ("ISBN", "978-1"),
        ("isbn", "978-0"),
    ]


def test_create_product_custom_field_200th_is_accepted(client: httpx.Client, store: Store) -> None:
    fill(store, 77, 199)

    add(client, "Last", "one")

    assert len(store.custom_fields.lookup("product_id", 77)) == 200


def test_create_product_custom_field_201st_returns_422(client: httpx.Client, store: Store) -> None:
    fill(store, 77, 200)
    before = snapshot(store)

    response = client.post(FIELDS, json={"name": "One", "value": "too many"})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The product custom field limit has been reached.", "type": TYPE,
        "errors": {"custom_fields": "A product can have at most 200 custom fields."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_create_product_custom_field_limit_is_per_product(client: httpx.Client, store: Store) -> None:
    fill(store, 77, 200)

    add(client, path=f"{PRODUCTS}/78/custom-fields")


def test_create_product_custom_field_unknown_product_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(f"{PRODUCTS}/999/custom-fields", json={"name": "ISBN", "value": "978-0"})

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}
    assert snapshot(store) == before


def test_create_product_custom_field_wrong_content_type_returns_415(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(FIELDS, content=b'{"name": "ISBN", "value": "1"}', headers={"Content-Type": "text/plain"})

    assert response.status_code == 415
    assert response.json() == {
        "status": 415, "title": "The request Content-Type is not supported. Send application/json.", "type": TYPE,
    }  # fmt: skip
    assert snapshot(store) == before


def test_create_product_custom_field_malformed_json_returns_400(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(FIELDS, content=b'{"name": ', headers={"Content-Type": "application/json"})

    assert response.status_code == 400
    assert response.json() == {"status": 400, "title": "Input is invalid", "type": TYPE, "detail": "Syntax error"}
    assert snapshot(store) == before


def test_create_product_custom_field_read_only_token_returns_403_with_errors(scoped_client: Any, store: Store) -> None:
    before = snapshot(store)
    reader = scoped_client(["store_v2_products_read_only"])

    response = reader.post(FIELDS, json={"name": "ISBN", "value": "978-0"})

    assert response.status_code == 403
    assert response.json() == {
        "status": 403,
        "title": "Missing scope - the v3 Auth token is valid but does not have proper permissions to access this "
        "endpoint.",
        "type": TYPE,
        "errors": {},
    }
    assert snapshot(store) == before


def test_get_product_custom_fields_read_only_token_is_allowed(scoped_client: Any) -> None:
    reader = scoped_client(["store_v2_products_read_only"])

    assert reader.get(FIELDS).status_code == 200


@pytest.mark.parametrize(("method", "path", "allow"), [("PATCH", FIELDS, "GET, HEAD, POST"),
                                                        ("POST", f"{FIELDS}/1", "DELETE, GET, HEAD, PUT")])  # fmt: skip
def test_product_custom_fields_other_methods_return_405_with_detail(
    client: httpx.Client, store: Store, method: str, path: str, allow: str
) -> None:
    before = snapshot(store)

    response = client.request(method, path, json={"name": "ISBN", "value": "1"})

    assert response.status_code == 405
    assert response.headers["allow"] == allow
    assert response.json() == {
        "status": 405, "title": "Method Not Allowed", "type": TYPE,
        "detail": f"The {method} method is not supported on this resource.",
    }  # fmt: skip
    assert snapshot(store) == before


# --- read ---------------------------------------------------------------------------


def test_get_product_custom_fields_lists_the_product_s_fields_in_id_order(client: httpx.Client) -> None:
    first, second = add(client, "A", "1"), add(client, "B", "2")
    add(client, "C", "3", path=f"{PRODUCTS}/78/custom-fields")

    response = client.get(FIELDS)

    assert response.status_code == 200
    assert response.json() == {
        "data": [first, second],
        "meta": {"pagination": {"total": 2, "count": 2, "per_page": 50, "current_page": 1, "total_pages": 1,
                                "links": {"current": "?page=1&limit=50"}}},
    }  # fmt: skip


def test_get_product_custom_fields_without_any_is_an_empty_page(client: httpx.Client) -> None:
    response = client.get(FIELDS)

    assert response.status_code == 200
    assert response.json()["data"] == []
    assert response.json()["meta"]["pagination"]["total"] == 0


def test_get_product_custom_fields_pages(client: httpx.Client, store: Store) -> None:
    fill(store, 77, 5)

    body = client.get(FIELDS, params={"limit": 2, "page": 2}).json()

    assert [f["name"] for f in body["data"]] == ["Field 2", "Field 3"]
    assert body["meta"]["pagination"] == {
        "total": 5, "count": 2, "per_page": 2, "current_page": 2, "total_pages": 3,
        "links": {"previous": "?page=1&limit=2", "current": "?page=2&limit=2", "next": "?page=3&limit=2"},
    }  # fmt: skip


def test_get_product_custom_fields_limit_above_250_returns_413(client: httpx.Client) -> None:
    response = client.get(FIELDS, params={"limit": 251})

    assert response.status_code == 413
    assert response.json() == {
        "status": 413, "title": "The limit is too high. The maximum limit is 250.", "type": TYPE,
        "errors": {"limit": "must be at most 250"},
    }  # fmt: skip


def test_get_product_custom_fields_include_and_exclude_fields(client: httpx.Client) -> None:
    field = add(client)

    assert listed(client, include_fields="name") == [{"id": field["id"], "name": "ISBN"}]
    assert listed(client, exclude_fields="name,id") == [{"id": field["id"], "value": "978-0"}]


def test_get_product_custom_fields_unknown_product_returns_404(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/999/custom-fields")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}


def test_get_product_custom_field_returns_it(client: httpx.Client) -> None:
    field = add(client)

    response = client.get(f"{FIELDS}/{field['id']}")

    assert response.status_code == 200
    assert response.json() == {"data": field, "meta": {}}


def test_get_product_custom_field_include_fields(client: httpx.Client) -> None:
    field = add(client)

    response = client.get(f"{FIELDS}/{field['id']}", params={"include_fields": "value"})

    assert response.json()["data"] == {"id": field["id"], "value": "978-0"}


@pytest.mark.parametrize("where", ["unknown", "other product"])
def test_get_product_custom_field_unknown_or_of_another_product_returns_404(client: httpx.Client, where: str) -> None:
    other = add(client, path=f"{PRODUCTS}/78/custom-fields")
    field_id = other["id"] if where == "other product" else 999

    response = client.get(f"{FIELDS}/{field_id}")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested custom field was not found.", "type": TYPE}


# --- update -------------------------------------------------------------------------


def test_update_product_custom_field_changes_only_what_is_sent(client: httpx.Client, store: Store) -> None:
    field = add(client)
    events: list[Event] = []
    unsubscribe = store.subscribe(events.append)
    try:
        response = client.put(f"{FIELDS}/{field['id']}", json={"value": "978-1"})
    finally:
        unsubscribe()

    assert response.status_code == 200
    assert response.json() == {"data": {"id": field["id"], "name": "ISBN", "value": "978-1"}, "meta": {}}
    assert [(e.resource, e.action, e.id) for e in events] == [("custom_field", "updated", field["id"])]


def test_update_product_custom_field_to_another_field_s_pair_returns_409(client: httpx.Client, store: Store) -> None:
    add(client, "ISBN", "978-0")
    field = add(client, "ISBN", "978-1")
    before = snapshot(store)

    response = client.put(f"{FIELDS}/{field['id']}", json={"value": "978-0"})

    assert response.status_code == 409
    assert response.json() == {
        "status": 409, "title": "The custom field is a duplicate.", "type": TYPE,
        "errors": {"value": "The product already has a custom field 'ISBN' with the value '978-0'."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_update_product_custom_field_keeping_its_own_pair_is_no_conflict(client: httpx.Client) -> None:
    field = add(client)

    response = client.put(f"{FIELDS}/{field['id']}", json={"name": "ISBN", "value": "978-0", "id": field["id"]})

    assert response.status_code == 200
    assert response.json()["data"] == field


def test_update_product_custom_field_empty_name_returns_422(client: httpx.Client, store: Store) -> None:
    field = add(client)
    before = snapshot(store)

    response = client.put(f"{FIELDS}/{field['id']}", json={"name": ""})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": INVALID, "type": TYPE, "errors": {"name": "must be at least 1 characters long"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_update_product_custom_field_unknown_id_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{FIELDS}/999", json={"value": "x"})

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested custom field was not found.", "type": TYPE}
    assert snapshot(store) == before


# --- delete -------------------------------------------------------------------------


def test_delete_product_custom_field_removes_it(client: httpx.Client, store: Store) -> None:
    field = add(client)
    events: list[Event] = []
    unsubscribe = store.subscribe(events.append)
    try:
        response = client.delete(f"{FIELDS}/{field['id']}")
    finally:
        unsubscribe()

    assert response.status_code == 204
    assert response.content == b""
    assert client.get(f"{FIELDS}/{field['id']}").status_code == 404
    assert [(e.resource, e.action, e.id) for e in events] == [("custom_field", "deleted", field["id"])]


def test_delete_product_custom_field_frees_its_pair(client: httpx.Client) -> None:
    field = add(client)
    client.delete(f"{FIELDS}/{field['id']}")

    assert add(client)["name"] == "ISBN"


def test_delete_product_custom_field_unknown_id_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(f"{FIELDS}/999")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested custom field was not found.", "type": TYPE}
    assert snapshot(store) == before


def test_delete_product_deletes_its_custom_fields(client: httpx.Client, store: Store) -> None:
    field = add(client)
    kept = add(client, path=f"{PRODUCTS}/78/custom-fields")
    events: list[Event] = []
    unsubscribe = store.subscribe(events.append)
    try:
        assert client.delete(f"{PRODUCTS}/77").status_code == 204
    finally:
        unsubscribe()

    assert store.custom_fields.get(field["id"]) is None
    assert store.custom_fields.lookup("product_id", 77) == set()
    assert listed(client, 78) == [kept]
    assert ("custom_field", "deleted", field["id"]) in [(e.resource, e.action, e.id) for e in events]


# --- inline on products -------------------------------------------------------------


def test_create_product_with_custom_fields_stores_them(client: httpx.Client) -> None:
    body = {**NEW_PRODUCT, "custom_fields": [{"name": "ISBN", "value": "978-0"}, {"name": "Pages", "value": "320"}]}

    response = client.post(PRODUCTS, json=body)

    assert response.status_code == 200, response.text
    product_id = response.json()["data"]["id"]
    assert [(f["name"], f["value"]) for f in listed(client, product_id)] == [("ISBN", "978-0"), ("Pages", "320")]


def test_create_product_with_custom_fields_ignores_their_ids(client: httpx.Client) -> None:
    other = add(client)
    body = {**NEW_PRODUCT, "custom_fields": [{"id": other["id"], "name": "ISBN", "value": "978-0"}]}

    response = client.post(PRODUCTS, json=body)

    product_id = response.json()["data"]["id"]
    assert [f["id"] for f in listed(client, product_id)] == [other["id"] + 1]
    assert listed(client) == [other]


def test_create_product_with_a_repeated_custom_field_returns_409_and_creates_nothing(
    client: httpx.Client, store: Store
) -> None:
    before = snapshot(store)
    fields = [{"name": "ISBN", "value": "1"}, {"name": "Pages", "value": "2"}, {"name": "ISBN", "value": "1"}]

    response = client.post(PRODUCTS, json={**NEW_PRODUCT, "custom_fields": fields})

    assert response.status_code == 409
    assert response.json() == {
        "status": 409, "title": "The custom field is a duplicate.", "type": TYPE,
        "errors": {"custom_fields.2.name": "Item 0 of this request has the same name and value."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_create_product_with_more_than_200_custom_fields_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)
    fields = [{"name": f"F{n}", "value": "x"} for n in range(201)]

    response = client.post(PRODUCTS, json={**NEW_PRODUCT, "custom_fields": fields})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": INVALID, "type": TYPE, "errors": {"custom_fields": "must have at most 200 items"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_create_product_with_a_bad_custom_field_returns_422_naming_the_item(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW_PRODUCT, "custom_fields": [{"name": "ISBN"}]})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": INVALID, "type": TYPE, "errors": {"custom_fields.0.value": "error.path.missing"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_update_product_custom_fields_with_id_update_and_without_id_add(client: httpx.Client) -> None:
    kept, changed = add(client, "Kept", "1"), add(client, "Changed", "1")
    body = {"custom_fields": [{"id": changed["id"], "name": "Changed", "value": "2"}, {"name": "New", "value": "3"}]}

    response = client.put(f"{PRODUCTS}/77", json=body)

    assert response.status_code == 200, response.text
    assert listed(client) == [kept, {**changed, "value": "2"}, {"id": changed["id"] + 1, "name": "New", "value": "3"}]


def test_update_product_custom_fields_may_swap_two_pairs(client: httpx.Client) -> None:
    first, second = add(client, "Colour", "red"), add(client, "Colour", "blue")
    body = {"custom_fields": [{**first, "value": "blue"}, {**second, "value": "red"}]}

    response = client.put(f"{PRODUCTS}/77", json=body)

    assert response.status_code == 200, response.text
    assert [(f["id"], f["value"]) for f in listed(client)] == [(first["id"], "blue"), (second["id"], "red")]


def test_update_product_custom_field_of_another_product_returns_422(client: httpx.Client, store: Store) -> None:
    other = add(client, path=f"{PRODUCTS}/78/custom-fields")
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/77", json={"price": 1.0, "custom_fields": [{**other, "value": "x"}]})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The request payload is invalid.", "type": TYPE,
        "errors": {"custom_fields.0.id": f"{other['id']} is not a custom field of this product"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_update_product_custom_field_named_twice_returns_422(client: httpx.Client, store: Store) -> None:
    field = add(client)
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/77", json={"custom_fields": [field, {**field, "value": "other"}]})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The request payload is invalid.", "type": TYPE,
        "errors": {"custom_fields.1.id": "appears more than once in the request"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_update_product_custom_field_taking_a_kept_pair_returns_409(client: httpx.Client, store: Store) -> None:
    add(client, "ISBN", "978-0")
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/77", json={"price": 1.0, "custom_fields": [{"name": "ISBN", "value": "978-0"}]})

    assert response.status_code == 409
    assert response.json() == {
        "status": 409, "title": "The custom field is a duplicate.", "type": TYPE,
        "errors": {"custom_fields.0.name": "The product already has a custom field 'ISBN' with the value '978-0'."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_update_product_custom_fields_past_200_returns_422(client: httpx.Client, store: Store) -> None:
    fill(store, 77, 199)
    before = snapshot(store)

    response = client.put(
        f"{PRODUCTS}/77", json={"custom_fields": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]}
    )

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The product custom field limit has been reached.", "type": TYPE,
        "errors": {"custom_fields": "A product can have at most 200 custom fields."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_update_product_custom_fields_changing_the_200th_is_accepted(client: httpx.Client, store: Store) -> None:
    fill(store, 77, 200)
    last = listed(client, limit=250)[-1]

    response = client.put(f"{PRODUCTS}/77", json={"custom_fields": [{**last, "value": "changed"}]})

    assert response.status_code == 200, response.text


def test_get_product_include_custom_fields_then_put_round_trips(client: httpx.Client) -> None:
    fields = [add(client, "A", "1"), add(client, "B", "2")]
    product = client.get(f"{PRODUCTS}/77", params={"include": "custom_fields"}).json()["data"]
    assert product["custom_fields"] == fields

    response = client.put(f"{PRODUCTS}/77", json=product)

    assert response.status_code == 200, response.text
    assert listed(client) == fields


def test_get_products_include_custom_fields_renders_each_product_s(client: httpx.Client) -> None:
    field = add(client)

    body = client.get(PRODUCTS, params={"include": "custom_fields", "id:in": "77,78"}).json()

    assert [(p["id"], p["custom_fields"]) for p in body["data"]] == [(77, [field]), (78, [])]
