"""The money report's tables as readers see them: Dutch headers (present.py), one row per thing a reader looks
for, numbers as numbers (the page right-aligns and sorts them), nothing missing shown as 'nan'.

Each ``*_view`` takes a frame of :func:`~begrotingslab.money.money_report` (or of the Iv3 functions) and returns
the table for ``present.table``; :func:`iv3_edition` picks the Iv3 year for an edition and says in Dutch why
there is none.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import paths
from ..errors import BegrotingslabError
from ..present import (COLUMN_KIND_LABELS, FLAG_LABELS, MEASURE_LABELS, POSITION_LABELS, VALUE_KIND_LABELS, esc,
                       programme_name)
from .iv3 import LICENCE, SOURCE, edition_rows, load_iv3

THOUSAND = 1000


def _thousands(row) -> float | None:
    """An amount in thousands of euros (rounded), or as printed when the unit is unknown."""
    if pd.notna(row["euros"]):
        return round(float(row["euros"]) / THOUSAND)
    return round(float(row["value"])) if pd.notna(row["value"]) else None


def column_label(column, year, kind) -> str:
    """A column as the report heads it: its label as printed, else its kind and year."""
    if isinstance(column, str) and column.strip():
        return column.strip()
    return f"{COLUMN_KIND_LABELS.get(kind, kind)} {'' if pd.isna(year) else int(year)}".strip().capitalize()


def money_view(money: pd.DataFrame) -> pd.DataFrame:
    """Per programme and measure (lasten, baten, saldo) one row, a column per column of the document (in its order),
    amounts in thousands of euros ('x € 1.000'); a programme whose unit the document does not print says so in
    *Eenheid*."""
    if money.empty:
        return pd.DataFrame()
    data = money.assign(_label=[column_label(c, y, k) for c, y, k in
                                zip(money["column"], money["year"], money["column_kind"])],
                        _amount=money.apply(_thousands, axis=1),
                        _programme=money["programme"].map(programme_name),
                        _measure=money["measure"].map(MEASURE_LABELS))
    order = list(dict.fromkeys(data["_label"]))
    wide = data.pivot_table(index=["_programme", "_measure", "unit"], columns="_label", values="_amount",
                            aggfunc="first", sort=False, dropna=False).reset_index()
    wide["unit"] = wide["unit"].map(lambda u: "x € 1.000" if pd.notna(u) else "onbekend (zoals gedrukt)")
    wide = wide.rename(columns={"_programme": "Programma", "_measure": "Soort bedrag", "unit": "Eenheid"})
    wide.columns.name = None
    keep = ["Programma", "Soort bedrag", "Eenheid"] + [c for c in order if c in wide.columns]
    return wide[keep]


def changes_view(changes: pd.DataFrame) -> pd.DataFrame:
    """The changes in lasten above the threshold, with the sentence that explains each (or a dash)."""
    big = changes[changes["explained"].notna()] if not changes.empty else changes
    if big.empty:
        return pd.DataFrame()
    return pd.DataFrame({
        "Programma": big["programme"].map(programme_name), "Van": big["from_column"], "Naar": big["to_column"],
        "Verandering": [f"{c * 100:+.0f}%" for c in big["change"]],
        "Toegelicht": big["explained"].map({True: "ja", False: "nee"}),
        "Zin die het toelicht": big["explanation"].fillna(""), "Woorden": big["explanation_words"].fillna("")})


def previous_view(previous: pd.DataFrame) -> pd.DataFrame:
    """Lasten per programme in this begroting beside last year's (x € 1.000 when both are in euros)."""
    if previous.empty:
        return pd.DataFrame()
    scale = [THOUSAND if pd.notna(u) else 1 for u in previous["unit"]]
    year, before = int(previous["year"].iloc[0]), int(previous["previous_year"].iloc[0])
    return pd.DataFrame({
        "Programma": previous["programme"].map(programme_name),
        f"Begroting {before} (vorig jaar)": [round(v / s) for v, s in zip(previous["previous"], scale)],
        f"Begroting {year} (dit jaar)": [round(v / s) for v, s in zip(previous["current"], scale)],
        "Verandering": [("–" if pd.isna(c) else f"{c * 100:+.0f}%") for c in previous["change"]],
        "Eenheid": ["x € 1.000" if pd.notna(u) else "onbekend (zoals gedrukt)" for u in previous["unit"]]})


def indicators_view(indicators: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """Per indicator one row: programme, name, unit, its values by kind and year ('Streefwaarde 2022'), source and
    whether the BBV prescribes it; a value printed as words or a range stays as printed, a comparison keeps its sign
    ('< 1,8')."""
    if indicators.empty:
        return pd.DataFrame()
    vals = values.copy()
    vals["_label"] = [f"{VALUE_KIND_LABELS.get(k, k)} {'' if pd.isna(y) else int(y)}".strip()
                      for k, y in zip(vals["kind"], vals["year"])]
    vals["_shown"] = [_value_text(v, t, c) for v, t, c in zip(vals["value"], vals["text"], vals["comparison"])]
    wide = vals.pivot_table(index="indicator", columns="_label", values="_shown", aggfunc="first", sort=False)
    base = pd.DataFrame({"indicator": indicators["indicator"],
                         "Programma": indicators["programme"].map(programme_name), "Indicator": indicators["name"],
                         "Eenheid": indicators["unit"].fillna(""), "Bron": indicators["source"].fillna(""),
                         "Verplicht (BBV)": indicators["bbv"].map({True: "ja", False: ""}).fillna("")})
    out = base.merge(wide, left_on="indicator", right_index=True, how="left").drop(columns="indicator")
    labels = [c for c in wide.columns]
    return out[["Programma", "Indicator", "Eenheid", *labels, "Bron", "Verplicht (BBV)"]].fillna("")


def _value_text(value, text, comparison) -> str:
    if pd.notna(value):
        shown = f"{value:g}".replace(".", ",")
    else:
        shown = "" if text is None or (not isinstance(text, str) and pd.isna(text)) else str(text)
    return f"{comparison} {shown}" if isinstance(comparison, str) and comparison else shown


def links_view(links: pd.DataFrame) -> pd.DataFrame:
    """Each link: the goal, the indicator, how much they share and which words."""
    if links.empty:
        return pd.DataFrame()
    return pd.DataFrame({"Programma": links["programme"].map(programme_name), "Doel": links["goal"],
                         "Indicator": links["name"], "Gelijkenis (0-1)": links["similarity"].round(2),
                         "Gedeelde woorden": links["words"],
                         "Streefwaarde": links["has_target"].map({True: "ja", False: "nee"}).fillna("nee")})


def flags_view(flags: pd.DataFrame) -> pd.DataFrame:
    """Each flag with its Dutch name, what it is about and why."""
    if flags.empty:
        return pd.DataFrame()
    return pd.DataFrame({"Programma": flags["programme"].map(programme_name),
                         "Signaal": flags["flag"].map(FLAG_LABELS).fillna(flags["flag"]),
                         "Waarover": flags["subject"].fillna(""), "Toelichting": flags["detail"].fillna(""),
                         "Bewijs": flags["evidence"].fillna("")})


def flag_counts(flags: pd.DataFrame) -> pd.DataFrame:
    """How many flags of each kind (all kinds listed, also with 0)."""
    counts = flags["flag"].value_counts() if not flags.empty else pd.Series(dtype=int)
    return pd.DataFrame({"Signaal": list(FLAG_LABELS.values()),
                         "Aantal": [int(counts.get(k, 0)) for k in FLAG_LABELS]})


def iv3_edition(municipality: str, year: int, data_dir: str | Path | None = None,
                kind: str = "begroting") -> tuple[pd.DataFrame | None, int | None, str]:
    """(the Iv3 table, the Iv3 year to use, a Dutch note): the edition's own year when Iv3 has it, else the nearest
    year Iv3 has; (None, None, why not) when the municipality is not in Iv3. The data folder's
    ``external/iv3`` table when it has one, else the one the project ships."""
    try:
        own = paths.iv3_file(data_dir)
        iv3 = load_iv3(data_dir if own.is_file() else None)
    except BegrotingslabError:
        return None, None, "De Iv3-gegevens van het CBS ontbreken in deze installatie; er is geen vergelijking."
    years = sorted({int(y) for y in iv3.loc[iv3["kind"] == kind, "year"]})
    chosen = year if year in years else min(years, key=lambda y: (abs(y - year), -y))
    try:
        edition_rows(iv3, municipality, chosen, kind)
    except BegrotingslabError:
        return None, None, (f"Deze gemeente staat niet in de Iv3-gegevens van het CBS (begrotingen "
                            f"{years[0]}-{years[-1]}); er is geen vergelijking met andere gemeenten.")
    note = "" if chosen == year else (f"Iv3 heeft geen begroting {year}; de vergelijking gebruikt de begroting "
                                      f"{chosen}, het dichtstbijzijnde jaar.")
    return iv3, chosen, note


def amounts_view(amounts: pd.DataFrame) -> pd.DataFrame:
    """The amounts as printed, for tables that give no lasten, baten or saldo per year (only differences, say)."""
    return pd.DataFrame({"Programma": amounts["programme"], "Tabel": amounts["title"], "Regel": amounts["row"],
                         "Kolom": amounts["column"], "Bedrag (zoals gedrukt)": amounts["value"]})


def peers_line(peers: pd.DataFrame, year: int) -> str:
    """One Dutch line on who the municipality is compared with: inhabitants, size class, how many peers."""
    first = peers.iloc[0]
    size = str(first["size_class"]).replace("tot", " tot ").replace("inwoners", " inwoners")
    inhabitants = f"{int(first['inhabitants']):,}".replace(",", ".")
    return (f"{esc(first['municipality'])}, begroting {year}: {inhabitants} inwoners; grootteklasse {esc(size)} "
            f"({int(first['n_peers'])} gemeenten).")


def iv3_view(peers: pd.DataFrame, measure: str = "lasten") -> pd.DataFrame:
    """Per taakveld the municipality's euros per inhabitant beside the quartiles of its size class."""
    rows = peers[peers["measure"] == measure]
    return pd.DataFrame({"Taakveld": rows["taakveld"], "Naam": rows["taakveld_name"],
                         "Per inwoner (€)": rows["per_inhabitant"].round(0), "Kwartiel 1 (€)": rows["q25"].round(0),
                         "Mediaan (€)": rows["median"].round(0), "Kwartiel 3 (€)": rows["q75"].round(0),
                         "Positie": rows["position"].map(POSITION_LABELS),
                         "Rang": [f"{r} van {n}" for r, n in zip(rows["rank"], rows["n_peers"])]})


def iv3_chart_frame(peers: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The ``n`` taakvelden with the most lasten per inhabitant (gemeentefonds left out), as plots.peer_ranges
    wants them: label in the index, value, q25, median, q75."""
    rows = peers[(peers["measure"] == "lasten") & ~peers["gemeentefonds"]]
    rows = rows.sort_values("per_inhabitant", ascending=False).head(n)
    return pd.DataFrame({"value": rows["per_inhabitant"].to_numpy(), "q25": rows["q25"].to_numpy(),
                         "median": rows["median"].to_numpy(), "q75": rows["q75"].to_numpy()},
                        index=[f"{t} {name}" for t, name in zip(rows["taakveld"], rows["taakveld_name"])])


def words_view(words: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """Words and euros: the taakvelden with the biggest difference between their share of the text and of the
    lasten, shares as Dutch percentages."""
    top = words.reindex(words["difference"].abs().sort_values(ascending=False).index).head(n)
    pct = lambda v: f"{v * 100:.0f}%"  # noqa: E731
    return pd.DataFrame({"Taakveld": top["taakveld"], "Naam": top["taakveld_name"], "Zinnen": top["sentences"],
                         "Aandeel tekst": top["text_share"].map(pct), "Aandeel lasten": top["lasten_share"].map(pct),
                         "Verschil (punten)": (top["difference"] * 100).round(0)})


CAPTION = f"{SOURCE} (licentie {LICENCE})."
