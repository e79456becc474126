"""What a report read from the corpus, so that its reuse is keyed on exactly that.

In a build, each notebook kernel gets ``BEGROTINGSLAB_READS``: a file in which ``load_corpus`` notes every
selection it loads (one municipality and year, one municipality, one year, or the whole corpus). The build
keeps the selections with the report's state, with a digest of the documents they held (names and
contents). The next build reuses the report only when every selection still holds the same documents: a
new year of one municipality rebuilds that municipality's comparison, a changed document elsewhere
rebuilds the reports that read the whole corpus, and nothing else.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from . import editions
from .fingerprint import chunks_key

ENV = "BEGROTINGSLAB_READS"
WHOLE_CORPUS = {"municipality": None, "year": None}


def note(municipality: str | None, year: int | None) -> None:
    """Record one selection loaded in this process (only inside a build's kernel; otherwise nothing)."""
    target = os.environ.get(ENV)
    if not target:
        return
    line = json.dumps({"municipality": None if municipality is None else str(municipality),
                       "year": None if year is None else int(year)})
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def collected(path: str | Path) -> list[dict]:
    """The selections noted in a kernel's file, each once, in a stable order; the whole corpus when none
    was noted (a notebook that reads documents some other way is rebuilt whenever any document changes)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    found = {json.dumps(json.loads(line), sort_keys=True) for line in lines if line.strip()}
    return [json.loads(item) for item in sorted(found)] or [dict(WHOLE_CORPUS)]


def digest(documents: pd.DataFrame, selections: list[dict]) -> str:
    """A hash of the documents (name and content) each selection holds in ``documents`` (the corpus table)."""
    def chunks():
        for selection in selections:
            rows = editions.rows(documents, selection.get("municipality"), selection.get("year"))
            held = sorted(zip(rows["source"].astype(str), rows["sha256"].astype(str)))
            yield json.dumps([selection, held], sort_keys=True)

    return chunks_key(chunks())
