"""A big store for the filter benchmark: 10,000 products over 50 categories and 20 brands.

The catalog is a deterministic fixture document (``mockbc-fixtures/1``, all randomness from
``random.Random(SEED)``), seeded through ``mockbc.fixtures.build_seed`` into its own store of
the app's registry with its own API account. It is shaped so that filters have realistic
selectivity:

* names are "<finish> <material> <item>" (unique: a sample of 12,000 combinations), so an
  exact ``name=`` matches one product;
* 10 departments of 4 sub-categories each (50 categories); a product sits in one
  sub-category and in its department, so a sub-category holds about 250 products;
* 20 brands (10 % of products have none);
* each description names one of 250 "collections" (invented words, none the prefix of
  another word of the catalog), so ``keyword=<collection>`` matches about 40 products;
* SKUs are "<ITEM>-<MAT>-<serial>", so SKU words add vocabulary without hitting collections.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import mockbc
from mockbc.fixtures import build_seed

SEED = 2025
BIG_STORE = "bench10k"
BIG_PRODUCTS = 10_000

FINISHES = (
    "Rustic", "Brushed", "Polished", "Matte", "Glazed", "Woven", "Hammered", "Oiled", "Frosted", "Speckled",
    "Weathered", "Lacquered", "Satin", "Textured", "Smoked", "Painted", "Raw", "Carved", "Quilted", "Striped",
)  # fmt: skip
MATERIALS = (
    "Oak", "Walnut", "Bamboo", "Cedar", "Linen", "Cotton", "Wool", "Leather", "Copper", "Brass",
    "Steel", "Ceramic", "Stoneware", "Glass", "Marble", "Slate", "Rattan", "Jute", "Canvas", "Velvet",
    "Cork", "Birch", "Teak", "Pewter", "Porcelain",
)  # fmt: skip
ITEMS = (
    "Bowl", "Mug", "Vase", "Lamp", "Shelf", "Stool", "Tray", "Basket", "Planter", "Cushion",
    "Throw", "Rug", "Mirror", "Clock", "Candle", "Jar", "Platter", "Pitcher", "Caddy", "Hook",
    "Rack", "Bench", "Bin", "Coaster", "Frame",
)  # fmt: skip
DEPARTMENTS = ("Kitchen", "Dining", "Living", "Bedroom", "Bath", "Garden", "Office", "Outdoor", "Storage", "Decor")
SUBS = ("Essentials", "Classics", "Seasonal", "Premium")
BRANDS = (
    "Ironwood Supply", "Harbor Lane", "Quillfield", "Mossgate", "Brightforge", "Alder & Ash", "Northwick",
    "Saltmarsh", "Juniper Row", "Foxglen", "Stonebridge", "Willowmere", "Emberly", "Kettle Creek",
    "Greyhaven", "Marigold Works", "Tallpine", "Cobalt Yard", "Riverbend", "Oakhurst Home",
)  # fmt: skip
_SYLLABLES = ("ka", "lo", "mi", "ra", "ve", "no", "si", "tu", "xa", "zo", "qui", "bre", "dra", "fen", "gol", "hul")


@dataclass(frozen=True, slots=True)
class BigCatalog:
    document: dict[str, Any]
    keyword: str  # a collection word
    keyword_expected: int  # products whose description names it
    name: str  # an existing product's exact name
    category_id: int  # a sub-category
    category_expected: int
    ids: tuple[int, ...]  # 10 existing product ids, spread over the store


def _collections(rng: random.Random, n: int, vocabulary: set[str]) -> list[str]:
    """``n`` invented words, none a prefix of another word of the catalog (nor the other way round)."""
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(3))
        if word in seen or any(w.startswith(word) or word.startswith(w) for w in vocabulary | seen):
            continue
        seen.add(word)
        out.append(word)
    return out


def big_catalog(n: int = BIG_PRODUCTS) -> BigCatalog:
    rng = random.Random(SEED)
    vocabulary = {w.casefold() for text in (*FINISHES, *MATERIALS, *ITEMS, *DEPARTMENTS, *SUBS, *BRANDS)
                  for w in text.replace("&", " ").split()}  # fmt: skip
    collections = _collections(rng, 250, vocabulary)
    brands = [{"id": i, "name": name} for i, name in enumerate(BRANDS, start=1)]
    categories: list[dict[str, Any]] = []
    subs: list[tuple[int, int]] = []  # (sub-category id, its department id)
    next_id = 1
    for department in DEPARTMENTS:
        dept_id = next_id
        categories.append({"id": dept_id, "name": department, "parent_id": 0})
        next_id += 1
        for sub in SUBS:
            categories.append({"id": next_id, "name": f"{department} {sub}", "parent_id": dept_id})
            subs.append((next_id, dept_id))
            next_id += 1
    combos = rng.sample([(f, m, i) for f in FINISHES for m in MATERIALS for i in ITEMS], n)
    products: list[dict[str, Any]] = []
    by_collection: dict[str, int] = {}
    by_category: dict[int, int] = {}
    for k, (finish, material, item) in enumerate(combos):
        pid = 1_000 + k  # ids well away from 1 so id:in lists look like real ones
        sub_id, dept_id = rng.choice(subs)
        collection = rng.choice(collections)
        by_collection[collection] = by_collection.get(collection, 0) + 1
        by_category[sub_id] = by_category.get(sub_id, 0) + 1
        brand_id = 0 if rng.random() < 0.1 else rng.randint(1, len(BRANDS))
        products.append({
            "id": pid, "name": f"{finish} {material} {item}", "type": "physical",
            "price": round(rng.uniform(4, 400), 2), "weight": round(rng.uniform(0.1, 20), 2),
            "sku": f"{item[:3].upper()}-{material[:3].upper()}-{k:05d}",
            "description": (f"<p>A {finish.lower()} {item.lower()} in {material.lower()}, "
                            f"from the {collection.capitalize()} collection.</p>"),
            "categories": [sub_id, dept_id], "brand_id": brand_id, "is_visible": rng.random() < 0.85,
            "inventory_tracking": "product", "inventory_level": rng.randint(0, 200),
        })  # fmt: skip
    document = {
        "format": "mockbc-fixtures/1",
        "category_trees": [{"id": 1, "name": "Default", "channels": [1]}],
        "brands": brands,
        "categories": categories,
        "products": products,
    }
    # The collection closest to 40 products, the sub-category closest to the mean.
    keyword = min(sorted(by_collection), key=lambda c: abs(by_collection[c] - 40))
    category = min(sorted(by_category), key=lambda c: abs(by_category[c] - n / len(subs)))
    step = n // 10
    return BigCatalog(
        document=document, keyword=keyword, keyword_expected=by_collection[keyword],
        name=products[n // 3]["name"], category_id=category, category_expected=by_category[category],
        ids=tuple(products[i * step + step // 2]["id"] for i in range(10)),
    )  # fmt: skip


def add_big_store(registry: Any, catalog: BigCatalog, store_hash: str = BIG_STORE) -> tuple[mockbc.Store, str]:
    """Seed ``store_hash`` from the catalog into ``registry``; returns the store and an access token."""
    seed = build_seed(catalog.document)
    store = registry.create_store(store_hash, seed=seed)
    account = registry.create_account(store_hash, name="bench", scopes=mockbc.ALL_SCOPES)
    return store, account.access_token
