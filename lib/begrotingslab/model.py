"""The data model: blocks from the readers, and the structured Document.

Readers (``begrotingslab.load``) turn any format into a flat list of :class:`Block`;
``begrotingslab.structure`` turns blocks into a :class:`Document`. The JSON shape of
:meth:`Document.to_dict` is the ``begrotingslab parse`` contract.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

BLOCK_KINDS = ("heading", "paragraph", "list_item", "table", "caption", "break")
# paragraphs whose sentences the analyses read; the other kinds keep their text as ``label``
SENTENCE_KINDS = ("paragraph", "list_item", "goal")


@dataclass
class Block:
    """One unit of reading order from a source file, before structure is known."""

    kind: str  # one of BLOCK_KINDS
    text: str
    level: int | None = None  # heading level when the format says so (markdown #, h1-h6, styles)
    rows: list[list[str]] | None = None  # table cells, for kind == "table"
    line: int | None = None  # 1-based line in a text file
    page: int | None = None  # 1-based page in a PDF
    url: str | None = None  # page or file an HTML block came from
    truncated: bool = False  # the text stops mid-sentence: the page was cut off after it
    figures: bool = False  # a table made of key-figure lines ('Lasten € 3.665'), which more such lines join
    indent: int = 0  # leading spaces of a plain-text line (a nested item, or a continuation)

    def origin(self) -> dict[str, Any]:
        """Where the block stands in its source, only the parts that are known."""
        return {k: v for k, v in (("line", self.line), ("page", self.page), ("url", self.url)) if v is not None}


@dataclass
class Sentence:
    id: str
    text: str
    emphasis: bool = False  # the sentence stood (partly) inside *emphasis* markers
    origin: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "text": self.text}
        if self.emphasis:
            out["emphasis"] = True
        if self.origin:
            out["origin"] = dict(self.origin)
        return out


@dataclass
class Paragraph:
    """A unit of a section. Only paragraphs, list items and goals (a numbered goal's title) hold sentences;
    a sub-heading, a table's caption and a piece of text cut off with its page keep their text as ``label``,
    and a table its ``rows``: none of them reaches the sentence analyses."""

    kind: str  # paragraph, list_item, goal, table, caption, heading (a sub-heading) or fragment
    sentences: list[Sentence] = field(default_factory=list)
    rows: list[list[str]] | None = None
    label: str | None = None
    lead_in: str | None = None  # a list item's introducing sentences (ending in ':'), outermost first, one per line

    @property
    def text(self) -> str:
        return self.label if self.label is not None else " ".join(s.text for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "sentences": [s.to_dict() for s in self.sentences]}
        if self.label is not None:
            out["text"] = self.label
        if self.rows is not None:
            out["rows"] = self.rows
        if self.lead_in is not None:
            out["lead_in"] = self.lead_in
        return out


@dataclass
class Section:
    heading: str | None
    kind: str  # one of headings.SECTION_KINDS
    paragraphs: list[Paragraph] = field(default_factory=list)
    subprogramme: str | None = None  # the thema, taakveld or speerpunt of the programme it belongs to

    def to_dict(self) -> dict[str, Any]:
        return {"heading": self.heading, "kind": self.kind, "subprogramme": self.subprogramme,
                "paragraphs": [p.to_dict() for p in self.paragraphs]}


@dataclass
class Programme:
    name: str | None
    portfolio_holders: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "portfolio_holders": list(self.portfolio_holders),
                "sections": [s.to_dict() for s in self.sections]}


@dataclass
class DocumentMeta:
    municipality: str | None = None
    kind: str | None = None
    year: int | None = None
    title: str | None = None
    status: str | None = None
    date: str | None = None  # ISO date of adoption or publication
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"municipality": self.municipality, "kind": self.kind, "year": self.year,
                "title": self.title, "status": self.status, "date": self.date, "source": self.source}


@dataclass
class Document:
    id: str
    meta: DocumentMeta
    programmes: list[Programme] = field(default_factory=list)
    unplaced_headings: list[str] = field(default_factory=list)  # headings of no known kind or role

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.meta.to_dict(), "programmes": [p.to_dict() for p in self.programmes],
                "unplaced_headings": list(self.unplaced_headings)}

    def iter_sentences(self):
        """Yield (programme, section, paragraph, sentence) in reading order."""
        for programme in self.programmes:
            for section in programme.sections:
                for paragraph in section.paragraphs:
                    for sentence in paragraph.sentences:
                        yield programme, section, paragraph, sentence
