"""Real budgets as the measure: read every real-dev document, match the labelled sentences, score the analyses.

``bench/data/real/`` holds real documents of 26 municipalities (text of their online editions, copied with
their chrome) and ``labels.json``: sentences labelled by a reviewer who never saw this project's output, with
``../labelling.md``'s rubric (in the repository as ``bench/data/real/LABELLING.md``). The labelled texts are
units an earlier version of the reader handed to the analyses, so some are not sentences at all (a heading, a
table row, two things run together: ``parse_error``); a reader that gets the structure right never hands
those to the analyses.

How a label is scored:

- A labelled *sentence* is looked up among the sentences the reader now produces for its file (same text,
  up to case, spacing and punctuation). Found: the analyses' output for that sentence is compared. Not found
  (the reader now splits differently): the label's text is analysed in the context (section, programme,
  document) of the sentence that overlaps it most, and it counts against ``sentence_recall``.
- A labelled *non-sentence* should no longer reach the analyses. When no sentence of the reader equals it,
  it is ``dropped``: its statement counts as ``context`` (nothing promised), its themes as none.

Municipalities are split in two: ``TUNE`` (rules were written looking at their errors) and ``CHECK`` (not
looked at while tuning: the honest estimate of how the rules do on municipalities they never saw).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from begrotingslab.ambitions import classify_sentences
from begrotingslab.corpus import document_tables
from begrotingslab.structure import parse_document
from begrotingslab.text import normalise
from begrotingslab.themes import load_taxonomy, tag_sentences

HERE = Path(__file__).resolve().parent
REAL = HERE / "data" / "real"
LABELS = REAL / "labels.json"  # reviewer A: never saw this project's output
EXTRA = REAL / "labels_extra.json"  # helper B: units of this reader that A did not label, same rubric, no output seen
CRITERIA = ("specific", "measurable", "time_bound")

# Municipalities whose errors were never looked at while the rules were written.
CHECK = frozenset("""bronckhorst wassenaar oude-ijsselstreek horst-aan-de-maas heusden zutphen tiel buren
zwartewaterland maassluis leudal amstelveen""".split())


def key(text: str) -> str:
    """Text reduced to its words: what two renderings of the same sentence share."""
    return re.sub(r"[\W_]+", " ", normalise(str(text)).lower()).strip()


def split_of(file: str) -> str:
    return "check" if file.split("/")[0] in CHECK else "tune"


def labels(*paths: Path) -> pd.DataFrame:
    """The labelled units, one row each, with ``labelled_by``, ``municipality``, ``split`` and ``is_sentence``.

    Without paths: reviewer A's labels and helper B's, A first (a text both labelled keeps A's labels).
    """
    paths = paths or tuple(p for p in (LABELS, EXTRA) if p.exists())
    items = [item for path in paths for item in json.loads(path.read_text(encoding="utf-8"))]
    frame = pd.DataFrame(items)
    frame = frame[~frame.assign(_k=frame["text"].map(key)).duplicated(["file", "_k"])].reset_index(drop=True)
    frame["parse_error"] = frame.get("parse_error", pd.Series([None] * len(frame))).where(
        lambda s: s.notna(), None)
    frame["municipality"] = frame["file"].str.split("/").str[0]
    frame["split"] = frame["file"].map(split_of)
    frame["is_sentence"] = frame["parse_error"].isna()
    return frame


def documents(root: Path = REAL) -> list[str]:
    """Every real-dev document, as a path relative to ``root``."""
    return sorted(str(p.relative_to(root)) for p in root.glob("*/*.txt"))


@lru_cache(maxsize=4)
def read_all(root: Path = REAL) -> pd.DataFrame:
    """Every sentence the reader hands to the analyses, for every real-dev document, with ``file``."""
    frames = []
    for file in documents(root):
        document = parse_document(root / file, folder=file.split("/")[0])
        sentences = document_tables(document)["sentences"]
        frames.append(sentences.assign(file=file))
    return pd.concat(frames, ignore_index=True)


def _overlap(a: str, b: str) -> float:
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) / max(1, len(wa | wb))


@dataclass
class Matched:
    """Labels joined with the reader's sentences: which were found, and the context each is analysed in."""

    frame: pd.DataFrame  # one row per label: its columns plus found, dropped, and the context columns


CONTEXT_COLUMNS = ["doc_id", "municipality_doc", "year", "kind", "programme_id", "programme", "subprogramme",
                   "section_id", "heading", "section_kind", "paragraph_id", "paragraph_kind", "lead_in", "sentence_id",
                   "position"]


def match(labelled: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Per label: ``found`` (the reader produces exactly this unit), ``dropped`` (a non-sentence no longer
    handed to the analyses) and the context of the reader's sentence that matches or overlaps it most."""
    sentences = sentences.assign(_key=sentences["text"].map(key))
    by_file = {f: part for f, part in sentences.groupby("file", sort=False)}
    rows = []
    for item in labelled.to_dict("records"):
        part = by_file.get(item["file"])
        k = key(item["text"])
        found = part is not None and bool((part["_key"] == k).any())
        if part is None or part.empty:
            context = {}
        elif found:
            context = part[part["_key"] == k].iloc[0].to_dict()
        else:
            scores = part["_key"].map(lambda s: _overlap(k, s))
            context = part.loc[scores.idxmax()].to_dict()
        row = dict(item)
        row["found"] = found
        row["dropped"] = (not item["is_sentence"]) and not found
        for column in CONTEXT_COLUMNS:
            source = "municipality" if column == "municipality_doc" else column
            row[column] = context.get(source)
        rows.append(row)
    return pd.DataFrame(rows)


def units_of(matched: pd.DataFrame) -> pd.DataFrame:
    """The labels as the analyses get them: each label's own text in the context of its matched sentence."""
    return pd.DataFrame({
        "sentence_id": [f"label-{i:04d}" for i in range(len(matched))],
        "text": matched["text"].astype(str),
        "section_kind": matched["section_kind"],
        "year": pd.array(matched["year"], dtype="Int64"),
        "kind": matched["kind"],
        "municipality": matched["municipality_doc"],
        "programme": matched["programme"],
        "subprogramme": matched["subprogramme"],
        "section_id": matched["section_id"],
        "heading": matched["heading"],
        "paragraph_kind": matched["paragraph_kind"],
        "lead_in": matched["lead_in"],
    })


def predict(matched: pd.DataFrame, taxonomy=None, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """The analyses' labels for every matched label (its own text, in its context), as pred_* columns.

    A dropped non-sentence is predicted ``context`` with no themes and no scores: the reader kept it from the
    analyses.
    """
    units = units_of(matched)
    classified = classify_sentences(units)
    tagged = tag_sentences(units, taxonomy or load_taxonomy(), context=sentences)  # sections read whole
    out = matched.copy()
    out["pred_statement"] = classified["statement"].where(~matched["dropped"], "context").to_numpy()
    out["statement_evidence"] = classified["statement_evidence"].to_numpy()
    for criterion in CRITERIA:
        out[f"pred_{criterion}"] = classified[criterion].to_numpy()
    out["pred_deadline"] = classified["deadline"].to_numpy()
    out["pred_level"] = classified["level"].to_numpy()
    themes = tagged["themes"].map(lambda ids: sorted(i for i in ids if "." not in i))
    out["pred_themes"] = [[] if d else t for t, d in zip(themes, matched["dropped"])]
    return out


def f1(gold: pd.Series, pred: pd.Series) -> float:
    tp = int((gold & pred).sum())
    fp = int((~gold & pred).sum())
    fn = int((gold & ~pred).sum())
    return 0.0 if tp == 0 else round(2 * tp / (2 * tp + fp + fn), 3)


def metrics(pred: pd.DataFrame) -> dict:
    """The figures of the issue for one set of labels (see the module docstring for how each is counted)."""
    if pred.empty:
        return {}
    sentences = pred[pred["is_sentence"]]
    non = pred[~pred["is_sentence"]]
    gold_goal = pred["statement"] != "context"
    pred_goal = pred["pred_statement"] != "context"
    goals = pred[gold_goal]
    out = {
        "labels": int(len(pred)), "sentences": int(len(sentences)), "non_sentences": int(len(non)),
        "goals": int(len(goals)),
        "statement_f1": f1(gold_goal, pred_goal),
        "statement_accuracy_3class": round(float((pred["statement"] == pred["pred_statement"]).mean()), 3),
        "sentence_recall": round(float(sentences["found"].mean()), 3) if len(sentences) else None,
        "non_sentences_dropped": round(float(non["dropped"].mean()), 3) if len(non) else None,
    }
    for criterion in CRITERIA:
        gold = goals[criterion].astype(int)
        out[f"{criterion}_agreement"] = round(float((gold == goals[f"pred_{criterion}"].astype(int)).mean()), 3) \
            if len(goals) else None
    if len(goals):
        gold_deadline = goals["deadline"].map(lambda v: -1 if v is None or pd.isna(v) else int(v))
        pred_deadline = goals["pred_deadline"].map(lambda v: -1 if v is None or pd.isna(v) else int(v))
        out["deadline_agreement"] = round(float((gold_deadline == pred_deadline).mean()), 3)
        out["level_agreement"] = round(float((goals["level"] == goals["pred_level"]).mean()), 3)
    tp = fp = fn = 0
    for gold, got in zip(sentences["themes"], sentences["pred_themes"]):  # themes of running text only
        gold, got = set(gold), set(got)
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
    out["themes_precision"] = round(tp / (tp + fp), 3) if tp + fp else None
    out["themes_recall"] = round(tp / (tp + fn), 3) if tp + fn else None
    return out


def evaluate(root: Path = REAL) -> tuple[dict, pd.DataFrame]:
    """Metrics per split (all, tune, check) and per municipality, and the scored labels."""
    labelled = labels(*(p for p in (root / "labels.json", root / "labels_extra.json") if p.exists()))
    sentences = read_all(root)
    predicted = predict(match(labelled, sentences), sentences=sentences)
    result = {"all": metrics(predicted)}
    for split in ("tune", "check"):
        result[split] = metrics(predicted[predicted["split"] == split])
    for by, part in predicted.groupby("labelled_by"):
        result[f"labelled by {by}"] = metrics(part)
    result["reader"] = reader_figures(sentences, labelled)
    result["by_municipality"] = {m: metrics(part) for m, part in predicted.groupby("municipality")}
    return result, predicted


def reader_figures(sentences: pd.DataFrame, labelled: pd.DataFrame) -> dict:
    """What the reader hands to the analyses: how many units, and the share of them that are not sentences.

    A unit is judged by the label with its text (reviewer A or helper B); units whose text no label has (the
    reader changed after labelling) are counted as ``unjudged`` and left out of the share.
    """
    judged = {(f, key(t)): ok for f, t, ok in zip(labelled["file"], labelled["text"], labelled["is_sentence"])}
    verdicts = [judged.get((f, key(t))) for f, t in zip(sentences["file"], sentences["text"])]
    known = [v for v in verdicts if v is not None]
    out = {"units": len(verdicts), "judged": len(known), "unjudged": len(verdicts) - len(known),
           "not_sentences": int(sum(1 for v in known if not v))}
    out["share_not_sentences"] = round(out["not_sentences"] / len(known), 3) if known else None
    for split in ("tune", "check"):
        part = [v for v, f in zip(verdicts, sentences["file"]) if split_of(f) == split and v is not None]
        out[f"share_not_sentences_{split}"] = round(sum(1 for v in part if not v) / len(part), 3) if part else None
    return out
