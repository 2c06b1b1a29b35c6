"""Promotions and their coupon codes (upstream promotions.v3.yml, ``/v3/promotions``)."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from mockbc.domain.coupons import CODE_CHARS, code_key
from mockbc.domain.errors import Invalid, MethodNotAllowed, NotFound, Problem, conflict, invalid
from mockbc.domain.promotions import (
    CODEGEN_AFFIX,
    CODEGEN_ALPHABET,
    CURRENCY,
    EVERY_CHANNEL,
    MAX_CODE,
    Promotion,
    PromotionCode,
)
from mockbc.domain.query import Condition, Filter, field_predicate
from mockbc.services import channels as channel_service
from mockbc.services import coupons
from mockbc.store.select import Rows, select
from mockbc.store.store import Store

COUPON_ONLY = (
    "coupon_type",
    "coupon_overrides_other_promotions",
    "coupon_overrides_automatic_when_offering_higher_discounts",
)
OVERRIDES = COUPON_ONLY[1:]


def _with_code(store: Any, condition: Condition) -> set[int]:
    values = condition.value if condition.op == "in" else [condition.value]
    found: set[int] = set()
    for value in values:
        code_id = store.promotion_codes.unique("code", code_key(str(value)))
        if code_id is not None:
            found.add(store.promotion_codes.require(code_id).promotion_id)
    return found


def _on_channels(store: Any, condition: Condition) -> set[int]:
    """Promotions on any of the channels asked for; one without channels runs on every channel."""
    wanted = condition.value if isinstance(condition.value, list) else [condition.value]
    found: set[int] = set(store.promotions.lookup("channel", EVERY_CHANNEL))
    for channel in wanted:
        found |= store.promotions.lookup("channel", channel)
    return found


FILTERS = {
    "id": Filter(get=lambda p: p.id, primary=True),
    "name": Filter(get=lambda p: p.name.casefold(), index="name"),
    "code": Filter(candidates=_with_code),
    "currency_code": Filter(get=lambda p: p.currency_code, index="currency_code"),
    "redemption_type": Filter(get=lambda p: p.redemption_type, index="redemption_type"),
    "status": Filter(get=lambda p: p.status, index="status"),
    "channels": Filter(candidates=_on_channels),
    "query": Filter(matches=lambda c: field_predicate(lambda p: p.name, Condition("name", "like", c.value))),
}

CODE_FILTERS = {
    "id": Filter(get=lambda c: c.id, primary=True),
    "promotion_id": Filter(get=lambda c: c.promotion_id, index="promotion"),
    "code": Filter(get=lambda c: code_key(c.code), index="code"),
}


def filters() -> Mapping[str, Filter]:
    return FILTERS


def get(store: Store, promotion_id: int) -> Promotion:
    promotion: Promotion | None = store.promotions.get(promotion_id)
    if promotion is None:
        raise NotFound("promotion", promotion_id)
    return promotion


def find(store: Store, conditions: Sequence[Condition]) -> Rows:
    return select(store.promotions, conditions, FILTERS, context=store)


def codes_of(store: Store, promotion_id: int, conditions: Sequence[Condition] = ()) -> Rows:
    return select(
        store.promotion_codes, [Condition("promotion_id", "eq", promotion_id), *conditions], CODE_FILTERS, context=store
    )


def find_code(store: Store, code: str) -> PromotionCode | None:
    """The coupon code a shopper's code names, ignoring case; None when no promotion has it."""
    code_id = store.promotion_codes.unique("code", code_key(code))
    return None if code_id is None else store.promotion_codes.get(code_id)


# --------------------------------------------------------------------------- promotions


def _check(store: Store, fields: Mapping[str, Any], own: Promotion | None) -> None:
    problems: list[Problem] = []
    unknown = [c for c in fields.get("channels", ()) if not channel_service.exists(store, c)]
    if unknown:
        problems.append(Problem("channels", "channels_missing", {"ids": unknown}))
    redemption = fields.get("redemption_type", own.redemption_type if own else None)
    if own is not None and "redemption_type" in fields and fields["redemption_type"] != own.redemption_type:
        problems.append(Problem("redemption_type", "promotion_fixed"))
    if own is not None and "coupon_type" in fields and fields["coupon_type"] != own.coupon_type:
        problems.append(Problem("coupon_type", "promotion_fixed"))
    if redemption == "AUTOMATIC":
        problems.extend(Problem(name, "coupon_promotion_only") for name in (*COUPON_ONLY, "codes") if name in fields)
    if fields.get("status") == "INVALID":
        problems.append(Problem("status", "status_invalid_read_only"))
    if "currency_code" in fields and not CURRENCY.fullmatch(fields["currency_code"]):
        problems.append(Problem("currency_code", "currency_code"))
    start = fields.get("start_date", own.start_date if own else None)
    end = fields.get("end_date", own.end_date if own else None)
    if start is not None and end is not None and end <= start and ("start_date" in fields or "end_date" in fields):
        problems.append(Problem("end_date", "not_after_start"))
    combinable = fields.get("can_be_used_with_other_promotions", own.can_be_used_with_other_promotions if own else True)
    if combinable:
        # These only act when the coupon cannot be combined, and upstream answers 422 for setting them otherwise.
        problems.extend(Problem(name, "overrides_need_exclusive") for name in OVERRIDES if fields.get(name))
    code = fields.get("codes")
    if code is not None:
        if fields.get("coupon_type", own.coupon_type if own else "SINGLE") == "BULK":
            problems.append(Problem("codes", "bulk_codes_by_codegen"))
        elif not CODE_CHARS.fullmatch(code["code"]):
            problems.append(Problem("codes.code", "code_chars"))
    if problems:
        raise Invalid("payload", tuple(problems))


def create(store: Store, changes: Mapping[str, Any], *, promotion_id: int | None = None) -> Promotion:
    """A new promotion; ``promotion_id`` is for fixtures, the API lets the store choose. A single-code coupon
    promotion may bring its code (``codes``), made with it."""
    fields = dict(changes)
    _check(store, fields, None)
    code = fields.pop("codes", None)
    if code is not None:
        _check_code_free(store, code["code"], "codes.code")
    if promotion_id is not None and store.promotions.get(promotion_id) is not None:
        raise conflict("id_taken", "id", "id_taken", id=promotion_id)
    if promotion_id is None:
        promotion_id = store.next_id("promotions")
    else:
        store.sequence("promotions").claim(promotion_id)
    fields.setdefault("start_date", store.clock.now())
    promotion = Promotion(id=promotion_id, **fields)
    store.promotions.put(promotion.id, promotion)
    store.emit("promotion", "created", promotion.id)
    if code is not None:
        _put_code(store, promotion, code)
    return promotion


def update(store: Store, promotion_id: int, changes: Mapping[str, Any]) -> Promotion:
    promotion = get(store, promotion_id)
    fields = dict(changes)
    _check(store, fields, promotion)
    code = fields.pop("codes", None)
    current = list(codes_of(store, promotion.id))
    if code is not None:
        own = current[0] if current else None
        if own is None or code_key(own.code) != code_key(code["code"]):
            _check_code_free(store, code["code"], "codes.code")
    updated = replace(promotion, **fields)
    store.promotions.put(updated.id, updated)
    store.emit("promotion", "updated", updated.id)
    if code is not None:
        if current:
            first = current[0]
            store.promotion_codes.put(first.id, replace(first, **{k: v for k, v in code.items() if v is not None}))
            store.emit("promotion_code", "updated", first.id)
        else:
            _put_code(store, updated, code)
    return updated


@dataclass(frozen=True, slots=True)
class DeleteOutcome:
    deleted: list[int]
    failures: list[tuple[int, Problem]]  # (index in the request, what stopped it)


def delete(store: Store, promotion_ids: Sequence[int]) -> DeleteOutcome:
    """Delete promotions, all or nothing: one that still has coupon codes stops the whole request
    (upstream deletePromotions). Unknown ids are nothing to delete."""
    failures = [
        (index, Problem(f"{index}.code", "promotion_has_codes", {"id": promotion_id}))
        for index, promotion_id in enumerate(promotion_ids)
        if store.promotion_codes.lookup("promotion", promotion_id)
    ]
    if failures:
        return DeleteOutcome([], failures)
    deleted = sorted(
        store.delete("promotions", [i for i in promotion_ids if store.promotions.get(i)]).get("promotions", ())
    )
    return DeleteOutcome(deleted, [])


# --------------------------------------------------------------------------- coupon codes


def _check_code_free(store: Store, code: str, field: str) -> None:
    if coupons.code_owner(store, code) is not None:
        raise conflict("coupon_code_taken", field, "coupon_code_taken", value=code)


def _put_code(store: Store, promotion: Promotion, fields: Mapping[str, Any]) -> PromotionCode:
    made = PromotionCode(
        id=store.next_id("promotion_codes"),
        promotion_id=promotion.id,
        created=store.clock.now(),
        **{k: v for k, v in fields.items() if v is not None},
    )
    store.promotion_codes.put(made.id, made)
    store.emit("promotion_code", "created", made.id)
    return made


def _coupon_promotion(store: Store, promotion_id: int) -> Promotion:
    promotion = get(store, promotion_id)
    if promotion.redemption_type != "COUPON":
        raise invalid("payload", "promotion_id", "coupon_promotion_only")
    return promotion


def create_code(store: Store, promotion_id: int, fields: Mapping[str, Any]) -> PromotionCode:
    """A code for a coupon promotion; a single-code promotion takes one. The code is unique across the store's
    coupon codes and legacy coupons, ignoring case."""
    promotion = _coupon_promotion(store, promotion_id)
    if not CODE_CHARS.fullmatch(fields["code"]):
        raise invalid("payload", "code", "code_chars")
    if promotion.coupon_type == "SINGLE" and store.promotion_codes.lookup("promotion", promotion.id):
        raise invalid("payload", "code", "single_code_taken", id=promotion.id)
    _check_code_free(store, fields["code"], "code")
    return _put_code(store, promotion, fields)


def delete_codes(store: Store, promotion_id: int, code_ids: Sequence[int]) -> list[int]:
    """Delete the promotion's codes among ``code_ids``; ids of other promotions' codes are left alone."""
    get(store, promotion_id)
    mine = [i for i in code_ids if (c := store.promotion_codes.get(i)) is not None and c.promotion_id == promotion_id]
    return sorted(store.delete("promotion_codes", mine).get("promotion_codes", ()))


def delete_code_by_code(store: Store, code: str) -> list[int]:
    found = find_code(store, code)
    return [] if found is None else sorted(store.delete("promotion_codes", [found.id]).get("promotion_codes", ()))


@dataclass(frozen=True, slots=True)
class Generated:
    promotion_id: int
    created: datetime
    max_uses: int
    max_uses_per_customer: int
    codes: tuple[str, ...]


def generate_codes(store: Store, promotion_id: int, request: Mapping[str, Any]) -> Generated:
    """``batch_size`` new codes for a bulk coupon promotion: ``prefix``, ``code_length`` random capitals and digits
    (not the ``exclude_characters``), and ``suffix``, joined by ``delimiter``. The random parts are drawn from a
    generator seeded by the store, the promotion and its count of codes, so a test sees the same codes every run."""
    promotion = get(store, promotion_id)
    if promotion.redemption_type != "COUPON" or promotion.coupon_type != "BULK":
        raise MethodNotAllowed("POST")
    alphabet = "".join(ch for ch in CODEGEN_ALPHABET if ch not in set(request.get("exclude_characters", ())))
    length = int(request.get("code_length", 16))
    prefix, suffix, delimiter = request.get("prefix", ""), request.get("suffix", ""), request.get("delimiter", "")
    longest = len(prefix) + len(suffix) + length + (len(delimiter) if prefix else 0) + (len(delimiter) if suffix else 0)
    batch = int(request["batch_size"])
    problems = [Problem(name, "codegen_chars") for name in ("prefix", "suffix") if not CODEGEN_AFFIX.fullmatch(
        request.get(name, "")
    )]  # fmt: skip
    if delimiter not in ("", "_", "-"):
        problems.append(Problem("delimiter", "delimiter_chars"))
    excluded = request.get("exclude_characters", ())
    if any(len(ch) != 1 or ch not in CODEGEN_ALPHABET for ch in excluded) or len(alphabet) < 2:
        problems.append(Problem("exclude_characters", "exclude_characters"))
    elif len(alphabet) ** length < batch * 4:
        # Fewer possible codes than a few times the batch: drawing unique ones could take forever.
        problems.append(Problem("code_length", "codegen_space", {"batch": batch}))
    if longest > MAX_CODE:
        problems.append(Problem("code_length", "maximum", {"limit": length - (longest - MAX_CODE)}))
    if problems:
        raise Invalid("payload", tuple(problems))
    seed = f"{store.store_hash}:{promotion.id}:{len(store.promotion_codes.lookup('promotion', promotion.id))}"
    draw = random.Random(seed)
    made: list[str] = []
    seen: set[str] = set()
    attempts = 0
    while len(made) < batch:
        attempts += 1
        if attempts > batch * 50:  # the store's other codes fill this code space
            raise invalid("payload", "code_length", "codegen_space", batch=batch)
        body = "".join(draw.choice(alphabet) for _ in range(length))
        code = delimiter.join(part for part in (prefix, body, suffix) if part)
        key = code_key(code)
        if key in seen or coupons.code_owner(store, code) is not None:
            continue
        seen.add(key)
        made.append(code)
    uses = {
        "max_uses": int(request.get("max_uses", 0)),
        "max_uses_per_customer": int(request.get("max_uses_per_customer", 0)),
    }
    for code in made:
        _put_code(store, promotion, {"code": code, **uses})
    return Generated(promotion.id, store.clock.now(), uses["max_uses"], uses["max_uses_per_customer"], tuple(made))


def redeem_code(store: Store, code: str) -> PromotionCode:
    """Use a promotion's coupon code once (for orders that apply it): the code must exist, its promotion be ENABLED
    and running (past start_date, before end_date), and neither the code's nor the promotion's max_uses be reached;
    both use counts then go up by one. Limits per customer need the customer's orders, which the caller checks."""
    found = find_code(store, code)
    if found is None:
        raise invalid("coupon", "coupon_code", "coupon_unknown", value=code)
    promotion = get(store, found.promotion_id)
    now = store.clock.now()
    if promotion.status != "ENABLED" or promotion.start_date > now:
        raise invalid("coupon", "coupon_code", "coupon_disabled", value=found.code)
    if promotion.end_date is not None and promotion.end_date <= now:
        raise invalid("coupon", "coupon_code", "coupon_expired", value=found.code)
    for limit, used in ((found.max_uses, found.current_uses), (promotion.max_uses or 0, promotion.current_uses)):
        if limit and used >= limit:
            raise invalid("coupon", "coupon_code", "coupon_used_up", value=found.code, limit=limit)
    used_code = replace(found, current_uses=found.current_uses + 1)
    store.promotion_codes.put(used_code.id, used_code)
    store.emit("promotion_code", "updated", used_code.id)
    store.promotions.put(promotion.id, replace(promotion, current_uses=promotion.current_uses + 1))
    store.emit("promotion", "updated", promotion.id)
    return used_code
