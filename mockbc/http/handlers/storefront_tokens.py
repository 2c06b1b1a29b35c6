"""Storefront API tokens: /v3/storefront/api-token, /api-token-private, /api-token-customer-impersonation
(upstream storefront_tokens.v3.yml)."""

from __future__ import annotations

from mockbc.http.operations import binding
from mockbc.presentation import storefront_tokens as wire
from mockbc.presentation.call import Call
from mockbc.services import storefront_tokens as service
from mockbc.services.storefront_tokens import IssuedToken


def create_token(call: Call) -> IssuedToken:
    return service.issue(call.store, "storefront", call.view.parse(call.body), call.client_id)


def create_private_token(call: Call) -> IssuedToken:
    return service.issue(call.store, "private", call.view.parse(call.body), call.client_id)


def create_impersonation_token(call: Call) -> IssuedToken:
    return service.issue(call.store, "impersonation", call.view.parse(call.body), call.client_id)


def revoke_token(call: Call) -> None:
    service.revoke(call.store, call.headers.get("sf-api-token"))


OPERATIONS = (
    binding("v3", "createToken", create_token, wire.VIEW, scope="storefront_api"),
    binding("v3", "revokeToken", revoke_token, wire.VIEW, scope="storefront_api"),
    binding("v3", "createPrivateToken", create_private_token, wire.VIEW, scope="storefront_api"),
    binding(
        "v3",
        "createTokenWithCustomerImpersonation",
        create_impersonation_token,
        wire.VIEW,
        scope="storefront_impersonation",
    ),
)
