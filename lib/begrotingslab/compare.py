"""Compare years and municipalities: which promises stay, change, appear, or quietly disappear.

Promises are matched on meaning rather than exact text: a similarity that mixes content lemmas
(reworded sentences share their words' base forms) with character n-grams (compounds, spelling
variants), and a one-to-one assignment so that no promise is matched twice. A matched pair whose
numbers, years or deadline words differ is ``changed``; otherwise ``continued``.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from . import themes
from .ambitions import classify_sentences, goals
from .errors import BegrotingslabError
from .present import NO_PROGRAMME
from .terms import keyness
from .text import lemmas, normalise, slug, tokens

# Function words carry no subject; intent words ("willen", "gaan") are the same in every promise.
# Both are dropped for *similarity* only (never before looking for intent: that is ambitions.py's job).
SIMILARITY_STOPWORDS = frozenset("""
de het een en of van in op aan met voor door bij naar tot uit over om te als dat die dit deze dan ook nog
wel niet geen er hier daar zo we wij ons onze zij ze hun haar hij zijn is worden wordt zijn hebben heeft
kunnen zullen willen gaan blijven moeten maken zorgen zetten inzetten ervoor daarvoor waarin waarop wie
alle al iedere elk elke meer veel samen eigen jaarlijks
""".split())
NUMBER_WORDS = ("twee drie vier vijf zes zeven acht negen tien elf twaalf vijftien twintig dertig veertig vijftig "
                "honderd duizend helft kwart verdubbelen halveren").split()
MONTH_WORDS = ("januari februari maart april mei juni juli augustus september oktober november december "
               "kwartaal voorjaar zomer najaar").split()
TARGET = re.compile(r"\d+(?:[.,]\d+)?\s*%?|\b(?:eind|medio|begin|halverwege|" + "|".join(NUMBER_WORDS + MONTH_WORDS)
                    + r")\b", re.I)
MATCH_THRESHOLD = 0.30


def _content(text: str) -> str:
    return " ".join(l for l in lemmas(text) if l not in SIMILARITY_STOPWORDS and not l[0].isdigit())


def similarity(before: list[str], after: list[str]) -> np.ndarray:
    """Pairwise similarity (0..1) of two lists of sentences: half content lemmas, half character n-grams."""
    if not before or not after:
        return np.zeros((len(before), len(after)))
    n = len(before)
    content = [_content(t) for t in before + after]
    words = TfidfVectorizer(token_pattern=r"[^ ]+", sublinear_tf=True).fit_transform(content)
    plain = [re.sub(r"\d+", " ", normalise(t).lower()) for t in before + after]
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(plain)
    return 0.5 * cosine_similarity(words[:n], words[n:]) + 0.5 * cosine_similarity(chars[:n], chars[n:])


def targets(text: str) -> list[str]:
    """The numbers, percentages and deadline words of a promise: what makes a reworded one 'changed'."""
    return sorted(re.sub(r"\s+", "", m.group(0).lower()).replace(",", ".") for m in TARGET.finditer(text))


PAIR_COLUMNS = ["status", "similarity", "from_id", "from_text", "to_id", "to_text", "from_targets", "to_targets"]


def match_promises(before: pd.DataFrame, after: pd.DataFrame, threshold: float = MATCH_THRESHOLD) -> pd.DataFrame:
    """Pair the promises of two documents (columns sentence_id, text): continued, changed, new, dropped.

    One row per pair, with the similarity and both texts; unmatched promises get a row of their own.
    """
    before = before.reset_index(drop=True)
    after = after.reset_index(drop=True)
    sim = similarity(before["text"].tolist(), after["text"].tolist())
    rows = []
    matched_before, matched_after = set(), set()
    if sim.size:
        rows_idx, cols_idx = linear_sum_assignment(-sim)
        for i, j in zip(rows_idx, cols_idx):
            if sim[i, j] < threshold:
                continue
            matched_before.add(i)
            matched_after.add(j)
            t_before, t_after = targets(before.at[i, "text"]), targets(after.at[j, "text"])
            rows.append({"status": "changed" if t_before != t_after else "continued",
                         "similarity": round(float(sim[i, j]), 3),
                         "from_id": before.at[i, "sentence_id"], "from_text": before.at[i, "text"],
                         "to_id": after.at[j, "sentence_id"], "to_text": after.at[j, "text"],
                         "from_targets": t_before, "to_targets": t_after})
    for i in range(len(before)):
        if i not in matched_before:
            best = float(sim[i].max()) if sim.shape[1] else 0.0
            rows.append({"status": "dropped", "similarity": round(best, 3), "from_id": before.at[i, "sentence_id"],
                         "from_text": before.at[i, "text"], "to_id": None, "to_text": None,
                         "from_targets": targets(before.at[i, "text"]), "to_targets": []})
    for j in range(len(after)):
        if j not in matched_after:
            best = float(sim[:, j].max()) if sim.shape[0] else 0.0
            rows.append({"status": "new", "similarity": round(best, 3), "from_id": None, "from_text": None,
                         "to_id": after.at[j, "sentence_id"], "to_text": after.at[j, "text"],
                         "from_targets": [], "to_targets": targets(after.at[j, "text"])})
    order = {"continued": 0, "changed": 1, "dropped": 2, "new": 3}
    table = pd.DataFrame(rows, columns=PAIR_COLUMNS, dtype=object)  # keeps None as None (JSON null)
    table["similarity"] = table["similarity"].astype(float)
    return table.sort_values("status", key=lambda s: s.map(order), kind="stable", ignore_index=True)


def pairs_to_json(pairs: pd.DataFrame) -> list[dict]:
    """The ``compare`` CLI contract: status, from {id, text} | null, to {id, text} | null, similarity."""
    out = []
    for row in pairs.itertuples(index=False):
        out.append({"status": row.status,
                    "from": {"id": row.from_id, "text": row.from_text} if isinstance(row.from_id, str) else None,
                    "to": {"id": row.to_id, "text": row.to_text} if isinstance(row.to_id, str) else None,
                    "similarity": float(row.similarity)})
    return out


# ------------------------------------------------------------------------------------------- years

def promises(sentences: pd.DataFrame) -> pd.DataFrame:
    """The ambitions and commitments among the sentences, with their classification (see ambitions.py)."""
    if sentences.empty:
        return sentences.assign(statement=pd.Series(dtype=object), deadline=pd.Series(dtype="Int64"))
    return goals(classify_sentences(sentences))


def _budget(corpus, municipality: str, year: int):
    """The programmabegroting of one municipality and year (empty when there is none), its sentences'
    missing programmes named as reports name them."""
    budget = corpus.select(municipality, year, kind="programmabegroting")
    budget.sentences = budget.sentences.assign(programme=budget.sentences["programme"].fillna(NO_PROGRAMME))
    return budget


def _best_match(texts: list[str], candidates: list[str]) -> np.ndarray:
    """For each text, its highest similarity to any candidate; candidates sharing no word are skipped."""
    if not texts:
        return np.zeros(0)
    words = {w.lower() for t in texts for w in tokens(t)} - SIMILARITY_STOPWORDS
    candidates = [c for c in candidates if words & {w.lower() for w in tokens(c)}]
    if not candidates:
        return np.zeros(len(texts))
    return similarity(texts, candidates).max(axis=1)


def follow_up(before: pd.DataFrame, pairs: pd.DataFrame, later_sentences: pd.DataFrame, due_year: int,
              threshold: float = MATCH_THRESHOLD) -> pd.DataFrame:
    """Promises due by ``due_year`` that the later documents do not mention at all: questions for the debate.

    ``later_sentences`` are all sentences of the next budget and of the jaarstukken over ``due_year``; a
    promise counts as mentioned when any of them is similar enough (an achievement reported as context counts).
    """
    dropped_ids = set(pairs.loc[pairs["status"] == "dropped", "from_id"])
    due = before[before["sentence_id"].isin(dropped_ids) & before["deadline"].notna()
                 & (before["deadline"].fillna(0).astype(int) <= due_year)].reset_index(drop=True)
    best = _best_match(due["text"].tolist(), later_sentences["text"].tolist() if len(later_sentences) else [])
    due = due.assign(best_similarity=np.round(best, 3))
    flagged = due[due["best_similarity"] < threshold]
    columns = [c for c in ("sentence_id", "programme", "text", "deadline", "best_similarity") if c in flagged]
    return flagged[columns].reset_index(drop=True)


def programme_changes(before: pd.DataFrame, after: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """Programmes that continued, were renamed, merged, appeared or disappeared between two budgets.

    ``before``/``after`` are sentence tables (programme, sentence_id); the promise pairs show where the
    promises of a vanished programme went.
    """
    names_before = [n for n in dict.fromkeys(before["programme"].dropna())]
    names_after = [n for n in dict.fromkeys(after["programme"].dropna())]
    lower_after = {n.lower(): n for n in names_after}
    rows, used_before, used_after = [], set(), set()
    for name in names_before:
        if name.lower() in lower_after:
            rows.append({"status": "continued", "from": name, "to": lower_after[name.lower()]})
            used_before.add(name)
            used_after.add(lower_after[name.lower()])
    programme_of = {k: v for k, v in (dict(zip(before["sentence_id"], before["programme"]))
                                      | dict(zip(after["sentence_id"], after["programme"]))).items() if isinstance(v, str)}
    matched = pairs[pairs["status"].isin(["continued", "changed"])]
    flows: dict[str, set[str]] = {}
    for row in matched.itertuples(index=False):
        source, target = programme_of.get(row.from_id), programme_of.get(row.to_id)
        if source in used_before or target in used_after or source is None or target is None:
            continue
        flows.setdefault(target, set()).add(source)
    for target in names_after:
        if target in used_after:
            continue
        sources = sorted(flows.get(target, set()) - used_before)
        if not sources:
            candidates = [n for n in names_before if n not in used_before]
            if candidates:
                sim = similarity([target], candidates)[0]
                if sim.max() >= 0.5:
                    sources = [candidates[int(sim.argmax())]]
        if sources:
            rows.append({"status": "merged" if len(sources) > 1 else "renamed", "from": " + ".join(sources),
                         "to": target})
            used_before.update(sources)
        else:
            rows.append({"status": "new", "from": None, "to": target})
        used_after.add(target)
    rows.extend({"status": "dropped", "from": name, "to": None} for name in names_before if name not in used_before)
    return pd.DataFrame(rows, columns=["status", "from", "to"])


def theme_shift(before: pd.DataFrame, after: pd.DataFrame, taxonomy=None) -> pd.DataFrame:
    """Share of sentences per cross-cutting theme in both documents and the change, largest shifts first."""
    shares = []
    for label, frame in (("from", before), ("to", after)):
        table = themes.theme_shares(themes.tag_sentences(frame, taxonomy), taxonomy)
        shares.append(table.set_index("theme")[["label", "share_sentences"]]
                      .rename(columns={"share_sentences": f"share_{label}"}))
    table = shares[0].join(shares[1].drop(columns="label"), how="outer").fillna({"share_from": 0.0, "share_to": 0.0})
    table["change"] = table["share_to"] - table["share_from"]
    table = table.reindex(table["change"].abs().sort_values(ascending=False, kind="stable").index)
    return table.round(4).rename_axis("theme").reset_index()


def theme_profiles(sentences: pd.DataFrame, taxonomy=None) -> pd.DataFrame:
    """Municipality x theme: the share of each municipality's sentences per cross-cutting theme."""
    shares = themes.theme_shares(themes.tag_sentences(sentences, taxonomy), taxonomy, by="municipality")
    return themes.theme_matrix(shares, index="municipality")


def compare_years(corpus, municipality: str, from_year: int, to_year: int, taxonomy=None) -> dict[str, pd.DataFrame]:
    """Everything the year comparison shows: promise pairs, follow-up questions, programmes, themes."""
    if from_year >= to_year:
        raise BegrotingslabError(f"compare needs an earlier and a later year (got --from {from_year} --to {to_year})")
    before_doc, after_doc = _budget(corpus, municipality, from_year), _budget(corpus, municipality, to_year)
    for year, doc in ((from_year, before_doc), (to_year, after_doc)):
        if doc.documents.empty:
                raise BegrotingslabError(f"no programmabegroting for {municipality} {year} in the data folder")
    before, after = promises(before_doc.sentences), promises(after_doc.sentences)
    pairs = match_promises(before[["sentence_id", "text"]], after[["sentence_id", "text"]])
    annual_report = corpus.select(municipality, from_year, kind="jaarstukken").sentences
    later = pd.concat([after_doc.sentences, annual_report], ignore_index=True)
    return {
        "pairs": pairs,
        "follow_up": follow_up(before, pairs, later, due_year=from_year),
        "programmes": programme_changes(before_doc.sentences, after_doc.sentences, pairs),
        "themes": theme_shift(before_doc.sentences, after_doc.sentences, taxonomy),
        "keyness": _keyness(before_doc.sentences, after_doc.sentences, from_year, to_year),
    }


def _keyness(before: pd.DataFrame, after: pd.DataFrame, from_year: int, to_year: int) -> pd.DataFrame:
    """Words used notably more in one of the two years (log-likelihood G2 with log ratio; see terms.keyness)."""
    both = pd.concat([before.assign(year=from_year), after.assign(year=to_year)], ignore_index=True)
    return keyness(both, to_year, from_year)


STATUSES = ("continued", "changed", "new", "dropped")  # of a promise; Dutch: present.PROMISE_STATUS_LABELS


def previous_year(corpus, municipality: str, year: int) -> int | None:
    """The latest year before ``year`` with a document of the municipality, or None."""
    earlier = [y for y in years_of(corpus, municipality) if y < year]
    return earlier[-1] if earlier else None


def span_summary(corpus, municipality: str) -> pd.DataFrame:
    """Per pair of consecutive years: how many promises continued, changed, appeared and disappeared."""
    years = years_of(corpus, municipality)
    rows = []
    for before, after in zip(years, years[1:]):
        b = promises(_budget(corpus, municipality, before).sentences)
        a = promises(_budget(corpus, municipality, after).sentences)
        counts = match_promises(b[["sentence_id", "text"]], a[["sentence_id", "text"]])["status"].value_counts()
        rows.append({"from": before, "to": after, **{s: int(counts.get(s, 0)) for s in STATUSES}})
    return pd.DataFrame(rows, columns=["from", "to", *STATUSES])


def years_of(corpus, municipality: str) -> list[int]:
    """The years with a programmabegroting of one municipality, ascending: what the comparison compares."""
    docs = corpus.documents[(corpus.documents["municipality"] == slug(municipality))
                            & (corpus.documents["kind"] == "programmabegroting")]
    return sorted({int(y) for y in docs["year"].dropna()})


# --------------------------------------------------------------------------------- municipalities

def similar_promises(promise_table: pd.DataFrame, top: int = 20, threshold: float = MATCH_THRESHOLD) -> pd.DataFrame:
    """The most similar promises between different municipalities (columns municipality, sentence_id, text)."""
    table = promise_table.dropna(subset=["municipality"]).reset_index(drop=True)
    if table["municipality"].nunique() < 2:
        return pd.DataFrame(columns=["similarity", "municipality_a", "text_a", "municipality_b", "text_b",
                                     "sentence_id_a", "sentence_id_b"])
    texts = table["text"].tolist()
    sim = similarity(texts, texts)
    places = table["municipality"].to_numpy()
    sim[places[:, None] == places[None, :]] = 0.0  # only pairs across municipalities
    sim = np.triu(sim, k=1)
    flat = np.argsort(sim, axis=None)[::-1][:top]
    rows = []
    for index in flat:
        i, j = np.unravel_index(index, sim.shape)
        if sim[i, j] < threshold:
            break
        rows.append({"similarity": round(float(sim[i, j]), 3), "municipality_a": places[i], "text_a": texts[i],
                     "municipality_b": places[j], "text_b": texts[j],
                     "sentence_id_a": table.at[i, "sentence_id"], "sentence_id_b": table.at[j, "sentence_id"]})
    return pd.DataFrame(rows, columns=["similarity", "municipality_a", "text_a", "municipality_b", "text_b",
                                       "sentence_id_a", "sentence_id_b"])
