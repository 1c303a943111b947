"""Apply a customer's credit to their open invoices (see domain/payments/credit_application.py)."""

from collections.abc import Sequence
from datetime import date

from uuid6 import uuid7

from ledger_svc.adapters.tables.messaging import outbox
from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.account import CustomerAccountNotFound
from ledger_svc.domain.books.postings_discounts import early_payment_discounts
from ledger_svc.domain.payments.credit_application import CreditApplication, apply_credit
from ledger_svc.domain.payments.payable_invoice import OpenInvoices
from ledger_svc.use_cases.books.post_journal_entry import post_journal_entries
from ledger_svc.use_cases.payments import payment_events


async def apply_customer_credit(
    uow: LedgerUnitOfWork,
    *,
    customer_id: str,
    applied_on: date,
    tax_adjusting: bool,
    invoice_ids: Sequence[str] = (),
) -> CreditApplication:
    """`tax_adjusting`: the ledger's policy; an early-payment discount the credit earns then
    takes back its share of the invoice's tax."""
    account = await uow.accounts.get(customer_id)
    if account is None:
        raise CustomerAccountNotFound(customer_id)
    await uow.lock_customer(customer_id)
    sources = await uow.customer_credit.sources(customer_id)
    invoices = OpenInvoices(await uow.payment_book.open_invoices([customer_id]))
    missing = [i for i in invoice_ids if i not in invoices]
    application = apply_credit(
        str(uuid7()),
        customer_id=customer_id,
        currency=account.currency,
        applied_on=applied_on,
        sources=sources,
        open_items=invoices.open_items(customer_id, applied_on),
        invoice_ids=invoice_ids,
        on_file=await uow.payment_book.on_file(missing) if missing else {},
    )
    invoices.settle(application.allocations)
    await uow.credit_applications.add(application)
    await uow.customer_credit.take(application.draws)
    await uow.payment_book.settle(invoices.settled())
    discount = early_payment_discounts(
        application.id,
        application.allocations,
        customer_id=customer_id,
        currency=account.currency,
        on=applied_on,
        taxed=invoices.taxed(application.allocations) if tax_adjusting else None,
    )
    await post_journal_entries(
        uow, [application.journal_entry(), *([discount] if discount else [])]
    )
    paid = payment_events.invoices_paid(
        application.allocations,
        customer_id=customer_id,
        currency=account.currency,
        paid_on=applied_on,
        totals={a.invoice_id: invoices[a.invoice_id].total for a in application.allocations},
    )
    await outbox.append_many(uow.session, [payment_events.payment_allocated(application), *paid])
    return application
