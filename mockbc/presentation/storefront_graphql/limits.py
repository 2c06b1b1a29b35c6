"""BigCommerce's limits on a GraphQL request (BC_FACTS §8): depth 16, complexity 10,000, one mutation,
and page sizes.

Cost model (the mock's own; BigCommerce publishes none): a field costs 1 plus the cost of its
selections; on a connection (a field taking ``first`` or ``last``) the selections' cost is multiplied
by the page size asked for, ``first`` else ``last`` else ``DEFAULT_PAGE_SIZE`` (10). Fragments count
where they are spread; ``@skip``/``@include`` are ignored (the cost is an upper bound). So
``site { products(first: 50) { edges { node { name } } } }`` costs 1 + (1 + 50 × (1 + (1 + 1))) = 152.

Depth counts fields only: a top-level field is at depth 1; fragments add no level.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SchemaMetaFieldDef,
    SelectionSetNode,
    TypeMetaFieldDef,
    TypeNameMetaFieldDef,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
    is_composite_type,
)

from mockbc.presentation.storefront_graphql.connections import DEFAULT_PAGE_SIZE

MAX_DEPTH = 16
MAX_COMPLEXITY = 10_000
# Page-size caps by connection type: 50 products (BC_FACTS §8) and, as clients meet it, 50 on the other
# lists ("Argument 'first' cannot exceed 50", vercel/commerce#442); variants take up to 250
# (vercel/commerce#655).
MAX_PAGE_SIZE = 50
PAGE_SIZE_BY_TYPE = {"VariantConnection": 250}
PAGE_ARGUMENTS = ("first", "last")

TOO_DEEP = "The query exceeds the maximum depth of {limit}: it is {depth} levels deep."
TOO_COMPLEX = (
    "The query is too complex as it has a complexity score of {score} out of {limit}. "
    "Ask for fewer fields or smaller pages."
)
TOO_MANY_MUTATIONS = "Only one mutation is allowed per request; this operation has {count}."
PAGE_TOO_BIG = "Argument '{name}' cannot exceed {limit}"


def _fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


def _depth(
    selections: SelectionSetNode | None, fragments: Mapping[str, FragmentDefinitionNode], seen: frozenset[str]
) -> int:
    deepest = 0
    for selection in selections.selections if selections else ():
        if isinstance(selection, FieldNode):
            deepest = max(deepest, 1 + _depth(selection.selection_set, fragments, seen))
        elif isinstance(selection, InlineFragmentNode):
            deepest = max(deepest, _depth(selection.selection_set, fragments, seen))
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in fragments and name not in seen:
                deepest = max(deepest, _depth(fragments[name].selection_set, fragments, seen | {name}))
    return deepest


def _top_fields(
    selections: SelectionSetNode, fragments: Mapping[str, FragmentDefinitionNode], seen: frozenset[str]
) -> list[FieldNode]:
    found: list[FieldNode] = []
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            found.append(selection)
        elif isinstance(selection, InlineFragmentNode):
            found += _top_fields(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in fragments and name not in seen:
                found += _top_fields(fragments[name].selection_set, fragments, seen | {name})
    return found


class DepthAndMutationRule(ValidationRule):
    """Refuses an operation deeper than ``MAX_DEPTH``, or a mutation operation running more than one
    mutation (a namespace field such as ``cart { ... }`` counts its own fields)."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.fragments = _fragments(context.document)

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
        depth = _depth(node.selection_set, self.fragments, frozenset())
        if depth > MAX_DEPTH:
            self.report_error(GraphQLError(TOO_DEEP.format(limit=MAX_DEPTH, depth=depth), node))
        if node.operation == OperationType.MUTATION:
            count = 0
            for top in _top_fields(node.selection_set, self.fragments, frozenset()):
                inner = _top_fields(top.selection_set, self.fragments, frozenset()) if top.selection_set else []
                count += len(inner) if self._is_namespace(top) else 1
            if count > 1:
                self.report_error(GraphQLError(TOO_MANY_MUTATIONS.format(count=count), node))

    def _is_namespace(self, top: FieldNode) -> bool:
        mutation = self.context.schema.mutation_type
        definition = mutation.fields.get(top.name.value) if mutation else None
        return definition is not None and get_named_type(definition.type).name.endswith("Mutations")


@dataclass
class Cost:
    score: int = 0
    errors: list[GraphQLError] = field(default_factory=list)


def _page_size(node: FieldNode, name: str, variables: Mapping[str, Any], defaults: Mapping[str, Any]) -> int | None:
    for argument in node.arguments or ():
        if argument.name.value != name:
            continue
        value = argument.value
        if isinstance(value, IntValueNode):
            return int(value.value)
        if isinstance(value, VariableNode):
            raw = variables.get(value.name.value, defaults.get(value.name.value))
            return raw if isinstance(raw, int) and not isinstance(raw, bool) else None
    return None


def cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any],
) -> Cost:
    """The operation's complexity score and its page-size refusals, for these variables."""
    fragments = _fragments(document)
    defaults: dict[str, Any] = {}
    for definition in operation.variable_definitions or ():
        if isinstance(definition.default_value, IntValueNode):
            defaults[definition.variable.name.value] = int(definition.default_value.value)
    out = Cost()
    root = schema.get_root_type(operation.operation)
    if root is not None:
        out.score = _selections(schema, root, operation.selection_set, fragments, variables, defaults, frozenset(), out)
    return out


def _selections(
    schema: GraphQLSchema,
    parent: GraphQLNamedType,
    selections: SelectionSetNode | None,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    defaults: Mapping[str, Any],
    seen: frozenset[str],
    out: Cost,
) -> int:
    total = 0
    for selection in selections.selections if selections else ():
        if isinstance(selection, FieldNode):
            total += _field(schema, parent, selection, fragments, variables, defaults, seen, out)
        elif isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition
            inner = schema.get_type(condition.name.value) if condition else parent
            if inner is not None:
                total += _selections(schema, inner, selection.selection_set, fragments, variables, defaults, seen, out)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            inner = schema.get_type(fragment.type_condition.name.value) if fragment else None
            if fragment is not None and inner is not None and name not in seen:
                total += _selections(
                    schema, inner, fragment.selection_set, fragments, variables, defaults, seen | {name}, out
                )
    return total


def _field_definition(schema: GraphQLSchema, parent: GraphQLNamedType, name: str) -> GraphQLField | None:
    if name == "__typename":
        return TypeNameMetaFieldDef
    if parent is schema.query_type and name in ("__schema", "__type"):
        return SchemaMetaFieldDef if name == "__schema" else TypeMetaFieldDef
    fields = getattr(parent, "fields", None) if is_composite_type(parent) else None
    return fields.get(name) if isinstance(fields, dict) else None


def _field(
    schema: GraphQLSchema,
    parent: GraphQLNamedType,
    node: FieldNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    defaults: Mapping[str, Any],
    seen: frozenset[str],
    out: Cost,
) -> int:
    definition = _field_definition(schema, parent, node.name.value)
    if definition is None:
        return 1
    multiplier = 1
    if any(name in definition.args for name in PAGE_ARGUMENTS):
        returned = get_named_type(definition.type).name
        limit = PAGE_SIZE_BY_TYPE.get(returned, MAX_PAGE_SIZE)
        sizes = {name: _page_size(node, name, variables, defaults) for name in PAGE_ARGUMENTS}
        for name, size in sizes.items():
            if size is not None and size > limit:
                out.errors.append(GraphQLError(PAGE_TOO_BIG.format(name=name, limit=limit), node))
        first, last = sizes["first"], sizes["last"]
        multiplier = first if first is not None else last if last is not None else DEFAULT_PAGE_SIZE
        multiplier = max(multiplier, 0)
    child = get_named_type(definition.type)
    inner = _selections(schema, child, node.selection_set, fragments, variables, defaults, seen, out)
    return 1 + multiplier * inner
