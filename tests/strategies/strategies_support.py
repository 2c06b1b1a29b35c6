"""Shared pieces of the ``mockbc.strategies`` tests: an app per module, and the checks.

Each test module builds its own app (``Mock``) instead of using the session ``client``
fixture: these tests send thousands of requests, and the session client records every
response for the (slow) upstream contract test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx
from hypothesis import HealthCheck, settings
from starlette.applications import Starlette

from mockbc import DEFAULT_STORE_HASH, Store, create_app
from mockbc.auth.scopes import ALL_SCOPES
from mockbc.http.inprocess import client as inprocess_client
from mockbc.store.registry import StoreRegistry
from mockbc.store.store import Seed
from mockbc.strategies import InvalidCase

ERROR_TYPE = "/api-docs/getting-started/api-status-codes"
V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
PRODUCTS = f"{V3}/catalog/products"
BRANDS = f"{V3}/catalog/brands"
CATEGORIES = f"{V3}/catalog/categories"
TREES = f"{V3}/catalog/trees"
TREE_CATEGORIES = f"{V3}/catalog/trees/categories"
V2 = f"/stores/{DEFAULT_STORE_HASH}/v2"


# Hypothesis settings for tests that send requests: no deadline (the first request of a run
# compiles validators), and generation may be slow for the big product bodies.
def http_settings(max_examples: int, **kwargs: Any) -> settings:
    return settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        **kwargs,
    )


@dataclass
class Mock:
    """One app, its default store and an unrecorded in-process client. ``seed`` replaces the
    fixtures: the store resets to it."""

    fixtures: str = "catalog"
    seed: Seed | None = None
    app: Starlette = field(init=False)
    store: Store = field(init=False)
    client: httpx.Client = field(init=False)

    def __post_init__(self) -> None:
        if self.seed is None:
            self.app = create_app(fixtures=self.fixtures)
        else:
            registry = StoreRegistry()
            registry.create_store(DEFAULT_STORE_HASH, seed=self.seed)
            registry.create_account(DEFAULT_STORE_HASH, scopes=ALL_SCOPES)
            self.app = create_app(registry)
        self.store = self.app.state.registry.stores[DEFAULT_STORE_HASH]
        self.client = inprocess_client(self.app, access_token=self.app.state.default_account.access_token)

    @property
    def client_id(self) -> str:
        return str(self.app.state.default_account.client_id)

    def reset(self) -> None:
        self.store.reset()
        self.app.state.registry.journal.clear()

    def counts(self) -> dict[str, int]:
        """How many records each table holds."""
        return {name: len(table) for name, table in sorted(self.store.tables.items())}

    def close(self) -> None:
        self.client.close()


def assert_error(response: httpx.Response, case: InvalidCase) -> None:
    """The status the case is tagged with, and BigCommerce's v3 error body naming its field."""
    assert response.status_code == case.status, f"{case.reason}: got {response.status_code} {response.text}"
    body = response.json()
    assert body["status"] == case.status
    assert isinstance(body["title"], str) and body["title"]
    assert body["type"] == ERROR_TYPE
    assert isinstance(body["errors"], dict) and body["errors"], body
    assert all(isinstance(v, str) for v in body["errors"].values())
    if case.field is not None:
        assert case.field in body["errors"], f"{case.reason}: errors name {sorted(body['errors'])}, not {case.field!r}"


def same_number(sent: float, got: float) -> bool:
    return float(sent) == float(got)


# --------------------------------------------------------------------------- a store with one of everything


def _ok(response: httpx.Response) -> Any:
    assert response.status_code < 300, f"{response.request.method} {response.request.url}: {response.text}"
    return response.json()["data"] if response.content and isinstance(response.json(), dict) else None


def _made(response: httpx.Response) -> Any:
    """The record a v2 write answers (v2 bodies have no ``data`` envelope)."""
    assert response.status_code < 300, f"{response.request.method} {response.request.url}: {response.text}"
    return response.json()


def rich_seed() -> Seed:
    """The demo store plus, on a product with options, one of every sub-resource the catalog
    has (images, videos, custom fields, bulk pricing rules, reviews, modifiers of each kind of
    values, a complex rule, metafields of each owner, a category sort order). Records are found
    by what they hold, not by id, so the demo store's data may change."""
    mock = Mock("catalog")
    store, c = mock.store, mock.client
    product = min(o.product_id for o in store.options.values())
    variant = min(v.id for v in store.variants.values() if v.product_id == product)
    category = min(
        c.id for c in store.categories.values() if c.tree_id == 1 and store.products.lookup("categories", c.id)
    )
    brand = min(b.id for b in store.brands.values())
    base = f"{PRODUCTS}/{product}"
    # A value more on the product's first option, so that some combination has no variant yet.
    option = min(o.id for o in store.options.values() if o.product_id == product)
    _ok(c.post(f"{base}/options/{option}/values", json={"label": "Extra", "sort_order": 99}))
    _ok(c.post(f"{base}/images", json={"image_url": "https://cdn.example.com/a.png"}))
    _ok(c.post(f"{base}/videos", json={"video_id": "dQw4w9WgXcQ", "title": "Intro"}))
    _ok(c.post(f"{base}/custom-fields", json={"name": "Material", "value": "Oak"}))
    _ok(
        c.post(
            f"{base}/bulk-pricing-rules", json={"quantity_min": 10, "quantity_max": 19, "type": "percent", "amount": 5}
        )
    )
    _ok(c.post(f"{base}/reviews", json={"title": "Great", "date_reviewed": "2024-01-01T00:00:00+00:00"}))
    dropdown = _ok(
        c.post(
            f"{base}/modifiers",
            json={"display_name": "Engraving font", "type": "dropdown", "required": False,
                  "option_values": [{"label": "Serif", "sort_order": 0}, {"label": "Sans", "sort_order": 1}]},
        )
    )  # fmt: skip
    _ok(c.post(f"{base}/modifiers", json={"display_name": "Gift wrap", "type": "checkbox", "required": False}))
    _ok(c.post(f"{base}/modifiers", json={"display_name": "Message", "type": "text", "required": False}))
    values = [v["id"] for v in dropdown["option_values"]]
    _ok(
        c.post(
            f"{base}/complex-rules",
            json={"conditions": [{"modifier_id": dropdown["id"], "modifier_value_id": values[0], "variant_id": variant}],
                  "price_adjuster": {"adjuster": "relative", "adjuster_value": 2}},
        )
    )  # fmt: skip
    metafield = {"namespace": "erp", "key": "code", "value": "A-1", "permission_set": "write"}
    _ok(c.post(f"{base}/metafields", json=metafield))
    _ok(c.post(f"{base}/variants/{variant}/metafields", json=metafield))
    _ok(c.post(f"{CATEGORIES}/{category}/metafields", json=metafield))
    _ok(c.post(f"{BRANDS}/{brand}/metafields", json=metafield))
    holder = min(store.products.lookup("categories", category))
    c.put(f"{CATEGORIES}/{category}/products/sort-order", json=[{"product_id": holder, "sort_order": 3}])
    _commerce(mock, metafield)
    plain = min(
        p.id for p in store.products.values()
        if p.is_visible and p.inventory_tracking == "none" and not store.options.lookup("product_id", p.id)
    )  # fmt: skip
    _storefront(mock, metafield, plain)
    seed = store.snapshot()
    mock.close()
    return seed


def _commerce(mock: Mock, metafield: dict[str, Any]) -> None:
    """Customers, orders and marketing: a customer group; a customer with an address, a
    password, an attribute value and a metafield; a paid (captured) order with two lines to one
    shipping address, part of it shipped, and a metafield; a coupon, a banner, a gift
    certificate; a promotion of each redemption type: automatic, a SINGLE coupon with its code,
    a SINGLE coupon without one yet, a BULK coupon."""
    c = mock.client
    group = _made(c.post(f"{V2}/customer_groups", json={"name": "Wholesale"}))
    address = {
        "first_name": "Ann", "last_name": "Lee", "address1": "1 Main St", "city": "Austin",
        "state_or_province": "Texas", "postal_code": "78701", "country_code": "US",
    }  # fmt: skip
    (customer,) = _ok(
        c.post(
            f"{V3}/customers",
            json=[{"email": "ann.lee@example.com", "first_name": "Ann", "last_name": "Lee",
                   "customer_group_id": group["id"], "addresses": [address],
                   "authentication": {"new_password": "Correct-Horse-9"}}],
        )
    )  # fmt: skip
    (attribute,) = _ok(c.post(f"{V3}/customers/attributes", json=[{"name": "Nickname", "type": "string"}]))
    _ok(
        c.put(
            f"{V3}/customers/attribute-values",
            json=[{"attribute_id": attribute["id"], "customer_id": customer["id"], "value": "Annie"}],
        )
    )
    _ok(c.post(f"{V3}/customers/{customer['id']}/metafields", json=metafield))
    place = {
        "first_name": "Ann", "last_name": "Lee", "street_1": "1 Main St", "city": "Austin", "state": "Texas",
        "zip": "78701", "country": "United States", "country_iso2": "US", "email": "ann.lee@example.com",
    }  # fmt: skip
    lines = [
        {"name": "Engraving", "quantity": 3, "price_ex_tax": "10.00", "price_inc_tax": "12.00"},
        {"name": "Gift wrap service", "quantity": 2, "price_ex_tax": "5.00", "price_inc_tax": "6.00"},
    ]
    order = _made(
        c.post(
            f"{V2}/orders",
            json={"billing_address": place, "shipping_addresses": [place], "products": lines,
                  "customer_id": customer["id"], "payment_method": "Credit Card"},
        )
    )  # fmt: skip
    _ok(c.post(f"{V3}/orders/{order['id']}/payment_actions/capture"))
    (shipping,) = _made(c.get(f"{V2}/orders/{order['id']}/shipping_addresses"))
    first_line = min(line["id"] for line in _made(c.get(f"{V2}/orders/{order['id']}/products")))
    _made(
        c.post(
            f"{V2}/orders/{order['id']}/shipments",
            json={"order_address_id": shipping["id"], "items": [{"order_product_id": first_line, "quantity": 1}]},
        )
    )
    _ok(c.post(f"{V3}/orders/{order['id']}/metafields", json=metafield))
    for url, body in (
        (f"{V2}/coupons", {"name": "$5 off", "code": "FIVEOFF", "type": "per_total_discount", "amount": "5",
                           "applies_to": {"entity": "categories", "ids": [0]}}),
        (f"{V2}/banners", {"name": "Sale", "content": "<p>Sale!</p>", "page": "home_page", "location": "top",
                           "date_type": "always"}),
        (f"{V2}/gift_certificates", {"to_name": "John Doe", "to_email": "john@example.com", "from_name": "Jane Doe",
                                     "from_email": "jane@example.com", "amount": "10", "code": "GIFT-ONE"}),
    ):  # fmt: skip
        _made(c.post(url, json=body))
    rules = [{"action": {"cart_value": {"discount": {"fixed_amount": "5"}}}, "apply_once": True}]
    for body in (
        {"name": "Five off", "redemption_type": "AUTOMATIC", "rules": rules},
        {"name": "Coupon", "redemption_type": "COUPON", "rules": rules, "codes": {"code": "SAVE5"}},
        {"name": "Coupon to be", "redemption_type": "COUPON", "rules": rules},
        {"name": "Bulk", "redemption_type": "COUPON", "coupon_type": "BULK", "rules": rules},
    ):
        _ok(c.post(f"{V3}/promotions", json=body))


def _storefront(mock: Mock, metafield: dict[str, Any], product: int) -> None:
    """Channels and carts: a second channel without a site, a channel metafield, and a cart of
    one product with a metafield."""
    c = mock.client
    _ok(c.post(f"{V3}/channels", json={"name": "Second storefront", "type": "storefront", "platform": "custom"}))
    _ok(c.post(f"{V3}/channels/1/metafields", json=metafield))
    cart = _ok(c.post(f"{V3}/carts", json={"line_items": [{"product_id": product, "quantity": 1}]}))
    _ok(c.post(f"{V3}/carts/{cart['id']}/metafields", json=metafield))
    # Its checkout: a billing address, a consignment of the first item (a second item is free to ship), a fee.
    shipped = [
        p.id for p in mock.store.products.values()
        if p.type == "physical" and p.is_visible and p.inventory_tracking == "none"
        and not mock.store.options.lookup("product_id", p.id) and not mock.store.modifiers.lookup("product_id", p.id)
    ][:2]  # fmt: skip
    lines = [{"product_id": p, "quantity": 1} for p in shipped]
    item = _ok(c.post(f"{V3}/carts/{cart['id']}/items", json={"line_items": lines}))["line_items"]["physical_items"][0]
    checkout = f"{V3}/checkouts/{cart['id']}"
    address = {
        "email": "shopper@example.com",
        "country_code": "US",
        "state_or_province": "Texas",
        "postal_code": "78701",
    }
    _ok(c.post(f"{checkout}/billing-address", json=address))
    _ok(c.post(f"{checkout}/consignments", json=[{"address": address, "line_items": [
        {"item_id": item["id"], "quantity": item["quantity"]}]}]))  # fmt: skip
    _ok(c.post(f"{checkout}/fees", json={"fees": [
        {"type": "custom_fee", "name": "wrap", "display_name": "Gift wrap", "cost": 1, "source": "seed"}]}))  # fmt: skip


def path_ids(store: Store, operation: Any) -> dict[str, Any]:
    """Ids for the operation's path parameters, of records that exist in ``store`` (a
    ``rich_seed()`` store): one product with options and every sub-resource, and its records;
    the order, the customer and their records; a promotion that suits the operation."""
    product = min(o.product_id for o in store.options.values())
    names = set(operation.path_params)
    ids: dict[str, int] = {}

    def first(table: str, **match: Any) -> int:
        rows = [r for r in store.table(table).values() if all(getattr(r, k) == v for k, v in match.items())]
        return min(r.id for r in rows)

    if "product_id" in names:
        ids["product_id"] = product
    if "variant_id" in names:
        ids["variant_id"] = first("variants", product_id=product)
    if "option_id" in names:
        ids["option_id"] = first("options", product_id=product)
    if "modifier_id" in names:
        ids["modifier_id"] = first("modifiers", product_id=product, type="dropdown")
    if "value_id" in names:
        owner = store.options.get(ids["option_id"]) if "option_id" in ids else store.modifiers.get(ids["modifier_id"])
        ids["value_id"] = min(v.id for v in owner.option_values)
    route = str(operation.path)
    if "id" in names:
        # ``{id}`` names a product video, or the record of the collection before it.
        collections = {"banners": "banners", "coupons": "coupons", "gift_certificates": "gift_certificates",
                       "shipping_addresses": "order_addresses", "promotions": "promotions"}  # fmt: skip
        collection = route.rsplit("/", 2)[-2]
        if collection in collections:
            ids["id"] = first(collections[collection])
    if "order_id" in names:
        ids["order_id"] = first("orders")
    if "shipment_id" in names:
        ids["shipment_id"] = first("order_shipments", order_id=ids["order_id"])
    for name in ("customer_id", "customerId"):
        if name in names:
            ids[name] = first("customers")
    if "customer_address_id" in names:
        ids["customer_address_id"] = first("customer_addresses", customer_id=ids["customer_id"])
    if "customer_group_id" in names:
        ids["customer_group_id"] = first("customer_groups")
    if "metafieldId" in names:
        ids["metafieldId"] = first("customer_metafields", resource_id=ids["customerId"])
    if "promotion_id" in names:
        # Codes are made by codegen for a BULK coupon promotion, one by one for a SINGLE one that
        # has none yet (it takes one).
        if route.endswith("/codegen"):
            ids["promotion_id"] = first("promotions", redemption_type="COUPON", coupon_type="BULK")
        else:
            ids["promotion_id"] = min(
                p.id for p in store.promotions.values()
                if p.redemption_type == "COUPON" and p.coupon_type == "SINGLE"
                and not store.promotion_codes.lookup("promotion", p.id)
            )  # fmt: skip
    if "channel_id" in names:
        # A channel's site is made once: createChannelSite needs the channel that has none.
        making_site = operation.method == "POST" and route.endswith("/site")
        ids["channel_id"] = max(c.id for c in store.channels.values()) if making_site else 1
    for name in ("cartId", "cart_id"):
        if name in names:
            ids[name] = min(store.carts.values(), key=lambda cart: cart.created_time).id
    if "itemId" in names:
        ids["itemId"] = store.carts.require(ids["cartId"]).items[0].id
    if "checkoutId" in names:
        checkout = min(store.checkouts.values(), key=lambda c: c.created_time)
        ids["checkoutId"] = checkout.id
        if "addressId" in names:
            ids["addressId"] = checkout.billing_address_id
        if "consignmentId" in names:
            ids["consignmentId"] = checkout.consignments[0].id
        if "couponCode" in names:
            ids["couponCode"] = "SEEDCODE"  # none applied: the removal is refused as unknown
    if "channelId" in names:
        ids["channelId"] = 1
    for name, table in (
        ("image_id", "product_images"), ("custom_field_id", "custom_fields"),
        ("bulk_pricing_rule_id", "bulk_pricing_rules"), ("review_id", "reviews"), ("complex_rule_id", "complex_rules"),
    ):  # fmt: skip
        if name in names:
            ids[name] = first(table, product_id=product)
    if "id" in names and "id" not in ids:
        ids["id"] = first("product_videos", product_id=product)
    if "category_id" in names:
        ids["category_id"] = min(m.resource_id for m in store.category_metafields.values())
    if "brand_id" in names:
        ids["brand_id"] = min(m.resource_id for m in store.brand_metafields.values())
    if "metafield_id" in names:
        kind = (
            "variant"
            if "variant_id" in ids
            else "product"
            if "product_id" in ids
            else next(k for k in ("category", "brand", "order", "channel", "cart") if f"{k}_id" in ids)
        )
        owner_id = ids[f"{kind}_id"]
        ids["metafield_id"] = first(f"{kind}_metafields", resource_id=owner_id)
    return ids


def url_for(operation: Any, store_hash: str, ids: dict[str, Any]) -> str:
    path = str(operation.path).replace("{store_hash}", store_hash)
    for name, value in ids.items():
        path = path.replace("{" + name + "}", str(value))
    return path
