"""Presentation helpers for the notebooks: document text made safe for Markdown and tables.

Document text is untrusted: a budget (or a folder name) may hold ``<script>`` or Markdown that would
render as markup. Everything from a document that goes into a Markdown cell passes through ``esc``;
DataFrames are shown with pandas' own escaping (never a Styler, which does not escape by default).
"""
from __future__ import annotations

import html
import re

import pandas as pd

MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|~])")


def esc(value) -> str:
    """Any value as literal text inside Markdown: no HTML (escaped), no emphasis, links or code.

    A bare URL would become a live link (the renderer links 'https://...'): its ':' is escaped too.
    """
    return MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(str(value), quote=False)).replace("://", "\\://")


def percent(frame: pd.DataFrame, columns, digits: int = 0) -> pd.DataFrame:
    """Shares (0..1) as Dutch percentage text ('12%'), for tables that readers scan."""
    frame = frame.copy()
    for column in columns:
        frame[column] = frame[column].map(lambda v: "–" if pd.isna(v) else f"{v * 100:.{digits}f}%".replace(".", ","))
    return frame


def blanks(frame: pd.DataFrame, mark: str = "–") -> pd.DataFrame:
    """Missing values shown as a dash instead of <NA> or NaN."""
    return frame.astype(object).where(frame.notna(), mark)


def cell_text(value) -> str:
    """A table cell as text: '' for None, NaN and pandas' NA (which refuse to be truth-tested)."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # lists and arrays: not a missing value
        pass
    return str(value)
