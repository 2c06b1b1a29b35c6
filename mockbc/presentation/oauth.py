"""The login host's answers: the token response and its errors.

BigCommerce does not document the token endpoint's errors; the mock answers in OAuth 2.0's
own error shape (RFC 6749 §5.2): ``{"error", "error_description"}``, 400, or 401 for a client
that fails authentication.
"""

from __future__ import annotations

from typing import Any

# reason -> (status, error code, description)
OAUTH_ERRORS: dict[str, tuple[int, str, str]] = {
    "body": (400, "invalid_request", "The body must be JSON or application/x-www-form-urlencoded fields."),
    "repeated": (400, "invalid_request", "A field appears more than once; each may be sent once."),
    "grant_type": (400, "unsupported_grant_type", "grant_type must be authorization_code."),
    "client": (401, "invalid_client", "The client id and client secret do not name a registered app."),
    "redirect_uri": (400, "invalid_grant", "redirect_uri does not match the app's registered auth callback."),
    "unknown": (400, "invalid_grant", "The authorization code is invalid or has already been used."),
    "expired": (400, "invalid_grant", "The authorization code has expired."),
    "other_client": (400, "invalid_grant", "The authorization code was not issued to this client."),
    "other_store": (400, "invalid_grant", "The authorization code was not issued for this context."),
    "context": (400, "invalid_request", "context must be stores/{store_hash} of an existing store."),
    "scope": (400, "invalid_scope", "scope does not match the scopes the app was granted."),
}


def oauth_error(reason: str, missing: list[str] | None = None) -> tuple[int, dict[str, Any]]:
    if missing:
        return 400, {
            "error": "invalid_request",
            "error_description": f"Missing required field(s): {', '.join(missing)}.",
        }
    status, code, description = OAUTH_ERRORS[reason]
    return status, {"error": code, "error_description": description}


def token_response(
    access_token: str, scope: str, user: dict[str, Any], owner: dict[str, Any], store_hash: str, account_uuid: str
) -> dict[str, Any]:
    return {
        "access_token": access_token, "scope": scope, "user": user, "owner": owner,
        "context": f"stores/{store_hash}", "account_uuid": account_uuid,
    }  # fmt: skip
