"""Wishlists on the storefront: a signed-in shopper's lists (``customer.wishlists`` and the ``wishlist``
mutations), a public list read by its token, and what a refusal answers and leaves unchanged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from storefront_kit import mutation_refusal, snapshot

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.errors import NotFound
from mockbc.domain.query import Condition
from mockbc.domain.wishlists import Wishlist, WishlistItem
from mockbc.http.inprocess import InProcessTransport
from mockbc.services import customer_access_tokens, customers, wishlists
from mockbc.services.customers import NewCustomer
from mockbc.store.store import Seed

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
FIELDS = """
fragment WishlistFields on Wishlist {
  entityId
  name
  isPublic
  token
  items {
    edges { node { entityId productEntityId variantEntityId product { entityId name sku } } }
    collectionInfo { totalItems }
  }
}"""
CREATE = (
    """
mutation CreateWishlist($input: CreateWishlistInput!) {
  wishlist { createWishlist(input: $input) { result { ...WishlistFields } } }
}"""
    + FIELDS
)
ADD = (
    """
mutation AddWishlistItems($input: AddWishlistItemsInput!) {
  wishlist { addWishlistItems(input: $input) { result { ...WishlistFields } } }
}"""
    + FIELDS
)
REMOVE = (
    """
mutation DeleteWishlistItems($input: DeleteWishlistItemsInput!) {
  wishlist { deleteWishlistItems(input: $input) { result { ...WishlistFields } } }
}"""
    + FIELDS
)
UPDATE = (
    """
mutation UpdateWishlist($input: UpdateWishlistInput!) {
  wishlist { updateWishlist(input: $input) { result { ...WishlistFields } } }
}"""
    + FIELDS
)
DELETE = """
mutation DeleteWishlists($input: DeleteWishlistsInput!) {
  wishlist { deleteWishlists(input: $input) { result } }
}"""
MINE = (
    """
query MyWishlists($filters: WishlistFiltersInput, $first: Int) {
  customer {
    wishlists(filters: $filters, first: $first) {
      edges { node { ...WishlistFields } }
      pageInfo { hasNextPage }
    }
  }
}"""
    + FIELDS
)
ITEMS = """
query WishlistItems($items: WishlistItemsFiltersInput, $hide: Boolean) {
  customer {
    wishlists {
      edges { node { entityId items(filters: $items, hideOutOfStock: $hide) { edges { node { entityId } } } } }
    }
  }
}"""
PUBLIC = """
query PublicWishlist($token: String!) {
  site {
    publicWishlist(token: $token) {
      entityId
      name
      token
      isOwner
      items { edges { node { productEntityId variantEntityId product { name } } } }
    }
  }
}"""


# --------------------------------------------------------------------------- helpers


def refusal(document: str, mutation: str, message: str, code: str) -> dict[str, Any]:
    return mutation_refusal("wishlist", document, mutation, message, code)


def send(http: httpx.Client, document: str, variables: Any = None, **headers: str) -> dict[str, Any]:
    """One operation as a storefront's client sends it: ``POST /graphql?operation=Name&type=...``."""
    kind, name = document.split("{", 1)[0].split()[:2]
    name = name.split("(")[0]
    response = http.post(
        f"/graphql?operation={name}&type={kind}", json={"query": document, "variables": variables}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def result(body: dict[str, Any], mutation: str) -> dict[str, Any]:
    assert "errors" not in body, body
    made: dict[str, Any] = body["data"]["wishlist"][mutation]["result"]
    return made


def item(product: dict[str, Any], variant: dict[str, Any] | None = None, *, entity_id: int) -> dict[str, Any]:
    return {"node": {
        "entityId": entity_id, "productEntityId": product["id"], "variantEntityId": variant["id"] if variant else None,
        "product": {"entityId": product["id"], "name": product["name"], "sku": (variant or product)["sku"]},
    }}  # fmt: skip


def customer(store: Store, email: str) -> int:
    return customers.create(store, NewCustomer({"email": email, "first_name": "Wren", "last_name": "Hale"})).id


def signed_in(store: Store, customer_id: int) -> dict[str, str]:
    return {"X-Bc-Customer-Access-Token": customer_access_tokens.issue(store, customer_id, 1).value}


def made_product(client: httpx.Client, **fields: Any) -> dict[str, Any]:
    body = {"name": f"Wish {fields['sku']}", "type": "physical", "weight": 1, "price": 12, "is_visible": True,
            **fields}  # fmt: skip
    response = client.post(f"{V3}/catalog/products", json=body)
    assert response.status_code == 200, response.text
    created: dict[str, Any] = response.json()["data"]
    return created


@pytest.fixture
def mug(client: httpx.Client) -> dict[str, Any]:
    return made_product(client, sku="WISH-MUG")


@pytest.fixture
def tee(client: httpx.Client) -> dict[str, Any]:
    """A shirt in two sizes; its variants are ``tee["variants"]`` (S, then L)."""
    made = made_product(client, sku="WISH-TEE", variants=[
        {"sku": "WISH-TEE-S", "option_values": [{"option_display_name": "Size", "label": "S"}]},
        {"sku": "WISH-TEE-L", "option_values": [{"option_display_name": "Size", "label": "L"}]},
    ])  # fmt: skip
    made["variants"] = client.get(f"{V3}/catalog/products/{made['id']}/variants").json()["data"]
    return made


@pytest.fixture
def ada(store: Store) -> int:
    return customer(store, "ada.wish@example.com")


@pytest.fixture
def bo(store: Store) -> int:
    return customer(store, "bo.wish@example.com")


def create(sf: httpx.Client, headers: dict[str, str], name: str = "Birthday", **fields: Any) -> dict[str, Any]:
    return result(send(sf, CREATE, {"input": {"name": name, "isPublic": False, **fields}}, **headers), "createWishlist")


# --------------------------------------------------------------------------- a list's life


def test_a_shopper_keeps_a_wishlist_from_creation_to_deletion(
    sf: httpx.Client, store: Store, ada: int, mug: dict[str, Any], tee: dict[str, Any]
) -> None:
    me = signed_in(store, ada)
    small, large = tee["variants"]
    made = create(sf, me, items=[{"productEntityId": mug["id"]}])
    wishlist_id, token = made["entityId"], made["token"]
    first_item = made["items"]["edges"][0]["node"]["entityId"]
    assert made == {
        "entityId": wishlist_id, "name": "Birthday", "isPublic": False, "token": token,
        "items": {"edges": [item(mug, entity_id=first_item)], "collectionInfo": {"totalItems": 1}},
    }  # fmt: skip
    assert store.wishlists.require(wishlist_id).customer_id == ada

    # With and without a variant; an item the list already has is not added twice.
    items = [{"productEntityId": tee["id"], "variantEntityId": large["id"]}, {"productEntityId": tee["id"]},
             {"productEntityId": mug["id"]}]  # fmt: skip
    added = result(send(sf, ADD, {"input": {"entityId": wishlist_id, "items": items}}, **me), "addWishlistItems")
    ids = [edge["node"]["entityId"] for edge in added["items"]["edges"]]
    assert added["items"] == {
        "edges": [item(mug, entity_id=ids[0]), item(tee, large, entity_id=ids[1]), item(tee, entity_id=ids[2])],
        "collectionInfo": {"totalItems": 3},
    }
    assert len(set(ids) | {wishlist_id}) == 4  # item ids are never wishlist ids
    assert small["id"] not in {e["node"]["variantEntityId"] for e in added["items"]["edges"]}

    renamed = result(send(sf, UPDATE, {"input": {"entityId": wishlist_id, "data": {"name": "Someday"}}}, **me),
                     "updateWishlist")  # fmt: skip
    assert (renamed["name"], renamed["isPublic"], renamed["token"]) == ("Someday", False, token)
    public = result(send(sf, UPDATE, {"input": {"entityId": wishlist_id, "data": {"isPublic": True}}}, **me),
                    "updateWishlist")  # fmt: skip
    assert (public["name"], public["isPublic"], public["token"]) == ("Someday", True, token)

    shared = send(sf, PUBLIC, {"token": token})
    assert shared == {"data": {"site": {"publicWishlist": {
        "entityId": wishlist_id, "name": "Someday", "token": token, "isOwner": None,
        "items": {"edges": [
            {"node": {"productEntityId": mug["id"], "variantEntityId": None, "product": {"name": mug["name"]}}},
            {"node": {"productEntityId": tee["id"], "variantEntityId": large["id"], "product": {"name": tee["name"]}}},
            {"node": {"productEntityId": tee["id"], "variantEntityId": None, "product": {"name": tee["name"]}}},
        ]},
    }}}}  # fmt: skip

    removed = result(send(sf, REMOVE, {"input": {"entityId": wishlist_id, "itemEntityIds": [ids[0], ids[2]]}}, **me),
                     "deleteWishlistItems")  # fmt: skip
    assert removed["items"] == {"edges": [item(tee, large, entity_id=ids[1])], "collectionInfo": {"totalItems": 1}}

    mine = send(sf, MINE, {}, **me)["data"]["customer"]["wishlists"]
    assert mine == {"edges": [{"node": removed}], "pageInfo": {"hasNextPage": False}}

    gone = send(sf, DELETE, {"input": {"entityIds": [wishlist_id]}}, **me)
    assert gone == {"data": {"wishlist": {"deleteWishlists": {"result": "success"}}}}
    assert send(sf, MINE, {}, **me)["data"]["customer"]["wishlists"] == {
        "edges": [],
        "pageInfo": {"hasNextPage": False},
    }
    assert send(sf, PUBLIC, {"token": token}) == {"data": {"site": {"publicWishlist": None}}}
    assert store.wishlists.get(wishlist_id) is None


def test_an_impersonation_token_acts_for_the_customer_it_names(
    app: Starlette, store: Store, issue: Callable[..., str], ada: int, mug: dict[str, Any]
) -> None:
    with httpx.Client(
        transport=InProcessTransport(app),
        base_url=f"http://store-{store.store_hash}.mybigcommerce.test",
        headers={"Authorization": f"Bearer {issue('impersonation')}", "X-Bc-Customer-Id": str(ada)},
    ) as http:
        made = create(http, {}, "Kitchen", items=[{"productEntityId": mug["id"]}])
        listed = send(http, MINE, {})["data"]["customer"]["wishlists"]["edges"]
    assert [edge["node"] for edge in listed] == [made]
    assert store.wishlists.require(made["entityId"]).customer_id == ada


def test_the_lists_are_filtered_and_paged(
    sf: httpx.Client, store: Store, ada: int, mug: dict[str, Any], tee: dict[str, Any]
) -> None:
    me = signed_in(store, ada)
    small, large = tee["variants"]
    with_mug = create(sf, me, "Mugs", items=[{"productEntityId": mug["id"]}])
    with_tee = create(sf, me, "Tees", items=[{"productEntityId": tee["id"], "variantEntityId": small["id"]},
                                             {"productEntityId": tee["id"], "variantEntityId": large["id"]}])  # fmt: skip
    empty = create(sf, me, "Empty")

    def names(filters: dict[str, Any] | None, first: int | None = None) -> tuple[list[str], bool]:
        found = send(sf, MINE, {"filters": filters, "first": first}, **me)["data"]["customer"]["wishlists"]
        return [e["node"]["name"] for e in found["edges"]], found["pageInfo"]["hasNextPage"]

    assert names(None) == (["Mugs", "Tees", "Empty"], False)
    assert names(None, first=2) == (["Mugs", "Tees"], True)
    assert names({"entityIds": [empty["entityId"], with_mug["entityId"]]}) == (["Mugs", "Empty"], False)
    assert names({"productEntityIds": [tee["id"]]}) == (["Tees"], False)
    assert names({"variantEntityIds": [large["id"]]}) == (["Tees"], False)
    assert names({"productEntityIds": [mug["id"]], "variantEntityIds": [large["id"]]}) == ([], False)
    assert names({"entityIds": []}) == (["Mugs", "Tees", "Empty"], False)  # an empty list filters nothing out

    def items(filters: dict[str, Any] | None) -> list[int]:
        lists = send(sf, ITEMS, {"items": filters}, **me)["data"]["customer"]["wishlists"]["edges"]
        return [e["node"]["entityId"] for w in lists for e in w["node"]["items"]["edges"]]

    tee_items = [e["node"]["entityId"] for e in with_tee["items"]["edges"]]
    assert items({"variantEntityIds": [large["id"]]}) == tee_items[1:]
    assert items({"productEntityIds": [mug["id"]]}) == [with_mug["items"]["edges"][0]["node"]["entityId"]]


def test_out_of_stock_items_can_be_hidden(
    sf: httpx.Client, client: httpx.Client, store: Store, ada: int, mug: dict[str, Any]
) -> None:
    me = signed_in(store, ada)
    scarce = made_product(client, sku="WISH-SCARCE", inventory_tracking="product", inventory_level=0)
    made = create(sf, me, items=[{"productEntityId": mug["id"]}, {"productEntityId": scarce["id"]}])
    everything = [e["node"]["entityId"] for e in made["items"]["edges"]]

    def shown(hide: bool | None) -> list[int]:
        lists = send(sf, ITEMS, {"hide": hide}, **me)["data"]["customer"]["wishlists"]["edges"]
        return [e["node"]["entityId"] for e in lists[0]["node"]["items"]["edges"]]

    assert shown(None) == everything
    assert shown(True) == everything[:1]


def test_an_item_of_a_variant_out_of_stock_is_hidden_with_it(
    sf: httpx.Client, client: httpx.Client, store: Store, ada: int
) -> None:
    me = signed_in(store, ada)
    sized = made_product(client, sku="WISH-SIZED", inventory_tracking="variant", variants=[
        {"sku": "WISH-SIZED-S", "inventory_level": 0, "option_values": [{"option_display_name": "Size", "label": "S"}]},
        {"sku": "WISH-SIZED-L", "inventory_level": 5, "option_values": [{"option_display_name": "Size", "label": "L"}]},
    ])  # fmt: skip
    small, large = client.get(f"{V3}/catalog/products/{sized['id']}/variants").json()["data"]
    made = create(sf, me, items=[{"productEntityId": sized["id"], "variantEntityId": small["id"]},
                                 {"productEntityId": sized["id"], "variantEntityId": large["id"]},
                                 {"productEntityId": sized["id"]}])  # fmt: skip
    ids = [e["node"]["entityId"] for e in made["items"]["edges"]]
    lists = send(sf, ITEMS, {"hide": True}, **me)["data"]["customer"]["wishlists"]["edges"]
    assert [e["node"]["entityId"] for e in lists[0]["node"]["items"]["edges"]] == ids[1:]


def test_an_item_of_a_product_the_channel_hides_has_no_product(
    sf: httpx.Client, client: httpx.Client, store: Store, ada: int, mug: dict[str, Any]
) -> None:
    me = signed_in(store, ada)
    hidden = made_product(client, sku="WISH-HIDDEN", is_visible=False)
    made = create(sf, me, items=[{"productEntityId": hidden["id"]}])
    assert made["items"]["edges"][0]["node"]["product"] is None
    assert made["items"]["edges"][0]["node"]["productEntityId"] == hidden["id"]


# --------------------------------------------------------------------------- public lists


def test_a_public_list_is_read_by_its_token_and_knows_its_owner(
    sf: httpx.Client, store: Store, ada: int, bo: int, mug: dict[str, Any]
) -> None:
    shared = create(sf, signed_in(store, ada), isPublic=True, items=[{"productEntityId": mug["id"]}])
    hidden = create(sf, signed_in(store, ada), "Private")

    def read(token: str, headers: dict[str, str]) -> Any:
        return send(sf, PUBLIC, {"token": token}, **headers)["data"]["site"]["publicWishlist"]

    owner = {True: signed_in(store, ada), False: signed_in(store, bo), None: {}}
    for is_owner, headers in owner.items():
        found = read(shared["token"], headers)
        assert (found["entityId"], found["isOwner"]) == (shared["entityId"], is_owner)
        assert read(hidden["token"], headers) is None  # a private list's token finds nothing, even for its owner
    assert read("00000000-0000-4000-8000-000000000000", {}) is None
    # Made private again, its token finds nothing (the kept answer of the same query is not served).
    send(sf, UPDATE, {"input": {"entityId": shared["entityId"], "data": {"isPublic": False}}}, **owner[True])
    assert read(shared["token"], {}) is None


# --------------------------------------------------------------------------- refusals


GUEST_ATTEMPTS: dict[str, tuple[str, Callable[[int, int, int], dict[str, Any]]]] = {
    "createWishlist": (CREATE, lambda w, i, p: {"name": "Mine", "isPublic": False}),
    "addWishlistItems": (ADD, lambda w, i, p: {"entityId": w, "items": [{"productEntityId": p}]}),
    "deleteWishlistItems": (REMOVE, lambda w, i, p: {"entityId": w, "itemEntityIds": [i]}),
    "updateWishlist": (UPDATE, lambda w, i, p: {"entityId": w, "data": {"name": "Renamed"}}),
    "deleteWishlists": (DELETE, lambda w, i, p: {"entityIds": [w]}),
}


@pytest.mark.parametrize("mutation", list(GUEST_ATTEMPTS))
def test_a_guest_is_refused_every_wishlist_mutation(
    sf: httpx.Client, store: Store, ada: int, mug: dict[str, Any], mutation: str
) -> None:
    made = create(sf, signed_in(store, ada), items=[{"productEntityId": mug["id"]}])
    document, given = GUEST_ATTEMPTS[mutation]
    variables = {"input": given(made["entityId"], made["items"]["edges"][0]["node"]["entityId"], mug["id"])}
    for headers in ({}, {"X-Bc-Customer-Access-Token": "not-a-token"}):
        before = snapshot(store)
        body = send(sf, document, variables, **headers)
        assert body == refusal(document, mutation, "The customer is not logged in.", "CUSTOMER_NOT_LOGGED_IN")
        assert snapshot(store) == before
    assert send(sf, MINE, {}) == {"data": {"customer": None}}


def test_an_unknown_product_or_a_variant_of_another_product_is_refused(
    sf: httpx.Client, store: Store, ada: int, mug: dict[str, Any], tee: dict[str, Any]
) -> None:
    me = signed_in(store, ada)
    made = create(sf, me)
    small = tee["variants"][0]
    cases = [
        ([{"productEntityId": 999_999}], "Product 999999 does not exist."),
        ([{"productEntityId": mug["id"], "variantEntityId": small["id"]}],
         f"Variant {small['id']} is not a variant of product {mug['id']}."),
        ([{"productEntityId": mug["id"]}, {"productEntityId": tee["id"], "variantEntityId": 999_999}],
         f"Variant 999999 is not a variant of product {tee['id']}."),
    ]  # fmt: skip
    for items, message in cases:
        before = snapshot(store)
        body = send(sf, ADD, {"input": {"entityId": made["entityId"], "items": items}}, **me)
        assert body == refusal(ADD, "addWishlistItems", message, "INVALID_PRODUCT")
        body = send(sf, CREATE, {"input": {"name": "Other", "isPublic": True, "items": items}}, **me)
        assert body == refusal(CREATE, "createWishlist", message, "INVALID_PRODUCT")
        assert snapshot(store) == before


def test_a_blank_or_overlong_name_is_refused(sf: httpx.Client, store: Store, ada: int) -> None:
    me = signed_in(store, ada)
    made = create(sf, me)
    message = "The wishlist name must have 1 to 255 characters, not only spaces."
    for name in ("", "   ", "x" * 256):
        before = snapshot(store)
        body = send(sf, CREATE, {"input": {"name": name, "isPublic": False}}, **me)
        assert body == refusal(CREATE, "createWishlist", message, "BAD_USER_INPUT")
        body = send(sf, UPDATE, {"input": {"entityId": made["entityId"], "data": {"name": name}}}, **me)
        assert body == refusal(UPDATE, "updateWishlist", message, "BAD_USER_INPUT")
        assert snapshot(store) == before
    assert create(sf, me, "x" * 255)["name"] == "x" * 255


def test_another_customers_wishlist_is_unknown(
    sf: httpx.Client, store: Store, ada: int, bo: int, mug: dict[str, Any]
) -> None:
    theirs = create(sf, signed_in(store, ada), isPublic=True, items=[{"productEntityId": mug["id"]}])
    wishlist_id = theirs["entityId"]
    item_id = theirs["items"]["edges"][0]["node"]["entityId"]
    mine = create(sf, as_bo := signed_in(store, bo), "Bo's")
    message = f"The customer has no wishlist {wishlist_id}."
    attempts = [
        (ADD, "addWishlistItems", {"entityId": wishlist_id, "items": [{"productEntityId": mug["id"]}]}),
        (REMOVE, "deleteWishlistItems", {"entityId": wishlist_id, "itemEntityIds": [item_id]}),
        (UPDATE, "updateWishlist", {"entityId": wishlist_id, "data": {"isPublic": False}}),
        (DELETE, "deleteWishlists", {"entityIds": [mine["entityId"], wishlist_id]}),  # all or nothing
    ]
    for document, mutation, given in attempts:
        before = snapshot(store)
        body = send(sf, document, {"input": given}, **as_bo)
        assert body == refusal(document, mutation, message, "WISHLIST_NOT_FOUND")
        assert snapshot(store) == before
    listed = send(sf, MINE, {}, **as_bo)["data"]["customer"]["wishlists"]["edges"]
    assert [edge["node"]["entityId"] for edge in listed] == [mine["entityId"]]


def test_an_item_the_list_does_not_hold_is_refused(
    sf: httpx.Client, store: Store, ada: int, mug: dict[str, Any]
) -> None:
    me = signed_in(store, ada)
    made = create(sf, me, items=[{"productEntityId": mug["id"]}])
    other = create(sf, me, "Other", items=[{"productEntityId": mug["id"]}])
    held = made["items"]["edges"][0]["node"]["entityId"]
    elsewhere = other["items"]["edges"][0]["node"]["entityId"]
    before = snapshot(store)
    body = send(sf, REMOVE, {"input": {"entityId": made["entityId"], "itemEntityIds": [held, elsewhere]}}, **me)
    assert body == refusal(REMOVE, "deleteWishlistItems", f"The wishlist has no item {elsewhere}.",
                           "WISHLIST_ITEM_NOT_FOUND")  # fmt: skip
    assert snapshot(store) == before


# --------------------------------------------------------------------------- what other APIs delete


def test_deleting_the_customer_through_rest_deletes_their_wishlists(
    sf: httpx.Client, client: httpx.Client, store: Store, ada: int, bo: int, mug: dict[str, Any]
) -> None:
    gone = create(sf, signed_in(store, ada), isPublic=True, items=[{"productEntityId": mug["id"]}])
    kept = create(sf, signed_in(store, bo), "Bo's")
    response = client.delete(f"{V3}/customers", params={"id:in": str(ada)})
    assert response.status_code == 204, response.text
    assert store.wishlists.get(gone["entityId"]) is None
    assert send(sf, PUBLIC, {"token": gone["token"]}) == {"data": {"site": {"publicWishlist": None}}}
    assert [w.id for w in store.wishlists.values()] == [kept["entityId"]]


def test_deleting_a_product_or_a_variant_takes_its_items_off_the_lists(
    sf: httpx.Client, client: httpx.Client, store: Store, ada: int, mug: dict[str, Any], tee: dict[str, Any]
) -> None:
    me = signed_in(store, ada)
    small, large = tee["variants"]
    made = create(sf, me, items=[{"productEntityId": mug["id"]}, {"productEntityId": tee["id"]},
                                 {"productEntityId": tee["id"], "variantEntityId": small["id"]},
                                 {"productEntityId": tee["id"], "variantEntityId": large["id"]}])  # fmt: skip
    ids = [e["node"]["entityId"] for e in made["items"]["edges"]]

    def held() -> list[int]:
        lists = send(sf, ITEMS, {}, **me)["data"]["customer"]["wishlists"]["edges"]
        return [e["node"]["entityId"] for e in lists[0]["node"]["items"]["edges"]]

    response = client.delete(f"{V3}/catalog/products/{tee['id']}/variants/{small['id']}")
    assert response.status_code == 204, response.text
    assert held() == [ids[0], ids[1], ids[3]]
    response = client.delete(f"{V3}/catalog/products/{tee['id']}")
    assert response.status_code == 204, response.text
    assert held() == [ids[0]]


@pytest.mark.parametrize("scopes", [["Unauthenticated"], ["Unauthenticated", "Customer"]])
def test_a_private_token_needs_the_customer_scope(
    app: Starlette, store: Store, issue: Callable[..., str], ada: int, scopes: list[str]
) -> None:
    with httpx.Client(
        transport=InProcessTransport(app),
        base_url=f"http://store-{store.store_hash}.mybigcommerce.test",
        headers={"Authorization": f"Bearer {issue('private', scopes=scopes)}", **signed_in(store, ada)},
    ) as http:
        before = snapshot(store)
        body = send(http, CREATE, {"input": {"name": "Scoped", "isPublic": False}})
    if "Customer" in scopes:
        assert result(body, "createWishlist")["name"] == "Scoped"
        return
    assert body == {
        "data": None,
        "errors": [{
            "message": "The token does not have the access scope this field needs: TOKEN_SCOPE_CUSTOMER.",
            "locations": [{"line": 3, "column": 3}], "path": ["wishlist"],
            "extensions": {"code": "INSUFFICIENT_ACCESS_SCOPE", "requiredScopes": ["TOKEN_SCOPE_CUSTOMER"]},
        }],
    }  # fmt: skip
    assert snapshot(store) == before


# --------------------------------------------------------------------------- the records, without GraphQL


def test_a_wishlist_needs_a_customer_of_the_store(store: Store) -> None:
    before = snapshot(store)
    with pytest.raises(NotFound) as refused:
        wishlists.create(store, 999_999, "Nobody's")
    assert (refused.value.resource, refused.value.id) == ("customer", 999_999)
    assert snapshot(store) == before


def test_seeded_item_ids_are_not_handed_out_again() -> None:
    seeded = Wishlist(5, 1, "Seeded", False, "tok", (WishlistItem(9, 1), WishlistItem(7, 1, 2)))
    store = Store("wishseed", Seed({"wishlists": {5: seeded}}))
    assert store.next_id("wishlists") == 10
    assert wishlists.by_token(store, "tok") == seeded
    assert list(wishlists.find(store, [Condition("variant_id", "in", (2,))])) == [seeded]
