"""Approve or reject a write-off as the second person; approval closes the invoice."""

from datetime import date

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.adjustments.credit_note import tax_credited
from ledger_svc.domain.adjustments.write_off import WriteOff
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.invoicing.invoice import InvoiceStatus
from ledger_svc.use_cases.adjustments.request_write_off import locked_write_off
from ledger_svc.use_cases.books.post_journal_entry import post_journal_entry
from ledgerflow_events.contracts.ledger import InvoiceWrittenOff


async def approve_write_off(
    uow: LedgerUnitOfWork,
    *,
    write_off_id: str,
    approver: str,
    approved_on: date,
    tax_adjusting: bool = False,
) -> WriteOff:
    """Post Dr bad debt (and, adjusting tax, Dr tax payable for the invoice's tax share of
    it) / Cr receivable, and close the invoice as written off."""
    write_off = await locked_write_off(uow, write_off_id)
    invoice = await uow.invoices.get(write_off.invoice_id)
    assert invoice is not None, "invoices are never deleted"
    approved = write_off.approve(invoice, approver=approver, approved_on=approved_on)
    await uow.write_offs.record_decision(approved)
    await uow.invoice_adjustments.reduce_open_amount(
        invoice.id, open_amount=0, status=InvoiceStatus.WRITTEN_OFF
    )
    # The share of the invoice's tax in what is written off, as a credit note reckons it.
    tax = tax_credited(invoice.total, invoice.tax, approved.amount) if tax_adjusting else 0
    await post_journal_entry(uow, approved.journal_entry(tax=tax))
    await uow.emit(
        InvoiceWrittenOff(
            customer_id=approved.customer_id,
            invoice_id=approved.invoice_id,
            write_off_id=approved.id,
            currency=approved.currency,
            amount=format_amount(approved.amount, approved.currency),
            written_off_on=approved_on,
        )
    )
    return approved


async def reject_write_off(
    uow: LedgerUnitOfWork, *, write_off_id: str, rejecter: str, rejected_on: date, reason: str
) -> WriteOff:
    """Turn the request down; the invoice stays owed and may be asked for again."""
    write_off = await locked_write_off(uow, write_off_id)
    rejected = write_off.reject(rejecter=rejecter, rejected_on=rejected_on, reason=reason)
    await uow.write_offs.record_decision(rejected)
    return rejected
