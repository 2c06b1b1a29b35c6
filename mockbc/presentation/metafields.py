"""Metafields on the v3 wire: records, request bodies, cursor pages and the batch envelopes of
upstream's ``/v3/catalog/{products,variants,categories,brands}/metafields``,
``/v3/orders/metafields`` and ``/v3/customers/metafields``.

Batch writes answer per item (upstream documents a 422 "partial success" for them): 200
``{data, errors: [], meta: {total, success, failed}}`` when every item went through, else 422
with the items that did in ``data`` and one ``Error`` per refused item in ``errors``, its
messages keyed ``<index>.<field>`` (``<index>`` alone in a delete). updateBrandsMetafields
documents a flat ``{status, title, type, errors}`` 422 instead (brands_catalog.v3.yml), so its
view answers that shape, with ``data`` and ``meta`` alongside.
"""

from __future__ import annotations

import base64
import binascii
import bisect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote, urlencode

from mockbc.domain import errors as e
from mockbc.domain.metafields import WRITABLE_FIELDS, Metafield, NotPermitted
from mockbc.domain.query import Page
from mockbc.presentation import v3, words
from mockbc.presentation.call import Batch, Call, Listing, Rendered
from mockbc.presentation.params import BadValue
from mockbc.presentation.wire import iso, select_fields


def to_v3(metafield: Metafield) -> dict[str, Any]:
    return {
        "id": metafield.id,
        "key": metafield.key,
        "value": metafield.value,
        "namespace": metafield.namespace,
        "permission_set": metafield.permission_set,
        "resource_type": metafield.resource_type,
        "resource_id": metafield.resource_id,
        "description": metafield.description,
        "date_created": iso(metafield.date_created),
        "date_modified": iso(metafield.date_modified),
        "owner_client_id": metafield.owner_client_id,
    }


def changes_from_v3(body: Mapping[str, Any]) -> dict[str, Any]:
    """The writable fields of a validated body; read-only ones (``id``, ``resource_id``,
    ``date_created``...) are ignored, so a fetched metafield can be sent back."""
    return {name: value for name, value in body.items() if name in WRITABLE_FIELDS and value is not None}


# include_fields / exclude_fields never drop what upstream's response schema requires: the
# metafield_Full of the per-owner operations requires these...
OWNER_ALWAYS = frozenset({"id", "namespace", "key", "value", "permission_set"})
# ...and the Metafield of the store-wide lists these (products_catalog.v3.yml MetaFieldCollectionResponse).
STORE_ALWAYS = OWNER_ALWAYS | {"resource_type", "resource_id", "description", "date_created", "date_modified"}


def _item(always: frozenset[str]) -> Callable[[Metafield, Call], dict[str, Any]]:
    def item(metafield: Metafield, call: Call) -> dict[str, Any]:
        return select_fields(
            v3.cached(call, "metafield.v3", metafield, to_v3),
            call.query.get("include_fields"),
            call.query.get("exclude_fields"),
            always=always,
        )

    return item


# --------------------------------------------------------------------------- cursor pages

CURSOR_PARAMS = ("before", "after")


def encode_cursor(metafield_id: int) -> str:
    # The shape of upstream's CursorPagination examples: base64 of "id:<id>".
    return base64.b64encode(f"id:{metafield_id}".encode()).decode()


def decode_cursor(raw: str) -> int:
    try:
        text = base64.b64decode(raw.encode("ascii"), validate=True).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError):
        raise BadValue("not_cursor", raw) from None
    prefix, _, digits = text.partition(":")
    if prefix != "id" or not (digits.isascii() and digits.isdigit()) or len(digits) > 19:
        raise BadValue("not_cursor", raw)
    return int(digits)


@dataclass(frozen=True, slots=True)
class CursorPage:
    """One page of a list read with ``before``/``after``: no totals, only neighbours."""

    items: Sequence[Any]
    limit: int
    has_previous: bool
    has_next: bool
    param: tuple[str, str]  # the request's own cursor parameter and value


def cursor(call: Call) -> tuple[str, int] | None:
    """The request's cursor parameter and the id it names; ``None`` for an offset request."""
    given = [(name, call.query[name]) for name in CURSOR_PARAMS if call.query.get(name) not in (None, "")]
    if not given:
        return None
    if len(given) > 1:
        raise e.invalid("filter", "before", "cursor_both")
    name, raw = given[0]
    try:
        return name, decode_cursor(raw)
    except BadValue as exc:
        raise e.Invalid("filter", (e.Problem(name, exc.rule, {"raw": exc.raw}),)) from None


def paged(call: Call, records: Sequence[Metafield], listing: Listing) -> Page[Metafield] | CursorPage:
    """An offset page (``page``), or, with ``before``/``after``, the page next to the cursor
    in the list's order (``direction``); a cursor request ignores ``page``, as upstream says."""
    found = cursor(call)
    if found is None:
        return call.view.page(records, listing)
    name, at = found
    rows = list(records)  # id order
    ids = [m.id for m in rows]
    if (name == "after") != listing.descending:  # towards higher ids
        low = bisect.bisect_right(ids, at)
        high = min(len(ids), low + listing.limit)
    else:
        high = bisect.bisect_left(ids, at)
        low = max(0, high - listing.limit)
    window = rows[low:high]
    before, after = low > 0, high < len(ids)
    if listing.descending:
        window.reverse()
        before, after = after, before
    return CursorPage(window, listing.limit, before, after, (name, call.query[name]))


def _kept(call: Call) -> str:
    kept = urlencode([(k, v) for k, v in call.query_items if k not in ("page", "limit", *CURSOR_PARAMS)], safe=":,")
    return f"{kept}&" if kept else ""


def cursor_meta(
    call: Call, items: Sequence[Any], limit: int, *, has_previous: bool, has_next: bool, current: str
) -> dict[str, Any]:
    """``cursor_pagination`` of a page of records with ids (metafields, customers)."""
    kept = _kept(call)
    links: dict[str, str] = {"current": f"?{kept}limit={limit}{current}"}
    out: dict[str, Any] = {"count": len(items), "per_page": limit}
    if items:
        start, end = encode_cursor(items[0].id), encode_cursor(items[-1].id)
        out["start_cursor"], out["end_cursor"] = start, end
        if has_previous:
            links["previous"] = f"?{kept}limit={limit}&before={quote(start, safe='')}"
        if has_next:
            links["next"] = f"?{kept}limit={limit}&after={quote(end, safe='')}"
    out["links"] = links
    return out


# --------------------------------------------------------------------------- the view

BatchKind = Literal["records", "ids"]


def render_page(view: v3.View, result: object, call: Call, status: int) -> Rendered | None:
    """A list with cursors: a cursor page carries only ``cursor_pagination``; an offset page carries
    ``pagination``, and on its first page ``cursor_pagination`` too. None for anything else."""
    if isinstance(result, CursorPage):
        meta = cursor_meta(
            call, result.items, result.limit, has_previous=result.has_previous, has_next=result.has_next,
            current=f"&{result.param[0]}={quote(result.param[1], safe='')}",
        )  # fmt: skip
        return Rendered(status, {"data": view._items(result.items, call), "meta": {"cursor_pagination": meta}})
    if isinstance(result, Page):
        body = v3.collection(result, view._items(result.items, call), call.query_items)
        pagination = body["meta"]
        if result.page == 1 and isinstance(pagination, dict):
            pagination["cursor_pagination"] = cursor_meta(
                call, result.items, result.limit, has_previous=False, has_next=result.total_pages > 1, current=""
            )
        return Rendered(status, body)
    return None


class MetafieldView(v3.View):
    """A metafield operation: lists carry cursor pagination besides offset pagination (the
    first page of an offset list carries both, a cursor request only ``cursor_pagination``,
    as upstream documents for customers), batches answer per item, and a refusal by
    ownership is a 403 of its own. A ``listed`` view answers one metafield in the batch envelope."""

    def __init__(
        self, name: str, always: frozenset[str], *, batch: BatchKind | None = None, action: str = "",
        flat_batch_errors: bool = False, listed: bool = False,
    ) -> None:  # fmt: skip
        super().__init__(
            name, _item(always), changes_from_v3, whole=to_v3, shaping=frozenset({"include_fields", "exclude_fields"})
        )
        self.batch, self.action, self.flat_batch_errors, self.listed = batch, action, flat_batch_errors, listed

    def render(self, result: object, call: Call, status: int) -> Rendered:
        paged = render_page(self, result, call, status)
        if paged is not None:
            return paged
        if self.listed and isinstance(result, Metafield):
            result = Batch([result], [], 1)
        if isinstance(result, Batch):
            return self._batch(result, call, status)
        return super().render(result, call, status)

    def _data(self, done: Sequence[Any], call: Call) -> list[Any]:
        return list(done) if self.batch == "ids" else self._items(done, call)

    def _batch(self, result: Batch[Any], call: Call, status: int) -> Rendered:
        meta = v3.batch_meta(result.total, len(result.done))
        data = self._data(result.done, call)
        if not result.failures:
            return Rendered(status, {"data": data, "errors": [], "meta": meta})
        if self.flat_batch_errors:
            problems = tuple(p.at(index) for index, err in result.failures for p in self._problems(err))
            flat = v3.body(422, words.title(f"metafields_not_{self.action}"), words.messages(problems))
            return Rendered(422, {**flat, "data": data, "meta": meta})
        errors = []
        for index, err in result.failures:
            item_status, title = self._status_title(err)
            problems = tuple(p.at(index) for p in self._problems(err))
            errors.append(v3.body(item_status, title, words.messages(problems)))
        return Rendered(422, {"data": data, "errors": errors, "meta": meta})

    def _problems(self, err: e.DomainError) -> tuple[e.Problem, ...]:
        whole = self.batch == "ids"  # a delete item is an id: its messages are keyed by index alone
        if isinstance(err, e.NotFound):
            name = "" if whole else ("id" if err.resource == "metafield" else "resource_id")
            return (e.Problem(name, "record_missing", {"resource": err.resource, "id": err.id}),)
        if isinstance(err, NotPermitted):
            if err.field:
                return (e.Problem(err.field, "metafield_not_writable", {"field": err.field}),)
            return (e.Problem("" if whole else "permission_set", "metafield_not_deletable"),)
        assert isinstance(err, (e.Invalid, e.Conflict, e.LimitExceeded)), f"unmapped batch item error {err!r}"
        return err.problems

    @staticmethod
    def _status_title(err: e.DomainError) -> tuple[int, str]:
        if isinstance(err, NotPermitted):
            return 403, words.title("metafield_not_writable")
        status, shaped = v3.error(err)
        assert isinstance(shaped, dict)
        return status, str(shaped["title"])

    def error(self, err: e.DomainError) -> tuple[int, object]:
        if isinstance(err, NotPermitted):
            return 403, v3.body(403, words.title("metafield_not_writable"), words.messages(self._problems(err)))
        status, flat = v3.error(err)
        if status == 422 and self.batch is not None and not self.flat_batch_errors:
            # A batch refused whole (its body breaks the schema): every item failed, nothing was saved.
            total = int(getattr(err, "facts", {}).get("total", 0))
            return 422, {"data": [], "errors": [flat], "meta": v3.batch_meta(total, 0)}
        return status, flat


# The per-owner operations (/products/{product_id}/metafields[/{metafield_id}] and the like).
OWNER = MetafieldView("metafield.v3", OWNER_ALWAYS)
# The store-wide operations (/products/metafields and the like).
STORE_LIST = MetafieldView("metafields.v3", STORE_ALWAYS)
CREATE_MANY = MetafieldView("metafields.create.v3", STORE_ALWAYS, batch="records", action="created")
UPDATE_MANY = MetafieldView("metafields.update.v3", STORE_ALWAYS, batch="records", action="updated")
UPDATE_MANY_FLAT = MetafieldView(
    "metafields.update.flat.v3", STORE_ALWAYS, batch="records", action="updated", flat_batch_errors=True
)
DELETE_MANY = MetafieldView("metafields.delete.v3", STORE_ALWAYS, batch="ids", action="deleted")
# customers.v3.yml: the per-customer create and update answer the collection envelope
# (MetaFieldCollectionPostPutResponses) holding the one metafield, their errors flat.
OWNER_WRITE_LISTED = MetafieldView("metafield.write.listed.v3", STORE_ALWAYS, listed=True)
