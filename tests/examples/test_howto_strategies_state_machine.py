"""How to run random sequences of catalog changes against your integration.

Subclass ``BigCommerceStateMachine``: it owns an in-process mock (one app per class, store
reset at the start of every run), creates, updates and deletes products, categories and
brands through the v3 API, keeps a model of what should exist (``self.model``) and checks
the mock's listings against it after every step. Add rules that run your integration
against ``self.client`` / ``self.base_url`` and invariants on its result.
"""

from __future__ import annotations

from hypothesis import settings
from hypothesis.stateful import invariant, precondition, rule

from mockbc.strategies import BigCommerceStateMachine


# The code under test: a one-way mirror of product names, refreshed by a full sync.
class NameMirror:
    def __init__(self) -> None:
        self.names: dict[int, str] = {}

    def sync(self, client, base_url: str) -> None:  # type: ignore[no-untyped-def]
        page, names = 1, {}
        while True:
            body = client.get(
                f"{base_url}/catalog/products", params={"page": page, "limit": 250, "include_fields": "name"}
            ).json()
            names.update({p["id"]: p["name"] for p in body["data"]})
            if page >= body["meta"]["pagination"]["total_pages"]:
                break
            page += 1
        self.names = names


class MirrorMachine(BigCommerceStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.mirror = NameMirror()
        self.dirty = False

    def after_change(self, kind: str, action: str, record_id: int) -> None:
        if kind == "product":
            self.dirty = True  # a webhook would tell the integration this

    @rule()
    def sync(self) -> None:
        self.mirror.sync(self.client, self.base_url)
        self.dirty = False

    @precondition(lambda self: not self.dirty)
    @invariant()
    def mirror_matches_the_store(self) -> None:
        assert self.mirror.names == {pid: p.name for pid, p in self.model.products.items()}


MirrorMachine.TestCase.settings = settings(max_examples=10, stateful_step_count=15, deadline=None)
TestMirrorMachine = MirrorMachine.TestCase
