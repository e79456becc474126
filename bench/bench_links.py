"""Measure the goal -> indicator links (money/links.py) on hand-labelled real text.

    .venv/bin/python bench/bench_links.py            # table + bench/results/links.json
    .venv/bin/python bench/bench_links.py --errors   # also list every wrong or missed link

Labels: ``data/link_labels.json``, written from the text before the linker existed. Each case names the document
(and programme) of the goals and of the indicators; the real-dev corpus has one programme with both in one document,
so the other cases pair the 'Wat willen we bereiken?' text of one real document with the indicator table of another
of the same programme (see the file's ``about``). Every sentence of the goal text is labelled with the indicators
that measure it, whether or not the ambition analysis calls it a goal.

The pipeline is the report's: classify the sentences, keep the goals (``goals_of``), read the indicators, link.
Metrics: precision (links made that the labels have), recall (labelled links made; a labelled sentence the
ambition analysis does not take as a goal is a miss), and the same for the flag 'goal without indicator' on the
goals the pipeline keeps (a flag is right when the labels give the goal no indicator).
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from begrotingslab.ambitions import classify_sentences
from begrotingslab.corpus_tables import document_tables
from begrotingslab.money.indicators import indicator_tables
from begrotingslab.money.links import goal_flags, goals_of, link_goals
from begrotingslab.structure import parse_document

HERE = Path(__file__).resolve().parent
REAL = HERE / "data" / "real"
LABELS = HERE / "data" / "link_labels.json"
RESULTS = HERE / "results" / "links.json"
NOTE = ("The labels were written before the linker; its rules were then adjusted on these same labels (word and "
        "lemma stems meet: 'verzuim'/'verzuimen'; a compound's first part links only from 7 letters: not 'school', "
        "'woning'; the bench gives goals and indicators the goals' programme, whose name's words never link, as a "
        "report does). First run: 1 of 2 links right, 1 of 20 found. So this measures fit, not how it does on "
        "programmes it has not seen.")
SHARED = "bench"  # the document both sides are given, so goals and indicators of two documents meet


def norm(text: str) -> str:
    return re.sub(r"\W+", " ", str(text).lower()).strip()


def parsed(name: str):
    path = REAL / name
    return parse_document(path, folder=path.parent.name)


def of_programme(frame, programme):
    """The rows of ``programme`` (None: the rows without one)."""
    return frame[frame["programme"].isna()] if programme is None else frame[frame["programme"] == programme]


def case_frames(case: dict):
    """(goals, indicators, values) of one case, both sides in document SHARED and the goals' programme (whose
    name's words never link, as in a report)."""
    programme = case["goals"]["programme"]
    document = parsed(case["goals"]["file"])
    sentences = document_tables(document)["sentences"]
    goals = goals_of(classify_sentences(sentences), sentences)
    goals = of_programme(goals, case["goals"]["programme"]).assign(programme=programme, doc_id=SHARED)
    found = indicator_tables(parsed(case["indicators"]["file"]))
    ind = found["indicators"]
    ind = of_programme(ind, case["indicators"]["programme"]).assign(programme=programme, doc_id=SHARED)
    values = found["values"][found["values"]["indicator"].isin(ind["indicator"])].assign(doc_id=SHARED)
    return goals, ind, values


def labelled_of(case: dict, text: str) -> dict | None:
    return next((g for g in case["goals_labelled"] if norm(text).startswith(norm(g["text"]))), None)


def score_case(case: dict) -> dict:
    goals, ind, values = case_frames(case)
    links = link_goals(goals, ind, values)
    made = {(norm(r["goal"]), norm(r["name"])) for r in links.to_dict("records")}
    gold = {(norm(g["text"]), norm(i)) for g in case["goals_labelled"] for i in g["indicators"]}
    right = {m for m in made if any(m[0].startswith(g[0]) and m[1] == g[1] for g in gold)}
    found_gold = {g for g in gold if any(m[0].startswith(g[0]) and m[1] == g[1] for m in made)}
    flags = goal_flags(goals, ind, links)
    flagged = flags[flags["flag"] == "goal_without_indicator"]["subject"].tolist()
    flag_right = [t for t in flagged if (labelled_of(case, t) or {}).get("indicators") == []]
    unlabelled = [t for t in goals["text"] if labelled_of(case, t) is None]
    return {"name": case["name"], "goals_kept": len(goals), "goals_labelled": len(case["goals_labelled"]),
            "indicators": len(ind), "links_made": len(made), "links_right": len(right), "links_gold": len(gold),
            "links_found": len(found_gold), "flags": len(flagged), "flags_right": len(flag_right),
            "unlabelled_goals": unlabelled,
            "wrong": sorted(f"{g[:60]} -> {i}" for g, i in made - right),
            "missed": sorted(f"{g[:60]} -> {i}" for g, i in gold - found_gold),
            "links": links[["goal", "name", "similarity", "words"]].astype(str).to_dict("records")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every wrong and missed link")
    args = parser.parse_args()
    cases = [score_case(c) for c in json.loads(LABELS.read_text(encoding="utf-8"))["cases"]]
    total = {k: sum(c[k] for c in cases) for k in ("links_made", "links_right", "links_gold", "links_found",
                                                    "flags", "flags_right", "goals_kept", "goals_labelled")}
    summary = {
        "note": NOTE, "cases": len(cases), **total,
        "precision": total["links_right"] / total["links_made"] if total["links_made"] else None,
        "recall": total["links_found"] / total["links_gold"] if total["links_gold"] else None,
        "flag_precision": total["flags_right"] / total["flags"] if total["flags"] else None,
    }
    print(f"{'case':<90} goals  made right  gold found")
    for c in cases:
        print(f"{c['name'][:90]:<90} {c['goals_kept']:>5} {c['links_made']:>5} {c['links_right']:>5} "
              f"{c['links_gold']:>5} {c['links_found']:>5}")
        if args.errors:
            for line in c["wrong"]:
                print(f"    wrong:  {line}")
            for line in c["missed"]:
                print(f"    missed: {line}")
    print(json.dumps(summary, indent=1))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"summary": summary, "cases": cases}, ensure_ascii=False, indent=1) + "\n",
                       encoding="utf-8")


if __name__ == "__main__":
    main()
