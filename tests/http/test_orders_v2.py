"""v2 orders through HTTP: create, read, list, count, update and archive, on the demo catalog.

Catalog used: product 83 (Silicone Spatula Trio, price 67.99, sale 54.39, product-level stock 166); product 95 (Glazed
Ceramic Pot, variant-level stock: variant 102 Ivory/Large at 153.95 with 2 in stock, variant 101 Ivory/Small with 0);
product 84 (a digital guide at 7.00, stock not tracked); product 80 (product-level stock 0).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.clock import FrozenClock
from mockbc.domain.limits import Limits
from mockbc.domain.query import Condition
from mockbc.services import orders as service

V2 = f"/stores/{DEFAULT_STORE_HASH}/v2"
V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
ORDERS = f"{V2}/orders"
BASE = f"http://mockbc.test{V2}"
BILLING = {
    "first_name": "Jane", "last_name": "Doe", "street_1": "123 Main Street", "city": "Austin", "state": "Texas",
    "zip": "78751", "country": "United States", "country_iso2": "US", "email": "janedoe@example.com",
}  # fmt: skip
CUSTOM = {"name": "BigCommerce Coffee Mug", "quantity": 1, "price_inc_tax": 50, "price_ex_tax": 45}
NOT_FOUND = [{"status": 404, "message": "The requested resource was not found."}]
WHEN = datetime(2026, 3, 5, 21, 40, 11, tzinfo=UTC)


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def errors(*messages: str, status: int = 400) -> list[dict[str, object]]:
    return [{"status": status, "message": message} for message in messages]


@pytest.fixture
def clock(store: Store, monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    frozen = FrozenClock(WHEN)
    monkeypatch.setattr(store, "clock", frozen)
    return frozen


def create(client: httpx.Client, **body: Any) -> dict[str, Any]:
    body.setdefault("billing_address", BILLING)
    if "consignments" not in body:
        body.setdefault("products", [CUSTOM])
    response = client.post(ORDERS, json=body)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def v3_stock(client: httpx.Client, product_id: int, variant_id: int | None = None) -> int:
    path = f"{V3}/catalog/products/{product_id}" + (f"/variants/{variant_id}" if variant_id else "")
    return int(client.get(path).json()["data"]["inventory_level"])


def v2_stock(client: httpx.Client, product_id: int, sku_id: int | None = None) -> int:
    path = f"{V2}/products/{product_id}" + (f"/skus/{sku_id}" if sku_id else "")
    return int(client.get(path).json()["inventory_level"])


# --------------------------------------------------------------------------- createOrder


def test_createOrder_custom_line_answers_200_with_the_whole_order(client: httpx.Client, clock: FrozenClock) -> None:
    order = create(client, shipping_cost_ex_tax=5, shipping_cost_inc_tax="5.5")

    assert order == {
        "id": 1, "customer_id": 0, "date_created": "Thu, 05 Mar 2026 21:40:11 +0000",
        "date_modified": "Thu, 05 Mar 2026 21:40:11 +0000", "date_shipped": "", "status_id": 1, "status": "Pending",
        "subtotal_ex_tax": "45.0000", "subtotal_inc_tax": "50.0000", "subtotal_tax": "5.0000",
        "base_shipping_cost": "0.0000", "shipping_cost_ex_tax": "5.0000", "shipping_cost_inc_tax": "5.5000",
        "shipping_cost_tax": "0.5000", "shipping_cost_tax_class_id": 0, "base_handling_cost": "0.0000",
        "handling_cost_ex_tax": "0.0000", "handling_cost_inc_tax": "0.0000", "handling_cost_tax": "0.0000",
        "handling_cost_tax_class_id": 0, "base_wrapping_cost": "0.0000", "wrapping_cost_ex_tax": "0.0000",
        "wrapping_cost_inc_tax": "0.0000", "wrapping_cost_tax": "0.0000", "wrapping_cost_tax_class_id": 0,
        "total_ex_tax": "50.0000", "total_inc_tax": "55.5000", "total_tax": "5.5000",
        "is_tax_inclusive_pricing": False, "items_total": 1, "items_shipped": 0, "payment_method": "",
        "payment_provider_id": "", "payment_status": "", "refunded_amount": "0.0000", "order_is_digital": False,
        "store_credit_amount": "0.0000", "gift_certificate_amount": "0.0000", "ip_address": "", "ip_address_v6": "",
        "geoip_country": "", "geoip_country_iso2": "", "currency_id": 1, "currency_code": "USD",
        "currency_exchange_rate": "1.0000000000", "default_currency_id": 1, "default_currency_code": "USD",
        "staff_notes": "", "customer_message": "", "discount_amount": "0.0000", "coupon_discount": "0.0000",
        "shipping_address_count": 1, "is_deleted": False, "ebay_order_id": "0", "cart_id": "",
        "billing_address": {**BILLING, "company": "", "street_2": "", "phone": "", "form_fields": []},
        "is_email_opt_in": False, "credit_card_type": None, "order_source": "external", "channel_id": 1,
        "external_source": None, "products": {"url": f"{BASE}/orders/1/products", "resource": "/orders/1/products"},
        "shipping_addresses": {"url": f"{BASE}/orders/1/shipping_addresses", "resource": "/orders/1/shipping_addresses"},
        "coupons": {"url": f"{BASE}/orders/1/coupons", "resource": "/orders/1/coupons"}, "external_id": None,
        "external_merchant_id": None, "tax_provider_id": "", "store_default_currency_code": "USD",
        "store_default_to_transactional_exchange_rate": "1.0000000000", "custom_status": "Pending",
        "customer_locale": "en", "external_order_id": "",
    }  # fmt: skip


def test_createOrder_catalog_line_is_priced_from_the_catalog_and_lowers_product_stock(client: httpx.Client) -> None:
    order = create(client, products=[{"product_id": 83, "quantity": 2}])

    (line,) = client.get(f"{ORDERS}/{order['id']}/products").json()
    assert (line["product_id"], line["variant_id"], line["name"], line["sku"]) == (
        83,
        191,
        "Silicone Spatula Trio",
        "KIT-UTL-002",
    )
    assert (line["base_price"], line["price_ex_tax"], line["price_inc_tax"]) == ("54.3900", "54.3900", "54.3900")
    assert (line["total_ex_tax"], line["total_inc_tax"], line["quantity"]) == ("108.7800", "108.7800", 2)
    assert (order["subtotal_ex_tax"], order["total_inc_tax"], order["items_total"]) == ("108.7800", "108.7800", 2)
    assert v3_stock(client, 83) == 164
    assert v2_stock(client, 83) == 164
    assert v3_stock(client, 83, 191) == 164  # the base variant carries the product's stock


def test_createOrder_variant_line_takes_the_variant_price_and_lowers_its_stock(client: httpx.Client) -> None:
    order = create(client, products=[{"product_id": 95, "variant_id": 102, "quantity": 2}])

    (line,) = client.get(f"{ORDERS}/{order['id']}/products").json()
    assert (line["variant_id"], line["sku"], line["price_inc_tax"]) == (102, "GAR-PLT-006-IVY-LARGE", "153.9500")
    assert [(o["display_name"], o["display_value"]) for o in line["product_options"]] == [
        ("Color", "Ivory"),
        ("Size", "Large"),
    ]
    assert v3_stock(client, 95, 102) == 0
    assert v2_stock(client, 95, 102) == 0
    assert v3_stock(client, 95, 104) == 25  # other variants keep theirs


def test_createOrder_product_options_pick_the_variant(client: httpx.Client) -> None:
    order = create(
        client,
        products=[
            {"product_id": 95, "quantity": 1, "product_options": [{"id": 1, "value": "6"}, {"id": 3, "value": 5}]}
        ],
    )

    (line,) = client.get(f"{ORDERS}/{order['id']}/products").json()
    assert line["variant_id"] == 104
    assert v3_stock(client, 95, 104) == 24


def test_createOrder_variant_without_its_own_price_takes_the_products(client: httpx.Client) -> None:
    order = create(client, products=[{"product_id": 95, "variant_id": 105, "quantity": 1}])

    assert order["subtotal_inc_tax"] == "141.9500"


def test_createOrder_catalog_line_may_set_its_price(client: httpx.Client) -> None:
    order = create(client, products=[{"product_id": 83, "quantity": 1, "price_ex_tax": "10.00", "price_inc_tax": 11}])

    (line,) = client.get(f"{ORDERS}/{order['id']}/products").json()
    assert (line["base_price"], line["price_ex_tax"], line["price_inc_tax"], line["price_tax"]) == (
        "54.3900",
        "10.0000",
        "11.0000",
        "1.0000",
    )


def test_createOrder_untracked_product_keeps_its_stock_and_digital_orders_say_so(
    client: httpx.Client, store: Store
) -> None:
    before = store.products.get(84)

    order = create(client, products=[{"product_id": 84, "quantity": 3}])

    assert store.products.get(84) is before
    assert order["order_is_digital"] is True


def test_createOrder_emits_events_through_the_catalog(client: httpx.Client, store: Store) -> None:
    seen: list[tuple[str, str, int]] = []
    unsubscribe = store.subscribe(lambda event: seen.append((event.resource, event.action, event.id)))
    try:
        create(client, products=[{"product_id": 95, "variant_id": 102, "quantity": 1}])
    finally:
        unsubscribe()

    assert ("order", "created", 1) in seen
    assert ("sku", "updated", 102) in seen


def test_createOrder_defaults_and_given_fields(client: httpx.Client) -> None:
    order = create(
        client, status_id=11, channel_id=2, customer_message="Leave at door", staff_notes="VIP", payment_method="Cash",
        external_order_id="ext-1", discount_amount="5", date_created="Tue, 05 Mar 2019 21:40:11 +0000",
        external_source="M-MIG",
    )  # fmt: skip

    assert (order["status_id"], order["status"], order["channel_id"]) == (11, "Awaiting Fulfillment", 2)
    assert (order["customer_message"], order["staff_notes"], order["payment_method"]) == (
        "Leave at door",
        "VIP",
        "Cash",
    )
    assert (order["external_order_id"], order["external_source"]) == ("ext-1", "M-MIG")
    assert (order["discount_amount"], order["total_inc_tax"], order["total_ex_tax"]) == ("5.0000", "45.0000", "40.0000")
    assert order["date_created"] == "Tue, 05 Mar 2019 21:40:11 +0000"


def test_createOrder_total_overrides_come_in_pairs_and_stick(client: httpx.Client) -> None:
    order = create(client, subtotal_ex_tax=1, subtotal_inc_tax=2, total_ex_tax="3.5", total_inc_tax="4.25")

    assert [order[k] for k in ("subtotal_ex_tax", "subtotal_inc_tax", "total_ex_tax", "total_inc_tax")] == [
        "1.0000", "2.0000", "3.5000", "4.2500",
    ]  # fmt: skip


def test_createOrder_without_shipping_addresses_ships_to_the_billing_address(client: httpx.Client) -> None:
    order = create(client)

    (address,) = client.get(f"{ORDERS}/{order['id']}/shipping_addresses").json()
    assert (address["first_name"], address["zip"], address["items_total"]) == ("Jane", "78751", 1)


def test_createOrder_consignments_make_a_pickup_order_without_shipping_addresses(client: httpx.Client) -> None:
    pickup = {"pickup_method_id": 1, "pickup_method_display_name": "Pick Up", "location": {"name": "Depot"},
              "line_items": [{"product_id": 83, "quantity": 1}]}  # fmt: skip
    order = create(client, consignments={"pickups": [pickup]})

    assert order["shipping_address_count"] == 0
    assert client.get(f"{ORDERS}/{order['id']}/shipping_addresses").status_code == 204
    consignments = client.get(f"{ORDERS}/{order['id']}/consignments").json()
    assert consignments["pickups"][0]["pickup_method_id"] == 1
    assert consignments["pickups"][0]["location"] == {"id": 1, "name": "Depot"}
    (line_link,) = consignments["pickups"][0]["line_items"]
    assert client.get(line_link["url"]).json()["order_pickup_method_id"] == 1


def test_createOrder_customer_id_must_name_a_customer(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(ORDERS, json={"billing_address": BILLING, "products": [CUSTOM], "customer_id": 999})

    assert response.status_code == 400
    assert response.json() == errors("Customer 999 does not exist; use 0 for a guest order.")
    assert snapshot(store) == before


def test_createOrder_channel_id_must_name_a_channel(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(ORDERS, json={"billing_address": BILLING, "products": [CUSTOM], "channel_id": 7})

    assert response.status_code == 400
    assert response.json() == errors("Channel 7 does not exist.")
    assert snapshot(store) == before
    # The demo store's channels: 1, 2 (a storefront) and 3 (a marketplace).
    assert create(client, channel_id=3)["channel_id"] == 3


def test_updateOrder_channel_id_must_name_a_channel(client: httpx.Client, store: Store) -> None:
    order = create(client)
    before = snapshot(store)

    response = client.put(f"{ORDERS}/{order['id']}", json={"channel_id": 4})

    assert response.status_code == 400
    assert response.json() == errors("Channel 4 does not exist.")
    assert snapshot(store) == before
    moved = client.put(f"{ORDERS}/{order['id']}", json={"channel_id": 2})
    assert (moved.status_code, moved.json()["channel_id"]) == (200, 2)


def test_createOrder_customer_id_of_a_customer_is_kept(client: httpx.Client) -> None:
    created = client.post(f"{V3}/customers", json=[{"email": "a@example.com", "first_name": "A", "last_name": "B"}])
    assert created.status_code == 200, created.text
    customer_id = created.json()["data"][0]["id"]

    assert create(client, customer_id=customer_id)["customer_id"] == customer_id


@pytest.mark.parametrize(
    ("body", "messages"),
    [
        ({"products": [CUSTOM]}, ["The required field 'billing_address' was not supplied."]),
        ({"billing_address": BILLING}, ["An order needs at least one line: give products or consignments."]),
        (
            {
                "billing_address": BILLING,
                "products": [CUSTOM],
                "consignments": {"pickups": [{"pickup_method_id": 1, "line_items": [CUSTOM]}]},
            },
            ["Give products or consignments, not both."],
        ),
        (
            {"billing_address": {"first_name": "Jane"}, "products": [CUSTOM]},
            ["The required field 'billing_address.zip' was not supplied."],
        ),
        (
            {"billing_address": {**BILLING, "zip": "7"}, "products": [CUSTOM]},
            ["The field 'billing_address.zip' is invalid: must be at least 2 characters long."],
        ),
        (
            {"billing_address": BILLING, "products": [{"product_id": 9999, "quantity": 1}]},
            ["Product 9999 does not exist."],
        ),
        (
            {"billing_address": BILLING, "products": [{"product_id": 95, "variant_id": 191, "quantity": 1}]},
            ["Variant 191 is not a variant of product 95."],
        ),
        (
            {"billing_address": BILLING, "products": [{"product_id": 95, "quantity": 1}]},
            ["Product 95 has options: give variant_id or product_options."],
        ),
        (
            {
                "billing_address": BILLING,
                "products": [
                    {
                        "product_id": 95,
                        "quantity": 1,
                        "product_options": [{"id": 1, "value": "2"}, {"id": 3, "value": "9"}],
                    }
                ],
            },
            ["Value 9 is not a value of option 3."],
        ),
        (
            {"billing_address": BILLING, "products": [{"product_id": 83, "quantity": 0}, {**CUSTOM, "quantity": -2}]},
            [
                "The field 'products.0.quantity' is invalid: must be at least 1.",
                "The field 'products.1.quantity' is invalid: must be at least 1.",
            ],
        ),
        (
            {"billing_address": BILLING, "products": [{"name": "Mug", "quantity": 1, "price_ex_tax": 4}]},
            ["The field 'products.0.price_inc_tax' is invalid: is required when price_ex_tax is given."],
        ),
        (
            {
                "billing_address": BILLING,
                "products": [{"name": "", "quantity": 1, "price_ex_tax": 4, "price_inc_tax": 4}],
            },
            ["The field 'products.0.name' is invalid: must be at least 1 characters long."],
        ),
        (
            {"billing_address": BILLING, "products": [{**CUSTOM, "price_ex_tax": "ten"}]},
            ["The field 'products.0.price_ex_tax' is invalid: must be a number or a decimal string."],
        ),
        (
            {"billing_address": BILLING, "products": [CUSTOM], "subtotal_ex_tax": 5},
            ["The field 'subtotal_inc_tax' is invalid: is required when subtotal_ex_tax is given."],
        ),
        (
            {"billing_address": BILLING, "products": [CUSTOM], "status_id": 15},
            ["The field 'status_id' is invalid: must be at most 14."],
        ),
        (
            {"billing_address": BILLING, "products": [CUSTOM], "discount_amount": "-1"},
            ["The field 'discount_amount' is invalid: must be at least 0."],
        ),
        (
            {"billing_address": BILLING, "products": [CUSTOM], "items_total": 4},
            ["The field 'items_total' cannot be written to. Please remove it from your request before trying again."],
        ),
        (
            {"billing_address": BILLING, "products": [CUSTOM], "date_created": "1700000000"},
            ["The field 'date_created' is invalid: must be an RFC 2822 or ISO 8601 date, or empty."],
        ),
    ],
)
def test_createOrder_refusals_are_400_lists_and_write_nothing(
    client: httpx.Client, store: Store, body: dict[str, Any], messages: list[str]
) -> None:
    before = snapshot(store)

    response = client.post(ORDERS, json=body)

    assert response.status_code == 400
    assert response.json() == errors(*messages)
    assert snapshot(store) == before


def test_createOrder_over_tracked_stock_is_refused_and_no_stock_moves(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(
        ORDERS,
        json={
            "billing_address": BILLING,
            "products": [{"product_id": 83, "quantity": 1}, {"product_id": 95, "variant_id": 102, "quantity": 3}],
        },
    )

    assert response.status_code == 400
    assert response.json() == errors(
        "There is not enough stock of 'Glazed Ceramic Pot (GAR-PLT-006-IVY-LARGE)': 2 in stock, 3 ordered."
    )
    assert snapshot(store) == before
    assert v3_stock(client, 83) == 166


def test_createOrder_two_lines_of_one_product_count_against_its_stock_together(client: httpx.Client) -> None:
    response = client.post(
        ORDERS,
        json={
            "billing_address": BILLING,
            "products": [
                {"product_id": 95, "variant_id": 102, "quantity": 2},
                {"product_id": 95, "variant_id": 102, "quantity": 1},
            ],
        },
    )

    assert response.status_code == 400
    assert response.json() == errors(
        "There is not enough stock of 'Glazed Ceramic Pot (GAR-PLT-006-IVY-LARGE)': 2 in stock, 3 ordered."
    )


def test_createOrder_over_stock_is_taken_when_the_store_allows_it(
    client: httpx.Client, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "limits", Limits(order_over_stock="allow"))

    order = create(
        client, products=[{"product_id": 95, "variant_id": 102, "quantity": 5}, {"product_id": 80, "quantity": 1}]
    )

    assert order["items_total"] == 6
    assert v3_stock(client, 95, 102) == 0
    assert v3_stock(client, 80) == 0


def test_createOrder_unknown_field_is_refused_by_the_schema(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(ORDERS, json={"billing_address": BILLING, "products": [CUSTOM], "colour": "red"})

    assert response.status_code == 400
    assert response.json() == errors("The field 'colour' is invalid: is not a field this resource accepts.")
    assert snapshot(store) == before


# --------------------------------------------------------------------------- getOrder


def test_getOrder_returns_the_order_and_404_for_an_unknown_one(client: httpx.Client) -> None:
    order = create(client)

    assert client.get(f"{ORDERS}/{order['id']}").json() == order
    missing = client.get(f"{ORDERS}/99")
    assert missing.status_code == 404
    assert missing.json() == NOT_FOUND


def test_getOrder_include_fees_and_consignments(client: httpx.Client) -> None:
    fee = {
        "type": "custom_fee",
        "display_name_customer": "Packing",
        "source": "AA",
        "cost_ex_tax": "2",
        "cost_inc_tax": "2.2",
    }
    order = create(client, fees=[fee])

    got = client.get(f"{ORDERS}/{order['id']}", params={"include": "fees,consignments"}).json()

    assert got["total_inc_tax"] == "52.2000"
    assert got["fees"] == [{
        "id": 1, "type": "custom_fee", "display_name_customer": "Packing", "display_name_merchant": "Packing",
        "source": "AA", "base_cost": "2.0000", "cost_ex_tax": "2.0000", "cost_inc_tax": "2.2000", "cost_tax": "0.2000",
        "tax_class_id": None,
    }]  # fmt: skip
    assert [len(s["line_items"]) for s in got["consignments"]["shipping"]] == [1]
    assert client.get(f"{ORDERS}/{order['id']}/fees").json() == {"fees": got["fees"]}


def test_order_links_lead_to_its_sub_resources_on_the_requests_host(client: httpx.Client) -> None:
    order = create(client)

    other_host = client.get(f"{ORDERS}/{order['id']}", headers={"Host": "api.example.test"}).json()

    assert other_host["products"]["url"] == f"http://api.example.test{V2}/orders/1/products"
    assert client.get(order["products"]["url"]).json()[0]["name"] == "BigCommerce Coffee Mug"
    assert client.get(order["shipping_addresses"]["url"]).status_code == 200


# --------------------------------------------------------------------------- getOrders and getOrdersCount


def test_getOrders_bare_array_in_id_order_paged(client: httpx.Client) -> None:
    for _ in range(3):
        create(client)

    assert [o["id"] for o in client.get(ORDERS).json()] == [1, 2, 3]
    assert [o["id"] for o in client.get(ORDERS, params={"limit": 2, "page": 2}).json()] == [3]
    past = client.get(ORDERS, params={"limit": 2, "page": 3})
    assert (past.status_code, past.content) == (204, b"")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"min_id": 2}, [2, 3, 4]),
        ({"max_id": 2}, [1, 2]),
        ({"min_id": 2, "max_id": 3}, [2, 3]),
        ({"status_id": 11}, [2, 4]),
        ({"email": "BOB@example.com"}, [3]),
        ({"channel_id": 2}, [4]),
        ({"payment_method": "Cash"}, [2]),
        ({"external_order_id": "ext-4"}, [4]),
        ({"min_total": 100}, [3, 4]),
        ({"max_total": "50"}, [1, 2]),
        ({"min_total": 100, "max_total": 200}, [3]),
        ({"customer_id": 0}, [1, 2, 3, 4]),
        ({"sort": "id:desc"}, [4, 3, 2, 1]),
        ({"sort": "status_id:desc"}, [2, 4, 1, 3]),
        ({"sort": "channel_id", "limit": 2}, [1, 2]),
        ({"status_id": 11, "sort": "id:desc"}, [4, 2]),
    ],
)
def test_getOrders_filters_and_sorts(client: httpx.Client, params: dict[str, Any], expected: list[int]) -> None:
    create(client)
    create(client, status_id=11, payment_method="Cash")
    create(client, billing_address={**BILLING, "email": "bob@example.com"}, products=[{**CUSTOM, "price_inc_tax": 150}])
    create(client, status_id=11, channel_id=2, external_order_id="ext-4", products=[{**CUSTOM, "price_inc_tax": 300}])

    response = client.get(ORDERS, params=params)

    assert response.status_code == 200, response.text
    assert [o["id"] for o in response.json()] == expected


def test_getOrders_date_filters_take_rfc2822_and_iso8601(client: httpx.Client, clock: FrozenClock) -> None:
    for days in range(4):
        clock.set(WHEN + timedelta(days=days))
        create(client)

    def ids(**params: str) -> list[int]:
        return [o["id"] for o in client.get(ORDERS, params=params).json()]

    assert ids(min_date_created="Sat, 07 Mar 2026 21:40:11 +0000") == [3, 4]
    assert ids(max_date_created="2026-03-06T21:40:11+00:00") == [1, 2]
    assert ids(min_date_modified="2026-03-06", max_date_modified="2026-03-07T23:00:00Z") == [2, 3]
    assert ids(min_date_modified="2026-03-06T00:00:00-05:00") == [2, 3, 4]


def test_getOrders_date_modified_follows_updates(client: httpx.Client, clock: FrozenClock) -> None:
    create(client)
    create(client)
    clock.set(WHEN + timedelta(days=10))
    client.put(f"{ORDERS}/1", json={"status_id": 10})

    assert [o["id"] for o in client.get(ORDERS, params={"min_date_modified": "2026-03-10"}).json()] == [1]
    assert [o["id"] for o in client.get(ORDERS, params={"sort": "date_modified:desc"}).json()] == [1, 2]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"min_date_created": "1700000000"},
            "The filter 'min_date_created' is invalid: '1700000000' is not an RFC 2822 or ISO 8601 date.",
        ),
        (
            {"max_date_modified": "yesterday"},
            "The filter 'max_date_modified' is invalid: 'yesterday' is not an RFC 2822 or ISO 8601 date.",
        ),
        (
            {"sort": "name"},
            "The filter 'sort' is invalid: 'name' is not one of: channel_id, customer_id, date_created, date_modified, external_id, id, status_id.",
        ),
        ({"sort": "id:sideways"}, "The filter 'sort' is invalid: 'id:sideways' is not one of: id:asc, id:desc."),
        ({"status_id": "x"}, "The filter 'status_id' is invalid: 'x' is not an integer."),
    ],
)
def test_getOrders_bad_filters_are_400(client: httpx.Client, params: dict[str, str], message: str) -> None:
    response = client.get(ORDERS, params=params)

    assert response.status_code == 400
    assert response.json() == errors(message)


def test_getOrders_leaves_archived_orders_out_unless_asked(client: httpx.Client) -> None:
    for _ in range(3):
        create(client)
    assert client.delete(f"{ORDERS}/2").status_code == 204

    assert [o["id"] for o in client.get(ORDERS).json()] == [1, 3]
    assert [o["id"] for o in client.get(ORDERS, params={"is_deleted": "true"}).json()] == [2]


def test_getOrdersCount_counts_per_status_with_the_filters(client: httpx.Client) -> None:
    create(client)
    create(client, status_id=11)
    create(client, status_id=11, channel_id=2)

    body = client.get(f"{ORDERS}/count").json()
    filtered = client.get(f"{ORDERS}/count", params={"channel_id": 1}).json()

    assert body["count"] == 3
    assert [s["id"] for s in body["statuses"]] == [0, 1, 7, 11, 9, 8, 3, 10, 2, 5, 6, 4, 13, 12, 14]
    assert {s["id"]: s["count"] for s in body["statuses"] if s["count"]} == {1: 1, 11: 2}
    assert body["statuses"][3] == {
        "id": 11, "name": "Awaiting Fulfillment", "system_label": "Awaiting Fulfillment",
        "custom_label": "Awaiting Fulfillment", "system_description": "Checkout is complete and the payment confirmed.",
        "sort_order": 3, "count": 2,
    }  # fmt: skip
    assert filtered["count"] == 2


def test_date_range_is_answered_from_buckets_not_a_scan(store: Store, client: httpx.Client, clock: FrozenClock) -> None:
    for day in range(300):
        clock.set(WHEN + timedelta(days=day))
        create(client)
    condition = Condition("date_modified", "range", (WHEN + timedelta(days=100), WHEN + timedelta(days=102)))

    candidates = service.FILTERS["date_modified"].candidates
    assert candidates is not None
    found = candidates(store, condition)

    assert {101, 102, 103} <= found
    assert len(found) <= 6  # the range's orders, and at most the neighbours sharing its edge buckets
    listed = client.get(
        ORDERS, params={"min_date_modified": "2026-06-13T21:40:11Z", "max_date_modified": "2026-06-15T21:40:11Z"}
    )
    assert [o["id"] for o in listed.json()] == [101, 102, 103]


# --------------------------------------------------------------------------- updateOrder


def test_updateOrder_changes_status_and_fields(client: httpx.Client, clock: FrozenClock) -> None:
    order = create(client)
    clock.set(WHEN + timedelta(hours=1))

    updated = client.put(
        f"{ORDERS}/{order['id']}", json={"status_id": 9, "staff_notes": "Packed", "billing_address": {"city": "Dallas"}}
    ).json()

    assert (updated["status_id"], updated["status"], updated["staff_notes"]) == (9, "Awaiting Shipment", "Packed")
    assert (updated["billing_address"]["city"], updated["billing_address"]["first_name"]) == ("Dallas", "Jane")
    assert updated["date_modified"] == "Thu, 05 Mar 2026 22:40:11 +0000"
    assert updated["date_created"] == order["date_created"]


def test_updateOrder_lines_change_add_and_remove_and_totals_follow(client: httpx.Client) -> None:
    order = create(client, products=[{"product_id": 83, "quantity": 2}, CUSTOM])
    first, second = client.get(f"{ORDERS}/{order['id']}/products").json()

    updated = client.put(
        f"{ORDERS}/{order['id']}",
        json={
            "products": [
                {"id": first["id"], "quantity": 5},
                {"id": second["id"], "quantity": 0},
                {"product_id": 95, "variant_id": 104, "quantity": 1},
            ]
        },
    ).json()

    lines = client.get(f"{ORDERS}/{order['id']}/products").json()
    assert [(li["id"], li["product_id"], li["quantity"]) for li in lines] == [(first["id"], 83, 5), (3, 95, 1)]
    assert updated["subtotal_inc_tax"] == "425.9000"  # 5 x 54.39 + 153.95
    assert updated["items_total"] == 6
    assert v3_stock(client, 83) == 161
    assert v3_stock(client, 95, 104) == 24


def test_updateOrder_lowering_a_quantity_gives_stock_back(client: httpx.Client) -> None:
    order = create(client, products=[{"product_id": 83, "quantity": 4}])
    (line,) = client.get(f"{ORDERS}/{order['id']}/products").json()

    client.put(f"{ORDERS}/{order['id']}", json={"products": [{"id": line["id"], "quantity": 1}]})

    assert v3_stock(client, 83) == 165
    assert v2_stock(client, 83) == 165


def test_updateOrder_line_price_change(client: httpx.Client) -> None:
    order = create(client)
    (line,) = client.get(f"{ORDERS}/{order['id']}/products").json()

    updated = client.put(
        f"{ORDERS}/{order['id']}", json={"products": [{"id": line["id"], "price_ex_tax": 20, "price_inc_tax": 22}]}
    ).json()

    assert (updated["subtotal_ex_tax"], updated["subtotal_inc_tax"]) == ("20.0000", "22.0000")


@pytest.mark.parametrize(
    ("body", "messages"),
    [
        ({"products": [{"id": 99, "quantity": 2}]}, ["The order has no line 99."]),
        ({"products": [{"id": 1, "quantity": 0}]}, ["An order keeps at least one line; it cannot remove them all."]),
        (
            {"products": [{"id": 1, "quantity": -1}]},
            ["The field 'products.0.quantity' is invalid: must be at least 0."],
        ),
        (
            {"products": [{"id": 1, "quantity": 200}, {"id": 1, "quantity": 3}]},
            ["The field 'products.1.id' is invalid: appears more than once in the request."],
        ),
        (
            {"products": [{"id": 1, "quantity": 500}]},
            ["There is not enough stock of 'Silicone Spatula Trio': 164 in stock, 498 ordered."],
        ),
        ({"status_id": 20}, ["The field 'status_id' is invalid: must be at most 14."]),
        ({"consignments": {"pickups": []}}, ["Consignments are fixed when the order is created."]),
        ({"shipping_addresses": [{"id": 77, "city": "X"}]}, ["Order 1 has no shipping address 77."]),
        (
            {"billing_address": {"zip": " 1"}},
            ["The field 'billing_address.zip' is invalid: must be at least 2 characters long."],
        ),
        (
            {"refunded_amount": "3"},
            [
                "The field 'refunded_amount' cannot be written to. Please remove it from your request before trying again."
            ],
        ),
    ],
)
def test_updateOrder_refusals_change_nothing(
    client: httpx.Client, store: Store, body: dict[str, Any], messages: list[str]
) -> None:
    create(client, products=[{"product_id": 83, "quantity": 2}])
    before = snapshot(store)

    response = client.put(f"{ORDERS}/1", json=body)

    assert response.status_code == 400
    assert response.json() == errors(*messages)
    assert snapshot(store) == before


def test_updateOrder_unknown_order_is_404(client: httpx.Client) -> None:
    response = client.put(f"{ORDERS}/5", json={"status_id": 2})

    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_updateOrder_shipping_addresses_by_id_or_added(client: httpx.Client) -> None:
    order = create(client)
    (address,) = client.get(f"{ORDERS}/{order['id']}/shipping_addresses").json()

    client.put(
        f"{ORDERS}/{order['id']}",
        json={"shipping_addresses": [{"id": address["id"], "city": "Houston"}, {"first_name": "Tom", "zip": "10001"}]},
    )

    found = client.get(f"{ORDERS}/{order['id']}/shipping_addresses").json()
    assert [(a["city"], a["first_name"]) for a in found] == [("Houston", "Jane"), ("", "Tom")]


def test_updateOrder_fees_replace_the_orders(client: httpx.Client) -> None:
    order = create(
        client,
        fees=[
            {"type": "custom_fee", "display_name_customer": "A", "cost_ex_tax": 1},
            {"type": "custom_fee", "display_name_customer": "B", "cost_ex_tax": 2},
        ],
    )

    client.put(
        f"{ORDERS}/{order['id']}",
        json={
            "fees": [
                {"id": 2, "display_name_customer": "B2", "cost_ex_tax": 3},
                {"display_name_customer": "C", "cost_ex_tax": 4},
            ]
        },
    )

    fees = client.get(f"{ORDERS}/{order['id']}/fees").json()["fees"]
    assert [(f["id"], f["display_name_customer"], f["cost_ex_tax"]) for f in fees] == [
        (2, "B2", "3.0000"),
        (3, "C", "4.0000"),
    ]


# --------------------------------------------------------------------------- deleteOrder, deleteOrders


def test_deleteOrder_archives_keeps_it_readable_and_keeps_stock(client: httpx.Client) -> None:
    order = create(client, products=[{"product_id": 83, "quantity": 2}])

    response = client.delete(f"{ORDERS}/{order['id']}")

    assert (response.status_code, response.content) == (204, b"")
    assert client.get(f"{ORDERS}/{order['id']}").json()["is_deleted"] is True
    assert v3_stock(client, 83) == 164


def test_deleteOrder_unknown_is_404(client: httpx.Client) -> None:
    response = client.delete(f"{ORDERS}/3")

    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_deleteOrders_archives_every_order(client: httpx.Client) -> None:
    create(client)
    create(client)

    assert client.delete(ORDERS).status_code == 204

    assert client.get(ORDERS).status_code == 204
    assert [o["is_deleted"] for o in client.get(ORDERS, params={"is_deleted": "true"}).json()] == [True, True]


# --------------------------------------------------------------------------- order statuses, scopes


def test_getOrderStatuses_lists_the_fifteen_statuses(client: httpx.Client) -> None:
    body = client.get(f"{V2}/order_statuses").json()

    assert [(s["id"], s["name"]) for s in body] == [
        (0, "Incomplete"), (1, "Pending"), (2, "Shipped"), (3, "Partially Shipped"), (4, "Refunded"),
        (5, "Cancelled"), (6, "Declined"), (7, "Awaiting Payment"), (8, "Awaiting Pickup"), (9, "Awaiting Shipment"),
        (10, "Completed"), (11, "Awaiting Fulfillment"), (12, "Manual Verification Required"), (13, "Disputed"),
        (14, "Partially Refunded"),
    ]  # fmt: skip


def test_getOrderStatusesStatus_one_status_and_404(client: httpx.Client) -> None:
    assert client.get(f"{V2}/order_statuses/11").json() == {
        "id": 11, "name": "Awaiting Fulfillment", "system_label": "Awaiting Fulfillment",
        "custom_label": "Awaiting Fulfillment", "system_description": "Checkout is complete and the payment confirmed.",
        "order": 3,
    }  # fmt: skip
    missing = client.get(f"{V2}/order_statuses/15")
    assert (missing.status_code, missing.json()) == (404, NOT_FOUND)


def test_orders_need_the_orders_scope(scoped_client: Any) -> None:
    read_only = scoped_client(["store_v2_orders_read_only"])
    catalog = scoped_client(["store_v2_products"])

    assert read_only.get(f"{V2}/order_statuses").status_code == 200
    assert read_only.post(ORDERS, json={"billing_address": BILLING, "products": [CUSTOM]}).status_code == 403
    assert catalog.get(f"{V2}/order_statuses").status_code == 403


def test_createOrder_modifier_values_adjust_the_price_and_are_recorded(client: httpx.Client, store: Store) -> None:
    product = store.products.get(143)
    variant = next(v for v in store.variants.values() if v.product_id == 143)
    options = [{"id": ref.option_id, "value": str(ref.id)} for ref in variant.option_values]

    order = create(
        client, products=[{"product_id": 143, "quantity": 1, "product_options": [*options, {"id": 94, "value": "92"}]}]
    )

    (line,) = client.get(f"{ORDERS}/{order['id']}/products").json()
    price = variant.price if variant.price is not None else product.price
    assert line["variant_id"] == variant.id
    assert line["base_price"] == f"{price + 4.95:.4f}"
    assert ("Gift wrap", "Yes") in [(o["display_name"], o["display_value"]) for o in line["product_options"]]


def test_getOrderStatusesStatus_zero_cannot_be_fetched_alone(client: httpx.Client) -> None:
    # Path ids are integers of at least 1 in mockbc's documents, so status 0 (Incomplete) is listed but not served alone.
    response = client.get(f"{V2}/order_statuses/0")

    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_updateOrder_is_deleted_is_refused(client: httpx.Client, store: Store) -> None:
    # upstream's order_Put does not declare is_deleted (only its response does); archiving is DELETE.
    create(client)
    before = snapshot(store)

    response = client.put(f"{ORDERS}/1", json={"is_deleted": True})

    assert (response.status_code, response.json()) == (
        400,
        errors("The field 'is_deleted' is invalid: is not a field this resource accepts."),
    )
    assert snapshot(store) == before


def test_a_payment_method_authorizes_the_new_order(client: httpx.Client) -> None:
    assert create(client, payment_method="Cash")["payment_status"] == "authorized"
    assert create(client)["payment_status"] == ""


def test_an_inline_variant_sent_with_null_stock_holds_none_and_an_order_of_it_is_refused(
    client: httpx.Client, store: Store
) -> None:
    body = {
        "name": "Null Stock Tee", "type": "physical", "weight": 1, "price": 5, "inventory_tracking": "variant",
        "variants": [{"sku": "NST-S", "inventory_level": None, "inventory_warning_level": None,
                      "option_values": [{"option_display_name": "Size", "label": "S"}]}],
    }  # fmt: skip
    made = client.post(f"{V3}/catalog/products", json=body).json()["data"]
    product = client.get(f"{V3}/catalog/products/{made['id']}", params={"include": "variants"}).json()["data"]
    (variant,) = product["variants"]
    before = snapshot(store)

    response = client.post(ORDERS, json={"billing_address": BILLING, "products": [
        {"product_id": product["id"], "variant_id": variant["id"], "quantity": 1},
    ]})  # fmt: skip

    assert (variant["inventory_level"], variant["inventory_warning_level"]) == (0, 0)
    assert response.status_code == 400
    assert response.json() == errors("There is not enough stock of 'Null Stock Tee (NST-S)': 0 in stock, 1 ordered.")
    assert snapshot(store) == before
