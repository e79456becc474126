"""A parsed Document's money tables: each table paragraph with the captions around it (the unit is printed
above a table in one edition, below it in another), read into the two tidy frames."""
from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from ..model import Document, Paragraph, Programme, Section
from .checks import consistent
from .headers import unit_of
from .tables import AMOUNT_COLUMNS, TABLE_COLUMNS, amounts, read_table, with_euros


def table_context(section: Section, index: int) -> tuple[list[str], str | None]:
    """(captions next to the table, its title): a caption just above, else one just below; the title is a
    caption that is not only the unit, else the sub-programme or the section's heading."""
    paragraphs = section.paragraphs
    before = paragraphs[index - 1] if index > 0 and paragraphs[index - 1].kind == "caption" else None
    after = (paragraphs[index + 1] if index + 1 < len(paragraphs) and paragraphs[index + 1].kind == "caption"
             else None)
    captions = [p.label or "" for p in (before, after) if p is not None]
    named = next((c for c in captions if c and unit_of([c]) is None), None)
    return captions, named or section.subprogramme or section.heading


def table_paragraphs(document: Document) -> Iterator[tuple[Programme, Section, int, Paragraph]]:
    """(programme, section, index in the section, paragraph) of every table with rows, in document order."""
    for programme in document.programmes:
        for section in programme.sections:
            for index, paragraph in enumerate(section.paragraphs):
                if paragraph.kind == "table" and paragraph.rows:
                    yield programme, section, index, paragraph


def money_tables(document: Document) -> dict[str, pd.DataFrame]:
    """{'tables': one row per money table, 'amounts': one row per amount}; empty frames for none."""
    year = document.meta.year
    tables, rows = [], []
    for programme, section, index, paragraph in table_paragraphs(document):
        captions, title = table_context(section, index)
        table = read_table(paragraph.rows, captions, programme.name, title, section.heading, section.kind)
        if table is None:
            continue
        found = with_euros(amounts(table, year), table.unit)
        if not found:
            continue
        number = len(tables)
        tables.append({"doc_id": document.id, "table": number, "programme": table.programme,
                       "title": table.title, "unit": table.unit,
                       "consistent": not table.garbled and consistent(found)})
        rows += [{"doc_id": document.id, "table": number, "programme": table.programme,
                  "title": table.title, **a} for a in found]
    return {"tables": typed(pd.DataFrame(tables, columns=TABLE_COLUMNS)),
            "amounts": typed(pd.DataFrame(rows, columns=AMOUNT_COLUMNS))}


TYPES = {"table": "Int64", "year": "Int64", "unit": "Int64", "value": "float64", "euros": "float64",
         "total": "boolean", "consistent": "boolean"}


def typed(frame: pd.DataFrame, types: dict[str, str] = TYPES) -> pd.DataFrame:
    """Fixed dtypes, so an empty frame and a full one look the same (and survive Parquet)."""
    return frame.astype({c: t for c, t in types.items() if c in frame.columns})
