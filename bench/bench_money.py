"""Measure the money reader on hand-labelled real tables and its speed.

    .venv/bin/python bench/bench_money.py            # table + bench/results/money.json
    .venv/bin/python bench/bench_money.py --errors   # also list every amount that is not exact

Labels: ``data/money_labels.json``, every amount of 14 money tables of bench/data/real, labelled by hand from the
document text (see its ``conventions``). A labelled table is matched to the read table of the same file that
shares most of its values; a labelled amount to an unused read amount of that table with the same value and row.
Metrics: amounts exact (value, kind, year and column kind all right; a missed amount is wrong), the same per
field, and totals: the tables whose ``consistent`` agrees with the label. Speed: the tables of a generated
250-page budget (40 programmes x 6 tables of 36 amounts, 8,640 amounts) through ``money_tables``, best of 3
(the tables as the reader keeps them; reading the file itself is measured by bench_parse).
"""
from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

from begrotingslab.model import Document, DocumentMeta, Paragraph, Programme, Section
from begrotingslab.money import money_tables
from begrotingslab.structure import parse_document

HERE = Path(__file__).resolve().parent
LABELS = HERE / "data" / "money_labels.json"
REAL = HERE / "data" / "real"
RESULTS = HERE / "results" / "money.json"
FIELDS = ("value", "kind", "year", "column_kind")


def norm(text: str) -> str:
    return re.sub(r"\W+", " ", str(text or "")).strip().lower()


def same_row(label: str, read: str) -> bool:
    a, b = norm(label), norm(read)
    return a == b or (a and b and (a in b or b in a))


def match_table(labelled: dict, read) -> list[dict] | None:
    """The read amounts of the table that shares most values with the labelled one."""
    values = {a["value"] for a in labelled["amounts"]}
    best = max(read["amounts"].groupby("table"), default=None,
               key=lambda item: len(values & set(item[1]["value"])))
    return None if best is None else best[1].to_dict("records")


def score_table(labelled: dict, read: list[dict] | None) -> list[dict]:
    """Per labelled amount: which fields the reader got right (all False when it was not read)."""
    unused = list(read or [])
    out = []
    for gold in labelled["amounts"]:
        hit = next((a for a in unused if a["value"] == gold["value"] and same_row(gold["row"], a["row"])), None)
        if hit is not None:
            unused.remove(hit)
        fields = {f: hit is not None and (None if hit[f] != hit[f] else hit[f]) == gold[f] for f in FIELDS}
        out.append({"file": labelled["file"], "table": labelled["title"], "row": gold["row"],
                    "column": gold["column"], "gold": gold, "read": hit, **fields,
                    "exact": all(fields.values())})
    return out


def generated_budget(programmes: int = 40, tables: int = 6) -> Document:
    """A 250-page budget's money: per programme six 'Wat mag het kosten?' tables (lasten, baten, saldo,
    reserves, resultaat over six years)."""
    rows = [["bedragen x € 1.000", "Rekening 2023", "Begroting 2024", "Begroting 2025", "Begroting 2026",
             "Begroting 2027", "Begroting 2028"],
            ["Lasten", "1.400", "1.600", "1.500", "1.500", "1.500", "1.500"],
            ["Baten", "1.200", "1.300", "1.250", "1.250", "1.250", "1.250"],
            ["Saldo", "-200", "-300", "-250", "-250", "-250", "-250"],
            ["Toevoeging aan reserves", "10", "10", "10", "10", "10", "10"],
            ["Onttrekking aan reserves", "(5)", "(5)", "(5)", "(5)", "(5)", "(5)"],
            ["Resultaat", "-205", "-305", "-255", "-255", "-255", "-255"]]
    sections = [Section(f"Wat mag het kosten? {t}", "costs", [Paragraph("table", rows=rows)]) for t in range(tables)]
    return Document("generated-2025", DocumentMeta(year=2025),
                    [Programme(f"Programma {p}", sections=sections) for p in range(programmes)])


def speed() -> dict:
    document = generated_budget()
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        found = money_tables(document)
        timings.append(time.perf_counter() - start)
    return {"tables": len(found["tables"]), "amounts": len(found["amounts"]), "seconds": round(min(timings), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every amount that is not exact")
    args = parser.parse_args()
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    read = {}
    scored, tables = [], []
    for labelled in labels["tables"]:
        if labelled["file"] not in read:
            read[labelled["file"]] = money_tables(parse_document(REAL / labelled["file"]))
        found = read[labelled["file"]]
        amounts = match_table(labelled, found)
        rows = score_table(labelled, amounts)
        scored += rows
        number = amounts[0]["table"] if amounts else None
        flag = None if number is None else bool(found["tables"].loc[found["tables"]["table"] == number,
                                                                    "consistent"].iloc[0])
        tables.append({"file": labelled["file"], "title": labelled["title"], "amounts": len(rows),
                       "exact": sum(r["exact"] for r in rows), "consistent_label": labelled["consistent"],
                       "consistent_read": flag})
    n = len(scored)
    result = {
        "labels": {"tables": len(tables), "amounts": n, "labelled_by": labels["labelled_by"]},
        "amounts_exact": round(sum(r["exact"] for r in scored) / n, 4),
        "fields": {f: round(sum(r[f] for r in scored) / n, 4) for f in FIELDS},
        "totals_agree": f"{sum(t['consistent_label'] == t['consistent_read'] for t in tables)}/{len(tables)}",
        "tables": tables,
        "speed_250_pages": speed(),
    }
    print(f"amounts exact {result['amounts_exact']:.1%} of {n} in {len(tables)} tables; fields "
          + ", ".join(f"{f} {v:.1%}" for f, v in result["fields"].items()))
    print(f"totals: consistent as labelled on {result['totals_agree']} tables")
    for t in tables:
        print(f"  {t['exact']:>3}/{t['amounts']:<3} consistent {t['consistent_read']!s:5} (label "
              f"{t['consistent_label']!s:5}) {t['file']} {t['title']}")
    print(f"speed: {result['speed_250_pages']}")
    if args.errors:
        for r in scored:
            if not r["exact"]:
                got = {f: r["read"][f] for f in FIELDS} if r["read"] else None
                print(f"  {r['file']} | {r['row']} | {r['column']}: label "
                      f"{ {f: r['gold'][f] for f in FIELDS} } read {got}")
    RESULTS.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
