"""Categories and the trees that hold them: one record each, and their pure rules."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mockbc.domain.records import CustomUrl, slugify
from mockbc.domain.storage import Index, Reference, TableSpec

MAX_CATEGORIES_PER_STORE = 16000
MAX_DEPTH = 8
MAX_TREES_PER_UPSERT = 50
MAX_NAME_LENGTH = 50
DEFAULT_SORT = "use_store_settings"
# The tree of channel 1, the default storefront; the (deprecated) categories API sees only it.
DEFAULT_TREE_ID = 1

_UUID_NAMESPACE = uuid.UUID("6f1b3a52-5d0e-4b8e-9a57-0c7d2f1e9b11")


@dataclass(frozen=True, slots=True)
class CategoryTree:
    id: int
    name: str
    channels: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Category:
    id: int
    tree_id: int
    parent_id: int
    name: str
    custom_url: CustomUrl
    description: str = ""
    views: int = 0
    sort_order: int = 0
    page_title: str = ""
    meta_keywords: tuple[str, ...] = ()
    meta_description: str = ""
    layout_file: str = ""
    image_url: str = ""
    is_visible: bool = True
    search_keywords: str = ""
    default_product_sort: str = DEFAULT_SORT

    @property
    def uuid(self) -> str:
        # Stable per id, so a category keeps its uuid across resets and restarts.
        return str(uuid.uuid5(_UUID_NAMESPACE, str(self.id)))


WRITABLE_FIELDS: frozenset[str] = frozenset(name for name in Category.__dataclass_fields__ if name not in {"id"})


def ancestry(category_id: int, categories: Mapping[int, Category]) -> list[int]:
    """Ids from the top-level ancestor down to ``category_id`` itself."""
    chain: list[int] = []
    current = categories.get(category_id)
    while current is not None:
        chain.append(current.id)
        if current.parent_id == 0 or len(chain) > MAX_DEPTH * 4:
            break
        current = categories.get(current.parent_id)
    chain.reverse()
    return chain


def descendants(category_id: int, categories: Iterable[Category]) -> set[int]:
    children: dict[int, list[int]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category.id)
    found: set[int] = set()
    stack = [category_id]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def children_map(categories: Iterable[Category]) -> dict[int, list[int]]:
    """parent id -> ids of its direct children (top-level categories sit under 0, per tree mixed)."""
    children: dict[int, list[int]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category.id)
    return children


def subtree_height(category_id: int, children: Mapping[int, list[int]]) -> int:
    """Levels below ``category_id``: 0 for a leaf, 1 when it has children only, and so on."""
    height = 0
    level = [category_id]
    seen = {category_id}
    while True:
        level = [child for parent in level for child in children.get(parent, ()) if child not in seen]
        if not level:
            return height
        seen.update(level)
        height += 1


MAX_URL_LENGTH = 255


def default_url_path(names: Iterable[str]) -> str:
    """``["Kitchen", "Cookware"]`` -> ``/kitchen/cookware/``, cut to fit custom_url.url's 255
    characters (room is left for a ``-NNNN`` suffix) so a category's body can be PUT back."""
    path = "/" + "".join(f"{slugify(name)}/" for name in names)
    if len(path) > MAX_URL_LENGTH - 8:
        path = path[: MAX_URL_LENGTH - 9].rstrip("/-") + "/"
    return path


def with_suffix(path: str, n: int) -> str:
    """``/kitchen/cookware/``, 2 -> ``/kitchen/cookware-2/``."""
    return f"{path.rstrip('/')}-{n}/"


TABLES = (
    TableSpec(
        "categories",
        Category,
        indexes=(
            Index("url", lambda c: c.custom_url.url, unique=True),
            # Names are unique among the siblings of one tree, ignoring case.
            Index("sibling_name", lambda c: (c.tree_id, c.parent_id, c.name.casefold()), unique=True),
            Index("parent_id", lambda c: c.parent_id),
            Index("tree_id", lambda c: c.tree_id),
            Index("keyword", lambda c: (c.name, c.description, c.search_keywords), words=True),
        ),
        references=(
            # Deleting a category deletes its subtree; deleting a tree deletes its categories.
            Reference("parent_id", "categories", "cascade"),
            Reference("tree_id", "trees", "cascade"),
        ),
        resource="category",
    ),
    TableSpec(
        "trees",
        CategoryTree,
        indexes=(Index("channels", lambda t: t.channels, multi=True),),
        resource="category_tree",
    ),
)
