"""An order's lines, shipping addresses, shipments and the other v2 order sub-resources, through HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.clock import FrozenClock

V2 = f"/stores/{DEFAULT_STORE_HASH}/v2"
ORDERS = f"{V2}/orders"
BASE = f"http://mockbc.test{V2}"
BILLING = {"first_name": "Jane", "last_name": "Doe", "street_1": "123 Main Street", "city": "Austin", "zip": "78751",
           "country": "United States", "country_iso2": "US", "email": "janedoe@example.com"}  # fmt: skip
SHIP_TO = {"first_name": "Trish", "last_name": "Smith", "company": "Acme", "street_1": "666 Sussex St", "city": "Austin",
           "zip": "78751", "country": "United States", "country_iso2": "US", "email": "trish@example.com",
           "shipping_method": "Flat Rate"}  # fmt: skip
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


@pytest.fixture
def order(client: httpx.Client, clock: FrozenClock) -> dict[str, Any]:
    """Order 1: 3 x product 83 and 1 custom poster, shipped to one address."""
    body = {"billing_address": BILLING, "shipping_addresses": [SHIP_TO], "shipping_cost_ex_tax": 10, "shipping_cost_inc_tax": 11,
            "products": [{"product_id": 83, "quantity": 3}, {"name": "Poster", "quantity": 1, "price_ex_tax": 10, "price_inc_tax": 10.98}]}  # fmt: skip
    response = client.post(ORDERS, json=body)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    found["lines"] = client.get(f"{ORDERS}/{found['id']}/products").json()
    found["address"] = client.get(f"{ORDERS}/{found['id']}/shipping_addresses").json()[0]
    return found


def ship(client: httpx.Client, order: dict[str, Any], *items: tuple[int, int], **fields: Any) -> httpx.Response:
    body = {
        "order_address_id": order["address"]["id"],
        "items": [{"order_product_id": order["lines"][i]["id"], "quantity": q} for i, q in items],
    }
    return client.post(f"{ORDERS}/{order['id']}/shipments", json={**body, **fields})


# --------------------------------------------------------------------------- order products


def test_getOrderProducts_lists_the_lines_and_pages(client: httpx.Client, order: dict[str, Any]) -> None:
    assert [(li["id"], li["name"], li["quantity"]) for li in order["lines"]] == [
        (1, "Silicone Spatula Trio", 3),
        (2, "Poster", 1),
    ]
    assert [li["id"] for li in client.get(f"{ORDERS}/1/products", params={"limit": 1, "page": 2}).json()] == [2]


def test_getOrderProduct_custom_line_in_full(client: httpx.Client, order: dict[str, Any]) -> None:
    assert client.get(f"{ORDERS}/1/products/2").json() == {
        "id": 2, "order_id": 1, "product_id": 0, "variant_id": 0, "order_pickup_method_id": 0, "order_address_id": 1,
        "name": "Poster", "name_customer": "Poster", "name_merchant": "Poster", "sku": "", "upc": "", "type": "physical",
        "base_price": "10.0000", "price_ex_tax": "10.0000", "price_inc_tax": "10.9800", "price_tax": "0.9800",
        "base_total": "10.0000", "total_ex_tax": "10.0000", "total_inc_tax": "10.9800", "total_tax": "0.9800",
        "weight": "0.0000", "width": "0.0000", "height": "0.0000", "depth": "0.0000", "quantity": 1,
        "base_cost_price": "0.0000", "cost_price_inc_tax": "0.0000", "cost_price_ex_tax": "0.0000",
        "cost_price_tax": "0.0000", "is_refunded": False, "quantity_refunded": 0, "refund_amount": "0.0000",
        "return_id": 0, "wrapping_id": 0, "wrapping_name": "", "base_wrapping_cost": "0.0000",
        "wrapping_cost_ex_tax": "0.0000", "wrapping_cost_inc_tax": "0.0000", "wrapping_cost_tax": "0.0000",
        "wrapping_message": "", "quantity_shipped": 0, "event_name": None, "event_date": None,
        "fixed_shipping_cost": "0.0000", "ebay_item_id": "", "ebay_transaction_id": "", "option_set_id": None,
        "parent_order_product_id": None, "is_bundled_product": False, "bin_picking_number": "", "external_id": None,
        "brand": "", "applied_discounts": [], "product_options": [], "configurable_fields": [],
        "gift_certificate_id": None, "discounted_total_inc_tax": "10.9800",
    }  # fmt: skip


@pytest.mark.parametrize("path", [f"{ORDERS}/1/products/99", f"{ORDERS}/7/products/1", f"{ORDERS}/7/products"])
def test_order_products_unknown_is_404(client: httpx.Client, order: dict[str, Any], path: str) -> None:
    response = client.get(path)

    assert (response.status_code, response.json()) == (404, NOT_FOUND)


# --------------------------------------------------------------------------- shipping addresses


def test_getOrderShippingAddress_in_full(client: httpx.Client, order: dict[str, Any]) -> None:
    assert client.get(f"{ORDERS}/1/shipping_addresses/1").json() == {
        "id": 1, "order_id": 1, "first_name": "Trish", "last_name": "Smith", "company": "Acme",
        "street_1": "666 Sussex St", "street_2": "", "city": "Austin", "state": "", "zip": "78751",
        "country": "United States", "country_iso2": "US", "phone": "", "email": "trish@example.com",
        "items_total": 4, "items_shipped": 0, "shipping_method": "Flat Rate", "base_cost": "0.0000",
        "cost_ex_tax": "10.0000", "cost_inc_tax": "11.0000", "cost_tax": "1.0000", "cost_tax_class_id": 0,
        "base_handling_cost": "0.0000", "handling_cost_ex_tax": "0.0000", "handling_cost_inc_tax": "0.0000",
        "handling_cost_tax": "0.0000", "handling_cost_tax_class_id": 0, "shipping_zone_id": 0,
        "shipping_zone_name": "",
        "shipping_quotes": {"url": f"{BASE}/orders/1/shipping_addresses/1/shipping_quotes",
                            "resource": "/orders/1/shipping_addresses/1/shipping_quotes"},
        "form_fields": [],
    }  # fmt: skip


def test_updateOrderShippingAddress_changes_the_address_not_the_costs(
    client: httpx.Client, order: dict[str, Any]
) -> None:
    response = client.put(
        f"{ORDERS}/1/shipping_addresses/1",
        json={"city": "Sydney", "phone": "0410", "form_fields": [{"name": "Gate", "value": "4"}]},
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["city"], body["phone"], body["first_name"], body["cost_inc_tax"]) == (
        "Sydney",
        "0410",
        "Trish",
        "11.0000",
    )
    assert body["form_fields"] == [{"name": "Gate", "value": "4"}]
    assert client.get(f"{ORDERS}/1").json()["total_inc_tax"] == order["total_inc_tax"]


@pytest.mark.parametrize(
    ("path", "body", "status", "messages"),
    [
        (f"{ORDERS}/1/shipping_addresses/1", {"city": 5}, 400, ["The field 'city' is invalid: must be a string."]),
        (
            f"{ORDERS}/1/shipping_addresses/1",
            {"items_total": 5},
            400,
            ["The field 'items_total' is invalid: is not a field this resource accepts."],
        ),
        (f"{ORDERS}/1/shipping_addresses/9", {"city": "X"}, 404, ["The requested resource was not found."]),
        (f"{ORDERS}/4/shipping_addresses/1", {"city": "X"}, 404, ["The requested resource was not found."]),
    ],
)
def test_updateOrderShippingAddress_refusals_change_nothing(
    client: httpx.Client,
    store: Store,
    order: dict[str, Any],
    path: str,
    body: dict[str, Any],
    status: int,
    messages: list[str],
) -> None:
    before = snapshot(store)

    response = client.put(path, json=body)

    assert (response.status_code, response.json()) == (status, errors(*messages, status=status))
    assert snapshot(store) == before


def test_shipping_quotes_of_an_api_order_are_204(client: httpx.Client, order: dict[str, Any]) -> None:
    for path in (
        f"{ORDERS}/1/shipping_addresses/1/shipping_quotes",
        f"{ORDERS}/1/consignments/shipping/1/shipping_quotes",
    ):
        response = client.get(path)
        assert (response.status_code, response.content) == (204, b"")
    assert client.get(f"{ORDERS}/1/shipping_addresses/5/shipping_quotes").status_code == 404


def test_coupons_taxes_and_messages_are_empty(client: httpx.Client, order: dict[str, Any]) -> None:
    for name in ("coupons", "taxes", "messages"):
        response = client.get(f"{ORDERS}/1/{name}")
        assert (response.status_code, response.content) == (204, b"")
        missing = client.get(f"{ORDERS}/8/{name}")
        assert (missing.status_code, missing.json()) == (404, NOT_FOUND)


# --------------------------------------------------------------------------- shipments


def test_createOrderShipments_201_in_full_and_the_order_is_partially_shipped(
    client: httpx.Client, order: dict[str, Any], clock: FrozenClock
) -> None:
    clock.set(WHEN + timedelta(hours=2))
    response = ship(client, order, (0, 2), tracking_number="EJ958083578US", shipping_provider="usps", comments="Ready")

    assert response.status_code == 201
    assert response.json() == {
        "id": 1, "order_id": 1, "customer_id": 0, "order_address_id": 1, "date_created": "Thu, 05 Mar 2026 23:40:11 +0000",
        "tracking_number": "EJ958083578US", "merchant_shipping_cost": "0.0000", "shipping_method": "",
        "comments": "Ready", "shipping_provider": "usps", "tracking_carrier": "", "tracking_link": "",
        "billing_address": {**BILLING, "company": "", "street_2": "", "state": "", "phone": ""},
        "shipping_address": {k: v for k, v in SHIP_TO.items() if k != "shipping_method"} | {"street_2": "", "state": "", "phone": ""},
        "items": [{"order_product_id": 1, "product_id": 83, "quantity": 2}],
        "shipping_provider_display_name": "USPS", "generated_tracking_link": "",
    }  # fmt: skip
    got = client.get(f"{ORDERS}/1").json()
    assert (got["status_id"], got["status"], got["items_shipped"], got["date_shipped"]) == (
        3,
        "Partially Shipped",
        2,
        "",
    )
    assert client.get(f"{ORDERS}/1/products/1").json()["quantity_shipped"] == 2
    assert client.get(f"{ORDERS}/1/shipping_addresses/1").json()["items_shipped"] == 2


def test_shipping_every_unit_makes_the_order_shipped(
    client: httpx.Client, order: dict[str, Any], clock: FrozenClock
) -> None:
    assert ship(client, order, (0, 1)).status_code == 201
    clock.set(WHEN + timedelta(days=1))
    assert ship(client, order, (0, 2), (1, 1)).status_code == 201

    got = client.get(f"{ORDERS}/1").json()
    assert (got["status_id"], got["status"], got["items_shipped"]) == (2, "Shipped", 4)
    assert got["date_shipped"] == "Fri, 06 Mar 2026 21:40:11 +0000"


def test_deleting_shipments_unships_and_the_status_goes_back(client: httpx.Client, order: dict[str, Any]) -> None:
    client.put(f"{ORDERS}/1", json={"status_id": 9})
    ship(client, order, (0, 3))
    ship(client, order, (1, 1))
    assert client.get(f"{ORDERS}/1").json()["status_id"] == 2

    assert client.delete(f"{ORDERS}/1/shipments/2").status_code == 204
    assert client.get(f"{ORDERS}/1").json()["status_id"] == 3
    assert client.delete(f"{ORDERS}/1/shipments").status_code == 204
    got = client.get(f"{ORDERS}/1").json()
    assert (got["status_id"], got["items_shipped"], got["date_shipped"]) == (9, 0, "")
    assert client.get(f"{ORDERS}/1/products/1").json()["quantity_shipped"] == 0


def test_getOrderShipments_lists_counts_and_is_204_without_any(client: httpx.Client, order: dict[str, Any]) -> None:
    empty = client.get(f"{ORDERS}/1/shipments")
    assert (empty.status_code, empty.content) == (204, b"")
    ship(client, order, (0, 1))
    ship(client, order, (0, 1))

    assert [s["id"] for s in client.get(f"{ORDERS}/1/shipments").json()] == [1, 2]
    assert client.get(f"{ORDERS}/1/shipments/count").json() == {"count": 2}
    assert client.get(f"{ORDERS}/1/shipments/2").json()["items"] == [
        {"order_product_id": 1, "product_id": 83, "quantity": 1}
    ]


def test_updateOrderShipment_changes_tracking(client: httpx.Client, order: dict[str, Any]) -> None:
    ship(client, order, (0, 1))

    response = client.put(
        f"{ORDERS}/1/shipments/1",
        json={"tracking_number": "ZZ1", "shipping_provider": "fedex", "merchant_shipping_cost": "1.5"},
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["tracking_number"], body["shipping_provider_display_name"], body["merchant_shipping_cost"]) == (
        "ZZ1",
        "FedEx",
        "1.5000",
    )
    assert body["items"] == [{"order_product_id": 1, "product_id": 83, "quantity": 1}]


@pytest.mark.parametrize(
    ("body", "messages"),
    [
        (
            {"items": [{"order_product_id": 1, "quantity": 1}]},
            ["The required field 'order_address_id' was not supplied."],
        ),
        ({"order_address_id": 1}, ["The required field 'items' was not supplied."]),
        ({"order_address_id": 1, "items": []}, ["The field 'items' is invalid: must have at least 1 items."]),
        (
            {"order_address_id": 9, "items": [{"order_product_id": 1, "quantity": 1}]},
            ["Order 1 has no shipping address 9."],
        ),
        ({"order_address_id": 1, "items": [{"order_product_id": 77, "quantity": 1}]}, ["The order has no line 77."]),
        (
            {"order_address_id": 1, "items": [{"order_product_id": 1, "quantity": 4}]},
            ["Line 1 has 3 units left to ship; 4 cannot be shipped."],
        ),
        (
            {
                "order_address_id": 1,
                "items": [{"order_product_id": 1, "quantity": 2}, {"order_product_id": 1, "quantity": 2}],
            },
            ["Line 1 has 1 units left to ship; 2 cannot be shipped."],
        ),
        (
            {"order_address_id": 1, "items": [{"order_product_id": 1, "quantity": 0}]},
            ["The field 'items.0.quantity' is invalid: must be at least 1."],
        ),
        (
            {"order_address_id": 1, "items": [{"quantity": 1}]},
            ["The required field 'items.0.order_product_id' was not supplied."],
        ),
        (
            {"order_address_id": 1, "items": [{"order_product_id": 1, "quantity": 1}], "tracking_number": "x" * 51},
            ["The field 'tracking_number' is invalid: must be at most 50 characters long."],
        ),
    ],
)
def test_createOrderShipments_refusals_change_nothing(
    client: httpx.Client, store: Store, order: dict[str, Any], body: dict[str, Any], messages: list[str]
) -> None:
    before = snapshot(store)

    response = client.post(f"{ORDERS}/1/shipments", json=body)

    assert response.status_code == 400
    assert response.json() == errors(*messages)
    assert snapshot(store) == before


def test_a_line_of_another_address_cannot_ship_to_this_one(
    client: httpx.Client, store: Store, order: dict[str, Any]
) -> None:
    client.put(f"{ORDERS}/1", json={"shipping_addresses": [{"first_name": "Other", "zip": "10001"}]})
    before = snapshot(store)

    response = client.post(
        f"{ORDERS}/1/shipments", json={"order_address_id": 2, "items": [{"order_product_id": 1, "quantity": 1}]}
    )

    assert (response.status_code, response.json()) == (400, errors("Line 1 does not go to shipping address 2."))
    assert snapshot(store) == before


def test_shipments_of_unknown_orders_and_ids_are_404(client: httpx.Client, order: dict[str, Any]) -> None:
    for method, path in (("GET", f"{ORDERS}/9/shipments"), ("GET", f"{ORDERS}/1/shipments/5"), ("DELETE", f"{ORDERS}/1/shipments/5"),
                         ("PUT", f"{ORDERS}/1/shipments/5"), ("GET", f"{ORDERS}/9/shipments/count")):  # fmt: skip
        response = client.request(method, path, json={"comments": "x"} if method == "PUT" else None)
        assert (response.status_code, response.json()) == (404, NOT_FOUND), path


def test_a_shipped_line_cannot_drop_below_what_was_shipped(
    client: httpx.Client, store: Store, order: dict[str, Any]
) -> None:
    ship(client, order, (0, 2))
    before = snapshot(store)

    response = client.put(f"{ORDERS}/1", json={"products": [{"id": 1, "quantity": 1}]})

    assert (response.status_code, response.json()) == (
        400, errors("The field 'products.0.quantity' is invalid: cannot go below the 2 units already shipped.")
    )  # fmt: skip
    assert snapshot(store) == before


# --------------------------------------------------------------------------- consignments and fees


def test_getOrderConsignments_groups_lines_by_shipping_address(client: httpx.Client, order: dict[str, Any]) -> None:
    body = client.get(f"{ORDERS}/1/consignments").json()

    assert (body["pickups"], body["downloads"], body["email"]) == ([], [], {"gift_certificates": []})
    (shipping,) = body["shipping"]
    assert shipping["line_items"] == [
        {"url": f"{BASE}/orders/1/products/1", "resource": "/orders/1/products/1"},
        {"url": f"{BASE}/orders/1/products/2", "resource": "/orders/1/products/2"},
    ]


def test_getOrderFees_without_fees(client: httpx.Client, order: dict[str, Any]) -> None:
    assert client.get(f"{ORDERS}/1/fees").json() == {"fees": []}
    missing = client.get(f"{ORDERS}/3/fees")
    assert (missing.status_code, missing.json()) == (404, NOT_FOUND)


def test_consignment_shipping_costs_are_numbers_with_their_own_quotes_link(
    client: httpx.Client, order: dict[str, Any]
) -> None:
    (shipping,) = client.get(f"{ORDERS}/1/consignments").json()["shipping"]

    assert (shipping["cost_ex_tax"], shipping["cost_inc_tax"], shipping["items_total"]) == (10.0, 11.0, 4)
    assert shipping["shipping_quotes"]["resource"] == "/orders/1/consignments/shipping/1/shipping_quotes"


def test_line_edits_move_the_shipping_status(client: httpx.Client, order: dict[str, Any]) -> None:
    ship(client, order, (0, 3))
    assert client.get(f"{ORDERS}/1").json()["status_id"] == 3

    removed = client.put(f"{ORDERS}/1", json={"products": [{"id": 2, "quantity": 0}]}).json()
    assert (removed["status_id"], removed["items_shipped"]) == (2, 3)
    added = client.put(
        f"{ORDERS}/1", json={"products": [{"name": "Card", "quantity": 1, "price_ex_tax": 1, "price_inc_tax": 1}]}
    ).json()
    assert added["status_id"] == 3
