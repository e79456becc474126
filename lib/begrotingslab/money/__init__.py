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

Links and flags: ``money_report(corpus)`` reads the tables from the corpus's cached rows (corpus_money), puts each
programme's money together and finds the changes in lasten and the sentences that explain them (programmes), links
each goal to the indicators of its programme that measure it and raises the flags a rekenkamer would (links).
"""
from __future__ import annotations

from .document import money_tables
from .indicators import indicator_tables
from .iv3 import load_iv3
from .peers import iv3_peers, words_and_euros
from .report import against_previous, money_report, total_lasten

__all__ = ["against_previous", "indicator_tables", "iv3_peers", "load_iv3", "money_report", "money_tables",
           "total_lasten", "words_and_euros"]
