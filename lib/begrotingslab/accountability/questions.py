"""Questions for the debate: promises of last year's begroting, due by last year, that the jaarstukken over that
year do not report on (status ``niet_genoemd``)."""
from __future__ import annotations

import pandas as pd

from .match import accountability, available

COLUMNS = ["promise_id", "programme", "text", "deadline"]


def unreported_due(corpus, municipality: str, year: int) -> pd.DataFrame | None:
    """The promises of the begroting of ``year`` with a deadline in or before ``year`` that its jaarstukken do not
    mention; None when that year has no begroting or no jaarstukken (nothing to check)."""
    have = available(corpus, municipality, year)
    if not (have["programmabegroting"] and have["jaarstukken"]):
        return None
    result = accountability(corpus, municipality, year)
    due = result[(result["status"] == "niet_genoemd") & result["deadline"].notna()
                 & (result["deadline"].fillna(0).astype(int) <= int(year))]
    return due[COLUMNS].reset_index(drop=True)
