"""Uploaded images: only real images, at most 8 MB, within the store's budget, served back by the
mock under its control plane with headers that keep them inert."""

from __future__ import annotations

import httpx
import pytest

from mockbc import Limits, Seed, Store
from mockbc.domain.errors import Invalid, LimitExceeded, PayloadTooLarge
from mockbc.http.app import MockApp
from mockbc.services import uploads

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
WEBP = b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 16


@pytest.mark.parametrize(
    ("data", "kind"), [(PNG, "image/png"), (JPEG, "image/jpeg"), (b"GIF89a....", "image/gif"), (WEBP, "image/webp")]
)
def test_images_are_kept_with_the_type_of_their_bytes(data: bytes, kind: str) -> None:
    store = Store("up1", Seed())

    upload = uploads.store_image(store, data, "photo.bin")

    assert (upload.content_type, upload.data, store.uploads.get(upload.id)) == (kind, data, upload)
    assert upload.filename.startswith("photo-bin.") or upload.filename.startswith("photo.bin.")


@pytest.mark.parametrize("data", [b"<svg onload=alert(1)>", b"<html><script>", b"", b"%PDF-1.4", b"\x89PN"])
def test_anything_but_an_image_is_refused(data: bytes) -> None:
    store = Store("up2", Seed())

    with pytest.raises(Invalid) as refused:
        uploads.store_image(store, data, "x.png")

    assert refused.value.fields == {"image_file": "not_an_image"}
    assert len(store.uploads) == 0


def test_a_file_over_8_mb_is_refused() -> None:
    store = Store("up3", Seed())

    with pytest.raises(PayloadTooLarge) as refused:
        uploads.store_image(store, PNG + b"\x00" * (8 * 1024 * 1024 - len(PNG) + 1), "big.png")

    assert refused.value.max_bytes == 8 * 1024 * 1024
    assert uploads.store_image(store, PNG + b"\x00" * (8 * 1024 * 1024 - len(PNG)), "fits.png").id == 1


def test_the_store_budget_bounds_memory() -> None:
    store = Store("up4", Seed(), limits=Limits(upload_bytes=100))
    uploads.store_image(store, PNG, "a.png")

    with pytest.raises(LimitExceeded):
        uploads.store_image(store, PNG, "b.png")


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd.png"),
        ("my photo.PNG", "my-photo.PNG"),
        ("C:\\\\x\\\\y.png", "y.png"),
        ("", "image.png"),
    ],
)
def test_filenames_are_made_safe_for_a_url(name: str, safe: str) -> None:
    assert uploads.safe_filename(name, "png") == safe


def test_an_upload_is_served_back_inert(app: MockApp, store: Store, client: httpx.Client) -> None:
    upload = uploads.store_image(store, PNG, "shot.png")

    response = client.get(f"/_mockbc/uploads/{store.store_hash}/{upload.id}/{upload.filename}")

    assert response.status_code == 200 and response.content == PNG
    assert response.headers["content-type"] == "image/png"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-security-policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize("tail", ["999/shot.png", "1/other.png", "abc/shot.png"])
def test_an_unknown_upload_is_404(store: Store, client: httpx.Client, tail: str) -> None:
    uploads.store_image(store, PNG, "shot.png")

    response = client.get(f"/_mockbc/uploads/{store.store_hash}/{tail}")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "No such upload.", "type": "/_mockbc/errors"}


def test_a_reset_drops_uploads(store: Store) -> None:
    uploads.store_image(store, PNG, "shot.png")
    store.reset()

    assert len(store.uploads) == 0
