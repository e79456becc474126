"""Presentation for the notebooks: Dutch labels, and document text made safe for Markdown and tables.

Document text is untrusted: a budget (or a folder name) may hold ``<script>`` or Markdown that would
render as markup. Everything from a document that goes into a Markdown cell passes through ``esc``;
tables are rendered by :func:`table` through a Jinja2 template with autoescaping (``templates/table.html.j2``;
never a Styler, which does not escape by default): no index, missing values as a dash, text left-aligned and
numbers right-aligned.
"""
from __future__ import annotations

import html
import numbers
import re

import pandas as pd

from .templating import render

# Dutch names of the values the library uses, for every report
KIND_LABELS = {"programmabegroting": "Programmabegroting", "jaarstukken": "Jaarstukken",
               "kadernota": "Kadernota / voorjaarsnota", "tussenrapportage": "Najaarsnota / bestuursrapportage",
               "uitvoeringsprogramma": "Uitvoeringsprogramma"}
SECTION_LABELS = {"visie": "Visie", "bereiken": "Wat willen we bereiken?", "doen": "Wat gaan we daarvoor doen?",
                  "kosten": "Wat mag het kosten?", "indicatoren": "Indicatoren", "bereikt": "Wat hebben we bereikt?",
                  "gedaan": "Wat hebben we gedaan?", "gekost": "Wat heeft het gekost?",
                  "ontwikkelingen": "Ontwikkelingen", "beleidskader": "Beleidskader", "overig": "Overig"}
NO_PROGRAMME = "Algemeen"  # text before or outside any programme
STATEMENT_LABELS = {"ambition": "ambitie", "commitment": "toezegging", "context": "context"}
LEVEL_LABELS = {"effect": "effect (maatschappij)", "prestatie": "prestatie (wat de gemeente levert)",
                "activiteit": "activiteit (inspanning)"}
SCORE_LABELS = {0: "niet", 1: "gedeeltelijk", 2: "volledig"}
# a promise from one budget to the next, and a programme (compare.py)
PROMISE_STATUS_LABELS = {"continued": "voortgezet", "changed": "gewijzigd", "new": "nieuw", "dropped": "verdwenen"}
# what became of a promise according to the jaarstukken (accountability/), and the events of its history
ACCOUNTABILITY_STATUS_LABELS = {"gerealiseerd": "gerealiseerd", "deels": "deels gerealiseerd",
                                "niet_gerealiseerd": "niet gerealiseerd", "uitgesteld": "uitgesteld",
                                "lopend": "loopt nog", "niet_genoemd": "niet genoemd"}
HISTORY_EVENT_LABELS = {"beloofd": "voor het eerst beloofd", "herhaald": "opnieuw beloofd",
                        "verantwoord": "verantwoord in de jaarstukken", "verdwenen": "niet meer in de begroting"}
# the verantwoording report's column headers (accountability/views.py)
ACCOUNTABILITY_COLUMNS = {"programme": "Programma", "promises": "Beloftes", "share_realised": "Aandeel gerealiseerd",
                          "text": "Belofte", "statement": "Soort", "status": "Status", "new_year": "Nieuw jaar",
                          "decided_text": "Wat de jaarstukken zeggen", "similarity": "Gelijkenis",
                          "deadline": "Deadline", "reported": "Wat de jaarstukken melden",
                          "moves": "Keren verschoven", "first_promised": "Eerst beloofd",
                          "times_promised": "Keren beloofd", "times_reported": "Keren verantwoord",
                          "last_status": "Laatste status", "times_postponed": "Keren verschoven",
                          "dropped_in": "Verdwenen in"}
PROGRAMME_STATUS_LABELS = {"continued": "voortgezet", "renamed": "hernoemd", "merged": "samengevoegd", "new": "nieuw",
                           "dropped": "verdwenen"}
CARD_LABELS = {"ambitions": "Ambities", "commitments": "Toezeggingen", "goals": "Totaal",
               "share_measurable": "Meetbaar", "share_partly_measurable": "(Deels) meetbaar",
               "share_time_bound": "Tijdgebonden", "share_er_goals": "ER-doelen",
               "mean_smart_score": "Gem. SMART (0-6)", "mean_mark": "Cijfer (0-10)",
               "goals_without_indicator": "Zonder indicator"}
TITLE_ID = "bl-titel"  # a chart's title in its SVG (plots.py): the report page makes it the chart's alt text
# the reports (notebooks) by the titles readers see; another notebook by its name ('06_geld' -> 'Geld')
REPORT_TITLES = {"01_overzicht": "Overzicht", "02_themas": "Thema's", "03_ambities": "Ambities",
                 "04_vergelijking": "Vergelijking", "05_gemeenten": "Gemeenten naast elkaar",
                 "07_verantwoording": "Verantwoording"}
# column names of the library's tables -> the headers readers see
COLUMNS = {"kind": "Soort", "title": "Titel", "status": "Status", "date": "Datum", "source": "Bron",
           "programmes": "Programma's", "programme": "Programma", "subprogramme": "Onderdeel van het programma",
           "subprogrammes": "Onderdelen", "portfolio_holders": "Portefeuillehouder(s)", "sections": "Hoofdstukken",
           "heading": "Kop", "section_kind": "Soort tekst", "paragraphs": "Alinea's", "sentences": "Zinnen",
           "words": "Woorden", "sentence_id": "Zin-id", "text": "Zin", "year": "Jaar", "municipality": "Gemeente",
           "name": "Gemeente", "count": "Aantal", "statement": "Soort", "level": "Niveau", "deadline": "Jaartal",
           "specific": "S", "measurable": "M", "time_bound": "T", "smart_score": "Score"}
# money (money/): what an amount or a column is, the flags, the Iv3 positions
MEASURE_LABELS = {"lasten": "Lasten", "baten": "Baten", "saldo": "Saldo (baten - lasten)"}
COLUMN_KIND_LABELS = {"realisatie": "realisatie", "begroting": "begroting",
                      "begroting_na_wijziging": "begroting na wijziging", "raming": "raming", "other": "overig"}
VALUE_KIND_LABELS = {"realisatie": "Realisatie", "begroting": "Begroting", "streefwaarde": "Streefwaarde",
                     "nederland": "Nederland", "provincie": "Provincie", "regio": "Regio",
                     "grootteklasse": "Grootteklasse", "other": "Overig"}
FLAG_LABELS = {"goal_without_indicator": "Doel zonder indicator", "goal_without_target": "Doel zonder streefwaarde",
               "indicator_without_goal": "Indicator zonder doel",
               "lasten_change_unexplained": "Verandering in lasten zonder toelichting"}
POSITION_LABELS = {"below": "lager dan de meeste", "middle": "in het midden", "above": "hoger dan de meeste"}



def report_title(notebook: str) -> str:
    """A report's title for readers: 'Ambities' for 03_ambities, else its name without the number."""
    if notebook in REPORT_TITLES:
        return REPORT_TITLES[notebook]
    name = re.sub(r"^\d+_", "", notebook).replace("_", " ").strip()
    return name[:1].upper() + name[1:] if name else notebook


INTERACTIVE_ROWS = 10  # longer tables can be sorted, searched and paged in the browser


def _is_number(value) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def cell(value, mark: str = "–") -> str:
    """One table cell as text: a dash for missing values, lists joined, whole numbers without '.0'."""
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v, "") for v in value) or mark
    text = cell_text(value)
    if text == "":
        return mark
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return text


def table_html(frame: pd.DataFrame) -> str:
    """A DataFrame as an escaped HTML table without index: text left, numbers right, missing values as '–'.

    A table of more than INTERACTIVE_ROWS rows is marked interactive (sorted, searched and paged in the
    browser by the site's shared script, build/assets.py); numbers sort by their value (``data-order``).
    """
    columns = []
    for name in frame.columns:
        values = [v for v in frame[name].tolist() if cell_text(v) != ""]
        align = "num" if values and all(_is_number(v) for v in values) else "text"
        columns.append({"name": str(name), "align": align})
    rows = [[(cell(v), c, order(v) if c["align"] == "num" else None) for v, c in zip(row, columns)]
            for row in frame.itertuples(index=False, name=None)]
    return render("table.html.j2", columns=columns, rows=rows, interactive=len(rows) > INTERACTIVE_ROWS)


def order(value) -> str:
    """What a number sorts by in an interactive table: its value, and a missing one below every number."""
    return cell_text(value) or "-1e308"


def table(frame: pd.DataFrame):
    """:func:`table_html` for display in a notebook."""
    from IPython.display import HTML

    return HTML(table_html(frame))


def programme_name(value) -> str:
    return cell_text(value) or NO_PROGRAMME

MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|~])")


def esc(value) -> str:
    """Any value as literal text inside Markdown: no HTML (escaped), no emphasis, links or code.

    A bare URL would become a live link (the renderer links 'https://...'): its ':' is escaped too.
    """
    return MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(str(value), quote=False)).replace("://", "\\://")


def percent(frame: pd.DataFrame, columns, digits: int = 0) -> pd.DataFrame:
    """Shares (0..1) as Dutch percentage text ('12%'), for tables that readers scan."""
    frame = frame.copy()
    for column in columns:
        frame[column] = frame[column].map(lambda v: "–" if pd.isna(v) else f"{v * 100:.{digits}f}%".replace(".", ","))
    return frame


def cell_text(value) -> str:
    """A table cell as text: '' for None, NaN and pandas' NA (which refuse to be truth-tested)."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # lists and arrays: not a missing value
        pass
    return str(value)
