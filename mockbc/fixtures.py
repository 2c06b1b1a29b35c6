"""Fixture files (``fixtures/*.json``, format ``mockbc-fixtures/1``) -> a frozen store seed.

Records use v3 field names; see fixtures/README.md. Every record takes the path an API
request takes: it is checked against the create operation's schema in ``specs/``, read by the
v3 presentation, and written by the services, with their rules, into an empty store, whose
contents then become the seed. A file that breaks any rule is refused with the record named,
so a bad seed never reaches a running store.

Channels, trees, brands, categories and products (with their variants) carry their own ids. What hangs
off a product (images, videos, custom fields, bulk pricing rules, typed options, reviews,
modifiers, complex rules, metafields, sort orders) is numbered by the store, in the order the
file is loaded, exactly as the API numbers what it creates; an ``id`` on those is read-only,
as in a request body.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from mockbc.domain.assignments import DEFAULT_CHANNEL_ID, ChannelAssignment
from mockbc.domain.categories import DEFAULT_TREE_ID, CategoryTree
from mockbc.domain.category_sort import ProductPosition
from mockbc.domain.clock import FrozenClock
from mockbc.domain.errors import Conflict, DomainError, Invalid, LimitExceeded, NotFound, Problem
from mockbc.domain.metafields import KINDS, Kind
from mockbc.domain.order_payments import OFFLINE_PROVIDER
from mockbc.domain.products import Product
from mockbc.domain.query import Condition
from mockbc.domain.reviews import MAX_RATING, MIN_RATING
from mockbc.presentation import brands as brand_wire
from mockbc.presentation import categories as category_wire
from mockbc.presentation import channels as channel_wire
from mockbc.presentation import complex_rules as complex_rule_wire
from mockbc.presentation import coupons_v2 as coupon_wire
from mockbc.presentation import customers as customer_wire
from mockbc.presentation import customers_v2 as customer_v2_wire
from mockbc.presentation import metafields as metafield_wire
from mockbc.presentation import modifiers as modifier_wire
from mockbc.presentation import options as option_wire
from mockbc.presentation import orders_v2 as order_wire
from mockbc.presentation import orders_v3 as payment_wire
from mockbc.presentation import products as product_wire
from mockbc.presentation import promotions as promotion_wire
from mockbc.presentation import reviews as review_wire
from mockbc.presentation import v3
from mockbc.services import assignments as assignment_service
from mockbc.services import brands as brand_service
from mockbc.services import categories as category_service
from mockbc.services import category_sort as category_sort_service
from mockbc.services import channels as channel_service
from mockbc.services import complex_rules as complex_rule_service
from mockbc.services import coupons as coupon_service
from mockbc.services import customer_groups as group_service
from mockbc.services import customers as customer_service
from mockbc.services import metafields as metafield_service
from mockbc.services import modifiers as modifier_service
from mockbc.services import options as option_service
from mockbc.services import order_payments as payment_service
from mockbc.services import order_shipments as shipment_service
from mockbc.services import orders as order_service
from mockbc.services import products as product_service
from mockbc.services import promotions as promotion_service
from mockbc.services import reviews as review_service
from mockbc.spec import Operation, load_operations
from mockbc.store.store import Seed, Store

FORMAT = "mockbc-fixtures/1"
BUILTIN = ("demo", "catalog", "empty")
# Sections holding records with ids of their own, then the sections of what hangs off them.
SECTIONS = (
    "channels", "category_trees", "brands", "categories", "products",
    "reviews", "modifiers", "complex_rules", "metafields", "category_sort_orders",
    "customer_groups", "customers", "coupons", "promotions", "orders",
)  # fmt: skip
_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
_DEFAULT_TREES = [{"id": DEFAULT_TREE_ID, "name": "Default", "channels": [1]}]
# The create operation whose body schema each metafield owner kind's records pass.
_METAFIELD_OPERATIONS = {
    "product": "createProductMetafield",
    "variant": "createProductVariantMetafield",
    "category": "createCategoryMetafield",
    "brand": "createBrandMetafield",
}
_KINDS: dict[str, Kind] = {str(name): kind for name, kind in KINDS.items()}
# Fields of a product record that belong to a section of their own.
_SECTION_FIELDS = {"reviews": "reviews", "modifiers": "modifiers"}
# Fixture-only fields of a complex rule condition: the modifier value by name, not by id.
_CONDITION_NAMES = ("modifier_display_name", "modifier_value_label")


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


def _validate(operation: str, body: object, api: str = "v3") -> None:
    _operations()[(api, operation)].validate_body(body)


def _described(err: DomainError) -> str:
    _, body = v3.error(err)
    errors = body.get("errors")
    detail = "; ".join(f"{field}: {message}" for field, message in errors.items()) if isinstance(errors, dict) else ""
    return f"{body['title']} {detail}".strip() if detail else str(body.get("detail") or body["title"])


@contextmanager
def _refused_as(what: str) -> Iterator[None]:
    """Any refusal by the schema or the services inside becomes a ``FixtureError`` naming ``what``."""
    try:
        yield
    except DomainError as err:
        raise FixtureError(f"{what}: {_described(err)}") from None


def _at(err: DomainError, prefix: str) -> DomainError:
    """The error with its fields moved under ``prefix`` (``options.0``), where it has fields."""
    return err.at(prefix) if isinstance(err, (Invalid, Conflict, LimitExceeded)) else err


def _unbatched(err: DomainError, rename: Mapping[str, str] | None = None) -> DomainError:
    """A batch operation's error about the one item the loader sent it, with the item's fields
    named as the fixture record names them (``0.product_id`` -> ``product_id``)."""
    if not isinstance(err, (Invalid, Conflict, LimitExceeded)):
        return err
    rename = rename or {}
    problems = []
    for problem in err.problems:
        field = problem.field.split(".", 1)[1] if problem.field.startswith("0.") else problem.field
        problems.append(Problem(rename.get(field, field), problem.rule, problem.facts))
    return type(err)(err.kind, tuple(problems), err.facts)


def _record_id(raw: Mapping[str, Any], kind: str, source: str) -> int:
    rid = raw.get("id")
    if not _is_id(rid):
        raise FixtureError(f"{source}: {kind} {raw.get('name', '?')!r} needs a positive integer id, got {rid!r}")
    assert isinstance(rid, int)
    return rid


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 2**31 - 1


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
        with _refused_as(f"{source}: {kind} {rid}"):
            op.validate_body(_without(raw, *not_in_schema))
            write(raw, rid)


def _each_in_section(document: Mapping[str, Any], section: str, source: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(label, record)`` for each record of a section without ids of its own (``reviews[3]``)."""
    for index, raw in enumerate(document.get(section, [])):
        label = f"{source}: {section}[{index}]"
        if not isinstance(raw, dict):
            raise FixtureError(f"{label} must be a JSON object, got {raw!r:.60}")
        yield label, raw


def _without(raw: Mapping[str, Any], *fixture_only: str) -> dict[str, Any]:
    """The record as an API body: without the fields only fixtures have."""
    return {k: v for k, v in raw.items() if k not in fixture_only}


def _owner_id(raw: Mapping[str, Any], field: str, label: str) -> int:
    value = raw.get(field)
    if not _is_id(value):
        raise FixtureError(f"{label}: {field} must be the id of a record of the file, got {value!r:.60}")
    assert isinstance(value, int)
    return value


class _Loader:
    """One fixture document written into an empty store, section by section."""

    def __init__(self, document: Mapping[str, Any], source: str) -> None:
        self.document, self.source = document, source
        self.clock = FrozenClock(_EPOCH)
        self.store = Store("fixture", Seed(), clock=self.clock)

    def seed(self) -> Seed:
        self.sales_channels()
        self.trees()
        self.brands()
        self.categories()
        approved = self.approved_reviews()
        products = self.products(approved)
        # What draws ids from the options sequence comes after every product's variant options,
        # so a product's option ids do not depend on the modifiers of the products before it.
        for product in products:
            self.typed_options(product)
        self.modifiers()
        self.complex_rules()
        self.reviews()
        self.metafields()
        self.category_sort_orders()
        self.customer_groups()
        self.customers()
        self.coupons()
        self.promotions()
        self.orders()
        return self.store.snapshot()

    # ------------------------------------------------------------------- channels, trees, brands, categories

    def sales_channels(self) -> None:
        """Each a ``POST /v3/channels`` body with its own ``id``; channel 1 is every store's and is not listed."""

        def write(raw: dict[str, Any], rid: int) -> None:
            channel_service.create(self.store, channel_wire.channel_from_v3(raw), channel_id=rid)

        _load_each(
            self.document.get("channels", []), "channel", self.source, "createChannel", write, not_in_schema=("id",)
        )

    def trees(self) -> None:
        source = self.source
        for raw in self.document.get("category_trees") or _DEFAULT_TREES:
            if not isinstance(raw, dict):
                raise FixtureError(f"{source}: every category tree must be a JSON object, got {raw!r:.60}")
            tree_id = _record_id(raw, "category tree", source)
            name, channels = raw.get("name"), raw.get("channels", [])
            if not isinstance(name, str) or not name or not isinstance(channels, list):
                raise FixtureError(f"{source}: category tree {tree_id} needs a name and a list of channels")
            if not all(isinstance(c, int) and not isinstance(c, bool) for c in channels):
                raise FixtureError(f"{source}: category tree {tree_id}: channels must be integers")
            with _refused_as(f"{source}: category tree {tree_id}"):
                category_service.create_tree(self.store, CategoryTree(id=tree_id, name=name, channels=tuple(channels)))

    def brands(self) -> None:
        def write(raw: dict[str, Any], rid: int) -> None:
            brand_service.create(self.store, brand_wire.changes_from_v3(raw), brand_id=rid)

        _load_each(self.document.get("brands", []), "brand", self.source, "createBrand", write)

    def categories(self) -> None:
        def write(raw: dict[str, Any], rid: int) -> None:
            changes = category_wire.changes_from_v3(raw)
            changes.setdefault("parent_id", 0)
            if not changes["parent_id"]:
                changes.setdefault("tree_id", DEFAULT_TREE_ID)
            category_service.create(self.store, changes, category_id=rid)

        # tree_id is the fixture's own field (the categories API has none); parents come first.
        _load_each(
            self.document.get("categories", []), "category", self.source, "createCategory", write,
            not_in_schema=("tree_id",),
        )  # fmt: skip

    # ------------------------------------------------------------------- products

    def approved_reviews(self) -> dict[int, tuple[int, int]]:
        """``product id -> (count, rating sum)`` of the approved reviews the file lists, which a
        product's ``reviews_count`` and ``reviews_rating_sum`` include. Malformed reviews are
        skipped here and refused when the reviews are loaded."""
        found: dict[int, tuple[int, int]] = {}
        for raw in self.document.get("reviews", []):
            if not isinstance(raw, dict) or raw.get("status") != "approved" or not _is_id(raw.get("product_id")):
                continue
            rating = raw.get("rating", 0)
            if not isinstance(rating, int) or isinstance(rating, bool) or not MIN_RATING <= rating <= MAX_RATING:
                continue
            count, total = found.get(raw["product_id"], (0, 0))
            found[raw["product_id"]] = (count + 1, total + rating)
        return found

    def products(self, approved: Mapping[int, tuple[int, int]]) -> list[tuple[int, dict[str, Any]]]:
        """Write every product in id order (with its variants, inline sub-resources and
        channels); returns ``(id, record)`` in that order."""
        source, store = self.source, self.store
        products = self.document.get("products", [])
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
        parsers = product_wire.inline_parsers()
        written: list[tuple[int, dict[str, Any]]] = []

        def write(raw: dict[str, Any], rid: int) -> None:
            what = f"{source}: product {rid}"
            for field, section in _SECTION_FIELDS.items():
                if raw.get(field):
                    raise FixtureError(
                        f'{what}: {field} are listed in the top-level "{section}" section, each with its product_id'
                    )
            if raw.get("options") and not raw.get("variants"):
                raise FixtureError(f"{what}: options are the options of its variants: list variants that name them")
            changes = product_wire.changes_from_v3(raw)
            changes.pop("brand_name", None)
            _count_reviews(changes, raw, approved.get(rid, (0, 0)), what)
            created = _date(raw.get("date_created"), what) or _EPOCH
            modified = _date(raw.get("date_modified"), what) or created
            variants = product_wire.variants_from_v3(raw.get("variants") or (), with_ids=True)
            inline = {name: [parsers[name](item) for item in raw[name]] for name in parsers if raw.get(name)}
            self.clock.set(created)
            product_service.create(
                store, changes, variants, inline=inline, product_id=rid, created=created, modified=modified
            )
            if raw.get("channels") is not None:
                self.channels(rid, raw["channels"])
            written.append((rid, raw))

        ordered = sorted(
            products, key=lambda r: r.get("id", 0) if isinstance(r, dict) and isinstance(r.get("id"), int) else 0
        )
        _load_each(ordered, "product", source, "createProduct", write)
        return written

    def channels(self, product_id: int, channels: Sequence[int]) -> None:
        """The product's channels, written as the assignments API writes them: the channels
        other than 1 assigned, then channel 1 taken away when the list leaves it out."""
        wanted = sorted(set(channels))
        for channel in wanted:
            if channel != DEFAULT_CHANNEL_ID:
                try:
                    assignment_service.assign_channels(self.store, [ChannelAssignment(product_id, channel)])
                except DomainError as err:
                    raise _unbatched(err, {"channel_id": "channels"}) from None
        if DEFAULT_CHANNEL_ID not in wanted:
            assignment_service.unassign_channels(
                self.store,
                [Condition("product_id", "in", [product_id]), Condition("channel_id", "in", [DEFAULT_CHANNEL_ID])],
            )

    def typed_options(self, product: tuple[int, dict[str, Any]]) -> None:
        """A product's ``options``: each names, by ``display_name``, an option its variants made
        (a dropdown), and is written as an update of that option (type, config, values by label:
        a label no variant uses adds a value)."""
        product_id, raw = product
        declared = raw.get("options") or ()
        if not declared:
            return
        what = f"{self.source}: product {product_id}"
        built = {option.display_name: option for option in option_service.options_of(self.store, product_id)}
        seen: set[str] = set()
        for index, item in enumerate(declared):
            where = f"{what}: options.{index}"
            with _refused_as(what):
                try:
                    _validate("createProductVariantOption", item)
                except Invalid as err:
                    raise err.at(f"options.{index}") from None
            changes = option_wire.changes_from_v3(item)
            name = changes["display_name"]
            option = built.get(name)
            if option is None:
                names = ", ".join(repr(n) for n in built)
                raise FixtureError(f"{where}: no variant names an option {name!r} (its variants name {names})")
            if name in seen:
                raise FixtureError(f"{where}: the option {name!r} is listed twice")
            seen.add(name)
            by_label = {value.label: value.id for value in option.option_values}
            values: list[dict[str, Any]] = []
            labels: set[str] = set()
            for position, value in enumerate(changes["option_values"]):
                label = value["label"]
                if label in labels:
                    raise FixtureError(f"{where}: option_values.{position}: the label {label!r} is listed twice")
                labels.add(label)
                fields = _without(value, "id")
                if label in by_label:
                    fields["id"] = by_label[label]
                values.append(fields)
            update = {k: v for k, v in changes.items() if k in ("type", "config", "sort_order", "image_url")}
            update["option_values"] = values
            with _refused_as(what):
                try:
                    option_service.update(self.store, product_id, option.id, update)
                except DomainError as err:
                    raise _at(err, f"options.{index}") from None

    # ------------------------------------------------------------------- sections

    def _product(self, raw: Mapping[str, Any], label: str) -> Product:
        product_id = _owner_id(raw, "product_id", label)
        product: Product | None = self.store.products.get(product_id)
        if product is None:
            raise FixtureError(f"{label}: product_id {product_id} is not a product of the file")
        return product

    def modifiers(self) -> None:
        """Each a ``createProductModifier`` body with its ``product_id``. A checkbox is made with
        its two values, Yes and No, as the API makes it; the ``option_values`` a checkbox record
        gives (by those labels) are then written as the API's second request would write them."""
        for label, raw in _each_in_section(self.document, "modifiers", self.source):
            product = self._product(raw, label)
            with _refused_as(label):
                _validate("createProductModifier", raw)
                changes = modifier_wire.changes_from_v3(raw)
                later = changes.pop("option_values", None) if changes["type"] == "checkbox" else None
                self.clock.set(product.date_created)
                modifier = modifier_service.create(self.store, product.id, changes)
                if later:
                    by_label = {value.label: value.id for value in modifier.option_values}
                    items = []
                    for position, item in enumerate(later):
                        value_id = by_label.get(item.get("label", ""))
                        if value_id is None:
                            raise FixtureError(
                                f"{label}: option_values.{position}: a checkbox has the values "
                                f"{' and '.join(repr(v) for v in by_label)}; name one by its label"
                            )
                        items.append({**_without(item, "label"), "id": value_id})
                    modifier_service.update(
                        self.store, product.id, modifier.id,
                        {"type": modifier.type, "required": modifier.required, "option_values": items},
                    )  # fmt: skip

    def complex_rules(self) -> None:
        """Each a ``createProductComplexRule`` body with its ``product_id``; a condition names a
        modifier value by id or by ``modifier_display_name`` and ``modifier_value_label``."""
        for label, raw in _each_in_section(self.document, "complex_rules", self.source):
            product = self._product(raw, label)
            conditions = raw.get("conditions")
            names: list[tuple[Any, Any] | None] = []
            body = dict(raw)
            if isinstance(conditions, list):
                stripped = []
                for condition in conditions:
                    if isinstance(condition, dict) and any(n in condition for n in _CONDITION_NAMES):
                        names.append((condition.get(_CONDITION_NAMES[0]), condition.get(_CONDITION_NAMES[1])))
                        condition = _without(condition, *_CONDITION_NAMES)
                    else:
                        names.append(None)
                    stripped.append(condition)
                body["conditions"] = stripped
            with _refused_as(label):
                _validate("createProductComplexRule", body)
                changes = complex_rule_wire.changes_from_v3(body)
            if names:
                changes["conditions"] = [
                    self._named_condition(product, triple, named, f"{label}: conditions.{index}")
                    for index, (triple, named) in enumerate(zip(changes["conditions"], names, strict=True))
                ]
            with _refused_as(label):
                complex_rule_service.create(self.store, product.id, changes)

    def _named_condition(
        self, product: Product, triple: tuple[int | None, int | None, int | None], named: tuple[Any, Any] | None,
        where: str,
    ) -> tuple[int | None, int | None, int | None]:  # fmt: skip
        if named is None:
            return triple
        modifier_id, value_id, variant_id = triple
        if modifier_id is not None or value_id is not None:
            raise FixtureError(f"{where}: name the modifier value by id or by name, not both")
        display_name, value_label = named
        if not isinstance(display_name, str) or not isinstance(value_label, str):
            raise FixtureError(f"{where}: {' and '.join(_CONDITION_NAMES)} must both be given, as strings")
        for modifier in modifier_service.modifiers_of(self.store, product.id):
            if modifier.display_name == display_name:
                value = next((v for v in modifier.option_values if v.label == value_label), None)
                if value is None:
                    raise FixtureError(f"{where}: the modifier {display_name!r} has no value {value_label!r}")
                return (modifier.id, value.id, variant_id)
        raise FixtureError(f"{where}: product {product.id} has no modifier {display_name!r}")

    def reviews(self) -> None:
        """Each a ``createProductReview`` body with its ``product_id``. ``date_created`` defaults
        to ``date_reviewed`` and ``date_modified`` to ``date_created``."""
        for label, raw in _each_in_section(self.document, "reviews", self.source):
            product = self._product(raw, label)
            with _refused_as(label):
                _validate("createProductReview", raw)
                changes = review_wire.changes_from_v3(raw)
                created = _date(raw.get("date_created"), label) or changes["date_reviewed"]
                modified = _date(raw.get("date_modified"), label) or created
                self.clock.set(created)
                review = review_service.create(self.store, product.id, changes)
                if modified != created:
                    self.clock.set(modified)
                    review_service.update(self.store, product.id, review.id, {})

    def metafields(self) -> None:
        """Each a metafield as the store-wide lists show it: ``resource_type`` and
        ``resource_id`` name the owner, ``owner_client_id`` (default ``""``) the API account it
        belongs to. ``date_created`` defaults to the owning product's (the fixture epoch for
        categories and brands), ``date_modified`` to ``date_created``."""
        for label, raw in _each_in_section(self.document, "metafields", self.source):
            resource_type = raw.get("resource_type")
            if not isinstance(resource_type, str) or resource_type not in _METAFIELD_OPERATIONS:
                raise FixtureError(
                    f"{label}: resource_type must be one of {', '.join(_METAFIELD_OPERATIONS)}, got {resource_type!r:.60}"
                )
            kind = _KINDS[resource_type]
            resource_id = _owner_id(raw, "resource_id", label)
            owner = raw.get("owner_client_id", "")
            if not isinstance(owner, str):
                raise FixtureError(f"{label}: owner_client_id must be a string, got {owner!r:.60}")
            try:
                metafield_service.check_owner(self.store, kind, resource_id)
            except NotFound:
                raise FixtureError(f"{label}: resource_id {resource_id} is not a {kind.owner} of the file") from None
            with _refused_as(label):
                _validate(_METAFIELD_OPERATIONS[resource_type], raw)
                created = _date(raw.get("date_created"), label) or self._owner_date(resource_type, resource_id)
                modified = _date(raw.get("date_modified"), label) or created
                self.clock.set(created)
                changes = metafield_wire.changes_from_v3(raw)
                metafield = metafield_service.create(self.store, kind, resource_id, changes, owner)
                if modified != created:
                    self.clock.set(modified)
                    metafield_service.update(self.store, kind, resource_id, metafield.id, {}, owner)

    def _owner_date(self, resource_type: str, resource_id: int) -> datetime:
        if resource_type == "product":
            product: Product = self.store.products.require(resource_id)
            return product.date_created
        if resource_type == "variant":
            owner: Product = self.store.products.require(self.store.variants.require(resource_id).product_id)
            return owner.date_created
        return _EPOCH

    def category_sort_orders(self) -> None:
        """Each ``{category_id, product_id, sort_order}``: one item of
        ``PUT /v3/catalog/categories/{category_id}/products/sort-order``."""
        seen: set[tuple[int, int]] = set()
        for label, raw in _each_in_section(self.document, "category_sort_orders", self.source):
            category_id = _owner_id(raw, "category_id", label)
            item = _without(raw, "category_id")
            try:
                _validate("updateCategorySortOrders", [item])
                position = ProductPosition(int(item["product_id"]), int(item["sort_order"]))
                pair = (category_id, position.product_id)
                if pair in seen:
                    raise FixtureError(f"{label}: product {pair[1]} is given a sort order in category {pair[0]} twice")
                seen.add(pair)
                category_sort_service.set_positions(self.store, category_id, [position])
            except DomainError as err:
                if isinstance(err, NotFound) and err.resource == "category":
                    raise FixtureError(f"{label}: category_id {category_id} is not a category of tree 1") from None
                raise FixtureError(f"{label}: {_described(_unbatched(err))}") from None

    # ------------------------------------------------------------------- customers, marketing, orders

    def _dated(self, raw: Mapping[str, Any], field: str, label: str) -> None:
        """The clock at the record's own date (``field``), or the fixture epoch without one."""
        self.clock.set(_date(raw.get(field), label) or _EPOCH)

    def customer_groups(self) -> None:
        """Each a ``POST /v2/customer_groups`` body, numbered from 1 in file order."""
        for label, raw in _each_in_section(self.document, "customer_groups", self.source):
            with _refused_as(label):
                _validate("createCustomerGroup", raw, "v2")
                self.clock.set(_EPOCH)
                group_service.create(self.store, customer_v2_wire.parse_group_create(raw))

    def customers(self) -> None:
        """Each one item of a ``POST /v3/customers`` body (with its ``addresses`` and
        ``authentication.new_password``), numbered from 1 in file order; ``date_created``
        (fixture-only) is when the customer signed up."""
        for label, raw in _each_in_section(self.document, "customers", self.source):
            body = _without(raw, "date_created")
            with _refused_as(label):
                _validate("createCustomers", [body])
                self._dated(raw, "date_created", label)
                try:
                    customer_service.create_many(self.store, [customer_wire.new_customer(body)])
                except DomainError as err:
                    raise _unbatched(err) from None

    def coupons(self) -> None:
        """Each a ``POST /v2/coupons`` body; ``date_created`` (fixture-only) dates it."""
        for label, raw in _each_in_section(self.document, "coupons", self.source):
            body = _without(raw, "date_created")
            with _refused_as(label):
                _validate("createCoupon", body, "v2")
                self._dated(raw, "date_created", label)
                coupon_service.create(self.store, coupon_wire.parse_v2(body))

    def promotions(self) -> None:
        """Each a ``POST /v3/promotions`` body; a coupon promotion's ``coupon_codes``
        (fixture-only) are ``POST /v3/promotions/{id}/codes`` bodies. ``date_created`` (fixture-only) dates it."""
        for label, raw in _each_in_section(self.document, "promotions", self.source):
            body = _without(raw, "coupon_codes", "date_created")
            codes = raw.get("coupon_codes", [])
            if not isinstance(codes, list):
                raise FixtureError(f"{label}: coupon_codes must be an array of promotion code bodies")
            with _refused_as(label):
                _validate("createPromotion", body)
                self._dated(raw, "date_created", label)
                promotion = promotion_service.create(self.store, promotion_wire.changes_from_v3(body))
            for index, code in enumerate(codes):
                with _refused_as(f"{label}: coupon_codes.{index}"):
                    _validate("createPromotionCode", code)
                    promotion_service.create_code(self.store, promotion.id, promotion_wire.code_from_v3(code))

    def orders(self) -> None:
        """Each a ``POST /v2/orders`` body (its catalog lines lower tracked stock as the API's do),
        numbered from 1 in file order, with fixture-only fields for what happened to it later:
        ``payment_action`` (``"capture"`` or ``"void"``, by the v3 payment actions),
        ``shipments`` (``POST /v2/orders/{id}/shipments`` bodies, each with its own
        ``date_created``; ``order_address_id`` defaults to the order's first address) and
        ``refunds`` (``POST /v3/orders/{id}/payment_actions/refunds`` bodies, each with its own
        ``date_created``; ``payments`` defaults to the refund's total paid back offline). A shipment
        or refund item names an order line by ``line``, its position in ``products``."""
        later = ("payment_action", "shipments", "refunds")
        for label, raw in _each_in_section(self.document, "orders", self.source):
            body = _without(raw, *later)
            with _refused_as(label):
                _validate("createOrder", body, "v2")
                self._dated(raw, "date_created", label)
                order = order_service.create(self.store, order_wire.parse_create(body)["order"])
            action = raw.get("payment_action")
            if action is not None:
                if action not in ("capture", "void"):
                    raise FixtureError(f'{label}: payment_action must be "capture" or "void", got {action!r:.60}')
                with _refused_as(f"{label}: payment_action"):
                    (payment_service.capture if action == "capture" else payment_service.void)(self.store, order.id)
            for field in ("shipments", "refunds"):
                if not isinstance(raw.get(field, []), list):
                    raise FixtureError(f"{label}: {field} must be an array")
            for index, shipment in enumerate(raw.get("shipments", [])):
                where = f"{label}: shipments.{index}"
                if not isinstance(shipment, dict):
                    raise FixtureError(f"{where} must be a JSON object")
                shipment = _without(shipment, "date_created")
                shipment["items"] = self._lines_named(order.id, shipment.get("items"), "order_product_id", where)
                addresses = order_service.addresses_of(self.store, order.id)
                if addresses:
                    shipment.setdefault("order_address_id", addresses[0].id)
                with _refused_as(where):
                    _validate("createOrderShipments", shipment, "v2")
                    self._dated(raw["shipments"][index], "date_created", where)
                    request = order_wire.parse_shipment(shipment, create=True)["shipment"]
                    shipment_service.create(self.store, order.id, request)
            for index, refund in enumerate(raw.get("refunds", [])):
                where = f"{label}: refunds.{index}"
                if not isinstance(refund, dict):
                    raise FixtureError(f"{where} must be a JSON object")
                body = _without(refund, "date_created")
                if "items" in body:
                    body["items"] = self._lines_named(order.id, body["items"], "item_id", where)
                with _refused_as(where):
                    if "payments" not in body:
                        # Fixture-only default: the whole refund paid back offline.
                        worked_out = payment_service.quote(
                            self.store, order.id, payment_wire.parse_refund({**body, "payments": []})["refund"]
                        )
                        body["payments"] = [
                            {"provider_id": OFFLINE_PROVIDER, "amount": float(worked_out.total), "offline": True}
                        ]
                    _validate("createOrderRefund", body)
                    self._dated(refund, "date_created", where)
                    payment_service.create_refund(self.store, order.id, payment_wire.parse_refund(body)["refund"])

    def _lines_named(self, order_id: int, items: Any, id_field: str, where: str) -> Any:
        """Items with ``line`` (fixture-only: a position in the order's ``products``, from 0)
        given the id the store gave that line, in ``id_field``."""
        if not isinstance(items, list):
            return items
        lines = order_service.lines_of(self.store, order_id)
        named = []
        for index, item in enumerate(items):
            if isinstance(item, dict) and "line" in item:
                position = item["line"]
                if not isinstance(position, int) or isinstance(position, bool) or not 0 <= position < len(lines):
                    raise FixtureError(
                        f"{where}: items.{index}.line must be the position of one of the order's "
                        f"{len(lines)} products, from 0, got {position!r:.60}"
                    )
                item = {**_without(item, "line"), id_field: lines[position].id}
            named.append(item)
        return named


def _count_reviews(changes: dict[str, Any], raw: Mapping[str, Any], approved: tuple[int, int], what: str) -> None:
    """A product's ``reviews_count`` and ``reviews_rating_sum`` are what it shows: they include
    the approved reviews the file lists, which add themselves as they are created, so the
    product starts with the rest. A counter left out is what those reviews add."""
    count, total = approved
    if not count:
        return
    given_count = raw.get("reviews_count", count)
    given_sum = raw.get("reviews_rating_sum", total)
    rest_count, rest_sum = given_count - count, given_sum - total
    if rest_count < 0:
        raise FixtureError(
            f"{what}: reviews_count is {given_count}, fewer than the {count} approved reviews the file lists for it"
        )
    if not 0 <= rest_sum <= MAX_RATING * rest_count:
        raise FixtureError(
            f"{what}: reviews_rating_sum {given_sum} cannot be reached: the {count} approved review(s) listed "
            f"add {total}, and the other {rest_count} counted add 0 to {MAX_RATING} each"
        )
    changes["reviews_count"], changes["reviews_rating_sum"] = rest_count, rest_sum


def build_seed(document: Any, *, source: str = "<fixture>") -> Seed:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FixtureError(f'{source}: expected an object with "format": "{FORMAT}"')
    for section in SECTIONS:
        if not isinstance(document.get(section, []), list):
            raise FixtureError(f"{source}: {section} must be an array")
    return _Loader(document, source).seed()
