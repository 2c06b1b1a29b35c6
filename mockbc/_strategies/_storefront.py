"""The storefront: cart line items the store can sell (REST ``line_items`` or GraphQL
``CartLineItemInput``), checkout addresses, and line items the mock must refuse.

A line buys a product that is visible and not disabled, through a variant whose purchasing is not
disabled: a simple product's base variant, or one variant of a product with options, named by
``variant_id`` or by its option values. Required modifiers are always chosen (a value of a choice,
a text for a text field); optional ones sometimes. The lines of one draw never ask more of a
tracked product or variant than its stock.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar, Literal

import httpx
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.stateful import Bundle, invariant, precondition, rule

from mockbc._strategies._core import InvalidCase, check_store
from mockbc._strategies._intended import INTENDED
from mockbc._strategies._machine import StoreMachine
from mockbc.domain.modifiers import Modifier
from mockbc.domain.products import Product
from mockbc.domain.variants import Variant
from mockbc.http import inprocess
from mockbc.store.store import Store

Shape = Literal["rest", "graphql"]
SHAPES = ("rest", "graphql")
MAX_LINES_DRAWN = 3
MAX_QUANTITY_DRAWN = 5
FIELD = "line_items.0"
# Modifier types whose value the shopper types; the others with values are choices.
_TEXT_TYPES = {"text": "textFields", "multi_line_text": "multiLineTextFields"}
_NUMBER_TYPE = "numbers_only_text"
_TEXTS = ("Happy birthday", "For Ann", "ABC-123", "Zoë")

StockKey = tuple[str, int]


@dataclass(frozen=True)
class Buyable:
    """One variant a line can buy, the modifiers it must and may choose, and its stock."""

    product: Product
    variant: Variant
    required: tuple[Modifier, ...]
    optional: tuple[Modifier, ...]
    stock: StockKey | None  # None: not tracked
    level: int | None


def _choosable(modifier: Modifier) -> bool:
    return bool(modifier.option_values) or modifier.type in _TEXT_TYPES or modifier.type == _NUMBER_TYPE


def stock_key(product: Product, variant_id: int) -> StockKey | None:
    """What a line of this product and variant draws on: ``("product", id)``, ``("variant", id)`` or nothing."""
    if product.inventory_tracking == "product":
        return ("product", product.id)
    if product.inventory_tracking == "variant" and variant_id:
        return ("variant", variant_id)
    return None


def _level(store: Store, key: StockKey | None) -> int | None:
    if key is None:
        return None
    kind, record_id = key
    record = store.products.get(record_id) if kind == "product" else store.variants.get(record_id)
    return int(record.inventory_level) if record is not None else 0


def _variants(store: Store, product: Product) -> Iterator[Variant]:
    for variant in store.variants.many(store.variants.lookup("product_id", product.id)):
        if product.base_variant_id is None and not variant.option_values:
            continue  # not a buyable combination
        yield variant


def buyable(store: Store) -> list[Buyable]:
    """Every variant a cart line can buy today, in id order."""
    found: list[Buyable] = []
    for product in sorted(store.products.values(), key=lambda p: p.id):
        if not product.is_visible or product.availability == "disabled":
            continue
        modifiers = store.modifiers.many(store.modifiers.lookup("product_id", product.id))
        required = tuple(sorted((m for m in modifiers if m.required), key=lambda m: m.id))
        if not all(_choosable(m) for m in required):
            continue  # a date or a file the strategies do not make up
        optional = tuple(sorted((m for m in modifiers if not m.required and _choosable(m)), key=lambda m: m.id))
        for variant in _variants(store, product):
            if variant.purchasing_disabled:
                continue
            key = stock_key(product, variant.id)
            found.append(Buyable(product, variant, required, optional, key, _level(store, key)))
    return found


def _modifier_choice(draw: st.DrawFn, modifier: Modifier) -> tuple[str, Any]:
    """``(kind, value)``: ``choice`` with a value id, ``text`` or ``number``."""
    if modifier.option_values:
        return "choice", draw(st.sampled_from([v.id for v in modifier.option_values]))
    if modifier.type == _NUMBER_TYPE:
        return "number", draw(st.integers(1, 99))
    return "text", draw(st.sampled_from(_TEXTS))


def _line(draw: st.DrawFn, choice: Buyable, quantity: int, shape: Shape) -> dict[str, Any]:
    by_variant = bool(choice.variant.option_values) and draw(st.booleans())
    options = [] if by_variant else [(ref.option_id, ref.id) for ref in choice.variant.option_values]
    modifiers = [*choice.required, *(m for m in choice.optional if draw(st.integers(0, 2)) == 0)]
    picked = [(m, *_modifier_choice(draw, m)) for m in modifiers]
    if shape == "rest":
        line: dict[str, Any] = {"product_id": choice.product.id, "quantity": quantity}
        if by_variant:
            line["variant_id"] = choice.variant.id
        selections: list[dict[str, Any]] = [{"option_id": oid, "option_value": vid} for oid, vid in options]
        selections += [
            {"option_id": m.id, "option_value": str(value) if kind == "number" else value} for m, kind, value in picked
        ]
        if selections:
            line["option_selections"] = selections
        return line
    line = {"productEntityId": choice.product.id, "quantity": quantity}
    if by_variant:
        line["variantEntityId"] = choice.variant.id
    selected: dict[str, list[dict[str, Any]]] = {}
    for oid, vid in options:
        selected.setdefault("multipleChoices", []).append({"optionEntityId": oid, "optionValueEntityId": vid})
    for modifier, kind, value in picked:
        if kind == "choice":
            group = "checkboxes" if modifier.type == "checkbox" else "multipleChoices"
            selected.setdefault(group, []).append({"optionEntityId": modifier.id, "optionValueEntityId": value})
        elif kind == "number":
            selected.setdefault("numberFields", []).append({"optionEntityId": modifier.id, "number": value})
        else:
            group = _TEXT_TYPES.get(modifier.type, "textFields")
            selected.setdefault(group, []).append({"optionEntityId": modifier.id, "text": value})
    if selected:
        line["selectedOptions"] = selected
    return line


def _check_shape(function: str, shape: object) -> Shape:
    if shape not in SHAPES:
        raise InvalidArgument(f"{function}(shape=...) must be 'rest' or 'graphql', got {shape!r}")
    return shape  # type: ignore[return-value]


def cart_line_items(
    store: Store,
    *,
    shape: Shape = "rest",
    max_lines: int = MAX_LINES_DRAWN,
    taken: Mapping[StockKey, int] | None = None,
) -> st.SearchStrategy[list[dict[str, Any]]]:
    """1 to ``max_lines`` cart line items of ``store``'s purchasable products, accepted together:
    REST's ``line_items`` (``product_id``, ``quantity``, ``variant_id`` or ``option_selections``) or,
    with ``shape="graphql"``, GraphQL's ``CartLineItemInput`` (``productEntityId``,
    ``variantEntityId``, ``selectedOptions``). ``taken`` is tracked stock already asked for (a
    cart's items, keyed as ``stock_key``): the lines ask no more than what is left."""
    check_store("cart_line_items", store)
    if not isinstance(store, Store):
        raise InvalidArgument("cart_line_items(store=...) needs the store whose catalog the lines buy")
    checked = _check_shape("cart_line_items", shape)
    if isinstance(max_lines, bool) or not isinstance(max_lines, int) or max_lines < 1:
        raise InvalidArgument(f"cart_line_items(max_lines=...) must be a positive integer, got {max_lines!r}")
    already = dict(taken or {})

    @st.composite
    def build(draw: st.DrawFn) -> list[dict[str, Any]]:
        used = dict(already)
        lines: list[dict[str, Any]] = []
        choices = buyable(store)
        for _ in range(draw(st.integers(1, max_lines))):
            open_ = [c for c in choices if c.level is None or c.stock is None or c.level - used.get(c.stock, 0) >= 1]
            if not open_:
                break
            choice = draw(st.sampled_from(open_))
            left = (
                MAX_QUANTITY_DRAWN
                if choice.stock is None or choice.level is None
                else choice.level - used.get(choice.stock, 0)
            )
            quantity = draw(st.integers(1, min(MAX_QUANTITY_DRAWN, left)))
            if choice.stock is not None:
                used[choice.stock] = used.get(choice.stock, 0) + quantity
            lines.append(_line(draw, choice, quantity, checked))
        if not lines:
            raise InvalidArgument(f"cart_line_items: store {store.store_hash} has nothing a cart can buy")
        return lines

    return build()


# --------------------------------------------------------------------------- addresses

# (ISO 3166-1 alpha-2, a state or province, its code, a postal code there, a city)
_PLACES = (
    ("US", "Texas", "TX", "78701", "Austin"),
    ("US", "California", "CA", "94103", "San Francisco"),
    ("US", "New York", "NY", "10001", "New York"),
    ("CA", "Ontario", "ON", "M5V 2T6", "Toronto"),
    ("AU", "New South Wales", "NSW", "2000", "Sydney"),
    ("GB", "", "", "SW1A 1AA", "London"),
    ("DE", "", "", "10115", "Berlin"),
    ("FR", "", "", "75002", "Paris"),
)
_FIRST = ("Ann", "Bo", "Chidi", "Dana", "Émile", "Farah", "Hiro", "José", "Zoë")
_LAST = ("Lee", "Okafor", "Smith", "Müller", "Tanaka", "García", "O'Neil")
_STREETS = ("1 Main St", "22 Harbour Rd", "350 Fifth Ave", "7 Rue de la Paix", "Flat 3, 9 Elm Grove")
_REST_NAMES = {
    "firstName": "first_name", "lastName": "last_name", "email": "email", "company": "company",
    "address1": "address1", "address2": "address2", "city": "city", "stateOrProvince": "state_or_province",
    "stateOrProvinceCode": "state_or_province_code", "countryCode": "country_code", "postalCode": "postal_code",
    "phone": "phone",
}  # fmt: skip


@st.composite
def _address(draw: st.DrawFn, shape: Shape) -> dict[str, Any]:
    country, state, state_code, postal, city = draw(st.sampled_from(_PLACES))
    first, last = draw(st.sampled_from(_FIRST)), draw(st.sampled_from(_LAST))
    address: dict[str, Any] = {
        "firstName": first, "lastName": last, "email": f"shopper{draw(st.integers(1, 10**6))}@example.com",
        "address1": draw(st.sampled_from(_STREETS)), "city": city, "stateOrProvince": state,
        "stateOrProvinceCode": state_code, "countryCode": country, "postalCode": postal,
    }  # fmt: skip
    if draw(st.booleans()):
        address["phone"] = f"+1512555{draw(st.integers(0, 9999)):04d}"  # E.164, as the checkout API asks
    if draw(st.integers(0, 3)) == 0:
        address["company"] = draw(st.sampled_from(("Acme Corp", "Northwind", "Initech")))
    if draw(st.integers(0, 3)) == 0:
        address["address2"] = f"Unit {draw(st.integers(1, 99))}"
    if shape == "graphql":
        return {**address, "shouldSaveAddress": draw(st.booleans())}
    return {_REST_NAMES[name]: value for name, value in address.items()}


def checkout_addresses(*, shape: Shape = "rest") -> st.SearchStrategy[dict[str, Any]]:
    """A billing or shipping address of a checkout: a country's ISO 3166-1 alpha-2 code, one of its
    states (name and code) where it has them, a postal code and a city there. REST's names
    (``first_name``, ``country_code``, ``state_or_province_code``...) or, with ``shape="graphql"``,
    ``CheckoutAddressInput``'s (``firstName``, ``countryCode``, ``shouldSaveAddress``...)."""
    return _address(_check_shape("checkout_addresses", shape))


# --------------------------------------------------------------------------- refusals


def _selections(choice: Buyable, *, with_variant: bool = True) -> dict[str, Any]:
    """What makes a line name its variant and its required modifiers (REST shape)."""
    line: dict[str, Any] = {}
    if with_variant and choice.variant.option_values:
        line["variant_id"] = choice.variant.id
    selections: list[dict[str, Any]] = []
    for modifier in choice.required:
        if modifier.option_values:
            selections.append({"option_id": modifier.id, "option_value": modifier.option_values[0].id})
        else:
            selections.append({"option_id": modifier.id, "option_value": "1" if modifier.type == _NUMBER_TYPE else "x"})
    if selections:
        line["option_selections"] = selections
    return line


def _cases(store: Store) -> list[tuple[str, Any]]:
    """The kinds of refusal this store can show, each with what it needs."""
    choices = buyable(store)
    cases: list[tuple[str, Any]] = [("unknown_product", max((p.id for p in store.products.values()), default=0) + 1)]
    if choices:
        cases.append(("quantity", choices[0]))
    tracked = [c for c in choices if c.stock is not None and c.level is not None]
    if tracked:
        cases.append(("over_stock", tracked))
    blocked = [
        p for p in store.products.values()
        if (not p.is_visible or p.availability == "disabled") and p.base_variant_id is not None
        and not [m for m in store.modifiers.many(store.modifiers.lookup("product_id", p.id)) if m.required]
    ]  # fmt: skip
    if blocked:
        cases.append(("not_purchasable", sorted(blocked, key=lambda p: p.id)))
    disabled = [
        v for p in store.products.values() if p.is_visible and p.availability != "disabled"
        and not [m for m in store.modifiers.many(store.modifiers.lookup("product_id", p.id)) if m.required]
        for v in _variants(store, p) if v.purchasing_disabled and v.option_values
    ]  # fmt: skip
    if disabled:
        cases.append(("variant_disabled", sorted(disabled, key=lambda v: v.id)))
    with_options = [c for c in choices if c.variant.option_values and c.product.base_variant_id is None]
    if with_options:
        cases.append(("options_missing", with_options))
    with_required = [c for c in choices if c.required]
    if with_required:
        cases.append(("modifier_missing", with_required))
    return cases


def _invalid(draw: st.DrawFn, kind: str, facts: Any) -> InvalidCase:
    if kind == "unknown_product":
        product_id = facts + draw(st.integers(0, 1000))
        line = {"product_id": product_id, "quantity": 1}
        return InvalidCase([line], 422, f"product {product_id} does not exist", f"{FIELD}.product_id")
    if kind == "quantity":
        choice: Buyable = facts
        quantity = draw(st.sampled_from((0, -1, -draw(st.integers(2, 10**6)))))
        line = {"product_id": choice.product.id, "quantity": quantity, **_selections(choice)}
        return InvalidCase([line], 422, f"quantity {quantity} is below 1", f"{FIELD}.quantity")
    if kind == "over_stock":
        choice = draw(st.sampled_from(facts))
        assert choice.level is not None
        quantity = choice.level + draw(st.integers(1, 100))
        line = {"product_id": choice.product.id, "quantity": quantity, **_selections(choice)}
        return InvalidCase([line], 409, f"{quantity} asked, {choice.level} in stock", f"{FIELD}.quantity")
    if kind == "not_purchasable":
        product: Product = draw(st.sampled_from(facts))
        line = {"product_id": product.id, "quantity": 1}
        return InvalidCase([line], 409, f"product {product.id} cannot be purchased", f"{FIELD}.product_id")
    if kind == "variant_disabled":
        variant: Variant = draw(st.sampled_from(facts))
        line = {"product_id": variant.product_id, "variant_id": variant.id, "quantity": 1}
        return InvalidCase([line], 409, f"variant {variant.id} cannot be purchased", f"{FIELD}.variant_id")
    if kind == "options_missing":
        choice = draw(st.sampled_from(facts))
        line = {"product_id": choice.product.id, "quantity": 1}
        rest = _selections(choice, with_variant=False)
        line.update(rest)
        reason = f"product {choice.product.id} has options and the line names no variant"
        return InvalidCase([line], 422, reason, f"{FIELD}.option_selections")
    choice = draw(st.sampled_from(facts))
    line = {"product_id": choice.product.id, "quantity": 1}
    if choice.variant.option_values:
        line["variant_id"] = choice.variant.id
    return InvalidCase(
        [line], 422, f"required option {choice.required[0].id} is not chosen", f"{FIELD}.option_selections"
    )


def invalid_cart_line_items(store: Store) -> st.SearchStrategy[InvalidCase]:
    """REST ``line_items`` (one line) that ``POST /v3/carts`` (and ``POST /v3/carts/{id}/items``)
    refuses: an unknown product (422), a quantity of 0 or less (422), more than the tracked stock
    (409), a product that is hidden or disabled (409), a variant whose purchasing is disabled (409),
    a product with options and no variant named (422), a required modifier left out (422). Only
    the kinds ``store`` can show are drawn; ``field`` is the key of the error body's ``errors``."""
    check_store("invalid_cart_line_items", store)
    if not isinstance(store, Store):
        raise InvalidArgument("invalid_cart_line_items(store=...) needs the store whose catalog the lines name")

    @st.composite
    def build(draw: st.DrawFn) -> InvalidCase:
        kind, facts = draw(st.sampled_from(_cases(store)))
        case = _invalid(draw, kind, facts)
        INTENDED.add(case.payload)
        INTENDED.add({"line_items": case.payload})
        return case

    return build()


# --------------------------------------------------------------------------- the state machine

_CART_QUERY = """
query StorefrontMachineCart($id: String!) {
  site {
    cart(entityId: $id) {
      entityId
      amount { value }
      lineItems {
        physicalItems { entityId productEntityId variantEntityId quantity }
        digitalItems { entityId productEntityId variantEntityId quantity }
      }
    }
  }
}
"""
_CREATE_CART = """
mutation StorefrontMachineCreateCart($input: CreateCartInput!) {
  cart { createCart(input: $input) { cart { entityId } } }
}
"""
_TOKEN_LIFETIME_SECONDS = 86_400


def _items(cart: Mapping[str, Any]) -> list[dict[str, Any]]:
    lines = cart.get("line_items") or {}
    return [*lines.get("physical_items", ()), *lines.get("digital_items", ())]


def tracked_levels(store: Store) -> dict[StockKey, int]:
    """Every tracked stock level, keyed as ``stock_key``."""
    levels: dict[StockKey, int] = {}
    for product in store.products.values():
        if product.inventory_tracking == "product":
            levels[("product", product.id)] = product.inventory_level
        elif product.inventory_tracking == "variant":
            for variant in store.variants.many(store.variants.lookup("product_id", product.id)):
                levels[("variant", variant.id)] = variant.inventory_level
    return levels


class StorefrontStateMachine(StoreMachine):
    """Random sequences of cart changes through the REST Management API, checked against a model.

    Subclass it like ``BigCommerceStateMachine``: add ``@rule``s that drive your storefront code
    against ``self.client`` (REST, ``self.base_url``) or ``self.graphql`` (the GraphQL Storefront
    API on the store's storefront host, ``self.storefront_token`` in ``Authorization``), and run its
    ``TestCase``. The rules create carts of ``cart_line_items`` (through REST, and through
    GraphQL's ``createCart``), add lines, change a line's
    quantity, delete a line (the last one deletes the cart) and send lines that must be refused
    (``invalid_cart_line_items``), expecting 409 whenever the cart would ask more than the tracked
    stock, and check a cart out through the REST Checkouts API (billing address, a consignment
    with a shipping option, the order). The invariants: every cart's ``cart_amount`` is the sum
    of its lines' extended sale prices, each line's quantity is the model's, carts never change
    stock (only orders do, by exactly their lines), and the GraphQL read of every cart agrees with the REST one (ids,
    quantities, amount). ``self.carts`` is the model: cart id -> {item id: quantity}; ``self.orders``
    the orders it placed (order id -> cart id); ``self.stock`` the tracked stock it expects.
    ``after_change(kind, action, record_id)`` is called after each accepted change (``kind``
    ``"cart"``, ``"cart_item"`` or ``"order"``).

    The app is created once per class (``fixtures``, default ``"demo"``, and ``store_hash``) and
    its store is reset at the start of every run.
    """

    fixtures: ClassVar[str] = "demo"

    cart_ids = Bundle("cart_ids")

    def __init__(self) -> None:
        super().__init__()
        self.graphql: httpx.Client = inprocess.client(self.app, base_url=f"http://store-{self.store_hash}.mockbc.test")
        self._token: str | None = None
        self.carts: dict[str, dict[str, int]] = {}
        self.orders: dict[int, str] = {}  # the orders check_out made -> their cart's id
        self.stock = tracked_levels(self.store)  # what tracked stock should be: moved only by orders

    def teardown(self) -> None:
        super().teardown()
        self.graphql.close()

    def after_change(self, kind: str, action: str, record_id: str) -> None:
        """Called after each change the mock accepted: ``kind`` is ``"cart"``, ``"cart_item"`` or
        ``"order"``, ``action`` ``"create"``, ``"update"`` or ``"delete"``, ``record_id`` its id."""

    # ------------------------------------------------------------ helpers

    @property
    def storefront_token(self) -> str:
        """A storefront token of channel 1, minted through REST on first use."""
        if self._token is None:
            expires = int(self.store.clock.now().timestamp()) + _TOKEN_LIFETIME_SECONDS
            body = {"channel_ids": [1], "expires_at": expires}
            answer = self._expect(self.client.post(f"{self.base_url}/storefront/api-token", json=body), 200)
            self._token = str(answer["data"]["token"])
        return self._token

    def _expect(self, response: httpx.Response, status: int) -> Any:
        assert response.status_code == status, (
            f"{response.request.method} {response.request.url} -> {response.status_code}, expected {status}: {response.text}"
        )
        return response.json() if response.content else None

    def _taken(self, cart_id: str | None) -> dict[StockKey, int]:
        """The tracked stock a cart's items ask for."""
        taken: dict[StockKey, int] = {}
        cart = self.store.carts.get(cart_id) if cart_id is not None else None
        for item in cart.items if cart is not None else ():
            product = self.store.products.get(item.product_id)
            key = stock_key(product, item.variant_id) if product is not None else None
            if key is not None:
                taken[key] = taken.get(key, 0) + item.quantity
        return taken

    def _learn(self, cart_id: str, cart: Mapping[str, Any]) -> None:
        self.carts[cart_id] = {item["id"]: item["quantity"] for item in _items(cart)}

    # ------------------------------------------------------------ rules

    @rule(target=cart_ids, data=st.data())
    def create_cart(self, data: st.DataObject) -> Any:
        lines = data.draw(cart_line_items(self.store), label="line_items")
        cart = self._expect(self.client.post(f"{self.base_url}/carts", json={"line_items": lines}), 201)["data"]
        self._learn(cart["id"], cart)
        assert sum(self.carts[cart["id"]].values()) == sum(line["quantity"] for line in lines)
        self.after_change("cart", "create", cart["id"])
        return cart["id"]

    @rule(target=cart_ids, data=st.data())
    def create_cart_through_graphql(self, data: st.DataObject) -> Any:
        """The ``createCart`` mutation with lines in GraphQL's shape; the REST read shows the same cart."""
        lines = data.draw(cart_line_items(self.store, shape="graphql"), label="lineItems")
        body = {"query": _CREATE_CART, "variables": {"input": {"lineItems": lines}}}
        headers = {"Authorization": f"Bearer {self.storefront_token}"}
        answer = self._expect(self.graphql.post("/graphql", json=body, headers=headers), 200)
        assert "errors" not in answer, answer
        cart_id = answer["data"]["cart"]["createCart"]["cart"]["entityId"]
        cart = self._expect(self.client.get(f"{self.base_url}/carts/{cart_id}"), 200)["data"]
        self._learn(cart_id, cart)
        assert sum(self.carts[cart_id].values()) == sum(line["quantity"] for line in lines)
        self.after_change("cart", "create", cart_id)
        return cart_id

    @precondition(lambda self: bool(self.carts))
    @rule(cart_id=cart_ids, data=st.data())
    def add_lines(self, cart_id: str, data: st.DataObject) -> None:
        if cart_id not in self.carts:
            if cart_id not in self.orders.values():  # deleted with its last item; a checked-out one stays
                self._expect(self.client.post(f"{self.base_url}/carts/{cart_id}/items", json={"line_items": []}), 404)
            return
        lines = data.draw(cart_line_items(self.store, taken=self._taken(cart_id)), label="line_items")
        before = sum(self.carts[cart_id].values())
        response = self.client.post(f"{self.base_url}/carts/{cart_id}/items", json={"line_items": lines})
        cart = self._expect(response, 201)["data"]
        self._learn(cart_id, cart)
        assert sum(self.carts[cart_id].values()) == before + sum(line["quantity"] for line in lines)
        self.after_change("cart", "update", cart_id)

    @precondition(lambda self: any(self.carts.values()))
    @rule(data=st.data())
    def update_line_quantity(self, data: st.DataObject) -> None:
        cart_id = data.draw(_in_order(c for c, items in self.carts.items() if items), label="cart")
        item_id = data.draw(_in_order(self.carts[cart_id]), label="item")
        quantity = data.draw(st.integers(1, MAX_QUANTITY_DRAWN + 5), label="quantity")
        item = next(i for i in self.store.carts.require(cart_id).items if i.id == item_id)
        product = self.store.products.require(item.product_id)
        key = stock_key(product, item.variant_id)
        asked = self._taken(cart_id).get(key, 0) - item.quantity + quantity if key is not None else 0
        over = key is not None and asked > self.stock[key]
        body = {"line_item": {"product_id": item.product_id, "variant_id": item.variant_id, "quantity": quantity}}
        response = self.client.put(f"{self.base_url}/carts/{cart_id}/items/{item_id}", json=body)
        if over:
            refused = self._expect(response, 409)
            assert "line_item.quantity" in refused["errors"], refused
            return
        self._learn(cart_id, self._expect(response, 200)["data"])
        assert self.carts[cart_id][item_id] == quantity
        self.after_change("cart_item", "update", item_id)

    @precondition(lambda self: any(self.carts.values()))
    @rule(data=st.data())
    def delete_line(self, data: st.DataObject) -> None:
        cart_id = data.draw(_in_order(c for c, items in self.carts.items() if items), label="cart")
        item_id = data.draw(_in_order(self.carts[cart_id]), label="item")
        response = self.client.delete(f"{self.base_url}/carts/{cart_id}/items/{item_id}")
        if len(self.carts[cart_id]) == 1:
            self._expect(response, 204)
            del self.carts[cart_id]
            self._expect(self.client.get(f"{self.base_url}/carts/{cart_id}"), 404)
            self.after_change("cart", "delete", cart_id)
            return
        self._learn(cart_id, self._expect(response, 200)["data"])
        assert item_id not in self.carts[cart_id]
        self.after_change("cart_item", "delete", item_id)

    @rule(data=st.data())
    def refused_lines(self, data: st.DataObject) -> None:
        case = data.draw(invalid_cart_line_items(self.store), label="invalid")
        count = len(self.store.carts)
        response = self.client.post(f"{self.base_url}/carts", json={"line_items": case.payload})
        refused = self._expect(response, case.status)
        assert case.field in refused["errors"], (case, refused)
        assert len(self.store.carts) == count, "a refused cart was kept"

    @precondition(lambda self: bool(self.carts))
    @rule(data=st.data())
    def check_out(self, data: st.DataObject) -> None:
        """A billing address, one consignment of every physical item with a shipping option, then the
        order: refused (409) when another checkout's order left too little stock for this cart, else
        made, lowering tracked stock by exactly the cart's items; the cart leaves the model."""
        cart_id = data.draw(_in_order(self.carts), label="cart")
        base = f"{self.base_url}/checkouts/{cart_id}"
        billing = data.draw(checkout_addresses(), label="billing_address")
        checkout = self._expect(self.client.post(f"{base}/billing-address", json=billing), 200)["data"]
        assert checkout["billing_address"]["country_code"] == billing["country_code"], checkout
        physical = checkout["cart"]["line_items"]["physical_items"]
        if physical:
            shipping = data.draw(checkout_addresses(), label="shipping_address")
            lines = [{"item_id": item["id"], "quantity": item["quantity"]} for item in physical]
            response = self.client.post(
                f"{base}/consignments", params={"include": "consignments.available_shipping_options"},
                json=[{"address": shipping, "line_items": lines}],
            )  # fmt: skip
            consignment = self._expect(response, 200)["data"]["consignments"][0]
            offered = [option["id"] for option in consignment.get("available_shipping_options") or ()]
            assert offered, consignment
            chosen = data.draw(st.sampled_from(offered), label="shipping_option")
            response = self.client.put(f"{base}/consignments/{consignment['id']}", json={"shipping_option_id": chosen})
            self._expect(response, 200)
        asked = self._taken(cart_id)
        response = self.client.post(f"{base}/orders")
        if any(units > self.stock.get(key, 0) for key, units in asked.items()):
            refused = self._expect(response, 409)
            assert refused["errors"], refused
            return
        order_id = self._expect(response, 200)["data"]["id"]
        for key, units in asked.items():
            self.stock[key] -= units
        del self.carts[cart_id]
        self.orders[int(order_id)] = cart_id
        self.after_change("order", "create", str(order_id))

    # ------------------------------------------------------------ invariants

    @invariant()
    def cart_amount_is_the_sum_of_its_lines(self) -> None:
        for cart_id in self.carts:
            cart = self._expect(self.client.get(f"{self.base_url}/carts/{cart_id}"), 200)["data"]
            items = _items(cart)
            lines = sum((Decimal(str(item["extended_sale_price"])) for item in items), Decimal(0))
            # Unit prices are whole cents, so the cart is exactly the sum of its lines.
            assert Decimal(str(cart["base_amount"])) == lines, cart
            discounted = Decimal(str(cart["base_amount"])) - Decimal(str(cart["discount_amount"]))
            assert Decimal(str(cart["cart_amount"])) == discounted, cart
            assert {item["id"]: item["quantity"] for item in _items(cart)} == self.carts[cart_id]

    @invariant()
    def carts_never_change_stock(self) -> None:
        assert tracked_levels(self.store) == self.stock, "a cart moved tracked stock"
        assert all(level >= 0 for level in self.stock.values()), "an order took more than the stock"

    @invariant()
    def rest_and_graphql_reads_agree(self) -> None:
        if not self.carts:
            return
        headers = {"Authorization": f"Bearer {self.storefront_token}"}
        for cart_id in self.carts:
            rest = self._expect(self.client.get(f"{self.base_url}/carts/{cart_id}"), 200)["data"]
            body = {"query": _CART_QUERY, "variables": {"id": cart_id}}
            answer = self._expect(self.graphql.post("/graphql", json=body, headers=headers), 200)
            assert "errors" not in answer, answer
            cart = answer["data"]["site"]["cart"]
            assert cart is not None and cart["entityId"] == cart_id, answer
            lines = cart["lineItems"]
            shown = {i["entityId"]: i["quantity"] for i in (*lines["physicalItems"], *lines["digitalItems"])}
            assert shown == {item["id"]: item["quantity"] for item in _items(rest)}
            assert Decimal(str(cart["amount"]["value"])) == Decimal(str(rest["cart_amount"]))


def _in_order(ids: Iterable[str]) -> st.SearchStrategy[str]:
    # Cart and item ids are random: drawn in the order they were made, never sorted, so that a
    # replayed run picks the same ones.
    return st.sampled_from(list(ids))
