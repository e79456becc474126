"""What a build runs: one job per (municipality, year, notebook), and which of them can be reused.

A notebook with a ``municipality`` parameter runs for every edition (municipality, year) the filter keeps
(``editions.chosen``); one with only ``year`` compares municipalities and runs for every year that has two
or more of them. Each job carries a fingerprint of what does not come from the corpus (notebook, parameters,
library, taxonomy); the documents a report read are checked against what its kernel noted (reads.py).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .. import editions, limits, reads
from ..errors import BegrotingslabError
from ..fingerprint import chunks_key, library_fingerprint
from ..paths import DATA_ENV
from ..text import slug
from .kernels import TAXONOMY_ENV
from .manifest import STATE_SUFFIX
from .params import notebook_parameters, validate_parameters
from .redact import redact

FAILED_SUFFIX = ".mislukt.html"  # the failed attempt beside a report that kept its previous good version
ALL_MUNICIPALITIES = "_gemeenten"  # report folder of notebooks that compare municipalities (no municipality slug starts with _)


@dataclass
class Job:
    """One report: a notebook run for one (municipality, year)."""

    municipality: str
    year: int
    notebook: str  # path of the source notebook
    parameters: dict[str, Any]
    html_path: str
    ipynb_path: str
    fingerprint: str
    timeout: int = 600
    cwd: str = "."
    redactions: list = field(default_factory=list)  # (machine path, shown as): nothing of the machine is published
    env: dict = field(default_factory=dict)  # for the kernel: the input limits in force

    @property
    def failed_path(self) -> str:
        return str(Path(self.html_path).with_name(Path(self.html_path).stem + FAILED_SUFFIX))

    @property
    def outputs(self) -> list[str]:
        """Every file this report may leave in the output folder."""
        return [self.html_path, self.ipynb_path, str(state_path(self)), self.failed_path]

    @property
    def folder(self) -> str:
        """The report's top folder under OUT: the municipality's slug, or ALL_MUNICIPALITIES."""
        return Path(self.html_path).parent.parent.name

    @property
    def name(self) -> str:
        return Path(self.notebook).stem

    @property
    def label(self) -> str:
        return f"{self.municipality}/{self.year}/{self.name}"


def job_fingerprint(notebook: Path, parameters: dict[str, Any], document_hashes: Iterable[str],
                    library: str) -> str:
    return chunks_key([notebook.read_bytes(), json.dumps(parameters, sort_keys=True, default=str), library,
                       *sorted(document_hashes)])


def list_notebooks(notebooks_dir: Path, names: list[str] | None = None) -> list[Path]:
    """Notebooks in reading order (NN_name.ipynb), optionally only the named ones."""
    found = sorted(p for p in notebooks_dir.glob("*.ipynb") if not p.name.startswith("."))
    if names:
        wanted = {Path(n).stem for n in names}
        missing = wanted - {p.stem for p in found}
        if missing:
            raise BegrotingslabError(f"{notebooks_dir}: no notebook named {', '.join(sorted(missing))} "
                                     f"(available: {', '.join(p.stem for p in found)})")
        found = [p for p in found if p.stem in wanted]
    return found


def plan(corpus, notebooks: list[Path], out_dir: Path, data_dir: Path,
         municipalities: list[str] | None = None, years: list[int] | None = None,
         timeout: int = 600, taxonomy: Path | None = None, topics: str | None = None,
         redactions: list | None = None) -> list[Job]:
    """Every report to build, with validated parameters and its fingerprint (see the module docstring).

    ``topics`` is the name of the corpus-wide topics this build stored (buildcache.py), passed to notebooks
    that declare it.
    """
    chosen = editions.chosen(corpus.editions(), municipalities, years, where=str(data_dir))
    library = library_fingerprint()
    redactions = list(redactions or [])
    declared = {nb: notebook_parameters(nb) for nb in notebooks}
    targets: list[tuple[str | None, int]] = list(editions.pairs(chosen))
    per_year = chosen.groupby("year")["municipality"].nunique()
    targets += [(None, year) for year in sorted(int(y) for y in per_year[per_year >= 2].index)]
    taxonomy_text = Path(taxonomy).read_text(encoding="utf-8") if taxonomy else None
    data = str(Path(data_dir).resolve())
    jobs = []
    for municipality, year in targets:
        folder = out_dir / (slug(municipality) if municipality else ALL_MUNICIPALITIES) / str(year)
        for nb in notebooks:
            if ("municipality" in declared[nb]) != (municipality is not None):
                continue
            params = {"municipality": municipality, "year": year, "data_dir": data,
                      "taxonomy": str(Path(taxonomy).resolve()) if taxonomy else None, "topics": topics}
            params = {k: v for k, v in params.items() if k in declared[nb] and v is not None}
            validate_parameters(nb, params, declared[nb])
            # keyed on the parameters as published (no machine paths), so a moved project reuses its reports
            shown = json.loads(redact(json.dumps(params), redactions))
            inputs = [taxonomy_text] if taxonomy_text is not None and "taxonomy" in params else []
            jobs.append(Job(municipality=municipality or "alle gemeenten", year=year, notebook=str(nb),
                            parameters=params, html_path=str(folder / f"{nb.stem}.html"),
                            ipynb_path=str(folder / f"{nb.stem}.ipynb"),
                            fingerprint=job_fingerprint(nb, shown, inputs, library), timeout=timeout,
                            cwd=str(nb.parent), redactions=redactions,
                            env={**limits.environment(), DATA_ENV: data,
                                 TAXONOMY_ENV: str(Path(taxonomy).resolve()) if taxonomy else ""}))
    return jobs


def state_path(job: Job) -> Path:
    html_path = Path(job.html_path)
    return html_path.with_name(f".{html_path.stem}{STATE_SUFFIX}")


def read_state(job: Job) -> dict:
    try:
        state = json.loads(state_path(job).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def is_current(job: Job, documents=None) -> bool:
    """True when the report exists, succeeded, and was built from the same inputs: the same notebook,
    parameters, library and taxonomy, and the same documents in every selection of the corpus it read."""
    state = read_state(job)
    if not (state.get("fingerprint") == job.fingerprint and state.get("status") == "built"
            and Path(job.html_path).exists() and Path(job.ipynb_path).exists()):
        return False
    if documents is None:
        return True
    selections = state.get("reads")
    return isinstance(selections, list) and reads.digest(documents, selections) == state.get("inputs")
