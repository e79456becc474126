"""The import direction: load -> structure -> corpus -> analyses -> report/cli, and no cycles.

Read from the source (every import, also those inside functions), so a module can only use the layers below it.
"""
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parent.parent / "lib"
PACKAGE = LIB / "begrotingslab"

STRUCTURE = {"structure", "metadata"}
CORPUS = {"corpus", "corpus_tables", "corpus_cache"}
ANALYSES = {"themes", "terms", "ambitions", "compare", "overview"}
BUILD = {"report", "kernels", "cli", "exports", "manifest", "buildcache"}
# what each layer may not import (a layer never reaches up)
FORBIDDEN = {"load": STRUCTURE | CORPUS | ANALYSES | BUILD, "structure": CORPUS | ANALYSES | BUILD,
             "corpus": ANALYSES | BUILD, "analyses": BUILD}


def module_name(path: Path) -> str:
    parts = path.relative_to(LIB).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(name: str) -> str | None:
    top = name.split(".")[1] if "." in name else ""
    if top == "load":
        return "load"
    for label, members in (("structure", STRUCTURE), ("corpus", CORPUS), ("analyses", ANALYSES)):
        if top in members:
            return label
    return None


def imported(path: Path) -> set[str]:
    """The begrotingslab modules a file imports, as top-level names under the package ('themes', 'load')."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                targets = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
            else:
                targets = [node.module or ""]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            continue
        found |= {t.split(".")[1] for t in targets if t.startswith("begrotingslab.")}
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_no_module_imports_a_layer_above_its_own(path):
    own = layer(module_name(path))
    if own is None:
        return
    assert not imported(path) & FORBIDDEN[own], (module_name(path), sorted(imported(path) & FORBIDDEN[own]))


def test_the_layers_are_where_the_rules_expect_them():
    assert layer("begrotingslab.themes.taxonomy") == "analyses" and layer("begrotingslab.load.pdf") == "load"
    assert imported(PACKAGE / "compare.py") >= {"themes", "terms", "ambitions"}  # the reader sees real imports


def test_every_module_imports_on_its_own():
    """No import cycles: each module imported first, in a fresh package state."""
    names = [module_name(p) for p in MODULES]
    script = ("import importlib, sys\n"
              f"for name in {names!r}:\n"
              "    for loaded in [m for m in sys.modules if m == 'begrotingslab' or m.startswith('begrotingslab.')]:\n"
              "        del sys.modules[loaded]\n"
              "    importlib.import_module(name)\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(LIB)})
    assert run.returncode == 0, run.stderr[-2000:]
