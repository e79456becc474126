"""From a flat list of blocks to a Document: programmes, sections, paragraphs, sentences (the metadata: :mod:`.metadata`).

Every reader feeds this one step, so a budget gives the same structure whatever its format.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .errors import InputError
from .headings import PAGE_HEADER, SUBPROGRAMME_WORDS, clean_heading, normalise_heading, place_heading
from .load.chrome import END_OF_SENTENCE, clean_blocks
from .metadata import is_metadata, meta_from_front, split_holders
from .model import Block, Document, Paragraph, Programme, Section, Sentence
from .text import normalise, slug, split_sentences
from .vocabulary import HOLDERS_ALONE, HOLDERS_FIELD

# 'Doel: 2022 Q1.', 'Startdatum: 01-01-2020', 'Bron: DUO onderwijsdata': a field and its value, not a sentence
FIELD = re.compile(r"^[A-Z\u00c0-\u00de][\w\u00c0-\u017f'’()/-]*(?: [\w\u00c0-\u017f'’()/-]+){0,2}:\s*"
                   r"(?P<value>\S+(?: \S+){0,3})\s*$")


# 'Zie 4.2.1.', 'Lees daarover in programma 4.': a pointer to elsewhere in the document
CROSS_REFERENCE = re.compile(r"^(?:zie(?: ook)?|lees (?:daarover|hierover|meer|verder))\b[^.]{0,60}\.?$", re.I)
# an enumeration's items are names, not sentences ('Onderwijs', 'Beheer openbare ruimte', 'Nota grondbeleid (2016)')
# unless the list states goals ('Met elkaar gaan we voor:') or stands under goals
CLAUSE_WORDS = re.compile(r"\b(?:we|wij|zal|zullen|wordt|worden|is|zijn|heeft|hebben|kan|kunnen|moet|moeten|wil|"
                          r"willen|gaan|gaat|staat|staan)\b", re.I)
GOAL_LIST = re.compile(r"\b(?:gaan\s+(?:we|wij)\s+voor|(?:we|wij)\s+gaan\s+voor|wil|willen|streven|ambities?|doelen|"
                       r"doelstellingen|opgaven?|speerpunten|beloften)\b", re.I)
GOAL_SECTIONS = frozenset({"bereiken", "visie"})


def is_field(text: str) -> bool:
    """A 'Label: value' line with a short value (a date, a number, a name), a cross-reference ('Zie 4.2.1.'),
    or a unit without any word."""
    if CROSS_REFERENCE.match(text):
        return True
    match = FIELD.match(text.rstrip("."))
    if match and (re.search(r"\d", match.group("value")) or len(match.group("value").split()) <= 2):
        return True
    return not re.search(r"[^\W\d_]{2,}", text)


def _block_sentences(block: Block, doc_id: str, seq: int) -> tuple[list[Sentence], list[str], str | None]:
    """The sentences of a text block, its fields ('Doel: 2022 Q1.') and the piece cut off at its end
    when its page was cut there."""
    pieces = split_sentences(block.text)
    fragment = None
    if block.truncated and pieces:
        fragment = pieces.pop().text
    fields = [p.text for p in pieces if is_field(p.text)]
    pieces = [p for p in pieces if not is_field(p.text)]
    sentences = [Sentence(id=f"{doc_id}-p{seq:04d}-s{n:02d}", text=piece.text, emphasis=piece.emphasis,
                          origin=block.origin()) for n, piece in enumerate(pieces, start=1)]
    return sentences, fields, fragment


def _is_holders_label(text: str) -> bool:
    return bool(HOLDERS_ALONE.match(text))


class _Builder:
    """Walks the blocks of one document in reading order and files each into programme, sub-programme,
    section and paragraph.

    Online editions repeat their breadcrumbs on every page: the document's title, the programme, the page's
    own title. A page starts at a gap or a page break; its first heading that is not a known section names
    the programme (or chapter) the page belongs to, and a programme already seen is continued, never repeated.
    """

    def __init__(self, document: Document):
        self.document = document
        self.programme: Programme | None = None
        self.subprogramme: str | None = None
        self.section: Section | None = None
        self.section_level: int | None = None
        self.programme_level: int | None = None  # heading level of programmes, where the format has levels
        self.seq = 0
        self.page_start = True  # no content yet on this page
        self.page_named = False  # this page already named its programme or chapter
        self.last_heading: str | None = None
        self.goal_number: str | None = None
        self.holders_next = False
        self.generic_subprogramme = False  # 'Subdoelstelling 4.3.1:' whose name is on the next line
        self.after_goal = False  # the last text was a numbered goal's title
        self.page_blocks = 0  # blocks read on this page (headings included)
        self.lead_ins: list[tuple[int, str]] = []  # (indent, sentence) of the lists being read
        self.label: Paragraph | None = None  # a field's label waiting for its value ('Bron:' ... 'DUO')
        self.list_items: list[Paragraph] = []  # the items of the list being read
        self.unplaced: list[str] = []

    # -- containers ------------------------------------------------------------------------------------
    def start_programme(self, name: str | None, level: int | None = None) -> None:
        name = name or None
        self.programme_level = level if level is not None else self.programme_level
        existing = next((p for p in self.document.programmes if name and p.name == name), None)
        if existing is None:
            existing = Programme(name=name)
            self.document.programmes.append(existing)
        carried = self.section if self.section is not None and not self.section.paragraphs else None
        if carried is not None and self.programme is not None and carried in self.programme.sections:
            self.programme.sections.remove(carried)  # 'Toelichting per programma' above 'P4 Onderwijs'
            existing.sections.append(carried)
        self.programme = existing
        self.subprogramme, self.section, self.section_level = None, carried, None

    def start_subprogramme(self, name: str, generic: bool) -> None:
        if self.programme is None:
            self.start_programme(None)
        self.subprogramme = name
        self.generic_subprogramme = generic
        if self.section is not None and not self.section.paragraphs:
            self.section.subprogramme = name  # the section heading came first: keep its kind
        else:
            self.section, self.section_level = None, None

    def start_section(self, heading: str | None, kind: str, level: int | None = None) -> Section:
        if self.programme is None:
            self.start_programme(None)
        self.section = Section(heading=heading, kind=kind, subprogramme=self.subprogramme)
        self.section_level = level
        self.programme.sections.append(self.section)
        return self.section

    def current_section(self) -> Section:
        return self.section if self.section is not None else self.start_section(None, "overig")

    def add(self, paragraph: Paragraph) -> None:
        self.current_section().paragraphs.append(paragraph)
        self.page_start = False

    # -- blocks ----------------------------------------------------------------------------------------
    def heading(self, block: Block) -> None:
        text = clean_heading(block.text)
        if not text:
            return
        if self.holders_next:
            self.text(Block("paragraph", text))
            return
        placed = place_heading(text)
        if self.goal_number is not None and (placed is None or placed.role != "goal_number"):
            self.text(Block("paragraph", text, line=block.line, page=block.page, url=block.url), kind="goal")
            self.after_goal = True
            return
        key = normalise_heading(text)
        if key == self.last_heading:  # the same heading twice in a row: breadcrumb and page title
            return
        self.last_heading = key
        if _is_holders_label(text):
            self.holders_next = True
            return
        if placed is not None and placed.role == "page_header":
            return
        if placed is not None and placed.role == "goal_number":
            self.goal_number = placed.number
            return
        if self.label is not None and placed is None and len(text.split()) <= 8:
            self.label.label = f"{self.label.label} {text}"
            self.label = None
            return
        if text.endswith(":") and len(text.split()) <= 2 and (placed is None or placed.role == "section"):
            self.label = Paragraph(kind="field", label=text)  # a field's label: 'Indicator:', 'Toelichting:'
            self.add(self.label)
            return
        self.label = None
        first_on_page = self.page_start and not self.page_named
        if self.generic_subprogramme and placed is None and len(text.split()) >= 2:
            self.subprogramme = f"{self.subprogramme} {text}"
            if self.section is not None:
                self.section.subprogramme = self.subprogramme
            self.generic_subprogramme = False
            return
        self.generic_subprogramme = False
        if placed is None and self.after_goal and len(text.split()) >= 4:
            self.text(Block("paragraph", text, line=block.line, page=block.page, url=block.url))
            return  # a goal's explanation without a full stop
        self.after_goal = False
        same_level = (block.level is not None and self.programme_level is not None
                      and block.level <= self.programme_level)
        if placed is not None and placed.role == "programme":
            self.start_programme(placed.name, block.level)
        elif placed is not None and (placed.role == "chapter" or (placed.chapter and (first_on_page or same_level))):
            self.start_programme(text, block.level)
        elif placed is not None and placed.role == "subprogramme":
            self.start_subprogramme(placed.name, generic=not re.search(r"[a-z]{3,}", re.sub(
                SUBPROGRAMME_WORDS, "", placed.name, flags=re.I)))
        elif placed is not None and placed.role == "section":
            self.start_section(text, placed.kind, block.level)
        elif (first_on_page and self.page_blocks == 0) or (placed is None and same_level):
            self.start_programme(text, block.level)  # the page's title: the programme or chapter it belongs to
        elif self.section is None or (block.level is not None and self.section_level is not None
                                      and block.level <= self.section_level):
            self.unplaced.append(text)
            self.start_section(text, "overig", block.level)
        else:
            self.unplaced.append(text)
            self.add(Paragraph(kind="heading", label=text))
        self.page_named = True
        self.page_blocks += 1

    def text(self, block: Block, kind: str | None = None) -> None:
        text = normalise(block.text)
        holders = HOLDERS_FIELD.match(text)
        if holders or self.holders_next:
            if self.programme is None:
                self.start_programme(None)
            names = split_holders(holders.group(1) if holders else text)
            self.programme.portfolio_holders.extend(n for n in names if n not in self.programme.portfolio_holders)
            self.holders_next = False
            self.page_blocks += 1
            return
        if kind is None and len(text) <= 80 and PAGE_HEADER.match(text.strip(" :")):
            return  # the document's title above a page ('Programmabegroting 2025'): not text, not the page's title
        self.seq += 1
        kind = kind or block.kind
        self.goal_number = None
        self.page_blocks += 1
        if self.label is not None and len(text.split()) <= 8 and not END_OF_SENTENCE.search(text):
            self.label.label = f"{self.label.label} {text}"  # 'Indicator:' and the indicator's name below it
            self.label = None
            return
        self.label = None
        sentences, fields, fragment = _block_sentences(block, self.document.id, self.seq)
        lead_in = self._lead_in(kind, block.indent)
        if kind != "list_item":
            self.close_list()
        if sentences:
            self.add(Paragraph(kind=kind, sentences=sentences, lead_in=lead_in))
            if kind == "list_item" and len(sentences) == 1:
                self.list_items.append(self.current_section().paragraphs[-1])
            elif kind == "list_item":
                self.list_items = []  # an item of several sentences: a list of text, not of names
        for field_text in fields:
            self.add(Paragraph(kind="field", label=field_text))
        if fragment:
            self.add(Paragraph(kind="fragment", label=fragment))
        opens_list = bool(sentences) and sentences[-1].text.endswith(":")
        if kind != "list_item":
            self.lead_ins = [(-1, sentences[-1].text)] if opens_list else []
        elif opens_list:
            self.lead_ins.append((block.indent, sentences[-1].text))

    def close_list(self) -> None:
        """An enumeration of names ('Hieronder vallen daarom: Onderwijs, Afval, ...') keeps its items as items,
        not sentences; a list of goals or of sentences stays as it is."""
        items, self.list_items = self.list_items, []
        if not items:
            return
        lead_in = items[0].lead_in or ""
        if GOAL_LIST.search(lead_in) or (self.section is not None and self.section.kind in GOAL_SECTIONS):
            return
        if all(len(p.text.split()) <= 8 and not CLAUSE_WORDS.search(p.text) for p in items):
            for paragraph in items:
                paragraph.label = paragraph.text
                paragraph.kind, paragraph.sentences = "item", []

    def _lead_in(self, kind: str, indent: int) -> str | None:
        """The sentences ending in ':' that introduce this list item, outermost first, one per line: the last
        line is the nearest (for a nested list, the item above it that ends in ':')."""
        if kind != "list_item":
            return None
        while self.lead_ins and self.lead_ins[-1][0] >= indent:
            self.lead_ins.pop()
        return "\n".join(text for _, text in self.lead_ins) if self.lead_ins else None

    def block(self, block: Block) -> None:
        if block.kind != "list_item":
            self.close_list()
        if block.kind == "break":
            self.page_start, self.page_named, self.page_blocks, self.last_heading = True, False, 0, None
            self.goal_number, self.generic_subprogramme, self.lead_ins = None, False, []
            self.after_goal = False
            return
        if block.kind == "heading":
            self.heading(block)
            return
        self.generic_subprogramme = False
        self.last_heading = None
        if block.kind != "paragraph":
            self.label = None
        if block.kind == "table":
            self.add(Paragraph(kind="table", rows=block.rows))
            self.lead_ins = []
            self.page_blocks += 1
            return
        if block.kind == "caption":
            self.add(Paragraph(kind="caption", label=normalise(block.text)))
            self.page_blocks += 1
            return
        self.text(block)

    def finish(self) -> None:
        """Drop what holds nothing: a section heading with no text under it, a programme with no sections."""
        self.close_list()
        for programme in self.document.programmes:
            programme.sections = [s for s in programme.sections if s.paragraphs]
        self.document.programmes = [p for p in self.document.programmes if p.sections or p.portfolio_holders]


def build_document(path: str | Path, fields: dict[str, Any], blocks: list[Block],
                   municipality: str | None = None, year: int | None = None, folder: str | None = None) -> Document:
    """Structure the blocks of one source file into a Document."""
    path = Path(path)
    blocks = clean_blocks(blocks)
    first_body = next((i for i, b in enumerate(blocks) if b.kind not in ("heading", "break")
                       and not is_metadata(b)), len(blocks))
    front = blocks[:first_body]
    meta = meta_from_front(front, fields, path, municipality, year, folder, blocks)
    doc_id = slug("-".join(str(p) for p in (meta.municipality or "onbekend", meta.kind or path.stem,
                                            meta.year or "")))
    document = Document(id=doc_id, meta=meta)
    builder = _Builder(document)
    title_seen = False
    for i, block in enumerate(blocks):
        if i < first_body and is_metadata(block):
            continue
        if not title_seen and meta.title and block.kind == "heading" and clean_heading(block.text) == meta.title:
            title_seen = True
            continue
        builder.block(block)
    builder.finish()
    document.unplaced_headings = builder.unplaced
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
