"""Benchmark of promises and results (issue 13): does the status of each promise, and the jaarstukken text that
reports on it, agree with the hand labels (bench/accountability_labels.yaml)?

The pairs are the real begroting -> jaarstukken pairs of bench/data/real (Middelburg 2024, Velsen 2019 and 2020,
Ede 2017; Bronckhorst 2023, whose begroting page promises nothing), Voorschoten 2019 (begroting -> najaarsnota, no
jaarstukken: matched with ``match.assess`` against the year's bestuursrapportage) and two synthetic pairs
(bench/data/synthetic_accountability). Each pair has a ``split``: ``tuned`` (rules changed while looking at its
errors), ``heldout`` (real, errors not looked at while changing rules), ``synthetic`` (fictional, written and labelled
before the session-20 matcher changes). ``splits`` gives the overall figures per split. Per pair and overall:

- ``status_agreement``: share of labelled promises whose status the system gives too. A labelled promise the
  system does not find among its ambitions and commitments counts as a disagreement.
- ``matching_agreement``: share of labelled promises where the system's evidence agrees with the labels: both
  have none, or the unit that decided the system's status is one the labels name for this promise.
- ``link_precision`` / ``link_recall``: over all (promise, reporting text) links the labels and the system make.
- ``unlabelled_system_promises``: sentences the system takes for promises that the labels do not (they get a status
  too; not counted in the agreements).

``thresholds`` repeats the overall figures for other match thresholds: how sensitive the figures are to them. The
first labels were written before the matcher existed, the session-20 labels before it changed; the rules were then
changed on the ``tuned`` pairs (and later on the synthetic ones), so only ``history``'s "first look" at the held-out
pairs is an estimate for other municipalities' pairs, and a noisy one (9 real promises).

Run: PYTHONPATH=lib .venv/bin/python bench/bench_accountability.py; results go to bench/results/accountability.json.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

from begrotingslab import compare
from begrotingslab.accountability import match as matcher
from begrotingslab.corpus import load_corpus
from begrotingslab.present import NO_PROGRAMME
from begrotingslab.text import normalise

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "bench" / "data" / "real"
SYNTHETIC = ROOT / "bench" / "data" / "synthetic_accountability"
LABELS = ROOT / "bench" / "accountability_labels.yaml"
OUT = ROOT / "bench" / "results" / "accountability.json"
THRESHOLDS = (0.2, 0.3, 0.4)
BEST_THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 1.0)  # 1.0: no best-match rule


def key(text: str) -> str:
    """Text reduced to its words, so a table row and its label, or a sentence cut differently, compare equal."""
    return re.sub(r"[\W_]+", " ", normalise(str(text)).lower()).strip()


def same(a: str, b: str) -> bool:
    """The same unit: equal words, or one contains the other and is at least half as long."""
    a, b = key(a), key(b)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return short == long or (short in long and len(short) >= 0.5 * len(long))


def score_pair(pair: dict, result) -> dict:
    """Agreement of one pair's system result (accountability table) with its labels."""
    status_hits = match_hits = found = 0
    label_links = system_links = link_hits = 0
    details = []
    for promise in pair["promises"]:
        rows = [r for r in result.itertuples(index=False) if same(r.text, promise["text"])]
        row = rows[0] if rows else None
        labelled = promise.get("evidence") or []
        label_links += len(labelled)
        if row is None:
            details.append({"text": promise["text"], "label": promise["status"], "system": None})
            match_hits += not labelled
            continue
        found += 1
        status_hits += row.status == promise["status"]
        decided = row.decided_text
        match_hits += (not labelled and decided is None) or (
            decided is not None and any(same(decided, e) for e in labelled))
        system_links += len(row.evidence)
        link_hits += sum(any(same(e["text"], l) for l in labelled) for e in row.evidence)
        details.append({"text": promise["text"], "label": promise["status"], "system": row.status,
                        "decided_by": decided, "similarity": row.similarity})
    n = len(pair["promises"])
    extra = [r.text for r in result.itertuples(index=False)
             if not any(same(r.text, p["text"]) for p in pair["promises"])]
    return {"promises": n, "found": found, "status_agreement": round(status_hits / n, 3) if n else None,
            "matching_agreement": round(match_hits / n, 3) if n else None, "unlabelled_system_promises": len(extra),
            "link_precision": round(link_hits / system_links, 3) if system_links else 1.0,
            "link_recall": round(link_hits / label_links, 3) if label_links else 1.0,
            "counts": {"status": status_hits, "matching": match_hits, "links": [link_hits, system_links, label_links]},
            "details": details}


def overall(per_pair: dict) -> dict:
    n = sum(p["promises"] for p in per_pair.values())
    hits = {k: sum(p["counts"][k] for p in per_pair.values()) for k in ("status", "matching")}
    links = [sum(p["counts"]["links"][i] for p in per_pair.values()) for i in range(3)]
    return {"promises": n, "found": sum(p["found"] for p in per_pair.values()),
            "unlabelled_system_promises": sum(p["unlabelled_system_promises"] for p in per_pair.values()),
            "status_agreement": round(hits["status"] / n, 3), "matching_agreement": round(hits["matching"] / n, 3),
            "link_precision": round(links[0] / links[1], 3) if links[1] else 1.0,
            "link_recall": round(links[0] / links[2], 3) if links[2] else 1.0}


# Figures per split at the stages of session 20 (written down as measured; the bench recomputes only the current
# ones). "first look": the held-out and synthetic pairs measured for the first time after the rules had been changed
# on the tuned pairs only. Later, the synthetic pairs' errors were read and rules added for them (negated
# participles, numbers, start promises, level in the best-report rule), so their later figures are fitted; Velsen
# 2020's per-promise errors were seen once by accident before the last rule change (level both ways), so the final
# held-out figure is not clean either: the clean held-out figure is the first look.
HISTORY = {
    "before session 20 (04779ca, old matcher on the new labels)": {
        "tuned": [0.476, 0.619], "heldout": [0.667, 0.556], "synthetic": [0.625, 0.812],
        "real (tuned + heldout)": [0.533, 0.6], "overall": [0.581, 0.71]},
    "first look (332bde7, rules changed on the tuned pairs only)": {
        "tuned": [0.762, 0.762], "heldout": [0.556, 0.556], "synthetic": [0.625, 0.875],
        "real (tuned + heldout)": [0.7, 0.7], "overall": [0.661, 0.79]},
}


def corpora() -> dict:
    return {"real": load_corpus(REAL, cache=False), "synthetic": load_corpus(SYNTHETIC, cache=False)}


def pair_result(corpus, pair: dict, threshold: float, best: float):
    """The system's table for one labelled pair: accountability() with jaarstukken, else the begroting's promises
    assessed against the year's bestuursrapportage/najaarsnota."""
    municipality, year = pair["municipality"], pair["year"]
    if pair.get("jaarstukken", "") is not None:
        return matcher.accountability(corpus, municipality, year, threshold=threshold, best_threshold=best)
    budget = corpus.select(municipality, year, kind="programmabegroting").sentences
    promises = compare.promises(budget.assign(programme=budget["programme"].fillna(NO_PROGRAMME)))
    return matcher.assess(promises, matcher.year_units(corpus, municipality, year), threshold, best, budget)


def run(threshold: float = matcher.MATCH_THRESHOLD, corpus=None, best: float = matcher.BEST_THRESHOLD) -> dict:
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    corpus = corpus if corpus is not None else corpora()
    if not isinstance(corpus, dict):
        corpus = {"real": corpus, "synthetic": load_corpus(SYNTHETIC, cache=False)}
    per_pair, split_of = {}, {}
    for pair in labels["pairs"]:
        result = pair_result(corpus[pair.get("corpus", "real")], pair, threshold, best)
        name = f"{pair['municipality']} {pair['year']}"
        per_pair[name] = {"split": pair.get("split", "tuned"), **score_pair(pair, result)}
        split_of[name] = per_pair[name]["split"]
    splits = {}
    for split in dict.fromkeys(split_of.values()):
        part = {k: v for k, v in per_pair.items() if split_of[k] == split}
        if sum(p["promises"] for p in part.values()):
            splits[split] = overall(part)
    real = {k: v for k, v in per_pair.items() if split_of[k] != "synthetic"}
    splits["real (tuned + heldout)"] = overall(real)
    return {"labelled_by": labels["labelled_by"], "threshold": threshold, "best_threshold": best,
            "overall": overall(per_pair), "splits": splits, "pairs": per_pair}


def main() -> int:
    corpus = corpora()
    results = run(corpus=corpus)
    results["thresholds"] = {f"{t}/{b}": {k: v for k, v in run(t, corpus, b)["overall"].items()
                                         if k in ("status_agreement", "matching_agreement")}
                             for t in THRESHOLDS for b in BEST_THRESHOLDS}
    results["splits_thresholds_note"] = "thresholds: overall over all splits"
    results["targets"] = {"status_agreement": 0.85, "matching_agreement": 0.90}
    results["history"] = {"columns": ["status_agreement", "matching_agreement"], **HISTORY}
    OUT.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in results.items() if k != "pairs"}, indent=1, ensure_ascii=False))
    for name, pair in results["pairs"].items():
        print(name, {k: v for k, v in pair.items() if k not in ("details", "counts")})
    return 0


if __name__ == "__main__":
    sys.exit(main())
