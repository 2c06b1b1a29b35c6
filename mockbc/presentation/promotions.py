"""Promotions and their coupon codes on the v3 wire (upstream promotions.v3.yml).

Errors here are ``{"errors": [{"status", "title"}]}``, one entry per problem (upstream ``ErrorResponse``); the bulk
deletes add ``type``, per-item ``errors`` and ``meta: {total, success, failed}`` (upstream ``BulkDeleteResponse``).
"""

from __future__ import annotations

import base64
import binascii
import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode

import orjson

from mockbc.domain import errors as e
from mockbc.domain.coupons import code_key
from mockbc.domain.promotions import ACTIONS, Promotion, PromotionCode
from mockbc.domain.query import Page
from mockbc.presentation import v2, v3, words
from mockbc.presentation.call import Call, Rendered
from mockbc.presentation.wire import iso
from mockbc.services.promotions import Generated


def _json(text: str | None) -> Any:
    return None if text is None else orjson.loads(text)


def _text(value: Any) -> str:
    return orjson.dumps(value).decode()


def code_v3(code: PromotionCode) -> dict[str, Any]:
    return {
        "id": code.id,
        "code": code.code,
        "current_uses": code.current_uses,
        "max_uses": code.max_uses,
        "max_uses_per_customer": code.max_uses_per_customer,
        "created": iso(code.created),
    }


def to_v3(promotion: Promotion, call: Call) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": promotion.id,
        "redemption_type": promotion.redemption_type,
        "name": promotion.name,
        "display_name": promotion.display_name,
        "created_from": promotion.created_from,
        "channels": [{"id": channel} for channel in promotion.channels],
        "customer": {"group_ids": [], "minimum_order_count": 0, "excluded_group_ids": [], **_json(promotion.customer)},
        "rules": _json(promotion.rules),
        "current_uses": promotion.current_uses,
        "status": promotion.status,
        "start_date": iso(promotion.start_date),
        "stop": promotion.stop,
        "can_be_used_with_other_promotions": promotion.can_be_used_with_other_promotions,
        "currency_code": promotion.currency_code,
        "notifications": _json(promotion.notifications),
    }
    if promotion.max_uses is not None:
        out["max_uses"] = promotion.max_uses
    if promotion.end_date is not None:
        out["end_date"] = iso(promotion.end_date)
    if promotion.shipping_address is not None:
        out["shipping_address"] = _json(promotion.shipping_address)
    if promotion.schedule is not None:
        out["schedule"] = _json(promotion.schedule)
    if promotion.redemption_type == "COUPON":
        codes = call.store.promotion_codes.lookup_sorted("promotion", promotion.id)
        out["coupon_type"] = promotion.coupon_type
        out["coupon_overrides_other_promotions"] = promotion.coupon_overrides_other_promotions
        out["coupon_overrides_automatic_when_offering_higher_discounts"] = (
            promotion.coupon_overrides_automatic_when_offering_higher_discounts
        )
        out["multiple_codes"] = {"has_multiple_codes": len(codes) > 1}
        if promotion.coupon_type == "SINGLE" and codes:
            out["codes"] = code_v3(call.store.promotion_codes.require(codes[0]))
    return out


def _date(name: str, raw: str, problems: list[e.Problem]) -> datetime | None:
    """An ISO 8601 date-time, kept in UTC (without an offset it is UTC)."""
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        return (parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)).astimezone(UTC)
    except (ValueError, OverflowError):
        problems.append(e.Problem(name, "not_iso_date"))
        return None


# --------------------------------------------------------------------------- rules
# A rule's action and condition as upstream's schemas describe them (Action, Condition, ItemMatcher, Discount,
# Money); the schema of specs/promotions.yml leaves them open, as upstream's oneOf/anyOf cannot be told apart by
# JSON Schema alone (every cart condition also matches AndCondition), so they are read here, field by field.

_MONEY = re.compile(r"[0-9]+(\.[0-9]+)?")
_SIMPLE_MATCHERS = ("brands", "categories", "products", "variants")
_STRATEGIES = ("LEAST_EXPENSIVE", "LEAST_EXPENSIVE_ONLY", "MOST_EXPENSIVE", "MOST_EXPENSIVE_ONLY")
# field -> (JSON type, required) per action kind; "money", "discount", "items" and "zones" are read specially.
_ACTION_FIELDS: dict[str, dict[str, tuple[str, bool]]] = {
    "cart_value": {"discount": ("discount", True), "maximum_allowed_discount_amount": ("money", False)},
    "cart_items": {
        "discount": ("discount", True), "maximum_allowed_discount_amount": ("money", False),
        "as_total": ("boolean", False), "items": ("items", False), "include_items_considered_by_condition":
        ("boolean", False), "exclude_items_on_sale": ("boolean", False), "strategy": ("strategy", False),
        "quantity": ("integer", False), "add_free_item": ("boolean", False),
    },
    "gift_item": {"quantity": ("integer", True), "product_id": ("integer", False), "variant_id": ("integer", False)},
    "fixed_price_set": {
        "quantity": ("integer", True), "fixed_price": ("money", True), "items": ("items", False),
        "strategy": ("strategy", False), "exclude_items_on_sale": ("boolean", False),
        "include_items_considered_by_condition": ("boolean", False),
    },
    "shipping": {"free_shipping": ("boolean", False), "zone_ids": ("zones", True)},
}  # fmt: skip
_PYTHON_TYPES: dict[str, tuple[type, ...]] = {"boolean": (bool,), "integer": (int,), "string": (str,)}


def _is(kind: str, value: Any) -> bool:
    types = _PYTHON_TYPES[kind]
    return isinstance(value, types) and (kind == "boolean" or not isinstance(value, bool))


def _check_money(where: str, value: Any, problems: list[e.Problem]) -> None:
    if not isinstance(value, str) or not _MONEY.fullmatch(value):
        problems.append(e.Problem(where, "money"))


def _is_discount(value: Any) -> bool:
    """A Discount: ``{"fixed_amount": money}`` or ``{"percentage_amount": money}``."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    ((kind, amount),) = value.items()
    return kind in ("fixed_amount", "percentage_amount") and isinstance(amount, str) and bool(_MONEY.fullmatch(amount))


def _check_items(where: str, matcher: Any, depth: int, problems: list[e.Problem]) -> None:
    """An ItemMatcher: one simple matcher, or ``and`` / ``or`` / ``not`` of them, at most three levels deep."""
    if not isinstance(matcher, dict) or len(matcher) != 1:
        problems.append(e.Problem(where, "item_matcher"))
        return
    ((name, value),) = matcher.items()
    if name in _SIMPLE_MATCHERS:
        if not isinstance(value, list) or not all(_is("integer", i) for i in value):
            problems.append(e.Problem(f"{where}.{name}", "type", {"types": ["array"]}))
    elif name == "product_option":
        if not isinstance(value, dict) or not all(key in value for key in ("name", "type", "values")):
            problems.append(e.Problem(f"{where}.{name}", "item_matcher"))
    elif name == "product_custom_field":
        if not isinstance(value, dict) or not all(key in value for key in ("name", "values")):
            problems.append(e.Problem(f"{where}.{name}", "item_matcher"))
    elif name in ("and", "or", "not") and depth <= 3:
        children = [value] if name == "not" else value
        if not isinstance(children, list) or not children:
            problems.append(e.Problem(f"{where}.{name}", "item_matcher"))
            return
        for index, child in enumerate(children):
            _check_items(f"{where}.{name}" if name == "not" else f"{where}.{name}.{index}", child, depth + 1, problems)
    else:
        problems.append(e.Problem(where, "item_matcher"))


def _check_action(where: str, action: dict[str, Any], problems: list[e.Problem]) -> None:
    kinds = [name for name in ACTIONS if name in action]
    if len(kinds) != 1 or len(action) != 1:
        problems.append(e.Problem(where, "action_one_kind"))
        return
    kind = kinds[0]
    body = action[kind]
    if not isinstance(body, dict):
        problems.append(e.Problem(f"{where}.{kind}", "type", {"types": ["object"]}))
        return
    fields = _ACTION_FIELDS[kind]
    missing = [name for name, (_, needed) in fields.items() if needed and name not in body]
    problems.extend(e.Problem(f"{where}.{kind}.{name}", "missing") for name in missing)
    for name, value in body.items():
        at = f"{where}.{kind}.{name}"
        if name not in fields:
            problems.append(e.Problem(at, "unknown_field"))
            continue
        expected = fields[name][0]
        if expected == "discount":
            if not _is_discount(value):
                problems.append(e.Problem(at, "discount"))
        elif expected == "money":
            if name != "maximum_allowed_discount_amount" or value is not None:
                _check_money(at, value, problems)
        elif expected == "items":
            _check_items(at, value, 1, problems)
        elif expected == "strategy":
            if value not in _STRATEGIES:
                problems.append(e.Problem(at, "enum", {"options": _STRATEGIES}))
        elif expected == "zones":
            zones = value if isinstance(value, list) else None
            if value != "*" and not (
                zones is not None and all(_is("integer", z) and z >= 1 for z in zones) and len(set(zones)) == len(zones)
            ):
                problems.append(e.Problem(at, "zone_ids"))
        elif not _is(expected, value):
            problems.append(e.Problem(at, "type", {"types": [expected]}))


def _check_cart(where: str, cart: Any, problems: list[e.Problem]) -> None:
    if not isinstance(cart, dict):
        problems.append(e.Problem(where, "type", {"types": ["object"]}))
        return
    for name, value in cart.items():
        at = f"{where}.{name}"
        if name == "items":
            _check_items(at, value, 1, problems)
        elif name == "minimum_spend":
            _check_money(at, value, problems)
        elif name == "minimum_quantity":
            if not _is("integer", value):
                problems.append(e.Problem(at, "type", {"types": ["integer"]}))
        else:
            problems.append(e.Problem(at, "unknown_field"))
    if "items" in cart and "minimum_spend" not in cart and "minimum_quantity" not in cart:
        # Upstream's ItemMatcher: a condition that names items also needs a minimum quantity or spend.
        problems.append(e.Problem(f"{where}.items", "items_need_minimum"))


def _check_condition(where: str, condition: dict[str, Any], problems: list[e.Problem]) -> None:
    """A cart condition, or an ``and`` of cart conditions."""
    if set(condition) == {"cart"}:
        _check_cart(f"{where}.cart", condition["cart"], problems)
    elif set(condition) == {"and"} and isinstance(condition["and"], list) and condition["and"]:
        for index, child in enumerate(condition["and"]):
            if not isinstance(child, dict) or set(child) != {"cart"}:
                problems.append(e.Problem(f"{where}.and.{index}", "condition_kind"))
            else:
                _check_cart(f"{where}.and.{index}.cart", child["cart"], problems)
    else:
        problems.append(e.Problem(where, "condition_kind"))


def _check_rules(rules: list[dict[str, Any]], problems: list[e.Problem]) -> None:
    for index, rule in enumerate(rules):
        _check_action(f"rules.{index}.action", rule["action"], problems)
        if "condition" in rule:
            _check_condition(f"rules.{index}.condition", rule["condition"], problems)


def changes_from_v3(body: Mapping[str, Any]) -> dict[str, Any]:
    """A promotion body (already checked against the spec's schema) as domain changes."""
    changes: dict[str, Any] = {}
    problems: list[e.Problem] = []
    for name, value in body.items():
        if name == "channels":
            changes[name] = tuple(dict.fromkeys(channel["id"] for channel in value))
        elif name == "rules":
            _check_rules(value, problems)
            changes[name] = _text(value)
        elif name == "customer":
            if value.get("group_ids") and value.get("excluded_group_ids"):
                problems.append(e.Problem("customer", "customer_groups_both"))
            changes[name] = _text(value)
        elif name in ("notifications", "shipping_address", "schedule"):
            changes[name] = _text(value)
        elif name in ("start_date", "end_date"):
            changes[name] = _date(name, value, problems)
        elif name == "codes":
            changes[name] = {key: value.get(key) for key in ("code", "max_uses", "max_uses_per_customer")}
        else:
            changes[name] = value
    if problems:
        raise e.Invalid("payload", tuple(problems))
    return changes


def code_item(code: PromotionCode, call: Call) -> dict[str, Any]:
    return code_v3(code)


def code_from_v3(body: Mapping[str, Any]) -> dict[str, Any]:
    return dict(body)


def generated_v3(generated: Generated, call: Call) -> dict[str, Any]:
    return {
        "created": iso(generated.created),
        "max_uses": generated.max_uses,
        "max_uses_per_customer": generated.max_uses_per_customer,
        "batch_size": len(generated.codes),
        "codes": [{"code": code} for code in generated.codes],
    }


def upper(raw: Any) -> str:
    return str(raw).upper()


def casefold(raw: Any) -> str:
    return str(raw).casefold()


def code_filter(raw: Any) -> str:
    return code_key(str(raw))


CONVERTERS = {"redemption_type": upper, "status": upper, "name": casefold}
CODE_CONVERTERS = {"code": code_filter}

SORTS = {
    "id": lambda p: p.id,
    "name": lambda p: p.name.casefold(),
    # Promotions are applied in priority order; the mock's priority is creation order.
    "priority": lambda p: p.id,
    "start_date": lambda p: p.start_date,
}


def _entries(status: int, err: e.DomainError, title: str) -> list[dict[str, object]]:
    problems = getattr(err, "problems", ())
    kind = getattr(err, "kind", "")
    seen: dict[str, dict[str, object]] = {}
    for problem in problems:
        seen.setdefault(problem.field, {"status": status, "title": v2.problem_message(problem, kind)})
    return list(seen.values()) or [{"status": status, "title": title}]


class PromotionsView(v3.View):
    """A promotions API view: v3 envelopes, and errors as ``{"errors": [{"status", "title"}]}``."""

    def error(self, err: e.DomainError) -> tuple[int, object]:
        status, flat = v3.error(err)
        return status, {"errors": _entries(status, err, str(flat["title"]))}


class BulkDeleteView(PromotionsView):
    """The bulk deletes (``DELETE /promotions?id:in=``, ``DELETE /promotions/{id}/codes?id:in=``)."""

    def error(self, err: e.DomainError) -> tuple[int, object]:
        status, flat = v3.error(err)
        facts: Mapping[str, Any] = getattr(err, "facts", {})
        meta = v3.batch_meta(int(facts.get("total", 0)), 0)
        problems: tuple[e.Problem, ...] = getattr(err, "problems", ())
        entry: dict[str, object] = {"status": status, "title": str(flat["title"]), "type": v3.ERROR_TYPE}
        if any(p.field == "id:in" and p.rule == "missing" for p in problems):
            entry["title"] = words.title("id_in_required")
        elif isinstance(err, e.Invalid) and err.kind == "bulk_delete_failed":
            entry["errors"] = words.messages(problems)
        elif problems:
            entry["title"] = _entries(status, err, "")[0]["title"]
        return status, {"errors": [entry], "meta": meta}


class CodegenView(PromotionsView):
    """Codegen answers 405 for a promotion that is not a BULK coupon promotion (upstream
    generatePromotionCodesBatch)."""

    def error(self, err: e.DomainError) -> tuple[int, object]:
        if isinstance(err, e.MethodNotAllowed):
            return 405, {"errors": [{"status": 405, "title": words.title("codegen_not_bulk")}]}
        return super().error(err)


# --------------------------------------------------------------------------- cursor pages of coupon codes

CURSOR_PARAMS = ("before", "after")


def encode_cursor(code_id: int) -> str:
    # The shape of upstream's promotion code cursors: base64 of {"id":"<id>"}.
    return base64.b64encode(orjson.dumps({"id": str(code_id)})).decode()


def decode_cursor(name: str, raw: str) -> int:
    try:
        value = orjson.loads(base64.b64decode(raw.encode("ascii"), validate=True))
        digits = value["id"]
        if not (isinstance(digits, str) and digits.isascii() and digits.isdigit() and len(digits) <= 19):
            raise ValueError(raw)
    except (binascii.Error, UnicodeError, ValueError, TypeError, KeyError, orjson.JSONDecodeError):
        raise e.Invalid("filter", (e.Problem(name, "not_cursor", {"raw": raw}),)) from None
    return int(digits)


@dataclass(frozen=True, slots=True)
class CursorPage:
    """Codes read with ``before`` or ``after``: the page next to the code the cursor names, without totals."""

    items: Sequence[PromotionCode]
    limit: int
    has_previous: bool
    has_next: bool
    param: tuple[str, str]  # the request's own cursor parameter and value


def cursor_page(call: Call, codes: Sequence[PromotionCode], limit: int) -> CursorPage | None:
    """The page ``before``/``after`` asks for (codes in id order), or None for an offset request. Upstream's
    cursors cannot be used together, nor with ``page``."""
    given = [(name, str(call.query[name])) for name in CURSOR_PARAMS if call.query.get(name) not in (None, "")]
    if not given:
        return None
    if len(given) > 1:
        raise e.invalid("filter", "before", "cursor_both")
    if "page" in call.query:
        raise e.invalid("filter", "page", "cursor_with_page")
    name, raw = given[0]
    at = decode_cursor(name, raw)
    ids = [code.id for code in codes]
    if name == "after":
        low = bisect.bisect_right(ids, at)
        high = min(len(ids), low + limit)
    else:
        high = bisect.bisect_left(ids, at)
        low = max(0, high - limit)
    return CursorPage(list(codes[low:high]), limit, low > 0, high < len(ids), (name, raw))


def _cursor_meta(call: Call, items: Sequence[PromotionCode], limit: int, *, previous: bool, following: bool) -> Any:
    kept = urlencode([(k, v) for k, v in call.query_items if k not in ("page", "limit", *CURSOR_PARAMS)], safe=":,")
    prefix = f"?{kept}&" if kept else "?"
    out: dict[str, Any] = {"count": len(items), "per_page": limit}
    links: dict[str, str] = {}
    if items:
        out["start_cursor"], out["end_cursor"] = encode_cursor(items[0].id), encode_cursor(items[-1].id)
        if previous:
            links["previous"] = f"{prefix}limit={limit}&before={quote(out['start_cursor'], safe='')}"
        if following:
            links["next"] = f"{prefix}limit={limit}&after={quote(out['end_cursor'], safe='')}"
    out["links"] = links
    return out


class CodesView(PromotionsView):
    """A promotion's codes: an offset page carries ``pagination`` (and, asked for without ``page``, also
    ``cursor_pagination``); a cursor page only ``cursor_pagination`` (upstream OptionalCursorCollectionMeta)."""

    def render(self, result: object, call: Call, status: int) -> Rendered:
        if isinstance(result, CursorPage):
            meta = _cursor_meta(
                call, result.items, result.limit, previous=result.has_previous, following=result.has_next
            )
            return Rendered(status, {"data": self._items(result.items, call), "meta": {"cursor_pagination": meta}})
        rendered = super().render(result, call, status)
        if isinstance(result, Page) and "page" not in call.query and isinstance(rendered.body, dict):
            rendered.body["meta"]["cursor_pagination"] = _cursor_meta(
                call, result.items, result.limit, previous=False, following=result.total_pages > 1
            )
        return rendered


PROMOTION_VIEW = PromotionsView("promotion.v3", to_v3, changes_from_v3, sorts=SORTS)
CODE_VIEW = PromotionsView("promotion_code.v3", code_item, code_from_v3)
CODES_VIEW = CodesView("promotion_codes.v3", code_item)
CODEGEN_VIEW = CodegenView("promotion_codegen.v3", generated_v3, code_from_v3)
BULK_DELETE_VIEW = BulkDeleteView("promotion_bulk_delete.v3", to_v3)
