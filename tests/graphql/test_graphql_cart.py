"""Carts through the GraphQL Storefront API as a headless storefront drives them: a guest builds a
cart (a variant chosen by its options, by SKU), changes and empties it, and REST and GraphQL see the
same cart at every step, with the same prices."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from storefront_kit import NOW

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.clock import FrozenClock

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
IMAGE = "https://cdn.example.com/tee-large.jpg"
STAMP = datetime.fromtimestamp(NOW, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

FRAGMENTS = """
fragment MoneyFields on Money { value currencyCode }
fragment Options on CartSelectedOption {
  __typename entityId name
  ... on CartSelectedMultipleChoiceOption { value valueEntityId }
  ... on CartSelectedCheckboxOption { value valueEntityId }
  ... on CartSelectedTextFieldOption { text }
}
fragment PhysicalLine on CartPhysicalItem {
  entityId productEntityId variantEntityId sku name quantity url imageUrl path isShippingRequired
  originalPrice { ...MoneyFields } listPrice { ...MoneyFields } salePrice { ...MoneyFields }
  extendedListPrice { ...MoneyFields } extendedSalePrice { ...MoneyFields }
  selectedOptions { ...Options }
}
fragment CartFields on Cart {
  id entityId currencyCode isTaxIncluded locale version
  baseAmount { ...MoneyFields } discountedAmount { ...MoneyFields } amount { ...MoneyFields }
  discounts { entityId }
  createdAt { utc } updatedAt { utc }
  lineItems {
    physicalItems { ...PhysicalLine }
    digitalItems { entityId productEntityId name quantity salePrice { ...MoneyFields } }
    customItems { entityId sku name quantity listPrice { ...MoneyFields } extendedListPrice { ...MoneyFields } }
    giftCertificates { entityId name theme amount { ...MoneyFields } isTaxable sender { name email }
      recipient { name email } message }
    totalQuantity
  }
}
"""
CREATE = (
    """
mutation CreateCart($input: CreateCartInput!) {
  cart { createCart(input: $input) { cart { ...CartFields } } }
}"""
    + FRAGMENTS
)
ADD = (
    """
mutation AddCartLineItems($input: AddCartLineItemsInput!) {
  cart { addCartLineItems(input: $input) { cart { ...CartFields } } }
}"""
    + FRAGMENTS
)
UPDATE = (
    """
mutation UpdateCartLineItem($input: UpdateCartLineItemInput!) {
  cart { updateCartLineItem(input: $input) { cart { ...CartFields } } }
}"""
    + FRAGMENTS
)
DELETE_LINE = (
    """
mutation DeleteCartLineItem($input: DeleteCartLineItemInput!) {
  cart { deleteCartLineItem(input: $input) { deletedLineItemEntityId deletedCartEntityId cart { ...CartFields } } }
}"""
    + FRAGMENTS
)
DELETE_CART = """
mutation DeleteCart($input: DeleteCartInput!) { cart { deleteCart(input: $input) { deletedCartEntityId } } }"""
READ = (
    """
query Cart($entityId: String) { site { cart(entityId: $entityId) { ...CartFields } } }"""
    + FRAGMENTS
)


def send(http: httpx.Client, document: str, variables: Any = None, **headers: str) -> httpx.Response:
    """One operation the way the storefront's client sends it: ``POST /graphql?operation=Name&type=...``."""
    head = document.split("{", 1)[0].split()
    kind, name = head[0], head[1].split("(")[0]
    body: dict[str, Any] = {"query": document}
    if variables is not None:
        body["variables"] = variables
    return http.post(f"/graphql?operation={name}&type={kind}", json=body, headers=headers)


def operation(http: httpx.Client, document: str, variables: Any = None, **headers: str) -> dict[str, Any]:
    response = send(http, document, variables, **headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def product(client: httpx.Client, **fields: Any) -> dict[str, Any]:
    body = {"name": f"Cart piece {fields.get('sku', 'x')}", "type": "physical", "weight": 1, "price": 10,
            "is_visible": True, **fields}  # fmt: skip
    response = client.post(f"{V3}/catalog/products", json=body)
    assert response.status_code == 200, response.text
    created: dict[str, Any] = response.json()["data"]
    return created


def usd(value: float) -> dict[str, Any]:
    return {"value": value, "currencyCode": "USD"}


def cart_id_of(entity_id: str) -> str:
    return base64.b64encode(f"Cart:{entity_id}".encode()).decode()


@pytest.fixture
def shirt(client: httpx.Client) -> dict[str, Any]:
    """A shirt in two sizes (L dearer) with a free-text engraving and a priced gift-wrap modifier."""
    made = product(client, sku="TEE", price=30, variants=[
        {"sku": "TEE-S", "option_values": [{"option_display_name": "Size", "label": "S"}]},
        {"sku": "TEE-L", "price": 35, "image_url": IMAGE, "option_values": [{"option_display_name": "Size", "label": "L"}]},
    ])  # fmt: skip
    size = client.get(f"{V3}/catalog/products/{made['id']}/options").json()["data"][0]
    variants = client.get(f"{V3}/catalog/products/{made['id']}/variants").json()["data"]
    wrap = client.post(f"{V3}/catalog/products/{made['id']}/modifiers", json={
        "type": "dropdown", "display_name": "Gift wrap", "required": False,
        "option_values": [
            {"label": "Yes", "sort_order": 0, "adjusters": {"price": {"adjuster": "relative", "adjuster_value": 5}}},
            {"label": "No", "sort_order": 1},
        ],
    }).json()["data"]  # fmt: skip
    return {
        "product": made, "size": size, "wrap": wrap,
        "large": next(v for v in size["option_values"] if v["label"] == "L"),
        "yes": next(v for v in wrap["option_values"] if v["label"] == "Yes"),
        "variant_l": next(v for v in variants if v["sku"] == "TEE-L"),
    }  # fmt: skip


def test_a_guest_builds_a_cart_changes_it_and_empties_it(
    sf: httpx.Client, client: httpx.Client, store: Store, clock: FrozenClock, shirt: dict[str, Any]
) -> None:
    p, size, large, wrap, yes = shirt["product"], shirt["size"], shirt["large"], shirt["wrap"], shirt["yes"]
    line = {"productEntityId": p["id"], "quantity": 2, "selectedOptions": {
        "multipleChoices": [{"optionEntityId": size["id"], "optionValueEntityId": large["id"]},
                            {"optionEntityId": wrap["id"], "optionValueEntityId": yes["id"]}],
    }}  # fmt: skip
    body = operation(sf, CREATE, {"input": {"lineItems": [line]}})
    cart = body["data"]["cart"]["createCart"]["cart"]
    entity_id = cart["entityId"]
    item = cart["lineItems"]["physicalItems"][0]
    host = f"http://store-{store.store_hash}.mybigcommerce.test"
    assert body == {"data": {"cart": {"createCart": {"cart": {
        "id": cart_id_of(entity_id), "entityId": entity_id, "currencyCode": "USD", "isTaxIncluded": False,
        "locale": "en-US", "version": 1,
        "baseAmount": usd(80), "discountedAmount": usd(0), "amount": usd(80), "discounts": [],
        "createdAt": {"utc": STAMP}, "updatedAt": {"utc": STAMP},
        "lineItems": {
            "physicalItems": [{
                "entityId": item["entityId"], "productEntityId": p["id"], "variantEntityId": shirt["variant_l"]["id"],
                "sku": "TEE-L", "name": p["name"], "quantity": 2, "url": f"{host}{p['custom_url']['url']}",
                "imageUrl": IMAGE, "path": p["custom_url"]["url"], "isShippingRequired": True,
                "originalPrice": usd(35), "listPrice": usd(40), "salePrice": usd(40),
                "extendedListPrice": usd(80), "extendedSalePrice": usd(80),
                "selectedOptions": [
                    {"__typename": "CartSelectedMultipleChoiceOption", "entityId": size["id"], "name": "Size",
                     "value": "L", "valueEntityId": large["id"]},
                    {"__typename": "CartSelectedMultipleChoiceOption", "entityId": wrap["id"], "name": "Gift wrap",
                     "value": "Yes", "valueEntityId": yes["id"]},
                ],
            }],
            "digitalItems": [], "customItems": [], "giftCertificates": [], "totalQuantity": 2,
        },
    }}}}}  # fmt: skip

    rest = client.get(f"{V3}/carts/{entity_id}").json()["data"]
    rest_item = rest["line_items"]["physical_items"][0]
    assert (rest["channel_id"], rest["customer_id"], rest["cart_amount"]) == (1, 0, cart["amount"]["value"])
    assert rest_item["id"] == item["entityId"] and rest_item["variant_id"] == item["variantEntityId"]
    for rest_name, ours in (("original_price", "originalPrice"), ("list_price", "listPrice"),
                            ("sale_price", "salePrice"), ("extended_list_price", "extendedListPrice"),
                            ("extended_sale_price", "extendedSalePrice")):  # fmt: skip
        assert rest_item[rest_name] == item[ours]["value"], rest_name

    mug = product(client, sku="MUG", price=12, sale_price=9)
    added = operation(sf, ADD, {"input": {"cartEntityId": entity_id, "data": {
        "lineItems": [{"sku": "mug", "quantity": 1}]}}})["data"]["cart"]["addCartLineItems"]["cart"]  # fmt: skip
    lines = added["lineItems"]["physicalItems"]
    mug_line = next(i for i in lines if i["productEntityId"] == mug["id"])
    assert (mug_line["sku"], mug_line["listPrice"], mug_line["salePrice"]) == ("MUG", usd(12), usd(9))
    assert (added["version"], added["baseAmount"], added["lineItems"]["totalQuantity"]) == (2, usd(89), 3)

    updated = operation(sf, UPDATE, {"input": {"cartEntityId": entity_id, "lineItemEntityId": mug_line["entityId"],
                                               "data": {"lineItem": {"productEntityId": mug["id"], "quantity": 3}},
                                               "version": 2}})["data"]["cart"]["updateCartLineItem"]["cart"]  # fmt: skip
    changed = next(i for i in updated["lineItems"]["physicalItems"] if i["entityId"] == mug_line["entityId"])
    assert (changed["quantity"], changed["extendedSalePrice"], updated["amount"]) == (3, usd(27), usd(107))
    rest = client.get(f"{V3}/carts/{entity_id}").json()["data"]
    assert (rest["cart_amount"], rest["version"]) == (107, 3)

    dropped = operation(sf, DELETE_LINE, {"input": {"cartEntityId": entity_id, "lineItemEntityId": item["entityId"]}})
    result = dropped["data"]["cart"]["deleteCartLineItem"]
    assert (result["deletedLineItemEntityId"], result["deletedCartEntityId"]) == (item["entityId"], None)
    assert [i["entityId"] for i in result["cart"]["lineItems"]["physicalItems"]] == [mug_line["entityId"]]

    last = operation(sf, DELETE_LINE, {"input": {"cartEntityId": entity_id, "lineItemEntityId": mug_line["entityId"]}})
    assert last == {"data": {"cart": {"deleteCartLineItem": {
        "deletedLineItemEntityId": mug_line["entityId"], "deletedCartEntityId": entity_id, "cart": None,
    }}}}  # fmt: skip
    assert client.get(f"{V3}/carts/{entity_id}").status_code == 404
    assert operation(sf, READ, {"entityId": entity_id}) == {"data": {"site": {"cart": None}}}


def test_a_rest_cart_reads_the_same_in_graphql(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    ebook = product(client, sku="EBOOK", type="digital", price=7.5)
    made = client.post(f"{V3}/carts", json={
        "line_items": [{"product_id": ebook["id"], "quantity": 2}],
        "custom_items": [{"sku": "ENGRAVE", "name": "Engraving", "quantity": 1, "list_price": 4.25}],
        "gift_certificates": [{"name": "For Ada", "theme": "Birthday", "amount": 25, "quantity": 1,
                               "sender": {"name": "Bo", "email": "bo@example.com"},
                               "recipient": {"name": "Ada", "email": "ada@example.com"}, "message": "Enjoy"}],
    })  # fmt: skip
    assert made.status_code == 201, made.text
    rest = made.json()["data"]
    cart = operation(sf, READ, {"entityId": rest["id"]})["data"]["site"]["cart"]
    assert cart["lineItems"] == {
        "physicalItems": [],
        "digitalItems": [{"entityId": rest["line_items"]["digital_items"][0]["id"], "productEntityId": ebook["id"],
                          "name": ebook["name"], "quantity": 2, "salePrice": usd(7.5)}],
        "customItems": [{"entityId": rest["line_items"]["custom_items"][0]["id"], "sku": "ENGRAVE",
                         "name": "Engraving", "quantity": 1, "listPrice": usd(4.25), "extendedListPrice": usd(4.25)}],
        "giftCertificates": [{"entityId": rest["line_items"]["gift_certificates"][0]["id"], "name": "For Ada",
                              "theme": "BIRTHDAY", "amount": usd(25), "isTaxable": False,
                              "sender": {"name": "Bo", "email": "bo@example.com"},
                              "recipient": {"name": "Ada", "email": "ada@example.com"}, "message": "Enjoy"}],
        "totalQuantity": 4,
    }  # fmt: skip
    assert (cart["baseAmount"], cart["amount"]) == (usd(rest["base_amount"]), usd(rest["cart_amount"]))
    assert cart["amount"] == usd(44.25)


def test_gift_certificates_and_the_cart_itself_go(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    gift = {"name": "Thanks", "theme": "GENERAL", "amount": "30.50", "quantity": 2,
            "sender": {"name": "Bo", "email": "bo@example.com"}, "recipient": {"name": "Cy", "email": "cy@example.com"}}  # fmt: skip
    body = operation(sf, CREATE, {"input": {"giftCertificates": [gift], "currencyCode": "usd", "locale": "fr-FR"}})
    cart = body["data"]["cart"]["createCart"]["cart"]
    assert (cart["amount"], cart["locale"], cart["lineItems"]["totalQuantity"]) == (usd(61), "fr-FR", 2)
    certificate = cart["lineItems"]["giftCertificates"][0]
    assert (certificate["theme"], certificate["amount"], certificate["message"]) == ("GENERAL", usd(30.5), None)
    rest = client.get(f"{V3}/carts/{cart['entityId']}").json()["data"]
    assert rest["line_items"]["gift_certificates"][0]["theme"] == "General" and rest["locale"] == "fr-FR"
    changed = operation(sf, UPDATE, {"input": {
        "cartEntityId": cart["entityId"], "lineItemEntityId": certificate["entityId"],
        "data": {"giftCertificate": {**gift, "amount": 40, "quantity": 1, "theme": "CHRISTMAS"}},
    }})["data"]["cart"]["updateCartLineItem"]["cart"]  # fmt: skip
    assert changed["amount"] == usd(40) and changed["lineItems"]["giftCertificates"][0]["theme"] == "CHRISTMAS"
    gone = operation(sf, DELETE_CART, {"input": {"cartEntityId": cart["entityId"]}})
    assert gone == {"data": {"cart": {"deleteCart": {"deletedCartEntityId": cart["entityId"]}}}}
    assert client.get(f"{V3}/carts/{cart['entityId']}").status_code == 404
    assert len(store.carts) == 0


def test_modifier_choices_read_back_by_their_kind(sf: httpx.Client, client: httpx.Client, store: Store) -> None:
    card = product(client, sku="CARD", price=3)
    text = client.post(f"{V3}/catalog/products/{card['id']}/modifiers",
                       json={"type": "text", "display_name": "Greeting", "required": True}).json()["data"]  # fmt: skip
    count = client.post(f"{V3}/catalog/products/{card['id']}/modifiers",
                        json={"type": "numbers_only_text", "display_name": "Copies", "required": False}).json()["data"]  # fmt: skip
    line = {"productEntityId": card["id"], "quantity": 1, "selectedOptions": {
        "textFields": [{"optionEntityId": text["id"], "text": "Happy day"}],
        "numberFields": [{"optionEntityId": count["id"], "number": 2}],
    }}  # fmt: skip
    document = """
mutation CreateCart($input: CreateCartInput!) {
  cart { createCart(input: $input) { cart { entityId lineItems { physicalItems { selectedOptions {
    __typename entityId name
    ... on CartSelectedTextFieldOption { text }
    ... on CartSelectedNumberFieldOption { number }
  } } } } } }
}"""
    cart = operation(sf, document, {"input": {"lineItems": [line]}})["data"]["cart"]["createCart"]["cart"]
    assert cart["lineItems"]["physicalItems"][0]["selectedOptions"] == [
        {"__typename": "CartSelectedTextFieldOption", "entityId": text["id"], "name": "Greeting", "text": "Happy day"},
        {"__typename": "CartSelectedNumberFieldOption", "entityId": count["id"], "name": "Copies", "number": 2.0},
    ]
    rest = client.get(f"{V3}/carts/{cart['entityId']}?include=line_items.physical_items.options").json()["data"]
    assert [(o["nameId"], o["value"]) for o in rest["line_items"]["physical_items"][0]["options"]] == [
        (text["id"], "Happy day"), (count["id"], "2"),
    ]  # fmt: skip


def test_a_line_links_to_its_catalog_product(sf: httpx.Client, store: Store, shirt: dict[str, Any]) -> None:
    p, size, large = shirt["product"], shirt["size"], shirt["large"]
    line = {"productEntityId": p["id"], "quantity": 1, "selectedOptions": {
        "multipleChoices": [{"optionEntityId": size["id"], "optionValueEntityId": large["id"]}]}}  # fmt: skip
    document = """
mutation CreateCart($input: CreateCartInput!) {
  cart { createCart(input: $input) { cart { lineItems { physicalItems {
    image { urlOriginal altText } brand baseCatalogProduct { entityId name sku }
  } } } } }
}"""
    body = operation(sf, document, {"input": {"lineItems": [line]}})
    assert body["data"]["cart"]["createCart"]["cart"]["lineItems"]["physicalItems"] == [{
        "image": {"urlOriginal": IMAGE, "altText": p["name"]}, "brand": None,
        "baseCatalogProduct": {"entityId": p["id"], "name": p["name"], "sku": "TEE"},
    }]  # fmt: skip


NODE = """
query CartNode($id: ID!) {
  node(id: $id) { __typename id ... on Cart { entityId amount { value } } }
}
"""


def test_node_resolves_a_cart_by_its_global_id(sf: httpx.Client, client: httpx.Client) -> None:
    made = client.post(f"{V3}/carts", json={"custom_items": [{"sku": "X", "name": "X", "quantity": 2,
                                                              "list_price": 3}]}).json()["data"]  # fmt: skip
    global_id = base64.b64encode(f"Cart:{made['id']}".encode()).decode()
    found = operation(sf, NODE, {"id": global_id})["data"]["node"]
    assert found == {"__typename": "Cart", "id": global_id, "entityId": made["id"], "amount": {"value": 6}}
    unknown = base64.b64encode(b"Cart:00000000-0000-4000-8000-000000000000").decode()
    assert operation(sf, NODE, {"id": unknown}) == {"data": {"node": None}}
    upper = base64.b64encode(f"Cart:{made['id'].upper()}".encode()).decode()
    refused = operation(sf, NODE, {"id": upper})
    assert refused["data"] == {"node": None}
    assert refused["errors"][0]["message"] == f"Invalid id: {upper!r}"
    assert refused["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT"}
