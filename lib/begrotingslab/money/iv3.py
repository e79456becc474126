"""CBS Iv3 (Bron: CBS, Iv3; CC BY 4.0): every municipality's baten and lasten per taakveld, as one tidy table.

The project ships the table as ``data/external/iv3/iv3.parquet`` (``paths.iv3_file``); ``scripts/iv3_to_parquet.py``
rebuilds it from the CBS files with :func:`read_iv3_csv`. One row per municipality, year, document kind
(``begroting``/``jaarrekening``) and taakveld: ``municipality`` as CBS writes it, ``municipality_key`` (the project's
key: :func:`municipality_key`), ``year``, ``kind``, ``taakveld`` (code, "4.2"), ``taakveld_name``, ``baten`` and
``lasten`` in euros, ``province``, ``size_class`` (CBS gemeentegrootte), ``urbanity``, ``inhabitants``.
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .. import paths
from ..errors import BegrotingslabError
from ..text import slug
from ..themes.taxonomy_file import as_taxonomy

SOURCE = "Bron: CBS, Iv3"
LICENCE = "CC BY 4.0"
KINDS = ("begroting", "jaarrekening")
COLUMNS = ["municipality", "municipality_key", "year", "kind", "taakveld", "taakveld_name", "baten", "lasten",
           "province", "size_class", "urbanity", "inhabitants"]
NATIONAL = "Nederland"  # CBS adds the country's total as a 'municipality': left out of the table

# CBS names whose slug is not the everyday key the project uses for the municipality
CBS_ALIASES = {"'s-Gravenhage": "den-haag", "Nuenen, Gerwen en Nederwetten": "nuenen"}
# other everyday spellings (as slugs) a user may pass, and CBS's province marks in gemeenteklassen
SPELLINGS = {"s-gravenhage": "den-haag", "the-hague": "den-haag", "den-bosch": "s-hertogenbosch",
             "hertogenbosch": "s-hertogenbosch", "nuenen-gerwen-en-nederwetten": "nuenen",
             "zuidwest-friesland": "sudwest-fryslan", "noordoost-friesland": "noardeast-fryslan"}
# names CBS cuts ('..') of taakvelden the taxonomy (which follows the 2025 classification) does not have
CUT_NAMES = {"6.71d": "Overige maatwerkarrangementen (WMO)", "6.74a": "Jeugd behandeling GGZ zonder verblijf"}
FILE_NAME = re.compile(r"iv3-(\d{4})_(begroting|jaarrekening)\.csv$")


def municipality_key(name: str) -> str:
    """The project's key of a municipality (``text.slug`` of its everyday name), from a CBS name or an everyday one:
    "'s-Gravenhage", 'Den Haag' and 'den-haag' -> 'den-haag'."""
    name = str(name).strip()
    key = CBS_ALIASES.get(name) or slug(name)
    return SPELLINGS.get(key, key)


def taakveld_parts(label: str, taxonomy=None) -> tuple[str, str]:
    """'4.2 Onderwijshuisvesting' -> ('4.2', 'Onderwijshuisvesting'); a name CBS cut ('..') is taken whole from the
    taxonomy's taakveld layer (or :data:`CUT_NAMES`), else kept as cut."""
    code, _, name = str(label).strip().partition(" ")
    name = " ".join(name.split())
    if name.endswith(".."):
        labels = as_taxonomy(taxonomy).labels()
        name = labels.get(code) or CUT_NAMES.get(code) or name
    return code, name


def read_iv3_csv(path: str | Path, taxonomy=None) -> pd.DataFrame:
    """One CBS file (``iv3-2024_begroting.csv``: ';'-separated, amounts in thousands) as the tidy table, in euros."""
    path = Path(path)
    found = FILE_NAME.search(path.name)
    if not found:
        raise BegrotingslabError(f"{path}: not an Iv3 file name (expected iv3-YYYY_begroting.csv or "
                                 f"iv3-YYYY_jaarrekening.csv)")
    raw = pd.read_csv(path, sep=";", encoding="utf-8")
    raw = raw[raw["Gemeenten"].str.strip() != NATIONAL]
    parts = {label: taakveld_parts(label, taxonomy) for label in raw["Taakveld"].unique()}
    keys = {name: municipality_key(name) for name in raw["Gemeenten"].unique()}
    return pd.DataFrame({
        "municipality": raw["Gemeenten"].str.strip(),
        "municipality_key": raw["Gemeenten"].map(keys),
        "year": int(found.group(1)),
        "kind": found.group(2),
        "taakveld": raw["Taakveld"].map(lambda t: parts[t][0]),
        "taakveld_name": raw["Taakveld"].map(lambda t: parts[t][1]),
        "baten": (raw["Baten"].astype(float) * 1000).round(2),
        "lasten": (raw["Lasten"].astype(float) * 1000).round(2),
        "province": raw["Provincie"],
        "size_class": raw["Gemeentegrootte"],
        "urbanity": raw["Stedelijkheid"],
        "inhabitants": raw["Inwonertal"].astype("int64"),
    })[COLUMNS].reset_index(drop=True)


def read_iv3_folder(folder: str | Path, taxonomy=None) -> pd.DataFrame:
    """Every ``iv3-*.csv`` of a folder as one tidy table (kind, year, then CBS's order)."""
    files = sorted(p for p in Path(folder).glob("iv3-*.csv") if FILE_NAME.search(p.name))
    if not files:
        raise BegrotingslabError(f"{folder}: no Iv3 files (iv3-YYYY_begroting.csv, iv3-YYYY_jaarrekening.csv)")
    tax = as_taxonomy(taxonomy)
    return pd.concat([read_iv3_csv(p, tax) for p in files], ignore_index=True)


@lru_cache(maxsize=4)
def _read(path: str, stamp: float) -> pd.DataFrame:
    return pd.read_parquet(path)


def load_iv3(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The shipped Iv3 table (``paths.iv3_file``); nothing is downloaded."""
    path = paths.iv3_file(data_dir)
    if not path.is_file():
        raise BegrotingslabError(f"{path}: the Iv3 table is missing; rebuild it with "
                                 f"scripts/iv3_to_parquet.py from the CBS files")
    return _read(str(path), path.stat().st_mtime).copy()


def edition_rows(iv3: pd.DataFrame, municipality: str, year: int, kind: str = "begroting") -> pd.DataFrame:
    """The Iv3 rows of one municipality (any spelling), year and kind; a clear error when Iv3 has none."""
    if kind not in KINDS:
        raise BegrotingslabError(f"kind {kind!r}: choose from {', '.join(KINDS)}")
    key = municipality_key(municipality)
    known = sorted(iv3["municipality_key"].unique())
    if key not in set(known):
        close = difflib.get_close_matches(key, known, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise BegrotingslabError(f"municipality {municipality!r} ({key}) is not in Iv3{hint}")
    rows = iv3[(iv3["municipality_key"] == key) & (iv3["year"] == int(year)) & (iv3["kind"] == kind)]
    if rows.empty:
        have = sorted({(int(y), k) for y, k in zip(iv3["year"], iv3["kind"])})
        raise BegrotingslabError(f"Iv3 has no {kind} {year}; it has " + ", ".join(f"{k} {y}" for y, k in have))
    return rows
