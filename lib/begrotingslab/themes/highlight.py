"""The evidence made visible: sentences as escaped HTML with the words that decided marked."""
from __future__ import annotations

import html
import re
from typing import Iterable

import pandas as pd

from ..present import cell_text


def highlight(text: str, words: Iterable[str]) -> str:
    """HTML-escaped ``text`` with every evidence word wrapped in <mark>."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return html.escape(str(text))
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I)
    out, pos = [], 0
    for m in pattern.finditer(str(text)):
        out.append(html.escape(text[pos:m.start()]))
        out.append("<mark>" + html.escape(m.group(0)) + "</mark>")
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def sentences_html(tagged: pd.DataFrame, theme: str, limit: int | None = 25) -> str:
    """An HTML table of the sentences tagged with ``theme``, the evidence marked; all document text escaped."""
    rows = tagged[tagged["themes"].map(lambda ids: theme in ids)]
    total = len(rows)
    if limit is not None:
        rows = rows.head(limit)
    body = []
    for _, row in rows.iterrows():
        words = row["theme_evidence"].get(theme, [])
        cells = [html.escape(cell_text(row.get("programme"))), html.escape(cell_text(row.get("heading"))),
                 highlight(str(row["text"]), words), html.escape(", ".join(words))]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    more = (f"<p><em>{total - len(rows)} van de {total} zinnen niet getoond.</em></p>" if total > len(rows) else "")
    head = "".join(f"<th>{h}</th>" for h in ("Programma", "Onderdeel", "Zin", "Gevonden woorden"))
    return (f'<table class="begrotingslab-themes"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}'
            f"</tbody></table>{more}")
