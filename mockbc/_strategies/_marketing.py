"""Marketing: v2 coupons (``POST /v2/coupons``), v3 promotions (``POST /v3/promotions``) and
their coupon codes, and coupon bodies the mock must refuse.

Coupon names are unique ignoring case; coupon codes and promotion codes share one space,
also ignoring case, and use only ``[A-Za-z0-9 _-]`` (upstream marketing.v2.yml,
promotions.v3.yml). ``applies_to`` names the store's real categories or products.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from mockbc._strategies._core import InvalidCase, apply_overrides, check_overrides, check_store, made_unique
from mockbc._strategies._intended import INTENDED
from mockbc._strategies._v2 import rfc2822_dates, v2_properties
from mockbc.store.store import Store

COUPON_CREATE = "createCoupon"
COUPON_TYPES = ("per_item_discount", "per_total_discount", "shipping_discount", "free_shipping", "percentage_discount")
MAX_COUPON_NAME, MAX_CODE = 100, 50
CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 _-"
_CODES = st.text(alphabet=CODE_ALPHABET, min_size=1, max_size=20).filter(lambda code: code.strip(" ") != "")


def _taken_codes(store: Store | None) -> set[str]:
    if store is None:
        return set()
    codes = {c.code.casefold() for c in store.coupons.values()}
    return codes | {c.code.casefold() for c in store.promotion_codes.values()}


def _free_code(draw: st.DrawFn, taken: set[str]) -> str:
    code = made_unique(draw(_CODES), lambda c: c.casefold() not in taken, max_size=MAX_CODE, separator="-")
    taken.add(code.casefold())
    return code


def _amount(draw: st.DrawFn, kind: str) -> str:
    cents = draw(st.integers(0, 10_000 if kind == "percentage_discount" else 10**7))
    return f"{cents // 100}.{cents % 100:02d}"


@st.composite
def coupons(draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]) -> dict[str, Any]:
    """Bodies for ``POST /v2/coupons`` (201): a ``name`` and ``code`` no coupon (nor promotion
    code) has, ignoring case, a ``type`` other than ``promotion``, an amount as a decimal string
    (at most 100 for a percentage), and ``applies_to`` the store's categories (or ``[0]``, all of
    them) or products; now and then a minimum purchase, an expiry date, use limits or a
    shipping-method list."""
    check_store("coupons", store)
    check_overrides("coupons", COUPON_CREATE, overrides, known=v2_properties(COUPON_CREATE))
    names = {c.name.casefold() for c in store.coupons.values()} if store is not None else set()
    label = draw(st.sampled_from(("Five off", "Spring sale", "Free shipping", "VIP 10%", "Welcome back")))
    name = made_unique(label, lambda n: n.casefold() not in names, max_size=MAX_COUPON_NAME)
    kind = draw(st.sampled_from(COUPON_TYPES))
    category_ids = sorted(c.id for c in store.categories.values()) if store is not None else []
    product_ids = sorted(p.id for p in store.products.values()) if store is not None else []
    if draw(st.booleans()) and product_ids:
        ids = draw(st.lists(st.sampled_from(product_ids), min_size=1, max_size=3, unique=True))
        applies_to: dict[str, Any] = {"entity": "products", "ids": ids}
    else:
        some = st.lists(st.sampled_from(category_ids), min_size=1, max_size=3, unique=True)
        ids = draw(some) if draw(st.booleans()) and category_ids else [0]
        applies_to = {"entity": "categories", "ids": ids}
    body: dict[str, Any] = {
        "name": name, "code": _free_code(draw, _taken_codes(store)), "type": kind, "amount": _amount(draw, kind),
        "applies_to": applies_to,
    }  # fmt: skip
    if draw(st.booleans()):
        body["min_purchase"] = _amount(draw, "per_total_discount")
    if draw(st.integers(0, 3)) == 0:
        body["expires"] = draw(rfc2822_dates())
    if draw(st.booleans()):
        body["enabled"] = draw(st.booleans())
    if draw(st.booleans()):
        body["max_uses"] = draw(st.integers(0, 1000))
        body["max_uses_per_customer"] = draw(st.integers(0, 10))
    if draw(st.integers(0, 3)) == 0:
        body["shipping_methods"] = draw(
            st.sampled_from((["shipping_flatrate"], ["shipping_free", "shipping_byweight"]))
        )
    apply_overrides(draw, body, overrides)
    return body


@st.composite
def invalid_coupons(draw: st.DrawFn, /, *, store: Store | None = None) -> InvalidCase:
    """``InvalidCase``s for ``POST /v2/coupons``: 400 for a missing required field, a code with a
    character outside ``[A-Za-z0-9 _-]`` or longer than 50, a type outside the enum (or
    ``promotion``, which only the promotions API makes), a percentage over 100, an
    ``applies_to`` entity other than products or categories; 409 (given a store with coupons) for
    a name or code in use in another case. ``field`` is None: v2 errors are a list of messages."""
    check_store("invalid_coupons", store)
    body = draw(coupons(store=store))
    breaks: list[tuple[str, dict[str, Any], int]] = [
        (f"{name} missing", {k: v for k, v in body.items() if k != name}, 400)
        for name in ("name", "code", "type", "amount", "applies_to")
    ]
    breaks += [
        ("code with a forbidden character", {**body, "code": body["code"][:40] + draw(st.sampled_from("!@#$%&*/.,;:'\"é"))}, 400),
        ("code longer than 50", {**body, "code": "C" * (MAX_CODE + 1)}, 400),
        ("type outside the enum", {**body, "type": draw(st.sampled_from(("promotion", "buy_one_get_one", "")))}, 400),
        ("percentage over 100", {**body, "type": "percentage_discount", "amount": "100.01"}, 400),
        ("applies_to entity unknown", {**body, "applies_to": {"entity": "brands", "ids": [1]}}, 400),
    ]  # fmt: skip
    existing = list(store.coupons.values()) if store is not None else []
    if existing:
        other = draw(st.sampled_from(existing))
        breaks.append(("name in use", {**body, "name": other.name.swapcase()}, 409))
        breaks.append(("code in use", {**body, "code": other.code.swapcase()}, 409))
    reason, payload, status = draw(st.sampled_from(breaks))
    INTENDED.add(payload)
    return InvalidCase(payload=payload, status=status, reason=reason)


_ACTIONS = (
    {"cart_value": {"discount": {"percentage_amount": "10"}}},
    {"cart_value": {"discount": {"fixed_amount": "5"}}},
    {"shipping": {"free_shipping": True, "zone_ids": "*"}},
)


@st.composite
def promotions(
    draw: st.DrawFn, /, *, store: Store | None = None, **overrides: st.SearchStrategy[Any]
) -> dict[str, Any]:
    """Bodies for ``POST /v3/promotions`` (201): ``AUTOMATIC`` or ``COUPON`` (``SINGLE`` or
    ``BULK``), one or two rules with a cart-value discount or free shipping, and now and then a
    display name, status, use limit or end date. Overrides are sent as drawn."""
    check_store("promotions", store)
    redemption = draw(st.sampled_from(("AUTOMATIC", "COUPON")))
    name = draw(st.sampled_from(("Spring sale", "Free shipping weekend", "Ten percent off", "Loyalty reward")))
    body: dict[str, Any] = {
        "name": f"{name} {draw(st.integers(1, 10**6))}", "redemption_type": redemption,
        "rules": draw(st.lists(st.sampled_from(_ACTIONS), min_size=1, max_size=2)),
    }  # fmt: skip
    body["rules"] = [{"action": action} for action in body["rules"]]
    if redemption == "COUPON" and draw(st.booleans()):
        body["coupon_type"] = draw(st.sampled_from(("SINGLE", "BULK")))
    if draw(st.booleans()):
        body["display_name"] = draw(st.sampled_from(("Save now", "Just for you")))
    if draw(st.booleans()):
        body["status"] = draw(st.sampled_from(("ENABLED", "DISABLED")))
    if draw(st.booleans()):
        body["max_uses"] = draw(st.integers(1, 1000))
    if draw(st.integers(0, 3)) == 0:
        body["end_date"] = f"{draw(st.integers(2030, 2040))}-12-31T23:59:59+00:00"
    apply_overrides(draw, body, overrides)
    return body


@st.composite
def promotion_codes(draw: st.DrawFn, /, *, store: Store | None = None) -> dict[str, Any]:
    """Bodies for ``POST /v3/promotions/{id}/codes`` (201): a ``code`` no coupon or promotion
    code has, ignoring case, and now and then use limits (0: unlimited)."""
    check_store("promotion_codes", store)
    body: dict[str, Any] = {"code": _free_code(draw, _taken_codes(store))}
    if draw(st.booleans()):
        body["max_uses"] = draw(st.integers(0, 100))
        body["max_uses_per_customer"] = draw(st.integers(0, 5))
    return body
