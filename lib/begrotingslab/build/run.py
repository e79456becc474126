"""Running one report: papermill in a fresh kernel, a timeout, the HTML, and storing the outcome.

``run_job`` runs in a worker process (of the local pool, or on a Dask worker): it starts a kernel forked
from the worker's template (kernels.py), executes the notebook with its parameters, renders the HTML
(render.py) and names no path of the machine (redact.py). ``execute`` hands the jobs to the workers and
yields their results as they finish. ``store_result`` writes a result atomically in the parent: a failed
report whose previous version succeeded keeps that version, marked stale.
"""
from __future__ import annotations

import json
import multiprocessing
import signal
import tempfile
import threading
import time
import traceback
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from .. import reads
from ..files import atomic_write
from .kernels import close_template, start_kernel, stop_kernel
from .plan import Job, read_state, state_path
from .redact import local_paths, redact
from .render import render_html


@dataclass
class Result:
    job: Job
    status: str  # built | failed | reused
    seconds: float = 0.0
    error: str | None = None
    html: bytes | None = None
    ipynb: bytes | None = None
    reads: list | None = None  # the corpus selections the notebook loaded (reads.py)


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
        nb = None
        try:
            km = start_kernel(job.cwd, {**job.env, reads.ENV: str(noted)})  # fresh, forked from a template
            nb = papermill.execute_notebook(
                job.notebook, str(output), parameters=job.parameters, kernel_name="python3",
                cwd=job.cwd, progress_bar=False, log_output=False, execution_timeout=job.timeout,
                request_save_on_cell_execute=False,  # one write at the end, not one per cell
                kernel_manager_class=type(km), shutdown_kernel="immediate", km=km,
            )
        except papermill.PapermillExecutionError as exc:
            error = f"{exc.ename}: {first_line(exc.evalue)} (cell {exc.exec_count})"
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
        if nb is None:  # failed: the executed notebook as papermill wrote it (with the failed cell), if any
            nb = nbformat.read(output if output.exists() else job.notebook, as_version=4)
        pairs = [*job.redactions, *local_paths(), (tmp, "<tmp>")]
        error = redact(error, pairs) if error else None
        nb.metadata["begrotingslab"] = {"municipality": job.municipality, "year": job.year,
                                        "status": "failed" if error else "built", "error": error}
        _neutral_papermill_metadata(nb, job)
        ipynb = redact(nbformat.writes(nb), pairs).encode("utf-8")
        # the notebook is not used after this: the page is made from it as it is, without a copy
        page = redact(render_html(nb, title=f"{job.name} - {job.municipality} {job.year}", error=error, copy=False),
                      pairs)
        selections = reads.collected(noted)
    return Result(job=job, status="failed" if error else "built", seconds=time.perf_counter() - started,
                  error=error, html=page.encode("utf-8"), ipynb=ipynb, reads=selections)


def first_line(message: str) -> str:
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


def safe_run_job(job: Job) -> Result:
    try:
        return run_job(job)
    except BaseException as exc:  # never let one report take the pool down
        pairs = [*job.redactions, *local_paths()]
        return Result(job=job, status="failed",
                      error=redact(f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}", pairs))


def execute(jobs: list[Job], workers: int, dask_address: str | None, after: Future | None = None,
            waits: Callable[[Job], bool] = lambda job: False):
    """Yield results as they finish, from a local process pool or a Dask cluster.

    The jobs for which ``waits`` is true start only once ``after`` is done (work of the build itself that
    they read, such as the corpus-wide topics); the others run meanwhile. If ``after`` failed, those jobs
    fail with its error.
    """
    if not jobs:
        return
    first, later = [], []
    for job in jobs:
        (later if after is not None and waits(job) else first).append(job)
    if dask_address:
        from distributed import Client, as_completed as dask_completed

        with Client(dask_address) as client:
            for future in dask_completed(client.map(safe_run_job, first, pure=False)):
                yield future.result()
            ready, failures = _ready(after, later)
            yield from failures
            for future in dask_completed(client.map(safe_run_job, ready, pure=False)):
                yield future.result()
        return
    lanes = 1 if (workers <= 1 or len(jobs) == 1) else min(workers, len(jobs))
    if lanes == 1:
        try:
            yield from map(safe_run_job, first)
            ready, failures = _ready(after, later)
            yield from failures
            yield from map(safe_run_job, ready)
        finally:
            close_template()  # the next build in this process imports the library afresh
        return
    # Spawned, not forked: a parent that already ran kernels holds ZMQ contexts and event loops that a
    # forked child would inherit half-alive. (Kernels themselves are forked, from a template that has none.)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=lanes, mp_context=context) as pool:
        pending = {pool.submit(safe_run_job, job) for job in first}
        while pending or later:
            done, _ = wait(pending | ({after} if later else set()), return_when=FIRST_COMPLETED)
            if later and after.done():
                ready, failures = _ready(after, later)
                yield from failures
                pending |= {pool.submit(safe_run_job, job) for job in ready}
                later = []
            for future in done & pending:
                pending.discard(future)
                yield future.result()


def _ready(after: Future | None, later: list[Job]) -> tuple[list[Job], list[Result]]:
    """The waiting jobs once ``after`` is done: all of them to run, or (when it failed) a failure for each."""
    if not later:
        return [], []
    error = after.exception()  # waits for it
    if error is None:
        return later, []
    message = f"work the build does before this report failed: {type(error).__name__}: {error}"
    return [], [Result(job=job, status="failed", error=redact(message, [*job.redactions, *local_paths()]))
                for job in later]


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
