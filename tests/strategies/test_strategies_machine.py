"""``BigCommerceStateMachine`` runs: its own rules and invariants, on an empty and a demo
store, and a subclass's hook and rules."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import invariant, rule, run_state_machine_as_test

from mockbc.strategies import BigCommerceStateMachine, ProductModel

MACHINE_SETTINGS = settings(
    max_examples=25, stateful_step_count=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

BigCommerceStateMachine.TestCase.settings = MACHINE_SETTINGS
TestBigCommerceStateMachine = BigCommerceStateMachine.TestCase


class DemoStoreMachine(BigCommerceStateMachine):
    fixtures = "demo"


DemoStoreMachine.TestCase.settings = settings(MACHINE_SETTINGS, max_examples=10, stateful_step_count=15)
TestDemoStoreMachine = DemoStoreMachine.TestCase


class CountingMachine(BigCommerceStateMachine):
    """A subclass as a user writes one: a hook, an extra rule and an extra invariant."""

    changes: ClassVar[Counter[tuple[str, str]]] = Counter()

    def after_change(self, kind: str, action: str, record_id: int) -> None:
        CountingMachine.changes[(kind, action)] += 1
        assert record_id > 0

    @rule()
    def read_back_through_the_client(self) -> None:
        response = self.client.get(f"{self.base_url}/catalog/products", params={"limit": 1})
        assert response.status_code == 200
        assert response.json()["meta"]["pagination"]["total"] == len(self.model.products)

    @invariant()
    def store_and_model_agree(self) -> None:
        assert len(self.store.products) == len(self.model.products)
        assert self.access_token and self.store_hash in self.base_url


def test_a_subclass_gets_hooks_and_its_own_rules() -> None:
    CountingMachine.changes.clear()
    run_state_machine_as_test(
        CountingMachine,
        settings=settings(MACHINE_SETTINGS, max_examples=15, stateful_step_count=20, derandomize=True, database=None),
    )
    kinds = {kind for kind, _ in CountingMachine.changes}
    actions = {action for _, action in CountingMachine.changes}
    assert len(kinds) >= 2 and "create" in actions, CountingMachine.changes


def test_each_run_starts_from_a_reset_store() -> None:
    first = CountingMachine()
    try:
        first.client.post(f"{first.base_url}/catalog/brands", json={"name": "Leftover"})
        assert len(first.store.brands) == 1
    finally:
        first.teardown()
    second = CountingMachine()
    try:
        assert second.app is first.app  # one app per class
        assert len(second.store.brands) == 0 and second.model.brands == {}
    finally:
        second.teardown()


def test_seeded_records_are_in_the_model() -> None:
    machine: Any = DemoStoreMachine()
    try:
        assert len(machine.model.products) == len(machine.store.products) > 100
        assert len(machine.model.brands) == 9
    finally:
        machine.teardown()


# --------------------------------------------------------------------------- sub-resources and invariants

SUB_RESOURCES = {"variant", "option", "image", "custom_field", "bulk_pricing_rule", "metafield", "order"}


class SubResourceCounter(BigCommerceStateMachine):
    changes: ClassVar[Counter[tuple[str, str]]] = Counter()

    def after_change(self, kind: str, action: str, record_id: int) -> None:
        SubResourceCounter.changes[(kind, action)] += 1


def test_runs_change_every_kind_of_sub_resource() -> None:
    SubResourceCounter.changes.clear()
    run_state_machine_as_test(
        SubResourceCounter,
        settings=settings(MACHINE_SETTINGS, max_examples=30, stateful_step_count=30, derandomize=True, database=None),
    )
    kinds = {kind for kind, _ in SubResourceCounter.changes}
    assert kinds >= SUB_RESOURCES, SubResourceCounter.changes


def test_create_variant_makes_room_with_an_option_when_every_combination_is_taken() -> None:
    machine: Any = CountingMachine()
    try:
        body = {
            "name": "Tee", "type": "physical", "weight": 1, "price": 5,
            "variants": [{"sku": f"T-{size}", "option_values": [{"option_display_name": "Size", "label": size}]}
                         for size in ("S", "M")],
        }  # fmt: skip
        product_id = machine.client.post(f"{machine.base_url}/catalog/products", json=body).json()["data"]["id"]
        machine.model.products[product_id] = ProductModel("Tee", "", 0, ())
        machine._learn_product(product_id)
        made: list[Any] = []

        @settings(max_examples=1, database=None, deadline=None)
        @given(st.data())
        def run(data: st.DataObject) -> None:
            made.append(machine.create_variant(product_id, data))

        run()
        (pair,) = made
        assert pair[0] == product_id and machine.store.variants.get(pair[1]) is not None
        assert len(machine.store.options.lookup("product_id", product_id)) == 2
        machine.listings_match_the_model()
    finally:
        machine.teardown()


def test_the_seeded_sub_resources_are_in_the_model() -> None:
    machine: Any = DemoStoreMachine()
    try:
        model, store = machine.model, machine.store
        assert set(model.variants) == {v.id for v in store.variants.values()}
        assert set(model.options) == {o.id for o in store.options.values()}
        assert set(model.custom_fields) == {f.id for f in store.custom_fields.values()}
        assert set(model.bulk_pricing_rules) == {r.id for r in store.bulk_pricing_rules.values()}
        assert all(
            m.owner_client_id == machine.client_id
            for m in store.product_metafields.values()
            if m.id in model.metafields
        )
    finally:
        machine.teardown()


class SeededDeletes(BigCommerceStateMachine):
    fixtures = "catalog"
    deleted: ClassVar[set[tuple[str, int]]] = set()

    def after_change(self, kind: str, action: str, record_id: int) -> None:
        if action == "delete":
            SeededDeletes.deleted.add((kind, record_id))


def test_seeded_sub_resources_can_be_deleted_by_the_machine() -> None:
    # The seeded bundles hold every seeded image, custom field and bulk pricing rule, and the
    # machine's delete rules take them: checked rule by rule, not by hoping a random run of the
    # machine happens to draw each kind (which kinds one does draw varies with the process).
    machine = SeededDeletes()
    try:
        seed = machine.store.seed
        cases = (
            ("image", machine.seeded_images, machine.delete_image, set(seed.product_images)),
            ("custom_field", machine.seeded_custom_fields, machine.delete_custom_field, set(seed.custom_fields)),
            ("bulk_pricing_rule", machine.seeded_bulk_pricing_rules, machine.delete_bulk_pricing_rule,
             set(seed.bulk_pricing_rules)),
        )  # fmt: skip
        SeededDeletes.deleted.clear()
        for kind, seeded_bundle, delete, seeded_ids in cases:
            pairs = list(seeded_bundle().values)
            assert seeded_ids and {record_id for _, record_id in pairs} == seeded_ids, kind
            product_id, record_id = pairs[0]
            delete((product_id, record_id))
            assert (kind, record_id) in SeededDeletes.deleted, kind
        machine.listings_match_the_model()
    finally:
        machine.teardown()


def _machine_with_product() -> tuple[Any, int]:
    machine: Any = CountingMachine()
    response = machine.client.post(
        f"{machine.base_url}/catalog/products",
        json={"name": "Mug", "type": "physical", "weight": 1, "price": 1, "sku": "MUG"},
    )
    product_id = response.json()["data"]["id"]
    machine.model.products[product_id] = ProductModel("Mug", "MUG", 0, ())
    machine._learn_product(product_id)
    return machine, product_id


def test_the_sku_invariant_fails_on_a_variant_repeating_another_products_sku() -> None:
    machine, _ = _machine_with_product()
    try:
        machine.skus_are_unique_ignoring_case()
        other = machine.client.post(
            f"{machine.base_url}/catalog/products", json={"name": "Cup", "type": "physical", "weight": 1, "price": 1}
        ).json()["data"]
        base = machine.store.variants.require(other["base_variant_id"])
        machine.store.variants.put(base.id, replace(base, sku="mug"))  # behind the API's back
        with pytest.raises(AssertionError):
            machine.skus_are_unique_ignoring_case()
    finally:
        machine.teardown()


def test_the_bulk_pricing_invariant_fails_on_overlapping_rules() -> None:
    machine, product_id = _machine_with_product()
    try:
        for low, high in ((1, 5), (6, 0)):
            rule = {"quantity_min": low, "quantity_max": high, "type": "price", "amount": 1}
            created = machine.client.post(
                f"{machine.base_url}/catalog/products/{product_id}/bulk-pricing-rules", json=rule
            )
            machine.model.bulk_pricing_rules[created.json()["data"]["id"]] = (product_id, low, high)
        machine.bulk_pricing_rules_never_overlap()
        rule_id = max(machine.model.bulk_pricing_rules)
        stored = machine.store.bulk_pricing_rules.require(rule_id)
        machine.store.bulk_pricing_rules.put(rule_id, replace(stored, quantity_min=5))
        machine.model.bulk_pricing_rules[rule_id] = (product_id, 5, 0)
        with pytest.raises(AssertionError):
            machine.bulk_pricing_rules_never_overlap()
    finally:
        machine.teardown()


def test_the_cascade_invariant_fails_when_a_deleted_products_records_stay() -> None:
    machine, product_id = _machine_with_product()
    try:
        machine.client.post(
            f"{machine.base_url}/catalog/products/{product_id}/custom-fields", json={"name": "a", "value": "b"}
        )
        machine.model.deleted_products.add(product_id)  # the model says deleted; the store still holds it
        with pytest.raises(AssertionError):
            machine.deleted_products_leave_no_sub_resources()
        machine.client.delete(f"{machine.base_url}/catalog/products/{product_id}")
        machine.deleted_products_leave_no_sub_resources()
    finally:
        machine.teardown()


def test_delete_option_takes_its_variants_and_gives_the_product_a_base_variant_back() -> None:
    machine: Any = CountingMachine()
    try:
        body = {
            "name": "Cap", "type": "physical", "weight": 1, "price": 5,
            "variants": [{"sku": "CAP-RED", "option_values": [{"option_display_name": "Colour", "label": "Red"}]}],
        }  # fmt: skip
        product_id = machine.client.post(f"{machine.base_url}/catalog/products", json=body).json()["data"]["id"]
        machine.model.products[product_id] = ProductModel("Cap", "", 0, ())
        machine._learn_product(product_id)
        (option_id,) = machine.store.options.lookup("product_id", product_id)

        machine.delete_option((product_id, option_id))

        variants = [v for v in machine.store.variants.values() if v.product_id == product_id]
        assert [v.option_values for v in variants] == [()]  # the base variant, nothing else
        assert ("option", "delete") in CountingMachine.changes
        machine.listings_match_the_model()
    finally:
        machine.teardown()


def test_order_rules_capture_refund_and_archive_and_the_invariants_catch_tampering() -> None:
    machine: Any = DemoStoreMachine()
    try:
        made: list[int] = []

        @settings(max_examples=5, database=None, deadline=None, derandomize=True)
        @given(st.data())
        def run(data: st.DataObject) -> None:
            order_id = machine.place_order(data)
            if machine.model.orders[order_id].total and not made:
                machine.capture_payment(order_id)
                machine.capture_payment(order_id)  # a second capture is refused
                machine.refund_payment(order_id, data)
                made.append(order_id)

        run()
        (order_id,) = made
        expected = machine.model.orders[order_id]
        assert expected.captured and expected.refunded > 0
        machine.orders_keep_their_totals_and_refunds()
        stored = machine.store.orders.require(order_id)
        machine.store.orders.put(order_id, replace(stored, refunded_amount=stored.total_inc_tax + 1))  # behind the API
        with pytest.raises(AssertionError):
            machine.orders_keep_their_totals_and_refunds()
        machine.store.orders.put(order_id, stored)
        machine.archive_order(order_id)
        assert machine.store.orders.require(order_id).is_deleted
        machine.orders_keep_their_totals_and_refunds()
    finally:
        machine.teardown()
