"""The fixture loader: records take the API's path, fixtures/README.md's defaults are the API's,
and a malformed file is a ``FixtureError`` naming the record, never another exception."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockbc import create_app
from mockbc.fixtures import FixtureError, build_seed, load_seed
from mockbc.http.inprocess import client as inprocess_client
from mockbc.store.store import Store

README = Path(__file__).resolve().parents[1] / "fixtures" / "README.md"
FORMAT = "mockbc-fixtures/1"
MINIMAL = {
    "products": {"name": "Default Mug", "type": "physical", "weight": 1, "price": 2},
    "brands": {"name": "Default Brand"},
    "categories": {"name": "Default Category", "parent_id": 0},
}
CREATE_PATHS = {"products": "catalog/products", "brands": "catalog/brands", "categories": "catalog/categories"}


def readme_defaults(section: str) -> dict[str, Any]:
    """``field -> default`` from the README table under ``### `section```, for cells that hold
    one JSON literal (prose cells such as ``custom_url`` are skipped)."""
    text = README.read_text(encoding="utf-8").split(f"### `{section}`\n", 1)[1]
    text = re.split(r"^#", text, maxsplit=1, flags=re.MULTILINE)[0]  # up to the next heading
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    defaults: dict[str, Any] = {}
    for row in rows:
        fields_cell, default_cell = (cell.strip() for cell in row.strip("|").split("|")[:2])
        literal = re.fullmatch(r"`([^`]*)`", default_cell)
        if literal is None or "<" in literal.group(1):  # prose, or a template such as /<slug-of-name>/
            continue
        value = json.loads(literal.group(1))
        for field in re.findall(r"`([a-z_]+)`", fields_cell):
            defaults[field] = value
    return defaults


@pytest.mark.parametrize("resource", ["products", "brands", "categories"])
def test_readme_defaults_are_what_the_api_gives(resource: str) -> None:
    defaults = readme_defaults(resource)
    defaults.pop("tree_id", None)  # a fixture-only field
    assert len(defaults) >= 3
    app = create_app(fixtures="empty")
    with inprocess_client(app, access_token=app.state.default_account.access_token) as client:
        created = client.post(f"/stores/mockbc0001/v3/{CREATE_PATHS[resource]}", json=MINIMAL[resource])
    assert created.status_code == 200, created.text
    given_by_api = created.json()["data"]
    assert {field: given_by_api[field] for field in defaults} == defaults


@pytest.mark.parametrize("resource", ["products", "brands", "categories"])
def test_a_fixture_record_gets_the_same_defaults_as_an_api_create(resource: str) -> None:
    seeded = build_seed({"format": FORMAT, resource: [{"id": 1, **MINIMAL[resource]}]})
    app = create_app(fixtures="empty")
    registry = app.state.registry
    registry.create_store("seeded1", seed=seeded)
    account = registry.create_account("seeded1", name="reader", scopes=["store_v2_products"])
    with inprocess_client(app, access_token=app.state.default_account.access_token) as client:
        made = client.post(f"/stores/mockbc0001/v3/{CREATE_PATHS[resource]}", json=MINIMAL[resource]).json()["data"]
    with inprocess_client(app, access_token=account.access_token) as client:
        loaded = client.get(f"/stores/seeded1/v3/{CREATE_PATHS[resource]}/1").json()["data"]

    ignore = {"id", "date_created", "date_modified", "base_variant_id"}
    assert {k: v for k, v in loaded.items() if k not in ignore} == {k: v for k, v in made.items() if k not in ignore}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], 'expected an object with "format": "mockbc-fixtures/1"'),
        ({"format": FORMAT, "products": {}}, "products must be an array"),
        ({"format": FORMAT, "products": [1]}, "every product must be a JSON object, got 1"),
        ({"format": FORMAT, "products": [{"id": "7", "name": "X"}]}, "product 'X' needs a positive integer id, got '7'"),
        ({"format": FORMAT, "products": [{"id": 1, "name": "X", "type": "physical", "weight": 1, "price": "cheap"}]},
         "product 1: JSON data is missing or invalid price: must be a number"),
        ({"format": FORMAT, "products": [{"id": 1, "name": "X", "type": "physical", "weight": 1, "price": 1,
                                           "categories": [99]}]},
         "product 1: One or more categories do not exist. categories: Category ids do not exist: 99."),
        ({"format": FORMAT, "brands": [{"id": 1, "name": "B"}, {"id": 2, "name": "b"}]},
         "brand 2: The brand name is a duplicate. name: A brand named 'b' already exists."),
        ({"format": FORMAT, "brands": [{"id": 1, "name": "B"}, {"id": 1, "name": "C"}]},
         "brand 1: The id is already in use. id: The id 1 is already in use."),
        ({"format": FORMAT, "categories": [{"id": 2, "name": "Child", "parent_id": 1}]},
         "category 2: The parent category does not exist. parent_id: Category 1 does not exist."),
        ({"format": FORMAT, "category_trees": [{"id": 1}]}, "category tree 1 needs a name and a list of channels"),
        ({"format": FORMAT, "products": [{"id": 1, "name": "V", "type": "physical", "weight": 1, "price": 1,
                                           "variants": [{"id": "x", "sku": "A"}]}]},
         "every variant needs a positive integer id, got 'x'"),
        ({"format": FORMAT, "products": [{"id": 1, "name": "X", "type": "physical", "weight": 1, "price": 1,
                                           "date_created": "yesterday"}]},
         "product 1: JSON data is missing or invalid date_created: must be a valid date-time"),
    ],
)  # fmt: skip
def test_malformed_documents_are_refused_naming_the_record(document: Any, message: str) -> None:
    with pytest.raises(FixtureError) as refused:
        build_seed(document, source="shop.json")

    assert str(refused.value) == f"shop.json: {message}"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)
DEMO_RECORD = {"id": 1, "name": "Mug", "type": "physical", "weight": 1, "price": 2, "categories": [], "brand_id": 0}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(section=st.sampled_from(["brands", "categories", "products", "category_trees"]),
       field=st.sampled_from(["id", "name", "parent_id", "type", "price", "categories", "variants", "custom_url",
                              "channels", "brand_id", "tree_id", "meta_keywords"]),
       value=JSON_VALUES)  # fmt: skip
def test_any_mangled_record_is_a_fixture_error_or_a_store(section: str, field: str, value: Any) -> None:
    record = {**DEMO_RECORD, field: value}
    try:
        seed = build_seed({"format": FORMAT, section: [record]})
    except FixtureError:
        return
    Store("fuzz", seed)  # what loaded is a store the API can serve


def test_a_file_that_is_not_json_is_a_fixture_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(b"{not json")

    with pytest.raises(FixtureError, match=r"broken\.json: not valid JSON"):
        load_seed(str(path))


def test_the_demo_store_loads_through_the_services() -> None:
    seed = load_seed("demo")

    assert (len(seed.products), len(seed.variants), len(seed.categories), len(seed.brands)) == (132, 201, 27, 9)
