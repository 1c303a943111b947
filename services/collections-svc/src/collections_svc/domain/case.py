"""A collection case: one customer in arrears, worked until nothing it owes is overdue."""

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from ledgerflow_platform.errors import DomainError


class CaseStatus(StrEnum):
    """Whether collectors are still chasing the customer."""

    OPEN = "open"
    CLOSED = "closed"


class CaseNotFound(DomainError):
    """No collection case has this id."""

    def __init__(self, case_id: str) -> None:
        super().__init__(f"No collection case with id {case_id}.")
        self.case_id = case_id


class CaseClosedAlready(DomainError):
    """The case is closed: nobody works it any more."""

    def __init__(self, case_id: str) -> None:
        super().__init__(f"Collection case {case_id} is closed.")
        self.case_id = case_id


@dataclass(frozen=True)
class CollectionCase:
    """A customer in arrears that collectors chase, from the first overdue invoice to the last."""

    id: str
    customer_id: str
    currency: str
    status: CaseStatus
    overdue_amount: int
    opened_on: date
    closed_on: date | None = None
    collector: str | None = None
    assigned_on: date | None = None

    def assign(self, collector: str, on: date) -> "CollectionCase":
        """The case worked by `collector` from business date `on`; a closed case is history."""
        if self.status is CaseStatus.CLOSED:
            raise CaseClosedAlready(self.id)
        return replace(self, collector=collector, assigned_on=on)

    def follow_arrears(self, overdue_amount: int, on: date) -> "CollectionCase":
        """The case once the customer's overdue total is `overdue_amount` on business date `on`."""
        if self.status is CaseStatus.CLOSED:
            # A closed case is history: new arrears are a new case.
            return self
        if overdue_amount <= 0:
            # A payment can be recorded with a value date before the overdue run that opened
            # the case; the case still cannot have closed before it opened.
            closed_on = max(on, self.opened_on)
            return replace(self, status=CaseStatus.CLOSED, overdue_amount=0, closed_on=closed_on)
        return replace(self, overdue_amount=overdue_amount)


def open_case(
    case_id: str, customer_id: str, currency: str, overdue_amount: int, opened_on: date
) -> CollectionCase | None:
    """A new case for these arrears, or none when nothing is actually overdue."""
    if overdue_amount <= 0:
        return None
    return CollectionCase(
        case_id, customer_id, currency, CaseStatus.OPEN, overdue_amount, opened_on
    )
