"""Each programme linked to its money, and the changes in lasten a reader should find explained.

- :func:`table_money` -> per money table and column the lasten, baten and saldo (a total row, else the sum of its
  detail rows);
- :func:`programme_money` -> per programme and column: the tables of a programme together, a table that repeats
  another (a summary above its breakdown) counted once;
- :func:`lasten_changes` -> the change in lasten from one column to the next, with the sentence of the programme
  that explains it (words like toename, daling, hogere lasten, extra middelen, or an amount), if any;
- :func:`money_flags` -> a change of more than 10% that no sentence of its programme explains.

Amounts are in the table's unit (``value``) and in euros when the unit is known (``euros``). Lasten and baten are
positive, whatever sign the edition prints; saldo is baten minus lasten (negative: more lasten than baten).
"""
from __future__ import annotations

import re

import pandas as pd

from .links import FLAG_COLUMNS

MEASURES = ("lasten", "baten", "saldo")
COLUMN_ORDER = {"realisatie": 0, "begroting": 1, "begroting_na_wijziging": 2, "raming": 3}
MONEY_COLUMNS = ["doc_id", "programme", "column", "year", "column_kind", "measure", "value", "unit", "euros",
                 "tables"]
CHANGE_COLUMNS = ["doc_id", "programme", "from_column", "to_column", "from_year", "to_year", "from_value",
                  "to_value", "unit", "change", "explained", "explanation", "explanation_words"]
MEASURE_IN_LABEL = r"(?i)\b(?:baten|lasten|saldo)\b"
THRESHOLD = 0.10  # a change in lasten above this share asks for an explanation

CHANGE_WORDS = re.compile(
    r"\b(?:toename|toenemen|toegenomen|neemt\s+toe|nemen\s+toe|afname|afnemen|afgenomen|neemt\s+af|nemen\s+af|"
    r"stijging|stijgen|stijgt|gestegen|daling|dalen|daalt|gedaald|hoger\w*|lager\w*|verhog\w*|verlag\w*|"
    r"extra|minder|meer|groei\w*|verschil\w*|afwijking\w*|voordeel|voordelig\w*|nadeel|nadelig\w*|"
    r"incidente\w*|bezuinig\w*|besparing\w*|ombuiging\w*|intensiver\w*|verschuiving\w*|overhevel\w*|"
    r"wegvallen|vervall\w*|vervalt)\b", re.I)
MONEY_WORDS = re.compile(
    r"€|\beuro\b|\b(?:lasten|kosten|budget\w*|middelen|uitgaven|baten|inkomsten|opbrengst\w*|bijdrage\w*|"
    r"subsidie\w*|investering\w*|kapitaallasten|afschrijving\w*|raming\w*|geraamd|begroting|begroot|"
    r"uitkering\w*|bedrag\w*|loonkosten|formatie|tarie\w*|leges)\b", re.I)
AMOUNT = re.compile(r"€\s*-?\d[\d.,]*|\b\d+(?:[.,]\d+)*\s*(?:mln|miljoen|duizend)\b", re.I)


def _positive(amounts: pd.DataFrame) -> pd.Series:
    """Each amount in its table's unit with lasten and baten positive (as ``euros`` has them, or, without a unit,
    flipped when the table prints most of that kind negative)."""
    value = amounts["value"].astype(float)
    known = amounts["euros"].notna() & amounts["unit"].notna()
    out = value.where(~known, amounts["euros"].astype(float) / amounts["unit"].astype(float))
    for (table, kind), part in amounts[~known & amounts["kind"].isin(["lasten", "baten"])].groupby(["table", "kind"]):
        if (part["value"] < 0).sum() > len(part) / 2:
            out[part.index] = -part["value"]
    return out


def _column_key(year, column_kind: str, column: str) -> tuple:
    return (int(year), column_kind, "") if pd.notna(year) else (None, column_kind, str(column))


def table_money(amounts: pd.DataFrame) -> pd.DataFrame:
    """Per money table and column (realisatie, begroting, begroting na wijziging, raming; no verschil columns):
    lasten and baten (the first total row of that kind, else the sum of the detail rows) and saldo (baten minus
    lasten; in a table of saldi only, as printed: the readers give a net amount per row, nadeel negative). One row per (table, column, measure): doc_id, programme, table, title, column, year, column_kind,
    measure, value (the table's unit), unit, euros."""
    columns = ["doc_id", "programme", "table", "title", "column", "year", "column_kind", "measure", "value",
               "unit", "euros"]
    if amounts.empty:
        return pd.DataFrame(columns=columns)
    data = amounts[amounts["column_kind"] != "other"].copy()
    data["amount"] = _positive(data) if not data.empty else []
    # a transposed table has no column labels: its rows name the column ('Begroot', 'Begroting na wijziging')
    data["column"] = data["column"].where(data["column"].fillna("").astype(str).str.strip() != "", data["row"])
    # 'Begroting 2020 baten | lasten | saldo' is one column group: the measure is the amount's kind
    data["column"] = data["column"].astype(str).str.replace(MEASURE_IN_LABEL, " ", regex=True).str.split().str.join(" ")
    rows = []
    for (doc_id, table, column, _), part in data.groupby(["doc_id", "table", "column", "column_kind"], sort=False,
                                                         dropna=False):
        first = part.iloc[0]
        found = {}
        for kind in ("lasten", "baten"):
            own = part[part["kind"] == kind]
            totals = own[own["total"].fillna(False).astype(bool)]
            if not totals.empty:
                found[kind] = float(totals["amount"].iloc[0])
            elif not own.empty:
                found[kind] = float(own["amount"].sum())
        if "lasten" in found and "baten" in found:
            found["saldo"] = found["baten"] - found["lasten"]
        elif not found and (part["kind"] == "saldo").any():  # a table of saldi only (per product): as printed
            own = part[part["kind"] == "saldo"]
            totals = own[own["total"].fillna(False).astype(bool)]
            found["saldo"] = float(totals["amount"].iloc[0]) if not totals.empty else float(own["amount"].sum())
        unit = first["unit"]
        for measure, value in found.items():
            rows.append({"doc_id": doc_id, "programme": first["programme"], "table": int(table),
                         "title": first["title"], "column": column, "year": first["year"],
                         "column_kind": first["column_kind"], "measure": measure, "value": value, "unit": unit,
                         "euros": value * unit if pd.notna(unit) else None})
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({"table": "Int64", "year": "Int64", "unit": "Int64", "value": "float64", "euros": "float64"})


def combined(values: list[float]) -> float:
    """The programme's amount from its tables' amounts: a table that repeats another counts once, a table that is
    the sum of the others (a summary above its breakdown) stands for them, else they add up (a table per
    taakveld)."""
    unique: list[float] = []
    for v in values:
        if not any(abs(v - u) <= max(1.0, 0.005 * abs(u)) for u in unique):
            unique.append(v)
    if len(unique) > 2:
        biggest = max(unique, key=abs)
        rest = sum(unique) - biggest
        if abs(biggest - rest) <= max(1.0, 0.005 * abs(biggest)):
            return biggest
    return sum(unique)


def combined_parts(part: pd.DataFrame) -> float:
    """The amount of tables that are all of parts of the programme (one per sub-programme: they add up) or of the
    whole programme (:func:`combined`)."""
    if part["_part"].all():
        return float(part.groupby("title", sort=False)["value"].first().sum())
    return combined(part["value"].tolist())


def programme_money(amounts: pd.DataFrame, subprogrammes=None) -> pd.DataFrame:
    """Per programme and column its lasten, baten and saldo (tidy: one row per measure), the tables of one unit
    combined, columns in the order of their year and kind (else as printed). ``subprogrammes``, (doc_id, name)
    pairs of the corpus's sections, tells a table of a part (titled by its sub-programme) from one of the whole
    programme: when a programme has both, the whole one counts; parts alone add up; without it :func:`combined`
    decides. Columns: doc_id, programme, column, year, column_kind, measure, value, unit, euros, tables (how many
    tables)."""
    per_table = table_money(amounts)
    if per_table.empty:
        return pd.DataFrame(columns=MONEY_COLUMNS)
    if subprogrammes is not None:
        parts = {(d, str(n)) for d, n in subprogrammes if isinstance(n, str)}
        per_table["_part"] = [(d, str(t)) in parts for d, t in zip(per_table["doc_id"], per_table["title"])]
        whole = per_table.groupby(["doc_id", per_table["programme"].fillna("")])["_part"].transform(
            lambda p: (~p).any())
        per_table = per_table[~(per_table["_part"] & whole)]
    per_table["_key"] = [_column_key(y, k, c) for y, k, c in
                         zip(per_table["year"], per_table["column_kind"], per_table["column"])]
    per_table["_programme"] = per_table["programme"].astype(object).where(per_table["programme"].notna(), "")
    rows = []
    groups = per_table.groupby(["doc_id", "_programme", "_key", "measure", "unit"], sort=False, dropna=False)
    for (doc_id, _, key, measure, unit), part in groups:
        value = combined(part["value"].tolist()) if subprogrammes is None else combined_parts(part)
        rows.append({"doc_id": doc_id, "programme": part["programme"].iloc[0], "column": part["column"].iloc[0],
                     "year": key[0], "column_kind": key[1], "measure": measure, "value": value, "unit": unit,
                     "euros": value * unit if pd.notna(unit) else None, "tables": part["table"].nunique()})
    out = pd.DataFrame(rows, columns=MONEY_COLUMNS)
    return ordered(out.astype({"year": "Int64", "unit": "Int64", "value": "float64", "euros": "float64",
                               "tables": "int64"}))


def ordered(money: pd.DataFrame) -> pd.DataFrame:
    """Per document and programme its columns by year and kind (realisatie, begroting, na wijziging, raming), or as
    printed when a column has no year."""
    if money.empty:
        return money
    out = []
    for _, part in money.groupby(["doc_id", money["programme"].fillna("")], sort=False):
        if part["year"].notna().all():
            part = part.assign(_kind=part["column_kind"].map(COLUMN_ORDER).fillna(9)).sort_values(
                ["year", "_kind"], kind="stable").drop(columns="_kind")
        out.append(part)
    return pd.concat(out, ignore_index=True)


def explanations(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences that explain a change in money: a change word (toename, daling, hogere, extra, verschil ...)
    together with a money word (lasten, budget, middelen ...) or an amount ('€ 50.000'). Columns: doc_id,
    programme, sentence_id, text, words (what matched)."""
    columns = ["doc_id", "programme", "sentence_id", "text", "words"]
    if sentences.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for row in sentences[["doc_id", "programme", "sentence_id", "text"]].itertuples(index=False):
        text = str(row.text)
        change = CHANGE_WORDS.findall(text)
        money = MONEY_WORDS.findall(text) + AMOUNT.findall(text)
        if change and money:
            words = list(dict.fromkeys(w.lower() for w in change + money))
            rows.append({"doc_id": row.doc_id, "programme": row.programme, "sentence_id": row.sentence_id,
                         "text": text, "words": ", ".join(words)})
    return pd.DataFrame(rows, columns=columns)


def lasten_changes(money: pd.DataFrame, sentences: pd.DataFrame | None = None,
                   threshold: float = THRESHOLD) -> pd.DataFrame:
    """The change in lasten from each column to the next (in the order the document prints them, verschil columns
    left out) per programme, with the first sentence of the programme that explains a change (:func:`explanations`).
    Columns: doc_id, programme, from_column, to_column, from_year, to_year, from_value, to_value, unit, change (a
    share: 0.12 is 12% more), explained, explanation, explanation_words. Only changes above ``threshold`` look
    for an explanation (``explained`` is <NA> for the others)."""
    lasten = money[money["measure"] == "lasten"] if not money.empty else money
    if lasten.empty:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    found = explanations(sentences) if sentences is not None else pd.DataFrame(columns=["doc_id", "programme"])
    found["_programme"] = found["programme"].astype(object).where(found["programme"].notna(), "")
    rows = []
    keyed = lasten.assign(_programme=lasten["programme"].astype(object).where(lasten["programme"].notna(), ""))
    for (doc_id, programme, unit), part in keyed.groupby(["doc_id", "_programme", "unit"], sort=False, dropna=False):
        records = part.to_dict("records")
        for before, after in zip(records, records[1:]):
            if not before["value"]:
                continue
            change = (after["value"] - before["value"]) / abs(before["value"])
            row = {"doc_id": doc_id, "programme": before["programme"], "from_column": before["column"],
                   "to_column": after["column"], "from_year": before["year"], "to_year": after["year"],
                   "from_value": before["value"], "to_value": after["value"], "unit": unit, "change": change,
                   "explained": pd.NA, "explanation": None, "explanation_words": None}
            if abs(change) > threshold:
                mine = found[(found["doc_id"] == doc_id) & (found["_programme"] == programme)]
                row["explained"] = not mine.empty
                if not mine.empty:
                    row["explanation"], row["explanation_words"] = mine["text"].iloc[0], mine["words"].iloc[0]
            rows.append(row)
    out = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    return out.astype({"from_year": "Int64", "to_year": "Int64", "unit": "Int64", "from_value": "float64",
                       "to_value": "float64", "change": "float64", "explained": "boolean"})


def money_flags(changes: pd.DataFrame) -> pd.DataFrame:
    """``lasten_change_unexplained``: a change in lasten above the threshold that no sentence of the programme
    explains. Columns as :func:`~begrotingslab.money.links.goal_flags`."""
    rows = []
    if not changes.empty:
        for c in changes[changes["explained"].eq(False).fillna(False)].to_dict("records"):
            direction = "stijgen" if c["change"] > 0 else "dalen"
            rows.append({"doc_id": c["doc_id"], "programme": c["programme"], "flag": "lasten_change_unexplained",
                         "subject": f"{c['from_column']} → {c['to_column']}",
                         "detail": f"de lasten {direction} {abs(c['change']) * 100:.0f}% en geen zin van het "
                                   f"programma licht dat toe",
                         "evidence": f"{c['from_value']:,.0f} → {c['to_value']:,.0f}".replace(",", ".")})
    return pd.DataFrame(rows, columns=FLAG_COLUMNS)
