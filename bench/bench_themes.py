"""Measure the theme tagger on the labelled set and its throughput.

    .venv/bin/python bench/bench_themes.py            # table + bench/results/themes.json
    .venv/bin/python bench/bench_themes.py --errors   # also list the mistakes on the TUNING part only

Micro precision and recall of the cross-cutting themes (taakvelden are not labelled), per theme and
overall, reported separately for the tuning part and the held-out part (rows with i % 10 in {2, 5, 8},
never used to tune the taxonomy). Throughput: 50,000 sentences through ``tag_sentences`` with cold
caches; 5 % of the words are made-up compounds (about 40k distinct words, like a real corpus of that
size) and, as a stress run, 20 % (about 150k distinct words).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import yaml

from begrotingslab.text import lemma, tokens
from begrotingslab.themes import load_taxonomy, tag_sentences

HERE = Path(__file__).resolve().parent
LABELLED = HERE / "themes_labelled.yaml"
RESULTS = HERE / "results" / "themes.json"
HELDOUT_MOD = {2, 5, 8}
TARGETS = {"precision": 0.80, "recall": 0.75, "seconds_50k": 10.0}


def load_labelled(path: Path = LABELLED) -> pd.DataFrame:
    """The labelled set as a frame shaped like corpus sentences, plus ``gold`` (set of ids) and ``split``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    frame = pd.DataFrame(data["rows"], columns=data["columns"])
    return pd.DataFrame({
        "sentence_id": [f"label-{i:04d}" for i in range(len(frame))],
        "section_kind": frame["section_kind"],
        "text": frame["text"].astype(str),
        "gold": [set() if t.strip() == "-" else set(t.split()) for t in frame["themes"]],
        "split": ["heldout" if i % 10 in HELDOUT_MOD else "tuning" for i in range(len(frame))],
    })


def scores(gold: pd.Series, pred: pd.Series, ids: list[str]) -> dict[str, dict]:
    """Micro precision/recall/F1 per theme and overall."""
    out: dict[str, dict] = {}
    total = {"tp": 0, "fp": 0, "fn": 0}
    for theme in ids:
        tp = sum(theme in g and theme in p for g, p in zip(gold, pred))
        fp = sum(theme not in g and theme in p for g, p in zip(gold, pred))
        fn = sum(theme in g and theme not in p for g, p in zip(gold, pred))
        out[theme] = _prf(tp, fp, fn)
        for k, v in (("tp", tp), ("fp", fp), ("fn", fn)):
            total[k] += v
    out["overall"] = _prf(total["tp"], total["fp"], total["fn"])
    return out


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "support": tp + fn,
            "tp": tp, "fp": fp, "fn": fn}


def evaluate(labelled: pd.DataFrame, taxonomy=None) -> tuple[dict[str, dict], pd.DataFrame]:
    tax = taxonomy or load_taxonomy()
    ids = tax.ids("theme")
    tagged = tag_sentences(labelled, tax)
    tagged["pred"] = [set(t for t in themes if t in ids) for themes in tagged["themes"]]
    results = {split: scores(part["gold"], part["pred"], ids)
               for split, part in [("tuning", tagged[tagged["split"] == "tuning"]),
                                   ("heldout", tagged[tagged["split"] == "heldout"]), ("all", tagged)]}
    return results, tagged


def synthetic_sentences(labelled: pd.DataFrame, n: int = 50_000, seed: int = 4,
                        new_compounds: float = 0.05) -> pd.DataFrame:
    """n budget-like sentences: words of the labelled set reshuffled, a share replaced by unseen compounds.

    5 % gives about 40k distinct words in 50k sentences, in the range of a real corpus of that size;
    20 % (the stress run) gives about 150k.
    """
    rng = random.Random(seed)
    vocab = [t for text in labelled["text"] for t in tokens(text)]
    words = sorted({w.lower() for w in vocab if w.isalpha() and len(w) > 3})
    texts = []
    for i in range(n):
        length = rng.randint(8, 24)
        sentence = []
        for _ in range(length):
            if rng.random() < new_compounds:
                sentence.append(rng.choice(words) + rng.choice(words))  # unseen compound
            else:
                sentence.append(rng.choice(vocab))
        texts.append(" ".join(sentence).capitalize() + ".")
    return pd.DataFrame({"sentence_id": [f"s{i:06d}" for i in range(n)], "text": texts})


def throughput(labelled: pd.DataFrame, n: int = 50_000, new_compounds: float = 0.05) -> dict:
    frame = synthetic_sentences(labelled, n, new_compounds=new_compounds)
    lemma.cache_clear()
    start, cpu = time.perf_counter(), time.process_time()
    tax = load_taxonomy()  # fresh taxonomy: empty word cache
    tagged = tag_sentences(frame, tax)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    unique = len({t.lower() for text in frame["text"] for t in tokens(text)})
    return {"sentences": n, "seconds": round(seconds, 2), "cpu_seconds": round(cpu_seconds, 2),
            "sentences_per_second": int(n / seconds), "unique_words": unique,
            "tagged_share": round(float((tagged["themes"].map(len) > 0).mean()), 3),
            "load_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
            "cpus": os.cpu_count(), "python": platform.python_version()}


def write_atomic(path: Path, obj: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(obj, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list mistakes on the tuning part")
    parser.add_argument("--no-write", action="store_true", help="do not write bench/results/themes.json")
    args = parser.parse_args(argv)
    labelled = load_labelled()
    results, tagged = evaluate(labelled)
    speed = throughput(labelled)
    stress = throughput(labelled, new_compounds=0.2)
    print(f"labelled sentences: {len(labelled)} (tuning {int((labelled['split'] == 'tuning').sum())}, "
          f"held-out {int((labelled['split'] == 'heldout').sum())})\n")
    print(f"{'theme':<16} {'P tune':>7} {'R tune':>7} {'P held':>7} {'R held':>7} {'P all':>7} {'R all':>7} {'n':>4}")
    for theme in [*load_taxonomy().ids("theme"), "overall"]:
        t, h, a = (results[s][theme] for s in ("tuning", "heldout", "all"))
        print(f"{theme:<16} {t['precision']:>7.2f} {t['recall']:>7.2f} {h['precision']:>7.2f} {h['recall']:>7.2f} "
              f"{a['precision']:>7.2f} {a['recall']:>7.2f} {a['support']:>4}")
    print(f"\nthroughput: {speed['sentences']} sentences in {speed['seconds']} s "
          f"({speed['sentences_per_second']}/s, {speed['unique_words']} distinct words, cold caches)")
    print(f"stress run: {stress['sentences']} sentences in {stress['seconds']} s "
          f"({stress['sentences_per_second']}/s, {stress['unique_words']} distinct words)")
    if args.errors:
        print("\nmistakes on the tuning part:")
        part = tagged[tagged["split"] == "tuning"]
        for _, row in part[part["gold"] != part["pred"]].iterrows():
            missed, extra = row["gold"] - row["pred"], row["pred"] - row["gold"]
            ev = {k: v for k, v in row["theme_evidence"].items() if k in extra}
            print(f"- {row['text']}\n    missed {sorted(missed)} extra {sorted(extra)} {ev}")
    if not args.no_write:
        write_atomic(RESULTS, {"targets": TARGETS, "labelled": str(LABELLED.relative_to(HERE.parent)),
                               "sizes": {"tuning": int((labelled["split"] == "tuning").sum()),
                                         "heldout": int((labelled["split"] == "heldout").sum())},
                               "scores": results, "throughput": speed, "throughput_stress": stress})
    return 0


if __name__ == "__main__":
    sys.exit(main())
