"""Measure the ambition classifier on the labelled sets and its throughput.

    .venv/bin/python bench/bench_ambitions.py            # table + bench/results/ambitions.json
    .venv/bin/python bench/bench_ambitions.py --errors   # also list the mistakes on the TUNING set only

Two labelled sets:

- ``ambitions_labelled.yaml`` (330 rows): the tuning set. Rows with i % 10 in (2, 5, 8) were once held out
  ("old held-out"); they have since been looked at and used for the 'specific' rubric, so they are reported as
  'old held-out (seen)' for comparison only. ``tuning`` = all 330 rows (the part the rules are tuned on).
- ``ambitions_heldout_v2.yaml`` (written and labelled before the classifier ever ran on it, never tuned on):
  the clean held-out, reported as ``heldout_v2``.

Metrics: statement F1 for "ambition or commitment" vs "context", three-class accuracy, per-criterion SMART
agreement (exact 0/1/2, on sentences that are ambitions or commitments in the labels) and deadline agreement on
the same sentences. Throughput: 50,000 sentences through ``classify_sentences``.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import yaml

from begrotingslab.ambitions import CRITERIA, classify_sentences
from many import many_sentences

HERE = Path(__file__).resolve().parent
LABELLED = HERE / "ambitions_labelled.yaml"
HELDOUT_V2 = HERE / "ambitions_heldout_v2.yaml"
RESULTS = HERE / "results" / "ambitions.json"
DOC_KINDS = {"pb": "programmabegroting", "js": "jaarstukken", "kn": "kadernota", "tr": "tussenrapportage"}
STATEMENTS = {"a": "ambition", "c": "commitment", "x": "context"}
HELDOUT_MOD = {2, 5, 8}
ORIGINAL_ROWS = 330  # the first 330 rows were the original set; the old held-out is among them only


def _municipality(text: str, names: list[str]) -> str | None:
    """The (fictional) municipality a row comes from when its text names it, as a corpus row would carry it."""
    return next((n for n in names if re.search(rf"\b{re.escape(n)}\b(?!-)", text)), None)


def load_labelled(path: Path = LABELLED, split: str | None = None) -> pd.DataFrame:
    """A labelled set as a frame shaped like corpus sentences, plus gold_* columns and ``split``.

    The tuning set gets split 'tuning' or 'old_heldout' (the once held-out rows, i % 10 in HELDOUT_MOD, now seen);
    any other file gets ``split`` (default 'heldout_v2') on every row.
    """
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    frame = pd.DataFrame(data["rows"], columns=data["columns"])
    names = list(data.get("municipalities") or [])
    if split is None and path == LABELLED:
        splits = ["old_heldout" if i < ORIGINAL_ROWS and i % 10 in HELDOUT_MOD else "tuning" for i in range(len(frame))]
    else:
        splits = [split or "heldout_v2"] * len(frame)
    prefix = "label" if path == LABELLED else path.stem
    return pd.DataFrame({
        "sentence_id": [f"{prefix}-{i:04d}" for i in range(len(frame))],
        "municipality": [_municipality(t, names) for t in frame["text"].astype(str)],
        "year": frame["year"].astype(int),
        "kind": frame["doc_kind"].map(DOC_KINDS),
        "section_kind": frame["section_kind"],
        "text": frame["text"].astype(str),
        "gold_statement": frame["statement"].map(STATEMENTS),
        "gold_specific": frame["specific"].astype(int),
        "gold_measurable": frame["measurable"].astype(int),
        "gold_time_bound": frame["time_bound"].astype(int),
        "gold_deadline": pd.array(frame["deadline"], dtype="Int64"),
        "split": splits,
    })


def load_all() -> pd.DataFrame:
    """The tuning set (splits 'tuning' and 'old_heldout') followed by the clean held-out v2."""
    return pd.concat([load_labelled(LABELLED), load_labelled(HELDOUT_V2, "heldout_v2")], ignore_index=True)


def f1(gold: pd.Series, pred: pd.Series) -> float:
    tp = int((gold & pred).sum())
    fp = int((~gold & pred).sum())
    fn = int((gold & ~pred).sum())
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


# the figures before the 'specific' rubric revision and the new held-out (old labels, old rules, old 70/30 split)
BEFORE = {"tuning_231": {"specific_agreement": 0.808}, "old_heldout_99": {"specific_agreement": 0.742},
          "all_330": {"specific_agreement": 0.785}}

SPLITS = {
    # name in the results -> rows
    "tuning": lambda j: j[j["split"].isin(["tuning", "old_heldout"])],  # all 330 old rows: what the rules are tuned on
    "old_heldout_seen": lambda j: j[j["split"] == "old_heldout"],  # 'old held-out (seen)': no longer clean
    "heldout_v2": lambda j: j[j["split"] == "heldout_v2"],  # clean: labelled before the classifier ran on it
}
SPLIT_TITLES = {"tuning": "tuning (all old)", "old_heldout_seen": "old held-out (seen)", "heldout_v2": "held-out v2"}


def evaluate(labelled: pd.DataFrame) -> tuple[dict[str, dict], pd.DataFrame]:
    """Metrics per split (those of SPLITS present in ``labelled``) and the joined predictions."""
    pred = classify_sentences(labelled)
    joined = labelled.join(pred[["statement", *CRITERIA, "deadline", "statement_evidence", "specific_evidence",
                                 "measurable_evidence", "time_bound_evidence"]])
    out: dict[str, dict] = {}
    for split, select in SPLITS.items():
        part = select(joined)
        if part.empty:
            continue
        gold_goal = part["gold_statement"] != "context"
        pred_goal = part["statement"] != "context"
        goals = part[gold_goal]
        metrics = {
            "sentences": int(len(part)), "goals": int(len(goals)),
            "statement_f1": round(f1(gold_goal, pred_goal), 3),
            "statement_accuracy_3class": round(float((part["gold_statement"] == part["statement"]).mean()), 3),
        }
        for c in CRITERIA:
            metrics[f"{c}_agreement"] = round(float((goals[f"gold_{c}"] == goals[c]).mean()), 3)
        same = (goals["gold_deadline"].fillna(-1) == goals["deadline"].fillna(-1))
        metrics["deadline_agreement"] = round(float(same.mean()), 3)
        out[split] = metrics
    return out, joined


def throughput(labelled: pd.DataFrame, n: int = 50_000) -> dict[str, float]:
    labelled = labelled.drop(columns=["split"])
    big = many_sentences(labelled.drop(columns=[c for c in labelled if c.startswith("gold_")]), n)  # all distinct
    big["sentence_id"] = [f"s{i}" for i in range(len(big))]
    start, cpu = time.perf_counter(), time.process_time()
    classify_sentences(big)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"sentences": n, "seconds": round(seconds, 2), "cpu_seconds": round(cpu_seconds, 2),
            "sentences_per_second": round(n / seconds), "load_average_1min": load, "cores": os.cpu_count()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list mistakes on the tuning part (never held-out)")
    parser.add_argument("--no-throughput", action="store_true")
    args = parser.parse_args(argv)
    labelled = load_all()
    metrics, joined = evaluate(labelled)
    result = {"labelled_set": str(LABELLED.relative_to(HERE.parent)),
              "heldout_set": str(HELDOUT_V2.relative_to(HERE.parent)),
              "splits": {k: SPLIT_TITLES[k] for k in metrics},
              "before_specific_rubric_revision": BEFORE,
              "metrics": metrics,
              "targets": {"statement_f1": 0.90, "statement_accuracy_3class": 0.80, "smart_agreement": 0.80,
                          "throughput_50k_seconds": 10}}
    if not args.no_throughput:
        result["throughput"] = throughput(labelled)
    keys = ["sentences", "goals", "statement_f1", "statement_accuracy_3class", "specific_agreement",
            "measurable_agreement", "time_bound_agreement", "deadline_agreement"]
    print(f"{'metric':<28}" + "".join(f"{SPLIT_TITLES[s]:>22}" for s in metrics))
    for key in keys:
        print(f"{key:<28}" + "".join(f"{metrics[s][key]:>22}" for s in metrics))
    if "throughput" in result:
        t = result["throughput"]
        print(f"throughput: {t['sentences']} sentences in {t['seconds']} s wall, {t['cpu_seconds']} s CPU "
              f"({t['sentences_per_second']}/s; load average {t['load_average_1min']} on {t['cores']} cores)")
    if args.errors:
        tune = SPLITS["tuning"](joined)
        wrong = tune[tune["gold_statement"] != tune["statement"]]
        print(f"\nstatement errors on tuning ({len(wrong)}):")
        for r in wrong.itertuples():
            print(f"  [{r.section_kind}/{r.kind[:2]}] gold={r.gold_statement} pred={r.statement} ({r.statement_evidence}): {r.text}")
        goals = tune[tune["gold_statement"] != "context"]
        for c in CRITERIA:
            wrong = goals[goals[f"gold_{c}"] != goals[c]]
            print(f"\n{c} errors on tuning ({len(wrong)}):")
            for r in wrong.itertuples():
                print(f"  gold={getattr(r, 'gold_' + c)} pred={getattr(r, c)} ({getattr(r, c + '_evidence')}): {r.text}")
        wrong = goals[goals["gold_deadline"].fillna(-1) != goals["deadline"].fillna(-1)]
        print(f"\ndeadline errors on tuning ({len(wrong)}):")
        for r in wrong.itertuples():
            print(f"  gold={r.gold_deadline} pred={r.deadline}: {r.text}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=RESULTS.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=2)
        fh.write("\n")
    os.replace(tmp, RESULTS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
