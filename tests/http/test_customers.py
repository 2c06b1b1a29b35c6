"""v3 customers through HTTP: /v3/customers lists, batches, deletes and credential checks."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.clock import FrozenClock
from mockbc.domain.customer_passwords import PARAMETERS, hash_password, verify_password
from mockbc.domain.events import Event

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
CUSTOMERS = f"{V3}/customers"
TYPE = "/api-docs/getting-started/api-status-codes"
JANUARY = datetime(2024, 1, 10, 9, 30, tzinfo=UTC)


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def error(status: int, title: str, errors: dict[str, str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"status": status, "title": title, "type": TYPE}
    if errors is not None:
        out["errors"] = errors
    return out


def person(email: str, first: str = "Ann", last: str = "Lee", **extra: Any) -> dict[str, Any]:
    return {"email": email, "first_name": first, "last_name": last, **extra}


def create(client: httpx.Client, *people: dict[str, Any]) -> list[dict[str, Any]]:
    response = client.post(CUSTOMERS, json=list(people))
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = response.json()["data"]
    return data


def ids(client: httpx.Client, **params: Any) -> list[int]:
    response = client.get(CUSTOMERS, params=params)
    assert response.status_code == 200, response.text
    return [c["id"] for c in response.json()["data"]]


@pytest.fixture
def clock(store: Store, monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    frozen = FrozenClock(JANUARY)
    monkeypatch.setattr(store, "clock", frozen)
    return frozen


@pytest.fixture
def five(client: httpx.Client, clock: FrozenClock) -> list[dict[str, Any]]:
    """Five customers, created a day apart from 2024-01-10 09:30 UTC."""
    made = []
    rows = [
        ("ann@example.com", "Ann", "Lee", "Acme", "555-0101"),
        ("bob@example.com", "Bob", "Moriarty", "Globex", "555-0102"),
        ("cyd@example.com", "Cyd", "Holmes", "acme", "555-0103"),
        ("dee@example.com", "Dee", "Adams", "", "555-0104"),
        ("eve@example.com", "Eve", "Sherlock", "Initech", ""),
    ]
    for day, (email, first, last, company, phone) in enumerate(rows):
        clock.set(JANUARY.replace(day=10 + day))
        made += create(client, person(email, first, last, company=company, phone=phone))
    return made


# --------------------------------------------------------------------------- create


def test_create_customers_returns_200_with_every_field(client: httpx.Client, clock: FrozenClock) -> None:
    response = client.post(
        CUSTOMERS,
        json=[person("jane@example.com", "Jane", "Smith", company="Acme", phone="555-123", notes="VIP",
                     tax_exempt_category="G", authentication={"force_password_reset": True, "new_password": "Pass1234"},
                     accepts_product_review_abandoned_cart_emails=True, store_credit_amounts=[{"amount": 43.15}],
                     origin_channel_id=1, channel_ids=[1], trigger_account_created_notification=True)],
    )  # fmt: skip

    assert response.status_code == 200
    assert response.json() == {
        "data": [
            {
                "id": 1, "email": "jane@example.com", "first_name": "Jane", "last_name": "Smith", "company": "Acme",
                "phone": "555-123", "registration_ip_address": "", "notes": "VIP", "tax_exempt_category": "G",
                "customer_group_id": 0, "date_created": "2024-01-10T09:30:00Z", "date_modified": "2024-01-10T09:30:00Z",
                "address_count": 0, "attribute_count": 0, "authentication": {"force_password_reset": True},
                "accepts_product_review_abandoned_cart_emails": True, "origin_channel_id": 1, "channel_ids": [1],
            }
        ],
        "meta": {},
    }  # fmt: skip


def test_create_customers_with_addresses_attributes_and_form_fields(client: httpx.Client, store: Store) -> None:
    attribute = client.post(f"{CUSTOMERS}/attributes", json=[{"name": "Age", "type": "number"}]).json()["data"][0]
    address = {"first_name": "Jo", "last_name": "Bo", "address1": "1 Main St", "city": "Austin", "country_code": "US",
               "form_fields": [{"name": "gate", "value": "B"}]}  # fmt: skip

    (made,) = create(
        client,
        person("jo@example.com", addresses=[address], attributes=[{"attribute_id": attribute["id"], "attribute_value": "41"}],
               form_fields=[{"name": "size", "value": ["L", "XL"]}]),
    )  # fmt: skip

    assert (made["address_count"], made["attribute_count"]) == (1, 1)
    got = client.get(CUSTOMERS, params={"include": "addresses,attributes,formfields,storecredit"}).json()["data"][0]
    assert [a["address1"] for a in got["addresses"]] == ["1 Main St"]
    assert got["addresses"][0]["country"] == "United States"
    assert got["addresses"][0]["form_fields"] == [{"name": "gate", "value": "B", "address_id": 1}]
    assert [(v["attribute_id"], v["attribute_value"]) for v in got["attributes"]] == [(attribute["id"], "41")]
    assert got["form_fields"] == [{"name": "size", "value": ["L", "XL"], "customer_id": made["id"]}]
    assert got["store_credit_amounts"] == []


def test_list_customers_without_include_has_no_sub_resources(client: httpx.Client) -> None:
    create(client, person("a@example.com", addresses=[
        {"first_name": "A", "last_name": "B", "address1": "x", "city": "y", "country_code": "GB"}]))  # fmt: skip

    (got,) = client.get(CUSTOMERS).json()["data"]

    assert not {"addresses", "attributes", "form_fields", "store_credit_amounts"} & set(got)
    assert got["address_count"] == 1


def test_include_shopper_profile_and_segments(client: httpx.Client) -> None:
    create(client, person("a@example.com"))

    (got,) = client.get(CUSTOMERS, params={"include": "shopper_profile_id,segment_ids"}).json()["data"]
    (again,) = client.get(CUSTOMERS, params={"include": "shopper_profile_id"}).json()["data"]

    assert got["segment_ids"] == []
    assert len(got["shopper_profile_id"]) == 36 and again["shopper_profile_id"] == got["shopper_profile_id"]


def test_create_customers_emits_created_events(client: httpx.Client, store: Store) -> None:
    events: list[Event] = []
    unsubscribe = store.subscribe(events.append)
    try:
        create(client, person("a@example.com"), person("b@example.com"))
    finally:
        unsubscribe()
    assert [(e.resource, e.action, e.id) for e in events] == [("customer", "created", 1), ("customer", "created", 2)]


@pytest.mark.parametrize("taken", ["ann@example.com", "ANN@Example.com"])
def test_create_customers_duplicate_email_in_store_returns_422_and_stores_nothing(
    client: httpx.Client, store: Store, taken: str
) -> None:
    create(client, person("ann@example.com"))
    before = snapshot(store)

    response = client.post(CUSTOMERS, json=[person("new@example.com"), person(taken)])

    assert response.status_code == 422
    assert response.json() == error(
        422,
        "Create customers failed.",
        {"1.email": f"The email address '{taken}' is already in use by another customer."},
    )
    assert snapshot(store) == before


def test_create_customers_duplicate_email_within_batch_returns_422_and_stores_nothing(
    client: httpx.Client, store: Store
) -> None:
    before = snapshot(store)

    response = client.post(CUSTOMERS, json=[person("a@example.com"), person("b@example.com"), person("A@EXAMPLE.com")])

    assert response.status_code == 422
    assert response.json() == error(
        422, "Create customers failed.", {"2.email": "Item 0 of this batch sets the same email."}
    )
    assert snapshot(store) == before
    assert ids(client) == []


def test_create_customers_more_than_10_returns_413(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(CUSTOMERS, json=[person(f"c{i}@example.com") for i in range(11)])

    assert response.status_code == 413
    assert response.json() == error(
        413, "The request payload is too large. The maximum items allowed in the array is 10.", {}
    )
    assert snapshot(store) == before


def test_create_customers_10_is_allowed(client: httpx.Client) -> None:
    assert len(create(client, *[person(f"c{i}@example.com") for i in range(10)])) == 10


@pytest.mark.parametrize(
    ("item", "errors"),
    [
        ({"first_name": "A", "last_name": "B"}, {"0.email": "error.path.missing"}),
        ({"email": "a@example.com", "last_name": "B"}, {"0.first_name": "error.path.missing"}),
        ({"email": "a@example.com", "first_name": "A"}, {"0.last_name": "error.path.missing"}),
        (person("not-an-email"), {"0.email": "must be a valid email"}),
        (person("a@b"[:2]), {"0.email": "must be at least 3 characters long"}),
        (person("a" * 245 + "@x.com"), {"0.email": "must be at most 250 characters long"}),
        (person("a@example.com", first="x" * 101), {"0.first_name": "must be at most 100 characters long"}),
        (person("a@example.com", first=""), {"0.first_name": "must be at least 1 characters long"}),
        (person("a@example.com", phone="1" * 51), {"0.phone": "must be at most 50 characters long"}),
        (person("a@example.com", company="c" * 256), {"0.company": "must be at most 255 characters long"}),
        (person("a@example.com", channel_ids=[]), {"0.channel_ids": "must have at least 1 items"}),
        (person("a@example.com", id=5), {"0.id": "is not a field this resource accepts"}),
        (person("a@example.com", registration_ip_address="1.2.3.4"),
         {"0.registration_ip_address": "is not a field this resource accepts"}),
        (person("a@example.com", addresses=[{"first_name": "A"}] ),
         {"0.addresses.0.last_name": "error.path.missing", "0.addresses.0.address1": "error.path.missing",
          "0.addresses.0.city": "error.path.missing", "0.addresses.0.country_code": "error.path.missing"}),
    ],
)  # fmt: skip
def test_create_customers_breaking_the_schema_returns_422_and_stores_nothing(
    client: httpx.Client, store: Store, item: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(CUSTOMERS, json=[item])

    assert response.status_code == 422
    assert response.json() == error(422, "JSON data is missing or invalid", errors)
    assert snapshot(store) == before


def test_create_customers_unknown_channels_return_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(
        CUSTOMERS,
        json=[
            person("a@example.com", origin_channel_id=2, channel_ids=[1, 2, 3]),
            person("b@example.com", origin_channel_id=5, channel_ids=[6]),
        ],
    )

    assert response.status_code == 422
    assert response.json() == error(
        422, "Create customers failed.",
        {"1.origin_channel_id": "Channel 5 does not exist.", "1.channel_ids": "Channel 6 does not exist."},
    )  # fmt: skip
    assert snapshot(store) == before
    (made,) = create(client, person("a@example.com", origin_channel_id=2, channel_ids=[1, 2, 3]))
    assert (made["origin_channel_id"], made["channel_ids"]) == (2, [1, 2, 3])


def test_customer_settings_of_a_channel_the_store_does_not_have_are_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)
    path = f"{V3}/customers/settings/channels/7"

    read = client.get(path)
    written = client.put(path, json={"customer_group_settings": {"default_customer_group_id": 0}})

    assert (read.status_code, read.json()) == (404, error(404, "The requested channel was not found."))
    assert (written.status_code, written.json()) == (404, error(404, "The requested channel was not found."))
    assert snapshot(store) == before
    assert client.get(f"{V3}/customers/settings/channels/3").status_code == 200


def test_create_customers_unknown_group_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(CUSTOMERS, json=[person("a@example.com", customer_group_id=99)])

    assert response.status_code == 422
    assert response.json() == error(
        422, "Create customers failed.", {"0.customer_group_id": "The customer group 99 does not exist."}
    )
    assert snapshot(store) == before


def test_create_customers_unknown_attribute_or_wrong_type_returns_422(client: httpx.Client, store: Store) -> None:
    client.post(f"{CUSTOMERS}/attributes", json=[{"name": "Born", "type": "date"}])
    before = snapshot(store)

    response = client.post(
        CUSTOMERS,
        json=[person("a@example.com", attributes=[{"attribute_id": 1, "attribute_value": "soon"},
                                                  {"attribute_id": 7, "attribute_value": "x"}])],
    )  # fmt: skip

    assert response.status_code == 422
    assert response.json() == error(
        422,
        "Create customers failed.",
        {
            "0.attributes.0.attribute_value": "must be a value of the attribute's type, date",
            "0.attributes.1.attribute_id": "The customer attribute 7 does not exist.",
        },
    )
    assert snapshot(store) == before


def test_create_customers_not_an_array_returns_422(client: httpx.Client, store: Store) -> None:
    response = client.post(CUSTOMERS, json=person("a@example.com"))

    assert response.status_code == 422
    assert response.json() == error(422, "JSON data is missing or invalid", {"body": "must be an array"})


# --------------------------------------------------------------------------- passwords


def test_password_is_never_returned_and_is_kept_as_an_scrypt_hash(client: httpx.Client, store: Store) -> None:
    response = client.post(CUSTOMERS, json=[person("a@example.com", authentication={"new_password": "Secret123"})])

    assert "Secret123" not in response.text and "password" not in response.text.replace("force_password_reset", "")
    listed = client.get(CUSTOMERS, params={"include": "addresses,storecredit,attributes,formfields"})
    assert "Secret123" not in listed.text
    stored = store.customers.get(1).password_hash
    scheme, n, r, p, salt, _digest = stored.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", PARAMETERS.n, PARAMETERS.r, PARAMETERS.p)
    assert "Secret123" not in stored and len(bytes.fromhex(salt)) == PARAMETERS.salt_bytes
    assert verify_password("Secret123", stored) and not verify_password("Secret124", stored)


def test_the_same_password_is_salted_differently() -> None:
    first, second = hash_password("same"), hash_password("same")

    assert first != second
    assert verify_password("same", first) and verify_password("same", second)


@pytest.mark.parametrize("stored", ["", "plain", "md5$1$2$3$00$00", "scrypt$x$8$1$00$00", "scrypt$16384$8$1$zz$00"])
def test_an_unreadable_hash_matches_no_password(stored: str) -> None:
    assert not verify_password("anything", stored)


VALIDATE = f"{CUSTOMERS}/validate-credentials"


def test_validate_credentials(client: httpx.Client) -> None:
    create(client, person("a@example.com", authentication={"new_password": "Secret123"}), person("b@example.com"))

    good = client.post(VALIDATE, json={"email": "A@example.com", "password": "Secret123"})
    wrong = client.post(VALIDATE, json={"email": "a@example.com", "password": "secret123"})
    unknown = client.post(VALIDATE, json={"email": "nobody@example.com", "password": "Secret123"})
    no_password = client.post(VALIDATE, json={"email": "b@example.com", "password": ""})

    assert (good.status_code, good.json()) == (200, {"customer_id": 1, "is_valid": True})
    assert wrong.json() == unknown.json() == no_password.json() == {"customer_id": None, "is_valid": False}


def test_validate_credentials_checks_the_channel(client: httpx.Client) -> None:
    create(client, person("a@example.com", channel_ids=[2], authentication={"new_password": "Secret123"}))

    default = client.post(VALIDATE, json={"email": "a@example.com", "password": "Secret123"})
    two = client.post(VALIDATE, json={"email": "a@example.com", "password": "Secret123", "channel_id": 2})

    assert default.json() == {"customer_id": None, "is_valid": False}
    assert two.json() == {"customer_id": 1, "is_valid": True}


def test_validate_credentials_requires_email_and_password(client: httpx.Client) -> None:
    response = client.post(VALIDATE, json={"email": "a@example.com"})

    assert response.status_code == 422
    assert response.json() == error(422, "JSON data is missing or invalid", {"password": "error.path.missing"})


def test_update_sets_a_new_password_and_force_reset(client: httpx.Client, store: Store) -> None:
    create(client, person("a@example.com", authentication={"new_password": "Old12345"}))

    response = client.put(CUSTOMERS, json=[{"id": 1, "authentication": {"new_password": "New12345",
                                                                       "force_password_reset": True}}])  # fmt: skip

    assert response.status_code == 200
    assert response.json()["data"][0]["authentication"] == {"force_password_reset": True}
    assert "New12345" not in response.text
    assert client.post(VALIDATE, json={"email": "a@example.com", "password": "New12345"}).json()["is_valid"]
    assert not client.post(VALIDATE, json={"email": "a@example.com", "password": "Old12345"}).json()["is_valid"]


# --------------------------------------------------------------------------- update


def test_update_customers_changes_only_the_fields_given(client: httpx.Client, clock: FrozenClock) -> None:
    create(client, person("a@example.com", company="Acme"), person("b@example.com"))
    clock.set(JANUARY.replace(day=20))

    response = client.put(CUSTOMERS, json=[{"id": 1, "first_name": "Anna", "email": "anna@example.com"},
                                           {"id": 2, "customer_group_id": 0}])  # fmt: skip

    assert response.status_code == 200
    first, second = response.json()["data"]
    assert (first["first_name"], first["email"], first["company"], first["last_name"]) == (
        "Anna", "anna@example.com", "Acme", "Lee"
    )  # fmt: skip
    assert first["date_created"] == "2024-01-10T09:30:00Z" and first["date_modified"] == "2024-01-20T09:30:00Z"
    assert second["email"] == "b@example.com"


def test_update_customers_ignores_read_only_fields(client: httpx.Client) -> None:
    create(client, person("a@example.com"))

    response = client.put(CUSTOMERS, json=[{"id": 1, "registration_ip_address": "9.9.9.9", "origin_channel_id": 5}])

    assert response.status_code == 200
    (got,) = response.json()["data"]
    assert (got["registration_ip_address"], got["origin_channel_id"]) == ("", 1)


def test_update_customers_may_swap_emails_within_a_batch(client: httpx.Client) -> None:
    create(client, person("a@example.com"), person("b@example.com"))

    response = client.put(CUSTOMERS, json=[{"id": 1, "email": "b@example.com"}, {"id": 2, "email": "a@example.com"}])

    assert response.status_code == 200
    assert [c["email"] for c in response.json()["data"]] == ["b@example.com", "a@example.com"]


def test_update_customers_keeping_own_email_in_other_case_is_allowed(client: httpx.Client) -> None:
    create(client, person("a@example.com"))

    response = client.put(CUSTOMERS, json=[{"id": 1, "email": "A@Example.com"}])

    assert response.status_code == 200
    assert response.json()["data"][0]["email"] == "A@Example.com"


@pytest.mark.parametrize(
    ("items", "errors"),
    [
        ([{"id": 2, "email": "A@example.com"}], {"0.email": "The email address 'A@example.com' is already in use by another customer."}),
        ([{"id": 1, "email": "c@example.com"}, {"id": 2, "email": "C@example.com"}],
         {"1.email": "Item 0 of this batch sets the same email."}),
        ([{"id": 1, "first_name": "X"}, {"id": 9}], {"1.id": "The customer 9 does not exist."}),
        ([{"id": 1}, {"id": 1}], {"1.id": "appears more than once in the batch"}),
        ([{"id": 1, "customer_group_id": 4}], {"0.customer_group_id": "The customer group 4 does not exist."}),
        ([{"id": 1, "channel_ids": [1, 2]}, {"id": 2, "channel_ids": [3, 7, 8]}],
         {"1.channel_ids": "Channels 7 and 8 do not exist."}),
    ],
)  # fmt: skip
def test_update_customers_refused_item_refuses_the_batch(
    client: httpx.Client, store: Store, items: list[dict[str, Any]], errors: dict[str, str]
) -> None:
    create(client, person("a@example.com"), person("b@example.com"))
    before = snapshot(store)

    response = client.put(CUSTOMERS, json=items)

    assert response.status_code == 422
    assert response.json() == error(422, "Update customers failed.", errors)
    assert snapshot(store) == before


def test_update_customers_needs_an_id(client: httpx.Client, store: Store) -> None:
    response = client.put(CUSTOMERS, json=[{"first_name": "X"}])

    assert response.status_code == 422
    assert response.json() == error(422, "JSON data is missing or invalid", {"0.id": "error.path.missing"})


def test_update_customers_more_than_10_returns_413(client: httpx.Client, store: Store) -> None:
    response = client.put(CUSTOMERS, json=[{"id": i} for i in range(1, 12)])

    assert response.status_code == 413
    assert response.json()["title"] == "The request payload is too large. The maximum items allowed in the array is 10."


# --------------------------------------------------------------------------- delete


def test_delete_customers_by_id_in(client: httpx.Client, five: list[dict[str, Any]]) -> None:
    response = client.delete(CUSTOMERS, params={"id:in": "2,4,99"})

    assert response.status_code == 204 and response.content == b""
    assert ids(client) == [1, 3, 5]


def test_delete_customers_without_id_in_deletes_nothing(
    client: httpx.Client, store: Store, five: list[dict[str, Any]]
) -> None:
    before = snapshot(store)

    response = client.delete(CUSTOMERS)

    assert response.status_code == 204
    assert snapshot(store) == before


def test_delete_customers_bad_id_in_returns_422(client: httpx.Client, store: Store, five: list[dict[str, Any]]) -> None:
    before = snapshot(store)

    response = client.delete(CUSTOMERS, params={"id:in": "1,x"})

    assert response.status_code == 422
    assert response.json() == error(422, "The filter(s) given are invalid.", {"id:in": "'x' is not an integer"})
    assert snapshot(store) == before


def test_delete_customer_takes_its_addresses_values_and_form_fields(client: httpx.Client, store: Store) -> None:
    client.post(f"{CUSTOMERS}/attributes", json=[{"name": "Age", "type": "number"}])
    address = {"first_name": "A", "last_name": "B", "address1": "x", "city": "y", "country_code": "US",
               "form_fields": [{"name": "gate", "value": "B"}]}  # fmt: skip
    create(client, person("a@example.com", addresses=[address], attributes=[{"attribute_id": 1, "attribute_value": "3"}],
                          form_fields=[{"name": "size", "value": "L"}]))  # fmt: skip

    client.delete(CUSTOMERS, params={"id:in": "1"})

    assert len(store.customer_addresses) == len(store.customer_attribute_values) == 0
    assert len(store.customer_form_field_values) == 0
    assert len(store.customer_attributes) == 1


# --------------------------------------------------------------------------- lists


def test_list_customers_in_id_order_with_both_paginations(client: httpx.Client, five: list[dict[str, Any]]) -> None:
    body = client.get(CUSTOMERS, params={"limit": 2}).json()

    assert [c["id"] for c in body["data"]] == [1, 2]
    assert body["meta"] == {
        "pagination": {"total": 5, "count": 2, "per_page": 2, "current_page": 1, "total_pages": 3,
                       "links": {"current": "?page=1&limit=2", "next": "?page=2&limit=2"}},
        "cursor_pagination": {"count": 2, "per_page": 2, "start_cursor": "aWQ6MQ==", "end_cursor": "aWQ6Mg==",
                              "links": {"current": "?limit=2", "next": "?limit=2&after=aWQ6Mg%3D%3D"}},
    }  # fmt: skip


def test_list_customers_later_pages_carry_only_offset_pagination(
    client: httpx.Client, five: list[dict[str, Any]]
) -> None:
    body = client.get(CUSTOMERS, params={"limit": 2, "page": 3}).json()

    assert [c["id"] for c in body["data"]] == [5]
    assert set(body["meta"]) == {"pagination"}


def test_list_customers_by_cursor(client: httpx.Client, five: list[dict[str, Any]]) -> None:
    after = client.get(CUSTOMERS, params={"limit": 2, "after": "aWQ6Mg==", "page": 9}).json()
    before = client.get(CUSTOMERS, params={"limit": 2, "before": after["meta"]["cursor_pagination"]["start_cursor"]})

    assert [c["id"] for c in after["data"]] == [3, 4]
    assert after["meta"] == {
        "cursor_pagination": {
            "count": 2, "per_page": 2, "start_cursor": "aWQ6Mw==", "end_cursor": "aWQ6NA==",
            "links": {"current": "?limit=2&after=aWQ6Mg%3D%3D", "previous": "?limit=2&before=aWQ6Mw%3D%3D",
                      "next": "?limit=2&after=aWQ6NA%3D%3D"},
        }
    }  # fmt: skip
    assert [c["id"] for c in before.json()["data"]] == [1, 2]
    assert "previous" not in before.json()["meta"]["cursor_pagination"]["links"]


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"after": "nonsense"}, {"after": "'nonsense' is not a cursor"}),
        ({"after": "aWQ6MQ==", "before": "aWQ6Mg=="}, {"before": "before and after cannot be used together"}),
        ({"after": "aWQ6OTk="}, {"after": "'aWQ6OTk=' is not a cursor"}),
    ],
)
def test_list_customers_bad_cursor_returns_422(
    client: httpx.Client, five: list[dict[str, Any]], params: dict[str, str], errors: dict[str, str]
) -> None:
    response = client.get(CUSTOMERS, params=params)

    assert response.status_code == 422
    assert response.json() == error(422, "The filter(s) given are invalid.", errors)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"id:in": "2,4,99"}, [2, 4]),
        ({"email:in": "BOB@example.com,eve@example.com"}, [2, 5]),
        ({"name:in": "cyd holmes,Dee Adams"}, [3, 4]),
        ({"name:like": "mori"}, [2]),
        ({"name:like": "sherlock,moriarty"}, [2, 5]),
        ({"name:like": "n l"}, [1]),
        ({"company:in": "ACME"}, [1, 3]),
        ({"company:in": "globex,initech"}, [2, 5]),
        ({"phone:in": "555-0101,555-0104"}, [1, 4]),
        ({"customer_group_id:in": "0"}, [1, 2, 3, 4, 5]),
        ({"customer_group_id:in": "3"}, []),
        ({"date_created:min": "2024-01-12T09:30:00Z"}, [3, 4, 5]),
        ({"date_created:max": "2024-01-11T09:30:00Z"}, [1, 2]),
        ({"date_created": "2024-01-13T09:30:00Z"}, [4]),
        ({"date_modified:min": "2024-01-13", "date_modified:max": "2024-01-14T09:30:00Z"}, [4, 5]),
        ({"registration_ip_address:in": "1.2.3.4"}, []),
        ({"id:in": "1,2,3", "company:in": "acme"}, [1, 3]),
    ],
)
def test_list_customers_filters(
    client: httpx.Client, five: list[dict[str, Any]], params: dict[str, str], expected: list[int]
) -> None:
    assert ids(client, **params) == expected


def test_list_customers_registration_ip_address_filter(client: httpx.Client, store: Store) -> None:
    from dataclasses import replace

    create(client, person("a@example.com"), person("b@example.com"))
    store.customers.put(2, replace(store.customers.get(2), registration_ip_address="12.34.56.78"))

    assert ids(client, **{"registration_ip_address:in": "12.34.56.78,1.1.1.1"}) == [2]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("last_name:asc", [4, 3, 1, 2, 5]),
        ("last_name:desc", [5, 2, 1, 3, 4]),
        ("date_created:desc", [5, 4, 3, 2, 1]),
        ("date_created:asc", [1, 2, 3, 4, 5]),
        ("date_modified:desc", [5, 4, 3, 2, 1]),
    ],
)
def test_list_customers_sorted(
    client: httpx.Client, five: list[dict[str, Any]], sort: str, expected: list[int]
) -> None:
    assert ids(client, sort=sort) == expected


def test_list_customers_cursor_follows_the_sort(client: httpx.Client, five: list[dict[str, Any]]) -> None:
    first = client.get(CUSTOMERS, params={"sort": "last_name:asc", "limit": 2}).json()
    cursor = first["meta"]["cursor_pagination"]["end_cursor"]

    assert ids(client, sort="last_name:asc", limit=2, after=cursor) == [1, 2]


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"id:in": "a"}, {"id:in": "'a' is not an integer"}),
        ({"customer_group_id:in": "x"}, {"customer_group_id:in": "'x' is not an integer"}),
        ({"date_created:min": "yesterday"}, {"date_created:min": "'yesterday' is not a date"}),
        ({"limit": "abc"}, {"limit": "'abc' is not a number"}),
    ],
)
def test_list_customers_bad_filter_returns_422(
    client: httpx.Client, params: dict[str, str], errors: dict[str, str]
) -> None:
    response = client.get(CUSTOMERS, params=params)

    assert response.status_code == 422
    assert response.json() == error(422, "The filter(s) given are invalid.", errors)


def test_list_customers_limit_over_250_returns_413(client: httpx.Client) -> None:
    response = client.get(CUSTOMERS, params={"limit": 251})

    assert response.status_code == 413
    assert response.json() == error(
        413, "The limit is too high. The maximum limit is 250.", {"limit": "must be at most 250"}
    )


def test_customers_need_the_customers_scope(scoped_client: Any, store: Store) -> None:
    reader = scoped_client(["store_v2_customers_read_only"])
    other = scoped_client(["store_v2_products"])

    assert reader.get(CUSTOMERS).status_code == 200
    refused = reader.post(CUSTOMERS, json=[person("a@example.com")])
    assert refused.status_code == 403
    assert refused.json()["title"].startswith("Missing scope")
    assert other.get(CUSTOMERS).status_code == 403
    assert len(store.customers) == 0


def test_create_customers_more_than_10_inline_addresses_returns_422(client: httpx.Client, store: Store) -> None:
    one = {"first_name": "A", "last_name": "B", "address1": "x", "city": "y", "country_code": "US"}
    before = snapshot(store)

    response = client.post(
        CUSTOMERS, json=[person("a@example.com", addresses=[{**one, "city": f"c{i}"} for i in range(11)])]
    )

    assert response.status_code == 422
    assert response.json() == error(
        422, "JSON data is missing or invalid", {"0.addresses": "must have at most 10 items"}
    )
    assert snapshot(store) == before


def test_create_customers_skips_a_repeated_inline_address(client: httpx.Client) -> None:
    one = {"first_name": "A", "last_name": "B", "address1": "x", "city": "y", "country_code": "US"}

    (made,) = create(client, person("a@example.com", addresses=[one, {**one, "city": "Y "}]))

    assert made["address_count"] == 1


def test_update_customers_store_credit_and_channels(client: httpx.Client) -> None:
    create(client, person("a@example.com", store_credit_amounts=[{"amount": 5}]))

    response = client.put(CUSTOMERS, json=[{"id": 1, "store_credit_amounts": [{"amount": 1.5}, {"amount": 2}],
                                            "channel_ids": [1, 2]}])  # fmt: skip

    assert response.status_code == 200
    assert response.json()["data"][0]["channel_ids"] == [1, 2]
    got = client.get(CUSTOMERS, params={"include": "storecredit"}).json()["data"][0]
    assert got["store_credit_amounts"] == [{"amount": 1.5}, {"amount": 2.0}]


def test_a_customer_of_every_channel_has_no_channel_ids(client: httpx.Client) -> None:
    (made,) = create(client, person("a@example.com"))

    assert "channel_ids" not in made
