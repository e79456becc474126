"""Term statistics without a taxonomy: what sets a text apart, what changed, what it is about.

- :func:`distinctive_terms`: TF-IDF per group (programme): the words that set a group apart
- :func:`keyness`: a year against the previous year (log-likelihood G2 and log ratio)
- :func:`topics`: NMF across documents (what the taxonomy misses, when given the tagged sentences)

All work on content lemmas (:func:`content_lemmas`): function words (:data:`STOPWORDS`), numbers and
one- and two-letter words left out. Used by the theme report and by the year comparison.
"""
from __future__ import annotations

import math
import warnings

import pandas as pd

from .text import lemma, tokens
from .vocabulary import TAAKVELD_ID

# Function words left out of term statistics only (TF-IDF, keyness, topics). Never used for tagging.
STOPWORDS = frozenset("""
aan af al alle alleen als altijd ander andere anders bij binnen daar daarbij daardoor daarmee daarnaast
daarom dan dat de deze die dit door doen dus een eens en er ervoor geen gaan graag had heb hebben heeft hem
het hier hij hoe hun iets ik in is ja je kan kunnen maar me meer men met mij mijn moet moeten na naar niet
niets nog nu of om omdat onder ons onze ook op over te tegen toch toe tot u uit uw van veel voor vooral
waar waarbij waarin waarmee wat we wel welk welke wie wij wil willen worden wordt zal ze zelf zich zij zijn
zo zoals zonder zou zullen zeer eigen hierin hierbij daarvoor waarop mogen mag laten komen komt gaat
goed jaar jaren nieuw nieuwe verder vanuit samen elkaar steeds andere ieder iedere zowel namelijk echter
daarvan hiervoor hiermee ten ter per etc bijv o.a onder andere name b.v
""".split())


def content_lemmas(text: str) -> list[str]:
    """Lemmas of the content words of a text (no function words, numbers or one- and two-letter words)."""
    out = []
    for tok in tokens(text):
        lem = lemma(tok)
        if len(lem) > 2 and lem not in STOPWORDS and not lem[0].isdigit():
            out.append(lem)
    return out


def distinctive_terms(sentences: pd.DataFrame, by: str = "programme", n: int = 10) -> pd.DataFrame:
    """Top TF-IDF terms (lemmas) per group: the words that set a programme apart from the others.

    Columns: the ``by`` column, rank, term, score, count. With a single group the score is the
    relative frequency (every term is equally rare across one group).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    columns = [by, "rank", "term", "score", "count"]
    groups = sentences.groupby(by, sort=False)["text"].apply(lambda s: " ".join(s.astype(str)))
    groups = groups[groups.str.strip() != ""]
    if groups.empty:
        return pd.DataFrame(columns=columns)
    vectorizer = TfidfVectorizer(analyzer=content_lemmas, sublinear_tf=True)
    try:
        weights = vectorizer.fit_transform(groups.values)
    except ValueError:  # no content words at all
        return pd.DataFrame(columns=columns)
    terms = vectorizer.get_feature_names_out()
    rows = []
    for i, group in enumerate(groups.index):
        row = weights.getrow(i).toarray().ravel()
        tally = pd.Series(content_lemmas(groups.iloc[i])).value_counts()
        order = sorted(range(len(terms)), key=lambda k: (-row[k], terms[k]))[:n]
        for rank, k in enumerate(order, 1):
            if row[k] > 0:
                rows.append((group, rank, terms[k], round(float(row[k]), 4), int(tally.get(terms[k], 0))))
    return pd.DataFrame(rows, columns=columns)


def keyness(sentences: pd.DataFrame, year: int, reference_year: int | None = None, n: int = 20,
            min_g2: float = 3.84, min_count: int = 2) -> pd.DataFrame:
    """Words used notably more (or less) in ``year`` than in the reference year (default: the year before
    that is present in ``sentences``).

    Log-likelihood G2 (Dunning; 3.84 is p < 0.05, 6.63 is p < 0.01) for significance and the log ratio
    (log2 of the ratio of relative frequencies, 0.5 added to zero counts) for effect size.
    Columns: term, count, count_reference, per_10k, per_10k_reference, g2, log_ratio, more_in (the year
    with the higher relative frequency), year, reference_year. Empty when there is no reference year.
    """
    columns = ["term", "count", "count_reference", "per_10k", "per_10k_reference", "g2", "log_ratio",
               "more_in", "year", "reference_year"]
    years = sorted(int(y) for y in sentences["year"].dropna().unique())
    if reference_year is None:
        earlier = [y for y in years if y < int(year)]
        reference_year = earlier[-1] if earlier else None
    if reference_year is None or int(reference_year) not in years or int(year) not in years:
        return pd.DataFrame(columns=columns)

    def tally(y: int) -> pd.Series:
        texts = sentences.loc[sentences["year"] == y, "text"].astype(str)
        return pd.Series([lem for t in texts for lem in content_lemmas(t)], dtype=object).value_counts()

    a, b = tally(int(year)), tally(int(reference_year))
    n1, n2 = int(a.sum()), int(b.sum())
    if n1 == 0 or n2 == 0:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame({"count": a, "count_reference": b}).fillna(0).astype(int)
    frame = frame[(frame["count"] + frame["count_reference"]) >= min_count]
    o1, o2 = frame["count"].astype(float), frame["count_reference"].astype(float)
    e1 = n1 * (o1 + o2) / (n1 + n2)
    e2 = n2 * (o1 + o2) / (n1 + n2)
    g2 = 2 * ((o1 * (o1 / e1).where(o1 > 0, 1).map(math.log)) + (o2 * (o2 / e2).where(o2 > 0, 1).map(math.log)))
    ratio = ((o1.where(o1 > 0, 0.5) / n1) / (o2.where(o2 > 0, 0.5) / n2)).map(math.log2)
    frame = frame.assign(per_10k=(o1 / n1 * 10_000).round(1), per_10k_reference=(o2 / n2 * 10_000).round(1),
                         g2=g2.round(2), log_ratio=ratio.round(2))
    frame["more_in"] = [int(year) if r > 0 else int(reference_year) for r in frame["log_ratio"]]
    frame["year"], frame["reference_year"] = int(year), int(reference_year)
    frame = frame[frame["g2"] >= min_g2].rename_axis("term").reset_index()
    frame = frame.sort_values(["g2", "term"], ascending=[False, True]).head(n).reset_index(drop=True)
    return frame[columns]


def topics(sentences: pd.DataFrame, n_topics: int = 8, n_terms: int = 8, unit: str = "paragraph_id",
           tagged: pd.DataFrame | None = None, random_state: int = 0) -> pd.DataFrame:
    """NMF topics on TF-IDF of content lemmas, fitted across all documents given: what the texts are about
    without the taxonomy.

    Units are paragraphs (or sentences when there are too few paragraphs). A tiny corpus gets fewer
    topics, never an error. Columns: topic (1..k), terms (list), label (top three terms), units (number
    of units whose strongest topic it is), share, untagged_share (of those units, the share without any
    cross-cutting theme: high means the taxonomy misses this topic; needs ``tagged``), example (text).
    """
    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import TfidfVectorizer

    columns = ["topic", "terms", "label", "units", "share", "untagged_share", "example"]
    frame = tagged if tagged is not None else sentences
    if unit not in frame.columns or frame[unit].nunique() < 2 * n_topics:
        unit = "sentence_id"
    grouped = frame.groupby(unit, sort=False)
    texts = grouped["text"].apply(lambda s: " ".join(s.astype(str)))
    if "themes" in frame.columns:  # a cross-cutting theme id is not a taakveld code
        has_theme = grouped["themes"].apply(lambda s: any(not TAAKVELD_ID.match(t) for ids in s for t in ids))
    else:
        has_theme = None
    analysed = texts.map(content_lemmas)
    keep = analysed.map(len) > 0
    texts, analysed = texts[keep], analysed[keep]
    if len(texts) < 2:
        return pd.DataFrame(columns=columns)
    min_df = 2 if len(texts) >= 200 else 1
    vectorizer = TfidfVectorizer(analyzer=lambda x: x, min_df=min_df, max_df=0.95 if len(texts) >= 20 else 1.0,
                                 sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform(list(analysed))
    except ValueError:
        return pd.DataFrame(columns=columns)
    k = max(1, min(n_topics, len(texts) // 5, matrix.shape[1] - 1))  # about five units per topic at least
    model = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=400)
    with warnings.catch_warnings():  # tiny corpora may not converge fully; the topics are still usable
        warnings.simplefilter("ignore", category=ConvergenceWarning)
        weights = model.fit_transform(matrix)
    terms = vectorizer.get_feature_names_out()
    dominant = pd.Series(weights.argmax(axis=1), index=texts.index)
    strength = weights.max(axis=1)
    rows = []
    for t in range(k):
        order = model.components_[t].argsort()[::-1][:n_terms]
        top = [terms[i] for i in order if model.components_[t][i] > 0]
        members = dominant.index[(dominant == t).values & (strength > 0)]
        untagged = (float((~has_theme.reindex(members).fillna(False).astype(bool)).mean())
                    if has_theme is not None and len(members) else float("nan"))
        example = ""
        if len(members):
            best = members[strength[(dominant == t).values & (strength > 0)].argmax()]
            example = texts[best]
        rows.append((t + 1, top, " / ".join(top[:3]), len(members), len(members) / len(texts), untagged, example))
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["units", "topic"], ascending=[False, True]).reset_index(drop=True)

