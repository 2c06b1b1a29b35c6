"""Path templates -> a segment tree, so finding a route costs the path's depth, not the
number of routes (there will be hundreds). Literal segments win over parameters
(``/catalog/trees/categories`` before ``/catalog/trees/{tree_id}/...``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class _Node(Generic[T]):
    literals: dict[str, _Node[T]] = field(default_factory=dict)
    param: _Node[T] | None = None
    target: T | None = None
    names: tuple[str | None, ...] = ()  # per segment: the parameter's name, or None for a literal


class Router(Generic[T]):
    """``router.add("/stores/{store_hash}/v3/catalog/products/{product_id}", target)``;
    ``router.match("/stores/abc/v3/catalog/products/7")`` -> ``(target, {"store_hash": "abc", "product_id": "7"})``."""

    def __init__(self) -> None:
        self._root: _Node[T] = _Node()
        self.templates: dict[str, T] = {}

    def add(self, template: str, target: T) -> None:
        if template in self.templates:
            raise ValueError(f"route {template} added twice")
        node = self._root
        names: list[str | None] = []
        for segment in template.strip("/").split("/"):
            if segment.startswith("{") and segment.endswith("}"):
                node.param = node.param or _Node()
                node = node.param
                names.append(segment[1:-1])
            else:
                node = node.literals.setdefault(segment, _Node())
                names.append(None)
        if node.target is not None:
            raise ValueError(f"route {template} has the same shape as another route")
        node.target = target
        node.names = tuple(names)
        self.templates[template] = target

    def match(self, path: str) -> tuple[T, dict[str, str]] | None:
        segments = path.strip("/").split("/")
        if "" in segments:
            return None
        node = self._walk(self._root, segments, 0)
        if node is None or node.target is None:
            return None
        params = {name: segments[i] for i, name in enumerate(node.names) if name is not None}
        return node.target, params

    def _walk(self, node: _Node[T], segments: list[str], depth: int) -> _Node[T] | None:
        if depth == len(segments):
            return node if node.target is not None else None
        segment = segments[depth]
        literal = node.literals.get(segment)
        if literal is not None:
            found = self._walk(literal, segments, depth + 1)
            if found is not None:
                return found
        if node.param is not None:
            return self._walk(node.param, segments, depth + 1)
        return None
