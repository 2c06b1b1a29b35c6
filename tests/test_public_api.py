"""The package's public names: exactly ``__all__``, each importable, none loaded before use."""

from __future__ import annotations

import subprocess
import sys

import mockbc


def test_every_name_in_all_resolves_and_is_listed_by_dir() -> None:
    assert set(mockbc.__all__) <= set(dir(mockbc))
    assert mockbc.create_app.__module__ == "mockbc.http.app"
    assert mockbc.Store.__module__ == "mockbc.store.store"
    assert mockbc.DEFAULT_STORE_HASH == "mockbc0001"


def test_unknown_names_raise_attribute_error() -> None:
    try:
        mockbc.NotAThing  # noqa: B018
    except AttributeError as exc:
        assert str(exc) == "module 'mockbc' has no attribute 'NotAThing'"
    else:
        raise AssertionError("expected AttributeError")


def test_importing_mockbc_does_not_load_starlette() -> None:
    code = "import sys, mockbc, mockbc.pytest_plugin; print('starlette' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
