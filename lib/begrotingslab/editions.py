"""Which editions (municipality, year) a selection means: the one filter the corpus, the build's plan and
its exports share, so '--municipality "Ouder Amstel"' means the folder ouder-amstel everywhere.

Municipalities are compared by their slug (``text.slug``: 'Ouder Amstel' and 'ouder-amstel' are one),
years as whole numbers.
"""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from .errors import BegrotingslabError
from .text import slug


def rows(table: pd.DataFrame, municipality: str | None = None, year: int | None = None) -> pd.DataFrame:
    """The rows of ``table`` (documents or editions) of one municipality and/or one year (None: any)."""
    if municipality is not None:
        table = table[table["municipality"] == slug(str(municipality))]
    if year is not None:
        table = table[table["year"] == int(year)]
    return table


def chosen(editions: pd.DataFrame, municipalities: Iterable[str] | None = None, years: Iterable[int] | None = None,
           where: str = "the data folder") -> pd.DataFrame:
    """The editions (``Corpus.editions()``) of the given municipalities and years (None or empty: all).

    A municipality or year with no documents is an error, not an empty selection: a typo builds nothing.
    """
    if municipalities:
        wanted = {slug(str(m)) for m in municipalities}
        known = set(editions["municipality"])
        if wanted - known:
            raise BegrotingslabError(f"no documents for municipality {', '.join(sorted(wanted - known))} in {where} "
                                     f"(known: {', '.join(sorted(known)) or 'none'})")
        editions = editions[editions["municipality"].isin(wanted)]
    if years:
        wanted_years = {int(y) for y in years}
        known_years = {int(y) for y in editions["year"]}
        if wanted_years - known_years:
            raise BegrotingslabError(f"no documents for year {', '.join(map(str, sorted(wanted_years - known_years)))} "
                                     f"(known: {', '.join(map(str, sorted(known_years))) or 'none'})")
        editions = editions[editions["year"].isin(wanted_years)]
    return editions


def pairs(editions: pd.DataFrame) -> list[tuple[str, int]]:
    """The (municipality, year) of each edition."""
    return [(str(row.municipality), int(row.year)) for row in editions.itertuples(index=False)]
