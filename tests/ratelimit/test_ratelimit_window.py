"""The fixed-window arithmetic of the request quota, on an injected clock."""

from __future__ import annotations

import pytest

from mockbc.domain.errors import RateLimited
from mockbc.http.auth import Quota
from mockbc.http.ratelimit import MAX_TRACKED_STORES, OFF, PRO, STANDARD, Plan, StoreRateLimiter, parse_plan


class Clock:
    def __init__(self, now_ms: int = 1_000) -> None:
        self.now_ms = now_ms

    def __call__(self) -> int:
        return self.now_ms


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        ("standard", STANDARD), ("pro", PRO), ("off", OFF), (" Standard ", STANDARD),
        ("5/1", Plan("5/1", 5, 1_000)), ("007/30", Plan("7/30", 7, 30_000)),
    ],
)  # fmt: skip
def test_plans_parse(text: str, plan: Plan) -> None:
    assert parse_plan(text) == plan


def test_the_named_plans_are_the_documented_quotas() -> None:
    assert (STANDARD.quota, STANDARD.window_ms, PRO.quota, PRO.window_ms) == (150, 30_000, 450, 30_000)
    assert OFF.enforced is False and STANDARD.enforced and PRO.enforced


@pytest.mark.parametrize(
    "text", ["", "fast", "5", "5/", "/1", "0/1", "5/0", "-1/1", "5/1.5", "1e3/1", "5/86401", "٥/1"]
)
def test_bad_plans_are_refused(text: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_plan(text)
    assert str(raised.value) == (
        f"rate limit must be standard, pro, off or N/SECONDS (N 1 to 1000000000, SECONDS 1 to 86400), got {text!r}"
    )


def test_each_request_spends_one_and_the_last_is_refused_until_the_window_ends() -> None:
    clock = Clock()
    limiter = StoreRateLimiter("3/10", clock=clock)

    first = limiter.take("a")
    clock.now_ms += 4_000
    second = limiter.take("a")
    third = limiter.take("a")
    with pytest.raises(RateLimited) as refused:
        limiter.take("a")

    assert first == Quota(window_ms=10_000, reset_ms=10_000, quota=3, left=2)
    assert second == Quota(window_ms=10_000, reset_ms=6_000, quota=3, left=1)
    assert third == Quota(window_ms=10_000, reset_ms=6_000, quota=3, left=0)
    assert refused.value == RateLimited(quota=3, window_ms=10_000, reset_ms=6_000)

    clock.now_ms += 5_999
    with pytest.raises(RateLimited) as still:
        limiter.take("a")
    assert still.value.reset_ms == 1
    clock.now_ms += 1  # the window ends: a fresh one opens with this request
    assert limiter.take("a") == Quota(window_ms=10_000, reset_ms=10_000, quota=3, left=2)


def test_a_refused_request_spends_nothing() -> None:
    clock = Clock()
    limiter = StoreRateLimiter("1/1", clock=clock)
    limiter.take("a")
    for _ in range(5):
        with pytest.raises(RateLimited):
            limiter.take("a")
    assert limiter.windows["a"].used == 1


def test_stores_have_separate_windows() -> None:
    clock = Clock()
    limiter = StoreRateLimiter("1/1", clock=clock)
    limiter.take("a")
    assert limiter.take("b") == Quota(1_000, 1_000, 1, 0)
    with pytest.raises(RateLimited):
        limiter.take("a")


def test_status_reads_without_spending() -> None:
    clock = Clock()
    limiter = StoreRateLimiter("2/1", clock=clock)
    assert limiter.status("a") == Quota(1_000, 1_000, 2, 2)
    limiter.take("a")
    clock.now_ms += 250
    assert limiter.status("a") == limiter.status("a") == Quota(1_000, 750, 2, 1)
    clock.now_ms += 750
    assert limiter.status("a") == Quota(1_000, 1_000, 2, 2)


def test_off_reports_a_full_window_and_never_refuses() -> None:
    limiter = StoreRateLimiter("off", clock=Clock())
    answers = {limiter.take("a") for _ in range(1_000)}
    assert answers == {Quota(30_000, 30_000, 150, 150)}
    assert limiter.windows == {}


def test_set_plan_gives_one_store_its_own_plan_and_a_fresh_window() -> None:
    limiter = StoreRateLimiter("1/1", clock=Clock())
    limiter.take("a")
    limiter.set_plan("a", parse_plan("3/1"))
    assert limiter.take("a") == Quota(1_000, 1_000, 3, 2)
    assert limiter.take("b") == Quota(1_000, 1_000, 1, 0)
    limiter.set_plan("a", None)
    assert limiter.plan_for("a") == Plan("1/1", 1, 1_000)


def test_reset_refills_and_forget_drops_the_plan() -> None:
    limiter = StoreRateLimiter("1/30", clock=Clock())
    limiter.set_plan("a", parse_plan("1/1"))
    limiter.take("a")
    limiter.reset("a")
    assert limiter.take("a") == Quota(1_000, 1_000, 1, 0)
    limiter.forget("a")
    assert limiter.plan_for("a").name == "1/30" and "a" not in limiter.windows


def test_forced_429s_come_first_spend_nothing_and_run_out() -> None:
    clock = Clock()
    limiter = StoreRateLimiter("5/1", clock=clock)
    limiter.take("a")
    clock.now_ms += 400
    limiter.force("a", 2, headers=False)
    refusals = []
    for _ in range(2):
        with pytest.raises(RateLimited) as refused:
            limiter.take("a")
        refusals.append(refused.value)
    assert refusals == [RateLimited(quota=5, window_ms=1_000, reset_ms=600, with_headers=False)] * 2
    assert limiter.take("a") == Quota(1_000, 600, 5, 3)
    assert limiter.forced == {}


def test_forced_429s_apply_to_off_too() -> None:
    limiter = StoreRateLimiter("off", clock=Clock())
    limiter.force("a", 1)
    with pytest.raises(RateLimited) as refused:
        limiter.take("a")
    assert refused.value == RateLimited(quota=150, window_ms=30_000, reset_ms=30_000, with_headers=True)
    limiter.force("a", 1)
    limiter.force("a", 0)
    assert limiter.take("a").left == 150


def test_tracked_windows_stay_bounded() -> None:
    clock = Clock()
    limiter = StoreRateLimiter("1/1", clock=clock)
    for n in range(MAX_TRACKED_STORES):
        limiter.take(f"s{n}")
    clock.now_ms += 1_000  # every window has ended: they are pruned, not kept
    limiter.take("late")
    assert set(limiter.windows) == {"late"}
    for n in range(MAX_TRACKED_STORES + 5):
        limiter.take(f"t{n}")
    assert len(limiter.windows) <= MAX_TRACKED_STORES
