"""Write-offs: giving up on what is left of an invoice, decided by two people.

One user requests the write-off of an invoice's whole open remainder; a second user, never
the one who asked, approves or rejects it. Nothing is posted on request. On approval the
journal posts Dr bad_debt_expense / Cr receivable for the remainder and the invoice closes
as written off. The approver approves exactly the amount requested: if the invoice's open
amount has moved since (a payment or credit note came in), the approval is refused and the
request should be rejected and made again. The gross remainder goes to bad-debt expense;
reclaiming the output tax on it (bad-debt relief) is a tax-return matter, not posted here.
"""

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.books.journal import Account, JournalEntry, SourceType, credit, debit
from ledger_svc.domain.controls.segregation import DutyRule, ensure_second_person
from ledger_svc.domain.invoicing.invoice import Invoice
from ledgerflow_platform.errors import DomainError


class WriteOffStatus(StrEnum):
    """Where a write-off request stands."""

    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"


class WriteOffNotFound(DomainError):
    """No write-off has this id."""

    def __init__(self, write_off_id: str) -> None:
        super().__init__(f"No write-off with id {write_off_id}.", field="write_off_id")
        self.write_off_id = write_off_id


class InvoiceNotWriteOffable(DomainError):
    """A write-off of an invoice with nothing open, or with a request already pending."""


class WriteOffNotPending(DomainError):
    """Deciding a write-off that was already approved or rejected."""


class WriteOffOutdated(DomainError):
    """The invoice's open amount is no longer the amount whose write-off was requested."""


class WriteOffDatedBeforeRequest(DomainError):
    """A write-off decided on a date before it was requested, or requested before issue."""


@dataclass(frozen=True)
class WriteOff:
    """A request to write off an invoice's remainder, and the second person's decision."""

    id: str
    invoice_id: str
    customer_id: str
    currency: str
    amount: int
    reason: str
    requested_on: date
    requested_by: str
    status: WriteOffStatus = WriteOffStatus.REQUESTED
    decided_by: str | None = None
    decided_on: date | None = None
    rejection_reason: str | None = None

    def approve(self, invoice: Invoice, *, approver: str, approved_on: date) -> "WriteOff":
        self._ensure_pending(approved_on, "approved_on")
        ensure_second_person(
            DutyRule.WRITE_OFF_APPROVAL,
            first=self.requested_by,
            second=approver,
            what="requested this write-off",
        )
        if invoice.open_amount != self.amount or invoice.voided_on is not None:
            raise WriteOffOutdated(
                f"Invoice {invoice.number} now has "
                f"{format_amount(invoice.open_amount, self.currency)} {self.currency} open, not "
                f"the {format_amount(self.amount, self.currency)} requested; reject this "
                "request and make a new one.",
                field="invoice_id",
            )
        return replace(
            self, status=WriteOffStatus.APPROVED, decided_by=approver, decided_on=approved_on
        )

    def reject(self, *, rejecter: str, rejected_on: date, reason: str) -> "WriteOff":
        self._ensure_pending(rejected_on, "rejected_on")
        return replace(
            self,
            status=WriteOffStatus.REJECTED,
            decided_by=rejecter,
            decided_on=rejected_on,
            rejection_reason=reason,
        )

    def journal_entry(self) -> JournalEntry:
        """Dr bad_debt_expense / Cr receivable of the invoice, dated on approval."""
        assert self.decided_on is not None, "only an approved write-off posts"
        who = self.customer_id
        return JournalEntry(
            SourceType.WRITE_OFF,
            self.id,
            self.decided_on,
            f"Write-off approved: {self.reason}",
            (
                debit(Account.BAD_DEBT_EXPENSE, self.amount, self.currency, customer_id=who),
                credit(
                    Account.RECEIVABLE,
                    self.amount,
                    self.currency,
                    customer_id=who,
                    invoice_id=self.invoice_id,
                ),
            ),
        )

    def _ensure_pending(self, on: date, field: str) -> None:
        if self.status is not WriteOffStatus.REQUESTED:
            raise WriteOffNotPending(
                f"Write-off {self.id} was already {self.status}.", field="write_off_id"
            )
        if on < self.requested_on:
            raise WriteOffDatedBeforeRequest(
                f"{field} {on} is before the write-off was requested on {self.requested_on}.",
                field=field,
            )


def request_write_off(
    invoice: Invoice,
    *,
    write_off_id: str,
    reason: str,
    requested_on: date,
    requested_by: str,
    pending: bool,
) -> WriteOff:
    """A request to write off all the invoice still has open; `pending` if one already waits."""
    if invoice.voided_on is not None or invoice.open_amount == 0:
        state = "was voided" if invoice.voided_on is not None else "has nothing open"
        raise InvoiceNotWriteOffable(
            f"Invoice {invoice.number} {state}: there is nothing to write off.",
            field="invoice_id",
        )
    if pending:
        raise InvoiceNotWriteOffable(
            f"A write-off of invoice {invoice.number} is already waiting for approval.",
            field="invoice_id",
        )
    if requested_on < invoice.issue_date:
        raise WriteOffDatedBeforeRequest(
            f"requested_on {requested_on} is before the invoice's issue on {invoice.issue_date}.",
            field="requested_on",
        )
    return WriteOff(
        write_off_id,
        invoice.id,
        invoice.customer_id,
        invoice.currency,
        invoice.open_amount,
        reason,
        requested_on,
        requested_by,
    )
