"""Refunds of customer credit: requested, then paid out (or cancelled while still requested).

Requesting a refund sets its amount aside from the customer's credit at once (see
customer_credit.py) and posts Dr customer_credit / Cr refunds_payable: we now owe it back.
Paying it posts Dr refunds_payable / Cr bank. Cancelling a requested refund posts the reversal
of the request and gives the credit back.
"""

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from ledger_svc.domain.adjustments.customer_credit import CreditDraw
from ledger_svc.domain.books.journal import Account, JournalEntry, SourceType, credit, debit
from ledger_svc.domain.controls.segregation import (
    SAFE_DUTIES,
    DutyPolicy,
    DutyRule,
    ensure_second_person,
)
from ledgerflow_platform.errors import DomainError


class RefundMethod(StrEnum):
    """How the money goes back to the customer."""

    BANK_TRANSFER = "bank_transfer"
    CARD = "card"
    CASH = "cash"
    CHEQUE = "cheque"


class RefundStatus(StrEnum):
    """Where a refund stands: owed, paid out, or called off."""

    REQUESTED = "requested"
    PAID = "paid"
    CANCELLED = "cancelled"


class RefundNotFound(DomainError):
    """No refund has this id."""

    def __init__(self, refund_id: str) -> None:
        super().__init__(f"No refund with id {refund_id}.", field="refund_id")
        self.refund_id = refund_id


class RefundNotPending(DomainError):
    """Paying or cancelling a refund that was already paid or cancelled."""


class RefundDatedBeforeRequest(DomainError):
    """A refund paid or cancelled on a date before it was requested."""


@dataclass(frozen=True)
class Refund:
    """Customer credit we pay back, and the credit sources it was set aside from."""

    id: str
    customer_id: str
    currency: str
    amount: int
    method: RefundMethod
    reference: str | None
    requested_on: date
    requested_by: str
    draws: tuple[CreditDraw, ...]
    status: RefundStatus = RefundStatus.REQUESTED
    paid_on: date | None = None
    cancelled_on: date | None = None
    cancel_reason: str | None = None

    def pay(self, paid_on: date, *, paid_by: str, policy: DutyPolicy = SAFE_DUTIES) -> "Refund":
        self._ensure_pending("paid", paid_on, "paid_on")
        if policy.refund_payment:
            ensure_second_person(
                DutyRule.REFUND_PAYMENT,
                first=self.requested_by,
                second=paid_by,
                what="requested this refund",
            )
        return replace(self, status=RefundStatus.PAID, paid_on=paid_on)

    def cancel(self, cancelled_on: date, reason: str) -> "Refund":
        self._ensure_pending("cancelled", cancelled_on, "cancelled_on")
        return replace(
            self, status=RefundStatus.CANCELLED, cancelled_on=cancelled_on, cancel_reason=reason
        )

    def requested_entry(self) -> JournalEntry:
        """Dr customer_credit / Cr refunds_payable: the credit is now owed back in cash."""
        who = self.customer_id
        return JournalEntry(
            SourceType.REFUND,
            self.id,
            self.requested_on,
            f"Refund of customer credit requested ({self.method})",
            (
                debit(Account.CUSTOMER_CREDIT, self.amount, self.currency, customer_id=who),
                credit(Account.REFUNDS_PAYABLE, self.amount, self.currency, customer_id=who),
            ),
        )

    def paid_entry(self) -> JournalEntry:
        """Dr refunds_payable / Cr bank: the money left."""
        assert self.paid_on is not None, "only a paid refund posts its payment"
        who = self.customer_id
        reference = f" ({self.reference})" if self.reference else ""
        return JournalEntry(
            SourceType.REFUND,
            self.id,
            self.paid_on,
            f"Refund paid by {self.method}{reference}",
            (
                debit(Account.REFUNDS_PAYABLE, self.amount, self.currency, customer_id=who),
                credit(Account.BANK, self.amount, self.currency, customer_id=who),
            ),
        )

    def _ensure_pending(self, outcome: str, on: date, field: str) -> None:
        if self.status is not RefundStatus.REQUESTED:
            raise RefundNotPending(
                f"Refund {self.id} is {self.status}; only a requested refund can be {outcome}.",
                field="refund_id",
            )
        if on < self.requested_on:
            raise RefundDatedBeforeRequest(
                f"{field} {on} is before the refund was requested on {self.requested_on}.",
                field=field,
            )
