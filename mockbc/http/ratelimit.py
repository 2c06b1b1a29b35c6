"""The request quota of BigCommerce's rate-limits guide: one fixed window per store.

Every API account and app of a store spends the same quota; each request costs one unit. A
window opens with the first request after the previous one ended and lasts ``window_ms``; a
request with nothing left is refused with 429 and spends nothing. The clock is a callable
answering monotonic milliseconds, so tests move time instead of waiting for it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from mockbc.domain import errors as e
from mockbc.http.auth import Quota

MillisClock = Callable[[], int]
MAX_WINDOW_SECONDS = 86_400
MAX_QUOTA = 1_000_000_000
MAX_FORCED = 1_000_000
MAX_TRACKED_STORES = 10_000  # windows of dropped stores are pruned past this many


def monotonic_ms() -> int:
    return time.monotonic_ns() // 1_000_000


@dataclass(frozen=True, slots=True)
class Plan:
    """A quota: ``quota`` requests per ``window_ms``; ``enforced=False`` reports it and never refuses."""

    name: str
    quota: int
    window_ms: int
    enforced: bool = True


STANDARD = Plan("standard", 150, 30_000)  # Standard and Plus plans (BigCommerce's rate-limits guide)
PRO = Plan("pro", 450, 30_000)
OFF = Plan("off", 150, 30_000, enforced=False)  # decision: headers of a full standard window, always
NAMED = {plan.name: plan for plan in (STANDARD, PRO, OFF)}

# The concurrency limits the upstream specs state per operation ("N concurrent requests"):
# categories_catalog.v3.yml, category-trees_catalog.v3.yml, customers.v2.yml, customers.v3.yml,
# promotions.v3.yml. Each counts one store's requests of that operation in flight.
CONCURRENCY_LIMITS: dict[tuple[str, str], int] = {
    **dict.fromkeys(
        [("v3", op) for op in ("getCategories", "getCategory", "updateCategory", "deleteCategory")], 40
    ),
    ("v3", "getCategoryTree"): 1,
    **dict.fromkeys(
        [("v2", op) for op in ("getCustomerGroups", "createCustomerGroup", "deleteCustomerGroup")], 40
    ),
    **dict.fromkeys(
        [("v3", op) for op in (
            "updateCustomers", "updateCustomersAddresses", "createCustomersAttributes",
            "updateCustomersAttributes", "upsertCustomersAttributeValues",
        )], 3,
    ),
    ("v3", "createCustomersAddresses"): 10,
    ("v3", "updateCustomerFormFieldValues"): 10,
    **dict.fromkeys(
        [("v3", op) for op in (
            "getPromotions", "createPromotion", "deletePromotions", "getPromotion", "updatePromotion",
            "deletePromotion", "createPromotionCode", "deleteCouponCodes", "getCouponCodeByCode",
            "deleteCouponCodeByCode", "deleteCouponCode",
        )], 40,
    ),
    ("v3", "getPromotionCodes"): 10,
    ("v3", "generatePromotionCodesBatch"): 10,
}  # fmt: skip
# Decision: a request refused for concurrency is told to retry in a second (X-Retry-After: 1);
# the other headers report the store's window as it is (upstream documents neither).
CONCURRENCY_RETRY_MS = 1_000


def parse_plan(text: str) -> Plan:
    """``standard``, ``pro``, ``off`` or ``N/SECONDS`` (``5/1``: five requests a second); ValueError else."""
    named = NAMED.get(text.strip().lower())
    if named is not None:
        return named
    quota, slash, seconds = text.strip().partition("/")
    if (
        not slash
        or not (quota.isascii() and quota.isdigit() and seconds.isascii() and seconds.isdigit())
        or not 1 <= int(quota) <= MAX_QUOTA
        or not 1 <= int(seconds) <= MAX_WINDOW_SECONDS
    ):
        raise ValueError(
            f"rate limit must be standard, pro, off or N/SECONDS (N 1 to {MAX_QUOTA}, SECONDS 1 to "
            f"{MAX_WINDOW_SECONDS}), got {text!r}"
        )
    return Plan(f"{int(quota)}/{int(seconds)}", int(quota), int(seconds) * 1000)


@dataclass(slots=True)
class Window:
    """One store's current window: when it opened and how many requests it has served."""

    opened_ms: int
    used: int = 0

    def reset_ms(self, plan: Plan, now_ms: int) -> int:
        return max(0, self.opened_ms + plan.window_ms - now_ms)

    def expired(self, plan: Plan, now_ms: int) -> bool:
        return now_ms >= self.opened_ms + plan.window_ms


@dataclass(slots=True)
class _Forced:
    remaining: int
    headers: bool


class StoreRateLimiter:
    """The ``RateLimiter`` of the pipeline: ``plan`` for every store unless ``set_plan`` chose another."""

    def __init__(self, plan: Plan | str = STANDARD, *, clock: MillisClock = monotonic_ms) -> None:
        self.plan = parse_plan(plan) if isinstance(plan, str) else plan
        self.clock = clock
        self.plans: dict[str, Plan] = {}
        self.windows: dict[str, Window] = {}
        self.forced: dict[str, _Forced] = {}
        self._full: dict[str, Quota] = {}  # one Quota object per plan name (it names one plan): encoded once
        self.concurrency_limits = dict(CONCURRENCY_LIMITS)
        # Entries leave at zero: the table holds only what is in flight now.
        self.in_flight: dict[tuple[str, str, str], int] = {}

    def _full_window(self, plan: Plan) -> Quota:
        full = self._full.get(plan.name)
        if full is None:
            if len(self._full) >= 64:
                self._full.clear()
            full = self._full[plan.name] = Quota(plan.window_ms, plan.window_ms, plan.quota, plan.quota)
        return full

    def plan_for(self, store_hash: str) -> Plan:
        return self.plans.get(store_hash, self.plan)

    def set_plan(self, store_hash: str, plan: Plan | None) -> None:
        """Give ``store_hash`` its own plan (``None``: back to the limiter's) and a fresh window."""
        if plan is None:
            self.plans.pop(store_hash, None)
        else:
            self.plans[store_hash] = plan
        self.windows.pop(store_hash, None)

    def reset(self, store_hash: str) -> None:
        """Refill the store's quota now and drop any forced 429s."""
        self.windows.pop(store_hash, None)
        self.forced.pop(store_hash, None)

    def forget(self, store_hash: str) -> None:
        self.reset(store_hash)
        self.plans.pop(store_hash, None)

    def force(self, store_hash: str, count: int, *, headers: bool = True) -> None:
        """Answer the store's next ``count`` requests with 429; ``headers=False`` leaves out the
        rate-limit headers, which BigCommerce's guide says marks platform-wide load."""
        if count <= 0:
            self.forced.pop(store_hash, None)
        else:
            self.forced[store_hash] = _Forced(count, headers)

    def _window(self, store_hash: str, plan: Plan, now_ms: int) -> Window:
        window = self.windows.get(store_hash)
        if window is None or window.expired(plan, now_ms):
            if window is None and len(self.windows) >= MAX_TRACKED_STORES:
                for name in [h for h, w in self.windows.items() if w.expired(self.plan_for(h), now_ms)]:
                    del self.windows[name]
                if len(self.windows) >= MAX_TRACKED_STORES:
                    self.windows.clear()  # every tracked store is mid-window: start them all afresh
            window = self.windows[store_hash] = Window(now_ms)
        return window

    def status(self, store_hash: str) -> Quota:
        """The store's quota now, without spending any of it."""
        plan = self.plan_for(store_hash)
        if not plan.enforced:
            return self._full_window(plan)
        now_ms = self.clock()
        window = self.windows.get(store_hash)
        if window is None or window.expired(plan, now_ms):
            return self._full_window(plan)
        return Quota(plan.window_ms, window.reset_ms(plan, now_ms), plan.quota, max(0, plan.quota - window.used))

    def enter(self, store_hash: str, operation: tuple[str, str]) -> bool:
        """The ``ConcurrencyGate`` of the pipeline: over an operation's limit, 429 and nothing spent.
        Enforced with the store's plan; plan ``off`` never refuses."""
        limit = self.concurrency_limits.get(operation)
        if limit is None or not self.plan_for(store_hash).enforced:
            return False
        key = (store_hash, *operation)
        running = self.in_flight.get(key, 0)
        if running >= limit:
            quota = self.status(store_hash)
            raise e.RateLimited(
                quota=quota.quota, window_ms=quota.window_ms, reset_ms=quota.reset_ms, left=quota.left,
                retry_ms=CONCURRENCY_RETRY_MS,
            )  # fmt: skip
        self.in_flight[key] = running + 1
        return True

    def leave(self, store_hash: str, operation: tuple[str, str]) -> None:
        key = (store_hash, *operation)
        running = self.in_flight.get(key, 0) - 1
        if running > 0:
            self.in_flight[key] = running
        else:
            self.in_flight.pop(key, None)

    def take(self, store_hash: str) -> Quota:
        plan = self.plan_for(store_hash)
        forced = self.forced.get(store_hash)
        if forced is not None:
            forced.remaining -= 1
            if forced.remaining <= 0:
                del self.forced[store_hash]
            quota = self.status(store_hash)
            raise e.RateLimited(
                quota=quota.quota, window_ms=quota.window_ms, reset_ms=quota.reset_ms,
                with_headers=forced.headers,
            )  # fmt: skip
        if not plan.enforced:
            return self._full_window(plan)
        now_ms = self.clock()
        window = self._window(store_hash, plan, now_ms)
        reset_ms = window.reset_ms(plan, now_ms)
        if window.used >= plan.quota:
            raise e.RateLimited(quota=plan.quota, window_ms=plan.window_ms, reset_ms=reset_ms)
        window.used += 1
        return Quota(plan.window_ms, reset_ms, plan.quota, plan.quota - window.used)


__all__ = [
    "CONCURRENCY_LIMITS",
    "CONCURRENCY_RETRY_MS",
    "NAMED",
    "OFF",
    "PRO",
    "STANDARD",
    "MillisClock",
    "Plan",
    "StoreRateLimiter",
    "monotonic_ms",
    "parse_plan",
]
