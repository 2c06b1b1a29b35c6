"""Carts and signed-in shoppers: a cart made by a customer is theirs and nobody else's, a guest cart is
assigned on sign-in or by ``assignCartToCustomer``, and the redirect links that hand a cart to the
hosted checkout."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from storefront_kit import snapshot
from test_graphql_cart import ADD, CREATE, FRAGMENTS, READ, operation, product
from test_graphql_cart_refusals import refusal

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.services import customer_access_tokens, customers
from mockbc.services.customers import NewCustomer

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
PASSWORD = "s3cretpass"
ASSIGN = """
mutation AssignCartToCustomer($input: AssignCartToCustomerInput!) {
  cart { assignCartToCustomer(input: $input) { cart { entityId version } } }
}"""
UNASSIGN = """
mutation UnassignCartFromCustomer($input: UnassignCartFromCustomerInput!) {
  cart { unassignCartFromCustomer(input: $input) { cart { entityId version } } }
}"""
REDIRECT = """
mutation CreateCartRedirectUrls($input: CreateCartRedirectUrlsInput) {
  cart {
    createCartRedirectUrls(input: $input) {
      redirectUrls { redirectedCheckoutUrl embeddedCheckoutUrl externalCheckoutUrl }
      errors { __typename ... on Error { message } }
    }
  }
}"""
LOGIN = (
    """
mutation Login($email: String!, $password: String!, $cart: String) {
  login(email: $email, password: $password, guestCartEntityId: $cart) {
    customer { entityId }
    cart { ...CartFields }
  }
}"""
    + FRAGMENTS
)


def customer(store: Store, email: str) -> int:
    fields = {"email": email, "first_name": "Ada", "last_name": "Quill"}
    return customers.create(store, NewCustomer(fields, password=PASSWORD)).id


def signed_in(store: Store, customer_id: int) -> dict[str, str]:
    return {"X-Bc-Customer-Access-Token": customer_access_tokens.issue(store, customer_id, 1).value}


@pytest.fixture
def line(client: httpx.Client) -> dict[str, Any]:
    return {"productEntityId": product(client, sku="SOCK", price=4)["id"], "quantity": 2}


def test_a_customers_cart_is_theirs_alone(
    sf: httpx.Client, client: httpx.Client, store: Store, line: dict[str, Any]
) -> None:
    ada, bo = customer(store, "ada@example.com"), customer(store, "bo@example.com")
    me = signed_in(store, ada)
    made = operation(sf, CREATE, {"input": {"lineItems": [line]}}, **me)["data"]["cart"]["createCart"]["cart"]
    entity_id = made["entityId"]
    rest = client.get(f"{V3}/carts/{entity_id}").json()["data"]
    assert (rest["customer_id"], rest["channel_id"], rest["cart_amount"]) == (ada, 1, 8)

    assert operation(sf, READ, {"entityId": entity_id}, **me)["data"]["site"]["cart"] == made
    assert operation(sf, READ, {}, **me)["data"]["site"]["cart"] == made  # no id: the shopper's own cart
    for headers in ({}, signed_in(store, bo)):
        assert operation(sf, READ, {"entityId": entity_id}, **headers) == {"data": {"site": {"cart": None}}}
        assert operation(sf, READ, {}, **headers) == {"data": {"site": {"cart": None}}}
        before = snapshot(store)
        body = operation(sf, ADD, {"input": {"cartEntityId": entity_id, "data": {"lineItems": [line]}}}, **headers)
        assert body == refusal(ADD, "addCartLineItems", f"No cart '{entity_id}' on this storefront.", "CART_NOT_FOUND")
        assert snapshot(store) == before


def test_a_rest_cart_of_a_customer_needs_that_customer(
    sf: httpx.Client, client: httpx.Client, store: Store, line: dict[str, Any]
) -> None:
    ada = customer(store, "ada@example.com")
    made = client.post(f"{V3}/carts", json={"customer_id": ada, "line_items": [
        {"product_id": line["productEntityId"], "quantity": 1}]})  # fmt: skip
    entity_id = made.json()["data"]["id"]
    assert operation(sf, READ, {"entityId": entity_id}) == {"data": {"site": {"cart": None}}}
    cart = operation(sf, READ, {"entityId": entity_id}, **signed_in(store, ada))["data"]["site"]["cart"]
    assert (cart["entityId"], cart["amount"]) == (entity_id, {"value": 4, "currencyCode": "USD"})


def test_assign_and_unassign_a_guest_cart(
    sf: httpx.Client, client: httpx.Client, store: Store, line: dict[str, Any]
) -> None:
    ada, bo = customer(store, "ada@example.com"), customer(store, "bo@example.com")
    as_ada, as_bo = signed_in(store, ada), signed_in(store, bo)
    entity_id = operation(sf, CREATE, {"input": {"lineItems": [line]}})["data"]["cart"]["createCart"]["cart"][
        "entityId"
    ]
    before = snapshot(store)
    body = operation(sf, ASSIGN, {"input": {"cartEntityId": entity_id}})
    assert body == refusal(ASSIGN, "assignCartToCustomer", "The customer is not logged in.", "CUSTOMER_NOT_LOGGED_IN")
    body = operation(sf, ASSIGN, {"input": {"cartEntityId": entity_id, "version": 3}}, **as_ada)
    assert body == refusal(ASSIGN, "assignCartToCustomer", "Version 3 is not the cart's current version, 1.",
                           "CART_CONFLICT")  # fmt: skip
    assert snapshot(store) == before

    body = operation(sf, ASSIGN, {"input": {"cartEntityId": entity_id, "version": 1}}, **as_ada)
    assert body == {"data": {"cart": {"assignCartToCustomer": {"cart": {"entityId": entity_id, "version": 2}}}}}
    assert client.get(f"{V3}/carts/{entity_id}").json()["data"]["customer_id"] == ada

    taken = operation(sf, ASSIGN, {"input": {"cartEntityId": entity_id}}, **as_bo)
    assert taken == refusal(ASSIGN, "assignCartToCustomer", f"No cart '{entity_id}' on this storefront.",
                            "CART_NOT_FOUND")  # fmt: skip
    body = operation(sf, UNASSIGN, {"input": {"cartEntityId": entity_id}}, **as_ada)
    assert body == {"data": {"cart": {"unassignCartFromCustomer": {"cart": {"entityId": entity_id, "version": 3}}}}}
    assert client.get(f"{V3}/carts/{entity_id}").json()["data"]["customer_id"] == 0
    again = operation(sf, UNASSIGN, {"input": {"cartEntityId": entity_id}}, **as_ada)
    assert again == refusal(UNASSIGN, "unassignCartFromCustomer", f"No cart '{entity_id}' on this storefront.",
                            "CART_NOT_FOUND")  # fmt: skip


def test_sign_in_hands_the_guest_cart_over(
    sf: httpx.Client, client: httpx.Client, store: Store, line: dict[str, Any]
) -> None:
    ada = customer(store, "ada@example.com")
    guest = operation(sf, CREATE, {"input": {"lineItems": [line]}})["data"]["cart"]["createCart"]["cart"]
    body = operation(sf, LOGIN, {"email": "ada@example.com", "password": PASSWORD, "cart": guest["entityId"]})
    handed = body["data"]["login"]["cart"]
    assert body["data"]["login"]["customer"] == {"entityId": ada}
    assert handed == {**guest, "version": 2}
    assert client.get(f"{V3}/carts/{guest['entityId']}").json()["data"]["customer_id"] == ada
    # Signed in again without a guest cart: the customer's own cart comes back.
    body = operation(sf, LOGIN, {"email": "ada@example.com", "password": PASSWORD})
    assert body["data"]["login"]["cart"]["entityId"] == guest["entityId"]
    other = customer(store, "bo@example.com")
    body = operation(sf, LOGIN, {"email": "bo@example.com", "password": PASSWORD})
    assert body["data"]["login"] == {"customer": {"entityId": other}, "cart": None}


def test_redirect_urls_load_the_cart_on_the_storefront(sf: httpx.Client, store: Store, line: dict[str, Any]) -> None:
    entity_id = operation(sf, CREATE, {"input": {"lineItems": [line]}})["data"]["cart"]["createCart"]["cart"][
        "entityId"
    ]
    given = {"cartEntityId": entity_id, "queryParams": [{"key": "utm_source", "value": "app"}]}
    result = operation(sf, REDIRECT, {"input": given})["data"]["cart"]["createCartRedirectUrls"]
    urls = result["redirectUrls"]
    assert result["errors"] == [] and set(urls) == {
        "redirectedCheckoutUrl",
        "embeddedCheckoutUrl",
        "externalCheckoutUrl",
    }
    hosted = urlsplit(urls["redirectedCheckoutUrl"])
    assert (
        f"{hosted.scheme}://{hosted.netloc}{hosted.path}"
        == f"http://store-{store.store_hash}.mybigcommerce.test/cart.php"
    )
    query = parse_qs(hosted.query)
    assert (query["action"], query["id"], query["utm_source"]) == (["loadInCheckout"], [entity_id], ["app"])
    assert len(query["token"][0]) == 32
    embedded = parse_qs(urlsplit(urls["embeddedCheckoutUrl"]).query)
    assert (embedded["embedded"], embedded["id"]) == (["1"], [entity_id])
    assert urls["externalCheckoutUrl"] == urls["redirectedCheckoutUrl"]
    again = operation(sf, REDIRECT, {"input": given})["data"]["cart"]["createCartRedirectUrls"]["redirectUrls"]
    assert again["redirectedCheckoutUrl"] != urls["redirectedCheckoutUrl"]  # single-use links, fresh each time

    unknown = "0b7f3c52-8d2e-4c1a-9d35-5e1f2a3b4c5d"
    for asked, named in (({"cartEntityId": unknown}, unknown), ({}, ""), (None, "")):
        body = operation(sf, REDIRECT, {"input": asked})
        assert body == {"data": {"cart": {"createCartRedirectUrls": {"redirectUrls": None, "errors": [
            {"__typename": "NotFoundError", "message": f"No cart '{named}' on this storefront."}]}}}}  # fmt: skip
