"""The mock's own control plane under /_mockbc/ (INTERFACE.md §3), driven through the session app."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
import pytest

from mockbc import ALL_SCOPES, DEFAULT_STORE_HASH, Store, StoreRegistry, create_app
from mockbc.http.app import MockApp
from mockbc.http.inprocess import client as inprocess_client

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
PRODUCTS = f"{V3}/catalog/products"
CONTROL_TYPE = "/_mockbc/errors"
JSON = {"Content-Type": "application/json"}
FIXTURES_RULE = (
    "must be 'demo', 'empty', the fixture file the server was started with, or a fixture document (an object)"
)
NAME_RULE = "must be a non-empty string of at most 255 characters"
UNAUTHORIZED_TITLE = (
    "Unauthorized - the v3 Auth client ID or token in the request are not a valid combination for this store."
)


def products_path(store_hash: str) -> str:
    return f"/stores/{store_hash}/v3/catalog/products"


def token_client(app: MockApp, token: str) -> httpx.Client:
    return inprocess_client(app, access_token=token)


def new_account(client: httpx.Client, store_hash: str, **body: Any) -> dict[str, Any]:
    response = client.post(f"/_mockbc/stores/{store_hash}/api-accounts", json=body)
    assert response.status_code == 201, response.text
    account: dict[str, Any] = response.json()
    return account


# --- health and stores --------------------------------------------------------------


def test_health_returns_ok(client: httpx.Client) -> None:
    response = client.get("/_mockbc/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response.headers["content-type"] == "application/json"


def test_create_store_with_empty_fixtures_returns_201(client: httpx.Client, registry: StoreRegistry) -> None:
    response = client.post("/_mockbc/stores", json={"store_hash": "emptystore", "fixtures": "empty"})

    assert response.status_code == 201
    assert response.json() == {"store_hash": "emptystore", "fixtures": "empty"}
    store = registry.stores["emptystore"]
    assert (len(store.products), len(store.brands), len(store.categories)) == (0, 0, 0)


def test_create_store_defaults_to_demo_fixtures(client: httpx.Client, registry: StoreRegistry) -> None:
    response = client.post("/_mockbc/stores", json={"store_hash": "demostore2"})

    assert response.status_code == 201
    assert response.json() == {"store_hash": "demostore2", "fixtures": "demo"}
    assert len(registry.stores["demostore2"].products) == 132


def test_create_store_without_hash_generates_one(client: httpx.Client, registry: StoreRegistry) -> None:
    first = client.post("/_mockbc/stores", json={"fixtures": "empty"})
    second = client.post("/_mockbc/stores", content=b"", headers=JSON)

    assert first.status_code == second.status_code == 201
    hashes = {first.json()["store_hash"], second.json()["store_hash"]}
    assert len(hashes) == 2
    assert all(h.isalnum() and h in registry.stores for h in hashes)


def test_create_store_existing_hash_returns_409(client: httpx.Client, registry: StoreRegistry) -> None:
    response = client.post("/_mockbc/stores", json={"store_hash": DEFAULT_STORE_HASH, "fixtures": "empty"})

    assert response.status_code == 409
    assert response.json() == {
        "status": 409,
        "title": f"A store with hash '{DEFAULT_STORE_HASH}' already exists.",
        "type": CONTROL_TYPE,
    }
    assert len(registry.stores[DEFAULT_STORE_HASH].products) == 132


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"store_hash": "has space"}, {"store_hash": "must be 1 to 64 letters and digits"}),
        ({"store_hash": 12}, {"store_hash": "must be 1 to 64 letters and digits"}),
        ({"store_hash": "a/b"}, {"store_hash": "must be 1 to 64 letters and digits"}),
        ({"store_hash": "x" * 65}, {"store_hash": "must be 1 to 64 letters and digits"}),
        ({"fixtures": 3}, {"fixtures": FIXTURES_RULE}),
        # The control plane never reads a file the server was not started with.
        ({"fixtures": "/no/such/fixture.json"}, {"fixtures": FIXTURES_RULE}),
        ({"fixtures": "/etc/passwd"}, {"fixtures": FIXTURES_RULE}),
        ({"fixtures": "../pyproject.toml"}, {"fixtures": FIXTURES_RULE}),
        ({"fixtures": []}, {"fixtures": FIXTURES_RULE}),
        (
            {"fixtures": {"products": []}},
            {"fixtures": 'fixtures: expected an object with "format": "mockbc-fixtures/1"'},
        ),
        (
            {"fixtures": {"format": "mockbc-fixtures/1", "products": [{"id": "x"}]}},
            {"fixtures": "fixtures: product '?' needs a positive integer id, got 'x'"},
        ),
        (
            {"fixtures": {"format": "mockbc-fixtures/1", "brands": "many"}},
            {"fixtures": "fixtures: brands must be an array"},
        ),
        (
            {"fixtures": {"format": "mockbc-fixtures/1", "products": [{"id": 1, "name": "P", "type": "physical"}]}},
            {
                "fixtures": "fixtures: product 1: JSON data is missing or invalid weight: error.path.missing; "
                "price: error.path.missing"
            },
        ),
    ],
)
def test_create_store_invalid_body_returns_422(
    client: httpx.Client, registry: StoreRegistry, body: dict[str, Any], errors: dict[str, str]
) -> None:
    stores_before = set(registry.stores)

    response = client.post("/_mockbc/stores", json=body)

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": "Invalid store.", "type": CONTROL_TYPE, "errors": errors}
    assert set(registry.stores) == stores_before


def test_create_store_from_an_inline_fixture_document(client: httpx.Client, registry: StoreRegistry) -> None:
    document = {
        "format": "mockbc-fixtures/1",
        "brands": [{"id": 4, "name": "Inline Brand"}],
        "products": [{"id": 10, "name": "Inline Mug", "type": "physical", "weight": 1, "price": 3.5, "brand_id": 4}],
    }

    response = client.post("/_mockbc/stores", json={"store_hash": "inline1", "fixtures": document})

    assert response.status_code == 201
    assert response.json() == {"store_hash": "inline1", "fixtures": "inline"}
    store = registry.stores["inline1"]
    assert store.products.get(10).name == "Inline Mug" and store.products.get(10).brand_id == 4
    store.reset()
    assert store.products.get(10) is not None  # the document is the store's seed


def test_create_store_from_the_servers_own_fixture_file(tmp_path: Any) -> None:
    path = tmp_path / "mine.json"
    path.write_text('{"format": "mockbc-fixtures/1", "brands": [{"id": 1, "name": "Mine"}]}')
    app = create_app(fixtures=str(path))
    with inprocess_client(app) as control:
        response = control.post("/_mockbc/stores", json={"store_hash": "mine2", "fixtures": str(path)})

    assert response.status_code == 201
    assert app.state.registry.stores["mine2"].brands.get(1).name == "Mine"


def test_create_store_malformed_json_returns_400(client: httpx.Client) -> None:
    response = client.post("/_mockbc/stores", content=b"{nope", headers={"Content-Type": "application/json"})

    assert response.status_code == 400
    assert response.json() == {"status": 400, "title": "The request body is not valid JSON.", "type": CONTROL_TYPE}


def test_create_store_array_body_returns_422(client: httpx.Client) -> None:
    response = client.post("/_mockbc/stores", json=["x"])

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": "The request body must be a JSON object.", "type": CONTROL_TYPE}


def test_list_stores(client: httpx.Client) -> None:
    client.post("/_mockbc/stores", json={"store_hash": "listed1", "fixtures": "empty"})

    response = client.get("/_mockbc/stores")

    assert response.status_code == 200
    assert response.json() == [
        {"store_hash": DEFAULT_STORE_HASH, "fixtures": "catalog", "products": 132, "categories": 27, "brands": 9},
        {"store_hash": "listed1", "fixtures": "empty", "products": 0, "categories": 0, "brands": 0},
    ]


def test_new_store_is_independent_of_the_default_one(app: MockApp, client: httpx.Client, store: Store) -> None:
    client.post("/_mockbc/stores", json={"store_hash": "isolated1"})
    account = new_account(client, "isolated1", name="iso")

    with token_client(app, account["access_token"]) as other:
        assert other.delete(f"{products_path('isolated1')}/77").status_code == 204
        assert other.get(f"{products_path('isolated1')}/77").status_code == 404

    assert client.get(f"{PRODUCTS}/77").status_code == 200
    assert store.products.get(77) is not None


def test_delete_store_returns_204_and_its_tokens_stop_working(
    app: MockApp, client: httpx.Client, registry: StoreRegistry
) -> None:
    client.post("/_mockbc/stores", json={"store_hash": "doomed1", "fixtures": "empty"})
    account = new_account(client, "doomed1", name="doomed")

    with token_client(app, account["access_token"]) as doomed:
        assert doomed.get(products_path("doomed1")).status_code == 200

        response = client.delete("/_mockbc/stores/doomed1")

        assert response.status_code == 204
        assert response.content == b""
        assert "doomed1" not in registry.stores
        assert account["access_token"] not in registry.accounts
        after = doomed.get(products_path("doomed1"))
        assert after.status_code == 401
        assert after.json() == {
            "status": 401,
            "title": UNAUTHORIZED_TITLE,
            "type": "/api-docs/getting-started/api-status-codes",
        }
    assert "doomed1" not in [s["store_hash"] for s in client.get("/_mockbc/stores").json()]


def test_recreated_store_does_not_revive_old_tokens(app: MockApp, client: httpx.Client) -> None:
    client.post("/_mockbc/stores", json={"store_hash": "phoenix1", "fixtures": "empty"})
    account = new_account(client, "phoenix1", name="first")
    client.delete("/_mockbc/stores/phoenix1")
    client.post("/_mockbc/stores", json={"store_hash": "phoenix1", "fixtures": "empty"})

    with token_client(app, account["access_token"]) as old:
        assert old.get(products_path("phoenix1")).status_code == 401


def test_delete_unknown_store_returns_404(client: httpx.Client) -> None:
    response = client.delete("/_mockbc/stores/nosuchstore")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "No such store.", "type": CONTROL_TYPE}


# --- API accounts -------------------------------------------------------------------


def test_create_api_account_returns_201_with_credentials(client: httpx.Client, registry: StoreRegistry) -> None:
    response = client.post(
        f"/_mockbc/stores/{DEFAULT_STORE_HASH}/api-accounts",
        json={"name": "ci", "scopes": ["store_v2_products_read_only", "store_v2_orders"]},
    )

    assert response.status_code == 201
    body = response.json()
    assert {"client_id", "client_secret", "access_token", "api_path", "scopes"} <= set(body)
    assert body["api_path"] == f"http://mockbc.test/stores/{DEFAULT_STORE_HASH}/v3/"
    assert body["scopes"] == ["store_v2_orders", "store_v2_products_read_only"]
    assert body["store_hash"] == DEFAULT_STORE_HASH
    assert all(isinstance(body[k], str) and body[k] for k in ("client_id", "client_secret", "access_token"))
    account = registry.accounts[body["access_token"]]
    assert account.scopes == frozenset({"store_v2_products_read_only", "store_v2_orders"})
    assert account.client_id == body["client_id"] and account.client_secret == body["client_secret"]


def test_api_account_token_has_exactly_the_scopes_granted(app: MockApp, client: httpx.Client, store: Store) -> None:
    account = new_account(client, DEFAULT_STORE_HASH, name="reader", scopes=["store_v2_products_read_only"])

    with token_client(app, account["access_token"]) as reader:
        assert reader.get(PRODUCTS).status_code == 200
        refused = reader.post(PRODUCTS, json={"name": "No", "type": "physical", "weight": 1, "price": 1})
        assert refused.status_code == 403
    assert len(store.products) == 132


def test_api_account_with_modify_scope_can_write(app: MockApp, client: httpx.Client) -> None:
    account = new_account(client, DEFAULT_STORE_HASH, name="writer", scopes=["store_v2_products"])

    with token_client(app, account["access_token"]) as writer:
        response = writer.post(PRODUCTS, json={"name": "Yes", "type": "physical", "weight": 1, "price": 1})
        assert response.status_code == 200


def test_api_account_without_catalog_scope_is_refused(app: MockApp, client: httpx.Client) -> None:
    account = new_account(client, DEFAULT_STORE_HASH, name="orders", scopes=["store_v2_orders"])

    with token_client(app, account["access_token"]) as other:
        assert other.get(PRODUCTS).status_code == 403


def test_api_account_scopes_default_to_all(client: httpx.Client) -> None:
    body = new_account(client, DEFAULT_STORE_HASH)

    assert body["scopes"] == sorted(ALL_SCOPES)


def test_api_account_scopes_may_be_a_comma_separated_string(client: httpx.Client) -> None:
    body = new_account(client, DEFAULT_STORE_HASH, scopes="store_v2_products,store_v2_customers")

    assert body["scopes"] == ["store_v2_customers", "store_v2_products"]


def test_two_api_accounts_get_different_credentials(client: httpx.Client) -> None:
    first = new_account(client, DEFAULT_STORE_HASH, name="one")
    second = new_account(client, DEFAULT_STORE_HASH, name="two")

    assert (first["name"], second["name"]) == ("one", "two")
    assert first["access_token"] != second["access_token"]
    assert first["client_id"] != second["client_id"]


def test_api_accounts_without_a_name_get_distinct_names(client: httpx.Client) -> None:
    client.post("/_mockbc/stores", json={"store_hash": "unnamed1", "fixtures": "empty"})
    first, second = new_account(client, "unnamed1"), new_account(client, "unnamed1")

    assert (first["name"], second["name"]) == ("api-account-1", "api-account-2")


def test_api_account_with_a_name_already_used_in_the_store_returns_409(
    client: httpx.Client, registry: StoreRegistry
) -> None:
    client.post("/_mockbc/stores", json={"store_hash": "dupname1", "fixtures": "empty"})
    new_account(client, "dupname1", name="erp", scopes=["store_v2_products_read_only"])
    accounts_before = dict(registry.accounts)

    response = client.post("/_mockbc/stores/dupname1/api-accounts", json={"name": "erp", "scopes": "all"})

    assert response.status_code == 409
    assert response.json() == {
        "status": 409,
        "title": "Store dupname1 already has an API account named 'erp'.",
        "type": CONTROL_TYPE,
    }
    assert registry.accounts == accounts_before


def test_the_same_name_in_another_store_is_a_different_account(client: httpx.Client) -> None:
    client.post("/_mockbc/stores", json={"store_hash": "twin1", "fixtures": "empty"})

    mine, theirs = (
        new_account(client, DEFAULT_STORE_HASH, name="twin-erp"),
        new_account(client, "twin1", name="twin-erp"),
    )

    assert mine["access_token"] != theirs["access_token"]


def test_control_plane_tokens_are_not_derived_from_store_and_name(app: MockApp, client: httpx.Client) -> None:
    # Dropping a store and making an account of the same name again must not mint the old token.
    client.post("/_mockbc/stores", json={"store_hash": "again1", "fixtures": "empty"})
    first = new_account(client, "again1", name="erp", scopes=["store_v2_products_read_only"])
    client.delete("/_mockbc/stores/again1")
    client.post("/_mockbc/stores", json={"store_hash": "again1", "fixtures": "empty"})
    second = new_account(client, "again1", name="erp", scopes="all")

    assert first["access_token"] != second["access_token"]
    assert first["client_id"] != second["client_id"] and first["client_secret"] != second["client_secret"]
    with token_client(app, first["access_token"]) as stale:
        assert stale.get(products_path("again1")).status_code == 401


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"scopes": ["store_v2_products", "store_v2_everything"]}, {"scopes": "unknown scope(s): store_v2_everything"}),
        ({"scopes": [1, 2]}, {"scopes": "must be a list of scope names"}),
        ({"scopes": {"a": 1}}, {"scopes": "must be a list of scope names"}),
        ({"name": ""}, {"name": NAME_RULE}),
        ({"name": "   "}, {"name": NAME_RULE}),
        ({"name": 5}, {"name": NAME_RULE}),
        ({"name": "x" * 256}, {"name": NAME_RULE}),
    ],
)
def test_create_api_account_invalid_body_returns_422(
    client: httpx.Client, registry: StoreRegistry, body: dict[str, Any], errors: dict[str, str]
) -> None:
    accounts_before = dict(registry.accounts)

    response = client.post(f"/_mockbc/stores/{DEFAULT_STORE_HASH}/api-accounts", json=body)

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": "Invalid API account.", "type": CONTROL_TYPE, "errors": errors}
    assert registry.accounts == accounts_before


def test_create_api_account_unknown_store_returns_404(client: httpx.Client, registry: StoreRegistry) -> None:
    accounts_before = dict(registry.accounts)

    response = client.post("/_mockbc/stores/nosuchstore/api-accounts", json={"name": "x"})

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "No such store.", "type": CONTROL_TYPE}
    assert registry.accounts == accounts_before


# --- reset --------------------------------------------------------------------------


def test_reset_all_puts_every_store_back_and_keeps_credentials(
    app: MockApp, client: httpx.Client, registry: StoreRegistry, store: Store
) -> None:
    client.post("/_mockbc/stores", json={"store_hash": "resetme1", "fixtures": "empty"})
    account = new_account(client, "resetme1", name="keeper")
    with token_client(app, account["access_token"]) as other:
        assert (
            other.post(
                products_path("resetme1"), json={"name": "Temp", "type": "digital", "weight": 0, "price": 1}
            ).status_code
            == 200
        )
    assert client.delete(f"{PRODUCTS}/77").status_code == 204
    assert client.put(f"{PRODUCTS}/78", json={"name": "Renamed Hat"}).status_code == 200

    response = client.post("/_mockbc/reset", headers=JSON)

    assert response.status_code == 204
    assert response.content == b""
    assert client.get(f"{PRODUCTS}/77").status_code == 200
    assert client.get(f"{PRODUCTS}/78").json()["data"]["name"] == "Packable Bucket Hat"
    assert len(store.products) == 132
    assert len(registry.stores["resetme1"].products) == 0
    with token_client(app, account["access_token"]) as other:
        assert other.get(products_path("resetme1")).json()["data"] == []


def test_reset_restarts_id_sequences(client: httpx.Client) -> None:
    first = client.post(PRODUCTS, json={"name": "First", "type": "digital", "weight": 0, "price": 1}).json()["data"][
        "id"
    ]
    client.post("/_mockbc/reset", headers=JSON)

    again = client.post(PRODUCTS, json={"name": "Again", "type": "digital", "weight": 0, "price": 1}).json()["data"][
        "id"
    ]

    assert first == again == 246


def test_reset_one_store_leaves_the_others(app: MockApp, client: httpx.Client, registry: StoreRegistry) -> None:
    client.post("/_mockbc/stores", json={"store_hash": "keepme1", "fixtures": "demo"})
    account = new_account(client, "keepme1", name="keeper")
    with token_client(app, account["access_token"]) as other:
        assert other.delete(f"{products_path('keepme1')}/77").status_code == 204
    assert client.delete(f"{PRODUCTS}/77").status_code == 204

    response = client.post(f"/_mockbc/stores/{DEFAULT_STORE_HASH}/reset", headers=JSON)

    assert response.status_code == 204
    assert client.get(f"{PRODUCTS}/77").status_code == 200
    assert registry.stores["keepme1"].products.get(77) is None
    with token_client(app, account["access_token"]) as other:
        assert other.get(f"{products_path('keepme1')}/77").status_code == 404
        assert other.get(f"{products_path('keepme1')}/78").status_code == 200


def test_reset_unknown_store_returns_404(client: httpx.Client) -> None:
    response = client.post("/_mockbc/stores/nosuchstore/reset", headers=JSON)

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "No such store.", "type": CONTROL_TYPE}


# --- request journal ----------------------------------------------------------------


def test_request_journal_records_api_calls(client: httpx.Client) -> None:
    client.get(PRODUCTS, params={"id:in": "77,78", "limit": 1})
    client.get(f"{PRODUCTS}/9999")
    client.post(f"{V3}/catalog/brands", json={"name": "Journal Brand"})

    response = client.get("/_mockbc/requests")

    assert response.status_code == 200
    entries = response.json()["data"]
    assert [(e["method"], e["path"], e["query"], e["status"], e["store_hash"]) for e in entries] == [
        ("GET", PRODUCTS, "id%3Ain=77%2C78&limit=1", 200, DEFAULT_STORE_HASH),
        ("GET", f"{PRODUCTS}/9999", "", 404, DEFAULT_STORE_HASH),
        ("POST", f"{V3}/catalog/brands", "", 200, DEFAULT_STORE_HASH),
    ]
    assert [e["operation_id"] for e in entries] == ["getProducts", "getProduct", "createBrand"]
    assert entries[2]["body"] == {"name": "Journal Brand"}
    for entry in entries:
        assert datetime.fromisoformat(entry["time"]).utcoffset() is not None


def test_request_journal_records_refused_calls(app: MockApp, client: httpx.Client) -> None:
    with inprocess_client(app) as anonymous:
        anonymous.get(PRODUCTS)

    entries = client.get("/_mockbc/requests").json()["data"]

    assert [(e["method"], e["path"], e["status"]) for e in entries] == [("GET", PRODUCTS, 401)]


def test_request_journal_filters_by_store_hash(app: MockApp, client: httpx.Client) -> None:
    client.post("/_mockbc/stores", json={"store_hash": "journal1", "fixtures": "empty"})
    account = new_account(client, "journal1", name="journal")
    client.get(PRODUCTS, params={"limit": 1})
    with token_client(app, account["access_token"]) as other:
        other.get(products_path("journal1"))
        other.get(f"{products_path('journal1')}/1")

    mine = client.get("/_mockbc/requests", params={"store_hash": "journal1"}).json()["data"]
    default = client.get("/_mockbc/requests", params={"store_hash": DEFAULT_STORE_HASH}).json()["data"]

    assert [(e["path"], e["status"]) for e in mine] == [
        (products_path("journal1"), 200),
        (f"{products_path('journal1')}/1", 404),
    ]
    assert [e["path"] for e in default] == [PRODUCTS]


def test_request_journal_leaves_out_control_plane_calls(client: httpx.Client) -> None:
    client.get("/_mockbc/health")
    client.get("/_mockbc/stores")

    assert client.get("/_mockbc/requests").json()["data"] == []


def test_reset_all_clears_the_journal(client: httpx.Client) -> None:
    client.get(PRODUCTS)
    client.post("/_mockbc/reset", headers=JSON)

    assert client.get("/_mockbc/requests").json()["data"] == []


@pytest.mark.parametrize(
    ("method", "path"),
    [("DELETE", "/_mockbc/health"), ("GET", "/_mockbc/reset"), ("PUT", "/_mockbc/stores")],
)
def test_control_plane_wrong_method_returns_405(client: httpx.Client, method: str, path: str) -> None:
    assert client.request(method, path).status_code == 405


# --- the journal stays bounded and always renders ---------------------------------


def test_request_journal_pages_with_limit_and_since(client: httpx.Client) -> None:
    for n in range(5):
        client.get(f"{PRODUCTS}/{77 + n}")

    first = client.get("/_mockbc/requests", params={"limit": 2}).json()
    rest = client.get("/_mockbc/requests", params={"since": first["meta"]["last_seq"]}).json()

    assert [e["path"] for e in first["data"]] == [f"{PRODUCTS}/77", f"{PRODUCTS}/78"]
    assert first["meta"]["more"] is True and first["meta"]["count"] == 2 and first["meta"]["limit"] == 2
    assert [e["path"] for e in rest["data"]] == [f"{PRODUCTS}/{n}" for n in (79, 80, 81)]
    assert rest["meta"]["more"] is False
    assert [e["seq"] for e in first["data"] + rest["data"]] == sorted({e["seq"] for e in first["data"] + rest["data"]})


def test_request_journal_filters_by_status(client: httpx.Client) -> None:
    client.get(f"{PRODUCTS}/77")
    client.get(f"{PRODUCTS}/999999")

    entries = client.get("/_mockbc/requests", params={"status": 404}).json()["data"]

    assert [(e["path"], e["status"]) for e in entries] == [(f"{PRODUCTS}/999999", 404)]


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"limit": "0"}, {"limit": "must be an integer from 1 to 1000"}),
        ({"limit": "1001"}, {"limit": "must be an integer from 1 to 1000"}),
        ({"since": "-1"}, {"since": "must be an integer from 0 to 9223372036854775807"}),
        ({"status": "abc"}, {"status": "must be an integer from 100 to 599"}),
    ],
)
def test_request_journal_bad_paging_returns_422(
    client: httpx.Client, params: dict[str, str], errors: dict[str, str]
) -> None:
    response = client.get("/_mockbc/requests", params=params)

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": "Invalid query.", "type": CONTROL_TYPE, "errors": errors}


def test_big_bodies_are_kept_truncated_and_the_journal_stays_small(
    client: httpx.Client, registry: StoreRegistry
) -> None:
    big = {"name": "Big Body", "type": "physical", "weight": 1, "price": 1, "description": "x" * 1_000_000}
    for _ in range(20):
        client.post(PRODUCTS, json={**big, "name": f"Big Body {_}"})
        client.post(f"{V3}/catalog/nothing-here", json=big)

    response = client.get("/_mockbc/requests", params={"limit": 1000})

    assert response.status_code == 200
    assert len(response.content) < 100_000
    entries = response.json()["data"]
    created = [e for e in entries if e["path"] == PRODUCTS]
    assert len(created) == 20 and all(e["status"] == 200 for e in created)
    assert all(e["body"] is None and e["body_truncated"] and e["body_size"] > 1_000_000 for e in created)
    assert created[0]["body_excerpt"].startswith('{"name":"Big Body 0"')
    assert registry.journal.bytes < 200_000


def test_request_journal_entries_show_what_the_contract_check_saw(client: httpx.Client) -> None:
    client.post(PRODUCTS, json={"name": "Cheap", "type": "physical", "weight": 1, "price": -1})

    entry = client.get("/_mockbc/requests").json()["data"][-1]

    assert entry["status"] == 422 and entry["operation_id"] == "createProduct" and entry["api"] == "v3"
    assert entry["body"] == {"name": "Cheap", "type": "physical", "weight": 1, "price": -1}
    assert entry["contract_violations"] == ["price: must be at least 0"]


@pytest.mark.parametrize("scopes", ["", "  ", []])
def test_api_account_with_empty_scopes_gets_none(app: MockApp, client: httpx.Client, scopes: object) -> None:
    client.post("/_mockbc/stores", json={"store_hash": "noscope1", "fixtures": "empty"})
    body = new_account(client, "noscope1", name=f"none-{len(str(scopes))}-{type(scopes).__name__}", scopes=scopes)

    assert body["scopes"] == []
    with token_client(app, body["access_token"]) as nobody:
        assert nobody.get(products_path("noscope1")).status_code == 403


def test_control_plane_body_over_the_cap_is_refused_before_it_is_read(client: httpx.Client) -> None:
    response = client.post(
        "/_mockbc/stores", content=b"{}", headers={"Content-Type": "application/json", "Content-Length": str(10**12)}
    )

    assert response.status_code == 413
    assert response.json() == {
        "status": 413, "title": "The request body is larger than 67108864 bytes.", "type": CONTROL_TYPE,
    }  # fmt: skip
