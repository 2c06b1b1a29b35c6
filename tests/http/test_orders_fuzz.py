"""Order bodies near the valid ones, from Hypothesis: every answer is below 500, and a refusal changes nothing
(stock, lines, shipments and payments included)."""

from __future__ import annotations

from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockbc import DEFAULT_STORE_HASH, Store

V2 = f"/stores/{DEFAULT_STORE_HASH}/v2"
V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
SETTINGS = settings(
    max_examples=60, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip
BILLING = {"first_name": "Jane", "zip": "78751", "email": "jane@example.com"}

IDS = st.sampled_from([0, 1, 2, 83, 95, 101, 102, 104, 191, -1, 10**12])
QUANTITIES = st.sampled_from([0, 1, 2, 3, 5, 200, -1, 10**9])
MONEY = st.sampled_from([0, 1, 4.5, "10", "10.50", "-1", "x", None, True, 10**20, 1e308])
ODD = st.none() | st.booleans() | st.text(max_size=5) | st.integers(-3, 3) | st.lists(st.integers(0, 3), max_size=2)


def _maybe(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return value | ODD


LINE = st.fixed_dictionaries(
    {},
    optional={
        "id": _maybe(IDS), "product_id": _maybe(IDS), "variant_id": _maybe(IDS), "quantity": _maybe(QUANTITIES),
        "price_ex_tax": MONEY, "price_inc_tax": MONEY, "name": _maybe(st.sampled_from(["Mug", "", "x" * 251])),
        "product_options": _maybe(st.lists(st.fixed_dictionaries({"id": _maybe(st.sampled_from([1, 3, 94])), "value": _maybe(st.sampled_from(["2", "5", "92", 6]))}), max_size=2)),
    },
)  # fmt: skip
ORDER = st.fixed_dictionaries(
    {},
    optional={
        "billing_address": _maybe(st.just(BILLING)), "products": _maybe(st.lists(LINE, max_size=3)),
        "status_id": _maybe(st.integers(-1, 16)), "customer_id": _maybe(IDS), "discount_amount": MONEY,
        "subtotal_ex_tax": MONEY, "subtotal_inc_tax": MONEY, "payment_method": _maybe(st.just("Cash")),
        "shipping_addresses": _maybe(st.lists(st.fixed_dictionaries({"zip": _maybe(st.just("10001")), "id": _maybe(IDS)}), max_size=2)),
        "consignments": _maybe(st.just({"pickups": [{"pickup_method_id": 1, "line_items": [{"product_id": 83, "quantity": 1}]}]})),
        "fees": _maybe(st.lists(st.fixed_dictionaries({"type": _maybe(st.just("custom_fee")), "cost_ex_tax": MONEY}), max_size=2)),
        "date_created": _maybe(st.sampled_from(["2024-01-01", "Tue, 05 Mar 2019 21:40:11 +0000", "0"])),
    },
)  # fmt: skip
SHIPMENT = st.fixed_dictionaries(
    {},
    optional={
        "order_address_id": _maybe(IDS), "tracking_number": _maybe(st.text(max_size=60)),
        "items": _maybe(st.lists(st.fixed_dictionaries({}, optional={"order_product_id": _maybe(IDS), "quantity": _maybe(QUANTITIES)}), max_size=3)),
    },
)  # fmt: skip
REFUND = st.fixed_dictionaries(
    {},
    optional={
        "items": _maybe(st.lists(st.fixed_dictionaries({}, optional={
            "item_type": _maybe(st.sampled_from(["PRODUCT", "ORDER", "SHIPPING", "BOX"])), "item_id": _maybe(IDS),
            "quantity": _maybe(QUANTITIES), "amount": MONEY}), max_size=2)),
        "payments": _maybe(st.lists(st.fixed_dictionaries({"provider_id": _maybe(st.just("custom")), "amount": MONEY}), max_size=2)),
        "tax_adjustment_amount": MONEY,
    },
)  # fmt: skip


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def _prepared(client: httpx.Client, store: Store) -> None:
    """Order 1 (2 x product 83 and a custom line), captured, with one shipment of one unit."""
    store.reset()
    made = client.post(f"{V2}/orders", json={"billing_address": BILLING, "payment_method": "Cash", "products": [
        {"product_id": 83, "quantity": 2}, {"name": "Mug", "quantity": 1, "price_ex_tax": 5, "price_inc_tax": 5}]})  # fmt: skip
    assert made.status_code == 200, made.text
    assert client.post(f"{V3}/orders/1/payment_actions/capture").status_code == 201
    assert (
        client.post(
            f"{V2}/orders/1/shipments", json={"order_address_id": 1, "items": [{"order_product_id": 1, "quantity": 1}]}
        ).status_code
        == 201
    )


def _check(client: httpx.Client, store: Store, method: str, path: str, body: Any) -> None:
    before = snapshot(store)
    response = client.request(method, path, json=body)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert snapshot(store) == before, response.text
        assert isinstance(response.json(), (list, dict))


@SETTINGS
@given(body=ORDER)
def test_createOrder_near_valid_bodies(client: httpx.Client, store: Store, body: dict[str, Any]) -> None:
    _prepared(client, store)
    _check(client, store, "POST", f"{V2}/orders", body)


@SETTINGS
@given(body=ORDER)
def test_updateOrder_near_valid_bodies(client: httpx.Client, store: Store, body: dict[str, Any]) -> None:
    _prepared(client, store)
    _check(client, store, "PUT", f"{V2}/orders/1", body)


@SETTINGS
@given(body=SHIPMENT)
def test_createOrderShipments_near_valid_bodies(client: httpx.Client, store: Store, body: dict[str, Any]) -> None:
    _prepared(client, store)
    _check(client, store, "POST", f"{V2}/orders/1/shipments", body)


@SETTINGS
@given(body=REFUND)
def test_createOrderRefund_near_valid_bodies(client: httpx.Client, store: Store, body: dict[str, Any]) -> None:
    _prepared(client, store)
    _check(client, store, "POST", f"{V3}/orders/1/payment_actions/refunds", body)
