"""Every sentence of a corpus with its statement, SMART scores and evidence: one tidy table, and its views."""
from __future__ import annotations

import gc
import re
from typing import Any

import pandas as pd

from ..present import SCORE_LABELS, STATEMENT_LABELS, cell_text  # noqa: F401  (re-exported)
from ..templating import render
from .lexicon import CRITERIA, open_gates, word_tokens
from .mentions import _actors, _policy_documents
from .smart import _er_goal, _level, _score_measurable, _score_specific, _score_time, _years
from .statement import Reading, statement

def classify_sentence(text: str, section_kind: str | None = None, year: int | None = None,
                      kind: str | None = None, municipality: str | None = None, paragraph_kind: str | None = None,
                      lead_in: str | None = None) -> dict[str, Any]:
    """All labels of one sentence with their evidence (see :func:`classify_sentences` for the fields)."""
    text = str(text or "")
    low = text.lower()
    tokens = word_tokens(low)
    gates = open_gates(tokens, low)  # which of the costliest patterns can match at all
    section_kind = section_kind or "overig"
    doc_year = year if year is None or type(year) is int else int(year) if not pd.isna(year) else None
    years, year_words = _years(text, doc_year)
    label, statement_ev, _ = statement(Reading(text, low, tokens, section_kind, str(kind or ""), doc_year, years,
                                               paragraph_kind or "paragraph", lead_in, municipality, gates))
    measurable, measurable_ev = _score_measurable(text, low, tokens, gates)
    time_bound, deadline, relative, time_ev = _score_time(low, tokens, years, year_words)
    # the taxonomy lookup of 'specific' (the costliest test) only for promises, which SMART is about
    specific, specific_ev = _score_specific(text, low, tokens, measurable, municipality, themes=label != "context",
                                            gates=gates)
    level, level_ev = _level(label, low, gates)
    er_goal, er_ev = _er_goal(label, tokens, low, measurable, gates)
    return {
        "statement": label, "specific": specific, "measurable": measurable, "time_bound": time_bound,
        "smart_score": specific + measurable + time_bound, "deadline": deadline, "relative_period": relative,
        "level": level, "er_goal": er_goal, "actors": _actors(low, tokens),
        "policy_documents": _policy_documents(text, tokens, gates),
        "statement_evidence": statement_ev, "specific_evidence": specific_ev,
        "measurable_evidence": measurable_ev or "geen getal, doelwaarde of nulmeting",
        "time_bound_evidence": time_ev or "geen jaartal of termijn", "level_evidence": level_ev,
        "er_evidence": er_ev,
    }


RESULT_COLUMNS = ["statement", "specific", "measurable", "time_bound", "smart_score", "deadline", "relative_period",
                  "level", "er_goal", "actors", "policy_documents", "statement_evidence", "specific_evidence",
                  "measurable_evidence", "time_bound_evidence", "level_evidence", "er_evidence"]
KEEP_COLUMNS = ["sentence_id", "doc_id", "municipality", "year", "kind", "programme_id", "programme", "section_id",
                "heading", "section_kind", "paragraph_kind", "position", "text"]


def classify_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: its identifying columns plus statement, SMART scores and the evidence for each.

    Needs a ``text`` column; uses ``section_kind``, ``year``, ``kind`` (document kind) and ``municipality`` (its own
    name does not make a goal specific) when present.
    Output columns: the input's ``sentence_id, doc_id, municipality, year, kind, programme_id, programme,
    section_id, heading, section_kind, paragraph_kind, position, text`` (those present) followed by
    ``statement`` (ambition/commitment/context), ``specific``, ``measurable``, ``time_bound`` (0/1/2),
    ``smart_score`` (0-6), ``deadline`` (Int64 year or <NA>), ``relative_period``, ``level``
    (effect/prestatie/activiteit or None for context), ``er_goal`` (bool), ``actors`` (list),
    ``policy_documents`` (list) and ``*_evidence`` (the words that decided each label).
    """
    if "text" not in sentences.columns:
        raise ValueError("classify_sentences needs a 'text' column")
    texts = sentences["text"].astype(object).tolist()
    years = _years_of(sentences)
    keys = list(zip(texts, _strings(sentences, "section_kind"), years, _strings(sentences, "kind"),
                    _strings(sentences, "municipality"), _strings(sentences, "paragraph_kind"),
                    _strings(sentences, "lead_in")))  # classify_sentence's arguments, in order
    rows = _without_collector(_classify_distinct, keys)
    result = pd.DataFrame(rows, columns=RESULT_COLUMNS, index=sentences.index)
    result["deadline"] = pd.array(result["deadline"], dtype="Int64")
    for column in CRITERIA + ("smart_score",):
        result[column] = result[column].astype(int)
    result["er_goal"] = result["er_goal"].astype(bool)
    keep = [c for c in KEEP_COLUMNS if c in sentences.columns]
    return pd.concat([sentences[keep], result], axis=1).reset_index(drop=True)


def _without_collector(function, *args):
    """``function(*args)`` with Python's cyclic garbage collector paused: the rows made hold no reference cycles, so
    its passes (ever longer as the rows pile up: 5% of the time of 50,000 sentences) would free nothing. Restored after,
    also on an error."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return function(*args)
    finally:
        if paused:
            gc.enable()


def _strings(sentences: pd.DataFrame, column: str) -> list[str | None]:
    """A column's values as str, anything else (NA, NaN, None, a missing column) as None."""
    if column not in sentences:
        return [None] * len(sentences)
    return [v if isinstance(v, str) else None for v in sentences[column].astype(object).tolist()]


def _years_of(sentences: pd.DataFrame) -> list[int | None]:
    """The ``year`` column as int or None."""
    if "year" not in sentences:
        return [None] * len(sentences)
    missing = sentences["year"].isna().tolist()
    return [None if na else int(y) for y, na in zip(sentences["year"].astype(object).tolist(), missing)]


def _classify_distinct(keys: list[tuple]) -> list[dict[str, Any]]:
    """:func:`classify_sentence` of every key (its arguments), computed once per distinct key: a corpus repeats
    sentences (the same text in a begroting's programmes, a year's editions). A repeat gets its own lists, so no
    two rows share a mutable cell."""
    done: dict[tuple, dict[str, Any]] = {}
    rows = []
    for key in keys:
        row = done.get(key)
        if row is None:
            row = done[key] = classify_sentence(*key)
        else:
            row = {**row, "actors": list(row["actors"]), "policy_documents": list(row["policy_documents"])}
        rows.append(row)
    return rows


def goals(classified: pd.DataFrame) -> pd.DataFrame:
    """Only the ambitions and commitments."""
    return classified[classified["statement"].isin(["ambition", "commitment"])].reset_index(drop=True)


def reasons(row: pd.Series | dict) -> str:
    """One readable line with the words behind every label of a classified sentence (Dutch)."""
    parts = [f"{STATEMENT_LABELS.get(row['statement'], row['statement'])}: {row['statement_evidence']}"]
    parts.append(f"S{row['specific']}: {row['specific_evidence']}")
    parts.append(f"M{row['measurable']}: {row['measurable_evidence']}")
    parts.append(f"T{row['time_bound']}: {row['time_bound_evidence']}")
    if row.get("er_goal"):
        parts.append(f"ER-doel: {row['er_evidence']}")
    return " | ".join(parts)


def evidence(row: pd.Series | dict) -> dict[str, str]:
    """The evidence of one classified row as a dict (the CLI's "evidence" field)."""
    out = {"statement": row["statement_evidence"], "specific": row["specific_evidence"],
           "measurable": row["measurable_evidence"], "time_bound": row["time_bound_evidence"]}
    if row.get("level_evidence"):
        out["level"] = row["level_evidence"]
    if row.get("er_evidence"):
        out["er_goal"] = row["er_evidence"]
    return out


def annotations(sentences: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """sentence_id -> the JSON fields the ``analyse`` command adds (statement, smart, deadline, ...)."""
    classified = classify_sentences(sentences)
    out: dict[str, dict[str, Any]] = {}
    for row in classified.to_dict("records"):
        deadline = row["deadline"]
        out[str(row["sentence_id"])] = {
            "statement": row["statement"],
            "smart": {c: int(row[c]) for c in CRITERIA},
            "deadline": None if pd.isna(deadline) else int(deadline),
            "level": None if pd.isna(row["level"]) else row["level"],
            "er_goal": bool(row["er_goal"]),
            "evidence": evidence(row),
        }
    return out



def ambitions_table(classified: pd.DataFrame) -> pd.DataFrame:
    """One row per ambition or commitment, flat (lists joined), for CSV and spreadsheets."""
    data = goals(classified).copy()
    data["actors"] = data["actors"].map(lambda v: "; ".join(v))
    data["policy_documents"] = data["policy_documents"].map(lambda v: "; ".join(v))
    data["reasons"] = data.apply(reasons, axis=1) if not data.empty else pd.Series(dtype=str)
    columns = [c for c in ["sentence_id", "municipality", "year", "programme", "section_kind", "text", "statement",
                           "level", "specific", "measurable", "time_bound", "smart_score", "deadline",
                           "relative_period", "er_goal", "actors", "policy_documents", "statement_evidence",
                           "specific_evidence", "measurable_evidence", "time_bound_evidence", "reasons"]
               if c in data.columns]
    return data[columns]




def html_table(classified: pd.DataFrame, table_id: str = "ambities") -> str:
    """A self-contained HTML table of every ambition and commitment with scores and reasons.

    All document text is escaped; on the report page the table can be sorted (by SMART score, say), searched
    and paged (build/assets.py).
    """
    header = [("Programma", "text"), ("Soort", "text"), ("Niveau", "text"), ("Zin", "text"), ("S", "num"),
              ("M", "num"), ("T", "num"), ("Score", "num"), ("Termijn", "text"), ("ER-doel", "text"),
              ("Waarom", "text")]
    rows = []
    for row in goals(classified).to_dict("records"):
        deadline = row["deadline"]
        term = str(int(deadline)) if not pd.isna(deadline) else cell_text(row["relative_period"])
        cells = [cell_text(row.get("programme")), STATEMENT_LABELS[row["statement"]], cell_text(row["level"]),
                 row["text"], row["specific"], row["measurable"], row["time_bound"], row["smart_score"], term,
                 "ja" if row["er_goal"] else "", reasons(row)]
        rows.append([(value, align) for value, (_, align) in zip(cells, header)])
    return render("ambitions_table.html.j2", table_id=re.sub(r"[^a-zA-Z0-9_-]", "", table_id) or "ambities",
                  header=header, rows=rows)
