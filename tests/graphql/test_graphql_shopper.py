"""The shopper's side of the GraphQL Storefront API, as a headless storefront uses it: register, sign
in, read the account page, change details, addresses and password, sign out; the customer access
token header and its error header; and REST and GraphQL seeing the same customers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from storefront_kit import NOW, ORIGIN, snapshot

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.clock import FrozenClock
from mockbc.domain.customer_passwords import verify_password
from mockbc.http.inprocess import InProcessTransport
from mockbc.presentation.storefront_graphql.ids import encode_id
from mockbc.services import carts, customer_access_tokens, customer_attributes

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
V2 = f"/stores/{DEFAULT_STORE_HASH}/v2"
EXPIRES = datetime.fromtimestamp(NOW + 86_400, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
ERROR_HEADER = {"X-Bc-Error-On-Invalid-Customer-Access-Token": "true"}

REGISTER = """
mutation RegisterCustomer($input: RegisterCustomerInput!) {
  customer {
    registerCustomer(input: $input) {
      customer { entityId firstName lastName email phone company }
      errors { __typename ... on Error { message } ... on ValidationError { path } }
    }
  }
}"""
LOGIN = """
mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    customer { entityId email firstName }
    customerAccessToken { value expiresAt }
  }
}"""
LOGOUT = "mutation Logout { logout { result } }"
ACCOUNT = """
query CustomerAccount {
  customer {
    entityId firstName lastName email phone company customerGroupId addressCount
    addresses(first: 10) {
      edges { node { entityId firstName lastName address1 address2 city countryCode country
        stateOrProvince postalCode phone company addressType } }
      collectionInfo { totalItems }
    }
  }
}"""
UPDATE = """
mutation UpdateCustomer($input: UpdateCustomerInput!) {
  customer {
    updateCustomer(input: $input) {
      customer { entityId firstName lastName email phone company }
      errors { __typename ... on Error { message } ... on ValidationError { path } }
    }
  }
}"""
ADD_ADDRESS = """
mutation AddCustomerAddress($input: AddCustomerAddressInput!) {
  customer {
    addCustomerAddress(input: $input) {
      address { entityId firstName lastName address1 city countryCode country postalCode }
      errors { __typename ... on Error { message } ... on ValidationError { path } }
    }
  }
}"""
UPDATE_ADDRESS = """
mutation UpdateCustomerAddress($input: UpdateCustomerAddressInput!) {
  customer {
    updateCustomerAddress(input: $input) {
      address { entityId city postalCode }
      errors { __typename ... on Error { message } ... on ValidationError { path } }
    }
  }
}"""
DELETE_ADDRESS = """
mutation DeleteCustomerAddress($input: DeleteCustomerAddressInput!) {
  customer { deleteCustomerAddress(input: $input) { errors { __typename ... on Error { message } } } }
}"""
CHANGE_PASSWORD = """
mutation ChangePassword($input: ChangePasswordInput!) {
  customer {
    changePassword(input: $input) { errors { __typename ... on Error { message } ... on ValidationError { path } } }
  }
}"""
WHO = "query Who { customer { entityId email } }"

ADA = {"firstName": "Ada", "lastName": "Quill", "email": "Ada.Quill@example.com", "password": "s3cretpass"}
HOME = {"firstName": "Ada", "lastName": "Quill", "address1": "1 Loom Lane", "city": "Austin", "countryCode": "us",
        "postalCode": "78701"}  # fmt: skip


def operation(http: httpx.Client, document: str, variables: Any = None, **headers: str) -> dict[str, Any]:
    """One operation the way the storefront's client sends it (``?operation=Name&type=...``); 200 expected."""
    response = send(http, document, variables, **headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def send(http: httpx.Client, document: str, variables: Any = None, **headers: str) -> httpx.Response:
    head = document.split("{", 1)[0].split()
    kind, name = head[0], head[1].split("(")[0]
    body: dict[str, Any] = {"query": document}
    if variables is not None:
        body["variables"] = variables
    return http.post(f"/graphql?operation={name}&type={kind}", json=body, headers=headers)


@pytest.fixture
def frozen(clock: FrozenClock) -> FrozenClock:
    return clock


def register(sf: httpx.Client, **changes: Any) -> int:
    body = operation(sf, REGISTER, {"input": {**ADA, **changes}})
    result = body["data"]["customer"]["registerCustomer"]
    assert result["errors"] == [], result
    return int(result["customer"]["entityId"])


def login(sf: httpx.Client, email: str = ADA["email"], password: str = ADA["password"]) -> str:
    body = operation(sf, LOGIN, {"email": email, "password": password})
    token: str = body["data"]["login"]["customerAccessToken"]["value"]
    return token


def test_a_shopper_registers_signs_in_keeps_the_account_and_signs_out(
    sf: httpx.Client, store: Store, frozen: FrozenClock, client: httpx.Client
) -> None:
    body = operation(sf, REGISTER, {"input": {**ADA, "phone": "555-0101", "address": HOME}})
    customer_id = body["data"]["customer"]["registerCustomer"]["customer"]["entityId"]
    assert body == {"data": {"customer": {"registerCustomer": {"customer": {
        "entityId": customer_id, "firstName": "Ada", "lastName": "Quill", "email": "Ada.Quill@example.com",
        "phone": "555-0101", "company": "",
    }, "errors": []}}}}  # fmt: skip
    stored = store.customers.require(customer_id)
    assert stored.password_hash.startswith("scrypt$") and verify_password("s3cretpass", stored.password_hash)

    body = operation(sf, LOGIN, {"email": "ada.quill@EXAMPLE.com", "password": "s3cretpass"})
    token = body["data"]["login"]["customerAccessToken"]["value"]
    assert len(token) >= 43
    assert body == {"data": {"login": {
        "customer": {"entityId": customer_id, "email": "Ada.Quill@example.com", "firstName": "Ada"},
        "customerAccessToken": {"value": token, "expiresAt": EXPIRES},
    }}}  # fmt: skip
    me = {"X-Bc-Customer-Access-Token": token, **ERROR_HEADER}

    account = operation(sf, ACCOUNT, **me)["data"]["customer"]
    address_id = account["addresses"]["edges"][0]["node"]["entityId"]
    assert account == {
        "entityId": customer_id, "firstName": "Ada", "lastName": "Quill", "email": "Ada.Quill@example.com",
        "phone": "555-0101", "company": "", "customerGroupId": stored.customer_group_id, "addressCount": 1,
        "addresses": {"edges": [{"node": {
            "entityId": address_id, "firstName": "Ada", "lastName": "Quill", "address1": "1 Loom Lane",
            "address2": None, "city": "Austin", "countryCode": "US", "country": "United States",
            "stateOrProvince": None, "postalCode": "78701", "phone": None, "company": None,
            "addressType": "RESIDENTIAL",
        }}], "collectionInfo": {"totalItems": 1}},
    }  # fmt: skip

    body = operation(sf, UPDATE, {"input": {"company": "Quill Looms", "lastName": "Quill-Byron"}}, **me)
    assert body["data"]["customer"]["updateCustomer"] == {"customer": {
        "entityId": customer_id, "firstName": "Ada", "lastName": "Quill-Byron", "email": "Ada.Quill@example.com",
        "phone": "555-0101", "company": "Quill Looms",
    }, "errors": []}  # fmt: skip

    work = {**HOME, "address1": "9 Mill Road", "city": "Dallas", "postalCode": "75201"}
    added = operation(sf, ADD_ADDRESS, {"input": work}, **me)["data"]["customer"]["addCustomerAddress"]
    second = added["address"]["entityId"]
    assert added == {"address": {
        "entityId": second, "firstName": "Ada", "lastName": "Quill", "address1": "9 Mill Road", "city": "Dallas",
        "countryCode": "US", "country": "United States", "postalCode": "75201",
    }, "errors": []}  # fmt: skip
    changed = operation(
        sf, UPDATE_ADDRESS, {"input": {"addressEntityId": second, "data": {"postalCode": "75202"}}}, **me
    )
    assert changed["data"]["customer"]["updateCustomerAddress"] == {
        "address": {"entityId": second, "city": "Dallas", "postalCode": "75202"}, "errors": [],
    }  # fmt: skip
    deleted = operation(sf, DELETE_ADDRESS, {"input": {"addressEntityId": address_id}}, **me)
    assert deleted == {"data": {"customer": {"deleteCustomerAddress": {"errors": []}}}}
    rest_addresses = client.get(f"{V3}/customers/addresses", params={"customer_id:in": customer_id}).json()["data"]
    assert [(a["id"], a["postal_code"]) for a in rest_addresses] == [(second, "75202")]

    body = operation(
        sf, CHANGE_PASSWORD, {"input": {"currentPassword": "s3cretpass", "newPassword": "n3wpassword"}}, **me
    )
    assert body == {"data": {"customer": {"changePassword": {"errors": []}}}}
    assert operation(sf, LOGIN, {"email": ADA["email"], "password": "s3cretpass"})["data"] is None
    fresh = login(sf, password="n3wpassword")
    assert fresh != token

    assert operation(sf, LOGOUT, **me) == {"data": {"logout": {"result": "success"}}}
    refused = send(sf, WHO, **me)
    assert (refused.status_code, refused.json()) == (401, {"errors": [{
        "message": "The customer access token is invalid, expired or signed out.",
        "extensions": {"code": "INVALID_CUSTOMER_ACCESS_TOKEN"},
    }]})  # fmt: skip
    assert operation(sf, WHO, **{"X-Bc-Customer-Access-Token": token}) == {"data": {"customer": None}}
    # The other session is still signed in.
    assert operation(sf, WHO, **{"X-Bc-Customer-Access-Token": fresh, **ERROR_HEADER}) == {
        "data": {"customer": {"entityId": customer_id, "email": "Ada.Quill@example.com"}}
    }


def test_bad_credentials_are_a_top_level_error_and_issue_nothing(
    sf: httpx.Client, store: Store, frozen: FrozenClock
) -> None:
    register(sf)
    before = snapshot(store)
    for email, password in ((ADA["email"], "wrong"), ("nobody@example.com", ADA["password"]), ("", "")):
        body = operation(sf, LOGIN, {"email": email, "password": password})
        assert body == {"data": None, "errors": [{
            "message": "Invalid credentials", "locations": [{"line": 3, "column": 3}], "path": ["login"],
            "extensions": {"code": "INVALID_CREDENTIALS"},
        }]}  # fmt: skip
    assert snapshot(store) == before


def test_a_customer_made_over_rest_signs_in_over_graphql(
    sf: httpx.Client, client: httpx.Client, frozen: FrozenClock
) -> None:
    made = client.post(f"{V3}/customers", json=[{
        "email": "rex@example.com", "first_name": "Rex", "last_name": "Tanner",
        "authentication": {"new_password": "tann3rpass"},
    }])  # fmt: skip
    assert made.status_code == 200, made.text
    customer_id = made.json()["data"][0]["id"]
    token = login(sf, "REX@example.com", "tann3rpass")
    who = operation(sf, WHO, **{"X-Bc-Customer-Access-Token": token})
    assert who == {"data": {"customer": {"entityId": customer_id, "email": "rex@example.com"}}}


def test_a_customer_registered_over_graphql_is_one_of_rest(sf: httpx.Client, client: httpx.Client) -> None:
    customer_id = register(sf, phone="555-0199", company="Quill Looms")
    listed = client.get(f"{V3}/customers", params={"id:in": customer_id}).json()["data"]
    assert [(c["id"], c["email"], c["first_name"], c["last_name"], c["phone"], c["company"]) for c in listed] == [
        (customer_id, "Ada.Quill@example.com", "Ada", "Quill", "555-0199", "Quill Looms")
    ]
    assert "s3cretpass" not in str(listed) and "scrypt" not in str(listed)
    v2 = client.post(f"{V2}/customers/{customer_id}/validate", json={"password": ADA["password"]})
    assert (v2.status_code, v2.json()) == (200, {"success": True})


def test_registering_a_used_email_or_bad_fields_is_a_typed_error_that_writes_nothing(
    sf: httpx.Client, store: Store
) -> None:
    register(sf)
    before = snapshot(store)
    body = operation(sf, REGISTER, {"input": {**ADA, "email": "ADA.QUILL@example.com"}})
    assert body == {"data": {"customer": {"registerCustomer": {"customer": None, "errors": [{
        "__typename": "EmailAlreadyInUseError",
        "message": "The email address 'ADA.QUILL@example.com' is already in use.",
    }]}}}}  # fmt: skip
    bad = {**ADA, "email": "not-an-email", "firstName": " ", "password": "short",
           "address": {**HOME, "countryCode": "XX", "city": "C" * 101}}  # fmt: skip
    body = operation(sf, REGISTER, {"input": bad})
    assert body == {"data": {"customer": {"registerCustomer": {"customer": None, "errors": [
        {"__typename": "ValidationError", "message": "firstName must have at least 1 characters.",
         "path": ["input", "firstName"]},
        {"__typename": "ValidationError", "message": "email must be an email address.", "path": ["input", "email"]},
        {"__typename": "ValidationError", "message": "password must have at least 7 characters, with letters and digits.",
         "path": ["input", "password"]},
        {"__typename": "ValidationError", "message": "city must have at most 100 characters.",
         "path": ["input", "address", "city"]},
        {"__typename": "ValidationError", "message": "countryCode must be an ISO 3166-1 alpha-2 country code.",
         "path": ["input", "address", "countryCode"]},
    ]}}}}  # fmt: skip
    assert snapshot(store) == before


def test_account_mutations_of_a_guest_say_the_customer_is_not_logged_in(sf: httpx.Client, store: Store) -> None:
    before = snapshot(store)
    not_in = {"__typename": "CustomerNotLoggedInError", "message": "The customer is not logged in."}
    assert operation(sf, UPDATE, {"input": {"firstName": "X"}}) == {
        "data": {"customer": {"updateCustomer": {"customer": None, "errors": [not_in]}}}
    }
    assert operation(sf, ADD_ADDRESS, {"input": HOME}) == {
        "data": {"customer": {"addCustomerAddress": {"address": None, "errors": [not_in]}}}
    }
    assert operation(sf, UPDATE_ADDRESS, {"input": {"addressEntityId": 1, "data": {"city": "X"}}}) == {
        "data": {"customer": {"updateCustomerAddress": {"address": None, "errors": [not_in]}}}
    }
    assert operation(sf, DELETE_ADDRESS, {"input": {"addressEntityId": 1}}) == {
        "data": {"customer": {"deleteCustomerAddress": {"errors": [not_in]}}}
    }
    change = {"input": {"currentPassword": "a", "newPassword": "b"}}
    assert operation(sf, CHANGE_PASSWORD, change) == {"data": {"customer": {"changePassword": {"errors": [not_in]}}}}
    assert operation(sf, LOGOUT) == {"data": {"logout": {"result": "success"}}}
    assert snapshot(store) == before


def test_refused_account_mutations_write_nothing(sf: httpx.Client, store: Store, frozen: FrozenClock) -> None:
    register(sf)
    other = register(sf, email="other@example.com")
    me = {"X-Bc-Customer-Access-Token": login(sf)}
    theirs = operation(
        sf, ADD_ADDRESS, {"input": HOME}, **{"X-Bc-Customer-Access-Token": login(sf, "other@example.com")}
    )
    their_address = theirs["data"]["customer"]["addCustomerAddress"]["address"]["entityId"]
    before = snapshot(store)

    body = operation(sf, UPDATE, {"input": {"email": "OTHER@example.com", "firstName": "Eve"}}, **me)
    assert body["data"]["customer"]["updateCustomer"] == {"customer": None, "errors": [
        {"__typename": "EmailAlreadyInUseError", "message": "The email address 'OTHER@example.com' is already in use."},
    ]}  # fmt: skip
    body = operation(sf, UPDATE, {"input": {"phone": "5" * 51}}, **me)
    assert body["data"]["customer"]["updateCustomer"] == {"customer": None, "errors": [
        {"__typename": "ValidationError", "message": "phone must have at most 50 characters.", "path": ["input", "phone"]},
    ]}  # fmt: skip
    body = operation(sf, UPDATE_ADDRESS, {"input": {"addressEntityId": their_address, "data": {"city": "X"}}}, **me)
    assert body["data"]["customer"]["updateCustomerAddress"] == {"address": None, "errors": [
        {"__typename": "AddressDoesNotExistError", "message": f"The customer has no address {their_address}."},
    ]}  # fmt: skip
    body = operation(sf, DELETE_ADDRESS, {"input": {"addressEntityId": their_address}}, **me)
    assert body["data"]["customer"]["deleteCustomerAddress"] == {"errors": [
        {"__typename": "CustomerAddressDeletionError", "message": f"The customer has no address {their_address}."},
    ]}  # fmt: skip
    body = operation(sf, ADD_ADDRESS, {"input": {**HOME, "countryCode": "ZZ"}}, **me)
    assert body["data"]["customer"]["addCustomerAddress"] == {"address": None, "errors": [
        {"__typename": "ValidationError", "message": "countryCode must be an ISO 3166-1 alpha-2 country code.",
         "path": ["input", "countryCode"]},
    ]}  # fmt: skip
    wrong = {"input": {"currentPassword": "nope", "newPassword": "n3wpassword"}}
    assert operation(sf, CHANGE_PASSWORD, wrong, **me)["data"]["customer"]["changePassword"] == {
        "errors": [{"__typename": "CustomerPasswordError", "message": "The current password is not correct."}]
    }
    weak = {"input": {"currentPassword": ADA["password"], "newPassword": "password"}}
    assert operation(sf, CHANGE_PASSWORD, weak, **me)["data"]["customer"]["changePassword"] == {"errors": [{
        "__typename": "ValidationError", "message": "newPassword must have at least 7 characters, with letters and digits.",
        "path": ["input", "newPassword"],
    }]}  # fmt: skip
    assert snapshot(store) == before
    assert store.customers.require(other).email == "other@example.com"


def test_an_address_the_customer_has_is_answered_not_added_twice(sf: httpx.Client, frozen: FrozenClock) -> None:
    register(sf)
    me = {"X-Bc-Customer-Access-Token": login(sf)}
    first = operation(sf, ADD_ADDRESS, {"input": HOME}, **me)["data"]["customer"]["addCustomerAddress"]
    again = operation(sf, ADD_ADDRESS, {"input": HOME}, **me)["data"]["customer"]["addCustomerAddress"]
    assert again == first
    assert operation(sf, ACCOUNT, **me)["data"]["customer"]["addresses"]["collectionInfo"] == {"totalItems": 1}


# --------------------------------------------------------------------------- the token headers


def test_an_unknown_token_is_a_guest_unless_the_error_header_asks(sf: httpx.Client, frozen: FrozenClock) -> None:
    unknown = {"X-Bc-Customer-Access-Token": "not-a-token"}
    assert operation(sf, WHO, **unknown) == {"data": {"customer": None}}
    refused = send(sf, WHO, **unknown, **ERROR_HEADER)
    assert (refused.status_code, refused.json()) == (401, {"errors": [{
        "message": "The customer access token is invalid, expired or signed out.",
        "extensions": {"code": "INVALID_CUSTOMER_ACCESS_TOKEN"},
    }]})  # fmt: skip
    empty = send(sf, WHO, **{"X-Bc-Customer-Access-Token": " "}, **ERROR_HEADER)
    assert (empty.status_code, empty.json()) == (401, {"errors": [{
        "message": "The X-Bc-Customer-Access-Token header is empty.",
        "extensions": {"code": "MISSING_CUSTOMER_ACCESS_TOKEN"},
    }]})  # fmt: skip
    # A guest's storefront always sends the error header: without a token it is a guest.
    assert operation(sf, WHO, **ERROR_HEADER) == {"data": {"customer": None}}


def test_a_token_expires_after_a_day(
    app: Starlette, store: Store, issue: Any, sf: httpx.Client, frozen: FrozenClock
) -> None:
    customer_id = register(sf)
    me = {"X-Bc-Customer-Access-Token": login(sf), **ERROR_HEADER}
    lasting = issue(expires_at=NOW + 3 * 86_400)
    with httpx.Client(
        transport=InProcessTransport(app), base_url=f"http://store-{store.store_hash}.mybigcommerce.test",
        headers={"Authorization": f"Bearer {lasting}"},
    ) as later:  # fmt: skip
        frozen.set(datetime.fromtimestamp(NOW + 86_399, UTC))
        assert operation(later, WHO, **me)["data"]["customer"]["entityId"] == customer_id
        frozen.set(datetime.fromtimestamp(NOW + 86_400, UTC))
        assert send(later, WHO, **me).json()["errors"][0]["extensions"] == {"code": "INVALID_CUSTOMER_ACCESS_TOKEN"}


def test_a_token_signs_in_on_its_channel_only_and_not_after_the_customer_is_deleted(
    app: Starlette, sf: httpx.Client, frozen: FrozenClock, store: Store, client: httpx.Client
) -> None:
    customer_id = register(sf)
    token = login(sf)
    issued = customer_access_tokens.issue(store, customer_id, 2)
    assert customer_access_tokens.resolve(store, issued.value, 1) is None
    assert customer_access_tokens.resolve(store, token, 1) == customer_id
    assert client.delete(f"{V3}/customers", params={"id:in": customer_id}).status_code == 204
    refused = send(sf, WHO, **{"X-Bc-Customer-Access-Token": token}, **ERROR_HEADER)
    assert refused.json()["errors"][0]["extensions"] == {"code": "INVALID_CUSTOMER_ACCESS_TOKEN"}


def test_a_private_token_with_the_customer_scope_reads_the_signed_in_customer(
    app: Starlette, store: Store, issue: Any, sf: httpx.Client, frozen: FrozenClock
) -> None:
    customer_id = register(sf)
    token = login(sf)
    with httpx.Client(
        transport=InProcessTransport(app), base_url=f"http://store-{store.store_hash}.mybigcommerce.test",
        headers={"Authorization": f"Bearer {issue('private', scopes=['Customer'])}"},
    ) as server:  # fmt: skip
        assert operation(server, WHO, **{"X-Bc-Customer-Access-Token": token}) == {
            "data": {"customer": {"entityId": customer_id, "email": "Ada.Quill@example.com"}}
        }


def test_tokens_never_repeat_and_only_their_digest_is_kept(store: Store, frozen: FrozenClock, sf: httpx.Client) -> None:
    customer_id = register(sf)
    values = {customer_access_tokens.issue(store, customer_id, 1).value for _ in range(50)}
    assert len(values) == 50
    kept = {t.digest for t in store.customer_access_tokens.values()}
    assert values.isdisjoint(kept) and len(kept) == 50


def test_a_guest_cart_is_handed_to_the_customer_who_signs_in(
    sf: httpx.Client, store: Store, frozen: FrozenClock
) -> None:
    customer_id = register(sf)
    cart = carts.create(store, carts.CartInput(custom_items=({"name": "Mug", "quantity": 1, "list_price": 5},)))
    document = """
    mutation Login($email: String!, $password: String!, $cart: String) {
      login(email: $email, password: $password, guestCartEntityId: $cart) { customer { entityId } }
    }"""
    before = snapshot(store)
    missing = operation(sf, document, {"email": ADA["email"], "password": ADA["password"], "cart": "no-such-cart"})
    assert missing == {"data": None, "errors": [{
        "message": "No guest cart 'no-such-cart' to assign on this storefront.",
        "locations": [{"line": 3, "column": 7}], "path": ["login"], "extensions": {"code": "BAD_USER_INPUT"},
    }]}  # fmt: skip
    assert snapshot(store) == before
    body = operation(sf, document, {"email": ADA["email"], "password": ADA["password"], "cart": cart.id})
    assert body == {"data": {"login": {"customer": {"entityId": customer_id}}}}
    assert store.carts.require(cart.id).customer_id == customer_id


ORDERS = """
query CustomerOrders($filters: OrdersFiltersInput, $first: Int) {
  customer {
    orders(filters: $filters, first: $first) {
      edges { node { id entityId orderedAt { utc } status { value label } totalProductQuantity
        subTotal { value currencyCode } taxTotal { value } totalIncTax { value formattedV2 } } }
      pageInfo { hasNextPage }
      collectionInfo { totalItems }
    }
  }
}"""


def test_the_account_page_lists_the_customers_own_orders_newest_first(
    sf: httpx.Client, store: Store, frozen: FrozenClock, orders_of: Any, client: httpx.Client
) -> None:
    customer_id = register(sf)
    other = register(sf, email="other@example.com")
    first, second = orders_of(customer_id), orders_of(customer_id, status_id=10)
    orders_of(other)
    orders_of(customer_id, status_id=0)  # incomplete: not the shopper's to see
    me = {"X-Bc-Customer-Access-Token": login(sf)}
    body = operation(sf, ORDERS, {"first": 1}, **me)
    assert body == {"data": {"customer": {"orders": {
        "edges": [{"node": {
            "id": encode_id("Order", second), "entityId": second, "orderedAt": {"utc": "2030-03-17T17:46:40Z"},
            "status": {"value": "COMPLETED", "label": "Completed"}, "totalProductQuantity": 2,
            "subTotal": {"value": 20.0, "currencyCode": "USD"}, "taxTotal": {"value": 2.0},
            "totalIncTax": {"value": 22.0, "formattedV2": "$22.00"},
        }}],
        "pageInfo": {"hasNextPage": True}, "collectionInfo": {"totalItems": 2},
    }}}}  # fmt: skip
    pending = operation(sf, ORDERS, {"filters": {"status": "PENDING"}}, **me)["data"]["customer"]["orders"]
    assert [e["node"]["entityId"] for e in pending["edges"]] == [first]
    later = {"filters": {"dateRange": {"from": "2030-03-18T00:00:00Z"}}}
    assert operation(sf, ORDERS, later, **me)["data"]["customer"]["orders"]["edges"] == []
    node = operation(sf, "query N($id: ID!) { node(id: $id) { ... on Order { entityId } } }",
                     {"id": encode_id("Order", first)}, **me)  # fmt: skip
    assert node == {"data": {"node": {"entityId": first}}}
    assert operation(sf, "query N($id: ID!) { node(id: $id) { id } }", {"id": encode_id("Order", first)}) == {
        "data": {"node": None}
    }


@pytest.fixture
def orders_of(client: httpx.Client) -> Iterator[Any]:
    def make(customer_id: int, **fields: Any) -> int:
        body = {
            "customer_id": customer_id, "products": [{"name": "Mug", "quantity": 2, "price_inc_tax": 11, "price_ex_tax": 10}],
            "billing_address": {"first_name": "Ada", "last_name": "Quill", "street_1": "1 Loom Lane", "city": "Austin",
                                "state": "Texas", "zip": "78701", "country": "United States", "country_iso2": "US",
                                "email": "ada@example.com"},
            **fields,
        }  # fmt: skip
        made = client.post(f"{V2}/orders", json=body)
        assert made.status_code == 200, made.text
        return int(made.json()["id"])

    yield make


ATTRIBUTES = """
query CustomerAttributes($a: Int!, $b: Int!) {
  customer { attributeCount attributes { shoe: attribute(entityId: $a) { entityId name value }
    size: attribute(entityId: $b) { entityId name value } } }
}"""


def test_the_account_page_reads_the_customers_attributes(sf: httpx.Client, store: Store, frozen: FrozenClock) -> None:
    customer_id = register(sf)
    shoe, size = customer_attributes.create_many(
        store, [{"name": "Shoe", "type": "string"}, {"name": "Size", "type": "number"}]
    )
    customer_attributes.put_value(store, customer_id, shoe.id, "Oxford")
    me = {"X-Bc-Customer-Access-Token": login(sf)}
    assert operation(sf, ATTRIBUTES, {"a": shoe.id, "b": size.id}, **me) == {"data": {"customer": {
        "attributeCount": 1, "attributes": {
            "shoe": {"entityId": shoe.id, "name": "Shoe", "value": "Oxford"},
            "size": {"entityId": size.id, "name": "Size", "value": None},
        },
    }}}  # fmt: skip
    unknown = operation(sf, ATTRIBUTES, {"a": shoe.id, "b": 999_999}, **me)
    assert unknown == {"data": {"customer": None}, "errors": [{
        "message": "No customer attribute 999999.", "locations": [{"line": 4, "column": 5}],
        "path": ["customer", "attributes", "size"], "extensions": {"code": "BAD_USER_INPUT"},
    }]}  # fmt: skip


def test_an_impersonation_token_names_its_customer_and_ignores_a_customer_access_token(
    app: Starlette, store: Store, issue: Any, sf: httpx.Client, frozen: FrozenClock
) -> None:
    customer_id = register(sf)
    other = register(sf, email="other@example.com")
    token = login(sf)
    with httpx.Client(
        transport=InProcessTransport(app), base_url=f"http://store-{store.store_hash}.mybigcommerce.test",
        headers={"Authorization": f"Bearer {issue('impersonation')}"},
    ) as server:  # fmt: skip
        named = operation(server, WHO, **{"X-Bc-Customer-Id": str(other), "X-Bc-Customer-Access-Token": token})
        assert named == {"data": {"customer": {"entityId": other, "email": "other@example.com"}}}
        alone = operation(server, WHO, **{"X-Bc-Customer-Access-Token": token, **ERROR_HEADER})
        assert alone == {"data": {"customer": None}}
    assert operation(sf, WHO, **{"X-Bc-Customer-Access-Token": token})["data"]["customer"]["entityId"] == customer_id


def test_a_registered_customer_belongs_to_the_storefronts_channel(sf: httpx.Client, store: Store) -> None:
    customer_id = register(sf)
    assert store.customers.require(customer_id).origin_channel_id == 1


def test_store_credit_is_read_from_the_customers_record(
    sf: httpx.Client, client: httpx.Client, frozen: FrozenClock
) -> None:
    customer_id = register(sf)
    changed = client.put(f"{V3}/customers", json=[{"id": customer_id, "store_credit_amounts": [{"amount": 12.5}]}])
    assert changed.status_code == 200, changed.text
    me = {"X-Bc-Customer-Access-Token": login(sf)}
    body = operation(sf, "query Credit { customer { storeCredit { value currencyCode formattedV2 } } }", **me)
    assert body == {
        "data": {"customer": {"storeCredit": [{"value": 12.5, "currencyCode": "USD", "formattedV2": "$12.50"}]}}
    }


def test_the_storefronts_page_may_read_a_refused_customer_token(sf: httpx.Client) -> None:
    refused = send(sf, WHO, **{"X-Bc-Customer-Access-Token": "gone", "Origin": ORIGIN, **ERROR_HEADER})
    assert refused.status_code == 401
    assert refused.headers["access-control-allow-origin"] == ORIGIN
    other = send(sf, WHO, **{"X-Bc-Customer-Access-Token": "gone", "Origin": "https://evil.example", **ERROR_HEADER})
    assert other.status_code == 401 and "access-control-allow-origin" not in other.headers
