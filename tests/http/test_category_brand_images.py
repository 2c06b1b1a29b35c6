"""Category and brand images through HTTP: an upload becomes the record's image_url on the
mock, served back with its bytes; a delete clears it."""

from __future__ import annotations

import struct
import zlib
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.events import Event

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog"
TYPE = "/api-docs/getting-started/api-status-codes"
PAYLOAD = "The request payload is invalid."
UPLOADS = f"http://mockbc.test/_mockbc/uploads/{DEFAULT_STORE_HASH}/"
MB8 = 8 * 1024 * 1024
# A 1x1 GIF: header, logical screen, a two-colour table, one image block, trailer.
GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def make_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00\xff\x00"))
        + chunk(b"IEND", b"")
    )


PNG = make_png()

# (collection path, an id of the demo store, the resource 404s and events name)
KINDS = [
    pytest.param("categories", 24, "category", id="category"),
    pytest.param("brands", 3, "brand", id="brand"),
]


def snapshot(store: Store) -> tuple[list[Any], ...]:
    return list(store.categories.values()), list(store.brands.values()), list(store.uploads.values())


def image_path(collection: str, record_id: int) -> str:
    return f"{V3}/{collection}/{record_id}/image"


def post_file(client: httpx.Client, path: str, data: bytes = PNG, name: str = "logo.png") -> httpx.Response:
    return client.post(path, files={"image_file": (name, data, "image/png")})


@pytest.mark.parametrize(("collection", "record_id", "resource"), KINDS)
def test_create_image_sets_image_url_to_the_served_upload(
    client: httpx.Client, store: Store, collection: str, record_id: int, resource: str
) -> None:
    response = post_file(client, image_path(collection, record_id))

    assert response.status_code == 200, response.text
    url = f"{UPLOADS}1/logo.png"
    assert response.json() == {"data": {"image_url": url}, "meta": {}}
    assert client.get(f"{V3}/{collection}/{record_id}").json()["data"]["image_url"] == url
    served = client.get(url)
    assert (served.status_code, served.content, served.headers["content-type"]) == (200, PNG, "image/png")


@pytest.mark.parametrize(("collection", "record_id", "resource"), KINDS)
def test_create_image_of_a_gif_keeps_its_type(
    client: httpx.Client, collection: str, record_id: int, resource: str
) -> None:
    url = post_file(client, image_path(collection, record_id), GIF, "badge.gif").json()["data"]["image_url"]

    assert client.get(url).headers["content-type"] == "image/gif"


@pytest.mark.parametrize(("collection", "record_id", "resource"), KINDS)
def test_create_image_again_replaces_image_url(
    client: httpx.Client, collection: str, record_id: int, resource: str
) -> None:
    post_file(client, image_path(collection, record_id), name="old.png")

    response = post_file(client, image_path(collection, record_id), name="new.png")

    assert response.json()["data"]["image_url"] == f"{UPLOADS}2/new.png"
    assert client.get(f"{V3}/{collection}/{record_id}").json()["data"]["image_url"] == f"{UPLOADS}2/new.png"


@pytest.mark.parametrize(("collection", "record_id", "resource"), KINDS)
def test_create_image_unknown_record_returns_404_and_keeps_no_file(
    client: httpx.Client, store: Store, collection: str, record_id: int, resource: str
) -> None:
    before = snapshot(store)

    response = post_file(client, image_path(collection, 999))

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": f"The requested {resource} was not found.", "type": TYPE}
    assert snapshot(store) == before


@pytest.mark.parametrize(("collection", "record_id", "resource"), KINDS)
def test_create_image_json_body_returns_415(
    client: httpx.Client, store: Store, collection: str, record_id: int, resource: str
) -> None:
    before = snapshot(store)

    response = client.post(image_path(collection, record_id), json={"image_url": "https://images.example.com/a.png"})

    assert response.status_code == 415
    assert response.json() == {
        "status": 415, "title": "The request Content-Type is not supported. Send multipart/form-data.", "type": TYPE,
    }  # fmt: skip
    assert snapshot(store) == before


@pytest.mark.parametrize(("collection", "record_id", "resource"), KINDS)
def test_create_image_without_image_file_returns_422(
    client: httpx.Client, store: Store, collection: str, record_id: int, resource: str
) -> None:
    before = snapshot(store)

    response = client.post(
        image_path(collection, record_id), files={"image_url": (None, "https://x.example.com/a.png")}
    )

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": PAYLOAD, "type": TYPE,
        "errors": {"image_file": "error.path.missing", "image_url": "is not a field this resource accepts"},
    }  # fmt: skip
    assert snapshot(store) == before


@pytest.mark.parametrize(("collection", "record_id", "resource"), KINDS)
def test_create_image_with_another_part_returns_422(
    client: httpx.Client, store: Store, collection: str, record_id: int, resource: str
) -> None:
    before = snapshot(store)

    response = client.post(
        image_path(collection, record_id), data={"description": "x"}, files={"image_file": ("a.png", PNG, "image/png")}
    )

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": PAYLOAD, "type": TYPE, "errors": {"description": "is not a field this resource accepts"},
    }  # fmt: skip
    assert snapshot(store) == before


@pytest.mark.parametrize(("collection", "record_id", "resource"), KINDS)
def test_create_image_of_a_non_image_returns_422(
    client: httpx.Client, store: Store, collection: str, record_id: int, resource: str
) -> None:
    before = snapshot(store)

    response = post_file(client, image_path(collection, record_id), b"%PDF-1.4 not a picture", "menu.pdf")

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": PAYLOAD, "type": TYPE, "errors": {"image_file": "must be a JPEG, PNG, GIF or WebP image"},
    }  # fmt: skip
    assert snapshot(store) == before


@pytest.mark.parametrize(("collection", "record_id", "resource"), KINDS)
def test_create_image_over_8_mb_returns_413(
    client: httpx.Client, store: Store, collection: str, record_id: int, resource: str
) -> None:
    before = snapshot(store)

    response = post_file(client, image_path(collection, record_id), PNG + b"\x00" * (MB8 + 1 - len(PNG)))

    assert response.status_code == 413
    assert response.json() == {
        "status": 413, "title": "The request payload is too large. The maximum size is 8388608 bytes.", "type": TYPE,
        "errors": {},
    }  # fmt: skip
    assert snapshot(store) == before


@pytest.mark.parametrize(("collection", "record_id", "resource"), KINDS)
def test_delete_image_clears_image_url(client: httpx.Client, collection: str, record_id: int, resource: str) -> None:
    post_file(client, image_path(collection, record_id))

    response = client.delete(image_path(collection, record_id))

    assert response.status_code == 204
    assert response.content == b""
    assert client.get(f"{V3}/{collection}/{record_id}").json()["data"]["image_url"] == ""


@pytest.mark.parametrize(("collection", "record_id", "resource"), KINDS)
def test_delete_image_of_a_record_without_one_returns_204_and_changes_nothing(
    client: httpx.Client, store: Store, collection: str, record_id: int, resource: str
) -> None:
    before = snapshot(store)

    response = client.delete(image_path(collection, record_id))

    assert response.status_code == 204
    assert snapshot(store) == before


@pytest.mark.parametrize(("collection", "record_id", "resource"), KINDS)
def test_delete_image_unknown_record_returns_404(
    client: httpx.Client, store: Store, collection: str, record_id: int, resource: str
) -> None:
    before = snapshot(store)

    response = client.delete(image_path(collection, 999))

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": f"The requested {resource} was not found.", "type": TYPE}
    assert snapshot(store) == before


@pytest.mark.parametrize(("collection", "record_id", "resource"), KINDS)
def test_image_writes_go_through_the_record_and_emit_its_update(
    client: httpx.Client, store: Store, collection: str, record_id: int, resource: str
) -> None:
    heard: list[Event] = []
    stop = store.subscribe(heard.append)
    try:
        post_file(client, image_path(collection, record_id))
        client.delete(image_path(collection, record_id))
        client.delete(image_path(collection, record_id))  # nothing left to clear: no event
    finally:
        stop()

    assert [(e.resource, e.action, e.id) for e in heard] == [(resource, "updated", record_id)] * 2


@pytest.mark.parametrize(("collection", "record_id", "resource"), KINDS)
def test_image_writes_need_the_modify_scope(
    scoped_client: Any, store: Store, collection: str, record_id: int, resource: str
) -> None:
    reader = scoped_client(["store_v2_products_read_only"])
    before = snapshot(store)

    response = post_file(reader, image_path(collection, record_id))

    assert response.status_code == 403
    assert snapshot(store) == before


def test_updateCategory_after_an_upload_keeps_the_image(client: httpx.Client) -> None:
    url = post_file(client, image_path("categories", 24)).json()["data"]["image_url"]

    response = client.put(
        f"{V3}/categories/24", json={"description": "Pots and pans", "name": "Kitchen", "parent_id": 0}
    )

    assert response.status_code == 200, response.text
    assert response.json()["data"]["image_url"] == url
