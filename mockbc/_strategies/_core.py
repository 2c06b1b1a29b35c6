"""Pieces every resource strategy shares: the ``OMIT`` sentinel, ``InvalidCase``, argument
checks (run at draw time, as Hypothesis's own strategies do), and ``Taken``: the names,
SKUs and URLs a draw must avoid, read from a store and grown as a batch is drawn."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from mockbc._strategies._schema import PRINTABLE, body_properties, texts
from mockbc.store.store import Store


class _Omit:
    """Drawn from an override, leaves the field out of the payload."""

    _instance: _Omit | None = None

    def __new__(cls) -> _Omit:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "OMIT"

    def __reduce__(self) -> str:
        return "OMIT"


OMIT: Any = _Omit()


@dataclass(frozen=True)
class InvalidCase:
    """A request body the mock must refuse, and how.

    ``status`` is 422 for a schema or rule violation, 409 for a conflict with the store.
    ``field`` is the key the error body's ``errors`` object names. ``target_id`` is set by
    update strategies: the record the payload must be sent to (``PUT .../{target_id}``).
    """

    payload: Any
    status: int
    reason: str
    field: str | None = None
    target_id: int | None = None


# ---------------------------------------------------------------- argument checks


def check_store(function: str, store: object) -> Store | None:
    if store is not None and not isinstance(store, Store):
        raise InvalidArgument(f"{function}(store=...) must be a mockbc.Store or None, got {store!r}")
    return store


def check_overrides(
    function: str, operation_id: str, overrides: Mapping[str, object], *, known: Mapping[str, object] | None = None
) -> None:
    """Every override names a field of the operation's body (``known``: the v3 body's
    properties unless given) and is a strategy."""
    api = "" if known is None else "v2 "
    if known is None:
        known = body_properties(operation_id)
    for name, value in overrides.items():
        if name not in known:
            raise InvalidArgument(
                f"{function}() got {name}=..., which is not a field of {api}{operation_id} "
                f"(fields: {', '.join(sorted(known))})"
            )
        if not isinstance(value, st.SearchStrategy):
            raise InvalidArgument(
                f"{function}({name}=...) must be a strategy, got {value!r}; wrap a fixed value as {name}=st.just(value)"
            )


def apply_overrides(
    draw: st.DrawFn, body: dict[str, Any], overrides: Mapping[str, st.SearchStrategy[Any]], *, skip: str = ""
) -> None:
    """Draw each override into ``body`` (``OMIT`` removes the field); ``skip`` was drawn already."""
    for name, strategy in overrides.items():
        if name == skip:
            continue
        value = draw(strategy)
        if value is OMIT:
            body.pop(name, None)
        else:
            body[name] = value


def check_sizes(function: str, min_size: object, max_size: object, *, limit: int | None = None) -> None:
    for label, value in (("min_size", min_size), ("max_size", max_size)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise InvalidArgument(f"{function}({label}={value!r}) must be a non-negative integer")
    assert isinstance(min_size, int) and isinstance(max_size, int)
    if min_size > max_size:
        raise InvalidArgument(f"{function}(min_size={min_size}, max_size={max_size}): min_size exceeds max_size")
    if limit is not None and max_size > limit:
        raise InvalidArgument(f"{function}(max_size={max_size}): the API takes at most {limit} items per call")


# ---------------------------------------------------------------- what a draw must avoid


@dataclass
class Taken:
    """Keys already in use: the store's (read on demand) plus those drawn so far.

    Names and SKUs are compared casefolded, as the mock compares them.
    """

    store: Store | None = None
    product_names: set[str] = field(default_factory=set)
    skus: set[str] = field(default_factory=set)
    product_urls: set[str] = field(default_factory=set)
    brand_names: set[str] = field(default_factory=set)
    brand_urls: set[str] = field(default_factory=set)
    category_urls: set[str] = field(default_factory=set)
    # (tree_id, parent_id) -> casefolded names of the categories drawn under it.
    sibling_names: dict[tuple[int, int], set[str]] = field(default_factory=dict)
    # Names of every category, for updates that do not know their target's siblings.
    category_names: set[str] = field(default_factory=set)
    channels: set[int] = field(default_factory=set)
    _store_category_urls: set[str] | None = None
    _store_brand_urls: set[str] | None = None

    def product_name_free(self, name: str) -> bool:
        key = name.casefold()
        return key not in self.product_names and (self.store is None or self.store.products.unique("name", key) is None)

    def sku_free(self, sku: str) -> bool:
        key = sku.casefold()
        return key not in self.skus and (
            self.store is None
            or (self.store.products.unique("sku", key) is None and self.store.variants.unique("sku", key) is None)
        )

    def product_url_free(self, url: str) -> bool:
        return url not in self.product_urls and (self.store is None or self.store.products.unique("url", url) is None)

    def brand_name_free(self, name: str) -> bool:
        key = name.casefold()
        return key not in self.brand_names and (self.store is None or self.store.brands.unique("name", key) is None)

    def brand_url_free(self, url: str) -> bool:
        if self._store_brand_urls is None:
            brands = self.store.brands.values() if self.store is not None else ()
            self._store_brand_urls = {b.custom_url.url for b in brands}
        return url not in self.brand_urls and url not in self._store_brand_urls

    def category_url_free(self, url: str) -> bool:
        if self._store_category_urls is None:
            categories = self.store.categories.values() if self.store is not None else ()
            self._store_category_urls = {c.custom_url.url for c in categories}
        return url not in self.category_urls and url not in self._store_category_urls

    def sibling_name_free(self, name: str, tree_id: int, parent_id: int) -> bool:
        key = name.casefold()
        if key in self.sibling_names.get((tree_id, parent_id), ()):
            return False
        if self.store is None:
            return True
        return not any(
            c.parent_id == parent_id and c.tree_id == tree_id and c.name.casefold() == key
            for c in self.store.categories.values()
        )

    def category_name_free(self, name: str) -> bool:
        key = name.casefold()
        if key in self.category_names or any(key in names for names in self.sibling_names.values()):
            return False
        return self.store is None or all(c.name.casefold() != key for c in self.store.categories.values())

    def channel_free(self, channel: int) -> bool:
        if channel in self.channels:
            return False
        return self.store is None or all(channel not in t.channels for t in self.store.trees.values())


def made_unique(value: str, is_free: Callable[[str], bool], *, max_size: int, separator: str = " ") -> str:
    """``value``, or ``value`` with a numeric suffix (trimmed to ``max_size``) when it is taken."""
    if is_free(value):
        return value
    n = 1
    while True:
        n += 1
        suffix = f"{separator}{n}"
        candidate = value[: max(0, max_size - len(suffix))] + suffix
        if is_free(candidate):
            return candidate


# Generated URLs: products ``/slug/`` and ``/slug-2/``, categories ``/parent/child/``; the
# explicit URLs drawn here never take that form, so no later generated URL can clash.
_GENERATED_URL = re.compile(r"[a-z0-9/-]*")


def not_generated_url(url: str, *, max_size: int) -> str:
    if _GENERATED_URL.fullmatch(url):
        url = url[: max_size - 1] + "_"
    return url


# ---------------------------------------------------------------- text


def names(*, max_size: int, min_size: int = 1) -> st.SearchStrategy[str]:
    """Printable Unicode with at least one non-space character (the mock strips names to check them)."""
    return texts(min_size=min_size, max_size=max_size, alphabet=PRINTABLE).filter(lambda s: s.strip() != "")


def sampled_or_empty(values: Iterable[Any]) -> st.SearchStrategy[Any]:
    pool = list(values)
    return st.sampled_from(pool) if pool else st.nothing()


def draw_fields(
    draw: st.DrawFn,
    *,
    defaults: Mapping[str, st.SearchStrategy[Any]],
    overrides: Mapping[str, st.SearchStrategy[Any]],
    required: Iterable[str] = (),
    optional_weight: int = 1,
) -> dict[str, Any]:
    """Required fields, a random subset of the optional ones, and every overridden field.

    The optional subset is one drawn list of names (a handful on average, sometimes many);
    it shrinks towards no optional field at all. ``optional_weight`` multiplies the number
    of optional fields drawn. An override that draws ``OMIT`` leaves its field out.
    """
    needed = [name for name in required if name in defaults and name not in overrides]
    optional = [name for name in defaults if name not in overrides and name not in needed]
    chosen: set[str] = set()
    for _ in range(optional_weight):
        if optional:
            chosen.update(draw(st.lists(st.sampled_from(optional), unique=True, max_size=len(optional))))
    out: dict[str, Any] = {}
    for name, strategy in defaults.items():
        if name in needed or name in chosen:
            value = draw(strategy)
            if value is not OMIT:
                out[name] = value
    for name, strategy in overrides.items():
        value = draw(strategy)
        if value is not OMIT:
            out[name] = value
    return out
