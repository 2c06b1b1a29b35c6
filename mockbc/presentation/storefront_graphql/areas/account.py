"""The shopper's side of the storefront: ``login``, ``loginWithCustomerLoginJwt``, ``logout``, the
``customer`` mutations (register, update, addresses, password) and the signed-in customer's
``attributes``, ``addresses`` and ``orders``.

Writes go through the same services as REST (a customer registered here is one of
``GET /v3/customers``; its password is hashed; emails are unique without case). A mutation refused
with a typed error (``errors: [...]`` in its result, as the schema declares) writes nothing. A refused
login is a top-level error and ``data`` is ``null`` (``LoginResult!`` is not nullable).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from graphql import GraphQLError

from mockbc.domain.countries import NAMES as COUNTRY_NAMES
from mockbc.domain.customers import Customer, CustomerAddress
from mockbc.domain.errors import DomainError, NotFound
from mockbc.domain.orders import STATUSES, Order
from mockbc.presentation.storefront_graphql.areas.customer import customer_object
from mockbc.presentation.storefront_graphql.connections import connection
from mockbc.presentation.storefront_graphql.ids import BAD_USER_INPUT, encode_id
from mockbc.presentation.storefront_graphql.seam import Area, Context
from mockbc.services import carts, customer_access_tokens, customer_addresses, customer_attributes, customers
from mockbc.services.customer_login_jwt import Refused, check
from mockbc.services.customers import CustomerChange, NewCustomer

AREA = Area()

INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
INVALID_JWT = "INVALID_CUSTOMER_LOGIN_JWT"
WORDS = {
    "invalid_credentials": "Invalid credentials",
    "invalid_jwt": "The Customer Login JWT is refused ({reason}).",
    "guest_cart": "No guest cart {cart!r} to assign on this storefront.",
    "not_logged_in": "The customer is not logged in.",
    "no_customer": "The customer does not exist.",
    "email_in_use": "The email address {email!r} is already in use.",
    "wrong_password": "The current password is not correct.",
    "no_address": "The customer has no address {id}.",
    "not_created": "The address could not be created.",
    "unknown_attribute": "No customer attribute {id}.",
    "too_short": "{field} must have at least {limit} characters.",
    "too_long": "{field} must have at most {limit} characters.",
    "bad_email": "{field} must be an email address.",
    "bad_country": "{field} must be an ISO 3166-1 alpha-2 country code.",
    "weak_password": "{field} must have at least 7 characters, with letters and digits.",
}
LOGGED_OUT = "success"
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

# GraphQL input name -> (service field, fewest characters, most characters); the limits of the REST
# specs (customers.yml), so both APIs take the same values.
CUSTOMER_FIELDS = {
    "firstName": ("first_name", 1, 100),
    "lastName": ("last_name", 1, 100),
    "email": ("email", 3, 250),
    "phone": ("phone", 0, 50),
    "company": ("company", 0, 255),
}
ADDRESS_FIELDS = {
    "firstName": ("first_name", 1, 255),
    "lastName": ("last_name", 1, 255),
    "address1": ("address1", 1, 255),
    "address2": ("address2", 0, 255),
    "city": ("city", 1, 100),
    "company": ("company", 0, 255),
    "countryCode": ("country_code", 2, 2),
    "stateOrProvince": ("state_or_province", 0, 100),
    "phone": ("phone", 0, 50),
    "postalCode": ("postal_code", 0, 30),
}


def _error(type_name: str, word: str, **facts: Any) -> dict[str, Any]:
    return {"__typename": type_name, "message": WORDS[word].format(**facts)}


def _invalid(path: Sequence[str], word: str, **facts: Any) -> dict[str, Any]:
    return {**_error("ValidationError", word, field=path[-1], **facts), "path": list(path)}


def date_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime(_DATE_FORMAT)


def money(value: Decimal, currency: str) -> dict[str, Any]:
    formatted = f"${value:,.2f}" if currency == "USD" else f"{value:,.2f} {currency}"
    return {"currencyCode": currency, "value": value, "formattedV2": formatted}


# --------------------------------------------------------------------------- reading inputs


def _fields(
    given: Mapping[str, Any], table: Mapping[str, tuple[str, int, int]], path: Sequence[str]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The service fields of an input, and its ValidationErrors; a null field is left unchanged."""
    fields: dict[str, Any] = {}
    errors: list[dict[str, Any]] = []
    for name, (field, low, high) in table.items():
        value = given.get(name)
        if value is None:
            continue
        where = [*path, name]
        if len(value.strip()) < low:
            errors.append(_invalid(where, "too_short", limit=low))
        elif len(value) > high:
            errors.append(_invalid(where, "too_long", limit=high))
        elif field == "email" and _EMAIL.fullmatch(value) is None:
            errors.append(_invalid(where, "bad_email"))
        elif field == "country_code" and value.upper() not in COUNTRY_NAMES:
            errors.append(_invalid(where, "bad_country"))
        else:
            fields[field] = value
    if "country_code" in fields:
        fields["country_code"] = fields["country_code"].upper()
        fields["country"] = COUNTRY_NAMES[fields["country_code"]]
    return fields, errors


def _password_errors(password: str, path: Sequence[str]) -> list[dict[str, Any]]:
    # The storefront's default password rule: seven characters or more, letters and digits.
    strong = len(password) >= 7 and any(c.isalpha() for c in password) and any(c.isdigit() for c in password)
    return [] if strong else [_invalid(path, "weak_password")]


def _email_taken(context: Context, email: str, own: int | None = None) -> bool:
    owner = customers.by_email(context.store, email)
    return owner is not None and owner.id != own


def _signed_in(context: Context) -> Customer | dict[str, Any]:
    """The signed-in customer, or the typed error saying why there is none."""
    if context.customer_id is None:
        return _error("CustomerNotLoggedInError", "not_logged_in")
    try:
        return customers.get(context.store, context.customer_id)
    except NotFound:
        return _error("CustomerNotLoggedInError", "not_logged_in")


# --------------------------------------------------------------------------- sign-in


def _guest_cart(context: Context, cart_id: str | None, customer_id: int | None = None) -> str | None:
    """The guest cart to hand to the customer, checked before anything is written."""
    if cart_id is None:
        return None
    try:
        cart = carts.get(context.store, cart_id)
    except NotFound:
        cart = None
    if (
        cart is None
        or cart.channel_id != context.channel_id
        or (cart.customer_id and (customer_id is None or cart.customer_id != customer_id))
    ):
        raise GraphQLError(WORDS["guest_cart"].format(cart=cart_id), extensions={"code": BAD_USER_INPUT})
    return cart.id


def _signed_in_answer(context: Context, customer_id: int, cart_id: str | None) -> dict[str, Any]:
    if cart_id is not None:
        carts.update(context.store, cart_id, customer_id=customer_id)
    issued = customer_access_tokens.issue(context.store, customer_id, context.channel_id)
    return {
        "customer": customer_object(context, customers.get(context.store, customer_id)),
        "customerAccessToken": {"value": issued.value, "expiresAt": date_time(issued.expires_at)},
        "cartEntityId": cart_id,  # LoginResult.cart: areas/cart.py
    }


@AREA.field("Mutation", "login")
def login(_source: Any, info: Any, email: str, password: str, guestCartEntityId: str | None = None) -> dict[str, Any]:
    context: Context = info.context
    customer_id = customers.valid_credentials(context.store, email, password, context.channel_id)
    if customer_id is None:
        raise GraphQLError(WORDS["invalid_credentials"], extensions={"code": INVALID_CREDENTIALS})
    cart_id = _guest_cart(context, guestCartEntityId, customer_id)
    return _signed_in_answer(context, customer_id, cart_id)


@AREA.field("Mutation", "loginWithCustomerLoginJwt")
def login_with_jwt(_source: Any, info: Any, jwt: str, guestCartEntityId: str | None = None) -> dict[str, Any]:
    context: Context = info.context
    _guest_cart(context, guestCartEntityId, context.customer_id)  # a cart that cannot be handed over spends no jti
    assert context.registry is not None, "the transport gives the registry"
    try:
        granted = check(context.registry, jwt, context.store.store_hash, context.channel_id, context.client_ip)
        if granted.channel_id != context.channel_id:
            raise Refused("wrong_channel")
    except Refused as refused:
        message = WORDS["invalid_jwt"].format(reason=refused.reason)
        raise GraphQLError(message, extensions={"code": INVALID_JWT, "reason": refused.reason}) from None
    cart_id = _guest_cart(context, guestCartEntityId, granted.customer_id)
    return {"redirectTo": granted.redirect_to, **_signed_in_answer(context, granted.customer_id, cart_id)}


@AREA.field("Mutation", "logout")
def logout(_source: Any, info: Any, cartEntityId: str | None = None) -> dict[str, Any]:
    context: Context = info.context
    if context.customer_access_token is not None:
        customer_access_tokens.revoke(context.store, context.customer_access_token)
    return {"result": LOGGED_OUT}


# --------------------------------------------------------------------------- customer mutations


@AREA.field("Mutation", "customer")
def customer_mutations(_source: Any, _info: Any) -> dict[str, Any]:
    return {}


@AREA.field("CustomerMutations", "registerCustomer")
def register_customer(_source: Any, info: Any, input: dict[str, Any], **_: Any) -> dict[str, Any]:
    context: Context = info.context
    fields, errors = _fields(input, CUSTOMER_FIELDS, ["input"])
    errors += _password_errors(input["password"], ["input", "password"])
    address: dict[str, Any] | None = None
    if input.get("address") is not None:
        address, address_errors = _fields(input["address"], ADDRESS_FIELDS, ["input", "address"])
        errors += address_errors
    if not errors and _email_taken(context, fields["email"]):
        errors.append(_error("EmailAlreadyInUseError", "email_in_use", email=fields["email"]))
    if errors:
        return {"customer": None, "errors": errors}
    fields["origin_channel_id"] = context.channel_id
    created = customers.create(
        context.store, NewCustomer(fields, password=input["password"], addresses=[address] if address else [])
    )
    return {"customer": customer_object(context, created), "errors": []}


@AREA.field("CustomerMutations", "updateCustomer")
def update_customer(_source: Any, info: Any, input: dict[str, Any], **_: Any) -> dict[str, Any]:
    context: Context = info.context
    current = _signed_in(context)
    if not isinstance(current, Customer):
        return {"customer": None, "errors": [current]}
    fields, errors = _fields(input, CUSTOMER_FIELDS, ["input"])
    if not errors and "email" in fields and _email_taken(context, fields["email"], current.id):
        errors.append(_error("EmailAlreadyInUseError", "email_in_use", email=fields["email"]))
    if errors:
        return {"customer": None, "errors": errors}
    updated = customers.update(context.store, CustomerChange(current.id, fields)) if fields else current
    return {"customer": customer_object(context, updated), "errors": []}


@AREA.field("CustomerMutations", "changePassword")
def change_password(_source: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    context: Context = info.context
    current = _signed_in(context)
    if not isinstance(current, Customer):
        return {"errors": [current]}
    if not customers.valid_password(context.store, current.id, input["currentPassword"]):
        return {"errors": [_error("CustomerPasswordError", "wrong_password")]}
    errors = _password_errors(input["newPassword"], ["input", "newPassword"])
    if errors:
        return {"errors": errors}
    customers.update(context.store, CustomerChange(current.id, password=input["newPassword"]))
    return {"errors": []}


def address_object(address: CustomerAddress) -> dict[str, Any]:
    return {
        "entityId": address.id,
        "firstName": address.first_name,
        "lastName": address.last_name,
        "address1": address.address1,
        "address2": address.address2 or None,
        "addressType": address.address_type.upper() if address.address_type else None,
        "city": address.city,
        "country": address.country or COUNTRY_NAMES.get(address.country_code),
        "countryCode": address.country_code,
        "stateOrProvince": address.state_or_province or None,
        "phone": address.phone or None,
        "postalCode": address.postal_code or None,
        "company": address.company or None,
    }


@AREA.field("CustomerMutations", "addCustomerAddress")
def add_address(_source: Any, info: Any, input: dict[str, Any], **_: Any) -> dict[str, Any]:
    context: Context = info.context
    current = _signed_in(context)
    if not isinstance(current, Customer):
        return {"address": None, "errors": [current]}
    fields, errors = _fields(input, ADDRESS_FIELDS, ["input"])
    if errors:
        return {"address": None, "errors": errors}
    try:
        # An address the customer already has is answered, not added twice (as REST v2 does).
        address = customer_addresses.create(context.store, current.id, fields)
    except DomainError:
        return {"address": None, "errors": [_error("CustomerAddressCreationError", "not_created")]}
    return {"address": address_object(address), "errors": []}


def _own_address(context: Context, customer: Customer, address_id: int) -> CustomerAddress | None:
    try:
        return customer_addresses.get(context.store, address_id, customer.id)
    except NotFound:
        return None


@AREA.field("CustomerMutations", "updateCustomerAddress")
def update_address(_source: Any, info: Any, input: dict[str, Any], **_: Any) -> dict[str, Any]:
    context: Context = info.context
    current = _signed_in(context)
    if not isinstance(current, Customer):
        return {"address": None, "errors": [current]}
    address_id = input["addressEntityId"]
    if _own_address(context, current, address_id) is None:
        return {"address": None, "errors": [_error("AddressDoesNotExistError", "no_address", id=address_id)]}
    fields, errors = _fields(input["data"], ADDRESS_FIELDS, ["input", "data"])
    if errors:
        return {"address": None, "errors": errors}
    address = customer_addresses.update(context.store, current.id, address_id, fields)
    return {"address": address_object(address), "errors": []}


@AREA.field("CustomerMutations", "deleteCustomerAddress")
def delete_address(_source: Any, info: Any, input: dict[str, Any], **_: Any) -> dict[str, Any]:
    context: Context = info.context
    current = _signed_in(context)
    if not isinstance(current, Customer):
        return {"errors": [current]}
    address_id = input["addressEntityId"]
    if _own_address(context, current, address_id) is None:
        return {"errors": [_error("CustomerAddressDeletionError", "no_address", id=address_id)]}
    customer_addresses.delete(context.store, [address_id])
    return {"errors": []}


# --------------------------------------------------------------------------- the account's lists


@AREA.field("Customer", "storeCredit")
def store_credit(source: dict[str, Any], _info: Any) -> list[dict[str, Any]]:
    customer: Customer = source["record"]
    return [money(Decimal(str(amount)), "USD") for amount in customer.store_credit_amounts]


@AREA.field("Customer", "attributes")
def attributes(source: dict[str, Any], _info: Any) -> dict[str, Any]:
    return {"record": source["record"]}


@AREA.field("CustomerAttributes", "attribute")
def attribute(source: dict[str, Any], info: Any, entityId: int) -> dict[str, Any]:
    context: Context = info.context
    definition = context.store.customer_attributes.get(entityId)
    if definition is None:
        raise GraphQLError(WORDS["unknown_attribute"].format(id=entityId), extensions={"code": BAD_USER_INPUT})
    customer: Customer = source["record"]
    values = customer_attributes.values_of(context.store, customer.id)
    value = next((v.value for v in values if v.attribute_id == entityId), None)
    return {"entityId": definition.id, "name": definition.name, "value": value}


@AREA.field("Customer", "addresses")
def addresses(
    source: dict[str, Any],
    info: Any,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> dict[str, Any]:
    customer: Customer = source["record"]
    rows = customer_addresses.of_customer(info.context.store, customer.id)
    return connection(rows, address_object, first=first, after=after, last=last, before=before, total=True)


def _status_value(order: Order) -> str:
    return STATUSES[order.status_id].upper().replace(" ", "_")


def order_object(order: Order) -> dict[str, Any]:
    currency = order.default_currency_code
    return {
        "id": encode_id("Order", order.id),
        "entityId": order.id,
        "orderedAt": {"utc": date_time(order.date_created)},
        "updatedAt": {"utc": date_time(order.date_modified)},
        "status": {"value": _status_value(order), "label": STATUSES[order.status_id]},
        "isTaxIncluded": False,
        "subTotal": money(order.subtotal_ex_tax, currency),
        "shippingCostTotal": money(order.shipping_cost_ex_tax, currency),
        "handlingCostTotal": money(order.handling_cost_ex_tax, currency),
        "wrappingCostTotal": money(order.wrapping_cost_ex_tax, currency),
        "taxTotal": money(order.total_inc_tax - order.total_ex_tax, currency),
        "totalIncTax": money(order.total_inc_tax, currency),
        "customerMessage": order.customer_message or None,
        "totalProductQuantity": order.items_total,
    }


def _parse_date(value: Any) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise GraphQLError(f"Invalid DateTime: {value!r}", extensions={"code": BAD_USER_INPUT}) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def shopper_orders(context: Context, customer_id: int, filters: Mapping[str, Any] | None = None) -> list[Order]:
    """The customer's orders on this storefront's channel, newest first; the shopper never sees
    incomplete or archived orders."""
    orders = [
        context.store.orders.require(order_id) for order_id in context.store.orders.lookup("customer_id", customer_id)
    ]
    shown = [o for o in orders if o.channel_id == context.channel_id and o.status_id != 0 and not o.is_deleted]
    filters = filters or {}
    if filters.get("status") is not None:
        shown = [o for o in shown if _status_value(o) == filters["status"]]
    window = filters.get("dateRange")
    if window is not None:
        start = _parse_date(window["from"])
        shown = [o for o in shown if o.date_created >= start]
        if window.get("to") is not None:
            end = _parse_date(window["to"])
            shown = [o for o in shown if o.date_created <= end]
    return sorted(shown, key=lambda o: o.id, reverse=True)


@AREA.field("Customer", "orders")
def orders(
    source: dict[str, Any],
    info: Any,
    filters: dict[str, Any] | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> dict[str, Any]:
    customer: Customer = source["record"]
    shown = shopper_orders(info.context, customer.id, filters)
    return connection(shown, order_object, first=first, after=after, last=last, before=before, total=True)


@AREA.node("Order")
def order_node(context: Context, entity_id: int) -> dict[str, Any] | None:
    """Only the signed-in customer's own orders are nodes."""
    if context.customer_id is None:
        return None
    order: Order | None = context.store.orders.get(entity_id)
    if order is None or order.id not in {o.id for o in shopper_orders(context, context.customer_id)}:
        return None
    return {"__typename": "Order", **order_object(order)}
