"""Storefront API tokens on the v3 wire (upstream storefront_tokens.v3.yml): ``{"data": {"token"}, "meta": {}}``."""

from __future__ import annotations

from typing import Any

from mockbc.presentation.call import Call
from mockbc.presentation.v3 import View
from mockbc.services.storefront_tokens import IssuedToken


def to_v3(issued: IssuedToken, call: Call) -> dict[str, Any]:
    return {"token": issued.token}


def fields_from_v3(body: Any) -> dict[str, Any]:
    # The body has passed the operation's schema; an absent body reads as an empty one.
    return dict(body) if isinstance(body, dict) else {}


VIEW = View("storefront_token.v3", to_v3, fields_from_v3)
