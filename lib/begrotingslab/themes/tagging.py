"""Tagging: the themes of every sentence with the words that decided, and the shares per group.

Pure functions, DataFrame in and DataFrame out:

- :func:`tag_sentences` -> the sentences plus ``themes`` (ids) and ``theme_evidence`` ({id: [words]})
- :func:`theme_long` -> one row per (sentence, theme) with the matched words
- :func:`theme_shares`, :func:`theme_matrix` -> share of sentences and words per theme and group
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Iterable

import pandas as pd

from ..text import tokens
from .taxonomy import Taxonomy
from .taxonomy_file import as_taxonomy

GROUPS = ("municipality", "year", "doc_id", "programme", "section_kind")


def tag_texts(texts: Iterable[str], taxonomy: Taxonomy | str | Path | None = None) -> list[dict[str, list[str]]]:
    """For each text: {category id: [matched words]} in taxonomy order.

    Each distinct text is matched once (a corpus repeats sentences); a repeat gets its own dict and lists.
    """
    tax = as_taxonomy(taxonomy)
    ids = [c.id for c in tax.categories]
    done: dict[str, dict[str, list[str]]] = {}
    out = []
    for text in texts:
        found = done.get(text)
        if found is None:
            found = done[text] = {ids[idx]: words for idx, words in tax.match(text).items()}
        else:
            found = {cid: list(words) for cid, words in found.items()}
        out.append(found)
    return out


# Themes of programmes and sections that hold whatever does not fit elsewhere (BBV programma 0 "Bestuur en
# ondersteuning", "Algemene dekkingsmiddelen", "Bedrijfsvoering", money sections): they say nothing about a sentence
# in them. Ids of the shipped taxonomy; a taxonomy of one's own with other ids has no catch-alls.
CONTAINER_THEMES = frozenset(("bestuur", "financien", "organisatie"))
# A sentence about the document itself ("Hieronder volgen de speerpunten", "Niet van toepassing.") is about no theme.
ABOUT_DOCUMENT = re.compile(r"\b(?:dit|het|deze)\s+(?:programma|taakveld|hoofdstuk|paragraaf|begroting)\b|\btaakveld\b"
                            r"|\bhieronder\b|\bniet van toepassing\b|\bonderstaande?\b", re.I)
# A section is about a theme when at least SECTION_SHARE of its sentences with a theme word have it (at least
# SECTION_MIN_SENTENCES of them) and no other theme as often.
SECTION_SHARE = 0.6
SECTION_MIN_SENTENCES = 2
HEADING_CHARS = 80  # of a section's heading in the evidence of a sentence that takes its theme
MANY_THEMES = 3  # a sentence that names this many cross-cutting themes, in a section about one of them


def tag_sentences(sentences: pd.DataFrame, taxonomy: Taxonomy | str | Path | None = None,
                  inherit: bool = True, context: pd.DataFrame | None = None) -> pd.DataFrame:
    """The sentences plus ``themes`` (ids of both layers, themes first) and ``theme_evidence`` ({id: [words]}).

    With ``inherit``, a sentence without a theme word of its own is read in its place, as the labelling rubric's
    reviewers read it: under a section about ondermijning, "Dat vraagt om een brede aanpak." is about veiligheid.
    It takes

    1. the theme of its section (``section_id``), when most of the section's sentences with a theme word have
       that one (``SECTION_SHARE``, at least ``SECTION_MIN_SENTENCES``); evidence
       "sectie: <heading> (k van n zinnen met een thema)";
    2. else the theme of its sub-programme, or when that name names no theme, of its programme, when the name has
       exactly one cross-cutting theme; evidence "programma: <name>".

    Catch-all themes (``CONTAINER_THEMES``) are never passed on, and sentences about the document itself
    (``ABOUT_DOCUMENT``) take nothing. A sentence that names ``MANY_THEMES`` or more cross-cutting themes, its
    section's among them, keeps that one and those it names with more than one word: in a section about the
    economy, "De oorlog uitte zich in economische onzekerheid, energie-armoede en hoge inflatie" passes by
    duurzaamheid and sociaal-domein with one word each. ``context``: the sentences the sections are read from
    when ``sentences`` is a selection of a document's (default: ``sentences``). Measured on real-dev by
    bench/bench_real.py (bench/results/real.json; without reading in place, stop 21: precision 0.808, recall
    0.744; with it 0.833, 0.803). Statistics that ask what the
    taxonomy itself finds (the topics' share without a theme) use ``inherit=False``.
    One row per input row, same order and index; the input is not changed.
    """
    tax = as_taxonomy(taxonomy)
    texts = sentences["text"].astype(str).tolist()
    evidence = tag_texts(texts, tax)
    if inherit:
        _read_in_place(sentences, texts, evidence, tax, context)
    out = sentences.copy()
    out["themes"] = [list(e) for e in evidence]
    out["theme_evidence"] = evidence
    return out


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _read_in_place(sentences: pd.DataFrame, texts: list[str], evidence: list[dict[str, list[str]]],
                   taxonomy: Taxonomy, context: pd.DataFrame | None = None) -> None:
    """Read each sentence in its section and (sub)programme (see :func:`tag_sentences`); changes ``evidence`` in
    place."""
    themes = frozenset(taxonomy.ids("theme"))
    named = [[cid for cid in found if cid in themes] for found in evidence]
    if all(0 < len(n) < MANY_THEMES for n in named):
        return  # every sentence names a theme, and none names many: nothing to read in place
    section_of = _section_themes(sentences, evidence, taxonomy, themes, context)
    programme_of = _programme_themes(sentences, taxonomy, themes)
    sections = sentences["section_id"].tolist() if section_of else [None] * len(sentences)
    for i, found in enumerate(evidence):
        section = None if _missing(sections[i]) else section_of.get(sections[i])
        if named[i]:
            if section and len(named[i]) >= MANY_THEMES and section[0] in found:
                evidence[i] = {cid: words for cid, words in found.items()
                               if cid not in themes or cid == section[0] or len(words) > 1}
            continue
        inherited = None if ABOUT_DOCUMENT.search(texts[i]) else (section or programme_of[i])
        if inherited:
            evidence[i] = {inherited[0]: [inherited[1]], **found}  # themes before taakvelden


def _section_themes(sentences: pd.DataFrame, evidence: list[dict[str, list[str]]], taxonomy: Taxonomy,
                    themes: frozenset[str], context: pd.DataFrame | None) -> dict[object, tuple[str, str]]:
    """Per section id: (its dominant theme, the evidence), for the sections of ``sentences`` that have one, read
    from ``context`` when given (only the context rows of those sections are tagged)."""
    if "section_id" not in sentences.columns:
        return {}
    source, found = sentences, evidence
    if context is not None:
        if not {"section_id", "text"} <= set(context.columns):
            return {}
        wanted = {s for s in sentences["section_id"] if not _missing(s)}
        source = context[context["section_id"].isin(wanted)]
        found = tag_texts(source["text"].astype(str).tolist(), taxonomy)
    headings = source["heading"].tolist() if "heading" in source.columns else [None] * len(source)
    counts: dict[object, Counter] = {}
    themed: Counter = Counter()
    heading_of: dict[object, str] = {}
    for section, words, heading in zip(source["section_id"].tolist(), found, headings):
        named = [cid for cid in words if cid in themes]
        if _missing(section) or not named:
            continue
        themed[section] += 1
        counts.setdefault(section, Counter()).update(cid for cid in named if cid not in CONTAINER_THEMES)
        heading_of.setdefault(section, heading[:HEADING_CHARS].strip() if isinstance(heading, str) else "")
    out = {}
    for section, counter in counts.items():
        top = counter.most_common(2)
        if not top or (len(top) == 2 and top[0][1] == top[1][1]):
            continue  # nothing but catch-alls, or two themes as often: the section is about neither
        (theme, k), n = top[0], themed[section]
        if n >= SECTION_MIN_SENTENCES and k >= SECTION_SHARE * n:
            name = heading_of[section]
            out[section] = (theme, f"sectie{': ' + name if name else ''} ({k} van {n} zinnen met een thema)")
    return out


def _programme_themes(sentences: pd.DataFrame, taxonomy: Taxonomy, themes: frozenset[str]
                      ) -> list[tuple[str, str] | None]:
    """Per sentence: (theme, evidence) of the nearest (sub)programme name that names a theme, when it names exactly
    one and no catch-all, else None. A sub-programme that names a catch-all ('Bedrijfsvoering') stops there."""
    columns = [c for c in ("subprogramme", "programme") if c in sentences.columns]
    values = {c: sentences[c].tolist() for c in columns}
    distinct = sorted({v for c in columns for v in values[c] if isinstance(v, str) and v.strip()})
    named = {name: [cid for cid in found if cid in themes]
             for name, found in zip(distinct, tag_texts(distinct, taxonomy))}
    out: list[tuple[str, str] | None] = []
    for i in range(len(sentences)):
        chosen = None
        for column in columns:
            name = values[column][i]
            found = named.get(name) if isinstance(name, str) else None
            if found:
                one = len(found) == 1 and found[0] not in CONTAINER_THEMES
                chosen = (found[0], f"programma: {name[:HEADING_CHARS].strip()}") if one else None
                break
        out.append(chosen)
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
    # counted in plain Python: a report calls this a handful of times and pandas' groupby/merge machinery cost
    # ten times the counting itself (bench_build)
    ids = tax.ids(layer)
    wanted = set(ids)
    n_words = tagged["n_words"] if "n_words" in tagged.columns else tagged["text"].map(lambda t: len(tokens(str(t))))
    keys = zip(*(tagged[column] for column in by)) if by else [()] * len(tagged)
    totals: dict[tuple, list[int]] = {}
    counts: dict[tuple, list[int]] = {}
    for key, words, found in zip(keys, n_words, tagged["themes"]):
        total = totals.setdefault(key, [0, 0])
        total[0] += 1
        total[1] += int(words)
        for theme in found if isinstance(found, (list, tuple, set, frozenset)) else ():
            if theme in wanted:
                count = counts.setdefault((key, theme), [0, 0])
                count[0] += 1
                count[1] += int(words)
    labels = tax.labels()
    rows = []
    for key, (sentences_in_group, words_in_group) in sorted(totals.items(), key=lambda item: _group_order(item[0])):
        for theme in ids:
            sentences, words = counts.get((key, theme), (0, 0))
            rows.append((*key, theme, labels.get(theme), sentences, words, sentences_in_group, words_in_group,
                         sentences / sentences_in_group if sentences_in_group else 0.0,
                         words / words_in_group if words_in_group else 0.0))
    return pd.DataFrame(rows, columns=[*by, "theme", "label", "sentences", "words", "total_sentences", "total_words",
                                       "share_sentences", "share_words"])


def _group_order(key: tuple) -> tuple:
    """Groups in the order pandas' groupby gives them: sorted, missing values last."""
    return tuple((bool(pd.isna(value)), "" if pd.isna(value) else value) for value in key)


def theme_matrix(shares: pd.DataFrame, index: str = "programme", value: str = "share_sentences",
                 labels: bool = True) -> pd.DataFrame:
    """Pivot :func:`theme_shares` output to one row per group and one column per theme (for a heatmap)."""
    column = "label" if labels else "theme"
    order = list(dict.fromkeys(shares[column]))
    matrix = shares.pivot_table(index=index, columns=column, values=value, aggfunc="sum", sort=False)
    return matrix.reindex(columns=order).fillna(0.0)

