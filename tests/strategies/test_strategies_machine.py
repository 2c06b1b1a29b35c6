"""``BigCommerceStateMachine`` runs: its own rules and invariants, on an empty and a demo
store, and a subclass's hook and rules."""

from __future__ import annotations

from collections import Counter
from typing import Any, ClassVar

from hypothesis import HealthCheck, settings
from hypothesis.stateful import invariant, rule, run_state_machine_as_test

from mockbc.strategies import BigCommerceStateMachine

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
