"""Facts published by credit-svc on credit.events."""

from ledgerflow_events.contracts.credit.grades_and_limits import (
    CreditLimitChanged,
    Grade,
    GradeChanged,
)
from ledgerflow_events.contracts.credit.holds import HoldPlaced, HoldReason, HoldReleased

__all__ = [
    "CreditLimitChanged",
    "Grade",
    "GradeChanged",
    "HoldPlaced",
    "HoldReason",
    "HoldReleased",
]
