"""BigCommerce OAuth scopes and the one table that says which scope guards which resource.

Each scope comes in a modify and a read-only form; read-only allows GET and HEAD only
(BigCommerce's API-accounts guide). ``default`` needs no grant at all (webhooks).
"""

from __future__ import annotations

from collections.abc import Collection

READ_METHODS = frozenset({"GET", "HEAD"})

# resource family -> (modify scope, read-only scope)
SCOPES: dict[str, tuple[str, str | None]] = {
    "products": ("store_v2_products", "store_v2_products_read_only"),
    "orders": ("store_v2_orders", "store_v2_orders_read_only"),
    "transactions": ("store_v2_transactions", "store_v2_transactions_read_only"),
    "customers": ("store_v2_customers", "store_v2_customers_read_only"),
    "stored_instruments": ("store_stored_payment_instruments", "store_stored_payment_instruments_read_only"),
    "marketing": ("store_v2_marketing", "store_v2_marketing_read_only"),
    "content": ("store_v2_content", "store_v2_content_read_only"),
    "information": ("store_v2_information", "store_v2_information_read_only"),
    "customers_login": ("store_v2_customers_login", None),
    "storefront_api": ("store_storefront_api", None),
    "storefront_impersonation": ("store_storefront_api_customer_impersonation", None),
    "carts": ("store_cart", "store_cart_read_only"),
    # The api-accounts guide spells it singular; checkouts.v3.yml's scope table says
    # `store_checkouts`. The guide is what the control panel grants.
    "checkouts": ("store_checkout", "store_checkout_read_only"),
    "channel_settings": ("store_channel_settings", "store_channel_settings_read_only"),
    "channel_listings": ("store_channel_listings", "store_channel_listings_read_only"),
}

ALL_SCOPES: tuple[str, ...] = tuple(scope for pair in SCOPES.values() for scope in pair if scope is not None)
KNOWN_SCOPES = frozenset(ALL_SCOPES) | {"default"}


def allowed(granted: Collection[str], family: str | None, method: str) -> bool:
    """Whether a token holding ``granted`` may call ``method`` on a route of ``family``."""
    if family is None:
        return True
    modify, read_only = SCOPES[family]
    if modify in granted:
        return True
    return read_only is not None and read_only in granted and method in READ_METHODS


def required_scope(family: str, method: str) -> str:
    modify, read_only = SCOPES[family]
    if method in READ_METHODS and read_only is not None:
        return read_only
    return modify


def parse_scopes(text: str) -> tuple[str, ...]:
    """``all`` or a comma- or space-separated list of scope names; an empty list grants no scope."""
    return _parse(text, ALL_SCOPES, KNOWN_SCOPES, "scope(s)")


def _parse(text: str, every: tuple[str, ...], known: frozenset[str], what: str) -> tuple[str, ...]:
    text = text.strip()
    if text == "all":
        return every
    names = tuple(part for part in text.replace(",", " ").split() if part)
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"unknown {what}: {', '.join(unknown)}")
    return names


# Account-level API accounts (BigCommerce's API-accounts guide): these scopes reach the
# account's GraphQL API only, never a store's REST APIs.
ACCOUNT_SCOPES: tuple[str, ...] = (
    "account_read", "account_apps_read", "account_checkouts_read", "account_checkouts_create",
    "account_stores_read", "account_subscriptions_read", "account_subscriptions_cancel",
    "account_users_read", "account_users_write", "account_users_delete",
)  # fmt: skip


def parse_account_scopes(text: str) -> tuple[str, ...]:
    """Like ``parse_scopes``, over the account-level scopes (``all``: every one of them)."""
    return _parse(text, ACCOUNT_SCOPES, frozenset(ACCOUNT_SCOPES), "account scope(s)")
