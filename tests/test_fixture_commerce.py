"""Fixture sections for customers, marketing and orders, and the demo store that holds them
(``fixtures/demo.json``): each record is written by the services the API uses, and a
record they refuse refuses the file, named."""

from __future__ import annotations

import runpy
from collections import Counter
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from mockbc import create_app
from mockbc.domain.orders import STATUSES
from mockbc.fixtures import FixtureError, build_seed, fixtures_dir, load_seed
from mockbc.http.inprocess import client as inprocess_client
from mockbc.services import customers as customer_service
from mockbc.store.registry import DEFAULT_STORE_HASH
from mockbc.store.store import Store

FORMAT = "mockbc-fixtures/1"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DEMO_PASSWORD = "Demo-Store-2026"
MUG = {
    "id": 1, "name": "Mug", "type": "physical", "price": 12, "weight": 1, "inventory_tracking": "product",
    "inventory_level": 3, "is_visible": True,
}  # fmt: skip
PLACE = {
    "first_name": "Ann", "last_name": "Lee", "street_1": "1 Main St", "city": "Austin", "state": "Texas",
    "zip": "78701", "country": "United States", "country_iso2": "US", "email": "ann@example.com",
}  # fmt: skip
ORDER = {
    "billing_address": PLACE, "products": [{"product_id": 1, "quantity": 2}], "payment_method": "Credit Card",
    "status_id": 11,
}  # fmt: skip
RULES = [{"action": {"cart_value": {"discount": {"fixed_amount": "5"}}}}]
ALL_CATEGORIES = {"entity": "categories", "ids": [0]}


def _commerce_document() -> dict[str, Any]:
    document: dict[str, Any] = orjson.loads((fixtures_dir() / "demo.json").read_bytes())
    return document


@pytest.fixture(scope="module")
def demo() -> Store:
    return Store("demo", load_seed("demo"))


@pytest.fixture(scope="module")
def catalog() -> Store:
    return Store("demo", load_seed("demo"))


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"customer_groups": [{"name": "A", "colour": "red"}]},
         "customer_groups[0]: JSON data is missing or invalid colour: is not a field this resource accepts"),
        ({"customer_groups": [{"name": "A"}, {"name": "A"}]},
         "customer_groups[1]: The customer group name is a duplicate. name: A customer group named 'A' already "
         "exists."),
        ({"customers": [{"email": "a@example.com", "first_name": "A", "last_name": "B", "customer_group_id": 4}]},
         "customers[0]: Create customers failed. customer_group_id: The customer group 4 does not exist."),
        ({"customers": [{"email": "a@example.com", "first_name": "A", "last_name": "B"},
                        {"email": "A@example.com", "first_name": "A", "last_name": "B"}]},
         "customers[1]: Create customers failed. email: The email address 'A@example.com' is already in use by "
         "another customer."),
        ({"coupons": [{"name": n, "code": "C1", "type": "per_total_discount", "amount": "5",
                       "applies_to": ALL_CATEGORIES} for n in ("x", "y")]},
         "coupons[1]: The coupon code is a duplicate. code: The code 'C1' is already in use."),
        ({"promotions": [{"name": "P", "redemption_type": "COUPON", "rules": RULES, "coupon_codes": {"code": "X"}}]},
         "promotions[0]: coupon_codes must be an array of promotion code bodies"),
        ({"promotions": [{"name": "P", "redemption_type": "AUTOMATIC", "rules": RULES,
                          "coupon_codes": [{"code": "X"}]}]},
         "promotions[0]: coupon_codes.0: The request payload is invalid. promotion_id: is only for COUPON "
         "promotions"),
        ({"products": [MUG], "orders": [ORDER, ORDER]},
         "orders[1]: The order is invalid. products.0.quantity: There is not enough stock of 'Mug': 1 in stock, "
         "2 ordered."),
        ({"products": [MUG], "orders": [{**ORDER, "customer_id": 7}]},
         "orders[0]: The order is invalid. customer_id: Customer 7 does not exist; use 0 for a guest order."),
        ({"products": [MUG], "orders": [{**ORDER, "status_id": "shipped"}]},
         "orders[0]: JSON data is missing or invalid status_id: must be an integer"),
        ({"products": [MUG], "orders": [{**ORDER, "payment_action": "refund"}]},
         "orders[0]: payment_action must be \"capture\" or \"void\", got 'refund'"),
        ({"products": [MUG], "orders": [{**{k: v for k, v in ORDER.items() if k != "payment_method"},
                                         "payment_action": "void"}]},
         "orders[0]: payment_action: The payment action is invalid. payment_status: Only an authorized payment "
         "can be voided; this one is not authorized."),
        ({"products": [MUG], "orders": [{**ORDER, "shipments": [{"items": [{"line": 1, "quantity": 1}]}]}]},
         "orders[0]: shipments.0: items.0.line must be the position of one of the order's 1 products, from 0, "
         "got 1"),
        ({"products": [MUG], "orders": [{**ORDER, "shipments": [{"items": [{"line": 0, "quantity": 3}]}]}]},
         "orders[0]: shipments.0: The shipment is invalid. items.0.quantity: Line 1 has 2 units left to ship; 3 "
         "cannot be shipped."),
        ({"products": [MUG], "orders": [{**ORDER, "refunds": [
            {"items": [{"item_type": "PRODUCT", "line": 0, "quantity": 1}]}]}]},
         "orders[0]: refunds.0: The refund is invalid. order_id: Order 1 has no captured payment to refund."),
        ({"products": [MUG], "orders": [{**ORDER, "payment_action": "capture", "refunds": [
            {"items": [{"item_type": "PRODUCT", "line": 0, "quantity": 3}]}]}]},
         "orders[0]: refunds.0: The refund is invalid. items.0.quantity: Line 1 has 2 units left to refund."),
        ({"orders": [3]}, "orders[0] must be a JSON object, got 3"),
        ({"orders": {"id": 1}}, "orders must be an array"),
    ],
)  # fmt: skip
def test_bad_commerce_records_are_refused_naming_the_record(document: dict[str, Any], message: str) -> None:
    with pytest.raises(FixtureError) as refused:
        build_seed({"format": FORMAT, **document}, source="shop.json")

    assert str(refused.value) == f"shop.json: {message}"


def test_an_order_record_is_written_as_the_api_writes_it() -> None:
    document = {
        "format": FORMAT, "products": [MUG],
        "customer_groups": [{"name": "Trade"}],
        "customers": [{"email": "ann@example.com", "first_name": "Ann", "last_name": "Lee", "customer_group_id": 1,
                       "date_created": "2026-01-02T03:04:05+00:00"}],
        "orders": [{**ORDER, "customer_id": 1, "date_created": "2026-02-01T10:00:00+00:00",
                    "payment_action": "capture",
                    "shipments": [{"items": [{"line": 0, "quantity": 1}], "date_created": "2026-02-02T10:00:00+00:00"}],
                    "refunds": [{"items": [{"item_type": "PRODUCT", "line": 0, "quantity": 1}],
                                 "date_created": "2026-02-03T10:00:00+00:00"}]}],
    }  # fmt: skip
    store = Store("shop", build_seed(document, source="shop.json"))

    (order,) = store.orders.values()
    (customer,) = store.customers.values()
    (line,) = store.order_products.values()
    (shipment,) = store.order_shipments.values()
    (refund,) = store.order_refunds.values()
    assert (customer.id, customer.customer_group_id, customer.date_created.isoformat()) == (
        1, 1, "2026-01-02T03:04:05+00:00",
    )  # fmt: skip
    assert (order.id, order.customer_id, order.date_created.isoformat()) == (1, 1, "2026-02-01T10:00:00+00:00")
    assert (line.product_id, line.quantity, line.price_inc_tax, line.quantity_shipped) == (1, 2, Decimal("12"), 1)
    assert (shipment.date_created.isoformat(), refund.created.isoformat()) == (
        "2026-02-02T10:00:00+00:00", "2026-02-03T10:00:00+00:00",
    )  # fmt: skip
    assert (order.status_id, order.amount_paid, refund.total_amount, [p.offline for p in refund.payments]) == (
        14, Decimal("24"), Decimal("12.00"), [True],
    )  # fmt: skip
    assert store.products.require(1).inventory_level == 1


# --------------------------------------------------------------------------- the demo store


def test_build_demo_reproduces_demo_commerce_json_byte_for_byte(tmp_path: Path) -> None:
    namespace = runpy.run_path(str(FIXTURES / "build_demo.py"), run_name="build_demo")
    built = namespace["write_demo_commerce"](tmp_path / "commerce.json")

    assert Path(built).read_bytes() == (FIXTURES / "demo.json").read_bytes(), (
        "fixtures/demo.json is stale: rerun `python fixtures/build_demo.py`"
    )


def test_the_demo_catalog_is_the_commerce_store_catalog_before_its_orders() -> None:
    catalog: dict[str, Any] = orjson.loads((fixtures_dir() / "demo.json").read_bytes())
    commerce = _commerce_document()

    def without_stock(product: dict[str, Any]) -> dict[str, Any]:
        variants = [
            {k: v for k, v in variant.items() if k != "inventory_level"} for variant in product.get("variants", [])
        ]
        return {**{k: v for k, v in product.items() if k != "inventory_level"}, "variants": variants}

    assert [without_stock(p) for p in commerce["products"]] == [without_stock(p) for p in catalog["products"]]
    assert {k: v for k, v in commerce.items() if k in catalog and k != "products"} == {
        k: v for k, v in catalog.items() if k != "products"
    }


def test_the_demo_store_has_every_order_status_and_a_year_of_orders(demo: Store) -> None:
    orders = list(demo.orders.values())
    statuses = Counter(order.status_id for order in orders)
    dates = sorted(order.date_created for order in orders)

    assert set(statuses) == set(STATUSES) == set(range(15))
    assert 60 <= len(orders) <= 100
    assert datetime.fromisoformat("2025-11-01T00:00:00+00:00") <= dates[0]
    assert dates[-1] < datetime.fromisoformat("2026-11-01T00:00:00+00:00")
    assert {order.customer_id == 0 for order in orders} == {True, False}
    assert all(order.date_created.isoformat() == record["date_created"]
               for order, record in zip(orders, _commerce_document()["orders"], strict=True))  # fmt: skip


def test_shipped_orders_have_shipments_that_never_exceed_what_was_ordered(demo: Store) -> None:
    shipped: Counter[int] = Counter()
    for shipment in demo.order_shipments.values():
        for item in shipment.items:
            shipped[item.order_product_id] += item.quantity
    lines = list(demo.order_products.values())
    with_shipments = {s.order_id for s in demo.order_shipments.values()}

    assert all(shipped[line.id] == line.quantity_shipped <= line.quantity for line in lines)
    assert {o.id for o in demo.orders.values() if o.status_id in (2, 3)} <= with_shipments
    assert all(
        all(li.quantity_shipped == li.quantity for li in lines if li.order_id == o.id)
        for o in demo.orders.values() if o.status_id == 2
    )  # fmt: skip


def test_refunds_never_exceed_what_was_paid(demo: Store) -> None:
    refunded: Counter[int] = Counter()
    for refund in demo.order_refunds.values():
        refunded[refund.order_id] += refund.total_amount
    orders = list(demo.orders.values())

    assert {o.id for o in orders if o.status_id in (4, 14)} == set(refunded)
    assert all(refunded[o.id] == o.refunded_amount <= o.amount_paid for o in orders)
    assert all(o.refunded_amount == o.amount_paid for o in orders if o.status_id == 4)
    assert all(0 < o.refunded_amount < o.amount_paid for o in orders if o.status_id == 14)


def test_catalog_lines_are_priced_from_the_catalog(demo: Store) -> None:
    lines = list(demo.order_products.values())

    assert lines and all(line.product_id for line in lines)
    assert all(line.price_inc_tax == line.base_price > 0 for line in lines)


def test_tracked_stock_is_the_files_stock_less_what_the_orders_took(demo: Store, catalog: Store) -> None:
    taken: Counter[int] = Counter()
    for line in demo.order_products.values():
        taken[line.variant_id] += line.quantity
    document = _commerce_document()
    listed = {v["id"]: v.get("inventory_level", 0) for p in document["products"] for v in p.get("variants", [])}
    tracked = [p for p in demo.products.values() if p.inventory_tracking != "none"]

    assert sum(taken.values()) > 0
    for product in tracked:
        for variant in demo.variants.values():
            if variant.product_id != product.id:
                continue
            if product.inventory_tracking == "variant":
                assert variant.inventory_level == listed[variant.id] - taken[variant.id]
            # Once the orders are in, the commerce store's stock is the catalog demo's.
            assert variant.inventory_level == catalog.variants.require(variant.id).inventory_level
        if product.inventory_tracking == "product":
            record = next(p for p in document["products"] if p["id"] == product.id)
            assert product.inventory_level == record["inventory_level"] - taken[product.base_variant_id or 0]
        assert product.inventory_level == catalog.products.require(product.id).inventory_level


def test_customers_groups_coupons_and_promotions_are_in_the_demo_store(demo: Store) -> None:
    customers = list(demo.customers.values())
    groups = Counter(c.customer_group_id for c in customers)
    owners = Counter(a.customer_id for a in demo.customer_addresses.values())

    assert len(customers) == 30 and owners == Counter({c.id: 1 for c in customers})
    # Group 1 (Retail) is the default group: who names no group joins it.
    assert set(groups) == {1, 2, 3, 4} and groups[1] < len(customers)
    assert {g.name for g in demo.customer_groups.values()} == {
        "Retail",
        "Wholesale",
        "Interior Designers",
        "Loyalty Club",
    }
    assert {c.code for c in demo.coupons.values()} == {"WELCOME10", "FIVEOFF", "SHIPFREE"}
    assert sorted(p.redemption_type for p in demo.promotions.values()) == ["AUTOMATIC", "COUPON", "COUPON"]
    assert len(demo.promotion_codes) == 4


@pytest.mark.parametrize(
    ("email", "customer_id"),
    [("amelia.ashdown@example.com", 1), ("keiko.greenhalgh@example.com", 11), ("umar.marlowe@example.com", 21)],
)
def test_the_readme_demo_password_opens_the_customers_that_have_one(demo: Store, email: str, customer_id: int) -> None:
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")

    assert f"**`{DEMO_PASSWORD}`**" in readme and f"`{email}`" in readme
    assert customer_service.valid_credentials(demo, email, DEMO_PASSWORD) == customer_id
    assert customer_service.valid_credentials(demo, email, "not-the-password") is None
    assert customer_service.valid_credentials(demo, "bea.lindqvist@example.com", DEMO_PASSWORD) is None


def test_validate_credentials_answers_over_http_on_a_commerce_store() -> None:
    app = create_app(fixtures="demo")
    account = app.state.default_account
    with inprocess_client(app, access_token=account.access_token) as client:
        ok = client.post(f"/stores/{DEFAULT_STORE_HASH}/v3/customers/validate-credentials",
                         json={"email": "amelia.ashdown@example.com", "password": DEMO_PASSWORD})  # fmt: skip
        count = client.get(f"/stores/{DEFAULT_STORE_HASH}/v2/orders/count")

    assert isinstance(client, httpx.Client)
    assert (ok.status_code, ok.json()) == (200, {"customer_id": 1, "is_valid": True})
    assert count.status_code == 200 and count.json()["count"] == 80
