"""What the labels of a money table say: the unit (caption or corner cell), per column its year and kind
(realisatie, begroting, ...), per row what the amount is (lasten, baten, a reserve mutation, ...) and whether
it is a (sub)total. Words, not positions: the editions put the same words in different places."""
from __future__ import annotations

import re

from .numbers import is_direction

KINDS = ("lasten", "baten", "saldo", "toevoeging_reserve", "onttrekking_reserve", "resultaat", "other")
COLUMN_KINDS = ("realisatie", "begroting", "begroting_na_wijziging", "raming", "other")
RESERVE_KINDS = ("toevoeging_reserve", "onttrekking_reserve")

_UNIT = [  # (pattern, unit); the first that matches wins
    (re.compile(r"(?:x|×|\*|in)\s*€?\s*(?:1\.000\.000|1 ?mln|1 ?miljoen|miljoen|mln)\b", re.I), 1_000_000),
    (re.compile(r"(?:x|×|\*|in)\s*€?\s*(?:1[.,]?000|duizend)(?![.,]?\d)", re.I), 1000),
    (re.compile(r"(?:x|×|\*)\s*€\s*1(?![.,\d])|bedragen in (?:€|euro)(?!\s*(?:x|×|\*))|in hele euro", re.I), 1),
]
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_COLUMN_WORDS = [  # (pattern, column kind); order matters: 'begroting na wijziging' before 'begroting'
    (re.compile(r"verschil|afwijking|mutatie|resultaat|voorgestelde|wijziging(?<!na wijziging)|v\s*/\s*n", re.I),
     "other"),
    (re.compile(r"na\s+(?:begrotings)?wijziging|actuee?l|gewijzigd|bijgesteld", re.I), "begroting_na_wijziging"),
    (re.compile(r"rekening|realisatie|werkelijk|uitkomst", re.I), "realisatie"),
    (re.compile(r"meerjaren|raming", re.I), "raming"),
    (re.compile(r"begro|ontwerp|primitie", re.I), "begroting"),
]
_AMOUNT_WORDS = [  # (pattern, kind) for a column's sub-header
    (re.compile(r"\bbaten\b|\binkomsten\b|\bopbrengsten\b", re.I), "baten"),
    (re.compile(r"\blasten\b|\buitgaven\b", re.I), "lasten"),
    (re.compile(r"\bsaldo\b", re.I), "saldo"),
]
_ROW_WORDS = [  # (pattern, kind) for a row label; order matters: 'saldo van baten en lasten' is a saldo
    (re.compile(r"toevoeging|storting|dotatie", re.I), "toevoeging_reserve"),
    (re.compile(r"onttrekking", re.I), "onttrekking_reserve"),
    (re.compile(r"resultaat|saldo\s+(?:incl|na)\w*\.?\s+(?:mutaties\s+)?reserve", re.I), "resultaat"),
    (re.compile(r"\bsaldo", re.I), "saldo"),
    (re.compile(r"lasten|uitgaven|kosten", re.I), "lasten"),
    (re.compile(r"baten|inkomsten|opbrengsten", re.I), "baten"),
]
_SUBJECT = _AMOUNT_WORDS + [(re.compile(r"\buitgaven\b", re.I), "lasten")]
_TOTAL = re.compile(r"\b(?:sub)?totaa?l|\bsaldo|resultaat|\bgeneraal\b", re.I)
_AMOUNT_HEADER = re.compile(r"^bedrag$|^bedrag\b(?!en)", re.I)  # 'Bedrag' over a column, not 'bedragen x € 1.000'
TOTAL_WORDS = 8  # a longer label is an explanation that mentions a total, not a total row
_RESERVE = re.compile(r"reserve", re.I)
_INDICATOR = re.compile(r"indicator|kengetal|streefwaarde|eenheid|\bbron\b", re.I)
_MARKERS = {"l": "lasten", "b": "baten", "lasten": "lasten", "baten": "baten"}


def unit_of(texts) -> int | None:
    """The unit a caption or corner cell states ('bedragen x € 1.000' -> 1000), or None."""
    for text in texts:
        for pattern, unit in _UNIT:
            if text and pattern.search(text):
                return unit
    return None


def is_header_cell(text: str) -> bool:
    """A cell that labels amount columns: a year, a column kind, an amount kind or V/N."""
    words = [p for p, _ in _COLUMN_WORDS] + [p for p, _ in _AMOUNT_WORDS] + [_YEAR, _AMOUNT_HEADER]
    return bool(text and (any(p.search(text) for p in words) or is_direction(text)))


def column_year(label: str) -> int | None:
    """The one year a column is about; None for none or a difference of two years."""
    years = set(_YEAR.findall(label))
    return int(years.pop()) if len(years) == 1 and column_word_kind(label) != "other" else None


def column_word_kind(label: str) -> str | None:
    """The column kind its words name, before the edition's year is known."""
    return next((kind for pattern, kind in _COLUMN_WORDS if pattern.search(label)), None)


def column_kind(label: str, edition_year: int | None) -> str:
    """realisatie, begroting, begroting_na_wijziging, raming (a budget year after the edition's) or other."""
    kind = column_word_kind(label) or "other"
    year = column_year(label)
    if kind == "begroting" and year and edition_year and year > edition_year:
        return "raming"
    return kind


def column_amount_kind(label: str) -> str | None:
    """baten, lasten or saldo when a column's (sub-)header names it."""
    return next((kind for pattern, kind in _AMOUNT_WORDS if pattern.search(label)), None)


def row_kind(label: str) -> str | None:
    """What a row's amounts are, as its label says; None when it does not say."""
    marker = _MARKERS.get(label.strip().lower())
    return marker or next((kind for pattern, kind in _ROW_WORDS if pattern.search(label)), None)


def is_total(label: str) -> bool:
    """A (sub)total, saldo or resultaat row: its amounts are sums of other rows."""
    return len(label.split()) <= TOTAL_WORDS and bool(_TOTAL.search(label))


def is_indicator_header(cells) -> bool:
    """A header of indicators ('Indicator | Eenheid | Bron'): 'Kosten per inwoner' there is no money."""
    return any(cell and _INDICATOR.search(cell) for cell in cells)


def is_indicator_table(header_rows, section_kind: str | None = None) -> bool:
    """The one decision between a money table and a table of indicators, for both readers: a header that names
    indicators, or a table in a beleidsindicatoren section ('Zo maken we dit meetbaar') whose header names no
    money (no baten, lasten or saldo column, no unit in euros)."""
    if any(is_indicator_header(row) for row in header_rows):
        return True
    cells = [c for row in header_rows for c in row]
    return (section_kind == "indicatoren" and not any(column_amount_kind(c) for c in cells)
            and unit_of(cells) is None)


def is_reserve_row(label: str) -> bool:
    """A row about the reserves: its saldo is booked where the edition chooses, so sums skip it."""
    return bool(_RESERVE.search(label))


def subject_kind(texts) -> str | None:
    """The one kind a table's heading or caption names ('Lasten', 'Uitgaven'), None for none or several."""
    named = {kind for text in texts if text for pattern, kind in _SUBJECT if pattern.search(text)}
    return named.pop() if len(named) == 1 else None


def cell_kind(row: str | None, column: str | None) -> str:
    """One amount's kind: a reserve row rules, then a baten/lasten column, then the row, then the column."""
    if row in RESERVE_KINDS:
        return row
    if column in ("baten", "lasten"):
        return column
    return row or column or "other"


def spread(labels: list[str], n: int) -> list[str]:
    """A header row's labels over ``n`` columns: evenly when they divide, else one each and the last spans
    the rest ('Rekening | Begroting | Meerjarenbegroting' over six years)."""
    if not labels:
        return [""] * n
    if len(labels) >= n:
        return labels[-n:]
    if n % len(labels) == 0:
        width = n // len(labels)
        return [label for label in labels for _ in range(width)]
    return labels + [labels[-1]] * (n - len(labels))


def header_labels(row: list[str], n: int) -> list[str]:
    """The part of a header row over the ``n`` amount columns: the leading row-label cells dropped
    ('Programma', 'bedragen x € 1.000', 'Code | Omschrijving'), the rest spread over the columns."""
    cells = [c.strip() for c in row]
    while cells and (not is_header_cell(cells[0]) or len(cells) > n):
        if is_header_cell(cells[0]) and len([c for c in cells if c]) <= n:
            break
        cells = cells[1:]
    while cells and not cells[0]:
        cells = cells[1:]
    return spread(cells, n)
