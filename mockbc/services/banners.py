"""Create, change, find and delete banners (upstream marketing.v2.yml, ``/v2/banners``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockbc.domain.banners import Banner
from mockbc.domain.errors import Invalid, NotFound, Problem, conflict
from mockbc.domain.query import Condition, Filter
from mockbc.store.select import Rows, select
from mockbc.store.store import Store

FILTERS = {"id": Filter(get=lambda b: b.id, primary=True)}


def filters() -> Mapping[str, Filter]:
    return FILTERS


def get(store: Store, banner_id: int) -> Banner:
    banner: Banner | None = store.banners.get(banner_id)
    if banner is None:
        raise NotFound("banner", banner_id)
    return banner


def find(store: Store, conditions: Sequence[Condition]) -> Rows:
    return select(store.banners, conditions, FILTERS, context=store)


def _check(banner: Banner) -> None:
    """A custom-dated banner needs both dates, the end not before the start; an always-shown one keeps none."""
    problems: list[Problem] = []
    if banner.date_type == "custom":
        problems.extend(
            Problem(name, "banner_dates_required") for name in ("date_from", "date_to") if getattr(banner, name) is None
        )
        if banner.date_from is not None and banner.date_to is not None and banner.date_to < banner.date_from:
            problems.append(Problem("date_to", "banner_dates_order"))
    if problems:
        raise Invalid("body", tuple(problems))


def _settled(banner: Banner) -> Banner:
    return banner if banner.date_type == "custom" else replace(banner, date_from=None, date_to=None)


def create(store: Store, changes: Mapping[str, Any], *, banner_id: int | None = None) -> Banner:
    """A new banner; ``banner_id`` is for fixtures, the API lets the store choose."""
    if banner_id is not None and store.banners.get(banner_id) is not None:
        raise conflict("id_taken", "id", "id_taken", id=banner_id)
    banner = Banner(id=banner_id or 0, date_created=store.clock.now(), **changes)
    _check(banner)
    if banner_id is None:
        banner = replace(banner, id=store.next_id("banners"))
    else:
        store.sequence("banners").claim(banner_id)
    banner = _settled(banner)
    store.banners.put(banner.id, banner)
    store.emit("banner", "created", banner.id)
    return banner


def update(store: Store, banner_id: int, changes: Mapping[str, Any]) -> Banner:
    updated = replace(get(store, banner_id), **changes)
    _check(updated)
    updated = _settled(updated)
    store.banners.put(updated.id, updated)
    store.emit("banner", "updated", updated.id)
    return updated


def delete(store: Store, banner_ids: Sequence[int]) -> list[int]:
    return sorted(store.delete("banners", banner_ids).get("banners", ()))
