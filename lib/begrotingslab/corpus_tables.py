"""One Document as five tidy tables (documents, programmes, sections, paragraphs, sentences), with fixed
columns and types, so a table read back from Parquet is the table that was written."""
from __future__ import annotations

import pandas as pd

from .model import Document
from .text import slug, word_count

TABLES = ("documents", "programmes", "sections", "paragraphs", "sentences")


def document_tables(document: Document, sha256: str = "") -> dict[str, pd.DataFrame]:
    """The five tidy tables of one Document."""
    meta = document.meta
    # one key per municipality, however it is spelled ('Ouder-Amstel' in front matter, 'ouder-amstel' folder)
    municipality = slug(meta.municipality) if meta.municipality else None
    doc_row = {"doc_id": document.id, **meta.to_dict(), "municipality": municipality,
               "municipality_name": meta.municipality, "sha256": sha256,
               "unplaced_headings": list(document.unplaced_headings)}
    programmes, sections, paragraphs, sentences = [], [], [], []
    position = 0
    for p_seq, programme in enumerate(document.programmes, start=1):
        programme_id = f"{document.id}-prog{p_seq:02d}"
        programmes.append({"doc_id": document.id, "programme_id": programme_id, "programme_seq": p_seq,
                           "programme": programme.name, "portfolio_holders": list(programme.portfolio_holders)})
        for s_seq, section in enumerate(programme.sections, start=1):
            section_id = f"{programme_id}-sec{s_seq:02d}"
            sections.append({"doc_id": document.id, "programme_id": programme_id, "section_id": section_id,
                             "section_seq": s_seq, "subprogramme": section.subprogramme, "heading": section.heading,
                             "section_kind": section.kind})
            for paragraph in section.paragraphs:
                paragraph_id = (paragraph.sentences[0].id.rsplit("-s", 1)[0] if paragraph.sentences
                                else f"{section_id}-{paragraph.kind}{len(paragraphs) + 1:04d}")
                paragraphs.append({"doc_id": document.id, "section_id": section_id, "paragraph_id": paragraph_id,
                                   "paragraph_kind": paragraph.kind, "text": paragraph.text,
                                   "n_sentences": len(paragraph.sentences),
                                   "rows": paragraph.rows})
                for sentence in paragraph.sentences:
                    position += 1
                    origin = sentence.origin
                    sentences.append({
                        "doc_id": document.id, "municipality": municipality, "year": meta.year,
                        "kind": meta.kind, "programme_id": programme_id, "programme": programme.name,
                        "subprogramme": section.subprogramme,
                        "section_id": section_id, "heading": section.heading, "section_kind": section.kind,
                        "paragraph_id": paragraph_id, "paragraph_kind": paragraph.kind, "lead_in": paragraph.lead_in,
                        "sentence_id": sentence.id, "position": position, "text": sentence.text,
                        "emphasis": sentence.emphasis, "n_words": word_count(sentence.text),
                        "line": origin.get("line"), "page": origin.get("page"), "url": origin.get("url"),
                    })
    frames = {
        "documents": pd.DataFrame([doc_row]),
        "programmes": pd.DataFrame(programmes, columns=SCHEMAS["programmes"]),
        "sections": pd.DataFrame(sections, columns=SCHEMAS["sections"]),
        "paragraphs": pd.DataFrame(paragraphs, columns=SCHEMAS["paragraphs"]),
        "sentences": pd.DataFrame(sentences, columns=SCHEMAS["sentences"]),
    }
    return {name: typed(name, frame) for name, frame in frames.items()}


SCHEMAS = {
    "documents": ["doc_id", "municipality", "municipality_name", "kind", "year", "title", "status", "date", "source",
                  "sha256", "unplaced_headings"],
    "programmes": ["doc_id", "programme_id", "programme_seq", "programme", "portfolio_holders"],
    "sections": ["doc_id", "programme_id", "section_id", "section_seq", "subprogramme", "heading", "section_kind"],
    "paragraphs": ["doc_id", "section_id", "paragraph_id", "paragraph_kind", "text", "n_sentences", "rows"],
    "sentences": ["doc_id", "municipality", "year", "kind", "programme_id", "programme", "subprogramme", "section_id",
                  "heading", "section_kind", "paragraph_id", "paragraph_kind", "lead_in", "sentence_id", "position",
                  "text",
                  "emphasis", "n_words", "line", "page", "url"],
}
INTEGER_COLUMNS = {"year", "programme_seq", "section_seq", "n_sentences", "position", "n_words", "line", "page"}


def typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reindex(columns=SCHEMAS[name])
    for column in frame.columns:
        if column in INTEGER_COLUMNS:
            frame[column] = pd.array(frame[column], dtype="Int64")
        elif column == "emphasis":
            frame[column] = frame[column].astype(bool)
        elif column not in ("portfolio_holders", "rows", "unplaced_headings"):
            frame[column] = frame[column].astype("string")
    return frame


def restore_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """Parquet gives list columns back as numpy arrays; make them plain lists again, as when parsed."""
    if "portfolio_holders" in frame:
        frame["portfolio_holders"] = frame["portfolio_holders"].map(lambda v: [str(x) for x in v])
    if "rows" in frame:
        frame["rows"] = frame["rows"].map(lambda v: None if v is None else [[str(c) for c in r] for r in v])
    if "unplaced_headings" in frame:
        frame["unplaced_headings"] = frame["unplaced_headings"].map(lambda v: [] if v is None else [str(x) for x in v])
    return frame


def concat_tables(name: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    if not frames:
        return typed(name, pd.DataFrame(columns=SCHEMAS[name]))
    return pd.concat(frames, ignore_index=True)

