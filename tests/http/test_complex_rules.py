"""v3 product complex rules through HTTP."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.events import Event
from mockbc.domain.modifiers import Modifier, ModifierValue

PRODUCTS = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/products"
PRODUCT = 95  # a demo product with option variants
RULES = f"{PRODUCTS}/{PRODUCT}/complex-rules"
TYPE = "/api-docs/getting-started/api-status-codes"
INVALID = "JSON data is missing or invalid"
PAYLOAD = "The request payload is invalid."
INSUFFICIENT = "must name at least two modifier values, or a modifier value and a variant"


def snapshot(store: Store) -> tuple[tuple[Any, ...], ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def modifier(store: Store, product_id: int = PRODUCT, values: int = 2) -> tuple[int, list[int]]:
    """A checkbox-like modifier with ``values`` values on the product: (its id, its value ids)."""
    modifier_id = store.next_id("modifiers")
    value_ids = [store.next_id("modifiers") for _ in range(values)]
    record = Modifier(
        id=modifier_id, product_id=product_id, display_name=f"Gift wrap {modifier_id}", type="radio_buttons",
        option_values=tuple(ModifierValue(id=v, label=f"Value {v}") for v in value_ids),
    )  # fmt: skip
    store.modifiers.put(modifier_id, record)
    return modifier_id, value_ids


def variants(store: Store, product_id: int = PRODUCT) -> list[int]:
    return sorted(store.variants.lookup("product_id", product_id))


def condition(modifier_id: int | None = None, value_id: int | None = None, variant_id: int | None = None) -> Any:
    return {"modifier_id": modifier_id, "modifier_value_id": value_id, "variant_id": variant_id}


def add(client: httpx.Client, path: str = RULES, **fields: Any) -> dict[str, Any]:
    response = client.post(path, json=fields)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def refused(response: httpx.Response, status: int, title: str, errors: dict[str, str]) -> None:
    assert response.status_code == status, response.text
    assert response.json() == {"status": status, "title": title, "type": TYPE, "errors": errors}


# --- create -------------------------------------------------------------------------


def test_create_product_complex_rule_returns_200_with_the_rule(client: httpx.Client, store: Store) -> None:
    mid, (value, _) = modifier(store)
    variant = variants(store)[0]
    sku_id = store.variants.require(variant).sku_id or 0
    seeded = store.seed.complex_rules.values()  # the demo's own rules, whose conditions share the sequence
    first_new = max([*(r.id for r in seeded), *(c.id for r in seeded for c in r.conditions)], default=0) + 1

    response = client.post(RULES, json={
        "conditions": [condition(mid, value, variant)], "price_adjuster": {"adjuster": "relative", "adjuster_value": 8},
    })  # fmt: skip

    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "id": first_new, "product_id": PRODUCT, "sort_order": 0, "enabled": True, "stop": False,
            "purchasing_disabled": False, "purchasing_disabled_message": "", "purchasing_hidden": False,
            "image_url": "", "price_adjuster": {"adjuster": "relative", "adjuster_value": 8}, "weight_adjuster": {},
            "conditions": [{"id": first_new + 1, "rule_id": first_new, "modifier_id": mid, "modifier_value_id": value,
                            "variant_id": variant, "combination_id": sku_id}],
        },
        "meta": {},
    }  # fmt: skip


def test_create_product_complex_rule_keeps_every_field_sent(client: httpx.Client, store: Store) -> None:
    mid, (first, second) = modifier(store)
    fields: dict[str, Any] = {
        "sort_order": -3, "enabled": False, "stop": True, "purchasing_disabled": True,
        "purchasing_disabled_message": "Not in this colour", "purchasing_hidden": True,
        "image_url": "https://example.com/red.png", "weight_adjuster": {"adjuster": "percentage", "adjuster_value": -5},
    }  # fmt: skip

    data = add(client, conditions=[condition(mid, first), condition(mid, second)], **fields)

    assert {k: data[k] for k in fields} == fields
    assert [(c["modifier_value_id"], c["variant_id"]) for c in data["conditions"]] == [(first, 0), (second, 0)]


def test_create_product_complex_rule_emits_created(client: httpx.Client, store: Store) -> None:
    mid, (first, second) = modifier(store)
    events: list[Event] = []
    unsubscribe = store.subscribe(events.append)
    try:
        rule = add(client, conditions=[condition(mid, first), condition(mid, second)])
    finally:
        unsubscribe()

    assert [(e.resource, e.action, e.id) for e in events] == [("complex_rule", "created", rule["id"])]


@pytest.mark.parametrize(
    "conditions",
    [
        [],
        ["one value"],
        ["a variant"],
        ["a variant", "another variant"],
    ],
)
def test_create_product_complex_rule_without_enough_conditions_returns_422(
    client: httpx.Client, store: Store, conditions: list[str]
) -> None:
    mid, (value, _) = modifier(store)
    first, second = variants(store)[:2]
    made = {"one value": condition(mid, value), "a variant": condition(variant_id=first),
            "another variant": condition(variant_id=second)}  # fmt: skip
    before = snapshot(store)

    response = client.post(RULES, json={"conditions": [made[c] for c in conditions]})

    refused(response, 422, PAYLOAD, {"conditions": INSUFFICIENT})
    assert snapshot(store) == before


def test_create_product_complex_rule_without_conditions_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(RULES, json={"enabled": True})

    refused(response, 422, PAYLOAD, {"conditions": INSUFFICIENT})
    assert snapshot(store) == before


def test_create_product_complex_rule_variant_of_another_product_returns_422(client: httpx.Client, store: Store) -> None:
    mid, (value, _) = modifier(store)
    foreign = variants(store, 101)[0]
    before = snapshot(store)

    response = client.post(RULES, json={"conditions": [condition(mid, value), condition(variant_id=foreign)]})

    refused(response, 422, PAYLOAD, {"conditions.1.variant_id": f"{foreign} is not a variant of this product"})
    assert snapshot(store) == before


def test_create_product_complex_rule_modifier_of_another_product_returns_422(
    client: httpx.Client, store: Store
) -> None:
    foreign, (value, _) = modifier(store, 101)
    before = snapshot(store)

    response = client.post(RULES, json={"conditions": [condition(foreign, value, variants(store)[0])]})

    refused(response, 422, PAYLOAD, {"conditions.0.modifier_id": f"{foreign} is not a modifier of this product"})
    assert snapshot(store) == before


def test_create_product_complex_rule_value_of_another_modifier_returns_422(client: httpx.Client, store: Store) -> None:
    mid, _ = modifier(store)
    _, (other_value, _) = modifier(store)
    before = snapshot(store)

    response = client.post(RULES, json={"conditions": [condition(mid, other_value, variants(store)[0])]})

    refused(
        response, 422, PAYLOAD, {"conditions.0.modifier_value_id": f"{other_value} is not a value of modifier {mid}"}
    )
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("broken", "errors"),
    [
        ({"modifier_id": 1}, {"conditions.0.modifier_value_id": "is required when modifier_id is given"}),
        ({"modifier_value_id": 1}, {"conditions.0.modifier_id": "is required when modifier_value_id is given"}),
        ({}, {"conditions.0": "names no modifier value and no variant"}),
        (
            {"modifier_id": 0, "modifier_value_id": 0, "variant_id": 0},
            {"conditions.0": "names no modifier value and no variant"},
        ),
    ],
)
def test_create_product_complex_rule_incomplete_condition_returns_422(
    client: httpx.Client, store: Store, broken: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(RULES, json={"conditions": [broken, condition(variant_id=variants(store)[0])]})

    refused(response, 422, PAYLOAD, errors)
    assert snapshot(store) == before


def test_create_product_complex_rule_repeated_condition_returns_422(client: httpx.Client, store: Store) -> None:
    mid, (value, _) = modifier(store)
    before = snapshot(store)

    response = client.post(RULES, json={"conditions": [condition(mid, value), condition(mid, value)]})

    refused(response, 422, PAYLOAD, {"conditions.1": "repeats another condition of this rule"})
    assert snapshot(store) == before


def test_create_product_complex_rule_with_the_conditions_of_another_returns_409(
    client: httpx.Client, store: Store
) -> None:
    mid, (first, second) = modifier(store)
    existing = add(client, conditions=[condition(mid, first), condition(mid, second)])
    before = snapshot(store)

    # The same conditions in another order are the same rule.
    response = client.post(RULES, json={"conditions": [condition(mid, second), condition(mid, first)]})

    refused(response, 409, "The complex rule is a duplicate.", {
        "conditions": f"Complex rule {existing['id']} of this product has the same conditions.",
    })  # fmt: skip
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"sort_order": 2**31}, {"sort_order": "must be at most 2147483647"}),
        (
            {"purchasing_disabled_message": "m" * 256},
            {"purchasing_disabled_message": "must be at most 255 characters long"},
        ),
        (
            {"price_adjuster": {"adjuster": "double"}},
            {"price_adjuster.adjuster": "must be one of: relative, percentage, None"},
        ),
        ({"conditions": [{"modifier_id": "one"}]}, {"conditions.0.modifier_id": "must be an integer"}),
        ({"conditions": [{"option_id": 1}]}, {"conditions.0.option_id": "is not a field this resource accepts"}),
    ],
)
def test_create_product_complex_rule_bad_body_returns_422(
    client: httpx.Client, store: Store, body: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(RULES, json=body)

    refused(response, 422, INVALID, errors)
    assert snapshot(store) == before


def test_create_product_complex_rule_unknown_product_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(f"{PRODUCTS}/999/complex-rules", json={"conditions": []})

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}
    assert snapshot(store) == before


def test_create_product_complex_rule_takes_modifier_ids_as_given_without_a_modifiers_table(
    client: httpx.Client, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "tables", {name: t for name, t in store.tables.items() if name != "modifiers"})

    rule = add(client, conditions=[condition(5000, 5001), condition(5000, 5002)])

    assert [(c["modifier_id"], c["modifier_value_id"]) for c in rule["conditions"]] == [(5000, 5001), (5000, 5002)]


# --- read ---------------------------------------------------------------------------


def test_get_product_complex_rules_lists_the_product_s_rules(client: httpx.Client, store: Store) -> None:
    mid, (first, second) = modifier(store)
    one = add(client, conditions=[condition(mid, first), condition(mid, second)])
    two = add(client, conditions=[condition(mid, first, variants(store)[0])])

    response = client.get(RULES)

    assert response.status_code == 200
    assert response.json() == {
        "data": [one, two],
        "meta": {"pagination": {"total": 2, "count": 2, "per_page": 50, "current_page": 1, "total_pages": 1,
                                "links": {"current": "?page=1&limit=50"}}},
    }  # fmt: skip


def test_get_product_complex_rules_without_any_is_an_empty_page(client: httpx.Client) -> None:
    response = client.get(RULES)

    assert response.status_code == 200
    assert response.json()["data"] == []


def test_get_product_complex_rules_pages_and_picks_fields(client: httpx.Client, store: Store) -> None:
    mid, values = modifier(store, values=3)
    rules = [add(client, conditions=[condition(mid, v, variant)]) for v in values for variant in variants(store)[:1]]

    listed = client.get(RULES, params={"limit": 2, "page": 2, "include_fields": "enabled"}).json()["data"]

    assert listed == [{"id": rules[2]["id"], "enabled": True}]


def test_get_product_complex_rules_unknown_product_returns_404(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/999/complex-rules")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}


def test_get_product_complex_rule_returns_it(client: httpx.Client, store: Store) -> None:
    mid, (first, second) = modifier(store)
    rule = add(client, conditions=[condition(mid, first), condition(mid, second)])

    response = client.get(f"{RULES}/{rule['id']}", params={"exclude_fields": "conditions"})

    assert response.status_code == 200
    assert response.json() == {"data": {k: v for k, v in rule.items() if k != "conditions"}, "meta": {}}


@pytest.mark.parametrize("where", ["unknown", "other product"])
def test_get_product_complex_rule_unknown_or_of_another_product_returns_404(
    client: httpx.Client, store: Store, where: str
) -> None:
    mid, (first, second) = modifier(store, 101)
    other = add(client, f"{PRODUCTS}/101/complex-rules", conditions=[condition(mid, first), condition(mid, second)])
    rule_id = other["id"] if where == "other product" else 999

    response = client.get(f"{RULES}/{rule_id}")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested complex rule was not found.", "type": TYPE}


# --- update -------------------------------------------------------------------------


def test_update_product_complex_rule_changes_only_what_is_sent(client: httpx.Client, store: Store) -> None:
    mid, (first, second) = modifier(store)
    rule = add(client, conditions=[condition(mid, first), condition(mid, second)])
    events: list[Event] = []
    unsubscribe = store.subscribe(events.append)
    try:
        response = client.put(f"{RULES}/{rule['id']}", json={"stop": True, "price_adjuster": {"adjuster": None}})
    finally:
        unsubscribe()

    assert response.status_code == 200
    assert response.json() == {"data": {**rule, "stop": True, "price_adjuster": {}}, "meta": {}}
    assert [(e.resource, e.action, e.id) for e in events] == [("complex_rule", "updated", rule["id"])]


def test_update_product_complex_rule_conditions_replace_and_kept_ones_keep_their_ids(
    client: httpx.Client, store: Store
) -> None:
    mid, (first, second) = modifier(store)
    variant = variants(store)[0]
    rule = add(client, conditions=[condition(mid, first), condition(mid, second)])
    kept = rule["conditions"][0]

    response = client.put(
        f"{RULES}/{rule['id']}", json={"conditions": [condition(mid, first), condition(variant_id=variant)]}
    )

    assert response.status_code == 200, response.text
    conditions = response.json()["data"]["conditions"]
    assert conditions[0] == kept
    assert (conditions[1]["variant_id"], conditions[1]["modifier_id"]) == (variant, 0)
    assert conditions[1]["id"] not in (c["id"] for c in rule["conditions"])


def test_update_product_complex_rule_get_then_put_round_trips(client: httpx.Client, store: Store) -> None:
    mid, (first, second) = modifier(store)
    rule = add(client, conditions=[condition(mid, first), condition(mid, second, variants(store)[0])])

    response = client.put(f"{RULES}/{rule['id']}", json=rule)

    assert response.status_code == 200, response.text
    assert response.json()["data"] == rule


def test_update_product_complex_rule_to_another_s_conditions_returns_409(client: httpx.Client, store: Store) -> None:
    mid, (first, second) = modifier(store)
    one = add(client, conditions=[condition(mid, first), condition(mid, second)])
    two = add(client, conditions=[condition(mid, first, variants(store)[0])])
    before = snapshot(store)

    response = client.put(f"{RULES}/{two['id']}", json={"conditions": [condition(mid, first), condition(mid, second)]})

    refused(response, 409, "The complex rule is a duplicate.", {
        "conditions": f"Complex rule {one['id']} of this product has the same conditions.",
    })  # fmt: skip
    assert snapshot(store) == before


def test_update_product_complex_rule_insufficient_conditions_returns_422(client: httpx.Client, store: Store) -> None:
    mid, (first, second) = modifier(store)
    rule = add(client, conditions=[condition(mid, first), condition(mid, second)])
    before = snapshot(store)

    response = client.put(f"{RULES}/{rule['id']}", json={"conditions": [condition(mid, first)]})

    refused(response, 422, PAYLOAD, {"conditions": INSUFFICIENT})
    assert snapshot(store) == before


def test_update_product_complex_rule_unknown_id_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{RULES}/999", json={"stop": True})

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested complex rule was not found.", "type": TYPE}
    assert snapshot(store) == before


# --- delete -------------------------------------------------------------------------


def test_delete_product_complex_rule_removes_it(client: httpx.Client, store: Store) -> None:
    mid, (first, second) = modifier(store)
    rule = add(client, conditions=[condition(mid, first), condition(mid, second)])
    events: list[Event] = []
    unsubscribe = store.subscribe(events.append)
    try:
        response = client.delete(f"{RULES}/{rule['id']}")
    finally:
        unsubscribe()

    assert response.status_code == 204
    assert client.get(f"{RULES}/{rule['id']}").status_code == 404
    assert [(e.resource, e.action, e.id) for e in events] == [("complex_rule", "deleted", rule["id"])]


def test_delete_product_complex_rule_unknown_id_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(f"{RULES}/999")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested complex rule was not found.", "type": TYPE}
    assert snapshot(store) == before


def test_delete_variant_deletes_the_complex_rules_naming_it(client: httpx.Client, store: Store) -> None:
    mid, (first, _) = modifier(store)
    doomed_variant, other_variant = variants(store)[:2]
    doomed = add(client, conditions=[condition(mid, first, doomed_variant)])
    kept = add(client, conditions=[condition(mid, first, other_variant)])

    store.delete("variants", [doomed_variant])

    assert [r["id"] for r in client.get(RULES).json()["data"]] == [kept["id"]]
    assert store.complex_rules.get(doomed["id"]) is None


def test_delete_product_deletes_its_complex_rules(client: httpx.Client, store: Store) -> None:
    mid, (first, second) = modifier(store)
    rule = add(client, conditions=[condition(mid, first), condition(mid, second)])

    assert client.delete(f"{PRODUCTS}/{PRODUCT}").status_code == 204

    assert store.complex_rules.get(rule["id"]) is None
    assert store.complex_rules.lookup("product_id", PRODUCT) == set()
