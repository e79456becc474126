"""From a flat list of blocks to a Document: metadata, programmes, sections, paragraphs, sentences.

Every reader feeds this one step, so a budget gives the same structure whatever its format.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from .errors import InputError
from .model import Block, Document, DocumentMeta, Paragraph, Programme, Section, Sentence
from .text import normalise, slug, split_sentences
from .vocabulary import (ADOPTED, DUTCH_DATE, HOLDERS_FIELD, META_FIELD, MONTHS, NUMERIC_DATE, PROGRAMME_HEADING,
                         TITLE_PAGE_MUNICIPALITY, YEAR, document_kind_and_year, section_kind)

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


def _meta_from_front(front: list[Block], fields: dict[str, Any], path: Path,
                     municipality: str | None, year: int | None, folder: str | None = None) -> DocumentMeta:
    meta = DocumentMeta(source=str(path))
    title_block = next((b for b in front if document_kind_and_year(b.text)[0]), None)
    title = _field(fields, "titel", "title")
    meta.title = str(title) if title is not None else (normalise(title_block.text) if title_block else None)
    kind, title_year = document_kind_and_year(meta.title or "")
    meta.kind = str(_field(fields, "soort", "kind") or kind) if (_field(fields, "soort", "kind") or kind) else None
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


def _is_programme_start(blocks: list[Block], i: int) -> bool:
    block = blocks[i]
    if block.kind != "heading" or section_kind(block.text):
        return False
    if PROGRAMME_HEADING.match(normalise(block.text)):
        return True
    following = blocks[i + 1] if i + 1 < len(blocks) else None
    return following is not None and bool(HOLDERS_FIELD.match(normalise(following.text)))


def _programme_name(heading: str) -> str:
    text = normalise(heading)
    match = PROGRAMME_HEADING.match(text)
    return match.group(1).strip() if match else text


def build_document(path: str | Path, fields: dict[str, Any], blocks: list[Block],
                   municipality: str | None = None, year: int | None = None, folder: str | None = None) -> Document:
    """Structure the blocks of one source file into a Document."""
    path = Path(path)
    first_body = next((i for i, b in enumerate(blocks)
                       if _is_programme_start(blocks, i) or (b.kind == "heading" and section_kind(b.text))),
                      len(blocks))
    front, body = blocks[:first_body], blocks[first_body:]
    meta = _meta_from_front(front, fields, path, municipality, year, folder)

    doc_id = slug("-".join(str(p) for p in (meta.municipality or "onbekend", meta.kind or path.stem,
                                            meta.year or "")))
    document = Document(id=doc_id, meta=meta)
    # Front blocks that are not metadata (a foreword, say) still carry content. A date on its own line is
    # metadata whether a reader saw it as a heading (text) or a paragraph (PDF, HTML, DOCX).
    used = {id(b) for b in front if document_kind_and_year(b.text)[0] or META_FIELD.match(normalise(b.text))
            or (len(b.text.split()) <= 12 and (ADOPTED.match(normalise(b.text))
                                              or TITLE_PAGE_MUNICIPALITY.match(normalise(b.text))))
            or ((b.kind == "heading" or len(b.text.split()) <= 6) and parse_dutch_date(b.text))}
    leftovers = [b for b in front if id(b) not in used]
    named_by_front: str | None = None
    headings_left = [b for b in leftovers if b.kind == "heading"]
    if headings_left and len(headings_left) == len(leftovers) and body and section_kind(body[0].text):
        # 'Samen besturen' followed directly by 'Visie': the last plain heading names the programme.
        named_by_front = _programme_name(headings_left[-1].text)
        leftovers.remove(headings_left[-1])

    counter = {"paragraph": 0}
    programme: Programme | None = None
    programme_level: int | None = None
    section: Section | None = None
    section_level: int | None = None

    def current_section(heading: str | None = None, kind: str = "overig") -> Section:
        nonlocal programme, section
        if programme is None:
            programme = Programme(name=None)
            document.programmes.append(programme)
        if section is None:
            section = Section(heading=heading, kind=kind)
            programme.sections.append(section)
        return section

    def add_paragraph(target: Section, block: Block, kind: str) -> None:
        counter["paragraph"] += 1
        seq = counter["paragraph"]
        paragraph = Paragraph(kind=kind, rows=block.rows)
        if block.kind != "table":
            for n, piece in enumerate(split_sentences(block.text), start=1):
                paragraph.sentences.append(Sentence(id=f"{doc_id}-p{seq:04d}-s{n:02d}", text=piece.text,
                                                    emphasis=piece.emphasis, origin=block.origin()))
        if paragraph.sentences or paragraph.rows:
            target.paragraphs.append(paragraph)

    for block in leftovers:
        add_paragraph(current_section(), block, "heading" if block.kind == "heading" else block.kind)
    if named_by_front is not None:
        programme, section = Programme(name=named_by_front), None
        document.programmes.append(programme)

    for i, block in enumerate(body):
        text = normalise(block.text)
        if block.kind == "heading":
            kind = section_kind(text)
            starts_programme = _is_programme_start(body, i) or (
                programme_level is not None and block.level == programme_level and not kind)
            if starts_programme:
                programme = Programme(name=_programme_name(text))
                programme_level = block.level
                document.programmes.append(programme)
                section, section_level = None, None
                continue
            if kind or section is None or (block.level is not None and section_level is not None
                                           and block.level <= section_level):
                if programme is None:
                    programme = Programme(name=None)
                    document.programmes.append(programme)
                section = Section(heading=text, kind=kind or "overig")
                section_level = block.level
                programme.sections.append(section)
                continue
            add_paragraph(section, block, "heading")  # a sub-heading inside a section
            continue
        holders = HOLDERS_FIELD.match(text)
        if holders and programme is not None and section is None and not programme.portfolio_holders:
            programme.portfolio_holders = split_holders(holders.group(1))
            continue
        add_paragraph(current_section(), block, block.kind)

    if not any(True for _ in document.iter_sentences()) and not any(
            p.rows for prog in document.programmes for s in prog.sections for p in s.paragraphs):
        raise InputError(path, "no readable text was found in the document")
    return document


def parse_document(path: str | Path, municipality: str | None = None, year: int | None = None,
                   folder: str | None = None) -> Document:
    """Read any supported file and structure it: the one entry point from a path to a Document.

    ``folder`` is the municipality's folder name when the caller knows the data layout (the corpus does);
    it is used when neither ``municipality`` nor the front matter names one.
    """
    from .load import read_blocks

    fields, blocks = read_blocks(path)
    return build_document(path, fields, blocks, municipality=municipality, year=year, folder=folder)
