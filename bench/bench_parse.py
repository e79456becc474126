"""Benchmark of the text reader, the Dutch sentence splitter and the corpus cache (issues 2 and 15).

A generated 250-page Markdown budget (~120k words, synthetic): parse time, sentences per second,
peak memory, and how long an unchanged document takes when it comes from the Parquet cache.
Also the seed document, parsed end to end, and the splitter on one paragraph of 100 KB to 10 MB.
Results: bench/results/parse.json.
"""
from __future__ import annotations

import json
import resource
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from bench_compare import big_budget  # noqa: E402  (the same generated 250-page budget, beside this file)

from begrotingslab.corpus import load_corpus  # noqa: E402
from begrotingslab.structure import parse_document  # noqa: E402
from begrotingslab.text import split_sentences  # noqa: E402

SEED = ROOT / "data" / "raw" / "diemen" / "programmabegroting-2024.txt"


def best_of(n: int, fn) -> float:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def one_paragraph() -> dict:
    """The splitter on one huge paragraph (issue 15: it was quadratic, 400 KB took 131 s): time per size,
    so linear growth shows, plus a paragraph of emphasis markers that never close."""
    sentence = "We willen in 2024 meer doen. "
    sizes = {"100KB": 100_000, "400KB": 400_000, "10MB": 10_000_000}
    out = {}
    for label, size in sizes.items():
        paragraph = sentence * (size // len(sentence))
        started = time.perf_counter()
        found = split_sentences(paragraph)
        out[f"{label}_s"] = round(time.perf_counter() - started, 2)
        out[f"{label}_sentences"] = len(found)
    markers = "**a " * 250_000  # 1 MB of '**' that never close
    started = time.perf_counter()
    split_sentences(markers)
    out["unclosed_emphasis_1MB_s"] = round(time.perf_counter() - started, 2)
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "raw" / "groot"
        folder.mkdir(parents=True)
        path = folder / "programmabegroting-2024.md"
        text = big_budget(2024)
        path.write_text(text, encoding="utf-8")
        parse_s = best_of(3, lambda: parse_document(path))
        document = parse_document(path)
        n_sentences = sum(1 for _ in document.iter_sentences())
        paragraphs = [p.text for prog in document.programmes for s in prog.sections for p in s.paragraphs]
        split_s = best_of(3, lambda: [split_sentences(p) for p in paragraphs])
        first = time.perf_counter()
        load_corpus(tmp)
        cold_s = time.perf_counter() - first
        cached_s = best_of(3, lambda: load_corpus(tmp))
    seed_s = best_of(5, lambda: parse_document(SEED))
    splitter = one_paragraph()
    results = {
        "generated_250_pages": {
            "words": len(text.split()), "sentences": n_sentences, "parse_s": round(parse_s, 3),
            "sentences_per_s": round(n_sentences / parse_s), "split_only_s": round(split_s, 3),
            "corpus_cold_s": round(cold_s, 3), "corpus_from_cache_s": round(cached_s, 3),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        },
        "seed": {"sentences": sum(1 for _ in parse_document(SEED).iter_sentences()), "parse_ms": round(seed_s * 1000, 1)},
        "one_paragraph": splitter,
    }
    out = ROOT / "bench" / "results" / "parse.json"
    out.write_text(json.dumps(results, indent=1) + "\n")
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
