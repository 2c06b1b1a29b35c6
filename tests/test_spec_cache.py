"""specs/ documents are parsed once per content version and kept as JSON between runs."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from mockbc import spec

DOCUMENT = """\
openapi: 3.0.3
info: {title: Cache check, version: "1"}
servers: [{url: "https://api.bigcommerce.com/stores/{store_hash}/v3"}]
paths:
  /things:
    get:
      operationId: getThings
      responses: {"200": {description: ok}}
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("MOCKBC_CACHE_DIR", str(where))
    monkeypatch.setattr(spec, "_parsed", {})
    return where


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "things.yml"
    path.write_text(text)
    return path


def test_a_parsed_document_is_kept_as_json_and_read_back_from_there(tmp_path: Path, cache: Path) -> None:
    path = _write(tmp_path, DOCUMENT)
    first = spec.load_document(path)
    [kept] = cache.glob("spec-*.json")
    assert orjson.loads(kept.read_bytes()) == first

    # A new process (no in-memory copy) reads the cached JSON, not the YAML.
    spec._parsed.clear()
    kept.write_bytes(orjson.dumps({**first, "info": {"title": "from the cache", "version": "1"}}))
    assert spec.load_document(path)["info"]["title"] == "from the cache"


def test_an_edited_document_is_parsed_again(tmp_path: Path, cache: Path) -> None:
    path = _write(tmp_path, DOCUMENT)
    assert spec.load_document(path)["info"]["title"] == "Cache check"
    path.write_text(DOCUMENT.replace("Cache check", "Edited"))
    assert spec.load_document(path)["info"]["title"] == "Edited"
    assert len(list(cache.glob("spec-*.json"))) == 2


def test_a_damaged_cache_file_is_ignored_and_rewritten(tmp_path: Path, cache: Path) -> None:
    path = _write(tmp_path, DOCUMENT)
    spec.load_document(path)
    [kept] = cache.glob("spec-*.json")
    kept.write_bytes(b'{"openapi": "3.0')  # cut short, as by a full disk
    spec._parsed.clear()
    assert spec.load_document(path)["info"]["title"] == "Cache check"
    assert orjson.loads(kept.read_bytes())["info"]["title"] == "Cache check"


def test_an_empty_cache_dir_setting_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCKBC_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(spec, "_parsed", {})
    assert spec.cache_dir() is None
    assert spec.load_document(_write(tmp_path, DOCUMENT))["paths"]["/things"]["get"]["operationId"] == "getThings"
    assert list(tmp_path.rglob("*.json")) == []


def test_an_unwritable_cache_only_costs_the_parse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory would go")
    monkeypatch.setenv("MOCKBC_CACHE_DIR", str(blocker / "mockbc"))
    monkeypatch.setattr(spec, "_parsed", {})
    assert spec.load_document(_write(tmp_path, DOCUMENT))["info"]["version"] == "1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-dir", "things.yml"]


def test_the_cache_dir_follows_xdg_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOCKBC_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert spec.cache_dir() == tmp_path / "mockbc"


def test_operations_are_compiled_once_per_version_of_the_files(tmp_path: Path, cache: Path) -> None:
    _write(tmp_path, DOCUMENT)
    first = spec.load_operations(tmp_path)
    again = spec.load_operations(tmp_path)
    assert first is not again and first[("v3", "getThings")] is again[("v3", "getThings")]
    (tmp_path / "things.yml").write_text(DOCUMENT.replace("getThings", "listThings"))
    assert list(spec.load_operations(tmp_path)) == [("v3", "listThings")]
