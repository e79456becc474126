"""Machine-readable exports beside each report: CSV and Parquet tables and one Excel workbook.

Written to ``OUT/<municipality>/<year>/data/`` for analysts who live in spreadsheets or their own code, with
the edition's headline figures (headlines.py) that the site's pages show.
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd

from .. import editions, spreadsheet
from ..corpus import Corpus
from ..files import atomic_write
from ..fingerprint import library_fingerprint, text_key
from ..text import slug
from . import headlines


def export_tables(corpus: Corpus, taxonomy: Path | None = None) -> dict[str, pd.DataFrame]:
    """The tables exported for one (municipality, year): name -> tidy DataFrame.

    ``themes`` has one row per (sentence, theme) with the matched words, by the build's taxonomy (the default one
    without ``--taxonomy``), or for a sentence without a theme word of its own where its theme came from ("sectie:
    ...", "programma: ...": themes.tag_sentences); ``ambitions`` one row per ambition or commitment with its SMART
    scores, deadline and the reasons for each label. Money (money.money_report): ``money`` one row per amount of the
    money tables, ``money_programmes`` the lasten, baten and saldo per programme and column, ``indicators`` one row
    per indicator value (with its indicator's name, unit, source), ``links`` goal -> indicator with the words they
    share, ``flags`` what a rekenkamer would ask about. ``accountability``: every promise of the begroting with what
    the jaarstukken of the same year say became of it (empty without both documents).
    """
    from ..ambitions import ambitions_table, classify_sentences
    from ..money import money_report
    from ..themes import load_taxonomy, tag_sentences, theme_long

    tagged = tag_sentences(corpus.sentences, load_taxonomy(taxonomy))
    classified = classify_sentences(corpus.sentences)
    geld = money_report(corpus, classified)
    return {
        "documents": corpus.documents,
        "programmes": corpus.programmes.assign(
            portfolio_holders=corpus.programmes["portfolio_holders"].map(lambda h: "; ".join(h))),
        "sections": corpus.sections,
        "sentences": corpus.sentences,
        "themes": _flat(theme_long(tagged)),
        "ambitions": _flat(ambitions_table(classified)),
        "money": geld["amounts"],
        "money_programmes": geld["programme_money"],
        "indicators": _indicator_values(geld["indicators"], geld["values"]),
        "links": geld["links"],
        "flags": geld["flags"],
        "accountability": _accountability(corpus),
    }


def _accountability(corpus: Corpus) -> pd.DataFrame:
    """The edition's promises and results (accountability.accountability), evidence as JSON text; no rows when the
    year lacks its begroting or its jaarstukken."""
    from ..accountability import RESULT_COLUMNS, accountability, available

    documents = corpus.documents.dropna(subset=["municipality", "year"])
    if documents.empty:
        return pd.DataFrame(columns=RESULT_COLUMNS)
    municipality, year = str(documents["municipality"].iloc[0]), int(documents["year"].iloc[0])
    have = available(corpus, municipality, year)
    if not (have["programmabegroting"] and have["jaarstukken"]):
        return pd.DataFrame(columns=RESULT_COLUMNS)
    table = accountability(corpus, municipality, year)
    return table.assign(evidence=table["evidence"].map(lambda e: json.dumps(e, ensure_ascii=False)))


def _indicator_values(indicators: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator value, with the indicator's programme, name, unit, source and BBV name beside it."""
    return indicators.merge(values, on=["doc_id", "indicator"], how="left", suffixes=("", "_value"))


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists and dicts as '; '-joined text, so CSV, Parquet and Excel all hold the same plain cells."""
    frame = frame.copy()
    if frame.empty:
        return frame
    for column in frame.columns:
        if frame[column].astype(object).map(lambda v: isinstance(v, (list, tuple, dict))).astype(bool).any():
            frame[column] = frame[column].map(
                lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple))
                else json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v)
    return frame


def _to_excel(tables: dict[str, pd.DataFrame]) -> bytes:
    return spreadsheet.to_excel({name: _flat(frame) for name, frame in tables.items()})


def _to_parquet(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


EXPORT_TABLES = ("documents", "programmes", "sections", "sentences", "themes", "ambitions", "money", "money_programmes",
                 "indicators", "links", "flags", "accountability")


def export_folder(out_dir: Path, municipality: str, year: int) -> Path:
    return out_dir / slug(municipality) / str(year) / "data"


def export_paths(out_dir: Path, municipality: str, year: int) -> list[Path]:
    """Every file the exports of one edition consist of (so the build can record them before writing)."""
    folder = export_folder(out_dir, municipality, year)
    return [*(folder / f"{name}.{ext}" for name in EXPORT_TABLES for ext in ("csv", "parquet")),
            folder / f"{slug(municipality)}-{year}.xlsx", folder / headlines.NAME, folder / ".export.sha256"]


def exported(corpus: Corpus, municipalities: list[str] | None = None,
             years: list[int] | None = None) -> list[tuple[str, int]]:
    """The (municipality, year) editions whose exports a build writes: the editions its reports are for."""
    return editions.pairs(editions.chosen(corpus.editions(), municipalities, years))


def write_exports(corpus: Corpus, out_dir: Path, municipalities: list[str] | None = None,
                  years: list[int] | None = None, library: str = "",
                  taxonomy: Path | None = None) -> list[tuple[Path, str | None]]:
    """Write the export files of every (municipality, year) whose documents or taxonomy changed.

    Returns (folder, error or None) per edition written or tried: one edition that cannot be exported
    does not stop the others.
    """
    library = library or library_fingerprint()
    themes_by = Path(taxonomy).read_text(encoding="utf-8") if taxonomy else ""
    written = []
    for municipality, year in exported(corpus, municipalities, years):
        edition = corpus.select(municipality, year)
        folder = export_folder(out_dir, municipality, year)
        key = text_key(library, themes_by, *sorted(map(str, edition.documents["sha256"])))
        stamp = folder / ".export.sha256"
        if stamp.exists() and stamp.read_text() == key:
            continue
        try:
            tables = export_tables(edition, taxonomy)
            for name, frame in tables.items():
                atomic_write(folder / f"{name}.csv", spreadsheet.to_csv(frame))
                atomic_write(folder / f"{name}.parquet", _to_parquet(frame))
            atomic_write(folder / f"{slug(municipality)}-{year}.xlsx", _to_excel(tables))
            atomic_write(folder / headlines.NAME, json.dumps(headlines.headlines(tables), ensure_ascii=False))
        except Exception as exc:  # recorded for the summary and the index, never a traceback
            written.append((folder, f"{type(exc).__name__}: {exc}"))
            continue
        atomic_write(stamp, key)
        written.append((folder, None))
    return written
