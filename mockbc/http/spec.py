"""mockbc's own OpenAPI documents (``specs/``), read once and compiled for the hot path.

Every routed operation comes from these files: its method, path, query parameters and
request body. Bodies are checked with a validator compiled once per operation
(jsonschema-rs), query strings with the parameter schemas, so a request costs
microseconds, not the milliseconds a general OpenAPI validator takes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml

from mockbc.domain.errors import INVALID_BODY_TITLE, Invalid

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

HTTP_METHODS = ("get", "put", "post", "delete", "patch")
# OpenAPI 3.0 keywords that JSON Schema draft 4 does not know; dropped before compiling.
_OPENAPI_ONLY = {"nullable", "readOnly", "writeOnly", "example", "examples", "discriminator",
                 "xml", "externalDocs", "deprecated", "description", "title"}  # fmt: skip

INVALID_TITLE = INVALID_BODY_TITLE


def default_specs_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "specs"


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
    method: str
    path: str  # full route path, e.g. /stores/{store_hash}/v3/catalog/products/{product_id}
    spec_file: str
    query: dict[str, Param] = field(default_factory=dict)
    path_params: dict[str, Param] = field(default_factory=dict)
    body_schema: dict[str, Any] | None = None
    body_required: bool = False
    responses: dict[str, Any] = field(default_factory=dict)
    _validator: Any = None

    @property
    def has_body(self) -> bool:
        return self.body_schema is not None

    @property
    def max_items(self) -> int | None:
        """A batch body's item limit; exceeding it is a 413, not a 422 (BC_FACTS §5)."""
        if self.body_schema is None or self.body_schema.get("type") != "array":
            return None
        limit = self.body_schema.get("maxItems")
        return int(limit) if limit is not None else None

    def validate_body(self, body: object) -> None:
        if self._validator is None:
            self._validator = jsonschema_rs.Draft4Validator(self.body_schema, validate_formats=True)
        if self._validator.is_valid(body):
            return
        fields: dict[str, str] = {}
        for error in self._validator.iter_errors(body):
            for name, message in _describe(error):
                fields.setdefault(name, message)
        raise Invalid(fields=fields, title=INVALID_TITLE)

    def parse_query(self, items: Iterable[tuple[str, str]]) -> dict[str, Any]:
        """Typed values for the parameters this operation declares; others are ignored, as BigCommerce does."""
        values: dict[str, Any] = {}
        problems: dict[str, str] = {}
        for name, raw in items:
            param = self.query.get(name)
            if param is None:
                continue
            try:
                values[name] = _coerce(param, raw)
            except ValueError as exc:
                problems[name] = str(exc)
        for name, param in self.query.items():
            if param.required and name not in values and name not in problems:
                problems[name] = "error.path.missing"
        if problems:
            raise Invalid(fields=problems, title="The filter(s) given are invalid.")
        return values


def _coerce_scalar(kind: str, raw: str) -> Any:
    if kind == "integer":
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"'{raw}' is not an integer") from None
    if kind == "number":
        try:
            value = float(raw)
        except ValueError:
            raise ValueError(f"'{raw}' is not a number") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"'{raw}' is not a number")
        return value
    if kind == "boolean":
        lowered = raw.lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0"):
            return False
        raise ValueError(f"'{raw}' is not a boolean")
    return raw


def _coerce(param: Param, raw: str) -> Any:
    if param.kind == "array":
        parts = [part for part in raw.split(",") if part != ""]
        values = [_coerce_scalar(param.item_kind, part) for part in parts]
        if param.enum is not None:
            for value in values:
                if value not in param.enum:
                    raise ValueError(f"'{value}' is not one of: {', '.join(sorted(map(str, param.enum)))}")
        return values
    value = _coerce_scalar(param.kind, raw)
    if param.enum is not None and value not in param.enum:
        raise ValueError(f"'{raw}' is not one of: {', '.join(sorted(map(str, param.enum)))}")
    if param.minimum is not None and value < param.minimum:
        raise ValueError(f"must be at least {param.minimum:g}")
    return value


_TYPE_NAMES = {"integer": "an integer", "number": "a number", "string": "a string",
               "boolean": "a boolean", "array": "an array", "object": "an object", "null": "null"}  # fmt: skip


def _field_name(path: list[str | int]) -> str:
    return ".".join(str(part) for part in path)


def _describe(error: Any) -> list[tuple[str, str]]:
    """One BigCommerce-style ``field -> message`` pair per problem."""
    kind = error.kind
    where = list(error.instance_path)
    name = type(kind).__name__
    if name == "Required":
        return [(_field_name([*where, kind.property]), "error.path.missing")]
    if name == "AdditionalProperties":
        return [(_field_name([*where, extra]), "is not a field this resource accepts") for extra in kind.unexpected]
    label = _field_name(where) or "body"
    if name == "Type":
        wanted = " or ".join(_TYPE_NAMES.get(t, t) for t in kind.types if t != "null")
        return [(label, f"must be {wanted}")]
    if name == "Enum":
        return [(label, "must be one of: " + ", ".join(str(option) for option in kind.options))]
    if name == "MaxLength":
        return [(label, f"must be at most {kind.limit} characters long")]
    if name == "MinLength":
        return [(label, f"must be at least {kind.limit} characters long")]
    if name == "Maximum":
        return [(label, f"must be at most {kind.limit}")]
    if name == "Minimum":
        return [(label, f"must be at least {kind.limit}")]
    if name == "MaxItems":
        return [(label, f"must have at most {kind.limit} items")]
    if name == "MinItems":
        return [(label, f"must have at least {kind.limit} items")]
    if name == "Format":
        return [(label, f"must be a valid {kind.format}")]
    return [(label, str(error.message))]


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
    if node.get("readOnly"):
        # Read-only fields are accepted on input and ignored (clients send GET bodies back).
        return {}
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


def load_document(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        document: dict[str, Any] = yaml.load(handle, Loader=_Loader)
    return document


def load_operations(specs_dir: Path | None = None) -> dict[str, Operation]:
    """Every operation of every document in ``specs_dir``, by operationId."""
    specs_dir = specs_dir or default_specs_dir()
    operations: dict[str, Operation] = {}
    for path in sorted(specs_dir.glob("*.yml")):
        document = load_document(path)
        base = document["servers"][0]["url"].rstrip("/")
        for template, item in document.get("paths", {}).items():
            shared = [_deref(p, document) for p in item.get("parameters", [])]
            for method in HTTP_METHODS:
                raw = item.get(method)
                if raw is None:
                    continue
                params = shared + [_deref(p, document) for p in raw.get("parameters", [])]
                op = Operation(
                    operation_id=raw["operationId"],
                    method=method.upper(),
                    path=base + template,
                    spec_file=path.name,
                    query={p["name"]: _param(p) for p in params if p.get("in") == "query"},
                    path_params={p["name"]: _param(p) for p in params if p.get("in") == "path"},
                    responses=raw.get("responses", {}),
                )
                body = _deref(raw.get("requestBody"), document)
                if body:
                    schema = body.get("content", {}).get("application/json", {}).get("schema")
                    if schema is not None:
                        op.body_schema = _resolve(schema, document)
                        op.body_required = bool(body.get("required", False))
                if op.operation_id in operations:
                    raise ValueError(f"operationId {op.operation_id} is declared twice in {specs_dir}")
                operations[op.operation_id] = op
    return operations


def parse_json(raw: bytes) -> Any:
    """Parse a request body; integers too big for 64 bits still parse (and fail validation later)."""
    import orjson

    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw)  # raises ValueError (JSONDecodeError) on real syntax errors
