"""The schema of ``specs/storefront.graphql``, built once, with the areas' resolvers bound to it and
``@accessScope`` enforced for private tokens.

A field carrying ``@accessScope(scopes: [...])`` answers a private token only if the token holds one
of those scopes; otherwise the field is ``null`` with an ``INSUFFICIENT_ACCESS_SCOPE`` error naming
``requiredScopes`` (BC_FACTS §8). Storefront and impersonation tokens carry no scopes and pass.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from graphql import (
    EnumValueNode,
    GraphQLError,
    GraphQLField,
    GraphQLObjectType,
    GraphQLSchema,
    ListValueNode,
    build_schema,
    default_field_resolver,
)

from mockbc.presentation.storefront_graphql.seam import Area, Context, discover

SDL_PATH = Path(__file__).resolve().parents[2] / "specs" / "storefront.graphql"
INSUFFICIENT_ACCESS_SCOPE = "INSUFFICIENT_ACCESS_SCOPE"
# A private token's scopes (storefront_tokens.v3.yml) as the schema's TokenScope names them.
TOKEN_SCOPES = {
    "Unauthenticated": "TOKEN_SCOPE_UNAUTHENTICATED",
    "Customer": "TOKEN_SCOPE_CUSTOMER",
    "B2B": "TOKEN_SCOPE_B2B",
}
NO_ACCESS = "The token does not have the access scope this field needs: {scopes}."


def required_scopes(field: GraphQLField) -> tuple[str, ...]:
    for directive in (field.ast_node.directives if field.ast_node else None) or ():
        if directive.name.value != "accessScope":
            continue
        for argument in directive.arguments or ():
            value = argument.value
            if argument.name.value == "scopes" and isinstance(value, ListValueNode):
                return tuple(v.value for v in value.values if isinstance(v, EnumValueNode))
    return ()


def _guarded(resolver: Callable[..., Any], scopes: tuple[str, ...]) -> Callable[..., Any]:
    def guard(source: Any, info: Any, **arguments: Any) -> Any:
        context = info.context
        if isinstance(context, Context) and context.token_kind == "private":
            held = {TOKEN_SCOPES.get(s) for s in context.scopes}
            if held.isdisjoint(scopes):
                raise GraphQLError(
                    NO_ACCESS.format(scopes=", ".join(scopes)),
                    extensions={"code": INSUFFICIENT_ACCESS_SCOPE, "requiredScopes": list(scopes)},
                )
        return resolver(source, info, **arguments)

    return guard


def bind(schema: GraphQLSchema, area: Area) -> GraphQLSchema:
    for (type_name, field_name), resolver in area.fields.items():
        owner = schema.type_map.get(type_name)
        if not isinstance(owner, GraphQLObjectType) or field_name not in owner.fields:
            raise ValueError(f"a resolver is bound to {type_name}.{field_name}, which the schema lacks")
        owner.fields[field_name].resolve = resolver
    for type_name in area.nodes:
        if not isinstance(schema.type_map.get(type_name), GraphQLObjectType):
            raise ValueError(f"a node loader is bound to {type_name}, which the schema lacks")
    for named in schema.type_map.values():
        if isinstance(named, GraphQLObjectType) and not named.name.startswith("__"):
            for field in named.fields.values():
                scopes = required_scopes(field)
                if scopes:
                    field.resolve = _guarded(field.resolve or default_field_resolver, scopes)
    return schema


@cache
def area() -> Area:
    return discover()


@cache
def storefront_schema() -> GraphQLSchema:
    return bind(build_schema(SDL_PATH.read_text(encoding="utf-8")), area())
