"""Promises and results: what the begroting promised and what the jaarstukken say became of it.

:mod:`.status` (status words, status cells, legends, past tense), :mod:`.units` (the reporting text as sentences and
table rows), :mod:`.match` (promises matched to reports, one status each), :mod:`.history` (one promise over the
years), :mod:`.questions` (promises due that the jaarstukken do not mention: questions for the debate).
"""
from .history import history, summary
from .match import (BEST_THRESHOLD, MATCH_THRESHOLD, RESULT_COLUMNS, accountability, assess, available, link,
                    share_realised, unclaimed, with_context, year_units)
from .questions import unreported_due
from .status import STATUSES, cell_status, is_past_report, legend, status_of
from .units import report_units

__all__ = ["BEST_THRESHOLD", "MATCH_THRESHOLD", "RESULT_COLUMNS", "STATUSES", "accountability", "assess", "available", "cell_status",
           "history", "is_past_report", "legend", "link", "report_units", "share_realised", "status_of", "summary",
           "unclaimed", "unreported_due", "with_context", "year_units"]
