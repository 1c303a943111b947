"""Facts published by credit-svc on credit.events."""

from ledgerflow_events.contracts.credit.grades_and_limits import (
    CreditLimitChanged,
    Grade,
    GradeChanged,
)
from ledgerflow_events.contracts.credit.holds import HoldPlaced, HoldReason, HoldReleased
from ledgerflow_events.contracts.credit.reservations import (
    CreditOverrideGranted,
    CreditReservationEnded,
    CreditReserved,
)
from ledgerflow_events.contracts.credit.warnings import WarningCleared, WarningRaised

__all__ = [
    "CreditLimitChanged",
    "CreditOverrideGranted",
    "CreditReservationEnded",
    "CreditReserved",
    "Grade",
    "GradeChanged",
    "HoldPlaced",
    "HoldReason",
    "HoldReleased",
    "WarningCleared",
    "WarningRaised",
]
