"""Money: the 'Wat mag het kosten?' tables of a document as one tidy table, one row per amount.

``money_tables(document)`` gives two frames: ``tables`` (per money table its programme, title, unit and
whether its totals add up) and ``amounts`` (per amount the row, what it is, whether the row is a total, the
column, its year and kind, the value as printed, the unit and the euros). See numbers (Dutch amounts),
headers (what labels say), tables (rows into amounts) and checks (do the totals add up).

``indicator_tables(document)`` gives the beleidsindicatoren the same way: ``indicators`` (per indicator its
programme, number, name, unit, source and whether it is a BBV indicator) and ``values`` (per value its year, kind
and comparison). See indicators and bbv (the verplichte beleidsindicatoren). Which tables hold indicators is
decided once, in headers.is_indicator_table, for both readers.

Iv3 (Bron: CBS, Iv3; CC BY 4.0): ``load_iv3()`` reads the shipped table of every municipality's baten and lasten
per taakveld (iv3); ``iv3_peers`` sets a municipality against its size class and ``words_and_euros`` its text
against its lasten (peers).
"""
from __future__ import annotations

from .document import money_tables
from .indicators import indicator_tables
from .iv3 import load_iv3
from .peers import iv3_peers, words_and_euros

__all__ = ["indicator_tables", "iv3_peers", "load_iv3", "money_tables", "words_and_euros"]
