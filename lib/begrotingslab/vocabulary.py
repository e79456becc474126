"""The vocabulary of Dutch budget documents: document kinds, section headings, programme and field lines.

Shared by the readers (to tell a heading from a sentence) and by the structure step (to build the
document), so both agree on what "Wat willen we bereiken?" or "Portefeuillehouder:" means.
"""
from __future__ import annotations

import re

from .headings import section_kind  # noqa: F401  (part of the vocabulary: 'Wat willen we bereiken?' -> 'bereiken')
from .text import normalise

MONTHS = {m: i for i, m in enumerate(
    "januari februari maart april mei juni juli augustus september oktober november december".split(), 1)}
MONTHS.update({"jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
               "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12})
DUTCH_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{4})\b", re.I)
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")

# Title words -> document kind; the year that follows is the year the document is about.
DOCUMENT_KIND_PATTERNS = [
    (re.compile(r"\b(?:jaarstukken|jaarverslag|jaarrekening)\b", re.I), "jaarstukken"),
    (re.compile(r"\b(?:kadernota|voorjaarsnota|perspectiefnota|voorjaarsbrief)\b", re.I), "kadernota"),
    (re.compile(r"\b(?:tussenrapportage|najaarsnota|bestuursrapportage|burap|kwartaalbrief|voortgangsrapportage|"
                r"najaarsbrief|\d(?:e|ste|de) (?:bestuurs)?rapportage)\b", re.I), "tussenrapportage"),
    (re.compile(r"\b(?:uitvoeringsprogramma|collegeprogramma|collegeuitvoeringsprogramma|coalitieprogramma)\b", re.I),
     "uitvoeringsprogramma"),
    (re.compile(r"\b(?:programma|ontwerp|primitieve\s+|meerjaren)?begroting\b", re.I), "programmabegroting"),
]
# What a front matter 'soort:' may say -> the document kind
KIND_NAMES = {"begroting": "programmabegroting", "programmabegroting": "programmabegroting",
              "jaarstukken": "jaarstukken", "jaarverslag": "jaarstukken", "jaarrekening": "jaarstukken",
              "kadernota": "kadernota", "voorjaarsnota": "kadernota", "perspectiefnota": "kadernota",
              "najaarsnota": "tussenrapportage", "bestuursrapportage": "tussenrapportage", "burap": "tussenrapportage",
              "tussenrapportage": "tussenrapportage", "uitvoeringsprogramma": "uitvoeringsprogramma",
              "collegeprogramma": "uitvoeringsprogramma"}
YEAR = re.compile(r"\b(20\d{2}|19\d{2})\b")
# A taakveld of the national classification (BBV) by its code: "0.1", "6.21"
TAAKVELD_ID = re.compile(r"^\d+\.\d+$")
META_FIELD = re.compile(r"^(versie|status|datum|vastgesteld|gemeente)\s*:\s*(.+)$", re.I)
# 'Portefeuillehouder: X', 'Verantwoordelijke bestuurder: X en Y'; the label alone when the names follow below
HOLDERS_LABEL = (r"(?:portefeuillehouders?|verantwoordelijke?\s+(?:bestuurders?|portefeuillehouders?|wethouders?)|"
                 r"bestuurlijk(?:e)?\s+(?:opdrachtgevers?|trekkers?))(?:\s*\([^)]*\))?")
HOLDERS_FIELD = re.compile(rf"^{HOLDERS_LABEL}\s*:\s*(.+)$", re.I)
HOLDERS_ALONE = re.compile(rf"^{HOLDERS_LABEL}\s*:?$", re.I)
TITLE_PAGE_MUNICIPALITY = re.compile(r"^[Gg]emeente\s+([A-Z\u00c0-\u017f'][\w\u00c0-\u017f' .-]{1,40}?)[,.]?(?:\s+\d.*)?$")
ADOPTED = re.compile(r"^((?:vastgesteld|aangenomen|goedgekeurd)(?:\s+door\s+(?:de\s+)?(?:gemeente)?raad)?)\b", re.I)


def document_kind_and_year(title: str) -> tuple[str | None, int | None]:
    """'Programmabegroting 2024' -> ('programmabegroting', 2024)."""
    for pattern, kind in DOCUMENT_KIND_PATTERNS:
        match = pattern.search(title)
        if match:
            year = YEAR.search(title[match.start():])
            return kind, int(year.group(1)) if year else None
    return None, None


def document_kind(name: str) -> str | None:
    """A kind as a front matter or file name says it ('voorjaarsnota') -> the document kind ('kadernota')."""
    text = normalise(str(name)).lower().replace("-", " ")
    if text in KIND_NAMES:
        return KIND_NAMES[text]
    kind, _ = document_kind_and_year(text)
    return kind
