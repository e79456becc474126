"""What a document says about itself: title, kind, year, municipality, status and date, from its front matter,
its title page and its file name."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from .errors import InputError
from .headings import PAGE_HEADER, clean_heading
from .model import Block, DocumentMeta
from .text import normalise
from .vocabulary import (ADOPTED, DUTCH_DATE, META_FIELD, MONTHS, NUMERIC_DATE, TITLE_PAGE_MUNICIPALITY, YEAR,
                         document_kind, document_kind_and_year)


def parse_dutch_date(text: str) -> str | None:
    """'9 november 2023' or '09-11-2023' -> '2023-11-09'; None when there is no valid date."""
    for match in DUTCH_DATE.finditer(text):
        day, month, year = int(match.group(1)), MONTHS[match.group(2).lower()], int(match.group(3))
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    for match in NUMERIC_DATE.finditer(text):
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


def split_holders(text: str) -> list[str]:
    """'E. Boog en H. Prins' -> ['E. Boog', 'H. Prins']; also commas, ampersands and semicolons."""
    parts = re.split(r"\s*(?:,|;|&|\ben\b)\s*", normalise(text).rstrip(". "))
    return [p.strip() for p in parts if p.strip()]


def municipality_from_path(path: Path) -> str | None:
    """The folder directly under a 'raw' folder: data/raw/diemen/x.txt -> 'diemen'."""
    parts = path.resolve().parts
    for i in range(len(parts) - 2, 0, -1):
        if parts[i - 1] == "raw":
            return parts[i]
    return None


def _field(fields: dict[str, Any], *names: str) -> Any:
    for name in names:
        if fields.get(name) not in (None, ""):
            return fields[name]
    return None


def meta_from_front(front: list[Block], fields: dict[str, Any], path: Path, municipality: str | None,
                     year: int | None, folder: str | None = None, blocks: list[Block] = ()) -> DocumentMeta:
    meta = DocumentMeta(source=str(path))
    meta.title = _title(blocks, fields)
    kind, title_year = document_kind_and_year(meta.title or "")
    named = _field(fields, "soort", "kind")
    meta.kind = (document_kind(str(named)) or str(named)) if named is not None else (kind or document_kind(path.stem))
    for block in front:
        match = META_FIELD.match(normalise(block.text))
        if match and match.group(1).lower() in ("versie", "status") and meta.status is None:
            meta.status = match.group(2).strip()
    for block in front:  # 'Vastgesteld door de raad op 7 november 2024'
        adopted = ADOPTED.match(normalise(block.text))
        if adopted and meta.status is None and len(block.text.split()) <= 12:
            meta.status = adopted.group(1)
    meta.status = _field(fields, "status", "versie") or meta.status
    meta.status = str(meta.status) if meta.status is not None else None
    front_date = next((d for d in (parse_dutch_date(b.text) for b in front) if d), None)
    field_date = _field(fields, "datum", "date", "vastgesteld")
    meta.date = (field_date.isoformat() if isinstance(field_date, date)
                 else parse_dutch_date(str(field_date)) if field_date else front_date)
    title_page = next((m.group(1).strip() for m in (TITLE_PAGE_MUNICIPALITY.match(normalise(b.text)) for b in front)
                       if m), None)
    meta.municipality = (municipality or _field(fields, "gemeente", "municipality") or folder
                         or municipality_from_path(path) or title_page)
    if meta.municipality is not None:
        meta.municipality = str(meta.municipality)
    file_year = YEAR.search(path.stem)
    # the first one given wins, even when it is wrong ('jaar: 0000' is an error, not a reason to look further)
    chosen = next((c for c in (year, _field(fields, "jaar", "year"), title_year,
                               file_year.group(1) if file_year else None) if c is not None), None)
    if chosen is not None and (isinstance(chosen, bool) or not re.fullmatch(r"\s*\d{4}\s*", str(chosen))
                               or not 1800 <= int(chosen) < 2200):
        raise InputError(path, f"year '{chosen}' is not a year like 2024")
    meta.year = int(chosen) if chosen is not None else None
    return meta


def is_metadata(block: Block) -> bool:
    """A front block that says something about the document, not in it: title, status, date, municipality."""
    text = normalise(block.text)
    if META_FIELD.match(text):
        return True
    if len(text.split()) <= 12 and (ADOPTED.match(text) or TITLE_PAGE_MUNICIPALITY.match(text)):
        return True
    return (block.kind == "heading" or len(text.split()) <= 6) and parse_dutch_date(text) is not None


def _title(blocks: list[Block], fields: dict[str, Any]) -> str | None:
    """The front matter's title, else the first page header that names the document ('Programmabegroting 2024',
    'Concept Jaarstukken 2024'), wherever the copy starts."""
    title = _field(fields, "titel", "title")
    if title is not None:
        return str(title)
    for block in blocks:
        if block.kind == "heading" and PAGE_HEADER.match(clean_heading(block.text)) \
                and document_kind_and_year(block.text)[0]:
            return clean_heading(block.text)
    return None
