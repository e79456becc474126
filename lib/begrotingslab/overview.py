"""What a set of documents holds: its documents, programmes, sections and their size, as tidy tables.

The tables behind the overview report (01_overzicht), one row per document, programme or section, in reading
order. Missing programme names are :data:`present.NO_PROGRAMME`; nothing is NaN.
"""
from __future__ import annotations

import pandas as pd

from .corpus import Corpus, kind_rank
from .present import NO_PROGRAMME, programme_name


def document_order(corpus: Corpus) -> list[str]:
    """Document ids in the order reports show them: by year, then begroting, jaarstukken, nota's."""
    docs = corpus.documents.assign(_rank=corpus.documents["kind"].map(kind_rank))
    return docs.sort_values(["year", "_rank", "doc_id"], kind="stable")["doc_id"].tolist()


def section_sizes(corpus: Corpus) -> pd.DataFrame:
    """Paragraphs, sentences and words per section, in reading order.

    Columns: ``doc_id, programme_id, section_id, programme, subprogramme, heading, section_kind, paragraphs,
    sentences, words``.
    """
    sentences = corpus.sentences
    sizes = (sentences.groupby("section_id", sort=False)
             .agg(sentences=("sentence_id", "count"), words=("n_words", "sum")))
    paragraphs = corpus.paragraphs.groupby("section_id", sort=False).size().rename("paragraphs")
    table = (corpus.sections.merge(corpus.programmes[["programme_id", "programme"]], on="programme_id")
             .join(paragraphs, on="section_id").join(sizes, on="section_id"))
    for column in ("paragraphs", "sentences", "words"):
        table[column] = table[column].fillna(0).astype("int64")
    table["programme"] = table["programme"].fillna(NO_PROGRAMME)
    return table[["doc_id", "programme_id", "section_id", "programme", "subprogramme", "heading", "section_kind",
                  "paragraphs", "sentences", "words"]].reset_index(drop=True)


def documents_overview(corpus: Corpus) -> pd.DataFrame:
    """One row per document: ``doc_id, kind, title, status, date, source, programmes, sentences, words``."""
    docs = corpus.documents.set_index("doc_id")
    counts = corpus.sentences.groupby("doc_id").agg(sentences=("sentence_id", "count"), words=("n_words", "sum"))
    programmes = corpus.programmes.groupby("doc_id").size().rename("programmes")
    out = docs.join(programmes).join(counts).reindex(document_order(corpus)).reset_index()
    for column in ("programmes", "sentences", "words"):
        out[column] = out[column].fillna(0).astype("int64")
    return out[["doc_id", "kind", "title", "status", "date", "source", "programmes", "sentences", "words"]]


def programmes_overview(corpus: Corpus) -> pd.DataFrame:
    """One row per programme of each document: ``doc_id, programme, portfolio_holders, subprogrammes,
    sections, sentences, words`` (holders and sub-programmes as lists)."""
    sizes = section_sizes(corpus)
    rows = []
    for programme in corpus.programmes.itertuples(index=False):
        own = sizes[sizes["programme_id"] == programme.programme_id]
        subs = [str(s) for s in own["subprogramme"].dropna().unique()]
        rows.append({"doc_id": programme.doc_id, "programme": programme_name(programme.programme),
                     "portfolio_holders": list(programme.portfolio_holders), "subprogrammes": subs,
                     "sections": int(len(own)), "sentences": int(own["sentences"].sum()),
                     "words": int(own["words"].sum())})
    return pd.DataFrame(rows, columns=["doc_id", "programme", "portfolio_holders", "subprogrammes", "sections",
                                       "sentences", "words"])


def unplaced_headings(corpus: Corpus) -> pd.DataFrame:
    """Headings of no known section kind or role, per document and how often: what the vocabulary could learn."""
    rows = [{"doc_id": doc_id, "heading": heading}
            for doc_id, headings in zip(corpus.documents["doc_id"], corpus.documents["unplaced_headings"])
            for heading in (headings or [])]
    frame = pd.DataFrame(rows, columns=["doc_id", "heading"])
    return (frame.groupby(["doc_id", "heading"], sort=False).size().rename("count").reset_index()
            if not frame.empty else frame.assign(count=pd.Series(dtype="int64")))
