"""The project's promises about itself: dependency files in step, notebooks stored clean and parameterised."""
import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def base_name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_mirrors_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {base_name(r) for r in project["dependencies"]}
    wanted |= {base_name(r) for extra in project["optional-dependencies"].values() for r in extra}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    listed = {base_name(r) for r in pip_section if not r.startswith("-")}
    assert wanted == listed
    assert "-e ." in pip_section


def test_lock_pins_every_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pinned = {base_name(line) for line in (ROOT / "requirements.lock").read_text().splitlines()
              if line and not line.startswith("#")}
    needed = {base_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    assert needed <= pinned
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        assert line.startswith("#") or not line or "==" in line, line


NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebooks_are_stored_clean_and_parameterised(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)
    params = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1
    source = "".join(params[0]["source"])
    # per-municipality notebooks default to the Diemen seed; a cross-municipality one has only year and data_dir
    expected = ["year: int = 2024", 'data_dir: str = ""']
    if "municipality" in source:
        expected.append('municipality: str = "diemen"')
    for line in expected:
        assert line in source
    assert re.match(r"\d\d_[a-z_]+$", path.stem)
    assert "sys.path" not in path.read_text(encoding="utf-8")
