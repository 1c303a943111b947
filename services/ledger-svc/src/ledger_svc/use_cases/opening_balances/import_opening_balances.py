"""Bring in the balances customers owed at a cut-over: per row an opening invoice for what
was invoiced and a payment for what of it was paid, dated on the cut-over date and posted
against opening_balance_equity (domain/opening_balances/plan.py). All or nothing."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ledger_svc.adapters.tables.messaging import outbox
from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.account import CustomerAccount, CustomerDirectory
from ledger_svc.domain.books.postings_opening import opening_invoice, opening_payment
from ledger_svc.domain.contracts import CustomerContract
from ledger_svc.domain.invoicing.invoice import Invoice, InvoiceStatus, invoice_number
from ledger_svc.domain.invoicing.invoice_import import ErrorReport
from ledger_svc.domain.invoicing.pricing import InvoiceLine
from ledger_svc.domain.invoicing.terms import fixed_due_date
from ledger_svc.domain.opening_balances.plan import (
    OPENING_SERIES,
    OpeningBalance,
    plan_opening_balances,
)
from ledger_svc.domain.opening_balances.rows import OpeningRow
from ledger_svc.domain.payments.allocation import Allocation
from ledger_svc.domain.payments.payment import Payment
from ledger_svc.use_cases.books.post_journal_entry import post_journal_entries
from ledger_svc.use_cases.invoicing.issue_invoice import issued_event
from ledger_svc.use_cases.payments import payment_events
from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.ids import time_ordered_ids

OPENING_REFERENCE = "Opening balance"
# At most this many customers of one file are asked of customer-svc, one call each.
MAX_ASKED = 2000


@dataclass(frozen=True)
class OpeningBalancesTaken:
    rows: int
    invoices_created: int
    payments_created: int


async def check_cutover_date(uow: LedgerUnitOfWork, cutover_date: date) -> None:
    """The cut-over date must be in an open period (409 period-closed, naming it) before
    anything is posted on it; the route has refused one after the business date."""
    (await uow.periods.closed()).ensure_open(cutover_date, field="cutover_date")


async def _learn_from_customer_svc(
    uow: LedgerUnitOfWork,
    customers: CustomerDirectory,
    rows: list[OpeningRow],
    accounts: dict[str, CustomerAccount],
    contracts: dict[str, list[CustomerContract]],
) -> None:
    """Customers and contracts the file names that customer-svc's events have not brought
    yet (a table filed a moment ago), asked of customer-svc and kept as its events would."""
    for code in sorted({r.customer_code for r in rows} - accounts.keys())[:MAX_ASKED]:
        found = await customers.find_by_code(code)
        if found is not None:
            await uow.accounts.open(found.account, found.registered_at)
            accounts[code] = await uow.accounts.get(found.account.customer_id) or found.account
    for code in sorted({r.customer_code for r in rows if r.contract_number})[:MAX_ASKED]:
        account = accounts.get(code)
        known = {c.number for c in contracts[account.customer_id]} if account else set()
        named = {r.contract_number for r in rows if r.customer_code == code}
        if account is None or named <= known:
            continue
        for contract in await customers.signed_contracts(account.customer_id):
            await uow.contracts.learn(contract)
            if contract.number not in known:
                contracts[account.customer_id].append(contract)


async def import_opening_balances(
    uow: LedgerUnitOfWork,
    *,
    rows: list[OpeningRow],
    report: ErrorReport,
    cutover_date: date,
    customers: CustomerDirectory | None = None,
) -> OpeningBalancesTaken:
    """`customers`: asked about customers and contracts the ledger has not heard of yet."""
    await check_cutover_date(uow, cutover_date)
    accounts = await uow.accounts.by_codes(sorted({r.customer_code for r in rows}))
    contracts: dict[str, list[CustomerContract]] = defaultdict(list)
    for contract in await uow.contracts.of_customers([a.customer_id for a in accounts.values()]):
        contracts[contract.customer_id].append(contract)
    if customers is not None:
        await _learn_from_customer_svc(uow, customers, rows, accounts, contracts)
    customer_ids = sorted({a.customer_id for a in accounts.values()})
    # Locked before the check of what is taken: two imports of one customer go in turn.
    await outbox.lock_streams(uow.session, customer_ids)
    planned = plan_opening_balances(
        report,
        rows,
        accounts=accounts,
        contracts=contracts,
        taken=await uow.invoices.opening_balances_of(customer_ids, OPENING_SERIES),
        cutover_date=cutover_date,
    )
    billed = [p for p in planned if p.invoiced > 0]
    if not billed:
        return OpeningBalancesTaken(len(rows), 0, 0)
    series_year = (OPENING_SERIES, cutover_date.year)
    number = (await uow.invoice_imports.take_numbers({series_year: len(billed)}))[series_year]
    ids = time_ordered_ids()
    events: list[EventData] = []
    payments: list[Payment] = []
    for n, balance in enumerate(billed):
        invoice = _invoice(
            balance, next(ids), invoice_number(OPENING_SERIES, cutover_date.year, number + n)
        )
        await uow.invoices.add(invoice)
        await post_journal_entries(uow, [opening_invoice(invoice)])
        # Marked, so consumers count the debt but no sale, and no cash received, on the day.
        events.append(issued_event(invoice, opening=True))
        if balance.paid:
            payment = _payment(balance, invoice, next(ids), cutover_date)
            payments.append(payment)
            await uow.payments.add_many([payment], [_settled(invoice, payment)])
            await post_journal_entries(uow, [opening_payment(payment)])
            events.append(payment_events.payment_received(payment, opening=True))
            events += payment_events.invoices_paid(
                payment.allocations,
                customer_id=payment.customer_id,
                currency=payment.currency,
                paid_on=cutover_date,
                totals={invoice.id: invoice.total},
            )
    await outbox.append_many(uow.session, events)
    return OpeningBalancesTaken(len(rows), len(billed), len(payments))


def _invoice(balance: OpeningBalance, invoice_id: str, number: str) -> Invoice:
    account, contract = balance.account, balance.contract
    description = OPENING_REFERENCE + (f", contract {contract.number}" if contract else "")
    line = InvoiceLine(description, Decimal(1), balance.invoiced, balance.invoiced)
    return Invoice(
        id=invoice_id,
        number=number,
        customer_id=account.customer_id,
        currency=account.currency,
        issue_date=balance.cutover_date,
        terms=fixed_due_date(
            balance.due_date, issue_date=balance.cutover_date, total=balance.invoiced
        ),
        net=balance.invoiced,
        tax=0,
        open_amount=balance.invoiced,
        lines=(line,),
        contract_id=contract.contract_id if contract else None,
    )


def _payment(balance: OpeningBalance, invoice: Invoice, payment_id: str, on: date) -> Payment:
    allocation = Allocation(invoice.id, balance.paid, balance.invoiced - balance.paid)
    return Payment(
        id=payment_id,
        customer_id=invoice.customer_id,
        currency=invoice.currency,
        amount=balance.paid,
        received_on=on,
        reference=OPENING_REFERENCE,
        allocations=(allocation,),
        unapplied_amount=0,
    )


def _settled(invoice: Invoice, payment: Payment) -> tuple[str, int, InvoiceStatus]:
    [allocation] = payment.allocations
    after = allocation.open_amount_after
    status = InvoiceStatus.PAID if after == 0 else InvoiceStatus.PARTIALLY_PAID
    return invoice.id, after, status
