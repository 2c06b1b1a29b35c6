"""``BigCommerceStateMachine``: random sequences of catalog changes and orders through the HTTP API."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import httpx
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
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
from mockbc._strategies._invalid_subresources import invalid_bulk_pricing_rules, invalid_custom_fields, invalid_variants
from mockbc._strategies._machine_orders import OrderModel, OrderRules
from mockbc._strategies._metafields import metafields
from mockbc._strategies._options import PRODUCT_LISTS, options
from mockbc._strategies._products import product_updates, products
from mockbc._strategies._subresources import bulk_pricing_rules, custom_fields, product_images, upper
from mockbc._strategies._v2 import v2_products
from mockbc._strategies._variants import can_add_variant, variant_updates, variants
from mockbc.http import inprocess

PAGE = 250


@dataclass
class ProductModel:
    name: str
    sku: str
    brand_id: int
    categories: tuple[int, ...]


@dataclass
class VariantModel:
    product_id: int
    sku: str
    options: frozenset[int] = frozenset()  # the ids of the options its values belong to


# Tables that hold a product's sub-resources, and the index naming the product in each.
PRODUCT_SUBTABLES = (
    ("variants", "product_id"), ("options", "product_id"), ("modifiers", "product_id"),
    ("product_images", "product_id"), ("product_videos", "product_id"), ("custom_fields", "product_id"),
    ("bulk_pricing_rules", "product_id"), ("reviews", "product_id"), ("complex_rules", "product_id"),
    ("product_metafields", "resource_id"),
)  # fmt: skip


@dataclass
class CatalogModel:
    """What the machine expects the store to hold (the categories API's view: tree 1).

    Sub-resources are kept by id with the product they belong to: ``variants`` (every
    variant, base variants included), ``base_variants`` (product id -> its base variant's id,
    None once it has options), ``options`` and ``images`` (id -> product id),
    ``custom_fields`` (id -> (product id, name, value)), ``bulk_pricing_rules`` (id ->
    (product id, quantity_min, quantity_max)), ``metafields`` (product metafields of the
    machine's account: id -> (product id, namespace, key)), and ``deleted_products``.
    """

    products: dict[int, ProductModel] = field(default_factory=dict)
    categories: dict[int, tuple[str, int]] = field(default_factory=dict)  # id -> (name, parent_id)
    brands: dict[int, str] = field(default_factory=dict)
    variants: dict[int, VariantModel] = field(default_factory=dict)
    base_variants: dict[int, int | None] = field(default_factory=dict)
    options: dict[int, int] = field(default_factory=dict)
    images: dict[int, int] = field(default_factory=dict)
    custom_fields: dict[int, tuple[int, str, str]] = field(default_factory=dict)
    bulk_pricing_rules: dict[int, tuple[int, int, int]] = field(default_factory=dict)
    metafields: dict[int, tuple[int, str, str]] = field(default_factory=dict)
    deleted_products: set[int] = field(default_factory=set)
    orders: dict[int, OrderModel] = field(default_factory=dict)

    @classmethod
    def of(cls, store: Store, client_id: str = "") -> CatalogModel:
        return cls(
            products={
                p.id: ProductModel(p.name, p.sku, p.brand_id, tuple(sorted(p.categories)))
                for p in store.products.values()
            },
            categories={c.id: (c.name, c.parent_id) for c in store.categories.values() if c.tree_id == DEFAULT_TREE_ID},
            brands={b.id: b.name for b in store.brands.values()},
            variants={
                v.id: VariantModel(v.product_id, v.sku, frozenset(o.option_id for o in v.option_values))
                for v in store.variants.values()
            },
            base_variants={p.id: p.base_variant_id for p in store.products.values()},
            options={o.id: o.product_id for o in store.options.values()},
            images={i.id: i.product_id for i in store.product_images.values()},
            custom_fields={f.id: (f.product_id, f.name, f.value) for f in store.custom_fields.values()},
            bulk_pricing_rules={
                r.id: (r.product_id, r.quantity_min, r.quantity_max) for r in store.bulk_pricing_rules.values()
            },
            metafields={
                m.id: (m.resource_id, m.namespace, m.key)
                for m in store.product_metafields.values()
                if m.owner_client_id == client_id
            },
            orders={
                o.id: OrderModel(o.total_inc_tax, o.amount_paid > 0, o.refunded_amount, o.is_deleted)
                for o in store.orders.values()
            },
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

    def forget_product(self, product_id: int) -> None:
        """A deleted product takes its sub-resources with it."""
        self.products.pop(product_id, None)
        self.base_variants.pop(product_id, None)
        self.deleted_products.add(product_id)
        for table in (self.variants, self.options, self.images, self.custom_fields, self.bulk_pricing_rules,
                      self.metafields):  # fmt: skip
            for record_id in [rid for rid, record in table.items() if _product_of(record) == product_id]:
                del table[record_id]


def _product_of(record: Any) -> int:
    if isinstance(record, VariantModel):
        return record.product_id
    if isinstance(record, tuple):
        return int(record[0])
    return int(record)


class StoreMachine(RuleBasedStateMachine):
    """What the state machines share: one app per class (``fixtures`` and ``store_hash`` are class
    attributes), its store reset at the start of every run, and an in-process client holding every
    scope (``client``, on the v3 root ``base_url``)."""

    fixtures: ClassVar[str] = "empty"
    store_hash: ClassVar[str] = DEFAULT_STORE_HASH
    _mockbc_apps: ClassVar[dict[type, Any]] = {}

    def __init__(self) -> None:
        super().__init__()
        self.app = type(self).mockbc_app()
        self.store: Store = self.app.state.registry.stores[self.store_hash]
        self.store.reset()
        self.app.state.registry.journal.clear()
        self.access_token: str = self.app.state.default_account.access_token
        self.client: httpx.Client = inprocess.client(self.app, access_token=self.access_token)
        self.base_url = str(self.client.base_url).rstrip("/") + f"/stores/{self.store_hash}/v3"

    @classmethod
    def mockbc_app(cls) -> Any:
        """The app this class's runs share, created on first use."""
        app = StoreMachine._mockbc_apps.get(cls)
        if app is None:
            app = create_app(fixtures=cls.fixtures, store_hash=cls.store_hash)
            StoreMachine._mockbc_apps[cls] = app
        return app

    def teardown(self) -> None:
        self.client.close()


class BigCommerceStateMachine(OrderRules, StoreMachine):
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
    API, and a product's options, variants, images, custom fields, bulk pricing rules and
    metafields, creates products through v2 and reads them through v3, places orders of the
    store's products and ships, captures, refunds and archives them, with this module's
    strategies (and sends requests that must be refused); it keeps a model of what should
    exist (``self.model``) and checks after every step that the mock's listings agree with it,
    that SKUs are unique ignoring case across products and variants, that a product's bulk
    pricing rules never overlap, that a deleted product leaves no sub-resource behind, that an
    order moves tracked stock by exactly its lines (and archiving by nothing), that no tracked
    stock goes below 0, and that refunds never pass what was paid. ``after_change(kind, action, record_id)`` is called after
    each accepted change; override it to react (sync, enqueue a webhook...).

    The app is created once per class (``fixtures`` and ``store_hash`` are class attributes)
    and its store is reset, in O(1), at the start of every run.

    Attributes: ``app``, ``store``, ``store_hash``, ``access_token``, ``client_id`` (the
    account's, which owns the metafields it creates), ``client`` (a sync httpx client,
    in-process, token set), ``base_url`` and ``v2_url`` (the v3 and v2 API roots, for
    ``client``), ``model``.
    """

    product_ids = Bundle("product_ids")
    category_ids = Bundle("category_ids")
    brand_ids = Bundle("brand_ids")
    # Sub-resources, as (product id, record id).
    variant_ids = Bundle("variant_ids")
    option_ids = Bundle("option_ids")
    image_ids = Bundle("image_ids")
    custom_field_ids = Bundle("custom_field_ids")
    bulk_pricing_rule_ids = Bundle("bulk_pricing_rule_ids")
    metafield_ids = Bundle("metafield_ids")

    def __init__(self) -> None:
        super().__init__()
        self.client_id: str = self.app.state.default_account.client_id
        self.v2_url = str(self.client.base_url).rstrip("/") + f"/stores/{self.store_hash}/v2"
        self.model = CatalogModel.of(self.store, self.client_id)

    # ------------------------------------------------------------ hooks

    def after_change(self, kind: str, action: str, record_id: int) -> None:
        """Called after each change the mock accepted: ``kind`` is ``"product"``,
        ``"category"``, ``"brand"``, ``"variant"``, ``"option"``, ``"image"``,
        ``"custom_field"``, ``"bulk_pricing_rule"``, ``"metafield"`` (a product's) or ``"order"``;
        ``action`` is ``"create"``, ``"update"`` or ``"delete"``."""

    # ------------------------------------------------------------ helpers

    def _url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def _expect(self, response: httpx.Response, status: int) -> Any:
        assert response.status_code == status, (
            f"{response.request.method} {response.request.url} -> {response.status_code}, expected {status}: {response.text}"
        )
        return response.json() if response.content else None

    def _learn_product(self, product_id: int) -> None:
        """Take the ids the mock chose for a product's sub-resources (a new product's base
        variant, its inline variants, options, images, custom fields and bulk pricing rules)."""
        include = "variants,options,images,custom_fields,bulk_pricing_rules"
        response = self.client.get(self._url(f"/catalog/products/{product_id}"), params={"include": include})
        product = self._expect(response, 200)["data"]
        model = self.model
        for table in (model.variants, model.options, model.images, model.custom_fields, model.bulk_pricing_rules):
            for record_id in [rid for rid, record in table.items() if _product_of(record) == product_id]:
                del table[record_id]
        model.base_variants[product_id] = product["base_variant_id"]
        for v in product.get("variants", ()):
            options_of = frozenset(value["option_id"] for value in v["option_values"])
            model.variants[v["id"]] = VariantModel(product_id, v["sku"], options_of)
        model.options.update({o["id"]: product_id for o in product.get("options", ())})
        model.images.update({i["id"]: product_id for i in product.get("images", ())})
        model.custom_fields.update(
            {f["id"]: (product_id, f["name"], f["value"]) for f in product.get("custom_fields", ())}
        )
        model.bulk_pricing_rules.update(
            {r["id"]: (product_id, r["quantity_min"], r["quantity_max"]) for r in product.get("bulk_pricing_rules", ())}
        )

    def _known(self, product_id: int, response: httpx.Response, status: int = 200) -> bool:
        """``status`` when the product exists, else 404 (its sub-resources went with it)."""
        if product_id not in self.model.products:
            self._expect(response, 404)
            return False
        self._expect(response, status)
        return True

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

    @initialize(target=variant_ids)
    def seeded_variants(self) -> Any:
        return multiple(*((v.product_id, vid) for vid, v in self.model.variants.items()))

    @initialize(target=option_ids)
    def seeded_options(self) -> Any:
        return multiple(*((pid, oid) for oid, pid in self.model.options.items()))

    @initialize(target=image_ids)
    def seeded_images(self) -> Any:
        return multiple(*((pid, iid) for iid, pid in self.model.images.items()))

    @initialize(target=custom_field_ids)
    def seeded_custom_fields(self) -> Any:
        return multiple(*((field[0], fid) for fid, field in self.model.custom_fields.items()))

    @initialize(target=bulk_pricing_rule_ids)
    def seeded_bulk_pricing_rules(self) -> Any:
        return multiple(*((rule[0], rid) for rid, rule in self.model.bulk_pricing_rules.items()))

    @initialize(target=metafield_ids)
    def seeded_metafields(self) -> Any:
        return multiple(*((owner[0], mid) for mid, owner in self.model.metafields.items()))

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
        self._learn_product(product["id"])
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
        base = self.model.base_variants.get(product_id)
        if base is not None and "sku" in body:
            self.model.variants[base].sku = body["sku"]  # a base variant carries its product's SKU
        if any(body.get(name) for name in ("images", "custom_fields", "bulk_pricing_rules")):
            self._learn_product(product_id)  # inline items add records whose ids the mock chose
        self.after_change("product", "update", product_id)

    @rule(product_id=consumes(product_ids))
    def delete_product(self, product_id: int) -> None:
        # BigCommerce documents no 404 here; the mock answers 204 for an unknown id too.
        self._expect(self.client.delete(self._url(f"/catalog/products/{product_id}")), 204)
        if product_id in self.model.products:
            self.model.forget_product(product_id)
            self.after_change("product", "delete", product_id)

    @rule(target=product_ids, data=st.data())
    def create_product_through_v2(self, data: st.DataObject) -> int:
        """A v2 create is the same product through v3: name, SKU, price and categories agree."""
        body = data.draw(v2_products(store=self.store), label="v2 product")
        created = self._expect(self.client.post(f"{self.v2_url}/products", json=body), 201)
        product_id = int(created["id"])
        product = self._expect(self.client.get(self._url(f"/catalog/products/{product_id}")), 200)["data"]
        assert product["name"] == body["name"]
        assert float(product["price"]) == float(body["price"])
        assert product.get("sku", "") == body.get("sku", "")
        assert sorted(product["categories"]) == sorted(set(body["categories"]))
        self.model.products[product_id] = ProductModel(
            product["name"], product["sku"], product["brand_id"], tuple(sorted(product["categories"]))
        )
        self._learn_product(product_id)
        self.after_change("product", "create", product_id)
        return product_id

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

    # ------------------------------------------------------------ options and variants

    @rule(target=option_ids, product_id=product_ids, data=st.data())
    def create_option(self, product_id: int, data: st.DataObject) -> Any:
        option_id = self._create_option(product_id, data)
        return multiple() if option_id is None else (product_id, option_id)

    def _create_option(self, product_id: int, data: st.DataObject) -> int | None:
        known = product_id in self.model.products
        body = data.draw(options(store=self.store, product_id=product_id if known else None), label="option")
        response = self.client.post(self._url(f"/catalog/products/{product_id}/options"), json=body)
        if not self._known(product_id, response):
            return None
        option_id = int(response.json()["data"]["id"])
        self.model.options[option_id] = product_id
        base = self.model.base_variants.get(product_id)
        if base is not None:
            # A product's first option replaces its base variant.
            self.model.variants.pop(base, None)
            self.model.base_variants[product_id] = None
        self.after_change("option", "create", option_id)
        return option_id

    @rule(pair=consumes(option_ids))
    def delete_option(self, pair: tuple[int, int]) -> None:
        product_id, option_id = pair
        response = self.client.delete(self._url(f"/catalog/products/{product_id}/options/{option_id}"))
        if product_id not in self.model.products or option_id not in self.model.options:
            self._expect(response, 404)
            return
        self._expect(response, 204)
        del self.model.options[option_id]
        for variant_id in [vid for vid, v in self.model.variants.items() if option_id in v.options]:
            del self.model.variants[variant_id]  # variants made with it go too
        if product_id not in self.model.options.values():
            self._learn_product(product_id)  # the last option gone: a new base variant
        self.after_change("option", "delete", option_id)

    def _variant_products(self) -> list[int]:
        return sorted(p for p in set(self.model.options.values()) if can_add_variant(self.store, p))

    @rule(target=variant_ids, product_id=product_ids, data=st.data())
    def create_variant(self, product_id: int, data: st.DataObject) -> Any:
        """A variant of the product, giving it an option first when no combination is free."""
        path = self._url(f"/catalog/products/{product_id}/variants")
        if product_id not in self.model.products:
            self._expect(
                self.client.post(path, json={"sku": "GONE", "option_values": [{"id": 1, "option_id": 1}]}), 404
            )
            return multiple()
        if not can_add_variant(self.store, product_id):
            option_id = self._create_option(product_id, data)
            made = self.store.options.get(option_id) if option_id is not None else None
            if made is not None and made.type not in PRODUCT_LISTS and not can_add_variant(self.store, product_id):
                # A one-value option adds no combination to the taken ones: a second value does.
                labels = {v.label.casefold() for v in made.option_values}
                label = next(f"Extra {n}" for n in range(1, len(labels) + 2) if f"extra {n}" not in labels)
                values = self._url(f"/catalog/products/{product_id}/options/{made.id}/values")
                self._expect(self.client.post(values, json={"label": label, "sort_order": 99}), 200)
            if not can_add_variant(self.store, product_id):
                return multiple()  # the product is at its variant limit
        body = data.draw(variants(store=self.store, product_id=product_id), label="variant")
        variant = self._expect(self.client.post(path, json=body), 200)["data"]
        options_of = frozenset(value["option_id"] for value in body["option_values"])
        self.model.variants[variant["id"]] = VariantModel(product_id, body["sku"], options_of)
        self.after_change("variant", "create", variant["id"])
        return (product_id, int(variant["id"]))

    @rule(pair=variant_ids, data=st.data())
    def update_variant(self, pair: tuple[int, int], data: st.DataObject) -> None:
        product_id, variant_id = pair
        body = data.draw(variant_updates(store=self.store), label="changes")
        response = self.client.put(self._url(f"/catalog/products/{product_id}/variants/{variant_id}"), json=body)
        variant = self.model.variants.get(variant_id)
        if variant is None:
            self._expect(response, 404)
            return
        self._expect(response, 200)
        if "sku" in body:
            variant.sku = body["sku"]
            if self.model.base_variants.get(product_id) == variant_id:
                self.model.products[product_id].sku = body["sku"]  # and the product's with it
        self.after_change("variant", "update", variant_id)

    @rule(pair=consumes(variant_ids))
    def delete_variant(self, pair: tuple[int, int]) -> None:
        product_id, variant_id = pair
        response = self.client.delete(self._url(f"/catalog/products/{product_id}/variants/{variant_id}"))
        if variant_id not in self.model.variants:
            self._expect(response, 404)
            return
        if self.model.base_variants.get(product_id) == variant_id:
            self._expect(response, 422)  # a product keeps its base variant
            return
        self._expect(response, 204)
        del self.model.variants[variant_id]
        self.after_change("variant", "delete", variant_id)

    @precondition(lambda self: bool(self._variant_products()))
    @rule(data=st.data())
    def refused_variant(self, data: st.DataObject) -> None:
        product_id = data.draw(st.sampled_from(self._variant_products()), label="product_id")
        case: InvalidCase = data.draw(invalid_variants(store=self.store, product_id=product_id), label="invalid")
        response = self.client.post(self._url(f"/catalog/products/{product_id}/variants"), json=case.payload)
        assert response.status_code == case.status, f"{case.reason}: {response.status_code} {response.text}"

    # ------------------------------------------------------------ images, custom fields, bulk pricing, metafields

    @rule(target=image_ids, product_id=product_ids, data=st.data())
    def create_image(self, product_id: int, data: st.DataObject) -> Any:
        body = data.draw(product_images(store=self.store), label="image")
        response = self.client.post(self._url(f"/catalog/products/{product_id}/images"), json=body)
        if not self._known(product_id, response):
            return multiple()
        image_id = int(response.json()["data"]["id"])
        self.model.images[image_id] = product_id
        self.after_change("image", "create", image_id)
        return (product_id, image_id)

    @rule(pair=consumes(image_ids))
    def delete_image(self, pair: tuple[int, int]) -> None:
        product_id, image_id = pair
        response = self.client.delete(self._url(f"/catalog/products/{product_id}/images/{image_id}"))
        if self.model.images.pop(image_id, None) is None:
            self._expect(response, 404)
            return
        self._expect(response, 204)
        self.after_change("image", "delete", image_id)

    @rule(target=custom_field_ids, product_id=product_ids, data=st.data())
    def create_custom_field(self, product_id: int, data: st.DataObject) -> Any:
        known = product_id in self.model.products
        body = data.draw(custom_fields(store=self.store, product_id=product_id if known else None), label="field")
        response = self.client.post(self._url(f"/catalog/products/{product_id}/custom-fields"), json=body)
        if not self._known(product_id, response):
            return multiple()
        field_id = int(response.json()["data"]["id"])
        self.model.custom_fields[field_id] = (product_id, body["name"], body["value"])
        self.after_change("custom_field", "create", field_id)
        return (product_id, field_id)

    @rule(pair=consumes(custom_field_ids))
    def delete_custom_field(self, pair: tuple[int, int]) -> None:
        product_id, field_id = pair
        response = self.client.delete(self._url(f"/catalog/products/{product_id}/custom-fields/{field_id}"))
        if self.model.custom_fields.pop(field_id, None) is None:
            self._expect(response, 404)
            return
        self._expect(response, 204)
        self.after_change("custom_field", "delete", field_id)

    @precondition(lambda self: bool(self.model.products))
    @rule(data=st.data())
    def refused_custom_field(self, data: st.DataObject) -> None:
        product_id = data.draw(st.sampled_from(sorted(self.model.products)), label="product_id")
        case: InvalidCase = data.draw(invalid_custom_fields(store=self.store, product_id=product_id), label="invalid")
        response = self.client.post(self._url(f"/catalog/products/{product_id}/custom-fields"), json=case.payload)
        assert response.status_code == case.status, f"{case.reason}: {response.status_code} {response.text}"

    @rule(target=bulk_pricing_rule_ids, product_id=product_ids, data=st.data())
    def create_bulk_pricing_rule(self, product_id: int, data: st.DataObject) -> Any:
        known = product_id in self.model.products
        try:
            body = data.draw(
                bulk_pricing_rules(store=self.store, product_id=product_id if known else None), label="rule"
            )
        except InvalidArgument:
            return multiple()  # the product's rules cover every quantity already
        response = self.client.post(self._url(f"/catalog/products/{product_id}/bulk-pricing-rules"), json=body)
        if not self._known(product_id, response):
            return multiple()
        rule_id = int(response.json()["data"]["id"])
        self.model.bulk_pricing_rules[rule_id] = (product_id, body["quantity_min"], body["quantity_max"])
        self.after_change("bulk_pricing_rule", "create", rule_id)
        return (product_id, rule_id)

    @rule(pair=consumes(bulk_pricing_rule_ids))
    def delete_bulk_pricing_rule(self, pair: tuple[int, int]) -> None:
        product_id, rule_id = pair
        response = self.client.delete(self._url(f"/catalog/products/{product_id}/bulk-pricing-rules/{rule_id}"))
        if self.model.bulk_pricing_rules.pop(rule_id, None) is None:
            self._expect(response, 404)
            return
        self._expect(response, 204)
        self.after_change("bulk_pricing_rule", "delete", rule_id)

    @precondition(lambda self: bool(self.model.products))
    @rule(data=st.data())
    def refused_bulk_pricing_rule(self, data: st.DataObject) -> None:
        product_id = data.draw(st.sampled_from(sorted(self.model.products)), label="product_id")
        case: InvalidCase = data.draw(
            invalid_bulk_pricing_rules(store=self.store, product_id=product_id), label="invalid"
        )
        response = self.client.post(self._url(f"/catalog/products/{product_id}/bulk-pricing-rules"), json=case.payload)
        assert response.status_code == case.status, f"{case.reason}: {response.status_code} {response.text}"

    @rule(target=metafield_ids, product_id=product_ids, data=st.data())
    def create_metafield(self, product_id: int, data: st.DataObject) -> Any:
        known = product_id in self.model.products
        body = data.draw(
            metafields(store=self.store, resource_id=product_id if known else None, client_id=self.client_id),
            label="metafield",
        )
        response = self.client.post(self._url(f"/catalog/products/{product_id}/metafields"), json=body)
        if not self._known(product_id, response):
            return multiple()
        metafield_id = int(response.json()["data"]["id"])
        self.model.metafields[metafield_id] = (product_id, body["namespace"], body["key"])
        self.after_change("metafield", "create", metafield_id)
        return (product_id, metafield_id)

    @rule(pair=consumes(metafield_ids))
    def delete_metafield(self, pair: tuple[int, int]) -> None:
        product_id, metafield_id = pair
        response = self.client.delete(self._url(f"/catalog/products/{product_id}/metafields/{metafield_id}"))
        if self.model.metafields.pop(metafield_id, None) is None:
            self._expect(response, 404)
            return
        self._expect(response, 204)
        self.after_change("metafield", "delete", metafield_id)

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
        listed_variants = {
            v["id"]: (v["product_id"], v["sku"])
            for v in self._listing("/catalog/variants?include_fields=product_id,sku")
        }
        assert listed_variants == {vid: (v.product_id, v.sku) for vid, v in self.model.variants.items()}

    @invariant()
    def skus_are_unique_ignoring_case(self) -> None:
        """Across products and variants; only a base variant shares a SKU, its own product's."""
        products: dict[str, int] = {}
        for product in self.store.products.values():
            if product.sku:
                assert product.sku.casefold() not in products, product.sku
                products[product.sku.casefold()] = product.id
        seen: set[str] = set()
        for variant in self.store.variants.values():
            if not variant.sku:
                continue
            key = variant.sku.casefold()
            assert key not in seen, variant.sku
            seen.add(key)
            owner = products.get(key)
            if owner is not None:
                assert owner == variant.product_id, variant.sku
                assert self.store.products.require(owner).base_variant_id == variant.id, variant.sku

    @invariant()
    def bulk_pricing_rules_never_overlap(self) -> None:
        by_product: dict[int, list[tuple[int, int]]] = {}
        for product_id, low, high in self.model.bulk_pricing_rules.values():
            by_product.setdefault(product_id, []).append((low, high))
        for product_id, expected in by_product.items():
            listed = self._listing(f"/catalog/products/{product_id}/bulk-pricing-rules")
            ranges = sorted((r["quantity_min"], upper(r["quantity_max"])) for r in listed)
            assert sorted((r["quantity_min"], r["quantity_max"]) for r in listed) == sorted(expected)
            for (_, end), (start, _) in zip(ranges, ranges[1:], strict=False):
                assert end < start, ranges

    @invariant()
    def custom_field_pairs_match_and_are_unique(self) -> None:
        by_product: dict[int, list[tuple[str, str]]] = {}
        for product_id, name, value in self.model.custom_fields.values():
            by_product.setdefault(product_id, []).append((name, value))
        for product_id, expected in by_product.items():
            listed = [(f["name"], f["value"]) for f in self._listing(f"/catalog/products/{product_id}/custom-fields")]
            assert sorted(listed) == sorted(expected) and len(set(listed)) == len(listed)

    @invariant()
    def deleted_products_leave_no_sub_resources(self) -> None:
        for product_id in self.model.deleted_products:
            for table, index in PRODUCT_SUBTABLES:
                assert not self.store.table(table).lookup(index, product_id), (table, product_id)
