"""Measure the indicator reader on hand-labelled real indicator tables.

    .venv/bin/python bench/bench_indicators.py            # table + bench/results/indicators.json
    .venv/bin/python bench/bench_indicators.py --errors   # also list every value that is not exact

Labels: ``data/indicator_labels.json``, every value of the 5 indicator tables of bench/data/real, labelled by hand
from the document text before the reader existed (see its ``conventions``). A labelled indicator is matched to the
read indicator of the same file with the same name (after normalising case and punctuation; one contains the
other); a labelled value to an unused read value of that indicator with the same value (a number, or text for a
range or a word). Metrics: values exact (value, year, kind and comparison all right; a missed value is wrong), the
same per field, and how many read values no label has (extra).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench_money import REAL, same_row

from begrotingslab.money.indicators import indicator_tables
from begrotingslab.structure import parse_document

HERE = Path(__file__).resolve().parent
LABELS = HERE / "data" / "indicator_labels.json"
RESULTS = HERE / "results" / "indicators.json"
FIELDS = ("value", "year", "kind", "comparison")


def read_values(found) -> dict[int, list[dict]]:
    """indicator number -> its read values, with value as the number or the text."""
    out: dict[int, list[dict]] = {}
    for row in found["values"].astype(object).to_dict("records"):
        value = row["text"] if row["value"] is None or row["value"] != row["value"] else row["value"]
        year = None if row["year"] is None or row["year"] != row["year"] else int(row["year"])
        out.setdefault(int(row["indicator"]), []).append({**row, "value": value, "year": year})
    return out


def score_table(labelled: dict, found) -> tuple[list[dict], int]:
    """(per labelled value which fields the reader got right, how many read values of the matched indicators no
    label has)."""
    values = read_values(found)
    names = dict(zip(found["indicators"]["indicator"], found["indicators"]["name"]))
    out, extra = [], 0
    for indicator in labelled["indicators"]:
        number = next((n for n, name in names.items() if same_row(indicator["name"], name)), None)
        unused = list(values.get(number, [])) if number is not None else []
        for gold in indicator["values"]:
            hit = next((v for v in unused if v["value"] == gold["value"]), None)
            if hit is not None:
                unused.remove(hit)
            fields = {f: hit is not None and hit[f] == gold[f] for f in FIELDS}
            out.append({"file": labelled["file"], "name": indicator["name"], "gold": gold, "read": hit, **fields,
                        "exact": all(fields.values())})
        extra += len(unused)
    return out, extra


def score(labels: dict) -> tuple[list[dict], list[dict]]:
    """(every scored value, per table its counts)."""
    scored, tables = [], []
    for labelled in labels["tables"]:
        rows, extra = score_table(labelled, indicator_tables(parse_document(REAL / labelled["file"])))
        scored += rows
        tables.append({"file": labelled["file"], "title": labelled["title"], "values": len(rows),
                        "exact": sum(r["exact"] for r in rows), "extra": extra})
    return scored, tables


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every value that is not exact")
    args = parser.parse_args()
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    scored, tables = score(labels)
    n = len(scored)
    result = {
        "labels": {"tables": len(tables), "values": n, "labelled_by": labels["labelled_by"]},
        "values_exact": round(sum(r["exact"] for r in scored) / n, 4),
        "fields": {f: round(sum(r[f] for r in scored) / n, 4) for f in FIELDS},
        "extra_values": sum(t["extra"] for t in tables),
        "tables": tables,
    }
    print(f"values exact {result['values_exact']:.1%} of {n} in {len(tables)} tables; fields "
          + ", ".join(f"{f} {v:.1%}" for f, v in result["fields"].items())
          + f"; {result['extra_values']} read values no label has")
    for t in tables:
        print(f"  {t['exact']:>3}/{t['values']:<3} extra {t['extra']} {t['file']} {t['title']}")
    if args.errors:
        for r in scored:
            if not r["exact"]:
                got = {f: r["read"][f] for f in FIELDS} if r["read"] else None
                print(f"  {r['file']} | {r['name']}: label {r['gold']} read {got}")
    RESULTS.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
