"""The architecture holds: layers import downwards only, only the ui imports streamlit, no
function-level import dodges a layer, no dead code, and the table in docs/architecture.md says the same
as the contract CI checks."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT

CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is not installed: pip install -e '.[dev]'"
    return found


@pytest.mark.slow  # lint-imports, a new Python process
def test_the_import_contract_holds():
    done = subprocess.run([_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.slow  # vulture, a new Python process
def test_vulture_finds_no_dead_code():
    done = subprocess.run([_tool("vulture")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def _layers() -> list[list[str]]:
    layered = next(c for c in CONTRACTS["contracts"] if c["type"] == "layers")
    return [[f"dashboard.{name.strip()}" for name in layer.split("|")] for layer in layered["layers"]]


def _function_level_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                module = inner.module if isinstance(inner, ast.ImportFrom) else None
                names = [a.name for a in inner.names] if isinstance(inner, ast.Import) else [module or ""]
                if isinstance(inner, ast.Import | ast.ImportFrom) and any(
                    n == "dashboard" or n.startswith("dashboard.") for n in names
                ):
                    found.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    return found


def test_no_function_level_import_of_the_project_outside_the_cli():
    """The CLI imports lazily to start fast; it is the top layer, so it cannot dodge one."""
    files = [p for p in (ROOT / "dashboard").rglob("*.py") if p.name != "cli.py"]
    assert [hit for path in files for hit in _function_level_imports(path)] == []


def _documented_layers() -> list[tuple[int, str]]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| `([\w.]+)` \|", text, re.M)
    return [(int(n), name) for n, name in rows]


def test_the_documented_layers_are_the_contract():
    table = _documented_layers()
    assert [sorted(name for n, name in table if n == i + 1) for i in range(len(_layers()))] == [
        sorted(layer) for layer in _layers()
    ]
    assert len(table) == sum(len(layer) for layer in _layers())  # one line per package


def test_every_package_and_module_under_dashboard_is_in_a_layer():
    children = {
        f"dashboard.{p.stem if p.is_file() else p.name}"
        for p in (ROOT / "dashboard").iterdir()
        if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").is_file()
    }
    assert children == {name for layer in _layers() for name in layer}


@pytest.mark.parametrize("module", ["streamlit", "streamlit_folium"])
def test_only_the_ui_imports_streamlit(module: str):
    forbidden = next(c for c in CONTRACTS["contracts"] if c["type"] == "forbidden")
    assert module in forbidden["forbidden_modules"]
    below = {name for layer in _layers() for name in layer} - {"dashboard.ui", "dashboard.__main__"}
    assert set(forbidden["source_modules"]) == below
