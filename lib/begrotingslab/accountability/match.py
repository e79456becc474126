"""Promises of a begroting matched to what the jaarstukken of the same year say about them, with a status.

Where: jaarstukken answer the begroting programme by programme, theme by theme, so a promise is matched only within
its programme and, where the reports have it, its sub-programme (theme, taakveld, subdoelstelling; :func:`alignment`).

Similarity is compare's (content lemmas + character n-grams). A reporting unit (sentence or status-table row)
is evidence for a promise when the similarity reaches ``MATCH_THRESHOLD``; it may be evidence for at most
``MAX_PROMISES_PER_UNIT`` promises (its most similar ones), so a general sentence does not decide everything.
Besides, each promise's most similar report counts from ``BEST_THRESHOLD``, and, where the structure aligns the
promise with its part of the reports, a promise and a report that are each other's most similar count from
``ALIGNED_BEST`` (0.05): reports word things differently from the promises they answer (labelled true pairs share
as little as 0.05-0.16). Reports of the promise's level come first in its part: "Wat hebben we (daarvoor) gedaan?"
and rows of a Prestatie/Activiteit table answer commitments and activities, "Wat hebben we bereikt?" answers goals.
Not evidence: a near-verbatim restatement of any promise of the begroting (similarity >= ``RESTATED``) that
states no status of its own ("opgeleverd" in a promise restated word for word is the promise's word), and the
goals a jaarstukken restates under "Wat wilden we bereiken?": they say what was wanted, not what became of it.

The status of a promise, from its evidence (jaarstukken before a bestuursrapportage):
1. a status written in words or a status cell (the most similar unit that has one): that status ("loopt" for a
   promise to start something tells it started);
2. else a number the report gives for the promise's number ("430 bomen" for "500 nieuwe bomen": deels);
3. else a past-tense report ("ontwikkelden we", "is ... gemaakt"): ``gerealiseerd`` for a commitment, an ambition
   at the level of an activity or output, or an ambition for the budget year itself without a number (the act was
   done); ``lopend`` for an effect goal (work was done; whether society changed the text does not say);
4. else other evidence: ``lopend``; no evidence: ``niet_genoemd``.
A lead-in ("wil in 2019 extra aandacht geven aan:") takes the status of its list items (:func:`lead_ins`).

Figures against the hand labels (bench/bench_accountability.py, bench/results/accountability.json, per split): the
rules of session 20 were changed on the tuned real pairs and then on the synthetic ones, so read the held-out
figures, and check the evidence shown with every status: at 0.05 a match is the structure's guess more than the
words'.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .. import compare
from ..errors import BegrotingslabError
from ..present import NO_PROGRAMME
from .status import STATUSES, number_status, status_of
from .units import REPORT_KINDS, SECTION_LEVEL, previous_sentences, report_units, subject

MATCH_THRESHOLD = 0.30
BEST_THRESHOLD = 0.15  # a promise's single most similar report, when it tells of something done or states a status
ALIGNED_BEST = 0.05  # the same, within the part of the reports that the structure aligns with the promise
RESTATED = 0.80
REPORT_SECTIONS = tuple(SECTION_LEVEL)  # "Wat hebben we bereikt?", "Wat hebben we (daarvoor) gedaan?"
MAX_PROMISES_PER_UNIT = 3
MAX_EVIDENCE = 5
LINK_COLUMNS = ["promise_id", "unit_id", "similarity"]
RESULT_COLUMNS = ["promise_id", "programme", "statement", "deadline", "text", "status", "new_year", "similarity",
                  "decided_by", "decided_text", "evidence"]


def similarity_matrix(promises: pd.DataFrame, units: pd.DataFrame, allowed: np.ndarray | None = None) -> np.ndarray:
    """Promise x unit similarity, zero outside the promise's part of the reports (``allowed``, by default
    :func:`alignment`'s)."""
    texts = promises["match_text"] if "match_text" in promises else promises["text"]
    sim = compare.similarity(texts.tolist(), units["subject"].tolist())
    if not sim.size:
        return sim
    if allowed is None:
        allowed, _ = alignment(promises, units)
    return np.where(allowed, sim, 0.0)


def alignment(promises: pd.DataFrame, units: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Where the jaarstukken answer each promise: (allowed, aligned).

    ``allowed`` (promise x unit): the units of the promise's programme when the reports have a programme of that
    name, and within it those of its sub-programme (theme, taakveld, subdoelstelling: name or number without the
    word) when the reports have that one too. ``aligned`` (per promise): the structure points to the part that
    answers it: the reports have its programme, or neither the promise nor the reports name more than one part
    (a single page of each). Matching within an aligned part may be looser (``ALIGNED_BEST``)."""
    n, m = len(promises), len(units)
    allowed, aligned = np.ones((n, m), dtype=bool), np.zeros(n, dtype=bool)
    unit_programmes = units["programme"].map(_key).to_numpy() if m else np.array([], dtype=object)
    unit_parts = (_column(units, "subprogramme").map(part_key).to_numpy() if m
                  else np.array([], dtype=object))
    known = set(unit_programmes) - {""}
    promise_parts = _column(promises, "subprogramme").map(part_key).tolist()
    for i, programme in enumerate(promises["programme"].map(_key)):
        if programme in known:
            allowed[i] = unit_programmes == programme
            aligned[i] = True
        elif not programme and len(known) <= 1:
            aligned[i] = True
        part = promise_parts[i]
        if part:
            within = allowed[i] & (unit_parts == part)
            if within.any():
                allowed[i] = within
    return allowed, aligned


def _key(name) -> str:
    return str(name).strip().lower() if isinstance(name, str) and name != NO_PROGRAMME else ""


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame else pd.Series([None] * len(frame), index=frame.index, dtype=object)


PART_WORDS = re.compile(r"^(?:thema|taakveld|deelprogramma|subprogramma|speerpunt|beleidsveld|beleidsterrein|opgave|"
                        r"subdoelstelling|doelstelling|doel|product|productgroep|onderdeel)\b\s*:?\s*", re.I)


def part_key(name) -> str:
    """A sub-programme's name for matching: lower case, without the word before it ("Thema", "Subdoelstelling") and
    its number ("Thema 1.1 Veilige wijken" -> "veilige wijken"); '' when nothing is left."""
    if not isinstance(name, str):
        return ""
    text = PART_WORDS.sub("", name.strip())
    text = re.sub(r"^\d+(?:\.\d+)*[a-z]?\.?\s*[:.\-–]?\s*", "", text)
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def link(promises: pd.DataFrame, units: pd.DataFrame, threshold: float = MATCH_THRESHOLD,
         best_threshold: float = BEST_THRESHOLD, aligned_best: float = ALIGNED_BEST) -> pd.DataFrame:
    """Which unit is evidence for which promise (columns promise_id, unit_id, similarity), strongest first.

    A unit is evidence for its (at most MAX_PROMISES_PER_UNIT) most similar promises at ``threshold``; besides, each
    promise's single most similar report (a unit that tells of something done, states a status, or stands under
    "Wat hebben we bereikt/gedaan?") counts from ``best_threshold``, or from ``aligned_best`` where the structure
    aligns the promise with its part of the reports (:func:`alignment`): reports word things differently from the
    promises they answer.
    """
    promises, units = promises.reset_index(drop=True), units.reset_index(drop=True)
    allowed, aligned = alignment(promises, units)
    sim = similarity_matrix(promises, units, allowed)
    if not sim.size:
        return pd.DataFrame(columns=LINK_COLUMNS)
    silent = units["stated"].isna().to_numpy()
    sentence = (units["source"] == "sentence").to_numpy()
    sim[:, sentence & units["restates"].astype(bool).to_numpy()] = 0.0  # goals restated in the jaarstukken
    own = np.array([status_of(t)[0] for t in promises["text"]], dtype=object)  # status words of the promise itself
    closest = own[sim.argmax(axis=0)]
    echo = silent | (units["stated"].to_numpy(dtype=object) == closest)
    sim[:, echo & (sim.max(axis=0) >= RESTATED)] = 0.0  # a promise of the begroting repeated: not a report
    pairs = set()
    for j in range(sim.shape[1]):
        pairs |= {(i, j) for i in np.argsort(-sim[:, j], kind="stable")[:MAX_PROMISES_PER_UNIT]
                  if sim[i, j] >= threshold}
    in_report = units["section_kind"].isin(REPORT_SECTIONS).to_numpy() if "section_kind" in units else False
    reporting = ~silent | units["past"].astype(bool).to_numpy() | in_report
    if reporting.any():
        masked = np.where(reporting[None, :], sim, 0.0)
        best = by_level(promises, units, masked, aligned, both_ways=True)
        pairs |= {(i, int(best[i].argmax())) for i in range(sim.shape[0]) if best[i].max() >= best_threshold}
        pairs |= aligned_pairs(promises, units, masked, min(best_threshold, aligned_best), aligned)
    rows = [{"promise_id": promises.at[i, "sentence_id"], "unit_id": units.at[j, "unit_id"],
             "similarity": round(float(sim[i, j]), 3)} for i, j in sorted(pairs)]
    links = pd.DataFrame(rows, columns=LINK_COLUMNS).sort_values("similarity", ascending=False, kind="stable")
    links = links.groupby("unit_id", sort=False).head(MAX_PROMISES_PER_UNIT)  # a report answers a few promises
    links = links.sort_values(["promise_id", "similarity"], ascending=[True, False], kind="stable")
    return links.groupby("promise_id", sort=False).head(MAX_EVIDENCE).reset_index(drop=True)


def by_level(promises: pd.DataFrame, units: pd.DataFrame, sim: np.ndarray, aligned: np.ndarray,
             both_ways: bool = False) -> np.ndarray:
    """``sim`` kept, for each aligned promise whose part has reports of its level, only for those reports (and
    reports of no known level): acts answer commitments and activities, "Wat hebben we bereikt?" answers effect
    goals. ``both_ways``: besides, a report of a known level that has aligned promises of its level keeps only
    those."""
    unit_level = _column(units, "level").to_numpy(dtype=object)
    levels = np.array([_promise_level(statement, level) for statement, level
                       in zip(promises["statement"], _column(promises, "level"))], dtype=object)
    unknown = pd.isna(unit_level)[None, :]
    same = (levels[:, None] == unit_level[None, :]) & aligned[:, None]
    kept = sim.copy()
    rows = (same & (kept > 0)).any(axis=1)  # the promise's part has reports of its level: only those
    kept[rows[:, None] & ~(same | unknown)] = 0.0
    if both_ways:
        columns = (same & (kept > 0)).any(axis=0)  # the report has promises of its level: only those
        kept[~same & columns[None, :] & ~unknown] = 0.0
    return kept


def aligned_pairs(promises: pd.DataFrame, units: pd.DataFrame, sim: np.ndarray, floor: float,
                  aligned: np.ndarray) -> set:
    """Loose matches within the part of the reports that the structure aligns with a promise (:func:`alignment`):
    a promise and a report that are each other's most similar (from ``floor``), among the reports of the promise's
    level (:func:`by_level`, both ways). Mutual, so one report answers one promise at this low similarity.
    ``aligned``: :func:`alignment`'s, per promise."""
    if not aligned.any():
        return set()
    candidates = by_level(promises, units, np.where(aligned[:, None], sim, 0.0), aligned, both_ways=True)
    best_unit, best_promise = candidates.argmax(axis=1), candidates.argmax(axis=0)
    return {(i, int(best_unit[i])) for i in range(len(promises))
            if candidates[i, best_unit[i]] >= floor and best_promise[best_unit[i]] == i}


def _promise_level(statement, level) -> str:
    """'goal' for an effect goal, 'act' for a commitment or an ambition at the level of an activity or output."""
    return "goal" if statement == "ambition" and level not in ("activiteit", "prestatie") else "act"


def decide(statement: str, evidence: pd.DataFrame, level: str | None = None, text: str | None = None,
           year: int | None = None) -> tuple[str, int | None, str | None]:
    """(status, new_year, unit_id that decided) of one promise from its evidence (columns of units + similarity).

    A number the report gives for the promise's number decides (:func:`.status.number_status`: "430 bomen" for
    "500 nieuwe bomen" is 'deels') after a status in words. An act reported done realises a commitment, an ambition
    whose level is an activity or output, or an ambition for the budget year itself without a number to reach
    (``text``, with its lead-in: "wil Velsen in 2019 extra aandacht geven aan: ..."); an effect goal needs a status
    in words."""
    if evidence.empty:
        return "niet_genoemd", None, None
    for kind in REPORT_KINDS:  # the jaarstukken decide; a bestuursrapportage only when they say nothing
        part = evidence[evidence["kind"] == kind].sort_values("similarity", ascending=False, kind="stable")
        if part.empty:
            continue
        stated = part[part["stated"].notna()]
        if starts(text):  # "We starten een pilot": a report that it runs ("loopt sinds oktober") tells it started
            stated = stated[~((stated["stated"] == "lopend") & stated["text"].str.contains(RUNNING))]
        if len(stated):
            top = stated.iloc[0]
            return str(top["stated"]), None if pd.isna(top["new_year"]) else int(top["new_year"]), top["unit_id"]
        if text is not None:
            for unit in part.itertuples(index=False):  # a number reached for the promise's number
                counted = number_status(text, unit.text)
                if counted:
                    return counted, None, unit.unit_id
        if starts(text):
            running = part[part["text"].str.contains(RUNNING)]
            if len(running):
                return "gerealiseerd", None, running.iloc[0]["unit_id"]
        past = part[part["past"].astype(bool)]
        if len(past):
            by_acts = (statement == "commitment" or level in ("activiteit", "prestatie")
                       or for_the_year(text, year))
            return ("gerealiseerd" if by_acts else "lopend"), None, past.iloc[0]["unit_id"]
        return "lopend", None, part.iloc[0]["unit_id"]
    top = evidence.sort_values("similarity", ascending=False).iloc[0]
    return "lopend", None, top["unit_id"]


START = re.compile(r"\b(?:starten|start|beginnen|begint|opstarten|opzetten)\b", re.I)
RUNNING = re.compile(r"\b(?:loopt|lopen|gestart|opgestart|begonnen|draait|draaien)\b", re.I)


def starts(text) -> bool:
    """True for a promise to start something ("We starten een pilot", "In 2022 starten we met de bouw"): it is
    kept once the thing runs."""
    return isinstance(text, str) and bool(START.search(text))


NUMBER = re.compile(r"\d")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def for_the_year(text, year) -> bool:
    """True when a promise is set in the budget year itself ("in 2019", "uiterlijk eind 2019") and names no number
    to reach besides the year: an intention for that year, realised by what was done in it."""
    if not isinstance(text, str) or year is None or pd.isna(year):
        return False
    dated = re.search(rf"\b(?:in|voor|uiterlijk|eind|medio|tijdens)\s+(?:het\s+jaar\s+)?{int(year)}\b", text, re.I)
    return bool(dated) and not NUMBER.search(YEAR.sub(" ", text))


def from_items(statuses: list[str]) -> str | None:
    """The status of a lead-in ("... extra aandacht geven aan:") from those of its list items: the one they share,
    'deels' when some are realised and others not, else 'lopend'; None when the jaarstukken mention none."""
    said = [s for s in statuses if s != "niet_genoemd"]
    if not said:
        return None
    if len(set(said)) == 1 and len(said) == len(statuses):
        return said[0]
    return "deels" if {"gerealiseerd", "deels"} & set(said) else "lopend"


def assess(promises: pd.DataFrame, units: pd.DataFrame, threshold: float = MATCH_THRESHOLD,
           best_threshold: float = BEST_THRESHOLD, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per promise (columns of :data:`RESULT_COLUMNS`); ``evidence`` is a list of {id, text, similarity}.

    ``sentences``: all sentences of the begroting, for the context of short promises (:func:`with_context`)."""
    promises = with_context(promises.reset_index(drop=True), sentences)
    links = link(promises, units, threshold, best_threshold)
    joined = links.merge(units, on="unit_id", how="left")
    rows = []
    for promise in promises.itertuples(index=False):
        evidence = joined[joined["promise_id"] == promise.sentence_id]
        level = getattr(promise, "level", None)
        status, moved, decided_by = decide(promise.statement, evidence, level if isinstance(level, str) else None,
                                           promise.match_text, getattr(promise, "year", None))
        decided = evidence[evidence["unit_id"] == decided_by]
        deadline = getattr(promise, "deadline", None)
        rows.append({"promise_id": promise.sentence_id, "programme": promise.programme,
                     "statement": promise.statement, "deadline": None if pd.isna(deadline) else int(deadline),
                     "text": promise.text, "status": status, "new_year": moved,
                     "similarity": float(decided["similarity"].iloc[0]) if len(decided) else None,
                     "decided_by": decided_by, "decided_text": decided["text"].iloc[0] if len(decided) else None,
                     "evidence": [{"id": e.unit_id, "text": e.text, "similarity": float(e.similarity)}
                                  for e in evidence.itertuples(index=False)]})
    lead_ins(rows, sentences)
    table = pd.DataFrame(rows, columns=RESULT_COLUMNS, dtype=object)  # keeps None as None (JSON null)
    return table.astype({"deadline": "Int64", "new_year": "Int64", "similarity": float})


def lead_ins(rows: list[dict], sentences: pd.DataFrame | None) -> None:
    """A promise that leads in a list ("Maar daarnaast wil Velsen in 2019 extra aandacht geven aan:") says what it
    is about only through its items: its status becomes theirs (:func:`from_items`), decided by its first item's
    report, with the reports that decided its items as evidence. Changes ``rows`` in place."""
    if sentences is None or "lead_in" not in sentences or not rows:
        return
    lead_of = dict(zip(sentences["sentence_id"], sentences["lead_in"]))
    doc_of = dict(zip(sentences["sentence_id"], sentences["doc_id"])) if "doc_id" in sentences else {}
    for row in rows:
        if not str(row["text"]).rstrip().endswith(":"):
            continue
        items = [r for r in rows if r is not row and _leads(row["text"], lead_of.get(r["promise_id"]))
                 and doc_of.get(r["promise_id"]) == doc_of.get(row["promise_id"])]
        status = from_items([r["status"] for r in items])
        if status is None:
            continue
        first = next(r for r in items if r["status"] != "niet_genoemd")
        evidence = {e["id"]: e for e in row["evidence"]}
        for item in items:  # what decided the items is the lead-in's evidence too
            evidence.update({e["id"]: e for e in item["evidence"] if e["id"] == item["decided_by"]})
        row.update(status=status, new_year=first["new_year"] if status == "uitgesteld" else None,
                   similarity=first["similarity"], decided_by=first["decided_by"],
                   decided_text=first["decided_text"], evidence=list(evidence.values())[:MAX_EVIDENCE])


def _leads(text: str, lead_in) -> bool:
    """True when ``lead_in`` (an item's lead-in as the reader kept it) is the promise ``text`` or ends it."""
    if not isinstance(lead_in, str) or not lead_in.strip():
        return False
    text, lead_in = str(text).strip(), lead_in.strip()
    return text == lead_in or text.endswith(lead_in) or lead_in.endswith(text)


def with_context(promises: pd.DataFrame, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Adds ``match_text``: the promise with the words it leans on, from the document's ``sentences``: a list item
    with its lead-in ("extra aandacht geven aan:"), a sentence that starts with "Dit plan ..." with the sentence
    before it in its paragraph."""
    if sentences is None or "paragraph_id" not in sentences or "sentence_id" not in promises:
        return promises.assign(match_text=promises["text"])
    if "subprogramme" not in promises and "subprogramme" in sentences:
        promises = promises.assign(subprogramme=promises["sentence_id"].map(
            dict(zip(sentences["sentence_id"], sentences["subprogramme"]))))
    before = previous_sentences(sentences)
    lead_ins = dict(zip(sentences["sentence_id"], sentences["lead_in"])) if "lead_in" in sentences else {}
    texts = []
    for sentence_id, text in zip(promises["sentence_id"], promises["text"]):
        lead_in = lead_ins.get(sentence_id)
        lead = f"{lead_in} " if isinstance(lead_in, str) and lead_in.strip() else ""
        texts.append(lead + subject(text, before.get(sentence_id)))
    return promises.assign(match_text=texts)


def available(corpus, municipality: str, year: int) -> dict[str, bool]:
    """Which documents of the year there are: {'programmabegroting': bool, 'jaarstukken': bool,
    'tussenrapportage': bool}."""
    kinds = set(corpus.select(municipality, year).documents["kind"].dropna())
    return {kind: kind in kinds for kind in ("programmabegroting", *REPORT_KINDS)}


def accountability(corpus, municipality: str, year: int, threshold: float = MATCH_THRESHOLD,
                   best_threshold: float = BEST_THRESHOLD) -> pd.DataFrame:
    """Every ambition and commitment of the begroting of ``year`` with what the jaarstukken of that year (and a
    bestuursrapportage or najaarsnota of it) say became of it: see :func:`assess` and the module docstring.

    Raises BegrotingslabError when the municipality, its begroting or its jaarstukken of that year are missing.
    """
    if corpus.select(municipality).documents.empty:
        known = ", ".join(sorted(set(corpus.documents["municipality"].dropna()))) or "none"
        raise BegrotingslabError(f"no documents for municipality {municipality} in the data folder (known: {known})")
    have = available(corpus, municipality, year)
    for kind in ("programmabegroting", "jaarstukken"):
        if not have[kind]:
            raise BegrotingslabError(f"no {kind} for {municipality} {year} in the data folder: the accountability "
                                     f"of a year needs both its programmabegroting and its jaarstukken")
    budget = corpus.select(municipality, year, kind="programmabegroting").sentences
    promises = compare.promises(budget.assign(programme=budget["programme"].fillna(NO_PROGRAMME)))
    return assess(promises, year_units(corpus, municipality, year), threshold, best_threshold, budget)


def year_units(corpus, municipality: str, year: int) -> pd.DataFrame:
    """The reporting units (units.report_units) of the jaarstukken and bestuursrapportages of one year."""
    reports = corpus.select(municipality, year)
    keep = set(reports.documents.loc[reports.documents["kind"].isin(REPORT_KINDS), "doc_id"])
    return report_units(type(reports)(*(getattr(reports, t)[getattr(reports, t)["doc_id"].isin(keep)]
                                        .reset_index(drop=True)
                                        for t in ("documents", "programmes", "sections", "paragraphs", "sentences"))))


def unclaimed(corpus, municipality: str, year: int, result: pd.DataFrame) -> pd.DataFrame:
    """What the jaarstukken report with a status (a status-table row, a sentence with a status word) that is evidence
    for no promise of ``result``: results the begroting did not promise in these words, for the reader to place.
    Columns: unit_id, programme, text, status, new_year."""
    units = year_units(corpus, municipality, year)
    claimed = {e["id"] for evidence in result["evidence"] for e in evidence}
    shown = units[units["stated"].notna() & ~units["unit_id"].isin(claimed) & ~units["restates"].astype(bool)]
    shown = shown.rename(columns={"stated": "status"})[["unit_id", "programme", "text", "status", "new_year"]]
    return shown.astype({"new_year": "Int64"}).reset_index(drop=True)


def share_realised(result: pd.DataFrame, by: str | None = "programme", total: bool = False) -> pd.DataFrame:
    """Per programme (or overall with ``by=None``): promises, how many of each status, and the share realised
    (``gerealiseerd`` only); ``total`` adds a row 'Totaal' over all programmes."""
    groups = list(result.groupby(by, sort=False)) if by else []
    if total or not by:
        groups.append(("Totaal", result))
    rows = []
    for name, part in groups:
        counts = part["status"].value_counts()
        rows.append({"programme": name, "promises": len(part), **{s: int(counts.get(s, 0)) for s in STATUSES},
                     "share_realised": counts.get("gerealiseerd", 0) / len(part) if len(part) else None})
    return pd.DataFrame(rows, columns=["programme", "promises", *STATUSES, "share_realised"])
