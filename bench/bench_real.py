"""Measure the reading and the sentence analyses on real budgets (bench/data/real) and their speed.

    .venv/bin/python bench/bench_real.py              # table + bench/results/real.json
    .venv/bin/python bench/bench_real.py --errors     # also list the statement errors of the TUNE split

What is measured and how: see bench/real_dev.py. Splits: ``tune`` (municipalities whose errors the rules were
written against), ``check`` (municipalities whose errors were not looked at until session 19; since then six
phrasings found among its statement errors are rules, so ``check`` is no longer blind and reads optimistic: a fresh
held-out set is the estimate for budgets the rules never saw) and ``all``. Per labeller too (reviewer A/C of
labels.json, helper B of labels_extra.json). Reader: how many units reach the analyses and the share of them that
are not sentences; the headings nothing could place.

Throughput: the real sentences, repeated with their words rotated (and a nonsense word where a rotation comes back)
to 50,000 distinct sentences; through ``classify_sentences`` (statement, SMART, level, ...) and ``tag_sentences``
(themes) separately, CPU seconds with warm caches (a second pass), and the load average (on a busy machine the
figures say less). Both analyse a repeated sentence (text and context) once per call; in this set nothing repeats,
so the figures are the cost of 50,000 different sentences.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import pandas as pd

import real_dev
from many import many_sentences
from begrotingslab.ambitions import classify_sentences
from begrotingslab.corpus import load_corpus
from begrotingslab.overview import unplaced_headings
from begrotingslab.themes import load_taxonomy, tag_sentences

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "real.json"
TARGETS = {"statement_f1": 0.85, "statement_accuracy_3class": 0.85, "specific_agreement": 0.65,
           "measurable_agreement": 0.80, "time_bound_agreement": 0.95, "themes_precision": 0.80,
           "themes_recall": 0.75, "share_not_sentences": 0.05, "throughput_50k_seconds": 10}


def throughput(sentences: pd.DataFrame, n: int = 50_000) -> dict:
    big = many_sentences(sentences, n)
    taxonomy = load_taxonomy()
    classify_sentences(big.head(2000))
    tag_sentences(big.head(2000), taxonomy)
    out = {"sentences": n, "distinct_texts": int(big["text"].nunique())}
    for name, run in (("ambitions", lambda: classify_sentences(big)), ("themes", lambda: tag_sentences(big, taxonomy))):
        start, cpu = time.perf_counter(), time.process_time()
        run()
        out[name] = {"seconds": round(time.perf_counter() - start, 2), "cpu_seconds": round(time.process_time() - cpu, 2)}
    out["load_average_1min"] = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    out["cores"] = os.cpu_count()
    return out


def headings_nothing_placed() -> dict:
    corpus = load_corpus(real_dev.REAL, cache=False)
    table = unplaced_headings(corpus)
    return {"documents": int(len(corpus.documents)), "unplaced": int(table["count"].sum()) if len(table) else 0,
            "headings": sorted(set(table["heading"]))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the statement errors of the tune split")
    parser.add_argument("--no-throughput", action="store_true")
    args = parser.parse_args(argv)
    result, predicted = real_dev.evaluate()
    out = {"data": "bench/data/real (labels.json: reviewers A and C; labels_extra.json: helper B)",
           "check_municipalities": sorted(real_dev.CHECK), "targets": TARGETS,
           **{k: v for k, v in result.items() if k != "by_municipality"},
           "headings_not_placed": headings_nothing_placed(), "by_municipality": result["by_municipality"]}
    if not args.no_throughput:
        out["throughput"] = throughput(real_dev.read_all())
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    keys = ["labels", "goals", "statement_f1", "statement_accuracy_3class", "specific_agreement",
            "measurable_agreement", "time_bound_agreement", "deadline_agreement", "level_agreement",
            "themes_precision", "themes_recall", "sentence_recall", "non_sentences_dropped"]
    print(f"{'metric':28}" + "".join(f"{s:>10}" for s in ("tune", "check", "all")) + f"{'goal':>10}")
    for key in keys:
        row = [result[s].get(key) for s in ("tune", "check", "all")]
        print(f"{key:28}" + "".join(f"{'' if v is None else v:>10}" for v in row) + f"{TARGETS.get(key, ''):>10}")
    reader = result["reader"]
    print(f"reader: {reader['units']} units, {reader['not_sentences']} not sentences "
          f"(share {reader['share_not_sentences']}, unjudged {reader['unjudged']})")
    print(f"headings not placed: {out['headings_not_placed']['unplaced']} in {out['headings_not_placed']['documents']} documents")
    if "throughput" in out:
        t = out["throughput"]
        print(f"throughput, 50,000 sentences: ambitions {t['ambitions']['cpu_seconds']} s CPU, "
              f"themes {t['themes']['cpu_seconds']} s CPU (load {t['load_average_1min']:.1f} on {t['cores']} cores)")
    if args.errors:
        tune = predicted[(predicted["split"] == "tune") & (predicted["statement"] != predicted["pred_statement"])]
        for row in tune.itertuples():
            print(f"  {row.statement} -> {row.pred_statement} [{row.section_kind}] {row.text[:110]!r}: "
                  f"{row.statement_evidence}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
