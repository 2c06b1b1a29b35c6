"""Keeping uploaded images: only real images are taken (the bytes are sniffed), at most 8 MB
each, and at most ``Limits.upload_bytes`` in one store, so an upload cannot fill memory."""

from __future__ import annotations

import re

from mockbc.domain.errors import NotFound, PayloadTooLarge, invalid, limit_exceeded
from mockbc.domain.uploads import MAX_FILE_BYTES, Upload
from mockbc.store.store import Store

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# Magic numbers of the image formats a storefront shows. SVG is not among them: it can carry
# script, and the mock serves uploads from its own origin, where the control plane lives.
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
)


def sniff(data: bytes) -> tuple[str, str] | None:
    """``(content_type, extension)`` of an image the mock takes, or ``None``."""
    for signature, content_type, extension in _SIGNATURES:
        if data.startswith(signature):
            return content_type, extension
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", "webp"
    return None


def safe_filename(filename: str, extension: str) -> str:
    stem = _UNSAFE.sub("-", filename.replace("\\", "/").rsplit("/", 1)[-1]).strip(".-")[:80] or "image"
    return stem if stem.lower().endswith(f".{extension}") else f"{stem}.{extension}"


def held_bytes(store: Store) -> int:
    """What the store's uploads hold, read from the latest one."""
    last_id = store.sequence("uploads").last
    latest: Upload | None = None if last_id is None else store.uploads.get(last_id)
    return 0 if latest is None else latest.held_bytes


def store_image(store: Store, data: bytes, filename: str, *, field: str = "image_file") -> Upload:
    """Keep an uploaded image; refuses what is not an image (422), over 8 MB (413), or over the
    store's upload budget (422)."""
    if len(data) > MAX_FILE_BYTES:
        raise PayloadTooLarge(max_bytes=MAX_FILE_BYTES)
    sniffed = sniff(data)
    if sniffed is None:
        raise invalid("payload", field, "not_an_image")
    held = held_bytes(store) + len(data)
    if held > store.limits.upload_bytes:
        raise limit_exceeded("upload_limit", field, "upload_limit", limit=store.limits.upload_bytes)
    content_type, extension = sniffed
    upload = Upload(store.next_id("uploads"), data, content_type, safe_filename(filename, extension), held)
    store.uploads.put(upload.id, upload)
    return upload


def get(store: Store, upload_id: int) -> Upload:
    upload: Upload | None = store.uploads.get(upload_id)
    if upload is None:
        raise NotFound("upload", upload_id)
    return upload
