"""Report builders: pure functions from a knowledge base to a :class:`~gpworkshop.reports.document.Document`.

Each builder lives in a module of its own; this module gathers them.
"""

from gpworkshop.reports.coverage import coverage_report
from gpworkshop.reports.matrix import stakeholder_matrix
from gpworkshop.reports.outcome import outcome_report
from gpworkshop.reports.tracking import commitment_tracker

__all__ = ["commitment_tracker", "coverage_report", "outcome_report", "stakeholder_matrix"]
