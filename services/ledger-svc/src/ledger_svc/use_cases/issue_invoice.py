"""Issue an invoice to a customer and tell the platform it is owed."""

from collections.abc import Sequence
from datetime import date

from uuid6 import uuid7

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.account import UnknownCustomer
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.invoice import (
    INVOICE_SERIES,
    Invoice,
    LineRequest,
    draft_invoice,
    invoice_number,
)
from ledgerflow_events.contracts import InvoiceIssued


async def issue_invoice(
    uow: LedgerUnitOfWork,
    *,
    customer_id: str,
    issue_date: date,
    due_date: date | None,
    currency: str | None,
    lines: Sequence[LineRequest],
) -> Invoice:
    await uow.lock_customer(customer_id)
    account = await uow.accounts.get(customer_id)
    if account is None:
        raise UnknownCustomer(customer_id)
    draft = draft_invoice(
        account, issue_date=issue_date, due_date=due_date, currency=currency, lines=lines
    )
    # Numbered last: the series counter stays locked until commit, so hold it briefly.
    year = draft.issue_date.year
    sequence = await uow.invoices.next_number(INVOICE_SERIES, year)
    invoice = draft.issue(str(uuid7()), invoice_number(INVOICE_SERIES, year, sequence))
    await uow.invoices.add(invoice)
    await uow.emit(
        InvoiceIssued(
            customer_id=invoice.customer_id,
            invoice_id=invoice.id,
            number=invoice.number,
            currency=invoice.currency,
            total=format_amount(invoice.total, invoice.currency),
            issue_date=invoice.issue_date,
            due_date=invoice.due_date,
        )
    )
    return invoice
