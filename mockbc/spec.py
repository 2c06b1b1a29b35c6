"""mockbc's own OpenAPI documents (``specs/``), read once and compiled for the hot path.

Every routed operation comes from these files: its API version (from the document's
server URL), method, path, query parameters, request body and success status. Operations
are keyed by ``(api, operationId)``: upstream's v2 and v3 share operationIds. Bodies are
checked with a validator compiled once per operation (jsonschema-rs), query strings with
the parameter schemas, so a request costs microseconds, not the milliseconds a general
OpenAPI validator takes. Failures are ``Invalid`` errors whose problems name the rule.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema_rs
import orjson
import yaml

from mockbc.domain.errors import Invalid, Problem

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

HTTP_METHODS = ("get", "put", "post", "delete", "patch")
# OpenAPI 3.0 keywords that JSON Schema draft 4 does not know; dropped before compiling.
# ``readOnly`` stays: validators ignore it, and the strategies read it (a read-only field is
# type-checked on input, then ignored by the presentation layer).
_OPENAPI_ONLY = {"nullable", "writeOnly", "example", "examples", "discriminator",
                 "xml", "externalDocs", "deprecated", "description", "title"}  # fmt: skip

OperationKey = tuple[str, str]  # (api, operationId), e.g. ("v3", "getProducts")


def default_specs_dir() -> Path:
    return Path(__file__).resolve().parent / "specs"


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    kind: str  # "integer", "number", "string", "boolean", "array"
    item_kind: str = "string"
    enum: frozenset[Any] | None = None
    required: bool = False
    minimum: float | None = None


@dataclass
class Operation:
    operation_id: str
    api: str  # "v2" or "v3"
    method: str
    path: str  # full route path, e.g. /stores/{store_hash}/v3/catalog/products/{product_id}
    spec_file: str
    query: dict[str, Param] = field(default_factory=dict)
    path_params: dict[str, Param] = field(default_factory=dict)
    body_schema: dict[str, Any] | None = None
    body_required: bool = False
    multipart: bool = False  # the body may also come as multipart/form-data (an image upload)
    responses: dict[str, Any] = field(default_factory=dict)
    _validator: Any = None

    @property
    def key(self) -> OperationKey:
        return (self.api, self.operation_id)

    @property
    def has_body(self) -> bool:
        return self.body_schema is not None or self.multipart

    @functools.cached_property
    def success_status(self) -> int:
        """The status the operation answers on success: its first documented 2xx."""
        codes = sorted(int(code) for code in self.responses if str(code).isdigit() and str(code).startswith("2"))
        return codes[0] if codes else 200

    @property
    def max_items(self) -> int | None:
        """A batch body's item limit; exceeding it is a 413, not a 422 (upstream documents 413 for the batch endpoints)."""
        if self.body_schema is None or self.body_schema.get("type") != "array":
            return None
        limit = self.body_schema.get("maxItems")
        return int(limit) if limit is not None else None

    def validate_body(self, body: object) -> None:
        if self._validator is None:
            assert self.body_schema is not None, f"{self.operation_id} takes no body"
            self._validator = jsonschema_rs.Draft4Validator(self.body_schema, validate_formats=True)
        if self._validator.is_valid(body):
            return
        problems: list[Problem] = []
        for error in self._validator.iter_errors(body):
            problems.extend(_describe(error))
        raise Invalid("body", tuple(problems))

    def parse_query(self, items: Iterable[tuple[str, str]]) -> dict[str, Any]:
        """Typed values for the parameters this operation declares; others are ignored, as
        BigCommerce does. A repeated array parameter (``id:in=1&id:in=2``, as HTTP clients
        send lists) collects every value. Values outside a parameter's enum are kept, not
        refused: BigCommerce accepts what its documents leave out (``sort=id`` on brands),
        and each handler ignores or matches what it does not know."""
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        for name, raw in items:
            param = self.query.get(name)
            if param is None:
                continue
            try:
                value = _coerce(param, raw)
            except _Bad as exc:
                problems.append(Problem(name, exc.rule, exc.facts))
                continue
            if param.kind == "array" and name in values:
                values[name] = [*values[name], *value]
            else:
                values[name] = value
        for name, param in self.query.items():
            if param.required and name not in values and all(p.field != name for p in problems):
                problems.append(Problem(name, "missing"))
        if problems:
            raise Invalid("filter", tuple(problems))
        return values


class _Bad(ValueError):
    def __init__(self, rule: str, **facts: Any) -> None:
        super().__init__(rule)
        self.rule, self.facts = rule, facts


def _coerce_scalar(kind: str, raw: str) -> Any:
    if kind == "integer":
        try:
            return int(raw)
        except ValueError:
            raise _Bad("not_integer", raw=raw) from None
    if kind == "number":
        try:
            value = float(raw)
        except ValueError:
            raise _Bad("not_number", raw=raw) from None
        if value != value or value in (float("inf"), float("-inf")):
            raise _Bad("not_number", raw=raw)
        return value
    if kind == "boolean":
        lowered = raw.lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0"):
            return False
        raise _Bad("not_boolean", raw=raw)
    return raw


def _coerce(param: Param, raw: str) -> Any:
    if param.kind == "array":
        parts = [part for part in raw.split(",") if part != ""]
        return [_coerce_scalar(param.item_kind, part) for part in parts]
    value = _coerce_scalar(param.kind, raw)
    if param.minimum is not None and value < param.minimum:
        raise _Bad("at_least", limit=param.minimum)
    return value


def _field_name(path: list[str | int]) -> str:
    return ".".join(str(part) for part in path)


_LIMIT_RULES = {"MaxLength": "max_length", "MinLength": "min_length", "Maximum": "maximum", "Minimum": "minimum",
                "MaxItems": "max_items", "MinItems": "min_items"}  # fmt: skip


def _describe(error: Any) -> list[Problem]:
    """One problem per broken schema rule, named as BigCommerce's fields are."""
    kind = error.kind
    where = list(error.instance_path)
    name = type(kind).__name__
    if name == "Required":
        return [Problem(_field_name([*where, kind.property]), "missing")]
    if name == "AdditionalProperties":
        return [Problem(_field_name([*where, extra]), "unknown_field") for extra in kind.unexpected]
    label = _field_name(where) or "body"
    if name == "Type":
        return [Problem(label, "type", {"types": list(kind.types)})]
    if name == "Enum":
        return [Problem(label, "enum", {"options": list(kind.options)})]
    if name in _LIMIT_RULES:
        return [Problem(label, _LIMIT_RULES[name], {"limit": kind.limit})]
    if name == "Format":
        return [Problem(label, "format", {"format": kind.format})]
    return [Problem(label, "schema", {"message": str(error.message)})]


def _resolve(node: Any, root: Mapping[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """Inline local ``$ref``s, turn ``nullable`` into a type union, drop OpenAPI-only keys."""
    if isinstance(node, list):
        return [_resolve(item, root, seen) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        ref = node["$ref"]
        if ref in seen:
            return {}
        target: Any = root
        for part in ref.lstrip("#/").split("/"):
            target = target[part]
        return _resolve(target, root, (*seen, ref))
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _OPENAPI_ONLY or key.startswith("x-"):
            continue
        if key in ("properties", "patternProperties"):
            out[key] = {name: _resolve(sub, root, seen) for name, sub in value.items()}
        else:
            out[key] = _resolve(value, root, seen)
    if node.get("nullable") and "type" in out:
        out["type"] = [out["type"], "null"]
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
    return out


def _param(raw: Mapping[str, Any]) -> Param:
    schema = raw.get("schema", {})
    kind = schema.get("type", "string")
    items = schema.get("items", {})
    enum = schema.get("enum", items.get("enum") if kind == "array" else None)
    return Param(
        name=raw["name"],
        kind=kind,
        item_kind=items.get("type", "string"),
        enum=frozenset(enum) if enum is not None else None,
        required=bool(raw.get("required", False)),
        minimum=schema.get("minimum"),
    )


def _deref(node: Any, root: Mapping[str, Any]) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = root
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def cache_dir() -> Path | None:
    """Where parsed documents are kept between runs: ``MOCKBC_CACHE_DIR`` (empty: nowhere), else
    ``$XDG_CACHE_HOME/mockbc``, else ``~/.cache/mockbc``."""
    chosen = os.environ.get("MOCKBC_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mockbc"


# Parsing the YAML of specs/ is most of a cold start (about 0.4 s of Python object
# construction), so each document is parsed once per content version and kept as JSON, which
# loads twenty times faster. The key is a digest of the file's bytes: editing a document is
# always seen, and a cache entry is only ever data (JSON), never code.
_parsed: dict[str, bytes] = {}


def load_document(path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
    encoded = _parsed.get(digest)
    if encoded is None:
        encoded = _read_cached(digest)
        if encoded is None:
            encoded = orjson.dumps(yaml.load(raw, Loader=_Loader))
            _write_cached(digest, encoded)
        _parsed[digest] = encoded
    document: dict[str, Any] = orjson.loads(encoded)
    return document


def _read_cached(digest: str) -> bytes | None:
    where = cache_dir()
    if where is None:
        return None
    try:
        encoded = (where / f"spec-{digest}.json").read_bytes()
        orjson.loads(encoded)  # a truncated or foreign file is ignored, then rewritten
    except (OSError, orjson.JSONDecodeError):
        return None
    return encoded


def _write_cached(digest: str, encoded: bytes) -> None:
    where = cache_dir()
    if where is None:
        return
    target = where / f"spec-{digest}.json"
    partial = where / f".spec-{digest}.{os.getpid()}.tmp"
    try:
        where.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(encoded)
        os.replace(partial, target)  # readers see the whole file or none
    except OSError:  # a read-only or odd home only costs the cold start
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def load_operations(specs_dir: Path | None = None) -> dict[OperationKey, Operation]:
    """Every operation of every document in ``specs_dir``, by (api, operationId).

    Compiled once per process and version of the files; callers get their own dict.
    """
    specs_dir = (specs_dir or default_specs_dir()).resolve()
    version = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(specs_dir.glob("*.yml")))
    return dict(_compiled(specs_dir, version))


@functools.lru_cache(maxsize=8)
def _compiled(specs_dir: Path, version: tuple[tuple[str, int, int], ...]) -> dict[OperationKey, Operation]:
    operations: dict[OperationKey, Operation] = {}
    for path in sorted(specs_dir.glob("*.yml")):
        document = load_document(path)
        base = document["servers"][0]["url"].rstrip("/")
        api = base.rsplit("/", 1)[-1]
        if api not in ("v2", "v3"):
            raise ValueError(f"{path.name}: the server URL must end in /v2 or /v3, got {base!r}")
        for template, item in document.get("paths", {}).items():
            shared = [_deref(p, document) for p in item.get("parameters", [])]
            for method in HTTP_METHODS:
                raw = item.get(method)
                if raw is None:
                    continue
                params = shared + [_deref(p, document) for p in raw.get("parameters", [])]
                op = Operation(
                    operation_id=raw["operationId"],
                    api=api,
                    method=method.upper(),
                    path=base + template,
                    spec_file=path.name,
                    query={p["name"]: _param(p) for p in params if p.get("in") == "query"},
                    path_params={p["name"]: _param(p) for p in params if p.get("in") == "path"},
                    responses=raw.get("responses", {}),
                )
                body = _deref(raw.get("requestBody"), document)
                if body:
                    op.multipart = "multipart/form-data" in body.get("content", {})
                    schema = body.get("content", {}).get("application/json", {}).get("schema")
                    if schema is not None:
                        op.body_schema = _resolve(schema, document)
                        op.body_required = bool(body.get("required", False))
                if op.key in operations:
                    raise ValueError(f"{api} operationId {op.operation_id} is declared twice in {specs_dir}")
                operations[op.key] = op
    return operations
