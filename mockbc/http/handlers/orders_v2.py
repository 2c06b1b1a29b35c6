"""v2 orders: /v2/orders[/{order_id}], /count, and each order's products, shipping addresses, shipments, coupons,
taxes, messages, consignments, fees and shipping quotes; /v2/order_statuses[/{status_id}]."""

from __future__ import annotations

from typing import Any

from mockbc.domain.errors import NotFound
from mockbc.domain.orders import STATUSES, Order, OrderProduct, OrderStatus, Shipment, ShippingAddress
from mockbc.http.operations import Binding, Handler, bindings
from mockbc.presentation import orders_v2 as wire
from mockbc.presentation.call import Call, View
from mockbc.services import order_shipments as shipments
from mockbc.services import orders as service

FILTERABLE = frozenset(service.FILTERS)


def list_orders(call: Call) -> list[Order]:
    listing = call.view.listing(call, FILTERABLE)
    return wire.page_of(service.find(call.store, listing.conditions), listing)


def count_orders(call: Call) -> dict[int, int]:
    listing = call.view.listing(call, FILTERABLE)
    return service.count_by_status(call.store, wire.matching(service.find(call.store, listing.conditions), listing))


def get_order(call: Call) -> Order:
    return service.get(call.store, call.path["order_id"])


def create_order(call: Call) -> Order:
    return service.create(call.store, call.view.parse(call.body)["order"])


def update_order(call: Call) -> Order:
    return service.update(call.store, call.path["order_id"], call.view.parse(call.body)["order"])


def delete_order(call: Call) -> None:
    service.get(call.store, call.path["order_id"])
    service.archive(call.store, [call.path["order_id"]])


def delete_orders(call: Call) -> None:
    """``DELETE /v2/orders``: every order is archived (upstream deleteOrders)."""
    service.archive(call.store, [order.id for order in service.find(call.store, [])])


def _page(call: Call, records: list[Any]) -> list[Any]:
    listing = call.view.listing(call, ())
    start = (listing.page - 1) * listing.limit
    return records[start : start + listing.limit]


def list_lines(call: Call) -> list[OrderProduct]:
    service.get(call.store, call.path["order_id"])
    return _page(call, service.lines_of(call.store, call.path["order_id"]))


def get_line(call: Call) -> OrderProduct:
    return service.line(call.store, call.path["order_id"], call.path["product_id"])


def list_addresses(call: Call) -> list[ShippingAddress]:
    service.get(call.store, call.path["order_id"])
    return _page(call, service.addresses_of(call.store, call.path["order_id"]))


def get_address(call: Call) -> ShippingAddress:
    return service.address(call.store, call.path["order_id"], call.path["id"])


def update_address(call: Call) -> ShippingAddress:
    wanted = call.view.parse(call.body)["address"]
    return service.update_address(call.store, call.path["order_id"], call.path["id"], wanted)


def shipping_quotes(call: Call) -> list[Any]:
    """Orders made through the API or the control panel have no stored quotes: 204 (BC_FACTS §3.7)."""
    service.address(call.store, call.path["order_id"], call.path["shipping_address_id"])
    return []


def list_shipments(call: Call) -> list[Shipment]:
    return _page(call, shipments.of_order(call.store, call.path["order_id"]))


def count_shipments(call: Call) -> int:
    return len(shipments.of_order(call.store, call.path["order_id"]))


def get_shipment(call: Call) -> Shipment:
    return shipments.get(call.store, call.path["order_id"], call.path["shipment_id"])


def create_shipment(call: Call) -> Shipment:
    return shipments.create(call.store, call.path["order_id"], call.view.parse(call.body)["shipment"])


def update_shipment(call: Call) -> Shipment:
    request = call.view.parse(call.body)["shipment"]
    return shipments.update(call.store, call.path["order_id"], call.path["shipment_id"], request)


def delete_shipment(call: Call) -> None:
    shipments.delete(call.store, call.path["order_id"], [call.path["shipment_id"]])


def delete_shipments(call: Call) -> None:
    shipments.delete(call.store, call.path["order_id"])


def no_records(call: Call) -> list[Any]:
    """Coupons, taxes and messages: the API cannot redeem coupons (upstream createOrder), the mock computes no tax
    and holds no messages, so these lists are empty (204)."""
    service.get(call.store, call.path["order_id"])
    return []


def get_consignments(call: Call) -> Order:
    return service.get(call.store, call.path["order_id"])


def consignment_quotes(call: Call) -> list[Any]:
    service.address(call.store, call.path["order_id"], call.path["shipping_consignment_id"])
    return []


def get_fees(call: Call) -> Order:
    return service.get(call.store, call.path["order_id"])


def list_statuses(call: Call) -> list[OrderStatus]:
    return [OrderStatus(status_id) for status_id in STATUSES]


def get_status(call: Call) -> OrderStatus:
    status_id = call.path["status_id"]
    if status_id not in STATUSES:
        raise NotFound("order status", status_id)
    return OrderStatus(status_id)


def _bound(view: View, handlers: dict[str, Handler]) -> tuple[Binding, ...]:
    return bindings("v2", view, scope="orders", handlers=handlers)


OPERATIONS = (
    *_bound(
        wire.ORDER_VIEW,
        {
            "getOrders": list_orders,
            "getOrder": get_order,
            "createOrder": create_order,
            "deleteOrder": delete_order,
            "deleteOrders": delete_orders,
        },
    ),
    *_bound(wire.ORDER_UPDATE_VIEW, {"updateOrder": update_order}),
    *_bound(wire.COUNT_VIEW, {"getOrdersCount": count_orders}),
    *_bound(wire.LINE_VIEW, {"getOrderProducts": list_lines, "getOrderProduct": get_line}),
    *_bound(
        wire.ADDRESS_VIEW,
        {
            "getOrderShippingAddresses": list_addresses,
            "getOrderShippingAddress": get_address,
            "updateOrderShippingAddress": update_address,
        },
    ),
    *_bound(
        wire.SHIPMENT_VIEW,
        {
            "getOrderShipments": list_shipments,
            "getOrderShipmentsCount": count_shipments,
            "getOrderShipment": get_shipment,
            "createOrderShipments": create_shipment,
            "deleteOrderShipment": delete_shipment,
            "deleteOrderShipments": delete_shipments,
        },
    ),
    *_bound(wire.SHIPMENT_UPDATE_VIEW, {"updateOrderShipment": update_shipment}),
    *_bound(
        wire.PLAIN_VIEW,
        {
            "getOrderCoupons": no_records,
            "getOrderTaxes": no_records,
            "getOrderMessages": no_records,
            "getOrderShippingAddressShippingQuotes": shipping_quotes,
            "getOrderConsignmentShippingQuotes": consignment_quotes,
        },
    ),
    *_bound(wire.CONSIGNMENTS_VIEW, {"getOrderConsignments": get_consignments}),
    *_bound(wire.FEES_VIEW, {"getOrderFees": get_fees}),
    *_bound(wire.STATUS_VIEW, {"getOrderStatuses": list_statuses, "getOrderStatusesStatus": get_status}),
)
