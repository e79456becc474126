"""Dutch amounts as printed in budget tables: '1.234', '1.234,5', '-1.234', '(1.234)', '1.234-', the Unicode
minus, '€ 1.234', a footnote mark, a V/N (voordeel/nadeel) after it; '-' or '–' alone is an empty cell.

A cell is read as one of: an amount, empty, a V/N direction, a share ('15,3 %', never money) or text. Tables keep
their sign as printed: the sign says something (nadeel, lasten), so it is never dropped here.
"""
from __future__ import annotations

import re

EMPTY = {"", "-", "–", "—", "−", "n.v.t.", "nvt", "x"}
DIRECTIONS = {"v", "n", "v/n", "v / n"}
_MINUS = str.maketrans({"−": "-", "–": "-", "—": "-", "\u00a0": " "})
# a mark after the number: '1.234*', '1.234¹', '1.234 (1)', '1.234 1)'; a bare '(5)' is minus five, not a mark
_FOOTNOTE = re.compile(r"(?:[*†‡¹²³⁴⁵⁶⁷⁸⁹⁰]+|(?<=\d)\s+\(?\d\))$")
_DIRECTION = re.compile(r"\s+[VN]$")
# thousands with dots (1.234.567), optional decimals with a comma; or up to six plain digits (a longer run is
# cells run together, '880400000', not an amount of 880 million)
_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{3})+|\d{1,6})(?:,\d+)?$")
_NUMERIC = re.compile(r"^[-+(]?[\d.,\s]*\d[\d.,\s]*[)-]?$")
_GROUPED = re.compile(r"\d\.\d{3}(?!\d)")
_BARE_RUN = re.compile(r"^-?\d{4,}$")
_YEAR = re.compile(r"^(?:19[5-9]\d|20\d\d)$")


def clean(cell: str) -> str:
    """The cell without euro sign, footnote marks or V/N, one kind of minus, no outer spaces."""
    text = cell.translate(_MINUS).strip()
    text = _FOOTNOTE.sub("", text)
    text = _DIRECTION.sub("", text)
    return text.replace("€", "").strip()


def parse_amount(cell: str) -> float | None:
    """The number a cell prints (sign kept), or None when it is not one amount."""
    text = clean(cell)
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    if text.endswith("-") and len(text) > 1:  # '1.234-': the accountant's trailing minus
        negative, text = not negative, text[:-1].strip()
    if text.startswith(("-", "+")):
        negative, text = (text[0] == "-") != negative, text[1:].strip()
    if not _NUMBER.match(text):
        return None
    value = float(text.replace(".", "").replace(",", "."))
    return -value if negative else value


def is_garbled(cell: str) -> bool:
    """Digits that are not one amount: cells run together ('52.76145.177', '880400000')."""
    text = clean(cell)
    return bool(_NUMERIC.match(text)) and parse_amount(cell) is None and not is_year(text)


def is_grouped(cell: str) -> bool:
    """An amount printed with thousands dots ('1.234')."""
    return bool(_GROUPED.search(clean(cell)))


def is_bare_run(cell: str) -> bool:
    """Four or more digits without a thousands dot (not a year): in a table that groups its thousands,
    two amounts run together ('2614' for 26 | 14)."""
    text = clean(cell)
    return bool(_BARE_RUN.match(text)) and not is_year(text)


def is_empty(cell: str) -> bool:
    """'-', '–' or nothing: a cell that holds no amount."""
    return clean(cell).lower() in EMPTY


def is_direction(cell: str) -> bool:
    """A V/N cell: voordeel or nadeel, the direction of the amount beside it."""
    return cell.strip().lower() in DIRECTIONS


def is_share(cell: str) -> bool:
    """A percentage ('15,3 %'): a share of the whole, not money."""
    text = cell.strip()
    return text.endswith("%") and parse_amount(text[:-1]) is not None


def is_year(cell: str) -> bool:
    """A bare year (2019): a column header, not an amount of 2.019."""
    return bool(_YEAR.match(cell.strip()))


def is_value_cell(cell: str) -> bool:
    """A cell that belongs to the amounts side of a row (an amount, empty, a direction, a share, or digits
    run together)."""
    return (parse_amount(cell) is not None or is_empty(cell) or is_direction(cell) or is_share(cell)
            or is_garbled(cell))
