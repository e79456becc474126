"""The data model: blocks from the readers, and the structured Document.

Readers (``begrotingslab.load``) turn any format into a flat list of :class:`Block`;
``begrotingslab.structure`` turns blocks into a :class:`Document`. The JSON shape of
:meth:`Document.to_dict` is the ``begrotingslab parse`` contract.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

BLOCK_KINDS = ("heading", "paragraph", "list_item", "table")
SECTION_KINDS = ("visie", "bereiken", "doen", "kosten", "indicatoren", "overig")
DOCUMENT_KINDS = ("programmabegroting", "jaarstukken", "kadernota", "tussenrapportage")


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
    kind: str  # paragraph, list_item, table or heading (a sub-heading inside a section)
    sentences: list[Sentence] = field(default_factory=list)
    rows: list[list[str]] | None = None

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "sentences": [s.to_dict() for s in self.sentences]}
        if self.rows is not None:
            out["rows"] = self.rows
        return out


@dataclass
class Section:
    heading: str | None
    kind: str  # one of SECTION_KINDS
    paragraphs: list[Paragraph] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"heading": self.heading, "kind": self.kind,
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

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.meta.to_dict(), "programmes": [p.to_dict() for p in self.programmes]}

    def iter_sentences(self):
        """Yield (programme, section, paragraph, sentence) in reading order."""
        for programme in self.programmes:
            for section in programme.sections:
                for paragraph in section.paragraphs:
                    for sentence in paragraph.sentences:
                        yield programme, section, paragraph, sentence
