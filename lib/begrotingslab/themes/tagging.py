"""Tagging: the themes of every sentence with the words that decided, and the shares per group.

Pure functions, DataFrame in and DataFrame out:

- :func:`tag_sentences` -> the sentences plus ``themes`` (ids) and ``theme_evidence`` ({id: [words]})
- :func:`theme_long` -> one row per (sentence, theme) with the matched words
- :func:`theme_shares`, :func:`theme_matrix` -> share of sentences and words per theme and group
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pandas as pd

from ..text import tokens
from .taxonomy import Taxonomy
from .taxonomy_file import as_taxonomy

GROUPS = ("municipality", "year", "doc_id", "programme", "section_kind")


def tag_texts(texts: Iterable[str], taxonomy: Taxonomy | str | Path | None = None) -> list[dict[str, list[str]]]:
    """For each text: {category id: [matched words]} in taxonomy order."""
    tax = as_taxonomy(taxonomy)
    ids = [c.id for c in tax.categories]
    return [{ids[idx]: words for idx, words in tax.match(text).items()} for text in texts]


def tag_sentences(sentences: pd.DataFrame, taxonomy: Taxonomy | str | Path | None = None) -> pd.DataFrame:
    """The sentences plus ``themes`` (ids of both layers, themes first) and ``theme_evidence`` ({id: [words]}).

    One row per input row, same order and index; the input is not changed.
    """
    evidence = tag_texts(sentences["text"].astype(str).tolist(), taxonomy)
    out = sentences.copy()
    out["themes"] = [list(e) for e in evidence]
    out["theme_evidence"] = evidence
    return out


def theme_long(tagged: pd.DataFrame, taxonomy: Taxonomy | str | Path | None = None) -> pd.DataFrame:
    """One row per (sentence, theme): sentence_id, theme, layer, label, chapter, terms, plus context columns."""
    tax = as_taxonomy(taxonomy)
    context = [c for c in ("doc_id", "municipality", "year", "programme", "section_kind", "n_words", "text")
               if c in tagged.columns]
    rows = []
    for record in tagged[["sentence_id", "theme_evidence", *context]].itertuples(index=False):
        for cid, words in record.theme_evidence.items():
            cat = tax.by_id.get(cid)
            if cat is None:
                continue
            rows.append((record.sentence_id, cid, cat.layer, cat.label, cat.chapter, list(words),
                         *record[2:]))
    columns = ["sentence_id", "theme", "layer", "label", "chapter", "terms", *context]
    return pd.DataFrame(rows, columns=columns)


def _by(by: str | list[str] | None) -> list[str]:
    by = [] if by is None else [by] if isinstance(by, str) else list(by)
    for col in by:
        if col not in GROUPS:
            raise ValueError(f"cannot group by {col!r}; choose from {', '.join(GROUPS)}")
    return by


def theme_shares(tagged: pd.DataFrame, taxonomy: Taxonomy | str | Path | None = None,
                 by: str | list[str] | None = None, layer: str = "theme") -> pd.DataFrame:
    """Share of sentences and of words per theme within each group.

    Columns: the ``by`` columns, theme, label, sentences, words, total_sentences, total_words,
    share_sentences, share_words. A sentence with two themes counts for both, so shares of one
    group need not add up to 1. Themes without any sentence in a group are listed with 0.
    """
    tax = as_taxonomy(taxonomy)
    by = _by(by)
    frame = tagged.copy()
    if "n_words" not in frame.columns:
        frame["n_words"] = frame["text"].map(lambda t: len(tokens(str(t))))
    key = by or ["_all"]
    if not by:
        frame["_all"] = "alle"
    totals = frame.groupby(key, dropna=False).agg(total_sentences=("sentence_id", "size"),
                                                  total_words=("n_words", "sum")).reset_index()
    ids = tax.ids(layer)
    long = frame[[*key, "sentence_id", "n_words", "themes"]].explode("themes").astype({"themes": object})
    long = long[long["themes"].isin(ids)].rename(columns={"themes": "theme"})
    counts = long.groupby([*key, "theme"], dropna=False).agg(sentences=("sentence_id", "size"),
                                                            words=("n_words", "sum")).reset_index()
    grid = totals[key].merge(pd.DataFrame({"theme": ids}), how="cross")
    out = grid.merge(counts, on=[*key, "theme"], how="left").merge(totals, on=key, how="left")
    out[["sentences", "words"]] = out[["sentences", "words"]].fillna(0).astype(int)
    out["share_sentences"] = out["sentences"] / out["total_sentences"].where(out["total_sentences"] > 0)
    out["share_words"] = out["words"] / out["total_words"].where(out["total_words"] > 0)
    out["label"] = out["theme"].map(tax.labels())
    if not by:
        out = out.drop(columns="_all")
    return out[[*by, "theme", "label", "sentences", "words", "total_sentences", "total_words",
                "share_sentences", "share_words"]].fillna({"share_sentences": 0.0, "share_words": 0.0})


def theme_matrix(shares: pd.DataFrame, index: str = "programme", value: str = "share_sentences",
                 labels: bool = True) -> pd.DataFrame:
    """Pivot :func:`theme_shares` output to one row per group and one column per theme (for a heatmap)."""
    column = "label" if labels else "theme"
    order = list(dict.fromkeys(shares[column]))
    matrix = shares.pivot_table(index=index, columns=column, values=value, aggfunc="sum", sort=False)
    return matrix.reindex(columns=order).fillna(0.0)

