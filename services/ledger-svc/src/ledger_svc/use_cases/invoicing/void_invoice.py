"""Void an invoice nothing was applied to: reverse its journal entry and tell the platform."""

from datetime import date

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.books.journal import SourceType
from ledger_svc.domain.invoicing.invoice import Invoice, InvoiceNotFound
from ledger_svc.use_cases.books.post_journal_entry import reverse_journal_entries
from ledgerflow_events.contracts.ledger import InvoiceVoided


async def void_invoice(
    uow: LedgerUnitOfWork, *, invoice_id: str, voided_on: date, reason: str
) -> Invoice:
    found = await uow.invoices.get(invoice_id)
    if found is None:
        raise InvoiceNotFound(invoice_id)
    # Payments of this customer lock the same stream: read the open amount again once locked.
    await uow.lock_customer(found.customer_id)
    invoice = await uow.invoices.get(invoice_id)
    assert invoice is not None, "invoices are never deleted"
    voided = invoice.void(voided_on, reason)
    await uow.invoices.void(voided)
    # A late-fee invoice was billed by its late fee's entry (domain/adjustments/late_fee.py),
    # filed under the fee invoice's id; an ordinary invoice has none.
    for billed_by in (SourceType.INVOICE, SourceType.LATE_FEE):
        await reverse_journal_entries(
            uow,
            billed_by,
            invoice.id,
            business_date=voided_on,
            memo=f"Invoice {invoice.number} voided: {reason}",
        )
    await uow.emit(
        InvoiceVoided(
            customer_id=voided.customer_id,
            invoice_id=voided.id,
            number=voided.number,
            currency=voided.currency,
            total=format_amount(voided.total, voided.currency),
            voided_on=voided_on,
        )
    )
    return voided
