"""The build, step by step: ``begrotingslab build`` calls ``build`` here.

1. check the output folder (manifest.py: a build owns only what it wrote) and load the corpus;
2. work done once per build: the taxonomy checked, the corpus-wide topics (buildcache.py), the lemmas;
3. plan (plan.py): a job per (municipality, year, notebook) with validated parameters (params.py), and
   which of them are current and reused;
4. record every file the build will write in the manifest, and prune what a full build no longer makes;
5. run the rest (run.py: papermill in kernels forked by kernels.py, HTML by render.py), storing each
   result as it comes, while the exports (exports.py) are written beside them;
6. write the site around the reports (site.py: the index, a page per municipality, the shared assets of
   assets.py) and print a summary.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..buildcache import store_topics, topics_name
from ..corpus import load_corpus, store_lemmas
from ..errors import BegrotingslabError
from ..themes import load_taxonomy
from . import manifest
from .exports import export_paths, exported, write_exports
from .params import notebook_parameters
from .plan import is_current, list_notebooks, plan
from .redact import build_paths
from .run import Result, execute, first_line, store_result
from .site import site_paths, write_index


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
            line += f": {first_line(result.error)}"
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
    log = log or sys.stderr
    started = time.perf_counter()
    summary = Summary()
    if jobs is not None and jobs < 1:
        raise BegrotingslabError(f"--jobs {jobs}: give 1 or more kernels at once")
    if timeout < 1:
        raise BegrotingslabError(f"--timeout {timeout}: give 1 or more seconds")
    # absolute: kernels start in the notebooks' folder, wherever the build was started, and a report run in
    # this process (one lane) moves this process there while the exports and the topics are written beside it
    out_dir, data_dir = Path(out_dir).absolute(), Path(data_dir).absolute()
    notebooks_dir = Path(notebooks_dir or paths.notebooks_dir()).resolve()
    notebook_paths = list_notebooks(notebooks_dir, notebooks)
    adopted = manifest.check_out(out_dir, allow_other_files)  # before anything is written there
    _check_writable(out_dir, "the reports")
    # the folder as the notebooks will name it, so they find the cache and snapshot this load leaves
    corpus = load_corpus(Path(data_dir).resolve())
    _check_writable(paths.processed_dir(data_dir), "the cache of parsed documents")
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

    # a malformed file stops the build here, with its line, not in every notebook; loading it also
    # lemmatises its terms, which store_lemmas below keeps for the kernels
    load_taxonomy(taxonomy)
    redactions = build_paths(Path(data_dir), notebooks_dir, out_dir)
    # the topics are fitted once for every report that shows them, in the side thread below, while the
    # other reports run; their name is known now (the key does not need the fit)
    topics = topics_name(corpus, taxonomy) if any("topics" in notebook_parameters(nb) for nb in notebook_paths) else None
    all_jobs = plan(corpus, notebook_paths, out_dir, data_dir, municipalities, years, timeout, taxonomy,
                    topics=topics, redactions=redactions)
    todo = []
    for job in all_jobs:
        if not force and is_current(job, corpus.documents):
            summary.reused.append(job.label)
        else:
            todo.append(job)
    store_lemmas(corpus, data_dir)  # every word lemmatised once, here, for every notebook (a no-op when stored)
    full = not (municipalities or years or notebooks or summary.document_errors)
    outputs = [*site_paths(out_dir, (job.folder for job in all_jobs)), *(path for job in all_jobs for path in job.outputs),
               *(path for row in exported(corpus, municipalities, years)
                 for path in export_paths(out_dir, *row))]
    # before writing: a killed build leaves nothing unlisted (reports of a build before manifests are ours too)
    manifest.record(out_dir, [*outputs, *(out_dir / name for name in adopted)])
    if full:  # every document read and every report planned: the plan is the whole truth
        manifest.prune(out_dir, outputs, documents=len(corpus.documents))

    progress = _Progress(len(todo), log)
    # the exports are written beside the reports while the kernels run (this process would wait otherwise)
    with ThreadPoolExecutor(max_workers=2) as side:
        exports = side.submit(write_exports, corpus, out_dir, municipalities, years, taxonomy=taxonomy)
        fitted = side.submit(store_topics, corpus, Path(data_dir), taxonomy) if topics else None
        try:
            for result in execute(todo, jobs or os.cpu_count() or 1, dask_address, after=fitted,
                                  waits=lambda job: job.parameters.get("topics") is not None):
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
            names = dict(zip(corpus.editions()["municipality"], corpus.editions()["name"]))
            write_index(out_dir, summary.document_errors, summary.document_warnings, names)
    summary.seconds = time.perf_counter() - started
    print(f"summary {summary.line()}", file=log, flush=True)
    return summary


def _check_writable(folder: Path, what: str) -> None:
    """One clear line now, instead of a traceback after every notebook ran, when a folder cannot be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".begrotingslab-probe-", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        raise BegrotingslabError(f"{folder}: cannot write {what} there ({exc.strerror or exc})") from None
