"""The storefront fixtures: ``bc_graphql`` (in-process and over the socket), ``bc_customer_access_token``,
and contract mode for GraphQL documents that do not validate against the schema."""

from __future__ import annotations

import pytest

HINT = "(a deliberate negative test opts out with @pytest.mark.mockbc(contract=False))"
INVALID = "mockbc contract: GraphQL operation Broken sent an invalid document: Cannot query field 'colour' on type 'Settings'."

SWALLOWS_INVALID_QUERY = """
import pytest

BROKEN = "query Broken { site { settings { storeName colour } } }"

def product_name(graphql):
    # Code under test that swallows the GraphQL errors: the test cannot see it went wrong.
    answer = graphql.query(BROKEN)
    return ((answer.get("data") or {}).get("site") or {}).get("settings")

def test_swallowed(bc_graphql):
    assert product_name(bc_graphql) is None

@pytest.mark.mockbc(contract=False)
def test_opted_out(bc_graphql):
    assert product_name(bc_graphql) is None

def test_valid(bc_graphql):
    answer = bc_graphql.query("query Fine { site { settings { storeHash } } }")
    assert answer == {"data": {"site": {"settings": {"storeHash": bc_graphql.store_hash}}}}
"""


def test_an_invalid_document_fails_the_test_with_the_message(inner: pytest.Pytester) -> None:
    inner.makepyfile(SWALLOWS_INVALID_QUERY)
    result = inner.runpytest("-p", "no:randomly", "-vv")
    result.assert_outcomes(passed=2, failed=1)
    report = next(r for r in result.reprec.getreports("pytest_runtest_logreport") if r.failed)  # type: ignore[attr-defined]
    assert report.when == "call" and report.nodeid.endswith("::test_swallowed")
    assert str(report.longrepr) == f"{INVALID}\n{HINT}"


def test_the_option_and_ini_turn_it_off(inner: pytest.Pytester) -> None:
    inner.makepyfile(SWALLOWS_INVALID_QUERY)
    inner.runpytest("--no-mockbc-contract").assert_outcomes(passed=3)


def test_syntax_errors_anonymous_operations_and_repeats_are_named(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        def test_many(bc_graphql):
            bc_graphql.query("{ site { nope } }")
            bc_graphql.query("{ site { nope } }")
            bc_graphql.query("query Cut { site {")
        """
    )
    result = inner.runpytest("-p", "no:randomly")
    result.assert_outcomes(failed=1)
    report = next(r for r in result.reprec.getreports("pytest_runtest_logreport") if r.failed)  # type: ignore[attr-defined]
    assert str(report.longrepr) == (
        "mockbc contract: GraphQL operation (anonymous) sent an invalid document: "
        "Cannot query field 'nope' on type 'Site'. (x2)\n"
        "mockbc contract: GraphQL operation Cut sent an invalid document: Syntax Error: Expected Name, found <EOF>.\n"
        f"{HINT}"
    )


def test_setup_and_refusals_that_are_not_the_documents_fault_are_not_reported(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        def test_fine(bc_graphql, bc_customer_access_token, bc_requests):
            token = bc_customer_access_token()
            # A valid document refused for its token, or failing in a resolver, is not a contract problem.
            assert bc_graphql.raw("query Q { site { settings { storeName } } }", token="nope").status_code == 401
            assert "errors" in bc_graphql.query('query Q { site { product(id: "bad") { name } } }')
            assert bc_graphql.as_customer(token).query("query Me { customer { entityId } } ") == {
                "data": {"customer": {"entityId": token.customer_id}}
            }
            assert [e.operation_id for e in bc_requests] == [None, "Q", "Me"]  # a refused token: the body is not read
        """
    )
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=1)


def test_bc_graphql_over_the_live_server(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        def test_live(bc_server, bc_graphql, bc_requests):
            response = bc_graphql.raw("query Store { site { settings { storeHash } } }")
            assert str(response.url).startswith(bc_server.url)
            assert response.json() == {"data": {"site": {"settings": {"storeHash": bc_server.store_hash}}}}
            assert response.headers["x-bc-graphql-operation-name"] == "Store"
            bc_requests.assert_called_once("POST", "/graphql", query={"operation": "Store", "type": "query"})

        def test_live_contract(bc_graphql, bc_server):
            # bc_graphql named first: it still goes over the socket.
            assert str(bc_graphql.raw("query Live { site { nope } }").url).startswith(bc_server.url)
        """
    )
    result = inner.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*mockbc contract: GraphQL operation Live sent an invalid document*"])


def test_the_client_and_the_customer_token_factory(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import pytest

        ME = "query Me { customer { entityId email } }"

        def test_client(bc_graphql, bc_store, bc_requests, bc_customer):
            assert bc_graphql.host == f"store-{bc_store.store_hash}.mockbc.test"
            response = bc_graphql.raw("mutation { logout { result } }")
            assert response.request.url.params["type"] == "mutation"
            assert "operation" not in response.request.url.params
            assert response.request.headers["authorization"] == f"Bearer {bc_graphql.token}"
            assert bc_graphql.query(ME) == {"data": {"customer": None}}
            made = bc_customer(email="gql@example.com", password="Secret123")
            token = bc_graphql.login("gql@example.com", "Secret123")
            me = {"data": {"customer": {"entityId": made["id"], "email": "gql@example.com"}}}
            assert bc_graphql.query(ME, customer=token) == me
            assert bc_graphql.as_customer(token).query(ME) == me
            assert bc_graphql.as_customer(token).as_customer(None).query(ME) == {"data": {"customer": None}}
            with pytest.raises(ValueError, match="login was refused"):
                bc_graphql.login("gql@example.com", "wrong")
            # The login, the refused one and the reads are the test's requests; the token minting is setup.
            assert [e.operation_id for e in bc_requests] == [None, "Me", "Login", "Me", "Me", "Me", "Login"]

        def test_factory(bc_customer_access_token, bc_customer, bc_graphql, bc_requests, bc_store):
            made = bc_customer_access_token(first_name="Zoë")
            assert made.customer_id == bc_store.customers.get(made.customer_id).id
            assert bc_store.customers.get(made.customer_id).first_name == "Zoë"
            assert str(made) == made.value and made.channel_id == 1
            own = bc_customer(email="own@example.com", password="Other456")
            again = bc_customer_access_token(own["id"], password="Other456")
            assert (again.customer_id, again.email) == (own["id"], "own@example.com")
            assert bc_graphql.query("query Me { customer { entityId } }", customer=again) == {
                "data": {"customer": {"entityId": own["id"]}}
            }
            assert len(bc_requests) == 1  # only the test's own query
            with pytest.raises(ValueError, match="the login was refused"):
                bc_customer_access_token(own["id"], password="wrong")
            with pytest.raises(ValueError, match="give the password"):
                bc_customer_access_token(own["id"])
            with pytest.raises(ValueError, match="has no customer 999999"):
                bc_customer_access_token(999999, password="x")

        @pytest.mark.mockbc(rate_limit="1/60")
        def test_setup_spends_no_quota(bc_customer_access_token, bc_graphql, bc_rate_limit):
            token = bc_customer_access_token()
            assert bc_rate_limit.left == 1
            assert bc_graphql.as_customer(token).query("query Me { customer { entityId } }")["data"]["customer"]
        """
    )
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=3)
