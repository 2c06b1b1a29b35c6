"""mockbc.journal: the request-journal assertions, pure (no app) and through bc_requests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mockbc.journal import RequestJournal, contract_message, strip_store_prefix
from mockbc.store.registry import JournalEntry

T0 = datetime(2024, 1, 1, tzinfo=UTC)
PRODUCTS = "/stores/abc/v3/catalog/products"


def lines(*texts: str) -> str:
    return "\n".join(texts)


def entry(
    method: str, path: str, status: int = 200, *, query: str = "", body: object = None, store: str = "abc"
) -> JournalEntry:
    return JournalEntry(method=method, path=path, query=query, status=status, store_hash=store, time=T0, body=body)


JOURNAL = RequestJournal(
    [
        entry("GET", PRODUCTS, query="sku=MUG-1&limit=5"),
        entry("POST", PRODUCTS, body={"name": "Mug", "price": 5}),
        entry("PUT", f"{PRODUCTS}/77", body={"price": 6}),
        entry("GET", f"{PRODUCTS}/77"),
        entry("GET", f"{PRODUCTS}/78", 404),
        entry("GET", "/stores/other/v3/catalog/products", store="other"),
        entry("GET", "/stores/abc/v3/catalog/brands", query="id%3Ain=1%2C2"),
    ],
    store_hash="abc",
)


def test_strip_store_prefix() -> None:
    assert strip_store_prefix("/stores/abc/v3/catalog/products") == "/v3/catalog/products"
    assert strip_store_prefix("/stores/abc") == "/"
    assert strip_store_prefix("/_mockbc/health") == "/_mockbc/health"


def test_only_the_store_s_requests_count() -> None:
    assert len(JOURNAL) == 6
    assert len(RequestJournal(JOURNAL._source)) == 7  # without store_hash: every store


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "count"),
    [
        ("GET", "/v3/catalog/products", {}, 1),
        ("GET", PRODUCTS, {}, 1),
        ("get", "v3/catalog/products", {}, 1),
        ("GET", "http://mockbc.test/stores/abc/v3/catalog/products", {}, 1),
        ("GET", "/stores/{store_hash}/v3/catalog/products/{id}", {}, 2),
        ("GET", "/v3/catalog/products/{id}", {}, 2),
        ("GET", "/v3/catalog/products/77/", {}, 1),
        ("GET", "/v3/catalog/products", {"query": {"sku": "MUG-1"}}, 1),
        ("GET", "/v3/catalog/products", {"query": {"limit": 5, "sku": "MUG-1"}}, 1),
        ("GET", "/v3/catalog/products", {"query": "sku=MUG-1"}, 1),
        ("GET", "/v3/catalog/products?limit=5", {}, 1),
        ("GET", "/v3/catalog/products", {"query": {"sku": "MUG-2"}}, 0),
        ("GET", "/v3/catalog/products", {"query": {"page": 1}}, 0),
        ("GET", "/v3/catalog/brands", {"query": {"id:in": [1, 2]}}, 1),
        ("GET", "/v3/catalog/brands", {"query": {"id:in": "1,2"}}, 1),
        ("POST", "/v3/catalog/products", {"json": {"name": "Mug", "price": 5}}, 1),
        ("POST", "/v3/catalog/products", {"json": {"name": "Mug"}}, 0),
        (None, "/v3/catalog/products/{id}", {}, 3),
        ("GET", None, {}, 4),
        (None, None, {}, 6),
    ],
)
def test_calls_match_method_path_query_and_json(
    method: str | None, path: str | None, kwargs: dict[str, object], count: int
) -> None:
    assert len(JOURNAL.calls(method, path, **kwargs)) == count  # type: ignore[arg-type]


def test_assert_called_returns_the_entries() -> None:
    assert [e.path for e in JOURNAL.assert_called("GET", "/v3/catalog/products/{id}", times=2)] == [
        f"{PRODUCTS}/77",
        f"{PRODUCTS}/78",
    ]
    assert JOURNAL.assert_called_once("PUT", "/v3/catalog/products/{id}", json={"price": 6}).status == 200
    JOURNAL.assert_not_called("DELETE", "/v3/catalog/products/{id}")


def test_not_called_message_lists_the_closest_requests_with_status() -> None:
    with pytest.raises(AssertionError) as raised:
        JOURNAL.assert_called_once("GET", "/v3/catalog/product/{id}")
    assert str(raised.value) == lines(
        "mockbc journal: expected GET /v3/catalog/product/{id} to be called once, but it was called 0 times.",
        "Closest requests received by store abc (5 of 6):",
        "  GET /stores/abc/v3/catalog/products/77 -> 200",
        "  GET /stores/abc/v3/catalog/products/78 -> 404",
        "  GET /stores/abc/v3/catalog/products?sku=MUG-1&limit=5 -> 200",
        "  GET /stores/abc/v3/catalog/brands?id:in=1,2 -> 200",
        "  PUT /stores/abc/v3/catalog/products/77 -> 200",
    )


def test_json_mismatch_message_shows_the_bodies_received() -> None:
    with pytest.raises(AssertionError) as raised:
        JOURNAL.assert_called("POST", "/v3/catalog/products", json={"name": "Cup"})
    message = str(raised.value)
    assert message.splitlines()[0] == (
        "mockbc journal: expected POST /v3/catalog/products with json {'name': 'Cup'} to be called at least once, "
        "but it was called 0 times."
    )
    assert message.splitlines()[2] == "  POST /stores/abc/v3/catalog/products -> 200  json={'name': 'Mug', 'price': 5}"


def test_wrong_count_message_lists_the_matching_requests() -> None:
    with pytest.raises(AssertionError) as raised:
        JOURNAL.assert_called_once("GET", "/v3/catalog/products/{id}")
    assert str(raised.value) == lines(
        "mockbc journal: expected GET /v3/catalog/products/{id} to be called once, but it was called twice.",
        "Matching requests:",
        "  GET /stores/abc/v3/catalog/products/77 -> 200",
        "  GET /stores/abc/v3/catalog/products/78 -> 404",
    )
    with pytest.raises(
        AssertionError, match=r"expected PUT /v3/catalog/products/\{id\} to be called 0 times, but it was called once"
    ):
        JOURNAL.assert_not_called("PUT", "/v3/catalog/products/{id}")


def test_empty_journal_says_so() -> None:
    with pytest.raises(AssertionError) as raised:
        RequestJournal([], store_hash="abc").assert_called("GET", "/v3/catalog/brands")
    assert str(raised.value).splitlines()[1] == "No requests were received by store abc during the test."


def test_a_callable_source_is_read_on_every_call() -> None:
    entries: list[JournalEntry] = []
    journal = RequestJournal(lambda: entries)
    journal.assert_not_called("GET", "/v3/catalog/brands")
    entries.append(entry("GET", "/stores/abc/v3/catalog/brands"))
    journal.assert_called_once("GET", "/v3/catalog/brands")


def test_contract_message_names_operation_request_field_and_rule() -> None:
    bad = JournalEntry(
        "POST", PRODUCTS, "", 422, "abc", T0, operation_id="createProduct",
        contract_violations=("price: must be at least 0", "name: error.path.missing"),
    )  # fmt: skip
    assert contract_message([entry("GET", PRODUCTS)]) is None
    assert contract_message([entry("GET", PRODUCTS), bad]) == (
        "mockbc contract: createProduct (POST /stores/abc/v3/catalog/products) sent an invalid request: "
        "price: must be at least 0; name: error.path.missing"
    )


def test_contract_message_groups_identical_lines_with_a_count_in_first_seen_order() -> None:
    def bad(path: str, *violations: str, query: str = "", operation: str = "createProduct") -> JournalEntry:
        return JournalEntry(
            "POST", path, query, 422, "abc", T0, operation_id=operation, contract_violations=violations
        )  # fmt: skip

    price = bad(PRODUCTS, "price: must be at least 0")
    entries = [
        price,
        bad("/stores/abc/v3/catalog/brands", "name: must not be empty", operation="createBrand"),
        entry("GET", PRODUCTS),
        price,
        bad(PRODUCTS, "price: must be at least 0", "name: error.path.missing"),  # other violations
        bad(PRODUCTS, "price: must be at least 0", query="include=variants"),  # another query
        price,
        bad("/stores/abc/v3/catalog/brands", "name: must not be empty", operation="createBrand"),
    ]
    assert contract_message(entries) == lines(
        "mockbc contract: createProduct (POST /stores/abc/v3/catalog/products) sent an invalid request: "
        "price: must be at least 0 (x3)",
        "mockbc contract: createBrand (POST /stores/abc/v3/catalog/brands) sent an invalid request: "
        "name: must not be empty (x2)",
        "mockbc contract: createProduct (POST /stores/abc/v3/catalog/products) sent an invalid request: "
        "price: must be at least 0; name: error.path.missing",
        "mockbc contract: createProduct (POST /stores/abc/v3/catalog/products?include=variants) sent an invalid "
        "request: price: must be at least 0",
    )


def test_bc_requests_sees_only_the_test_s_requests_and_explains_failures(inner: pytest.Pytester) -> None:
    inner.makepyfile(
        """
        import pytest

        def test_first(bc_client, bc_store, bc_requests):
            bc_client.get(f"/stores/{bc_store.store_hash}/v3/catalog/brands")
            bc_requests.assert_called_once("GET", "/v3/catalog/brands")

        @pytest.mark.mockbc(store_hash="other1")
        def test_other_store_is_not_counted_in(bc_client, bc_requests, bc_app):
            bc_client.get("/stores/other1/v3/catalog/brands")
            assert [e.store_hash for e in bc_requests] == ["other1"]

        def test_fresh_journal(bc_client, bc_store, bc_requests):
            assert len(bc_requests) == 0
            products = f"/stores/{bc_store.store_hash}/v3/catalog/products"
            bc_client.get(f"{products}/77")
            bc_client.get(f"{products}/999999")
            bc_client.post(f"/stores/{bc_store.store_hash}/v3/catalog/brands", json={"name": "Journal Brand"})
            bc_requests.assert_called_once("DELETE", "/v3/catalog/products/{id}")
        """
    )
    result = inner.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        [
            "E*AssertionError: mockbc journal: expected DELETE /v3/catalog/products/{id} to be called once, but it was called 0 times.",
            "E*Closest requests received by store mockbc0001 (3 of 3):",
            "E*  GET /stores/mockbc0001/v3/catalog/products/77 -> 200",
            "E*  GET /stores/mockbc0001/v3/catalog/products/999999 -> 404",
            "E*  POST /stores/mockbc0001/v3/catalog/brands -> 200",
        ]
    )
