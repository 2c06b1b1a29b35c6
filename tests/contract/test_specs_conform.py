"""mockbc's catalog OpenAPI documents must not contradict BigCommerce's published specs.

For every operation in ``specs/catalog_*.yml`` the matching upstream operation must
exist (same method, path and operationId) and everything we declare must be allowed
there:

* query parameters: declared upstream, same base type, same array serialisation,
  our enum a subset of upstream's, our bounds no looser, not required unless upstream
  requires them;
* request bodies, recursively: every property declared upstream (read-only fields may
  instead come from upstream's response object), same type, enum subset, nullable only
  where upstream is, bounds no looser, no extra required fields;
* success statuses: declared upstream.

Deliberate differences live in ``ALLOWANCES`` with a reason; an allowance that no
longer matches anything fails ``test_every_allowance_is_still_needed``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

SPECS_DIR = Path(__file__).resolve().parents[2] / "specs"

UPSTREAM_OPERATIONS_TSV = "bc-operations.tsv"


def _our_documents() -> dict[str, str]:
    """our document -> the upstream document it emulates (its ``info.x-upstream``). A document
    whose ``x-upstream`` is null emulates an API that has no published spec (the v2 catalog,
    known from BigCommerce's archived guides): it has nothing to conform to."""
    found: dict[str, str] = {}
    for path in sorted(SPECS_DIR.glob("*.yml")):
        with path.open(encoding="utf-8") as handle:
            info = yaml.safe_load(handle)["info"]
        assert "x-upstream" in info, f"{path.name}: info.x-upstream must name the upstream document (or be null)"
        if info["x-upstream"] is not None:
            found[path.name] = info["x-upstream"]
    return found


#: our document -> the upstream document it emulates
SPEC_FILES = _our_documents()

#: upstream documents every operation of which must be emulated (the others may be partly)
COMPLETE_UPSTREAM = {
    "brands_catalog.v3.yml",
    "categories_catalog.v3.yml",
    "category-trees_catalog.v3.yml",
    "marketing.v2.yml",
    "product-modifiers_catalog.v3.yml",
    "product-variant-options_catalog.v3.yml",
    "product-variants_catalog.v3.yml",
    "products_catalog.v3.yml",
    "store_information.v2.yml",
    "orders.v2.oas2.yml",
    "orders.v3.yml",
    "customers.v2.yml",
    "customers.v3.yml",
    "promotions.v3.yml",
    "storefront_tokens.v3.yml",
    "channels.v3.yml",
    "carts.v3.yml",
    "checkouts.v3.yml",
}

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
LOWER_BOUNDS = ("minimum", "minLength", "minItems")
UPPER_BOUNDS = ("maximum", "maxLength", "maxItems")


@dataclass(frozen=True)
class Allowance:
    """A deliberate difference from upstream: which mismatches it covers, and why."""

    operations: tuple[str, ...]  # operationIds, or ("*",) for all
    wheres: tuple[str, ...]  # locations as reported in mismatches
    checks: tuple[str, ...]  # check names as reported in mismatches
    reason: str

    def covers(self, op_id: str, mismatch: Mismatch) -> bool:
        return (
            ("*" in self.operations or op_id in self.operations)
            and mismatch.where in self.wheres
            and mismatch.check in self.checks
        )


ALLOWANCES = (
    Allowance(
        ("*",),
        ("body:categories",),
        ("minimum", "maximum"),
        "upstream writes the 1,000-category limit as minimum/maximum, which do nothing on "
        "an array; ours says maxItems: 1000",
    ),
    Allowance(
        ("*",),
        ("body:categories[]",),
        ("type",),
        "category ids are integers; upstream types the items as number",
    ),
    Allowance(
        ("*",),
        ("body:custom_fields",),
        ("minimum", "maximum"),
        "upstream puts minimum/maximum on the custom_fields array, where they do nothing; "
        "ours says maxItems: 200, the documented per-product limit",
    ),
    Allowance(
        ("createProduct", "updateProduct", "updateProducts"),
        ("body:meta_keywords",),
        ("maxLength",),
        "upstream puts maxLength on the meta_keywords array, where it does nothing",
    ),
    Allowance(
        ("createProduct",),
        ("body:variants[].map_price",),
        ("nullable",),
        "the server renders an unset variant MAP price as null, like the other variant "
        "prices, so a variant sent back as read must accept null",
    ),
    Allowance(
        ("updateProduct", "updateProducts"),
        ("body:variants",),
        ("missing",),
        "read-only echo so a product fetched with include=variants can be sent back; "
        "upstream's product response schema omits the variants that include=variants adds",
    ),
    Allowance(
        ("createProduct", "updateProduct", "updateProducts"),
        ("body:reviews",),
        ("missing",),
        "read-only echo of the reviews that include=reviews adds, which upstream's product "
        "schema does not list; accepted so fetched products can be sent back",
    ),
    Allowance(
        ("*",),
        ("query:limit",),
        ("maximum",),
        "the server caps limit at 250 instead of rejecting larger values",
    ),
    Allowance(
        ("getBrands",),
        ("query:id:min", "query:id:max", "query:id:greater", "query:id:less"),
        ("type",),
        "upstream types these single-bound filters as arrays; ours take one integer, like "
        "the same filters on products and categories",
    ),
    # product images and videos
    Allowance(
        ("getProductImages", "getProductImage", "getProductVideos", "getProductVideo"),
        ("query:include_fields[]",),
        ("enum",),
        "upstream's include_fields here reuses getProducts' product-field enum, which names no image "
        "or video field but description and date_modified; ours takes the record's own fields",
    ),
    Allowance(
        ("createProductVideo",),
        ("body",),
        ("required",),
        "upstream marks video_id required on POST with its own x-required: [post] keyword, which "
        "JSON Schema does not read; ours says required",
    ),
    # catalog metafields
    Allowance(
        ("getBrandMetafields",),
        ("query:id:min", "query:id:max", "query:id:greater", "query:id:less"),
        ("type",),
        "upstream types these single-bound filters as arrays; ours take one integer, like "
        "the same filters on category metafields",
    ),
    Allowance(
        ("getProductMetafields", "getProductMetafield"),
        ("query:include_fields[]",),
        ("enum",),
        "upstream's include_fields on these two lists product fields (getProducts' enum); "
        "ours lists the metafield fields, as the path's own include_fields and the other metafield lists do",
    ),
    Allowance(
        ("createCategoryMetafield", "updateCategoryMetafield"),
        ("body:owner_client_id",),
        ("missing",),
        "read-only echo so a fetched category metafield can be sent back; upstream's category "
        "metafield_Full omits the owner_client_id that the product and batch metafield schemas carry",
    ),
    Allowance(
        ("createProductVariantMetafield", "updateProductVariantMetafield"),
        ("body:owner_client_id",),
        ("missing",),
        "read-only echo so a fetched variant metafield can be sent back; upstream's variant "
        "metafield_Full omits the owner_client_id that the product and batch metafield schemas carry",
    ),
    Allowance(
        ("createProductVariantMetafield", "updateProductVariantMetafield"),
        ("body:description",),
        ("minLength",),
        "upstream's variant metafield_Base alone says minLength 1 (products, categories, brands and "
        "the variant batches say 0); a metafield created without a description reads back as '', "
        "which must be accepted when it is sent back",
    ),
    # product channel and category assignments; category product sort order
    Allowance(
        ("createProductsChannelAssignments", "createProductsCategoryAssignments"),
        ("body",),
        ("required",),
        "an assignment without its product_id or its channel_id / category_id names no pair; "
        "upstream's ProductChannelAssignment and ProductCategoryAssignment list no required field",
    ),
    Allowance(
        ("getCategorySortOrders",),
        ("query:limit",),
        ("missing",),
        "every list is paged with page and limit; upstream declares only page here, while its "
        "description of the operation pages it with limit as well",
    ),
    # product custom fields, bulk pricing rules, reviews and complex rules
    Allowance(
        ("getAllBulkPricingRules",),
        ("query:page", "query:limit"),
        ("missing",),
        "every list is paged with page and limit; upstream's getAllBulkPricingRules declares "
        "neither, yet answers with meta.pagination (metaCollection_Full)",
    ),
    Allowance(
        ("getProductReviews", "getProductReview", "getProductComplexRules", "getProductComplexRule"),
        ("query:include_fields[]",),
        ("enum",),
        "upstream reuses the product's include_fields enum (IncludeFieldsParam) for reviews and "
        "complex rules; ours lists the fields of the review or rule itself",
    ),
    Allowance(
        ("createCustomer",),
        ("body:email",),
        ("missing",),
        "upstream's v2 createCustomer request schema leaves out email, which its own description "
        "and customer_Base require (BC_FACTS §3.10); a v2 customer cannot be created without one",
    ),
    Allowance(
        ("createProductComplexRule",),
        ("body:conditions[].modifier_id", "body:conditions[].modifier_value_id", "body:conditions[].variant_id"),
        ("nullable",),
        "a condition names a modifier value or a variant, and the rule's answers give the ids it "
        "does not name as null; ours takes them back as null so that a fetched rule can be sent "
        "again, where upstream's conditionsRequest drafts declare them non-null",
    ),
    Allowance(
        ("createProductReview", "updateProductReview"),
        ("body:product_id",),
        ("missing",),
        "read-only echo so a fetched review can be sent back; upstream's review responses carry "
        "product_id in their examples but not in their schema",
    ),
    # variants, variant options and modifiers
    Allowance(
        ("createProductVariant", "createProductVariantOption"),
        ("body",),
        ("required",),
        "upstream marks these fields x-required: post and lists them under the operation's "
        "Required Fields; ours makes them JSON Schema required",
    ),
    Allowance(
        ("createProductVariant", "updateProductVariant", "updateVariantsBatch"),
        ("body:map_price",),
        ("missing",),
        "upstream's variant examples carry map_price and the products file's variant schema "
        "declares it; the variants file's schemas leave it out",
    ),
    Allowance(
        ("updateVariantsBatch",),
        (
            "body:product_id",
            "body:sku",
            "body:option_values",
            "body:image_url",
            "body:mpn",
            "body:gtin",
            "body:calculated_weight",
        ),
        ("missing",),
        "upstream's batch item lists only the variant base fields and id, while its description "
        "creates variants from product_id, sku and option_values; image_url, mpn and gtin are "
        "the single-variant schema's, calculated_weight the read-only echo of a fetched variant",
    ),
    Allowance(
        ("updateVariantsBatch",),
        (
            "body:price",
            "body:sale_price",
            "body:retail_price",
            "body:cost_price",
            "body:weight",
            "body:width",
            "body:height",
            "body:depth",
            "body:fixed_cost_shipping_price",
            "body:bin_picking_number",
        ),
        ("nullable",),
        "upstream's batch item marks these x-nullable (a Swagger 2 extension) where its "
        "single-variant schemas say nullable: null means the product's value",
    ),
    Allowance(
        ("createProductModifier", "updateProductModifier"),
        (
            "body:option_values[].label",
            "body:option_values[].sort_order",
            "body:option_values[].value_data",
            "body:option_values[].adjusters.weight",
            "body:option_values[].adjusters.image_url",
            "body:option_values[].adjusters.purchasing_disabled",
            "body:option_values[].option_id",
        ),
        ("missing",),
        "upstream's inline modifier value schema leaves out what its own request example sends and "
        "its modifier value schema (productModifierOptionValue_Base) declares; option_id is the "
        "read-only echo of a fetched modifier",
    ),
    Allowance(
        ("createProductModifier", "updateProductModifier"),
        ("body:option_values[].adjusters.price.adjuster",),
        ("nullable",),
        "null is no adjustment, as upstream's modifier value schema (adjuster_Full) says; the "
        "inline schema marks it x-nullable",
    ),
    Allowance(
        ("addCheckoutBillingAddress", "updateCheckoutBillingAddress", "updateCheckoutConsignment"),
        ("body:phone", "body:address.phone"),
        ("pattern",),
        "upstream's phone pattern writes the extension's repetition as {1-5}, which is no valid regex; "
        "ours keeps the part that is (a plus and up to 15 digits) and takes no extension",
    ),
)


@dataclass(frozen=True)
class Mismatch:
    where: str
    check: str
    detail: str

    def __str__(self) -> str:
        return f"{self.where}: {self.check}: {self.detail}"


# --------------------------------------------------------------------------- loading


def _load_yaml(path: Path) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open("rb") as fh:
        return yaml.load(fh, Loader=loader)


@functools.cache
def our_doc(name: str) -> dict[str, Any]:
    return _load_yaml(SPECS_DIR / name)


@functools.cache
def _upstream_doc_at(path: str) -> dict[str, Any]:
    return _load_yaml(Path(path))


@pytest.fixture(scope="module")
def upstream(upstream_specs_dir: Path):
    def get(name: str) -> dict[str, Any]:
        path = upstream_specs_dir / name
        assert path.is_file(), f"upstream spec {path} is missing"
        return _upstream_doc_at(str(path))

    return get


# --------------------------------------------------------------------------- resolver


def _pointer(root: dict[str, Any], ref: str) -> Any:
    if not ref.startswith("#/"):
        raise ValueError(f"only local $refs are supported, got {ref!r}")
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def deref(node: Any, root: dict[str, Any]) -> Any:
    """Follow a chain of local $refs (siblings of $ref are ignored, as in OpenAPI 3.0)."""
    seen: set[str] = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if ref in seen:
            raise ValueError(f"$ref cycle at {ref}")
        seen.add(ref)
        node = _pointer(root, ref)
    return node


def _merge(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out = dict(a)
    for key, value in b.items():
        if key not in out:
            out[key] = value
        elif key == "properties":
            props = dict(out[key])
            for name, schema in value.items():
                props[name] = {"allOf": [props[name], schema]} if name in props else schema
            out[key] = props
        elif key == "required":
            out[key] = list(dict.fromkeys([*out[key], *value]))
        elif key in LOWER_BOUNDS:
            out[key] = max(out[key], value)
        elif key in UPPER_BOUNDS:
            out[key] = min(out[key], value)
        elif key == "enum":
            out[key] = [v for v in out[key] if v in value]
    return out


def _union(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """What either of two object schemas accepts: properties of both, the fields both require,
    enums joined, the looser bound (a bound or enum only one side has is no bound)."""
    out = {key: value for key, value in a.items() if key not in ("required", "enum", "pattern", "type")}
    if a.get("type") == b.get("type") and "type" in a:
        out["type"] = a["type"]
    if a.get("pattern") == b.get("pattern") and "pattern" in a:
        out["pattern"] = a["pattern"]
    if "enum" in a and "enum" in b:
        out["enum"] = list(dict.fromkeys([*a["enum"], *b["enum"]]))
    out["required"] = [name for name in a.get("required", []) if name in b.get("required", [])]
    for kw in (*LOWER_BOUNDS, *UPPER_BOUNDS):
        out.pop(kw, None)
        if kw in a and kw in b:
            out[kw] = min(a[kw], b[kw]) if kw in LOWER_BOUNDS else max(a[kw], b[kw])
    if "items" in a and "items" in b:
        out["items"] = {"anyOf": [a["items"], b["items"]]}
    props = dict(a.get("properties", {}))
    for name, schema in b.get("properties", {}).items():
        props[name] = {"anyOf": [props[name], schema]} if name in props else schema
    if props:
        out["properties"] = props
    return out


def resolve(node: Any, root: dict[str, Any]) -> dict[str, Any]:
    """One schema level: $refs followed, allOf merged, and a oneOf/anyOf of object schemas read
    as what any of them accepts (upstream writes some request bodies as a choice of drafts).
    Sub-schemas stay lazy."""
    node = deref(node, root)
    if not isinstance(node, dict):
        return {}
    for choice in ("oneOf", "anyOf"):
        if choice in node and "properties" not in node:
            members = [resolve(member, root) for member in node[choice]]
            kinds = {"object" if "properties" in m else m.get("type") for m in members}
            if members and kinds in ({"object"}, {"array"}):
                joined = members[0]
                for member in members[1:]:
                    joined = _union(joined, member)
                node = _merge({k: v for k, v in node.items() if k != choice}, joined)
                break
    if "allOf" not in node:
        return node
    merged = {k: v for k, v in node.items() if k != "allOf"}
    for part in node["allOf"]:
        merged = _merge(merged, resolve(part, root))
    return merged


# --------------------------------------------------------------------------- operations


@dataclass(frozen=True)
class Operation:
    path: str
    method: str
    op_id: str
    path_item: dict[str, Any]
    op: dict[str, Any]


def iter_operations(doc: dict[str, Any]) -> Iterator[Operation]:
    for path, item in doc.get("paths", {}).items():
        item = deref(item, doc)
        for method in HTTP_METHODS:
            if method in item:
                op = item[method]
                yield Operation(path, method, op.get("operationId", ""), item, op)


def parameters(operation: Operation, root: dict[str, Any]) -> dict[tuple[str, str], dict]:
    params: dict[tuple[str, str], dict] = {}
    for raw in [*operation.path_item.get("parameters", []), *operation.op.get("parameters", [])]:
        p = deref(raw, root)
        params[(p["in"], p["name"])] = p
    return params


def json_schema(container: dict[str, Any] | None, root: dict[str, Any]) -> Any:
    if not container:
        return None
    content = deref(container, root).get("content", {})
    media = content.get("application/json")
    return None if media is None else media.get("schema")


def response_object(operation: Operation, doc: dict[str, Any]) -> dict[str, Any] | None:
    """Upstream's resource object for an operation: the `data` of its own 2xx responses
    and of the GET on the same path, merged. Read-only request fields are looked up here."""
    candidates = []
    sources = [operation.op]
    if "get" in operation.path_item:
        sources.append(operation.path_item["get"])
    for op in sources:
        for status, response in op.get("responses", {}).items():
            if not str(status).startswith("2"):
                continue
            schema = json_schema(response, doc)
            if schema is None:
                continue
            data = resolve(schema, doc).get("properties", {}).get("data")
            if data is None:
                continue
            data = resolve(data, doc)
            if data.get("type") == "array" and "items" in data:
                data = data["items"]
            candidates.append(data)
    return {"allOf": candidates} if candidates else None


# --------------------------------------------------------------------------- comparison


def _is_id(where: str) -> bool:
    name = where.split(":", 1)[-1].split(".")[-1]
    return name == "id" or name.endswith("_id")


def _types(schema: dict[str, Any], root: dict[str, Any]) -> set[str] | None:
    if "type" in schema:
        return {schema["type"]}
    for key in ("oneOf", "anyOf"):
        if key in schema:
            members = [resolve(m, root).get("type") for m in schema[key]]
            if all(members):
                return set(members)
    return None


class Comparer:
    """Checks that a schema of ours accepts nothing that upstream's forbids."""

    def __init__(self, ours_root: dict[str, Any], up_root: dict[str, Any]):
        self.ours_root = ours_root
        self.up_root = up_root

    def schema(
        self,
        ours: Any,
        up: Any,
        where: str,
        *,
        writable: bool = True,
        fallback: Any = None,
    ) -> list[Mismatch]:
        o = resolve(ours, self.ours_root)
        u = resolve(up, self.up_root)
        found: list[Mismatch] = []

        our_type = o.get("type")
        up_types = _types(u, self.up_root)
        if our_type and up_types and our_type not in up_types:
            # Ids are integers on the real API too; upstream types some path ids as strings
            # (promotions, order shipping addresses, order channel settings), where any other
            # string gets a 404 from the mock, as from BigCommerce.
            id_like = _is_id(where) and ("number" in up_types or (where.startswith("path:") and "string" in up_types))
            if not (our_type == "integer" and id_like):
                found.append(Mismatch(where, "type", f"ours {our_type}, upstream {sorted(up_types)}"))
                return found

        if "enum" in o and "enum" in u:
            extra = [v for v in o["enum"] if v not in u["enum"]]
            if extra:
                found.append(Mismatch(where, "enum", f"{extra} not in upstream {u['enum']}"))
        elif "enum" in u and writable:
            found.append(Mismatch(where, "enum", f"upstream allows only {u['enum']}; ours any"))

        if writable:
            if o.get("nullable") and not u.get("nullable"):
                found.append(Mismatch(where, "nullable", "ours accepts null, upstream does not"))
            found += self._bounds(o, u, where)
            if "pattern" in u and o.get("pattern") != u["pattern"]:
                detail = f"ours {o.get('pattern')!r}, upstream {u['pattern']!r}"
                found.append(Mismatch(where, "pattern", detail))

        if "properties" in o:
            found += self._properties(o, u, where, writable=writable, fallback=fallback)

        if our_type == "array" and "items" in o:
            fb = None
            if fallback is not None:
                fb_resolved = resolve(fallback, self.up_root)
                fb = fb_resolved.get("items", fallback) if fb_resolved.get("type") == "array" else fallback
            if "items" in u:
                # items of a top-level batch array share the body's namespace ("body:name")
                item_where = where if where.endswith(":") else f"{where}[]"
                found += self.schema(o["items"], u["items"], item_where, writable=writable, fallback=fb)
            elif u:
                found.append(Mismatch(where, "items", "upstream declares no item schema"))
        return found

    def _bounds(self, o: dict[str, Any], u: dict[str, Any], where: str) -> list[Mismatch]:
        found = []
        for kw in LOWER_BOUNDS:
            if kw in u and not (kw in ("minLength", "minItems") and u[kw] == 0):
                if kw not in o or o[kw] < u[kw]:
                    found.append(Mismatch(where, kw, f"ours {o.get(kw)}, upstream {u[kw]}"))
        for kw in UPPER_BOUNDS:
            if kw in u and (kw not in o or o[kw] > u[kw]):
                found.append(Mismatch(where, kw, f"ours {o.get(kw)}, upstream {u[kw]}"))
        return found

    def _properties(
        self, o: dict[str, Any], u: dict[str, Any], where: str, *, writable: bool, fallback: Any
    ) -> list[Mismatch]:
        found: list[Mismatch] = []
        up_props = u.get("properties", {})
        fb_props = resolve(fallback, self.up_root).get("properties", {}) if fallback else {}
        prefix = f"{where}." if not where.endswith(":") else where
        for name, ours in o["properties"].items():
            child = f"{prefix}{name}"
            read_only = bool(resolve(ours, self.ours_root).get("readOnly"))
            if name in up_props:
                found += self.schema(
                    ours,
                    up_props[name],
                    child,
                    writable=writable and not read_only,
                    fallback=fb_props.get(name),
                )
            elif read_only and name in fb_props:
                found += self.schema(ours, fb_props[name], child, writable=False, fallback=None)
            elif read_only:
                detail = "read-only field in neither upstream request nor response"
                found.append(Mismatch(child, "missing", detail))
            else:
                found.append(Mismatch(child, "missing", "not in upstream request schema"))
        extra_required = set(o.get("required", [])) - set(u.get("required", []))
        if extra_required and writable:
            detail = f"ours also requires {sorted(extra_required)}"
            found.append(Mismatch(where.rstrip(":"), "required", detail))
        return found


def _effective_style(param: dict[str, Any]) -> tuple[str, bool]:
    style = param.get("style", "form")
    return style, param.get("explode", style == "form")


def compare_operation(operation: Operation, ours: dict[str, Any], up: dict[str, Any]) -> tuple[str, list[Mismatch]]:
    """All differences between our operation and upstream's, before allowances."""
    found: list[Mismatch] = []
    up_item = up.get("paths", {}).get(operation.path)
    up_op = None if up_item is None else deref(up_item, up).get(operation.method)
    if up_op is None:
        return operation.op_id, [
            Mismatch("operation", "missing", f"{operation.method.upper()} {operation.path} not upstream")
        ]
    if up_op.get("operationId") != operation.op_id:
        found.append(
            Mismatch(
                "operation",
                "operationId",
                f"ours {operation.op_id!r}, upstream {up_op.get('operationId')!r}",
            )
        )
    up_operation = Operation(operation.path, operation.method, up_op.get("operationId", ""), deref(up_item, up), up_op)
    cmp = Comparer(ours, up)

    our_params = parameters(operation, ours)
    up_params = parameters(up_operation, up)
    our_path = {name for (loc, name) in our_params if loc == "path"}
    up_path = {name for (loc, name) in up_params if loc == "path"}
    if our_path != up_path:
        found.append(Mismatch("path", "parameters", f"ours {sorted(our_path)}, upstream {sorted(up_path)}"))
    for (loc, name), param in our_params.items():
        if loc not in ("query", "path"):
            continue
        where = f"{loc}:{name}"
        up_param = up_params.get((loc, name))
        if up_param is None:
            found.append(Mismatch(where, "missing", "parameter not declared upstream"))
            continue
        if param.get("required") and not up_param.get("required"):
            found.append(Mismatch(where, "required", "ours requires it, upstream does not"))
        found += cmp.schema(param.get("schema", {}), up_param.get("schema", {}), where)
        if resolve(param.get("schema", {}), ours).get("type") == "array":
            if _effective_style(param) != _effective_style(up_param):
                found.append(
                    Mismatch(
                        where,
                        "style",
                        f"ours {_effective_style(param)}, upstream {_effective_style(up_param)}",
                    )
                )

    our_body = json_schema(operation.op.get("requestBody"), ours)
    up_body = json_schema(up_op.get("requestBody"), up)
    if our_body is not None:
        if up_body is None:
            found.append(Mismatch("body", "missing", "upstream has no JSON request body"))
        else:
            found += cmp.schema(our_body, up_body, "body:", fallback=response_object(up_operation, up))

    up_statuses = {str(s) for s in up_op.get("responses", {})}
    for status in operation.op.get("responses", {}):
        if str(status).startswith("2") and str(status) not in up_statuses:
            found.append(Mismatch(f"status:{status}", "missing", f"upstream declares {sorted(up_statuses)}"))
    return operation.op_id, found


def apply_allowances(op_id: str, found: list[Mismatch]) -> list[Mismatch]:
    return [m for m in found if not any(a.covers(op_id, m) for a in ALLOWANCES)]


# --------------------------------------------------------------------------- tests


def _operation_cases() -> list[Any]:
    cases = []
    for ours_name, up_name in SPEC_FILES.items():
        for operation in iter_operations(our_doc(ours_name)):
            cases.append(pytest.param(ours_name, up_name, operation, id=operation.op_id or operation.path))
    return cases


@pytest.mark.parametrize(("ours_name", "up_name", "operation"), _operation_cases())
def test_operation_conforms_to_upstream(ours_name, up_name, operation, upstream):
    _, found = compare_operation(operation, our_doc(ours_name), upstream(up_name))
    remaining = apply_allowances(operation.op_id, found)
    assert not remaining, (
        f"{ours_name} {operation.method.upper()} {operation.path} ({operation.op_id}) "
        f"differs from {up_name}:\n  " + "\n  ".join(map(str, remaining))
    )


def test_every_allowance_is_still_needed(upstream):
    used: set[Allowance] = set()
    for ours_name, up_name in SPEC_FILES.items():
        for operation in iter_operations(our_doc(ours_name)):
            op_id, found = compare_operation(operation, our_doc(ours_name), upstream(up_name))
            used.update(a for a in ALLOWANCES for m in found if a.covers(op_id, m))
    stale = [a for a in ALLOWANCES if a not in used]
    assert not stale, "allowances that match nothing any more:\n  " + "\n  ".join(
        f"{a.operations} {a.wheres} {a.checks}" for a in stale
    )


def _ours_by_upstream() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for ours_name, up_name in SPEC_FILES.items():
        found.setdefault(up_name, set()).update(op.op_id for op in iter_operations(our_doc(ours_name)))
    return found


def test_no_operation_is_declared_in_two_documents():
    seen: dict[tuple[str, str], str] = {}
    for ours_name, up_name in SPEC_FILES.items():
        for op in iter_operations(our_doc(ours_name)):
            key = (up_name, op.op_id)
            assert key not in seen, f"{op.op_id} is in both {seen[key]} and {ours_name}"
            seen[key] = ours_name


@pytest.mark.parametrize("up_name", sorted(COMPLETE_UPSTREAM))
def test_every_operation_of_a_complete_upstream_document_is_emulated(up_name, upstream):
    ours = _ours_by_upstream().get(up_name, set())
    theirs = {op.op_id for op in iter_operations(upstream(up_name))}
    assert sorted(theirs - ours) == [], f"{len(ours & theirs)} of {len(theirs)} operations of {up_name}"


def _walk(node: Any, path: str = "", in_properties: bool = False) -> Iterator[tuple[str, str, Any]]:
    """Yield (location, key, value) for every mapping entry; property names are not keywords."""
    if isinstance(node, dict):
        for key, value in node.items():
            if not in_properties:
                yield path, key, value
            yield from _walk(value, f"{path}/{key}", key == "properties" and not in_properties)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}/{i}")


@pytest.mark.parametrize("ours_name", sorted(SPEC_FILES))
def test_document_is_valid_and_self_contained(ours_name):
    from openapi_spec_validator import validate

    doc = our_doc(ours_name)
    validate(doc)
    assert doc["openapi"] == "3.0.3"
    assert doc["info"]["version"] == "1.0.0"
    (server,) = doc["servers"]
    assert server["url"] in ("/stores/{store_hash}/v3", "/stores/{store_hash}/v2")
    assert server["variables"]["store_hash"]["default"] == "abc123"
    assert doc["security"] == [{"X-Auth-Token": []}]
    assert doc["components"]["securitySchemes"]["X-Auth-Token"] == {
        **doc["components"]["securitySchemes"]["X-Auth-Token"],
        "type": "apiKey",
        "in": "header",
        "name": "X-Auth-Token",
    }

    problems = []
    for where, key, value in _walk(doc):
        if key in ("example", "examples"):
            problems.append(f"{where}: has {key!r}")
        if key == "$ref" and not str(value).startswith("#/components/"):
            problems.append(f"{where}: $ref {value!r} leaves the document")
        if key == "$ref":
            try:
                _pointer(doc, value)
            except (KeyError, ValueError):
                problems.append(f"{where}: $ref {value!r} does not resolve")
    for operation in iter_operations(doc):
        for (loc, name), param in parameters(operation, doc).items():
            if loc == "path":
                schema = resolve(param["schema"], doc)
                integer_id = schema.get("type") == "integer" and schema.get("minimum") == 1
                uuid_id = schema.get("type") == "string" and schema.get("format") == "uuid"  # carts' ids
                # A checkout's applied coupon code (deleteCheckoutCoupon): a string no longer than a code can be.
                uuid_id = uuid_id or (
                    name == "couponCode" and schema.get("type") == "string" and schema.get("maxLength") == 50
                )
                if not (integer_id or uuid_id):
                    problems.append(f"{operation.op_id}: path {name} must be integer, minimum 1, or a uuid string")
        body = json_schema(operation.op.get("requestBody"), doc)
        if body is not None:
            schema = resolve(body, doc)
            target = resolve(schema["items"], doc) if schema.get("type") == "array" else schema
            if target.get("additionalProperties") is not False:
                problems.append(f"{operation.op_id}: request schema must set additionalProperties: false")
    assert not problems, "\n".join(problems)
