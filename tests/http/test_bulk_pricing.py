"""v3 product bulk pricing rules, on their own paths and inline on product bodies, through HTTP."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.events import Event

PRODUCTS = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/products"
RULES = f"{PRODUCTS}/77/bulk-pricing-rules"
TYPE = "/api-docs/getting-started/api-status-codes"
INVALID = "JSON data is missing or invalid"
PAYLOAD = "The request payload is invalid."
OVERLAP = "The bulk pricing rule overlaps another."
NEW_PRODUCT = {"name": "Enamel Camp Mug", "type": "physical", "weight": 0.4, "price": 12.5}


def snapshot(store: Store) -> tuple[tuple[Any, ...], ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def rule(low: int, high: int, kind: str = "price", amount: Any = 1) -> dict[str, Any]:
    return {"quantity_min": low, "quantity_max": high, "type": kind, "amount": amount}


def add(client: httpx.Client, low: int, high: int, kind: str = "price", amount: Any = 1, path: str = RULES) -> Any:
    response = client.post(path, json=rule(low, high, kind, amount))
    assert response.status_code == 200, response.text
    return response.json()["data"]


def listed(client: httpx.Client, product_id: int = 77, **params: Any) -> list[dict[str, Any]]:
    response = client.get(f"{PRODUCTS}/{product_id}/bulk-pricing-rules", params=params)
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = response.json()["data"]
    return data


def refused(response: httpx.Response, status: int, title: str, errors: dict[str, str]) -> None:
    assert response.status_code == status, response.text
    assert response.json() == {"status": status, "title": title, "type": TYPE, "errors": errors}


# --- create -------------------------------------------------------------------------


def test_create_bulk_pricing_rule_returns_200_with_the_rule(client: httpx.Client, store: Store) -> None:
    first_new = max(store.seed.bulk_pricing_rules, default=0) + 1  # after the demo's own rules

    response = client.post(RULES, json=rule(2, 9, "percent", 10))

    assert response.status_code == 200
    assert response.json() == {
        "data": {"id": first_new, "quantity_min": 2, "quantity_max": 9, "type": "percent", "amount": 10}, "meta": {},
    }  # fmt: skip


def test_create_bulk_pricing_rule_emits_created(client: httpx.Client, store: Store) -> None:
    events: list[Event] = []
    unsubscribe = store.subscribe(events.append)
    try:
        created = add(client, 1, 5)
    finally:
        unsubscribe()

    assert [(e.resource, e.action, e.id) for e in events] == [("bulk_pricing_rule", "created", created["id"])]


def test_create_bulk_pricing_rule_quantity_max_0_has_no_upper_bound(client: httpx.Client) -> None:
    unbounded = add(client, 10, 0)

    assert unbounded["quantity_max"] == 0
    assert client.post(RULES, json=rule(5000, 6000)).status_code == 409


@pytest.mark.parametrize(("raw", "amount"), [(".10", 0.1), (" 2.5 ", 2.5), ("7", 7.0), (3, 3.0)])
def test_create_bulk_pricing_rule_amount_as_number_or_numeric_string(
    client: httpx.Client, raw: Any, amount: float
) -> None:
    assert add(client, 1, 5, amount=raw)["amount"] == amount


@pytest.mark.parametrize("raw", ["ten", "", "nan", "1e400"])
def test_create_bulk_pricing_rule_non_numeric_amount_returns_422(client: httpx.Client, store: Store, raw: str) -> None:
    before = snapshot(store)

    response = client.post(RULES, json=rule(1, 5, amount=raw))

    refused(response, 422, INVALID, {"amount": f"'{raw}' is not a number"})
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"quantity_max": 5, "type": "price", "amount": 1}, {"quantity_min": "error.path.missing"}),
        ({**rule(1, 5), "type": "bogo"}, {"type": "must be one of: price, percent, fixed"}),
        ({**rule(1, 5), "quantity_min": -1}, {"quantity_min": "must be at least 0"}),
        ({**rule(1, 5), "quantity_max": -1}, {"quantity_max": "must be at least 0"}),
        ({**rule(1, 5), "quantity_min": 1.5}, {"quantity_min": "must be an integer"}),
        ({**rule(1, 5), "amount": None}, {"amount": "must be a number or a string"}),
        ({**rule(1, 5), "amount": True}, {"amount": "must be a number or a string"}),
        ({**rule(1, 5), "amount": {"value": 1}}, {"amount": "must be a number or a string"}),
        ({"quantity_min": 1, "quantity_max": 5, "type": "price"}, {"amount": "error.path.missing"}),
    ],
)
def test_create_bulk_pricing_rule_bad_body_returns_422(
    client: httpx.Client, store: Store, body: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(RULES, json=body)

    refused(response, 422, INVALID, errors)
    assert snapshot(store) == before


@pytest.mark.parametrize(("low", "high"), [(5, 5), (5, 4)])
def test_create_bulk_pricing_rule_max_not_above_min_returns_422(
    client: httpx.Client, store: Store, low: int, high: int
) -> None:
    before = snapshot(store)

    response = client.post(RULES, json=rule(low, high))

    refused(
        response, 422, PAYLOAD, {"quantity_max": f"must be greater than quantity_min ({low}), or 0 for no upper bound"}
    )
    assert snapshot(store) == before


@pytest.mark.parametrize("low", [0, 1])
def test_create_bulk_pricing_rule_fixed_below_2_returns_422(client: httpx.Client, store: Store, low: int) -> None:
    before = snapshot(store)

    response = client.post(RULES, json=rule(low, 10, "fixed", 9.5))

    refused(response, 422, PAYLOAD, {"quantity_min": "must be at least 2 for a fixed rule"})
    assert snapshot(store) == before


def test_create_bulk_pricing_rule_fixed_from_2_is_accepted(client: httpx.Client) -> None:
    assert add(client, 2, 10, "fixed", 9.5)["type"] == "fixed"


@pytest.mark.parametrize(
    ("low", "high", "message"),
    [
        (5, 8, "The quantities overlap bulk pricing rule {first} (1 to 5)."),  # ranges are inclusive
        (0, 0, "The quantities overlap bulk pricing rule {first} (1 to 5)."),
        (2, 3, "The quantities overlap bulk pricing rule {first} (1 to 5)."),
        (20, 30, "The quantities overlap bulk pricing rule {second} (10 and up)."),
    ],
)
def test_create_bulk_pricing_rule_overlapping_a_stored_rule_returns_409(
    client: httpx.Client, store: Store, low: int, high: int, message: str
) -> None:
    first = add(client, 1, 5)["id"]
    second = add(client, 10, 0)["id"]
    before = snapshot(store)

    response = client.post(RULES, json=rule(low, high))

    refused(response, 409, OVERLAP, {"quantity_min": message.format(first=first, second=second)})
    assert snapshot(store) == before


def test_create_bulk_pricing_rule_adjacent_ranges_and_other_products_do_not_overlap(client: httpx.Client) -> None:
    add(client, 1, 5)

    add(client, 6, 9)
    add(client, 1, 5, path=f"{PRODUCTS}/78/bulk-pricing-rules")

    assert [(r["quantity_min"], r["quantity_max"]) for r in listed(client)] == [(1, 5), (6, 9)]


def test_create_bulk_pricing_rule_unknown_product_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(f"{PRODUCTS}/999/bulk-pricing-rules", json=rule(1, 5))

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}
    assert snapshot(store) == before


# --- read ---------------------------------------------------------------------------


def test_get_all_bulk_pricing_rules_lists_the_product_s_rules(client: httpx.Client) -> None:
    first, second = add(client, 1, 5), add(client, 6, 0, "percent", 5)
    add(client, 1, 5, path=f"{PRODUCTS}/78/bulk-pricing-rules")

    response = client.get(RULES)

    assert response.status_code == 200
    assert response.json() == {
        "data": [first, second],
        "meta": {"pagination": {"total": 2, "count": 2, "per_page": 50, "current_page": 1, "total_pages": 1,
                                "links": {"current": "?page=1&limit=50"}}},
    }  # fmt: skip


def test_get_all_bulk_pricing_rules_pages_and_picks_fields(client: httpx.Client) -> None:
    rules = [add(client, 10 * n + 1, 10 * n + 9) for n in range(3)]

    assert listed(client, limit=2, page=2) == [rules[2]]
    assert listed(client, include_fields="type", limit=1) == [{"id": rules[0]["id"], "type": "price"}]
    assert listed(client, exclude_fields="amount,type", limit=1) == [
        {"id": rules[0]["id"], "quantity_min": 1, "quantity_max": 9}
    ]


def test_get_all_bulk_pricing_rules_unknown_product_returns_404(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/999/bulk-pricing-rules")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}


def test_get_bulk_pricing_rule_returns_it(client: httpx.Client) -> None:
    created = add(client, 1, 5)

    response = client.get(f"{RULES}/{created['id']}")

    assert response.status_code == 200
    assert response.json() == {"data": created, "meta": {}}


@pytest.mark.parametrize("where", ["unknown", "other product"])
def test_get_bulk_pricing_rule_unknown_or_of_another_product_returns_404(client: httpx.Client, where: str) -> None:
    other = add(client, 1, 5, path=f"{PRODUCTS}/78/bulk-pricing-rules")
    rule_id = other["id"] if where == "other product" else 999

    response = client.get(f"{RULES}/{rule_id}")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested bulk pricing rule was not found.", "type": TYPE}


# --- update -------------------------------------------------------------------------


def test_update_bulk_pricing_rule_changes_only_what_is_sent(client: httpx.Client, store: Store) -> None:
    created = add(client, 1, 5)
    events: list[Event] = []
    unsubscribe = store.subscribe(events.append)
    try:
        response = client.put(f"{RULES}/{created['id']}", json={"amount": "2.5"})
    finally:
        unsubscribe()

    assert response.status_code == 200
    assert response.json() == {"data": {**created, "amount": 2.5}, "meta": {}}
    assert [(e.resource, e.action, e.id) for e in events] == [("bulk_pricing_rule", "updated", created["id"])]


def test_update_bulk_pricing_rule_may_widen_its_own_range(client: httpx.Client) -> None:
    created = add(client, 3, 5)

    response = client.put(f"{RULES}/{created['id']}", json={"quantity_min": 1, "quantity_max": 8})

    assert response.status_code == 200
    assert (response.json()["data"]["quantity_min"], response.json()["data"]["quantity_max"]) == (1, 8)


def test_update_bulk_pricing_rule_into_another_s_range_returns_409(client: httpx.Client, store: Store) -> None:
    first = add(client, 1, 5)
    second = add(client, 6, 9)
    before = snapshot(store)

    response = client.put(f"{RULES}/{second['id']}", json={"quantity_min": 4})

    refused(
        response, 409, OVERLAP, {"quantity_min": f"The quantities overlap bulk pricing rule {first['id']} (1 to 5)."}
    )
    assert snapshot(store) == before


def test_update_bulk_pricing_rule_max_below_its_min_returns_422(client: httpx.Client, store: Store) -> None:
    created = add(client, 4, 9)
    before = snapshot(store)

    response = client.put(f"{RULES}/{created['id']}", json={"quantity_max": 3})

    refused(response, 422, PAYLOAD, {"quantity_max": "must be greater than quantity_min (4), or 0 for no upper bound"})
    assert snapshot(store) == before


def test_update_bulk_pricing_rule_to_fixed_below_2_returns_422(client: httpx.Client, store: Store) -> None:
    created = add(client, 1, 9)
    before = snapshot(store)

    response = client.put(f"{RULES}/{created['id']}", json={"type": "fixed"})

    refused(response, 422, PAYLOAD, {"quantity_min": "must be at least 2 for a fixed rule"})
    assert snapshot(store) == before


def test_update_bulk_pricing_rule_unknown_id_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{RULES}/999", json={"amount": 2})

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested bulk pricing rule was not found.", "type": TYPE}
    assert snapshot(store) == before


# --- delete -------------------------------------------------------------------------


def test_delete_bulk_pricing_rule_removes_it_and_frees_its_range(client: httpx.Client, store: Store) -> None:
    created = add(client, 1, 5)
    events: list[Event] = []
    unsubscribe = store.subscribe(events.append)
    try:
        response = client.delete(f"{RULES}/{created['id']}")
    finally:
        unsubscribe()

    assert response.status_code == 204
    assert client.get(f"{RULES}/{created['id']}").status_code == 404
    assert [(e.resource, e.action, e.id) for e in events] == [("bulk_pricing_rule", "deleted", created["id"])]
    add(client, 1, 5)


def test_delete_bulk_pricing_rule_unknown_id_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(f"{RULES}/999")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested bulk pricing rule was not found.", "type": TYPE}
    assert snapshot(store) == before


def test_delete_product_deletes_its_bulk_pricing_rules(client: httpx.Client, store: Store) -> None:
    created = add(client, 1, 5)
    kept = add(client, 1, 5, path=f"{PRODUCTS}/78/bulk-pricing-rules")

    assert client.delete(f"{PRODUCTS}/77").status_code == 204

    assert store.bulk_pricing_rules.get(created["id"]) is None
    assert listed(client, 78) == [kept]


# --- inline on products -------------------------------------------------------------


def test_create_product_with_bulk_pricing_rules_stores_them(client: httpx.Client) -> None:
    body = {**NEW_PRODUCT, "bulk_pricing_rules": [rule(1, 4), rule(5, 0, "percent", 10)]}

    response = client.post(PRODUCTS, json=body)

    assert response.status_code == 200, response.text
    product_id = response.json()["data"]["id"]
    assert [(r["quantity_min"], r["quantity_max"], r["type"]) for r in listed(client, product_id)] == [
        (1, 4, "price"), (5, 0, "percent"),
    ]  # fmt: skip


def test_create_product_with_overlapping_bulk_pricing_rules_returns_409_and_creates_nothing(
    client: httpx.Client, store: Store
) -> None:
    before = snapshot(store)
    body = {**NEW_PRODUCT, "bulk_pricing_rules": [rule(1, 4), rule(10, 20), rule(4, 6)]}

    response = client.post(PRODUCTS, json=body)

    refused(
        response, 409, OVERLAP, {"bulk_pricing_rules.2.quantity_min": "The quantities overlap item 0 of this request."}
    )
    assert snapshot(store) == before


def test_create_product_with_an_invalid_bulk_pricing_rule_returns_422_naming_the_item(
    client: httpx.Client, store: Store
) -> None:
    before = snapshot(store)
    body = {**NEW_PRODUCT, "bulk_pricing_rules": [rule(1, 4), rule(9, 6)]}

    response = client.post(PRODUCTS, json=body)

    refused(response, 422, PAYLOAD, {
        "bulk_pricing_rules.1.quantity_max": "must be greater than quantity_min (9), or 0 for no upper bound",
    })  # fmt: skip
    assert snapshot(store) == before


def test_update_product_bulk_pricing_rules_with_id_update_and_without_id_add(client: httpx.Client) -> None:
    kept, changed = add(client, 1, 4), add(client, 5, 9)
    body = {"bulk_pricing_rules": [{**changed, "quantity_max": 19}, rule(20, 0, "percent", 15)]}

    response = client.put(f"{PRODUCTS}/77", json=body)

    assert response.status_code == 200, response.text
    assert listed(client) == [
        kept, {**changed, "quantity_max": 19}, {"id": changed["id"] + 1, **rule(20, 0, "percent", 15)},
    ]  # fmt: skip


def test_update_product_bulk_pricing_rule_overlapping_a_kept_one_returns_409(
    client: httpx.Client, store: Store
) -> None:
    kept = add(client, 1, 4)
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/77", json={"price": 3.0, "bulk_pricing_rules": [rule(3, 8)]})

    refused(response, 409, OVERLAP, {
        "bulk_pricing_rules.0.quantity_min": f"The quantities overlap bulk pricing rule {kept['id']} (1 to 4).",
    })  # fmt: skip
    assert snapshot(store) == before


def test_update_product_bulk_pricing_rules_overlapping_each_other_returns_409(
    client: httpx.Client, store: Store
) -> None:
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/77", json={"bulk_pricing_rules": [rule(1, 0), rule(50, 60)]})

    refused(
        response, 409, OVERLAP, {"bulk_pricing_rules.1.quantity_min": "The quantities overlap item 0 of this request."}
    )
    assert snapshot(store) == before


def test_update_product_bulk_pricing_rules_may_move_ranges_past_each_other(client: httpx.Client) -> None:
    low, high = add(client, 1, 4), add(client, 5, 9)
    body = {"bulk_pricing_rules": [{**low, "quantity_min": 5, "quantity_max": 9}, {**high, "quantity_min": 1,
                                                                                     "quantity_max": 4}]}  # fmt: skip

    response = client.put(f"{PRODUCTS}/77", json=body)

    assert response.status_code == 200, response.text
    assert [(r["id"], r["quantity_min"]) for r in listed(client)] == [(low["id"], 5), (high["id"], 1)]


def test_update_product_bulk_pricing_rule_of_another_product_returns_422(client: httpx.Client, store: Store) -> None:
    other = add(client, 1, 4, path=f"{PRODUCTS}/78/bulk-pricing-rules")
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/77", json={"bulk_pricing_rules": [other]})

    refused(
        response, 422, PAYLOAD, {"bulk_pricing_rules.0.id": f"{other['id']} is not a bulk pricing rule of this product"}
    )
    assert snapshot(store) == before


def test_get_product_include_bulk_pricing_rules_then_put_round_trips(client: httpx.Client) -> None:
    rules = [add(client, 1, 4), add(client, 5, 0, "percent", 5)]
    product = client.get(f"{PRODUCTS}/77", params={"include": "bulk_pricing_rules"}).json()["data"]
    assert product["bulk_pricing_rules"] == rules

    response = client.put(f"{PRODUCTS}/77", json=product)

    assert response.status_code == 200, response.text
    assert listed(client) == rules


def test_get_products_include_bulk_pricing_rules_renders_each_product_s(client: httpx.Client) -> None:
    created = add(client, 1, 4)

    body = client.get(PRODUCTS, params={"include": "bulk_pricing_rules", "id:in": "77,78"}).json()

    assert [(p["id"], p["bulk_pricing_rules"]) for p in body["data"]] == [(77, [created]), (78, [])]


def test_create_product_with_good_custom_fields_and_a_bad_rule_stores_neither(
    client: httpx.Client, store: Store
) -> None:
    before = snapshot(store)
    body = {**NEW_PRODUCT, "custom_fields": [{"name": "ISBN", "value": "1"}], "bulk_pricing_rules": [rule(3, 2)]}

    response = client.post(PRODUCTS, json=body)

    refused(response, 422, PAYLOAD, {
        "bulk_pricing_rules.0.quantity_max": "must be greater than quantity_min (3), or 0 for no upper bound",
    })  # fmt: skip
    assert snapshot(store) == before


def test_update_product_with_a_bad_rule_changes_nothing_else(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/77", json={"price": 1.0, "bulk_pricing_rules": [rule(1, 0, "fixed", 2)]})

    refused(response, 422, PAYLOAD, {"bulk_pricing_rules.0.quantity_min": "must be at least 2 for a fixed rule"})
    assert snapshot(store) == before
