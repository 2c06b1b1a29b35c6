"""``Query.node(id:)``: the id names a type and an entity id; the area that registered that type's
node loader (``Area.node``) finds the object."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError

from mockbc.presentation.storefront_graphql.ids import BAD_USER_INPUT, decode_any_id
from mockbc.presentation.storefront_graphql.schema import area
from mockbc.presentation.storefront_graphql.seam import Area, Context

AREA = Area()


def load_node(context: Context, value: str) -> dict[str, Any] | None:
    type_name, entity_id = decode_any_id(value)
    loader = area().nodes.get(type_name)
    if loader is None:
        raise GraphQLError(f"Invalid id: {value!r}", extensions={"code": BAD_USER_INPUT})
    return loader(context, entity_id)


@AREA.field("Query", "node")
def node(_source: Any, info: Any, id: str) -> dict[str, Any] | None:
    return load_node(info.context, id)
