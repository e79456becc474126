"""Benchmark of the site (issue 16): what the pages weigh with their interactive tables.

1. The seed, every notebook: each report page, the files it loads from OUT/_static/ (once per site, then cached),
   the landing page and the municipality page. Goal: a report of the seed under 1 MB with everything it loads.
2. A generated 250-page budget (bench_compare.big_budget, synthetic, about 1,500 promises): the same; goal under 5 MB.
3. Screenshots (headless chromium, when installed) of the landing page and of the 250-page ambitions report,
   sorted by SMART score: bench/results/site_landing.png and site_report.png.

Run: .venv/bin/python bench/bench_site.py; results go to bench/results/site.json.
"""
from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import browser  # noqa: E402
from bench_compare import big_budget  # noqa: E402
from begrotingslab.build import assets  # noqa: E402
from begrotingslab.build.pipeline import build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "raw" / "diemen" / "programmabegroting-2024.txt"
RESULTS = ROOT / "bench" / "results"
MB = 1024 * 1024
LIMITS = {"seed": 1 * MB, "250_pages": 5 * MB}


def weights(out: Path, folder: str) -> dict:
    """Bytes of each page of one municipality, alone and with the shared assets it loads."""
    shared = sum(p.stat().st_size for p in assets.paths(out) if p.suffix in (".js", ".css"))
    reports = {p.stem: p.stat().st_size for p in sorted((out / folder).glob("*/*.html"))}
    return {"reports": reports, "shared_assets": shared,
            "heaviest_with_assets": max(reports.values()) + shared,
            "municipality_page": (out / folder / "index.html").stat().st_size,
            "landing_page": (out / "index.html").stat().st_size}


def built(data: Path, out: Path) -> float:
    started = time.perf_counter()
    summary = build(data, out, jobs=2, log=open("/dev/null", "w"))
    if not summary.ok:
        raise SystemExit(f"build failed: {summary.failed}")
    return round(time.perf_counter() - started, 1)


def screenshots(out: Path) -> list[str]:
    """The landing page (a phone) and the ambitions report sorted by SMART score, highest first (a desktop)."""
    if browser.missing():
        print(f"no screenshots: {browser.missing()}")
        return []
    saved = []
    with browser.chromium() as chromium:
        landing = browser.Visit(chromium, out / "index.html", browser.PHONE)
        landing.page.screenshot(path=str(RESULTS / "site_landing.png"))
        landing.close()
        report = browser.Visit(chromium, out / "groot" / "2024" / "03_ambities.html", browser.DESKTOP)
        score = report.page.locator("table.begrotingslab-ambities thead th", has_text="Score").first
        for _ in range(3):  # a click at a time, until the table says it is sorted highest first
            if score.get_attribute("aria-sort") == "descending":
                break
            score.click()
            report.page.wait_for_timeout(100)
        report.page.mouse.move(0, 0)  # no row highlighted under the pointer
        report.page.locator("div.dt-container:has(table.begrotingslab-ambities)").evaluate(
            "box => box.scrollIntoView({block: 'start'})")
        report.page.screenshot(path=str(RESULTS / "site_report.png"))
        report.close()
        saved = ["bench/results/site_landing.png", "bench/results/site_report.png"]
    return saved


def main() -> None:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        (data / "raw" / "diemen").mkdir(parents=True)
        shutil.copy(SEED, data / "raw" / "diemen" / SEED.name)
        (data / "raw" / "groot").mkdir(parents=True)
        (data / "raw" / "groot" / "programmabegroting-2024.md").write_text(big_budget(2024), encoding="utf-8")
        out = Path(tmp) / "reports"
        seconds = built(data, out)
        ambitions = (out / "groot" / "2024" / "data" / "headlines.json").read_text(encoding="utf-8")
        figures = json.loads(ambitions)
        results = {"seed": weights(out, "diemen"),
                   "250_pages": {**weights(out, "groot"), "promises": figures["ambitions"] + figures["commitments"]},
                   "build_s": seconds}
        for name, limit in LIMITS.items():
            results[name]["limit_bytes"] = limit
            results[name]["within_limit"] = results[name]["heaviest_with_assets"] < limit
        results["screenshots"] = screenshots(out)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "site.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=1))
    if not all(results[name]["within_limit"] for name in LIMITS):
        raise SystemExit("a report is over its weight limit")


if __name__ == "__main__":
    main()
