"""Store-wide metafield lists and batches: /v3/catalog/{products,variants,categories,brands}/metafields.

Batch writes run item by item: a refused item stores nothing and the others go on; any
refusal makes the answer a 422 carrying what was done (upstream's "partial success")."""

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
NEW = {"namespace": "Warehouse", "key": "bin", "value": "4HG", "permission_set": "read"}

ScopedClient = Callable[..., httpx.Client]


@dataclass(frozen=True)
class Kind:
    kind: str
    batch: str  # the store-wide path
    owner_path: Callable[[int], str]  # an owner's metafields collection
    owners: tuple[int, int]  # two demo owners
    missing_title: str
    event: str
    table: str


KINDS = [
    Kind("product", f"{V3}/catalog/products/metafields", lambda i: f"{V3}/catalog/products/{i}/metafields",
         (77, 78), "product", "product/metafield", "product_metafields"),
    Kind("variant", f"{V3}/catalog/variants/metafields",
         lambda i: f"{V3}/catalog/products/95/variants/{i}/metafields",
         (101, 102), "variant", "product/variant/metafield", "variant_metafields"),
    Kind("category", f"{V3}/catalog/categories/metafields", lambda i: f"{V3}/catalog/categories/{i}/metafields",
         (19, 20), "category", "category/metafield", "category_metafields"),
    Kind("brand", f"{V3}/catalog/brands/metafields", lambda i: f"{V3}/catalog/brands/{i}/metafields",
         (1, 2), "brand", "brand/metafield", "brand_metafields"),
]  # fmt: skip
EACH_KIND = pytest.mark.parametrize("kind", KINDS, ids=[k.kind for k in KINDS])
PRODUCT, VARIANT, CATEGORY, BRAND = KINDS


def snapshot(store: Store) -> tuple[tuple[Any, ...], ...]:
    return tuple(tuple(store.table(k.table).values()) for k in KINDS)


def create(client: httpx.Client, kind: Kind, owner: int, **fields: Any) -> dict[str, Any]:
    response = client.post(kind.owner_path(owner), json={**NEW, **fields})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def meta(total: int, success: int) -> dict[str, int]:
    return {"total": total, "success": success, "failed": total - success}


@pytest.fixture(autouse=True)
def _no_demo_metafields(store: Store) -> None:
    """These tests read and count store-wide lists: they start without the demo's own metafields."""
    for kind in KINDS:
        store.delete(kind.table, [m.id for m in store.table(kind.table).values()])


@pytest.fixture
def events(store: Store) -> Iterator[list[Event]]:
    seen: list[Event] = []
    unsubscribe = store.subscribe(seen.append)
    yield seen
    unsubscribe()


@pytest.fixture
def other(scoped_client: ScopedClient) -> httpx.Client:
    return scoped_client(["store_v2_products"])


@pytest.fixture
def delete_bodies(client: httpx.Client) -> None:
    """Batch deletes carry their ids in a DELETE body: the request pipeline must read it."""
    probe = client.request("DELETE", PRODUCT.batch, json=[])
    if probe.status_code == 400:
        pytest.xfail("the request pipeline (mockbc/http/pipeline.py) does not read DELETE request bodies yet")


# --- store-wide lists ---------------------------------------------------------------


@EACH_KIND
def test_list_all_metafields_returns_every_owners_in_id_order(client: httpx.Client, kind: Kind) -> None:
    first = create(client, kind, kind.owners[0])
    second = create(client, kind, kind.owners[1])
    create(client, BRAND if kind is not BRAND else PRODUCT, 1 if kind is not BRAND else 77)

    response = client.get(kind.batch)

    assert response.status_code == 200
    body = response.json()
    assert body["data"] == [first, second]
    assert body["meta"]["pagination"] == {
        "total": 2, "count": 2, "per_page": 50, "current_page": 1, "total_pages": 1,
        "links": {"current": "?page=1&limit=50"},
    }  # fmt: skip


@EACH_KIND
def test_list_all_metafields_leaves_out_other_accounts_app_only_ones(
    client: httpx.Client, other: httpx.Client, kind: Kind
) -> None:
    private = create(client, kind, kind.owners[0], key="private", permission_set="app_only")
    shared = create(client, kind, kind.owners[0], key="shared")
    theirs = create(other, kind, kind.owners[1], key="theirs", permission_set="app_only")

    assert [m["id"] for m in client.get(kind.batch).json()["data"]] == [private["id"], shared["id"]]
    assert [m["id"] for m in other.get(kind.batch).json()["data"]] == [shared["id"], theirs["id"]]
    assert other.get(kind.batch).json()["meta"]["pagination"]["total"] == 2


def test_list_all_metafields_include_fields_keeps_what_the_response_requires(client: httpx.Client) -> None:
    created = create(client, PRODUCT, 77)

    response = client.get(PRODUCT.batch, params={"include_fields": "key"})

    assert response.status_code == 200
    assert response.json()["data"] == [{k: v for k, v in created.items() if k != "owner_client_id"}]


def test_list_all_metafields_with_read_only_scope_succeeds(client: httpx.Client, scoped_client: ScopedClient) -> None:
    created = create(client, PRODUCT, 77)

    response = scoped_client(["store_v2_products_read_only"]).get(PRODUCT.batch)

    assert response.status_code == 200
    assert response.json()["data"] == [created]


# --- batch create -------------------------------------------------------------------


@EACH_KIND
def test_create_metafields_creates_every_item_and_returns_200(
    client: httpx.Client, store: Store, kind: Kind, events: list[Event]
) -> None:
    items = [{**NEW, "resource_id": kind.owners[0]}, {**NEW, "key": "shelf", "resource_id": kind.owners[1]}]

    response = client.post(kind.batch, json=items)

    assert response.status_code == 200
    body = response.json()
    assert body["errors"] == []
    assert body["meta"] == meta(2, 2)
    assert [(m["resource_type"], m["resource_id"], m["key"]) for m in body["data"]] == [
        (kind.kind, kind.owners[0], "bin"),
        (kind.kind, kind.owners[1], "shelf"),
    ]
    ids = [m["id"] for m in body["data"]]
    assert [store.table(kind.table).get(i) is not None for i in ids] == [True, True]
    assert [(e.scope, e.id) for e in events] == [(f"store/{kind.event}/created", i) for i in ids]
    assert client.get(f"{kind.owner_path(kind.owners[0])}/{ids[0]}").json()["data"] == body["data"][0]


def test_create_metafields_empty_batch_returns_200_with_nothing_done(client: httpx.Client) -> None:
    response = client.post(PRODUCT.batch, json=[])

    assert response.status_code == 200
    assert response.json() == {"data": [], "errors": [], "meta": meta(0, 0)}


@EACH_KIND
def test_create_metafields_with_some_refused_returns_422_and_stores_the_others(
    client: httpx.Client, store: Store, kind: Kind
) -> None:
    items = [
        {**NEW, "resource_id": kind.owners[0]},
        {**NEW, "resource_id": 999999},
        {**NEW, "resource_id": kind.owners[0]},  # the same key again, in the same batch
        {**NEW, "key": "other", "resource_id": kind.owners[1]},
    ]

    response = client.post(kind.batch, json=items)

    assert response.status_code == 422
    body = response.json()
    assert [(m["resource_id"], m["key"]) for m in body["data"]] == [(kind.owners[0], "bin"), (kind.owners[1], "other")]
    assert body["meta"] == meta(4, 2)
    assert body["errors"] == [
        {
            "status": 404, "title": f"The requested {kind.missing_title} was not found.", "type": TYPE,
            "errors": {"1.resource_id": f"The {kind.missing_title} 999999 does not exist."},
        },
        {
            "status": 409, "title": "The metafield is a duplicate.", "type": TYPE,
            "errors": {
                "2.key": "Your API account already has a metafield with namespace 'Warehouse' and key 'bin' "
                f"on {kind.kind} {kind.owners[0]}."
            },
        },
    ]  # fmt: skip
    assert [(m.resource_id, m.key) for m in store.table(kind.table).values()] == [
        (kind.owners[0], "bin"),
        (kind.owners[1], "other"),
    ]


def test_create_metafields_all_refused_returns_422_with_no_data(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCT.batch, json=[{**NEW, "resource_id": 999998}, {**NEW, "resource_id": 999999}])

    assert response.status_code == 422
    body = response.json()
    assert body["data"] == []
    assert body["meta"] == meta(2, 0)
    assert [e["errors"] for e in body["errors"]] == [
        {"0.resource_id": "The product 999998 does not exist."},
        {"1.resource_id": "The product 999999 does not exist."},
    ]
    assert snapshot(store) == before


def test_create_metafields_for_a_variant_by_its_id_alone_succeeds(client: httpx.Client) -> None:
    response = client.post(VARIANT.batch, json=[{**NEW, "resource_id": 185}])

    assert response.status_code == 200
    assert response.json()["data"][0]["resource_id"] == 185


def test_create_metafields_past_the_per_owner_limit_refuses_the_extra_items(client: httpx.Client) -> None:
    items = [{**NEW, "key": f"k{n}", "resource_id": 77} for n in range(251)]

    response = client.post(PRODUCT.batch, json=items)

    assert response.status_code == 422
    body = response.json()
    assert body["meta"] == meta(251, 250)
    assert body["errors"] == [
        {
            "status": 422, "title": "The metafield limit has been reached.", "type": TYPE,
            "errors": {"250.resource_id": "A product can have at most 250 metafields per API account."},
        }
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("items", "errors"),
    [
        ([{**NEW}], {"0.resource_id": "error.path.missing"}),
        ([{**NEW, "resource_id": 77}, {**NEW, "key": "k" * 65, "resource_id": 77}],
         {"1.key": "must be at most 64 characters long"}),
        ([{**NEW, "resource_id": 77, "permission_set": "all"}],
         {"0.permission_set": "must be one of: app_only, read, write, read_and_sf_access, write_and_sf_access"}),
        ([{**NEW, "resource_id": 77, "id": 5, "extra": True}], {"0.extra": "is not a field this resource accepts"}),
    ],
)  # fmt: skip
def test_create_metafields_breaking_the_schema_returns_422_and_stores_nothing(
    client: httpx.Client, store: Store, items: list[dict[str, Any]], errors: dict[str, str]
) -> None:
    before = snapshot(store)

    response = client.post(PRODUCT.batch, json=items)

    assert response.status_code == 422
    assert response.json() == {
        "data": [],
        "errors": [{"status": 422, "title": INVALID, "type": TYPE, "errors": errors}],
        "meta": meta(len(items), 0),
    }
    assert snapshot(store) == before


def test_create_metafields_body_not_an_array_returns_422(client: httpx.Client, store: Store) -> None:
    response = client.post(PRODUCT.batch, json={**NEW, "resource_id": 77})

    assert response.status_code == 422
    assert response.json() == {
        "data": [],
        "errors": [{"status": 422, "title": INVALID, "type": TYPE, "errors": {"body": "must be an array"}}],
        "meta": meta(0, 0),
    }


def test_create_metafields_malformed_json_returns_400(client: httpx.Client, store: Store) -> None:
    before = snapshot(store)

    response = client.post(PRODUCT.batch, content=b"[{", headers={"Content-Type": "application/json"})

    assert response.status_code == 400
    assert response.json() == {"status": 400, "title": "Input is invalid", "type": TYPE, "detail": "Syntax error"}
    assert snapshot(store) == before


@EACH_KIND
def test_create_metafields_with_read_only_scope_returns_403(
    scoped_client: ScopedClient, store: Store, kind: Kind
) -> None:
    before = snapshot(store)

    response = scoped_client(["store_v2_products_read_only"]).post(
        kind.batch, json=[{**NEW, "resource_id": kind.owners[0]}]
    )

    assert response.status_code == 403
    assert response.json() == FORBIDDEN
    assert snapshot(store) == before


# --- batch update -------------------------------------------------------------------


@EACH_KIND
def test_update_metafields_updates_every_item_and_returns_200(
    client: httpx.Client, store: Store, kind: Kind, events: list[Event]
) -> None:
    first = create(client, kind, kind.owners[0])
    second = create(client, kind, kind.owners[1])
    events.clear()

    response = client.put(kind.batch, json=[{"id": first["id"], "value": "A1"}, {"id": second["id"], "key": "shelf"}])

    assert response.status_code == 200
    body = response.json()
    assert body["errors"] == []
    assert body["meta"] == meta(2, 2)
    assert [(m["id"], m["key"], m["value"]) for m in body["data"]] == [
        (first["id"], "bin", "A1"),
        (second["id"], "shelf", "4HG"),
    ]
    assert store.table(kind.table).require(first["id"]).value == "A1"
    assert [(e.scope, e.id) for e in events] == [
        (f"store/{kind.event}/updated", first["id"]),
        (f"store/{kind.event}/updated", second["id"]),
    ]


@pytest.mark.parametrize("kind", [PRODUCT, VARIANT, CATEGORY], ids=["product", "variant", "category"])
def test_update_metafields_with_some_refused_returns_422_and_keeps_the_others(
    client: httpx.Client, other: httpx.Client, store: Store, kind: Kind
) -> None:
    first = create(client, kind, kind.owners[0], key="a")
    second = create(client, kind, kind.owners[0], key="b")
    theirs = create(other, kind, kind.owners[0], key="c", permission_set="read")

    response = client.put(
        kind.batch,
        json=[
            {"id": first["id"], "value": "new"},
            {"id": 999999, "value": "x"},
            {"id": second["id"], "key": "a"},
            {"id": theirs["id"], "value": "mine now"},
        ],
    )

    assert response.status_code == 422
    body = response.json()
    assert [(m["id"], m["value"]) for m in body["data"]] == [(first["id"], "new")]
    assert body["meta"] == meta(4, 1)
    assert body["errors"] == [
        {
            "status": 404, "title": "The requested metafield was not found.", "type": TYPE,
            "errors": {"1.id": "The metafield 999999 does not exist."},
        },
        {
            "status": 409, "title": "The metafield is a duplicate.", "type": TYPE,
            "errors": {
                "2.key": "Your API account already has a metafield with namespace 'Warehouse' and key 'a' "
                f"on {kind.kind} {kind.owners[0]}."
            },
        },
        {
            "status": 403, "title": "The metafield belongs to another API account.", "type": TYPE,
            "errors": {"3.value": "Only the API account that created the metafield can change its value."},
        },
    ]  # fmt: skip
    rows = store.table(kind.table)
    assert (rows.require(first["id"]).value, rows.require(second["id"]).key, rows.require(theirs["id"]).value) == (
        "new",
        "b",
        "4HG",
    )


def test_update_brands_metafields_with_some_refused_returns_its_flat_422(client: httpx.Client, store: Store) -> None:
    # updateBrandsMetafields documents {status, title, type, errors} for its 422 (brands_catalog.v3.yml).
    created = create(client, BRAND, 1)

    response = client.put(BRAND.batch, json=[{"id": created["id"], "value": "new"}, {"id": 999999, "value": "x"}])

    assert response.status_code == 422
    body = response.json()
    assert {k: body[k] for k in ("status", "title", "type", "errors", "meta")} == {
        "status": 422,
        "title": "Not every metafield was updated.",
        "type": TYPE,
        "errors": {"1.id": "The metafield 999999 does not exist."},
        "meta": meta(2, 1),
    }
    assert [m["value"] for m in body["data"]] == ["new"]
    assert store.brand_metafields.require(created["id"]).value == "new"


def test_update_brands_metafields_breaking_the_schema_returns_a_flat_422(client: httpx.Client, store: Store) -> None:
    created = create(client, BRAND, 1)
    before = snapshot(store)

    response = client.put(BRAND.batch, json=[{"id": created["id"], "value": ""}])

    assert response.status_code == 422
    assert response.json() == {
        "status": 422, "title": INVALID, "type": TYPE, "errors": {"0.value": "must be at least 1 characters long"},
    }  # fmt: skip
    assert snapshot(store) == before


def test_update_metafields_app_only_of_another_account_is_not_found(
    client: httpx.Client, other: httpx.Client, store: Store
) -> None:
    private = create(client, PRODUCT, 77, permission_set="app_only")
    before = snapshot(store)

    response = other.put(PRODUCT.batch, json=[{"id": private["id"], "value": "x"}])

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "status": 404, "title": "The requested metafield was not found.", "type": TYPE,
            "errors": {"0.id": f"The metafield {private['id']} does not exist."},
        }
    ]  # fmt: skip
    assert snapshot(store) == before


def test_update_metafields_of_another_kind_is_not_found(client: httpx.Client) -> None:
    brand_metafield = create(client, BRAND, 1)

    response = client.put(PRODUCT.batch, json=[{"id": brand_metafield["id"], "value": "x"}])

    assert response.status_code == 422
    assert response.json()["errors"][0]["errors"] == {"0.id": f"The metafield {brand_metafield['id']} does not exist."}


@pytest.mark.parametrize(
    ("items", "errors"),
    [
        ([{"value": "x"}], {"0.id": "error.path.missing"}),
        ([{"id": "one", "value": "x"}], {"0.id": "must be an integer"}),
        ([{"id": 1, "namespace": "n" * 65}], {"0.namespace": "must be at most 64 characters long"}),
    ],
)
def test_update_metafields_breaking_the_schema_returns_422_and_changes_nothing(
    client: httpx.Client, store: Store, items: list[dict[str, Any]], errors: dict[str, str]
) -> None:
    create(client, PRODUCT, 77)
    before = snapshot(store)

    response = client.put(PRODUCT.batch, json=items)

    assert response.status_code == 422
    assert response.json() == {
        "data": [],
        "errors": [{"status": 422, "title": INVALID, "type": TYPE, "errors": errors}],
        "meta": meta(len(items), 0),
    }
    assert snapshot(store) == before


@EACH_KIND
def test_update_metafields_with_read_only_scope_returns_403(
    client: httpx.Client, scoped_client: ScopedClient, store: Store, kind: Kind
) -> None:
    created = create(client, kind, kind.owners[0])
    before = snapshot(store)

    response = scoped_client(["store_v2_products_read_only"]).put(
        kind.batch, json=[{"id": created["id"], "value": "x"}]
    )

    assert response.status_code == 403
    assert response.json() == FORBIDDEN
    assert snapshot(store) == before


# --- batch delete -------------------------------------------------------------------


def test_delete_metafields_without_a_body_returns_400(client: httpx.Client, store: Store) -> None:
    create(client, PRODUCT, 77)
    before = snapshot(store)

    response = client.request("DELETE", PRODUCT.batch, content=b"", headers={"Content-Type": "application/json"})

    assert response.status_code == 400
    assert response.json() == {
        "status": 400, "title": "Input is invalid", "type": TYPE, "detail": "The request body is empty",
    }  # fmt: skip
    assert snapshot(store) == before


@pytest.mark.usefixtures("delete_bodies")
@EACH_KIND
def test_delete_metafields_deletes_every_id_and_returns_200(
    client: httpx.Client, store: Store, kind: Kind, events: list[Event]
) -> None:
    first = create(client, kind, kind.owners[0])
    second = create(client, kind, kind.owners[1])
    events.clear()

    response = client.request("DELETE", kind.batch, json=[first["id"], second["id"]])

    assert response.status_code == 200
    assert response.json() == {"data": [first["id"], second["id"]], "errors": [], "meta": meta(2, 2)}
    assert len(store.table(kind.table)) == 0
    assert [(e.scope, e.id) for e in events] == [
        (f"store/{kind.event}/deleted", first["id"]),
        (f"store/{kind.event}/deleted", second["id"]),
    ]


@pytest.mark.usefixtures("delete_bodies")
def test_delete_metafields_with_some_refused_returns_422_keyed_by_index(
    client: httpx.Client, other: httpx.Client, store: Store
) -> None:
    mine = create(client, PRODUCT, 77, key="a")
    theirs = create(other, PRODUCT, 77, key="b", permission_set="read")

    response = client.request("DELETE", PRODUCT.batch, json=[mine["id"], 999999, theirs["id"]])

    assert response.status_code == 422
    assert response.json() == {
        "data": [mine["id"]],
        "errors": [
            {
                "status": 404, "title": "The requested metafield was not found.", "type": TYPE,
                "errors": {"1": "The metafield 999999 does not exist."},
            },
            {
                "status": 403, "title": "The metafield belongs to another API account.", "type": TYPE,
                "errors": {"2": "Only the API account that created the metafield can delete it."},
            },
        ],
        "meta": meta(3, 1),
    }  # fmt: skip
    assert store.product_metafields.get(mine["id"]) is None
    assert store.product_metafields.get(theirs["id"]) is not None


@pytest.mark.usefixtures("delete_bodies")
def test_delete_metafields_breaking_the_schema_returns_422_and_deletes_nothing(
    client: httpx.Client, store: Store
) -> None:
    created = create(client, PRODUCT, 77)
    before = snapshot(store)

    response = client.request("DELETE", PRODUCT.batch, json=[created["id"], "two"])

    assert response.status_code == 422
    assert response.json() == {
        "data": [],
        "errors": [{"status": 422, "title": INVALID, "type": TYPE, "errors": {"1": "must be an integer"}}],
        "meta": meta(2, 0),
    }
    assert snapshot(store) == before


@EACH_KIND
def test_delete_metafields_with_read_only_scope_returns_403(
    client: httpx.Client, scoped_client: ScopedClient, store: Store, kind: Kind
) -> None:
    created = create(client, kind, kind.owners[0])
    before = snapshot(store)

    response = scoped_client(["store_v2_products_read_only"]).request("DELETE", kind.batch, json=[created["id"]])

    assert response.status_code == 403
    assert response.json() == FORBIDDEN
    assert snapshot(store) == before
