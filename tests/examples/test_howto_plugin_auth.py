"""How to test an app's install, a storefront token, a signed-in shopper and 429 handling.

``bc_installed_app()`` registers an app, installs it on the test's store and exchanges the code
at ``POST /oauth2/token``: the result holds the token and the signed callback URLs.
``bc_storefront_token()`` issues a storefront API token, ``bc_shopper()`` signs a customer in
through a Customer Login JWT, and ``bc_rate_limit`` reads and drives the store's quota. None of
their setup requests spends the test's quota or shows in ``bc_requests``.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt

from mockbc import Store
from mockbc.journal import RequestJournal
from mockbc.pytest_plugin import BcInstalledApp, BcRateLimit, BcShopper


def handle_load(url: str, client_id: str, client_secret: str) -> str:
    """Code under test: an app's load callback; answers the store the merchant opened it from."""
    signed = parse_qs(urlsplit(url).query)["signed_payload_jwt"][0]
    claims = jwt.decode(signed, client_secret, algorithms=["HS256"], audience=client_id)
    return str(claims["sub"]).removeprefix("stores/")


def test_the_load_callback_names_the_store(bc_installed_app: Callable[..., BcInstalledApp], bc_store: Store) -> None:
    app = bc_installed_app(["store_v2_products_read_only"])

    assert handle_load(app.load_url, app.client_id, app.client_secret) == bc_store.store_hash  # type: ignore[arg-type]
    assert app.scope == "store_v2_products_read_only" and app.context == f"stores/{bc_store.store_hash}"
    assert app.client().get(f"/stores/{bc_store.store_hash}/v3/catalog/products/77").status_code == 200


def test_after_an_uninstall_the_token_is_refused(bc_installed_app: Callable[..., BcInstalledApp]) -> None:
    app = bc_installed_app()

    app.uninstall()  # what BigCommerce does when the merchant removes the app

    assert app.client().get(f"/stores/{app.store_hash}/v3/catalog/products").status_code == 401


def test_a_private_token_carries_its_scopes(bc_storefront_token: Callable[..., str], bc_store: Store) -> None:
    token = bc_storefront_token("private", channel_ids=[1], scopes=["Customer"])

    claims = jwt.decode(token, options={"verify_signature": False})
    assert (claims["sid"], claims["cid"], claims["scopes"]) == (bc_store.store_hash, [1], ["Customer"])


def current_customer_id(storefront: httpx.Client, client_id: str, client_secret: str) -> int | None:
    """Code under test: who is signed in, read through the Current Customer API."""
    answer = storefront.get("/customer/current.jwt", params={"app_client_id": client_id})
    if answer.status_code == 404:
        return None
    claims = jwt.decode(answer.text, client_secret, algorithms=["HS256"], audience=client_id)
    return int(claims["customer"]["id"])


def test_the_signed_in_shopper_is_the_current_customer(
    bc_shopper: Callable[..., BcShopper], bc_installed_app: Callable[..., BcInstalledApp], bc_requests: RequestJournal
) -> None:
    app = bc_installed_app(["store_v2_customers_login"])
    shopper = bc_shopper(email="ann@example.com")  # a new customer, signed in

    assert current_customer_id(shopper.client(), app.client_id, app.client_secret) == shopper.customer_id
    bc_requests.assert_called_once("GET", "/customer/current.jwt")  # the setup's requests are not listed


def get_with_retry(client: httpx.Client, url: str, sleep: Callable[[float], None], tries: int = 5) -> httpx.Response:
    """Code under test: waits as the rate-limit headers say (or one second without them)."""
    for _ in range(tries - 1):
        response = client.get(url)
        if response.status_code != 429:
            return response
        sleep(int(response.headers.get("x-rate-limit-time-reset-ms", "1000")) / 1000)
    return client.get(url)


def test_retries_after_429s_as_the_headers_say(
    bc_rate_limit: BcRateLimit, bc_client: httpx.Client, bc_store: Store
) -> None:
    waits: list[float] = []
    bc_rate_limit.force_429(2)  # the next two requests answer 429, with the rate-limit headers

    response = get_with_retry(bc_client, f"/stores/{bc_store.store_hash}/v3/catalog/products/77", waits.append)

    assert response.status_code == 200
    assert waits == [30.0, 30.0]  # the default plan's whole window: nothing was spent yet


def test_retries_after_429s_without_headers(
    bc_rate_limit: BcRateLimit, bc_client: httpx.Client, bc_store: Store
) -> None:
    waits: list[float] = []
    bc_rate_limit.force_429(1, headers=False)  # how BigCommerce signals platform-wide load

    assert get_with_retry(bc_client, f"/stores/{bc_store.store_hash}/v3/catalog/products", waits.append).is_success
    assert waits == [1.0]


def test_a_small_plan_runs_out(bc_rate_limit: BcRateLimit, bc_client: httpx.Client, bc_store: Store) -> None:
    bc_rate_limit.set_plan("2/30")  # or @pytest.mark.mockbc(rate_limit="2/30")
    url = f"/stores/{bc_store.store_hash}/v3/catalog/products/77"

    assert [bc_client.get(url).status_code for _ in range(3)] == [200, 200, 429]
    assert bc_rate_limit.state()["left"] == 0
