"""bc_customer and bc_order: records made through the API for a test to start from, kept out of
bc_requests and contract mode (they are the test's setup, not the code under test)."""

from __future__ import annotations

import pytest


def test_factories_make_records_through_the_api(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import pytest

        def test_customer(bc_customer, bc_store):
            seeded = sum(1 for _ in bc_store.customers.values())  # the demo store has customers of its own
            ann = bc_customer()
            bob = bc_customer(email="bob@example.com", first_name="Bob", password="Secret-123", company="Acme")
            assert (ann["email"], ann["first_name"], ann["last_name"]) == (f"customer{seeded + 1}@example.com", "Ann", "Lee")
            assert (bob["email"], bob["company"]) == ("bob@example.com", "Acme")
            stored = bc_store.customers.get(bob["id"])
            assert stored.email == "bob@example.com" and stored.password_hash
            with pytest.raises(ValueError, match="refused with 422.*already in use"):
                bc_customer(email="BOB@example.com")

        def test_order_of_catalog_lines_lowers_stock(bc_order, bc_customer, bc_store):
            before = bc_store.products.get(77).inventory_level
            buyer = bc_customer()
            order = bc_order(products=[77, {"product_id": 77, "quantity": 2}], customer_id=buyer["id"], status_id=11)
            assert (order["customer_id"], order["status"], order["items_total"]) == (buyer["id"], "Awaiting Fulfillment", 3)
            assert bc_store.products.get(77).inventory_level == before - 3

        @pytest.mark.mockbc(fixtures="empty")
        def test_default_order_needs_no_catalog(bc_order):
            assert bc_order()["subtotal_inc_tax"] == "10.0000"
            with pytest.raises(ValueError, match="refused with 400"):
                bc_order(products=[999])

        @pytest.mark.mockbc(scopes=["store_v2_orders_read_only"])
        def test_factories_work_whatever_the_test_token_may_do(bc_order, bc_client, bc_store):
            order = bc_order()
            assert bc_client.get(f"/stores/{bc_store.store_hash}/v2/orders/{order['id']}").status_code == 200

        def test_setup_requests_are_not_the_code_under_test(bc_order, bc_client, bc_requests, bc_store):
            bc_order()
            bc_requests.assert_not_called("POST", f"/stores/{bc_store.store_hash}/v2/orders")
            bc_client.get(f"/stores/{bc_store.store_hash}/v2/orders")
            assert len(bc_requests) == 1
        """
    )
    result = inner.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=5)
