"""v3 catalog product videos through HTTP: the five operations, inline videos on products,
include=videos, and cascades."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.events import Event

PRODUCTS = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/products"
TYPE = "/api-docs/getting-started/api-status-codes"
INVALID = "JSON data is missing or invalid"
PAYLOAD = "The request payload is invalid."
NEW_PRODUCT = {"name": "Enamel Camp Mug", "type": "physical", "weight": 0.4, "price": 12.5}
VIDEO_ID = "dQw4w9WgXcQ"


def videos(product_id: int) -> str:
    return f"{PRODUCTS}/{product_id}/videos"


def snapshot(store: Store) -> tuple[list[Any], ...]:
    return list(store.product_videos.values()), list(store.products.values())


def add(client: httpx.Client, product_id: int = 77, **fields: Any) -> dict[str, Any]:
    response = client.post(videos(product_id), json={"video_id": VIDEO_ID, **fields})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def listed(client: httpx.Client, product_id: int = 77, **params: Any) -> list[dict[str, Any]]:
    response = client.get(videos(product_id), params=params)
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = response.json()["data"]
    return data


# --- list -----------------------------------------------------------------------------


def test_getProductVideos_without_videos_returns_200_and_an_empty_page(client: httpx.Client) -> None:
    response = client.get(videos(77))

    assert response.status_code == 200
    assert response.json() == {
        "data": [],
        "meta": {"pagination": {"total": 0, "count": 0, "per_page": 50, "current_page": 1, "total_pages": 0,
                                "links": {"current": "?page=1&limit=50"}}},
    }  # fmt: skip


def test_getProductVideos_unknown_product_returns_404(client: httpx.Client) -> None:
    response = client.get(videos(999))

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}


def test_getProductVideos_lists_by_sort_order_then_id_and_pages(client: httpx.Client) -> None:
    late = add(client, sort_order=3)
    early = add(client, sort_order=-1)
    tie = add(client, sort_order=3)

    assert [v["id"] for v in listed(client)] == [early["id"], late["id"], tie["id"]]
    assert [v["id"] for v in listed(client, limit=2, page=2)] == [tie["id"]]


def test_getProductVideos_include_fields_keeps_only_those_and_id(client: httpx.Client) -> None:
    video = add(client, title="Unboxing")

    assert listed(client, include_fields="title") == [{"id": video["id"], "title": "Unboxing"}]


# --- create ---------------------------------------------------------------------------


def test_createProductVideo_returns_the_video_with_defaults(client: httpx.Client, store: Store) -> None:
    first_new = max(store.seed.product_videos, default=0) + 1  # after the demo's own videos

    response = client.post(videos(77), json={"video_id": VIDEO_ID})

    assert response.status_code == 200
    assert response.json() == {
        "data": {"id": first_new, "product_id": 77, "video_id": VIDEO_ID, "type": "youtube", "title": "", "description": "",
                 "sort_order": 0, "length": "00:00"},
        "meta": {},
    }  # fmt: skip


def test_createProductVideo_keeps_every_field_sent(client: httpx.Client) -> None:
    data = add(client, type="youtube", title="How to pack it", description="Two minutes.", sort_order=4)

    assert {k: data[k] for k in ("title", "description", "sort_order")} == {
        "title": "How to pack it", "description": "Two minutes.", "sort_order": 4,
    }  # fmt: skip
    assert client.get(f"{videos(77)}/{data['id']}").json()["data"] == data


def test_createProductVideo_read_only_fields_are_ignored(client: httpx.Client, store: Store) -> None:
    body = {"video_id": VIDEO_ID, "id": 900, "product_id": 78, "length": "12:00"}
    data = client.post(videos(77), json=body).json()["data"]

    first_new = max(store.seed.product_videos, default=0) + 1  # after the demo's own videos
    assert (data["id"], data["product_id"], data["length"]) == (first_new, 77, "00:00")


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"title": "No id"}, {"video_id": "error.path.missing"}),
        ({"video_id": ""}, {"video_id": "must be at least 1 characters long"}),
        ({"video_id": "x" * 26}, {"video_id": "must be at most 25 characters long"}),
        ({"video_id": VIDEO_ID, "type": "vimeo"}, {"type": "must be one of: youtube"}),
        ({"video_id": VIDEO_ID, "title": "t" * 256}, {"title": "must be at most 255 characters long"}),
        ({"video_id": VIDEO_ID, "sort_order": 2**31}, {"sort_order": "must be at most 2147483647"}),
        ({"video_id": VIDEO_ID, "colour": "red"}, {"colour": "is not a field this resource accepts"}),
    ],
)
def test_createProductVideo_invalid_body_returns_422(
    client: httpx.Client, store: Store, body: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(videos(77), json=body)

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": INVALID, "type": TYPE, "errors": errors}
    assert snapshot(store) == before


@pytest.mark.parametrize("video_id", ["watch?v=abc", "has space", "<script>"])
def test_createProductVideo_not_a_youtube_id_returns_422(client: httpx.Client, store: Store, video_id: str) -> None:
    before = snapshot(store)

    response = client.post(videos(77), json={"video_id": video_id})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": PAYLOAD, "type": TYPE,
        "errors": {"video_id": "must be a YouTube video id: letters, digits, '-' and '_'"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createProductVideo_unknown_product_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(videos(999), json={"video_id": VIDEO_ID})

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}
    assert snapshot(store) == before


def test_createProductVideo_multipart_body_returns_415(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(videos(77), files={"video_id": (None, VIDEO_ID)})

    assert response.status_code == 415
    assert response.json() == {
        "status": 415, "title": "The request Content-Type is not supported. Send application/json.", "type": TYPE,
    }  # fmt: skip
    assert snapshot(store) == before


# --- get, update, delete --------------------------------------------------------------


@pytest.mark.parametrize("path", ["77/videos/999", "78/videos/1"])
def test_getProductVideo_unknown_or_of_another_product_returns_404(client: httpx.Client, path: str) -> None:
    add(client, 77)

    response = client.get(f"{PRODUCTS}/{path}")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product video was not found.", "type": TYPE}


@pytest.mark.parametrize("raw_id", ["abc", "0", "-1"])
def test_getProductVideo_unreadable_id_returns_404_naming_the_video(client: httpx.Client, raw_id: str) -> None:
    response = client.get(f"{videos(77)}/{raw_id}")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product video was not found.", "type": TYPE}


def test_getProductVideo_exclude_fields(client: httpx.Client) -> None:
    video = add(client)

    data = client.get(f"{videos(77)}/{video['id']}", params={"exclude_fields": "id,length,description"}).json()["data"]

    assert data == {k: v for k, v in video.items() if k not in ("length", "description")}


def test_updateProductVideo_changes_only_the_fields_sent(client: httpx.Client) -> None:
    video = add(client, title="Old", sort_order=2)

    response = client.put(f"{videos(77)}/{video['id']}", json={"title": "New", "description": "Longer"})

    assert response.status_code == 200
    assert response.json() == {"data": {**video, "title": "New", "description": "Longer"}, "meta": {}}


def test_updateProductVideo_video_id_is_read_only(client: httpx.Client) -> None:
    video = add(client)

    response = client.put(f"{videos(77)}/{video['id']}", json={"video_id": "abcDEF12_-x", "title": "Renamed"})

    assert response.status_code == 200
    assert response.json()["data"] == {**video, "title": "Renamed"}


def test_updateProductVideo_a_get_body_sent_back_round_trips(client: httpx.Client) -> None:
    video = add(client, title="Same")

    response = client.put(f"{videos(77)}/{video['id']}", json=video)

    assert response.status_code == 200
    assert response.json()["data"] == video


def test_updateProductVideo_title_over_255_characters_returns_422(client: httpx.Client, store: Store) -> None:
    video = add(client)
    before = snapshot(store)

    response = client.put(f"{videos(77)}/{video['id']}", json={"title": "t" * 256})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": INVALID, "type": TYPE, "errors": {"title": "must be at most 255 characters long"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_updateProductVideo_unknown_video_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{videos(77)}/3", json={"title": "x"})

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product video was not found.", "type": TYPE}
    assert snapshot(store) == before


def test_deleteProductVideo_deletes_it(client: httpx.Client) -> None:
    video = add(client)

    response = client.delete(f"{videos(77)}/{video['id']}")

    assert response.status_code == 204
    assert client.get(f"{videos(77)}/{video['id']}").status_code == 404
    assert listed(client) == []


def test_deleteProductVideo_unknown_video_returns_404(client: httpx.Client, store: Store) -> None:
    add(client, 78)
    before = snapshot(store)

    response = client.delete(f"{videos(77)}/1")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product video was not found.", "type": TYPE}
    assert snapshot(store) == before


def test_video_writes_emit_events(client: httpx.Client, store: Store) -> None:
    heard: list[Event] = []
    stop = store.subscribe(heard.append)
    try:
        video = add(client)
        client.put(f"{videos(77)}/{video['id']}", json={"title": "x"})
        client.delete(f"{videos(77)}/{video['id']}")
    finally:
        stop()

    assert [(e.resource, e.action, e.id) for e in heard] == [
        ("product/video", "created", video["id"]),
        ("product/video", "updated", video["id"]),
        ("product/video", "deleted", video["id"]),
    ]


# --- inline on products and include=videos --------------------------------------------


def test_createProduct_with_inline_videos_adds_them(client: httpx.Client) -> None:
    body = {**NEW_PRODUCT, "videos": [{"video_id": VIDEO_ID, "title": "Intro"}, {"video_id": "abc", "sort_order": -1}]}

    response = client.post(PRODUCTS, json=body)

    assert response.status_code == 200, response.text
    product_id = response.json()["data"]["id"]
    assert [(v["video_id"], v["title"]) for v in listed(client, product_id)] == [("abc", ""), (VIDEO_ID, "Intro")]


def test_createProduct_inline_video_without_video_id_returns_422_and_writes_nothing(
    client: httpx.Client, store: Store
) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW_PRODUCT, "videos": [{"title": "No id"}]})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": PAYLOAD, "type": TYPE, "errors": {"videos.0.video_id": "error.path.missing"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_createProduct_inline_video_id_too_long_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCTS, json={**NEW_PRODUCT, "videos": [{"video_id": "v" * 26}]})

    assert response.status_code == 422
    assert response.json()["errors"] == {"videos.0.video_id": "must be at most 25 characters long"}
    assert snapshot(store) == before


def test_updateProduct_inline_videos_add_new_ones_and_change_those_with_an_id(client: httpx.Client) -> None:
    video = add(client, title="Old")

    response = client.put(f"{PRODUCTS}/77", json={"videos": [{"id": video["id"], "title": "New"}, {"video_id": "xyz"}]})

    assert response.status_code == 200, response.text
    assert [(v["id"], v["video_id"], v["title"]) for v in listed(client)] == [
        (video["id"], VIDEO_ID, "New"), (video["id"] + 1, "xyz", ""),
    ]  # fmt: skip


def test_updateProduct_inline_video_of_another_product_returns_422(client: httpx.Client, store: Store) -> None:
    theirs = add(client, 78)
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/77", json={"videos": [{"id": theirs["id"], "title": "x"}]})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": PAYLOAD, "type": TYPE,
        "errors": {"videos.0.id": f"The product video {theirs['id']} does not exist."},
    }  # fmt: skip
    assert snapshot(store) == before


def test_getProduct_include_videos_lists_them(client: httpx.Client) -> None:
    video = add(client)

    with_videos = client.get(f"{PRODUCTS}/77", params={"include": "videos"}).json()["data"]
    without = client.get(f"{PRODUCTS}/78", params={"include": "videos"}).json()["data"]

    assert (with_videos["videos"], without["videos"]) == ([video], [])


def test_getProduct_with_videos_then_put_same_body_round_trips(client: httpx.Client, store: Store) -> None:
    add(client)
    before = client.get(f"{PRODUCTS}/77", params={"include": "videos"}).json()["data"]

    response = client.put(f"{PRODUCTS}/77", json=before)

    assert response.status_code == 200, response.text
    assert len(store.product_videos) == len(store.seed.product_videos) + 1


def test_deleteProduct_deletes_its_videos(client: httpx.Client, store: Store) -> None:
    add(client, 77)
    other = add(client, 78)

    assert client.delete(f"{PRODUCTS}/77").status_code == 204

    assert [v.id for v in store.product_videos.values() if v.id not in store.seed.product_videos] == [other["id"]]
    assert client.get(videos(77)).status_code == 404
