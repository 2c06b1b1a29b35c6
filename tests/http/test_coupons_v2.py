"""Legacy v2 coupons through HTTP (upstream marketing.v2.yml): bare arrays and objects, the v2 error list,
money as 4-decimal strings, RFC 2822 dates, and the PUT that clears applies_to when it leaves it out."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.clock import FrozenClock
from mockbc.domain.coupons import AppliesTo
from mockbc.domain.errors import Invalid
from mockbc.presentation import words
from mockbc.services import coupons as service
from mockbc.services import promotions as promotions_service

COUPONS = f"/stores/{DEFAULT_STORE_HASH}/v2/coupons"
CREATED = datetime(2018, 3, 13, 16, 18, 59, tzinfo=UTC)
FIVE_OFF = {
    "name": "$5 off", "code": "S2549JM0Y", "type": "per_total_discount", "amount": "5",
    "applies_to": {"entity": "categories", "ids": [0]},
}  # fmt: skip
FIVE_OFF_V2 = {
    "id": 1, "name": "$5 off", "type": "per_total_discount", "amount": "5.0000", "min_purchase": "0.0000",
    "expires": "", "enabled": True, "code": "S2549JM0Y", "applies_to": {"entity": "categories", "ids": [0]},
    "num_uses": 0, "max_uses": 0, "max_uses_per_customer": 0, "restricted_to": {}, "shipping_methods": [],
    "date_created": "Tue, 13 Mar 2018 16:18:59 +0000",
}  # fmt: skip


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def errors(status: int, *messages: str) -> list[dict[str, object]]:
    return [{"status": status, "message": message} for message in messages]


def ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()]


@pytest.fixture
def frozen(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setattr(store, "clock", FrozenClock(CREATED))
    return store


def make(store: Store, name: str, code: str, kind: str = "per_total_discount", **fields: Any) -> int:
    fields.setdefault("applies_to", AppliesTo("products", (1,)))
    return service.create(store, {"name": name, "code": code, "type": kind, "amount": 5.0, **fields}).id


@pytest.fixture
def five(store: Store) -> list[int]:
    """Five coupons, ids 1-5."""
    return [
        make(store, "Five off", "FIVE"),
        make(store, "Ten percent", "TENPC", "percentage_discount"),
        make(store, "Free ship", "SHIPFREE", "free_shipping"),
        make(store, "Per item", "ITEM-1", "per_item_discount"),
        make(store, "Ten percent again", "TENPC2", "percentage_discount"),
    ]


# --------------------------------------------------------------------------- createCoupon


def test_createCoupon_returns_201_with_the_v2_coupon(client: httpx.Client, frozen: Store) -> None:
    response = client.post(COUPONS, json=FIVE_OFF)

    assert response.status_code == 201
    assert response.json() == FIVE_OFF_V2
    assert frozen.coupons.require(1).amount == 5.0


def test_createCoupon_takes_every_optional_field(client: httpx.Client, frozen: Store) -> None:
    body = {
        **FIVE_OFF, "amount": "12.5", "min_purchase": "25", "expires": "Fri, 01 Jan 2100 00:00:00 +0000",
        "enabled": False, "max_uses": 25, "max_uses_per_customer": 1, "restricted_to": {"countries": "AU"},
        "shipping_methods": ["shipping_endicia"], "applies_to": {"entity": "products", "ids": [1, 2]},
    }  # fmt: skip

    response = client.post(COUPONS, json=body)

    assert response.status_code == 201
    assert response.json() == {
        **FIVE_OFF_V2, "amount": "12.5000", "min_purchase": "25.0000", "expires": "Fri, 01 Jan 2100 00:00:00 +0000",
        "enabled": False, "max_uses": 25, "max_uses_per_customer": 1, "restricted_to": {"countries": "AU"},
        "shipping_methods": ["shipping_endicia"], "applies_to": {"entity": "products", "ids": [1, 2]},
    }  # fmt: skip


def test_createCoupon_reads_an_iso_expiry_and_an_empty_one(client: httpx.Client) -> None:
    iso = client.post(COUPONS, json={**FIVE_OFF, "expires": "2100-01-01T10:00:00+02:00"})
    empty = client.post(COUPONS, json={**FIVE_OFF, "name": "other", "code": "OTHER", "expires": ""})

    assert iso.json()["expires"] == "Fri, 01 Jan 2100 08:00:00 +0000"
    assert empty.json()["expires"] == ""


@pytest.mark.parametrize(
    ("body", "messages"),
    [
        ({"name": "x"}, [
            "The required field 'code' was not supplied.", "The required field 'type' was not supplied.",
            "The required field 'amount' was not supplied.", "The required field 'applies_to' was not supplied.",
        ]),
        ({**FIVE_OFF, "type": "bogus"}, ["The field 'type' is invalid: must be one of: per_item_discount, "
                                          "per_total_discount, shipping_discount, free_shipping, percentage_discount, "
                                          "promotion."]),
        ({**FIVE_OFF, "type": "promotion"}, ["The field 'type' is invalid: promotion coupons are made by the "
                                              "promotions API; must be one of: per_item_discount, per_total_discount, "
                                              "shipping_discount, free_shipping, percentage_discount."]),
        ({**FIVE_OFF, "amount": 5}, ["The field 'amount' is invalid: must be a string."]),
        ({**FIVE_OFF, "amount": "-1"}, ["The field 'amount' is invalid: must be a decimal string of at least 0, "
                                         "such as 5.00."]),
        ({**FIVE_OFF, "min_purchase": "lots"}, ["The field 'min_purchase' is invalid: must be a decimal string of "
                                                 "at least 0, such as 5.00."]),
        ({**FIVE_OFF, "type": "percentage_discount", "amount": "100.5"}, [
            "The field 'amount' is invalid: must be at most 100 for a percentage_discount coupon."]),
        ({**FIVE_OFF, "name": ""}, ["The field 'name' is invalid: must be at least 1 characters long."]),
        ({**FIVE_OFF, "name": "n" * 101}, ["The field 'name' is invalid: must be at most 100 characters long."]),
        ({**FIVE_OFF, "code": "c" * 51}, ["The field 'code' is invalid: must be at most 50 characters long."]),
        ({**FIVE_OFF, "expires": "next week"}, ["The field 'expires' is invalid: must be an RFC 2822 or ISO 8601 "
                                                 "date, or empty."]),
        ({**FIVE_OFF, "expires": "9999-12-31T23:59:59-01:00"}, ["The field 'expires' is invalid: must be an RFC "
                                                                 "2822 or ISO 8601 date, or empty."]),
        ({**FIVE_OFF, "applies_to": {"entity": "brands", "ids": [1]}}, [
            "The field 'applies_to.entity' is invalid: must be one of: products, categories."]),
        ({**FIVE_OFF, "applies_to": {"entity": "products"}}, [
            "The required field 'applies_to.ids' was not supplied."]),
        ({**FIVE_OFF, "max_uses": -1}, ["The field 'max_uses' is invalid: must be at least 0."]),
        ({**FIVE_OFF, "restricted_to": {"states": "NSW"}}, [
            "The field 'restricted_to.states' is invalid: is not a field this resource accepts."]),
        ({**FIVE_OFF, "id": 7}, ["The field 'id' is invalid: is not a field this resource accepts."]),
        ({**FIVE_OFF, "num_uses": 3}, ["The field 'num_uses' is invalid: is not a field this resource accepts."]),
    ],
)  # fmt: skip
def test_createCoupon_invalid_returns_400_and_changes_nothing(
    client: httpx.Client, store: Store, body: dict[str, Any], messages: list[str]
) -> None:
    before = snapshot(store)

    response = client.post(COUPONS, json=body)

    assert response.status_code == 400
    assert response.json() == errors(400, *messages)
    assert snapshot(store) == before


@pytest.mark.parametrize("code", ["ab!", "SAVE10%", "dollar$", "naïve", "tab\there", "a.b"])
def test_createCoupon_code_outside_the_charset_returns_400(client: httpx.Client, store: Store, code: str) -> None:
    before = snapshot(store)

    response = client.post(COUPONS, json={**FIVE_OFF, "code": code})

    assert response.status_code == 400
    assert response.json() == errors(
        400, "The field 'code' is invalid: may contain only letters, digits, spaces, underscores and hyphens."
    )
    assert snapshot(store) == before


def test_createCoupon_code_with_no_allowed_character_returns_400(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(COUPONS, json={**FIVE_OFF, "code": "!!!"})

    assert response.status_code == 400
    assert response.json() == errors(400, 'The field \'code\' is invalid: "!!!" does not match "[a-zA-Z0-9_\\ -]".')
    assert snapshot(store) == before


@pytest.mark.parametrize("code", ["Summer Sale 2024", "A_B-C", "x", "0" * 50])
def test_createCoupon_code_of_letters_digits_spaces_underscores_hyphens_is_taken(
    client: httpx.Client, code: str
) -> None:
    response = client.post(COUPONS, json={**FIVE_OFF, "code": code})

    assert response.status_code == 201
    assert response.json()["code"] == code


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({**FIVE_OFF, "code": "OTHER"}, "A coupon named '$5 off' already exists."),
        ({**FIVE_OFF, "name": "$5 OFF", "code": "OTHER"}, "A coupon named '$5 OFF' already exists."),
        ({**FIVE_OFF, "name": "Other"}, "The code 'S2549JM0Y' is already in use."),
        ({**FIVE_OFF, "name": "Other", "code": "s2549jm0y"}, "The code 's2549jm0y' is already in use."),
    ],
)
def test_createCoupon_duplicate_name_or_code_ignoring_case_returns_409(
    client: httpx.Client, store: Store, body: dict[str, Any], message: str
) -> None:
    assert client.post(COUPONS, json=FIVE_OFF).status_code == 201
    before = snapshot(store)

    response = client.post(COUPONS, json=body)

    assert response.status_code == 409
    assert response.json() == errors(409, message)
    assert snapshot(store) == before


def test_createCoupon_code_of_a_promotion_coupon_code_returns_409(client: httpx.Client, store: Store) -> None:
    promotion = promotions_service.create(
        store, {"name": "Promo", "redemption_type": "COUPON", "rules": "[]", "coupon_type": "BULK"}
    )
    promotions_service.create_code(store, promotion.id, {"code": "PROMO-1"})
    before = snapshot(store)

    response = client.post(COUPONS, json={**FIVE_OFF, "code": "promo-1"})

    assert response.status_code == 409
    assert response.json() == errors(409, "The code 'promo-1' is already in use.")
    assert snapshot(store) == before


def test_createCoupon_without_the_marketing_scope_returns_403(scoped_client: Any, store: Store) -> None:
    before = snapshot(store)
    reader = scoped_client(["store_v2_marketing_read_only"])

    response = reader.post(COUPONS, json=FIVE_OFF)

    assert response.status_code == 403
    assert response.json() == errors(403, "You do not have permission to access this resource.")
    assert snapshot(store) == before
    assert reader.get(f"{COUPONS}/count").json() == {"count": 0}


# --------------------------------------------------------------------------- getCoupons, getCouponsCount


def test_getCoupons_returns_a_bare_array_in_id_order(client: httpx.Client, frozen: Store) -> None:
    client.post(COUPONS, json=FIVE_OFF)
    client.post(COUPONS, json={**FIVE_OFF, "name": "Second", "code": "SECOND"})

    response = client.get(COUPONS)

    assert response.status_code == 200
    assert response.json() == [FIVE_OFF_V2, {**FIVE_OFF_V2, "id": 2, "name": "Second", "code": "SECOND"}]


def test_getCoupons_with_no_coupons_returns_204(client: httpx.Client) -> None:
    response = client.get(COUPONS)

    assert response.status_code == 204
    assert response.content == b""


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"id": "3"}, [3]),
        ({"code": "TENPC"}, [2]),
        ({"code": "tenpc"}, [2]),
        ({"name": "Per item"}, [4]),
        ({"type": "percentage_discount"}, [2, 5]),
        ({"exclude_type": "percentage_discount"}, [1, 3, 4]),
        ({"min_id": 2, "max_id": 4}, [2, 3, 4]),
        ({"type": "percentage_discount", "min_id": 3}, [5]),
        ({"limit": 2, "page": 2}, [3, 4]),
        ({"limit": 2, "page": 3}, [5]),
    ],
)
def test_getCoupons_filters_and_pages(
    client: httpx.Client, five: list[int], params: dict[str, Any], expected: list[int]
) -> None:
    assert ids(client.get(COUPONS, params=params)) == expected


@pytest.mark.parametrize(
    "params", [{"code": "TENP"}, {"name": "per item"}, {"id": "99"}, {"type": "promotion"}, {"page": 4, "limit": 2}]
)
def test_getCoupons_nothing_matched_or_past_the_end_returns_204(
    client: httpx.Client, five: list[int], params: dict[str, Any]
) -> None:
    response = client.get(COUPONS, params=params)

    assert response.status_code == 204
    assert response.content == b""


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"id": "abc"}, 400, "The filter 'id' is invalid: 'abc' is not an integer."),
        ({"min_id": "abc"}, 400, "The filter 'min_id' is invalid: 'abc' is not an integer."),
        ({"limit": "251"}, 413, "The limit is too high. The maximum limit is 250."),
    ],
)
def test_getCoupons_bad_filters(
    client: httpx.Client, five: list[int], params: dict[str, Any], status: int, message: str
) -> None:
    response = client.get(COUPONS, params=params)

    assert response.status_code == status
    assert response.json() == errors(status, message)


def test_getCouponsCount_counts_every_coupon(client: httpx.Client, five: list[int]) -> None:
    assert client.get(f"{COUPONS}/count").json() == {"count": 5}


def test_getCouponsCount_of_an_empty_store_is_zero(client: httpx.Client) -> None:
    response = client.get(f"{COUPONS}/count")

    assert response.status_code == 200
    assert response.json() == {"count": 0}


# --------------------------------------------------------------------------- updateCoupon


def test_updateCoupon_changes_what_is_sent(client: httpx.Client, frozen: Store) -> None:
    client.post(COUPONS, json=FIVE_OFF)

    response = client.put(
        f"{COUPONS}/1",
        json={"amount": "7.25", "enabled": False, "applies_to": {"entity": "products", "ids": [3]}},
    )

    assert response.status_code == 200
    assert response.json() == {
        **FIVE_OFF_V2, "amount": "7.2500", "enabled": False, "applies_to": {"entity": "products", "ids": [3]},
    }  # fmt: skip
    assert client.get(COUPONS).json() == [response.json()]


def test_updateCoupon_without_applies_to_clears_it(client: httpx.Client, frozen: Store) -> None:
    client.post(COUPONS, json=FIVE_OFF)

    response = client.put(f"{COUPONS}/1", json={"name": "Renamed"})

    assert response.status_code == 200
    assert response.json() == {**FIVE_OFF_V2, "name": "Renamed", "applies_to": {"entity": "", "ids": []}}
    assert frozen.coupons.require(1).applies_to is None


def test_updateCoupon_applies_to_cleared_can_be_set_again(client: httpx.Client, frozen: Store) -> None:
    client.post(COUPONS, json=FIVE_OFF)
    client.put(f"{COUPONS}/1", json={"enabled": True})

    response = client.put(f"{COUPONS}/1", json={"applies_to": {"entity": "categories", "ids": [0]}})

    assert response.json() == FIVE_OFF_V2


def test_updateCoupon_keeps_its_own_name_and_code(client: httpx.Client, frozen: Store) -> None:
    client.post(COUPONS, json=FIVE_OFF)

    response = client.put(f"{COUPONS}/1", json=FIVE_OFF)

    assert response.status_code == 200
    assert response.json() == FIVE_OFF_V2


def test_updateCoupon_can_change_the_case_of_its_own_code(client: httpx.Client, store: Store) -> None:
    client.post(COUPONS, json=FIVE_OFF)

    response = client.put(f"{COUPONS}/1", json={"code": "s2549jm0y"})

    assert response.status_code == 200
    assert service.find_by_code(store, "S2549JM0Y") == store.coupons.require(1)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"name": "ten percent"}, "A coupon named 'ten percent' already exists."),
        ({"code": "shipfree"}, "The code 'shipfree' is already in use."),
    ],
)
def test_updateCoupon_name_or_code_of_another_coupon_returns_409(
    client: httpx.Client, store: Store, five: list[int], body: dict[str, Any], message: str
) -> None:
    before = snapshot(store)

    response = client.put(f"{COUPONS}/1", json=body)

    assert response.status_code == 409
    assert response.json() == errors(409, message)
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"code": "bad code!"}, "The field 'code' is invalid: may contain only letters, digits, spaces, "
                                "underscores and hyphens."),
        ({"amount": "120"}, "The field 'amount' is invalid: must be at most 100 for a percentage_discount coupon."),
        ({"type": "promotion"}, "The field 'type' is invalid: promotion coupons are made by the promotions API; "
                                "must be one of: per_item_discount, per_total_discount, shipping_discount, "
                                "free_shipping, percentage_discount."),
        ({"date_created": "Tue, 13 Mar 2018 16:18:59 +0000"}, "The field 'date_created' is invalid: is not a field "
                                                              "this resource accepts."),
    ],
)  # fmt: skip
def test_updateCoupon_invalid_returns_400_and_changes_nothing(
    client: httpx.Client, store: Store, five: list[int], body: dict[str, Any], message: str
) -> None:
    before = snapshot(store)

    response = client.put(f"{COUPONS}/2", json=body)

    assert response.status_code == 400
    assert response.json() == errors(400, message)
    assert snapshot(store) == before


def test_updateCoupon_unknown_id_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{COUPONS}/99", json={"name": "Nope"})

    assert response.status_code == 404
    assert response.json() == errors(404, "The requested resource was not found.")
    assert snapshot(store) == before


# --------------------------------------------------------------------------- deleteCoupon, deleteCoupons


def test_deleteCoupon_returns_204_and_the_coupon_goes(client: httpx.Client, store: Store, five: list[int]) -> None:
    response = client.delete(f"{COUPONS}/2")

    assert response.status_code == 204
    assert response.content == b""
    assert ids(client.get(COUPONS)) == [1, 3, 4, 5]
    assert service.find_by_code(store, "TENPC") is None


def test_deleteCoupon_unknown_id_returns_404(client: httpx.Client, store: Store, five: list[int]) -> None:
    before = snapshot(store)

    response = client.delete(f"{COUPONS}/99")

    assert response.status_code == 404
    assert response.json() == errors(404, "The requested resource was not found.")
    assert snapshot(store) == before


def test_deleteCoupons_by_id_in_deletes_only_those(client: httpx.Client, five: list[int]) -> None:
    response = client.delete(COUPONS, params={"id:in": "2,4,99"})

    assert response.status_code == 204
    assert ids(client.get(COUPONS)) == [1, 3, 5]


def test_deleteCoupons_without_a_filter_deletes_every_coupon(client: httpx.Client, five: list[int]) -> None:
    response = client.delete(COUPONS)

    assert response.status_code == 204
    assert client.get(f"{COUPONS}/count").json() == {"count": 0}


def test_deleteCoupons_with_an_empty_id_list_deletes_nothing(
    client: httpx.Client, store: Store, five: list[int]
) -> None:
    before = snapshot(store)

    response = client.delete(COUPONS, params={"id:in": ""})

    assert response.status_code == 204
    assert snapshot(store) == before


def test_deleteCoupons_leaves_promotions_alone(client: httpx.Client, store: Store, five: list[int]) -> None:
    promotion = promotions_service.create(store, {"name": "Promo", "redemption_type": "AUTOMATIC", "rules": "[]"})

    client.delete(COUPONS)

    assert store.promotions.get(promotion.id) == promotion


def test_deleteCoupons_bad_id_list_returns_400(client: httpx.Client, store: Store, five: list[int]) -> None:
    before = snapshot(store)

    response = client.delete(COUPONS, params={"id:in": "1,x"})

    assert response.status_code == 400
    assert response.json() == errors(400, "The filter 'id:in' is invalid: 'x' is not an integer.")
    assert snapshot(store) == before


# --------------------------------------------------------------------------- find_by_code (for orders)


def test_find_by_code_ignores_case_and_answers_none_for_an_unknown_code(store: Store, five: list[int]) -> None:
    assert service.find_by_code(store, "shipfree") == store.coupons.require(3)
    assert service.find_by_code(store, "ITEM-1") == store.coupons.require(4)
    assert service.find_by_code(store, "NOPE") is None


# --------------------------------------------------------------------------- redeem (for orders)


def test_redeem_counts_a_use_and_shows_in_num_uses(client: httpx.Client, store: Store, five: list[int]) -> None:
    used = service.redeem(store, "fivE")

    assert used.num_uses == 1
    assert client.get(COUPONS, params={"id": "1"}).json()[0]["num_uses"] == 1


@pytest.mark.parametrize(
    ("fields", "code", "rule"),
    [
        ({}, "NOPE", "coupon_unknown"),
        ({"enabled": False}, "X", "coupon_disabled"),
        ({"expires": datetime(2020, 1, 1, tzinfo=UTC)}, "X", "coupon_expired"),
        ({"max_uses": 2, "num_uses": 2}, "X", "coupon_used_up"),
    ],
)
def test_redeem_refuses_a_coupon_that_cannot_be_used(
    store: Store, fields: dict[str, Any], code: str, rule: str
) -> None:
    make(store, "X", "X", **fields)
    before = snapshot(store)

    with pytest.raises(Invalid) as refused:
        service.redeem(store, code)

    assert (refused.value.kind, refused.value.fields) == ("coupon", {"coupon_code": rule})
    assert words.messages(refused.value.problems)["coupon_code"].startswith("The coupon")
    assert snapshot(store) == before


def test_redeem_up_to_max_uses(store: Store) -> None:
    make(store, "X", "X", max_uses=2)

    service.redeem(store, "X")
    service.redeem(store, "x")

    with pytest.raises(Invalid):
        service.redeem(store, "X")
    assert store.coupons.require(1).num_uses == 2


def test_coupon_writes_emit_events(client: httpx.Client, store: Store) -> None:
    events: list[Any] = []
    unsubscribe = store.subscribe(events.append)
    try:
        client.post(COUPONS, json=FIVE_OFF)
        client.put(f"{COUPONS}/1", json={"name": "Renamed"})
        client.delete(f"{COUPONS}/1")
    finally:
        unsubscribe()

    assert [(e.resource, e.action, e.id) for e in events] == [
        ("coupon", "created", 1), ("coupon", "updated", 1), ("coupon", "deleted", 1),
    ]  # fmt: skip
