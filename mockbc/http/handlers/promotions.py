"""Promotions and their coupon codes: /v3/promotions[/{id}], /v3/promotions/{promotion_id}/codes[/{code_id}],
/v3/promotions/{promotion_id}/codegen, /v3/promotions/codes (upstream promotions.v3.yml)."""

from __future__ import annotations

from mockbc.domain.errors import Invalid, Problem, invalid
from mockbc.domain.promotions import MAX_CODES_PER_DELETE, MAX_PROMOTIONS_PER_DELETE, Promotion, PromotionCode
from mockbc.domain.query import Page
from mockbc.http.operations import Binding, Handler, binding
from mockbc.presentation import promotions as wire
from mockbc.presentation.call import Call, View
from mockbc.services import promotions as service

FILTERABLE = frozenset(service.filters())
SCOPE = "marketing"


def list_promotions(call: Call) -> Page[Promotion]:
    listing = call.view.listing(call, FILTERABLE, wire.CONVERTERS)
    return call.view.page(service.find(call.store, listing.conditions), listing)


def get_promotion(call: Call) -> Promotion:
    return service.get(call.store, call.path["id"])


def create_promotion(call: Call) -> Promotion:
    return service.create(call.store, call.view.parse(call.body))


def update_promotion(call: Call) -> Promotion:
    return service.update(call.store, call.path["id"], call.view.parse(call.body))


def _ids(call: Call, limit: int) -> list[int]:
    ids: list[int] = list(dict.fromkeys(call.query.get("id:in") or ()))
    if not ids:
        raise invalid("filter", "id:in", "missing")
    if len(ids) > limit:
        raise Invalid("filter", (Problem("id:in", "too_many_ids", {"limit": limit}),), {"total": len(ids)})
    return ids


def delete_promotions(call: Call) -> None:
    """``id:in`` is required and names at most 50 promotions; one that still has codes stops them all."""
    ids = _ids(call, MAX_PROMOTIONS_PER_DELETE)
    outcome = service.delete(call.store, ids)
    if outcome.failures:
        raise Invalid("bulk_delete_failed", tuple(p for _, p in outcome.failures), {"total": len(ids)})


def delete_promotion(call: Call) -> None:
    """204 whether or not the promotion exists (BC_FACTS §3.12); one that still has codes is refused."""
    outcome = service.delete(call.store, [call.path["id"]])
    if outcome.failures:
        raise Invalid("payload", (Problem("id", "promotion_has_codes", {"id": call.path["id"]}),))


def list_codes(call: Call) -> Page[PromotionCode] | wire.CursorPage:
    """An offset page (``page``), or with ``before``/``after`` the page next to the cursor."""
    service.get(call.store, call.path["promotion_id"])
    listing = call.view.listing(call, frozenset({"code"}), wire.CODE_CONVERTERS)
    codes = service.codes_of(call.store, call.path["promotion_id"], listing.conditions)
    return wire.cursor_page(call, codes, listing.limit) or call.view.page(codes, listing)


def create_code(call: Call) -> PromotionCode:
    return service.create_code(call.store, call.path["promotion_id"], call.view.parse(call.body))


def delete_codes(call: Call) -> None:
    service.delete_codes(call.store, call.path["promotion_id"], _ids(call, MAX_CODES_PER_DELETE))


def delete_code(call: Call) -> None:
    service.delete_codes(call.store, call.path["promotion_id"], [call.path["code_id"]])


def generate_codes(call: Call) -> service.Generated:
    return service.generate_codes(call.store, call.path["promotion_id"], call.view.parse(call.body))


def get_code_by_code(call: Call) -> list[PromotionCode]:
    found = service.find_code(call.store, call.query["code"])
    return [] if found is None else [found]


def delete_code_by_code(call: Call) -> None:
    service.delete_code_by_code(call.store, call.query["code"])


def _bind(operation_id: str, handler: Handler, view: View) -> Binding:
    return binding("v3", operation_id, handler, view, scope=SCOPE)


OPERATIONS = (
    _bind("getPromotions", list_promotions, wire.PROMOTION_VIEW),
    _bind("createPromotion", create_promotion, wire.PROMOTION_VIEW),
    _bind("deletePromotions", delete_promotions, wire.BULK_DELETE_VIEW),
    _bind("getPromotion", get_promotion, wire.PROMOTION_VIEW),
    _bind("updatePromotion", update_promotion, wire.PROMOTION_VIEW),
    _bind("deletePromotion", delete_promotion, wire.PROMOTION_VIEW),
    _bind("getPromotionCodes", list_codes, wire.CODES_VIEW),
    _bind("createPromotionCode", create_code, wire.CODE_VIEW),
    _bind("deleteCouponCodes", delete_codes, wire.BULK_DELETE_VIEW),
    _bind("generatePromotionCodesBatch", generate_codes, wire.CODEGEN_VIEW),
    _bind("getCouponCodeByCode", get_code_by_code, wire.CODE_VIEW),
    _bind("deleteCouponCodeByCode", delete_code_by_code, wire.CODE_VIEW),
    _bind("deleteCouponCode", delete_code, wire.CODE_VIEW),
)
