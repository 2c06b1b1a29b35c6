"""The layers of ARCHITECTURE.md, enforced: no module of mockbc imports a layer above its own.

Every ``import`` and ``from ... import`` in the package is read from the source (the AST, so
imports inside functions count too, and ``TYPE_CHECKING`` blocks count as well).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mockbc"

# Layer of each top-level part of the package, lowest first; a module may import its own layer
# and the ones below it (ARCHITECTURE.md, "Layers").
LAYERS: dict[str, int] = {
    "mockbc.domain": 0,
    "mockbc.auth": 0,
    "mockbc.store": 1,
    "mockbc.services": 2,
    "mockbc.presentation": 3,
    "mockbc.spec": 3,
    "mockbc.fixtures": 4,
    "mockbc.http": 5,
    "mockbc.journal": 6,
    "mockbc.pytest_plugin": 6,
    "mockbc.strategies": 6,
    "mockbc._strategies": 6,
    "mockbc.cli": 6,
    "mockbc.__main__": 6,
    "mockbc": 6,  # the package's __init__: the public names the kit may use, re-exported lazily
}


def layer_of(module: str) -> tuple[str, int]:
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        name = ".".join(parts[:n])
        if name in LAYERS:
            return name, LAYERS[name]
    raise KeyError(module)


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(path: Path, module: str) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # ``from mockbc import domain`` names a subpackage, not a public re-export.
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                if target == "mockbc" and candidate in LAYERS:
                    found[-1] = (node.lineno, candidate)
    return [(line, name) for line, name in found if name == "mockbc" or name.startswith("mockbc.")]


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "fixtures_data" not in p.parts and "specs" not in p.parts)


def test_every_module_has_a_layer() -> None:
    missing = [module_name(p) for p in MODULES if not _has_layer(module_name(p))]
    assert missing == []


def _has_layer(module: str) -> bool:
    try:
        layer_of(module)
    except KeyError:
        return False
    return True


def upward_imports(path: Path, module: str) -> list[str]:
    own = layer_of(module)[1]
    return [
        f"line {line}: {name} ({layer_of(name)[0]}, layer {layer_of(name)[1]})"
        for line, name in imported(path, module)
        if layer_of(name)[1] > own
    ]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_no_module_imports_a_layer_above_its_own(path: Path) -> None:
    module = module_name(path)
    assert upward_imports(path, module) == [], f"{module} ({layer_of(module)[0]}) imports upward"


def test_the_checker_sees_upward_imports_even_inside_functions(tmp_path: Path) -> None:
    source = tmp_path / "fake.py"
    source.write_text(
        "from mockbc.domain.records import CustomUrl\n"
        "def late():\n"
        "    from mockbc.fixtures import load_seed\n"
        "    from ..http import app\n"
    )
    assert upward_imports(source, "mockbc.store.fake") == [
        "line 3: mockbc.fixtures (mockbc.fixtures, layer 4)",
        "line 4: mockbc.http (mockbc.http, layer 5)",
    ]
