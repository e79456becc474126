"""The same promise over several years as one history: first promised, restated in later begrotingen, reported on
in the jaarstukken, dropped. Begroting-to-begroting links are compare.match_promises'; each year with jaarstukken adds
what they say (match.accountability).
"""
from __future__ import annotations

import pandas as pd

from .. import compare
from ..present import NO_PROGRAMME
from .match import accountability, available

EVENT_COLUMNS = ["history_id", "year", "event", "promise_id", "programme", "text", "deadline", "status", "new_year"]
SUMMARY_COLUMNS = ["history_id", "text", "programme", "first_promised", "last_promised", "times_promised",
                   "times_reported", "last_status", "times_postponed", "dropped_in"]


def _promises(corpus, municipality: str, year: int) -> pd.DataFrame:
    budget = corpus.select(municipality, year, kind="programmabegroting").sentences
    return compare.promises(budget.assign(programme=budget["programme"].fillna(NO_PROGRAMME)))


def history(corpus, municipality: str) -> pd.DataFrame:
    """One row per event of a promise's history (columns of :data:`EVENT_COLUMNS`): 'beloofd' (first begroting),
    'herhaald' (a later begroting), 'verantwoord' (the jaarstukken of a year; with status and new year) and
    'verdwenen' (the first begroting without it). ``history_id`` is the sentence id where it was first promised."""
    years = compare.years_of(corpus, municipality)
    events, current = [], {}  # current: sentence_id in the latest begroting -> history_id
    previous = None
    for year in years:
        promises = _promises(corpus, municipality, year)
        chained = {}
        if previous is not None:
            pairs = compare.match_promises(previous[["sentence_id", "text"]], promises[["sentence_id", "text"]])
            for row in pairs.itertuples(index=False):
                if row.status in ("continued", "changed"):
                    chained[row.to_id] = current[row.from_id]
                elif row.status == "dropped":
                    gone = previous[previous["sentence_id"] == row.from_id].iloc[0]
                    events.append(_event(current[row.from_id], year, "verdwenen", gone))
        current = {}
        for promise in promises.itertuples(index=False):
            history_id = chained.get(promise.sentence_id, promise.sentence_id)
            current[promise.sentence_id] = history_id
            events.append(_event(history_id, year, "herhaald" if promise.sentence_id in chained else "beloofd",
                                 promise._asdict()))
        if available(corpus, municipality, year)["jaarstukken"] and len(promises):
            for row in accountability(corpus, municipality, year).itertuples(index=False):
                events.append({**_event(current[row.promise_id], year, "verantwoord", row._asdict()),
                               "promise_id": row.promise_id, "status": row.status, "new_year": row.new_year})
        previous = promises
    table = pd.DataFrame(events, columns=EVENT_COLUMNS)
    return table.astype({"deadline": "Int64", "new_year": "Int64"})


def _event(history_id: str, year: int, event: str, promise) -> dict:
    get = promise.get if isinstance(promise, dict) else promise.__getitem__
    deadline = get("deadline")
    return {"history_id": history_id, "year": int(year), "event": event,
            "promise_id": get("sentence_id") if "sentence_id" in promise else get("promise_id"),
            "programme": get("programme"), "text": get("text"),
            "deadline": None if deadline is None or pd.isna(deadline) else int(deadline), "status": None,
            "new_year": None}


def times_moved(events: pd.DataFrame) -> int:
    """How often a promise moved: the distinct years later than its first deadline that a later begroting set or
    the jaarstukken postponed it to; a postponement without a new year counts once when no later year follows."""
    years, open_move = [], False
    for row in events.itertuples(index=False):
        if row.event in ("beloofd", "herhaald") and not pd.isna(row.deadline):
            years.append(int(row.deadline))
        elif row.event == "verantwoord" and row.status == "uitgesteld":
            if pd.isna(row.new_year):
                open_move = True
            else:
                years.append(int(row.new_year))
    later = {y for y in years[1:] if years and y > years[0]}
    return len(later) or int(open_move)


def summary(events: pd.DataFrame) -> pd.DataFrame:
    """One row per history: its latest wording, first and last year promised, how often restated and reported on
    (a year whose jaarstukken do not mention it does not count),
    the last status, how often it moved (reported 'uitgesteld', or its deadline set later in the next begroting)
    and the year it was dropped (else missing)."""
    rows = []
    for history_id, part in events.groupby("history_id", sort=False):
        promised = part[part["event"].isin(["beloofd", "herhaald"])]
        reported = part[part["event"] == "verantwoord"]
        moves = times_moved(part)
        dropped = part.loc[part["event"] == "verdwenen", "year"]
        rows.append({"history_id": history_id, "text": promised["text"].iloc[-1] if len(promised) else None,
                     "programme": promised["programme"].iloc[-1] if len(promised) else None,
                     "first_promised": int(promised["year"].min()) if len(promised) else None,
                     "last_promised": int(promised["year"].max()) if len(promised) else None,
                     "times_promised": len(promised),
                     "times_reported": int((reported["status"] != "niet_genoemd").sum()),
                     "last_status": reported["status"].iloc[-1] if len(reported) else None,
                     "times_postponed": moves, "dropped_in": int(dropped.iloc[0]) if len(dropped) else None})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS).astype({"dropped_in": "Int64", "first_promised": "Int64",
                                                               "last_promised": "Int64"})
