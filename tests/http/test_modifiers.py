"""v3 catalog modifiers and their values, through HTTP."""

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
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SPEAKER, POT = 77, 95  # the demo store has no modifiers; product 95 has the options Color and Size
MODIFIERS = f"{PRODUCTS}/{SPEAKER}/modifiers"
NO_ADJUSTERS = {
    "price": {"adjuster": None, "adjuster_value": 0},
    "weight": {"adjuster": None, "adjuster_value": 0},
    "image_url": "",
    "purchasing_disabled": {"status": False, "message": ""},
}
GRILLE = {
    "display_name": "Grille colour",
    "type": "dropdown",
    "required": True,
    "option_values": [
        {"label": "Black", "sort_order": 0, "is_default": True},
        {"label": "Copper", "sort_order": 1, "adjusters": {"price": {"adjuster": "relative", "adjuster_value": 5},
                                                           "purchasing_disabled": {"status": True, "message": "Soon"}}},
    ],
}  # fmt: skip


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


def not_found(resource: str) -> dict[str, Any]:
    return {"status": 404, "title": f"The requested {resource} was not found.", "type": TYPE}


def create(client: httpx.Client, body: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
    response = client.post(MODIFIERS, json={**(body or GRILLE), **fields})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def text(name: str = "Engraving", **fields: Any) -> dict[str, Any]:
    return {"display_name": name, "type": "text", "required": False, **fields}


# --- getProductModifiers ----------------------------------------------------------------


def test_get_product_modifiers_of_a_product_without_any_is_empty(client: httpx.Client) -> None:
    body = client.get(MODIFIERS).json()

    assert body["data"] == [] and body["meta"]["pagination"]["total"] == 0


def test_get_product_modifiers_lists_them_by_sort_order(client: httpx.Client) -> None:
    late = create(client, text("Late", sort_order=2))
    early = create(client, text("Early", sort_order=1))

    data = client.get(MODIFIERS).json()["data"]

    assert [m["id"] for m in data] == [early["id"], late["id"]]


def test_get_product_modifiers_include_fields_keeps_id_required_and_type(client: httpx.Client) -> None:
    made = create(client)

    data = client.get(MODIFIERS, params={"include_fields": "display_name"}).json()["data"]

    assert data == [{"id": made["id"], "display_name": "Grille colour", "required": True, "type": "dropdown"}]


def test_get_product_modifiers_of_an_unknown_product_returns_404(client: httpx.Client) -> None:
    response = client.get(f"{PRODUCTS}/999999/modifiers")

    assert response.status_code == 404
    assert response.json() == not_found("product")


# --- createProductModifier --------------------------------------------------------------


def test_create_product_modifier_returns_200_with_its_values(client: httpx.Client, store: Store) -> None:
    response = client.post(MODIFIERS, json=GRILLE)

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["meta"] == {}
    data = body["data"]
    assert re.fullmatch(r"Grille-colour\d+-77", data.pop("name"))
    values = data.pop("option_values")
    assert data == {
        "id": data["id"], "product_id": SPEAKER, "display_name": "Grille colour", "type": "dropdown",
        "required": True, "sort_order": 0, "config": {},
    }  # fmt: skip
    assert values == [
        {"id": values[0]["id"], "option_id": data["id"], "label": "Black", "sort_order": 0, "value_data": {},
         "is_default": True, "adjusters": NO_ADJUSTERS},
        {"id": values[1]["id"], "option_id": data["id"], "label": "Copper", "sort_order": 1, "value_data": {},
         "is_default": False, "adjusters": {**NO_ADJUSTERS, "price": {"adjuster": "relative", "adjuster_value": 5},
                                            "purchasing_disabled": {"status": True, "message": "Soon"}}},
    ]  # fmt: skip
    assert store.modifiers.get(data["id"]) is not None


def test_create_product_modifier_makes_no_variants(client: httpx.Client, store: Store) -> None:
    before = list(store.variants.values())

    create(client)

    assert list(store.variants.values()) == before
    assert client.get(f"{PRODUCTS}/{SPEAKER}").json()["data"]["base_variant_id"] == 185


def test_create_product_modifier_checkbox_gets_its_two_values(client: httpx.Client) -> None:
    made = create(
        client, {"display_name": "Gift wrap", "type": "checkbox", "required": False,
                 "config": {"checkbox_label": "Wrap it", "checked_by_default": False}},
    )  # fmt: skip

    assert made["config"] == {"checkbox_label": "Wrap it", "checked_by_default": False}
    assert [(v["label"], v["value_data"]) for v in made["option_values"]] == [
        ("Yes", {"checked_value": True}), ("No", {"checked_value": False}),
    ]  # fmt: skip


def test_create_product_modifier_text_keeps_its_config(client: httpx.Client) -> None:
    config = {"default_value": "", "text_characters_limited": True, "text_min_length": 1, "text_max_length": 20}

    made = create(client, text(config=config))

    assert (made["config"], made["option_values"]) == (config, [])


def test_create_product_modifier_drops_config_its_type_does_not_use(client: httpx.Client) -> None:
    made = create(client, text(config={"text_max_length": 20, "number_limited": True, "checkbox_label": "x"}))

    assert made["config"] == {"text_max_length": 20}


def test_create_product_modifier_date_with_its_limits(client: httpx.Client) -> None:
    config = {
        "default_value": "2026-06-01T00:00:00+00:00", "date_limited": True, "date_limit_mode": "range",
        "date_earliest_value": "2026-05-01T00:00:00+00:00", "date_latest_value": "2026-07-01T00:00:00+00:00",
    }  # fmt: skip

    made = create(client, {"display_name": "Delivery date", "type": "date", "required": True, "config": config})

    assert made["config"] == config


def test_create_product_modifier_emits_modifier_created(client: httpx.Client, events: list[Event]) -> None:
    made = create(client)

    assert [(e.scope, e.id) for e in events] == [("store/modifier/created", made["id"])]


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"display_name": "X", "type": "text"}, {"required": "error.path.missing"}),
        ({"type": "text", "required": True}, {"display_name": "error.path.missing"}),
        ({"display_name": "X", "required": True}, {"type": "error.path.missing"}),
        ({**GRILLE, "type": "slider"},
         {"type": "must be one of: date, checkbox, file, text, multi_line_text, numbers_only_text, radio_buttons, "
                  "rectangles, dropdown, product_list, product_list_with_images, swatch"}),
        ({**GRILLE, "required": "yes"}, {"required": "must be a boolean"}),
        ({**GRILLE, "display_name": ""}, {"display_name": "must be at least 1 characters long"}),
        ({**GRILLE, "option_values": [{"label": "A", "sort_order": 0,
                                       "adjusters": {"price": {"adjuster": "fixed", "adjuster_value": 1}}}]},
         {"option_values.0.adjusters.price.adjuster": "must be one of: relative, percentage, None"}),
        ({**text(), "config": {"file_max_size": 524289}}, {"config.file_max_size": "must be at most 524288"}),
        ({"display_name": "D", "type": "date", "required": True, "config": {"default_value": "2026-06-01T00:00:00+00:00",
                                                                             "date_earliest_value": "soon"}},
         {"config.date_earliest_value": "must be a valid date-time"}),
        ({**GRILLE, "colour": "red"}, {"colour": "is not a field this resource accepts"}),
    ],
)  # fmt: skip
def test_create_product_modifier_invalid_body_returns_422(
    client: httpx.Client, store: Store, body: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(MODIFIERS, json=body)

    assert response.status_code == 422
    assert response.json() == error(422, INVALID, errors)
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("body", "title", "errors"),
    [
        ({"display_name": "D", "type": "date", "required": True}, INVALID, {"config.default_value": "error.path.missing"}),
        ({"display_name": "D", "type": "date", "required": True,
          "config": {"default_value": "2026-06-01T00:00:00+00:00", "date_limited": True, "date_limit_mode": "range",
                     "date_earliest_value": "2026-07-01T00:00:00+00:00", "date_latest_value": "2026-05-01T00:00:00+00:00"}},
         PAYLOAD, {"config.date_latest_value": "must not be below date_earliest_value"}),
        ({"display_name": "D", "type": "date", "required": True,
          "config": {"default_value": "2026-06-01T00:00:00+00:00", "date_limited": True, "date_limit_mode": "earliest"}},
         INVALID, {"config.date_earliest_value": "error.path.missing"}),
        ({"display_name": "N", "type": "numbers_only_text", "required": True,
          "config": {"number_limited": True, "number_limit_mode": "range", "number_lowest_value": 5, "number_highest_value": 1}},
         PAYLOAD, {"config.number_highest_value": "must not be below number_lowest_value"}),
        ({"display_name": "N", "type": "numbers_only_text", "required": True, "config": {"default_value": "ten"}},
         PAYLOAD, {"config.default_value": "'ten' is not a number"}),
        (text(config={"text_min_length": 9, "text_max_length": 2}), PAYLOAD,
         {"config.text_max_length": "must not be below text_min_length"}),
        (text(option_values=[{"label": "A", "sort_order": 0}]), PAYLOAD, {"option_values": "A text modifier has no values."}),
        ({"display_name": "Gift wrap", "type": "checkbox", "required": False, "option_values": [{"label": "Y", "sort_order": 0}]},
         PAYLOAD, {"option_values": "A checkbox modifier has exactly the two values it was made with; change them by id."}),
        ({"display_name": "Sea", "type": "swatch", "required": False,
          "option_values": [{"label": "Teal", "sort_order": 0, "is_default": True, "value_data": {"colors": ["#0a7ea4"]}}]},
         PAYLOAD, {"option_values.0.is_default": "swatch modifiers have no default value"}),
        ({**GRILLE, "option_values": [{"label": "Black", "sort_order": 0}, {"label": "BLACK", "sort_order": 1}]},
         PAYLOAD, {"option_values.1.label": "Another value is already labelled 'BLACK'."}),
        ({**GRILLE, "option_values": [{"label": "Black"}]}, INVALID, {"option_values.0.sort_order": "error.path.missing"}),
    ],
)  # fmt: skip
def test_create_product_modifier_breaking_a_type_rule_returns_422(
    client: httpx.Client, store: Store, body: dict[str, Any], title: str, errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(MODIFIERS, json=body)

    assert response.status_code == 422
    assert response.json() == error(422, title, errors)
    assert snapshot(store) == before


@pytest.mark.parametrize(("product_id", "name"), [(SPEAKER, "grille COLOUR"), (POT, "color")])
def test_create_product_modifier_with_a_taken_display_name_returns_409(
    client: httpx.Client, store: Store, product_id: int, name: str
) -> None:
    create(client)  # product 77's "Grille colour"; product 95 has the option "Color"
    before = snapshot(store)

    response = client.post(f"{PRODUCTS}/{product_id}/modifiers", json={**GRILLE, "display_name": name})

    assert response.status_code == 409
    assert response.json() == error(
        409, "The display name is a duplicate.", {"display_name": f"An option or modifier of this product is already named '{name}'."}
    )  # fmt: skip
    assert snapshot(store) == before


def test_create_product_modifier_of_an_unknown_product_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(f"{PRODUCTS}/999999/modifiers", json=GRILLE)

    assert response.status_code == 404
    assert response.json() == not_found("product")
    assert snapshot(store) == before


# --- getProductModifier -----------------------------------------------------------------


def test_get_product_modifier_returns_it(client: httpx.Client) -> None:
    made = create(client)

    response = client.get(f"{MODIFIERS}/{made['id']}")

    assert response.status_code == 200
    assert response.json() == {"data": made, "meta": {}}


@pytest.mark.parametrize("product_id", [SPEAKER, POT])
def test_get_product_modifier_unknown_or_of_another_product_returns_404(client: httpx.Client, product_id: int) -> None:
    made = create(client)

    response = client.get(
        f"{PRODUCTS}/{product_id}/modifiers/{made['id'] + 1000 if product_id == SPEAKER else made['id']}"
    )

    assert response.status_code == 404
    assert response.json() == not_found("modifier")


# --- updateProductModifier --------------------------------------------------------------


def test_update_product_modifier_changes_fields_and_values(client: httpx.Client, events: list[Event]) -> None:
    made = create(client)
    black, copper = (v["id"] for v in made["option_values"])
    events.clear()

    response = client.put(
        f"{MODIFIERS}/{made['id']}",
        json={"required": False, "type": "radio_buttons", "display_name": "Grille",
              "option_values": [{"id": copper, "adjusters": {"weight": {"adjuster": "percentage", "adjuster_value": 10}}},
                                {"label": "Walnut", "sort_order": 2}]},
    )  # fmt: skip

    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert (data["required"], data["type"], data["display_name"]) == (False, "radio_buttons", "Grille")
    assert [v["label"] for v in data["option_values"]] == ["Black", "Copper", "Walnut"]
    copper_now = data["option_values"][1]
    assert copper_now["id"] == copper and data["option_values"][0]["id"] == black
    # Only the weight adjuster was sent: the price adjuster and purchasing_disabled stay.
    assert copper_now["adjusters"] == {
        **NO_ADJUSTERS, "price": {"adjuster": "relative", "adjuster_value": 5},
        "weight": {"adjuster": "percentage", "adjuster_value": 10}, "purchasing_disabled": {"status": True, "message": "Soon"},
    }  # fmt: skip
    assert [(e.scope, e.id) for e in events] == [("store/modifier/updated", made["id"])]


def test_update_product_modifier_get_body_put_back_round_trips(client: httpx.Client) -> None:
    made = create(client)

    response = client.put(f"{MODIFIERS}/{made['id']}", json=made)

    assert response.status_code == 200, response.text
    assert response.json()["data"] == made


def test_update_product_modifier_needs_required_and_type(client: httpx.Client, store: Store) -> None:
    made = create(client)
    before = snapshot(store)

    response = client.put(f"{MODIFIERS}/{made['id']}", json={"display_name": "Grille"})

    assert response.status_code == 422
    assert response.json() == error(422, INVALID, {"required": "error.path.missing", "type": "error.path.missing"})
    assert snapshot(store) == before


def test_update_product_modifier_to_a_type_of_another_kind_returns_422(client: httpx.Client, store: Store) -> None:
    made = create(client)
    before = snapshot(store)

    response = client.put(f"{MODIFIERS}/{made['id']}", json={"required": True, "type": "text"})

    assert response.status_code == 422
    assert response.json() == error(
        422, PAYLOAD, {"type": "A dropdown modifier cannot become a text modifier; create a new modifier instead."}
    )
    assert snapshot(store) == before


def test_update_product_modifier_to_a_taken_display_name_returns_409(client: httpx.Client, store: Store) -> None:
    made = create(client)
    create(client, text("Engraving"))
    before = snapshot(store)

    response = client.put(
        f"{MODIFIERS}/{made['id']}", json={"required": True, "type": "dropdown", "display_name": "ENGRAVING"}
    )

    assert response.status_code == 409
    assert response.json() == error(
        409, "The display name is a duplicate.", {"display_name": "An option or modifier of this product is already named 'ENGRAVING'."}
    )  # fmt: skip
    assert snapshot(store) == before


def test_update_product_modifier_unknown_returns_404(client: httpx.Client) -> None:
    response = client.put(f"{MODIFIERS}/999999", json={"required": True, "type": "text"})

    assert response.status_code == 404
    assert response.json() == not_found("modifier")


# --- deleteProductModifier --------------------------------------------------------------


def test_delete_product_modifier_deletes_it(client: httpx.Client, store: Store, events: list[Event]) -> None:
    made = create(client)
    events.clear()

    response = client.delete(f"{MODIFIERS}/{made['id']}")

    assert response.status_code == 204 and response.content == b""
    assert client.get(f"{MODIFIERS}/{made['id']}").status_code == 404
    assert [(e.scope, e.id) for e in events] == [("store/modifier/deleted", made["id"])]


def test_delete_product_modifier_unknown_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.delete(f"{MODIFIERS}/999999")

    assert response.status_code == 404
    assert response.json() == not_found("modifier")
    assert snapshot(store) == before


def test_delete_product_deletes_its_modifiers(client: httpx.Client, store: Store, events: list[Event]) -> None:
    made = create(client)

    assert client.delete(f"{PRODUCTS}/{SPEAKER}").status_code == 204

    assert store.modifiers.get(made["id"]) is None
    assert ("store/modifier/deleted", made["id"]) in [(e.scope, e.id) for e in events]


# --- modifier values --------------------------------------------------------------------


def test_get_product_modifier_values_lists_them(client: httpx.Client) -> None:
    made = create(client)

    body = client.get(f"{MODIFIERS}/{made['id']}/values").json()

    assert body["data"] == made["option_values"]
    assert body["meta"]["pagination"]["total"] == 2


def test_get_product_modifier_values_include_fields_keeps_label_and_sort_order(client: httpx.Client) -> None:
    made = create(client)

    data = client.get(f"{MODIFIERS}/{made['id']}/values", params={"include_fields": "is_default"}).json()["data"]

    assert data[0] == {"id": made["option_values"][0]["id"], "label": "Black", "sort_order": 0, "is_default": True}


def test_create_product_modifier_value_returns_200_with_it(client: httpx.Client, events: list[Event]) -> None:
    made = create(client)
    events.clear()

    response = client.post(
        f"{MODIFIERS}/{made['id']}/values",
        json={
            "label": "Silver",
            "sort_order": 2,
            "is_default": True,
            "adjusters": {"image_url": "https://x.test/s.png"},
        },
    )

    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data == {
        "id": data["id"], "option_id": made["id"], "label": "Silver", "sort_order": 2, "value_data": {},
        "is_default": True, "adjusters": {**NO_ADJUSTERS, "image_url": "https://x.test/s.png"},
    }  # fmt: skip
    values = client.get(f"{MODIFIERS}/{made['id']}/values").json()["data"]
    assert [v["label"] for v in values if v["is_default"]] == ["Silver"]
    assert [(e.scope, e.id) for e in events] == [("store/modifier/updated", made["id"])]


@pytest.mark.parametrize(
    ("modifier", "errors"),
    [
        (text(), {"label": "A text modifier has no values."}),
        ({"display_name": "Wrap", "type": "checkbox", "required": False},
         {"label": "A checkbox modifier has exactly the two values it was made with; change them by id."}),
    ],
)  # fmt: skip
def test_create_product_modifier_value_on_a_modifier_without_choices_returns_422(
    client: httpx.Client, store: Store, modifier: dict[str, Any], errors: dict[str, str]
) -> None:
    made = create(client, modifier)
    before = snapshot(store)

    response = client.post(f"{MODIFIERS}/{made['id']}/values", json={"label": "More", "sort_order": 5})

    assert response.status_code == 422
    assert response.json() == error(422, PAYLOAD, errors)
    assert snapshot(store) == before


def test_create_product_modifier_value_with_a_taken_label_returns_422(client: httpx.Client, store: Store) -> None:
    made = create(client)
    before = snapshot(store)

    response = client.post(f"{MODIFIERS}/{made['id']}/values", json={"label": "copper", "sort_order": 5})

    assert response.status_code == 422
    assert response.json() == error(422, PAYLOAD, {"label": "Another value is already labelled 'copper'."})
    assert snapshot(store) == before


def test_get_product_modifier_value_returns_it(client: httpx.Client) -> None:
    made = create(client)
    copper = made["option_values"][1]

    response = client.get(f"{MODIFIERS}/{made['id']}/values/{copper['id']}")

    assert response.status_code == 200
    assert response.json() == {"data": copper, "meta": {}}


def test_get_product_modifier_value_unknown_returns_404(client: httpx.Client) -> None:
    made = create(client)

    response = client.get(f"{MODIFIERS}/{made['id']}/values/999999")

    assert response.status_code == 404
    assert response.json() == not_found("modifier value")


def test_update_product_modifier_value_changes_it(client: httpx.Client) -> None:
    made = create(client)
    copper = made["option_values"][1]

    response = client.put(
        f"{MODIFIERS}/{made['id']}/values/{copper['id']}",
        json={
            "label": "Bronze",
            "sort_order": 1,
            "adjusters": {"price": {"adjuster": "percentage", "adjuster_value": 2.5}},
        },
    )

    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert (data["label"], data["adjusters"]["price"]) == ("Bronze", {"adjuster": "percentage", "adjuster_value": 2.5})
    assert data["adjusters"]["purchasing_disabled"] == {"status": True, "message": "Soon"}


def test_update_product_modifier_value_of_a_checkbox_relabels_it(client: httpx.Client) -> None:
    made = create(client, {"display_name": "Wrap", "type": "checkbox", "required": False})
    yes = made["option_values"][0]

    response = client.put(f"{MODIFIERS}/{made['id']}/values/{yes['id']}", json={"label": "Wrap it", "sort_order": 0})

    assert response.status_code == 200, response.text
    assert response.json()["data"]["label"] == "Wrap it"


def test_update_product_modifier_value_needs_label_and_sort_order(client: httpx.Client, store: Store) -> None:
    made = create(client)
    before = snapshot(store)

    response = client.put(
        f"{MODIFIERS}/{made['id']}/values/{made['option_values'][0]['id']}", json={"is_default": False}
    )

    assert response.status_code == 422
    assert response.json() == error(422, INVALID, {"label": "error.path.missing", "sort_order": "error.path.missing"})
    assert snapshot(store) == before


def test_delete_product_modifier_value_deletes_it(client: httpx.Client, events: list[Event]) -> None:
    made = create(client)
    black = made["option_values"][0]["id"]
    events.clear()

    response = client.delete(f"{MODIFIERS}/{made['id']}/values/{black}")

    assert response.status_code == 204
    assert [v["label"] for v in client.get(f"{MODIFIERS}/{made['id']}/values").json()["data"]] == ["Copper"]
    assert [(e.scope, e.id) for e in events] == [("store/modifier/updated", made["id"])]


def test_delete_product_modifier_value_of_a_checkbox_returns_422(client: httpx.Client, store: Store) -> None:
    made = create(client, {"display_name": "Wrap", "type": "checkbox", "required": False})
    before = snapshot(store)

    response = client.delete(f"{MODIFIERS}/{made['id']}/values/{made['option_values'][1]['id']}")

    assert response.status_code == 422
    assert response.json() == error(
        422,
        PAYLOAD,
        {"value_id": "A checkbox modifier has exactly the two values it was made with; change them by id."},
    )
    assert snapshot(store) == before


def test_delete_product_modifier_value_unknown_returns_404(client: httpx.Client, store: Store) -> None:
    made = create(client)
    before = snapshot(store)

    response = client.delete(f"{MODIFIERS}/{made['id']}/values/999999")

    assert response.status_code == 404
    assert response.json() == not_found("modifier value")
    assert snapshot(store) == before


# --- createProductModifierImage ---------------------------------------------------------


def test_create_product_modifier_image_sets_the_values_image_url(client: httpx.Client) -> None:
    made = create(client)
    copper = made["option_values"][1]["id"]

    response = client.post(
        f"{MODIFIERS}/{made['id']}/values/{copper}/image", files={"image_file": ("copper.png", PNG, "image/png")}
    )

    assert response.status_code == 200, response.text
    url = response.json()["data"]["image_url"]
    assert response.json() == {"data": {"image_url": url}, "meta": {}}
    assert url.startswith(f"http://mockbc.test/_mockbc/uploads/{DEFAULT_STORE_HASH}/") and url.endswith("copper.png")
    value = client.get(f"{MODIFIERS}/{made['id']}/values/{copper}").json()["data"]
    assert value["adjusters"]["image_url"] == url
    assert client.get(url).content == PNG


@pytest.mark.parametrize(
    ("files", "errors"),
    [
        ({"image_file": ("a.png", b"%PDF-1.4", "image/png")}, {"image_file": "must be a JPEG, PNG, GIF or WebP image"}),
        ({"picture": ("a.png", PNG, "image/png")}, {"image_file": "error.path.missing"}),
    ],
)
def test_create_product_modifier_image_without_an_image_returns_422(
    client: httpx.Client, store: Store, files: dict[str, Any], errors: dict[str, str]
) -> None:
    made = create(client)
    before = snapshot(store)

    response = client.post(f"{MODIFIERS}/{made['id']}/values/{made['option_values'][0]['id']}/image", files=files)

    assert response.status_code == 422
    assert response.json() == error(422, PAYLOAD, errors)
    assert snapshot(store) == before


def test_create_product_modifier_image_as_json_returns_415(client: httpx.Client, store: Store) -> None:
    made = create(client)
    before = snapshot(store)

    response = client.post(
        f"{MODIFIERS}/{made['id']}/values/{made['option_values'][0]['id']}/image",
        json={"image_url": "https://x.test/a.png"},
    )

    assert response.status_code == 415
    assert snapshot(store) == before


def test_create_product_modifier_image_of_an_unknown_value_returns_404_and_keeps_no_upload(
    client: httpx.Client, store: Store
) -> None:
    made = create(client)
    before = snapshot(store)

    response = client.post(
        f"{MODIFIERS}/{made['id']}/values/999999/image", files={"image_file": ("a.png", PNG, "image/png")}
    )

    assert response.status_code == 404
    assert response.json() == not_found("modifier value")
    assert snapshot(store) == before


# --- include=modifiers, scopes --------------------------------------------------------------


def test_get_product_include_modifiers_shows_them(client: httpx.Client) -> None:
    made = create(client)

    product = client.get(f"{PRODUCTS}/{SPEAKER}", params={"include": "modifiers"}).json()["data"]

    assert product["modifiers"] == [made]


def test_get_products_include_modifiers_shows_each_products_own(client: httpx.Client) -> None:
    made = create(client)

    data = client.get(PRODUCTS, params={"id:in": f"{SPEAKER},{POT}", "include": "modifiers"}).json()["data"]

    assert [(p["id"], p["modifiers"]) for p in data] == [(SPEAKER, [made]), (POT, [])]


def test_read_only_scope_reads_modifiers_but_cannot_write_them(scoped_client: Any, store: Store) -> None:
    reader = scoped_client(["store_v2_products_read_only"])
    before = snapshot(store)

    assert reader.get(MODIFIERS).status_code == 200
    assert reader.post(MODIFIERS, json=GRILLE).status_code == 403
    assert snapshot(store) == before
