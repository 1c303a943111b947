"""Issue an invoice to a customer, post it to the journal, and tell the platform it is owed."""

from collections.abc import Sequence
from datetime import date

from uuid6 import uuid7

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.account import CustomerDirectory
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.books.postings import invoice_issued
from ledger_svc.domain.calendar import CALENDAR_DAYS, BusinessCalendar
from ledger_svc.domain.invoicing.invoice import INVOICE_SERIES, Invoice, invoice_number
from ledger_svc.domain.invoicing.invoice_draft import draft_invoice
from ledger_svc.domain.invoicing.pricing import LineRequest
from ledger_svc.domain.invoicing.terms import PaymentTerms
from ledger_svc.use_cases.books.open_customer_account import known_account
from ledger_svc.use_cases.books.post_journal_entry import post_journal_entry
from ledgerflow_events.contracts.ledger import InvoiceInstalment, InvoiceIssued, InvoiceTotals
from ledgerflow_events.tracing import use_case


@use_case
async def issue_invoice(
    uow: LedgerUnitOfWork,
    *,
    customer_id: str,
    issue_date: date,
    due_date: date | None,
    currency: str | None,
    lines: Sequence[LineRequest],
    series: str = INVOICE_SERIES,
    terms: PaymentTerms | None = None,
    calendar: BusinessCalendar = CALENDAR_DAYS,
    order_reference: str | None = None,
    contract_id: str | None = None,
    customers: CustomerDirectory | None = None,
) -> Invoice:
    """`customers`: where to ask about a customer the ledger has not heard of yet."""
    account = await known_account(uow, customer_id, customers)
    await uow.lock_customer(customer_id)
    draft = draft_invoice(
        account,
        issue_date=issue_date,
        due_date=due_date,
        currency=currency,
        lines=lines,
        terms=terms,
        calendar=calendar,
        order_reference=order_reference,
        contract_id=contract_id,
    )
    # Numbered last: the series counter stays locked until commit, so hold it briefly.
    year = draft.issue_date.year
    sequence = await uow.invoices.next_number(series, year)
    invoice = draft.issue(str(uuid7()), invoice_number(series, year, sequence))
    await uow.invoices.add(invoice)
    await post_journal_entry(uow, invoice_issued(invoice))
    await uow.emit(issued_event(invoice))
    return invoice


def issued_event(invoice: Invoice, *, opening: bool = False) -> InvoiceIssued:
    def money(minor: int) -> str:
        return format_amount(minor, invoice.currency)

    return InvoiceIssued(
        customer_id=invoice.customer_id,
        invoice_id=invoice.id,
        number=invoice.number,
        currency=invoice.currency,
        total=money(invoice.total),
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        totals=InvoiceTotals(net=money(invoice.net), tax=money(invoice.tax)),
        instalments=[
            InvoiceInstalment(due_date=i.due_date, amount=money(i.amount))
            for i in invoice.terms.schedule
        ],
        order_reference=invoice.order_reference,
        contract_id=invoice.contract_id,
        opening=opening,
    )
