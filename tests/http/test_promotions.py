"""v3 promotions and their coupon codes through HTTP (upstream promotions.v3.yml): the ``{"errors": [{status,
title}]}`` error shape, the bulk deletes' ``meta``, codes unique across the store, and codegen for bulk coupons."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.clock import FrozenClock
from mockbc.domain.coupons import AppliesTo
from mockbc.domain.errors import Invalid
from mockbc.http.app import MockApp
from mockbc.http.inprocess import InProcessTransport
from mockbc.services import coupons as coupons_service
from mockbc.services import promotions as promotions_service

PROMOTIONS = f"/stores/{DEFAULT_STORE_HASH}/v3/promotions"
V2_COUPONS = f"/stores/{DEFAULT_STORE_HASH}/v2/coupons"
NOW = datetime(2024, 5, 14, 9, 0, tzinfo=UTC)
TYPE = "/api-docs/getting-started/api-status-codes"
RULES = [{"action": {"cart_value": {"discount": {"fixed_amount": "5"}}}, "apply_once": True}]
AUTOMATIC = {"name": "Five off", "redemption_type": "AUTOMATIC", "rules": RULES}
AUTOMATIC_V3 = {
    "id": 1, "redemption_type": "AUTOMATIC", "name": "Five off", "display_name": "", "created_from": "api",
    "channels": [], "customer": {"group_ids": [], "minimum_order_count": 0, "excluded_group_ids": []},
    "rules": RULES, "current_uses": 0, "status": "ENABLED", "start_date": "2024-05-14T09:00:00+00:00", "stop": False,
    "can_be_used_with_other_promotions": True, "currency_code": "*", "notifications": [],
}  # fmt: skip
COUPON_FIELDS = {
    "coupon_type": "SINGLE", "coupon_overrides_other_promotions": False,
    "coupon_overrides_automatic_when_offering_higher_discounts": False, "multiple_codes": {"has_multiple_codes": False},
}  # fmt: skip


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def errors(status: int, *titles: str) -> dict[str, object]:
    return {"errors": [{"status": status, "title": title} for title in titles]}


def bulk(title: str, total: int, **extra: object) -> dict[str, object]:
    return {
        "errors": [{"status": 422, "title": title, "type": TYPE, **extra}],
        "meta": {"total": total, "success": 0, "failed": total},
    }


def data_ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["data"]]


@pytest.fixture
def frozen(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setattr(store, "clock", FrozenClock(NOW))
    return store


def create(client: httpx.Client, **fields: Any) -> dict[str, Any]:
    response = client.post(PROMOTIONS, json={**AUTOMATIC, **fields})
    assert response.status_code == 201, response.text
    made: dict[str, Any] = response.json()["data"]
    return made


def coupon(client: httpx.Client, name: str, code: str | None = None, **fields: Any) -> int:
    body: dict[str, Any] = {"name": name, "redemption_type": "COUPON", **fields}
    if code is not None:
        body["codes"] = {"code": code}
    return int(create(client, **body)["id"])


def bulk_coupon(client: httpx.Client, name: str = "Bulk") -> int:
    return coupon(client, name, coupon_type="BULK")


# --------------------------------------------------------------------------- createPromotion


def test_createPromotion_automatic_returns_201_with_its_defaults(client: httpx.Client, frozen: Store) -> None:
    response = client.post(PROMOTIONS, json=AUTOMATIC)

    assert response.status_code == 201
    assert response.json() == {"data": AUTOMATIC_V3, "meta": {}}


def test_createPromotion_keeps_every_field_it_is_sent(client: httpx.Client, frozen: Store) -> None:
    body = {
        **AUTOMATIC, "display_name": "Save $5", "channels": [{"id": 1}, {"id": 2}],
        "customer": {"group_ids": [1, 2], "minimum_order_count": 1},
        "rules": [{"action": {"shipping": {"free_shipping": True, "zone_ids": "*"}},
                   "condition": {"cart": {"minimum_spend": "50"}}, "stop": True}],
        "max_uses": 10, "status": "DISABLED", "start_date": "2024-06-01T00:00:00Z",
        "end_date": "2024-07-01T00:00:00+02:00", "stop": True, "can_be_used_with_other_promotions": False,
        "currency_code": "USD",
        "notifications": [{"content": "Free shipping!", "type": "APPLIED", "locations": ["CART_PAGE"]}],
        "shipping_address": {"countries": [{"iso2_country_code": "US"}]},
        "schedule": {"week_frequency": 1, "week_days": ["Monday"], "daily_start_time": "01:00:00",
                     "daily_end_time": "23:00:00"},
    }  # fmt: skip

    response = client.post(PROMOTIONS, json=body)

    assert response.status_code == 201
    assert response.json()["data"] == {
        **AUTOMATIC_V3, "display_name": "Save $5", "channels": [{"id": 1}, {"id": 2}],
        "customer": {"group_ids": [1, 2], "minimum_order_count": 1, "excluded_group_ids": []},
        "rules": body["rules"], "max_uses": 10, "status": "DISABLED", "start_date": "2024-06-01T00:00:00+00:00",
        "end_date": "2024-06-30T22:00:00+00:00", "stop": True, "can_be_used_with_other_promotions": False,
        "currency_code": "USD", "notifications": body["notifications"], "shipping_address": body["shipping_address"],
        "schedule": body["schedule"],
    }  # fmt: skip


def test_createPromotion_single_coupon_with_its_code(client: httpx.Client, frozen: Store) -> None:
    response = client.post(
        PROMOTIONS, json={**AUTOMATIC, "redemption_type": "COUPON", "codes": {"code": "SAVE5", "max_uses": 3}}
    )

    assert response.status_code == 201
    assert response.json()["data"] == {
        **AUTOMATIC_V3, "redemption_type": "COUPON", **COUPON_FIELDS,
        "codes": {"id": 1, "code": "SAVE5", "current_uses": 0, "max_uses": 3, "max_uses_per_customer": 0,
                  "created": "2024-05-14T09:00:00+00:00"},
    }  # fmt: skip


def test_createPromotion_bulk_coupon_without_codes(client: httpx.Client, frozen: Store) -> None:
    response = client.post(PROMOTIONS, json={**AUTOMATIC, "redemption_type": "COUPON", "coupon_type": "BULK"})

    assert response.status_code == 201
    assert response.json()["data"] == {**AUTOMATIC_V3, "redemption_type": "COUPON", **COUPON_FIELDS,
                                       "coupon_type": "BULK"}  # fmt: skip


@pytest.mark.parametrize(
    ("body", "titles"),
    [
        ({"name": "x"}, ["The required field 'redemption_type' was not supplied.",
                         "The required field 'rules' was not supplied."]),
        ({**AUTOMATIC, "redemption_type": "automatic"}, [
            "The field 'redemption_type' is invalid: must be one of: AUTOMATIC, COUPON."]),
        ({**AUTOMATIC, "rules": []}, ["The field 'rules' is invalid: must have at least 1 items."]),
        ({**AUTOMATIC, "rules": [{"apply_once": True}]}, ["The required field 'rules.0.action' was not supplied."]),
        ({**AUTOMATIC, "rules": [{"action": {}}]}, [
            "The field 'rules.0.action' is invalid: must name exactly one of cart_value, cart_items, gift_item, "
            "fixed_price_set and shipping."]),
        ({**AUTOMATIC, "rules": [{"action": {"cart_value": {}, "shipping": {}}}]}, [
            "The field 'rules.0.action' is invalid: must name exactly one of cart_value, cart_items, gift_item, "
            "fixed_price_set and shipping."]),
        ({**AUTOMATIC, "coupon_type": "BULK"}, ["The field 'coupon_type' is invalid: is only for COUPON promotions."]),
        ({**AUTOMATIC, "codes": {"code": "X"}}, ["The field 'codes' is invalid: is only for COUPON promotions."]),
        ({**AUTOMATIC, "status": "INVALID"}, [
            "The field 'status' is invalid: must be ENABLED or DISABLED; INVALID is set by the store."]),
        ({**AUTOMATIC, "status": "PAUSED"}, [
            "The field 'status' is invalid: must be one of: ENABLED, DISABLED, INVALID."]),
        ({**AUTOMATIC, "start_date": "2024-06-01T00:00:00Z", "end_date": "2024-05-01T00:00:00Z"}, [
            "The field 'end_date' is invalid: must be after start_date."]),
        ({**AUTOMATIC, "start_date": "soon"}, ["The field 'start_date' is invalid: must be an ISO 8601 date-time."]),
        ({**AUTOMATIC, "end_date": "0001-01-01T00:00:00+01:00"}, [
            "The field 'end_date' is invalid: must be an ISO 8601 date-time."]),
        ({**AUTOMATIC, "customer": {"group_ids": [1], "excluded_group_ids": [2]}}, [
            "The field 'customer' is invalid: give group_ids or excluded_group_ids, not both."]),
        ({**AUTOMATIC, "currency_code": "usd"}, [
            "The field 'currency_code' is invalid: must be a three-letter ISO 4217 code, or * for every currency."]),
        ({**AUTOMATIC, "coupon_overrides_other_promotions": True}, [
            "The field 'coupon_overrides_other_promotions' is invalid: is only for COUPON promotions."]),
        ({**AUTOMATIC, "redemption_type": "COUPON", "coupon_overrides_other_promotions": True}, [
            "The field 'coupon_overrides_other_promotions' is invalid: can be true only when "
            "can_be_used_with_other_promotions is false."]),
        ({**AUTOMATIC, "redemption_type": "COUPON", "coupon_type": "BULK", "codes": {"code": "X"}}, [
            "A BULK coupon promotion gets its codes from codegen, not from codes."]),
        ({**AUTOMATIC, "redemption_type": "COUPON", "codes": {"code": "no!"}}, [
            "The field 'codes.code' is invalid: may contain only letters, digits, spaces, underscores and hyphens."]),
        ({**AUTOMATIC, "channels": [1]}, ["The field 'channels.0' is invalid: must be an object."]),
        ({**AUTOMATIC, "current_uses": 4}, ["The field 'current_uses' is invalid: is not a field this resource "
                                            "accepts."]),
    ],
)  # fmt: skip
def test_createPromotion_invalid_returns_422_and_changes_nothing(
    client: httpx.Client, store: Store, body: dict[str, Any], titles: list[str]
) -> None:
    before = snapshot(store)

    response = client.post(PROMOTIONS, json=body)

    assert response.status_code == 422
    assert response.json() == errors(422, *titles)
    assert snapshot(store) == before


VALID_RULES = [
    {"action": {"cart_value": {"discount": {"percentage_amount": "10"}, "maximum_allowed_discount_amount": "20"}},
     "condition": {"cart": {"items": {"brands": [1, 2]}, "minimum_spend": "12.95", "minimum_quantity": 1}}},
    {"action": {"cart_items": {"discount": {"fixed_amount": "5"}, "as_total": True, "strategy": "LEAST_EXPENSIVE",
                               "items": {"and": [{"categories": [3]}, {"not": {"products": [7]}}]}, "quantity": 2}}},
    {"action": {"gift_item": {"quantity": 1, "product_id": 5}},
     "condition": {"and": [{"cart": {"minimum_spend": "50"}}, {"cart": {"minimum_quantity": 2, "items": {
         "or": [{"variants": [1]}, {"products": [2]}]}}}]}},
    {"action": {"fixed_price_set": {"quantity": 3, "fixed_price": "20.00", "items": {
        "product_custom_field": {"name": "material", "values": ["cotton"]}}}}},
    {"action": {"shipping": {"free_shipping": True, "zone_ids": [1, 2]}}, "apply_once": False, "stop": True},
    {"action": {"cart_items": {"discount": {"fixed_amount": "1"}, "items": {
        "product_option": {"name": "Size", "type": "string_match", "values": ["L"]}}}}},
]  # fmt: skip


def test_createPromotion_keeps_rules_of_every_kind(client: httpx.Client) -> None:
    response = client.post(PROMOTIONS, json={**AUTOMATIC, "rules": VALID_RULES})

    assert response.status_code == 201
    assert response.json()["data"]["rules"] == VALID_RULES


def rule(action: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {**AUTOMATIC, "rules": [{"action": action, **extra}]}


@pytest.mark.parametrize(
    ("body", "titles"),
    [
        (rule({"cart_value": {}}), ["The required field 'rules.0.action.cart_value.discount' was not supplied."]),
        (rule({"cart_value": {"discount": {"fixed_amount": "five"}}}), [
            "The field 'rules.0.action.cart_value.discount' is invalid: must give one of fixed_amount and "
            "percentage_amount, as a decimal string."]),
        (rule({"cart_value": {"discount": {"fixed_amount": "5", "percentage_amount": "5"}}}), [
            "The field 'rules.0.action.cart_value.discount' is invalid: must give one of fixed_amount and "
            "percentage_amount, as a decimal string."]),
        (rule({"cart_value": []}), ["The field 'rules.0.action.cart_value' is invalid: must be an object."]),
        (rule({"cart_value": {"discount": {"fixed_amount": "5"}, "bonus": 1}}), [
            "The field 'rules.0.action.cart_value.bonus' is invalid: is not a field this resource accepts."]),
        (rule({"gift_item": {"product_id": 1}}), [
            "The required field 'rules.0.action.gift_item.quantity' was not supplied."]),
        (rule({"gift_item": {"quantity": "1"}}), [
            "The field 'rules.0.action.gift_item.quantity' is invalid: must be an integer."]),
        (rule({"fixed_price_set": {"quantity": 1, "fixed_price": 5}}), [
            "The field 'rules.0.action.fixed_price_set.fixed_price' is invalid: must be a decimal string such as 5 "
            "or 12.50."]),
        (rule({"cart_items": {"discount": {"fixed_amount": "5"}, "strategy": "CHEAPEST"}}), [
            "The field 'rules.0.action.cart_items.strategy' is invalid: must be one of: LEAST_EXPENSIVE, "
            "LEAST_EXPENSIVE_ONLY, MOST_EXPENSIVE, MOST_EXPENSIVE_ONLY."]),
        (rule({"cart_items": {"discount": {"fixed_amount": "5"}, "items": {"brands": [1], "products": [2]}}}), [
            "The field 'rules.0.action.cart_items.items' is invalid: must name brands, categories, products, "
            "variants, a product_option or a product_custom_field, or combine them with and, or and not (at most "
            "three levels)."]),
        (rule({"cart_items": {"discount": {"fixed_amount": "5"}, "items": {"not": {"not": {"not": {"not": {"brands": [1]}}}}}}}), [
            "The field 'rules.0.action.cart_items.items.not.not.not' is invalid: must name brands, categories, "
            "products, variants, a product_option or a product_custom_field, or combine them with and, or and not "
            "(at most three levels)."]),
        (rule({"shipping": {"free_shipping": True}}), [
            "The required field 'rules.0.action.shipping.zone_ids' was not supplied."]),
        (rule({"shipping": {"zone_ids": [1, 1]}}), [
            "The field 'rules.0.action.shipping.zone_ids' is invalid: must be * or a list of distinct shipping zone "
            "ids."]),
        (rule({"shipping": {"zone_ids": "*"}}, condition={"cart": {}, "and": []}), [
            "The field 'rules.0.condition' is invalid: must be a cart condition, or an and of cart conditions."]),
        (rule({"shipping": {"zone_ids": "*"}}, condition={"and": [{"and": []}]}), [
            "The field 'rules.0.condition.and.0' is invalid: must be a cart condition, or an and of cart conditions."]),
        (rule({"shipping": {"zone_ids": "*"}}, condition={"cart": {"minimum_spend": "-1", "minimum_quantity": 1.5}}), [
            "The field 'rules.0.condition.cart.minimum_spend' is invalid: must be a decimal string such as 5 or "
            "12.50.",
            "The field 'rules.0.condition.cart.minimum_quantity' is invalid: must be an integer."]),
        (rule({"shipping": {"zone_ids": "*"}}, condition={"cart": {"items": {"brands": [1]}}}), [
            "The field 'rules.0.condition.cart.items' is invalid: needs minimum_quantity or minimum_spend beside it."]),
    ],
)  # fmt: skip
def test_createPromotion_broken_rule_returns_422_and_changes_nothing(
    client: httpx.Client, store: Store, body: dict[str, Any], titles: list[str]
) -> None:
    before = snapshot(store)

    response = client.post(PROMOTIONS, json=body)

    assert response.status_code == 422
    assert response.json() == errors(422, *titles)
    assert snapshot(store) == before


def test_createPromotion_coupon_may_override_others_when_it_cannot_combine(client: httpx.Client) -> None:
    made = create(
        client, redemption_type="COUPON", can_be_used_with_other_promotions=False,
        coupon_overrides_other_promotions=True,
    )  # fmt: skip

    assert (made["coupon_overrides_other_promotions"], made["can_be_used_with_other_promotions"]) == (True, False)


def test_createPromotion_code_of_a_legacy_coupon_returns_409(client: httpx.Client, store: Store) -> None:
    coupons_service.create(
        store, {"name": "Old", "code": "SAVE5", "type": "free_shipping", "amount": 0.0,
                "applies_to": AppliesTo("categories", (0,))},
    )  # fmt: skip
    before = snapshot(store)

    response = client.post(PROMOTIONS, json={**AUTOMATIC, "redemption_type": "COUPON", "codes": {"code": "save5"}})

    assert response.status_code == 409
    assert response.json() == errors(409, "The code 'save5' is already in use.")
    assert snapshot(store) == before


def test_createPromotion_malformed_json_returns_400(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PROMOTIONS, content=b"{", headers={"Content-Type": "application/json"})

    assert response.status_code == 400
    assert response.json() == errors(400, "Input is invalid")
    assert snapshot(store) == before


def test_createPromotion_read_only_token_returns_403(scoped_client: Any, store: Store) -> None:
    reader = scoped_client(["store_v2_marketing_read_only"])
    before = snapshot(store)

    response = reader.post(PROMOTIONS, json=AUTOMATIC)

    assert response.status_code == 403
    assert response.json() == errors(
        403, "Missing scope - the v3 Auth token is valid but does not have proper permissions to access this endpoint."
    )
    assert snapshot(store) == before
    assert reader.get(PROMOTIONS).status_code == 200


# --------------------------------------------------------------------------- getPromotions, getPromotion


@pytest.fixture
def four(client: httpx.Client, frozen: Store) -> None:
    """1 AUTOMATIC Banana (USD, channel 1), 2 COUPON apple (code APPLE-1), 3 AUTOMATIC Cherry (disabled,
    every channel), 4 COUPON Date bulk (channel 2)."""
    create(client, name="Banana", currency_code="USD", channels=[{"id": 1}], start_date="2024-03-01T00:00:00Z")
    coupon(client, "apple", "APPLE-1", start_date="2024-01-01T00:00:00Z")
    create(client, name="Cherry", status="DISABLED", start_date="2024-02-01T00:00:00Z")
    coupon(client, "Date", coupon_type="BULK", channels=[{"id": 2}], start_date="2024-04-01T00:00:00Z")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, [1, 2, 3, 4]),
        ({"id": 3}, [3]),
        ({"name": "APPLE"}, [2]),
        ({"query": "an"}, [1]),
        ({"code": "apple-1"}, [2]),
        ({"currency_code": "USD"}, [1]),
        ({"redemption_type": "coupon"}, [2, 4]),
        ({"redemption_type": "automatic"}, [1, 3]),
        ({"status": "DISABLED"}, [3]),
        ({"status": "disabled"}, [3]),
        ({"channels": "2"}, [2, 3, 4]),
        ({"channels": "1,2"}, [1, 2, 3, 4]),
        ({"sort": "name"}, [2, 1, 3, 4]),
        ({"sort": "name", "direction": "desc"}, [4, 3, 1, 2]),
        ({"sort": "start_date"}, [2, 3, 1, 4]),
        ({"sort": "priority", "direction": "desc"}, [4, 3, 2, 1]),
        ({"limit": 2, "page": 2}, [3, 4]),
        ({"name": "nothing"}, []),
    ],
)
def test_getPromotions_filters_sorts_and_pages(
    client: httpx.Client, four: None, params: dict[str, Any], expected: list[int]
) -> None:
    assert data_ids(client.get(PROMOTIONS, params=params)) == expected


def test_getPromotions_channels_follow_an_update(client: httpx.Client, four: None) -> None:
    client.put(f"{PROMOTIONS}/1", json={"channels": [{"id": 2}]})
    client.put(f"{PROMOTIONS}/3", json={"channels": [{"id": 3}]})

    assert data_ids(client.get(PROMOTIONS, params={"channels": "1"})) == [2]
    assert data_ids(client.get(PROMOTIONS, params={"channels": "2"})) == [1, 2, 4]


def test_getPromotions_pagination_meta(client: httpx.Client, four: None) -> None:
    meta = client.get(PROMOTIONS, params={"limit": 1, "page": 2}).json()["meta"]

    assert meta == {"pagination": {
        "total": 4, "count": 1, "per_page": 1, "current_page": 2, "total_pages": 4,
        "links": {"current": "?page=2&limit=1", "previous": "?page=1&limit=1", "next": "?page=3&limit=1"},
    }}  # fmt: skip


@pytest.mark.parametrize(
    ("params", "status", "title"),
    [
        ({"id": "x"}, 422, "The filter 'id' is invalid: 'x' is not an integer."),
        ({"page": "0"}, 422, "The filter 'page' is invalid: must be at least 1."),
        ({"limit": "251"}, 413, "The limit is too high. The maximum limit is 250."),
    ],
)
def test_getPromotions_bad_query(
    client: httpx.Client, four: None, params: dict[str, Any], status: int, title: str
) -> None:
    response = client.get(PROMOTIONS, params=params)

    assert response.status_code == status
    assert response.json() == errors(status, title)


def test_getPromotion_returns_it(client: httpx.Client, frozen: Store) -> None:
    create(client)

    response = client.get(f"{PROMOTIONS}/1")

    assert response.status_code == 200
    assert response.json() == {"data": AUTOMATIC_V3, "meta": {}}


def test_getPromotion_unknown_id_returns_404(client: httpx.Client) -> None:
    response = client.get(f"{PROMOTIONS}/99")

    assert response.status_code == 404
    assert response.json() == errors(404, "The requested promotion was not found.")


# --------------------------------------------------------------------------- updatePromotion


def test_updatePromotion_changes_what_is_sent(client: httpx.Client, frozen: Store) -> None:
    create(client)

    response = client.put(f"{PROMOTIONS}/1", json={"name": "Six off", "status": "DISABLED", "max_uses": 5})

    assert response.status_code == 200
    assert response.json()["data"] == {**AUTOMATIC_V3, "name": "Six off", "status": "DISABLED", "max_uses": 5}


def test_updatePromotion_changes_the_single_code_in_place(client: httpx.Client, store: Store) -> None:
    promotion = coupon(client, "Coupon", "FIRST")

    response = client.put(f"{PROMOTIONS}/{promotion}", json={"codes": {"code": "SECOND", "max_uses": 9}})

    assert response.status_code == 200
    assert (response.json()["data"]["codes"]["id"], response.json()["data"]["codes"]["code"]) == (1, "SECOND")
    assert [c.code for c in store.promotion_codes.values()] == ["SECOND"]


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ({"redemption_type": "COUPON"}, "The field 'redemption_type' is invalid: cannot be changed once the "
                                        "promotion is created."),
        ({"end_date": "2000-01-01T00:00:00Z"}, "The field 'end_date' is invalid: must be after start_date."),
        ({"coupon_type": "SINGLE"}, "The field 'coupon_type' is invalid: is only for COUPON promotions."),
    ],
)  # fmt: skip
def test_updatePromotion_invalid_returns_422_and_changes_nothing(
    client: httpx.Client, store: Store, body: dict[str, Any], title: str
) -> None:
    create(client)
    before = snapshot(store)

    response = client.put(f"{PROMOTIONS}/1", json=body)

    assert response.status_code == 422
    assert response.json() == errors(422, title)
    assert snapshot(store) == before


def test_updatePromotion_coupon_type_cannot_change(client: httpx.Client, store: Store) -> None:
    promotion = bulk_coupon(client)
    before = snapshot(store)

    response = client.put(f"{PROMOTIONS}/{promotion}", json={"coupon_type": "SINGLE"})

    assert response.status_code == 422
    assert response.json() == errors(
        422, "The field 'coupon_type' is invalid: cannot be changed once the promotion is created."
    )
    assert snapshot(store) == before


def test_updatePromotion_unknown_id_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{PROMOTIONS}/99", json={"name": "x"})

    assert response.status_code == 404
    assert response.json() == errors(404, "The requested promotion was not found.")
    assert snapshot(store) == before


# --------------------------------------------------------------------------- deletePromotion, deletePromotions


def test_deletePromotion_returns_204_and_it_goes(client: httpx.Client, store: Store) -> None:
    create(client)

    response = client.delete(f"{PROMOTIONS}/1")

    assert response.status_code == 204
    assert len(store.promotions) == 0


def test_deletePromotion_unknown_id_returns_204(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(f"{PROMOTIONS}/99")

    assert response.status_code == 204
    assert snapshot(store) == before


def test_deletePromotion_with_codes_returns_422_and_keeps_it(client: httpx.Client, store: Store) -> None:
    promotion = coupon(client, "Coupon", "KEEP")
    before = snapshot(store)

    response = client.delete(f"{PROMOTIONS}/{promotion}")

    assert response.status_code == 422
    assert response.json() == errors(422, f"Failed for id={promotion}. Error: some relating codes are still present.")
    assert snapshot(store) == before


def test_deletePromotions_by_id_in(client: httpx.Client, store: Store, four: None) -> None:
    response = client.delete(PROMOTIONS, params={"id:in": "1,3,99"})

    assert response.status_code == 204
    assert sorted(p.id for p in store.promotions.values()) == [2, 4]


def test_deletePromotions_without_id_in_returns_422(client: httpx.Client, store: Store, four: None) -> None:
    before = snapshot(store)

    response = client.delete(PROMOTIONS)

    assert response.status_code == 422
    assert response.json() == bulk("Parameter id:in is required", 0)
    assert snapshot(store) == before


def test_deletePromotions_more_than_50_returns_422(client: httpx.Client, store: Store, four: None) -> None:
    before = snapshot(store)

    response = client.delete(PROMOTIONS, params={"id:in": ",".join(map(str, range(1, 52)))})

    assert response.status_code == 422
    assert response.json() == bulk("At most 50 ids can be given per request.", 51)
    assert snapshot(store) == before


def test_deletePromotions_one_with_codes_stops_them_all(client: httpx.Client, store: Store, four: None) -> None:
    before = snapshot(store)

    response = client.delete(PROMOTIONS, params={"id:in": "1,2,3"})

    assert response.status_code == 422
    assert response.json() == bulk(
        "Errors occurred in bulk delete action.", 3,
        errors={"1.code": "Failed for id=2. Error: some relating codes are still present."},
    )  # fmt: skip
    assert snapshot(store) == before


# --------------------------------------------------------------------------- coupon codes


def test_createPromotionCode_returns_201_with_the_code(client: httpx.Client, frozen: Store) -> None:
    promotion = bulk_coupon(client)

    response = client.post(
        f"{PROMOTIONS}/{promotion}/codes", json={"code": "Spring 24_A-1", "max_uses": 10, "max_uses_per_customer": 1}
    )

    assert response.status_code == 201
    assert response.json() == {"data": {
        "id": 1, "code": "Spring 24_A-1", "current_uses": 0, "max_uses": 10, "max_uses_per_customer": 1,
        "created": "2024-05-14T09:00:00+00:00",
    }, "meta": {}}  # fmt: skip


@pytest.mark.parametrize(
    ("body", "status", "title"),
    [
        ({"code": "no!"}, 422, "The field 'code' is invalid: may contain only letters, digits, spaces, underscores "
                               "and hyphens."),
        ({"code": "c" * 51}, 422, "The field 'code' is invalid: must be at most 50 characters long."),
        ({"code": "TAKEN"}, 409, "The code 'TAKEN' is already in use."),
        ({"code": "taken"}, 409, "The code 'taken' is already in use."),
        ({"code": "legacy"}, 409, "The code 'legacy' is already in use."),
        ({"max_uses": 1}, 422, "The required field 'code' was not supplied."),
        ({"code": "X", "max_uses": -1}, 422, "The field 'max_uses' is invalid: must be at least 0."),
    ],
)  # fmt: skip
def test_createPromotionCode_refused_changes_nothing(
    client: httpx.Client, store: Store, body: dict[str, Any], status: int, title: str
) -> None:
    coupons_service.create(
        store, {"name": "Old", "code": "LEGACY", "type": "free_shipping", "amount": 0.0,
                "applies_to": AppliesTo("categories", (0,))},
    )  # fmt: skip
    coupon(client, "Other", "TAKEN")
    promotion = bulk_coupon(client)
    before = snapshot(store)

    response = client.post(f"{PROMOTIONS}/{promotion}/codes", json=body)

    assert response.status_code == status
    assert response.json() == errors(status, title)
    assert snapshot(store) == before


def test_createPromotionCode_for_an_automatic_promotion_returns_422(client: httpx.Client, store: Store) -> None:
    create(client)
    before = snapshot(store)

    response = client.post(f"{PROMOTIONS}/1/codes", json={"code": "X"})

    assert response.status_code == 422
    assert response.json() == errors(422, "The field 'promotion_id' is invalid: is only for COUPON promotions.")
    assert snapshot(store) == before


def test_createPromotionCode_second_code_of_a_single_promotion_returns_422(client: httpx.Client, store: Store) -> None:
    promotion = coupon(client, "Single", "ONE")
    before = snapshot(store)

    response = client.post(f"{PROMOTIONS}/{promotion}/codes", json={"code": "TWO"})

    assert response.status_code == 422
    assert response.json() == errors(
        422, f"Promotion {promotion} is a SINGLE coupon promotion and already has its code."
    )
    assert snapshot(store) == before


def test_createPromotionCode_makes_a_single_promotion_show_its_code(client: httpx.Client) -> None:
    promotion = coupon(client, "Single")

    client.post(f"{PROMOTIONS}/{promotion}/codes", json={"code": "ONE"})

    assert client.get(f"{PROMOTIONS}/{promotion}").json()["data"]["codes"]["code"] == "ONE"


def test_createPromotionCode_unknown_promotion_returns_404(client: httpx.Client) -> None:
    response = client.post(f"{PROMOTIONS}/99/codes", json={"code": "X"})

    assert response.status_code == 404
    assert response.json() == errors(404, "The requested promotion was not found.")


@pytest.fixture
def codes(client: httpx.Client) -> int:
    """Bulk promotion 1 with codes A1, B2, C3 (ids 1-3); single promotion 2 with code OTHER (id 4)."""
    promotion = bulk_coupon(client)
    for code in ("A1", "B2", "C3"):
        assert client.post(f"{PROMOTIONS}/{promotion}/codes", json={"code": code}).status_code == 201
    coupon(client, "Single", "OTHER")
    return promotion


@pytest.mark.parametrize(
    ("params", "expected"),
    [({}, [1, 2, 3]), ({"code": "b2"}, [2]), ({"code": "OTHER"}, []), ({"limit": 2, "page": 2}, [3])],
)
def test_getPromotionCodes_lists_the_promotions_codes(
    client: httpx.Client, codes: int, params: dict[str, Any], expected: list[int]
) -> None:
    assert data_ids(client.get(f"{PROMOTIONS}/{codes}/codes", params=params)) == expected


def test_getPromotionCodes_meta_and_unknown_promotion(client: httpx.Client, codes: int) -> None:
    meta = client.get(f"{PROMOTIONS}/{codes}/codes", params={"limit": 2}).json()["meta"]
    missing = client.get(f"{PROMOTIONS}/99/codes")

    assert meta["pagination"]["total"] == 3 and meta["pagination"]["total_pages"] == 2
    assert missing.status_code == 404
    assert missing.json() == errors(404, "The requested promotion was not found.")


def test_deleteCouponCodes_deletes_only_this_promotions_codes(client: httpx.Client, store: Store, codes: int) -> None:
    response = client.delete(f"{PROMOTIONS}/{codes}/codes", params={"id:in": "1,3,4"})

    assert response.status_code == 204
    assert sorted(c.code for c in store.promotion_codes.values()) == ["B2", "OTHER"]


def test_deleteCouponCodes_then_the_promotion_can_be_deleted(client: httpx.Client, store: Store, codes: int) -> None:
    client.delete(f"{PROMOTIONS}/{codes}/codes", params={"id:in": "1,2,3"})

    response = client.delete(PROMOTIONS, params={"id:in": str(codes)})

    assert response.status_code == 204
    assert codes not in store.promotions


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, bulk("Parameter id:in is required", 0)),
        ({"id:in": ",".join(map(str, range(1, 252)))}, bulk("At most 250 ids can be given per request.", 251)),
    ],
)
def test_deleteCouponCodes_refused_changes_nothing(
    client: httpx.Client, store: Store, codes: int, params: dict[str, Any], expected: dict[str, object]
) -> None:
    before = snapshot(store)

    response = client.delete(f"{PROMOTIONS}/{codes}/codes", params=params)

    assert response.status_code == 422
    assert response.json() == expected
    assert snapshot(store) == before


def test_deleteCouponCode_by_id(client: httpx.Client, store: Store, codes: int) -> None:
    response = client.delete(f"{PROMOTIONS}/{codes}/codes/2")
    other = client.delete(f"{PROMOTIONS}/{codes}/codes/4")  # promotion 2's code: left alone

    assert (response.status_code, other.status_code) == (204, 204)
    assert sorted(c.code for c in store.promotion_codes.values()) == ["A1", "C3", "OTHER"]


def test_getCouponCodeByCode_finds_it_ignoring_case(client: httpx.Client, frozen: Store, codes: int) -> None:
    found = client.get(f"{PROMOTIONS}/codes", params={"code": "c3"})
    none = client.get(f"{PROMOTIONS}/codes", params={"code": "ZZ"})

    assert found.status_code == 200
    assert found.json() == {"data": [{
        "id": 3, "code": "C3", "current_uses": 0, "max_uses": 0, "max_uses_per_customer": 0,
        "created": "2024-05-14T09:00:00+00:00",
    }], "meta": {}}  # fmt: skip
    assert none.json() == {"data": [], "meta": {}}


def test_getCouponCodeByCode_without_code_returns_422(client: httpx.Client) -> None:
    response = client.get(f"{PROMOTIONS}/codes")

    assert response.status_code == 422
    assert response.json() == errors(422, "The required field 'code' was not supplied.")


def test_deleteCouponCodeByCode(client: httpx.Client, store: Store, codes: int) -> None:
    response = client.delete(f"{PROMOTIONS}/codes", params={"code": "a1"})
    again = client.delete(f"{PROMOTIONS}/codes", params={"code": "a1"})

    assert (response.status_code, again.status_code) == (204, 204)
    assert sorted(c.code for c in store.promotion_codes.values()) == ["B2", "C3", "OTHER"]


# --------------------------------------------------------------------------- codegen


def test_generatePromotionCodesBatch_makes_unique_16_character_codes(client: httpx.Client, frozen: Store) -> None:
    promotion = bulk_coupon(client)

    response = client.post(f"{PROMOTIONS}/{promotion}/codegen", json={"batch_size": 40, "max_uses": 2})

    assert response.status_code == 201
    data = response.json()["data"]
    assert {k: v for k, v in data.items() if k != "codes"} == {
        "created": "2024-05-14T09:00:00+00:00", "max_uses": 2, "max_uses_per_customer": 0, "batch_size": 40,
    }  # fmt: skip
    made = [item["code"] for item in data["codes"]]
    assert len(set(made)) == 40 and all(re.fullmatch(r"[A-Z0-9]{16}", code) for code in made)
    assert sorted(c.code for c in frozen.promotion_codes.values()) == sorted(made)
    assert all(c.max_uses == 2 for c in frozen.promotion_codes.values())


def test_generatePromotionCodesBatch_is_the_same_on_every_run(client: httpx.Client, store: Store) -> None:
    promotion = bulk_coupon(client)
    first = client.post(f"{PROMOTIONS}/{promotion}/codegen", json={"batch_size": 3}).json()["data"]["codes"]
    store.reset()
    promotion = bulk_coupon(client)

    again = client.post(f"{PROMOTIONS}/{promotion}/codegen", json={"batch_size": 3}).json()["data"]["codes"]

    assert again == first


def test_generatePromotionCodesBatch_format(client: httpx.Client) -> None:
    promotion = bulk_coupon(client)
    body = {
        "batch_size": 20, "prefix": "SPRING", "suffix": "24", "delimiter": "-", "code_length": 6,
        "exclude_characters": list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    }  # fmt: skip

    response = client.post(f"{PROMOTIONS}/{promotion}/codegen", json=body)

    assert response.status_code == 201
    assert all(re.fullmatch(r"SPRING-[0-9]{6}-24", item["code"]) for item in response.json()["data"]["codes"])


@pytest.mark.parametrize("kind", ["single", "automatic"])
def test_generatePromotionCodesBatch_not_a_bulk_coupon_returns_405(
    client: httpx.Client, store: Store, kind: str
) -> None:
    promotion = coupon(client, "Single") if kind == "single" else int(create(client)["id"])
    before = snapshot(store)

    response = client.post(f"{PROMOTIONS}/{promotion}/codegen", json={"batch_size": 1})

    assert response.status_code == 405
    assert response.json() == errors(405, "Coupon codes can only be generated for a bulk coupon promotion.")
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("body", "titles"),
    [
        ({}, ["The required field 'batch_size' was not supplied."]),
        ({"batch_size": 251}, ["The field 'batch_size' is invalid: must be at most 250."]),
        ({"batch_size": 0}, ["The field 'batch_size' is invalid: must be at least 1."]),
        ({"batch_size": 1, "code_length": 5}, ["The field 'code_length' is invalid: must be at least 6."]),
        ({"batch_size": 1, "prefix": "Pre"}, [
            "The field 'prefix' is invalid: may contain only capital letters, digits, underscores and hyphens."]),
        ({"batch_size": 1, "suffix": "A" * 21}, ["The field 'suffix' is invalid: must be at most 20 characters long."]),
        ({"batch_size": 1, "exclude_characters": ["AB"]}, [
            "The field 'exclude_characters' is invalid: must be single capital letters or digits, leaving at least "
            "two to draw from."]),
        ({"batch_size": 250, "code_length": 6, "exclude_characters": list("ABCDEFGHIJKLMNOPQRSTUVWXYZ2345678")}, [
            "The field 'code_length' is invalid: leaves too few possible codes for a batch of 250; make it longer or "
            "exclude fewer characters."]),
        ({"batch_size": 1, "prefix": "P" * 20, "suffix": "S" * 20, "delimiter": "_"}, [
            "The field 'code_length' is invalid: must be at most 8."]),
    ],
)  # fmt: skip
def test_generatePromotionCodesBatch_invalid_returns_422_and_changes_nothing(
    client: httpx.Client, store: Store, body: dict[str, Any], titles: list[str]
) -> None:
    promotion = bulk_coupon(client)
    before = snapshot(store)

    response = client.post(f"{PROMOTIONS}/{promotion}/codegen", json=body)

    assert response.status_code == 422
    assert response.json() == errors(422, *titles)
    assert snapshot(store) == before


def test_generatePromotionCodesBatch_unknown_promotion_returns_404(client: httpx.Client) -> None:
    response = client.post(f"{PROMOTIONS}/99/codegen", json={"batch_size": 1})

    assert response.status_code == 404
    assert response.json() == errors(404, "The requested promotion was not found.")


def test_generated_codes_cannot_be_reused_by_a_legacy_coupon(client: httpx.Client, store: Store) -> None:
    promotion = bulk_coupon(client)
    code = client.post(f"{PROMOTIONS}/{promotion}/codegen", json={"batch_size": 1}).json()["data"]["codes"][0]["code"]
    body = {"name": "Legacy", "code": code.lower(), "type": "free_shipping", "amount": "0",
            "applies_to": {"entity": "categories", "ids": [0]}}  # fmt: skip

    response = client.post(V2_COUPONS, json=body)

    assert response.status_code == 409
    assert response.json() == [{"status": 409, "message": f"The code '{code.lower()}' is already in use."}]


# --------------------------------------------------------------------------- cursor pages of coupon codes


def cursor(code_id: int) -> str:
    return base64.b64encode(f'{{"id":"{code_id}"}}'.encode()).decode()


def test_getPromotionCodes_without_paging_carries_both_paginations(client: httpx.Client, codes: int) -> None:
    meta = client.get(f"{PROMOTIONS}/{codes}/codes", params={"limit": 2}).json()["meta"]

    assert meta["cursor_pagination"] == {
        "count": 2, "per_page": 2, "start_cursor": cursor(1), "end_cursor": cursor(2),
        "links": {"next": f"?limit=2&after={quote(cursor(2), safe='')}"},
    }  # fmt: skip
    assert meta["pagination"]["current_page"] == 1


def test_getPromotionCodes_with_page_carries_only_pagination(client: httpx.Client, codes: int) -> None:
    meta = client.get(f"{PROMOTIONS}/{codes}/codes", params={"limit": 2, "page": 1}).json()["meta"]

    assert list(meta) == ["pagination"]


@pytest.mark.parametrize(
    ("params", "expected", "links"),
    [
        ({"after": cursor(1)}, [2, 3], {"previous": cursor(2)}),
        ({"after": cursor(1), "limit": 1}, [2], {"previous": cursor(2), "next": cursor(2)}),
        ({"before": cursor(3)}, [1, 2], {"next": cursor(2)}),
        ({"before": cursor(3), "limit": 1}, [2], {"previous": cursor(2), "next": cursor(2)}),
        ({"after": cursor(3)}, [], {}),
    ],
)
def test_getPromotionCodes_by_cursor(
    client: httpx.Client, codes: int, params: dict[str, Any], expected: list[int], links: dict[str, str]
) -> None:
    response = client.get(f"{PROMOTIONS}/{codes}/codes", params=params)

    assert data_ids(response) == expected
    meta = response.json()["meta"]
    assert list(meta) == ["cursor_pagination"]
    limit = params.get("limit", 50)
    assert meta["cursor_pagination"]["links"] == {
        key: f"?limit={limit}&{'before' if key == 'previous' else 'after'}={quote(value, safe='')}"
        for key, value in links.items()
    }


@pytest.mark.parametrize(
    ("params", "title"),
    [
        ({"after": "zz"}, "The filter 'after' is invalid: 'zz' is not a cursor."),
        ({"before": base64.b64encode(b'{"id":"x"}').decode()}, "The filter 'before' is invalid: "
                                                              "'eyJpZCI6IngifQ==' is not a cursor."),
        ({"after": cursor(1), "before": cursor(3)}, "The filter 'before' is invalid: before and after cannot be "
                                                    "used together."),
        ({"after": cursor(1), "page": 1}, "The filter 'page' is invalid: cannot be used with before or after."),
    ],
)  # fmt: skip
def test_getPromotionCodes_bad_cursor_returns_422(
    client: httpx.Client, codes: int, params: dict[str, Any], title: str
) -> None:
    response = client.get(f"{PROMOTIONS}/{codes}/codes", params=params)

    assert response.status_code == 422
    assert response.json() == errors(422, title)


def test_promotions_errors_keep_their_shape_for_pipeline_refusals(app: MockApp, client: httpx.Client) -> None:
    with httpx.Client(transport=InProcessTransport(app), base_url="http://mockbc.test") as anonymous:
        unauthorized = anonymous.get(PROMOTIONS)
    unsupported = client.post(PROMOTIONS, content=b"{}", headers={"Content-Type": "text/plain"})

    assert unauthorized.status_code == 401
    assert unauthorized.json() == errors(
        401, "Unauthorized - the v3 Auth client ID or token in the request are not a valid combination for this store."
    )
    assert unsupported.status_code == 415
    assert unsupported.json() == errors(415, "The request Content-Type is not supported. Send application/json.")


# --------------------------------------------------------------------------- redeem_code (for orders)


def test_redeem_code_counts_a_use_on_the_code_and_the_promotion(client: httpx.Client, store: Store) -> None:
    promotion = coupon(client, "Single", "SAVE5")

    used = promotions_service.redeem_code(store, "save5")

    assert used.current_uses == 1
    assert client.get(f"{PROMOTIONS}/{promotion}").json()["data"]["current_uses"] == 1
    assert client.get(f"{PROMOTIONS}/{promotion}/codes").json()["data"][0]["current_uses"] == 1


@pytest.mark.parametrize(
    ("fields", "code_uses", "code", "rule"),
    [
        ({}, 0, "NOPE", "coupon_unknown"),
        ({"status": "DISABLED"}, 0, "SAVE5", "coupon_disabled"),
        ({"start_date": "2100-01-01T00:00:00Z"}, 0, "SAVE5", "coupon_disabled"),
        ({"start_date": "2000-01-01T00:00:00Z", "end_date": "2001-01-01T00:00:00Z"}, 0, "SAVE5", "coupon_expired"),
        ({}, 1, "SAVE5", "coupon_used_up"),
        ({"max_uses": 1}, 0, "SAVE5", "coupon_used_up"),
    ],
)
def test_redeem_code_refuses_a_code_that_cannot_be_used(
    client: httpx.Client, store: Store, fields: dict[str, Any], code_uses: int, code: str, rule: str
) -> None:
    promotion = coupon(client, "Single", **fields)
    client.post(f"{PROMOTIONS}/{promotion}/codes", json={"code": "SAVE5", "max_uses": code_uses})
    if code_uses or "max_uses" in fields:
        promotions_service.redeem_code(store, "SAVE5")
    before = snapshot(store)

    with pytest.raises(Invalid) as refused:
        promotions_service.redeem_code(store, code)

    assert (refused.value.kind, refused.value.fields) == ("coupon", {"coupon_code": rule})
    assert snapshot(store) == before


def test_promotion_and_code_writes_emit_events(client: httpx.Client, store: Store) -> None:
    events: list[Any] = []
    unsubscribe = store.subscribe(events.append)
    try:
        promotion = coupon(client, "Single", "ONE")
        client.put(f"{PROMOTIONS}/{promotion}", json={"name": "Renamed"})
        client.delete(f"{PROMOTIONS}/{promotion}/codes/1")
        client.delete(f"{PROMOTIONS}/{promotion}")
    finally:
        unsubscribe()

    assert [(e.resource, e.action, e.id) for e in events] == [
        ("promotion", "created", 1), ("promotion_code", "created", 1), ("promotion", "updated", 1),
        ("promotion_code", "deleted", 1), ("promotion", "deleted", 1),
    ]  # fmt: skip
