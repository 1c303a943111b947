"""Credit limits with four eyes.

1. A credit manager sets a limit with a reason; it must be zero or more, in the account's
   currency at its scale.
2. A limit that rises above the approval threshold (and above the limit in force) waits for a
   second credit manager; anything else comes into force at once.
3. The requester can never approve their own request (segregation of duties).
4. Coming into force supersedes the limit in force before; the history keeps every decision.
"""

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from ledgerflow_platform.errors import DomainError

# 100,000.00 in the account currency's major unit, unless configured for the currency.
DEFAULT_APPROVAL_THRESHOLD_MAJOR = 100_000


class LimitStatus(StrEnum):
    ACTIVE = "active"
    PENDING_APPROVAL = "pending_approval"
    SUPERSEDED = "superseded"


class InvalidLimit(DomainError):
    """The limit asked for cannot be a limit."""


class LimitNotFound(DomainError):
    def __init__(self, limit_id: str) -> None:
        super().__init__(f"No credit limit {limit_id}.")


class LimitNotPending(DomainError):
    def __init__(self, limit_id: str, status: str) -> None:
        super().__init__(f"Credit limit {limit_id} is {status}; only a pending one is approved.")


class SegregationOfDuties(DomainError):
    def __init__(self) -> None:
        super().__init__("The credit manager who asked for a limit may not approve it.")


@dataclass(frozen=True)
class CreditLimit:
    id: str
    customer_id: str
    currency: str
    amount: int
    previous_amount: int | None
    reason: str
    status: LimitStatus
    requested_by: str
    requested_at: datetime
    approved_by: str | None = None
    effective_at: datetime | None = None


def request_limit(
    *,
    limit_id: str,
    customer_id: str,
    currency: str,
    amount: int,
    in_force: int | None,
    threshold: int,
    reason: str,
    requested_by: str,
    now: datetime,
) -> CreditLimit:
    if amount < 0:
        raise InvalidLimit("A credit limit is zero or more.", field="amount")
    needs_second_eyes = amount > threshold and (in_force is None or amount > in_force)
    return CreditLimit(
        id=limit_id,
        customer_id=customer_id,
        currency=currency,
        amount=amount,
        previous_amount=in_force,
        reason=reason,
        status=LimitStatus.PENDING_APPROVAL if needs_second_eyes else LimitStatus.ACTIVE,
        requested_by=requested_by,
        requested_at=now,
        approved_by=None,
        effective_at=None if needs_second_eyes else now,
    )


def approve_limit(
    limit: CreditLimit, *, approver: str, in_force: int | None, now: datetime
) -> CreditLimit:
    if limit.status is not LimitStatus.PENDING_APPROVAL:
        raise LimitNotPending(limit.id, limit.status)
    if approver == limit.requested_by:
        raise SegregationOfDuties()
    # What it replaces is what is in force when it comes into force, not when it was asked.
    return replace(
        limit,
        status=LimitStatus.ACTIVE,
        previous_amount=in_force,
        approved_by=approver,
        effective_at=now,
    )
