"""Record customer payments, one or a batch, and apply each to its customer's invoices.

Each payment is judged on its own and applied in the order given, against the invoices as
the payments before it left them; a refused payment writes nothing and does not stop the
others. The customers are locked once (in one order) before their invoices are read, and
everything accepted is written together: the same statements for one payment or a thousand.
"""

from collections.abc import Mapping, Sequence

from ledger_svc.adapters.tables.messaging import outbox
from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.account import CustomerAccount, UnknownCustomer
from ledger_svc.domain.books.journal import JournalEntry
from ledger_svc.domain.books.postings import payment_received
from ledger_svc.domain.books.postings_discounts import early_payment_discounts
from ledger_svc.domain.payments.cash_application import InvoiceOnFile
from ledger_svc.domain.payments.payable_invoice import OpenInvoices
from ledger_svc.domain.payments.payment import Payment
from ledger_svc.domain.payments.payment_receipt import PaymentInstruction, receive
from ledger_svc.domain.periods.accounting_period import ClosedPeriods
from ledger_svc.use_cases.books.post_journal_entry import post_journal_entries
from ledger_svc.use_cases.payments import payment_events
from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.ids import time_ordered_ids
from ledgerflow_platform.errors import DomainError


async def record_payments(
    uow: LedgerUnitOfWork, instructions: Sequence[PaymentInstruction], *, tax_adjusting: bool
) -> list[Payment | DomainError]:
    """Per instruction, in order: the payment recorded, or why it was refused.
    `tax_adjusting`: the ledger's policy; an early-payment discount then takes back its
    share of the invoice's tax (domain/books/postings_discounts.py)."""
    book = uow.payment_book
    # Locked before reading open amounts: concurrent payments of one customer apply in turn.
    # Unknown customers are not locked: their payments are refused without a trace.
    accounts = await book.lock_accounts({i.customer_id for i in instructions})
    invoices = OpenInvoices(await book.open_invoices(list(accounts)) if accounts else ())
    named = {n for i in instructions for n in i.named_invoices if n not in invoices}
    on_file = await book.on_file(named) if named else {}
    # A payment dated in a closed period is refused on its own, like any other refusal.
    closed = await uow.periods.closed()
    ids = time_ordered_ids()
    outcomes = [_receive(next(ids), i, accounts, invoices, on_file, closed) for i in instructions]
    received = [o for o in outcomes if isinstance(o, Payment)]
    if received:
        await uow.payments.add_many(received, invoices.settled())
        taxed = invoices if tax_adjusting else None
        await post_journal_entries(uow, [e for p in received for e in _entries(p, taxed)])
        await outbox.append_many(uow.session, [e for p in received for e in _events(p, invoices)])
    return outcomes


def _receive(
    payment_id: str,
    instruction: PaymentInstruction,
    accounts: Mapping[str, CustomerAccount],
    invoices: OpenInvoices,
    on_file: Mapping[str, InvoiceOnFile],
    closed: ClosedPeriods,
) -> Payment | DomainError:
    account = accounts.get(instruction.customer_id)
    if account is None:
        return UnknownCustomer(instruction.customer_id)
    try:
        closed.ensure_open(instruction.received_on, field="received_on")
        return receive(payment_id, instruction, account, invoices, on_file)
    except DomainError as refused:
        return refused


def _entries(payment: Payment, taxed: OpenInvoices | None) -> list[JournalEntry]:
    discount = early_payment_discounts(
        payment.id,
        payment.allocations,
        customer_id=payment.customer_id,
        currency=payment.currency,
        on=payment.received_on,
        taxed=taxed.taxed(payment.allocations) if taxed is not None else None,
    )
    return [payment_received(payment)] + ([discount] if discount else [])


def _events(payment: Payment, invoices: OpenInvoices) -> list[EventData]:
    paid = payment_events.invoices_paid(
        payment.allocations,
        customer_id=payment.customer_id,
        currency=payment.currency,
        paid_on=payment.received_on,
        totals={a.invoice_id: invoices[a.invoice_id].total for a in payment.allocations},
    )
    return [payment_events.payment_received(payment), *paid]
