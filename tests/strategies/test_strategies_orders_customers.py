"""The order and customer strategies against the mock: valid bodies are accepted and stored as
drawn, with tracked stock lowered by exactly what was ordered; invalid ones are refused with
their status and change nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from strategies_support import V2, V3, Mock, assert_error, http_settings

from mockbc._strategies._orders import stock_taken, tracked_stock
from mockbc.strategies import (
    OMIT,
    InvalidCase,
    customer_addresses,
    customer_batches,
    customers,
    invalid_customers,
    invalid_orders,
    orders,
    shipments,
)

DEMO = Mock("demo")
EMPTY = Mock("empty")
V2_ORDERS = f"{V2}/orders"
CUSTOMERS = f"{V3}/customers"


def teardown_module() -> None:
    DEMO.close()
    EMPTY.close()


@http_settings(60)
@given(data=st.data())
def test_orders_are_accepted_and_lower_tracked_stock_by_what_they_order(data: st.DataObject) -> None:
    DEMO.reset()
    before = tracked_stock(DEMO.store)
    body = data.draw(orders(store=DEMO.store))

    response = DEMO.client.post(V2_ORDERS, json=body)

    assert response.status_code == 200, response.text
    order = response.json()
    lines = DEMO.client.get(f"{V2_ORDERS}/{order['id']}/products").json()
    assert [line["quantity"] for line in lines] == [line["quantity"] for line in body["products"]]
    assert sum(Decimal(line["total_ex_tax"]) for line in lines) == Decimal(order["subtotal_ex_tax"])
    expected = dict(before)
    for key, units in stock_taken(DEMO.store, body).items():
        expected[key] -= units
    assert tracked_stock(DEMO.store) == expected


@http_settings(40)
@given(data=st.data())
def test_shipments_ship_what_is_left_and_the_status_follows(data: st.DataObject) -> None:
    DEMO.reset()
    order = DEMO.client.post(V2_ORDERS, json=data.draw(orders(store=DEMO.store))).json()
    while True:
        try:
            body = data.draw(shipments(store=DEMO.store, order_id=order["id"]))
        except InvalidArgument:
            break  # everything is shipped
        response = DEMO.client.post(f"{V2_ORDERS}/{order['id']}/shipments", json=body)
        assert response.status_code == 201, response.text
        status = DEMO.client.get(f"{V2_ORDERS}/{order['id']}").json()["status_id"]
        assert status in (2, 3)  # Shipped, Partially Shipped
    assert DEMO.client.get(f"{V2_ORDERS}/{order['id']}").json()["status"] == "Shipped"


@http_settings(60)
@given(data=st.data())
def test_invalid_orders_are_refused_in_the_v2_shape_and_change_nothing(data: st.DataObject) -> None:
    DEMO.reset()
    before = DEMO.counts(), tracked_stock(DEMO.store)
    case: InvalidCase = data.draw(invalid_orders(store=DEMO.store))

    response = DEMO.client.post(V2_ORDERS, json=case.payload)

    assert response.status_code == case.status == 400, f"{case.reason}: {response.text}"
    [error] = response.json()
    assert error["status"] == 400 and isinstance(error["message"], str) and error["message"]
    assert (DEMO.counts(), tracked_stock(DEMO.store)) == before


def test_invalid_orders_offer_every_break_with_a_store() -> None:
    reasons: set[str] = set()

    @http_settings(200, database=None, derandomize=True)
    @given(invalid_orders(store=DEMO.store))
    def collect(case: InvalidCase) -> None:
        reasons.add(case.reason)

    collect()
    assert {
        "more than is in stock",
        "unknown product",
        "products and consignments",
        "date in a third format",
    } <= reasons


@http_settings(40)
@given(data=st.data())
def test_customer_batches_are_accepted_and_stored_as_drawn(data: st.DataObject) -> None:
    EMPTY.reset()
    first = data.draw(customer_batches(store=EMPTY.store))
    assert EMPTY.client.post(CUSTOMERS, json=first).status_code == 200
    second = data.draw(customer_batches(store=EMPTY.store))

    response = EMPTY.client.post(CUSTOMERS, json=second)

    assert response.status_code == 200, response.text
    stored = response.json()["data"]
    assert [(c["email"], c["first_name"], c["last_name"]) for c in stored] == [
        (c["email"], c["first_name"], c["last_name"]) for c in second
    ]
    assert all("authentication" not in c or set(c["authentication"]) == {"force_password_reset"} for c in stored)
    emails = [c.email.casefold() for c in EMPTY.store.customers.values()]
    assert len(emails) == len(set(emails)) == len(first) + len(second)


@http_settings(30)
@given(data=st.data())
def test_customer_addresses_are_accepted_for_an_existing_customer(data: st.DataObject) -> None:
    EMPTY.reset()
    # Without inline addresses: a second, identical address would be skipped as a duplicate.
    drawn = data.draw(customers(store=EMPTY.store, addresses=st.just(OMIT)))
    made = EMPTY.client.post(CUSTOMERS, json=[drawn]).json()["data"][0]
    body = data.draw(customer_addresses(customer_id=made["id"]))

    response = EMPTY.client.post(f"{CUSTOMERS}/addresses", json=[body])

    assert response.status_code == 200, response.text
    assert response.json()["data"][0]["country_code"] == body["country_code"]


@http_settings(80)
@given(data=st.data())
def test_invalid_customer_batches_are_refused_and_store_nothing(data: st.DataObject) -> None:
    EMPTY.reset()
    EMPTY.client.post(CUSTOMERS, json=data.draw(customer_batches(store=EMPTY.store, max_size=2)))
    before = EMPTY.counts()
    case: InvalidCase = data.draw(invalid_customers(store=EMPTY.store))

    response = EMPTY.client.post(CUSTOMERS, json=case.payload)

    if case.status == 413:
        assert response.status_code == 413, response.text
    else:
        assert_error(response, case)
    assert EMPTY.counts() == before


@pytest.mark.parametrize(
    ("strategy", "message"),
    [
        (customer_batches(max_size=11), "at most 10 items"),
        (shipments(store=EMPTY.store, order_id=1), "needs store= holding that order"),
    ],
)
def test_bad_arguments_raise_at_draw_time(strategy: st.SearchStrategy[Any], message: str) -> None:
    @http_settings(1, database=None)
    @given(strategy)
    def draw(value: Any) -> None:
        pass

    with pytest.raises(InvalidArgument, match=message):
        draw()
