"""The request quota through the pipeline: headers on every answer, the 429, the window, and
the control plane's rate-limit routes."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, create_app
from mockbc.auth.scopes import ALL_SCOPES
from mockbc.http.app import MockApp
from mockbc.http.auth import Quota
from mockbc.http.inprocess import InProcessTransport

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
PRODUCT = f"{V3}/catalog/products/77"
TOO_MANY = {"status": 429, "title": "Too many requests", "type": "/api-docs/getting-started/api-status-codes",
            "errors": {}}  # fmt: skip
CONTROL = f"/_mockbc/stores/{DEFAULT_STORE_HASH}/rate-limit"
RATE_HEADERS = ("x-rate-limit-time-window-ms", "x-rate-limit-time-reset-ms", "x-rate-limit-requests-quota",
                "x-rate-limit-requests-left")  # fmt: skip


class Clock:
    def __init__(self) -> None:
        self.now_ms = 50_000

    def __call__(self) -> int:
        return self.now_ms


def limits(response: httpx.Response) -> tuple[int, ...]:
    return tuple(int(response.headers[name]) for name in RATE_HEADERS)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(clock: Clock) -> MockApp:
    return create_app(fixtures="catalog", rate_limit="3/10", rate_limit_clock=clock)


@pytest.fixture
def client(app: MockApp) -> Iterator[httpx.Client]:
    token = app.state.default_account.access_token
    with httpx.Client(
        transport=InProcessTransport(app), base_url="http://mockbc.test", headers={"X-Auth-Token": token}
    ) as client:
        yield client


def test_every_answer_after_auth_carries_the_four_headers(client: httpx.Client, clock: Clock) -> None:
    ok = client.get(PRODUCT)
    clock.now_ms += 2_500
    missing = client.get(f"{V3}/catalog/products/999999")
    invalid = client.post(f"{V3}/catalog/products", json={"name": ""})

    assert (ok.status_code, missing.status_code, invalid.status_code) == (200, 404, 422)
    assert limits(ok) == (10_000, 10_000, 3, 2)
    assert limits(missing) == (10_000, 7_500, 3, 1)
    assert limits(invalid) == (10_000, 7_500, 3, 0)
    assert "x-retry-after" not in ok.headers


def test_not_emulated_paths_and_v2_spend_the_quota_too(client: httpx.Client) -> None:
    unknown = client.get(f"{V3}/nothing/here")
    v2 = client.get(f"/stores/{DEFAULT_STORE_HASH}/v2/products/77")
    assert (unknown.status_code, limits(unknown)[3], v2.status_code, limits(v2)[3]) == (404, 2, 200, 1)


def test_a_401_carries_no_rate_limit_headers_and_spends_nothing(client: httpx.Client) -> None:
    refused = client.get(PRODUCT, headers={"X-Auth-Token": "nobody"})
    after = client.get(PRODUCT)
    assert refused.status_code == 401
    assert not any(name in refused.headers for name in (*RATE_HEADERS, "x-retry-after"))
    assert limits(after)[3] == 2


def test_over_quota_answers_429_with_body_and_headers_until_the_window_ends(client: httpx.Client, clock: Clock) -> None:
    for _ in range(3):
        assert client.get(PRODUCT).status_code == 200
    clock.now_ms += 8_200
    refused = client.get(PRODUCT)
    v2_refused = client.get(f"/stores/{DEFAULT_STORE_HASH}/v2/products/77")

    assert refused.status_code == 429 and refused.json() == TOO_MANY
    assert refused.headers["content-type"] == "application/json"
    assert limits(refused) == (10_000, 1_800, 3, 0)
    assert refused.headers["x-retry-after"] == "2"  # seconds, rounded up
    assert (v2_refused.status_code, v2_refused.json()) == (429, TOO_MANY)

    clock.now_ms += 1_799
    last = client.get(PRODUCT)
    assert (last.status_code, last.headers["x-retry-after"], limits(last)[1]) == (429, "1", 1)
    clock.now_ms += 1
    fresh = client.get(PRODUCT)
    assert fresh.status_code == 200 and limits(fresh) == (10_000, 10_000, 3, 2)


def test_tokens_of_one_store_share_its_window_and_other_stores_have_their_own(
    app: MockApp, client: httpx.Client
) -> None:
    registry = app.state.registry
    second = registry.create_account(DEFAULT_STORE_HASH, name="second", scopes=ALL_SCOPES)
    registry.create_store("other", fixtures="catalog")
    other = registry.create_account("other", name="other", scopes=ALL_SCOPES)

    first_token = client.get(PRODUCT)
    second_token = client.get(PRODUCT, headers={"X-Auth-Token": second.access_token})
    client.get(PRODUCT)
    spent = client.get(PRODUCT, headers={"X-Auth-Token": second.access_token})
    elsewhere = client.get("/stores/other/v3/catalog/products/77", headers={"X-Auth-Token": other.access_token})

    assert (limits(first_token)[3], limits(second_token)[3], spent.status_code) == (2, 1, 429)
    assert elsewhere.status_code == 200 and limits(elsewhere) == (10_000, 10_000, 3, 2)


def test_off_never_refuses_and_still_sends_headers(clock: Clock) -> None:
    app = create_app(fixtures="catalog", rate_limit_clock=clock)  # create_app's default is off
    token = app.state.default_account.access_token
    with httpx.Client(transport=InProcessTransport(app), base_url="http://mockbc.test") as client:
        answers = [client.get(PRODUCT, headers={"X-Auth-Token": token}) for _ in range(200)]
    assert {r.status_code for r in answers} == {200}
    assert {limits(r) for r in answers} == {(30_000, 30_000, 150, 150)}


def test_forced_429_with_and_without_headers(client: httpx.Client) -> None:
    forced = client.post(CONTROL, json={"force_429": 1})
    with_headers = client.get(PRODUCT)
    client.post(CONTROL, json={"force_429": 2, "headers": False})
    bare = [client.get(PRODUCT) for _ in range(2)]
    after = client.get(PRODUCT)

    assert forced.status_code == 200 and forced.json()["forced_429"] == 1
    assert with_headers.status_code == 429 and with_headers.json() == TOO_MANY
    assert limits(with_headers) == (10_000, 10_000, 3, 0) and with_headers.headers["x-retry-after"] == "10"
    for response in bare:
        assert response.status_code == 429 and response.json() == TOO_MANY
        assert not any(name in response.headers for name in (*RATE_HEADERS, "x-retry-after"))
    assert after.status_code == 200 and limits(after)[3] == 2  # forced refusals spent nothing


def test_control_plane_reads_refills_and_changes_the_plan(client: httpx.Client, clock: Clock) -> None:
    client.get(PRODUCT)
    clock.now_ms += 1_000
    read = client.get(CONTROL)
    for _ in range(2):
        client.get(PRODUCT)
    refilled = client.post(CONTROL, json={"reset": True})
    after_reset = client.get(PRODUCT)
    changed = client.post(CONTROL, json={"plan": "pro"})
    on_pro = client.get(PRODUCT)
    back = client.post(CONTROL, json={"plan": None})

    assert read.status_code == 200 and read.json() == {
        "store_hash": DEFAULT_STORE_HASH, "plan": "3/10", "enforced": True, "quota": 3, "window_ms": 10_000,
        "left": 2, "reset_ms": 9_000, "forced_429": 0,
    }  # fmt: skip
    assert refilled.json()["left"] == 3 and limits(after_reset) == (10_000, 10_000, 3, 2)
    assert changed.json()["plan"] == "pro" and changed.json()["quota"] == 450
    assert limits(on_pro) == (30_000, 30_000, 450, 449)
    assert back.json()["plan"] == "3/10"


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"reset": "yes"}, {"reset": "must be true or false"}),
        ({"plan": "fast"}, {"plan": "rate limit must be standard, pro, off or N/SECONDS (N 1 to 1000000000, "
                                     "SECONDS 1 to 86400), got 'fast'"}),
        ({"plan": 5}, {"plan": "must be standard, pro, off, N/SECONDS, or null for the server's plan"}),
        ({"force_429": -1}, {"force_429": "must be an integer from 0 to 1000000"}),
        ({"force_429": True}, {"force_429": "must be an integer from 0 to 1000000"}),
        ({"force_429": 1, "headers": "no"}, {"headers": "must be true or false"}),
        ({"headers": False}, {"headers": "applies only with force_429"}),
        ({}, {"body": "give at least one of reset, plan, force_429"}),
        ({"reset": True, "burst": 1}, {"burst": "unknown field; the fields are reset, plan, force_429, headers"}),
    ],
)  # fmt: skip
def test_control_plane_refuses_bad_changes_whole(client: httpx.Client, body: object, errors: dict[str, str]) -> None:
    client.get(PRODUCT)
    refused = client.post(CONTROL, json=body)
    assert refused.status_code == 422
    assert refused.json() == {"status": 422, "title": "Invalid rate-limit change.", "type": "/_mockbc/errors",
                              "errors": errors}  # fmt: skip
    assert client.get(CONTROL).json()["left"] == 2  # nothing applied


def test_control_plane_on_an_unknown_store(client: httpx.Client) -> None:
    for response in (client.get("/_mockbc/stores/nope/rate-limit"),
                     client.post("/_mockbc/stores/nope/rate-limit", json={"reset": True})):  # fmt: skip
        assert response.status_code == 404
        assert response.json() == {"status": 404, "title": "No such store.", "type": "/_mockbc/errors"}


def test_settings_of_dropped_stores_are_forgotten(app: MockApp, client: httpx.Client) -> None:
    registry = app.state.registry
    limiter = app.state.rate_limiter
    for n in range(3):
        registry.create_store(f"gone{n}", fixtures="empty")
        client.post(f"/_mockbc/stores/gone{n}/rate-limit", json={"plan": "pro", "force_429": 2})
        registry.drop_store(f"gone{n}")
    client.get(CONTROL)
    assert (limiter.plans, limiter.forced) == ({}, {})


class Unlimited:
    def take(self, store_hash: str) -> Quota | None:
        return None


def test_a_foreign_limiter_cannot_be_controlled_and_none_sends_no_headers() -> None:
    app = create_app(fixtures="catalog", rate_limiter=Unlimited())
    with httpx.Client(transport=InProcessTransport(app), base_url="http://mockbc.test") as client:
        response = client.get(CONTROL)
        product = client.get(PRODUCT, headers={"X-Auth-Token": app.state.default_account.access_token})
    assert product.status_code == 200 and not any(name in product.headers for name in RATE_HEADERS)
    assert response.status_code == 409
    assert response.json() == {
        "status": 409, "title": "This server's rate limiter is not mockbc's own; it cannot be controlled here.",
        "type": "/_mockbc/errors",
    }  # fmt: skip
