"""Working a case: who works it, what was done (the activity log), and where it stands.

1. A collector sees and acts on only the cases assigned to them; credit managers and admins
   see and assign all (others who may read cases read them all and act on none).
2. Where a case stands is not kept apart from the facts that decide it; it follows from them,
   first match wins: closed; legal (escalated to legal); in_plan (a payment plan on track);
   disputed (an invoice of the customer with an open dispute); promised (an open promise);
   open.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

from collections_svc.domain.case import CaseStatus, CollectionCase
from ledgerflow_platform.errors import DomainError

# Roles that see and assign every case; a collector alone sees only their own.
CASE_SUPERVISORS = frozenset({"credit_manager", "admin"})
COLLECTOR = "collector"


class CaseStanding(StrEnum):
    OPEN = "open"
    PROMISED = "promised"
    IN_PLAN = "in_plan"
    DISPUTED = "disputed"
    LEGAL = "legal"
    CLOSED = "closed"


class ActivityKind(StrEnum):
    CALL = "call"
    EMAIL = "email"
    VISIT = "visit"
    LETTER = "letter"
    NOTE = "note"


class NotYourCase(DomainError):
    """A collector acted on a case assigned to someone else (or to no one)."""

    def __init__(self, case_id: str) -> None:
        super().__init__(f"Collection case {case_id} is not assigned to you.")
        self.case_id = case_id


class OthersWorklist(DomainError):
    """A collector asked for another collector's cases."""

    def __init__(self, collector: str) -> None:
        super().__init__(
            f"A collector sees only their own cases, not {collector}'s.", field="collector"
        )


class ActivityAfterNow(DomainError):
    def __init__(self, occurred_at: datetime, business_date: date) -> None:
        super().__init__(
            f"An activity is logged once it happened: {occurred_at.isoformat()} is after the "
            f"business date {business_date.isoformat()}.",
            field="occurred_at",
        )


@dataclass(frozen=True)
class CaseWorker:
    """Who is asking to see or work cases: their user id and roles."""

    subject: str
    roles: frozenset[str]

    @property
    def sees_all(self) -> bool:
        return bool(self.roles & CASE_SUPERVISORS) or COLLECTOR not in self.roles

    @property
    def only_own(self) -> str | None:
        """The collector whose cases alone this worker may see; None when they see all."""
        return None if self.sees_all else self.subject

    def may_work(self, case: CollectionCase) -> bool:
        if self.roles & CASE_SUPERVISORS:
            return True
        return COLLECTOR in self.roles and case.collector == self.subject

    def may_see(self, case: CollectionCase) -> bool:
        return self.sees_all or case.collector == self.subject


@dataclass(frozen=True)
class Activity:
    """One thing done on a case, and what came of it."""

    id: str
    case_id: str
    kind: ActivityKind
    outcome: str
    occurred_at: datetime
    next_action_on: date | None
    note: str
    recorded_by: str
    recorded_at: datetime


def log_activity(
    *,
    activity_id: str,
    case: CollectionCase,
    kind: ActivityKind,
    outcome: str,
    occurred_at: datetime,
    next_action_on: date | None,
    note: str,
    recorded_by: str,
    now: datetime,
    business_date: date,
) -> Activity:
    if occurred_at.astimezone(UTC).date() > business_date:
        raise ActivityAfterNow(occurred_at, business_date)
    return Activity(
        activity_id,
        case.id,
        kind,
        outcome,
        occurred_at.astimezone(UTC),
        next_action_on,
        note,
        recorded_by,
        now,
    )


def standing_of(
    case: CollectionCase, *, legal: bool, in_plan: bool, disputed: bool, promised: bool
) -> CaseStanding:
    if case.status is CaseStatus.CLOSED:
        return CaseStanding.CLOSED
    for holds, standing in (
        (legal, CaseStanding.LEGAL),
        (in_plan, CaseStanding.IN_PLAN),
        (disputed, CaseStanding.DISPUTED),
        (promised, CaseStanding.PROMISED),
    ):
        if holds:
            return standing
    return CaseStanding.OPEN
