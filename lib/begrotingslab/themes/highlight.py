"""The evidence made visible: sentences as HTML (templates, autoescaped) with the words that decided marked."""
from __future__ import annotations

import re
from typing import Iterable

import pandas as pd

from ..present import INTERACTIVE_ROWS, cell_text
from ..templating import render


def evidence_parts(text: str, words: Iterable[str]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is evidence) pairs: every whole-word occurrence of an evidence word, any case."""
    text = str(text)
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return [(text, False)]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I)
    parts, pos = [], 0
    for m in pattern.finditer(text):
        parts += [(text[pos:m.start()], False), (m.group(0), True)]
        pos = m.end()
    parts.append((text[pos:], False))
    return parts


def highlight(text: str, words: Iterable[str]) -> str:
    """HTML-escaped ``text`` with every evidence word wrapped in <mark>."""
    return render("highlight.html.j2", parts=evidence_parts(text, words))


def sentences_html(tagged: pd.DataFrame, theme: str, limit: int | None = 25) -> str:
    """An HTML table of the sentences tagged with ``theme``, the evidence marked; all document text escaped."""
    rows = tagged[tagged["themes"].map(lambda ids: theme in ids)]
    total = len(rows)
    if limit is not None:
        rows = rows.head(limit)
    shown = []
    for _, row in rows.iterrows():
        words = row["theme_evidence"].get(theme, [])
        shown.append({"programme": cell_text(row.get("programme")), "heading": cell_text(row.get("heading")),
                      "parts": evidence_parts(row["text"], words), "words": words})
    return render("theme_sentences.html.j2", rows=shown, total=total, hidden=total - len(shown),
                  interactive=len(shown) > INTERACTIVE_ROWS)
