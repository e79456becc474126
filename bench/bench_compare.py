"""Benchmark of the year comparison (issue 7).

1. Matching quality on synthetic year pairs (bench/data/synthetic_year_pairs*.yaml, our own sentences):
   precision and recall per status, on the promise texts (the matcher alone) and end to end (Markdown
   budgets -> reader -> ambition classifier -> matcher). The held-out file was written after the
   matcher was built and never used to tune it.
2. Speed: comparing two generated 250-page budgets (~120k words each), parse included.

Run: .venv/bin/python bench/bench_compare.py; results go to bench/results/compare.json.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the synthetic budget writer shared with the tests

from synthetic_years import HELDOUT, PAIRS, load_pairs, truth, write_pair  # noqa: E402

from begrotingslab.compare import compare_years, match_promises  # noqa: E402
from begrotingslab.corpus import load_corpus  # noqa: E402

STATUSES = ("continued", "changed", "new", "dropped")


def score(predicted: list[tuple], expected: dict) -> dict:
    """Precision/recall per status: a predicted (before, after, status) is right when the labels say so."""
    hits, predicted_n, expected_n = Counter(), Counter(), Counter(expected.values())
    for before, after, status in predicted:
        predicted_n[status] += 1
        if expected.get((before, after)) == status:
            hits[status] += 1
    out = {}
    for status in STATUSES:
        p = hits[status] / predicted_n[status] if predicted_n[status] else 1.0
        r = hits[status] / expected_n[status] if expected_n[status] else 1.0
        out[status] = {"precision": round(p, 3), "recall": round(r, 3), "n": expected_n[status]}
    total = sum(hits.values())
    out["overall_accuracy"] = round(total / max(sum(expected_n.values()), 1), 3)
    return out


def as_triples(pairs: pd.DataFrame) -> list[tuple]:
    return [(r.from_text if isinstance(r.from_text, str) else None, r.to_text if isinstance(r.to_text, str) else None,
             r.status) for r in pairs.itertuples(index=False)]


def texts_only(path: Path) -> dict:
    predicted, expected = [], {}
    for pair in load_pairs(path):
        before = pd.DataFrame({"text": [i["before"] for i in pair["items"] if i.get("before")]})
        after = pd.DataFrame({"text": [i["after"] for i in pair["items"] if i.get("after")]})
        before["sentence_id"], after["sentence_id"] = before["text"], after["text"]
        predicted += as_triples(match_promises(before, after))
        expected |= truth(pair)
    return score(predicted, expected)


def end_to_end(path: Path) -> dict:
    predicted, expected = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for n, pair in enumerate(load_pairs(path)):
            write_pair(Path(tmp), pair, municipality=f"synthetisch-{n}")
        corpus = load_corpus(tmp, cache=False)
        for n, pair in enumerate(load_pairs(path)):
            result = compare_years(corpus, f"synthetisch-{n}", pair["from_year"], pair["to_year"])
            predicted += as_triples(result["pairs"])
            expected |= truth(pair)
    return score(predicted, expected)


CONTEXT_PAGE = [
    "De wijk telt ongeveer duizend woningen en een levendig centrum met winkels, scholen en sportvoorzieningen.",
    "In de afgelopen jaren is het aantal inwoners gestaag gegroeid, vooral door de bouw van nieuwe appartementen.",
    "Veel bewoners zijn actief in verenigingen, buurthuizen en andere vrijwilligersorganisaties in de omgeving.",
    "De gemeenteraad heeft in het voorjaar gesproken over de ontwikkeling van de openbare ruimte in dit gebied.",
    "Het college heeft daarbij toegelicht welke keuzes er zijn gemaakt en welke middelen daarvoor beschikbaar zijn.",
    "De uitkomsten van de bewonersavonden zijn verwerkt in de plannen die in dit hoofdstuk worden beschreven.",
]


def big_budget(year: int, pages: int = 250) -> str:
    """A generated 250-page budget: the labelled promises and context, varied per page (synthetic)."""
    pairs = load_pairs(PAIRS) + load_pairs(HELDOUT)
    side = "before" if year % 2 else "after"
    promises = [i[side] for p in pairs for i in p["items"] if i.get(side)]
    lines = [f"# Programmabegroting {year}", ""]
    for page in range(pages):
        if page % 25 == 0:
            lines += [f"## Programma {page // 25 + 1}: Programma {page // 25 + 1}", "",
                      "Portefeuillehouder: A. Jansen", ""]
        lines += ["### Belangrijke ontwikkelingen", ""]
        for paragraph in range(4):
            lines += [" ".join(f"{sentence} ({page}.{paragraph}.{k})" for k, sentence in enumerate(CONTEXT_PAGE)), ""]
        lines += ["### Wat willen we bereiken?", ""]
        for k in range(6):
            promise = promises[(page * 6 + k) % len(promises)]
            lines += [f"{promise[:-1]} in wijk {page}-{k}.", ""]
    return "\n".join(lines)


def speed() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "raw" / "groot"
        folder.mkdir(parents=True)
        words = 0
        for year in (2024, 2025):
            text = big_budget(year)
            words += len(text.split())
            (folder / f"programmabegroting-{year}.md").write_text(text, encoding="utf-8")
        started = time.perf_counter()
        cpu = time.process_time()
        corpus = load_corpus(tmp, cache=False)
        parsed = time.perf_counter() - started
        result = compare_years(corpus, "groot", 2024, 2025)
        return {"words_per_budget": words // 2, "sentences": int(len(corpus.sentences)),
                "promise_pairs": int(len(result["pairs"])), "parse_s": round(parsed, 2),
                "compare_s": round(time.perf_counter() - started - parsed, 2),
                "total_s": round(time.perf_counter() - started, 2), "cpu_s": round(time.process_time() - cpu, 2),
                "load_average": round(os.getloadavg()[0], 2)}


def main() -> None:
    results = {
        "development_set": {"texts": texts_only(PAIRS), "end_to_end": end_to_end(PAIRS)},
        "heldout_set": {"texts": texts_only(HELDOUT), "end_to_end": end_to_end(HELDOUT)},
        "speed_two_250_page_budgets": speed(),
    }
    out = ROOT / "bench" / "results" / "compare.json"
    out.write_text(json.dumps(results, indent=1) + "\n")
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
