"""How the parts of the schema get their resolvers: each module of ``areas/`` holds one ``Area``.

An area registers field resolvers (``@AREA.field("Site", "settings")``, called as graphql-core calls
a resolver: ``(source, info, **arguments)``) and node loaders (``@AREA.node("Product")``, called as
``(context, entity_id)`` and returning the object or ``None``) for ``Query.node`` and ``Route.node``.
``areas`` is read at start-up; a field or node bound twice, or a field the schema lacks, stops it.

Objects are dicts: a field without a resolver reads its own key, and an object returned where the
schema expects an interface names its type in ``"__typename"``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from mockbc.store.registry import StoreRegistry
from mockbc.store.store import Store

Resolver = Callable[..., Any]
NodeLoader = Callable[["Context", Any], dict[str, Any] | None]  # entity ids: int, a UUID str for carts
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class Context:
    """What a resolver knows of the request: the store, the storefront's channel and the caller."""

    store: Store
    channel_id: int
    token_kind: str  # "storefront", "private" or "impersonation"
    scopes: tuple[str, ...] = ()  # a private token's access scopes
    customer_id: int | None = None  # the shopper the request is for, if any
    base_url: str = ""  # scheme and host of the request, for the URLs the API renders
    registry: StoreRegistry | None = None  # for what spans stores: API accounts (Customer Login JWTs)
    client_ip: str | None = None
    customer_access_token: str | None = None  # the X-Bc-Customer-Access-Token that signed the shopper in


@dataclass
class Area:
    fields: dict[tuple[str, str], Resolver] = field(default_factory=dict)
    nodes: dict[str, NodeLoader] = field(default_factory=dict)

    def field(self, type_name: str, field_name: str) -> Callable[[F], F]:
        def register(resolver: F) -> F:
            key = (type_name, field_name)
            if key in self.fields:
                raise ValueError(f"{type_name}.{field_name} is bound twice")
            self.fields[key] = resolver
            return resolver

        return register

    def node(self, type_name: str) -> Callable[[F], F]:
        def register(loader: F) -> F:
            if type_name in self.nodes:
                raise ValueError(f"node type {type_name} is bound twice")
            self.nodes[type_name] = loader
            return loader

        return register


def discover(package: str = "mockbc.presentation.storefront_graphql.areas") -> Area:
    """Every area of ``package`` merged into one; a key bound in two modules is refused."""
    merged = Area()
    module = importlib.import_module(package)
    for info in sorted(pkgutil.iter_modules(module.__path__), key=lambda i: i.name):
        area = getattr(importlib.import_module(f"{package}.{info.name}"), "AREA", None)
        if not isinstance(area, Area):
            continue
        for (type_name, field_name), resolver in area.fields.items():
            merged.field(type_name, field_name)(resolver)
        for type_name, loader in area.nodes.items():
            merged.node(type_name)(loader)
    return merged
