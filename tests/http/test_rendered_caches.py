"""Reads served from a record's already-written JSON change as soon as anything they show changes:
the variant's product (inherited price and weight) and options (labels), a v2 product's
thumbnail, and the host its links name."""

from __future__ import annotations

from typing import Any

import httpx

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.http.inprocess import InProcessTransport

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3/catalog"
V2 = f"/stores/{DEFAULT_STORE_HASH}/v2"


def data(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json()["data"]


def product_with_variants(client: httpx.Client) -> dict[str, Any]:
    body = {
        "name": "Cache Tee", "type": "physical", "weight": 0.5, "price": 20,
        "variants": [
            {"sku": "CT-S", "option_values": [{"option_display_name": "Size", "label": "S"}]},
            {"sku": "CT-M", "price": 24, "option_values": [{"option_display_name": "Size", "label": "M"}]},
        ],
    }  # fmt: skip
    made = data(client.post(f"{V3}/products", json=body))
    return data(client.get(f"{V3}/products/{made['id']}", params={"include": "variants"}))  # type: ignore[no-any-return]


def included_variants(client: httpx.Client, product_id: int) -> list[dict[str, Any]]:
    return data(client.get(f"{V3}/products/{product_id}", params={"include": "variants"}))["variants"]  # type: ignore[no-any-return]


def test_included_variants_follow_the_product_price_and_weight(client: httpx.Client) -> None:
    product = product_with_variants(client)
    assert [v["calculated_price"] for v in included_variants(client, product["id"])] == [20.0, 24.0]

    data(client.put(f"{V3}/products/{product['id']}", json={"price": 30, "weight": 2}))

    variants = included_variants(client, product["id"])
    assert [(v["calculated_price"], v["calculated_weight"]) for v in variants] == [(30.0, 2.0), (24.0, 2.0)]


def test_included_variants_follow_variant_writes_creates_and_deletes(client: httpx.Client) -> None:
    product = product_with_variants(client)
    pid = product["id"]
    small, medium = included_variants(client, pid)
    (option,) = data(client.get(f"{V3}/products/{pid}/options"))
    value = data(
        client.post(f"{V3}/products/{pid}/options/{option['id']}/values", json={"label": "L", "sort_order": 2})
    )
    large = {"sku": "CT-L", "option_values": [{"id": value["id"], "option_id": option["id"]}]}

    data(client.put(f"{V3}/products/{pid}/variants/{small['id']}", json={"price": 21}))
    made = data(client.post(f"{V3}/products/{pid}/variants", json=large))
    assert [(v["sku"], v["calculated_price"]) for v in included_variants(client, pid)] == [
        ("CT-S", 21.0), ("CT-M", 24.0), ("CT-L", 20.0),
    ]  # fmt: skip

    assert client.delete(f"{V3}/products/{pid}/variants/{medium['id']}").status_code == 204
    assert [v["id"] for v in included_variants(client, pid)] == [small["id"], made["id"]]


def test_included_variants_follow_option_and_value_renames(client: httpx.Client) -> None:
    product = product_with_variants(client)
    included_variants(client, product["id"])
    (option,) = data(client.get(f"{V3}/products/{product['id']}/options"))
    small = next(v for v in option["option_values"] if v["label"] == "S")

    data(client.put(f"{V3}/products/{product['id']}/options/{option['id']}", json={"display_name": "Fit"}))
    data(
        client.put(
            f"{V3}/products/{product['id']}/options/{option['id']}/values/{small['id']}",
            json={"label": "Slim", "sort_order": 0},
        )
    )

    values = [v["option_values"][0] for v in included_variants(client, product["id"])]
    assert [(v["option_display_name"], v["label"]) for v in values] == [("Fit", "Slim"), ("Fit", "M")]


def test_a_variant_read_follows_its_own_update(client: httpx.Client) -> None:
    product = product_with_variants(client)
    variant_id = product["variants"][0]["id"]
    path = f"{V3}/products/{product['id']}/variants/{variant_id}"
    assert data(client.get(path))["price"] is None

    data(client.put(path, json={"price": 9.5}))

    assert (data(client.get(path))["price"], included_variants(client, product["id"])[0]["price"]) == (9.5, 9.5)


def test_a_v2_product_follows_its_thumbnail(client: httpx.Client) -> None:
    before = client.get(f"{V2}/products/77").json()["primary_image"]
    image = data(
        client.post(f"{V3}/products/77/images", json={"image_url": "https://example.com/new.jpg", "is_thumbnail": True})
    )

    after = client.get(f"{V2}/products/77").json()["primary_image"]

    assert after != before
    assert after == {
        "id": image["id"],
        "zoom_url": "https://example.com/new.jpg#zoom",
        "standard_url": "https://example.com/new.jpg#standard",
        "thumbnail_url": "https://example.com/new.jpg#thumbnail",
        "tiny_url": "https://example.com/new.jpg#tiny",
    }


def test_v2_links_name_the_host_each_request_came_to(
    client: httpx.Client, app: Any, account: Any, store: Store
) -> None:
    first = client.get(f"{V2}/products/77").json()["images"]["url"]
    with httpx.Client(
        transport=InProcessTransport(app),
        base_url="http://other.test:9000",
        headers={"X-Auth-Token": account.access_token},
    ) as other:
        second = other.get(f"{V2}/products/77").json()["images"]["url"]

    assert (first, second) == (
        f"http://mockbc.test{V2}/products/77/images",
        f"http://other.test:9000{V2}/products/77/images",
    )


ORDER = {
    "billing_address": {"first_name": "Ann", "last_name": "Lee", "zip": "78701", "email": "ann@example.com"},
    "products": [{"name": "Poster", "quantity": 1, "price_ex_tax": 10, "price_inc_tax": 10}],
}


def test_a_read_order_follows_its_changes_and_the_host_its_links_name(client: httpx.Client) -> None:
    order_id = client.post(f"{V2}/orders", json=ORDER).json()["id"]
    first = client.get(f"{V2}/orders/{order_id}").json()

    client.put(f"{V2}/orders/{order_id}", json={"status_id": 11, "staff_notes": "Rush"})
    changed = client.get(f"{V2}/orders/{order_id}").json()
    elsewhere = client.get(f"{V2}/orders/{order_id}", headers={"Host": "api.example.test"}).json()
    listed = client.get(f"{V2}/orders").json()

    assert (first["status"], first["staff_notes"]) == ("Pending", "")
    assert (changed["status"], changed["staff_notes"]) == ("Awaiting Fulfillment", "Rush")
    assert elsewhere["products"]["url"] == f"http://api.example.test{V2}/orders/{order_id}/products"
    assert listed == [changed]
