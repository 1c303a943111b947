"""Second-person approvals: an action a segregation-of-duties rule holds back (a manual payment
reversal; a credit note above the threshold) waits as a request until another user approves
it, which carries it out as requested, or rejects it, which ends it with nothing posted."""

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from ledger_svc.domain.controls.segregation import DutyRule, ensure_second_person
from ledgerflow_platform.errors import DomainError


class ApprovalAction(StrEnum):
    PAYMENT_REVERSAL = "payment_reversal"
    CREDIT_NOTE = "credit_note"


RULES = {
    ApprovalAction.PAYMENT_REVERSAL: DutyRule.PAYMENT_REVERSAL_APPROVAL,
    ApprovalAction.CREDIT_NOTE: DutyRule.CREDIT_NOTE_APPROVAL,
}


class ApprovalStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class ApprovalNotFound(DomainError):
    def __init__(self, approval_id: str) -> None:
        super().__init__(f"No approval request with id {approval_id}.", field="approval_id")


class ApprovalNotPending(DomainError):
    pass


@dataclass(frozen=True)
class ApprovalRequest:
    """`target` is what the action concerns (the payment, the invoice or the customer);
    `payload` the request as it was made, carried out as such on approval."""

    id: str
    action: ApprovalAction
    target: str
    payload: dict[str, Any]
    requested_by: str
    requested_at: datetime
    status: ApprovalStatus = ApprovalStatus.PENDING
    decided_by: str | None = None
    decided_at: datetime | None = None
    result_id: str | None = None

    def approve(self, *, by: str, at: datetime, result_id: str) -> "ApprovalRequest":
        self.ensure_decidable_by(by)
        return replace(
            self, status=ApprovalStatus.APPROVED, decided_by=by, decided_at=at, result_id=result_id
        )

    def reject(self, *, by: str, at: datetime) -> "ApprovalRequest":
        self.ensure_decidable_by(by)
        return replace(self, status=ApprovalStatus.REJECTED, decided_by=by, decided_at=at)

    def ensure_decidable_by(self, by: str) -> None:
        """Still pending, and `by` is not who asked: checked before the action is carried out."""
        if self.status is not ApprovalStatus.PENDING:
            raise ApprovalNotPending(
                f"Approval request {self.id} was already {self.status}.", field="approval_id"
            )
        ensure_second_person(
            RULES[self.action],
            first=self.requested_by,
            second=by,
            what=f"requested this {self.action.value.replace('_', ' ')}",
        )
