"""Benchmark of the format readers (issue 3).

1. Round trip: the same synthetic budgets written as text, PDF, HTML (one page and a folder of pages)
   and DOCX; share of identical sentences (after whitespace normalisation) against the text version,
   and whether programmes, portfolio holders, section kinds and tables are the same.
2. Speed: a generated budget PDF of about 250 pages (~120k words) parsed by `parse_document` in a fresh
   process (time and peak memory), against bare text extraction of every page with PDFium (the floor).

Everything is generated here from our own text (tests/synthetic_docs.py); nothing fetched is used.
Run: .venv/bin/python bench/bench_formats.py; results go to bench/results/formats.json.
"""
from __future__ import annotations

import difflib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import synthetic_docs as sd  # noqa: E402
from begrotingslab.structure import parse_document  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "formats.json"
RUNS = 3

CHILD_PREAMBLE = """
import sys, time

def peak():  # VmHWM of this process (ru_maxrss would carry the parent's peak across fork+exec)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
"""
CHILD_PARSE = CHILD_PREAMBLE + """t0 = time.perf_counter()
from begrotingslab.structure import parse_document
t1 = time.perf_counter()
doc = parse_document(sys.argv[1])
t2 = time.perf_counter()
n = sum(1 for _ in doc.iter_sentences())
print(t2 - t1, t1 - t0, peak(), n)
"""
CHILD_FLOOR = CHILD_PREAMBLE + """import pypdfium2 as pdfium
t0 = time.perf_counter()
pdf = pdfium.PdfDocument(sys.argv[1])
chars = 0
for i in range(len(pdf)):
    page = pdf[i]
    textpage = page.get_textpage()
    chars += len(textpage.get_text_range())
    textpage.close(); page.close()
t1 = time.perf_counter()
print(t1 - t0, 0, peak(), chars)
"""


def normalised(document) -> list[str]:
    return [" ".join(s.text.split()) for *_, s in document.iter_sentences()]


def outline(document) -> list[tuple]:
    return [(p.name, tuple(p.portfolio_holders), tuple(s.kind for s in p.sections)) for p in document.programmes]


def tables(document) -> list:
    return [par.rows for p in document.programmes for s in p.sections for par in s.paragraphs if par.rows]


def round_trip(folder: Path) -> dict:
    writers = {"pdf": lambda i, p: sd.write_pdf(i, p.with_suffix(".pdf")),
               "html": lambda i, p: sd.write_html(i, p.with_suffix(".html")),
               "html_folder": lambda i, p: sd.write_html_folder(i, p.parent / (p.name + "_pages")),
               "docx": lambda i, p: sd.write_docx(i, p.with_suffix(".docx"))}
    totals = {fmt: {"sentences_text": 0, "sentences_format": 0, "identical": 0, "structure_same": 0,
                    "tables_same": 0, "documents": 0} for fmt in writers}
    seeds = [1, 2, 3, 4, 5]
    for seed in seeds:
        items = sd.budget(programmes=4, paragraphs=3, sentences=5, seed=seed)
        base = folder / f"synthetic_begroting_2024_{seed}"
        reference = parse_document(sd.write_text(items, base.with_suffix(".md")))
        ref_sentences = normalised(reference)
        for fmt, write in writers.items():
            document = parse_document(write(items, base))
            got = normalised(document)
            matcher = difflib.SequenceMatcher(None, ref_sentences, got, autojunk=False)
            same = sum(block.size for block in matcher.get_matching_blocks())
            row = totals[fmt]
            row["sentences_text"] += len(ref_sentences)
            row["sentences_format"] += len(got)
            row["identical"] += same
            row["structure_same"] += outline(document) == outline(reference)
            row["tables_same"] += tables(document) == tables(reference)
            row["documents"] += 1
    for row in totals.values():
        row["identical_share"] = round(2 * row["identical"] / (row["sentences_text"] + row["sentences_format"]), 4)
    return totals


def run_child(code: str, path: Path) -> tuple[float, float, float, int]:
    env = dict(os.environ)
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True,
                         env=env).stdout.split()
    return float(out[0]), float(out[1]), float(out[2]), int(out[3])


def speed(folder: Path) -> dict:
    items = sd.large_budget(words=124_000)  # about 250 pages in this layout
    path = folder / "synthetic_begroting_250p.pdf"
    t0 = time.perf_counter()
    sd.write_pdf(items, path)
    write_s = time.perf_counter() - t0
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    pages = len(pdf)
    pdf.close()
    parse = [run_child(CHILD_PARSE, path) for _ in range(RUNS)]
    floor = [run_child(CHILD_FLOOR, path) for _ in range(RUNS)]
    parse_s = statistics.median(r[0] for r in parse)
    floor_s = statistics.median(r[0] for r in floor)
    return {
        "pages": pages, "words": sd.words(items), "pdf_bytes": path.stat().st_size,
        "write_fixture_s": round(write_s, 2),
        "parse_s_median": round(parse_s, 2), "parse_s_runs": [round(r[0], 2) for r in parse],
        "import_s": round(statistics.median(r[1] for r in parse), 2),
        "peak_rss_mb": round(max(r[2] for r in parse), 1), "sentences": parse[0][3],
        "pages_per_s": round(pages / parse_s, 1),
        "floor_text_extraction_s_median": round(floor_s, 2),
        "floor_peak_rss_mb": round(max(r[2] for r in floor), 1),
        "floor_pages_per_s": round(pages / floor_s, 1),
        "ratio_to_floor": round(parse_s / floor_s, 2),
        "targets": {"parse_s_under": 15, "peak_rss_mb_under": 1024},
    }


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-formats-") as tmp:
        folder = Path(tmp)
        results = {"round_trip": round_trip(folder), "pdf_250_pages": speed(folder),
                   "machine": {"cores": os.cpu_count(), "python": platform.python_version()}}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    tmp_out = RESULTS.with_suffix(".json.tmp")
    tmp_out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp_out, RESULTS)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
