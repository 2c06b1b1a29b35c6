"""mockbc's storefront SDL is a subset of BigCommerce's live schema: every type, field, argument and
enum value it declares exists upstream with the same type, so a query valid against mockbc is valid
against BigCommerce (and means the same).

``find_breaking_changes(upstream, ours)`` may report only what a subset leaves out:

- ``TYPE_REMOVED``, ``FIELD_REMOVED``, ``ARG_REMOVED``, ``VALUE_REMOVED_FROM_ENUM``: types, fields,
  arguments and enum values mockbc does not serve (a removed argument must be optional upstream and a
  removed input field too, checked below, else an upstream-valid query could not be written);
- ``TYPE_REMOVED_FROM_UNION``, ``IMPLEMENTED_INTERFACE_REMOVED``: members and interfaces of types
  not served;
- ``DIRECTIVE_REMOVED``, ``DIRECTIVE_ARG_REMOVED``, ``DIRECTIVE_LOCATION_REMOVED``: directives mockbc
  does not declare.

Every other kind (a changed kind or type of a field or argument, a required argument or input field
added, a directive made repeatable or given a required argument...) is a real incompatibility.
``find_dangerous_changes`` must report nothing: a changed argument default or an enum value, union
member or interface mockbc would add is a difference a client would see.
"""

from __future__ import annotations

import pytest
from graphql import (
    BreakingChangeType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    build_schema,
    find_breaking_changes,
    find_dangerous_changes,
    is_required_argument,
    is_required_input_field,
)

from mockbc.presentation.storefront_graphql.schema import SDL_PATH

ALLOWED = {
    BreakingChangeType.TYPE_REMOVED,
    BreakingChangeType.FIELD_REMOVED,
    BreakingChangeType.ARG_REMOVED,
    BreakingChangeType.VALUE_REMOVED_FROM_ENUM,
    BreakingChangeType.TYPE_REMOVED_FROM_UNION,
    BreakingChangeType.IMPLEMENTED_INTERFACE_REMOVED,
    BreakingChangeType.DIRECTIVE_REMOVED,
    BreakingChangeType.DIRECTIVE_ARG_REMOVED,
    BreakingChangeType.DIRECTIVE_LOCATION_REMOVED,
}


@pytest.fixture(scope="module")
def upstream(upstream_graphql_schema: GraphQLSchema) -> GraphQLSchema:
    return upstream_graphql_schema


@pytest.fixture(scope="module")
def ours() -> GraphQLSchema:
    return build_schema(SDL_PATH.read_text(encoding="utf-8"))


def test_only_removals_are_breaking(upstream: GraphQLSchema, ours: GraphQLSchema) -> None:
    changes = find_breaking_changes(upstream, ours)
    assert [f"{c.type.name}: {c.description}" for c in changes if c.type not in ALLOWED] == []


def test_nothing_is_dangerous(upstream: GraphQLSchema, ours: GraphQLSchema) -> None:
    assert [f"{c.type.name}: {c.description}" for c in find_dangerous_changes(upstream, ours)] == []


def _user_types(schema: GraphQLSchema) -> dict[str, object]:
    return {name: t for name, t in schema.type_map.items() if not name.startswith("__")}


def test_every_type_is_upstream(upstream: GraphQLSchema, ours: GraphQLSchema) -> None:
    assert sorted(set(_user_types(ours)) - set(_user_types(upstream))) == []
    assert sorted(d.name for d in ours.directives if upstream.get_directive(d.name) is None) == []


def test_every_field_and_argument_is_upstream_and_no_required_one_is_left_out(
    upstream: GraphQLSchema, ours: GraphQLSchema
) -> None:
    extra, missing = [], []
    for name, ours_type in _user_types(ours).items():
        theirs = upstream.type_map[name]
        if isinstance(ours_type, GraphQLObjectType | GraphQLInterfaceType):
            assert isinstance(theirs, GraphQLObjectType | GraphQLInterfaceType)
            for field_name, field in ours_type.fields.items():
                if field_name not in theirs.fields:
                    extra.append(f"{name}.{field_name}")
                    continue
                upstream_args = theirs.fields[field_name].args
                extra += [f"{name}.{field_name}({a})" for a in field.args if a not in upstream_args]
                missing += [
                    f"{name}.{field_name}({a})"
                    for a, arg in upstream_args.items()
                    if is_required_argument(arg) and a not in field.args
                ]
        elif isinstance(ours_type, GraphQLInputObjectType):
            assert isinstance(theirs, GraphQLInputObjectType)
            extra += [f"{name}.{f}" for f in ours_type.fields if f not in theirs.fields]
            missing += [
                f"{name}.{f}"
                for f, v in theirs.fields.items()
                if is_required_input_field(v) and f not in ours_type.fields
            ]
    assert (extra, missing) == ([], [])


def test_the_schema_serves_what_the_storefront_guides_use(ours: GraphQLSchema) -> None:
    site = ours.type_map["Site"]
    assert isinstance(site, GraphQLObjectType)
    assert {"products", "product", "newestProducts", "featuredProducts", "bestSellingProducts", "categoryTree",
            "category", "brands", "route", "search", "settings", "currencies"} <= set(site.fields)  # fmt: skip
    query = ours.query_type
    assert query is not None and {"site", "customer", "node"} <= set(query.fields)
    assert ours.get_directive("accessScope") is not None


def test_a_changed_type_is_caught(upstream: GraphQLSchema) -> None:
    sdl = SDL_PATH.read_text(encoding="utf-8")
    tampered = sdl.replace(
        "type Product implements Node {\n  id: ID!\n  entityId: Int!",
        "type Product implements Node {\n  id: ID!\n  entityId: Int",
        1,
    )
    assert tampered != sdl
    changes = find_breaking_changes(upstream, build_schema(tampered))
    caught = [c for c in changes if c.type not in ALLOWED]
    assert [c.type for c in caught] == [BreakingChangeType.FIELD_CHANGED_KIND]
    assert "Product.entityId changed type from Int! to Int." in caught[0].description


def test_access_scope_is_declared_as_upstream_declares_it(upstream: GraphQLSchema, ours: GraphQLSchema) -> None:
    theirs, mine = upstream.get_directive("accessScope"), ours.get_directive("accessScope")
    assert theirs is not None and mine is not None
    assert {n: str(a.type) for n, a in mine.args.items()} == {n: str(a.type) for n, a in theirs.args.items()}
    assert (mine.locations, mine.is_repeatable) == (theirs.locations, theirs.is_repeatable)
