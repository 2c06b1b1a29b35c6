"""The state machine's order rules: place an order, ship part of it, capture and refund its
payment, archive it; with the invariants that stock and totals must keep.

A mixin of ``BigCommerceStateMachine``: it uses the machine's ``client``, ``v2_url``,
``base_url``, ``store``, ``model`` (``model.orders``), ``_expect`` and ``after_change``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.stateful import Bundle, consumes, initialize, invariant, multiple, rule

from mockbc._strategies._orders import orders, shipments, stock_taken, tracked_stock

CENT = Decimal("0.01")


@dataclass
class OrderModel:
    """What the machine expects of an order it placed: its total, what was captured and refunded."""

    total: Decimal
    captured: bool = False
    refunded: Decimal = Decimal(0)
    archived: bool = False


class OrderRules:
    order_ids = Bundle("order_ids")

    if TYPE_CHECKING:  # what the machine provides
        client: Any
        store: Any
        model: Any
        v2_url: str
        base_url: str

        def _expect(self, response: Any, status: int) -> Any: ...

        def after_change(self, kind: str, action: str, record_id: int) -> None: ...

    def _order_url(self, order_id: int, action: str) -> str:
        return f"{self.base_url}/orders/{order_id}/payment_actions/{action}"

    @rule(target=order_ids, data=st.data())
    def place_order(self, data: st.DataObject) -> Any:
        """An order of the store's products (paid in cash, so that it can be captured and refunded);
        tracked stock goes down by exactly what it ordered."""
        body = data.draw(orders(store=self.store, payment_method=st.just("Cash")), label="order")
        before = tracked_stock(self.store)
        order = self._expect(self.client.post(f"{self.v2_url}/orders", json=body), 200)
        expected = dict(before)
        for key, units in stock_taken(self.store, body).items():
            expected[key] -= units
        assert tracked_stock(self.store) == expected, "an order moved stock by something else than its lines"
        order_id = int(order["id"])
        self.model.orders[order_id] = OrderModel(total=Decimal(order["total_inc_tax"]))
        self.after_change("order", "create", order_id)
        return order_id

    @rule(order_id=order_ids, data=st.data())
    def ship_order(self, order_id: int, data: st.DataObject) -> None:
        """Some of what is left to ship; the order is then Partially Shipped or Shipped."""
        try:
            body = data.draw(shipments(store=self.store, order_id=order_id), label="shipment")
        except InvalidArgument:
            return  # everything is shipped already
        self._expect(self.client.post(f"{self.v2_url}/orders/{order_id}/shipments", json=body), 201)
        status = self._expect(self.client.get(f"{self.v2_url}/orders/{order_id}"), 200)["status"]
        assert status in ("Partially Shipped", "Shipped"), status
        self.after_change("order", "update", order_id)

    @rule(order_id=order_ids)
    def capture_payment(self, order_id: int) -> None:
        """The cash payment is captured once; a second capture is refused, as is a capture of an
        order of nothing (no payment was authorized)."""
        order = self.model.orders[order_id]
        response = self.client.post(self._order_url(order_id, "capture"))
        if order.captured or not order.total:
            self._expect(response, 422)
            return
        self._expect(response, 201)
        order.captured = True
        self.after_change("order", "update", order_id)

    @rule(order_id=order_ids, data=st.data())
    def refund_payment(self, order_id: int, data: st.DataObject) -> None:
        """Part or all of what is left of a captured payment; more than that is refused."""
        order = self.model.orders[order_id]
        left = order.total - order.refunded
        if not order.captured or left < CENT:
            return
        cents = data.draw(st.integers(1, int(left / CENT)), label="refund cents")
        over = data.draw(st.integers(0, 4), label="over") == 0
        amount = float(left + CENT) if over else float(Decimal(cents) * CENT)
        body = {
            "items": [{"item_type": "ORDER", "item_id": order_id, "amount": amount}],
            "payments": [{"provider_id": "custom", "amount": amount, "offline": True}],
        }
        response = self.client.post(self._order_url(order_id, "refunds"), json=body)
        if over:
            self._expect(response, 422)
            return
        self._expect(response, 201)
        order.refunded += Decimal(cents) * CENT
        self.after_change("order", "update", order_id)

    @initialize(target=order_ids)
    def seeded_orders(self) -> Any:
        return multiple(*(order_id for order_id, order in self.model.orders.items() if not order.archived))

    @rule(order_id=consumes(order_ids))
    def archive_order(self, order_id: int) -> None:
        """Archiving gives no stock back."""
        before = tracked_stock(self.store)
        response = self.client.delete(f"{self.v2_url}/orders/{order_id}")
        self._expect(response, 204)
        assert tracked_stock(self.store) == before, "archiving an order moved stock"
        self.model.orders[order_id].archived = True
        self.after_change("order", "delete", order_id)

    @invariant()
    def orders_keep_their_totals_and_refunds(self) -> None:
        for order_id, expected in self.model.orders.items():
            order = self.store.orders.get(order_id)
            assert order is not None, f"order {order_id} is gone"
            assert order.is_deleted == expected.archived
            assert order.total_inc_tax == expected.total
            assert order.refunded_amount == expected.refunded <= expected.total
            if expected.refunded:
                wanted = "refunded" if expected.refunded == expected.total else "partially refunded"
                assert order.payment_status == wanted, (order_id, order.payment_status)

    @invariant()
    def tracked_stock_is_never_negative(self) -> None:
        negative = {key: level for key, level in tracked_stock(self.store).items() if level < 0}
        assert not negative, negative
