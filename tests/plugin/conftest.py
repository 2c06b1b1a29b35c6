"""The plugin's tests run pytest inside pytest (``pytester``, enabled in the root conftest.py).

``inner`` is a ``pytester`` whose inner runs use the project's own strict configuration, so
the plugin is proven to work under ``--strict-markers --strict-config`` with warnings as errors.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

# pytester puts sys.modules back after each test, so what one inner run imports the next one
# imports again (with assertion rewriting, for plugin packages). Import the heavy modules
# once, here, before any snapshot is taken: hypothesis (its plugin's terminal summary imports
# it), and the app and live server the bc_* fixtures load.
import hypothesis.internal.observability  # noqa: F401
import pytest

import mockbc.http.app
import mockbc.http.inprocess
import mockbc.http.live
import mockbc.journal  # noqa: F401

# The outer session imported mockbc before its inner runs start. With an editable install
# (pip install -e), pytest's rewrite hook cannot see the package (it lives behind the editable
# finder, not on sys.path), so the outer import is a plain one and every inner run, which marks
# the plugin's package for rewriting again, warns that it is too late. Only that one warning
# is let through; every other warning is still an error.
STRICT_INI = """
[pytest]
addopts = --strict-markers --strict-config -p no:cacheprovider
xfail_strict = true
filterwarnings =
    error
    ignore:Module already imported so cannot be rewritten. mockbc:pytest.PytestAssertRewriteWarning
"""


@pytest.fixture
def inner(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeini(STRICT_INI)
    return pytester


@pytest.fixture
def inner_ini(inner: pytest.Pytester) -> Callable[[str], None]:
    """Add lines to the inner runs' ini file: ``inner_ini("mockbc_contract = false")``."""

    def add(lines: str) -> None:
        inner.makeini(STRICT_INI + textwrap.dedent(lines).strip() + "\n")

    return add
