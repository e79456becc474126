"""The beleidsindicatoren of a parsed document as one tidy table: per indicator its programme, number, name, unit
and source, whether it is one of the BBV's verplichte indicatoren, and per value its year, its kind and the
comparison it prints ('<1,8%').

Which tables hold indicators is decided once, in ``headers.is_indicator_table`` (the money reader skips the same
tables). Editions print indicators two ways:

- wide: 'Indicator | Werkelijk 2017 | Begroting 2020 | Streefwaarde', one column per year and kind; a short row
  fills its value columns from the first (web pages drop the empty cells of years not yet known);
- long: 'Indicator | Eenheid | Jaar | Waarde | Bron', one value per row; its cells are placed by what they are (the
  year anchors the row), so a row without its unit or its source still reads.

Kinds: ``realisatie`` (werkelijk, rekening), ``begroting`` (begroot, also of later years), ``streefwaarde``
(streefwaarde, doel, norm), a comparison group (``nederland``, ``provincie``, ``regio``, ``grootteklasse``) and
``other`` (verwacht, a difference). A column that names no kind ('2016', 'Waarde') holds measurements when its
year is before the edition's, or is the edition's own in jaarstukken. A value that prints its own earlier year
('2 (2014)' in 'Begroot 2016') is the measurement of that year.
"""
from __future__ import annotations

import re

import pandas as pd

from ..model import Document, DocumentMeta, Section
from . import bbv
from . import headers as h
from .document import table_paragraphs, typed
from .numbers import clean, is_year, parse_amount
from .tables import is_header_row

KINDS = ("realisatie", "begroting", "streefwaarde", "nederland", "provincie", "regio", "grootteklasse", "other")
INDICATOR_COLUMNS = ["doc_id", "indicator", "programme", "title", "number", "name", "bbv", "canonical", "unit",
                     "source", "goal"]
VALUE_COLUMNS = ["doc_id", "indicator", "year", "kind", "value", "text", "comparison", "printed"]
TYPES = {"indicator": "Int64", "year": "Int64", "value": "float64", "bbv": "boolean"}

NO_VALUE = {"", "-", "–", "—", ".", "..", "x", "*", "?", "n.n.b.", "nnb", "n.n.b", "n.b.", "nb", "n.v.t.", "nvt",
            "n.v.t", "onbekend", "nog niet bekend", "geen gegevens", "n.a.", "na"}
_GROUPS = [  # (pattern, kind): the groups a value is compared with; 'Regio Hart van Brabant' is a regio
    (re.compile(r"nederland|landelijk|\bnl\b|\brijk\b", re.I), "nederland"),
    (re.compile(r"\bregio", re.I), "regio"),
    (re.compile(r"grootteklasse|gemeenten\s+(?:van\s+)?\d|gelijke omvang|vergelijkbare gemeenten|"
                r"referentiegemeenten", re.I), "grootteklasse"),
    (re.compile(r"provinc|brabant|limburg|gelderland|holland|utrecht|zeeland|overijssel|drenthe|friesland|"
                r"groningen|flevoland", re.I), "provincie"),
]
_OWN = re.compile(r"\b(?i:gemeente)\b(?:\s+[A-Z][\w'-]*(?:\s+(?:aan|en|op|de|den)\s+\w+)*)?")  # 'Gemeente Utrecht': ours
_TARGET = re.compile(r"streef|\bdoel\b|\bnorm\b|ambitie|\btarget", re.I)
_EXPECTED = re.compile(r"verwacht|prognose|trend", re.I)
_ROLES = [  # (pattern, role) of a header cell that is not a value column
    (re.compile(r"^(?:nr\.?|nummer|no\.?|#|bbv)$", re.I), "number"),
    (re.compile(r"^eenheid|^meeteenheid", re.I), "unit"),
    (re.compile(r"^bron", re.I), "source"),
    (re.compile(r"^(?:beschrijving|toelichting|definitie|omschrijving toelichting)", re.I), "description"),
    (re.compile(r"^(?:jaar|jaartal|peiljaar|meetjaar)$", re.I), "year"),
    (re.compile(r"^(?:doelstelling|beoogd|maatschappelijk effect|effect$)", re.I), "goal"),
    (re.compile(r"indicator|kengetal|^omschrijving|^naam|^onderwerp|^thema", re.I), "name"),
]
_COMPARISON = re.compile(r"^(<=|>=|≤|≥|<|>|=|(?:max|min)(?:imaal)?\b\.?|ten minste|minstens|hoogstens|"
                         r"minder dan|meer dan|lager dan|hoger dan|kleiner dan|groter dan)\s*", re.I)
_COMPARISONS = {"≤": "<=", "≥": ">=", "max": "<=", "max.": "<=", "maximaal": "<=", "hoogstens": "<=",
                "min": ">=", "min.": ">=", "minimaal": ">=", "ten minste": ">=", "minstens": ">=", "=": None,
                "minder dan": "<", "lager dan": "<", "kleiner dan": "<", "meer dan": ">", "hoger dan": ">",
                "groter dan": ">"}
_CELL_YEAR = re.compile(r"\s*\(\s*((?:19|20)\d\d)\s*\)\s*$|\s+(?:in|per)\s+((?:19|20)\d\d)$")
_NUMBER_OF = re.compile(r"\s*\((\d{1,2}[a-z]?)\)\s*$")  # 'Demografische druk (37)': the BBV number
_LEADING_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(?=\D)")
_ROW_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?$")
_RANGE = re.compile(r"^(\d+(?:[.,]\d+)?)\s*[-–]\s*(\d+(?:[.,]\d+)?)$")
_DECIMAL_POINT = re.compile(r"^[-+]?(?:\d+\.\d{1,2}|0\.\d+)$")  # '1.1', '0.19': a decimal point, not thousands
_UNIT_IN_NAME = re.compile(r"\b(?:aantal\s+)?per\s+(?:1\.000|10\.000|100\.000|1000|10000|100|inwoner)\b[\w\- ]*",
                           re.I)
_PERCENT_IN_NAME = re.compile(r"(?:^|\s|\()%(?:\s|\)|$)|\bpercentage\b|\bin procenten\b", re.I)
_SOURCE = re.compile(r"^bron\b[^:]*:\s*(.+)$", re.I)
_JAARSTUKKEN = re.compile(r"jaarstuk|jaarrekening|jaarverslag|verantwoording", re.I)


def parse_value(cell: str) -> dict | None:
    """What one cell says: {value (a number or None), text (when it is no number), comparison, year (printed in
    the cell), percent}; None for a cell without a value ('-', 'n.n.b.')."""
    text = cell.strip()
    year = None
    found = _CELL_YEAR.search(text)
    if found:
        year, text = int(found.group(1) or found.group(2)), text[:found.start()].strip()
    text = clean(text)
    if text.lower() in NO_VALUE:
        return None
    comparison = None
    found = _COMPARISON.match(text)
    if found and len(text) > found.end():
        word = found.group(1).lower()
        comparison, text = _COMPARISONS.get(word, word), text[found.end():].strip()
    percent = text.endswith("%")
    text = text.rstrip("%").strip() if percent else text
    value = parse_amount(text)
    if value is None and _DECIMAL_POINT.match(text):
        value = float(text)
    ranged = _RANGE.match(text)
    if ranged:  # '6- 6,5': a range is text, not minus six
        value, text = None, f"{ranged.group(1)}-{ranged.group(2)}"
    elif value is None and percent:
        text += "%"
    return {"value": value, "text": None if value is not None else text, "comparison": comparison, "year": year,
            "percent": percent}


def column_kind(label: str, edition_year: int | None, jaarstukken: bool, municipality: str | None = None) -> str:
    """What a value column holds, from its label and the edition's year and kind; a column that names the
    municipality itself ('Gemeente Utrecht', 'Leudal 2017') is its own value, not a comparison group."""
    if _TARGET.search(label):
        return "streefwaarde"
    own = _OWN.sub(" ", label.replace(municipality, " ") if municipality else label)
    group = next((kind for pattern, kind in _GROUPS if pattern.search(own)), None)
    if group:
        return group
    if _EXPECTED.search(label):
        return "other"
    word = h.column_word_kind(label)
    if word in ("begroting", "begroting_na_wijziging", "raming"):
        return "begroting"
    if word:
        return word  # realisatie or other
    year = h.column_year(label)
    if year and edition_year and (year < edition_year or (year == edition_year and jaarstukken)):
        return "realisatie"
    return "other"


def role(label: str) -> str:
    """A header cell's role: name, number, unit, source, description, year, goal (the doelstelling the
    indicator measures), or value (a column of values)."""
    return next((r for pattern, r in _ROLES if pattern.search(label.strip())), "value")


def header_roles(header_rows: list[list[str]]) -> tuple[list[str], list[str]]:
    """(label, role) per column from the header rows (the widest row; the others' cells over the same columns
    joined to it)."""
    width = max(len(r) for r in header_rows)
    labels = [" ".join(r[i].strip() for r in header_rows if len(r) == width and r[i].strip()) for i in range(width)]
    roles = [role(label) for label in labels]
    if roles and "name" not in roles:
        roles[0] = "name"  # the first column names the indicator whatever its header says
    return labels, roles


def is_value_like(cell: str) -> bool:
    """A cell of the values side: empty, a number, a year or a range (not a name or other text)."""
    return parse_value(cell) is None or is_year(cell.strip()) or is_number(cell)


def place(cells: list[str], roles: list[str]) -> list[tuple[str, str]]:
    """(role, cell) pairs of a data row: as many cells as columns go one to one; a row number the header has no
    column for is split off; a short row keeps its leading labels left, its trailing text right, and fills the
    value columns from the first; a row of one value per year places its cells around its year."""
    cells = [c.strip() for c in cells]
    if roles[0] != "number" and len(cells) > 1 and _ROW_NUMBER.match(cells[0]) and not is_value_like(cells[1]):
        return [("number", cells[0])] + place(cells[1:], roles)
    if len(cells) == len(roles):
        return list(zip(roles, cells))
    if "year" in roles:
        at = next((i for i, c in enumerate(cells) if i and is_year(c)), None)
        if at is not None:
            y = roles.index("year")
            return align(cells[:at], roles[:y]) + [("year", cells[at])] + align(cells[at + 1:], roles[y + 1:])
    return align(cells, roles)


def align(cells: list[str], roles: list[str]) -> list[tuple[str, str]]:
    """Cells over more columns than cells: the label columns before the values take cells from the left (a
    unit column whose cell is missing ends them), the label columns after the values take text cells from the
    right (leaving one for the values), the value columns the rest from the first."""
    values = [i for i, r in enumerate(roles) if r == "value"]
    lead, tail = (values[0], values[-1] + 1) if values else (len(roles), len(roles))
    placed, i = [], 0
    for r in roles[:lead]:
        if i >= len(cells) or (r != "name" and is_value_like(cells[i])):
            break
        placed.append((r, cells[i]))
        i += 1
    rest, trailing = cells[i:], []
    for r in reversed(roles[tail:]):
        if len(rest) > 1 and not is_value_like(rest[-1]):
            trailing.insert(0, (r, rest.pop()))
    return placed + list(zip(roles[lead:tail], rest)) + trailing


def name_and_number(name: str, number: str | None) -> tuple[str, str | None]:
    """('Demografische druk', '37') from 'Demografische druk (37)'; a BBV number in brackets before the row's."""
    found = _NUMBER_OF.search(name)
    if found:
        return name[:found.start()].strip(), found.group(1)
    found = _LEADING_NUMBER.match(name)
    if found and not number:
        return name[found.end():].strip(), found.group(1)
    return name.strip(), number


def unit_from(name: str, printed: str | None, values: list[dict]) -> str | None:
    """The unit: an 'Eenheid' cell, else what the name says ('per 1.000 leerlingen', '%'), else a '%' on the
    values."""
    if printed and printed.strip() not in NO_VALUE:
        return printed.strip()
    found = _UNIT_IN_NAME.search(name)
    if found:
        return found.group(0).strip()
    if _PERCENT_IN_NAME.search(name) or (values and any(v["percent"] for v in values)):
        return "%"
    return None


def sources_near(section: Section, index: int) -> tuple[str | None, dict[str, str]]:
    """(a source for the whole table, per indicator name its own source) from what follows the table in its
    section: a caption or line 'Bron ...: waarstaatjegemeente.nl', or 'Indicator: X' ... 'Bron: Y' fields."""
    table_source, own, current = None, {}, None
    for paragraph in section.paragraphs[index + 1:]:
        if paragraph.kind == "table":
            break
        text = paragraph.label or " ".join(s.text for s in paragraph.sentences)
        if paragraph.kind == "field" and text.lower().startswith("indicator:"):
            current = text.split(":", 1)[1].strip()
            continue
        found = _SOURCE.match(text.strip())
        if found and found.group(1).strip() not in NO_VALUE:
            if current:
                own[bbv.normal(current)] = found.group(1).strip()
            elif table_source is None:
                table_source = found.group(1).strip()
    return table_source, own


def header_count(rows: list[list[str]]) -> int:
    """How many rows at the top are the header: labels and years, no value ('47,3%' and a range '6- 6,5' are
    values)."""
    cut = 0
    while cut < len(rows) and is_header_row(rows[cut]) and not any(is_number(c) for c in rows[cut][1:]):
        cut += 1
    return cut


def is_number(cell: str) -> bool:
    """A cell that prints a number or a range (not a bare year)."""
    parsed = None if is_year(cell) else parse_value(cell)
    return parsed is not None and (parsed["value"] is not None or bool(_RANGE.match(parsed["text"] or "")))


def read_indicators(rows: list[list[str]], meta: DocumentMeta) -> list[dict]:
    """Per data row of an indicator table: {number, name, unit, source, goal, values: [{year, kind, value, text,
    comparison, printed, percent}]}; a row of one cell without values (a group title) is none."""
    edition_year, jaarstukken = meta.year, bool(_JAARSTUKKEN.search(meta.kind or ""))
    cut = header_count(rows)
    if not cut or cut == len(rows):
        return []
    labels, roles = header_roles(rows[:cut])
    out = []
    for cells in rows[cut:]:
        placed = place(cells, roles)
        fields = {r: c for r, c in placed if r != "value"}
        if not fields.get("name") or (len([c for c in cells if c.strip()]) == 1):
            continue
        name, number = name_and_number(fields["name"], fields.get("number"))
        row_year = int(fields["year"]) if is_year(fields.get("year", "")) else None
        values = []
        columns = [i for i, r in enumerate(roles) if r == "value"]
        for column, cell in zip(columns, [c for r, c in placed if r == "value"]):
            parsed = parse_value(cell)
            if parsed is None:
                continue
            label = labels[column]
            if row_year and not h.column_year(label):
                label = f"{label} {row_year}"  # a 'Waarde' column of a row with its own year
            kind = column_kind(label, edition_year, jaarstukken, meta.municipality)
            printed_year, column_year = parsed["year"], h.column_year(label)
            if printed_year and kind in ("begroting", "other") and printed_year < (column_year or edition_year or 0):
                kind = "realisatie"  # '2 (2014)' in 'Begroot 2016': the measurement of 2014
            values.append({**parsed, "year": printed_year or column_year, "kind": kind, "printed": cell})
        out.append({"number": number, "name": name, "unit": unit_from(name, fields.get("unit"), values),
                    "source": (fields.get("source") or "").strip() or None,
                    "goal": (fields.get("goal") or "").strip() or None, "values": values})
    return out


def indicator_tables(document: Document) -> dict[str, pd.DataFrame]:
    """{'indicators': one row per indicator, 'values': one row per value}; empty frames for none."""
    indicators, values = [], []
    for programme, section, index, paragraph in table_paragraphs(document):
        if not h.is_indicator_table(paragraph.rows[:header_count(paragraph.rows)], section.kind):
            continue
        table_source, own = sources_near(section, index)
        title = section.subprogramme or section.heading
        for found in read_indicators(paragraph.rows, document.meta):
            number = len(indicators)
            canonical = bbv.canonical(found["name"])
            source = found["source"] or own.get(bbv.normal(found["name"])) or table_source
            unit = found["unit"] or (bbv.UNITS.get(canonical) if canonical else None)
            indicators.append({"doc_id": document.id, "indicator": number, "programme": programme.name,
                               "title": title, "number": found["number"], "name": found["name"],
                               "bbv": canonical is not None, "canonical": canonical, "unit": unit,
                               "source": source, "goal": found["goal"]})
            values += [{"doc_id": document.id, "indicator": number, **{k: v[k] for k in VALUE_COLUMNS[2:]}}
                       for v in found["values"]]
    return {"indicators": typed(pd.DataFrame(indicators, columns=INDICATOR_COLUMNS), TYPES),
            "values": typed(pd.DataFrame(values, columns=VALUE_COLUMNS), TYPES)}
