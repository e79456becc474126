"""Everything the money report (notebooks/06_geld) and the exports show of one corpus selection, in one call.

:func:`money_report` reads the money and indicator tables from the corpus's cached rows (corpus_money), puts each
programme's money together (programmes), links goals to indicators and raises the flags (links);
:func:`against_previous` sets a programme's lasten for the budget year beside what last year's begroting budgeted
for its own year; :func:`total_lasten` is the headline figure.
"""
from __future__ import annotations

import pandas as pd

from ..ambitions import classify_sentences
from ..text import slug
from .corpus_money import corpus_money
from .links import FLAG_COLUMNS, goal_flags, goals_of, link_goals
from .programmes import lasten_changes, money_flags, programme_money

PREVIOUS_COLUMNS = ["programme", "previous_year", "previous", "year", "current", "unit", "change"]


def money_report(corpus, classified: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """{'tables', 'amounts', 'indicators', 'values'} (the readers' frames), 'programme_money' (per programme and
    column: lasten, baten, saldo), 'changes' (lasten from column to column, explained or not), 'goals', 'links'
    (goal -> indicator) and 'flags' (what a rekenkamer would ask about), for every document of ``corpus``.
    ``classified`` is the corpus's sentences classified by the ambition analysis (classified here when None)."""
    found = corpus_money(corpus)
    money = programme_money(found["amounts"], zip(corpus.sections["doc_id"], corpus.sections["subprogramme"]))
    changes = lasten_changes(money, corpus.sentences)
    classified = classify_sentences(corpus.sentences) if classified is None else classified
    goals = goals_of(classified, corpus.sentences)
    links = link_goals(goals, found["indicators"], found["values"])
    parts = [f for f in (goal_flags(goals, found["indicators"], links), money_flags(changes)) if not f.empty]
    flags = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=FLAG_COLUMNS)
    return {**found, "programme_money": money, "changes": changes, "goals": goals, "links": links, "flags": flags}


def budget_lasten(money: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per programme the lasten a document budgets for ``year`` (column kind begroting): programme, key (its name
    as a slug), amount (euros when the unit is known, else as printed), unit."""
    rows = money[(money["measure"] == "lasten") & (money["column_kind"] == "begroting") & (money["year"] == year)]
    amount = rows["euros"].where(rows["euros"].notna(), rows["value"])
    return pd.DataFrame({"programme": rows["programme"], "key": rows["programme"].map(
        lambda p: slug(p) if isinstance(p, str) else ""), "amount": amount, "unit": rows["unit"]}).drop_duplicates("key")


def against_previous(current: pd.DataFrame, previous: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per programme (matched by name) its lasten in this year's begroting for ``year`` beside last year's
    begroting for ``year - 1``: programme, previous_year, previous, year, current, unit (1 when both are in euros,
    else the printed unit or <NA>), change (a share). ``current`` and ``previous`` are programme_money frames."""
    now, before = budget_lasten(current, year), budget_lasten(previous, year - 1)
    both = now.merge(before, on="key", suffixes=("", "_previous"))
    comparable = both["unit"].notna() & both["unit_previous"].notna() | (both["unit"].isna()
                                                                         & both["unit_previous"].isna())
    both = both[comparable]
    out = pd.DataFrame({"programme": both["programme"], "previous_year": year - 1, "previous": both["amount_previous"],
                        "year": year, "current": both["amount"],
                        "unit": [1 if pd.notna(u) else pd.NA for u in both["unit"]]})
    out["change"] = [(c - p) / abs(p) if p else None for c, p in zip(out["current"], out["previous"])]
    return out.reset_index(drop=True)[PREVIOUS_COLUMNS].astype({"change": "float64"})


def total_lasten(money: pd.DataFrame, year: int | None) -> float | None:
    """The lasten a document budgets for its own year over all its programmes, in euros; None when no table gives
    lasten of that year in a known unit. A table outside every programme (a summary of all of them) and the
    programmes' own tables are not added up: the larger of the two counts."""
    if money.empty or year is None:
        return None
    rows = money[(money["measure"] == "lasten") & (money["column_kind"] == "begroting") & (money["year"] == year)
                 & money["euros"].notna()]
    if rows.empty:
        return None
    outside = rows["programme"].isna()
    return float(max(rows.loc[outside, "euros"].sum(), rows.loc[~outside, "euros"].sum()))
