"""The vocabulary of Dutch budget documents: document kinds, section headings, programme and field lines.

Shared by the readers (to tell a heading from a sentence) and by the structure step (to build the
document), so both agree on what "Wat willen we bereiken?" or "Portefeuillehouder:" means.
"""
from __future__ import annotations

import re

from .text import normalise

MONTHS = {m: i for i, m in enumerate(
    "januari februari maart april mei juni juli augustus september oktober november december".split(), 1)}
MONTHS.update({"jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
               "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12})
DUTCH_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{4})\b", re.I)
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")

# Title words -> document kind; the year that follows is the year the document is about.
DOCUMENT_KIND_PATTERNS = [
    (re.compile(r"\b(?:programma|ontwerp|primitieve\s+)?begroting\b", re.I), "programmabegroting"),
    (re.compile(r"\b(?:jaarstukken|jaarverslag|jaarrekening)\b", re.I), "jaarstukken"),
    (re.compile(r"\b(?:kadernota|voorjaarsnota|perspectiefnota)\b", re.I), "kadernota"),
    (re.compile(r"\b(?:tussenrapportage|najaarsnota|bestuursrapportage|burap|kwartaalbrief)\b", re.I),
     "tussenrapportage"),
]
YEAR = re.compile(r"\b(20\d{2}|19\d{2})\b")
META_FIELD = re.compile(r"^(versie|status|datum|vastgesteld|gemeente)\s*:\s*(.+)$", re.I)
HOLDERS_FIELD = re.compile(r"^portefeuillehouders?\s*:\s*(.+)$", re.I)
PROGRAMME_HEADING = re.compile(r"^programma(?!begroting)\s*(?:\d+[a-z]?(?:\.\d+)*)?\s*[:.\-\u2013]?\s*(.+)$", re.I)
TITLE_PAGE_MUNICIPALITY = re.compile(r"^[Gg]emeente\s+([A-Z\u00c0-\u017f'][\w\u00c0-\u017f' .-]{1,40}?)[,.]?(?:\s+\d.*)?$")
ADOPTED = re.compile(r"^((?:vastgesteld|aangenomen|goedgekeurd)(?:\s+door\s+(?:de\s+)?(?:gemeente)?raad)?)\b", re.I)
NUMBERING = re.compile(r"^\d+(?:\.\d+)*\.?\s+")

# Section headings -> kind. Order matters: 'prestatie-indicatoren' is about indicators, not 'doen'.
SECTION_PATTERNS = [
    ("indicatoren", r"indicator|streefwaarde|kengetal"),
    ("kosten", r"wat mag (het|dat) kosten|wat heeft (het|dat) gekost|wat kost het|lasten en baten|"
               r"baten en lasten|financi[eë]n|financieel|budget|middelen"),
    ("bereiken", r"wat willen we bereiken|wat hebben we bereikt|wat wil(len)? (we|wij) bereiken|"
                 r"^doel(en|stelling(en)?)?$|maatschappelijke? effect|^effect(en)?$|^opgaven?$|beoogd"),
    ("doen", r"wat gaan (we|wij) (daar|er)?\s*(voor )?doen|wat hebben (we|wij) (er|daar)?\s*(voor )?gedaan|"
             r"^activiteiten$|^acties$|^prestaties$|^maatregelen$|^resultaten$|wat doen (we|wij)"),
    ("visie", r"visie|missie|strategisch doel|ambitie"),
    ("overig", r"inleiding|ontwikkelingen|beleidskaders?|kaderstellende|beleidsnota|verbonden partijen|"
               r"risico|^toelichting|^context|^algemeen"),
]
SECTION_RES = [(kind, re.compile(pattern, re.I)) for kind, pattern in SECTION_PATTERNS]


def section_kind(heading: str) -> str | None:
    """The kind of a known section heading ('Wat willen we bereiken?' -> 'bereiken'), else None."""
    text = NUMBERING.sub("", normalise(heading)).strip(" ?:").lower()
    for kind, pattern in SECTION_RES:
        if pattern.search(text):
            return kind
    return None


def document_kind_and_year(title: str) -> tuple[str | None, int | None]:
    """'Programmabegroting 2024' -> ('programmabegroting', 2024)."""
    for pattern, kind in DOCUMENT_KIND_PATTERNS:
        match = pattern.search(title)
        if match:
            year = YEAR.search(title[match.start():])
            return kind, int(year.group(1)) if year else None
    return None, None


