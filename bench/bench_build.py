"""Benchmark of the report pipeline (issue 6).

1. Three years of one document, every notebook: `begrotingslab build` against the plain loop a user
   would otherwise write (papermill CLI, then `jupyter nbconvert --to html --no-input`), side by side.
2. The same reports as a bare Python script (the notebooks' code cells, no kernel, no HTML): the
   per-report overhead of the pipeline over the computation itself.
3. A rebuild with nothing changed.
4. Optional (--scale): 100 generated documents, peak memory of the whole process tree, failures.

Besides wall time, each run reports the CPU seconds of everything it started (the kernels included: the
build's kernel templates reap them), which another user's load on the machine does not inflate.

Run: .venv/bin/python bench/bench_build.py [--scale]; results go to bench/results/build.json.
To iterate on the per-report cost without the 13 minutes of the 100-document run:
``--scale-only --scale-documents 20`` (printed, not saved: only the 100-document run is the figure of issue 15).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil

from begrotingslab.build.params import notebook_parameters

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SEED = ROOT / "data" / "raw" / "diemen" / "programmabegroting-2024.txt"
# The per-municipality notebooks: what a user's loop would run for each year (05 compares municipalities
# and is only built when there are two or more).
NOTEBOOKS = [nb for nb in sorted((ROOT / "notebooks").glob("*.ipynb")) if "municipality" in notebook_parameters(nb)]
RESULTS = ROOT / "bench" / "results" / "build.json"


def synthetic_edition(year: int, municipality: str = "diemen") -> str:
    """The seed rewritten as the budget of another year (synthetic: only the years and one sentence differ)."""
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("Programmabegroting 2024", f"Programmabegroting {year}")
    text = text.replace("9 november 2023", f"9 november {year - 1}")
    text = text.replace("ook in 2024 ter hand", f"ook in {year} ter hand")
    return text + f"\nIn {year} rapporteren we twee keer per jaar aan de raad over de voortgang.\n"


def make_data(root: Path, municipalities: list[str], years: list[int], limit: int | None = None) -> Path:
    count = 0
    for municipality in municipalities:
        for year in years:
            if limit is not None and count >= limit:
                return root
            folder = root / "raw" / municipality
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"programmabegroting-{year}.txt").write_text(synthetic_edition(year, municipality), encoding="utf-8")
            count += 1
    return root


def children_cpu() -> float:
    """CPU seconds of every finished child process (and the children they waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], **kwargs) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, **kwargs)
    return time.perf_counter() - started


def measured(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one command and everything it started."""
    cpu = children_cpu()
    return timed(cmd), children_cpu() - cpu


def plain_loop(data: Path, out: Path, years: list[int]) -> float:
    """What a user writes without Begrotingslab's runner: two command lines per notebook and year."""
    started = time.perf_counter()
    for year in years:
        for nb in NOTEBOOKS:
            target = out / "diemen" / str(year) / nb.name
            target.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([str(BIN / "papermill"), str(nb), str(target), "-p", "municipality", "diemen",
                            "-p", "year", str(year), "-p", "data_dir", str(data), "--cwd", str(nb.parent)],
                           check=True, capture_output=True)
            subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(target)],
                           check=True, capture_output=True)
    return time.perf_counter() - started


def bare_script(data: Path, years: list[int], workdir: Path) -> float:
    """The same analysis as plain Python scripts: the notebooks' code cells, one process per report."""
    started = time.perf_counter()
    for year in years:
        for nb in NOTEBOOKS:
            cells = [c.source for c in nbformat.read(nb, as_version=4).cells if c.cell_type == "code"]
            script = workdir / f"{nb.stem}-{year}.py"
            # the parameters cell with its defaults, then what the build would inject, then the rest
            script.write_text(cells[0] + f"\nmunicipality = 'diemen'\nyear = {year}\ndata_dir = {str(data)!r}\n"
                              + "\n".join(cells[1:]), encoding="utf-8")
            subprocess.run([sys.executable, str(script)], check=True, capture_output=True, cwd=nb.parent,
                           env={**os.environ, "MPLBACKEND": "Agg"})
    return time.perf_counter() - started


class PeakMemory:
    """Peak memory of a process and all its children, sampled every 0.5 s: summed PSS (each shared page
    counted once, split over the processes sharing it: what the tree really occupies) and summed RSS (an
    upper bound that counts pages shared by forked kernels and their template once per process)."""

    def __init__(self, pid: int):
        self.process = psutil.Process(pid)
        self.peak = 0  # PSS
        self.peak_rss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            pss = rss = 0
            for proc in [self.process, *self._children()]:
                try:
                    info = proc.memory_full_info()
                except psutil.Error:
                    continue
                pss += getattr(info, "pss", info.rss)
                rss += info.rss
            self.peak, self.peak_rss = max(self.peak, pss), max(self.peak_rss, rss)
            time.sleep(0.5)

    def _children(self) -> list:
        try:
            return self.process.children(recursive=True)
        except psutil.Error:
            return []

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def scale_run(tmp: Path, jobs: int, notebooks: list[str], documents: int = 100) -> dict:
    municipalities = [f"gemeente-{i:02d}" for i in range(-(-documents // 3))]
    data = make_data(tmp / "scale-data", municipalities, [2023, 2024, 2025], limit=documents)
    out = tmp / "scale-out"
    started = time.perf_counter()
    cpu = children_cpu()
    load = os.getloadavg()[0]
    selection = [arg for name in notebooks for arg in ("--notebook", name)]
    proc = subprocess.Popen([str(BIN / "begrotingslab"), "build", "--data", str(data), "--out", str(out),
                             "--jobs", str(jobs), *selection], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with PeakMemory(proc.pid) as memory:
        _, err = proc.communicate()
    seconds, cpu = time.perf_counter() - started, children_cpu() - cpu
    index = json.loads((out / "index.json").read_text())
    failed = [r for r in index["reports"] if r["status"] != "built"]
    return {"documents": documents, "notebooks": notebooks or "all", "reports": len(index["reports"]), "failed": len(failed),
            "seconds_per_report": round(seconds / len(index["reports"]), 2),
            "cpu_s": round(cpu, 1), "cpu_s_per_report": round(cpu / len(index["reports"]), 2),
            "load_average_before_after": [round(load, 2), round(os.getloadavg()[0], 2)],
            "port_or_kernel_errors": sum("port" in (r.get("error") or "").lower() or "kernel" in
                                         (r.get("error") or "").lower() for r in failed),
            "seconds": round(seconds, 1), "peak_memory_mb": round(memory.peak / 2**20),
            "peak_rss_sum_mb": round(memory.peak_rss / 2**20),
            "exit_code": proc.returncode, "summary": err.strip().splitlines()[-1]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", action="store_true", help="also build 100 generated documents")
    parser.add_argument("--scale-only", action="store_true", help="only the 100-document run")
    parser.add_argument("--scale-notebook", action="append", default=[],
                        help="notebooks for the 100-document run (default: all)")
    parser.add_argument("--scale-documents", type=int, default=100,
                        help="documents of the scale run (100 for the figure of issue 15; fewer to iterate)")
    parser.add_argument("--no-save", action="store_true", help="print the results, do not write build.json")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    args = parser.parse_args()
    years = [2023, 2024, 2025]
    results: dict = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmpdir:
        tmp = Path(tmpdir)
        if args.scale_only:
            run = scale_run(tmp, args.jobs, args.scale_notebook, args.scale_documents)
            if args.no_save or args.scale_documents != 100:
                print(json.dumps(run, indent=1), flush=True)
            else:
                results["hundred_documents"] = run
                save(results)
            return
        data = make_data(tmp / "data", ["diemen"], years)
        subprocess.run([str(BIN / "begrotingslab"), "parse", str(SEED)], check=True, capture_output=True)  # warm disk
        load = os.getloadavg()[0]
        cpu = children_cpu()
        loop_s = plain_loop(data, tmp / "loop-out", years)
        loop_cpu = children_cpu() - cpu
        shutil.rmtree(data / "processed", ignore_errors=True)
        build_cmd = [str(BIN / "begrotingslab"), "build", "--data", str(data), "--out", str(tmp / "out"),
                     "--jobs", str(args.jobs)]
        build_s, build_cpu = measured(build_cmd)
        rebuild_s = min(timed(build_cmd) for _ in range(3))
        cpu = children_cpu()
        bare_s = bare_script(data, years, tmp)
        bare_cpu = children_cpu() - cpu
        n_reports = len(years) * len(NOTEBOOKS)
        results["three_years"] = {
            "notebooks": [nb.stem for nb in NOTEBOOKS], "reports": n_reports, "jobs": args.jobs,
            "plain_loop_s": round(loop_s, 2), "build_s": round(build_s, 2), "speedup": round(loop_s / build_s, 2),
            "rebuild_unchanged_s": round(rebuild_s, 2),
            "bare_script_s": round(bare_s, 2),
            "per_report_build_s": round(build_s * args.jobs / n_reports, 2),
            "per_report_bare_s": round(bare_s / n_reports, 2),
            "per_report_overhead_s": round((build_s * args.jobs - bare_s) / n_reports, 2),
            "plain_loop_cpu_s": round(loop_cpu, 1), "build_cpu_s": round(build_cpu, 1), "bare_script_cpu_s": round(bare_cpu, 1),
            "cpu_speedup": round(loop_cpu / build_cpu, 2), "per_report_build_cpu_s": round(build_cpu / n_reports, 2),
            "load_average_before_after": [round(load, 2), round(os.getloadavg()[0], 2)],
        }
        save(results)
        if args.scale:
            results["hundred_documents"] = scale_run(tmp, args.jobs, args.scale_notebook)
            save(results)


def save(results: dict) -> None:
    results["machine"] = {"cores": os.cpu_count(), "python": sys.version.split()[0],
                          "load_average": round(os.getloadavg()[0], 2)}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    print(json.dumps(results, indent=1), flush=True)


if __name__ == "__main__":
    main()
