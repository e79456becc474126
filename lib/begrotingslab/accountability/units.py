"""The reporting text of a year as units to match promises against: every sentence of the jaarstukken (and of a
bestuursrapportage or najaarsnota of that year), and every row of their status tables ("Prestatie | Status").

A lead-in that ends in a colon is no unit: it says nothing by itself. A table row is one unit: its text is the row
as written (cells joined by " | "), its ``subject`` the cells that say what it is about (the status cell left out),
its ``stated`` status read from the status cell.
"""
from __future__ import annotations

import re

import pandas as pd

from .status import cell_status, is_past_report, legend, status_of

REPORT_KINDS = ("jaarstukken", "tussenrapportage")  # the jaarstukken decide; a burap or najaarsnota fills in
STATUS_HEADER = re.compile(r"\b(?:status|stand(?: van zaken)?|voortgang|realisatie|gerealiseerd|resultaat|"
                           r"uitvoering|planning)\b", re.I)
# Sections that restate what was wanted ("Wat wilden we bereiken?"): not a report unless a status is written in them.
RESTATING_SECTIONS = frozenset({"bereiken", "visie", "beleidskader"})
UNIT_COLUMNS = ["unit_id", "doc_id", "kind", "year", "programme", "subprogramme", "section_kind", "source", "text",
                "subject", "stated", "new_year", "past", "restates", "level"]
# What a report is about, from where it stands: "Wat hebben we (daarvoor) gedaan?" and the rows of a table of
# prestaties/activiteiten/acties report acts; "Wat hebben we bereikt?" reports goals.
ACT_HEADER = re.compile(r"^(?:prestaties?|activiteit(?:en)?|acties?|maatregel(?:en)?|projecten|project|"
                        r"inspanning(?:en)?|wat gaan (?:we|wij) doen|wat (?:doen|deden) (?:we|wij))\b", re.I)
SECTION_LEVEL = {"gedaan": "act", "bereikt": "goal"}


def report_units(reports) -> pd.DataFrame:
    """One row per sentence and per table row of the reporting documents (a Corpus selection).

    Columns: unit_id, doc_id, kind, year, programme, subprogramme, section_kind, source ('sentence' or 'table_row'),
    text, subject (what similarity is computed on), stated (a status in words, else None), new_year, past (a
    past-tense report), restates (in a section that restates the goals), level ('act' for a report of acts: under
    "Wat hebben we gedaan?" or a row of a Prestatie/Activiteit table; 'goal' under "Wat hebben we bereikt?"; else
    None).
    """
    sentences, paragraphs = reports.sentences, reports.paragraphs
    rows = []
    legends = {doc: legend(part["text"]) for doc, part in sentences.groupby("doc_id")} if len(sentences) else {}
    before = previous_sentences(sentences)
    for row in sentences.itertuples(index=False):
        year = None if pd.isna(row.year) else int(row.year)
        stated, moved = status_of(row.text, year)
        if str(row.text).rstrip().endswith(":"):
            continue  # a lead-in ("De volgende activiteiten zijn uitgevoerd:") reports nothing by itself
        rows.append({"unit_id": row.sentence_id, "doc_id": row.doc_id, "kind": row.kind, "year": year,
                     "programme": row.programme, "subprogramme": getattr(row, "subprogramme", None),
                     "section_kind": row.section_kind, "source": "sentence",
                     "text": row.text, "subject": subject(row.text, before.get(row.sentence_id)), "stated": stated,
                     "new_year": moved,
                     "past": is_past_report(row.text), "restates": row.section_kind in RESTATING_SECTIONS,
                     "level": SECTION_LEVEL.get(row.section_kind)})
    context = section_context(reports)
    for paragraph in paragraphs.itertuples(index=False):
        if not isinstance(paragraph.rows, list) or len(paragraph.rows) < 2:
            continue
        rows += table_units(paragraph, context, legends.get(paragraph.doc_id, {}))
    return pd.DataFrame(rows, columns=UNIT_COLUMNS)


ANAPHOR = re.compile(r"^(?:dit|deze|dat|die|hiervoor|daarvoor|hiermee|daarmee|hierdoor|daardoor|hierbij|daarbij)\b",
                     re.I)


def previous_sentences(sentences: pd.DataFrame) -> dict:
    """sentence_id -> the sentence before it in its paragraph (None for the first)."""
    if sentences.empty or "paragraph_id" not in sentences:
        return {}
    ordered = sentences.sort_values("position") if "position" in sentences else sentences
    return dict(zip(ordered["sentence_id"], ordered.groupby("paragraph_id")["text"].shift()))


def subject(text: str, before) -> str:
    """What a report sentence is about: itself, and the sentence before it when it points back ("Deze is vertraagd
    en schuift door naar 2025." says nothing without the school it is about)."""
    if ANAPHOR.match(str(text)) and isinstance(before, str):
        return f"{before} {text}"
    return str(text)


def section_context(reports) -> pd.DataFrame:
    """section_id -> kind, year, programme and section_kind of its document: where a table row stands."""
    sections = reports.sections.merge(reports.programmes[["programme_id", "programme"]], on="programme_id", how="left")
    sections = sections.merge(reports.documents[["doc_id", "kind", "year"]], on="doc_id", how="left")
    return sections.drop_duplicates("section_id").set_index("section_id")


def status_column(table: list[list[str]]) -> int | None:
    """The index of the status column: a header cell naming it, else the column whose cells are status words."""
    header = table[0]
    for i, cell in enumerate(header):
        if STATUS_HEADER.search(str(cell)) and len(str(cell).split()) <= 4:
            return i
    width = max(len(r) for r in table)
    for i in range(width):
        cells = [str(r[i]) for r in table[1:] if i < len(r) and str(r[i]).strip()]
        if cells and all(len(c.split()) <= 4 and cell_status(c)[0] for c in cells):
            return i
    return None


def table_units(paragraph, context, legend_map: dict[str, str]) -> list[dict]:
    """The rows of one table with a status column as units (tables without one: each row as plain text)."""
    table = [[str(c) for c in r] for r in paragraph.rows]
    column = status_column(table)
    info = context.loc[paragraph.section_id] if paragraph.section_id in context.index else None
    level = "act" if ACT_HEADER.match(str(table[0][0]).strip()) else (
        None if info is None else SECTION_LEVEL.get(info["section_kind"]))
    year = None if info is None or pd.isna(info["year"]) else int(info["year"])
    out = []
    for index, cells in enumerate(table[1:], start=1):
        if not any(c.strip() for c in cells):
            continue
        status_cell = cells[column] if column is not None and column < len(cells) else ""
        subject = " ".join(c for i, c in enumerate(cells) if i != column and c.strip())
        stated, moved = cell_status(status_cell, legend_map, year) if column is not None else (None, None)
        out.append({"unit_id": f"{paragraph.paragraph_id}-r{index:02d}", "doc_id": paragraph.doc_id,
                    "kind": None if info is None else info["kind"], "year": year,
                    "programme": None if info is None else info["programme"],
                    "subprogramme": None if info is None else info["subprogramme"],
                    "section_kind": None if info is None else info["section_kind"], "source": "table_row",
                    "text": " | ".join(cells), "subject": subject, "stated": stated, "new_year": moved,
                    "past": False, "restates": False, "level": level})
    return out
