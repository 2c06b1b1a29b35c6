"""v3 catalog product images through HTTP: by URL and by upload, thumbnails, limits, inline
images on products, include=images / primary_image, and cascades."""

from __future__ import annotations

import struct
import zlib
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Limits, Store
from mockbc.domain.events import Event
from mockbc.domain.images import MAX_IMAGES_PER_PRODUCT
from mockbc.services import images as image_service

PRODUCTS = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/products"
TYPE = "/api-docs/getting-started/api-status-codes"
INVALID = "JSON data is missing or invalid"
PAYLOAD = "The request payload is invalid."
UPLOADS = f"http://mockbc.test/_mockbc/uploads/{DEFAULT_STORE_HASH}/"
URL = "https://images.example.com/mugs/enamel-mug.jpg"
NEW_PRODUCT = {"name": "Enamel Camp Mug", "type": "physical", "weight": 0.4, "price": 12.5}
MB8 = 8 * 1024 * 1024


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def make_png() -> bytes:
    """A real 1x1 red PNG."""
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", pixels) + _png_chunk(b"IEND", b"")


def make_jpeg() -> bytes:
    """The frame of a JPEG: start of image, a JFIF APP0 segment, end of image."""
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0 + b"\xff\xd9"


PNG = make_png()
JPEG = make_jpeg()


def images(product_id: int) -> str:
    return f"{PRODUCTS}/{product_id}/images"


def snapshot(store: Store) -> tuple[list[Any], ...]:
    return (
        list(store.product_images.values()),
        list(store.uploads.values()),
        list(store.products.values()),
    )


def add(client: httpx.Client, product_id: int = 77, **fields: Any) -> dict[str, Any]:
    response = client.post(images(product_id), json={"image_url": URL, **fields})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def upload(
    client: httpx.Client, product_id: int = 77, data: bytes = PNG, name: str = "shot.png", **fields: str
) -> httpx.Response:
    return client.post(images(product_id), data=fields, files={"image_file": (name, data, "image/png")})


def listed(client: httpx.Client, product_id: int = 77, **params: Any) -> list[dict[str, Any]]:
    response = client.get(images(product_id), params=params)
    if response.status_code == 204:
        return []
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = response.json()["data"]
    return data


def sized(url: str) -> dict[str, str]:
    return {f"url_{size}": f"{url}#{size}" for size in ("zoom", "standard", "thumbnail", "tiny")}


# --- list -----------------------------------------------------------------------------


def test_getProductImages_without_images_returns_204_with_no_body(client: httpx.Client) -> None:
    response = client.get(images(77))

    assert response.status_code == 204
    assert response.content == b""
    assert "content-type" not in response.headers


def test_getProductImages_unknown_product_returns_404(client: httpx.Client) -> None:
    response = client.get(images(999))

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}


def test_getProductImages_lists_by_sort_order_then_id(client: httpx.Client) -> None:
    first = add(client, sort_order=5)
    second = add(client, sort_order=1)
    third = add(client, sort_order=5)

    assert [i["id"] for i in listed(client)] == [second["id"], first["id"], third["id"]]


def test_getProductImages_pages(client: httpx.Client) -> None:
    ids = [add(client)["id"] for _ in range(3)]

    body = client.get(images(77), params={"limit": 2, "page": 2}).json()

    assert [i["id"] for i in body["data"]] == ids[2:]
    assert body["meta"]["pagination"] == {
        "total": 3, "count": 1, "per_page": 2, "current_page": 2, "total_pages": 2,
        "links": {"previous": "?page=1&limit=2", "current": "?page=2&limit=2"},
    }  # fmt: skip


def test_getProductImages_past_the_last_page_returns_200_and_no_data(client: httpx.Client) -> None:
    add(client)

    response = client.get(images(77), params={"page": 3})

    assert response.status_code == 200
    assert response.json()["data"] == []


def test_getProductImages_include_fields_keeps_only_those_and_id(client: httpx.Client) -> None:
    image = add(client, description="Front")

    assert listed(client, include_fields="description") == [{"id": image["id"], "description": "Front"}]


# --- create by URL --------------------------------------------------------------------


def test_createProductImage_by_url_keeps_the_url_and_derives_the_sizes(client: httpx.Client, store: Store) -> None:
    first_new = max(store.seed.product_images, default=0) + 1  # after the demo's own images
    response = client.post(images(77), json={"image_url": URL, "description": "Mug, front", "sort_order": 2})

    assert response.status_code == 200
    body = response.json()
    assert body["meta"] == {}
    data = body["data"]
    assert data == {
        "id": first_new, "product_id": 77, "is_thumbnail": True, "sort_order": 2, "description": "Mug, front",
        "image_url": URL, **sized(URL), "date_modified": data["date_modified"],
    }  # fmt: skip
    assert data["date_modified"].endswith("+00:00")
    assert client.get(f"{images(77)}/{first_new}").json()["data"] == data
    assert len(store.uploads) == 0  # a URL is kept, never fetched


def test_createProductImage_url_with_a_fragment_gets_the_size_fragment_instead(client: httpx.Client) -> None:
    data = add(client, image_url="https://cdn.example.com/a.png?v=2#top")

    assert data["url_tiny"] == "https://cdn.example.com/a.png?v=2#tiny"
    assert data["image_url"] == "https://cdn.example.com/a.png?v=2#top"


def test_createProductImage_without_image_url_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(images(77), json={"description": "No picture"})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "image_url must be present if uploading by url", "type": TYPE,
        "errors": {"image_url": "error.path.missing"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createProductImage_image_url_over_255_characters_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)
    long_url = "https://images.example.com/" + "a" * 229  # 256 characters

    response = client.post(images(77), json={"image_url": long_url})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": INVALID, "type": TYPE, "errors": {"image_url": "must be at most 255 characters long"},
    }  # fmt: skip
    assert snapshot(store) == before


@pytest.mark.parametrize(
    "url", ["mug.jpg", "ftp://images.example.com/mug.jpg", "javascript:alert(1)", "https:///mug.jpg",
            "https://images.example.com/a mug.jpg", "http://[::1/mug.jpg"],
)  # fmt: skip
def test_createProductImage_image_url_not_an_http_url_returns_422(client: httpx.Client, store: Store, url: str) -> None:
    before = snapshot(store)

    response = client.post(images(77), json={"image_url": url})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": PAYLOAD, "type": TYPE, "errors": {"image_url": "must be an absolute http or https URL"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createProductImage_image_file_in_json_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(images(77), json={"image_url": URL, "image_file": "mug.jpg"})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": INVALID, "type": TYPE, "errors": {"image_file": "is not a field this resource accepts"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createProductImage_unknown_product_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(images(999), json={"image_url": URL})

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}
    assert snapshot(store) == before


def test_createProductImage_read_only_fields_are_ignored(client: httpx.Client, store: Store) -> None:
    body = {"image_url": URL, "id": 5000, "product_id": 78, "url_zoom": "https://elsewhere.example.com/z.jpg"}
    data = client.post(images(77), json=body).json()["data"]

    first_new = max(store.seed.product_images, default=0) + 1  # after the demo's own images
    assert (data["id"], data["product_id"], data["url_zoom"]) == (first_new, 77, f"{URL}#zoom")


def test_createProductImage_text_body_returns_415(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(images(77), content=b"image_url=x", headers={"Content-Type": "text/plain"})

    assert response.status_code == 415
    assert response.json() == {
        "status": 415, "type": TYPE,
        "title": "The request Content-Type is not supported. Send application/json or multipart/form-data.",
    }  # fmt: skip
    assert snapshot(store) == before


# --- create by upload -----------------------------------------------------------------


@pytest.mark.parametrize(("data", "name", "kind"), [(PNG, "shot.png", "image/png"), (JPEG, "shot.jpg", "image/jpeg")])
def test_createProductImage_upload_is_served_back_by_the_mock(
    client: httpx.Client, store: Store, data: bytes, name: str, kind: str
) -> None:
    response = upload(client, data=data, name=name, description="Side", sort_order="4", is_thumbnail="false")

    assert response.status_code == 200, response.text
    image = response.json()["data"]
    url = image["image_url"]
    assert url == f"{UPLOADS}1/{name}"
    assert image == {
        "id": max(store.seed.product_images, default=0) + 1, "product_id": 77, "is_thumbnail": False, "sort_order": 4,
        "description": "Side",
        "image_url": url, **sized(url), "date_modified": image["date_modified"],
    }  # fmt: skip
    served = client.get(image["url_standard"])
    assert served.status_code == 200
    assert served.content == data
    assert served.headers["content-type"] == kind
    assert len(store.uploads) == 1


def test_createProductImage_upload_over_8_mb_returns_413_and_keeps_nothing(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)
    too_big = PNG + b"\x00" * (MB8 + 1 - len(PNG))

    response = upload(client, data=too_big, name="huge.png")

    assert response.status_code == 413
    assert response.json() == {
        "status": 413, "title": "The request payload is too large. The maximum size is 8388608 bytes.", "type": TYPE,
        "errors": {},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createProductImage_upload_of_exactly_8_mb_is_kept(client: httpx.Client, store: Store) -> None:
    response = upload(client, data=PNG + b"\x00" * (MB8 - len(PNG)), name="big.png")

    assert response.status_code == 200, response.text
    assert len(store.uploads) == 1


def test_createProductImage_upload_of_a_non_image_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = upload(client, data=b"<svg onload=alert(1)></svg>", name="logo.svg")

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": PAYLOAD, "type": TYPE, "errors": {"image_file": "must be a JPEG, PNG, GIF or WebP image"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createProductImage_unreadable_multipart_body_returns_400(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(images(77), content=b"--x\r\n", headers={"Content-Type": "multipart/form-data"})

    assert response.status_code == 400
    assert response.json() == {
        "status": 400, "title": "Input is invalid", "type": TYPE, "detail": "The multipart/form-data body could not be read",
    }  # fmt: skip
    assert snapshot(store) == before


def test_createProductImage_upload_beyond_the_store_budget_returns_422(
    client: httpx.Client, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "limits", Limits(upload_bytes=len(PNG) + 1))
    assert upload(client).status_code == 200
    before = snapshot(store)

    response = upload(client)

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The store's upload storage is full.", "type": TYPE,
        "errors": {"image_file": f"The store keeps at most {len(PNG) + 1} bytes of uploaded files."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createProductImage_multipart_without_image_file_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(images(77), files={"image_url": (None, URL), "description": (None, "Front")})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "image_url must be present if uploading by url", "type": TYPE,
        "errors": {"image_file": "error.path.missing"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createProductImage_multipart_with_image_url_and_a_file_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = upload(client, image_url=URL)

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": PAYLOAD, "type": TYPE,
        "errors": {"image_url": "goes in a JSON body; a multipart/form-data body carries an image_file"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createProductImage_multipart_bad_fields_return_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(
        images(77),
        data={"is_thumbnail": "maybe", "sort_order": "2147483648", "colour": "red"},
        files={"image_file": ("a.png", PNG, "image/png"), "extra": ("b.png", PNG, "image/png")},
    )

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": PAYLOAD, "type": TYPE,
        "errors": {
            "extra": "is not a field this resource accepts", "is_thumbnail": "'maybe' is not a boolean",
            "sort_order": "must be at most 2147483647", "colour": "is not a field this resource accepts",
        },
    }  # fmt: skip
    assert snapshot(store) == before


def test_createProductImage_multipart_sort_order_not_an_integer_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = upload(client, sort_order="1_000")

    assert response.status_code == 422
    assert response.json()["errors"] == {"sort_order": "'1_000' is not an integer"}
    assert snapshot(store) == before


def test_createProductImage_multipart_read_only_fields_are_ignored(client: httpx.Client) -> None:
    response = client.post(
        images(77),
        data={"product_id": "78", "date_modified": "2020-01-01T00:00:00Z"},
        files={"image_file": ("shot.png", PNG, "image/png")},
    )

    assert response.status_code == 200, response.text
    assert response.json()["data"]["product_id"] == 77


def test_createProductImage_upload_unknown_product_returns_404_and_keeps_no_file(
    client: httpx.Client, store: Store
) -> None:
    before = snapshot(store)

    response = upload(client, product_id=999)

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}
    assert snapshot(store) == before


# --- thumbnails -----------------------------------------------------------------------


def test_createProductImage_first_image_becomes_the_thumbnail_and_later_ones_do_not(client: httpx.Client) -> None:
    first, second = add(client), add(client)

    assert (first["is_thumbnail"], second["is_thumbnail"]) == (True, False)


def test_createProductImage_first_image_with_is_thumbnail_false_stays_false(client: httpx.Client) -> None:
    assert add(client, is_thumbnail=False)["is_thumbnail"] is False
    assert add(client)["is_thumbnail"] is True  # the product still had no thumbnail


def test_createProductImage_is_thumbnail_clears_the_previous_thumbnail(client: httpx.Client) -> None:
    first = add(client)
    second = add(client, is_thumbnail=True)

    assert [(i["id"], i["is_thumbnail"]) for i in listed(client)] == [(first["id"], False), (second["id"], True)]


def test_updateProductImage_is_thumbnail_clears_every_other(client: httpx.Client) -> None:
    ids = [add(client)["id"] for _ in range(3)]

    response = client.put(f"{images(77)}/{ids[2]}", json={"is_thumbnail": True})

    assert response.status_code == 200
    assert [i["is_thumbnail"] for i in listed(client)] == [False, False, True]


def test_updateProductImage_is_thumbnail_false_leaves_the_product_without_one(client: httpx.Client) -> None:
    image = add(client)

    client.put(f"{images(77)}/{image['id']}", json={"is_thumbnail": False})

    assert [i["is_thumbnail"] for i in listed(client)] == [False]
    assert "primary_image" not in client.get(f"{PRODUCTS}/77", params={"include": "primary_image"}).json()["data"]


def test_deleteProductImage_of_the_thumbnail_promotes_the_first_left(client: httpx.Client) -> None:
    thumbnail = add(client, sort_order=0)
    later = add(client, sort_order=9)
    earlier = add(client, sort_order=3)

    assert client.delete(f"{images(77)}/{thumbnail['id']}").status_code == 204

    assert [(i["id"], i["is_thumbnail"]) for i in listed(client)] == [(earlier["id"], True), (later["id"], False)]


def test_thumbnails_are_per_product(client: httpx.Client) -> None:
    mine, theirs = add(client, 77), add(client, 78)

    add(client, 77, is_thumbnail=True)

    assert client.get(f"{images(78)}/{theirs['id']}").json()["data"]["is_thumbnail"] is True
    assert client.get(f"{images(77)}/{mine['id']}").json()["data"]["is_thumbnail"] is False


# --- get, update, delete --------------------------------------------------------------


def test_getProductImage_include_and_exclude_fields(client: httpx.Client) -> None:
    image = add(client, description="Front")

    included = client.get(f"{images(77)}/{image['id']}", params={"include_fields": "description"}).json()["data"]
    excluded = client.get(f"{images(77)}/{image['id']}", params={"exclude_fields": "id,url_zoom,url_tiny"}).json()

    assert included == {"id": image["id"], "description": "Front"}
    assert set(excluded["data"]) == set(image) - {"url_zoom", "url_tiny"}


@pytest.mark.parametrize("path", ["77/images/999", "78/images/1"])
def test_getProductImage_unknown_or_of_another_product_returns_404(client: httpx.Client, path: str) -> None:
    add(client, 77)

    response = client.get(f"{PRODUCTS}/{path}")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product image was not found.", "type": TYPE}


def test_updateProductImage_changes_only_the_fields_sent(client: httpx.Client) -> None:
    image = add(client, description="Front", sort_order=1)

    response = client.put(f"{images(77)}/{image['id']}", json={"description": "Back"})

    assert response.status_code == 200
    after = response.json()["data"]
    assert {k: v for k, v in after.items() if k not in ("description", "date_modified")} == {
        k: v for k, v in image.items() if k not in ("description", "date_modified")
    }
    assert after["description"] == "Back"
    assert after["date_modified"] >= image["date_modified"]


def test_updateProductImage_new_image_url_replaces_the_sizes(client: httpx.Client) -> None:
    image = add(client)
    new_url = "https://images.example.com/mugs/enamel-mug-2.png"

    data = client.put(f"{images(77)}/{image['id']}", json={"image_url": new_url}).json()["data"]

    assert {k: data[k] for k in ("image_url", *sized(new_url))} == {"image_url": new_url, **sized(new_url)}


def test_updateProductImage_upload_replaces_the_file(client: httpx.Client, store: Store) -> None:
    image = add(client)

    response = client.put(
        f"{images(77)}/{image['id']}",
        data={"description": "Photo"},
        files={"image_file": ("p.jpg", JPEG, "image/jpeg")},
    )

    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert (data["image_url"], data["description"], data["is_thumbnail"]) == (f"{UPLOADS}1/p.jpg", "Photo", True)
    assert client.get(data["url_zoom"]).content == JPEG


def test_updateProductImage_multipart_without_a_file_changes_the_fields(client: httpx.Client) -> None:
    image = add(client)

    response = client.put(f"{images(77)}/{image['id']}", files={"sort_order": (None, "-3")})

    assert response.status_code == 200, response.text
    assert (response.json()["data"]["sort_order"], response.json()["data"]["image_url"]) == (-3, URL)


def test_updateProductImage_a_get_body_sent_back_round_trips(client: httpx.Client) -> None:
    image = add(client, description="Front")

    response = client.put(f"{images(77)}/{image['id']}", json=image)

    assert response.status_code == 200, response.text
    assert {k: v for k, v in response.json()["data"].items() if k != "date_modified"} == {
        k: v for k, v in image.items() if k != "date_modified"
    }


def test_updateProductImage_bad_image_url_returns_422(client: httpx.Client, store: Store) -> None:
    image = add(client)
    before = snapshot(store)

    response = client.put(f"{images(77)}/{image['id']}", json={"image_url": "", "description": "x"})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": PAYLOAD, "type": TYPE, "errors": {"image_url": "must be an absolute http or https URL"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_updateProductImage_upload_of_a_non_image_returns_422(client: httpx.Client, store: Store) -> None:
    image = add(client)
    before = snapshot(store)

    response = client.put(f"{images(77)}/{image['id']}", files={"image_file": ("a.txt", b"hello", "text/plain")})

    assert response.status_code == 422
    assert response.json()["errors"] == {"image_file": "must be a JPEG, PNG, GIF or WebP image"}
    assert snapshot(store) == before


def test_updateProductImage_unknown_image_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{images(77)}/5", json={"description": "x"})

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product image was not found.", "type": TYPE}
    assert snapshot(store) == before


def test_deleteProductImage_deletes_it(client: httpx.Client) -> None:
    image = add(client)

    response = client.delete(f"{images(77)}/{image['id']}")

    assert response.status_code == 204
    assert response.content == b""
    assert client.get(f"{images(77)}/{image['id']}").status_code == 404
    assert client.get(images(77)).status_code == 204


def test_deleteProductImage_unknown_image_returns_404(client: httpx.Client, store: Store) -> None:
    add(client, 78)
    before = snapshot(store)

    response = client.delete(f"{images(77)}/1")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product image was not found.", "type": TYPE}
    assert snapshot(store) == before


def test_image_writes_need_the_modify_scope(scoped_client: Any, store: Store) -> None:
    reader = scoped_client(["store_v2_products_read_only"])
    before = snapshot(store)

    assert reader.get(images(77)).status_code == 204
    response = reader.post(images(77), json={"image_url": URL})

    assert response.status_code == 403
    assert snapshot(store) == before


def test_image_writes_emit_events(client: httpx.Client, store: Store) -> None:
    heard: list[Event] = []
    stop = store.subscribe(heard.append)
    try:
        first = add(client)
        second = add(client, is_thumbnail=True)
        client.delete(f"{images(77)}/{second['id']}")
    finally:
        stop()

    assert [(e.resource, e.action, e.id) for e in heard] == [
        ("product/image", "created", first["id"]),
        ("product/image", "updated", first["id"]),  # no longer the thumbnail
        ("product/image", "created", second["id"]),
        ("product/image", "deleted", second["id"]),
        ("product/image", "updated", first["id"]),  # the thumbnail again
    ]


# --- the 1,000-image limit ------------------------------------------------------------


def _fill(store: Store, product_id: int, count: int) -> None:
    for n in range(count):
        image_service.create(store, product_id, {"image_url": f"https://images.example.com/{n}.jpg"})


def test_createProductImage_beyond_1000_images_returns_422(client: httpx.Client, store: Store) -> None:
    _fill(store, 77, MAX_IMAGES_PER_PRODUCT)
    before = snapshot(store)

    by_url = client.post(images(77), json={"image_url": URL})
    by_file = upload(client)

    expected = {
        "status": 422, "title": "The product image limit has been reached.", "type": TYPE,
        "errors": {"images": "A product can have at most 1000 images."},
    }  # fmt: skip
    assert (by_url.status_code, by_url.json()) == (422, expected)
    assert (by_file.status_code, by_file.json()) == (422, expected)
    assert snapshot(store) == before
    assert client.get(images(77), params={"limit": 1}).json()["meta"]["pagination"]["total"] == 1000


def test_createProductImage_the_1000th_image_is_accepted(client: httpx.Client, store: Store) -> None:
    _fill(store, 77, MAX_IMAGES_PER_PRODUCT - 1)

    assert client.post(images(77), json={"image_url": URL}).status_code == 200


# --- inline on products ---------------------------------------------------------------


def test_createProduct_with_inline_images_adds_them(client: httpx.Client) -> None:
    body = {**NEW_PRODUCT, "images": [{"image_url": URL, "description": "Front"}, {"image_url": f"{URL}?v=2"}]}

    response = client.post(PRODUCTS, json=body)

    assert response.status_code == 200, response.text
    product_id = response.json()["data"]["id"]
    found = listed(client, product_id)
    assert [(i["image_url"], i["description"], i["is_thumbnail"]) for i in found] == [
        (URL, "Front", True), (f"{URL}?v=2", "", False),
    ]  # fmt: skip


def test_createProduct_inline_image_ids_are_read_only(client: httpx.Client) -> None:
    existing = add(client, 78)
    body = {**NEW_PRODUCT, "images": [{"id": existing["id"], "image_url": URL, "description": "Copy"}]}

    product_id = client.post(PRODUCTS, json=body).json()["data"]["id"]

    (copy,) = listed(client, product_id)
    assert copy["id"] != existing["id"] and copy["description"] == "Copy"
    assert client.get(f"{images(78)}/{existing['id']}").json()["data"]["description"] == ""


def test_createProduct_inline_image_without_url_returns_422_and_writes_nothing(
    client: httpx.Client, store: Store
) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW_PRODUCT, "images": [{"image_url": URL}, {"description": "none"}]})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": PAYLOAD, "type": TYPE, "errors": {"images.1.image_url": "error.path.missing"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createProduct_inline_image_url_over_255_characters_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW_PRODUCT, "images": [{"image_url": URL + "x" * 255}]})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": PAYLOAD, "type": TYPE, "errors": {"images.0.image_url": "must be at most 255 characters long"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createProduct_with_more_than_1000_inline_images_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)
    many = [{"image_url": f"https://images.example.com/{n}.jpg"} for n in range(MAX_IMAGES_PER_PRODUCT + 1)]

    response = client.post(PRODUCTS, json={**NEW_PRODUCT, "images": many})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": "The product image limit has been reached.", "type": TYPE,
        "errors": {"images": "A product can have at most 1000 images."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_updateProduct_inline_images_add_new_ones_and_change_those_with_an_id(client: httpx.Client) -> None:
    kept, changed = add(client), add(client)

    response = client.put(
        f"{PRODUCTS}/77",
        json={"images": [{"id": changed["id"], "description": "Changed", "is_thumbnail": True}, {"image_url": URL}]},
    )

    assert response.status_code == 200, response.text
    found = {i["id"]: i for i in listed(client)}
    assert len(found) == 3
    assert (found[kept["id"]]["is_thumbnail"], found[changed["id"]]["is_thumbnail"]) == (False, True)
    assert found[changed["id"]]["description"] == "Changed"
    (new,) = [i for i in found.values() if i["id"] not in (kept["id"], changed["id"])]
    assert (new["image_url"], new["is_thumbnail"]) == (URL, False)


def test_updateProduct_inline_image_of_another_product_returns_422(client: httpx.Client, store: Store) -> None:
    theirs = add(client, 78)
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/77", json={"price": 1, "images": [{"id": theirs["id"], "description": "x"}]})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": PAYLOAD, "type": TYPE,
        "errors": {"images.0.id": f"The product image {theirs['id']} does not exist."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_updateProduct_inline_images_beyond_1000_returns_422(client: httpx.Client, store: Store) -> None:
    _fill(store, 77, MAX_IMAGES_PER_PRODUCT - 1)
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/77", json={"images": [{"image_url": URL}, {"image_url": URL}]})

    assert response.status_code == 422
    assert response.json()["errors"] == {"images": "A product can have at most 1000 images."}
    assert snapshot(store) == before


def test_updateProducts_batch_ignores_inline_images(client: httpx.Client, store: Store) -> None:
    response = client.put(PRODUCTS, json=[{"id": 77, "images": [{"image_url": URL}]}])

    assert response.status_code == 200, response.text
    assert len(store.product_images) == len(store.seed.product_images)  # the demo's own, untouched


# --- include= on products -------------------------------------------------------------


def test_getProduct_include_images_lists_them_in_order(client: httpx.Client) -> None:
    second = add(client, sort_order=2)
    first = add(client, sort_order=1)

    data = client.get(f"{PRODUCTS}/77", params={"include": "images"}).json()["data"]

    assert data["images"] == [first, second]


def test_getProduct_include_primary_image_is_the_thumbnail(client: httpx.Client) -> None:
    add(client)
    thumbnail = add(client, is_thumbnail=True, image_url="https://images.example.com/photos/front%20view.png")

    data = client.get(f"{PRODUCTS}/77", params={"include": "primary_image"}).json()["data"]

    assert data["primary_image"] == {**thumbnail, "image_file": "front%20view.png"}
    assert "images" not in data


def test_getProduct_include_primary_image_of_an_upload_names_its_file(client: httpx.Client) -> None:
    upload(client, name="front.png")

    data = client.get(f"{PRODUCTS}/77", params={"include": "primary_image"}).json()["data"]

    assert data["primary_image"]["image_file"] == "front.png"
    assert data["primary_image"]["url_thumbnail"] == f"{UPLOADS}1/front.png#thumbnail"


def test_getProduct_without_images_has_no_primary_image(client: httpx.Client) -> None:
    data = client.get(f"{PRODUCTS}/77", params={"include": "images,primary_image"}).json()["data"]

    assert data["images"] == []
    assert "primary_image" not in data


def test_getProducts_include_images_and_primary_image_per_product(client: httpx.Client) -> None:
    image = add(client, 78)

    data = client.get(PRODUCTS, params={"id:in": "77,78", "include": "images,primary_image"}).json()["data"]

    assert [(p["id"], p["images"], p.get("primary_image")) for p in data] == [
        (77, [], None), (78, [image], {**image, "image_file": "enamel-mug.jpg"}),
    ]  # fmt: skip


def test_getProduct_with_images_then_put_same_body_round_trips(client: httpx.Client, store: Store) -> None:
    add(client)
    before = client.get(f"{PRODUCTS}/77", params={"include": "images,primary_image"}).json()["data"]

    response = client.put(f"{PRODUCTS}/77", json=before)

    assert response.status_code == 200, response.text
    assert len(store.product_images) == len(store.seed.product_images) + 1


# --- cascades -------------------------------------------------------------------------


def test_deleteProduct_deletes_its_images(client: httpx.Client, store: Store) -> None:
    add(client, 77)
    add(client, 77)
    other = add(client, 78)

    assert client.delete(f"{PRODUCTS}/77").status_code == 204

    assert [i.id for i in store.product_images.values() if i.id not in store.seed.product_images] == [other["id"]]
    assert client.get(images(77)).status_code == 404


def test_deleteProducts_by_filter_deletes_their_images(client: httpx.Client, store: Store) -> None:
    add(client, 77)
    add(client, 78)

    assert client.delete(PRODUCTS, params={"id:in": "77,78"}).status_code == 204

    assert len(store.product_images) == len(store.seed.product_images)  # 77 and 78 have none of the demo's
