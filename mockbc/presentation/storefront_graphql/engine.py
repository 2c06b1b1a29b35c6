"""One GraphQL request against the storefront schema: the document (parsed and validated once per
distinct query text, kept in a bounded cache), the limits, execution, and the answer's body and
``X-Bc-Graphql-*`` headers.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import orjson
from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    Node,
    OperationDefinitionNode,
    execute,
    parse,
    specified_rules,
    validate,
)

from mockbc.presentation.storefront_graphql.limits import MAX_COMPLEXITY, TOO_COMPLEX, DepthAndMutationRule, cost
from mockbc.presentation.storefront_graphql.schema import storefront_schema
from mockbc.presentation.storefront_graphql.seam import Context

RULES = (*specified_rules, DepthAndMutationRule)
# The cache holds at most this many documents, and at most this many characters of query text.
CACHE_ENTRIES = 512
CACHE_CHARS = 8 * 1024 * 1024
COMPLEXITY_HEADER = "X-Bc-Graphql-Complexity"
# A document of more tokens is not parsed (the mock's bound: validation grows faster than the text).
MAX_TOKENS = 20_000
# Answers to catalog queries are kept, keyed by everything they are computed from (the query, its
# variables, the store's exact state, channel, caller, host), so a repeated page is not executed
# again. A document naming one of these fields reads what a query may change or the clock may
# expire (carts, checkouts, the shopper), or any node: it is always executed.
UNCACHEABLE_FIELDS = frozenset({"cart", "checkout", "customer", "wishlist"})
UNCACHEABLE_ROOTS = frozenset({"node", "nodes"})  # a connection's edges also have a `node`: roots only
ANSWER_ENTRIES = 64
ANSWER_MAX_SCORE = 5_000  # bigger answers are not kept: the cache's memory stays bounded

# extensions.code of the mock's errors (BigCommerce documents only INSUFFICIENT_ACCESS_SCOPE and the
# customer-token ones); GraphQL's usual names.
PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
BAD_USER_INPUT = "BAD_USER_INPUT"
COMPLEXITY_EXCEEDED = "COMPLEXITY_LIMIT_EXCEEDED"
INTERNAL = "INTERNAL_SERVER_ERROR"
INTERNAL_MESSAGE = "Internal server error"
NULL_CHECK = "Cannot return null for non-nullable field"


@dataclass(frozen=True, slots=True)
class Prepared:
    """A query text once parsed and validated."""

    document: DocumentNode | None
    errors: tuple[GraphQLError, ...]
    code: str = ""
    cacheable: bool = False  # its answers may be kept (it names none of UNCACHEABLE_FIELDS)
    query_hash: str = ""


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes | None = None  # the body already encoded, for a kept answer


def encoded(body: dict[str, Any]) -> bytes:
    return orjson.dumps(body, default=_plain)


def _plain(value: object) -> object:
    # Custom scalars (BigDecimal, Long, DateTime) pass through graphql-core as the resolver gave them.
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def error_body(message: str, code: str, **extensions: Any) -> dict[str, Any]:
    return {"errors": [{"message": message, "extensions": {"code": code, **extensions}}]}


def _formatted(error: GraphQLError, code: str) -> dict[str, Any]:
    original = error.original_error
    # A resolver's own failure is not shown (it is the mock's bug); graphql-core's null check is.
    if original is not None and not isinstance(original, GraphQLError) and not error.message.startswith(NULL_CHECK):
        error = GraphQLError(INTERNAL_MESSAGE, error.nodes, path=error.path, extensions={"code": INTERNAL})
    out: dict[str, Any] = dict(error.formatted)
    out["extensions"] = {"code": code, **(out.get("extensions") or {})}
    return out


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Engine:
    def __init__(self, schema: GraphQLSchema | None = None) -> None:
        self.schema = schema if schema is not None else storefront_schema()
        self._cache: OrderedDict[str, Prepared] = OrderedDict()
        self._chars = 0
        self._answers: OrderedDict[tuple[Any, ...], tuple[dict[str, Any], str, bytes]] = OrderedDict()

    def prepare(self, query: str) -> Prepared:
        cached = self._cache.get(query)
        if cached is not None:
            self._cache.move_to_end(query)
            return cached
        try:
            document = parse(query, max_tokens=MAX_TOKENS)
        except GraphQLError as error:
            prepared = Prepared(None, (error,), PARSE_FAILED)
        else:
            errors = validate(self.schema, document, RULES)
            prepared = Prepared(
                document, tuple(errors), VALIDATION_FAILED if errors else "",
                cacheable=not errors and not _names_any(document, UNCACHEABLE_FIELDS) and not _roots_any(document),
            )  # fmt: skip
        prepared = replace(prepared, query_hash=_hash(query.encode()))
        self._remember(query, prepared)
        return prepared

    def _remember(self, query: str, prepared: Prepared) -> None:
        if len(query) > CACHE_CHARS:
            return
        self._cache[query] = prepared
        self._chars += len(query)
        while len(self._cache) > CACHE_ENTRIES or self._chars > CACHE_CHARS:
            gone, _ = self._cache.popitem(last=False)
            self._chars -= len(gone)

    def __len__(self) -> int:
        return len(self._cache)

    def run(
        self,
        query: str,
        variables: Mapping[str, Any] | None,
        operation_name: str | None,
        context: Context,
        allowed: frozenset[str] = frozenset({"query", "mutation"}),
    ) -> Answer:
        """The answer to one request; ``allowed`` are the operation types the transport takes."""
        variables_json = orjson.dumps(variables or {}, option=orjson.OPT_SORT_KEYS)
        prepared = self.prepare(query)
        headers = {
            "X-Bc-Graphql-Query-Hash": prepared.query_hash,
            "X-Bc-Graphql-Variables-Hash": _hash(variables_json),
        }
        if prepared.document is None or prepared.errors:
            return Answer(200, {"errors": [_formatted(e, prepared.code) for e in prepared.errors]}, headers)
        operation = _operation(prepared.document, operation_name)
        if isinstance(operation, str):
            return Answer(200, error_body(operation, VALIDATION_FAILED), headers)
        kind = operation.operation.value
        headers["X-Bc-Graphql-Operation-Type"] = kind
        if operation.name is not None:
            headers["X-Bc-Graphql-Operation-Name"] = operation.name.value
        if kind not in allowed:
            return Answer(405, error_body(f"A {kind} cannot be sent with GET; use POST.", BAD_USER_INPUT), headers)
        key: tuple[Any, ...] | None = None
        if kind == "query" and prepared.cacheable:
            store = context.store
            key = (
                query, operation_name, variables_json, store.serial, store.writes.n, context.channel_id,
                context.token_kind, context.scopes, context.customer_id, context.base_url,
            )  # fmt: skip
            kept = self._answers.get(key)
            if kept is not None:
                self._answers.move_to_end(key)
                headers[COMPLEXITY_HEADER] = kept[1]
                return Answer(200, kept[0], headers, kept[2])
        measured = cost(self.schema, prepared.document, operation, variables or {})
        headers[COMPLEXITY_HEADER] = str(measured.score)
        if measured.errors:
            return Answer(200, {"errors": [_formatted(e, BAD_USER_INPUT) for e in measured.errors]}, headers)
        if measured.score > MAX_COMPLEXITY:
            message = TOO_COMPLEX.format(score=measured.score, limit=MAX_COMPLEXITY)
            return Answer(200, error_body(message, COMPLEXITY_EXCEEDED), headers)
        result = execute(
            self.schema,
            prepared.document,
            root_value={},
            context_value=context,
            variable_values=dict(variables or {}),
            operation_name=operation.name.value if operation.name else None,
        )
        assert isinstance(result, ExecutionResult), "resolvers are synchronous"
        body: dict[str, Any] = {"data": result.data}
        if result.errors:
            # Without a path an error is about the variables; with one, a resolver's (which may name its code).
            body["errors"] = [_formatted(e, BAD_USER_INPUT if e.path is None else INTERNAL) for e in result.errors]
        elif key is not None and measured.score <= ANSWER_MAX_SCORE:
            content = encoded(body)
            self._answers[key] = (body, headers[COMPLEXITY_HEADER], content)
            if len(self._answers) > ANSWER_ENTRIES:
                self._answers.popitem(last=False)
            return Answer(200, body, headers, content)
        return Answer(200, body, headers)


def _names_any(node: Node, names: frozenset[str]) -> bool:
    """Whether any field selected anywhere in ``node`` (fragments included) is one of ``names``."""
    if isinstance(node, FieldNode) and node.name.value in names:
        return True
    for attribute in node.keys:
        value = getattr(node, attribute, None)
        children = value if isinstance(value, tuple | list) else (value,)
        if any(isinstance(child, Node) and _names_any(child, names) for child in children):
            return True
    return False


def _roots_any(document: DocumentNode) -> bool:
    """Whether an operation's top-level selections (through fragments spread there too) name a node."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    pending = [d.selection_set for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    seen: set[str] = set()
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                if selection.name.value in UNCACHEABLE_ROOTS:
                    return True
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
                seen.add(selection.name.value)
                fragment = fragments.get(selection.name.value)
                if fragment is not None:
                    pending.append(fragment.selection_set)
    return False


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | str:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name:
        for operation in operations:
            if operation.name is not None and operation.name.value == name:
                return operation
        return f'Unknown operation named "{name}".'
    if len(operations) != 1:
        return "Must provide operation name if query contains multiple operations."
    return operations[0]
