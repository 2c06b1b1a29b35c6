"""The plugin's tests run pytest inside pytest (``pytester``, enabled in the root conftest.py).

``inner`` is a ``pytester`` whose inner runs use the project's own strict configuration, so
the plugin is proven to work under ``--strict-markers --strict-config`` with warnings as errors.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest

# pytester puts sys.modules back after each test, so what one inner run imports the next one
# imports again (with assertion rewriting, for plugin packages). Import the heavy modules
# once, here, before any snapshot is taken: hypothesis (its plugin's terminal summary imports
# it), and the app and live server the bc_* fixtures load.
import hypothesis.internal.observability  # noqa: F401
import mockbc.http.app  # noqa: F401
import mockbc.http.inprocess  # noqa: F401
import mockbc.http.live  # noqa: F401
import mockbc.journal  # noqa: F401

STRICT_INI = """
[pytest]
addopts = --strict-markers --strict-config -p no:cacheprovider
xfail_strict = true
filterwarnings = error
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
