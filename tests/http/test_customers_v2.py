"""The v2 customers API through HTTP: customers, their addresses, password checks and customer
groups, on the same records the v3 API serves."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.clock import FrozenClock
from mockbc.domain.customer_passwords import verify_password

V2 = f"/stores/{DEFAULT_STORE_HASH}/v2"
V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
CUSTOMERS = f"{V2}/customers"
GROUPS = f"{V2}/customer_groups"
CREATED = datetime(2024, 3, 5, 21, 40, 11, tzinfo=UTC)
RFC = "Tue, 05 Mar 2024 21:40:11 +0000"


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def errors(status: int, *messages: str) -> list[dict[str, object]]:
    return [{"status": status, "message": message} for message in messages]


@pytest.fixture
def frozen(store: Store, monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    clock = FrozenClock(CREATED)
    monkeypatch.setattr(store, "clock", clock)
    return clock


def new(email: str, first: str = "Ann", last: str = "Lee", **extra: Any) -> dict[str, Any]:
    return {"first_name": first, "last_name": last, "email": email, **extra}


def create(client: httpx.Client, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(CUSTOMERS, json=body)
    assert response.status_code == 200, response.text
    created: dict[str, Any] = response.json()
    return created


def ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()]


@pytest.fixture
def five(client: httpx.Client, frozen: FrozenClock) -> list[dict[str, Any]]:
    rows = [
        ("ann@example.com", "Ann", "Lee", "Acme", "10"),
        ("bob@example.com", "Bob", "Ray", "Globex", "0"),
        ("cyd@example.com", "Cyd", "Lee", "acme", "2.5"),
        ("dee@example.com", "Dee", "Fox", "", "0"),
        ("eve@example.com", "Eve", "Ng", "Initech", "0"),
    ]
    made = []
    for day, (email, first, last, company, credit) in enumerate(rows):
        frozen.set(CREATED.replace(day=5 + day))
        made.append(create(client, new(email, first, last, company=company, store_credit=credit)))
    return made


# --------------------------------------------------------------------------- customers


def test_createCustomer_returns_the_v2_customer(client: httpx.Client, frozen: FrozenClock) -> None:
    response = client.post(
        CUSTOMERS,
        json=new("jane@example.com", "Jane", "Smith", company="Acme", phone="555", notes="VIP", store_credit="12.5",
                 tax_exempt_category="G", registration_ip_address="12.34.56.78",
                 _authentication={"password": "Secret123", "password_confirmation": "Secret123", "force_reset": True}),
    )  # fmt: skip

    assert response.status_code == 200
    assert response.json() == {
        "id": 1, "company": "Acme", "first_name": "Jane", "last_name": "Smith", "email": "jane@example.com",
        "phone": "555", "form_fields": None, "date_created": RFC, "date_modified": RFC, "store_credit": "12.5000",
        "registration_ip_address": "12.34.56.78", "customer_group_id": 0, "notes": "VIP", "tax_exempt_category": "G",
        "reset_pass_on_login": True, "accepts_marketing": False,
        "addresses": {"url": f"http://mockbc.test{CUSTOMERS}/1/addresses", "resource": "/customers/1/addresses"},
    }  # fmt: skip
    assert "Secret123" not in response.text and "_authentication" not in response.text


def test_createCustomer_without_a_password_makes_one_up(client: httpx.Client, store: Store) -> None:
    create(client, new("a@example.com"))

    stored = store.customers.get(1).password_hash
    assert stored.startswith("scrypt$") and not verify_password("", stored)


@pytest.mark.parametrize(
    ("body", "messages"),
    [
        ({"first_name": "A", "last_name": "B"}, ["The required field 'email' was not supplied."]),
        ({"email": "a@example.com"},
         ["The required field 'first_name' was not supplied.", "The required field 'last_name' was not supplied."]),
        (new("a@example.com", id=3), ["The field 'id' is invalid: is not a field this resource accepts."]),
        (new("a@example.com", date_modified=RFC),
         ["The field 'date_modified' cannot be written to. Please remove it from your request before trying again."]),
        (new("not-an-email"), ["The field 'email' is invalid: must be a valid email."]),
        (new("a@example.com", first="x" * 101), ["The field 'first_name' is invalid: must be at most 100 characters long."]),
        (new("a@example.com", store_credit="lots"), ["The field 'store_credit' is invalid: must be a number or a decimal string."]),
        (new("a@example.com", _authentication={"password": "a1", "password_confirmation": "b2"}),
         ["The field '_authentication.password_confirmation' is invalid: must be the same as password."]),
        (new("a@example.com", _authentication={"pass": "a1"}),
         ["The field '_authentication.pass' is invalid: is not a field this resource accepts."]),
        (new("a@example.com", _authentication={"force_reset": "yes"}),
         ["The field '_authentication.force_reset' is invalid: must be a boolean."]),
        (new("a@example.com", customer_group_id=8), ["The customer group 8 does not exist."]),
    ],
)  # fmt: skip
def test_createCustomer_refused_returns_400_and_stores_nothing(
    client: httpx.Client, store: Store, body: dict[str, Any], messages: list[str]
) -> None:
    before = snapshot(store)

    response = client.post(CUSTOMERS, json=body)

    assert response.status_code == 400
    assert response.json() == errors(400, *messages)
    assert snapshot(store) == before


@pytest.mark.parametrize("email", ["ann@example.com", "ANN@example.COM"])
def test_createCustomer_duplicate_email_returns_400(client: httpx.Client, store: Store, email: str) -> None:
    create(client, new("ann@example.com"))
    before = snapshot(store)

    response = client.post(CUSTOMERS, json=new(email))

    assert response.status_code == 400
    assert response.json() == errors(400, f"The email address '{email}' is already in use by another customer.")
    assert snapshot(store) == before


def test_getCustomer_and_404(client: httpx.Client) -> None:
    created = create(client, new("a@example.com"))

    assert client.get(f"{CUSTOMERS}/1").json() == created
    missing = client.get(f"{CUSTOMERS}/9")
    assert (missing.status_code, missing.json()) == (404, errors(404, "The requested resource was not found."))


def test_updateCustomer_is_partial(client: httpx.Client, frozen: FrozenClock) -> None:
    create(client, new("a@example.com", company="Acme", store_credit="3"))
    frozen.set(CREATED.replace(day=9))

    response = client.put(
        f"{CUSTOMERS}/1", json={"last_name": "Moss", "store_credit": 7.25, "reset_pass_on_login": True}
    )

    assert response.status_code == 200
    got = response.json()
    assert (got["first_name"], got["last_name"], got["company"], got["store_credit"]) == (
        "Ann",
        "Moss",
        "Acme",
        "7.2500",
    )
    assert got["reset_pass_on_login"] is True
    assert (got["date_created"], got["date_modified"]) == (RFC, "Sat, 09 Mar 2024 21:40:11 +0000")


def test_updateCustomer_sets_the_password_and_force_reset(client: httpx.Client) -> None:
    create(client, new("a@example.com", _authentication={"password": "Old12345"}))

    response = client.put(f"{CUSTOMERS}/1", json={"_authentication": {"password": "New12345", "force_reset": True}})

    assert response.status_code == 200 and response.json()["reset_pass_on_login"] is True
    assert client.post(f"{CUSTOMERS}/1/validate", json={"password": "New12345"}).json() == {"success": True}
    assert client.post(f"{CUSTOMERS}/1/validate", json={"password": "Old12345"}).json() == {"success": False}


@pytest.mark.parametrize(
    ("body", "status", "messages"),
    [
        ({"email": "B@example.com"}, 400, ["The email address 'B@example.com' is already in use by another customer."]),
        ({"id": 1}, 400, ["The field 'id' cannot be written to. Please remove it from your request before trying again."]),
        ({"accepts_marketing": True}, 400,
         ["The field 'accepts_marketing' cannot be written to. Please remove it from your request before trying again."]),
        ({"first_name": ""}, 400, ["The field 'first_name' is invalid: must be at least 1 characters long."]),
        ({"email": 5}, 400, ["The field 'email' is invalid: must be a string."]),
    ],
)  # fmt: skip
def test_updateCustomer_refused_changes_nothing(
    client: httpx.Client, store: Store, body: dict[str, Any], status: int, messages: list[str]
) -> None:
    create(client, new("a@example.com"))
    create(client, new("b@example.com"))
    before = snapshot(store)

    response = client.put(f"{CUSTOMERS}/1", json=body)

    assert response.status_code == status
    assert response.json() == errors(status, *messages)
    assert snapshot(store) == before


def test_updateCustomer_unknown_returns_404(client: httpx.Client) -> None:
    response = client.put(f"{CUSTOMERS}/4", json={"first_name": "X"})

    assert (response.status_code, response.json()) == (404, errors(404, "The requested resource was not found."))


def test_validateCustomerPassword(client: httpx.Client) -> None:
    create(client, new("a@example.com", _authentication={"password": "Secret123"}))

    good = client.post(f"{CUSTOMERS}/1/validate", json={"password": "Secret123"})
    bad = client.post(f"{CUSTOMERS}/1/validate", json={"password": "secret123"})
    empty = client.post(f"{CUSTOMERS}/1/validate", json={})
    missing = client.post(f"{CUSTOMERS}/7/validate", json={"password": "Secret123"})

    assert (good.status_code, good.json()) == (200, {"success": True})
    assert bad.json() == empty.json() == {"success": False}
    assert missing.status_code == 404


def test_getCustomers_is_a_bare_array_in_id_order(client: httpx.Client, five: list[dict[str, Any]]) -> None:
    response = client.get(CUSTOMERS)

    assert ids(response) == [1, 2, 3, 4, 5]
    assert response.json()[0] == five[0]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"first_name": "Bob"}, [2]),
        ({"last_name": "Lee"}, [1, 3]),
        ({"company": "ACME"}, [1, 3]),
        ({"email": "EVE@example.com"}, [5]),
        ({"store_credit": "2.5"}, [3]),
        ({"customer_group_id": 0}, [1, 2, 3, 4, 5]),
        ({"min_id": 4}, [4, 5]),
        ({"max_id": 2}, [1, 2]),
        ({"min_date_created": "Thu, 07 Mar 2024 21:40:11 +0000"}, [3, 4, 5]),
        ({"max_date_created": "2024-03-06T21:40:11Z"}, [1, 2]),
        ({"min_date_modified": "2024-03-08T00:00:00Z", "max_date_modified": "2024-03-08T23:00:00Z"}, [4]),
        ({"limit": 2, "page": 2}, [3, 4]),
        ({"limit": 2, "page": 3}, [5]),
    ],
)
def test_getCustomers_filters_and_pages(
    client: httpx.Client, five: list[dict[str, Any]], params: dict[str, Any], expected: list[int]
) -> None:
    assert ids(client.get(CUSTOMERS, params=params)) == expected


def test_getCustomers_past_the_end_and_no_match_return_204(client: httpx.Client, five: list[dict[str, Any]]) -> None:
    past = client.get(CUSTOMERS, params={"page": 9})
    none = client.get(CUSTOMERS, params={"first_name": "Zed"})

    assert (past.status_code, past.content) == (204, b"")
    assert (none.status_code, none.content) == (204, b"")


@pytest.mark.parametrize(
    ("params", "messages"),
    [
        ({"min_id": "x"}, ["The filter 'min_id' is invalid: 'x' is not an integer."]),
        ({"min_date_created": "soon"}, ["The filter 'min_date_created' is invalid: 'soon' is not a date."]),
        ({"page": "two"}, ["The filter 'page' is invalid: 'two' is not an integer."]),
        ({"store_credit": "x"}, ["The filter 'store_credit' is invalid: 'x' is not a number."]),
    ],
)
def test_getCustomers_bad_filter_returns_400(
    client: httpx.Client, five: list[dict[str, Any]], params: dict[str, Any], messages: list[str]
) -> None:
    response = client.get(CUSTOMERS, params=params)

    assert response.status_code == 400
    assert response.json() == errors(400, *messages)


def test_getCustomers_limit_over_250_returns_413(client: httpx.Client) -> None:
    response = client.get(CUSTOMERS, params={"limit": 251})

    assert response.status_code == 413
    assert response.json() == errors(413, "The limit is too high. The maximum limit is 250.")


def test_getCustomersCount_counts_what_the_filters_match(client: httpx.Client, five: list[dict[str, Any]]) -> None:
    assert client.get(f"{CUSTOMERS}/count").json() == {"count": 5}
    assert client.get(f"{CUSTOMERS}/count", params={"last_name": "Lee"}).json() == {"count": 2}


def test_deleteCustomer(client: httpx.Client, five: list[dict[str, Any]]) -> None:
    response = client.delete(f"{CUSTOMERS}/2")

    assert (response.status_code, response.content) == (204, b"")
    assert ids(client.get(CUSTOMERS)) == [1, 3, 4, 5]
    assert client.delete(f"{CUSTOMERS}/2").status_code == 404


def test_deleteCustomers_by_filter(client: httpx.Client, five: list[dict[str, Any]]) -> None:
    response = client.delete(CUSTOMERS, params={"last_name": "Lee"})

    assert response.status_code == 204
    assert ids(client.get(CUSTOMERS)) == [2, 4, 5]


def test_deleteCustomers_without_filter_deletes_every_customer(
    client: httpx.Client, store: Store, five: list[dict[str, Any]]
) -> None:
    client.post(f"{CUSTOMERS}/1/addresses", json=ADDRESS)

    response = client.delete(CUSTOMERS)

    assert response.status_code == 204
    assert client.get(CUSTOMERS).status_code == 204
    assert len(store.customers) == len(store.customer_addresses) == 0


def test_customers_v2_need_the_customers_scope(scoped_client: Any, store: Store) -> None:
    reader = scoped_client(["store_v2_customers_read_only"])

    assert reader.get(f"{CUSTOMERS}/count").status_code == 200
    refused = reader.post(CUSTOMERS, json=new("a@example.com"))
    assert refused.status_code == 403
    assert refused.json() == errors(403, "You do not have permission to access this resource.")
    assert len(store.customers) == 0


# --------------------------------------------------------------------------- one customer, both APIs


def test_a_customer_created_in_v3_is_read_in_v2_and_changed_back(client: httpx.Client, frozen: FrozenClock) -> None:
    made = client.post(f"{V3}/customers", json=[{
        "email": "v3@example.com", "first_name": "Vee", "last_name": "Three", "company": "Acme",
        "store_credit_amounts": [{"amount": 10}, {"amount": 2.5}], "authentication": {"new_password": "Secret123"},
    }]).json()["data"][0]  # fmt: skip

    v2 = client.get(f"{CUSTOMERS}/{made['id']}").json()
    assert (v2["email"], v2["first_name"], v2["company"], v2["store_credit"]) == (
        "v3@example.com", "Vee", "Acme", "12.5000"
    )  # fmt: skip
    assert v2["date_created"] == RFC
    assert client.post(f"{CUSTOMERS}/{made['id']}/validate", json={"password": "Secret123"}).json() == {"success": True}

    client.put(f"{CUSTOMERS}/{made['id']}", json={"first_name": "Vera", "_authentication": {"password": "Other999"}})
    v3 = client.get(f"{V3}/customers", params={"id:in": made["id"]}).json()["data"][0]
    assert v3["first_name"] == "Vera"
    check = client.post(
        f"{V3}/customers/validate-credentials", json={"email": "v3@example.com", "password": "Other999"}
    )
    assert check.json() == {"customer_id": made["id"], "is_valid": True}


def test_a_customer_created_in_v2_is_listed_in_v3_and_emails_stay_unique_across_both(client: httpx.Client) -> None:
    create(client, new("v2@example.com", store_credit="4"))

    v3 = client.get(f"{V3}/customers", params={"include": "storecredit"}).json()["data"]
    refused = client.post(f"{V3}/customers", json=[{"email": "V2@example.com", "first_name": "A", "last_name": "B"}])

    assert [(c["email"], c["store_credit_amounts"]) for c in v3] == [("v2@example.com", [{"amount": 4.0}])]
    assert refused.status_code == 422


# --------------------------------------------------------------------------- addresses

ADDRESS = {
    "first_name": "Ann", "last_name": "Lee", "company": "Acme", "street_1": "1 Main St", "street_2": "Unit 4",
    "city": "Austin", "state": "Texas", "zip": "78759", "country": "United States", "phone": "555-0101",
    "address_type": "residential",
}  # fmt: skip


def test_createCustomerAddress_returns_the_v2_address_also_seen_in_v3(client: httpx.Client) -> None:
    create(client, new("a@example.com"))

    response = client.post(f"{CUSTOMERS}/1/addresses", json=ADDRESS)

    assert response.status_code == 200
    assert response.json() == {"id": 1, "customer_id": 1, **ADDRESS, "country_iso2": "US"}
    v3 = client.get(f"{V3}/customers/addresses").json()["data"][0]
    assert (v3["address1"], v3["postal_code"], v3["state_or_province"], v3["country_code"]) == (
        "1 Main St", "78759", "Texas", "US"
    )  # fmt: skip


def test_createCustomerAddress_with_a_space_for_state(client: httpx.Client) -> None:
    create(client, new("a@example.com"))

    response = client.post(f"{CUSTOMERS}/1/addresses", json={**ADDRESS, "state": " ", "country": "singapore"})

    assert response.status_code == 200
    assert (response.json()["state"], response.json()["country"], response.json()["country_iso2"]) == (
        "",
        "Singapore",
        "SG",
    )


def test_createCustomerAddress_duplicate_answers_the_existing_address(client: httpx.Client, store: Store) -> None:
    create(client, new("a@example.com"))
    first = client.post(f"{CUSTOMERS}/1/addresses", json=ADDRESS).json()

    again = client.post(f"{CUSTOMERS}/1/addresses", json=ADDRESS)

    assert (again.status_code, again.json()) == (200, first)
    assert len(store.customer_addresses) == 1


@pytest.mark.parametrize(
    ("body", "messages"),
    [
        ({k: v for k, v in ADDRESS.items() if k != "phone"}, ["The required field 'phone' was not supplied."]),
        ({**ADDRESS, "country": "Atlantis"},
         ["The field 'country' is invalid: must be the full name of a country, such as United States."]),
        ({**ADDRESS, "zip": "9" * 31}, ["The field 'zip' is invalid: must be at most 30 characters long."]),
        ({**ADDRESS, "address_type": "office"},
         ["The field 'address_type' is invalid: must be one of: residential, commercial."]),
        ({**ADDRESS, "country_iso2": "US"}, ["The field 'country_iso2' is invalid: is not a field this resource accepts."]),
    ],
)  # fmt: skip
def test_createCustomerAddress_refused_stores_nothing(
    client: httpx.Client, store: Store, body: dict[str, Any], messages: list[str]
) -> None:
    create(client, new("a@example.com"))
    before = snapshot(store)

    response = client.post(f"{CUSTOMERS}/1/addresses", json=body)

    assert response.status_code == 400
    assert response.json() == errors(400, *messages)
    assert snapshot(store) == before


def test_createCustomerAddress_of_unknown_customer_returns_404(client: httpx.Client) -> None:
    response = client.post(f"{CUSTOMERS}/3/addresses", json=ADDRESS)

    assert (response.status_code, response.json()) == (404, errors(404, "The requested resource was not found."))


def test_customer_addresses_list_count_get_update_delete(client: httpx.Client) -> None:
    create(client, new("a@example.com"))
    create(client, new("b@example.com"))
    for city in ("Austin", "Dallas", "Waco"):
        client.post(f"{CUSTOMERS}/1/addresses", json={**ADDRESS, "city": city})
    client.post(f"{CUSTOMERS}/2/addresses", json=ADDRESS)

    assert ids(client.get(f"{CUSTOMERS}/1/addresses")) == [1, 2, 3]
    assert ids(client.get(f"{CUSTOMERS}/1/addresses", params={"limit": 2, "page": 2})) == [3]
    assert client.get(f"{CUSTOMERS}/1/addresses/count").json() == {"count": 3}
    assert client.get(f"{CUSTOMERS}/1/addresses/2").json()["city"] == "Dallas"
    assert client.get(f"{CUSTOMERS}/2/addresses/2").status_code == 404  # another customer's address
    updated = client.put(f"{CUSTOMERS}/1/addresses/2", json={"city": "Houston", "country": "Canada"})
    assert (updated.json()["city"], updated.json()["country_iso2"], updated.json()["street_1"]) == (
        "Houston",
        "CA",
        "1 Main St",
    )
    assert client.delete(f"{CUSTOMERS}/1/addresses/1").status_code == 204
    assert ids(client.get(f"{CUSTOMERS}/1/addresses")) == [2, 3]
    assert client.delete(f"{CUSTOMERS}/1/addresses").status_code == 204
    assert client.get(f"{CUSTOMERS}/1/addresses").status_code == 204
    assert ids(client.get(f"{CUSTOMERS}/2/addresses")) == [4]


# --------------------------------------------------------------------------- customer groups


def test_createCustomerGroup_and_read_it(client: httpx.Client, frozen: FrozenClock) -> None:
    response = client.post(GROUPS, json={"name": "Wholesale", "category_access": {"type": "all"}})

    assert response.status_code == 200
    group = {
        "id": 1, "name": "Wholesale", "is_default": False, "category_access": {"type": "all", "categories": []},
        "date_created": RFC, "date_modified": RFC, "is_group_for_guests": False,
    }  # fmt: skip
    assert response.json() == group
    assert client.get(f"{GROUPS}/1").json() == group
    assert client.get(GROUPS).json() == [group]
    assert client.get(f"{GROUPS}/count").json() == {"count": 1}


def test_customer_group_discount_rules_read_back(client: httpx.Client) -> None:
    rules = [{"type": "all", "method": "percent", "amount": "5"}, {"type": "price_list", "price_list_id": 3}]

    response = client.post(GROUPS, json={"name": "VIP", "discount_rules": rules})

    assert response.status_code == 200
    assert response.json()["discount_rules"] == [
        {"type": "all", "method": "percent", "amount": "5.0000"}, {"type": "price_list", "price_list_id": 3}
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "status", "messages"),
    [
        ({}, 400, ["The required field 'name' was not supplied."]),
        ({"name": "vip"}, 409, ["A customer group named 'vip' already exists."]),
        ({"name": "X", "category_access": {"type": "specific", "categories": [9999]}}, 400,
         ["Category ids do not exist: 9999."]),
        ({"name": "X", "category_access": {"type": "all", "categories": [1]}}, 400,
         ["The field 'category_access.categories' is invalid: can be given only when type is specific."]),
        ({"name": "X", "discount_rules": [{"type": "category", "method": "percent", "amount": "5"}]}, 400,
         ["The required field 'discount_rules.0.category_id' was not supplied."]),
        ({"name": "X", "discount_rules": [{"type": "all", "method": "percent", "amount": "150"}]}, 400,
         ["The field 'discount_rules.0.amount' is invalid: must be at most 100."]),
        ({"name": "X", "discount_rules": [{"type": "all", "method": "half"}]}, 400,
         ["The field 'discount_rules.0.method' is invalid: must be one of: percent, fixed, price."]),
        ({"name": "X", "category_access": {"type": "some"}}, 400,
         ["The field 'category_access.type' is invalid: must be one of: all, specific, none."]),
    ],
)  # fmt: skip
def test_createCustomerGroup_refused_stores_nothing(
    client: httpx.Client, store: Store, body: dict[str, Any], status: int, messages: list[str]
) -> None:
    client.post(GROUPS, json={"name": "VIP"})
    before = snapshot(store)

    response = client.post(GROUPS, json=body)

    assert response.status_code == status
    assert response.json() == errors(status, *messages)
    assert snapshot(store) == before


def test_one_default_group_and_one_guest_group_at_a_time(client: httpx.Client) -> None:
    client.post(GROUPS, json={"name": "A", "is_default": True, "is_group_for_guests": True})
    client.post(GROUPS, json={"name": "B", "is_default": True})

    groups = {g["name"]: g for g in client.get(GROUPS).json()}

    assert (groups["A"]["is_default"], groups["B"]["is_default"]) == (False, True)
    assert groups["A"]["is_group_for_guests"] is True
    assert ids(client.get(GROUPS, params={"is_default": "true"})) == [2]


def test_getCustomerGroups_filters(client: httpx.Client) -> None:
    for name in ("Retail", "Wholesale", "Wholesale Plus"):
        client.post(GROUPS, json={"name": name})

    assert ids(client.get(GROUPS, params={"name": "wholesale"})) == [2]
    assert ids(client.get(GROUPS, params={"name:like": "sale"})) == [2, 3]
    assert ids(client.get(GROUPS, params={"limit": 1, "page": 3})) == [3]
    assert client.get(GROUPS, params={"page": 4, "limit": 1}).status_code == 204


def test_update_and_delete_a_customer_group_moves_its_customers_to_no_group(client: httpx.Client, store: Store) -> None:
    client.post(GROUPS, json={"name": "VIP"})
    client.post(GROUPS, json={"name": "Staff"})
    create(client, new("a@example.com", customer_group_id=1))

    renamed = client.put(f"{GROUPS}/1", json={"name": "Gold"})
    taken = client.put(f"{GROUPS}/1", json={"name": "staff"})
    deleted = client.delete(f"{GROUPS}/1")

    assert renamed.json()["name"] == "Gold"
    assert (taken.status_code, taken.json()) == (409, errors(409, "A customer group named 'staff' already exists."))
    assert deleted.status_code == 204
    assert client.get(f"{CUSTOMERS}/1").json()["customer_group_id"] == 0
    assert client.get(f"{GROUPS}/1").status_code == 404
    assert client.delete(f"{GROUPS}/1").status_code == 404


def test_customers_filter_by_group(client: httpx.Client) -> None:
    client.post(GROUPS, json={"name": "VIP"})
    create(client, new("a@example.com"))
    create(client, new("b@example.com", customer_group_id=1))

    assert ids(client.get(CUSTOMERS, params={"customer_group_id": 1})) == [2]
    assert [c["id"] for c in client.get(f"{V3}/customers", params={"customer_group_id:in": "1"}).json()["data"]] == [2]


def test_the_default_group_is_one_fact_in_v2_groups_and_v3_settings(client: httpx.Client) -> None:
    client.post(GROUPS, json={"name": "Retail", "is_default": True})
    client.post(GROUPS, json={"name": "Guests", "is_group_for_guests": True})
    settings = f"{V3}/customers/settings"

    before = client.get(settings).json()["data"]["customer_group_settings"]
    client.put(settings, json={"customer_group_settings": {"default_customer_group_id": 2}})
    groups = {g["name"]: g for g in client.get(GROUPS).json()}
    cleared = client.put(settings, json={"customer_group_settings": {"guest_customer_group_id": 0}})

    assert before == {"guest_customer_group_id": 2, "default_customer_group_id": 1}
    assert (groups["Retail"]["is_default"], groups["Guests"]["is_default"]) == (False, True)
    assert cleared.json()["data"]["customer_group_settings"] == {"guest_customer_group_id": 0,
                                                                  "default_customer_group_id": 2}  # fmt: skip
    assert client.get(f"{GROUPS}/2").json()["is_group_for_guests"] is False


def test_a_customer_given_no_group_joins_the_default_group_of_its_channel(client: httpx.Client) -> None:
    client.post(GROUPS, json={"name": "Retail", "is_default": True})
    client.post(GROUPS, json={"name": "Second storefront"})
    client.put(
        f"{V3}/customers/settings/channels/2", json={"customer_group_settings": {"default_customer_group_id": 2}}
    )

    v2 = create(client, new("a@example.com"))
    v3 = client.post(f"{V3}/customers", json=[
        {"email": "b@example.com", "first_name": "B", "last_name": "C"},
        {"email": "c@example.com", "first_name": "C", "last_name": "D", "origin_channel_id": 2},
        {"email": "d@example.com", "first_name": "D", "last_name": "E", "customer_group_id": 0},
    ]).json()["data"]  # fmt: skip

    assert v2["customer_group_id"] == 1
    assert [c["customer_group_id"] for c in v3] == [1, 2, 0]
