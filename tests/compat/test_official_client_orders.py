"""The official Python client (PyPI ``bigcommerce``) on v2 orders, customers and coupons, against
the mock on a real socket (``api``: tests/compat/conftest.py)."""

from __future__ import annotations

from typing import Any

import pytest
from bigcommerce.api import BigcommerceApi
from bigcommerce.exception import ClientRequestException

from mockbc import Store

BILLING = {
    "first_name": "Jane", "last_name": "Doe", "street_1": "123 Main Street", "city": "Austin", "state": "Texas",
    "zip": "78751", "country": "United States", "country_iso2": "US", "email": "jane@example.com",
}  # fmt: skip
SPEAKER = 77  # a demo product tracking its own stock


def _order(api: BigcommerceApi, quantity: int = 2) -> Any:
    return api.Orders.create(billing_address=BILLING, products=[{"product_id": SPEAKER, "quantity": quantity}])


def test_official_client_creates_an_order_priced_from_the_catalog_that_lowers_stock(
    api: BigcommerceApi, store: Store
) -> None:
    stock = store.products.require(SPEAKER).inventory_level

    order = _order(api)

    product = store.products.require(SPEAKER)
    assert (order.status_id, order.status, order.customer_id) == (1, "Pending", 0)
    assert order.subtotal_ex_tax == f"{product.price * 2:.4f}"
    assert product.inventory_level == stock - 2
    assert api.Orders.get(order.id).total_inc_tax == order.total_inc_tax


def test_official_client_iterall_pages_through_every_order(api: BigcommerceApi) -> None:
    made = [_order(api, quantity=1).id for _ in range(3)]

    assert [o.id for o in api.Orders.iterall()] == made
    assert api.Orders.count() == 3
    assert [o.id for o in api.Orders.all(min_id=made[1])] == made[1:]


def test_official_client_updates_an_order_status(api: BigcommerceApi) -> None:
    order = _order(api)

    updated = order.update(status_id=11)

    assert (updated.status_id, updated.status) == (11, "Awaiting Fulfillment")
    assert api.Orders.get(order.id).status == "Awaiting Fulfillment"


def test_official_client_follows_order_products_and_shipping_addresses(api: BigcommerceApi, store: Store) -> None:
    order = _order(api, quantity=3)

    (line,) = order.products()
    (address,) = order.shipping_addresses()

    assert (line.product_id, line.quantity, line.name) == (SPEAKER, 3, store.products.require(SPEAKER).name)
    assert (address.city, address.zip) == ("Austin", "78751")
    assert order.products(line.id).quantity == 3


def test_official_client_ships_part_then_the_rest_and_the_status_follows(api: BigcommerceApi) -> None:
    order = _order(api, quantity=3)
    (line,) = order.products()
    (address,) = order.shipping_addresses()

    first = api.OrderShipments.create(
        order.id, order_address_id=address.id, tracking_number="1Z999", shipping_provider="ups",
        items=[{"order_product_id": line.id, "quantity": 1}],
    )  # fmt: skip
    assert api.Orders.get(order.id).status == "Partially Shipped"
    api.OrderShipments.create(
        order.id, order_address_id=address.id, items=[{"order_product_id": line.id, "quantity": 2}]
    )

    assert [s.id for s in order.shipments()] == [first.id, first.id + 1]
    assert api.Orders.get(order.id).status == "Shipped"
    with pytest.raises(ClientRequestException) as refused:
        api.OrderShipments.create(
            order.id, order_address_id=address.id, items=[{"order_product_id": line.id, "quantity": 1}]
        )
    assert refused.value.response.status_code == 400


def test_official_client_customers_and_their_addresses(api: BigcommerceApi, store: Store) -> None:
    customer = api.Customers.create(first_name="Ann", last_name="Lee", email="ann@example.com")
    address = api.CustomerAddresses.create(
        customer.id, first_name="Ann", last_name="Lee", phone="555-0100", street_1="1 Main St", city="Austin",
        state="Texas", zip="78701", country="United States",
    )  # fmt: skip

    assert store.customers.require(customer.id).email == "ann@example.com"
    assert [c.email for c in api.Customers.all(email="ann@example.com")] == ["ann@example.com"]
    assert [a.id for a in customer.addresses()] == [address.id]
    assert customer.update(company="Acme").company == "Acme"
    with pytest.raises(ClientRequestException) as duplicate:
        api.Customers.create(first_name="Other", last_name="Ann", email="ANN@example.com")
    assert duplicate.value.response.status_code == 400
    customer.delete()
    assert store.customers.get(customer.id) is None


def test_official_client_coupons(api: BigcommerceApi, store: Store) -> None:
    coupon = api.Coupons.create(
        name="Five off", code="FIVE-OFF", type="per_total_discount", amount="5",
        applies_to={"entity": "categories", "ids": [0]},
    )  # fmt: skip

    assert (coupon.amount, coupon.enabled) == ("5.0000", True)
    assert api.Coupons.count() == 1
    changed = coupon.update(name="Five off", code="FIVE-OFF", type="per_total_discount", amount="6",
                            applies_to={"entity": "products", "ids": [SPEAKER]})  # fmt: skip
    assert (changed.amount, changed.applies_to) == ("6.0000", {"entity": "products", "ids": [SPEAKER]})
    with pytest.raises(ClientRequestException) as taken:
        api.Coupons.create(name="Other", code="five-off", type="free_shipping", amount="0",
                           applies_to={"entity": "categories", "ids": [0]})  # fmt: skip
    assert taken.value.response.status_code == 409
    coupon.delete()
    assert len(store.coupons) == 0
