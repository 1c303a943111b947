"""Segregation of duties: actions that need a second person, each a named rule.

Rules (each can be configured; the defaults are the safe ones, and admins are not exempt):
1. write_off_approval: who requests a write-off does not approve it.
2. refund_payment: who requests a refund does not pay it.
3. credit_note_approval: a credit note above the threshold is issued only once someone other
   than its requester approves it.
4. payment_reversal_approval: a manual payment reversal is posted only once someone other
   than its requester approves it.
"""

from dataclasses import dataclass
from enum import StrEnum

from ledgerflow_platform.errors import DomainError


class DutyRule(StrEnum):
    WRITE_OFF_APPROVAL = "write_off_approval"
    REFUND_PAYMENT = "refund_payment"
    CREDIT_NOTE_APPROVAL = "credit_note_approval"
    PAYMENT_REVERSAL_APPROVAL = "payment_reversal_approval"


@dataclass(frozen=True)
class DutyPolicy:
    """Which rules hold. `credit_note_threshold` is in major units of the note's currency
    (a credit note for more than it needs approval); None turns rule 3 off."""

    refund_payment: bool = True
    credit_note_threshold: int | None = 1000
    payment_reversal_approval: bool = True


SAFE_DUTIES = DutyPolicy()


class SegregationOfDuties(DomainError):
    """The same user tried to do both halves of a duty a rule separates."""

    def __init__(self, rule: DutyRule, message: str) -> None:
        super().__init__(f"{message} (segregation of duties, rule {rule}).")
        self.rule = rule

    def members(self) -> dict[str, object]:
        return {"rule": self.rule.value}


def ensure_second_person(rule: DutyRule, *, first: str, second: str, what: str) -> None:
    """Refuse `second` doing the second half of `what` when `first` did the first."""
    if first == second:
        raise SegregationOfDuties(
            rule, f"{second} {what} and cannot also do its second half: another user must"
        )
