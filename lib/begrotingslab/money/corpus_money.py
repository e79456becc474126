"""Money and indicators of every document of a corpus, read from the corpus's own tables.

The corpus cache (``DATA/processed/parsed``) already keeps every table's cells and the captions and fields around
it (the ``paragraphs`` table), so a report reads the money of a document, and of last year's, without parsing it
again: :func:`document_of` puts the skeleton of a Document back together (programmes, sections, paragraphs with
their rows and labels) and the readers run on it as on a parsed one.
"""
from __future__ import annotations

import pandas as pd

from ..model import SENTENCE_KINDS, Document, DocumentMeta, Paragraph, Programme, Section, Sentence
from .document import money_tables
from .indicators import indicator_tables

FRAMES = ("tables", "amounts", "indicators", "values")


def _text(value) -> str | None:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def document_of(corpus, doc_id: str) -> Document:
    """The Document of ``doc_id`` as far as the money and indicator readers need it, from the corpus tables."""
    doc = corpus.documents[corpus.documents["doc_id"] == doc_id].iloc[0]
    year = doc["year"]
    meta = DocumentMeta(municipality=_text(doc.get("municipality_name")) or _text(doc.get("municipality")),
                        kind=_text(doc.get("kind")), year=None if pd.isna(year) else int(year),
                        title=_text(doc.get("title")))
    paragraphs = corpus.paragraphs[corpus.paragraphs["doc_id"] == doc_id]
    by_section: dict[str, list[Paragraph]] = {}
    for row in paragraphs.itertuples(index=False):
        text = _text(row.text) or ""
        rows = None if row.rows is None else [list(r) for r in row.rows]
        if row.paragraph_kind in SENTENCE_KINDS:
            paragraph = Paragraph(kind=row.paragraph_kind, sentences=[Sentence(id=row.paragraph_id, text=text)])
        else:
            paragraph = Paragraph(kind=row.paragraph_kind, rows=rows, label=text)
        by_section.setdefault(row.section_id, []).append(paragraph)
    sections = corpus.sections[corpus.sections["doc_id"] == doc_id].sort_values("section_seq", kind="stable")
    by_programme: dict[str, list[Section]] = {}
    for row in sections.itertuples(index=False):
        by_programme.setdefault(row.programme_id, []).append(
            Section(heading=_text(row.heading), kind=_text(row.section_kind) or "overig",
                    paragraphs=by_section.get(row.section_id, []), subprogramme=_text(row.subprogramme)))
    programmes = corpus.programmes[corpus.programmes["doc_id"] == doc_id].sort_values("programme_seq", kind="stable")
    return Document(id=doc_id, meta=meta, programmes=[
        Programme(name=_text(row.programme), sections=by_programme.get(row.programme_id, []))
        for row in programmes.itertuples(index=False)])


def corpus_money(corpus) -> dict[str, pd.DataFrame]:
    """{'tables', 'amounts', 'indicators', 'values'} of every document of ``corpus`` (a Corpus), one frame each
    (the frames of :func:`~begrotingslab.money.money_tables` and :func:`~begrotingslab.money.indicator_tables`)."""
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in FRAMES}
    empty = {**money_tables(Document(id="", meta=DocumentMeta())),
             **indicator_tables(Document(id="", meta=DocumentMeta()))}
    for doc_id in corpus.documents["doc_id"]:
        has_tables = corpus.paragraphs.loc[corpus.paragraphs["doc_id"] == doc_id, "paragraph_kind"].eq("table").any()
        if not has_tables:
            continue
        document = document_of(corpus, str(doc_id))
        found = {**money_tables(document), **indicator_tables(document)}
        for name in FRAMES:
            if not found[name].empty:
                parts[name].append(found[name])
    return {name: (pd.concat(parts[name], ignore_index=True) if parts[name] else empty[name]) for name in FRAMES}
