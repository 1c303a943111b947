"""Credit holds: while one is open, new orders are declined.

1. Automatic holds have a cause: exposure beyond the over-limit tolerance, the oldest overdue
   invoice beyond the overdue tolerance, a returned payment whose invoices are owed again
   (when the policy says so), or collections stopping supply. At most one is open
   per cause; it is released when the cause clears.
2. Manual holds are placed by a credit manager with a note and released only by hand.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from credit_svc.domain.standing import Standing
from credit_svc.domain.terms import (
    CreditTerms,
    beyond_over_limit_tolerance,
    overdue_beyond_tolerance,
)
from ledgerflow_platform.errors import DomainError

# Who places and releases holds that no person decided.
CREDIT_CONTROL = "credit-control"


class HoldReason(StrEnum):
    OVER_LIMIT = "over_limit"
    OVERDUE_BEYOND_TOLERANCE = "overdue_beyond_tolerance"
    RETURNED_PAYMENT = "returned_payment"
    STOP_SUPPLY = "stop_supply"
    MANUAL = "manual"


class HoldNotFound(DomainError):
    def __init__(self, hold_id: str) -> None:
        super().__init__(f"No credit hold {hold_id}.")


class HoldAlreadyReleased(DomainError):
    def __init__(self, hold_id: str) -> None:
        super().__init__(f"Credit hold {hold_id} was already released.")


class AutomaticHold(DomainError):
    def __init__(self, hold_id: str, reason: str) -> None:
        super().__init__(f"Credit hold {hold_id} ({reason}) is released when its cause clears.")


@dataclass(frozen=True)
class Hold:
    id: str
    customer_id: str
    reason: HoldReason
    placed_at: datetime
    placed_by: str
    note: str | None = None
    released_at: datetime | None = None
    released_by: str | None = None
    release_note: str | None = None

    @property
    def is_open(self) -> bool:
        return self.released_at is None


def automatic_causes(standing: Standing, as_of: date, terms: CreditTerms) -> set[HoldReason]:
    """The causes, judged from exposure and lateness, that hold the customer now."""
    causes = set()
    limit = standing.credit_limit
    if limit is not None and beyond_over_limit_tolerance(standing.exposure, limit, terms):
        causes.add(HoldReason.OVER_LIMIT)
    if overdue_beyond_tolerance(standing.oldest_overdue_due, as_of, terms):
        causes.add(HoldReason.OVERDUE_BEYOND_TOLERANCE)
    return causes


JUDGED_CAUSES = frozenset(
    {HoldReason.OVER_LIMIT, HoldReason.OVERDUE_BEYOND_TOLERANCE, HoldReason.RETURNED_PAYMENT}
)


def release_by_hand(hold: Hold, *, by: str, note: str, now: datetime) -> Hold:
    if not hold.is_open:
        raise HoldAlreadyReleased(hold.id)
    if hold.reason is not HoldReason.MANUAL:
        raise AutomaticHold(hold.id, hold.reason)
    return replace(hold, released_at=now, released_by=by, release_note=note)


def release_cleared(hold: Hold, now: datetime) -> Hold:
    return replace(hold, released_at=now, released_by=CREDIT_CONTROL)
