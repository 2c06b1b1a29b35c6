"""``BigCommerceStateMachine``: random sequences of catalog changes through the HTTP API."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import httpx
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
)

from mockbc import DEFAULT_STORE_HASH, Store, create_app
from mockbc._strategies._brands import brand_updates, brands
from mockbc._strategies._categories import DEFAULT_TREE_ID, categories, category_updates
from mockbc._strategies._core import OMIT, InvalidCase
from mockbc._strategies._invalid import invalid_product_updates, invalid_products
from mockbc._strategies._products import product_updates, products
from mockbc.http import inprocess

PAGE = 250


@dataclass
class ProductModel:
    name: str
    sku: str
    brand_id: int
    categories: tuple[int, ...]


@dataclass
class CatalogModel:
    """What the machine expects the store to hold (the categories API's view: tree 1)."""

    products: dict[int, ProductModel] = field(default_factory=dict)
    categories: dict[int, tuple[str, int]] = field(default_factory=dict)  # id -> (name, parent_id)
    brands: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(cls, store: Store) -> CatalogModel:
        return cls(
            products={
                p.id: ProductModel(p.name, p.sku, p.brand_id, tuple(sorted(p.categories)))
                for p in store.products.values()
            },
            categories={c.id: (c.name, c.parent_id) for c in store.categories.values() if c.tree_id == DEFAULT_TREE_ID},
            brands={b.id: b.name for b in store.brands.values()},
        )

    def subtree(self, category_id: int) -> set[int]:
        found, stack = {category_id}, [category_id]
        while stack:
            parent = stack.pop()
            for cid, (_, parent_id) in self.categories.items():
                if parent_id == parent and cid not in found:
                    found.add(cid)
                    stack.append(cid)
        return found


class BigCommerceStateMachine(RuleBasedStateMachine):
    """Random sequences of catalog changes against an in-process mock, checked against a model.

    Subclass it, add your own ``@rule``s and ``@invariant``s that drive your integration
    against ``self.client`` / ``self.base_url`` (or ``self.store`` directly), and run its
    ``TestCase``::

        class MySyncMachine(BigCommerceStateMachine):
            @rule()
            def sync(self):
                my_sync(client=self.client, base_url=self.base_url)

            @invariant()
            def mirror_matches(self):
                assert my_mirror.names() == {p.name for p in self.model.products.values()}

        MySyncMachine.TestCase.settings = settings(max_examples=50, stateful_step_count=20)
        TestMySync = MySyncMachine.TestCase

    The machine creates, updates and deletes products, categories and brands through the v3
    API with this module's strategies (and sends requests that must be refused), keeps a
    model of what should exist (``self.model``), and checks after every step that the
    mock's listings agree with it. ``after_change(kind, action, record_id)`` is called after
    each accepted change; override it to react (sync, enqueue a webhook...).

    The app is created once per class (``fixtures`` and ``store_hash`` are class attributes)
    and its store is reset, in O(1), at the start of every run.

    Attributes: ``app``, ``store``, ``store_hash``, ``access_token``, ``client`` (a sync httpx
    client, in-process, token set), ``base_url`` (the v3 API root, for ``client``),
    ``model``.
    """

    fixtures: ClassVar[str] = "empty"
    store_hash: ClassVar[str] = DEFAULT_STORE_HASH
    _mockbc_apps: ClassVar[dict[type, Any]] = {}

    product_ids = Bundle("product_ids")
    category_ids = Bundle("category_ids")
    brand_ids = Bundle("brand_ids")

    def __init__(self) -> None:
        super().__init__()
        self.app = type(self).mockbc_app()
        self.store: Store = self.app.state.registry.stores[self.store_hash]
        self.store.reset()
        self.app.state.registry.journal.clear()
        self.access_token: str = self.app.state.default_account.access_token
        self.client: httpx.Client = inprocess.client(self.app, access_token=self.access_token)
        self.base_url = str(self.client.base_url).rstrip("/") + f"/stores/{self.store_hash}/v3"
        self.model = CatalogModel.of(self.store)

    @classmethod
    def mockbc_app(cls) -> Any:
        """The app this class's runs share, created on first use."""
        app = BigCommerceStateMachine._mockbc_apps.get(cls)
        if app is None:
            app = create_app(fixtures=cls.fixtures, store_hash=cls.store_hash)
            BigCommerceStateMachine._mockbc_apps[cls] = app
        return app

    def teardown(self) -> None:
        self.client.close()

    # ------------------------------------------------------------ hooks

    def after_change(self, kind: str, action: str, record_id: int) -> None:
        """Called after each change the mock accepted: ``kind`` is ``"product"``,
        ``"category"`` or ``"brand"``; ``action`` is ``"create"``, ``"update"`` or ``"delete"``."""

    # ------------------------------------------------------------ helpers

    def _url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def _expect(self, response: httpx.Response, status: int) -> Any:
        assert response.status_code == status, (
            f"{response.request.method} {response.request.url} -> {response.status_code}, expected {status}: {response.text}"
        )
        return response.json() if response.content else None

    def _listing(self, path: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        page = 1
        while True:
            body = self._expect(self.client.get(self._url(path), params={"limit": PAGE, "page": page}), 200)
            out += body["data"]
            if page >= body["meta"]["pagination"]["total_pages"]:
                return out
            page += 1

    # ------------------------------------------------------------ seeded records

    @initialize(target=brand_ids)
    def seeded_brands(self) -> Any:
        return multiple(*self.model.brands)

    @initialize(target=category_ids)
    def seeded_categories(self) -> Any:
        return multiple(*self.model.categories)

    @initialize(target=product_ids)
    def seeded_products(self) -> Any:
        return multiple(*self.model.products)

    # ------------------------------------------------------------ brands

    @rule(target=brand_ids, data=st.data())
    def create_brand(self, data: st.DataObject) -> int:
        body = data.draw(brands(store=self.store), label="brand")
        brand = self._expect(self.client.post(self._url("/catalog/brands"), json=body), 200)["data"]
        self.model.brands[brand["id"]] = body["name"]
        self.after_change("brand", "create", brand["id"])
        return int(brand["id"])

    @rule(brand_id=brand_ids, data=st.data())
    def update_brand(self, brand_id: int, data: st.DataObject) -> None:
        body = data.draw(brand_updates(store=self.store), label="changes")
        response = self.client.put(self._url(f"/catalog/brands/{brand_id}"), json=body)
        if brand_id not in self.model.brands:
            self._expect(response, 404)
            return
        self._expect(response, 200)
        if "name" in body:
            self.model.brands[brand_id] = body["name"]
        self.after_change("brand", "update", brand_id)

    @rule(brand_id=consumes(brand_ids))
    def delete_brand(self, brand_id: int) -> None:
        response = self.client.delete(self._url(f"/catalog/brands/{brand_id}"))
        if brand_id not in self.model.brands:
            self._expect(response, 404)
            return
        self._expect(response, 204)
        del self.model.brands[brand_id]
        for product in self.model.products.values():
            if product.brand_id == brand_id:
                product.brand_id = 0  # products outlive their brand
        self.after_change("brand", "delete", brand_id)

    # ------------------------------------------------------------ categories

    @rule(target=category_ids, data=st.data())
    def create_category(self, data: st.DataObject) -> int:
        body = data.draw(categories(store=self.store), label="category")
        category = self._expect(self.client.post(self._url("/catalog/categories"), json=body), 200)["data"]
        self.model.categories[category["id"]] = (body["name"], body["parent_id"])
        self.after_change("category", "create", category["id"])
        return int(category["id"])

    @rule(category_id=category_ids, data=st.data())
    def update_category(self, category_id: int, data: st.DataObject) -> None:
        body = data.draw(category_updates(store=self.store), label="changes")
        response = self.client.put(self._url(f"/catalog/categories/{category_id}"), json=body)
        if category_id not in self.model.categories:
            self._expect(response, 404)
            return
        self._expect(response, 200)
        name, parent_id = self.model.categories[category_id]
        self.model.categories[category_id] = (body.get("name", name), parent_id)
        self.after_change("category", "update", category_id)

    @rule(target=category_ids, category_id=consumes(category_ids))
    def delete_category(self, category_id: int) -> Any:
        response = self.client.delete(self._url(f"/catalog/categories/{category_id}"))
        if category_id not in self.model.categories:
            self._expect(response, 404)
            return multiple()
        doomed = self.model.subtree(category_id)
        if any(doomed.intersection(p.categories) for p in self.model.products.values()):
            # A category (or subcategory) that holds products cannot go: 422, nothing changes.
            self._expect(response, 422)
            return category_id
        self._expect(response, 204)
        for cid in doomed:
            del self.model.categories[cid]
        self.after_change("category", "delete", category_id)
        return multiple()

    # ------------------------------------------------------------ products

    @rule(target=product_ids, data=st.data())
    def create_product(self, data: st.DataObject) -> int:
        body = data.draw(products(store=self.store, brand_name=st.just(OMIT)), label="product")
        product = self._expect(self.client.post(self._url("/catalog/products"), json=body), 200)["data"]
        self.model.products[product["id"]] = ProductModel(
            name=body["name"], sku=body.get("sku", ""), brand_id=body.get("brand_id", 0),
            categories=tuple(sorted(set(body.get("categories", ())))),
        )  # fmt: skip
        self.after_change("product", "create", product["id"])
        return int(product["id"])

    @rule(product_id=product_ids, data=st.data())
    def update_product(self, product_id: int, data: st.DataObject) -> None:
        body = data.draw(product_updates(store=self.store, brand_name=st.just(OMIT)), label="changes")
        response = self.client.put(self._url(f"/catalog/products/{product_id}"), json=body)
        if product_id not in self.model.products:
            self._expect(response, 404)
            return
        self._expect(response, 200)
        product = self.model.products[product_id]
        product.name = body.get("name", product.name)
        product.sku = body.get("sku", product.sku)
        product.brand_id = body.get("brand_id", product.brand_id)
        if "categories" in body:
            product.categories = tuple(sorted(set(body["categories"])))
        self.after_change("product", "update", product_id)

    @rule(product_id=consumes(product_ids))
    def delete_product(self, product_id: int) -> None:
        # BigCommerce documents no 404 here; the mock answers 204 for an unknown id too.
        self._expect(self.client.delete(self._url(f"/catalog/products/{product_id}")), 204)
        if self.model.products.pop(product_id, None) is not None:
            self.after_change("product", "delete", product_id)

    @rule(data=st.data())
    def refused_product(self, data: st.DataObject) -> None:
        """A body the mock must refuse leaves the store as it was."""
        case: InvalidCase = data.draw(invalid_products(store=self.store, brand_name=st.just(OMIT)), label="invalid")
        response = self.client.post(self._url("/catalog/products"), json=case.payload)
        assert response.status_code == case.status, f"{case.reason}: {response.status_code} {response.text}"

    @precondition(lambda self: bool(self.model.products))
    @rule(data=st.data())
    def refused_product_update(self, data: st.DataObject) -> None:
        case: InvalidCase = data.draw(
            invalid_product_updates(store=self.store, brand_name=st.just(OMIT)), label="invalid"
        )
        if case.target_id is None:
            return
        response = self.client.put(self._url(f"/catalog/products/{case.target_id}"), json=case.payload)
        assert response.status_code == case.status, f"{case.reason}: {response.status_code} {response.text}"

    # ------------------------------------------------------------ invariants

    @invariant()
    def listings_match_the_model(self) -> None:
        listed = {
            p["id"]: ProductModel(p["name"], p["sku"], p["brand_id"], tuple(sorted(p["categories"])))
            for p in self._listing("/catalog/products?include_fields=name,sku,brand_id,categories")
        }
        assert listed == self.model.products
        assert {b["id"]: b["name"] for b in self._listing("/catalog/brands")} == self.model.brands
        listed_categories = {c["id"]: (c["name"], c["parent_id"]) for c in self._listing("/catalog/categories")}
        assert listed_categories == self.model.categories
