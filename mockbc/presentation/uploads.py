"""Where the mock serves an uploaded file: under its own control plane, on the request's host."""

from __future__ import annotations

from mockbc.domain.uploads import Upload
from mockbc.presentation.call import Call

UPLOADS_PATH = "/_mockbc/uploads"


def upload_url(call: Call, upload: Upload) -> str:
    """``http://127.0.0.1:8000/_mockbc/uploads/{store_hash}/{id}/{filename}``."""
    return f"{call.base_url}{UPLOADS_PATH}/{call.store.store_hash}/{upload.id}/{upload.filename}"
