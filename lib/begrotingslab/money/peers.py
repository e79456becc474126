"""Iv3 peers: a municipality's euros per taakveld next to its size class, and its words next to its euros.

Tidy frames in and out (Bron: CBS, Iv3; CC BY 4.0):

- :func:`peer_quartiles` -> per taakveld and measure the quartiles of a group of municipalities (per inhabitant)
- :func:`iv3_peers` -> a municipality's lasten and baten per inhabitant per taakveld against its size class
- :func:`words_and_euros` -> the share of the budget text per taakveld against the share of lasten

The last two carry ``attrs["source"]`` ("Bron: CBS, Iv3") and ``attrs["licence"]`` ("CC BY 4.0") for a caption.
"""
from __future__ import annotations

import pandas as pd

from ..errors import BegrotingslabError
from ..themes.tagging import theme_shares
from ..themes.taxonomy_file import as_taxonomy
from .iv3 import LICENCE, SOURCE, edition_rows, load_iv3, municipality_key

BOOKKEEPING = ("0.10", "0.11")  # mutaties reserves, resultaat: bookkeeping, not policy
GEMEENTEFONDS = "0.7"  # algemene uitkering: baten mostly
MEASURES = ("lasten", "baten")


def _long(rows: pd.DataFrame) -> pd.DataFrame:
    """Iv3 rows as one row per (municipality, taakveld, measure) with the euros per inhabitant."""
    long = rows.melt(id_vars=["municipality_key", "taakveld", "taakveld_name", "inhabitants"],
                     value_vars=list(MEASURES), var_name="measure", value_name="euros")
    long["per_inhabitant"] = long["euros"] / long["inhabitants"]
    return long


def peer_quartiles(rows: pd.DataFrame) -> pd.DataFrame:
    """Per taakveld and measure (lasten, baten): q25, median, q75 of the euros per inhabitant over the municipalities
    of ``rows`` (Iv3 rows of one year and kind, say one size class), and how many there are (``n_peers``).
    Quartiles interpolate linearly between municipalities (pandas' default)."""
    grouped = _long(rows).groupby(["taakveld", "measure"], sort=False)["per_inhabitant"]
    return pd.DataFrame({"q25": grouped.quantile(0.25), "median": grouped.median(), "q75": grouped.quantile(0.75),
                         "n_peers": grouped.size()}).reset_index()


def _cited(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its source and licence in ``attrs``, for the caption of a table or chart that shows it."""
    frame.attrs.update(source=SOURCE, licence=LICENCE)
    return frame


def _position(value: float, q25: float, q75: float) -> str:
    return "below" if value < q25 else "above" if value > q75 else "middle"


def iv3_peers(municipality: str, year: int, kind: str = "begroting", iv3: pd.DataFrame | None = None,
              bookkeeping: bool = False) -> pd.DataFrame:
    """A municipality's lasten and baten per inhabitant per taakveld next to its size class (Bron: CBS, Iv3).

    One row per taakveld and measure (``lasten``, ``baten``): municipality (as CBS writes it), year, kind,
    size_class (CBS gemeentegrootte of that year), inhabitants, taakveld, taakveld_name, measure, euros,
    per_inhabitant, the q25 / median / q75 of the size class (the municipality included), n_peers, rank (1 = the
    most euros per inhabitant in the class) and position (``below`` q25, ``middle``, ``above`` q75).
    ``gemeentefonds`` marks taakveld 0.7 (the algemene uitkering: baten mostly, no policy choice). Taakvelden 0.10
    (mutaties reserves) and 0.11 (resultaat) are bookkeeping and left out unless ``bookkeeping=True``.
    ``municipality`` is any spelling ('Den Haag', "'s-Gravenhage", 'den-haag'); ``iv3`` defaults to the shipped table.
    An unknown municipality, year or kind is a BegrotingslabError.
    """
    iv3 = load_iv3() if iv3 is None else iv3
    own = edition_rows(iv3, municipality, year, kind)
    size_class = own["size_class"].iloc[0]
    peers = iv3[(iv3["year"] == int(year)) & (iv3["kind"] == kind) & (iv3["size_class"] == size_class)]
    if not bookkeeping:
        own, peers = (frame[~frame["taakveld"].isin(BOOKKEEPING)] for frame in (own, peers))
    ranks = _long(peers)
    ranks["rank"] = ranks.groupby(["taakveld", "measure"])["per_inhabitant"].rank(ascending=False, method="min")
    key = own["municipality_key"].iloc[0]
    mine = ranks[ranks["municipality_key"] == key].merge(peer_quartiles(peers), on=["taakveld", "measure"])
    mine["rank"] = mine["rank"].astype("int64")
    mine["position"] = [_position(v, lo, hi) for v, lo, hi in zip(mine["per_inhabitant"], mine["q25"], mine["q75"])]
    mine["gemeentefonds"] = mine["taakveld"] == GEMEENTEFONDS
    mine = mine.assign(municipality=own["municipality"].iloc[0], year=int(year), kind=kind, size_class=size_class)
    order = {code: i for i, code in enumerate(dict.fromkeys(own["taakveld"]))}
    mine = mine.sort_values(["taakveld", "measure"], key=lambda s: s.map(order) if s.name == "taakveld"
                            else s.map({m: i for i, m in enumerate(MEASURES)}))
    return _cited(mine[["municipality", "year", "kind", "size_class", "inhabitants", "taakveld", "taakveld_name",
                        "measure", "euros", "per_inhabitant", "q25", "median", "q75", "n_peers", "rank", "position",
                        "gemeentefonds"]].reset_index(drop=True))


def _pooled(code: str, shared: set[str]) -> str:
    """A taakveld both the taxonomy and that year's Iv3 know, or its chapter pooled ('6.*'): the 2023-2024 Iv3 and
    the taxonomy (2025 classification) split the sociaal domein differently."""
    return code if code in shared else code.split(".")[0] + ".*"


def words_and_euros(tagged_sentences: pd.DataFrame, municipality: str, year: int, kind: str = "begroting",
                    iv3: pd.DataFrame | None = None, taxonomy=None, bookkeeping: bool = False) -> pd.DataFrame:
    """Words and euros: the share of the budget text per taakveld against the share of lasten (Bron: CBS, Iv3).

    ``tagged_sentences`` is :func:`~begrotingslab.themes.tagging.tag_sentences` output; rows of other
    municipalities or years (when it has those columns) are left out, and none left is an error. One row per
    taakveld: taakveld, taakveld_name, sentences (tagged with it; a sentence with two taakvelden counts for both),
    text_share (of all taakveld tags, so the shares add up to 1 over the taakvelden with text; 0 everywhere when no
    sentence has a taakveld), lasten (euros), lasten_share (of the lasten of all taakvelden) and difference
    (text_share - lasten_share). A taakveld that the taxonomy or that year's Iv3 lacks (2023-2024 split the sociaal
    domein differently from the taxonomy's 2025 classification) is pooled into its chapter, e.g. '6.*'. Taakvelden
    0.10 and 0.11 (bookkeeping) are left out unless ``bookkeeping=True``.
    """
    iv3 = load_iv3() if iv3 is None else iv3
    rows = edition_rows(iv3, municipality, year, kind)
    tax = as_taxonomy(taxonomy)
    text = tagged_sentences
    if "municipality" in text.columns:
        key = municipality_key(municipality)
        ours = {m for m in text["municipality"].dropna().unique() if municipality_key(m) == key}
        text = text[text["municipality"].isin(ours)]
    if "year" in text.columns:
        text = text[text["year"] == int(year)]
    if text.empty:
        raise BegrotingslabError(f"no sentences of {municipality} {year} among the tagged sentences")
    shares = theme_shares(text, tax, layer="taakveld")[["theme", "label", "sentences"]]
    shares = shares.rename(columns={"theme": "taakveld", "label": "taakveld_name"})
    shared = set(tax.ids("taakveld")) & set(rows["taakveld"])
    euros = rows[["taakveld", "taakveld_name", "lasten"]].assign(sentences=0)
    both = pd.concat([euros, shares.assign(lasten=0.0)], ignore_index=True)
    if not bookkeeping:
        both = both[~both["taakveld"].isin(BOOKKEEPING)]
    both["key"] = both["taakveld"].map(lambda code: _pooled(code, shared))
    names = both.drop_duplicates("key").set_index("key")["taakveld_name"]
    out = both.groupby("key", sort=False)[["sentences", "lasten"]].sum()
    out["taakveld_name"] = [names[k] if not k.endswith("*") else f"hoofdstuk {k[:-2]}, overige taakvelden"
                            for k in out.index]
    tagged, spent = out["sentences"].sum(), out["lasten"].sum()
    out["text_share"] = out["sentences"] / tagged if tagged else 0.0
    if not spent:
        raise BegrotingslabError(f"Iv3 {kind} {year} of {municipality}: no lasten to share")
    out["lasten_share"] = out["lasten"] / spent
    out["difference"] = out["text_share"] - out["lasten_share"]
    out = out.reset_index().rename(columns={"key": "taakveld"})
    out["sentences"] = out["sentences"].astype("int64")
    return _cited(out[["taakveld", "taakveld_name", "sentences", "text_share", "lasten", "lasten_share", "difference"]])
