"""Mark the invoices that passed their due date unpaid, each exactly once."""

from datetime import date

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.invoicing.invoice import Invoice
from ledgerflow_events.contracts.ledger import InvoiceOverdue


async def mark_overdue_invoices(uow: LedgerUnitOfWork, *, as_of: date) -> list[Invoice]:
    """The invoices marked overdue by this run; a repeated run finds none left to mark."""
    customer_ids = await uow.invoices.customers_with_invoices_falling_overdue(as_of)
    # One fixed lock order (customer id) keeps concurrent runs from deadlocking each other.
    for customer_id in sorted(customer_ids):
        await uow.lock_customer(customer_id)
    # Re-read under the locks: a payment or another run may have got there first.
    candidates = await uow.invoices.falling_overdue(customer_ids, as_of)
    marked = [invoice for invoice in candidates if invoice.falls_overdue(as_of)]
    if marked:
        await uow.invoices.mark_overdue([i.id for i in marked], as_of)
    for invoice in marked:
        await uow.emit(
            InvoiceOverdue(
                customer_id=invoice.customer_id,
                invoice_id=invoice.id,
                currency=invoice.currency,
                open_amount=format_amount(invoice.open_amount, invoice.currency),
                # The instalment that was missed: how late the customer is runs from there.
                due_date=invoice.unpaid_since or invoice.due_date,
                as_of=as_of,
            )
        )
    return marked
