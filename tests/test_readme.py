"""The README's Python example runs as written (it is what a new user pastes first)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def section_code(heading: str) -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split(f"## {heading}\n", 1)[1]
    found = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert found is not None, f"no python block under '## {heading}'"
    return found.group(1)


def test_the_use_it_from_python_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code = section_code("Use it from Python")

    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})

    assert capsys.readouterr().out == "Compact Bluetooth Speaker\n"
