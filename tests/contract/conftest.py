"""Fixtures for the contract tests that compare mockbc's specs with BigCommerce's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
UPSTREAM_ENV = "MOCKBC_UPSTREAM_SPECS"


@pytest.fixture(scope="session")
def upstream_specs_dir() -> Path:
    """Directory holding BigCommerce's published OpenAPI files.

    Taken from $MOCKBC_UPSTREAM_SPECS, else ``../shared/bigcommerce-specs`` next to the
    repository. Missing specs skip the tests locally but fail them when $CI is set, so
    a CI job cannot pass by silently checking nothing.
    """
    configured = os.environ.get(UPSTREAM_ENV)
    path = Path(configured) if configured else REPO_ROOT.parent / "shared" / "bigcommerce-specs"
    if not path.is_dir():
        message = f"upstream BigCommerce specs not found at {path}; set {UPSTREAM_ENV}"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path
