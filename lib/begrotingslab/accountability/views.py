"""The verantwoording report's tables as readers see them: Dutch headers and labels (present.py), only the columns
a reader looks at. Each ``*_view`` takes a frame of this package (:func:`~.match.accountability`,
:func:`~.match.share_realised`, :func:`~.match.unclaimed`, :func:`~.history.summary`) and returns the table for
``present.table``."""
from __future__ import annotations

import pandas as pd

from ..present import (ACCOUNTABILITY_COLUMNS, ACCOUNTABILITY_STATUS_LABELS, STATEMENT_LABELS, percent,
                       programme_name)


def _shown(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return frame[columns].rename(columns=ACCOUNTABILITY_COLUMNS)


def _labelled(frame: pd.DataFrame, column: str, labels: dict) -> pd.DataFrame:
    return frame.assign(**{column: frame[column].map(labels)})


def summary_view(shares: pd.DataFrame) -> pd.DataFrame:
    """Per programme the number of promises, the count per status and the share realised (a percentage)."""
    shown = percent(shares, ["share_realised"])
    return shown.rename(columns={**ACCOUNTABILITY_COLUMNS, **ACCOUNTABILITY_STATUS_LABELS})


def promises_view(result: pd.DataFrame) -> pd.DataFrame:
    """Each promise with its kind, status, new year, the text that decided and how similar it is."""
    shown = _labelled(_labelled(result, "statement", STATEMENT_LABELS), "status", ACCOUNTABILITY_STATUS_LABELS)
    return _shown(shown, ["text", "statement", "status", "new_year", "decided_text", "similarity"])


def silent_view(result: pd.DataFrame) -> pd.DataFrame:
    """The promises the jaarstukken do not mention, with their deadline."""
    return _shown(result[result["status"] == "niet_genoemd"], ["programme", "text", "deadline"])


def unclaimed_view(extra: pd.DataFrame) -> pd.DataFrame:
    """What the jaarstukken report with a status that answers no promise."""
    shown = _labelled(extra.assign(programme=extra["programme"].map(programme_name)), "status",
                      ACCOUNTABILITY_STATUS_LABELS)
    return _shown(shown.rename(columns={"text": "reported"}), ["programme", "reported", "status", "new_year"])


def history_of_promises(events: pd.DataFrame) -> dict:
    """Promise id -> the id of its history, for the promises the jaarstukken reported on."""
    reported = events[events["event"] == "verantwoord"]
    return dict(zip(reported["promise_id"], reported["history_id"]))


def postponed_view(result: pd.DataFrame, events: pd.DataFrame, histories: pd.DataFrame) -> pd.DataFrame:
    """The postponed promises with the new year and how often each moved over the years."""
    moved = dict(zip(histories["history_id"], histories["times_postponed"]))
    postponed = result[result["status"] == "uitgesteld"]
    postponed = postponed.assign(moves=postponed["promise_id"].map(history_of_promises(events)).map(moved))
    return _shown(postponed, ["programme", "text", "new_year", "moves", "decided_text"])


def histories_view(events: pd.DataFrame, histories: pd.DataFrame) -> pd.DataFrame:
    """The histories of this year's reported promises: first promised, how often promised and reported, the last
    status, how often postponed, when dropped."""
    mine = histories[histories["history_id"].isin(set(history_of_promises(events).values()))]
    return _shown(_labelled(mine, "last_status", ACCOUNTABILITY_STATUS_LABELS),
                  ["text", "first_promised", "times_promised", "times_reported", "last_status", "times_postponed",
                   "dropped_in"])
