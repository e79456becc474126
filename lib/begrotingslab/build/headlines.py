"""The headline figures of one edition (municipality, year), for the site's pages: how many ambitions and
commitments, the share with a deadline, the mean SMART score and the three themes with the most words.

Counted from the tables the exports already hold (exports.py), over the document the theme and ambition
reports are about (the programmabegroting, else the first other kind: ``corpus.kind_rank``), so no sentence
is classified twice. Kept beside the exports as ``data/headlines.json``; the site reads only that file.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..corpus import display_name, kind_rank
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
            "top_themes": _top_themes(tables["themes"], sentences, primary["doc_id"])}


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


LABELS = ("Document", "Ambities", "Toezeggingen", "Met een jaartal", "Gem. SMART-score (0-6)", "Meeste woorden over")


def figures(data: dict) -> list[tuple[str, str]]:
    """The figures as (Dutch label, value as text), in the order the pages show them; empty without figures."""
    if not data:
        return []
    try:
        return list(zip(LABELS, _values(data)))
    except (TypeError, ValueError, KeyError, AttributeError):  # a damaged file: the page goes without its figures
        return []


def _values(data: dict) -> tuple[str, ...]:
    """The figures as text, in the order of LABELS."""
    themes = ", ".join(f"{t['label']} ({dutch_percent(t['share'])})" for t in data.get("top_themes", []))
    return (KIND_LABELS.get(data.get("kind"), str(data.get("kind") or "–")), str(data.get("ambitions", 0)),
            str(data.get("commitments", 0)), dutch_percent(data.get("share_deadline")),
            dutch_decimal(data.get("mean_smart_score")), themes or "–")


def side_by_side(per_year: list[dict]) -> list[tuple[str, list[str]]]:
    """The figures of several years as rows (label, value per year), for a table with the years as columns."""
    columns = [dict(figures(data)) for data in per_year]
    return [(label, [column.get(label, "–") for column in columns]) for label in LABELS]
