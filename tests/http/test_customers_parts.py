"""What hangs off v3 customers, through HTTP: addresses, attributes and their values, form-field
values, consent, stored instruments and the customer settings of the store and its channels."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
CUSTOMERS = f"{V3}/customers"
ADDRESSES = f"{CUSTOMERS}/addresses"
ATTRIBUTES = f"{CUSTOMERS}/attributes"
VALUES = f"{CUSTOMERS}/attribute-values"
FORM_FIELDS = f"{CUSTOMERS}/form-field-values"
SETTINGS = f"{CUSTOMERS}/settings"
TYPE = "/api-docs/getting-started/api-status-codes"
INVALID = "JSON data is missing or invalid"


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def error(status: int, title: str, errors: dict[str, str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"status": status, "title": title, "type": TYPE}
    if errors is not None:
        out["errors"] = errors
    return out


def address(customer_id: int = 1, **extra: Any) -> dict[str, Any]:
    return {
        "customer_id": customer_id, "first_name": "Ann", "last_name": "Lee", "address1": "1 Main St",
        "city": "Austin", "state_or_province": "Texas", "postal_code": "78759", "country_code": "US", **extra,
    }  # fmt: skip


@pytest.fixture
def customers(client: httpx.Client) -> list[dict[str, Any]]:
    people = [
        {"email": "ann@example.com", "first_name": "Ann", "last_name": "Lee"},
        {"email": "bob@example.com", "first_name": "Bob", "last_name": "Ray"},
    ]
    response = client.post(CUSTOMERS, json=people)
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = response.json()["data"]
    return data


def ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json()["data"]


# --------------------------------------------------------------------------- addresses


def test_create_addresses_returns_them_with_the_country_name(client: httpx.Client, customers: Any) -> None:
    data = ok(client.post(ADDRESSES, json=[address(1, phone="555", address_type="commercial", company="Acme")]))

    assert data == [
        {
            "id": 1, "customer_id": 1, "first_name": "Ann", "last_name": "Lee", "company": "Acme",
            "address1": "1 Main St", "address2": "", "city": "Austin", "state_or_province": "Texas",
            "postal_code": "78759", "country": "United States", "country_code": "US", "phone": "555",
            "address_type": "commercial",
        }
    ]  # fmt: skip


def test_create_addresses_skips_duplicates_silently(client: httpx.Client, customers: Any, store: Store) -> None:
    ok(client.post(ADDRESSES, json=[address(1)]))

    data = ok(
        client.post(ADDRESSES, json=[address(1, city="AUSTIN"), address(2), address(2), address(1, city="Dallas")])
    )

    assert [(a["customer_id"], a["city"]) for a in data] == [(2, "Austin"), (1, "Dallas")]
    assert len(store.customer_addresses) == 3


def test_create_addresses_of_unknown_customer_returns_422_and_stores_nothing(
    client: httpx.Client, customers: Any, store: Store
) -> None:
    before = snapshot(store)

    response = client.post(ADDRESSES, json=[address(1), address(9)])

    assert response.status_code == 422
    assert response.json() == error(
        422, "Create customer addresses failed.", {"1.customer_id": "The customer 9 does not exist."}
    )
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("item", "errors"),
    [
        ({"customer_id": 1, "first_name": "A"}, {
            "0.last_name": "error.path.missing", "0.address1": "error.path.missing", "0.city": "error.path.missing",
            "0.state_or_province": "error.path.missing", "0.postal_code": "error.path.missing",
            "0.country_code": "error.path.missing"}),
        (address(country_code="USA"), {"0.country_code": "must be at most 2 characters long"}),
        (address(city="c" * 101), {"0.city": "must be at most 100 characters long"}),
        (address(postal_code="1" * 31), {"0.postal_code": "must be at most 30 characters long"}),
        (address(address_type="office"), {"0.address_type": "must be one of: residential, commercial"}),
    ],
)  # fmt: skip
def test_create_addresses_breaking_the_schema_returns_422(
    client: httpx.Client, customers: Any, store: Store, item: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(ADDRESSES, json=[item])

    assert response.status_code == 422
    assert response.json() == error(422, INVALID, errors)
    assert snapshot(store) == before


def test_update_addresses(client: httpx.Client, customers: Any) -> None:
    ok(client.post(ADDRESSES, json=[address(1), address(2)]))

    data = ok(
        client.put(ADDRESSES, json=[{"id": 2, "city": "Dallas", "form_fields": [{"name": "gate", "value": "7"}]}])
    )

    assert [(a["id"], a["city"], a["address1"]) for a in data] == [(2, "Dallas", "1 Main St")]
    listed = ok(client.get(ADDRESSES, params={"include": "formfields", "id:in": "2"}))
    assert listed[0]["form_fields"] == [{"name": "gate", "value": "7", "address_id": 2}]


def test_update_unknown_address_returns_422_and_changes_nothing(
    client: httpx.Client, customers: Any, store: Store
) -> None:
    ok(client.post(ADDRESSES, json=[address(1)]))
    before = snapshot(store)

    response = client.put(ADDRESSES, json=[{"id": 1, "city": "Dallas"}, {"id": 5}])

    assert response.status_code == 422
    assert response.json() == error(
        422, "Update customer addresses failed.", {"1.id": "The customer address 5 does not exist."}
    )
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, [1, 2, 3]),
        ({"customer_id:in": "2"}, [3]),
        ({"id:in": "1,3"}, [1, 3]),
        ({"company:in": "acme"}, [2]),
        ({"name:in": "bob ray"}, [3]),
        ({"limit": 1, "page": 2}, [2]),
    ],
)
def test_list_addresses_filters(
    client: httpx.Client, customers: Any, params: dict[str, Any], expected: list[int]
) -> None:
    ok(client.post(ADDRESSES, json=[address(1), address(1, city="Dallas", company="ACME"),
                                    address(2, first_name="Bob", last_name="Ray")]))  # fmt: skip

    assert [a["id"] for a in ok(client.get(ADDRESSES, params=params))] == expected


def test_delete_addresses(client: httpx.Client, customers: Any) -> None:
    ok(client.post(ADDRESSES, json=[address(1), address(2)]))

    response = client.delete(ADDRESSES, params={"id:in": "1"})

    assert response.status_code == 204
    assert [a["id"] for a in ok(client.get(ADDRESSES))] == [2]
    assert ok(client.get(CUSTOMERS, params={"id:in": "1"}))[0]["address_count"] == 0


def test_delete_addresses_needs_id_in(client: httpx.Client, customers: Any, store: Store) -> None:
    ok(client.post(ADDRESSES, json=[address(1)]))
    before = snapshot(store)

    response = client.delete(ADDRESSES)

    assert response.status_code == 422
    assert response.json() == error(422, "The filter(s) given are invalid.", {"id:in": "error.path.missing"})
    assert snapshot(store) == before


# --------------------------------------------------------------------------- attributes


def test_create_and_list_attributes(client: httpx.Client) -> None:
    created = ok(client.post(ATTRIBUTES, json=[{"name": "Age", "type": "number"}, {"name": "Born", "type": "date"}]))

    assert [(a["id"], a["name"], a["type"]) for a in created] == [(1, "Age", "number"), (2, "Born", "date")]
    assert set(created[0]) == {"id", "name", "type", "date_created", "date_modified"}
    assert [a["name"] for a in ok(client.get(ATTRIBUTES, params={"type": "date"}))] == ["Born"]
    assert [a["name"] for a in ok(client.get(ATTRIBUTES, params={"name": "AGE"}))] == ["Age"]
    assert [a["name"] for a in ok(client.get(ATTRIBUTES, params={"name:like": "or"}))] == ["Born"]


@pytest.mark.parametrize(
    ("items", "errors"),
    [
        ([{"name": "age", "type": "string"}], {"0.name": "A customer attribute named 'age' already exists."}),
        ([{"name": "X", "type": "string"}, {"name": "x", "type": "date"}],
         {"1.name": "Item 0 of this batch sets the same name."}),
    ],
)  # fmt: skip
def test_create_attributes_names_are_unique(
    client: httpx.Client, store: Store, items: list[dict[str, Any]], errors: dict[str, str]
) -> None:
    ok(client.post(ATTRIBUTES, json=[{"name": "Age", "type": "number"}]))
    before = snapshot(store)

    response = client.post(ATTRIBUTES, json=items)

    assert response.status_code == 422
    assert response.json() == error(422, "Create customer attributes failed.", errors)
    assert snapshot(store) == before


def test_create_attributes_past_50_returns_422(client: httpx.Client, store: Store) -> None:
    for start in range(0, 50, 10):
        ok(client.post(ATTRIBUTES, json=[{"name": f"a{i}", "type": "string"} for i in range(start, start + 10)]))
    before = snapshot(store)

    response = client.post(ATTRIBUTES, json=[{"name": "one more", "type": "string"}])

    assert response.status_code == 422
    assert response.json() == error(
        422, "The customer attribute limit has been reached.", {"": "A store can have at most 50 customer attributes."}
    )
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("item", "errors"),
    [
        ({"name": "X"}, {"0.type": "error.path.missing"}),
        ({"name": "X", "type": "boolean"}, {"0.type": "must be one of: string, number, date"}),
        ({"name": "", "type": "string"}, {"0.name": "must be at least 1 characters long"}),
        ({"name": "n" * 256, "type": "string"}, {"0.name": "must be at most 255 characters long"}),
    ],
)
def test_create_attributes_breaking_the_schema_returns_422(
    client: httpx.Client, item: dict[str, Any], errors: dict[str, str]
) -> None:
    response = client.post(ATTRIBUTES, json=[item])

    assert response.status_code == 422
    assert response.json() == error(422, INVALID, errors)


def test_update_attributes_renames_and_keeps_the_type(client: httpx.Client, store: Store) -> None:
    ok(client.post(ATTRIBUTES, json=[{"name": "Age", "type": "number"}, {"name": "Born", "type": "date"}]))

    data = ok(client.put(ATTRIBUTES, json=[{"id": 1, "name": "Years", "type": "number"}]))

    assert [(a["id"], a["name"], a["type"]) for a in data] == [(1, "Years", "number")]
    before = snapshot(store)
    refused = client.put(ATTRIBUTES, json=[{"id": 1, "name": "Years", "type": "string"}])
    assert refused.status_code == 422
    assert refused.json() == error(
        422, "Update customer attributes failed.", {"0.type": "cannot be changed: the attribute is of type number"}
    )
    taken = client.put(ATTRIBUTES, json=[{"id": 1, "name": "born"}])
    assert taken.json() == error(
        422, "Update customer attributes failed.", {"0.name": "A customer attribute named 'born' already exists."}
    )
    missing = client.put(ATTRIBUTES, json=[{"id": 8, "name": "Z"}])
    assert missing.json() == error(
        422, "Update customer attributes failed.", {"0.id": "The customer attribute 8 does not exist."}
    )
    assert snapshot(store) == before


def test_delete_attributes_takes_their_values(client: httpx.Client, customers: Any, store: Store) -> None:
    ok(client.post(ATTRIBUTES, json=[{"name": "Age", "type": "number"}, {"name": "Nick", "type": "string"}]))
    ok(client.put(VALUES, json=[{"attribute_id": 1, "customer_id": 1, "value": "4"},
                                {"attribute_id": 2, "customer_id": 1, "value": "Al"}]))  # fmt: skip

    response = client.delete(ATTRIBUTES, params={"id:in": "1"})

    assert response.status_code == 204
    assert [a["id"] for a in ok(client.get(ATTRIBUTES))] == [2]
    assert [v["attribute_id"] for v in ok(client.get(VALUES))] == [2]


# --------------------------------------------------------------------------- attribute values


def test_upsert_attribute_values_creates_then_replaces(client: httpx.Client, customers: Any, store: Store) -> None:
    ok(client.post(ATTRIBUTES, json=[{"name": "Age", "type": "number"}, {"name": "Born", "type": "date"}]))

    first = ok(client.put(VALUES, json=[{"attribute_id": 1, "customer_id": 1, "value": "41"},
                                        {"attribute_id": 2, "customer_id": 2, "value": "1990-04-01"}]))  # fmt: skip
    second = ok(client.put(VALUES, json=[{"attribute_id": 1, "customer_id": 1, "value": "42.5", "id": 1}]))

    assert [(v["id"], v["customer_id"], v["attribute_value"]) for v in first] == [(1, 1, "41"), (2, 2, "1990-04-01")]
    assert [(v["id"], v["attribute_value"]) for v in second] == [(1, "42.5")]
    assert len(store.customer_attribute_values) == 2
    assert ok(client.get(CUSTOMERS, params={"id:in": "1"}))[0]["attribute_count"] == 1


@pytest.mark.parametrize(
    ("items", "errors"),
    [
        ([{"attribute_id": 1, "customer_id": 1, "value": "old"}], {"0.value": "must be a value of the attribute's type, number"}),
        ([{"attribute_id": 2, "customer_id": 1, "value": "14/05/2024"}], {"0.value": "must be a value of the attribute's type, date"}),
        ([{"attribute_id": 9, "customer_id": 1, "value": "x"}], {"0.attribute_id": "The customer attribute 9 does not exist."}),
        ([{"attribute_id": 3, "customer_id": 7, "value": "x"}], {"0.customer_id": "The customer 7 does not exist."}),
        ([{"attribute_id": 3, "customer_id": 1, "value": "x"}, {"attribute_id": 3, "customer_id": 1, "value": "y"}],
         {"1.attribute_id": "Item 0 of this batch sets the same attribute_id."}),
        ([{"attribute_id": 3, "customer_id": 1, "value": "x", "id": 77}],
         {"0.id": "The customer attribute value 77 does not exist."}),
    ],
)  # fmt: skip
def test_upsert_attribute_values_refused_writes_nothing(
    client: httpx.Client, customers: Any, store: Store, items: list[dict[str, Any]], errors: dict[str, str]
) -> None:
    ok(client.post(ATTRIBUTES, json=[{"name": "Age", "type": "number"}, {"name": "Born", "type": "date"},
                                     {"name": "Nick", "type": "string"}]))  # fmt: skip
    before = snapshot(store)

    response = client.put(VALUES, json=items)

    assert response.status_code == 422
    assert response.json() == error(422, "Upsert customer attribute values failed.", errors)
    assert snapshot(store) == before


def test_upsert_attribute_values_of_more_than_10_customers_returns_422(client: httpx.Client, store: Store) -> None:
    ok(
        client.post(
            CUSTOMERS, json=[{"email": f"c{i}@example.com", "first_name": "A", "last_name": "B"} for i in range(10)]
        )
    )
    ok(client.post(CUSTOMERS, json=[{"email": "c10@example.com", "first_name": "A", "last_name": "B"}]))
    ok(client.post(ATTRIBUTES, json=[{"name": "Nick", "type": "string"}]))
    before = snapshot(store)

    response = client.put(VALUES, json=[{"attribute_id": 1, "customer_id": i, "value": "x"} for i in range(1, 12)])

    assert response.status_code == 422
    assert response.json() == error(
        422,
        "Upsert customer attribute values failed.",
        {"": "Values of at most 10 customers can be saved per request."},
    )
    assert snapshot(store) == before


def test_list_and_delete_attribute_values(client: httpx.Client, customers: Any) -> None:
    ok(client.post(ATTRIBUTES, json=[{"name": "Age", "type": "number"}, {"name": "Nick", "type": "string"}]))
    ok(client.put(VALUES, json=[{"attribute_id": 1, "customer_id": 1, "value": "4"},
                                {"attribute_id": 2, "customer_id": 1, "value": "Al"},
                                {"attribute_id": 2, "customer_id": 2, "value": "Bo"}]))  # fmt: skip

    assert [v["id"] for v in ok(client.get(VALUES, params={"customer_id:in": "2"}))] == [3]
    assert [v["id"] for v in ok(client.get(VALUES, params={"attribute_id:in": "2"}))] == [2, 3]
    assert [v["id"] for v in ok(client.get(VALUES, params={"name": "nick"}))] == [2, 3]
    assert ok(client.get(VALUES, params={"name": "nothing"})) == []
    assert client.delete(VALUES, params={"id:in": "2,3"}).status_code == 204
    assert [v["id"] for v in ok(client.get(VALUES))] == [1]


# --------------------------------------------------------------------------- form fields


def test_form_field_values_of_customers_and_addresses(client: httpx.Client) -> None:
    ok(client.post(CUSTOMERS, json=[{
        "email": "a@example.com", "first_name": "A", "last_name": "B",
        "form_fields": [{"name": "size", "value": "L"}, {"name": "age", "value": 30}],
        "addresses": [{"first_name": "A", "last_name": "B", "address1": "x", "city": "y", "country_code": "US",
                       "form_fields": [{"name": "gate", "value": ["north", "south"]}]}],
    }]))  # fmt: skip

    every = ok(client.get(FORM_FIELDS))

    assert every == [
        {"name": "size", "value": "L", "customer_id": 1},
        {"name": "age", "value": 30, "customer_id": 1},
        {"name": "gate", "value": ["north", "south"], "address_id": 1},
    ]
    assert ok(client.get(FORM_FIELDS, params={"address_id": 1})) == [every[2]]
    assert ok(client.get(FORM_FIELDS, params={"customer_id": 1, "field_name": "age"})) == [every[1]]
    assert ok(client.get(FORM_FIELDS, params={"field_type": "checkboxes"})) == [every[2]]
    assert ok(client.get(FORM_FIELDS, params={"field_type": "numbers"})) == [every[1]]


def test_update_customer_replaces_a_form_field_value(client: httpx.Client, store: Store) -> None:
    ok(client.post(CUSTOMERS, json=[{"email": "a@example.com", "first_name": "A", "last_name": "B",
                                     "form_fields": [{"name": "size", "value": "L"}]}]))  # fmt: skip

    ok(client.put(CUSTOMERS, json=[{"id": 1, "form_fields": [{"name": "size", "value": "M"}]}]))

    assert ok(client.get(FORM_FIELDS)) == [{"name": "size", "value": "M", "customer_id": 1}]


def test_form_field_values_page_by_cursor(client: httpx.Client) -> None:
    ok(client.post(CUSTOMERS, json=[{"email": "a@example.com", "first_name": "A", "last_name": "B",
                                     "form_fields": [{"name": f"f{i}", "value": "v"} for i in range(3)]}]))  # fmt: skip

    body = client.get(FORM_FIELDS, params={"limit": 2, "after": "aWQ6MQ=="}).json()

    assert [f["name"] for f in body["data"]] == ["f1", "f2"]
    assert body["meta"]["cursor_pagination"]["count"] == 2


def test_updateCustomerFormFieldValues_creates_and_replaces_values_of_customers_and_addresses(
    client: httpx.Client, customers: Any
) -> None:
    ok(client.post(ADDRESSES, json=[address()]))

    saved = ok(client.put(FORM_FIELDS, json=[
        {"customer_id": 1, "name": "Sales Rep", "value": "Moneypenny"},
        {"address_id": 1, "name": "Gate code", "value": ["A", "7"]},
    ]))  # fmt: skip
    again = ok(client.put(FORM_FIELDS, json=[{"customer_id": 1, "name": "Sales Rep", "value": 7.5}]))

    assert saved == [
        {"name": "Sales Rep", "value": "Moneypenny", "customer_id": 1},
        {"name": "Gate code", "value": ["A", "7"], "address_id": 1},
    ]
    assert again == [{"name": "Sales Rep", "value": 7.5, "customer_id": 1}]
    assert ok(client.get(FORM_FIELDS)) == [again[0], saved[1]]


@pytest.mark.parametrize(
    ("items", "errors"),
    [
        ([{"customer_id": 99, "name": "x", "value": "y"}], {"0.customer_id": "The customer 99 does not exist."}),
        ([{"address_id": 99, "name": "x", "value": "y"}], {"0.address_id": "The customer address 99 does not exist."}),
        ([{"name": "x", "value": "y"}], {"0.customer_id": "An item names a customer (customer_id) or an address (address_id), not both or neither."}),
        (
            [{"customer_id": 1, "name": "ok", "value": "y"}, {"customer_id": 1, "address_id": 1, "name": "x", "value": "y"}],
            {"1.customer_id": "An item names a customer (customer_id) or an address (address_id), not both or neither."},
        ),
    ],
)  # fmt: skip
def test_updateCustomerFormFieldValues_refuses_an_item_without_one_existing_owner_and_writes_none(
    client: httpx.Client, customers: Any, store: Store, items: list[dict[str, Any]], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.put(FORM_FIELDS, json=items)

    assert response.status_code == 422
    assert response.json() == error(422, "Upsert customer form field values failed.", errors)
    assert snapshot(store) == before


# --------------------------------------------------------------------------- consent and instruments


def test_consent_starts_empty_and_is_set_by_put(client: httpx.Client, customers: Any, store: Store) -> None:
    first = client.get(f"{CUSTOMERS}/1/consent")

    assert first.status_code == 200
    assert {k: v for k, v in first.json().items() if k != "updated_at"} == {"allow": [], "deny": []}
    put = client.put(f"{CUSTOMERS}/1/consent", json={"allow": ["essential", "functional"], "deny": ["targeting"]})
    assert put.status_code == 200
    assert {k: v for k, v in put.json().items() if k != "updated_at"} == {
        "allow": ["essential", "functional"], "deny": ["targeting"]
    }  # fmt: skip
    assert client.get(f"{CUSTOMERS}/1/consent").json()["allow"] == ["essential", "functional"]
    assert client.get(f"{CUSTOMERS}/2/consent").json()["allow"] == []


def test_consent_refuses_a_category_both_allowed_and_denied(client: httpx.Client, customers: Any, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{CUSTOMERS}/1/consent", json={"allow": ["analytics"], "deny": ["analytics"]})

    assert response.status_code == 422
    assert response.json() == error(
        422, "The customer consent is invalid.", {"deny": "A category cannot be both allowed and denied: analytics."}
    )
    assert snapshot(store) == before


def test_consent_refuses_unknown_categories(client: httpx.Client, customers: Any) -> None:
    response = client.put(f"{CUSTOMERS}/1/consent", json={"allow": ["marketing"]})

    assert response.status_code == 422
    assert response.json() == error(
        422, INVALID, {"allow.0": "must be one of: essential, functional, analytics, targeting"}
    )


@pytest.mark.parametrize("method", ["GET", "PUT"])
def test_consent_of_unknown_customer_returns_404(client: httpx.Client, method: str) -> None:
    response = client.request(method, f"{CUSTOMERS}/9/consent", json={"allow": []} if method == "PUT" else None)

    assert response.status_code == 404
    assert response.json() == error(404, "The requested customer was not found.")


def test_stored_instruments_are_an_empty_list(client: httpx.Client, customers: Any) -> None:
    response = client.get(f"{CUSTOMERS}/1/stored-instruments")
    missing = client.get(f"{CUSTOMERS}/9/stored-instruments")

    assert (response.status_code, response.json()) == (200, [])
    assert missing.status_code == 404


def test_stored_instruments_need_their_own_scope(scoped_client: Any, client: httpx.Client, customers: Any) -> None:
    response = scoped_client(["store_v2_customers"]).get(f"{CUSTOMERS}/1/stored-instruments")

    assert response.status_code == 403


# --------------------------------------------------------------------------- settings


def test_store_settings_defaults_and_update(client: httpx.Client, store: Store) -> None:
    default = client.get(SETTINGS)

    assert default.status_code == 200
    assert default.json() == {
        "data": {
            "privacy_settings": {"ask_shopper_for_tracking_consent": False, "policy_url": ""},
            "customer_group_settings": {"guest_customer_group_id": 0, "default_customer_group_id": 0},
        },
        "meta": {},
    }
    put = client.put(SETTINGS, json={"privacy_settings": {"ask_shopper_for_tracking_consent": True,
                                                          "policy_url": "https://example.com/privacy"}})  # fmt: skip
    assert put.json()["data"]["privacy_settings"] == {
        "ask_shopper_for_tracking_consent": True, "policy_url": "https://example.com/privacy"
    }  # fmt: skip
    assert client.get(SETTINGS).json() == put.json()


def test_channel_settings_inherit_the_store_and_override_it(client: httpx.Client) -> None:
    client.put(SETTINGS, json={"privacy_settings": {"policy_url": "https://example.com/p"}})

    inherited = client.get(f"{SETTINGS}/channels/2").json()["data"]
    put = client.put(
        f"{SETTINGS}/channels/2",
        json={"allow_global_logins": False, "privacy_settings": {"policy_url": "https://two.example/p"}},
    )
    other = client.get(f"{SETTINGS}/channels/3").json()["data"]  # fmt: skip

    assert inherited["privacy_settings"]["policy_url"] == "https://example.com/p"
    assert inherited["allow_global_logins"] is True
    assert put.status_code == 200
    assert put.json()["data"]["allow_global_logins"] is False
    assert put.json()["data"]["privacy_settings"]["policy_url"] == "https://two.example/p"
    assert other["privacy_settings"]["policy_url"] == "https://example.com/p"
    assert client.get(SETTINGS).json()["data"]["privacy_settings"]["policy_url"] == "https://example.com/p"


def test_settings_refuse_an_unknown_customer_group(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(SETTINGS, json={"customer_group_settings": {"default_customer_group_id": 5}})

    assert response.status_code == 422
    assert response.json() == error(
        422, "The customer settings are invalid.",
        {"customer_group_settings.default_customer_group_id": "The customer group 5 does not exist."},
    )  # fmt: skip
    assert snapshot(store) == before


def test_settings_refuse_unknown_fields(client: httpx.Client) -> None:
    response = client.put(SETTINGS, json={"allow_global_logins": True})

    assert response.status_code == 422
    assert response.json() == error(422, INVALID, {"allow_global_logins": "is not a field this resource accepts"})


def test_addresses_take_iso_country_codes_in_any_case(client: httpx.Client, customers: Any, store: Store) -> None:
    made = ok(client.post(ADDRESSES, json=[address(1, country_code="gb")]))
    before = snapshot(store)

    refused = client.post(ADDRESSES, json=[address(1, country_code="XX")])
    refused_update = client.put(ADDRESSES, json=[{"id": made[0]["id"], "country_code": "QQ"}])
    inline = client.post(CUSTOMERS, json=[{"email": "z@example.com", "first_name": "Z", "last_name": "Z", "addresses": [
        {"first_name": "A", "last_name": "B", "address1": "x", "city": "y", "country_code": "ZZ"}]}])  # fmt: skip

    assert (made[0]["country_code"], made[0]["country"]) == ("GB", "United Kingdom")
    assert refused.json() == error(
        422, "Create customer addresses failed.", {"0.country_code": "'XX' is not a two-letter ISO 3166-1 country code"}
    )
    assert refused_update.json() == error(
        422, "Update customer addresses failed.", {"0.country_code": "'QQ' is not a two-letter ISO 3166-1 country code"}
    )
    assert inline.json() == error(
        422, "Create customers failed.",
        {"0.addresses.0.country_code": "'ZZ' is not a two-letter ISO 3166-1 country code"},
    )  # fmt: skip
    assert snapshot(store) == before


def test_address_writes_emit_customer_address_events(client: httpx.Client, customers: Any, store: Store) -> None:
    from mockbc.domain.events import Event

    events: list[Event] = []
    unsubscribe = store.subscribe(events.append)
    try:
        ok(client.post(ADDRESSES, json=[address(1)]))
        ok(client.put(ADDRESSES, json=[{"id": 1, "city": "Dallas"}]))
        client.delete(ADDRESSES, params={"id:in": "1"})
    finally:
        unsubscribe()

    assert [e.scope for e in events] == [
        "store/customer/address/created", "store/customer/address/updated", "store/customer/address/deleted"
    ]  # fmt: skip
