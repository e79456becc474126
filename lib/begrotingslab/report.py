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

from . import __version__, limits, manifest, reads
from .errors import BegrotingslabError
from .files import atomic_write
from .kernels import DATA_ENV, TAXONOMY_ENV, BuildKernelManager, close_template, start_kernel, stop_kernel
from .redact import build_paths, local_paths, redact
from .text import slug

PACKAGE_DIR = Path(__file__).parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATE_SUFFIX = manifest.STATE_SUFFIX
FAILED_SUFFIX = ".mislukt.html"  # the failed attempt beside a report that kept its previous good version
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
    reads: list | None = None  # the corpus selections the notebook loaded (reads.py)


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
         timeout: int = 600, taxonomy: Path | None = None, topics: str | None = None,
         redactions: list | None = None) -> list[Job]:
    """Every report to build, with validated parameters and the fingerprint of what does not come from the
    corpus (notebook, parameters, library, taxonomy); the documents a report read are checked by
    ``is_current`` against what it noted (reads.py).

    A notebook with a ``municipality`` parameter runs for every (municipality, year); one with only ``year``
    compares municipalities and runs for every year that has two or more of them. ``topics`` is the name of
    the corpus-wide topics this build stored (buildcache.py), passed to notebooks that declare it.
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
    redactions = list(redactions or [])
    declared = {nb: notebook_parameters(nb) for nb in notebooks}
    targets = [(str(row.municipality), int(row.year)) for row in editions.itertuples(index=False)]
    per_year = editions.groupby("year")["municipality"].nunique()
    targets += [(None, year) for year in sorted(int(y) for y in per_year[per_year >= 2].index)]
    taxonomy_text = Path(taxonomy).read_text(encoding="utf-8") if taxonomy else None
    jobs = []
    for municipality, year in targets:
        folder = out_dir / (slug(municipality) if municipality else ALL_MUNICIPALITIES) / str(year)
        for nb in notebooks:
            if ("municipality" in declared[nb]) != (municipality is not None):
                continue
            params = {"municipality": municipality, "year": year, "data_dir": str(data_dir.resolve()),
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
                            env={**limits.environment(), DATA_ENV: str(data_dir.resolve()),
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
        noted = Path(tmp) / "reads.jsonl"

        def on_alarm(signum, frame):
            raise _NotebookTimeout(f"notebook took longer than {job.timeout} s")

        previous = signal.signal(signal.SIGALRM, on_alarm) if on_main_thread else None
        if on_main_thread:
            signal.alarm(job.timeout)
        km = None
        try:
            km = start_kernel(job.cwd, {**job.env, reads.ENV: str(noted)})  # fresh, forked from a template
            papermill.execute_notebook(
                job.notebook, str(output), parameters=job.parameters, kernel_name="python3",
                cwd=job.cwd, progress_bar=False, log_output=False, execution_timeout=job.timeout,
                request_save_on_cell_execute=False,  # one write at the end, not one per cell
                kernel_manager_class=BuildKernelManager, shutdown_kernel="immediate", km=km,
            )
        except papermill.PapermillExecutionError as exc:
            error = f"{exc.ename}: {_first_line(exc.evalue)} (cell {exc.exec_count})"
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
        pairs = [*job.redactions, *local_paths(), (tmp, "<tmp>")]
        error = redact(error, pairs) if error else None
        nb.metadata["begrotingslab"] = {"municipality": job.municipality, "year": job.year,
                                        "status": "failed" if error else "built", "error": error}
        _neutral_papermill_metadata(nb, job)
        ipynb = redact(nbformat.writes(nb), pairs).encode("utf-8")
        page = redact(render_html(nb, title=f"{job.name} - {job.municipality} {job.year}", error=error), pairs)
        selections = reads.collected(noted)
    return Result(job=job, status="failed" if error else "built", seconds=time.perf_counter() - started,
                  error=error, html=page.encode("utf-8"), ipynb=ipynb, reads=selections)


def _first_line(message: str) -> str:
    """The first line of an error message that says something (matplotlib's start with a blank line)."""
    lines = [line.strip() for line in str(message).splitlines() if line.strip()]
    return lines[0] if lines else "(no message)"


def _neutral_papermill_metadata(nb, job: Job) -> None:
    """Papermill records where it ran (input, output, working folder); the report names them, not the machine."""
    record = nb.metadata.get("papermill")
    if record is not None:
        record["input_path"] = Path(job.notebook).name
        record["output_path"] = Path(job.ipynb_path).name
        record["cwd"] = "notebooks"


def _safe_run_job(job: Job) -> Result:
    try:
        return run_job(job)
    except BaseException as exc:  # never let one report take the pool down
        pairs = [*job.redactions, *local_paths()]
        return Result(job=job, status="failed",
                      error=redact(f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}", pairs))


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
    stale: list[str] = field(default_factory=list)  # failed, but the previous good version stays in place
    document_errors: list[str] = field(default_factory=list)
    document_warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed and not self.document_errors

    @property
    def exit_code(self) -> int:
        """0 all well; 1 a report or export failed; 2 only unreadable input (documents)."""
        return 1 if self.failed else 2 if self.document_errors else 0

    def line(self) -> str:
        kept = f" ({len(self.stale)} kept the previous version)" if self.stale else ""
        return (f"{len(self.built)} built, {len(self.reused)} reused, {len(self.failed)} failed{kept}, "
                f"{len(self.document_errors)} unreadable document(s) in {self.seconds:.1f} s")


def store_result(result: Result, documents=None) -> Result:
    """Write the report files atomically, then the state that marks them current.

    A failed report whose previous version succeeded keeps that version in place, marked stale (status
    'stale', with the error); the failed attempt is kept beside it as NAME.mislukt.html. Returns the
    result, its status 'stale' in that case.
    """
    job = result.job
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    previous = read_state(job)
    if result.status == "failed" and previous.get("status") in ("built", "stale") and Path(job.html_path).exists():
        if result.html is not None:
            atomic_write(Path(job.failed_path), result.html)
        state = {**previous, "status": "stale", "error": result.error, "failed_at": now,
                 "failed_href": Path(job.failed_path).name}
        atomic_write(state_path(job), json.dumps(state, ensure_ascii=False, indent=1))
        return Result(job=job, status="stale", seconds=result.seconds, error=result.error)
    if result.html is not None:
        atomic_write(Path(job.html_path), result.html)
    if result.ipynb is not None:
        atomic_write(Path(job.ipynb_path), result.ipynb)
    Path(job.failed_path).unlink(missing_ok=True)
    state = {"municipality": job.municipality, "year": job.year, "notebook": job.name,
             "status": result.status, "error": result.error, "fingerprint": job.fingerprint,
             "seconds": round(result.seconds, 2), "built_at": now}
    if result.reads is not None and documents is not None:
        state.update(reads=result.reads, inputs=reads.digest(documents, result.reads))
    atomic_write(state_path(job), json.dumps(state, ensure_ascii=False, indent=1))
    return result


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
            line += f": {_first_line(result.error)}"
        if result.status == "stale":
            line += " (the previous version stays)"
        if self.bar is not None:
            self.bar.update(1)
            if result.status in ("failed", "stale"):
                self.bar.write(line)
        else:
            print(line, file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def build(data_dir: Path = Path("data"), out_dir: Path = Path("reports"), municipalities: list[str] | None = None,
          years: list[int] | None = None, notebooks: list[str] | None = None, jobs: int | None = None,
          force: bool = False, notebooks_dir: Path | None = None, timeout: int = 600,
          dask_address: str | None = None, taxonomy: Path | None = None, log=None,
          allow_other_files: bool = False, allow_shrink: bool = False) -> Summary:
    """Build (or reuse) every report and write the index; see the module docstring.

    The output folder must hold only what builds wrote (``allow_other_files``: build beside other files,
    which are never removed); a corpus that shrank to nothing or by more than half since the last full build
    is refused (``allow_shrink``: it is meant to). A full build removes what the manifest lists and the plan
    no longer makes.
    """
    from .corpus import load_corpus

    log = log or sys.stderr
    started = time.perf_counter()
    summary = Summary()
    if jobs is not None and jobs < 1:
        raise BegrotingslabError(f"--jobs {jobs}: give 1 or more kernels at once")
    if timeout < 1:
        raise BegrotingslabError(f"--timeout {timeout}: give 1 or more seconds")
    out_dir = Path(out_dir)
    # absolute: kernels start in the notebooks' folder, wherever the build was started
    notebooks_dir = Path(notebooks_dir or default_notebooks_dir()).resolve()
    notebook_paths = list_notebooks(notebooks_dir, notebooks)
    adopted = manifest.check_out(out_dir, allow_other_files)  # before anything is written there
    _check_writable(out_dir, "the reports")
    # the folder as the notebooks will name it, so they find the cache and snapshot this load leaves
    corpus = load_corpus(Path(data_dir).resolve())
    _check_writable(Path(data_dir) / "processed", "the cache of parsed documents")
    manifest.check_shrink(out_dir, len(corpus.documents), allow_shrink, Path(data_dir))
    for err in corpus.errors:
        summary.document_errors.append(str(err))
        print(f"error   {err}", file=log, flush=True)
    for warning in corpus.warnings:
        summary.document_warnings.append(str(warning))
        print(f"warning {warning}", file=log, flush=True)
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
    redactions = build_paths(Path(data_dir), notebooks_dir, out_dir)
    topics = None
    if any("topics" in notebook_parameters(nb) for nb in notebook_paths):
        from .buildcache import store_topics

        topics = store_topics(corpus, Path(data_dir), taxonomy)  # fitted once for every report that shows them
    all_jobs = plan(corpus, notebook_paths, out_dir, data_dir, municipalities, years, timeout, taxonomy,
                    topics=topics, redactions=redactions)
    todo = []
    for job in all_jobs:
        if not force and is_current(job, corpus.documents):
            summary.reused.append(job.label)
        else:
            todo.append(job)
    from .corpus import store_lemmas
    from .exports import export_paths, write_exports

    store_lemmas(corpus, data_dir)  # every word lemmatised once, here, for every notebook (a no-op when stored)
    full = not (municipalities or years or notebooks or summary.document_errors)
    outputs = [out_dir / "index.html", out_dir / "index.json", *(path for job in all_jobs for path in job.outputs),
               *(path for row in _exported(corpus, municipalities, years)
                 for path in export_paths(out_dir, *row))]
    # before writing: a killed build leaves nothing unlisted (reports of a build before manifests are ours too)
    manifest.record(out_dir, [*outputs, *(out_dir / name for name in adopted)])
    if full:  # every document read and every report planned: the plan is the whole truth
        manifest.prune(out_dir, outputs, documents=len(corpus.documents))

    progress = _Progress(len(todo), log)
    # the exports are written beside the reports while the kernels run (this process would wait otherwise)
    with ThreadPoolExecutor(max_workers=1) as side:
        exports = side.submit(write_exports, corpus, out_dir, municipalities, years)
        try:
            for result in _execute(todo, jobs or os.cpu_count() or 1, dask_address):
                result = store_result(result, corpus.documents)
                (summary.built if result.status == "built" else summary.failed).append(result.job.label)
                if result.status == "stale":
                    summary.stale.append(result.job.label)
                progress.report(result)
        finally:
            progress.close()
            for folder, error in exports.result():
                if error:
                    label = folder.parent.relative_to(out_dir).as_posix() + "/data"
                    summary.failed.append(label)
                    print(f"failed  {label} (exports): {error}", file=log, flush=True)
            write_index(out_dir, summary.document_errors, summary.document_warnings)
    summary.seconds = time.perf_counter() - started
    print(f"summary {summary.line()}", file=log, flush=True)
    return summary


def _exported(corpus, municipalities: list[str] | None, years: list[int] | None) -> list[tuple[str, int]]:
    """The (municipality, year) editions whose exports this build writes (the filters as write_exports reads them)."""
    wanted = {slug(m) for m in municipalities or []}
    return [(str(row.municipality), int(row.year)) for row in corpus.editions().itertuples(index=False)
            if (not wanted or str(row.municipality) in wanted) and (not years or int(row.year) in years)]


def _check_writable(folder: Path, what: str) -> None:
    """One clear line now, instead of a traceback after every notebook ran, when a folder cannot be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".begrotingslab-probe-", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        raise BegrotingslabError(f"{folder}: cannot write {what} there ({exc.strerror or exc})") from None


# --------------------------------------------------------------------------------------------- index

def collect_states(out_dir: Path) -> list[dict[str, Any]]:
    """Every report under OUT with its last build state (only reports the manifest lists: a build owns
    only what it wrote)."""
    listed = set(manifest.read(out_dir)["files"])
    states = []
    for path in sorted(out_dir.glob(f"*/*/.*{STATE_SUFFIX}")):
        if path.relative_to(out_dir).as_posix() not in listed:
            continue
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        html_name = path.name[1:-len(STATE_SUFFIX)] + ".html"
        folder = path.parent.relative_to(out_dir)
        state["href"] = folder.joinpath(html_name).as_posix()
        if state.get("failed_href"):
            state["failed_href"] = folder.joinpath(state["failed_href"]).as_posix()
        for key in ("fingerprint", "reads", "inputs"):
            state.pop(key, None)
        states.append(state)
    return states


STATUS_LABELS = {"built": "gelukt", "failed": "mislukt", "stale": "verouderd"}


def _error_cell(state: dict) -> str:
    error = html.escape(_first_line(state["error"])) if state.get("error") else ""
    if state.get("status") == "stale":
        attempt = (f' (<a href="{html.escape(state["failed_href"])}">mislukte poging</a>)'
                   if state.get("failed_href") else "")
        error = (f"Laatste poging mislukt op {html.escape(str(state.get('failed_at', '')))}{attempt}; "
                 f"dit is de vorige versie. {error}")
    return error


def write_index(out_dir: Path, document_errors: list[str] | None = None,
                document_warnings: list[str] | None = None) -> None:
    """OUT/index.html for people and OUT/index.json for machines, from the reports on disk."""
    states = collect_states(out_dir)
    generated = datetime.now(timezone.utc).isoformat(timespec="seconds")
    atomic_write(out_dir / "index.json", json.dumps(
        {"generated": generated, "version": __version__, "reports": states,
         "document_errors": list(document_errors or []), "document_warnings": list(document_warnings or [])},
        ensure_ascii=False, indent=1))
    rows = []
    for state in states:
        status = STATUS_LABELS.get(state["status"], state["status"])
        rows.append(f"<tr class=\"{html.escape(state['status'])}\"><td>{html.escape(str(state['municipality']))}</td>"
                    f"<td>{html.escape(str(state['year']))}</td>"
                    f"<td><a href=\"{html.escape(state['href'])}\">{html.escape(state['notebook'])}</a></td>"
                    f"<td>{status}</td><td>{html.escape(str(state.get('built_at', '')))}</td>"
                    f"<td>{_error_cell(state)}</td></tr>")
    errors = "".join(f"<li>{html.escape(e)}</li>" for e in (document_errors or []))
    warned = "".join(f"<li>{html.escape(w)}</li>" for w in (document_warnings or []))
    page = f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Begrotingslab - rapporten</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem; color: #1b1b1b; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.95rem; }}
th, td {{ text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #ddd; }}
tr.failed td {{ background: #fde8e4; }}
tr.stale td {{ background: #fff4d6; }}
.errors {{ background: #fde8e4; border: 1px solid #c73e1d; padding: 0.5rem 1rem; }}
.warnings {{ background: #fff4d6; border: 1px solid #f18f01; padding: 0.5rem 1rem; margin-top: 0.5rem; }}
@media (max-width: 600px) {{ td:nth-child(5), th:nth-child(5) {{ display: none; }} }}
</style></head><body>
<h1>Begrotingslab</h1>
<p>Rapporten per gemeente en jaar. Gegenereerd op {html.escape(generated)} (versie {html.escape(__version__)}).
Machineleesbaar: <a href="index.json">index.json</a>.</p>
{f'<div class="errors"><strong>Documenten die niet gelezen konden worden</strong><ul>{errors}</ul></div>' if errors else ''}
{f'<div class="warnings"><strong>Gelezen, met delen overgeslagen</strong><ul>{warned}</ul></div>' if warned else ''}
<table><thead><tr><th>Gemeente</th><th>Jaar</th><th>Rapport</th><th>Status</th><th>Gebouwd (UTC)</th><th>Fout</th></tr></thead>
<tbody>{''.join(rows) or '<tr><td colspan="6">Nog geen rapporten.</td></tr>'}</tbody></table>
</body></html>
"""
    atomic_write(out_dir / "index.html", page)
