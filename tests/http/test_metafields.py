"""Catalog metafields of one owner (product, variant, category, brand) through HTTP: create,
list, get, update and delete, ownership and app_only visibility, cascades and events."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.events import Event

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
TYPE = "/api-docs/getting-started/api-status-codes"
INVALID = "JSON data is missing or invalid"
FORBIDDEN = {
    "status": 403,
    "title": "Missing scope - the v3 Auth token is valid but does not have proper permissions to access this endpoint.",
    "type": TYPE,
}
NOT_PERMITTED = "The metafield belongs to another API account."
METAFIELD_NOT_FOUND = {"status": 404, "title": "The requested metafield was not found.", "type": TYPE}
NEW = {"namespace": "Warehouse", "key": "bin", "value": "4HG", "permission_set": "read"}
DATE = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00"

ScopedClient = Callable[..., httpx.Client]


@dataclass(frozen=True)
class Owner:
    """One owner kind as the tests reach it: the demo record used, and its paths."""

    kind: str  # resource_type
    path: str  # the owner's metafields collection
    resource_id: int
    missing_path: str  # the same collection under an owner that does not exist
    missing_title: str
    event: str  # the webhook resource name
    table: str
    delete_owner: str  # DELETE path of the owner

    def item(self, metafield_id: int | str) -> str:
        return f"{self.path}/{metafield_id}"


PRODUCT = Owner(
    "product", f"{V3}/catalog/products/77/metafields", 77, f"{V3}/catalog/products/999999/metafields",
    "The requested product was not found.", "product/metafield", "product_metafields", f"{V3}/catalog/products/77",
)  # fmt: skip
VARIANT = Owner(
    "variant", f"{V3}/catalog/products/95/variants/101/metafields", 101,
    f"{V3}/catalog/products/95/variants/999999/metafields", "The requested variant was not found.",
    "product/variant/metafield", "variant_metafields", f"{V3}/catalog/products/95",
)  # fmt: skip
CATEGORY = Owner(
    "category", f"{V3}/catalog/categories/19/metafields", 19, f"{V3}/catalog/categories/999999/metafields",
    "The requested category was not found.", "category/metafield", "category_metafields", f"{V3}/catalog/categories/19",
)  # fmt: skip
BRAND = Owner(
    "brand", f"{V3}/catalog/brands/1/metafields", 1, f"{V3}/catalog/brands/999999/metafields",
    "The requested brand was not found.", "brand/metafield", "brand_metafields", f"{V3}/catalog/brands/1",
)  # fmt: skip
OWNERS = [PRODUCT, VARIANT, CATEGORY, BRAND]
EACH_OWNER = pytest.mark.parametrize("owner", OWNERS, ids=[o.kind for o in OWNERS])


def snapshot(store: Store) -> tuple[tuple[Any, ...], ...]:
    names = ("product_metafields", "variant_metafields", "category_metafields", "brand_metafields")
    owners = ("products", "variants", "categories", "brands")
    return tuple(tuple(store.table(name).values()) for name in (*names, *owners))


def create(client: httpx.Client, owner: Owner, **fields: Any) -> dict[str, Any]:
    response = client.post(owner.path, json={**NEW, **fields})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


@pytest.fixture
def events(store: Store) -> Iterator[list[Event]]:
    seen: list[Event] = []
    unsubscribe = store.subscribe(seen.append)
    yield seen
    unsubscribe()


@pytest.fixture
def other(scoped_client: ScopedClient) -> httpx.Client:
    """A second API account of the store, with every products permission."""
    return scoped_client(["store_v2_products"])


# --- create -------------------------------------------------------------------------


@EACH_OWNER
def test_create_metafield_returns_200_with_every_field(
    client: httpx.Client, store: Store, owner: Owner, account: Any
) -> None:
    response = client.post(owner.path, json={**NEW, "description": "Where it is shelved"})

    assert response.status_code == 200
    body = response.json()
    assert body["meta"] == {}
    data = body["data"]
    assert set(data) == {
        "id", "key", "value", "namespace", "permission_set", "resource_type", "resource_id", "description",
        "date_created", "date_modified", "owner_client_id",
    }  # fmt: skip
    assert {k: data[k] for k in ("key", "value", "namespace", "permission_set", "description")} == {
        **NEW,
        "description": "Where it is shelved",
    }
    assert (data["resource_type"], data["resource_id"]) == (owner.kind, owner.resource_id)
    assert data["owner_client_id"] == account.client_id
    assert data["date_created"] == data["date_modified"]
    assert store.table(owner.table).get(data["id"]) is not None


def test_create_metafield_without_description_has_an_empty_one(client: httpx.Client) -> None:
    assert create(client, PRODUCT)["description"] == ""


def test_create_metafield_ids_are_shared_by_every_owner_kind(client: httpx.Client) -> None:
    ids = [create(client, owner)["id"] for owner in OWNERS]

    assert ids == list(range(ids[0], ids[0] + 4))


def test_create_metafield_ignores_read_only_fields(client: httpx.Client) -> None:
    fetched = create(client, PRODUCT)
    copy = {**fetched, "key": "copy"}

    response = client.post(f"{V3}/catalog/products/78/metafields", json=copy)

    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data["id"] != fetched["id"]
    assert (data["resource_id"], data["key"]) == (78, "copy")


@EACH_OWNER
def test_create_metafield_unknown_owner_returns_404(client: httpx.Client, store: Store, owner: Owner) -> None:
    before = snapshot(store)

    response = client.post(owner.missing_path, json=NEW)

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": owner.missing_title, "type": TYPE}
    assert snapshot(store) == before


def test_create_variant_metafield_of_another_products_variant_returns_404(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(f"{V3}/catalog/products/77/variants/101/metafields", json=NEW)

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested variant was not found.", "type": TYPE}
    assert snapshot(store) == before


def test_create_variant_metafield_unknown_product_returns_404(client: httpx.Client, store: Store) -> None:
    response = client.post(f"{V3}/catalog/products/999999/variants/101/metafields", json=NEW)

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested product was not found.", "type": TYPE}


@EACH_OWNER
def test_create_metafield_duplicate_namespace_and_key_returns_409(
    client: httpx.Client, store: Store, owner: Owner
) -> None:
    create(client, owner)
    before = snapshot(store)

    response = client.post(owner.path, json={**NEW, "value": "other", "permission_set": "write"})

    assert response.status_code == 409
    assert response.json() == {
        "status": 409,
        "title": "The metafield is a duplicate.",
        "type": TYPE,
        "errors": {
            "key": "Your API account already has a metafield with namespace 'Warehouse' and key 'bin' "
            f"on {owner.kind} {owner.resource_id}."
        },
    }
    assert snapshot(store) == before


def test_create_metafield_same_key_in_another_namespace_or_owner_succeeds(client: httpx.Client) -> None:
    create(client, PRODUCT)

    assert create(client, PRODUCT, namespace="Shipping")["key"] == "bin"
    assert client.post(f"{V3}/catalog/products/78/metafields", json=NEW).status_code == 200


def test_create_metafield_namespace_and_key_are_case_sensitive(client: httpx.Client) -> None:
    create(client, PRODUCT)

    assert create(client, PRODUCT, key="BIN")["key"] == "BIN"


def test_create_metafield_same_key_by_another_api_account_succeeds(client: httpx.Client, other: httpx.Client) -> None:
    # Upstream's uniqueness includes the app's client ID (createProductMetafield, 409).
    mine = create(client, PRODUCT)

    theirs = create(other, PRODUCT)

    assert theirs["id"] != mine["id"]
    assert theirs["owner_client_id"] != mine["owner_client_id"]


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"key": "k" * 65}, {"key": "must be at most 64 characters long"}),
        ({"key": ""}, {"key": "must be at least 1 characters long"}),
        ({"namespace": "n" * 65}, {"namespace": "must be at most 64 characters long"}),
        ({"namespace": ""}, {"namespace": "must be at least 1 characters long"}),
        ({"value": "v" * 65536}, {"value": "must be at most 65535 characters long"}),
        ({"value": ""}, {"value": "must be at least 1 characters long"}),
        ({"description": "d" * 256}, {"description": "must be at most 255 characters long"}),
        (
            {"permission_set": "public"},
            {"permission_set": "must be one of: app_only, read, write, read_and_sf_access, write_and_sf_access"},
        ),
        ({"value": 5}, {"value": "must be a string"}),
        ({"colour": "red"}, {"colour": "is not a field this resource accepts"}),
        ({"resource_id": "77"}, {"resource_id": "must be an integer"}),
    ],
)
@EACH_OWNER
def test_create_metafield_breaking_the_schema_returns_422(
    client: httpx.Client, store: Store, owner: Owner, fields: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(owner.path, json={**NEW, **fields})

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": INVALID, "type": TYPE, "errors": errors}
    assert snapshot(store) == before


@pytest.mark.parametrize("field", ["namespace", "key", "value", "permission_set"])
def test_create_metafield_missing_required_field_returns_422(client: httpx.Client, store: Store, field: str) -> None:
    before = snapshot(store)

    response = client.post(PRODUCT.path, json={k: v for k, v in NEW.items() if k != field})

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": INVALID, "type": TYPE, "errors": {field: "error.path.missing"}}
    assert snapshot(store) == before


def test_create_metafield_with_longest_values_succeeds(client: httpx.Client) -> None:
    data = create(client, PRODUCT, key="k" * 64, namespace="n" * 64, value="v" * 65535, description="d" * 255)

    assert (len(data["key"]), len(data["namespace"]), len(data["value"]), len(data["description"])) == (
        64,
        64,
        65535,
        255,
    )


def test_create_metafield_past_250_per_owner_and_account_returns_422(
    client: httpx.Client, other: httpx.Client, store: Store
) -> None:
    for n in range(250):
        assert client.post(PRODUCT.path, json={**NEW, "key": f"k{n}"}).status_code == 200
    before = snapshot(store)

    response = client.post(PRODUCT.path, json={**NEW, "key": "one-too-many"})

    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "title": "The metafield limit has been reached.",
        "type": TYPE,
        "errors": {"resource_id": "A product can have at most 250 metafields per API account."},
    }
    assert snapshot(store) == before
    # The limit is per API account and per owner.
    assert other.post(PRODUCT.path, json=NEW).status_code == 200
    assert client.post(f"{V3}/catalog/products/78/metafields", json=NEW).status_code == 200


def test_create_metafield_malformed_json_returns_400(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCT.path, content=b'{"key": ', headers={"Content-Type": "application/json"})

    assert response.status_code == 400
    assert response.json() == {"status": 400, "title": "Input is invalid", "type": TYPE, "detail": "Syntax error"}
    assert snapshot(store) == before


def test_create_metafield_not_json_returns_415(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCT.path, content=b"key=bin", headers={"Content-Type": "text/plain"})

    assert response.status_code == 415
    assert response.json() == {
        "status": 415, "title": "The request Content-Type is not supported. Send application/json.", "type": TYPE,
    }  # fmt: skip
    assert snapshot(store) == before


@EACH_OWNER
def test_create_metafield_with_read_only_scope_returns_403(
    scoped_client: ScopedClient, store: Store, owner: Owner
) -> None:
    reader = scoped_client(["store_v2_products_read_only"])
    before = snapshot(store)

    response = reader.post(owner.path, json=NEW)

    assert response.status_code == 403
    assert response.json() == FORBIDDEN
    assert snapshot(store) == before


@EACH_OWNER
def test_create_metafield_emits_the_owner_kinds_event(client: httpx.Client, owner: Owner, events: list[Event]) -> None:
    created = create(client, owner)

    assert [(e.scope, e.id) for e in events] == [(f"store/{owner.event}/created", created["id"])]


# --- list ---------------------------------------------------------------------------


@EACH_OWNER
def test_list_metafields_returns_the_owners_metafields_in_id_order(client: httpx.Client, owner: Owner) -> None:
    first = create(client, owner, key="a")
    second = create(client, owner, key="b")
    elsewhere = PRODUCT if owner is not PRODUCT else BRAND
    create(client, elsewhere, key="c")

    response = client.get(owner.path)

    assert response.status_code == 200
    body = response.json()
    assert body["data"] == [first, second]
    assert body["meta"]["pagination"] == {
        "total": 2, "count": 2, "per_page": 50, "current_page": 1, "total_pages": 1,
        "links": {"current": "?page=1&limit=50"},
    }  # fmt: skip


def test_list_metafields_of_an_owner_without_any_returns_an_empty_page(client: httpx.Client) -> None:
    response = client.get(PRODUCT.path)

    assert response.status_code == 200
    assert response.json()["data"] == []
    assert response.json()["meta"]["pagination"]["total"] == 0


@EACH_OWNER
def test_list_metafields_unknown_owner_returns_404(client: httpx.Client, owner: Owner) -> None:
    response = client.get(owner.missing_path)

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": owner.missing_title, "type": TYPE}


def test_list_variant_metafields_of_another_products_variant_returns_404(client: httpx.Client) -> None:
    response = client.get(f"{V3}/catalog/products/77/variants/101/metafields")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested variant was not found.", "type": TYPE}


@EACH_OWNER
def test_list_metafields_with_read_only_scope_succeeds(
    client: httpx.Client, scoped_client: ScopedClient, owner: Owner
) -> None:
    created = create(client, owner)
    reader = scoped_client(["store_v2_products_read_only"])

    response = reader.get(owner.path)

    assert response.status_code == 200
    assert response.json()["data"] == [created]


def test_list_metafields_without_products_scope_returns_403(scoped_client: ScopedClient) -> None:
    outsider = scoped_client(["store_v2_orders"])

    response = outsider.get(PRODUCT.path)

    assert response.status_code == 403
    assert response.json() == FORBIDDEN


# --- get ----------------------------------------------------------------------------


@EACH_OWNER
def test_get_metafield_returns_it(client: httpx.Client, owner: Owner) -> None:
    created = create(client, owner)

    response = client.get(owner.item(created["id"]))

    assert response.status_code == 200
    assert response.json() == {"data": created, "meta": {}}


@EACH_OWNER
def test_get_metafield_with_read_only_scope_succeeds(
    client: httpx.Client, scoped_client: ScopedClient, owner: Owner
) -> None:
    created = create(client, owner)

    response = scoped_client(["store_v2_products_read_only"]).get(owner.item(created["id"]))

    assert response.status_code == 200
    assert response.json()["data"] == created


@EACH_OWNER
def test_get_metafield_unknown_id_returns_404(client: httpx.Client, owner: Owner) -> None:
    response = client.get(owner.item(999999))

    assert response.status_code == 404
    assert response.json() == METAFIELD_NOT_FOUND


@EACH_OWNER
def test_get_metafield_of_another_owner_returns_404(client: httpx.Client, owner: Owner) -> None:
    elsewhere = create(client, PRODUCT if owner is not PRODUCT else BRAND)

    response = client.get(owner.item(elsewhere["id"]))

    assert response.status_code == 404
    assert response.json() == METAFIELD_NOT_FOUND


def test_get_product_metafield_under_another_product_returns_404(client: httpx.Client) -> None:
    created = create(client, PRODUCT)

    response = client.get(f"{V3}/catalog/products/78/metafields/{created['id']}")

    assert response.status_code == 404
    assert response.json() == METAFIELD_NOT_FOUND


@EACH_OWNER
def test_get_metafield_unknown_owner_returns_404(client: httpx.Client, owner: Owner) -> None:
    created = create(client, owner)

    response = client.get(f"{owner.missing_path}/{created['id']}")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": owner.missing_title, "type": TYPE}


@pytest.mark.parametrize("metafield_id", ["abc", "0", "-1"])
def test_get_metafield_non_numeric_or_non_positive_id_returns_404(client: httpx.Client, metafield_id: str) -> None:
    response = client.get(PRODUCT.item(metafield_id))

    assert response.status_code == 404
    assert response.json() == METAFIELD_NOT_FOUND


def test_get_metafield_include_fields_keeps_what_the_response_requires(client: httpx.Client) -> None:
    created = create(client, PRODUCT, description="Shelf")

    response = client.get(PRODUCT.item(created["id"]), params={"include_fields": "description"})

    assert response.status_code == 200
    assert response.json()["data"] == {
        "id": created["id"], "key": "bin", "value": "4HG", "namespace": "Warehouse", "permission_set": "read",
        "description": "Shelf",
    }  # fmt: skip


def test_get_metafield_exclude_fields_drops_them_but_not_the_required_ones(client: httpx.Client) -> None:
    created = create(client, PRODUCT)

    response = client.get(PRODUCT.item(created["id"]), params={"exclude_fields": "owner_client_id,date_created,key"})

    assert response.status_code == 200
    data = response.json()["data"]
    assert "owner_client_id" not in data and "date_created" not in data
    assert data["key"] == "bin"


# --- update -------------------------------------------------------------------------


@EACH_OWNER
def test_update_metafield_changes_only_the_fields_sent(
    client: httpx.Client, store: Store, owner: Owner, events: list[Event]
) -> None:
    created = create(client, owner, description="old")

    response = client.put(owner.item(created["id"]), json={"value": "5XY", "permission_set": "write"})

    assert response.status_code == 200
    data = response.json()["data"]
    assert data == {**created, "value": "5XY", "permission_set": "write", "date_modified": data["date_modified"]}
    assert store.table(owner.table).require(created["id"]).value == "5XY"
    assert [(e.scope, e.id) for e in events][-1] == (f"store/{owner.event}/updated", created["id"])


def test_update_metafield_accepts_its_own_get_body(client: httpx.Client) -> None:
    created = create(client, PRODUCT)

    response = client.put(PRODUCT.item(created["id"]), json={**created, "value": "again"})

    assert response.status_code == 200
    assert response.json()["data"]["value"] == "again"


def test_update_metafield_renaming_onto_another_returns_409(client: httpx.Client, store: Store) -> None:
    create(client, PRODUCT, key="a")
    second = create(client, PRODUCT, key="b")
    before = snapshot(store)

    response = client.put(PRODUCT.item(second["id"]), json={"key": "a"})

    assert response.status_code == 409
    assert response.json() == {
        "status": 409,
        "title": "The metafield is a duplicate.",
        "type": TYPE,
        "errors": {
            "key": "Your API account already has a metafield with namespace 'Warehouse' and key 'a' on product 77."
        },
    }
    assert snapshot(store) == before


def test_update_metafield_to_its_own_namespace_and_key_succeeds(client: httpx.Client) -> None:
    created = create(client, PRODUCT)

    response = client.put(PRODUCT.item(created["id"]), json={"namespace": "Warehouse", "key": "bin"})

    assert response.status_code == 200


@EACH_OWNER
def test_update_metafield_unknown_id_returns_404(client: httpx.Client, store: Store, owner: Owner) -> None:
    before = snapshot(store)

    response = client.put(owner.item(999999), json={"value": "x"})

    assert response.status_code == 404
    assert response.json() == METAFIELD_NOT_FOUND
    assert snapshot(store) == before


@EACH_OWNER
def test_update_metafield_unknown_owner_returns_404(client: httpx.Client, store: Store, owner: Owner) -> None:
    created = create(client, owner)
    before = snapshot(store)

    response = client.put(f"{owner.missing_path}/{created['id']}", json={"value": "x"})

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": owner.missing_title, "type": TYPE}
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"key": "k" * 65}, {"key": "must be at most 64 characters long"}),
        ({"value": ""}, {"value": "must be at least 1 characters long"}),
        ({"permission_set": "everyone"}, {
            "permission_set": "must be one of: app_only, read, write, read_and_sf_access, write_and_sf_access"
        }),
        ({"namespace": None}, {"namespace": "must be a string"}),
        ({"extra": 1}, {"extra": "is not a field this resource accepts"}),
    ],
)  # fmt: skip
@EACH_OWNER
def test_update_metafield_breaking_the_schema_returns_422(
    client: httpx.Client, store: Store, owner: Owner, fields: dict[str, Any], errors: dict[str, str]
) -> None:
    created = create(client, owner)
    before = snapshot(store)

    response = client.put(owner.item(created["id"]), json=fields)

    assert response.status_code == 422
    assert response.json() == {"status": 422, "title": INVALID, "type": TYPE, "errors": errors}
    assert snapshot(store) == before


@EACH_OWNER
def test_update_metafield_with_read_only_scope_returns_403(
    client: httpx.Client, scoped_client: ScopedClient, store: Store, owner: Owner
) -> None:
    created = create(client, owner)
    reader = scoped_client(["store_v2_products_read_only"])
    before = snapshot(store)

    response = reader.put(owner.item(created["id"]), json={"value": "x"})

    assert response.status_code == 403
    assert response.json() == FORBIDDEN
    assert snapshot(store) == before


# --- delete -------------------------------------------------------------------------


@EACH_OWNER
def test_delete_metafield_removes_it_and_emits_deleted(
    client: httpx.Client, store: Store, owner: Owner, events: list[Event]
) -> None:
    created = create(client, owner)

    response = client.delete(owner.item(created["id"]))

    assert response.status_code == 204
    assert response.content == b""
    assert store.table(owner.table).get(created["id"]) is None
    assert client.get(owner.item(created["id"])).status_code == 404
    assert [(e.scope, e.id) for e in events][-1] == (f"store/{owner.event}/deleted", created["id"])


@EACH_OWNER
def test_delete_metafield_unknown_id_returns_404(client: httpx.Client, store: Store, owner: Owner) -> None:
    before = snapshot(store)

    response = client.delete(owner.item(999999))

    assert response.status_code == 404
    assert response.json() == METAFIELD_NOT_FOUND
    assert snapshot(store) == before


@EACH_OWNER
def test_delete_metafield_unknown_owner_returns_404(client: httpx.Client, store: Store, owner: Owner) -> None:
    created = create(client, owner)
    before = snapshot(store)

    response = client.delete(f"{owner.missing_path}/{created['id']}")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": owner.missing_title, "type": TYPE}
    assert snapshot(store) == before


def test_delete_variant_metafield_under_another_product_returns_404(client: httpx.Client, store: Store) -> None:
    created = create(client, VARIANT)
    before = snapshot(store)

    response = client.delete(f"{V3}/catalog/products/77/variants/101/metafields/{created['id']}")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "title": "The requested variant was not found.", "type": TYPE}
    assert snapshot(store) == before


@EACH_OWNER
def test_delete_metafield_with_read_only_scope_returns_403(
    client: httpx.Client, scoped_client: ScopedClient, store: Store, owner: Owner
) -> None:
    created = create(client, owner)
    reader = scoped_client(["store_v2_products_read_only"])
    before = snapshot(store)

    response = reader.delete(owner.item(created["id"]))

    assert response.status_code == 403
    assert response.json() == FORBIDDEN
    assert snapshot(store) == before


# --- ownership and visibility across API accounts -----------------------------------


@EACH_OWNER
def test_app_only_metafield_is_invisible_to_another_api_account(
    client: httpx.Client, other: httpx.Client, owner: Owner
) -> None:
    private = create(client, owner, key="private", permission_set="app_only")
    shared = create(client, owner, key="shared", permission_set="read")

    assert [m["id"] for m in other.get(owner.path).json()["data"]] == [shared["id"]]
    assert other.get(owner.item(private["id"])).json() == METAFIELD_NOT_FOUND
    assert [m["id"] for m in client.get(owner.path).json()["data"]] == [private["id"], shared["id"]]
    assert client.get(owner.item(private["id"])).status_code == 200


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_app_only_metafield_of_another_api_account_cannot_be_changed_returns_404(
    client: httpx.Client, other: httpx.Client, store: Store, method: str
) -> None:
    private = create(client, PRODUCT, permission_set="app_only")
    before = snapshot(store)

    response = other.request(method, PRODUCT.item(private["id"]), json={"value": "x"} if method == "PUT" else None)

    assert response.status_code == 404
    assert response.json() == METAFIELD_NOT_FOUND
    assert snapshot(store) == before


def test_app_only_metafield_of_another_account_does_not_block_the_same_key(
    client: httpx.Client, other: httpx.Client
) -> None:
    create(client, PRODUCT, permission_set="app_only")

    assert create(other, PRODUCT, permission_set="app_only")["key"] == "bin"


@pytest.mark.parametrize("permission_set", ["read", "read_and_sf_access"])
@pytest.mark.parametrize("field", ["value", "description"])
def test_update_read_metafield_by_another_api_account_returns_403(
    client: httpx.Client, other: httpx.Client, store: Store, permission_set: str, field: str
) -> None:
    created = create(client, PRODUCT, permission_set=permission_set)
    before = snapshot(store)

    response = other.put(PRODUCT.item(created["id"]), json={field: "changed"})

    assert response.status_code == 403
    assert response.json() == {
        "status": 403,
        "title": NOT_PERMITTED,
        "type": TYPE,
        "errors": {field: f"Only the API account that created the metafield can change its {field}."},
    }
    assert snapshot(store) == before


@pytest.mark.parametrize("permission_set", ["write", "write_and_sf_access"])
def test_update_write_metafield_value_by_another_api_account_succeeds(
    client: httpx.Client, other: httpx.Client, permission_set: str
) -> None:
    created = create(client, PRODUCT, permission_set=permission_set)

    response = other.put(PRODUCT.item(created["id"]), json={"value": "theirs", "description": "noted"})

    assert response.status_code == 200
    data = response.json()["data"]
    assert (data["value"], data["description"]) == ("theirs", "noted")
    assert data["owner_client_id"] == created["owner_client_id"]


@pytest.mark.parametrize(("field", "value"), [("namespace", "Elsewhere"), ("key", "moved"), ("permission_set", "read")])
def test_update_write_metafield_owner_only_field_by_another_api_account_returns_403(
    client: httpx.Client, other: httpx.Client, store: Store, field: str, value: str
) -> None:
    created = create(client, PRODUCT, permission_set="write")
    before = snapshot(store)

    response = other.put(PRODUCT.item(created["id"]), json={field: value})

    assert response.status_code == 403
    assert response.json() == {
        "status": 403,
        "title": NOT_PERMITTED,
        "type": TYPE,
        "errors": {field: f"Only the API account that created the metafield can change its {field}."},
    }
    assert snapshot(store) == before


def test_update_metafield_by_another_api_account_sending_it_back_unchanged_succeeds(
    client: httpx.Client, other: httpx.Client
) -> None:
    created = create(client, PRODUCT, permission_set="read")

    response = other.put(PRODUCT.item(created["id"]), json=created)

    assert response.status_code == 200


def test_delete_read_metafield_by_another_api_account_returns_403(
    client: httpx.Client, other: httpx.Client, store: Store
) -> None:
    created = create(client, PRODUCT, permission_set="read")
    before = snapshot(store)

    response = other.delete(PRODUCT.item(created["id"]))

    assert response.status_code == 403
    assert response.json() == {
        "status": 403,
        "title": NOT_PERMITTED,
        "type": TYPE,
        "errors": {"permission_set": "Only the API account that created the metafield can delete it."},
    }
    assert snapshot(store) == before


def test_delete_write_metafield_by_another_api_account_succeeds(
    client: httpx.Client, other: httpx.Client, store: Store
) -> None:
    created = create(client, PRODUCT, permission_set="write")

    assert other.delete(PRODUCT.item(created["id"])).status_code == 204
    assert store.product_metafields.get(created["id"]) is None


# --- cascades -----------------------------------------------------------------------


def test_deleting_a_product_deletes_its_and_its_variants_metafields(
    client: httpx.Client, store: Store, events: list[Event]
) -> None:
    product = create(client, PRODUCT)
    variant_path = f"{V3}/catalog/products/77/variants/185/metafields"
    variant = client.post(variant_path, json=NEW).json()["data"]
    kept = create(client, VARIANT)
    events.clear()

    assert client.delete(f"{V3}/catalog/products/77").status_code == 204

    assert store.product_metafields.get(product["id"]) is None
    assert store.variant_metafields.get(variant["id"]) is None
    assert store.variant_metafields.get(kept["id"]) is not None
    scopes = [(e.scope, e.id) for e in events]
    assert ("store/product/metafield/deleted", product["id"]) in scopes
    assert ("store/product/variant/metafield/deleted", variant["id"]) in scopes


def test_deleting_a_variant_deletes_its_metafields(client: httpx.Client, store: Store, events: list[Event]) -> None:
    created = create(client, VARIANT)
    sibling = client.post(f"{V3}/catalog/products/95/variants/102/metafields", json=NEW).json()["data"]
    events.clear()

    store.delete("variants", [101])

    assert store.variant_metafields.get(created["id"]) is None
    assert store.variant_metafields.get(sibling["id"]) is not None
    assert ("store/product/variant/metafield/deleted", created["id"]) in [(e.scope, e.id) for e in events]


def test_deleting_a_brand_deletes_its_metafields(client: httpx.Client, store: Store, events: list[Event]) -> None:
    created = create(client, BRAND)
    events.clear()

    assert client.delete(BRAND.delete_owner).status_code == 204

    assert store.brand_metafields.get(created["id"]) is None
    assert ("store/brand/metafield/deleted", created["id"]) in [(e.scope, e.id) for e in events]


def test_deleting_a_category_deletes_its_metafields(client: httpx.Client, store: Store, events: list[Event]) -> None:
    category = client.post(f"{V3}/catalog/categories", json={"name": "Clearance", "parent_id": 0}).json()["data"]
    path = f"{V3}/catalog/categories/{category['id']}/metafields"
    created = client.post(path, json=NEW).json()["data"]
    events.clear()

    assert client.delete(f"{V3}/catalog/categories/{category['id']}").status_code == 204

    assert store.category_metafields.get(created["id"]) is None
    # The metafield goes before the category that held it.
    assert (events[0].scope, events[0].id) == ("store/category/metafield/deleted", created["id"])
    assert [e.id for e in events[1:]] == [category["id"]]


def test_a_refused_metafield_write_emits_nothing(client: httpx.Client, events: list[Event]) -> None:
    create(client, PRODUCT)
    events.clear()

    assert client.post(PRODUCT.path, json=NEW).status_code == 409
    assert client.put(PRODUCT.item(999999), json={"value": "x"}).status_code == 404
    assert client.delete(PRODUCT.item(999999)).status_code == 404

    assert events == []


def test_reset_drops_every_metafield(client: httpx.Client, store: Store) -> None:
    for owner in OWNERS:
        create(client, owner)

    store.reset()

    seeded = {owner.table: getattr(store.seed, owner.table) for owner in OWNERS}  # the demo's own metafields
    assert all({m.id: m for m in store.table(owner.table).values()} == seeded[owner.table] for owner in OWNERS)
    assert create(client, PRODUCT)["id"] == max((i for rows in seeded.values() for i in rows), default=0) + 1
