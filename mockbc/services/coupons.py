"""Create, change, find and delete legacy coupons (upstream marketing.v2.yml, ``/v2/coupons``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockbc.domain.coupons import CODE_CHARS, WRITABLE_TYPES, Coupon, code_key
from mockbc.domain.errors import Invalid, NotFound, Problem, conflict, invalid
from mockbc.domain.query import Condition, Filter
from mockbc.store.select import Rows, select
from mockbc.store.store import Store


def _casefold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


FILTERS = {
    "id": Filter(get=lambda c: c.id, primary=True),
    "name": Filter(get=lambda c: c.name, index="name", normalise=_casefold),
    "code": Filter(get=lambda c: code_key(c.code), index="code"),  # ignoring case, as shoppers type it
    "type": Filter(get=lambda c: c.type, index="type"),
}


def filters() -> Mapping[str, Filter]:
    return FILTERS


def get(store: Store, coupon_id: int) -> Coupon:
    coupon: Coupon | None = store.coupons.get(coupon_id)
    if coupon is None:
        raise NotFound("coupon", coupon_id)
    return coupon


def find(store: Store, conditions: Sequence[Condition]) -> Rows:
    return select(store.coupons, conditions, FILTERS, context=store)


def find_by_code(store: Store, code: str) -> Coupon | None:
    """The coupon a shopper's code names, ignoring case; None when no coupon has it."""
    coupon_id = store.coupons.unique("code", code_key(code))
    return None if coupon_id is None else store.coupons.get(coupon_id)


def code_owner(store: Store, code: str) -> str | None:
    """What already holds ``code`` in the store: ``"coupon"``, ``"promotion_code"`` or None. Legacy coupons and
    the promotions API's coupon codes are redeemed from one box at checkout, so a code is unique across both."""
    if store.coupons.unique("code", code_key(code)) is not None:
        return "coupon"
    if store.promotion_codes.unique("code", code_key(code)) is not None:
        return "promotion_code"
    return None


def _check(store: Store, fields: Mapping[str, Any], own: Coupon | None) -> None:
    problems: list[Problem] = []
    if "code" in fields and not CODE_CHARS.fullmatch(fields["code"]):
        problems.append(Problem("code", "code_chars"))
    if "type" in fields and fields["type"] not in WRITABLE_TYPES and (own is None or fields["type"] != own.type):
        problems.append(Problem("type", "coupon_type_promotion", {"options": WRITABLE_TYPES}))
    kind = fields.get("type", own.type if own else None)
    amount = fields.get("amount", own.amount if own else None)
    if kind == "percentage_discount" and amount is not None and amount > 100:
        problems.append(Problem("amount", "percentage_over_100"))
    if problems:
        raise Invalid("body", tuple(problems))
    own_id = own.id if own else None
    if "name" in fields:
        owner = store.coupons.unique("name", fields["name"].casefold())
        if owner is not None and owner != own_id:
            raise conflict("coupon_name_taken", "name", "coupon_name_taken", value=fields["name"])
    if "code" in fields:
        owner = store.coupons.unique("code", code_key(fields["code"]))
        if (owner is not None and owner != own_id) or (owner is None and code_owner(store, fields["code"])):
            raise conflict("coupon_code_taken", "code", "coupon_code_taken", value=fields["code"])


def create(store: Store, changes: Mapping[str, Any], *, coupon_id: int | None = None) -> Coupon:
    """A new coupon; ``coupon_id`` is for fixtures, the API lets the store choose."""
    fields = dict(changes)
    if coupon_id is not None and store.coupons.get(coupon_id) is not None:
        raise conflict("id_taken", "id", "id_taken", id=coupon_id)
    _check(store, fields, None)
    if coupon_id is None:
        coupon_id = store.next_id("coupons")
    else:
        store.sequence("coupons").claim(coupon_id)
    coupon = Coupon(id=coupon_id, date_created=store.clock.now(), **fields)
    store.coupons.put(coupon.id, coupon)
    store.emit("coupon", "created", coupon.id)
    return coupon


def update(store: Store, coupon_id: int, changes: Mapping[str, Any]) -> Coupon:
    """Changes what ``changes`` names. ``applies_to`` is the exception: a PUT without it clears it
    (upstream marketing.v2.yml, updateCoupon; BC_FACTS §3.11)."""
    coupon = get(store, coupon_id)
    fields = dict(changes)
    _check(store, fields, coupon)
    fields.setdefault("applies_to", None)
    updated = replace(coupon, **fields)
    store.coupons.put(updated.id, updated)
    store.emit("coupon", "updated", updated.id)
    return updated


def delete(store: Store, coupon_ids: Sequence[int]) -> list[int]:
    """Delete coupons; returns the ids deleted."""
    return sorted(store.delete("coupons", coupon_ids).get("coupons", ()))


def redeem(store: Store, code: str) -> Coupon:
    """Use the coupon ``code`` names once (for orders that apply a coupon): it must exist, be enabled, not be past
    its expiry and not have reached ``max_uses``; its ``num_uses`` then goes up by one. Limits per customer need the
    customer's orders, which the caller checks."""
    coupon = find_by_code(store, code)
    if coupon is None:
        raise invalid("coupon", "coupon_code", "coupon_unknown", value=code)
    if not coupon.enabled:
        raise invalid("coupon", "coupon_code", "coupon_disabled", value=coupon.code)
    if coupon.expires is not None and coupon.expires <= store.clock.now():
        raise invalid("coupon", "coupon_code", "coupon_expired", value=coupon.code)
    if coupon.max_uses and coupon.num_uses >= coupon.max_uses:
        raise invalid("coupon", "coupon_code", "coupon_used_up", value=coupon.code, limit=coupon.max_uses)
    used = replace(coupon, num_uses=coupon.num_uses + 1)
    store.coupons.put(used.id, used)
    store.emit("coupon", "updated", used.id)
    return used
