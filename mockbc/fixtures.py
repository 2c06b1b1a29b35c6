"""Fixture files (``fixtures/*.json``, format ``mockbc-fixtures/1``) -> a frozen store seed.

Records use v3 field names; see fixtures/README.md. Every record takes the path an API
request takes: it is checked against the create operation's schema in ``specs/``, read by the
v3 presentation, and written by the services, with their rules, into an empty store, whose
contents then become the seed. A file that breaks any rule is refused with the record named,
so a bad seed never reaches a running store.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from mockbc.domain.categories import DEFAULT_TREE_ID, CategoryTree
from mockbc.domain.errors import DomainError
from mockbc.presentation import brands as brand_wire
from mockbc.presentation import categories as category_wire
from mockbc.presentation import products as product_wire
from mockbc.presentation import v3
from mockbc.services import brands as brand_service
from mockbc.services import categories as category_service
from mockbc.services import products as product_service
from mockbc.spec import Operation, load_operations
from mockbc.store.store import Seed, Store

FORMAT = "mockbc-fixtures/1"
BUILTIN = ("demo", "empty")
SECTIONS = ("category_trees", "brands", "categories", "products")
_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
_DEFAULT_TREES = [{"id": DEFAULT_TREE_ID, "name": "Default", "channels": [1]}]


class FixtureError(ValueError):
    """A fixture file that cannot seed a store."""


def fixtures_dir() -> Path:
    return Path(__file__).resolve().parent / "fixtures_data"


def resolve(name_or_path: str) -> Path:
    if name_or_path in BUILTIN:
        return fixtures_dir() / f"{name_or_path}.json"
    path = Path(name_or_path)
    if not path.is_file():
        raise FixtureError(f"fixture file not found: {name_or_path}")
    return path


@functools.lru_cache(maxsize=16)
def _load_path(path: Path, mtime_ns: int) -> Seed:
    try:
        document = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise FixtureError(f"{path}: not valid JSON ({exc})") from None
    except OSError as exc:
        raise FixtureError(f"{path}: cannot be read ({exc.strerror})") from None
    return build_seed(document, source=str(path))


def load_seed(name_or_path: str) -> Seed:
    """The seed for ``demo``, ``empty`` or a file path; parsed once per process and file version."""
    path = resolve(name_or_path).resolve()
    return _load_path(path, path.stat().st_mtime_ns)


@functools.cache
def _operations() -> dict[tuple[str, str], Operation]:
    return load_operations()


def _described(err: DomainError) -> str:
    _, body = v3.error(err)
    errors = body.get("errors")
    detail = "; ".join(f"{field}: {message}" for field, message in errors.items()) if isinstance(errors, dict) else ""
    return f"{body['title']} {detail}".strip() if detail else str(body.get("detail") or body["title"])


def _record_id(raw: Mapping[str, Any], kind: str, source: str) -> int:
    rid = raw.get("id")
    if not isinstance(rid, int) or isinstance(rid, bool) or not 1 <= rid <= 2**31 - 1:
        raise FixtureError(f"{source}: {kind} {raw.get('name', '?')!r} needs a positive integer id, got {rid!r}")
    return rid


def _date(raw: Any, what: str) -> datetime | None:
    if raw in (None, ""):
        return None
    try:
        parsed = datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
    except ValueError:
        raise FixtureError(f"{what}: {raw!r} is not an ISO 8601 date-time") from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _load_each(
    records: list[Any], kind: str, source: str, operation: str, write: Callable[[dict[str, Any], int], None],
    *, not_in_schema: tuple[str, ...] = (),
) -> None:  # fmt: skip
    """Check each record against ``operation``'s body schema, then ``write`` it; any refusal
    becomes a ``FixtureError`` naming the record."""
    op = _operations()[("v3", operation)]
    for raw in records:
        if not isinstance(raw, dict):
            raise FixtureError(f"{source}: every {kind} must be a JSON object, got {raw!r:.60}")
        rid = _record_id(raw, kind, source)
        try:
            op.validate_body({k: v for k, v in raw.items() if k not in not_in_schema})
            write(raw, rid)
        except DomainError as err:
            raise FixtureError(f"{source}: {kind} {rid}: {_described(err)}") from None


def build_seed(document: Any, *, source: str = "<fixture>") -> Seed:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FixtureError(f'{source}: expected an object with "format": "{FORMAT}"')
    for section in SECTIONS:
        if not isinstance(document.get(section, []), list):
            raise FixtureError(f"{source}: {section} must be an array")
    store = Store("fixture", Seed())

    for raw in document.get("category_trees") or _DEFAULT_TREES:
        if not isinstance(raw, dict):
            raise FixtureError(f"{source}: every category tree must be a JSON object, got {raw!r:.60}")
        tree_id = _record_id(raw, "category tree", source)
        name, channels = raw.get("name"), raw.get("channels", [])
        if not isinstance(name, str) or not name or not isinstance(channels, list):
            raise FixtureError(f"{source}: category tree {tree_id} needs a name and a list of channels")
        if not all(isinstance(c, int) and not isinstance(c, bool) for c in channels):
            raise FixtureError(f"{source}: category tree {tree_id}: channels must be integers")
        try:
            category_service.create_tree(store, CategoryTree(id=tree_id, name=name, channels=tuple(channels)))
        except DomainError as err:
            raise FixtureError(f"{source}: category tree {tree_id}: {_described(err)}") from None

    def write_brand(raw: dict[str, Any], rid: int) -> None:
        brand_service.create(store, brand_wire.changes_from_v3(raw), brand_id=rid)

    _load_each(document.get("brands", []), "brand", source, "createBrand", write_brand)

    def write_category(raw: dict[str, Any], rid: int) -> None:
        changes = category_wire.changes_from_v3(raw)
        changes.setdefault("parent_id", 0)
        if not changes["parent_id"]:
            changes.setdefault("tree_id", DEFAULT_TREE_ID)
        category_service.create(store, changes, category_id=rid)

    # tree_id is the fixture's own field (the categories API has none); parents come first.
    _load_each(
        document.get("categories", []), "category", source, "createCategory", write_category,
        not_in_schema=("tree_id",),
    )  # fmt: skip

    products = document.get("products", [])
    # Listed variant ids are reserved first, so simple products' base variants come after them.
    variant_ids = [
        v.get("id")
        for p in products
        if isinstance(p, dict) and isinstance(p.get("variants"), list)
        for v in p["variants"]
        if isinstance(v, dict)
    ]
    listed: list[int] = []
    for vid in variant_ids:
        if not isinstance(vid, int) or isinstance(vid, bool) or vid < 1:
            raise FixtureError(f"{source}: every variant needs a positive integer id, got {vid!r}")
        listed.append(vid)
    if len(set(listed)) != len(listed):
        raise FixtureError(f"{source}: a variant id appears twice")
    store.sequence("variants").claim(max(listed, default=0))

    def write_product(raw: dict[str, Any], rid: int) -> None:
        what = f"{source}: product {rid}"
        changes = product_wire.changes_from_v3(raw)
        changes.pop("brand_name", None)
        created = _date(raw.get("date_created"), what) or _EPOCH
        variants = product_wire.variants_from_v3(raw.get("variants") or (), with_ids=True)
        product_service.create(
            store, changes, variants, product_id=rid, created=created,
            modified=_date(raw.get("date_modified"), what) or created,
        )  # fmt: skip

    ordered = sorted(
        products, key=lambda r: r.get("id", 0) if isinstance(r, dict) and isinstance(r.get("id"), int) else 0
    )
    _load_each(ordered, "product", source, "createProduct", write_product)
    return store.snapshot()
