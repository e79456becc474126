"""The rekenkamer scorecard: counts and shares of ambitions and commitments per programme, and the extremes."""
from __future__ import annotations

import pandas as pd

from ..present import NO_PROGRAMME
from .table import goals

def _has_indicators(sentences: pd.DataFrame) -> pd.Series:
    """Per programme_id: does the programme have an indicator section or a streefwaarde/indicator sentence?"""
    if sentences.empty:
        return pd.Series(dtype=bool)
    key = sentences["programme_id"].fillna(NO_PROGRAMME)
    hit = (sentences["section_kind"] == "indicatoren") | sentences["text"].str.contains(
        r"\b(?:indicator\w*|streefwaarde\w*)\b", case=False, regex=True, na=False)
    return hit.groupby(key).any()


def scorecard(classified: pd.DataFrame, sentences: pd.DataFrame | None = None, by: str | None = "programme") -> pd.DataFrame:
    """The rekenkamer table: per ``by`` group (``None`` = the whole document set) the counts and shares.

    Columns: ``ambitions, commitments, goals`` (the two together), ``share_measurable`` and ``share_time_bound``
    (score 2 on that criterion), ``share_partly_measurable`` (score 1 or 2), ``share_er_goals``,
    ``mean_smart_score`` (0-6), ``mean_mark`` (out of 10), ``goals_without_indicator`` (ambitions and commitments
    in a programme without any indicator or streefwaarde; needs ``sentences``, else <NA>).
    """
    data = goals(classified).copy()
    if sentences is not None and "programme_id" in data:
        has = _has_indicators(sentences)
        data["no_indicator"] = ~data["programme_id"].fillna(NO_PROGRAMME).map(has).fillna(False).astype(bool)
    else:
        data["no_indicator"] = pd.NA
    group_col = by if by else "_all"
    if not by:
        data["_all"] = "totaal"
    elif by in data:
        data[by] = data[by].fillna(NO_PROGRAMME if by == "programme" else "(onbekend)")
    if data.empty:
        return pd.DataFrame(columns=["ambitions", "commitments", "goals", "share_measurable", "share_partly_measurable",
                                     "share_time_bound", "share_er_goals", "mean_smart_score", "mean_mark",
                                     "goals_without_indicator"]).rename_axis(group_col)
    grouped = data.groupby(group_col, sort=False)
    card = pd.DataFrame({
        "ambitions": grouped["statement"].apply(lambda s: int((s == "ambition").sum())),
        "commitments": grouped["statement"].apply(lambda s: int((s == "commitment").sum())),
        "goals": grouped.size(),
        "share_measurable": grouped["measurable"].apply(lambda s: float((s == 2).mean())),
        "share_partly_measurable": grouped["measurable"].apply(lambda s: float((s >= 1).mean())),
        "share_time_bound": grouped["time_bound"].apply(lambda s: float((s == 2).mean())),
        "share_er_goals": grouped["er_goal"].apply(lambda s: float(s.astype(bool).mean())),
        "mean_smart_score": grouped["smart_score"].mean().astype(float),
    })
    card["mean_mark"] = (card["mean_smart_score"] / 6 * 10).round(1)
    if sentences is not None and "programme_id" in data:
        card["goals_without_indicator"] = grouped["no_indicator"].apply(lambda s: int(s.astype(bool).sum()))
    else:
        card["goals_without_indicator"] = pd.array([pd.NA] * len(card), dtype="Int64")
    return card


def most_and_least_concrete(classified: pd.DataFrame, n: int = 10) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``n`` ambitions/commitments with the highest and the lowest SMART score (ties: document order)."""
    data = goals(classified)
    order = ["smart_score", "measurable", "time_bound", "specific"]
    most = data.sort_values(order, ascending=False, kind="stable").head(n).reset_index(drop=True)
    least = data.sort_values(order, ascending=True, kind="stable").head(n).reset_index(drop=True)
    return most, least


