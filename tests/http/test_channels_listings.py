"""Channel listings through HTTP: create, update, get and list with their filters and paging, every
refusal's full body, and what catalog deletes do to listings."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store
from mockbc.domain.clock import FrozenClock

V3 = f"/stores/{DEFAULT_STORE_HASH}/v3"
TYPE = "/api-docs/getting-started/api-status-codes"
NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
STAMP = "2025-03-01T12:00:00+00:00"
LATER = datetime(2025, 3, 5, tzinfo=UTC)
LATER_STAMP = "2025-03-05T00:00:00+00:00"
LISTINGS = f"{V3}/channels/2/listings"
# The catalog fixture: product 95 has variants 101 to 105, product 101 variants 107 to 111.
POT, TEE = 95, 101


@pytest.fixture(autouse=True)
def frozen(store: Store, monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    clock = FrozenClock(NOW)
    monkeypatch.setattr(store, "clock", clock)
    return clock


@pytest.fixture(autouse=True)
def marketplace(client: httpx.Client, frozen: FrozenClock) -> None:
    response = client.post(f"{V3}/channels", json={"name": "eBay", "type": "marketplace", "platform": "ebay"})
    assert response.status_code == 200


def _error(title: str, errors: dict[str, str] | None = None, status: int = 422) -> dict[str, Any]:
    out: dict[str, Any] = {"status": status, "title": title, "type": TYPE}
    if errors is not None:
        out["errors"] = errors
    return out


def _variant(product_id: int, variant_id: int, state: str = "active", **extra: Any) -> dict[str, Any]:
    return {"product_id": product_id, "variant_id": variant_id, "state": state, **extra}


def _listing(product_id: int, *variants: dict[str, Any], state: str = "active", **extra: Any) -> dict[str, Any]:
    return {"product_id": product_id, "state": state, "variants": list(variants), **extra}


def _variant_out(product_id: int, variant_id: int, state: str = "active", stamp: str = STAMP, **extra: Any) -> Any:
    return {
        "channel_id": 2, "product_id": product_id, "variant_id": variant_id, "external_id": "", "state": state,
        "name": "", "description": "", "date_created": STAMP, "date_modified": stamp, **extra,
    }  # fmt: skip


def _post(client: httpx.Client, *listings: dict[str, Any]) -> list[dict[str, Any]]:
    response = client.post(LISTINGS, json=list(listings))
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = response.json()["data"]
    return data


def test_create_listings_answers_and_persists(client: httpx.Client) -> None:
    data = _post(
        client,
        _listing(POT, _variant(POT, 101, name="Small pot"), name="Pot", description="A pot", external_id="e-1"),
        _listing(TEE, _variant(TEE, 107, "pending"), state="pending"),
    )
    first = {
        "channel_id": 2, "listing_id": 1, "external_id": "e-1", "product_id": POT, "state": "active", "name": "Pot",
        "description": "A pot", "date_created": STAMP, "date_modified": STAMP,
        "variants": [_variant_out(POT, 101, name="Small pot")],
    }  # fmt: skip
    second = {
        "channel_id": 2, "listing_id": 2, "external_id": "", "product_id": TEE, "state": "pending", "name": "",
        "description": "", "date_created": STAMP, "date_modified": STAMP, "variants": [_variant_out(TEE, 107, "pending")],
    }  # fmt: skip
    assert data == [first, second]
    assert client.get(f"{LISTINGS}/1").json() == {"data": first, "meta": {}}
    listed = client.get(LISTINGS).json()
    assert listed == {
        "data": [first, second],
        "meta": {"pagination": {"count": 2, "total": 2, "total_pages": 1, "links": {"current": "?limit=1000"}}},
    }


def test_a_base_variant_can_be_listed(client: httpx.Client, store: Store) -> None:
    base = store.products.require(77).base_variant_id
    assert _post(client, _listing(77, _variant(77, base)))[0]["variants"][0]["variant_id"] == base


@pytest.mark.parametrize(
    ("listings", "expected"),
    [
        (
            [_listing(99999, _variant(99999, 1))],
            _error("The listings were not saved; invalid fields: 0.product_id.",
                   {"0.product_id": "Product 99999 does not exist."}),
        ),
        (
            [_listing(POT, _variant(POT, 107))],
            _error("The listings were not saved; invalid fields: 0.variants.0.variant_id.",
                   {"0.variants.0.variant_id": "Variant 107 is not a variant of product 95."}),
        ),
        (
            [_listing(POT, _variant(POT, 101)), _listing(TEE, _variant(POT, 101))],
            _error("The listings were not saved; invalid fields: 1.variants.0.product_id.",
                   {"1.variants.0.product_id": "must be the listing's product_id, 101"}),
        ),
        (
            [_listing(POT, _variant(POT, 101)), _listing(POT, _variant(POT, 102))],
            _error("The listings were not saved; invalid fields: 1.product_id.",
                   {"1.product_id": "Product 95 is listed twice in this request."}),
        ),
        (
            [{"product_id": POT, "variants": []}],
            _error("JSON data is missing or invalid", {"0.state": "error.path.missing"}),
        ),
        (
            [_listing(POT, {"product_id": POT, "variant_id": 101})],
            _error("JSON data is missing or invalid", {"0.variants.0.state": "error.path.missing"}),
        ),
        (
            [_listing(POT, state="on_sale")],
            _error("JSON data is missing or invalid", {"0.state": "must be one of: active, disabled, error, pending, "
                   "pending_disable, pending_delete, partially_rejected, queued, rejected, submitted, deleted"}),
        ),
    ],
)  # fmt: skip
def test_create_listing_refusals(client: httpx.Client, listings: list[Any], expected: dict[str, Any]) -> None:
    response = client.post(LISTINGS, json=listings)
    assert (response.status_code, response.json()) == (422, expected)
    assert client.get(LISTINGS).json()["data"] == []


def test_a_product_already_listed_is_refused(client: httpx.Client) -> None:
    _post(client, _listing(POT, _variant(POT, 101)))
    response = client.post(LISTINGS, json=[_listing(POT, _variant(POT, 102))])
    assert (response.status_code, response.json()) == (
        422, _error("The listings were not saved; invalid fields: 0.product_id.",
                    {"0.product_id": "Product 95 is already listed on this channel (listing 1)."}),
    )  # fmt: skip
    # Another channel may list it.
    other = client.post(f"{V3}/channels/1/listings", json=[_listing(POT, _variant(POT, 102))])
    assert other.status_code == 200


def test_listings_on_an_unknown_channel(client: httpx.Client) -> None:
    for method in ("POST", "PUT"):
        body = [_listing(POT, _variant(POT, 101), listing_id=1)] if method == "PUT" else [_listing(POT)]
        response = client.request(method, f"{V3}/channels/9/listings", json=body)
        expected = _error(f"Channel 9 does not exist in store {DEFAULT_STORE_HASH}.", {})
        assert (response.status_code, response.json()) == (422, expected)
    # upstream getChannelListings: an unknown channel has no listings.
    response = client.get(f"{V3}/channels/9/listings")
    assert (response.status_code, response.json()["data"]) == (200, [])


def test_update_listings_changes_fields_and_merges_variants(client: httpx.Client, frozen: FrozenClock) -> None:
    _post(client, _listing(POT, _variant(POT, 101), _variant(POT, 102), name="Pot"))
    frozen.set(LATER)
    body = [
        _listing(
            POT, _variant(POT, 102, "disabled", name="Medium"), _variant(POT, 103), state="disabled", listing_id=1,
            description="Glazed",
        ),
        _listing(POT, _variant(POT, 104), listing_id=77),  # not a listing of the channel: passed over
    ]  # fmt: skip
    response = client.put(LISTINGS, json=body)
    assert response.status_code == 200
    expected = {
        "channel_id": 2, "listing_id": 1, "external_id": "", "product_id": POT, "state": "disabled", "name": "Pot",
        "description": "Glazed", "date_created": STAMP, "date_modified": LATER_STAMP,
        "variants": [
            _variant_out(POT, 101),
            _variant_out(POT, 102, "disabled", LATER_STAMP, name="Medium"),
            {**_variant_out(POT, 103, stamp=LATER_STAMP), "date_created": LATER_STAMP},
        ],
    }  # fmt: skip
    assert response.json()["data"] == [expected]
    assert client.get(f"{LISTINGS}/1").json()["data"] == expected


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            _listing(TEE, _variant(TEE, 107), listing_id=1),
            _error("The listings were not saved; invalid fields: 0.product_id.",
                   {"0.product_id": "cannot change once the listing is created; it is 95"}),
        ),
        (
            _listing(POT, _variant(POT, 108), listing_id=1),
            _error("The listings were not saved; invalid fields: 0.variants.0.variant_id.",
                   {"0.variants.0.variant_id": "Variant 108 is not a variant of product 95."}),
        ),
        (
            _listing(POT, _variant(POT, 101)),
            _error("JSON data is missing or invalid", {"0.listing_id": "error.path.missing"}),
        ),
        (
            _listing(POT, _variant(POT, 101), listing_id=0),
            _error("JSON data is missing or invalid", {"0.listing_id": "must be at least 1"}),
        ),
    ],
)  # fmt: skip
def test_update_listing_refusals(client: httpx.Client, item: dict[str, Any], expected: dict[str, Any]) -> None:
    _post(client, _listing(POT, _variant(POT, 101)))
    before = client.get(f"{LISTINGS}/1").json()
    response = client.put(LISTINGS, json=[item])
    assert (response.status_code, response.json()) == (422, expected)
    assert client.get(f"{LISTINGS}/1").json() == before


def test_get_a_listing_of_another_channel_is_404(client: httpx.Client) -> None:
    _post(client, _listing(POT, _variant(POT, 101)))
    for path in (f"{V3}/channels/1/listings/1", f"{LISTINGS}/2"):
        response = client.get(path)
        assert (response.status_code, response.json()) == (
            404,
            _error("The requested listing was not found.", status=404),
        )


@pytest.fixture
def three(client: httpx.Client, frozen: FrozenClock, store: Store) -> None:
    _post(client, _listing(POT, _variant(POT, 101)))
    frozen.set(LATER)
    _post(client, _listing(TEE, _variant(TEE, 107)))
    base = store.products.require(77).base_variant_id
    _post(client, _listing(77, _variant(77, base)))


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("", [1, 2, 3]),
        ("product_id:in=77,95", [1, 3]),
        ("date_created:min=2025-03-02T00:00:00Z", [2, 3]),
        ("date_created:max=2025-03-02T00:00:00Z", [1]),
        ("date_modified=2025-03-05T00:00:00Z", [2, 3]),
        ("after=1", [2, 3]),
        ("limit=2", [1, 2]),
        ("after=2&limit=1", [3]),
    ],
)
def test_list_listing_filters(client: httpx.Client, three: None, query: str, ids: list[int]) -> None:
    response = client.get(f"{LISTINGS}?{query}")
    assert response.status_code == 200
    assert [listing["listing_id"] for listing in response.json()["data"]] == ids


def test_listing_pages_link_to_the_next(client: httpx.Client, three: None) -> None:
    meta = client.get(f"{LISTINGS}?limit=2&product_id:in=77,95,101").json()["meta"]
    assert meta == {
        "pagination": {
            "count": 2, "total": 3, "total_pages": 2,
            "links": {"current": "?product_id:in=77,95,101&limit=2", "next": "?product_id:in=77,95,101&limit=2&after=2"},
        }
    }  # fmt: skip


def test_a_bad_listing_filter_is_422(client: httpx.Client) -> None:
    response = client.get(f"{LISTINGS}?product_id:in=a")
    assert (response.status_code, response.json()) == (
        422, _error("The filter(s) given are invalid.", {"product_id:in": "'a' is not an integer"})
    )  # fmt: skip


def test_deleting_a_product_deletes_its_listings(client: httpx.Client, store: Store) -> None:
    _post(client, _listing(POT, _variant(POT, 101)))
    assert client.delete(f"{V3}/catalog/products/{POT}").status_code == 204
    assert client.get(f"{LISTINGS}/1").status_code == 404
    assert len(store.channel_listings) == 0


def test_deleting_a_variant_takes_it_out_of_listings(client: httpx.Client) -> None:
    _post(client, _listing(POT, _variant(POT, 101), _variant(POT, 102)))
    assert client.delete(f"{V3}/catalog/products/{POT}/variants/101").status_code == 204
    assert [v["variant_id"] for v in client.get(f"{LISTINGS}/1").json()["data"]["variants"]] == [102]


def test_reset_drops_listings(client: httpx.Client, store: Store) -> None:
    _post(client, _listing(POT, _variant(POT, 101)))
    store.reset()
    assert client.get(f"{V3}/channels/1/listings").json()["data"] == []
    assert len(store.channel_listings) == 0
