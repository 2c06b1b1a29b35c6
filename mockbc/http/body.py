"""Reading a request body: size, Content-Type, UTF-8 JSON, and the values the store can keep.

JSON on the wire is UTF-8 (RFC 8259 §8.1; BigCommerce's guides say the same): bodies in any
other encoding, or with a byte-order mark, are a 400, like any other unreadable body. Every
value check then runs on the parsed value, never on raw bytes: nesting depth, integers
outside 64 bits, non-finite numbers, NUL characters and lone surrogates.
"""

from __future__ import annotations

import json
import math
from typing import Any

import orjson
from starlette.types import Receive

from mockbc.domain import errors as e

MAX_BODY_BYTES = 8 * 1024 * 1024
# An upload may carry an 8 MB file (upstream's image limit) plus its multipart framing; the
# file itself is checked by the handler.
MAX_UPLOAD_BYTES = MAX_BODY_BYTES + 64 * 1024
MAX_DEPTH = 32  # BigCommerce bodies nest 5 levels at most (product -> variants -> option_values)
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
_BOM = b"\xef\xbb\xbf"


class ClientGone(Exception):
    """The client disconnected before its body arrived: there is no one to answer."""


async def read(receive: Receive, content_length: str | None, *, max_bytes: int = MAX_BODY_BYTES) -> bytes:
    """The whole body, refusing (413) past ``max_bytes`` before reading more than that."""
    declared = content_length and content_length.isascii() and content_length.isdigit()
    if declared and int(content_length or 0) > max_bytes:
        raise e.PayloadTooLarge(max_bytes=max_bytes)
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientGone
        chunk: bytes = message.get("body", b"")
        if chunk:
            size += len(chunk)
            if size > max_bytes:
                raise e.PayloadTooLarge(max_bytes=max_bytes)
            chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def is_json(content_type: str | None) -> bool:
    return content_type is not None and content_type.split(";", 1)[0].strip().lower() == "application/json"


def parse(raw: bytes, refused: list[Any] | None = None) -> Any:
    """The JSON value of ``raw``, or a ``BadRequest`` / ``Invalid`` saying why not.

    ``refused``: a value that parsed but failed a value check is appended to it, so that the
    journal can still fingerprint what a test sent (an ``invalid_*`` body with a NUL in it).
    """
    try:
        return _parse(raw)
    except _Unkeepable as err:
        if refused is not None:
            refused.append(err.value)
        raise err.error from None


class _Unkeepable(Exception):
    def __init__(self, error: e.DomainError, value: Any) -> None:
        self.error, self.value = error, value


def _checked(value: Any, *, text_checked: bool, exact: bool) -> Any:
    try:
        check(value, text_checked=text_checked, exact=exact)
    except (e.Invalid, e.BadRequest) as err:
        raise _Unkeepable(err, value) from None
    return value


def _parse(raw: bytes) -> Any:
    if not raw.strip():
        raise e.BadRequest("empty")
    if raw.startswith(_BOM):
        raise e.BadRequest("syntax")
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        # orjson refuses escaped lone surrogates and numbers past a double, which are valid
        # JSON text: the standard library reads those, so the field can be named.
        return _parse_exactly(raw)
    try:
        return _checked(value, text_checked=True, exact=False)
    except _Inexact:
        # orjson reads an integer literal past 64 bits as a float: read it exactly to refuse it by name.
        return _parse_exactly(raw)


def _parse_exactly(raw: bytes) -> Any:
    # Given str, never bytes: json.loads(bytes) would guess UTF-16/32 and pass surrogates through.
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise e.BadRequest("syntax") from None
    return _checked(value, text_checked=False, exact=True)


class _Inexact(Exception):
    pass


def _where(path: tuple[str | int, ...]) -> str:
    return ".".join(str(part) for part in path) or "body"


_HUGE = float(2**63)


def check(value: Any, *, text_checked: bool = False, exact: bool = True) -> None:
    """Refuse what the store cannot keep: too deep (400), lone surrogates (400), integers outside
    64 bits, non-finite numbers and NUL characters (422, naming the field).

    ``text_checked``: the parser already refused invalid UTF-8 and lone surrogates (orjson does).
    ``exact``: numbers are as written; otherwise a float past 2^63 may have been an integer
    literal, and ``_Inexact`` asks for an exact parse."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            _check_text(item, where, text_checked)
        elif isinstance(item, bool) or item is None:
            continue
        elif isinstance(item, int):
            if not INT64_MIN <= item <= INT64_MAX:
                raise e.invalid("body", _where(where), "int64")
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise e.invalid("body", _where(where), "type", types=["number"])
            if not exact and abs(item) >= _HUGE:
                raise _Inexact
        elif isinstance(item, dict):
            if len(where) >= MAX_DEPTH:
                raise e.BadRequest("nesting", {"limit": MAX_DEPTH})
            for key, child in item.items():
                _check_text(key, where, text_checked)
                stack.append(((*where, key), child))
        elif isinstance(item, list):
            if len(where) >= MAX_DEPTH:
                raise e.BadRequest("nesting", {"limit": MAX_DEPTH})
            stack.extend(((*where, index), child) for index, child in enumerate(item))


def _check_text(text: str, where: tuple[str | int, ...], text_checked: bool) -> None:
    if "\x00" in text:
        raise e.invalid("body", _where(where), "nul")
    if not text_checked:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise e.BadRequest("syntax") from None
