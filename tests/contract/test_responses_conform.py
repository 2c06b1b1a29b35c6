"""Every response the suite received conforms to BigCommerce's published spec.

Runs after every other test (marker ``after_all_tests``) and checks each recorded
response body against the upstream operation and status with openapi-core. Statuses an
upstream operation does not document (many list only 200) are counted and
reported, not failed, except 2xx ones: a success status BigCommerce does not document is a
violation.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
import yaml
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from recorder import Exchange

HOST = "https://api.bigcommerce.com"
STORE_PREFIX = re.compile(r"^/stores/[^/]+/(v2|v3)(/.*)$")


class UpstreamIndex:
    """Finds the upstream document and operation for a request path."""

    def __init__(self, directory: Path) -> None:
        self.routes: list[tuple[str, re.Pattern[str], str, str, dict[str, object]]] = []
        self.apis: dict[str, OpenAPI] = {}
        self.directory = directory
        for path in sorted(directory.glob("*.yml")):
            document = yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            server = document.get("servers", [{}])[0].get("url", "")
            version = "v2" if server.rstrip("/").endswith("/v2") else "v3"
            for template, item in document.get("paths", {}).items():
                regex = re.compile("^" + re.sub(r"\{[^}]+\}", r"[^/]+", template) + "$")
                for method, operation in item.items():
                    if isinstance(operation, dict) and "responses" in operation:
                        self.routes.append((f"{version} {method.upper()}", regex, path.name, template, operation))
        # Literal paths before templated ones: /catalog/products/metafields before /{product_id}.
        self.routes.sort(key=lambda r: r[3].count("{"))

    def find(self, version: str, method: str, path: str) -> tuple[str, str, dict[str, object]] | None:
        key = f"{version} {method}"
        for route_key, regex, file_name, template, operation in self.routes:
            if route_key == key and regex.match(path):
                return file_name, template, operation
        return None

    def api(self, file_name: str) -> OpenAPI:
        if file_name not in self.apis:
            document = yaml.load(
                (self.directory / file_name).read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            )
            self.apis[file_name] = OpenAPI.from_dict(_readable(document))
        return self.apis[file_name]


def _readable(node: Any) -> Any:
    """An upstream document as a validator can use it, with three of its defects undone:

    - ``exclusiveMinimum``/``exclusiveMaximum`` flags with no bound beside them are dropped:
      customers.v2.yml and marketing.v2.yml write ``exclusiveMaximum: false`` alone (BC_FACTS §10), which
      the OpenAPI 3.0 meta-schema refuses, so openapi-core would not load those documents at all;
    - the phone ``pattern`` of checkouts.v3.yml's addresses writes a repetition as ``{1-5}``, which
      the OpenAPI meta-schema refuses as a regex (so the document would not load): read as ``{1,5}``;
    - every ``oneOf`` is read as ``anyOf``: upstream's choices have branches without required or
      conflicting fields (an image or an order's consignments in two shapes, a promotion condition that
      is a cart condition or an "and" of them, a customer group's discount rules as four kinds of
      array), so every answer matches several branches and could never satisfy ``oneOf``. Each
      branch still checks what it declares.
    """
    if isinstance(node, dict):
        return {
            ("anyOf" if key == "oneOf" else key): (
                value.replace("{1-5}", "{1,5}") if key == "pattern" and isinstance(value, str) else _readable(value)
            )
            for key, value in node.items()
            if not (key == "exclusiveMaximum" and "maximum" not in node)
            and not (key == "exclusiveMinimum" and "minimum" not in node)
        }
    if isinstance(node, list):
        return [_readable(item) for item in node]
    return node


def _unpublished_routes() -> list[tuple[str, re.Pattern[str]]]:
    """(version, path regex) of the operations of mockbc's documents whose ``info.x-upstream`` is
    null: they emulate an API BigCommerce publishes no spec for (the v2 catalog, known from its
    archived guides), so there is nothing upstream to check their answers against; their own
    tests check those shapes."""
    routes: list[tuple[str, re.Pattern[str]]] = []
    for path in sorted((Path(__file__).resolve().parents[2] / "specs").glob("*.yml")):
        document = yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        if document["info"].get("x-upstream") is not None:
            continue
        version = document["servers"][0]["url"].rstrip("/").rsplit("/", 1)[-1]
        for template in document.get("paths", {}):
            routes.append((version, re.compile("^" + re.sub(r"\{[^}]+\}", r"[^/]+", template) + "$")))
    return routes


# Where BigCommerce's own published schema contradicts its documented behaviour, the mock
# follows the behaviour; each exception is listed here with its source.
KNOWN_SPEC_DEFECTS = {
    # base_variant_id is null for products with options (products_catalog.v3.yml says so in prose); the schema says integer.
    ("base_variant_id", None),
    # sort_order is null for a product without an explicit position in a category (categories_catalog.v3.yml,
    # getCategorySortOrders, says so in prose); its productSortOrder schema says integer.
    ("sort_order", None),
    # A metafield without a description reads back as "": product-variants_catalog.v3.yml's metafield_Base alone
    # says minLength 1 (its own batch schemas, and the product, category and brand metafields, say 0).
    ("description", ""),
    # A modifier value without a price or weight adjustment has adjuster null: product-modifiers_catalog.v3.yml's
    # adjuster_Full says nullable, but its enum (relative, percentage) leaves null out, and the modifier schemas
    # mark it x-nullable, which OpenAPI 3 does not read.
    ("adjuster", None),
}


# A variant's null prices, weights and sizes mean "the product's" (productVariant_Base says nullable), and a base
# variant's sku_id is null; the store-wide variant schemas of getVariants and updateVariantsBatch mark these
# x-nullable, a Swagger 2 extension OpenAPI 3 does not read (product-variants_catalog.v3.yml).
_VARIANT_NULLS = frozenset(
    (name, None)
    for name in (
        "price", "sale_price", "retail_price", "cost_price", "weight", "width", "height", "depth",
        "fixed_cost_shipping_price", "sku_id", "bin_picking_number",
    )
)  # fmt: skip
# Defects of one operation's schema only, by operationId: (field, value) as in KNOWN_SPEC_DEFECTS.
KNOWN_OPERATION_DEFECTS: dict[str, frozenset[tuple[str, object]]] = {
    "getVariants": _VARIANT_NULLS,
    "updateVariantsBatch": _VARIANT_NULLS,
    # createCheckoutToken's 422 types status as a string (checkouts.v3.yml), where every other v3 error has an integer.
    "createCheckoutToken": frozenset({("status", 422)}),
}


def _schema_problems(exc: BaseException) -> list[tuple[list[object], str]]:
    found: list[tuple[list[object], str]] = []
    current: BaseException | None = exc
    while current is not None:
        for error in getattr(current, "schema_errors", None) or ():
            found.append((list(error.absolute_path), f"{error.message} [{error.instance!r:.60}]"))
        current = current.__cause__
    return found or [([], f"{type(exc).__name__}: {exc}"[:300])]


def _known_defect(problem: tuple[list[object], str], defects: frozenset[tuple[str, object]] = frozenset()) -> bool:
    path, message = problem
    if "Valid mimetypes: ['plain/text']" in message:
        # The catalog specs declare 401 bodies as "plain/text" (not a media
        # type); the mock answers JSON {status, title, type} as the webhooks spec shows.
        return True
    if bool(path) and path[-1] == "code" and "does not match '^[A-Z0-9]{16}$'" in message:
        # promotions.v3.yml's BulkCouponCode says 16 capitals and digits, against its own codegen
        # parameters (prefix, suffix, delimiter, code_length 6 to 16).
        return True
    if "Valid mimetypes: ['text/html']" in message:
        # The custom-field writes declare their 415 body as a text/html string (products_catalog.v3.yml,
        # UnsupportedMediaTypeError); the mock answers the JSON {status, title, type} of every other 415.
        return True
    if "custom_items" in path and path[-1] in ("quantity", "list_price") and "is not of type 'string'" in message:
        # carts.v3.yml types a custom item's quantity and list_price as strings in its answers while its
        # own examples (and every other line item) carry numbers; the mock answers numbers.
        return True
    if path == ["data"] and message.startswith("[") and " is not of type 'object'" in message:
        # getAllBulkPricingRules types its list's data as one rule object while its meta is a
        # pagination (products_catalog.v3.yml); a list answers an array of rules.
        return True
    return any(
        bool(path) and path[-1] == name and (message.startswith(repr(value)) or "None for not nullable" in message)
        for name, value in (*KNOWN_SPEC_DEFECTS, *defects)
    )


@pytest.mark.after_all_tests
def test_every_recorded_response_conforms_to_upstream(
    recorded_responses: list[Exchange], upstream_specs_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exchanges = [x for x in recorded_responses if STORE_PREFIX.match(x.path)]
    if not exchanges:
        pytest.skip("no responses were recorded: run this test together with the rest of the suite")
    index = UpstreamIndex(upstream_specs_dir)
    checked: Counter[str] = Counter()
    undocumented: Counter[str] = Counter()
    unmatched: Counter[str] = Counter()
    unpublished: Counter[str] = Counter()
    unpublished_routes = _unpublished_routes()
    violations: list[str] = []
    for exchange in exchanges:
        match = STORE_PREFIX.match(exchange.path)
        assert match is not None
        version, rest = match.groups()
        # The mock answers a path with a trailing slash as the same resource (README decision).
        rest = rest.rstrip("/") or rest
        found = index.find(version, "GET" if exchange.method == "HEAD" else exchange.method, rest)
        if found is None and any(v == version and regex.match(rest) for v, regex in unpublished_routes):
            unpublished[f"{exchange.method} {rest}"] += 1
            continue
        if found is None:
            # Requests to paths or methods BigCommerce does not have must get 404 or 405.
            if exchange.status not in (404, 405):
                violations.append(f"{exchange.method} {rest}: no upstream operation, yet answered {exchange.status}")
            unmatched[f"{exchange.method} {rest} {exchange.status}"] += 1
            continue
        file_name, _, operation = found
        responses = operation["responses"]
        assert isinstance(responses, dict)
        label = f"{operation.get('operationId')} {exchange.status}"
        if str(exchange.status) not in responses and "default" not in responses:
            if version == "v2" and exchange.method == "GET" and exchange.status == 204 and not exchange.body:
                # A v2 list with nothing to show answers 204 (BC_FACTS §9, the archived v2 guides); several
                # v2 documents list only the 200.
                checked[f"{label} (v2 empty list)"] += 1
                continue
            if 200 <= exchange.status < 300:
                violations.append(
                    f"{label}: success status not documented upstream ({exchange.method} {exchange.path})"
                )
            else:
                undocumented[label] += 1
            continue
        if exchange.method == "HEAD" or exchange.status == 204:
            checked[label] += 1
            continue
        documented = responses.get(str(exchange.status), responses.get("default"))
        if isinstance(documented, dict) and documented.get("content") == {}:
            # Upstream documents the status but no body (storefront_tokens.v3.yml's answers but
            # its tokens): the status is all there is to check.
            checked[f"{label} (status only)"] += 1
            continue
        request = MockRequest(
            HOST, exchange.method.lower(), f"/stores/abc/{version}{rest}",
            args={k: v[-1] for k, v in parse_qs(exchange.query).items()},
        )  # fmt: skip
        response = MockResponse(exchange.body, status_code=exchange.status, content_type="application/json")
        try:
            index.api(file_name).validate_response(request, response)
        except Exception as exc:  # openapi-core raises several unrelated types; report them all
            defects = KNOWN_OPERATION_DEFECTS.get(str(operation.get("operationId")), frozenset())
            problems = [p for p in _schema_problems(exc) if not _known_defect(p, defects)]
            if problems:
                detail = "; ".join(f"{'.'.join(map(str, path))}: {message}" for path, message in problems[:5])
                violations.append(f"{label} {exchange.method} {exchange.path}?{exchange.query}: {detail}")
                continue
        checked[label] += 1
    with capsys.disabled():
        print(
            f"\nresponse contract: {sum(checked.values())} responses checked against upstream over "
            f"{len(checked)} operation/status pairs; {sum(undocumented.values())} with a status upstream "
            f"does not document ({', '.join(sorted(undocumented))}); {sum(unmatched.values())} on paths "
            f"upstream does not have (404/405 checks); {sum(unpublished.values())} on paths of APIs without a "
            f"published spec (x-upstream: null); {len(violations)} violations"
        )
    assert not violations, "responses that break the upstream spec:\n" + "\n".join(violations[:50])
