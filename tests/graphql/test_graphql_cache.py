"""Parsing and validation are paid once per distinct query text: the document cache, and its bounds."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from storefront_kit import gql

from mockbc import Store
from mockbc.presentation.storefront_graphql import Context, Engine
from mockbc.presentation.storefront_graphql import engine as module


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The query texts parsed, in order; ``VALIDATED`` counts the validations."""
    seen: list[str] = []
    validated = VALIDATED
    validated.clear()
    parse, validate = module.parse, module.validate

    def counting_parse(source: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(source)
        return parse(source, *args, **kwargs)

    def counting_validate(*args: Any, **kwargs: Any) -> Any:
        validated.append(args[1])
        return validate(*args, **kwargs)

    monkeypatch.setattr(module, "parse", counting_parse)
    monkeypatch.setattr(module, "validate", counting_validate)
    yield seen


VALIDATED: list[object] = []


def text(label: str) -> str:
    return f"query Q{label} {{ site {{ settings {{ storeHash }} }} }}"


def test_the_same_text_is_parsed_once(sf: httpx.Client, parsed: list[str]) -> None:
    query = text(uuid.uuid4().hex)
    for _ in range(3):
        assert gql(sf, query).status_code == 200
    assert parsed == [query]
    assert len(VALIDATED) == 1
    other = query.replace("storeHash", "storeHash storeName")
    gql(sf, other)
    assert parsed == [query, other]


def test_a_refused_text_is_remembered_too(store: Store, parsed: list[str]) -> None:
    engine = Engine()
    context = Context(store, 1, "storefront")
    for query in ("{ site {", "{ site { nope } }"):
        first = engine.run(query, None, None, context)
        assert engine.run(query, None, None, context) == first
    assert parsed == ["{ site {", "{ site { nope } }"]


def test_variables_do_not_change_the_document(store: Store, parsed: list[str]) -> None:
    engine = Engine()
    context = Context(store, 1, "storefront")
    query = "query($n: Int) { site { currencies(first: $n) { edges { cursor } } } }"
    assert engine.run(query, {"n": 1}, None, context).headers["X-Bc-Graphql-Complexity"] == "4"
    assert engine.run(query, {"n": 0}, None, context).headers["X-Bc-Graphql-Complexity"] == "2"
    assert parsed == [query]


def test_the_cache_is_bounded_in_entries(store: Store, parsed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "CACHE_ENTRIES", 2)
    engine = Engine()
    context = Context(store, 1, "storefront")
    for label in ("a", "b", "a", "c"):  # "a" used again, so "b" is the oldest when "c" arrives
        engine.run(text(label), None, None, context)
    assert len(engine) == 2
    engine.run(text("a"), None, None, context)
    engine.run(text("b"), None, None, context)
    assert parsed == [text("a"), text("b"), text("c"), text("b")]


def test_the_cache_is_bounded_in_characters(store: Store, parsed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "CACHE_CHARS", len(text("a")) * 2)
    engine = Engine()
    context = Context(store, 1, "storefront")
    for label in ("a", "b", "c"):
        engine.run(text(label), None, None, context)
    assert len(engine) == 2
    big = text("d") + " " * len(text("a")) * 2
    engine.run(big, None, None, context)
    engine.run(big, None, None, context)
    assert parsed == [text("a"), text("b"), text("c"), big, big]  # too big to keep
    assert len(engine) == 2
