"""The README's Python example runs as written (it is what a new user pastes first)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mockbc import create_app
from mockbc.http.live import LiveServer

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


def test_the_official_client_examples_run_against_a_live_server(capsys: pytest.CaptureFixture[str]) -> None:
    text = README.read_text(encoding="utf-8").split("### The official `bigcommerce` client\n", 1)[1]
    v3_block, v2_block = re.findall(r"```python\n(.*?)```", text.split("\n## ", 1)[0], re.DOTALL)
    app = create_app(access_token="dev-token")
    with LiveServer(app) as server:
        host = f"{server.host}:{server.port}"
        code = (v3_block + v2_block).replace("127.0.0.1:8000", host)

        exec(compile(code, "README.md", "exec"), {"__name__": "readme"})

    lines = capsys.readouterr().out.splitlines()
    store = app.state.registry.stores["mockbc0001"]
    cookware = [p for p in store.products.values() if 25 in p.categories]
    assert len(lines) == len(cookware) > 0
    assert lines == [f"{p.name} {p.price:.4f}" for p in cookware]
