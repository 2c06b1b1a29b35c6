"""Carts through HTTP: every operation's success and refusals with their full bodies, pricing
from the catalog (read again after a price change), stock left alone, versions, expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from mockbc import Store
from mockbc.domain.clock import FrozenClock

V3 = "/stores/{h}/v3"
TYPE = "/api-docs/getting-started/api-status-codes"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen(store: Store, monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    clock = FrozenClock(NOW)
    monkeypatch.setattr(store, "clock", clock)
    return clock


def url(store: Store, path: str) -> str:
    return V3.format(h=store.store_hash) + path


def product(client: httpx.Client, store: Store, **fields: Any) -> dict[str, Any]:
    body = {"name": f"Cart thing {fields.get('sku', 'x')}", "type": "physical", "weight": 1, "price": 10,
            "is_visible": True, **fields}  # fmt: skip
    response = client.post(url(store, "/catalog/products"), json=body)
    assert response.status_code == 200, response.text
    created: dict[str, Any] = response.json()["data"]
    return created


def create(client: httpx.Client, store: Store, body: dict[str, Any], query: str = "") -> httpx.Response:
    return client.post(url(store, f"/carts{query}"), json=body)


def cart_of(client: httpx.Client, store: Store, body: dict[str, Any], query: str = "") -> dict[str, Any]:
    response = create(client, store, body, query)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def err(status: int, title: str, errors: dict[str, str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"status": status, "title": title, "type": TYPE}
    if errors is not None:
        out["errors"] = errors
    return out


def not_found(resource: str = "cart") -> dict[str, Any]:
    return err(404, f"The requested {resource} was not found.")


# --------------------------------------------------------------------------- create and read


def test_create_prices_from_the_catalog_and_reads_back(client: httpx.Client, store: Store) -> None:
    p = product(client, store, sku="C1", price=20, sale_price=15)
    cart = cart_of(client, store, {"line_items": [{"product_id": p["id"], "quantity": 2}], "customer_id": 0})
    assert len(cart["id"]) == 36 and cart["id"].count("-") == 4
    item = cart["line_items"]["physical_items"][0]
    assert item["product_id"] == p["id"] and item["variant_id"] == p["base_variant_id"]
    assert (item["original_price"], item["list_price"], item["sale_price"]) == (20, 20, 15)
    assert (item["extended_list_price"], item["extended_sale_price"]) == (40, 30)
    assert item["quantity"] == 2 and item["sku"] == "C1" and "options" not in item
    assert (cart["base_amount"], cart["discount_amount"], cart["cart_amount"]) == (30, 0, 30)
    assert cart["currency"] == {"code": "USD"} and cart["locale"] == "en-US" and cart["channel_id"] == 1
    assert cart["version"] == 1
    assert cart["created_time"] == cart["updated_time"] == "2026-03-01T12:00:00+00:00"
    assert cart["line_items"]["digital_items"] == [] == cart["line_items"]["custom_items"]
    read = client.get(url(store, f"/carts/{cart['id']}"))
    assert read.status_code == 200
    assert read.json() == {"data": cart, "meta": {}}


def test_digital_custom_and_gift_certificate_items(client: httpx.Client, store: Store) -> None:
    p = product(client, store, sku="D1", type="digital", price=4.5)
    gift = {"name": "Ann", "theme": "Birthday", "amount": 25, "quantity": 2,
            "sender": {"name": "Bo", "email": "bo@example.com"}, "recipient": {"name": "Ann", "email": "ann@example.com"},
            "message": "Hi"}  # fmt: skip
    cart = cart_of(client, store, {
        "line_items": [{"product_id": p["id"], "quantity": 1}],
        "custom_items": [{"sku": "CU-1", "name": "Engraving", "quantity": 3, "list_price": 2.25}],
        "gift_certificates": [gift], "currency": {"code": "eur"}, "locale": "fr-FR",
    })  # fmt: skip
    lines = cart["line_items"]
    assert lines["physical_items"] == []
    assert lines["digital_items"][0]["sale_price"] == 4.5 and lines["digital_items"][0]["is_require_shipping"] is False
    custom = lines["custom_items"][0]
    assert {k: custom[k] for k in ("sku", "name", "quantity", "list_price", "extended_list_price")} == {
        "sku": "CU-1", "name": "Engraving", "quantity": 3, "list_price": 2.25, "extended_list_price": 6.75,
    }  # fmt: skip
    certificate = lines["gift_certificates"][0]
    assert (
        certificate["amount"] == 25
        and certificate["quantity"] == 2
        and certificate["sender"]["email"] == "bo@example.com"
    )
    assert cart["base_amount"] == 4.5 + 6.75 + 50 == cart["cart_amount"]
    assert cart["currency"] == {"code": "EUR"} and cart["locale"] == "fr-FR"


def test_variant_options_modifiers_and_include_options(client: httpx.Client, store: Store) -> None:
    p = product(client, store, sku="V1", price=30, variants=[
        {"sku": "V1-S", "option_values": [{"option_display_name": "Size", "label": "S"}]},
        {"sku": "V1-L", "price": 35, "option_values": [{"option_display_name": "Size", "label": "L"}]},
    ])  # fmt: skip
    options = client.get(url(store, f"/catalog/products/{p['id']}/options")).json()["data"]
    size = options[0]
    large = next(v for v in size["option_values"] if v["label"] == "L")
    modifier = client.post(url(store, f"/catalog/products/{p['id']}/modifiers"), json={
        "type": "dropdown", "display_name": "Gift wrap", "required": False,
        "option_values": [
            {"label": "Yes", "sort_order": 0, "adjusters": {"price": {"adjuster": "relative", "adjuster_value": 5}}},
            {"label": "No", "sort_order": 1},
        ],
    })  # fmt: skip
    assert modifier.status_code == 200, modifier.text
    wrap = modifier.json()["data"]
    yes = next(v for v in wrap["option_values"] if v["label"] == "Yes")
    body = {"line_items": [{"product_id": p["id"], "quantity": 1, "option_selections": [
        {"option_id": size["id"], "option_value": large["id"]}, {"option_id": wrap["id"], "option_value": yes["id"]},
    ]}]}  # fmt: skip
    cart = cart_of(client, store, body, "?include=line_items.physical_items.options")
    item = cart["line_items"]["physical_items"][0]
    assert item["sku"] == "V1-L" and item["list_price"] == 40 and item["sale_price"] == 40
    assert item["options"] == [
        {"name": "Size", "nameId": size["id"], "value": "L", "valueId": large["id"]},
        {"name": "Gift wrap", "nameId": wrap["id"], "value": "Yes", "valueId": yes["id"]},
    ]


def test_bulk_pricing_and_list_price_override(client: httpx.Client, store: Store) -> None:
    p = product(client, store, sku="B1", price=10)
    rule = client.post(url(store, f"/catalog/products/{p['id']}/bulk-pricing-rules"),
                       json={"quantity_min": 5, "quantity_max": 0, "type": "percent", "amount": 10})  # fmt: skip
    assert rule.status_code == 200, rule.text
    cart = cart_of(client, store, {"line_items": [{"product_id": p["id"], "quantity": 5}]})
    item = cart["line_items"]["physical_items"][0]
    assert (item["list_price"], item["sale_price"], item["extended_sale_price"]) == (10, 9, 45)
    other = product(client, store, sku="B2", price=10)
    cart = cart_of(client, store, {"line_items": [{"product_id": other["id"], "quantity": 2, "list_price": 7.5}]})
    item = cart["line_items"]["physical_items"][0]
    assert (item["original_price"], item["list_price"], item["sale_price"], cart["cart_amount"]) == (10, 7.5, 7.5, 15)


def test_catalog_price_change_shows_in_the_cart(client: httpx.Client, store: Store) -> None:
    p = product(client, store, sku="R1", price=10)
    cart = cart_of(client, store, {"line_items": [{"product_id": p["id"], "quantity": 3}]})
    assert client.put(url(store, f"/catalog/products/{p['id']}"), json={"price": 12}).status_code == 200
    read = client.get(url(store, f"/carts/{cart['id']}")).json()["data"]
    assert read["line_items"]["physical_items"][0]["sale_price"] == 12 and read["cart_amount"] == 36
    assert read["version"] == 1  # repricing is not a change of the cart


def test_include_redirect_urls_and_promotions(client: httpx.Client, store: Store) -> None:
    p = product(client, store, sku="I1")
    cart = cart_of(client, store, {"line_items": [{"product_id": p["id"], "quantity": 1}]},
                   "?include=redirect_urls,promotions.banners")  # fmt: skip
    links = cart["redirect_urls"]
    assert links["cart_url"].startswith(f"http://mockbc.test/cart.php?action=load&id={cart['id']}&token=")
    assert links["checkout_url"].startswith(f"http://mockbc.test/cart.php?action=loadInCheckout&id={cart['id']}&token=")
    assert links["embedded_checkout_url"].startswith("http://mockbc.test/cart.php?embedded=1&action=loadInCheckout&")
    assert cart["promotions"] == {}
    plain = client.get(url(store, f"/carts/{cart['id']}")).json()["data"]
    assert "redirect_urls" not in plain and "promotions" not in plain


def test_create_refusals(client: httpx.Client, store: Store) -> None:
    p = product(client, store, sku="X1")
    hidden = product(client, store, sku="X2", is_visible=False)
    disabled = product(client, store, sku="X3", availability="disabled")
    payload = "The cart is invalid."
    cases: list[tuple[dict[str, Any], int, dict[str, Any]]] = [
        ({"line_items": []}, 422, err(422, payload, {"line_items": "A cart needs at least one line item, custom item or gift certificate."})),
        ({"line_items": [{"product_id": 999999, "quantity": 1}]}, 422,
         err(422, payload, {"line_items.0.product_id": "Product 999999 does not exist."})),
        ({"line_items": [{"product_id": p["id"], "variant_id": 999999, "quantity": 1}]}, 422,
         err(422, payload, {"line_items.0.variant_id": f"Variant 999999 is not a variant of product {p['id']}."})),
        ({"line_items": [{"product_id": p["id"], "quantity": 0}]}, 422,
         err(422, payload, {"line_items.0.quantity": "must be at least 1"})),
        ({"line_items": [{"product_id": p["id"], "quantity": 1}], "channel_id": 7}, 422,
         err(422, payload, {"channel_id": "Channel 7 does not exist."})),
        ({"line_items": [{"product_id": p["id"], "quantity": 1}], "customer_id": 999999}, 422,
         err(422, payload, {"customer_id": "Customer 999999 does not exist; use 0 for a guest order."})),
        ({"line_items": [{"product_id": hidden["id"], "quantity": 1}]}, 409,
         err(409, "The item cannot be added to the cart.", {"line_items.0.product_id": f"Product {hidden['id']} cannot be purchased."})),
        ({"line_items": [{"product_id": disabled["id"], "quantity": 1}]}, 409,
         err(409, "The item cannot be added to the cart.", {"line_items.0.product_id": f"Product {disabled['id']} cannot be purchased."})),
    ]  # fmt: skip
    for body, status, expected in cases:
        response = create(client, store, body)
        assert (response.status_code, response.json()) == (status, expected), body
    assert len(store.carts) == 0


def test_required_options_and_modifiers(client: httpx.Client, store: Store) -> None:
    p = product(client, store, sku="O1", variants=[
        {"sku": "O1-S", "option_values": [{"option_display_name": "Size", "label": "S"}]},
        {"sku": "O1-L", "option_values": [{"option_display_name": "Size", "label": "L"}]},
    ])  # fmt: skip
    response = create(client, store, {"line_items": [{"product_id": p["id"], "quantity": 1}]})
    assert response.status_code == 422
    assert response.json() == err(422, "The cart is invalid.", {
        "line_items.0.option_selections": f"Product {p['id']} has options: give variant_id or product_options."})  # fmt: skip
    q = product(client, store, sku="O2")
    text = client.post(url(store, f"/catalog/products/{q['id']}/modifiers"),
                       json={"type": "text", "display_name": "Engraving", "required": True}).json()["data"]  # fmt: skip
    response = create(client, store, {"line_items": [{"product_id": q["id"], "quantity": 1}]})
    assert response.status_code == 422
    assert response.json() == err(422, "The cart is invalid.", {
        "line_items.0.option_selections": f"Option {text['id']} (Engraving) is required."})  # fmt: skip
    ok = create(client, store, {"line_items": [{"product_id": q["id"], "quantity": 1,
                                                "option_selections": [{"option_id": text["id"], "option_value": "Hi"}]}]})  # fmt: skip
    assert ok.status_code == 201, ok.text


def test_stock_is_checked_and_never_taken(client: httpx.Client, store: Store) -> None:
    p = product(client, store, sku="S1", inventory_tracking="product", inventory_level=3)
    response = create(client, store, {"line_items": [{"product_id": p["id"], "quantity": 4}]})
    assert response.status_code == 409
    assert response.json() == err(409, "The item cannot be added to the cart.", {
        "line_items.0.quantity": f"There is not enough stock of '{p['name']}': 3 in stock, 4 ordered."})  # fmt: skip
    cart = cart_of(client, store, {"line_items": [{"product_id": p["id"], "quantity": 2}]})
    again = client.post(
        url(store, f"/carts/{cart['id']}/items"), json={"line_items": [{"product_id": p["id"], "quantity": 2}]}
    )
    assert again.status_code == 409
    assert again.json()["errors"] == {
        "line_items.0.quantity": f"There is not enough stock of '{p['name']}': 3 in stock, 4 ordered."
    }
    assert client.get(url(store, f"/catalog/products/{p['id']}")).json()["data"]["inventory_level"] == 3
    assert client.get(url(store, f"/carts/{cart['id']}")).json()["data"]["version"] == 1


def test_variant_purchasing_disabled(client: httpx.Client, store: Store) -> None:
    p = product(client, store, sku="P1", variants=[
        {"sku": "P1-S", "purchasing_disabled": True, "option_values": [{"option_display_name": "Size", "label": "S"}]},
    ])  # fmt: skip
    variant = client.get(url(store, f"/catalog/products/{p['id']}/variants")).json()["data"][0]
    response = create(
        client, store, {"line_items": [{"product_id": p["id"], "variant_id": variant["id"], "quantity": 1}]}
    )
    assert response.status_code == 409
    assert response.json() == err(409, "The item cannot be added to the cart.", {
        "line_items.0.variant_id": f"Variant {variant['id']} cannot be purchased."})  # fmt: skip


# --------------------------------------------------------------------------- items


def test_add_update_and_delete_items(client: httpx.Client, store: Store, frozen: FrozenClock) -> None:
    a, b = product(client, store, sku="A1", price=5), product(client, store, sku="A2", price=7)
    cart = cart_of(client, store, {"line_items": [{"product_id": a["id"], "quantity": 1}]})
    frozen.set(NOW + timedelta(hours=1))
    added = client.post(url(store, f"/carts/{cart['id']}/items"), json={
        "line_items": [{"product_id": a["id"], "quantity": 2}, {"product_id": b["id"], "quantity": 1}], "version": 1})  # fmt: skip
    assert added.status_code == 201, added.text
    data = added.json()["data"]
    items = data["line_items"]["physical_items"]
    assert [(i["product_id"], i["quantity"]) for i in items] == [(a["id"], 3), (b["id"], 1)]
    assert data["version"] == 2 and data["updated_time"] == "2026-03-01T13:00:00+00:00"
    assert data["cart_amount"] == 22
    item_b = items[1]["id"]
    changed = client.put(url(store, f"/carts/{cart['id']}/items/{item_b}"),
                         json={"line_item": {"product_id": b["id"], "quantity": 4, "list_price": 6}, "version": 2})  # fmt: skip
    assert changed.status_code == 200, changed.text
    line = changed.json()["data"]["line_items"]["physical_items"][1]
    assert (line["quantity"], line["list_price"], line["extended_sale_price"]) == (4, 6, 24)
    first = client.delete(url(store, f"/carts/{cart['id']}/items/{items[0]['id']}"))
    assert first.status_code == 200
    assert [i["id"] for i in first.json()["data"]["line_items"]["physical_items"]] == [item_b]
    last = client.delete(url(store, f"/carts/{cart['id']}/items/{item_b}"))
    assert last.status_code == 204 and last.content == b""
    assert client.get(url(store, f"/carts/{cart['id']}")).json() == not_found()


def test_item_refusals(client: httpx.Client, store: Store) -> None:
    a = product(client, store, sku="E1")
    custom_cart = cart_of(client, store, {"line_items": [{"product_id": a["id"], "quantity": 1}],
                                          "custom_items": [{"name": "Note", "quantity": 1, "list_price": 1}]})  # fmt: skip
    cid, item = custom_cart["id"], custom_cart["line_items"]["physical_items"][0]["id"]
    custom_id = custom_cart["line_items"]["custom_items"][0]["id"]
    stale = client.put(url(store, f"/carts/{cid}/items/{item}"),
                       json={"line_item": {"product_id": a["id"], "quantity": 2}, "version": 7})  # fmt: skip
    assert stale.status_code == 409
    assert stale.json() == err(409, "The cart has changed since that version.",
                               {"version": "Version 7 is not the cart's current version, 1."})  # fmt: skip
    wrong = client.put(
        url(store, f"/carts/{cid}/items/{item}"), json={"line_item": {"product_id": a["id"] + 1000, "quantity": 2}}
    )
    assert wrong.status_code == 422
    assert wrong.json() == err(422, "The cart is invalid.", {
        "line_item.product_id": f"must be {a['id']}, the item's product; delete the item and add another to change it"})  # fmt: skip
    custom = client.put(
        url(store, f"/carts/{cid}/items/{custom_id}"), json={"line_item": {"product_id": a["id"], "quantity": 2}}
    )
    assert custom.json() == err(422, "The cart is invalid.", {
        "custom_items": "Custom items cannot be changed; delete the item and add another."})  # fmt: skip
    missing = client.put(
        url(store, f"/carts/{cid}/items/nope"), json={"line_item": {"product_id": a["id"], "quantity": 2}}
    )
    assert (missing.status_code, missing.json()) == (404, not_found("cart item"))
    assert client.delete(url(store, f"/carts/{cid}/items/nope")).json() == not_found("cart item")
    assert client.post(url(store, f"/carts/{cid}/items"), json={"line_items": [], "version": 9}).status_code == 409
    unknown = client.post(url(store, "/carts/00000000-0000-4000-8000-000000000000/items"),
                          json={"line_items": [{"product_id": a["id"], "quantity": 1}]})  # fmt: skip
    assert (unknown.status_code, unknown.json()) == (404, not_found())
    assert client.get(url(store, f"/carts/{cid}")).json()["data"]["version"] == 1


def test_update_gift_certificate_item(client: httpx.Client, store: Store) -> None:
    gift = {
        "name": "Ann",
        "theme": "General",
        "amount": 10,
        "quantity": 1,
        "sender": {"name": "B"},
        "recipient": {"name": "A"},
    }
    cart = cart_of(client, store, {"gift_certificates": [gift]})
    gid = cart["line_items"]["gift_certificates"][0]["id"]
    response = client.put(
        url(store, f"/carts/{cart['id']}/items/{gid}"), json={"gift_certificates": [{**gift, "amount": 40}]}
    )
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data["line_items"]["gift_certificates"][0] | {"amount": 40} == data["line_items"]["gift_certificates"][0]
    assert data["line_items"]["gift_certificates"][0]["id"] == gid and data["cart_amount"] == 40


# --------------------------------------------------------------------------- the cart


def test_update_customer_and_version(client: httpx.Client, store: Store) -> None:
    customer = client.post(
        url(store, "/customers"), json=[{"email": "cart@example.com", "first_name": "C", "last_name": "D"}]
    )
    assert customer.status_code == 200, customer.text
    customer_id = customer.json()["data"][0]["id"]
    p = product(client, store, sku="U1")
    cart = cart_of(client, store, {"line_items": [{"product_id": p["id"], "quantity": 1}]})
    done = client.put(url(store, f"/carts/{cart['id']}"), json={"customer_id": customer_id, "version": 1})
    assert done.status_code == 201, done.text
    assert done.json()["data"]["customer_id"] == customer_id and done.json()["data"]["version"] == 2
    stale = client.put(url(store, f"/carts/{cart['id']}"), json={"customer_id": 0, "version": 1})
    assert (stale.status_code, stale.json()) == (409, err(409, "The cart has changed since that version.",
                                                           {"version": "Version 1 is not the cart's current version, 2."}))  # fmt: skip
    absent = client.put(url(store, f"/carts/{cart['id']}"), json={"version": 2})
    assert (absent.status_code, absent.json()) == (422, err(422, "The cart is invalid.", {
        "customer_id": "error.path.missing"}))  # fmt: skip
    unknown = client.put(url(store, f"/carts/{cart['id']}"), json={"customer_id": 999999})
    assert (unknown.status_code, unknown.json()) == (422, err(422, "The cart is invalid.", {
        "customer_id": "Customer 999999 does not exist; use 0 for a guest order."}))  # fmt: skip
    assert client.get(url(store, f"/carts/{cart['id']}")).json()["data"]["customer_id"] == customer_id


def test_delete_and_expiry(client: httpx.Client, store: Store, frozen: FrozenClock) -> None:
    p = product(client, store, sku="Z1")
    cart = cart_of(client, store, {"line_items": [{"product_id": p["id"], "quantity": 1}]})
    other = cart_of(client, store, {"line_items": [{"product_id": p["id"], "quantity": 1}]})
    frozen.set(NOW + timedelta(days=20))
    assert client.post(url(store, f"/carts/{other['id']}/items"),
                       json={"line_items": [{"product_id": p["id"], "quantity": 1}]}).status_code == 201  # fmt: skip
    frozen.set(NOW + timedelta(days=30) - timedelta(seconds=1))
    assert client.get(url(store, f"/carts/{cart['id']}")).status_code == 200
    frozen.set(NOW + timedelta(days=30))
    expired = client.get(url(store, f"/carts/{cart['id']}"))
    assert (expired.status_code, expired.json()) == (404, not_found())
    assert client.get(url(store, f"/carts/{other['id']}")).status_code == 200  # changed on day 20
    assert client.delete(url(store, f"/carts/{other['id']}")).status_code == 204
    assert client.get(url(store, f"/carts/{other['id']}")).json() == not_found()
    assert client.delete(url(store, f"/carts/{other['id']}")).json() == not_found()


def test_redirect_urls(client: httpx.Client, store: Store) -> None:
    p = product(client, store, sku="L1")
    cart = cart_of(client, store, {"line_items": [{"product_id": p["id"], "quantity": 1}]})
    response = client.post(url(store, f"/carts/{cart['id']}/redirect_urls"), json={"query_params": {"utm": "mail"}})
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body["data"]) == {"cart_url", "checkout_url", "embedded_checkout_url"} and body["meta"] == {}
    assert body["data"]["cart_url"].endswith("&utm=mail")
    again = client.post(url(store, f"/carts/{cart['id']}/redirect_urls"), json={}).json()["data"]
    assert again["cart_url"] != body["data"]["cart_url"]  # a fresh token each time
    missing = client.post(url(store, "/carts/nope/redirect_urls"), json={})
    assert (missing.status_code, missing.json()) == (404, not_found())


def test_settings(client: httpx.Client, store: Store) -> None:
    assert client.get(url(store, "/carts/settings")).json() == {"data": {"allow_purchasing": True}, "meta": {}}
    assert client.get(url(store, "/carts/settings/channels/1")).json() == {
        "data": {"allow_purchasing": None},
        "meta": {},
    }
    done = client.put(url(store, "/carts/settings"), json={"allow_purchasing": False})
    assert done.json() == {"data": {"allow_purchasing": False}, "meta": {}}
    channel = client.put(url(store, "/carts/settings/channels/1"), json={"allow_purchasing": True})
    assert channel.json() == {"data": {"allow_purchasing": True}, "meta": {}}
    assert client.get(url(store, "/carts/settings")).json()["data"] == {"allow_purchasing": False}
    refused = client.put(url(store, "/carts/settings"), json={})
    assert refused.status_code == 422
    unknown = client.put(url(store, "/carts/settings/channels/5"), json={"allow_purchasing": True})
    assert (unknown.status_code, unknown.json()) == (404, not_found("channel"))
    assert client.get(url(store, "/carts/settings/channels/5")).json() == not_found("channel")
    assert client.get(url(store, "/carts/settings/channels/1")).json()["data"] == {"allow_purchasing": True}


def test_scopes(scoped_client: Any, store: Store) -> None:
    reader = scoped_client(["store_cart_read_only"])
    assert reader.get(url(store, "/carts/settings")).status_code == 200
    assert reader.post(url(store, "/carts"), json={"line_items": []}).status_code == 403
    assert scoped_client(["store_v2_products"]).get(url(store, "/carts/settings")).status_code == 403


def test_huge_numbers(client: httpx.Client, store: Store) -> None:
    p = product(client, store, sku="H1")
    too_many = create(client, store, {"line_items": [{"product_id": p["id"], "quantity": 2**31}]})
    assert (too_many.status_code, too_many.json()) == (422, err(422, "The cart is invalid.", {
        "line_items.0.quantity": "must be at most 2147483647"}))  # fmt: skip
    huge = cart_of(client, store, {"custom_items": [{"name": "Big", "quantity": 2**31 - 1, "list_price": 9999999999}]})
    assert huge["cart_amount"] == huge["base_amount"] == float(9999999999 * (2**31 - 1))
    dear = create(client, store, {"custom_items": [{"name": "Big", "quantity": 1, "list_price": 1e300}]})
    assert dear.json() == err(422, "The cart is invalid.", {"custom_items.0.list_price": "must be at most 9999999999"})
    negative = create(client, store, {"line_items": [{"product_id": p["id"], "quantity": 1, "list_price": -1}]})
    assert negative.json() == err(422, "The cart is invalid.", {"line_items.0.list_price": "must be at least 0"})


def test_a_channel_of_the_store_is_accepted(client: httpx.Client, store: Store) -> None:
    made = client.post(
        url(store, "/channels"), json={"name": "Cart channel", "type": "storefront", "platform": "custom"}
    )
    assert made.status_code == 200, made.text
    channel_id = made.json()["data"]["id"]
    p = product(client, store, sku="CH1")
    cart = cart_of(client, store, {"line_items": [{"product_id": p["id"], "quantity": 1}], "channel_id": channel_id})
    assert cart["channel_id"] == channel_id
    settings = client.put(url(store, f"/carts/settings/channels/{channel_id}"), json={"allow_purchasing": False})
    assert settings.json() == {"data": {"allow_purchasing": False}, "meta": {}}


def test_item_update_over_stock_and_digital_options(client: httpx.Client, store: Store, frozen: FrozenClock) -> None:
    p = product(client, store, sku="T1", inventory_tracking="product", inventory_level=5)
    cart = cart_of(client, store, {"line_items": [{"product_id": p["id"], "quantity": 1}]})
    item = cart["line_items"]["physical_items"][0]["id"]
    over = client.put(
        url(store, f"/carts/{cart['id']}/items/{item}"), json={"line_item": {"product_id": p["id"], "quantity": 6}}
    )
    assert (over.status_code, over.json()) == (409, err(409, "The item cannot be added to the cart.", {
        "line_item.quantity": f"There is not enough stock of '{p['name']}': 5 in stock, 6 ordered."}))  # fmt: skip
    d = product(client, store, sku="T2", type="digital")
    digital = cart_of(client, store, {"line_items": [{"product_id": d["id"], "quantity": 1}]},
                      "?include=line_items.digital_items.options")  # fmt: skip
    assert digital["line_items"]["digital_items"][0]["options"] == []
    frozen.set(NOW + timedelta(days=31))
    late = client.post(
        url(store, f"/carts/{cart['id']}/items"), json={"line_items": [{"product_id": p["id"], "quantity": 1}]}
    )
    assert (late.status_code, late.json()) == (404, not_found())
    assert client.put(url(store, f"/carts/{cart['id']}"), json={"customer_id": 0}).json() == not_found()


def test_items_of_deleted_products_leave_the_cart(client: httpx.Client, store: Store) -> None:
    gone, kept = product(client, store, sku="G1", price=4), product(client, store, sku="G2", price=6)
    cart = cart_of(client, store, {"line_items": [{"product_id": gone["id"], "quantity": 1},
                                                  {"product_id": kept["id"], "quantity": 1}]})  # fmt: skip
    gone_item = cart["line_items"]["physical_items"][0]["id"]
    assert client.delete(url(store, f"/catalog/products/{gone['id']}")).status_code == 204
    read = client.get(url(store, f"/carts/{cart['id']}")).json()["data"]
    assert [i["product_id"] for i in read["line_items"]["physical_items"]] == [kept["id"]] and read["cart_amount"] == 6
    stale = client.put(url(store, f"/carts/{cart['id']}/items/{gone_item}"),
                       json={"line_item": {"product_id": gone["id"], "quantity": 2}})  # fmt: skip
    assert (stale.status_code, stale.json()) == (404, not_found("cart item"))
    added = client.post(
        url(store, f"/carts/{cart['id']}/items"), json={"line_items": [{"product_id": kept["id"], "quantity": 1}]}
    )
    assert added.status_code == 201
    assert [(i["product_id"], i["quantity"]) for i in added.json()["data"]["line_items"]["physical_items"]] == [
        (kept["id"], 2)
    ]
