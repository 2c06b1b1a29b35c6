"""v3 order payments through HTTP: transactions, capture, void, refund quotes and refunds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.clock import FrozenClock

V2 = f"/stores/{DEFAULT_STORE_HASH}/v2"
V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
ORDERS = f"{V3}/orders"
BILLING = {"first_name": "Jane", "last_name": "Doe", "zip": "78751", "email": "janedoe@example.com"}
TYPE = "/api-docs/getting-started/api-status-codes"
WHEN = datetime(2026, 3, 5, 21, 40, 11, tzinfo=UTC)


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def unprocessable(title: str, **errors: str) -> dict[str, Any]:
    return {"status": 422, "title": title, "type": TYPE, "errors": errors}


@pytest.fixture
def clock(store: Store, monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    frozen = FrozenClock(WHEN)
    monkeypatch.setattr(store, "clock", frozen)
    return frozen


def new_order(client: httpx.Client, **fields: Any) -> int:
    """2 x product 83 at 54.39 and a poster at 10.98, shipping 5.00: 124.76 in all."""
    body = {"billing_address": BILLING, "shipping_cost_ex_tax": 5, "shipping_cost_inc_tax": 5,
            "products": [{"product_id": 83, "quantity": 2}, {"name": "Poster", "quantity": 1, "price_ex_tax": 10, "price_inc_tax": 10.98}],
            **fields}  # fmt: skip
    response = client.post(f"{V2}/orders", json=body)
    assert response.status_code == 200, response.text
    return int(response.json()["id"])


@pytest.fixture
def paid(client: httpx.Client, clock: FrozenClock) -> int:
    order_id = new_order(client, payment_method="Cash")
    assert client.post(f"{ORDERS}/{order_id}/payment_actions/capture").status_code == 201
    return order_id


def v2_order(client: httpx.Client, order_id: int) -> dict[str, Any]:
    return client.get(f"{V2}/orders/{order_id}").json()  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- transactions, capture, void


def test_an_order_with_a_payment_method_is_authorized_for_its_total(client: httpx.Client, clock: FrozenClock) -> None:
    order_id = new_order(client, payment_method="Cash")

    assert v2_order(client, order_id)["payment_status"] == "authorized"
    response = client.get(f"{ORDERS}/{order_id}/transactions")
    assert response.status_code == 200
    assert response.json() == {"data": [{
        "id": 1, "order_id": str(order_id), "event": "authorization", "method": "custom", "amount": 124.76,
        "currency": "USD", "gateway": "custom", "gateway_transaction_id": "", "date_created": "2026-03-05T21:40:11+00:00",
        "test": False, "status": "ok", "fraud_review": False, "payment_method_id": "custom", "offline": None,
        "custom": {"payment_method": "Cash"}, "payment_instrument_token": None, "provider_instrument_token": None,
        "provider_customer_id": None, "gift_certificate": None, "store_credit": None, "custom_provider_field_result": None,
    }], "meta": {}}  # fmt: skip


def test_getOrderTransactions_is_204_without_a_payment_and_404_for_no_order(client: httpx.Client) -> None:
    order_id = new_order(client)

    empty = client.get(f"{ORDERS}/{order_id}/transactions")
    assert (empty.status_code, empty.content) == (204, b"")
    missing = client.get(f"{ORDERS}/77/transactions")
    assert missing.status_code == 404
    assert missing.json()["status"] == 404


def test_captureOrderPayment_captures_the_authorization(client: httpx.Client, clock: FrozenClock) -> None:
    order_id = new_order(client, payment_method="Cash")

    response = client.post(f"{ORDERS}/{order_id}/payment_actions/capture")

    assert (response.status_code, response.json()) == (201, {"data": {}, "meta": {}})
    assert v2_order(client, order_id)["payment_status"] == "captured"
    events = client.get(f"{ORDERS}/{order_id}/transactions").json()["data"]
    assert [(t["event"], t["amount"], t.get("reference_transaction_id")) for t in events] == [
        ("authorization", 124.76, None), ("capture", 124.76, 1),
    ]  # fmt: skip


def test_voidOrderPayment_voids_and_nothing_can_be_captured_after(client: httpx.Client, store: Store) -> None:
    order_id = new_order(client, payment_method="Cash")

    assert client.post(f"{ORDERS}/{order_id}/payment_actions/void").status_code == 201
    assert v2_order(client, order_id)["payment_status"] == "void"
    before = snapshot(store)
    again = client.post(f"{ORDERS}/{order_id}/payment_actions/capture")

    assert again.status_code == 422
    assert again.json() == unprocessable(
        "The payment action is invalid.", payment_status="Only an authorized payment can be captured; this one is void."
    )
    assert snapshot(store) == before


def test_capture_without_an_authorization_is_422(client: httpx.Client, store: Store) -> None:
    order_id = new_order(client)
    before = snapshot(store)

    response = client.post(f"{ORDERS}/{order_id}/payment_actions/capture")

    assert response.status_code == 422
    assert response.json() == unprocessable(
        "The payment action is invalid.",
        payment_status="Only an authorized payment can be captured; this one is not authorized.",
    )
    assert snapshot(store) == before
    assert client.post(f"{ORDERS}/78/payment_actions/void").status_code == 404


# --------------------------------------------------------------------------- refund quotes and refunds


def test_createOrderRefundQuotes_works_the_refund_out_and_writes_nothing(
    client: httpx.Client, store: Store, paid: int
) -> None:
    before = snapshot(store)

    response = client.post(
        f"{ORDERS}/{paid}/payment_actions/refund_quotes",
        json={
            "items": [
                {"item_type": "PRODUCT", "item_id": 1, "quantity": 1},
                {"item_type": "SHIPPING", "item_id": 1, "amount": 5},
            ]
        },
    )

    assert response.status_code == 201
    assert response.json() == {"data": {
        "order_id": paid, "total_refund_amount": 59.39, "total_refund_tax_amount": 0.0,
        "order_level_refund_amount": 124.76, "rounding": 0.0, "adjustment": 0.0, "tax_inclusive": True,
        "refund_methods": [[{
            "provider_id": "custom", "provider_description": "Custom payment (refunded outside BigCommerce)",
            "amount": 59.39, "offline": True, "offline_provider": True, "offline_reason": "",
        }]],
    }, "meta": {}}  # fmt: skip
    assert snapshot(store) == before


def test_createOrderRefund_partial_then_whole(client: httpx.Client, paid: int, clock: FrozenClock) -> None:
    first = client.post(
        f"{ORDERS}/{paid}/payment_actions/refunds",
        json={"items": [{"item_type": "PRODUCT", "item_id": 1, "quantity": 1, "reason": "Broken"}],
              "payments": [{"provider_id": "custom", "amount": 54.39, "offline": True}]},
    )  # fmt: skip

    assert first.status_code == 201
    assert first.json() == {"data": {
        "id": 1, "order_id": paid, "user_id": 0, "created": "2026-03-05T21:40:11+00:00", "reason": "",
        "total_amount": 54.39, "total_tax": 0.0, "uses_merchant_override_values": False,
        "items": [{"item_type": "PRODUCT", "item_id": 1, "reason": "Broken", "quantity": 1, "requested_amount": 54.39}],
        "payments": [{"id": 1, "provider_id": "custom", "amount": 54.39, "offline": True, "is_declined": False,
                      "declined_message": "", "transaction_id": "3"}],
    }, "meta": {}}  # fmt: skip
    order = v2_order(client, paid)
    assert (order["status_id"], order["payment_status"], order["refunded_amount"]) == (
        14,
        "partially refunded",
        "54.3900",
    )
    line = client.get(f"{V2}/orders/{paid}/products/1").json()
    assert (line["quantity_refunded"], line["refund_amount"], line["is_refunded"]) == (1, "54.3900", False)

    rest = client.post(
        f"{ORDERS}/{paid}/payment_actions/refunds",
        json={
            "items": [{"item_type": "ORDER", "item_id": paid, "amount": 70.37}],
            "payments": [{"provider_id": "custom", "amount": 70.37}],
        },
    )

    assert rest.status_code == 201
    order = v2_order(client, paid)
    assert (order["status_id"], order["status"], order["payment_status"], order["refunded_amount"]) == (
        4,
        "Refunded",
        "refunded",
        "124.7600",
    )


@pytest.mark.parametrize(
    ("body", "title", "errors"),
    [
        (
            {
                "items": [{"item_type": "ORDER", "item_id": 1, "amount": 200}],
                "payments": [{"provider_id": "custom", "amount": 200}],
            },
            "The refund is invalid.",
            {"items": "The refund comes to 200.0000, more than the 124.7600 left to refund."},
        ),
        (
            {
                "items": [{"item_type": "PRODUCT", "item_id": 1, "quantity": 3}],
                "payments": [{"provider_id": "custom", "amount": 1}],
            },
            "The refund is invalid.",
            {"items.0.quantity": "Line 1 has 2 units left to refund."},
        ),
        (
            {
                "items": [{"item_type": "PRODUCT", "item_id": 9, "quantity": 1}],
                "payments": [{"provider_id": "custom", "amount": 1}],
            },
            "The refund is invalid.",
            {"items.0.item_id": "The order has no line 9."},
        ),
        (
            {
                "items": [{"item_type": "PRODUCT", "item_id": 1, "quantity": 1}],
                "payments": [{"provider_id": "custom", "amount": 5}],
            },
            "The refund is invalid.",
            {"payments": "The payments add up to 5.0000; the refund comes to 54.3900."},
        ),
        (
            {"items": [{"item_type": "PRODUCT", "item_id": 1, "quantity": 1}]},
            "JSON data is missing or invalid",
            {"payments": "error.path.missing"},
        ),
        (
            {"items": [{"item_type": "BOX", "item_id": 1}], "payments": []},
            "JSON data is missing or invalid",
            {"items.0.item_type": "must be one of: PRODUCT, GIFT_WRAPPING, ORDER, SHIPPING, HANDLING, TAX, FEE"},
        ),
        (
            {"items": [{"item_type": "ORDER", "item_id": 1, "amount": -3}], "payments": []},
            "JSON data is missing or invalid",
            {"items.0.amount": "must be at least 0"},
        ),
    ],
)
def test_createOrderRefund_refusals_change_nothing(
    client: httpx.Client, store: Store, paid: int, body: dict[str, Any], title: str, errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(f"{ORDERS}/{paid}/payment_actions/refunds", json=body)

    assert response.status_code == 422
    assert response.json() == unprocessable(title, **errors)
    assert snapshot(store) == before


def test_a_refund_of_an_order_not_paid_is_422(client: httpx.Client, store: Store) -> None:
    order_id = new_order(client, payment_method="Cash")  # authorized, not captured
    before = snapshot(store)

    response = client.post(
        f"{ORDERS}/{order_id}/payment_actions/refunds",
        json={
            "items": [{"item_type": "ORDER", "item_id": 1, "amount": 1}],
            "payments": [{"provider_id": "custom", "amount": 1}],
        },
    )

    assert response.json() == unprocessable(
        "The refund is invalid.", order_id=f"Order {order_id} has no captured payment to refund."
    )
    assert snapshot(store) == before


def test_refunds_are_listed_per_order_one_by_one_and_store_wide(
    client: httpx.Client, paid: int, clock: FrozenClock
) -> None:
    other = new_order(client, payment_method="Card")
    client.post(f"{ORDERS}/{other}/payment_actions/capture")
    refund_body = {
        "items": [{"item_type": "ORDER", "item_id": 1, "amount": 1}],
        "payments": [{"provider_id": "custom", "amount": 1}],
    }
    client.post(f"{ORDERS}/{paid}/payment_actions/refunds", json=refund_body)
    clock.set(WHEN + timedelta(days=2))
    client.post(f"{ORDERS}/{other}/payment_actions/refunds", json=refund_body)

    assert [r["id"] for r in client.get(f"{ORDERS}/{paid}/payment_actions/refunds").json()["data"]] == [1]
    assert client.get(f"{ORDERS}/payment_actions/refunds/2").json()["data"]["order_id"] == other
    everything = client.get(f"{ORDERS}/payment_actions/refunds").json()
    assert [r["id"] for r in everything["data"]] == [1, 2]
    assert everything["meta"]["pagination"]["total"] == 2
    assert [
        r["id"]
        for r in client.get(f"{ORDERS}/payment_actions/refunds", params={"order_id:in": str(other)}).json()["data"]
    ] == [2]
    assert [
        r["id"]
        for r in client.get(f"{ORDERS}/payment_actions/refunds", params={"created:min": "2026-03-06T00:00:00Z"}).json()[
            "data"
        ]
    ] == [2]
    missing = client.get(f"{ORDERS}/payment_actions/refunds/9")
    assert missing.status_code == 404


def test_payment_actions_need_the_orders_scope_and_transactions_theirs(
    scoped_client: Any, client: httpx.Client
) -> None:
    order_id = new_order(client, payment_method="Cash")
    orders_only = scoped_client(["store_v2_orders"])
    transactions_only = scoped_client(["store_v2_transactions_read_only"])

    assert orders_only.get(f"{ORDERS}/{order_id}/transactions").status_code == 403
    assert transactions_only.get(f"{ORDERS}/{order_id}/transactions").status_code == 200
    assert transactions_only.post(f"{ORDERS}/{order_id}/payment_actions/capture").status_code == 403
    assert orders_only.post(f"{ORDERS}/{order_id}/payment_actions/capture").status_code == 201


def test_getOrderRefund_gives_requested_amount_as_a_string(client: httpx.Client, paid: int) -> None:
    client.post(
        f"{ORDERS}/{paid}/payment_actions/refunds",
        json={
            "items": [{"item_type": "PRODUCT", "item_id": 1, "quantity": 1}],
            "payments": [{"provider_id": "custom", "amount": 54.39}],
        },
    )

    (item,) = client.get(f"{ORDERS}/payment_actions/refunds/1").json()["data"]["items"]
    (listed,) = client.get(f"{ORDERS}/{paid}/payment_actions/refunds").json()["data"][0]["items"]

    assert (item["requested_amount"], listed["requested_amount"]) == ("54.39", 54.39)


# --------------------------------------------------------------------------- order settings

SETTINGS = f"{ORDERS}/settings"


def notifications(placed: list[str] | None, forward: list[str] | None) -> dict[str, Any]:
    return {
        "notifications": {"order_placed": {"email_addresses": placed}, "forward_invoice": {"email_addresses": forward}}
    }


def test_global_order_settings_read_and_change(client: httpx.Client) -> None:
    assert client.get(SETTINGS).json() == {"data": notifications([], []), "meta": {}}

    response = client.put(
        SETTINGS, json={"notifications": {"order_placed": {"email_addresses": ["admin@example.com"]}}}
    )

    assert response.status_code == 200
    assert response.json() == {"data": notifications(["admin@example.com"], []), "meta": {}}
    assert client.get(SETTINGS).json()["data"] == notifications(["admin@example.com"], [])


def test_channel_order_settings_override_both_or_neither(client: httpx.Client, store: Store) -> None:
    channel = f"{SETTINGS}/channels/2"
    assert client.get(channel).json()["data"] == notifications(None, None)

    changed = client.put(channel, json=notifications(["a@example.com"], []))
    assert changed.json()["data"] == notifications(["a@example.com"], [])
    assert client.get(SETTINGS).json()["data"] == notifications([], [])  # the store's stay
    before = snapshot(store)
    half = client.put(channel, json={"notifications": {"order_placed": {"email_addresses": None}}})

    assert half.status_code == 422
    assert half.json() == unprocessable(
        "The order settings are invalid.",
        notifications="Give both notifications' email_addresses as lists, or both as null.",
    )
    assert snapshot(store) == before
    reset = client.put(channel, json=notifications(None, None))
    assert reset.json()["data"] == notifications(None, None)


def test_order_settings_of_a_channel_the_store_does_not_have_are_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)
    missing = {"status": 404, "title": "The requested channel was not found.", "type": TYPE}

    read = client.get(f"{SETTINGS}/channels/7")
    written = client.put(f"{SETTINGS}/channels/7", json=notifications(["a@example.com"], []))

    assert (read.status_code, read.json()) == (404, missing)
    assert (written.status_code, written.json()) == (404, missing)
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("path", "body", "errors"),
    [
        (
            SETTINGS,
            notifications(["not-an-email"], []),
            {"notifications.order_placed.email_addresses.0": "must be an email address"},
        ),
        (SETTINGS, notifications(None, []), {"notifications.order_placed.email_addresses": "must be an array"}),
    ],
)
def test_order_settings_refusals_change_nothing(
    client: httpx.Client, store: Store, path: str, body: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.put(path, json=body)

    assert response.status_code == 422
    assert response.json()["errors"] == errors
    assert snapshot(store) == before
