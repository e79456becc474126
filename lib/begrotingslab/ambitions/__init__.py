"""Ambition analysis: which sentences promise something, and how SMART is the promise.

Rule based on purpose, so a reader can check every label: each result carries the words that decided it.

Per sentence (:func:`classify_sentences`):

- ``statement``: ``ambition`` (an intended outcome: "We willen ...", "Met als doel dat ...", goal text under
  "Wat willen we bereiken?"), ``commitment`` (an action the municipality takes in the budget period:
  "In 2024 maken we de balans op", "We zetten in op ...") or ``context`` (values, background, what happened,
  facts about others, finance and indicator notes). See :mod:`.statement` for the ordered rules.
- ``specific`` / ``measurable`` / ``time_bound``: 0 niet, 1 gedeeltelijk, 2 volledig, as rekenkamers grade them.
- ``deadline`` (a year or missing), ``relative_period`` ("de komende jaren"), ``level`` (effect / prestatie /
  activiteit), ``er_goal`` (only a comparative: "beter", "meer", "versterken"), actors and policy documents.

Stop words are never removed before looking for intent: "wil", "zal", "gaan" are what decides.

The package: :mod:`.lexicon` (the words), :mod:`.reading` (a sentence as the rules read it), :mod:`.statement`
(the rules), :mod:`.smart` (scores, deadline, level), :mod:`.mentions` (actors, policy documents), :mod:`.table`
(one row per sentence, and its views), :mod:`.scorecard` (the rekenkamer table).
"""
from .lexicon import CRITERIA
from .scorecard import most_and_least_concrete, scorecard
from .table import (SCORE_LABELS, STATEMENT_LABELS, ambitions_table, annotations, classify_sentence,
                    classify_sentences, evidence, goals, html_table, reasons)

__all__ = ["CRITERIA", "SCORE_LABELS", "STATEMENT_LABELS", "ambitions_table", "annotations", "classify_sentence",
           "classify_sentences", "evidence", "goals", "html_table", "most_and_least_concrete", "reasons", "scorecard"]
