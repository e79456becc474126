"""What on a page of a budget is not running text: site chrome, table captions, key figures, gaps.

Online editions and their copies carry navigation ("Terug naar navigatie - ...", "ga terug", "menu"),
build stamps ("Deze pagina is gebouwd op ..."), widgets ("16,16% Complete", "€ 18.795", "x € 1.000") and
tables flattened to lines. Every reader passes its blocks through :func:`clean_blocks`, so chrome is
dropped, captions and units stay with their table, and figures become table rows whatever the format:
none of it reaches the sentence analyses.
"""
from __future__ import annotations

import re

from ..model import Block
from ..text import normalise

# A line that is nothing but site chrome (compared with the whole line, case-insensitive).
CHROME_LINE = re.compile(
    r"^(?:menu|ga terug|terug|meer|lees meer|lees verder|verder lezen|naar boven|terug naar boven|home|zoeken|"
    r"sluiten|delen|deel deze pagina|print(?: deze pagina)?|afdrukken|vorige(?: pagina)?|volgende(?: pagina)?|"
    r"inhoudsopgave|toegankelijkheid|accepteren|weigeren|cookie-?instellingen|ga naar (?:de )?inhoud|"
    r"stel uw (?:eigen )?document (?:zelf )?samen|direct downloaden|download(?:en)?(?: als)?(?: pdf| \(pdf\))?|"
    r"terug naar (?:de )?navigatie\b.*|deze pagina is gebouwd op\b.*|publicatiedatum\b.*|"
    r"laatst (?:gewijzigd|bijgewerkt)\b.*|deze (?:web)?site gebruikt cookies.*|wij gebruiken cookies.*|"
    r"privacyverklaring.*|bekijk hier\b.*|klik hier\b.*|\d+(?:[.,]\d+)?\s*%\s*complete|[a-z])\s*[.!:]?$", re.I)
# The `[...]` lines of copied pages (and "…"): a gap in the text, never text.
GAP_LINE = re.compile(r"^\s*\[\s*(?:\.\.\.|…)\s*\]\s*$")

_UNIT = (r"(?:[x×*]\s*(?:€|eur\w*)\s*1[.,]?000(?:[.,]000)?|(?:€|eur\w*)\s*[x×*]\s*1[.,]?000(?:[.,]000)?|"
         r"in\s+(?:duizenden|miljoenen)\s+euro(?:'?s)?|x\s*1[.,]?000\s*(?:€|euro))")
# "bedragen x € 1.000", "(bedragen x € 1.000,-)", "schaal x € 1.000", "€ * 1000", "Tabel 93", "Tabel: Speerpunten"
CAPTION = re.compile(rf"^\(?\s*(?:(?:alle\s+)?bedragen(?:\s+zijn)?|schaal|cijfers|bedragen\s+in)?\s*{_UNIT}\s*(?:,-)?"
                     rf"\s*\)?\s*[.:]?$|^tabel\s*(?:\d+(?:\.\d+)*\s*[:.\-–]?.*|[:\-–].*)$"
                     r"|^bron(?:nen)?\b[^.]{0,60}:\s*\S+$"  # 'Bron werkelijk en toelichting cijfers: waarstaatjegemeente.nl'
                     r"|^[\w.]{1,10}\s?=\s?[^=,]{2,40}(?:,\s*[\w.]{1,10}\s?=\s?[^=,]{2,40})*$", re.I)  # 'n.n.b.= niet nader bekend'

# numbers that make a line a figure: amounts, percentages, numbers with separators or decimals, negatives
FIGURE_NUMBER = re.compile(r"€\s*-?\s*\d|\d\s*%|(?<![\d.])-?\d{1,3}(?:\.\d{3})+(?![\d])|(?<![\w.])-?\d+,\d+|"
                           r"(?<![\w.\d])[-−](?!(?:19|20)\d\d\b)\d")
# cells run together in a flattened table: 'Lasten52.76145.177', '201520162017201820192020'
GLUED = re.compile(r"[A-Za-z\u00c0-\u017f]{2,}-?\d[\d.,-]{3,}|\d{8,}|\d\.\d{4,}|\d[\d.]*,\d+[A-Za-z]|\d[A-Z][a-z]|"
                   r"[a-z]{3,}[A-Z][a-z]+\s+\d", re.U)
WORD = re.compile(r"[^\W\d_]{2,}", re.U)
LEADING_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+(?=[^\W\d_])")
DATE_ONLY = re.compile(r"^\s*\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\s*$")
END_OF_SENTENCE = re.compile(r"[.!?;:]['\"\u2019\u201d)\]]*\s*$")


def is_chrome(text: str) -> bool:
    return bool(CHROME_LINE.match(normalise(text)))


def is_gap(text: str) -> bool:
    return bool(GAP_LINE.match(text))


def is_caption(text: str) -> bool:
    """A table's title or unit line ('bedragen x € 1.000', 'Tabel 93'), not a sentence."""
    return bool(CAPTION.match(normalise(text)))


def is_figure(text: str) -> bool:
    """A line of key figures or a flattened table row: a few words and amounts, or cells run together.

    'Lasten € 3.665 15,3 %', 'Begroot € -155', '4.635.671', '3,2 %', 'Lasten52.76145.177...'.
    """
    text = normalise(text)
    if not text or DATE_ONLY.match(text):
        return False
    if GLUED.search(text) and not END_OF_SENTENCE.search(text):
        return True
    rest = LEADING_NUMBER.sub("", text)
    if not FIGURE_NUMBER.search(rest):
        return False
    if re.search(r"[.!?]['\"\u2019\u201d)]*$", text) and len(WORD.findall(text)) > 2:
        return False  # a sentence that ends like one
    return len(WORD.findall(rest)) <= 4


FIGURE_CELL = re.compile(r"(?:\(?[x×*]?\s*€\s*\*?\s*-?\s*[\d.,]+\)?|-?[\d.,]*\d\s*%|[-−]?\d[\d.,]*\s*(?:[A-Z]\b)?)")


def figure_cells(text: str) -> list[str]:
    """A figure line split into its label and amounts: 'Lasten € 3.665 15,3 %' -> ['Lasten', '€ 3.665', '15,3 %']."""
    text = normalise(text)
    cells: list[str] = []
    pos = 0
    for match in FIGURE_CELL.finditer(text):
        if not match.group(0).strip():
            continue
        before = text[pos:match.start()].strip()
        if before:
            cells.append(before)
        cells.append(match.group(0).strip())
        pos = match.end()
    tail = text[pos:].strip()
    if tail:
        cells.append(tail)
    return cells or [text]


def _table_text(rows: list[list[str]]) -> str:
    return " | ".join(" ".join(c for c in row if c) for row in rows)


def clean_blocks(blocks: list[Block]) -> list[Block]:
    """Drop chrome, mark captions and gaps, turn runs of figure lines into tables; keep everything else.

    Works on the blocks of any reader. A paragraph of figures next to a table joins that table.
    """
    out: list[Block] = []
    for block in blocks:
        text = normalise(block.text)
        if block.kind == "table" and block.figures and out and out[-1].kind == "table" and out[-1].figures:
            out[-1].rows.extend(block.rows)  # key figures split over lines of their own: one table
            out[-1].text = _table_text(out[-1].rows)
            continue
        if block.kind in ("table", "break"):
            out.append(block)
            continue
        if is_gap(text):
            out.append(Block("break", "", line=block.line, page=block.page, url=block.url))
            continue
        if is_chrome(text):
            continue
        if block.kind == "heading":
            out.append(block)
            continue
        if is_caption(text):
            out.append(Block("caption", text, line=block.line, page=block.page, url=block.url))
            continue
        if is_figure(text):
            row = figure_cells(text)
            previous = out[-1] if out else None
            if previous is not None and previous.kind == "table" and previous.figures:
                previous.rows.append(row)
                previous.text = _table_text(previous.rows)
                continue
            table = Block("table", _table_text([row]), rows=[row], line=block.line, page=block.page, url=block.url)
            table.figures = True
            out.append(table)
            continue
        out.append(block)
    return out
