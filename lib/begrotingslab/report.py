"""Build the reports: every notebook for every (municipality, year), rendered to self-contained HTML.

The parent process plans the work from the corpus, skips reports whose inputs did not change, runs
the rest in a pool of kernels (or on a Dask cluster), and writes every file atomically, so an
interrupted build leaves the previous good reports in place and a rerun resumes.
"""
from __future__ import annotations

import ast
import hashlib
import html
import json
import multiprocessing
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from . import __version__
from .errors import BegrotingslabError
from .files import atomic_write
from .kernels import BuildKernelManager, close_template, start_kernel, stop_kernel
from .text import slug

PACKAGE_DIR = Path(__file__).parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATE_SUFFIX = ".build.json"
STANDARD_PARAMETERS = ("municipality", "year", "data_dir")


def default_notebooks_dir() -> Path:
    """The project's notebooks/ folder (the package is installed editable from the project)."""
    return PACKAGE_DIR.parent.parent / "notebooks"


# ---------------------------------------------------------------------------------------- parameters

TYPE_NAMES = {"int": int, "str": str, "float": float, "bool": bool}


def notebook_parameters(notebook: Path) -> dict[str, dict[str, Any]]:
    """The notebook's declared parameters: name -> {'type': 'int'|'str'|..., 'default': source text}.

    Reads the cell tagged 'parameters' the way papermill's inspect_notebook does (annotated assignments),
    without importing papermill, so planning a build that reuses everything stays fast.
    """
    try:
        nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BegrotingslabError(f"{notebook}: not a readable notebook ({exc})") from None
    cells = [c for c in nb.get("cells", []) if "parameters" in c.get("metadata", {}).get("tags", [])]
    if not cells:
        return {}
    source = cells[0]["source"]
    source = "".join(source) if isinstance(source, list) else source
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise BegrotingslabError(f"{notebook}: the parameters cell is not valid Python (line {exc.lineno})") from None
    declared: dict[str, dict[str, Any]] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            declared[node.target.id] = {"type": ast.unparse(node.annotation),
                                        "default": ast.unparse(node.value) if node.value else None}
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    declared[target.id] = {"type": None, "default": ast.unparse(node.value)}
    return declared


def validate_parameters(notebook: Path, parameters: dict[str, Any],
                        declared: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """Check parameters against the annotated parameters cell: unknown names and wrong types are errors."""
    declared = notebook_parameters(notebook) if declared is None else declared
    if not declared:
        raise BegrotingslabError(f"{notebook}: has no cell tagged 'parameters'")
    unknown = sorted(set(parameters) - set(declared))
    if unknown:
        raise BegrotingslabError(f"{notebook}: unknown parameter(s) {', '.join(unknown)} "
                                 f"(the notebook declares: {', '.join(sorted(declared))})")
    for name, value in parameters.items():
        expected = TYPE_NAMES.get(str(declared[name]["type"]).replace("typing.", ""))
        if expected is None:
            continue  # not annotated, or a type we do not check
        ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if not ok:
            raise BegrotingslabError(f"{notebook}: parameter '{name}' must be {expected.__name__}, "
                                     f"got {type(value).__name__} {value!r}")
    return parameters


# -------------------------------------------------------------------------------------------- plan

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

    @property
    def name(self) -> str:
        return Path(self.notebook).stem

    @property
    def label(self) -> str:
        return f"{self.municipality}/{self.year}/{self.name}"


@dataclass
class Result:
    job: Job
    status: str  # built | failed | reused
    seconds: float = 0.0
    error: str | None = None
    html: bytes | None = None
    ipynb: bytes | None = None


REPORT_DEPENDENCIES = ("pandas", "matplotlib", "scikit-learn", "simplemma", "nbconvert", "papermill", "ipykernel")


def library_fingerprint() -> str:
    """A hash of the library's code and data files and the versions of what renders the reports:
    a code change or a dependency upgrade rebuilds them."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256(__version__.encode())
    for name in REPORT_DEPENDENCIES:
        try:
            digest.update(f"{name}=={version(name)}".encode())
        except PackageNotFoundError:
            pass
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".yaml", ".j2", ".json"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def job_fingerprint(notebook: Path, parameters: dict[str, Any], document_hashes: Iterable[str],
                    library: str) -> str:
    digest = hashlib.sha256()
    digest.update(notebook.read_bytes())
    digest.update(json.dumps(parameters, sort_keys=True, default=str).encode())
    digest.update(library.encode())
    for sha in sorted(document_hashes):
        digest.update(sha.encode())
    return digest.hexdigest()


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


ALL_MUNICIPALITIES = "_gemeenten"  # report folder of notebooks that compare municipalities (no municipality slug starts with _)


def plan(corpus, notebooks: list[Path], out_dir: Path, data_dir: Path,
         municipalities: list[str] | None = None, years: list[int] | None = None,
         timeout: int = 600, taxonomy: Path | None = None) -> list[Job]:
    """Every report to build, with validated parameters and input fingerprints.

    A notebook with a ``municipality`` parameter runs for every (municipality, year); one with only ``year``
    compares municipalities and runs for every year that has two or more of them.
    """
    editions = corpus.editions()
    if municipalities:
        wanted = {slug(m) for m in municipalities}
        unknown = wanted - set(editions["municipality"])
        if unknown:
            raise BegrotingslabError(f"no documents for municipality {', '.join(sorted(unknown))} in {data_dir} "
                                     f"(known: {', '.join(sorted(set(editions['municipality']))) or 'none'})")
        editions = editions[editions["municipality"].isin(wanted)]
    if years:
        unknown_years = set(years) - {int(y) for y in editions["year"]}
        if unknown_years:
            raise BegrotingslabError(f"no documents for year {', '.join(map(str, sorted(unknown_years)))} "
                                     f"(known: {', '.join(map(str, sorted({int(y) for y in editions['year']}))) or 'none'})")
        editions = editions[editions["year"].isin(years)]
    library = library_fingerprint()
    declared = {nb: notebook_parameters(nb) for nb in notebooks}
    docs = corpus.documents
    targets = []  # (municipality or None, year, document hashes)
    for row in editions.itertuples(index=False):
        municipality, year = str(row.municipality), int(row.year)
        targets.append((municipality, year, docs.loc[docs["municipality"] == municipality, "sha256"]))
    per_year = editions.groupby("year")["municipality"].nunique()
    for year in sorted(int(y) for y in per_year[per_year >= 2].index):
        targets.append((None, year, docs.loc[docs["year"] == year, "sha256"]))
    jobs = []
    for municipality, year, hashes in targets:
        folder = out_dir / (slug(municipality) if municipality else ALL_MUNICIPALITIES) / str(year)
        for nb in notebooks:
            if ("municipality" in declared[nb]) != (municipality is not None):
                continue
            params = {"municipality": municipality, "year": year, "data_dir": str(data_dir.resolve()),
                      "taxonomy": str(Path(taxonomy).resolve()) if taxonomy else None}
            params = {k: v for k, v in params.items() if k in declared[nb] and v is not None}
            validate_parameters(nb, params, declared[nb])
            inputs = [*map(str, hashes), *([Path(taxonomy).read_text(encoding="utf-8")] if taxonomy else [])]
            jobs.append(Job(municipality=municipality or "alle gemeenten", year=year, notebook=str(nb),
                            parameters=params, html_path=str(folder / f"{nb.stem}.html"),
                            ipynb_path=str(folder / f"{nb.stem}.ipynb"),
                            fingerprint=job_fingerprint(nb, params, inputs, library), timeout=timeout,
                            cwd=str(nb.parent)))
    return jobs


def state_path(job: Job) -> Path:
    html_path = Path(job.html_path)
    return html_path.with_name(f".{html_path.stem}{STATE_SUFFIX}")


def is_current(job: Job) -> bool:
    """True when the report exists, succeeded, and was built from the same inputs."""
    try:
        state = json.loads(state_path(job).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (state.get("fingerprint") == job.fingerprint and state.get("status") == "built"
            and Path(job.html_path).exists() and Path(job.ipynb_path).exists())


# ------------------------------------------------------------------------------------------- worker

class _NotebookTimeout(Exception):
    pass


def run_job(job: Job) -> Result:
    """Execute one notebook with papermill and render it; runs in a worker process (or Dask worker)."""
    import nbformat
    import papermill

    started = time.perf_counter()
    error = None
    on_main_thread = threading.current_thread() is threading.main_thread()
    with tempfile.TemporaryDirectory(prefix="bl-run-") as tmp:
        output = Path(tmp) / Path(job.ipynb_path).name

        def on_alarm(signum, frame):
            raise _NotebookTimeout(f"notebook took longer than {job.timeout} s")

        previous = signal.signal(signal.SIGALRM, on_alarm) if on_main_thread else None
        if on_main_thread:
            signal.alarm(job.timeout)
        km = None
        try:
            km = start_kernel(job.cwd)  # fresh, forked from the worker's template (kernels.py)
            papermill.execute_notebook(
                job.notebook, str(output), parameters=job.parameters, kernel_name="python3",
                cwd=job.cwd, progress_bar=False, log_output=False, execution_timeout=job.timeout,
                request_save_on_cell_execute=False,  # one write at the end, not one per cell
                kernel_manager_class=BuildKernelManager, shutdown_kernel="immediate", km=km,
            )
        except papermill.PapermillExecutionError as exc:
            error = f"{exc.ename}: {exc.evalue} (cell {exc.exec_count})"
        except _NotebookTimeout as exc:
            error = f"Timeout: {exc}"
        except Exception as exc:  # kernel died, bad notebook JSON, ...
            error = f"{type(exc).__name__}: {exc}"
        finally:
            if on_main_thread:
                signal.alarm(0)
                signal.signal(signal.SIGALRM, previous)
            if km is not None:
                stop_kernel(km)
        if output.exists():
            nb = nbformat.read(output, as_version=4)
        else:
            nb = nbformat.read(job.notebook, as_version=4)
        nb.metadata["begrotingslab"] = {"municipality": job.municipality, "year": job.year,
                                        "status": "failed" if error else "built", "error": error}
        ipynb = nbformat.writes(nb).encode("utf-8")
        page = render_html(nb, title=f"{job.name} - {job.municipality} {job.year}", error=error)
    return Result(job=job, status="failed" if error else "built", seconds=time.perf_counter() - started,
                  error=error, html=page.encode("utf-8"), ipynb=ipynb)


def _safe_run_job(job: Job) -> Result:
    try:
        return run_job(job)
    except BaseException as exc:  # never let one report take the pool down
        return Result(job=job, status="failed", error=f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")


# ---------------------------------------------------------------------------------------------- html

HEADING = re.compile(r'<h([1-3]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


@lru_cache(maxsize=1)
def _exporter():
    """One HTML exporter per process: building it (templates, filters) costs more than a render."""
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="begrotingslab", extra_template_basedirs=[str(TEMPLATES_DIR)],
                        exclude_input_prompt=True, exclude_output_prompt=True, language_code="nl")


def render_html(nb, title: str, error: str | None = None) -> str:
    """Self-contained HTML without code: figures embedded, a table of contents, a failed cell shown whole."""
    import copy

    nb = copy.deepcopy(nb)
    nb.metadata["title"] = title
    for cell in nb.cells:
        failed = cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", []))
        is_papermill_banner = "papermill-error-cell-tag" in cell.metadata.get("tags", [])
        if cell.cell_type == "code" and not failed:
            cell.metadata.setdefault("transient", {})["remove_source"] = True
        if is_papermill_banner:
            cell.metadata.setdefault("transient", {})["remove_source"] = True
    body, _ = _exporter().from_notebook_node(nb)
    return _add_toc_and_banner(body, error)


def _add_toc_and_banner(page: str, error: str | None) -> str:
    headings = [(int(level), anchor, re.sub(r"<[^>]+>", "", text).replace("\u00b6", "").strip())
                for level, anchor, text in HEADING.findall(page)]
    parts = []
    if error:
        parts.append('<div class="bl-banner"><strong>Dit rapport is mislukt.</strong> De fout staat hieronder '
                     f'bij de cel waar hij optrad: <code>{html.escape(error)}</code></div>')
    if len(headings) > 2:
        items = "".join(f'<li style="margin-left:{(level - 1) * 0.8}rem"><a href="#{anchor}">{text}</a></li>'
                        for level, anchor, text in headings[1:])
        parts.append(f'<nav class="bl-toc"><strong>Inhoud</strong><ul>{items}</ul></nav>')
    if not parts:
        return page
    insert = "\n".join(parts)
    # after the first heading (the title), or at the start of <main>
    first = HEADING.search(page)
    if first:
        return page[:first.end()] + insert + page[first.end():]
    return page.replace("<main>", "<main>" + insert, 1)


# --------------------------------------------------------------------------------------------- build

@dataclass
class Summary:
    built: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    document_errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed and not self.document_errors

    @property
    def exit_code(self) -> int:
        """0 all well; 1 a report or export failed; 2 only unreadable input (documents)."""
        return 1 if self.failed else 2 if self.document_errors else 0

    def line(self) -> str:
        return (f"{len(self.built)} built, {len(self.reused)} reused, {len(self.failed)} failed, "
                f"{len(self.document_errors)} unreadable document(s) in {self.seconds:.1f} s")


def store_result(result: Result) -> None:
    """Write the report files atomically, then the state that marks them current."""
    job = result.job
    if result.html is not None:
        atomic_write(Path(job.html_path), result.html)
    if result.ipynb is not None:
        atomic_write(Path(job.ipynb_path), result.ipynb)
    state = {"municipality": job.municipality, "year": job.year, "notebook": job.name,
             "status": result.status, "error": result.error, "fingerprint": job.fingerprint,
             "seconds": round(result.seconds, 2),
             "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    atomic_write(state_path(job), json.dumps(state, ensure_ascii=False, indent=1))


def _execute(jobs: list[Job], workers: int, dask_address: str | None):
    """Yield results as they finish, from a local process pool or a Dask cluster."""
    if not jobs:
        return
    if dask_address:
        from distributed import Client, as_completed as dask_completed

        with Client(dask_address) as client:
            futures = client.map(_safe_run_job, jobs, pure=False)
            for future in dask_completed(futures):
                yield future.result()
        return
    lanes = 1 if (workers <= 1 or len(jobs) == 1) else min(workers, len(jobs))
    if lanes == 1:
        try:
            for job in jobs:
                yield _safe_run_job(job)
        finally:
            close_template()  # the next build in this process imports the library afresh
        return
    # Spawned, not forked: a parent that already ran kernels holds ZMQ contexts and event loops that a
    # forked child would inherit half-alive. (Kernels themselves are forked, from a template that has none.)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=lanes, mp_context=context) as pool:
        futures = [pool.submit(_safe_run_job, job) for job in jobs]
        for future in as_completed(futures):
            yield future.result()


class _Progress:
    """A progress bar on a terminal; one log line per report otherwise (cron, CI)."""

    def __init__(self, total: int, stream=None):
        self.stream = stream or sys.stderr
        self.bar = None
        if total and self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="rapport", file=self.stream)

    def report(self, result: Result) -> None:
        line = f"{result.status:7s} {result.job.label} ({result.seconds:.1f} s)"
        if result.error:
            line += f": {result.error.splitlines()[0]}"
        if self.bar is not None:
            self.bar.update(1)
            if result.status == "failed":
                self.bar.write(line)
        else:
            print(line, file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def build(data_dir: Path = Path("data"), out_dir: Path = Path("reports"), municipalities: list[str] | None = None,
          years: list[int] | None = None, notebooks: list[str] | None = None, jobs: int | None = None,
          force: bool = False, notebooks_dir: Path | None = None, timeout: int = 600,
          dask_address: str | None = None, taxonomy: Path | None = None, log=None) -> Summary:
    """Build (or reuse) every report and write the index; see the module docstring."""
    from .corpus import load_corpus

    log = log or sys.stderr
    started = time.perf_counter()
    summary = Summary()
    notebooks_dir = notebooks_dir or default_notebooks_dir()
    notebook_paths = list_notebooks(notebooks_dir, notebooks)
    # the folder as the notebooks will name it, so they find the cache and snapshot this load leaves
    corpus = load_corpus(Path(data_dir).resolve())
    for err in corpus.errors:
        summary.document_errors.append(str(err))
        print(f"error   {err}", file=log, flush=True)
    unplaced = corpus.documents[corpus.documents["municipality"].isna() | corpus.documents["year"].isna()]
    for row in unplaced.itertuples(index=False):
        message = (f"{row.source}: cannot tell the municipality or the year; put the file under "
                   f"data/raw/<municipality>/ and give the year in the title or front matter")
        summary.document_errors.append(message)
        print(f"error   {message}", file=log, flush=True)

    from .themes import load_taxonomy

    # a malformed file stops the build here, with its line, not in every notebook; loading it also
    # lemmatises its terms, which store_lemmas below keeps for the kernels
    load_taxonomy(taxonomy)
    all_jobs = plan(corpus, notebook_paths, out_dir, data_dir, municipalities, years, timeout, taxonomy)
    todo = []
    for job in all_jobs:
        if not force and is_current(job):
            summary.reused.append(job.label)
        else:
            todo.append(job)
    from .corpus import store_lemmas
    from .exports import write_exports

    store_lemmas(corpus, data_dir)  # every word lemmatised once, here, for every notebook (a no-op when stored)
    if not (municipalities or years or notebooks or summary.document_errors):
        prune_stale(out_dir, all_jobs)  # a full build with every document read: the plan is the whole truth

    progress = _Progress(len(todo), log)
    # the exports are written beside the reports while the kernels run (this process would wait otherwise)
    with ThreadPoolExecutor(max_workers=1) as side:
        exports = side.submit(write_exports, corpus, out_dir, municipalities, years)
        try:
            for result in _execute(todo, jobs or os.cpu_count() or 1, dask_address):
                store_result(result)
                (summary.failed if result.status == "failed" else summary.built).append(result.job.label)
                progress.report(result)
        finally:
            progress.close()
            for folder, error in exports.result():
                if error:
                    label = folder.parent.relative_to(out_dir).as_posix() + "/data"
                    summary.failed.append(label)
                    print(f"failed  {label} (exports): {error}", file=log, flush=True)
            write_index(out_dir, summary.document_errors)
    summary.seconds = time.perf_counter() - started
    print(f"summary {summary.line()}", file=log, flush=True)
    return summary


# --------------------------------------------------------------------------------------------- index

def prune_stale(out_dir: Path, jobs: list[Job]) -> list[Path]:
    """Remove reports (and exports) of documents or notebooks that are gone, so the index never links them."""
    planned = {Path(job.html_path).resolve() for job in jobs}
    editions = {Path(job.html_path).resolve().parent for job in jobs}
    removed = []
    for state in out_dir.glob(f"*/*/.*{STATE_SUFFIX}"):
        html_path = state.with_name(state.name[1:-len(STATE_SUFFIX)] + ".html")
        if html_path.resolve() in planned:
            continue
        for path in (html_path, html_path.with_suffix(".ipynb"), state):
            path.unlink(missing_ok=True)
        removed.append(html_path)
    for folder in out_dir.glob("*/*/data"):
        if folder.parent.resolve() not in editions:
            shutil.rmtree(folder, ignore_errors=True)
    for folder in sorted(out_dir.glob("*/*"), reverse=True) + sorted(out_dir.glob("*")):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return removed


def collect_states(out_dir: Path) -> list[dict[str, Any]]:
    """Every report under OUT with its last build state."""
    states = []
    for path in sorted(out_dir.glob(f"*/*/.*{STATE_SUFFIX}")):
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        html_name = path.name[1:-len(STATE_SUFFIX)] + ".html"
        state["href"] = path.parent.relative_to(out_dir).joinpath(html_name).as_posix()
        state.pop("fingerprint", None)
        states.append(state)
    return states


def write_index(out_dir: Path, document_errors: list[str] | None = None) -> None:
    """OUT/index.html for people and OUT/index.json for machines, from the reports on disk."""
    states = collect_states(out_dir)
    generated = datetime.now(timezone.utc).isoformat(timespec="seconds")
    atomic_write(out_dir / "index.json", json.dumps(
        {"generated": generated, "version": __version__, "reports": states,
         "document_errors": list(document_errors or [])}, ensure_ascii=False, indent=1))
    rows = []
    for state in states:
        status = "gelukt" if state["status"] == "built" else "mislukt"
        rows.append(f"<tr class=\"{html.escape(state['status'])}\"><td>{html.escape(str(state['municipality']))}</td>"
                    f"<td>{html.escape(str(state['year']))}</td>"
                    f"<td><a href=\"{html.escape(state['href'])}\">{html.escape(state['notebook'])}</a></td>"
                    f"<td>{status}</td><td>{html.escape(str(state.get('built_at', '')))}</td>"
                    f"<td>{html.escape((state.get('error') or '').splitlines()[0] if state.get('error') else '')}</td></tr>")
    errors = "".join(f"<li>{html.escape(e)}</li>" for e in (document_errors or []))
    page = f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Begrotingslab - rapporten</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem; color: #1b1b1b; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.95rem; }}
th, td {{ text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #ddd; }}
tr.failed td {{ background: #fde8e4; }}
.errors {{ background: #fde8e4; border: 1px solid #c73e1d; padding: 0.5rem 1rem; }}
@media (max-width: 600px) {{ td:nth-child(5), th:nth-child(5) {{ display: none; }} }}
</style></head><body>
<h1>Begrotingslab</h1>
<p>Rapporten per gemeente en jaar. Gegenereerd op {html.escape(generated)} (versie {html.escape(__version__)}).
Machineleesbaar: <a href="index.json">index.json</a>.</p>
{f'<div class="errors"><strong>Documenten die niet gelezen konden worden</strong><ul>{errors}</ul></div>' if errors else ''}
<table><thead><tr><th>Gemeente</th><th>Jaar</th><th>Rapport</th><th>Status</th><th>Gebouwd (UTC)</th><th>Fout</th></tr></thead>
<tbody>{''.join(rows) or '<tr><td colspan="6">Nog geen rapporten.</td></tr>'}</tbody></table>
</body></html>
"""
    atomic_write(out_dir / "index.html", page)
