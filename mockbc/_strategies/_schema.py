"""A small JSON Schema -> Hypothesis translator, for the subset ``specs/`` uses.

Input is a body schema as ``mockbc.spec.load_operations`` resolves it: ``$ref``s
inlined, ``nullable`` turned into a type list, read-only properties replaced by ``{}``.

Supported: ``type`` (one name or a list), ``enum``, ``object`` (``properties``,
``required``; only declared properties are generated, so ``additionalProperties: false``
always holds), ``string`` (``minLength``, ``maxLength``, ``pattern``, ``format``
``date-time`` / ``uuid`` / ``email``), ``integer`` and ``number`` (``minimum``, ``maximum``, draft-4
boolean ``exclusiveMinimum`` / ``exclusiveMaximum``), ``boolean``, ``null``, ``array``
(``items``, ``minItems``, ``maxItems``, ``uniqueItems``), ``anyOf`` (any one branch), ``oneOf``
(a value of one branch that no other branch accepts) and ``{}`` (any JSON value).
Anything else raises ``InvalidArgument`` when the strategy is built.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import jsonschema_rs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from mockbc.spec import Operation, load_operations

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
# Numbers without a maximum still stay where a float keeps cents exact.
NUMBER_CAP = 1e15
# Strings without a maxLength stay short; a long one costs time and shows nothing new.
TEXT_CAP = 60
# A string is drawn at exactly its maxLength now and then, when that limit is this small.
BOUNDARY_CAP = 1000

_KNOWN_KEYS = {
    "type", "enum", "properties", "required", "additionalProperties", "minLength", "maxLength",
    "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "items",
    "minItems", "maxItems", "uniqueItems", "default", "readOnly", "anyOf", "oneOf",
}  # fmt: skip

# Printable but interesting: every Unicode letter, mark, number, punctuation, symbol and
# separator, plus format characters (zero-width joiners, BOM). No control characters (the
# mock refuses NUL with 422), no surrogates (not encodable), nothing unassigned or private.
PRINTABLE = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Cn", "Co"))
# Free text (descriptions, keywords) may also hold tabs and line breaks (see free_texts).
FREE_TEXT_FIELDS = frozenset({"description", "meta_description", "search_keywords", "warranty"})


@functools.lru_cache(maxsize=4)
def operations(api: str = "v3") -> dict[str, Operation]:
    """The operations of ``specs/`` for one API version, loaded once per process."""
    return {op_id: op for (op_api, op_id), op in load_operations().items() if op_api == api}


def operation(operation_id: str, api: str = "v3") -> Operation:
    ops = operations(api)
    if operation_id not in ops:
        known = ", ".join(sorted(ops))
        raise InvalidArgument(f"no {api} operation {operation_id!r} in specs/ (known: {known})")
    return ops[operation_id]


def body_properties(operation_id: str) -> dict[str, Any]:
    """The writable properties of an operation's object body (array bodies: of one item)."""
    schema = operation(operation_id).body_schema or {}
    if schema.get("type") == "array":
        schema = schema.get("items", {})
    return {name: sub for name, sub in schema.get("properties", {}).items() if not is_read_only(sub)}


def is_read_only(schema: Mapping[str, Any]) -> bool:
    """A property the API accepts (type-checked) and ignores; ``spec.py`` keeps its ``readOnly``."""
    return bool(schema.get("readOnly"))


# ---------------------------------------------------------------- strings


@st.composite
def texts(draw: st.DrawFn, *, min_size: int = 0, max_size: int | None = None, alphabet: Any = PRINTABLE) -> str:
    """Text of ``min_size`` to ``max_size`` code points, sometimes exactly ``max_size`` long."""
    if max_size is not None and max_size <= BOUNDARY_CAP and max_size > TEXT_CAP and draw(st.integers(0, 15)) == 15:
        return draw(st.text(alphabet, min_size=max_size, max_size=max_size))
    cap = TEXT_CAP if max_size is None else min(max_size, TEXT_CAP)
    return draw(st.text(alphabet, min_size=min_size, max_size=max(cap, min_size)))


@st.composite
def free_texts(draw: st.DrawFn, *, min_size: int = 0, max_size: int | None = None) -> str:
    """``texts()``, and now and then a line break or tab inside."""
    text = draw(texts(min_size=min_size, max_size=max_size))
    if text and draw(st.integers(0, 3)) == 3:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["\n", "\r\n", "\t"])) + text[at:]
        if max_size is not None:
            text = text[:max_size]
    return text


@st.composite
def date_times(draw: st.DrawFn, *, lowercase: bool = True) -> str:
    """RFC 3339 date-times with an explicit offset, in the forms JSON Schema's ``date-time``
    accepts: ``Z`` or ``+hh:mm``, 0 to 9 fractional digits, and (``lowercase``) now and then
    the lowercase ``t`` / ``z`` separators RFC 3339 allows."""
    moment = draw(st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2100, 12, 31)))
    minutes = draw(st.sampled_from([0, 0, 60, -300, 330, 345, -570, 840, -720]))
    text = moment.replace(microsecond=0).isoformat()
    digits = draw(st.sampled_from([0, 0, 0, 3, 6, 1, 9]))
    if digits:
        text += "." + f"{moment.microsecond:06d}{draw(st.integers(0, 999)):03d}"[:digits]
    if minutes == 0 and draw(st.booleans()):
        text += "Z"
    else:
        sign = "-" if minutes < 0 else "+"
        text += f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    if lowercase and draw(st.integers(0, 9)) == 9:
        text = text.replace("T", "t").replace("Z", "z")
    return text


def _pattern(pattern: str) -> st.SearchStrategy[str]:
    # JSON Schema patterns are ECMA regexes that search; Python's ``$`` also matches before a
    # final newline, which ECMA's does not, so an anchored ``$`` becomes ``\Z``.
    python = re.sub(r"(?<!\\)\$$", r"\\Z", pattern)
    return st.from_regex(python)


_LOCAL_PARTS = st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,20}", fullmatch=True).filter(
    lambda s: ".." not in s and not s.endswith(".")
)


def emails(*, max_size: int | None = None) -> st.SearchStrategy[str]:
    """Addresses that JSON Schema's ``email`` format accepts (and the mock's own checks): an
    ASCII local part, an ``@`` and a dotted domain."""
    domains = st.sampled_from(("example.com", "example.org", "mail.example.net", "shop.example.co.uk"))
    made = st.builds(lambda local, domain: f"{local}@{domain}", _LOCAL_PARTS, domains)
    return made if max_size is None else made.filter(lambda e: len(e) <= max_size)


def strings(schema: Mapping[str, Any], *, alphabet: Any = PRINTABLE, free: bool = False) -> st.SearchStrategy[str]:
    min_size = int(schema.get("minLength", 0))
    max_size = schema.get("maxLength")
    fmt = schema.get("format")
    if fmt == "date-time":
        return date_times()
    if fmt == "uuid":
        return st.uuids().map(str)
    if fmt == "email":
        return emails(max_size=None if max_size is None else int(max_size))
    if "pattern" in schema:
        limit = max_size if max_size is not None else math.inf
        return _pattern(schema["pattern"]).filter(lambda s: min_size <= len(s) <= limit)
    if free:
        return free_texts(min_size=min_size, max_size=None if max_size is None else int(max_size))
    return texts(min_size=min_size, max_size=None if max_size is None else int(max_size), alphabet=alphabet)


# ---------------------------------------------------------------- numbers


def integers(schema: Mapping[str, Any]) -> st.SearchStrategy[int]:
    low = schema.get("minimum", INT64_MIN)
    high = schema.get("maximum", INT64_MAX)
    low = math.ceil(low) + (1 if schema.get("exclusiveMinimum") and low == math.ceil(low) else 0)
    high = math.floor(high) - (1 if schema.get("exclusiveMaximum") and high == math.floor(high) else 0)
    return st.integers(max(low, INT64_MIN), min(high, INT64_MAX))


def numbers(schema: Mapping[str, Any]) -> st.SearchStrategy[float | int]:
    low = float(schema.get("minimum", -NUMBER_CAP))
    high = float(schema.get("maximum", NUMBER_CAP))
    exclude_min = bool(schema.get("exclusiveMinimum"))
    exclude_max = bool(schema.get("exclusiveMaximum"))
    floats = st.floats(
        low, high, allow_nan=False, allow_infinity=False, exclude_min=exclude_min, exclude_max=exclude_max
    )
    # Money-like values (two decimals) are what integrations mostly send.
    cents = st.integers(math.ceil(low * 100), math.floor(high * 100)).map(lambda c: c / 100)
    whole = st.integers(math.ceil(low), math.floor(high))

    def within(value: float) -> bool:
        above = value > low if exclude_min else value >= low
        below = value < high if exclude_max else value <= high
        return above and below

    return st.one_of(cents, whole, floats).filter(within)


# ---------------------------------------------------------------- any JSON

JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(INT64_MIN, INT64_MAX)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(PRINTABLE, max_size=20)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(PRINTABLE, max_size=10), inner, max_size=3),
    max_leaves=8,
)


# ---------------------------------------------------------------- the translator


def from_schema(schema: Mapping[str, Any], *, where: str = "body") -> st.SearchStrategy[Any]:
    """A strategy of values valid against ``schema`` (the subset described above)."""
    unknown = set(schema) - _KNOWN_KEYS
    if unknown:
        raise InvalidArgument(f"{where}: JSON Schema keywords {sorted(unknown)} are not supported")
    if "enum" in schema:
        return st.sampled_from(list(schema["enum"]))
    if "anyOf" in schema:
        # Each branch as its own schema, with the keywords beside it (v2 money: a number or a string).
        rest = {k: v for k, v in schema.items() if k != "anyOf"}
        return st.one_of([from_schema({**rest, **branch}, where=where) for branch in schema["anyOf"]])
    if "oneOf" in schema:
        return _one_of(schema, where)
    kind = schema.get("type")
    if kind is None:
        if len(schema) == 0 or set(schema) <= {"default"}:
            return JSON_VALUES
        raise InvalidArgument(f"{where}: a schema without a type is supported only when empty")
    if isinstance(kind, list):
        return st.one_of([from_schema({**schema, "type": k}, where=where) for k in kind])
    if kind == "string":
        return strings(schema, free=where.rsplit(".", 1)[-1] in FREE_TEXT_FIELDS)
    if kind == "integer":
        return integers(schema)
    if kind == "number":
        return numbers(schema)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "array":
        items = from_schema(schema.get("items", {}), where=f"{where}[]")
        min_size = int(schema.get("minItems", 0))
        max_size = int(schema.get("maxItems", max(min_size, 5)))
        # Long arrays cost time and rarely find more than short ones; keep most under 5.
        max_size = min(max_size, max(min_size, 5))
        unique = bool(schema.get("uniqueItems"))
        return st.lists(items, min_size=min_size, max_size=max_size, unique=unique)
    if kind == "object":
        return objects(schema, where=where)
    raise InvalidArgument(f"{where}: JSON Schema type {kind!r} is not supported")


def _one_of(schema: Mapping[str, Any], where: str) -> st.SearchStrategy[Any]:
    """A value of one branch (with the keywords beside ``oneOf``) that every other branch
    refuses, as ``oneOf`` requires: a string, a number or a list of strings, not an integer
    that both ``number`` and ``integer`` branches would take."""
    rest = {k: v for k, v in schema.items() if k != "oneOf"}
    branches = [{**rest, **branch} for branch in schema["oneOf"]]
    validators = [jsonschema_rs.Draft4Validator(branch) for branch in branches]

    def only(index: int) -> Any:
        others = [v for n, v in enumerate(validators) if n != index]
        return lambda value: not any(v.is_valid(value) for v in others)

    return st.one_of([from_schema(branch, where=where).filter(only(n)) for n, branch in enumerate(branches)])


def objects(
    schema: Mapping[str, Any],
    *,
    where: str = "body",
    overrides: Mapping[str, st.SearchStrategy[Any]] | None = None,
    skip: frozenset[str] = frozenset(),
    read_only: bool = False,
) -> st.SearchStrategy[dict[str, Any]]:
    """Objects with every required property and any subset of the optional ones.

    Read-only properties (``{}`` schemas) are left out unless ``read_only`` is true.
    """
    properties: Mapping[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", ()))
    overrides = overrides or {}
    needed: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for name, sub in properties.items():
        if name in skip or (is_read_only(sub) and not read_only and name not in required):
            continue
        strategy = overrides[name] if name in overrides else from_schema(sub, where=f"{where}.{name}")
        (needed if name in required else optional)[name] = strategy
    for name in required - set(properties):
        needed[name] = JSON_VALUES
    return st.fixed_dictionaries(needed, optional=optional)
