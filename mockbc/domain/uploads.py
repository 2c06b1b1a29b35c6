"""Files uploaded through the API (product, variant, category and brand images), kept in memory
so the mock can serve them back under its own URL."""

from __future__ import annotations

from dataclasses import dataclass

from mockbc.domain.storage import TableSpec

# Upstream's limit on one image file (products_catalog.v3.yml, createProductImage).
MAX_FILE_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Upload:
    id: int
    data: bytes
    content_type: str  # what the bytes are, sniffed from them, never what the client claimed
    filename: str  # safe for a URL path segment
    # Bytes the store holds once this upload is kept. Uploads are only ever added (a reset drops them all), so the
    # latest one knows the total without a walk over every upload.
    held_bytes: int = 0


TABLES = (TableSpec("uploads", Upload),)
