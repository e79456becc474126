"""The headline figures of one edition (municipality, year), for the site's pages: how many ambitions and
commitments, the share with a deadline, the mean SMART score, the three themes with the most words and, when the
begroting's money tables give them, its total lasten.

Counted from the tables the exports already hold (exports.py), over the document the theme and ambition
reports are about (the programmabegroting, else the first other kind: ``corpus.kind_rank``), so no sentence
is classified twice. Kept beside the exports as ``data/headlines.json``; the site reads only that file.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..corpus import display_name, kind_rank
from ..money import total_lasten
from ..present import KIND_LABELS

NAME = "headlines.json"
TOP_THEMES = 3


def headlines(tables: dict[str, pd.DataFrame]) -> dict:
    """The figures of one edition from its export tables (documents, sentences, ambitions, themes)."""
    documents = tables["documents"]
    if documents.empty:
        return {}
    primary = documents.assign(_rank=documents["kind"].map(kind_rank)).sort_values("_rank", kind="stable").iloc[0]
    sentences = tables["sentences"]
    own = set(sentences.loc[sentences["doc_id"] == primary["doc_id"], "sentence_id"])
    goals = tables["ambitions"]
    goals = goals[goals["sentence_id"].isin(own)] if not goals.empty else goals
    return {"name": display_name(documents), "kind": str(primary["kind"]), "sentences": len(own),
            "ambitions": int((goals["statement"] == "ambition").sum()) if len(goals) else 0,
            "commitments": int((goals["statement"] == "commitment").sum()) if len(goals) else 0,
            "share_deadline": float(goals["deadline"].notna().mean()) if len(goals) else None,
            "mean_smart_score": float(goals["smart_score"].mean()) if len(goals) else None,
            "top_themes": _top_themes(tables["themes"], sentences, primary["doc_id"]),
            "total_lasten": _total_lasten(tables.get("money_programmes"), primary)}


def _total_lasten(money: pd.DataFrame | None, primary: pd.Series) -> float | None:
    """The lasten the primary document budgets for its own year (euros), when its money tables give them."""
    if money is None or money.empty or pd.isna(primary["year"]):
        return None
    return total_lasten(money[money["doc_id"] == primary["doc_id"]], int(primary["year"]))


def _top_themes(themes: pd.DataFrame, sentences: pd.DataFrame, doc_id: str) -> list[dict]:
    """The themes with the most words in their sentences, with that share of the document's words."""
    if themes.empty:
        return []
    own = themes[(themes["doc_id"] == doc_id) & (themes["layer"] == "theme")]
    total = int(sentences.loc[sentences["doc_id"] == doc_id, "n_words"].sum())
    words = own.groupby("label", sort=False)["n_words"].sum().sort_values(ascending=False, kind="stable")
    return [{"label": str(label), "share": float(count / total) if total else 0.0}
            for label, count in words.head(TOP_THEMES).items() if count > 0]


def read(folder: Path) -> dict:
    """The figures an export folder holds; empty when it has none (not exported yet, or it failed)."""
    try:
        data = json.loads((Path(folder) / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def dutch_percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"


def dutch_decimal(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}".replace(".", ",")


def dutch_euros(value: float | None) -> str:
    """'€ 60,4 mln' (a million or more), '€ 604.000' (less), '–' for none."""
    if value is None:
        return "–"
    if abs(value) >= 1_000_000:
        return f"€ {value / 1_000_000:.1f} mln".replace(".", ",")
    return f"€ {value:,.0f}".replace(",", ".")


LABELS = ("Document", "Ambities", "Toezeggingen", "Met een jaartal", "Gem. SMART-score (0-6)", "Meeste woorden over",
          "Totale lasten (begroting)")
OPTIONAL = {"Totale lasten (begroting)": "total_lasten"}  # shown only when an edition has it


def figures(data: dict) -> list[tuple[str, str]]:
    """The figures as (Dutch label, value as text), in the order the pages show them; empty without figures. An
    optional figure (the total lasten) is left out when the edition does not have it."""
    if not data:
        return []
    try:
        return [(label, value) for label, value in zip(LABELS, _values(data))
                if label not in OPTIONAL or data.get(OPTIONAL[label]) is not None]
    except (TypeError, ValueError, KeyError, AttributeError):  # a damaged file: the page goes without its figures
        return []


def _values(data: dict) -> tuple[str, ...]:
    """The figures as text, in the order of LABELS."""
    themes = ", ".join(f"{t['label']} ({dutch_percent(t['share'])})" for t in data.get("top_themes", []))
    return (KIND_LABELS.get(data.get("kind"), str(data.get("kind") or "–")), str(data.get("ambitions", 0)),
            str(data.get("commitments", 0)), dutch_percent(data.get("share_deadline")),
            dutch_decimal(data.get("mean_smart_score")), themes or "–", dutch_euros(data.get("total_lasten")))


def side_by_side(per_year: list[dict]) -> list[tuple[str, list[str]]]:
    """The figures of several years as rows (label, value per year), for a table with the years as columns."""
    columns = [dict(figures(data)) for data in per_year]
    return [(label, [column.get(label, "–") for column in columns]) for label in LABELS
            if label not in OPTIONAL or any(label in column for column in columns)]
