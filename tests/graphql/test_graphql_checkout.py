"""Checkouts through the GraphQL Storefront API as a headless storefront drives them: a guest goes from a
cart to an order (billing address, consignment, shipping option, coupon, message, completion), a
signed-in shopper checks out their own cart, and the REST checkout and the GraphQL one are the same
record at every step."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest
from storefront_kit import snapshot
from test_graphql_cart import CREATE, operation, product, usd

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.clock import FrozenClock
from mockbc.services import customer_access_tokens, customers
from mockbc.services.customers import NewCustomer

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
V2 = f"/stores/{DEFAULT_STORE_HASH}/v2"
ADDRESS = {
    "firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com", "address1": "1 Main St",
    "city": "Austin", "stateOrProvince": "Texas", "stateOrProvinceCode": "TX", "countryCode": "US",
    "postalCode": "78701", "phone": "+15125550100", "shouldSaveAddress": False,
}  # fmt: skip
REST_ADDRESS = {
    "first_name": "Bo", "last_name": "Quill", "email": "bo@example.com", "address1": "2 Side St", "city": "Boston",
    "state_or_province": "Massachusetts", "state_or_province_code": "MA", "country_code": "US", "postal_code": "02101",
}  # fmt: skip

FRAGMENTS = """
fragment MoneyFields on Money { value currencyCode }
fragment AddressFields on CheckoutAddress {
  firstName lastName email company address1 address2 city stateOrProvince stateOrProvinceCode countryCode
  postalCode phone customFields { entityId }
}
fragment OptionFields on CheckoutAvailableShippingOption {
  entityId description type transitTime isRecommended cost { ...MoneyFields }
}
fragment CheckoutFields on Checkout {
  id entityId currencyCode version customerMessage
  billingAddress { entityId ...AddressFields }
  shippingConsignments {
    entityId lineItemIds
    address { ...AddressFields }
    availableShippingOptions { ...OptionFields }
    selectedShippingOption { entityId description type transitTime cost { ...MoneyFields } }
    shippingCost { ...MoneyFields } handlingCost { ...MoneyFields }
  }
  coupons { entityId code couponType displayName discountedAmount { ...MoneyFields } }
  cart { entityId amount { ...MoneyFields } lineItems { physicalItems { entityId productEntityId quantity } } }
  subtotal { ...MoneyFields } grandTotal { ...MoneyFields } taxTotal { ...MoneyFields }
  shippingCostTotal { ...MoneyFields } handlingCostTotal { ...MoneyFields } totalDiscount { ...MoneyFields }
  taxes { name }
  order { entityId status { value } totalIncTax { ...MoneyFields } }
}
"""


def mutation(name: str, field: str, input_type: str) -> str:
    return (
        f"""
mutation {name}($input: {input_type}!) {{
  checkout {{ {field}(input: $input) {{ checkout {{ ...CheckoutFields }} }} }}
}}"""
        + FRAGMENTS
    )


ADD_BILLING = mutation("AddCheckoutBillingAddress", "addCheckoutBillingAddress", "AddCheckoutBillingAddressInput")
UPDATE_BILLING = mutation(
    "UpdateCheckoutBillingAddress", "updateCheckoutBillingAddress", "UpdateCheckoutBillingAddressInput"
)
ADD_CONSIGNMENTS = mutation(
    "AddCheckoutShippingConsignments", "addCheckoutShippingConsignments", "AddCheckoutShippingConsignmentsInput"
)
UPDATE_CONSIGNMENT = mutation(
    "UpdateCheckoutShippingConsignment", "updateCheckoutShippingConsignment", "UpdateCheckoutShippingConsignmentInput"
)
DELETE_CONSIGNMENT = mutation(
    "DeleteCheckoutConsignment", "deleteCheckoutConsignment", "DeleteCheckoutConsignmentInput"
)
SELECT = mutation("SelectCheckoutShippingOption", "selectCheckoutShippingOption", "SelectCheckoutShippingOptionInput")
APPLY = mutation("ApplyCheckoutCoupon", "applyCheckoutCoupon", "ApplyCheckoutCouponInput")
UNAPPLY = mutation("UnapplyCheckoutCoupon", "unapplyCheckoutCoupon", "UnapplyCheckoutCouponInput")
MESSAGE = mutation(
    "UpdateCheckoutCustomerMessage", "updateCheckoutCustomerMessage", "UpdateCheckoutCustomerMessageInput"
)
COMPLETE = """
mutation CompleteCheckout($input: CompleteCheckoutInput!) {
  checkout {
    completeCheckout(input: $input) {
      orderEntityId paymentAccessToken
      errors { __typename ... on Error { message } ...Codes }
    }
  }
}
fragment Codes on CompleteCheckoutError {
  ... on CartError { cartCode: code }
  ... on CartLineItemError { cartCode: code }
  ... on CheckoutBillingAddressError { code }
  ... on CheckoutShippingConsignmentError { code }
  ... on CheckoutCouponError { code }
}"""
READ = (
    """
query Checkout($entityId: String) { site { checkout(entityId: $entityId) { ...CheckoutFields } } }"""
    + FRAGMENTS
)
NODE = """
query CheckoutNode($id: ID!) { node(id: $id) { __typename id ... on Checkout { entityId grandTotal { value } } } }"""


def result(body: dict[str, Any], field: str) -> dict[str, Any]:
    assert "errors" not in body, body
    checkout: dict[str, Any] = body["data"]["checkout"][field]["checkout"]
    return checkout


def address(**changes: Any) -> dict[str, Any]:
    """An address as the checkout renders it (no shouldSaveAddress, no custom fields)."""
    out = {k: v for k, v in ADDRESS.items() if k != "shouldSaveAddress"}
    return {"company": None, "address2": None, "customFields": [], **out, **changes}


FLAT = {"entityId": "flat-rate", "description": "Flat Rate", "type": "shipping_flatrate",
        "transitTime": "3-5 business days", "isRecommended": False, "cost": usd(10)}  # fmt: skip
FREE = {"entityId": "free-shipping", "description": "Free Shipping", "type": "freeshipping",
        "transitTime": "5-7 business days", "isRecommended": False, "cost": usd(0)}  # fmt: skip


def checkout_id_of(entity_id: str) -> str:
    return base64.b64encode(f"Checkout:{entity_id}".encode()).decode()


def customer(store: Store, email: str) -> int:
    fields = {"email": email, "first_name": "Ada", "last_name": "Quill"}
    return customers.create(store, NewCustomer(fields, password="s3cretpass")).id


def signed_in(store: Store, customer_id: int) -> dict[str, str]:
    return {"X-Bc-Customer-Access-Token": customer_access_tokens.issue(store, customer_id, 1).value}


def new_cart(sf: httpx.Client, *lines: tuple[int, int], **headers: str) -> dict[str, Any]:
    items = [{"productEntityId": p, "quantity": q} for p, q in lines]
    body = operation(sf, CREATE, {"input": {"lineItems": items}}, **headers)
    assert "errors" not in body, body
    cart: dict[str, Any] = body["data"]["cart"]["createCart"]["cart"]
    return cart


def ready(sf: httpx.Client, entity_id: str, option: str = "flat-rate", **headers: str) -> dict[str, Any]:
    """Billing address, one consignment of every physical item, ``option`` selected."""
    checkout = result(operation(sf, ADD_BILLING, {"input": {"checkoutEntityId": entity_id, "data": {
        "address": ADDRESS}}}, **headers), "addCheckoutBillingAddress")  # fmt: skip
    lines = [{"lineItemEntityId": i["entityId"], "quantity": i["quantity"]}
             for i in checkout["cart"]["lineItems"]["physicalItems"]]  # fmt: skip
    checkout = result(operation(sf, ADD_CONSIGNMENTS, {"input": {"checkoutEntityId": entity_id, "data": {
        "consignments": [{"address": ADDRESS, "lineItems": lines}]}}}, **headers), "addCheckoutShippingConsignments")  # fmt: skip
    consignment = checkout["shippingConsignments"][0]["entityId"]
    return result(operation(sf, SELECT, {"input": {"checkoutEntityId": entity_id, "consignmentEntityId": consignment,
                                                   "data": {"shippingOptionEntityId": option}}}, **headers),
                  "selectCheckoutShippingOption")  # fmt: skip


@pytest.fixture
def frozen(clock: FrozenClock) -> FrozenClock:
    return clock


def test_a_guest_goes_from_cart_to_order(
    sf: httpx.Client, client: httpx.Client, store: Store, frozen: FrozenClock
) -> None:
    mug = product(client, sku="MUG", price=30, inventory_tracking="product", inventory_level=5)
    cap = product(client, sku="CAP", price=20)
    client.post(f"{V2}/coupons", json={
        "name": "Ten off", "code": "TEN", "type": "per_total_discount", "amount": "10",
        "applies_to": {"entity": "categories", "ids": [0]},
    }).raise_for_status()  # fmt: skip
    cart = new_cart(sf, (mug["id"], 2), (cap["id"], 1))
    entity_id = cart["entityId"]
    lines = cart["lineItems"]["physicalItems"]

    fresh = operation(sf, READ, {"entityId": entity_id})["data"]["site"]["checkout"]
    assert fresh == {
        "id": checkout_id_of(entity_id), "entityId": entity_id, "currencyCode": "USD", "version": 1,
        "customerMessage": None, "billingAddress": None, "shippingConsignments": [], "coupons": [],
        "cart": {"entityId": entity_id, "amount": usd(80), "lineItems": {"physicalItems": [
            {"entityId": i["entityId"], "productEntityId": i["productEntityId"], "quantity": i["quantity"]}
            for i in lines]}},
        "subtotal": usd(80), "grandTotal": usd(80), "taxTotal": usd(0), "shippingCostTotal": usd(0),
        "handlingCostTotal": usd(0), "totalDiscount": usd(0), "taxes": [], "order": None,
    }  # fmt: skip

    billed = result(operation(sf, ADD_BILLING, {"input": {"checkoutEntityId": entity_id, "data": {
        "address": ADDRESS}, "version": 1}}), "addCheckoutBillingAddress")  # fmt: skip
    billing_id = billed["billingAddress"]["entityId"]
    assert billed["billingAddress"] == {"entityId": billing_id, **address()} and billing_id.isdigit()
    assert billed["version"] == 2

    wanted = [{"lineItemEntityId": i["entityId"], "quantity": i["quantity"]} for i in lines]
    shipped = result(operation(sf, ADD_CONSIGNMENTS, {"input": {"checkoutEntityId": entity_id, "data": {
        "consignments": [{"address": {**ADDRESS, "city": "Dallas"}, "lineItems": wanted}]}}}),
        "addCheckoutShippingConsignments")  # fmt: skip
    (consignment,) = shipped["shippingConsignments"]
    assert consignment == {
        "entityId": consignment["entityId"], "lineItemIds": [i["entityId"] for i in lines],
        "address": address(city="Dallas"), "availableShippingOptions": [FLAT], "selectedShippingOption": None,
        "shippingCost": usd(0), "handlingCost": usd(0),
    }  # fmt: skip

    selected = result(operation(sf, SELECT, {"input": {
        "checkoutEntityId": entity_id, "consignmentEntityId": consignment["entityId"],
        "data": {"shippingOptionEntityId": "flat-rate"}}}), "selectCheckoutShippingOption")  # fmt: skip
    chosen = selected["shippingConsignments"][0]
    assert chosen["selectedShippingOption"] == {k: v for k, v in FLAT.items() if k != "isRecommended"}
    assert (chosen["shippingCost"], selected["shippingCostTotal"], selected["grandTotal"]) == (
        usd(10),
        usd(10),
        usd(90),
    )

    discounted = result(operation(sf, APPLY, {"input": {"checkoutEntityId": entity_id, "data": {
        "couponCode": "ten"}}}), "applyCheckoutCoupon")  # fmt: skip
    coupon_id = client.get(f"{V2}/coupons").json()[0]["id"]
    assert discounted["coupons"] == [{"entityId": coupon_id, "code": "TEN", "couponType": "PER_TOTAL_DISCOUNT",
                                      "displayName": "Ten off", "discountedAmount": usd(10)}]  # fmt: skip
    assert (discounted["totalDiscount"], discounted["grandTotal"], discounted["subtotal"]) == (
        usd(10),
        usd(80),
        usd(80),
    )

    noted = result(operation(sf, MESSAGE, {"input": {"checkoutEntityId": entity_id, "data": {
        "message": "Leave at the door"}}}), "updateCheckoutCustomerMessage")  # fmt: skip
    assert noted["customerMessage"] == "Leave at the door"

    done = operation(sf, COMPLETE, {"input": {"checkoutEntityId": entity_id}})
    completed = done["data"]["checkout"]["completeCheckout"]
    order_id, token = completed["orderEntityId"], completed["paymentAccessToken"]
    assert done == {"data": {"checkout": {"completeCheckout": {
        "orderEntityId": order_id, "paymentAccessToken": token, "errors": []}}}}  # fmt: skip
    assert isinstance(order_id, int) and isinstance(token, str) and len(token) >= 32

    order = client.get(f"{V2}/orders/{order_id}").json()
    assert (order["status_id"], order["status"], order["cart_id"], order["customer_id"]) == (
        0, "Incomplete", entity_id, 0)  # fmt: skip
    assert (order["subtotal_ex_tax"], order["shipping_cost_inc_tax"], order["discount_amount"]) == (
        "80.0000", "10.0000", "10.0000")  # fmt: skip
    assert (order["total_inc_tax"], order["items_total"], order["customer_message"]) == (
        "80.0000", 3, "Leave at the door")  # fmt: skip
    assert order["billing_address"]["email"] == "ada@example.com"
    products = client.get(f"{V2}/orders/{order_id}/products").json()
    assert sorted((p["product_id"], p["quantity"], p["price_inc_tax"]) for p in products) == sorted(
        [(mug["id"], 2, "30.0000"), (cap["id"], 1, "20.0000")])  # fmt: skip
    shipping = client.get(f"{V2}/orders/{order_id}/shipping_addresses").json()
    assert [(s["city"], s["shipping_method"]) for s in shipping] == [("Dallas", "Flat Rate")]
    assert client.get(f"{V3}/catalog/products/{mug['id']}").json()["data"]["inventory_level"] == 3
    assert client.get(f"{V2}/coupons").json()[0]["num_uses"] == 1

    after = operation(sf, READ, {"entityId": entity_id})["data"]["site"]["checkout"]
    assert after["order"] == {"entityId": order_id, "status": {"value": "INCOMPLETE"}, "totalIncTax": usd(80)}

    again = operation(sf, COMPLETE, {"input": {"checkoutEntityId": entity_id}})["data"]["checkout"]["completeCheckout"]
    assert (again["orderEntityId"], again["errors"]) == (order_id + 1, [])
    assert again["paymentAccessToken"] != token
    assert client.get(f"{V3}/catalog/products/{mug['id']}").json()["data"]["inventory_level"] == 1
    assert operation(sf, READ, {"entityId": entity_id})["data"]["site"]["checkout"]["order"]["entityId"] == order_id + 1


def test_billing_consignments_and_coupons_change_and_go(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    big = product(client, sku="BIG", price=120)
    client.post(f"{V2}/coupons", json={
        "name": "Tenth", "code": "TENTH", "type": "percentage_discount", "amount": "10",
        "applies_to": {"entity": "categories", "ids": [0]},
    }).raise_for_status()  # fmt: skip
    cart = new_cart(sf, (big["id"], 1))
    entity_id = cart["entityId"]
    checkout = ready(sf, entity_id, option="free-shipping")
    consignment = checkout["shippingConsignments"][0]
    assert consignment["availableShippingOptions"] == [FLAT, FREE]
    assert (checkout["shippingCostTotal"], checkout["grandTotal"]) == (usd(0), usd(120))

    moved = result(operation(sf, UPDATE_BILLING, {"input": {
        "checkoutEntityId": entity_id, "addressEntityId": checkout["billingAddress"]["entityId"],
        "data": {"address": {**ADDRESS, "city": "Houston", "phone": None}}}}), "updateCheckoutBillingAddress")  # fmt: skip
    assert moved["billingAddress"] == {"entityId": checkout["billingAddress"]["entityId"],
                                       **address(city="Houston", phone=None)}  # fmt: skip

    line = [{"lineItemEntityId": cart["lineItems"]["physicalItems"][0]["entityId"], "quantity": 1}]
    readdressed = result(operation(sf, UPDATE_CONSIGNMENT, {"input": {
        "checkoutEntityId": entity_id, "consignmentEntityId": consignment["entityId"],
        "data": {"consignment": {"address": {**ADDRESS, "city": "El Paso"}, "lineItems": line}}}}),
        "updateCheckoutShippingConsignment")  # fmt: skip
    changed = readdressed["shippingConsignments"][0]
    assert (changed["address"]["city"], changed["selectedShippingOption"]) == ("El Paso", None)

    discounted = result(operation(sf, APPLY, {"input": {"checkoutEntityId": entity_id, "data": {
        "couponCode": "TENTH"}}}), "applyCheckoutCoupon")  # fmt: skip
    assert (discounted["coupons"][0]["discountedAmount"], discounted["grandTotal"]) == (usd(12), usd(108))
    plain = result(operation(sf, UNAPPLY, {"input": {"checkoutEntityId": entity_id, "data": {
        "couponCode": "tenth"}}}), "unapplyCheckoutCoupon")  # fmt: skip
    assert (plain["coupons"], plain["grandTotal"]) == ([], usd(120))

    gone = result(operation(sf, DELETE_CONSIGNMENT, {"input": {
        "checkoutEntityId": entity_id, "consignmentEntityId": consignment["entityId"]}}), "deleteCheckoutConsignment")  # fmt: skip
    assert gone["shippingConsignments"] == []
    rest = client.get(f"{V3}/checkouts/{entity_id}").json()["data"]
    assert (rest["consignments"], rest["coupons"], rest["billing_address"]["city"]) == ([], [], "Houston")
    assert rest["version"] == gone["version"] == 9


def test_a_graphql_checkout_reads_the_same_in_rest(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    mug = product(client, sku="MUG", price=25)
    cart = new_cart(sf, (mug["id"], 2))
    checkout = ready(sf, cart["entityId"])
    rest = client.get(f"{V3}/checkouts/{cart['entityId']}").json()["data"]
    consignment = checkout["shippingConsignments"][0]
    assert rest["id"] == checkout["entityId"] and rest["version"] == checkout["version"]
    assert (rest["billing_address"]["id"], rest["billing_address"]["city"]) == (
        checkout["billingAddress"]["entityId"], "Austin")  # fmt: skip
    assert [(c["id"], c["line_item_ids"], c["selected_shipping_option"]["id"]) for c in rest["consignments"]] == [
        (consignment["entityId"], consignment["lineItemIds"], "flat-rate")]  # fmt: skip
    assert (rest["subtotal_ex_tax"], rest["shipping_cost_total_inc_tax"], rest["grand_total"]) == (50, 10, 60)
    assert checkout["grandTotal"] == usd(rest["grand_total"])
    order_id = client.post(f"{V3}/checkouts/{cart['entityId']}/orders").json()["data"]["id"]
    read = operation(sf, READ, {"entityId": cart["entityId"]})["data"]["site"]["checkout"]
    assert read["order"] == {"entityId": order_id, "status": {"value": "INCOMPLETE"}, "totalIncTax": usd(60)}


def test_a_rest_checkout_reads_the_same_in_graphql(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    mug = product(client, sku="MUG", price=40)
    made = client.post(f"{V3}/carts", json={"line_items": [{"product_id": mug["id"], "quantity": 3}]}).json()["data"]
    base = f"{V3}/checkouts/{made['id']}"
    client.post(f"{base}/billing-address", json={**REST_ADDRESS, "custom_fields": [
        {"field_id": "25", "field_value": "Back door"}]}).raise_for_status()  # fmt: skip
    item = made["line_items"]["physical_items"][0]["id"]
    shipped = client.post(f"{base}/consignments", json=[{"address": REST_ADDRESS, "line_items": [
        {"item_id": item, "quantity": 3}]}]).json()["data"]  # fmt: skip
    consignment = shipped["consignments"][0]["id"]
    client.put(f"{base}/consignments/{consignment}", json={"shipping_option_id": "free-shipping"}).raise_for_status()
    client.put(base, json={"customer_message": "Ring twice"}).raise_for_status()
    fee = {"type": "custom_fee", "name": "wrap", "display_name": "Gift wrap", "cost": 2.5, "source": "app"}
    client.post(f"{base}/fees", json={"fees": [fee]}).raise_for_status()
    rest = client.get(base).json()["data"]

    checkout = operation(sf, READ, {"entityId": made["id"]})["data"]["site"]["checkout"]
    bo = {"firstName": "Bo", "lastName": "Quill", "email": "bo@example.com", "company": None, "address1": "2 Side St",
          "address2": None, "city": "Boston", "stateOrProvince": "Massachusetts", "stateOrProvinceCode": "MA",
          "countryCode": "US", "postalCode": "02101", "phone": None}  # fmt: skip
    assert checkout["billingAddress"] == {
        "entityId": rest["billing_address"]["id"],
        **bo,
        "customFields": [{"entityId": 25}],
    }
    assert checkout["shippingConsignments"] == [{
        "entityId": consignment, "lineItemIds": [item], "address": {**bo, "customFields": []},
        "availableShippingOptions": [FLAT, FREE],
        "selectedShippingOption": {k: v for k, v in FREE.items() if k != "isRecommended"},
        "shippingCost": usd(0), "handlingCost": usd(0),
    }]  # fmt: skip
    assert (checkout["customerMessage"], checkout["version"], checkout["grandTotal"]) == (
        "Ring twice", rest["version"], usd(122.5))  # fmt: skip
    fees = "query Fees($id: String) { site { checkout(entityId: $id) { fees {\n  id feeType name displayName cost { value } source taxClassId } } } }"
    assert operation(sf, fees, {"id": made["id"]})["data"]["site"]["checkout"]["fees"] == [{
        "id": rest["fees"][0]["id"], "feeType": "CUSTOM_FEE", "name": "wrap", "displayName": "Gift wrap",
        "cost": {"value": 2.5}, "source": "app", "taxClassId": None,
    }]  # fmt: skip

    done = operation(sf, COMPLETE, {"input": {"checkoutEntityId": made["id"]}})["data"]["checkout"]["completeCheckout"]
    assert client.get(base).json()["data"]["order_id"] == str(done["orderEntityId"])
    order = client.get(f"{V2}/orders/{done['orderEntityId']}").json()
    assert (order["total_inc_tax"], order["customer_message"], order["shipping_cost_inc_tax"]) == (
        "122.5000", "Ring twice", "0.0000")  # fmt: skip
    assert client.delete(f"{V2}/orders/{done['orderEntityId']}").status_code == 204  # archived: not shown
    assert operation(sf, READ, {"entityId": made["id"]})["data"]["site"]["checkout"]["order"] is None


def test_node_resolves_a_checkout_by_its_global_id(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    cart = new_cart(sf, (product(client, sku="N", price=7)["id"], 1))
    global_id = checkout_id_of(cart["entityId"])
    assert operation(sf, NODE, {"id": global_id}) == {"data": {"node": {
        "__typename": "Checkout", "id": global_id, "entityId": cart["entityId"], "grandTotal": {"value": 7}}}}  # fmt: skip
    unknown = checkout_id_of("00000000-0000-4000-8000-000000000000")
    assert operation(sf, NODE, {"id": unknown}) == {"data": {"node": None}}


def test_a_signed_in_shoppers_checkout_is_theirs(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    ada, bo = customer(store, "ada@example.com"), customer(store, "bo@example.com")
    me = signed_in(store, ada)
    mug = product(client, sku="MUG", price=15)
    cart = new_cart(sf, (mug["id"], 2), **me)
    entity_id = cart["entityId"]
    checkout = ready(sf, entity_id, **me)
    assert operation(sf, READ, {}, **me)["data"]["site"]["checkout"] == checkout  # no id: the shopper's own
    assert operation(sf, READ, {"entityId": entity_id}, **me)["data"]["site"]["checkout"] == checkout
    for headers in ({}, signed_in(store, bo)):
        assert operation(sf, READ, {"entityId": entity_id}, **headers) == {"data": {"site": {"checkout": None}}}
        assert operation(sf, READ, {}, **headers) == {"data": {"site": {"checkout": None}}}
        assert operation(sf, NODE, {"id": checkout_id_of(entity_id)}, **headers) == {"data": {"node": None}}

    done = operation(sf, COMPLETE, {"input": {"checkoutEntityId": entity_id}}, **me)
    order_id = done["data"]["checkout"]["completeCheckout"]["orderEntityId"]
    order = client.get(f"{V2}/orders/{order_id}").json()
    assert (order["customer_id"], order["total_inc_tax"], order["channel_id"]) == (ada, "40.0000", 1)
    other = signed_in(store, bo)
    before = snapshot(store)
    assert operation(sf, COMPLETE, {"input": {"checkoutEntityId": entity_id}}, **other) == {
        "data": {"checkout": {"completeCheckout": {"orderEntityId": None, "paymentAccessToken": None, "errors": [
            {"__typename": "CartError", "message": f"No checkout '{entity_id}' on this storefront.",
             "cartCode": "CART_NOT_FOUND"}]}}}}  # fmt: skip
    assert snapshot(store) == before


@pytest.mark.parametrize(
    "document",
    [
        "query Total($id: String) { site { checkout(entityId: $id) { grandTotal { value } } } }",
        "query Total($id: String) { site { ...Pay } }\n"
        "fragment Pay on Site { checkout(entityId: $id) { grandTotal { value } } }",
    ],
)
def test_checkout_answers_are_always_computed(
    sf: httpx.Client, client: httpx.Client, monkeypatch: pytest.MonkeyPatch, document: str
) -> None:
    from mockbc.presentation.storefront_graphql import engine

    ran: list[str] = []
    execute = engine.execute  # type: ignore[attr-defined]

    def counted(*args: Any, **kwargs: Any) -> Any:
        ran.append(str(kwargs.get("operation_name")))
        return execute(*args, **kwargs)

    monkeypatch.setattr(engine, "execute", counted)
    cart = new_cart(sf, (product(client, sku="K", price=5)["id"], 1))
    first = operation(sf, document, {"id": cart["entityId"]})
    second = operation(sf, document, {"id": cart["entityId"]})
    assert first == second == {"data": {"site": {"checkout": {"grandTotal": {"value": 5}}}}}
    assert ran == ["CreateCart", "Total", "Total"]
