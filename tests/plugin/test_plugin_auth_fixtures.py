"""bc_installed_app, bc_storefront_token, bc_shopper and bc_rate_limit: an app's install, a
storefront token, a signed-in shopper and the store's quota, set up without spending the test's
quota or showing in bc_requests."""

from __future__ import annotations

import pytest


def test_installed_app_holds_a_working_token_and_its_callbacks(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        from urllib.parse import parse_qs, urlsplit

        import jwt
        import pytest

        def payload(url, secret, client_id):
            token = parse_qs(urlsplit(url).query)["signed_payload_jwt"][0]
            return jwt.decode(token, secret, algorithms=["HS256"], audience=client_id)

        def test_install(bc_installed_app, bc_store, bc_requests):
            app = bc_installed_app(["store_v2_products_read_only"])
            h = bc_store.store_hash
            assert (app.scope, app.scopes, app.context) == (
                "store_v2_products_read_only", frozenset({"store_v2_products_read_only"}), f"stores/{h}"
            )
            assert app.api_path == f"http://mockbc.test/stores/{h}/v3/"
            client = app.client()
            assert client.get(f"/stores/{h}/v3/catalog/products/77").status_code == 200
            assert client.delete(f"/stores/{h}/v3/catalog/products/77").status_code == 403
            assert app.load_url.startswith("https://app.example.com/load?signed_payload_jwt=")
            claims = payload(app.load_url, app.client_secret, app.client_id)
            assert (claims["sub"], claims["user"]["id"]) == (f"stores/{h}", app.owner["id"])
            assert payload(app.callback_url("remove_user"), app.client_secret, app.client_id)["sub"] == f"stores/{h}"
            assert app.uninstall_url.startswith("https://app.example.com/uninstall?")
            # building callback URLs changed nothing; only the setup's requests are journaled, and left out
            assert client.get(f"/stores/{h}/v3/catalog/products/77").status_code == 200
            assert [(e.method, e.status) for e in bc_requests] == [("GET", 200), ("DELETE", 403), ("GET", 200)]

        def test_uninstall_revokes(bc_installed_app, bc_store):
            app = bc_installed_app("all", load_callback=None, client_id="my-app", client_secret="s3cret-" + "x" * 32)
            assert (app.client_id, app.client_secret, app.load_url) == ("my-app", "s3cret-" + "x" * 32, None)
            with pytest.raises(ValueError, match="the app has no load_callback"):
                app.callback_url("load")
            with pytest.raises(ValueError, match="event must be one of load, uninstall, remove_user"):
                app.callback_url("auth")
            out = app.uninstall()
            assert payload(out["url"], "s3cret-" + "x" * 32, "my-app")["sub"] == f"stores/{bc_store.store_hash}"
            assert app.client().get(f"/stores/{bc_store.store_hash}/v3/catalog/products").status_code == 401
            with pytest.raises(ValueError, match="refused with 409"):
                app.load()

        def test_the_next_test_may_reuse_the_client_id(bc_installed_app):
            assert bc_installed_app(client_id="my-app").client_id == "my-app"

        def test_refusals(bc_installed_app):
            with pytest.raises(ValueError, match="at least one scope"):
                bc_installed_app([])
            with pytest.raises(ValueError, match="refused with 422.*auth_callback"):
                bc_installed_app(auth_callback="ftp://nope")

        def test_after_a_refusal_nothing_is_left(bc_app):
            assert list(bc_app.state.registry.apps.apps) == []

        def test_remove_user_and_load_go_through_the_control_plane(bc_installed_app):
            app = bc_installed_app()
            assert app.load()["url"].startswith("https://app.example.com/load?signed_payload_jwt=")
            assert app.remove_user()["url"].startswith("https://app.example.com/remove-user?signed_payload_jwt=")
            assert app.client().get(f"/stores/{app.store_hash}/v3/catalog/products/77").status_code == 200
        """
    )
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=6)


def test_storefront_tokens_of_each_kind(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import jwt
        import pytest

        def claims(token):
            return jwt.decode(token, options={"verify_signature": False})

        def test_kinds(bc_storefront_token, bc_store, bc_requests):
            now = int(bc_store.clock.now().timestamp())
            browser = claims(bc_storefront_token(allowed_cors_origins=["https://shop.example.com"]))
            assert (browser["token_type"], browser["cid"], browser["cors"]) == (1, [1], ["https://shop.example.com"])
            assert browser["eat"] == now + 86_400 and browser["sid"] == bc_store.store_hash
            private = claims(bc_storefront_token("private", channel_ids=[1, 2], scopes=["Customer"], expires_at=now + 60))
            assert (private["token_type"], private["cid"], private["scopes"], private["eat"]) == (3, [1, 2], ["Customer"], now + 60)
            assert claims(bc_storefront_token("private"))["scopes"] == ["Unauthenticated"]
            assert claims(bc_storefront_token("impersonation"))["token_type"] == 2
            assert len(bc_requests) == 0

        def test_refusals(bc_storefront_token, bc_store):
            with pytest.raises(ValueError, match="kind must be one of storefront, private, impersonation"):
                bc_storefront_token("admin")
            with pytest.raises(ValueError, match="allowed_cors_origins is for storefront tokens only"):
                bc_storefront_token("private", allowed_cors_origins=["https://a.example"])
            with pytest.raises(ValueError, match="scopes is for private tokens only"):
                bc_storefront_token(scopes=["Customer"])
            with pytest.raises(ValueError, match="refused with 422"):
                bc_storefront_token(expires_at=1)
        """
    )
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_shopper_is_signed_in_through_customer_login(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import jwt
        import pytest

        def test_new_customer(bc_shopper, bc_installed_app, bc_store, bc_requests):
            app = bc_installed_app(["store_v2_customers_login"])
            shopper = bc_shopper(email="ann@example.com")
            assert shopper.customer["email"] == "ann@example.com"
            assert bc_store.customers.get(shopper.customer_id).email == "ann@example.com"
            assert shopper.storefront_url == f"http://store-{bc_store.store_hash}-1.mockbc.test"
            answer = shopper.client().get("/customer/current.jwt", params={"app_client_id": app.client_id})
            assert answer.status_code == 200
            claims = jwt.decode(answer.text, app.client_secret, algorithms=["HS256"], audience=app.client_id)
            assert claims["customer"]["id"] == shopper.customer_id and claims["channel_id"] == 1
            assert [(e.method, e.path) for e in bc_requests] == [("GET", "/customer/current.jwt")]

        def test_existing_customer_on_another_channel(bc_shopper, bc_app, bc_store):
            some = next(iter(bc_store.customers.values()))
            shopper = bc_shopper(some.id, channel_id=2)
            assert (shopper.customer, shopper.customer_id, shopper.channel_id) == (None, some.id, 2)
            assert bc_app.state.registry.sessions.get(shopper.cookie).channel_id == 2
            assert shopper.cookies == {"SHOP_SESSION_TOKEN": shopper.cookie}

        def test_refusals(bc_shopper):
            with pytest.raises(ValueError, match="login was refused .302 to /login.php.action=login&error=unknown_customer"):
                bc_shopper(999_999)
            with pytest.raises(ValueError, match="give no customer_id with them"):
                bc_shopper(1, email="x@example.com")

        def test_sessions_end_after_the_test(bc_app):
            assert len(bc_app.state.registry.sessions) == 0
        """
    )
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=4)


def test_rate_limit_fixture_reads_forces_and_sets_plans(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import pytest

        def product(bc_store):
            return f"/stores/{bc_store.store_hash}/v3/catalog/products/77"

        def test_state_and_forced_429s(bc_rate_limit, bc_client, bc_store):
            assert bc_rate_limit.state() == {
                "store_hash": bc_store.store_hash, "plan": "off", "enforced": False, "quota": 150,
                "window_ms": 30000, "left": 150, "reset_ms": 30000, "forced_429": 0,
            }
            assert bc_rate_limit.force_429(2)["forced_429"] == 2
            first = bc_client.get(product(bc_store))
            assert first.status_code == 429 and first.headers["x-rate-limit-requests-quota"] == "150"
            bc_rate_limit.force_429(1, headers=False)
            bare = bc_client.get(product(bc_store))
            assert bare.status_code == 429 and "x-rate-limit-requests-quota" not in bare.headers
            assert bc_client.get(product(bc_store)).status_code == 200
            bc_rate_limit.force_429(5)
            assert bc_rate_limit.reset()["forced_429"] == 0
            assert bc_client.get(product(bc_store)).status_code == 200

        def test_plans(bc_rate_limit, bc_client, bc_store):
            assert bc_rate_limit.set_plan("2/30")["plan"] == "2/30"
            assert [bc_client.get(product(bc_store)).status_code for _ in range(3)] == [200, 200, 429]
            assert bc_rate_limit.left == 0
            assert bc_rate_limit.reset()["left"] == 2
            assert bc_rate_limit.set_plan(None)["plan"] == "off" and bc_rate_limit.plan == "off"
            with pytest.raises(ValueError, match="rate limit must be standard, pro, off or N/SECONDS"):
                bc_rate_limit.set_plan("fast")
            with pytest.raises(ValueError, match="plan must be a string"):
                bc_rate_limit.set_plan(5)
            with pytest.raises(ValueError, match="count must be an integer from 0 to 1000000"):
                bc_rate_limit.force_429(-1)

        @pytest.mark.mockbc(rate_limit="pro")
        def test_the_marker_plan_is_what_it_reads(bc_rate_limit):
            assert (bc_rate_limit.plan, bc_rate_limit.state()["quota"]) == ("pro", 450)

        def test_and_the_next_test_starts_afresh(bc_rate_limit):
            assert (bc_rate_limit.plan, bc_rate_limit.state()["forced_429"]) == ("off", 0)
        """
    )
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=4)


def test_setup_requests_spend_no_quota_and_pass_forced_429s(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import pytest

        @pytest.mark.mockbc(rate_limit="3/30")
        def test_every_factory(bc_rate_limit, bc_customer, bc_order, bc_storefront_token, bc_installed_app,
                               bc_shopper, bc_client, bc_store, bc_requests):
            bc_client.get(f"/stores/{bc_store.store_hash}/v3/catalog/products/77")
            bc_rate_limit.force_429(2)
            buyer = bc_customer()
            bc_order(customer_id=buyer["id"])
            bc_storefront_token()
            bc_installed_app()
            bc_shopper()
            state = bc_rate_limit.state()
            assert (state["left"], state["forced_429"]) == (2, 2)
            statuses = [bc_client.get(f"/stores/{bc_store.store_hash}/v3/catalog/products/77").status_code for _ in range(5)]
            assert statuses == [429, 429, 200, 200, 429]
            assert len(bc_requests) == 6
        """
    )
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=1)


def test_without_the_apps_own_limiter_bc_rate_limit_errors(inner: pytest.Pytester) -> None:
    inner.makeconftest(
        """
        import pytest
        from mockbc import create_app

        class Always:
            def take(self, store_hash):
                from mockbc.http.ratelimit import OFF
                from mockbc.http.auth import Quota
                return Quota(OFF.window_ms, OFF.window_ms, OFF.quota, OFF.quota)

        @pytest.fixture(scope="session")
        def bc_app():
            return create_app(rate_limiter=Always())
        """
    )
    inner.makepyfile(
        """
        def test_x(bc_rate_limit):
            pass

        def test_factories_still_work(bc_customer):
            assert bc_customer()["id"]
        """
    )
    result = inner.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=1, errors=1)
    assert "bc_rate_limit needs the app's own rate limiter" in result.stdout.str()


def test_with_bc_server_the_app_points_at_the_live_server(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import httpx

        def test_live(bc_server, bc_installed_app, bc_shopper, bc_store):
            app = bc_installed_app(["store_v2_products_read_only"])
            assert app.base_url == bc_server.url
            with httpx.Client(headers={"X-Auth-Token": app.access_token}) as client:
                assert client.get(f"{app.api_path}catalog/products/77").status_code == 200
            shopper = bc_shopper()
            headers = {"Host": shopper.storefront_url.removeprefix("http://")}
            with httpx.Client(cookies=shopper.cookies, headers=headers) as client:
                answer = client.get(f"{bc_server.url}/customer/current.jwt", params={"app_client_id": app.client_id})
            assert answer.status_code == 200
        """
    )
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=1)


def test_apps_registered_through_the_control_plane_go_with_their_test(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        def test_registers(bc_client, bc_store):
            made = bc_client.post("/_mockbc/apps", json={"client_id": "leaky", "auth_callback": "https://a.example/auth"})
            assert made.status_code == 201
            grant = bc_client.post(f"/_mockbc/stores/{bc_store.store_hash}/installs", json={"client_id": "leaky"}).json()
            form = {**{k: grant[k] for k in ("code", "scope", "context")}, "client_id": "leaky",
                    "client_secret": made.json()["client_secret"], "grant_type": "authorization_code",
                    "redirect_uri": "https://a.example/auth"}
            assert bc_client.post("/oauth2/token", data=form).status_code == 200

        def test_the_next_test_starts_without_it(bc_client, bc_app):
            assert "leaky" not in bc_app.state.registry.apps.apps
            assert not bc_app.state.registry.apps.tokens
            made = bc_client.post("/_mockbc/apps", json={"client_id": "leaky", "auth_callback": "https://a.example/auth"})
            assert made.status_code == 201
        """
    )
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=2)
