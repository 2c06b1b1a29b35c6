"""The coupon and promotion strategies against the mock: valid bodies are accepted as drawn,
invalid coupons are refused with their status in v2's list shape and change nothing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from strategies_support import V2, V3, Mock, http_settings

from mockbc.strategies import InvalidCase, coupons, invalid_coupons, promotion_codes, promotions

DEMO = Mock("demo")
COUPONS = f"{V2}/coupons"
PROMOTIONS = f"{V3}/promotions"


def teardown_module() -> None:
    DEMO.close()


@http_settings(60)
@given(data=st.data())
def test_coupons_are_accepted_and_read_back_as_drawn(data: st.DataObject) -> None:
    DEMO.reset()
    first = data.draw(coupons(store=DEMO.store))
    assert DEMO.client.post(COUPONS, json=first).status_code == 201
    second = data.draw(coupons(store=DEMO.store))

    response = DEMO.client.post(COUPONS, json=second)

    assert response.status_code == 201, response.text
    made = response.json()
    assert (made["name"], made["code"], made["type"], made["applies_to"]) == (
        second["name"], second["code"], second["type"], second["applies_to"],
    )  # fmt: skip
    assert float(made["amount"]) == float(second["amount"])


@http_settings(80)
@given(data=st.data())
def test_invalid_coupons_are_refused_and_change_nothing(data: st.DataObject) -> None:
    DEMO.reset()
    DEMO.client.post(COUPONS, json=data.draw(coupons(store=DEMO.store)))
    before = DEMO.counts()
    case: InvalidCase = data.draw(invalid_coupons(store=DEMO.store))

    response = DEMO.client.post(COUPONS, json=case.payload)

    assert response.status_code == case.status, f"{case.reason}: {response.text}"
    [error] = response.json()
    assert error["status"] == case.status and error["message"]
    assert DEMO.counts() == before


@http_settings(60)
@given(data=st.data())
def test_promotions_and_their_codes_are_accepted(data: st.DataObject) -> None:
    DEMO.reset()
    body = data.draw(promotions(store=DEMO.store, redemption_type=st.just("COUPON"), coupon_type=st.just("SINGLE")))

    response = DEMO.client.post(PROMOTIONS, json=body)

    assert response.status_code == 201, response.text
    promotion = response.json()["data"]
    assert (promotion["name"], promotion["redemption_type"]) == (body["name"], "COUPON")
    code = data.draw(promotion_codes(store=DEMO.store))
    made = DEMO.client.post(f"{PROMOTIONS}/{promotion['id']}/codes", json=code)
    assert made.status_code == 201, made.text
    assert made.json()["data"]["code"] == code["code"]


@http_settings(40)
@given(data=st.data())
def test_automatic_promotions_are_accepted(data: st.DataObject) -> None:
    DEMO.reset()
    body = data.draw(promotions(store=DEMO.store))

    response = DEMO.client.post(PROMOTIONS, json=body)

    assert response.status_code == 201, response.text
    assert response.json()["data"]["rules"] == body["rules"]
