"""The house: imports go one way (load -> structure -> corpus -> analyses -> build/cli), every module imports on its
own, no module imports another that imports it back (not even inside a function), one place for paths and for the
edition filter, and the kernel fork server's switch."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import begrotingslab
from begrotingslab import editions, paths
from begrotingslab.errors import BegrotingslabError

PACKAGE = Path(begrotingslab.__file__).resolve().parent


def module_names() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def imports_of(name: str) -> set[str]:
    """The begrotingslab modules ``name`` imports, at the top or inside a function."""
    path = PACKAGE.parent.joinpath(*name.split("."))
    is_package = path.is_dir()
    source = (path / "__init__.py") if is_package else path.with_suffix(".py")
    package = name if is_package else name.rpartition(".")[0]
    known = set(module_names())
    found = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("begrotingslab")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("begrotingslab"):
                continue
            subs = [f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in known]
            found |= set(subs) or {target}
    return {m for m in found if m in known and m != name and m != "begrotingslab"}


def test_no_module_imports_itself_back():
    graph = {name: imports_of(name) for name in module_names()}
    # a package's __init__ may gather its own modules (ambitions/__init__ re-exports them): not a cycle of concepts
    graph = {name: {m for m in deps if not m.startswith(name + ".")} for name, deps in graph.items()}
    cycles = []

    def visit(name, trail):
        if name in trail:
            cycles.append(trail[trail.index(name):] + [name])
            return
        for dep in sorted(graph.get(name, ())):
            if dep not in done:
                visit(dep, trail + [name])
        done.add(name)

    done: set[str] = set()
    for name in graph:
        visit(name, [])
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


# the layers by top-level module name; each may import only the layers before it
LAYERS = [("load", {"load"}), ("structure", {"structure", "metadata"}),
          ("corpus", {"corpus", "corpus_tables", "corpus_cache"}),
          ("analyses", {"themes", "terms", "ambitions", "compare", "overview", "money", "accountability"}),
          ("build", {"build", "buildcache", "cli"})]


def layer_of(name: str) -> int | None:
    top = name.split(".")[1] if "." in name else ""
    return next((i for i, (_, members) in enumerate(LAYERS) if top in members), None)


@pytest.mark.parametrize("name", module_names())
def test_no_module_imports_a_layer_above_its_own(name):
    own = layer_of(name)
    if own is None:  # shared helpers (text, paths, fingerprint, errors, ...) sit below every layer
        return
    above = sorted(m for m in imports_of(name) if (layer_of(m) or 0) > own)
    assert not above, (name, above)


def test_the_layers_are_where_the_rules_expect_them():
    assert layer_of("begrotingslab.themes.taxonomy") == 3 and layer_of("begrotingslab.load.pdf") == 0
    assert layer_of("begrotingslab.build.run") == 4
    assert {"begrotingslab.themes", "begrotingslab.terms"} <= imports_of("begrotingslab.compare")


def test_every_module_imports_alone_in_a_fresh_interpreter():
    script = ("import importlib, json, sys\nfailed = {}\nfor name in json.loads(sys.argv[1]):\n"
              "    for loaded in [m for m in sys.modules if m == 'begrotingslab' or m.startswith('begrotingslab.')]:\n"
              "        del sys.modules[loaded]\n"
              "    try:\n        importlib.import_module(name)\n"
              "    except Exception as exc:\n        failed[name] = f'{type(exc).__name__}: {exc}'\n"
              "print(json.dumps(failed))\n")
    done = subprocess.run([sys.executable, "-c", script, json.dumps(module_names())], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {}


def test_the_build_is_a_package_of_small_modules():
    for path in (PACKAGE / "build").glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.name
    assert not (PACKAGE / "report.py").exists()


# ------------------------------------------------------------------------------------------------ paths

def test_project_data_is_found_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.delenv(paths.DATA_ENV, raising=False)
    project = tmp_path / "project"
    (project / "data" / "raw").mkdir(parents=True)
    (project / "notebooks" / "deeper").mkdir(parents=True)
    for where in (project, project / "notebooks", project / "notebooks" / "deeper"):
        monkeypatch.chdir(where)
        assert paths.project_data() == project / "data"
        assert paths.data_folder("") == project / "data" and paths.data_folder(None) == project / "data"
    assert paths.data_folder("elders") == Path("elders")  # given: used as given
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path / "gekozen"))
    assert paths.project_data() == tmp_path / "gekozen"  # the build (or a user) names it
    monkeypatch.delenv(paths.DATA_ENV)
    outside = tmp_path / "cron"
    outside.mkdir()
    monkeypatch.chdir(outside)
    if (paths.PROJECT_DIR / "data" / "raw").is_dir():  # the checkout the package is installed from
        assert paths.project_data() == paths.PROJECT_DIR / "data"
    monkeypatch.setattr(paths, "PROJECT_DIR", tmp_path / "nergens")
    with pytest.raises(BegrotingslabError, match="no data folder found.*BEGROTINGSLAB_DATA"):
        paths.project_data()


def test_no_other_module_spells_the_data_folders():
    """raw/, processed/parsed, the snapshots, the topics and external/iv3 are named in paths.py only."""
    for path in PACKAGE.rglob("*.py"):
        if path.name == "paths.py":
            continue
        text = path.read_text(encoding="utf-8")
        for spelled in ('/ "processed"', '/ "raw"', '"parsed"', 'Path("processed")', '"external"', '"iv3.parquet"'):
            assert spelled not in text, f"{path.relative_to(PACKAGE)} spells {spelled}"


def test_only_the_fingerprint_module_hashes():
    users = [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
             if "hashlib" in p.read_text(encoding="utf-8")]
    assert users == ["fingerprint.py"]


# -------------------------------------------------------------------------------------- edition filter

EDITIONS = pd.DataFrame({"municipality": ["diemen", "ouder-amstel", "ouder-amstel"], "year": [2024, 2023, 2024]})


@pytest.mark.parametrize("spelled", ["Ouder Amstel", "ouder-amstel", "OUDER-AMSTEL", "Ouder-Amstel"])
def test_one_edition_filter_for_reports_and_exports(spelled):
    assert editions.pairs(editions.chosen(EDITIONS, [spelled], [2024])) == [("ouder-amstel", 2024)]
    assert editions.rows(EDITIONS, spelled)["year"].tolist() == [2023, 2024]


def test_the_plan_and_the_exports_use_the_same_filter():
    import inspect

    from begrotingslab.build import exports, plan

    assert "editions.chosen(" in inspect.getsource(plan.plan)
    assert "editions.chosen(" in inspect.getsource(exports.exported)
    assert "exported(" in inspect.getsource(exports.write_exports)


def test_a_filter_that_matches_nothing_is_an_error():
    with pytest.raises(BegrotingslabError, match="nergenshuizen.*known: diemen, ouder-amstel"):
        editions.chosen(EDITIONS, ["Nergenshuizen"])
    with pytest.raises(BegrotingslabError, match="year 1999"):
        editions.chosen(EDITIONS, None, [1999])


# ------------------------------------------------------------------------------------- kernel fork server

def test_the_fork_server_can_be_switched_off_and_needs_the_private_api(monkeypatch):
    from jupyter_client.manager import AsyncKernelManager

    from begrotingslab.build import kernels

    monkeypatch.delenv(kernels.FORK_ENV, raising=False)
    assert kernels.forking() == hasattr(kernels.os, "fork")
    for off in ("0", "no", "off"):
        monkeypatch.setenv(kernels.FORK_ENV, off)
        assert not kernels.forking()
    monkeypatch.delenv(kernels.FORK_ENV)
    # a jupyter_client release without a private method the fork path overrides: kernels start the usual way
    assert all(hasattr(AsyncKernelManager, name) for name in kernels.PRIVATE_API)
    monkeypatch.setattr(kernels, "PRIVATE_API", (*kernels.PRIVATE_API, "_a_method_a_release_removed"))
    assert not kernels.forking()
