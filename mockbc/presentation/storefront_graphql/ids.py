"""Global ids and cursors of the GraphQL Storefront API.

An ``id: ID!`` is base64 of ``Type:entityId`` (``UHJvZHVjdDoxMTE=`` is ``Product:111``); a cursor is
base64 of ``arrayconnection:N``, N the item's 0-based offset in its list. Decoding is strict: only the
canonical encoding of a well-formed value is accepted, anything else is a GraphQL error (never a 500).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Collection

from graphql import GraphQLError

_ID = re.compile(r"([A-Za-z][A-Za-z0-9]{0,63}):([1-9][0-9]{0,17})")
# Carts (and their checkouts) are named by their UUID, not an integer.
_UUID_ID = re.compile(r"(Cart|Checkout):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")
UUID_TYPES = frozenset({"Cart", "Checkout"})
_CURSOR = re.compile(r"arrayconnection:(0|[1-9][0-9]{0,17})")
CURSOR_PREFIX = "arrayconnection:"
BAD_USER_INPUT = "BAD_USER_INPUT"


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _unb64(value: str) -> str | None:
    try:
        text = base64.b64decode(value.encode("ascii"), validate=True).decode("utf-8")
    except (UnicodeError, binascii.Error, ValueError):
        return None
    return text if _b64(text) == value else None


def encode_id(type_name: str, entity_id: int) -> str:
    return _b64(f"{type_name}:{entity_id}")


def decode_id(value: str, types: Collection[str] | None = None) -> tuple[str, int]:
    """``(type name, entity id)`` of a global id; ``types`` (when given) are the ones allowed here."""
    text = _unb64(value) if isinstance(value, str) else None
    match = _ID.fullmatch(text) if text is not None else None
    if match is None or (types is not None and match.group(1) not in types):
        raise GraphQLError(f"Invalid id: {value!r}", extensions={"code": BAD_USER_INPUT})
    return match.group(1), int(match.group(2))


def encode_uuid_id(type_name: str, entity_id: str) -> str:
    return _b64(f"{type_name}:{entity_id}")


def decode_any_id(value: str) -> tuple[str, int | str]:
    """``(type name, entity id)`` of any global id: an integer, or a UUID string for ``UUID_TYPES``."""
    text = _unb64(value) if isinstance(value, str) else None
    match = _UUID_ID.fullmatch(text) if text is not None else None
    if match is not None:
        return match.group(1), match.group(2)
    return decode_id(value)


def encode_cursor(offset: int) -> str:
    return _b64(f"{CURSOR_PREFIX}{offset}")


def decode_cursor(value: str) -> int:
    text = _unb64(value) if isinstance(value, str) else None
    match = _CURSOR.fullmatch(text) if text is not None else None
    if match is None:
        raise GraphQLError(f"Invalid cursor: {value!r}", extensions={"code": BAD_USER_INPUT})
    return int(match.group(1))
