"""The money tables of a parsed document as one tidy table: one row per amount.

A table paragraph's rows are split into header rows (labels and bare years) and data rows (a label, then the
amounts). Rows copied from web editions are ragged: empty cells are dropped at the label side, so amounts are
aligned from the right; a surplus of empty cells is dropped. A table is a money table when its unit or its
rows and columns speak of money (lasten, baten, saldo, reserves); a table of fte or of indicators is not.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from . import headers as h
from .numbers import (is_bare_run, is_direction, is_empty, is_garbled, is_grouped, is_share, is_value_cell,
                      is_year, parse_amount)

AMOUNT_COLUMNS = ["doc_id", "table", "programme", "title", "row", "kind", "total", "column", "year", "column_kind",
                  "value", "unit", "euros"]
TABLE_COLUMNS = ["doc_id", "table", "programme", "title", "unit", "consistent"]


@dataclass
class Row:
    """One data row: its label, what its label says, and its cells over the amount columns."""
    label: str
    kind: str | None
    total: bool
    cells: list[str]


@dataclass
class MoneyTable:
    programme: str | None
    title: str | None
    unit: int | None
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    subject: str | None = None  # the kind the table's heading names, for rows and columns that name none
    garbled: bool = False  # some rows had cells run together: their amounts are left out, the table is flagged


def split_row(cells: list[str]) -> tuple[list[str], list[str]]:
    """(label cells, amount cells): the amounts are the longest run of value cells at the end that starts
    with an amount or an empty cell ('420 | Onderwijshuisvesting | L | 1.628 | ...': the code is a label)."""
    start = len(cells)
    while start > 0 and is_value_cell(cells[start - 1]):
        start -= 1
    while start < len(cells) and (is_direction(cells[start]) or is_share(cells[start])):
        start += 1
    return cells[:start], cells[start:]


def is_header_row(cells: list[str]) -> bool:
    """Labels and bare years only: no amount, and no digits run together (a garbled data row)."""
    return not any((parse_amount(c) is not None and not is_year(c)) or is_garbled(c) for c in cells)


def fit(values: list[str], n: int) -> list[str]:
    """A row's amount cells over ``n`` columns: short rows lost cells at the label side, long ones hold a
    surplus of empty cells (one '-' too many), which are dropped from the end of the empties."""
    while len(values) > n and any(is_empty(v) for v in values):
        last_empty = max(i for i, v in enumerate(values) if is_empty(v))
        values = values[:last_empty] + values[last_empty + 1:]
    return [""] * (n - len(values)) + values[-n:] if len(values) < n else values[:n]


def row_label(label_cells: list[str], previous: str) -> tuple[str, str | None]:
    """(the row's label, a lasten/baten marker cell): an empty label continues the row above (an L/B pair)."""
    marker = next((c for c in label_cells if h.row_kind(c) and c.strip().lower() in ("l", "b")), None)
    words = [c.strip() for c in label_cells if c.strip() and c is not marker and not is_share(c)]
    return (" ".join(words) or previous), (h.row_kind(marker) if marker else None)


def garbled(values: list[str], grouped: bool) -> bool:
    """Cells run together: digits that are not one amount, or a bare run of digits where the table groups
    its thousands."""
    return any(is_garbled(v) or (grouped and is_bare_run(v)) for v in values)


def read_rows(rows: list[list[str]]) -> tuple[list[list[str]], list[Row], bool]:
    """(header rows, data rows, whether rows were left out as garbled) of a table; data rows that hold no
    amount (a group title) are left out."""
    cut = 0
    while cut < len(rows) and is_header_row(rows[cut]):
        cut += 1
    split = [split_row(r) for r in rows[cut:]]
    grouped = any(is_grouped(c) for row in rows for c in row)
    sizes = Counter(len(values) for labels, values in split if values and not garbled(labels + values, grouped))
    n = sizes.most_common(1)[0][0] if sizes else 0
    data, previous, left_out = [], "", False
    for label_cells, values in split:
        label, marker = row_label(label_cells, previous)
        previous = label
        if garbled(label_cells + values, grouped):
            left_out = True
            continue
        if not values or all(is_empty(v) for v in values):
            continue
        kind = marker or h.row_kind(label)
        data.append(Row(label, kind, h.is_total(label), fit(values, n)))
    return rows[:cut], inherit_kinds(data), left_out


def inherit_kinds(rows: list[Row]) -> list[Row]:
    """Detail rows that name no kind take the kind of the lasten or baten total they add up to."""
    pending = []
    for row in rows:
        if not row.total:
            pending += [row] if row.kind is None else []
            continue
        for detail in pending if row.kind in ("lasten", "baten") else []:
            detail.kind = row.kind
        pending = []
    return rows


def column_labels(header_rows: list[list[str]], n: int) -> list[str]:
    """One label per amount column: the header rows' labels over it, top to bottom."""
    spread = [h.header_labels(row, n) for row in header_rows]
    return [" ".join(p for p in parts if p) for parts in zip(*spread)] if spread else [""] * n


def is_money(header_rows: list[list[str]], rows: list[Row], unit: int | None,
             section_kind: str | None = None) -> bool:
    """A stated unit, or amounts whose rows or columns name money; never a table of indicators."""
    if not rows or h.is_indicator_table(header_rows, section_kind):
        return False
    named = any(r.kind for r in rows) or any(h.column_amount_kind(" ".join(c)) for c in header_rows)
    return unit is not None or named


def read_table(cells: list[list[str]], captions: list[str], programme: str | None,
               title: str | None, heading: str | None = None,
               section_kind: str | None = None) -> MoneyTable | None:
    """A MoneyTable from a table's cells and the captions and heading around it, or None when it holds no
    money (or holds indicators: ``section_kind`` 'indicatoren' is one sign of that)."""
    header_rows, rows, left_out = read_rows(cells)
    unit = h.unit_of([c for row in header_rows for c in row[:1]] + [r.label for r in rows[:1]] + captions)
    if not is_money(header_rows, rows, unit, section_kind):
        return None
    n = len(rows[0].cells)
    subject = h.subject_kind([heading, title, *captions])
    return MoneyTable(programme, title, unit, column_labels(header_rows, n), rows, subject, left_out)


def amounts(table: MoneyTable, edition_year: int | None) -> list[dict]:
    """One dict per amount of the table (no dict for an empty cell, a V/N cell or a share). A column
    without a header is a transposed table's: its rows name the column kind ('Begroot', 'Begroting na
    wijziging') and the heading the kind ('Lasten')."""
    out = []
    for row_seq, row in enumerate(table.rows):
        for col_seq, (label, cell) in enumerate(zip(table.columns, row.cells)):
            value = parse_amount(cell)
            if value is None:
                continue
            about = label or row.label
            kind = h.cell_kind(row.kind, h.column_amount_kind(label))
            out.append({"row": row.label, "kind": table.subject if kind == "other" and table.subject else kind,
                        "total": row.total, "reserve_row": h.is_reserve_row(row.label), "column": label,
                        "year": h.column_year(about), "column_kind": h.column_kind(about, edition_year),
                        "value": value, "row_seq": row_seq, "col_seq": col_seq})
    return net_when_signed(out)


def net_when_signed(rows: list[dict]) -> list[dict]:
    """A table that names no kind anywhere (no lasten, baten or saldo in its heading, rows or columns) but
    prints negative amounts in its year columns shows one net figure per row: the saldo, nadeel negative.
    Lasten printed negative only ever appear beside a column or row that says lasten."""
    signed = any(r["value"] < 0 for r in rows if r["column_kind"] != "other")
    if signed and rows and all(r["kind"] == "other" for r in rows):
        for row in rows:
            row["kind"] = "saldo"
    return rows


def with_euros(rows: list[dict], unit: int | None) -> list[dict]:
    """Euros per amount: value x unit, lasten (and toevoegingen) positive, baten (and onttrekkingen) positive
    when the table prints them negative; None when the unit is unknown."""
    flip = {kind: negative_side(rows, kind) for kind in ("lasten", "baten")}
    side = {"lasten": "lasten", "toevoeging_reserve": "lasten", "baten": "baten", "onttrekking_reserve": "baten"}
    for row in rows:
        sign = -1 if flip.get(side.get(row["kind"], ""), False) else 1
        row["unit"] = unit
        row["euros"] = None if unit is None else sign * row["value"] * unit + 0.0  # never -0.0
    return rows


def negative_side(rows: list[dict], kind: str) -> bool:
    """Whether a table prints its ``kind`` (lasten or baten) as negative numbers, in the columns of one year."""
    values = [r["value"] for r in rows if r["kind"] == kind and r["value"] and r["column_kind"] != "other"]
    return bool(values) and sum(v < 0 for v in values) > len(values) / 2
