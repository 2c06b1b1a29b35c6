"""/v2/store and /v2/time: the store's information and clock (upstream store_information.v2.yml)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH, Store, create_app
from mockbc.domain.clock import FrozenClock
from mockbc.http.inprocess import client as inprocess_client

V2 = f"/stores/{DEFAULT_STORE_HASH}/v2"
HOST = f"store-{DEFAULT_STORE_HASH}.mybigcommerce.com"


def errors(status: int, *messages: str) -> list[dict[str, object]]:
    return [{"status": status, "message": message} for message in messages]


def test_getStoreInformation_describes_the_store(client: httpx.Client) -> None:
    response = client.get(f"{V2}/store")

    assert response.status_code == 200
    body = response.json()
    assert body["account_uuid"] and isinstance(body["store_id"], int) and body["store_id"] > 0
    assert {k: v for k, v in body.items() if k not in ("account_uuid", "store_id")} == {
        "id": DEFAULT_STORE_HASH, "domain": HOST, "secure_url": f"https://{HOST}",
        "control_panel_base_url": f"https://{HOST}", "status": "live", "name": f"Store {DEFAULT_STORE_HASH}",
        "first_name": "", "last_name": "", "address": "", "country": "United States", "country_code": "US",
        "infrastructure_region": "us-central1", "phone": "", "admin_email": f"admin@{HOST}",
        "order_email": f"orders@{HOST}", "favicon_url": "",
        "timezone": {
            "name": "Etc/UTC", "raw_offset": 0, "dst_offset": 0, "dst_correction": False,
            "date_format": {"display": "M jS Y", "export": "M jS Y", "extended_display": "M jS Y @ g:i A"},
        },
        "language": "en", "currency": "USD", "currency_symbol": "$", "decimal_separator": ".",
        "thousands_separator": ",", "decimal_places": 2, "currency_symbol_location": "left", "weight_units": "LBS",
        "dimension_units": "Inches", "dimension_decimal_places": 2, "dimension_decimal_token": ".",
        "dimension_thousands_token": ",", "plan_name": "Standard", "plan_level": "Standard", "plan_is_trial": False,
        "industry": "", "logo": [], "is_price_entered_with_tax": False, "default_channel_id": 1,
        "default_site_id": 1000, "active_comparison_modules": [],
        "features": {
            "stencil_enabled": True, "sitewidehttps_enabled": True, "facebook_catalog_id": "",
            "checkout_type": "optimized", "wishlists_enabled": False, "graphql_storefront_api_enabled": True,
            "shopper_consent_tracking_enabled": False, "multi_storefront_enabled": False,
            "storefront_limits": {"active": 1, "total_including_inactive": 1},
        },
    }  # fmt: skip


def test_getStoreInformation_ids_are_derived_from_the_hash_and_stable(client: httpx.Client) -> None:
    first = client.get(f"{V2}/store").json()
    app = create_app(fixtures="empty")
    with inprocess_client(app, access_token=app.state.default_account.access_token) as other:
        again = other.get(f"{V2}/store").json()
    made = client.post("/_mockbc/stores", json={"store_hash": "other1", "fixtures": "empty"})
    assert made.status_code == 201
    token = client.post("/_mockbc/stores/other1/api-accounts", json={"scopes": "all"}).json()["access_token"]
    elsewhere = client.get("/stores/other1/v2/store", headers={"X-Auth-Token": token}).json()

    assert (again["account_uuid"], again["store_id"]) == (first["account_uuid"], first["store_id"])
    assert elsewhere["id"] == "other1" and elsewhere["domain"] == "store-other1.mybigcommerce.com"
    assert (elsewhere["account_uuid"], elsewhere["store_id"]) != (first["account_uuid"], first["store_id"])


def test_getSystemTimestamp_is_the_store_clock_in_unix_seconds(store: Store) -> None:
    app = create_app(fixtures="empty")
    own: Store = app.state.registry.stores[DEFAULT_STORE_HASH]
    own.clock = FrozenClock(datetime(2019, 3, 5, 21, 40, 11, tzinfo=UTC))
    with inprocess_client(app, access_token=app.state.default_account.access_token) as own_client:
        response = own_client.get(f"{V2}/time")

    assert response.status_code == 200
    assert response.json() == {"time": 1551822011}


def test_getSystemTimestamp_follows_the_real_clock(client: httpx.Client) -> None:
    before = int(datetime.now(UTC).timestamp())

    time = client.get(f"{V2}/time").json()["time"]

    assert before - 1 <= time <= int(datetime.now(UTC).timestamp()) + 1


@pytest.mark.parametrize("path", ["/store", "/time"])
@pytest.mark.parametrize("scopes", [["store_v2_information"], ["store_v2_information_read_only"]])
def test_store_information_scopes_may_read(scoped_client: Any, path: str, scopes: list[str]) -> None:
    assert scoped_client(scopes).get(f"{V2}{path}").status_code == 200


@pytest.mark.parametrize("path", ["/store", "/time"])
def test_store_information_without_its_scope_returns_403(scoped_client: Any, path: str) -> None:
    response = scoped_client(["store_v2_products"]).get(f"{V2}{path}")

    assert response.status_code == 403
    assert response.json() == errors(403, "You do not have permission to access this resource.")


def test_getStoreInformation_without_a_token_returns_401(client: httpx.Client) -> None:
    response = client.get(f"{V2}/store", headers={"X-Auth-Token": ""})

    assert response.status_code == 401
    assert response.json() == errors(401, "You are not authorized to access this resource.")


def test_store_path_takes_no_writes(client: httpx.Client) -> None:
    response = client.put(f"{V2}/store", json={"name": "Mine"})

    assert response.status_code == 405
    assert response.json() == errors(405, "The PUT method is not supported on this resource.")
