"""v2 gift certificates through HTTP (upstream marketing.v2.yml): money as 4-decimal strings, dates written as
unix seconds in strings, codes unique ignoring case and cut to 20 characters, balances no higher than amounts."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.clock import FrozenClock
from mockbc.domain.errors import Invalid
from mockbc.presentation import words
from mockbc.services import gift_certificates as service

CERTIFICATES = f"/stores/{DEFAULT_STORE_HASH}/v2/gift_certificates"
PURCHASED = datetime(2018, 3, 27, 16, 44, 42, tzinfo=UTC)  # 1522169082
GIFT = {"to_name": "John Doe", "to_email": "john@example.com", "from_name": "Jane Doe",
        "from_email": "jane@example.com", "amount": "10"}  # fmt: skip
GIFT_V2 = {
    "id": 1, "customer_id": 0, "order_id": 0, "to_name": "John Doe", "to_email": "john@example.com",
    "from_name": "Jane Doe", "from_email": "jane@example.com", "amount": "10.0000", "balance": "10.0000",
    "status": "active", "message": "", "purchase_date": "1522169082", "expiry_date": "0", "currency_code": "USD",
}  # fmt: skip


def snapshot(store: Store) -> tuple[Any, ...]:
    return tuple(tuple(table.values()) for table in store.tables.values())


def errors(status: int, *messages: str) -> list[dict[str, object]]:
    return [{"status": status, "message": message} for message in messages]


def ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()]


def without_code(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != "code"}


@pytest.fixture
def frozen(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setattr(store, "clock", FrozenClock(PURCHASED))
    return store


@pytest.fixture
def three(client: httpx.Client) -> None:
    """1: code ONE to Ann; 2: code TWO to Bob; 3: code THREE to Ann from Cy."""
    for code, to_name, from_name in (("ONE", "Ann", "Jane Doe"), ("TWO", "Bob", "Jane Doe"), ("THREE", "Ann", "Cy")):
        body = {**GIFT, "code": code, "to_name": to_name, "from_name": from_name}
        assert client.post(CERTIFICATES, json=body).status_code == 201


def test_createGiftCertificate_returns_201_with_a_generated_code(client: httpx.Client, frozen: Store) -> None:
    response = client.post(CERTIFICATES, json=GIFT)

    assert response.status_code == 201
    assert without_code(response.json()) == GIFT_V2
    assert re.fullmatch(r"[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}", response.json()["code"])


def test_createGiftCertificate_generated_code_is_the_same_on_every_run(client: httpx.Client, store: Store) -> None:
    first = client.post(CERTIFICATES, json=GIFT).json()["code"]
    store.reset()

    assert client.post(CERTIFICATES, json=GIFT).json()["code"] == first


def test_createGiftCertificate_takes_every_optional_field(client: httpx.Client, frozen: Store) -> None:
    body = {
        **GIFT, "amount": "25.5", "balance": "20", "code": "BIRTHDAY-2018", "status": "pending",
        "template": "birthday.html", "message": "Happy birthday!", "customer_id": 5, "currency_code": "EUR",
        "purchase_date": "Tue, 13 Mar 2018 16:18:59 +0000", "expiry_date": "Wed, 13 Mar 2030 16:18:59 +0000",
    }  # fmt: skip

    response = client.post(CERTIFICATES, json=body)

    assert response.status_code == 201
    assert response.json() == {
        **GIFT_V2, "amount": "25.5000", "balance": "20.0000", "code": "BIRTHDAY-2018", "status": "pending",
        "template": "birthday.html", "message": "Happy birthday!", "customer_id": 5, "currency_code": "EUR",
        "purchase_date": "1520957939", "expiry_date": "1899649139",
    }  # fmt: skip


def test_createGiftCertificate_code_longer_than_20_keeps_its_first_20(client: httpx.Client) -> None:
    response = client.post(CERTIFICATES, json={**GIFT, "code": "ABCDEFGHIJKLMNOPQRSTUVWXYZ"})

    assert response.json()["code"] == "ABCDEFGHIJKLMNOPQRST"


@pytest.mark.parametrize("code", ["ONE", "one", "Three", "threeXXXXXXXXXXXXXXXXXXXX"])
def test_createGiftCertificate_code_taken_ignoring_case_returns_409(
    client: httpx.Client, store: Store, three: None, code: str
) -> None:
    if code.startswith("three"):
        client.put(f"{CERTIFICATES}/3", json={"code": "THREEXXXXXXXXXXXXXXX"})
    before = snapshot(store)

    response = client.post(CERTIFICATES, json={**GIFT, "code": code})

    assert response.status_code == 409
    assert response.json() == errors(409, f"A gift certificate with the code '{code[:20]}' already exists.")
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("body", "messages"),
    [
        ({"to_name": "x"}, [
            "The required field 'to_email' was not supplied.", "The required field 'from_name' was not supplied.",
            "The required field 'from_email' was not supplied.", "The required field 'amount' was not supplied.",
        ]),
        ({**GIFT, "amount": 10}, ["The field 'amount' is invalid: must be a string."]),
        ({**GIFT, "amount": "ten"}, ["The field 'amount' is invalid: must be a decimal string of at least 0, such as "
                                     "5.00."]),
        ({**GIFT, "balance": "10.01"}, ["The field 'balance' is invalid: must not be more than the amount."]),
        ({**GIFT, "to_email": "john"}, ["The field 'to_email' is invalid: must be a valid email address."]),
        ({**GIFT, "status": "used"}, ["The field 'status' is invalid: must be one of: active, pending, disabled, "
                                      "expired."]),
        ({**GIFT, "template": "wedding.html"}, ["The field 'template' is invalid: must be one of: birthday.html, "
                                                "girl.html, boy.html, celebration.html, christmas.html, "
                                                "general.html."]),
        ({**GIFT, "message": "m" * 251}, ["The field 'message' is invalid: must be at most 250 characters long."]),
        ({**GIFT, "expiry_date": "someday"}, ["The field 'expiry_date' is invalid: must be an RFC 2822 or ISO 8601 "
                                              "date, or empty."]),
        ({**GIFT, "expiry_date": "9999-12-31T23:59:59-01:00"}, ["The field 'expiry_date' is invalid: must be an RFC "
                                                                "2822 or ISO 8601 date, or empty."]),
        ({**GIFT, "order_id": 7}, ["The field 'order_id' is invalid: is not a field this resource accepts."]),
        ({**GIFT, "id": 7}, ["The field 'id' is invalid: is not a field this resource accepts."]),
    ],
)  # fmt: skip
def test_createGiftCertificate_invalid_returns_400_and_changes_nothing(
    client: httpx.Client, store: Store, body: dict[str, Any], messages: list[str]
) -> None:
    before = snapshot(store)

    response = client.post(CERTIFICATES, json=body)

    assert response.status_code == 400
    assert response.json() == errors(400, *messages)
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, [1, 2, 3]),
        ({"code": "two"}, [2]),
        ({"to_name": "Ann"}, [1, 3]),
        ({"from_name": "Cy"}, [3]),
        ({"to_email": "john@example.com", "min_id": 2}, [2, 3]),
        ({"from_email": "jane@example.com", "max_id": 1}, [1]),
        ({"order_id": 0}, [1, 2, 3]),
        ({"direction": "desc"}, [3, 2, 1]),
        ({"sort": "id", "direction": "desc", "limit": 2}, [3, 2]),
        ({"limit": 2, "page": 2}, [3]),
    ],
)
def test_getGiftCertificates_filters_sorts_and_pages(
    client: httpx.Client, three: None, params: dict[str, Any], expected: list[int]
) -> None:
    assert ids(client.get(CERTIFICATES, params=params)) == expected


@pytest.mark.parametrize("params", [{"to_name": "ann"}, {"order_id": 5}, {"page": 2}])
def test_getGiftCertificates_empty_page_returns_204(client: httpx.Client, three: None, params: dict[str, Any]) -> None:
    response = client.get(CERTIFICATES, params=params)

    assert response.status_code == 204
    assert response.content == b""


def test_getGiftCertificates_bad_filter_returns_400(client: httpx.Client, three: None) -> None:
    response = client.get(CERTIFICATES, params={"order_id": "x"})

    assert response.status_code == 400
    assert response.json() == errors(400, "The filter 'order_id' is invalid: 'x' is not an integer.")


def test_getGiftCertificate_returns_it_and_404_for_an_unknown_id(client: httpx.Client, frozen: Store) -> None:
    made = client.post(CERTIFICATES, json=GIFT).json()

    found = client.get(f"{CERTIFICATES}/1")
    missing = client.get(f"{CERTIFICATES}/9")

    assert (found.status_code, found.json()) == (200, made)
    assert missing.status_code == 404
    assert missing.json() == errors(404, "The requested resource was not found.")


def test_updateGiftCertificate_changes_what_is_sent(client: httpx.Client, frozen: Store, three: None) -> None:
    response = client.put(f"{CERTIFICATES}/2", json={"balance": "2.5", "status": "disabled", "code": "two"})

    assert response.status_code == 200
    assert response.json() == {
        **GIFT_V2, "id": 2, "to_name": "Bob", "code": "two", "balance": "2.5000", "status": "disabled",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"code": "one"}, 409, "A gift certificate with the code 'one' already exists."),
        ({"amount": "5"}, 400, "The field 'balance' is invalid: must not be more than the amount."),
        ({"to_email": "bob"}, 400, "The field 'to_email' is invalid: must be a valid email address."),
    ],
)
def test_updateGiftCertificate_refused_changes_nothing(
    client: httpx.Client, store: Store, three: None, body: dict[str, Any], status: int, message: str
) -> None:
    before = snapshot(store)

    response = client.put(f"{CERTIFICATES}/2", json=body)

    assert response.status_code == status
    assert response.json() == errors(status, message)
    assert snapshot(store) == before


def test_updateGiftCertificate_unknown_id_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{CERTIFICATES}/9", json={"status": "active"})

    assert response.status_code == 404
    assert response.json() == errors(404, "The requested resource was not found.")
    assert snapshot(store) == before


def test_deleteGiftCertificate_and_deleteGiftCertificates(client: httpx.Client, store: Store, three: None) -> None:
    one = client.delete(f"{CERTIFICATES}/2")
    missing = client.delete(f"{CERTIFICATES}/2")

    assert one.status_code == 204
    assert missing.status_code == 404
    assert missing.json() == errors(404, "The requested resource was not found.")
    assert ids(client.get(CERTIFICATES)) == [1, 3]

    every = client.delete(CERTIFICATES)

    assert every.status_code == 204
    assert len(store.gift_certificates) == 0


def test_find_by_code_ignores_case(store: Store, client: httpx.Client, three: None) -> None:
    assert service.find_by_code(store, "two") == store.gift_certificates.require(2)
    assert service.find_by_code(store, "nope") is None


# --------------------------------------------------------------------------- spend (for orders)


def test_spend_takes_the_amount_off_the_balance(client: httpx.Client, store: Store, three: None) -> None:
    spent = service.spend(store, "two", 2.5)

    assert spent.balance == 7.5
    assert client.get(f"{CERTIFICATES}/2").json()["balance"] == "7.5000"


@pytest.mark.parametrize(
    ("change", "code", "amount", "field", "rule", "message"),
    [
        ({}, "NOPE", 1.0, "gift_certificate_code", "gift_certificate_unknown",
         "The gift certificate code 'NOPE' does not exist."),
        ({"status": "disabled"}, "ONE", 1.0, "gift_certificate_code", "gift_certificate_inactive",
         "The gift certificate 'ONE' is disabled."),
        ({"expiry_date": "Tue, 01 Jan 2019 00:00:00 +0000"}, "ONE", 1.0, "gift_certificate_code",
         "gift_certificate_inactive", "The gift certificate 'ONE' is expired."),
        ({}, "ONE", 10.01, "amount", "gift_certificate_balance",
         "must be more than 0 and at most the balance of gift certificate 'ONE', 10.00"),
        ({}, "ONE", 0.0, "amount", "gift_certificate_balance",
         "must be more than 0 and at most the balance of gift certificate 'ONE', 10.00"),
    ],
)  # fmt: skip
def test_spend_refuses_what_the_certificate_cannot_pay(
    client: httpx.Client, store: Store, three: None, change: dict[str, Any], code: str, amount: float, field: str,
    rule: str, message: str,
) -> None:  # fmt: skip
    if change:
        client.put(f"{CERTIFICATES}/1", json=change)
    before = snapshot(store)

    with pytest.raises(Invalid) as refused:
        service.spend(store, code, amount)

    assert (refused.value.kind, refused.value.fields) == ("gift_certificate", {field: rule})
    assert words.messages(refused.value.problems) == {field: message}
    assert snapshot(store) == before


def test_gift_certificate_writes_emit_events(client: httpx.Client, store: Store) -> None:
    events: list[Any] = []
    unsubscribe = store.subscribe(events.append)
    try:
        client.post(CERTIFICATES, json=GIFT)
        client.put(f"{CERTIFICATES}/1", json={"status": "disabled"})
        client.delete(f"{CERTIFICATES}/1")
    finally:
        unsubscribe()

    assert [(e.resource, e.action, e.id) for e in events] == [
        ("gift_certificate", "created", 1), ("gift_certificate", "updated", 1), ("gift_certificate", "deleted", 1),
    ]  # fmt: skip
