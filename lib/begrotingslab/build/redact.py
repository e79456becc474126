"""Paths of the build machine out of everything a build publishes.

Reports, their notebooks (parameters, papermill's metadata, tracebacks of a failed cell) and the index
are read by others: they name the data folder, the notebooks and the library by short names, never by
where they lie on the machine that built them ('/home/alice/...').
"""
from __future__ import annotations

import re
import site
import sys
import tempfile
from pathlib import Path

from ..paths import PROJECT_DIR


def _variants(path: Path) -> set[str]:
    """A folder as it may be written: as given, absolute, and with links resolved."""
    found = {str(path.absolute()), str(path.resolve())}
    return {p for p in found if len(p) > 3}


def build_paths(data_dir: Path, notebooks_dir: Path, out_dir: Path) -> list[tuple[str, str]]:
    """(machine path, shown as) for the folders of one build, decided where the build runs."""
    pairs = []
    for folder, shown in ((data_dir, Path(data_dir).resolve().name or "data"), (notebooks_dir, "notebooks"),
                          (out_dir, Path(out_dir).resolve().name or "reports"), (PROJECT_DIR, ".")):
        pairs += [(variant, shown) for variant in _variants(Path(folder))]
    return pairs


def local_paths() -> list[tuple[str, str]]:
    """(machine path, shown as) for where Python, temporary files and the home folder are on this machine."""
    pairs = []
    for folder, shown in ([(p, "<python>") for p in (*site.getsitepackages(), sys.prefix, sys.base_prefix)]
                          + [(tempfile.gettempdir(), "<tmp>"), (Path.home(), "~")]):
        pairs += [(variant, shown) for variant in _variants(Path(folder))]
    return pairs


def redact(text: str, pairs: list[tuple[str, str]]) -> str:
    """``text`` with every machine path replaced by its short name (longest paths first; '/srv/app' is not
    replaced inside '/srv/app2')."""
    for machine, shown in sorted(set(pairs), key=lambda pair: -len(pair[0])):
        if machine in text:
            text = re.sub(re.escape(machine) + r"(?![\w.-])", lambda _: shown, text)
    return text
