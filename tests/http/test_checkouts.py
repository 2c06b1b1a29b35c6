"""Checkouts through HTTP: the whole flow from a REST cart to an order visible in v2 with its
totals, lines and stock; every operation's success and refusals with their full bodies; a
refused request writes nothing; the checkout goes with its cart."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest

from mockbc import Store
from mockbc.domain.checkouts import SHIPPING_OPTIONS
from mockbc.domain.clock import FrozenClock

V3 = "/stores/{h}/v3"
V2 = "/stores/{h}/v2"
TYPE = "/api-docs/getting-started/api-status-codes"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
ADDRESS = {
    "first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com", "address1": "1 Main St",
    "city": "Austin", "state_or_province": "Texas", "state_or_province_code": "TX", "country_code": "US",
    "postal_code": "78701", "phone": "+15125550100",
}  # fmt: skip


@pytest.fixture(autouse=True)
def frozen(store: Store, monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    clock = FrozenClock(NOW)
    monkeypatch.setattr(store, "clock", clock)
    return clock


def url(store: Store, path: str, api: str = V3) -> str:
    return api.format(h=store.store_hash) + path


def err(status: int, title: str, errors: dict[str, str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"status": status, "title": title, "type": TYPE}
    if errors is not None:
        out["errors"] = errors
    return out


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def product(client: httpx.Client, store: Store, **fields: Any) -> dict[str, Any]:
    body = {"name": f"Checkout thing {fields.get('sku', 'x')}", "type": "physical", "weight": 1, "price": 10,
            "is_visible": True, **fields}  # fmt: skip
    response = client.post(url(store, "/catalog/products"), json=body)
    assert response.status_code == 200, response.text
    created: dict[str, Any] = response.json()["data"]
    return created


def cart(client: httpx.Client, store: Store, *lines: tuple[int, int], **extra: Any) -> dict[str, Any]:
    body = {"line_items": [{"product_id": p, "quantity": q} for p, q in lines], **extra}
    response = client.post(url(store, "/carts"), json=body)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def items(checkout: dict[str, Any]) -> list[dict[str, Any]]:
    physical: list[dict[str, Any]] = checkout["cart"]["line_items"]["physical_items"]
    return physical


def ready(client: httpx.Client, store: Store, cart_id: str, option: str = "flat-rate") -> dict[str, Any]:
    """Billing address, one consignment of every physical item, ``option`` selected."""
    base = f"/checkouts/{cart_id}"
    checkout = ok(client.post(url(store, f"{base}/billing-address"), json=ADDRESS))
    lines = [{"item_id": i["id"], "quantity": i["quantity"]} for i in items(checkout)]
    checkout = ok(client.post(url(store, f"{base}/consignments"), json=[{"address": ADDRESS, "line_items": lines}]))
    consignment = checkout["consignments"][0]["id"]
    return ok(client.put(url(store, f"{base}/consignments/{consignment}"), json={"shipping_option_id": option}))


# --------------------------------------------------------------------------- the whole flow


def test_cart_to_order_visible_in_v2_with_totals_lines_and_stock(client: httpx.Client, store: Store) -> None:
    mug = product(client, store, sku="MUG", price=30, inventory_tracking="product", inventory_level=5)
    cap = product(client, store, sku="CAP", price=20)
    made = cart(client, store, (mug["id"], 2), (cap["id"], 1))
    client.post(url(store, "/v2/coupons".removeprefix("/v2"), V2), json={
        "name": "Ten off", "code": "TEN", "type": "per_total_discount", "amount": "10",
        "applies_to": {"entity": "categories", "ids": [0]},
    }).raise_for_status()  # fmt: skip
    base = f"/checkouts/{made['id']}"

    checkout = ok(client.get(url(store, base)))
    assert checkout["id"] == checkout["cart"]["id"] == made["id"]
    assert (checkout["subtotal_ex_tax"], checkout["grand_total"], checkout["order_id"]) == (80, 80, None)
    assert checkout["consignments"] == [] and "billing_address" not in checkout

    checkout = ok(client.post(url(store, f"{base}/billing-address"), json=ADDRESS))
    billing = checkout["billing_address"]
    assert billing["email"] == "ada@example.com" and billing["country_code"] == "US" and billing["id"].isdigit()
    assert checkout["cart"]["email"] == "ada@example.com"

    lines = [{"item_id": i["id"], "quantity": i["quantity"]} for i in items(checkout)]
    query = "?include=consignments.available_shipping_options"
    answer = client.post(url(store, f"{base}/consignments{query}"), json=[{"address": ADDRESS, "line_items": lines}])
    consignment = ok(answer)["consignments"][0]
    assert sorted(consignment["line_item_ids"]) == sorted(i["id"] for i in items(checkout))
    assert [(o["id"], o["cost"]) for o in consignment["available_shipping_options"]] == [("flat-rate", 10)]
    assert "selected_shipping_option" not in consignment and consignment["address"]["city"] == "Austin"

    checkout = ok(
        client.put(url(store, f"{base}/consignments/{consignment['id']}"), json={"shipping_option_id": "flat-rate"})
    )
    assert checkout["consignments"][0]["selected_shipping_option"]["id"] == "flat-rate"
    assert (checkout["shipping_cost_total_inc_tax"], checkout["grand_total"]) == (10, 90)

    checkout = ok(client.post(url(store, f"{base}/coupons"), json={"coupon_code": "ten"}))
    assert [(c["code"], c["coupon_type"], c["discounted_amount"]) for c in checkout["coupons"]] == [
        ("TEN", "per_total_discount", 10)
    ]
    assert checkout["cart"]["coupons"][0]["code"] == "TEN"
    assert (checkout["cart"]["discount_amount"], checkout["grand_total"]) == (10, 80)
    assert client.get(url(store, f"/carts/{made['id']}")).json()["data"]["coupons"] == [{"code": "TEN"}]

    checkout = ok(client.put(url(store, base), json={"customer_message": "Leave at the door"}))
    assert checkout["customer_message"] == "Leave at the door"

    created = client.post(url(store, f"{base}/orders"))
    assert created.status_code == 200, created.text
    order_id = created.json()["data"]["id"]
    assert created.json() == {"data": {"id": order_id}, "meta": {}}

    order = client.get(url(store, f"/orders/{order_id}", V2)).json()
    assert (order["status_id"], order["status"], order["cart_id"]) == (0, "Incomplete", made["id"])
    assert (order["subtotal_ex_tax"], order["shipping_cost_inc_tax"], order["discount_amount"]) == (
        "80.0000", "10.0000", "10.0000",
    )  # fmt: skip
    assert (order["total_inc_tax"], order["items_total"]) == ("80.0000", 3)
    assert order["customer_message"] == "Leave at the door"
    assert order["billing_address"]["email"] == "ada@example.com"
    assert order["billing_address"]["country"] == "United States"
    products = client.get(url(store, f"/orders/{order_id}/products", V2)).json()
    assert sorted((p["product_id"], p["quantity"], p["price_inc_tax"]) for p in products) == sorted(
        [(mug["id"], 2, "30.0000"), (cap["id"], 1, "20.0000")]
    )
    shipping = client.get(url(store, f"/orders/{order_id}/shipping_addresses", V2)).json()
    assert [(s["city"], s["shipping_method"]) for s in shipping] == [("Austin", "Flat Rate")]

    level = client.get(url(store, f"/catalog/products/{mug['id']}")).json()["data"]["inventory_level"]
    assert level == 3
    assert client.get(url(store, "/coupons", V2)).json()[0]["num_uses"] == 1
    assert ok(client.get(url(store, base)))["order_id"] == str(order_id)

    again = client.post(url(store, f"{base}/orders"))
    assert again.status_code == 200 and again.json()["data"]["id"] == order_id + 1
    assert client.get(url(store, f"/catalog/products/{mug['id']}")).json()["data"]["inventory_level"] == 1


def test_order_over_stock_is_refused_and_writes_nothing(client: httpx.Client, store: Store) -> None:
    mug = product(client, store, sku="MUG", inventory_tracking="product", inventory_level=2)
    made = cart(client, store, (mug["id"], 2))
    ready(client, store, made["id"])
    client.put(url(store, f"/catalog/products/{mug['id']}"), json={"inventory_level": 1}).raise_for_status()
    before = snapshot(store)
    refused = client.post(url(store, f"/checkouts/{made['id']}/orders"))
    assert refused.status_code == 409
    assert refused.json() == err(
        409, "The item cannot be added to the cart.",
        {"line_items.0.quantity": f"There is not enough stock of '{mug['name']}': 1 in stock, 2 ordered."},
    )  # fmt: skip
    assert snapshot(store) == before


def test_order_needs_billing_address_consignments_and_a_shipping_option(client: httpx.Client, store: Store) -> None:
    mug = product(client, store, sku="MUG")
    made = cart(client, store, (mug["id"], 1))
    base = f"/checkouts/{made['id']}"
    before = snapshot(store)
    refused = client.post(url(store, f"{base}/orders"))
    assert refused.status_code == 422
    item = made["line_items"]["physical_items"][0]["id"]
    assert refused.json() == err(422, "The checkout is invalid.", {
        "billing_address": "The checkout needs a billing address before an order can be made.",
        "consignments": f"Items {item} are in no consignment.",
    })  # fmt: skip
    assert snapshot(store) == before
    ok(client.post(url(store, f"{base}/billing-address"), json=ADDRESS))
    ok(client.post(url(store, f"{base}/consignments"), json=[{"address": ADDRESS, "line_items": [
        {"item_id": item, "quantity": 1}]}]))  # fmt: skip
    refused = client.post(url(store, f"{base}/orders"))
    assert refused.json() == err(422, "The checkout is invalid.", {
        "consignments.0.selected_shipping_option": "The consignment has no shipping option selected.",
    })  # fmt: skip


def test_free_shipping_is_offered_from_its_threshold(client: httpx.Client, store: Store) -> None:
    free = next(o for o in SHIPPING_OPTIONS if o.free_from is not None)
    assert free.free_from is not None
    big = product(client, store, sku="BIG", price=float(free.free_from))
    made = cart(client, store, (big["id"], 1))
    checkout = ready(client, store, made["id"], option=free.id)
    assert checkout["consignments"][0]["selected_shipping_option"]["cost"] == 0
    assert checkout["grand_total"] == int(free.free_from)
    order_id = ok(client.post(url(store, f"/checkouts/{made['id']}/orders")))["id"]
    assert client.get(url(store, f"/orders/{order_id}", V2)).json()["total_inc_tax"] == f"{free.free_from:.4f}"


def test_free_shipping_is_not_offered_below_its_threshold(client: httpx.Client, store: Store) -> None:
    small = product(client, store, sku="SMALL", price=5)
    made = cart(client, store, (small["id"], 1))
    checkout = ready(client, store, made["id"])
    base = f"/checkouts/{made['id']}/consignments/{checkout['consignments'][0]['id']}"
    before = snapshot(store)
    refused = client.put(url(store, base), json={"shipping_option_id": "free-shipping"})
    assert refused.status_code == 422
    assert refused.json() == err(422, "The checkout is invalid.", {
        "shipping_option_id": "'free-shipping' is not a shipping option offered for this consignment.",
    })  # fmt: skip
    assert snapshot(store) == before


# --------------------------------------------------------------------------- refusals


def test_unknown_checkout_is_404(client: httpx.Client, store: Store) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    for method, path, body in (
        ("GET", "", None), ("PUT", "", {"customer_message": "x"}), ("POST", "/billing-address", ADDRESS),
        ("POST", "/orders", None), ("POST", "/token", {}), ("POST", "/coupons", {"coupon_code": "X"}),
    ):  # fmt: skip
        answer = client.request(method, url(store, f"/checkouts/{missing}{path}"), json=body)
        assert answer.status_code == 404, (method, path)
        assert answer.json() == err(404, "The requested cart was not found."), (method, path)


def test_stale_version_is_409_and_writes_nothing(client: httpx.Client, store: Store) -> None:
    made = cart(client, store, (product(client, store)["id"], 1))
    before = snapshot(store)
    answer = client.put(url(store, f"/checkouts/{made['id']}"), json={"customer_message": "hi", "version": 7})
    assert answer.status_code == 409
    assert answer.json() == err(
        409, "The cart has changed since that version.",
        {"version": "Version 7 is not the cart's current version, 1."},
    )  # fmt: skip
    assert snapshot(store) == before
    fresh = ok(client.put(url(store, f"/checkouts/{made['id']}"), json={"customer_message": "hi", "version": 1}))
    assert fresh["version"] == 2


def test_billing_address_refusals(client: httpx.Client, store: Store) -> None:
    made = cart(client, store, (product(client, store)["id"], 1))
    base = f"/checkouts/{made['id']}/billing-address"
    before = snapshot(store)
    answer = client.post(url(store, base), json={**ADDRESS, "country_code": "ZZ"})
    assert answer.status_code == 422
    assert answer.json() == err(
        422, "The checkout is invalid.", {"country_code": "'ZZ' is not an ISO 3166-1 alpha-2 country code."}
    )
    answer = client.put(url(store, f"{base}/1"), json=ADDRESS)
    assert answer.status_code == 404 and answer.json() == err(404, "The requested billing address was not found.")
    assert snapshot(store) == before
    added = ok(client.post(url(store, base), json=ADDRESS))["billing_address"]
    changed = ok(client.put(url(store, f"{base}/{added['id']}"), json={**ADDRESS, "city": "Dallas"}))
    assert changed["billing_address"]["city"] == "Dallas" and changed["billing_address"]["id"] == added["id"]


def test_consignment_refusals(client: httpx.Client, store: Store) -> None:
    made = cart(client, store, (product(client, store, sku="A")["id"], 2))
    digital = product(client, store, sku="D", type="digital")
    item = made["line_items"]["physical_items"][0]["id"]
    with_digital = client.post(url(store, f"/carts/{made['id']}/items"), json={"line_items": [
        {"product_id": digital["id"], "quantity": 1}]})  # fmt: skip
    digital_item = with_digital.json()["data"]["line_items"]["digital_items"][0]["id"]
    base = f"/checkouts/{made['id']}/consignments"
    before = snapshot(store)
    answer = client.post(url(store, base), json=[{"address": ADDRESS, "line_items": [
        {"item_id": item, "quantity": 1}, {"item_id": digital_item, "quantity": 1}, {"item_id": "nope", "quantity": 1},
    ]}])  # fmt: skip
    assert answer.status_code == 422
    assert answer.json() == err(422, "The checkout is invalid.", {
        "0.line_items.0.quantity": "must be 2, the item's quantity in the cart",
        "0.line_items.1.item_id": f"Item {digital_item} is digital; only physical items are shipped.",
        "0.line_items.2.item_id": "The cart has no item nope.",
    })  # fmt: skip
    assert snapshot(store) == before
    ok(client.post(url(store, base), json=[{"address": ADDRESS, "line_items": [{"item_id": item, "quantity": 2}]}]))
    answer = client.post(
        url(store, base), json=[{"address": ADDRESS, "line_items": [{"item_id": item, "quantity": 2}]}]
    )
    assert answer.json() == err(
        422, "The checkout is invalid.", {"0.line_items.0.item_id": f"Item {item} is already in a consignment."}
    )
    missing = "00000000-0000-4000-8000-000000000000"
    for method in ("PUT", "DELETE"):
        body = {"shipping_option_id": "flat-rate"} if method == "PUT" else None
        answer = client.request(method, url(store, f"{base}/{missing}"), json=body)
        assert answer.status_code == 404 and answer.json() == err(404, "The requested consignment was not found.")


def test_changing_a_consignment_address_clears_its_option_and_delete_removes_it(
    client: httpx.Client, store: Store
) -> None:
    made = cart(client, store, (product(client, store)["id"], 1))
    checkout = ready(client, store, made["id"])
    consignment = checkout["consignments"][0]["id"]
    base = f"/checkouts/{made['id']}/consignments/{consignment}"
    moved = ok(client.put(url(store, base), json={"address": {**ADDRESS, "city": "Houston"}}))
    assert moved["consignments"][0]["address"]["city"] == "Houston"
    assert "selected_shipping_option" not in moved["consignments"][0] and moved["shipping_cost_total_ex_tax"] == 0
    gone = ok(client.delete(url(store, base)))
    assert gone["consignments"] == []


def test_coupon_refusals_and_removal(client: httpx.Client, store: Store) -> None:
    made = cart(client, store, (product(client, store, price=10)["id"], 1))
    client.post(url(store, "/coupons", V2), json={
        "name": "Big spender", "code": "BIG", "type": "percentage_discount", "amount": "10", "min_purchase": "50",
        "applies_to": {"entity": "categories", "ids": [0]},
    }).raise_for_status()  # fmt: skip
    base = f"/checkouts/{made['id']}/coupons"
    before = snapshot(store)
    answer = client.post(url(store, base), json={"coupon_code": "NOPE"})
    assert answer.status_code == 422
    assert answer.json() == err(
        422, "The coupon cannot be applied.", {"coupon_code": "The coupon code 'NOPE' does not exist."}
    )
    answer = client.post(url(store, base), json={"coupon_code": "big"})
    assert answer.json() == err(
        422, "The coupon cannot be applied.", {"coupon_code": "The coupon 'BIG' needs a cart of at least 50.0."}
    )
    answer = client.post(url(store, base), json={})
    assert answer.json() == err(422, "The coupon cannot be applied.", {"coupon_code": words_missing()})
    answer = client.delete(url(store, f"{base}/BIG"))
    assert answer.status_code == 404 and answer.json() == err(404, "The requested coupon was not found.")
    assert snapshot(store) == before


def words_missing() -> str:
    from mockbc.presentation.words import MESSAGES

    missing = MESSAGES["missing"]
    assert isinstance(missing, str)
    return missing


def test_promotion_code_applies_and_is_redeemed_with_the_order(client: httpx.Client, store: Store) -> None:
    made = cart(client, store, (product(client, store, price=50)["id"], 1))
    promotion = client.post(url(store, "/promotions"), json={
        "name": "Tenth off", "redemption_type": "COUPON",
        "rules": [{"action": {"cart_value": {"discount": {"percentage_amount": "10"}}}}],
    })  # fmt: skip
    assert promotion.status_code == 201, promotion.text
    promotion_id = promotion.json()["data"]["id"]
    code = client.post(url(store, f"/promotions/{promotion_id}/codes"), json={"code": "TENTH"})
    assert code.status_code == 201, code.text
    ready(client, store, made["id"])
    checkout = ok(client.post(url(store, f"/checkouts/{made['id']}/coupons"), json={"coupon_code": "tenth"}))
    assert [(c["code"], c["coupon_type"], c["discounted_amount"]) for c in checkout["coupons"]] == [
        ("TENTH", "promotion", 5)
    ]
    assert checkout["grand_total"] == 55
    ok(client.post(url(store, f"/checkouts/{made['id']}/orders")))
    codes = client.get(url(store, f"/promotions/{promotion_id}/codes")).json()["data"]
    assert codes[0]["current_uses"] == 1
    removed = ok(client.delete(url(store, f"/checkouts/{made['id']}/coupons/TENTH")))
    assert removed["coupons"] == [] and removed["grand_total"] == 60


def test_manual_discounts_and_their_refusals(client: httpx.Client, store: Store) -> None:
    made = cart(client, store, (product(client, store, price=40)["id"], 1))
    item = made["line_items"]["physical_items"][0]["id"]
    base = f"/checkouts/{made['id']}/discounts"
    before = snapshot(store)
    answer = client.post(url(store, base), json={"cart": {"line_items": [{"id": item, "discounted_amount": 41}]}})
    assert answer.status_code == 422
    assert answer.json() == err(
        422, "The checkout is invalid.",
        {"cart.line_items.0.discounted_amount": "must be at most 40, the amount it is taken from"},
    )  # fmt: skip
    answer = client.post(url(store, base), json={"cart": {}})
    assert answer.json() == err(
        422, "The checkout is invalid.", {"cart.discounts": "Give a discount for the cart or for its line items."}
    )
    assert snapshot(store) == before
    checkout = ok(client.post(url(store, base), json={"cart": {"discounts": [{"discounted_amount": 5}],
                  "line_items": [{"id": item, "discounted_amount": 3}]}}))  # fmt: skip
    assert checkout["cart"]["discounts"] == [{"id": "manual-discount", "discounted_amount": 5}]
    assert items(checkout)[0]["discount_amount"] == 3
    assert (checkout["cart"]["discount_amount"], checkout["grand_total"]) == (8, 32)


def test_fees_add_update_delete_and_refusals(client: httpx.Client, store: Store) -> None:
    made = cart(client, store, (product(client, store, price=10)["id"], 1))
    base = f"/checkouts/{made['id']}/fees"
    fee = {"type": "custom_fee", "name": "wrap", "display_name": "Gift wrap", "cost": 2.5, "source": "app"}
    checkout = ok(client.post(url(store, base), json={"fees": [fee]}))
    (added,) = checkout["fees"]
    assert (added["name"], added["cost_inc_tax"], added["tax_class_id"]) == ("wrap", 2.5, None)
    assert checkout["grand_total"] == 12.5
    checkout = ok(client.put(url(store, base), json={"fees": [{**fee, "id": added["id"], "cost": 4}]}))
    assert checkout["fees"][0]["cost_ex_tax"] == 4 and checkout["grand_total"] == 14
    before = snapshot(store)
    answer = client.request("DELETE", url(store, base), json={"ids": ["nope"]})
    assert answer.status_code == 422
    assert answer.json() == err(422, "The checkout is invalid.", {"ids.0": "The checkout has no fee nope."})
    answer = client.put(url(store, base), json={"fees": [{**fee, "id": "nope"}]})
    assert answer.json() == err(422, "The checkout is invalid.", {"fees.0.id": "The checkout has no fee nope."})
    assert snapshot(store) == before
    assert ok(client.request("DELETE", url(store, base), json={"ids": [added["id"]]}))["fees"] == []


def test_token_and_settings(client: httpx.Client, store: Store) -> None:
    made = cart(client, store, (product(client, store)["id"], 1))
    token = client.post(url(store, f"/checkouts/{made['id']}/token"), json={"maxUses": 2, "ttl": 60})
    assert token.status_code == 200 and set(token.json()) == {"checkoutToken", "meta"}
    assert len(token.json()["checkoutToken"]) == 64
    settings = ok(client.get(url(store, "/checkouts/settings")))
    assert settings["custom_checkout_script_url"] == "" and "checkout_type" not in settings
    changed = ok(
        client.put(url(store, "/checkouts/settings"), json={"custom_checkout_script_url": "https://x.test/a.js"})
    )
    assert changed["custom_checkout_script_url"] == "https://x.test/a.js"
    channel = ok(client.get(url(store, "/checkouts/settings/channels/1")))
    assert channel["custom_checkout_script_url"] == "https://x.test/a.js" and channel["checkout_type"] == "one_page"
    channel = ok(client.put(url(store, "/checkouts/settings/channels/1"), json={"guest_checkout_type": "disabled"}))
    assert channel["guest_checkout_type"] == "disabled"
    assert ok(client.get(url(store, "/checkouts/settings")))["custom_checkout_script_url"] == "https://x.test/a.js"
    missing = client.get(url(store, "/checkouts/settings/channels/999"))
    assert missing.status_code == 404 and missing.json() == err(404, "The requested channel was not found.")


def test_include_options_and_the_cart_changes_show_in_the_checkout(client: httpx.Client, store: Store) -> None:
    mug = product(client, store, sku="MUG", price=10)
    made = cart(client, store, (mug["id"], 1))
    client.put(url(store, f"/catalog/products/{mug['id']}"), json={"price": 12}).raise_for_status()
    checkout = ok(client.get(url(store, f"/checkouts/{made['id']}?include=cart.line_items.physical_items.options")))
    assert items(checkout)[0]["sale_price"] == 12 and items(checkout)[0]["options"] == []
    assert checkout["cart"]["cart_amount_inc_tax"] == 12 and checkout["subtotal_inc_tax"] == 12


def test_deleting_the_cart_deletes_its_checkout(client: httpx.Client, store: Store) -> None:
    made = cart(client, store, (product(client, store)["id"], 1))
    ok(client.post(url(store, f"/checkouts/{made['id']}/billing-address"), json=ADDRESS))
    assert store.checkouts.get(made["id"]) is not None
    store.delete("carts", [made["id"]])
    assert store.checkouts.get(made["id"]) is None
    answer = client.get(url(store, f"/checkouts/{made['id']}"))
    assert answer.status_code == 404


MISSING_SCOPE = err(
    403, "Missing scope - the v3 Auth token is valid but does not have proper permissions to access this endpoint."
)


def test_scopes(client: httpx.Client, scoped_client: Any, store: Store) -> None:
    made = cart(client, store, (product(client, store)["id"], 1))
    base = f"/checkouts/{made['id']}"
    reader = scoped_client(["store_checkout_read_only"])
    assert reader.get(url(store, base)).status_code == 200
    assert reader.get(url(store, "/checkouts/settings")).status_code == 200
    before = snapshot(store)
    refused = reader.post(url(store, f"{base}/billing-address"), json=ADDRESS)
    assert (refused.status_code, refused.json()) == (403, MISSING_SCOPE)
    refused = reader.post(url(store, f"{base}/orders"))
    assert (refused.status_code, refused.json()) == (403, MISSING_SCOPE)
    carts_only = scoped_client(["store_cart"])
    refused = carts_only.get(url(store, base))
    assert (refused.status_code, refused.json()) == (403, MISSING_SCOPE)
    assert snapshot(store) == before


def test_an_item_deleted_from_the_cart_leaves_its_consignment(client: httpx.Client, store: Store) -> None:
    mug, cap = product(client, store, sku="MUG"), product(client, store, sku="CAP")
    made = cart(client, store, (mug["id"], 1), (cap["id"], 1))
    checkout = ready(client, store, made["id"])
    first, second = (i["id"] for i in items(checkout))
    assert sorted(checkout["consignments"][0]["line_item_ids"]) == sorted([first, second])
    client.delete(url(store, f"/carts/{made['id']}/items/{second}")).raise_for_status()
    checkout = ok(client.get(url(store, f"/checkouts/{made['id']}")))
    assert checkout["consignments"][0]["line_item_ids"] == [first]
    assert checkout["version"] == made["version"] + 4  # billing, consignment, option, item deleted


def test_a_coupon_disabled_after_it_was_applied_refuses_the_order(client: httpx.Client, store: Store) -> None:
    mug = product(client, store, sku="MUG", price=30, inventory_tracking="product", inventory_level=5)
    made = cart(client, store, (mug["id"], 1))
    coupon = client.post(url(store, "/coupons", V2), json={
        "name": "Five off", "code": "FIVE", "type": "per_total_discount", "amount": "5",
        "applies_to": {"entity": "categories", "ids": [0]},
    })  # fmt: skip
    assert coupon.status_code == 201, coupon.text
    ready(client, store, made["id"])
    ok(client.post(url(store, f"/checkouts/{made['id']}/coupons"), json={"coupon_code": "FIVE"}))
    client.put(url(store, f"/coupons/{coupon.json()['id']}", V2), json={"enabled": False}).raise_for_status()
    before = snapshot(store)
    refused = client.post(url(store, f"/checkouts/{made['id']}/orders"))
    assert refused.status_code == 422
    assert refused.json() == err(
        422, "The coupon cannot be applied.", {"coupon_code": "The coupon 'FIVE' is disabled."}
    )
    assert snapshot(store) == before


def test_the_service_functions_a_storefront_checkout_calls(client: httpx.Client, store: Store) -> None:
    from mockbc.services import checkouts as service

    mug = product(client, store, sku="MUG", price=60)
    made = cart(client, store, (mug["id"], 2))
    item = made["line_items"]["physical_items"][0]["id"]
    service.set_billing_address(store, made["id"], ADDRESS)
    summary = service.add_consignments(
        store, made["id"], [service.ConsignmentInput(address=ADDRESS, line_items=[{"item_id": item, "quantity": 2}])]
    )
    (consignment,) = summary.consignments
    assert [o.id for o, _ in consignment.available] == ["flat-rate", "free-shipping"]
    summary = service.select_shipping_option(store, made["id"], consignment.consignment.id, "free-shipping")
    assert (summary.shipping_total, summary.grand_total) == (Decimal(0), Decimal(120))
    order_id = service.create_order(store, made["id"])
    order = client.get(url(store, f"/orders/{order_id}", V2)).json()
    assert (order["status_id"], order["total_inc_tax"], order["shipping_cost_inc_tax"]) == (0, "120.0000", "0.0000")


def test_a_custom_shipping_price_replaces_the_options(client: httpx.Client, store: Store) -> None:
    made = cart(client, store, (product(client, store, price=20)["id"], 1))
    checkout = ready(client, store, made["id"])
    consignment = checkout["consignments"][0]["id"]
    base = f"/checkouts/{made['id']}"
    checkout = ok(client.put(url(store, f"{base}/consignments/{consignment}"), json={"custom_shipping": {"price": 7}}))
    assert (checkout["shipping_cost_total_ex_tax"], checkout["grand_total"]) == (7, 27)
    order_id = ok(client.post(url(store, f"{base}/orders")))["id"]
    order = client.get(url(store, f"/orders/{order_id}", V2)).json()
    assert (order["shipping_cost_ex_tax"], order["total_ex_tax"]) == ("7.0000", "27.0000")


def test_an_empty_consignment_change_is_refused(client: httpx.Client, store: Store) -> None:
    made = cart(client, store, (product(client, store)["id"], 1))
    checkout = ready(client, store, made["id"])
    before = snapshot(store)
    answer = client.put(
        url(store, f"/checkouts/{made['id']}/consignments/{checkout['consignments'][0]['id']}"), json={}
    )
    assert answer.status_code == 422
    assert answer.json() == err(
        422, "The checkout is invalid.",
        {"shipping_option_id": "Give an address, line items or a shipping option to change."},
    )  # fmt: skip
    assert snapshot(store) == before
