"""v3 catalog variant options and their values, and what they do to variants, through HTTP."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.events import Event

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
PRODUCTS = f"{V3}/catalog/products"
TYPE = "/api-docs/getting-started/api-status-codes"
INVALID = "JSON data is missing or invalid"
PAYLOAD = "The request payload is invalid."
# Demo store: product 95 has Color (option 1: Ivory 2, Slate 6, Terracotta 7) and Size (option 3:
# Small 4, Large 5) and variants 101-106, one per combination; product 188 has only Length
# (option 63: 1 m 64, 2 m 65, 3 m 66); product 77 has no options and base variant 185.
POT, CABLE, SPEAKER, SPEAKER_BASE = 95, 188, 77, 185
COLOR, SIZE, LENGTH = 1, 3, 63
IVORY, SLATE, TERRACOTTA, SMALL, LARGE = 2, 6, 7, 4, 5
POT_OPTIONS = f"{PRODUCTS}/{POT}/options"

RED_BLUE = {
    "display_name": "Finish",
    "type": "rectangles",
    "option_values": [{"label": "Matte", "sort_order": 1}, {"label": "Gloss", "sort_order": 0, "is_default": True}],
}


def snapshot(store: Store) -> tuple[list[Any], ...]:
    return (
        list(store.products.values()), list(store.variants.values()), list(store.options.values()),
        list(store.modifiers.values()),
    )  # fmt: skip


@pytest.fixture
def events(store: Store) -> Iterator[list[Event]]:
    seen: list[Event] = []
    unsubscribe = store.subscribe(seen.append)
    yield seen
    unsubscribe()


def error(status: int, title: str, errors: dict[str, str]) -> dict[str, Any]:
    return {"status": status, "title": title, "type": TYPE, "errors": errors}


def not_found(resource: str) -> dict[str, Any]:
    return {"status": 404, "title": f"The requested {resource} was not found.", "type": TYPE}


def create_option(client: httpx.Client, product_id: int = POT, **fields: Any) -> dict[str, Any]:
    response = client.post(f"{PRODUCTS}/{product_id}/options", json={**RED_BLUE, **fields})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def variant_labels(client: httpx.Client, product_id: int = POT) -> dict[int, list[tuple[str, str]]]:
    data = client.get(f"{PRODUCTS}/{product_id}/variants").json()["data"]
    return {v["id"]: [(o["option_display_name"], o["label"]) for o in v["option_values"]] for v in data}


# --- getProductVariantOptions -----------------------------------------------------------


def test_get_product_variant_options_lists_them_with_their_values(client: httpx.Client) -> None:
    response = client.get(POT_OPTIONS)

    assert response.status_code == 200
    body = response.json()
    assert [(o["id"], o["display_name"], o["type"], o["product_id"]) for o in body["data"]] == [
        (COLOR, "Color", "dropdown", POT), (SIZE, "Size", "dropdown", POT),
    ]  # fmt: skip
    assert body["data"][1]["option_values"] == [
        {"id": SMALL, "label": "Small", "sort_order": 0, "is_default": False, "value_data": {}},
        {"id": LARGE, "label": "Large", "sort_order": 1, "is_default": False, "value_data": {}},
    ]
    assert body["meta"]["pagination"]["total"] == 2


def test_get_product_variant_options_of_a_product_without_options_is_empty(client: httpx.Client) -> None:
    assert client.get(f"{PRODUCTS}/{SPEAKER}/options").json()["data"] == []


def test_get_product_variant_options_pages(client: httpx.Client) -> None:
    body = client.get(POT_OPTIONS, params={"limit": 1, "page": 2}).json()

    assert [o["id"] for o in body["data"]] == [SIZE]
    assert body["meta"]["pagination"]["links"] == {"previous": "?page=1&limit=1", "current": "?page=2&limit=1"}


def test_get_product_variant_options_include_fields_keeps_id(client: httpx.Client) -> None:
    data = client.get(POT_OPTIONS, params={"include_fields": "display_name"}).json()["data"]

    assert data == [{"id": COLOR, "display_name": "Color"}, {"id": SIZE, "display_name": "Size"}]


def test_get_product_variant_options_of_an_unknown_product_returns_404(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/999999/options")

    assert response.status_code == 404
    assert response.json() == not_found("product")


def test_product_created_with_inline_variants_shows_its_options_here(client: httpx.Client) -> None:
    body = {
        "name": "Enamel Mug", "type": "physical", "weight": 0.4, "price": 12.5,
        "variants": [{"sku": "MUG-R", "option_values": [{"option_display_name": "Color", "label": "Red"}]},
                     {"sku": "MUG-B", "option_values": [{"option_display_name": "Color", "label": "Blue"}]}],
    }  # fmt: skip
    product = client.post(PRODUCTS, json=body).json()["data"]

    data = client.get(f"{PRODUCTS}/{product['id']}/options").json()["data"]

    assert [(o["display_name"], [v["label"] for v in o["option_values"]]) for o in data] == [("Color", ["Red", "Blue"])]


def test_create_product_with_inline_variants_of_more_than_250_values_of_an_option_returns_422(
    client: httpx.Client, store: Store
) -> None:
    before = snapshot(store)
    variants = [
        {"sku": f"W-{n}", "option_values": [{"option_display_name": "Width", "label": str(n)}]} for n in range(251)
    ]

    response = client.post(
        PRODUCTS, json={"name": "Wide", "type": "physical", "weight": 1, "price": 1, "variants": variants}
    )

    assert response.status_code == 422
    assert response.json() == error(
        422, "The option value limit has been reached.",
        {"variants.250.option_values": "An option or modifier can have at most 250 values."},
    )  # fmt: skip
    assert snapshot(store) == before


# --- createProductVariantOption ---------------------------------------------------------


def test_create_product_variant_option_returns_200_with_its_values(client: httpx.Client, store: Store) -> None:
    response = client.post(POT_OPTIONS, json=RED_BLUE)

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["meta"] == {}
    data = body["data"]
    assert (data["product_id"], data["display_name"], data["type"], data["sort_order"]) == (
        POT,
        "Finish",
        "rectangles",
        0,
    )
    assert re.fullmatch(r"Finish\d+-95", data["name"])
    assert (data["config"], data["image_url"]) == ({}, "")
    # Listed by sort_order: Gloss (0) before Matte (1).
    assert [(v["label"], v["sort_order"], v["is_default"], v["value_data"]) for v in data["option_values"]] == [
        ("Gloss", 0, True, {}), ("Matte", 1, False, {}),
    ]  # fmt: skip
    assert store.options.get(data["id"]) is not None
    assert client.get(f"{POT_OPTIONS}/{data['id']}").json()["data"] == data


def test_create_product_variant_option_makes_no_variants(client: httpx.Client) -> None:
    before = variant_labels(client)

    create_option(client)

    assert variant_labels(client) == before


def test_create_product_variant_option_first_one_replaces_the_base_variant(
    client: httpx.Client, store: Store, events: list[Event]
) -> None:
    option = create_option(client, SPEAKER)

    product = client.get(f"{PRODUCTS}/{SPEAKER}").json()["data"]
    assert product["base_variant_id"] is None
    assert client.get(f"{PRODUCTS}/{SPEAKER}/variants").json()["data"] == []
    assert product["sku"] == "ELE-AUD-002"
    assert [(e.scope, e.id) for e in events] == [
        ("store/option/created", option["id"]), ("store/sku/deleted", SPEAKER_BASE), ("store/product/updated", SPEAKER),
    ]  # fmt: skip


def test_create_product_variant_option_then_variants_of_its_values(client: httpx.Client) -> None:
    option = create_option(client, SPEAKER)
    gloss = option["option_values"][0]

    response = client.post(
        f"{PRODUCTS}/{SPEAKER}/variants",
        json={"sku": "ELE-AUD-002-GLOSS", "option_values": [{"id": gloss["id"], "option_id": option["id"]}]},
    )

    assert response.status_code == 200, response.text
    assert variant_labels(client, SPEAKER) == {response.json()["data"]["id"]: [("Finish", "Gloss")]}


def test_create_product_variant_option_swatch_keeps_its_colors(client: httpx.Client) -> None:
    option = create_option(
        client, type="swatch",
        option_values=[{"label": "Sea", "sort_order": 0, "value_data": {"colors": ["#0a7ea4", "#fff"]}}],
    )  # fmt: skip

    assert option["option_values"][0]["value_data"] == {"colors": ["#0a7ea4", "#fff"]}


def test_create_product_variant_option_product_list_names_a_product(client: httpx.Client) -> None:
    option = create_option(
        client,
        type="product_list",
        option_values=[{"label": "Stand", "sort_order": 0, "value_data": {"product_id": 78}}],
    )

    assert option["option_values"][0]["value_data"] == {"product_id": 78}


def test_create_product_variant_option_keeps_only_the_config_its_type_uses(client: httpx.Client) -> None:
    option = create_option(
        client, type="product_list", option_values=[{"label": "Stand", "sort_order": 0, "value_data": {"product_id": 78}}],
        config={"product_list_adjusts_pricing": True, "text_max_length": 5},
    )  # fmt: skip

    assert option["config"] == {"product_list_adjusts_pricing": True}


def test_create_product_variant_option_emits_option_created(client: httpx.Client, events: list[Event]) -> None:
    option = create_option(client)

    assert [(e.scope, e.id) for e in events] == [("store/option/created", option["id"])]


@pytest.mark.parametrize("name", ["Color", "color", "SIZE"])
def test_create_product_variant_option_with_a_taken_display_name_returns_409(
    client: httpx.Client, store: Store, name: str
) -> None:
    before = snapshot(store)

    response = client.post(POT_OPTIONS, json={**RED_BLUE, "display_name": name})

    assert response.status_code == 409
    assert response.json() == error(
        409, "The display name is a duplicate.", {"display_name": f"An option or modifier of this product is already named '{name}'."}
    )  # fmt: skip
    assert snapshot(store) == before


def test_create_product_variant_option_named_like_a_modifier_returns_409(client: httpx.Client, store: Store) -> None:
    made = client.post(
        f"{PRODUCTS}/{POT}/modifiers", json={"display_name": "Finish", "type": "text", "required": False}
    )
    assert made.status_code == 200, made.text
    before = snapshot(store)

    response = client.post(POT_OPTIONS, json=RED_BLUE)

    assert response.status_code == 409
    assert response.json()["errors"] == {
        "display_name": "An option or modifier of this product is already named 'Finish'."
    }
    assert snapshot(store) == before


def test_create_product_variant_option_same_name_on_another_product_is_taken(client: httpx.Client) -> None:
    assert client.post(f"{PRODUCTS}/{SPEAKER}/options", json={**RED_BLUE, "display_name": "Color"}).status_code == 200


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"display_name": None}, {"display_name": "must be a string"}),
        ({"display_name": ""}, {"display_name": "must be at least 1 characters long"}),
        ({"display_name": "d" * 256}, {"display_name": "must be at most 255 characters long"}),
        ({"type": "checkbox"}, {"type": "must be one of: radio_buttons, rectangles, dropdown, product_list, "
                                          "product_list_with_images, swatch"}),
        ({"option_values": []}, {"option_values": "must have at least 1 items"}),
        ({"option_values": [{"label": "Matte"}]}, {"option_values.0.sort_order": "error.path.missing"}),
        ({"option_values": [{"sort_order": 0}]}, {"option_values.0.label": "error.path.missing"}),
        ({"option_values": [{"label": "M", "sort_order": 2**31}]}, {"option_values.0.sort_order": "must be at most 2147483647"}),
        ({"option_values": [{"label": f"L{n}", "sort_order": n} for n in range(251)]},
         {"option_values": "must have at most 250 items"}),
        ({"config": {"colour": "red"}}, {"config.colour": "is not a field this resource accepts"}),
        ({"shape": "round"}, {"shape": "is not a field this resource accepts"}),
    ],
)  # fmt: skip
def test_create_product_variant_option_invalid_body_returns_422(
    client: httpx.Client, store: Store, fields: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(POT_OPTIONS, json={**RED_BLUE, **fields})

    assert response.status_code == 422
    assert response.json() == error(422, INVALID, errors)
    assert snapshot(store) == before


def test_create_product_variant_option_without_display_name_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(POT_OPTIONS, json={"type": "dropdown", "option_values": [{"label": "A", "sort_order": 0}]})

    assert response.status_code == 422
    assert response.json() == error(422, INVALID, {"display_name": "error.path.missing"})
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"option_values": [{"label": "Matte", "sort_order": 0}, {"label": "matte", "sort_order": 1}]},
         {"option_values.1.label": "Another value is already labelled 'matte'."}),
        ({"option_values": [{"label": "A", "sort_order": 0, "is_default": True}, {"label": "B", "sort_order": 1, "is_default": True}]},
         {"option_values.1.is_default": "only one value can be the default"}),
        ({"type": "swatch", "option_values": [{"label": "Sea", "sort_order": 0, "value_data": {"colors": ["teal"]}}]},
         {"option_values.0.value_data.colors.0": "must be a color such as #1a2b3c"}),
        ({"type": "swatch", "option_values": [{"label": "Sea", "sort_order": 0, "value_data": {"colors": ["#000"] * 4}}]},
         {"option_values.0.value_data.colors": "must be a list of one to 3 colors"}),
        ({"type": "product_list", "option_values": [{"label": "Stand", "sort_order": 0, "value_data": {"product_id": 999999}}]},
         {"option_values.0.value_data.product_id": "The product 999999 does not exist."}),
        ({"type": "product_list", "option_values": [{"label": "Stand", "sort_order": 0}]},
         {"option_values.0.value_data.product_id": "error.path.missing"}),
    ],
)  # fmt: skip
def test_create_product_variant_option_breaking_a_value_rule_returns_422(
    client: httpx.Client, store: Store, fields: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(POT_OPTIONS, json={**RED_BLUE, **fields})

    assert response.status_code == 422
    title = INVALID if list(errors.values()) == ["error.path.missing"] else PAYLOAD
    assert response.json() == error(422, title, errors)
    assert snapshot(store) == before


def test_create_product_variant_option_of_an_unknown_product_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(f"{PRODUCTS}/999999/options", json=RED_BLUE)

    assert response.status_code == 404
    assert response.json() == not_found("product")
    assert snapshot(store) == before


# --- getProductVariantOption ------------------------------------------------------------


def test_get_product_variant_option_returns_it(client: httpx.Client) -> None:
    response = client.get(f"{POT_OPTIONS}/{COLOR}")

    assert response.status_code == 200
    data = response.json()["data"]
    assert (data["id"], data["display_name"]) == (COLOR, "Color")
    assert [v["label"] for v in data["option_values"]] == ["Ivory", "Slate", "Terracotta"]


def test_get_product_variant_option_exclude_fields_drops_them(client: httpx.Client) -> None:
    data = client.get(f"{POT_OPTIONS}/{COLOR}", params={"exclude_fields": "option_values,config"}).json()["data"]

    assert "option_values" not in data and "config" not in data and data["id"] == COLOR


@pytest.mark.parametrize("path", [f"{POT_OPTIONS}/999999", f"{PRODUCTS}/{CABLE}/options/{COLOR}"])
def test_get_product_variant_option_unknown_or_of_another_product_returns_404(client: httpx.Client, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 404
    assert response.json() == not_found("option")


# --- updateProductVariantOption ---------------------------------------------------------


def test_update_product_variant_option_renames_it_in_its_variants(client: httpx.Client, events: list[Event]) -> None:
    response = client.put(f"{POT_OPTIONS}/{COLOR}", json={"display_name": "Glaze", "sort_order": 5})

    assert response.status_code == 200, response.text
    assert (response.json()["data"]["display_name"], response.json()["data"]["sort_order"]) == ("Glaze", 5)
    assert variant_labels(client)[101] == [("Glaze", "Ivory"), ("Size", "Small")]
    assert [(e.scope, e.id) for e in events] == [("store/option/updated", COLOR)]


def test_update_product_variant_option_changes_a_value_by_id_and_adds_one(client: httpx.Client) -> None:
    response = client.put(
        f"{POT_OPTIONS}/{COLOR}",
        json={"option_values": [{"id": IVORY, "label": "Cream", "sort_order": 0}, {"label": "Blue", "sort_order": 3}]},
    )

    assert response.status_code == 200, response.text
    values = response.json()["data"]["option_values"]
    assert [(v["label"], v["sort_order"]) for v in values] == [
        ("Cream", 0),
        ("Slate", 1),
        ("Terracotta", 2),
        ("Blue", 3),
    ]
    assert values[0]["id"] == IVORY
    assert variant_labels(client)[101] == [("Color", "Cream"), ("Size", "Small")]


def test_update_product_variant_option_new_default_clears_the_old(client: httpx.Client) -> None:
    client.put(
        f"{POT_OPTIONS}/{COLOR}",
        json={"option_values": [{"id": SLATE, "label": "Slate", "sort_order": 1, "is_default": True}]},
    )

    response = client.put(
        f"{POT_OPTIONS}/{COLOR}",
        json={"option_values": [{"id": IVORY, "label": "Ivory", "sort_order": 0, "is_default": True}]},
    )

    assert [(v["label"], v["is_default"]) for v in response.json()["data"]["option_values"]] == [
        ("Ivory", True), ("Slate", False), ("Terracotta", False),
    ]  # fmt: skip


def test_update_product_variant_option_get_body_put_back_round_trips(client: httpx.Client) -> None:
    before = client.get(f"{POT_OPTIONS}/{SIZE}").json()["data"]

    response = client.put(f"{POT_OPTIONS}/{SIZE}", json=before)

    assert response.status_code == 200, response.text
    assert response.json()["data"] == before


def test_update_product_variant_option_to_a_taken_display_name_returns_409(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{POT_OPTIONS}/{COLOR}", json={"display_name": "size"})

    assert response.status_code == 409
    assert response.json() == error(
        409, "The display name is a duplicate.", {"display_name": "An option or modifier of this product is already named 'size'."}
    )  # fmt: skip
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        ([{"id": SMALL, "label": "S", "sort_order": 0}], {"option_values.0.id": "Value 4 is not a value of option 1."}),
        ([{"id": IVORY, "label": "Slate", "sort_order": 0}], {"option_values.0.label": "Another value is already labelled 'Slate'."}),
        ([{"label": "ivory", "sort_order": 0}], {"option_values.0.label": "Another value is already labelled 'ivory'."}),
        ([{"id": IVORY, "label": "A", "sort_order": 0}, {"id": IVORY, "label": "B", "sort_order": 0}],
         {"option_values.1.id": "appears more than once in the batch"}),
    ],
)  # fmt: skip
def test_update_product_variant_option_breaking_a_value_rule_returns_422(
    client: httpx.Client, store: Store, values: list[dict[str, Any]], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.put(f"{POT_OPTIONS}/{COLOR}", json={"option_values": values})

    assert response.status_code == 422
    assert response.json() == error(422, PAYLOAD, errors)
    assert snapshot(store) == before


def test_update_product_variant_option_unknown_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{POT_OPTIONS}/999999", json={"display_name": "X"})

    assert response.status_code == 404
    assert response.json() == not_found("option")
    assert snapshot(store) == before


# --- deleteProductVariantOption ---------------------------------------------------------


def test_delete_product_variant_option_deletes_the_variants_made_with_it(
    client: httpx.Client, store: Store, events: list[Event]
) -> None:
    response = client.delete(f"{POT_OPTIONS}/{COLOR}")

    assert response.status_code == 204 and response.content == b""
    assert store.options.get(COLOR) is None
    assert client.get(f"{PRODUCTS}/{POT}/variants").json()["data"] == []
    assert [o["id"] for o in client.get(POT_OPTIONS).json()["data"]] == [SIZE]
    assert client.get(f"{PRODUCTS}/{POT}").json()["data"]["base_variant_id"] is None
    assert [(e.scope, e.id) for e in events] == [
        *(("store/sku/deleted", v) for v in range(101, 107)), ("store/option/deleted", COLOR),
    ]  # fmt: skip


def test_delete_product_variant_option_last_one_gives_the_product_a_base_variant(
    client: httpx.Client, store: Store, events: list[Event]
) -> None:
    old = sorted(store.variants.lookup("product_id", CABLE))

    response = client.delete(f"{PRODUCTS}/{CABLE}/options/{LENGTH}")

    assert response.status_code == 204
    product = client.get(f"{PRODUCTS}/{CABLE}").json()["data"]
    variants = client.get(f"{PRODUCTS}/{CABLE}/variants").json()["data"]
    assert [(v["id"], v["sku"], v["option_values"], v["inventory_level"]) for v in variants] == [
        (product["base_variant_id"], "ELE-CHG-001", [], product["inventory_level"])
    ]
    assert [(e.scope, e.id) for e in events] == [
        *(("store/sku/deleted", v) for v in old), ("store/option/deleted", LENGTH),
        ("store/sku/created", product["base_variant_id"]), ("store/product/updated", CABLE),
    ]  # fmt: skip


def test_delete_product_variant_option_unknown_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(f"{POT_OPTIONS}/999999")

    assert response.status_code == 404
    assert response.json() == not_found("option")
    assert snapshot(store) == before


def test_delete_product_deletes_its_options(client: httpx.Client, store: Store) -> None:
    assert client.delete(f"{PRODUCTS}/{POT}").status_code == 204

    assert store.options.get(COLOR) is None and store.options.get(SIZE) is None
    assert store.variants.lookup("product_id", POT) == set()


# --- option values ----------------------------------------------------------------------


def test_get_product_variant_option_values_lists_them_by_sort_order(client: httpx.Client) -> None:
    client.put(f"{POT_OPTIONS}/{COLOR}/values/{IVORY}", json={"label": "Ivory", "sort_order": 9})

    body = client.get(f"{POT_OPTIONS}/{COLOR}/values").json()

    assert [v["label"] for v in body["data"]] == ["Slate", "Terracotta", "Ivory"]
    assert body["meta"]["pagination"]["total"] == 3


def test_get_product_variant_option_values_include_fields_keeps_label_and_sort_order(client: httpx.Client) -> None:
    data = client.get(f"{POT_OPTIONS}/{SIZE}/values", params={"include_fields": "is_default"}).json()["data"]

    assert data[0] == {"id": SMALL, "label": "Small", "sort_order": 0, "is_default": False}


def test_get_product_variant_option_values_of_an_unknown_option_returns_404(client: httpx.Client) -> None:
    response = client.get(f"{POT_OPTIONS}/999999/values")

    assert response.status_code == 404
    assert response.json() == not_found("option")


def test_create_product_variant_option_value_returns_200_with_it(client: httpx.Client, events: list[Event]) -> None:
    response = client.post(f"{POT_OPTIONS}/{COLOR}/values", json={"label": "Blue", "sort_order": 3})

    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data == {"id": data["id"], "label": "Blue", "sort_order": 3, "is_default": False, "value_data": {}}
    assert client.get(f"{POT_OPTIONS}/{COLOR}/values/{data['id']}").json()["data"] == data
    assert [(e.scope, e.id) for e in events] == [("store/option/updated", COLOR)]


def test_create_product_variant_option_value_default_clears_the_old_default(client: httpx.Client) -> None:
    first = client.post(f"{POT_OPTIONS}/{COLOR}/values", json={"label": "Blue", "sort_order": 3, "is_default": True})
    second = client.post(f"{POT_OPTIONS}/{COLOR}/values", json={"label": "Green", "sort_order": 4, "is_default": True})

    values = client.get(f"{POT_OPTIONS}/{COLOR}/values").json()["data"]
    assert [v["label"] for v in values if v["is_default"]] == ["Green"]
    assert first.status_code == second.status_code == 200


def test_create_product_variant_option_value_with_a_taken_label_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(f"{POT_OPTIONS}/{COLOR}/values", json={"label": "SLATE", "sort_order": 3})

    assert response.status_code == 422
    assert response.json() == error(422, PAYLOAD, {"label": "Another value is already labelled 'SLATE'."})
    assert snapshot(store) == before


def test_create_product_variant_option_value_without_sort_order_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(f"{POT_OPTIONS}/{COLOR}/values", json={"label": "Blue"})

    assert response.status_code == 422
    assert response.json() == error(422, INVALID, {"sort_order": "error.path.missing"})
    assert snapshot(store) == before


def test_create_product_variant_option_value_past_250_returns_422(client: httpx.Client, store: Store) -> None:
    option = create_option(client, option_values=[{"label": f"L{n}", "sort_order": n} for n in range(250)])
    before = snapshot(store)

    response = client.post(f"{POT_OPTIONS}/{option['id']}/values", json={"label": "One more", "sort_order": 250})

    assert response.status_code == 422
    assert response.json() == error(
        422, "The option value limit has been reached.", {"label": "An option or modifier can have at most 250 values."}
    )
    assert snapshot(store) == before


def test_get_product_variant_option_value_returns_it(client: httpx.Client) -> None:
    response = client.get(f"{POT_OPTIONS}/{COLOR}/values/{SLATE}")

    assert response.status_code == 200
    assert response.json() == {
        "data": {"id": SLATE, "label": "Slate", "sort_order": 1, "is_default": False, "value_data": {}},
        "meta": {},
    }


@pytest.mark.parametrize(
    ("path", "resource"),
    [
        (f"{POT_OPTIONS}/{COLOR}/values/{SMALL}", "option value"),  # a value of another option
        (f"{POT_OPTIONS}/{COLOR}/values/999999", "option value"),
        (f"{POT_OPTIONS}/{LENGTH}/values/64", "option"),  # an option of another product
    ],
)
def test_get_product_variant_option_value_unknown_returns_404(client: httpx.Client, path: str, resource: str) -> None:
    response = client.get(path)

    assert response.status_code == 404
    assert response.json() == not_found(resource)


def test_update_product_variant_option_value_relabels_its_variants(client: httpx.Client) -> None:
    response = client.put(f"{POT_OPTIONS}/{SIZE}/values/{LARGE}", json={"label": "Big", "sort_order": 1})

    assert response.status_code == 200, response.text
    assert response.json()["data"] == {
        "id": LARGE,
        "label": "Big",
        "sort_order": 1,
        "is_default": False,
        "value_data": {},
    }
    assert variant_labels(client)[102] == [("Color", "Ivory"), ("Size", "Big")]


def test_update_product_variant_option_value_needs_label_and_sort_order(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{POT_OPTIONS}/{SIZE}/values/{LARGE}", json={"is_default": True})

    assert response.status_code == 422
    assert response.json() == error(422, INVALID, {"label": "error.path.missing", "sort_order": "error.path.missing"})
    assert snapshot(store) == before


def test_update_product_variant_option_value_to_a_taken_label_returns_422(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.put(f"{POT_OPTIONS}/{SIZE}/values/{LARGE}", json={"label": "small", "sort_order": 1})

    assert response.status_code == 422
    assert response.json() == error(422, PAYLOAD, {"label": "Another value is already labelled 'small'."})
    assert snapshot(store) == before


def test_delete_product_variant_option_value_deletes_the_variants_made_with_it(
    client: httpx.Client, store: Store, events: list[Event]
) -> None:
    response = client.delete(f"{POT_OPTIONS}/{COLOR}/values/{IVORY}")

    assert response.status_code == 204
    assert [v["label"] for v in client.get(f"{POT_OPTIONS}/{COLOR}/values").json()["data"]] == ["Slate", "Terracotta"]
    assert sorted(variant_labels(client)) == [103, 104, 105, 106]
    assert [(e.scope, e.id) for e in events] == [
        ("store/sku/deleted", 101), ("store/sku/deleted", 102), ("store/option/updated", COLOR),
    ]  # fmt: skip


def test_delete_product_variant_option_value_last_one_returns_422(client: httpx.Client, store: Store) -> None:
    option = create_option(client, option_values=[{"label": "Only", "sort_order": 0}])
    value = option["option_values"][0]["id"]
    before = snapshot(store)

    response = client.delete(f"{POT_OPTIONS}/{option['id']}/values/{value}")

    assert response.status_code == 422
    assert response.json() == error(
        422, "The option's last value cannot be deleted.",
        {"value_id": f"Value {value} is the last value of option {option['id']}; delete the option instead."},
    )  # fmt: skip
    assert snapshot(store) == before


def test_delete_product_variant_option_value_unknown_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(f"{POT_OPTIONS}/{COLOR}/values/999999")

    assert response.status_code == 404
    assert response.json() == not_found("option value")
    assert snapshot(store) == before


# --- include=options, scopes ----------------------------------------------------------------


def test_get_product_include_options_shows_what_the_options_endpoint_shows(client: httpx.Client) -> None:
    create_option(client)

    product = client.get(f"{PRODUCTS}/{POT}", params={"include": "options"}).json()["data"]

    assert product["options"] == client.get(POT_OPTIONS).json()["data"]


def test_read_only_scope_reads_options_but_cannot_write_them(scoped_client: Any, store: Store) -> None:
    reader = scoped_client(["store_v2_products_read_only"])
    before = snapshot(store)

    assert reader.get(POT_OPTIONS).status_code == 200
    assert reader.post(POT_OPTIONS, json=RED_BLUE).status_code == 403
    assert reader.delete(f"{POT_OPTIONS}/{COLOR}").status_code == 403
    assert snapshot(store) == before
