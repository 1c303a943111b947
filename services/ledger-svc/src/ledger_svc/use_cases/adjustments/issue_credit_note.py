"""Issue a credit note, against an invoice or on account; post it and tell the platform."""

from datetime import date

from uuid6 import uuid7

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.account import CurrencyMismatch
from ledger_svc.domain.adjustments.credit_note import (
    CREDIT_NOTE_SERIES,
    CreditNote,
    CreditNoteDraft,
    credit_against_invoice,
    credit_on_account,
)
from ledger_svc.domain.adjustments.customer_credit import CustomerNotFound
from ledger_svc.domain.amounts import format_amount, parse_amount
from ledger_svc.domain.books.journal import Account
from ledger_svc.domain.invoicing.invoice import (
    InvoiceNotFound,
    InvoiceStatus,
    invoice_number,
    status_for,
)
from ledger_svc.use_cases.books.post_journal_entry import post_journal_entry
from ledgerflow_events.contracts.ledger import CreditNoteIssued


async def credit_invoice(
    uow: LedgerUnitOfWork,
    *,
    invoice_id: str,
    amount: str | None,
    currency: str | None,
    issue_date: date,
    reason: str,
    issued_by: str,
) -> CreditNote:
    """Take `amount` (or all that is open) off an invoice; closing it leaves it `credited`."""
    found = await uow.invoices.get(invoice_id)
    if found is None:
        raise InvoiceNotFound(invoice_id)
    # Payments of this customer lock the same stream: read the open amount again once locked.
    await uow.lock_customer(found.customer_id)
    invoice = await uow.invoices.get(invoice_id)
    assert invoice is not None, "invoices are never deleted"
    if currency is not None and currency != invoice.currency:
        raise CurrencyMismatch(currency, invoice.currency)
    minor = None if amount is None else parse_amount(amount, invoice.currency, field="amount")
    waives_fee = await uow.late_fees.is_fee_invoice(invoice.id)
    draft = credit_against_invoice(
        invoice,
        amount=minor,
        credited_before=await uow.credit_notes.credited_on_invoice(invoice.id),
        issue_date=issue_date,
        reason=reason,
        income_account=Account.LATE_FEE_INCOME if waives_fee else Account.REVENUE,
    )
    note = await _issue(uow, draft, issued_by)
    if note.to_customer_credit:
        # A paid invoice stays paid: the credit is the customer's, held like a surplus.
        await uow.emit(issued_event(note, 0))
        return note
    open_after = invoice.open_amount - note.amount
    status = InvoiceStatus.CREDITED if open_after == 0 else status_for(invoice.total, open_after)
    await uow.invoice_adjustments.reduce_open_amount(
        invoice.id, open_amount=open_after, status=status
    )
    await uow.emit(issued_event(note, open_after))
    return note


async def credit_customer_on_account(
    uow: LedgerUnitOfWork,
    *,
    customer_id: str,
    amount: str,
    currency: str | None,
    issue_date: date,
    reason: str,
    issued_by: str,
) -> CreditNote:
    """Credit the customer without touching any invoice: the amount becomes their credit."""
    await uow.lock_customer(customer_id)
    account = await uow.accounts.get(customer_id)
    if account is None:
        raise CustomerNotFound(customer_id)
    minor = parse_amount(amount, account.ensure_currency(currency), field="amount")
    draft = credit_on_account(account, amount=minor, issue_date=issue_date, reason=reason)
    note = await _issue(uow, draft, issued_by)
    await uow.emit(issued_event(note, None))
    return note


async def _issue(uow: LedgerUnitOfWork, draft: CreditNoteDraft, issued_by: str) -> CreditNote:
    # Numbered last: the series counter stays locked until commit, so hold it briefly.
    year = draft.issue_date.year
    sequence = await uow.invoices.next_number(CREDIT_NOTE_SERIES, year)
    note = draft.issue(str(uuid7()), invoice_number(CREDIT_NOTE_SERIES, year, sequence))
    await uow.credit_notes.add(note, issued_by=issued_by)
    await post_journal_entry(uow, note.journal_entry())
    return note


def issued_event(note: CreditNote, open_after: int | None) -> CreditNoteIssued:
    def money(minor: int) -> str:
        return format_amount(minor, note.currency)

    return CreditNoteIssued(
        customer_id=note.customer_id,
        credit_note_id=note.id,
        number=note.number,
        currency=note.currency,
        amount=money(note.amount),
        tax=money(note.tax),
        issue_date=note.issue_date,
        invoice_id=note.invoice_id,
        invoice_open_amount_after=None if open_after is None else money(open_after),
    )
