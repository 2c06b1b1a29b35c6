"""v3 catalog variants: a product's variants, their image, the store-wide list and the batch, through HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.events import Event

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
PRODUCTS = f"{V3}/catalog/products"
VARIANTS = f"{V3}/catalog/variants"
TYPE = "/api-docs/getting-started/api-status-codes"
INVALID = "JSON data is missing or invalid"
PAYLOAD = "The request payload is invalid."
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# Demo store: product 95 (GAR-PLT-006, price 141.95, weight 10.51) has Color (option 1: Ivory 2,
# Slate 6, Terracotta 7) and Size (option 3: Small 4, Large 5), and one variant of each of the
# six combinations (101-106); product 77 (ELE-AUD-002) has no options and base variant 185.
POT, SPEAKER, SPEAKER_BASE = 95, 77, 185
COLOR, SIZE = 1, 3
IVORY, SMALL, LARGE = 2, 4, 5


def snapshot(store: Store) -> tuple[list[Any], ...]:
    return (
        list(store.products.values()), list(store.variants.values()), list(store.options.values()),
        list(store.modifiers.values()), list(store.uploads.values()),
    )  # fmt: skip


@pytest.fixture
def events(store: Store) -> Iterator[list[Event]]:
    seen: list[Event] = []
    unsubscribe = store.subscribe(seen.append)
    yield seen
    unsubscribe()


def error(status: int, title: str, errors: dict[str, str]) -> dict[str, Any]:
    return {"status": status, "title": title, "type": TYPE, "errors": errors}


def ref(value_id: int, option_id: int) -> dict[str, int]:
    return {"id": value_id, "option_id": option_id}


def add_value(client: httpx.Client, option_id: int, label: str, product_id: int = POT) -> int:
    response = client.post(
        f"{PRODUCTS}/{product_id}/options/{option_id}/values", json={"label": label, "sort_order": 9}
    )
    assert response.status_code == 200, response.text
    value_id: int = response.json()["data"]["id"]
    return value_id


def new_variant(client: httpx.Client, sku: str = "GAR-PLT-006-BLU-SMALL", **fields: Any) -> dict[str, Any]:
    """A variant of product 95 in a new colour, Blue."""
    blue = add_value(client, COLOR, "Blue")
    body = {"sku": sku, "option_values": [ref(blue, COLOR), ref(SMALL, SIZE)], **fields}
    response = client.post(f"{PRODUCTS}/{POT}/variants", json=body)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def product_with_options(client: httpx.Client, name: str, labels: dict[str, list[str]]) -> dict[str, Any]:
    """A product with dropdown options of these labels and no variants yet."""
    product = client.post(PRODUCTS, json={"name": name, "type": "physical", "weight": 1, "price": 10})
    assert product.status_code == 200, product.text
    data: dict[str, Any] = product.json()["data"]
    data["options"] = []
    for display_name, values in labels.items():
        body = {"display_name": display_name, "type": "dropdown",
                "option_values": [{"label": label, "sort_order": n} for n, label in enumerate(values)]}  # fmt: skip
        created = client.post(f"{PRODUCTS}/{data['id']}/options", json=body)
        assert created.status_code == 200, created.text
        data["options"].append(created.json()["data"])
    return data


def refs(product: dict[str, Any], *labels: str) -> list[dict[str, int]]:
    """The option value references naming ``labels``, one per option of ``product``, in order."""
    out = []
    for option, label in zip(product["options"], labels, strict=True):
        value = next(v for v in option["option_values"] if v["label"] == label)
        out.append(ref(value["id"], option["id"]))
    return out


# --- getProductVariants -----------------------------------------------------------------


def test_get_product_variants_lists_them_in_id_order_with_pagination(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/{POT}/variants")

    assert response.status_code == 200
    body = response.json()
    assert [v["id"] for v in body["data"]] == [101, 102, 103, 104, 105, 106]
    assert body["meta"]["pagination"] == {
        "total": 6, "count": 6, "per_page": 50, "current_page": 1, "total_pages": 1,
        "links": {"current": "?page=1&limit=50"},
    }  # fmt: skip


def test_get_product_variants_renders_option_values_with_names_and_labels(client: httpx.Client) -> None:
    first = client.get(f"{PRODUCTS}/{POT}/variants").json()["data"][0]

    assert first["sku"] == "GAR-PLT-006-IVY-SMALL"
    assert first["option_values"] == [
        {"id": IVORY, "label": "Ivory", "option_id": COLOR, "option_display_name": "Color"},
        {"id": SMALL, "label": "Small", "option_id": SIZE, "option_display_name": "Size"},
    ]
    assert first["sku_id"] == first["id"]


def test_get_product_variants_null_price_and_weight_inherit_from_the_product(client: httpx.Client) -> None:
    first = client.get(f"{PRODUCTS}/{POT}/variants").json()["data"][0]

    assert (first["price"], first["weight"]) == (None, None)
    assert (first["calculated_price"], first["calculated_weight"]) == (141.95, 10.51)


def test_get_product_variants_of_a_product_without_options_is_its_base_variant(client: httpx.Client) -> None:
    data = client.get(f"{PRODUCTS}/{SPEAKER}/variants").json()["data"]

    assert [(v["id"], v["sku"], v["sku_id"], v["option_values"]) for v in data] == [
        (SPEAKER_BASE, "ELE-AUD-002", None, [])
    ]


def test_get_product_variants_pages_with_links(client: httpx.Client) -> None:
    body = client.get(f"{PRODUCTS}/{POT}/variants", params={"limit": 2, "page": 2}).json()

    assert [v["id"] for v in body["data"]] == [103, 104]
    assert body["meta"]["pagination"]["links"] == {
        "previous": "?page=1&limit=2", "current": "?page=2&limit=2", "next": "?page=3&limit=2",
    }  # fmt: skip


def test_get_product_variants_include_fields_keeps_id(client: httpx.Client) -> None:
    data = client.get(f"{PRODUCTS}/{POT}/variants", params={"include_fields": "sku,price"}).json()["data"]

    assert data[0] == {"id": 101, "sku": "GAR-PLT-006-IVY-SMALL", "price": None}


def test_get_product_variants_exclude_fields_drops_them_but_not_id(client: httpx.Client) -> None:
    data = client.get(f"{PRODUCTS}/{POT}/variants", params={"exclude_fields": "id,option_values"}).json()["data"]

    assert "option_values" not in data[0] and data[0]["id"] == 101


def test_get_product_variants_of_an_unknown_product_returns_404(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/999999/variants")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}


# --- createProductVariant ---------------------------------------------------------------


def test_create_product_variant_returns_200_with_the_variant(client: httpx.Client, store: Store) -> None:
    blue = add_value(client, COLOR, "Blue")

    response = client.post(
        f"{PRODUCTS}/{POT}/variants",
        json={"sku": "GAR-PLT-006-BLU-SMALL", "option_values": [ref(blue, COLOR), ref(SMALL, SIZE)], "price": 99.5,
              "inventory_level": 4, "upc": "012345678905", "purchasing_disabled": True},
    )  # fmt: skip

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["meta"] == {}
    data = body["data"]
    assert data["product_id"] == POT and data["sku"] == "GAR-PLT-006-BLU-SMALL"
    assert (data["price"], data["calculated_price"], data["calculated_weight"]) == (99.5, 99.5, 10.51)
    assert (data["inventory_level"], data["upc"], data["purchasing_disabled"]) == (4, "012345678905", True)
    assert data["sku_id"] == data["id"]
    assert data["option_values"] == [
        {"id": blue, "label": "Blue", "option_id": COLOR, "option_display_name": "Color"},
        {"id": SMALL, "label": "Small", "option_id": SIZE, "option_display_name": "Size"},
    ]
    assert store.variants.get(data["id"]) is not None
    assert client.get(f"{PRODUCTS}/{POT}/variants/{data['id']}").json()["data"] == data


def test_create_product_variant_sale_price_is_its_calculated_price(client: httpx.Client) -> None:
    data = new_variant(client, price=20, sale_price=15)

    assert data["calculated_price"] == 15


def test_create_product_variant_emits_sku_created(client: httpx.Client, events: list[Event]) -> None:
    blue = add_value(client, COLOR, "Blue")
    events.clear()

    data = client.post(
        f"{PRODUCTS}/{POT}/variants", json={"sku": "B-S", "option_values": [ref(blue, COLOR), ref(SMALL, SIZE)]}
    ).json()["data"]

    assert [(e.scope, e.id) for e in events] == [("store/sku/created", data["id"])]


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"option_values": [ref(IVORY, COLOR)]}, {"sku": "error.path.missing"}),
        ({"sku": "A"}, {"option_values": "error.path.missing"}),
        ({"sku": "", "option_values": []}, {"sku": "must be at least 1 characters long"}),
        ({"sku": "s" * 256, "option_values": []}, {"sku": "must be at most 255 characters long"}),
        ({"sku": "A", "option_values": [], "price": -1}, {"price": "must be at least 0"}),
        ({"sku": "A", "option_values": [], "upc": "1" * 15}, {"upc": "must be at most 14 characters long"}),
        ({"sku": "A", "option_values": [], "inventory_level": 2**31}, {"inventory_level": "must be at most 2147483647"}),
        ({"sku": "A", "option_values": [], "colour": "red"}, {"colour": "is not a field this resource accepts"}),
        ({"sku": "A", "option_values": [{"id": "x", "option_id": 1}]}, {"option_values.0.id": "must be an integer"}),
    ],
)  # fmt: skip
def test_create_product_variant_invalid_body_returns_422(
    client: httpx.Client, store: Store, body: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(f"{PRODUCTS}/{POT}/variants", json=body)

    assert response.status_code == 422
    assert response.json() == error(422, INVALID, errors)
    assert snapshot(store) == before


def test_create_product_variant_naming_another_products_option_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)
    # Option 8 (Color) and its value 9 (Navy) belong to product 101.
    body = {"sku": "POT-NAVY", "option_values": [ref(9, 8), ref(SMALL, SIZE)]}

    response = client.post(f"{PRODUCTS}/{POT}/variants", json=body)

    assert response.status_code == 422
    assert response.json() == error(
        422, PAYLOAD, {"option_values.0.option_id": "Option 8 is not an option of product 95."}
    )
    assert snapshot(store) == before


def test_create_product_variant_naming_an_unknown_option_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(f"{PRODUCTS}/{POT}/variants", json={"sku": "A", "option_values": [ref(1, 999999)]})

    assert response.status_code == 422
    assert response.json() == error(
        422, PAYLOAD, {"option_values.0.option_id": "Option 999999 is not an option of product 95."}
    )
    assert snapshot(store) == before


def test_create_product_variant_naming_a_value_of_another_option_returns_422(
    client: httpx.Client, store: Store
) -> None:
    before = snapshot(store)

    response = client.post(
        f"{PRODUCTS}/{POT}/variants", json={"sku": "A", "option_values": [ref(SMALL, COLOR), ref(LARGE, SIZE)]}
    )

    assert response.status_code == 422
    assert response.json() == error(422, PAYLOAD, {"option_values.0.id": "Value 4 is not a value of option 1."})
    assert snapshot(store) == before


def test_create_product_variant_without_a_value_of_every_option_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(f"{PRODUCTS}/{POT}/variants", json={"sku": "A", "option_values": [ref(IVORY, COLOR)]})

    assert response.status_code == 422
    assert response.json() == error(
        422, PAYLOAD, {"option_values": "must name a value of every option of the product; missing: Size"}
    )
    assert snapshot(store) == before


def test_create_product_variant_naming_an_option_twice_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)
    body = {"sku": "A", "option_values": [ref(SMALL, SIZE), ref(LARGE, SIZE), ref(IVORY, COLOR)]}

    response = client.post(f"{PRODUCTS}/{POT}/variants", json=body)

    assert response.status_code == 422
    assert response.json() == error(422, PAYLOAD, {"option_values": "names an option more than once"})
    assert snapshot(store) == before


def test_create_product_variant_option_value_without_its_option_id_returns_422(
    client: httpx.Client, store: Store
) -> None:
    before = snapshot(store)

    response = client.post(f"{PRODUCTS}/{POT}/variants", json={"sku": "A", "option_values": [{"id": IVORY}]})

    assert response.status_code == 422
    assert response.json() == error(422, INVALID, {"option_values.0.option_id": "error.path.missing"})
    assert snapshot(store) == before


def test_create_product_variant_with_an_existing_combination_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(
        f"{PRODUCTS}/{POT}/variants", json={"sku": "NEW-SKU", "option_values": [ref(SMALL, SIZE), ref(IVORY, COLOR)]}
    )

    assert response.status_code == 409
    assert response.json() == error(
        409, "The variant is a duplicate.", {"option_values": "Another variant has the same option values."}
    )
    assert snapshot(store) == before


def test_create_product_variant_on_a_product_without_options_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(f"{PRODUCTS}/{SPEAKER}/variants", json={"sku": "SPEAKER-2", "option_values": []})

    assert response.status_code == 409
    assert response.json() == error(
        409, "The variant is a duplicate.", {"option_values": "Another variant has the same option values."}
    )
    assert snapshot(store) == before


@pytest.mark.parametrize(
    "taken",
    [
        "gar-plt-006-ivy-large",  # a variant of the same product, other case
        "app-tsh-002-nvy-s",  # a variant of another product, other case
        "ele-aud-002",  # another product's own SKU (its base variant's)
        "GAR-PLT-006",  # the product's own SKU: a product with options owns it apart from its variants
    ],
)
def test_create_product_variant_with_a_taken_sku_returns_409(client: httpx.Client, store: Store, taken: str) -> None:
    blue = add_value(client, COLOR, "Blue")
    before = snapshot(store)

    response = client.post(
        f"{PRODUCTS}/{POT}/variants", json={"sku": taken, "option_values": [ref(blue, COLOR), ref(SMALL, SIZE)]}
    )

    assert response.status_code == 409
    assert response.json() == error(409, "The SKU is a duplicate.", {"sku": f"The SKU '{taken}' is already in use."})
    assert snapshot(store) == before


def test_create_product_variant_of_an_unknown_product_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(f"{PRODUCTS}/999999/variants", json={"sku": "A", "option_values": []})

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}
    assert snapshot(store) == before


def full_product(client: httpx.Client, name: str, *, left_out: int) -> tuple[int, int, int, dict[str, int]]:
    """A product with Size (20 values) and Color (30), and a variant of every combination but
    the last ``left_out``: (product id, Size id, Color id, value ids by label)."""
    combinations = [(f"S{s}", f"C{c}") for s in range(20) for c in range(30)]
    inline = [
        {"sku": f"{name}-{size}-{color}", "option_values": [{"option_display_name": "Size", "label": size},
                                                            {"option_display_name": "Color", "label": color}]}
        for size, color in combinations[: len(combinations) - left_out]
    ]  # fmt: skip
    response = client.post(
        PRODUCTS, json={"name": name, "type": "physical", "weight": 1, "price": 1, "variants": inline}
    )
    assert response.status_code == 200, response.text
    product_id = response.json()["data"]["id"]
    options = {o["display_name"]: o for o in client.get(f"{PRODUCTS}/{product_id}/options").json()["data"]}
    labels = {v["label"]: v["id"] for o in options.values() for v in o["option_values"]}
    return product_id, options["Size"]["id"], options["Color"]["id"], labels


def test_create_product_variant_beyond_600_per_product_returns_422(client: httpx.Client, store: Store) -> None:
    product_id, size, color, values = full_product(client, "BIG", left_out=1)
    # The last combination is the 600th variant; a new size makes room for a 601st combination, not a 601st variant.
    sixhundredth = client.post(
        f"{PRODUCTS}/{product_id}/variants",
        json={"sku": "BIG-600", "option_values": [ref(values["S19"], size), ref(values["C29"], color)]},
    )
    assert sixhundredth.status_code == 200, sixhundredth.text
    new_size = add_value(client, size, "S20", product_id=product_id)
    before = snapshot(store)

    response = client.post(
        f"{PRODUCTS}/{product_id}/variants",
        json={"sku": "BIG-601", "option_values": [ref(new_size, size), ref(values["C0"], color)]},
    )

    assert response.status_code == 422
    assert response.json() == error(
        422, "The product's variant limit has been reached.", {"sku": "A product can have at most 600 variants."}
    )
    assert snapshot(store) == before


# --- getProductVariant ------------------------------------------------------------------


def test_get_product_variant_returns_it(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/{POT}/variants/102")

    assert response.status_code == 200
    body = response.json()
    assert body["meta"] == {}
    assert (body["data"]["id"], body["data"]["sku"], body["data"]["price"]) == (102, "GAR-PLT-006-IVY-LARGE", 153.95)


def test_get_product_variant_include_fields_picks_fields(client: httpx.Client) -> None:
    data = client.get(f"{PRODUCTS}/{POT}/variants/102", params={"include_fields": "sku"}).json()["data"]

    assert data == {"id": 102, "sku": "GAR-PLT-006-IVY-LARGE"}


@pytest.mark.parametrize("path", [f"{PRODUCTS}/{POT}/variants/999999", f"{PRODUCTS}/{SPEAKER}/variants/101"])
def test_get_product_variant_unknown_or_of_another_product_returns_404(client: httpx.Client, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested variant was not found.", "type": TYPE}


# --- updateProductVariant ---------------------------------------------------------------


def test_update_product_variant_changes_only_what_is_sent(client: httpx.Client, events: list[Event]) -> None:
    before = client.get(f"{PRODUCTS}/{POT}/variants/101").json()["data"]

    response = client.put(f"{PRODUCTS}/{POT}/variants/101", json={"price": 150.0, "mpn": "MPN-1", "inventory_level": 3})

    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert {**before, "price": 150.0, "calculated_price": 150.0, "mpn": "MPN-1", "inventory_level": 3} == data
    assert [(e.scope, e.id) for e in events] == [("store/sku/updated", 101)]


def test_update_product_variant_null_price_inherits_the_products_again(client: httpx.Client) -> None:
    response = client.put(f"{PRODUCTS}/{POT}/variants/102", json={"price": None})

    assert (response.json()["data"]["price"], response.json()["data"]["calculated_price"]) == (None, 141.95)


def test_update_product_variant_null_text_fields_become_empty(client: httpx.Client) -> None:
    data = client.put(f"{PRODUCTS}/{POT}/variants/102", json={"upc": None, "gtin": None}).json()["data"]

    assert (data["upc"], data["gtin"]) == ("", "")


def test_update_product_variant_sku_to_a_taken_one_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/{POT}/variants/101", json={"sku": "ele-aud-002"})

    assert response.status_code == 409
    assert response.json() == error(409, "The SKU is a duplicate.", {"sku": "The SKU 'ele-aud-002' is already in use."})
    assert snapshot(store) == before


def test_update_product_variant_sku_in_another_case_is_its_own(client: httpx.Client) -> None:
    response = client.put(f"{PRODUCTS}/{POT}/variants/101", json={"sku": "gar-plt-006-ivy-small"})

    assert response.status_code == 200
    assert response.json()["data"]["sku"] == "gar-plt-006-ivy-small"


def test_update_product_variant_of_the_base_variant_changes_the_products_sku_and_stock(
    client: httpx.Client, events: list[Event]
) -> None:
    response = client.put(f"{PRODUCTS}/{SPEAKER}/variants/{SPEAKER_BASE}", json={"sku": "SPK-2", "inventory_level": 4})

    assert response.status_code == 200, response.text
    product = client.get(f"{PRODUCTS}/{SPEAKER}").json()["data"]
    assert (product["sku"], product["inventory_level"]) == ("SPK-2", 4)
    assert [(e.scope, e.id) for e in events] == [
        ("store/sku/updated", SPEAKER_BASE),
        ("store/product/updated", SPEAKER),
    ]


def test_update_product_variant_base_variant_may_keep_its_products_sku(client: httpx.Client) -> None:
    response = client.put(f"{PRODUCTS}/{SPEAKER}/variants/{SPEAKER_BASE}", json={"sku": "ELE-AUD-002", "price": 70})

    assert response.status_code == 200
    assert response.json()["data"]["calculated_price"] == 70


def test_update_product_variant_get_body_put_back_round_trips(client: httpx.Client) -> None:
    before = client.get(f"{PRODUCTS}/{POT}/variants/103").json()["data"]

    response = client.put(f"{PRODUCTS}/{POT}/variants/103", json=before)

    assert response.status_code == 200, response.text
    assert response.json()["data"] == before


def test_update_product_variant_ignores_read_only_option_values(client: httpx.Client) -> None:
    response = client.put(f"{PRODUCTS}/{POT}/variants/101", json={"option_values": [ref(LARGE, SIZE)]})

    assert response.status_code == 200
    assert [v["id"] for v in response.json()["data"]["option_values"]] == [IVORY, SMALL]


def test_update_product_variant_invalid_field_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/{POT}/variants/101", json={"weight": -0.5})

    assert response.status_code == 422
    assert response.json() == error(422, INVALID, {"weight": "must be at least 0"})
    assert snapshot(store) == before


def test_update_product_variant_unknown_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{PRODUCTS}/{POT}/variants/999999", json={"price": 1})

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested variant was not found.", "type": TYPE}
    assert snapshot(store) == before


# --- deleteProductVariant ---------------------------------------------------------------


def test_delete_product_variant_deletes_it(client: httpx.Client, store: Store, events: list[Event]) -> None:
    response = client.delete(f"{PRODUCTS}/{POT}/variants/101")

    assert response.status_code == 204 and response.content == b""
    assert store.variants.get(101) is None
    assert client.get(f"{PRODUCTS}/{POT}/variants/101").status_code == 404
    assert [(e.scope, e.id) for e in events] == [("store/sku/deleted", 101)]


def test_delete_product_variant_frees_its_sku_and_combination(client: httpx.Client) -> None:
    client.delete(f"{PRODUCTS}/{POT}/variants/101")

    response = client.post(
        f"{PRODUCTS}/{POT}/variants",
        json={"sku": "GAR-PLT-006-IVY-SMALL", "option_values": [ref(IVORY, COLOR), ref(SMALL, SIZE)]},
    )

    assert response.status_code == 200, response.text


def test_delete_product_variant_base_variant_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(f"{PRODUCTS}/{SPEAKER}/variants/{SPEAKER_BASE}")

    assert response.status_code == 422
    assert response.json() == error(
        422, "The base variant cannot be deleted.",
        {"variant_id": "Variant 185 is the base variant of product 77; it goes when the product is deleted or gets options."},
    )  # fmt: skip
    assert snapshot(store) == before


def test_delete_product_variant_unknown_returns_404(client: httpx.Client) -> None:
    response = client.delete(f"{PRODUCTS}/{POT}/variants/999999")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested variant was not found.", "type": TYPE}


# --- createProductVariantImage ----------------------------------------------------------


def test_create_product_variant_image_from_a_url_sets_image_url(client: httpx.Client, events: list[Event]) -> None:
    url = "https://cdn.example.com/pot-ivory.png"

    response = client.post(f"{PRODUCTS}/{POT}/variants/101/image", json={"image_url": url})

    assert response.status_code == 200, response.text
    assert response.json() == {"data": {"image_url": url}, "meta": {}}
    assert client.get(f"{PRODUCTS}/{POT}/variants/101").json()["data"]["image_url"] == url
    assert [(e.scope, e.id) for e in events] == [("store/sku/updated", 101)]


def test_create_product_variant_image_upload_is_served_back(client: httpx.Client) -> None:
    response = client.post(
        f"{PRODUCTS}/{POT}/variants/101/image", files={"image_file": ("ivory pot.png", PNG, "image/png")}
    )

    assert response.status_code == 200, response.text
    url = response.json()["data"]["image_url"]
    assert url.startswith(f"http://mockbc.test/_mockbc/uploads/{DEFAULT_STORE_HASH}/") and url.endswith(".png")
    assert client.get(f"{PRODUCTS}/{POT}/variants/101").json()["data"]["image_url"] == url
    served = client.get(url)
    assert (served.status_code, served.content) == (200, PNG)


def test_create_product_variant_image_takes_a_scheme_in_any_case_as_product_images_do(client: httpx.Client) -> None:
    response = client.post(
        f"{PRODUCTS}/{POT}/variants/101/image", json={"image_url": "HTTPS://cdn.example.com/pot.png"}
    )

    assert response.status_code == 200
    assert response.json()["data"]["image_url"] == "HTTPS://cdn.example.com/pot.png"


def test_create_product_variant_image_form_with_an_image_url_takes_the_url(client: httpx.Client) -> None:
    response = client.post(
        f"{PRODUCTS}/{POT}/variants/101/image", data={"image_url": "https://cdn.example.com/a.png"},
        files={"other": ("x.txt", b"x", "text/plain")},
    )  # fmt: skip

    assert response.status_code == 200, response.text
    assert response.json()["data"] == {"image_url": "https://cdn.example.com/a.png"}


@pytest.mark.parametrize(
    ("request_kwargs", "errors"),
    [
        ({"json": {}}, {"image_url": "error.path.missing"}),
        ({"json": {"image_url": "ftp://cdn.example.com/a.png"}}, {"image_url": "must be an absolute http or https URL"}),
        ({"json": {"image_url": "pot.png"}}, {"image_url": "must be an absolute http or https URL"}),
        ({"json": {"image_url": "https://[cdn.example.com/a.png"}}, {"image_url": "must be an absolute http or https URL"}),
        ({"files": {"image_file": ("a.png", b"<svg/>", "image/png")}}, {"image_file": "must be a JPEG, PNG, GIF or WebP image"}),
        ({"files": {"picture": ("a.png", PNG, "image/png")}}, {"image_file": "error.path.missing"}),
    ],
)  # fmt: skip
def test_create_product_variant_image_without_a_usable_image_returns_422(
    client: httpx.Client, store: Store, request_kwargs: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(f"{PRODUCTS}/{POT}/variants/101/image", **request_kwargs)

    assert response.status_code == 422
    assert response.json() == error(422, PAYLOAD, errors)
    assert snapshot(store) == before


def test_create_product_variant_image_of_an_unknown_variant_returns_404_and_keeps_no_upload(
    client: httpx.Client, store: Store
) -> None:
    before = snapshot(store)

    response = client.post(f"{PRODUCTS}/{POT}/variants/999999/image", files={"image_file": ("a.png", PNG, "image/png")})

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested variant was not found.", "type": TYPE}
    assert snapshot(store) == before


def test_create_product_variant_image_as_plain_text_returns_415(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(
        f"{PRODUCTS}/{POT}/variants/101/image", content=b"https://x.test/a.png", headers={"Content-Type": "text/plain"}
    )

    assert response.status_code == 415
    assert snapshot(store) == before


# --- getVariants ------------------------------------------------------------------------


def test_get_variants_lists_every_products_variants(client: httpx.Client, store: Store) -> None:
    body = client.get(VARIANTS, params={"limit": 250}).json()

    assert body["meta"]["pagination"]["total"] == len(store.variants)
    ids = [v["id"] for v in body["data"]]
    assert ids == sorted(ids) and {101, SPEAKER_BASE} <= set(ids)


def test_get_variants_filters_by_exact_sku(client: httpx.Client) -> None:
    data = client.get(VARIANTS, params={"sku": "GAR-PLT-006-SLT-LARGE"}).json()["data"]

    assert [v["id"] for v in data] == [104]


def test_get_variants_sku_filter_matches_variants_not_parents(client: httpx.Client) -> None:
    assert client.get(VARIANTS, params={"sku": "GAR-PLT-006"}).json()["data"] == []


def test_get_variants_filters_by_product_id_in(client: httpx.Client) -> None:
    data = client.get(VARIANTS, params={"product_id:in": f"{SPEAKER},{POT}"}).json()["data"]

    assert [v["id"] for v in data] == [101, 102, 103, 104, 105, 106, SPEAKER_BASE]


def test_get_variants_filters_by_id(client: httpx.Client) -> None:
    assert [v["id"] for v in client.get(VARIANTS, params={"id": 103}).json()["data"]] == [103]


def test_get_variants_filters_by_upc(client: httpx.Client) -> None:
    client.put(f"{PRODUCTS}/{POT}/variants/105", json={"upc": "012345678905"})

    data = client.get(VARIANTS, params={"upc": "012345678905"}).json()["data"]

    assert [v["id"] for v in data] == [105]


def test_get_variants_include_fields_and_paging(client: httpx.Client) -> None:
    body = client.get(VARIANTS, params={"product_id:in": POT, "include_fields": "sku", "limit": 4, "page": 2}).json()

    assert body["data"] == [{"id": 105, "sku": "GAR-PLT-006-TER-SMALL"}, {"id": 106, "sku": "GAR-PLT-006-TER-LARGE"}]
    assert body["meta"]["pagination"]["total"] == 6


def test_get_variants_with_a_malformed_filter_returns_422(client: httpx.Client) -> None:
    response = client.get(VARIANTS, params={"id": "abc"})

    assert response.status_code == 422
    assert response.json() == error(422, "The filter(s) given are invalid.", {"id": "'abc' is not an integer"})


def test_get_variants_limit_above_250_returns_413(client: httpx.Client) -> None:
    response = client.get(VARIANTS, params={"limit": 251})

    assert response.status_code == 413
    assert response.json() == error(
        413, "The limit is too high. The maximum limit is 250.", {"limit": "must be at most 250"}
    )


# --- updateVariantsBatch ----------------------------------------------------------------


def test_update_variants_batch_updates_each_item_in_order(client: httpx.Client, events: list[Event]) -> None:
    response = client.put(VARIANTS, json=[{"id": 103, "price": 120.0}, {"id": SPEAKER_BASE, "mpn": "SPK"}])

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["meta"] == {}
    assert [(v["id"], v["price"], v["mpn"]) for v in body["data"]] == [(103, 120.0, ""), (SPEAKER_BASE, None, "SPK")]
    assert client.get(f"{PRODUCTS}/{POT}/variants/103").json()["data"]["price"] == 120.0
    assert [(e.scope, e.id) for e in events] == [("store/sku/updated", 103), ("store/sku/updated", SPEAKER_BASE)]


def test_update_variants_batch_item_without_id_creates_a_variant(client: httpx.Client, store: Store) -> None:
    blue = add_value(client, COLOR, "Blue")

    response = client.put(
        VARIANTS,
        json=[
            {"product_id": POT, "sku": "POT-BLU-L", "option_values": [ref(blue, COLOR), ref(LARGE, SIZE)], "price": 1}
        ],
    )

    assert response.status_code == 200, response.text
    created = response.json()["data"][0]
    assert (created["product_id"], created["sku"], created["price"]) == (POT, "POT-BLU-L", 1)
    assert store.variants.get(created["id"]) is not None


def test_update_variants_batch_of_51_items_returns_413(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(VARIANTS, json=[{"id": 101, "price": 1}] * 51)

    assert response.status_code == 413
    assert response.json() == error(
        413, "The request payload is too large. The maximum items allowed in the array is 50.", {}
    )
    assert snapshot(store) == before


def test_update_variants_batch_of_50_items_is_taken(client: httpx.Client) -> None:
    ids = [v["id"] for v in client.get(VARIANTS, params={"limit": 50}).json()["data"]]

    response = client.put(VARIANTS, json=[{"id": variant_id, "inventory_warning_level": 1} for variant_id in ids])

    assert response.status_code == 200
    assert len(response.json()["data"]) == 50


def test_update_variants_batch_with_one_sku_twice_stores_nothing(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(VARIANTS, json=[{"id": 101, "sku": "POT-A", "price": 1}, {"id": 102, "sku": "pot-a"}])

    assert response.status_code == 422
    assert response.json() == {
        "batch_errors": [error(409, "The SKU is a duplicate.", {"1.sku": "Item 0 of this batch sets the same sku."})]
    }
    assert snapshot(store) == before


def test_update_variants_batch_with_a_taken_sku_stores_nothing(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(VARIANTS, json=[{"id": 101, "price": 1}, {"id": 102, "sku": "ELE-AUD-002"}])

    assert response.status_code == 422
    assert response.json() == {
        "batch_errors": [error(409, "The SKU is a duplicate.", {"1.sku": "The SKU 'ELE-AUD-002' is already in use."})]
    }
    assert snapshot(store) == before


def test_update_variants_batch_with_an_unknown_id_stores_nothing(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(VARIANTS, json=[{"id": 101, "price": 1}, {"id": 999999, "price": 2}])

    assert response.status_code == 422
    assert response.json() == {
        "batch_errors": [
            {"status": 404, "title": "The requested variant was not found.", "type": TYPE,
             "errors": {"1.id": "The variant 999999 does not exist."}}
        ]
    }  # fmt: skip
    assert snapshot(store) == before


def test_update_variants_batch_reports_every_failed_item(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(
        VARIANTS,
        json=[
            {"id": 101, "price": 1},
            {"product_id": 999999, "sku": "X", "option_values": []},
            {"sku": "Y", "option_values": []},
            {"id": 101, "price": 2},
            {"id": 104, "product_id": SPEAKER},
        ],
    )

    assert response.status_code == 422
    assert response.json() == {
        "batch_errors": [
            {"status": 404, "title": "The requested product was not found.", "type": TYPE,
             "errors": {"1.product_id": "The product 999999 does not exist."}},
            error(422, INVALID, {"2.product_id": "error.path.missing"}),
            error(422, PAYLOAD, {"3.id": "appears more than once in the batch"}),
            error(422, PAYLOAD, {"4.product_id": "Variant 104 belongs to product 95."}),
        ]
    }  # fmt: skip
    assert snapshot(store) == before


def test_update_variants_batch_creating_with_another_products_option_stores_nothing(
    client: httpx.Client, store: Store
) -> None:
    before = snapshot(store)

    response = client.put(
        VARIANTS,
        json=[{"id": 101, "price": 1}, {"product_id": POT, "sku": "N", "option_values": [ref(9, 8), ref(SMALL, SIZE)]}],
    )

    assert response.status_code == 422
    assert response.json() == {
        "batch_errors": [
            error(422, PAYLOAD, {"1.option_values.0.option_id": "Option 8 is not an option of product 95."})
        ]
    }
    assert snapshot(store) == before


def test_update_variants_batch_creating_one_combination_twice_stores_nothing(
    client: httpx.Client, store: Store
) -> None:
    blue = add_value(client, COLOR, "Blue")
    before = snapshot(store)
    combination = [ref(blue, COLOR), ref(SMALL, SIZE)]

    response = client.put(
        VARIANTS,
        json=[{"product_id": POT, "sku": "A1", "option_values": combination},
              {"product_id": POT, "sku": "A2", "option_values": combination}],
    )  # fmt: skip

    assert response.status_code == 422
    assert response.json() == {
        "batch_errors": [
            error(409, "The variant is a duplicate.", {"1.option_values": "Item 0 of this batch sets the same option_values."})
        ]
    }  # fmt: skip
    assert snapshot(store) == before


def test_update_variants_batch_creating_up_to_600_per_product_is_taken(client: httpx.Client, store: Store) -> None:
    product_id, size, color, values = full_product(client, "LOT", left_out=2)
    before = snapshot(store)
    last_two = [[ref(values["S19"], size), ref(values[c], color)] for c in ("C28", "C29")]

    response = client.put(
        VARIANTS,
        json=[{"id": 101, "price": 1}, {"product_id": product_id, "sku": "LOT-599", "option_values": last_two[0]},
              {"product_id": product_id, "sku": "LOT-600", "option_values": last_two[1]}],
    )  # fmt: skip

    assert response.status_code == 200, response.text
    assert len(store.variants.lookup("product_id", product_id)) == 600
    assert snapshot(store) != before


def test_update_variants_batch_creating_a_601st_variant_stores_nothing(client: httpx.Client, store: Store) -> None:
    product_id, size, color, values = full_product(client, "LOT", left_out=1)
    new_size = add_value(client, size, "S20", product_id=product_id)
    before = snapshot(store)
    body = [
        {
            "product_id": product_id,
            "sku": "LOT-600",
            "option_values": [ref(values["S19"], size), ref(values["C29"], color)],
        },
        {"product_id": product_id, "sku": "LOT-601", "option_values": [ref(new_size, size), ref(values["C0"], color)]},
    ]

    response = client.put(VARIANTS, json=body)

    assert response.status_code == 422
    assert response.json() == {
        "batch_errors": [
            error(422, "The product's variant limit has been reached.", {"1.sku": "A product can have at most 600 variants."})
        ]
    }  # fmt: skip
    assert snapshot(store) == before


def test_update_variants_batch_schema_violation_answers_in_batch_errors(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(VARIANTS, json=[{"id": 101, "price": 1}, {"id": 102, "price": -1}])

    assert response.status_code == 422
    assert response.json() == {"batch_errors": [error(422, INVALID, {"1.price": "must be at least 0"})]}
    assert snapshot(store) == before


def test_update_variants_batch_get_bodies_put_back_round_trip(client: httpx.Client) -> None:
    fetched = client.get(VARIANTS, params={"product_id:in": POT}).json()["data"]

    response = client.put(VARIANTS, json=fetched)

    assert response.status_code == 200, response.text
    assert response.json()["data"] == fetched


def test_update_variants_batch_ignores_option_values_of_an_update(client: httpx.Client) -> None:
    response = client.put(VARIANTS, json=[{"id": 101, "option_values": [ref(LARGE, SIZE)]}])

    assert response.status_code == 200
    assert [v["id"] for v in response.json()["data"][0]["option_values"]] == [IVORY, SMALL]


# --- inline variants, scopes --------------------------------------------------------------


def test_update_product_sku_moves_its_base_variant_and_emits_sku_updated(
    client: httpx.Client, events: list[Event]
) -> None:
    assert client.put(f"{PRODUCTS}/{SPEAKER}", json={"sku": "SPK-NEW"}).status_code == 200

    assert client.get(f"{PRODUCTS}/{SPEAKER}/variants/{SPEAKER_BASE}").json()["data"]["sku"] == "SPK-NEW"
    assert [(e.scope, e.id) for e in events] == [
        ("store/sku/updated", SPEAKER_BASE),
        ("store/product/updated", SPEAKER),
    ]


def test_product_created_with_inline_variants_lists_them_here(client: httpx.Client) -> None:
    body = {
        "name": "Enamel Mug", "type": "physical", "weight": 0.4, "price": 12.5,
        "variants": [{"sku": "MUG-R", "option_values": [{"option_display_name": "Color", "label": "Red"}]},
                     {"sku": "MUG-B", "option_values": [{"option_display_name": "Color", "label": "Blue"}]}],
    }  # fmt: skip
    product = client.post(PRODUCTS, json=body).json()["data"]

    data = client.get(f"{PRODUCTS}/{product['id']}/variants").json()["data"]

    assert [(v["sku"], [o["label"] for o in v["option_values"]]) for v in data] == [
        ("MUG-R", ["Red"]),
        ("MUG-B", ["Blue"]),
    ]


def test_read_only_scope_reads_variants_but_cannot_write_them(scoped_client: Any, store: Store) -> None:
    reader = scoped_client(["store_v2_products_read_only"])
    before = snapshot(store)

    assert reader.get(f"{PRODUCTS}/{POT}/variants").status_code == 200
    response = reader.put(f"{PRODUCTS}/{POT}/variants/101", json={"price": 1})

    assert response.status_code == 403
    assert snapshot(store) == before
