"""The storefront's answers to the Customer Login and Current Customer endpoints when they refuse.

BigCommerce documents neither endpoint's errors beyond a guest's 404 on ``/customer/current.jwt``;
the mock answers with the v3 error shape (``{status, title, type}``) and, for a refused login
token, redirects to the storefront's login page with one of the reason codes below.
"""

from __future__ import annotations

from typing import Any

ERROR_TYPE = "/api-docs/getting-started/api-status-codes"
LOGIN_PAGE = "/login.php?action=login&error="

# Customer Login refusals: the ``error`` query parameter of the redirect to the login page.
LOGIN_REFUSALS = frozenset({
    "malformed_token", "unknown_store", "invalid_issuer", "invalid_signature", "missing_scope",
    "invalid_operation", "token_expired", "token_not_yet_valid", "wrong_store", "token_reused",
    "unknown_customer", "ip_mismatch", "invalid_redirect",
    "unknown_channel",
})  # fmt: skip

# Current Customer refusals: reason -> (status, title)
CURRENT_CUSTOMER_ERRORS: dict[str, tuple[int, str]] = {
    "missing_app": (400, "The app_client_id query parameter is required."),
    "unknown_app": (403, "app_client_id does not name an app or API account of this store."),
    "guest": (404, "No customer is signed in to this storefront."),
}


def login_refused_location(reason: str) -> str:
    assert reason in LOGIN_REFUSALS, reason
    return LOGIN_PAGE + reason


def current_customer_error(reason: str) -> tuple[int, dict[str, Any]]:
    status, title = CURRENT_CUSTOMER_ERRORS[reason]
    return status, {"status": status, "title": title, "type": ERROR_TYPE}
