"""Credit notes, refunds and write-offs as the API shows them."""

from datetime import date

from pydantic import BaseModel

from ledger_svc.domain.adjustments.credit_note import CreditNote
from ledger_svc.domain.adjustments.customer_credit import CreditSourceKind
from ledger_svc.domain.adjustments.refund import Refund, RefundMethod, RefundStatus
from ledger_svc.domain.adjustments.write_off import WriteOff, WriteOffStatus
from ledger_svc.domain.amounts import format_amount


class CreditNoteOut(BaseModel):
    """A credit note; on account, `unapplied_amount` is the credit it still holds."""

    id: str
    number: str
    customer_id: str
    invoice_id: str | None
    currency: str
    issue_date: date
    amount: str
    net: str
    tax: str
    unapplied_amount: str
    reason: str


class CreditNotePage(BaseModel):
    """Credit notes, oldest first."""

    items: list[CreditNoteOut]
    next_cursor: str | None


class CreditDrawOut(BaseModel):
    """The credit a refund set aside from one payment or credit note."""

    source: CreditSourceKind
    source_id: str
    amount: str


class RefundOut(BaseModel):
    """A refund of customer credit and where it stands."""

    id: str
    customer_id: str
    currency: str
    amount: str
    method: RefundMethod
    reference: str | None
    status: RefundStatus
    requested_on: date
    requested_by: str
    paid_on: date | None
    cancelled_on: date | None
    cancel_reason: str | None
    drawn_from: list[CreditDrawOut]


class RefundPage(BaseModel):
    """Refunds, oldest first."""

    items: list[RefundOut]
    next_cursor: str | None


class WriteOffOut(BaseModel):
    """A write-off request and the second person's decision."""

    id: str
    invoice_id: str
    customer_id: str
    currency: str
    amount: str
    reason: str
    status: WriteOffStatus
    requested_on: date
    requested_by: str
    decided_by: str | None
    decided_on: date | None
    rejection_reason: str | None


class WriteOffPage(BaseModel):
    """Write-offs, oldest first."""

    items: list[WriteOffOut]
    next_cursor: str | None


def credit_note_out(note: CreditNote) -> CreditNoteOut:
    def money(minor: int) -> str:
        return format_amount(minor, note.currency)

    return CreditNoteOut(
        id=note.id,
        number=note.number,
        customer_id=note.customer_id,
        invoice_id=note.invoice_id,
        currency=note.currency,
        issue_date=note.issue_date,
        amount=money(note.amount),
        net=money(note.net),
        tax=money(note.tax),
        unapplied_amount=money(note.unapplied_amount),
        reason=note.reason,
    )


def refund_out(refund: Refund) -> RefundOut:
    def money(minor: int) -> str:
        return format_amount(minor, refund.currency)

    return RefundOut(
        id=refund.id,
        customer_id=refund.customer_id,
        currency=refund.currency,
        amount=money(refund.amount),
        method=refund.method,
        reference=refund.reference,
        status=refund.status,
        requested_on=refund.requested_on,
        requested_by=refund.requested_by,
        paid_on=refund.paid_on,
        cancelled_on=refund.cancelled_on,
        cancel_reason=refund.cancel_reason,
        drawn_from=[
            CreditDrawOut(source=d.kind, source_id=d.source_id, amount=money(d.amount))
            for d in refund.draws
        ],
    )


def write_off_out(write_off: WriteOff) -> WriteOffOut:
    return WriteOffOut(
        id=write_off.id,
        invoice_id=write_off.invoice_id,
        customer_id=write_off.customer_id,
        currency=write_off.currency,
        amount=format_amount(write_off.amount, write_off.currency),
        reason=write_off.reason,
        status=write_off.status,
        requested_on=write_off.requested_on,
        requested_by=write_off.requested_by,
        decided_by=write_off.decided_by,
        decided_on=write_off.decided_on,
        rejection_reason=write_off.rejection_reason,
    )
